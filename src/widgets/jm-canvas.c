/* jm-canvas.c: the workshop board, stages across and persona lanes down
 *
 * One widget draws the whole board in snapshot(). The layout lives in a
 * JmBoardGeometry (plain C, tested without a display); the widget fills it
 * from the map whenever the map's lists or a card's content change, and keeps
 * each card in view drawn as an image at the current zoom, redrawn only when
 * that card changes (see jm-card-images.c), and the links in tiles of pixels
 * the same way. Each frame appends the cached drawings of what is in view and
 * nothing else, so dragging one card over a board of thousands costs what is
 * on screen, and scrolling copies pixels rather than drawing text again.
 *
 * The model is never touched while a gesture is in progress: a drag only
 * moves a preview, and the drop is one command on the history (so Escape
 * restores the board by drawing it again).
 *
 * The type is split by concern across files that share its struct through
 * jm-canvas-internal.h: this file holds the type, its properties, the
 * selection and the public API; jm-canvas-layout.c lays the board out,
 * jm-canvas-draw.c and jm-canvas-links.c draw it, jm-canvas-scroll.c,
 * jm-canvas-drag.c and jm-canvas-keyboard.c take input, jm-canvas-editor.c
 * edits titles in place, jm-canvas-actions.c holds the edits and the
 * canvas.* actions, and jm-canvas-stats.c the frame statistics.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"

static void jm_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JmCanvas, jm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      jm_canvas_scrollable_init))

static GParamSpec *properties[N_PROPS];
static guint selection_changed_signal;

void
_jm_canvas_notify (JmCanvas *self,
                   guint     prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* ---------------------------------------------------------------- helpers */

double
_jm_canvas_hvalue (JmCanvas *self)
{
  return gtk_adjustment_get_value (self->hadjustment);
}

double
_jm_canvas_vvalue (JmCanvas *self)
{
  return gtk_adjustment_get_value (self->vadjustment);
}

const JmBoardMetrics *
_jm_canvas_metrics (JmCanvas *self)
{
  return jm_board_geometry_get_metrics (self->geometry);
}

/* Lays the board out if it changed, with every card at its real height. */
void
_jm_canvas_ensure_layout (JmCanvas *self)
{
  if (self->n_estimated > 0)
    {
      self->defer_heights = FALSE;
      self->layout_dirty = TRUE;
    }
  if (self->layout_dirty)
    _jm_canvas_relayout (self);
}

/* Lays the board out if it changed, for drawing the view: before the
 * first frame of a map, the cards out of view may keep estimated heights,
 * as long as the view is the one they were estimated for. */
void
_jm_canvas_ensure_view_layout (JmCanvas *self)
{
  if (self->n_estimated > 0 &&
      (self->hadjustment == NULL || self->vadjustment == NULL ||
       _jm_canvas_hvalue (self) != 0 || _jm_canvas_vvalue (self) != 0 || self->zoom != self->estimated_zoom ||
       gtk_widget_get_width (GTK_WIDGET (self)) > self->estimated_width ||
       gtk_widget_get_height (GTK_WIDGET (self)) > self->estimated_height))
    self->defer_heights = FALSE;
  if (self->n_estimated > 0 && !self->defer_heights)
    self->layout_dirty = TRUE;
  if (self->layout_dirty)
    _jm_canvas_relayout (self);
}

static int
card_index_of (JmCanvas     *self,
               JmTouchpoint *touchpoint)
{
  _jm_canvas_ensure_layout (self);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->card_index, touchpoint)) - 1;
}

JmBoardCard *
_jm_canvas_board_card (JmCanvas     *self,
                       JmTouchpoint *touchpoint)
{
  int index = card_index_of (self, touchpoint);

  return index >= 0 ? jm_board_geometry_get_card (self->geometry, index) : NULL;
}

JmPersona *
_jm_canvas_persona_of (JmCanvas     *self,
                       JmTouchpoint *touchpoint)
{
  return jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (touchpoint));
}

/* Widget to board coordinates, honouring the headers that stay in view. */
void
_jm_canvas_widget_to_board (JmCanvas *self,
                            double    x,
                            double    y,
                            double   *bx,
                            double   *by)
{
  *bx = (x + _jm_canvas_hvalue (self)) / self->zoom;
  *by = (y + _jm_canvas_vvalue (self)) / self->zoom;
}

void
_jm_canvas_hit_at (JmCanvas   *self,
                   double      x,
                   double      y,
                   JmBoardHit *hit)
{
  double bx, by;

  _jm_canvas_ensure_layout (self);
  _jm_canvas_widget_to_board (self, x, y, &bx, &by);
  if (y < _jm_canvas_metrics (self)->stage_header_height * self->zoom)
    by = y / self->zoom;
  if (x < _jm_canvas_metrics (self)->lane_header_width * self->zoom)
    bx = x / self->zoom;
  jm_board_geometry_hit (self->geometry, bx, by, hit);
  if (hit->card >= 0 && jm_board_geometry_get_card (self->geometry, hit->card)->data == NULL)
    {
      hit->kind = JM_BOARD_HIT_CELL;
      hit->card = -1;
      hit->index_in_cell = -1;
    }
}

