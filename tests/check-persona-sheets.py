#!/usr/bin/python3
# check-persona-sheets.py: persona sheets fill their paper, grow with it, and
# show each persona's journey
#
# Usage: check-persona-sheets.py JOURNEY-MAPPER SAMPLES-DIR
#
# For every sample, persona sheets exported on A4, A3, A2 and A0 as users
# export them, and on A4 landscape, read back with `pdftotext -bbox` (a word's box is as high as
# the font's ascent plus descent, so its height over that ratio is the size
# printed):
# - one sheet per persona, each naming its persona;
# - no text under 7 pt on paper, and the body text (the size most words
#   have) and the smallest text larger on each larger paper (portrait);
# - the text covers most of the printable area: no blank half;
# - each sheet shows the persona's emotion curve (its heading, and every
#   stage's name under it), every one of their moments of truth, and their
#   worst touchpoints: the first of their touchpoints in the ranking that
#   `--scores=json` gives, most urgent first.
# Exits 77 (skipped) without poppler's tools or when the fonts are not the
# ones whose metrics are known here.
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import collections
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{https://journeymapper.github.io/ns/journey/1}"
READABLE = 7.0
PAPERS = ("A4", "A3", "A2", "A0")
# Turned, a sheet sets the profile and the journey side by side.
TURNED = "A4"

# Ascent plus descent of the font, as a share of its size (DejaVu Sans).
FONT_BOX = {"DejaVuSans": 1.164}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
MARGIN = 10 * 72 / 25.4
FOOTER = 12
# The share of the printable area that the text of a sheet spans at least.
COVERED = 0.85
WORST_SHOWN = 3

failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what, flush=True)


def run(args):
    env = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1700000000")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          universal_newlines=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc.stdout


def font_box(pdf):
    box = None
    for line in run(["pdffonts", pdf]).splitlines()[2:]:
        # Emotion faces are glyphs of a Type 3 font, mapped to no text.
        if " Type 3 " in line:
            continue
        name = line.split()[0].split("+")[-1].split("-")[0]
        if name not in FONT_BOX:
            print("SKIP: the font %s has no known metrics here" % name)
            sys.exit(77)
        box = FONT_BOX[name]
    return box or 1.164


def pages_words(pdf):
    """[(width, height, [(x1, y1, x2, y2, word)])] for each page."""
    pages = []
    for chunk in run(["pdftotext", "-bbox", pdf, "-"]).split("<page ")[1:]:
        m = PAGE.match("<page " + chunk)
        words = [(float(a), float(b), float(c), float(d), html.unescape(w))
                 for a, b, c, d, w in WORD.findall(chunk)]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def squeeze(text):
    return re.sub(r"\s+", "", text)


def personas(journey):
    """[(id, name, [stage names], [moment of truth titles])], shown ones in order."""
    root = ET.parse(journey).getroot()
    stages = [s.findtext(NS + "name") for s in root.iter(NS + "stage")]
    out = []
    for p in root.iter(NS + "persona"):
        if p.get("hidden") == "true":
            continue
        moments = [tp.findtext(NS + "title") for tp in root.iter(NS + "touchpoint")
                   if tp.get("lane") == p.get("id") and tp.get("moment-of-truth") == "true"]
        out.append((p.get("id"), p.findtext(NS + "name"), stages, moments))
    return out


def worst(app, journey):
    """persona id -> the titles of their most urgent touchpoints, in order."""
    data = json.loads(run([app, "--scores=json", journey]))["files"][0]
    by_id = {tp["id"]: tp for tp in data["touchpoints"]}
    out = collections.defaultdict(list)
    for tid in data["ranking"]:
        tp = by_id[tid]
        if len(out[tp["persona"]]) < WORST_SHOWN:
            out[tp["persona"]].append(tp["title"])
    return out


def lines(words):
    """The words top to bottom, a line (words whose boxes overlap most of
    their height) at a time, each line left to right."""
    out, line = [], []
    for w in sorted(words, key=lambda w: (w[1] + w[3]) / 2):
        if line and (w[1] + w[3]) / 2 > line[0][3] - (line[0][3] - line[0][1]) * 0.25:
            out += [v[4] for v in sorted(line)]
            line = []
        line.append(w)
    return out + [v[4] for v in sorted(line)]


