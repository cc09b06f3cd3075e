/* jm-persona-file.c: personas carried from one map to another, and their pictures
 *
 * A persona file is an ordinary map that holds personas only: any map can
 * be a source of personas, and a persona file opens like any other map.
 * Importing copies personas field by field, picture included; the lanes'
 * touchpoints stay behind, since they belong to another journey.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-persona-file"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jm-persona-file.h"

G_DEFINE_QUARK (jm-persona-file-error-quark, jm_persona_file_error)

/**
 * jm_persona_file_copy_persona:
 * @persona: a persona
 * @id: the copy's id
 *
 * Copies every field of @persona (picture included) but its id. Content of
 * other namespaces kept on @persona is not copied.
 *
 * Returns: (transfer full): the copy, in no map
 */
JmPersona *
jm_persona_file_copy_persona (JmPersona  *persona,
                              const char *id)
{
  g_autofree GParamSpec **pspecs = NULL;
  JmPersona *copy;
  guint n_pspecs;

  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  copy = jm_persona_new (id, jm_persona_get_name (persona));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (persona), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_WRITABLE) || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;
      /* The picture's type travels with the picture. */
      if (g_str_equal (pspecs[i]->name, "picture") || g_str_equal (pspecs[i]->name, "picture-type"))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (persona), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }
  jm_persona_set_picture (copy, jm_persona_get_picture (persona),
                          jm_persona_get_picture_type (persona));
  return copy;
}

static gboolean
id_in_use (JmMap      *map,
           const char *id)
{
  return jm_map_lookup_persona (map, id) != NULL ||
         jm_map_lookup_stage (map, id) != NULL ||
         jm_map_lookup_touchpoint (map, id) != NULL;
}

/* The personas @ids name in @source, each once, in the order given; all of
 * them when @ids is %NULL. */
static GPtrArray *
collect_personas (JmMap               *source,
                  const char * const  *ids,
                  GError             **error)
{
  GListModel *personas = jm_map_get_personas (source);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  if (ids == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
        g_ptr_array_add (found, g_list_model_get_item (personas, i));
    }
  else
    {
      for (guint i = 0; ids[i] != NULL; i++)
        {
          JmPersona *persona = jm_map_lookup_persona (source, ids[i]);

          if (persona == NULL)
            {
              g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_UNKNOWN_PERSONA,
                           _("There is no persona “%s” to import"), ids[i]);
              return NULL;
            }
          if (!g_ptr_array_find (found, persona, NULL))
            g_ptr_array_add (found, g_object_ref (persona));
        }
    }

  if (found->len == 0)
    {
      g_set_error_literal (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_NO_PERSONA,
                           _("There are no personas to import"));
      return NULL;
    }
  return g_steal_pointer (&found);
}

/**
 * jm_persona_file_import:
 * @target: the map that receives the personas
 * @source: the map they come from, unchanged
 * @persona_ids: (nullable) (array zero-terminated=1): the ids of the
 *   personas to import, in @source; %NULL for all of them
 * @error: return location for an error
 *
 * Adds copies of personas of @source as new lanes at the end of @target,
 * as one undo step. A persona keeps its id unless @target already uses it
 * (for any object), in which case it gets a new one. The touchpoints of
 * the personas' lanes in @source are not imported. When an id is unknown,
 * nothing is imported.
 *
 * Returns: %TRUE if the personas were imported
 */
