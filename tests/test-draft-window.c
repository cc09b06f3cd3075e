/* test-draft-window.c: the window keeps drafts, recovers them, and asks
 * before saving over a file another program changed
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file.h"
#include "jm-window-private.h"
#include "jm-test-window.h"

static gboolean
has_no_dialog (gpointer data)
{
  return jm_test_find_dialog (data) == NULL;
}

static void
respond (JmWindow   *window,
         const char *response)
{
  AdwMessageDialog *dialog = jm_test_find_dialog (window);

  /* As a click does: the answer, then the dialog goes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  jm_test_wait_for (has_no_dialog, window, "the dialog to go");
}

static gboolean
is_saved (gpointer data)
{
  return !jm_map_get_modified (jm_window_get_map (data));
}

static guint
n_recoverable (void)
{
  g_autoptr(GPtrArray) drafts = jm_draft_list_recoverable (NULL);

  return drafts->len;
}

static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
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

/* Work left by a window that is gone comes back modified, with its file,
 * and the draft goes once it is saved. */
static void
test_recover (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-recover-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) original = sample_map ();
  g_autoptr(JmMap) edited = sample_map ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) edited_bytes = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *id = NULL;
  JmWindow *window;
  JmWindow *shown;

  g_assert_true (jm_file_save (original, file, NULL, &error));
  g_assert_no_error (error);
  jm_map_edit_string (edited, edited, "title", "Broadband (as is)");
  edited_bytes = jm_file_write_bytes (edited);
  {
    g_autoptr(JmDraft) draft = jm_draft_new (NULL, &error);

    g_assert_no_error (error);
    id = g_strdup (jm_draft_get_id (draft));
    jm_draft_watch (draft, edited, file);
    g_assert_true (jm_draft_write (draft, &error));
    g_assert_no_error (error);
    jm_draft_watch (draft, NULL, NULL);
  }
  g_assert_cmpuint (n_recoverable (), ==, 1);

  /* Offered on a dialog over the window. */
  window = jm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (jm_window_offer_recovery (window), ==, 1);
  jm_test_wait_for (jm_test_has_dialog, window, "the offer to recover");
  respond (window, "recover");

  shown = window;
  g_assert_nonnull (jm_window_get_map (shown));
  g_assert_cmpstr (jm_map_get_title (jm_window_get_map (shown)), ==, "Broadband (as is)");
  g_assert_true (jm_map_get_modified (jm_window_get_map (shown)));
  g_assert_true (g_file_equal (jm_window_get_file (shown), file));
  /* The window owns the draft now: not offered again. */
  g_assert_cmpuint (n_recoverable (), ==, 0);

  /* Saved: to the original file, and the draft is gone. */
  gtk_widget_activate_action (GTK_WIDGET (shown), "win.save", NULL);
  jm_test_wait_for (is_saved, shown, "the save");
  saved = file_bytes (path);
  g_assert_true (g_bytes_equal (saved, edited_bytes));
  gtk_window_destroy (GTK_WINDOW (shown));
  jm_test_flush_events ();
  g_assert_cmpuint (n_recoverable (), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

/* Discarding an offered draft removes it. */
static void
test_discard_offer (void)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GError) error = NULL;
  JmWindow *window;

  {
    g_autoptr(JmDraft) draft = jm_draft_new (NULL, &error);

    g_assert_no_error (error);
    jm_draft_watch (draft, map, NULL);
    g_assert_true (jm_draft_write (draft, &error));
    jm_draft_watch (draft, NULL, NULL);
  }
  window = jm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (jm_window_offer_recovery (window), ==, 1);
  jm_test_wait_for (jm_test_has_dialog, window, "the offer to recover");
  respond (window, "discard");
  g_assert_null (jm_window_get_map (window));
  g_assert_cmpuint (n_recoverable (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_flush_events ();
}

/* An edited map's draft is there while its window lives (not offered),
 * and offered once the window is gone without a save. */
static void
test_window_keeps_draft (void)
{
  g_autoptr(JmMap) map = sample_map ();
  JmWindow *window = jm_window_new (NULL);

  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  jm_map_edit_string (map, map, "title", "Workshop in progress");
  g_assert_cmpuint (n_recoverable (), ==, 0);
  /* Destroyed as by a quit: the newest change is in the draft. */
  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_flush_events ();
  {
    g_autoptr(GPtrArray) drafts = jm_draft_list_recoverable (NULL);
    g_autoptr(JmDraft) draft = NULL;
    g_autoptr(GError) error = NULL;
    JmDraftInfo *info;

    g_assert_cmpuint (drafts->len, ==, 1);
    info = drafts->pdata[0];
    g_assert_cmpstr (info->title, ==, "Workshop in progress");
    draft = jm_draft_claim (NULL, info->id, &error);
    g_assert_no_error (error);
    jm_draft_discard (draft);
  }
}

/* A file changed by another program since it was opened: Save asks, and
 * Cancel leaves the other program's file alone. Overwrite writes. */
static void
test_changed_on_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-changed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;
  const char *other = "written by another program\n";
  JmWindow *window;

  g_assert_true (jm_file_save (map, file, NULL, &error));
  window = jm_window_new (NULL);
  jm_window_set_map (window, map, file);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  jm_map_edit_string (map, map, "title", "Ours");

  g_assert_true (g_file_set_contents (path, other, -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (jm_test_has_dialog, window, "the question about the changed file");
  g_assert_cmpstr (adw_message_dialog_get_heading (jm_test_find_dialog (window)), ==, "File Changed on Disk");
  respond (window, "cancel");
  now = file_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now), other, strlen (other));
  g_assert_true (jm_map_get_modified (map));

  /* Deleted: asked too. */
  g_unlink (path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (jm_test_has_dialog, window, "the question about the deleted file");
  g_assert_cmpstr (adw_message_dialog_get_heading (jm_test_find_dialog (window)), ==, "File Moved or Deleted");
  respond (window, "overwrite");
  jm_test_wait_for (is_saved, window, "the save");
  g_clear_pointer (&now, g_bytes_unref);
  now = file_bytes (path);
  {
    g_autoptr(GBytes) expected = jm_file_write_bytes (map);

    g_assert_true (g_bytes_equal (now, expected));
  }

  /* Our own save is not a change by another program. */
  jm_map_edit_string (map, map, "title", "Ours again");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the second save");
  g_assert_null (jm_test_find_dialog (window));

  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_flush_events ();
  g_unlink (path);
  g_rmdir (dir);
}

/* A save that fails (read-only file system, full disk) keeps the map
 * open and modified, and the file as it was. */
static void
test_save_fails (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-fails-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing-folder", "Broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) map = sample_map ();
  JmWindow *window = jm_window_new (NULL);

  jm_window_set_map (window, map, file);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  jm_map_edit_string (map, map, "title", "Unsaved");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (jm_test_has_dialog, window, "the error");
  /* The heading names the file; the body says why, once. */
  g_assert_cmpstr (adw_message_dialog_get_body (jm_test_find_dialog (window)), ==,
                   "The folder does not exist.");
  respond (window, "close");
  g_assert_true (jm_map_get_modified (map));
  g_assert_true (jm_window_get_map (window) == map);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Closed without saving (Discard): the draft goes with the window. */
  jm_map_edit_string (map, map, "title", "Thrown away");
  gtk_window_close (GTK_WINDOW (window));
  jm_test_wait_for (jm_test_has_dialog, window, "the question about unsaved changes");
  adw_message_dialog_response (jm_test_find_dialog (window), "discard");
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_recoverable (), ==, 0);
  g_rmdir (dir);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-draft-window-XXXXXX", NULL);
  int status;

  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/draft-window/recover", test_recover);
  g_test_add_func ("/draft-window/discard-offer", test_discard_offer);
  g_test_add_func ("/draft-window/window-keeps-draft", test_window_keeps_draft);
  g_test_add_func ("/draft-window/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/draft-window/save-fails", test_save_fails);
  status = g_test_run ();
  remove_tree (home);
  return status;
}
