/* test-canvas-draw.c: what the board draws, checked on its pixels
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-emotion-curve.h"
#include "jm-outline.h"
#include "jm-persona-actions.h"
#include "jm-test-board.h"
#include "jm-test-window.h"
#include "jm-types.h"
#include "jm-window-private.h"
#include "canvas-sample.h"

/* Draws the board onto an image once what the main loop has waiting ran. */
static cairo_surface_t *
render_settled (Fixture *f)
{
  iterate ();
  return render (f);
}

static gboolean
differ (guint32 a,
        guint32 b,
        int     tolerance)
{
  for (guint shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return TRUE;
  return FALSE;
}

/* How many pixels of a ring @outset outside @card's edges, in view and
 * clear of the headers, differ between @a and @b. */
static guint
ring_changes (Fixture         *f,
              JmTouchpoint    *card,
              cairo_surface_t *a,
              cairo_surface_t *b,
              double           outset)
{
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (_jm_canvas_get_geometry (f->canvas));
  double zoom = jm_canvas_get_zoom (f->canvas);
  graphene_rect_t r;
  guint changed = 0;
  int x0, y0, x1, y1;

  if (!_jm_canvas_get_card_rect (f->canvas, card, &r))
    return 0;
  x0 = (int) floor (r.origin.x - outset);
  y0 = (int) floor (r.origin.y - outset);
  x1 = (int) ceil (r.origin.x + r.size.width + outset);
  y1 = (int) ceil (r.origin.y + r.size.height + outset);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        gboolean edge = x == x0 || x == x1 || y == y0 || y == y1;

        if (!edge || x < m->lane_header_width * zoom + 2 || y < m->stage_header_height * zoom + 2)
          continue;
        if (differ (pixel (a, x, y), pixel (b, x, y), 24))
          changed++;
      }
  return changed;
}

/* Every card that is not an end of a link looks the same, up to a few
 * pixels around it, with the links drawn or not: no link is seen to touch
 * it. */
