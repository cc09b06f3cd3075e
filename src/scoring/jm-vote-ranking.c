/* jm-vote-ranking.c: the touchpoints of a voting round, most dots first
 *
 * Dot voting answers "which moments hurt most?" by the room's judgement,
 * beside the ranking the ratings give ("what to fix first"). Votes for
 * cards the map no longer has do not count.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-scoring"

#include "config.h"

#include "jm-vote-ranking.h"

static int
compare_tallies (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const JmVoteTally *ta = a;
  const JmVoteTally *tb = b;

  if (ta->dots != tb->dots)
    return ta->dots > tb->dots ? -1 : 1;
  return 0;
}

/**
 * jm_vote_ranking_new:
 * @round: (nullable): a round of @map, or %NULL for the newest
 *
 * Returns: (transfer full) (element-type JmVoteTally): the touchpoints
 *   with dots in @round, most dots first, ties in the map's order
 */
GArray *
jm_vote_ranking_new (JmMap       *map,
                     JmVoteRound *round)
{
  GArray *tallies = g_array_new (FALSE, TRUE, sizeof (JmVoteTally));
  GListModel *touchpoints;

  g_return_val_if_fail (JM_IS_MAP (map), tallies);

  if (round == NULL)
    round = jm_votes_get_latest_round (jm_map_get_votes (map));
  if (round == NULL)
    return tallies;
  touchpoints = jm_map_get_touchpoints (map);
  for (guint i = 0, n = g_list_model_get_n_items (touchpoints); i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      const char *id = jm_touchpoint_get_id (touchpoint);
      JmVoteTally tally = { touchpoint, 0, 0 };

      tally.dots = jm_vote_round_get_dots_for (round, id, &tally.voters);
      if (tally.dots > 0)
        g_array_append_val (tallies, tally);
    }
  /* A stable sort: the map's order breaks ties. */
  g_qsort_with_data (tallies->data, tallies->len, sizeof (JmVoteTally), compare_tallies, NULL);
  return tallies;
}
