// test-room-control-browser.mjs: the facilitator's controls, as a
// participant's page shows them
//
// Debian's chromium, driven by playwright-core, against a room that takes
// the facilitator's commands on standard input (room-facilitator): a
// locked room tells a newcomer so, and takes back a participant who
// reloads the page; in private mode a card is held, seen by nobody until
// accepted; a participant votes with their dots in the facilitator's
// round and sees the workshop timer; a removed participant is told so
// and offered no way back.
// Skips (exit status 77) without chromium or playwright-core.
//
// Usage: node test-room-control-browser.mjs ROOM-FACILITATOR SAMPLE.journey
//
// Copyright 2026 The Journey Mapper developers
// SPDX-License-Identifier: GPL-3.0-or-later

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SKIP = 77;
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!chromiumPath) {
  console.log('chromium is not installed: skipped');
  process.exit(SKIP);
}
let chromium;
try {
  chromium = createRequire(import.meta.url)('playwright-core').chromium;
} catch (e) {
  console.log('playwright-core is not installed (npm install in tests/browser): skipped');
  process.exit(SKIP);
}

const [program, sample] = process.argv.slice(2);
const folder = mkdtempSync(join(tmpdir(), 'jm-room-control-'));
const file = join(folder, 'Workshop.journey');
copyFileSync(sample, file);

const room = spawn(program, [file], { stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => room.on('exit', (code, signal) => resolve({ code, signal })));
const lines = createInterface({ input: room.stdout })[Symbol.asyncIterator]();
const first = await lines.next();
if (first.done)
  throw new Error('the room ended before printing its address');
const address = first.value;

function check (condition, what) {
  if (!condition)
    throw new Error(what);
}

// The facilitator's command, as the room's panel gives it.
async function facilitator (command) {
  room.stdin.write(command + '\n');
  const answer = await lines.next();
  check(!answer.done && answer.value === 'ok', `the room refused “${command}”`);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
let failed = null;
try {
  const ana = await (await browser.newContext()).newPage();
  const late = await (await browser.newContext()).newPage();

  await ana.goto(address);
  await ana.getByLabel('Your name (optional)').fill('Ana');
  await ana.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.getByText('Joined as Ana.').waitFor();

  // Locked: Ana is told; a newcomer is refused with the reason.
  await facilitator('lock');
  await ana.getByText('The room is locked to newcomers.').waitFor();
  await late.goto(address);
  await late.getByRole('button', { name: 'Join anonymously' }).click();
  await late.getByText('The room is locked: nobody new can join. Ask the facilitator.').waitFor();
  check(await late.locator('#add').isHidden(), 'a refused newcomer was offered the card form');

  // Ana's page reloads: the same tab joins again, locked or not.
  await ana.reload();
  await ana.getByLabel('Your name (optional)').fill('Ana');
  await ana.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.getByText('Joined as Ana.').waitFor();

  // Private: her card is held, and not on her page until accepted.
  await facilitator('private');
  await ana.getByText('Private mode: your cards stay hidden until the facilitator reveals them.').waitFor();
  await ana.getByRole('textbox', { name: 'New card' }).fill('Quiet idea');
  await ana.getByRole('button', { name: 'Add card' }).click();
  await ana.getByText('Card held for the facilitator: Quiet idea').waitFor();
  check(await ana.locator('ul.cards li', { hasText: 'Quiet idea' }).count() === 0,
        'a held card is on the page');
  await facilitator('accept-all');
  await ana.locator('ul.cards li', { hasText: 'Quiet idea' }).waitFor();

  // Dot voting: the question and the dots left show; a dot goes on a card
  // with a button named for it, reaches the facilitator's map, and can be
  // taken back; with no dots left the buttons are off.
  await facilitator('round 2 Which moments hurt most?');
  await ana.getByRole('heading', { name: 'Which moments hurt most?' }).waitFor();
  await ana.getByText('You have 2 dots left.').waitFor();
  await ana.getByRole('button', { name: 'Vote for Quiet idea' }).click();
  await ana.getByText('You have 1 dot left.').waitFor();
  await ana.getByRole('button', { name: 'Vote for Quiet idea' }).click();
  await ana.getByText('You have 0 dots left.').waitFor();
  check(await ana.getByRole('button', { name: 'Vote for Quiet idea' }).isDisabled(),
        'a participant with no dots left could still vote');
  room.stdin.write('dots Quiet idea\n');
  const dots = await lines.next();
  check(dots.value === '2', `the map holds ${dots.value} dots, not 2`);
  await lines.next();
  await ana.getByRole('button', { name: 'Take a dot back from Quiet idea' }).click();
  await ana.getByText('You have 1 dot left.').waitFor();
  await facilitator('close-round');
  await ana.locator('#round').waitFor({ state: 'hidden' });

  // The workshop timer counts down on the page.
  await facilitator('timer 300');
  await ana.locator('#timer').waitFor();
  const shown = await ana.locator('#timer').textContent();
  check(/^[45]:[0-5][0-9]$/.test(shown), `the page's timer shows “${shown}”`);

  // Removed: told so, and no button to join again.
  await facilitator('remove Ana');
  await ana.getByText('The facilitator removed you from the room.').waitFor();
  await ana.locator('#add').waitFor({ state: 'hidden' });
  check(await ana.locator('#rejoin').isHidden(), 'a removed participant was offered to join again');
} catch (e) {
  failed = e;
} finally {
  await browser.close();
  room.stdin.end('quit\n');
}

const { code, signal } = await exited;
rmSync(folder, { recursive: true, force: true });
if (failed)
  throw failed;
check(code === 0, `the room ended with status ${code} (${signal})`);
console.log('ok');