static void
assert_links_touch_only_their_ends (Fixture *f)
{
  GListModel *list = jm_map_get_touchpoints (f->map);
  g_autoptr(GHashTable) ends = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
  cairo_surface_t *with, *without;
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      const char * const *to = jm_touchpoint_get_links (touchpoint);

      for (guint j = 0; to != NULL && to[j] != NULL; j++)
        {
          g_hash_table_add (ends, touchpoint);
          g_hash_table_add (ends, jm_map_lookup_touchpoint (f->map, to[j]));
        }
      g_hash_table_insert (links, touchpoint, g_strdupv ((char **) to));
    }
  g_assert_cmpuint (g_hash_table_size (ends), >, 0);

  with = render_settled (f);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      jm_touchpoint_set_links (touchpoint, NULL);
    }
  without = render_settled (f);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      guint changed;

      if (g_hash_table_contains (ends, touchpoint))
        continue;
      changed = ring_changes (f, touchpoint, with, without, 1) + ring_changes (f, touchpoint, with, without, 2);
      if (changed > 0)
        g_test_message ("a link touches “%s” at %u pixels", jm_touchpoint_get_title (touchpoint), changed);
      g_assert_cmpuint (changed, ==, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      jm_touchpoint_set_links (touchpoint, g_hash_table_lookup (links, touchpoint));
    }
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
test_links_around_cards (Fixture       *f,
                         gconstpointer  data)
{
  JmTouchpoint *flyer = card_titled (f->map, "Reads a flyer from the letterbox");
  JmTouchpoint *signs = card_titled (f->map, "Signs at the service desk");
  JmTouchpoint *video = card_titled (f->map, "Sees a video review of fibre speeds");
  JmTouchpoint *rates = card_titled (f->map, "Rates the service in the app");
  g_autoptr(JmStage) research = g_list_model_get_item (jm_map_get_stages (f->map), 1);

  /* The sample's links skip a column ("Need" to "Select", past the
   * tutorial) and go down a column; add one across lanes and columns and
   * one back to the left. */
  jm_touchpoint_set_links (flyer, (const char * const[]) { jm_touchpoint_get_id (signs), NULL });
  jm_touchpoint_set_links (rates, (const char * const[]) { jm_touchpoint_get_id (video), NULL });
  assert_links_touch_only_their_ends (f);

  /* After a stage moves, the links follow their cards to their new places. */
  jm_map_move_stage (f->map, research, 4);
  assert_links_touch_only_their_ends (f);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A picture in one colour, as PNG. */
static GBytes *
plain_png (int     width,
           int     height,
           guint32 rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  GByteArray *png = g_byte_array_new ();
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* A point in the avatar of lane @lane, left of the middle where an
 * initial would be. */
static void
avatar_point (Fixture *f,
              guint    lane,
              double  *x,
              double  *y)
{
  JmBoardRect rect;

  jm_board_geometry_lane_header_rect (_jm_canvas_get_geometry (f->canvas), lane, &rect);
  _jm_canvas_board_to_widget (f->canvas, rect.x + 14 + 8, rect.y + 16 + 18, x, y);
  /* Lane headers stay at the left however far the board scrolls. */
  *x = (rect.x + 14 + 8) * jm_canvas_get_zoom (f->canvas);
}

static void
test_lane_picture (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JmPersona) fridah = g_list_model_get_item (jm_map_get_personas (f->map), 0);
  g_autoptr(GBytes) picture = plain_png (80, 60, 0xc000c0);
  cairo_surface_t *surface;
  double x, y;

  /* Without a picture, the lane shows the initial on the persona's colour. */
  surface = render_settled (f);
  avatar_point (f, 0, &x, &y);
  g_assert_false (differ (pixel (surface, x, y), 0x0072b2, 8));
  cairo_surface_destroy (surface);

  jm_persona_set_picture (fridah, picture, "image/png");
  surface = render_settled (f);
  g_test_message ("avatar %06x", pixel (surface, x, y));
  g_assert_false (differ (pixel (surface, x, y), 0xc000c0, 8));
  /* The other lane keeps its initial. */
  avatar_point (f, 1, &x, &y);
  g_assert_false (differ (pixel (surface, x, y), 0xe69f00, 8));
  cairo_surface_destroy (surface);

  /* At another zoom the picture is where the avatar is. */
  jm_canvas_set_zoom (f->canvas, 0.6);
  surface = render_settled (f);
  avatar_point (f, 0, &x, &y);
  g_assert_false (differ (pixel (surface, x, y), 0xc000c0, 8));
  cairo_surface_destroy (surface);

  /* A picture that does not decode falls back to the initial. */
  {
    g_autoptr(GBytes) broken = g_bytes_new_static ("not a picture", 13);

    jm_persona_set_picture (fridah, broken, "image/png");
  }
  surface = render_settled (f);
  g_assert_false (differ (pixel (surface, x, y), 0x0072b2, 8));
  cairo_surface_destroy (surface);
}

typedef struct
{
  double          x, y;        /* where the node's origin lands, in device pixels */
  double          scale;       /* device pixels per unit of the node */
  GskRenderNode  *node;
} PlacedText;

/* Collects the text nodes under @node, with where they land. */
static void
collect_text (GskRenderNode *node,
              double         dx,
              double         dy,
              double         scale,
              GArray        *texts)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text (gsk_container_node_get_child (node, i), dx, dy, scale, texts);
      break;
    case GSK_TRANSFORM_NODE:
      {
        float sx, sy, tx, ty;

        gsk_transform_to_affine (gsk_transform_node_get_transform (node), &sx, &sy, &tx, &ty);
        g_assert_cmpfloat (fabs (sx - sy), <, 1e-6);
        collect_text (gsk_transform_node_get_child (node), dx + scale * tx, dy + scale * ty,
                      scale * sx, texts);
      }
      break;
    case GSK_CLIP_NODE:
      collect_text (gsk_clip_node_get_child (node), dx, dy, scale, texts);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_text (gsk_rounded_clip_node_get_child (node), dx, dy, scale, texts);
      break;
    case GSK_OPACITY_NODE:
      collect_text (gsk_opacity_node_get_child (node), dx, dy, scale, texts);
      break;
    case GSK_DEBUG_NODE:
      collect_text (gsk_debug_node_get_child (node), dx, dy, scale, texts);
      break;
    case GSK_TEXT_NODE:
      {
        PlacedText text = { dx, dy, scale, node };

        g_array_append_val (texts, text);
      }
      break;
    default:
      break;
    }
}

/* The text of the stage headers at every zoom from 30% to 200%: each
 * stage's name is drawn whole, within its column, and its letters land a
 * whole number of device pixels apart. Glyphs are drawn on whole pixels,
 * so letters laid out at one size and drawn scaled to another, a part of
 * a pixel off, run together or apart ("Re search", a "d" lost). */
