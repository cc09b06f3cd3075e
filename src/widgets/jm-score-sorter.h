/* jm-score-sorter.h: how the tables of the Scores page sort
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * JmScoreSortKey:
 * @JM_SCORE_SORT_NAME: the group's label or the touchpoint's title
 * @JM_SCORE_SORT_SCORE: the mean or composite score
 * @JM_SCORE_SORT_RANGE: the lowest score, then the highest
 * @JM_SCORE_SORT_DEVIATION: the standard deviation
 * @JM_SCORE_SORT_TOUCHPOINTS: the touchpoints scored, then all of them
 * @JM_SCORE_SORT_RATINGS: the ratings
 * @JM_SCORE_SORT_RANK: the place in the fix-first ranking
 *
 * What a column of #JmScoreRow items sorts on.
 */
typedef enum {
  JM_SCORE_SORT_NAME,
  JM_SCORE_SORT_SCORE,
  JM_SCORE_SORT_RANGE,
  JM_SCORE_SORT_DEVIATION,
  JM_SCORE_SORT_TOUCHPOINTS,
  JM_SCORE_SORT_RATINGS,
  JM_SCORE_SORT_RANK,
} JmScoreSortKey;

#define JM_TYPE_SCORE_SORT_KEY (jm_score_sort_key_get_type ())
GType jm_score_sort_key_get_type (void);

#define JM_TYPE_SCORE_SORTER (jm_score_sorter_get_type ())
G_DECLARE_FINAL_TYPE (JmScoreSorter, jm_score_sorter, JM, SCORE_SORTER, GtkSorter)

GtkSorter      *jm_score_sorter_new          (JmScoreSortKey  key);
JmScoreSortKey  jm_score_sorter_get_key      (JmScoreSorter  *self);
GtkSorter      *jm_score_sorter_missing_last (GtkSorter      *column_view_sorter);

G_END_DECLS
