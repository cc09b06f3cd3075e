/* test-persona-file.c: personas edited, imported, exported, and their pictures
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "jm-file.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"

/* A small picture in a given format, made here so that no fixture can go stale. */
static GBytes *
make_picture (int         width,
              int         height,
              const char *format)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < height; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (guchar) (x * 7);
          row[3 * x + 1] = (guchar) (y * 13);
          row[3 * x + 2] = (guchar) ((x ^ y) & 0xff);
        }
    }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, format, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

/* A map with stages and no persona. */
static JmMap *
map_with_stages (void)
{
  JmMap *map = jm_map_new ();

  jm_map_add_stage (map, -1, "Need");
  jm_map_add_stage (map, -1, "Research");
  jm_history_clear (jm_map_get_history (map));
  return map;
}

static JmPersona *
make_fridah (JmMap      *map,
             const char *id)
{
  g_autoptr(JmPersona) persona = jm_persona_new (id, "Fridah Wanjirū");
  g_autoptr(GBytes) picture = make_picture (40, 30, "png");
  const char * const goals[] = { "Learn to edit video", "Pay less than 10 € a month", NULL };
  const char * const frustrations[] = { "Tutorials that skip steps", NULL };
  const char * const needs[] = { "Short videos", NULL };
  const char * const channels[] = { "web", "social", "YouTube", NULL };
  const char * const devices[] = { "Phone", "Laptop", NULL };

  jm_persona_set_age (persona, 29);
  jm_persona_set_role (persona, "Student");
  jm_persona_set_quote (persona, "Show me, don’t tell me.");
  jm_persona_set_bio (persona, "Learns from video tutorials.");
  jm_persona_set_notes (persona, "Met at the Nairobi workshop.");
  jm_persona_set_colour (persona, "#cc79a7");
  jm_persona_set_goals (persona, goals);
  jm_persona_set_frustrations (persona, frustrations);
  jm_persona_set_needs (persona, needs);
  jm_persona_set_channels (persona, channels);
  jm_persona_set_devices (persona, devices);
  jm_persona_set_picture (persona, picture, "image/png");
  jm_map_append_persona (map, persona);
  return persona;
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  g_assert_true (g_strv_equal (a, b));
}

static void
assert_same_persona (JmPersona *a,
                     JmPersona *b)
{
  g_assert_cmpstr (jm_persona_get_name (a), ==, jm_persona_get_name (b));
  g_assert_cmpint (jm_persona_get_age (a), ==, jm_persona_get_age (b));
  g_assert_cmpstr (jm_persona_get_role (a), ==, jm_persona_get_role (b));
  g_assert_cmpstr (jm_persona_get_quote (a), ==, jm_persona_get_quote (b));
  g_assert_cmpstr (jm_persona_get_bio (a), ==, jm_persona_get_bio (b));
  g_assert_cmpstr (jm_persona_get_notes (a), ==, jm_persona_get_notes (b));
  g_assert_cmpstr (jm_persona_get_colour (a), ==, jm_persona_get_colour (b));
  g_assert_cmpint (jm_persona_get_hidden (a), ==, jm_persona_get_hidden (b));
  assert_strv_equal (jm_persona_get_goals (a), jm_persona_get_goals (b));
  assert_strv_equal (jm_persona_get_frustrations (a), jm_persona_get_frustrations (b));
  assert_strv_equal (jm_persona_get_needs (a), jm_persona_get_needs (b));
  assert_strv_equal (jm_persona_get_channels (a), jm_persona_get_channels (b));
  assert_strv_equal (jm_persona_get_devices (a), jm_persona_get_devices (b));
  g_assert_cmpstr (jm_persona_get_picture_type (a), ==, jm_persona_get_picture_type (b));
  g_assert_nonnull (jm_persona_get_picture (a));
  g_assert_true (g_bytes_equal (jm_persona_get_picture (a), jm_persona_get_picture (b)));
}

static JmMap *
save_and_load (JmMap *map)
{
  g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
  g_autoptr(GError) error = NULL;
  JmMap *loaded = jm_file_load_bytes (bytes, "round-trip.journey", &error);

  g_assert_no_error (error);
  return loaded;
}

