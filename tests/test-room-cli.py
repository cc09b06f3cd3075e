#!/usr/bin/python3
# test-room-cli.py: journey-mapper --room runs with no display, prints the
# join address first, takes a card over WebSocket, saves it, and ends with
# status 0 on SIGTERM (and on SIGINT).
#
# Usage: test-room-cli.py JOURNEY-MAPPER SAMPLE.journey
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

NS = '{https://journeymapper.github.io/ns/journey/1}'
TIMEOUT = 30


class Socket:
    """A minimal WebSocket client: text frames, masked, as RFC 6455 asks."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f'GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n'
                   'Upgrade: websocket\r\nConnection: Upgrade\r\n'
                   f'Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n')
        self.sock.sendall(request.encode())
        self.buffer = b''
        while b'\r\n\r\n' not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError('the room closed the handshake')
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b'\r\n\r\n', 1)
        if not head.startswith(b'HTTP/1.1 101'):
            raise RuntimeError('no WebSocket: ' + head.decode(errors='replace'))

    def send(self, message):
        data = json.dumps(message).encode()
        mask = os.urandom(4)
        if len(data) < 126:
            header = struct.pack('!BB', 0x81, 0x80 | len(data))
        else:
            header = struct.pack('!BBH', 0x81, 0x80 | 126, len(data))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(header + mask + masked)

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError('the room closed the connection')
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        while True:
            first, second = self._read(2)
            length = second & 0x7f
            if length == 126:
                length = struct.unpack('!H', self._read(2))[0]
            elif length == 127:
                length = struct.unpack('!Q', self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0f
            if opcode == 1:
                return json.loads(payload)
            if opcode == 8:
                raise RuntimeError('the room closed the connection')


def refuses_bodies(address):
    """A request with a body is answered at once, its body never read."""
    parts = urllib.parse.urlsplit(address)
    for path in (parts.path, parts.path + 'ws'):
        for head in ('POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n',
                     'GET %s HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n'):
            with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT) as sock:
                sock.sendall((head % path).encode())
                answer = sock.recv(100)
                assert answer.startswith(b'HTTP/1.1 400'), (head, answer)


def saved_ids(path):
    # The save is atomic: the file is whole at every moment it is read.
    return {tp.get('id') for tp in ET.parse(path).iter(NS + 'touchpoint')}


def run_room(program, path, stop_signal, title):
    env = dict(os.environ)
    # No display: the headless room must not need one.
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    process = subprocess.Popen([program, '--room', path, '--listen=127.0.0.1:0'],
                               stdout=subprocess.PIPE, env=env)
    try:
        address = process.stdout.readline().decode().strip()
        if not address.startswith('http://127.0.0.1:') or '/j/' not in address:
            raise AssertionError('the first line is not the join address: %r' % address)
        ws = Socket(address.replace('http://', 'ws://', 1) + 'ws')
        ws.send({'type': 'hello', 'version': 1, 'name': 'Test'})
        welcome = ws.receive()
        assert welcome['type'] == 'welcome', welcome
        stage = welcome['map']['stages'][0]['id']
        lane = welcome['map']['lanes'][0]['id']
        ws.send({'type': 'add-card', 'request': 'r1', 'stage': stage, 'lane': lane,
                 'title': title, 'emotion': 1})
        added = ws.receive()
        assert added['type'] == 'card-added' and added['request'] == 'r1', added
        card_id = added['card']['id']
        refuses_bodies(address)
        # Saved while the room runs, not only when it stops (within two
        # seconds; the bound here only keeps a broken save from hanging).
        deadline = time.monotonic() + TIMEOUT
        while card_id not in saved_ids(path):
            assert time.monotonic() < deadline, 'the card was not saved while the room ran'
            time.sleep(0.05)
        process.send_signal(stop_signal)
        status = process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if status != 0:
        raise AssertionError('exit status %d after %s' % (status, stop_signal.name))
    tree = ET.parse(path)
    cards = {tp.get('id'): tp for tp in tree.iter(NS + 'touchpoint')}
    assert card_id in cards, 'the saved file lacks the card %s' % card_id
    assert cards[card_id].findtext(NS + 'title') == title
    assert cards[card_id].get('stage') == stage and cards[card_id].get('lane') == lane
    return status


def usage_errors(program, sample):
    """Command lines refused with status 2 before any room opens."""
    for args in (['--listen=127.0.0.1:0', sample],
                 ['--room'],
                 ['--room', sample, sample],
                 ['--room', '--check', sample],
                 ['--room', '--listen=127.0.0.1', sample],
                 ['--room', '--listen=example.org:80', sample]):
        result = subprocess.run([program] + args, capture_output=True, timeout=TIMEOUT)
        assert result.returncode == 2, '%s: status %d' % (args, result.returncode)
        assert result.stdout == b'', '%s printed %r' % (args, result.stdout)
        assert result.stderr.strip(), '%s said nothing' % args


def steady_stream(program, path):
    """Cards that keep coming across several saves, some of them while a
    save runs, then SIGTERM at once after the last: the file holds all."""
    process = subprocess.Popen([program, '--room', path, '--listen=127.0.0.1:0'],
                               stdout=subprocess.PIPE)
    titles = []
    try:
        address = process.stdout.readline().decode().strip()
        sockets = [Socket(address.replace('http://', 'ws://', 1) + 'ws') for _ in range(2)]
        for ws in sockets:
            ws.send({'type': 'hello'})
            welcome = ws.receive()
        stage = welcome['map']['stages'][0]['id']
        for i in range(60):
            ws = sockets[i % 2]
            titles.append('stream %d' % i)
            ws.send({'type': 'add-card', 'request': 'r%d' % i, 'stage': stage,
                     'lane': 'parking-lot', 'title': titles[-1]})
            while ws.receive().get('request') != 'r%d' % i:
                pass
            time.sleep(0.06)
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert status == 0, 'exit status %d' % status
    saved = [tp.findtext(NS + 'title') for tp in ET.parse(path).iter(NS + 'touchpoint')]
    missing = [title for title in titles if title not in saved]
    assert not missing, 'not saved: %s' % missing


def votes_from_the_room(program, sample, folder):
    """A map whose voting round is open: the headless room takes a
    participant's dots and saves them in the file."""
    path = os.path.join(folder, 'Voting.journey')
    with open(sample, encoding='utf-8') as f:
        text = f.read()
    text = text.replace('version="1.0"', 'version="1.1"', 1)
    text = text.replace('</journey>', '  <votes>\n    <round id="r1" dots="3"><question>Which moments hurt most?'
                        '</question></round>\n  </votes>\n</journey>', 1)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    env = dict(os.environ)
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    process = subprocess.Popen([program, '--room', path, '--listen=127.0.0.1:0'],
                               stdout=subprocess.PIPE, env=env)
    try:
        address = process.stdout.readline().decode().strip()
        ws = Socket(address.replace('http://', 'ws://', 1) + 'ws')
        ws.send({'type': 'hello', 'version': 1, 'name': 'Ana'})
        welcome = ws.receive()
        assert welcome['type'] == 'welcome', welcome
        assert welcome['round']['question'] == 'Which moments hurt most?', welcome['round']
        assert welcome['round']['remaining'] == 3, welcome['round']
        card = welcome['map']['cards'][0]['id']
        for remaining in (2, 1):
            ws.send({'type': 'vote', 'card': card})
            answer = ws.receive()
            assert answer['type'] == 'round' and answer['round']['remaining'] == remaining, answer
        deadline = time.monotonic() + TIMEOUT
        while True:
            votes = list(ET.parse(path).iter(NS + 'vote'))
            if votes:
                break
            assert time.monotonic() < deadline, 'the dots were not saved while the room ran'
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert status == 0, 'exit status %d' % status
    votes = list(ET.parse(path).iter(NS + 'vote'))
    assert len(votes) == 1, votes
    assert votes[0].get('touchpoint') == card and votes[0].get('voter') == 'Ana', votes[0].attrib
    assert votes[0].get('count') == '2', votes[0].attrib
    os.remove(path)


def main():
    program, sample = sys.argv[1], sys.argv[2]
    usage_errors(program, sample)
    folder = tempfile.mkdtemp(prefix='jm-room-cli-')
    try:
        path = os.path.join(folder, 'Workshop.journey')
        shutil.copy(sample, path)
        run_room(program, path, signal.SIGTERM, 'Card <one> & "quoted"')
        # Again on the saved file, stopped with SIGINT: both cards are kept.
        run_room(program, path, signal.SIGINT, 'Card two')
        titles = [tp.findtext(NS + 'title') for tp in ET.parse(path).iter(NS + 'touchpoint')]
        assert 'Card <one> & "quoted"' in titles and 'Card two' in titles
        steady_stream(program, path)
        votes_from_the_room(program, sample, folder)
        leftovers = [name for name in os.listdir(folder) if name != 'Workshop.journey']
        assert not leftovers, 'files left beside the map: %s' % leftovers
    finally:
        shutil.rmtree(folder)
    print('ok')


if __name__ == '__main__':
    main()
