/* test-persona-editor.c: the persona editor and the window's persona commands
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "jm-emotion-curve.h"
#include "jm-persona-actions.h"
#include "jm-persona-editor.h"
#include "jm-canvas-private.h"
#include "jm-window-private.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_mapped (GtkWidget *widget)
{
  for (guint i = 0; i < 20000 && !gtk_widget_get_mapped (widget); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_true (gtk_widget_get_mapped (widget));
}

/* A map with two stages, Fridah and James; Fridah feels -2 then +1. */
static JmMap *
sample_map (void)
{
  JmMap *map = jm_map_new ();
  JmStage *need = jm_map_add_stage (map, -1, "Need");
  JmStage *research = jm_map_add_stage (map, -1, "Research");
  JmPersona *fridah = jm_map_add_persona (map, -1, "Fridah");
  JmTouchpoint *card;

  jm_map_add_persona (map, -1, "James");
  card = jm_map_add_touchpoint (map, need, fridah, -1, "Cannot find a tutorial");
  jm_touchpoint_set_emotion (card, -2);
  card = jm_map_add_touchpoint (map, research, fridah, -1, "Finds a video");
  jm_touchpoint_set_emotion (card, 1);
  jm_history_clear (jm_map_get_history (map));
  return map;
}

static JmPersona *
persona_at (JmMap *map,
            guint  position)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), position);

  return persona;
}

static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static char *
get_text_view (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Typing in a field, then moving on: the focus leaving commits it. */
static void
type_into (JmPersonaEditor *editor,
           const char      *field,
           const char      *text,
           const char      *next_field)
{
  GtkWidget *widget = jm_persona_editor_get_field (editor, field);

  g_assert_true (gtk_widget_grab_focus (widget));
  iterate ();
  if (GTK_IS_TEXT_VIEW (widget))
    set_text_view (widget, text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  g_assert_true (gtk_widget_grab_focus (jm_persona_editor_get_field (editor, next_field)));
  iterate ();
}

static void
test_fields (void)
{
  g_autoptr(JmMap) map = sample_map ();
  JmHistory *history = jm_map_get_history (map);
  JmPersona *fridah = persona_at (map, 0);
  JmPersonaEditor *editor = jm_persona_editor_new (NULL, map, fridah);
  const char * const goals[] = { "Learn video editing", "Pay little", NULL };
  const char * const channels[] = { "web", "Social media", "YouTube", NULL };
  g_autofree char *shown = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (GTK_WIDGET (editor));
  g_assert_true (jm_persona_editor_get_persona (editor) == fridah);

  type_into (editor, "name", "Fridah Wanjirū", "role");
  g_assert_cmpstr (jm_persona_get_name (fridah), ==, "Fridah Wanjirū");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, 1);
  type_into (editor, "quote", "Show me, don’t tell me.", "goals");
  g_assert_cmpstr (jm_persona_get_quote (fridah), ==, "Show me, don’t tell me.");
  type_into (editor, "goals", "Learn video editing\n\n  Pay little  \n", "needs");
  g_assert_true (g_strv_equal (jm_persona_get_goals (fridah), goals));
  type_into (editor, "bio", "Learns from video tutorials.", "notes");
  g_assert_cmpstr (jm_persona_get_bio (fridah), ==, "Learns from video tutorials.");

  /* Channel toggles commit at once; the free text on leaving it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (jm_persona_editor_get_field (editor, "channel:social")), TRUE);
  g_assert_true (jm_map_undo (map));
  {
    const char * const written[] = { "Social media", NULL };

    jm_map_edit_strv (map, fridah, "channels", written);
  }
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (jm_persona_editor_get_field (editor, "channel:social"))));
  {
    /* Written with other spacing, it is still the known channel. */
    const char * const spaced[] = { " social  MEDIA", NULL };

    jm_map_edit_strv (map, fridah, "channels", spaced);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (jm_persona_editor_get_field (editor, "channel:social"))));
    g_assert_true (jm_map_undo (map));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (jm_persona_editor_get_field (editor, "channel:web")), TRUE);
  type_into (editor, "channels", "YouTube\n", "notes");
  g_assert_true (g_strv_equal (jm_persona_get_channels (fridah), channels));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (jm_persona_editor_get_field (editor, "age")), 29);
  g_assert_cmpint (jm_persona_get_age (fridah), ==, 29);
  gtk_switch_set_active (GTK_SWITCH (jm_persona_editor_get_field (editor, "hidden")), FALSE);
  g_assert_true (jm_persona_get_hidden (fridah));
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, 9);

  /* What is typed is in the map at once, the cursor still in the field. */
  g_assert_true (gtk_widget_grab_focus (jm_persona_editor_get_field (editor, "notes")));
  set_text_view (jm_persona_editor_get_field (editor, "notes"), "Met in Nairobi");
  g_assert_cmpstr (jm_persona_get_notes (fridah), ==, "Met in Nairobi");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, 10);

  /* The editor follows undo, field by field. */
  g_assert_true (jm_map_undo (map));
  shown = get_text_view (jm_persona_editor_get_field (editor, "notes"));
  g_assert_cmpstr (shown, ==, jm_persona_get_notes (fridah));
  g_clear_pointer (&shown, g_free);
  g_assert_true (jm_map_undo (map));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (jm_persona_editor_get_field (editor, "hidden"))));
  g_assert_true (jm_map_undo (map));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (jm_persona_editor_get_field (editor, "age"))), ==, 0);
  g_assert_true (jm_map_undo (map));
  shown = get_text_view (jm_persona_editor_get_field (editor, "channels"));
  g_assert_cmpstr (shown, ==, "");
  g_assert_true (jm_map_undo (map));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (jm_persona_editor_get_field (editor, "channel:web"))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (jm_persona_editor_get_field (editor, "channel:social"))));
  while (jm_map_undo (map))
    ;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jm_persona_editor_get_field (editor, "name"))), ==, "Fridah");
  g_assert_cmpstr (jm_persona_get_name (fridah), ==, "Fridah");

  /* Closing records what was still being typed. */
  g_assert_true (jm_map_redo (map));
  set_text_view (jm_persona_editor_get_field (editor, "notes"), "Met in Nairobi");
  gtk_window_close (GTK_WINDOW (editor));
  iterate ();
  g_assert_cmpstr (jm_persona_get_notes (fridah), ==, "Met in Nairobi");
}

