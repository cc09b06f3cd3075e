/* test-file-schema.c: the format's table, against the reader, the writer
 * and the RELAX NG schema
 *
 * Every row of the table that stands for a property is set to a value
 * other than its default, written and read back; every element and
 * attribute of data/journey-1.rng has its row, and every row its place in
 * the schema, with the same required-ness, type and limits. The getters
 * the writer reads with agree with the properties.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "jm-file-private.h"
#include "jm-file-schema.h"
#include "jm-map.h"
#include "jm-votes.h"

static JmMap *
sample_map (void)
{
  JmMap *map = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Stage");
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Persona");
  g_autoptr(JmTouchpoint) t1 = jm_touchpoint_new ("t1", "s1", "p1", "First");
  g_autoptr(JmTouchpoint) t2 = jm_touchpoint_new ("t2", "s1", "p1", "Second");
  g_autoptr(JmVoteRound) round = NULL;

  jm_map_set_title (map, "Map");
  g_assert_true (jm_map_append_stage (map, stage));
  g_assert_true (jm_map_append_persona (map, persona));
  g_assert_true (jm_map_append_touchpoint (map, t1));
  g_assert_true (jm_map_append_touchpoint (map, t2));
  round = jm_vote_round_new ("r1", "", 3);
  g_assert_true (jm_votes_append_round (jm_map_get_votes (map), round));
  return map;
}

/* The map itself, or its first stage, persona or touchpoint. */
static GObject *
object_of (JmMap               *map,
           const JmSchemaField *field)
{
  GType type = field->object_type ();

  if (type == JM_TYPE_MAP)
    return G_OBJECT (map);
  if (type == JM_TYPE_STAGE)
    return G_OBJECT (jm_map_lookup_stage (map, "s1"));
  if (type == JM_TYPE_PERSONA)
    return G_OBJECT (jm_map_lookup_persona (map, "p1"));
  if (type == JM_TYPE_VOTE_ROUND)
    return G_OBJECT (jm_votes_lookup_round (jm_map_get_votes (map), "r1"));
  g_assert_true (type == JM_TYPE_TOUCHPOINT);
  return G_OBJECT (jm_map_lookup_touchpoint (map, "t1"));
}

/* A value the row's limits allow, other than the property's default. */
static void
sample_value (const JmSchemaField *field,
              GValue              *value)
{
  static const char * const texts[] = { "first & <second>", "third", NULL };
  static const char * const links[] = { "t2", NULL };

  g_value_init (value, field->pspec->value_type);
  switch (field->type)
    {
    case JM_SCHEMA_TEXT:
      g_value_set_string (value, "Some “text” & <more>");
      break;
    case JM_SCHEMA_COLOUR:
      g_value_set_string (value, "#12ab34");
      break;
    case JM_SCHEMA_INT:
      g_value_set_int (value, (int) field->max);
      if (g_param_value_defaults (field->pspec, value))
        g_value_set_int (value, (int) field->min);
      break;
    case JM_SCHEMA_DECIMAL:
      g_value_set_double (value, field->max / 4 + 0.125);
      break;
    case JM_SCHEMA_BOOLEAN:
      g_param_value_set_default (field->pspec, value);
      g_value_set_boolean (value, !g_value_get_boolean (value));
      break;
    case JM_SCHEMA_STRV:
      g_value_set_boxed (value, texts);
      break;
    case JM_SCHEMA_ID_LIST:
      g_value_set_boxed (value, links);
      break;
    case JM_SCHEMA_CHOICE:
      g_value_set_enum (value, G_PARAM_SPEC_ENUM (field->pspec)->enum_class->maximum);
      break;
    case JM_SCHEMA_DATE:
      g_value_set_string (value, "2024-02-29");
      break;
    case JM_SCHEMA_ID:
    case JM_SCHEMA_NONE:
    default:
      g_assert_not_reached ();
    }
  g_assert_false (g_param_value_defaults (field->pspec, value));
}

static gboolean
values_equal (const JmSchemaField *field,
              const GValue        *a,
              const GValue        *b)
{
  if (field->type == JM_SCHEMA_STRV || field->type == JM_SCHEMA_ID_LIST)
    return g_strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return g_param_values_cmp (field->pspec, a, b) == 0;
}

