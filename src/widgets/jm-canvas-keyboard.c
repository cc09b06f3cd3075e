/* jm-canvas-keyboard.c: the keyboard cursor
 *
 * Arrow keys move a cursor over cells and cards, Shift extends the
 * selection, and Alt moves the selected cards a step keeping their
 * arrangement.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include "jm-canvas-internal.h"

/* ---------------------------------------------------------------- keyboard */

/* The cursor: the focused card, or an empty place in a cell. */
int
_jm_canvas_cursor_index (JmCanvas *self)
{
  JmBoardCard *card = self->focus_card ? _jm_canvas_board_card (self, self->focus_card) : NULL;

  return card != NULL ? (int) card->index_in_cell : -1;
}

static void
focus_cell (JmCanvas *self,
            guint     stage,
            guint     lane,
            int       index)
{
  guint n = jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane);
  int k;

  self->cursor_stage = stage;
  self->cursor_lane = lane;
  if (n == 0)
    {
      self->focus_card = NULL;
      if (self->extending)
        _jm_canvas_selection_changed (self);
      else
        _jm_canvas_select_only (self, NULL);
      _jm_canvas_scroll_to_cell (self, stage, lane);
      return;
    }
  index = CLAMP (index, 0, (int) n - 1);
  k = jm_board_geometry_get_cell_card (self->geometry, stage, lane, index);
  if (self->extending)
    {
      /* Shift and an arrow: the selection grows to the next card. */
      g_hash_table_add (self->selection, jm_board_geometry_get_card (self->geometry, k)->data);
      _jm_canvas_set_focus_card (self, jm_board_geometry_get_card (self->geometry, k)->data);
      _jm_canvas_selection_changed (self);
    }
  else
    _jm_canvas_select_only (self, jm_board_geometry_get_card (self->geometry, k)->data);
  _jm_canvas_scroll_to_card (self, self->focus_card);
}

void
_jm_canvas_select_step (JmCanvas *self,
                        int       dx,
                        int       dy)
{
  guint n_stages = self->stages->len, n_lanes = self->lanes->len;
  int index = _jm_canvas_cursor_index (self);
  guint stage = self->cursor_stage, lane = self->cursor_lane;

  _jm_canvas_ensure_layout (self);
  n_stages = self->stages->len;
  n_lanes = self->lanes->len;
  if (n_stages == 0 || n_lanes == 0)
    return;

  /* The first arrow press picks up the card under the keyboard cursor. */
  if (self->focus_card == NULL &&
      jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane) > 0)
    {
      focus_cell (self, stage, lane, 0);
      return;
    }

  if (dx != 0)
    {
      int target = (int) stage + dx;

      if (target < 0 || target >= (int) n_stages)
        return;
      focus_cell (self, target, lane, MAX (index, 0));
      return;
    }

  if (dy < 0 && index > 0)
    focus_cell (self, stage, lane, index - 1);
  else if (dy > 0 && index >= 0 &&
           index + 1 < (int) jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane))
    focus_cell (self, stage, lane, index + 1);
  else if (dy < 0 && lane > 0)
    focus_cell (self, stage, lane - 1, G_MAXINT);
  else if (dy > 0 && lane + 1 < n_lanes)
    focus_cell (self, stage, lane + 1, 0);
}

/* Moves the selected cards as Alt and an arrow key do. Returns whether a
 * selected card is on the board to move. */
gboolean
_jm_canvas_move_step (JmCanvas *self,
                      int       dx,
                      int       dy)
{
  g_autoptr(GPtrArray) cards = _jm_canvas_selection_in_order (self);
  JmBoardCard *anchor;
  int target_stage, target_lane;
  JmTouchpoint *before = NULL;
  guint n_stages = self->stages->len, n_lanes = self->lanes->len;

  _jm_canvas_ensure_layout (self);
  if (cards->len == 0)
    return FALSE;
  anchor = _jm_canvas_board_card (self, self->focus_card ? self->focus_card : g_ptr_array_index (cards, 0));
  if (anchor == NULL)
    return FALSE;

  /* Cards from several cells move a stage or a lane each, together. */
  if (_jm_canvas_spans_cells (self, cards))
    {
      if (_jm_canvas_clamp_group_offset (self, cards, &dx, &dy))
        gtk_widget_error_bell (GTK_WIDGET (self));
      _jm_canvas_move_group (self, cards, dx, dy, NULL, NULL);
      _jm_canvas_ensure_layout (self);
      _jm_canvas_set_focus_card (self, self->focus_card);
      if (self->focus_card != NULL)
        _jm_canvas_scroll_to_card (self, self->focus_card);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }

  target_stage = anchor->stage + dx;
  target_lane = anchor->lane;
  if (dx != 0)
    {
      if (target_stage < 0 || target_stage >= (int) n_stages)
        return TRUE;
      before = _jm_canvas_unselected_card_at (self, target_stage, target_lane, anchor->index_in_cell);
    }
  else
    {
      /* Up and down step over one card, then on into the next lane. */
      int index = (int) anchor->index_in_cell;
      int above = -1;
      guint n = jm_board_geometry_get_cell_n_cards (self->geometry, anchor->stage, anchor->lane);
      guint unselected_before = 0;

      for (int k = 0; k < index; k++)
        {
          JmBoardCard *card = jm_board_geometry_get_card (self->geometry,
                                                          jm_board_geometry_get_cell_card (self->geometry, anchor->stage, anchor->lane, k));
          if (!g_hash_table_contains (self->selection, card->data))
            {
              above = k;
              unselected_before++;
            }
        }
      if (dy < 0)
        {
          if (above >= 0)
            before = _jm_canvas_unselected_card_at (self, anchor->stage, anchor->lane, unselected_before - 1);
          else if (target_lane > 0)
            {
              target_lane--;
              before = NULL;
            }
          else
            return TRUE;
        }
      else
        {
          guint unselected_total = 0;

          for (guint k = 0; k < n; k++)
            {
              JmBoardCard *card = jm_board_geometry_get_card (self->geometry,
                                                              jm_board_geometry_get_cell_card (self->geometry, anchor->stage, anchor->lane, k));
              if (!g_hash_table_contains (self->selection, card->data))
                unselected_total++;
            }
          if (unselected_before < unselected_total)
            before = _jm_canvas_unselected_card_at (self, anchor->stage, anchor->lane, unselected_before + 1);
          else if (target_lane + 1 < (int) n_lanes)
            {
              target_lane++;
              before = _jm_canvas_unselected_card_at (self, target_stage, target_lane, 0);
            }
          else
            return TRUE;
        }
    }

  _jm_canvas_move_cards (self, cards, _jm_canvas_stage_at (self, target_stage),
                         _jm_canvas_lane_at (self, target_lane), before);
  _jm_canvas_ensure_layout (self);
  _jm_canvas_set_focus_card (self, self->focus_card);
  if (self->focus_card != NULL)
    _jm_canvas_scroll_to_card (self, self->focus_card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}
