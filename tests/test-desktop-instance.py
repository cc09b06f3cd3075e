#!/usr/bin/python3
# test-desktop-instance.py: one instance, reached by launches and by D-Bus
#
# Run inside an X server (xvfb-run -a). Starts a private session bus whose
# service directory holds the app's D-Bus service file, then acts as GNOME
# Shell and a file manager would:
#   1. activates the app by its bus name (DBusActivatable=true): the bus
#      starts it through the service file and it shows its start window;
#   2. launches it from the command line with a map: that process hands the
#      file to the running instance and exits with 0, and the start window
#      shows the map;
#   3. calls org.freedesktop.Application.Open with a second map: a second
#      window, in the same process;
#   4. opens the first map again, then a third: the first is not opened
#      twice, so the third makes three windows, not four;
#   5. runs the launcher's "New Window" action over D-Bus and then its Exec
#      line: each opens one more window in the same process.
# Windows are told apart by _NET_WM_PID, so a process that opened its own
# window instead of handing over cannot pass; each window's name is its
# map's title.
#
# Usage: test-desktop-instance.py APP MAP SERVICE-FILE
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.journeymapper.JourneyMapper'
# The built launcher, whose actions the test runs as a launcher would.
DESKTOP_FILE = os.environ.get('JM_DESKTOP_FILE', '')
OBJECT_PATH = '/' + APP_ID.replace('.', '/')
# Generous bounds for a loaded machine; they only stop a hung test, the
# test asserts no durations.
PATIENCE = 60
# The maps the test opens, by file name and title.
MAPS = {
    'bicycle': 'Buying a bicycle online',
    'insurance': 'Insuring the bicycle',
    'repair': 'Getting the bicycle repaired',
}


def wait_for(what, condition):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError('gave up waiting for ' + what)


def gdbus(dest, path, method, *args):
    out = subprocess.run(['gdbus', 'call', '--session', '--timeout', str(PATIENCE),
                          '--dest', dest, '--object-path', path, '--method', method] + list(args),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    return out.returncode, out.stdout.strip() or out.stderr.strip()


def app_pid():
    status, out = gdbus('org.freedesktop.DBus', '/org/freedesktop/DBus',
                        'org.freedesktop.DBus.GetConnectionUnixProcessID', APP_ID)
    match = re.search(r'uint32 (\d+)', out) if status == 0 else None
    return int(match.group(1)) if match else None


def windows_of(pid):
    out = subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(pid),
                          '--class', 'journey-mapper'],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True)
    return [w for w in out.stdout.split() if w.isdigit()]


def window_names(pid):
    names = []
    for window in windows_of(pid):
        out = subprocess.run(['xdotool', 'getwindowname', window], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, universal_newlines=True)
        names.append(out.stdout.strip())
    return names


def wait_for_windows(pid, names):
    """Waits until the windows of @pid carry exactly @names."""
    want = sorted(names)
    wait_for('windows %s in process %d' % (want, pid),
             lambda: sorted(window_names(pid)) == want)
    print('ok: process %d shows %d window(s): %s' % (pid, len(want), want))


