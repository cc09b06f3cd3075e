/* jm-interchange-json.c: a whole map as JSON
 *
 * One object: "format" ("journey-mapper") and "version" (1), the map's
 * fields, and the arrays "stages", "personas" and "touchpoints" of objects
 * in the map's order. Members are named as the .journey format names its
 * elements and attributes, and nested as it nests them ("weights" of the
 * map, "scores" of a touchpoint, "picture" of a persona with "type" and
 * "data" in base64). A field that holds its default is left out; reading
 * takes a member left out (or null) as "keep the value", so that a JSON
 * file can change a few fields of a map. Unknown members are refused:
 * they are typing mistakes more often than not. The rounds of dot voting
 * are the array "votes", each round with its own array "votes" of
 * { "touchpoint", "voter", "count" }, as the .journey format nests them;
 * a map with no rounds has no "votes".
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-interchange-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "jm-file.h"
#include "jm-interchange.h"
#include "jm-interchange-private.h"

#define FORMAT_NAME "journey-mapper"
#define FORMAT_VERSION 1
/* The format nests four deep; anything much deeper is not a map, and
 * json-glib would recurse for each level. */
#define MAX_DEPTH 32

static const char *kind_elements[JM_N_KINDS] = { "journey", "stage", "persona", "touchpoint", "round", "vote" };
static const char *kind_arrays[JM_N_KINDS] = { NULL, "stages", "personas", "touchpoints", "votes", "votes" };

/* The object a field sits in, when it is not its kind's own: "weights". */
static const char *
field_group (const JmInterchangeField *field)
{
  if (field->field == NULL || g_str_equal (field->field->parent, kind_elements[field->kind]))
    return NULL;
  return field->field->parent;
}

static void
add_value (JsonBuilder              *builder,
           const JmInterchangeField *field,
           JmMap                    *map,
           const GValue             *value)
{
  const char * const *items;

  switch (field->field->type)
    {
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
    case JM_SCHEMA_COLOUR:
    case JM_SCHEMA_DATE:
      {
        g_autofree char *clean = _jm_interchange_clean_text (g_value_get_string (value));

        json_builder_add_string_value (builder, clean);
      }
      break;
    case JM_SCHEMA_CHOICE:
      json_builder_add_string_value (builder,
                                     _jm_file_schema_choice_nick (field->field, g_value_get_enum (value)));
      break;
    case JM_SCHEMA_INT:
      json_builder_add_int_value (builder, g_value_get_int (value));
      break;
    case JM_SCHEMA_DECIMAL:
      json_builder_add_double_value (builder, g_value_get_double (value));
      break;
    case JM_SCHEMA_BOOLEAN:
      json_builder_add_boolean_value (builder, g_value_get_boolean (value));
      break;
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
      items = g_value_get_boxed (value);
      json_builder_begin_array (builder);
      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          g_autofree char *clean = NULL;

          if (field->field->type == JM_SCHEMA_ID_LIST && jm_map_lookup_touchpoint (map, items[i]) == NULL)
            continue;
          clean = _jm_interchange_clean_text (items[i]);
          json_builder_add_string_value (builder, clean);
        }
      json_builder_end_array (builder);
      break;
    case JM_SCHEMA_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
add_special (JsonBuilder              *builder,
             const JmInterchangeField *field,
             gpointer                  object)
{
  switch (field->special)
    {
    case JM_SPECIAL_ID:
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder,
                                     field->kind == JM_KIND_STAGE ? jm_stage_get_id (object)
                                     : field->kind == JM_KIND_PERSONA ? jm_persona_get_id (object)
                                     : field->kind == JM_KIND_ROUND ? jm_vote_round_get_id (object)
                                     : jm_touchpoint_get_id (object));
      break;
    case JM_SPECIAL_STAGE:
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, jm_touchpoint_get_stage_id (object));
      break;
    case JM_SPECIAL_LANE:
      json_builder_set_member_name (builder, "lane");
      json_builder_add_string_value (builder, jm_touchpoint_get_lane_id (object));
      break;
    case JM_SPECIAL_PICTURE:
      if (jm_persona_get_picture (object) != NULL)
        {
          GBytes *picture = jm_persona_get_picture (object);
          const char *type = jm_persona_get_picture_type (object);
          g_autofree char *base64 = g_base64_encode (g_bytes_get_data (picture, NULL),
                                                     g_bytes_get_size (picture));

          json_builder_set_member_name (builder, "picture");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, g_strcmp0 (type, "image/jpeg") == 0 ? type : "image/png");
          json_builder_set_member_name (builder, "data");
          json_builder_add_string_value (builder, base64);
          json_builder_end_object (builder);
        }
      break;
    case JM_SPECIAL_PICTURE_TYPE:
    case JM_SPECIAL_NONE:
    default:
      break;
    }
}

