/* jm-selection.h: what is selected in one view of a map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JM_TYPE_SELECTION (jm_selection_get_type ())
G_DECLARE_FINAL_TYPE (JmSelection, jm_selection, JM, SELECTION, GObject)

JmSelection *jm_selection_new           (void);

GPtrArray   *jm_selection_get_objects   (JmSelection *self);
gpointer     jm_selection_get_current   (JmSelection *self);
gboolean     jm_selection_contains      (JmSelection *self,
                                         gpointer     object);
void         jm_selection_set           (JmSelection *self,
                                         GPtrArray   *objects,
                                         gpointer     current);
void         jm_selection_select        (JmSelection *self,
                                         gpointer     object);

G_END_DECLS
