/* jm-canvas-stats.c: frame statistics
 *
 * When JM_CANVAS_FRAME_STATS is set, each frame's snapshot and paint
 * times are kept, and their percentiles printed when the board goes.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include "jm-canvas-internal.h"

/* ---------------------------------------------------------------- frame stats */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
print_percentiles (const char *what,
                   double     *values,
                   guint       n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  g_printerr ("%s median %.2f ms, p95 %.2f ms", what, values[n / 2], values[MIN (n - 1, n * 95 / 100)]);
}

void
_jm_canvas_on_frame_clock_before_paint (JmCanvas *self)
{
  self->paint_start = g_get_monotonic_time ();
}

void
_jm_canvas_on_frame_clock_after_paint (JmCanvas *self)
{
  JmCanvasFrameTime frame;
  const guint every = 60;

  if (self->paint_start == 0 || self->last_snapshot_ms < 0)
    return;
  frame.snapshot_ms = self->last_snapshot_ms;
  frame.paint_ms = (g_get_monotonic_time () - self->paint_start) / 1000.0;
  self->last_snapshot_ms = -1;
  g_array_append_val (self->frame_times, frame);

  if (self->frame_times->len % every == 0)
    {
      double paint[60], snap[60];

      for (guint i = 0; i < every; i++)
        {
          JmCanvasFrameTime *f = &g_array_index (self->frame_times, JmCanvasFrameTime,
                                                 self->frame_times->len - every + i);
          paint[i] = f->paint_ms;
          snap[i] = f->snapshot_ms;
        }
      g_printerr ("jm-canvas: last %u frames: ", every);
      print_percentiles ("snapshot", snap, every);
      g_printerr ("; ");
      print_percentiles ("paint", paint, every);
      g_printerr ("\n");
    }
}
