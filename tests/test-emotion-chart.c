/* test-emotion-chart.c: the emotion curve drawn without a display
 *
 * The walk bar, the persona editor and printed grids draw their curves
 * with jm_emotion_chart_draw(); these tests draw it on an image surface
 * and look where its points landed.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jm-emotion-chart.h"
#include "jm-map.h"

#define WIDTH 400
#define HEIGHT 150

static const JmRgba line = { 0.0, 0.6, 0.4, 1.0 };
static const JmRgba grey = { 0.2, 0.2, 0.2, 1.0 };

/* Two personas over four stages: Fridah feels +2, then -1, then nothing,
 * then 0 (the mean of +1 and -1); James has no emotion at all. */
static JmMap *
build_map (void)
{
  const char *stages[] = { "s1", "s2", "s3", "s4" };
  const struct { const char *id, *stage; int emotion; } cards[] = {
    { "t1", "s1", 2 },
    { "t2", "s2", -1 },
    { "t3", "s3", JM_EMOTION_UNSET },
    { "t4", "s4", 1 },
    { "t5", "s4", -1 },
  };
  JmMap *map = jm_map_new ();
  g_autoptr(JmPersona) fridah = jm_persona_new ("fridah", "Fridah");
  g_autoptr(JmPersona) james = jm_persona_new ("james", "James");

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(JmStage) stage = jm_stage_new (stages[i], stages[i]);
      jm_map_append_stage (map, stage);
    }
  jm_map_append_persona (map, fridah);
  jm_map_append_persona (map, james);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (cards[i].id, cards[i].stage, "fridah", cards[i].id);
      jm_touchpoint_set_emotion (tp, cards[i].emotion);
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static cairo_surface_t *
draw_chart (const JmEmotionChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  jm_emotion_chart_draw (chart, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The pixel at (@x, @y) as 0xAARRGGBB, premultiplied. */
static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + (int) floor (y) * stride + (int) floor (x) * 4);
}

static void
chart_init (JmEmotionChart *chart,
            const double   *values,
            double         *x)
{
  memset (chart, 0, sizeof *chart);
  chart->n_points = 4;
  chart->values = values;
  chart->x = x;
  chart->left = 40;
  chart->right = WIDTH - 10;
  chart->top = 0;
  chart->bottom = HEIGHT;
  chart->mid = 70;
  chart->amp = 25;
  chart->line = line;
  chart->line_width = 3;
  chart->rule = grey;
  for (guint i = 0; i < 4; i++)
    x[i] = 40 + 87.5 * i + 43.75;
}

static void
test_values_from_report (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  g_autofree double *fridah = jm_emotion_chart_values (report, 0, 4);
  g_autofree double *james = jm_emotion_chart_values (report, 1, 4);
  g_autofree double *nobody = jm_emotion_chart_values (report, 2, 4);

  g_assert_cmpfloat (fridah[0], ==, 2);
  g_assert_cmpfloat (fridah[1], ==, -1);
  g_assert_true (isnan (fridah[2]));
  g_assert_cmpfloat (fridah[3], ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (isnan (james[i]));
      g_assert_true (isnan (nobody[i]));
    }
}

