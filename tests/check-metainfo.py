#!/usr/bin/python3
# check-metainfo.py: what GNOME Software and Flathub expect in our metainfo
#
# appstreamcli 0.16 accepts a component with no screenshots, releases,
# content rating or branding; this check insists on them, on the built file.
#
# Usage: check-metainfo.py BUILT-METAINFO SOURCE-ROOT PROJECT-VERSION
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

APP_ID = 'io.github.journeymapper.JourneyMapper'
MIME_TYPE = 'application/x-journey-map+xml'
SCREENSHOT_BASE = 'https://raw.githubusercontent.com/journeymapper/journey-mapper/main/'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

problems = []


def need(condition, message):
    if not condition:
        problems.append(message)


def untranslated(root, path):
    return [e for e in root.findall(path) if e.get(XML_LANG) is None]


def text(element):
    return (element.text or '').strip() if element is not None else ''


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def main():
    path, source_root, version = sys.argv[1:4]
    root = ET.parse(path).getroot()

    need(root.tag == 'component' and root.get('type') == 'desktop-application',
         'the root must be <component type="desktop-application">')
    need(text(root.find('id')) == APP_ID, 'the id must be ' + APP_ID)
    need(text(root.find('metadata_license')) == 'CC0-1.0', 'metadata_license must be CC0-1.0')
    need(text(root.find('project_license')) == 'GPL-3.0-or-later',
         'project_license must be GPL-3.0-or-later')

    names = untranslated(root, 'name')
    need(len(names) == 1 and text(names[0]) == 'Journey Mapper', 'one untranslated <name>')
    # Software centres cut a summary after 35 characters, in every language.
    need(len(untranslated(root, 'summary')) == 1, 'one untranslated <summary>')
    for summary in root.findall('summary'):
        need(10 <= len(text(summary)) <= 35,
             'the %s summary must have 10 to 35 characters: "%s"'
             % (summary.get(XML_LANG) or 'untranslated', text(summary)))
    paragraphs = [p for p in root.findall('description/p') if p.get(XML_LANG) is None]
    need(len(paragraphs) >= 2, 'the description needs at least two paragraphs')
    words = sum(len(text(p).split()) for p in paragraphs)
    need(words >= 60, 'the description is too short (%d words)' % words)

    launchable = root.find('launchable')
    need(launchable is not None and launchable.get('type') == 'desktop-id'
         and text(launchable) == APP_ID + '.desktop', 'launchable must be the desktop file')

    shots = root.findall('screenshots/screenshot')
    need(len(shots) >= 2, 'at least two screenshots')
    need(sum(1 for s in shots if s.get('type') == 'default') == 1,
         'exactly one default screenshot')
    for shot in shots:
        images = shot.findall('image')
        need(len(images) >= 1, 'each screenshot needs an image')
        need(len(untranslated(shot, 'caption')) == 1, 'each screenshot needs a caption')
        for image in images:
            url = text(image)
            # Flathub's and GNOME Software's bar: at most 1000x700.
            need(0 < int(image.get('width') or 0) <= 1000 and
                 0 < int(image.get('height') or 0) <= 700,
                 'screenshots must be at most 1000x700: ' + url)
            need(url.startswith(SCREENSHOT_BASE) and url.endswith('.png'),
                 'screenshot URL outside the project: ' + url)
            # The URLs point into the repository: each image must be there
            # once data/screenshots exists.
            local = os.path.join(source_root, url[len(SCREENSHOT_BASE):])
            if os.path.isdir(os.path.join(source_root, 'data', 'screenshots')):
                need(os.path.isfile(local), 'screenshot missing from the tree: ' + local)
                if os.path.isfile(local):
                    size = png_size(local)
                    need(size is not None, 'not a PNG: ' + local)
                    need(size is None or size == (int(image.get('width') or 0),
                                                  int(image.get('height') or 0)),
                         '%s is %s, the metainfo says %sx%s' % (
                             local, 'x'.join(map(str, size or ())), image.get('width'),
                             image.get('height')))

    releases = root.findall('releases/release')
    need(len(releases) >= 1, 'at least one release')
    for release in releases:
        need(re.fullmatch(r'\d+\.\d+\.\d+', release.get('version') or '') is not None,
             'release without a version')
        need(re.fullmatch(r'\d{4}-\d{2}-\d{2}', release.get('date') or '') is not None,
             'release %s without a date' % release.get('version'))
        need(release.find('description/p') is not None,
             'release %s without a description' % release.get('version'))
    need(releases and releases[0].get('version') == version,
         'the newest release must be the project version ' + version)

    rating = root.find('content_rating')
    need(rating is not None and rating.get('type') == 'oars-1.1', 'content_rating oars-1.1')

    colours = {c.get('scheme_preference'): text(c) for c in root.findall('branding/color')
               if c.get('type') == 'primary'}
    for scheme in ('light', 'dark'):
        need(re.fullmatch(r'#[0-9a-fA-F]{6}', colours.get(scheme, '')) is not None,
             'a %s primary branding colour' % scheme)

    need(MIME_TYPE in [text(e) for e in root.findall('provides/mediatype')],
         'provides must list ' + MIME_TYPE)
    need('journey-mapper' in [text(e) for e in root.findall('provides/binary')],
         'provides must list the journey-mapper binary')

    developer = root.find('developer')
    need(developer is not None and developer.get('id') and text(developer.find('name')),
         'a developer with an id and a name')

    urls = {u.get('type'): text(u) for u in root.findall('url')}
    for kind in ('homepage', 'bugtracker', 'vcs-browser', 'help'):
        need(urls.get(kind, '').startswith('https://'), 'an https %s URL' % kind)

    controls = [text(c) for c in root.findall('recommends/control') + root.findall('supports/control')]
    for control in ('pointing', 'keyboard', 'touch'):
        need(control in controls, 'the %s control must be declared' % control)
    need(root.find('requires/display_length') is not None, 'requires display_length')

    # Every language in po/LINGUAS reaches software centres. (Meson does not
    # rebuild merged files when only a .po changes: a stale build fails here.)
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#', 1)[0].split()]
    translated = {e.get(XML_LANG) for e in root.findall('summary')}
    for language in languages:
        need(language in translated, 'no %s translation of the summary' % language)

    for problem in problems:
        print('%s: %s' % (path, problem))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
