/* jm-scoring.h: a touchpoint's composite score, weights and heat-map colours
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_SCORING_ERROR (jm_scoring_error_quark ())

typedef enum {
  JM_SCORING_ERROR_NEGATIVE_WEIGHT,  /* a weight below 0, or not a number */
  JM_SCORING_ERROR_NO_WEIGHT,        /* every weight is 0: nothing can be scored */
} JmScoringError;

GQuark   jm_scoring_error_quark     (void);

gboolean jm_scoring_check_weights   (JmMap        *map,
                                     GError      **error);

gboolean jm_score_touchpoint        (JmMap        *map,
                                     JmTouchpoint *touchpoint,
                                     double       *composite);
gboolean jm_score_ratings           (const int    *ratings,
                                     const double *weights,
                                     double       *composite,
                                     guint        *n_ratings);

void     jm_score_colour            (double        score,
                                     double       *red,
                                     double       *green,
                                     double       *blue);
void     jm_score_text_colour       (double        score,
                                     double       *red,
                                     double       *green,
                                     double       *blue);

G_END_DECLS
