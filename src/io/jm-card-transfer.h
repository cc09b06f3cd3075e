/* jm-card-transfer.h: cards on the clipboard, between maps and other apps
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

/* The clipboard type for cards with every field, between two maps. */
#define JM_CARD_TRANSFER_MIME_TYPE "application/x-journey-mapper-cards+json"

JmMap     *jm_card_transfer_part_map   (JmMap       *map,
                                        GPtrArray   *cards);
GBytes    *jm_card_transfer_write_json (JmMap       *map,
                                        GPtrArray   *cards);
GPtrArray *jm_card_transfer_read_json  (GBytes      *bytes,
                                        GError     **error);
char      *jm_card_transfer_write_tsv  (JmMap       *map,
                                        GPtrArray   *cards);
GPtrArray *jm_card_transfer_read_text  (const char  *text,
                                        char       **problems);

G_END_DECLS
