/* jm-score-silos.c: who owns the broken moments
 *
 * A cross-silo workshop asks which teams own the moments where the
 * journey breaks. Each team's touchpoints are counted: the negative ones,
 * the moments of truth, the moments of truth that break (a negative
 * emotion or a composite under 3), and the negative ones it shares with
 * another team, the problems no single team can fix alone. A touchpoint
 * owned by two teams counts for both, so the shares can add up to more
 * than the whole: that excess is the shared part.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-silos"

#include "config.h"

#include <math.h>

#include "jm-names.h"
#include "jm-score-silos.h"
#include "jm-scoring.h"

/* A composite under this breaks a moment of truth, as a negative emotion does. */
#define BROKEN_SCORE 3.0

static void
silo_clear (gpointer data)
{
  g_free (((JmSilo *) data)->label);
}

static int
compare_silos (gconstpointer a,
               gconstpointer b)
{
  const JmSilo *x = a, *y = b;

  if (x->n_broken_moments != y->n_broken_moments)
    return x->n_broken_moments < y->n_broken_moments ? 1 : -1;
  if (x->n_negative != y->n_negative)
    return x->n_negative < y->n_negative ? 1 : -1;
  return g_utf8_collate (x->label, y->label);
}

/**
 * jm_score_silos:
 * @n_negative: (out) (optional): the map's negative touchpoints
 * @n_moments: (out) (optional): the map's moments of truth
 *
 * Returns: (transfer full) (element-type JmSilo): one entry a team, the
 *   teams owning the most broken moments of truth first, then the most
 *   negative touchpoints
 */
GArray *
jm_score_silos (JmMap *map,
                guint *n_negative,
                guint *n_moments)
{
  GArray *silos = g_array_new (FALSE, TRUE, sizeof (JmSilo));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  guint total_negative = 0, total_moments = 0;

  g_array_set_clear_func (silos, silo_clear);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      const char * const *teams = jm_touchpoint_get_teams (touchpoint);
      int emotion = jm_touchpoint_get_emotion (touchpoint);
      gboolean negative = emotion != JM_EMOTION_UNSET && emotion < 0;
      gboolean moment = jm_touchpoint_get_moment_of_truth (touchpoint);
      double composite = NAN;
      gboolean broken;
      g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));

      jm_score_touchpoint (map, touchpoint, &composite);
      broken = moment && (negative || (isfinite (composite) && composite < BROKEN_SCORE));
      total_negative += negative;
      total_moments += moment;

      /* Each team once, however often and however it is written. */
      for (guint t = 0; teams != NULL && teams[t] != NULL; t++)
        {
          g_autofree char *key = jm_name_key (JM_NAME_TEAM, teams[t]);
          gpointer position;
          guint at;
          gboolean seen = FALSE;

          if (key == NULL || *key == '\0')
            continue;
          if (!g_hash_table_lookup_extended (index, key, NULL, &position))
            {
              JmSilo fresh = { g_strstrip (g_strdup (teams[t])) };

              g_array_append_val (silos, fresh);
              position = GUINT_TO_POINTER (silos->len - 1);
              g_hash_table_insert (index, g_strdup (key), position);
            }
          /* Indices, not pointers: the array grows as teams appear. */
          at = GPOINTER_TO_UINT (position);
          for (guint o = 0; o < owners->len && !seen; o++)
            seen = g_array_index (owners, guint, o) == at;
          if (!seen)
            g_array_append_val (owners, at);
        }
      for (guint o = 0; o < owners->len; o++)
        {
          JmSilo *silo = &g_array_index (silos, JmSilo, g_array_index (owners, guint, o));

          silo->n_cards++;
          silo->n_negative += negative;
          silo->n_moments += moment;
          silo->n_broken_moments += broken;
          silo->n_shared_negative += negative && owners->len > 1;
        }
    }
  for (guint i = 0; i < silos->len; i++)
    {
      JmSilo *silo = &g_array_index (silos, JmSilo, i);

      silo->negative_share = total_negative > 0 ? (double) silo->n_negative / total_negative : 0;
      silo->moment_share = total_moments > 0 ? (double) silo->n_moments / total_moments : 0;
    }
  g_array_sort (silos, compare_silos);
  if (n_negative != NULL)
    *n_negative = total_negative;
  if (n_moments != NULL)
    *n_moments = total_moments;
  return silos;
}
