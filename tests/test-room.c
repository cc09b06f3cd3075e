/* test-room.c: the workshop room over loopback, without a display
 *
 * Real WebSocket clients (libsoup) join a room on 127.0.0.1 and add cards;
 * the map, its history and the other participants must see exactly what
 * the room accepted, and nothing a hostile client sends may reach the map
 * or disturb the others.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "jm-file.h"
#include "jm-room-private.h"
#include "jm-timer.h"
#include "jm-votes.h"

typedef struct
{
  SoupWebsocketConnection *connection;
  GError                  *error;
  gboolean                 done;
  gboolean                 closed;
  GQueue                   messages;
} Client;

typedef struct
{
  JmDocument *document;
  JmRoom     *room;
  SoupSession *session;
} Fixture;

static JmMap *
sample_map (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GError) error = NULL;

  fixture->document = jm_document_new ();
  jm_document_set_map (fixture->document, map);
  fixture->room = jm_room_new (fixture->document);
  g_assert_true (jm_room_listen (fixture->room, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jm_room_get_port (fixture->room), >, 0);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->room);
  g_clear_object (&fixture->document);
  /* Let closing connections finish before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
room_url (Fixture    *fixture,
          const char *scheme,
          const char *code,
          const char *rest)
{
  return g_strdup_printf ("%s://127.0.0.1:%u/j/%s/%s", scheme, jm_room_get_port (fixture->room),
                          code != NULL ? code : jm_room_get_code (fixture->room), rest);
}

/* Clients. */

static void
on_client_message (Client *client,
                   int     type,
                   GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_queue_push_tail (&client->messages, g_strndup (data, length));
}

static void
on_client_closed (Client *client)
{
  client->closed = TRUE;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;

  client->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                              &client->error);
  if (client->connection != NULL)
    {
      g_signal_connect_swapped (client->connection, "message", G_CALLBACK (on_client_message), client);
      g_signal_connect_swapped (client->connection, "closed", G_CALLBACK (on_client_closed), client);
    }
  client->done = TRUE;
}

static Client *
client_connect (Fixture    *fixture,
                const char *code)
{
  g_autofree char *url = room_url (fixture, "ws", code, "ws");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  Client *client = g_new0 (Client, 1);

  g_queue_init (&client->messages);
  soup_session_websocket_connect_async (fixture->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, client);
  while (!client->done)
    g_main_context_iteration (NULL, TRUE);
  return client;
}

static void
client_free (Client *client)
{
  if (client->connection != NULL)
    {
      /* A whole closing handshake, so that neither side is left waiting
       * for the other when the test ends. */
      if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      while (!client->closed)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handlers_disconnect_by_data (client->connection, client);
      g_object_unref (client->connection);
    }
  g_queue_clear_full (&client->messages, g_free);
  g_clear_error (&client->error);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static void
client_send (Client     *client,
             const char *text)
{
  soup_websocket_connection_send_text (client->connection, text);
}

/* The next message the client receives; the test fails if it is closed
 * first, or if the message is not of @type. */
static JsonObject *
client_next (Client     *client,
             const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *message;
  const char *got;

  while (g_queue_is_empty (&client->messages) && !client->closed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_queue_is_empty (&client->messages));
  text = g_queue_pop_head (&client->messages);
  /* The room's messages may be longer than a participant's may be: a
   * welcome holds the whole map. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    g_assert_no_error (error);
    message = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    got = json_object_get_string_member (message, "type");
  }
  if (!g_str_equal (got, type))
    g_error ("expected a “%s” message, got %s", type, text);
  return message;
}

static void
client_expect_error (Client     *client,
                     const char *code)
{
  g_autoptr(JsonObject) message = client_next (client, "error");

  g_assert_cmpstr (json_object_get_string_member (message, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (message, "message"), !=, "");
}

static JsonObject *
client_join (Client     *client,
             const char *hello)
{
  g_assert_no_error (client->error);
  client_send (client, hello);
  return client_next (client, "welcome");
}

static guint
n_cards (Fixture *fixture)
{
  return g_list_model_get_n_items (jm_map_get_touchpoints (jm_document_get_map (fixture->document)));
}

static char *
first_id (GListModel *list,
          const char *(*get_id) (gpointer))
{
  g_autoptr(GObject) item = g_list_model_get_item (list, 0);

  return g_strdup (get_id (item));
}

/* Two participants add cards; both see both; the map holds them; one undo
 * takes one away and both are sent the map again. */
static void
test_room_two_participants (Fixture       *fixture,
                            gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(Client) ben = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) welcome_ben = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  g_autofree char *lane = first_id (jm_map_get_personas (map), (const char *(*) (gpointer)) jm_persona_get_id);
  g_autofree char *request = NULL;
  guint before = n_cards (fixture);
  JsonObject *card;
  JmTouchpoint *touchpoint;

  welcome = client_join (ana, "{\"type\":\"hello\",\"version\":1,\"name\":\"  Ana  \"}");
  g_assert_cmpstr (json_object_get_string_member (welcome, "name"), ==, "Ana");
  g_assert_cmpint (json_object_get_int_member (welcome, "version"), ==, JM_ROOM_PROTOCOL_VERSION);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (welcome, "map"), "cards")),
                    ==, before);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (welcome, "map"), "stages")),
                    ==, g_list_model_get_n_items (jm_map_get_stages (map)));
  welcome_ben = client_join (ben, "{\"type\":\"hello\"}");
  g_assert_true (json_object_get_null_member (welcome_ben, "name"));
  g_assert_cmpuint (jm_room_get_n_participants (fixture->room), ==, 2);

  /* Markup is only text: it reaches the map and the others as written. */
  request = g_strdup_printf ("{\"type\":\"add-card\",\"request\":\"r1\",\"stage\":\"%s\",\"lane\":\"%s\","
                             "\"title\":\"Wait <b>on hold</b>\",\"emotion\":-2,\"channel\":\"Phone\","
                             "\"notes\":\"line one\\nline two\"}", stage, lane);
  client_send (ana, request);
  added = client_next (ana, "card-added");
  g_assert_cmpstr (json_object_get_string_member (added, "request"), ==, "r1");
  seen = client_next (ben, "card-added");
  g_assert_false (json_object_has_member (seen, "request"));
  g_assert_cmpstr (json_object_get_string_member (seen, "by"), ==, "Ana");
  card = json_object_get_object_member (seen, "card");
  g_assert_cmpstr (json_object_get_string_member (card, "title"), ==, "Wait <b>on hold</b>");
  g_assert_cmpint (json_object_get_int_member (card, "emotion"), ==, -2);
  g_assert_false (json_object_has_member (card, "notes"));

  touchpoint = jm_map_lookup_touchpoint (map, json_object_get_string_member (card, "id"));
  g_assert_nonnull (touchpoint);
  g_assert_cmpstr (jm_touchpoint_get_title (touchpoint), ==, "Wait <b>on hold</b>");
  g_assert_cmpstr (jm_touchpoint_get_stage_id (touchpoint), ==, stage);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (touchpoint), ==, lane);
  g_assert_cmpint (jm_touchpoint_get_emotion (touchpoint), ==, -2);
  g_assert_cmpstr (jm_touchpoint_get_channel (touchpoint), ==, "Phone");
  g_assert_cmpstr (jm_touchpoint_get_notes (touchpoint), ==, "line one\nline two");
  g_assert_cmpuint (n_cards (fixture), ==, before + 1);

  /* The parking lot: a lane of its own, made with the first card in it. */
  g_assert_null (jm_map_lookup_persona (map, JM_ROOM_PARKING_LOT_ID));
  client_send (ben, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"Ask legal\"}");
  g_clear_pointer (&added, json_object_unref);
  g_clear_pointer (&seen, json_object_unref);
  added = client_next (ben, "card-added");
  seen = client_next (ana, "card-added");
  g_assert_true (json_object_get_null_member (seen, "by"));
  card = json_object_get_object_member (seen, "card");
  g_assert_cmpstr (json_object_get_string_member (card, "lane"), ==, JM_ROOM_PARKING_LOT_ID);
  g_assert_nonnull (jm_map_lookup_persona (map, JM_ROOM_PARKING_LOT_ID));
  g_assert_cmpuint (n_cards (fixture), ==, before + 2);
  g_assert_true (jm_map_get_modified (map));

  /* One undo: Ben's card and the parking lot go, Ana's card stays. */
  g_assert_true (jm_map_undo (map));
  g_assert_cmpuint (n_cards (fixture), ==, before + 1);
  g_assert_null (jm_map_lookup_persona (map, JM_ROOM_PARKING_LOT_ID));
  g_assert_nonnull (jm_map_lookup_touchpoint (map, jm_touchpoint_get_id (touchpoint)));
  snapshot = client_next (ana, "snapshot");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (snapshot, "map"), "cards")),
                    ==, before + 1);
  g_clear_pointer (&snapshot, json_object_unref);
  snapshot = client_next (ben, "snapshot");

  g_assert_true (jm_map_undo (map));
  g_assert_cmpuint (n_cards (fixture), ==, before);
}

