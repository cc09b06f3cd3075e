/* jm-touchpoint-private.h: what loaders of the model may do with a touchpoint
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-touchpoint.h"

G_BEGIN_DECLS

void _jm_touchpoint_set_quiet (JmTouchpoint *self,
                               gboolean      quiet);

G_END_DECLS
