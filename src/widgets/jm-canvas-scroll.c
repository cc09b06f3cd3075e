/* jm-canvas-scroll.c: scrolling and zooming the board
 *
 * The board is a GtkScrollable: the adjustments are in pixels at the
 * current zoom. A pinch or Ctrl+scroll zooms about the pointer.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include "jm-canvas-internal.h"

/* ---------------------------------------------------------------- scrolling */

/* Scrolls the least that brings @rect (board coordinates) with @margin
 * around it into view, clear of the headers that stay in view; its start
 * wins where it does not fit. */
void
_jm_canvas_scroll_to_rect (JmCanvas          *self,
                           const JmBoardRect *rect,
                           double             margin)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  double z = self->zoom;
  double left, top, right, bottom, hv, vv;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;

  left = (rect->x - margin) * z - m->lane_header_width * z;
  top = (rect->y - margin) * z - m->stage_header_height * z;
  right = (rect->x + rect->width + margin) * z - width;
  bottom = (rect->y + rect->height + margin) * z - height;
  hv = _jm_canvas_hvalue (self);
  vv = _jm_canvas_vvalue (self);
  if (hv > left)
    hv = left;
  else if (hv < right)
    hv = MIN (right, left);
  if (vv > top)
    vv = top;
  else if (vv < bottom)
    vv = MIN (bottom, top);
  gtk_adjustment_set_value (self->hadjustment, hv);
  gtk_adjustment_set_value (self->vadjustment, vv);
}

void
_jm_canvas_scroll_to_card (JmCanvas     *self,
                           JmTouchpoint *touchpoint)
{
  JmBoardCard *card = _jm_canvas_board_card (self, touchpoint);

  if (card != NULL)
    _jm_canvas_scroll_to_rect (self, &card->rect, _jm_canvas_metrics (self)->cell_padding);
}

/* The keyboard cursor on an empty place of a cell is in view as much as
 * a card is: the new card's title field opens there. */
void
_jm_canvas_scroll_to_cell (JmCanvas *self,
                           guint     stage,
                           guint     lane)
{
  JmBoardRect cell;

  _jm_canvas_ensure_layout (self);
  if (stage >= self->stages->len || lane >= self->lanes->len)
    return;
  jm_board_geometry_cell_rect (self->geometry, stage, lane, &cell);
  _jm_canvas_scroll_to_rect (self, &cell, 0);
}

void
_jm_canvas_configure_adjustments (JmCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double board_w = jm_board_geometry_get_width (self->geometry) * self->zoom;
  double board_h = jm_board_geometry_get_height (self->geometry) * self->zoom;

  if (self->hadjustment == NULL || self->vadjustment == NULL)
    return;

  gtk_adjustment_configure (self->hadjustment,
                            CLAMP (_jm_canvas_hvalue (self), 0, MAX (board_w - width, 0)),
                            0, MAX (board_w, width), width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (_jm_canvas_vvalue (self), 0, MAX (board_h - height, 0)),
                            0, MAX (board_h, height), height * 0.1, height * 0.9, height);
}

void
_jm_canvas_zoom_at (JmCanvas *self,
                    double    zoom,
                    double    x,
                    double    y)
{
  double bx, by;

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  /* Keep the board point under (x, y) where it is. */
  _jm_canvas_widget_to_board (self, x, y, &bx, &by);
  self->zoom = zoom;
  _jm_canvas_configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, bx * zoom - x);
  gtk_adjustment_set_value (self->vadjustment, by * zoom - y);
  _jm_canvas_notify (self, PROP_ZOOM);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_zoom_settled (gpointer data)
{
  JmCanvas *self = data;

  self->zoom_settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* A step of a zoom that goes on (a pinch, Ctrl+scroll): cards are drawn
 * as vectors until the steps stop, rather than into images that the next
 * step throws away. */
static void
zoom_step (JmCanvas *self,
           double    zoom,
           double    x,
           double    y)
{
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  self->zoom_settle_id = g_timeout_add (ZOOM_SETTLE_MS, on_zoom_settled, self);
  _jm_canvas_zoom_at (self, zoom, x, y);
}

/*
 * _jm_canvas_scroll:
 * @dx, @dy: the scroll deltas, in @unit
 * @state: the modifiers held: Control zooms, Shift scrolls sideways
 * @x, @y: the point that stays put while zooming, in widget coordinates
 *
 * What a scroll over the board does; the scroll controller calls it with
 * the event's values.
 */
gboolean
_jm_canvas_scroll (JmCanvas        *self,
                   double           dx,
                   double           dy,
                   GdkScrollUnit    unit,
                   GdkModifierType  state,
                   double           x,
                   double           y)
{
  gboolean discrete = unit == GDK_SCROLL_UNIT_WHEEL;
  double step = discrete ? 60 : 1;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);

  if (state & GDK_CONTROL_MASK)
    {
      double factor = discrete ? pow (1.15, -dy) : exp (-dy * 0.01);

      zoom_step (self, self->zoom * factor, x, y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  gtk_adjustment_set_value (self->hadjustment, _jm_canvas_hvalue (self) + dx * step);
  gtk_adjustment_set_value (self->vadjustment, _jm_canvas_vvalue (self) + dy * step);
  return TRUE;
}

gboolean
_jm_canvas_on_scroll (JmCanvas                 *self,
                      double                    dx,
                      double                    dy,
                      GtkEventControllerScroll *controller)
{
  return _jm_canvas_scroll (self, dx, dy,
                            gtk_event_controller_scroll_get_unit (controller),
                            gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)),
                            self->pointer_x, self->pointer_y);
}

void
_jm_canvas_on_zoom_begin (JmCanvas *self)
{
  self->zoom_start = self->zoom;
}

void
_jm_canvas_on_zoom_scale_changed (JmCanvas       *self,
                                  double          scale,
                                  GtkGestureZoom *gesture)
{
  GtkGesture *g = GTK_GESTURE (gesture);
  double x, y;

  /* About the middle of the fingers; of the view when the gesture has no
   * event to tell (asking would be an error then). */
  if (gtk_gesture_get_last_event (g, gtk_gesture_get_last_updated_sequence (g)) == NULL ||
      !gtk_gesture_get_bounding_box_center (g, &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2;
    }
  zoom_step (self, self->zoom_start * scale, x, y);
}

void
_jm_canvas_on_pan_begin (JmCanvas *self)
{
  self->pan_hvalue = _jm_canvas_hvalue (self);
  self->pan_vvalue = _jm_canvas_vvalue (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

void
_jm_canvas_on_pan_update (JmCanvas *self,
                          double    dx,
                          double    dy)
{
  gtk_adjustment_set_value (self->hadjustment, self->pan_hvalue - dx);
  gtk_adjustment_set_value (self->vadjustment, self->pan_vvalue - dy);
}

void
_jm_canvas_on_pan_end (JmCanvas *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}
