#!/usr/bin/python3
# test-samples.py: the sample maps are valid and show every part of a map
#
# Usage: test-samples.py XMLLINT SCHEMA SAMPLE...
#
# Each sample must validate against the schema and follow the content rules
# that make it a useful example: enough personas, stages and touchpoints,
# every field filled in somewhere, every touchpoint fully scored, and every
# reference resolved. Output is TAP.
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = '{https://journeymapper.github.io/ns/journey/1}'
CHANNELS = {'web', 'mobile-app', 'live-chat', 'social', 'email', 'phone', 'in-store',
            'kiosk', 'self-service', 'mail', 'advert', 'other'}
PALETTE = {'#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'}
MEASURES = ('responsiveness', 'convenience', 'reliability', 'relevance')
PERSONA_TEXT = ('role', 'quote', 'bio', 'notes')
PERSONA_LISTS = ('goals', 'frustrations', 'needs', 'channels', 'devices')
TOUCHPOINT_TEXT = ('actions', 'needs', 'thoughts', 'opportunities', 'metrics', 'notes')


def text(element, name):
    child = element.find(NS + name)
    if child is None or child.text is None:
        return ''
    return child.text.strip()


def check_schema(xmllint, schema, path):
    result = subprocess.run([xmllint, '--noout', '--relaxng', schema, path],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    if result.returncode != 0:
        return [line for line in result.stdout.splitlines() if line.strip()]
    return []


def check_content(path):
    problems = []
    problem = problems.append
    root = ET.parse(path).getroot()

    if root.tag != NS + 'journey':
        return ['root element is %s, not journey' % root.tag]
    if not text(root, 'title'):
        problem('the map has no title')
    if not text(root, 'description'):
        problem('the map has no description')
    if root.find(NS + 'weights') is None:
        problem('the map has no weights')

    stages = root.findall(NS + 'stages/' + NS + 'stage')
    personas = root.findall(NS + 'personas/' + NS + 'persona')
    touchpoints = root.findall(NS + 'touchpoints/' + NS + 'touchpoint')

    if not 4 <= len(stages) <= 9:
        problem('%d stages, expected 4 to 9' % len(stages))
    if not 2 <= len(personas) <= 4:
        problem('%d personas, expected 2 to 4' % len(personas))
    if len(touchpoints) < 25:
        problem('%d touchpoints, expected at least 25' % len(touchpoints))

    def check_ids(elements, prefix):
        ids = [e.get('id') for e in elements]
        expected = ['%s%d' % (prefix, i) for i in range(1, len(elements) + 1)]
        if ids != expected:
            problem('%s ids are %s, expected %s' % (prefix, ids, expected))
        return set(ids)

    stage_ids = check_ids(stages, 's')
    persona_ids = check_ids(personas, 'p')
    touchpoint_ids = check_ids(touchpoints, 't')

    for stage in stages:
        if not text(stage, 'name'):
            problem('stage %s has no name' % stage.get('id'))
        if not text(stage, 'description'):
            problem('stage %s has no description' % stage.get('id'))

    colours = []
    for persona in personas:
        pid = persona.get('id')
        if not text(persona, 'name'):
            problem('persona %s has no name' % pid)
        if persona.get('age') is None:
            problem('persona %s has no age' % pid)
        colour = (persona.get('colour') or '').lower()
        if colour not in PALETTE:
            problem('persona %s colour %r is not from the palette' % (pid, colour))
        colours.append(colour)
        for name in PERSONA_TEXT:
            if not text(persona, name):
                problem('persona %s has no %s' % (pid, name))
        for name in PERSONA_LISTS:
            items = persona.findall(NS + name + '/' + NS + 'item')
            if not any((item.text or '').strip() for item in items):
                problem('persona %s has no %s' % (pid, name))
    if len(set(colours)) != len(colours):
        problem('two personas share a colour')

    used = set()
    moments = 0
    links = 0
    backward_links = 0
    emotions = set()
    stage_order = {stage.get('id'): i for i, stage in enumerate(stages)}
    teams_per_touchpoint = []
    for tp in touchpoints:
        tid = tp.get('id')
        if tp.get('stage') not in stage_ids:
            problem('touchpoint %s: stage %r does not exist' % (tid, tp.get('stage')))
        if tp.get('lane') not in persona_ids:
            problem('touchpoint %s: lane %r does not exist' % (tid, tp.get('lane')))
        channel = tp.get('channel')
        if channel not in CHANNELS:
            problem('touchpoint %s: unknown channel %r' % (tid, channel))
        if tp.get('emotion') is None:
            problem('touchpoint %s has no emotion' % tid)
        else:
            emotions.add(int(tp.get('emotion')))
        if tp.get('moment-of-truth') in ('true', '1'):
            moments += 1
        if not text(tp, 'title'):
            problem('touchpoint %s has no title' % tid)
        for name in TOUCHPOINT_TEXT:
            if text(tp, name):
                used.add(name)
        teams = [(team.text or '').strip() for team in tp.findall(NS + 'teams/' + NS + 'team')]
        if not all(teams):
            problem('touchpoint %s has an empty team' % tid)
        if not teams:
            problem('touchpoint %s has no owning team' % tid)
        teams_per_touchpoint.append(len(teams))
        scores = tp.find(NS + 'scores')
        for measure in MEASURES:
            if scores is None or scores.get(measure) is None:
                problem('touchpoint %s is not rated on %s' % (tid, measure))
        for link in tp.findall(NS + 'links/' + NS + 'link'):
            target = link.get('to')
            links += 1
            if target not in touchpoint_ids:
                problem('touchpoint %s links to missing %r' % (tid, target))
            elif target == tid:
                problem('touchpoint %s links to itself' % tid)
            else:
                target_tp = next(t for t in touchpoints if t.get('id') == target)
                if stage_order.get(target_tp.get('stage'), 0) <= stage_order.get(tp.get('stage'), 0):
                    backward_links += 1

    for name in TOUCHPOINT_TEXT:
        if name not in used:
            problem('no touchpoint uses %s' % name)
    if touchpoints:
        share = moments / len(touchpoints)
        if not 0.1 <= share <= 0.21:
            problem('%d moments of truth in %d touchpoints (%.0f%%), expected 10-20%%'
                    % (moments, len(touchpoints), share * 100))
    if len(emotions) < 4:
        problem('emotions use only %s of -2..2' % sorted(emotions))
    if links < 5:
        problem('only %d links between touchpoints' % links)
    if backward_links == 0:
        problem('no link loops back to the same or an earlier stage')
    if sum(1 for n in teams_per_touchpoint if n > 1) < len(touchpoints) // 3:
        problem('fewer than a third of the touchpoints are shared by several teams')
    return problems


def main():
    if len(sys.argv) < 4:
        sys.stderr.write('usage: %s XMLLINT SCHEMA SAMPLE...\n' % sys.argv[0])
        return 2
    xmllint, schema, samples = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not os.path.isabs(xmllint) or not os.access(xmllint, os.X_OK):
        print('1..0 # SKIP xmllint not found (install libxml2-utils)')
        return 0

    print('1..%d' % (2 * len(samples) + 1))
    n = 0
    failed = False
    weights = set()
    non_ascii = False
    for path in samples:
        name = os.path.basename(path)
        for label, check in (('schema', lambda p: check_schema(xmllint, schema, p)),
                             ('content', check_content)):
            n += 1
            problems = check(path)
            if problems:
                failed = True
                print('not ok %d - %s: %s' % (n, name, label))
                for line in problems:
                    print('# %s' % line)
            else:
                print('ok %d - %s: %s' % (n, name, label))
        with open(path, encoding='utf-8') as f:
            data = f.read()
        non_ascii = non_ascii or re.search(r'[^\x00-\x7f]', data) is not None
        w = ET.fromstring(data.encode('utf-8')).find(NS + 'weights')
        if w is not None:
            weights.add(len({w.get(m, '1') for m in MEASURES}) > 1)

    n += 1
    problems = []
    if not non_ascii:
        problems.append('no sample uses non-ASCII text')
    if True not in weights:
        problems.append('no sample has unequal weights')
    if problems:
        failed = True
        print('not ok %d - the samples together' % n)
        for line in problems:
            print('# %s' % line)
    else:
        print('ok %d - the samples together' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
