/* test-faults-kill.c: killed at any moment while editing and saving, the
 * user's file is whole and the drafts hold the work
 *
 * A driver process (this program with --driver) opens a map, edits it on a
 * timer as a user would, saves it every few edits and keeps drafts as the
 * window does, reporting each edit, save and draft on a pipe. The test kills
 * it with SIGKILL at a random moment, many times, then checks:
 *
 *  - the file loads, and is exactly the map after some edit K, never a
 *    mixture, and not older than the last save the driver finished;
 *  - the work recovered (the newest good draft, or the file when no draft
 *    is left) is exactly the map after some edit W, at least as new as the
 *    last draft and the last save the driver finished.
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

#define EDIT_MS 5
#define SAVE_EVERY 40
#define DRAFT_MS 60

enum {
  REPORT_EDIT = 'E',
  REPORT_SAVE = 'S',
  REPORT_DRAFT = 'D',
};

/* Edit @n of the sequence, the same in the driver and in the checks. */
static void
apply_edit (JmMap *map,
            guint  n)
{
  g_autofree char *title = g_strdup_printf ("Edit %u", n);

  jm_map_edit_string (map, map, "title", title);
  if (n % 3 == 0)
    {
      g_autofree char *name = g_strdup_printf ("Stage %u", n);

      jm_map_add_stage (map, -1, name);
    }
}

static guint
edit_of (JmMap *map)
{
  const char *title = jm_map_get_title (map);
  guint64 n = 0;

  if (g_str_has_prefix (title, "Edit "))
    g_assert_true (g_ascii_string_to_unsigned (title + 5, 10, 1, G_MAXUINT, &n, NULL));
  return n;
}

typedef struct
{
  JmMap   *map;
  JmDraft *draft;
  GFile   *file;
  int      report_fd;
  guint    n;
} Driver;

static void
report (Driver *driver,
        char    kind,
        guint   n)
{
  char line[32];
  int length = g_snprintf (line, sizeof line, "%c%u\n", kind, n);

  if (write (driver->report_fd, line, length) != length)
    _exit (4);
}

static void
on_draft_written (JmDraft *draft,
                  Driver  *driver)
{
  report (driver, REPORT_DRAFT, edit_of (driver->map));
}

static gboolean
on_tick (gpointer data)
{
  Driver *driver = data;
  g_autoptr(GError) error = NULL;

  driver->n++;
  apply_edit (driver->map, driver->n);
  report (driver, REPORT_EDIT, driver->n);
  if (driver->n % SAVE_EVERY == 0)
    {
      if (!jm_file_save (driver->map, driver->file, NULL, &error))
        _exit (5);
      jm_history_mark_saved (jm_map_get_history (driver->map));
      jm_draft_saved (driver->draft);
      report (driver, REPORT_SAVE, driver->n);
    }
  return G_SOURCE_CONTINUE;
}

static int
driver_main (const char *drafts,
             const char *path)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Driver driver = { 0 };

  driver.report_fd = STDOUT_FILENO;
  driver.file = g_file_new_for_path (path);
  driver.map = jm_file_load (driver.file, NULL, &error);
  if (driver.map == NULL)
    return 2;
  driver.draft = jm_draft_new (drafts, &error);
  if (driver.draft == NULL)
    return 3;
  jm_draft_set_interval (driver.draft, DRAFT_MS);
  g_signal_connect (driver.draft, "written", G_CALLBACK (on_draft_written), &driver);
  jm_draft_watch (driver.draft, driver.map, driver.file);
  report (&driver, REPORT_EDIT, 0);
  g_timeout_add (EDIT_MS, on_tick, &driver);
  g_main_loop_run (loop);
  return 0;
}

/* The map after edits 1..@n. */
static GBytes *
expected_bytes (GBytes *initial,
                guint   n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load_bytes (initial, "initial", &error);

  g_assert_no_error (error);
  for (guint i = 1; i <= n; i++)
    apply_edit (map, i);
  return jm_file_write_bytes (map);
}

