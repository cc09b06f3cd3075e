/* jm-canvas-draw.c: drawing the board in snapshot()
 *
 * Appends what is in view and nothing else: the grid, the headers, the
 * cards as cached images or nodes (with their score strips and marks), the
 * cards being dragged, and the links from jm-canvas-links.c.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"

/* ---------------------------------------------------------------- colour by score */

/* The strip along the foot of each card while the board is coloured by a
 * score: the score's heat-map colour with the number written on it, so the
 * colour is never the only cue. */
double
_jm_canvas_score_strip_height (JmCanvas *self)
{
  if (self->colour_by == COLOUR_BY_NONE)
    return 0;
  return jm_card_score_strip_height (&self->style.card);
}

static double
card_score (JmCanvas     *self,
            JmTouchpoint *touchpoint)
{
  double score = NAN;

  if (self->colour_by == COLOUR_BY_COMPOSITE)
    {
      if (!jm_score_touchpoint (self->map, touchpoint, &score))
        score = NAN;
    }
  else if (self->colour_by >= COLOUR_BY_MEASURE)
    {
      int rating = jm_touchpoint_get_rating (touchpoint, self->colour_by - COLOUR_BY_MEASURE);

      if (rating >= 1 && rating <= 5)
        score = rating;
    }
  return score;
}

void
_jm_canvas_draw_score_strip (JmCanvas     *self,
                             cairo_t      *cr,
                             JmTouchpoint *touchpoint,
                             double        width,
                             double        height)
{
  const JmCardStyle *style = &self->style.card;
  double score;
  g_autofree char *text = NULL;

  if (_jm_canvas_score_strip_height (self) <= 0)
    return;

  score = card_score (self, touchpoint);
  if (isnan (score))
    text = g_strdup (_("Not scored"));
  else if (self->colour_by == COLOUR_BY_COMPOSITE)
    /* Translators: a touchpoint's composite score, 1.0 to 5.0 */
    text = g_strdup_printf (_("Score %.1f"), score);
  else
    /* Translators: a short measure name, then a rating from 1 to 5 */
    text = g_strdup_printf (_("%s %d"),
                            jm_render_measure_short_label (self->colour_by - COLOUR_BY_MEASURE),
                            (int) score);
  jm_card_render_score_strip (cr, style, score, text, width, height);
}

void
_jm_canvas_on_map_notify_for_scores (JmCanvas   *self,
                                     GParamSpec *pspec)
{
  /* Weights change every composite score. */
  if (self->colour_by == COLOUR_BY_COMPOSITE && g_str_has_prefix (pspec->name, "weight"))
    _jm_canvas_invalidate_cards (self, FALSE);
}

/* ---------------------------------------------------------------- drawing */

/* Draws a header's layout with its top left at (@x, @y) in board units:
 * the layout is in device pixels, see _jm_canvas_header_layout_new(). */
static void
append_header_layout (GtkSnapshot   *snapshot,
                      HeaderLayouts *layouts,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *colour)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_scale (snapshot, 1 / layouts->scale, 1 / layouts->scale);
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

/* The size of a header's layout, in board units. */
static void
header_layout_size (HeaderLayouts *layouts,
                    PangoLayout   *layout,
                    double        *width,
                    double        *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (PANGO_SCALE * layouts->scale);
  *height = logical.height / (PANGO_SCALE * layouts->scale);
}

static void
append_rounded (GtkSnapshot   *snapshot,
                double         x,
                double         y,
                double         width,
                double         height,
                double         radius,
                const GdkRGBA *colour)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
append_ring (GtkSnapshot   *snapshot,
             const JmBoardRect *rect,
             double         outset,
             double         width,
             double         radius,
             const GdkRGBA *colour)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };

  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (rect->x - outset, rect->y - outset,
                                                        rect->width + 2 * outset,
                                                        rect->height + 2 * outset),
                                   radius + outset);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colours);
}

static gboolean
persona_colour (JmPersona *persona,
                GdkRGBA   *rgba)
{
  return persona != NULL && gdk_rgba_parse (rgba, jm_persona_get_colour (persona));
}