/* Every field edit is one undo step, and undo gives the old value back. */
static void
test_edit_undo (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  JmPersona *persona = jm_map_add_persona (map, -1, "James");
  const char * const goals[] = { "Read the manual", NULL };
  guint steps;

  steps = jm_history_get_n_steps (jm_map_get_history (map));
  jm_map_edit_string (map, persona, "quote", "I read the manual first.");
  jm_map_edit_int (map, persona, "age", 44);
  jm_map_edit_strv (map, persona, "goals", goals);
  jm_map_edit_boolean (map, persona, "hidden", TRUE);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps + 4);
  g_assert_true (jm_persona_get_hidden (persona));

  g_assert_true (jm_map_undo (map));
  g_assert_false (jm_persona_get_hidden (persona));
  g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_persona_get_goals (persona)[0], ==, NULL);
  g_assert_true (jm_map_undo (map));
  g_assert_cmpint (jm_persona_get_age (persona), ==, 0);
  g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_persona_get_quote (persona), ==, "");
  g_assert_true (jm_map_redo (map));
  g_assert_cmpstr (jm_persona_get_quote (persona), ==, "I read the manual first.");
}

/* A picture and its type change together, and come back together. */
static void
test_picture_undo (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  JmPersona *persona = jm_map_add_persona (map, -1, "Juliet");
  g_autoptr(GBytes) png = make_picture (8, 8, "png");
  g_autoptr(GBytes) jpeg = make_picture (8, 8, "jpeg");

  g_autoptr(GBytes) png_again = g_bytes_new (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  guint n_steps;

  jm_persona_picture_edit (map, persona, png, "image/png");
  n_steps = jm_history_get_n_steps (jm_map_get_history (map));
  jm_persona_picture_edit (map, persona, png_again, "image/png");
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, n_steps);
  jm_persona_picture_edit (map, persona, jpeg, "image/jpeg");
  g_assert_true (g_bytes_equal (jm_persona_get_picture (persona), jpeg));
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "image/jpeg");

  jm_persona_picture_edit (map, persona, NULL, NULL);
  g_assert_null (jm_persona_get_picture (persona));
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "");

  g_assert_true (jm_map_undo (map));
  g_assert_true (g_bytes_equal (jm_persona_get_picture (persona), jpeg));
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "image/jpeg");
  g_assert_true (jm_map_undo (map));
  g_assert_true (g_bytes_equal (jm_persona_get_picture (persona), png));
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "image/png");
  g_assert_true (jm_map_undo (map));
  g_assert_null (jm_persona_get_picture (persona));
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "");
  g_assert_true (jm_map_redo (map));
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "image/png");
}

