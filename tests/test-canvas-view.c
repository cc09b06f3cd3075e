/* test-canvas-view.c: what the board shows: its pixels, its caches,
 * colouring by score, scrolling, zooming and its first view
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-scoring.h"
#include "canvas-sample.h"
#include "jm-test-board.h"
#include "jm-test-window.h"

static void
assert_near (guint32 colour,
             guint32 expected)
{
  g_test_message ("colour %06x, expected %06x", colour, expected);
  for (guint shift = 0; shift < 24; shift += 8)
    g_assert_cmpint (ABS ((int) ((colour >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)), <=, 6);
}

static void
test_render_pixels (Fixture       *f,
                    gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  cairo_surface_t *surface;
  graphene_rect_t rect;
  double ex, ey, px, py;
  guint32 background;

  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  /* Inside the card's right padding, clear of text; and an empty cell. */
  px = rect.origin.x + rect.size.width - 4;
  py = rect.origin.y + rect.size.height / 2;
  cell_point (f, 2, 2, &ex, &ey);
  g_assert_cmpfloat (ex, <, gtk_widget_get_width (GTK_WIDGET (f->canvas)));

  surface = render (f);
  assert_near (pixel (surface, px, py), 0xffffff);
  background = pixel (surface, ex, ey);
  g_assert_cmpuint (background, !=, 0xffffff);
  assert_near (background, 0xf3f3f5);
  cairo_surface_destroy (surface);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate ();
  surface = render (f);
  assert_near (pixel (surface, px, py), 0x36363a);
  g_assert_cmpuint (pixel (surface, ex, ey), !=, background);
  g_assert_cmpuint ((pixel (surface, ex, ey) & 0xff), <, 0x40);
  cairo_surface_destroy (surface);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  iterate ();

  /* A filter dims what does not match: the card is no longer white. */
  jm_canvas_set_filter (f->canvas, "moments");
  surface = render (f);
  g_assert_cmpuint (pixel (surface, px, py), !=, 0xffffff);
  assert_near (pixel (surface, px, py), background);
  cairo_surface_destroy (surface);
  {
    g_autofree char *filter = g_strdup_printf ("persona:%s", jm_persona_get_id (persona_n (f->map, 1)));

    jm_canvas_set_filter (f->canvas, filter);
  }
  surface = render (f);
  assert_near (pixel (surface, px, py), 0xffffff);
  cairo_surface_destroy (surface);
  jm_canvas_set_filter (f->canvas, NULL);

  /* Zoomed far out, a card is one block in its persona's colour. */
  jm_canvas_set_zoom (f->canvas, 0.3);
  iterate ();
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  surface = render (f);
  g_assert_cmpuint (pixel (surface, rect.origin.x + rect.size.width / 2, rect.origin.y + rect.size.height / 2), !=,
                    pixel (surface, ex * 0.3, ey * 0.3));
  cairo_surface_destroy (surface);
}

static void
test_culling_and_cache (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (3000);
  JmTouchpoint *card;
  cairo_surface_t *surface;
  guint cached;

  jm_canvas_set_map (f->canvas, big);
  surface = render (f);
  cairo_surface_destroy (surface);
  cached = _jm_canvas_get_n_cached_nodes (f->canvas);

  /* Only the cards in view were drawn. */
  g_assert_cmpuint (cached, >, 5);
  g_assert_cmpuint (cached, <, 100);

  /* Changing a card drops its node alone; the next frame rebuilds it. */
  card = card_titled (big, "Sees a video review of fibre speeds");
  jm_touchpoint_set_title (card, "Sees a review");
  g_assert_cmpuint (_jm_canvas_get_n_cached_nodes (f->canvas), ==, cached - 1);
  surface = render (f);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (_jm_canvas_get_n_cached_nodes (f->canvas), ==, cached);

  jm_canvas_set_map (f->canvas, f->map);
}

