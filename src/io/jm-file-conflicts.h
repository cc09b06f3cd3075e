/* jm-file-conflicts.h: a merge's conflicts in the map file
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_FILE_MERGE_NAMESPACE "https://journeymapper.github.io/ns/merge/1"

void _jm_file_write_conflicts (GString *out,
                               JmMap   *map);
void _jm_file_read_conflicts  (JmMap   *map);

G_END_DECLS
