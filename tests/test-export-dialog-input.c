/* test-export-dialog-input.c: the export dialog's picture and colour
 * controls, driven by real pointer and keys under Xvfb, checked in the
 * files written
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jm-export-dialog.h"
#include "jm-test-window.h"

static JmMap *
make_map (void)
{
  JmMap *map = jm_map_new ();
  JmStage *stages[3];
  JmPersona *persona;

  jm_map_set_title (map, "Picture test");
  stages[0] = jm_map_add_stage (map, -1, "Aware");
  stages[1] = jm_map_add_stage (map, -1, "Shop");
  stages[2] = jm_map_add_stage (map, -1, "Buy");
  persona = jm_map_add_persona (map, -1, "Fridah");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      JmTouchpoint *tp = jm_map_add_touchpoint (map, stages[i % 3], persona, -1, title);

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, (int) (i % 5) + 1);
    }
  return map;
}

static char *tmp_dir;

static char *
tmp_file (const char *name)
{
  if (tmp_dir == NULL)
    tmp_dir = g_dir_make_tmp ("jm-export-input-XXXXXX", NULL);
  return g_build_filename (tmp_dir, name, NULL);
}

static GtkWidget *
child (JmExportDialog *dialog,
       const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), JM_TYPE_EXPORT_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A dialog on screen with the keyboard's focus; NULL (the test skipped)
 * without real input. */
static JmExportDialog *
open_dialog (JmMap *map)
{
  JmExportDialog *dialog = jm_export_dialog_new (NULL, map, NULL);
  g_autofree char *id = NULL;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  jm_test_wait_for (is_mapped, dialog, "the export dialog on screen");
  if (!jm_test_can_send_input (GTK_WIDGET (dialog)))
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
      return NULL;
    }
  id = jm_test_window_id (GTK_WIDGET (dialog));
  jm_test_xdotool ("windowfocus", "--sync", id, NULL);
  /* Let the first layout end. */
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), >, 0);
  return dialog;
}

static void
close_dialog (JmExportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  jm_test_flush_events ();
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Waits for the window to lay out what changed: a row shown moves those
 * below it only at the next frame. */
static void
settle (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  jm_test_wait_for (two_frames, &frames, "two frames");
  gtk_widget_remove_tick_callback (widget, id);
}

/* Clicks @widget at (@x, @y) of its own; negative values count from its
 * right or bottom edge. */
static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  g_autofree char *id = jm_test_window_id (widget);
  char at[2][32];

  /* The pages laid out for the last choice change the labels beside the
   * controls, and with them the controls' width and where rows are. */
  jm_export_dialog_get_n_pages (JM_EXPORT_DIALOG (gtk_widget_get_root (widget)));
  settle (widget);
  jm_test_widget_point (widget, x < 0 ? gtk_widget_get_width (widget) + x : x,
                        y < 0 ? gtk_widget_get_height (widget) + y : y, at);
  jm_test_xdotool ("mousemove", "--window", id, at[0], at[1], "click", "1", NULL);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_mapped (gpointer data)
{
  GtkWidget *popover = find_popover (data);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* The list shown, and taking the keys. */
static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = find_popover (data);
  GtkWidget *focus;

  if (popover == NULL || !gtk_widget_get_mapped (popover))
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (popover));
  return focus != NULL && gtk_widget_is_ancestor (focus, popover);
}

static gboolean
popover_gone (gpointer data)
{
  return !popover_mapped (data);
}

typedef struct
{
  GtkWidget *row;
  guint      selected;
} Choice;

static gboolean
is_chosen (gpointer data)
{
  Choice *choice = data;

  return adw_combo_row_get_selected (ADW_COMBO_ROW (choice->row)) == choice->selected;
}

/* Picks choice @index of a combo row with a click and the keys (Home,
 * then Down as many times), each waiting for the list to show and to go. */
