/* jm-emotion-chart.c: a persona's emotion across the stages, drawn
 *
 * The same drawing serves the screen and paper; what differs is set in
 * the chart: on screen a labelled scale, stage names and the persona's
 * colour; on paper a dashed neutral rule and the cards' faces at the
 * points. Cairo and Pango only, so that tests draw it without a display.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-emotion-chart"

#include "config.h"

#include <math.h>

#include "jm-emotion-chart.h"

/**
 * jm_emotion_chart_get_y:
 * @value: an emotion, -2 to +2
 *
 * Returns: the height at which @chart draws @value
 */
double
jm_emotion_chart_get_y (const JmEmotionChart *chart,
                        double                value)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->mid - value * chart->amp;
}

static void
set_rgba_alpha (cairo_t      *cr,
                const JmRgba *rgba,
                double        alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, alpha);
}

/* -2 at the bottom, +2 at the top, 0 stressed, each rule on a pixel. */
static void
draw_scale (const JmEmotionChart *chart,
            cairo_t              *cr)
{
  cairo_set_line_width (cr, 1);
  for (int level = JM_EMOTION_MIN; level <= JM_EMOTION_MAX; level++)
    {
      double y = jm_emotion_chart_get_y (chart, level);
      g_autofree char *text = level == 0 ? g_strdup ("0") : g_strdup_printf ("%+d", level);
      int tw, th;

      set_rgba_alpha (cr, &chart->rule, level == 0 ? 0.45 : 0.12);
      cairo_move_to (cr, chart->left, floor (y) + 0.5);
      cairo_line_to (cr, chart->right, floor (y) + 0.5);
      cairo_stroke (cr);

      if (chart->labels == NULL)
        continue;
      pango_layout_set_text (chart->labels, text, -1);
      pango_layout_set_width (chart->labels, -1);
      pango_layout_set_ellipsize (chart->labels, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_alignment (chart->labels, PANGO_ALIGN_LEFT);
      pango_layout_get_pixel_size (chart->labels, &tw, &th);
      set_rgba_alpha (cr, &chart->rule, 0.7);
      cairo_move_to (cr, chart->left - 6 - tw, y - th / 2.0);
      jm_render_show_layout (cr, chart->labels);
    }
}

static void
draw_midline (const JmEmotionChart *chart,
              cairo_t              *cr)
{
  double dash = 2;

  cairo_set_line_width (cr, 0.5);
  jm_render_set_rgba (cr, &chart->rule);
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_move_to (cr, chart->left, chart->mid);
  cairo_line_to (cr, chart->right, chart->mid);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Stage names under their columns, cut short to fit. */
static void
draw_names (const JmEmotionChart *chart,
            cairo_t              *cr)
{
  for (guint i = 0; i < chart->n_points; i++)
    {
      double x = chart->column_x[i];
      double column = chart->column_width[i];

      if (x > chart->right || x + column < chart->left)
        continue;
      pango_layout_set_text (chart->labels, chart->names[i], -1);
      pango_layout_set_width (chart->labels, (int) (MAX (column - 4, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (chart->labels, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (chart->labels, PANGO_ALIGN_CENTER);
      set_rgba_alpha (cr, &chart->rule, 0.7);
      cairo_move_to (cr, x + 2, chart->names_y);
      jm_render_show_layout (cr, chart->labels);
    }
}

/**
 * jm_emotion_chart_mark_path:
 * @mark: the shape
 * @x: its centre across
 * @y: its centre down
 * @radius: how far it reaches from its centre
 *
 * Adds the outline of a point's shape to @cr's path, to fill: the chart's
 * points, and the legends that name them.
 */
void
jm_emotion_chart_mark_path (cairo_t            *cr,
                            JmEmotionChartMark  mark,
                            double              x,
                            double              y,
                            double              radius)
{
  double r = radius;

  g_return_if_fail (cr != NULL);

  cairo_new_sub_path (cr);
  switch (mark % JM_EMOTION_CHART_N_MARKS)
    {
    case JM_EMOTION_CHART_MARK_SQUARE:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case JM_EMOTION_CHART_MARK_TRIANGLE:
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 1, y + r);
      cairo_line_to (cr, x - r - 1, y + r);
      cairo_close_path (cr);
      break;
    case JM_EMOTION_CHART_MARK_DIAMOND:
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 1, y);
      cairo_line_to (cr, x, y + r + 1);
      cairo_line_to (cr, x - r - 1, y);
      cairo_close_path (cr);
      break;
    case JM_EMOTION_CHART_MARK_DOT:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* The line, broken where a stage has no emotion (or, bridging, carried on
 * dashed to the next stage that has one), then a mark on each point. */
static void
draw_line (const JmEmotionChart *chart,
           cairo_t              *cr)
{
  gboolean pen = FALSE;
  int last = -1;

  cairo_new_path (cr);
  cairo_set_line_width (cr, chart->line_width);
  jm_render_set_rgba (cr, &chart->line);
  if (chart->flags & JM_EMOTION_CHART_ROUND)
    {
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
    }
  for (guint i = 0; i < chart->n_points; i++)
    {
      double y;

      if (isnan (chart->values[i]))
        {
          if (pen)
            cairo_stroke (cr);
          pen = FALSE;
          continue;
        }
      y = jm_emotion_chart_get_y (chart, chart->values[i]);
      if ((chart->flags & JM_EMOTION_CHART_BRIDGE) && !pen && last >= 0 && (guint) last + 1 < i)
        {
          double dash = chart->line_width * 2;

          cairo_save (cr);
          cairo_set_dash (cr, &dash, 1, 0);
          cairo_move_to (cr, chart->x[last], jm_emotion_chart_get_y (chart, chart->values[last]));
          cairo_line_to (cr, chart->x[i], y);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      cairo_line_to (cr, chart->x[i], y);
      pen = TRUE;
      last = i;
    }
  if (pen)
    cairo_stroke (cr);
}

static void
draw_curve (const JmEmotionChart *chart,
            cairo_t              *cr)
{
  double x1, y1, x2, y2;

  draw_line (chart, cr);

  for (guint i = 0; i < chart->n_points; i++)
    if (!isnan (chart->values[i]))
      {
        double x = chart->x[i];
        double y = jm_emotion_chart_get_y (chart, chart->values[i]);
        double r = chart->mark_radius > 0 ? chart->mark_radius : JM_EMOTION_CHART_DOT_RADIUS;

        cairo_new_path (cr);
        if (chart->flags & JM_EMOTION_CHART_FACES)
          {
            cairo_arc (cr, x, y, r, 0, 2 * G_PI);
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_fill (cr);
            jm_render_emotion_face (cr, chart->style, x - r, y - r, 2 * r,
                                    (int) lround (chart->values[i]));
          }
        else
          {
            jm_render_set_rgba (cr, &chart->line);
            jm_emotion_chart_mark_path (cr, chart->mark, x, y, r);
            cairo_fill (cr);
          }
      }

  /* Each touchpoint's own emotion, over the line; only those in view (a
   * poster's sheet shows a few stages of thousands of cards). */
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  for (guint i = 0; i < chart->n_cards; i++)
    {
      double d = chart->card_size;
      double x = chart->card_x[i];
      double y = jm_emotion_chart_get_y (chart, chart->card_values[i]);

      if (x + d < x1 || x - d > x2 || y + d < y1 || y - d > y2)
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, d / 2, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      jm_render_emotion_face (cr, chart->style, x - d / 2, y - d / 2, d,
                              (int) lround (chart->card_values[i]));
    }
}

/**
 * jm_emotion_chart_draw:
 * @chart: what to draw, and where
 * @cr: the cairo context to draw on
 *
 * Draws @chart; leaves @cr's state as it was.
 */
void
jm_emotion_chart_draw (const JmEmotionChart *chart,
                       cairo_t              *cr)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart->n_points == 0 || (chart->values != NULL && chart->x != NULL));
  g_return_if_fail (chart->names == NULL ||
                    (chart->labels != NULL && chart->column_x != NULL && chart->column_width != NULL));
  g_return_if_fail (!(chart->flags & JM_EMOTION_CHART_FACES) || chart->style != NULL);
  g_return_if_fail (chart->n_cards == 0 ||
                    (chart->card_x != NULL && chart->card_values != NULL && chart->style != NULL));

  cairo_save (cr);
  if (chart->flags & JM_EMOTION_CHART_SCALE)
    draw_scale (chart, cr);
  if (chart->flags & JM_EMOTION_CHART_MIDLINE)
    draw_midline (chart, cr);
  /* Beside a board, the columns scroll under the lane headers' place. */
  if (chart->flags & JM_EMOTION_CHART_CLIP)
    {
      cairo_rectangle (cr, chart->left, chart->top, chart->right - chart->left,
                       chart->bottom - chart->top);
      cairo_clip (cr);
    }
  if (chart->names != NULL)
    draw_names (chart, cr);
  draw_curve (chart, cr);
  cairo_restore (cr);
}

/**
 * jm_emotion_chart_values:
 * @report: the scores of a map
 * @lane: a lane's position
 * @n_stages: how many stages to give
 *
 * The points of a persona's emotion curve, from @report.
 *
 * Returns: (transfer full) (array length=n_stages): the mean emotion of each
 *   stage, NAN where none, NAN for all when @lane is not in @report
 */
double *
jm_emotion_chart_values (JmScoreReport *report,
                         guint          lane,
                         guint          n_stages)
{
  double *values = g_new (double, MAX (n_stages, 1));
  guint n_lanes = report != NULL ? jm_score_report_get_n_groups (report, JM_SCORE_BY_LANE) : 0;

  g_return_val_if_fail (report != NULL, values);

  for (guint i = 0; i < n_stages; i++)
    values[i] = lane < n_lanes ? jm_score_report_get_emotion (report, lane, i) : NAN;
  return values;
}
