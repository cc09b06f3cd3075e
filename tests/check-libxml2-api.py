#!/usr/bin/python3
# check-libxml2-api.py: the sources compile against newer libxml2 headers
#
# libxml2 2.12 changed its API (an error handler takes a const xmlError *),
# and GCC 14 makes the mismatch an error. The build machine has an older
# libxml2, so this compiles every source that includes libxml2 once more,
# syntax only, against the headers of a newer release kept next to the
# source tree (../shared/compat/libxml2-*/include), with the flags the real
# build used (from compile_commands.json). Skips when the headers are absent.
#
# Usage: check-libxml2-api.py SOURCE-ROOT BUILD-ROOT
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import re
import shlex
import subprocess
import sys

SKIP = 77
INCLUDES_LIBXML = re.compile(r'^\s*#\s*include\s*<libxml/', re.M)


def compat_dirs(source_root):
    """The header folders to check against, newest layout first."""
    candidates = []
    override = os.environ.get('JM_LIBXML2_COMPAT')
    if override:
        candidates.append(override)
    # ../shared/compat next to a checkout; one level up for a checkout kept
    # in a folder of its own.
    for up in ('..', os.path.join('..', '..')):
        candidates += sorted(glob.glob(os.path.join(source_root, up, 'shared', 'compat',
                                                    'libxml2-*', 'include')))
    return [os.path.realpath(c) for c in candidates
            if os.path.isfile(os.path.join(c, 'libxml', 'xmlversion.h'))]


def libxml_sources(source_root):
    found = []
    for folder in ('src', 'tests'):
        for dirpath, _, names in os.walk(os.path.join(source_root, folder)):
            for name in names:
                if name.endswith('.c'):
                    path = os.path.join(dirpath, name)
                    with open(path, encoding='utf-8', errors='replace') as f:
                        if INCLUDES_LIBXML.search(f.read()):
                            found.append(os.path.realpath(path))
    return sorted(found)


def syntax_only(command, compat):
    args = shlex.split(command)
    out = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ('-o', '-MF', '-MQ', '-MT'):
            skip = True
            continue
        if arg in ('-c', '-MD', '-MMD') or arg.startswith('-o'):
            continue
        if arg.startswith('-I') and arg.rstrip('/').endswith('libxml2'):
            arg = '-I' + compat
        out.append(arg)
    # Put the newer headers first, whatever the build's flags say.
    return [out[0], '-I' + compat] + out[1:] + ['-fsyntax-only', '-Werror=incompatible-pointer-types']


def main():
    source_root, build_root = (os.path.realpath(a) for a in sys.argv[1:3])
    dirs = compat_dirs(source_root)
    if not dirs:
        print('SKIP: no libxml2 compat headers in ../shared/compat/ next to the source tree '
              '(set JM_LIBXML2_COMPAT to a libxml2 include folder to check)')
        return SKIP

    with open(os.path.join(build_root, 'compile_commands.json')) as f:
        commands = {}
        for entry in json.load(f):
            path = os.path.realpath(os.path.join(entry['directory'], entry['file']))
            commands.setdefault(path, entry)

    sources = libxml_sources(source_root)
    if not sources:
        print('no source includes libxml2')
        return 1
    failures = 0
    for compat in dirs:
        print(f'# against {compat}')
        for path in sources:
            relative = os.path.relpath(path, source_root)
            entry = commands.get(path)
            if entry is None:
                print(f'FAIL {relative}: not in compile_commands.json')
                failures += 1
                continue
            result = subprocess.run(syntax_only(entry['command'], compat), cwd=entry['directory'],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print(f'FAIL {relative}\n{result.stderr}')
                failures += 1
            else:
                print(f'ok {relative}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