static void
choose (GtkWidget *row,
        guint      index)
{
  Choice choice = { row, index };

  g_assert_true (gtk_widget_get_visible (row));
  click (row, -30, gtk_widget_get_height (row) / 2.0);
  jm_test_wait_for (popover_shown, row, "the row's list of choices");
  jm_test_xdotool ("key", "Home", NULL);
  for (guint i = 0; i < index; i++)
    jm_test_xdotool ("key", "Down", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  jm_test_wait_for (is_chosen, &choice, "the choice made");
  jm_test_wait_for (popover_gone, row, "the list of choices to close");
  jm_test_flush_events ();
}

static gboolean
has_focus_within (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

typedef struct
{
  GtkWidget  *spin;
  const char *text;
} TypedText;

static gboolean
shows_text (gpointer data)
{
  TypedText *typed = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (typed->spin)), typed->text) == 0;
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

/* Types @text over what a spin button holds, and leaves it. */
static void
type_into (GtkWidget  *spin,
           const char *text)
{
  g_assert_true (gtk_widget_is_drawable (spin));
  /* A click just after a list of choices closed is now and then lost in
   * the X server's ungrab; clicking into a text again does no harm. */
  for (int attempt = 0; attempt < 3 && !has_focus_within (spin); attempt++)
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

      click (spin, 12, gtk_widget_get_height (spin) / 2.0);
      while (!has_focus_within (spin) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  jm_test_wait_for (has_focus_within, spin, "the spin button's focus");
  jm_test_xdotool ("key", "ctrl+a", "type", text, NULL);
  jm_test_wait_for (shows_text, &(TypedText) { spin, text }, "the text typed");
  jm_test_xdotool ("key", "Tab", NULL);
  jm_test_flush_events ();
}

static void
on_finished (JmExportDialog *dialog,
             gboolean        success,
             int            *result)
{
  *result = success;
}

/* Exports what the dialog shows to @name, as the Export button's chooser
 * would, and returns the path written. The dialog closes. */
static char *
export_to (JmExportDialog *dialog,
           const char     *name)
{
  char *path = tmp_file (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  int result = -1;
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &result);

  g_unlink (path);
  jm_export_dialog_export_to (dialog, file);
  while (result < 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (dialog, id);
  g_assert_cmpint (result, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  return path;
}

static void
png_size (const char *path,
          int        *width,
          int        *height)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  *width = cairo_image_surface_get_width (png);
  *height = cairo_image_surface_get_height (png);
  cairo_surface_destroy (png);
}

/* PNG chosen in the format row shows the slide and picture size rows
 * (hidden for PDF, with the poster's size rows hidden in turn); a width
 * typed in pixels is the PNG's width, a resolution typed its pixels per
 * inch, and the slide switch makes a 1920 × 1080 picture. */
static void
test_png_size (void)
{
  g_autoptr(JmMap) map = make_map ();
  JmExportDialog *dialog = open_dialog (map);
  g_autofree char *by_width = NULL;
  g_autofree char *by_dpi = NULL;
  g_autofree char *slide = NULL;
  JmExportOptions options;
  int w, h;

  if (dialog == NULL)
    return;
  g_assert_false (gtk_widget_get_visible (child (dialog, "slide_box")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "picture_size_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "size_group")));

  choose (child (dialog, "format_row"), JM_EXPORT_FORMAT_PNG);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "format_row"))), ==,
                    JM_EXPORT_FORMAT_PNG);
  g_assert_true (gtk_widget_get_visible (child (dialog, "slide_box")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "dpi_box")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "pixel_width_box")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "size_group")));

  /* 800 pixels wide. */
  /* By resolution, by width in pixels. */
  choose (child (dialog, "picture_size_row"), 1);
  g_assert_false (gtk_widget_get_visible (child (dialog, "dpi_box")));
  type_into (child (dialog, "pixel_width_spin"), "800");
  jm_export_dialog_get_options (dialog, &options);
  g_assert_cmpuint (options.pixel_width, ==, 800);
  g_assert_cmpfloat (options.dpi, ==, 0);
  g_assert_false (options.slide);
  jm_export_options_clear (&options);
  by_width = export_to (dialog, "wide.png");
  png_size (by_width, &w, &h);
  g_assert_cmpint (w, ==, 800);
  close_dialog (dialog);

  /* At 72 pixels an inch, a pixel a point: the layout and its margins. */
  dialog = open_dialog (map);
  choose (child (dialog, "format_row"), JM_EXPORT_FORMAT_PNG);
  type_into (child (dialog, "dpi_spin"), "72");
  jm_export_dialog_get_options (dialog, &options);
  g_assert_cmpfloat (options.dpi, ==, 72);
  by_dpi = export_to (dialog, "dpi.png");
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, &options, NULL);
    double pw, ph;

    jm_export_plan_get_poster_size (plan, &pw, &ph);
    png_size (by_dpi, &w, &h);
    g_assert_cmpint (abs (w - (int) ceil (pw + 2 * options.margin)), <=, 1);
    g_assert_cmpint (abs (h - (int) ceil (ph + 2 * options.margin)), <=, 1);
  }
  jm_export_options_clear (&options);
  close_dialog (dialog);

  /* The slide: the row's switch, then neither resolution nor width. */
  dialog = open_dialog (map);
  choose (child (dialog, "format_row"), JM_EXPORT_FORMAT_PNG);
  click (child (dialog, "slide_switch"), 10, gtk_widget_get_height (child (dialog, "slide_switch")) / 2.0);
  jm_test_wait_for (switch_is_on, child (dialog, "slide_switch"), "the slide switched on");
  g_assert_false (gtk_widget_get_visible (child (dialog, "dpi_box")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "picture_size_row")));
  slide = export_to (dialog, "slide.png");
  png_size (slide, &w, &h);
  g_assert_cmpint (w, ==, JM_EXPORT_SLIDE_WIDTH);
  g_assert_cmpint (h, ==, JM_EXPORT_SLIDE_HEIGHT);
  close_dialog (dialog);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  const char *argv[] = { tool, path, "-", NULL };
  char *out = NULL;

  if (tool == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, NULL, NULL));
  return out;
}

