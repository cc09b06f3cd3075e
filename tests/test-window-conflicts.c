/* test-window-conflicts.c: a map merged with conflicts, opened and resolved
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jm-conflict-bar.h"
#include "jm-conflicts-dialog.h"
#include "jm-file.h"
#include "jm-map-conflicts.h"
#include "jm-map-merge.h"
#include "jm-test-window.h"
#include "jm-window-private.h"

static gboolean
is_laid_out (gpointer data)
{
  GtkWidget *widget = data;

  jm_test_flush_events ();
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
has_map (gpointer data)
{
  return jm_window_get_map (data) != NULL;
}

static gboolean
is_saved (gpointer data)
{
  return !jm_map_get_modified (jm_window_get_map (data));
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}


static JmConflictsDialog *
conflicts_dialog (void)
{
  return jm_test_find_toplevel (JM_TYPE_CONFLICTS_DIALOG);
}

static gboolean
has_dialog (gpointer data)
{
  jm_test_flush_events ();
  return conflicts_dialog () != NULL;
}

static gboolean
has_no_dialog (gpointer data)
{
  return !has_dialog (data);
}

static guint
n_conflicts (JmMap *map)
{
  return g_list_model_get_n_items (jm_map_get_conflicts (map));
}

typedef struct
{
  JmMap *map;
  guint  n;
} Count;

static gboolean
has_n_conflicts (gpointer data)
{
  Count *count = data;

  jm_test_flush_events ();
  return n_conflicts (count->map) == count->n;
}

static void
click (GtkWidget *widget)
{
  g_autofree char *id = jm_test_window_id (widget);
  char at[2][32];

  jm_test_xdotool ("windowfocus", "--sync", id, NULL);
  jm_test_widget_point (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, at);
  jm_test_xdotool ("mousemove", "--window", id, at[0], at[1], "click", "1", NULL);
  jm_test_flush_events ();
}

static void
focus_window (JmWindow *window)
{
  g_autofree char *id = jm_test_window_id (GTK_WIDGET (window));

  jm_test_xdotool ("windowfocus", "--sync", id, NULL);
  jm_test_wait_for (window_is_active, window, "the window to have the focus");
  gtk_widget_grab_focus (GTK_WIDGET (jm_window_get_canvas (window)));
  jm_test_flush_events ();
}

/* The sample merged by two groups who both renamed its first card and
 * both changed its second card's emotion, saved as git's merge driver
 * saves it. */
static char *
merged_file (char **title_id,
             char **emotion_id,
             char **title_row,
             char **emotion_row)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "broadband.journey", NULL);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(JmMap) base = jm_file_load (sample_file, NULL, NULL);
  g_autoptr(JmMap) ours = jm_file_load (sample_file, NULL, NULL);
  g_autoptr(JmMap) theirs = jm_file_load (sample_file, NULL, NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), "merged.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmTouchpoint *first = jm_test_item_at (jm_map_get_touchpoints (base), 0);
  JmTouchpoint *second = jm_test_item_at (jm_map_get_touchpoints (base), 1);

  *title_id = g_strdup (jm_touchpoint_get_id (first));
  *emotion_id = g_strdup (jm_touchpoint_get_id (second));
  /* How the review shows each: ours, theirs, and the value before. */
  *title_row = g_strdup_printf ("Ours: “Named by group one” · Theirs: “Named by group two” · Before: “%s”",
                                jm_touchpoint_get_title (first));
  *emotion_row = g_strdup_printf ("Ours: Very positive · Theirs: Very negative · Before: %s",
                                  jm_touchpoint_get_emotion (second) == JM_EMOTION_UNSET
                                  ? "none" : jm_emotion_get_label (jm_touchpoint_get_emotion (second)));
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (ours, *title_id), "Named by group one");
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (theirs, *title_id), "Named by group two");
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (ours, *emotion_id), 2);
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (theirs, *emotion_id), -2);
  conflicts = jm_map_merge (ours, base, ours, theirs);
  g_assert_cmpuint (conflicts->len, ==, 2);
  jm_map_add_merge_conflicts (ours, conflicts);
  g_assert_true (jm_file_save (ours, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The conflict's "Ours" (0) or "Theirs" (1) button. */
static GtkWidget *
pick_button (JmConflictsDialog *dialog,
             const char        *field,
             guint              which)
{
  for (guint i = 0; i < jm_conflicts_dialog_get_n_rows (dialog); i++)
    {
      GtkWidget *row = jm_conflicts_dialog_get_row (dialog, i);

      if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), field))
        return jm_test_nth_widget (row, GTK_TYPE_TOGGLE_BUTTON, which);
    }
  g_assert_not_reached ();
}

/* The button under @root that activates @action. */
static GtkWidget *
action_button (gpointer    root,
               const char *action)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *button = jm_test_nth_widget (root, GTK_TYPE_BUTTON, i);

      g_assert_nonnull (button);
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) == 0)
        return button;
    }
}

