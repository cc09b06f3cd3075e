#!/usr/bin/python3
# check-flatpak.py: the Flatpak manifest builds this app in a current sandbox
#
# The GNOME runtime cannot be fetched here, so this reads the manifest and
# checks what flatpak-builder and the sandbox would act on: the app id,
# runtime and SDK, the command, the sandbox holes (files come through the
# portal, never through home or host access) and one meson module whose
# options this project declares.
#
# Usage: check-flatpak.py MANIFEST SOURCE-ROOT
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

APP_ID = 'io.github.journeymapper.JourneyMapper'
# The network: the workshop room serves participants' phones on the local
# network, which a sandbox without it cannot.
REQUIRED_ARGS = {'--share=ipc', '--share=network', '--socket=fallback-x11', '--socket=wayland',
                 '--device=dri'}
# Oldest GNOME runtime still receiving updates when this was written.
OLDEST_RUNTIME = 48

problems = []


def need(condition, message):
    if not condition:
        problems.append(message)


def declared_options(source_root):
    names = set()
    for name in ('meson_options.txt', 'meson.options'):
        path = os.path.join(source_root, name)
        if os.path.isfile(path):
            with open(path, encoding='utf-8') as f:
                names.update(re.findall(r"option\(\s*'([^']+)'", f.read()))
    return names


def main():
    path, source_root = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    need(os.path.basename(path) == APP_ID + '.json', 'the manifest must be named after the app id')
    need(manifest.get('id', manifest.get('app-id')) == APP_ID, 'id must be ' + APP_ID)
    need(manifest.get('runtime') == 'org.gnome.Platform', 'runtime must be org.gnome.Platform')
    need(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk must be org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    need(version.isdigit() and int(version) >= OLDEST_RUNTIME,
         'runtime-version must be a current GNOME release, not %r' % version)
    need(manifest.get('command') == 'journey-mapper', 'command must be journey-mapper')

    args = manifest.get('finish-args', [])
    for arg in sorted(REQUIRED_ARGS - set(args)):
        problems.append('finish-args lacks ' + arg)
    for arg in args:
        if arg.startswith('--filesystem='):
            where = arg.split('=', 1)[1].split(':')[0]
            need(where not in ('home', 'host', 'host-os', 'host-etc', '/', '~')
                 and not where.startswith(('~', '/home')),
                 'finish-args must not open the file system (%s): files come through the portal' % arg)
        need(arg != '--socket=x11', '--socket=x11 would keep X11 under Wayland: use fallback-x11')
        need(not arg.startswith('--talk-name=org.freedesktop.Flatpak'), 'no sandbox escape')

    modules = manifest.get('modules', [])
    need(len(modules) == 1 and isinstance(modules[0], dict), 'exactly one module, inline')
    if modules and isinstance(modules[0], dict):
        module = modules[0]
        need(module.get('buildsystem') == 'meson', 'the module must build with meson')
        sources = module.get('sources', [])
        need(len(sources) >= 1, 'the module needs a source')
        for source in sources:
            if source.get('type') == 'dir':
                target = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)),
                                                       source.get('path', '')))
                need(os.path.isfile(os.path.join(target, 'meson.build')),
                     'the dir source must point at the project root')
            else:
                need(source.get('type') == 'git' and source.get('url'), 'a dir or git source')
        options = declared_options(source_root)
        for opt in module.get('config-opts', []):
            match = re.match(r'-D([^=]+)=', opt)
            if match and ':' not in match.group(1) and match.group(1) not in (
                    'buildtype', 'prefix', 'libdir', 'optimization', 'debug', 'b_lto'):
                need(match.group(1) in options,
                     'config-opts sets %s, which meson_options.txt does not declare' % opt)

    for problem in problems:
        print('%s: %s' % (path, problem))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
