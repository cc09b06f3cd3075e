/* jm-inspector.h: edits every field of the selected touchpoint, stage or persona
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"
#include "jm-selection.h"

G_BEGIN_DECLS

#define JM_TYPE_INSPECTOR (jm_inspector_get_type ())
G_DECLARE_FINAL_TYPE (JmInspector, jm_inspector, JM, INSPECTOR, GtkWidget)

GtkWidget *jm_inspector_new        (void);

JmMap     *jm_inspector_get_map    (JmInspector *self);
void       jm_inspector_set_map    (JmInspector *self,
                                    JmMap       *map);
gpointer   jm_inspector_get_object (JmInspector *self);
void       jm_inspector_set_object (JmInspector *self,
                                    gpointer     object);
void       jm_inspector_set_objects (JmInspector *self,
                                     gpointer     object,
                                     GPtrArray   *others);
guint      jm_inspector_get_n_objects (JmInspector *self);
void       jm_inspector_set_shared_selection (JmInspector *self,
                                              JmSelection *selection);

G_END_DECLS
