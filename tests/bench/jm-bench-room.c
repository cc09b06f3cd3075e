/* jm-bench-room.c: a workshop room under fifty participants
 *
 *   jm-bench-room [PARTICIPANTS [CARDS-EACH]]        (default 50 and 20)
 *
 * Runs a room on loopback for the broadband sample in this process, and
 * the participants in a second process (this program again, with
 * --participants), so that the room's memory is its own. Once every
 * participant has joined, each adds its cards at a steady pace within
 * the room's limit of messages a second, all at once. Each card's title
 * carries the moment it was sent (the monotonic clock, which both
 * processes share), so the room can time each card from the sending to
 * its arrival in the facilitator's map, and every participant each card
 * from the sending to its arrival on its page. Prints, one a line:
 *
 *   map_p50 MS, map_p95 MS       submit to the facilitator's map
 *   peers_p50 MS, peers_p95 MS   submit to every other participant's page
 *   kb_per_participant KB        the room's resident memory for each one
 *                                 joined, idle, before any card
 *   cards N                      cards in the map from the room (must be
 *                                 PARTICIPANTS x CARDS-EACH: none lost)
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jm-document.h"
#include "jm-file.h"
#include "jm-room.h"

/* Under the room's ten messages a second for each participant. */
#define SEND_INTERVAL_MS 150
#define TIMEOUT_S 120

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return -1;
  qsort (values->data, values->len, sizeof (double), compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* The send time in a title "bench I-K T0". */
static gboolean
sent_at (const char *title,
         gint64     *t0)
{
  const char *space;

  if (!g_str_has_prefix (title, "bench "))
    return FALSE;
  space = strrchr (title, ' ');
  *t0 = g_ascii_strtoll (space + 1, NULL, 10);
  return *t0 > 0;
}

/* ------------------------------------------------------------ participants */

typedef struct
{
  SoupWebsocketConnection *connection;
  guint                    index;
  gboolean                 welcomed;
  guint                    sent;
  guint                    seen;
} Participant;

typedef struct
{
  guint       n;
  guint       cards_each;
  guint       welcomed;
  guint       done;
  GArray     *latencies;   /* ms, to the other participants' pages */
  GPtrArray  *participants;
  const char *stage;
  const char *lane;
  GMainLoop  *loop;
} Crowd;

static Crowd crowd;

static gboolean
send_next (gpointer data)
{
  Participant *p = data;
  g_autofree char *message = NULL;

  if (p->sent == crowd.cards_each)
    return G_SOURCE_REMOVE;
  message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"lane\":\"%s\","
                             "\"title\":\"bench %u-%u %" G_GINT64_FORMAT "\"}",
                             crowd.stage, crowd.lane, p->index, p->sent, g_get_monotonic_time ());
  soup_websocket_connection_send_text (p->connection, message);
  p->sent++;
  return G_SOURCE_CONTINUE;
}

static gboolean
start_participant (gpointer data)
{
  send_next (data);
  g_timeout_add (SEND_INTERVAL_MS, send_next, data);
  return G_SOURCE_REMOVE;
}

static void
start_sending (void)
{
  /* Spread over one interval: people in a room do not type in step. */
  for (guint i = 0; i < crowd.participants->len; i++)
    g_timeout_add (SEND_INTERVAL_MS * i / crowd.n + 1, start_participant,
                   g_ptr_array_index (crowd.participants, i));
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *bytes,
            Participant             *p)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *message;
  const char *kind;

  if (!json_parser_load_from_data (parser, data, length, NULL))
    return;
  message = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (message, "type", "");
  if (g_str_equal (kind, "welcome") && !p->welcomed)
    {
      p->welcomed = TRUE;
      if (++crowd.welcomed == crowd.n)
        {
          /* All in: the room measures its memory now, then the cards start. */
          g_print ("joined\n");
          fflush (stdout);
          g_usleep (300000);
          start_sending ();
        }
    }
  else if (g_str_equal (kind, "card-added"))
    {
      JsonObject *card = json_object_get_object_member (message, "card");
      gint64 t0;

      const char *title = card != NULL ? json_object_get_string_member_with_default (card, "title", "") : "";

      if (sent_at (title, &t0))
        {
          double ms = (g_get_monotonic_time () - t0) / 1000.0;

          /* The others' cards: a participant's own is not what is timed. */
          if ((guint) atoi (title + strlen ("bench ")) != p->index)
            g_array_append_val (crowd.latencies, ms);
          if (++p->seen == crowd.n * crowd.cards_each && ++crowd.done == crowd.n)
            g_main_loop_quit (crowd.loop);
        }
    }
  else if (g_str_equal (kind, "error"))
    g_printerr ("participant %u: %.*s\n", p->index, (int) length, data);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Participant *p = data;
  g_autoptr(GError) error = NULL;

  p->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (p->connection == NULL)
    {
      g_printerr ("participant %u: %s\n", p->index, error->message);
      exit (1);
    }
  /* A welcome holds the whole map: a large map's is megabytes. */
  soup_websocket_connection_set_max_incoming_payload_size (p->connection, 0);
  g_signal_connect (p->connection, "message", G_CALLBACK (on_message), p);
  soup_websocket_connection_send_text (p->connection, "{\"type\":\"hello\",\"name\":\"bench\"}");
}

static gboolean
time_out (gpointer data)
{
  g_printerr ("participants: timed out with %u of %u done\n", crowd.done, crowd.n);
  exit (1);
}

