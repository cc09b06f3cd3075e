/* jm-window-files.c: opening, saving, recovering and closing a window's map
 *
 * Reading and writing run in the background on the window's JmDocument;
 * what is here asks the questions around them: where a map opens (this
 * window if nothing would be lost, otherwise a new one), whether to save
 * over a file changed on disk or read-only, which drafts to recover, and
 * whether to save before closing.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-draft.h"
#include "jm-file.h"
#include "jm-file-filter.h"
#include "jm-session.h"
#include "jm-window-private.h"

/* How long a window opened for a file waits for it before showing anyway. */
#define PRESENT_DELAY_MS 200

static void save_to_file (JmWindow *self,
                          GFile    *file);

/* Opening. */

typedef struct
{
  JmWindow   *self;
  JmDocument *document;
  GFile      *file;
} FileOp;

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->document);
  g_clear_object (&op->file);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileOp, file_op_free)

static FileOp *
file_op_new (JmWindow *self,
             GFile    *file)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->self = g_object_ref (self);
  op->document = g_object_ref (self->document);
  op->file = g_object_ref (file);
  return op;
}

static void
on_load_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  JmWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_document_load_finish (op->document, result, &error);
  gboolean present = self->present_source != 0;

  g_clear_handle_id (&self->present_source, g_source_remove);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _jm_window_update_actions (self);

  if (map == NULL)
    {
      g_autofree char *base = g_file_get_basename (op->file);
      g_autofree char *name = g_filename_display_name (base);
      /* Translators: %s is a file name. */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (present)
        gtk_window_present (GTK_WINDOW (self));
      jm_window_show_error (self, heading, error->message);
      return;
    }

  /* A window that opens with this map shows the board first: the outline's
   * rows cost about as much to build and lay out as the board's first
   * view, and they come one frame later. */
  self->outline_after_frame = present;
  jm_window_set_map (self, map, op->file);
  if (present)
    gtk_window_present (GTK_WINDOW (self));
  jm_session_add_recent (jm_session_get_default (), op->file);
}

/**
 * jm_window_open:
 * @file: a .journey file
 *
 * Reads @file in the background and shows it in this window; a file that
 * cannot be read leaves the window as it was and says why.
 */
void
jm_window_open (JmWindow *self,
                GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  jm_document_load_async (self->document, file, on_load_finished, file_op_new (self, file));
  _jm_window_update_actions (self);
}

/**
 * jm_window_new_for_file:
 * @application: the application
 * @file: a .journey file
 *
 * A new window that opens @file as jm_window_open() does, except that the
 * file is read in the background while the window is being built: reading
 * a large map and building the window then overlap.
 *
 * Returns: (transfer none): the window, owned by @application
 */
/**
 * jm_window_new_for_map:
 * @map: a map with no file yet, such as a copy to become another map
 *
 * Returns: (transfer floating): a new window showing @map, unsaved
 */
JmWindow *
jm_window_new_for_map (GtkApplication *application,
                       JmMap          *map)
{
  JmWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  self = jm_window_new (application);
  jm_window_set_map (self, map, NULL);
  return self;
}

JmWindow *
jm_window_new_for_file (GtkApplication *application,
                        GFile          *file)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  FileOp *op = g_new0 (FileOp, 1);
  JmWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* The result comes from the main loop, once the window below exists. */
  op->file = g_object_ref (file);
  op->document = g_object_ref (document);
  jm_document_load_async (document, file, on_load_finished, op);
  self = jm_window_new (application);
  op->self = g_object_ref (self);
  _jm_window_set_document (self, document);
  _jm_window_update_actions (self);
  return self;
}

