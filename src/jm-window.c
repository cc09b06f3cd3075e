/* jm-window.c: a window showing one journey map
 *
 * The window is a frame: a header bar over a stack of two pages, the
 * start page (JmStartPage: templates, recent maps, samples) and the board
 * page (JmBoardPage: the outline, the board and the scores of one map). It
 * shows one JmDocument from start to end. Its commands are actions
 * installed on the class ("win.save", "win.add-stage", ...) in
 * jm-window-actions.c, with their shortcuts; the board page's own actions
 * ("board.*") are inserted here so that the header's board menu reaches
 * them. Opening, saving, recovery and closing are in jm-window-files.c.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-app-resources.h"
#include "jm-board-host.h"
#include "jm-board-page.h"
#include "jm-samples-resources.h"
#include "jm-session.h"
#include "jm-start-page.h"
#include "jm-text-measure.h"
#include "jm-ui-util.h"
#include "jm-window-private.h"


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

char *
_jm_window_display_name (JmWindow *self)
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

void
_jm_window_update_title (JmWindow *self)
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

  name = _jm_window_display_name (self);
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
  /* As is and to be maps of one journey are often open side by side. */
  if (jm_map_get_status (jm_document_get_map (self->document)) != JM_MAP_STATUS_NONE)
    {
      /* Translators: the map's status ("To be"), then where it is saved. */
      char *with_status = g_strdup_printf (_("%s · %s"),
                                           jm_map_status_get_label (jm_map_get_status (jm_document_get_map (self->document))),
                                           subtitle);

      g_free (subtitle);
      subtitle = with_status;
    }

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
  gtk_widget_set_visible (self->present_button, board);
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
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_k,
                                                                                  GDK_CONTROL_MASK
                                                                                  | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("board.capture")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_r,
                                                                                  GDK_CONTROL_MASK
                                                                                  | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("board.open-room")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_named_action_new ("board.present")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g,
                                                                                  GDK_CONTROL_MASK
                                                                                  | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("board.score")));
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
  jm_set_accessible_label (self->present_button, _("Present"));
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
  _jm_window_update_title (self);
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
static void on_active_changed (JmWindow *self);

/* The window shows one document from start to end; a window opening a
 * file takes the document already reading it. */
void
_jm_window_set_document (JmWindow   *self,
              JmDocument *document)
{
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      jm_session_remove_document (jm_session_get_default (), self->document);
    }
  g_set_object (&self->document, document);
  jm_board_page_set_document (self->board_page, document);
  /* The workshop's countdown is the document's, whichever window shows it. */
  jm_timer_button_set_timer (self->timer_button, document != NULL ? jm_document_get_timer (document) : NULL);
  jm_session_add_document (jm_session_get_default (), document);
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
          g_signal_connect_object (map, "notify::status", G_CALLBACK (on_map_changed), self,
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
  gtk_widget_set_visible (GTK_WIDGET (self->timer_button), map != NULL);

  _jm_window_update_title (self);
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
  _jm_window_update_title (self);
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

/* Drafts. */

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
        _jm_window_ask_about_unsaved (self);
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
      jm_session_remove_document (jm_session_get_default (), self->document);
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
  g_type_ensure (JM_TYPE_TIMER_BUTTON);
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
  gtk_widget_class_bind_template_child (widget_class, JmWindow, timer_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, board_page);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, board_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, present_button);

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

    _jm_window_set_document (self, document);
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
jm_window_host_open_map (JmBoardHost *host,
                         JmMap       *map)
{
  JmWindow *window = jm_window_new_for_map (gtk_window_get_application (GTK_WINDOW (host)), map);

  gtk_window_present (GTK_WINDOW (window));
}

static JmCanvas *
jm_window_host_get_canvas (JmBoardHost *host)
{
  return jm_board_page_get_canvas (JM_WINDOW (host)->board_page);
}

static void
jm_window_board_host_init (JmBoardHostInterface *iface)
{
  iface->get_canvas = jm_window_host_get_canvas;
  iface->open_map = jm_window_host_open_map;
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
jm_window_new (GtkApplication *application)
{
  return g_object_new (JM_TYPE_WINDOW, "application", application, NULL);
}
