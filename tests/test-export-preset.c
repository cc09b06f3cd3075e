/* test-export-preset.c: wall presets choose the tiling that prints a map
 * largest with no blank sheet, and every default print is readable
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jm-export.h"
#include "jm-file.h"
#include "jm-generate.h"

#define A4_W JM_MM_TO_PT (210)
#define A4_H JM_MM_TO_PT (297)
#define A3_W JM_MM_TO_PT (297)
#define A3_H JM_MM_TO_PT (420)
#define MARGIN JM_MM_TO_PT (10)
#define OVERLAP JM_MM_TO_PT (10)

/* The test's own geometry, written apart from the code under test: the
 * scale a layout prints at on @c x @r sheets, and whether a sheet is left
 * with nothing on it (the poster centred on the sheets, as printed). */
static double
tiling_scale (double w, double h, double cw, double ch, guint c, guint r)
{
  double across = c * (cw - OVERLAP) + OVERLAP;
  double down = r * (ch - OVERLAP) + OVERLAP;

  return fmin (across / w, down / h);
}

static gboolean
has_blank_sheet (double w, double h, double cw, double ch, guint c, guint r, double scale)
{
  double across = c * (cw - OVERLAP) + OVERLAP;
  double down = r * (ch - OVERLAP) + OVERLAP;
  double left = (across - w * scale) / 2, top = (down - h * scale) / 2;

  /* The first and last column (row) of sheets: each must reach into the
   * printed poster by more than a hair. */
  return left + w * scale <= (c - 1) * (cw - OVERLAP) + 0.01 || left >= cw - 0.01 ||
         top + h * scale <= (r - 1) * (ch - OVERLAP) + 0.01 || top >= ch - 0.01;
}

/* For layouts of many shapes, paper and sheet counts: the choice leaves no
 * sheet blank, and no tiling of at most as many sheets, either way round,
 * without blank sheets prints the layout larger. */
static void
test_choose_tiling (void)
{
  const double layouts[][2] = {
    { 1310, 2400 },     /* three lanes' grids stacked: tall */
    { 1310, 800 },      /* one grid */
    { 1530, 900 },      /* a board */
    { 1310, 52000 },    /* a 1,000-card map's grids */
    { 9000, 700 },      /* forty stages */
    { 400, 400 },
  };
  const double papers[][2] = { { A4_W, A4_H }, { A3_W, A3_H }, { JM_MM_TO_PT (841), JM_MM_TO_PT (1189) } };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
      for (guint n = 1; n <= 16; n++)
        {
          double w = layouts[l][0], h = layouts[l][1];
          JmExportTiling t;
          double cw, ch;

          g_assert_true (jm_export_choose_tiling (w, h, papers[p][0], papers[p][1], MARGIN, OVERLAP,
                                                  n, -1, &t));
          g_assert_cmpuint (t.columns * t.rows, <=, n);
          cw = (t.landscape ? papers[p][1] : papers[p][0]) - 2 * MARGIN;
          ch = (t.landscape ? papers[p][0] : papers[p][1]) - 2 * MARGIN;
          g_assert_cmpfloat_with_epsilon (t.scale, tiling_scale (w, h, cw, ch, t.columns, t.rows), 1e-9);
          if (has_blank_sheet (w, h, cw, ch, t.columns, t.rows, t.scale))
            g_error ("%.0f x %.0f on %u sheets: %u x %u leaves a sheet blank",
                     w, h, n, t.columns, t.rows);

          for (int land = 0; land <= 1; land++)
            for (guint c = 1; c <= n; c++)
              for (guint r = 1; c * r <= n; r++)
                {
                  double ocw = (land ? papers[p][1] : papers[p][0]) - 2 * MARGIN;
                  double och = (land ? papers[p][0] : papers[p][1]) - 2 * MARGIN;
                  double s = tiling_scale (w, h, ocw, och, c, r);

                  if (!has_blank_sheet (w, h, ocw, och, c, r, s) && s > t.scale * 1.001)
                    g_error ("%.0f x %.0f on %u sheets: %u x %u %s prints at %.3f, larger than "
                             "the %u x %u chosen (%.3f)", w, h, n, c, r,
                             land ? "landscape" : "portrait", s, t.columns, t.rows, t.scale);
                }
        }
}

