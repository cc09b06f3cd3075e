/* test-scoring.c: composite scores, roll-ups, the ranking and heat-map colours
 *
 * The expected values were worked out by hand from the fixture below.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <time.h>

#include "jm-score-compare.h"
#include "jm-score-report.h"
#include "jm-score-silos.h"
#include "jm-score-writer.h"
#include "jm-scoring.h"

#define EPS 1e-9

typedef struct
{
  const char *id;
  const char *stage;
  const char *lane;
  int         ratings[JM_N_MEASURES];
  const char *channel;
  const char *teams[4];
  int         emotion;
  gboolean    moment_of_truth;
} Card;

/* Stages: Aware, Buy, Use (left empty), Help. Lanes: Fridah, James. */
static const Card fixture[] = {
  { "t1", "s1", "p1", { 4, 2, 0, 3 }, "web", { "Marketing", NULL }, 1, FALSE },
  { "t2", "s1", "p2", { 5, 5, 5, 5 }, "Web ", { "Sales", "marketing ", NULL }, 2, FALSE },
  { "t3", "s2", "p1", { 1, 2, 0, 0 }, "phone", { "Billing", "Support", "billing", NULL }, -2, TRUE },
  { "t4", "s2", "p2", { 0, 0, 0, 0 }, "", { NULL }, -1, FALSE },
  { "t5", "s4", "p1", { 2, 0, 0, 0 }, "Drone", { "Support", NULL }, JM_EMOTION_UNSET, TRUE },
  { "t6", "s4", "p2", { 3, 4, 4, 3 }, "phone", { "Support", " ", NULL }, 0, FALSE },
};

static JmMap *
build_map (const Card *cards,
           guint       n_cards)
{
  JmMap *map = jm_map_new ();
  const char *stages[][2] = { { "s1", "Aware" }, { "s2", "Buy" }, { "s3", "Use" }, { "s4", "Help" } };
  const char *lanes[][2] = { { "p1", "Fridah" }, { "p2", "James" } };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(JmStage) stage = jm_stage_new (stages[i][0], stages[i][1]);
      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_autoptr(JmPersona) persona = jm_persona_new (lanes[i][0], lanes[i][1]);
      jm_map_append_persona (map, persona);
    }
  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (cards[i].id, cards[i].stage, cards[i].lane,
                                                      cards[i].id);

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, cards[i].ratings[m]);
      jm_touchpoint_set_channel (tp, cards[i].channel);
      jm_touchpoint_set_teams (tp, cards[i].teams);
      jm_touchpoint_set_emotion (tp, cards[i].emotion);
      jm_touchpoint_set_moment_of_truth (tp, cards[i].moment_of_truth);
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static void
assert_num (double actual,
            double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat_with_epsilon (actual, expected, 1e-6);
}

static void
assert_summary (const JmScoreSummary *s,
                guint                 n_touchpoints,
                guint                 n_scored,
                guint                 n_ratings,
                double                mean,
                double                min,
                double                max,
                double                stddev,
                guint                 n_emotions,
                double                emotion)
{
  g_assert_cmpuint (s->n_touchpoints, ==, n_touchpoints);
  g_assert_cmpuint (s->n_scored, ==, n_scored);
  g_assert_cmpuint (s->n_ratings, ==, n_ratings);
  assert_num (s->mean, mean);
  assert_num (s->min, min);
  assert_num (s->max, max);
  assert_num (s->stddev, stddev);
  g_assert_cmpuint (s->n_emotions, ==, n_emotions);
  assert_num (s->emotion, emotion);
}

static const JmScoreGroup *
group (JmScoreReport    *report,
       JmScoreGroupKind  kind,
       guint             index)
{
  return jm_score_report_get_group (report, kind, index);
}

static void
test_composite (void)
{
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  const double expected[] = { 3.0, 5.0, 1.5, NAN, 2.0, 3.5 };
  GListModel *touchpoints = jm_map_get_touchpoints (map);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (touchpoints, i);
      double composite = 0.0;
      gboolean scored = jm_score_touchpoint (map, tp, &composite);

      g_assert_cmpint (scored, ==, !isnan (expected[i]));
      assert_num (composite, expected[i]);
    }
}