/* Malformed, oversized and unknown messages get an error each and change
 * nothing; a frame over the transport's limit closes that connection
 * only; the other participant carries on. */
static void
test_room_hostile_messages (Fixture       *fixture,
                            gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(Client) eve = client_connect (fixture, NULL);
  g_autoptr(Client) ben = client_connect (fixture, NULL);
  g_autoptr(Client) late = client_connect (fixture, NULL);
  g_autoptr(Client) flood = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) welcome_flood = NULL;
  g_autoptr(JsonObject) welcome_ben = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(GBytes) binary = g_bytes_new_static ("\1\2\3", 3);
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  g_autofree char *big = g_strnfill (JM_ROOM_MAX_MESSAGE + 1, ' ');
  g_autofree char *huge = g_strnfill (JM_ROOM_MAX_FRAME + 1, ' ');
  g_autofree char *long_title = g_strnfill (JM_ROOM_MAX_TITLE + 1, 'x');
  g_autofree char *message = NULL;
  guint before = n_cards (fixture);
  guint steps = jm_history_get_n_steps (jm_map_get_history (map));
  gboolean too_fast = FALSE;

  client_send (late, "{\"type\":\"add-card\",\"title\":\"first\"}");
  client_expect_error (late, "hello-first");

  /* Eve's messages below, one answer awaited each, stay within the burst:
   * each is refused for what it holds, not for coming too fast. */
  welcome = client_join (eve, "{\"type\":\"hello\",\"name\":\"Eve\"}");
  welcome_ben = client_join (ben, "{\"type\":\"hello\",\"name\":\"Ben\"}");

  client_send (eve, big);
  client_expect_error (eve, "too-large");
  client_send (eve, "{\"type\":");
  client_expect_error (eve, "bad-json");
  client_send (eve, "[1,2]");
  client_expect_error (eve, "bad-message");
  client_send (eve, "{\"type\":42}");
  client_expect_error (eve, "bad-message");
  client_send (eve, "{\"type\":\"delete-card\",\"id\":\"t1\"}");
  client_expect_error (eve, "unknown-type");
  client_send (eve, "{\"type\":\"hello\"}");
  client_expect_error (eve, "already-joined");
  soup_websocket_connection_send_message (eve->connection, SOUP_WEBSOCKET_DATA_BINARY, binary);
  client_expect_error (eve, "not-text");

  message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"parking-lot\",\"title\":\"   \"}", stage);
  client_send (eve, message);
  client_expect_error (eve, "bad-text");
  g_free (message);
  message = g_strdup_printf ("{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"%s\"}", long_title);
  client_send (eve, message);
  client_expect_error (eve, "too-long");
  client_send (eve, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"a\\u0007b\"}");
  client_expect_error (eve, "bad-text");
  client_send (eve, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"a\\u202eb\"}");
  client_expect_error (eve, "bad-text");
  client_send (eve, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":[\"a\"]}");
  client_expect_error (eve, "bad-message");
  client_send (eve, "{\"type\":\"add-card\",\"stage\":\"no-such-stage\",\"lane\":\"parking-lot\",\"title\":\"a\"}");
  client_expect_error (eve, "unknown-stage");
  g_free (message);
  message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"nobody\",\"title\":\"a\"}", stage);
  client_send (eve, message);
  client_expect_error (eve, "unknown-lane");
  client_send (eve, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"a\",\"emotion\":7}");
  client_expect_error (eve, "bad-emotion");
  client_send (eve, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"a\",\"emotion\":1.5}");
  client_expect_error (eve, "bad-emotion");
  client_send (eve, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"a\\u0000b\"}");
  client_expect_error (eve, "bad-text");

  g_assert_cmpuint (n_cards (fixture), ==, before);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps);

  /* A flood: past the burst, messages are refused, not served; a flood
   * that goes on is sent away. */
  welcome_flood = client_join (flood, "{\"type\":\"hello\"}");
  for (guint i = 0; i < 2 * JM_ROOM_MESSAGE_BURST; i++)
    client_send (flood, "{\"type\":\"ping\"}");
  for (guint i = 0; i < 2 * JM_ROOM_MESSAGE_BURST; i++)
    {
      g_autofree char *text = NULL;

      while (g_queue_is_empty (&flood->messages) && !flood->closed)
        g_main_context_iteration (NULL, TRUE);
      text = g_queue_pop_head (&flood->messages);
      g_assert_nonnull (text);
      too_fast |= strstr (text, "\"too-fast\"") != NULL;
    }
  g_assert_true (too_fast);
  g_assert_false (flood->closed);
  for (guint i = 0; i < 1000 && !flood->closed; i++)
    {
      client_send (flood, "{\"type\":\"ping\"}");
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  /* The room lets the flood go; the test fails by its timeout if not. */
  while (jm_room_get_n_participants (fixture->room) == 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (flood->closed || soup_websocket_connection_get_state (flood->connection) != SOUP_WEBSOCKET_STATE_OPEN);

  /* Over the transport's limit: the connection closes, and only it. */
  client_send (eve, huge);
  while (!eve->closed)
    g_main_context_iteration (NULL, TRUE);

  client_send (ben, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"Still here\"}");
  added = client_next (ben, "card-added");
  g_assert_cmpuint (n_cards (fixture), ==, before + 1);
}

typedef struct
{
  guint       status;
  GBytes     *body;
  SoupMessage *msg;
} Response;

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Response *response = user_data;

  response->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  response->status = soup_message_get_status (response->msg);
  if (response->status == 0)
    response->status = 1;
}