static void
append_handle (JmCanvas     *self,
               GtkSnapshot  *snapshot,
               JmBoardCard  *card)
{
  double r = _jm_canvas_metrics (self)->handle_radius;
  double cx = card->rect.x + card->rect.width;
  double cy = card->rect.y + card->rect.height / 2;

  append_rounded (snapshot, cx - r, cy - r, 2 * r, 2 * r, r, &self->style.accent);
  append_rounded (snapshot, cx - r / 2.5, cy - r / 2.5, 2 * r / 2.5, 2 * r / 2.5, r / 2.5,
                  &self->style.accent_fg);
}

static void
drag_offset (JmCanvas *self,
             double   *dx,
             double   *dy)
{
  double bx, by;

  _jm_canvas_widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
  *dx = bx - self->start_bx;
  *dy = by - self->start_by;
}

/* The budget of the card images: enough for the view a few times over,
 * so that scrolling back and forth finds its cards drawn. */
static gsize
image_budget (JmCanvas *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double view = (double) gtk_widget_get_width (GTK_WIDGET (self)) *
                gtk_widget_get_height (GTK_WIDGET (self)) * scale * scale * 4;

  return (gsize) CLAMP (view * IMAGE_VIEWS, IMAGE_BUDGET_MIN, IMAGE_BUDGET_MAX);
}

/* The card's face as an image at the frame's zoom and scale, drawn now if
 * it is not in the cache; %NULL when it should be drawn as a node instead. */
static GskRenderNode *
card_face_image (JmCanvas     *self,
                 JmTouchpoint *touchpoint,
                 double        height,
                 int           scale)
{
  GskRenderNode *node = jm_card_images_lookup (self->images, touchpoint);
  g_autoptr(GskRenderNode) drawn = NULL;
  double pixels = self->zoom * scale;
  gsize bytes;

  if (node != NULL)
    return node;

  /* A zoom gesture in progress would draw every card anew each step. */
  if (self->zoom_settle_id != 0)
    return NULL;
  bytes = (gsize) ceil (_jm_canvas_metrics (self)->card_width * pixels) * (gsize) ceil ((height + 1) * pixels) * 4;
  if (!jm_card_images_reserve (self->images, bytes))
    return NULL;
  drawn = _jm_canvas_card_image (self, touchpoint, height, self->zoom, scale, &bytes);
  jm_card_images_insert (self->images, touchpoint, drawn, bytes);
  /* The vector node is not needed while the image stands for the card. */
  g_clear_pointer (&_jm_canvas_card_entry (self, touchpoint)->node, gsk_render_node_unref);
  return drawn;
}

/* The faces of the cards in view, in widget coordinates: an image lands
 * on whole device pixels, where it is copied rather than resampled. */
static void
snapshot_card_faces (JmCanvas          *self,
                     GtkSnapshot       *snapshot,
                     GArray            *cards)
{
  gboolean simple = self->zoom < SIMPLE_BELOW;
  gboolean dragging = self->drag_active && self->drag_mode == DRAG_CARDS;
  double z = self->zoom;
  double hv = _jm_canvas_hvalue (self);
  double vv = _jm_canvas_vvalue (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  jm_card_images_begin_frame (self->images, z * scale, image_budget (self));

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i));
      JmTouchpoint *touchpoint = card->data;
      double x = card->rect.x * z - hv;
      double y = card->rect.y * z - vv;
      gboolean selected;
      gboolean faded;
      GskRenderNode *image;

      if (touchpoint == NULL)
        continue;
      selected = g_hash_table_contains (self->selection, touchpoint);
      faded = !_jm_canvas_filter_matches (self, touchpoint) || (dragging && selected);

      if (faded)
        gtk_snapshot_push_opacity (snapshot, dragging && selected ? 0.3 : 0.22);

      if (simple)
        {
          GdkRGBA colour;

          if (!persona_colour (_jm_canvas_persona_of (self, touchpoint), &colour))
            colour = self->style.accent;
          colour.alpha = 0.55;
          gtk_snapshot_append_color (snapshot, &colour,
                                     &GRAPHENE_RECT_INIT (x, y, card->rect.width * z, card->rect.height * z));
        }
      else if ((image = card_face_image (self, touchpoint, card->rect.height, scale)) != NULL)
        {
          /* Rounded as the links' tiles are, so that cards and links
           * keep their places as the view moves by parts of a pixel. */
          double px = round (card->rect.x * z * scale) - round (hv * scale);
          double py = round (card->rect.y * z * scale) - round (vv * scale);

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (px / scale, py / scale));
          gtk_snapshot_append_node (snapshot, image);
          gtk_snapshot_restore (snapshot);
        }
      else
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
          gtk_snapshot_scale (snapshot, z, z);
          gtk_snapshot_append_node (snapshot, _jm_canvas_card_node (self, touchpoint, card->rect.height));
          gtk_snapshot_restore (snapshot);
        }

      if (faded)
        gtk_snapshot_pop (snapshot);
    }
}

