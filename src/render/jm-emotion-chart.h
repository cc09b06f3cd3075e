/* jm-emotion-chart.h: a persona's emotion across the stages, drawn
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "jm-card-render.h"
#include "jm-score-report.h"

G_BEGIN_DECLS

/**
 * JmEmotionChartFlags:
 * @JM_EMOTION_CHART_SCALE: a rule per level from -2 to +2, labelled, 0 stressed
 * @JM_EMOTION_CHART_MIDLINE: one dashed rule at 0
 * @JM_EMOTION_CHART_FACES: points as the cards' emotion faces on white,
 *   rather than dots in the line's colour
 * @JM_EMOTION_CHART_ROUND: round joins and caps on the line
 * @JM_EMOTION_CHART_CLIP: nothing drawn beside the rules' span but the scale
 * @JM_EMOTION_CHART_BRIDGE: the line carries on, dashed, across stages
 *   without an emotion, instead of breaking there
 */
typedef enum {
  JM_EMOTION_CHART_SCALE   = 1 << 0,
  JM_EMOTION_CHART_MIDLINE = 1 << 1,
  JM_EMOTION_CHART_FACES   = 1 << 2,
  JM_EMOTION_CHART_ROUND   = 1 << 3,
  JM_EMOTION_CHART_CLIP    = 1 << 4,
  JM_EMOTION_CHART_BRIDGE  = 1 << 5,
} JmEmotionChartFlags;

/**
 * JmEmotionChartMark:
 * @JM_EMOTION_CHART_MARK_DOT: a round dot
 * @JM_EMOTION_CHART_MARK_SQUARE: a square
 * @JM_EMOTION_CHART_MARK_TRIANGLE: a triangle, point up
 * @JM_EMOTION_CHART_MARK_DIAMOND: a diamond
 *
 * The shape of a curve's points. Where several personas share one chart,
 * each gets a shape as well as a colour, so that the curves stay apart in
 * greyscale and for readers who do not tell the colours apart.
 */
typedef enum {
  JM_EMOTION_CHART_MARK_DOT,
  JM_EMOTION_CHART_MARK_SQUARE,
  JM_EMOTION_CHART_MARK_TRIANGLE,
  JM_EMOTION_CHART_MARK_DIAMOND,
  JM_EMOTION_CHART_N_MARKS,
} JmEmotionChartMark;

/**
 * JmEmotionChart:
 * @n_points: how many stages
 * @values: the mean emotion of each stage, -2 to +2, NAN where none
 * @x: where each stage's point goes across
 * @left: where the rules start
 * @right: where the rules end
 * @top: the top of the clip (with %JM_EMOTION_CHART_CLIP)
 * @bottom: the foot of the clip
 * @mid: the height of a neutral emotion
 * @amp: how far up each step of emotion goes
 * @flags: what to draw
 * @line: the line's colour, and the dots'
 * @line_width: the line's width
 * @rule: the colour of the rules and the scale's labels
 * @labels: (nullable): a layout in the font of the scale and stage names
 * @names: (nullable): the stage names, shown under their columns
 * @column_x: (nullable): where each stage's column starts, for its name
 * @column_width: (nullable): each column's width
 * @names_y: the top of the stage names
 * @style: (nullable): the card style of the faces
 * @mark: the shape of the points (without %JM_EMOTION_CHART_FACES)
 * @mark_radius: the points' radius, 0 for %JM_EMOTION_CHART_DOT_RADIUS
 * @n_cards: how many touchpoints' own emotions to show as faces
 * @card_x: (nullable): where each touchpoint's face goes across
 * @card_values: (nullable): each touchpoint's emotion, -2 to +2
 * @card_size: the faces' diameter
 *
 * One drawing of an emotion curve, for the walk bar, the persona editor and
 * printed grids alike. The line breaks where a stage has no emotion: unrated
 * is not neutral.
 */
typedef struct
{
  guint                n_points;
  const double        *values;
  const double        *x;
  double               left;
  double               right;
  double               top;
  double               bottom;
  double               mid;
  double               amp;
  JmEmotionChartFlags  flags;
  JmRgba               line;
  double               line_width;
  JmRgba               rule;
  PangoLayout         *labels;
  const char * const  *names;
  const double        *column_x;
  const double        *column_width;
  double               names_y;
  const JmCardStyle   *style;
  JmEmotionChartMark   mark;
  double               mark_radius;
  guint                n_cards;
  const double        *card_x;
  const double        *card_values;
  double               card_size;
} JmEmotionChart;

#define JM_EMOTION_CHART_DOT_RADIUS 5.0

double  jm_emotion_chart_get_y    (const JmEmotionChart *chart,
                                   double                value);
void    jm_emotion_chart_draw     (const JmEmotionChart *chart,
                                   cairo_t              *cr);
void    jm_emotion_chart_mark_path (cairo_t             *cr,
                                   JmEmotionChartMark    mark,
                                   double                x,
                                   double                y,
                                   double                radius);
double *jm_emotion_chart_values   (JmScoreReport        *report,
                                   guint                 lane,
                                   guint                 n_stages);

G_END_DECLS
