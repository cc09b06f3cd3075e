/* jm-canvas-drag.c: pointer gestures on the board
 *
 * Dragging cards, headers and links, rubber-band selection, clicks,
 * hovering and the context menu. A drag moves only a preview; the drop
 * is one command on the history.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"
#include "jm-edits.h"

/* ---------------------------------------------------------------- dragging */

static void
update_drop_target (JmCanvas *self)
{
  double bx, by;
  JmBoardHit hit;

  _jm_canvas_widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
  self->drop_valid = FALSE;

  switch (self->drag_mode)
    {
    case DRAG_CARDS:
      self->drop_valid = jm_board_geometry_drop_target (self->geometry, bx, by,
                                                        &self->drop_stage, &self->drop_lane,
                                                        &self->drop_index, &self->drop_indicator);
      break;
    case DRAG_STAGE:
      self->drop_slot = jm_board_geometry_stage_slot (self->geometry, bx, &self->drop_indicator);
      self->drop_valid = TRUE;
      break;
    case DRAG_LANE:
      self->drop_slot = jm_board_geometry_lane_slot (self->geometry, by, &self->drop_indicator);
      self->drop_valid = TRUE;
      break;
    case DRAG_LINK:
      _jm_canvas_hit_at (self, self->pointer_x, self->pointer_y, &hit);
      self->link_target = NULL;
      if ((hit.kind == JM_BOARD_HIT_CARD || hit.kind == JM_BOARD_HIT_CARD_HANDLE) &&
          jm_board_geometry_get_card (self->geometry, hit.card)->data != self->drag_object)
        self->link_target = jm_board_geometry_get_card (self->geometry, hit.card)->data;
      break;
    case DRAG_RUBBER:
      {
        g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));
        JmBoardRect band = { MIN (bx, self->start_bx), MIN (by, self->start_by),
                             fabs (bx - self->start_bx), fabs (by - self->start_by) };
        GHashTableIter iter;
        gpointer key;

        jm_board_geometry_cards_in_rect (self->geometry, &band, cards);
        g_hash_table_remove_all (self->selection);
        if (self->rubber_base != NULL)
          {
            g_hash_table_iter_init (&iter, self->rubber_base);
            while (g_hash_table_iter_next (&iter, &key, NULL))
              g_hash_table_add (self->selection, key);
          }
        for (guint i = 0; i < cards->len; i++)
          {
            gpointer touchpoint = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i))->data;

            if (touchpoint != NULL)
              g_hash_table_add (self->selection, touchpoint);
          }
        _jm_canvas_selection_changed (self);
      }
      break;
    case DRAG_NONE:
    case DRAG_CLICK_ADD_STAGE:
    case DRAG_CLICK_ADD_LANE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  JmCanvas *self = JM_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double dx = 0, dy = 0;

  if (!self->drag_active)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Faster the nearer the edge, as file managers do. */
  if (self->pointer_x < AUTOSCROLL_EDGE)
    dx = -(AUTOSCROLL_EDGE - self->pointer_x) / 2;
  else if (self->pointer_x > width - AUTOSCROLL_EDGE)
    dx = (self->pointer_x - (width - AUTOSCROLL_EDGE)) / 2;
  if (self->pointer_y < AUTOSCROLL_EDGE)
    dy = -(AUTOSCROLL_EDGE - self->pointer_y) / 2;
  else if (self->pointer_y > height - AUTOSCROLL_EDGE)
    dy = (self->pointer_y - (height - AUTOSCROLL_EDGE)) / 2;

  if (dx == 0 && dy == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->drag_mode == DRAG_STAGE)
    dy = 0;
  if (self->drag_mode == DRAG_LANE)
    dx = 0;
  gtk_adjustment_set_value (self->hadjustment, _jm_canvas_hvalue (self) + dx);
  gtk_adjustment_set_value (self->vadjustment, _jm_canvas_vvalue (self) + dy);
  update_drop_target (self);
  return G_SOURCE_CONTINUE;
}

