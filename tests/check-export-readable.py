#!/usr/bin/python3
# check-export-readable.py: every default print can be read, and no poster
# wastes a sheet
#
# Usage: check-export-readable.py JOURNEY-MAPPER JM-GENERATE SAMPLES-DIR
#
# For the samples and a generated 1,000-card map, exported as users export
# them (the grid and the board fitted to A4 and A3 pages, persona sheets,
# posters chosen by a number of sheets or tiles):
# - the smallest text on every fitted page is at least 7 pt on paper,
#   measured from `pdftotext -bbox`: a word's box is as high as the font's
#   ascent plus descent, so its height over that ratio is the size printed;
# - every sheet of a poster shows part of the map (a sheet is blank when
#   its printable area, rendered by pdftoppm, has no dark pixel);
# - the grid and board PDFs hold every card's title, the map's description
#   and every link (as "→ target"), and the grid every card's notes;
# - the 1,000-card map's grid on A0 sheets uses at least 70% of every
#   sheet (the box round what is printed, over the sheet);
# - What to fix first prints no text under 7 pt either.
# Exits 77 (skipped) without poppler's tools or when the fonts are not
# the ones whose metrics are known here.
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{https://journeymapper.github.io/ns/journey/1}"
READABLE = 7.0
# Ascent plus descent of the font, as a share of its size: poppler makes a
# word's box that high. DejaVu Sans: 0.928 + 0.236 (its hhea table).
FONT_BOX = {"DejaVuSans": 1.164}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
MM = 72 / 25.4

failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what, flush=True)


def run(args, env=None):
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          universal_newlines=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc


def font_box(pdf):
    box = None
    for line in run(["pdffonts", pdf]).stdout.splitlines()[2:]:
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
    text = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    pages = []
    for chunk in text.split("<page ")[1:]:
        m = PAGE.match("<page " + chunk)
        words = [(float(a), float(b), float(c), float(d), html.unescape(w))
                 for a, b, c, d, w in WORD.findall(chunk)]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def smallest_text(pdf, first_page=0):
    """The smallest text printed, in points, and the word that has it."""
    box = font_box(pdf)
    smallest = (1e9, "")
    for width, height, words in pages_words(pdf)[first_page:]:
        for x1, y1, x2, y2, word in words:
            if word.strip("·•–—-…()") == "":
                continue
            size = (y2 - y1) / box
            if size < smallest[0]:
                smallest = (size, word)
    return smallest


def blank_sheets(pdf, margin_mm=10):
    """Pages after the first (the assembly page) whose printable area is white."""
    with tempfile.TemporaryDirectory() as tmp:
        run(["pdftoppm", "-gray", "-r", "12", "-f", "2", pdf, os.path.join(tmp, "t")])
        blank = []
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            # Binary PGM: "P5\n<w> <h>\n255\n" then the pixels.
            fields = data.split(maxsplit=4)
            w, h = int(fields[1]), int(fields[2])
            pixels = fields[4][-w * h:]
            m = int(round(margin_mm * MM * 12 / 72)) + 1
            dark = any(pixels[y * w + x] < 200 for y in range(m, h - m) for x in range(m, w - m))
            if not dark:
                blank.append(name)
        return blank


def sheet_shares(pdf, margin_mm=10, dpi=10):
    """For each page, the box round what is printed inside its margins
    (pixels darker than paper), over the page."""
    shares = []
    with tempfile.TemporaryDirectory() as tmp:
        run(["pdftoppm", "-gray", "-r", str(dpi), pdf, os.path.join(tmp, "p")])
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            fields = data.split(maxsplit=4)
            w, h = int(fields[1]), int(fields[2])
            pixels = fields[4][-w * h:]
            m = int(round(margin_mm / 25.4 * dpi)) + 1
            xs, ys = [], []
            for y in range(m, h - m):
                dark = [x for x, v in enumerate(pixels[y * w + m:y * w + w - m]) if v < 250]
                if dark:
                    ys += [y]
                    xs += [dark[0], dark[-1]]
            shares.append((max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1) / (w * h) if ys else 0)
    return shares


def titles(journey):
    root = ET.parse(journey).getroot()
    hidden = {p.get("id") for p in root.iter(NS + "persona") if p.get("hidden") == "true"}
    out = []
    for tp in root.iter(NS + "touchpoint"):
        title = tp.find(NS + "title")
        if title is not None and title.text and tp.get("lane") not in hidden:
            out.append(title.text)
    return out


def contents(journey):
    """The description, the shown cards' notes, and their links' targets."""
    root = ET.parse(journey).getroot()
    hidden = {p.get("id") for p in root.iter(NS + "persona") if p.get("hidden") == "true"}
    by_id = {}
    for tp in root.iter(NS + "touchpoint"):
        title = tp.find(NS + "title")
        by_id[tp.get("id")] = title.text if title is not None and title.text else None
    description = root.find(NS + "description")
    notes, links = [], []
    for tp in root.iter(NS + "touchpoint"):
        if tp.get("lane") in hidden:
            continue
        note = tp.find(NS + "notes")
        if note is not None and note.text and note.text.strip():
            notes.append(note.text)
        for link in tp.iter(NS + "link"):
            target = by_id.get(link.get("to"))
            if target and link.get("to") != tp.get("id"):
                links.append("→ " + target)
    return (description.text if description is not None and description.text else None,
            notes, links)


