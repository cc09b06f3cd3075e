/* jm-board-model.h: which stages, lanes and links make up the board
 *
 * The display-free half of laying out the board: the stages that make
 * the columns, the personas whose lanes are shown, and the links between
 * the cards once they are placed in a JmBoardGeometry. The canvas
 * measures and draws the cards; what is decided here is tested without
 * a display.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jm-board-geometry.h"
#include "jm-map.h"

G_BEGIN_DECLS

/* A link from one card to another, by their indices in the geometry. */
typedef struct
{
  guint from;
  guint to;
} JmBoardLink;

/* Whether a card's place on the board can be trusted yet. */
typedef gboolean (*JmBoardCardFunc) (JmTouchpoint *touchpoint,
                                     gpointer      user_data);

void jm_board_model_index_lanes   (JmMap           *map,
                                   const char      *solo_id,
                                   GPtrArray       *stages,
                                   GPtrArray       *lanes,
                                   GHashTable      *stage_index,
                                   GHashTable      *lane_index);
void jm_board_model_collect_links (JmBoardGeometry *geometry,
                                   GHashTable      *id_index,
                                   JmBoardCardFunc  placed,
                                   gpointer         user_data,
                                   GArray          *links);

G_END_DECLS