static void
test_composite_weights (void)
{
  const double weights[] = { 2.0, 1.0, 0.0, 1.0 };
  const int only_zero_weight[] = { 0, 0, 5, 0 };
  const int all_rated[] = { 4, 2, 1, 3 };
  const int out_of_range[] = { 7, -1, 0, 3 };
  const double negative[] = { -1.0, 1.0, 1.0, 1.0 };
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  const double expected[] = { 13.0 / 4, 5.0, 4.0 / 3, NAN, 2.0, 13.0 / 4 };
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  double composite;
  guint n;

  /* Relevance has weight 0: its 1 counts for nothing. */
  g_assert_true (jm_score_ratings (all_rated, weights, &composite, &n));
  assert_num (composite, (8.0 + 2.0 + 3.0) / 4.0);
  g_assert_cmpuint (n, ==, 3);

  /* The only rating is of a measure that does not count. */
  g_assert_false (jm_score_ratings (only_zero_weight, weights, &composite, &n));
  g_assert_true (isnan (composite));
  g_assert_cmpuint (n, ==, 0);

  /* Values outside 1-5 are not ratings, and a negative weight never counts. */
  g_assert_true (jm_score_ratings (out_of_range, weights, &composite, &n));
  assert_num (composite, 3.0);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (jm_score_ratings (all_rated, negative, &composite, &n));
  assert_num (composite, 2.0);
  g_assert_cmpuint (n, ==, 3);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_map_set_weight (map, m, weights[m]);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (touchpoints, i);

      jm_score_touchpoint (map, tp, &composite);
      assert_num (composite, expected[i]);
    }

  {
    g_autoptr(JmScoreReport) report = jm_score_report_new (map);
    guint n_entries;
    const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);
    const guint n_ratings[] = { 3, 3, 2, 0, 1, 3 };

    g_assert_cmpuint (n_entries, ==, G_N_ELEMENTS (fixture));
    for (guint i = 0; i < n_entries; i++)
      {
        assert_num (entries[i].composite, expected[i]);
        g_assert_cmpuint (entries[i].n_ratings, ==, n_ratings[i]);
      }
    /* Overall: (3.25 + 5 + 4/3 + 2 + 3.25) / 5 = 14.8333.../5 */
    assert_num (jm_score_report_get_overall (report)->mean, (3.25 + 5 + 4.0 / 3 + 2 + 3.25) / 5);
    g_assert_cmpuint (jm_score_report_get_overall (report)->n_ratings, ==, 12);
    /* Stage Buy rests on t3 alone. */
    assert_num (group (report, JM_SCORE_BY_STAGE, 1)->summary.mean, 4.0 / 3);
  }
}

