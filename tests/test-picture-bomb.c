/* test-picture-bomb.c: a persona picture that declares 60000 × 60000
 * pixels in a file of a few hundred bytes, on every path that reads it:
 * --check, importing, the persona sheet and the persona editor
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "jm-export.h"
#include "jm-file.h"
#include "jm-persona-editor.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"

#define BOMB_SIDE 60000

GResource *jm_app_get_resource (void);

static guint32
crc32_of (const guchar *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           guint32       length)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (body, data, length);
  put_be32 (out, length);
  g_byte_array_append (out, body->data, body->len);
  put_be32 (out, crc32_of (body->data, body->len));
}

/* A PNG whose header says @width × @height RGBA pixels, with one IDAT
 * holding the start of the first row: the decoder believes the header. */
static GBytes *
png_bomb (guint32 width,
          guint32 height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[13] = { width >> 24, width >> 16, width >> 8, width,
                      height >> 24, height >> 16, height >> 8, height,
                      8, 6, 0, 0, 0 };
  /* zlib: a stored block of 16 zero bytes, then its Adler-32. */
  guint8 idat[2 + 5 + 16 + 4] = { 0x78, 0x01, 0x01, 16, 0, 0xef, 0xff };
  GByteArray *out = g_byte_array_new ();

  idat[2 + 5 + 16 + 0] = 0x00;
  idat[2 + 5 + 16 + 1] = 0x10;
  idat[2 + 5 + 16 + 2] = 0x00;
  idat[2 + 5 + 16 + 3] = 0x01;
  g_byte_array_append (out, signature, 8);
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);
  put_chunk (out, "IDAT", idat, sizeof idat);
  put_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

typedef struct
{
  char  *dir;
  char  *map_path;
  JmMap *map;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) bomb = png_bomb (BOMB_SIDE, BOMB_SIDE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  JmMap *map = jm_map_new ();
  JmStage *stage = jm_map_add_stage (map, -1, "Need");
  JmPersona *fridah = jm_map_add_persona (map, -1, "Fridah");

  jm_persona_set_colour (fridah, "#0072b2");
  jm_persona_set_picture (fridah, bomb, "image/png");
  jm_map_add_touchpoint (map, stage, fridah, -1, "Watches a tutorial");

  f->dir = g_dir_make_tmp ("test-picture-bomb-XXXXXX", &error);
  g_assert_no_error (error);
  f->map_path = g_build_filename (f->dir, "bomb.journey", NULL);
  file = g_file_new_for_path (f->map_path);
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (map);

  /* Every test reads the map back from the file, as users open it. */
  f->map = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->map);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->map_path);
  g_clear_object (&f->map);
}

static JmPersona *
first_persona (JmMap *map)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);

  return persona;
}

static void
assert_names_limit (const char *message)
{
  g_assert_nonnull (strstr (message, "Fridah"));
  g_assert_nonnull (strstr (message, "60000 × 60000"));
  g_assert_nonnull (strstr (message, "4096"));
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  JmPersona *fridah = first_persona (f->map);
  GBytes *picture = jm_persona_get_picture (fridah);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) prepared = NULL;
  g_autofree char *type = NULL;
  int width, height;

  g_assert_cmpuint (g_bytes_get_size (picture), <, 200);
  g_assert_true (jm_persona_picture_get_size (picture, &width, &height));
  g_assert_cmpint (width, ==, BOMB_SIDE);
  g_assert_cmpint (height, ==, BOMB_SIDE);
  g_assert_false (jm_persona_picture_check (fridah, &error));
  g_assert_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE);
  assert_names_limit (error->message);
  g_assert_null (jm_persona_picture_decode (picture));

  /* Importing the same bytes as a picture file is refused too. */
  g_clear_error (&error);
  prepared = jm_persona_picture_prepare (picture, "bomb.png", &type, &error);
  g_assert_null (prepared);
  g_assert_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE);
  g_assert_nonnull (strstr (error->message, "60000 × 60000"));
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  const char *exe = g_getenv ("JM_EXECUTABLE");
  const char *argv[] = { exe, "--check", f->map_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (exe == NULL)
    {
      g_test_skip ("JM_EXECUTABLE is needed");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("--check said: %s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "bomb.journey"));
  g_assert_nonnull (strstr (err, "refused"));
  assert_names_limit (err);
}

/* How many pixels of the sheet have the placeholder's grey. */
static guint
count_placeholder_pixels (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) sheet = gdk_pixbuf_new_from_file (path, &error);
  const guchar *pixels;
  int stride, channels;
  guint n = 0;

  g_assert_no_error (error);
  pixels = gdk_pixbuf_read_pixels (sheet);
  stride = gdk_pixbuf_get_rowstride (sheet);
  channels = gdk_pixbuf_get_n_channels (sheet);
  for (int y = 0; y < gdk_pixbuf_get_height (sheet); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (sheet); x++)
      {
        const guchar *p = pixels + y * stride + x * channels;

        if (p[0] == 199 && p[1] == 199 && p[2] == 204)
          n++;
      }
  return n;
}

static void
test_persona_sheet (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "fridah.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  JmExportOptions options;

  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_PERSONA;
  plan = jm_export_plan_new (f->map, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jm_export_plan_get_n_pages (plan), ==, 1);
  g_assert_true (jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PNG, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  jm_export_options_clear (&options);
  /* The placeholder's disc, not Fridah's initials on her colour. */
  g_assert_cmpuint (count_placeholder_pixels (path), >, 1000);
}

static void
test_persona_editor (Fixture       *f,
                     gconstpointer  data)
{
  JmPersona *fridah = first_persona (f->map);
  JmPersonaEditor *editor = jm_persona_editor_new (NULL, f->map, fridah);
  GtkWidget *message = jm_persona_editor_get_field (editor, "picture-error");

  gtk_window_present (GTK_WINDOW (editor));
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (GTK_WIDGET (editor)); i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (gtk_widget_get_visible (message));
  assert_names_limit (gtk_label_get_text (GTK_LABEL (message)));
  /* The picture stays in the map until the user replaces it. */
  g_assert_nonnull (jm_persona_get_picture (fridah));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The editor's template, linked in from the static library. */
  g_assert_nonnull (jm_app_get_resource ());

  g_test_add ("/picture-bomb/header", Fixture, NULL, fixture_set_up, test_header,
              fixture_tear_down);
  g_test_add ("/picture-bomb/check", Fixture, NULL, fixture_set_up, test_check,
              fixture_tear_down);
  g_test_add ("/picture-bomb/persona-sheet", Fixture, NULL, fixture_set_up, test_persona_sheet,
              fixture_tear_down);
  g_test_add ("/picture-bomb/persona-editor", Fixture, NULL, fixture_set_up, test_persona_editor,
              fixture_tear_down);

  return g_test_run ();
}
