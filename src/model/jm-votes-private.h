/* jm-votes-private.h: how a map makes its votes
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-votes.h"

G_BEGIN_DECLS

JmVotes *_jm_votes_new (JmMap *map);

G_END_DECLS