/* A map git merged with two conflicts opens with a notice over the
 * board; Review lists both with their values; "Theirs" picked for the
 * title with a click and Ctrl+Enter resolve it as one undo step, the
 * other waiting; then "Ours" for the emotion and the Resolve button. The
 * saved file has their title, our emotion and no conflicts left. */
static void
test_review (void)
{
  g_autofree char *title_id = NULL;
  g_autofree char *emotion_id = NULL;
  g_autofree char *title_row = NULL;
  g_autofree char *emotion_row = NULL;
  g_autofree char *path = merged_file (&title_id, &emotion_id, &title_row, &emotion_row);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  JmWindow *window = jm_window_new (NULL);
  JmConflictsDialog *dialog;
  GtkWidget *bar, *review, *theirs, *ours;
  JmMap *map;
  Count count;

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  gtk_window_present (GTK_WINDOW (window));
  jm_window_open (window, file);
  jm_test_wait_for (has_map, window, "the map");
  jm_test_wait_for (is_laid_out, jm_window_get_canvas (window), "the board");
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  map = jm_window_get_map (window);
  count.map = map;
  g_assert_cmpuint (n_conflicts (map), ==, 2);
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, title_id)), ==, "Named by group one");

  /* The notice, with the number, over the board. */
  bar = jm_test_nth_widget (window, JM_TYPE_CONFLICT_BAR, 0);
  g_assert_nonnull (bar);
  jm_test_wait_for (is_laid_out, bar, "the notice of the conflicts");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (jm_test_nth_widget (bar, GTK_TYPE_LABEL, 0))), ==,
                   "2 conflicts from a merge");
  review = jm_test_nth_widget (bar, GTK_TYPE_BUTTON, 0);
  click (review);
  jm_test_wait_for (has_dialog, NULL, "the review of the conflicts");
  dialog = conflicts_dialog ();
  g_assert_cmpuint (jm_conflicts_dialog_get_n_rows (dialog), ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (jm_conflicts_dialog_get_row (dialog, 0))), ==,
                   title_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (jm_conflicts_dialog_get_row (dialog, 1))), ==,
                   emotion_row);
  /* Nothing picked yet, nothing to resolve. */
  g_assert_false (gtk_widget_is_sensitive (action_button (dialog, "conflicts.resolve")));

  theirs = pick_button (dialog, "Title", 1);
  click (theirs);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (theirs)));
  jm_test_xdotool ("key", "ctrl+Return", NULL);
  jm_test_wait_for (has_no_dialog, NULL, "the dialog to close");
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, title_id)), ==, "Named by group two");
  g_assert_cmpint (jm_touchpoint_get_emotion (jm_map_lookup_touchpoint (map, emotion_id)), ==, 2);
  g_assert_cmpuint (n_conflicts (map), ==, 1);
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Resolve Conflicts");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (jm_test_nth_widget (bar, GTK_TYPE_LABEL, 0))), ==,
                   "1 conflict from a merge");

  /* One step back brings the conflict and our title back; and forth. */
  focus_window (window);
  jm_test_xdotool ("key", "ctrl+z", NULL);
  count.n = 2;
  jm_test_wait_for (has_n_conflicts, &count, "the conflict to come back");
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, title_id)), ==, "Named by group one");
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  count.n = 1;
  jm_test_wait_for (has_n_conflicts, &count, "the conflict to go again");
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, title_id)), ==, "Named by group two");

  /* The emotion: ours, and the Resolve button. */
  click (review);
  jm_test_wait_for (has_dialog, NULL, "the review of the last conflict");
  dialog = conflicts_dialog ();
  g_assert_cmpuint (jm_conflicts_dialog_get_n_rows (dialog), ==, 1);
  ours = pick_button (dialog, "Emotion", 0);
  click (ours);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ours)));
  click (action_button (dialog, "conflicts.resolve"));
  jm_test_wait_for (has_no_dialog, NULL, "the dialog to close");
  g_assert_cmpuint (n_conflicts (map), ==, 0);
  g_assert_false (gtk_widget_get_visible (bar));

  focus_window (window);
  jm_test_xdotool ("key", "ctrl+s", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  saved = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (saved, title_id)), ==, "Named by group two");
  g_assert_cmpint (jm_touchpoint_get_emotion (jm_map_lookup_touchpoint (saved, emotion_id)), ==, 2);
  g_assert_cmpuint (n_conflicts (saved), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "conflict"));

  jm_test_destroy_window (window);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  /* Recent files and saved maps go to a directory of the test's own. */
  home = g_dir_make_tmp ("test-window-conflicts-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("TMPDIR", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/window-conflicts/review", test_review);

  return g_test_run ();
}
