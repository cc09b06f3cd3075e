/* jm-present-window.c: present mode's full-screen window
 *
 * Present mode is a window of its own over the editing window, never a
 * change to it: leaving is closing this window, and the editing window is
 * found exactly as it was. With a second screen (a projector) the window
 * goes full screen there, and the laptop keeps editing; both show the same
 * document's map, so every edit shows on the wall at once. With one
 * screen it covers that screen.
 *
 * The document's workshop timer shows large in the corner kept for it,
 * with the agenda step, whenever it is set; "Time is up" when it ends.
 *
 * J shows how to join the workshop room, when one is open for the
 * document: its QR code large, the address to type and the join code,
 * over the board; J or Escape hides it again.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-present-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-present-window.h"
#include "jm-qr-code.h"
#include "jm-room-panel.h"
#include "jm-session.h"
#include "jm-timer.h"

struct _JmPresentWindow
{
  GtkWindow      parent_instance;

  GtkWindow     *parent;      /* weak: the editing window */
  JmDocument    *document;
  JmPresentView *view;
  gboolean       own_screen;  /* on a screen of its own, beside the editing window */

  GtkWidget     *join;        /* how to join the room, over the board */
  JmQrCode      *join_qr;
  GtkLabel      *join_address;
  GtkLabel      *join_code;
  guint          notice_id;
  char          *notice_before;
};

G_DEFINE_FINAL_TYPE (JmPresentWindow, jm_present_window, GTK_TYPE_WINDOW)

static void
on_document_map (JmPresentWindow *self)
{
  JmMap *map = jm_document_get_map (self->document);

  /* The map closed under it: nothing is left to present. */
  if (map == NULL && jm_present_view_get_map (self->view) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  jm_present_view_set_map (self->view, map);
}

static void
on_view_leave (JmPresentWindow *self)
{
  GtkWindow *parent = self->parent;
  gboolean own_screen = self->own_screen;

  gtk_window_destroy (GTK_WINDOW (self));
  /* Back to the editing window, with the keys. */
  if (parent != NULL && !own_screen)
    gtk_window_present (parent);
}

/* Another screen than the editing window's, or NULL with only one. */
static GdkMonitor *
other_monitor (GtkWindow *parent)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (parent));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));
  GdkMonitor *own;

  if (g_list_model_get_n_items (monitors) < 2)
    return NULL;
  own = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != own)
        return monitor;
    }
  return NULL;
}

static GdkMonitor *
parent_monitor (GtkWindow *parent)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (parent));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autoptr(GdkMonitor) first = NULL;

  if (surface != NULL)
    {
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (display, surface);

      if (monitor != NULL)
        return monitor;
    }
  first = g_list_model_get_item (monitors, 0);
  /* The display keeps its monitors. */
  return first;
}

static void
set_size_from_monitor (JmPresentWindow *self,
                       GdkMonitor      *monitor)
{
  GdkRectangle geometry;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &geometry);
  gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
}

static void
jm_present_window_dispose (GObject *object)
{
  JmPresentWindow *self = JM_PRESENT_WINDOW (object);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->document, on_document_map, self);
      g_signal_handlers_disconnect_by_data (jm_document_get_timer (self->document), self);
    }
  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->parent);
  g_clear_handle_id (&self->notice_id, g_source_remove);
  g_clear_pointer (&self->notice_before, g_free);
  G_OBJECT_CLASS (jm_present_window_parent_class)->dispose (object);
}

/* Type for the back of a room: set here, not left to a style sheet, and
 * scaled with the screen as the board is (sizes are for 1080 lines). */
static void
set_type (GtkWidget *label,
          double     px,
          int        weight)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int) (px * PANGO_SCALE)));
  pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
}