def squeeze(text):
    return re.sub(r"\s+", "", text)


def export(app, journey, out, options):
    env = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1700000000")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return run([app, "--export=" + out] + options + [journey], env=env)


def main():
    app, generate, samples = sys.argv[1:4]
    for tool in ("pdftotext", "pdftoppm", "pdffonts"):
        if shutil.which(tool) is None:
            print("SKIP: %s is not installed" % tool)
            return 77

    with tempfile.TemporaryDirectory() as tmp:
        maps = sorted(os.path.join(samples, f) for f in os.listdir(samples) if f.endswith(".journey"))
        big = os.path.join(tmp, "map-1000.journey")
        run([generate, "1000", "1", big])
        maps.append(big)

        for journey in maps:
            name = os.path.basename(journey)
            wanted = titles(journey)
            description, notes, links = contents(journey)
            for layout in ("grid", "board"):
                for paper in ("A4", "A3"):
                    pdf = os.path.join(tmp, "%s-%s-%s.pdf" % (name, layout, paper))
                    export(app, journey, pdf, ["--layout=" + layout, "--paper=" + paper])
                    size, word = smallest_text(pdf)
                    print("%s %s %s: smallest text %.2f pt (“%s”)" % (name, layout, paper, size, word))
                    if size < READABLE - 0.05:
                        fail("%s, %s on %s: text printed at %.2f pt (“%s”), under %.0f pt"
                             % (name, layout, paper, size, word, READABLE))
                    if paper == "A4":
                        text = squeeze(run(["pdftotext", "-raw", pdf, "-"]).stdout)
                        missing = [t for t in wanted if squeeze(t) not in text]
                        if missing:
                            fail("%s, %s: %d card titles missing, such as “%s”"
                                 % (name, layout, len(missing), missing[0]))
                        for what, items in (("links", links),
                                            ("notes", notes if layout == "grid" else []),
                                            ("description", [description] if description else [])):
                            missing = [t for t in items if squeeze(t) not in text]
                            if missing:
                                fail("%s, %s: %d of the %s missing, such as “%s”"
                                     % (name, layout, len(missing), what, missing[0]))
            if journey == big:
                # A big map on A0 sheets: type grows with the paper, and
                # no sheet is left mostly empty.
                pdf = os.path.join(tmp, "%s-grid-A0.pdf" % name)
                export(app, journey, pdf, ["--layout=grid", "--paper=A0"])
                size, word = smallest_text(pdf)
                shares = sheet_shares(pdf)
                print("%s grid A0: smallest text %.2f pt, %d sheets, the least used %.0f%%"
                      % (name, size, len(shares), min(shares) * 100))
                if size < READABLE - 0.05 or min(shares) < 0.7:
                    fail("%s, grid on A0: text at %.2f pt, the least used of %d sheets %.0f%% used"
                         % (name, size, len(shares), min(shares) * 100))

            pdf = os.path.join(tmp, "%s-fix.pdf" % name)
            export(app, journey, pdf, ["--layout=fix", "--paper=A4"])
            size, word = smallest_text(pdf)
            print("%s fix A4: smallest text %.2f pt (“%s”)" % (name, size, word))
            if size < READABLE - 0.05:
                fail("%s, What to fix first: text printed at %.2f pt (“%s”)" % (name, size, word))

            pdf = os.path.join(tmp, "%s-persona.pdf" % name)
            export(app, journey, pdf, ["--layout=persona", "--paper=A4"])
            size, word = smallest_text(pdf)
            print("%s persona A4: smallest text %.2f pt (“%s”)" % (name, size, word))
            if size < READABLE - 0.05:
                fail("%s, persona sheets: text printed at %.2f pt (“%s”)" % (name, size, word))

            for options in (["--paper=A3", "--tiles=4x3"], ["--paper=A4", "--tiles=3x2"],
                            ["--paper=A4", "--orientation=landscape", "--tiles=3x2"],
                            ["--paper=A4", "--sheets=6"], ["--paper=A3", "--sheets=12"],
                            ["--layout=board", "--paper=A4", "--sheets=4"]):
                pdf = os.path.join(tmp, "%s-poster.pdf" % name)
                export(app, journey, pdf, options)
                blank = blank_sheets(pdf)
                print("%s %s: %d blank sheets" % (name, " ".join(options), len(blank)))
                if blank:
                    fail("%s, %s: %d blank sheets" % (name, " ".join(options), len(blank)))

    if failures:
        print("%d checks failed" % len(failures))
        return 1
    print("every print readable, no blank sheet, every title, note and link present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
