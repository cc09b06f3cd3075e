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

#define ATTRIBUTE(parent_, name_, type_, required_, otype_, property_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_ATTRIBUTE, .type = type_, \
    .required = required_, .object_type = otype_, .property = property_ }
#define CHECKED(parent_, name_, type_, otype_, property_, min_, max_, invalid_, args_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_ATTRIBUTE, .type = type_, \
    .object_type = otype_, .property = property_, .min = min_, .max = max_, \
    .invalid = invalid_, .invalid_args = JM_SCHEMA_ARGS_##args_ }
#define TEXT(parent_, name_, required_, otype_, property_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_TEXT_ELEMENT, .type = JM_SCHEMA_TEXT, \
    .required = required_, .object_type = otype_, .property = property_ }
#define LIST(parent_, name_, item_, type_, otype_, property_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_LIST_ELEMENT, .type = type_, \
    .item = item_, .object_type = otype_, .property = property_ }
#define ELEMENT(parent_, name_, required_) \
  { .parent = parent_, .name = name_, .node = JM_SCHEMA_ELEMENT, .type = JM_SCHEMA_NONE, \
    .required = required_ }

#define WEIGHT(name) \
  CHECKED ("weights", name, JM_SCHEMA_DECIMAL, jm_map_get_type, "weight-" name, 0, 1000, \
           N_("the weight of %s is “%s”, but it must be a number from 0 to 1000"), NAME_VALUE)
#define RATING(name) \
  CHECKED ("scores", name, JM_SCHEMA_INT, jm_touchpoint_get_type, name, 1, 5, \
           N_("the %s rating “%s” of touchpoint “%s” is outside the scale of 1 to 5"), NAME_VALUE_OBJECT)

static JmSchemaField fields[] = {
  ATTRIBUTE ("journey", "version", JM_SCHEMA_TEXT, TRUE, NULL, NULL),
  TEXT ("journey", "title", TRUE, jm_map_get_type, "title"),
  TEXT ("journey", "description", FALSE, jm_map_get_type, "description"),
  ELEMENT ("journey", "weights", FALSE),
  ELEMENT ("journey", "stages", TRUE),
  ELEMENT ("journey", "personas", TRUE),
  ELEMENT ("journey", "touchpoints", TRUE),

  WEIGHT ("responsiveness"),
  WEIGHT ("convenience"),
  WEIGHT ("reliability"),
  WEIGHT ("relevance"),

  ELEMENT ("stages", "stage", FALSE),
  ATTRIBUTE ("stage", "id", JM_SCHEMA_ID, TRUE, NULL, NULL),
  TEXT ("stage", "name", TRUE, jm_stage_get_type, "name"),
  TEXT ("stage", "description", FALSE, jm_stage_get_type, "description"),

  ELEMENT ("personas", "persona", FALSE),
  ATTRIBUTE ("persona", "id", JM_SCHEMA_ID, TRUE, NULL, NULL),
  CHECKED ("persona", "colour", JM_SCHEMA_COLOUR, jm_persona_get_type, "colour", 0, 0,
           N_("the colour “%s” of persona “%s” is not a colour written as #rrggbb"), VALUE_OBJECT),
  CHECKED ("persona", "age", JM_SCHEMA_INT, jm_persona_get_type, "age", 0, 150,
           N_("the age “%s” of persona “%s” is not a whole number from 0 to 150"), VALUE_OBJECT),
  CHECKED ("persona", "hidden", JM_SCHEMA_BOOLEAN, jm_persona_get_type, "hidden", 0, 0,
           N_("%s is “%s” on “%s”, but it must be true or false"), NAME_VALUE_OBJECT),
  TEXT ("persona", "name", TRUE, jm_persona_get_type, "name"),
  TEXT ("persona", "role", FALSE, jm_persona_get_type, "role"),
  TEXT ("persona", "quote", FALSE, jm_persona_get_type, "quote"),
  TEXT ("persona", "bio", FALSE, jm_persona_get_type, "bio"),
  LIST ("persona", "goals", "item", JM_SCHEMA_STRV, jm_persona_get_type, "goals"),
  LIST ("persona", "frustrations", "item", JM_SCHEMA_STRV, jm_persona_get_type, "frustrations"),
  LIST ("persona", "needs", "item", JM_SCHEMA_STRV, jm_persona_get_type, "needs"),
  LIST ("persona", "channels", "item", JM_SCHEMA_STRV, jm_persona_get_type, "channels"),
  LIST ("persona", "devices", "item", JM_SCHEMA_STRV, jm_persona_get_type, "devices"),
  TEXT ("persona", "notes", FALSE, jm_persona_get_type, "notes"),
  ELEMENT ("persona", "picture", FALSE),
  ATTRIBUTE ("picture", "type", JM_SCHEMA_TEXT, TRUE, NULL, NULL),

  ELEMENT ("touchpoints", "touchpoint", FALSE),
  ATTRIBUTE ("touchpoint", "id", JM_SCHEMA_ID, TRUE, NULL, NULL),
  ATTRIBUTE ("touchpoint", "stage", JM_SCHEMA_ID, TRUE, NULL, NULL),
  ATTRIBUTE ("touchpoint", "lane", JM_SCHEMA_ID, TRUE, NULL, NULL),
  ATTRIBUTE ("touchpoint", "channel", JM_SCHEMA_TEXT, FALSE, jm_touchpoint_get_type, "channel"),
  CHECKED ("touchpoint", "emotion", JM_SCHEMA_INT, jm_touchpoint_get_type, "emotion", -2, 2,
           N_("the emotion “%s” of touchpoint “%s” is not a whole number from -2 to 2"), VALUE_OBJECT),
  CHECKED ("touchpoint", "moment-of-truth", JM_SCHEMA_BOOLEAN, jm_touchpoint_get_type,
           "moment-of-truth", 0, 0,
           N_("%s is “%s” on “%s”, but it must be true or false"), NAME_VALUE_OBJECT),
  TEXT ("touchpoint", "title", TRUE, jm_touchpoint_get_type, "title"),
  TEXT ("touchpoint", "actions", FALSE, jm_touchpoint_get_type, "actions"),
  TEXT ("touchpoint", "needs", FALSE, jm_touchpoint_get_type, "needs"),
  TEXT ("touchpoint", "thoughts", FALSE, jm_touchpoint_get_type, "thoughts"),
  TEXT ("touchpoint", "opportunities", FALSE, jm_touchpoint_get_type, "opportunities"),
  TEXT ("touchpoint", "metrics", FALSE, jm_touchpoint_get_type, "metrics"),
  TEXT ("touchpoint", "notes", FALSE, jm_touchpoint_get_type, "notes"),
  LIST ("touchpoint", "teams", "team", JM_SCHEMA_STRV, jm_touchpoint_get_type, "teams"),
  ELEMENT ("touchpoint", "scores", FALSE),
  LIST ("touchpoint", "links", "link", JM_SCHEMA_ID_LIST, jm_touchpoint_get_type, "links"),
  ATTRIBUTE ("link", "to", JM_SCHEMA_ID, TRUE, NULL, NULL),

  RATING ("responsiveness"),
  RATING ("convenience"),
  RATING ("reliability"),
  RATING ("relevance"),
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

/* @value holds the property's type already: a writer keeps one value of
 * each type for a whole map rather than making one per field. */
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