static void
test_rollups (void)
{
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  const JmScoreGroup *g;

  assert_summary (jm_score_report_get_overall (report),
                  6, 5, 14, 3.0, 1.5, 5.0, sqrt (1.5), 5, 0.0);

  /* By stage, with Use left empty. */
  g_assert_cmpuint (jm_score_report_get_n_groups (report, JM_SCORE_BY_STAGE), ==, 4);
  g = group (report, JM_SCORE_BY_STAGE, 0);
  g_assert_cmpstr (g->key, ==, "s1");
  g_assert_cmpstr (g->label, ==, "Aware");
  g_assert_true (JM_IS_STAGE (g->object));
  assert_summary (&g->summary, 2, 2, 7, 4.0, 3.0, 5.0, 1.0, 2, 1.5);
  assert_summary (&group (report, JM_SCORE_BY_STAGE, 1)->summary,
                  2, 1, 2, 1.5, 1.5, 1.5, 0.0, 2, -1.5);
  assert_summary (&group (report, JM_SCORE_BY_STAGE, 2)->summary,
                  0, 0, 0, NAN, NAN, NAN, NAN, 0, NAN);
  assert_summary (&group (report, JM_SCORE_BY_STAGE, 3)->summary,
                  2, 2, 5, 2.75, 2.0, 3.5, 0.75, 1, 0.0);

  /* By lane. */
  g_assert_cmpuint (jm_score_report_get_n_groups (report, JM_SCORE_BY_LANE), ==, 2);
  g = group (report, JM_SCORE_BY_LANE, 0);
  g_assert_cmpstr (g->label, ==, "Fridah");
  g_assert_true (JM_IS_PERSONA (g->object));
  assert_summary (&g->summary, 3, 3, 6, 6.5 / 3, 1.5, 3.0, sqrt (3.5 / 9), 2, -0.5);
  assert_summary (&group (report, JM_SCORE_BY_LANE, 1)->summary,
                  3, 2, 8, 4.25, 3.5, 5.0, 0.75, 3, 1.0 / 3);

  /* By cell. */
  assert_summary (jm_score_report_get_cell (report, 0, 0), 1, 1, 3, 3.0, 3.0, 3.0, 0.0, 1, 1.0);
  assert_summary (jm_score_report_get_cell (report, 1, 1), 1, 0, 0, NAN, NAN, NAN, NAN, 1, -1.0);
  assert_summary (jm_score_report_get_cell (report, 2, 0), 0, 0, 0, NAN, NAN, NAN, NAN, 0, NAN);
  assert_summary (jm_score_report_get_cell (report, 3, 1), 1, 1, 4, 3.5, 3.5, 3.5, 0.0, 1, 0.0);

  /* By channel: known channels in the app's order, "Web " joins "web",
   * then the free-typed one, then no channel. */
  g_assert_cmpuint (jm_score_report_get_n_groups (report, JM_SCORE_BY_CHANNEL), ==, 4);
  g = group (report, JM_SCORE_BY_CHANNEL, 0);
  g_assert_cmpstr (g->key, ==, "web");
  g_assert_cmpstr (g->label, ==, "Website");
  g_assert_null (g->object);
  assert_summary (&g->summary, 2, 2, 7, 4.0, 3.0, 5.0, 1.0, 2, 1.5);
  g = group (report, JM_SCORE_BY_CHANNEL, 1);
  g_assert_cmpstr (g->key, ==, "phone");
  assert_summary (&g->summary, 2, 2, 6, 2.5, 1.5, 3.5, 1.0, 2, -1.0);
  g = group (report, JM_SCORE_BY_CHANNEL, 2);
  g_assert_cmpstr (g->key, ==, "Drone");
  g_assert_cmpstr (g->label, ==, "Drone");
  assert_summary (&g->summary, 1, 1, 1, 2.0, 2.0, 2.0, 0.0, 0, NAN);
  g = group (report, JM_SCORE_BY_CHANNEL, 3);
  g_assert_cmpstr (g->key, ==, "");
  g_assert_cmpstr (g->label, ==, "No channel");
  assert_summary (&g->summary, 1, 0, 0, NAN, NAN, NAN, NAN, 1, -1.0);

  /* By team: a card counts once per team, "billing" twice on t3 counts
   * once, a blank team is no team, names show as first written. */
  g_assert_cmpuint (jm_score_report_get_n_groups (report, JM_SCORE_BY_TEAM), ==, 5);
  g = group (report, JM_SCORE_BY_TEAM, 0);
  g_assert_cmpstr (g->label, ==, "Billing");
  assert_summary (&g->summary, 1, 1, 2, 1.5, 1.5, 1.5, 0.0, 1, -2.0);
  g = group (report, JM_SCORE_BY_TEAM, 1);
  g_assert_cmpstr (g->label, ==, "Marketing");
  assert_summary (&g->summary, 2, 2, 7, 4.0, 3.0, 5.0, 1.0, 2, 1.5);
  g = group (report, JM_SCORE_BY_TEAM, 2);
  g_assert_cmpstr (g->label, ==, "Sales");
  assert_summary (&g->summary, 1, 1, 4, 5.0, 5.0, 5.0, 0.0, 1, 2.0);
  g = group (report, JM_SCORE_BY_TEAM, 3);
  g_assert_cmpstr (g->label, ==, "Support");
  assert_summary (&g->summary, 3, 3, 7, 7.0 / 3, 1.5, 3.5, sqrt (6.5 / 9), 2, -1.0);
  g = group (report, JM_SCORE_BY_TEAM, 4);
  g_assert_cmpstr (g->key, ==, "");
  g_assert_cmpstr (g->label, ==, "No team");
  assert_summary (&g->summary, 1, 0, 0, NAN, NAN, NAN, NAN, 1, -1.0);
}

/* Names typed in different ways on different days: one group each, shown
 * as the known channel or as first written, in the report and in what is
 * exported from it. */
static const Card typed[] = {
  { "t1", "s1", "p1", { 4, 0, 0, 0 }, "website", { "Billing", NULL }, 1, FALSE },
  { "t2", "s1", "p2", { 2, 0, 0, 0 }, "web", { "billing", NULL }, JM_EMOTION_UNSET, FALSE },
  { "t3", "s2", "p1", { 5, 0, 0, 0 }, "WhatsApp", { " BILLING  ", "Caf\u00e9", NULL }, JM_EMOTION_UNSET, FALSE },
  { "t4", "s2", "p2", { 1, 0, 0, 0 }, "whatsapp ", { "Cafe\u0301", NULL }, JM_EMOTION_UNSET, FALSE },
  { "t5", "s4", "p1", { 3, 0, 0, 0 }, " Website", { "Field  Ops", "field ops", NULL }, JM_EMOTION_UNSET, FALSE },
  { "t6", "s4", "p2", { 0, 0, 0, 0 }, "", { "billing", "\u00a0", NULL }, JM_EMOTION_UNSET, FALSE },
};

