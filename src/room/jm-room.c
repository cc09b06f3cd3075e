/* jm-room.c: a workshop room that serves one document to participants
 *
 * The room is an HTTP server (libsoup) with one WebSocket per participant.
 * Everyone who holds the join address, http://HOST:PORT/j/CODE/, gets the
 * participant's page and may add cards; nobody else gets anything. The
 * code is random (getrandom) from an alphabet without look-alike
 * characters; an address that asks for a wrong code waits before it may
 * ask again, twice as long after each wrong code, so guessing takes far
 * longer than a workshop. Only clients on the local network or loopback
 * are served, whatever address the room listens on.
 *
 * A participant's card goes into the map as one step of its history, so
 * the facilitator can undo it like any edit; participants have no message
 * to change or delete a card. The room follows the document's map: when
 * something else changes the map's lists (an undo, an edit in the window),
 * every participant gets the map again.
 *
 * The messages and limits are documented in docs/room-protocol.md.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <ifaddrs.h>
#include <libsoup/soup.h>
#include <math.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/random.h>

#include "jm-room-internal.h"
#include "jm-room-resources.h"

#define CODE_ALPHABET "23456789abcdefghjkmnpqrstuvwxyz"
#define MAX_STRANGERS 4096
#define FIRST_WAIT_USEC G_USEC_PER_SEC
#define LONGEST_WAIT_USEC (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429
/* A flooding participant is sent away when its refused messages, each
 * counted less as it ages (half as much after STRIKE_HALF_LIFE seconds),
 * add up to MAX_STRIKES: at twice the allowed rate, within seconds; a
 * little over the rate, never. */
#define MAX_STRIKES 50.0
#define STRIKE_HALF_LIFE 10.0
#define PAGE_RESOURCE_PATH RESOURCE_PREFIX "/room/"

/* Only the page's own files, and the WebSocket back to where it came from. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

G_DEFINE_FINAL_TYPE (JmRoom, jm_room, G_TYPE_OBJECT)
G_DEFINE_QUARK (jm-room-error-quark, jm_room_error)

GParamSpec *_jm_room_properties[ROOM_N_PROPS];
guint _jm_room_signals[ROOM_N_SIGNALS];

/* The join code. */

char *
_jm_room_random_text (guint length)
{
  GString *code = g_string_new (NULL);

  while (code->len < length)
    {
      guint8 bytes[32];
      ssize_t n = getrandom (bytes, sizeof bytes, 0);

      if (n <= 0)
        g_error ("No random numbers for the room's code: %s", g_strerror (errno));
      for (ssize_t i = 0; i < n && code->len < length; i++)
        {
          /* Below 248 = 8 × 31 each letter is equally likely. */
          if (bytes[i] < 248)
            g_string_append_c (code, CODE_ALPHABET[bytes[i] % 31]);
        }
    }
  return g_string_free (code, FALSE);
}

/* Participants. */

static gboolean
unref_later (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
seat_free (Seat *seat)
{
  g_free (seat->id);
  g_free (seat->token);
  g_free (seat);
}

void
_jm_room_held_card_free (HeldCard *held)
{
  g_free (held->lane_id);
  g_free (held->by);
  g_free (held);
}

static void
participant_free (Participant *participant)
{
  g_signal_handlers_disconnect_by_data (participant->connection, participant);
  /* It may be freed from the connection's own "closed" signal. */
  g_idle_add (unref_later, participant->connection);
  g_free (participant->name);
  g_free (participant);
}

void
_jm_room_participant_send (Participant *participant,
                           const char  *text)
{
  if (soup_websocket_connection_get_state (participant->connection) == SOUP_WEBSOCKET_STATE_OPEN &&
      _jm_room_flow_may_send (participant, strlen (text)))
    soup_websocket_connection_send_text (participant->connection, text);
}

static void
participant_refuse (Participant *participant,
                    const GError *error)
{
  g_autofree char *text = _jm_room_error_text (error);

  _jm_room_participant_send (participant, text);
}

/* Says why, then closes: the page shows the reason, not a bare disconnect. */
void
_jm_room_send_away (Participant   *participant,
                    JmRoomRefusal  refusal,
                    const char    *message,
                    gushort        close_code)
{
  g_autoptr(GError) error = g_error_new_literal (JM_ROOM_REFUSAL, refusal, message);

  participant_refuse (participant, error);
  if (soup_websocket_connection_get_state (participant->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (participant->connection, close_code,
                                     _jm_room_refusal_code (refusal));
}

/* A token bucket: a participant may send a burst, then so many a second. */
static gboolean
participant_may_send (Participant *participant,
                      gint64       now)
{
  double elapsed = (double) (now - participant->tokens_time) / G_USEC_PER_SEC;

  participant->tokens = MIN ((double) JM_ROOM_MESSAGE_BURST,
                             participant->tokens + elapsed * JM_ROOM_MESSAGES_PER_SECOND);
  participant->tokens_time = now;
  if (participant->tokens < 1.0)
    return FALSE;
  participant->tokens -= 1.0;
  return TRUE;
}

void
_jm_room_broadcast (JmRoom     *self,
                    const char *text)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);

      if (participant->joined)
        _jm_room_participant_send (participant, text);
    }
}

