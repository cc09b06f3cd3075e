/* jm-score-legend.h: the heat-map colours of scores 1 to 5, and unscored grey
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JM_TYPE_SCORE_LEGEND (jm_score_legend_get_type ())
G_DECLARE_FINAL_TYPE (JmScoreLegend, jm_score_legend, JM, SCORE_LEGEND, GtkWidget)

GtkWidget *jm_score_legend_new (void);

G_END_DECLS
