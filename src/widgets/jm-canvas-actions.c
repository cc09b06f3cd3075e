/* jm-canvas-actions.c: edits of the board and its canvas.* actions
 *
 * Every edit is one command on the map's history: placing and moving cards
 * (keeping their arrangement), copying, pasting and deleting them. The
 * canvas.* actions and their keys are installed here and enabled from
 * one function.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"
#include "jm-edits.h"

/* ---------------------------------------------------------------- edits */

JmStage *
_jm_canvas_stage_at (JmCanvas *self,
                     guint     index)
{
  return index < self->stages->len ? g_ptr_array_index (self->stages, index) : NULL;
}

JmPersona *
_jm_canvas_lane_at (JmCanvas *self,
                    guint     index)
{
  return index < self->lanes->len ? g_ptr_array_index (self->lanes, index) : NULL;
}

/* Moves @cards into a cell, before @before or at its end, as one step. */
void
_jm_canvas_move_cards (JmCanvas     *self,
                       GPtrArray    *cards,
                       JmStage      *stage,
                       JmPersona    *persona,
                       JmTouchpoint *before)
{
  self->moving = TRUE;
  jm_edits_move_cards_to_cell (self->map, cards, stage, persona, before);
  self->moving = FALSE;
}

/* The index_in_cell-th card of a cell not in the selection, or NULL. */
JmTouchpoint *
_jm_canvas_unselected_card_at (JmCanvas *self,
                               guint     stage,
                               guint     lane,
                               guint     index_in_cell)
{
  guint n = jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane);
  guint seen = 0;

  for (guint k = 0; k < n; k++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry,
                                                      jm_board_geometry_get_cell_card (self->geometry, stage, lane, k));

      if (card->data == NULL || g_hash_table_contains (self->selection, card->data))
        continue;
      if (seen == index_in_cell)
        return card->data;
      seen++;
    }
  return NULL;
}

/* Whether the cards on the board lie in more than one cell. */
gboolean
_jm_canvas_spans_cells (JmCanvas  *self,
                        GPtrArray *cards)
{
  return jm_edits_spans_cells (self->map, cards, self->lanes);
}

/* Moves @cards, which may lie in several cells, @dx stages and @dy lanes
 * as one step keeping their arrangement, see jm_edits_move_cards(); the
 * lanes are those the board shows. Returns whether the move had to be
 * shortened at the board's edge. */
gboolean
_jm_canvas_move_group (JmCanvas     *self,
                       GPtrArray    *cards,
                       int           dx,
                       int           dy,
                       JmTouchpoint *anchor,
                       JmTouchpoint *anchor_before)
{
  gboolean whole;

  self->moving = TRUE;
  whole = jm_edits_move_cards (self->map, cards, self->lanes, dx, dy, anchor, anchor_before);
  self->moving = FALSE;
  return !whole;
}

/* Selects the cards just pasted or duplicated. */
void
_jm_canvas_select_copies (JmCanvas  *self,
                          GPtrArray *added)
{
  if (added->len == 0)
    return;
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < added->len; i++)
    g_hash_table_add (self->selection, g_ptr_array_index (added, i));
  self->focus_card = g_ptr_array_index (added, 0);
  self->layout_dirty = TRUE;
  _jm_canvas_set_focus_card (self, self->focus_card);
  _jm_canvas_selection_changed (self);
}

static void
delete_selection (JmCanvas *self)
{
  g_autoptr(GPtrArray) objects = _jm_canvas_selection_in_order (self);

  if (objects->len == 0 && self->selected_object != NULL)
    g_ptr_array_add (objects, self->selected_object);
  jm_edits_delete (self->map, objects);
}

/* ---------------------------------------------------------------- actions */

static void
action_select (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  self->extending = g_str_has_prefix (name, "canvas.extend-");
  if (g_str_has_suffix (name, "-left"))
    _jm_canvas_select_step (self, -1, 0);
  else if (g_str_has_suffix (name, "-right"))
    _jm_canvas_select_step (self, 1, 0);
  else if (g_str_has_suffix (name, "-up"))
    _jm_canvas_select_step (self, 0, -1);
  else
    _jm_canvas_select_step (self, 0, 1);
  self->extending = FALSE;
}

static void
action_move (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (g_str_equal (name, "canvas.move-left"))
    _jm_canvas_move_step (self, -1, 0);
  else if (g_str_equal (name, "canvas.move-right"))
    _jm_canvas_move_step (self, 1, 0);
  else if (g_str_equal (name, "canvas.move-up"))
    _jm_canvas_move_step (self, 0, -1);
  else
    _jm_canvas_move_step (self, 0, 1);
}