static void
maybe_autoscroll (JmCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->autoscroll_id != 0 || !self->drag_active)
    return;
  if (self->pointer_x < AUTOSCROLL_EDGE || self->pointer_x > width - AUTOSCROLL_EDGE ||
      self->pointer_y < AUTOSCROLL_EDGE || self->pointer_y > height - AUTOSCROLL_EDGE)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick, NULL, NULL);
}

void
_jm_canvas_end_drag (JmCanvas *self)
{
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  if (self->autoscroll_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
      self->autoscroll_id = 0;
    }
  for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
    jm_board_geometry_get_card (self->geometry, i)->flags &= ~JM_BOARD_CARD_DRAGGED;
  self->drag_mode = DRAG_NONE;
  self->drag_active = FALSE;
  self->drop_valid = FALSE;
  self->drag_object = NULL;
  self->link_target = NULL;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_jm_canvas_on_drag_begin (JmCanvas       *self,
                          double          x,
                          double          y,
                          GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0;
  JmBoardHit hit;

  if (self->editor != NULL)
    _jm_canvas_stop_editing (self, TRUE);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  _jm_canvas_end_drag (self);
  self->drag_cancelled = FALSE;
  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  _jm_canvas_widget_to_board (self, x, y, &self->start_bx, &self->start_by);
  if (self->map == NULL)
    return;

  _jm_canvas_hit_at (self, x, y, &hit);
  switch (hit.kind)
    {
    case JM_BOARD_HIT_CARD:
      {
        JmTouchpoint *touchpoint = jm_board_geometry_get_card (self->geometry, hit.card)->data;

        if (self->link_source != NULL)
          {
            JmTouchpoint *source = self->link_source;

            self->link_source = NULL;
            _jm_canvas_add_link (self, source, touchpoint);
            _jm_canvas_select_only (self, touchpoint);
            return;
          }
        if (extend)
          {
            if (!g_hash_table_remove (self->selection, touchpoint))
              g_hash_table_add (self->selection, touchpoint);
            _jm_canvas_set_focus_card (self, touchpoint);
            _jm_canvas_selection_changed (self);
          }
        else if (!g_hash_table_contains (self->selection, touchpoint))
          _jm_canvas_select_only (self, touchpoint);
        else
          {
            _jm_canvas_set_focus_card (self, touchpoint);
            _jm_canvas_selection_changed (self);
          }
        if (g_hash_table_contains (self->selection, touchpoint))
          {
            self->drag_mode = DRAG_CARDS;
            self->drag_object = touchpoint;
          }
      }
      break;
    case JM_BOARD_HIT_CARD_HANDLE:
      self->drag_mode = DRAG_LINK;
      self->drag_object = jm_board_geometry_get_card (self->geometry, hit.card)->data;
      break;
    case JM_BOARD_HIT_STAGE_HEADER:
      self->drag_mode = DRAG_STAGE;
      self->drag_object = _jm_canvas_stage_at (self, hit.stage);
      _jm_canvas_select_header (self, self->drag_object);
      break;
    case JM_BOARD_HIT_LANE_HEADER:
      self->drag_mode = DRAG_LANE;
      self->drag_object = _jm_canvas_lane_at (self, hit.lane);
      _jm_canvas_select_header (self, self->drag_object);
      break;
    case JM_BOARD_HIT_ADD_STAGE:
      self->drag_mode = DRAG_CLICK_ADD_STAGE;
      break;
    case JM_BOARD_HIT_ADD_LANE:
      self->drag_mode = DRAG_CLICK_ADD_LANE;
      break;
    case JM_BOARD_HIT_CELL:
      self->cursor_stage = hit.stage;
      self->cursor_lane = hit.lane;
      G_GNUC_FALLTHROUGH;
    case JM_BOARD_HIT_CORNER:
    case JM_BOARD_HIT_NONE:
    default:
      self->link_source = NULL;
      self->drag_mode = DRAG_RUBBER;
      if (extend)
        {
          GHashTableIter iter;
          gpointer key;

          self->rubber_base = g_hash_table_new (NULL, NULL);
          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (self->rubber_base, key);
        }
      else
        {
          self->focus_card = NULL;
          _jm_canvas_select_only (self, NULL);
        }
      break;
    }
}

void
_jm_canvas_on_drag_update (JmCanvas       *self,
                           double          dx,
                           double          dy,
                           GtkGestureDrag *gesture)
{
  if (self->drag_mode == DRAG_NONE || self->drag_cancelled)
    return;

  self->pointer_x = self->start_x + dx;
  self->pointer_y = self->start_y + dy;

  if (!self->drag_active)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD ||
          self->drag_mode == DRAG_CLICK_ADD_STAGE || self->drag_mode == DRAG_CLICK_ADD_LANE)
        return;
      self->drag_active = TRUE;
      if (self->drag_mode == DRAG_CARDS)
        {
          GHashTableIter iter;
          JmTouchpoint *touchpoint;

          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, (gpointer *) &touchpoint, NULL))
            {
              JmBoardCard *card = _jm_canvas_board_card (self, touchpoint);

              if (card != NULL)
                card->flags |= JM_BOARD_CARD_DRAGGED;
            }
        }
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       self->drag_mode == DRAG_RUBBER ? "crosshair" :
                                       self->drag_mode == DRAG_LINK ? "alias" : "grabbing");
    }
  update_drop_target (self);
  if (self->drag_mode != DRAG_RUBBER)
    maybe_autoscroll (self);
}

