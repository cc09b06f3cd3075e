/* jm-file-foreign.c: keeping what other namespaces put in a map file
 *
 * A map file may carry elements and attributes of other namespaces (another
 * tool's notes on a touchpoint, say). The reader copies each foreign
 * element as it goes, as text that stands alone: every namespace prefix it
 * uses is declared on its root. The copy is kept on the model object whose
 * element held it (see jm-file-private.h), and the writer puts it back.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <string.h>

#include "jm-file-reader-private.h"

/* The model's copy */

void
_jm_foreign_attr_free (gpointer data)
{
  JmForeignAttr *attr = data;

  g_free (attr->uri);
  g_free (attr->prefix);
  g_free (attr->local);
  g_free (attr->value);
  g_free (attr);
}

static void
foreign_slot_free (gpointer data)
{
  JmForeignSlot *slot = data;

  g_clear_pointer (&slot->attrs, g_ptr_array_unref);
  g_clear_pointer (&slot->elements, g_ptr_array_unref);
  g_free (slot);
}

static void
foreign_free (gpointer data)
{
  JmForeign *foreign = data;

  g_hash_table_unref (foreign->slots);
  g_free (foreign);
}

/**
 * _jm_foreign_get:
 *
 * Returns: (transfer none) (nullable): the foreign content kept on @object
 */
JmForeign *
_jm_foreign_get (gpointer object)
{
  return g_object_get_data (G_OBJECT (object), JM_FOREIGN_KEY);
}

JmForeign *
_jm_foreign_ensure (gpointer object)
{
  JmForeign *foreign = _jm_foreign_get (object);

  if (foreign == NULL)
    {
      foreign = g_new0 (JmForeign, 1);
      foreign->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, foreign_slot_free);
      g_object_set_data_full (G_OBJECT (object), JM_FOREIGN_KEY, foreign, foreign_free);
    }
  return foreign;
}

JmForeignSlot *
_jm_foreign_lookup (gpointer    object,
                    const char *slot)
{
  JmForeign *foreign = _jm_foreign_get (object);

  return foreign != NULL ? g_hash_table_lookup (foreign->slots, slot) : NULL;
}

JmForeignSlot *
_jm_foreign_ensure_slot (gpointer    object,
                         const char *name)
{
  JmForeign *foreign = _jm_foreign_ensure (object);
  JmForeignSlot *slot = g_hash_table_lookup (foreign->slots, name);

  if (slot == NULL)
    {
      slot = g_new0 (JmForeignSlot, 1);
      slot->attrs = g_ptr_array_new_with_free_func (_jm_foreign_attr_free);
      slot->elements = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (foreign->slots, g_strdup (name), slot);
    }
  return slot;
}

void
_jm_foreign_slot_add_attr (JmForeignSlot *slot,
                           const char    *uri,
                           const char    *prefix,
                           const char    *local,
                           const char    *value)
{
  JmForeignAttr *attr = g_new0 (JmForeignAttr, 1);

  attr->uri = g_strdup (uri);
  attr->prefix = g_strdup (prefix);
  attr->local = g_strdup (local);
  attr->value = g_strdup (value);
  g_ptr_array_add (slot->attrs, attr);
}

void
_jm_xml_escape_text (GString    *out,
                     const char *text,
                     gboolean    attribute)
{
  const char *run = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '\r': entity = "&#13;"; break;
        case '"': entity = attribute ? "&quot;" : NULL; break;
        case '\n': entity = attribute ? "&#10;" : NULL; break;
        case '\t': entity = attribute ? "&#9;" : NULL; break;
        default: entity = NULL; break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

/* The copy of a foreign element, as it is read */

static void
append_qname (GString       *out,
              const xmlChar *prefix,
              const xmlChar *local)
{
  if (prefix != NULL)
    {
      g_string_append (out, (const char *) prefix);
      g_string_append_c (out, ':');
    }
  g_string_append (out, (const char *) local);
}

static gboolean
foreign_prefix_declared (Reader     *self,
                         const char *prefix)
{
  for (guint i = 0; i < self->foreign_declared->len; i++)
    if (g_str_equal (g_ptr_array_index (self->foreign_declared, i), prefix))
      return TRUE;
  return FALSE;
}

/* A prefix used inside the copy but declared outside it must be declared on
 * the copy's root, so that the copy stands alone wherever it is written. */
static void
foreign_need (Reader        *self,
              const xmlChar *prefix,
              const xmlChar *uri)
{
  const char *p = prefix != NULL ? (const char *) prefix : "";

  if (g_str_equal (p, "xml") || foreign_prefix_declared (self, p))
    return;
  for (guint i = 0; i < self->foreign_needed->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->foreign_needed, i), p))
      return;
  g_ptr_array_add (self->foreign_needed, g_strdup (p));
  g_ptr_array_add (self->foreign_needed, _jm_reader_namespace_uri (uri));
}