/* The colour row, shown for the board and the grid but not for persona
 * sheets, colours the printed cards by the score chosen: its legend says
 * which. */
static void
test_colour_by (void)
{
  g_autoptr(JmMap) map = make_map ();
  JmExportDialog *dialog = open_dialog (map);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GtkWidget *colour;
  JmExportOptions options;

  if (dialog == NULL)
    return;
  colour = child (dialog, "colour_row");
  g_assert_true (gtk_widget_get_visible (colour));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (colour)), ==, JM_COLOUR_BY_COMPOSITE);

  /* Persona sheets have no coloured cards. */
  choose (child (dialog, "layout_row"), JM_EXPORT_LAYOUT_PERSONA);
  g_assert_false (gtk_widget_get_visible (colour));
  choose (child (dialog, "layout_row"), JM_EXPORT_LAYOUT_BOARD);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "layout_row"))), ==,
                    JM_EXPORT_LAYOUT_BOARD);
  g_assert_true (gtk_widget_get_visible (colour));

  choose (colour, JM_COLOUR_BY_RELIABILITY);
  jm_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.colour_by, ==, JM_COLOUR_BY_RELIABILITY);
  jm_export_options_clear (&options);
  path = export_to (dialog, "reliability.pdf");
  text = pdf_text (path);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Card colour: Reliability rating"));
      g_assert_null (strstr (text, "composite score, weighted"));
    }
  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/export-dialog-input/png-size", test_png_size);
  g_test_add_func ("/export-dialog-input/colour-by", test_colour_by);

  status = g_test_run ();
  if (tmp_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  return status;
}
