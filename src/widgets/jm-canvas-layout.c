/* jm-canvas-layout.c: the board laid out from the map
 *
 * Fills the JmBoardGeometry from the map: stages across, visible lanes down,
 * each card measured (or, on a new map's first frame, estimated) and placed
 * in its cell. Keeps each card's drawing cache and the headers' text
 * layouts, and the board's colours looked up from the theme.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"

/* ------------------------------------------------------------ card cache */

static cairo_t *
measure_context (void)
{
  static cairo_t *cr = NULL;

  /* Measuring needs a cairo context but no pixels; one serves every canvas.
   * Cards are drawn into cairo nodes, which record the drawing, so a
   * recording surface has the very font options of the drawing: the text
   * wraps alike in both, and the renderer's cache of measured text stays
   * valid from measuring the cards to drawing them. */
  if (cr == NULL)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);

      cr = cairo_create (surface);
      cairo_surface_destroy (surface);
    }
  return cr;
}

/* Forgets how the card looks, as a node and as pixels. */
static void
forget_drawing (JmCanvas  *self,
                CardEntry *entry)
{
  g_clear_pointer (&entry->node, gsk_render_node_unref);
  if (self->images != NULL)
    jm_card_images_remove (self->images, entry->touchpoint);
}

void
_jm_canvas_card_entry_free (gpointer data)
{
  CardEntry *entry = data;

  g_clear_signal_handler (&entry->notify_id, entry->touchpoint);
  forget_drawing (entry->canvas, entry);
  g_object_unref (entry->touchpoint);
  g_free (entry);
}

static void
on_touchpoint_notify (CardEntry  *entry,
                      GParamSpec *pspec)
{
  JmCanvas *self = entry->canvas;

  /* Any change may change the card's look and height; stage and lane
   * changes move it. Either way the board is laid out again before the
   * next frame, which costs a pass over the cards but no drawing. */
  forget_drawing (self, entry);
  if (!g_str_equal (pspec->name, "stage-id") && !g_str_equal (pspec->name, "lane-id"))
    entry->height = -1;
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

CardEntry *
_jm_canvas_card_entry (JmCanvas     *self,
                       JmTouchpoint *touchpoint)
{
  CardEntry *entry = g_hash_table_lookup (self->cards, touchpoint);

  if (entry == NULL)
    {
      entry = g_new0 (CardEntry, 1);
      entry->canvas = self;
      entry->touchpoint = g_object_ref (touchpoint);
      entry->height = -1;
      entry->notify_id = g_signal_connect_swapped (touchpoint, "notify",
                                                   G_CALLBACK (on_touchpoint_notify), entry);
      g_hash_table_insert (self->cards, touchpoint, entry);
    }
  return entry;
}

static double
card_height (JmCanvas     *self,
             JmTouchpoint *touchpoint)
{
  CardEntry *entry = _jm_canvas_card_entry (self, touchpoint);

  if (entry->height < 0)
    entry->height = jm_card_measure (measure_context (), touchpoint, &self->style.card,
                                     _jm_canvas_metrics (self)->card_width);
  return entry->height + _jm_canvas_score_strip_height (self);
}

GskRenderNode *
_jm_canvas_card_node (JmCanvas     *self,
                      JmTouchpoint *touchpoint,
                      double        height)
{
  CardEntry *entry = _jm_canvas_card_entry (self, touchpoint);

  if (entry->node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      double width = _jm_canvas_metrics (self)->card_width;
      cairo_t *cr;

      /* A crisp shadow: a blurred one costs the cairo renderer as much as
       * the card itself, on every frame that redraws it. */
      gtk_snapshot_append_outset_shadow (snapshot,
                                         &GSK_ROUNDED_RECT_INIT (0, 0, width, height),
                                         &self->style.shadow, 0, 1, 0, 0);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      jm_card_render_with_dots (cr, touchpoint, _jm_canvas_persona_of (self, touchpoint),
                                &self->style.card, width, entry->height,
                                jm_card_shown_dots (self->map, touchpoint));
      _jm_canvas_draw_score_strip (self, cr, touchpoint, width, height);
      cairo_destroy (cr);
      entry->node = gtk_snapshot_free_to_node (snapshot);
    }
  return entry->node;
}

/* The card of @height board units drawn at @zoom into an image of @scale
 * device pixels per pixel, in a node of the image's size in pixels whose
 * origin goes on a whole device pixel. The image is the card's node drawn
 * as GTK's cairo renderer draws it, so its text is laid out in board units
 * and wraps alike at every zoom. It is painted from a cairo node: GTK
 * 4.8's cairo renderer draws a texture by converting each of its pixels
 * through floating point on every frame, where a painted image is copied
 * as it is. */
GskRenderNode *
_jm_canvas_card_image (JmCanvas     *self,
                       JmTouchpoint *touchpoint,
                       double        height,
                       double        zoom,
                       int           scale,
                       gsize        *bytes)
{
  double width = _jm_canvas_metrics (self)->card_width;
  int pixel_width = (int) ceil (width * zoom * scale);
  /* The node's shadow reaches one unit below the card. */
  int pixel_height = (int) ceil ((height + 1) * zoom * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  GskRenderNode *node;
  cairo_t *cr;

  cr = cairo_create (surface);
  cairo_scale (cr, zoom * scale, zoom * scale);
  gsk_render_node_draw (_jm_canvas_card_node (self, touchpoint, height), cr);
  cairo_destroy (cr);

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, (double) pixel_width / scale,
                                                  (double) pixel_height / scale));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  *bytes = (gsize) pixel_width * pixel_height * 4;
  return node;
}

