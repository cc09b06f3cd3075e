/* room-facilitator.c: a room run by commands, for the browser's tests
 *
 * Opens a room for FILE on 127.0.0.1, prints its join address, then reads
 * one facilitator's command a line from standard input, as the room's
 * panel would give it, and answers each with "ok" (or "no"):
 *
 *   lock | unlock | private | public | accept-all | remove NAME |
 *   round DOTS QUESTION | close-round | dots CARD-TITLE (prints the
 *   card's dots, then "ok") | timer SECONDS (starts it) | quit
 *
 * Usage: room-facilitator FILE
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jm-document.h"
#include "jm-file.h"
#include "jm-room.h"
#include "jm-timer.h"
#include "jm-votes.h"

static JmMap *
room_map (JmRoom *room)
{
  return jm_document_get_map (jm_room_get_document (room));
}

/* The dots on the card titled @title in the latest round. */
static int
dots_on (JmRoom     *room,
         const char *title)
{
  JmMap *map = room_map (room);
  JmVoteRound *round = jm_votes_get_latest_round (jm_map_get_votes (map));
  GListModel *cards = jm_map_get_touchpoints (map);

  for (guint i = 0; round != NULL && i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(JmTouchpoint) card = g_list_model_get_item (cards, i);

      if (g_str_equal (jm_touchpoint_get_title (card), title))
        return jm_votes_count (jm_map_get_votes (map), round, jm_touchpoint_get_id (card));
    }
  return -1;
}

static gboolean
run (JmRoom     *room,
     const char *command)
{
  if (g_str_equal (command, "lock") || g_str_equal (command, "unlock"))
    jm_room_set_locked (room, g_str_equal (command, "lock"));
  else if (g_str_equal (command, "private") || g_str_equal (command, "public"))
    jm_room_set_private (room, g_str_equal (command, "private"));
  else if (g_str_equal (command, "accept-all"))
    {
      g_autoptr(GPtrArray) held = jm_room_list_held (room);

      for (guint i = 0; i < held->len; i++)
        if (!jm_room_accept_card (room, g_ptr_array_index (held, i), TRUE))
          return FALSE;
    }
  else if (g_str_has_prefix (command, "round "))
    {
      char *question = NULL;
      int dots = (int) g_ascii_strtoll (command + strlen ("round "), &question, 10);

      return jm_votes_start_round (jm_map_get_votes (room_map (room)), g_strstrip (question), dots,
                                   FALSE) != NULL;
    }
  else if (g_str_equal (command, "close-round"))
    {
      JmVoteRound *round = jm_votes_get_open_round (jm_map_get_votes (room_map (room)));

      if (round == NULL)
        return FALSE;
      jm_votes_close_round (jm_map_get_votes (room_map (room)), round);
    }
  else if (g_str_has_prefix (command, "dots "))
    {
      printf ("%d\n", dots_on (room, command + strlen ("dots ")));
      fflush (stdout);
    }
  else if (g_str_has_prefix (command, "timer "))
    {
      JmTimer *timer = jm_document_get_timer (jm_room_get_document (room));

      jm_timer_set_duration (timer, (guint) g_ascii_strtoull (command + strlen ("timer "), NULL, 10));
      jm_timer_start (timer);
    }
  else if (g_str_has_prefix (command, "remove "))
    {
      g_autoptr(GPtrArray) members = jm_room_list_members (room);

      for (guint i = 0; i < members->len; i++)
        {
          JmRoomMember *member = g_ptr_array_index (members, i);

          if (g_strcmp0 (member->name, command + strlen ("remove ")) == 0)
            return jm_room_remove_member (room, member->id);
        }
      return FALSE;
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
on_input (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      user_data)
{
  JmRoom *room = user_data;
  GMainLoop *loop = g_object_get_data (G_OBJECT (room), "loop");
  g_autofree char *line = NULL;

  if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL ||
      g_str_equal (g_strstrip (line), "quit"))
    {
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }
  printf ("%s\n", run (room, line) ? "ok" : "no");
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(JmRoom) room = NULL;
  g_autoptr(GError) error = NULL;
  GIOChannel *input;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *address = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: room-facilitator FILE\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  map = jm_file_load (file, NULL, &error);
  if (map == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  document = jm_document_new ();
  jm_document_set_map (document, map);
  room = jm_room_new (document);
  if (!jm_room_listen (room, "127.0.0.1", 0, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  address = jm_room_get_address (room);
  printf ("%s\n", address);
  fflush (stdout);

  input = g_io_channel_unix_new (0);
  g_object_set_data (G_OBJECT (room), "loop", loop);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, on_input, room);
  g_main_loop_run (loop);
  g_io_channel_unref (input);
  jm_room_close (room);
  return 0;
}
