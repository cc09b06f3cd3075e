/* jm-map-diff.h: what changed between two maps, object by object
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

typedef enum {
  JM_MAP_CHANGE_ADDED,
  JM_MAP_CHANGE_REMOVED,
  JM_MAP_CHANGE_MOVED,      /* to another place in its list, or another cell */
  JM_MAP_CHANGE_CHANGED,    /* one field */
} JmMapChangeKind;

typedef struct
{
  JmMapChangeKind  kind;
  const char      *object;     /* "map", "stage", "persona" or "touchpoint" */
  char            *id;         /* NULL for the map */
  char            *label;      /* its name or title, as in the new map */
  const char      *field;      /* CHANGED: the property; MOVED: "position" or "cell" */
  GValue           old_value;  /* CHANGED and MOVED; unset otherwise */
  GValue           new_value;
} JmMapChange;

typedef struct _JmMapDiff JmMapDiff;

JmMapDiff         *jm_map_diff_new         (JmMap      *old_map,
                                            JmMap      *new_map);
JmMapDiff         *jm_map_diff_new_with_votes (JmMap  *old_map,
                                               JmMap  *new_map);
void               jm_map_diff_free        (JmMapDiff  *self);
guint              jm_map_diff_get_n_changes (JmMapDiff *self);
const JmMapChange *jm_map_diff_get_change  (JmMapDiff  *self,
                                            guint       index);
gboolean           jm_map_diff_is_empty    (JmMapDiff  *self);
char              *jm_map_diff_to_text     (JmMapDiff  *self);
char              *jm_map_diff_to_json     (JmMapDiff  *self);
char              *jm_map_to_text          (JmMap      *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmMapDiff, jm_map_diff_free)

G_END_DECLS
