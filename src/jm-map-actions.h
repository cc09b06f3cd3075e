/* jm-map-actions.h: the window's commands between whole maps
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-board-host.h"

G_BEGIN_DECLS

void jm_map_actions_install (GtkWidgetClass *widget_class);
void jm_map_actions_update  (JmBoardHost    *host);

G_END_DECLS
