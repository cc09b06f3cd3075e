/* test-present-cli.c: journey-mapper --present, refused as a user would
 * meet it, without a display
 *
 * What --present cannot show is said on the terminal that asked, before
 * any window opens: a missing file, a folder, no file or two.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

/* Runs journey-mapper with @args (NULL-terminated) and no display; returns
 * its exit status, with what it printed on stderr in @err. */
static int
run (char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = -1;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JM_EXECUTABLE"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-present-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "workshop.journey", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&err, "--present", path, NULL), ==, 1);
  /* One line that names the file and says what is wrong with it. */
  g_assert_nonnull (strstr (err, "Cannot present"));
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "no such file"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_rmdir (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-present-XXXXXX", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&err, "--present", dir, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "folder"));
  g_rmdir (dir);
}

static void
test_usage (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "broadband.journey", NULL);
  g_autofree char *none = NULL;
  g_autofree char *two = NULL;
  g_autofree char *both = NULL;

  g_assert_cmpint (run (&none, "--present", NULL), ==, 2);
  g_assert_nonnull (strstr (none, "one .journey file"));
  g_assert_cmpint (run (&two, "--present", sample, sample, NULL), ==, 2);
  g_assert_nonnull (strstr (two, "one .journey file"));
  g_assert_cmpint (run (&both, "--present", "--check", sample, NULL), ==, 2);
  g_assert_nonnull (strstr (both, "--present"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/present-cli/missing-file", test_missing_file);
  g_test_add_func ("/present-cli/folder", test_folder);
  g_test_add_func ("/present-cli/usage", test_usage);

  return g_test_run ();
}
