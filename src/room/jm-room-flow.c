/* jm-room-flow.c: pages that stop reading
 *
 * A page that stops reading (a phone gone to sleep with its connection
 * open, or a hostile client) would make the room hold every message for
 * it, without end. The room sees it by its socket: full, it cannot take
 * more. Messages for it wait in the connection while its socket stays
 * full, up to JM_ROOM_STALL_SECONDS or JM_ROOM_STALL_BYTES; past either,
 * the room lets it go, closing its connection. A page that reads again in
 * time is not disturbed, and nobody else ever is: the others' messages
 * never wait for it. A page let go joins again with its token, as after
 * any lost connection, and gets the whole map.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room"

#include "config.h"

#include <sys/socket.h>

#include "jm-room-internal.h"

/* The socket under a page's connection: libsoup wraps the server's
 * socket connection in a stream of its own, which names it as its base. */
static GSocket *
participant_socket (Participant *participant)
{
  GIOStream *stream = soup_websocket_connection_get_io_stream (participant->connection);
  g_autoptr(GIOStream) base = NULL;

  if (!G_IS_SOCKET_CONNECTION (stream) &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (stream), "base-iostream") != NULL)
    {
      g_object_get (stream, "base-iostream", &base, NULL);
      stream = base;
    }
  /* The connection holds its base stream: the socket outlives this call. */
  return G_IS_SOCKET_CONNECTION (stream) ? g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream)) : NULL;
}

/* Closed from the main loop, not from within a send that may be part of
 * a broadcast over the participants. */
static gboolean
let_go (gpointer data)
{
  SoupWebsocketConnection *connection = data;

  g_io_stream_close (soup_websocket_connection_get_io_stream (connection), NULL, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * _jm_room_flow_may_send:
 * @length: the message's bytes
 *
 * Whether to send @participant a message now: %FALSE once it has left the
 * room's messages unread too long, or too many of them; it is then let go.
 */
gboolean
_jm_room_flow_may_send (Participant *participant,
                        gsize        length)
{
  JmRoom *self = participant->room;
  GSocket *socket = participant_socket (participant);
  gint64 now;

  if (participant->dropped)
    return FALSE;
  if (socket == NULL || (g_socket_condition_check (socket, G_IO_OUT) & G_IO_OUT) != 0)
    {
      participant->stalled_since = 0;
      participant->stalled_bytes = 0;
      return TRUE;
    }
  now = g_get_monotonic_time ();
  if (participant->stalled_since == 0)
    participant->stalled_since = now;
  participant->stalled_bytes += length;
  if (participant->stalled_bytes <= self->stall_bytes &&
      now - participant->stalled_since <= (gint64) self->stall_seconds * G_USEC_PER_SEC)
    return TRUE;
  g_debug ("letting go of a page that has not read for %.1f s (%" G_GSIZE_FORMAT " bytes waiting)",
           (now - participant->stalled_since) / (double) G_USEC_PER_SEC, participant->stalled_bytes);
  participant->dropped = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, let_go, g_object_ref (participant->connection), g_object_unref);
  return FALSE;
}

/* A page's connection, as it comes in: the socket's send buffer set when
 * a test asks for a small one. */
void
_jm_room_flow_accept (JmRoom      *self,
                      Participant *participant)
{
  GSocket *socket = participant_socket (participant);

  if (socket != NULL && self->send_buffer > 0)
    g_socket_set_option (socket, SOL_SOCKET, SO_SNDBUF, self->send_buffer, NULL);
}

/* For tests: a page let go sooner, and a socket that fills sooner. */
void
_jm_room_set_stall_limits (JmRoom *self,
                           guint   seconds,
                           gsize   bytes,
                           int     send_buffer)
{
  g_return_if_fail (JM_IS_ROOM (self));

  self->stall_seconds = seconds;
  self->stall_bytes = bytes;
  self->send_buffer = send_buffer;
}