static Response
http_get (Fixture    *fixture,
          const char *url)
{
  Response response = { 0 };

  response.msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (fixture->session, response.msg, G_PRIORITY_DEFAULT, NULL,
                                    on_response, &response);
  while (response.status == 0)
    g_main_context_iteration (NULL, TRUE);
  return response;
}

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_object (&response->msg);
}

/* The page comes with its security policy; a wrong code is refused, and
 * then the address must wait, even with the right code, while those
 * already in the room carry on. */
static void
test_room_wrong_code (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *page = room_url (fixture, "http", NULL, "");
  g_autofree char *wrong = room_url (fixture, "http", "2345678923", "");
  g_autofree char *script = room_url (fixture, "http", NULL, "room.js");
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(Client) intruder = NULL;
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) pong = NULL;
  Response response;
  const char *policy;
  gsize length;
  const char *body;

  g_assert_cmpstr (jm_room_get_code (fixture->room), !=, "2345678923");
  welcome = client_join (ana, "{\"type\":\"hello\"}");

  response = http_get (fixture, page);
  g_assert_cmpuint (response.status, ==, SOUP_STATUS_OK);
  policy = soup_message_headers_get_one (soup_message_get_response_headers (response.msg),
                                         "Content-Security-Policy");
  g_assert_nonnull (policy);
  g_assert_nonnull (strstr (policy, "default-src 'none'"));
  g_assert_nonnull (strstr (policy, "script-src 'self'"));
  body = g_bytes_get_data (response.body, &length);
  g_assert_nonnull (g_strstr_len (body, length, ">New card</label>"));
  g_assert_nonnull (g_strstr_len (body, length, ">Add card</button>"));
  response_clear (&response);

  response = http_get (fixture, script);
  g_assert_cmpuint (response.status, ==, SOUP_STATUS_OK);
  body = g_bytes_get_data (response.body, &length);
  g_assert_null (g_strstr_len (body, length, "innerHTML"));
  response_clear (&response);

  response = http_get (fixture, wrong);
  g_assert_cmpuint (response.status, ==, SOUP_STATUS_NOT_FOUND);
  response_clear (&response);

  response = http_get (fixture, page);
  g_assert_cmpuint (response.status, ==, 429);
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (response.msg),
                                                  "Retry-After"));
  response_clear (&response);

  intruder = client_connect (fixture, NULL);
  g_assert_null (intruder->connection);
  g_assert_nonnull (intruder->error);

  client_send (ana, "{\"type\":\"ping\"}");
  pong = client_next (ana, "pong");
}

/* One more than the room holds is told so and let go; those in the room
 * stay, and a place freed is taken again. */
static void
test_room_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  g_autoptr(Client) extra = NULL;
  g_autoptr(Client) again = NULL;
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) pong = NULL;

  for (guint i = 0; i < JM_ROOM_MAX_PARTICIPANTS; i++)
    {
      Client *client = client_connect (fixture, NULL);

      g_assert_no_error (client->error);
      g_ptr_array_add (clients, client);
    }
  g_assert_cmpuint (jm_room_get_n_participants (fixture->room), ==, JM_ROOM_MAX_PARTICIPANTS);

  extra = client_connect (fixture, NULL);
  g_assert_no_error (extra->error);
  client_expect_error (extra, "room-full");
  while (!extra->closed)
    g_main_context_iteration (NULL, TRUE);
  while (jm_room_get_n_participants (fixture->room) > JM_ROOM_MAX_PARTICIPANTS)
    g_main_context_iteration (NULL, TRUE);

  client_send (g_ptr_array_index (clients, 0), "{\"type\":\"ping\"}");
  client_expect_error (g_ptr_array_index (clients, 0), "hello-first");

  g_ptr_array_remove_index (clients, 0);
  while (jm_room_get_n_participants (fixture->room) >= JM_ROOM_MAX_PARTICIPANTS)
    g_main_context_iteration (NULL, TRUE);
  again = client_connect (fixture, NULL);
  welcome = client_join (again, "{\"type\":\"hello\"}");
  client_send (again, "{\"type\":\"ping\"}");
  pong = client_next (again, "pong");
}

/* Who never says hello, and who says nothing for too long, is sent away
 * with the reason; who keeps talking stays. */
static void
test_room_timeouts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Client) silent = client_connect (fixture, NULL);
  g_autoptr(Client) quiet = client_connect (fixture, NULL);
  g_autoptr(Client) talker = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome_quiet = NULL;
  g_autoptr(JsonObject) welcome_talker = NULL;

  _jm_room_set_timeouts (fixture->room, 1, 2);
  welcome_quiet = client_join (quiet, "{\"type\":\"hello\"}");
  welcome_talker = client_join (talker, "{\"type\":\"hello\"}");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (welcome_talker, "limits"),
                                               "idle_seconds"), ==, 2);

  client_expect_error (silent, "timeout");
  while (!silent->closed)
    g_main_context_iteration (NULL, TRUE);

  /* The talker pings until the quiet one is gone. */
  while (!quiet->closed)
    {
      g_autoptr(JsonObject) pong = NULL;

      client_send (talker, "{\"type\":\"ping\"}");
      pong = client_next (talker, "pong");
      while (g_queue_is_empty (&quiet->messages) && !quiet->closed &&
             g_main_context_iteration (NULL, FALSE))
        ;
      if (!g_queue_is_empty (&quiet->messages))
        client_expect_error (quiet, "timeout");
      g_usleep (G_USEC_PER_SEC / 5);
    }
  g_assert_false (talker->closed);
}

#define LOAD_PARTICIPANTS 50
#define LOAD_CARDS_EACH   20

static guint
count_cards_added (Client *client)
{
  guint n = 0;

  for (GList *l = client->messages.head; l != NULL; l = l->next)
    n += strstr (l->data, "\"type\":\"card-added\"") != NULL;
  return n;
}

static int
not_containing (gconstpointer message,
                gconstpointer text)
{
  return strstr (message, text) == NULL;
}

/* Fifty participants add twenty cards each at once: the map holds each
 * card once, and every participant sees every card once. */
static void
test_room_load (Fixture       *fixture,
                gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  g_autofree char *lane = first_id (jm_map_get_personas (map), (const char *(*) (gpointer)) jm_persona_get_id);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  guint before = n_cards (fixture);
  guint total = LOAD_PARTICIPANTS * LOAD_CARDS_EACH;
  gint64 start;

  for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = client_connect (fixture, NULL);
      g_autoptr(JsonObject) welcome = client_join (client, "{\"type\":\"hello\"}");

      g_ptr_array_add (clients, client);
    }

  start = g_get_monotonic_time ();
  for (guint k = 0; k < LOAD_CARDS_EACH; k++)
    for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
      {
        g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\","
                                                    "\"title\":\"load %u-%u\"}", stage, lane, i, k);

        client_send (g_ptr_array_index (clients, i), message);
      }
  for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = g_ptr_array_index (clients, i);

      /* A refusal or a closed connection fails at once, not by timing out. */
      while (count_cards_added (client) < total)
        {
          g_assert_false (client->closed);
          g_assert_null (g_queue_find_custom (&client->messages, "\"type\":\"error\"",
                                              (GCompareFunc) not_containing));
          g_main_context_iteration (NULL, TRUE);
        }
    }
  g_test_message ("%u participants, %u cards: all seen by all in %.0f ms", LOAD_PARTICIPANTS, total,
                  (g_get_monotonic_time () - start) / 1000.0);

  /* Nothing lost, nothing doubled, nothing else said. */
  for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = g_ptr_array_index (clients, i);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      while (!g_queue_is_empty (&client->messages))
        {
          g_autoptr(JsonObject) message = client_next (client, "card-added");
          JsonObject *card = json_object_get_object_member (message, "card");

          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (card, "id"))));
        }
      g_assert_cmpuint (g_hash_table_size (seen), ==, total);
    }
  g_assert_cmpuint (n_cards (fixture), ==, before + total);
  /* The cards go to the end of their cell, which is not the end of the list. */
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_str_has_prefix (jm_touchpoint_get_title (touchpoint), "load "))
        g_assert_true (g_hash_table_add (titles, (gpointer) jm_touchpoint_get_title (touchpoint)));
    }
  g_assert_cmpuint (g_hash_table_size (titles), ==, total);
  g_assert_true (g_hash_table_contains (titles, "load 0-0"));
  g_assert_true (g_hash_table_contains (titles, "load 49-19"));
}

