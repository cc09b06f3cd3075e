/* jm-room.h: a workshop room that serves one document to participants
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-document.h"
#include "jm-edits.h"

G_BEGIN_DECLS

/* The lane that holds cards placed in no persona's lane. */
#define JM_ROOM_PARKING_LOT_ID JM_EDITS_PARKING_LOT_ID
/* The hidden lane that holds cards in private mode. */
#define JM_ROOM_HELD_LANE_ID JM_EDITS_HELD_LANE_ID
/* The version of the protocol in docs/room-protocol.md. */
#define JM_ROOM_PROTOCOL_VERSION 1

/* The limits, as documented in docs/room-protocol.md. */
#define JM_ROOM_MAX_MESSAGE       8192    /* bytes of one message */
#define JM_ROOM_MAX_FRAME         65536   /* bytes: larger closes the connection */
#define JM_ROOM_MAX_NAME          40      /* characters */
#define JM_ROOM_MAX_TITLE         200
#define JM_ROOM_MAX_CHANNEL       60
#define JM_ROOM_MAX_NOTES         2000
#define JM_ROOM_MAX_PARTICIPANTS  100
#define JM_ROOM_MAX_CARDS_EACH    500     /* cards one participant may add */
#define JM_ROOM_MESSAGES_PER_SECOND 10
#define JM_ROOM_MESSAGE_BURST     20
#define JM_ROOM_HELLO_TIMEOUT     15      /* seconds to say hello */
#define JM_ROOM_IDLE_TIMEOUT      600     /* seconds without a message */
#define JM_ROOM_STALL_SECONDS     20      /* seconds a page may leave the room's
                                           * messages unread before it is let go */
#define JM_ROOM_STALL_BYTES       (1024 * 1024)  /* bytes waiting for a page that
                                                  * does not read */
#define JM_ROOM_CODE_LENGTH       10
#define JM_ROOM_TOKEN_LENGTH      22      /* a participant's token to join again */
#define JM_ROOM_MAX_SEATS         2000    /* participants remembered, in or out;
                                           * then those with no card are forgotten */

#define JM_ROOM_ERROR (jm_room_error_quark ())

typedef enum {
  JM_ROOM_ERROR_LISTEN,        /* a --listen value that is not HOST:PORT */
} JmRoomError;

/* Someone in the room, for the facilitator's list. */
typedef struct
{
  char *id;
  char *name;     /* NULL: anonymous */
} JmRoomMember;

void        jm_room_member_free         (JmRoomMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmRoomMember, jm_room_member_free)

#define JM_TYPE_ROOM (jm_room_get_type ())
G_DECLARE_FINAL_TYPE (JmRoom, jm_room, JM, ROOM, GObject)

GQuark      jm_room_error_quark         (void);

JmRoom     *jm_room_new                 (JmDocument  *document);
JmDocument *jm_room_get_document        (JmRoom      *self);
gboolean    jm_room_listen              (JmRoom      *self,
                                         const char  *host,
                                         guint        port,
                                         GError     **error);
void        jm_room_close               (JmRoom      *self);
const char *jm_room_get_code            (JmRoom      *self);
guint       jm_room_get_port            (JmRoom      *self);
char       *jm_room_get_address         (JmRoom      *self);
guint       jm_room_get_n_participants  (JmRoom      *self);
gboolean    jm_room_get_closed          (JmRoom      *self);

GPtrArray  *jm_room_list_members        (JmRoom      *self);
gboolean    jm_room_remove_member       (JmRoom      *self,
                                         const char  *id);
gboolean    jm_room_get_locked          (JmRoom      *self);
void        jm_room_set_locked          (JmRoom      *self,
                                         gboolean     locked);
gboolean    jm_room_get_private         (JmRoom      *self);
void        jm_room_set_private         (JmRoom      *self,
                                         gboolean     private_mode);
GPtrArray  *jm_room_list_held           (JmRoom      *self);
const char *jm_room_get_held_by         (JmRoom      *self,
                                         JmTouchpoint *card);
gboolean    jm_room_accept_card         (JmRoom      *self,
                                         JmTouchpoint *card,
                                         gboolean     to_board);

gboolean    jm_room_parse_listen        (const char  *text,
                                         char       **host,
                                         guint       *port,
                                         GError     **error);

int         jm_room_run_headless        (GFile       *file,
                                         const char  *listen);

G_END_DECLS