/* An orientation the user chose is kept. */
static void
test_choose_tiling_orientation (void)
{
  JmExportTiling t;

  g_assert_true (jm_export_choose_tiling (1310, 2400, A4_W, A4_H, MARGIN, OVERLAP, 6, 1, &t));
  g_assert_true (t.landscape);
  g_assert_true (jm_export_choose_tiling (1310, 2400, A4_W, A4_H, MARGIN, OVERLAP, 6, 0, &t));
  g_assert_false (t.landscape);
}

static JmMap *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static JmExportPlan *
plan_for (JmMap      *map,
          const char *layout,
          const char *paper,
          const char *tiles,
          const char *sheets,
          const char *lanes)
{
  JmExportOptions options;
  g_autoptr(GError) error = NULL;
  JmExportPlan *plan;

  jm_export_options_init (&options);
  g_assert_true (jm_export_options_apply (&options, layout, paper, NULL, tiles, NULL, NULL, &error));
  g_assert_true (jm_export_options_apply_preset (&options, sheets, lanes, &error));
  g_assert_no_error (error);
  options.date = 0;
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);
  jm_export_options_clear (&options);
  return plan;
}

/* The cases: a sample on 3 x 2 A4 sheets printed at 72% with
 * half the paper blank, when 2 x 3 printed it at 104%; a 1,000-card map
 * on 4 x 3 A3 sheets left 6 of them blank. The preset for as many sheets
 * leaves none blank and prints at least as large as any tiling asked for. */
static void
check_preset_beats_tilings (JmMap      *map,
                            const char *paper,
                            const char *sheets,
                            const char * const *tilings)
{
  g_autoptr(JmExportPlan) preset = plan_for (map, "grid", paper, NULL, sheets, NULL);
  g_autofree char *blank = jm_export_plan_describe_blank_tiles (preset, FALSE);
  double size = jm_export_plan_get_smallest_text (preset);
  guint columns, rows;

  g_assert_true (jm_export_plan_get_tiles (preset, &columns, &rows));
  g_test_message ("%s sheets of %s: %u x %u, smallest text %.2f pt", sheets, paper, columns, rows, size);
  g_assert_cmpuint (columns * rows, <=, (guint) atoi (sheets));
  g_assert_null (blank);
  g_assert_cmpuint (jm_export_plan_get_n_pages (preset), ==, columns * rows + 1);

  for (guint i = 0; tilings[i] != NULL; i++)
    for (guint lanes = 0; lanes < 2; lanes++)
      {
        g_autoptr(JmExportPlan) asked = plan_for (map, "grid", paper, tilings[i], NULL,
                                                  lanes ? "together" : "separate");
        double other = jm_export_plan_get_smallest_text (asked);

        g_test_message ("  --tiles=%s, lanes %s: %.2f pt", tilings[i], lanes ? "together" : "separate", other);
        g_assert_cmpfloat (size, >=, other * 0.999);
      }
}

static void
test_preset_sample (void)
{
  const char * const a4[] = { "3x2", "2x3", "6x1", "1x6", NULL };
  g_autoptr(JmMap) map = load_sample ("hospital-outpatients.journey");
  g_autoptr(JmExportPlan) old = plan_for (map, "grid", "A4", "3x2", NULL, NULL);
  g_autofree char *blank = jm_export_plan_describe_blank_tiles (old, FALSE);

  /* The tiling the issue found wasteful still is, asked for by hand. */
  g_test_message ("--tiles=3x2: %s", blank != NULL ? blank : "no blank sheet");
  check_preset_beats_tilings (map, "A4", "6", a4);
}

