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

#include "jm-room-private.h"
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

typedef struct
{
  JmRoom                  *room;         /* unowned: the room outlives it */
  SoupWebsocketConnection *connection;
  char                    *id;
  char                    *name;         /* NULL: anonymous */
  gboolean                 joined;       /* said hello */
  gint64                   arrived;
  gint64                   last_message;
  double                   tokens;       /* messages it may still send now */
  gint64                   tokens_time;
  double                   strikes;      /* refused messages, fading */
  gint64                   strikes_time;
  guint                    n_cards;
} Participant;

/* An address that asked for a wrong code. */
typedef struct
{
  guint  failures;
  gint64 wait_until;
} Stranger;

struct _JmRoom
{
  GObject      parent_instance;

  JmDocument  *document;
  JmMap       *map;           /* the document's map, followed */
  SoupServer  *server;
  char        *code;
  char        *prefix;        /* "/j/CODE" */
  char        *address_host;
  guint        port;
  GPtrArray   *participants;
  GHashTable  *strangers;     /* remote host -> Stranger */
  guint        next_participant;
  guint        watch_source;
  guint        hello_timeout;  /* seconds */
  guint        idle_timeout;
  guint        snapshot_source;
  gboolean     adding;        /* the room's own edit is under way */
  gboolean     closed;
};

G_DEFINE_FINAL_TYPE (JmRoom, jm_room, G_TYPE_OBJECT)
G_DEFINE_QUARK (jm-room-error-quark, jm_room_error)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  CARD_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void participant_send_text (Participant *participant,
                                   const char  *text);

/* The join code. */

static char *
new_code (void)
{
  GString *code = g_string_new (NULL);

  while (code->len < JM_ROOM_CODE_LENGTH)
    {
      guint8 bytes[32];
      ssize_t n = getrandom (bytes, sizeof bytes, 0);

      if (n <= 0)
        g_error ("No random numbers for the room's code: %s", g_strerror (errno));
      for (ssize_t i = 0; i < n && code->len < JM_ROOM_CODE_LENGTH; i++)
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
participant_free (Participant *participant)
{
  g_signal_handlers_disconnect_by_data (participant->connection, participant);
  /* It may be freed from the connection's own "closed" signal. */
  g_idle_add (unref_later, participant->connection);
  g_free (participant->id);
  g_free (participant->name);
  g_free (participant);
}

static void
participant_send_text (Participant *participant,
                       const char  *text)
{
  if (soup_websocket_connection_get_state (participant->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (participant->connection, text);
}

static void
participant_refuse (Participant *participant,
                    const GError *error)
{
  g_autofree char *text = _jm_room_error_text (error);

  participant_send_text (participant, text);
}

/* Says why, then closes: the page shows the reason, not a bare disconnect. */
static void
participant_send_away (Participant   *participant,
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

static void
broadcast (JmRoom     *self,
           const char *text)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);

      if (participant->joined)
        participant_send_text (participant, text);
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
      json_builder_add_string_value (builder, participant->id);
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
    }
  json_builder_set_member_name (builder, "map");
  json_builder_add_value (builder, _jm_room_map_to_json (self->map));
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}

static void
on_hello (JmRoom      *self,
          Participant *participant,
          JsonObject  *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *welcome = NULL;
  JsonNode *version = json_object_get_member (message, "version");

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
  if (error != NULL)
    {
      participant_refuse (participant, error);
      return;
    }

  participant->name = g_steal_pointer (&name);
  participant->joined = TRUE;
  /* Joining starts a full bucket: the hello does not count against the
   * burst a participant may send next (a card for each of twenty ideas
   * written down while the facilitator talked). */
  participant->tokens = JM_ROOM_MESSAGE_BURST;
  participant->tokens_time = g_get_monotonic_time ();
  welcome = map_message (self, "welcome", participant);
  participant_send_text (participant, welcome);
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

/* Adds the card as one step of the map's history, the parking lot's lane
 * with it when the map has none yet, so that one undo takes both away. */
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

  if (participant->n_cards >= JM_ROOM_MAX_CARDS_EACH)
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
  if (lane == NULL && !parking_lot)
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_UNKNOWN_LANE,
                           _("That lane is not in the map: it may have just been removed."));
      return NULL;
    }

  self->adding = TRUE;
  jm_map_begin (self->map, _("Add Card from the Room"));
  if (lane == NULL)
    lane = jm_edits_ensure_parking_lot (self->map);
  touchpoint = jm_map_add_touchpoint (self->map, stage, lane, -1, card->title);
  if (card->emotion != JM_EMOTION_UNSET)
    jm_map_edit_int (self->map, touchpoint, "emotion", card->emotion);
  if (card->channel != NULL)
    jm_map_edit_string (self->map, touchpoint, "channel", card->channel);
  if (card->notes != NULL)
    jm_map_edit_string (self->map, touchpoint, "notes", card->notes);
  jm_map_end (self->map);
  self->adding = FALSE;

  participant->n_cards++;
  return touchpoint;
}