static void
test_round_trip (void)
{
  guint n_fields;
  const JmSchemaField *fields = _jm_file_schema_get (&n_fields);
  guint n_tested = 0;

  for (guint i = 0; i < n_fields; i++)
    {
      const JmSchemaField *field = &fields[i];
      g_autoptr(JmMap) map = NULL;
      g_autoptr(JmMap) loaded = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *written = NULL;
      g_autofree char *mark = NULL;
      GValue value = G_VALUE_INIT;
      GValue back = G_VALUE_INIT;

      if (field->property == NULL)
        continue;
      g_test_message ("<%s> %s: %s", field->parent, field->name, field->property);

      map = sample_map ();
      sample_value (field, &value);
      g_object_set_property (object_of (map, field), field->property, &value);

      bytes = jm_file_write_bytes (map);
      written = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      /* Written where the table says. */
      mark = field->node == JM_SCHEMA_ATTRIBUTE ? g_strdup_printf (" %s=\"", field->name)
                                                : g_strdup_printf ("<%s>", field->name);
      g_assert_nonnull (strstr (written, mark));
      g_assert_true (_jm_file_validate_schema (g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes), "schema", &error));
      g_assert_no_error (error);

      loaded = jm_file_load_bytes (bytes, "round-trip", &error);
      g_assert_no_error (error);
      g_value_init (&back, field->pspec->value_type);
      g_object_get_property (object_of (loaded, field), field->property, &back);
      g_assert_true (values_equal (field, &value, &back));

      /* A number past the row's limit is refused, naming what was written. */
      if (field->type == JM_SCHEMA_INT)
        {
          g_autofree char *good = g_strdup_printf (" %s=\"%d\"", field->name, g_value_get_int (&value));
          g_autofree char *past = g_strdup_printf ("%d", (int) field->max + 1);
          g_autofree char *bad = g_strdup_printf (" %s=\"%s\"", field->name, past);
          g_autoptr(GString) edited = g_string_new (written);
          g_autoptr(GBytes) edited_bytes = NULL;
          g_autoptr(JmMap) refused = NULL;

          g_assert_cmpuint (g_string_replace (edited, good, bad, 1), ==, 1);
          edited_bytes = g_bytes_new (edited->str, edited->len);
          refused = jm_file_load_bytes (edited_bytes, "past", &error);
          g_assert_null (refused);
          g_assert_error (error, JM_FILE_ERROR, JM_FILE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, past));
          g_clear_error (&error);
        }

      g_value_unset (&value);
      g_value_unset (&back);
      n_tested++;
    }
  g_assert_cmpuint (n_tested, >, 30);
}

/* The writer reads through each row's getter rather than the property:
 * both must give the same value, the getter's borrowed from the model. */
static void
test_getters (void)
{
  guint n_fields;
  const JmSchemaField *fields = _jm_file_schema_get (&n_fields);
  guint n_tested = 0;

  for (guint i = 0; i < n_fields; i++)
    {
      const JmSchemaField *field = &fields[i];
      g_autoptr(JmMap) map = NULL;
      GObject *object;
      GValue value = G_VALUE_INIT;

      if (field->property == NULL)
        {
          g_assert_null (field->get.text);
          continue;
        }
      g_test_message ("<%s> %s: %s", field->parent, field->name, field->property);

      map = sample_map ();
      object = object_of (map, field);
      sample_value (field, &value);
      g_object_set_property (object, field->property, &value);

      switch (field->type)
        {
        case JM_SCHEMA_CHOICE:
          g_assert_cmpstr (field->get.text (object), ==,
                           g_enum_get_value (G_PARAM_SPEC_ENUM (field->pspec)->enum_class,
                                             g_value_get_enum (&value))->value_nick);
          break;
        case JM_SCHEMA_TEXT:
        case JM_SCHEMA_COLOUR:
        case JM_SCHEMA_DATE:
          g_assert_cmpstr (field->get.text (object), ==, g_value_get_string (&value));
          g_assert_true (field->get.text (object) == field->get.text (object));
          break;
        case JM_SCHEMA_INT:
          g_assert_cmpint (field->get.integer (object), ==, g_value_get_int (&value));
          break;
        case JM_SCHEMA_DECIMAL:
          g_assert_cmpfloat (field->get.decimal (object), ==, g_value_get_double (&value));
          break;
        case JM_SCHEMA_BOOLEAN:
          g_assert_cmpint (field->get.boolean (object), ==, g_value_get_boolean (&value));
          break;
        case JM_SCHEMA_STRV:
        case JM_SCHEMA_ID_LIST:
          g_assert_true (g_strv_equal ((const char * const *) g_value_get_boxed (&value),
                                       field->get.strv (object)));
          g_assert_true (field->get.strv (object) == field->get.strv (object));
          break;
        case JM_SCHEMA_ID:
        case JM_SCHEMA_NONE:
        default:
          g_assert_not_reached ();
        }
      g_value_unset (&value);
      n_tested++;
    }
  g_assert_cmpuint (n_tested, >, 30);
}

