/* jm-score-compare.c: two maps side by side, stage by stage
 *
 * An as-is map and its to-be copy keep their ids, so their stages can be
 * matched and their cards counted as added, removed or changed, and each
 * stage's emotion and score set beside the other's: where the journey
 * gets better, and where it does not.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-compare"

#include "config.h"

#include <math.h>

#include "jm-map-diff.h"
#include "jm-score-compare.h"
#include "jm-score-report.h"

static void
comparison_clear (gpointer data)
{
  JmStageComparison *comparison = data;

  g_free (comparison->stage_id);
  g_free (comparison->name);
}

static JmStageComparison *
find (GArray     *stages,
      const char *id)
{
  for (guint i = 0; i < stages->len; i++)
    if (g_str_equal (g_array_index (stages, JmStageComparison, i).stage_id, id))
      return &g_array_index (stages, JmStageComparison, i);
  return NULL;
}

/* Each stage's roll-up of @map into side @side of the comparison. */
static void
add_side (GArray *stages,
          JmMap  *map,
          guint   side)
{
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  guint n = jm_score_report_get_n_groups (report, JM_SCORE_BY_STAGE);

  for (guint s = 0; s < n; s++)
    {
      const JmScoreGroup *group = jm_score_report_get_group (report, JM_SCORE_BY_STAGE, s);
      JmStageComparison *comparison = find (stages, group->key);

      if (comparison == NULL)
        {
          JmStageComparison fresh = {
            g_strdup (group->key), g_strdup (group->label), FALSE, FALSE,
            { NAN, NAN }, { NAN, NAN }, { 0, 0 }, 0, 0, 0
          };

          g_array_append_val (stages, fresh);
          comparison = &g_array_index (stages, JmStageComparison, stages->len - 1);
        }
      if (side == 0)
        comparison->in_first = TRUE;
      else
        comparison->in_second = TRUE;
      comparison->n_cards[side] = group->summary.n_touchpoints;
      comparison->emotion[side] = group->summary.n_emotions > 0 ? group->summary.emotion : NAN;
      comparison->score[side] = group->summary.n_scored > 0 ? group->summary.mean : NAN;
    }
}

static const char *
stage_of (JmMap      *map,
          const char *touchpoint_id)
{
  JmTouchpoint *touchpoint = jm_map_lookup_touchpoint (map, touchpoint_id);

  return touchpoint != NULL ? jm_touchpoint_get_stage_id (touchpoint) : NULL;
}

/**
 * jm_score_compare_stages:
 * @first: the map compared from, such as the journey as it is
 * @second: the map compared to, such as the journey as it should be
 *
 * Returns: (transfer full) (element-type JmStageComparison): every stage
 *   of @first in its order, then those only @second has
 */
GArray *
jm_score_compare_stages (JmMap *first,
                         JmMap *second)
{
  GArray *stages = g_array_new (FALSE, TRUE, sizeof (JmStageComparison));
  g_autoptr(JmMapDiff) diff = NULL;
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (JM_IS_MAP (first) && JM_IS_MAP (second), stages);

  g_array_set_clear_func (stages, comparison_clear);
  add_side (stages, first, 0);
  add_side (stages, second, 1);

  diff = jm_map_diff_new (first, second);
  for (guint i = 0; i < jm_map_diff_get_n_changes (diff); i++)
    {
      const JmMapChange *change = jm_map_diff_get_change (diff, i);
      JmStageComparison *comparison;
      const char *stage;

      if (!g_str_equal (change->object, "touchpoint"))
        continue;
      stage = stage_of (change->kind == JM_MAP_CHANGE_REMOVED ? first : second, change->id);
      comparison = stage != NULL ? find (stages, stage) : NULL;
      if (comparison == NULL)
        continue;
      if (change->kind == JM_MAP_CHANGE_ADDED)
        comparison->n_added++;
      else if (change->kind == JM_MAP_CHANGE_REMOVED)
        comparison->n_removed++;
      else if (!g_hash_table_contains (counted, change->id))
        {
          /* A card changed in several fields counts once. */
          g_hash_table_add (counted, change->id);
          comparison->n_changed++;
        }
    }
  return stages;
}
