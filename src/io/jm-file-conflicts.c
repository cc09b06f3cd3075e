/* jm-file-conflicts.c: a merge's conflicts in the map file
 *
 * A map merged with conflicts (journey-mapper --merge, git's merge
 * driver) keeps them in the file, so that the app can offer both values
 * when the map is next opened:
 *
 *   <conflicts xmlns="https://journeymapper.github.io/ns/merge/1">
 *     <conflict object="touchpoint" id="t4" field="emotion">
 *       <message>emotion changed on both sides: ours -1, theirs 2; kept ours</message>
 *       <ours>-1</ours>
 *       <theirs>2</theirs>
 *       <base>0</base>
 *     </conflict>
 *     <conflict object="touchpoint" id="t4" field="teams">
 *       <ours><item>Sales</item></ours>
 *       <theirs><item>Sales</item><item>Support</item></theirs>
 *     </conflict>
 *     <conflict object="stage" id="s2">
 *       <message>stage changed in ours but deleted in theirs; kept</message>
 *     </conflict>
 *   </conflicts>
 *
 * The element is of its own namespace, last in <journey>: a map without
 * conflicts is written byte for byte as before, and an older release of
 * the app, which keeps content of other namespaces, opens a merged map and
 * writes its conflicts back. The reader takes the element as it takes any
 * foreign element (jm-file-foreign.c), and this file then turns it into
 * the map's conflicts (jm-map-conflicts.c in the model).
 *
 * A value is written as the field is in the format, and read back by the
 * same row of the format's table (jm-file-schema.c), with its limits. The
 * conflicts are hints, not the map: a bad one does not stop the map from
 * opening. It is left out, and in its place a conflict without values
 * says what was wrong with it, so that nothing goes unseen.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-conflicts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "jm-file-conflicts.h"
#include "jm-file-private.h"
#include "jm-file-schema.h"
#include "jm-map-conflicts.h"

#define MAX_ID 256

static const char * const objects[] = { "map", "stage", "persona", "touchpoint", "round" };

/* Writing */

static void
put_text (GString    *out,
          const char *name,
          const char *text)
{
  g_string_append_printf (out, "<%s>", name);
  _jm_xml_escape_text (out, text, FALSE);
  g_string_append_printf (out, "</%s>", name);
}

static void
put_value (GString      *out,
           const char   *name,
           const GValue *value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "      ");
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);

      if (text == NULL || *text == '\0')
        g_string_append_printf (out, "<%s/>", name);
      else
        put_text (out, name, text);
    }
  else if (G_VALUE_HOLDS_INT (value))
    g_string_append_printf (out, "<%s>%d</%s>", name, g_value_get_int (value), name);
  else if (G_VALUE_HOLDS_BOOLEAN (value))
    g_string_append_printf (out, "<%s>%s</%s>", name, g_value_get_boolean (value) ? "true" : "false", name);
  else if (G_VALUE_HOLDS_DOUBLE (value))
    g_string_append_printf (out, "<%s>%s</%s>", name,
                            g_ascii_dtostr (number, sizeof number, g_value_get_double (value)), name);
  else if (G_VALUE_HOLDS_ENUM (value))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (value));
      GEnumValue *found = g_enum_get_value (klass, g_value_get_enum (value));

      put_text (out, name, found != NULL ? found->value_nick : "");
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *items = g_value_get_boxed (value);

      g_string_append_printf (out, "<%s>", name);
      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        put_text (out, "item", items[i]);
      g_string_append_printf (out, "</%s>", name);
    }
  g_string_append_c (out, '\n');
}

/**
 * _jm_file_write_conflicts:
 * @out: where the body of <journey> is being written
 *
 * Writes @map's conflicts, if it has any, as the last element of
 * <journey>; nothing at all when it has none.
 */