/* The schema, as rows "parent/element" and "parent@attribute", each with
 * whether it is required and what its value is. */
typedef struct
{
  GHashTable *defines;   /* name -> <define> */
  GHashTable *found;     /* row -> description */
} Grammar;

static gboolean
is_rng (xmlNode    *node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* What an attribute holds: "integer 1 5", "decimal 0 1000", "boolean",
 * "id", "string"... */
static void
describe_value (Grammar *grammar,
                xmlNode *node,
                GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_rng (child, "ref"))
        {
          g_autofree char *name = prop (child, "name");

          if (g_str_equal (name, "id"))
            g_string_append (out, "id");
          else
            describe_value (grammar, g_hash_table_lookup (grammar->defines, name), out);
        }
      else if (is_rng (child, "data"))
        {
          g_autofree char *type = prop (child, "type");

          g_string_append (out, type);
          for (xmlNode *param = child->children; param != NULL; param = param->next)
            if (is_rng (param, "param"))
              {
                g_autofree char *param_name = prop (param, "name");
                xmlChar *text = xmlNodeGetContent (param);

                if (g_str_has_suffix (param_name, "Inclusive"))
                  g_string_append_printf (out, " %s", (const char *) text);
                xmlFree (text);
              }
        }
      else if (is_rng (child, "choice"))
        g_string_append (out, "choice");
    }
}

static void
walk (Grammar    *grammar,
      xmlNode    *node,
      const char *parent,
      gboolean    optional)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *name = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      name = prop (child, "name");
      if (is_rng (child, "element"))
        {
          if (name == NULL)
            continue;  /* any name: content of other namespaces */
          if (*parent != '\0')
            g_hash_table_insert (grammar->found, g_strdup_printf ("%s/%s", parent, name),
                                 g_strdup (optional ? "optional" : "required"));
          walk (grammar, child, name, FALSE);
        }
      else if (is_rng (child, "attribute"))
        {
          GString *description;

          if (name == NULL)
            continue;
          description = g_string_new (optional ? "optional " : "required ");
          describe_value (grammar, child, description);
          g_hash_table_insert (grammar->found, g_strdup_printf ("%s@%s", parent, name),
                               g_string_free (description, FALSE));
        }
      else if (is_rng (child, "ref"))
        {
          if (!g_str_has_prefix (name, "foreign-") && !g_str_equal (name, "anything"))
            walk (grammar, g_hash_table_lookup (grammar->defines, name), parent, optional);
        }
      else
        {
          walk (grammar, child, parent,
                optional || is_rng (child, "optional") || is_rng (child, "zeroOrMore"));
        }
    }
}

static char *
describe_row (const JmSchemaField *field)
{
  const char *required = field->required ? "required" : "optional";

  if (field->node != JM_SCHEMA_ATTRIBUTE)
    return g_strdup (required);
  switch (field->type)
    {
    case JM_SCHEMA_INT:
      return g_strdup_printf ("%s integer %g %g", required, field->min, field->max);
    case JM_SCHEMA_DECIMAL:
      return g_strdup_printf ("%s decimal %g %g", required, field->min, field->max);
    case JM_SCHEMA_BOOLEAN:
      return g_strdup_printf ("%s boolean", required);
    case JM_SCHEMA_ID:
      return g_strdup_printf ("%s id", required);
    case JM_SCHEMA_COLOUR:
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_NONE:
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
    default:
      /* A pattern or a choice: the round trip checks the value. */
      return g_strdup_printf ("%s ", required);
    }
}

