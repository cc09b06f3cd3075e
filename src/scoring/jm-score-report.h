/* jm-score-report.h: every roll-up of a map's scores, computed at once
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

/**
 * JmScoreSummary:
 * @n_touchpoints: the touchpoints in the group
 * @n_scored: how many of them have a composite score
 * @n_ratings: the ratings those composites rest on
 * @mean: the mean of the composites; NAN when @n_scored is 0
 * @min: the lowest composite; NAN when @n_scored is 0
 * @max: the highest composite; NAN when @n_scored is 0
 * @stddev: the population standard deviation of the composites (0 for one
 *   composite); NAN when @n_scored is 0
 * @n_emotions: how many touchpoints of the group have an emotion
 * @emotion: their mean emotion, -2 to +2; NAN when @n_emotions is 0
 *
 * A roll-up of touchpoint composites. Each scored touchpoint counts once,
 * whatever the number of its ratings: the roll-up averages composites, it
 * does not pool ratings.
 */
typedef struct
{
  guint  n_touchpoints;
  guint  n_scored;
  guint  n_ratings;
  double mean;
  double min;
  double max;
  double stddev;
  guint  n_emotions;
  double emotion;
} JmScoreSummary;

/**
 * JmScoreGroupKind:
 * @JM_SCORE_BY_STAGE: one group per stage, in stage order
 * @JM_SCORE_BY_LANE: one group per persona lane, in lane order
 * @JM_SCORE_BY_CHANNEL: one group per channel used, known channels in
 *   jm_channels() order, then others by name, then "no channel"
 * @JM_SCORE_BY_TEAM: one group per owning team, by name, then "no team"
 */
typedef enum {
  JM_SCORE_BY_STAGE,
  JM_SCORE_BY_LANE,
  JM_SCORE_BY_CHANNEL,
  JM_SCORE_BY_TEAM,
  JM_SCORE_N_GROUP_KINDS
} JmScoreGroupKind;

/**
 * JmScoreGroup:
 * @key: a stage or persona id; a channel or team as first written (trimmed),
 *   "" for touchpoints with no channel or no team
 * @label: what to show: the stage or persona name, the channel's label,
 *   the team as first written, or a translated "No channel" / "No team"
 * @object: the #JmStage or #JmPersona of the group, %NULL for channels and teams
 * @summary: the roll-up
 */
typedef struct
{
  const char     *key;
  const char     *label;
  gpointer        object;
  JmScoreSummary  summary;
} JmScoreGroup;

/**
 * JmScoreEntry:
 * @touchpoint: the touchpoint
 * @position: its position in jm_map_get_touchpoints()
 * @stage: its stage's position in jm_map_get_stages(), -1 if unknown
 * @lane: its lane's position in jm_map_get_personas(), -1 if unknown
 * @composite: its composite score, NAN when it has none
 * @n_ratings: the ratings the composite rests on
 * @emotion: its emotion, -2 to +2, or %JM_EMOTION_UNSET
 * @moment_of_truth: whether it is a moment of truth
 * @priority: how urgently to fix it (see jm_score_report_get_ranking()),
 *   NAN when it has no composite
 * @rank: its place in the ranking, from 1; 0 when unranked
 */
typedef struct
{
  JmTouchpoint *touchpoint;
  guint         position;
  int           stage;
  int           lane;
  double        composite;
  guint         n_ratings;
  int           emotion;
  gboolean      moment_of_truth;
  double        priority;
  guint         rank;
} JmScoreEntry;

typedef struct _JmScoreReport JmScoreReport;

#define JM_TYPE_SCORE_REPORT (jm_score_report_get_type ())

GType                 jm_score_report_get_type         (void) G_GNUC_CONST;

JmScoreReport        *jm_score_report_new              (JmMap            *map);
JmScoreReport        *jm_score_report_ref              (JmScoreReport    *self);
void                  jm_score_report_unref            (JmScoreReport    *self);

JmMap                *jm_score_report_get_map          (JmScoreReport    *self);
const JmScoreSummary *jm_score_report_get_overall      (JmScoreReport    *self);
guint                 jm_score_report_get_n_groups     (JmScoreReport    *self,
                                                        JmScoreGroupKind  kind);
const JmScoreGroup   *jm_score_report_get_group        (JmScoreReport    *self,
                                                        JmScoreGroupKind  kind,
                                                        guint             index);
const JmScoreSummary *jm_score_report_get_cell         (JmScoreReport    *self,
                                                        guint             stage,
                                                        guint             lane);
double                jm_score_report_get_emotion      (JmScoreReport    *self,
                                                        guint             lane,
                                                        guint             stage);
const JmScoreEntry   *jm_score_report_get_entries      (JmScoreReport    *self,
                                                        guint            *n_entries);
const JmScoreEntry  **jm_score_report_get_ranking      (JmScoreReport    *self,
                                                        guint            *n_ranked);
double                jm_score_priority                (double            composite,
                                                        gboolean          moment_of_truth,
                                                        int               emotion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmScoreReport, jm_score_report_unref)

G_END_DECLS
