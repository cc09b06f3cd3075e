/* jm-vote-round.c: one round of dot voting on a map
 *
 * A round asks one question ("Which moments hurt most?") and gives each
 * voter a number of dots to place on touchpoints. A vote is one voter's
 * dots on one touchpoint, kept by the touchpoint's id: a vote on a card
 * that is removed stays here, unseen (JmVotes counts only cards the map
 * has, and the file leaves it out), and is there again when the removal is
 * undone. In an anonymous round the voter is a token, never a name.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-votes"

#include "jm-vote-round.h"
#include "jm-util-private.h"

typedef struct
{
  char *touchpoint_id;
  char *voter;
  int   count;
} Vote;

/* What a touchpoint has in the round. */
typedef struct
{
  int   dots;
  guint voters;
} Tally;

struct _JmVoteRound
{
  GObject   parent_instance;

  char     *id;
  char     *question;
  int       dots;
  gboolean  anonymous;
  gboolean  closed;
  GPtrArray  *votes;       /* of Vote, in the order they were first placed */
  /* Lookups, so that a file of many votes reads in linear time. */
  GHashTable *pairs;       /* "touchpoint\nvoter" -> Vote, borrowed */
  GHashTable *voters;      /* voter -> dots, as a pointer */
  GHashTable *tallies;     /* touchpoint id -> Tally */
};

G_DEFINE_FINAL_TYPE (JmVoteRound, jm_vote_round, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_QUESTION,
  PROP_DOTS,
  PROP_ANONYMOUS,
  PROP_CLOSED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
vote_free (gpointer data)
{
  Vote *vote = data;

  g_free (vote->touchpoint_id);
  g_free (vote->voter);
  g_free (vote);
}

static char *
pair_key (const char *touchpoint_id,
          const char *voter)
{
  return g_strconcat (touchpoint_id, "\n", voter, NULL);
}

static void
jm_vote_round_finalize (GObject *object)
{
  JmVoteRound *self = JM_VOTE_ROUND (object);

  g_free (self->id);
  g_free (self->question);
  g_hash_table_unref (self->pairs);
  g_hash_table_unref (self->voters);
  g_hash_table_unref (self->tallies);
  g_ptr_array_unref (self->votes);

  G_OBJECT_CLASS (jm_vote_round_parent_class)->finalize (object);
}

static void
jm_vote_round_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JmVoteRound *self = JM_VOTE_ROUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_DOTS:
      g_value_set_int (value, self->dots);
      break;
    case PROP_ANONYMOUS:
      g_value_set_boolean (value, self->anonymous);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_vote_round_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JmVoteRound *self = JM_VOTE_ROUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_QUESTION:
      jm_vote_round_set_question (self, g_value_get_string (value));
      break;
    case PROP_DOTS:
      jm_vote_round_set_dots (self, g_value_get_int (value));
      break;
    case PROP_ANONYMOUS:
      jm_vote_round_set_anonymous (self, g_value_get_boolean (value));
      break;
    case PROP_CLOSED:
      jm_vote_round_set_closed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_vote_round_class_init (JmVoteRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jm_vote_round_finalize;
  object_class->get_property = jm_vote_round_get_property;
  object_class->set_property = jm_vote_round_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, "", flags);
  properties[PROP_DOTS] = g_param_spec_int ("dots", NULL, NULL, 1, JM_VOTE_MAX_DOTS, 3, flags);
  properties[PROP_ANONYMOUS] = g_param_spec_boolean ("anonymous", NULL, NULL, FALSE, flags);
  properties[PROP_CLOSED] = g_param_spec_boolean ("closed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmVoteRound::changed:
   * @touchpoint_id: the touchpoint whose dots changed
   *
   * A vote was placed, taken back, or changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
jm_vote_round_init (JmVoteRound *self)
{
  self->question = g_strdup ("");
  self->dots = 3;
  self->votes = g_ptr_array_new_with_free_func (vote_free);
  self->pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->voters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * jm_vote_round_new:
 * @id: the round's id in its map
 * @question: what the voters are asked
 * @dots: how many dots each voter has, 1 to %JM_VOTE_MAX_DOTS
 *
 * Returns: (transfer full): a new open round without votes
 */
JmVoteRound *
jm_vote_round_new (const char *id,
                   const char *question,
                   int         dots)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (JM_TYPE_VOTE_ROUND, "id", id, "question", question ? question : "",
                       "dots", CLAMP (dots, 1, JM_VOTE_MAX_DOTS), NULL);
}

const char *
jm_vote_round_get_id (JmVoteRound *self)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), NULL);
  return self->id;
}

const char *
jm_vote_round_get_question (JmVoteRound *self)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), NULL);
  return self->question;
}

void
jm_vote_round_set_question (JmVoteRound *self,
                            const char  *question)
{
  g_return_if_fail (JM_IS_VOTE_ROUND (self));

  if (_jm_set_str (&self->question, question ? question : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

int
jm_vote_round_get_dots (JmVoteRound *self)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), 0);
  return self->dots;
}

void
jm_vote_round_set_dots (JmVoteRound *self,
                        int          dots)
{
  g_return_if_fail (JM_IS_VOTE_ROUND (self));
  g_return_if_fail (dots >= 1 && dots <= JM_VOTE_MAX_DOTS);

  if (self->dots == dots)
    return;
  self->dots = dots;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOTS]);
}

gboolean
jm_vote_round_get_anonymous (JmVoteRound *self)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), FALSE);
  return self->anonymous;
}

