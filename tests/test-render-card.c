/* test-render-card.c: the touchpoint card renderer
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "jm-card-render.h"

static JmTouchpoint *
make_touchpoint (const char *title)
{
  JmTouchpoint *tp = jm_touchpoint_new ("t1", "s1", "p1", title);
  const char *teams[] = { "Sales", "Billing", "Support", NULL };

  jm_touchpoint_set_channel (tp, "live-chat");
  jm_touchpoint_set_teams (tp, teams);
  jm_touchpoint_set_moment_of_truth (tp, TRUE);
  jm_touchpoint_set_emotion (tp, -2);
  jm_touchpoint_set_rating (tp, JM_MEASURE_RESPONSIVENESS, 2);
  jm_touchpoint_set_rating (tp, JM_MEASURE_CONVENIENCE, 5);
  jm_touchpoint_set_rating (tp, JM_MEASURE_RELEVANCE, 3);
  return tp;
}

/* Counts pixels that differ from the background, to see that something
 * was drawn where it should be. */
static guint
count_ink (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (((const guint32 *) (data + y * stride))[x] != 0)
        n++;
  return n;
}

static void
test_measure_matches_render (void)
{
  g_autoptr(JmTouchpoint) tp = make_touchpoint ("Asks about eligibility in the chat");
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Juliet");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 400);
  cairo_t *cr = cairo_create (surface);
  JmCardStyle style;
  double measured, drawn = 0;

  jm_persona_set_colour (persona, "#cc79a7");
  jm_card_style_init_light (&style);
  measured = jm_card_measure (cr, tp, &style, 200);
  jm_card_render (cr, tp, persona, &style, 200, &drawn);
  g_assert_cmpfloat (measured, >, style.font_size * 4);
  g_assert_cmpfloat (fabs (measured - drawn), <, 0.001);
  g_assert_cmpuint (count_ink (surface), >, 1000);

  if (g_getenv ("JM_TEST_KEEP_OUTPUT") != NULL)
    cairo_surface_write_to_png (surface, "test-render-card.png");

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

typedef struct
{
  JmTouchpoint *touchpoint;
  double        scale;
  double        height;
} FreshMeasure;

/* Measures in a new thread, which starts with nothing remembered, on a
 * context like the test's scaled one. */
static gpointer
measure_fresh (gpointer data)
{
  FreshMeasure *fm = data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  cairo_font_options_t *options = cairo_font_options_create ();
  JmCardStyle style;

  jm_card_style_init_light (&style);
  if (fm->scale != 1)
    {
      cairo_scale (cr, fm->scale, fm->scale);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_set_font_options (cr, options);
    }
  fm->height = jm_card_measure (cr, fm->touchpoint, &style, 200);
  cairo_font_options_destroy (options);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return NULL;
}

static double
fresh_height (JmTouchpoint *tp,
              double        scale)
{
  FreshMeasure fm = { tp, scale, 0 };

  g_thread_join (g_thread_new ("measure", measure_fresh, &fm));
  return fm.height;
}

/* Measuring remembers heights of texts it has laid out: an edit must still
 * change the height, and a context scaled or with other font options must
 * get its own heights, the ones drawing there gives. */
static void
test_remembered_heights (void)
{
  g_autoptr(JmTouchpoint) tp = make_touchpoint ("Short");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 1200);
  cairo_t *cr = cairo_create (surface);
  cairo_t *scaled = cairo_create (surface);
  cairo_font_options_t *options = cairo_font_options_create ();
  JmCardStyle style;
  double one_line, three_lines, drawn = 0, measured;

  jm_card_style_init_light (&style);
  one_line = jm_card_measure (cr, tp, &style, 200);
  jm_touchpoint_set_title (tp, "A title long enough to wrap over three lines of a card this narrow");
  three_lines = jm_card_measure (cr, tp, &style, 200);
  g_assert_cmpfloat (three_lines, >, one_line + style.font_size);
  jm_touchpoint_set_title (tp, "Short");
  g_assert_cmpfloat (jm_card_measure (cr, tp, &style, 200), ==, one_line);

  cairo_scale (scaled, 3, 3);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (scaled, options);
  for (int i = 0; i < 3; i++)
    {
      measured = jm_card_measure (scaled, tp, &style, 200);
      jm_card_render (scaled, tp, NULL, &style, 200, &drawn);
      g_assert_cmpfloat (fabs (measured - drawn), <, 0.001);
      g_assert_cmpfloat (measured, ==, fresh_height (tp, 3));
      g_assert_cmpfloat (jm_card_measure (cr, tp, &style, 200), ==, one_line);
    }
  g_assert_cmpfloat (one_line, ==, fresh_height (tp, 1));

  cairo_font_options_destroy (options);
  cairo_destroy (scaled);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_long_title_is_ellipsized (void)
{
  g_autoptr(JmTouchpoint) short_tp = make_touchpoint ("Short");
  g_autoptr(JmTouchpoint) long_tp = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  JmCardStyle style;
  double h_short, h_long, h_long_more;

  for (int i = 0; i < 60; i++)
    g_string_append (title, "Ωmega réponse ");
  long_tp = make_touchpoint (title->str);

  jm_card_style_init_light (&style);
  h_short = jm_card_measure (cr, short_tp, &style, 180);
  h_long = jm_card_measure (cr, long_tp, &style, 180);
  /* Three title lines at most: at most two more lines than a short title. */
  g_assert_cmpfloat (h_long, >, h_short);
  g_assert_cmpfloat (h_long, <, h_short + style.font_size * 3);

  style.title_lines = 6;
  h_long_more = jm_card_measure (cr, long_tp, &style, 180);
  g_assert_cmpfloat (h_long_more, >, h_long);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_simple_mode (void)
{
  g_autoptr(JmTouchpoint) tp = make_touchpoint ("Block");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100, 40);
  cairo_t *cr = cairo_create (surface);
  JmCardStyle style;
  double h = 0;

  jm_card_style_init_dark (&style);
  style.simple = TRUE;
  jm_card_render (cr, tp, NULL, &style, 90, &h);
  g_assert_cmpfloat (h, ==, jm_card_measure (cr, tp, &style, 90));
  g_assert_cmpuint (count_ink (surface), >, 500);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_unset_fields (void)
{
  g_autoptr(JmTouchpoint) tp = jm_touchpoint_new ("t2", "s1", "p1", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cairo_t *cr = cairo_create (surface);
  JmCardStyle style;
  double h = 0;

  jm_card_style_init_light (&style);
  jm_card_render (cr, tp, NULL, &style, 150, &h);
  g_assert_cmpfloat (h, >, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Pixels of exactly @rgba's colour. */
static guint
count_colour (cairo_surface_t *surface,
              const JmRgba    *rgba)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 want = 0xff000000u | (guint32) lround (rgba->red * 255) << 16 |
                 (guint32) lround (rgba->green * 255) << 8 | (guint32) lround (rgba->blue * 255);
  const guchar *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (((const guint32 *) (data + y * stride))[x] == want)
        n++;
  return n;
}

/* A card's dots are drawn on its first line, in their own colour, and
 * leave its height alone; a card without dots has none of that colour. */
static void
test_dots (void)
{
  g_autoptr(JmTouchpoint) tp = make_touchpoint ("Waits for the engineer");
  JmCardStyle style;
  guint counts[3];
  const int dots[] = { 0, 2, 7 };
  double height;

  jm_card_style_init_light (&style);
  for (guint i = 0; i < G_N_ELEMENTS (dots); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 400);
      cairo_t *cr = cairo_create (surface);

      height = jm_card_measure (cr, tp, &style, 200);
      jm_card_render_with_dots (cr, tp, NULL, &style, 200, -1, dots[i]);
      counts[i] = count_colour (surface, &style.vote);
      g_assert_cmpfloat (jm_card_measure (cr, tp, &style, 200), ==, height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[1], >, 20);
  /* Five dots at most, and the count. */
  g_assert_cmpuint (counts[2], >, counts[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/card/measure-matches-render", test_measure_matches_render);
  g_test_add_func ("/render/card/remembered-heights", test_remembered_heights);
  g_test_add_func ("/render/card/long-title-ellipsized", test_long_title_is_ellipsized);
  g_test_add_func ("/render/card/simple", test_simple_mode);
  g_test_add_func ("/render/card/unset-fields", test_unset_fields);
  g_test_add_func ("/render/card/dots", test_dots);

  return g_test_run ();
}
