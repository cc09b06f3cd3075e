/* test-save.c: saving without losing work
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "jm-atomic-file.h"
#include "jm-file.h"
#include "jm-file-private.h"

/* Two different maps, big enough that a save takes a while. */
static JmMap *
make_map (guint variant)
{
  JmMap *map = jm_map_new_from_template ("lifecycle");
  GListModel *stages = jm_map_get_stages (map);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);

  jm_map_set_title (map, variant == 0 ? "Map A" : "Map B, longer than A");
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (stages, i % g_list_model_get_n_items (stages));
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *title = g_strdup_printf ("Variant %u, touchpoint %u", variant, i);
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stage),
                                                              jm_persona_get_id (persona), title);

      jm_touchpoint_set_row (touchpoint, JM_ROW_ACTIONS, "The customer reads the page and compares prices.");
      jm_map_append_touchpoint (map, touchpoint);
    }
  return map;
}

static GBytes *
map_bytes (guint variant)
{
  g_autoptr(JmMap) map = make_map (variant);

  return jm_file_write_bytes (map);
}

static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

/* Temporary files a save leaves next to its target. */
static guint
count_temporaries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, JM_ATOMIC_FILE_TEMP_SUFFIX))
      {
        g_assert_true (name[0] == '.');
        n++;
      }
  return n;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static char *