/* A dot placed or taken back redraws its card alone; a round started,
 * closed or undone, every card. Dots never change a card's height. */
void
_jm_canvas_on_votes_changed (JmCanvas   *self,
                             const char *touchpoint_id)
{
  JmTouchpoint *touchpoint;
  CardEntry *entry;

  if (self->map == NULL)
    return;
  if (touchpoint_id == NULL)
    {
      _jm_canvas_invalidate_cards (self, FALSE);
      return;
    }
  touchpoint = jm_map_lookup_touchpoint (self->map, touchpoint_id);
  entry = touchpoint != NULL ? g_hash_table_lookup (self->cards, touchpoint) : NULL;
  if (entry == NULL)
    return;
  forget_drawing (self, entry);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_jm_canvas_invalidate_cards (JmCanvas *self,
                             gboolean  heights)
{
  GHashTableIter iter;
  CardEntry *entry;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_clear_pointer (&entry->node, gsk_render_node_unref);
      if (heights)
        entry->height = -1;
    }
  jm_card_images_clear (self->images);
  g_hash_table_remove_all (self->header_layouts);
  jm_card_images_clear (self->link_tiles);
  if (heights)
    self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- layout */

static void
on_header_object_notify (JmCanvas   *self,
                         GParamSpec *pspec,
                         GObject    *object)
{
  g_hash_table_remove (self->header_layouts, object);
  if (JM_IS_PERSONA (object))
    {
      /* The lane colour edges its cards; hiding a lane changes the board. */
      if (g_str_equal (pspec->name, "colour"))
        {
          GHashTableIter iter;
          CardEntry *entry;
          const char *id = jm_persona_get_id (JM_PERSONA (object));

          g_hash_table_iter_init (&iter, self->cards);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
            if (g_str_equal (jm_touchpoint_get_lane_id (entry->touchpoint), id))
              forget_drawing (self, entry);
        }
      if (g_str_equal (pspec->name, "hidden"))
        self->layout_dirty = TRUE;
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
_jm_canvas_unwatch_all (JmCanvas *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          on_header_object_notify, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch (JmCanvas *self,
       GObject  *object)
{
  g_signal_connect_object (object, "notify", G_CALLBACK (on_header_object_notify), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

/* The largest the view can be, in pixels: the canvas's size once it has
 * one, and before that the largest monitor's. */
static gboolean
largest_view (JmCanvas *self,
              double   *width,
              double   *height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GListModel *monitors;

  *width = *height = 0;
  monitors = gdk_display_get_monitors (gtk_widget_get_display (widget));
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      *width = MAX (*width, area.width);
      *height = MAX (*height, area.height);
    }
  if (*width <= 0 || *height <= 0)
    return FALSE;
  if (gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0)
    {
      *width = MIN (*width, gtk_widget_get_width (widget));
      *height = MIN (*height, gtk_widget_get_height (widget));
    }
  return TRUE;
}

/* Before the first frame of a newly set map, measures the cards that the
 * first view (the board's top left corner) shows, and only those: the
 * other cards are laid out with an estimated height, which leaves every
 * card in view where the full layout puts it. A card's place depends on the
 * cards above it in its cell and on the heights of the lanes above, so the
 * lanes are taken from the top: in each, the cells of the columns in view
 * are measured down to the foot of the view, and when none of them reaches
 * it the whole lane is measured, for its exact height, and the next lane
 * comes into view. Returns whether cards were left unmeasured. */
static gboolean
measure_first_view (JmCanvas   *self,
                    GHashTable *stage_index,
                    GHashTable *lane_index)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  guint n_stages = self->stages->len;
  guint n_lanes = self->lanes->len;
  g_autofree GPtrArray **cells = NULL;
  GListModel *list = jm_map_get_touchpoints (self->map);
  guint n = g_list_model_get_n_items (list);
  double view_width, view_height, right, bottom, lane_top;
  guint visible_stages;
  gboolean partial = FALSE;

  if (n_stages == 0 || n_lanes == 0 || !largest_view (self, &view_width, &view_height))
    return FALSE;
  self->estimated_width = view_width;
  self->estimated_height = view_height;
  self->estimated_zoom = self->zoom;
  right = view_width / self->zoom;
  bottom = view_height / self->zoom;
  visible_stages = 0;
  while (visible_stages < n_stages &&
         m->lane_header_width + visible_stages * (m->card_width + 2 * m->cell_padding) < right)
    visible_stages++;

  cells = g_new0 (GPtrArray *, n_stages * n_lanes);
  for (guint i = 0; i < n; i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (list, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, jm_touchpoint_get_stage_id (touchpoint)));
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, jm_touchpoint_get_lane_id (touchpoint)));

      /* The map holds a reference to each of its cards. */
      g_object_unref (touchpoint);
      if (s == 0 || l == 0)
        continue;
      if (cells[(l - 1) * n_stages + s - 1] == NULL)
        cells[(l - 1) * n_stages + s - 1] = g_ptr_array_new ();
      g_ptr_array_add (cells[(l - 1) * n_stages + s - 1], touchpoint);
    }

  lane_top = m->stage_header_height;
  for (guint l = 0; l < n_lanes && lane_top < bottom; l++)
    {
      gboolean reaches_bottom = FALSE;
      double lane_height = m->min_cell_height;

      for (guint s = 0; s < visible_stages; s++)
        {
          GPtrArray *cell = cells[l * n_stages + s];
          double y = lane_top + m->cell_padding;

          for (guint k = 0; cell != NULL && k < cell->len; k++)
            {
              if (y >= bottom)
                {
                  reaches_bottom = TRUE;
                  break;
                }
              y += card_height (self, g_ptr_array_index (cell, k)) + m->card_gap;
            }
          if (y >= bottom)
            reaches_bottom = TRUE;
        }
      if (reaches_bottom)
        {
          /* The lane reaches past the view: the lanes under it are out of view. */
          partial = TRUE;
          break;
        }

      for (guint s = 0; s < n_stages; s++)
        {
          GPtrArray *cell = cells[l * n_stages + s];
          double h = 2 * m->cell_padding;

          for (guint k = 0; cell != NULL && k < cell->len; k++)
            h += card_height (self, g_ptr_array_index (cell, k)) + (k > 0 ? m->card_gap : 0);
          lane_height = MAX (lane_height, h);
        }
      lane_top += lane_height;
    }
  if (lane_top >= bottom)
    partial = TRUE;

  for (guint c = 0; c < n_stages * n_lanes; c++)
    if (cells[c] != NULL)
      g_ptr_array_unref (cells[c]);
  return partial;
}

gboolean
_jm_canvas_finish_heights_cb (gpointer data)
{
  JmCanvas *self = data;

  self->finish_heights_id = 0;
  self->defer_heights = FALSE;
  if (self->n_estimated > 0)
    {
      self->layout_dirty = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

/* Fills the board's columns and rows from the map, see
 * jm_board_model_index_lanes(), and follows every stage and persona:
 * their headers show their names, and a hidden lane may be shown again. */
static void
index_stages_and_lanes (JmCanvas   *self,
                        GHashTable *stage_index,
                        GHashTable *lane_index)
{
  GListModel *list = jm_map_get_personas (self->map);

  jm_board_model_index_lanes (self->map, self->filter_kind == FILTER_SOLO ? self->filter_value : NULL,
                              self->stages, self->lanes, stage_index, lane_index);
  for (guint i = 0; i < self->stages->len; i++)
    watch (self, g_ptr_array_index (self->stages, i));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) persona = g_list_model_get_item (list, i);

      watch (self, persona);
    }
}

/* Places every card of the map in its cell, measured or (on a new map's
 * first frame) estimated, and indexes them by id in @id_index; forgets
 * the cards that left the map. Returns whether heights were estimated. */
static gboolean
lay_out_cards (JmCanvas   *self,
               GHashTable *stage_index,
               GHashTable *lane_index,
               GHashTable *id_index)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  JmTouchpoint *key;
  CardEntry *entry;
  GListModel *list;
  guint n;
  gboolean estimate = FALSE;
  double estimated_height = 0;
  guint n_measured = 0;

  /* A card being created takes its place in its cell, under the editor. */
  gboolean placeholder = self->editor != NULL && !self->edit_done && self->edit_object == NULL &&
                         self->edit_stage < self->stages->len && self->edit_lane < self->lanes->len;
  guint in_edit_cell = 0;

  /* Until the widget is in a window, there is no first view to speak of. */
  if (self->defer_heights && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      if (self->editor == NULL)
        estimate = measure_first_view (self, stage_index, lane_index);
      if (!estimate)
        self->defer_heights = FALSE;
    }
  if (estimate)
    {
      /* The cards out of view take the mean height of those in view. */
      g_hash_table_iter_init (&iter, self->cards);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        if (entry->height >= 0)
          {
            estimated_height += entry->height;
            n_measured++;
          }
      estimated_height = n_measured > 0 ? estimated_height / n_measured : PLACEHOLDER_HEIGHT;
      estimated_height += _jm_canvas_score_strip_height (self);
    }

  list = jm_map_get_touchpoints (self->map);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, jm_touchpoint_get_stage_id (touchpoint)));
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, jm_touchpoint_get_lane_id (touchpoint)));
      guint index;

      g_hash_table_add (seen, touchpoint);
      entry = _jm_canvas_card_entry (self, touchpoint);
      if (s == 0 || l == 0)
        continue;
      if (placeholder && s - 1 == self->edit_stage && l - 1 == self->edit_lane &&
          in_edit_cell++ == self->edit_index)
        {
          jm_board_geometry_add_card (self->geometry, s - 1, l - 1, PLACEHOLDER_HEIGHT, NULL);
          placeholder = FALSE;
        }
      if (estimate && entry->height < 0)
        {
          index = jm_board_geometry_add_card (self->geometry, s - 1, l - 1, estimated_height, touchpoint);
          self->n_estimated++;
        }
      else
        index = jm_board_geometry_add_card (self->geometry, s - 1, l - 1,
                                            card_height (self, touchpoint), touchpoint);
      g_hash_table_insert (self->card_index, touchpoint, GUINT_TO_POINTER (index + 1));
      g_hash_table_insert (id_index, (gpointer) jm_touchpoint_get_id (touchpoint),
                           GUINT_TO_POINTER (index + 1));
    }

  if (placeholder)
    jm_board_geometry_add_card (self->geometry, self->edit_stage, self->edit_lane,
                                PLACEHOLDER_HEIGHT, NULL);

  /* Forget the cards that left the map. */
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_hash_table_remove (self->selection, key);
        if (self->focus_card == key)
          self->focus_card = NULL;
        if (self->hover_card == key)
          self->hover_card = NULL;
        if (self->link_source == key)
          self->link_source = NULL;
        g_hash_table_iter_remove (&iter);
      }

  return estimate;
}

