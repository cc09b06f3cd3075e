/* jm-vote-round.h: one round of dot voting on a map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How many dots a voter may have in one round, at most. */
#define JM_VOTE_MAX_DOTS 99

#define JM_TYPE_VOTE_ROUND (jm_vote_round_get_type ())
G_DECLARE_FINAL_TYPE (JmVoteRound, jm_vote_round, JM, VOTE_ROUND, GObject)

JmVoteRound *jm_vote_round_new              (const char   *id,
                                             const char   *question,
                                             int           dots);

const char  *jm_vote_round_get_id           (JmVoteRound  *self);
const char  *jm_vote_round_get_question     (JmVoteRound  *self);
void         jm_vote_round_set_question     (JmVoteRound  *self,
                                             const char   *question);
int          jm_vote_round_get_dots         (JmVoteRound  *self);
void         jm_vote_round_set_dots         (JmVoteRound  *self,
                                             int           dots);
gboolean     jm_vote_round_get_anonymous    (JmVoteRound  *self);
void         jm_vote_round_set_anonymous    (JmVoteRound  *self,
                                             gboolean      anonymous);
gboolean     jm_vote_round_get_closed       (JmVoteRound  *self);
void         jm_vote_round_set_closed       (JmVoteRound  *self,
                                             gboolean      closed);

guint        jm_vote_round_get_n_votes      (JmVoteRound  *self);
void         jm_vote_round_get_vote         (JmVoteRound  *self,
                                             guint         index,
                                             const char  **touchpoint_id,
                                             const char  **voter,
                                             int          *count);
int          jm_vote_round_get_dots_on      (JmVoteRound  *self,
                                             const char   *touchpoint_id,
                                             const char   *voter);
int          jm_vote_round_get_dots_of      (JmVoteRound  *self,
                                             const char   *voter);
int          jm_vote_round_get_dots_for     (JmVoteRound  *self,
                                             const char   *touchpoint_id,
                                             guint        *voters);

/* Without history, for readers: @count dots more (or fewer, when
 * negative) of @voter on @touchpoint_id; a vote down to none goes. */
void         jm_vote_round_add_dots         (JmVoteRound  *self,
                                             const char   *touchpoint_id,
                                             const char   *voter,
                                             int           count);

G_END_DECLS
