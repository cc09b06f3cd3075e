/* canvas-demo.c: the board and the inspector in a window, for screenshots
 * and measuring
 *
 *   canvas-demo [--cards N | --file FILE] [--zoom Z] [--filter F]
 *               [--drag-frames N | --pan-frames N | --quit-after-first-frame |
 *                --hold-drag | --edit | --menu | --add-lane]
 *
 * --cards adds N plain cards to the sample map; --file shows a saved map
 * instead. With --drag-frames, drags
 * the first card in a circle through the drag gesture for N frames; with
 * --pan-frames, scrolls the view a step a frame; both then print frame
 * timings when JM_CANVAS_FRAME_STATS=1 is set. The other flags leave the
 * board in one state for a screenshot.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-file.h"
#include "jm-inspector.h"
#include "canvas-sample.h"

static int drag_frames;
static int pan_frames;
static int cards;
static gboolean quit_after_first;
static gboolean hold_drag;
static gboolean edit;
static gboolean menu;
static gboolean add_lane;
static double zoom = 1.0;
static char *filter;
static char *file;
static gint64 start_time;
static gint64 pan_start;
static int frame;
static double drag_x, drag_y;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
on_first_after_paint (GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_after_paint, NULL);
  g_print ("map shown in %.1f ms\n", (g_get_monotonic_time () - start_time) / 1000.0);
  if (quit_after_first)
    g_application_quit (g_application_get_default ());
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  JmCanvas *canvas = JM_CANVAS (widget);
  GtkGesture *drag = _jm_canvas_get_drag_gesture (canvas);

  frame++;
  if (frame == 1)
    {
      if (quit_after_first)
        {
          /* Time opening a map in a window already shown: from handing
           * the map over to the end of the frame that shows it. */
          start_time = g_get_monotonic_time ();
          jm_canvas_set_map (canvas, g_object_get_data (G_OBJECT (canvas), "map"));
          g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_after_paint), NULL);
          return G_SOURCE_REMOVE;
        }
      if (add_lane)
        {
          gtk_widget_activate_action (widget, "canvas.add-lane", NULL);
          return G_SOURCE_REMOVE;
        }
      if (menu)
        {
          gtk_widget_activate_action (widget, "canvas.menu", NULL);
          return G_SOURCE_REMOVE;
        }
      if (edit)
        {
          gtk_widget_activate_action (widget, "canvas.new-card", NULL);
          gtk_editable_set_text (GTK_EDITABLE (_jm_canvas_get_editor (canvas)), "Asks a friend");
          return G_SOURCE_REMOVE;
        }
      if (hold_drag)
        {
          graphene_rect_t rect;
          g_autoptr(JmTouchpoint) card = g_list_model_get_item (jm_map_get_touchpoints (jm_canvas_get_map (canvas)), 0);

          _jm_canvas_get_card_rect (canvas, card, &rect);
          g_signal_emit_by_name (drag, "drag-begin", rect.origin.x + 40, rect.origin.y + 30);
          g_signal_emit_by_name (drag, "drag-update", 150.0, 190.0);
          return G_SOURCE_REMOVE;
        }
      if (drag_frames > 0)
        {
          graphene_rect_t rect;

          g_autoptr(JmTouchpoint) dragged = g_list_model_get_item (jm_map_get_touchpoints (jm_canvas_get_map (canvas)), 0);

          _jm_canvas_get_card_rect (canvas, dragged, &rect);
          drag_x = rect.origin.x + 20;
          drag_y = rect.origin.y + 20;
          g_signal_emit_by_name (drag, "drag-begin", drag_x, drag_y);
        }
      return G_SOURCE_CONTINUE;
    }

  if (drag_frames > 0)
    {
      if (frame - 1 <= drag_frames)
        {
          double t = frame * 0.05;
          g_signal_emit_by_name (drag, "drag-update", 200 + 150 * cos (t), 150 + 100 * sin (t));
          return G_SOURCE_CONTINUE;
        }
      g_signal_emit_by_name (drag, "drag-end", 10.0, 10.0);
    }
  else if (pan_frames > 0)
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
      GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));

      if (pan_start == 0)
        pan_start = g_get_monotonic_time ();
      if (frame - 1 <= pan_frames)
        {
          gtk_adjustment_set_value (h, fmod (frame * 12.0, MAX (gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h), 1)));
          gtk_adjustment_set_value (v, fmod (frame * 9.0, MAX (gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v), 1)));
          return G_SOURCE_CONTINUE;
        }
      g_print ("panned %d frames at %.1f frames a second\n", pan_frames,
               pan_frames / ((g_get_monotonic_time () - pan_start) / 1e6));
    }
  else
    return G_SOURCE_CONTINUE;

  {
    GArray *times = _jm_canvas_get_frame_times (canvas);
    g_autoptr(GArray) snap = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) paint = g_array_new (FALSE, FALSE, sizeof (double));

    /* Skip the first frames, which build the card nodes. */
    for (guint i = MIN (times->len, 5); i < times->len; i++)
      {
        g_array_append_val (snap, g_array_index (times, JmCanvasFrameTime, i).snapshot_ms);
        g_array_append_val (paint, g_array_index (times, JmCanvasFrameTime, i).paint_ms);
      }
    if (snap->len > 0)
      {
        g_array_sort (snap, compare_doubles);
        g_array_sort (paint, compare_doubles);
        g_print ("%u frames: snapshot median %.2f ms p95 %.2f ms; paint median %.2f ms p95 %.2f ms\n",
                 snap->len,
                 g_array_index (snap, double, snap->len / 2),
                 g_array_index (snap, double, snap->len * 95 / 100),
                 g_array_index (paint, double, paint->len / 2),
                 g_array_index (paint, double, paint->len * 95 / 100));
      }
  }
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static void
activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *canvas = jm_canvas_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *inspector = jm_inspector_new ();
  g_autoptr(JmMap) map = NULL;

  if (file != NULL)
    {
      g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (file);
      g_autoptr(GError) error = NULL;

      map = jm_file_load (gfile, NULL, &error);
      if (map == NULL)
        g_error ("%s: %s", file, error->message);
    }
  else
    map = sample_map (cards);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_end_child (GTK_PANED (paned), inspector);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_size_request (inspector, 360, -1);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  jm_inspector_set_map (JM_INSPECTOR (inspector), map);
  g_object_bind_property (canvas, "selected-object", inspector, "object", G_BINDING_SYNC_CREATE);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_object_set_data_full (G_OBJECT (canvas), "map", g_object_ref (map), g_object_unref);
  if (!quit_after_first)
    jm_canvas_set_map (JM_CANVAS (canvas), map);
  if (cards == 0 && file == NULL)
    jm_canvas_set_selected_object (JM_CANVAS (canvas),
                                   jm_map_lookup_touchpoint (map, "t13"));
  gtk_widget_grab_focus (canvas);
  jm_canvas_set_filter (JM_CANVAS (canvas), filter);
  if (zoom != 1.0)
    g_object_set (canvas, "zoom", zoom, NULL);
  gtk_widget_add_tick_callback (canvas, tick, NULL, NULL);
  start_time = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT, &cards, "Extra cards", "N" },
    { "drag-frames", 0, 0, G_OPTION_ARG_INT, &drag_frames, "Drag a card for N frames", "N" },
    { "pan-frames", 0, 0, G_OPTION_ARG_INT, &pan_frames, "Pan for N frames", "N" },
    { "add-lane", 0, 0, G_OPTION_ARG_NONE, &add_lane, "Add a persona lane", NULL },
    { "menu", 0, 0, G_OPTION_ARG_NONE, &menu, "Open the context menu", NULL },
    { "edit", 0, 0, G_OPTION_ARG_NONE, &edit, "Start a new card", NULL },
    { "hold-drag", 0, 0, G_OPTION_ARG_NONE, &hold_drag, "Leave a card in mid-drag", NULL },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &zoom, "Zoom", "Z" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, "Show a saved map", "FILE" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter, "Filter", "FILTER" },
    { "quit-after-first-frame", 0, 0, G_OPTION_ARG_NONE, &quit_after_first,
      "Time showing the map in the open window, then quit", NULL },
    { NULL }
  };

  app = adw_application_new ("io.github.journeymapper.JourneyMapper.CanvasDemo", G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
