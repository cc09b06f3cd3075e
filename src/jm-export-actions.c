/* jm-export-actions.c: the window's export and print commands
 *
 * Export opens the export dialog (layout, paper, posters, a live preview);
 * Print runs the system print dialog over the same pages, drawn by the same
 * code as the PDF export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jm-export-actions.h"
#include "jm-export-dialog.h"
#include "jm-print.h"

/* The file an export is first offered as: the map's name with .pdf. */
static GFile *
suggested_file (JmWindow *window)
{
  GFile *file = jm_window_get_file (window);
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

static void
action_export (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JmWindow *window = JM_WINDOW (widget);
  JmMap *map = jm_window_get_map (window);
  g_autoptr(GFile) suggested = NULL;
  JmExportDialog *dialog;

  if (map == NULL)
    return;

  suggested = suggested_file (window);
  dialog = jm_export_dialog_new (GTK_WINDOW (window), map, suggested);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               JmWindow                *window)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  /* A failure may be reported both by run() and by ::done: say it once. */
  if (error != NULL && !g_object_get_data (G_OBJECT (operation), "jm-error-shown"))
    {
      g_object_set_data (G_OBJECT (operation), "jm-error-shown", GINT_TO_POINTER (TRUE));
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Could Not Print"),
                                                    error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
action_print (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JmWindow *window = JM_WINDOW (widget);
  JmMap *map = jm_window_get_map (window);
  g_autoptr(JmPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  JmExportOptions options;

  if (map == NULL)
    return;

  jm_export_options_init (&options);
  operation = jm_print_operation_new (map, &options);
  jm_export_options_clear (&options);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), window, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (window), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    on_print_done (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_RESULT_ERROR, window);
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
jm_export_actions_update (JmWindow *window)
{
  JmMap *map = jm_window_get_map (window);
  gboolean can_export = map != NULL && g_list_model_get_n_items (jm_map_get_stages (map)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.export", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.print", can_export);
}