void
_jm_file_write_conflicts (GString *out,
                          JmMap   *map)
{
  GListModel *conflicts = jm_map_get_conflicts (map);
  guint n = g_list_model_get_n_items (conflicts);

  if (n == 0)
    return;
  g_string_append (out, "  <conflicts xmlns=\"" JM_FILE_MERGE_NAMESPACE "\">\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmConflict) conflict = g_list_model_get_item (conflicts, i);
      const char *id = jm_conflict_get_id (conflict);
      const char *field = jm_conflict_get_field (conflict);

      g_string_append_printf (out, "    <conflict object=\"%s\"", jm_conflict_get_object (conflict));
      if (id != NULL)
        {
          g_string_append (out, " id=\"");
          _jm_xml_escape_text (out, id, TRUE);
          g_string_append_c (out, '"');
        }
      if (field != NULL)
        g_string_append_printf (out, " field=\"%s\"", field);
      g_string_append (out, ">\n");
      if (*jm_conflict_get_message (conflict) != '\0')
        {
          g_string_append (out, "      ");
          put_text (out, "message", jm_conflict_get_message (conflict));
          g_string_append_c (out, '\n');
        }
      if (field != NULL)
        {
          put_value (out, "ours", jm_conflict_get_ours (conflict));
          put_value (out, "theirs", jm_conflict_get_theirs (conflict));
          if (jm_conflict_get_base (conflict) != NULL)
            put_value (out, "base", jm_conflict_get_base (conflict));
        }
      g_string_append (out, "    </conflict>\n");
    }
  g_string_append (out, "  </conflicts>\n");
}

/* Reading */

static gboolean
is_ours (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, JM_FILE_MERGE_NAMESPACE) == 0 &&
         (name == NULL || g_str_equal ((const char *) node->name, name));
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_ours (c, name))
      return c;
  return NULL;
}

/* The text of @node, or NULL when it holds elements. */
static char *
text_of (xmlNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      g_string_append (text, (const char *) c->content);
    else if (c->type == XML_ELEMENT_NODE)
      return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const JmSchemaField *
row_of (GParamSpec *pspec)
{
  const JmSchemaField *fields;
  guint n;

  fields = _jm_file_schema_get (&n);
  for (guint i = 0; i < n; i++)
    if (fields[i].pspec == pspec)
      return &fields[i];
  return NULL;
}

static gboolean
is_colour (const char *text)
{
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_date (const char *text)
{
  unsigned year, month, day;
  char end;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3 &&
         g_date_valid_dmy (day, month, year);
}

/* One value of @pspec's type from its text, by the row of the format's
 * table for that field when there is one; the field's "unset" (its
 * default, such as no emotion) is a value too. */
static gboolean
parse_scalar (GParamSpec   *pspec,
              const char   *text,
              GValue       *value)
{
  const JmSchemaField *row = row_of (pspec);
  GType type = pspec->value_type;

  if (type == G_TYPE_STRING)
    {
      if (row != NULL && row->type == JM_SCHEMA_COLOUR && !is_colour (text))
        return FALSE;
      if (row != NULL && row->type == JM_SCHEMA_DATE && *text != '\0' && !is_date (text))
        return FALSE;
      g_value_set_string (value, text);
      return TRUE;
    }
  if (type == G_TYPE_INT)
    {
      GParamSpecInt *range = G_PARAM_SPEC_INT (pspec);
      int n;

      if (!_jm_file_schema_parse_integer (text, range->minimum, range->maximum, &n))
        return FALSE;
      if (row != NULL && row->type == JM_SCHEMA_INT && n != range->default_value &&
          (n < row->min || n > row->max))
        return FALSE;
      g_value_set_int (value, n);
      return TRUE;
    }
  if (type == G_TYPE_BOOLEAN)
    {
      if (!g_str_equal (text, "true") && !g_str_equal (text, "false"))
        return FALSE;
      g_value_set_boolean (value, g_str_equal (text, "true"));
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *range = G_PARAM_SPEC_DOUBLE (pspec);
      double d;

      if (!_jm_file_schema_parse_decimal (text, range->minimum, range->maximum, &d))
        return FALSE;
      g_value_set_double (value, d);
      return TRUE;
    }
  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *found = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, text);

      if (found == NULL)
        return FALSE;
      g_value_set_enum (value, found->value);
      return TRUE;
    }
  return FALSE;
}

