/* jm-map-actions.c: the window's commands between whole maps
 *
 * "win.merge-map" brings a breakout group's copy of the map in: it asks
 * for the file, loads it without blocking the window, and shows every
 * difference for review (JmMergeDialog) before anything changes.
 * "win.merge-map-file" does the same for a path given as its parameter.
 * The chosen changes come in as one undo step.
 *
 * "win.compare-map" (and "win.compare-map-file") opens another copy of
 * the map, such as the to-be beside the as-is, in JmCompareView.
 *
 * "win.new-to-be-map" starts the journey as it should be from the open
 * map: a copy with the same ids, its status "to be", in a new window, so
 * that the two can be compared card by card.
 *
 * "win.review-conflicts" lists the conflicts a merge left in the map
 * (journey-mapper --merge keeps them in the file) with both values to
 * pick from (JmConflictsDialog); JmConflictBar, which these commands put
 * over the board, offers it while the map has any.
 *
 * "win.import-cards" (and "win.import-cards-file" for a path) reads any
 * table, a whiteboard tool's notes or a survey's answers as CSV, and
 * shows it in JmImportDialog to map its columns to card fields.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jm-file.h"
#include "jm-compare-view.h"
#include "jm-conflict-bar.h"
#include "jm-conflicts-dialog.h"
#include "jm-file-filter.h"
#include "jm-import-dialog.h"
#include "jm-map-actions.h"
#include "jm-map-conflicts.h"
#include "jm-map-merge.h"
#include "jm-merge-dialog.h"
#include "jm-ui-util.h"

/* Larger than any table of cards a person would import. */
#define MAX_TABLE_BYTES (32 * 1024 * 1024)

static void
on_merged (JmMergeDialog *dialog,
           guint          n_taken,
           GPtrArray     *problems,
           JmBoardHost   *host)
{
  g_autofree char *title = NULL;

  if (problems->len == 0)
    /* Translators: a toast after a merge. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged %u change", "Merged %u changes", n_taken),
                             n_taken);
  else
    {
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          JmMergeConflict *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (body, "%s%s: %s", i > 0 ? "\n" : "",
                                  problem->id != NULL ? problem->id : _("the map"), problem->message);
        }
      g_message ("Changes left out of the merge:\n%s", body->str);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Merged, but %u change could not be taken: %s",
                                            "Merged, but %u changes could not be taken: %s",
                                            problems->len),
                               problems->len, body->str);
    }
  jm_board_host_show_toast (host, title);
}

static void
on_theirs_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(JmBoardHost) host = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) theirs = jm_file_load_finish (result, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  JmMap *map = jm_board_host_get_map (host);
  JmMergeDialog *dialog;

  if (theirs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jm_board_host_show_error (host, _("Could Not Merge the Map"), error->message);
      return;
    }
  if (map == NULL)
    return;
  dialog = jm_merge_dialog_new (jm_board_host_get_window (host), map, theirs, name);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merged), host, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_file (JmBoardHost *host,
            GFile       *file)
{
  jm_file_load_async (file, NULL, on_theirs_loaded, g_object_ref (host));
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         data)
{
  g_autoptr(JmBoardHost) host = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        merge_file (host, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_merge_map (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GFile *current = jm_board_host_get_file (host);
  g_autoptr(GFile) folder = current != NULL ? g_file_get_parent (current) : NULL;

  chooser = gtk_file_chooser_native_new (_("Merge Map"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Review Changes"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = jm_journey_file_filter_new ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (host));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_merge_map_file (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  merge_file (JM_BOARD_HOST (widget), file);
}

static void
on_imported (JmImportDialog *dialog,
             guint           n_cards,
             JmBoardHost    *host)
{
  /* Translators: a toast after an import. */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u card",
                                                         "Imported %u cards", n_cards),
                                            n_cards);

  jm_board_host_show_toast (host, title);
}

/* A table's text as UTF-8: as it is, or read as Western (Windows-1252)
 * text, which is what spreadsheets on Windows save as "CSV". */
