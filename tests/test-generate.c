/* test-generate.c: the benchmark's generated maps are valid maps
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "jm-file.h"
#include "jm-generate.h"

static JmMap *
save_and_load (JmMap       *map,
               const char  *dir,
               GBytes     **bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "generated.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmMap *loaded;

  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  loaded = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  *bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  return loaded;
}

static void
test_generate_loads (void)
{
  const guint sizes[] = { 0, 1, 7, 1000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-generate-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(JmMap) map = jm_generate_map (sizes[i], 42);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JmMap) loaded = save_and_load (map, dir, &bytes);

      g_test_message ("%u touchpoints: %zu bytes", sizes[i], g_bytes_get_size (bytes));
      g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (loaded)), ==, sizes[i]);
      g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (loaded)), ==,
                        g_list_model_get_n_items (jm_map_get_stages (map)));
      g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (loaded)), ==,
                        g_list_model_get_n_items (jm_map_get_personas (map)));
      g_assert_cmpstr (jm_map_get_title (loaded), ==, jm_map_get_title (map));
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_generate_deterministic (void)
{
  g_autoptr(JmMap) a = jm_generate_map (300, 7);
  g_autoptr(JmMap) b = jm_generate_map (300, 7);
  g_autoptr(JmMap) c = jm_generate_map (300, 8);
  g_autoptr(GBytes) bytes_a = jm_file_write_bytes (a);
  g_autoptr(GBytes) bytes_b = jm_file_write_bytes (b);
  g_autoptr(GBytes) bytes_c = jm_file_write_bytes (c);

  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
  g_assert_false (g_bytes_equal (bytes_a, bytes_c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/generate/loads", test_generate_loads);
  g_test_add_func ("/generate/deterministic", test_generate_deterministic);
  return g_test_run ();
}
