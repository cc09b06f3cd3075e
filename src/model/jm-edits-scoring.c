/* jm-edits-scoring.c: the edits of a scoring pass
 *
 * Scoring with the room walks the cards in the order a person walks the
 * journey, and gives one card, or several at once, its ratings and
 * emotion value by value; each card's scores are one undo step. Part of
 * JmEdits (jm-edits.h), in a file of its own.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-edits"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-edits.h"

typedef struct
{
  GHashTable *stages;  /* JmStage id -> position + 1 */
  GHashTable *lanes;   /* JmPersona id -> position + 1 */
  GHashTable *order;   /* JmTouchpoint -> position in the map + 1 */
} JourneyOrder;

static guint
journey_rank (GHashTable *table,
              gconstpointer key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

static int
compare_journey (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  JourneyOrder *order = user_data;
  JmTouchpoint *ta = *(JmTouchpoint **) a;
  JmTouchpoint *tb = *(JmTouchpoint **) b;
  guint la = journey_rank (order->lanes, jm_touchpoint_get_lane_id (ta));
  guint lb = journey_rank (order->lanes, jm_touchpoint_get_lane_id (tb));
  guint sa = journey_rank (order->stages, jm_touchpoint_get_stage_id (ta));
  guint sb = journey_rank (order->stages, jm_touchpoint_get_stage_id (tb));

  if (la != lb)
    return la < lb ? -1 : 1;
  if (sa != sb)
    return sa < sb ? -1 : 1;
  la = journey_rank (order->order, ta);
  lb = journey_rank (order->order, tb);
  return la < lb ? -1 : la > lb;
}

/**
 * jm_edits_journey_order:
 * @cards: (nullable): the touchpoints to put in order, or %NULL for all
 *   of the map's
 *
 * Puts cards in the order a person walks the journey: each persona's
 * lane in turn, from top to bottom, and along a lane stage by stage from
 * left to right, the cards of a cell as the cell shows them. Cards in no
 * stage or lane of the map are left out.
 *
 * Returns: (transfer container): the cards in journey order
 */
GPtrArray *
jm_edits_journey_order (JmMap     *map,
                        GPtrArray *cards)
{
  JourneyOrder order;
  GListModel *list;
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JM_IS_MAP (map), sorted);

  order.stages = g_hash_table_new (g_str_hash, g_str_equal);
  order.lanes = g_hash_table_new (g_str_hash, g_str_equal);
  order.order = g_hash_table_new (NULL, NULL);
  list = jm_map_get_stages (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (list, i);

      g_hash_table_insert (order.stages, (gpointer) jm_stage_get_id (stage), GUINT_TO_POINTER (i + 1));
    }
  list = jm_map_get_personas (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (list, i);

      g_hash_table_insert (order.lanes, (gpointer) jm_persona_get_id (persona), GUINT_TO_POINTER (i + 1));
    }
  list = jm_map_get_touchpoints (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);

      g_hash_table_insert (order.order, touchpoint, GUINT_TO_POINTER (i + 1));
      if (cards == NULL)
        g_ptr_array_add (sorted, g_object_ref (touchpoint));
    }
  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      gpointer card = g_ptr_array_index (cards, i);

      if (JM_IS_TOUCHPOINT (card) && g_hash_table_contains (order.order, card) &&
          !g_ptr_array_find (sorted, card, NULL))
        g_ptr_array_add (sorted, g_object_ref (card));
    }
  for (guint i = sorted->len; i > 0; i--)
    {
      JmTouchpoint *touchpoint = g_ptr_array_index (sorted, i - 1);

      if (journey_rank (order.stages, jm_touchpoint_get_stage_id (touchpoint)) == 0 ||
          journey_rank (order.lanes, jm_touchpoint_get_lane_id (touchpoint)) == 0)
        g_ptr_array_remove_index (sorted, i - 1);
    }
  g_ptr_array_sort_with_data (sorted, compare_journey, &order);
  g_hash_table_unref (order.stages);
  g_hash_table_unref (order.lanes);
  g_hash_table_unref (order.order);
  return sorted;
}

/**
 * jm_edits_score_cards:
 * @cards: the touchpoints to score, one or several
 * @property: "emotion" or a measure's rating, as
 *   jm_touchpoint_rating_property() names it
 * @value: the rating or emotion; %JM_RATING_UNSET or %JM_EMOTION_UNSET
 *   clears it
 * @merge_id: (inout) (nullable): the scoring of one card or group: the
 *   values given under one id, while its step is the newest, stay one
 *   step; 0 starts a new one
 *
 * Gives every card of @cards the same value, as one step ("Score Card"),
 * so that a card scored measure by measure in a scoring pass, or several
 * cards scored at once, go away with one undo.
 */
void
jm_edits_score_cards (JmMap      *map,
                      GPtrArray  *cards,
                      const char *property,
                      int         value,
                      guint      *merge_id)
{
  g_autofree char *label = NULL;
  guint n = 0;
  guint scratch = 0;

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (cards != NULL);
  g_return_if_fail (property != NULL);

  for (guint i = 0; i < cards->len; i++)
    if (JM_IS_TOUCHPOINT (g_ptr_array_index (cards, i)))
      n++;
  if (n == 0)
    return;
  label = n == 1 ? g_strdup (_("Score Card"))
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Score %u Card", "Score %u Cards", n), n);
  jm_map_begin_merge (map, label, merge_id != NULL ? merge_id : &scratch);
  for (guint i = 0; i < cards->len; i++)
    if (JM_IS_TOUCHPOINT (g_ptr_array_index (cards, i)))
      jm_map_edit_int (map, g_ptr_array_index (cards, i), property, value);
  jm_map_end (map);
}
