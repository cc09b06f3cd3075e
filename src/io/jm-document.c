/* jm-document.c: one open map, its file and its draft
 *
 * A document is what a window shows: a map (or none, the start page), the
 * file it is saved to, what that file looked like on disk when it was read
 * or last saved, whether a load or save is running, and the draft that
 * keeps unsaved work in case the application stops. It reads and writes
 * with the jm_file_*_async() functions and knows no widgets: the questions
 * a save may need to ask (a changed, read-only or newer file) are asked by
 * whoever shows the document, with what the document tells it.
 *
 * A workshop's state that is no part of the file lives here too: the
 * timer. Every view of the map (the window that edits it, the window that
 * presents it) shows the same document, so each finds the same countdown
 * through it, and the countdown goes when the map is closed. A table in
 * the session keyed by document would hold the same thing a step away,
 * and would need to learn when each document goes.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-document"

#include "config.h"

#include "jm-document.h"
#include "jm-file.h"

struct _JmDocument
{
  GObject       parent_instance;

  JmMap        *map;
  GFile        *file;
  GCancellable *cancellable;
  gboolean      busy;

  JmDraft      *draft;
  JmMap        *draft_map;       /* unowned: the map the draft follows */
  char         *disk_stamp;
  gboolean      drafts_failing;  /* said so; until a draft is written again */
  char         *drafts_error;    /* why the last draft failed */
  guint         draft_interval;  /* seconds; 0 for the draft's own default */
  guint64       save_serial;     /* the map's state that the running save writes */

  JmTimer      *timer;           /* made when first asked for */
};

G_DEFINE_FINAL_TYPE (JmDocument, jm_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAP,
  PROP_FILE,
  PROP_BUSY,
  N_PROPS
};

enum {
  DRAFTS_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What identifies the file's contents without reading them: GIO's etag
 * (modification time), the size and the inode, which a save by rename
 * changes. NULL if the file is gone. */
static char *
read_disk_stamp (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_ETAG_VALUE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%s:%" G_GOFFSET_FORMAT ":%" G_GUINT64_FORMAT,
                          g_file_info_get_etag (info) != NULL ? g_file_info_get_etag (info) : "",
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static void
set_busy (JmDocument *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Unsaved work is then only in memory: say so once, until a draft is
 * written again. */
static void
drafts_failed (JmDocument   *self,
               const GError *error)
{
  g_info ("Unsaved changes are not kept in drafts: %s", error->message);
  g_free (self->drafts_error);
  self->drafts_error = g_strdup (error->message);
  if (self->drafts_failing)
    return;
  self->drafts_failing = TRUE;
  g_signal_emit (self, signals[DRAFTS_FAILED], 0);
}

static void
on_draft_write_failed (JmDocument *self,
                       GError     *error)
{
  drafts_failed (self, error);
}

static void
on_draft_written (JmDocument *self)
{
  self->drafts_failing = FALSE;
}

/**
 * jm_document_follow_drafts:
 *
 * Reads what the file looks like on disk now, and has the draft follow the
 * map: every map shown has a draft, written a moment after each change. A
 * new map in place of an unmodified one takes over its draft's name.
 */
void
jm_document_follow_drafts (JmDocument *self)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));

  g_clear_pointer (&self->disk_stamp, g_free);
  if (self->file != NULL)
    self->disk_stamp = read_disk_stamp (self->file);

  if (self->map == NULL)
    {
      if (self->draft != NULL)
        jm_draft_watch (self->draft, NULL, NULL);
      self->draft_map = NULL;
      return;
    }

  if (self->draft == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->draft = jm_draft_new (NULL, &error);
      if (self->draft == NULL)
        {
          drafts_failed (self, error);
          return;
        }
      if (self->draft_interval > 0)
        jm_draft_set_interval (self->draft, self->draft_interval * 1000);
      g_signal_connect_object (self->draft, "write-failed", G_CALLBACK (on_draft_write_failed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->draft, "written", G_CALLBACK (on_draft_written),
                               self, G_CONNECT_SWAPPED);
    }
  else if (self->draft_map != NULL && self->draft_map != self->map)
    {
      /* The map replaced was not modified: its file holds its work. */
      jm_draft_discard (self->draft);
    }
  self->draft_map = self->map;
  jm_draft_watch (self->draft, self->map, self->file);
}

static void
drafts_map_saved (JmDocument *self,
                  GFile      *file)
{
  g_free (self->disk_stamp);
  self->disk_stamp = read_disk_stamp (file);
  if (self->draft == NULL)
    return;
  jm_draft_set_file (self->draft, file);
  /* Changes made while the save ran are not in the file: the map stays
   * modified, and its draft stays. */
  if (!jm_draft_saved (self->draft) && !jm_map_get_modified (self->map))
    jm_history_mark_unsaved (jm_map_get_history (self->map));
}

/**
 * jm_document_take_draft:
 * @draft: (transfer full): a draft claimed for recovery
 *
 * Keeps writing @draft for the map shown next, in place of the document's
 * own draft.
 */
void
jm_document_take_draft (JmDocument *self,
                        JmDraft    *draft)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));
  g_return_if_fail (JM_IS_DRAFT (draft));

  if (self->draft != NULL)
    {
      jm_draft_watch (self->draft, NULL, NULL);
      g_clear_object (&self->draft);
    }
  self->draft = draft;
  self->draft_map = NULL;
}