/* The members of one object of @kind, in the table's order; a group
 * ("scores") opens at its first field that is not a default. */
static void
add_members (JsonBuilder *builder,
             JmKind       kind,
             gpointer     object,
             JmMap       *map,
             GValue      *values)
{
  const JmInterchangeField *fields;
  guint n_fields;
  const char *open_group = NULL;

  fields = _jm_interchange_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const JmInterchangeField *field = &fields[i];
      const char *group;
      GValue *value;

      if (field->kind != kind)
        continue;
      if (field->special != JM_SPECIAL_NONE)
        {
          add_special (builder, field, object);
          continue;
        }
      value = &values[field->field->type];
      if (!G_IS_VALUE (value))
        g_value_init (value, field->field->pspec->value_type);
      _jm_file_schema_get_value (field->field, object, value);
      if (_jm_interchange_is_default (field, value) && !field->field->required)
        continue;

      group = field_group (field);
      if (g_strcmp0 (group, open_group) != 0)
        {
          if (open_group != NULL)
            json_builder_end_object (builder);
          if (group != NULL)
            {
              json_builder_set_member_name (builder, group);
              json_builder_begin_object (builder);
            }
          open_group = group;
        }
      json_builder_set_member_name (builder, field->name);
      add_value (builder, field, map, value);
    }
  if (open_group != NULL)
    json_builder_end_object (builder);
}

/* The rounds of dot voting, each with its votes for touchpoints the map
 * still has; nothing when the map has no rounds. */
static void
add_votes (JsonBuilder *builder,
           JmMap       *map,
           GValue      *values)
{
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (map));

  if (g_list_model_get_n_items (rounds) == 0)
    return;
  json_builder_set_member_name (builder, kind_arrays[JM_KIND_ROUND]);
  json_builder_begin_array (builder);
  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (rounds, r);

      json_builder_begin_object (builder);
      add_members (builder, JM_KIND_ROUND, round, map, values);
      json_builder_set_member_name (builder, kind_arrays[JM_KIND_VOTE]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < jm_vote_round_get_n_votes (round); i++)
        {
          const char *touchpoint, *voter;
          int count;
          g_autofree char *clean = NULL;

          jm_vote_round_get_vote (round, i, &touchpoint, &voter, &count);
          if (jm_map_lookup_touchpoint (map, touchpoint) == NULL)
            continue;
          clean = _jm_interchange_clean_text (voter);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "touchpoint");
          json_builder_add_string_value (builder, touchpoint);
          json_builder_set_member_name (builder, "voter");
          json_builder_add_string_value (builder, clean);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, count);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * jm_interchange_write_json:
 *
 * Returns: (transfer full): the whole map as JSON, indented, ending in a
 *   line break
 */