static void
test_typed_names (void)
{
  g_autoptr(JmMap) map = build_map (typed, G_N_ELEMENTS (typed));
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  g_autoptr(JmScoreWriter) writer = jm_score_writer_new (JM_SCORE_FORMAT_CSV);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_web = 0, n_whatsapp = 0, n_billing = 0;
  const JmScoreGroup *g;

  g_assert_cmpuint (jm_score_report_get_n_groups (report, JM_SCORE_BY_CHANNEL), ==, 3);
  g = group (report, JM_SCORE_BY_CHANNEL, 0);
  g_assert_cmpstr (g->key, ==, "web");
  g_assert_cmpstr (g->label, ==, "Website");
  assert_summary (&g->summary, 3, 3, 3, 3.0, 2.0, 4.0, sqrt (2.0 / 3), 1, 1.0);
  g = group (report, JM_SCORE_BY_CHANNEL, 1);
  g_assert_cmpstr (g->key, ==, "WhatsApp");
  g_assert_cmpstr (g->label, ==, "WhatsApp");
  assert_summary (&g->summary, 2, 2, 2, 3.0, 1.0, 5.0, 2.0, 0, NAN);

  g_assert_cmpuint (jm_score_report_get_n_groups (report, JM_SCORE_BY_TEAM), ==, 3);
  g = group (report, JM_SCORE_BY_TEAM, 0);
  g_assert_cmpstr (g->label, ==, "Billing");
  assert_summary (&g->summary, 4, 3, 3, 11.0 / 3, 2.0, 5.0, sqrt (14.0 / 9), 1, 1.0);
  g = group (report, JM_SCORE_BY_TEAM, 1);
  g_assert_cmpstr (g->label, ==, "Caf\u00e9");
  g_assert_cmpuint (g->summary.n_touchpoints, ==, 2);
  g = group (report, JM_SCORE_BY_TEAM, 2);
  g_assert_cmpstr (g->label, ==, "Field  Ops");
  g_assert_cmpuint (g->summary.n_touchpoints, ==, 1);

  g = group (report, JM_SCORE_BY_CHANNEL, 2);
  g_assert_cmpstr (g->label, ==, "No channel");

  /* The export has one row for each; the touchpoints' rows keep what was
   * typed. */
  jm_score_writer_add (writer, "typed.journey", report);
  csv = jm_score_writer_finish (writer);
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      n_web += g_str_has_prefix (lines[i], "channel,") && strstr (lines[i], "ebsite") != NULL;
      n_whatsapp += g_str_has_prefix (lines[i], "channel,") && (strstr (lines[i], "WhatsApp") != NULL || strstr (lines[i], "whatsapp") != NULL);
      n_billing += g_str_has_prefix (lines[i], "team,") && strstr (lines[i], "illing") != NULL;
    }
  g_assert_cmpuint (n_web, ==, 1);
  g_assert_cmpuint (n_whatsapp, ==, 1);
  g_assert_cmpuint (n_billing, ==, 1);
}

static void
test_emotion_curve (void)
{
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  const double fridah[] = { 1.0, -2.0, NAN, NAN };
  const double james[] = { 2.0, -1.0, NAN, 0.0 };

  for (guint s = 0; s < 4; s++)
    {
      assert_num (jm_score_report_get_emotion (report, 0, s), fridah[s]);
      assert_num (jm_score_report_get_emotion (report, 1, s), james[s]);
    }
}

static void
test_ranking (void)
{
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  const char *order[] = { "t3", "t5", "t1", "t6", "t2" };
  const double priority[] = { 11.0, 6.0, 2.0, 1.5, 0.0 };
  guint n_ranked, n_entries;
  const JmScoreEntry **ranking = jm_score_report_get_ranking (report, &n_ranked);
  const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);

  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < n_ranked; i++)
    {
      g_assert_cmpstr (jm_touchpoint_get_id (ranking[i]->touchpoint), ==, order[i]);
      assert_num (ranking[i]->priority, priority[i]);
      g_assert_cmpuint (ranking[i]->rank, ==, i + 1);
    }
  g_assert_null (ranking[n_ranked]);

  /* t4 has no composite: unranked. */
  g_assert_cmpuint (entries[3].rank, ==, 0);
  g_assert_true (isnan (entries[3].priority));
  g_assert_cmpint (entries[2].stage, ==, 1);
  g_assert_cmpint (entries[2].lane, ==, 0);
}