/**
 * jm_document_stash_draft:
 *
 * Writes the draft now if a change is waiting for it, as when the user
 * turns to another window.
 */
void
jm_document_stash_draft (JmDocument *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JM_IS_DOCUMENT (self));

  if (self->draft == NULL)
    return;
  if (!jm_draft_flush (self->draft, &error))
    drafts_failed (self, error);
}

/**
 * jm_document_close_drafts:
 *
 * Closing for good: after a Save nothing is modified and the draft has
 * nothing to keep; a map still modified here is work the user chose to
 * discard.
 */
void
jm_document_close_drafts (JmDocument *self)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));

  if (self->draft == NULL)
    return;
  if (self->map != NULL && jm_map_get_modified (self->map))
    jm_draft_discard (self->draft);
  else
    jm_draft_flush (self->draft, NULL);
}

/**
 * jm_document_set_draft_interval:
 * @seconds: how long after a change its draft is written; 0 for
 *   %JM_DRAFT_DEFAULT_INTERVAL
 *
 * Sets how soon a change reaches the draft. The session sets it from the
 * user's settings, for every open document alike.
 */
void
jm_document_set_draft_interval (JmDocument *self,
                                guint       seconds)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));

  self->draft_interval = seconds;
  if (self->draft != NULL)
    jm_draft_set_interval (self->draft, (seconds > 0 ? seconds : JM_DRAFT_DEFAULT_INTERVAL) * 1000);
}

/**
 * jm_document_get_draft_interval:
 *
 * Returns: the seconds set by jm_document_set_draft_interval(), 0 if none
 */
guint
jm_document_get_draft_interval (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), 0);
  return self->draft_interval;
}

/**
 * jm_document_get_drafts_error:
 *
 * Returns: (nullable): why the last draft could not be written, if one
 *   could not
 */
const char *
jm_document_get_drafts_error (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);
  return self->drafts_error;
}

/* Map and file. */

/**
 * jm_document_get_map:
 *
 * Returns: (transfer none) (nullable): the map, %NULL for none
 */
JmMap *
jm_document_get_map (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);
  return self->map;
}

/**
 * jm_document_set_map:
 * @map: (nullable): the map the document holds from now on
 *
 * Replaces the map; its file is set apart, with jm_document_set_file(), and
 * jm_document_follow_drafts() then has the draft follow both.
 */
void
jm_document_set_map (JmDocument *self,
                     JmMap      *map)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (g_set_object (&self->map, map))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_document_get_file:
 *
 * Returns: (transfer none) (nullable): where the map is saved
 */
GFile *
jm_document_get_file (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);
  return self->file;
}

/**
 * jm_document_set_file:
 * @file: (nullable): where "Save" writes the map
 */
void
jm_document_set_file (JmDocument *self,
                      GFile      *file)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    {
      g_set_object (&self->file, file);
      return;
    }
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * jm_document_get_busy:
 *
 * Returns: %TRUE while the map is being read or saved
 */
gboolean
jm_document_get_busy (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  return self->busy;
}

/**
 * jm_document_get_modified:
 *
 * Returns: %TRUE when the map has changes its file does not have
 */
gboolean
jm_document_get_modified (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  return self->map != NULL && jm_map_get_modified (self->map);
}

/**
 * jm_document_is_untouched:
 *
 * Returns: %TRUE when the document holds nothing the user made or opened
 *   themselves: no map, or an untouched new one, and nothing being read
 */
gboolean
jm_document_is_untouched (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);

  if (self->busy)
    return FALSE;
  if (self->map == NULL)
    return TRUE;
  return self->file == NULL && !jm_map_get_modified (self->map) &&
         jm_history_get_n_steps (jm_map_get_history (self->map)) == 0;
}

/**
 * jm_document_cancel:
 *
 * Stops a load or save under way, as when its window closes.
 */
void
jm_document_cancel (JmDocument *self)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));
  g_cancellable_cancel (self->cancellable);
}

/* Loading and saving. */

/**
 * jm_document_load_async:
 * @file: a .journey file
 *
 * Reads @file in the background; the document is busy until
 * jm_document_load_finish() is called.
 */
void
jm_document_load_async (JmDocument          *self,
                        GFile               *file,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  set_busy (self, TRUE);
  jm_file_load_async (file, self->cancellable, callback, user_data);
}

