/* test-votes.c: rounds of dot voting, their limits, undo and the file
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "jm-file.h"
#include "jm-map.h"
#include "jm-map-diff.h"
#include "jm-map-merge.h"
#include "jm-votes.h"
#include "jm-vote-ranking.h"
#include "jm-test-util.h"

static JmMap *
three_cards (void)
{
  JmMap *map = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Stage");
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Persona");

  jm_map_set_title (map, "Votes");
  jm_map_append_stage (map, stage);
  jm_map_append_persona (map, persona);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, "s1", "p1", id);

      jm_map_append_touchpoint (map, touchpoint);
    }
  return map;
}

static JmMap *
reload (JmMap *map)
{
  g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
  g_autoptr(GError) error = NULL;
  JmMap *loaded = jm_file_load_bytes (bytes, "votes", &error);

  g_assert_no_error (error);
  return loaded;
}

static void
test_limits_and_undo (void)
{
  g_autoptr(JmMap) map = three_cards ();
  JmVotes *votes = jm_map_get_votes (map);
  JmHistory *history = jm_map_get_history (map);
  g_autoptr(GError) error = NULL;
  JmVoteRound *round;
  const char *id;

  round = jm_votes_start_round (votes, "Which moments hurt most?", 2, FALSE);
  id = jm_vote_round_get_id (round);
  g_assert_cmpstr (id, ==, "r1");
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Start Voting Round");
  g_assert_true (jm_votes_get_open_round (votes) == round);

  g_assert_true (jm_votes_add_dot (votes, id, "t1", "Ana", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Add Dot");
  g_assert_true (jm_votes_add_dot (votes, id, "t1", "Ana", &error));
  g_assert_cmpint (jm_votes_count (votes, round, "t1"), ==, 2);
  g_assert_cmpint (jm_votes_get_remaining (votes, round, "Ana"), ==, 0);

  /* A third dot is refused, naming the voter; others still vote. */
  g_assert_false (jm_votes_add_dot (votes, id, "t2", "Ana", &error));
  g_assert_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOTS_LEFT);
  g_assert_nonnull (strstr (error->message, "Ana"));
  g_clear_error (&error);
  g_assert_true (jm_votes_add_dot (votes, id, "t2", "Bo", &error));

  g_assert_false (jm_votes_add_dot (votes, id, "t9", "Bo", &error));
  g_assert_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_TOUCHPOINT);
  g_clear_error (&error);
  g_assert_false (jm_votes_add_dot (votes, "r7", "t1", "Bo", &error));
  g_assert_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_ROUND);
  g_clear_error (&error);
  g_assert_false (jm_votes_add_dot (votes, id, "t1", "", &error));
  g_assert_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_VOTER);
  g_clear_error (&error);
  g_assert_false (jm_votes_remove_dot (votes, id, "t3", "Bo", &error));
  g_assert_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOT);
  g_clear_error (&error);

  /* Each dot is its own undo step. */
  g_assert_true (jm_votes_remove_dot (votes, id, "t1", "Ana", &error));
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Remove Dot");
  g_assert_cmpint (jm_votes_count (votes, round, "t1"), ==, 1);
  g_assert_true (jm_map_undo (map));
  g_assert_cmpint (jm_votes_count (votes, round, "t1"), ==, 2);
  g_assert_true (jm_map_undo (map));
  g_assert_cmpint (jm_votes_count (votes, round, "t2"), ==, 0);
  g_assert_true (jm_map_redo (map));
  g_assert_cmpint (jm_votes_count (votes, round, "t2"), ==, 1);

  /* Closed, it takes no more. */
  jm_votes_close_round (votes, round);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Close Voting Round");
  g_assert_null (jm_votes_get_open_round (votes));
  g_assert_false (jm_votes_add_dot (votes, id, "t3", "Cy", &error));
  g_assert_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_true (jm_map_undo (map));
  g_assert_true (jm_votes_get_open_round (votes) == round);

  /* Undoing the start takes the round away, votes and all. */
  while (jm_map_undo (map))
    ;
  g_assert_true (jm_votes_is_empty (votes));
  while (jm_map_redo (map))
    ;
  g_assert_cmpint (jm_votes_count (votes, round, "t1"), ==, 2);
}

/* A new round closes the open one, in the same step. */
static void
test_new_round_closes_open (void)
{
  g_autoptr(JmMap) map = three_cards ();
  JmVotes *votes = jm_map_get_votes (map);
  JmVoteRound *first = jm_votes_start_round (votes, "One", 3, FALSE);
  JmVoteRound *second = jm_votes_start_round (votes, "Two", 1, TRUE);

  g_assert_true (jm_vote_round_get_closed (first));
  g_assert_cmpstr (jm_vote_round_get_id (second), ==, "r2");
  g_assert_true (jm_votes_get_open_round (votes) == second);
  g_assert_true (jm_map_undo (map));
  g_assert_false (jm_vote_round_get_closed (first));
  g_assert_true (jm_votes_get_open_round (votes) == first);
}

