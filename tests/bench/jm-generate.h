/* jm-generate.h: deterministic synthetic maps for benchmarks and tests
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

JmMap *jm_generate_map (guint   n_touchpoints,
                        guint32 seed);

G_END_DECLS
