/* jm-card-render.h: draws one touchpoint card with cairo and pango
 *
 * The canvas, the board export and printing all draw cards through this one
 * function, so a card looks the same on screen and on paper.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "jm-map.h"
#include "jm-persona.h"
#include "jm-svg-text.h"
#include "jm-touchpoint.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} JmRgba;

typedef struct
{
  JmRgba      background;     /* card face */
  JmRgba      border;         /* card outline */
  JmRgba      foreground;     /* title */
  JmRgba      muted;          /* channel, teams, score labels */
  JmRgba      accent;         /* moment-of-truth mark */
  JmRgba      positive;       /* emotion faces above neutral */
  JmRgba      negative;       /* emotion faces below neutral */
  JmRgba      pip_empty;      /* unfilled score pips */
  JmRgba      vote;           /* dot-voting dots */
  const char *font_family;    /* a Pango family list, e.g. "Cantarell, DejaVu Sans, sans-serif" */
  double      font_size;      /* body size in user units (points on paper, pixels on screen) */
  guint       title_lines;    /* title lines before it is ellipsized */
  gboolean    simple;         /* far zoom: a plain coloured block */
} JmCardStyle;

void     jm_card_style_init_light  (JmCardStyle        *style);
void     jm_card_style_init_dark   (JmCardStyle        *style);

double   jm_card_measure           (cairo_t            *cr,
                                    JmTouchpoint       *touchpoint,
                                    const JmCardStyle  *style,
                                    double              width);
void     jm_card_render            (cairo_t            *cr,
                                    JmTouchpoint       *touchpoint,
                                    JmPersona          *persona,
                                    const JmCardStyle  *style,
                                    double              width,
                                    double             *out_height);
void     jm_card_render_measured   (cairo_t            *cr,
                                    JmTouchpoint       *touchpoint,
                                    JmPersona          *persona,
                                    const JmCardStyle  *style,
                                    double              width,
                                    double              height);

/* Cards with the dots of a voting round: the card's height does not
 * change, since the dots sit on its first line. */
void     jm_card_render_with_dots  (cairo_t            *cr,
                                    JmTouchpoint       *touchpoint,
                                    JmPersona          *persona,
                                    const JmCardStyle  *style,
                                    double              width,
                                    double              height,
                                    int                 dots);
int      jm_card_shown_dots        (JmMap              *map,
                                    JmTouchpoint       *touchpoint);

/* Small drawing helpers shared with the page layouts. */
gboolean jm_rgba_parse             (JmRgba             *rgba,
                                    const char         *colour);
void     jm_render_set_rgba        (cairo_t            *cr,
                                    const JmRgba       *rgba);
void     jm_render_emotion_face    (cairo_t            *cr,
                                    const JmCardStyle  *style,
                                    double              x,
                                    double              y,
                                    double              size,
                                    int                 emotion);
void     jm_render_mot_mark        (cairo_t            *cr,
                                    const JmCardStyle  *style,
                                    double              cx,
                                    double              cy,
                                    double              radius);
void     jm_render_persona_mark    (cairo_t            *cr,
                                    const JmRgba       *colour,
                                    guint               index,
                                    double              cx,
                                    double              cy,
                                    double              radius);
void     jm_render_refused_picture (cairo_t            *cr,
                                    double              x,
                                    double              y,
                                    double              size);
void     jm_render_rounded_rect    (cairo_t            *cr,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height,
                                    double              radius);
const char *jm_render_measure_short_label (JmMeasure  measure);
double   jm_card_score_strip_height (const JmCardStyle *style);
void     jm_card_render_score_strip (cairo_t           *cr,
                                     const JmCardStyle *style,
                                     double             score,
                                     const char        *text,
                                     double             width,
                                     double             height);


G_END_DECLS
