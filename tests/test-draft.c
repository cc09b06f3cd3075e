/* test-draft.c: drafts of open maps, and recovering them
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file.h"

static char *data_home;

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;

  fixture->dir = g_strdup_printf ("%s/drafts-%u", data_home, counter++);
}

static int
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  return g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static JmMap *
sample_map (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static void
assert_same_map (JmMap *a,
                 JmMap *b)
{
  g_autoptr(GBytes) bytes_a = jm_file_write_bytes (a);
  g_autoptr(GBytes) bytes_b = jm_file_write_bytes (b);

  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
}

static guint
count_files (const char *dir,
             const char *suffix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  if (listing == NULL)
    return 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, suffix))
      count++;
  return count;
}

static gboolean
is_listed (const char *dir,
           const char *id)
{
  g_autoptr(GPtrArray) infos = jm_draft_list_recoverable (dir);

  for (guint i = 0; i < infos->len; i++)
    if (g_str_equal (((JmDraftInfo *) infos->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

static void
test_default_dir (void)
{
  g_autofree char *dir = jm_draft_default_dir ();
  g_autofree char *expected = g_build_filename (data_home, "journey-mapper", "drafts", NULL);

  /* XDG_DATA_HOME was set before GLib first looked at it. */
  g_assert_cmpstr (dir, ==, expected);
  /* No installed settings here: the built-in interval. */
  g_assert_cmpuint (jm_draft_default_interval (), ==, JM_DRAFT_DEFAULT_INTERVAL);
}

