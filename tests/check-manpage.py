#!/usr/bin/python3
# check-manpage.py: the manual page describes every option of --help, and
# no option that --help does not list
#
# Usage: check-manpage.py JOURNEY-MAPPER MANPAGE
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

LONG_OPTION = re.compile(r'(?<![\w-])--([a-z][a-z-]*[a-z])')


def help_options(executable):
    env = dict(os.environ, LC_ALL='C.UTF-8')
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    options = set()
    for flag in ('--help',):
        run = subprocess.run([executable, flag], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, check=False)
        if run.returncode != 0:
            sys.exit('%s %s failed with status %d: %s' % (executable, flag, run.returncode,
                                                          run.stderr))
        for line in run.stdout.splitlines():
            # Option lines start with the option; descriptions may name others.
            match = re.match(r'\s+(?:-\w, )?--([a-z][a-z-]*)', line)
            if match:
                options.add(match.group(1))
    return options


def manpage_options(path):
    with open(path, encoding='utf-8') as f:
        # troff writes a minus as \- and quotes may follow; unescape first.
        text = f.read().replace('\\-', '-').replace('\\fB', '').replace('\\fI', '').replace('\\fR', '')
    return set(LONG_OPTION.findall(text))


def main():
    executable, manpage = sys.argv[1:3]
    in_help = help_options(executable)
    in_manpage = manpage_options(manpage)
    problems = []
    if not in_help:
        problems.append('--help lists no options')
    for option in sorted(in_help - in_manpage):
        problems.append('--%s is in --help but not in %s' % (option, os.path.basename(manpage)))
    for option in sorted(in_manpage - in_help):
        problems.append('--%s is in %s but not in --help' % (option, os.path.basename(manpage)))
    for problem in problems:
        print(problem)
    if not problems:
        print('ok: %d options, in --help and in the manual page alike' % len(in_help))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