/* The message for a value that is not one: "their value “9” is not ...". */
static char *
bad_value (const char *side,
           const char *field,
           const char *text)
{
  g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 64));

  if (g_str_equal (side, "ours"))
    /* Translators: a merge conflict in a file; %s are a value and a field's name. */
    return g_strdup_printf (_("our value “%s” is not a value of %s"), shown, field);
  if (g_str_equal (side, "base"))
    return g_strdup_printf (_("the value before the merge “%s” is not a value of %s"), shown, field);
  return g_strdup_printf (_("their value “%s” is not a value of %s"), shown, field);
}

static char *
parse_value (xmlNode    *conflict,
             const char *side,
             GParamSpec *pspec,
             GValue     *value)
{
  xmlNode *node = child (conflict, side);

  g_value_init (value, pspec->value_type);
  if (node == NULL)
    return g_str_equal (side, "ours") ? g_strdup (_("it has no <ours> value"))
                                      : g_strdup (_("it has no <theirs> value"));
  if (pspec->value_type == G_TYPE_STRV)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n = 0;

      for (xmlNode *c = node->children; c != NULL; c = c->next)
        {
          g_autofree char *item = NULL;

          if (c->type != XML_ELEMENT_NODE)
            continue;
          if (!is_ours (c, "item") || (item = text_of (c)) == NULL)
            return bad_value (side, pspec->name, (const char *) c->name);
          if (++n > JM_CONFLICT_MAX_ITEMS)
            return g_strdup_printf (_("a value of %s has more than %d items"), pspec->name, JM_CONFLICT_MAX_ITEMS);
          if (strlen (item) > JM_CONFLICT_MAX_VALUE)
            return g_strdup_printf (_("an item of %s is longer than 1 MB"), pspec->name);
          g_strv_builder_add (builder, item);
        }
      g_value_take_boxed (value, g_strv_builder_end (builder));
      return NULL;
    }
  {
    g_autofree char *text = text_of (node);

    if (text == NULL)
      return bad_value (side, pspec->name, "");
    if (strlen (text) > JM_CONFLICT_MAX_VALUE)
      return g_strdup_printf (_("a value of %s is longer than 1 MB"), pspec->name);
    if (!parse_scalar (pspec, text, value))
      return bad_value (side, pspec->name, text);
  }
  return NULL;
}