static void
test_ranking_ties (void)
{
  /* Every card but tF has priority 2; the tie-breaks decide. */
  static const Card cards[] = {
    { "tA", "s1", "p1", { 4, 4, 4, 4 }, "", { NULL }, -1, FALSE },
    { "tB", "s1", "p1", { 3, 3, 3, 3 }, "", { NULL }, 2, FALSE },
    { "tC", "s1", "p1", { 3, 3, 3, 3 }, "", { NULL }, JM_EMOTION_UNSET, FALSE },
    { "tD", "s2", "p1", { 4, 0, 0, 0 }, "", { NULL }, JM_EMOTION_UNSET, TRUE },
    { "tE", "s2", "p2", { 3, 0, 3, 0 }, "", { NULL }, 0, FALSE },
    { "tF", "s2", "p2", { 1, 1, 0, 1 }, "", { NULL }, 1, FALSE },
  };
  const char *order[] = { "tF", "tD", "tC", "tE", "tB", "tA" };
  g_autoptr(JmMap) map = build_map (cards, G_N_ELEMENTS (cards));
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  guint n_ranked;
  const JmScoreEntry **ranking = jm_score_report_get_ranking (report, &n_ranked);

  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < n_ranked; i++)
    g_assert_cmpstr (jm_touchpoint_get_id (ranking[i]->touchpoint), ==, order[i]);
  assert_num (ranking[0]->priority, 4.0);
  for (guint i = 1; i < n_ranked; i++)
    assert_num (ranking[i]->priority, 2.0);

  assert_num (jm_score_priority (1.0, TRUE, -2), 12.0);
  assert_num (jm_score_priority (5.0, FALSE, 2), 0.0);
  assert_num (jm_score_priority (5.0, TRUE, JM_EMOTION_UNSET), 0.0);
  g_assert_true (isnan (jm_score_priority (NAN, TRUE, -2)));
}

static void
test_weights_all_zero (void)
{
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(JmScoreReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_ranked;

  g_assert_true (jm_scoring_check_weights (map, &error));
  g_assert_no_error (error);

  jm_map_set_weight (map, JM_MEASURE_RELEVANCE, 0.0);
  jm_map_set_weight (map, JM_MEASURE_RELIABILITY, 0.0);
  jm_map_set_weight (map, JM_MEASURE_CONVENIENCE, 0.0);
  g_assert_true (jm_scoring_check_weights (map, NULL));
  jm_map_set_weight (map, JM_MEASURE_RESPONSIVENESS, 0.0);
  g_assert_false (jm_scoring_check_weights (map, &error));
  g_assert_error (error, JM_SCORING_ERROR, JM_SCORING_ERROR_NO_WEIGHT);

  report = jm_score_report_new (map);
  assert_summary (jm_score_report_get_overall (report), 6, 0, 0, NAN, NAN, NAN, NAN, 5, 0.0);
  jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, 0);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    for (guint i = 0; i < jm_score_report_get_n_groups (report, k); i++)
      g_assert_cmpuint (group (report, k, i)->summary.n_scored, ==, 0);
}

