#!/bin/sh
# test-help.sh: the user guide is valid Mallard with no broken links
#
# Usage: test-help.sh HELP_DIR/C
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

dir=${1:?usage: test-help.sh HELP_DIR/C}

if ! command -v yelp-check >/dev/null 2>&1; then
  echo "SKIP: yelp-check not found (install yelp-tools) - the user guide was not checked"
  exit 77
fi

status=0
cd "$dir" || exit 1

echo "# yelp-check validate --strict"
yelp-check validate --strict ./*.page || status=1

echo "# yelp-check ids"
out=$(yelp-check ids ./*.page 2>&1) || status=1
[ -z "$out" ] || { echo "$out"; status=1; }

echo "# yelp-check links"
out=$(yelp-check links . 2>&1) || status=1
[ -z "$out" ] || { echo "page#section: missing link target"; echo "$out"; status=1; }

echo "# yelp-check orphans"
out=$(yelp-check orphans . 2>&1) || status=1
[ -z "$out" ] || { echo "pages no guide links to:"; echo "$out"; status=1; }

[ $status -eq 0 ] && echo "the user guide is valid"
exit $status