static char *
map_message (JmRoom      *self,
             const char  *type,
             Participant *participant)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  if (participant != NULL)
    {
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, JM_ROOM_PROTOCOL_VERSION);
      json_builder_set_member_name (builder, "participant");
      json_builder_add_string_value (builder, participant->seat->id);
      json_builder_set_member_name (builder, "token");
      json_builder_add_string_value (builder, participant->seat->token);
      json_builder_set_member_name (builder, "private");
      json_builder_add_boolean_value (builder, self->private_mode);
      json_builder_set_member_name (builder, "locked");
      json_builder_add_boolean_value (builder, self->locked);
      json_builder_set_member_name (builder, "name");
      if (participant->name != NULL)
        json_builder_add_string_value (builder, participant->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "limits");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "message_bytes");
      json_builder_add_int_value (builder, JM_ROOM_MAX_MESSAGE);
      json_builder_set_member_name (builder, "name");
      json_builder_add_int_value (builder, JM_ROOM_MAX_NAME);
      json_builder_set_member_name (builder, "title");
      json_builder_add_int_value (builder, JM_ROOM_MAX_TITLE);
      json_builder_set_member_name (builder, "channel");
      json_builder_add_int_value (builder, JM_ROOM_MAX_CHANNEL);
      json_builder_set_member_name (builder, "notes");
      json_builder_add_int_value (builder, JM_ROOM_MAX_NOTES);
      json_builder_set_member_name (builder, "messages_per_second");
      json_builder_add_int_value (builder, JM_ROOM_MESSAGES_PER_SECOND);
      json_builder_set_member_name (builder, "idle_seconds");
      json_builder_add_int_value (builder, self->idle_timeout);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "round");
      json_builder_add_value (builder, _jm_room_round_json (self, participant));
      json_builder_set_member_name (builder, "timer");
      json_builder_add_value (builder, _jm_room_timer_json (self));
    }
  json_builder_set_member_name (builder, "map");
  json_builder_add_value (builder, _jm_room_map_to_json (self->map));
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}

/* Makes room for newcomers once many have come and gone: a seat that
 * nobody holds now and that added no card only served to come back, so it
 * goes. Removed participants' seats stay, to keep them out; so do seats
 * with cards, which count towards their card limit. */
static void
forget_idle_seats (JmRoom *self)
{
  g_autoptr(GHashTable) held = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  Seat *seat;

  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);

      if (participant->seat != NULL)
        g_hash_table_add (held, participant->seat);
    }
  g_hash_table_iter_init (&iter, self->seats);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &seat))
    if (!seat->removed && seat->n_cards == 0 && !g_hash_table_contains (held, seat))
      g_hash_table_iter_remove (&iter);
}