/* What marks the cards in view, in board coordinates: the selection and
 * focus rings and the link handle. */
static void
snapshot_card_marks (JmCanvas    *self,
                     GtkSnapshot *snapshot,
                     GArray      *cards)
{
  gboolean simple = self->zoom < SIMPLE_BELOW;
  gboolean dragging = self->drag_active && self->drag_mode == DRAG_CARDS;
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (self));
  const double radius = self->style.card.font_size * 0.4;

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i));
      JmTouchpoint *touchpoint = card->data;
      gboolean selected;

      if (touchpoint == NULL)
        continue;
      selected = g_hash_table_contains (self->selection, touchpoint);
      if (selected && !dragging)
        append_ring (snapshot, &card->rect, 1.5, 2.5, radius, &self->style.accent);
      if (touchpoint == self->focus_card && focused)
        {
          GdkRGBA ring = self->style.accent;

          ring.alpha = 0.5;
          append_ring (snapshot, &card->rect, 5, 2, radius, &ring);
        }
      if (!simple && !dragging && (touchpoint == self->hover_card || (selected && g_hash_table_size (self->selection) == 1)))
        append_handle (self, snapshot, card);
    }
}

static void
snapshot_dragged_cards (JmCanvas    *self,
                        GtkSnapshot *snapshot)
{
  GHashTableIter iter;
  JmTouchpoint *touchpoint;
  double dx, dy;

  drag_offset (self, &dx, &dy);
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, (gpointer *) &touchpoint, NULL))
    {
      JmBoardCard *card = _jm_canvas_board_card (self, touchpoint);
      GskRoundedRect outline;

      if (card == NULL)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (card->rect.x + dx, card->rect.y + dy));
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (0, 0, card->rect.width, card->rect.height), 6);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &self->style.shadow, 0, 6, 2, 14);
      if (self->zoom < SIMPLE_BELOW)
        gtk_snapshot_append_color (snapshot, &self->style.accent,
                                   &GRAPHENE_RECT_INIT (0, 0, card->rect.width, card->rect.height));
      else
        gtk_snapshot_append_node (snapshot, _jm_canvas_card_node (self, touchpoint, card->rect.height));
      gtk_snapshot_restore (snapshot);
    }
}

