/* jm-map-properties.h: the map's own fields: title, description, score weights
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_MAP_PROPERTIES (jm_map_properties_get_type ())
G_DECLARE_FINAL_TYPE (JmMapProperties, jm_map_properties, JM, MAP_PROPERTIES, GtkWidget)

GtkWidget *jm_map_properties_new     (void);

JmMap     *jm_map_properties_get_map (JmMapProperties *self);
void       jm_map_properties_set_map (JmMapProperties *self,
                                      JmMap           *map);

G_END_DECLS
