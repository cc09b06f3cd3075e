/* jm-map-private.h: what loaders of the model may do with a map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

void _jm_map_begin_load (JmMap *self);
void _jm_map_end_load   (JmMap *self);

/* The map's merge conflicts (jm-map-conflicts.c), made when first asked for. */
GListStore *_jm_map_get_conflict_store (JmMap *self);

G_END_DECLS
