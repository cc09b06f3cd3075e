/* jm-session.c: the documents open in this run, and what outlives them
 *
 * One session per run of the application, as GNOME Text Editor has: it
 * knows every open document, offers the drafts that a crash or a kill
 * left behind (once per run, when the first window shows), adds the maps
 * opened and saved to the recent files, and keeps how each map was last
 * viewed. It also sets how soon each document's changes reach its draft,
 * from the user's `draft-interval` setting, and follows that setting while
 * the app runs. Windows show documents; the session outlives them. It
 * knows no widgets, so that it is tested without a display.
 *
 * A workshop room belongs to its document, not to a window: the session
 * keeps each open document's room, and closes it when the document
 * closes (or when the run ends), whichever window showed it. The agenda
 * of each document's timer is kept beside the view of its file, written
 * when it changes and given back when the file opens again.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-session"

#include "config.h"

#include <gtk/gtk.h>

#include "jm-draft.h"
#include "jm-file.h"
#include "jm-room.h"
#include "jm-session.h"
#include "jm-timer.h"
#include "jm-view-state.h"

struct _JmSession
{
  GObject     parent_instance;

  GListStore *documents;
  char       *drafts_dir;   /* NULL: jm_draft_default_dir() */
  char       *view_store;   /* NULL: jm_view_state_default_path() */
  gboolean    recovery_taken;
  GtkRecentManager *recent;  /* watched once listed */
  GSettings  *settings;     /* NULL when the app's schema is not installed */
  guint       draft_interval; /* seconds; 0 for the drafts' default */
  gboolean    restoring_agenda; /* an agenda read back is not written again */
  GHashTable *rooms;        /* JmDocument (unowned) -> JmRoom */
};

enum {
  RECENT_CHANGED,
  ROOMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JmSession, jm_session, G_TYPE_OBJECT)

/**
 * jm_session_new:
 * @drafts_dir: (nullable): where drafts are kept; %NULL for the user's
 * @view_store: (nullable): where views are remembered; %NULL for the user's
 *
 * Returns: (transfer full): a session with no documents
 */
JmSession *
jm_session_new (const char *drafts_dir,
                const char *view_store)
{
  JmSession *self = g_object_new (JM_TYPE_SESSION, NULL);

  self->drafts_dir = g_strdup (drafts_dir);
  self->view_store = g_strdup (view_store);
  return self;
}

/**
 * jm_session_get_default:
 *
 * The session of this run: the application's, and that of every window
 * made without one (as tests make them).
 *
 * Returns: (transfer none): the session
 */
JmSession *
jm_session_get_default (void)
{
  static JmSession *session;

  if (g_once_init_enter (&session))
    g_once_init_leave (&session, jm_session_new (NULL, NULL));
  return session;
}

/* Documents. */

/**
 * jm_session_get_documents:
 *
 * Returns: (transfer none): a list of the open #JmDocument, in the order
 *   they were opened
 */
GListModel *
jm_session_get_documents (JmSession *self)
{
  g_return_val_if_fail (JM_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->documents);
}

/* Agendas. */

/* Keeps @document's agenda for its file, at once: an agenda is edited
 * seldom, and a write is a few kilobytes. */
static void
keep_agenda (JmSession  *self,
             JmDocument *document)
{
  JmTimer *timer = jm_document_get_timer (document);
  GFile *file = jm_document_get_file (document);
  guint n = jm_timer_get_n_steps (timer);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree guint *minutes = g_new0 (guint, n + 1);
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (titles, (gpointer) jm_timer_get_step_title (timer, i));
      minutes[i] = jm_timer_get_step_minutes (timer, i);
    }
  g_ptr_array_add (titles, NULL);
  if (!jm_view_state_save_agenda (self->view_store, file, (const char * const *) titles->pdata,
                                  minutes, &error))
    g_warning ("The workshop's agenda is not kept: %s", error->message);
}

