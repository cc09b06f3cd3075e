/* jm-votes.c: a map's rounds of dot voting, and the edits they take
 *
 * The map owns one JmVotes. Starting a round, closing it, placing a dot
 * and taking one back are each one named step on the map's history, and
 * the limits hold at every step: a voter never has more dots in a round
 * than the round gives, dots go only on touchpoints the map has, and a
 * closed round takes no more. A vote stays with its round when its card
 * is removed (see jm-vote-round.c), so undoing the removal brings it back;
 * until then it is not counted, and still spent.
 *
 * This is the one way to vote: the board's keys and, later, the workshop
 * room call jm_votes_add_dot() alike.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-votes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-votes-private.h"

struct _JmVotes
{
  GObject     parent_instance;

  JmMap      *map;      /* weak: the map owns this */
  GListStore *rounds;
};

G_DEFINE_FINAL_TYPE (JmVotes, jm_votes, G_TYPE_OBJECT)

G_DEFINE_QUARK (jm-votes-error-quark, jm_votes_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
jm_votes_dispose (GObject *object)
{
  JmVotes *self = JM_VOTES (object);

  if (self->rounds != NULL)
    {
      for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds)); i < n; i++)
        {
          g_autoptr(JmVoteRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

          g_signal_handlers_disconnect_by_data (round, self);
        }
    }
  g_clear_object (&self->rounds);

  G_OBJECT_CLASS (jm_votes_parent_class)->dispose (object);
}

static void
jm_votes_class_init (JmVotesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_votes_dispose;

  /**
   * JmVotes::changed:
   * @touchpoint_id: (nullable): the touchpoint whose dots changed, or
   *   %NULL when a round started, closed or went
   *
   * What views of the votes listen to.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
jm_votes_init (JmVotes *self)
{
  self->rounds = g_list_store_new (JM_TYPE_VOTE_ROUND);
}

JmVotes *
_jm_votes_new (JmMap *map)
{
  JmVotes *self = g_object_new (JM_TYPE_VOTES, NULL);

  self->map = map;
  return self;
}

static void
on_round_changed (JmVotes     *self,
                  const char  *touchpoint_id)
{
  g_signal_emit (self, signals[CHANGED], 0, touchpoint_id);
}

static void
on_round_notify (JmVotes *self)
{
  g_signal_emit (self, signals[CHANGED], 0, NULL);
}

static void
insert_round (JmVotes     *self,
              JmVoteRound *round)
{
  g_signal_connect_swapped (round, "changed", G_CALLBACK (on_round_changed), self);
  g_signal_connect_swapped (round, "notify", G_CALLBACK (on_round_notify), self);
  g_list_store_append (self->rounds, round);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
}

static void
remove_round (JmVotes     *self,
              JmVoteRound *round)
{
  guint position;

  if (!g_list_store_find (self->rounds, round, &position))
    return;
  g_signal_handlers_disconnect_by_data (round, self);
  g_list_store_remove (self->rounds, position);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
}

/**
 * jm_votes_get_rounds:
 *
 * Returns: (transfer none): the rounds, of #JmVoteRound, oldest first
 */
GListModel *
jm_votes_get_rounds (JmVotes *self)
{
  g_return_val_if_fail (JM_IS_VOTES (self), NULL);
  return G_LIST_MODEL (self->rounds);
}

/**
 * jm_votes_lookup_round:
 *
 * Returns: (transfer none) (nullable): the round @round_id
 */
JmVoteRound *
jm_votes_lookup_round (JmVotes    *self,
                       const char *round_id)
{
  GListModel *rounds;

  g_return_val_if_fail (JM_IS_VOTES (self), NULL);

  if (round_id == NULL)
    return NULL;
  rounds = G_LIST_MODEL (self->rounds);
  for (guint i = 0, n = g_list_model_get_n_items (rounds); i < n; i++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (rounds, i);

      if (g_str_equal (jm_vote_round_get_id (round), round_id))
        return round;  /* the store keeps it */
    }
  return NULL;
}

/**
 * jm_votes_get_latest_round:
 *
 * Returns: (transfer none) (nullable): the newest round, open or closed
 */
JmVoteRound *
jm_votes_get_latest_round (JmVotes *self)
{
  guint n;
  g_autoptr(JmVoteRound) round = NULL;

  g_return_val_if_fail (JM_IS_VOTES (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  if (n == 0)
    return NULL;
  round = g_list_model_get_item (G_LIST_MODEL (self->rounds), n - 1);
  return round;  /* the store keeps it */
}

/**
 * jm_votes_get_open_round:
 *
 * Returns: (transfer none) (nullable): the round taking votes: the newest,
 *   unless it is closed
 */
JmVoteRound *
jm_votes_get_open_round (JmVotes *self)
{
  JmVoteRound *round = jm_votes_get_latest_round (self);

  return round != NULL && !jm_vote_round_get_closed (round) ? round : NULL;
}

/* Returns: %TRUE when the map has no rounds (and its file needs none) */
gboolean
jm_votes_is_empty (JmVotes *self)
{
  g_return_val_if_fail (JM_IS_VOTES (self), TRUE);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rounds)) == 0;
}

/**
 * jm_votes_append_round:
 *
 * Adds a round, its votes and all, without recording it on the history.
 *
 * Returns: %FALSE if the map has a round of the same id already
 */
gboolean
jm_votes_append_round (JmVotes     *self,
                       JmVoteRound *round)
{
  g_return_val_if_fail (JM_IS_VOTES (self), FALSE);
  g_return_val_if_fail (JM_IS_VOTE_ROUND (round), FALSE);

  if (jm_votes_lookup_round (self, jm_vote_round_get_id (round)) != NULL)
    return FALSE;
  insert_round (self, round);
  return TRUE;
}

/* Edits */

typedef struct
{
  JmVotes     *votes;   /* the map owns the history that owns this */
  JmVoteRound *round;
} RoundCommand;

static void
round_command_free (gpointer data)
{
  RoundCommand *command = data;

  g_object_unref (command->round);
  g_free (command);
}

static void
round_command_run (gpointer data,
                   gboolean undo)
{
  RoundCommand *command = data;

  if (undo)
    remove_round (command->votes, command->round);
  else
    insert_round (command->votes, command->round);
}

static char *
new_round_id (JmVotes *self)
{
  for (guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds)) + 1;; n++)
    {
      char *id = g_strdup_printf ("r%u", n);

      if (jm_votes_lookup_round (self, id) == NULL)
        return id;
      g_free (id);
    }
}

