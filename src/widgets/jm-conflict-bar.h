/* jm-conflict-bar.h: the board's notice of a merge's conflicts
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_CONFLICT_BAR (jm_conflict_bar_get_type ())
G_DECLARE_FINAL_TYPE (JmConflictBar, jm_conflict_bar, JM, CONFLICT_BAR, GtkWidget)

GtkWidget *jm_conflict_bar_new     (void);
void       jm_conflict_bar_set_map (JmConflictBar *self,
                                    JmMap         *map);

G_END_DECLS
