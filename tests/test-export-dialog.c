/* test-export-dialog.c: printing to a file and the export dialog, under a
 * display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-export-dialog.h"
#include "jm-print.h"

static JmMap *
make_map (void)
{
  JmMap *map = jm_map_new ();
  const char *stages[] = { "Aware", "Shop", "Buy", NULL };
  const char *names[] = { "Fridah", "James", NULL };

  jm_map_set_title (map, "Printing test");
  for (guint i = 0; stages[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr(JmStage) stage = jm_stage_new (id, stages[i]);
      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(JmPersona) persona = jm_persona_new (id, names[i]);
      jm_map_append_persona (map, persona);
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *stage = g_strdup_printf ("s%u", i % 3);
      g_autofree char *lane = g_strdup_printf ("p%u", i / 3);
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, lane, title);
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static char *tmp_dir;

static char *
tmp_file (const char *name)
{
  if (tmp_dir == NULL)
    tmp_dir = g_dir_make_tmp ("jm-print-XXXXXX", NULL);
  return g_build_filename (tmp_dir, name, NULL);
}

static int
pdf_page_count (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  const char *line;

  if (pdfinfo == NULL)
    return -1;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, NULL, NULL));
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + 6);
}

static void
test_print_to_file (void)
{
  g_autoptr(JmMap) map = make_map ();
  g_autofree char *path = tmp_file ("printed.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmPrintOperation) op = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  JmExportOptions options;
  GtkPrintOperationResult result;
  int pages;

  jm_export_options_init (&options);
  options.landscape = FALSE;
  options.tile_columns = 2;
  options.tile_rows = 2;
  op = jm_print_operation_new (map, &options);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The same pages as the export: an assembly page and four tiles. */
  plan = jm_export_plan_new (map, &options, NULL);
  pages = pdf_page_count (path);
  if (pages < 0)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }
  g_assert_cmpint (pages, ==, (int) jm_export_plan_get_n_pages (plan));
  g_assert_cmpint (pages, ==, 5);
  jm_export_options_clear (&options);
}

/* The first descendant of @widget of @type, depth first. */
/* The first widget of @type under @widget, with the style class
 * @css_class if that is not %NULL. */
static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
print_with_tab (JmMap      *map,
                guint       layout,
                gboolean    poster,
                int         columns,
                int         rows,
                const char *name)
{
  g_autofree char *path = tmp_file (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmPrintOperation) op = NULL;
  GObject *tab = NULL;
  GtkWidget *spin;
  JmExportOptions options;

  jm_export_options_init (&options);
  options.landscape = TRUE;
  op = jm_print_operation_new (map, &options);
  jm_export_options_clear (&options);

  /* What the print dialog does with its Layout tab. */
  g_signal_emit_by_name (op, "create-custom-widget", &tab);
  g_assert_true (GTK_IS_WIDGET (tab));
  g_object_ref_sink (tab);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child (GTK_WIDGET (tab), GTK_TYPE_DROP_DOWN, NULL)), layout);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_child (GTK_WIDGET (tab), GTK_TYPE_CHECK_BUTTON, NULL)),
                               poster);
  spin = find_child (GTK_WIDGET (tab), GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), columns);
  /* The second spin button, sheets down, follows the first in the grid. */
  for (GtkWidget *w = gtk_widget_get_next_sibling (spin); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_SPIN_BUTTON (w))
      {
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (w), rows);
        break;
      }
  g_signal_emit_by_name (op, "custom-widget-apply", tab);
  g_object_unref (tab);

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), path);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            NULL, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  return pdf_page_count (path);
}

static void
test_print_layout_tab (void)
{
  g_autoptr(JmMap) map = make_map ();
  int fitted, poster, persona, fix;

  fitted = print_with_tab (map, JM_EXPORT_LAYOUT_BOARD, FALSE, 3, 2, "board.pdf");
  if (fitted < 0)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }
  /* The board fitted to one sheet; as a poster, an assembly page and 3 x 2
   * sheets; persona sheets ignore the poster choice: one per persona. */
  g_assert_cmpint (fitted, ==, 1);
  poster = print_with_tab (map, JM_EXPORT_LAYOUT_BOARD, TRUE, 3, 2, "board-poster.pdf");
  g_assert_cmpint (poster, ==, 7);
  persona = print_with_tab (map, JM_EXPORT_LAYOUT_PERSONA, TRUE, 3, 2, "persona.pdf");
  g_assert_cmpint (persona, ==, 2);
  /* What to fix first: plain pages, never a poster. */
  fix = print_with_tab (map, JM_EXPORT_LAYOUT_FIX, TRUE, 3, 2, "fix.pdf");
  g_assert_cmpint (fix, ==, 1);
}

