/* jm-touchpoint.h: one moment where the customer meets the company
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jm-types.h"

G_BEGIN_DECLS

#define JM_TYPE_TOUCHPOINT (jm_touchpoint_get_type ())
G_DECLARE_FINAL_TYPE (JmTouchpoint, jm_touchpoint, JM, TOUCHPOINT, GObject)

JmTouchpoint       *jm_touchpoint_new                 (const char          *id,
                                                       const char          *stage_id,
                                                       const char          *lane_id,
                                                       const char          *title);
const char         *jm_touchpoint_get_id              (JmTouchpoint        *self);

const char         *jm_touchpoint_get_stage_id        (JmTouchpoint        *self);
void                jm_touchpoint_set_stage_id        (JmTouchpoint        *self,
                                                       const char          *value);
const char         *jm_touchpoint_get_lane_id         (JmTouchpoint        *self);
void                jm_touchpoint_set_lane_id         (JmTouchpoint        *self,
                                                       const char          *value);
const char         *jm_touchpoint_get_title           (JmTouchpoint        *self);
void                jm_touchpoint_set_title           (JmTouchpoint        *self,
                                                       const char          *value);
const char         *jm_touchpoint_get_channel         (JmTouchpoint        *self);
void                jm_touchpoint_set_channel         (JmTouchpoint        *self,
                                                       const char          *value);
const char         *jm_touchpoint_get_kind            (JmTouchpoint        *self);
void                jm_touchpoint_set_kind            (JmTouchpoint        *self,
                                                       const char          *value);
const char         *jm_touchpoint_get_notes           (JmTouchpoint        *self);
void                jm_touchpoint_set_notes           (JmTouchpoint        *self,
                                                       const char          *value);
const char         *jm_touchpoint_get_row             (JmTouchpoint        *self,
                                                       JmRow                row);
void                jm_touchpoint_set_row             (JmTouchpoint        *self,
                                                       JmRow                row,
                                                       const char          *value);

int                 jm_touchpoint_get_emotion         (JmTouchpoint        *self);
void                jm_touchpoint_set_emotion         (JmTouchpoint        *self,
                                                       int                  emotion);
int                 jm_touchpoint_get_rating          (JmTouchpoint        *self,
                                                       JmMeasure            measure);
void                jm_touchpoint_set_rating          (JmTouchpoint        *self,
                                                       JmMeasure            measure,
                                                       int                  rating);
gboolean            jm_touchpoint_get_moment_of_truth (JmTouchpoint        *self);
void                jm_touchpoint_set_moment_of_truth (JmTouchpoint        *self,
                                                       gboolean             value);

const char * const *jm_touchpoint_get_teams           (JmTouchpoint        *self);
void                jm_touchpoint_set_teams           (JmTouchpoint        *self,
                                                       const char * const  *value);
const char * const *jm_touchpoint_get_links           (JmTouchpoint        *self);
void                jm_touchpoint_set_links           (JmTouchpoint        *self,
                                                       const char * const  *value);

const char         *jm_touchpoint_row_property        (JmRow                row);
const char         *jm_touchpoint_rating_property     (JmMeasure            measure);

G_END_DECLS