static gboolean
card_measured (JmTouchpoint *touchpoint,
               gpointer      user_data)
{
  return _jm_canvas_card_entry (user_data, touchpoint)->height >= 0;
}

/* Fills the board's links, between geometry indices, from each laid out
 * card's links (found by id in @id_index). */
static void
collect_links (JmCanvas   *self,
               GHashTable *id_index,
               gboolean    estimate)
{
  /* A link to a card whose place is only estimated would be drawn where
   * the card is not: such links wait for the cards to be measured, just
   * after the first frame. */
  jm_board_model_collect_links (self->geometry, id_index, estimate ? card_measured : NULL, self,
                                self->links);
}

/* A selected stage or persona that was removed is no longer selected. */
static void
forget_removed_selection (JmCanvas *self)
{
  if (self->selected_object != NULL && !JM_IS_TOUCHPOINT (self->selected_object))
    {
      gboolean found = JM_IS_STAGE (self->selected_object)
        ? jm_map_find_stage (self->map, self->selected_object, NULL)
        : jm_map_find_persona (self->map, self->selected_object, NULL);

      if (!found)
        {
          g_clear_object (&self->selected_object);
          _jm_canvas_notify (self, PROP_SELECTED_OBJECT);
        }
    }
  else if (JM_IS_TOUCHPOINT (self->selected_object) &&
           !g_hash_table_contains (self->cards, self->selected_object))
    {
      g_clear_object (&self->selected_object);
      _jm_canvas_notify (self, PROP_SELECTED_OBJECT);
    }
  _jm_canvas_push_selection (self);
}

