/* jm-window.c: a window showing one journey map
 *
 * The window owns one map and the file it came from. Every command is an
 * action installed on the class ("win.save", "win.add-stage", ...), with its
 * shortcut, and all are enabled or disabled by update_actions(). Edits go
 * through the map, one gesture per undo step; the window only listens.
 *
 * The main area is a stack: "empty" (what a fresh window shows: templates,
 * recent maps and samples, filled in when it first shows, so a window opened
 * for a file never reads them) and "map", where the outline sits in a flap beside
 * the board area. The board area holds the map's views, "board" (the canvas,
 * with the inspector in a flap at its side) and "scores".
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jm-app-resources.h"
#include "jm-board-host.h"
#include "jm-document.h"
#include "jm-draft.h"
#include "jm-file.h"
#include "jm-file-filter.h"
#include "jm-samples-resources.h"
#include "jm-window-private.h"
#include "jm-board-page.h"
#include "jm-names.h"
#include "jm-start-page.h"
#include "jm-ui-util.h"
#include "jm-text-measure.h"
#include "jm-view-state.h"

/* How long a window opened for a file waits for it before showing anyway. */
#define PRESENT_DELAY_MS 200


static void jm_window_board_host_init (JmBoardHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JmWindow, jm_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (JM_TYPE_BOARD_HOST, jm_window_board_host_init))

enum {
  PROP_0,
  PROP_MAP,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean disk_unchanged_or_confirmed (JmWindow *self,
                                             GFile    *file);
static void on_active_changed (JmWindow *self);
static void save_to_file (JmWindow *self,
                          GFile    *file);

/* The application's session; a window made without one (as tests make
 * them) shares the default one, which is the application's too. */
static JmSession *
session (JmWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (JM_IS_APPLICATION (application))
    return jm_application_get_session (JM_APPLICATION (application));
  return jm_session_get_default ();
}

static char *
display_name (JmWindow *self)
{
  const char *title = jm_document_get_map (self->document) != NULL ? jm_map_get_title (jm_document_get_map (self->document)) : NULL;

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (jm_document_get_file (self->document) != NULL)
    {
      g_autofree char *base = g_file_get_basename (jm_document_get_file (self->document));
      g_autofree char *utf8 = g_filename_display_name (base);

      return g_steal_pointer (&utf8);
    }
  return g_strdup (_("Untitled Journey"));
}

static void
update_title (JmWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (jm_document_get_map (self->document) == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Journey Mapper"));
      adw_window_title_set_title (self->window_title, _("Journey Mapper"));
      adw_window_title_set_subtitle (self->window_title, "");
      return;
    }

  name = display_name (self);
  {
    glong n_chars = 0;
    char *shown = jm_text_shorten (name, 300, &n_chars);
    g_autofree char *tip = shown != NULL
      ? g_strdup_printf (_("Title shortened here: the whole title has %ld characters"), n_chars)
      : NULL;

    /* A title bar shows a line: X11 refuses windows past 32,767 pixels,
     * and a natural width of the whole title would ask for more. */
    if (shown != NULL)
      {
        g_free (name);
        name = shown;
      }
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tip);
  }
  /* Translators: a bullet before the map's name marks unsaved changes. */
  title = jm_map_get_modified (jm_document_get_map (self->document)) ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  subtitle = jm_document_get_file (self->document) != NULL ? jm_file_describe_location (jm_document_get_file (self->document)) : g_strdup (_("Not saved"));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Board | Scores: in the header when there is room, so the title with its
 * unsaved mark stays in view; the board page shows them in a bar at the
 * bottom when the window is narrow. */
static void
update_switchers (JmWindow *self)
{
  gboolean has_map = jm_document_get_map (self->document) != NULL;
  gboolean narrow = FALSE;

  g_object_get (self->board_page, "narrow", &narrow, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->header_switcher), has_map && !narrow);
}

