/* test-board-geometry.c: hit testing, drop targets and culling without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-board-geometry.h"

static JmBoardGeometry *
make_board (void)
{
  JmBoardGeometry *geometry = jm_board_geometry_new (NULL);

  /* 3 stages x 2 lanes; cell (1, 0) holds three cards, cell (2, 1) one. */
  jm_board_geometry_reset (geometry, 3, 2);
  jm_board_geometry_add_card (geometry, 1, 0, 60, GINT_TO_POINTER (1));
  jm_board_geometry_add_card (geometry, 2, 1, 80, GINT_TO_POINTER (2));
  jm_board_geometry_add_card (geometry, 1, 0, 100, GINT_TO_POINTER (3));
  jm_board_geometry_add_card (geometry, 1, 0, 40, GINT_TO_POINTER (4));
  jm_board_geometry_layout (geometry);
  return geometry;
}

static void
test_layout (void)
{
  g_autoptr(JmBoardGeometry) g = make_board ();
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (g);
  JmBoardCard *a = jm_board_geometry_get_card (g, 0);
  JmBoardCard *c = jm_board_geometry_get_card (g, 2);
  JmBoardCard *d = jm_board_geometry_get_card (g, 3);
  double column = m->card_width + 2 * m->cell_padding;
  JmBoardRect lane0, lane1;

  g_assert_cmpuint (jm_board_geometry_get_cell_n_cards (g, 1, 0), ==, 3);
  g_assert_cmpuint (jm_board_geometry_get_cell_n_cards (g, 0, 0), ==, 0);
  g_assert_cmpint (jm_board_geometry_get_cell_card (g, 1, 0, 1), ==, 2);
  g_assert_cmpint (jm_board_geometry_get_cell_card (g, 1, 0, 3), ==, -1);
  g_assert_cmpuint (c->index_in_cell, ==, 1);

  /* Cards stack in the order they were added, one gap apart. */
  g_assert_cmpfloat (a->rect.x, ==, m->lane_header_width + column + m->cell_padding);
  g_assert_cmpfloat (a->rect.y, ==, m->stage_header_height + m->cell_padding);
  g_assert_cmpfloat (c->rect.y, ==, a->rect.y + 60 + m->card_gap);
  g_assert_cmpfloat (d->rect.y, ==, c->rect.y + 100 + m->card_gap);

  /* The lane is as tall as its fullest cell; the other keeps the minimum. */
  jm_board_geometry_lane_header_rect (g, 0, &lane0);
  jm_board_geometry_lane_header_rect (g, 1, &lane1);
  g_assert_cmpfloat (lane0.height, ==, 2 * m->cell_padding + 200 + 2 * m->card_gap);
  g_assert_cmpfloat (lane1.height, ==, MAX (m->min_cell_height, 2 * m->cell_padding + 80));
  g_assert_cmpfloat (lane1.y, ==, lane0.y + lane0.height);
  g_assert_cmpfloat (jm_board_geometry_get_width (g), ==,
                     m->lane_header_width + 3 * column + m->add_size);
  g_assert_cmpfloat (jm_board_geometry_get_height (g), ==,
                     lane1.y + lane1.height + m->add_size);
}

static void
test_hit (void)
{
  g_autoptr(JmBoardGeometry) g = make_board ();
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (g);
  JmBoardCard *c = jm_board_geometry_get_card (g, 2);
  JmBoardRect rect;
  JmBoardHit hit;
  double hx, hy;

  jm_board_geometry_hit (g, c->rect.x + 5, c->rect.y + 5, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_CARD);
  g_assert_cmpint (hit.card, ==, 2);
  g_assert_cmpint (hit.index_in_cell, ==, 1);
  g_assert_cmpint (hit.stage, ==, 1);
  g_assert_cmpint (hit.lane, ==, 0);

  /* The gap between two cards belongs to the cell. */
  jm_board_geometry_hit (g, c->rect.x + 5, c->rect.y - m->card_gap / 2, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_CELL);
  g_assert_cmpint (hit.card, ==, -1);

  jm_board_geometry_handle_center (g, 2, &hx, &hy);
  jm_board_geometry_hit (g, hx, hy, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_CARD_HANDLE);
  g_assert_cmpint (hit.card, ==, 2);

  jm_board_geometry_stage_header_rect (g, 2, &rect);
  jm_board_geometry_hit (g, rect.x + 1, rect.y + 1, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_STAGE_HEADER);
  g_assert_cmpint (hit.stage, ==, 2);

  jm_board_geometry_lane_header_rect (g, 1, &rect);
  jm_board_geometry_hit (g, 3, rect.y + rect.height - 1, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_LANE_HEADER);
  g_assert_cmpint (hit.lane, ==, 1);

  jm_board_geometry_add_stage_rect (g, &rect);
  jm_board_geometry_hit (g, rect.x + 3, rect.y + 3, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_ADD_STAGE);
  jm_board_geometry_add_lane_rect (g, &rect);
  jm_board_geometry_hit (g, rect.x + 3, rect.y + 3, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_ADD_LANE);

  jm_board_geometry_hit (g, 3, 3, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_CORNER);
  jm_board_geometry_hit (g, -10, 300, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_NONE);
  jm_board_geometry_hit (g, jm_board_geometry_get_width (g) + 10, 300, &hit);
  g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_NONE);
}