static gboolean
present_while_loading (gpointer data)
{
  JmWindow *self = data;

  self->present_source = 0;
  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/**
 * jm_window_present_when_open:
 *
 * Presents a window that jm_window_open() is filling: once its map shows (or
 * the file turned out unreadable), so that its first frame is the map rather
 * than the start page, or after a moment if reading takes long.
 */
void
jm_window_present_when_open (JmWindow *self)
{
  g_return_if_fail (JM_IS_WINDOW (self));

  if (!jm_document_get_busy (self->document) || gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (self->present_source == 0)
    self->present_source = g_timeout_add (PRESENT_DELAY_MS, present_while_loading, self);
}

/**
 * jm_window_find_for_file:
 * @file: a map's file
 *
 * Returns: (transfer none) (nullable): the window showing the session's
 *   document saved to @file
 */
JmWindow *
jm_window_find_for_file (GFile *file)
{
  JmDocument *document;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  document = jm_session_find_document (jm_session_get_default (), file);
  if (document == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_WINDOW (window) && JM_WINDOW (window)->document == document)
        return JM_WINDOW (window);
    }
  return NULL;
}

/* Where a map opened from this window goes: here if nothing would be lost,
 * otherwise a new window. */
static JmWindow *
target_window (JmWindow *self)
{
  JmWindow *window;

  if (jm_window_is_replaceable (self))
    return self;
  window = jm_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
_jm_window_open_file (JmWindow *self,
                      GFile    *file)
{
  JmWindow *existing = jm_window_find_for_file (file);

  if (existing != NULL)
    {
      gtk_window_present (GTK_WINDOW (existing));
      return;
    }
  jm_window_open (target_window (self), file);
}

/**
 * jm_window_open_sample:
 * @resource_path: a sample map in the app's resources
 *
 * Shows a copy of a sample: it has no file, so saving asks for a name.
 */
void
jm_window_open_sample (JmWindow   *self,
                       const char *resource_path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (resource_path != NULL);

  name = g_path_get_basename (resource_path);
  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    map = jm_file_load_bytes (bytes, name, &error);
  if (map == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      jm_window_show_error (self, heading, error->message);
      return;
    }
  jm_window_set_map (target_window (self), map, NULL);
}

void
_jm_window_new_from_template (JmWindow   *self,
                              const char *template_id)
{
  g_autoptr(JmMap) map = jm_map_new_from_template (template_id);

  if (map == NULL)
    return;
  jm_window_set_map (target_window (self), map, NULL);
}

/* Changes on disk. */

static void
on_disk_changed_response (AdwMessageDialog *dialog,
                          const char       *response,
                          JmWindow         *self)
{
  if (g_str_equal (response, "overwrite") && jm_document_get_map (self->document) != NULL && jm_document_get_file (self->document) != NULL)
    {
      self->overwrite_confirmed = TRUE;
      save_to_file (self, jm_document_get_file (self->document));
    }
  else
    {
      self->read_only_confirmed = FALSE;
      if (g_str_equal (response, "save-as") && jm_document_get_map (self->document) != NULL)
        _jm_window_save_as (self);
      else
        self->close_after_save = FALSE;
    }
}

/* Before saving over the file the map came from: if another program
 * changed, moved or deleted it since, the user decides. */
static gboolean
disk_unchanged_or_confirmed (JmWindow *self,
                             GFile    *file)
{
  gboolean gone = FALSE;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->overwrite_confirmed)
    {
      self->overwrite_confirmed = FALSE;
      return TRUE;
    }
  if (!jm_document_changed_on_disk (self->document, file, &gone))
    return TRUE;

  name = g_file_get_basename (file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   !gone ? _("File Changed on Disk")
                                               : _("File Moved or Deleted"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  !gone
                                  ? _("The file “%s” was changed by another program since you opened it. Saving replaces those changes with this map.")
                                  : _("The file “%s” was moved or deleted by another program since you opened it. Saving writes this map there again."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "overwrite", !gone ? _("_Overwrite") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disk_changed_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/**
 * jm_window_recover_draft:
 * @id: a draft's id, from jm_draft_list_recoverable()
 *
 * Opens the work kept in a draft whose window is gone: in @self if it shows
 * nothing the user made, otherwise in a new window. The map opens as
 * modified, with its original file (if it had one) so that Save writes
 * there; the window keeps writing the same draft.
 *
 * Returns: (transfer none) (nullable): the window showing the map, or %NULL
 *   if the draft could not be recovered
 */
JmWindow *
jm_window_recover_draft (JmWindow    *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(JmDraft) draft = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GFile) file = NULL;
  JmWindow *target;

  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  draft = jm_draft_claim (NULL, id, error);
  if (draft == NULL)
    return NULL;
  map = jm_draft_load (draft, &file, NULL, error);
  if (map == NULL)
    return NULL;

  target = jm_window_is_replaceable (self)
           ? self
           : jm_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  jm_document_take_draft (target->document, g_steal_pointer (&draft));
  jm_history_mark_unsaved (jm_map_get_history (map));
  jm_window_set_map (target, map, file);
  gtk_window_present (GTK_WINDOW (target));
  return target;
}

static void offer_next_draft (JmWindow  *self,
                              GPtrArray *drafts);

static void
on_recover_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JmWindow         *self)
{
  GPtrArray *drafts = g_object_get_data (G_OBJECT (dialog), "jm-drafts");
  JmDraftInfo *info = g_ptr_array_steal_index (drafts, 0);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "recover"))
    {
      if (jm_window_recover_draft (self, info->id, &error) == NULL)
        jm_window_show_error (self, _("Could Not Recover the Work"), error->message);
    }
  else if (g_str_equal (response, "discard"))
    {
      g_autoptr(JmDraft) draft = jm_draft_claim (NULL, info->id, NULL);

      if (draft != NULL)
        jm_draft_discard (draft);
    }
  jm_draft_info_free (info);
  offer_next_draft (self, drafts);
}

static char *
format_written (GDateTime *written)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (now) == g_date_time_get_year (written) &&
      g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (written))
    /* Translators: when a draft was written today, as strftime() reads it. */
    return g_date_time_format (written, _("%H:%M"));
  /* Translators: when a draft was written before today, as strftime() reads it. */
  return g_date_time_format (written, _("%e %B, %H:%M"));
}

