/* jm-emotion-curve.h: one persona's emotion across the stages
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-canvas.h"
#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_EMOTION_CURVE (jm_emotion_curve_get_type ())
G_DECLARE_FINAL_TYPE (JmEmotionCurve, jm_emotion_curve, JM, EMOTION_CURVE, GtkWidget)

GtkWidget *jm_emotion_curve_new          (void);
void       jm_emotion_curve_set_persona  (JmEmotionCurve *self,
                                          JmMap          *map,
                                          JmPersona      *persona);
JmPersona *jm_emotion_curve_get_persona  (JmEmotionCurve *self);
guint      jm_emotion_curve_get_n_points (JmEmotionCurve *self);
void       jm_emotion_curve_set_canvas   (JmEmotionCurve *self,
                                          JmCanvas       *canvas);
double     jm_emotion_curve_get_point_x  (JmEmotionCurve *self,
                                          guint           stage);

G_END_DECLS