/* Whether a card's channel or team is the one highlighted, however either
 * was typed. A board repeats a few spellings on many cards: each is keyed
 * once per filter. */
static gboolean
filter_names_match (JmCanvas   *self,
                    JmNameKind  kind,
                    const char *spelling)
{
  gpointer found;
  g_autofree char *key = NULL;

  if (spelling == NULL)
    return FALSE;
  if (self->filter_names == NULL)
    self->filter_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  found = g_hash_table_lookup (self->filter_names, spelling);
  if (found != NULL)
    return GPOINTER_TO_INT (found) == 2;
  key = jm_name_key (kind, spelling);
  found = GINT_TO_POINTER (key != NULL && g_str_equal (key, self->filter_value) ? 2 : 1);
  g_hash_table_insert (self->filter_names, g_strdup (spelling), found);
  return GPOINTER_TO_INT (found) == 2;
}

static gboolean
filter_matches_team (JmCanvas     *self,
                     JmTouchpoint *touchpoint)
{
  const char * const *teams = jm_touchpoint_get_teams (touchpoint);

  for (guint i = 0; teams != NULL && teams[i] != NULL; i++)
    if (filter_names_match (self, JM_NAME_TEAM, teams[i]))
      return TRUE;
  return FALSE;
}

gboolean
_jm_canvas_filter_matches (JmCanvas     *self,
                           JmTouchpoint *touchpoint)
{
  switch (self->filter_kind)
    {
    case FILTER_PERSONA:
    case FILTER_SOLO:
      return g_strcmp0 (jm_touchpoint_get_lane_id (touchpoint), self->filter_value) == 0;
    case FILTER_CHANNEL:
      return filter_names_match (self, JM_NAME_CHANNEL, jm_touchpoint_get_channel (touchpoint));
    case FILTER_TEAM:
      return filter_matches_team (self, touchpoint);
    case FILTER_MOMENTS:
      return jm_touchpoint_get_moment_of_truth (touchpoint);
    case FILTER_NONE:
    default:
      return TRUE;
    }
}

/* Selection in model order, so that moving several cards keeps their order. */
GPtrArray *
_jm_canvas_selection_in_order (JmCanvas *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *touchpoints;
  guint n;

  if (self->map == NULL || g_hash_table_size (self->selection) == 0)
    return result;

  touchpoints = jm_map_get_touchpoints (self->map);
  n = g_list_model_get_n_items (touchpoints);
  for (guint i = 0; i < n && result->len < g_hash_table_size (self->selection); i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_hash_table_contains (self->selection, touchpoint))
        g_ptr_array_add (result, touchpoint);
      else
        g_object_unref (touchpoint);
    }
  return result;
}

/**
 * jm_canvas_get_colour_by:
 *
 * Returns: (transfer none): what the cards are coloured by, in words, as
 *   jm_colour_by_to_string() writes it
 */
const char *
jm_canvas_get_colour_by (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return jm_colour_by_to_string (jm_view_settings_get_colour_by (self->settings));
}

/**
 * jm_canvas_set_colour_by:
 * @colour_by: (nullable): "none" (or %NULL or ""), "composite", or a
 *   measure's id ("responsiveness", "convenience", "reliability",
 *   "relevance")
 *
 * Sets the colouring of the board's view settings, as
 * jm_colour_by_parse() reads it.
 */
void
jm_canvas_set_colour_by (JmCanvas   *self,
                         const char *colour_by)
{
  JmColourBy kind;

  g_return_if_fail (JM_IS_CANVAS (self));

  if (!jm_colour_by_parse (colour_by, &kind))
    {
      g_warning ("Unknown score to colour the board by: “%s”", colour_by);
      return;
    }
  jm_view_settings_set_colour_by (self->settings, kind);
}

/* Adds a strip to the foot of every card in the heat-map colour of its
 * score (see jm_score_colour()), with the score written on it; unscored
 * cards get a grey strip that says so. */
static void
on_settings_colour_by (JmCanvas *self)
{
  JmColourBy colour_by = jm_view_settings_get_colour_by (self->settings);
  int kind = COLOUR_BY_NONE;

  if (colour_by == JM_COLOUR_BY_COMPOSITE)
    kind = COLOUR_BY_COMPOSITE;
  else if (colour_by >= JM_COLOUR_BY_RESPONSIVENESS)
    kind = COLOUR_BY_MEASURE + (colour_by - JM_COLOUR_BY_RESPONSIVENESS);
  if (kind == self->colour_by)
    return;
  self->colour_by = kind;
  /* The strip changes every card's height as well as its look. */
  _jm_canvas_invalidate_cards (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_BY]);
}

