/* jm-room-workshop.c: the room's voting round and timer
 *
 * Participants vote from their own devices in the map's open round of
 * dot voting, each with the round's dots: "vote" places one on a card,
 * "unvote" takes one back. A participant votes as their name in a named
 * round and as their seat in an anonymous one (kept as a token the round
 * cannot trace back). Every dot is an edit of the map's votes, one undo
 * step, as a dot placed at the keyboard is. Each participant hears the
 * round (its question, their dots left, their dots on each card) when
 * they join and whenever it changes; nobody hears the others' tallies,
 * so that nobody follows the crowd.
 *
 * The document's workshop timer reaches every page in its welcome and as
 * "timer" when it starts, stops or changes: the time left, whether it
 * runs, and the agenda's step; pages count down on their own between.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-room-internal.h"
#include "jm-timer.h"
#include "jm-votes.h"

/* Who @participant votes as in @round. */
static char *
voter_of (Participant *participant,
          JmVoteRound *round)
{
  const char *who = participant->name != NULL && !jm_vote_round_get_anonymous (round)
                    ? participant->name : participant->seat->id;
  g_autofree char *name = jm_vote_round_get_anonymous (round)
                          ? g_strconcat ("room:", who, NULL) : g_strdup (who);

  return jm_votes_voter_token (round, name);
}

static JmVoteRound *
open_round (JmRoom *self)
{
  return self->map != NULL ? jm_votes_get_open_round (jm_map_get_votes (self->map)) : NULL;
}

/**
 * _jm_room_round_json:
 *
 * Returns: (transfer full): the open round as @participant sees it (the
 *   question, the dots, theirs left and theirs on each card), or JSON null
 */
JsonNode *
_jm_room_round_json (JmRoom      *self,
                     Participant *participant)
{
  JmVoteRound *round = open_round (self);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *voter = NULL;

  if (round == NULL || participant->seat == NULL)
    return json_node_new (JSON_NODE_NULL);
  voter = voter_of (participant, round);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, jm_vote_round_get_id (round));
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, jm_vote_round_get_question (round));
  json_builder_set_member_name (builder, "dots");
  json_builder_add_int_value (builder, jm_vote_round_get_dots (round));
  json_builder_set_member_name (builder, "anonymous");
  json_builder_add_boolean_value (builder, jm_vote_round_get_anonymous (round));
  json_builder_set_member_name (builder, "remaining");
  json_builder_add_int_value (builder, jm_votes_get_remaining (jm_map_get_votes (self->map), round, voter));
  json_builder_set_member_name (builder, "mine");
  json_builder_begin_object (builder);
  for (guint i = 0; i < jm_vote_round_get_n_votes (round); i++)
    {
      const char *touchpoint_id, *who;
      int count;

      jm_vote_round_get_vote (round, i, &touchpoint_id, &who, &count);
      if (g_str_equal (who, voter) && count > 0)
        {
          json_builder_set_member_name (builder, touchpoint_id);
          json_builder_add_int_value (builder, count);
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
round_message (JmRoom      *self,
               Participant *participant,
               const char  *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "round");
  json_builder_set_member_name (builder, "round");
  json_builder_add_value (builder, _jm_room_round_json (self, participant));
  if (request != NULL)
    {
      json_builder_set_member_name (builder, "request");
      json_builder_add_string_value (builder, request);
    }
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}

/* Each participant's own view of the round: their dots differ. */
void
_jm_room_send_round (JmRoom *self)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);
      g_autofree char *text = NULL;

      if (!participant->joined)
        continue;
      text = round_message (self, participant, NULL);
      _jm_room_participant_send (participant, text);
    }
}

/**
 * _jm_room_on_vote:
 * @add: %TRUE to place a dot ("vote"), %FALSE to take one back ("unvote")
 *
 * Answers with the round as the participant now sees it, or refuses.
 */