static void
test_empty_map (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  guint n;

  assert_summary (jm_score_report_get_overall (report), 0, 0, 0, NAN, NAN, NAN, NAN, 0, NAN);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    g_assert_cmpuint (jm_score_report_get_n_groups (report, k), ==, 0);
  g_assert_nonnull (jm_score_report_get_ranking (report, &n));
  g_assert_cmpuint (n, ==, 0);
  jm_score_report_get_entries (report, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (jm_score_report_get_map (report) == map);
}

/* Random maps: what must hold whatever the ratings. */
static void
test_properties (void)
{
  const char *teams[] = { "Sales", "sales", "IT", " Billing ", "Ops" };
  const char *channels[] = { "web", "phone", "Kiosk", "", "pigeon" };

  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(JmMap) map = build_map (NULL, 0);
      g_autoptr(JmScoreReport) report = NULL;
      guint n_cards = g_test_rand_int_range (1, 60);
      guint n_entries, n_ranked;
      const JmScoreEntry *entries;
      double sum = 0.0;
      guint n_scored = 0;

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_map_set_weight (map, m, g_test_rand_int_range (0, 4) * 0.5);
      for (guint i = 0; i < n_cards; i++)
        {
          g_autofree char *id = g_strdup_printf ("t%u", i);
          g_autofree char *stage = g_strdup_printf ("s%d", g_test_rand_int_range (1, 5));
          g_autofree char *lane = g_strdup_printf ("p%d", g_test_rand_int_range (1, 3));
          g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, lane, id);
          const char *own[3] = { teams[g_test_rand_int_range (0, 5)],
                                 teams[g_test_rand_int_range (0, 5)], NULL };

          for (guint m = 0; m < JM_N_MEASURES; m++)
            jm_touchpoint_set_rating (tp, m, g_test_rand_int_range (0, 6));
          jm_touchpoint_set_emotion (tp, g_test_rand_int_range (-2, 3));
          jm_touchpoint_set_moment_of_truth (tp, g_test_rand_bit ());
          jm_touchpoint_set_channel (tp, channels[g_test_rand_int_range (0, 5)]);
          jm_touchpoint_set_teams (tp, own);
          jm_map_append_touchpoint (map, tp);
        }

      report = jm_score_report_new (map);
      entries = jm_score_report_get_entries (report, &n_entries);
      g_assert_cmpuint (n_entries, ==, n_cards);
      for (guint i = 0; i < n_entries; i++)
        {
          int lo = 6, hi = 0;

          for (guint m = 0; m < JM_N_MEASURES; m++)
            {
              int r = jm_touchpoint_get_rating (entries[i].touchpoint, m);

              if (r > 0 && jm_map_get_weight (map, m) > 0)
                {
                  lo = MIN (lo, r);
                  hi = MAX (hi, r);
                }
            }
          if (isnan (entries[i].composite))
            {
              g_assert_cmpint (hi, ==, 0);
              continue;
            }
          /* A composite lies within the ratings it averages. */
          g_assert_cmpfloat (entries[i].composite, >=, lo - EPS);
          g_assert_cmpfloat (entries[i].composite, <=, hi + EPS);
          g_assert_cmpuint (entries[i].rank, >=, 1);
          sum += entries[i].composite;
          n_scored++;

          /* The roll-up of one touchpoint is that touchpoint. */
          {
            g_autoptr(JmMap) single = build_map (NULL, 0);
            g_autoptr(JmScoreReport) one = NULL;
            g_autoptr(JmTouchpoint) copy = jm_touchpoint_new ("x", jm_touchpoint_get_stage_id (entries[i].touchpoint),
                                                              "p1", "x");

            for (guint m = 0; m < JM_N_MEASURES; m++)
              {
                jm_map_set_weight (single, m, jm_map_get_weight (map, m));
                jm_touchpoint_set_rating (copy, m, jm_touchpoint_get_rating (entries[i].touchpoint, m));
              }
            jm_map_append_touchpoint (single, copy);
            one = jm_score_report_new (single);
            assert_num (jm_score_report_get_overall (one)->mean, entries[i].composite);
            assert_num (jm_score_report_get_overall (one)->min, entries[i].composite);
            assert_num (jm_score_report_get_overall (one)->max, entries[i].composite);
            assert_num (jm_score_report_get_overall (one)->stddev, 0.0);
            g_assert_cmpuint (jm_score_report_get_overall (one)->n_ratings, ==, entries[i].n_ratings);
          }
        }

      jm_score_report_get_ranking (report, &n_ranked);
      g_assert_cmpuint (n_ranked, ==, n_scored);
      g_assert_cmpuint (jm_score_report_get_overall (report)->n_scored, ==, n_scored);
      if (n_scored > 0)
        assert_num (jm_score_report_get_overall (report)->mean, sum / n_scored);

      /* Stages, lanes and channels each partition the touchpoints. */
      for (guint k = JM_SCORE_BY_STAGE; k <= JM_SCORE_BY_CHANNEL; k++)
        {
          guint total = 0;

          for (guint i = 0; i < jm_score_report_get_n_groups (report, k); i++)
            {
              const JmScoreSummary *s = &group (report, k, i)->summary;

              total += s->n_touchpoints;
              if (s->n_scored > 0)
                {
                  g_assert_cmpfloat (s->min, <=, s->mean + EPS);
                  g_assert_cmpfloat (s->mean, <=, s->max + EPS);
                  g_assert_cmpfloat (s->stddev, <=, (s->max - s->min) / 2 + EPS);
                }
            }
          g_assert_cmpuint (total, ==, n_cards);
        }
      /* "Sales" and "sales" are one team; " Billing " shows trimmed. */
      for (guint i = 0; i < jm_score_report_get_n_groups (report, JM_SCORE_BY_TEAM); i++)
        {
          const char *label = group (report, JM_SCORE_BY_TEAM, i)->label;

          g_assert_cmpstr (label, !=, " Billing ");
          for (guint j = i + 1; j < jm_score_report_get_n_groups (report, JM_SCORE_BY_TEAM); j++)
            g_assert_cmpint (g_ascii_strcasecmp (label, group (report, JM_SCORE_BY_TEAM, j)->label), !=, 0);
        }
    }
}