def desktop_action_exec(action):
    """The Exec line of a [Desktop Action] in the launcher, split."""
    section = None
    with open(DESKTOP_FILE, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line.startswith('['):
                section = line
            elif section == '[Desktop Action %s]' % action and line.startswith('Exec='):
                return line[len('Exec='):].split()
    raise AssertionError('the launcher has no action ' + action)


def outer(app, map_file, service_file):
    """Prepares a home and a service directory, then runs inner() on a
    private session bus that knows the service."""
    home = tempfile.mkdtemp(prefix='jm-instance-')
    try:
        services = os.path.join(home, 'share', 'dbus-1', 'services')
        os.makedirs(services)
        with open(service_file, encoding='utf-8') as f:
            service = f.read()
        # The built file names the installed binary; run the one under test.
        service, n = re.subn(r'(?m)^Exec=\S+', 'Exec=' + app, service)
        assert n == 1, 'the service file has no Exec line'
        with open(os.path.join(services, APP_ID + '.service'), 'w', encoding='utf-8') as f:
            f.write(service)
        with open(map_file, encoding='utf-8') as f:
            source = f.read()
        title = re.search(r'<title>([^<]*)</title>', source).group(1)
        for name in MAPS:
            with open(os.path.join(home, name + '.journey'), 'w', encoding='utf-8') as f:
                f.write(source.replace('<title>%s</title>' % title,
                                       '<title>%s</title>' % MAPS[name], 1))

        env = dict(os.environ)
        env['HOME'] = home
        for name in ('DATA', 'CONFIG', 'STATE', 'CACHE'):
            env['XDG_%s_HOME' % name] = os.path.join(home, name.lower())
        env['XDG_DATA_DIRS'] = os.path.join(home, 'share') + ':' + \
            os.environ.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
        run = subprocess.run(['dbus-run-session', '--', sys.executable, os.path.abspath(__file__),
                              '--inner', app, home], env=env, cwd=home)
        return run.returncode
    finally:
        # The session's document portal may have mounted a FUSE folder in
        # the temporary home; once the bus is gone, looking into it fails
        # with ECONNABORTED, which rmtree's ignore_errors does not cover.
        try:
            shutil.rmtree(home, ignore_errors=True)
        except OSError:
            pass


def inner(app, home):
    def open_uris(names):
        uris = ['file://' + os.path.join(home, name + '.journey') for name in names]
        status, out = gdbus(APP_ID, OBJECT_PATH, 'org.freedesktop.Application.Open',
                            repr(uris), '{}')
        assert status == 0, 'Open over D-Bus failed: ' + out

    pid = None
    try:
        # 1. D-Bus activation, as GNOME Shell starts a DBusActivatable app.
        status, out = gdbus(APP_ID, OBJECT_PATH, 'org.freedesktop.Application.Activate', '{}')
        assert status == 0, 'activation over D-Bus failed: ' + out
        pid = wait_for('the activated app on the bus', app_pid)
        print('ok: the bus started the app through its service file (process %d)' % pid)
        wait_for_windows(pid, ['Journey Mapper'])

        # 2. A second launch from the command line hands its file over; the
        #    start window, still empty, shows the map.
        second = subprocess.run([app, 'bicycle.journey'], cwd=home, timeout=PATIENCE)
        assert second.returncode == 0, 'the second launch exited with %d' % second.returncode
        print('ok: the second launch handed its file over and exited with 0')
        assert app_pid() == pid, 'the first instance lost its bus name'
        wait_for_windows(pid, [MAPS['bicycle']])

        # 3. A file manager opens a map through org.freedesktop.Application.
        open_uris(['insurance'])
        wait_for_windows(pid, [MAPS['bicycle'], MAPS['insurance']])

        # 4. A map already open is shown, not opened twice.
        open_uris(['bicycle'])
        open_uris(['repair'])
        wait_for_windows(pid, [MAPS['bicycle'], MAPS['insurance'], MAPS['repair']])

        # 5. The launcher's "New Window": over D-Bus, as GNOME Shell does for
        #    a DBusActivatable app, then through the action's Exec line.
        status, out = gdbus(APP_ID, OBJECT_PATH, 'org.freedesktop.Application.ActivateAction',
                            'new-window', '[]', '{}')
        assert status == 0, 'ActivateAction new-window failed: ' + out
        opened = [MAPS['bicycle'], MAPS['insurance'], MAPS['repair']]
        wait_for_windows(pid, opened + ['Journey Mapper'])
        exec_line = desktop_action_exec('new-window')
        assert exec_line == ['journey-mapper', '--new-window'], exec_line
        third = subprocess.run([app] + exec_line[1:], cwd=home, timeout=PATIENCE)
        assert third.returncode == 0, 'journey-mapper --new-window exited with %d' % third.returncode
        wait_for_windows(pid, opened + ['Journey Mapper', 'Journey Mapper'])
        return 0
    finally:
        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


def main():
    try:
        if sys.argv[1] == '--inner':
            return inner(os.path.abspath(sys.argv[2]), sys.argv[3])
        return outer(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]),
                     os.path.abspath(sys.argv[3]))
    except (AssertionError, subprocess.TimeoutExpired) as error:
        print('FAIL: %s' % error)
        return 1


if __name__ == '__main__':
    sys.exit(main())