static void
test_colour (void)
{
  g_autoptr(JmMap) map = sample_map ();
  JmPersona *fridah = persona_at (map, 0);
  JmPersonaEditor *editor = jm_persona_editor_new (NULL, map, fridah);
  GtkColorChooser *chooser;
  GdkRGBA rgba;

  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (GTK_WIDGET (editor));
  chooser = GTK_COLOR_CHOOSER (jm_persona_editor_get_field (editor, "colour"));
  gdk_rgba_parse (&rgba, "#123456");
  gtk_color_chooser_set_rgba (chooser, &rgba);
  g_signal_emit_by_name (chooser, "color-set");
  g_assert_cmpstr (jm_persona_get_colour (fridah), ==, "#123456");
  g_assert_true (jm_map_undo (map));
  gtk_color_chooser_get_rgba (chooser, &rgba);
  g_assert_cmpint ((int) (rgba.red * 255 + 0.5), ==, 0x00);
  g_assert_cmpint ((int) (rgba.green * 255 + 0.5), ==, 0x72);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_picture (void)
{
  g_autoptr(JmMap) map = sample_map ();
  JmPersona *fridah = persona_at (map, 0);
  JmPersonaEditor *editor = jm_persona_editor_new (NULL, map, fridah);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 60, 60);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-persona-editor-XXXXXX", &error);
  g_autofree char *png_path = g_build_filename (dir, "fridah.png", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "notes.png", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *contents = NULL;
  gsize length;
  GtkWidget *message;

  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (GTK_WIDGET (editor));
  gdk_pixbuf_fill (pixbuf, 0xcc79a7ff);
  gdk_pixbuf_save (pixbuf, png_path, "png", &error, NULL);
  g_assert_no_error (error);
  g_file_set_contents (bad_path, "not a picture at all", -1, &error);
  g_assert_no_error (error);

  g_assert_true (jm_persona_editor_set_picture_file (editor, png, &error));
  g_assert_no_error (error);
  g_file_get_contents (png_path, &contents, &length, NULL);
  g_assert_cmpmem (g_bytes_get_data (jm_persona_get_picture (fridah), NULL),
                   g_bytes_get_size (jm_persona_get_picture (fridah)), contents, length);
  g_assert_cmpstr (jm_persona_get_picture_type (fridah), ==, "image/png");

  /* Refused: the model keeps its picture, the editor says why. */
  g_assert_false (jm_persona_editor_set_picture_file (editor, bad, &error));
  g_assert_nonnull (error);
  message = jm_persona_editor_get_field (editor, "picture-error");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "notes.png"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "not a picture"));
  g_assert_nonnull (jm_persona_get_picture (fridah));

  g_assert_true (jm_map_undo (map));
  g_assert_null (jm_persona_get_picture (fridah));
  g_assert_cmpstr (jm_persona_get_picture_type (fridah), ==, "");

  gtk_window_destroy (GTK_WINDOW (editor));
  g_unlink (png_path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* The dropdown switches personas; a persona that goes away is left. */
static void
test_switch_persona (void)
{
  g_autoptr(JmMap) map = sample_map ();
  JmPersona *fridah = persona_at (map, 0);
  JmPersona *james = persona_at (map, 1);
  JmPersonaEditor *editor = jm_persona_editor_new (NULL, map, james);
  GtkWidget *name = jm_persona_editor_get_field (editor, "name");

  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (GTK_WIDGET (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "James");

  /* What is typed for James stays with James. */
  gtk_editable_set_text (GTK_EDITABLE (name), "James Mwangi");
  jm_persona_editor_set_persona (editor, fridah);
  g_assert_cmpstr (jm_persona_get_name (james), ==, "James Mwangi");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Fridah");

  jm_map_remove_persona (map, fridah);
  iterate ();
  g_assert_true (jm_persona_editor_get_persona (editor) == james);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "James Mwangi");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static JmPersonaEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_PERSONA_EDITOR (window))
        return JM_PERSONA_EDITOR (window);
    }
  return NULL;
}

