/* jm-scores-view.h: the scores of a map, rolled up, charted and ranked
 *
 * To embed it, e.g. as a page or a side pane of the window:
 *
 *   GtkWidget *scores = jm_scores_view_new (map);
 *   g_signal_connect_swapped (scores, "touchpoint-activated",
 *                             G_CALLBACK (select_on_board), window);
 *
 * and jm_scores_view_set_map() when the window opens another map. It
 * scrolls by itself and follows the map's edits.
 *
 * Copyright 2026 The Journey Mapper developers
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
