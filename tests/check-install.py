#!/usr/bin/python3
# check-install.py: meson install puts every file where GNOME looks for it
#
# Installs the build into a temporary DESTDIR and checks the binary, the
# launcher and its D-Bus service, the metainfo, the three icons, the
# settings schema, the MIME package, the manual page and a message
# catalogue for each language in po/LINGUAS, then runs the installed
# binary away from the source tree.
#
# Usage: check-install.py MESON BUILD-ROOT SOURCE-ROOT PREFIX BINDIR DATADIR LOCALEDIR VERSION [MANDIR]
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import os
import subprocess
import sys
import tempfile

APP_ID = 'io.github.journeymapper.JourneyMapper'


def languages(source_root):
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f for w in line.split('#', 1)[0].split()]


def main():
    meson, build_root, source_root, prefix, bindir, datadir, localedir, project_version = sys.argv[1:9]
    mandir = sys.argv[9] if len(sys.argv) > 9 else os.path.join(datadir, 'man')
    problems = []

    with tempfile.TemporaryDirectory(prefix='jm-install-') as destdir:
        env = dict(os.environ, DESTDIR=destdir)
        run = subprocess.run([meson, 'install', '-C', build_root, '--no-rebuild', '--quiet',
                              '--destdir', destdir],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True)
        if run.returncode != 0:
            print(run.stdout)
            print('meson install failed with status %d' % run.returncode)
            return 1

        def under(*parts):
            # Meson's directory options are relative to the prefix unless absolute.
            path = os.path.join(prefix, *parts)
            return os.path.join(destdir, path.lstrip('/'))

        expected = {
            'binary': under(bindir, 'journey-mapper'),
            'desktop file': under(datadir, 'applications', APP_ID + '.desktop'),
            'metainfo': under(datadir, 'metainfo', APP_ID + '.metainfo.xml'),
            'application icon': under(datadir, 'icons', 'hicolor', 'scalable', 'apps',
                                      APP_ID + '.svg'),
            'symbolic icon': under(datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                                   APP_ID + '-symbolic.svg'),
            'file type icon': under(datadir, 'icons', 'hicolor', 'scalable', 'mimetypes',
                                    APP_ID + '-application-x-journey-map.svg'),
            'settings schema': under(datadir, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml'),
            'MIME package': under(datadir, 'mime', 'packages', APP_ID + '.xml'),
            'D-Bus service': under(datadir, 'dbus-1', 'services', APP_ID + '.service'),
            'manual page': under(mandir, 'man1', 'journey-mapper.1'),
        }
        for lang in languages(source_root):
            expected['%s translation' % lang] = under(localedir, lang, 'LC_MESSAGES',
                                                      'journey-mapper.mo')

        for what, path in expected.items():
            if os.path.isfile(path) and os.path.getsize(path) > 0:
                print('ok: %s at %s' % (what, os.path.relpath(path, destdir)))
            else:
                problems.append('%s missing: %s' % (what, os.path.relpath(path, destdir)))

        binary = expected['binary']
        if os.path.isfile(binary) and not os.access(binary, os.X_OK):
            problems.append('the binary is not executable')

        # Nothing may land outside the prefix.
        top = os.path.join(destdir, prefix.lstrip('/'))
        for directory, _, names in os.walk(destdir):
            for name in names:
                path = os.path.join(directory, name)
                if os.path.commonpath([path, top]) != top:
                    problems.append('installed outside the prefix: ' + os.path.relpath(path, destdir))

        desktop = expected['desktop file']
        if os.path.isfile(desktop):
            entry = configparser.ConfigParser(interpolation=None)
            entry.optionxform = str
            entry.read(desktop, encoding='utf-8')
            command = entry.get('Desktop Entry', 'Exec', fallback='').split()
            if not command or command[0] != os.path.basename(binary):
                problems.append('Exec= runs %r, not the installed binary' % command[:1])
            if entry.get('Desktop Entry', 'Icon', fallback='') != APP_ID:
                problems.append('Icon= is not the application id')

        service = expected['D-Bus service']
        if os.path.isfile(service):
            entry = configparser.ConfigParser(interpolation=None)
            entry.optionxform = str
            entry.read(service, encoding='utf-8')
            if entry.get('D-BUS Service', 'Name', fallback='') != APP_ID:
                problems.append('the D-Bus service is not named ' + APP_ID)
            command = entry.get('D-BUS Service', 'Exec', fallback='').split()
            installed = os.path.join(prefix, bindir, 'journey-mapper')
            if not command or command[0] != installed:
                problems.append('the D-Bus service runs %r, not %s' % (command[:1], installed))

        schemas = os.path.dirname(expected['settings schema'])
        if os.path.isdir(schemas):
            check = subprocess.run(['glib-compile-schemas', '--strict', '--dry-run', schemas],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True)
            if check.returncode != 0:
                problems.append('installed schema does not compile: ' + check.stdout.strip())

        # The installed binary carries its resources: it runs from anywhere,
        # without the source or build tree, and without a display.
        if os.path.isfile(binary):
            env = {k: v for k, v in os.environ.items()
                   if k not in ('DISPLAY', 'WAYLAND_DISPLAY', 'G_TEST_SRCDIR', 'G_TEST_BUILDDIR')}
            version = subprocess.run([binary, '--version'], cwd=destdir, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     universal_newlines=True)
            if version.returncode != 0 or project_version not in version.stdout.split():
                problems.append('the installed binary fails --version: %s' % version.stdout.strip())
            else:
                print('ok: installed binary says %s' % version.stdout.strip())

    for problem in problems:
        print('FAIL: ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