static void
on_hello (JmRoom      *self,
          Participant *participant,
          JsonObject  *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *token = NULL;
  g_autofree char *welcome = NULL;
  JsonNode *version = json_object_get_member (message, "version");
  Seat *seat;

  if (participant->joined)
    {
      error = g_error_new_literal (JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_ALREADY_JOINED,
                                   _("You have already joined the room."));
      participant_refuse (participant, error);
      return;
    }
  if (version != NULL &&
      (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
       json_node_get_int (version) < 1))
    {
      error = g_error_new (JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_VERSION,
                           _("This room speaks version %d of the protocol."),
                           JM_ROOM_PROTOCOL_VERSION);
      participant_refuse (participant, error);
      return;
    }
  name = _jm_room_clean_text (message, "name", JM_ROOM_MAX_NAME, FALSE, FALSE, &error);
  if (error == NULL)
    token = _jm_room_clean_text (message, "token", 64, FALSE, FALSE, &error);
  if (error != NULL)
    {
      participant_refuse (participant, error);
      return;
    }

  seat = token != NULL ? g_hash_table_lookup (self->seats, token) : NULL;
  if (seat != NULL && seat->removed)
    {
      _jm_room_send_away (participant, JM_ROOM_REFUSAL_REMOVED,
                          _("The facilitator removed you from the room."),
                          SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
      return;
    }
  /* A locked room still takes back whoever was in it: a phone that
   * slept, a page reloaded. */
  if (seat == NULL && self->locked)
    {
      _jm_room_send_away (participant, JM_ROOM_REFUSAL_LOCKED,
                          _("The room is locked: nobody new can join. Ask the facilitator."),
                          SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
      return;
    }
  if (seat == NULL && g_hash_table_size (self->seats) >= JM_ROOM_MAX_SEATS)
    forget_idle_seats (self);
  if (seat == NULL && g_hash_table_size (self->seats) >= JM_ROOM_MAX_SEATS)
    {
      _jm_room_send_away (participant, JM_ROOM_REFUSAL_ROOM_FULL,
                          _("The room is full: ask the facilitator."),
                          SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
      return;
    }
  if (seat == NULL)
    {
      /* The room makes every token: one a page makes up is not taken. */
      seat = g_new0 (Seat, 1);
      seat->id = g_strdup_printf ("p%u", ++self->next_participant);
      seat->token = _jm_room_random_text (JM_ROOM_TOKEN_LENGTH);
      g_hash_table_insert (self->seats, seat->token, seat);
    }

  participant->seat = seat;
  participant->name = g_steal_pointer (&name);
  participant->joined = TRUE;
  /* Joining starts a full bucket: the hello does not count against the
   * burst a participant may send next (a card for each of twenty ideas
   * written down while the facilitator talked). */
  participant->tokens = JM_ROOM_MESSAGE_BURST;
  participant->tokens_time = g_get_monotonic_time ();
  welcome = map_message (self, "welcome", participant);
  _jm_room_participant_send (participant, welcome);
  g_signal_emit (self, _jm_room_signals[ROOM_MEMBERS_CHANGED], 0);
}

static JmStage *
card_stage (JmRoom      *self,
            JmRoomCard  *card,
            GError     **error)
{
  GListModel *stages = jm_map_get_stages (self->map);
  JmStage *stage = NULL;

  if (card->stage_id != NULL)
    stage = jm_map_lookup_stage (self->map, card->stage_id);
  else if (g_list_model_get_n_items (stages) > 0)
    {
      /* The map holds the stage: the reference can go at once. */
      stage = g_list_model_get_item (stages, 0);
      g_object_unref (stage);
    }
  if (stage == NULL)
    g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_UNKNOWN_STAGE,
                         _("That stage is not in the map: it may have just been removed."));
  return stage;
}

/* Adds the card as one step of the map's history (jm-edits.c), the lane
 * it needs with it. In private mode it goes to the hidden held lane, and
 * the room remembers where it was meant to go. */
static JmTouchpoint *
add_card (JmRoom      *self,
          Participant *participant,
          JmRoomCard  *card,
          GError     **error)
{
  JmStage *stage;
  JmPersona *lane;
  JmTouchpoint *touchpoint;
  gboolean parking_lot = g_str_equal (card->lane_id, JM_ROOM_PARKING_LOT_ID);

  if (participant->seat->n_cards >= JM_ROOM_MAX_CARDS_EACH)
    {
      g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_CARD_LIMIT,
                   _("You have added %u cards, as many as one person may."),
                   JM_ROOM_MAX_CARDS_EACH);
      return NULL;
    }
  stage = card_stage (self, card, error);
  if (stage == NULL)
    return NULL;
  lane = jm_map_lookup_persona (self->map, card->lane_id);
  /* A hidden lane is not on the participants' map: not theirs to fill. */
  if ((lane == NULL && !parking_lot) || (lane != NULL && !parking_lot && jm_persona_get_hidden (lane)))
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_UNKNOWN_LANE,
                           _("That lane is not in the map: it may have just been removed."));
      return NULL;
    }

  self->adding = TRUE;
  touchpoint = jm_edits_add_room_card (self->map, stage, lane, self->private_mode, card->title,
                                       card->emotion, card->channel, card->notes);
  self->adding = FALSE;
  if (self->private_mode)
    {
      HeldCard *held = g_new0 (HeldCard, 1);

      held->lane_id = g_strdup (card->lane_id);
      held->by = g_strdup (participant->name);
      g_hash_table_replace (self->held, g_strdup (jm_touchpoint_get_id (touchpoint)), held);
    }

  participant->seat->n_cards++;
  return touchpoint;
}

static char *
card_message (const char   *type,
              JmTouchpoint *touchpoint,
              Participant  *participant,
              const char   *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "card");
  json_builder_add_value (builder, _jm_room_card_to_json (touchpoint));
  json_builder_set_member_name (builder, "by");
  if (participant->name != NULL)
    json_builder_add_string_value (builder, participant->name);
  else
    json_builder_add_null_value (builder);
  if (request != NULL)
    {
      json_builder_set_member_name (builder, "request");
      json_builder_add_string_value (builder, request);
    }
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}

static void
on_add_card (JmRoom      *self,
             Participant *participant,
             JsonObject  *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmRoomCard) card = NULL;
  g_autofree char *text = NULL;
  JmTouchpoint *touchpoint = NULL;

  card = _jm_room_parse_card (message, &error);
  if (card != NULL)
    touchpoint = add_card (self, participant, card, &error);
  if (touchpoint == NULL)
    {
      participant_refuse (participant, error);
      return;
    }

  /* A held card is for the facilitator's eyes: only its sender hears
   * that it arrived. */
  if (self->private_mode)
    {
      text = card_message ("card-held", touchpoint, participant, card->request);
      _jm_room_participant_send (participant, text);
      g_signal_emit (self, _jm_room_signals[ROOM_CARD_ADDED], 0, touchpoint);
      return;
    }

  /* Everyone sees the card; its sender also gets its own tag back. */
  text = card_message ("card-added", touchpoint, participant, NULL);
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *other = g_ptr_array_index (self->participants, i);

      if (other == participant && card->request != NULL)
        {
          g_autofree char *own = card_message ("card-added", touchpoint, participant, card->request);

          _jm_room_participant_send (other, own);
        }
      else if (other->joined)
        _jm_room_participant_send (other, text);
    }
  g_signal_emit (self, _jm_room_signals[ROOM_CARD_ADDED], 0, touchpoint);
}