gboolean
jm_persona_file_import (JmMap               *target,
                        JmMap               *source,
                        const char * const  *persona_ids,
                        GError             **error)
{
  g_autoptr(GPtrArray) personas = NULL;
  guint n_lanes;

  g_return_val_if_fail (JM_IS_MAP (target), FALSE);
  g_return_val_if_fail (JM_IS_MAP (source), FALSE);
  g_return_val_if_fail (target != source, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  personas = collect_personas (source, persona_ids, error);
  if (personas == NULL)
    return FALSE;

  n_lanes = g_list_model_get_n_items (jm_map_get_personas (target));
  jm_map_begin (target, g_dngettext (GETTEXT_PACKAGE, "Import Persona", "Import Personas",
                                     personas->len));
  for (guint i = 0; i < personas->len; i++)
    {
      JmPersona *persona = g_ptr_array_index (personas, i);
      const char *id = jm_persona_get_id (persona);
      g_autofree char *new_id = id_in_use (target, id) ? jm_map_new_id (target, "p") : g_strdup (id);
      g_autoptr(JmPersona) copy = jm_persona_file_copy_persona (persona, new_id);

      jm_map_insert_persona (target, n_lanes + i, copy);
    }
  jm_map_end (target);
  return TRUE;
}

/**
 * jm_persona_file_export:
 * @source: a map
 * @ids: (nullable) (array zero-terminated=1): the ids of the personas to
 *   export; %NULL for all of them
 *
 * Builds a persona file: a map with copies of the personas (same ids) and
 * no stages or touchpoints, titled after them ("Personas: Fridah, James").
 * Save it with jm_file_save(); any map can import from it.
 *
 * Returns: (transfer full) (nullable): the new map, with an empty history;
 *   %NULL if an id is unknown or there is no persona
 */
JmMap *
jm_persona_file_export (JmMap              *source,
                        const char * const *ids)
{
  g_autoptr(GPtrArray) personas = NULL;
  g_autoptr(GString) title = NULL;
  g_autoptr(GError) error = NULL;
  JmMap *map;

  g_return_val_if_fail (JM_IS_MAP (source), NULL);

  personas = collect_personas (source, ids, &error);
  g_return_val_if_fail (personas != NULL, NULL);

  map = jm_map_new ();
  title = g_string_new (NULL);
  for (guint i = 0; i < personas->len; i++)
    {
      JmPersona *persona = g_ptr_array_index (personas, i);
      g_autoptr(JmPersona) copy = jm_persona_file_copy_persona (persona, jm_persona_get_id (persona));
      const char *name = jm_persona_get_name (persona);

      if (title->len > 0)
        g_string_append (title, ", ");
      g_string_append (title, *name != '\0' ? name : _("Unnamed"));
      jm_map_append_persona (map, copy);
    }
  {
    /* Translators: the title of a file that holds only personas, "Personas: Fridah, James" */
    g_autofree char *full = g_strdup_printf (_("Personas: %s"), title->str);

    jm_map_set_title (map, full);
  }
  return map;
}

/* Pictures. */

static guint32
read_be32 (const guchar *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint
read_be16 (const guchar *p)
{
  return (guint) p[0] << 8 | p[1];
}

/* The size a JPEG declares in its first start-of-frame marker. */
static gboolean
jpeg_size (const guchar *data,
           gsize         size,
           int          *width,
           int          *height)
{
  gsize offset = 2;

  while (offset + 4 <= size)
    {
      guint marker, length;

      if (data[offset] != 0xff)
        return FALSE;
      marker = data[offset + 1];
      if (marker == 0xff)
        {
          offset++;
          continue;
        }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          offset += 2;
          continue;
        }
      length = read_be16 (data + offset + 2);
      if (length < 2)
        return FALSE;
      /* SOF0 to SOF15, but DHT (c4), JPG (c8) and DAC (cc). */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (offset + 9 > size)
            return FALSE;
          *height = read_be16 (data + offset + 5);
          *width = read_be16 (data + offset + 7);
          return TRUE;
        }
      offset += 2 + (gsize) length;
    }
  return FALSE;
}

/**
 * jm_persona_picture_get_size:
 * @picture: the bytes of a PNG or JPEG picture
 * @width: (out): its width in pixels
 * @height: (out): its height in pixels
 *
 * Reads the size a picture declares in its header, without decoding it: a
 * file of a few hundred kilobytes can declare 60000 × 60000 pixels, which
 * take gigabytes once decoded.
 *
 * Returns: %TRUE when @picture is a PNG or JPEG whose size could be read
 */