void
_jm_canvas_relayout (JmCanvas *self)
{
  g_autoptr(GHashTable) stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lane_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) id_index = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 start = self->frame_stats ? g_get_monotonic_time () : 0;
  gboolean estimate;

  self->layout_dirty = FALSE;
  self->n_estimated = 0;
  _jm_canvas_unwatch_all (self);
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->card_index);
  g_array_set_size (self->links, 0);
  jm_card_images_clear (self->link_tiles);

  if (self->map == NULL)
    {
      jm_board_geometry_reset (self->geometry, 0, 0);
      g_hash_table_remove_all (self->cards);
      return;
    }

  index_stages_and_lanes (self, stage_index, lane_index);
  jm_board_geometry_reset (self->geometry, self->stages->len, self->lanes->len);
  estimate = lay_out_cards (self, stage_index, lane_index, id_index);
  jm_board_geometry_layout (self->geometry);
  collect_links (self, id_index, estimate);
  forget_removed_selection (self);

  self->cursor_stage = MIN (self->cursor_stage, MAX (self->stages->len, 1) - 1);
  self->cursor_lane = MIN (self->cursor_lane, MAX (self->lanes->len, 1) - 1);
  _jm_canvas_update_actions (self);

  if (self->frame_stats)
    g_printerr ("jm-canvas: laid out %u cards (%u of them at an estimated height) in %.1f ms\n",
                jm_board_geometry_get_n_cards (self->geometry), self->n_estimated,
                (g_get_monotonic_time () - start) / 1000.0);
}

