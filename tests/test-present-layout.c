/* test-present-layout.c: present mode's type sizes and boxes, without a
 * display
 *
 * The goals for a room: at 1920x1080 the broadband sample's overview shows
 * every card title at 18 px or more, and a spotlighted stage at 32 px or
 * more, with no card over another and no title spilling out of its card.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "jm-file.h"
#include "jm-present-layout.h"

#define FAMILY "Cantarell, DejaVu Sans, sans-serif"

static JmMap *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

/* One for the whole run, as a screen has. */
static PangoContext *
context (void)
{
  static PangoContext *pango;

  if (pango == NULL)
    pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  return pango;
}

/* Every card inside the screen, none over another, every title box inside
 * its card, and every title that is shown whole within its box. */
static void
assert_sound (JmPresentLayout *layout,
              PangoContext    *pango)
{
  JmPresentBox screen = { 0, 0, layout->width, layout->height };

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const JmPresentCard *a = &g_array_index (layout->cards, JmPresentCard, i);
      g_autoptr(PangoLayout) title = NULL;
      int height;

      g_assert_true (jm_present_box_contains (&screen, &a->box));
      g_assert_true (jm_present_box_contains (&a->box, &a->title_box));
      g_assert_true (jm_present_box_contains (&a->box, &a->marks_box));
      g_assert_false (jm_present_boxes_overlap (&a->title_box, &a->marks_box));
      g_assert_false (jm_present_boxes_overlap (&a->box, &layout->overlay_box));
      for (guint j = i + 1; j < layout->cards->len; j++)
        g_assert_false (jm_present_boxes_overlap (&a->box,
                                                  &g_array_index (layout->cards, JmPresentCard, j).box));

      /* What is drawn, ellipsized or not, stays in the title box. */
      title = jm_present_title_layout (pango, layout->font_family, a);
      pango_layout_get_pixel_size (title, NULL, &height);
      if (a->title_lines > 0)
        g_assert_cmpint (height, <=, (int) a->title_box.height);
    }
}

static void
test_broadband_overview (void)
{
  g_autoptr(JmMap) map = load_sample ("broadband.journey");
  PangoContext *pango = context ();
  g_autoptr(JmPresentLayout) layout = jm_present_layout_new (map, pango, FAMILY, 1920, 1080,
                                                             JM_PRESENT_OVERVIEW, 0);

  g_assert_cmpuint (layout->stages->len, ==, 8);
  g_assert_cmpuint (layout->lanes->len, ==, 2);
  g_assert_cmpuint (layout->cards->len, ==, g_list_model_get_n_items (jm_map_get_touchpoints (map)));
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const JmPresentCard *card = &g_array_index (layout->cards, JmPresentCard, i);

      g_test_message ("%s: %.0f px, %d lines, box %.0fx%.0f title %.0fx%.0f%s",
                      jm_touchpoint_get_title (card->touchpoint), card->title_size,
                      card->title_lines, card->box.width, card->box.height,
                      card->title_box.width, card->title_box.height,
                      card->ellipsized ? " ellipsized" : "");
      g_assert_cmpfloat (card->title_size, >=, 18);
      g_assert_false (card->dimmed);
      /* Shown whole: the room reads every title. */
      g_assert_false (card->ellipsized);
      g_assert_cmpint (card->title_lines, >=, 1);
      g_assert_cmpfloat (card->mark_size, >=, 16);
    }
  assert_sound (layout, pango);
}