static guint32
score_rgb (double score)
{
  double r, g, b;

  jm_score_colour (score, &r, &g, &b);
  return ((guint32) round (r * 255) << 16) | ((guint32) round (g * 255) << 8) | (guint32) round (b * 255);
}

static void
test_colour_by (Fixture       *f,
                gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  graphene_rect_t plain, rect;
  cairo_surface_t *surface;
  double composite, sx, sy;
  int rating;

  g_assert_cmpstr (jm_canvas_get_colour_by (f->canvas), ==, "none");
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &plain));

  /* A strip at the card's foot, in the colour of its composite score. */
  g_assert_true (jm_score_touchpoint (f->map, card, &composite));
  jm_canvas_set_colour_by (f->canvas, "composite");
  iterate ();
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  g_assert_cmpfloat (rect.size.height, >, plain.size.height);
  /* Right of the number, above the bottom edge. */
  sx = rect.origin.x + rect.size.width - 8;
  sy = rect.origin.y + rect.size.height - 5;
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (composite));
  /* Above the strip the card is as it was. */
  assert_near (pixel (surface, sx + 4, plain.origin.y + plain.size.height / 2), 0xffffff);
  cairo_surface_destroy (surface);

  /* One measure: the rating's colour; a new rating recolours the card. */
  jm_canvas_set_colour_by (f->canvas, "convenience");
  iterate ();
  rating = jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE);
  g_assert_cmpint (rating, >=, 1);
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (rating));
  cairo_surface_destroy (surface);
  jm_touchpoint_set_rating (card, JM_MEASURE_CONVENIENCE, rating == 1 ? 5 : 1);
  iterate ();
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (rating == 1 ? 5 : 1));
  cairo_surface_destroy (surface);

  /* Not rated: the grey no score produces. */
  jm_touchpoint_set_rating (card, JM_MEASURE_CONVENIENCE, 0);
  iterate ();
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (NAN));
  cairo_surface_destroy (surface);

  /* Weights change the composite, and the cards follow. */
  jm_canvas_set_colour_by (f->canvas, "composite");
  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_touchpoint_set_rating (card, m, m == JM_MEASURE_RELEVANCE ? 5 : 1);
  jm_map_set_weight (f->map, JM_MEASURE_RELEVANCE, 1000);
  iterate ();
  g_assert_true (jm_score_touchpoint (f->map, card, &composite));
  g_assert_cmpfloat (composite, >, 4.9);
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (composite));
  cairo_surface_destroy (surface);

  /* Back to none: the strip goes and the card has its own height again. */
  jm_canvas_set_colour_by (f->canvas, "none");
  iterate ();
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  g_assert_cmpfloat (rect.size.height, ==, plain.size.height);
}

/* Where the board point under the widget point (@x, @y) is. */
static void
board_point (Fixture *f,
             double   x,
             double   y,
             double  *bx,
             double  *by)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double zoom = jm_canvas_get_zoom (f->canvas);

  *bx = (x + gtk_adjustment_get_value (h)) / zoom;
  *by = (y + gtk_adjustment_get_value (v)) / zoom;
}

static void
assert_board_point (Fixture *f,
                    double   x,
                    double   y,
                    double   bx,
                    double   by)
{
  double nx, ny;

  board_point (f, x, y, &nx, &ny);
  g_assert_cmpfloat_with_epsilon (nx, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ny, by, 1e-6);
}

static void
scroll_to (Fixture *f,
           double   x,
           double   y)
{
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));

  /* A new map has a new size once the board is allocated again. */
  for (guint i = 0; i < 20000 && gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) < y; i++)
    {
      iterate ();
      g_usleep (500);
    }
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas)), x);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas)), y);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas))), ==, x);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas))), ==, y);
}

static void
wait_for_zoom_to_settle (Fixture *f)
{
  /* The board waits for the last step of a zoom gesture; so does the test. */
  for (guint i = 0; i < 20000 && _jm_canvas_get_zoom_settling (f->canvas); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_false (_jm_canvas_get_zoom_settling (f->canvas));
}

static GtkEventController *
scroll_controller (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        return controller;
    }
  g_assert_not_reached ();
}

