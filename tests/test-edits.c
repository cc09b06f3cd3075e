/* test-edits.c: the edits shared by the board, the outline and the menus
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-edits.h"
#include "jm-test-util.h"

/* A map of @n_stages stages and @n_lanes lanes, without history. */
static JmMap *
new_board (guint n_stages,
           guint n_lanes)
{
  JmMap *map = jm_map_new ();

  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr(JmStage) stage = jm_stage_new (id, id);

      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; i < n_lanes; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(JmPersona) persona = jm_persona_new (id, id);

      jm_map_append_persona (map, persona);
    }
  return map;
}

static JmStage *
stage_at (JmMap *map,
          guint  i)
{
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), i);

  return stage;
}

static JmPersona *
lane_at (JmMap *map,
         guint  i)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), i);

  return persona;
}

static JmTouchpoint *
card (JmMap      *map,
      guint       stage,
      guint       lane,
      const char *title)
{
  g_autofree char *id = jm_map_new_id (map, "t");
  g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stage_at (map, stage)),
                                                          jm_persona_get_id (lane_at (map, lane)), title);

  jm_map_append_touchpoint (map, touchpoint);
  return touchpoint;
}

/* The titles of a cell's cards, joined by spaces. */
static char *
cell_titles (JmMap *map,
             guint  stage,
             guint  lane)
{
  g_autoptr(GPtrArray) cell = jm_map_get_cell (map, stage_at (map, stage), lane_at (map, lane));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < cell->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", jm_touchpoint_get_title (g_ptr_array_index (cell, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_cell(map, stage, lane, expected) \
  G_STMT_START { \
    g_autofree char *titles_ = cell_titles (map, stage, lane); \
    g_assert_cmpstr (titles_, ==, expected); \
  } G_STMT_END

static const char *
undo_label (JmMap *map)
{
  return jm_history_get_undo_label (jm_map_get_history (map));
}

/* Undoing and redoing the last step gives @before and the map as it is. */
static void
assert_undo_redo (JmMap      *map,
                  const char *before)
{
  g_autofree char *after = jm_test_dump_map (map);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  guint n_steps = jm_history_get_n_steps (jm_map_get_history (map));

  g_assert_true (jm_map_undo (map));
  undone = jm_test_dump_map (map);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (jm_map_redo (map));
  redone = jm_test_dump_map (map);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, n_steps);
}