static void
offer_next_draft (JmWindow  *self,
                  GPtrArray *drafts)
{
  JmDraftInfo *info;
  g_autofree char *written = NULL;
  const char *title;
  GtkWidget *dialog;

  if (drafts->len == 0)
    return;
  info = drafts->pdata[0];
  written = format_written (info->written);
  title = *info->title != '\0' ? info->title : _("Untitled Map");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Work?"), NULL);
  if (info->file_is_newer)
    /* Translators: the first %s is a map's title, the second a time. */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s”, written %s, was not saved before the app stopped. Its file was changed after that: it may hold newer work than this draft."),
                                    title, written);
  else
    /* Translators: the first %s is a map's title, the second a time. */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s”, written %s, was not saved before the app stopped."),
                                    title, written);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  /* Escape keeps the draft for the next start. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "jm-drafts", g_ptr_array_ref (drafts),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recover_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * jm_window_offer_recovery:
 *
 * Offers, one after the other, to recover each draft left by a window that
 * is gone (the app crashed or was killed). Drafts of windows still open,
 * in this instance or another, are not offered.
 *
 * Returns: the number of drafts offered
 */
guint
jm_window_offer_recovery (JmWindow *self)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (JM_IS_WINDOW (self), 0);

  drafts = jm_session_list_recoverable (jm_session_get_default ());
  offer_next_draft (self, drafts);
  return drafts->len;
}

/* Saving. */

static void
finish_close (JmWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* The reason in a save's error ("Could not save “NAME”: the disk is
 * full"), as a sentence: the dialog's heading already says what failed. */
static char *
save_failure_reason (const char *message)
{
  g_autofree char *format = g_strdup (_("Could not save “%s”: %s"));
  char *name_at = strstr (format, "%s");
  const char *rest;
  const char *reason;
  GString *sentence;

  if (name_at == NULL)
    return g_strdup (message);
  *name_at = '\0';
  rest = name_at + 2;
  /* What follows the name in the format, up to the reason: "”: ". */
  if (!g_str_has_prefix (message, format))
    return g_strdup (message);
  {
    g_autofree char *between = g_strndup (rest, strstr (rest, "%s") != NULL
                                                ? (gsize) (strstr (rest, "%s") - rest)
                                                : strlen (rest));

    reason = strstr (message + strlen (format), between);
    if (reason == NULL || *between == '\0')
      return g_strdup (message);
    reason += strlen (between);
  }
  sentence = g_string_new (NULL);
  if (*reason != '\0')
    {
      g_autofree char *first = g_utf8_strup (reason, g_utf8_next_char (reason) - reason);

      g_string_append (sentence, first);
      g_string_append (sentence, g_utf8_next_char (reason));
    }
  if (sentence->len > 0 && !strchr (".!?", sentence->str[sentence->len - 1]))
    g_string_append_c (sentence, '.');
  return g_string_free (sentence, FALSE);
}

static void
on_save_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  JmWindow *self = op->self;
  g_autoptr(GError) error = NULL;

  if (!jm_document_save_finish (op->document, op->file, result, &error))
    {
      g_autofree char *base = g_file_get_basename (op->file);
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      g_autofree char *reason = NULL;

      /* A failed save never closes the window. */
      self->close_after_save = FALSE;
      _jm_window_update_actions (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          reason = save_failure_reason (error->message);
          jm_window_show_error (self, heading, reason);
        }
      return;
    }

  jm_session_add_recent (jm_session_get_default (), op->file);
  _jm_window_update_title (self);
  _jm_window_update_actions (self);

  if (self->close_after_save)
    finish_close (self);
}

