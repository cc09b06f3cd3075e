/* bench-export.c: time a tiled PDF export of a 5,000-touchpoint map
 *
 * Run with `meson test -C _build --benchmark bench-export` or directly:
 * bench-export [LAYOUT [TILES|SCALE]]; prints the median of five runs.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "jm-export.h"

#define N_TOUCHPOINTS ((guint) (g_getenv ("JM_BENCH_N") ? atoi (g_getenv ("JM_BENCH_N")) : 5000))

static JmMap *
make_big_map (void)
{
  JmMap *map = jm_map_new ();
  const char *stages[] = { "Need", "Research", "Select", "Purchase", "Receive", "Use", "Maintain", "Recommend" };
  const char *channels[] = { "web", "mobile-app", "live-chat", "phone", "in-store", "email" };
  const char *teams[] = { "Sales", "Billing", "Support", NULL };

  jm_map_set_title (map, "Benchmark: 5,000 touchpoints");
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr(JmStage) stage = jm_stage_new (id, stages[i]);
      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autofree char *name = g_strdup_printf ("Persona %u", i + 1);
      g_autoptr(JmPersona) persona = jm_persona_new (id, name);
      jm_persona_set_colour (persona, jm_palette_colour (i));
      jm_map_append_persona (map, persona);
    }
  for (guint i = 0; i < N_TOUCHPOINTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *stage = g_strdup_printf ("s%u", g_random_int_range (0, G_N_ELEMENTS (stages)));
      g_autofree char *lane = g_strdup_printf ("p%u", g_random_int_range (0, 5));
      g_autofree char *title = g_strdup_printf ("Touchpoint %u: customer checks the order status", i);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, lane, title);

      jm_touchpoint_set_channel (tp, channels[i % G_N_ELEMENTS (channels)]);
      jm_touchpoint_set_teams (tp, teams);
      jm_touchpoint_set_emotion (tp, (int) (i % 5) - 2);
      jm_touchpoint_set_moment_of_truth (tp, i % 40 == 0);
      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, (int) ((i + m) % 5) + 1);
      jm_touchpoint_set_row (tp, JM_ROW_ACTIONS, "Opens the app and looks for the tracking page");
      jm_touchpoint_set_row (tp, JM_ROW_NEEDS, "Knowing when the parcel arrives");
      jm_touchpoint_set_row (tp, JM_ROW_THOUGHTS, "Why is this so hard to find?");
      jm_touchpoint_set_row (tp, JM_ROW_OPPORTUNITIES, "Push a notification with the time slot");
      jm_touchpoint_set_row (tp, JM_ROW_METRICS, "Calls about order status");
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jm-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *layout = argc > 1 ? argv[1] : "board";
  const char *size = argc > 2 ? argv[2] : "100%";
  double times[5], layout_times[5];
  guint n_pages = 0;
  JmExportOptions options;
  GStatBuf st;

  g_random_set_seed (42);
  map = make_big_map ();

  jm_export_options_init (&options);
  options.date = 0;
  if (!jm_export_options_apply (&options, layout, "A4", NULL,
                                strchr (size, 'x') ? size : NULL,
                                strchr (size, 'x') ? NULL : size, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, &options, &error);
      gint64 laid_out;

      g_assert_no_error (error);
      laid_out = g_get_monotonic_time ();
      if (!jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      times[run] = (g_get_monotonic_time () - start) / 1e6;
      layout_times[run] = (laid_out - start) / 1e6;
      n_pages = jm_export_plan_get_n_pages (plan);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  qsort (layout_times, G_N_ELEMENTS (layout_times), sizeof (double), compare_doubles);
  g_stat (path, &st);
  g_print ("%u touchpoints, layout %s at %s on A4: %u pages, %.1f MB; "
           "median of 5: %.2f s (layout %.2f s), fastest %.2f s, slowest %.2f s\n",
           N_TOUCHPOINTS, layout, size, n_pages, st.st_size / 1e6,
           times[2], layout_times[2], times[0], times[4]);

  if (g_getenv ("JM_BENCH_KEEP") == NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  else
    g_print ("kept %s\n", path);
  jm_export_options_clear (&options);
  return 0;
}