static void
test_add_stage_after (void)
{
  g_autoptr(JmMap) map = new_board (3, 1);
  g_autofree char *before = jm_test_dump_map (map);
  JmStage *stage;
  guint position;

  stage = jm_edits_add_stage_after (map, stage_at (map, 0));
  g_assert_true (jm_map_find_stage (map, stage, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpstr (jm_stage_get_name (stage), ==, "New Stage");
  g_assert_cmpstr (undo_label (map), ==, "Add Stage");
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, 1);
  assert_undo_redo (map, before);

  stage = jm_edits_add_stage_after (map, NULL);
  g_assert_true (jm_map_find_stage (map, stage, &position));
  g_assert_cmpuint (position, ==, 4);
}

static void
test_add_persona_after (void)
{
  g_autoptr(JmMap) map = new_board (1, 3);
  g_autofree char *before = jm_test_dump_map (map);
  JmPersona *persona;
  guint position;

  persona = jm_edits_add_persona_after (map, lane_at (map, 1));
  g_assert_true (jm_map_find_persona (map, persona, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_cmpstr (jm_persona_get_name (persona), ==, "New Persona");
  g_assert_cmpstr (undo_label (map), ==, "Add Persona");
  assert_undo_redo (map, before);

  persona = jm_edits_add_persona_after (map, NULL);
  g_assert_true (jm_map_find_persona (map, persona, &position));
  g_assert_cmpuint (position, ==, 4);
}

static void
test_add_touchpoint (void)
{
  g_autoptr(JmMap) map = new_board (1, 1);
  JmTouchpoint *a = card (map, 0, 0, "A");
  g_autofree char *before = NULL;
  JmTouchpoint *added;

  card (map, 0, 0, "B");
  before = jm_test_dump_map (map);
  added = jm_edits_add_touchpoint (map, stage_at (map, 0), lane_at (map, 0), a);
  g_assert_cmpstr (jm_touchpoint_get_title (added), ==, "New touchpoint");
  assert_cell (map, 0, 0, "A New touchpoint B");
  g_assert_cmpstr (undo_label (map), ==, "Add Touchpoint");
  assert_undo_redo (map, before);

  jm_map_edit_string (map, added, "title", "C");
  jm_edits_add_touchpoint (map, stage_at (map, 0), lane_at (map, 0), NULL);
  assert_cell (map, 0, 0, "A C B New touchpoint");
}

/* A card typed in place (or captured, or sent from the room) keeps its
 * title and place, as one step named "Add Card". */
static void
test_add_card (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  g_autofree char *before = NULL;
  JmTouchpoint *added;

  card (map, 1, 0, "A");
  card (map, 1, 0, "B");
  before = jm_test_dump_map (map);
  added = jm_edits_add_card (map, stage_at (map, 1), lane_at (map, 0), 1, "Waits on hold");
  g_assert_cmpstr (jm_touchpoint_get_title (added), ==, "Waits on hold");
  assert_cell (map, 1, 0, "A Waits on hold B");
  g_assert_cmpstr (undo_label (map), ==, "Add Card");
  assert_undo_redo (map, before);

  jm_edits_add_card (map, stage_at (map, 0), lane_at (map, 0), -1, "First");
  assert_cell (map, 0, 0, "First");
}

/* A paste of several lines is one step, blank lines skipped, in order. */
static void
test_add_cards (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char *titles[] = { "Calls", "", "  Waits on hold ", "   ", "Hangs up", NULL };
  const char *blank[] = { "", " ", NULL };
  guint n_steps;

  card (map, 1, 0, "A");
  card (map, 1, 0, "B");
  before = jm_test_dump_map (map);
  added = jm_edits_add_cards (map, stage_at (map, 1), lane_at (map, 0), 1, titles);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_cmpstr (jm_touchpoint_get_title (added->pdata[1]), ==, "Waits on hold");
  assert_cell (map, 1, 0, "A Calls Waits on hold Hangs up B");
  g_assert_cmpstr (undo_label (map), ==, "Add 3 Cards");
  assert_undo_redo (map, before);

  n_steps = jm_history_get_n_steps (jm_map_get_history (map));
  none = jm_edits_add_cards (map, stage_at (map, 0), lane_at (map, 0), -1, blank);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, n_steps);
}

/* Without a lane the cards go to the parking lot, created in the same step
 * and found again the next time. */
static void
test_add_cards_parking_lot (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  g_autofree char *before = jm_test_dump_map (map);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  const char *one[] = { "Loose idea", NULL };
  const char *two[] = { "Question", NULL };
  JmPersona *lot;

  first = jm_edits_add_cards (map, stage_at (map, 0), NULL, -1, one);
  lot = jm_map_lookup_persona (map, JM_EDITS_PARKING_LOT_ID);
  g_assert_nonnull (lot);
  g_assert_cmpstr (jm_persona_get_name (lot), ==, "Parking lot");
  g_assert_true (lane_at (map, 1) == lot);
  assert_cell (map, 0, 1, "Loose idea");
  g_assert_cmpstr (undo_label (map), ==, "Add Card");
  assert_undo_redo (map, before);

  second = jm_edits_add_cards (map, stage_at (map, 0), NULL, -1, two);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (map)), ==, 2);
  assert_cell (map, 0, 1, "Loose idea Question");
  g_assert_true (jm_edits_ensure_parking_lot (map) == lot);
}

