/* jm-bench-canvas.c: frame times of the board while dragging and panning
 *
 *   jm-bench-canvas drag|pan|drag-room SOURCE FRAMES
 *
 * drag-room drags as drag does while a workshop room on the map takes
 * cards from fifty participants (jm-bench-room --participants, in a
 * process of its own) at the pace jm-bench-room uses: the board's frames
 * while the room is busy.
 *
 * Shows SOURCE (a .journey file, or "generated:N:SEED") on a board in a
 * 1280x800 window, then for FRAMES frames either drags the first card in a
 * circle through the board's drag gesture, or scrolls the view one step a
 * frame. Each frame's duration is measured from the frame clock's
 * before-paint to the end of its after-paint, so it holds everything the
 * frame costs: the gesture, layout, the board's snapshot and rendering.
 * It prints
 *
 *   frames N
 *   median MS
 *   p95 MS
 *   fps F          frames shown per second of wall time over the run
 *   update MS      median time of the update phase (the gesture's handlers)
 *   layout MS      median time of the layout phase (size allocation)
 *   paint MS       median time of the paint phase (snapshot and rendering)
 *   snapshot MS    median time of the board's own snapshot within it, from
 *                  the board's frame statistics
 *   peak-rss KB    the process's high-water mark, map and board included
 *   room-cards N   (drag-room) cards the room added while frames were measured
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-bench-source.h"
#include "jm-document.h"
#include "jm-room.h"

/* The first frames build every card's cached node; they are start-up, not
 * the steady state a user feels while dragging. */
#define WARM_UP_FRAMES 5

typedef enum {
  MODE_DRAG,
  MODE_PAN,
} Mode;

static struct {
  Mode          mode;
  gboolean      room_busy;
  JmDocument   *document;
  JmRoom       *room;
  GSubprocess  *participants;
  gboolean      room_started;   /* every participant is in and sending */
  GDataInputStream *participants_out;
  guint         cards_before;
  guint         cards_during;   /* added by the room while frames were measured */
  guint         frames;
  const char   *source;
  JmMap        *map;
  GtkWidget    *canvas;
  GtkGesture   *drag;
  double        drag_x, drag_y;
  guint         ticks;
  gint64        frame_start;
  gint64        update_end;
  gint64        layout_end;
  gint64        paint_end;
  gint64        run_start;
  gint64        run_end;
  GArray       *durations;
  GArray       *update_times;
  GArray       *layout_times;
  GArray       *paint_times;
} bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
print_results (void)
{
  GArray *d = bench.durations;
  GArray *snapshot_times;
  guint n = d->len;

  g_array_sort (d, compare_doubles);
  g_print ("frames %u\n", n);
  g_print ("median %.3f\n", g_array_index (d, double, n / 2));
  g_print ("p95 %.3f\n", g_array_index (d, double, MIN (n - 1, (n * 95 + 99) / 100 - 1)));
  g_print ("fps %.1f\n", (n - 1) / ((bench.run_end - bench.run_start) / 1e6));
  g_print ("update %.3f\n", median (bench.update_times));
  g_print ("layout %.3f\n", median (bench.layout_times));
  g_print ("paint %.3f\n", median (bench.paint_times));
  snapshot_times = _jm_canvas_get_frame_times (JM_CANVAS (bench.canvas));
  if (snapshot_times != NULL && snapshot_times->len > WARM_UP_FRAMES)
    {
      g_autoptr(GArray) snapshots = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = WARM_UP_FRAMES; i < snapshot_times->len; i++)
        g_array_append_val (snapshots, g_array_index (snapshot_times, JmCanvasFrameTime, i).snapshot_ms);
      g_print ("snapshot %.3f\n", median (snapshots));
    }
  g_print ("peak-rss %" G_GUINT64_FORMAT "\n", jm_bench_peak_rss_kb ());
  if (bench.room_busy)
    g_print ("room-cards %u\n", bench.cards_during);
}

