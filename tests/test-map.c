/* test-map.c: the map model and its undoable edits
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-map.h"
#include "jm-test-util.h"

static void
test_templates (void)
{
  g_autofree const char **ids = jm_map_list_templates ();
  guint expected[] = { 0, 4, 8, 9 };

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 4);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(JmMap) map = jm_map_new_from_template (ids[i]);

      g_assert_nonnull (map);
      g_assert_nonnull (jm_map_get_template_label (ids[i]));
      g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (map)), ==, expected[i]);
      g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (map)), ==, 1);
      g_assert_false (jm_map_get_modified (map));
    }
  g_assert_null (jm_map_new_from_template ("no-such-template"));
}

static void
test_add_move_remove (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  g_autoptr(JmStage) first = g_list_model_get_item (jm_map_get_stages (map), 0);
  g_autoptr(JmStage) second = g_list_model_get_item (jm_map_get_stages (map), 1);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  g_autoptr(GPtrArray) cell = NULL;
  g_autofree char *before = jm_test_dump_map (map);
  g_autofree char *after = NULL;
  JmTouchpoint *a, *b, *c;
  const char *links[] = { NULL, NULL };
  guint position;

  a = jm_map_add_touchpoint (map, first, persona, -1, "A");
  b = jm_map_add_touchpoint (map, first, persona, -1, "B");
  c = jm_map_add_touchpoint (map, first, persona, 0, "C");
  g_assert_true (jm_map_get_modified (map));

  cell = jm_map_get_cell (map, first, persona);
  g_assert_cmpuint (cell->len, ==, 3);
  g_assert_true (g_ptr_array_index (cell, 0) == c);
  g_assert_true (g_ptr_array_index (cell, 1) == a);
  g_assert_true (g_ptr_array_index (cell, 2) == b);
  g_clear_pointer (&cell, g_ptr_array_unref);

  /* Within the cell: C to the end. */
  jm_map_move_touchpoint (map, c, first, persona, -1);
  cell = jm_map_get_cell (map, first, persona);
  g_assert_true (g_ptr_array_index (cell, 2) == c);
  g_clear_pointer (&cell, g_ptr_array_unref);

  /* To another cell, as one step. */
  jm_map_move_touchpoint (map, a, second, persona, 0);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (a), ==, jm_stage_get_id (second));
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Move Card");
  jm_map_undo (map);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (a), ==, jm_stage_get_id (first));
  jm_map_redo (map);

  /* Removing a card removes the links to it, in the same step. */
  links[0] = jm_touchpoint_get_id (a);
  jm_map_edit_strv (map, b, "links", links);
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (b)), ==, 1);
  g_object_ref (a);
  jm_map_remove_touchpoint (map, a);
  g_assert_false (jm_map_find_touchpoint (map, a, &position));
  g_assert_null (jm_map_lookup_touchpoint (map, jm_touchpoint_get_id (a)));
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (b)), ==, 0);
  jm_map_undo (map);
  g_assert_true (jm_map_lookup_touchpoint (map, jm_touchpoint_get_id (a)) == a);
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (b)), ==, 1);
  g_object_unref (a);

  /* Removing a stage takes its cards with it; undo brings all back. */
  jm_map_remove_stage (map, first);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (map)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 1);
  jm_map_undo (map);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 3);

  while (jm_map_undo (map))
    ;
  after = jm_test_dump_map (map);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (jm_map_get_modified (map));
}

static void
test_edit_refuses_bad_values (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  JmTouchpoint *touchpoint = jm_map_add_touchpoint (map, stage, persona, -1, "Card");
  guint steps = jm_history_get_n_steps (jm_map_get_history (map));

  jm_map_edit_int (map, touchpoint, "responsiveness", 6);
  jm_map_edit_int (map, touchpoint, "convenience", -1);
  jm_map_edit_double (map, map, "weight-relevance", -1.0);
  jm_map_edit_string (map, touchpoint, "title", "Card");
  {
    /* Equal lists are no change, whatever their address. */
    const char *teams[] = { "Billing", NULL };
    g_auto(GStrv) copy = g_strdupv ((char **) teams);

    jm_map_edit_strv (map, touchpoint, "teams", teams);
    steps++;
    jm_map_edit_strv (map, touchpoint, "teams", (const char * const *) copy);
    jm_map_edit_strv (map, touchpoint, "links", NULL);
  }
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps);
  g_assert_cmpint (jm_touchpoint_get_rating (touchpoint, JM_MEASURE_RESPONSIVENESS), ==, 0);

  jm_map_edit_int (map, touchpoint, "responsiveness", 4);
  g_assert_cmpint (jm_touchpoint_get_rating (touchpoint, JM_MEASURE_RESPONSIVENESS), ==, 4);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps + 1);
}

