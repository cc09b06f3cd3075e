/* jm-present-view.h: a map shown to a room, stage by stage or lane by lane
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"
#include "jm-present-layout.h"

G_BEGIN_DECLS

#define JM_TYPE_PRESENT_VIEW (jm_present_view_get_type ())
G_DECLARE_FINAL_TYPE (JmPresentView, jm_present_view, JM, PRESENT_VIEW, GtkWidget)

GtkWidget       *jm_present_view_new              (void);
JmMap           *jm_present_view_get_map          (JmPresentView *self);
void             jm_present_view_set_map          (JmPresentView *self,
                                                   JmMap         *map);
void             jm_present_view_set_overlay_text (JmPresentView *self,
                                                   const char    *text);
const char      *jm_present_view_get_overlay_text (JmPresentView *self);
JmPresentSpot    jm_present_view_get_spot         (JmPresentView *self,
                                                   guint         *index);
JmPresentSpot    jm_present_view_get_stepping     (JmPresentView *self);
JmTouchpoint    *jm_present_view_get_focus_card   (JmPresentView *self);
gboolean         jm_present_view_get_details      (JmPresentView *self);
gboolean         jm_present_view_get_blank        (JmPresentView *self);
JmPresentLayout *jm_present_view_get_layout       (JmPresentView *self);

G_END_DECLS