static void
on_finished (JmExportDialog *dialog,
             gboolean        success,
             gpointer        data)
{
  int *result = data;

  *result = success ? 1 : 0;
}

static GtkWidget *find_row (GtkWidget  *widget,
                            const char *title);

static void
test_dialog_exports (void)
{
  g_autoptr(JmMap) map = make_map ();
  g_autofree char *path = tmp_file ("dialog.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportDialog *dialog = jm_export_dialog_new (NULL, map, file);
  JmExportOptions options;
  int result = -1;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Defaults: one landscape grid per lane. */
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, 2);

  /* What to fix first, chosen in the Layout row: one page, portrait. */
  {
    GtkWidget *layout = find_row (GTK_WIDGET (dialog), "Layout");
    GtkWidget *orientation = find_row (GTK_WIDGET (dialog), "Orientation");

    g_assert_nonnull (layout);
    adw_combo_row_set_selected (ADW_COMBO_ROW (layout), JM_EXPORT_LAYOUT_FIX);
    for (int i = 0; i < 500 && jm_export_dialog_get_n_pages (dialog) != 1; i++)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
    g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, 1);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (orientation)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (layout), JM_EXPORT_LAYOUT_GRID);
  }

  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_BOARD;
  options.tile_columns = 3;
  options.tile_rows = 1;
  jm_export_dialog_set_options (dialog, &options);
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, 4);
  jm_export_options_clear (&options);

  /* Let the preview draw once. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &result);
  jm_export_dialog_export_to (dialog, file);
  while (result < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (result, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  if (pdf_page_count (path) >= 0)
    g_assert_cmpint (pdf_page_count (path), ==, 4);

  /* A file name with no known extension is refused, nothing written. */
  {
    g_autofree char *bad = tmp_file ("dialog.doc");
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
    JmExportDialog *again = jm_export_dialog_new (NULL, map, NULL);

    g_object_ref_sink (again);
    result = -1;
    g_signal_connect (again, "finished", G_CALLBACK (on_finished), &result);
    jm_export_dialog_export_to (again, bad_file);
    g_assert_cmpint (result, ==, 0);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    gtk_window_destroy (GTK_WINDOW (again));
    g_object_unref (again);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* The first row under @widget titled @title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @widget whose text holds @text. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The wall preset, chosen in the size row with its number of sheets: the
 * pages are a poster on no more sheets, none blank, and the dialog says
 * which sheets and from how far away they can be read. */
static void
test_dialog_wall_preset (void)
{
  g_autoptr(JmMap) map = make_map ();
  JmExportDialog *dialog = jm_export_dialog_new (NULL, map, NULL);
  GtkWidget *size_row, *sheets_row, *spin;
  GtkLabel *distance, *hint;
  JmExportOptions chosen;
  guint n_pages, columns = 0, rows = 0;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Fitted to the page, the default: no text under 7 pt. */
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), >, 0);
  distance = find_label (GTK_WIDGET (dialog), "Readable from about ");
  g_assert_nonnull (distance);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (distance)));
  g_test_message ("%s", gtk_label_get_text (distance));
  {
    const char *size = strstr (gtk_label_get_text (distance), "(smallest text ");
    double points = 0;

    g_assert_nonnull (size);
    g_assert_cmpint (sscanf (size, "(smallest text %lf", &points), ==, 1);
    g_assert_cmpfloat (points, >=, 7);
  }

  size_row = find_row (GTK_WIDGET (dialog), "Size");
  sheets_row = find_row (GTK_WIDGET (dialog), "Sheets on the wall");
  g_assert_true (ADW_IS_COMBO_ROW (size_row));
  g_assert_nonnull (sheets_row);
  g_assert_false (gtk_widget_get_visible (sheets_row));

  adw_combo_row_set_selected (ADW_COMBO_ROW (size_row), 3);
  spin = find_child (sheets_row, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 4);
  n_pages = jm_export_dialog_get_n_pages (dialog);
  g_assert_true (gtk_widget_get_visible (sheets_row));

  jm_export_dialog_get_options (dialog, &chosen);
  g_assert_cmpuint (chosen.sheets, ==, 4);
  jm_export_options_clear (&chosen);

  g_test_message ("%s", gtk_label_get_text (distance));
  g_assert_true (sscanf (gtk_label_get_text (distance), "%u\u00a0×\u00a0%u ", &columns, &rows) == 2);
  g_assert_cmpuint (columns * rows, <=, 4);
  g_assert_cmpuint (n_pages, ==, columns * rows + 1);
  g_assert_true (strstr (gtk_label_get_text (distance), " landscape sheets") != NULL ||
                 strstr (gtk_label_get_text (distance), " portrait sheets") != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (distance), "Readable "));
  hint = GTK_LABEL (find_child (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "warning"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Sheets a poster would leave blank are left out, and named under the
 * preview. */
static void
test_dialog_notes_blank_sheets (void)
{
  g_autoptr(JmMap) map = make_map ();
  JmExportDialog *dialog = jm_export_dialog_new (NULL, map, NULL);
  JmExportOptions options;
  GtkLabel *hint;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  hint = GTK_LABEL (find_child (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "warning"));
  g_assert_nonnull (hint);

  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_BOARD;
  options.tile_columns = 1;
  options.tile_rows = 6;
  jm_export_dialog_set_options (dialog, &options);
  /* The assembly page and the one sheet the board reaches. */
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint)));
  g_test_message ("%s", gtk_label_get_text (hint));
  g_assert_nonnull (strstr (gtk_label_get_text (hint), " sheets would be blank: the layout is too wide and short for 1\u00a0×\u00a06 sheets, so it prints on 1\u00a0×\u00a01."));
  g_assert_nonnull (strstr (gtk_label_get_text (hint), " sheets would print it "));

  /* The button under it takes the tiling suggested, and then there is no
   * better one to offer. */
  {
    GtkWidget *button = GTK_WIDGET (gtk_widget_get_next_sibling (GTK_WIDGET (hint)));
    JmExportOptions chosen;
    guint columns = 0, rows = 0;

    g_assert_true (GTK_IS_BUTTON (button));
    g_assert_true (gtk_widget_get_visible (button));
    g_assert_cmpint (sscanf (gtk_button_get_label (GTK_BUTTON (button)), "Use %u × %u Sheets", &columns, &rows), ==, 2);
    {
      g_autofree char *named = g_strdup_printf (" %u\u00a0×\u00a0%u sheets would print it ", columns, rows);

      g_assert_nonnull (strstr (gtk_label_get_text (hint), named));
    }
    g_signal_emit_by_name (button, "clicked");
    jm_export_dialog_get_options (dialog, &chosen);
    g_assert_cmpuint (chosen.tile_columns, ==, columns);
    g_assert_cmpuint (chosen.tile_rows, ==, rows);
    jm_export_options_clear (&chosen);
    g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, columns * rows + 1);
    g_assert_false (gtk_widget_get_visible (button));
  }

  /* A shape that suits the layout: no note. */
  options.tile_columns = 2;
  options.tile_rows = 1;
  jm_export_dialog_set_options (dialog, &options);
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));
  jm_export_options_clear (&options);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* A dialog closed while its pages are laid out goes at once: the worker
 * does not keep it, so it cannot outlive the window it belongs to (it
 * used to, and its last reference then found a finalised parent). */
