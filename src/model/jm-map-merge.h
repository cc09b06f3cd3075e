/* jm-map-merge.h: three-way merge of maps with stable ids
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"
#include "jm-map-diff.h"

G_BEGIN_DECLS

typedef struct
{
  char       *id;        /* the object's id; NULL for the map itself */
  char       *message;   /* what both sides did, and which was kept */
  /* A field both sides changed: which, and both values, so that a person
   * can pick one later (see jm_map_add_merge_conflicts()). Otherwise
   * @field is NULL and the values are unset. */
  const char *object;    /* "map", "stage", "persona", "touchpoint" or "round" */
  const char *field;
  GValue      ours;
  GValue      theirs;
  GValue      base;      /* unset when both sides added the object */
} JmMergeConflict;

GPtrArray *jm_map_merge (JmMap *result,
                         JmMap *base,
                         JmMap *ours,
                         JmMap *theirs);
GPtrArray *jm_map_take_changes (JmMap          *map,
                                JmMap          *theirs,
                                JmMapDiff      *diff,
                                const gboolean *take);

G_END_DECLS