static void
action_new_card (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  int index = _jm_canvas_cursor_index (self);

  _jm_canvas_ensure_layout (self);
  _jm_canvas_start_editing (self, NULL, self->cursor_stage, self->cursor_lane,
                            index >= 0 ? (guint) index + 1
                                       : jm_board_geometry_get_cell_n_cards (self->geometry, self->cursor_stage,
                                                                             self->cursor_lane));
}

static void
action_edit (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->link_source != NULL && self->focus_card != NULL)
    {
      JmTouchpoint *source = self->link_source;

      self->link_source = NULL;
      _jm_canvas_add_link (self, source, self->focus_card);
      gtk_widget_queue_draw (widget);
    }
  else if (self->focus_card != NULL)
    _jm_canvas_start_editing (self, self->focus_card, 0, 0, 0);
  else if (JM_IS_STAGE (self->selected_object) || JM_IS_PERSONA (self->selected_object))
    _jm_canvas_start_editing (self, self->selected_object, 0, 0, 0);
  else
    action_new_card (widget, name, param);
}

static void
action_delete (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  delete_selection (JM_CANVAS (widget));
}

static void
action_link (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->link_source != NULL && self->focus_card != NULL && self->focus_card != self->link_source)
    {
      JmTouchpoint *source = self->link_source;

      self->link_source = NULL;
      _jm_canvas_add_link (self, source, self->focus_card);
    }
  else
    self->link_source = self->focus_card;
  gtk_widget_queue_draw (widget);
}

static void
action_clipboard (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (g_str_equal (name, "canvas.copy"))
    _jm_canvas_copy (self);
  else if (g_str_equal (name, "canvas.copy-image"))
    _jm_canvas_copy_image (self);
  else if (g_str_equal (name, "canvas.cut"))
    {
      _jm_canvas_copy (self);
      if (g_hash_table_size (self->selection) > 0)
        {
          g_autoptr(GPtrArray) cards = _jm_canvas_selection_in_order (self);

          /* The outer label names the step. */
          jm_map_begin (self->map, _("Cut"));
          jm_edits_delete (self->map, cards);
          jm_map_end (self->map);
        }
    }
  else if (g_str_equal (name, "canvas.paste"))
    _jm_canvas_paste (self);
  else if (g_str_equal (name, "canvas.duplicate"))
    {
      g_autoptr(GPtrArray) cards = _jm_canvas_selection_in_order (self);
      g_autoptr(GPtrArray) added = jm_edits_duplicate (self->map, cards);

      _jm_canvas_select_copies (self, added);
    }
}

static void
action_select_all (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  jm_canvas_select_all (JM_CANVAS (widget));
}

static void
action_zoom (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  double cx = gtk_widget_get_width (widget) / 2;
  double cy = gtk_widget_get_height (widget) / 2;

  if (g_str_equal (name, "canvas.zoom-in"))
    _jm_canvas_zoom_at (self, self->zoom * 1.25, cx, cy);
  else if (g_str_equal (name, "canvas.zoom-out"))
    _jm_canvas_zoom_at (self, self->zoom / 1.25, cx, cy);
  else if (g_str_equal (name, "canvas.zoom-reset"))
    _jm_canvas_zoom_at (self, 1.0, cx, cy);
  else
    jm_canvas_zoom_to_fit (self);
}

static void
action_cancel (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->drag_mode != DRAG_NONE)
    {
      /* Nothing was changed during the drag: drawing again restores the board. */
      self->drag_cancelled = TRUE;
      _jm_canvas_end_drag (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
    }
  else if (self->link_source != NULL)
    {
      self->link_source = NULL;
      gtk_widget_queue_draw (widget);
    }
  else
    _jm_canvas_select_only (self, NULL);
}

/* The context menu from the keyboard, at the focused card or cursor cell. */
static void
action_menu (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmBoardCard *focus;
  JmBoardRect rect;
  double x, y;

  _jm_canvas_ensure_layout (self);
  focus = self->focus_card != NULL ? _jm_canvas_board_card (self, self->focus_card) : NULL;
  if (focus != NULL)
    rect = focus->rect;
  else if (self->cursor_stage < self->stages->len && self->cursor_lane < self->lanes->len)
    jm_board_geometry_cell_rect (self->geometry, self->cursor_stage, self->cursor_lane, &rect);
  else
    return;
  _jm_canvas_board_to_widget (self, rect.x + 24, rect.y + 24, &x, &y);
  _jm_canvas_on_secondary_pressed (self, 1, x, y, GTK_GESTURE_CLICK (self->secondary));
}

/* The stage and lane the selection is in: a selected header's, or the
 * focused card's. New stages and lanes go after them. */
