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

struct _JmVoteRound
{
  GObject   parent_instance;

  char     *id;
  char     *question;
  int       dots;
  gboolean  anonymous;
  gboolean  closed;
  GArray   *votes;    /* of Vote, in the order they were first placed */
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
vote_clear (gpointer data)
{
  Vote *vote = data;

  g_free (vote->touchpoint_id);
  g_free (vote->voter);
}

static void
jm_vote_round_finalize (GObject *object)
{
  JmVoteRound *self = JM_VOTE_ROUND (object);

  g_free (self->id);
  g_free (self->question);
  g_array_unref (self->votes);

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
  self->votes = g_array_new (FALSE, FALSE, sizeof (Vote));
  g_array_set_clear_func (self->votes, vote_clear);
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

  vote = &g_array_index (self->votes, Vote, index);
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
           const char  *voter,
           guint       *index)
{
  for (guint i = 0; i < self->votes->len; i++)
    {
      Vote *vote = &g_array_index (self->votes, Vote, i);

      if (g_str_equal (vote->touchpoint_id, touchpoint_id) && g_str_equal (vote->voter, voter))
        {
          if (index != NULL)
            *index = i;
          return vote;
        }
    }
  return NULL;
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

  vote = find_vote (self, touchpoint_id, voter, NULL);
  return vote != NULL ? vote->count : 0;
}

/* Returns: every dot @voter has placed in the round, on removed cards too */
int
jm_vote_round_get_dots_of (JmVoteRound *self,
                           const char  *voter)
{
  int total = 0;

  g_return_val_if_fail (JM_IS_VOTE_ROUND (self), 0);
  g_return_val_if_fail (voter != NULL, 0);

  for (guint i = 0; i < self->votes->len; i++)
    {
      const Vote *vote = &g_array_index (self->votes, Vote, i);

      if (g_str_equal (vote->voter, voter))
        total += vote->count;
    }
  return total;
}

void
jm_vote_round_add_dots (JmVoteRound *self,
                        const char  *touchpoint_id,
                        const char  *voter,
                        int          count)
{
  guint index = 0;
  Vote *vote;

  g_return_if_fail (JM_IS_VOTE_ROUND (self));
  g_return_if_fail (touchpoint_id != NULL && voter != NULL);

  if (count == 0)
    return;
  vote = find_vote (self, touchpoint_id, voter, &index);
  if (vote == NULL)
    {
      Vote added = { g_strdup (touchpoint_id), g_strdup (voter), 0 };

      g_return_if_fail (count > 0);
      g_array_append_val (self->votes, added);
      index = self->votes->len - 1;
      vote = &g_array_index (self->votes, Vote, index);
    }
  g_return_if_fail (vote->count + count >= 0);
  vote->count += count;
  if (vote->count == 0)
    {
      g_autofree char *id = g_strdup (touchpoint_id);

      g_array_remove_index (self->votes, index);
      g_signal_emit (self, signals[CHANGED], 0, id);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, touchpoint_id);
}