/* A vote on a removed card goes with it, and comes back on undo. */
static void
test_removed_card (void)
{
  g_autoptr(JmMap) map = three_cards ();
  JmVotes *votes = jm_map_get_votes (map);
  JmVoteRound *round = jm_votes_start_round (votes, "Q", 3, FALSE);
  const char *id = jm_vote_round_get_id (round);
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GArray) ranking = NULL;

  g_assert_true (jm_votes_add_dot (votes, id, "t2", "Ana", NULL));
  g_assert_true (jm_votes_add_dot (votes, id, "t2", "Bo", NULL));
  g_assert_true (jm_votes_add_dot (votes, id, "t3", "Bo", NULL));

  jm_map_remove_touchpoint (map, jm_map_lookup_touchpoint (map, "t2"));
  g_assert_cmpint (jm_votes_count (votes, round, "t2"), ==, 0);
  ranking = jm_vote_ranking_new (map, round);
  g_assert_cmpuint (ranking->len, ==, 1);
  g_clear_pointer (&ranking, g_array_unref);
  /* The file leaves the vote out, and stays readable. */
  loaded = reload (map);
  g_assert_cmpint (jm_votes_count (jm_map_get_votes (loaded), jm_votes_lookup_round (jm_map_get_votes (loaded), id), "t3"), ==, 1);
  g_assert_cmpuint (jm_vote_round_get_n_votes (jm_votes_lookup_round (jm_map_get_votes (loaded), id)), ==, 1);

  g_assert_true (jm_map_undo (map));
  g_assert_cmpint (jm_votes_count (votes, round, "t2"), ==, 2);
  ranking = jm_vote_ranking_new (map, round);
  g_assert_cmpuint (ranking->len, ==, 2);
  g_assert_cmpstr (jm_touchpoint_get_id (g_array_index (ranking, JmVoteTally, 0).touchpoint), ==, "t2");
  g_assert_cmpint (g_array_index (ranking, JmVoteTally, 0).dots, ==, 2);
  g_assert_cmpuint (g_array_index (ranking, JmVoteTally, 0).voters, ==, 2);
}

/* An anonymous round keeps a token for each voter, never the name. */
static void
test_anonymous (void)
{
  g_autoptr(JmMap) map = three_cards ();
  JmVotes *votes = jm_map_get_votes (map);
  JmVoteRound *round = jm_votes_start_round (votes, "Q", 1, TRUE);
  g_autofree char *token = jm_votes_voter_token (round, "Ana");
  g_autofree char *again = jm_votes_voter_token (round, "Ana");
  g_autofree char *other = jm_votes_voter_token (round, "Bo");
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpstr (token, ==, again);
  g_assert_cmpstr (token, !=, other);
  g_assert_null (strstr (token, "Ana"));
  g_assert_true (jm_votes_add_dot (votes, jm_vote_round_get_id (round), "t1", token, NULL));
  bytes = jm_file_write_bytes (map);
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Ana"));
}

/* Every field of a round and every vote comes back from the file. */
static void
test_round_trip (void)
{
  g_autoptr(JmMap) map = three_cards ();
  JmVotes *votes = jm_map_get_votes (map);
  JmVoteRound *round = jm_votes_start_round (votes, "Which <moments> & “why”?", 5, FALSE);
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  JmVoteRound *back;

  g_assert_true (jm_votes_add_dot (votes, "r1", "t3", "Ana <&>", NULL));
  g_assert_true (jm_votes_add_dot (votes, "r1", "t3", "Ana <&>", NULL));
  g_assert_true (jm_votes_add_dot (votes, "r1", "t1", "Bo", NULL));
  jm_votes_close_round (votes, round);
  jm_votes_start_round (votes, "Second", 1, TRUE);

  loaded = reload (map);
  back = jm_votes_lookup_round (jm_map_get_votes (loaded), "r1");
  g_assert_cmpstr (jm_vote_round_get_question (back), ==, "Which <moments> & “why”?");
  g_assert_cmpint (jm_vote_round_get_dots (back), ==, 5);
  g_assert_true (jm_vote_round_get_closed (back));
  g_assert_cmpint (jm_vote_round_get_dots_on (back, "t3", "Ana <&>"), ==, 2);
  g_assert_cmpint (jm_vote_round_get_dots_on (back, "t1", "Bo"), ==, 1);
  g_assert_true (jm_vote_round_get_anonymous (jm_votes_lookup_round (jm_map_get_votes (loaded), "r2")));

  first = jm_file_write_bytes (map);
  second = jm_file_write_bytes (loaded);
  g_assert_true (g_bytes_equal (first, second));
}

