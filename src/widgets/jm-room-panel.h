/* jm-room-panel.h: the facilitator's window onto a workshop room
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-room.h"

G_BEGIN_DECLS

#define JM_TYPE_ROOM_PANEL (jm_room_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmRoomPanel, jm_room_panel, JM, ROOM_PANEL, AdwWindow)

GtkWidget  *jm_room_panel_new              (JmRoom      *room);
JmRoom     *jm_room_panel_get_room         (JmRoomPanel *self);
char       *jm_room_panel_short_address    (const char  *address);

G_END_DECLS