static void
test_room_listen_address (void)
{
  g_autoptr(GError) error = NULL;
  char *host = NULL;
  guint port = 1;

  g_assert_true (jm_room_parse_listen ("127.0.0.1:0", &host, &port, &error));
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpuint (port, ==, 0);
  g_clear_pointer (&host, g_free);
  g_assert_true (jm_room_parse_listen ("[::1]:8080", &host, &port, &error));
  g_assert_cmpstr (host, ==, "::1");
  g_assert_cmpuint (port, ==, 8080);
  g_clear_pointer (&host, g_free);
  g_assert_true (jm_room_parse_listen (":9000", &host, &port, &error));
  g_assert_null (host);
  g_assert_cmpuint (port, ==, 9000);

  g_assert_false (jm_room_parse_listen ("127.0.0.1", &host, &port, &error));
  g_assert_error (error, JM_ROOM_ERROR, JM_ROOM_ERROR_LISTEN);
  g_clear_error (&error);
  g_assert_false (jm_room_parse_listen ("127.0.0.1:70000", &host, &port, &error));
  g_clear_error (&error);
  g_assert_false (jm_room_parse_listen ("example.org:80", &host, &port, &error));
  g_clear_error (&error);
}

static void
test_room_local_network (void)
{
  static const struct {
    const char *address;
    gboolean    local;
  } cases[] = {
    { "127.0.0.1", TRUE }, { "10.1.2.3", TRUE }, { "172.16.0.9", TRUE },
    { "172.31.255.1", TRUE }, { "192.168.1.20", TRUE }, { "169.254.3.4", TRUE },
    { "::1", TRUE }, { "fe80::1", TRUE }, { "fd12:3456::1", TRUE }, { "fc00::1", TRUE },
    { "8.8.8.8", FALSE }, { "172.32.0.1", FALSE }, { "100.64.0.1", FALSE },
    { "192.169.0.1", FALSE }, { "2001:db8::1", FALSE }, { "2a00:1450::1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (cases[i].address, 80);

      g_assert_nonnull (address);
      if (_jm_room_is_local_network (address) != cases[i].local)
        g_error ("%s should %sbe served", cases[i].address, cases[i].local ? "" : "not ");
    }
}

static void
test_room_code (void)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmRoom) room = jm_room_new (document);
  g_autoptr(JmRoom) other = jm_room_new (document);
  const char *code = jm_room_get_code (room);

  g_assert_cmpuint (strlen (code), ==, JM_ROOM_CODE_LENGTH);
  for (const char *p = code; *p != '\0'; p++)
    g_assert_nonnull (strchr ("23456789abcdefghjkmnpqrstuvwxyz", *p));
  g_assert_cmpstr (code, !=, jm_room_get_code (other));
}

/* Joined, a participant may send a whole burst at once: the hello does
 * not use up one of its messages. */
static void
test_room_burst_after_join (Fixture       *fixture,
                            gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome = client_join (ana, "{\"type\":\"hello\"}");
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  guint before = n_cards (fixture);

  for (guint i = 0; i < JM_ROOM_MESSAGE_BURST; i++)
    {
      g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\","
                                                  "\"lane\":\"parking-lot\",\"title\":\"idea %u\"}",
                                                  stage, i);
      client_send (ana, message);
    }
  for (guint i = 0; i < JM_ROOM_MESSAGE_BURST; i++)
    {
      g_autoptr(JsonObject) added = client_next (ana, "card-added");
    }
  g_assert_cmpuint (n_cards (fixture), ==, before + JM_ROOM_MESSAGE_BURST);
}

/* Locked, the room keeps who is in and takes back a page that was in it,
 * with its token; a newcomer is told the room is locked and let go. */
static void
test_room_lock (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(Client) ben = client_connect (fixture, NULL);
  g_autoptr(Client) ana_again = NULL;
  g_autoptr(Client) newcomer = NULL;
  g_autoptr(Client) later = NULL;
  g_autoptr(JsonObject) welcome = client_join (ana, "{\"type\":\"hello\",\"name\":\"Ana\"}");
  g_autoptr(JsonObject) welcome_ben = client_join (ben, "{\"type\":\"hello\",\"name\":\"Ben\"}");
  g_autoptr(JsonObject) mode = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) welcome_later = NULL;
  g_autoptr(JsonObject) pong = NULL;
  g_autofree char *hello = NULL;
  const char *token = json_object_get_string_member (welcome, "token");

  g_assert_cmpuint (strlen (token), ==, JM_ROOM_TOKEN_LENGTH);
  g_assert_false (json_object_get_boolean_member (welcome, "locked"));

  jm_room_set_locked (fixture->room, TRUE);
  g_assert_true (jm_room_get_locked (fixture->room));
  mode = client_next (ben, "mode");
  g_assert_true (json_object_get_boolean_member (mode, "locked"));
  g_assert_false (json_object_get_boolean_member (mode, "private"));

  newcomer = client_connect (fixture, NULL);
  client_send (newcomer, "{\"type\":\"hello\",\"name\":\"Late\",\"token\":\"madeup1234567890madeup\"}");
  client_expect_error (newcomer, "room-locked");
  while (!newcomer->closed)
    g_main_context_iteration (NULL, TRUE);

  /* Ana's phone slept: her page joins again with its token, as Ana. */
  hello = g_strdup_printf ("{\"type\":\"hello\",\"name\":\"Ana\",\"token\":\"%s\"}", token);
  ana_again = client_connect (fixture, NULL);
  again = client_join (ana_again, hello);
  g_assert_cmpstr (json_object_get_string_member (again, "participant"), ==,
                   json_object_get_string_member (welcome, "participant"));
  g_assert_true (json_object_get_boolean_member (again, "locked"));

  client_send (ben, "{\"type\":\"ping\"}");
  pong = client_next (ben, "pong");

  jm_room_set_locked (fixture->room, FALSE);
  later = client_connect (fixture, NULL);
  welcome_later = client_join (later, "{\"type\":\"hello\"}");
}

typedef struct
{
  guint changes;
} Counter;

static void
on_members_changed (Counter *counter)
{
  counter->changes++;
}

/* A removed participant is told so and let go, and cannot join again
 * with the same token; the others stay and see the list change. */
