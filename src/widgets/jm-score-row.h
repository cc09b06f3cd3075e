/* jm-score-row.h: one row of a table on the Scores page
 *
 * A row is a group of touchpoints (a stage, persona, channel or team, with
 * its roll-up) or a touchpoint of the fix-first ranking. When the page
 * works its figures out again it gives its rows their new figures rather
 * than making new rows, so that its tables keep the widgets they built.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jm-score-report.h"

G_BEGIN_DECLS

#define JM_TYPE_SCORE_ROW (jm_score_row_get_type ())
G_DECLARE_FINAL_TYPE (JmScoreRow, jm_score_row, JM, SCORE_ROW, GObject)

JmScoreRow   *jm_score_row_new               (void);
void          jm_score_row_set_group         (JmScoreRow         *self,
                                              const JmScoreGroup *group);
void          jm_score_row_set_entry         (JmScoreRow         *self,
                                              const JmScoreEntry *entry,
                                              const char         *details);
const char   *jm_score_row_get_name          (JmScoreRow         *self);
const char   *jm_score_row_get_details       (JmScoreRow         *self);
double        jm_score_row_get_score         (JmScoreRow         *self);
double        jm_score_row_get_minimum       (JmScoreRow         *self);
double        jm_score_row_get_maximum       (JmScoreRow         *self);
double        jm_score_row_get_deviation     (JmScoreRow         *self);
guint         jm_score_row_get_n_scored      (JmScoreRow         *self);
guint         jm_score_row_get_n_touchpoints (JmScoreRow         *self);
guint         jm_score_row_get_n_ratings     (JmScoreRow         *self);
guint         jm_score_row_get_rank          (JmScoreRow         *self);
JmTouchpoint *jm_score_row_get_touchpoint    (JmScoreRow         *self);

G_END_DECLS
