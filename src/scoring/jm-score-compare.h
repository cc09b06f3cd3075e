/* jm-score-compare.h: two maps side by side, stage by stage
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

/**
 * JmStageComparison:
 * @stage_id: the stage's id, the same in both maps
 * @name: its name, as the first map has it where it has the stage
 * @in_first: whether the first map has the stage
 * @in_second: whether the second map has it
 * @emotion: the mean emotion of the stage's cards in each map, NAN where none
 * @score: the mean composite score of its scored cards in each map, NAN where none
 * @n_cards: its cards in each map
 * @n_added: cards only the second map has in the stage
 * @n_removed: cards only the first map has in the stage
 * @n_changed: cards both have, changed or moved into the stage
 */
typedef struct
{
  char     *stage_id;
  char     *name;
  gboolean  in_first;
  gboolean  in_second;
  double    emotion[2];
  double    score[2];
  guint     n_cards[2];
  guint     n_added;
  guint     n_removed;
  guint     n_changed;
} JmStageComparison;

GArray *jm_score_compare_stages (JmMap *first,
                                 JmMap *second);

G_END_DECLS
