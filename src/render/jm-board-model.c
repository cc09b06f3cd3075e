/* jm-board-model.c: which stages, lanes and links make up the board
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-board-model"

#include "config.h"

#include "jm-board-model.h"

/**
 * jm_board_model_index_lanes:
 * @map: the map
 * @solo_id: (nullable): the id of the one persona whose lane is shown
 *   alone, or %NULL for every lane
 * @stages: filled with the stages, in column order (references)
 * @lanes: filled with the personas whose lanes are shown (references)
 * @stage_index: filled with each stage's id -> its column + 1
 * @lane_index: filled with each shown persona's id -> its lane + 1
 *
 * Appends the board's columns and rows: every stage, and the personas
 * that are neither hidden nor left out by @solo_id. The indices start
 * from 1 so that a missing id looks up as 0. @stages and @lanes should
 * free their items with g_object_unref().
 */
void
jm_board_model_index_lanes (JmMap      *map,
                            const char *solo_id,
                            GPtrArray  *stages,
                            GPtrArray  *lanes,
                            GHashTable *stage_index,
                            GHashTable *lane_index)
{
  GListModel *list;
  guint n;

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (stages != NULL && lanes != NULL);
  g_return_if_fail (stage_index != NULL && lane_index != NULL);

  list = jm_map_get_stages (map);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      JmStage *stage = g_list_model_get_item (list, i);

      g_hash_table_insert (stage_index, (gpointer) jm_stage_get_id (stage), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (stages, stage);
    }

  list = jm_map_get_personas (map);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      JmPersona *persona = g_list_model_get_item (list, i);

      if (jm_persona_get_hidden (persona) ||
          (solo_id != NULL && g_strcmp0 (jm_persona_get_id (persona), solo_id) != 0))
        {
          g_object_unref (persona);
          continue;
        }
      g_hash_table_insert (lane_index, (gpointer) jm_persona_get_id (persona),
                           GUINT_TO_POINTER (lanes->len + 1));
      g_ptr_array_add (lanes, persona);
    }
}

/**
 * jm_board_model_collect_links:
 * @geometry: the board, with its cards placed (each card's data a
 *   #JmTouchpoint, or %NULL for an empty place)
 * @id_index: each placed touchpoint's id -> its index in @geometry + 1
 * @placed: (nullable): whether a card's place can be trusted yet, or
 *   %NULL if every place can
 * @user_data: passed to @placed
 * @links: filled with a #JmBoardLink for each link between placed cards
 *
 * A link to a card that is not on the board (its lane hidden, say) is
 * left out, and so is one from or to a card that @placed refuses: a card
 * whose place is only estimated would have its links drawn where it is
 * not.
 */
void
jm_board_model_collect_links (JmBoardGeometry *geometry,
                              GHashTable      *id_index,
                              JmBoardCardFunc  placed,
                              gpointer         user_data,
                              GArray          *links)
{
  g_return_if_fail (geometry != NULL && id_index != NULL && links != NULL);

  for (guint i = 0; i < jm_board_geometry_get_n_cards (geometry); i++)
    {
      JmTouchpoint *touchpoint = jm_board_geometry_get_card (geometry, i)->data;
      const char * const *ids = touchpoint ? jm_touchpoint_get_links (touchpoint) : NULL;

      if (placed != NULL && ids != NULL && !placed (touchpoint, user_data))
        continue;
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          guint to = GPOINTER_TO_UINT (g_hash_table_lookup (id_index, ids[j]));

          if (to != 0 && placed != NULL &&
              !placed (jm_board_geometry_get_card (geometry, to - 1)->data, user_data))
            continue;
          if (to != 0)
            {
              JmBoardLink link = { i, to - 1 };
              g_array_append_val (links, link);
            }
        }
    }
}