static void
test_scroll_and_zoom (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double x = 420, y = 310, bx, by, zoom;
  gboolean handled = FALSE;
  cairo_surface_t *surface;

  jm_canvas_set_map (f->canvas, big);
  iterate ();
  scroll_to (f, 300, 400);

  /* Ctrl and the wheel zoom in a step, about the pointer. */
  board_point (f, x, y, &bx, &by);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK, x, y));
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.15, 1e-9);
  assert_board_point (f, x, y, bx, by);
  g_assert_true (_jm_canvas_get_zoom_settling (f->canvas));

  /* A touchpad's Ctrl+scroll zooms as far as it scrolled. */
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, 20, GDK_SCROLL_UNIT_SURFACE, GDK_CONTROL_MASK, x, y));
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.15 * exp (-0.2), 1e-9);
  assert_board_point (f, x, y, bx, by);

  /* Without Ctrl the wheel scrolls down, with Shift sideways; a touchpad
   * scrolls by its own deltas. */
  zoom = jm_canvas_get_zoom (f->canvas);
  scroll_to (f, 300, 400);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, 1, GDK_SCROLL_UNIT_WHEEL, 0, x, y));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 300);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 460);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, 1, GDK_SCROLL_UNIT_WHEEL, GDK_SHIFT_MASK, x, y));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 360);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 460);
  g_assert_true (_jm_canvas_scroll (f->canvas, -7, 5, GDK_SCROLL_UNIT_SURFACE, 0, x, y));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 353);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 465);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, zoom);

  /* The scroll controller hands its event's values on: with no modifier
   * held, a wheel step scrolls. */
  g_signal_emit_by_name (scroll_controller (f), "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 525);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, zoom);

  /* Once the steps stop, the cards are kept as images again. */
  wait_for_zoom_to_settle (f);
  surface = render (f);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), >, 5);

  jm_canvas_set_map (f->canvas, f->map);
}

static void
test_pinch_zoom (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  GtkGesture *pinch = _jm_canvas_get_zoom_gesture (f->canvas);
  double cx, cy, bx, by;

  g_assert_true (GTK_IS_GESTURE_ZOOM (pinch));
  jm_canvas_set_map (f->canvas, big);
  iterate ();
  scroll_to (f, 300, 400);
  cx = gtk_widget_get_width (GTK_WIDGET (f->canvas)) / 2.0;
  cy = gtk_widget_get_height (GTK_WIDGET (f->canvas)) / 2.0;
  board_point (f, cx, cy, &bx, &by);

  /* Fingers apart to twice their distance: twice the zoom, about the
   * middle of the fingers (the middle of the view when the gesture has no
   * points of its own). */
  g_signal_emit_by_name (pinch, "begin", NULL);
  g_signal_emit_by_name (pinch, "scale-changed", 2.0);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 2.0, 1e-9);
  assert_board_point (f, cx, cy, bx, by);
  g_assert_true (_jm_canvas_get_zoom_settling (f->canvas));
  /* The scale is the gesture's since it began, not since its last step. */
  g_signal_emit_by_name (pinch, "scale-changed", 0.75);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 0.75, 1e-9);
  assert_board_point (f, cx, cy, bx, by);
  g_signal_emit_by_name (pinch, "end", NULL);

  /* A new pinch starts from where the last one left the zoom. */
  g_signal_emit_by_name (pinch, "begin", NULL);
  g_signal_emit_by_name (pinch, "scale-changed", 2.0);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.5, 1e-9);
  g_signal_emit_by_name (pinch, "scale-changed", 100.0);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 3.0);
  g_signal_emit_by_name (pinch, "end", NULL);
  wait_for_zoom_to_settle (f);

  jm_canvas_set_map (f->canvas, f->map);
}

