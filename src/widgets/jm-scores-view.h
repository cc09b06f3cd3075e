/* jm-scores-view.h: the scores of a map, rolled up, charted and ranked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"
#include "jm-score-report.h"

G_BEGIN_DECLS

#define JM_TYPE_SCORES_VIEW (jm_scores_view_get_type ())
G_DECLARE_FINAL_TYPE (JmScoresView, jm_scores_view, JM, SCORES_VIEW, GtkWidget)

GtkWidget     *jm_scores_view_new        (JmMap        *map);
JmMap         *jm_scores_view_get_map    (JmScoresView *self);
void           jm_scores_view_set_map    (JmScoresView *self,
                                          JmMap        *map);
JmScoreReport *jm_scores_view_get_report (JmScoresView *self);

G_END_DECLS
