/* test-fuzz-regressions.c: the fuzz targets' checks on their seed corpora
 * and on every input that once made them fail, without libFuzzer
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz/fuzz-targets.h"

typedef int (*Target) (const guint8 *data, gsize size);

static guint
replay_folder (const char *folder,
               Target      target)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", folder, NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  if (listing == NULL)
    return 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (g_str_has_prefix (name, ".") || g_str_equal (name, "README"))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_test_message ("%s/%s", folder, name);
      g_assert_cmpint (target ((const guint8 *) data, length), ==, 0);
      count++;
    }
  return count;
}

static void
test_load (void)
{
  g_assert_cmpuint (replay_folder ("corpus-load", jm_fuzz_load), >, 20);
  replay_folder ("regressions-load", jm_fuzz_load);
}

static void
test_edits (void)
{
  g_assert_cmpuint (replay_folder ("corpus-edits", jm_fuzz_edits), >, 5);
  replay_folder ("regressions-edits", jm_fuzz_edits);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  jm_fuzz_silence ();
  g_test_add_func ("/fuzz/load", test_load);
  g_test_add_func ("/fuzz/edits", test_edits);
  return g_test_run ();
}
