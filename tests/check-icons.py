#!/usr/bin/python3
# check-icons.py: the icons are SVG that GNOME can draw and recolour
#
# Each file must parse as SVG on the hicolor grid size for its folder
# (128 px for scalable, 16 px for symbolic). A symbolic icon may use fills
# only: GTK recolours fills to the theme's foreground, so a stroke would
# stay dark on a dark theme.
#
# Usage: check-icons.py ICON.svg...
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def check(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return ['%s: not well-formed: %s' % (path, error)]
    if root.tag != SVG + 'svg':
        return ['%s: the root element is not <svg>' % path]

    symbolic = path.endswith('-symbolic.svg')
    size = '16' if symbolic else '128'
    if (root.get('viewBox') or '').split() != ['0', '0', size, size]:
        problems.append('%s: viewBox must be "0 0 %s %s"' % (path, size, size))
    shapes = [e for e in root.iter() if e.tag[len(SVG):] in
              ('path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line')]
    if not shapes:
        problems.append('%s: draws nothing' % path)
    if symbolic:
        for element in root.iter():
            style = element.get('style') or ''
            stroke = element.get('stroke') or ''
            if (stroke and stroke != 'none') or re.search(r'stroke\s*:\s*(?!none)', style):
                problems.append('%s: symbolic icons must not use strokes' % path)
                break
        if root.find('.//' + SVG + 'linearGradient') is not None or \
                root.find('.//' + SVG + 'image') is not None:
            problems.append('%s: symbolic icons must be plain fills' % path)
    return problems


def main():
    problems = [p for path in sys.argv[1:] for p in check(path)]
    for problem in problems:
        print(problem)
    return 1 if problems or len(sys.argv) < 2 else 0


if __name__ == '__main__':
    sys.exit(main())