/* Keys typed into a field, recorded one by one, are one undo step. */
static void
type_title (JmMap        *map,
            JmTouchpoint *touchpoint,
            guint        *merge_id,
            const char   *title)
{
  jm_map_begin_merge (map, NULL, merge_id);
  jm_map_edit_string (map, touchpoint, "title", title);
  jm_map_end (map);
}

static void
test_merged_edits (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  JmTouchpoint *touchpoint = jm_map_add_touchpoint (map, stage, persona, -1, "Card");
  JmHistory *history = jm_map_get_history (map);
  guint steps = jm_history_get_n_steps (history);
  guint merge_id = 0;
  guint other_id = 0;

  jm_history_mark_saved (history);
  type_title (map, touchpoint, &merge_id, "C");
  g_assert_cmpuint (merge_id, !=, 0);
  type_title (map, touchpoint, &merge_id, "Ca");
  type_title (map, touchpoint, &merge_id, "Cab");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);
  g_assert_true (jm_map_get_modified (map));
  g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_touchpoint_get_title (touchpoint), ==, "Card");
  g_assert_false (jm_map_get_modified (map));
  g_assert_true (jm_map_redo (map));
  g_assert_cmpstr (jm_touchpoint_get_title (touchpoint), ==, "Cab");

  /* Typed back to where it started: no step, nothing modified. */
  type_title (map, touchpoint, &merge_id, "Card");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps);
  g_assert_false (jm_map_get_modified (map));

  /* A save, or another gesture, in between starts a new step. */
  type_title (map, touchpoint, &merge_id, "Cards");
  jm_history_mark_saved (history);
  type_title (map, touchpoint, &merge_id, "Cards!");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 2);
  g_assert_true (jm_map_get_modified (map));
  type_title (map, touchpoint, &other_id, "Other");
  type_title (map, touchpoint, &merge_id, "Cards!!");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_touchpoint_get_title (touchpoint), ==, "Card");
}

static void
test_ids_unique (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmStage) taken = jm_stage_new ("s1", "Taken");
  g_autoptr(JmStage) clash = jm_stage_new ("s1", "Clash");
  g_autofree char *id = NULL;

  g_assert_true (jm_map_append_stage (map, taken));
  g_assert_false (jm_map_append_stage (map, clash));
  id = jm_map_new_id (map, "s");
  g_assert_cmpstr (id, !=, "s1");
}

static void
test_initials (void)
{
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Émile van der Berg");
  g_autofree char *initials = jm_persona_dup_initials (persona);

  g_assert_cmpstr (initials, ==, "ÉV");
}

/* Thousands of random edits, then undo all: the map is as it was; redo all
 * gives the edited map again. */
