#!/usr/bin/python3
# test-desktop-instance.py: one instance, reached by launches and by D-Bus
#
# Run inside an X server (xvfb-run -a). Starts a private session bus whose
# service directory holds the app's D-Bus service file, then acts as GNOME
# Shell and a file manager would:
#   1. activates the app by its bus name (DBusActivatable=true): the bus
#      starts it through the service file and it shows one window;
#   2. launches it from the command line with a map: that process hands the
#      file to the running instance and exits with 0, and the instance shows
#      a second window;
#   3. calls org.freedesktop.Application.Open with another map: a third
#      window, in the same process.
# Windows are told apart by _NET_WM_PID, so a process that opened its own
# window instead of handing over cannot pass.
#
# Usage: test-desktop-instance.py APP MAP SERVICE-FILE
#
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
OBJECT_PATH = '/' + APP_ID.replace('.', '/')
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


def wait_for_windows(pid, count):
    wait_for('%d windows in process %d' % (count, pid),
             lambda: len(windows_of(pid)) == count)
    names = window_names(pid)
    print('ok: process %d shows %d window(s): %s' % (pid, count, names))
    return names


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
        for name in ('bicycle', 'second'):
            shutil.copy(map_file, os.path.join(home, name + '.journey'))

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
        shutil.rmtree(home, ignore_errors=True)


def inner(app, home):
    pid = None
    try:
        # 1. D-Bus activation, as GNOME Shell starts a DBusActivatable app.
        status, out = gdbus(APP_ID, OBJECT_PATH, 'org.freedesktop.Application.Activate', '{}')
        assert status == 0, 'activation over D-Bus failed: ' + out
        pid = wait_for('the activated app on the bus', app_pid)
        print('ok: the bus started the app through its service file (process %d)' % pid)
        wait_for_windows(pid, 1)

        # 2. A second launch from the command line hands its file over.
        second = subprocess.run([app, 'bicycle.journey'], cwd=home, timeout=PATIENCE)
        assert second.returncode == 0, 'the second launch exited with %d' % second.returncode
        print('ok: the second launch handed its file over and exited with 0')
        assert app_pid() == pid, 'the first instance lost its bus name'
        wait_for_windows(pid, 2)

        # 3. A file manager opens a map through org.freedesktop.Application.
        uri = 'file://' + os.path.join(home, 'second.journey')
        status, out = gdbus(APP_ID, OBJECT_PATH, 'org.freedesktop.Application.Open',
                            "['%s']" % uri, '{}')
        assert status == 0, 'Open over D-Bus failed: ' + out
        wait_for_windows(pid, 3)
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
