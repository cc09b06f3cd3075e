#!/usr/bin/python3
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-licence.py: the licence the project claims is in the tree, and every
# source file carries the notice at its top.
#
# Usage: check-licence.py SOURCE-ROOT

import os
import sys

NOTICE = 'SPDX-License-Identifier: GPL-3.0-or-later'
COPYRIGHT = 'Copyright 2026 The Journey Mapper developers'
ENDINGS = ('.c', '.h', '.py', '.sh', '.ui', '.js', '.mjs', '.css', '.html')
NAMES = ('meson.build', 'meson_options.txt')
SKIP = ('tests/files', 'tests/fuzz/corpus-load', 'po', '_build', 'build', '.git', 'node_modules')


def sources(root):
    for folder in ('src', 'tests', 'ui', 'data', '.ci', '.'):
        top = os.path.join(root, folder)
        for path, dirs, files in os.walk(top):
            rel = os.path.relpath(path, root)
            dirs[:] = [d for d in dirs if not os.path.join(rel, d).lstrip('./').startswith(SKIP)
                       and not d.startswith(('_build', '.')) and d != 'node_modules']
            if folder == '.':
                dirs[:] = []
            for name in files:
                if name.endswith(ENDINGS) or name in NAMES or \
                        (folder == '.ci' and name in ('run', 'quickstart')):
                    yield os.path.normpath(os.path.join(rel, name))


def main():
    root = sys.argv[1]
    problems = []
    try:
        with open(os.path.join(root, 'COPYING'), encoding='utf-8') as f:
            text = f.read()
        if 'GNU GENERAL PUBLIC LICENSE' not in text or 'Version 3, 29 June 2007' not in text:
            problems.append('COPYING is not the GPL version 3')
    except OSError:
        problems.append('COPYING is missing: the project says GPL-3.0-or-later')

    seen = set()
    for rel in sources(root):
        if rel in seen:
            continue
        seen.add(rel)
        with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
            head = ''.join(f.readline() for _ in range(40))
        if NOTICE not in head or COPYRIGHT not in head:
            problems.append('%s: no "%s" and "%s" notice at the top' % (rel, COPYRIGHT, NOTICE))

    for problem in problems:
        print(problem)
    print('%d source files checked' % len(seen))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
