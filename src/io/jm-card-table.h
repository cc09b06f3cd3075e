/* jm-card-table.h: cards from the rows of any table (CSV, tab-separated)
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

/* What a column of a table can fill on a card. */
typedef enum {
  JM_CARD_FIELD_NONE = -1,
  JM_CARD_FIELD_TITLE,
  JM_CARD_FIELD_STAGE,
  JM_CARD_FIELD_LANE,
  JM_CARD_FIELD_EMOTION,
  JM_CARD_FIELD_CHANNEL,
  JM_CARD_FIELD_TEAMS,
  JM_CARD_FIELD_NOTES,
  JM_CARD_FIELD_RESPONSIVENESS,
  JM_CARD_FIELD_CONVENIENCE,
  JM_CARD_FIELD_RELIABILITY,
  JM_CARD_FIELD_RELEVANCE,
  JM_CARD_FIELD_ID,
  JM_CARD_FIELD_LINKS,
  JM_CARD_FIELD_KIND,
  JM_N_CARD_FIELDS
} JmCardField;

/* One row of a table and the line of the text it starts on. */
typedef struct
{
  guint  line;
  char **cells;
} JmCardRow;

/* A card read from a row, with the names of the stage and lane the row
 * gave it (NULL when it gave none). */
typedef struct
{
  JmTouchpoint *card;
  char         *stage;
  char         *lane;
  guint         line;
} JmCardImport;

const char  *jm_card_field_get_id         (JmCardField   field);
const char  *jm_card_field_get_label      (JmCardField   field);
JmCardField  jm_card_field_from_header    (const char   *header);

char         jm_card_table_guess_separator (const char   *text);
GPtrArray   *jm_card_table_read           (const char   *text,
                                           char          separator,
                                           guint         max_rows);
GPtrArray   *jm_card_table_to_cards       (GPtrArray    *rows,
                                           guint         first_row,
                                           const JmCardField *fields,
                                           guint         n_fields,
                                           char        **problems);

G_END_DECLS
