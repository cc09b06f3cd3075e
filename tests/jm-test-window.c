/* jm-test-window.c: what the window tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jm-test-window.h"

/* How long a test waits for something before failing. */
#define WAIT_SECONDS 20

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/**
 * jm_test_wait_for:
 * @what: what is waited for, for the message when it does not come
 *
 * Runs the main loop until @condition holds; fails the test after
 * WAIT_SECONDS.
 */
void
jm_test_wait_for (JmTestCondition  condition,
                  gpointer         data,
                  const char      *what)
{
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, on_timeout, (gpointer) what);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* Runs what the main loop has ready, without waiting. */
void
jm_test_flush_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
jm_test_destroy_window (JmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_flush_events ();
}

/* The window's template child @name, which must exist. */
gpointer
jm_test_window_child (JmWindow   *window,
                      const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), JM_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

/* The item at @position of a list that keeps its items alive: a borrowed
 * pointer. */
gpointer
jm_test_item_at (GListModel *model,
                 guint       position)
{
  GObject *item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

/* The message dialog shown over @parent, if any. */
AdwMessageDialog *
jm_test_find_dialog (gpointer parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

gboolean
jm_test_has_dialog (gpointer parent)
{
  return jm_test_find_dialog (parent) != NULL;
}