static void
test_middle_button_pan (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  GtkGesture *pan = _jm_canvas_get_pan_gesture (f->canvas);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  guint steps = jm_history_get_n_steps (jm_map_get_history (big));

  g_assert_true (GTK_IS_GESTURE_DRAG (pan));
  g_assert_cmpuint (gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (pan)), ==, GDK_BUTTON_MIDDLE);
  jm_canvas_set_map (f->canvas, big);
  iterate ();
  scroll_to (f, 200, 300);

  /* The board follows the pointer: dragging right and up shows more of
   * the left and the bottom. */
  g_signal_emit_by_name (pan, "drag-begin", 500.0, 400.0);
  g_signal_emit_by_name (pan, "drag-update", 40.0, -30.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 160);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 330);
  /* Offsets count from where the drag began. */
  g_signal_emit_by_name (pan, "drag-update", -100.0, 50.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 300);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 250);
  g_signal_emit_by_name (pan, "drag-end", -100.0, 50.0);
  iterate ();

  /* Panning moves the view only. */
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 1.0);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (big)), ==, steps);
  g_assert_cmpuint (selection_size (f), ==, 0);

  jm_canvas_set_map (f->canvas, f->map);
}

/* How many pixels in @rect differ between two renderings by more than
 * @tolerance in a channel. */
static guint
count_changed (cairo_surface_t       *a,
               cairo_surface_t       *b,
               const graphene_rect_t *rect,
               int                    tolerance)
{
  guint changed = 0;
  int x0 = MAX ((int) rect->origin.x, 0);
  int y0 = MAX ((int) rect->origin.y, 0);
  int x1 = MIN ((int) (rect->origin.x + rect->size.width), cairo_image_surface_get_width (a));
  int y1 = MIN ((int) (rect->origin.y + rect->size.height), cairo_image_surface_get_height (a));

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = pixel (a, x, y), q = pixel (b, x, y);

        for (guint shift = 0; shift < 24; shift += 8)
          if (ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)) > tolerance)
            {
              changed++;
              break;
            }
      }
  return changed;
}

static void
test_cached_drawing (Fixture       *f,
                     gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  graphene_rect_t rect, title, whole;
  cairo_surface_t *before, *after, *vectors;
  double px, py;

  whole = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  title = GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, rect.size.width, 40);
  /* Inside the right padding, clear of text and of the link handle. */
  px = rect.origin.x + rect.size.width - 4;
  py = rect.origin.y + rect.size.height / 4;

  before = render (f);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), >, 5);
  g_assert_cmpuint (_jm_canvas_get_image_bytes (f->canvas), >, 0);

  /* A new title is drawn at once, and the old one again when it returns. */
  jm_touchpoint_set_title (card, "Bins a leaflet unread");
  iterate ();
  after = render (f);
  g_assert_cmpuint (count_changed (before, after, &title, 40), >, 50);
  cairo_surface_destroy (after);
  jm_touchpoint_set_title (card, "Reads a flyer from the letterbox");
  iterate ();
  after = render (f);
  g_assert_cmpuint (count_changed (before, after, &whole, 0), ==, 0);
  cairo_surface_destroy (after);

  /* The lane's colour edges its cards. */
  jm_persona_set_colour (persona_n (f->map, 1), "#00ff00");
  iterate ();
  after = render (f);
  g_assert_cmpuint (count_changed (before, after, &rect, 40), >, 20);
  cairo_surface_destroy (after);

  /* While the card is dragged, its place shows it faded; a cancelled drag
   * leaves it as it was. */
  {
    GtkGesture *gesture = _jm_canvas_get_drag_gesture (f->canvas);

    g_signal_emit_by_name (gesture, "drag-begin", rect.origin.x + 30, rect.origin.y + 20);
    g_signal_emit_by_name (gesture, "drag-update", 200.0, 150.0);
    after = render (f);
    g_assert_cmpuint (pixel (after, px, py), !=, 0xffffff);
    cairo_surface_destroy (after);
    gtk_widget_activate_action (widget, "canvas.cancel", NULL);
    g_signal_emit_by_name (gesture, "drag-end", 200.0, 150.0);
    iterate ();
    after = render (f);
    assert_near (pixel (after, px, py), 0xffffff);
    cairo_surface_destroy (after);
  }
  cairo_surface_destroy (before);

  /* An image looks as the card drawn as vectors does. While a zoom gesture
   * goes on, the cards are drawn as vectors; at zoom 1 both land on the
   * same pixels. */
  before = render (f);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK, 100, 100));
  after = render (f);
  cairo_surface_destroy (after);
  jm_canvas_set_zoom (f->canvas, 1.0);
  scroll_to (f, 0, 0);
  g_assert_true (_jm_canvas_get_zoom_settling (f->canvas));
  vectors = render (f);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), ==, 0);
  g_test_message ("%u pixels differ",  count_changed (before, vectors, &whole, 0));
  g_assert_cmpuint (count_changed (before, vectors, &whole, 24), <, 200);
  cairo_surface_destroy (vectors);
  cairo_surface_destroy (before);
  wait_for_zoom_to_settle (f);

  /* At another zoom, the images are drawn again at its scale. */
  jm_canvas_set_zoom (f->canvas, 2.0);
  scroll_to (f, 0, 0);
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  after = render (f);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), >, 0);
  assert_near (pixel (after, rect.origin.x + rect.size.width - 8, rect.origin.y + rect.size.height / 4), 0xffffff);
  cairo_surface_destroy (after);
}