make_dir (void)
{
  char *dir = g_dir_make_tmp ("jm-save-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0755);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_save_basic (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(GBytes) expected = jm_file_write_bytes (map);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  mode_t mask = umask (0);

  umask (mask);

  /* A new file gets the usual permissions. */
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  saved = file_bytes (path);
  g_assert_true (g_bytes_equal (saved, expected));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~mask);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* An existing file keeps its own. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  jm_map_edit_string (map, map, "title", "Changed");
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Saving keeps the history, and the file loads back as it was. */
  g_assert_true (jm_map_get_modified (map));
  {
    g_autoptr(JmMap) again = jm_file_load (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (jm_map_get_title (again), ==, "Changed");
  }

  remove_dir (dir);
}

static void
test_save_symlink (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *real = g_build_filename (sub, "real.journey", NULL);
  g_autofree char *link1 = g_build_filename (dir, "link.journey", NULL);
  g_autofree char *link2 = g_build_filename (dir, "link-to-link.journey", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.journey", NULL);
  g_autofree char *created = g_build_filename (sub, "created.journey", NULL);
  g_autoptr(JmMap) a = make_map (0);
  g_autoptr(JmMap) b = make_map (1);
  g_autoptr(GBytes) bytes_b = jm_file_write_bytes (b);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("sub/real.journey", link1), ==, 0);
  g_assert_cmpint (symlink ("link.journey", link2), ==, 0);
  g_assert_cmpint (symlink ("sub/created.journey", dangling), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (i == 0 ? link1 : link2);
      g_autoptr(GBytes) saved = NULL;

      g_assert_true (jm_file_save (i == 0 ? a : b, file, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_lstat (link1, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      g_assert_cmpint (g_lstat (link2, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      saved = file_bytes (real);
      if (i == 1)
        g_assert_true (g_bytes_equal (saved, bytes_b));
    }

  /* A link to a file that does not exist yet: the file is created there. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (dangling);
    g_autoptr(GBytes) saved = NULL;

    g_assert_true (jm_file_save (b, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
    g_assert_true (S_ISLNK (st.st_mode));
    saved = file_bytes (created);
    g_assert_true (g_bytes_equal (saved, bytes_b));
  }

  g_assert_cmpuint (count_temporaries (dir), ==, 0);
  g_assert_cmpuint (count_temporaries (sub), ==, 0);
  remove_dir (sub);
  remove_dir (dir);
}

static void
test_save_errors (void)
{
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "files", "newer-namespace.journey", NULL);
  g_autofree char *newer_data = NULL;
  gsize newer_length;
  g_autofree char *dir = make_dir ();
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent-folder/map.journey");
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *loop = g_build_filename (dir, "loop.journey", NULL);
  g_autoptr(GFile) loop_file = g_file_new_for_path (loop);

  g_assert_false (jm_file_save (map, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Could not save “map.journey”: the folder does not exist");
  g_clear_error (&error);

  g_assert_false (jm_file_save (map, folder, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "a folder has that name"));
  g_clear_error (&error);

  /* A map from a newer version is never saved over. */
  g_assert_true (g_file_get_contents (newer, &newer_data, &newer_length, NULL));
  {
    g_autofree char *path = g_build_filename (dir, "newer.journey", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GBytes) before = NULL;
    g_autoptr(GBytes) after = NULL;

    g_assert_true (g_file_set_contents (path, newer_data, newer_length, NULL));
    before = file_bytes (path);
    g_assert_false (jm_file_save (map, file, NULL, &error));
    g_assert_error (error, JM_FILE_ERROR, JM_FILE_ERROR_NEWER_VERSION);
    g_assert_true (g_str_has_prefix (error->message, "Could not save “newer.journey”: the file there was made by a newer version"));
    g_clear_error (&error);
    after = file_bytes (path);
    g_assert_true (g_bytes_equal (before, after));
    g_unlink (path);
  }

  g_assert_cmpint (symlink ("loop.journey", loop), ==, 0);
  g_assert_false (jm_file_save (map, loop_file, NULL, &error));
  g_assert_nonnull (strstr (error->message, "loop of symbolic links"));
  g_clear_error (&error);

  remove_dir (dir);
}

/* The folder cannot be written: the save fails, the file is untouched and
 * nothing is left behind. Root may write anywhere, so the check runs as an
 * unprivileged user then. */
static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) after = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("JM_TEST_TARGET"));
      g_autoptr(JmMap) map = make_map (0);
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0)
        {
          struct passwd *nobody = getpwnam ("nobody");

          g_assert_nonnull (nobody);
          g_assert_cmpint (setgid (nobody->pw_gid), ==, 0);
          g_assert_cmpint (setuid (nobody->pw_uid), ==, 0);
        }
      g_assert_false (jm_file_save (map, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_cmpstr (error->message, ==,
                       "Could not save “map.journey”: you do not have permission to write in that folder");
      return;
    }

  dir = make_dir ();
  path = g_build_filename (dir, "map.journey", NULL);
  g_assert_true (g_file_set_contents (path, "original contents", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  /* Readable and searchable by anyone, writable by nobody. */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  original = file_bytes (path);

  g_setenv ("JM_TEST_TARGET", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  after = file_bytes (path);
  g_assert_true (g_bytes_equal (original, after));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_dir (dir);
}

/* The disk fills up during the write (a file size limit stands in for it):
 * the original stays as it was and the temporary file is removed. */
static void
test_save_write_fails (void)
{
  if (g_test_subprocess ())
    {
      const char *target = g_getenv ("JM_TEST_TARGET");
      g_autoptr(GFile) file = g_file_new_for_path (target);
      g_autoptr(JmMap) map = make_map (1);
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (jm_file_save (map, file, NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "Could not save “map.journey”: "));
      return;
    }

  {
    g_autofree char *dir = make_dir ();
    g_autofree char *path = g_build_filename (dir, "map.journey", NULL);
    g_autoptr(GBytes) original = map_bytes (0);
    g_autoptr(GBytes) after = NULL;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL),
                                        g_bytes_get_size (original), NULL));
    g_setenv ("JM_TEST_TARGET", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    after = file_bytes (path);
    g_assert_true (g_bytes_equal (original, after));
    g_assert_cmpuint (count_entries (dir), ==, 1);
    remove_dir (dir);
  }
}

/* A temporary file left by a save that was killed is removed by the next
 * save; one of a process still running is not. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/bin/true", NULL };
  GPid dead_pid;
  int status;
  g_autofree char *stale = NULL;
  g_autofree char *live = NULL;
  g_autofree char *other = NULL;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &dead_pid, NULL));
  g_assert_cmpint (waitpid (dead_pid, &status, 0), ==, dead_pid);

  stale = g_strdup_printf ("%s/.map.journey.%d.a1b2c3" JM_ATOMIC_FILE_TEMP_SUFFIX, dir, (int) dead_pid);
  live = g_strdup_printf ("%s/.map.journey.%d.d4e5f6" JM_ATOMIC_FILE_TEMP_SUFFIX, dir, (int) getpid ());
  other = g_strdup_printf ("%s/.other.journey.%d.a1b2c3" JM_ATOMIC_FILE_TEMP_SUFFIX, dir, (int) dead_pid);
  g_assert_true (g_file_set_contents (stale, "torn", -1, NULL));
  g_assert_true (g_file_set_contents (live, "in progress", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));

  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  remove_dir (dir);
}

/* Killed at any moment, a save leaves the old map or the new one. */
static int
run_saver (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmMap *maps[2] = { make_map (0), make_map (1) };

  /* Tell the parent that saving starts now. */
  if (write (STDOUT_FILENO, "r", 1) != 1)
    return 1;
  for (guint i = 0;; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!jm_file_save (maps[i % 2], file, NULL, &error))
        g_error ("%s", error->message);
    }
  return 0;
}

static void
test_save_killed (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.journey", NULL);
  g_autoptr(GBytes) a = map_bytes (0);
  g_autoptr(GBytes) b = map_bytes (1);
  guint runs = g_test_slow () ? 600 : 100;
  guint saw[3] = { 0, 0, 0 };
  guint left = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (a, NULL), g_bytes_get_size (a), NULL));

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      const char *argv[] = { NULL, "--saver", path, NULL };
      g_autoptr(GBytes) now = NULL;
      GPid pid;
      int status;

      int out_fd;
      char ready;

      argv[0] = self;
      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, NULL));
      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      close (out_fd);
      /* One save takes a few milliseconds: land anywhere in the first few. */
      g_usleep (g_test_rand_int_range (0, 40000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      now = file_bytes (path);
      if (g_bytes_equal (now, a))
        saw[0]++;
      else if (g_bytes_equal (now, b))
        saw[1]++;
      else
        g_error ("Run %u left a file that is neither map: %" G_GSIZE_FORMAT " bytes", i, g_bytes_get_size (now));
      left = MAX (left, count_temporaries (dir));
    }
  g_test_message ("%u kills: old map %u times, new map %u times, at most %u temporary files left",
                  runs, saw[0], saw[1], left);

  /* The next save clears what the killed ones left. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(JmMap) map = make_map (0);
    g_autoptr(GError) error = NULL;

    g_assert_true (jm_file_save (map, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_temporaries (dir), ==, 0);
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }
  remove_dir (dir);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  *state = jm_file_save_finish (result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

static void
on_save_failed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (jm_file_save_finish (result, error));
}

static void
test_save_async (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent-folder/map.journey");
  g_autoptr(JmMap) map = make_map (1);
  g_autoptr(GBytes) expected = jm_file_write_bytes (map);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  int state = 0;

  jm_file_save_async (map, file, NULL, on_saved, &state);
  /* The bytes were taken at the call: later edits are not in this save. */
  jm_map_edit_string (map, map, "title", "Edited while saving");
  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state, ==, 1);
  saved = file_bytes (path);
  g_assert_true (g_bytes_equal (saved, expected));

  jm_file_save_async (map, missing, NULL, on_save_failed, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  remove_dir (dir);
}

