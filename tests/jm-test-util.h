/* jm-test-util.h: what several tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

char *jm_test_dump_map (JmMap *map);

char *jm_test_set_up_data_home    (const char *name);
void  jm_test_tear_down_data_home (const char *data_home);

G_END_DECLS