static void
step (guint i)
{
  if (bench.mode == MODE_DRAG)
    {
      double t = i * 0.05;

      /* Offsets from the press point: a circle that crosses several cells. */
      g_signal_emit_by_name (bench.drag, "drag-update", 300 + 250 * cos (t), 200 + 150 * sin (t));
    }
  else
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (bench.canvas));
      GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench.canvas));
      double h_range = MAX (gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h), 1);
      double v_range = MAX (gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v), 1);

      /* A steady diagonal pan, as a two-finger scroll over the board would give. */
      gtk_adjustment_set_value (h, fmod (i * 24.0, h_range));
      gtk_adjustment_set_value (v, fmod (i * 18.0, v_range));
    }
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  /* With the room, frames count from when the participants send. */
  if (bench.room_busy && !bench.room_started)
    return G_SOURCE_CONTINUE;
  bench.ticks++;
  if (bench.ticks == WARM_UP_FRAMES && bench.mode == MODE_DRAG)
    {
      graphene_rect_t rect;
      JmTouchpoint *first = g_list_model_get_item (jm_map_get_touchpoints (bench.map), 0);

      bench.drag = _jm_canvas_get_drag_gesture (JM_CANVAS (bench.canvas));
      if (!_jm_canvas_get_card_rect (JM_CANVAS (bench.canvas), first, &rect))
        {
          g_printerr ("jm-bench-canvas: the first card is not on the board\n");
          exit (1);
        }
      g_object_unref (first);
      bench.drag_x = rect.origin.x + 20;
      bench.drag_y = rect.origin.y + 20;
      g_signal_emit_by_name (bench.drag, "drag-begin", bench.drag_x, bench.drag_y);
    }
  if (bench.ticks > WARM_UP_FRAMES)
    step (bench.ticks - WARM_UP_FRAMES);
  return G_SOURCE_CONTINUE;
}

static void
on_before_paint (GdkFrameClock *clock)
{
  bench.frame_start = g_get_monotonic_time ();
  /* A frame may skip phases that nothing asked for. */
  bench.update_end = 0;
  bench.layout_end = 0;
  bench.paint_end = 0;
}

/* Connected after GTK's own handlers, so these mark the ends of the phases. */
static void
on_update (GdkFrameClock *clock)
{
  bench.update_end = g_get_monotonic_time ();
}

static void
on_layout (GdkFrameClock *clock)
{
  bench.layout_end = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock)
{
  bench.paint_end = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();
  double ms = (now - bench.frame_start) / 1000.0;
  gint64 update_end = bench.update_end != 0 ? bench.update_end : bench.frame_start;
  gint64 layout_end = bench.layout_end != 0 ? bench.layout_end : update_end;
  gint64 paint_end = bench.paint_end != 0 ? bench.paint_end : layout_end;
  double update_ms = (update_end - bench.frame_start) / 1000.0;
  double layout_ms = (layout_end - update_end) / 1000.0;
  double paint_ms = (paint_end - layout_end) / 1000.0;

  /* Only frames in which the tick moved something count. */
  if (bench.ticks <= WARM_UP_FRAMES || bench.frame_start == 0)
    return;
  if (bench.durations->len == 0)
    {
      bench.run_start = now;
      bench.cards_before = g_list_model_get_n_items (jm_map_get_touchpoints (bench.map));
    }
  bench.run_end = now;
  bench.cards_during = g_list_model_get_n_items (jm_map_get_touchpoints (bench.map)) - bench.cards_before;
  g_array_append_val (bench.durations, ms);
  g_array_append_val (bench.update_times, update_ms);
  g_array_append_val (bench.layout_times, layout_ms);
  g_array_append_val (bench.paint_times, paint_ms);
  bench.frame_start = 0;

  if (bench.durations->len == bench.frames)
    {
      if (bench.mode == MODE_DRAG)
        g_signal_emit_by_name (bench.drag, "drag-end", 0.0, 0.0);
      g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
      print_results ();
      g_application_quit (g_application_get_default ());
    }
}

static void
on_canvas_realize (GtkWidget *canvas)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (canvas);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect_after (clock, "update", G_CALLBACK (on_update), NULL);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), NULL);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  gtk_widget_add_tick_callback (canvas, tick, NULL, NULL);
}