/* One lane per persona, in persona order; its cards go with it. */
static void
test_lanes (void)
{
  g_autoptr(JmMap) map = map_with_stages ();
  JmStage *stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  JmPersona *fridah = jm_map_add_persona (map, -1, "Fridah");
  JmPersona *james = jm_map_add_persona (map, -1, "James");
  JmTouchpoint *card = jm_map_add_touchpoint (map, stage, james, -1, "Reads the manual");
  guint position = 0;

  g_object_unref (stage);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, jm_persona_get_id (james));
  jm_map_move_persona (map, james, 0);
  g_assert_true (jm_map_find_persona (map, james, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (jm_map_find_persona (map, fridah, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (jm_map_undo (map));
  g_assert_true (jm_map_find_persona (map, james, &position));
  g_assert_cmpuint (position, ==, 1);

  g_object_ref (card);
  jm_map_remove_persona (map, james);
  g_assert_false (jm_map_find_touchpoint (map, card, NULL));
  g_assert_true (jm_map_undo (map));
  g_assert_true (jm_map_find_touchpoint (map, card, NULL));
  g_assert_true (jm_map_find_persona (map, james, NULL));
  g_object_unref (card);

  /* No limit on the number of lanes. */
  for (guint i = 0; i < 200; i++)
    jm_map_add_persona (map, -1, "Someone");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (map)), ==, 202);
}

/* Ids that clash are renamed; nothing else of either map changes. */
static void
test_import_clash (void)
{
  g_autoptr(JmMap) source = map_with_stages ();
  g_autoptr(JmMap) target = map_with_stages ();
  g_autoptr(GBytes) source_before = NULL;
  g_autoptr(GBytes) target_before = NULL;
  g_autoptr(GBytes) source_after = NULL;
  g_autoptr(GBytes) target_after = NULL;
  g_autoptr(GError) error = NULL;
  JmStage *target_stage = g_list_model_get_item (jm_map_get_stages (target), 0);
  JmStage *source_stage = g_list_model_get_item (jm_map_get_stages (source), 0);
  JmPersona *fridah;
  JmPersona *own, *imported;
  JmTouchpoint *card;
  const char *ids[] = { NULL, NULL, NULL };
  g_autoptr(JmPersona) james = NULL;
  GListModel *personas = jm_map_get_personas (target);
  guint n_touchpoints, n_steps;

  /* The target already uses Fridah's id for a persona, and James's for a card. */
  own = jm_map_add_persona (target, -1, "Juliet");
  fridah = make_fridah (source, jm_persona_get_id (own));
  ids[0] = jm_persona_get_id (fridah);
  jm_map_add_touchpoint (source, source_stage, fridah, -1, "Watches a tutorial");
  card = jm_map_add_touchpoint (target, target_stage, own, -1, "Chats with support");
  james = jm_persona_new (jm_touchpoint_get_id (card), "James");
  g_assert_true (jm_map_append_persona (source, james));
  ids[1] = jm_persona_get_id (james);
  g_object_unref (target_stage);
  g_object_unref (source_stage);

  source_before = jm_file_write_bytes (source);
  target_before = jm_file_write_bytes (target);
  n_touchpoints = g_list_model_get_n_items (jm_map_get_touchpoints (target));
  n_steps = jm_history_get_n_steps (jm_map_get_history (target));

  g_assert_true (jm_persona_file_import (target, source, ids, &error));
  g_assert_no_error (error);

  /* One undo step, two lanes, no touchpoint. */
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (target)), ==, n_steps + 1);
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (target)), ==, n_touchpoints);
  imported = g_list_model_get_item (personas, 1);
  g_assert_cmpstr (jm_persona_get_id (imported), !=, jm_persona_get_id (own));
  g_assert_true (jm_map_lookup_persona (target, jm_persona_get_id (own)) == own);
  assert_same_persona (fridah, imported);
  g_object_unref (imported);
  imported = g_list_model_get_item (personas, 2);
  g_assert_cmpstr (jm_persona_get_name (imported), ==, "James");
  g_assert_cmpstr (jm_persona_get_id (imported), !=, jm_persona_get_id (james));
  g_assert_true (jm_map_lookup_touchpoint (target, jm_persona_get_id (james)) == card);
  g_object_unref (imported);

  /* The source is untouched, and undo gives the target back as it was. */
  source_after = jm_file_write_bytes (source);
  g_assert_true (g_bytes_equal (source_before, source_after));
  g_assert_true (jm_map_undo (target));
  target_after = jm_file_write_bytes (target);
  g_assert_true (g_bytes_equal (target_before, target_after));
}

/* An unknown id imports nothing at all. */
static void
test_import_unknown (void)
{
  g_autoptr(JmMap) source = jm_map_new ();
  g_autoptr(JmMap) target = jm_map_new ();
  g_autoptr(GError) error = NULL;
  const char * const ids[] = { "p1", "nobody", NULL };

  make_fridah (source, "p1");
  g_assert_false (jm_persona_file_import (target, source, ids, &error));
  g_assert_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_UNKNOWN_PERSONA);
  g_assert_nonnull (strstr (error->message, "nobody"));
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (target)), ==, 0);
  g_assert_false (jm_history_can_undo (jm_map_get_history (target)));
}