static void
test_delete (void)
{
  g_autoptr(JmMap) map = new_board (3, 2);
  JmTouchpoint *a = card (map, 0, 0, "A");
  JmTouchpoint *b = card (map, 1, 0, "B");
  JmTouchpoint *c = card (map, 2, 1, "C");
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  g_autofree char *before = NULL;
  const char *links[] = { NULL, NULL };

  links[0] = jm_touchpoint_get_id (b);
  jm_touchpoint_set_links (c, links);
  before = jm_test_dump_map (map);

  g_ptr_array_add (objects, a);
  g_ptr_array_add (objects, b);
  g_ptr_array_add (objects, a);
  g_assert_true (jm_edits_delete (map, objects));
  g_assert_cmpstr (undo_label (map), ==, "Delete 2 Cards");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (c)), ==, 0);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, 1);
  assert_undo_redo (map, before);
  /* Deleted objects are no longer in the map: deleting them again does nothing. */
  g_assert_false (jm_edits_delete (map, objects));

  g_ptr_array_set_size (objects, 0);
  g_ptr_array_add (objects, c);
  g_assert_true (jm_edits_delete (map, objects));
  g_assert_cmpstr (undo_label (map), ==, "Delete Card");
  jm_map_undo (map);

  g_ptr_array_set_size (objects, 0);
  g_ptr_array_add (objects, stage_at (map, 2));
  g_assert_true (jm_edits_delete (map, objects));
  g_assert_cmpstr (undo_label (map), ==, "Delete Stage");
  jm_map_undo (map);

  g_ptr_array_set_size (objects, 0);
  g_ptr_array_add (objects, lane_at (map, 0));
  g_ptr_array_add (objects, lane_at (map, 1));
  g_assert_true (jm_edits_delete (map, objects));
  g_assert_cmpstr (undo_label (map), ==, "Delete 2 Personas");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 0);
  jm_map_undo (map);

  /* A card and the stage it is in: one step. */
  g_ptr_array_set_size (objects, 0);
  g_ptr_array_add (objects, stage_at (map, 2));
  g_ptr_array_add (objects, c);
  g_assert_true (jm_edits_delete (map, objects));
  g_assert_cmpstr (undo_label (map), ==, "Delete 2 Items");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (map)), ==, 2);
  jm_map_undo (map);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (map)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 1);
}

static void
test_move_stage_and_persona (void)
{
  g_autoptr(JmMap) map = new_board (3, 2);
  g_autofree char *before = jm_test_dump_map (map);
  JmStage *first = stage_at (map, 0);
  JmPersona *top = lane_at (map, 0);
  guint position;

  g_assert_false (jm_edits_move_stage (map, first, -1));
  g_assert_false (jm_map_get_modified (map));
  g_assert_true (jm_edits_move_stage (map, first, 1));
  g_assert_true (jm_map_find_stage (map, first, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpstr (undo_label (map), ==, "Move Stage");
  assert_undo_redo (map, before);
  g_assert_true (jm_edits_move_stage (map, first, 1));
  g_assert_false (jm_edits_move_stage (map, first, 1));
  g_assert_false (jm_edits_move_stage_to (map, first, 2));
  g_assert_true (jm_edits_move_stage_to (map, first, 0));

  g_assert_false (jm_edits_move_persona (map, top, -1));
  g_assert_true (jm_edits_move_persona (map, top, 1));
  g_assert_cmpstr (undo_label (map), ==, "Move Persona");
  g_assert_false (jm_edits_move_persona (map, top, 1));
  g_assert_true (jm_edits_move_persona_to (map, top, 0));
  g_assert_true (jm_map_find_persona (map, top, &position));
  g_assert_cmpuint (position, ==, 0);
}

static void
test_move_cards_to_cell (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  JmTouchpoint *a = card (map, 0, 0, "A");
  JmTouchpoint *b = card (map, 0, 0, "B");
  JmTouchpoint *x = card (map, 1, 0, "X");
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autofree char *before = jm_test_dump_map (map);

  card (map, 1, 0, "Y");
  g_clear_pointer (&before, g_free);
  before = jm_test_dump_map (map);
  /* Given out of order, they land in the map's order. */
  g_ptr_array_add (cards, b);
  g_ptr_array_add (cards, a);
  jm_edits_move_cards_to_cell (map, cards, stage_at (map, 1), lane_at (map, 0), x);
  assert_cell (map, 1, 0, "A B X Y");
  assert_cell (map, 0, 0, "");
  g_assert_cmpstr (undo_label (map), ==, "Move Cards");
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, 1);
  assert_undo_redo (map, before);

  g_ptr_array_set_size (cards, 1);
  jm_edits_move_cards_to_cell (map, cards, stage_at (map, 0), lane_at (map, 0), NULL);
  g_assert_cmpstr (undo_label (map), ==, "Move Card");
  assert_cell (map, 0, 0, "B");
}

/* Cards in two cells, moved a stage right: each keeps its place among
 * the cards that stay, and the group moves in one step. */
static void
test_move_group_keeps_arrangement (void)
{
  g_autoptr(JmMap) map = new_board (3, 2);
  JmTouchpoint *a, *c;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autofree char *before = NULL;

  card (map, 0, 0, "K");
  a = card (map, 0, 0, "A");
  card (map, 1, 0, "P");
  card (map, 1, 0, "Q");
  c = card (map, 0, 1, "C");
  card (map, 1, 1, "R");
  before = jm_test_dump_map (map);

  g_ptr_array_add (cards, c);
  g_ptr_array_add (cards, a);
  g_assert_true (jm_edits_spans_cells (map, cards, NULL));
  g_assert_true (jm_edits_move_cards (map, cards, NULL, 1, 0, NULL, NULL));
  assert_cell (map, 0, 0, "K");
  assert_cell (map, 1, 0, "P A Q");
  assert_cell (map, 1, 1, "C R");
  g_assert_cmpstr (undo_label (map), ==, "Move Cards");
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, 1);
  assert_undo_redo (map, before);

  /* Two stages right would take them past the edge: only one is made. */
  g_assert_false (jm_edits_move_cards (map, cards, NULL, 2, 0, NULL, NULL));
  assert_cell (map, 2, 0, "A");
  assert_cell (map, 2, 1, "C");
}