static void
update_history_labels (JmWindow *self)
{
  JmHistory *history = jm_document_get_map (self->document) != NULL ? jm_map_get_history (jm_document_get_map (self->document)) : NULL;
  const char *undo = history != NULL ? jm_history_get_undo_label (history) : NULL;
  const char *redo = history != NULL ? jm_history_get_redo_label (history) : NULL;
  /* Translators: %s is what the user did, such as "Move Card". */
  g_autofree char *undo_text = undo != NULL ? g_strdup_printf (_("Undo %s"), undo) : g_strdup (_("Undo"));
  /* Translators: %s is what the user did, such as "Move Card". */
  g_autofree char *redo_text = redo != NULL ? g_strdup_printf (_("Redo %s"), redo) : g_strdup (_("Redo"));
  g_autofree char *undo_tip = g_strdup_printf ("%s (%s)", undo_text, _("Ctrl+Z"));
  g_autofree char *redo_tip = g_strdup_printf ("%s (%s)", redo_text, _("Ctrl+Shift+Z"));

  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  jm_set_accessible_label (self->undo_button, undo_text);
  jm_set_accessible_label (self->redo_button, redo_text);
}

/* The board page: the header shows its controls, and the window holds
 * its actions so that the header's board menu reaches them. */

static void
on_board_menu_changed (JmWindow *self)
{
  GMenuModel *menu = jm_board_page_get_menu (self->board_page);

  if (menu != NULL)
    jm_menu_button_set_menu_later (self->board_menu_button, menu);
}

static void
on_board_visible_changed (JmWindow *self)
{
  gboolean board = FALSE;

  g_object_get (self->board_page, "board-visible", &board, NULL);
  gtk_widget_set_visible (self->inspector_button, board);
  gtk_widget_set_visible (GTK_WIDGET (self->board_menu_button), board);
}