static void
selected_cell (JmCanvas   *self,
               JmStage   **stage,
               JmPersona **persona)
{
  JmTouchpoint *card = self->focus_card;

  *stage = JM_IS_STAGE (self->selected_object) ? self->selected_object : NULL;
  *persona = JM_IS_PERSONA (self->selected_object) ? self->selected_object : NULL;
  if (card != NULL && *stage == NULL && *persona == NULL)
    {
      *stage = jm_map_lookup_stage (self->map, jm_touchpoint_get_stage_id (card));
      *persona = jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (card));
    }
}

/* Shows the header of a new stage or lane and opens its name for typing. */
static void
reveal_header (JmCanvas *self,
               gpointer  object)
{
  JmBoardRect rect;
  guint index;

  self->layout_dirty = TRUE;
  _jm_canvas_select_header (self, object);
  _jm_canvas_ensure_layout (self);
  _jm_canvas_configure_adjustments (self);
  if (JM_IS_STAGE (object) && g_ptr_array_find (self->stages, object, &index))
    {
      jm_board_geometry_stage_header_rect (self->geometry, index, &rect);
      _jm_canvas_scroll_to_rect (self, &rect, 0);
    }
  else if (JM_IS_PERSONA (object) && g_ptr_array_find (self->lanes, object, &index))
    {
      jm_board_geometry_lane_header_rect (self->geometry, index, &rect);
      _jm_canvas_scroll_to_rect (self, &rect, 0);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _jm_canvas_start_editing (self, object, 0, 0, 0);
}

static void
action_add_stage (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmStage *stage;
  JmPersona *persona;

  selected_cell (self, &stage, &persona);
  reveal_header (self, jm_edits_add_stage_after (self->map, stage));
}

static void
action_add_lane (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmStage *stage;
  JmPersona *persona;

  selected_cell (self, &stage, &persona);
  reveal_header (self, jm_edits_add_persona_after (self->map, persona));
}

void
_jm_canvas_update_actions (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_map = self->map != NULL;
  gboolean has_cells = has_map && self->stages->len > 0 && self->lanes->len > 0;
  gboolean has_cards = has_map && g_hash_table_size (self->selection) > 0;
  gboolean editing = self->editor != NULL;

  gtk_widget_action_set_enabled (widget, "canvas.move-left", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-right", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-up", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-down", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.new-card", has_cells && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.edit", has_cells && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.delete",
                                 has_map && !editing && (has_cards || self->selected_object != NULL));
  gtk_widget_action_set_enabled (widget, "canvas.link", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.copy", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.cut", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.paste",
                                 has_cells && !editing && _jm_canvas_can_paste (self));
  gtk_widget_action_set_enabled (widget, "canvas.copy-image", has_map && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.add-stage", has_map);
  gtk_widget_action_set_enabled (widget, "canvas.add-lane", has_map);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_map && !editing);
}

static void
add_action_with_keys (GtkWidgetClass             *widget_class,
                      const char                 *name,
                      GtkWidgetActionActivateFunc activate,
                      const guint                *keys,
                      const GdkModifierType      *mods,
                      guint                       n_keys)
{
  gtk_widget_class_install_action (widget_class, name, NULL, activate);
  for (guint i = 0; i < n_keys; i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i], mods[i], name, NULL);
}

#define KEYS(...) (const guint[]) { __VA_ARGS__ }
#define MODS(...) (const GdkModifierType[]) { __VA_ARGS__ }

