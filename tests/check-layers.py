#!/usr/bin/python3
# check-layers.py: the build keeps each layer to the layers below it
#
# model, scoring, io, render and cli are static libraries, each compiled
# with only its own headers and those of the layers it may use (see
# src/meson.build). This compiles a one-line file with the flags the build
# gave each layer's sources (from compile_commands.json): a header of the
# layer itself or of a layer below must compile; a header of a higher
# layer, GTK or libadwaita must not be found. It also reads the sources:
# nothing below the widgets names GTK, and a private header is included
# only in its own folder.
#
# Usage: check-layers.py SOURCE-ROOT BUILD-ROOT
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

HIGHER_APP = ['jm-canvas.h', 'jm-window.h', 'jm-application.h', '<gtk/gtk.h>', '<adwaita.h>']

# layer: (headers it reaches, headers it must not reach)
LAYERS = {
    'model': (['jm-map.h', 'jm-names.h', 'jm-map-diff.h', '<gio/gio.h>'],
              ['jm-scoring.h', 'jm-file.h', 'jm-card-render.h', 'jm-export.h', 'jm-cli.h',
               'jm-interchange.h', '<libxml/parser.h>', '<json-glib/json-glib.h>', '<cairo.h>']
              + HIGHER_APP),
    'scoring': (['jm-scoring.h', 'jm-score-writer.h', 'jm-map.h'],
                ['jm-file.h', 'jm-persona-file.h', 'jm-export.h', 'jm-card-render.h', 'jm-cli.h',
                 '<libxml/parser.h>', '<cairo.h>'] + HIGHER_APP),
    'io': (['jm-file.h', 'jm-atomic-file.h', 'jm-persona-file.h', 'jm-draft.h', 'jm-map.h',
            'jm-interchange.h', '<libxml/parser.h>', '<json-glib/json-glib.h>'],
           ['jm-scoring.h', 'jm-export.h', 'jm-card-render.h', 'jm-persona-picture.h', 'jm-cli.h',
            '<cairo.h>', '<gdk-pixbuf/gdk-pixbuf.h>'] + HIGHER_APP),
    'render': (['jm-export.h', 'jm-card-render.h', 'jm-persona-picture.h', 'jm-scoring.h',
                'jm-atomic-file.h', 'jm-persona-file.h', '<cairo.h>', '<gdk-pixbuf/gdk-pixbuf.h>'],
               ['jm-cli.h'] + HIGHER_APP),
    'cli': (['jm-cli.h', 'jm-export.h', 'jm-score-writer.h', 'jm-file.h'],
            HIGHER_APP),
    'room': (['jm-room.h', 'jm-document.h', 'jm-file.h', 'jm-map.h', '<libsoup/soup.h>',
              '<json-glib/json-glib.h>'],
             ['jm-scoring.h', 'jm-export.h', 'jm-card-render.h', 'jm-cli.h', '<cairo.h>']
             + HIGHER_APP),
}

GTK_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](gtk/|gdk/|gsk/|adwaita)', re.M)
PRIVATE_INCLUDE = re.compile(r'^\s*#\s*include\s*"([a-z0-9-]+-private\.h)"', re.M)
# The reader builds model objects directly, as the model's own code would.
PRIVATE_ALLOWED = {('io', 'model')}


def layer_command(commands, source_root, layer):
    """The compile command of the first source of @layer, and its folder."""
    folder = os.path.join(source_root, 'src', layer)
    for path in sorted(commands):
        if os.path.dirname(path) == folder:
            return commands[path]
    return None


def probe_command(entry, probe):
    args = shlex.split(entry['command'])
    out = []
    skip = False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg in ('-o', '-MF', '-MQ', '-MT'):
            skip = True
            continue
        if arg in ('-c', '-MD', '-MMD') or arg.startswith('-o'):
            continue
        if os.path.realpath(os.path.join(entry['directory'], arg)) == \
           os.path.realpath(os.path.join(entry['directory'], entry['file'])):
            continue
        out.append(arg)
    return [args[0]] + out + ['-fsyntax-only', probe]


def compiles(entry, header, workdir):
    spelled = header if header.startswith('<') else f'"{header}"'
    probe = os.path.join(workdir, 'probe.c')
    with open(probe, 'w') as f:
        f.write(f'#include {spelled}\n')
    result = subprocess.run(probe_command(entry, probe), cwd=entry['directory'],
                            capture_output=True, text=True)
    return result.returncode == 0, result.stderr


def check_compiles(commands, source_root):
    failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        for layer, (reached, forbidden) in LAYERS.items():
            entry = layer_command(commands, source_root, layer)
            if entry is None:
                print(f'FAIL {layer}: no source of src/{layer} in compile_commands.json')
                failures += 1
                continue
            for header in reached:
                ok, errors = compiles(entry, header, workdir)
                if ok:
                    print(f'ok {layer} reaches {header}')
                else:
                    print(f'FAIL {layer} cannot include {header}:\n{errors}')
                    failures += 1
            for header in forbidden:
                ok, errors = compiles(entry, header, workdir)
                name = header.strip('<>')
                if not ok and 'No such file or directory' in errors and name in errors:
                    print(f'ok {layer} cannot reach {header}')
                elif ok:
                    print(f'FAIL {layer} can include {header}, a header of a higher layer')
                    failures += 1
                else:
                    print(f'FAIL {layer} including {header} fails for another reason:\n{errors}')
                    failures += 1
    return failures


def check_sources(source_root):
    failures = 0
    private_homes = {}
    for dirpath, _, names in os.walk(os.path.join(source_root, 'src')):
        for name in names:
            if name.endswith('-private.h'):
                private_homes[name] = os.path.relpath(dirpath, os.path.join(source_root, 'src'))
    for layer in LAYERS:
        folder = os.path.join(source_root, 'src', layer)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(('.c', '.h')):
                continue
            with open(os.path.join(folder, name), encoding='utf-8', errors='replace') as f:
                text = f.read()
            for match in GTK_INCLUDE.finditer(text):
                print(f'FAIL src/{layer}/{name} includes {match.group(1)}: only widgets may')
                failures += 1
            for match in PRIVATE_INCLUDE.finditer(text):
                home = private_homes.get(match.group(1))
                if home is not None and home != layer and (layer, home) not in PRIVATE_ALLOWED:
                    print(f'FAIL src/{layer}/{name} includes {match.group(1)}, private to src/{home}')
                    failures += 1
    if failures == 0:
        print('ok no source below the widgets names GTK or another layer\'s private header')
    return failures


def main():
    source_root, build_root = (os.path.realpath(a) for a in sys.argv[1:3])
    with open(os.path.join(build_root, 'compile_commands.json')) as f:
        commands = {}
        for entry in json.load(f):
            path = os.path.realpath(os.path.join(entry['directory'], entry['file']))
            commands.setdefault(path, entry)
    failures = check_compiles(commands, source_root) + check_sources(source_root)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