static gboolean
is_known_object (const char *object)
{
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    if (g_strcmp0 (object, objects[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_object (JmMap      *map,
            const char *object,
            const char *id)
{
  if (g_str_equal (object, "map"))
    return TRUE;
  if (g_str_equal (object, "stage"))
    return jm_map_lookup_stage (map, id) != NULL;
  if (g_str_equal (object, "persona"))
    return jm_map_lookup_persona (map, id) != NULL;
  return jm_map_lookup_touchpoint (map, id) != NULL;
}

static gboolean
is_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > MAX_ID || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

/* In GLib's memory, as libxml2's may be another allocator's. */
static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Returns: (transfer full): the conflict, or NULL with @why saying what
 * is wrong with it */
static JmConflict *
read_conflict (JmMap    *map,
               xmlNode  *node,
               char    **why)
{
  g_autofree char *object = attribute (node, "object");
  g_autofree char *id = attribute (node, "id");
  g_autofree char *field = attribute (node, "field");
  g_autofree char *message = NULL;
  g_auto(GValue) ours = G_VALUE_INIT;
  g_auto(GValue) theirs = G_VALUE_INIT;
  g_auto(GValue) base = G_VALUE_INIT;
  xmlNode *message_node = child (node, "message");
  GParamSpec *pspec = NULL;

  if (!is_ours (node, "conflict"))
    return (*why = g_strdup_printf (_("<%s> is not a conflict"), (const char *) node->name)), NULL;
  if (!is_known_object (object))
    return (*why = g_strdup (_("its object is not one of map, stage, persona, touchpoint or round"))), NULL;
  if (!g_str_equal (object, "map") && !is_id (id))
    return (*why = g_strdup_printf (_("the %s it names has no id, or not one of up to %d characters without spaces"),
                                    object, MAX_ID)), NULL;
  if (message_node != NULL && (message = text_of (message_node)) == NULL)
    return (*why = g_strdup (_("its message holds elements, not text"))), NULL;
  if (message != NULL && strlen (message) > JM_CONFLICT_MAX_MESSAGE)
    return (*why = g_strdup_printf (_("its message is longer than %d bytes"), JM_CONFLICT_MAX_MESSAGE)), NULL;
  if (field != NULL)
    {
      if (!jm_conflict_is_field (object, field, &pspec))
        return (*why = g_strdup_printf (_("“%.64s” is not a field of a %s whose values can be picked"),
                                        field, object)), NULL;
      if (!has_object (map, object, id))
        return (*why = g_strdup_printf (_("the map has no %s “%s”"), object, id)), NULL;
      if ((*why = parse_value (node, "ours", pspec, &ours)) != NULL ||
          (*why = parse_value (node, "theirs", pspec, &theirs)) != NULL ||
          (child (node, "base") != NULL && (*why = parse_value (node, "base", pspec, &base)) != NULL))
        return NULL;
    }
  /* The map's own conflicts may name what of it: "stages" for their order. */
  if (g_str_equal (object, "map") && id != NULL && !is_id (id))
    g_clear_pointer (&id, g_free);
  return jm_conflict_new (object, id, field,
                          field != NULL ? &ours : NULL, field != NULL ? &theirs : NULL,
                          G_IS_VALUE (&base) ? &base : NULL, message);
}

static void
add_refused (JmMap      *map,
             guint       number,
             const char *why)
{
  /* Translators: a merge conflict kept in a map file that could not be
   * read; %u counts them from 1, %s says what was wrong. */
  g_autofree char *message = g_strdup_printf (_("Conflict %u in the file could not be read: %s"), number, why);
  g_autoptr(JmConflict) conflict = jm_conflict_new ("map", NULL, NULL, NULL, NULL, NULL, message);

  jm_map_add_conflict (map, conflict);
}

static void
read_conflicts_element (JmMap   *map,
                        xmlNode *root)
{
  guint number = 0;

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      g_autofree char *why = NULL;
      g_autoptr(JmConflict) conflict = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      number++;
      if (g_list_model_get_n_items (jm_map_get_conflicts (map)) >= JM_CONFLICTS_MAX - 1)
        {
          g_autofree char *more = g_strdup_printf (_("a map keeps at most %d conflicts; the rest are left out"),
                                                   JM_CONFLICTS_MAX);

          add_refused (map, number, more);
          return;
        }
      conflict = read_conflict (map, node, &why);
      if (conflict != NULL)
        jm_map_add_conflict (map, conflict);
      else
        add_refused (map, number, why);
    }
}

/* Whether @element, a foreign element as the reader keeps it, is our
 * <conflicts>; if so, its conflicts are read onto @map. */
static gboolean
take_element (JmMap      *map,
              const char *element)
{
  xmlDoc *doc;
  xmlNode *root;
  gboolean ours;

  if (strstr (element, JM_FILE_MERGE_NAMESPACE) == NULL)
    return FALSE;
  /* Kept by the reader from a file it parsed: no DTD, no entities. */
  doc = xmlReadMemory (element, strlen (element), NULL, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  ours = root != NULL && is_ours (root, "conflicts");
  if (ours)
    read_conflicts_element (map, root);
  xmlFreeDoc (doc);
  return ours;
}

/**
 * _jm_file_read_conflicts:
 * @map: a map just read
 *
 * Turns the <conflicts> the reader kept as foreign content into @map's
 * conflicts, and drops them from the foreign content, so that they are
 * written once, as the map's conflicts are then.
 */
void
_jm_file_read_conflicts (JmMap *map)
{
  JmForeignSlot *slot = _jm_foreign_lookup (map, "journey");
  JmForeign *foreign;

  if (slot == NULL || slot->elements == NULL)
    return;
  for (guint i = 0; i < slot->elements->len;)
    if (take_element (map, g_ptr_array_index (slot->elements, i)))
      g_ptr_array_remove_index (slot->elements, i);
    else
      i++;
  /* A map with nothing foreign left is written as one that never had any. */
  foreign = _jm_foreign_get (map);
  if (slot->elements->len == 0 && (slot->attrs == NULL || slot->attrs->len == 0))
    g_hash_table_remove (foreign->slots, "journey");
  if (g_hash_table_size (foreign->slots) == 0)
    g_object_set_data (G_OBJECT (map), JM_FOREIGN_KEY, NULL);
}
