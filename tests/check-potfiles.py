#!/usr/bin/python3
# check-potfiles.py: every file with translatable strings is in POTFILES.in
#
# A source file that marks strings but is missing from po/POTFILES.in never
# reaches translators, and nothing else notices. Lists every file under src/
# and ui/ that uses a gettext call or translatable="yes", and fails naming
# each one missing from POTFILES.in, and each listed file that is gone.
#
# Usage: check-potfiles.py SOURCE-ROOT
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2?|'
                     r'g_dcgettext)\s*\(|translatable\s*=\s*["\']yes["\']')
SEARCHED = ('src', 'ui')
SUFFIXES = ('.c', '.h', '.ui', '.blp', '.js', '.py', '.vala')
# Comments may mention N_() without marking anything; string literals are
# matched first so that "/*" inside one starts no comment.
C_COMMENTS = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*', re.S)
XML_COMMENTS = re.compile(r'<!--.*?-->', re.S)


def without_comments(path, source):
    if path.endswith(('.ui',)):
        return XML_COMMENTS.sub(' ', source)
    return C_COMMENTS.sub(lambda m: m.group(0) if m.group(0)[0] in '"\'' else ' ', source)


def marked_files(root):
    found = set()
    for top in SEARCHED:
        for directory, subdirs, names in os.walk(os.path.join(root, top)):
            subdirs.sort()
            for name in names:
                if not name.endswith(SUFFIXES):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if MARKERS.search(without_comments(path, f.read())):
                        found.add(os.path.relpath(path, root).replace(os.sep, '/'))
    return found


def listed_files(potfiles):
    listed = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def main():
    root = sys.argv[1]
    listed = listed_files(os.path.join(root, 'po', 'POTFILES.in'))
    status = 0

    for path in sorted(marked_files(root) - set(listed)):
        print('%s has translatable strings but is missing from po/POTFILES.in' % path)
        status = 1
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            print('po/POTFILES.in lists %s, which does not exist' % path)
            status = 1
    for path in sorted(set(p for p in listed if listed.count(p) > 1)):
        print('po/POTFILES.in lists %s more than once' % path)
        status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