static void
on_participants_line (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                                      NULL, NULL);

  if (line == NULL)
    return;
  if (g_str_equal (line, "joined"))
    bench.room_started = TRUE;
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (source), G_PRIORITY_DEFAULT, NULL,
                                       on_participants_line, NULL);
}

/* A room on the map, and fifty participants adding cards to it from
 * another process; frames are measured once all are in and sending. */
static void
start_room (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (exe);
  g_autofree char *participants = g_build_filename (dir, "jm-bench-room", NULL);
  g_autofree char *url = NULL;
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (bench.map), 0);
  g_autoptr(JmPersona) lane = g_list_model_get_item (jm_map_get_personas (bench.map), 0);

  bench.document = jm_document_new ();
  jm_document_set_map (bench.document, bench.map);
  bench.room = jm_room_new (bench.document);
  if (!jm_room_listen (bench.room, "127.0.0.1", 0, &error))
    {
      g_printerr ("jm-bench-canvas: %s\n", error->message);
      exit (1);
    }
  url = g_strdup_printf ("ws://127.0.0.1:%u/j/%s/ws", jm_room_get_port (bench.room), jm_room_get_code (bench.room));
  bench.participants = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, participants,
                                         "--participants", url, "50", "20", jm_stage_get_id (stage),
                                         jm_persona_get_id (lane), NULL);
  if (bench.participants == NULL)
    {
      g_printerr ("jm-bench-canvas: %s\n", error->message);
      exit (1);
    }
  bench.participants_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bench.participants));
  g_data_input_stream_read_line_async (bench.participants_out, G_PRIORITY_DEFAULT, NULL, on_participants_line, NULL);
}

static void
activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GError) error = NULL;

  bench.map = jm_bench_open_map (bench.source, &error);
  if (bench.map == NULL)
    {
      g_printerr ("jm-bench-canvas: %s\n", error->message);
      exit (1);
    }

  if (bench.room_busy)
    start_room ();

  bench.canvas = jm_canvas_new ();
  g_signal_connect_after (bench.canvas, "realize", G_CALLBACK (on_canvas_realize), NULL);
  jm_canvas_set_map (JM_CANVAS (bench.canvas), bench.map);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), bench.canvas);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  guint64 frames;
  int status;

  if (argc != 4 || !(g_str_equal (argv[1], "drag") || g_str_equal (argv[1], "pan") ||
                      g_str_equal (argv[1], "drag-room")) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 2, 100000, &frames, NULL))
    {
      g_printerr ("usage: jm-bench-canvas drag|pan|drag-room SOURCE FRAMES\n");
      return 2;
    }
  bench.room_busy = g_str_equal (argv[1], "drag-room");
  /* Ask the board for its own timings, to tell its snapshot from rendering. */
  g_setenv ("JM_CANVAS_FRAME_STATS", "1", TRUE);
  bench.mode = g_str_equal (argv[1], "pan") ? MODE_PAN : MODE_DRAG;
  bench.frames = (guint) frames;
  bench.source = argv[2];
  bench.durations = g_array_new (FALSE, FALSE, sizeof (double));
  bench.update_times = g_array_new (FALSE, FALSE, sizeof (double));
  bench.layout_times = g_array_new (FALSE, FALSE, sizeof (double));
  bench.paint_times = g_array_new (FALSE, FALSE, sizeof (double));

  app = adw_application_new ("io.github.journeymapper.JourneyMapper.BenchCanvas",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);

  if (bench.participants != NULL)
    {
      g_subprocess_force_exit (bench.participants);
      g_subprocess_wait (bench.participants, NULL, NULL);
    }
  g_clear_object (&bench.participants_out);
  g_clear_object (&bench.participants);
  g_clear_object (&bench.room);
  g_clear_object (&bench.document);
  g_clear_object (&bench.map);
  g_array_unref (bench.durations);
  g_array_unref (bench.update_times);
  g_array_unref (bench.layout_times);
  g_array_unref (bench.paint_times);
  return status;
}