static void
handle_message (JmRoom      *self,
                Participant *participant,
                const char  *text,
                gsize        length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  const char *type = NULL;

  message = _jm_room_parse (text, length, &type, &error);
  if (message == NULL)
    participant_refuse (participant, error);
  else if (g_str_equal (type, "hello"))
    on_hello (self, participant, message);
  else if (!participant->joined)
    {
      error = g_error_new_literal (JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_HELLO_FIRST,
                                   _("Say hello before anything else."));
      participant_refuse (participant, error);
    }
  else if (g_str_equal (type, "add-card"))
    on_add_card (self, participant, message);
  else if (g_str_equal (type, "vote") || g_str_equal (type, "unvote"))
    {
      _jm_room_on_vote (self, participant, message, g_str_equal (type, "vote"), &error);
      if (error != NULL)
        participant_refuse (participant, error);
    }
  else if (g_str_equal (type, "ping"))
    _jm_room_participant_send (participant, "{\"type\":\"pong\"}");
  else
    {
      error = g_error_new_literal (JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_UNKNOWN_TYPE,
                                   _("This room does not know that kind of message."));
      participant_refuse (participant, error);
    }
}

static void
on_connection_message (Participant *participant,
                       int          type,
                       GBytes      *bytes)
{
  JmRoom *self = participant->room;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  participant->last_message = now;
  if (!participant_may_send (participant, now))
    {
      double age = (double) (now - participant->strikes_time) / G_USEC_PER_SEC;

      participant->strikes = participant->strikes * exp2 (-age / STRIKE_HALF_LIFE) + 1.0;
      participant->strikes_time = now;
      if (participant->strikes > MAX_STRIKES)
        {
          _jm_room_send_away (participant, JM_ROOM_REFUSAL_TOO_FAST,
                                 _("Too many messages: you have left the room."),
                                 SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
          return;
        }
      error = g_error_new (JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_TOO_FAST,
                           _("Too many messages: send at most %d a second."),
                           JM_ROOM_MESSAGES_PER_SECOND);
      participant_refuse (participant, error);
      return;
    }

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      error = g_error_new_literal (JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_NOT_TEXT,
                                   _("Messages must be JSON text."));
      participant_refuse (participant, error);
      return;
    }
  if (self->map == NULL)
    {
      _jm_room_send_away (participant, JM_ROOM_REFUSAL_CLOSED, _("No map is open."),
                             SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
      return;
    }
  handle_message (self, participant, data != NULL ? data : "", length);
}

static void
on_connection_closed (Participant *participant)
{
  JmRoom *self = participant->room;
  gboolean joined = participant->joined;

  g_ptr_array_remove (self->participants, participant);
  if (joined)
    g_signal_emit (self, _jm_room_signals[ROOM_MEMBERS_CHANGED], 0);
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  JmRoom *self = JM_ROOM (user_data);
  Participant *participant;

  participant = g_new0 (Participant, 1);
  participant->room = self;
  participant->connection = g_object_ref (connection);
  participant->arrived = participant->last_message = participant->tokens_time = g_get_monotonic_time ();
  participant->tokens = JM_ROOM_MESSAGE_BURST;
  soup_websocket_connection_set_max_incoming_payload_size (connection, JM_ROOM_MAX_FRAME);
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  g_signal_connect_swapped (connection, "message", G_CALLBACK (on_connection_message), participant);
  g_signal_connect_swapped (connection, "closed", G_CALLBACK (on_connection_closed), participant);
  g_ptr_array_add (self->participants, participant);
  _jm_room_flow_accept (self, participant);

  if (self->closed)
    _jm_room_send_away (participant, JM_ROOM_REFUSAL_CLOSED, _("The room is closed."),
                           SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  else if (self->participants->len > JM_ROOM_MAX_PARTICIPANTS)
    _jm_room_send_away (participant, JM_ROOM_REFUSAL_ROOM_FULL,
                           _("The room is full: ask the facilitator."),
                           SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
}

/* Sends away who never said hello, and who has been silent too long. */
static gboolean
on_watch_timeout (gpointer user_data)
{
  JmRoom *self = JM_ROOM (user_data);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) leaving = g_ptr_array_new ();

  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);

      if ((!participant->joined && now - participant->arrived > self->hello_timeout * G_USEC_PER_SEC) ||
          now - participant->last_message > self->idle_timeout * G_USEC_PER_SEC)
        g_ptr_array_add (leaving, participant);
    }
  /* Closing may remove a participant from the list: not while it is walked. */
  for (guint i = 0; i < leaving->len; i++)
    _jm_room_send_away (g_ptr_array_index (leaving, i), JM_ROOM_REFUSAL_TIMEOUT,
                           _("You were away too long: join again."),
                           SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  return G_SOURCE_CONTINUE;
}

/* Looks often enough that nobody stays much past a timeout. */
static void
watch (JmRoom *self)
{
  guint interval = MAX (1u, MIN (self->hello_timeout, self->idle_timeout) / 3);

  g_clear_handle_id (&self->watch_source, g_source_remove);
  self->watch_source = g_timeout_add_seconds (interval, on_watch_timeout, self);
}

/**
 * _jm_room_set_timeouts:
 * @hello: seconds a new connection has to say hello
 * @idle: seconds a participant may stay silent
 *
 * For tests, which cannot wait for the real ones.
 */
void
_jm_room_set_timeouts (JmRoom *self,
                       guint   hello,
                       guint   idle)
{
  g_return_if_fail (JM_IS_ROOM (self));
  g_return_if_fail (hello > 0 && idle > 0);

  self->hello_timeout = hello;
  self->idle_timeout = idle;
  if (self->watch_source != 0)
    watch (self);
}

/* The gate: who may be served at all. */

/**
 * _jm_room_is_local_network:
 *
 * Returns: %TRUE if @address is loopback or on a local network: the only
 *   clients the room serves
 */
gboolean
_jm_room_is_local_network (GSocketAddress *address)
{
  GInetAddress *inet;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return FALSE;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  if (g_inet_address_get_is_loopback (inet) || g_inet_address_get_is_site_local (inet) ||
      g_inet_address_get_is_link_local (inet))
    return TRUE;
  /* IPv6 unique local addresses, fc00::/7, the IPv6 private networks. */
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return (g_inet_address_to_bytes (inet)[0] & 0xfe) == 0xfc;
  return FALSE;
}

/* Whether @path is the room's join address or below it. The code is
 * compared without regard to case, as a phone may capitalise it. */
static gboolean
is_room_path (JmRoom     *self,
              const char *path)
{
  gsize length = strlen (self->prefix);

  return g_ascii_strncasecmp (path, self->prefix, length) == 0 &&
         (path[length] == '\0' || path[length] == '/');
}

static void
refuse_request (SoupServerMessage *msg,
                guint              status,
                const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_server_message_set_status (msg, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
forget_strangers (JmRoom *self,
                  gint64  now)
{
  GHashTableIter iter;
  Stranger *stranger;

  g_hash_table_iter_init (&iter, self->strangers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &stranger))
    if (stranger->wait_until + LONGEST_WAIT_USEC < now)
      g_hash_table_iter_remove (&iter);
}

/* Runs before any handler, for every request: refusing here (a status
 * set) keeps the request from the page and from the WebSocket alike. */
static void
on_server_request_read (JmRoom            *self,
                        SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  gint64 now = g_get_monotonic_time ();
  Stranger *stranger;
  gint64 wait;

  if (host == NULL || !_jm_room_is_local_network (soup_server_message_get_remote_address (msg)))
    {
      refuse_request (msg, SOUP_STATUS_FORBIDDEN, _("This room is open to the local network only.\n"));
      return;
    }

  stranger = g_hash_table_lookup (self->strangers, host);
  if (stranger != NULL && stranger->wait_until > now)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  (stranger->wait_until - now) / G_USEC_PER_SEC + 1);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
      refuse_request (msg, STATUS_TOO_MANY_REQUESTS,
                      _("Too many wrong join addresses: wait, then check the address.\n"));
      return;
    }
  /* Browsers ask for it by themselves: no guess, so not counted, and
   * answered with nothing rather than an error in the page's console. */
  if (g_str_equal (path, "/favicon.ico"))
    {
      refuse_request (msg, SOUP_STATUS_NO_CONTENT, "");
      return;
    }
  if (is_room_path (self, path))
    {
      g_hash_table_remove (self->strangers, host);
      return;
    }

  if (stranger == NULL)
    {
      if (g_hash_table_size (self->strangers) >= MAX_STRANGERS)
        forget_strangers (self, now);
      /* Still full: too many addresses guessing at once to keep track of
       * each; none of them is served until some are forgotten. */
      if (g_hash_table_size (self->strangers) >= MAX_STRANGERS)
        {
          refuse_request (msg, STATUS_TOO_MANY_REQUESTS, _("Too many wrong join addresses.\n"));
          return;
        }
      stranger = g_new0 (Stranger, 1);
      g_hash_table_insert (self->strangers, g_strdup (host), stranger);
    }
  stranger->failures++;
  wait = (gint64) FIRST_WAIT_USEC << MIN (stranger->failures - 1, 12u);
  stranger->wait_until = now + MIN (wait, LONGEST_WAIT_USEC);
  refuse_request (msg, SOUP_STATUS_NOT_FOUND,
                  _("There is no room at this address: check the join address.\n"));
}