static void
commit_drag (JmCanvas *self)
{
  switch (self->drag_mode)
    {
    case DRAG_CARDS:
      if (self->drop_valid)
        {
          g_autoptr(GPtrArray) cards = _jm_canvas_selection_in_order (self);
          JmTouchpoint *before = _jm_canvas_unselected_card_at (self, self->drop_stage, self->drop_lane,
                                                                self->drop_index);
          JmBoardCard *anchor = _jm_canvas_board_card (self, self->drag_object);

          if (anchor != NULL && _jm_canvas_spans_cells (self, cards))
            {
              /* The card under the pointer leads; the rest keep their
               * places around it, and all stop at the board's edge. */
              int dx = (int) self->drop_stage - (int) anchor->stage;
              int dy = (int) self->drop_lane - (int) anchor->lane;

              _jm_canvas_move_group (self, cards, dx, dy, self->drag_object, before);
            }
          else
            _jm_canvas_move_cards (self, cards, _jm_canvas_stage_at (self, self->drop_stage),
                                   _jm_canvas_lane_at (self, self->drop_lane), before);
        }
      break;
    case DRAG_STAGE:
      {
        guint from;

        if (jm_map_find_stage (self->map, self->drag_object, &from))
          jm_edits_move_stage_to (self->map, self->drag_object,
                                  jm_board_slot_to_position (from, self->drop_slot));
      }
      break;
    case DRAG_LANE:
      {
        /* Lane slots count visible lanes; hidden ones keep their place. */
        JmPersona *anchor = _jm_canvas_lane_at (self, self->drop_slot);
        guint from, to;

        if (jm_map_find_persona (self->map, self->drag_object, &from))
          {
            if (anchor == NULL || !jm_map_find_persona (self->map, anchor, &to))
              to = g_list_model_get_n_items (jm_map_get_personas (self->map));
            jm_edits_move_persona_to (self->map, self->drag_object, jm_board_slot_to_position (from, to));
          }
      }
      break;
    case DRAG_LINK:
      if (self->link_target != NULL)
        _jm_canvas_add_link (self, self->drag_object, self->link_target);
      break;
    case DRAG_RUBBER:
    case DRAG_NONE:
    case DRAG_CLICK_ADD_STAGE:
    case DRAG_CLICK_ADD_LANE:
    default:
      break;
    }
}

