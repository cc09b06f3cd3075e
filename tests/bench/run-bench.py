#!/usr/bin/python3
# run-bench.py: Journey Mapper's benchmark, against the tools a user would
# compare it with, on the same files in the same run.
#
#   run-bench.py BUILD_DIR [--runs N] [--markdown FILE] [--files DIR]
#
# BUILD_DIR is a meson build directory in which `ninja bench` has run (an
# optimised build: `sh .ci/quickstart bench` sets one up). Every figure is
# the median of N runs after one warm-up run, with the minimum and maximum;
# ratios compare medians measured in this same invocation. The machine may be
# shared and noisy, so read ratios rather than absolute times.
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import importlib.util
import datetime
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

SIZES = [100, 1000, 5000, 20000]
LONG_TEXT_SIZES = [5000, 20000, 50000]
SIBLINGS = [60000, 600000, 2000000]
SIBLINGS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<journey xmlns="https://journeymapper.github.io/ns/journey/1" xmlns:x="urn:x" version="1.0">'
                 '<title>Siblings</title><stages/><personas/><touchpoints/>')
SEED = 1
# A print whose smallest text is under this many points is not timed.
READABLE_PT = 6.0
A0_GRID = "export PDF grid on A0 sheets, full text (load + export)"
A0_USE = "A0 sheets of the grid: share of the least used sheet"
JOURNEY_NS = "{https://journeymapper.github.io/ns/journey/1}"


