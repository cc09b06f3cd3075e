/* test-window-room.c: the workshop room opened from the window
 *
 * The facilitator opens the room with its shortcut; a participant joins
 * at the address the panel shows, as a phone would after reading it, and
 * posts cards; the panel shows who is in and the held cards, and the
 * facilitator's clicks reveal them. The cards are on the board, undoable,
 * and in the saved file.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "jm-edits.h"
#include "jm-qr-code.h"
#include "jm-room-panel.h"
#include "jm-session.h"
#include "jm-test-window.h"

typedef struct
{
  SoupWebsocketConnection *connection;
  gboolean                 done;
  gboolean                 closed;
  GQueue                   messages;
} Client;

static gboolean
has_map (gpointer data)
{
  return jm_window_get_map (data) != NULL;
}

static gboolean
is_laid_out (gpointer data)
{
  jm_test_flush_events ();
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
is_saved (gpointer data)
{
  return !jm_map_get_modified (jm_window_get_map (data));
}

static gboolean
is_private (gpointer data)
{
  return jm_room_get_private (data);
}

static gboolean
is_locked (gpointer data)
{
  return jm_room_get_locked (data);
}

static gboolean
members_empty (gpointer data)
{
  g_autoptr(GPtrArray) members = jm_room_list_members (data);

  jm_test_flush_events ();
  return members->len == 0;
}

static int
not_containing (gconstpointer message,
                gconstpointer text)
{
  return strstr (message, text) == NULL;
}

static JmRoomPanel *
find_panel (void)
{
  return jm_test_find_toplevel (JM_TYPE_ROOM_PANEL);
}

static gboolean
panel_shown (gpointer data)
{
  JmRoomPanel *panel = find_panel ();

  return panel != NULL && is_laid_out (panel);
}

static gboolean
panel_gone (gpointer data)
{
  return find_panel () == NULL;
}

/* The widgets under @root, depth first, that satisfy @match. */
static void
collect (GtkWidget  *root,
         gboolean  (*match) (GtkWidget *, gconstpointer),
         gconstpointer data,
         GPtrArray  *found)
{
  if (match (root, data))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, match, data, found);
}

static gboolean
is_monospace_label (GtkWidget    *widget,
                    gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "monospace");
}

static gboolean
is_qr_code (GtkWidget    *widget,
            gconstpointer data)
{
  return JM_IS_QR_CODE (widget);
}