/**
 * jm_document_load_finish:
 *
 * Returns: (transfer full) (nullable): the map read, for the caller to show
 *   with jm_document_set_map(), or %NULL with @error set
 */
JmMap *
jm_document_load_finish (JmDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  set_busy (self, FALSE);
  return jm_file_load_finish (result, error);
}

/**
 * jm_document_save_async:
 * @file: where to write the map
 *
 * Writes the map to @file in the background; the document is busy until
 * jm_document_save_finish() is called.
 */
void
jm_document_save_async (JmDocument          *self,
                        GFile               *file,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->map != NULL);

  if (self->draft != NULL)
    jm_draft_save_started (self->draft);
  set_busy (self, TRUE);
  self->save_serial = jm_history_get_serial (jm_map_get_history (self->map));
  jm_file_save_async (self->map, file, self->cancellable, callback, user_data);
}

/**
 * jm_document_save_finish:
 * @file: the file given to jm_document_save_async()
 *
 * After a save, @file is the document's file and the map is no longer
 * modified, unless it changed while the save ran.
 *
 * Returns: %TRUE if the map was saved
 */
gboolean
jm_document_save_finish (JmDocument    *self,
                         GFile         *file,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  set_busy (self, FALSE);
  if (!jm_file_save_finish (result, error))
    return FALSE;

  /* The history stays: saving is not a reason to forget what can be undone.
   * Changes made while the save ran are not in the file, drafts or not:
   * the map stays modified, so that closing still asks about them. */
  jm_history_mark_saved_at (jm_map_get_history (self->map), self->save_serial);
  jm_document_set_file (self, file);
  drafts_map_saved (self, file);
  return TRUE;
}

/**
 * jm_document_changed_on_disk:
 * @file: where a save is about to write
 * @gone: (out) (optional): set to %TRUE if the file was moved or deleted
 *
 * Returns: %TRUE if @file is the document's file and another program
 *   changed, moved or deleted it since it was read or saved
 */
gboolean
jm_document_changed_on_disk (JmDocument *self,
                             GFile      *file,
                             gboolean   *gone)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->file == NULL || self->disk_stamp == NULL || !g_file_equal (file, self->file))
    return FALSE;
  now = read_disk_stamp (file);
  if (g_strcmp0 (now, self->disk_stamp) == 0)
    return FALSE;
  if (gone != NULL)
    *gone = now == NULL;
  return TRUE;
}

/**
 * jm_document_is_read_only:
 *
 * Returns: %TRUE if @file's mode allows no writing: the user made it
 *   read-only to keep it as it is. The mode bits are read rather than
 *   access(), which says yes to root whatever the mode.
 */
gboolean
jm_document_is_read_only (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_UNIX_MODE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return FALSE;
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE) &&
      (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0222) == 0)
    return TRUE;
  return g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE) &&
         !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
}

/* A document disposed without closing (the application quits) keeps its
 * newest changes in the draft, to be recovered at the next start. */
static void
jm_document_dispose (GObject *object)
{
  JmDocument *self = JM_DOCUMENT (object);

  g_cancellable_cancel (self->cancellable);
  if (self->draft != NULL)
    {
      jm_draft_flush (self->draft, NULL);
      jm_draft_watch (self->draft, NULL, NULL);
    }
  g_clear_object (&self->draft);
  g_clear_object (&self->timer);
  self->draft_map = NULL;
  g_clear_pointer (&self->disk_stamp, g_free);
  g_clear_object (&self->map);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (jm_document_parent_class)->dispose (object);
}

static void
jm_document_finalize (GObject *object)
{
  JmDocument *self = JM_DOCUMENT (object);

  g_clear_object (&self->cancellable);
  g_free (self->drafts_error);

  G_OBJECT_CLASS (jm_document_parent_class)->finalize (object);
}

static void
jm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JmDocument *self = JM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_document_class_init (JmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_document_dispose;
  object_class->finalize = jm_document_finalize;
  object_class->get_property = jm_document_get_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmDocument::drafts-failed:
   *
   * A draft could not be written, the first time since one last was:
   * unsaved work is then only in memory.
   */
  signals[DRAFTS_FAILED] =
    g_signal_new ("drafts-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jm_document_init (JmDocument *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * jm_document_new:
 *
 * Returns: (transfer full): a document with no map
 */
JmDocument *
jm_document_new (void)
{
  return g_object_new (JM_TYPE_DOCUMENT, NULL);
}

/**
 * jm_document_get_timer:
 *
 * The workshop's countdown and agenda for this map, shared by every view
 * of the document; not saved in the file.
 *
 * Returns: (transfer none): the document's timer
 */
JmTimer *
jm_document_get_timer (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  if (self->timer == NULL)
    self->timer = jm_timer_new ();
  return self->timer;
}