def check_sheet(label, width, height, words, box, person, ranked):
    """The sizes on one sheet: (smallest, body), after checking its content."""
    pid, name, stages, moments = person
    inside = [w for w in words if w[1] < height - MARGIN and w[4].strip("·•–—-…()★“”") != ""]
    sizes = [(w[3] - w[1]) / box for w in inside]
    smallest = min(sizes)
    body = collections.Counter(round(s, 1) for s in sizes).most_common(1)[0][0]
    if smallest < READABLE - 0.05:
        word = inside[sizes.index(smallest)][4]
        fail("%s: text printed at %.2f pt (“%s”), under %.0f pt" % (label, smallest, word, READABLE))

    x1 = min(w[0] for w in inside)
    y1 = min(w[1] for w in inside)
    x2 = max(w[2] for w in inside)
    y2 = max(w[3] for w in inside)
    area = (width - 2 * MARGIN) * (height - 2 * MARGIN - FOOTER)
    covered = (x2 - x1) * (y2 - y1) / area
    print("%s: body %.1f pt, smallest %.1f pt, text over %.0f%% of the printable area"
          % (label, body, smallest, covered * 100))
    if covered < COVERED:
        fail("%s: the text spans %.0f%% of the printable area, under %.0f%%"
             % (label, covered * 100, COVERED * 100))

    text = squeeze(" ".join(w[4] for w in words))
    wanted = [("the persona's name", [name]),
              ("the curve's heading", ["Emotion across the journey"]),
              ("stage names", stages),
              ("the moments of truth", ["Moments of truth"] + moments),
              ("the worst touchpoints", ["Worst touchpoints"] + ranked)]
    for what, items in wanted:
        missing = [t for t in items if squeeze(t) not in text]
        if missing:
            fail("%s: %s missing, such as “%s”" % (label, what, missing[0]))
    # Most urgent first, in the column under their heading.
    heads = [w for i, w in enumerate(words[:-1])
             if w[4] == "Worst" and words[i + 1][4] == "touchpoints"]
    if heads:
        column = squeeze(" ".join(lines([w for w in words
                                         if w[0] >= heads[0][0] - 1 and w[1] >= heads[0][1]])))
        at = [column.find(squeeze(t)) for t in ranked]
        if -1 in at or at != sorted(at):
            fail("%s: the worst touchpoints are not under their heading in the ranking's order"
                 % label)
    return smallest, body


def main():
    app, samples = sys.argv[1:3]
    for tool in ("pdftotext", "pdffonts"):
        if shutil.which(tool) is None:
            print("SKIP: %s is not installed" % tool)
            return 77

    with tempfile.TemporaryDirectory() as tmp:
        for journey in sorted(os.path.join(samples, f) for f in os.listdir(samples)
                              if f.endswith(".journey")):
            sample = os.path.basename(journey)
            people = personas(journey)
            ranked = worst(app, journey)
            before = None
            for paper in PAPERS + (TURNED + " landscape",):
                pdf = os.path.join(tmp, "%s-%s.pdf" % (sample, paper.replace(" ", "-")))
                run([app, "--export=" + pdf, "--layout=persona", "--paper=" + paper.split()[0],
                     "--orientation=" + ("landscape" if " " in paper else "portrait"), journey])
                box = font_box(pdf)
                pages = pages_words(pdf)
                if len(pages) != len(people):
                    fail("%s on %s: %d sheets for %d personas" % (sample, paper, len(pages), len(people)))
                    continue
                sizes = [check_sheet("%s, %s on %s" % (sample, person[1], paper), width, height,
                                     words, box, person, ranked[person[0]])
                         for (width, height, words), person in zip(pages, people)]
                smallest = min(s for s, _ in sizes)
                body = min(b for _, b in sizes)
                if " " in paper:
                    continue
                # Each A size is 1.41 times as wide as the one before.
                if before is not None and (smallest < before[0] * 1.25 or body < before[1] * 1.25):
                    fail("%s: text on %s (body %.1f pt, smallest %.1f pt) not larger than on the "
                         "paper before (body %.1f pt, smallest %.1f pt)"
                         % (sample, paper, body, smallest, before[1], before[0]))
                before = (smallest, body)

    if failures:
        print("%d checks failed" % len(failures))
        return 1
    print("every persona sheet fills its paper, grows with it, and shows the journey")
    return 0


if __name__ == "__main__":
    sys.exit(main())
