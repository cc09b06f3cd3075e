/* jm-scoring-pass.h: scoring cards one by one, or several at once, from the keyboard
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-canvas.h"
#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_SCORING_PASS (jm_scoring_pass_get_type ())
G_DECLARE_FINAL_TYPE (JmScoringPass, jm_scoring_pass, JM, SCORING_PASS, GtkWidget)

GtkWidget    *jm_scoring_pass_new          (void);

void          jm_scoring_pass_open         (JmScoringPass *self,
                                            JmMap         *map,
                                            GPtrArray     *cards,
                                            guint          first,
                                            gboolean       together);
void          jm_scoring_pass_open_on_board (JmScoringPass *self,
                                             JmCanvas      *canvas);
void          jm_scoring_pass_close        (JmScoringPass *self);
gboolean      jm_scoring_pass_get_open     (JmScoringPass *self);
gboolean      jm_scoring_pass_get_together (JmScoringPass *self);
JmTouchpoint *jm_scoring_pass_get_current  (JmScoringPass *self);

G_END_DECLS
