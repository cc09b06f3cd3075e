/* jm-map-conflicts.h: what a merge left for a person to decide
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

/* Limits a map's conflicts keep, so that a hostile file cannot make
 * reading or showing them take long: how many, a value's length in bytes,
 * a list's items, and a message's length in bytes. */
#define JM_CONFLICTS_MAX 10000
#define JM_CONFLICT_MAX_VALUE (1024 * 1024)
#define JM_CONFLICT_MAX_ITEMS 1000
#define JM_CONFLICT_MAX_MESSAGE 4096

typedef enum {
  JM_CONFLICT_KEEP_OURS,
  JM_CONFLICT_TAKE_THEIRS,
} JmConflictChoice;

#define JM_TYPE_CONFLICT (jm_conflict_get_type ())
G_DECLARE_FINAL_TYPE (JmConflict, jm_conflict, JM, CONFLICT, GObject)

JmConflict   *jm_conflict_new            (const char      *object,
                                          const char      *id,
                                          const char      *field,
                                          const GValue    *ours,
                                          const GValue    *theirs,
                                          const GValue    *base,
                                          const char      *message);
const char   *jm_conflict_get_object     (JmConflict      *self);
const char   *jm_conflict_get_id         (JmConflict      *self);
const char   *jm_conflict_get_field      (JmConflict      *self);
const GValue *jm_conflict_get_ours       (JmConflict      *self);
const GValue *jm_conflict_get_theirs     (JmConflict      *self);
const GValue *jm_conflict_get_base       (JmConflict      *self);
const char   *jm_conflict_get_message    (JmConflict      *self);
gboolean      jm_conflict_has_values     (JmConflict      *self);
gboolean      jm_conflict_is_field       (const char      *object,
                                          const char      *field,
                                          GParamSpec     **pspec);

GListModel   *jm_map_get_conflicts       (JmMap           *map);
/* Without history, for readers and merges. */
gboolean      jm_map_add_conflict        (JmMap           *map,
                                          JmConflict      *conflict);
void          jm_map_add_merge_conflicts (JmMap           *map,
                                          GPtrArray       *merge_conflicts);
/* One step on the map's history. */
void          jm_map_resolve_conflicts   (JmMap           *map,
                                          JmConflict     **conflicts,
                                          const JmConflictChoice *choices,
                                          guint            n_conflicts);

G_END_DECLS
