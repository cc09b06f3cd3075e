#!/usr/bin/python3
# test-desktop-instance.py: a second launch opens its file in the running app
#
# Run inside an X server and a session bus (xvfb-run -a dbus-run-session).
# Starts the app, waits until it owns its bus name and shows a window, then
# launches it again with a map. The second process must hand the file over
# and exit with 0, and the first must then show a second window, for the map.
#
# Usage: test-desktop-instance.py APP MAP
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.journeymapper.JourneyMapper'
# Generous bounds for a loaded machine; they only stop a hung test, the
# test asserts no durations.
PATIENCE = 60


def wait_for(what, condition):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError('gave up waiting for ' + what)


def bus_name_owned():
    out = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                          '--object-path', '/org/freedesktop/DBus',
                          '--method', 'org.freedesktop.DBus.NameHasOwner', APP_ID],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True)
    return out.returncode == 0 and 'true' in out.stdout


def windows_of(pid):
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid),
                          '--class', 'journey-mapper'],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True)
    return [w for w in out.stdout.split() if w.isdigit()]


def window_name(window):
    out = subprocess.run(['xdotool', 'getwindowname', window], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, universal_newlines=True)
    return out.stdout.strip()


def main():
    app, map_file = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    home = tempfile.mkdtemp(prefix='jm-instance-')
    env = dict(os.environ)
    for name in ('DATA', 'CONFIG', 'STATE', 'CACHE'):
        env['XDG_%s_HOME' % name] = os.path.join(home, name.lower())
    # A path of its own, so the map's name is what the window shows.
    shutil.copy(map_file, os.path.join(home, 'bicycle.journey'))

    first = subprocess.Popen([app], env=env, cwd=home)
    try:
        wait_for('the first instance to own ' + APP_ID, bus_name_owned)
        before = wait_for('the first window', lambda: windows_of(first.pid))
        print('ok: first instance %d shows %d window(s): %s'
              % (first.pid, len(before), [window_name(w) for w in before]))
        assert len(before) == 1, 'a plain launch must show one window'

        second = subprocess.run([app, 'bicycle.journey'], env=env, cwd=home,
                                timeout=PATIENCE)
        assert second.returncode == 0, 'the second launch exited with %d' % second.returncode
        print('ok: second launch handed over and exited with 0')
        assert first.poll() is None, 'the first instance quit'

        after = wait_for('a second window in the first instance',
                         lambda: (lambda w: w if len(w) == 2 else None)(windows_of(first.pid)))
        names = [window_name(w) for w in after]
        print('ok: first instance %d now shows %d windows: %s' % (first.pid, len(after), names))
        return 0
    finally:
        first.terminate()
        try:
            first.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            first.kill()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == '__main__':
    try:
        sys.exit(main())
    except AssertionError as error:
        print('FAIL: %s' % error)
        sys.exit(1)