GBytes *
jm_interchange_write_json (JmMap *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GValue values[JM_SCHEMA_N_TYPES] = { G_VALUE_INIT };
  GString *out;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  add_members (builder, JM_KIND_MAP, map, map, values);
  for (JmKind kind = JM_KIND_STAGE; kind <= JM_KIND_TOUCHPOINT; kind++)
    {
      GListModel *list = kind == JM_KIND_STAGE ? jm_map_get_stages (map)
                         : kind == JM_KIND_PERSONA ? jm_map_get_personas (map)
                         : jm_map_get_touchpoints (map);

      json_builder_set_member_name (builder, kind_arrays[kind]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(GObject) object = g_list_model_get_item (list, i);

          json_builder_begin_object (builder);
          add_members (builder, kind, object, map, values);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  add_votes (builder, map, values);
  json_builder_end_object (builder);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

/* Reading */

typedef struct
{
  JmMap      *map;
  JmProblems  problems;
  GHashTable *touchpoints;   /* JmTouchpoint -> where, for the references */
  GHashTable *rounds;        /* the ids of the rounds read */
  GHashTable *round_places;  /* JmVoteRound -> where, for its votes' references */
} Reader;

static void problem (Reader *self, const char *where, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
problem (Reader     *self,
         const char *where,
         const char *format,
         ...)
{
  g_autofree char *prefix = NULL;
  va_list args;

  if (where != NULL)
    prefix = g_strdup_printf ("%s: %s", self->problems.name, where);
  va_start (args, format);
  _jm_problems_addv (&self->problems, prefix != NULL ? prefix : self->problems.name, format, args);
  va_end (args);
}

static const JmInterchangeField *
find_field (JmKind      kind,
            const char *group,
            const char *name)
{
  const JmInterchangeField *fields;
  guint n_fields;

  fields = _jm_interchange_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == kind && g_str_equal (fields[i].name, name) &&
        g_strcmp0 (field_group (&fields[i]), group) == 0 &&
        fields[i].special != JM_SPECIAL_PICTURE_TYPE)
      return &fields[i];
  return NULL;
}

static gboolean
is_group (JmKind      kind,
          const char *name)
{
  const JmInterchangeField *fields;
  guint n_fields;

  fields = _jm_interchange_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == kind && g_strcmp0 (field_group (&fields[i]), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A member that is a string, else @fallback: json-glib's own getters
 * complain about (or crash on) members of another type. */
static const char *
string_member (JsonObject *object,
               const char *name,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  return node_is (node, G_TYPE_STRING) ? json_node_get_string (node) : fallback;
}

static const char *
type_phrase (JmSchemaType type)
{
  switch (type)
    {
    case JM_SCHEMA_INT: return _("a whole number");
    case JM_SCHEMA_DECIMAL: return _("a number");
    case JM_SCHEMA_BOOLEAN: return _("true or false");
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
    case JM_SCHEMA_COLOUR:
    case JM_SCHEMA_NONE:
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
    default: return _("a text");
    }
}

/* The text of a scalar member, as the table's parser reads it. */
static char *
scalar_text (const JmInterchangeField *field,
             JsonNode                 *node)
{
  switch (field->field->type)
    {
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
    case JM_SCHEMA_COLOUR:
    case JM_SCHEMA_CHOICE:
    case JM_SCHEMA_DATE:
      return node_is (node, G_TYPE_STRING) ? g_strdup (json_node_get_string (node)) : NULL;
    case JM_SCHEMA_INT:
      return node_is (node, G_TYPE_INT64)
             ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)) : NULL;
    case JM_SCHEMA_DECIMAL:
      if (node_is (node, G_TYPE_INT64))
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return node_is (node, G_TYPE_DOUBLE)
             ? _jm_interchange_format_decimal (json_node_get_double (node)) : NULL;
    case JM_SCHEMA_BOOLEAN:
      return node_is (node, G_TYPE_BOOLEAN)
             ? g_strdup (json_node_get_boolean (node) ? "true" : "false") : NULL;
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
    case JM_SCHEMA_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
read_list (Reader                   *self,
           const char               *where,
           const JmInterchangeField *field,
           gpointer                  object,
           JsonNode                 *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  GValue value = G_VALUE_INIT;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (self, where, _("“%s” must be an array of texts"), field->name);
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *message = NULL;
      const char *text;

      if (!node_is (item, G_TYPE_STRING))
        {
          problem (self, where, _("“%s” must be an array of texts"), field->name);
          return;
        }
      text = json_node_get_string (item);
      if (!_jm_interchange_check_text (text, &message))
        {
          problem (self, where, "%s: %s", field->name, message);
          return;
        }
      if (field->field->type == JM_SCHEMA_ID_LIST && !_jm_interchange_is_valid_id (text))
        {
          problem (self, where, _("%s: “%s” is not an id"), field->name, text);
          return;
        }
      g_strv_builder_add (builder, text);
    }
  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, g_strv_builder_end (builder));
  _jm_file_schema_set_value (field->field, object, &value);
  g_value_unset (&value);
}

static void
read_picture (Reader     *self,
              const char *where,
              JmPersona  *persona,
              JsonNode   *node)
{
  JsonObject *picture;
  const char *type, *data;
  g_autofree char *reencoded = NULL;
  guchar *decoded;
  gsize length = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (self, where, "%s", _("“picture” must be an object with “type” and “data”"));
      return;
    }
  picture = json_node_get_object (node);
  type = string_member (picture, "type", "image/png");
  data = string_member (picture, "data", NULL);
  if (data == NULL || json_object_get_size (picture) > 2)
    {
      problem (self, where, "%s", _("“picture” must be an object with “type” and “data”"));
      return;
    }
  if (!g_str_equal (type, "image/png") && !g_str_equal (type, "image/jpeg"))
    {
      problem (self, where, _("the picture of persona “%s” is “%s”, but it must be image/png or image/jpeg"),
               jm_persona_get_id (persona), type);
      return;
    }
  decoded = g_base64_decode (data, &length);
  reencoded = g_base64_encode (decoded, length);
  if (length == 0 || !g_str_equal (reencoded, data) || strlen (data) > JM_INTERCHANGE_MAX_TEXT)
    {
      g_free (decoded);
      problem (self, where, _("the picture of persona “%s” is not valid base64 data"),
               jm_persona_get_id (persona));
      return;
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (decoded, length);

    jm_persona_set_picture (persona, bytes, type);
  }
}

static void
read_member (Reader                   *self,
             const char               *where,
             const JmInterchangeField *field,
             gpointer                  object,
             JsonNode                 *node)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  GValue value = G_VALUE_INIT;

  if (JSON_NODE_HOLDS_NULL (node))
    return;
  switch (field->special)
    {
    case JM_SPECIAL_ID:
      return;
    case JM_SPECIAL_STAGE:
    case JM_SPECIAL_LANE:
      if (!node_is (node, G_TYPE_STRING) || !_jm_interchange_is_valid_id (json_node_get_string (node)))
        {
          problem (self, where, _("“%s” must be the id of a %s"), field->name,
                   field->special == JM_SPECIAL_STAGE ? "stage" : "persona");
          return;
        }
      if (field->special == JM_SPECIAL_STAGE)
        jm_touchpoint_set_stage_id (object, json_node_get_string (node));
      else
        jm_touchpoint_set_lane_id (object, json_node_get_string (node));
      return;
    case JM_SPECIAL_PICTURE:
      read_picture (self, where, object, node);
      return;
    case JM_SPECIAL_PICTURE_TYPE:
    case JM_SPECIAL_NONE:
    default:
      break;
    }

  if (field->field->type == JM_SCHEMA_STRV || field->field->type == JM_SCHEMA_ID_LIST)
    {
      read_list (self, where, field, object, node);
      return;
    }
  text = scalar_text (field, node);
  if (text == NULL)
    {
      problem (self, where, _("“%s” must be %s"), field->name, type_phrase (field->field->type));
      return;
    }
  if (!_jm_interchange_parse (field, object, text, &value, &message))
    {
      problem (self, where, "%s", message);
      return;
    }
  _jm_file_schema_set_value (field->field, object, &value);
  g_value_unset (&value);
}

static void
read_members (Reader     *self,
              const char *where,
              JmKind      kind,
              gpointer    object,
              JsonObject *members,
              const char *group)
{
  g_autoptr(GList) names = json_object_get_members (members);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (members, name);
      const JmInterchangeField *field;

      if (kind == JM_KIND_MAP && group == NULL &&
          (g_str_equal (name, "format") || g_str_equal (name, "version") ||
           g_str_equal (name, "stages") || g_str_equal (name, "personas") ||
           g_str_equal (name, "touchpoints") || g_str_equal (name, "votes")))
        continue;
      /* A round's votes are read after its fields. */
      if (kind == JM_KIND_ROUND && group == NULL && g_str_equal (name, "votes"))
        continue;
      if (group == NULL && is_group (kind, name))
        {
          if (JSON_NODE_HOLDS_OBJECT (node))
            read_members (self, where, kind, object, json_node_get_object (node), name);
          else if (!JSON_NODE_HOLDS_NULL (node))
            problem (self, where, _("“%s” must be an object"), name);
          continue;
        }
      field = find_field (kind, group, name);
      if (field == NULL)
        {
          problem (self, where, _("“%s” is not a field of a %s"), name, _jm_kind_name (kind));
          continue;
        }
      read_member (self, where, field, object, node);
    }
}