static void
test_header_text_at_zoom (Fixture       *f,
                          gconstpointer  data)
{
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (_jm_canvas_get_geometry (f->canvas));
  GListModel *stages = jm_map_get_stages (f->map);
  guint n_stages = g_list_model_get_n_items (stages);

  for (double zoom = 0.30; zoom <= 2.0 + 1e-9; zoom += 0.03)
    {
      g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (PlacedText));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      double column = (m->card_width + 2 * m->cell_padding) * zoom;
      double hvalue;
      guint checked = 0;

      jm_canvas_set_zoom (f->canvas, zoom);
      iterate ();
      /* From the left edge, where at least the first column is in view. */
      gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas)), 0);
      hvalue = gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas)));
      GTK_WIDGET_GET_CLASS (f->canvas)->snapshot (GTK_WIDGET (f->canvas), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      collect_text (node, 0, 0, gtk_widget_get_scale_factor (GTK_WIDGET (f->canvas)), texts);

      for (guint s = 0; s < n_stages; s++)
        {
          g_autoptr(JmStage) stage = g_list_model_get_item (stages, s);
          double left = m->lane_header_width * zoom + s * column - hvalue;
          double right = left + column;
          PlacedText *name = NULL;
          graphene_rect_t name_bounds;

          if (left < m->lane_header_width * zoom || right > gtk_widget_get_width (GTK_WIDGET (f->canvas)))
            continue;
          for (guint i = 0; i < texts->len; i++)
            {
              PlacedText *text = &g_array_index (texts, PlacedText, i);
              graphene_rect_t bounds;
              const PangoGlyphInfo *glyphs;
              guint n_glyphs;
              double pen = 0, first = 0;

              gsk_render_node_get_bounds (text->node, &bounds);
              bounds.origin.x = text->x + text->scale * bounds.origin.x;
              bounds.origin.y = text->y + text->scale * bounds.origin.y;
              bounds.size.width *= text->scale;
              bounds.size.height *= text->scale;
              if (bounds.origin.y > m->stage_header_height * zoom ||
                  bounds.origin.x + bounds.size.width / 2 < left ||
                  bounds.origin.x + bounds.size.width / 2 > right)
                continue;

              /* The ink stays within the column. */
              g_assert_cmpfloat (bounds.origin.x, >=, left);
              g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, right + 1);

              glyphs = gsk_text_node_get_glyphs (text->node, &n_glyphs);
              for (guint g = 0; g < n_glyphs; g++)
                {
                  double x = text->scale * (pen + glyphs[g].geometry.x_offset) / PANGO_SCALE;

                  if (g == 0)
                    first = x;
                  if (fabs ((x - first) - round (x - first)) > 0.05)
                    g_error ("at %.0f%%, a letter of “%s” lands %.2f device pixels from the first",
                             zoom * 100, jm_stage_get_name (stage), x - first);
                  pen += glyphs[g].geometry.width;
                }
              if (name == NULL || bounds.origin.y < name_bounds.origin.y)
                {
                  name = text;
                  name_bounds = bounds;
                }
            }
          /* The name is the first line, and no letter of it is lost. */
          g_assert_nonnull (name);
          g_assert_cmpuint (gsk_text_node_get_num_glyphs (name->node), ==,
                            g_utf8_strlen (jm_stage_get_name (stage), -1));
          checked++;
        }
      g_test_message ("zoom %g: %u texts, %u headers checked", zoom, texts->len, checked);
      g_assert_cmpuint (checked, >, 0);
      gsk_render_node_unref (node);
    }
}