gboolean
jm_persona_picture_get_size (GBytes *picture,
                             int    *width,
                             int    *height)
{
  static const guchar png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guchar *data;
  gsize size;

  g_return_val_if_fail (picture != NULL, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  *width = *height = 0;
  data = g_bytes_get_data (picture, &size);
  if (size >= 24 && memcmp (data, png_signature, 8) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      guint32 w = read_be32 (data + 16);
      guint32 h = read_be32 (data + 20);

      *width = (int) MIN (w, (guint32) G_MAXINT);
      *height = (int) MIN (h, (guint32) G_MAXINT);
      return w > 0 && h > 0;
    }
  if (size >= 4 && data[0] == 0xff && data[1] == 0xd8)
    return jpeg_size (data, size, width, height) && *width > 0 && *height > 0;
  return FALSE;
}

/**
 * jm_persona_picture_is_whole:
 * @data: the bytes of a picture
 * @size: the number of bytes
 * @mime_type: "image/png" or "image/jpeg"
 *
 * Whether a picture is whole, from its structure alone: a PNG runs through
 * its chunks to IEND, a JPEG has its end-of-image marker (cameras may
 * append data after it). A decoder may draw a picture cut short without
 * a word.
 *
 * Returns: %TRUE when the picture is not cut short
 */
gboolean
jm_persona_picture_is_whole (const guchar *data,
                             gsize         size,
                             const char   *mime_type)
{
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (mime_type != NULL, FALSE);

  if (g_str_equal (mime_type, "image/png"))
    {
      gsize offset = 8;

      while (size >= 12 && offset <= size - 12)
        {
          guint32 length = read_be32 (data + offset);

          if (length > size - offset - 12)
            return FALSE;
          if (memcmp (data + offset + 4, "IEND", 4) == 0)
            return TRUE;
          offset += 12 + (gsize) length;
        }
      return FALSE;
    }
  else
    {
      for (gsize i = size; i >= 2; i--)
        if (data[i - 2] == 0xff && data[i - 1] == 0xd9)
          return TRUE;
      return FALSE;
    }
}

/**
 * jm_persona_picture_check:
 * @persona: a persona
 * @error: return location for an error
 *
 * Checks, from its header alone, that the picture of @persona is a PNG or
 * JPEG with no side over JM_PICTURE_MAX_SIDE pixels: the pictures that
 * are drawn. Others stay in the map but show as a placeholder; the error
 * names the persona and the limit.
 *
 * Returns: %TRUE when @persona has no picture or one that may be decoded
 */
gboolean
jm_persona_picture_check (JmPersona  *persona,
                          GError    **error)
{
  GBytes *picture;
  const char *name;
  int width, height;

  g_return_val_if_fail (JM_IS_PERSONA (persona), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  picture = jm_persona_get_picture (persona);
  if (picture == NULL)
    return TRUE;
  name = jm_persona_get_name (persona);
  if (name == NULL || *name == '\0')
    name = jm_persona_get_id (persona);
  if (!jm_persona_picture_get_size (picture, &width, &height))
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_NOT_AN_IMAGE,
                   _("the picture of persona “%s” is refused: it is not a PNG or JPEG picture "
                     "whose size can be read"), name);
      return FALSE;
    }
  if (width > JM_PICTURE_MAX_SIDE || height > JM_PICTURE_MAX_SIDE)
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE,
                   _("the picture of persona “%s” is refused: it is %d × %d pixels, and a "
                     "persona picture may be at most %d pixels a side"),
                   name, width, height, JM_PICTURE_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

/**
 * jm_persona_picture_edit:
 * @map: the map of @persona
 * @persona: a persona
 * @picture: (nullable): the new picture, as jm_persona_picture_prepare()
 *   returns it; %NULL to remove the picture
 * @mime_type: (nullable): its type
 *
 * Changes a persona's picture and its type as one undo step.
 */
void
jm_persona_picture_edit (JmMap      *map,
                         JmPersona  *persona,
                         GBytes     *picture,
                         const char *mime_type)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GBytes *old_picture;

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (JM_IS_PERSONA (persona));
  g_return_if_fail (picture == NULL || mime_type != NULL);

  /* The history compares pictures by address: the same picture again
   * would make an empty undo step. */
  old_picture = jm_persona_get_picture (persona);
  if ((picture == NULL && old_picture == NULL) ||
      (picture != NULL && old_picture != NULL && g_bytes_equal (picture, old_picture) &&
       g_strcmp0 (mime_type, jm_persona_get_picture_type (persona)) == 0))
    return;

  /* The type is set first and the picture last, so that undoing, which
   * runs backwards, restores the picture while the new type is still set,
   * then the old type. */
  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, picture);
  jm_map_begin (map, picture != NULL ? _("Change Picture") : _("Remove Picture"));
  jm_map_edit_string (map, persona, "picture-type", picture != NULL ? mime_type : "");
  jm_map_edit (map, persona, "picture", &value);
  jm_map_end (map);
}