static char *
table_text (const char *data,
            gsize       length)
{
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (memchr (data, '\0', length) != NULL)
    return NULL;
  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);
  return g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
}

static void
on_table_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(JmBoardHost) host = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  gsize length = 0;
  JmMap *map = jm_board_host_get_map (host);
  JmImportDialog *dialog;
  g_autoptr(GSettings) settings = NULL;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jm_board_host_show_error (host, _("Could Not Import Cards"), error->message);
      return;
    }
  text = table_text (contents, length);
  if (text == NULL)
    {
      /* Translators: %s is a file name. */
      g_autofree char *body = g_strdup_printf (_("“%s” is not a table of text. Save it from the spreadsheet as CSV."),
                                               name);

      jm_board_host_show_error (host, _("Could Not Import Cards"), body);
      return;
    }
  if (map == NULL)
    return;
  settings = jm_app_settings_new ();
  dialog = jm_import_dialog_new (jm_board_host_get_window (host), map, text, name, settings);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), host, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file (JmBoardHost *host,
             GFile       *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  if (info != NULL && g_file_info_get_size (info) > MAX_TABLE_BYTES)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name. */
      g_autofree char *body = g_strdup_printf (_("“%s” is larger than 32 MB, more than a table of cards would be."),
                                               name);

      jm_board_host_show_error (host, _("Could Not Import Cards"), body);
      return;
    }
  g_file_load_contents_async (file, NULL, on_table_loaded, g_object_ref (host));
}

