/* jm-present-window.c: present mode's full-screen window
 *
 * Present mode is a window of its own over the editing window, never a
 * change to it: leaving is closing this window, and the editing window is
 * found exactly as it was. With a second screen (a projector) the window
 * goes full screen there, and the laptop keeps editing; both show the same
 * document's map, so every edit shows on the wall at once. With one
 * screen it covers that screen.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-present-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-present-window.h"

struct _JmPresentWindow
{
  GtkWindow      parent_instance;

  GtkWindow     *parent;      /* weak: the editing window */
  JmDocument    *document;
  JmPresentView *view;
  gboolean       own_screen;  /* on a screen of its own, beside the editing window */
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
    g_signal_handlers_disconnect_by_func (self->document, on_document_map, self);
  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->parent);
  G_OBJECT_CLASS (jm_present_window_parent_class)->dispose (object);
}

static void
jm_present_window_class_init (JmPresentWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jm_present_window_dispose;
}

static void
jm_present_window_init (JmPresentWindow *self)
{
  self->view = JM_PRESENT_VIEW (jm_present_view_new ());
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->view));
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