static void
foreign_close_tag (Reader *self)
{
  if (self->foreign_tag_open)
    {
      g_string_append_c (self->foreign, '>');
      self->foreign_tag_open = FALSE;
    }
}

void
_jm_reader_foreign_start (Reader         *self,
                          const xmlChar  *localname,
                          const xmlChar  *prefix,
                          const xmlChar  *uri,
                          int             nb_namespaces,
                          const xmlChar **namespaces,
                          int             nb_attributes,
                          const xmlChar **attributes)
{
  foreign_close_tag (self);
  g_string_append_c (self->foreign, '<');
  append_qname (self->foreign, prefix, localname);
  if (self->foreign_depth == 0)
    self->foreign_root_end = self->foreign->len;

  for (int i = 0; i < nb_namespaces; i++)
    {
      const xmlChar *ns_prefix = namespaces[2 * i];
      g_autofree char *decoded = _jm_reader_namespace_uri (namespaces[2 * i + 1]);

      g_string_append (self->foreign, " xmlns");
      if (ns_prefix != NULL)
        {
          g_string_append_c (self->foreign, ':');
          g_string_append (self->foreign, (const char *) ns_prefix);
        }
      g_string_append (self->foreign, "=\"");
      _jm_xml_escape_text (self->foreign, decoded, TRUE);
      g_string_append_c (self->foreign, '"');
      g_ptr_array_add (self->foreign_declared, g_strdup (ns_prefix != NULL ? (const char *) ns_prefix : ""));
    }
  g_array_append_val (self->foreign_declared_counts, nb_namespaces);

  foreign_need (self, prefix, uri);
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **attr = attributes + 5 * i;
      g_autofree char *value = _jm_reader_attribute_value (attr[3], attr[4]);

      if (attr[1] != NULL)
        foreign_need (self, attr[1], attr[2]);
      g_string_append_c (self->foreign, ' ');
      append_qname (self->foreign, attr[1], attr[0]);
      g_string_append (self->foreign, "=\"");
      _jm_xml_escape_text (self->foreign, value, TRUE);
      g_string_append_c (self->foreign, '"');
    }

  self->foreign_tag_open = TRUE;
  self->foreign_depth++;
}

void
_jm_reader_foreign_end (Reader        *self,
                        const xmlChar *localname,
                        const xmlChar *prefix)
{
  int declared;

  if (self->foreign_tag_open)
    {
      g_string_append (self->foreign, "/>");
      self->foreign_tag_open = FALSE;
    }
  else
    {
      g_string_append (self->foreign, "</");
      append_qname (self->foreign, prefix, localname);
      g_string_append_c (self->foreign, '>');
    }

  declared = g_array_index (self->foreign_declared_counts, int, self->foreign_declared_counts->len - 1);
  g_array_set_size (self->foreign_declared_counts, self->foreign_declared_counts->len - 1);
  g_ptr_array_set_size (self->foreign_declared, self->foreign_declared->len - declared);

  if (--self->foreign_depth == 0)
    {
      g_autoptr(GString) declarations = g_string_new (NULL);
      JmForeignSlot *slot;

      for (guint i = 0; i < self->foreign_needed->len; i += 2)
        {
          const char *ns_prefix = g_ptr_array_index (self->foreign_needed, i);

          g_string_append (declarations, " xmlns");
          if (*ns_prefix != '\0')
            g_string_append_printf (declarations, ":%s", ns_prefix);
          g_string_append (declarations, "=\"");
          _jm_xml_escape_text (declarations, g_ptr_array_index (self->foreign_needed, i + 1), TRUE);
          g_string_append_c (declarations, '"');
        }
      g_string_insert (self->foreign, self->foreign_root_end, declarations->str);
      g_ptr_array_set_size (self->foreign_needed, 0);

      slot = _jm_foreign_ensure_slot (self->foreign_object, self->foreign_slot);
      g_ptr_array_add (slot->elements, g_string_free (g_steal_pointer (&self->foreign), FALSE));
      self->foreign = NULL;
      g_clear_pointer (&self->foreign_slot, g_free);
      self->foreign_object = NULL;
    }
}

void
_jm_reader_foreign_text (Reader     *self,
                         const char *text,
                         int         length)
{
  g_autofree char *copy = g_strndup (text, length);

  foreign_close_tag (self);
  _jm_xml_escape_text (self->foreign, copy, FALSE);
}

