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
#include "jm-edits.h"

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

/* Moves the selected cards as Alt and an arrow key do, see
 * jm_edits_step_cards(). Returns whether a selected card is on the board
 * to move. */
gboolean
_jm_canvas_move_step (JmCanvas *self,
                      int       dx,
                      int       dy)
{
  g_autoptr(GPtrArray) cards = _jm_canvas_selection_in_order (self);
  JmTouchpoint *anchor;
  gboolean moved;

  _jm_canvas_ensure_layout (self);
  if (cards->len == 0)
    return FALSE;
  anchor = self->focus_card ? self->focus_card : g_ptr_array_index (cards, 0);
  if (_jm_canvas_board_card (self, anchor) == NULL)
    return FALSE;

  self->moving = TRUE;
  moved = jm_edits_step_cards (self->map, cards, self->lanes, anchor, dx, dy);
  self->moving = FALSE;
  /* At the board's edge the cards stay, all of them. */
  if (!moved)
    gtk_widget_error_bell (GTK_WIDGET (self));
  _jm_canvas_ensure_layout (self);
  _jm_canvas_set_focus_card (self, self->focus_card);
  if (self->focus_card != NULL)
    _jm_canvas_scroll_to_card (self, self->focus_card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}