/* ---------------------------------------------------------------- selection */

static void
set_selected_object_internal (JmCanvas *self,
                              gpointer  object)
{
  if (self->selected_object == object)
    return;
  g_set_object (&self->selected_object, object);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
}

/* The primary selected object follows the focused card, else any selected one. */
void
_jm_canvas_selection_changed (JmCanvas *self)
{
  gpointer primary = NULL;

  if (self->focus_card != NULL && g_hash_table_contains (self->selection, self->focus_card))
    primary = self->focus_card;
  else if (g_hash_table_size (self->selection) > 0)
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, self->selection);
      g_hash_table_iter_next (&iter, &primary, NULL);
    }
  else if (self->selected_object != NULL && !JM_IS_TOUCHPOINT (self->selected_object))
    primary = self->selected_object;

  set_selected_object_internal (self, primary);
  _jm_canvas_push_selection (self);
  g_signal_emit (self, selection_changed_signal, 0);
  _jm_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Tells the window's selection what the board selected. */
void
_jm_canvas_push_selection (JmCanvas *self)
{
  g_autoptr(GPtrArray) objects = NULL;

  if (self->shared == NULL || self->syncing)
    return;
  objects = _jm_canvas_selection_in_order (self);
  if (objects->len == 0 && self->selected_object != NULL)
    g_ptr_array_add (objects, g_object_ref (self->selected_object));
  self->syncing = TRUE;
  jm_selection_set (self->shared, objects, self->selected_object);
  self->syncing = FALSE;
}

/* The outline or a menu selected something: the board shows it. Several
 * cards stay several, so that nothing but a choice narrows them. */
static void
on_shared_selection_changed (JmCanvas *self)
{
  g_autoptr(GPtrArray) objects = NULL;
  gpointer current;

  if (self->syncing)
    return;
  objects = jm_selection_get_objects (self->shared);
  current = jm_selection_get_current (self->shared);
  self->syncing = TRUE;
  if (objects->len <= 1 || !JM_IS_TOUCHPOINT (current))
    jm_canvas_set_selected_object (self, current);
  else
    {
      _jm_canvas_ensure_layout (self);
      g_hash_table_remove_all (self->selection);
      for (guint i = 0; i < objects->len; i++)
        if (JM_IS_TOUCHPOINT (g_ptr_array_index (objects, i)))
          g_hash_table_add (self->selection, g_ptr_array_index (objects, i));
      _jm_canvas_set_focus_card (self, current);
      _jm_canvas_selection_changed (self);
      _jm_canvas_scroll_to_card (self, current);
    }
  self->syncing = FALSE;
}

/**
 * jm_canvas_get_shared_selection:
 *
 * Returns: (transfer none) (nullable): the selection the board shares,
 *   see jm_canvas_set_shared_selection()
 */
JmSelection *
jm_canvas_get_shared_selection (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->shared;
}

/**
 * jm_canvas_set_shared_selection:
 * @selection: (nullable): the selection to share
 *
 * Makes the board show @selection and write its own choices into it, so
 * that the outline and the inspector given the same one follow the board
 * and the board follows them.
 */
void
jm_canvas_set_shared_selection (JmCanvas    *self,
                                JmSelection *selection)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (selection == NULL || JM_IS_SELECTION (selection));

  if (self->shared == selection)
    return;
  if (self->shared != NULL)
    g_signal_handlers_disconnect_by_func (self->shared, on_shared_selection_changed, self);
  g_set_object (&self->shared, selection);
  if (self->shared != NULL)
    {
      g_signal_connect_object (self->shared, "changed", G_CALLBACK (on_shared_selection_changed),
                               self, G_CONNECT_SWAPPED);
      on_shared_selection_changed (self);
    }
}

void
_jm_canvas_set_focus_card (JmCanvas     *self,
                           JmTouchpoint *touchpoint)
{
  JmBoardCard *card;

  self->focus_card = touchpoint;
  card = touchpoint ? _jm_canvas_board_card (self, touchpoint) : NULL;
  if (card != NULL)
    {
      self->cursor_stage = card->stage;
      self->cursor_lane = card->lane;
    }
}

void
_jm_canvas_select_only (JmCanvas     *self,
                        JmTouchpoint *touchpoint)
{
  g_hash_table_remove_all (self->selection);
  if (self->selected_object != NULL && !JM_IS_TOUCHPOINT (self->selected_object))
    g_clear_object (&self->selected_object);
  if (touchpoint != NULL)
    g_hash_table_add (self->selection, touchpoint);
  _jm_canvas_set_focus_card (self, touchpoint);
  _jm_canvas_selection_changed (self);
}