/* Installs the canvas.* actions and binds their keys. */
void
_jm_canvas_class_init_actions (GtkWidgetClass *widget_class)
{
  const GdkModifierType ctrl = GDK_CONTROL_MASK, alt = GDK_ALT_MASK;
  const GdkModifierType ctrl_shift = GDK_CONTROL_MASK | GDK_SHIFT_MASK;

  /* Where an action has several keys, the last is the one menus show. */
  add_action_with_keys (widget_class, "canvas.select-left", action_select,
                        KEYS (GDK_KEY_KP_Left, GDK_KEY_Left), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.select-right", action_select,
                        KEYS (GDK_KEY_KP_Right, GDK_KEY_Right), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.select-up", action_select,
                        KEYS (GDK_KEY_KP_Up, GDK_KEY_Up), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.select-down", action_select,
                        KEYS (GDK_KEY_KP_Down, GDK_KEY_Down), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.extend-left", action_select,
                        KEYS (GDK_KEY_Left), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.extend-right", action_select,
                        KEYS (GDK_KEY_Right), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.extend-up", action_select,
                        KEYS (GDK_KEY_Up), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.extend-down", action_select,
                        KEYS (GDK_KEY_Down), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.move-left", action_move,
                        KEYS (GDK_KEY_Left, GDK_KEY_Left), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.move-right", action_move,
                        KEYS (GDK_KEY_Right, GDK_KEY_Right), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.move-up", action_move,
                        KEYS (GDK_KEY_Up, GDK_KEY_Up), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.move-down", action_move,
                        KEYS (GDK_KEY_Down, GDK_KEY_Down), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.new-card", action_new_card,
                        KEYS (GDK_KEY_Insert, GDK_KEY_KP_Insert, GDK_KEY_n), MODS (0, 0, 0), 3);
  add_action_with_keys (widget_class, "canvas.edit", action_edit,
                        KEYS (GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_F2), MODS (0, 0, 0), 3);
  add_action_with_keys (widget_class, "canvas.delete", action_delete,
                        KEYS (GDK_KEY_KP_Delete, GDK_KEY_Delete), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.link", action_link,
                        KEYS (GDK_KEY_l), MODS (0), 1);
  add_action_with_keys (widget_class, "canvas.copy", action_clipboard,
                        KEYS (GDK_KEY_c), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.copy-image", action_clipboard,
                        KEYS (GDK_KEY_c), MODS (ctrl_shift), 1);
  add_action_with_keys (widget_class, "canvas.cut", action_clipboard,
                        KEYS (GDK_KEY_x), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.paste", action_clipboard,
                        KEYS (GDK_KEY_v), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.duplicate", action_clipboard,
                        KEYS (GDK_KEY_d), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.select-all", action_select_all,
                        KEYS (GDK_KEY_a), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.zoom-in", action_zoom,
                        KEYS (GDK_KEY_equal, GDK_KEY_KP_Add, GDK_KEY_plus), MODS (ctrl, ctrl, ctrl), 3);
  add_action_with_keys (widget_class, "canvas.zoom-out", action_zoom,
                        KEYS (GDK_KEY_KP_Subtract, GDK_KEY_minus), MODS (ctrl, ctrl), 2);
  add_action_with_keys (widget_class, "canvas.zoom-reset", action_zoom,
                        KEYS (GDK_KEY_KP_0, GDK_KEY_0), MODS (ctrl, ctrl), 2);
  add_action_with_keys (widget_class, "canvas.zoom-fit", action_zoom,
                        KEYS (GDK_KEY_9), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.cancel", action_cancel,
                        KEYS (GDK_KEY_Escape), MODS (0), 1);
  add_action_with_keys (widget_class, "canvas.menu", action_menu,
                        KEYS (GDK_KEY_Menu, GDK_KEY_F10), MODS (0, GDK_SHIFT_MASK), 2);
  gtk_widget_class_install_action (widget_class, "canvas.add-stage", NULL, action_add_stage);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", NULL, action_add_lane);
}

/**
 * jm_canvas_get_cursor_cell:
 * @stage: (out) (transfer none): the cell's stage
 * @persona: (out) (transfer none): the cell's lane
 *
 * The cell of the board's keyboard cursor, which follows the selected
 * card: the first cell until the cursor moves. Cards typed elsewhere, as
 * in the capture bar, land there.
 *
 * Returns: %FALSE when the board has no cell (no stage or no lane shown)
 */
gboolean
jm_canvas_get_cursor_cell (JmCanvas   *self,
                           JmStage   **stage,
                           JmPersona **persona)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (stage != NULL && persona != NULL, FALSE);

  *stage = NULL;
  *persona = NULL;
  if (self->map == NULL)
    return FALSE;
  _jm_canvas_ensure_layout (self);
  *stage = _jm_canvas_stage_at (self, self->cursor_stage);
  *persona = _jm_canvas_lane_at (self, self->cursor_lane);
  return *stage != NULL && *persona != NULL;
}

/**
 * jm_canvas_add_card:
 * @kind: (nullable): a card template's kind (see jm_card_kinds()), or
 *   %NULL for a plain touchpoint
 *
 * Adds a card at the end of the cursor's cell, titled as new cards of its
 * kind are, selects it and starts editing its title, as the Add menu's
 * templates do.
 *
 * Returns: (transfer none) (nullable): the new card, %NULL when the board
 *   has no cell
 */
JmTouchpoint *
jm_canvas_add_card (JmCanvas   *self,
                    const char *kind)
{
  const JmCardKindInfo *info = jm_card_kind_lookup (kind);
  const char *titles[2] = { NULL, NULL };
  g_autoptr(GPtrArray) added = NULL;
  JmStage *stage;
  JmPersona *persona;

  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);

  if (!jm_canvas_get_cursor_cell (self, &stage, &persona))
    return NULL;
  titles[0] = info != NULL ? g_dgettext (GETTEXT_PACKAGE, info->new_title) : _("New touchpoint");
  added = jm_edits_add_cards_of_kind (self->map, stage, persona, -1, titles, info != NULL ? info->id : NULL);
  if (added->len == 0)
    return NULL;
  jm_canvas_set_selected_object (self, g_ptr_array_index (added, 0));
  gtk_widget_activate_action (GTK_WIDGET (self), "canvas.edit", NULL);
  return g_ptr_array_index (added, 0);
}
