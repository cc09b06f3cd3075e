/* jm-bench-app.c: how long the app takes to show a map
 *
 *   jm-bench-app FILE
 *   jm-bench-app --empty-window
 *
 * Starts the application as a user's launch would (the same JmApplication,
 * its command line and its window opening FILE) and quits after the first
 * frame that shows the map. It prints
 *
 *   first-frame MONOTONIC_US   g_get_monotonic_time () at the end of that frame
 *   in-process MS              the same moment measured from main ()
 *   shown WHAT                 "board" when a JmCanvas holding the map was in
 *                              view, "window" when the window held the map
 *                              but the app has no board yet
 *
 * so the caller, which notes the monotonic clock before starting the process,
 * gets the time from process start, exec and dynamic linking included.
 *
 * With --empty-window it shows a window with a header bar and nothing else,
 * none of the app's code: the floor that GTK and libadwaita set.
 *
 * Copyright 2026 The Journey Mapper developers
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

/* Whether @object (the window, or the board) holds a map yet; an object
 * without a "map" property has nothing to wait for. */
static gboolean
holds_map (gpointer object)
{
  g_autoptr(GObject) map = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (object), "map") == NULL)
    return TRUE;
  g_object_get (object, "map", &map, NULL);
  return map != NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GType board_type = g_type_from_name ("JmCanvas");
  GtkWidget *board = NULL;
  gint64 now;

  /* While the file is still loading, the window shows no map: that frame
   * is not the one the user waits for. */
  if (!gtk_widget_get_mapped (window) || !holds_map (window))
    return;
  if (board_type != 0)
    {
      board = find_board (window, board_type);
      if (board == NULL || !gtk_widget_get_mapped (board) || !holds_map (board))
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

static void
on_empty_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  char *app_argv[3];

  start_time = g_get_monotonic_time ();
  if (argc != 2)
    {
      g_printerr ("usage: jm-bench-app FILE\n"
                  "       jm-bench-app --empty-window\n");
      return 2;
    }

  if (g_str_equal (argv[1], "--empty-window"))
    {
      app = G_APPLICATION (adw_application_new ("io.github.journeymapper.JourneyMapper.BenchEmpty",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (on_empty_activate), NULL);
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
      g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, NULL);
      return g_application_run (app, 1, argv);
    }

  app = G_APPLICATION (jm_application_new ());
  /* Each run is a fresh process, never a message to an instance already running. */
  g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, NULL);

  app_argv[0] = argv[0];
  app_argv[1] = argv[1];
  app_argv[2] = NULL;
  return g_application_run (app, 2, app_argv);
}
