#!/usr/bin/python3
# make-strings.py: the participant's page's translations, from po/
#
# The page is a browser's, not gettext's: it gets its texts as JSON. This
# reads the texts room.js marks for translation, finds each one's
# translation in every po/LANG.po (fuzzy and untranslated ones left out,
# so the page shows English there), and writes {"LANG": {text: translation}}.
#
# Usage: make-strings.py OUTPUT.json room.js LANG.po...
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

MARKED = re.compile(r"(?<![A-Za-z0-9_$.])N?_\(\s*'((?:\\.|[^'\\])*)'\s*\)")
ESCAPES = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', "'": "'"}


def unescape(text):
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)), text)


def marked_texts(path):
    with open(path, encoding='utf-8') as f:
        return {unescape(m.group(1)) for m in MARKED.finditer(f.read())}


def read_po(path):
    """The translated, not fuzzy, singular messages of a .po file."""
    messages = {}
    entry = {}
    field = None
    fuzzy = False

    def finish():
        nonlocal entry, fuzzy
        if ('msgid' in entry and 'msgstr' in entry and 'msgctxt' not in entry
                and 'msgid_plural' not in entry and not fuzzy and entry['msgstr']):
            messages[entry['msgid']] = entry['msgstr']
        entry = {}
        fuzzy = False

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                finish()
                field = None
            elif line.startswith('#,'):
                fuzzy = fuzzy or 'fuzzy' in line
            elif line.startswith('#'):
                continue
            elif line.startswith('"'):
                if field is not None:
                    entry[field] += unescape(line[1:-1])
            else:
                keyword, _, rest = line.partition(' ')
                field = keyword
                entry[field] = unescape(rest.strip()[1:-1])
    finish()
    return messages


def main():
    output, script, *catalogs = sys.argv[1:]
    texts = marked_texts(script)
    strings = {}
    for path in sorted(catalogs):
        language = os.path.splitext(os.path.basename(path))[0]
        messages = read_po(path)
        strings[language] = {text: messages[text] for text in sorted(texts) if text in messages}
    with open(output, 'w', encoding='utf-8') as f:
        json.dump(strings, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write('\n')


main()