static void
test_cell_at (void)
{
  g_autoptr(JmBoardGeometry) g = make_board ();
  JmBoardRect cell;
  guint s = 99, l = 99;

  jm_board_geometry_cell_rect (g, 2, 1, &cell);
  g_assert_true (jm_board_geometry_cell_at (g, cell.x + 1, cell.y + 1, FALSE, &s, &l));
  g_assert_cmpuint (s, ==, 2);
  g_assert_cmpuint (l, ==, 1);

  /* Outside the grid: nothing, unless asked for the nearest cell. */
  g_assert_false (jm_board_geometry_cell_at (g, 5000, 5000, FALSE, &s, &l));
  g_assert_true (jm_board_geometry_cell_at (g, 5000, 5000, TRUE, &s, &l));
  g_assert_cmpuint (s, ==, 2);
  g_assert_cmpuint (l, ==, 1);
  g_assert_true (jm_board_geometry_cell_at (g, -50, -50, TRUE, &s, &l));
  g_assert_cmpuint (s, ==, 0);
  g_assert_cmpuint (l, ==, 0);
}

static void
test_drop_target (void)
{
  g_autoptr(JmBoardGeometry) g = make_board ();
  JmBoardCard *a = jm_board_geometry_get_card (g, 0);
  JmBoardCard *c = jm_board_geometry_get_card (g, 2);
  JmBoardCard *d = jm_board_geometry_get_card (g, 3);
  JmBoardRect indicator, cell;
  guint s, l, index;

  /* Above the middle of the second card: before it. */
  g_assert_true (jm_board_geometry_drop_target (g, c->rect.x + 10, c->rect.y + 10,
                                                &s, &l, &index, &indicator));
  g_assert_cmpuint (s, ==, 1);
  g_assert_cmpuint (l, ==, 0);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpfloat (indicator.y + indicator.height / 2, <, c->rect.y);
  g_assert_cmpfloat (indicator.y + indicator.height / 2, >, a->rect.y + a->rect.height);

  /* Below the middle of the last card: at the end. */
  g_assert_true (jm_board_geometry_drop_target (g, d->rect.x, d->rect.y + d->rect.height - 1,
                                                &s, &l, &index, &indicator));
  g_assert_cmpuint (index, ==, 3);
  g_assert_cmpfloat (indicator.y, >, d->rect.y + d->rect.height - 1);

  /* Cards being dragged do not count: dragging the first card down past
   * the second lands between the second and the third. */
  a->flags |= JM_BOARD_CARD_DRAGGED;
  g_assert_true (jm_board_geometry_drop_target (g, c->rect.x, c->rect.y + c->rect.height - 5,
                                                &s, &l, &index, NULL));
  g_assert_cmpuint (index, ==, 1);
  a->flags = 0;

  /* An empty cell, and a point far off the board, clamped to the last cell. */
  jm_board_geometry_cell_rect (g, 0, 1, &cell);
  g_assert_true (jm_board_geometry_drop_target (g, cell.x + 30, cell.y + 30, &s, &l, &index, NULL));
  g_assert_cmpuint (s, ==, 0);
  g_assert_cmpuint (l, ==, 1);
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (jm_board_geometry_drop_target (g, 1e6, 1e6, &s, &l, &index, NULL));
  g_assert_cmpuint (s, ==, 2);
  g_assert_cmpuint (l, ==, 1);
  g_assert_cmpuint (index, ==, 1);
}