static void
size_join_card (JmPresentWindow *self,
                double           scale)
{
  GtkWidget *box = self->join;
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *hint = gtk_widget_get_last_child (box);
  int qr = (int) (420 * scale);

  set_type (title, 44 * scale, PANGO_WEIGHT_HEAVY);
  set_type (GTK_WIDGET (self->join_address), 48 * scale, PANGO_WEIGHT_BOLD);
  set_type (GTK_WIDGET (self->join_code), 34 * scale, PANGO_WEIGHT_NORMAL);
  set_type (hint, 24 * scale, PANGO_WEIGHT_NORMAL);
  gtk_widget_set_size_request (GTK_WIDGET (self->join_qr), qr, qr);
  /* Room inside the card's frame. */
  for (GtkWidget *child = title; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_start (child, (int) (56 * scale));
      gtk_widget_set_margin_end (child, (int) (56 * scale));
    }
  gtk_widget_set_margin_top (title, (int) (32 * scale));
  gtk_widget_set_margin_bottom (hint, (int) (32 * scale));
  gtk_box_set_spacing (GTK_BOX (box), (int) (18 * scale));
}

/* The timer in the view's corner: the time left, and the agenda's step. */
static void
show_timer (JmPresentWindow *self)
{
  JmTimer *timer = jm_document_get_timer (self->document);
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;
  int step = jm_timer_get_step (timer);

  if (self->notice_id != 0)
    return;
  if (jm_timer_get_finished (timer))
    text = g_strdup (_("Time is up"));
  else if (jm_timer_get_duration (timer) == 0 && !jm_timer_get_running (timer))
    text = NULL;
  else
    {
      time = jm_timer_format (jm_timer_get_remaining (timer));
      text = step >= 0 && (guint) step < jm_timer_get_n_steps (timer)
             /* Translators: present mode's timer: the agenda step, then the time left. */
             ? g_strdup_printf (_("%s · %s"), jm_timer_get_step_title (timer, step), time)
             : g_steal_pointer (&time);
    }
  jm_present_view_set_overlay_text (self->view, text);
}

static gboolean
end_notice (gpointer data)
{
  JmPresentWindow *self = data;

  self->notice_id = 0;
  jm_present_view_set_overlay_text (self->view, self->notice_before);
  g_clear_pointer (&self->notice_before, g_free);
  show_timer (self);
  return G_SOURCE_REMOVE;
}

/* Shows or hides how to join the document's workshop room. */
static void
toggle_join (JmPresentWindow *self)
{
  JmRoom *room = jm_session_get_room (jm_session_get_default (), self->document);
  g_autofree char *address = NULL;
  g_autofree char *short_address = NULL;
  g_autofree char *code = NULL;

  if (gtk_widget_get_visible (self->join))
    {
      gtk_widget_set_visible (self->join, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
      return;
    }
  if (room == NULL)
    {
      /* Said for a moment, in the corner the timer uses. */
      g_autofree char *before = g_strdup (jm_present_view_get_overlay_text (self->view));

      jm_present_view_set_overlay_text (self->view, _("No room is open"));
      g_clear_handle_id (&self->notice_id, g_source_remove);
      g_free (self->notice_before);
      self->notice_before = g_steal_pointer (&before);
      self->notice_id = g_timeout_add_seconds (3, end_notice, self);
      return;
    }
  address = jm_room_get_address (room);
  short_address = jm_room_panel_short_address (address);
  /* Translators: under the QR code in present mode; %s is the join code. */
  code = g_strdup_printf (_("Join code: %s"), jm_room_get_code (room));
  size_join_card (self, MAX (0.5, gtk_widget_get_height (GTK_WIDGET (self)) / 1080.0));
  jm_qr_code_set_text (self->join_qr, address);
  gtk_widget_set_visible (GTK_WIDGET (self->join_qr), jm_qr_code_get_width (self->join_qr) > 0);
  gtk_label_set_text (self->join_address, short_address);
  gtk_label_set_text (self->join_code, code);
  gtk_widget_set_visible (self->join, TRUE);
}

static gboolean
on_key_pressed (JmPresentWindow *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_j || keyval == GDK_KEY_J)
    {
      toggle_join (self);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (self->join))
    {
      toggle_join (self);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
join_card (JmPresentWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = gtk_label_new (_("Join the Workshop"));
  GtkWidget *hint = gtk_label_new (_("Scan the code with a phone’s camera, or type the address in a browser on the same network"));

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (box, "card");
  self->join_qr = JM_QR_CODE (jm_qr_code_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->join_qr), 420, 420);
  gtk_widget_set_halign (GTK_WIDGET (self->join_qr), GTK_ALIGN_CENTER);
  self->join_address = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->join_address, TRUE);
  self->join_code = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->join_qr));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->join_address));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->join_code));
  gtk_box_append (GTK_BOX (box), hint);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static void
