/* jm-file-schema.c: the .journey format, described once
 *
 * The rows of one element are in the order the writer writes them; the
 * reader accepts child elements in any order (the schema interleaves
 * them). Rows without a property are the format's structure (ids, the
 * lists of stages, personas and touchpoints, a persona's picture): the
 * reader and the writer handle those by hand, and the table still names
 * them, so that it can be checked against data/journey-1.rng in full.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-file-schema.h"
#include "jm-map.h"
#include "jm-votes.h"

/* The model's getters in the one shape a row holds (see JmSchemaGetter). */
#define GETTER(type_, name_, call_) \
  static type_ get_##name_ (gpointer object) { return call_; }

GETTER (const char *, map_title, jm_map_get_title (object))
GETTER (const char *, map_description, jm_map_get_description (object))
GETTER (const char *, map_version, jm_map_get_map_version (object))
GETTER (const char * const *, map_authors, jm_map_get_authors (object))
GETTER (const char *, map_workshop_date, jm_map_get_workshop_date (object))

/* The nick of the status, or NULL for none: left out of the file. */
static const char *
get_map_status (gpointer object)
{
  switch (jm_map_get_status (object))
    {
    case JM_MAP_STATUS_AS_IS: return "as-is";
    case JM_MAP_STATUS_TO_BE: return "to-be";
    case JM_MAP_STATUS_NONE:
    default: return NULL;
    }
}

GETTER (const char *, round_question, jm_vote_round_get_question (object))
GETTER (int, round_dots, jm_vote_round_get_dots (object))
GETTER (gboolean, round_anonymous, jm_vote_round_get_anonymous (object))
GETTER (gboolean, round_closed, jm_vote_round_get_closed (object))
GETTER (double, weight_responsiveness, jm_map_get_weight (object, JM_MEASURE_RESPONSIVENESS))
GETTER (double, weight_convenience, jm_map_get_weight (object, JM_MEASURE_CONVENIENCE))
GETTER (double, weight_reliability, jm_map_get_weight (object, JM_MEASURE_RELIABILITY))
GETTER (double, weight_relevance, jm_map_get_weight (object, JM_MEASURE_RELEVANCE))

GETTER (const char *, stage_name, jm_stage_get_name (object))
GETTER (const char *, stage_description, jm_stage_get_description (object))

GETTER (const char *, persona_colour, jm_persona_get_colour (object))
GETTER (int, persona_age, jm_persona_get_age (object))
GETTER (gboolean, persona_hidden, jm_persona_get_hidden (object))
GETTER (const char *, persona_name, jm_persona_get_name (object))
GETTER (const char *, persona_role, jm_persona_get_role (object))
GETTER (const char *, persona_quote, jm_persona_get_quote (object))
GETTER (const char *, persona_bio, jm_persona_get_bio (object))
GETTER (const char * const *, persona_goals, jm_persona_get_goals (object))
GETTER (const char * const *, persona_frustrations, jm_persona_get_frustrations (object))
GETTER (const char * const *, persona_needs, jm_persona_get_needs (object))
GETTER (const char * const *, persona_channels, jm_persona_get_channels (object))
GETTER (const char * const *, persona_devices, jm_persona_get_devices (object))
GETTER (const char *, persona_notes, jm_persona_get_notes (object))