static void
test_window_actions (void)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmMap) source = sample_map ();
  JmWindow *window = jm_window_new (NULL);
  JmPersona *fridah = persona_at (map, 0);
  JmPersona *james = persona_at (map, 1);
  JmPersonaEditor *editor;
  GtkWidget *dialog;
  JmPersona *imported;

  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  /* Edit the selected persona. */
  jm_outline_set_selected_object (jm_window_get_outline (window), james);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-persona", NULL));
  iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (jm_persona_editor_get_persona (editor) == james);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate ();

  /* Walk the journey as Fridah: her curve has both stages. */
  jm_outline_set_selected_object (jm_window_get_outline (window), fridah);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.walk-persona", NULL));
  iterate ();
  g_assert_true (jm_persona_actions_get_walking (JM_BOARD_HOST (window)) == fridah);
  {
    /* Her lane alone is on the board; the others come back afterwards. */
    JmCanvas *canvas = jm_window_get_canvas (window);
    guint n_lanes = g_list_model_get_n_items (jm_map_get_personas (jm_window_get_map (window)));
    g_autofree char *solo = g_strconcat ("solo:", jm_persona_get_id (fridah), NULL);

    g_assert_cmpstr (jm_canvas_get_filter (canvas), ==, solo);
    gtk_widget_measure (GTK_WIDGET (canvas), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
    g_assert_cmpuint (jm_board_geometry_get_n_lanes (_jm_canvas_get_geometry (canvas)), ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.walk-persona", NULL));
    g_assert_null (jm_persona_actions_get_walking (JM_BOARD_HOST (window)));
    gtk_widget_measure (GTK_WIDGET (canvas), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
    g_assert_cmpuint (jm_board_geometry_get_n_lanes (_jm_canvas_get_geometry (canvas)), ==, n_lanes);
  }

  /* Import James from another map: a new lane and one undo step. */
  dialog = jm_persona_actions_choose (JM_BOARD_HOST (window), source, "other.journey");
  iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (map)), ==, 4);
  imported = persona_at (map, 3);
  g_assert_cmpstr (jm_persona_get_name (imported), ==, "James");
  g_assert_cmpstr (jm_persona_get_id (imported), !=, jm_persona_get_id (james));
  g_assert_true (jm_map_undo (map));
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (map)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_emotion_curve (void)
{
  g_autoptr(JmMap) map = sample_map ();
  JmPersona *fridah = persona_at (map, 0);
  JmPersona *james = persona_at (map, 1);
  GtkWidget *curve = jm_emotion_curve_new ();
  g_autoptr(GPtrArray) cell = NULL;
  JmStage *need = g_list_model_get_item (jm_map_get_stages (map), 0);

  g_object_ref_sink (curve);
  jm_emotion_curve_set_persona (JM_EMOTION_CURVE (curve), map, fridah);
  g_assert_cmpuint (jm_emotion_curve_get_n_points (JM_EMOTION_CURVE (curve)), ==, 2);
  jm_emotion_curve_set_persona (JM_EMOTION_CURVE (curve), map, james);
  g_assert_cmpuint (jm_emotion_curve_get_n_points (JM_EMOTION_CURVE (curve)), ==, 0);

  /* It follows edits. */
  g_assert_nonnull (need);
  jm_map_add_touchpoint (map, need, james, -1, "Reads the manual");
  cell = jm_map_get_cell (map, need, james);
  jm_map_edit_int (map, g_ptr_array_index (cell, 0), "emotion", 2);
  g_assert_cmpuint (jm_emotion_curve_get_n_points (JM_EMOTION_CURVE (curve)), ==, 1);
  jm_map_undo (map);
  g_assert_cmpuint (jm_emotion_curve_get_n_points (JM_EMOTION_CURVE (curve)), ==, 0);
  g_object_unref (curve);
  g_object_unref (need);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-persona-editor-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/persona-editor/fields", test_fields);
  g_test_add_func ("/persona-editor/colour", test_colour);
  g_test_add_func ("/persona-editor/picture", test_picture);
  g_test_add_func ("/persona-editor/switch-persona", test_switch_persona);
  g_test_add_func ("/persona-editor/window-actions", test_window_actions);
  g_test_add_func ("/persona-editor/emotion-curve", test_emotion_curve);

  return g_test_run ();
}