static void
test_room_remove (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Client) eve = client_connect (fixture, NULL);
  g_autoptr(Client) ben = client_connect (fixture, NULL);
  g_autoptr(Client) eve_again = NULL;
  g_autoptr(JsonObject) welcome = client_join (eve, "{\"type\":\"hello\",\"name\":\"Eve\"}");
  g_autoptr(JsonObject) welcome_ben = client_join (ben, "{\"type\":\"hello\",\"name\":\"Ben\"}");
  g_autoptr(JsonObject) pong = NULL;
  g_autoptr(GPtrArray) members = jm_room_list_members (fixture->room);
  g_autofree char *hello = NULL;
  Counter counter = { 0 };
  JmRoomMember *member;

  g_assert_cmpuint (members->len, ==, 2);
  member = g_ptr_array_index (members, 0);
  g_assert_cmpstr (member->name, ==, "Eve");
  g_assert_cmpstr (member->id, ==, json_object_get_string_member (welcome, "participant"));
  g_signal_connect_swapped (fixture->room, "members-changed", G_CALLBACK (on_members_changed), &counter);

  g_assert_false (jm_room_remove_member (fixture->room, "nobody"));
  g_assert_true (jm_room_remove_member (fixture->room, member->id));
  client_expect_error (eve, "removed");
  while (!eve->closed)
    g_main_context_iteration (NULL, TRUE);
  while (counter.changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = jm_room_list_members (fixture->room);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (((JmRoomMember *) g_ptr_array_index (members, 0))->name, ==, "Ben");

  hello = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}",
                           json_object_get_string_member (welcome, "token"));
  eve_again = client_connect (fixture, NULL);
  client_send (eve_again, hello);
  client_expect_error (eve_again, "removed");
  while (!eve_again->closed)
    g_main_context_iteration (NULL, TRUE);

  client_send (ben, "{\"type\":\"ping\"}");
  pong = client_next (ben, "pong");
  g_signal_handlers_disconnect_by_data (fixture->room, &counter);
}

/* In private mode a card goes to the hidden held lane, in one step: only
 * its sender hears of it, and nobody's map shows it. Accepted, it moves
 * to the lane its sender chose, as one more undoable step, and everyone
 * gets the map with it; one held card accepted into the parking lot. */
static void
test_room_private (Fixture       *fixture,
                   gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(Client) ben = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome = client_join (ana, "{\"type\":\"hello\",\"name\":\"Ana\"}");
  g_autoptr(JsonObject) welcome_ben = client_join (ben, "{\"type\":\"hello\"}");
  g_autoptr(JsonObject) mode = NULL;
  g_autoptr(JsonObject) mode_ben = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) held_two = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonObject) pong = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  g_autofree char *lane = first_id (jm_map_get_personas (map), (const char *(*) (gpointer)) jm_persona_get_id);
  g_autofree char *message = NULL;
  guint before = n_cards (fixture);
  guint steps;
  JmTouchpoint *card;
  JmTouchpoint *second;
  JmPersona *held_lane;
  JsonArray *cards;

  jm_room_set_private (fixture->room, TRUE);
  mode = client_next (ana, "mode");
  g_assert_true (json_object_get_boolean_member (mode, "private"));
  mode_ben = client_next (ben, "mode");

  steps = jm_history_get_n_steps (jm_map_get_history (map));
  message = g_strdup_printf ("{\"type\":\"add-card\",\"request\":\"h1\",\"stage\":\"%s\",\"lane\":\"%s\","
                             "\"title\":\"Quiet idea\"}", stage, lane);
  client_send (ana, message);
  held = client_next (ana, "card-held");
  g_assert_cmpstr (json_object_get_string_member (held, "request"), ==, "h1");
  card = jm_map_lookup_touchpoint (map, json_object_get_string_member (json_object_get_object_member (held, "card"), "id"));
  g_assert_nonnull (card);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, JM_ROOM_HELD_LANE_ID);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, stage);
  held_lane = jm_map_lookup_persona (map, JM_ROOM_HELD_LANE_ID);
  g_assert_nonnull (held_lane);
  g_assert_true (jm_persona_get_hidden (held_lane));
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps + 1);
  g_assert_cmpstr (jm_room_get_held_by (fixture->room, card), ==, "Ana");

  client_send (ben, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"Second\"}");
  held_two = client_next (ben, "card-held");
  second = jm_map_lookup_touchpoint (map, json_object_get_string_member (json_object_get_object_member (held_two, "card"), "id"));
  g_assert_nonnull (second);
  g_assert_null (jm_room_get_held_by (fixture->room, second));
  /* Ben heard nothing of Ana's card, nor Ana of Ben's. */
  client_send (ben, "{\"type\":\"ping\"}");
  pong = client_next (ben, "pong");
  g_clear_pointer (&pong, json_object_unref);
  client_send (ana, "{\"type\":\"ping\"}");
  pong = client_next (ana, "pong");
  list = jm_room_list_held (fixture->room);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (g_ptr_array_index (list, 0) == card);

  /* A hidden lane is not the participants' to fill. */
  g_free (message);
  message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\",\"title\":\"x\"}",
                             stage, JM_ROOM_HELD_LANE_ID);
  client_send (ana, message);
  client_expect_error (ana, "unknown-lane");

  /* Private mode ends; held cards stay held. */
  jm_room_set_private (fixture->room, FALSE);
  g_clear_pointer (&mode, json_object_unref);
  mode = client_next (ana, "mode");
  g_clear_pointer (&mode, json_object_unref);
  mode = client_next (ben, "mode");
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, JM_ROOM_HELD_LANE_ID);

  steps = jm_history_get_n_steps (jm_map_get_history (map));
  g_assert_true (jm_room_accept_card (fixture->room, card, TRUE));
  g_assert_false (jm_room_accept_card (fixture->room, card, TRUE));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, lane);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps + 1);
  snapshot = client_next (ben, "snapshot");
  cards = json_object_get_array_member (json_object_get_object_member (snapshot, "map"), "cards");
  g_assert_cmpuint (json_array_get_length (cards), ==, before + 1);
  for (guint i = 0; i < json_array_get_length (cards); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cards, i), "lane"),
                     !=, JM_ROOM_HELD_LANE_ID);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (json_object_get_object_member (snapshot, "map"), "lanes")); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (snapshot, "map"), "lanes"), i), "id"),
                     !=, JM_ROOM_HELD_LANE_ID);

  /* Undo holds it again; redo reveals it. */
  g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, JM_ROOM_HELD_LANE_ID);
  g_assert_true (jm_map_redo (map));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, lane);

  /* The last held card into the parking lot: the held lane goes with it. */
  g_assert_true (jm_room_accept_card (fixture->room, second, FALSE));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (second), ==, JM_ROOM_PARKING_LOT_ID);
  g_assert_null (jm_map_lookup_persona (map, JM_ROOM_HELD_LANE_ID));
  g_assert_cmpuint (n_cards (fixture), ==, before + 2);
}

