/* test-window-files.c: the window and the files on disk: a read-only map
 * is not replaced without asking, and file choosers open in the map's folder
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "jm-canvas.h"
#include "jm-draft.h"
#include "jm-export-dialog.h"
#include "jm-file.h"
#include "jm-outline.h"
#include "jm-window-private.h"
#include "jm-test-window.h"

typedef struct
{
  char     *dir;
  char     *path;
  GFile    *file;
  JmMap    *map;
  JmWindow *window;
} Fixture;

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

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jm-window-files-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Broadband.journey", NULL);
  f->file = g_file_new_for_path (f->path);
  f->map = sample_map ();
  g_assert_true (jm_file_save (f->map, f->file, NULL, &error));
  g_assert_no_error (error);
  f->window = jm_window_new (NULL);
  jm_window_set_map (f->window, f->map, f->file);
  gtk_window_present (GTK_WINDOW (f->window));
  jm_test_wait_for (is_mapped, f->window, "the window to show");
  jm_test_flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  jm_test_destroy_window (f->window);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_object_unref (f->file);
  g_object_unref (f->map);
}

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

  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  jm_test_wait_for (has_no_dialog, window, "the dialog to go");
}

static gboolean
is_saved (gpointer data)
{
  return !jm_map_get_modified (jm_window_get_map (data));
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/* Ctrl+S as typed on the keyboard, through the X server, once the window
 * has the focus: a key typed before GTK knows it has the focus can go
 * nowhere, as it did now and then on a loaded machine. */
static gboolean
press_ctrl_s (JmWindow *window)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *id = NULL;

  if (!GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (window))) || xdotool == NULL)
    return FALSE;
  id = jm_test_window_id (GTK_WIDGET (window));
  jm_test_xdotool ("windowfocus", "--sync", id, NULL);
  jm_test_wait_for (is_active, window, "the window to have the focus");
  /* Without --window: xdotool would send a synthetic event, which GTK may
   * take before the window is ready for keys; typed keys reach the window
   * that has the focus, as a person's would. */
  jm_test_xdotool ("key", "ctrl+s", NULL);
  return TRUE;
}

static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

/* A map made read-only (mode 0444, in a folder the user may write): Save
 * asks first; Cancel leaves it as it is, Overwrite replaces it. The mode
 * bits decide, so that the test means the same run as root. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) before = file_bytes (f->path);
  g_autoptr(GBytes) after = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  jm_map_edit_string (f->map, f->map, "title", "Changed in the window");

  if (!press_ctrl_s (f->window))
    {
      g_test_skip ("needs X11 and xdotool");
      return;
    }
  jm_test_wait_for (jm_test_has_dialog, f->window, "the question about the read-only file");
  g_assert_cmpstr (adw_message_dialog_get_heading (jm_test_find_dialog (f->window)), ==,
                   "The File Is Read-Only");
  g_assert_true (adw_message_dialog_has_response (jm_test_find_dialog (f->window), "save-as"));
  respond (f->window, "cancel");
  jm_test_flush_events ();
  after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (jm_map_get_modified (f->map));

  g_assert_true (press_ctrl_s (f->window));
  jm_test_wait_for (jm_test_has_dialog, f->window, "the question, again");
  respond (f->window, "overwrite");
  jm_test_wait_for (is_saved, f->window, "the save");
  g_clear_pointer (&after, g_bytes_unref);
  after = file_bytes (f->path);
  {
    g_autoptr(GBytes) expected = jm_file_write_bytes (f->map);

    g_assert_true (g_bytes_equal (after, expected));
  }
  /* Still read-only, as the user left it. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);
  g_assert_null (jm_test_find_dialog (f->window));
}

/* A save that fails says why once: the heading names what failed, the
 * body only the reason. */
