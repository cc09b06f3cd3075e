/* test-history.c: the undo history on its own
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-history.h"

typedef struct
{
  int *target;
  int  old_value;
  int  new_value;
} SetInt;

static void
set_int_run (gpointer data,
             gboolean undo)
{
  SetInt *set = data;

  *set->target = undo ? set->old_value : set->new_value;
}

static void
set (JmHistory *history,
     int       *target,
     int        value)
{
  SetInt *command = g_new (SetInt, 1);

  command->target = target;
  command->old_value = *target;
  command->new_value = value;
  *target = value;
  jm_history_push (history, set_int_run, command, g_free);
}

static void
test_undo_redo (void)
{
  g_autoptr(JmHistory) history = jm_history_new ();
  int value = 0;

  g_assert_false (jm_history_can_undo (history));
  g_assert_false (jm_history_get_modified (history));

  set (history, &value, 1);
  set (history, &value, 2);
  g_assert_true (jm_history_get_modified (history));
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, 2);

  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (jm_history_can_redo (history));
  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (value, ==, 0);
  g_assert_false (jm_history_undo (history));
  g_assert_false (jm_history_get_modified (history));

  g_assert_true (jm_history_redo (history));
  g_assert_true (jm_history_redo (history));
  g_assert_cmpint (value, ==, 2);
  g_assert_false (jm_history_redo (history));
}

static void
test_groups (void)
{
  g_autoptr(JmHistory) history = jm_history_new ();
  int a = 0, b = 0;

  jm_history_begin (history, "Both");
  set (history, &a, 1);
  jm_history_begin (history, "Inner");
  set (history, &b, 1);
  jm_history_end (history);
  g_assert_false (jm_history_can_undo (history));
  jm_history_end (history);

  g_assert_cmpuint (jm_history_get_n_steps (history), ==, 1);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Both");
  jm_history_undo (history);
  g_assert_cmpint (a, ==, 0);
  g_assert_cmpint (b, ==, 0);
  g_assert_cmpstr (jm_history_get_redo_label (history), ==, "Both");

  /* An empty group records nothing. */
  jm_history_begin (history, "Nothing");
  jm_history_end (history);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, 1);
}

static void
test_saved_point (void)
{
  g_autoptr(JmHistory) history = jm_history_new ();
  int value = 0;

  set (history, &value, 1);
  jm_history_mark_saved (history);
  g_assert_false (jm_history_get_modified (history));
  /* Saving keeps the steps. */
  g_assert_true (jm_history_can_undo (history));

  jm_history_undo (history);
  g_assert_true (jm_history_get_modified (history));
  jm_history_redo (history);
  g_assert_false (jm_history_get_modified (history));

  /* A new edit after undoing past the save drops the saved state. */
  jm_history_undo (history);
  set (history, &value, 5);
  g_assert_true (jm_history_get_modified (history));
  jm_history_undo (history);
  g_assert_true (jm_history_get_modified (history));
}

/* A save made from a copy of the map counts only if nothing changed
 * after the copy was made: not a new step, not an undo, not a change
 * joining a step still open. */
static void
test_saved_at (void)
{
  g_autoptr(JmHistory) history = jm_history_new ();
  int value = 0;
  guint64 serial;

  set (history, &value, 1);
  serial = jm_history_get_serial (history);
  jm_history_mark_saved_at (history, serial);
  g_assert_false (jm_history_get_modified (history));

  set (history, &value, 2);
  serial = jm_history_get_serial (history);
  set (history, &value, 3);
  jm_history_mark_saved_at (history, serial);
  g_assert_true (jm_history_get_modified (history));
  /* No step is the saved one any more: undoing does not reach it. */
  jm_history_undo (history);
  g_assert_true (jm_history_get_modified (history));
  jm_history_redo (history);

  serial = jm_history_get_serial (history);
  jm_history_undo (history);
  jm_history_redo (history);
  jm_history_mark_saved_at (history, serial);
  g_assert_true (jm_history_get_modified (history));

  jm_history_begin (history, "Typing");
  serial = jm_history_get_serial (history);
  set (history, &value, 4);
  jm_history_mark_saved_at (history, serial);
  jm_history_end (history);
  g_assert_true (jm_history_get_modified (history));
}

static void
test_changed_signal (void)
{
  g_autoptr(JmHistory) history = jm_history_new ();
  guint changed = 0;
  int value = 0;

  g_signal_connect_swapped (history, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  set (history, &value, 1);
  jm_history_undo (history);
  jm_history_redo (history);
  g_assert_cmpuint (changed, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/undo-redo", test_undo_redo);
  g_test_add_func ("/history/groups", test_groups);
  g_test_add_func ("/history/saved-point", test_saved_point);
  g_test_add_func ("/history/saved-at", test_saved_at);
  g_test_add_func ("/history/changed-signal", test_changed_signal);

  return g_test_run ();
}