static void
test_preset_big_map (void)
{
  const char * const a3[] = { "4x3", "3x4", "2x6", "6x2", "1x12", NULL };
  g_autoptr(JmMap) map = jm_generate_map (1000, 1);
  g_autoptr(JmExportPlan) old = plan_for (map, "grid", "A3", "4x3", NULL, NULL);
  g_autofree char *blank = jm_export_plan_describe_blank_tiles (old, FALSE);

  g_assert_nonnull (blank);
  g_test_message ("--tiles=4x3: %s", blank);
  check_preset_beats_tilings (map, "A3", "12", a3);
}

/* Lanes chosen by hand are kept; chosen by the preset, they are the
 * arrangement that prints larger. */
static void
test_preset_lanes (void)
{
  g_autoptr(JmMap) map = load_sample ("broadband.journey");
  g_autoptr(JmExportPlan) auto_plan = plan_for (map, "grid", "A4", NULL, "6", NULL);
  g_autoptr(JmExportPlan) together = plan_for (map, "grid", "A4", NULL, "6", "together");
  g_autoptr(JmExportPlan) separate = plan_for (map, "grid", "A4", NULL, "6", "separate");
  double a = jm_export_plan_get_smallest_text (auto_plan);

  g_assert_true (jm_export_plan_get_lanes_together (together));
  g_assert_false (jm_export_plan_get_lanes_together (separate));
  g_assert_cmpfloat (a, >=, jm_export_plan_get_smallest_text (together) * 0.999);
  g_assert_cmpfloat (a, >=, jm_export_plan_get_smallest_text (separate) * 0.999);
}

/* A tall map of separate lanes on few big sheets prints larger with its
 * grids side by side than stacked, and the preset finds that. */
static void
test_preset_side_by_side (void)
{
  const char *tilings[] = { "1x1", "1x2", "2x1", NULL };
  g_autoptr(JmMap) map = jm_generate_map (1000, 1);
  g_autoptr(JmExportPlan) preset = plan_for (map, "grid", "A0", NULL, "2", "separate");
  g_autofree char *blank = jm_export_plan_describe_blank_tiles (preset, FALSE);
  double size = jm_export_plan_get_smallest_text (preset);
  double w, h;

  g_test_message ("2 A0 sheets: grids %u side by side, smallest text %.2f pt",
                  jm_export_plan_get_lanes_across (preset), size);
  g_assert_cmpuint (jm_export_plan_get_lanes_across (preset), >, 1);
  g_assert_false (jm_export_plan_get_lanes_together (preset));
  g_assert_null (blank);
  /* Side by side: the poster is wider than one grid. */
  jm_export_plan_get_poster_size (preset, &w, &h);
  g_assert_cmpfloat (w, >, 2 * 1310);
  for (guint i = 0; tilings[i] != NULL; i++)
    {
      g_autoptr(JmExportPlan) stacked = plan_for (map, "grid", "A0", tilings[i], NULL, "separate");
      double other = jm_export_plan_get_smallest_text (stacked);

      g_test_message ("  stacked on --tiles=%s: %.2f pt", tilings[i], other);
      g_assert_cmpuint (jm_export_plan_get_lanes_across (stacked), ==, 1);
      g_assert_cmpfloat (size, >, other * 1.05);
    }
}

/* Every default print, fitted to its pages, prints its smallest text at
 * a readable size, however wide or long the map. */
static void
test_fit_readable (void)
{
  const char *samples[] = { "broadband.journey", "hospital-outpatients.journey", "retail-bank.journey", NULL };
  const char *layouts[] = { "grid", "board", "persona" };
  const char *papers[] = { "A4", "A3", "Letter", "A0" };

  for (guint s = 0; s <= G_N_ELEMENTS (samples) - 1; s++)
    {
      g_autoptr(JmMap) map = samples[s] != NULL ? load_sample (samples[s]) : jm_generate_map (1000, 1);

      for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
        for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
          {
            g_autoptr(JmExportPlan) plan = plan_for (map, layouts[l], papers[p], NULL, NULL, NULL);
            double size = jm_export_plan_get_smallest_text (plan);

            if (size < JM_EXPORT_READABLE_SIZE - 1e-6)
              g_error ("%s, %s on %s: smallest text %.2f pt",
                       samples[s] != NULL ? samples[s] : "1,000 cards", layouts[l], papers[p], size);
          }
    }
}

