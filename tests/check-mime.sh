#!/bin/sh
# check-mime.sh: GIO recognises a map by its name and by its content
#
# Installs the built shared-mime-info package into a temporary data
# directory, then asks GIO, as a file manager would, for the type of a map
# named *.journey, of the same map without an extension, of one whose root
# element lists its attributes the other way round, and of plain XML.
#
# Usage: check-mime.sh BUILT-MIME-XML MAP
#
# Copyright 2026 The Journey Mapper developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

mime_xml=$1
map=$2
type=application/x-journey-map+xml
ns=https://journeymapper.github.io/ns/journey/1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/share/mime/packages" "$tmp/files"
cp "$mime_xml" "$tmp/share/mime/packages/"
update-mime-database "$tmp/share/mime" >/dev/null 2>&1
if ! grep -q "^$type\$" "$tmp/share/mime/types"; then
  echo "update-mime-database did not register $type"
  exit 1
fi

cp "$map" "$tmp/files/map.journey"
cp "$map" "$tmp/files/map-without-extension"
sed "s|<journey xmlns=\"$ns\" version=\"1.0\">|<journey version=\"1.0\" xmlns=\"$ns\">|" \
  "$map" > "$tmp/files/attributes-swapped"
if ! grep -q "<journey version=\"1.0\" xmlns=\"$ns\">" "$tmp/files/attributes-swapped"; then
  echo "$map: expected the root element as <journey xmlns=\"$ns\" version=\"1.0\">"
  exit 1
fi
printf '<?xml version="1.0"?>\n<journal xmlns="urn:example">notes</journal>\n' \
  > "$tmp/files/plain-xml"

content_type () {
  XDG_DATA_HOME="$tmp/home" XDG_DATA_DIRS="$tmp/share:/usr/share" \
    gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p'
}

status=0
expect () {
  got=$(content_type "$tmp/files/$1")
  if [ "$got" = "$2" ]; then
    echo "ok: $1 is $got"
  else
    echo "FAIL: $1 is '$got', expected $2"
    status=1
  fi
}

expect map.journey "$type"
expect map-without-extension "$type"
expect attributes-swapped "$type"
expect plain-xml application/xml

# The type names the icon that the package installs, and it must be a
# file the Flatpak export keeps (named after the application id).
icon=$(sed -n 's|.*<icon name="\([^"]*\)"/>.*|\1|p' "$mime_xml")
case "$icon" in
  io.github.journeymapper.JourneyMapper-*) echo "ok: icon $icon" ;;
  *) echo "FAIL: MIME icon '$icon' is not named after the application id"; status=1 ;;
esac

exit $status