/* A round's "votes": objects of "touchpoint", "voter" and "count". */
static void
read_round_votes (Reader      *self,
                  const char  *where,
                  JmVoteRound *round,
                  JsonNode    *node)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (self, where, "%s", _("“votes” must be an array"));
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *place = g_strdup_printf ("%s votes[%u]", where, i);
      g_autofree char *count = NULL;
      g_autofree char *message = NULL;
      JmInterchangeVote vote = { jm_vote_round_get_id (round) };
      JsonObject *object;
      JsonNode *count_node;
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          problem (self, place, "%s", _("each item must be an object"));
          continue;
        }
      object = json_node_get_object (element);
      names = json_object_get_members (object);
      for (GList *l = names; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "touchpoint") && !g_str_equal (l->data, "voter") &&
            !g_str_equal (l->data, "count"))
          problem (self, place, _("“%s” is not a field of a %s"), (const char *) l->data, "vote");
      vote.touchpoint = string_member (object, "touchpoint", NULL);
      vote.voter = string_member (object, "voter", NULL);
      count_node = json_object_get_member (object, "count");
      if (node_is (count_node, G_TYPE_INT64))
        vote.count = count = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (count_node));
      if (!_jm_interchange_add_vote (self->map, self->rounds, &vote, &message))
        problem (self, place, "%s", message);
    }
}