static double
luminance (double r, double g, double b)
{
  double c[3] = { r, g, b };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static void
test_colour (void)
{
  double r, g, b, tr, tg, tb;

  jm_score_colour (1.0, &r, &g, &b);
  assert_num (r, 0xca / 255.0);
  assert_num (g, 0.0);
  assert_num (b, 0x20 / 255.0);
  jm_score_colour (5.0, &r, &g, &b);
  assert_num (r, 0x05 / 255.0);
  assert_num (b, 0xb0 / 255.0);
  jm_score_colour (9.0, &tr, &tg, &tb);
  assert_num (tr, r);
  jm_score_colour (2.5, &r, &g, &b);
  assert_num (r, (0xf4 + 0xf7) / 2.0 / 255.0);
  jm_score_colour (NAN, &r, &g, &b);
  assert_num (r, 0xbd / 255.0);

  /* Text stays readable (WCAG AA, 4.5:1) everywhere on the scale. */
  for (double s = 1.0; s <= 5.0; s += 0.125)
    {
      double l1, l2;

      jm_score_colour (s, &r, &g, &b);
      jm_score_text_colour (s, &tr, &tg, &tb);
      g_assert_true (tr == tg && tg == tb && (tr == 0.0 || tr == 1.0));
      l1 = luminance (r, g, b);
      l2 = luminance (tr, tg, tb);
      g_assert_cmpfloat ((MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05), >=, 4.5);
    }
  jm_score_text_colour (1.0, &tr, &tg, &tb);
  g_assert_cmpfloat (tr, ==, 1.0);
  jm_score_text_colour (3.0, &tr, &tg, &tb);
  g_assert_cmpfloat (tr, ==, 0.0);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* With -m perf: a large map, as a benchmark, never as an assertion. */
static void
test_perf (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  const char *teams[] = { "Sales", "Marketing", "IT", "Billing", "Support", "Ops", NULL };
  guint n_stages = 9, n_lanes = 8, n_cards = 20000;
  double start, elapsed;

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
  /* In board order, as the map keeps its cards: lane by lane, stage by stage. */
  for (guint i = 0; i < n_cards; i++)
    {
      guint cell = i * n_stages * n_lanes / n_cards;
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *stage = g_strdup_printf ("s%u", cell % n_stages);
      g_autofree char *lane = g_strdup_printf ("p%u", cell / n_stages);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, lane, id);
      const char *own[] = { teams[i % 6], teams[(i / 6) % 6], NULL };
      guint n_channels;

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, (i * 7 + m * 3) % 6);
      jm_touchpoint_set_emotion (tp, (int) (i % 5) - 2);
      jm_touchpoint_set_moment_of_truth (tp, i % 17 == 0);
      jm_touchpoint_set_channel (tp, jm_channels (&n_channels)[i % n_channels].id);
      jm_touchpoint_set_teams (tp, own);
      jm_map_append_touchpoint (map, tp);
    }

  /* CPU time of this thread: other work on a busy machine does not count. */
  start = thread_cpu_ms ();
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(JmScoreReport) report = jm_score_report_new (map);
      g_assert_cmpuint (jm_score_report_get_overall (report)->n_touchpoints, ==, n_cards);
    }
  elapsed = (thread_cpu_ms () - start) / 100;
  g_test_minimized_result (elapsed, "report of %u touchpoints: %.2f ms (CPU)", n_cards, elapsed);
}

/* The as-is map and its to-be copy, stage by stage: the to-be fixes the
 * phone call in Buy (emotion -2 to +1), drops t4, adds a card to Help and
 * a stage of its own; each stage's means and card counts follow. */