void
_jm_canvas_on_drag_end (JmCanvas       *self,
                        double          dx,
                        double          dy,
                        GtkGestureDrag *gesture)
{
  if (self->drag_cancelled || self->drag_mode == DRAG_NONE)
    {
      _jm_canvas_end_drag (self);
      return;
    }

  if (self->drag_active)
    {
      self->pointer_x = self->start_x + dx;
      self->pointer_y = self->start_y + dy;
      update_drop_target (self);
      commit_drag (self);
    }
  else if (self->drag_mode == DRAG_CLICK_ADD_STAGE || self->drag_mode == DRAG_CLICK_ADD_LANE)
    {
      /* The add buttons are at the board's end: what they add goes there,
       * not after the selection as the menus' Add does. */
      _jm_canvas_select_only (self, NULL);
      gtk_widget_activate_action (GTK_WIDGET (self),
                                  self->drag_mode == DRAG_CLICK_ADD_STAGE ? "canvas.add-stage"
                                                                          : "canvas.add-lane", NULL);
    }
  _jm_canvas_end_drag (self);
}

/* The second press of a double-click also begins a drag, which ends any
 * edit in progress and takes the focus back to the board: the editor
 * opens on its release, once the press is over. */
void
_jm_canvas_on_click_pressed (JmCanvas        *self,
                             int              n_press,
                             double           x,
                             double           y,
                             GtkGestureClick *gesture)
{
  self->double_pressed = n_press == 2;
  self->double_x = x;
  self->double_y = y;
}

void
_jm_canvas_on_click_released (JmCanvas        *self,
                              int              n_press,
                              double           x,
                              double           y,
                              GtkGestureClick *gesture)
{
  JmBoardHit hit;

  if (n_press != 2 || !self->double_pressed || self->map == NULL)
    return;
  self->double_pressed = FALSE;
  /* A press that went on into a drag is not a double-click. */
  if (hypot (x - self->double_x, y - self->double_y) >= DRAG_THRESHOLD)
    return;

  _jm_canvas_hit_at (self, x, y, &hit);
  if (hit.kind == JM_BOARD_HIT_CARD)
    _jm_canvas_start_editing (self, jm_board_geometry_get_card (self->geometry, hit.card)->data, 0, 0, 0);
  else if (hit.kind == JM_BOARD_HIT_STAGE_HEADER)
    _jm_canvas_start_editing (self, _jm_canvas_stage_at (self, hit.stage), 0, 0, 0);
  else if (hit.kind == JM_BOARD_HIT_LANE_HEADER)
    _jm_canvas_start_editing (self, _jm_canvas_lane_at (self, hit.lane), 0, 0, 0);
  else if (hit.kind == JM_BOARD_HIT_CELL)
    {
      guint s, l, index;
      double bx, by;

      _jm_canvas_widget_to_board (self, x, y, &bx, &by);
      if (jm_board_geometry_drop_target (self->geometry, bx, by, &s, &l, &index, NULL))
        _jm_canvas_start_editing (self, NULL, s, l, index);
    }
}

void
_jm_canvas_on_motion (JmCanvas *self,
                      double    x,
                      double    y)
{
  JmBoardHit hit;
  JmTouchpoint *hover = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_active)
    return;
  _jm_canvas_hit_at (self, x, y, &hit);
  if (hit.kind == JM_BOARD_HIT_CARD || hit.kind == JM_BOARD_HIT_CARD_HANDLE)
    hover = jm_board_geometry_get_card (self->geometry, hit.card)->data;
  if (hover != self->hover_card)
    {
      self->hover_card = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hit.kind == JM_BOARD_HIT_CARD_HANDLE ? "crosshair" :
                                   hit.kind == JM_BOARD_HIT_ADD_STAGE || hit.kind == JM_BOARD_HIT_ADD_LANE ? "pointer" :
                                   NULL);
}