static void
test_dialog_closed_while_laying_out (void)
{
  g_autoptr(JmMap) map = make_map ();
  GtkWidget *parent = gtk_window_new ();
  JmExportDialog *dialog;
  GtkWidget *spinner;

  gtk_window_present (GTK_WINDOW (parent));
  dialog = jm_export_dialog_new (GTK_WINDOW (parent), map, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  spinner = find_child (GTK_WIDGET (dialog), GTK_TYPE_SPINNER, NULL);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
  gtk_window_destroy (GTK_WINDOW (parent));
  /* The worker ends and finds no dialog. */
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_dialog_cancels (void)
{
  g_autoptr(JmMap) map = make_map ();
  g_autofree char *path = tmp_file ("cancelled.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportDialog *dialog = NULL;
  JmExportOptions options;
  int result = -1;

  /* Enough cards for an export that is still running when cancelled. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, "s1", "p0", "Another card");
      jm_map_append_touchpoint (map, tp);
    }
  dialog = jm_export_dialog_new (NULL, map, NULL);
  g_object_ref_sink (dialog);
  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_BOARD;
  options.scale = 1.0;
  jm_export_dialog_set_options (dialog, &options);
  jm_export_options_clear (&options);
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), >, 10);

  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &result);
  jm_export_dialog_export_to (dialog, file);
  jm_export_dialog_cancel (dialog);
  while (result < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (result, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    GDir *dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    /* No temporary file is left behind either. */
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".cancelled.pdf"));
    g_dir_close (dir);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Pages are laid out in a worker: the dialog returns at once and shows
 * that it is working; choices made meanwhile win, and an export started
 * before the layout is done writes what the controls show. */
static void
test_dialog_lays_out_in_worker (void)
{
  g_autoptr(JmMap) map = make_map ();
  g_autofree char *path = tmp_file ("worker.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportDialog *dialog = jm_export_dialog_new (NULL, map, file);
  GtkWidget *spinner;
  JmExportOptions options;
  guint expected;
  int result = -1;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  spinner = find_child (GTK_WIDGET (dialog), GTK_TYPE_SPINNER, NULL);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, 2);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  /* Two changes in a row, the second while the first is laid out. */
  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_BOARD;
  options.tile_columns = 2;
  options.tile_rows = 1;
  jm_export_dialog_set_options (dialog, &options);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  options.tile_columns = 4;
  options.tile_rows = 1;
  jm_export_dialog_set_options (dialog, &options);
  {
    /* The pages of each choice, laid out here: they differ. */
    g_autoptr(JmExportPlan) second = jm_export_plan_new (map, &options, NULL);
    g_autoptr(JmExportPlan) first = NULL;

    expected = jm_export_plan_get_n_pages (second);
    options.tile_columns = 2;
    first = jm_export_plan_new (map, &options, NULL);
    g_assert_cmpuint (jm_export_plan_get_n_pages (first), !=, expected);
  }
  jm_export_options_clear (&options);
  /* The choices read back are those shown, even before they are laid out. */
  jm_export_dialog_get_options (dialog, &options);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_cmpint (options.layout, ==, JM_EXPORT_LAYOUT_BOARD);
  g_assert_cmpuint (options.tile_columns, ==, 4);
  g_assert_cmpuint (options.tile_rows, ==, 1);
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), ==, expected);

  /* Exporting while a layout is under way. */
  options.tile_columns = 3;
  options.tile_rows = 1;
  jm_export_dialog_set_options (dialog, &options);
  jm_export_options_clear (&options);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &result);
  jm_export_dialog_export_to (dialog, file);
  while (result < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (result, ==, 1);
  if (pdf_page_count (path) >= 0)
    g_assert_cmpint (pdf_page_count (path), ==, 4);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/print/to-file", test_print_to_file);
  g_test_add_func ("/print/layout-tab", test_print_layout_tab);
  g_test_add_func ("/export-dialog/exports", test_dialog_exports);
  g_test_add_func ("/export-dialog/lays-out-in-worker", test_dialog_lays_out_in_worker);
  g_test_add_func ("/export-dialog/cancels", test_dialog_cancels);
  g_test_add_func ("/export-dialog/closed-while-laying-out", test_dialog_closed_while_laying_out);
  g_test_add_func ("/export-dialog/notes-blank-sheets", test_dialog_notes_blank_sheets);
  g_test_add_func ("/export-dialog/wall-preset", test_dialog_wall_preset);

  status = g_test_run ();

  if (tmp_dir != NULL)
    {
      const char *names[] = { "printed.pdf", "dialog.pdf", "cancelled.pdf", NULL };

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);
          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  return status;
}
