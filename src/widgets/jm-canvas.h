/* jm-canvas.h: the workshop board, stages across and persona lanes down
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"
#include "jm-selection.h"
#include "jm-view-settings.h"

G_BEGIN_DECLS

#define JM_TYPE_CANVAS (jm_canvas_get_type ())
G_DECLARE_FINAL_TYPE (JmCanvas, jm_canvas, JM, CANVAS, GtkWidget)

GtkWidget  *jm_canvas_new                 (void);

JmMap      *jm_canvas_get_map             (JmCanvas   *self);
void        jm_canvas_set_map             (JmCanvas   *self,
                                           JmMap      *map);

gpointer    jm_canvas_get_selected_object (JmCanvas   *self);
void        jm_canvas_set_selected_object (JmCanvas   *self,
                                           gpointer    object);
GPtrArray  *jm_canvas_get_selection       (JmCanvas   *self);
gboolean    jm_canvas_get_cursor_cell     (JmCanvas   *self,
                                           JmStage   **stage,
                                           JmPersona **persona);
void        jm_canvas_select_all          (JmCanvas   *self);
JmTouchpoint *jm_canvas_add_card          (JmCanvas   *self,
                                           const char *kind);
JmSelection *jm_canvas_get_shared_selection (JmCanvas *self);
void        jm_canvas_set_shared_selection (JmCanvas  *self,
                                            JmSelection *selection);
gboolean    jm_canvas_move_selection      (JmCanvas   *self,
                                           int         dx,
                                           int         dy);
void        jm_canvas_commit_edit         (JmCanvas   *self);

double      jm_canvas_get_zoom            (JmCanvas   *self);
void        jm_canvas_set_zoom            (JmCanvas   *self,
                                           double      zoom);
void        jm_canvas_zoom_to_fit         (JmCanvas   *self);
gboolean    jm_canvas_get_stage_column    (JmCanvas   *self,
                                           guint       stage,
                                           double     *x,
                                           double     *width);
double      jm_canvas_get_lane_header_width (JmCanvas *self);

const char *jm_canvas_get_filter          (JmCanvas   *self);
void        jm_canvas_set_filter          (JmCanvas   *self,
                                           const char *filter);

const char *jm_canvas_get_colour_by       (JmCanvas   *self);
void        jm_canvas_set_colour_by       (JmCanvas   *self,
                                           const char *colour_by);

/* How a card differs from its copy in a map the board is compared with. */
typedef enum {
  JM_CARD_MARK_NONE,
  JM_CARD_MARK_ONLY_HERE,   /* the other map has no such card */
  JM_CARD_MARK_CHANGED,     /* a field differs */
  JM_CARD_MARK_MOVED,       /* it sits in another cell there */
} JmCardMarkKind;

void            jm_canvas_set_card_mark     (JmCanvas       *self,
                                             JmTouchpoint   *touchpoint,
                                             JmCardMarkKind  kind,
                                             const char     *label);
void            jm_canvas_clear_card_marks  (JmCanvas       *self);
JmCardMarkKind  jm_canvas_get_card_mark     (JmCanvas       *self,
                                             JmTouchpoint   *touchpoint,
                                             const char    **label);
guint           jm_canvas_get_n_card_marks  (JmCanvas       *self);

JmViewSettings *jm_canvas_get_view_settings (JmCanvas       *self);
void            jm_canvas_set_view_settings (JmCanvas       *self,
                                             JmViewSettings *settings);

G_END_DECLS