static void
test_write_and_load (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GFile) original = g_file_new_for_path ("/home/someone/Broadband (as is).journey");
  g_autoptr(JmDraft) draft = jm_draft_new (fixture->dir, &error);
  g_autoptr(JmDraft) claimed = NULL;
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) written = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  JmDraftInfo *info;

  g_assert_no_error (error);
  id = g_strdup (jm_draft_get_id (draft));
  jm_map_set_title (map, "Broadband (as is)\nsecond line");
  jm_draft_watch (draft, map, original);
  g_assert_false (jm_draft_has_contents (draft));
  g_assert_true (jm_draft_write (draft, &error));
  g_assert_no_error (error);
  g_assert_true (jm_draft_has_contents (draft));

  /* Live: nobody else may recover it. */
  g_assert_false (is_listed (fixture->dir, id));
  g_assert_null (jm_draft_claim (fixture->dir, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  /* Its owner is gone: it is offered, with what the user needs to know. */
  g_clear_object (&draft);
  infos = jm_draft_list_recoverable (fixture->dir);
  g_assert_cmpuint (infos->len, ==, 1);
  info = infos->pdata[0];
  g_assert_cmpstr (info->id, ==, id);
  g_assert_cmpstr (info->title, ==, "Broadband (as is)\nsecond line");
  g_assert_nonnull (info->uri);
  {
    g_autoptr(GFile) info_file = g_file_new_for_uri (info->uri);

    g_assert_true (g_file_equal (info_file, original));
  }
  g_assert_cmpint (g_date_time_to_unix (info->written), >=, g_date_time_to_unix (before));

  claimed = jm_draft_claim (fixture->dir, id, &error);
  g_assert_no_error (error);
  g_assert_false (is_listed (fixture->dir, id));
  loaded = jm_draft_load (claimed, &file, &written, &error);
  g_assert_no_error (error);
  assert_same_map (map, loaded);
  g_assert_true (g_file_equal (file, original));
  g_assert_cmpint (g_date_time_to_unix (written), ==, g_date_time_to_unix (info->written));

  /* Discarded: gone for good, lock included once the owner goes. */
  jm_draft_discard (claimed);
  g_assert_false (jm_draft_has_contents (claimed));
  g_clear_object (&claimed);
  g_assert_cmpuint (count_files (fixture->dir, ".draft"), ==, 0);
  g_assert_cmpuint (count_files (fixture->dir, ".lock"), ==, 0);
}

static void
test_untitled (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmDraft) draft = jm_draft_new (fixture->dir, &error);
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_no_error (error);
  jm_map_add_stage (map, -1, "Aware");
  jm_draft_watch (draft, map, NULL);
  g_assert_true (jm_draft_write (draft, &error));
  g_assert_no_error (error);
  loaded = jm_draft_load (draft, &file, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (file);
  assert_same_map (map, loaded);
  jm_draft_discard (draft);
}

static void
damage (const char *path,
        gboolean    truncate_it)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  if (truncate_it)
    length /= 2;
  else
    data[length - 10] ^= 0x20;
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

static void
test_generations (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmDraft) draft = jm_draft_new (fixture->dir, &error);
  g_autoptr(JmMap) loaded = NULL;
  g_autofree char *id = g_strdup (jm_draft_get_id (draft));

  g_assert_no_error (error);
  jm_draft_watch (draft, map, NULL);
  jm_map_add_stage (map, -1, "First");
  g_assert_true (jm_draft_write (draft, &error));
  jm_map_add_stage (map, -1, "Second");
  g_assert_true (jm_draft_write (draft, &error));
  jm_map_add_stage (map, -1, "Third");
  g_assert_true (jm_draft_write (draft, &error));
  g_assert_no_error (error);
  /* Two generations only: the third write replaced the first. */
  g_assert_cmpuint (count_files (fixture->dir, ".draft"), ==, 2);

  loaded = jm_draft_load (draft, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_map (map, loaded);
  g_clear_object (&loaded);

  /* The newest (third, sequence 3: slot 1) is damaged: the second one is
   * recovered, both through a flipped bit and a torn end. */
  for (guint truncate_it = 0; truncate_it < 2; truncate_it++)
    {
      g_autofree char *newest = g_strdup_printf ("%s/%s.1.draft", fixture->dir, id);
      g_autoptr(GBytes) previous = NULL;
      g_autoptr(GBytes) bytes = NULL;

      jm_map_add_stage (map, -1, "Previous");
      g_assert_true (jm_draft_write (draft, &error));   /* even sequence, slot 0 */
      previous = jm_file_write_bytes (map);
      jm_map_add_stage (map, -1, "Newest");
      g_assert_true (jm_draft_write (draft, &error));   /* odd sequence, slot 1 */
      g_assert_no_error (error);
      damage (newest, truncate_it);
      loaded = jm_draft_load (draft, NULL, NULL, &error);
      g_assert_no_error (error);
      bytes = jm_file_write_bytes (loaded);
      g_assert_true (g_bytes_equal (bytes, previous));
      g_clear_object (&loaded);
    }

  /* The owner gone, the listing shows the good generation; a claim goes
   * on writing after the highest sequence, over the damaged one's
   * partner, and the newest write wins. */
  jm_draft_watch (draft, NULL, NULL);
  g_clear_object (&draft);
  g_assert_true (is_listed (fixture->dir, id));
  draft = jm_draft_claim (fixture->dir, id, &error);
  g_assert_no_error (error);
  jm_draft_watch (draft, map, NULL);
  jm_map_add_stage (map, -1, "Fourth");
  g_assert_true (jm_draft_write (draft, &error));
  loaded = jm_draft_load (draft, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_map (map, loaded);
  g_clear_object (&loaded);

  /* Both damaged: nothing to load, and nothing offered. */
  for (guint slot = 0; slot < 2; slot++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.%u.draft", fixture->dir, id, slot);

      damage (path, TRUE);
    }
  g_assert_null (jm_draft_load (draft, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  jm_draft_watch (draft, NULL, NULL);
  g_clear_object (&draft);
  g_assert_false (is_listed (fixture->dir, id));
}

static void
on_written (JmDraft *draft,
            guint   *count)
{
  (*count)++;
}

static void
wait_for_write (guint *count,
                guint  expected)
{
  while (*count < expected)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_timer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmDraft) draft = jm_draft_new (fixture->dir, &error);
  g_autoptr(JmMap) loaded = NULL;
  guint written = 0;

  g_assert_no_error (error);
  jm_draft_set_interval (draft, 20);
  g_signal_connect (draft, "written", G_CALLBACK (on_written), &written);
  jm_draft_watch (draft, map, NULL);
  g_assert_false (jm_draft_is_pending (draft));

  /* A change: the draft follows after the interval. */
  jm_map_set_title (map, "Before");
  jm_map_edit_string (map, map, "title", "After");
  g_assert_true (jm_draft_is_pending (draft));
  wait_for_write (&written, 1);
  g_assert_false (jm_draft_is_pending (draft));
  loaded = jm_draft_load (draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_title (loaded), ==, "After");
  g_clear_object (&loaded);

  /* Flushing (focus loss, quit) writes at once. */
  jm_map_edit_string (map, map, "title", "Flushed");
  g_assert_true (jm_draft_flush (draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 2);
  g_assert_true (jm_draft_flush (draft, &error));
  g_assert_cmpuint (written, ==, 2);

  /* Saved with no change since: the file holds the work, the draft goes. */
  jm_history_mark_saved (jm_map_get_history (map));
  jm_draft_saved (draft);
  g_assert_false (jm_draft_has_contents (draft));

  /* A change after a save gets its draft; undoing back to the saved state
   * needs none. */
  jm_map_edit_string (map, map, "title", "After the save");
  g_assert_true (jm_draft_flush (draft, &error));
  g_assert_true (jm_draft_has_contents (draft));
  jm_map_undo (map);
  g_assert_false (jm_map_get_modified (map));
  g_assert_true (jm_draft_flush (draft, &error));
  g_assert_false (jm_draft_has_contents (draft));

  /* Saved, but a change came while saving: the draft stays. */
  jm_map_edit_string (map, map, "title", "During the save");
  g_assert_true (jm_draft_flush (draft, &error));
  jm_draft_saved (draft);
  g_assert_true (jm_draft_has_contents (draft));

  /* Saved in a worker thread, with a change while it ran: the file does
   * not hold that change, so the draft stays. */
  jm_draft_save_started (draft);
  jm_map_edit_string (map, map, "title", "During the threaded save");
  jm_history_mark_saved (jm_map_get_history (map));
  g_assert_false (jm_draft_saved (draft));
  g_assert_true (jm_draft_has_contents (draft));
  /* Without a change while saving, it goes. */
  jm_draft_save_started (draft);
  g_assert_true (jm_draft_saved (draft));
  g_assert_false (jm_draft_has_contents (draft));

  /* A map already modified when watched gets a draft without a change. */
  jm_draft_watch (draft, NULL, NULL);
  jm_draft_discard (draft);
  jm_history_mark_unsaved (jm_map_get_history (map));
  jm_draft_watch (draft, map, NULL);
  g_assert_true (jm_draft_is_pending (draft));
  wait_for_write (&written, written + 1);
  g_assert_true (jm_draft_has_contents (draft));
  jm_draft_discard (draft);
}

/* A draft whose file changed after the draft's work started from it (a
 * save just before a crash, another program) says so. */
static void
test_file_is_newer (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (data_home, "Newer.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmDraft) draft = NULL;
  g_autofree char *id = NULL;

  g_assert_true (jm_file_save (map, file, NULL, &error));
  draft = jm_draft_new (fixture->dir, &error);
  g_assert_no_error (error);
  id = g_strdup (jm_draft_get_id (draft));
  jm_draft_watch (draft, map, file);
  jm_map_edit_string (map, map, "title", "Newer than the file");
  g_assert_true (jm_draft_write (draft, &error));
  jm_draft_watch (draft, NULL, NULL);
  g_clear_object (&draft);

  for (guint changed = 0; changed < 2; changed++)
    {
      g_autoptr(GPtrArray) infos = NULL;

      if (changed)
        {
          jm_map_edit_string (map, map, "title", "Saved after the draft");
          g_assert_true (jm_file_save (map, file, NULL, &error));
        }
      infos = jm_draft_list_recoverable (fixture->dir);
      g_assert_cmpuint (infos->len, ==, 1);
      g_assert_cmpint (((JmDraftInfo *) infos->pdata[0])->file_is_newer, ==, changed);
    }
  draft = jm_draft_claim (fixture->dir, id, &error);
  g_assert_no_error (error);
  jm_draft_discard (draft);
  g_unlink (path);
}

/* A draft owned by another process is not offered while that process
 * lives, and is once it was killed. */
static void
test_other_process (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmDraft) claimed = NULL;
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GError) error = NULL;
  char id[65] = { 0 };
  int fds[2];
  pid_t pid;
  int status;
  gssize n;

  jm_map_edit_string (map, map, "title", "In the other process");
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      JmDraft *draft = jm_draft_new (fixture->dir, NULL);

      close (fds[0]);
      if (draft == NULL)
        _exit (1);
      jm_draft_watch (draft, map, NULL);
      if (!jm_draft_write (draft, NULL))
        _exit (2);
      if (write (fds[1], jm_draft_get_id (draft), strlen (jm_draft_get_id (draft))) < 0)
        _exit (3);
      close (fds[1]);
      for (;;)
        pause ();
    }
  close (fds[1]);
  n = read (fds[0], id, sizeof id - 1);
  close (fds[0]);
  g_assert_cmpint (n, >, 0);

  g_assert_false (is_listed (fixture->dir, id));
  g_assert_null (jm_draft_claim (fixture->dir, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (is_listed (fixture->dir, id));
  claimed = jm_draft_claim (fixture->dir, id, &error);
  g_assert_no_error (error);
  loaded = jm_draft_load (claimed, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_map (map, loaded);
  jm_draft_discard (claimed);
}

/* Names that are not drafts, and locks that guard nothing, are not
 * offered; stale locks are tidied. */
static void
test_stray_files (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *stray_lock = g_build_filename (fixture->dir, "stray.lock", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "..evil.0.draft", NULL);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stray_lock, "", 0, NULL));
  g_assert_true (g_file_set_contents (other, "hello", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "JourneyMapperDraft 1\n\n", -1, NULL));
  infos = jm_draft_list_recoverable (fixture->dir);
  g_assert_cmpuint (infos->len, ==, 0);
  g_assert_false (g_file_test (stray_lock, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  g_assert_null (jm_draft_claim (fixture->dir, "../etc", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_unlink (bad);

  /* A folder that does not exist has no drafts. */
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = jm_draft_list_recoverable ("/nonexistent/journey-mapper/drafts");
  g_assert_cmpuint (infos->len, ==, 0);
}

/* A drafts folder that cannot be written gives an error, not a crash,
 * and never touches the map. */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDraft) draft = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes anywhere");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0500), ==, 0);
  g_chmod (fixture->dir, 0500);
  draft = jm_draft_new (fixture->dir, &error);
  g_assert_null (draft);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_chmod (fixture->dir, 0700);
}

static void
on_write_failed (JmDraft *draft,
                 GError  *error,
                 GError **out)
{
  g_clear_error (out);
  *out = g_error_copy (error);
}

/* A draft due after changes that cannot be written says so, and the next
 * write that succeeds says that too. */
static void
test_write_failed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmDraft) draft = jm_draft_new (fixture->dir, &error);
  g_autofree char *moved = g_strconcat (fixture->dir, ".moved", NULL);
  guint written = 0;

  g_assert_no_error (error);
  jm_draft_set_interval (draft, 20);
  g_signal_connect (draft, "written", G_CALLBACK (on_written), &written);
  g_signal_connect (draft, "write-failed", G_CALLBACK (on_write_failed), &failed);
  jm_draft_watch (draft, map, NULL);

  /* The drafts folder replaced by a file: no one, root included, can
   * write there. */
  g_assert_cmpint (g_rename (fixture->dir, moved), ==, 0);
  g_assert_true (g_file_set_contents (fixture->dir, "", 0, NULL));
  jm_map_edit_string (map, map, "title", "Kept in memory only");
  while (failed == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (failed->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (failed->message, fixture->dir));
  g_assert_cmpuint (written, ==, 0);
  g_assert_true (jm_draft_is_pending (draft));

  /* The folder back: the next change is written. */
  g_assert_cmpint (g_remove (fixture->dir), ==, 0);
  g_assert_cmpint (g_rename (moved, fixture->dir), ==, 0);
  jm_map_edit_string (map, map, "title", "Kept on disk");
  wait_for_write (&written, 1);
  g_assert_false (jm_draft_is_pending (draft));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template = g_build_filename (g_get_tmp_dir (), "jm-test-draft-XXXXXX", NULL);
  int status;

  data_home = g_mkdtemp (template);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft/default-dir", test_default_dir);
  g_test_add ("/draft/write-and-load", Fixture, NULL, fixture_set_up, test_write_and_load, fixture_tear_down);
  g_test_add ("/draft/untitled", Fixture, NULL, fixture_set_up, test_untitled, fixture_tear_down);
  g_test_add ("/draft/generations", Fixture, NULL, fixture_set_up, test_generations, fixture_tear_down);
  g_test_add ("/draft/timer", Fixture, NULL, fixture_set_up, test_timer, fixture_tear_down);
  g_test_add ("/draft/file-is-newer", Fixture, NULL, fixture_set_up, test_file_is_newer, fixture_tear_down);
  g_test_add ("/draft/other-process", Fixture, NULL, fixture_set_up, test_other_process, fixture_tear_down);
  g_test_add ("/draft/stray-files", Fixture, NULL, fixture_set_up, test_stray_files, fixture_tear_down);
  g_test_add ("/draft/write-failed", Fixture, NULL, fixture_set_up, test_write_failed, fixture_tear_down);
  g_test_add ("/draft/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);

  status = g_test_run ();
  g_rmdir (data_home);
  return status;
}
