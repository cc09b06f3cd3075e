/* jm-test-window.c: what the window tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <execinfo.h>
#include <unistd.h>

#include <gdk/x11/gdkx.h>

#include "jm-start-page.h"
#include "jm-test-window.h"
#include "jm-window-private.h"

/* A warning or critical that happens only now and then, under a loaded
 * machine, is hard to reproduce: each one prints the stack that led to
 * it, so that a single run that meets it says where it came from
 * (`addr2line -e TEST 0xOFFSET` names the static functions). */
static GLogWriterOutput
write_with_stack (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    {
      void *frames[64];
      int n = backtrace (frames, G_N_ELEMENTS (frames));
      static const char heading[] = "Stack at this message:\n";

      if (write (STDERR_FILENO, heading, sizeof heading - 1) < 0)
        return output;
      backtrace_symbols_fd (frames, n, STDERR_FILENO);
    }
  return output;
}

__attribute__((constructor)) static void
install_stack_writer (void)
{
  g_log_set_writer_func (write_with_stack, NULL, NULL);
}

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
/* A named part of the window, or of one of its pages. */
static GObject *
jm_test_window_find_child (JmWindow   *window,
                           const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), JM_TYPE_WINDOW, name);

  if (object == NULL)
    object = gtk_widget_get_template_child (window->start_page, JM_TYPE_START_PAGE, name);
  if (object == NULL)
    object = gtk_widget_get_template_child (GTK_WIDGET (window->board_page), JM_TYPE_BOARD_PAGE, name);
  return object;
}

gpointer
jm_test_window_child (JmWindow   *window,
                      const char *name)
{
  GObject *object = jm_test_window_find_child (window, name);

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

/**
 * jm_test_find_toplevel:
 *
 * Returns: (nullable): a window of @type on screen, such as a dialog
 *   the app opened
 */
gpointer
jm_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             guint     *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (*nth == 0)
        return root;
      (*nth)--;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * jm_test_nth_widget:
 *
 * Returns: (nullable): the @nth widget of @type under @root, from 0,
 *   depth first
 */
GtkWidget *
jm_test_nth_widget (gpointer root,
                    GType    type,
                    guint    nth)
{
  return find_widget (GTK_WIDGET (root), type, &nth);
}

/**
 * jm_test_can_send_input:
 *
 * Whether xdotool can send real input to @widget's window (an X11 window,
 * and xdotool installed); skips the test when not.
 */
gboolean
jm_test_can_send_input (GtkWidget *widget)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  GtkNative *native = gtk_widget_get_native (widget);

  if (path != NULL && native != NULL && GDK_IS_X11_SURFACE (gtk_native_get_surface (native)))
    return TRUE;
  g_test_skip ("needs X11 and xdotool");
  return FALSE;
}

/* The X11 id of @widget's window, as xdotool's --window takes it. */
char *
jm_test_window_id (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

static void
on_xdotool_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/**
 * jm_test_xdotoolv:
 * @argv: xdotool's arguments, %NULL-terminated
 *
 * Runs xdotool, the main loop turning while it sends its events, then lets
 * every event it sent arrive before returning.
 */
void
jm_test_xdotoolv (const char * const *argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_strv_builder_add (builder, "xdotool");
  g_strv_builder_addv (builder, (const char **) argv);
  args = g_strv_builder_end (builder);
  process = g_subprocess_newv ((const char * const *) args, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_xdotool_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_successful (process));
  /* A round trip: every event xdotool sent is ours to handle now. */
  gdk_display_sync (gdk_display_get_default ());
  jm_test_flush_events ();
}

/**
 * jm_test_xdotool:
 * @first: the first of xdotool's arguments, the last followed by %NULL
 *
 * As jm_test_xdotoolv().
 */
void
jm_test_xdotool (const char *first,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  jm_test_xdotoolv ((const char * const *) argv->pdata);
}

/**
 * jm_test_widget_point:
 * @coords: (out): the point as xdotool's "mousemove --window" takes it
 *
 * A point (@x, @y) of @widget in its window's coordinates.
 */
void
jm_test_widget_point (GtkWidget *widget,
                      double     x,
                      double     y,
                      char       coords[2][32])
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;

  gtk_native_get_surface_transform (native, &sx, &sy);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  g_snprintf (coords[0], 32, "%d", (int) (point.x + sx));
  g_snprintf (coords[1], 32, "%d", (int) (point.y + sy));
}