static void
test_compare_stages (void)
{
  g_autoptr(JmMap) as_is = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(JmMap) to_be = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(JmStage) renew = jm_stage_new ("s5", "Renew");
  g_autoptr(JmTouchpoint) added = jm_touchpoint_new ("t7", "s4", "p1", "Chat answers at once");
  g_autoptr(GArray) stages = NULL;
  const JmStageComparison *buy, *use, *help, *extra;

  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (to_be, "t3"), 1);
  jm_touchpoint_set_notes (jm_map_lookup_touchpoint (to_be, "t3"), "Call back in an hour");
  jm_map_remove_touchpoint (to_be, jm_map_lookup_touchpoint (to_be, "t4"));
  jm_touchpoint_set_emotion (added, 2);
  jm_map_append_touchpoint (to_be, added);
  jm_map_append_stage (to_be, renew);

  stages = jm_score_compare_stages (as_is, to_be);
  g_assert_cmpuint (stages->len, ==, 5);
  buy = &g_array_index (stages, JmStageComparison, 1);
  use = &g_array_index (stages, JmStageComparison, 2);
  help = &g_array_index (stages, JmStageComparison, 3);
  extra = &g_array_index (stages, JmStageComparison, 4);

  g_assert_cmpstr (buy->name, ==, "Buy");
  assert_num (buy->emotion[0], -1.5);
  assert_num (buy->emotion[1], 1.0);
  g_assert_cmpuint (buy->n_cards[0], ==, 2);
  g_assert_cmpuint (buy->n_cards[1], ==, 1);
  g_assert_cmpuint (buy->n_removed, ==, 1);
  g_assert_cmpuint (buy->n_changed, ==, 1);
  g_assert_cmpuint (buy->n_added, ==, 0);

  assert_num (use->emotion[0], NAN);
  assert_num (use->score[1], NAN);
  g_assert_cmpuint (use->n_changed + use->n_added + use->n_removed, ==, 0);

  assert_num (help->emotion[0], 0.0);
  assert_num (help->emotion[1], 1.0);
  g_assert_cmpuint (help->n_added, ==, 1);

  g_assert_cmpstr (extra->stage_id, ==, "s5");
  g_assert_false (extra->in_first);
  g_assert_true (extra->in_second);
  g_assert_true (buy->in_first && buy->in_second);
}

/* Who owns the broken moments: Support owns both moments of truth (t3 is
 * negative, t5 scores 2), Billing the negative t3 with Support (counted
 * once though written twice), Marketing a share of nothing negative. */
static void
test_silos (void)
{
  g_autoptr(JmMap) map = build_map (fixture, G_N_ELEMENTS (fixture));
  g_autoptr(GArray) silos = NULL;
  guint n_negative = 0, n_moments = 0;
  const JmSilo *support, *billing;

  silos = jm_score_silos (map, &n_negative, &n_moments);
  g_assert_cmpuint (n_negative, ==, 2);
  g_assert_cmpuint (n_moments, ==, 2);
  g_assert_cmpuint (silos->len, ==, 4);
  support = &g_array_index (silos, JmSilo, 0);
  billing = &g_array_index (silos, JmSilo, 1);
  g_assert_cmpstr (support->label, ==, "Support");
  g_assert_cmpuint (support->n_cards, ==, 3);
  g_assert_cmpuint (support->n_moments, ==, 2);
  g_assert_cmpuint (support->n_broken_moments, ==, 2);
  g_assert_cmpuint (support->n_negative, ==, 1);
  g_assert_cmpuint (support->n_shared_negative, ==, 1);
  assert_num (support->moment_share, 1.0);
  assert_num (support->negative_share, 0.5);
  g_assert_cmpstr (billing->label, ==, "Billing");
  g_assert_cmpuint (billing->n_cards, ==, 1);
  g_assert_cmpuint (billing->n_broken_moments, ==, 1);
  assert_num (g_array_index (silos, JmSilo, 3).negative_share, 0.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/composite", test_composite);
  g_test_add_func ("/scoring/composite-weights", test_composite_weights);
  g_test_add_func ("/scoring/rollups", test_rollups);
  g_test_add_func ("/scoring/typed-names", test_typed_names);
  g_test_add_func ("/scoring/emotion-curve", test_emotion_curve);
  g_test_add_func ("/scoring/ranking", test_ranking);
  g_test_add_func ("/scoring/ranking-ties", test_ranking_ties);
  g_test_add_func ("/scoring/weights-all-zero", test_weights_all_zero);
  g_test_add_func ("/scoring/empty-map", test_empty_map);
  g_test_add_func ("/scoring/compare-stages", test_compare_stages);
  g_test_add_func ("/scoring/silos", test_silos);
  g_test_add_func ("/scoring/properties", test_properties);
  g_test_add_func ("/scoring/colour", test_colour);
  if (g_test_perf ())
    g_test_add_func ("/scoring/perf", test_perf);

  return g_test_run ();
}
