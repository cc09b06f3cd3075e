/* jm-export-actions.c: the window's export and print commands
 *
 * Export opens the export dialog (layout, paper, posters, a live preview);
 * Print runs the system print dialog over the same pages, drawn by the same
 * code as the PDF export.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jm-export-actions.h"
#include "jm-ui-util.h"
#include "jm-export-dialog.h"
#include "jm-print.h"

/* The file an export is first offered as: the map's name with .pdf. */
static GFile *
suggested_file (JmBoardHost *host)
{
  GFile *file = jm_board_host_get_file (host);
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  char *dot;

  if (file == NULL)
    return NULL;

  basename = g_file_get_basename (file);
  stem = g_strdup (basename);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  name = g_strconcat (stem, ".pdf", NULL);
  parent = g_file_get_parent (file);
  return parent != NULL ? g_file_get_child (parent, name) : NULL;
}

/* Sets @options from the choices of the last export, where there are any. */
static void
apply_remembered_choices (JmExportOptions *options)
{
  g_autoptr(GSettings) settings = jm_app_settings_new ();
  g_autofree char *paper = NULL;
  g_autofree char *orientation = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *overlap = NULL;
  JmExportOptions remembered;

  if (settings == NULL)
    return;

  paper = g_settings_get_string (settings, "export-paper");
  orientation = g_settings_get_string (settings, "export-orientation");
  layout = g_settings_get_string (settings, "export-layout");
  overlap = g_strdup_printf ("%gmm", g_settings_get_double (settings, "export-overlap-mm"));

  /* A stored value this version does not understand is left at the
   * default: try on a copy. */
  jm_export_options_copy (&remembered, options);
  if (jm_export_options_apply (&remembered, layout, paper, orientation, NULL, NULL, overlap, NULL))
    {
      jm_export_options_clear (options);
      jm_export_options_copy (options, &remembered);
    }
  jm_export_options_clear (&remembered);
}

static void
load_export_choices (JmExportDialog *dialog)
{
  JmExportOptions options;

  jm_export_dialog_get_options (dialog, &options);
  apply_remembered_choices (&options);
  jm_export_dialog_set_options (dialog, &options);
  jm_export_options_clear (&options);
}

static char *
paper_name (const JmExportOptions *options)
{
  const char * const *names = jm_paper_list_names ();
  double w = MIN (options->paper_width, options->paper_height);
  double h = MAX (options->paper_width, options->paper_height);

  for (guint i = 0; names[i] != NULL; i++)
    {
      double pw, ph;

      if (jm_paper_parse (names[i], &pw, &ph, NULL) &&
          fabs (MIN (pw, ph) - w) < 0.5 && fabs (MAX (pw, ph) - h) < 0.5)
        return g_strdup (names[i]);
    }
  return g_strdup_printf ("%.0fx%.0fmm", JM_PT_TO_MM (w), JM_PT_TO_MM (h));
}

static void
on_export_finished (JmExportDialog *dialog,
                    gboolean        success)
{
  static const char *layouts[] = { "grid", "board", "persona" };
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *paper = NULL;
  JmExportOptions options;

  if (!success || (settings = jm_app_settings_new ()) == NULL)
    return;

  jm_export_dialog_get_options (dialog, &options);
  paper = paper_name (&options);
  g_settings_set_string (settings, "export-paper", paper);
  g_settings_set_string (settings, "export-orientation", options.landscape ? "landscape" : "portrait");
  if (options.layout < G_N_ELEMENTS (layouts))
    g_settings_set_string (settings, "export-layout", layouts[options.layout]);
  g_settings_set_double (settings, "export-overlap-mm", JM_PT_TO_MM (options.overlap));
  jm_export_options_clear (&options);
}

static void
action_export (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmMap *map = jm_board_host_get_map (host);
  g_autoptr(GFile) suggested = NULL;
  JmExportDialog *dialog;

  if (map == NULL)
    return;

  suggested = suggested_file (host);
  dialog = jm_export_dialog_new (jm_board_host_get_window (host), map, suggested);
  load_export_choices (dialog);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_export_finished), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               JmBoardHost             *host)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  /* A failure may be reported both by run() and by ::done: say it once. */
  if (error != NULL && !g_object_get_data (G_OBJECT (operation), "jm-error-shown"))
    {
      g_object_set_data (G_OBJECT (operation), "jm-error-shown", GINT_TO_POINTER (TRUE));
      jm_board_host_show_error (host, _("Could Not Print"), error->message);
    }
}

static void
action_print (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmMap *map = jm_board_host_get_map (host);
  g_autoptr(JmPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  JmExportOptions options;

  if (map == NULL)
    return;

  jm_export_options_init (&options);
  apply_remembered_choices (&options);
  operation = jm_print_operation_new (map, &options);
  jm_export_options_clear (&options);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), host, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               jm_board_host_get_window (host), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    on_print_done (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_RESULT_ERROR, host);
}

void
jm_export_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, action_print);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}

/**
 * jm_export_actions_update:
 *
 * Enables export and printing when the window shows a map with stages.
 */
void
jm_export_actions_update (JmBoardHost *host)
{
  JmMap *map = jm_board_host_get_map (host);
  gboolean can_export = map != NULL && g_list_model_get_n_items (jm_map_get_stages (map)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.export", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.print", can_export);
}
