/* jm-room-internal.h: the room's parts, shared by its files
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "jm-room-private.h"

G_BEGIN_DECLS

/* One person's place in the room, kept across their connections: a page
 * that joins again with its token is the same participant, even in a
 * locked room, and a removed one stays out. */
typedef struct
{
  char    *id;
  char    *token;
  guint    n_cards;
  gboolean removed;
} Seat;

typedef struct
{
  JmRoom                  *room;         /* unowned: the room outlives it */
  SoupWebsocketConnection *connection;
  Seat                    *seat;         /* unowned, NULL until hello */
  char                    *name;         /* NULL: anonymous */
  gboolean                 joined;       /* said hello */
  gint64                   arrived;
  gint64                   last_message;
  double                   tokens;       /* messages it may still send now */
  gint64                   tokens_time;
  double                   strikes;      /* refused messages, fading */
  gint64                   strikes_time;
  gint64                   stalled_since; /* its socket full since then; 0: reading */
  gsize                    stalled_bytes; /* sent to it since */
  gboolean                 dropped;       /* let go for not reading */
} Participant;

/* An address that asked for a wrong code. */
typedef struct
{
  guint  failures;
  gint64 wait_until;
} Stranger;

/* Where a card held in private mode was meant to go, and who sent it. */
typedef struct
{
  char *lane_id;
  char *by;       /* NULL: anonymous */
} HeldCard;

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
  GHashTable  *seats;         /* token -> Seat */
  GHashTable  *held;          /* card id -> HeldCard */
  GHashTable  *strangers;     /* remote host -> Stranger */
  guint        next_participant;
  guint        watch_source;
  guint        hello_timeout;  /* seconds */
  guint        idle_timeout;
  guint        snapshot_source;
  gboolean     adding;        /* the room's own edit is under way */
  gboolean     closed;
  gboolean     locked;
  gboolean     private_mode;
  guint        stall_seconds;  /* JM_ROOM_STALL_SECONDS, or less for tests */
  gsize        stall_bytes;
  int          send_buffer;    /* SO_SNDBUF of each page's socket; 0: the system's */
};

enum {
  ROOM_PROP_0,
  ROOM_PROP_DOCUMENT,
  ROOM_PROP_LOCKED,
  ROOM_PROP_PRIVATE,
  ROOM_PROP_CLOSED,
  ROOM_N_PROPS
};

enum {
  ROOM_CARD_ADDED,
  ROOM_MEMBERS_CHANGED,
  ROOM_N_SIGNALS
};

extern GParamSpec *_jm_room_properties[ROOM_N_PROPS];
extern guint _jm_room_signals[ROOM_N_SIGNALS];

char *_jm_room_random_text      (guint          length);
void  _jm_room_participant_send (Participant   *participant,
                                 const char    *text);
void  _jm_room_send_away        (Participant   *participant,
                                 JmRoomRefusal  refusal,
                                 const char    *message,
                                 gushort        close_code);
void  _jm_room_broadcast        (JmRoom        *self,
                                 const char    *text);
void  _jm_room_queue_snapshot   (JmRoom        *self);
void  _jm_room_held_card_free   (HeldCard      *held);

/* jm-room-flow.c: pages that stop reading. */
gboolean  _jm_room_flow_may_send    (Participant  *participant,
                                     gsize         length);
void      _jm_room_flow_accept      (JmRoom       *self,
                                     Participant  *participant);

/* jm-room-workshop.c: the voting round and the timer. */
JsonNode *_jm_room_round_json       (JmRoom       *self,
                                     Participant  *participant);
JsonNode *_jm_room_timer_json       (JmRoom       *self);
void      _jm_room_send_round       (JmRoom       *self);
void      _jm_room_on_vote          (JmRoom       *self,
                                     Participant  *participant,
                                     JsonObject   *message,
                                     gboolean      add,
                                     GError      **error);
void      _jm_room_follow_workshop  (JmRoom       *self);
void      _jm_room_follow_votes     (JmRoom       *self,
                                     JmMap        *old_map);

G_END_DECLS