/* At the edge the whole group stays, not just the card at the edge. */
static void
test_move_group_refused_at_edge (void)
{
  g_autoptr(JmMap) map = new_board (3, 2);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autofree char *before = NULL;
  guint n_steps;

  g_ptr_array_add (cards, card (map, 1, 0, "A"));
  g_ptr_array_add (cards, card (map, 2, 1, "B"));
  before = jm_test_dump_map (map);
  n_steps = jm_history_get_n_steps (jm_map_get_history (map));

  g_assert_false (jm_edits_step_cards (map, cards, NULL, NULL, 1, 0));
  g_assert_false (jm_edits_step_cards (map, cards, NULL, NULL, 0, 1));
  g_assert_false (jm_edits_move_cards (map, cards, NULL, 0, -1, NULL, NULL));
  {
    g_autofree char *after = jm_test_dump_map (map);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, n_steps);

  g_assert_true (jm_edits_step_cards (map, cards, NULL, NULL, -1, 0));
  assert_cell (map, 0, 0, "A");
  assert_cell (map, 1, 1, "B");
  g_assert_cmpstr (undo_label (map), ==, "Move Cards");
}

/* Cards of one cell step as the arrow keys take them: left and right to
 * the same place of the next stage, up and down over one card, then on
 * into the next lane. */
static void
test_step_one_cell (void)
{
  g_autoptr(JmMap) map = new_board (2, 2);
  JmTouchpoint *b;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autofree char *before = NULL;

  card (map, 0, 0, "A");
  b = card (map, 0, 0, "B");
  card (map, 0, 0, "C");
  card (map, 1, 0, "X");
  card (map, 1, 0, "Y");
  card (map, 0, 1, "Z");
  before = jm_test_dump_map (map);
  g_ptr_array_add (cards, b);

  g_assert_true (jm_edits_step_cards (map, cards, NULL, b, 1, 0));
  assert_cell (map, 1, 0, "X B Y");
  g_assert_cmpstr (undo_label (map), ==, "Move Card");
  assert_undo_redo (map, before);
  jm_map_undo (map);

  g_assert_true (jm_edits_step_cards (map, cards, NULL, b, 0, 1));
  assert_cell (map, 0, 0, "A C B");
  g_assert_true (jm_edits_step_cards (map, cards, NULL, b, 0, 1));
  assert_cell (map, 0, 0, "A C");
  assert_cell (map, 0, 1, "B Z");
  g_assert_false (jm_edits_step_cards (map, cards, NULL, b, -1, 0));
  g_assert_true (jm_edits_step_cards (map, cards, NULL, b, 0, -1));
  assert_cell (map, 0, 0, "A C B");
  g_assert_true (jm_edits_step_cards (map, cards, NULL, b, 0, -1));
  g_assert_true (jm_edits_step_cards (map, cards, NULL, b, 0, -1));
  assert_cell (map, 0, 0, "B A C");
  g_assert_false (jm_edits_step_cards (map, cards, NULL, b, 0, -1));
}

