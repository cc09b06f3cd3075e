/* jm-room-panel.c: the facilitator's window onto a workshop room
 *
 * Shows how to join, large enough to project: the join address as a QR
 * code and as text short enough to type (no "http://", which browsers
 * add), with the join code beside it. And the facilitator's controls: who
 * is in (live), private mode and the cards it holds, each accepted onto
 * the board or into the parking lot, locking the room, removing someone,
 * and closing the room. The panel only shows the room and calls it: the
 * room makes every change to the map through the edits, so each is an
 * undo step in the window. Closing the panel leaves the room open; the
 * session keeps it as long as the document is open.
 *
 * Participants' names and cards are shown as plain text, never markup.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jm-qr-code.h"
#include "jm-room-panel.h"
#include "jm-session.h"
#include "jm-ui-util.h"

struct _JmRoomPanel
{
  AdwWindow       parent_instance;

  JmRoom         *room;
  JmMap          *map;       /* followed for the held cards */
  guint           held_source;

  AdwWindowTitle *window_title;
  JmQrCode       *qr_code;
  GtkWidget      *qr_frame;
  GtkWidget      *scan_label;
  GtkLabel       *address_label;
  GtkLabel       *code_label;
  GtkSwitch      *private_switch;
  GtkSwitch      *lock_switch;
  AdwPreferencesGroup *members_group;
  GtkListBox     *members_list;
  AdwPreferencesGroup *held_group;
  GtkListBox     *held_list;
};

G_DEFINE_FINAL_TYPE (JmRoomPanel, jm_room_panel, ADW_TYPE_WINDOW)

/**
 * jm_room_panel_short_address:
 * @address: a join address, http://HOST:PORT/j/CODE/
 *
 * Returns: (transfer full): the address as a person types it, without
 *   the scheme and the last slash: HOST:PORT/j/CODE
 */
char *
jm_room_panel_short_address (const char *address)
{
  const char *start = address;
  gsize length;

  g_return_val_if_fail (address != NULL, NULL);

  if (g_str_has_prefix (start, "http://"))
    start += strlen ("http://");
  length = strlen (start);
  if (length > 0 && start[length - 1] == '/')
    length--;
  return g_strndup (start, length);
}

/* Empties a list that may hold the focus or the pointer (a button just
 * clicked): the window lets go of them first, so that nothing points at
 * a row that is gone. */
static void
clear_list (JmRoomPanel *self,
            GtkListBox  *list)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *child;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (list)))
    gtk_widget_grab_focus (GTK_WIDGET (list));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
row_button (const char *label,
            const char *accessible,
            GCallback   callback,
            gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  jm_set_accessible_label (button, accessible);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

/* Participants. */

static void
on_remove_clicked (GtkWidget *button)
{
  JmRoomPanel *self = JM_ROOM_PANEL (gtk_widget_get_root (button));
  const char *id = g_object_get_data (G_OBJECT (button), "member-id");

  jm_room_remove_member (self->room, id);
}

static void
refresh_members (JmRoomPanel *self)
{
  g_autoptr(GPtrArray) members = jm_room_list_members (self->room);
  g_autofree char *description = NULL;

  clear_list (self, self->members_list);
  for (guint i = 0; i < members->len; i++)
    {
      JmRoomMember *member = g_ptr_array_index (members, i);
      const char *name = member->name != NULL ? member->name : _("Anonymous");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *accessible = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      /* Translators: %s is a participant's name */
      accessible = g_strdup_printf (_("Remove %s"), name);
      button = row_button (_("Remove"), accessible, G_CALLBACK (on_remove_clicked), NULL);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Send them out of the room; they cannot join again"));
      g_object_set_data_full (G_OBJECT (button), "member-id", g_strdup (member->id), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->members_list, row);
    }
  /* An empty boxed list is a bare line: the description says it instead. */
  gtk_widget_set_visible (GTK_WIDGET (self->members_list), members->len > 0);
  if (members->len == 0)
    description = g_strdup (_("Nobody has joined yet"));
  else
    description = g_strdup_printf (g_dngettext (NULL, "%u person in the room", "%u people in the room",
                                                members->len),
                                   members->len);
  adw_preferences_group_set_description (self->members_group, description);
}

/* Held cards. */

static void
accept (GtkWidget *button,
        gboolean   to_board)
{
  JmRoomPanel *self = JM_ROOM_PANEL (gtk_widget_get_root (button));
  JmTouchpoint *card = g_object_get_data (G_OBJECT (button), "card");

  jm_room_accept_card (self->room, card, to_board);
}

static void
on_accept_clicked (GtkWidget *button)
{
  accept (button, TRUE);
}

static void
on_park_clicked (GtkWidget *button)
{
  accept (button, FALSE);
}

static char *
held_subtitle (JmRoomPanel  *self,
               JmTouchpoint *card)
{
  const char *by = jm_room_get_held_by (self->room, card);
  JmStage *stage = self->map != NULL ? jm_map_lookup_stage (self->map, jm_touchpoint_get_stage_id (card)) : NULL;
  const char *stage_name = stage != NULL ? jm_stage_get_name (stage) : "";

  /* Translators: "From Ana · Onboarding": who sent a card, and its stage */
  return g_strdup_printf (_("From %s · %s"), by != NULL ? by : _("someone anonymous"), stage_name);
}

static void
refresh_held (JmRoomPanel *self)
{
  g_autoptr(GPtrArray) held = jm_room_list_held (self->room);
  g_autofree char *description = NULL;

  clear_list (self, self->held_list);
  for (guint i = 0; i < held->len; i++)
    {
      JmTouchpoint *card = g_ptr_array_index (held, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *subtitle = held_subtitle (self, card);
      g_autofree char *accessible = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_touchpoint_get_title (card));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      /* Translators: %s is a card's title */
      accessible = g_strdup_printf (_("Accept “%s” onto the board"), jm_touchpoint_get_title (card));
      button = row_button (_("Accept"), accessible, G_CALLBACK (on_accept_clicked), NULL);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_tooltip_text (button, _("Put the card where its sender meant it"));
      g_object_set_data_full (G_OBJECT (button), "card", g_object_ref (card), g_object_unref);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      g_clear_pointer (&accessible, g_free);
      accessible = g_strdup_printf (_("Move “%s” to the parking lot"), jm_touchpoint_get_title (card));
      button = row_button (_("Parking Lot"), accessible, G_CALLBACK (on_park_clicked), NULL);
      gtk_widget_set_tooltip_text (button, _("Put the card in the parking lot"));
      g_object_set_data_full (G_OBJECT (button), "card", g_object_ref (card), g_object_unref);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->held_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->held_list), held->len > 0);
  if (held->len > 0)
    description = g_strdup (_("Hidden from the board and from participants until you accept them"));
  else if (jm_room_get_private (self->room))
    description = g_strdup (_("Cards sent now wait here until you accept them"));
  else
    description = g_strdup (_("In private mode, cards wait here until you accept them"));
  adw_preferences_group_set_description (self->held_group, description);
}