void
_jm_canvas_select_header (JmCanvas *self,
                          gpointer  object)
{
  g_hash_table_remove_all (self->selection);
  self->focus_card = NULL;
  set_selected_object_internal (self, object);
  _jm_canvas_selection_changed (self);
}

/* ---------------------------------------------------------------- widget */

static void
on_adjustment_value_changed (JmCanvas *self)
{
  if (self->editor != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (JmCanvas       *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  _jm_canvas_configure_adjustments (self);
}

static void
jm_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  JmCanvas *self = JM_CANVAS (widget);

  _jm_canvas_ensure_view_layout (self);
  *minimum = 120;
  *natural = (int) ceil (orientation == GTK_ORIENTATION_HORIZONTAL
                         ? jm_board_geometry_get_width (self->geometry) * self->zoom
                         : jm_board_geometry_get_height (self->geometry) * self->zoom);
  *natural = MAX (*natural, *minimum);
}

static void
jm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  JmCanvas *self = JM_CANVAS (widget);

  _jm_canvas_ensure_view_layout (self);
  _jm_canvas_configure_adjustments (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (self->editor != NULL)
    {
      graphene_rect_t rect;
      int min_height;

      _jm_canvas_editor_rect (self, &rect);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->editor,
                                &(GtkAllocation) { (int) rect.origin.x, (int) rect.origin.y,
                                                   (int) rect.size.width,
                                                   MAX (min_height, (int) rect.size.height) },
                                -1);
    }
}

static void
jm_canvas_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (jm_canvas_parent_class)->css_changed (widget, change);
  _jm_canvas_update_style (JM_CANVAS (widget));
}

static void
on_dark_changed (JmCanvas *self)
{
  _jm_canvas_update_style (self);
}

static void
jm_canvas_realize (GtkWidget *widget)
{
  JmCanvas *self = JM_CANVAS (widget);

  GTK_WIDGET_CLASS (jm_canvas_parent_class)->realize (widget);
  if (self->frame_stats)
    {
      self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->before_paint_handler = g_signal_connect_swapped (self->frame_clock, "before-paint",
                                                       G_CALLBACK (_jm_canvas_on_frame_clock_before_paint), self);
      self->after_paint_handler = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                            G_CALLBACK (_jm_canvas_on_frame_clock_after_paint), self);
    }
}

static void
jm_canvas_unrealize (GtkWidget *widget)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->before_paint_handler, self->frame_clock);
      g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
      g_clear_object (&self->frame_clock);
    }
  GTK_WIDGET_CLASS (jm_canvas_parent_class)->unrealize (widget);
}