/* With a lane not shown, a step down goes past it to the next one shown. */
static void
test_step_shown_lanes (void)
{
  g_autoptr(JmMap) map = new_board (1, 3);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) lanes = g_ptr_array_new ();

  g_ptr_array_add (cards, card (map, 0, 0, "A"));
  g_ptr_array_add (lanes, lane_at (map, 0));
  g_ptr_array_add (lanes, lane_at (map, 2));

  g_assert_true (jm_edits_step_cards (map, cards, lanes, NULL, 0, 1));
  assert_cell (map, 0, 1, "");
  assert_cell (map, 0, 2, "A");
  g_assert_false (jm_edits_step_cards (map, cards, lanes, NULL, 0, 1));
}

/* A drop: the dragged card leads, the cards of its cell go before the
 * card dropped on, the others keep their places around it. */
static void
test_move_group_anchor (void)
{
  g_autoptr(JmMap) map = new_board (3, 1);
  JmTouchpoint *a, *b, *q;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  a = card (map, 0, 0, "A");
  b = card (map, 1, 0, "B");
  card (map, 1, 0, "P");
  q = card (map, 2, 0, "Q");
  card (map, 2, 0, "R");
  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, b);

  g_assert_true (jm_edits_move_cards (map, cards, NULL, 1, 0, a, NULL));
  assert_cell (map, 1, 0, "P A");
  assert_cell (map, 2, 0, "B Q R");
  jm_map_undo (map);
  g_assert_true (jm_edits_move_cards (map, cards, NULL, 1, 0, b, q));
  assert_cell (map, 2, 0, "B Q R");
  jm_map_undo (map);
  g_assert_true (jm_edits_move_cards (map, cards, NULL, 0, 0, b, NULL));
  assert_cell (map, 0, 0, "A");
  assert_cell (map, 1, 0, "P B");
}

static void
test_duplicate_and_paste (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  JmTouchpoint *a = card (map, 0, 0, "A");
  JmTouchpoint *b = card (map, 0, 0, "B");
  JmTouchpoint *x = card (map, 1, 0, "X");
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autofree char *before = NULL;
  const char *links[] = { NULL, NULL };

  links[0] = jm_touchpoint_get_id (x);
  jm_touchpoint_set_links (a, links);
  jm_touchpoint_set_moment_of_truth (a, TRUE);
  before = jm_test_dump_map (map);

  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, b);
  added = jm_edits_duplicate (map, cards);
  g_assert_cmpuint (added->len, ==, 2);
  assert_cell (map, 0, 0, "A A B B");
  g_assert_cmpstr (jm_touchpoint_get_id (g_ptr_array_index (added, 0)), !=, jm_touchpoint_get_id (a));
  g_assert_true (jm_touchpoint_get_moment_of_truth (g_ptr_array_index (added, 0)));
  g_assert_cmpstr (jm_touchpoint_get_links (g_ptr_array_index (added, 0))[0], ==, jm_touchpoint_get_id (x));
  g_assert_cmpstr (undo_label (map), ==, "Duplicate");
  assert_undo_redo (map, before);
  jm_map_undo (map);

  /* Pasted after a card of the cell, or at its end; a link to a card no
   * longer in the map is left out. */
  pasted = jm_edits_paste (map, cards, jm_map_lookup_stage (map, "s1"), jm_map_lookup_persona (map, "p0"), NULL);
  assert_cell (map, 1, 0, "X A B");
  g_assert_cmpstr (undo_label (map), ==, "Paste");
  jm_map_undo (map);
  g_clear_pointer (&pasted, g_ptr_array_unref);
  g_ptr_array_set_size (cards, 1);
  {
    g_autoptr(GPtrArray) removed = g_ptr_array_new ();

    g_ptr_array_add (removed, x);
    g_ptr_array_add (removed, b);
    g_object_ref (x);
    jm_edits_delete (map, removed);
    pasted = jm_edits_paste (map, cards, jm_map_lookup_stage (map, "s0"), jm_map_lookup_persona (map, "p0"), a);
    g_object_unref (x);
  }
  assert_cell (map, 0, 0, "A A");
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (g_ptr_array_index (pasted, 0))), ==, 0);
}

