/* test-board-model.c: the board's columns, lanes and links without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-board-model.h"

typedef struct
{
  JmMap           *map;
  JmStage         *stages[2];
  JmPersona       *personas[3];
  GPtrArray       *board_stages;
  GPtrArray       *board_lanes;
  GHashTable      *stage_index;
  GHashTable      *lane_index;
  GHashTable      *id_index;
  JmBoardGeometry *geometry;
} Board;

static void
board_init (Board *board)
{
  board->map = jm_map_new ();
  board->stages[0] = jm_map_add_stage (board->map, -1, "Aware");
  board->stages[1] = jm_map_add_stage (board->map, -1, "Buy");
  board->personas[0] = jm_map_add_persona (board->map, -1, "Ana");
  board->personas[1] = jm_map_add_persona (board->map, -1, "Ben");
  board->personas[2] = jm_map_add_persona (board->map, -1, "Cy");
  board->board_stages = g_ptr_array_new_with_free_func (g_object_unref);
  board->board_lanes = g_ptr_array_new_with_free_func (g_object_unref);
  board->stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  board->lane_index = g_hash_table_new (g_str_hash, g_str_equal);
  board->id_index = g_hash_table_new (g_str_hash, g_str_equal);
  board->geometry = jm_board_geometry_new (NULL);
}

static void
board_clear (Board *board)
{
  g_clear_pointer (&board->geometry, jm_board_geometry_free);
  g_clear_pointer (&board->id_index, g_hash_table_unref);
  g_clear_pointer (&board->lane_index, g_hash_table_unref);
  g_clear_pointer (&board->stage_index, g_hash_table_unref);
  g_clear_pointer (&board->board_lanes, g_ptr_array_unref);
  g_clear_pointer (&board->board_stages, g_ptr_array_unref);
  g_clear_object (&board->map);
}

/* Places the map's cards as the board does: each in its cell, in the
 * map's order, indexed by id. */
static void
board_place (Board *board)
{
  GListModel *list = jm_map_get_touchpoints (board->map);

  jm_board_geometry_reset (board->geometry, board->board_stages->len, board->board_lanes->len);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (board->stage_index,
                                                       jm_touchpoint_get_stage_id (touchpoint)));
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (board->lane_index,
                                                       jm_touchpoint_get_lane_id (touchpoint)));
      guint index;

      if (s == 0 || l == 0)
        continue;
      index = jm_board_geometry_add_card (board->geometry, s - 1, l - 1, 50, touchpoint);
      g_hash_table_insert (board->id_index, (gpointer) jm_touchpoint_get_id (touchpoint),
                           GUINT_TO_POINTER (index + 1));
    }
  jm_board_geometry_layout (board->geometry);
}

static void
link_to (JmTouchpoint *from,
         JmTouchpoint *to)
{
  const char *links[] = { jm_touchpoint_get_id (to), NULL };

  jm_touchpoint_set_links (from, links);
}

static void
test_lanes (void)
{
  Board board = { 0 };

  board_init (&board);
  jm_persona_set_hidden (board.personas[1], TRUE);
  jm_board_model_index_lanes (board.map, NULL, board.board_stages, board.board_lanes,
                              board.stage_index, board.lane_index);

  /* Every stage is a column; a hidden persona has no lane. */
  g_assert_cmpuint (board.board_stages->len, ==, 2);
  g_assert_true (g_ptr_array_index (board.board_stages, 1) == board.stages[1]);
  g_assert_cmpuint (board.board_lanes->len, ==, 2);
  g_assert_true (g_ptr_array_index (board.board_lanes, 0) == board.personas[0]);
  g_assert_true (g_ptr_array_index (board.board_lanes, 1) == board.personas[2]);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (board.stage_index,
                                                           jm_stage_get_id (board.stages[1]))), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (board.lane_index,
                                                           jm_persona_get_id (board.personas[2]))), ==, 2);
  g_assert_false (g_hash_table_contains (board.lane_index, jm_persona_get_id (board.personas[1])));
  board_clear (&board);

  /* A lane shown alone leaves the others out, whatever the stages. */
  board_init (&board);
  jm_board_model_index_lanes (board.map, jm_persona_get_id (board.personas[2]),
                              board.board_stages, board.board_lanes,
                              board.stage_index, board.lane_index);
  g_assert_cmpuint (board.board_stages->len, ==, 2);
  g_assert_cmpuint (board.board_lanes->len, ==, 1);
  g_assert_true (g_ptr_array_index (board.board_lanes, 0) == board.personas[2]);
  g_assert_cmpuint (g_hash_table_size (board.lane_index), ==, 1);
  board_clear (&board);
}

static gboolean
refuse_card (JmTouchpoint *touchpoint,
             gpointer      user_data)
{
  return touchpoint != user_data;
}

static void
test_links (void)
{
  Board board = { 0 };
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (JmBoardLink));
  JmTouchpoint *a, *b, *c, *hidden;
  const JmBoardLink *link;

  board_init (&board);
  a = jm_map_add_touchpoint (board.map, board.stages[0], board.personas[0], -1, "A");
  b = jm_map_add_touchpoint (board.map, board.stages[1], board.personas[0], -1, "B");
  c = jm_map_add_touchpoint (board.map, board.stages[1], board.personas[2], -1, "C");
  hidden = jm_map_add_touchpoint (board.map, board.stages[0], board.personas[1], -1, "Hidden");
  link_to (a, b);
  link_to (b, c);
  link_to (c, hidden);
  jm_persona_set_hidden (board.personas[1], TRUE);
  jm_board_model_index_lanes (board.map, NULL, board.board_stages, board.board_lanes,
                              board.stage_index, board.lane_index);
  board_place (&board);

  /* A link to a card that is not on the board is left out. */
  jm_board_model_collect_links (board.geometry, board.id_index, NULL, NULL, links);
  g_assert_cmpuint (links->len, ==, 2);
  link = &g_array_index (links, JmBoardLink, 0);
  g_assert_true (jm_board_geometry_get_card (board.geometry, link->from)->data == a);
  g_assert_true (jm_board_geometry_get_card (board.geometry, link->to)->data == b);
  link = &g_array_index (links, JmBoardLink, 1);
  g_assert_true (jm_board_geometry_get_card (board.geometry, link->from)->data == b);
  g_assert_true (jm_board_geometry_get_card (board.geometry, link->to)->data == c);

  /* A card whose place is not trusted has no links, from it or to it. */
  g_array_set_size (links, 0);
  jm_board_model_collect_links (board.geometry, board.id_index, refuse_card, c, links);
  g_assert_cmpuint (links->len, ==, 1);
  link = &g_array_index (links, JmBoardLink, 0);
  g_assert_true (jm_board_geometry_get_card (board.geometry, link->from)->data == a);
  g_array_set_size (links, 0);
  jm_board_model_collect_links (board.geometry, board.id_index, refuse_card, a, links);
  g_assert_cmpuint (links->len, ==, 1);
  link = &g_array_index (links, JmBoardLink, 0);
  g_assert_true (jm_board_geometry_get_card (board.geometry, link->from)->data == b);
  board_clear (&board);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board-model/lanes", test_lanes);
  g_test_add_func ("/board-model/links", test_links);

  return g_test_run ();
}