static void
test_points (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  g_autofree double *values = jm_emotion_chart_values (report, 0, 4);
  double x[4];
  JmEmotionChart chart;
  cairo_surface_t *surface;
  const guint32 green = 0xff009966;

  chart_init (&chart, values, x);
  /* +2 at the top, -2 at the bottom, 0 in the middle. */
  g_assert_cmpfloat (jm_emotion_chart_get_y (&chart, 2), ==, 20);
  g_assert_cmpfloat (jm_emotion_chart_get_y (&chart, -2), ==, 120);
  g_assert_cmpfloat (jm_emotion_chart_get_y (&chart, 0), ==, 70);

  surface = draw_chart (&chart);
  /* A dot on each stage with an emotion, in the line's colour. */
  g_assert_cmphex (pixel_at (surface, x[0], 20), ==, green);
  g_assert_cmphex (pixel_at (surface, x[1], 95), ==, green);
  g_assert_cmphex (pixel_at (surface, x[3], 70), ==, green);
  /* Nothing where the stage has none: not even at 0, unrated is not
   * neutral; and no line from the second point to the fourth. */
  g_assert_cmphex (pixel_at (surface, x[2], 70), ==, 0);
  g_assert_cmphex (pixel_at (surface, x[2], 82.5), ==, 0);
  /* The line from the first point to the second, halfway. */
  g_assert_cmphex (pixel_at (surface, (x[0] + x[1]) / 2, (20 + 95) / 2.0), ==, green);
  /* Nothing above the top point. */
  g_assert_cmphex (pixel_at (surface, x[0], 10), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_scale_and_midline (void)
{
  const double values[4] = { NAN, NAN, NAN, NAN };
  double x[4];
  JmEmotionChart chart;
  cairo_surface_t *surface;

  chart_init (&chart, values, x);
  chart.flags = JM_EMOTION_CHART_SCALE;
  surface = draw_chart (&chart);
  /* A rule on each level, the neutral one darker, on whole pixels. */
  for (int level = -2; level <= 2; level++)
    {
      guint alpha = pixel_at (surface, 200, jm_emotion_chart_get_y (&chart, level)) >> 24;

      g_assert_cmpuint (alpha, >=, level == 0 ? 0x72 : 0x1e);
      g_assert_cmpuint (alpha, <=, level == 0 ? 0x74 : 0x20);
    }
  g_assert_cmphex (pixel_at (surface, 200, 45 + 12), ==, 0);
  /* Rules only from left to right. */
  g_assert_cmphex (pixel_at (surface, 20, 70), ==, 0);
  cairo_surface_destroy (surface);

  chart.flags = JM_EMOTION_CHART_MIDLINE;
  surface = draw_chart (&chart);
  g_assert_cmphex (pixel_at (surface, 200, 20), ==, 0);
  g_assert_cmphex (pixel_at (surface, 200, 70) >> 24, !=, 0);
  cairo_surface_destroy (surface);
}

static void
test_faces_and_clip (void)
{
  const double values[4] = { 1, NAN, -2, 0 };
  double x[4];
  JmEmotionChart chart;
  JmCardStyle style;
  cairo_surface_t *surface;

  jm_card_style_init_light (&style);
  chart_init (&chart, values, x);
  chart.flags = JM_EMOTION_CHART_FACES;
  chart.style = &style;
  surface = draw_chart (&chart);
  /* A face on white, not a dot in the line's colour. */
  for (guint i = 0; i < 4; i++)
    if (!isnan (values[i]))
      {
        double y = jm_emotion_chart_get_y (&chart, values[i]);
        guint32 edge = pixel_at (surface, x[i] - JM_EMOTION_CHART_DOT_RADIUS + 2, y);

        g_assert_cmphex (edge >> 24, ==, 0xff);
        g_assert_cmphex (edge, !=, 0xff009966);
      }
  cairo_surface_destroy (surface);

  /* Clipped to the rules' span, as beside a scrolled board. */
  chart.flags = JM_EMOTION_CHART_CLIP;
  chart.left = x[1];
  surface = draw_chart (&chart);
  g_assert_cmphex (pixel_at (surface, x[0], jm_emotion_chart_get_y (&chart, 1)), ==, 0);
  g_assert_cmphex (pixel_at (surface, x[2], jm_emotion_chart_get_y (&chart, -2)), ==, 0xff009966);
  cairo_surface_destroy (surface);
}

/* Where several personas share a chart, each one's points have their own
 * shape: told apart by where each shape reaches, in a lone point's box. */
static void
test_marks (void)
{
  const double values[] = { 0, NAN, NAN, NAN };
  const double r = 8;
  /* Just inside the box's corner, and just above the centre of its top
   * edge (where the triangle's and diamond's points reach past it). */
  const struct { JmEmotionChartMark mark; gboolean corner, above; } expect[] = {
    { JM_EMOTION_CHART_MARK_DOT, FALSE, FALSE },
    { JM_EMOTION_CHART_MARK_SQUARE, TRUE, FALSE },
    { JM_EMOTION_CHART_MARK_TRIANGLE, FALSE, TRUE },
    { JM_EMOTION_CHART_MARK_DIAMOND, FALSE, TRUE },
  };
  guint filled[G_N_ELEMENTS (expect)];

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      JmEmotionChart chart;
      double x[4];
      cairo_surface_t *surface;
      double cx, cy;
      guchar *data;
      int stride;

      chart_init (&chart, values, x);
      chart.mark = expect[i].mark;
      chart.mark_radius = r;
      chart.line_width = 0;
      surface = draw_chart (&chart);
      cx = x[0];
      cy = jm_emotion_chart_get_y (&chart, 0);

      g_assert_cmpuint (pixel_at (surface, cx, cy) >> 24, ==, 0xff);
      g_assert_cmpint ((pixel_at (surface, cx - r + 1, cy - r + 1) >> 24) > 0x80, ==, expect[i].corner);
      g_assert_cmpint ((pixel_at (surface, cx, cy - r - 0.5) >> 24) > 0x20, ==, expect[i].above);

      /* And each covers an area of its own. */
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      filled[i] = 0;
      for (int py = 0; py < HEIGHT; py++)
        for (int px = 0; px < WIDTH; px++)
          filled[i] += (*(guint32 *) (data + py * stride + px * 4) >> 24) > 0x80;
      for (guint j = 0; j < i; j++)
        g_assert_cmpuint (filled[i], !=, filled[j]);
      cairo_surface_destroy (surface);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/emotion-chart/values-from-report", test_values_from_report);
  g_test_add_func ("/emotion-chart/points", test_points);
  g_test_add_func ("/emotion-chart/scale-and-midline", test_scale_and_midline);
  g_test_add_func ("/emotion-chart/faces-and-clip", test_faces_and_clip);
  g_test_add_func ("/emotion-chart/marks", test_marks);
  return g_test_run ();
}
