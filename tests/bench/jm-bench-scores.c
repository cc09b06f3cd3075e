/* jm-bench-scores.c: how long the Scores page takes to show a map
 *
 *   jm-bench-scores SOURCE [RUNS]
 *
 * Puts a JmScoresView beside a plain page in a stack of a 1280x800 window,
 * as the window does with the board. Each run edits one rating while the
 * scores are out of view (so the view has to work its figures out again),
 * switches to them and follows the frames that come after; then it does the
 * same with a new view, which builds its tables from nothing, as when the
 * page first shows. It prints the medians of
 *
 *   switch MS    the switch itself: the view works its figures out and
 *                fills its tables before it maps
 *   shown MS     from the switch to the end of the first frame showing them
 *   settled MS   from the switch to the end of the last frame the switch
 *                caused (tables that lay out in a second pass show here)
 *
 *   cpu MS       the processor time the process spent from the switch to the
 *                end of that last frame, which other programs running at
 *                the same time disturb less than the times above
 *
 * for the edited map, then the same four for the new view ("first-switch",
 * "first-shown", "first-settled", "first-cpu").
 *
 * SOURCE is a .journey file or "generated:N:SEED" (see jm-bench-source.c).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "jm-bench-source.h"
#include "jm-scores-view.h"
#include "jm-scoring.h"

/* A frame further apart than this from the one before is not the switch's. */
#define QUIET_MS 300

static struct
{
  gint64  switched;
  gint64  first_frame;
  gint64  last_frame;
  double  last_frame_cpu;
} run;

typedef struct
{
  GArray *switched;
  GArray *shown;
  GArray *settled;
  GArray *cpu;
} Times;

/* Milliseconds of processor time the process has used. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
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
on_after_paint (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  if (run.switched == 0)
    return;
  if (run.first_frame == 0)
    run.first_frame = now;
  run.last_frame = now;
  run.last_frame_cpu = cpu_ms ();
}

/* Runs the main loop until no frame has come for QUIET_MS. */
static void
wait_for_quiet (void)
{
  gint64 last = run.last_frame;
  gint64 since = g_get_monotonic_time ();

  for (;;)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      if (run.last_frame != last)
        {
          last = run.last_frame;
          since = g_get_monotonic_time ();
        }
      if (g_get_monotonic_time () - since > QUIET_MS * 1000)
        return;
      g_usleep (1000);
    }
}

static void
times_init (Times *times)
{
  times->switched = g_array_new (FALSE, FALSE, sizeof (double));
  times->shown = g_array_new (FALSE, FALSE, sizeof (double));
  times->settled = g_array_new (FALSE, FALSE, sizeof (double));
  times->cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
times_print (Times      *times,
             const char *prefix)
{
  g_print ("%sswitch %.1f\n", prefix, median (times->switched));
  g_print ("%sshown %.1f\n", prefix, median (times->shown));
  g_print ("%ssettled %.1f\n", prefix, median (times->settled));
  g_print ("%scpu %.1f\n", prefix, median (times->cpu));
  g_array_unref (times->switched);
  g_array_unref (times->shown);
  g_array_unref (times->settled);
  g_array_unref (times->cpu);
}

/* Shows the scores, and adds how long that took to @times if set. */
static void
show_scores (GtkStack *stack,
             Times    *times)
{
  double switched, cpu_start;

  wait_for_quiet ();
  cpu_start = cpu_ms ();
  run.first_frame = run.last_frame = 0;
  run.switched = g_get_monotonic_time ();
  gtk_stack_set_visible_child_name (stack, "scores");
  switched = (g_get_monotonic_time () - run.switched) / 1000.0;
  wait_for_quiet ();
  if (times != NULL)
    {
      double shown = (run.first_frame - run.switched) / 1000.0;
      double settled = (run.last_frame - run.switched) / 1000.0;
      double cpu = run.last_frame_cpu - cpu_start;

      g_array_append_val (times->switched, switched);
      g_array_append_val (times->shown, shown);
      g_array_append_val (times->settled, settled);
      g_array_append_val (times->cpu, cpu);
    }
  run.switched = 0;
  gtk_stack_set_visible_child_name (stack, "board");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmTouchpoint) touchpoint = NULL;
  GtkWidget *window, *stack, *view;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 9;
  Times again, first;

  if (argc < 2)
    {
      g_printerr ("usage: jm-bench-scores SOURCE [RUNS]\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  map = jm_bench_open_map (argv[1], &error);
  if (map == NULL)
    {
      g_printerr ("jm-bench-scores: %s\n", error->message);
      return 1;
    }
  touchpoint = g_list_model_get_item (jm_map_get_touchpoints (map), 0);

  window = gtk_window_new ();
  stack = gtk_stack_new ();
  view = jm_scores_view_new (map);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Board"), "board");
  gtk_stack_add_named (GTK_STACK (stack), view, "scores");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (on_after_paint), NULL);

  /* One warm-up run, not counted. */
  show_scores (GTK_STACK (stack), NULL);
  times_init (&again);
  times_init (&first);
  for (guint i = 0; i < runs; i++)
    {
      jm_map_edit_int (map, touchpoint, jm_touchpoint_rating_property (JM_MEASURE_CONVENIENCE),
                       1 + i % 4);
      show_scores (GTK_STACK (stack), &again);

      gtk_stack_remove (GTK_STACK (stack), view);
      view = jm_scores_view_new (map);
      gtk_stack_add_named (GTK_STACK (stack), view, "scores");
      show_scores (GTK_STACK (stack), &first);
    }

  g_print ("runs %u\n", runs);
  times_print (&again, "");
  times_print (&first, "first-");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