/* Export, save, load, import: the same persona, picture byte for byte. */
static void
test_export_import (void)
{
  g_autoptr(JmMap) source = map_with_stages ();
  g_autoptr(JmMap) exported = NULL;
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(JmMap) target = jm_map_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JmPersona) james = jm_persona_new ("p2", "James");
  g_autoptr(JmPersona) john = jm_persona_new ("p3", "John");
  g_autoptr(JmPersona) back = NULL;
  JmStage *stage = g_list_model_get_item (jm_map_get_stages (source), 0);
  JmPersona *fridah = make_fridah (source, "p1");
  const char * const ids[] = { "p1", "p2", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  jm_map_append_persona (source, james);
  jm_map_append_persona (source, john);
  jm_map_add_touchpoint (source, stage, fridah, -1, "Watches a tutorial");
  g_object_unref (stage);

  exported = jm_persona_file_export (source, ids);
  g_assert_cmpstr (jm_map_get_title (exported), ==, "Personas: Fridah Wanjirū, James");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (exported)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (exported)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (exported)), ==, 2);
  g_assert_false (jm_history_can_undo (jm_map_get_history (exported)));

  /* A real file, checked against the schema whatever its size. */
  dir = g_dir_make_tmp ("test-persona-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "personas.journey", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (jm_file_save (exported, file, NULL, &error));
  g_assert_no_error (error);
  loaded = jm_file_load_full (file, NULL, JM_FILE_LOAD_STRICT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_title (loaded), ==, "Personas: Fridah Wanjirū, James");

  g_assert_true (jm_persona_file_import (target, loaded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (target)), ==, 2);
  back = g_list_model_get_item (jm_map_get_personas (target), 0);
  g_assert_cmpstr (jm_persona_get_id (back), ==, "p1");
  assert_same_persona (fridah, back);

  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

/* The picture inside the map survives a save and a load byte for byte. */
static void
test_picture_round_trip (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GBytes) jpeg = make_picture (64, 48, "jpeg");
  JmPersona *fridah = make_fridah (map, "p1");
  JmPersona *other = jm_map_add_persona (map, -1, "Juliet");

  jm_persona_picture_edit (map, other, jpeg, "image/jpeg");
  loaded = save_and_load (map);
  assert_same_persona (fridah, jm_map_lookup_persona (loaded, "p1"));
  g_assert_true (g_bytes_equal (jpeg, jm_persona_get_picture (jm_map_lookup_persona (loaded, jm_persona_get_id (other)))));
  g_assert_cmpstr (jm_persona_get_picture_type (jm_map_lookup_persona (loaded, jm_persona_get_id (other))), ==, "image/jpeg");
}

static void
assert_refused (GBytes     *contents,
                const char *name,
                int         code,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) picture = jm_persona_picture_prepare (contents, name, &type, &error);

  g_assert_null (picture);
  g_assert_null (type);
  g_assert_error (error, JM_PERSONA_FILE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_picture_refused (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Fridah, 29, learns from video tutorials\n", 40);
  g_autoptr(GBytes) png = make_picture (100, 80, "png");
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr(GBytes) jpeg = make_picture (100, 80, "jpeg");
  g_autoptr(GBytes) truncated_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 40);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) wide = make_picture (5000, 4, "png");
  g_autoptr(GBytes) bmp = make_picture (4, 4, "bmp");
  g_autofree char *big_data = g_malloc0 (JM_PICTURE_MAX_FILE_SIZE + 1);
  g_autoptr(GBytes) big = NULL;

  assert_refused (text, "notes.txt", JM_PERSONA_FILE_ERROR_NOT_AN_IMAGE, "not a picture");
  assert_refused (empty, "empty.png", JM_PERSONA_FILE_ERROR_NOT_AN_IMAGE, "empty");
  assert_refused (truncated, "cut.png", JM_PERSONA_FILE_ERROR_CORRUPT, "damaged or incomplete");
  assert_refused (truncated_jpeg, "cut.jpg", JM_PERSONA_FILE_ERROR_CORRUPT, "damaged or incomplete");
  assert_refused (wide, "banner.png", JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE, "5000 × 4 pixels");
  assert_refused (bmp, "old.bmp", JM_PERSONA_FILE_ERROR_UNSUPPORTED, "BMP");

  memcpy (big_data, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  big = g_bytes_new_take (g_steal_pointer (&big_data), JM_PICTURE_MAX_FILE_SIZE + 1);
  assert_refused (big, "huge.png", JM_PERSONA_FILE_ERROR_PICTURE_TOO_LARGE, "too large");
}

