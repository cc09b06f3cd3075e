/* jm-room-private.h: the room's messages, shared by the room and its tests
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jm-map.h"
#include "jm-room.h"

G_BEGIN_DECLS

/* Why a message was refused: each has the code a participant's page sees. */
typedef enum {
  JM_ROOM_REFUSAL_BAD_JSON,
  JM_ROOM_REFUSAL_BAD_MESSAGE,
  JM_ROOM_REFUSAL_UNKNOWN_TYPE,
  JM_ROOM_REFUSAL_TOO_LARGE,
  JM_ROOM_REFUSAL_TOO_FAST,
  JM_ROOM_REFUSAL_NOT_TEXT,
  JM_ROOM_REFUSAL_HELLO_FIRST,
  JM_ROOM_REFUSAL_ALREADY_JOINED,
  JM_ROOM_REFUSAL_VERSION,
  JM_ROOM_REFUSAL_BAD_TEXT,
  JM_ROOM_REFUSAL_TOO_LONG,
  JM_ROOM_REFUSAL_UNKNOWN_STAGE,
  JM_ROOM_REFUSAL_UNKNOWN_LANE,
  JM_ROOM_REFUSAL_BAD_EMOTION,
  JM_ROOM_REFUSAL_CARD_LIMIT,
  JM_ROOM_REFUSAL_ROOM_FULL,
  JM_ROOM_REFUSAL_CLOSED,
  JM_ROOM_REFUSAL_TIMEOUT,
  JM_ROOM_REFUSAL_LOCKED,
  JM_ROOM_REFUSAL_REMOVED,
  JM_ROOM_REFUSAL_NO_ROUND,
  JM_ROOM_REFUSAL_UNKNOWN_CARD,
  JM_ROOM_REFUSAL_NO_DOTS,
} JmRoomRefusal;

#define JM_ROOM_REFUSAL (_jm_room_refusal_quark ())
GQuark      _jm_room_refusal_quark    (void);
const char *_jm_room_refusal_code     (JmRoomRefusal refusal);

/* A participant's add-card message, checked. */
typedef struct
{
  char *stage_id;   /* NULL: the first stage (parking lot only) */
  char *lane_id;    /* a persona's id, or JM_ROOM_PARKING_LOT_ID */
  char *title;
  int   emotion;    /* JM_EMOTION_UNSET when not given */
  char *channel;
  char *notes;
  char *request;    /* the sender's own tag, echoed back */
} JmRoomCard;

void        _jm_room_card_free        (JmRoomCard   *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmRoomCard, _jm_room_card_free)

JsonObject *_jm_room_parse            (const char   *text,
                                       gsize         length,
                                       const char  **type,
                                       GError      **error);
char       *_jm_room_clean_text       (JsonObject   *message,
                                       const char   *member,
                                       guint         max_chars,
                                       gboolean      multiline,
                                       gboolean      required,
                                       GError      **error);
JmRoomCard *_jm_room_parse_card       (JsonObject   *message,
                                       GError      **error);

JsonNode   *_jm_room_card_to_json     (JmTouchpoint *touchpoint);
JsonNode   *_jm_room_map_to_json      (JmMap        *map);
char       *_jm_room_error_text       (const GError *error);
char       *_jm_room_node_text        (JsonNode     *node);

char       *_jm_room_page_strings     (const char   *catalogs_json,
                                       const char   *accept_language);

gboolean    _jm_room_is_local_network (GSocketAddress *address);
void        _jm_room_set_timeouts     (JmRoom       *self,
                                       guint         hello,
                                       guint         idle);
void        _jm_room_set_stall_limits (JmRoom       *self,
                                       guint         seconds,
                                       gsize         bytes,
                                       int           send_buffer);

G_END_DECLS