/**
 * jm_votes_start_round:
 * @question: what the voters are asked
 * @dots: each voter's dots, 1 to %JM_VOTE_MAX_DOTS
 * @anonymous: whether voters are kept as tokens rather than names
 *
 * Starts a round, closing the one open before it, as one undo step.
 *
 * Returns: (transfer none): the new round
 */
JmVoteRound *
jm_votes_start_round (JmVotes    *self,
                      const char *question,
                      int         dots,
                      gboolean    anonymous)
{
  g_autofree char *id = NULL;
  RoundCommand *command;
  JmVoteRound *open;

  g_return_val_if_fail (JM_IS_VOTES (self), NULL);
  g_return_val_if_fail (dots >= 1 && dots <= JM_VOTE_MAX_DOTS, NULL);

  id = new_round_id (self);
  command = g_new0 (RoundCommand, 1);
  command->votes = self;
  command->round = jm_vote_round_new (id, question, dots);
  jm_vote_round_set_anonymous (command->round, anonymous);

  jm_map_begin (self->map, _("Start Voting Round"));
  open = jm_votes_get_open_round (self);
  if (open != NULL)
    jm_map_edit_boolean (self->map, open, "closed", TRUE);
  round_command_run (command, FALSE);
  jm_history_push (jm_map_get_history (self->map), round_command_run, command, round_command_free);
  jm_map_end (self->map);
  return command->round;
}

/**
 * jm_votes_close_round:
 *
 * Closes @round: it takes no more dots. One undo step.
 */
void
jm_votes_close_round (JmVotes     *self,
                      JmVoteRound *round)
{
  g_return_if_fail (JM_IS_VOTES (self));
  g_return_if_fail (JM_IS_VOTE_ROUND (round));

  if (jm_vote_round_get_closed (round))
    return;
  jm_map_begin (self->map, _("Close Voting Round"));
  jm_map_edit_boolean (self->map, round, "closed", TRUE);
  jm_map_end (self->map);
}

typedef struct
{
  JmVoteRound *round;
  char        *touchpoint_id;
  char        *voter;
  int          count;
} DotCommand;

static void
dot_command_free (gpointer data)
{
  DotCommand *command = data;

  g_object_unref (command->round);
  g_free (command->touchpoint_id);
  g_free (command->voter);
  g_free (command);
}

static void
dot_command_run (gpointer data,
                 gboolean undo)
{
  DotCommand *command = data;

  jm_vote_round_add_dots (command->round, command->touchpoint_id, command->voter,
                          undo ? -command->count : command->count);
}

static JmVoteRound *
open_round_for (JmVotes     *self,
                const char  *round_id,
                const char  *touchpoint_id,
                const char  *voter,
                GError     **error)
{
  JmVoteRound *round = jm_votes_lookup_round (self, round_id);

  if (round == NULL)
    {
      g_set_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_ROUND,
                   _("There is no voting round “%s”"), round_id != NULL ? round_id : "");
      return NULL;
    }
  if (jm_vote_round_get_closed (round))
    {
      g_set_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_CLOSED,
                   _("The voting round “%s” is closed"), round_id);
      return NULL;
    }
  if (touchpoint_id == NULL || jm_map_lookup_touchpoint (self->map, touchpoint_id) == NULL)
    {
      g_set_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_TOUCHPOINT,
                   _("The map has no touchpoint “%s”"), touchpoint_id != NULL ? touchpoint_id : "");
      return NULL;
    }
  if (voter == NULL || *voter == '\0' || !g_utf8_validate (voter, -1, NULL))
    {
      g_set_error_literal (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_VOTER,
                           _("A dot needs a voter"));
      return NULL;
    }
  return round;
}