static void
on_focus_changed (JmCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
jm_canvas_dispose (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  if (self->editor != NULL)
    {
      self->edit_done = TRUE;
      g_clear_pointer (&self->editor, gtk_widget_unparent);
    }
  g_clear_handle_id (&self->editor_leave_id, g_source_remove);
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  g_clear_handle_id (&self->finish_heights_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  jm_canvas_set_map (self, NULL);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->selected_object);
  jm_canvas_set_shared_selection (self, NULL);
  if (self->clipboard != NULL)
    _jm_canvas_clipboard_forget (self);

  G_OBJECT_CLASS (jm_canvas_parent_class)->dispose (object);
}

static void
jm_canvas_finalize (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  jm_board_geometry_free (self->geometry);
  g_ptr_array_unref (self->stages);
  g_ptr_array_unref (self->lanes);
  g_ptr_array_unref (self->watched);
  g_hash_table_unref (self->cards);
  g_clear_pointer (&self->images, jm_card_images_free);
  g_hash_table_unref (self->card_index);
  g_hash_table_unref (self->header_layouts);
  g_hash_table_unref (self->selection);
  g_array_unref (self->links);
  g_clear_pointer (&self->link_tiles, jm_card_images_free);
  g_ptr_array_unref (self->clipboard);
  g_array_unref (self->frame_times);
  g_free (self->edit_original);
  g_free (self->filter);
  g_free (self->filter_value);
  g_clear_pointer (&self->filter_names, g_hash_table_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jm_canvas_parent_class)->finalize (object);
}

static void
jm_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JmCanvas *self = JM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_SELECTED_OBJECT:
      g_value_set_object (value, self->selected_object);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;
    case PROP_COLOUR_BY:
      g_value_set_string (value, jm_canvas_get_colour_by (self));
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JmCanvas *self = JM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_canvas_set_map (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_OBJECT:
      jm_canvas_set_selected_object (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      jm_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FILTER:
      jm_canvas_set_filter (self, g_value_get_string (value));
      break;
    case PROP_COLOUR_BY:
      jm_canvas_set_colour_by (self, g_value_get_string (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
jm_canvas_get_border (GtkScrollable *scrollable,
                      GtkBorder     *border)
{
  return FALSE;
}

static void
jm_canvas_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = jm_canvas_get_border;
}

static void
jm_canvas_class_init (JmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_canvas_dispose;
  object_class->finalize = jm_canvas_finalize;
  object_class->get_property = jm_canvas_get_property;
  object_class->set_property = jm_canvas_set_property;

  widget_class->snapshot = _jm_canvas_snapshot;
  widget_class->measure = jm_canvas_measure;
  widget_class->size_allocate = jm_canvas_size_allocate;
  widget_class->css_changed = jm_canvas_css_changed;
  widget_class->realize = jm_canvas_realize;
  widget_class->unrealize = jm_canvas_unrealize;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP, flags);
  /**
   * JmCanvas:selected-object:
   *
   * The touchpoint, stage or persona the inspector shows: the focused card
   * of the selection, or the selected header; %NULL when nothing is selected.
   */
  properties[PROP_SELECTED_OBJECT] =
    g_param_spec_object ("selected-object", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0, flags);
  /**
   * JmCanvas:filter:
   *
   * What stays bright while the rest of the board dims: "persona:ID",
   * "channel:ID", "team:NAME", "moments", or "" for everything.
   */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "", flags);
  /**
   * JmCanvas:colour-by:
   *
   * The score each card's strip shows in colour and number: "none",
   * "composite", or a measure's id such as "convenience".
   */
  properties[PROP_COLOUR_BY] =
    g_param_spec_string ("colour-by", NULL, NULL, "none", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /**
   * JmCanvas::selection-changed:
   *
   * Emitted when cards join or leave the selection, even if
   * #JmCanvas:selected-object stays: the inspector edits every selected card.
   */
  selection_changed_signal =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  _jm_canvas_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "journey-board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jm_canvas_init (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->geometry = jm_board_geometry_new (NULL);
  self->stages = g_ptr_array_new_with_free_func (g_object_unref);
  self->lanes = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->cards = g_hash_table_new_full (NULL, NULL, NULL, _jm_canvas_card_entry_free);
  self->images = jm_card_images_new ();
  self->card_index = g_hash_table_new (NULL, NULL);
  self->header_layouts = g_hash_table_new_full (NULL, NULL, NULL, _jm_canvas_header_layouts_free);
  self->selection = g_hash_table_new (NULL, NULL);
  self->links = g_array_new (FALSE, FALSE, sizeof (JmBoardLink));
  self->link_tiles = jm_card_images_new ();
  _jm_canvas_clipboard_init (self);
  self->frame_times = g_array_new (FALSE, FALSE, sizeof (JmCanvasFrameTime));
  self->frame_stats = g_getenv ("JM_CANVAS_FRAME_STATS") != NULL;
  self->last_snapshot_ms = -1;
  self->filter = g_strdup ("");
  self->colour_by = COLOUR_BY_NONE;
  jm_canvas_set_view_settings (self, NULL);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey board"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Stages across, persona lanes down; arrow keys move between cards"),
                                  -1);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (_jm_canvas_on_drag_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (_jm_canvas_on_drag_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (_jm_canvas_on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->drag = gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (_jm_canvas_on_click_pressed), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (_jm_canvas_on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->click = gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (_jm_canvas_on_secondary_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->secondary = gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (_jm_canvas_on_pan_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (_jm_canvas_on_pan_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (_jm_canvas_on_pan_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->pan = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (_jm_canvas_on_zoom_begin), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (_jm_canvas_on_zoom_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->pinch = gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (_jm_canvas_on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (_jm_canvas_on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (_jm_canvas_on_motion_leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  _jm_canvas_update_style (self);
  _jm_canvas_update_actions (self);
}

/* ---------------------------------------------------------------- public */

/**
 * jm_canvas_new:
 *
 * Returns: (transfer floating): a new, empty board
 */
GtkWidget *
jm_canvas_new (void)
{
  return g_object_new (JM_TYPE_CANVAS, NULL);
}

/**
 * jm_canvas_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_canvas_get_map (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->map;
}

void
jm_canvas_set_map (JmCanvas *self,
                   JmMap    *map)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->editor != NULL)
    _jm_canvas_stop_editing (self, FALSE);
  if (self->drag_mode != DRAG_NONE)
    {
      self->drag_cancelled = TRUE;
      _jm_canvas_end_drag (self);
    }
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_func (jm_map_get_stages (self->map), _jm_canvas_on_list_items_changed, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_personas (self->map), _jm_canvas_on_list_items_changed, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_touchpoints (self->map), _jm_canvas_on_list_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->map, _jm_canvas_on_map_notify_for_scores, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_votes (self->map), _jm_canvas_on_votes_changed, self);
    }
  g_hash_table_remove_all (self->selection);
  _jm_canvas_unwatch_all (self);
  jm_board_geometry_reset (self->geometry, 0, 0);
  g_hash_table_remove_all (self->card_index);
  g_array_set_size (self->links, 0);
  jm_card_images_clear (self->link_tiles);
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->cards);
  g_hash_table_remove_all (self->header_layouts);
  g_clear_pointer (&self->card_marks, g_hash_table_unref);
  _jm_canvas_clipboard_forget (self);
  self->focus_card = NULL;
  self->hover_card = NULL;
  self->link_source = NULL;
  self->cursor_stage = self->cursor_lane = 0;
  g_clear_object (&self->selected_object);

  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed",
                                G_CALLBACK (_jm_canvas_on_list_items_changed), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed",
                                G_CALLBACK (_jm_canvas_on_list_items_changed), self);
      g_signal_connect_swapped (jm_map_get_touchpoints (map), "items-changed",
                                G_CALLBACK (_jm_canvas_on_list_items_changed), self);
      g_signal_connect_swapped (map, "notify", G_CALLBACK (_jm_canvas_on_map_notify_for_scores), self);
      g_signal_connect_swapped (jm_map_get_votes (map), "changed",
                                G_CALLBACK (_jm_canvas_on_votes_changed), self);
    }
  self->layout_dirty = TRUE;
  self->defer_heights = map != NULL;
  if (self->hadjustment != NULL)
    {
      gtk_adjustment_set_value (self->hadjustment, 0);
      gtk_adjustment_set_value (self->vadjustment, 0);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_canvas_get_selected_object:
 *
 * Returns: (transfer none) (nullable): the selected #JmTouchpoint, #JmStage
 *   or #JmPersona
 */
gpointer
jm_canvas_get_selected_object (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->selected_object;
}

/**
 * jm_canvas_set_selected_object:
 * @object: (nullable): a touchpoint, stage or persona of the map, or %NULL
 *
 * Selects one object, as when the outline's selection changes; a card is
 * scrolled into view.
 */
void
jm_canvas_set_selected_object (JmCanvas *self,
                               gpointer  object)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (object == NULL || JM_IS_TOUCHPOINT (object) || JM_IS_STAGE (object) ||
                    JM_IS_PERSONA (object));

  if (object == self->selected_object &&
      (!JM_IS_TOUCHPOINT (object) || g_hash_table_size (self->selection) == 1))
    return;
  /* While the board moves cards, a list of them (the outline) may lose
   * and find its selected row again: the board keeps its own selection. */
  if (self->moving)
    return;

  if (JM_IS_TOUCHPOINT (object))
    {
      _jm_canvas_ensure_layout (self);
      _jm_canvas_select_only (self, object);
      _jm_canvas_scroll_to_card (self, object);
    }
  else
    _jm_canvas_select_header (self, object);
}

/**
 * jm_canvas_move_selection:
 * @dx: -1 or 1 to move the cards a stage back or on, else 0
 * @dy: -1 or 1 to move the cards up or down, else 0
 *
 * Moves the selected cards as Alt and an arrow key do on the board: cards
 * from several cells move together, as far as the board lets all of them.
 *
 * Returns: whether a selected card is on the board to move
 */
gboolean
jm_canvas_move_selection (JmCanvas *self,
                          int       dx,
                          int       dy)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (ABS (dx) + ABS (dy) == 1, FALSE);

  if (self->map == NULL)
    return FALSE;
  /* While a title is typed, the board's own keys move nothing either. */
  if (self->editor != NULL)
    return TRUE;
  return _jm_canvas_move_step (self, dx, dy);
}

/**
 * jm_canvas_commit_edit:
 *
 * Records what is typed in the in-place editor before the map is saved or
 * closed. A title being edited is in the map already; a card being created
 * is added now, and its editor closes.
 */
void
jm_canvas_commit_edit (JmCanvas *self)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  if (self->editor != NULL && !self->edit_done && self->edit_object == NULL)
    _jm_canvas_stop_editing (self, TRUE);
}

/**
 * jm_canvas_get_selection:
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the selected
 *   cards, in map order
 */
GPtrArray *
jm_canvas_get_selection (JmCanvas *self)
{
  GPtrArray *result;
  g_autoptr(GPtrArray) owned = NULL;

  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);

  owned = _jm_canvas_selection_in_order (self);
  result = g_ptr_array_new ();
  for (guint i = 0; i < owned->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (owned, i));
  return result;
}

void
jm_canvas_select_all (JmCanvas *self)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  _jm_canvas_ensure_layout (self);
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
    if (jm_board_geometry_get_card (self->geometry, i)->data != NULL)
      g_hash_table_add (self->selection, jm_board_geometry_get_card (self->geometry, i)->data);
  _jm_canvas_selection_changed (self);
}

double
jm_canvas_get_zoom (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 1.0);
  return self->zoom;
}

/**
 * jm_canvas_set_zoom:
 * @zoom: the scale, clamped to 0.1 – 3
 *
 * Zooms about the centre of the view.
 */
void
jm_canvas_set_zoom (JmCanvas *self,
                    double    zoom)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  _jm_canvas_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                      gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * jm_canvas_zoom_to_fit:
 *
 * Zooms so that the whole board is in view (never past 100%).
 */
void
jm_canvas_zoom_to_fit (JmCanvas *self)
{
  double width, height, zoom;

  g_return_if_fail (JM_IS_CANVAS (self));

  _jm_canvas_ensure_layout (self);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return;
  zoom = MIN (width / jm_board_geometry_get_width (self->geometry),
              height / jm_board_geometry_get_height (self->geometry));
  _jm_canvas_zoom_at (self, MIN (zoom, 1.0), 0, 0);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
}

const char *
jm_canvas_get_filter (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->filter;
}

/**
 * jm_canvas_set_filter:
 * @filter: (nullable): "persona:ID", "channel:NAME", "team:NAME",
 *   "moments", or %NULL or "" to show every card fully
 *
 * Sets the highlight of the board's view settings, as jm_highlight_parse()
 * reads it, and stops walking a persona.
 */
void
jm_canvas_set_filter (JmCanvas   *self,
                      const char *filter)
{
  JmHighlight highlight;
  g_autofree char *target = NULL;

  g_return_if_fail (JM_IS_CANVAS (self));

  if (!jm_highlight_parse (filter, &highlight, &target))
    {
      g_warning ("Unknown board filter “%s”", filter);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self->settings));
  jm_view_settings_set_walked_persona (self->settings, NULL);
  jm_view_settings_set_highlight (self->settings, highlight, target);
  g_object_thaw_notify (G_OBJECT (self->settings));
}

/* Dims the cards that do not match the highlight, so that one persona,
 * channel, team or the moments of truth stand out; a persona walked is
 * shown alone, leaving the other lanes out of view (the map is not
 * changed). Channel and team names match as jm_name_key() compares them,
 * so "Billing" finds "billing" too, and "web" a typed "website". */
static void
on_settings_filter (JmCanvas *self)
{
  static const FilterKind kinds[] = {
    [JM_HIGHLIGHT_NONE] = FILTER_NONE,
    [JM_HIGHLIGHT_MOMENTS] = FILTER_MOMENTS,
    [JM_HIGHLIGHT_PERSONA] = FILTER_PERSONA,
    [JM_HIGHLIGHT_CHANNEL] = FILTER_CHANNEL,
    [JM_HIGHLIGHT_TEAM] = FILTER_TEAM,
  };
  const char *walked = jm_view_settings_get_walked_persona (self->settings);
  const char *value = NULL;
  JmHighlight highlight = jm_view_settings_get_highlight (self->settings, &value);
  FilterKind kind = kinds[highlight];
  g_autofree char *filter = NULL;

  if (walked != NULL)
    {
      kind = FILTER_SOLO;
      value = walked;
      filter = g_strconcat ("solo:", walked, NULL);
    }
  else
    filter = jm_highlight_to_string (highlight, value);
  if (g_strcmp0 (filter, self->filter) == 0)
    return;

  g_free (self->filter);
  self->filter = g_steal_pointer (&filter);
  g_free (self->filter_value);
  if (kind == FILTER_CHANNEL || kind == FILTER_TEAM)
    self->filter_value = jm_name_key (kind == FILTER_CHANNEL ? JM_NAME_CHANNEL : JM_NAME_TEAM, value);
  else
    self->filter_value = g_strdup (value);
  /* A blank name highlights no card. */
  if (self->filter_value == NULL && value != NULL)
    self->filter_value = g_strdup ("");
  g_clear_pointer (&self->filter_names, g_hash_table_unref);
  /* Showing one lane alone, or all again, changes which lanes are laid out. */
  if (kind == FILTER_SOLO || self->filter_kind == FILTER_SOLO)
    {
      self->layout_dirty = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  self->filter_kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * jm_canvas_get_view_settings:
 *
 * Returns: (transfer none): how the board is viewed
 */
JmViewSettings *
jm_canvas_get_view_settings (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->settings;
}

/**
 * jm_canvas_set_view_settings:
 * @settings: (nullable): how the board is viewed; %NULL for settings of
 *   its own
 *
 * The board follows the highlight, the persona walked and the colouring
 * of @settings. (Its zoom is the board's own #JmCanvas:zoom, which the
 * owner of @settings binds.)
 */
void
jm_canvas_set_view_settings (JmCanvas       *self,
                             JmViewSettings *settings)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (settings == NULL || JM_IS_VIEW_SETTINGS (settings));

  if (settings != NULL && settings == self->settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  self->settings = settings != NULL ? g_object_ref (settings) : jm_view_settings_new ();
  g_signal_connect_object (self->settings, "notify::highlight", G_CALLBACK (on_settings_filter), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::walked-persona", G_CALLBACK (on_settings_filter),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::colour-by", G_CALLBACK (on_settings_colour_by),
                           self, G_CONNECT_SWAPPED);
  on_settings_filter (self);
  on_settings_colour_by (self);
}

/**
 * jm_canvas_get_stage_column:
 * @stage: a stage's position
 * @x: (out): where the stage's column starts, in the canvas's coordinates
 * @width: (out): how wide the column is drawn
 *
 * Where a stage's column is drawn now, at the zoom and scroll of the view,
 * so that what is drawn beside the board can line up with it.
 *
 * Returns: %TRUE if the board has a column for @stage
 */
gboolean
jm_canvas_get_stage_column (JmCanvas *self,
                            guint     stage,
                            double   *x,
                            double   *width)
{
  JmBoardRect rect;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (x != NULL && width != NULL, FALSE);

  /* Columns do not depend on the cards' heights. */
  _jm_canvas_ensure_view_layout (self);
  if (stage >= jm_board_geometry_get_n_stages (self->geometry))
    return FALSE;
  jm_board_geometry_stage_header_rect (self->geometry, stage, &rect);
  *x = rect.x * self->zoom - _jm_canvas_hvalue (self);
  *width = rect.width * self->zoom;
  return TRUE;
}

/**
 * jm_canvas_get_lane_header_width:
 *
 * Returns: how wide the lane headers are drawn at the left of the view, in
 *   the canvas's coordinates; the stage columns scroll under them
 */
double
jm_canvas_get_lane_header_width (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return _jm_canvas_metrics (self)->lane_header_width * self->zoom;
}

/* ---------------------------------------------------------------- private */

GtkGesture *
_jm_canvas_get_drag_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->drag;
}

GtkGesture *
_jm_canvas_get_click_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->click;
}

GtkGesture *
_jm_canvas_get_pan_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->pan;
}

GtkGesture *
_jm_canvas_get_zoom_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->pinch;
}

JmBoardGeometry *
_jm_canvas_get_geometry (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  _jm_canvas_ensure_layout (self);
  return self->geometry;
}

/* The board as last laid out, which before the first frame of a map may
 * hold cards out of view at an estimated height. */
JmBoardGeometry *
_jm_canvas_peek_geometry (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->geometry;
}

guint
_jm_canvas_get_n_estimated (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return self->n_estimated;
}

/* The card's rectangle in widget coordinates. */
gboolean
_jm_canvas_get_card_rect (JmCanvas        *self,
                          JmTouchpoint    *touchpoint,
                          graphene_rect_t *rect)
{
  JmBoardCard *card;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);

  card = _jm_canvas_board_card (self, touchpoint);
  if (card == NULL)
    return FALSE;
  graphene_rect_init (rect, card->rect.x * self->zoom - _jm_canvas_hvalue (self),
                      card->rect.y * self->zoom - _jm_canvas_vvalue (self),
                      card->rect.width * self->zoom, card->rect.height * self->zoom);
  return TRUE;
}

void
_jm_canvas_board_to_widget (JmCanvas *self,
                            double    board_x,
                            double    board_y,
                            double   *widget_x,
                            double   *widget_y)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  *widget_x = board_x * self->zoom - _jm_canvas_hvalue (self);
  *widget_y = board_y * self->zoom - _jm_canvas_vvalue (self);
}

GtkWidget *
_jm_canvas_get_editor (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->editor;
}

GArray *
_jm_canvas_get_frame_times (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->frame_times;
}

guint
_jm_canvas_get_n_cached_nodes (JmCanvas *self)
{
  GHashTableIter iter;
  CardEntry *entry;
  guint n = 0;

  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    n += entry->node != NULL || jm_card_images_contains (self->images, entry->touchpoint);
  return n;
}

guint
_jm_canvas_get_n_cached_images (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return jm_card_images_get_n (self->images);
}

gsize
_jm_canvas_get_image_bytes (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return jm_card_images_get_bytes (self->images);
}

/* Whether the highlight leaves the card undimmed. */
gboolean
_jm_canvas_is_highlighted (JmCanvas     *self,
                           JmTouchpoint *touchpoint)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (touchpoint), FALSE);
  return _jm_canvas_filter_matches (self, touchpoint);
}

/* Whether a zoom gesture's steps are still coming in, so that the cards
 * are drawn as vectors. */
gboolean
_jm_canvas_get_zoom_settling (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  return self->zoom_settle_id != 0;
}
