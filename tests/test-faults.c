/* test-faults.c: saving and drafts when the disk fails
 *
 * Each case runs a save (or a draft write) in a child process with the
 * fault shim preloaded, failing open, write, fsync or rename with a full
 * disk, an I/O error or a refused permission, at the first call or later
 * ones. Whatever happens, the user's file is either its old contents or
 * the new map (and the old one whenever the save reported an error), the
 * error says why in words, and no temporary file is left behind.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file.h"

static const char *ops[] = { "open", "write", "fsync", "rename" };
static const struct
{
  const char *name;
  const char *reason;
} errnos[] = {
  { "ENOSPC", "the disk is full" },
  { "EIO", "the disk reported an error" },
  { "EACCES", "you do not have permission" },
  { "EROFS", "the disk is read-only" },
};

static JmMap *
load_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "samples",
                                            "broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

/* The new map: the sample with edits. */
static JmMap *
edited_sample (void)
{
  JmMap *map = load_sample ();

  jm_map_edit_string (map, map, "title", "Broadband (to be)");
  for (guint i = 0; i < 200; i++)
    jm_map_add_stage (map, -1, "A stage added during the workshop");
  return map;
}

static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  return g_bytes_new_take (data, length);
}

/* The child's part: saves the edited map over @target, or writes it as a
 * new generation of the draft @id in @target. Prints the error, if any. */
static int
child_main (const char *what,
            const char *target,
            const char *id)
{
  g_autoptr(JmMap) map = edited_sample ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_str_equal (what, "save"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (target);

      ok = jm_file_save (map, file, NULL, &error);
    }
  else
    {
      g_autoptr(JmDraft) draft = jm_draft_claim (target, id, &error);

      if (draft == NULL)
        {
          g_printerr ("claim: %s\n", error->message);
          return 3;
        }
      jm_draft_watch (draft, map, NULL);
      ok = jm_draft_write (draft, &error);
      jm_draft_watch (draft, NULL, NULL);
    }
  if (!ok)
    {
      /* As bytes: the message is UTF-8 whatever the locale. */
      fputs (error->message, stdout);
      return 1;
    }
  return 0;
}

static int
run_child (const char  *what,
           const char  *target,
           const char  *id,
           const char  *op,
           const char  *errno_name,
           guint        after,
           gboolean     short_writes,
           const char  *pattern,
           char       **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *after_text = g_strdup_printf ("%u", after);
  const char *argv[] = { self, "--child", what, target, id != NULL ? id : "", NULL };
  g_auto(GStrv) env = g_get_environ ();
  int status = 0;

  env = g_environ_setenv (env, "LD_PRELOAD", g_getenv ("JM_FAULT_SHIM"), TRUE);
  env = g_environ_setenv (env, "JM_FAULT_OPS", op, TRUE);
  env = g_environ_setenv (env, "JM_FAULT_ERRNO", errno_name, TRUE);
  env = g_environ_setenv (env, "JM_FAULT_AFTER", after_text, TRUE);
  env = g_environ_setenv (env, "JM_FAULT_SHORT", short_writes ? "1" : "0", TRUE);
  env = g_environ_setenv (env, "JM_FAULT_PATH", pattern, TRUE);
  /* The shim comes before a sanitizer's runtime in the preload order. */
  env = g_environ_setenv (env, "ASAN_OPTIONS",
                          "verify_asan_link_order=0:detect_leaks=0:abort_on_error=1", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               output, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint count = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    count++;
  return count;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-faults-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "Broadband.journey", NULL);
  g_autofree char *pattern = g_build_filename (dir, "*", NULL);
  g_autoptr(JmMap) old_map = load_sample ();
  g_autoptr(JmMap) new_map = edited_sample ();
  g_autoptr(GBytes) old_bytes = jm_file_write_bytes (old_map);
  g_autoptr(GBytes) new_bytes = jm_file_write_bytes (new_map);
  guint runs = 0;
  guint failures = 0;

  g_assert_nonnull (dir);
  for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
    for (guint e = 0; e < G_N_ELEMENTS (errnos); e++)
      for (guint after = 0; after < 3; after++)
        for (guint short_writes = 0; short_writes < 2; short_writes++)
          {
            g_autofree char *output = NULL;
            g_autoptr(GBytes) now = NULL;
            int result;

            if (short_writes && !g_str_equal (ops[o], "write"))
              continue;
            g_assert_true (g_file_set_contents (target, g_bytes_get_data (old_bytes, NULL),
                                                g_bytes_get_size (old_bytes), NULL));
            result = run_child ("save", target, NULL, ops[o], errnos[e].name, after, short_writes,
                                pattern, &output);
            runs++;
            g_assert_cmpint (result, <=, 1);
            now = file_bytes (target);
            g_assert_nonnull (now);
            if (result == 0)
              {
                g_assert_true (g_bytes_equal (now, new_bytes));
              }
            else
              {
                failures++;
                g_assert_true (g_bytes_equal (now, old_bytes));
                g_assert_nonnull (strstr (output, "Could not save “Broadband.journey”: "));
                g_assert_nonnull (strstr (output, errnos[e].reason));
              }
            /* The first matching call of each kind is in the save's way. */
            if (after == 0)
              g_assert_cmpint (result, ==, 1);
            /* Nothing but the file itself. */
            g_assert_cmpuint (count_entries (dir), ==, 1);
          }
  g_test_message ("%u faulty saves, %u reported an error", runs, failures);
  g_assert_cmpuint (failures, >, 0);
  remove_tree (dir);
}