class Row:
    """One line of the results table."""

    def __init__(self, figure, size, unit, values=None, note=""):
        self.figure = figure
        self.size = size
        self.unit = unit
        self.values = values or []
        self.note = note
        self.refs = []  # (label, Row)

    @property
    def median(self):
        return statistics.median(self.values) if self.values else None

    def ratio_text(self):
        parts = []
        for label, ref in self.refs:
            if self.median is not None and ref.median:
                parts.append(f"{self.median / ref.median:.2f}x {label}")
        return ", ".join(parts)


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "MB" or unit == "fps":
        return f"{value:.1f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:.0f}"


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build_dir)
        self.runs = args.runs
        self.rows = []
        self.notes = []
        # In the build directory rather than /tmp, which others may clean
        # while a run is going on; the files stay there for a look afterwards.
        self.work = os.path.abspath(args.files or os.path.join(self.build, "bench-files"))
        os.makedirs(self.work, exist_ok=True)
        self.app = self.exe("src/journey-mapper")
        self.generate = self.exe("tests/bench/jm-generate")
        self.driver = self.exe("tests/bench/jm-bench")
        self.app_driver = self.exe("tests/bench/jm-bench-app", required=False)
        self.canvas_driver = self.exe("tests/bench/jm-bench-canvas", required=False)
        self.room_driver = self.exe("tests/bench/jm-bench-room", required=False)
        self.xmllint = shutil.which("xmllint")
        self.dia = shutil.which("dia")
        self.env = dict(os.environ, LC_ALL="C.UTF-8", GSETTINGS_BACKEND="memory")
        self.files = {}
        self.sources = {}
        self.xvfb = None
        self.dbus_pid = None
        self.dbus_address = None

    def exe(self, path, required=True):
        full = os.path.join(self.build, path)
        if not os.access(full, os.X_OK):
            if required:
                sys.exit(f"run-bench: {full} is missing: run `ninja -C {self.build} bench` first")
            return None
        return full

    # ------------------------------------------------------------ running

    def run_once(self, cmd, env=None, capture=False):
        """Run cmd; return (wall seconds, max RSS in KiB, exit status, stdout, stderr)."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env or self.env, stdin=subprocess.DEVNULL,
                                    stdout=out if capture else subprocess.DEVNULL, stderr=err)
            # wait4 gives this child's own resource use, as /usr/bin/time does.
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            return (wall, usage.ru_maxrss, proc.returncode,
                    out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))

    def timed(self, cmd, runs=None, env=None):
        """A warm-up run, then runs; returns (milliseconds, max RSS in KiB) lists.
        Commands whose warm-up takes seconds get fewer runs, so that the
        whole benchmark stays within minutes."""
        runs = runs or self.runs
        times, rss = [], []
        i = 0
        while i <= runs:
            wall, maxrss, code, _, err = self.run_once(cmd, env=env)
            if code != 0:
                raise RuntimeError(f"exit status {code}: {last_line(err)}")
            if i == 0:
                runs = min(runs, 3 if wall > 5 else 5 if wall > 1 else runs)
            else:
                times.append(wall * 1000)
                rss.append(maxrss)
            i += 1
        return times, rss

    def add(self, row):
        self.rows.append(row)
        med = fmt(row.median, row.unit)
        print(f"  {row.figure:<44} {size_text(row.size):>6}  {med:>8} {row.unit:<3} {row.ratio_text()} {row.note}",
              flush=True)
        return row

    def skip(self, figure, size, note):
        return self.add(Row(figure, size, "", note=f"not measured: {note}"))

    # ------------------------------------------------------------ setup

    def generate_maps(self):
        for n in SIZES:
            path = os.path.join(self.work, f"map-{n}.journey")
            subprocess.run([self.generate, str(n), str(SEED), path], check=True, env=self.env)
            self.files[n] = path
            # What the in-process drivers open: the file if the app loads it,
            # else the same map built in memory, so saving and drawing are
            # still measured when the loader refuses the file.
            _, _, code, _, err = self.run_once([self.driver, "load", path])
            if code == 0:
                self.sources[n] = path
            else:
                self.sources[n] = f"generated:{n}:{SEED}"
                self.notes.append(f"The {n:,}-touchpoint file ({os.path.getsize(path) / 1e6:.1f} MB) "
                                  f"does not load: {last_line(err)}. Saving and drawing "
                                  f"at that size use the same map built in memory.")

    def feature(self, args):
        """Whether the app's command line does this yet (placeholders exit 2)."""
        _, _, code, _, err = self.run_once([self.app] + args + [self.files[100]])
        return code == 0, last_line(err)

    def start_display(self):
        if self.xvfb and self.xvfb.poll() is None:
            return True
        xvfb = shutil.which("Xvfb")
        if not xvfb:
            return False
        if self.xvfb:
            os.close(self.xvfb_pipe)
        r, w = os.pipe()
        with open(os.path.join(self.work, "xvfb.log"), "a") as log:
            self.xvfb = subprocess.Popen([xvfb, "-displayfd", str(w), "-screen", "0", "1400x900x24",
                                          "-nolisten", "tcp"],
                                         pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=log)
        os.close(w)
        # Read up to the newline, and keep the pipe open while the server
        # runs: Xvfb treats a failed write of its display number as fatal.
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(r, 64)
            if not chunk:
                break
            number += chunk
        self.xvfb_pipe = r
        number = number.decode().strip()
        if not number:
            return False
        self.display = ":" + number
        self.gui_env = dict(self.env, DISPLAY=self.display, GDK_BACKEND="x11", GSK_RENDERER="cairo",
                            NO_AT_BRIDGE="1")
        self.gui_env.pop("WAYLAND_DISPLAY", None)
        # A desktop session has a session bus; without one GApplication
        # would try to start one on every launch.
        daemon = shutil.which("dbus-daemon")
        if daemon and not self.dbus_pid:
            out = subprocess.run([daemon, "--session", "--fork", "--print-address=1", "--print-pid=1"],
                                 capture_output=True, text=True, check=True).stdout.split()
            self.dbus_address = out[0]
            self.dbus_pid = int(out[1])
        if self.dbus_pid:
            self.gui_env["DBUS_SESSION_BUS_ADDRESS"] = self.dbus_address
        return True

    def gui_run(self, cmd):
        """Run a program on the display; start the X server again if it went
        away meanwhile (a shared machine), and retry that run once."""
        for attempt in range(2):
            if not self.start_display():
                raise RuntimeError("no Xvfb")
            spawn = time.monotonic()
            proc = subprocess.run(cmd, env=self.gui_env, capture_output=True, text=True, timeout=300)
            if proc.returncode == 0 or self.xvfb.poll() is None:
                return spawn, proc
        return spawn, proc

    def stop_display(self):
        if self.dbus_pid:
            os.kill(self.dbus_pid, signal.SIGTERM)
        if self.xvfb:
            self.xvfb.terminate()
            self.xvfb.wait()
            os.close(self.xvfb_pipe)

    # ------------------------------------------------------------ figures

    def load(self):
        print("Load", flush=True)
        # What every command pays before and after its work: the share of
        # process start-up in the figures below.
        t, _ = self.timed([self.app, "--version"])
        self.add(Row("process start and exit: journey-mapper --version", 0, "ms", t))
        for n in SIZES:
            path = self.files[n]
            refs = []
            if self.xmllint:
                t, _ = self.timed([self.xmllint, "--noout", path])
                refs.append(("xmllint", self.add(Row("xmllint --noout", n, "ms", t))))
                t, _ = self.timed([self.xmllint, "--noout", "--stream", path])
                refs.append(("xmllint --stream", self.add(Row("xmllint --noout --stream", n, "ms", t))))
            try:
                t, rss = self.timed([self.app, "--check", path])
            except RuntimeError as e:
                self.skip("load + validate: journey-mapper --check", n, str(e))
                continue
            row = Row("load + validate: journey-mapper --check", n, "ms", t)
            row.refs = refs
            self.add(row)
            # libxml2's RELAX NG validator as a second opinion: slow, so
            # measured at two sizes only.
            if n in (1000, 20000):
                try:
                    t, _ = self.timed([self.app, "--check", "--strict", path], runs=min(self.runs, 3))
                    row = Row("load + RELAX NG: journey-mapper --check --strict", n, "ms", t)
                    row.refs = refs[:1]
                    self.add(row)
                except RuntimeError as e:
                    self.skip("load + RELAX NG: journey-mapper --check --strict", n, str(e))
            if n >= 5000:
                self.add(Row("peak memory: journey-mapper --check", n, "MB", [k / 1024 for k in rss]))
            try:
                t = self.driver_times([self.driver, "load", path], "load")
            except RuntimeError as e:
                self.skip("load in process (jm_file_load, as the app opens a file)", n, str(e))
                continue
            self.add(Row("load in process (jm_file_load, as the app opens a file)", n, "ms", t))

    def siblings(self):
        """Valid maps of N sibling elements (foreign elements in <journey>,
        where libxml2's RELAX NG validator is quadratic): --check and
        --scores must grow linearly, so the time per sibling stays flat."""
        print("Many siblings", flush=True)
        for n in SIBLINGS:
            path = os.path.join(self.work, f"siblings-{n}.journey")
            with open(path, "w", encoding="utf-8") as f:
                f.write(SIBLINGS_HEAD + "<x:a/>" * n + "</journey>\n")
            for figure, args in (("many siblings: journey-mapper --check", ["--check"]),
                                 ("many siblings: journey-mapper --scores=csv", ["--scores=csv"])):
                try:
                    t, _ = self.timed([self.app] + args + [path], runs=min(self.runs, 5))
                except RuntimeError as e:
                    self.skip(figure, n, str(e))
                    continue
                row = Row(figure, n, "ms", t)
                row.note = f"{os.path.getsize(path) / 1e6:.2f} MB, {statistics.median(t) * 1000 / n:.2f} µs a sibling"
                self.add(row)

    def hostile(self):
        """Each family of hostile file, opened as --check opens it: every one
        refused (or loaded) in under a second."""
        print("Hostile files", flush=True)
        folder = os.path.join(self.work, "hostile")
        os.makedirs(folder, exist_ok=True)
        for family, write in hostile_families():
            path = os.path.join(folder, family.split(":")[0].replace(" ", "-") + ".journey")
            write(path)
            times = []
            for i in range(min(self.runs, 5) + 1):
                wall, _, code, _, err = self.run_once([self.app, "--check", path])
                if i > 0:
                    times.append(wall * 1000)
            verdict = f"refused: {last_line(err).split(': ', 1)[-1][:90]}" if code == 1 else \
                "loaded" if code == 0 else f"exit status {code}: {last_line(err)[:80]}"
            self.add(Row(f"hostile: {family}", os.path.getsize(path), "ms", times, note=verdict))

    def driver_times(self, cmd, key, runs=None):
        values = []
        for i in range((runs or self.runs) + 1):
            _, _, code, out, err = self.run_once(cmd, capture=True)
            if code != 0:
                raise RuntimeError(last_line(err))
            got = [float(m) for m in re.findall(rf"^{key} ([0-9.]+)$", out, re.M)]
            if i > 0:
                values.extend(got)
        return values

    def save(self):
        print("Save", flush=True)
        for n in SIZES:
            out = os.path.join(self.work, f"saved-{n}.journey")
            _, _, code, text, err = self.run_once([self.driver, "save", self.sources[n], out,
                                                   str(self.runs + 1)], capture=True)
            if code != 0:
                self.skip("save in process (jm_file_save)", n, last_line(err))
                continue
            values = [float(v) for v in re.findall(r"^save ([0-9.]+)$", text, re.M)][1:]
            note = "map built in memory" if self.sources[n].startswith("generated:") else ""
            self.add(Row("save in process (jm_file_save)", n, "ms", values, note=note))
            # The same without touching the disk: what the writing itself costs.
            _, _, code, text, err = self.run_once([self.driver, "write", self.sources[n], str(self.runs + 1)],
                                                   capture=True)
            if code == 0:
                values = [float(v) for v in re.findall(r"^write ([0-9.]+)$", text, re.M)][1:]
                self.add(Row("  of which building the bytes (jm_file_write_bytes)", n, "ms", values, note=note))

    def scores(self):
        print("Scores", flush=True)
        ok, why = self.feature(["--scores=csv"])
        for n in SIZES:
            if not ok:
                self.skip("scores: journey-mapper --scores=csv", n, why or "not in this build")
                continue
            try:
                t, _ = self.timed([self.app, "--scores=csv", self.files[n]])
                self.add(Row("scores: journey-mapper --scores=csv", n, "ms", t))
            except RuntimeError as e:
                self.skip("scores: journey-mapper --scores=csv", n, str(e))

    def interchange(self):
        """The whole map to CSV and JSON and back, against loading it; and a
        three-way merge of two changed copies of a map."""
        print("CSV and JSON", flush=True)
        ok, why = self.feature([f"--export={os.path.join(self.work, 'probe.csv')}"])
        for n in SIZES:
            load = self.find("load + validate: journey-mapper --check", n)
            for fmt_name in ("csv", "json"):
                out = os.path.join(self.work, f"map-{n}.{fmt_name}")
                back = os.path.join(self.work, f"imported-{n}.journey")
                steps = [(f"export {fmt_name.upper()}: journey-mapper --export=map.{fmt_name}",
                          [self.app, f"--export={out}", self.files[n]]),
                         (f"import {fmt_name.upper()}: journey-mapper --import=map.{fmt_name} --output",
                          [self.app, f"--import={out}", f"--output={back}"])]
                for figure, cmd in steps:
                    if not ok:
                        self.skip(figure, n, why or "not in this build")
                        continue
                    try:
                        t, _ = self.timed(cmd)
                    except RuntimeError as e:
                        self.skip(figure, n, str(e))
                        continue
                    row = Row(figure, n, "ms", t)
                    if load is not None and load.values:
                        row.refs = [("load", load)]
                    self.add(row)
        # Two groups' copies of the 20,000-card map, each with a few
        # changes: the merge reads three maps, merges and writes one.
        n = SIZES[-1]
        figure = "merge: journey-mapper --merge BASE OURS THEIRS"
        if not ok:
            self.skip(figure, n, why or "not in this build")
            return
        sides = []
        for side, row in (("ours", "touchpoint,t1,Ours,2\r\n"), ("theirs", "touchpoint,t2,Theirs,-1\r\n")):
            csv = os.path.join(self.work, f"{side}.csv")
            path = os.path.join(self.work, f"{side}-{n}.journey")
            with open(csv, "w", encoding="utf-8") as f:
                f.write("kind,id,title,emotion\r\n" + row)
            _, _, code, _, err = self.run_once([self.app, f"--import={csv}", f"--output={path}",
                                                self.files[n]])
            if code != 0:
                self.skip(figure, n, last_line(err))
                return
            sides.append(path)
        merged = os.path.join(self.work, f"merged-{n}.journey")
        try:
            t, _ = self.timed([self.app, "--merge", self.files[n], sides[0], sides[1],
                               f"--output={merged}"])
        except RuntimeError as e:
            self.skip(figure, n, str(e))
            return
        self.add(Row(figure, n, "ms", t))

    def room(self):
        """Fifty participants add twenty cards each to a room on loopback, at
        a steady pace within the room's limit, all at once: the 95th
        percentile from a participant's submit to the card in the
        facilitator's map and on every other participant's page, and the
        room's memory for each participant."""
        print("Workshop room", flush=True)
        n, each = 50, 20
        figures = [("map_p95", "room: submit to the facilitator's map, p95", "ms"),
                   ("map_p50", "room: submit to the facilitator's map, median", "ms"),
                   ("peers_p95", "room: submit to every other participant's page, p95", "ms"),
                   ("peers_p50", "room: submit to every other participant's page, median", "ms"),
                   ("kb_per_participant", "room: memory per participant", "KB")]
        if self.room_driver is None:
            for _, figure, _ in figures:
                self.skip(figure, n, "jm-bench-room is not built")
            return
        values = {key: [] for key, _, _ in figures}
        runs = min(self.runs, 5)
        for i in range(runs + 1):
            _, _, code, out, err = self.run_once([self.room_driver, str(n), str(each)], capture=True)
            found = dict(re.findall(r"^(\w+) ([0-9.]+)$", out, re.M))
            if code != 0 or found.get("cards") != str(n * each):
                for _, figure, _ in figures:
                    self.skip(figure, n, f"a run failed: {last_line(err) or found.get('cards', '?') + ' cards'}")
                return
            if i > 0:
                for key in values:
                    values[key].append(float(found[key]))
        for key, figure, unit in figures:
            self.add(Row(figure, n, unit, values[key], note=f"{n * each} cards, none lost"))

    def export(self):
        """PDF exports, each timed only if its print can be read: the
        smallest text on paper at least READABLE_PT (from pdftotext -bbox,
        as tests/check-export-readable.py measures it) and the cards' text
        printed, not drawn as grey blocks."""
        print("PDF export", flush=True)
        pdf = os.path.join(self.work, "out.pdf")
        kinds = [("export PDF grid (load + export)", ["--layout=grid"], False),
                 ("export PDF tiled A4 3x2 (load + export)", ["--paper=A4", "--tiles=3x2"], False),
                 ("export PDF wall preset, at most 6 A4 sheets (load + export)",
                  ["--paper=A4", "--sheets=6"], False),
                 (A0_GRID, ["--layout=grid", "--paper=A0"], True)]
        dia_row = self.dia_reference()
        readable = readable_checks()
        for figure, options, full_text in kinds:
            ok, why = self.feature([f"--export={pdf}"] + options)
            for n in SIZES[:3]:
                if not ok:
                    self.skip(figure, n, why or "not in this build")
                    continue
                try:
                    t, _ = self.timed([self.app, f"--export={pdf}"] + options + [self.files[n]],
                                      runs=min(self.runs, 5))
                except RuntimeError as e:
                    self.skip(figure, n, str(e))
                    continue
                verdict, note = print_verdict(readable, pdf, self.files[n], full_text)
                if verdict is False:
                    self.add(Row(figure, n, "", note=f"not a readable print: {note}"))
                    continue
                row = Row(figure, n, "ms", t, note=note)
                if n == 5000 and dia_row is not None and dia_row.values:
                    row.refs = [("Dia", dia_row)]
                self.add(row)
                if figure == A0_GRID and n == 1000:
                    self.sheet_use(readable, pdf)

    def sheet_use(self, readable, pdf):
        """How much of each A0 sheet the 1,000-card map uses: the box round
        everything printed inside the margins, over the sheet."""
        shares = sheet_shares(pdf)
        if readable is None or not shares:
            self.skip(A0_USE, 1000, "pdftoppm and pdftotext are needed")
            return
        size, word = readable.smallest_text(pdf)
        least = min(range(len(shares)), key=lambda i: shares[i])
        self.add(Row(A0_USE, 1000, "%", [shares[least] * 100],
                     note=f"least used: sheet {least + 1} of {len(shares)}; median sheet "
                          f"{statistics.median(shares) * 100:.0f}%; smallest text {size:.2f} pt"))

    def long_text(self):
        """One touchpoint whose title is N bytes of words, or one word of N
        bytes: export time should grow in step with N."""
        print("Long text", flush=True)
        pdf = os.path.join(self.work, "long.pdf")
        for kind, word in (("words", False), ("one word", True)):
            figure = f"export PDF grid, a title of {kind} (load + export)"
            for n in LONG_TEXT_SIZES:
                path = os.path.join(self.work, f"long-{'word' if word else 'words'}-{n}.journey")
                write_long_text_map(path, n, word)
                try:
                    t, _ = self.timed([self.app, f"--export={pdf}", path], runs=min(self.runs, 3))
                except RuntimeError as e:
                    self.skip(figure, n, str(e))
                    continue
                self.add(Row(figure, n, "ms", t, note="size: bytes of the title"))

    def dia_reference(self):
        n = 5000
        if not self.dia:
            self.skip("Dia: 5,000 text boxes to PDF", n,
                      "Dia is not installed (sudo apt-get install dia)")
            return None
        path = os.path.join(self.work, f"boxes-{n}.dia")
        write_dia_boxes(self.files[n], path)
        try:
            t, _ = self.timed([self.dia, "-e", os.path.join(self.work, "dia.pdf"), "-t", "pdf", path],
                              runs=min(self.runs, 5))
        except RuntimeError as e:
            self.skip("Dia: 5,000 text boxes to PDF", n, str(e))
            return None
        return self.add(Row("Dia: 5,000 text boxes to PDF", n, "ms", t, note="reference"))

    def first_frame_times(self, arg):
        """Milliseconds from starting jm-bench-app to its first frame, and
        what that frame showed."""
        values, shown = [], set()
        for i in range(self.runs + 1):
            spawn, proc = self.gui_run([self.app_driver, arg])
            m = re.search(r"^first-frame (\d+)$", proc.stdout, re.M)
            if proc.returncode != 0 or not m:
                raise RuntimeError(last_line(proc.stderr) or "no frame")
            shown.add(re.search(r"^shown (\w+)$", proc.stdout, re.M).group(1))
            if i > 0:
                values.append(int(m.group(1)) / 1000 - spawn * 1000)
        return values, shown

    def first_frame(self):
        print("Start-up", flush=True)
        n = 1000
        figure = "start-up to first frame showing the map"
        if not self.app_driver or not self.start_display():
            self.skip(figure, n, "no Xvfb")
            return
        try:
            values, _ = self.first_frame_times("--empty-window")
            floor = self.add(Row("GTK + libadwaita: empty window, first frame", 0, "ms", values,
                                 note="reference"))
            values, shown = self.first_frame_times(self.files[n])
        except RuntimeError as e:
            self.skip(figure, n, str(e))
            return
        note = "" if shown == {"board"} else "the window holds the map but has no board yet"
        row = Row(figure, n, "ms", values, note=note)
        row.refs = [("empty window", floor)]
        self.add(row)

    def canvas(self):
        print("Board", flush=True)
        n = SIZES[-1]
        if not self.canvas_driver:
            for figure in ("drag: frame median", "drag: frame p95", "pan: frames per second"):
                self.skip(figure, n, "this build has no board (JmCanvas)")
            return
        if not self.start_display():
            self.skip("board frame times", n, "no Xvfb")
            return
        note = "map built in memory" if self.sources[n].startswith("generated:") else ""
        runs = max(3, self.runs // 2)
        peak_rss = []
        # drag-room: the same drag while fifty participants add cards to a
        # room on the map (jm-bench-room's participants, in their own process).
        for mode in ("drag", "pan", "drag-room"):
            if mode == "drag-room" and self.room_driver is None:
                self.skip("drag-room: frames", n, "jm-bench-room is not built")
                continue
            stats = {"median": [], "p95": [], "fps": [], "update": [], "layout": [], "paint": [], "snapshot": [],
                     "peak-rss": [], "room-cards": []}
            for i in range(runs + 1):
                _, proc = self.gui_run([self.canvas_driver, mode, self.sources[n], "240"])
                if proc.returncode != 0:
                    self.skip(f"{mode}: frames", n, last_line(proc.stderr) or "failed")
                    break
                if i == 0:
                    continue
                for key in stats:
                    m = re.search(rf"^{key} ([0-9.]+)$", proc.stdout, re.M)
                    if m:
                        stats[key].append(float(m.group(1)))
            else:
                split = (f"of which update {statistics.median(stats['update']):.1f} ms, "
                         f"layout {statistics.median(stats['layout']):.1f} ms, "
                         f"paint {statistics.median(stats['paint']):.1f} ms")
                if stats["snapshot"]:
                    split += f" (the board's snapshot {statistics.median(stats['snapshot']):.1f} ms)"
                if stats["room-cards"]:
                    split += f"; {statistics.median(stats['room-cards']):.0f} cards from the room during the frames"
                self.add(Row(f"{mode}: frame median", n, "ms", stats["median"],
                             note="; ".join(x for x in (split, note) if x)))
                self.add(Row(f"{mode}: frame p95", n, "ms", stats["p95"], note=note))
                self.add(Row(f"{mode}: frames per second", n, "fps", stats["fps"], note=note))
                peak_rss.extend(stats["peak-rss"])
        if peak_rss:
            self.add(Row("peak memory: app with the board (drag and pan runs)", n, "MB",
                         [k / 1024 for k in peak_rss], note=note))

    # ------------------------------------------------------------ report

    def machine(self):
        def first(path, pattern):
            try:
                m = re.search(pattern, open(path, encoding="utf-8").read(), re.M)
                return m.group(1).strip() if m else "?"
            except OSError:
                return "?"

        def pkg(name):
            out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
            return out.stdout.strip() or "?"

        mem_kb = int(first("/proc/meminfo", r"^MemTotal:\s+(\d+)"))
        return {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": str(os.cpu_count()),
            "cpu": first("/proc/cpuinfo", r"^model name\s*:\s*(.*)$"),
            "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
            "os": "Debian " + first("/etc/debian_version", r"^(.*)$"),
            "kernel": platform.release(),
            "gtk": pkg("libgtk-4-1"),
            "libxml2": pkg("libxml2"),
            "libadwaita": pkg("libadwaita-1-0"),
            "cairo": pkg("libcairo2"),
            "pango": pkg("libpango-1.0-0"),
            "dia": pkg("dia") if self.dia else "not installed",
            "load average (1, 5, 15 min) at the start": self.load_at_start,
            "load average (1, 5, 15 min) at the end": load_average(),
        }

    def table(self):
        lines = ["| figure | size | median | min | max | runs | ratio to reference |",
                 "|---|---:|---:|---:|---:|---:|---|"]
        for r in self.rows:
            if r.values:
                unit = f" {r.unit}"
                lines.append(f"| {r.figure} | {size_text(r.size)} | {fmt(r.median, r.unit)}{unit} | "
                             f"{fmt(min(r.values), r.unit)} | {fmt(max(r.values), r.unit)} | {len(r.values)} | "
                             f"{'; '.join(x for x in (r.ratio_text(), r.note) if x)} |")
            else:
                lines.append(f"| {r.figure} | {size_text(r.size)} | - | - | - | 0 | {r.note} |")
        return "\n".join(lines)

    def find(self, figure, size):
        for r in self.rows:
            if r.figure == figure and r.size == size and r.values:
                return r
        return None

    def goals(self):
        """(goal, measured text, met: True/False/None)"""
        out = []

        def check(goal, row, test, show):
            if row is None:
                out.append((goal, "not measured", None))
            else:
                out.append((goal, show(row), test(row)))

        load = self.find("load + validate: journey-mapper --check", 20000)
        ref = self.find("xmllint --noout", 20000)
        check("--check 20,000: at most 1.5x `xmllint --noout`", load if ref else None,
              lambda r: r.median <= 1.5 * ref.median,
              lambda r: f"{r.median:.0f} ms vs {ref.median:.0f} ms ({r.median / ref.median:.2f}x)")
        hostile = [r for r in self.rows if r.figure.startswith("hostile: ") and r.values]
        check("every hostile file refused or loaded in under a second (slowest run)",
              hostile or None, lambda rows: all(max(r.values) < 1000 for r in rows),
              lambda rows: f"slowest: {max(max(r.values) for r in rows):.0f} ms "
                           f"({max(rows, key=lambda r: max(r.values)).figure[9:]})")
        load = self.find("load + validate: journey-mapper --check", 20000)
        for figure in ("export CSV: journey-mapper --export=map.csv",
                       "import CSV: journey-mapper --import=map.csv --output"):
            row = self.find(figure, 20000)
            check(f"{figure.split(':')[0]} 20,000: at most 1.5x loading it (--check)",
                  row if load else None, lambda r: r.median <= 1.5 * load.median,
                  lambda r: f"{r.median:.0f} ms vs {load.median:.0f} ms ({r.median / load.median:.2f}x)")
        m = self.find("merge: journey-mapper --merge BASE OURS THEIRS", 20000)
        check("merge of two 20,000-card maps: under 1 s", m, lambda r: r.median < 1000,
              lambda r: f"{r.median:.0f} ms")
        r = self.find("room: submit to the facilitator's map, p95", 50)
        check("room, 50 participants: submit to the facilitator's map, p95 at most 50 ms", r,
              lambda r: r.median <= 50, lambda r: f"{r.median:.1f} ms")
        r = self.find("room: submit to every other participant's page, p95", 50)
        check("room, 50 participants: submit to every other page, p95 at most 150 ms", r,
              lambda r: r.median <= 150, lambda r: f"{r.median:.1f} ms")
        r = self.find("room: memory per participant", 50)
        check("room: memory per participant at most 200 KB (highest run)", r,
              lambda r: max(r.values) <= 200, lambda r: f"{max(r.values):.1f} KB (median {r.median:.1f} KB)")
        save = self.find("save in process (jm_file_save)", 20000)
        check("save 20,000: at most 150 ms", save, lambda r: r.median <= 150, lambda r: f"{r.median:.0f} ms")
        # Export figures count only from readable prints (export() leaves
        # the others untimed): the tiled 3x2 A4 poster of 5,000 cards
        # prints them as grey blocks, so its goals gave way to these.
        a0 = self.find(A0_GRID, 5000)
        check("load + grid PDF of 5,000 cards on A0 sheets, full text: at most 1.5 s", a0,
              lambda r: r.median <= 1500, lambda r: f"{r.median:.0f} ms")
        dia = self.find("Dia: 5,000 text boxes to PDF", 5000)
        check("load + grid PDF of 5,000 cards on A0 sheets: no slower than Dia's 5,000 text boxes",
              a0 if dia else None, lambda r: r.median <= dia.median,
              lambda r: f"ours {r.median:.0f} ms, Dia {dia.median:.0f} ms ({r.median / dia.median:.2f}x)")
        use = self.find(A0_USE, 1000)
        check("grid of 1,000 cards on A0 sheets: every sheet at least 70% used, text at 7 pt or more",
              use, lambda r: r.median >= 70 and float(r.note.split("smallest text ")[1].split()[0]) >= 6.95,
              lambda r: f"{r.median:.0f}% ({r.note})")
        d = self.find("drag: frame median", 20000)
        check("drag 20,000: median frame at most 4 ms", d, lambda r: r.median <= 4, lambda r: f"{r.median:.1f} ms")
        d = self.find("drag: frame p95", 20000)
        check("drag 20,000: p95 frame at most 8 ms", d, lambda r: r.median <= 8, lambda r: f"{r.median:.1f} ms")
        d = self.find("drag-room: frame median", 20000)
        check("drag 20,000 while 50 participants add cards: median frame at most 4 ms", d,
              lambda r: r.median <= 4, lambda r: f"{r.median:.1f} ms")
        d = self.find("drag-room: frame p95", 20000)
        check("drag 20,000 while 50 participants add cards: p95 frame at most 8 ms", d,
              lambda r: r.median <= 8, lambda r: f"{r.median:.1f} ms")
        p = self.find("pan: frames per second", 20000)
        check("pan 20,000: at least 45 fps", p, lambda r: r.median >= 45, lambda r: f"{r.median:.1f} fps")
        f = self.find("start-up to first frame showing the map", 1000)
        check("first frame, 1,000 cards: at most 300 ms", f, lambda r: r.median <= 300,
              lambda r: f"{r.median:.0f} ms" + (f" ({r.note})" if r.note else ""))
        m = self.find("peak memory: app with the board (drag and pan runs)", 20000)
        check("memory, 20,000 cards: at most 150 MB resident (highest run)", m,
              lambda r: max(r.values) <= 150,
              lambda r: f"{max(r.values):.1f} MB (median {r.median:.1f} MB)")
        return out

    def report(self):
        info = self.machine()
        text = ["## Machine", ""]
        text += [f"- {k}: {v}" for k, v in info.items()]
        text += ["", f"Each figure: one warm-up run, then the median of the runs shown (min and max beside it).",
                 "Times are wall-clock milliseconds of the whole command unless the figure says in process.",
                 "", "## Results", "", self.table(), ""]
        if self.notes:
            text += ["Notes:", ""] + [f"- {n}" for n in self.notes] + [""]
        text += ["## Goals", "", "| goal | measured | met |", "|---|---|---|"]
        for goal, measured, met in self.goals():
            text.append(f"| {goal} | {measured} | {'yes' if met else 'no' if met is False else '-'} |")
        return "\n".join(text) + "\n"

    def run(self):
        started = time.monotonic()
        self.load_at_start = load_average()
        print(f"Journey Mapper benchmark: {self.runs} runs after a warm-up; files in {self.work}", flush=True)
        try:
            self.generate_maps()
            steps = [self.load, self.siblings, self.hostile, self.save, self.scores, self.interchange,
                     self.room,
                     self.export,
                     self.long_text,
                     self.first_frame, self.canvas]
            for step in steps:
                if not self.args.only or step.__name__ in self.args.only:
                    step()
        finally:
            self.stop_display()
        report = self.report()
        print()
        print(report)
        print(f"Total time: {time.monotonic() - started:.0f} s")
        if self.args.markdown:
            with open(self.args.markdown, "w", encoding="utf-8") as f:
                f.write(report)


def load_average():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def size_text(size):
    return f"{size:,}" if size else "-"


def last_line(text):
    lines = [l for l in (text or "").strip().splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def readable_checks():
    """tests/check-export-readable.py's measures, or None without poppler."""
    if not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm")):
        return None
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "check-export-readable.py")
    spec = importlib.util.spec_from_file_location("check_export_readable", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def print_verdict(readable, pdf, journey, full_text):
    """(True, note) for a readable print, (False, why) for one that is not,
    (None, note) when it cannot be told. Readable: the smallest text on
    paper at least READABLE_PT, and the cards' titles printed (all of them
    when full_text; else nine in ten, as a tile's edge may cut one)."""
    if readable is None:
        return None, "readability not checked (poppler-utils missing)"
    try:
        size, word = readable.smallest_text(pdf)
    except SystemExit:
        return None, "readability not checked (a font of unknown metrics)"
    titles = readable.titles(journey)
    text = readable.squeeze(readable.run(["pdftotext", "-raw", pdf, "-"]).stdout)
    found = sum(1 for t in titles if readable.squeeze(t) in text)
    if size < READABLE_PT - 0.005:
        return False, f"its smallest text prints at {size:.2f} pt (“{word}”), under {READABLE_PT:.0f} pt"
    if found < (len(titles) if full_text else 0.9 * len(titles)):
        return False, (f"{found:,} of {len(titles):,} card titles printed: the rest drawn as grey "
                       f"blocks or left out")
    return True, f"smallest text {size:.2f} pt, {found:,} of {len(titles):,} titles printed"


def sheet_shares(pdf, margin_mm=10, dpi=10):
    """For each page, the box round what is printed inside its margins
    (pixels darker than paper, rendered by pdftoppm), over the page."""
    if shutil.which("pdftoppm") is None:
        return []
    shares = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), pdf, os.path.join(tmp, "p")], check=True)
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            # Binary PGM: "P5\n<w> <h>\n255\n" then the pixels.
            fields = data.split(maxsplit=4)
            w, h = int(fields[1]), int(fields[2])
            pixels = fields[4][-w * h:]
            m = int(round(margin_mm / 25.4 * dpi)) + 1
            xs, ys = [], []
            for y in range(m, h - m):
                row = pixels[y * w + m:y * w + w - m]
                dark = [x for x, v in enumerate(row) if v < 250]
                if dark:
                    ys.append(y)
                    xs.append(dark[0])
                    xs.append(dark[-1])
            if not ys:
                shares.append(0.0)
                continue
            shares.append((max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1) / (w * h))
    return shares