/* Cards copied together keep their links to each other: each copy links
 * to the other copy, not to the card it was copied from. */
static void
test_paste_keeps_links_between_copies (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  JmTouchpoint *a = card (map, 0, 0, "A");
  JmTouchpoint *b = card (map, 0, 0, "B");
  JmTouchpoint *x = card (map, 1, 0, "X");
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) pasted = NULL;
  const char *links[] = { NULL, NULL, NULL };
  const char * const *copied;

  links[0] = jm_touchpoint_get_id (b);
  links[1] = jm_touchpoint_get_id (x);
  jm_touchpoint_set_links (a, links);
  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, b);
  pasted = jm_edits_paste (map, cards, jm_map_lookup_stage (map, "s1"), jm_map_lookup_persona (map, "p0"), NULL);
  g_assert_cmpuint (pasted->len, ==, 2);
  copied = jm_touchpoint_get_links (g_ptr_array_index (pasted, 0));
  g_assert_cmpuint (g_strv_length ((char **) copied), ==, 2);
  g_assert_cmpstr (copied[0], ==, jm_touchpoint_get_id (g_ptr_array_index (pasted, 1)));
  g_assert_cmpstr (copied[1], ==, jm_touchpoint_get_id (x));
  g_assert_cmpstr (jm_touchpoint_get_id (g_ptr_array_index (pasted, 0)), !=,
                   jm_touchpoint_get_id (g_ptr_array_index (pasted, 1)));
  /* The originals are untouched. */
  g_assert_cmpstr (jm_touchpoint_get_links (a)[0], ==, jm_touchpoint_get_id (b));
}

/* Imported cards go to the cells their rows name, stages and lanes found
 * by name whatever the case, missing ones added, cards with no lane to
 * the parking lot; one step takes all of it back. */
static void
test_import_cards (void)
{
  g_autoptr(JmMap) map = new_board (2, 1);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stages = g_ptr_array_new ();
  g_autoptr(GPtrArray) lanes = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *before = jm_test_dump_map (map);
  JmStage *made;

  g_ptr_array_add (cards, jm_touchpoint_new ("r1", "", "", "Into s1"));
  g_ptr_array_add (stages, " S1 ");
  g_ptr_array_add (lanes, "p0");
  g_ptr_array_add (cards, jm_touchpoint_new ("r2", "", "", "New stage and lane"));
  g_ptr_array_add (stages, "Renew");
  g_ptr_array_add (lanes, "Bob");
  g_ptr_array_add (cards, jm_touchpoint_new ("r3", "", "", "Unsorted"));
  g_ptr_array_add (stages, NULL);
  g_ptr_array_add (lanes, NULL);

  added = jm_edits_import_cards (map, cards, stages, lanes);
  g_assert_cmpuint (added->len, ==, 3);
  assert_cell (map, 1, 0, "Into s1");
  made = stage_at (map, 2);
  g_assert_cmpstr (jm_stage_get_name (made), ==, "Renew");
  g_assert_cmpstr (jm_touchpoint_get_stage_id (g_ptr_array_index (added, 1)), ==, jm_stage_get_id (made));
  g_assert_cmpstr (jm_persona_get_name (jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (g_ptr_array_index (added, 1)))),
                   ==, "Bob");
  g_assert_cmpstr (jm_touchpoint_get_lane_id (g_ptr_array_index (added, 2)), ==, JM_EDITS_PARKING_LOT_ID);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (g_ptr_array_index (added, 2)), ==, "s0");
  g_assert_cmpstr (undo_label (map), ==, "Import 3 Cards");
  assert_undo_redo (map, before);
}

/* Journey order: lane by lane, along each lane stage by stage, a cell's
 * cards as it shows them; a score given measure by measure under one id
 * is one step, and several cards take the same value in one step. */