static guint
geometry_index (Fixture      *f,
                JmTouchpoint *touchpoint)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);

  for (guint i = 0; i < jm_board_geometry_get_n_cards (geometry); i++)
    if (jm_board_geometry_get_card (geometry, i)->data == touchpoint)
      return i;
  g_assert_not_reached ();
}

/* A point of the link from @from to @to that no card covers, in view:
 * the middle of its longest run clear of the headers. */
static gboolean
link_point (Fixture      *f,
            JmTouchpoint *from,
            JmTouchpoint *to,
            double       *x,
            double       *y)
{
  JmBoardRoute route;
  double best = 0;

  jm_board_geometry_link_route (_jm_canvas_get_geometry (f->canvas), geometry_index (f, from),
                                geometry_index (f, to), &route);
  for (guint k = 0; k + 1 < route.n_points; k++)
    {
      double length = fabs (route.x[k + 1] - route.x[k]) + fabs (route.y[k + 1] - route.y[k]);
      double px, py;

      _jm_canvas_board_to_widget (f->canvas, (route.x[k] + route.x[k + 1]) / 2,
                                  (route.y[k] + route.y[k + 1]) / 2, &px, &py);
      if (length > best && px > 240 && py > 100)
        {
          best = length;
          *x = px;
          *y = py;
        }
    }
  return best > 0;
}

static void
test_cached_links (Fixture       *f,
                   gconstpointer  data)
{
  JmTouchpoint *from = card_titled (f->map, "Compares plans on the website");
  JmTouchpoint *to = card_titled (f->map, "Calls to ask about contract terms");
  cairo_surface_t *surface;
  guint32 background, line;
  double x = 0, y = 0;

  g_assert_true (link_point (f, from, to, &x, &y));
  surface = render (f);
  line = pixel (surface, x, y);
  cairo_surface_destroy (surface);

  /* Without the link, the board is bare there: the links' drawing follows
   * the map. */
  jm_touchpoint_set_links (from, NULL);
  iterate ();
  surface = render (f);
  background = pixel (surface, x, y);
  cairo_surface_destroy (surface);
  g_test_message ("link %06x on %06x", line, background);
  assert_near (background, 0xf3f3f5);
  g_assert_cmpuint (line & 0xff, <, (background & 0xff) - 40);

  jm_touchpoint_set_links (from, (const char * const[]) { jm_touchpoint_get_id (to), NULL });
  iterate ();
  surface = render (f);
  g_assert_cmpuint (pixel (surface, x, y) & 0xff, <, (background & 0xff) - 40);
  cairo_surface_destroy (surface);
}

