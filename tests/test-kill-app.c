/* test-kill-app.c: the running application killed (SIGKILL) while a
 * person types into a card, right after Ctrl+S, and while its save runs
 *
 * Each round starts journey-mapper on a copy of a sample under the X
 * server this test runs in, types into the first card with xdotool as a
 * person would, and kills the process at one of those moments. Then:
 *
 *  - the map file loads and is either the map as it was or the map with
 *    what was typed, never a mixture;
 *  - what was typed is recovered: from the draft the application left, or
 *    from the file when its save finished.
 *
 * Kills during the save wait for the save's temporary file to be created
 * in the map's folder (inotify), so that they land while the save thread
 * writes.
 *
 * Drafts are due a second after a change (the application's setting, in a
 * key file of this test's own). Ten kills in all.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file.h"

typedef enum {
  KILL_AFTER_TYPING,   /* typed, Enter, the draft written */
  KILL_AFTER_SAVE,     /* then Ctrl+S, killed within 50 ms */
  KILL_DURING_SAVE,    /* a large map: killed while the save thread writes */
} KillMoment;

static char *home;

static gboolean
have_tools (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && g_getenv ("DISPLAY") != NULL && g_getenv ("JM_EXECUTABLE") != NULL;
}

static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The application's first visible window, once it shows. */
static char *
find_window (GPid pid)
{
  g_autofree char *pid_arg = g_strdup_printf ("%d", (int) pid);
  const char *argv[] = { "timeout", "20", "xdotool", "search", "--sync", "--onlyvisible",
                         "--pid", pid_arg, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strdelimit (out, "\n", '\0');
  return out;
}

static GPid
start_app (const char *path)
{
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  const char *argv[] = { g_getenv ("JM_EXECUTABLE"), path, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static void
kill_app (GPid pid)
{
  int status = 0;

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);
}

static gboolean
has_card_titled (JmMap      *map,
                 const char *title)
{
  GListModel *touchpoints = jm_map_get_touchpoints (map);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_strcmp0 (jm_touchpoint_get_title (touchpoint), title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The drafts the killed process left, newest last; each is claimed and
 * removed once read, so that the next round starts clean. */
static JmMap *
take_recovered (void)
{
  g_autoptr(GPtrArray) drafts = jm_draft_list_recoverable (NULL);
  JmMap *newest = NULL;

  for (guint i = 0; i < drafts->len; i++)
    {
      JmDraftInfo *info = g_ptr_array_index (drafts, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDraft) draft = jm_draft_claim (NULL, info->id, &error);
      JmMap *map;

      g_assert_no_error (error);
      map = jm_draft_load (draft, NULL, NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&newest);
      newest = map;
      jm_draft_discard (draft);
    }
  return newest;
}

/* A map large enough that its save takes a while: the sample's cards
 * many times over. */
static void
write_large_map (const char *path,
                 JmMap      *sample)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (sample), 1);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (sample), 1);

  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Filler card %u with some words in it", i);

      jm_map_add_touchpoint (sample, stage, persona, -1, title);
    }
  g_assert_true (jm_file_save (sample, file, NULL, &error));
  g_assert_no_error (error);
}

/* Whether a draft written to the drafts folder holds @text, polled for up
 * to 30 seconds. */
static gboolean
wait_for_draft_with (const char *text)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "journey-mapper", "drafts",
                                           NULL);

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
      const char *name;

      while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *contents = NULL;
          gsize length = 0;

          /* Only a draft in place: a generation still being written is a
           * hidden temporary file until it is renamed. */
          if (name[0] == '.' || !g_str_has_suffix (name, ".draft"))
            continue;
          path = g_build_filename (dir, name, NULL);
          if (g_file_get_contents (path, &contents, &length, NULL) &&
              g_strstr_len (contents, length, text) != NULL)
            return TRUE;
        }
      g_usleep (50 * 1000);
    }
  return FALSE;
}

static guint n_during_save;

/* Whether a file is created in the folder @watch (an inotify descriptor)
 * watches within two seconds: told by the kernel as it happens, so that
 * the kill lands while the save writes. */
static gboolean
wait_for_created (int watch)
{
  struct pollfd pfd = { watch, POLLIN, 0 };

  return poll (&pfd, 1, 2000) == 1;
}