static void
test_broadband_spotlight (void)
{
  g_autoptr(JmMap) map = load_sample ("broadband.journey");
  PangoContext *pango = context ();

  for (guint s = 0; s < 8; s++)
    {
      g_autoptr(JmPresentLayout) layout = jm_present_layout_new (map, pango, FAMILY, 1920, 1080,
                                                                 JM_PRESENT_STAGE, s);
      guint n_spot = 0;

      g_assert_cmpint (layout->spot, ==, JM_PRESENT_STAGE);
      for (guint i = 0; i < layout->cards->len; i++)
        {
          const JmPresentCard *card = &g_array_index (layout->cards, JmPresentCard, i);

          g_assert_cmpint (card->dimmed, ==, card->stage != s);
          if (card->dimmed)
            continue;
          n_spot++;
          g_assert_cmpfloat (card->title_size, >=, 32);
          g_assert_false (card->ellipsized);
        }
      g_assert_cmpuint (n_spot, >, 0);
      g_assert_false (g_array_index (layout->stages, JmPresentBand, s).dimmed);
      assert_sound (layout, pango);
    }
}

static void
test_broadband_lanes (void)
{
  g_autoptr(JmMap) map = load_sample ("broadband.journey");
  PangoContext *pango = context ();

  for (guint l = 0; l < 2; l++)
    {
      g_autoptr(JmPresentLayout) layout = jm_present_layout_new (map, pango, FAMILY, 1920, 1080,
                                                                 JM_PRESENT_LANE, l);

      for (guint i = 0; i < layout->cards->len; i++)
        {
          const JmPresentCard *card = &g_array_index (layout->cards, JmPresentCard, i);

          g_assert_cmpint (card->dimmed, ==, card->lane != l);
          if (!card->dimmed)
            g_assert_cmpfloat (card->title_size, >=, 18);
        }
      assert_sound (layout, pango);
    }
}

/* Every sample, on a projector's smaller screen too: nothing overlaps,
 * whatever has to give. */
static void
test_samples_sound (void)
{
  const char *names[] = { "broadband.journey", "retail-bank.journey", "hospital-outpatients.journey" };
  const int sizes[][2] = { { 1920, 1080 }, { 1280, 720 }, { 1024, 768 } };
  PangoContext *pango = context ();

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(JmMap) map = load_sample (names[n]);

      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autoptr(JmPresentLayout) overview = NULL;
          g_autoptr(JmPresentLayout) stage = NULL;

          overview = jm_present_layout_new (map, pango, FAMILY, sizes[z][0], sizes[z][1],
                                            JM_PRESENT_OVERVIEW, 0);
          stage = jm_present_layout_new (map, pango, FAMILY, sizes[z][0], sizes[z][1],
                                         JM_PRESENT_STAGE, 1);
          assert_sound (overview, pango);
          assert_sound (stage, pango);
          /* As large on the wall whatever the projector's resolution. */
          for (guint i = 0; i < overview->cards->len; i++)
            g_assert_cmpfloat (g_array_index (overview->cards, JmPresentCard, i).title_size, >=,
                               floor (18.0 * sizes[z][1] / 1080));
        }
    }
}

/* A title too long for any card is cut short, not spilled. */
static void
test_long_title_ellipsized (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  PangoContext *pango = context ();
  g_autoptr(JmPresentLayout) layout = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  JmStage *stage = jm_map_add_stage (map, -1, "Only");
  JmPersona *persona = jm_map_add_persona (map, -1, "Ann");

  for (guint i = 0; i < 400; i++)
    g_string_append (title, "word ");
  jm_map_add_touchpoint (map, stage, persona, -1, title->str);
  jm_map_add_touchpoint (map, stage, persona, -1, "Short");
  layout = jm_present_layout_new (map, pango, FAMILY, 800, 600, JM_PRESENT_OVERVIEW, 0);
  g_assert_cmpuint (layout->cards->len, ==, 2);
  g_assert_true (g_array_index (layout->cards, JmPresentCard, 0).ellipsized);
  g_assert_cmpfloat (g_array_index (layout->cards, JmPresentCard, 0).title_size, >=,
                     floor (18.0 * 600 / 1080));
  assert_sound (layout, pango);
}

