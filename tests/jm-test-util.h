/* jm-test-util.h: what several tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

char *jm_test_dump_map (JmMap *map);

G_END_DECLS