/* Whole or cut short, told from the bytes alone, before any decoder. */
static void
test_picture_whole (void)
{
  g_autoptr(GBytes) png = make_picture (20, 10, "png");
  g_autoptr(GBytes) jpeg = make_picture (20, 10, "jpeg");
  gsize png_size, jpeg_size;
  const guchar *png_data = g_bytes_get_data (png, &png_size);
  const guchar *jpeg_data = g_bytes_get_data (jpeg, &jpeg_size);

  g_assert_true (jm_persona_picture_is_whole (png_data, png_size, "image/png"));
  g_assert_false (jm_persona_picture_is_whole (png_data, png_size - 1, "image/png"));
  g_assert_false (jm_persona_picture_is_whole (png_data, 20, "image/png"));
  g_assert_true (jm_persona_picture_is_whole (jpeg_data, jpeg_size, "image/jpeg"));
  g_assert_false (jm_persona_picture_is_whole (jpeg_data, jpeg_size - 2, "image/jpeg"));
  g_assert_false (jm_persona_picture_is_whole (NULL, 0, "image/png"));
}

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* From a file: the size is checked before reading, and the name is shown. */
static void
test_picture_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-persona-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "Fridah.png", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GBytes) png = make_picture (32, 32, "png");
  g_autoptr(GBytes) picture = NULL;
  g_autofree char *type = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  picture = jm_persona_picture_load (file, NULL, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (picture, png));
  g_assert_cmpstr (type, ==, "image/png");

  /* The same in a worker thread. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) async_picture = NULL;
    g_autofree char *async_type = NULL;

    jm_persona_picture_load_async (file, NULL, on_async_ready, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    async_picture = jm_persona_picture_load_finish (result, &async_type, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (async_picture, png));
    g_assert_cmpstr (async_type, ==, "image/png");
  }

  g_assert_null (jm_persona_picture_load (missing, NULL, &type, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "missing.png"));

  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

/* Small pictures are kept as they are; big ones scaled to 512 in their format. */
static void
test_picture_scaled (void)
{
  g_autoptr(GBytes) small = make_picture (512, 300, "png");
  g_autoptr(GBytes) large_png = make_picture (2000, 1000, "png");
  g_autoptr(GBytes) large_jpeg = make_picture (1000, 3000, "jpeg");
  g_autoptr(GError) error = NULL;
  struct {
    GBytes     *contents;
    const char *type;
    int         width, height;
    gboolean    same;
  } cases[] = {
    { small, "image/png", 512, 300, TRUE },
    { large_png, "image/png", 512, 256, FALSE },
    { large_jpeg, "image/jpeg", 171, 512, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = NULL;
      g_autoptr(GBytes) picture = jm_persona_picture_prepare (cases[i].contents, "photo", &type, &error);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_cmpint (g_bytes_equal (picture, cases[i].contents), ==, cases[i].same);
      stream = g_memory_input_stream_new_from_bytes (picture);
      pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, cases[i].width);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, cases[i].height);
    }
}

/* Pictures decode for cairo whatever their format; a bad one gives nothing. */
static void
test_picture_decode (void)
{
  const char *formats[] = { "png", "jpeg" };
  g_autoptr(GBytes) junk = g_bytes_new_static ("junk", 4);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) picture = make_picture (40, 30, formats[i]);
      cairo_surface_t *surface = jm_persona_picture_decode (picture);

      g_assert_nonnull (surface);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 40);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 30);
      /* Opaque everywhere: the top-left pixel has full alpha. */
      g_assert_cmphex (*(guint32 *) cairo_image_surface_get_data (surface) >> 24, ==, 0xff);
      cairo_surface_destroy (surface);
    }
  g_assert_null (jm_persona_picture_decode (junk));
  g_assert_null (jm_persona_picture_decode (NULL));
}

/* A broken persona file fails to load, so there is nothing to import. */
static void
test_broken_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", "broken-malformed.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load (file, NULL, &error);

  g_assert_null (map);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/persona/edit-undo", test_edit_undo);
  g_test_add_func ("/persona/picture-undo", test_picture_undo);
  g_test_add_func ("/persona/lanes", test_lanes);
  g_test_add_func ("/persona/import-clash", test_import_clash);
  g_test_add_func ("/persona/import-unknown", test_import_unknown);
  g_test_add_func ("/persona/export-import", test_export_import);
  g_test_add_func ("/persona/picture-round-trip", test_picture_round_trip);
  g_test_add_func ("/persona/picture-refused", test_picture_refused);
  g_test_add_func ("/persona/picture-whole", test_picture_whole);
  g_test_add_func ("/persona/picture-file", test_picture_file);
  g_test_add_func ("/persona/picture-scaled", test_picture_scaled);
  g_test_add_func ("/persona/picture-decode", test_picture_decode);
  g_test_add_func ("/persona/broken-file", test_broken_file);

  return g_test_run ();
}
