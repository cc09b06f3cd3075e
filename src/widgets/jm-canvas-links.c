/* jm-canvas-links.c: the links between cards
 *
 * Links are drawn as curves into tiles of pixels, redrawn only when the
 * layout changes, so that scrolling a board of many links copies pixels.
 * A link being made follows the pointer.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"

/* Adds to the path the curve of a link being made, from (@x0, @y0) to
 * (@x1, @y1): it leaves and arrives level. */
static void
link_curve (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1)
{
  double dx = MAX (fabs (x1 - x0) / 2, 40);

  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr, x0 + dx, y0, x1 - dx, y1, x1, y1);
}

/* Adds to the path the arrow head at the end (@x1, @y1) of a curve that
 * arrives level from the left. */
static void
link_arrow (cairo_t *cr,
            double   x1,
            double   y1)
{
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - 9 * cos (0.45), y1 + 9 * sin (0.45));
  cairo_line_to (cr, x1 - 9 * cos (0.45), y1 - 9 * sin (0.45));
  cairo_close_path (cr);
}

static void
draw_link_curve (cairo_t  *cr,
                 double    x0,
                 double    y0,
                 double    x1,
                 double    y1)
{
  link_curve (cr, x0, y0, x1, y1);
  cairo_stroke (cr);
  link_arrow (cr, x1, y1);
  cairo_fill (cr);
}

/* The arrow head at the end (@x1, @y1) of a link that arrives level from
 * the left, its tip on the card's edge. */
static void
route_arrow (cairo_t *cr,
             double   x1,
             double   y1)
{
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - 7, y1 + 3.5);
  cairo_line_to (cr, x1 - 7, y1 - 3.5);
  cairo_close_path (cr);
}

/* The links that cross @area, as one stroke and one fill: links that
 * cross each other do not darken where they meet. A link runs around the
 * cards between its ends (see jm_board_geometry_link_route()), so that it
 * is seen to join its own two cards and no other; only its runs that
 * cross @area are drawn, each with round ends so that they meet cleanly. */
static void
stroke_links (JmCanvas          *self,
              cairo_t           *cr,
              const JmBoardRect *area)
{
  /* Cut a little outside the area, so the cut ends are not seen. */
  const double margin = 10;
  JmBoardRect near = { area->x - margin, area->y - margin,
                       area->width + 2 * margin, area->height + 2 * margin };

  cairo_set_line_width (cr, 1.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->links->len; i++)
        {
          const JmBoardLink *link = &g_array_index (self->links, JmBoardLink, i);
          JmBoardRoute route;
          JmBoardRect bounds;
          guint last;

          jm_board_geometry_link_route (self->geometry, link->from, link->to, &route);
          jm_board_route_bounds (&route, &bounds);
          if (!jm_board_rect_intersects (&bounds, &near))
            continue;
          last = route.n_points - 1;
          if (pass == 1)
            {
              if (jm_board_rect_contains (&near, route.x[last], route.y[last]))
                route_arrow (cr, route.x[last], route.y[last]);
              continue;
            }
          for (guint k = 0; k < last; k++)
            {
              JmBoardRect run = { MIN (route.x[k], route.x[k + 1]), MIN (route.y[k], route.y[k + 1]),
                                  fabs (route.x[k + 1] - route.x[k]) + 1e-3,
                                  fabs (route.y[k + 1] - route.y[k]) + 1e-3 };

              if (!jm_board_rect_intersects (&run, &near))
                continue;
              cairo_move_to (cr, route.x[k], route.y[k]);
              /* The last run stops under the arrow head's tip. */
              cairo_line_to (cr, k + 1 == last ? route.x[last] - 5 : route.x[k + 1], route.y[k + 1]);
            }
        }
      if (pass == 0)
        cairo_stroke (cr);
      else
        cairo_fill (cr);
    }
}

/* The links crossing tile (@column, @row) of the board drawn at @pixels
 * device pixels per unit, in a node one tile square (in widget units at
 * @scale) whose origin goes on a whole device pixel. The tile holds only
 * how much each pixel is covered, a quarter of the bytes of full colour;
 * the links' colour fills it when drawn. */
static GskRenderNode *
link_tile (JmCanvas *self,
           int       column,
           int       row,
           double    pixels,
           int       scale,
           gsize    *bytes)
{
  cairo_surface_t *coverage = cairo_image_surface_create (CAIRO_FORMAT_A8, LINK_TILE, LINK_TILE);
  JmBoardRect area = { (double) column * LINK_TILE / pixels, (double) row * LINK_TILE / pixels,
                       LINK_TILE / pixels, LINK_TILE / pixels };
  GskRenderNode *node;
  cairo_t *cr;

  cr = cairo_create (coverage);
  cairo_translate (cr, -(double) column * LINK_TILE, -(double) row * LINK_TILE);
  cairo_scale (cr, pixels, pixels);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  stroke_links (self, cr, &area);
  cairo_destroy (cr);

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, (double) LINK_TILE / scale,
                                                  (double) LINK_TILE / scale));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  gdk_cairo_set_source_rgba (cr, &self->style.link);
  cairo_mask_surface (cr, coverage, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (coverage);

  *bytes = LINK_TILE * LINK_TILE;
  return node;
}

