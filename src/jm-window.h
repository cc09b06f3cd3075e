/* jm-window.h: a window showing one journey map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-application.h"
#include "jm-map.h"
#include "jm-canvas.h"
#include "jm-inspector.h"
#include "jm-map-properties.h"
#include "jm-outline.h"
#include "jm-scores-view.h"

G_BEGIN_DECLS

#define JM_TYPE_WINDOW (jm_window_get_type ())
G_DECLARE_FINAL_TYPE (JmWindow, jm_window, JM, WINDOW, AdwApplicationWindow)

JmWindow  *jm_window_new             (JmApplication *application);
JmWindow  *jm_window_new_for_file    (JmApplication *application,
                                      GFile         *file);
void       jm_window_open            (JmWindow      *self,
                                      GFile         *file);
void       jm_window_present_when_open (JmWindow    *self);
JmMap     *jm_window_get_map         (JmWindow      *self);
void       jm_window_set_map         (JmWindow      *self,
                                      JmMap         *map,
                                      GFile         *file);
GFile     *jm_window_get_file        (JmWindow      *self);
void       jm_window_set_file        (JmWindow      *self,
                                      GFile         *file);
gboolean   jm_window_is_replaceable  (JmWindow      *self);
JmOutline *jm_window_get_outline     (JmWindow      *self);
GtkBox    *jm_window_get_board_area  (JmWindow      *self);
void       jm_window_open_sample     (JmWindow      *self,
                                      const char    *resource_path);

JmCanvas     *jm_window_get_canvas      (JmWindow *self);
JmScoresView *jm_window_get_scores_view (JmWindow *self);
JmInspector  *jm_window_get_inspector   (JmWindow *self);
JmMapProperties *jm_window_get_map_properties (JmWindow *self);
AdwViewStack *jm_window_get_view_stack  (JmWindow *self);
JmWindow  *jm_window_recover_draft    (JmWindow      *self,
                                      const char    *id,
                                      GError       **error);
guint      jm_window_offer_recovery  (JmWindow      *self);

void           jm_window_show_error        (JmWindow      *self,
                                           const char    *heading,
                                           const char    *body);

G_END_DECLS