static void
test_drop_target_empty_board (void)
{
  g_autoptr(JmBoardGeometry) g = jm_board_geometry_new (NULL);
  guint s, l, index;

  g_assert_false (jm_board_geometry_drop_target (g, 10, 10, &s, &l, &index, NULL));
  jm_board_geometry_reset (g, 2, 0);
  g_assert_false (jm_board_geometry_drop_target (g, 10, 10, &s, &l, &index, NULL));
}

static void
test_slots (void)
{
  g_autoptr(JmBoardGeometry) g = make_board ();
  JmBoardRect header, lane;

  jm_board_geometry_stage_header_rect (g, 1, &header);
  g_assert_cmpuint (jm_board_geometry_stage_slot (g, header.x + 5, NULL), ==, 1);
  g_assert_cmpuint (jm_board_geometry_stage_slot (g, header.x + header.width - 5, NULL), ==, 2);
  g_assert_cmpuint (jm_board_geometry_stage_slot (g, -100, NULL), ==, 0);
  g_assert_cmpuint (jm_board_geometry_stage_slot (g, 1e6, NULL), ==, 3);

  jm_board_geometry_lane_header_rect (g, 1, &lane);
  g_assert_cmpuint (jm_board_geometry_lane_slot (g, lane.y + lane.height - 2, NULL), ==, 2);
  g_assert_cmpuint (jm_board_geometry_lane_slot (g, lane.y + 2, NULL), ==, 1);
  g_assert_cmpuint (jm_board_geometry_lane_slot (g, 0, NULL), ==, 0);

  /* Moving the first stage into the gap after the second puts it second. */
  g_assert_cmpuint (jm_board_slot_to_position (0, 2), ==, 1);
  g_assert_cmpuint (jm_board_slot_to_position (2, 0), ==, 0);
  g_assert_cmpuint (jm_board_slot_to_position (1, 1), ==, 1);
  g_assert_cmpuint (jm_board_slot_to_position (1, 2), ==, 1);
}

static void
test_many_cards (void)
{
  g_autoptr(JmBoardGeometry) g = jm_board_geometry_new (NULL);
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (g);
  const guint n_stages = 20, n_lanes = 10, per_cell = 100;
  JmBoardRect view;
  JmBoardCard *last;

  jm_board_geometry_reset (g, n_stages, n_lanes);
  for (guint i = 0; i < per_cell; i++)
    for (guint l = 0; l < n_lanes; l++)
      for (guint s = 0; s < n_stages; s++)
        jm_board_geometry_add_card (g, s, l, 50 + (i % 3) * 10, NULL);
  jm_board_geometry_layout (g);
  g_assert_cmpuint (jm_board_geometry_get_n_cards (g), ==, n_stages * n_lanes * per_cell);

  /* Every cell stacks its hundred cards without overlap. */
  for (guint i = 1; i < per_cell; i++)
    {
      JmBoardCard *prev = jm_board_geometry_get_card (g, jm_board_geometry_get_cell_card (g, 7, 3, i - 1));
      JmBoardCard *card = jm_board_geometry_get_card (g, jm_board_geometry_get_cell_card (g, 7, 3, i));

      g_assert_cmpuint (card->index_in_cell, ==, i);
      g_assert_cmpfloat (card->rect.y, ==, prev->rect.y + prev->rect.height + m->card_gap);
    }

  /* A view shows only the cards that intersect it. */
  view = (JmBoardRect) { m->lane_header_width, m->stage_header_height, 500, 400 };
  jm_board_geometry_cards_in_rect (g, &view, visible);
  g_assert_cmpuint (visible->len, >, 0);
  g_assert_cmpuint (visible->len, <, 40);
  for (guint i = 0; i < visible->len; i++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (g, g_array_index (visible, guint, i));
      g_assert_true (jm_board_rect_intersects (&card->rect, &view));
      g_assert_cmpuint (card->lane, ==, 0);
    }

  /* The last card of the last cell is found where it is drawn. */
  last = jm_board_geometry_get_card (g, jm_board_geometry_get_cell_card (g, n_stages - 1, n_lanes - 1,
                                                                        per_cell - 1));
  {
    JmBoardHit hit;

    jm_board_geometry_hit (g, last->rect.x + 3, last->rect.y + 3, &hit);
    g_assert_cmpint (hit.kind, ==, JM_BOARD_HIT_CARD);
    g_assert_true (jm_board_geometry_get_card (g, hit.card) == last);
  }
}