static gsize
link_budget (JmCanvas *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double columns = ceil ((double) gtk_widget_get_width (GTK_WIDGET (self)) * scale / LINK_TILE) + 1;
  double rows = ceil ((double) gtk_widget_get_height (GTK_WIDGET (self)) * scale / LINK_TILE) + 1;

  return (gsize) CLAMP (columns * rows * LINK_TILE * LINK_TILE * LINK_TILE_VIEWS,
                        LINK_BUDGET_MIN, LINK_BUDGET_MAX);
}

/* The links in view, in widget coordinates. They are drawn into tiles
 * once at each zoom and then copied, since a map's links can cross the
 * view by the thousand: stroking them all on every frame would cost more
 * than the rest of the board. A tile stays the same node from frame to
 * frame, so that dragging a card over it does not damage the view. While
 * a zoom gesture goes on, or when the tiles would not fit, the links in
 * view are stroked instead. */
void
_jm_canvas_draw_links (JmCanvas          *self,
                       GtkSnapshot       *snapshot,
                       const JmBoardRect *visible)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double pixels = self->zoom * scale;
  double left = round (_jm_canvas_hvalue (self) * scale);
  double top = round (_jm_canvas_vvalue (self) * scale);
  int first_column = (int) floor (left / LINK_TILE);
  int first_row = (int) floor (top / LINK_TILE);
  int last_column = (int) floor ((left + gtk_widget_get_width (GTK_WIDGET (self)) * scale) / LINK_TILE);
  int last_row = (int) floor ((top + gtk_widget_get_height (GTK_WIDGET (self)) * scale) / LINK_TILE);
  gboolean vectors = self->zoom_settle_id != 0;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));

  if (self->links->len == 0)
    return;

  jm_card_images_begin_frame (self->link_tiles, pixels, link_budget (self));
  for (int row = MAX (first_row, 0); row <= last_row && !vectors; row++)
    for (int column = MAX (first_column, 0); column <= last_column && !vectors; column++)
      {
        /* Rows and columns as far as a board could reach. */
        gconstpointer key = GUINT_TO_POINTER (((guint) row << 16) + (guint) column + 1);
        graphene_point_t origin = GRAPHENE_POINT_INIT ((column * LINK_TILE - left) / scale,
                                                       (row * LINK_TILE - top) / scale);
        GskRenderNode *tile;

        if (row >= G_MAXUINT16 || column >= G_MAXUINT16)
          {
            vectors = TRUE;
            break;
          }
        tile = jm_card_images_lookup (self->link_tiles, key);

        if (tile == NULL)
          {
            g_autoptr(GskRenderNode) drawn = NULL;
            gsize bytes;

            if (!jm_card_images_reserve (self->link_tiles, LINK_TILE * LINK_TILE))
              {
                vectors = TRUE;
                break;
              }
            drawn = link_tile (self, column, row, pixels, scale, &bytes);
            jm_card_images_insert (self->link_tiles, key, drawn, bytes);
            tile = drawn;
          }
        g_ptr_array_add (tiles, gsk_render_node_ref (tile));
        g_array_append_val (origins, origin);
      }

  if (!vectors)
    for (guint i = 0; i < tiles->len; i++)
      {
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot, &g_array_index (origins, graphene_point_t, i));
        gtk_snapshot_append_node (snapshot, g_ptr_array_index (tiles, i));
        gtk_snapshot_restore (snapshot);
      }

  if (vectors)
    {
      cairo_t *cr;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-_jm_canvas_hvalue (self), -_jm_canvas_vvalue (self)));
      gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (visible->x, visible->y,
                                                                     visible->width, visible->height));
      gdk_cairo_set_source_rgba (cr, &self->style.link);
      stroke_links (self, cr, visible);
      cairo_destroy (cr);
      gtk_snapshot_restore (snapshot);
    }
}

void
_jm_canvas_draw_pending_link (JmCanvas    *self,
                              GtkSnapshot *snapshot,
                              JmTouchpoint *source,
                              double       x1,
                              double       y1)
{
  JmBoardCard *from = _jm_canvas_board_card (self, source);
  double x0, y0;
  cairo_t *cr;

  if (from == NULL)
    return;
  x0 = from->rect.x + from->rect.width;
  y0 = from->rect.y + from->rect.height / 2;
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (MIN (x0, x1) - 80, MIN (y0, y1) - 40,
                                                       fabs (x1 - x0) + 160, fabs (y1 - y0) + 80));
  gdk_cairo_set_source_rgba (cr, &self->style.accent);
  cairo_set_line_width (cr, 2.5);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_move_to (cr, x0, y0);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_link_curve (cr, x0, y0, x1, y1);
  cairo_destroy (cr);
}

void
_jm_canvas_add_link (JmCanvas     *self,
                     JmTouchpoint *from,
                     JmTouchpoint *to)
{
  const char * const *links = jm_touchpoint_get_links (from);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) value = NULL;

  if (from == to || g_strv_contains (links, jm_touchpoint_get_id (to)))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) links);
  g_strv_builder_add (builder, jm_touchpoint_get_id (to));
  value = g_strv_builder_end (builder);
  jm_map_begin (self->map, _("Link Cards"));
  jm_map_edit_strv (self->map, from, "links", (const char * const *) value);
  jm_map_end (self->map);
}