static void
on_agenda_changed (JmSession *self,
                   JmTimer   *timer)
{
  if (self->restoring_agenda)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
    {
      g_autoptr(JmDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (jm_document_get_timer (document) == timer)
        keep_agenda (self, document);
    }
}

/* A file opened gets its agenda back; a map saved under a new name takes
 * its agenda along. */
static void
on_document_file (JmSession  *self,
                  GParamSpec *pspec,
                  JmDocument *document)
{
  JmTimer *timer = jm_document_get_timer (document);
  GFile *file = jm_document_get_file (document);
  g_auto(GStrv) titles = NULL;
  g_autoptr(GArray) minutes = NULL;

  if (file == NULL)
    return;
  if (jm_timer_get_n_steps (timer) > 0)
    {
      keep_agenda (self, document);
      return;
    }
  if (!jm_view_state_load_agenda (self->view_store, file, &titles, &minutes))
    return;
  self->restoring_agenda = TRUE;
  jm_timer_set_agenda (timer, (const char * const *) titles, (const guint *) minutes->data);
  self->restoring_agenda = FALSE;
}

static void
follow_agenda (JmSession  *self,
               JmDocument *document)
{
  g_signal_connect_object (jm_document_get_timer (document), "agenda-changed",
                           G_CALLBACK (on_agenda_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (on_document_file), self,
                           G_CONNECT_SWAPPED);
  on_document_file (self, NULL, document);
}

static void
unfollow_agenda (JmSession  *self,
                 JmDocument *document)
{
  g_signal_handlers_disconnect_by_func (jm_document_get_timer (document), on_agenda_changed, self);
  g_signal_handlers_disconnect_by_func (document, on_document_file, self);
}

/**
 * jm_session_add_document:
 *
 * Counts @document among the open ones, until
 * jm_session_remove_document().
 */
void
jm_session_add_document (JmSession  *self,
                         JmDocument *document)
{
  g_return_if_fail (JM_IS_SESSION (self));
  g_return_if_fail (JM_IS_DOCUMENT (document));

  if (!g_list_store_find (self->documents, document, NULL))
    {
      g_list_store_append (self->documents, document);
      follow_agenda (self, document);
    }
  jm_document_set_draft_interval (document, self->draft_interval);
}

/**
 * jm_session_set_draft_interval:
 * @seconds: how long after a change its draft is written; 0 for the
 *   drafts' default
 *
 * Sets how soon changes reach the drafts, for every open document and
 * those opened later.
 */
void
jm_session_set_draft_interval (JmSession *self,
                               guint      seconds)
{
  guint n;

  g_return_if_fail (JM_IS_SESSION (self));

  self->draft_interval = seconds;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      jm_document_set_draft_interval (document, seconds);
    }
}

/**
 * jm_session_get_draft_interval:
 *
 * Returns: the seconds set on the open documents, 0 for the drafts' default
 */
guint
jm_session_get_draft_interval (JmSession *self)
{
  g_return_val_if_fail (JM_IS_SESSION (self), 0);
  return self->draft_interval;
}

static void
on_settings_draft_interval_changed (JmSession *self)
{
  jm_session_set_draft_interval (self, g_settings_get_uint (self->settings, "draft-interval"));
}

/* The user's choice, where the app's settings are installed and hold it. */
static void
follow_draft_setting (JmSession *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "draft-interval"))
    return;
  key = g_settings_schema_get_key (schema, "draft-interval");
  if (!g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_UINT32))
    return;

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::draft-interval",
                           G_CALLBACK (on_settings_draft_interval_changed), self, G_CONNECT_SWAPPED);
  on_settings_draft_interval_changed (self);
}

void
jm_session_remove_document (JmSession  *self,
                            JmDocument *document)
{
  guint position;

  g_return_if_fail (JM_IS_SESSION (self));
  g_return_if_fail (JM_IS_DOCUMENT (document));

  if (g_list_store_find (self->documents, document, &position))
    {
      unfollow_agenda (self, document);
      g_list_store_remove (self->documents, position);
    }
  jm_session_close_room (self, document);
}

/* Rooms. */

/**
 * jm_session_open_room:
 * @document: an open document
 *
 * Opens a workshop room for @document on the local network, or finds the
 * one already open.
 *
 * Returns: (transfer none) (nullable): the room, or %NULL with @error set
 *   when it cannot listen
 */