void
_jm_room_on_vote (JmRoom      *self,
                  Participant *participant,
                  JsonObject  *message,
                  gboolean     add,
                  GError     **error)
{
  JmVoteRound *round = open_round (self);
  const char *card_id = json_object_get_string_member_with_default (message, "card", NULL);
  const char *request = json_object_get_string_member_with_default (message, "request", NULL);
  g_autoptr(GError) refused = NULL;
  g_autofree char *voter = NULL;
  g_autofree char *text = NULL;
  JmTouchpoint *card;
  JmPersona *lane;
  gboolean done;

  if (round == NULL)
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_NO_ROUND,
                           _("No voting round is open: the facilitator starts one."));
      return;
    }
  card = card_id != NULL ? jm_map_lookup_touchpoint (self->map, card_id) : NULL;
  lane = card != NULL ? jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (card)) : NULL;
  /* Held and hidden cards are not on the participants' map. */
  if (card == NULL || lane == NULL || jm_persona_get_hidden (lane))
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_UNKNOWN_CARD,
                           _("That card is not in the map: it may have just been removed."));
      return;
    }
  voter = voter_of (participant, round);
  self->adding = TRUE;
  done = add ? jm_votes_add_dot (jm_map_get_votes (self->map), jm_vote_round_get_id (round), card_id, voter,
                                 &refused)
             : jm_votes_remove_dot (jm_map_get_votes (self->map), jm_vote_round_get_id (round), card_id, voter,
                                    &refused);
  self->adding = FALSE;
  if (!done)
    {
      if (g_error_matches (refused, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOTS_LEFT))
        g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_NO_DOTS,
                             _("You have placed all your dots: take one back to place it elsewhere."));
      else if (g_error_matches (refused, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOT))
        g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_NO_DOTS,
                             _("You have no dot on that card to take back."));
      else
        g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_NO_ROUND,
                             _("The voting round has just closed."));
      return;
    }
  text = round_message (self, participant, request);
  _jm_room_participant_send (participant, text);
}

/* The timer ---------------------------------------------------------- */

/**
 * _jm_room_timer_json:
 *
 * Returns: (transfer full): the timer as pages see it: the seconds left,
 *   the duration, whether it runs or has finished, and the agenda's step
 */
JsonNode *
_jm_room_timer_json (JmRoom *self)
{
  JmTimer *timer = jm_document_get_timer (self->document);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int step = jm_timer_get_step (timer);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "remaining");
  json_builder_add_int_value (builder, jm_timer_get_remaining (timer));
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, jm_timer_get_duration (timer));
  json_builder_set_member_name (builder, "running");
  json_builder_add_boolean_value (builder, jm_timer_get_running (timer));
  json_builder_set_member_name (builder, "finished");
  json_builder_add_boolean_value (builder, jm_timer_get_finished (timer));
  json_builder_set_member_name (builder, "step");
  if (step >= 0 && (guint) step < jm_timer_get_n_steps (timer))
    json_builder_add_string_value (builder, jm_timer_get_step_title (timer, step));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
timer_message (JmRoom *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "timer");
  json_builder_set_member_name (builder, "timer");
  json_builder_add_value (builder, _jm_room_timer_json (self));
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}

/* Only what pages cannot count for themselves: a start, a pause, a new
 * duration or step, the end; not each second. */
static void
on_timer_notify (JmRoom     *self,
                 GParamSpec *pspec)
{
  g_autofree char *text = NULL;

  if (g_str_equal (pspec->name, "remaining"))
    return;
  text = timer_message (self);
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);

      if (participant->joined)
        _jm_room_participant_send (participant, text);
    }
}

static void
on_rounds_changed (JmRoom *self)
{
  /* A round opened or closed, or the facilitator placed or took back a
   * dot: each page hears the round as it now stands for them. */
  if (!self->adding)
    _jm_room_send_round (self);
}

/* Follows the document's timer and the map's votes for the pages. */
void
_jm_room_follow_workshop (JmRoom *self)
{
  g_signal_connect_object (jm_document_get_timer (self->document), "notify",
                           G_CALLBACK (on_timer_notify), self, G_CONNECT_SWAPPED);
}

void
_jm_room_follow_votes (JmRoom *self,
                       JmMap  *old_map)
{
  if (old_map != NULL)
    g_signal_handlers_disconnect_by_func (jm_map_get_votes (old_map), on_rounds_changed, self);
  if (self->map != NULL)
    g_signal_connect_object (jm_map_get_votes (self->map), "changed",
                             G_CALLBACK (on_rounds_changed), self, G_CONNECT_SWAPPED);
}