static void
test_cached_links_zoomed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  JmTouchpoint *from = card_titled (big, "Touchpoint 250");
  JmTouchpoint *to = card_titled (big, "Touchpoint 251");
  graphene_rect_t whole = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                                              gtk_widget_get_height (GTK_WIDGET (f->canvas)));

  /* A link far down the board, in the bottom lane. */
  jm_touchpoint_set_links (from, (const char * const[]) { jm_touchpoint_get_id (to), NULL });
  jm_canvas_set_map (f->canvas, big);
  iterate ();

  /* Far out, the board is narrower than the view, and taller: the links
   * drawn from tiles are where the links stroked afresh are (as while a
   * zoom gesture goes on), whichever tile they fall in. */
  for (guint i = 0; i < 2; i++)
    {
      double zoom = i == 0 ? 0.2 : 0.3;
      cairo_surface_t *tiles, *vectors, *surface;

      jm_canvas_set_zoom (f->canvas, zoom);
      scroll_to (f, 0, 0);
      tiles = render (f);
      g_assert_true (_jm_canvas_scroll (f->canvas, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK, 10, 10));
      surface = render (f);
      cairo_surface_destroy (surface);
      jm_canvas_set_zoom (f->canvas, zoom);
      scroll_to (f, 0, 0);
      vectors = render (f);
      g_test_message ("zoom %g: %u pixels differ", zoom, count_changed (tiles, vectors, &whole, 0));
      g_assert_cmpuint (count_changed (tiles, vectors, &whole, 40), <, 20);
      cairo_surface_destroy (tiles);
      cairo_surface_destroy (vectors);
      wait_for_zoom_to_settle (f);
    }

  jm_canvas_set_map (f->canvas, f->map);
}