static void
test_journey_order_and_score (void)
{
  g_autoptr(JmMap) map = new_board (2, 2);
  JmTouchpoint *b = card (map, 1, 0, "B");
  JmTouchpoint *c = card (map, 0, 1, "C");
  JmTouchpoint *a = card (map, 0, 0, "A");
  JmTouchpoint *a2 = card (map, 0, 0, "A2");
  g_autoptr(GPtrArray) all = jm_edits_journey_order (map, NULL);
  g_autoptr(GPtrArray) some = g_ptr_array_new ();
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  JmHistory *history = jm_map_get_history (map);
  guint merge_id = 0;
  guint steps;

  g_assert_cmpuint (all->len, ==, 4);
  g_assert_true (g_ptr_array_index (all, 0) == a);
  g_assert_true (g_ptr_array_index (all, 1) == a2);
  g_assert_true (g_ptr_array_index (all, 2) == b);
  g_assert_true (g_ptr_array_index (all, 3) == c);
  g_ptr_array_add (some, c);
  g_ptr_array_add (some, a2);
  picked = jm_edits_journey_order (map, some);
  g_assert_cmpuint (picked->len, ==, 2);
  g_assert_true (g_ptr_array_index (picked, 0) == a2);

  steps = jm_history_get_n_steps (history);
  g_ptr_array_add (one, a);
  for (JmMeasure m = 0; m < JM_N_MEASURES; m++)
    jm_edits_score_cards (map, one, jm_touchpoint_rating_property (m), (int) m + 2, &merge_id);
  jm_edits_score_cards (map, one, "emotion", -2, &merge_id);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Score Card");
  g_assert_cmpint (jm_touchpoint_get_rating (a, JM_MEASURE_RELEVANCE), ==, 5);
  g_assert_cmpint (jm_touchpoint_get_emotion (a), ==, -2);

  merge_id = 0;
  jm_edits_score_cards (map, picked, jm_touchpoint_rating_property (JM_MEASURE_RELIABILITY), 1, &merge_id);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 2);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Score 2 Cards");
  g_assert_cmpint (jm_touchpoint_get_rating (c, JM_MEASURE_RELIABILITY), ==, 1);
  g_assert_cmpint (jm_touchpoint_get_rating (a2, JM_MEASURE_RELIABILITY), ==, 1);

  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (jm_touchpoint_get_rating (c, JM_MEASURE_RELIABILITY), ==, JM_RATING_UNSET);
  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (jm_touchpoint_get_rating (a, JM_MEASURE_RESPONSIVENESS), ==, JM_RATING_UNSET);
  g_assert_cmpint (jm_touchpoint_get_emotion (a), ==, JM_EMOTION_UNSET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/add-stage-after", test_add_stage_after);
  g_test_add_func ("/edits/add-persona-after", test_add_persona_after);
  g_test_add_func ("/edits/add-touchpoint", test_add_touchpoint);
  g_test_add_func ("/edits/add-card", test_add_card);
  g_test_add_func ("/edits/add-cards", test_add_cards);
  g_test_add_func ("/edits/add-cards-parking-lot", test_add_cards_parking_lot);
  g_test_add_func ("/edits/delete", test_delete);
  g_test_add_func ("/edits/move-stage-and-persona", test_move_stage_and_persona);
  g_test_add_func ("/edits/move-cards-to-cell", test_move_cards_to_cell);
  g_test_add_func ("/edits/move-group-keeps-arrangement", test_move_group_keeps_arrangement);
  g_test_add_func ("/edits/move-group-refused-at-edge", test_move_group_refused_at_edge);
  g_test_add_func ("/edits/step-one-cell", test_step_one_cell);
  g_test_add_func ("/edits/step-shown-lanes", test_step_shown_lanes);
  g_test_add_func ("/edits/move-group-anchor", test_move_group_anchor);
  g_test_add_func ("/edits/duplicate-and-paste", test_duplicate_and_paste);
  g_test_add_func ("/edits/import-cards", test_import_cards);
  g_test_add_func ("/edits/paste-keeps-links-between-copies", test_paste_keeps_links_between_copies);
  g_test_add_func ("/edits/journey-order-and-score", test_journey_order_and_score);

  return g_test_run ();
}
