/* jm-persona-actions.c: the window's persona commands
 *
 * "win.edit-persona" opens the persona editor; "win.walk-persona" walks the
 * journey as one persona: the board keeps that lane bright and dims the
 * others (a view setting, the file is untouched) and a bar above the board
 * shows the persona's emotion across the stages; "win.import-personas" and
 * "win.export-personas" carry personas between maps through persona files;
 * "win.print-persona-sheet" exports one persona's printable sheet as PDF.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-persona-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-edits.h"
#include "jm-export.h"
#include "jm-file.h"
#include "jm-persona-actions.h"
#include "jm-file-filter.h"
#include "jm-persona-editor.h"
#include "jm-persona-file.h"

/* The persona a command applies to: the selected one, the lane of the
 * selected card or cell, or else the first. */
JmPersona *
jm_persona_actions_get_persona (JmBoardHost *host)
{
  JmMap *map = jm_board_host_get_map (host);
  JmOutline *outline = jm_board_host_get_outline (host);
  gpointer selected;
  JmPersona *persona = NULL;
  g_autoptr(JmPersona) first = NULL;

  if (map == NULL)
    return NULL;
  selected = jm_outline_get_selected_object (outline);
  if (JM_IS_PERSONA (selected))
    return selected;
  if (JM_IS_TOUCHPOINT (selected))
    persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (selected));
  if (persona == NULL)
    jm_outline_get_selected_cell (outline, NULL, &persona);
  if (persona != NULL)
    return persona;
  first = g_list_model_get_item (jm_map_get_personas (map), 0);
  return first;   /* the map holds it */
}

/* Editing. */

static void
action_edit_persona (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmMap *map = jm_board_host_get_map (host);
  JmPersona *persona = jm_persona_actions_get_persona (host);
  JmPersonaEditor *editor;

  if (map == NULL)
    return;
  if (persona == NULL)
    persona = jm_edits_add_persona_after (map, NULL);
  editor = jm_persona_editor_new (jm_board_host_get_window (host), map, persona);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Walking the journey as one persona. */

/**
 * jm_persona_actions_get_walking:
 *
 * Returns: (transfer none) (nullable): the persona whose journey the window
 *   walks, %NULL when it shows all lanes alike
 */
JmPersona *
jm_persona_actions_get_walking (JmBoardHost *host)
{
  return jm_board_host_get_walking (host);
}

static void
action_walk_persona (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmPersona *persona = jm_persona_actions_get_persona (host);
  JmPersona *walking = jm_persona_actions_get_walking (host);

  if (walking != NULL && (persona == NULL || persona == walking))
    jm_board_host_walk (host, NULL);
  else if (persona != NULL)
    jm_board_host_walk (host, persona);
}

/* Choosing personas from a list. */

typedef enum {
  CHOOSE_IMPORT,
  CHOOSE_EXPORT,
} ChooseMode;

typedef struct
{
  JmBoardHost *host;
  JmMap      *source;
  ChooseMode  mode;
  GPtrArray  *checks;   /* GtkCheckButton, one per persona of @source */
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_object_unref (choice->host);
  g_object_unref (choice->source);
  g_ptr_array_unref (choice->checks);
  g_free (choice);
}

static GStrv
choice_ids (Choice *choice)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < choice->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (choice->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "persona-id"));
    }
  return g_strv_builder_end (builder);
}

/* A chooser opens in the folder of the map it works for, not in the
 * folder the program was started from. */