static char *
card_message (JmTouchpoint *touchpoint,
              Participant  *participant,
              const char   *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "card-added");
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
  JmTouchpoint *touchpoint;

  card = _jm_room_parse_card (message, &error);
  if (card != NULL)
    touchpoint = add_card (self, participant, card, &error);
  if (error != NULL)
    {
      participant_refuse (participant, error);
      return;
    }

  /* Everyone sees the card; its sender also gets its own tag back. */
  text = card_message (touchpoint, participant, NULL);
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *other = g_ptr_array_index (self->participants, i);

      if (other == participant && card->request != NULL)
        {
          g_autofree char *own = card_message (touchpoint, participant, card->request);

          participant_send_text (other, own);
        }
      else if (other->joined)
        participant_send_text (other, text);
    }
  g_signal_emit (self, signals[CARD_ADDED], 0, touchpoint);
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
  else if (g_str_equal (type, "ping"))
    participant_send_text (participant, "{\"type\":\"pong\"}");
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
          participant_send_away (participant, JM_ROOM_REFUSAL_TOO_FAST,
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
      participant_send_away (participant, JM_ROOM_REFUSAL_CLOSED, _("No map is open."),
                             SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
      return;
    }
  handle_message (self, participant, data != NULL ? data : "", length);
}

static void
on_connection_closed (Participant *participant)
{
  g_ptr_array_remove (participant->room->participants, participant);
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
  participant->id = g_strdup_printf ("p%u", ++self->next_participant);
  participant->arrived = participant->last_message = participant->tokens_time = g_get_monotonic_time ();
  participant->tokens = JM_ROOM_MESSAGE_BURST;
  soup_websocket_connection_set_max_incoming_payload_size (connection, JM_ROOM_MAX_FRAME);
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  g_signal_connect_swapped (connection, "message", G_CALLBACK (on_connection_message), participant);
  g_signal_connect_swapped (connection, "closed", G_CALLBACK (on_connection_closed), participant);
  g_ptr_array_add (self->participants, participant);

  if (self->closed)
    participant_send_away (participant, JM_ROOM_REFUSAL_CLOSED, _("The room is closed."),
                           SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  else if (self->participants->len > JM_ROOM_MAX_PARTICIPANTS)
    participant_send_away (participant, JM_ROOM_REFUSAL_ROOM_FULL,
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
    participant_send_away (g_ptr_array_index (leaving, i), JM_ROOM_REFUSAL_TIMEOUT,
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

static void
serve_resource (SoupServerMessage *msg,
                const char        *name,
                const char        *content_type)
{
  g_autofree char *path = g_strconcat (PAGE_RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (jm_room_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
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
      broadcast (self, text);
    }
  return G_SOURCE_REMOVE;
}

/* A change the room did not make (an undo, the facilitator's edit): every
 * participant gets the map again, once for a burst of changes. */
static void
on_map_items_changed (JmRoom *self)
{
  if (self->adding || self->snapshot_source != 0)
    return;
  self->snapshot_source = g_timeout_add (100, on_snapshot_timeout, self);
}

static void
follow_map (JmRoom *self)
{
  JmMap *map = jm_document_get_map (self->document);

  if (self->map == map)
    return;
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (jm_map_get_stages (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_personas (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_touchpoints (self->map), self);
    }
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed",
                                G_CALLBACK (on_map_items_changed), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed",
                                G_CALLBACK (on_map_items_changed), self);
      g_signal_connect_swapped (jm_map_get_touchpoints (map), "items-changed",
                                G_CALLBACK (on_map_items_changed), self);
    }
  /* Those in the room see the other map; a new room has nobody to tell. */
  if (self->participants->len > 0)
    on_map_items_changed (self);
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
    participant_send_away (g_ptr_array_index (leaving, i), JM_ROOM_REFUSAL_CLOSED,
                           _("The facilitator closed the room."), SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  soup_server_disconnect (self->server);
  g_clear_handle_id (&self->watch_source, g_source_remove);
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
      g_clear_object (&self->document);
    }
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (jm_map_get_stages (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_personas (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_touchpoints (self->map), self);
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
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
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
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
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

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, JM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmRoom::card-added:
   * @touchpoint: the card a participant added
   *
   * Emitted after a participant's card is in the map.
   */
  signals[CARD_ADDED] =
    g_signal_new ("card-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JM_TYPE_TOUCHPOINT);
}

static void
jm_room_init (JmRoom *self)
{
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) participant_free);
  self->strangers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->code = new_code ();
  self->hello_timeout = JM_ROOM_HELLO_TIMEOUT;
  self->idle_timeout = JM_ROOM_IDLE_TIMEOUT;
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
