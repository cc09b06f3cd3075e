/* jm-interchange-private.h: what the CSV and JSON formats share
 *
 * Both formats carry every field of the .journey format, taken from the
 * same table (jm-file-schema.c), so that a field added there travels in
 * spreadsheets and JSON without a change here. Values are checked by the
 * same rules and the same messages as the XML reader's.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-file-schema.h"
#include "jm-map.h"
#include "jm-votes.h"

G_BEGIN_DECLS

/* The reader's limit on one text: libxml2's XML_MAX_TEXT_LENGTH. */
#define JM_INTERCHANGE_MAX_TEXT 10000000

/* What a CSV or JSON reader found wrong, one line each, at most
 * JM_PROBLEMS_MAX of them and a count of the rest. */
#define JM_PROBLEMS_MAX 50

typedef struct
{
  const char *name;       /* the file's name in messages */
  GString    *messages;
  guint       count;
} JmProblems;

typedef enum {
  JM_KIND_MAP,
  JM_KIND_STAGE,
  JM_KIND_PERSONA,
  JM_KIND_TOUCHPOINT,
  JM_KIND_ROUND,        /* a round of dot voting */
  JM_KIND_VOTE,         /* a voter's dots on a touchpoint, in a round */
  JM_N_KINDS
} JmKind;

/* Fields the table leaves to be handled by hand. */
typedef enum {
  JM_SPECIAL_NONE,
  JM_SPECIAL_ID,
  JM_SPECIAL_STAGE,
  JM_SPECIAL_LANE,
  JM_SPECIAL_PICTURE,
  JM_SPECIAL_PICTURE_TYPE,
  JM_SPECIAL_VOTE_ROUND,       /* a vote's round, by id */
  JM_SPECIAL_VOTE_TOUCHPOINT,  /* the touchpoint it is for, by id */
  JM_SPECIAL_VOTE_VOTER,
  JM_SPECIAL_VOTE_COUNT,       /* its dots, 1 to JM_VOTE_MAX_DOTS */
} JmSpecial;

/* One vote as read, before it is counted in its round. */
typedef struct
{
  const char *round;
  const char *touchpoint;
  const char *voter;
  const char *count;
} JmInterchangeVote;

typedef struct
{
  const char          *name;     /* the column, or JSON member */
  JmKind               kind;
  JmSpecial            special;
  const JmSchemaField *field;    /* JM_SPECIAL_NONE: its row of the format */
} JmInterchangeField;

void                      _jm_problems_init           (JmProblems               *problems,
                                                       const char               *name);
void                      _jm_problems_addv           (JmProblems               *problems,
                                                       const char               *prefix,
                                                       const char               *format,
                                                       va_list                   args) G_GNUC_PRINTF (3, 0);
gboolean                  _jm_problems_finish         (JmProblems               *problems,
                                                       int                       code,
                                                       GError                  **error);
const char               *_jm_kind_name               (JmKind                    kind);
gboolean                  _jm_kind_from_name          (const char               *name,
                                                       JmKind                   *kind);
const JmInterchangeField *_jm_interchange_fields      (guint                    *n_fields);

gboolean                  _jm_interchange_is_valid_id (const char               *id);
gboolean                  _jm_interchange_text_is_clean (const char             *text);
char                     *_jm_interchange_clean_text  (const char               *text);
gboolean                  _jm_interchange_check_text  (const char               *text,
                                                       char                    **message);
char                     *_jm_interchange_format_decimal (double                 value);

gpointer                  _jm_interchange_lookup      (JmMap                    *map,
                                                       JmKind                    kind,
                                                       const char               *id);
gpointer                  _jm_interchange_ensure      (JmMap                    *map,
                                                       JmKind                    kind,
                                                       const char               *id,
                                                       gboolean                 *created);
gboolean                  _jm_interchange_is_default  (const JmInterchangeField *field,
                                                       const GValue             *value);
gboolean                  _jm_interchange_parse       (const JmInterchangeField *field,
                                                       gpointer                  object,
                                                       const char               *text,
                                                       GValue                   *value,
                                                       char                    **message);
char                     *_jm_interchange_check_references (JmMap                *map,
                                                            JmTouchpoint         *touchpoint);
gboolean                  _jm_interchange_add_vote    (JmMap                    *map,
                                                       GHashTable               *rounds_read,
                                                       const JmInterchangeVote  *vote,
                                                       char                    **message);
char                     *_jm_interchange_check_votes (JmMap                    *map,
                                                       JmVoteRound              *round);

G_END_DECLS