static void
test_random_edits (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("first-person");
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  guint n_edits = g_test_slow () ? 20000 : 3000;

  jm_map_add_persona (map, -1, "Fridah");
  jm_map_add_persona (map, -1, "James");
  jm_history_clear (jm_map_get_history (map));
  original = jm_test_dump_map (map);

  for (guint i = 0; i < n_edits; i++)
    {
      GListModel *stages = jm_map_get_stages (map);
      GListModel *personas = jm_map_get_personas (map);
      GListModel *touchpoints = jm_map_get_touchpoints (map);
      guint n_stages = g_list_model_get_n_items (stages);
      guint n_personas = g_list_model_get_n_items (personas);
      guint n_touchpoints = g_list_model_get_n_items (touchpoints);
      g_autoptr(JmStage) stage = n_stages ? g_list_model_get_item (stages, g_rand_int_range (rand, 0, n_stages)) : NULL;
      g_autoptr(JmPersona) persona = n_personas ? g_list_model_get_item (personas, g_rand_int_range (rand, 0, n_personas)) : NULL;
      g_autoptr(JmTouchpoint) touchpoint = n_touchpoints ? g_list_model_get_item (touchpoints, g_rand_int_range (rand, 0, n_touchpoints)) : NULL;
      g_autofree char *text = g_strdup_printf ("edit %u é", i);

      switch (g_rand_int_range (rand, 0, 14))
        {
        case 0:
          jm_map_add_stage (map, g_rand_int_range (rand, -1, n_stages + 1), text);
          break;
        case 1:
          if (stage && n_stages > 2)
            jm_map_remove_stage (map, stage);
          break;
        case 2:
          if (stage)
            jm_map_move_stage (map, stage, g_rand_int_range (rand, 0, n_stages));
          break;
        case 3:
          if (g_rand_boolean (rand))
            jm_map_add_persona (map, -1, text);
          else if (persona && n_personas > 1)
            jm_map_remove_persona (map, persona);
          break;
        case 4:
          if (persona)
            jm_map_move_persona (map, persona, g_rand_int_range (rand, 0, n_personas));
          break;
        case 5:
        case 6:
          if (stage && persona)
            jm_map_add_touchpoint (map, stage, persona, g_rand_int_range (rand, -1, 3), text);
          break;
        case 7:
          if (touchpoint)
            jm_map_remove_touchpoint (map, touchpoint);
          break;
        case 8:
          if (touchpoint && stage && persona)
            jm_map_move_touchpoint (map, touchpoint, stage, persona, g_rand_int_range (rand, -1, 4));
          break;
        case 9:
          if (touchpoint)
            jm_map_edit_int (map, touchpoint,
                             jm_touchpoint_rating_property (g_rand_int_range (rand, 0, JM_N_MEASURES)),
                             g_rand_int_range (rand, 0, 6));
          break;
        case 10:
          if (touchpoint)
            {
              const char *teams[] = { "Billing", text, NULL };
              jm_map_begin (map, "Edit card");
              jm_map_edit_string (map, touchpoint, "title", text);
              jm_map_edit_strv (map, touchpoint, "teams", teams);
              jm_map_edit_boolean (map, touchpoint, "moment-of-truth", g_rand_boolean (rand));
              jm_map_edit_int (map, touchpoint, "emotion", g_rand_int_range (rand, -2, 3));
              jm_map_end (map);
            }
          break;
        case 11:
          if (persona)
            jm_map_edit_string (map, persona, "quote", text);
          break;
        case 12:
          jm_map_edit_double (map, map, jm_map_weight_property (g_rand_int_range (rand, 0, JM_N_MEASURES)),
                              g_rand_int_range (rand, 0, 5));
          break;
        case 13:
          /* Undo and redo in the middle of editing. */
          if (g_rand_boolean (rand))
            jm_map_undo (map);
          else
            jm_map_redo (map);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* The random undos may have left steps to redo: start from the tip. */
  while (jm_map_redo (map))
    ;
  edited = jm_test_dump_map (map);
  while (jm_map_undo (map))
    ;
  undone = jm_test_dump_map (map);
  g_assert_cmpstr (original, ==, undone);
  g_assert_false (jm_map_get_modified (map));

  while (jm_map_redo (map))
    ;
  redone = jm_test_dump_map (map);
  g_assert_cmpstr (edited, ==, redone);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/templates", test_templates);
  g_test_add_func ("/map/add-move-remove", test_add_move_remove);
  g_test_add_func ("/map/edit-refuses-bad-values", test_edit_refuses_bad_values);
  g_test_add_func ("/map/merged-edits", test_merged_edits);
  g_test_add_func ("/map/ids-unique", test_ids_unique);
  g_test_add_func ("/map/initials", test_initials);
  g_test_add_func ("/map/random-edits", test_random_edits);

  return g_test_run ();
}