static void
run_round (KillMoment moment,
           guint      round)
{
  g_autofree char *sample_path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                        "broadband.journey", NULL);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample_path);
  g_autofree char *dir = g_dir_make_tmp ("jm-kill-app-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *typed = g_strdup_printf ("Typed before kill %u", round);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) sample = jm_file_load (sample_file, NULL, &error);
  g_autoptr(JmMap) on_disk = NULL;
  g_autoptr(JmMap) recovered = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *window = NULL;
  GPid pid;

  g_assert_no_error (error);
  if (moment == KILL_DURING_SAVE)
    write_large_map (path, sample);
  else
    g_assert_true (jm_file_save (sample, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  pid = start_app (path);
  window = find_window (pid);
  g_usleep (500 * 1000);
  /* Focus follows the pointer without a window manager; the board has
   * the keyboard: Right selects the first card, Enter edits its title. */
  xdotool ("mousemove", "--window", window, "400", "300", NULL);
  xdotool ("key", "--window", window, "Right", NULL);
  g_usleep (200 * 1000);
  xdotool ("key", "--window", window, "Return", NULL);
  g_usleep (200 * 1000);
  xdotool ("type", "--delay", "5", typed, NULL);
  xdotool ("key", "--window", window, "Return", NULL);
  /* The draft is due a second after the change: wait until one holds
   * the typed title, however slow the machine (a sanitizer build, a busy
   * CI run), so that each round tests the moment it names. */
  g_assert_true (wait_for_draft_with (typed));
  if (moment == KILL_AFTER_SAVE)
    {
      xdotool ("key", "--window", window, "ctrl+s", NULL);
      g_usleep (g_random_int_range (0, 50) * 1000);
    }
  else if (moment == KILL_DURING_SAVE)
    {
      int watch = inotify_init1 (IN_CLOEXEC);

      g_assert_cmpint (watch, >=, 0);
      g_assert_cmpint (inotify_add_watch (watch, dir, IN_CREATE), >=, 0);
      xdotool ("key", "--window", window, "ctrl+s", NULL);
      /* Killed as soon as the save's temporary file is created. */
      if (wait_for_created (watch))
        n_during_save++;
      kill_app (pid);
      close (watch);
      pid = 0;
    }
  if (pid != 0)
    kill_app (pid);

  /* The file: the old map or the new one, whole. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  on_disk = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (before, after) != 0)
    g_assert_true (has_card_titled (on_disk, typed));

  /* The work: in the draft, or in the file if the save finished. */
  recovered = take_recovered ();
  g_test_message ("round %u (moment %d): file %s, draft %s", round, moment,
                  g_strcmp0 (before, after) == 0 ? "old" : "new",
                  recovered != NULL ? "left" : "none");
  if (recovered != NULL)
    g_assert_true (has_card_titled (recovered, typed));
  else
    g_assert_true (has_card_titled (on_disk, typed));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_kill_typing (void)
{
  if (!have_tools ())
    {
      g_test_skip ("needs an X server, xdotool and JM_EXECUTABLE");
      return;
    }
  for (guint i = 0; i < 2; i++)
    run_round (KILL_AFTER_TYPING, i);
}

static void
test_kill_after_save (void)
{
  if (!have_tools ())
    {
      g_test_skip ("needs an X server, xdotool and JM_EXECUTABLE");
      return;
    }
  for (guint i = 0; i < 3; i++)
    run_round (KILL_AFTER_SAVE, 10 + i);
}

static void
test_kill_during_save (void)
{
  if (!have_tools ())
    {
      g_test_skip ("needs an X server, xdotool and JM_EXECUTABLE");
      return;
    }
  for (guint i = 0; i < 5; i++)
    run_round (KILL_DURING_SAVE, 20 + i);
  /* Some kills must land inside the save, or this tests nothing new. */
  g_test_message ("%u of 5 kills while the save wrote", n_during_save);
  g_assert_cmpuint (n_during_save, >=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *data = NULL;

  /* One home for the application and for this test's look at its drafts,
   * set before GLib reads the environment. */
  home = g_dir_make_tmp ("test-kill-app-XXXXXX", NULL);
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  settings_dir = g_build_filename (home, "config", "glib-2.0", "settings", NULL);
  g_mkdir_with_parents (settings_dir, 0700);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_file_set_contents (keyfile, "[io/github/journeymapper/JourneyMapper]\ndraft-interval=uint32 1\n",
                       -1, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kill-app/typing", test_kill_typing);
  g_test_add_func ("/kill-app/after-save", test_kill_after_save);
  g_test_add_func ("/kill-app/during-save", test_kill_during_save);

  return g_test_run ();
}