/* A save writes the file while it makes the bytes, a megabyte at a time:
 * the file holds exactly the bytes jm_file_write_bytes() gives, over
 * several pieces, and for a map with content of other namespaces (which
 * is made whole first). */
static void
test_save_streamed (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "big.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmTouchpoint) first = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
  JmForeignSlot *slot;

  /* Long rows: several megabytes. */
  for (guint i = 0; i < g_list_model_get_n_items (jm_map_get_touchpoints (map)); i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (jm_map_get_touchpoints (map), i);
      g_autofree char *needs = g_strnfill (1000, 'n');

      jm_touchpoint_set_row (tp, JM_ROW_NEEDS, needs);
    }
  expected = jm_file_write_bytes (map);
  g_assert_cmpuint (g_bytes_get_size (expected), >, 3 * 1024 * 1024);
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  saved = file_bytes (path);
  g_assert_true (g_bytes_equal (saved, expected));
  g_clear_pointer (&saved, g_bytes_unref);
  g_clear_pointer (&expected, g_bytes_unref);

  slot = _jm_foreign_ensure_slot (first, "touchpoint");
  _jm_foreign_slot_add_attr (slot, "https://example.org/ns/extra", "ex", "mark", "1");
  expected = jm_file_write_bytes (map);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (expected, NULL), 4096, "xmlns:ex="));
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  saved = file_bytes (path);
  g_assert_true (g_bytes_equal (saved, expected));
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--saver"))
    return run_saver (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/save/basic", test_save_basic);
  g_test_add_func ("/save/streamed", test_save_streamed);
  g_test_add_func ("/save/symlink", test_save_symlink);
  g_test_add_func ("/save/errors", test_save_errors);
  g_test_add_func ("/save/read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/save/write-fails", test_save_write_fails);
  g_test_add_func ("/save/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/save/killed", test_save_killed);
  g_test_add_func ("/save/async", test_save_async);

  return g_test_run ();
}
