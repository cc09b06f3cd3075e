// test-room-browser.mjs: the workshop room's page in a real browser
//
// Debian's chromium, driven by playwright-core, against journey-mapper
// --room on loopback: two participants join (one by name, one anonymous),
// each adds a card through the form, found by its accessible names; both
// see both cards, markup in a title stays text; both vote in the map's open
// round, and the saved file holds the cards and the dots. A third, whose
// browser asks for German, gets the page in German. Skips (exit status 77) without chromium or playwright-core.
//
// Usage: node test-room-browser.mjs JOURNEY-MAPPER SAMPLE.journey
//
// Copyright 2026 The Journey Mapper developers
// SPDX-License-Identifier: GPL-3.0-or-later

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const folder = mkdtempSync(join(tmpdir(), 'jm-room-browser-'));
const file = join(folder, 'Workshop.journey');
// The map comes with an open round of dot voting, as a facilitator leaves
// it for the room.
writeFileSync(file, readFileSync(sample, 'utf8')
  .replace('version="1.0"', 'version="1.1"')
  .replace('</journey>', '  <votes>\n    <round id="r1" dots="2"><question>Which moments hurt most?</question></round>\n  </votes>\n</journey>'));

const env = { ...process.env };
delete env.DISPLAY;
delete env.WAYLAND_DISPLAY;
const room = spawn(program, ['--room', file, '--listen=127.0.0.1:0'],
                   { env, stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => room.on('exit', (code, signal) => resolve({ code, signal })));
const address = await new Promise((resolve, reject) => {
  createInterface({ input: room.stdout }).once('line', resolve);
  room.once('exit', () => reject(new Error('the room ended before printing its address')));
});

function check (condition, what) {
  if (!condition)
    throw new Error(what);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
let failed = null;
try {
  const ana = await (await browser.newContext()).newPage();
  const ben = await (await browser.newContext()).newPage();
  const blocked = [];
  for (const page of [ana, ben]) {
    page.on('console', (message) => {
      if (message.type() === 'error')
        blocked.push(message.text());
    });
    page.on('dialog', () => blocked.push('a dialog opened'));
  }

  await ana.goto(address);
  await ana.getByLabel('Your name (optional)').fill('Ana');
  await ana.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.getByText('Joined as Ana.').waitFor();

  // A phone reads the map as a list, stage under stage; a wide screen as a
  // board, stages side by side.
  const stageBoxes = async () => {
    const boxes = await ana.locator('section.stage').evaluateAll((sections) =>
      sections.slice(0, 2).map((s) => { const r = s.getBoundingClientRect(); return [r.x, r.y]; }));
    return boxes;
  };
  await ana.setViewportSize({ width: 400, height: 800 });
  let [first, second] = await stageBoxes();
  check(first[0] === second[0] && second[1] > first[1], 'on a phone the stages are not one under the other');
  await ana.setViewportSize({ width: 1400, height: 900 });
  [first, second] = await stageBoxes();
  check(second[0] > first[0] && second[1] === first[1], 'on a wide screen the stages are not side by side');

  // A channel the map names by id reads as the app names it.
  await ana.locator('ul.cards li', { hasText: 'Instagram advert' }).getByText('Positive · Social media').waitFor();

  await ben.goto(address);
  await ben.getByRole('button', { name: 'Join anonymously' }).click();
  await ben.getByText('Joined anonymously.').waitFor();

  // Ana's card in the first cell, with markup that must stay text.
  const markup = '<img src=x onerror=alert(1)>Router lights';
  await ana.getByRole('textbox', { name: 'New card' }).fill(markup);
  await ana.getByRole('button', { name: 'Add card' }).click();
  await ana.getByText('Card added: ' + markup).waitFor();
  await ben.locator('ul.cards li', { hasText: markup }).waitFor();

  // Ben's card in the parking lot.
  await ben.getByLabel('Where').selectOption({ label: 'Parking lot' });
  await ben.getByRole('textbox', { name: 'New card' }).fill('Ask the installers');
  await ben.getByRole('button', { name: 'Add card' }).click();
  await ben.locator('#parking-lot li', { hasText: 'Ask the installers' }).waitFor();
  await ana.locator('#parking-lot li', { hasText: 'Ask the installers' }).waitFor();

  // A browser that asks for German gets the page in German, and adds a
  // card through the German names.
  const lena = await (await browser.newContext({ locale: 'de-DE' })).newPage();
  lena.on('console', (message) => {
    if (message.type() === 'error')
      blocked.push(message.text());
  });
  await lena.goto(address);
  await lena.getByRole('button', { name: 'Anonym beitreten' }).click();
  await lena.getByText('Anonym beigetreten.').waitFor();
  check(await lena.evaluate(() => document.documentElement.lang) === 'de', 'the German page is not marked de');
  await lena.getByLabel('Wohin').selectOption({ label: 'Parkplatz' });
  await lena.getByRole('textbox', { name: 'Neue Karte' }).fill('Techniker fragen');
  await lena.getByRole('button', { name: 'Karte hinzufügen' }).click();
  await lena.getByText('Karte hinzugefügt: Techniker fragen').waitFor();
  await ana.locator('#parking-lot li', { hasText: 'Techniker fragen' }).waitFor();

  // Both vote in the open round, on each other's cards.
  await ana.getByRole('heading', { name: 'Which moments hurt most?' }).waitFor();
  await ana.getByRole('button', { name: 'Vote for Ask the installers' }).click();
  await ana.getByText('You have 1 dot left.').waitFor();
  await ben.getByRole('button', { name: 'Vote for ' + markup }).click();
  await ben.getByText('You have 1 dot left.').waitFor();
  await ben.getByRole('button', { name: 'Vote for ' + markup }).click();
  await ben.getByText('You have 0 dots left.').waitFor();

  check(await ben.locator('#map img').count() === 0, 'markup in a title became an element');
  check(await ana.locator('#map img').count() === 0, 'markup in a title became an element');
  check(blocked.length === 0, 'the page reported: ' + blocked.join('; '));
} catch (e) {
  failed = e;
} finally {
  await browser.close();
  room.kill('SIGTERM');
}

const { code, signal } = await exited;
try {
  if (failed)
    throw failed;
  check(code === 0, `the room ended with status ${code} (${signal})`);
  const saved = readFileSync(file, 'utf8');
  check(/&lt;img src=x onerror=alert\(1\)(>|&gt;)Router lights/.test(saved), 'the saved file lacks Ana’s card');
  check(saved.includes('Ask the installers'), 'the saved file lacks Ben’s card');
  check(saved.includes('Techniker fragen'), 'the saved file lacks Lena’s card');
  check(/<vote [^>]*voter="Ana"[^>]*count="1"/.test(saved) || /<vote [^>]*count="1"[^>]*voter="Ana"/.test(saved),
        'the saved file lacks Ana’s dot');
  check(/count="2"/.test(saved), 'the saved file lacks Ben’s two dots');
  console.log('ok');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