JmRoom *
jm_session_open_room (JmSession   *self,
                      JmDocument  *document,
                      GError     **error)
{
  g_autoptr(JmRoom) room = NULL;

  g_return_val_if_fail (JM_IS_SESSION (self), NULL);
  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  if (g_hash_table_contains (self->rooms, document))
    return g_hash_table_lookup (self->rooms, document);
  room = jm_room_new (document);
  if (!jm_room_listen (room, NULL, 0, error))
    return NULL;
  g_hash_table_insert (self->rooms, document, g_object_ref (room));
  g_signal_emit (self, signals[ROOMS_CHANGED], 0, document);
  return room;
}

/**
 * jm_session_get_room:
 *
 * Returns: (transfer none) (nullable): @document's open room
 */
JmRoom *
jm_session_get_room (JmSession  *self,
                     JmDocument *document)
{
  g_return_val_if_fail (JM_IS_SESSION (self), NULL);
  return g_hash_table_lookup (self->rooms, document);
}

/**
 * jm_session_close_room:
 *
 * Sends everyone in @document's room away and stops it; the map keeps
 * every card that came from it.
 */
void
jm_session_close_room (JmSession  *self,
                       JmDocument *document)
{
  g_autoptr(JmRoom) room = NULL;
  gpointer value = NULL;

  g_return_if_fail (JM_IS_SESSION (self));

  if (!g_hash_table_steal_extended (self->rooms, document, NULL, &value))
    return;
  room = value;
  jm_room_close (room);
  g_signal_emit (self, signals[ROOMS_CHANGED], 0, document);
}

/**
 * jm_session_find_document:
 * @file: a map's file
 *
 * Returns: (transfer none) (nullable): the open document saved to @file
 */