static void
on_import_chooser_response (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         data)
{
  g_autoptr(JmBoardHost) host = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        import_file (host, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_import_cards (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  GFile *current = jm_board_host_get_file (host);
  g_autoptr(GFile) folder = current != NULL ? g_file_get_parent (current) : NULL;

  chooser = gtk_file_chooser_native_new (_("Import Cards"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Tables (CSV, TSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response), g_object_ref (host));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_import_cards_file (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  import_file (JM_BOARD_HOST (widget), file);
}

static void
on_other_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(JmBoardHost) host = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) other = jm_file_load_finish (result, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *this_name = NULL;
  GFile *this_file = jm_board_host_get_file (host);
  JmMap *map = jm_board_host_get_map (host);
  JmCompareView *view;

  if (other == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jm_board_host_show_error (host, _("Could Not Compare the Maps"), error->message);
      return;
    }
  if (map == NULL)
    return;
  this_name = this_file != NULL ? g_file_get_basename (this_file) : g_strdup (jm_map_get_title (map));
  view = jm_compare_view_new (jm_board_host_get_window (host), map, this_name, other, name);
  jm_compare_view_set_board (view, jm_board_host_get_canvas (host));
  gtk_window_present (GTK_WINDOW (view));
}

static void
on_compare_chooser_response (GtkNativeDialog *dialog,
                             int              response,
                             gpointer         data)
{
  g_autoptr(JmBoardHost) host = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        jm_file_load_async (file, NULL, on_other_loaded, g_object_ref (host));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_compare_map (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GFile *current = jm_board_host_get_file (host);
  g_autoptr(GFile) folder = current != NULL ? g_file_get_parent (current) : NULL;

  chooser = gtk_file_chooser_native_new (_("Compare With"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Compare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = jm_journey_file_filter_new ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_compare_chooser_response), g_object_ref (host));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_compare_map_file (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  jm_file_load_async (file, NULL, on_other_loaded, g_object_ref (widget));
}

/* "Broadband (as is)" becomes "Broadband (to be)"; other titles get
 * " (to be)" after them. */
static char *
to_be_title (const char *title)
{
  g_autofree char *as_is_label = g_utf8_strdown (jm_map_status_get_label (JM_MAP_STATUS_AS_IS), -1);
  g_autofree char *to_be_label = g_utf8_strdown (jm_map_status_get_label (JM_MAP_STATUS_TO_BE), -1);
  g_autofree char *as_is = g_strdup_printf (" (%s)", as_is_label);
  g_autofree char *to_be = g_strdup_printf (" (%s)", to_be_label);

  g_autofree char *stem = NULL;

  if (g_str_has_suffix (title, as_is))
    stem = g_strndup (title, strlen (title) - strlen (as_is));
  else if (g_str_has_suffix (title, " (as is)"))
    stem = g_strndup (title, strlen (title) - strlen (" (as is)"));
  else
    stem = g_strdup (title);
  return g_strconcat (stem, to_be, NULL);
}

static void
action_new_to_be_map (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmMap *map = jm_board_host_get_map (host);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JmMap) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (map == NULL)
    return;
  /* Through the file format: everything the map holds, ids included. */
  bytes = jm_file_write_bytes (map);
  copy = jm_file_load_bytes (bytes, jm_map_get_title (map), &error);
  if (copy == NULL)
    {
      jm_board_host_show_error (host, _("Could Not Start the To-Be Map"), error->message);
      return;
    }
  title = to_be_title (jm_map_get_title (map));
  jm_map_set_title (copy, title);
  jm_map_set_status (copy, JM_MAP_STATUS_TO_BE);
  jm_board_host_open_map (host, copy);
}

static void
on_conflicts_resolved (JmConflictsDialog *dialog,
                       guint              n_resolved,
                       JmBoardHost       *host)
{
  /* Translators: a toast after picking values for a merge's conflicts. */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resolved %u conflict",
                                                         "Resolved %u conflicts", n_resolved),
                                            n_resolved);

  jm_board_host_show_toast (host, title);
}

static void
action_review_conflicts (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JmBoardHost *host = JM_BOARD_HOST (widget);
  JmMap *map = jm_board_host_get_map (host);
  JmConflictsDialog *dialog;

  if (map == NULL || g_list_model_get_n_items (jm_map_get_conflicts (map)) == 0)
    return;
  dialog = jm_conflicts_dialog_new (jm_board_host_get_window (host), map);
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (on_conflicts_resolved), host, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The notice of conflicts over the board, made the first time the board
 * is there, and following the map shown. */
static void
update_conflict_bar (JmBoardHost *host)
{
  GtkBox *area = jm_board_host_get_board_area (host);
  GtkWidget *bar = NULL;

  if (area == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (area)); child != NULL && bar == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (JM_IS_CONFLICT_BAR (child))
      bar = child;
  if (bar == NULL)
    {
      bar = jm_conflict_bar_new ();
      gtk_box_prepend (area, bar);
    }
  jm_conflict_bar_set_map (JM_CONFLICT_BAR (bar), jm_board_host_get_map (host));
}

/**
 * jm_map_actions_install:
 *
 * Installs the commands between maps on the window class.
 */
void
jm_map_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.merge-map", NULL, action_merge_map);
  gtk_widget_class_install_action (widget_class, "win.merge-map-file", "s", action_merge_map_file);
  gtk_widget_class_install_action (widget_class, "win.compare-map", NULL, action_compare_map);
  gtk_widget_class_install_action (widget_class, "win.new-to-be-map", NULL, action_new_to_be_map);
  gtk_widget_class_install_action (widget_class, "win.compare-map-file", "s", action_compare_map_file);
  gtk_widget_class_install_action (widget_class, "win.import-cards", NULL, action_import_cards);
  gtk_widget_class_install_action (widget_class, "win.import-cards-file", "s", action_import_cards_file);
  gtk_widget_class_install_action (widget_class, "win.review-conflicts", NULL, action_review_conflicts);
}

/**
 * jm_map_actions_update:
 *
 * Enables the commands when the window shows a map.
 */
void
jm_map_actions_update (JmBoardHost *host)
{
  gboolean has_map = jm_board_host_get_map (host) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.merge-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.merge-map-file", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.compare-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.new-to-be-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.compare-map-file", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.import-cards", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.import-cards-file", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (host), "win.review-conflicts",
                                 has_map && g_list_model_get_n_items (jm_map_get_conflicts (jm_board_host_get_map (host))) > 0);
  update_conflict_bar (host);
}
