/* jm-change-row.h: one difference between two maps, as a list row
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-map-conflicts.h"
#include "jm-map-diff.h"

G_BEGIN_DECLS

GtkWidget *jm_change_row_new (JmMap             *here_map,
                              JmMap             *there_map,
                              const JmMapChange *change);
GtkWidget *jm_change_row_new_conflict (JmMap      *map,
                                       JmConflict *conflict);

G_END_DECLS