static gboolean
is_switch (GtkWidget    *widget,
           gconstpointer data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_row_titled (GtkWidget    *widget,
               gconstpointer title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget    *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_in (gpointer      root,
         gboolean    (*match) (GtkWidget *, gconstpointer),
         gconstpointer data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), match, data, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

typedef struct
{
  gboolean  (*match) (GtkWidget *, gconstpointer);
  gconstpointer data;
} Search;

static gboolean
panel_has (gpointer data)
{
  Search *search = data;
  JmRoomPanel *panel = find_panel ();

  jm_test_flush_events ();
  return panel != NULL && find_in (panel, search->match, search->data) != NULL;
}

static void
wait_for_in_panel (gboolean    (*match) (GtkWidget *, gconstpointer),
                   gconstpointer data,
                   const char   *what)
{
  Search search = { match, data };

  jm_test_wait_for (panel_has, &search, what);
}

static void
click (GtkWidget *widget)
{
  g_autofree char *window_id = jm_test_window_id (widget);
  char at[2][32];

  jm_test_widget_point (widget, gtk_widget_get_width (widget) / 2.0,
                        gtk_widget_get_height (widget) / 2.0, at);
  jm_test_xdotool ("mousemove", "--window", window_id, at[0], at[1], "click", "1", NULL);
}

/* A participant: a WebSocket client, as the page is. */

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
  g_autoptr(GError) error = NULL;

  client->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (client->connection, "message", G_CALLBACK (on_client_message), client);
  g_signal_connect_swapped (client->connection, "closed", G_CALLBACK (on_client_closed), client);
  client->done = TRUE;
}

static void
client_connect (Client      *client,
                SoupSession *session,
                const char  *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  g_queue_init (&client->messages);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, client);
  while (!client->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The next message of @type, skipping others (snapshots, modes). */
static JsonObject *
client_wait (Client     *client,
             const char *type)
{
  for (;;)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *message;

      while (g_queue_is_empty (&client->messages))
        {
          g_assert_false (client->closed);
          g_main_context_iteration (NULL, TRUE);
        }
      text = g_queue_pop_head (&client->messages);
      g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
      message = json_node_get_object (json_parser_get_root (parser));
      if (g_str_equal (json_object_get_string_member (message, "type"), type))
        return json_object_ref (message);
      g_assert_cmpstr (json_object_get_string_member (message, "type"), !=, "error");
    }
}

static void
test_window_room (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "broadband.journey", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "room.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autofree char *address = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *card = NULL;
  g_autofree char *xml = NULL;
  JsonObject *map_json;
  const char *stage_id, *lane_id;
  Client client = { 0 };
  JmWindow *window;
  JmMap *map;
  JmRoomPanel *panel;
  JmRoom *room;
  GtkWidget *label, *button;
  JmTouchpoint *touchpoint, *held_card;
  gsize length;

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  window = jm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  gtk_window_present (GTK_WINDOW (window));
  jm_window_open (window, file);
  jm_test_wait_for (has_map, window, "the map");
  jm_test_wait_for (is_laid_out, jm_window_get_canvas (window), "the board");
  map = jm_window_get_map (window);
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }

  /* The shortcut opens the room and its panel. */
  gtk_widget_grab_focus (GTK_WIDGET (jm_window_get_canvas (window)));
  jm_test_flush_events ();
  jm_test_xdotool ("key", "ctrl+shift+r", NULL);
  jm_test_wait_for (panel_shown, NULL, "the room's panel");
  panel = find_panel ();
  room = jm_room_panel_get_room (panel);
  g_assert_true (jm_session_get_room (jm_session_get_default (), window->document) == room);

  /* What a person reads off the panel: the address to type, and the same
   * in the QR code. */
  label = find_in (panel, is_monospace_label, NULL);
  g_assert_nonnull (label);
  address = g_strdup_printf ("http://%s/", gtk_label_get_text (GTK_LABEL (label)));
  g_assert_nonnull (strstr (address, jm_room_get_code (room)));
  {
    g_autofree char *room_address = jm_room_get_address (room);
    JmQrCode *qr = JM_QR_CODE (find_in (panel, is_qr_code, NULL));

    g_assert_cmpstr (address, ==, room_address);
    g_assert_cmpstr (jm_qr_code_get_text (qr), ==, room_address);
#if HAVE_QRENCODE
    g_assert_cmpuint (jm_qr_code_get_width (qr), >=, 21);
#endif
  }
  ws = g_strdup_printf ("ws://%s/ws", gtk_label_get_text (GTK_LABEL (label)));

  /* A participant joins: the panel names them. */
  client_connect (&client, session, ws);
  soup_websocket_connection_send_text (client.connection,
                                       "{\"type\":\"hello\",\"name\":\"Ana <b>B</b>\"}");
  welcome = client_wait (&client, "welcome");
  wait_for_in_panel (is_row_titled, "Ana <b>B</b>", "Ana in the panel");

  /* Her card is on the board, one step. */
  map_json = json_object_get_object_member (welcome, "map");
  stage_id = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (map_json, "stages"), 0), "id");
  lane_id = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (map_json, "lanes"), 0), "id");
  card = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\",\"title\":\"From a phone\"}",
                          stage_id, lane_id);
  soup_websocket_connection_send_text (client.connection, card);
  added = client_wait (&client, "card-added");
  touchpoint = jm_map_lookup_touchpoint (map, json_object_get_string_member (json_object_get_object_member (added, "card"), "id"));
  g_assert_nonnull (touchpoint);
  g_assert_cmpstr (jm_touchpoint_get_title (touchpoint), ==, "From a phone");
  g_assert_cmpstr (jm_touchpoint_get_lane_id (touchpoint), ==, lane_id);
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Add Card from the Room");

  /* Private mode, switched by a click: the next card is held, off the
   * board, and listed in the panel until the facilitator accepts it. */
  click (GTK_WIDGET (find_in (panel, is_switch, NULL)));
  jm_test_wait_for (is_private, room, "private mode");
  g_free (card);
  card = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\",\"title\":\"Quiet thought\"}",
                          stage_id, lane_id);
  soup_websocket_connection_send_text (client.connection, card);
  held = client_wait (&client, "card-held");
  held_card = jm_map_lookup_touchpoint (map, json_object_get_string_member (json_object_get_object_member (held, "card"), "id"));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (held_card), ==, JM_EDITS_HELD_LANE_ID);
  wait_for_in_panel (is_row_titled, "Quiet thought", "the held card in the panel");
  button = find_in (panel, is_button_labelled, "Accept");
  g_assert_nonnull (button);
  click (button);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (held_card), ==, lane_id);
  g_assert_null (jm_map_lookup_persona (map, JM_EDITS_HELD_LANE_ID));
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Accept Card from the Room");

  /* Saved from the window, the file holds both. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "From a phone"));
  g_assert_nonnull (strstr (xml, "Quiet thought"));
  g_assert_null (strstr (xml, JM_EDITS_HELD_LANE_ID));

  /* Locked by a click on the second switch; Ana removed by a click: she
   * is told why and let go, and the panel's list is empty. */
  {
    g_autoptr(GPtrArray) switches = g_ptr_array_new ();

    collect (GTK_WIDGET (panel), is_switch, NULL, switches);
    g_assert_cmpuint (switches->len, ==, 2);
    click (g_ptr_array_index (switches, 1));
    jm_test_wait_for (is_locked, room, "the lock");
  }
  button = find_in (panel, is_button_labelled, "Remove");
  g_assert_nonnull (button);
  click (button);
  while (!client.closed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (g_queue_find_custom (&client.messages, "\"removed\"", (GCompareFunc) not_containing));
  jm_test_wait_for (members_empty, room, "Ana gone from the room");
  g_assert_null (find_in (panel, is_row_titled, "Ana <b>B</b>"));

  /* Closing the room takes the panel with it; the session lets it go. */
  button = find_in (panel, is_button_labelled, "C_lose Room");
  g_assert_nonnull (button);
  click (button);
  jm_test_wait_for (panel_gone, NULL, "the panel to close");
  g_assert_null (jm_session_get_room (jm_session_get_default (), window->document));

  g_queue_clear_full (&client.messages, g_free);
  g_clear_object (&client.connection);
  jm_test_destroy_window (window);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  home = g_dir_make_tmp ("test-window-room-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("TMPDIR", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/window-room/open-join-accept-save", test_window_room);

  status = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (home, "recently-used.xbel", NULL);

    g_unlink (recent);
    g_rmdir (home);
  }
  return status;
}