static void
test_empty_map (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  PangoContext *pango = context ();
  g_autoptr(JmPresentLayout) layout = jm_present_layout_new (map, pango, FAMILY, 1920, 1080,
                                                             JM_PRESENT_STAGE, 3);

  /* A spotlight on a stage that is not there shows the overview. */
  g_assert_cmpint (layout->spot, ==, JM_PRESENT_OVERVIEW);
  g_assert_cmpuint (layout->cards->len, ==, 0);
  g_assert_cmpint (jm_present_layout_card_at (layout, 500, 500), ==, -1);
}

static void
test_card_at (void)
{
  g_autoptr(JmMap) map = load_sample ("broadband.journey");
  PangoContext *pango = context ();
  g_autoptr(JmPresentLayout) layout = jm_present_layout_new (map, pango, FAMILY, 1920, 1080,
                                                             JM_PRESENT_OVERVIEW, 0);

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const JmPresentCard *card = &g_array_index (layout->cards, JmPresentCard, i);

      g_assert_cmpint (jm_present_layout_card_at (layout, card->box.x + card->box.width / 2,
                                                  card->box.y + card->box.height / 2), ==, i);
      g_assert_cmpint (jm_present_layout_find_card (layout, card->touchpoint), ==, i);
    }
  g_assert_cmpint (jm_present_layout_card_at (layout, 1, 1), ==, -1);
}

static void
test_step (void)
{
  JmPresentSpot spot = JM_PRESENT_OVERVIEW;
  guint index = 7;

  jm_present_step (JM_PRESENT_STAGE, 3, 1, &spot, &index);
  g_assert_cmpint (spot, ==, JM_PRESENT_STAGE);
  g_assert_cmpuint (index, ==, 0);
  jm_present_step (JM_PRESENT_STAGE, 3, 1, &spot, &index);
  jm_present_step (JM_PRESENT_STAGE, 3, 1, &spot, &index);
  g_assert_cmpuint (index, ==, 2);
  /* The last step stays on the last stage. */
  jm_present_step (JM_PRESENT_STAGE, 3, 1, &spot, &index);
  g_assert_cmpuint (index, ==, 2);
  jm_present_step (JM_PRESENT_STAGE, 3, -1, &spot, &index);
  jm_present_step (JM_PRESENT_STAGE, 3, -1, &spot, &index);
  g_assert_cmpint (spot, ==, JM_PRESENT_STAGE);
  g_assert_cmpuint (index, ==, 0);
  jm_present_step (JM_PRESENT_STAGE, 3, -1, &spot, &index);
  g_assert_cmpint (spot, ==, JM_PRESENT_OVERVIEW);
  jm_present_step (JM_PRESENT_STAGE, 3, -1, &spot, &index);
  g_assert_cmpint (spot, ==, JM_PRESENT_OVERVIEW);

  /* Stepping by lanes from a stage starts at the first lane. */
  spot = JM_PRESENT_STAGE;
  index = 2;
  jm_present_step (JM_PRESENT_LANE, 2, 1, &spot, &index);
  g_assert_cmpint (spot, ==, JM_PRESENT_LANE);
  g_assert_cmpuint (index, ==, 0);

  /* Nothing to step through: the overview stays. */
  spot = JM_PRESENT_OVERVIEW;
  jm_present_step (JM_PRESENT_LANE, 0, 1, &spot, &index);
  g_assert_cmpint (spot, ==, JM_PRESENT_OVERVIEW);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/present-layout/broadband-overview", test_broadband_overview);
  g_test_add_func ("/present-layout/broadband-spotlight", test_broadband_spotlight);
  g_test_add_func ("/present-layout/broadband-lanes", test_broadband_lanes);
  g_test_add_func ("/present-layout/samples-sound", test_samples_sound);
  g_test_add_func ("/present-layout/long-title-ellipsized", test_long_title_ellipsized);
  g_test_add_func ("/present-layout/empty-map", test_empty_map);
  g_test_add_func ("/present-layout/card-at", test_card_at);
  g_test_add_func ("/present-layout/step", test_step);

  return g_test_run ();
}
