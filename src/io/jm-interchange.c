/* jm-interchange.c: what the CSV and JSON formats share
 *
 * The fields of each kind of object come from the format's table in the
 * order it gives them, after the ones it leaves to be handled by hand
 * (ids, a touchpoint's stage and lane, a persona's picture). Values are
 * checked as the XML reader checks them, with its messages, so that a bad
 * rating reads the same whichever format it came in.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-interchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jm-file.h"
#include "jm-interchange.h"
#include "jm-interchange-private.h"

static const char *kind_names[JM_N_KINDS] = { "map", "stage", "persona", "touchpoint", "round", "vote" };

const char *
_jm_kind_name (JmKind kind)
{
  g_assert (kind < JM_N_KINDS);
  return kind_names[kind];
}

gboolean
_jm_kind_from_name (const char *name,
                    JmKind     *kind)
{
  for (guint i = 0; i < JM_N_KINDS; i++)
    if (g_str_equal (name, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
kind_of_type (GType   type,
              JmKind *kind)
{
  if (type == JM_TYPE_MAP)
    *kind = JM_KIND_MAP;
  else if (type == JM_TYPE_STAGE)
    *kind = JM_KIND_STAGE;
  else if (type == JM_TYPE_PERSONA)
    *kind = JM_KIND_PERSONA;
  else if (type == JM_TYPE_TOUCHPOINT)
    *kind = JM_KIND_TOUCHPOINT;
  else if (type == JM_TYPE_VOTE_ROUND)
    *kind = JM_KIND_ROUND;
  else
    return FALSE;
  return TRUE;
}

static GArray *
build_fields (void)
{
  /* Touchpoints first: they are what a spreadsheet user came for, and the
   * columns they share with the other kinds come in their order. */
  static const JmKind order[] = { JM_KIND_TOUCHPOINT, JM_KIND_STAGE, JM_KIND_PERSONA, JM_KIND_MAP,
                                  JM_KIND_ROUND, JM_KIND_VOTE };
  static const struct { const char *name; JmSpecial special; } vote_fields[] = {
    { "round", JM_SPECIAL_VOTE_ROUND },
    { "touchpoint", JM_SPECIAL_VOTE_TOUCHPOINT },
    { "voter", JM_SPECIAL_VOTE_VOTER },
    { "count", JM_SPECIAL_VOTE_COUNT },
  };
  GArray *out = g_array_new (FALSE, TRUE, sizeof (JmInterchangeField));
  const JmSchemaField *schema;
  guint n_schema;

  schema = _jm_file_schema_get (&n_schema);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      JmKind kind = order[k];
      JmInterchangeField f = { 0 };

      f.kind = kind;
      if (kind == JM_KIND_VOTE)
        {
          /* A vote is no object of its own: the XML reader reads it by hand. */
          for (guint v = 0; v < G_N_ELEMENTS (vote_fields); v++)
            {
              f.name = vote_fields[v].name;
              f.special = vote_fields[v].special;
              g_array_append_val (out, f);
            }
          continue;
        }
      if (kind != JM_KIND_MAP)
        {
          f.name = "id";
          f.special = JM_SPECIAL_ID;
          g_array_append_val (out, f);
        }
      if (kind == JM_KIND_TOUCHPOINT)
        {
          f.name = "stage";
          f.special = JM_SPECIAL_STAGE;
          g_array_append_val (out, f);
          f.name = "lane";
          f.special = JM_SPECIAL_LANE;
          g_array_append_val (out, f);
        }
      f.special = JM_SPECIAL_NONE;
      for (guint i = 0; i < n_schema; i++)
        {
          JmKind field_kind;

          if (schema[i].property == NULL || !kind_of_type (schema[i].object_type (), &field_kind) ||
              field_kind != kind)
            continue;
          f.name = schema[i].name;
          f.field = &schema[i];
          g_array_append_val (out, f);
        }
      f.field = NULL;
      if (kind == JM_KIND_PERSONA)
        {
          f.name = "picture";
          f.special = JM_SPECIAL_PICTURE;
          g_array_append_val (out, f);
          f.name = "picture-type";
          f.special = JM_SPECIAL_PICTURE_TYPE;
          g_array_append_val (out, f);
        }
    }
  return out;
}

static gpointer
init_fields (gpointer data)
{
  return build_fields ();
}

