/* test-selection.c: one selection shared by the board, outline and inspector
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-map.h"
#include "jm-selection.h"

static void
on_changed (guint *count)
{
  (*count)++;
}

static void
test_set_and_select (void)
{
  g_autoptr(JmSelection) selection = jm_selection_new ();
  g_autoptr(JmTouchpoint) a = jm_touchpoint_new ("t1", "s1", "p1", "A");
  g_autoptr(JmTouchpoint) b = jm_touchpoint_new ("t2", "s1", "p1", "B");
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Stage");
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) objects = NULL;
  guint changed = 0;

  g_signal_connect_swapped (selection, "changed", G_CALLBACK (on_changed), &changed);
  g_assert_null (jm_selection_get_current (selection));

  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, b);
  jm_selection_set (selection, cards, b);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (jm_selection_get_current (selection) == b);
  g_assert_true (jm_selection_contains (selection, a));
  objects = jm_selection_get_objects (selection);
  g_assert_cmpuint (objects->len, ==, 2);

  /* The same again: no change to tell. */
  jm_selection_set (selection, cards, b);
  g_assert_cmpuint (changed, ==, 1);

  /* A current object that is not selected gives way to the first. */
  jm_selection_set (selection, cards, stage);
  g_assert_true (jm_selection_get_current (selection) == a);
  g_assert_cmpuint (changed, ==, 2);

  jm_selection_select (selection, stage);
  g_assert_true (jm_selection_get_current (selection) == stage);
  g_assert_false (jm_selection_contains (selection, a));

  jm_selection_select (selection, NULL);
  g_assert_null (jm_selection_get_current (selection));
  g_assert_false (jm_selection_contains (selection, stage));
  g_assert_cmpuint (changed, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/selection/set-and-select", test_set_and_select);

  return g_test_run ();
}
