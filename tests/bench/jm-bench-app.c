/* jm-bench-app.c: how long the app takes to show a map
 *
 *   jm-bench-app FILE
 *
 * Starts the application as a user's launch would (the same JmApplication,
 * its command line and its window opening FILE) and quits after the first
 * frame that shows the map. It prints
 *
 *   first-frame MONOTONIC_US   g_get_monotonic_time () at the end of that frame
 *   in-process MS              the same moment measured from main ()
 *   shown WHAT                 "board" when a JmCanvas holding the map was in
 *                              view, "window" when the app has no board yet
 *
 * so the caller, which notes the monotonic clock before starting the process,
 * gets the time from process start, exec and dynamic linking included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "jm-application.h"

/* Long enough for a loaded machine, short enough that a hang fails the run. */
#define TIMEOUT_SECONDS 60

static gint64 start_time;

/* The board, if the app has one; found by name so this program measures
 * whatever window the app builds, with or without a board. */
static GtkWidget *
find_board (GtkWidget *widget,
            GType      board_type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, board_type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_board (child, board_type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
board_shows_map (GtkWidget *board)
{
  g_autoptr(GObject) map = NULL;

  if (!gtk_widget_get_mapped (board) ||
      g_object_class_find_property (G_OBJECT_GET_CLASS (board), "map") == NULL)
    return FALSE;
  g_object_get (board, "map", &map, NULL);
  return map != NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GType board_type = g_type_from_name ("JmCanvas");
  GtkWidget *board = NULL;
  gint64 now;

  if (!gtk_widget_get_mapped (window))
    return;
  /* A board that exists but holds no map yet means the file is still
   * loading: that frame is not the one the user waits for. */
  if (board_type != 0)
    {
      board = find_board (window, board_type);
      if (board == NULL || !board_shows_map (board))
        return;
    }

  now = g_get_monotonic_time ();
  g_print ("first-frame %" G_GINT64_FORMAT "\n", now);
  g_print ("in-process %.3f\n", (now - start_time) / 1000.0);
  g_print ("shown %s\n", board != NULL ? "board" : "window");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_application_quit (g_application_get_default ());
}

static void
on_window_realize (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint), window, G_CONNECT_AFTER);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize), NULL);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_printerr ("jm-bench-app: no frame showed the map within %d s\n", TIMEOUT_SECONDS);
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JmApplication) app = NULL;
  char *app_argv[3];

  start_time = g_get_monotonic_time ();
  if (argc != 2)
    {
      g_printerr ("usage: jm-bench-app FILE\n");
      return 2;
    }

  app = jm_application_new ();
  /* Each run is a fresh process, never a message to an instance already running. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, NULL);

  app_argv[0] = argv[0];
  app_argv[1] = argv[1];
  app_argv[2] = NULL;
  return g_application_run (G_APPLICATION (app), 2, app_argv);
}