def write_long_text_map(path, size, one_word):
    """A map of one touchpoint whose title is size bytes: numbered words, or
    one word with no place to break."""
    if one_word:
        title = ("Ab" * size)[:size]
    else:
        words, i = [], 0
        while sum(len(w) + 1 for w in words) < size:
            i += 1
            words.append(f"word{i}")
        title = " ".join(words)[:size]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<journey xmlns="https://journeymapper.github.io/ns/journey/1" version="1.0">\n'
                '  <title>Long text</title>\n'
                '  <stages><stage id="s1"><name>Need</name></stage></stages>\n'
                '  <personas><persona id="p1" colour="#0072b2"><name>Fridah</name></persona></personas>\n'
                f'  <touchpoints><touchpoint id="t1" stage="s1" lane="p1"><title>{title}</title>'
                '</touchpoint></touchpoints>\n'
                '</journey>\n')


def write_dia_boxes(journey, out):
    """A Dia diagram holding the map's touchpoints as text boxes in a grid,
    with each card's title and first row, on A4 landscape fitted to 3x2
    sheets: the same work as our tiled export, in Dia's own format."""
    root = ET.parse(journey).getroot()
    cards = root.iter(JOURNEY_NS + "touchpoint")

    def dia_string(s):
        return "#" + s.replace("&", "&amp;").replace("<", "&lt;") + "#"

    cols = 80
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             '<dia:diagram xmlns:dia="http://www.lysator.liu.se/~alla/dia/">\n'
             '<dia:diagramdata>\n'
             '<dia:attribute name="paper"><dia:composite type="paper">\n'
             '<dia:attribute name="name"><dia:string>#A4#</dia:string></dia:attribute>\n'
             '<dia:attribute name="tmargin"><dia:real val="1"/></dia:attribute>\n'
             '<dia:attribute name="bmargin"><dia:real val="1"/></dia:attribute>\n'
             '<dia:attribute name="lmargin"><dia:real val="1"/></dia:attribute>\n'
             '<dia:attribute name="rmargin"><dia:real val="1"/></dia:attribute>\n'
             '<dia:attribute name="is_portrait"><dia:boolean val="false"/></dia:attribute>\n'
             '<dia:attribute name="scaling"><dia:real val="1"/></dia:attribute>\n'
             '<dia:attribute name="fitto"><dia:boolean val="true"/></dia:attribute>\n'
             '<dia:attribute name="fitwidth"><dia:int val="3"/></dia:attribute>\n'
             '<dia:attribute name="fitheight"><dia:int val="2"/></dia:attribute>\n'
             '</dia:composite></dia:attribute>\n'
             '</dia:diagramdata>\n'
             '<dia:layer name="Background" visible="true" active="true">\n']
    for i, card in enumerate(cards):
        title = card.findtext(JOURNEY_NS + "title") or ""
        first_row = card.findtext(JOURNEY_NS + "actions") or ""
        x, y = (i % cols) * 6.0, (i // cols) * 4.0
        parts.append(
            f'<dia:object type="Flowchart - Box" version="0" id="O{i}">\n'
            f'<dia:attribute name="elem_corner"><dia:point val="{x},{y}"/></dia:attribute>\n'
            f'<dia:attribute name="elem_width"><dia:real val="5.5"/></dia:attribute>\n'
            f'<dia:attribute name="elem_height"><dia:real val="3.5"/></dia:attribute>\n'
            f'<dia:attribute name="text"><dia:composite type="text">\n'
            f'<dia:attribute name="string"><dia:string>{dia_string(title + chr(10) + first_row[:40])}'
            f'</dia:string></dia:attribute>\n'
            f'<dia:attribute name="font"><dia:font family="sans" style="0" name="Helvetica"/></dia:attribute>\n'
            f'<dia:attribute name="height"><dia:real val="0.5"/></dia:attribute>\n'
            f'<dia:attribute name="pos"><dia:point val="{x + 2.75},{y + 1.6}"/></dia:attribute>\n'
            f'<dia:attribute name="color"><dia:color val="#000000"/></dia:attribute>\n'
            f'<dia:attribute name="alignment"><dia:enum val="1"/></dia:attribute>\n'
            f'</dia:composite></dia:attribute>\n'
            f'</dia:object>\n')
    parts.append("</dia:layer>\n</dia:diagram>\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(parts))


HOSTILE_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
HOSTILE_ROOT = '<journey xmlns="https://journeymapper.github.io/ns/journey/1" version="1.0">'
HOSTILE_BODY = "<title>x</title><stages/><personas/><touchpoints/></journey>\n"


def hostile_families():
    """(family, writer) for each kind of file made to hurt a reader."""
    import gzip
    import struct
    import zlib

    def text(content):
        def write(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write(content() if callable(content) else content)
        return write

    def raw(content):
        def write(path):
            with open(path, "wb") as f:
                f.write(content())
        return write

    def laughs():
        ents = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
        return HOSTILE_HEAD + f"<!DOCTYPE journey [{ents}]>\n" + HOSTILE_ROOT + \
            "<title>&lol9;</title><stages/><personas/><touchpoints/></journey>\n"

    def png_header(width, height):
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        # A few rows of a picture that claims to be enormous.
        rows = zlib.compress(b"\0" * (width * 3 + 1) * 4)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", rows) + chunk(b"IEND", b""))

    def picture():
        import base64
        data = base64.b64encode(png_header(60000, 60000)).decode("ascii")
        return (HOSTILE_HEAD + HOSTILE_ROOT + '<title>x</title><stages/><personas><persona id="p1"><name>P</name>'
                f'<picture type="image/png">{data}</picture></persona></personas><touchpoints/></journey>\n')

    def oversized(path):
        with open(path, "wb") as f:
            f.write((HOSTILE_HEAD + HOSTILE_ROOT).encode())
            f.truncate(64 * 1024 * 1024 + 1)

    minimal = HOSTILE_HEAD + HOSTILE_ROOT + HOSTILE_BODY
    return [
        ("billion laughs", text(laughs)),
        ("external entity (XXE)", text(HOSTILE_HEAD + '<!DOCTYPE journey [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                                       + HOSTILE_ROOT + "<title>&x;</title><stages/><personas/><touchpoints/></journey>\n")),
        ("deep nesting: 100,000 levels", text(lambda: HOSTILE_HEAD + HOSTILE_ROOT + "<a>" * 100000)),
        ("many attributes: 200,000", text(lambda: HOSTILE_HEAD + HOSTILE_ROOT + '<title xmlns:x="urn:x"'
                                          + "".join(f' x:a{i}="{i}"' for i in range(200000)) + ">x</title></journey>\n")),
        ("duplicate attributes: 200,000", text(lambda: HOSTILE_HEAD + HOSTILE_ROOT + '<title a="1"' + ' a="1"' * 200000
                                               + ">x</title></journey>\n")),
        ("gzip-compressed map", raw(lambda: gzip.compress(minimal.encode()))),
        ("binary data (PNG)", raw(lambda: png_header(100, 100) * 40)),
        ("UTF-16 map", raw(lambda: minimal.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))),
        ("over the size cap: 64 MiB + 1", oversized),
        ("20 MB comment", text(lambda: HOSTILE_HEAD + "<!--" + "c" * 20000000 + "-->\n" + HOSTILE_ROOT + HOSTILE_BODY)),
        ("50 MB attribute value", text(lambda: HOSTILE_HEAD + HOSTILE_ROOT.replace(' version', ' xmlns:x="urn:x" version')
                                       .replace('">', '" x:big="' + "v" * 50000000 + '">', 1) + HOSTILE_BODY)),
        ("20 MB CDATA section", text(lambda: HOSTILE_HEAD + HOSTILE_ROOT + "<title><![CDATA[" + "d" * 20000000
                                     + "]]></title><stages/><personas/><touchpoints/></journey>\n")),
        ("20 MB processing instruction", text(lambda: HOSTILE_HEAD + "<?pi " + "p" * 20000000 + "?>\n"
                                              + HOSTILE_ROOT + HOSTILE_BODY)),
        ("many siblings: 60,000", text(lambda: SIBLINGS_HEAD + "<x:a/>" * 60000 + "</journey>\n")),
        ("picture declaring 60000x60000 pixels", text(picture)),
        ("newer format behind a DOCTYPE", text(HOSTILE_HEAD + '<!DOCTYPE journey [<!ENTITY a "b">]>\n'
                                              + HOSTILE_ROOT.replace("journey/1", "journey/2").replace("1.0", "2.0")
                                              + HOSTILE_BODY)),
        ("newer format behind a 20 MB comment", text(lambda: HOSTILE_HEAD + "<!--" + "c" * 20000000 + "-->\n"
                                                     + HOSTILE_ROOT.replace("journey/1", "journey/2").replace("1.0", "2.0")
                                                     + HOSTILE_BODY)),
    ]


def main():
    parser = argparse.ArgumentParser(description="Journey Mapper benchmark")
    parser.add_argument("build_dir", help="meson build directory where `ninja bench` has run")
    parser.add_argument("--runs", type=int, default=7, help="measured runs after the warm-up (default 7)")
    parser.add_argument("--markdown", help="also write the report to this file")
    parser.add_argument("--files", metavar="DIR",
                        help="where to write the maps and outputs (default BUILD_DIR/bench-files)")
    parser.add_argument("--only", action="append", metavar="STEP",
                        help="run only this step (load, siblings, hostile, save, scores, interchange, room, export, "
                             "first_frame, canvas); may be repeated")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    Bench(args).run()


if __name__ == "__main__":
    main()
