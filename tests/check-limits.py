#!/usr/bin/python3
# check-limits.py: no source file over 1,500 lines, no function over 150
#
# A file or function past these sizes holds more than one concern and is
# hard to read in one sitting; the house splits it (see HACKING.md). This
# reads every .c and .h file under src/ and names each one that is too
# long, and each function too long, with its line. A function is counted
# from the line of its name to its closing brace, as the GNU style writes
# it: the name at the start of a line, the braces alone at the start of
# theirs.
#
# Usage: check-limits.py SOURCE-ROOT
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

MAX_FILE_LINES = 1500
MAX_FUNCTION_LINES = 150
NAME = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def functions(lines):
    """(name, first line, number of lines) of each function definition."""
    name = None
    start = 0
    for number, line in enumerate(lines, 1):
        match = NAME.match(line)
        if match:
            name, start = match.group(1), number
        elif line.startswith('{') and name is not None:
            for end in range(number, len(lines) + 1):
                if lines[end - 1].startswith('}'):
                    yield name, start, end - start + 1
                    break
            name = None
        elif line.startswith(('}', '#')) or line.rstrip().endswith(';'):
            name = None


def main():
    root = sys.argv[1]
    problems = []
    for directory, subdirs, names in os.walk(os.path.join(root, 'src')):
        subdirs.sort()
        for file_name in sorted(names):
            if not file_name.endswith(('.c', '.h')):
                continue
            path = os.path.join(directory, file_name)
            shown = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                lines = f.read().split('\n')
            if lines and lines[-1] == '':
                lines.pop()
            if len(lines) > MAX_FILE_LINES:
                problems.append(f'{shown}: {len(lines)} lines, more than {MAX_FILE_LINES}')
            for name, start, length in functions(lines):
                if length > MAX_FUNCTION_LINES:
                    problems.append(f'{shown}:{start}: {name} () is {length} lines, '
                                    f'more than {MAX_FUNCTION_LINES}')
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