void
_jm_canvas_on_list_items_changed (JmCanvas *self)
{
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- style */

static void
lookup_colour (GtkWidget  *widget,
               const char *name,
               const char *fallback,
               GdkRGBA    *rgba)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, rgba))
    gdk_rgba_parse (rgba, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
_jm_canvas_update_style (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  BoardStyle *st = &self->style;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const PangoFontDescription *font;
  g_autofree char *old_family = g_strdup (st->card.font_family);
  double old_size = st->card.font_size;
  gboolean metrics_changed;

  if (dark)
    jm_card_style_init_dark (&st->card);
  else
    jm_card_style_init_light (&st->card);
  st->card.font_size = 12.5;
  st->card.title_lines = 4;

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    {
      static char family[256];

      /* The renderer keeps the pointer: hold the family in static storage. */
      g_snprintf (family, sizeof family, "%s, sans-serif", pango_font_description_get_family (font));
      st->card.font_family = family;
    }

  lookup_colour (widget, "view_bg_color", dark ? "#1e1e1e" : "#ffffff", &st->background);
  lookup_colour (widget, "window_bg_color", dark ? "#242424" : "#fafafa", &st->header);
  lookup_colour (widget, "window_fg_color", dark ? "#ffffff" : "#000000", &st->header_fg);
  lookup_colour (widget, "accent_bg_color", "#3584e4", &st->accent);
  lookup_colour (widget, "accent_fg_color", "#ffffff", &st->accent_fg);
  st->header_fg.alpha = MIN (st->header_fg.alpha, 0.85);
  /* Board background a shade off the view, so white cards stand out. */
  if (!dark)
    st->background = (GdkRGBA) { 0.955, 0.955, 0.96, 1 };
  st->band = st->header_fg;
  st->band.alpha = 0.025;
  st->grid = st->header_fg;
  st->grid.alpha = dark ? 0.14 : 0.10;
  st->shadow = (GdkRGBA) { 0, 0, 0, dark ? 0.45 : 0.13 };
  st->link = st->header_fg;
  st->link.alpha = 0.55;

  /* Colours change only the drawing; a font change changes heights too,
   * which means measuring every card again. */
  metrics_changed = g_strcmp0 (old_family, st->card.font_family) != 0 || old_size != st->card.font_size;
  _jm_canvas_invalidate_cards (self, metrics_changed);
}

void
_jm_canvas_header_layouts_free (gpointer data)
{
  HeaderLayouts *layouts = data;

  g_clear_object (&layouts->text);
  g_clear_object (&layouts->initials);
  g_clear_object (&layouts->picture);
  g_free (layouts);
}

/* The persona's picture, cut to the middle square and made small enough
 * for the lane header at the largest zoom, as a texture; %NULL when it has
 * none or it does not decode, and the initials stand in. */
static GdkTexture *
persona_picture (JmPersona *persona)
{
  const int size = 128;
  cairo_surface_t *picture = jm_persona_picture_decode (jm_persona_get_picture (persona));
  cairo_surface_t *square;
  g_autoptr(GBytes) pixels = NULL;
  double width, height, scale;
  cairo_t *cr;
  GdkTexture *texture;

  if (picture == NULL)
    return NULL;
  width = cairo_image_surface_get_width (picture);
  height = cairo_image_surface_get_height (picture);
  scale = size / MAX (MIN (width, height), 1);
  square = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (square);
  cairo_translate (cr, (size - width * scale) / 2, (size - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, picture, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (picture);
  cairo_surface_flush (square);

  /* An ARGB32 image is premultiplied native-endian words: GDK's default. */
  pixels = g_bytes_new (cairo_image_surface_get_data (square),
                        (gsize) cairo_image_surface_get_stride (square) * size);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (square));
  cairo_surface_destroy (square);
  return texture;
}

/* Device pixels per unit of the board: the scale headers are laid out at. */
static double
header_scale (JmCanvas *self)
{
  return self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* A layout for a header's text in the widget's font at @scale times its
 * size. A header's text is laid out at the size it is drawn, as a label's
 * is, rather than once and then drawn scaled: the font's metrics are fitted
 * to whole pixels of the size it is laid out at, so that text laid out at
 * one size and drawn at another has its letters out of their places: they
 * run together or drop out, and at small sizes lower case is pushed up
 * towards capitals ("ReSearCh" at 45%). */
PangoLayout *
_jm_canvas_header_layout_new (JmCanvas *self,
                              double    scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (base);
  int size = pango_font_description_get_size (font);

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) round (size * scale));
  pango_layout_set_font_description (layout, font);
  return layout;
}

HeaderLayouts *
_jm_canvas_header_layouts (JmCanvas *self,
                           GObject  *object)
{
  HeaderLayouts *layouts = g_hash_table_lookup (self->header_layouts, object);
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  double scale = header_scale (self);
  g_autofree char *markup = NULL;
  g_autoptr(GdkTexture) picture = NULL;

  if (layouts != NULL && layouts->scale == scale)
    return layouts;

  /* A new zoom lays the text out again; the picture stays as it is. */
  if (layouts != NULL)
    picture = g_steal_pointer (&layouts->picture);
  layouts = g_new0 (HeaderLayouts, 1);
  layouts->scale = scale;
  layouts->text = _jm_canvas_header_layout_new (self, scale);
  pango_layout_set_ellipsize (layouts->text, PANGO_ELLIPSIZE_END);

  if (JM_IS_STAGE (object))
    {
      JmStage *stage = JM_STAGE (object);
      g_autofree char *short_description = jm_text_shorten (jm_stage_get_description (stage),
                                                            JM_TEXT_SHOWN_MAX_CHARS, NULL);
      g_autofree char *short_name = jm_text_shorten (jm_stage_get_name (stage),
                                                     JM_TEXT_SHOWN_MAX_CHARS, NULL);
      const char *description = short_description ? short_description : jm_stage_get_description (stage);
      const char *name = short_name ? short_name : jm_stage_get_name (stage);

      if (description != NULL && *description != '\0')
        markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" fgalpha=\"65%%\">%s</span>",
                                          *name ? name : _("Untitled stage"), description);
      else
        markup = g_markup_printf_escaped ("<b>%s</b>", *name ? name : _("Untitled stage"));
      pango_layout_set_width (layouts->text, (int) (m->card_width * scale * PANGO_SCALE));
      pango_layout_set_height (layouts->text, -2);
    }
  else
    {
      JmPersona *persona = JM_PERSONA (object);
      /* A header shows a few lines: laying out more is wasted, and past
       * Pango's coordinates. */
      g_autofree char *short_role = jm_text_shorten (jm_persona_get_role (persona),
                                                     JM_TEXT_SHOWN_MAX_CHARS, NULL);
      g_autofree char *short_name = jm_text_shorten (jm_persona_get_name (persona),
                                                     JM_TEXT_SHOWN_MAX_CHARS, NULL);
      const char *role = short_role ? short_role : jm_persona_get_role (persona);
      const char *name = short_name ? short_name : jm_persona_get_name (persona);
      g_autofree char *initials = jm_persona_dup_initials (persona);

      if (role != NULL && *role != '\0')
        markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" fgalpha=\"65%%\">%s</span>",
                                          *name ? name : _("Unnamed persona"), role);
      else
        markup = g_markup_printf_escaped ("<b>%s</b>", *name ? name : _("Unnamed persona"));
      pango_layout_set_width (layouts->text, (int) ((m->lane_header_width - 64) * scale * PANGO_SCALE));
      pango_layout_set_height (layouts->text, -4);
      pango_layout_set_wrap (layouts->text, PANGO_WRAP_WORD_CHAR);

      layouts->picture = picture != NULL ? g_steal_pointer (&picture) : persona_picture (persona);
      layouts->initials = _jm_canvas_header_layout_new (self, scale);
      {
        g_autofree char *initials_markup = g_markup_printf_escaped ("<b>%s</b>", initials ? initials : "");
        pango_layout_set_markup (layouts->initials, initials_markup, -1);
      }
    }
  pango_layout_set_markup (layouts->text, markup, -1);
  g_hash_table_replace (self->header_layouts, object, layouts);
  return layouts;
}