jm_present_window_class_init (JmPresentWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jm_present_window_dispose;
}

static void
jm_present_window_init (JmPresentWindow *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->view = JM_PRESENT_VIEW (jm_present_view_new ());
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->view));
  self->join = join_card (self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->join);
  gtk_window_set_child (GTK_WINDOW (self), overlay);
  /* Before the view's keys: J and, while the card shows, Escape are the
   * window's. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Present"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "present");
  g_signal_connect_object (self->view, "leave", G_CALLBACK (on_view_leave), self, G_CONNECT_SWAPPED);
}

/**
 * jm_present_window_open:
 * @parent: the editing window
 * @document: the document whose map is shown
 *
 * Presents @document's map full screen: on a screen other than @parent's
 * if there is one, over @parent otherwise. A present window already open
 * for @parent is shown again rather than opened twice.
 *
 * Returns: (transfer none): the present window; it closes itself when
 *   present mode is left, or with @parent
 */
JmPresentWindow *
jm_present_window_open (GtkWindow  *parent,
                        JmDocument *document)
{
  JmPresentWindow *self;
  GdkMonitor *monitor;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  self = jm_present_window_find (parent);
  if (self != NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return self;
    }

  self = g_object_new (JM_TYPE_PRESENT_WINDOW, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "notify::map", G_CALLBACK (on_document_map), self);
  on_document_map (self);
  g_signal_connect_swapped (jm_document_get_timer (document), "notify", G_CALLBACK (show_timer), self);
  show_timer (self);
  g_signal_connect_object (parent, "destroy", G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);

  monitor = other_monitor (parent);
  self->own_screen = monitor != NULL;
  /* The screen's size, for a session with no window manager to make the
   * window full screen (a kiosk, a test). */
  set_size_from_monitor (self, monitor != NULL ? monitor : parent_monitor (parent));
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  return self;
}

/**
 * jm_present_window_find:
 *
 * Returns: (transfer none) (nullable): the present window open for @parent
 */
JmPresentWindow *
jm_present_window_find (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_PRESENT_WINDOW (window) && JM_PRESENT_WINDOW (window)->parent == parent)
        return JM_PRESENT_WINDOW (window);
    }
  return NULL;
}

/**
 * jm_present_window_get_view:
 *
 * Returns: (transfer none): the view the window shows
 */
JmPresentView *
jm_present_window_get_view (JmPresentWindow *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_WINDOW (self), NULL);
  return self->view;
}

/**
 * jm_present_window_get_parent:
 *
 * Returns: (transfer none) (nullable): the editing window
 */
GtkWindow *
jm_present_window_get_parent (JmPresentWindow *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_WINDOW (self), NULL);
  return self->parent;
}

/**
 * jm_present_window_get_join_address:
 *
 * Returns: (nullable): the workshop room's address as shown for joining,
 *   or %NULL when how to join is not showing
 */
const char *
jm_present_window_get_join_address (JmPresentWindow *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_WINDOW (self), NULL);

  return gtk_widget_get_visible (self->join) ? gtk_label_get_text (self->join_address) : NULL;
}

/**
 * jm_present_window_get_join_qr_text:
 *
 * Returns: (nullable): what the QR code for joining encodes
 */
const char *
jm_present_window_get_join_qr_text (JmPresentWindow *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_WINDOW (self), NULL);

  return jm_qr_code_get_text (self->join_qr);
}