void
jm_vote_round_set_anonymous (JmVoteRound *self,
                             gboolean     anonymous)
{
  g_return_if_fail (JM_IS_VOTE_ROUND (self));

  anonymous = !!anonymous;
  if (self->anonymous == anonymous)
    return;
  self->anonymous = anonymous;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANONYMOUS]);
}

gboolean
jm_vote_round_get_closed (JmVoteRound *self)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), FALSE);
  return self->closed;
}

void
jm_vote_round_set_closed (JmVoteRound *self,
                          gboolean     closed)
{
  g_return_if_fail (JM_IS_VOTE_ROUND (self));

  closed = !!closed;
  if (self->closed == closed)
    return;
  self->closed = closed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
}

guint
jm_vote_round_get_n_votes (JmVoteRound *self)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), 0);
  return self->votes->len;
}

/**
 * jm_vote_round_get_vote:
 * @touchpoint_id: (out) (transfer none) (optional):
 * @voter: (out) (transfer none) (optional): a name, or a token in an
 *   anonymous round
 * @count: (out) (optional): how many dots, at least 1
 *
 * Gives one vote, in the order the votes were first placed. The touchpoint
 * may no longer be in the map.
 */
void
jm_vote_round_get_vote (JmVoteRound  *self,
                        guint         index,
                        const char  **touchpoint_id,
                        const char  **voter,
                        int          *count)
{
  const Vote *vote;

  g_return_if_fail (JM_IS_VOTE_ROUND (self));
  g_return_if_fail (index < self->votes->len);

  vote = g_ptr_array_index (self->votes, index);
  if (touchpoint_id != NULL)
    *touchpoint_id = vote->touchpoint_id;
  if (voter != NULL)
    *voter = vote->voter;
  if (count != NULL)
    *count = vote->count;
}

static Vote *
find_vote (JmVoteRound *self,
           const char  *touchpoint_id,
           const char  *voter)
{
  g_autofree char *key = pair_key (touchpoint_id, voter);

  return g_hash_table_lookup (self->pairs, key);
}

/* Returns: the dots @voter has on @touchpoint_id */
int
jm_vote_round_get_dots_on (JmVoteRound *self,
                           const char  *touchpoint_id,
                           const char  *voter)
{
  Vote *vote;

  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), 0);
  g_return_val_if_fail (touchpoint_id != NULL && voter != NULL, 0);

  vote = find_vote (self, touchpoint_id, voter);
  return vote != NULL ? vote->count : 0;
}

/* Returns: every dot @voter has placed in the round, on removed cards too */
int
jm_vote_round_get_dots_of (JmVoteRound *self,
                           const char  *voter)
{
  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), 0);
  g_return_val_if_fail (voter != NULL, 0);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->voters, voter));
}

/**
 * jm_vote_round_get_dots_for:
 * @voters: (out) (optional): how many voters put them there
 *
 * Returns: every dot on @touchpoint_id, whether or not the map still has it
 */
int
jm_vote_round_get_dots_for (JmVoteRound *self,
                            const char  *touchpoint_id,
                            guint       *voters)
{
  Tally *tally;

  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), 0);
  g_return_val_if_fail (touchpoint_id != NULL, 0);

  tally = g_hash_table_lookup (self->tallies, touchpoint_id);
  if (voters != NULL)
    *voters = tally != NULL ? tally->voters : 0;
  return tally != NULL ? tally->dots : 0;
}

static void
count (JmVoteRound *self,
       const char  *touchpoint_id,
       const char  *voter,
       int          dots,
       int          voters)
{
  Tally *tally = g_hash_table_lookup (self->tallies, touchpoint_id);
  int total = GPOINTER_TO_INT (g_hash_table_lookup (self->voters, voter)) + dots;

  if (tally == NULL)
    {
      tally = g_new0 (Tally, 1);
      g_hash_table_insert (self->tallies, g_strdup (touchpoint_id), tally);
    }
  tally->dots += dots;
  tally->voters += voters;
  if (tally->dots == 0 && tally->voters == 0)
    g_hash_table_remove (self->tallies, touchpoint_id);
  if (total == 0)
    g_hash_table_remove (self->voters, voter);
  else
    g_hash_table_insert (self->voters, g_strdup (voter), GINT_TO_POINTER (total));
}

void
jm_vote_round_add_dots (JmVoteRound *self,
                        const char  *touchpoint_id,
                        const char  *voter,
                        int          dots)
{
  g_autofree char *id = NULL;
  Vote *vote;

  g_return_if_fail (JM_IS_VOTE_ROUND (self));
  g_return_if_fail (touchpoint_id != NULL && voter != NULL);

  if (dots == 0)
    return;
  vote = find_vote (self, touchpoint_id, voter);
  g_return_if_fail (vote != NULL ? vote->count + dots >= 0 : dots > 0);
  id = g_strdup (touchpoint_id);
  if (vote == NULL)
    {
      vote = g_new0 (Vote, 1);
      vote->touchpoint_id = g_strdup (touchpoint_id);
      vote->voter = g_strdup (voter);
      g_ptr_array_add (self->votes, vote);
      g_hash_table_insert (self->pairs, pair_key (touchpoint_id, voter), vote);
      count (self, touchpoint_id, voter, 0, 1);
    }
  vote->count += dots;
  count (self, touchpoint_id, voter, dots, 0);
  if (vote->count == 0)
    {
      g_autofree char *key = pair_key (touchpoint_id, voter);

      count (self, touchpoint_id, voter, 0, -1);
      g_hash_table_remove (self->pairs, key);
      g_ptr_array_remove (self->votes, vote);
    }
  g_signal_emit (self, signals[CHANGED], 0, id);
}
