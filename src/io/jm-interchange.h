/* jm-interchange.h: a whole map as CSV or JSON, both ways
 *
 * The CSV is one table (RFC 4180, UTF-8 with a byte order mark, CRLF
 * line ends) with a "kind" column: one row for the map, one per stage,
 * persona and touchpoint, each kind using the columns that are its
 * fields. The JSON is one object with the map's fields and arrays of
 * stages, personas and touchpoints. docs/interchange.md describes both.
 *
 * Reading applies what it reads onto @map: objects are found by id and
 * changed, new ones appended, and fields a file leaves out are kept. On
 * failure @map is left half changed and must be thrown away; the error
 * lists every problem found, one per line, as "NAME:LINE: message" for CSV
 * and "NAME: where: message" for JSON, with the error code
 * JM_FILE_ERROR_INVALID (or JM_FILE_ERROR_TOO_LARGE, JM_FILE_ERROR_SYNTAX).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

typedef enum {
  JM_INTERCHANGE_CSV,
  JM_INTERCHANGE_JSON,
} JmInterchangeFormat;

gboolean jm_interchange_format_for_path (const char           *path,
                                         JmInterchangeFormat  *format);

GBytes  *jm_interchange_write_csv       (JmMap                *map);
gboolean jm_interchange_read_csv        (JmMap                *map,
                                         GBytes               *contents,
                                         const char           *display_name,
                                         GError              **error);
GBytes  *jm_interchange_write_json      (JmMap                *map);
gboolean jm_interchange_read_json       (JmMap                *map,
                                         GBytes               *contents,
                                         const char           *display_name,
                                         GError              **error);

GBytes  *jm_interchange_write           (JmMap                *map,
                                         JmInterchangeFormat   format);
gboolean jm_interchange_read            (JmMap                *map,
                                         JmInterchangeFormat   format,
                                         GBytes               *contents,
                                         const char           *display_name,
                                         GError              **error);

G_END_DECLS