/* Checks the link from @from to @to: it starts on the middle of the first
 * card's right edge, ends on the second card's left edge, turns only at
 * right angles, and no run of it enters any card, its own two included,
 * nor comes within @clearance of a card other than its ends. */
static void
assert_route_clear (JmBoardGeometry *g,
                    guint            from,
                    guint            to,
                    double           clearance)
{
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (g);
  JmBoardCard *a = jm_board_geometry_get_card (g, from);
  JmBoardCard *b = jm_board_geometry_get_card (g, to);
  JmBoardRoute route;

  jm_board_geometry_link_route (g, from, to, &route);
  g_assert_cmpuint (route.n_points, >=, 3);
  g_assert_cmpfloat (route.x[0], ==, a->rect.x + a->rect.width);
  g_assert_cmpfloat (route.y[0], ==, a->rect.y + a->rect.height / 2);
  g_assert_cmpfloat (route.x[route.n_points - 1], ==, b->rect.x);
  g_assert_cmpfloat (route.y[route.n_points - 1], >, b->rect.y);
  g_assert_cmpfloat (route.y[route.n_points - 1], <, b->rect.y + b->rect.height);
  /* The arrow head arrives level, from the left, along a run long enough
   * to show it. */
  g_assert_cmpfloat (route.y[route.n_points - 2], ==, route.y[route.n_points - 1]);
  g_assert_cmpfloat (route.x[route.n_points - 1] - route.x[route.n_points - 2], >=, m->cell_padding / 3);

  for (guint i = 0; i + 1 < route.n_points; i++)
    {
      double x0 = route.x[i], y0 = route.y[i], x1 = route.x[i + 1], y1 = route.y[i + 1];

      g_assert_true (x0 == x1 || y0 == y1);
      /* Nothing runs under the headers, which stay in view over the board. */
      g_assert_cmpfloat (MIN (x0, x1), >=, m->lane_header_width);
      g_assert_cmpfloat (MIN (y0, y1), >=, m->stage_header_height);
      for (guint c = 0; c < jm_board_geometry_get_n_cards (g); c++)
        {
          JmBoardCard *card = jm_board_geometry_get_card (g, c);
          JmBoardRect near = card->rect;

          if (c != from && c != to)
            {
              near.x -= clearance;
              near.y -= clearance;
              near.width += 2 * clearance;
              near.height += 2 * clearance;
            }
          if (jm_board_segment_intersects_rect (x0, y0, x1, y1, &near))
            g_error ("the link from card %u (%u, %u) to card %u (%u, %u) crosses card %u (%u, %u) "
                     "from (%g, %g) to (%g, %g)", from, a->stage, a->lane, to, b->stage, b->lane,
                     c, card->stage, card->lane, x0, y0, x1, y1);
        }
    }
}

static void
test_segment_intersects (void)
{
  JmBoardRect r = { 10, 10, 20, 20 };

  g_assert_true (jm_board_segment_intersects_rect (0, 20, 40, 20, &r));
  g_assert_true (jm_board_segment_intersects_rect (0, 0, 40, 40, &r));
  g_assert_true (jm_board_segment_intersects_rect (15, 15, 16, 16, &r));
  g_assert_false (jm_board_segment_intersects_rect (0, 10, 40, 10, &r));
  g_assert_false (jm_board_segment_intersects_rect (0, 5, 40, 5, &r));
  g_assert_false (jm_board_segment_intersects_rect (0, 20, 10, 20, &r));
  g_assert_false (jm_board_segment_intersects_rect (0, 25, 15, 40, &r));
}

/* Fills @g with a board of random size, where each cell holds from none
 * to a few cards of random heights, and returns the number of cards. */
static guint
random_board (JmBoardGeometry *g,
              GRand           *rand,
              const guint     *stage_order)
{
  guint n_stages = g_rand_int_range (rand, 1, 7);
  guint n_lanes = g_rand_int_range (rand, 1, 5);

  jm_board_geometry_reset (g, n_stages, n_lanes);
  for (guint l = 0; l < n_lanes; l++)
    for (guint s = 0; s < n_stages; s++)
      {
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint k = 0; k < n; k++)
          jm_board_geometry_add_card (g, stage_order != NULL ? stage_order[s] : s, l,
                                      g_rand_double_range (rand, 30, 180), NULL);
      }
  jm_board_geometry_layout (g);
  return jm_board_geometry_get_n_cards (g);
}