static gboolean
on_held_timeout (gpointer data)
{
  JmRoomPanel *self = data;

  self->held_source = 0;
  refresh_held (self);
  return G_SOURCE_REMOVE;
}

/* Once for a burst of changes, such as fifty cards at once. */
static void
queue_held (JmRoomPanel *self)
{
  if (self->held_source == 0)
    self->held_source = g_timeout_add (50, on_held_timeout, self);
}

static void
follow_map (JmRoomPanel *self)
{
  JmMap *map = jm_document_get_map (jm_room_get_document (self->room));

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_object (jm_map_get_history (map), "changed", G_CALLBACK (queue_held), self,
                             G_CONNECT_SWAPPED);
  adw_window_title_set_subtitle (self->window_title,
                                 map != NULL && jm_map_get_title (map) != NULL ? jm_map_get_title (map) : "");
  queue_held (self);
}

/* The room. */

static void
on_copy_clicked (JmRoomPanel *self)
{
  g_autofree char *address = jm_room_get_address (self->room);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), address);
}

static void
on_close_room_clicked (JmRoomPanel *self)
{
  jm_session_close_room (jm_session_get_default (), jm_room_get_document (self->room));
  /* A room closed some other way closes too. */
  if (!jm_room_get_closed (self->room))
    jm_room_close (self->room);
}

static void
on_room_closed (JmRoomPanel *self)
{
  if (jm_room_get_closed (self->room))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_room (JmRoomPanel *self,
          JmRoom      *room)
{
  g_autofree char *address = jm_room_get_address (room);
  g_autofree char *short_address = jm_room_panel_short_address (address);
  g_autofree char *code = NULL;

  self->room = g_object_ref (room);
  jm_qr_code_set_text (self->qr_code, address);
  /* A build without QR codes shows the address alone. */
  gtk_widget_set_visible (self->qr_frame, jm_qr_code_get_width (self->qr_code) > 0);
  gtk_widget_set_visible (self->scan_label, jm_qr_code_get_width (self->qr_code) > 0);
  gtk_label_set_text (self->address_label, short_address);
  /* Translators: %s is the room's join code, ten letters and digits */
  code = g_strdup_printf (_("Join code: %s"), jm_room_get_code (room));
  gtk_label_set_text (self->code_label, code);

  g_object_bind_property (room, "private", self->private_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (room, "locked", self->lock_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (room, "members-changed", G_CALLBACK (refresh_members), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (room, "notify::private", G_CALLBACK (queue_held), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (room, "notify::closed", G_CALLBACK (on_room_closed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (jm_room_get_document (room), "notify::map", G_CALLBACK (follow_map), self,
                           G_CONNECT_SWAPPED);
  follow_map (self);
  refresh_members (self);
}

static void
jm_room_panel_dispose (GObject *object)
{
  JmRoomPanel *self = JM_ROOM_PANEL (object);

  g_clear_handle_id (&self->held_source, g_source_remove);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_clear_object (&self->map);
  g_clear_object (&self->room);
  gtk_widget_dispose_template (GTK_WIDGET (object), JM_TYPE_ROOM_PANEL);

  G_OBJECT_CLASS (jm_room_panel_parent_class)->dispose (object);
}

static void
jm_room_panel_class_init (JmRoomPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_room_panel_dispose;

  g_type_ensure (JM_TYPE_QR_CODE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymapper/JourneyMapper/jm-room-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, qr_code);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, qr_frame);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, scan_label);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, address_label);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, code_label);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, private_switch);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, lock_switch);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, members_group);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, members_list);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, held_group);
  gtk_widget_class_bind_template_child (widget_class, JmRoomPanel, held_list);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_room_clicked);
}

static void
jm_room_panel_init (JmRoomPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * jm_room_panel_new:
 * @room: an open room
 *
 * Returns: (transfer full): a window showing @room
 */
GtkWidget *
jm_room_panel_new (JmRoom *room)
{
  JmRoomPanel *self;

  g_return_val_if_fail (JM_IS_ROOM (room), NULL);

  self = g_object_new (JM_TYPE_ROOM_PANEL, NULL);
  set_room (self, room);
  return GTK_WIDGET (self);
}

/**
 * jm_room_panel_get_room:
 *
 * Returns: (transfer none): the room shown
 */
JmRoom *
jm_room_panel_get_room (JmRoomPanel *self)
{
  g_return_val_if_fail (JM_IS_ROOM_PANEL (self), NULL);
  return self->room;
}