static void
assert_map_is_edit (JmMap  *map,
                    GBytes *initial,
                    guint   n)
{
  g_autoptr(GBytes) expected = expected_bytes (initial, n);
  g_autoptr(GBytes) actual = jm_file_write_bytes (map);

  g_assert_true (g_bytes_equal (expected, actual));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_kill (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "broadband.journey", NULL);
  g_autoptr(GBytes) initial = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint runs = g_test_slow () ? 150 : 30;
  guint max_lost = 0;
  guint total_lost = 0;
  guint from_drafts = 0;
  guint stale = 0;

  {
    g_autoptr(GFile) file = g_file_new_for_path (sample);
    g_autoptr(GError) error = NULL;
    g_autoptr(JmMap) map = jm_file_load (file, NULL, &error);

    g_assert_no_error (error);
    initial = jm_file_write_bytes (map);
  }

  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *dir = g_dir_make_tmp ("jm-kill-XXXXXX", NULL);
      g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
      g_autofree char *path = g_build_filename (dir, "Broadband.journey", NULL);
      const char *argv[] = { self, "--driver", drafts, path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) reports = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autoptr(GPtrArray) recoverable = NULL;
      g_autoptr(JmMap) on_disk = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      guint last_edit = 0, last_save = 0, last_draft = 0, recovered;
      gboolean started = FALSE;
      GPid pid;
      int out_fd;
      int status;
      char buffer[4096];
      gssize n;

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (initial, NULL),
                                          g_bytes_get_size (initial), NULL));
      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* Started (the first report), then killed at a random moment. */
      while (!started && (n = read (out_fd, buffer, sizeof buffer)) > 0)
        {
          g_string_append_len (reports, buffer, n);
          started = TRUE;
        }
      g_assert_true (started);
      g_usleep (g_rand_int_range (rand, 0, 700) * 1000);
      kill (pid, SIGKILL);
      while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (reports, buffer, n);
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      lines = g_strsplit (reports->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          guint value;

          if (lines[i][0] == '\0')
            continue;
          value = (guint) g_ascii_strtoull (lines[i] + 1, NULL, 10);
          switch (lines[i][0])
            {
            case REPORT_EDIT: last_edit = value; break;
            case REPORT_SAVE: last_save = value; break;
            case REPORT_DRAFT: last_draft = value; break;
            default: g_assert_not_reached ();
            }
        }

      /* The file: whole, a map the driver saved, not older than the last
       * save it finished (a save in flight may have landed too). */
      on_disk = jm_file_load (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (edit_of (on_disk), >=, last_save);
      g_assert_cmpuint (edit_of (on_disk), <=, last_edit + 1);
      g_assert_cmpuint (edit_of (on_disk) % SAVE_EVERY, ==, 0);
      assert_map_is_edit (on_disk, initial, edit_of (on_disk));

      /* The work: the newest good draft, or the file if no draft is left
       * (removed by a save with nothing newer). */
      recoverable = jm_draft_list_recoverable (drafts);
      g_assert_cmpuint (recoverable->len, <=, 1);
      if (recoverable->len == 1)
        {
          JmDraftInfo *info = recoverable->pdata[0];
          g_autoptr(JmDraft) draft = jm_draft_claim (drafts, info->id, &error);
          g_autoptr(JmMap) map = NULL;
          g_autoptr(GFile) original = NULL;

          g_assert_no_error (error);
          map = jm_draft_load (draft, &original, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (g_file_equal (original, file));
          recovered = edit_of (map);
          assert_map_is_edit (map, initial, recovered);
          from_drafts++;
          /* Killed between a save and the removal of the draft it made
           * useless: the draft is older than the file, and says so. */
          if (recovered < edit_of (on_disk))
            {
              g_assert_true (info->file_is_newer);
              stale++;
              recovered = edit_of (on_disk);
            }
        }
      else
        {
          recovered = edit_of (on_disk);
        }
      g_assert_cmpuint (recovered, >=, last_draft);
      g_assert_cmpuint (recovered, >=, last_save);
      g_assert_cmpuint (recovered, <=, last_edit + 1);

      max_lost = MAX (max_lost, last_edit - MIN (recovered, last_edit));
      total_lost += last_edit - MIN (recovered, last_edit);
      remove_tree (dir);
    }

  g_test_message ("%u kills: recovered from a draft %u times (%u of them older than the file, "
                  "and flagged as such); edits lost (one every %u ms, "
                  "drafts %u ms after a change): %.1f on average, %u at most",
                  runs, from_drafts, stale, EDIT_MS, DRAFT_MS, (double) total_lost / runs, max_lost);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--driver"))
    return driver_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/kill", test_kill);
  return g_test_run ();
}
