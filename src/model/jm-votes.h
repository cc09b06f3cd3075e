/* jm-votes.h: a map's rounds of dot voting, and the edits they take
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"
#include "jm-vote-round.h"

G_BEGIN_DECLS

#define JM_VOTES_ERROR (jm_votes_error_quark ())

typedef enum {
  JM_VOTES_ERROR_NO_ROUND,       /* no round of that id */
  JM_VOTES_ERROR_CLOSED,         /* the round is closed */
  JM_VOTES_ERROR_NO_TOUCHPOINT,  /* the map has no touchpoint of that id */
  JM_VOTES_ERROR_NO_DOTS_LEFT,   /* the voter has placed every dot */
  JM_VOTES_ERROR_NO_DOT,         /* the voter has no dot there to take back */
  JM_VOTES_ERROR_NO_VOTER,       /* an empty voter */
} JmVotesError;

#define JM_TYPE_VOTES (jm_votes_get_type ())
G_DECLARE_FINAL_TYPE (JmVotes, jm_votes, JM, VOTES, GObject)

GQuark       jm_votes_error_quark       (void);

GListModel  *jm_votes_get_rounds        (JmVotes      *self);
JmVoteRound *jm_votes_lookup_round      (JmVotes      *self,
                                         const char   *round_id);
JmVoteRound *jm_votes_get_open_round    (JmVotes      *self);
JmVoteRound *jm_votes_get_latest_round  (JmVotes      *self);
gboolean     jm_votes_is_empty          (JmVotes      *self);

/* Without history, for readers. */
gboolean     jm_votes_append_round      (JmVotes      *self,
                                         JmVoteRound  *round);

/* Edits: each is one step on the map's history. */
JmVoteRound *jm_votes_start_round       (JmVotes      *self,
                                         const char   *question,
                                         int           dots,
                                         gboolean      anonymous);
void         jm_votes_close_round       (JmVotes      *self,
                                         JmVoteRound  *round);
gboolean     jm_votes_add_dot           (JmVotes      *self,
                                         const char   *round_id,
                                         const char   *touchpoint_id,
                                         const char   *voter,
                                         GError      **error);
gboolean     jm_votes_remove_dot        (JmVotes      *self,
                                         const char   *round_id,
                                         const char   *touchpoint_id,
                                         const char   *voter,
                                         GError      **error);

/* Counting: only touchpoints the map has. */
int          jm_votes_count             (JmVotes      *self,
                                         JmVoteRound  *round,
                                         const char   *touchpoint_id);
int          jm_votes_get_remaining     (JmVotes      *self,
                                         JmVoteRound  *round,
                                         const char   *voter);
char        *jm_votes_voter_token       (JmVoteRound  *round,
                                         const char   *name);

G_END_DECLS
