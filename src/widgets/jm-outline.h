/* jm-outline.h: the whole map as a keyboard and screen-reader friendly tree
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"
#include "jm-selection.h"

G_BEGIN_DECLS

#define JM_TYPE_OUTLINE (jm_outline_get_type ())
G_DECLARE_FINAL_TYPE (JmOutline, jm_outline, JM, OUTLINE, GtkWidget)

GtkWidget  *jm_outline_new                 (void);
JmMap      *jm_outline_get_map             (JmOutline  *self);
void        jm_outline_set_map             (JmOutline  *self,
                                            JmMap      *map);
gpointer    jm_outline_get_selected_object (JmOutline  *self);
void        jm_outline_set_selected_object (JmOutline  *self,
                                            gpointer    object);
void        jm_outline_get_selected_cell   (JmOutline  *self,
                                            JmStage   **stage,
                                            JmPersona **persona);
void        jm_outline_set_shared_selection (JmOutline *self,
                                             JmSelection *selection);
GListModel *jm_outline_get_rows            (JmOutline  *self);
gboolean    jm_outline_drop_object         (JmOutline  *self,
                                            gpointer    object,
                                            guint       position);

G_END_DECLS