/* One lane; @n_stages stages, forty cards in the first and one in each
 * other. */
static JmMap *
lopsided_map (guint n_stages)
{
  JmMap *map = jm_map_new ();
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Juliet");

  jm_map_append_persona (map, persona);
  for (guint s = 0; s < n_stages; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", s);
      g_autofree char *name = g_strdup_printf ("Stage %u", s + 1);
      g_autoptr(JmStage) stage = jm_stage_new (id, name);

      jm_map_append_stage (map, stage);
      for (guint i = 0; i < (s == 0 ? 40 : 1); i++)
        {
          g_autofree char *tid = g_strdup_printf ("t%u-%u", s, i);
          g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (tid, id, "p1", "Asks in the branch");

          jm_touchpoint_set_row (tp, JM_ROW_ACTIONS, "Queues, then asks at the desk about the form");
          jm_map_append_touchpoint (map, tp);
        }
    }
  return map;
}

/* A map too wide for the page continues its stages on further pages, each
 * window of stages flowed on its own: nine stages on A4 are three windows
 * of three, and the two whose cells hold one card each take a page each,
 * however many pages the first stage's forty cards fill. */
static void
test_fit_windows (void)
{
  g_autoptr(JmMap) wide = lopsided_map (9);
  g_autoptr(JmMap) narrow = lopsided_map (3);
  g_autoptr(JmExportPlan) wide_plan = plan_for (wide, "grid", "A4", NULL, NULL, NULL);
  g_autoptr(JmExportPlan) narrow_plan = plan_for (narrow, "grid", "A4", NULL, NULL, NULL);
  guint n = jm_export_plan_get_n_pages (narrow_plan);

  g_test_message ("3 stages: %u pages; 9 stages: %u pages", n, jm_export_plan_get_n_pages (wide_plan));
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (jm_export_plan_get_n_pages (wide_plan), ==, n + 2);
  g_assert_cmpfloat (jm_export_plan_get_smallest_text (wide_plan), >=, JM_EXPORT_READABLE_SIZE);
}

/* A wall preset by width prints the poster that wide, on the fewest
 * sheets, none blank. */
static void
test_wall_width (void)
{
  g_autoptr(JmMap) map = load_sample ("broadband.journey");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autofree char *blank = NULL;
  JmExportOptions options;
  double w, h, scale;
  guint columns, rows;

  jm_export_options_init (&options);
  g_assert_true (jm_export_options_apply (&options, "grid", "A3", NULL, NULL, NULL, NULL, &error));
  g_assert_true (jm_export_options_apply_preset (&options, NULL, "together", &error));
  g_assert_true (jm_export_options_apply_wall_width (&options, "1.5m", &error));
  g_assert_no_error (error);
  options.date = 0;
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);

  jm_export_plan_get_poster_size (plan, &w, &h);
  scale = jm_export_plan_get_smallest_text (plan) / JM_EXPORT_READABLE_SIZE;
  g_assert_cmpfloat_with_epsilon (w * scale, JM_MM_TO_PT (1500), 0.5);
  g_assert_true (jm_export_plan_get_tiles (plan, &columns, &rows));
  blank = jm_export_plan_describe_blank_tiles (plan, FALSE);
  g_assert_null (blank);

  /* The other orientation would need as many sheets or more. */
  {
    double pw = JM_MM_TO_PT (297) - 2 * options.margin, ph = JM_MM_TO_PT (420) - 2 * options.margin;
    double page_w, page_h;
    gboolean landscape;

    jm_export_plan_get_page_size (plan, &page_w, &page_h);
    landscape = page_w > page_h;
    if (landscape)
      {
        double t = pw;
        pw = ph;
        ph = t;
      }
    /* pw x ph: the printable area of the sheets not chosen. */
    {
      double other = fmax (1, ceil ((w * scale - options.overlap) / (ph - options.overlap) - 1e-9)) *
                     fmax (1, ceil ((h * scale - options.overlap) / (pw - options.overlap) - 1e-9));

      g_test_message ("1.5 m on A3: %u x %u %s sheets; the other way %.0f",
                      columns, rows, landscape ? "landscape" : "portrait", other);
      g_assert_cmpfloat (columns * rows, <=, other);
    }
  }
  jm_export_options_clear (&options);

  /* With a tiling, a scale or a sheet count, or too narrow: refused. */
  jm_export_options_init (&options);
  g_assert_true (jm_export_options_apply (&options, "grid", NULL, NULL, "2x2", NULL, NULL, NULL));
  g_assert_false (jm_export_options_apply_wall_width (&options, "2m", &error));
  g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  jm_export_options_clear (&options);
  jm_export_options_init (&options);
  g_assert_false (jm_export_options_apply_wall_width (&options, "1cm", &error));
  g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_false (jm_export_options_apply_wall_width (&options, "wide", &error));
  g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
  jm_export_options_clear (&options);
}