static void
test_save_fails (Fixture       *f,
                 gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *body;

  /* The map's folder is gone: the save has nowhere to write. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  jm_map_edit_string (f->map, f->map, "title", "Changed in the window");
  if (!press_ctrl_s (f->window))
    {
      g_test_skip ("needs X11 and xdotool");
      return;
    }
  jm_test_wait_for (jm_test_has_dialog, f->window, "the question about the missing file");
  g_assert_cmpstr (adw_message_dialog_get_heading (jm_test_find_dialog (f->window)), ==,
                   "File Moved or Deleted");
  respond (f->window, "overwrite");
  jm_test_flush_events ();
  jm_test_wait_for (jm_test_has_dialog, f->window, "the error");
  dialog = jm_test_find_dialog (f->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “Broadband.journey”");
  body = adw_message_dialog_get_body (dialog);
  g_assert_cmpstr (body, ==, "The folder does not exist.");
  respond (f->window, "close");
  jm_test_flush_events ();
  g_assert_null (jm_test_find_dialog (f->window));
  g_assert_true (jm_map_get_modified (f->map));
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
}

static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
has_no_chooser (gpointer data)
{
  return find_chooser () == NULL;
}

static gboolean
has_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);

  return folder != NULL;
}

/* The chooser now shown opens in the map's folder, with @name if given;
 * then it is cancelled. */
static void
check_chooser (Fixture    *f,
               const char *what,
               const char *name)
{
  GtkFileChooser *chooser;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);

  jm_test_wait_for (has_chooser, NULL, what);
  chooser = find_chooser ();
  /* The chooser reads its folder in the background. */
  jm_test_wait_for (has_folder, chooser, "the chooser's folder");
  folder = gtk_file_chooser_get_current_folder (chooser);
  g_test_message ("%s opens in %s", what, folder != NULL ? g_file_peek_path (folder) : "(none)");
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, dir));
  if (name != NULL)
    {
      g_autofree char *current = gtk_file_chooser_get_current_name (chooser);

      g_assert_cmpstr (current, ==, name);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  jm_test_wait_for (has_no_chooser, NULL, "the chooser to go");
  jm_test_flush_events ();
}

static JmExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_EXPORT_DIALOG (window))
        return JM_EXPORT_DIALOG (window);
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Started from another folder, every chooser of a map opens in the map's. */
static void
test_chooser_folders (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *elsewhere = g_dir_make_tmp ("jm-elsewhere-XXXXXX", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  JmPersona *fridah = jm_test_item_at (jm_map_get_personas (f->map), 0);
  g_autofree char *sheet_name = g_strdup_printf ("%s.pdf", jm_persona_get_name (fridah));
  AdwMessageDialog *choice;
  JmExportDialog *export;
  GtkWidget *button;

  g_assert_cmpint (g_chdir (elsewhere), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-as", NULL));
  check_chooser (f, "Save As", "Broadband.journey");

  jm_outline_set_selected_object (jm_window_get_outline (f->window), fridah);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-persona-sheet", NULL));
  check_chooser (f, "Export Persona Sheet", sheet_name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-personas", NULL));
  check_chooser (f, "Import Personas", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-personas", NULL));
  jm_test_wait_for (jm_test_has_dialog, f->window, "the choice of personas");
  choice = jm_test_find_dialog (f->window);
  adw_message_dialog_response (choice, "export");
  gtk_window_destroy (GTK_WINDOW (choice));
  check_chooser (f, "Export Personas", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  export = find_export_dialog ();
  g_assert_nonnull (export);
  button = find_button (GTK_WIDGET (export), "_Export…");
  if (button == NULL)
    button = find_button (GTK_WIDGET (export), "_Export");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  check_chooser (f, "Export", NULL);
  gtk_window_destroy (GTK_WINDOW (export));

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_rmdir (elsewhere);
}

typedef struct
{
  double    zoom;
  char     *colour_by;
  char     *highlight;
  gboolean  inspector;
  gboolean  outline;
} View;

static void
read_view (JmWindow *window,
           View     *view)
{
  JmCanvas *canvas = jm_window_get_canvas (window);

  view->zoom = jm_canvas_get_zoom (canvas);
  view->colour_by = g_strdup (jm_canvas_get_colour_by (canvas));
  view->highlight = g_strdup (jm_canvas_get_filter (canvas));
  view->inspector = adw_flap_get_reveal_flap (jm_test_window_child (window, "inspector_flap"));
  view->outline = adw_flap_get_reveal_flap (jm_test_window_child (window, "flap"));
}

static void
assert_same_view (JmWindow   *window,
                  const View *expected)
{
  View view;

  read_view (window, &view);
  g_assert_cmpfloat_with_epsilon (view.zoom, expected->zoom, 1e-9);
  g_assert_cmpstr (view.colour_by, ==, expected->colour_by);
  g_assert_cmpstr (view.highlight, ==, expected->highlight);
  g_assert_cmpint (view.inspector, ==, expected->inspector);
  g_assert_cmpint (view.outline, ==, expected->outline);
  g_free (view.colour_by);
  g_free (view.highlight);
}

static gboolean
has_map (gpointer data)
{
  return jm_window_get_map (data) != NULL;
}

static JmWindow *
open_in_new_window (GFile *file)
{
  JmWindow *window = jm_window_new (NULL);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_window_present (GTK_WINDOW (window));
  jm_test_wait_for (is_mapped, window, "the new window to show");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", uri));
  jm_test_wait_for (has_map, window, "the map to open");
  jm_test_flush_events ();
  return window;
}

/* Zoom, panels, colouring and highlight come back when the map is opened
 * again, and when its draft is recovered. */
static void
test_view_remembered (Fixture       *f,
                      gconstpointer  data)
{
  JmCanvas *canvas = jm_window_get_canvas (f->window);
  GtkWidget *w = GTK_WIDGET (f->window);
  View before, defaults;
  JmWindow *reopened;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  read_view (f->window, &defaults);
  g_assert_true (gtk_widget_activate_action (w, "board.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (w, "board.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (w, "board.colour-by", "s", "composite"));
  g_assert_true (gtk_widget_activate_action (w, "board.filter", "s", "moments"));
  g_assert_true (gtk_widget_activate_action (w, "board.toggle-inspector", NULL));
  g_assert_true (gtk_widget_activate_action (w, "win.toggle-outline", NULL));
  jm_test_flush_events ();
  read_view (f->window, &before);
  /* Each differs from a newly opened map's view, or the test proves nothing. */
  g_assert_cmpfloat (before.zoom, !=, defaults.zoom);
  g_assert_cmpstr (before.colour_by, !=, defaults.colour_by);
  g_assert_cmpstr (before.highlight, !=, defaults.highlight);
  g_assert_cmpint (before.inspector, !=, defaults.inspector);
  g_assert_cmpint (before.outline, !=, defaults.outline);
  g_assert_true (canvas == jm_window_get_canvas (f->window));

  /* Closed at once, before the pause after a change has passed. */
  gtk_window_close (GTK_WINDOW (f->window));
  jm_test_flush_events ();
  f->window = open_in_new_window (f->file);
  assert_same_view (f->window, &before);

  /* Work left in a draft by a window that is gone comes back as it was viewed. */
  {
    g_autoptr(JmMap) edited = sample_map ();
    g_autoptr(JmDraft) draft = jm_draft_new (NULL, &error);

    g_assert_no_error (error);
    jm_map_edit_string (edited, edited, "title", "Broadband (as is)");
    id = g_strdup (jm_draft_get_id (draft));
    jm_draft_watch (draft, edited, f->file);
    g_assert_true (jm_draft_write (draft, &error));
    g_assert_no_error (error);
    jm_draft_watch (draft, NULL, NULL);
  }
  reopened = jm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (reopened));
  g_assert_nonnull (jm_window_recover_draft (reopened, id, &error));
  g_assert_no_error (error);
  jm_test_wait_for (is_mapped, reopened, "the recovered window to show");
  jm_test_flush_events ();
  g_assert_cmpstr (jm_map_get_title (jm_window_get_map (reopened)), ==, "Broadband (as is)");
  assert_same_view (reopened, &before);

  /* The recovered work is not needed by the test any more. */
  jm_map_edit_string (jm_window_get_map (reopened), jm_window_get_map (reopened), "title", "Done");
  gtk_widget_activate_action (GTK_WIDGET (reopened), "win.save", NULL);
  jm_test_wait_for (is_saved, reopened, "the save");
  jm_test_destroy_window (reopened);
  g_free (before.colour_by);
  g_free (before.highlight);
  g_free (defaults.colour_by);
  g_free (defaults.highlight);
}

/* The largest size any widget under @widget asks for or is given. */
static int
largest_widget (GtkWidget  *widget,
                GtkWidget **which)
{
  int largest = MAX (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  int min_w, nat_w, min_h, nat_h;

  if (gtk_widget_get_visible (widget))
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
      largest = MAX (largest, MAX (MAX (min_w, nat_w), MAX (min_h, nat_h)));
    }
  *which = widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *child_which = NULL;
      int size = largest_widget (child, &child_which);

      if (size > largest)
        {
          largest = size;
          *which = child_which;
        }
    }
  return largest;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* A title of two million characters, on the board, in the outline, the
 * inspector (of a card linked to it) and the window's title: the window lives on, nothing laid out
 * is past X11's 32,767 pixels, and saving keeps every character. */
static void
test_long_title (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) text = g_string_sized_new (2000000);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) saved = NULL;
  JmTouchpoint *card;
  GtkWidget *which = NULL;
  int largest;

  while (text->len < 2000000)
    g_string_append (text, "Long title ");
  g_string_truncate (text, 2000000);
  {
    g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (f->map), 0);
    g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (f->map), 0);
    g_autoptr(GPtrArray) cell = jm_map_get_cell (f->map, stage, persona);

    JmTouchpoint *other = g_ptr_array_index (cell, 1);
    const char *links[] = { NULL, NULL };

    card = g_ptr_array_index (cell, 0);
    jm_map_edit_string (f->map, card, "title", text->str);
    jm_map_edit_string (f->map, f->map, "title", text->str);
    /* The inspector of a card linked to it lists its title. */
    links[0] = jm_touchpoint_get_id (card);
    jm_touchpoint_set_links (other, links);
    jm_map_edit_string (f->map, persona, "name", text->str);
    jm_map_edit_string (f->map, stage, "name", text->str);
  }
  g_assert_true (jm_file_save (f->map, f->file, NULL, &error));
  g_assert_no_error (error);
  jm_test_destroy_window (f->window);
  g_clear_object (&f->map);

  f->window = open_in_new_window (f->file);
  f->map = g_object_ref (jm_window_get_map (f->window));
  jm_outline_set_selected_object (jm_window_get_outline (f->window), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "board.map-properties", NULL));
  /* Frames for 15 s, the card selected for the second half. */
  g_timeout_add (7500, quit_loop, loop);
  g_main_loop_run (loop);
  {
    g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (f->map), 0);
    g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (f->map), 0);
    g_autoptr(GPtrArray) cell = jm_map_get_cell (f->map, stage, persona);

    card = g_ptr_array_index (cell, 0);
    jm_outline_set_selected_object (jm_window_get_outline (f->window), g_ptr_array_index (cell, 1));
  }
  g_timeout_add (7500, quit_loop, loop);
  g_main_loop_run (loop);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  largest = largest_widget (GTK_WIDGET (f->window), &which);
  g_test_message ("largest widget: %s, %d px", G_OBJECT_TYPE_NAME (which), largest);
  g_assert_cmpint (largest, <=, 32767);
  g_assert_cmpint (strlen (gtk_window_get_title (GTK_WINDOW (f->window))), <, 20000);

  /* The whole title stays in the model and in the file. */
  g_assert_cmpuint (strlen (jm_map_get_title (f->map)), ==, 2000000);
  jm_map_edit_string (f->map, card, "notes", "saved");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  jm_test_wait_for (is_saved, f->window, "the save");
  saved = jm_file_load (f->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_title (saved), ==, text->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-window-files-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window-files/save-fails", Fixture, NULL, fixture_set_up, test_save_fails,
              fixture_tear_down);
  g_test_add ("/window-files/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  g_test_add ("/window-files/view-remembered", Fixture, NULL, fixture_set_up,
              test_view_remembered, fixture_tear_down);
  g_test_add ("/window-files/long-title", Fixture, NULL, fixture_set_up,
              test_long_title, fixture_tear_down);
  g_test_add ("/window-files/chooser-folders", Fixture, NULL, fixture_set_up,
              test_chooser_folders, fixture_tear_down);

  return g_test_run ();
}