static void
on_read_only_response (AdwMessageDialog *dialog,
                       const char       *response,
                       JmWindow         *self)
{
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (dialog), "jm-file");

  if (g_str_equal (response, "overwrite") && jm_document_get_map (self->document) != NULL && file != NULL)
    {
      self->read_only_confirmed = TRUE;
      save_to_file (self, file);
    }
  else if (g_str_equal (response, "save-as") && jm_document_get_map (self->document) != NULL)
    _jm_window_save_as (self);
  else
    self->close_after_save = FALSE;
}

/* Replacing a read-only file is a change on disk the user did not ask
 * for by pressing Save: ask first. */
static gboolean
writable_or_confirmed (JmWindow *self,
                       GFile    *file)
{
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  /* Reset once the save starts: the question about a changed file may
   * come in between. */
  if (self->read_only_confirmed || !jm_document_is_read_only (file))
    return TRUE;

  name = g_file_get_basename (file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Is Read-Only"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The file “%s” is read-only. Saving replaces it with this map; "
                                    "Save As keeps it and writes a new file."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jm-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_read_only_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
save_to_file (JmWindow *self,
              GFile    *file)
{
  g_assert (jm_document_get_map (self->document) != NULL);

  if (!writable_or_confirmed (self, file))
    return;
  if (!disk_unchanged_or_confirmed (self, file))
    return;
  self->read_only_confirmed = FALSE;
  jm_document_save_async (self->document, file, on_save_finished, file_op_new (self, file));
  _jm_window_update_actions (self);
}

static void
on_save_dialog_response (GtkNativeDialog *dialog,
                         int              response,
                         JmWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || jm_document_get_map (self->document) == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  {
    g_autofree char *base = g_file_get_basename (file);

    /* A name typed without the extension still gets one, so the file is
     * recognised as a map later. */
    if (base != NULL && strchr (base, '.') == NULL)
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *named = g_strconcat (base, ".journey", NULL);

        if (parent != NULL)
          g_set_object (&file, g_file_get_child (parent, named));
      }
  }
  save_to_file (self, file);
}

void
_jm_window_save_as (JmWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = _jm_window_display_name (self);
  g_autofree char *file_name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Map As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  {
    g_autoptr(GtkFileFilter) journeys = jm_journey_file_filter_new ();

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), journeys);
  }
  g_strdelimit (name, "/\\", '-');
  file_name = g_strconcat (name, ".journey", NULL);
  if (jm_document_get_file (self->document) != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (jm_document_get_file (self->document));

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
      g_free (file_name);
      file_name = g_file_get_basename (jm_document_get_file (self->document));
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_jm_window_save (JmWindow *self)
{
  if (jm_document_get_map (self->document) == NULL)
    return;
  jm_canvas_commit_edit (self->canvas);
  if (jm_document_get_file (self->document) == NULL)
    _jm_window_save_as (self);
  else
    save_to_file (self, jm_document_get_file (self->document));
}

/* Closing. */

static gboolean
close_when_idle (gpointer data)
{
  finish_close (data);
  return G_SOURCE_REMOVE;
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JmWindow         *self)
{
  /* The dialog is still being answered: the window, its parent, goes once
   * the dialog is gone. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      _jm_window_save (self);
    }
}

void
_jm_window_ask_about_unsaved (JmWindow *self)
{
  g_autofree char *name = _jm_window_display_name (self);
  /* Translators: %s is the map's title. */
  g_autofree char *heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  GtkWidget *dialog;

  /* Asked again (a second click on close, or Quit), the same question. */
  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Changes that are not saved will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response), self, 0);
  self->unsaved_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