static GtkWidget *
find_curve (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = JM_IS_EMOTION_CURVE (child) ? child : find_curve (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
curve_shown (gpointer data)
{
  GtkWidget *curve = find_curve (data);

  return curve != NULL && gtk_widget_get_mapped (curve) && gtk_widget_get_width (curve) > 0;
}

/* Each point of the curve is over the middle of its stage's column, as
 * the board draws the column now. */
static void
assert_points_on_columns (JmCanvas       *canvas,
                          JmEmotionCurve *curve)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (canvas);
  double header = jm_canvas_get_lane_header_width (canvas);
  guint checked = 0;

  jm_test_flush_events ();
  for (guint s = 0; s < jm_board_geometry_get_n_stages (geometry); s++)
    {
      JmBoardRect rect;
      graphene_point_t point;
      double centre, y;

      jm_board_geometry_stage_header_rect (geometry, s, &rect);
      _jm_canvas_board_to_widget (canvas, rect.x + rect.width / 2, 0, &centre, &y);
      if (centre < header || centre > gtk_widget_get_width (GTK_WIDGET (canvas)))
        continue;
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (curve), GTK_WIDGET (canvas),
                                               &GRAPHENE_POINT_INIT (jm_emotion_curve_get_point_x (curve, s), 0),
                                               &point));
      g_test_message ("zoom %.2f, stage %u: point at %.1f, column centre at %.1f",
                      jm_canvas_get_zoom (canvas), s, point.x, centre);
      g_assert_cmpfloat (fabs (point.x - centre), <, 0.5);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_walk_curve_on_columns (void)
{
  g_autoptr(JmMap) map = sample_map (0);
  g_autoptr(JmPersona) fridah = g_list_model_get_item (jm_map_get_personas (map), 0);
  JmWindow *window = jm_window_new (NULL);
  const double zooms[] = { 1.0, 0.45, 0.84, 1.6 };
  JmEmotionCurve *curve;
  JmCanvas *canvas;
  GtkAdjustment *h;

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_wait_for ((JmTestCondition) gtk_widget_get_mapped, window, "the window to show");

  /* Walk the journey as Fridah. */
  jm_outline_set_selected_object (jm_window_get_outline (window), fridah);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.walk-persona", NULL));
  jm_test_wait_for (curve_shown, window, "the emotion curve to show");
  curve = JM_EMOTION_CURVE (find_curve (GTK_WIDGET (window)));
  canvas = jm_window_get_canvas (window);
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
  g_assert_cmpuint (jm_emotion_curve_get_n_points (curve), >, 2);

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      jm_canvas_set_zoom (canvas, zooms[i]);
      gtk_adjustment_set_value (h, 0);
      assert_points_on_columns (canvas, curve);

      /* Scrolled sideways with the wheel, as far as the board goes. */
      for (guint step = 0; step < 3; step++)
        _jm_canvas_scroll (canvas, 0, 3, GDK_SCROLL_UNIT_WHEEL, GDK_SHIFT_MASK, 300, 300);
      g_test_message ("scrolled to %.0f of %.0f", gtk_adjustment_get_value (h),
                      gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h));
      assert_points_on_columns (canvas, curve);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 0);

  jm_test_destroy_window (window);
}

/* Adds the icon names in the C and UI files under @dir to @names. */
static void
collect_icon_names (const char *dir,
                    GHashTable *names)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("[\">]([a-z][a-z0-9-]*-symbolic)[\"<]", 0, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          collect_icon_names (path, names);
          continue;
        }
      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".ui"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
           g_match_info_next (match, NULL))
        g_hash_table_add (names, g_match_info_fetch (match, 1));
    }
}

/* Every icon the app names is there to draw, with the icon theme of this
 * machine and the app's own icons: the channels' from the app alone, as
 * themes differ (Debian 12's Adwaita has no "chat-symbolic"). */
static void
test_icons_resolve (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "src", NULL);
  g_autofree char *ui = g_test_build_filename (G_TEST_DIST, "..", "ui", NULL);
  const JmChannelInfo *channels;
  GHashTableIter iter;
  const char *name;
  guint n_channels, missing = 0;

  /* As GtkApplication does for the app, whose resource base path this is. */
  gtk_icon_theme_add_resource_path (theme, RESOURCE_PREFIX "/icons");

  channels = jm_channels (&n_channels);
  g_assert_cmpuint (n_channels, >, 0);
  for (guint i = 0; i < n_channels; i++)
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/icons/scalable/actions/%s.svg",
                                               channels[i].icon);

      g_test_message ("channel %s: %s", channels[i].id, channels[i].icon);
      g_assert_true (g_resources_get_info (path, 0, NULL, NULL, NULL));
      g_assert_true (gtk_icon_theme_has_icon (theme, channels[i].icon));
    }

  collect_icon_names (src, names);
  collect_icon_names (ui, names);
  g_assert_cmpuint (g_hash_table_size (names), >, 10);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!gtk_icon_theme_has_icon (theme, name))
      {
        g_test_message ("no icon “%s” in the theme “%s”", name, gtk_icon_theme_get_theme_name (theme));
        missing++;
      }
  g_assert_cmpuint (missing, ==, 0);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/canvas-draw/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("links-around-cards", test_links_around_cards);
  ADD ("lane-picture", test_lane_picture);
  ADD ("header-text-at-zoom", test_header_text_at_zoom);
#undef ADD
  g_test_add_func ("/canvas-draw/walk-curve-on-columns", test_walk_curve_on_columns);
  g_test_add_func ("/canvas-draw/icons-resolve", test_icons_resolve);

  return g_test_run ();
}