static void
snapshot_grid (JmCanvas          *self,
               GtkSnapshot       *snapshot,
               const JmBoardRect *visible)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  guint n_stages = self->stages->len;
  guint n_lanes = self->lanes->len;
  double line = 1.0 / self->zoom;
  JmBoardRect first, last, cell;
  double right, bottom;

  if (n_lanes == 0 || n_stages == 0)
    return;

  jm_board_geometry_cell_rect (self->geometry, 0, 0, &first);
  jm_board_geometry_cell_rect (self->geometry, n_stages - 1, n_lanes - 1, &last);
  right = last.x + last.width;
  bottom = last.y + last.height;

  for (guint l = 0; l < n_lanes; l++)
    {
      jm_board_geometry_cell_rect (self->geometry, 0, l, &cell);
      if (cell.y > visible->y + visible->height || cell.y + cell.height < visible->y)
        continue;
      if (l % 2 == 1)
        gtk_snapshot_append_color (snapshot, &self->style.band,
                                   &GRAPHENE_RECT_INIT (first.x, cell.y, right - first.x, cell.height));
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (first.x, cell.y + cell.height - line,
                                                      right - first.x, line));
    }
  for (guint s = 1; s <= n_stages; s++)
    {
      double x = m->lane_header_width + s * (m->card_width + 2 * m->cell_padding);

      if (x < visible->x || x > visible->x + visible->width + 1)
        continue;
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (x - line, first.y, line, bottom - first.y));
    }

  /* The keyboard cursor on a cell without a focused card, where N adds one. */
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_card == NULL &&
      self->cursor_stage < n_stages && self->cursor_lane < n_lanes && self->editor == NULL)
    {
      GdkRGBA ring = self->style.accent;

      ring.alpha = 0.5;
      jm_board_geometry_cell_rect (self->geometry, self->cursor_stage, self->cursor_lane, &cell);
      cell.x += 4;
      cell.y += 4;
      cell.width -= 8;
      cell.height -= 8;
      append_ring (snapshot, &cell, 0, 2 / self->zoom, 8, &ring);
    }

  if (self->drag_active && self->drag_mode == DRAG_CARDS && self->drop_valid)
    {
      GdkRGBA tint = self->style.accent;

      tint.alpha = 0.08;
      jm_board_geometry_cell_rect (self->geometry, self->drop_stage, self->drop_lane, &cell);
      gtk_snapshot_append_color (snapshot, &tint,
                                 &GRAPHENE_RECT_INIT (cell.x, cell.y, cell.width, cell.height));
    }
}

static void
append_add_button (JmCanvas          *self,
                   GtkSnapshot       *snapshot,
                   const JmBoardRect *rect)
{
  GdkRGBA fill = self->style.header_fg;
  double size = 32;
  double cx = rect->x + rect->width / 2;
  double cy = rect->y + rect->height / 2;

  fill.alpha = 0.08;
  append_rounded (snapshot, cx - size / 2, cy - size / 2, size, size, size / 2, &fill);
  fill.alpha = 0.7;
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (cx - 7, cy - 1, 14, 2));
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (cx - 1, cy - 7, 2, 14));
}

static void
snapshot_stage_headers (JmCanvas          *self,
                        GtkSnapshot       *snapshot,
                        const JmBoardRect *visible)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  double line = 1.0 / self->zoom;
  JmBoardRect rect;
  double right;

  jm_board_geometry_add_stage_rect (self->geometry, &rect);
  right = rect.x + rect.width;
  gtk_snapshot_append_color (snapshot, &self->style.header,
                             &GRAPHENE_RECT_INIT (visible->x, 0, visible->width, m->stage_header_height));

  for (guint s = 0; s < self->stages->len; s++)
    {
      JmStage *stage = g_ptr_array_index (self->stages, s);
      HeaderLayouts *layouts;
      double text_height;
      gboolean dragged = self->drag_active && self->drag_mode == DRAG_STAGE && self->drag_object == stage;

      jm_board_geometry_stage_header_rect (self->geometry, s, &rect);
      if (rect.x > visible->x + visible->width || rect.x + rect.width < visible->x)
        continue;
      if (stage == self->selected_object)
        {
          GdkRGBA tint = self->style.accent;

          tint.alpha = 0.14;
          append_rounded (snapshot, rect.x + 6, rect.y + 6, rect.width - 12, rect.height - 12, 8, &tint);
        }
      if (dragged)
        gtk_snapshot_push_opacity (snapshot, 0.4);
      layouts = _jm_canvas_header_layouts (self, G_OBJECT (stage));
      header_layout_size (layouts, layouts->text, NULL, &text_height);
      append_header_layout (snapshot, layouts, layouts->text, rect.x + m->cell_padding,
                        rect.y + (rect.height - text_height) / 2, &self->style.header_fg);
      if (dragged)
        gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (rect.x + rect.width - line, rect.y + 10,
                                                      line, rect.height - 20));
    }

  jm_board_geometry_add_stage_rect (self->geometry, &rect);
  append_add_button (self, snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (visible->x, m->stage_header_height - line,
                                                  MAX (visible->width, right), line));
}