static void
open_in_map_folder (GtkFileChooser *chooser,
                    JmBoardHost    *host)
{
  GFile *file = jm_board_host_get_file (host);
  g_autoptr(GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;

  if (parent != NULL)
    gtk_file_chooser_set_current_folder (chooser, parent, NULL);
}

static void
on_export_chooser_response (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         data)
{
  Choice *choice = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_auto(GStrv) ids = choice_ids (choice);
      g_autoptr(JmMap) personas = jm_persona_file_export (choice->source, (const char * const *) ids);
      g_autoptr(GError) error = NULL;

      if (personas != NULL && file != NULL)
        {
          if (jm_file_save (personas, file, NULL, &error))
            {
              g_autofree char *name = g_file_get_basename (file);
              g_autofree char *title = g_strdup_printf (_("Personas exported to “%s”"), name);

              jm_board_host_show_toast (choice->host, title);
            }
          else
            jm_board_host_show_error (choice->host, _("Could Not Export Personas"), error->message);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  choice_free (choice);
}

static void
export_choose_file (Choice *choice)
{
  g_auto(GStrv) ids = choice_ids (choice);
  JmPersona *first = jm_map_lookup_persona (choice->source, ids[0]);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Export Personas"), jm_board_host_get_window (choice->host),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = jm_journey_file_filter_new ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (g_strv_length (ids) == 1 && *jm_persona_get_name (first) != '\0')
    name = g_strdup_printf ("%s.journey", jm_persona_get_name (first));
  else
    name = g_strdup_printf ("%s.journey", _("Personas"));
  g_strdelimit (name, "/\\", '-');
  open_in_map_folder (GTK_FILE_CHOOSER (chooser), choice->host);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_choice_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          data)
{
  Choice *choice = data;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "cancel"))
    {
      choice_free (choice);
      return;
    }
  ids = choice_ids (choice);
  if (choice->mode == CHOOSE_EXPORT)
    {
      export_choose_file (choice);
      return;
    }
  if (jm_board_host_get_map (choice->host) == NULL)
    {
      choice_free (choice);
      return;
    }
  if (jm_persona_file_import (jm_board_host_get_map (choice->host), choice->source,
                              (const char * const *) ids, &error))
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u persona imported",
                                                             "%u personas imported",
                                                             g_strv_length (ids)),
                                                g_strv_length (ids));
      jm_board_host_show_toast (choice->host, title);
    }
  else
    jm_board_host_show_error (choice->host, _("Could Not Import Personas"), error->message);
  choice_free (choice);
}

static void
on_check_toggled (AdwMessageDialog *dialog)
{
  Choice *choice = g_object_get_data (G_OBJECT (dialog), "choice");
  g_auto(GStrv) ids = choice_ids (choice);
  const char *response = choice->mode == CHOOSE_IMPORT ? "import" : "export";

  adw_message_dialog_set_response_enabled (dialog, response, ids[0] != NULL);
}