/* Runs once a request's headers are in, before its body is read: the
 * room takes no bodies, and libsoup would read a body whole into memory
 * before any handler could refuse it. So a request that has one, or
 * another method than GET or HEAD, is answered here, on the connection
 * taken over from libsoup, which is then closed. */
static void
on_early_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  static const char refusal[] =
    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  g_autoptr(GIOStream) stream = NULL;

  if ((method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD) &&
      (encoding == SOUP_ENCODING_NONE ||
       (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
        soup_message_headers_get_content_length (headers) == 0)))
    return;

  stream = soup_server_message_steal_connection (msg);
  /* A best effort: the client may not be reading; closing is what counts. */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), refusal, sizeof refusal - 1,
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* The participant's page. */

static GBytes *
page_resource (const char *name)
{
  g_autofree char *path = g_strconcat (PAGE_RESOURCE_PATH, name, NULL);

  return g_resource_lookup_data (jm_room_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
serve_bytes (SoupServerMessage *msg,
             GBytes            *bytes,
             const char        *content_type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize length;
  const char *data;

  if (bytes == NULL)
    {
      refuse_request (msg, SOUP_STATUS_NOT_FOUND, "");
      return;
    }
  data = g_bytes_get_data (bytes, &length);
  soup_message_headers_replace (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  /* The join code is in the address: keep it out of any referrer. */
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, length);
}

static void
serve_resource (SoupServerMessage *msg,
                const char        *name,
                const char        *content_type)
{
  g_autoptr(GBytes) bytes = page_resource (name);

  serve_bytes (msg, bytes, content_type);
}

static void
on_http_request (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  JmRoom *self = JM_ROOM (user_data);
  const char *method = soup_server_message_get_method (msg);
  const char *rest;

  if (!is_room_path (self, path))
    {
      refuse_request (msg, SOUP_STATUS_NOT_FOUND, "");
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      refuse_request (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "");
      return;
    }

  rest = path + strlen (self->prefix);
  if (*rest == '\0')
    {
      g_autofree char *to = g_strconcat (self->prefix, "/", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, to);
    }
  else if (g_str_equal (rest, "/"))
    serve_resource (msg, "index.html", "text/html; charset=utf-8");
  else if (g_str_equal (rest, "/room.js"))
    serve_resource (msg, "room.js", "text/javascript; charset=utf-8");
  else if (g_str_equal (rest, "/room.css"))
    serve_resource (msg, "room.css", "text/css; charset=utf-8");
  else if (g_str_equal (rest, "/strings.json"))
    {
      /* The page in the first of the browser's languages the app speaks. */
      g_autoptr(GBytes) catalogs = page_resource ("strings.json");
      const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                          "Accept-Language");
      char *text = _jm_room_page_strings (catalogs != NULL ? g_bytes_get_data (catalogs, NULL) : "{}",
                                          accept);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Vary",
                                    "Accept-Language");
      serve_bytes (msg, bytes, "application/json; charset=utf-8");
    }
  else
    refuse_request (msg, SOUP_STATUS_NOT_FOUND, "");
}

