/* jm-stage.h: one stage (column) of a journey
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JM_TYPE_STAGE (jm_stage_get_type ())
G_DECLARE_FINAL_TYPE (JmStage, jm_stage, JM, STAGE, GObject)

JmStage    *jm_stage_new             (const char *id,
                                      const char *name);
const char *jm_stage_get_id          (JmStage    *self);
const char *jm_stage_get_name        (JmStage    *self);
void        jm_stage_set_name        (JmStage    *self,
                                      const char *name);
const char *jm_stage_get_description (JmStage    *self);
void        jm_stage_set_description (JmStage    *self,
                                      const char *description);

G_END_DECLS
