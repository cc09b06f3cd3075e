/* jm-score-silos.h: who owns the broken moments
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

/**
 * JmSilo:
 * @label: the team as first written
 * @n_cards: the touchpoints it owns (alone or with others)
 * @n_negative: of those, the ones with a negative emotion
 * @n_moments: of those, the moments of truth
 * @n_broken_moments: moments of truth with a negative emotion or a
 *   composite score under 3
 * @n_shared_negative: negative touchpoints it owns with another team
 * @negative_share: @n_negative over all the map's negative touchpoints
 * @moment_share: @n_moments over all the map's moments of truth
 */
typedef struct
{
  char   *label;
  guint   n_cards;
  guint   n_negative;
  guint   n_moments;
  guint   n_broken_moments;
  guint   n_shared_negative;
  double  negative_share;
  double  moment_share;
} JmSilo;

GArray *jm_score_silos (JmMap *map,
                        guint *n_negative,
                        guint *n_moments);

G_END_DECLS