/* Following the map. */

static gboolean
on_snapshot_timeout (gpointer user_data)
{
  JmRoom *self = JM_ROOM (user_data);
  g_autofree char *text = NULL;

  self->snapshot_source = 0;
  if (self->map != NULL)
    {
      text = map_message (self, "snapshot", NULL);
      _jm_room_broadcast (self, text);
    }
  return G_SOURCE_REMOVE;
}

/* A change the room did not make (an undo, the facilitator's edit or
 * acceptance of a held card): every participant gets the map again, once
 * for a burst of changes. */
void
_jm_room_queue_snapshot (JmRoom *self)
{
  if (self->adding || self->snapshot_source != 0 || self->closed)
    return;
  self->snapshot_source = g_timeout_add (100, on_snapshot_timeout, self);
}

static void
disconnect_map (JmRoom *self)
{
  g_signal_handlers_disconnect_by_data (jm_map_get_stages (self->map), self);
  g_signal_handlers_disconnect_by_data (jm_map_get_personas (self->map), self);
  g_signal_handlers_disconnect_by_data (jm_map_get_touchpoints (self->map), self);
  g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_signal_handlers_disconnect_by_data (jm_map_get_votes (self->map), self);
}

static void
follow_map (JmRoom *self)
{
  JmMap *map = jm_document_get_map (self->document);

  g_autoptr(JmMap) old_map = NULL;

  if (self->map == map)
    return;
  if (self->map != NULL)
    disconnect_map (self);
  old_map = self->map != NULL ? g_object_ref (self->map) : NULL;
  g_set_object (&self->map, map);
  _jm_room_follow_votes (self, old_map);
  /* Held cards are found by their lane in the map; where each was meant
   * to go belongs to the map it was sent to. */
  g_hash_table_remove_all (self->held);
  if (map != NULL)
    {
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed",
                                G_CALLBACK (_jm_room_queue_snapshot), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed",
                                G_CALLBACK (_jm_room_queue_snapshot), self);
      g_signal_connect_swapped (jm_map_get_touchpoints (map), "items-changed",
                                G_CALLBACK (_jm_room_queue_snapshot), self);
      /* Edits that move no item: a title, a lane hidden, a card accepted
       * or its acceptance undone. */
      g_signal_connect_swapped (jm_map_get_history (map), "changed",
                                G_CALLBACK (_jm_room_queue_snapshot), self);
    }
  /* Those in the room see the other map; a new room has nobody to tell. */
  if (self->participants->len > 0)
    _jm_room_queue_snapshot (self);
}

/* Listening. */

/* The first address of this machine on the local network, for the join
 * address when the room listens on all of them. */
