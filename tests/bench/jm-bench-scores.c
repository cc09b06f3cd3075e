/* jm-bench-scores.c: how long the Scores page takes to show a map
 *
 *   jm-bench-scores SOURCE [RUNS]
 *
 * Puts a JmScoresView beside a plain page in a stack of a 1280x800 window,
 * as the window does with the board. Each run edits one rating while the
 * scores are out of view (so the view has to work its figures out again),
 * switches to them and follows the frames that come after. It prints the
 * medians of
 *
 *   shown MS     from the switch to the end of the first frame showing them
 *   settled MS   from the switch to the end of the last frame the switch
 *                caused (tables that lay out in a second pass show here)
 *
 * SOURCE is a .journey file or "generated:N:SEED" (see jm-bench-source.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

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
} run;

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JmTouchpoint) touchpoint = NULL;
  GtkWidget *window, *stack, *view;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 9;

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
  wait_for_quiet ();

  /* One warm-up run, not counted. */
  for (guint i = 0; i <= runs; i++)
    {
      double a, b;

      jm_map_edit_int (map, touchpoint, jm_touchpoint_rating_property (JM_MEASURE_CONVENIENCE),
                       1 + i % 4);
      wait_for_quiet ();
      run.first_frame = run.last_frame = 0;
      run.switched = g_get_monotonic_time ();
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "scores");
      wait_for_quiet ();
      a = (run.first_frame - run.switched) / 1000.0;
      b = (run.last_frame - run.switched) / 1000.0;
      run.switched = 0;
      if (i > 0)
        {
          g_array_append_val (shown, a);
          g_array_append_val (settled, b);
        }
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "board");
    }

  g_print ("runs %u\n", runs);
  g_print ("shown %.1f\n", median (shown));
  g_print ("settled %.1f\n", median (settled));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
