/* jm-bench-source.h: where a benchmark driver gets its map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

JmMap   *jm_bench_open_map      (const char *source,
                                 GError    **error);
guint64  jm_bench_peak_rss_kb   (void);

G_END_DECLS
