#!/usr/bin/python3
# check-packages.py: `quickstart app` installs what building and running
# need, and nothing of the test kit; `quickstart test` adds the test kit.
#
# Usage: check-packages.py SOURCE-ROOT
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# The programs that only tests call, and the Debian 12 package of each.
TEST_TOOLS = {
    'xvfb-run': 'xvfb',
    'xauth': 'xauth',
    'xwininfo': 'x11-utils',
    'xdotool': 'xdotool',
    'dbus-run-session': 'dbus',
    'qpdf': 'qpdf',
    'pdftotext': 'poppler-utils',
    'xmllint': 'libxml2-utils',
    'appstreamcli': 'appstream',
    'appstream-util': 'appstream-util',
    'yelp-check': 'yelp-tools',
    'rsvg-convert': 'librsvg2-bin',
    'clang': 'clang',
    'chromium': 'chromium',
    'node': 'nodejs',
}
# What the build itself runs or links.
BUILD_NEEDS = ['meson', 'ninja-build', 'pkg-config', 'gcc', 'libgtk-4-dev',
               'libadwaita-1-dev', 'libxml2-dev', 'libcairo2-dev', 'libpango1.0-dev',
               'libglib2.0-dev-bin', 'gettext']


def read_list(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def main():
    root = sys.argv[1]
    app = read_list(os.path.join(root, '.ci', 'packages'))
    test = read_list(os.path.join(root, '.ci', 'packages-test'))
    problems = []
    for tool, package in TEST_TOOLS.items():
        if package in app:
            problems.append('%s (for %s) is a test tool but .ci/packages installs it for '
                            'running the app' % (package, tool))
        if package not in test:
            problems.append('%s (for %s) is missing from .ci/packages-test' % (package, tool))
    for package in BUILD_NEEDS:
        if package not in app:
            problems.append('%s is needed to build but missing from .ci/packages' % package)
    for package in set(app) & set(test):
        problems.append('%s is in both lists' % package)

    # The quick start reads the test kit only for test and bench.
    with open(os.path.join(root, '.ci', 'quickstart'), encoding='utf-8') as f:
        script = f.read()
    default = re.search(r'^lists=(\S+)$', script, re.M)
    if default is None or default.group(1) != '.ci/packages':
        problems.append('quickstart must start from .ci/packages alone')
    for mode in ('test', 'bench'):
        if not re.search(r'^\s*%s\)\s*lists="\$lists \.ci/packages-test"' % mode, script, re.M):
            problems.append('quickstart %s must add .ci/packages-test' % mode)
    if re.search(r'^\s*app\)\s*lists=', script, re.M):
        problems.append('quickstart app must not add to the package lists')

    # Building to run the app must not need the test kit: every build file
    # looks for a test tool with required: false.
    for folder, _, names in os.walk(root):
        if '/_build' in folder or '/.git' in folder:
            continue
        for name in names:
            if name != 'meson.build':
                continue
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            for call in re.finditer(r"find_program\(([^()]*)\)", text):
                args = call.group(1)
                tools = re.findall(r"'([^']+)'", args)
                if any(t in TEST_TOOLS for t in tools) and 'required: false' not in args:
                    problems.append('%s: %s is a test tool but the build requires it'
                                    % (os.path.relpath(path, root), ', '.join(tools)))

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