/* A held card is in the saved file, in its hidden lane. */
static void
test_room_private_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome = client_join (ana, "{\"type\":\"hello\"}");
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-room-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "held.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) loaded = NULL;
  JmTouchpoint *card;

  g_assert_no_error (error);
  jm_room_set_private (fixture->room, TRUE);
  mode = client_next (ana, "mode");
  client_send (ana, "{\"type\":\"add-card\",\"lane\":\"parking-lot\",\"title\":\"Kept back\"}");
  held = client_next (ana, "card-held");
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);

  loaded = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  card = jm_map_lookup_touchpoint (loaded, json_object_get_string_member (json_object_get_object_member (held, "card"), "id"));
  g_assert_nonnull (card);
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Kept back");
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, JM_ROOM_HELD_LANE_ID);
  g_assert_true (jm_persona_get_hidden (jm_map_lookup_persona (loaded, JM_ROOM_HELD_LANE_ID)));
  g_unlink (path);
  g_rmdir (dir);
}

/* The page's texts in the browser's first language the app speaks:
 * region and case do not matter, quality orders, English first stays
 * English. */
static void
test_room_page_strings (void)
{
  static const char catalogs[] = "{\"de\":{\"New card\":\"Neue Karte\"},\"es\":{\"New card\":\"Tarjeta nueva\"},"
                                 "\"pt_BR\":{\"New card\":\"Novo cartão\"}}";
  static const struct {
    const char *accept;
    const char *lang;
  } cases[] = {
    { "de-AT,de;q=0.9,en;q=0.5", "de" }, { "fr-FR, es;q=0.8", "es" }, { "en-US,de;q=0.5", "en" },
    { NULL, "en" }, { "", "en" }, { "fr", "en" }, { "de;q=0.2, es;q=0.9", "es" }, { "de;q=0, fr", "en" },
    { "PT-br", "pt_BR" }, { "pt-PT", "en" }, { "*", "en" }, { ",,;q=,de", "de" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _jm_room_page_strings (catalogs, cases[i].accept);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *answer;

      g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
      answer = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member (answer, "lang"), cases[i].lang) != 0)
        g_error ("Accept-Language “%s”: %s, not %s", cases[i].accept, text, cases[i].lang);
      g_assert_cmpuint (json_object_get_size (json_object_get_object_member (answer, "strings")), ==,
                        g_str_equal (cases[i].lang, "en") ? 0 : 1);
    }
}

/* Served: the translations made from po/ at build time. */
static void
test_room_page_german (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = room_url (fixture, "http", NULL, "strings.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  Response response = { 0 };
  JsonObject *answer, *strings;
  const char *body;
  gsize length;

  response.msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (response.msg), "Accept-Language",
                                "de-DE,de;q=0.9,en;q=0.8");
  soup_session_send_and_read_async (fixture->session, response.msg, G_PRIORITY_DEFAULT, NULL,
                                    on_response, &response);
  while (response.status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (response.status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (response.msg),
                                                  "Content-Security-Policy"));
  body = g_bytes_get_data (response.body, &length);
  g_assert_true (json_parser_load_from_data (parser, body, length, NULL));
  answer = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (answer, "lang"), ==, "de");
  strings = json_object_get_object_member (answer, "strings");
  g_assert_cmpstr (json_object_get_string_member (strings, "New card"), ==, "Neue Karte");
  g_assert_cmpstr (json_object_get_string_member (strings, "Parking lot"), ==, "Parkplatz");
  g_assert_cmpstr (json_object_get_string_member (strings, "The room is locked: nobody new can join. Ask the facilitator."),
                   !=, NULL);
  response_clear (&response);
}

/* Many come and go, more than the room remembers: those who added nothing
 * and left are forgotten, so newcomers still get in; a removed one stays
 * out. */
static void
test_room_seats (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Client) eve = client_connect (fixture, NULL);
  g_autoptr(Client) eve_again = NULL;
  g_autoptr(Client) last = NULL;
  g_autoptr(JsonObject) welcome = client_join (eve, "{\"type\":\"hello\",\"name\":\"Eve\"}");
  g_autoptr(JsonObject) welcome_last = NULL;
  g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}",
                                            json_object_get_string_member (welcome, "token"));

  g_assert_true (jm_room_remove_member (fixture->room, json_object_get_string_member (welcome, "participant")));
  client_expect_error (eve, "removed");
  for (guint batch = 0; batch < JM_ROOM_MAX_SEATS / 50; batch++)
    {
      g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);

      for (guint i = 0; i < 50; i++)
        {
          Client *client = client_connect (fixture, NULL);

          client_send (client, "{\"type\":\"hello\"}");
          g_ptr_array_add (clients, client);
        }
      for (guint i = 0; i < 50; i++)
        {
          g_autoptr(JsonObject) joined = client_next (g_ptr_array_index (clients, i), "welcome");
        }
    }
  while (jm_room_get_n_participants (fixture->room) > 0)
    g_main_context_iteration (NULL, TRUE);

  last = client_connect (fixture, NULL);
  welcome_last = client_join (last, "{\"type\":\"hello\"}");
  eve_again = client_connect (fixture, NULL);
  client_send (eve_again, hello);
  client_expect_error (eve_again, "removed");
}

static int
round_remaining (JsonObject *message)
{
  JsonObject *round = json_object_get_object_member (message, "round");

  g_assert_nonnull (round);
  return (int) json_object_get_int_member (round, "remaining");
}

static int
round_mine (JsonObject *message,
            const char *card)
{
  JsonObject *round = json_object_get_object_member (message, "round");

  return (int) json_object_get_int_member_with_default (json_object_get_object_member (round, "mine"), card, 0);
}

/* Voting from a phone: the open round and the timer come with the
 * welcome; each dot is the map's edit, one undo step; a voter cannot go
 * past the round's dots, vote for a card the map lacks, or vote with no
 * round open; the round closing and the timer starting reach the page. */