JmDocument *
jm_session_find_document (JmSession *self,
                          GFile     *file)
{
  g_return_val_if_fail (JM_IS_SESSION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
    {
      g_autoptr(JmDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      GFile *document_file = jm_document_get_file (document);

      if (document_file != NULL && g_file_equal (document_file, file))
        return document;
    }
  return NULL;
}

/* Recovery. */

/**
 * jm_session_take_recovery:
 *
 * Work left in drafts is offered once per run, when the first window
 * shows.
 *
 * Returns: %TRUE the first time, %FALSE ever after
 */
gboolean
jm_session_take_recovery (JmSession *self)
{
  g_return_val_if_fail (JM_IS_SESSION (self), FALSE);

  if (self->recovery_taken)
    return FALSE;
  self->recovery_taken = TRUE;
  return TRUE;
}

/**
 * jm_session_list_recoverable:
 *
 * Returns: (transfer container) (element-type JmDraftInfo): the drafts
 *   whose owner is gone, newest first, as jm_draft_list_recoverable()
 */
GPtrArray *
jm_session_list_recoverable (JmSession *self)
{
  g_return_val_if_fail (JM_IS_SESSION (self), NULL);
  return jm_draft_list_recoverable (self->drafts_dir);
}

/* Recent maps. */

/**
 * jm_session_add_recent:
 * @file: a map just opened or saved
 *
 * Adds @file to the desktop's recent files, where the start page and the
 * file chooser find it.
 */
void
jm_session_add_recent (JmSession *self,
                       GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };

  g_return_if_fail (JM_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  data.display_name = NULL;
  data.mime_type = (char *) JM_FILE_MIME_TYPE;
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "journey-mapper %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

void
jm_recent_map_free (JmRecentMap *recent)
{
  g_clear_object (&recent->file);
  g_free (recent->name);
  g_free (recent);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static void
on_recent_changed (JmSession *self)
{
  g_signal_emit (self, signals[RECENT_CHANGED], 0);
}

/**
 * jm_session_list_recent:
 * @max_items: how many maps at most
 *
 * The maps used last, among the desktop's recent files that still exist.
 * The session then emits #JmSession::recent-changed whenever the list may
 * have changed.
 *
 * Returns: (transfer container) (element-type JmRecentMap): the maps,
 *   the newest first
 */
GPtrArray *
jm_session_list_recent (JmSession *self,
                        guint      max_items)
{
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) jm_recent_map_free);
  GList *items;

  g_return_val_if_fail (JM_IS_SESSION (self), result);

  if (self->recent == NULL)
    {
      self->recent = g_object_ref (gtk_recent_manager_get_default ());
      g_signal_connect_object (self->recent, "changed", G_CALLBACK (on_recent_changed), self,
                               G_CONNECT_SWAPPED);
    }
  items = gtk_recent_manager_get_items (self->recent);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), JM_FILE_MIME_TYPE) == 0 &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (ours, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (ours, compare_recent);

  for (guint i = 0; i < ours->len && i < max_items; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      JmRecentMap *recent = g_new0 (JmRecentMap, 1);

      recent->file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      recent->name = g_strdup (gtk_recent_info_get_display_name (info));
      g_ptr_array_add (result, recent);
    }
  return result;
}

/* Views. */

/**
 * jm_session_load_view_state:
 * @file: a map's file
 * @state: (out caller-allocates): how it was last viewed
 *
 * Returns: %TRUE if the view of @file is remembered
 */
gboolean
jm_session_load_view_state (JmSession   *self,
                            GFile       *file,
                            JmViewState *state)
{
  g_return_val_if_fail (JM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return jm_view_state_load (self->view_store, file, state);
}

/**
 * jm_session_save_view_state:
 * @file: a map's file
 * @state: how it is viewed now
 *
 * Returns: %TRUE if the view was remembered
 */
gboolean
jm_session_save_view_state (JmSession    *self,
                            GFile        *file,
                            const JmViewState *state,
                            GError      **error)
{
  g_return_val_if_fail (JM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return jm_view_state_save (self->view_store, file, state, error);
}

/**
 * jm_session_remember_view:
 * @file: a map's file
 * @settings: how the map is viewed now
 *
 * Keeps how @file's map is viewed, to show it the same way next time.
 *
 * Returns: %TRUE if the view was remembered
 */
gboolean
jm_session_remember_view (JmSession       *self,
                          GFile           *file,
                          JmViewSettings  *settings,
                          GError         **error)
{
  JmViewState state = { 0 };
  gboolean saved;

  g_return_val_if_fail (JM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (settings), FALSE);

  jm_view_settings_to_state (settings, &state);
  saved = jm_session_save_view_state (self, file, &state, error);
  jm_view_state_clear (&state);
  return saved;
}

/**
 * jm_session_restore_view:
 * @file: a map's file
 * @settings: how the map is viewed, changed to how it was last viewed
 *
 * Returns: %TRUE if the view of @file was remembered
 */
gboolean
jm_session_restore_view (JmSession      *self,
                         GFile          *file,
                         JmViewSettings *settings)
{
  JmViewState state = { 0 };

  g_return_val_if_fail (JM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (settings), FALSE);

  if (!jm_session_load_view_state (self, file, &state))
    return FALSE;
  jm_view_settings_apply_state (settings, &state);
  jm_view_state_clear (&state);
  return TRUE;
}

static void
jm_session_finalize (GObject *object)
{
  JmSession *self = JM_SESSION (object);

  g_clear_pointer (&self->rooms, g_hash_table_unref);
  g_clear_object (&self->documents);
  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);
  g_clear_object (&self->recent);
  g_clear_object (&self->settings);
  g_free (self->drafts_dir);
  g_free (self->view_store);

  G_OBJECT_CLASS (jm_session_parent_class)->finalize (object);
}

static void
jm_session_class_init (JmSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jm_session_finalize;

  /**
   * JmSession::recent-changed:
   *
   * The recent maps may have changed since jm_session_list_recent().
   */
  signals[RECENT_CHANGED] =
    g_signal_new ("recent-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * JmSession::rooms-changed:
   * @document: the document whose room opened or closed
   */
  signals[ROOMS_CHANGED] =
    g_signal_new ("rooms-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JM_TYPE_DOCUMENT);
}

static void
jm_session_init (JmSession *self)
{
  self->documents = g_list_store_new (JM_TYPE_DOCUMENT);
  /* The room holds its document, so the key lives as long as the value;
   * unref'ing a room closes it. */
  self->rooms = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  follow_draft_setting (self);
}
