/* test-timer.c: the workshop's countdown and agenda, on a clock the test moves
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-document.h"
#include "jm-timer.h"

#define SECOND G_USEC_PER_SEC

typedef struct
{
  JmTimer *timer;
  gint64   now;       /* the fake clock, microseconds */
  guint    finished;  /* "finished" emissions */
  guint    remaining_notifies;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
on_finished (JmTimer *timer,
             Fixture *f)
{
  /* Said once, when the time is up and the timer has stopped. */
  g_assert_false (jm_timer_get_running (timer));
  g_assert_cmpuint (jm_timer_get_remaining (timer), ==, 0);
  f->finished++;
}

static void
on_remaining (JmTimer    *timer,
              GParamSpec *pspec,
              Fixture    *f)
{
  f->remaining_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->now = 1000 * SECOND;
  f->timer = jm_timer_new ();
  jm_timer_set_clock (f->timer, fake_clock, f);
  g_signal_connect (f->timer, "finished", G_CALLBACK (on_finished), f);
  g_signal_connect (f->timer, "notify::remaining", G_CALLBACK (on_remaining), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->timer);
}

/* Moves the clock on and lets the timer read it. */
static void
advance (Fixture *f,
         gint64   us)
{
  f->now += us;
  jm_timer_tick (f->timer);
}

static void
test_countdown (Fixture       *f,
                gconstpointer  data)
{
  jm_timer_set_duration (f->timer, 120);
  g_assert_cmpuint (jm_timer_get_duration (f->timer), ==, 120);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 120);
  g_assert_false (jm_timer_get_running (f->timer));

  /* Stopped, time passes it by. */
  advance (f, 30 * SECOND);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 120);

  jm_timer_start (f->timer);
  g_assert_true (jm_timer_get_running (f->timer));
  /* Seconds round up: 0.5 s gone still shows 2:00. */
  advance (f, SECOND / 2);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 120);
  f->remaining_notifies = 0;
  advance (f, SECOND);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 119);
  g_assert_cmpuint (f->remaining_notifies, ==, 1);
  advance (f, SECOND / 10);
  g_assert_cmpuint (f->remaining_notifies, ==, 1);

  /* Paused, it keeps what was left. */
  jm_timer_pause (f->timer);
  advance (f, 500 * SECOND);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 119);
  jm_timer_start (f->timer);
  advance (f, 59 * SECOND);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 60);

  /* A minute more, while running. */
  jm_timer_add_minute (f->timer);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 120);
  g_assert_cmpuint (jm_timer_get_duration (f->timer), ==, 180);

  /* The end, said once. */
  advance (f, 119 * SECOND);
  g_assert_cmpuint (f->finished, ==, 0);
  advance (f, SECOND);
  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_true (jm_timer_get_finished (f->timer));
  g_assert_false (jm_timer_get_running (f->timer));
  advance (f, 10 * SECOND);
  g_assert_cmpuint (f->finished, ==, 1);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 0);

  /* A minute more once the time is up: it runs again for that minute. */
  jm_timer_add_minute (f->timer);
  g_assert_true (jm_timer_get_running (f->timer));
  g_assert_false (jm_timer_get_finished (f->timer));
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 60);
  advance (f, 60 * SECOND);
  g_assert_cmpuint (f->finished, ==, 2);

  /* Reset: stopped, with the whole duration. */
  jm_timer_reset (f->timer);
  g_assert_false (jm_timer_get_finished (f->timer));
  g_assert_false (jm_timer_get_running (f->timer));
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, jm_timer_get_duration (f->timer));
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  const char * const titles[] = { "Map as is", "Vote", "Opportunities", NULL };
  const guint minutes[] = { 30, 10, 20 };

  jm_timer_set_agenda (f->timer, titles, minutes);
  g_assert_cmpuint (jm_timer_get_n_steps (f->timer), ==, 3);
  g_assert_cmpstr (jm_timer_get_step_title (f->timer, 1), ==, "Vote");
  g_assert_cmpuint (jm_timer_get_step_minutes (f->timer, 2), ==, 20);
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, -1);

  jm_timer_start_step (f->timer, 0);
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, 0);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 30 * 60);
  g_assert_true (jm_timer_get_running (f->timer));
  advance (f, 30 * 60 * SECOND);
  g_assert_cmpuint (f->finished, ==, 1);
  /* The room moves on when the facilitator starts the next step. */
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, 0);
  advance (f, 5 * 60 * SECOND);
  jm_timer_start (f->timer);
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, 1);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 10 * 60);
  advance (f, 4 * 60 * SECOND);
  /* Reset goes back to the step's own minutes. */
  jm_timer_reset (f->timer);
  g_assert_cmpuint (jm_timer_get_remaining (f->timer), ==, 10 * 60);
  jm_timer_start (f->timer);
  advance (f, 10 * 60 * SECOND);
  g_assert_cmpuint (f->finished, ==, 2);
  jm_timer_start (f->timer);
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, 2);
  advance (f, 20 * 60 * SECOND);
  g_assert_cmpuint (f->finished, ==, 3);
  /* After the last step, start runs it again. */
  jm_timer_start (f->timer);
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, 2);
  g_assert_true (jm_timer_get_running (f->timer));

  /* A shorter agenda drops a step it no longer has; a duration of its
   * own leaves the agenda. */
  jm_timer_set_agenda (f->timer, (const char * const[]) { "Only", NULL }, (const guint[]) { 5 });
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, -1);
  jm_timer_start_step (f->timer, 0);
  jm_timer_set_duration (f->timer, 90);
  g_assert_cmpint (jm_timer_get_step (f->timer), ==, -1);
  g_assert_false (jm_timer_get_running (f->timer));
}

/* With the real clock, the timer's own source in the thread-default
 * context finishes a one-second countdown; no time is asserted. */
static void
test_runs_by_itself (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JmTimer) timer = NULL;

  g_main_context_push_thread_default (context);
  timer = jm_timer_new ();
  jm_timer_set_duration (timer, 1);
  jm_timer_start (timer);
  while (!jm_timer_get_finished (timer))
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  g_assert_false (jm_timer_get_running (timer));
}

static void
test_format (void)
{
  g_autofree char *a = jm_timer_format (0);
  g_autofree char *b = jm_timer_format (65);
  g_autofree char *c = jm_timer_format (3723);

  g_assert_cmpstr (a, ==, "0:00");
  g_assert_cmpstr (b, ==, "1:05");
  g_assert_cmpstr (c, ==, "1:02:03");
}

/* The document keeps one timer for all who show it. */
static void
test_document_timer (void)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  JmTimer *timer = jm_document_get_timer (document);

  g_assert_true (JM_IS_TIMER (timer));
  g_assert_true (jm_document_get_timer (document) == timer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/timer/countdown", Fixture, NULL, fixture_set_up, test_countdown, fixture_tear_down);
  g_test_add ("/timer/agenda", Fixture, NULL, fixture_set_up, test_agenda, fixture_tear_down);
  g_test_add_func ("/timer/runs-by-itself", test_runs_by_itself);
  g_test_add_func ("/timer/format", test_format);
  g_test_add_func ("/timer/document", test_document_timer);

  return g_test_run ();
}