static char *
local_network_host (void)
{
  struct ifaddrs *addresses = NULL;
  char *host = NULL;

  if (getifaddrs (&addresses) != 0)
    return g_strdup (g_get_host_name ());
  for (struct ifaddrs *a = addresses; a != NULL && host == NULL; a = a->ifa_next)
    {
      g_autoptr(GSocketAddress) address = NULL;

      if (a->ifa_addr == NULL || a->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_socket_address_new_from_native (a->ifa_addr, sizeof (struct sockaddr_in));
      if (address != NULL && _jm_room_is_local_network (address) &&
          !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))))
        host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
    }
  freeifaddrs (addresses);
  return host != NULL ? host : g_strdup ("127.0.0.1");
}

/**
 * jm_room_listen:
 * @host: (nullable): the address to listen on, %NULL for every address of
 *   this machine (only local network clients are served either way)
 * @port: the port, 0 for any free one
 *
 * Opens the room.
 *
 * Returns: %TRUE if the room listens
 */
gboolean
jm_room_listen (JmRoom      *self,
                const char  *host,
                guint        port,
                GError     **error)
{
  g_autoptr(GSList) uris = NULL;

  g_return_val_if_fail (JM_IS_ROOM (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  if (host == NULL)
    {
      if (!soup_server_listen_all (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
        return FALSE;
      self->address_host = local_network_host ();
    }
  else
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (host, port);

      if (address == NULL)
        {
          g_set_error (error, JM_ROOM_ERROR, JM_ROOM_ERROR_LISTEN,
                       _("“%s” is not an IP address to listen on."), host);
          return FALSE;
        }
      if (!soup_server_listen (self->server, address, 0, error))
        return FALSE;
      self->address_host = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]", host) : g_strdup (host);
    }

  uris = soup_server_get_uris (self->server);
  self->port = uris != NULL ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  watch (self);
  return TRUE;
}

/**
 * jm_room_close:
 *
 * Sends every participant away and stops listening; the map keeps what
 * they added.
 */
void
jm_room_close (JmRoom *self)
{
  g_autoptr(GPtrArray) leaving = NULL;

  g_return_if_fail (JM_IS_ROOM (self));

  if (self->closed)
    return;
  self->closed = TRUE;
  /* A plain copy: closing may free a participant while the copy is walked,
   * and the copy must not free them again. */
  leaving = g_ptr_array_sized_new (self->participants->len);
  for (guint i = 0; i < self->participants->len; i++)
    g_ptr_array_add (leaving, g_ptr_array_index (self->participants, i));
  for (guint i = 0; i < leaving->len; i++)
    _jm_room_send_away (g_ptr_array_index (leaving, i), JM_ROOM_REFUSAL_CLOSED,
                           _("The facilitator closed the room."), SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  soup_server_disconnect (self->server);
  g_clear_handle_id (&self->watch_source, g_source_remove);
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), _jm_room_properties[ROOM_PROP_CLOSED]);
}

/**
 * jm_room_parse_listen:
 * @text: HOST:PORT, [IPv6]:PORT or :PORT
 * @host: (out) (transfer full) (nullable): the host, %NULL for every address
 * @port: (out): the port
 *
 * Returns: %TRUE if @text is an address to listen on
 */
gboolean
jm_room_parse_listen (const char  *text,
                      char       **host,
                      guint       *port,
                      GError     **error)
{
  const char *colon;
  guint64 number = 0;
  g_autofree char *name = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  colon = strrchr (text, ':');
  if (colon == NULL || colon[1] == '\0' ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT16, &number, NULL))
    {
      g_set_error (error, JM_ROOM_ERROR, JM_ROOM_ERROR_LISTEN,
                   _("“%s” is not HOST:PORT, such as 127.0.0.1:8080."), text);
      return FALSE;
    }
  name = g_strndup (text, colon - text);
  if (name[0] == '[' && g_str_has_suffix (name, "]"))
    {
      char *inner = g_strndup (name + 1, strlen (name) - 2);

      g_free (name);
      name = inner;
    }
  if (*name != '\0' && !g_hostname_is_ip_address (name))
    {
      g_set_error (error, JM_ROOM_ERROR, JM_ROOM_ERROR_LISTEN,
                   _("“%s” is not an IP address to listen on."), name);
      return FALSE;
    }
  *host = *name != '\0' ? g_steal_pointer (&name) : NULL;
  *port = (guint) number;
  return TRUE;
}

/* The object. */

const char *
jm_room_get_code (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), NULL);
  return self->code;
}

guint
jm_room_get_port (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), 0);
  return self->port;
}

/**
 * jm_room_get_address:
 *
 * Returns: (transfer full): the join address, http://HOST:PORT/j/CODE/
 */
char *
jm_room_get_address (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), NULL);
  return g_strdup_printf ("http://%s:%u%s/",
                          self->address_host != NULL ? self->address_host : "localhost",
                          self->port, self->prefix);
}

/**
 * jm_room_get_n_participants:
 *
 * Returns: how many are connected, joined or not yet
 */
guint
jm_room_get_n_participants (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), 0);
  return self->participants->len;
}

/**
 * jm_room_get_document:
 *
 * Returns: (transfer none): the document the room serves
 */