static void
record_dot (JmVotes     *self,
            JmVoteRound *round,
            const char  *touchpoint_id,
            const char  *voter,
            int          count,
            const char  *label)
{
  DotCommand *command = g_new0 (DotCommand, 1);

  command->round = g_object_ref (round);
  command->touchpoint_id = g_strdup (touchpoint_id);
  command->voter = g_strdup (voter);
  command->count = count;
  jm_map_begin (self->map, label);
  dot_command_run (command, FALSE);
  jm_history_push (jm_map_get_history (self->map), dot_command_run, command, dot_command_free);
  jm_map_end (self->map);
}

/**
 * jm_votes_add_dot:
 * @round_id: an open round
 * @touchpoint_id: a touchpoint of the map
 * @voter: a voter's name, or in an anonymous round a token for the voter
 *   (see jm_votes_voter_token())
 * @error: why the dot could not be placed
 *
 * Places one of @voter's dots on a touchpoint, as one undo step.
 *
 * Returns: %FALSE, with @error set, when the round is unknown or closed,
 *   the touchpoint unknown, or the voter has placed all their dots
 */
gboolean
jm_votes_add_dot (JmVotes     *self,
                  const char  *round_id,
                  const char  *touchpoint_id,
                  const char  *voter,
                  GError     **error)
{
  JmVoteRound *round;

  g_return_val_if_fail (JM_IS_VOTES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  round = open_round_for (self, round_id, touchpoint_id, voter, error);
  if (round == NULL)
    return FALSE;
  if (jm_vote_round_get_dots_of (round, voter) >= jm_vote_round_get_dots (round))
    {
      g_set_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOTS_LEFT,
                   g_dngettext (GETTEXT_PACKAGE, "%s has placed their %d dot",
                                "%s has placed all %d dots", jm_vote_round_get_dots (round)),
                   voter, jm_vote_round_get_dots (round));
      return FALSE;
    }
  record_dot (self, round, touchpoint_id, voter, 1, _("Add Dot"));
  return TRUE;
}

/**
 * jm_votes_remove_dot:
 *
 * Takes back one of @voter's dots from a touchpoint, as one undo step.
 *
 * Returns: %FALSE, with @error set, when the round is unknown or closed,
 *   or the voter has no dot on the touchpoint
 */
gboolean
jm_votes_remove_dot (JmVotes     *self,
                     const char  *round_id,
                     const char  *touchpoint_id,
                     const char  *voter,
                     GError     **error)
{
  JmVoteRound *round;

  g_return_val_if_fail (JM_IS_VOTES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  round = open_round_for (self, round_id, touchpoint_id, voter, error);
  if (round == NULL)
    return FALSE;
  if (jm_vote_round_get_dots_on (round, touchpoint_id, voter) == 0)
    {
      g_set_error (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOT,
                   _("%s has no dot on this touchpoint"), voter);
      return FALSE;
    }
  record_dot (self, round, touchpoint_id, voter, -1, _("Remove Dot"));
  return TRUE;
}

/**
 * jm_votes_count:
 * @round: (nullable): a round of the map; %NULL counts nothing
 *
 * Returns: the dots on @touchpoint_id in @round, 0 for a card the map no
 *   longer has
 */
int
jm_votes_count (JmVotes     *self,
                JmVoteRound *round,
                const char  *touchpoint_id)
{
  g_return_val_if_fail (JM_IS_VOTES (self), 0);

  if (round == NULL || touchpoint_id == NULL ||
      jm_map_lookup_touchpoint (self->map, touchpoint_id) == NULL)
    return 0;
  return jm_vote_round_get_dots_for (round, touchpoint_id, NULL);
}

/* Returns: the dots @voter has still to place in @round */
int
jm_votes_get_remaining (JmVotes     *self,
                        JmVoteRound *round,
                        const char  *voter)
{
  g_return_val_if_fail (JM_IS_VOTES (self), 0);
  g_return_val_if_fail (JM_IS_VOTE_ROUND (round), 0);

  return MAX (0, jm_vote_round_get_dots (round) - jm_vote_round_get_dots_of (round, voter));
}

/**
 * jm_votes_voter_token:
 * @name: what a voter calls themselves on this device
 *
 * Returns: (transfer full): how @round keeps the voter: @name itself, or
 *   in an anonymous round a token that stands for the name in this round
 *   only and does not reveal it
 */
char *
jm_votes_voter_token (JmVoteRound *round,
                      const char  *name)
{
  g_autofree char *salted = NULL;
  g_autofree char *sum = NULL;

  g_return_val_if_fail (JM_IS_VOTE_ROUND (round), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!jm_vote_round_get_anonymous (round))
    return g_strdup (name);
  salted = g_strconcat (jm_vote_round_get_id (round), "\n", name, NULL);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
  return g_strdup_printf ("voter-%.10s", sum);
}