GETTER (const char *, touchpoint_channel, jm_touchpoint_get_channel (object))
GETTER (const char *, touchpoint_kind, jm_touchpoint_get_kind (object))
GETTER (int, touchpoint_emotion, jm_touchpoint_get_emotion (object))
GETTER (gboolean, touchpoint_moment_of_truth, jm_touchpoint_get_moment_of_truth (object))
GETTER (const char *, touchpoint_title, jm_touchpoint_get_title (object))
GETTER (const char *, touchpoint_actions, jm_touchpoint_get_row (object, JM_ROW_ACTIONS))
GETTER (const char *, touchpoint_needs, jm_touchpoint_get_row (object, JM_ROW_NEEDS))
GETTER (const char *, touchpoint_thoughts, jm_touchpoint_get_row (object, JM_ROW_THOUGHTS))
GETTER (const char *, touchpoint_opportunities, jm_touchpoint_get_row (object, JM_ROW_OPPORTUNITIES))
GETTER (const char *, touchpoint_metrics, jm_touchpoint_get_row (object, JM_ROW_METRICS))
GETTER (const char *, touchpoint_notes, jm_touchpoint_get_notes (object))
GETTER (const char * const *, touchpoint_teams, jm_touchpoint_get_teams (object))
GETTER (const char * const *, touchpoint_links, jm_touchpoint_get_links (object))
GETTER (int, rating_responsiveness, jm_touchpoint_get_rating (object, JM_MEASURE_RESPONSIVENESS))
GETTER (int, rating_convenience, jm_touchpoint_get_rating (object, JM_MEASURE_CONVENIENCE))
GETTER (int, rating_reliability, jm_touchpoint_get_rating (object, JM_MEASURE_RELIABILITY))
GETTER (int, rating_relevance, jm_touchpoint_get_rating (object, JM_MEASURE_RELEVANCE))

#define ATTRIBUTE(parent_, name_, type_, required_, otype_, property_, getter_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_ATTRIBUTE, .type = type_, \
    .required = required_, .object_type = otype_, .property = property_, .get = getter_ }
#define CHECKED(parent_, name_, type_, otype_, property_, getter_, min_, max_, invalid_, args_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_ATTRIBUTE, .type = type_, \
    .object_type = otype_, .property = property_, .get = getter_, .min = min_, .max = max_, \
    .invalid = invalid_, .invalid_args = JM_SCHEMA_ARGS_##args_ }
#define TEXT(parent_, name_, required_, otype_, property_, getter_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_TEXT_ELEMENT, .type = JM_SCHEMA_TEXT, \
    .required = required_, .object_type = otype_, .property = property_, \
    .get.text = get_##getter_ }
#define LIST(parent_, name_, item_, type_, otype_, property_, getter_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_LIST_ELEMENT, .type = type_, \
    .item = item_, .object_type = otype_, .property = property_, .get.strv = get_##getter_ }
#define ELEMENT(parent_, name_, required_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_ELEMENT, .type = JM_SCHEMA_NONE, \
    .required = required_ }
#define NO_GETTER { NULL }
#define GET(member_, getter_) { .member_ = get_##getter_ }

