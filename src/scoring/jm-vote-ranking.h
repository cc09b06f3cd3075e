/* jm-vote-ranking.h: the touchpoints of a voting round, most dots first
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-votes.h"

G_BEGIN_DECLS

/* A touchpoint and its dots in one round. */
typedef struct
{
  JmTouchpoint *touchpoint;   /* borrowed from the map */
  int           dots;
  guint         voters;       /* how many voters put dots on it */
} JmVoteTally;

GArray *jm_vote_ranking_new (JmMap       *map,
                             JmVoteRound *round);

G_END_DECLS