/* The map's status is a field that --diff reports, by the file's words. */
static void
test_diff_status (void)
{
  g_autoptr(JmMap) old_map = three_cards ();
  g_autoptr(JmMap) new_map = three_cards ();
  g_autoptr(JmMapDiff) diff = NULL;
  g_autofree char *text = NULL;

  jm_map_set_status (new_map, JM_MAP_STATUS_TO_BE);
  jm_map_set_workshop_date (new_map, "2026-03-31");
  diff = jm_map_diff_new (old_map, new_map);
  text = jm_map_diff_to_text (diff);
  g_assert_nonnull (strstr (text, "~ map: status: \"none\" -> \"to-be\""));
  g_assert_nonnull (strstr (text, "~ map: workshop-date: \"\" -> \"2026-03-31\""));
}

/* A three-way merge takes theirs' new rounds and theirs' dots where ours
 * left them alone, never giving a voter more dots than the round gives. */
static void
test_merge (void)
{
  g_autoptr(JmMap) base = three_cards ();
  g_autoptr(JmMap) ours = NULL;
  g_autoptr(JmMap) theirs = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JmMap) saved = NULL;
  JmVoteRound *round;

  jm_votes_start_round (jm_map_get_votes (base), "Q", 3, FALSE);
  g_assert_true (jm_votes_add_dot (jm_map_get_votes (base), "r1", "t1", "Ana", NULL));
  ours = reload (base);
  theirs = reload (base);

  /* Ours: Bo on t2, Ana on t3. Theirs: Ana once more on t1 and once on
   * t2 (with ours', her fourth dot of three), and a second round. */
  g_assert_true (jm_votes_add_dot (jm_map_get_votes (ours), "r1", "t2", "Bo", NULL));
  g_assert_true (jm_votes_add_dot (jm_map_get_votes (ours), "r1", "t3", "Ana", NULL));
  g_assert_true (jm_votes_add_dot (jm_map_get_votes (theirs), "r1", "t1", "Ana", NULL));
  g_assert_true (jm_votes_add_dot (jm_map_get_votes (theirs), "r1", "t2", "Ana", NULL));
  jm_votes_start_round (jm_map_get_votes (theirs), "Second", 1, TRUE);
  g_assert_true (jm_votes_add_dot (jm_map_get_votes (theirs), "r2", "t3", "voter-1", NULL));

  conflicts = jm_map_merge (ours, base, ours, theirs);
  round = jm_votes_lookup_round (jm_map_get_votes (ours), "r1");
  g_assert_cmpint (jm_vote_round_get_dots_on (round, "t1", "Ana"), ==, 2);
  g_assert_cmpint (jm_vote_round_get_dots_on (round, "t2", "Bo"), ==, 1);
  g_assert_cmpint (jm_vote_round_get_dots_on (round, "t3", "Ana"), ==, 1);
  /* Ana's dot on t2 would be her fourth of three. */
  g_assert_cmpint (jm_vote_round_get_dots_on (round, "t2", "Ana"), ==, 0);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_nonnull (strstr (((JmMergeConflict *) g_ptr_array_index (conflicts, 0))->message,
                            "more dots than the round allows"));
  /* Closed by theirs' new round, the first round is closed here too. */
  g_assert_true (jm_vote_round_get_closed (round));
  round = jm_votes_lookup_round (jm_map_get_votes (ours), "r2");
  g_assert_nonnull (round);
  g_assert_true (jm_vote_round_get_anonymous (round));
  g_assert_cmpint (jm_vote_round_get_dots_on (round, "t3", "voter-1"), ==, 1);
  /* And the merged map saves and opens again. */
  saved = reload (ours);
  g_assert_nonnull (jm_votes_lookup_round (jm_map_get_votes (saved), "r2"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/votes/limits-and-undo", test_limits_and_undo);
  g_test_add_func ("/votes/new-round-closes-open", test_new_round_closes_open);
  g_test_add_func ("/votes/removed-card", test_removed_card);
  g_test_add_func ("/votes/anonymous", test_anonymous);
  g_test_add_func ("/votes/round-trip", test_round_trip);
  g_test_add_func ("/votes/diff-status", test_diff_status);
  g_test_add_func ("/votes/merge", test_merge);

  return g_test_run ();
}