static void
read_array (Reader     *self,
            JmKind      kind,
            JsonObject *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (root, kind_arrays[kind]);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (self, NULL, _("“%s” must be an array"), kind_arrays[kind]);
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", kind_arrays[kind], i);
      JsonObject *object;
      const char *id;
      gpointer target;
      gboolean created;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          problem (self, where, "%s", _("each item must be an object"));
          continue;
        }
      object = json_node_get_object (element);
      id = string_member (object, "id", "");
      if (!_jm_interchange_is_valid_id (id))
        {
          problem (self, where, _("the %s id “%s” is not an id: a letter or _ first, then letters, digits, _ . or -, at most 64"),
                   _jm_kind_name (kind), id);
          continue;
        }
      if (!g_hash_table_add (seen, (gpointer) id))
        {
          problem (self, where, _("%s “%s” comes twice"), _jm_kind_name (kind), id);
          continue;
        }
      g_free (where);
      where = g_strdup_printf ("%s[%u] “%s”", kind_arrays[kind], i, id);
      target = _jm_interchange_ensure (self->map, kind, id, &created);
      read_members (self, where, kind, target, object, NULL);
      if (kind == JM_KIND_ROUND)
        {
          g_hash_table_add (self->rounds, g_strdup (id));
          read_round_votes (self, where, target, json_object_get_member (object, "votes"));
          g_hash_table_insert (self->round_places, target, g_steal_pointer (&where));
        }
      if (kind == JM_KIND_TOUCHPOINT)
        g_hash_table_insert (self->touchpoints, target, g_steal_pointer (&where));
    }
}