static void
test_draft (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-faults-drafts-XXXXXX", NULL);
  /* The writes of new generations, not the reading of the old ones. */
  g_autofree char *pattern = g_build_filename (dir, ".*.jm-save", NULL);
  g_autoptr(JmMap) old_map = load_sample ();
  g_autoptr(JmMap) new_map = edited_sample ();
  g_autoptr(GBytes) old_bytes = jm_file_write_bytes (old_map);
  g_autoptr(GBytes) new_bytes = jm_file_write_bytes (new_map);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint failures = 0;

  g_assert_nonnull (dir);
  {
    g_autoptr(JmDraft) draft = jm_draft_new (dir, &error);

    g_assert_no_error (error);
    id = g_strdup (jm_draft_get_id (draft));
    jm_draft_watch (draft, old_map, NULL);
    g_assert_true (jm_draft_write (draft, &error));
    g_assert_no_error (error);
    jm_draft_watch (draft, NULL, NULL);
  }

  for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
    for (guint e = 0; e < G_N_ELEMENTS (errnos); e++)
      for (guint after = 0; after < 3; after++)
        {
          g_autofree char *output = NULL;
          g_autoptr(JmDraft) draft = NULL;
          g_autoptr(JmMap) loaded = NULL;
          g_autoptr(GBytes) bytes = NULL;
          int result;

          /* Back to one good generation holding the old map. */
          draft = jm_draft_claim (dir, id, &error);
          g_assert_no_error (error);
          jm_draft_discard (draft);
          jm_draft_watch (draft, old_map, NULL);
          g_assert_true (jm_draft_write (draft, &error));
          g_assert_no_error (error);
          jm_draft_watch (draft, NULL, NULL);
          g_clear_object (&draft);

          result = run_child ("draft", dir, id, ops[o], errnos[e].name, after, FALSE, pattern,
                              &output);
          g_assert_cmpint (result, <=, 1);
          if (result != 0)
            {
              failures++;
              g_assert_nonnull (strstr (output, errnos[e].reason));
            }

          /* The draft is the old map or the new one, never lost. */
          draft = jm_draft_claim (dir, id, &error);
          g_assert_no_error (error);
          loaded = jm_draft_load (draft, NULL, NULL, &error);
          g_assert_no_error (error);
          bytes = jm_file_write_bytes (loaded);
          g_assert_true (g_bytes_equal (bytes, result == 0 ? new_bytes : old_bytes));
          /* The lock and at most two generations: no temporary files. */
          g_assert_cmpuint (count_entries (dir), <=, 3);
        }
  g_assert_cmpuint (failures, >, 0);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/save", test_save);
  g_test_add_func ("/faults/draft", test_draft);
  return g_test_run ();
}