/**
 * _jm_interchange_fields:
 * @n_fields: (out): how many
 *
 * Returns: (transfer none): every field of every kind of object, each
 *   kind's fields in a row
 */
const JmInterchangeField *
_jm_interchange_fields (guint *n_fields)
{
  static GOnce once = G_ONCE_INIT;
  GArray *fields = g_once (&once, init_fields, NULL);

  *n_fields = fields->len;
  return (const JmInterchangeField *) (gpointer) fields->data;
}

/* The XML reader's rule for ids (xsd:NCName, at most 64 characters, ASCII). */
gboolean
_jm_interchange_is_valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > 64)
    return FALSE;
  if (!g_ascii_isalpha (id[0]) && id[0] != '_')
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '_' && id[i] != '.' && id[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_bad_char (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff;
}

/* Whether @text needs no cleaning: one pass over the bytes, since nearly
 * every text of a map is clean and cleaning goes a character at a time. */
gboolean
_jm_interchange_text_is_clean (const char *text)
{
  gboolean high = FALSE;
  const guchar *p;

  for (p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return FALSE;
      if (*p >= 0x80)
        {
          high = TRUE;
          /* U+FFFE and U+FFFF */
          if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
            return FALSE;
        }
    }
  return !high || g_utf8_validate (text, (gssize) (p - (const guchar *) text), NULL);
}

/* As the XML writer does: text the map cannot keep in a file is cleaned
 * on the way out, so that an export always imports again. */
char *
_jm_interchange_clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (_jm_interchange_text_is_clean (text))
    return g_strdup (text);
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_bad_char (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* @text is valid UTF-8 already. */
gboolean
_jm_interchange_check_text (const char  *text,
                            char       **message)
{
  if (strlen (text) > JM_INTERCHANGE_MAX_TEXT)
    {
      g_autofree char *limit = g_format_size (JM_INTERCHANGE_MAX_TEXT);

      *message = g_strdup_printf (_("a text is longer than the limit of %s"), limit);
      return FALSE;
    }
  /* Bad characters are ASCII controls or U+FFFE/U+FFFF: a scan of the
   * bytes finds them in a text known to be valid UTF-8. */
  if (_jm_interchange_text_is_clean (text))
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_bad_char (g_utf8_get_char (p)))
      {
        *message = g_strdup_printf (_("a text holds the control character U+%04X, which a map cannot keep"),
                                    g_utf8_get_char (p));
        return FALSE;
      }
  return TRUE;
}

/* The shortest text that reads back as the same number, without an
 * exponent: xsd:decimal has none, and spreadsheets read it as it is. */
char *
_jm_interchange_format_decimal (double value)
{
  for (int precision = 0; precision <= 40; precision++)
    {
      char buffer[512];
      char format[8];

      if (!isfinite (value) || fabs (value) > 1e100)
        break;
      g_snprintf (format, sizeof format, "%%.%df", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return g_strdup (buffer);
    }
  return g_strdup_printf ("%.17g", value);
}

gpointer
_jm_interchange_lookup (JmMap      *map,
                        JmKind      kind,
                        const char *id)
{
  switch (kind)
    {
    case JM_KIND_MAP: return map;
    case JM_KIND_STAGE: return jm_map_lookup_stage (map, id);
    case JM_KIND_PERSONA: return jm_map_lookup_persona (map, id);
    case JM_KIND_TOUCHPOINT: return jm_map_lookup_touchpoint (map, id);
    case JM_KIND_ROUND: return jm_votes_lookup_round (jm_map_get_votes (map), id);
    case JM_KIND_VOTE:
    case JM_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The object @id of @kind, appended to the map when it is new: imported
 * objects keep the order they come in, after those the map had. */
gpointer
_jm_interchange_ensure (JmMap      *map,
                        JmKind      kind,
                        const char *id,
                        gboolean   *created)
{
  gpointer object = _jm_interchange_lookup (map, kind, id);

  *created = object == NULL;
  if (object != NULL && kind == JM_KIND_ROUND)
    {
      /* A round in the file holds the file's votes, not those it had. */
      const char *touchpoint, *voter;
      int count;

      while (jm_vote_round_get_n_votes (object) > 0)
        {
          jm_vote_round_get_vote (object, 0, &touchpoint, &voter, &count);
          jm_vote_round_add_dots (object, touchpoint, voter, -count);
        }
    }
  if (object != NULL)
    return object;
  switch (kind)
    {
    case JM_KIND_STAGE:
      {
        g_autoptr(JmStage) stage = jm_stage_new (id, "");

        jm_map_append_stage (map, stage);
        return stage;
      }
    case JM_KIND_PERSONA:
      {
        g_autoptr(JmPersona) persona = jm_persona_new (id, "");

        jm_map_append_persona (map, persona);
        return persona;
      }
    case JM_KIND_TOUCHPOINT:
      {
        g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, "", "", "");

        jm_map_append_touchpoint (map, touchpoint);
        return touchpoint;
      }
    case JM_KIND_ROUND:
      {
        g_autoptr(JmVoteRound) round = jm_vote_round_new (id, "", 3);

        jm_votes_append_round (jm_map_get_votes (map), round);
        return round;
      }
    case JM_KIND_VOTE:
    case JM_KIND_MAP:
    case JM_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Whether @value is what a new object holds: left out of the output, as
 * the XML writer leaves it out. */
gboolean
_jm_interchange_is_default (const JmInterchangeField *field,
                            const GValue             *value)
{
  GParamSpec *pspec = field->field->pspec;

  switch (field->field->type)
    {
    case JM_SCHEMA_INT:
      return g_value_get_int (value) == G_PARAM_SPEC_INT (pspec)->default_value;
    case JM_SCHEMA_DECIMAL:
      return g_value_get_double (value) == G_PARAM_SPEC_DOUBLE (pspec)->default_value;
    case JM_SCHEMA_BOOLEAN:
      return g_value_get_boolean (value) == G_PARAM_SPEC_BOOLEAN (pspec)->default_value;
    case JM_SCHEMA_COLOUR:
      return !jm_colour_is_valid (g_value_get_string (value));
    case JM_SCHEMA_CHOICE:
      return g_value_get_enum (value) == G_PARAM_SPEC_ENUM (pspec)->default_value;
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_DATE:
    case JM_SCHEMA_ID:
      return g_value_get_string (value) == NULL || *g_value_get_string (value) == '\0';
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
      return g_value_get_boxed (value) == NULL || *(char **) g_value_get_boxed (value) == NULL;
    case JM_SCHEMA_NONE:
    default:
      return TRUE;
    }
}

void
_jm_problems_init (JmProblems *problems,
                   const char *name)
{
  problems->name = name;
  problems->messages = g_string_new (NULL);
  problems->count = 0;
}

/* One problem, as "PREFIX: MESSAGE", the prefix naming the file and the
 * place in it; only counted past the first JM_PROBLEMS_MAX. */
void
_jm_problems_addv (JmProblems *problems,
                   const char *prefix,
                   const char *format,
                   va_list     args)
{
  g_autofree char *message = NULL;

  problems->count++;
  if (problems->count > JM_PROBLEMS_MAX)
    return;
  message = g_strdup_vprintf (format, args);
  if (problems->messages->len > 0)
    g_string_append_c (problems->messages, '\n');
  g_string_append_printf (problems->messages, "%s: %s", prefix, message);
}

/* Sets @error to every problem found, with a count of those left out;
 * frees the messages. Returns whether there were none. */
gboolean
_jm_problems_finish (JmProblems  *problems,
                     int          code,
                     GError     **error)
{
  gboolean ok = problems->count == 0;

  if (problems->count > JM_PROBLEMS_MAX)
    {
      guint more = problems->count - JM_PROBLEMS_MAX;

      g_string_append_printf (problems->messages, "\n%s: ", problems->name);
      g_string_append_printf (problems->messages,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more problem",
                                           "and %u more problems", more),
                              more);
    }
  if (!ok)
    g_set_error_literal (error, JM_FILE_ERROR, code, problems->messages->str);
  g_string_free (problems->messages, TRUE);
  problems->messages = NULL;
  return ok;
}

static const char *
object_id (gpointer object)
{
  if (JM_IS_STAGE (object))
    return jm_stage_get_id (object);
  if (JM_IS_PERSONA (object))
    return jm_persona_get_id (object);
  if (JM_IS_TOUCHPOINT (object))
    return jm_touchpoint_get_id (object);
  return "";
}

static char *
invalid_message (const JmSchemaField *field,
                 gpointer             object,
                 const char          *text)
{
  const char *format = _(field->invalid);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  switch (field->invalid_args)
    {
    case JM_SCHEMA_ARGS_VALUE_OBJECT:
      return g_strdup_printf (format, text, object_id (object));
    case JM_SCHEMA_ARGS_NAME_VALUE:
      return g_strdup_printf (format, field->name, text);
    case JM_SCHEMA_ARGS_NAME_VALUE_OBJECT:
    default:
      return g_strdup_printf (format, field->name, text, object_id (object));
    }
#pragma GCC diagnostic pop
}

/**
 * _jm_interchange_parse:
 * @value: (out caller-allocates): unset; holds the property's value on success
 *
 * Reads the text of a scalar field: an empty text is the field's default.
 */
gboolean
_jm_interchange_parse (const JmInterchangeField *field,
                       gpointer                  object,
                       const char               *text,
                       GValue                   *value,
                       char                    **message)
{
  const JmSchemaField *schema = field->field;
  GParamSpec *pspec = schema->pspec;
  gboolean blank;
  gboolean b = FALSE;
  double d;
  int n;

  g_assert (schema != NULL);
  blank = *text == '\0';
  switch (schema->type)
    {
    case JM_SCHEMA_CHOICE:
      n = G_PARAM_SPEC_ENUM (pspec)->default_value;
      if (!blank && !_jm_file_schema_parse_choice (schema, text, &n))
        {
          *message = invalid_message (schema, object, text);
          return FALSE;
        }
      g_value_init (value, pspec->value_type);
      g_value_set_enum (value, n);
      return TRUE;
    case JM_SCHEMA_DATE:
      if (!blank && !jm_date_is_valid (text))
        {
          *message = invalid_message (schema, object, text);
          return FALSE;
        }
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      return TRUE;
    case JM_SCHEMA_COLOUR:
      if (!blank && !jm_colour_is_valid (text))
        {
          *message = invalid_message (schema, object, text);
          return FALSE;
        }
      G_GNUC_FALLTHROUGH;
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
      if (!_jm_interchange_check_text (text, message))
        return FALSE;
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      return TRUE;
    case JM_SCHEMA_INT:
      n = G_PARAM_SPEC_INT (pspec)->default_value;
      if (!blank && !_jm_file_schema_parse_integer (text, schema->min, schema->max, &n))
        {
          *message = invalid_message (schema, object, text);
          return FALSE;
        }
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, n);
      return TRUE;
    case JM_SCHEMA_DECIMAL:
      d = G_PARAM_SPEC_DOUBLE (pspec)->default_value;
      if (!blank && !_jm_file_schema_parse_decimal (text, schema->min, schema->max, &d))
        {
          *message = invalid_message (schema, object, text);
          return FALSE;
        }
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, d);
      return TRUE;
    case JM_SCHEMA_BOOLEAN:
      {
        g_autofree char *copy = g_strstrip (g_strdup (text));

        b = G_PARAM_SPEC_BOOLEAN (pspec)->default_value;
        if (g_str_equal (copy, "true") || g_str_equal (copy, "1"))
          b = TRUE;
        else if (g_str_equal (copy, "false") || g_str_equal (copy, "0"))
          b = FALSE;
        else if (!blank)
          {
            *message = invalid_message (schema, object, text);
            return FALSE;
          }
        g_value_init (value, G_TYPE_BOOLEAN);
        g_value_set_boolean (value, b);
        return TRUE;
      }
    case JM_SCHEMA_NONE:
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
    default:
      g_assert_not_reached ();
    }
}

/**
 * _jm_interchange_check_references:
 *
 * Returns: (transfer full) (nullable): what @touchpoint names that the
 *   map does not have, in the XML reader's words; %NULL when all is there
 */
char *
_jm_interchange_check_references (JmMap        *map,
                                  JmTouchpoint *touchpoint)
{
  const char *id = jm_touchpoint_get_id (touchpoint);
  const char *stage = jm_touchpoint_get_stage_id (touchpoint);
  const char *lane = jm_touchpoint_get_lane_id (touchpoint);
  const char * const *links = jm_touchpoint_get_links (touchpoint);

  if (stage == NULL || jm_map_lookup_stage (map, stage) == NULL)
    return g_strdup_printf (_("touchpoint “%s” is in stage “%s”, but the map has no such stage"),
                            id, stage != NULL ? stage : "");
  if (lane == NULL || jm_map_lookup_persona (map, lane) == NULL)
    return g_strdup_printf (_("touchpoint “%s” is in the lane of persona “%s”, but the map has no such persona"),
                            id, lane != NULL ? lane : "");
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    if (jm_map_lookup_touchpoint (map, links[i]) == NULL)
      return g_strdup_printf (_("touchpoint “%s” links to touchpoint “%s”, but the map has no such touchpoint"),
                              id, links[i]);
  return NULL;
}

/**
 * jm_interchange_format_for_path:
 *
 * Returns: %TRUE if @path ends in .csv or .json (in any case)
 */
gboolean
jm_interchange_format_for_path (const char          *path,
                                JmInterchangeFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv"))
    *format = JM_INTERCHANGE_CSV;
  else if (g_str_has_suffix (lower, ".json"))
    *format = JM_INTERCHANGE_JSON;
  else
    return FALSE;
  return TRUE;
}

/**
 * jm_interchange_write:
 *
 * Returns: (transfer full): the whole map in @format
 */
GBytes *
jm_interchange_write (JmMap               *map,
                      JmInterchangeFormat  format)
{
  return format == JM_INTERCHANGE_CSV ? jm_interchange_write_csv (map)
                                      : jm_interchange_write_json (map);
}

gboolean
jm_interchange_read (JmMap                *map,
                     JmInterchangeFormat   format,
                     GBytes               *contents,
                     const char           *display_name,
                     GError              **error)
{
  if (format == JM_INTERCHANGE_CSV)
    return jm_interchange_read_csv (map, contents, display_name, error);
  return jm_interchange_read_json (map, contents, display_name, error);
}

/**
 * _jm_interchange_add_vote:
 * @rounds_read: the ids of the rounds read so far from the file
 * @vote: a vote as read, its texts as the file gives them
 * @message: (out): what is wrong, when it is
 *
 * Checks a vote as the XML reader checks one, and counts it in its
 * round, which the file must give before its votes.
 *
 * Returns: %TRUE if the vote is counted
 */
gboolean
_jm_interchange_add_vote (JmMap                    *map,
                          GHashTable               *rounds_read,
                          const JmInterchangeVote  *vote,
                          char                    **message)
{
  JmVoteRound *round = NULL;
  const char *round_id = vote->round != NULL ? vote->round : "";

  if (g_hash_table_contains (rounds_read, round_id))
    round = jm_votes_lookup_round (jm_map_get_votes (map), round_id);
  if (round == NULL)
    {
      *message = g_strdup_printf (_("a vote is for voting round “%s”, which the file does not give before it"),
                                  round_id);
      return FALSE;
    }
  if (vote->touchpoint == NULL || !_jm_interchange_is_valid_id (vote->touchpoint))
    {
      *message = g_strdup_printf (_("the touchpoint “%s” of a vote in voting round “%s” is not an id"),
                                  vote->touchpoint != NULL ? vote->touchpoint : "", round_id);
      return FALSE;
    }
  /* A voter's text is checked as any text of a map, then as a voter. */
  if (vote->voter != NULL && !_jm_interchange_check_text (vote->voter, message))
    return FALSE;
  return _jm_file_schema_add_vote (round, vote->touchpoint, vote->voter, vote->count, message);
}

/**
 * _jm_interchange_check_votes:
 *
 * Returns: (nullable): what is wrong with @round's votes once the whole
 *   file is read: a vote for a touchpoint the map does not have
 */
char *
_jm_interchange_check_votes (JmMap       *map,
                             JmVoteRound *round)
{
  for (guint i = 0; i < jm_vote_round_get_n_votes (round); i++)
    {
      const char *touchpoint, *voter;
      int count;

      jm_vote_round_get_vote (round, i, &touchpoint, &voter, &count);
      if (jm_map_lookup_touchpoint (map, touchpoint) == NULL)
        return g_strdup_printf (_("voting round “%s” has a vote for touchpoint “%s”, but the map has no such touchpoint"),
                                jm_vote_round_get_id (round), touchpoint);
    }
  return NULL;
}