static void
setup_board_page (JmWindow *self)
{
  GtkEventController *shortcuts;

  self->canvas = jm_board_page_get_canvas (self->board_page);
  self->outline = jm_board_page_get_outline (self->board_page);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "board",
                                  jm_board_page_get_actions (self->board_page));
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F4, 0),
                                                          gtk_named_action_new ("board.toggle-inspector")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_object_bind_property (self->board_page, "show-outline", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->board_page, "show-inspector", self->inspector_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_view_switcher_set_stack (self->header_switcher, jm_board_page_get_view_stack (self->board_page));
  g_signal_connect_object (self->board_page, "notify::narrow", G_CALLBACK (update_switchers), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->board_page, "notify::board-visible",
                           G_CALLBACK (on_board_visible_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->board_page, "notify::menu", G_CALLBACK (on_board_menu_changed), self,
                           G_CONNECT_SWAPPED);
  on_board_menu_changed (self);
  on_board_visible_changed (self);
  jm_set_accessible_label (self->inspector_button, _("Show Inspector"));
  jm_set_accessible_label (GTK_WIDGET (self->board_menu_button), _("Highlight and Colour"));
}

static void
on_history_changed (JmWindow *self)
{
  update_history_labels (self);
  _jm_window_update_actions (self);
}

static void
on_map_changed (JmWindow *self)
{
  update_title (self);
  _jm_window_update_actions (self);
}

/* Map and file. */

static void
disconnect_map (JmWindow *self)
{
  if (jm_document_get_map (self->document) == NULL)
    return;
  g_signal_handlers_disconnect_by_data (jm_document_get_map (self->document), self);
  g_signal_handlers_disconnect_by_data (jm_map_get_history (jm_document_get_map (self->document)), self);
}

static void on_document_file_changed (JmWindow *self);
static void on_document_drafts_failed (JmWindow *self);

/* The window shows one document from start to end; a window opening a
 * file takes the document already reading it. */
static void
set_document (JmWindow   *self,
              JmDocument *document)
{
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      jm_session_remove_document (session (self), self->document);
    }
  g_set_object (&self->document, document);
  jm_board_page_set_document (self->board_page, document);
  jm_session_add_document (session (self), document);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (on_document_file_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "drafts-failed", G_CALLBACK (on_document_drafts_failed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * jm_window_set_map:
 * @map: (nullable): the map to show; %NULL shows the start page
 * @file: (nullable): the file @map was read from, %NULL for a new map
 *
 * Shows @map in the window, in place of the previous one (without asking:
 * callers check jm_window_is_replaceable() first).
 */
void
jm_window_set_map (JmWindow *self,
                   JmMap    *map,
                   GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_object_freeze_notify (G_OBJECT (self));

  if (jm_document_get_map (self->document) != map)
    {
      /* The view of the map leaving, if it changed in the last moment. */
      jm_board_page_flush_view (self->board_page);
      disconnect_map (self);
      jm_document_set_map (self->document, map);
      if (map != NULL)
        {
          g_signal_connect_object (map, "notify::modified", G_CALLBACK (on_map_changed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (map, "notify::title", G_CALLBACK (on_map_changed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (jm_map_get_history (map), "changed",
                                   G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
        }
      jm_board_page_show_map (self->board_page, map, self->outline_after_frame);
      self->outline_after_frame = FALSE;
      update_switchers (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
      jm_window_set_file (self, file);
      if (map != NULL)
        jm_board_page_restore_view (self->board_page);
    }
  jm_window_set_file (self, file);

  /* The start page is hidden while a map shows, so that measuring the
   * window skips its rows. */
  if (map == NULL)
    gtk_widget_set_visible (self->start_page, TRUE);
  gtk_stack_set_visible_child_name (self->stack, map != NULL ? "map" : "empty");
  if (map != NULL)
    gtk_widget_set_visible (self->start_page, FALSE);
  gtk_widget_set_visible (self->sidebar_button, map != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (self->undo_button), map != NULL);
  gtk_widget_set_visible (self->save_button, map != NULL);

  update_title (self);
  update_history_labels (self);
  _jm_window_update_actions (self);
  jm_document_follow_drafts (self->document);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * jm_window_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_window_get_map (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_document_get_map (self->document);
}

/**
 * jm_window_get_file:
 *
 * Returns: (transfer none) (nullable): where the map is saved
 */
GFile *
jm_window_get_file (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_document_get_file (self->document);
}

/**
 * jm_window_set_file:
 * @file: (nullable): where "Save" writes the map
 */
void
jm_window_set_file (JmWindow *self,
                    GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  jm_document_set_file (self->document, file);
}

static void
on_document_file_changed (JmWindow *self)
{
  update_title (self);
  _jm_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * jm_window_is_replaceable:
 *
 * Returns: %TRUE when the window shows nothing the user made or opened
 *   themselves: the start page, or an untouched new map
 */
gboolean
jm_window_is_replaceable (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);

  return jm_document_is_untouched (self->document);
}

/* The board page's parts, for tests. */

JmCanvas *
jm_window_get_canvas (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_canvas (self->board_page);
}

JmOutline *
jm_window_get_outline (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_outline (self->board_page);
}

GtkBox *
jm_window_get_board_area (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_board_area (self->board_page);
}

JmScoresView *
jm_window_get_scores_view (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_scores_view (self->board_page);
}

JmInspector *
jm_window_get_inspector (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_inspector (self->board_page);
}

JmMapProperties *
jm_window_get_map_properties (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_map_properties (self->board_page);
}

AdwViewStack *
jm_window_get_view_stack (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_board_page_get_view_stack (self->board_page);
}

/* Messages. */

/**
 * jm_window_show_error:
 * @heading: what failed, as a title
 * @body: why, in the user's words
 *
 * Shows a message dialog over the window.
 */
void
jm_window_show_error (JmWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

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
  jm_session_add_recent (session (self), op->file);
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
JmWindow *
jm_window_new_for_file (JmApplication *application,
                        GFile         *file)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  FileOp *op = g_new0 (FileOp, 1);
  JmWindow *self;

  g_return_val_if_fail (application == NULL || JM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* The result comes from the main loop, once the window below exists. */
  op->file = g_object_ref (file);
  op->document = g_object_ref (document);
  jm_document_load_async (document, file, on_load_finished, op);
  self = jm_window_new (application);
  op->self = g_object_ref (self);
  set_document (self, document);
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

static JmWindow *
find_window_for_file (GFile *file)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_WINDOW (window) && jm_window_get_file (JM_WINDOW (window)) != NULL &&
          g_file_equal (jm_window_get_file (JM_WINDOW (window)), file))
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
  window = jm_window_new (JM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
_jm_window_open_file (JmWindow *self,
                      GFile    *file)
{
  JmWindow *existing = find_window_for_file (file);

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

/* Drafts and changes on disk. */

/* Unsaved work is then only in memory: say so once, until a draft is
 * written again; the toast's button tells why and what to do. */
static void
on_document_drafts_failed (JmWindow *self)
{
  AdwToast *toast;

  toast = adw_toast_new (_("Unsaved changes cannot be kept in drafts"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.drafts-details");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_active_changed (JmWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    jm_document_stash_draft (self->document);
}

static void save_to_file (JmWindow *self,
                          GFile    *file);

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
           : jm_window_new (JM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
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

  drafts = jm_session_list_recoverable (session (self));
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

  jm_session_add_recent (session (self), op->file);
  update_title (self);
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
  g_autofree char *name = display_name (self);
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

static void
ask_about_unsaved (JmWindow *self)
{
  g_autofree char *name = display_name (self);
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

static void
save_window_state (JmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
jm_window_close_request (GtkWindow *window)
{
  JmWindow *self = JM_WINDOW (window);

  /* A card being created is work too: it counts as a change to ask about. */
  if (!self->close_confirmed)
    jm_canvas_commit_edit (self->canvas);
  if (!self->close_confirmed && jm_document_get_map (self->document) != NULL && jm_map_get_modified (jm_document_get_map (self->document)))
    {
      if (!jm_document_get_busy (self->document))
        ask_about_unsaved (self);
      return TRUE;
    }

  save_window_state (self);
  jm_board_page_remember_view (self->board_page);
  jm_document_close_drafts (self->document);
  jm_document_cancel (self->document);
  return GTK_WINDOW_CLASS (jm_window_parent_class)->close_request (window);
}

/* The header's "New Map" menu: the templates by name. */
static void
populate_template_menu (JmWindow *self)
{
  g_autofree const char **ids = jm_map_list_templates ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (jm_map_get_template_label (ids[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "win.new-from-template",
                                               g_variant_new_string (ids[i]));
      g_menu_append_item (section, item);
    }

  g_menu_append_section (menu, _("New Map From"), G_MENU_MODEL (section));
  jm_menu_button_set_menu_later (self->new_button, G_MENU_MODEL (menu));
}

/* Signals. */

static void
on_outline_selected_object (JmWindow *self)
{
  _jm_window_update_actions (self);
}

static void
on_outline_object_activated (JmWindow *self,
                             GObject  *object)
{
  /* A persona has more than a name: its row opens the persona editor. */
  if (JM_IS_PERSONA (object))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-persona", NULL);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.rename", NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         JmWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    _jm_window_open_file (self, l->data);
  return files != NULL;
}

static void
restore_window_state (JmWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the schema installed (a build run from its tree) the window
   * simply keeps its default size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized"))
    return;

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* GObject. */

static void
jm_window_dispose (GObject *object)
{
  JmWindow *self = JM_WINDOW (object);


  g_clear_handle_id (&self->present_source, g_source_remove);
  if (self->unsaved_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->unsaved_dialog), (gpointer *) &self->unsaved_dialog);
  self->unsaved_dialog = NULL;
  disconnect_map (self);
  /* A window destroyed without closing (the application quits) keeps its
   * newest changes in the draft, even while a load or save still holds
   * the document. */
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      jm_session_remove_document (session (self), self->document);
      g_object_run_dispose (G_OBJECT (self->document));
    }
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_WINDOW);

  G_OBJECT_CLASS (jm_window_parent_class)->dispose (object);
}

static void
jm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JmWindow *self = JM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, jm_document_get_map (self->document));
      break;
    case PROP_FILE:
      g_value_set_object (value, jm_document_get_file (self->document));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JmWindow *self = JM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_window_set_map (self, g_value_get_object (value), NULL);
      break;
    case PROP_FILE:
      jm_window_set_file (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_window_class_init (JmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jm_window_dispose;
  object_class->get_property = jm_window_get_property;
  object_class->set_property = jm_window_set_property;
  window_class->close_request = jm_window_close_request;

  /**
   * JmWindow:map:
   *
   * The map shown, %NULL for the start page. Setting it forgets the file.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * JmWindow:file:
   *
   * Where the map is saved, %NULL for a map never saved.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resources are linked from a static library, where nothing would
   * pull them in: naming them links them, and their constructors register
   * them. */
  if (jm_app_get_resource () == NULL || jm_samples_get_resource () == NULL)
    g_error ("The application's resources are missing");

  g_type_ensure (JM_TYPE_START_PAGE);
  g_type_ensure (JM_TYPE_BOARD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, header_switcher);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, board_page);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, board_menu_button);

  _jm_window_actions_install (widget_class);
}

static void
jm_window_init (JmWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  jm_menu_button_set_menu_later (self->primary_menu_button, self->primary_menu);
  setup_board_page (self);

  {
    g_autoptr(JmDocument) document = jm_document_new ();

    set_document (self, document);
  }

  jm_set_accessible_label (self->open_button, _("Open"));
  jm_set_accessible_label (GTK_WIDGET (self->new_button), _("New Map"));
  jm_set_accessible_label (GTK_WIDGET (self->primary_menu_button), _("Main Menu"));
  jm_set_accessible_label (self->sidebar_button, _("Show Outline"));
  jm_set_accessible_label (self->save_button, _("Save"));

  g_signal_connect_object (self->outline, "notify::selected-object",
                           G_CALLBACK (on_outline_selected_object), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outline, "object-activated",
                           G_CALLBACK (on_outline_object_activated), self, G_CONNECT_SWAPPED);
  /* The outline of a map opened with the window gets its rows after the
   * first frame. */
  g_signal_connect_object (self->outline, "notify::map",
                           G_CALLBACK (on_outline_selected_object), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  populate_template_menu (self);

  restore_window_state (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  jm_window_set_map (self, NULL, NULL);
}

static JmDocument *
jm_window_host_get_document (JmBoardHost *host)
{
  return JM_WINDOW (host)->document;
}

static GtkBox *
jm_window_host_get_board_area (JmBoardHost *host)
{
  return jm_board_page_get_board_area (JM_WINDOW (host)->board_page);
}

static JmOutline *
jm_window_host_get_outline (JmBoardHost *host)
{
  return JM_WINDOW (host)->outline;
}

static void
jm_window_host_show_error (JmBoardHost *host,
                           const char  *heading,
                           const char  *body)
{
  jm_window_show_error (JM_WINDOW (host), heading, body);
}

static void
jm_window_host_walk (JmBoardHost *host,
                     JmPersona   *persona)
{
  jm_board_page_walk (JM_WINDOW (host)->board_page, persona);
}

static JmPersona *
jm_window_host_get_walking (JmBoardHost *host)
{
  return jm_board_page_get_walking (JM_WINDOW (host)->board_page);
}

static void
jm_window_board_host_init (JmBoardHostInterface *iface)
{
  iface->walk = jm_window_host_walk;
  iface->get_walking = jm_window_host_get_walking;
  iface->get_document = jm_window_host_get_document;
  iface->get_board_area = jm_window_host_get_board_area;
  iface->get_outline = jm_window_host_get_outline;
  iface->show_error = jm_window_host_show_error;
}

/**
 * jm_window_new:
 *
 * Returns: (transfer none): a new window showing the start page, owned by
 *   @application
 */
JmWindow *
jm_window_new (JmApplication *application)
{
  return g_object_new (JM_TYPE_WINDOW, "application", application, NULL);
}