static void
test_room_voting (Fixture       *fixture,
                  gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  JmVotes *votes = jm_map_get_votes (map);
  JmTimer *timer = jm_document_get_timer (fixture->document);
  g_autoptr(Client) ana = client_connect (fixture, NULL);
  g_autoptr(Client) ben = NULL;
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *card = first_id (jm_map_get_touchpoints (map), (const char *(*) (gpointer)) jm_touchpoint_get_id);
  g_autofree char *vote = g_strdup_printf ("{\"type\":\"vote\",\"card\":\"%s\",\"request\":\"v1\"}", card);
  g_autofree char *unvote = g_strdup_printf ("{\"type\":\"unvote\",\"card\":\"%s\"}", card);
  JmVoteRound *round;

  /* No round yet. */
  welcome = client_join (ana, "{\"type\":\"hello\",\"name\":\"Ana\"}");
  g_assert_true (json_object_get_null_member (welcome, "round"));
  g_assert_nonnull (json_object_get_object_member (welcome, "timer"));
  client_send (ana, vote);
  client_expect_error (ana, "no-round");

  /* A round opens: the page hears it with its two dots. */
  round = jm_votes_start_round (votes, "Which moments hurt most?", 2, FALSE);
  answer = client_next (ana, "round");
  g_assert_cmpint (round_remaining (answer), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "round"), "question"),
                   ==, "Which moments hurt most?");
  g_clear_pointer (&answer, json_object_unref);

  client_send (ana, vote);
  answer = client_next (ana, "round");
  g_assert_cmpint (round_remaining (answer), ==, 1);
  g_assert_cmpint (round_mine (answer, card), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (answer, "request"), ==, "v1");
  g_clear_pointer (&answer, json_object_unref);
  g_assert_cmpint (jm_votes_count (votes, round, card), ==, 1);
  g_assert_cmpint (jm_vote_round_get_dots_on (round, card, "Ana"), ==, 1);
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), !=, NULL);

  client_send (ana, vote);
  g_clear_pointer (&answer, json_object_unref);
  answer = client_next (ana, "round");
  g_assert_cmpint (round_remaining (answer), ==, 0);
  client_send (ana, vote);
  client_expect_error (ana, "no-dots");
  client_send (ana, "{\"type\":\"vote\",\"card\":\"no-such-card\"}");
  client_expect_error (ana, "unknown-card");
  client_send (ana, unvote);
  g_clear_pointer (&answer, json_object_unref);
  answer = client_next (ana, "round");
  g_assert_cmpint (round_remaining (answer), ==, 1);
  g_assert_cmpint (jm_votes_count (votes, round, card), ==, 1);

  /* A newcomer joins into the round with their own dots. */
  ben = client_connect (fixture, NULL);
  g_clear_pointer (&welcome, json_object_unref);
  welcome = client_join (ben, "{\"type\":\"hello\"}");
  g_assert_cmpint (round_remaining (welcome), ==, 2);

  /* The facilitator undoes Ana's dot: the map's edit, like any other. */
  jm_map_undo (map);
  g_assert_cmpint (jm_votes_count (votes, round, card), ==, 2);
  while (g_queue_get_length (&ana->messages) > 0)
    g_free (g_queue_pop_head (&ana->messages));

  /* The round closes: pages hear that there is none. */
  jm_votes_close_round (votes, round);
  for (;;)
    {
      g_autoptr(JsonObject) next = client_next (ben, "round");

      if (json_object_get_null_member (next, "round"))
        break;
    }
  client_send (ben, vote);
  client_expect_error (ben, "no-round");

  /* The timer starts: every page hears it once, not every second. */
  jm_timer_set_duration (timer, 300);
  jm_timer_start (timer);
  {
    g_autoptr(JsonObject) tick = NULL;

    do
      {
        g_clear_pointer (&tick, json_object_unref);
        tick = client_next (ben, "timer");
      }
    while (!json_object_get_boolean_member (json_object_get_object_member (tick, "timer"), "running"));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tick, "timer"), "duration"), ==, 300);
  }
  jm_timer_pause (timer);
}

static gboolean
map_has_titles (JmMap      *map,
                const char *prefix,
                guint       n)
{
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      found += g_str_has_prefix (jm_touchpoint_get_title (touchpoint), prefix);
    }
  return found >= n;
}

/* The load again, with one participant whose phone drops out halfway:
 * it joins again with its token and sends the rest. Nothing is lost,
 * nothing doubled, and the others never notice. */
static void
test_room_load_reconnect (Fixture       *fixture,
                          gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  g_autofree char *lane = first_id (jm_map_get_personas (map), (const char *(*) (gpointer)) jm_persona_get_id);
  g_autofree char *token = NULL;
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  guint before = n_cards (fixture);
  guint total = LOAD_PARTICIPANTS * LOAD_CARDS_EACH;

  for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = client_connect (fixture, NULL);
      g_autoptr(JsonObject) welcome = client_join (client, "{\"type\":\"hello\"}");

      if (i == 0)
        token = g_strdup (json_object_get_string_member (welcome, "token"));
      g_ptr_array_add (clients, client);
    }

  for (guint k = 0; k < LOAD_CARDS_EACH; k++)
    {
      if (k == LOAD_CARDS_EACH / 2)
        {
          /* Participant 0's half is in the map: its phone drops out, and
           * its page joins again with its token. */
          g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}", token);
          g_autoptr(JsonObject) welcome = NULL;
          Client *again;

          while (!map_has_titles (map, "load 0-", LOAD_CARDS_EACH / 2))
            g_main_context_iteration (NULL, TRUE);
          again = client_connect (fixture, NULL);
          g_ptr_array_remove_index (clients, 0);
          welcome = client_join (again, hello);
          g_assert_cmpstr (json_object_get_string_member (welcome, "token"), ==, token);
          g_ptr_array_insert (clients, 0, again);
        }
      for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
        {
          g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\","
                                                      "\"title\":\"load %u-%u\"}", stage, lane, i, k);

          client_send (g_ptr_array_index (clients, i), message);
        }
    }
  while (n_cards (fixture) < before + total)
    g_main_context_iteration (NULL, TRUE);
  /* The others saw every card; the one that came back, those after. */
  for (guint i = 1; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = g_ptr_array_index (clients, i);

      while (count_cards_added (client) < total)
        {
          g_assert_false (client->closed);
          g_main_context_iteration (NULL, TRUE);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_str_has_prefix (jm_touchpoint_get_title (touchpoint), "load "))
        g_assert_true (g_hash_table_add (titles, (gpointer) jm_touchpoint_get_title (touchpoint)));
    }
  g_assert_cmpuint (g_hash_table_size (titles), ==, total);
  g_assert_cmpuint (n_cards (fixture), ==, before + total);
}

typedef struct
{
  SoupWebsocketConnection *connection;
  GQueue                   messages;
} Sleeper;

static void
on_sleeper_message (Sleeper *sleeper,
                    int      type,
                    GBytes  *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_queue_push_tail (&sleeper->messages, g_strndup (data, length));
}

static void
on_sleeper_connected (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Sleeper *sleeper = user_data;

  sleeper->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, NULL);
  if (sleeper->connection != NULL)
    g_signal_connect_swapped (sleeper->connection, "message", G_CALLBACK (on_sleeper_message), sleeper);
}

static gboolean
welcome_arrived (Sleeper *sleeper)
{
  for (GList *l = sleeper->messages.head; l != NULL; l = l->next)
    if (strstr (l->data, "\"type\":\"welcome\"") != NULL)
      return TRUE;
  return FALSE;
}

/* A page that stops reading (a phone asleep with its connection open)
 * cannot make the room hold messages for it without end: once its socket
 * has been full long enough, or enough has waited, it is let go. The page
 * that reads never waits for it, and the map goes on. */
static void
test_room_slow_reader (Fixture       *fixture,
                       gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  GMainContext *asleep = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *url = room_url (fixture, "ws", NULL, "ws");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(Client) reader = client_connect (fixture, NULL);
  g_autoptr(JsonObject) welcome = client_join (reader, "{\"type\":\"hello\",\"name\":\"Awake\"}");
  Sleeper sleeper = { NULL };
  gint64 deadline;
  guint edits = 0;

  _jm_room_set_stall_limits (fixture->room, 2, 64 * 1024, 4096);

  /* The sleeper joins on a main context of its own, then is never read. */
  g_queue_init (&sleeper.messages);
  g_main_context_push_thread_default (asleep);
  session = soup_session_new ();
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_sleeper_connected, &sleeper);
  while (sleeper.connection == NULL)
    {
      g_main_context_iteration (asleep, FALSE);
      g_main_context_iteration (NULL, FALSE);
    }
  soup_websocket_connection_send_text (sleeper.connection, "{\"type\":\"hello\",\"name\":\"Asleep\"}");
  while (!welcome_arrived (&sleeper))
    {
      g_main_context_iteration (asleep, FALSE);
      g_main_context_iteration (NULL, FALSE);
    }
  g_main_context_pop_thread_default (asleep);
  g_assert_cmpuint (jm_room_get_n_participants (fixture->room), ==, 2);

  /* The facilitator edits on: each edit sends everyone the whole map. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (jm_room_get_n_participants (fixture->room) > 1)
    {
      g_autofree char *title = g_strdup_printf ("Edited %u times", ++edits);
      g_autoptr(JsonObject) snapshot = NULL;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      jm_map_edit_string (map, map, "title", title);
      /* The page that reads has it at once. */
      snapshot = client_next (reader, "snapshot");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (snapshot, "map"), "title"),
                       ==, title);
    }
  g_test_message ("the sleeping page was let go after %u edits", edits);
  g_assert_cmpuint (edits, >, 5);
  g_assert_false (reader->closed);

  g_object_unref (sleeper.connection);
  g_queue_clear_full (&sleeper.messages, g_free);
  g_clear_object (&session);
  while (g_main_context_iteration (asleep, FALSE))
    ;
  g_main_context_unref (asleep);
}