#define WEIGHT(name) \
  CHECKED ("weights", #name, JM_SCHEMA_DECIMAL, jm_map_get_type, "weight-" #name, \
           GET (decimal, weight_##name), 0, 1000, \
           N_("the weight of %s is “%s”, but it must be a number from 0 to 1000"), NAME_VALUE)
#define RATING(name) \
  CHECKED ("scores", #name, JM_SCHEMA_INT, jm_touchpoint_get_type, #name, \
           GET (integer, rating_##name), 1, 5, \
           N_("the %s rating “%s” of touchpoint “%s” is outside the scale of 1 to 5"), NAME_VALUE_OBJECT)

static JmSchemaField fields[] = {
  ATTRIBUTE ("journey", "version", JM_SCHEMA_TEXT, TRUE, NULL, NULL, NO_GETTER),
  /* Since 1.1: the map's title block and its votes. */
  CHECKED ("journey", "status", JM_SCHEMA_CHOICE, jm_map_get_type, "status",
           GET (text, map_status), 0, 0,
           N_("the status “%s” of the map is neither as-is nor to-be"), VALUE_OBJECT),
  CHECKED ("journey", "workshop-date", JM_SCHEMA_DATE, jm_map_get_type, "workshop-date",
           GET (text, map_workshop_date), 0, 0,
           N_("the workshop date “%s” is not a date written as YYYY-MM-DD, such as 2026-03-31"),
           VALUE_OBJECT),
  TEXT ("journey", "title", TRUE, jm_map_get_type, "title", map_title),
  TEXT ("journey", "description", FALSE, jm_map_get_type, "description", map_description),
  TEXT ("journey", "map-version", FALSE, jm_map_get_type, "map-version", map_version),
  LIST ("journey", "authors", "author", JM_SCHEMA_STRV, jm_map_get_type, "authors", map_authors),
  ELEMENT ("journey", "weights", FALSE),
  ELEMENT ("journey", "stages", TRUE),
  ELEMENT ("journey", "personas", TRUE),
  ELEMENT ("journey", "touchpoints", TRUE),
  ELEMENT ("journey", "votes", FALSE),

  WEIGHT (responsiveness),
  WEIGHT (convenience),
  WEIGHT (reliability),
  WEIGHT (relevance),

  ELEMENT ("stages", "stage", FALSE),
  ATTRIBUTE ("stage", "id", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  TEXT ("stage", "name", TRUE, jm_stage_get_type, "name", stage_name),
  TEXT ("stage", "description", FALSE, jm_stage_get_type, "description", stage_description),

  ELEMENT ("personas", "persona", FALSE),
  ATTRIBUTE ("persona", "id", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  CHECKED ("persona", "colour", JM_SCHEMA_COLOUR, jm_persona_get_type, "colour",
           GET (text, persona_colour), 0, 0,
           N_("the colour “%s” of persona “%s” is not a colour written as #rrggbb"), VALUE_OBJECT),
  CHECKED ("persona", "age", JM_SCHEMA_INT, jm_persona_get_type, "age",
           GET (integer, persona_age), 0, 150,
           N_("the age “%s” of persona “%s” is not a whole number from 0 to 150"), VALUE_OBJECT),
  CHECKED ("persona", "hidden", JM_SCHEMA_BOOLEAN, jm_persona_get_type, "hidden",
           GET (boolean, persona_hidden), 0, 0,
           N_("%s is “%s” on “%s”, but it must be true or false"), NAME_VALUE_OBJECT),
  TEXT ("persona", "name", TRUE, jm_persona_get_type, "name", persona_name),
  TEXT ("persona", "role", FALSE, jm_persona_get_type, "role", persona_role),
  TEXT ("persona", "quote", FALSE, jm_persona_get_type, "quote", persona_quote),
  TEXT ("persona", "bio", FALSE, jm_persona_get_type, "bio", persona_bio),
  LIST ("persona", "goals", "item", JM_SCHEMA_STRV, jm_persona_get_type, "goals", persona_goals),
  LIST ("persona", "frustrations", "item", JM_SCHEMA_STRV, jm_persona_get_type, "frustrations", persona_frustrations),
  LIST ("persona", "needs", "item", JM_SCHEMA_STRV, jm_persona_get_type, "needs", persona_needs),
  LIST ("persona", "channels", "item", JM_SCHEMA_STRV, jm_persona_get_type, "channels", persona_channels),
  LIST ("persona", "devices", "item", JM_SCHEMA_STRV, jm_persona_get_type, "devices", persona_devices),
  TEXT ("persona", "notes", FALSE, jm_persona_get_type, "notes", persona_notes),
  ELEMENT ("persona", "picture", FALSE),
  ATTRIBUTE ("picture", "type", JM_SCHEMA_TEXT, TRUE, NULL, NULL, NO_GETTER),

  ELEMENT ("touchpoints", "touchpoint", FALSE),
  ATTRIBUTE ("touchpoint", "id", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  ATTRIBUTE ("touchpoint", "stage", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  ATTRIBUTE ("touchpoint", "lane", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  ATTRIBUTE ("touchpoint", "channel", JM_SCHEMA_TEXT, FALSE, jm_touchpoint_get_type, "channel",
             GET (text, touchpoint_channel)),
  ATTRIBUTE ("touchpoint", "kind", JM_SCHEMA_TEXT, FALSE, jm_touchpoint_get_type, "kind",
             GET (text, touchpoint_kind)),
  CHECKED ("touchpoint", "emotion", JM_SCHEMA_INT, jm_touchpoint_get_type, "emotion",
           GET (integer, touchpoint_emotion), -2, 2,
           N_("the emotion “%s” of touchpoint “%s” is not a whole number from -2 to 2"), VALUE_OBJECT),
  CHECKED ("touchpoint", "moment-of-truth", JM_SCHEMA_BOOLEAN, jm_touchpoint_get_type,
           "moment-of-truth", GET (boolean, touchpoint_moment_of_truth), 0, 0,
           N_("%s is “%s” on “%s”, but it must be true or false"), NAME_VALUE_OBJECT),
  TEXT ("touchpoint", "title", TRUE, jm_touchpoint_get_type, "title", touchpoint_title),
  TEXT ("touchpoint", "actions", FALSE, jm_touchpoint_get_type, "actions", touchpoint_actions),
  TEXT ("touchpoint", "needs", FALSE, jm_touchpoint_get_type, "needs", touchpoint_needs),
  TEXT ("touchpoint", "thoughts", FALSE, jm_touchpoint_get_type, "thoughts", touchpoint_thoughts),
  TEXT ("touchpoint", "opportunities", FALSE, jm_touchpoint_get_type, "opportunities", touchpoint_opportunities),
  TEXT ("touchpoint", "metrics", FALSE, jm_touchpoint_get_type, "metrics", touchpoint_metrics),
  TEXT ("touchpoint", "notes", FALSE, jm_touchpoint_get_type, "notes", touchpoint_notes),
  LIST ("touchpoint", "teams", "team", JM_SCHEMA_STRV, jm_touchpoint_get_type, "teams", touchpoint_teams),
  ELEMENT ("touchpoint", "scores", FALSE),
  LIST ("touchpoint", "links", "link", JM_SCHEMA_ID_LIST, jm_touchpoint_get_type, "links", touchpoint_links),
  ATTRIBUTE ("link", "to", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),

  RATING (responsiveness),
  RATING (convenience),
  RATING (reliability),
  RATING (relevance),

  ELEMENT ("votes", "round", FALSE),
  ATTRIBUTE ("round", "id", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  CHECKED ("round", "dots", JM_SCHEMA_INT, jm_vote_round_get_type, "dots",
           GET (integer, round_dots), 1, JM_VOTE_MAX_DOTS,
           N_("the dots “%s” of voting round “%s” are not a whole number from 1 to 99"), VALUE_OBJECT),
  CHECKED ("round", "anonymous", JM_SCHEMA_BOOLEAN, jm_vote_round_get_type, "anonymous",
           GET (boolean, round_anonymous), 0, 0,
           N_("%s is “%s” on “%s”, but it must be true or false"), NAME_VALUE_OBJECT),
  CHECKED ("round", "closed", JM_SCHEMA_BOOLEAN, jm_vote_round_get_type, "closed",
           GET (boolean, round_closed), 0, 0,
           N_("%s is “%s” on “%s”, but it must be true or false"), NAME_VALUE_OBJECT),
  TEXT ("round", "question", FALSE, jm_vote_round_get_type, "question", round_question),
  ELEMENT ("round", "vote", FALSE),
  /* A vote is read and written by hand: its limits depend on its round. */
  ATTRIBUTE ("vote", "touchpoint", JM_SCHEMA_ID, TRUE, NULL, NULL, NO_GETTER),
  ATTRIBUTE ("vote", "voter", JM_SCHEMA_TEXT, TRUE, NULL, NULL, NO_GETTER),
  { .parent = "vote", .name = "count", .node = JM_SCHEMA_ATTRIBUTE, .type = JM_SCHEMA_INT,
    .required = TRUE, .min = 1, .max = JM_VOTE_MAX_DOTS },
};

static gpointer
resolve_properties (gpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GObjectClass *klass;

      if (fields[i].property == NULL)
        continue;
      /* Kept for the life of the process, like the types themselves. */
      klass = g_type_class_ref (fields[i].object_type ());
      fields[i].pspec = g_object_class_find_property (klass, fields[i].property);
      if (fields[i].pspec == NULL)
        g_error ("%s has no property “%s” for <%s> %s",
                 G_OBJECT_CLASS_NAME (klass), fields[i].property, fields[i].parent, fields[i].name);
      if (fields[i].get.text == NULL)
        g_error ("<%s> %s has no getter for “%s”",
                 fields[i].parent, fields[i].name, fields[i].property);
    }
  return NULL;
}

/**
 * _jm_file_schema_get:
 * @n_fields: (out): the number of rows
 *
 * Returns: (transfer none): the rows of the format, element by element
 */
const JmSchemaField *
_jm_file_schema_get (guint *n_fields)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, resolve_properties, NULL);
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const char *
_jm_file_schema_type_name (JmSchemaType type)
{
  switch (type)
    {
    case JM_SCHEMA_NONE: return "none";
    case JM_SCHEMA_TEXT: return "text";
    case JM_SCHEMA_ID: return "id";
    case JM_SCHEMA_COLOUR: return "colour";
    case JM_SCHEMA_INT: return "integer";
    case JM_SCHEMA_DECIMAL: return "decimal";
    case JM_SCHEMA_BOOLEAN: return "boolean";
    case JM_SCHEMA_STRV: return "list";
    case JM_SCHEMA_ID_LIST: return "id list";
    case JM_SCHEMA_CHOICE: return "choice";
    case JM_SCHEMA_DATE: return "date";
    default: return "unknown";
    }
}

/* Straight to the class, as GObject itself does once it has found the
 * property by name: every property of the model notifies by itself
 * (EXPLICIT_NOTIFY), values were checked against the table, and the name
 * lookup and notify queue of g_object_set_property() would cost more
 * than the rest of reading a touchpoint. */
void
_jm_file_schema_set_value (const JmSchemaField *field,
                           gpointer             object,
                           const GValue        *value)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  g_assert (field->pspec != NULL);
  klass->set_property (object, field->pspec->param_id, value, field->pspec);
}

/* @value holds the property's type already: a caller keeps one value of
 * each type for a whole map rather than making one per field. The
 * spreadsheet and JSON writers read through it; the file writer, whose
 * speed counts most, uses each row's getter instead. */
void
_jm_file_schema_get_value (const JmSchemaField *field,
                           gpointer             object,
                           GValue              *value)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  g_assert (field->pspec != NULL);
  g_assert (G_VALUE_HOLDS (value, field->pspec->value_type));
  klass->get_property (object, field->pspec->param_id, value, field->pspec);
}

/* XML's whitespace (space, tab, carriage return, line feed): what xsd
 * collapses around a number. */
static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  return p;
}

/**
 * _jm_file_schema_parse_integer:
 * @text: an xsd:integer, with blanks around it allowed
 * @result: (out): the number, set only on success
 *
 * Reads a whole number from @min to @max, as the file and the CSV and
 * JSON readers take it.
 *
 * Returns: %FALSE when @text is not such a number
 */
gboolean
_jm_file_schema_parse_integer (const char *text,
                               double      min,
                               double      max,
                               int        *result)
{
  const char *p = skip_blanks (text);
  gboolean negative = FALSE;
  gboolean digits = FALSE;
  gint64 n = 0;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++)
    {
      digits = TRUE;
      n = n * 10 + (*p - '0');
      if (n > 1000000)
        return FALSE;
    }
  if (!digits || *skip_blanks (p) != '\0')
    return FALSE;
  if (negative)
    n = -n;
  if (n < min || n > max)
    return FALSE;
  *result = (int) n;
  return TRUE;
}

/**
 * _jm_file_schema_parse_decimal:
 * @text: an xsd:decimal, with blanks around it allowed
 * @result: (out): the number, set only on success (never minus zero)
 *
 * Returns: %FALSE when @text is not a decimal from @min to @max
 */
gboolean
_jm_file_schema_parse_decimal (const char *text,
                               double      min,
                               double      max,
                               double     *result)
{
  const char *start = skip_blanks (text);
  const char *p = start;
  gboolean digits = FALSE;
  double d;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits || *skip_blanks (p) != '\0')
    return FALSE;
  d = g_ascii_strtod (start, NULL);
  if (d < min || d > max)
    return FALSE;
  *result = d == 0.0 ? 0.0 : d;
  return TRUE;
}

/* A choice's values are its enum's nicks, but for the default, which the
 * file leaves out rather than names. */
gboolean
_jm_file_schema_parse_choice (const JmSchemaField *field,
                              const char          *text,
                              int                 *value)
{
  GEnumClass *klass = G_PARAM_SPEC_ENUM (field->pspec)->enum_class;
  GEnumValue *found = g_enum_get_value_by_nick (klass, text);

  if (found == NULL || found->value == G_PARAM_SPEC_ENUM (field->pspec)->default_value)
    return FALSE;
  *value = found->value;
  return TRUE;
}

/* Returns: (nullable): the nick of @value, or %NULL for the default */
const char *
_jm_file_schema_choice_nick (const JmSchemaField *field,
                             int                  value)
{
  GEnumClass *klass = G_PARAM_SPEC_ENUM (field->pspec)->enum_class;
  GEnumValue *found = g_enum_get_value (klass, value);

  if (found == NULL || value == G_PARAM_SPEC_ENUM (field->pspec)->default_value)
    return NULL;
  return found->value_nick;
}

/**
 * _jm_file_schema_add_vote:
 * @round: (type JmVoteRound): the round the vote is in, its dots known
 * @touchpoint_id: the id the vote is for, already checked
 * @voter: (nullable): the voter as written
 * @count: (nullable): the dots as written
 * @message: (out): what is wrong, when it is
 *
 * A vote as every reader of maps checks it (the .journey file, CSV and
 * JSON): a voter, a count from 1 to JM_VOTE_MAX_DOTS, and no voter with
 * more dots than the round gives. The vote is counted in @round.
 *
 * Returns: %TRUE if the vote is counted
 */
gboolean
_jm_file_schema_add_vote (gpointer     round,
                          const char  *touchpoint_id,
                          const char  *voter,
                          const char  *count,
                          char       **message)
{
  const char *round_id = jm_vote_round_get_id (round);
  int dots_given = 0;
  int dots;

  if (voter == NULL || *voter == '\0')
    {
      *message = g_strdup_printf (_("a vote in voting round “%s” has no voter"), round_id);
      return FALSE;
    }
  if (count == NULL || !_jm_file_schema_parse_integer (count, 1, JM_VOTE_MAX_DOTS, &dots_given))
    {
      *message = g_strdup_printf (_("the count “%s” of a vote by “%s” in voting round “%s” is not a whole number from 1 to 99"),
                                  count != NULL ? count : "", voter, round_id);
      return FALSE;
    }
  jm_vote_round_add_dots (round, touchpoint_id, voter, dots_given);
  dots = jm_vote_round_get_dots (round);
  if (jm_vote_round_get_dots_of (round, voter) > dots)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” has placed %d dots in voting round “%s”, which gives each voter %d dot",
                                               "“%s” has placed %d dots in voting round “%s”, which gives each voter %d dots",
                                               dots),
                                  voter, jm_vote_round_get_dots_of (round, voter), round_id, dots);
      return FALSE;
    }
  return TRUE;
}