static gboolean
rects_equal (const JmBoardRect *a,
             const JmBoardRect *b)
{
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

/* Before the first frame of a map only the cards in view are measured: they
 * sit where the full layout puts them, the frame looks as it will once
 * every card is measured, and that happens just after the frame. */
static void
test_first_view (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (1000);
  g_autoptr(GArray) early = g_array_new (FALSE, FALSE, sizeof (JmBoardRect));
  g_autoptr(JmCanvas) unshown = g_object_ref_sink (JM_CANVAS (jm_canvas_new ()));
  JmBoardGeometry *geometry;
  JmBoardRect view = { 0, 0, gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                       gtk_widget_get_height (GTK_WIDGET (f->canvas)) };
  graphene_rect_t whole = GRAPHENE_RECT_INIT (0, 0, view.width, view.height);
  cairo_surface_t *first, *later;
  guint n_estimated, n_in_view = 0;

  jm_canvas_set_map (f->canvas, big);
  first = render (f);
  n_estimated = _jm_canvas_get_n_estimated (f->canvas);
  geometry = _jm_canvas_peek_geometry (f->canvas);
  g_test_message ("%u of %u cards estimated", n_estimated, jm_board_geometry_get_n_cards (geometry));
  g_assert_cmpuint (n_estimated, >, 0);
  g_assert_cmpuint (n_estimated, <, jm_board_geometry_get_n_cards (geometry));
  for (guint i = 0; i < jm_board_geometry_get_n_cards (geometry); i++)
    g_array_append_val (early, jm_board_geometry_get_card (geometry, i)->rect);

  /* The idle after the frame measures the rest. */
  for (guint i = 0; i < 20000 && _jm_canvas_get_n_estimated (f->canvas) > 0; i++)
    {
      iterate ();
      gtk_widget_measure (GTK_WIDGET (f->canvas), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
      g_usleep (100);
    }
  g_assert_cmpuint (_jm_canvas_get_n_estimated (f->canvas), ==, 0);

  geometry = _jm_canvas_get_geometry (f->canvas);
  g_assert_cmpuint (jm_board_geometry_get_n_cards (geometry), ==, early->len);
  for (guint i = 0; i < early->len; i++)
    {
      const JmBoardRect *was = &g_array_index (early, JmBoardRect, i);
      const JmBoardRect *now = &jm_board_geometry_get_card (geometry, i)->rect;

      if (was->x < view.width && was->y < view.height)
        {
          n_in_view++;
          g_assert_true (rects_equal (was, now));
        }
      else
        g_assert_true (now->x >= view.width || now->y >= view.height);
    }
  g_assert_cmpuint (n_in_view, >, 5);

  later = render (f);
  /* The cards and headers in view look the same; only the links to cards
   * out of view come with the full layout. */
  for (guint i = 0; i < early->len; i++)
    {
      const JmBoardRect *card = &jm_board_geometry_get_card (geometry, i)->rect;
      double x, y;

      if (card->x >= view.width || card->y >= view.height)
        continue;
      _jm_canvas_board_to_widget (f->canvas, card->x, card->y, &x, &y);
      /* Links end on a card's edges, and may run along them. */
      g_assert_cmpuint (count_changed (first, later,
                                       &GRAPHENE_RECT_INIT (x + 4, y + 4, card->width * jm_canvas_get_zoom (f->canvas) - 8,
                                                            card->height * jm_canvas_get_zoom (f->canvas) - 8), 0),
                        ==, 0);
    }
  g_assert_cmpuint (count_changed (first, later,
                                   &GRAPHENE_RECT_INIT (0, 0, view.width,
                                                        jm_board_geometry_get_metrics (geometry)->stage_header_height), 0),
                    ==, 0);
  g_assert_cmpuint (count_changed (first, later,
                                   &GRAPHENE_RECT_INIT (0, 0, jm_board_geometry_get_metrics (geometry)->lane_header_width,
                                                        view.height), 0),
                    ==, 0);
  cairo_surface_destroy (first);
  cairo_surface_destroy (later);

  /* The board is then the one a canvas measuring every card at once lays out. */
  jm_canvas_set_map (unshown, big);
  g_assert_cmpuint (_jm_canvas_get_n_estimated (unshown), ==, 0);
  for (guint i = 0; i < early->len; i++)
    g_assert_true (rects_equal (&jm_board_geometry_get_card (_jm_canvas_get_geometry (unshown), i)->rect,
                                &jm_board_geometry_get_card (geometry, i)->rect));
  g_assert_cmpfloat (jm_board_geometry_get_height (_jm_canvas_get_geometry (unshown)), ==,
                     jm_board_geometry_get_height (geometry));

  /* Asking where a card is lays the board out in full at once. */
  jm_canvas_set_map (f->canvas, f->map);
  jm_canvas_set_map (f->canvas, big);
  cairo_surface_destroy (render (f));
  g_assert_cmpuint (_jm_canvas_get_n_estimated (f->canvas), >, 0);
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card_titled (big, "Sees a video review of fibre speeds"),
                                           &whole));
  g_assert_cmpuint (_jm_canvas_get_n_estimated (f->canvas), ==, 0);

  jm_canvas_set_map (f->canvas, f->map);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/canvas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("render-pixels", test_render_pixels);
  ADD ("culling-and-cache", test_culling_and_cache);
  ADD ("colour-by", test_colour_by);
  ADD ("scroll-and-zoom", test_scroll_and_zoom);
  ADD ("pinch-zoom", test_pinch_zoom);
  ADD ("middle-button-pan", test_middle_button_pan);
  ADD ("cached-drawing", test_cached_drawing);
  ADD ("cached-links", test_cached_links);
  ADD ("cached-links-zoomed", test_cached_links_zoomed);
  ADD ("first-view", test_first_view);
#undef ADD

  return g_test_run ();
}