static GMenuModel *
context_menu_model (JmBoardHitKind kind)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();

  switch (kind)
    {
    case JM_BOARD_HIT_CARD:
    case JM_BOARD_HIT_CARD_HANDLE:
      g_menu_append (section, _("_Edit Title"), "canvas.edit");
      g_menu_append (section, _("_Link to Another Card"), "canvas.link");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
      section = g_menu_new ();
      g_menu_append (section, _("Cu_t"), "canvas.cut");
      g_menu_append (section, _("_Copy"), "canvas.copy");
      g_menu_append (section, _("_Paste"), "canvas.paste");
      g_menu_append (section, _("D_uplicate"), "canvas.duplicate");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
      section = g_menu_new ();
      g_menu_append (section, _("_Delete"), "canvas.delete");
      break;
    case JM_BOARD_HIT_STAGE_HEADER:
    case JM_BOARD_HIT_ADD_STAGE:
      g_menu_append (section, _("_Add Stage"), "canvas.add-stage");
      if (kind == JM_BOARD_HIT_STAGE_HEADER)
        g_menu_append (section, _("_Delete Stage"), "canvas.delete");
      break;
    case JM_BOARD_HIT_LANE_HEADER:
    case JM_BOARD_HIT_ADD_LANE:
      g_menu_append (section, _("_Add Persona"), "canvas.add-lane");
      if (kind == JM_BOARD_HIT_LANE_HEADER)
        g_menu_append (section, _("_Delete Persona"), "canvas.delete");
      break;
    case JM_BOARD_HIT_CELL:
    case JM_BOARD_HIT_CORNER:
    case JM_BOARD_HIT_NONE:
    default:
      g_menu_append (section, _("_New Card"), "canvas.new-card");
      g_menu_append (section, _("_Paste"), "canvas.paste");
      g_menu_append (section, _("Select _All"), "canvas.select-all");
      g_menu_append (section, _("Copy Board as _Image"), "canvas.copy-image");
      break;
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

void
_jm_canvas_on_secondary_pressed (JmCanvas        *self,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 GtkGestureClick *gesture)
{
  g_autoptr(GMenuModel) model = NULL;
  JmBoardHit hit;

  if (self->map == NULL)
    return;
  if (self->editor != NULL)
    _jm_canvas_stop_editing (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Act on what was clicked, as a primary click would select it. */
  _jm_canvas_hit_at (self, x, y, &hit);
  switch (hit.kind)
    {
    case JM_BOARD_HIT_CARD:
    case JM_BOARD_HIT_CARD_HANDLE:
      {
        JmTouchpoint *touchpoint = jm_board_geometry_get_card (self->geometry, hit.card)->data;

        if (!g_hash_table_contains (self->selection, touchpoint))
          _jm_canvas_select_only (self, touchpoint);
        else
          {
            _jm_canvas_set_focus_card (self, touchpoint);
            _jm_canvas_selection_changed (self);
          }
      }
      break;
    case JM_BOARD_HIT_STAGE_HEADER:
      _jm_canvas_select_header (self, _jm_canvas_stage_at (self, hit.stage));
      break;
    case JM_BOARD_HIT_LANE_HEADER:
      _jm_canvas_select_header (self, _jm_canvas_lane_at (self, hit.lane));
      break;
    case JM_BOARD_HIT_CELL:
      self->cursor_stage = hit.stage;
      self->cursor_lane = hit.lane;
      _jm_canvas_select_only (self, NULL);
      break;
    case JM_BOARD_HIT_ADD_STAGE:
    case JM_BOARD_HIT_ADD_LANE:
      /* Its Add Stage or Add Persona adds at the board's end. */
      _jm_canvas_select_only (self, NULL);
      break;
    case JM_BOARD_HIT_CORNER:
    case JM_BOARD_HIT_NONE:
    default:
      break;
    }

  model = context_menu_model (hit.kind);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
_jm_canvas_on_motion_leave (JmCanvas *self)
{
  if (self->hover_card != NULL)
    {
      self->hover_card = NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}