JmDocument *
jm_room_get_document (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), NULL);
  return self->document;
}

static void
jm_room_constructed (GObject *object)
{
  JmRoom *self = JM_ROOM (object);
  g_autofree char *ws_path = NULL;

  G_OBJECT_CLASS (jm_room_parent_class)->constructed (object);

  g_signal_connect_object (self->document, "notify::map", G_CALLBACK (follow_map), self,
                           G_CONNECT_SWAPPED);
  follow_map (self);
  _jm_room_follow_workshop (self);

  ws_path = g_strconcat (self->prefix, "/ws", NULL);
  g_signal_connect_swapped (self->server, "request-read", G_CALLBACK (on_server_request_read), self);
  soup_server_add_early_handler (self->server, NULL, on_early_request, self, NULL);
  soup_server_add_handler (self->server, NULL, on_http_request, self, NULL);
  soup_server_add_early_handler (self->server, ws_path, on_early_request, self, NULL);
  soup_server_add_websocket_handler (self->server, ws_path, NULL, NULL, on_websocket, self, NULL);
}

static void
jm_room_dispose (GObject *object)
{
  JmRoom *self = JM_ROOM (object);

  if (self->server != NULL)
    {
      jm_room_close (self);
      g_signal_handlers_disconnect_by_data (self->server, self);
    }
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  /* Connections close asynchronously: none may call back into the room. */
  if (self->participants != NULL)
    g_ptr_array_set_size (self->participants, 0);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (jm_document_get_timer (self->document), self);
      g_clear_object (&self->document);
    }
  if (self->map != NULL)
    {
      disconnect_map (self);
      g_clear_object (&self->map);
    }
  g_clear_object (&self->server);

  G_OBJECT_CLASS (jm_room_parent_class)->dispose (object);
}

static void
jm_room_finalize (GObject *object)
{
  JmRoom *self = JM_ROOM (object);

  g_ptr_array_unref (self->participants);
  g_hash_table_unref (self->seats);
  g_hash_table_unref (self->held);
  g_hash_table_unref (self->strangers);
  g_free (self->code);
  g_free (self->prefix);
  g_free (self->address_host);

  G_OBJECT_CLASS (jm_room_parent_class)->finalize (object);
}

static void
jm_room_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JmRoom *self = JM_ROOM (object);

  switch (prop_id)
    {
    case ROOM_PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case ROOM_PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case ROOM_PROP_PRIVATE:
      g_value_set_boolean (value, self->private_mode);
      break;
    case ROOM_PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_room_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  JmRoom *self = JM_ROOM (object);

  switch (prop_id)
    {
    case ROOM_PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case ROOM_PROP_LOCKED:
      jm_room_set_locked (self, g_value_get_boolean (value));
      break;
    case ROOM_PROP_PRIVATE:
      jm_room_set_private (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_room_class_init (JmRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = jm_room_constructed;
  object_class->dispose = jm_room_dispose;
  object_class->finalize = jm_room_finalize;
  object_class->get_property = jm_room_get_property;
  object_class->set_property = jm_room_set_property;

  _jm_room_properties[ROOM_PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, JM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * JmRoom:locked:
   *
   * Whether only those who were in the room may join it again.
   */
  _jm_room_properties[ROOM_PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * JmRoom:private:
   *
   * Whether participants' new cards are held, hidden, until accepted.
   */
  _jm_room_properties[ROOM_PROP_PRIVATE] =
    g_param_spec_boolean ("private", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _jm_room_properties[ROOM_PROP_CLOSED] =
    g_param_spec_boolean ("closed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROOM_N_PROPS, _jm_room_properties);

  /**
   * JmRoom::card-added:
   * @touchpoint: the card a participant added
   *
   * Emitted after a participant's card is in the map.
   */
  _jm_room_signals[ROOM_CARD_ADDED] =
    g_signal_new ("card-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JM_TYPE_TOUCHPOINT);

  /**
   * JmRoom::members-changed:
   *
   * Someone joined or left: jm_room_list_members() has changed.
   */
  _jm_room_signals[ROOM_MEMBERS_CHANGED] =
    g_signal_new ("members-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jm_room_init (JmRoom *self)
{
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) participant_free);
  self->strangers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->seats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) seat_free);
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) _jm_room_held_card_free);
  self->code = _jm_room_random_text (JM_ROOM_CODE_LENGTH);
  self->hello_timeout = JM_ROOM_HELLO_TIMEOUT;
  self->idle_timeout = JM_ROOM_IDLE_TIMEOUT;
  self->stall_seconds = JM_ROOM_STALL_SECONDS;
  self->stall_bytes = JM_ROOM_STALL_BYTES;
  self->prefix = g_strconcat ("/j/", self->code, NULL);
  /* No server header: nothing to tell a stranger about the program. */
  self->server = soup_server_new ("server-header", NULL, NULL);
}

/**
 * jm_room_new:
 * @document: the document whose map participants add to
 *
 * Returns: (transfer full): a room, not yet listening
 */
JmRoom *
jm_room_new (JmDocument *document)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  return g_object_new (JM_TYPE_ROOM, "document", document, NULL);
}
