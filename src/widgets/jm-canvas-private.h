/* jm-canvas-private.h: what tests and the benchmark reach inside the board
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-board-geometry.h"
#include "jm-canvas.h"

G_BEGIN_DECLS

/* Collected when JM_CANVAS_FRAME_STATS is set: the time to build the
 * frame's render nodes, and the whole paint (nodes and rendering). */
typedef struct
{
  double snapshot_ms;
  double paint_ms;
} JmCanvasFrameTime;

GtkGesture      *_jm_canvas_get_drag_gesture  (JmCanvas     *self);
GtkGesture      *_jm_canvas_get_click_gesture (JmCanvas     *self);
GtkGesture      *_jm_canvas_get_pan_gesture   (JmCanvas     *self);
GtkGesture      *_jm_canvas_get_zoom_gesture  (JmCanvas     *self);
gboolean         _jm_canvas_scroll            (JmCanvas     *self,
                                               double        dx,
                                               double        dy,
                                               GdkScrollUnit unit,
                                               GdkModifierType state,
                                               double        x,
                                               double        y);
JmBoardGeometry *_jm_canvas_get_geometry      (JmCanvas     *self);
JmBoardGeometry *_jm_canvas_peek_geometry     (JmCanvas     *self);
guint            _jm_canvas_get_n_estimated   (JmCanvas     *self);
gboolean         _jm_canvas_get_card_rect     (JmCanvas     *self,
                                               JmTouchpoint *touchpoint,
                                               graphene_rect_t *rect);
void             _jm_canvas_board_to_widget   (JmCanvas     *self,
                                               double        board_x,
                                               double        board_y,
                                               double       *widget_x,
                                               double       *widget_y);
GtkWidget       *_jm_canvas_get_editor        (JmCanvas     *self);
GArray          *_jm_canvas_get_frame_times   (JmCanvas     *self);
/* Cards whose drawing is kept, as a node or as an image. */
guint            _jm_canvas_get_n_cached_nodes (JmCanvas    *self);
guint            _jm_canvas_get_n_cached_images (JmCanvas   *self);
gsize            _jm_canvas_get_image_bytes   (JmCanvas     *self);
gboolean         _jm_canvas_get_zoom_settling (JmCanvas     *self);
gboolean         _jm_canvas_is_highlighted    (JmCanvas     *self,
                                               JmTouchpoint *touchpoint);

G_END_DECLS
