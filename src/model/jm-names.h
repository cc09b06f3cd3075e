/* jm-names.h: when two typed team or channel names are the same name
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

G_BEGIN_DECLS

typedef enum {
  JM_NAME_TEAM,
  JM_NAME_CHANNEL,
} JmNameKind;

/* One distinct team or channel of a map. */
typedef struct
{
  char *key;      /* what comparisons use, from jm_name_key() */
  char *label;    /* the built-in label of a known channel, else the first spelling */
  char *value;    /* the known channel's id, else the first spelling as stored */
} JmName;

char      *jm_name_key        (JmNameKind   kind,
                               const char  *name);
gboolean   jm_name_equal      (JmNameKind   kind,
                               const char  *a,
                               const char  *b);
GPtrArray *jm_map_list_names  (JmMap       *map,
                               JmNameKind   kind);

G_END_DECLS