static void
snapshot_lane_headers (JmCanvas          *self,
                       GtkSnapshot       *snapshot,
                       const JmBoardRect *visible)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  double line = 1.0 / self->zoom;
  JmBoardRect rect;

  gtk_snapshot_append_color (snapshot, &self->style.header,
                             &GRAPHENE_RECT_INIT (0, visible->y, m->lane_header_width, visible->height));

  for (guint l = 0; l < self->lanes->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (self->lanes, l);
      HeaderLayouts *layouts;
      GdkRGBA colour;
      double text_height, iw, ih;
      double avatar = 36;
      gboolean dragged = self->drag_active && self->drag_mode == DRAG_LANE && self->drag_object == persona;
      gboolean dim = self->filter_kind == FILTER_PERSONA &&
                     g_strcmp0 (self->filter_value, jm_persona_get_id (persona)) != 0;

      jm_board_geometry_lane_header_rect (self->geometry, l, &rect);
      if (rect.y > visible->y + visible->height || rect.y + rect.height < visible->y)
        continue;
      if (persona == self->selected_object)
        {
          GdkRGBA tint = self->style.accent;

          tint.alpha = 0.14;
          append_rounded (snapshot, rect.x + 6, rect.y + 6, rect.width - 12, rect.height - 12, 8, &tint);
        }
      if (dragged || dim)
        gtk_snapshot_push_opacity (snapshot, 0.4);
      if (!persona_colour (persona, &colour))
        colour = self->style.accent;
      layouts = _jm_canvas_header_layouts (self, G_OBJECT (persona));
      if (layouts->picture != NULL)
        {
          /* The picture, as the persona sheet shows it; the initials when
           * there is none. */
          GskRoundedRect circle;
          graphene_rect_t bounds = GRAPHENE_RECT_INIT (rect.x + 14, rect.y + 16, avatar, avatar);

          gsk_rounded_rect_init_from_rect (&circle, &bounds, avatar / 2);
          gtk_snapshot_push_rounded_clip (snapshot, &circle);
          gtk_snapshot_append_texture (snapshot, layouts->picture, &bounds);
          gtk_snapshot_pop (snapshot);
        }
      else
        {
          append_rounded (snapshot, rect.x + 14, rect.y + 16, avatar, avatar, avatar / 2, &colour);
          header_layout_size (layouts, layouts->initials, &iw, &ih);
          append_header_layout (snapshot, layouts, layouts->initials, rect.x + 14 + (avatar - iw) / 2,
                            rect.y + 16 + (avatar - ih) / 2, &(GdkRGBA) { 1, 1, 1, 1 });
        }
      header_layout_size (layouts, layouts->text, NULL, &text_height);
      append_header_layout (snapshot, layouts, layouts->text, rect.x + 14 + avatar + 10,
                        rect.y + 16 + MAX (0, (avatar - text_height) / 2), &self->style.header_fg);
      if (dragged || dim)
        gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (rect.x + 10, rect.y + rect.height - line,
                                                      rect.width - 20, line));
    }

  jm_board_geometry_add_lane_rect (self->geometry, &rect);
  append_add_button (self, snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (m->lane_header_width - line, visible->y,
                                                  line, visible->height));
}