static void
test_distance (void)
{
  g_autofree char *seven = jm_export_describe_distance (7);
  g_autofree char *big = jm_export_describe_distance (30);
  g_autofree char *tiny = jm_export_describe_distance (3);

  /* One inch of capital per 25 feet: 7 pt type has a 1.8 mm capital. */
  g_assert_cmpfloat_with_epsilon (jm_export_reading_distance (7), 0.533, 0.005);
  g_assert_cmpfloat_with_epsilon (jm_export_reading_distance (72), 5.49, 0.01);
  g_assert_cmpstr (seven, ==, "Readable from about 0.5 m (smallest text 7.0 pt)");
  g_assert_cmpstr (big, ==, "Readable from about 2 m (smallest text 30 pt)");
  g_assert_cmpstr (tiny, ==, "Readable only up close: the smallest text prints at 3.0 pt");
}

/* Values a user may type wrong are refused with the accepted ones named. */
static void
test_preset_options_refused (void)
{
  const struct { const char *layout, *tiles, *sheets, *lanes, *says; } cases[] = {
    { "grid", NULL, "0", NULL, "from 1 to 676" },
    { "grid", NULL, "six", NULL, "“six”" },
    { "grid", NULL, "677", NULL, "from 1 to 676" },
    { "grid", "2x2", "4", NULL, "--tiles" },
    { "grid", NULL, NULL, "sideways", "together or separate" },
    { "board", NULL, NULL, "together", "template grid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JmExportOptions options;
      g_autoptr(GError) error = NULL;

      jm_export_options_init (&options);
      g_assert_true (jm_export_options_apply (&options, cases[i].layout, NULL, NULL, cases[i].tiles,
                                              NULL, NULL, NULL));
      g_assert_false (jm_export_options_apply_preset (&options, cases[i].sheets, cases[i].lanes, &error));
      g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].says);
      jm_export_options_clear (&options);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-preset/choose-tiling", test_choose_tiling);
  g_test_add_func ("/export-preset/choose-tiling-orientation", test_choose_tiling_orientation);
  g_test_add_func ("/export-preset/sample", test_preset_sample);
  g_test_add_func ("/export-preset/big-map", test_preset_big_map);
  g_test_add_func ("/export-preset/lanes", test_preset_lanes);
  g_test_add_func ("/export-preset/side-by-side", test_preset_side_by_side);
  g_test_add_func ("/export-preset/fit-readable", test_fit_readable);
  g_test_add_func ("/export-preset/fit-windows", test_fit_windows);
  g_test_add_func ("/export-preset/wall-width", test_wall_width);
  g_test_add_func ("/export-preset/distance", test_distance);
  g_test_add_func ("/export-preset/options-refused", test_preset_options_refused);
  return g_test_run ();
}