static void
test_link_routes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  const double clearance = 3;

  for (guint board = 0; board < 200; board++)
    {
      g_autoptr(JmBoardGeometry) g = jm_board_geometry_new (NULL);
      guint n = random_board (g, rand, NULL);

      /* Every pair on the smaller boards, a sample on the larger. */
      for (guint from = 0; from < n; from++)
        for (guint to = 0; to < n; to++)
          if (from != to && (n < 30 || g_rand_int_range (rand, 0, 8) == 0))
            assert_route_clear (g, from, to, clearance);
    }
}

/* The board of the sample map: a link from "Need" to "Select" in one lane
 * passes the card between them in "Research". */
static void
test_link_route_skips_column (void)
{
  g_autoptr(JmBoardGeometry) g = jm_board_geometry_new (NULL);
  JmBoardRoute route;
  guint a, b, c;

  jm_board_geometry_reset (g, 3, 2);
  a = jm_board_geometry_add_card (g, 0, 0, 80, NULL);
  b = jm_board_geometry_add_card (g, 1, 0, 80, NULL);
  c = jm_board_geometry_add_card (g, 2, 0, 80, NULL);
  jm_board_geometry_add_card (g, 1, 1, 80, NULL);
  jm_board_geometry_layout (g);

  assert_route_clear (g, a, c, 3);
  assert_route_clear (g, c, a, 3);
  assert_route_clear (g, a, b, 3);
  /* Between neighbours a link keeps to the one gutter. */
  jm_board_geometry_link_route (g, a, b, &route);
  g_assert_cmpuint (route.n_points, ==, 4);
}

/* After the stages are reordered, a link still runs between its own two
 * cards, now in their new columns. */
static void
test_link_routes_after_reorder (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint board = 0; board < 50; board++)
    {
      g_autoptr(JmBoardGeometry) before = jm_board_geometry_new (NULL);
      g_autoptr(JmBoardGeometry) after = jm_board_geometry_new (NULL);
      guint32 seed = g_rand_int (rand);
      g_autoptr(GRand) first = g_rand_new_with_seed (seed);
      g_autoptr(GRand) second = g_rand_new_with_seed (seed);
      guint order[6] = { 0, 1, 2, 3, 4, 5 };
      guint n, n_stages;

      n = random_board (before, first, NULL);
      n_stages = jm_board_geometry_get_n_stages (before);
      /* Move the first stage to the end, as a drag of its header does. */
      for (guint s = 0; s < n_stages; s++)
        order[s] = (s + n_stages - 1) % n_stages;
      g_assert_cmpuint (random_board (after, second, order), ==, n);

      for (guint from = 0; from < n; from++)
        for (guint to = 0; to < n; to++)
          {
            JmBoardRoute route;
            JmBoardCard *a = jm_board_geometry_get_card (after, from);
            JmBoardCard *b = jm_board_geometry_get_card (after, to);

            if (from == to)
              continue;
            g_assert_cmpuint (a->stage, ==, order[jm_board_geometry_get_card (before, from)->stage]);
            assert_route_clear (after, from, to, 3);
            jm_board_geometry_link_route (after, from, to, &route);
            g_assert_cmpfloat (route.x[0], ==, a->rect.x + a->rect.width);
            g_assert_cmpfloat (route.x[route.n_points - 1], ==, b->rect.x);
          }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board-geometry/layout", test_layout);
  g_test_add_func ("/board-geometry/hit", test_hit);
  g_test_add_func ("/board-geometry/cell-at", test_cell_at);
  g_test_add_func ("/board-geometry/drop-target", test_drop_target);
  g_test_add_func ("/board-geometry/drop-target-empty", test_drop_target_empty_board);
  g_test_add_func ("/board-geometry/slots", test_slots);
  g_test_add_func ("/board-geometry/many-cards", test_many_cards);
  g_test_add_func ("/board-geometry/segment-intersects", test_segment_intersects);
  g_test_add_func ("/board-geometry/link-routes", test_link_routes);
  g_test_add_func ("/board-geometry/link-route-skips-column", test_link_route_skips_column);
  g_test_add_func ("/board-geometry/link-routes-after-reorder", test_link_routes_after_reorder);

  return g_test_run ();
}
