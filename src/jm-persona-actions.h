/* jm-persona-actions.h: the window's persona commands
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-board-host.h"

G_BEGIN_DECLS

void       jm_persona_actions_install       (GtkWidgetClass *widget_class);
void       jm_persona_actions_update        (JmBoardHost    *host);
JmPersona *jm_persona_actions_get_persona   (JmBoardHost    *host);
GtkWidget *jm_persona_actions_choose        (JmBoardHost    *host,
                                             JmMap          *source,
                                             const char     *source_name);
JmPersona *jm_persona_actions_get_walking   (JmBoardHost    *host);

G_END_DECLS
