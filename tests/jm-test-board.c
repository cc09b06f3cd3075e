/* jm-test-board.c: a board alone in a window, for the board's tests
 *
 * The board's tests share this fixture: the sample map on a board in a
 * window of its own, shown and laid out, and the helpers that find cards,
 * cells and pixels on it.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "canvas-sample.h"
#include "jm-test-board.h"

void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
wait_for_frame (GtkWidget *widget)
{
  /* Polls without a clock: the condition, not the time, ends the wait. */
  for (guint i = 0; i < 20000 && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_true (gtk_widget_get_mapped (widget));
  iterate ();
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->map = sample_map (0);
  f->history = jm_map_get_history (f->map);
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "jm-canvas-test");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  f->canvas = JM_CANVAS (jm_canvas_new ());
  jm_canvas_set_map (f->canvas, f->map);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frame (GTK_WIDGET (f->canvas));
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->map);
}

JmTouchpoint *
card_titled (JmMap      *map,
             const char *title)
{
  GListModel *list = jm_map_get_touchpoints (map);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);

      if (g_str_equal (jm_touchpoint_get_title (touchpoint), title))
        return touchpoint;
    }
  g_assert_not_reached ();
}

JmStage *
stage_n (JmMap *map,
         guint  n)
{
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), n);
  return stage;
}

JmPersona *
persona_n (JmMap *map,
           guint  n)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), n);
  return persona;
}

void
card_point (Fixture      *f,
            JmTouchpoint *touchpoint,
            double       *x,
            double       *y)
{
  graphene_rect_t rect;

  g_assert_true (_jm_canvas_get_card_rect (f->canvas, touchpoint, &rect));
  *x = rect.origin.x + 30;
  *y = rect.origin.y + 20;
}

void
cell_point (Fixture *f,
            guint    stage,
            guint    lane,
            double  *x,
            double  *y)
{
  JmBoardRect cell;

  jm_board_geometry_cell_rect (_jm_canvas_get_geometry (f->canvas), stage, lane, &cell);
  _jm_canvas_board_to_widget (f->canvas, cell.x + cell.width / 2, cell.y + cell.height - 8, x, y);
}

/* Draws the board the way a frame does, onto an image, as it stands: what
 * the main loop has waiting is not run first. */
cairo_surface_t *
render (Fixture *f)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (f->canvas)->snapshot (GTK_WIDGET (f->canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                                        gtk_widget_get_height (GTK_WIDGET (f->canvas)));
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);
  cairo_surface_flush (surface);
  return surface;
}

guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  if (x < 0 || y < 0 || x >= cairo_image_surface_get_width (surface) ||
      y >= cairo_image_surface_get_height (surface))
    return 0;
  return *(const guint32 *) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

/* How many cards the board has selected. */
guint
selection_size (Fixture *f)
{
  g_autoptr(GPtrArray) selection = jm_canvas_get_selection (f->canvas);

  return selection->len;
}
