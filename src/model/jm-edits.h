/* jm-edits.h: the edits a person makes to a map, each one undo step
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

/* The lane that holds cards placed in no persona's lane yet. */
#define JM_EDITS_PARKING_LOT_ID "parking-lot"
/* The hidden lane that holds a room's cards in private mode. */
#define JM_EDITS_HELD_LANE_ID "room-held"

JmStage      *jm_edits_add_stage_after     (JmMap        *map,
                                            JmStage      *after);
JmPersona    *jm_edits_add_persona_after   (JmMap        *map,
                                            JmPersona    *after);
JmTouchpoint *jm_edits_add_touchpoint      (JmMap        *map,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            JmTouchpoint *after);
JmTouchpoint *jm_edits_add_card            (JmMap        *map,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            int           index,
                                            const char   *title);
GPtrArray    *jm_edits_add_cards           (JmMap        *map,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            int           index,
                                            const char * const *titles);
GPtrArray    *jm_edits_add_cards_of_kind   (JmMap        *map,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            int           index,
                                            const char * const *titles,
                                            const char   *kind);
JmPersona    *jm_edits_ensure_parking_lot  (JmMap        *map);
GPtrArray    *jm_edits_import_cards        (JmMap        *map,
                                            GPtrArray    *cards,
                                            GPtrArray    *stages,
                                            GPtrArray    *lanes);
JmPersona    *jm_edits_ensure_held_lane    (JmMap        *map);
JmTouchpoint *jm_edits_add_room_card       (JmMap        *map,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            gboolean      held,
                                            const char   *title,
                                            int           emotion,
                                            const char   *channel,
                                            const char   *notes);
gboolean      jm_edits_accept_card         (JmMap        *map,
                                            JmTouchpoint *card,
                                            JmPersona    *persona);

gboolean      jm_edits_delete              (JmMap        *map,
                                            GPtrArray    *objects);

gboolean      jm_edits_move_stage          (JmMap        *map,
                                            JmStage      *stage,
                                            int           delta);
gboolean      jm_edits_move_stage_to       (JmMap        *map,
                                            JmStage      *stage,
                                            guint         position);
gboolean      jm_edits_move_persona        (JmMap        *map,
                                            JmPersona    *persona,
                                            int           delta);
gboolean      jm_edits_move_persona_to     (JmMap        *map,
                                            JmPersona    *persona,
                                            guint         position);

void          jm_edits_move_cards_to_cell  (JmMap        *map,
                                            GPtrArray    *cards,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            JmTouchpoint *before);
gboolean      jm_edits_spans_cells         (JmMap        *map,
                                            GPtrArray    *cards,
                                            GPtrArray    *lanes);
gboolean      jm_edits_move_cards          (JmMap        *map,
                                            GPtrArray    *cards,
                                            GPtrArray    *lanes,
                                            int           d_stage,
                                            int           d_lane,
                                            JmTouchpoint *anchor,
                                            JmTouchpoint *anchor_before);
gboolean      jm_edits_step_cards          (JmMap        *map,
                                            GPtrArray    *cards,
                                            GPtrArray    *lanes,
                                            JmTouchpoint *anchor,
                                            int           d_stage,
                                            int           d_lane);

JmTouchpoint *jm_edits_clone_touchpoint    (JmTouchpoint *source,
                                            const char   *id);
GPtrArray    *jm_edits_duplicate           (JmMap        *map,
                                            GPtrArray    *cards);
GPtrArray    *jm_edits_paste               (JmMap        *map,
                                            GPtrArray    *sources,
                                            JmStage      *stage,
                                            JmPersona    *persona,
                                            JmTouchpoint *after);

GPtrArray    *jm_edits_journey_order       (JmMap        *map,
                                            GPtrArray    *cards);
void          jm_edits_score_cards         (JmMap        *map,
                                            GPtrArray    *cards,
                                            const char   *property,
                                            int           value,
                                            guint        *merge_id);

G_END_DECLS