static void
test_relax_ng (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "journey-1.rng", NULL);
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  Grammar grammar = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_fields;
  const JmSchemaField *fields = _jm_file_schema_get (&n_fields);
  GHashTableIter iter;
  gpointer key, found;

  g_assert_nonnull (doc);
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    if (is_rng (node, "define"))
      g_hash_table_insert (grammar.defines, prop (node, "name"), node);
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    if (is_rng (node, "start"))
      walk (&grammar, node, "", FALSE);

  for (guint i = 0; i < n_fields; i++)
    {
      const JmSchemaField *field = &fields[i];
      char *row = g_strdup_printf (field->node == JM_SCHEMA_ATTRIBUTE ? "%s@%s" : "%s/%s",
                                   field->parent, field->name);

      g_assert_false (g_hash_table_contains (rows, row));
      g_hash_table_insert (rows, row, describe_row (field));
      if (field->node == JM_SCHEMA_LIST_ELEMENT)
        g_hash_table_insert (rows, g_strdup_printf ("%s/%s", field->name, field->item),
                             g_strdup ("optional"));
    }

  /* Each row of the table in the schema, alike. */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &found))
    {
      const char *in_schema = g_hash_table_lookup (grammar.found, key);

      g_test_message ("%s: table '%s', schema '%s'", (const char *) key,
                      (const char *) found, in_schema);
      g_assert_nonnull (in_schema);
      if (g_str_has_suffix (found, " "))
        g_assert_true (g_str_has_prefix (in_schema, found));
      else
        g_assert_cmpstr (found, ==, in_schema);
    }
  /* Each element and attribute of the schema in the table. */
  g_hash_table_iter_init (&iter, grammar.found);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_test_message ("schema: %s", (const char *) key);
      g_assert_true (g_hash_table_contains (rows, key));
    }

  g_hash_table_unref (grammar.defines);
  g_hash_table_unref (grammar.found);
  xmlFreeDoc (doc);
}

/* One reading of numbers for the file and for CSV and JSON: xsd's, with
 * XML's blanks around them and nothing else. */
static void
test_numbers (void)
{
  int n = 99;
  double d = 99;

  g_assert_true (_jm_file_schema_parse_integer (" \t3\n", 1, 5, &n));
  g_assert_cmpint (n, ==, 3);
  g_assert_true (_jm_file_schema_parse_integer ("-2", -2, 2, &n));
  g_assert_cmpint (n, ==, -2);
  n = 99;
  for (guint i = 0; i < 7; i++)
    {
      const char *bad[] = { "", " ", "+", "3x", "6", "\f3", "99999999999" };

      g_assert_false (_jm_file_schema_parse_integer (bad[i], 1, 5, &n));
      g_assert_cmpint (n, ==, 99);
    }

  g_assert_true (_jm_file_schema_parse_decimal (" 2.5 ", 0, 1000, &d));
  g_assert_cmpfloat (d, ==, 2.5);
  g_assert_true (_jm_file_schema_parse_decimal ("-0", 0, 1000, &d));
  g_assert_false (signbit (d));
  g_assert_true (_jm_file_schema_parse_decimal (".5", 0, 1000, &d));
  d = 99;
  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "", ".", "1e3", "1,5", "nan", "1001" };

      g_assert_false (_jm_file_schema_parse_decimal (bad[i], 0, 1000, &d));
      g_assert_cmpfloat (d, ==, 99);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-schema/round-trip", test_round_trip);
  g_test_add_func ("/file-schema/getters", test_getters);
  g_test_add_func ("/file-schema/relax-ng", test_relax_ng);
  g_test_add_func ("/file-schema/numbers", test_numbers);

  return g_test_run ();
}