static GtkWidget *
choose_personas (JmBoardHost *host,
                 JmMap      *source,
                 ChooseMode  mode,
                 const char *source_name)
{
  GListModel *personas = jm_map_get_personas (source);
  JmPersona *selected = mode == CHOOSE_EXPORT ? jm_persona_actions_get_persona (host) : NULL;
  gboolean only_selected = selected != NULL &&
                           JM_IS_PERSONA (jm_outline_get_selected_object (jm_board_host_get_outline (host)));
  Choice *choice = g_new0 (Choice, 1);
  GtkWidget *dialog, *list, *scrolled;
  g_autofree char *body = NULL;

  choice->host = g_object_ref (host);
  choice->source = g_object_ref (source);
  choice->mode = mode;
  choice->checks = g_ptr_array_new ();

  if (mode == CHOOSE_IMPORT)
    body = g_strdup_printf (_("Choose the personas of “%s” to add to this map, each with a lane of its own. Their touchpoints stay behind."),
                            source_name);
  else
    body = g_strdup (_("Choose the personas to save in a persona file, which any map can import."));
  dialog = adw_message_dialog_new (jm_board_host_get_window (host),
                                   mode == CHOOSE_IMPORT ? _("Import Personas") : _("Export Personas"),
                                   body);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (personas, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *name = jm_persona_get_name (persona);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name != '\0' ? name : _("Unnamed"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (*jm_persona_get_role (persona) != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), jm_persona_get_role (persona));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !only_selected || persona == selected);
      g_object_set_data_full (G_OBJECT (check), "persona-id", g_strdup (jm_persona_get_id (persona)), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), dialog, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (choice->checks, check);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  /* The dialog would otherwise give the list the height of two rows. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (g_list_model_get_n_items (personas), 4) * 64);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (mode == CHOOSE_IMPORT)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
  else
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "export", _("_Export…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              mode == CHOOSE_IMPORT ? "import" : "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           mode == CHOOSE_IMPORT ? "import" : "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "choice", choice);
  g_signal_connect (dialog, "response", G_CALLBACK (on_choice_response), choice);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * jm_persona_actions_choose:
 * @source: the map to import personas from
 * @source_name: its name, for the dialog
 *
 * Asks which personas of @source to import into the window's map, and
 * imports them. The file chooser of "win.import-personas" ends here.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
jm_persona_actions_choose (JmBoardHost *host,
                           JmMap      *source,
                           const char *source_name)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (host), NULL);
  g_return_val_if_fail (JM_IS_MAP (source), NULL);

  return choose_personas (host, source, CHOOSE_IMPORT, source_name);
}

static void
on_import_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(JmBoardHost) host = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) source = jm_file_load_finish (result, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (object));

  if (source == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jm_board_host_show_error (host, _("Could Not Import Personas"), error->message);
      return;
    }
  if (g_list_model_get_n_items (jm_map_get_personas (source)) == 0)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” has no personas."), name);

      jm_board_host_show_error (host, _("Nothing to Import"), body);
      return;
    }
  if (jm_board_host_get_map (host) != NULL)
    jm_persona_actions_choose (host, source, name);
}

static void
on_import_chooser_response (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         data)
{
  JmBoardHost *host = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        jm_file_load_async (file, NULL, on_import_loaded, g_object_ref (host));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (host);
}

static void
action_import_personas (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Import Personas"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = jm_journey_file_filter_new ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  open_in_map_folder (GTK_FILE_CHOOSER (chooser), JM_BOARD_HOST (widget));
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_export_personas (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmMap *map = jm_board_host_get_map (host);

  if (map != NULL && g_list_model_get_n_items (jm_map_get_personas (map)) > 0)
    choose_personas (host, map, CHOOSE_EXPORT, NULL);
}

/* A persona sheet as PDF: the same layout as "journey-mapper --export
 * --layout=persona". */

typedef struct
{
  JmBoardHost *host;
  char     *persona_id;
} SheetExport;

static void
on_sheet_chooser_response (GtkNativeDialog *dialog,
                           int              response,
                           gpointer         data)
{
  SheetExport *sheet = data;
  JmMap *map = jm_board_host_get_map (sheet->host);

  if (response == GTK_RESPONSE_ACCEPT && map != NULL &&
      jm_map_lookup_persona (map, sheet->persona_id) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(JmExportPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      GFile *source = jm_board_host_get_file (sheet->host);
      JmExportOptions options;

      jm_export_options_init (&options);
      options.layout = JM_EXPORT_LAYOUT_PERSONA;
      options.persona_ids = g_new0 (char *, 2);
      options.persona_ids[0] = g_strdup (sheet->persona_id);
      options.source_name = source != NULL ? g_file_get_basename (source) : NULL;
      plan = jm_export_plan_new (map, &options, &error);
      if (plan != NULL && file != NULL &&
          jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *title = g_strdup_printf (_("Persona sheet exported to “%s”"), name);

          jm_board_host_show_toast (sheet->host, title);
        }
      else if (error != NULL)
        jm_board_host_show_error (sheet->host, _("Could Not Export the Persona Sheet"), error->message);
      jm_export_options_clear (&options);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (sheet->host);
  g_free (sheet->persona_id);
  g_free (sheet);
}

static void
action_print_persona_sheet (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmPersona *persona = jm_persona_actions_get_persona (host);
  SheetExport *sheet;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;

  if (persona == NULL)
    return;
  sheet = g_new0 (SheetExport, 1);
  sheet->host = g_object_ref (host);
  sheet->persona_id = g_strdup (jm_persona_get_id (persona));
  chooser = gtk_file_chooser_native_new (_("Export Persona Sheet"), jm_board_host_get_window (host),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  name = g_strdup_printf ("%s.pdf", *jm_persona_get_name (persona) != '\0'
                                    ? jm_persona_get_name (persona) : _("Persona"));
  g_strdelimit (name, "/\\", '-');
  open_in_map_folder (GTK_FILE_CHOOSER (chooser), host);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_sheet_chooser_response), sheet);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * jm_persona_actions_install:
 *
 * Installs the persona actions on the window class.
 */
void
jm_persona_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit-persona", NULL, action_edit_persona);
  gtk_widget_class_install_action (widget_class, "win.walk-persona", NULL, action_walk_persona);
  gtk_widget_class_install_action (widget_class, "win.import-personas", NULL, action_import_personas);
  gtk_widget_class_install_action (widget_class, "win.export-personas", NULL, action_export_personas);
  gtk_widget_class_install_action (widget_class, "win.print-persona-sheet", NULL,
                                   action_print_persona_sheet);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.edit-persona", NULL);
}

/**
 * jm_persona_actions_update:
 *
 * Enables the persona actions for the window's map, and stops walking a
 * persona that has left it.
 */
void
jm_persona_actions_update (JmBoardHost *host)
{
  JmMap *map = jm_board_host_get_map (host);
  JmPersona *walking = jm_persona_actions_get_walking (host);
  gboolean has_personas = map != NULL && g_list_model_get_n_items (jm_map_get_personas (map)) > 0;

  if (walking != NULL && (map == NULL || !jm_map_find_persona (map, walking, NULL)))
    jm_board_host_walk (host, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.edit-persona", map != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.walk-persona", has_personas);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.import-personas", map != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.export-personas", has_personas);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.print-persona-sheet", has_personas);
}