static gboolean
too_deep (const char *data,
          gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
        return TRUE;
      else if (c == ']' || c == '}')
        depth--;
    }
  return FALSE;
}

static gboolean
read_root (Reader     *self,
           JsonNode   *node)
{
  JsonObject *root;
  JsonNode *version;
  const char *format;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (self, NULL, "%s", _("this is JSON, but not a journey map: it is not an object"));
      return FALSE;
    }
  root = json_node_get_object (node);
  format = string_member (root, "format", NULL);
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    {
      problem (self, NULL, "%s", _("this is JSON, but not a journey map: “format” is not “journey-mapper”"));
      return FALSE;
    }
  version = json_object_get_member (root, "version");
  if (!node_is (version, G_TYPE_INT64) || json_node_get_int (version) != FORMAT_VERSION)
    {
      problem (self, NULL, "%s", _("the map was made by a newer version of Journey Mapper, or its “version” is not 1"));
      return FALSE;
    }
  read_members (self, NULL, JM_KIND_MAP, self->map, root, NULL);
  for (JmKind kind = JM_KIND_STAGE; kind <= JM_KIND_ROUND; kind++)
    read_array (self, kind, root);
  return TRUE;
}

/**
 * jm_interchange_read_json:
 * @map: the map to change
 * @contents: the JSON
 * @display_name: the file's name in messages
 *
 * Returns: %TRUE if everything was read; else @map is half changed
 */
gboolean
jm_interchange_read_json (JmMap       *map,
                          GBytes      *contents,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  Reader self = { 0 };
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  int code = JM_FILE_ERROR_INVALID;
  gboolean ok;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  self.map = map;
  _jm_problems_init (&self.problems, display_name);
  self.touchpoints = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self.rounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.round_places = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  if (data == NULL)
    data = "";
  if (length > JM_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (JM_FILE_MAX_SIZE);

      problem (&self, NULL, _("the file is larger than the limit of %s"), limit);
      code = JM_FILE_ERROR_TOO_LARGE;
    }
  else if (!g_utf8_validate_len (data, length, NULL))
    problem (&self, NULL, "%s", _("the text is not UTF-8"));
  else if (too_deep (data, length))
    {
      problem (&self, NULL, _("the JSON nests deeper than %d levels: it is not a map"), MAX_DEPTH);
      code = JM_FILE_ERROR_FORBIDDEN;
    }
  else if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      problem (&self, NULL, "%s", parse_error->message);
      code = JM_FILE_ERROR_SYNTAX;
    }
  else if (read_root (&self, json_parser_get_root (parser)) && self.problems.count == 0)
    {
      GHashTableIter iter;
      gpointer touchpoint, where;

      g_hash_table_iter_init (&iter, self.touchpoints);
      while (g_hash_table_iter_next (&iter, &touchpoint, &where))
        {
          g_autofree char *message = _jm_interchange_check_references (map, touchpoint);

          if (message != NULL)
            problem (&self, where, "%s", message);
        }
      g_hash_table_iter_init (&iter, self.round_places);
      while (g_hash_table_iter_next (&iter, &touchpoint, &where))
        {
          g_autofree char *message = _jm_interchange_check_votes (map, touchpoint);

          if (message != NULL)
            problem (&self, where, "%s", message);
        }
    }

  ok = _jm_problems_finish (&self.problems, code, error);
  g_hash_table_unref (self.touchpoints);
  g_hash_table_unref (self.rounds);
  g_hash_table_unref (self.round_places);
  return ok;
}