void
_jm_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  JmCanvas *self = JM_CANVAS (widget);
  const JmBoardMetrics *m;
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double z = self->zoom;
  double hv, vv;
  gint64 start = self->frame_stats ? g_get_monotonic_time () : 0;
  JmBoardRect visible;
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));

  _jm_canvas_ensure_view_layout (self);
  /* The cards out of view are measured once this frame is out. */
  if (self->n_estimated > 0 && self->finish_heights_id == 0)
    self->finish_heights_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, _jm_canvas_finish_heights_cb, self, NULL);
  m = _jm_canvas_metrics (self);
  hv = _jm_canvas_hvalue (self);
  vv = _jm_canvas_vvalue (self);
  visible = (JmBoardRect) { hv / z, vv / z, width / z, height / z };

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &self->style.background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The cells and cards scroll both ways: the grid and links under the
   * cards, the cards' faces, then what marks them. Rings and handles stay
   * within the gaps between cards, so none covers another card. */
  jm_board_geometry_cards_in_rect (self->geometry, &visible, cards);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hv, -vv));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_grid (self, snapshot, &visible);
  gtk_snapshot_restore (snapshot);
  _jm_canvas_draw_links (self, snapshot, &visible);
  snapshot_card_faces (self, snapshot, cards);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hv, -vv));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_card_marks (self, snapshot, cards);

  if (self->drag_active)
    {
      double bx, by;

      _jm_canvas_widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
      switch (self->drag_mode)
        {
        case DRAG_CARDS:
        case DRAG_STAGE:
        case DRAG_LANE:
          if (self->drop_valid)
            append_rounded (snapshot, self->drop_indicator.x, self->drop_indicator.y,
                            self->drop_indicator.width, self->drop_indicator.height, 2,
                            &self->style.accent);
          if (self->drag_mode == DRAG_CARDS)
            snapshot_dragged_cards (self, snapshot);
          break;
        case DRAG_LINK:
          if (self->link_target != NULL)
            {
              JmBoardCard *target = _jm_canvas_board_card (self, self->link_target);

              if (target != NULL)
                append_ring (snapshot, &target->rect, 3, 2.5, 6, &self->style.accent);
            }
          _jm_canvas_draw_pending_link (self, snapshot, self->drag_object, bx, by);
          break;
        case DRAG_RUBBER:
          {
            GdkRGBA fill = self->style.accent;
            JmBoardRect band = { MIN (bx, self->start_bx), MIN (by, self->start_by),
                                 fabs (bx - self->start_bx), fabs (by - self->start_by) };

            fill.alpha = 0.12;
            gtk_snapshot_append_color (snapshot, &fill,
                                       &GRAPHENE_RECT_INIT (band.x, band.y, band.width, band.height));
            fill.alpha = 0.8;
            append_ring (snapshot, &band, 0, 1 / z, 0, &fill);
          }
          break;
        case DRAG_NONE:
        case DRAG_CLICK_ADD_STAGE:
        case DRAG_CLICK_ADD_LANE:
        default:
          break;
        }
    }
  else if (self->link_source != NULL && self->focus_card != NULL &&
           self->focus_card != self->link_source)
    {
      JmBoardCard *target = _jm_canvas_board_card (self, self->focus_card);

      if (target != NULL)
        _jm_canvas_draw_pending_link (self, snapshot, self->link_source, target->rect.x - 2,
                                      target->rect.y + MIN (target->rect.height / 2, 28));
    }
  gtk_snapshot_restore (snapshot);
  _jm_canvas_draw_card_marks (self, snapshot, cards);

  /* Headers stay in view: stage names along the top, lanes down the side. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hv, 0));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_stage_headers (self, snapshot, &(JmBoardRect) { visible.x, 0, visible.width, visible.height });
  if (self->drag_active && self->drag_mode == DRAG_STAGE && self->drop_valid)
    append_rounded (snapshot, self->drop_indicator.x, 4, self->drop_indicator.width,
                    m->stage_header_height - 8, 2, &self->style.accent);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, -vv));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_lane_headers (self, snapshot, &(JmBoardRect) { 0, visible.y, visible.width, visible.height });
  if (self->drag_active && self->drag_mode == DRAG_LANE && self->drop_valid)
    append_rounded (snapshot, 4, self->drop_indicator.y, m->lane_header_width - 8,
                    self->drop_indicator.height, 2, &self->style.accent);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, z, z);
  gtk_snapshot_append_color (snapshot, &self->style.header,
                             &GRAPHENE_RECT_INIT (0, 0, m->lane_header_width, m->stage_header_height));
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (0, m->stage_header_height - 1 / z,
                                                  m->lane_header_width, 1 / z));
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (m->lane_header_width - 1 / z, 0,
                                                  1 / z, m->stage_header_height));
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_pop (snapshot);

  if (self->editor != NULL)
    {
      /* Entries are translucent in some styles: hide what is renamed. */
      const JmRgba *face = &self->style.card.background;
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (self->editor, widget, &bounds))
        append_rounded (snapshot, bounds.origin.x, bounds.origin.y, bounds.size.width,
                        bounds.size.height, 6,
                        &(GdkRGBA) { face->red, face->green, face->blue, 1 });
      gtk_widget_snapshot_child (widget, self->editor, snapshot);
    }

  if (self->frame_stats)
    self->last_snapshot_ms = (g_get_monotonic_time () - start) / 1000.0;
}