static int
run_participants (const char *url,
                  guint       n,
                  guint       cards_each,
                  const char *stage,
                  const char *lane)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 1000,
                                                                 "max-conns-per-host", 1000, NULL);

  crowd.n = n;
  crowd.cards_each = cards_each;
  crowd.stage = stage;
  crowd.lane = lane;
  crowd.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  crowd.participants = g_ptr_array_new_with_free_func (g_free);
  crowd.loop = g_main_loop_new (NULL, FALSE);
  for (guint i = 0; i < n; i++)
    {
      Participant *p = g_new0 (Participant, 1);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

      p->index = i;
      g_ptr_array_add (crowd.participants, p);
      soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                            on_connected, p);
    }
  g_timeout_add_seconds (TIMEOUT_S, time_out, NULL);
  g_main_loop_run (crowd.loop);
  g_print ("peers_p50 %.2f\npeers_p95 %.2f\n", percentile (crowd.latencies, 0.50),
           percentile (crowd.latencies, 0.95));
  return 0;
}

/* ------------------------------------------------------------ the room */

typedef struct
{
  GArray    *latencies;   /* ms, to the map */
  guint      expected;
  guint      arrived;
  gboolean   participants_done;
  gboolean   map_done;
  GMainLoop *loop;
  GString   *participants_out;
  gsize      rss_before;
  gsize      rss_joined;
  guint      n;
} Room;

static gsize
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return (gsize) g_ascii_strtoull (line + 6, NULL, 10);
}

static void
on_cards_changed (GListModel *touchpoints,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Room       *room)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(JmTouchpoint) card = g_list_model_get_item (touchpoints, i);
      gint64 t0;

      if (sent_at (jm_touchpoint_get_title (card), &t0))
        {
          double ms = (now - t0) / 1000.0;

          g_array_append_val (room->latencies, ms);
          if (++room->arrived == room->expected)
            {
              room->map_done = TRUE;
              if (room->participants_done)
                g_main_loop_quit (room->loop);
            }
        }
    }
}

static void
on_participants_line (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  Room *room = data;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (stream, result, NULL, NULL);

  if (line == NULL)
    {
      room->participants_done = TRUE;
      if (room->map_done)
        g_main_loop_quit (room->loop);
      return;
    }
  if (g_str_equal (line, "joined"))
    room->rss_joined = resident_kb ();
  else
    g_string_append_printf (room->participants_out, "%s\n", line);
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_participants_line, room);
}

static gboolean
room_time_out (gpointer data)
{
  g_printerr ("room: timed out\n");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(JmRoom) room_server = NULL;
  g_autoptr(GSubprocess) participants = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *url = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *cards_text = NULL;
  g_autofree char *exe = NULL;
  g_autoptr(JmStage) first_stage = NULL;
  g_autoptr(JmPersona) first_lane = NULL;
  Room room = { 0 };
  guint n = 50, cards_each = 20;

  if (argc == 7 && g_str_equal (argv[1], "--participants"))
    return run_participants (argv[2], (guint) atoi (argv[3]), (guint) atoi (argv[4]), argv[5], argv[6]);
  if (argc > 1)
    n = (guint) atoi (argv[1]);
  if (argc > 2)
    cards_each = (guint) atoi (argv[2]);
  if (n == 0 || cards_each == 0 || n > 500)
    {
      g_printerr ("usage: jm-bench-room [PARTICIPANTS [CARDS-EACH]]\n");
      return 2;
    }

  sample = g_build_filename (SOURCE_ROOT, "data", "samples", "broadband.journey", NULL);
  file = g_file_new_for_path (sample);
  map = jm_file_load (file, NULL, &error);
  if (map == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  document = jm_document_new ();
  jm_document_set_map (document, map);
  room_server = jm_room_new (document);
  if (!jm_room_listen (room_server, "127.0.0.1", 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  first_stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  first_lane = g_list_model_get_item (jm_map_get_personas (map), 0);

  room.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  room.expected = n * cards_each;
  room.loop = g_main_loop_new (NULL, FALSE);
  room.participants_out = g_string_new (NULL);
  room.n = n;
  g_signal_connect (jm_map_get_touchpoints (map), "items-changed", G_CALLBACK (on_cards_changed), &room);

  /* Settle, then measure the room with nobody in it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  room.rss_before = resident_kb ();

  url = g_strdup_printf ("ws://127.0.0.1:%u/j/%s/ws", jm_room_get_port (room_server),
                         jm_room_get_code (room_server));
  n_text = g_strdup_printf ("%u", n);
  cards_text = g_strdup_printf ("%u", cards_each);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  participants = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--participants", url,
                                   n_text, cards_text, jm_stage_get_id (first_stage),
                                   jm_persona_get_id (first_lane), NULL);
  if (participants == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (participants));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, on_participants_line, &room);
  g_timeout_add_seconds (TIMEOUT_S + 10, room_time_out, NULL);
  g_main_loop_run (room.loop);
  if (!g_subprocess_wait_check (participants, NULL, &error))
    {
      g_printerr ("participants: %s\n", error->message);
      return 1;
    }

  g_print ("map_p50 %.2f\nmap_p95 %.2f\n", percentile (room.latencies, 0.50), percentile (room.latencies, 0.95));
  fputs (room.participants_out->str, stdout);
  g_print ("kb_per_participant %.1f\n",
           room.rss_joined > room.rss_before ? (double) (room.rss_joined - room.rss_before) / n : 0.0);
  g_print ("cards %u\n", room.arrived);
  g_string_free (room.participants_out, TRUE);
  return room.arrived == room.expected ? 0 : 1;
}