#define VOTE_MESSAGES_EACH 100    /* 99 dots placed (a round's most) and one taken back */

/* Fifty participants add their twenty cards and vote a hundred times
 * each, all at once, paced within the room's rate: 1,000 cards and 5,000
 * votes. Every card is in the map once, every dot counted once, nobody is
 * refused, and each has one dot left of the round's 99. */
static void
test_room_load_votes (Fixture       *fixture,
                      gconstpointer  data)
{
  JmMap *map = jm_document_get_map (fixture->document);
  JmVotes *votes = jm_map_get_votes (map);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  g_autofree char *stage = first_id (jm_map_get_stages (map), (const char *(*) (gpointer)) jm_stage_get_id);
  g_autofree char *lane = first_id (jm_map_get_personas (map), (const char *(*) (gpointer)) jm_persona_get_id);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  guint before = n_cards (fixture);
  guint total = LOAD_PARTICIPANTS * LOAD_CARDS_EACH;
  guint per_participant = LOAD_CARDS_EACH + VOTE_MESSAGES_EACH;
  JmVoteRound *round;
  int dots = 0;

  for (guint i = 0; i < before; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      g_ptr_array_add (targets, g_strdup (jm_touchpoint_get_id (touchpoint)));
    }
  round = jm_votes_start_round (votes, "Which moments hurt most?", JM_VOTE_MAX_DOTS, FALSE);
  for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = client_connect (fixture, NULL);
      g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"name\":\"P%u\"}", i);
      g_autoptr(JsonObject) welcome = client_join (client, hello);

      g_ptr_array_add (clients, client);
    }

  /* One message from each participant every 110 ms: within ten a second. */
  for (guint m = 0; m < per_participant; m++)
    {
      gint64 next = g_get_monotonic_time () + 110 * 1000;

      for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
        {
          g_autofree char *message = NULL;

          /* A card every sixth message, votes between; the last takes
           * back a dot the first vote placed. */
          if (m % 6 == 0 && m / 6 < LOAD_CARDS_EACH)
            message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\","
                                       "\"title\":\"load %u-%u\"}", stage, lane, i, m / 6);
          else if (m == per_participant - 1)
            message = g_strdup_printf ("{\"type\":\"unvote\",\"card\":\"%s\"}",
                                       (const char *) g_ptr_array_index (targets, (i + 1) % targets->len));
          else
            message = g_strdup_printf ("{\"type\":\"vote\",\"card\":\"%s\"}",
                                       (const char *) g_ptr_array_index (targets, (i + m) % targets->len));
          client_send (g_ptr_array_index (clients, i), message);
        }
      while (g_get_monotonic_time () < next)
        g_main_context_iteration (NULL, FALSE);
    }
  while (n_cards (fixture) < before + total || (int) jm_vote_round_get_n_votes (round) == 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint t = 0; t < targets->len; t++)
    dots += jm_votes_count (votes, round, g_ptr_array_index (targets, t));
  while (dots != LOAD_PARTICIPANTS * (JM_VOTE_MAX_DOTS - 1))
    {
      g_main_context_iteration (NULL, TRUE);
      dots = 0;
      for (guint t = 0; t < targets->len; t++)
        dots += jm_votes_count (votes, round, g_ptr_array_index (targets, t));
    }
  g_assert_cmpint (dots, ==, LOAD_PARTICIPANTS * (JM_VOTE_MAX_DOTS - 1));
  g_assert_cmpuint (n_cards (fixture), ==, before + total);
  for (guint i = 0; i < LOAD_PARTICIPANTS; i++)
    {
      Client *client = g_ptr_array_index (clients, i);
      g_autofree char *voter = g_strdup_printf ("P%u", i);

      g_assert_cmpint (jm_votes_get_remaining (votes, round, voter), ==, 1);
      g_assert_null (g_queue_find_custom (&client->messages, "\"type\":\"error\"",
                                          (GCompareFunc) not_containing));
      g_assert_false (client->closed);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/room/listen-address", test_room_listen_address);
  g_test_add_func ("/room/code", test_room_code);
  g_test_add_func ("/room/local-network", test_room_local_network);
  g_test_add_func ("/room/page-strings", test_room_page_strings);
  g_test_add ("/room/page-german", Fixture, NULL, fixture_set_up,
              test_room_page_german, fixture_tear_down);
  g_test_add ("/room/two-participants", Fixture, NULL, fixture_set_up,
              test_room_two_participants, fixture_tear_down);
  g_test_add ("/room/voting", Fixture, NULL, fixture_set_up,
              test_room_voting, fixture_tear_down);
  g_test_add ("/room/hostile-messages", Fixture, NULL, fixture_set_up,
              test_room_hostile_messages, fixture_tear_down);
  g_test_add ("/room/wrong-code", Fixture, NULL, fixture_set_up,
              test_room_wrong_code, fixture_tear_down);
  g_test_add ("/room/full", Fixture, NULL, fixture_set_up,
              test_room_full, fixture_tear_down);
  g_test_add ("/room/timeouts", Fixture, NULL, fixture_set_up,
              test_room_timeouts, fixture_tear_down);
  g_test_add ("/room/burst-after-join", Fixture, NULL, fixture_set_up,
              test_room_burst_after_join, fixture_tear_down);
  g_test_add ("/room/load", Fixture, NULL, fixture_set_up,
              test_room_load, fixture_tear_down);
  g_test_add ("/room/load-reconnect", Fixture, NULL, fixture_set_up,
              test_room_load_reconnect, fixture_tear_down);
  g_test_add ("/room/load-votes", Fixture, NULL, fixture_set_up,
              test_room_load_votes, fixture_tear_down);
  g_test_add ("/room/slow-reader", Fixture, NULL, fixture_set_up,
              test_room_slow_reader, fixture_tear_down);
  g_test_add ("/room/lock", Fixture, NULL, fixture_set_up,
              test_room_lock, fixture_tear_down);
  g_test_add ("/room/remove", Fixture, NULL, fixture_set_up,
              test_room_remove, fixture_tear_down);
  g_test_add ("/room/seats", Fixture, NULL, fixture_set_up,
              test_room_seats, fixture_tear_down);
  g_test_add ("/room/private", Fixture, NULL, fixture_set_up,
              test_room_private, fixture_tear_down);
  g_test_add ("/room/private-saved", Fixture, NULL, fixture_set_up,
              test_room_private_saved, fixture_tear_down);
  return g_test_run ();
}
