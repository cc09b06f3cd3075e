/* jm-export-grid.c: the template grid layout
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"

#define CURVE_HEIGHT 72

static gboolean
any_notes (GPtrArray **cells,
           guint       n_stages,
           guint       first,
           guint       last)
{
  for (guint l = first; l < last; l++)
    for (guint s = 0; s < n_stages; s++)
      for (guint i = 0; i < cells[l * n_stages + s]->len; i++)
        {
          const char *notes = jm_touchpoint_get_notes (g_ptr_array_index (cells[l * n_stages + s], i));

          if (notes != NULL && *notes != '\0')
            return TRUE;
        }
  return FALSE;
}

/* Each touchpoint's own emotion in stage @s, spread evenly across its
 * column, so that a moment at -2 shows beside a mean near 0. */
static void
add_curve_cards (Band       *band,
                 GPtrArray **cells,
                 guint       n_stages,
                 guint       s,
                 guint       first,
                 guint       last)
{
  guint n = 0, k = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint l = first; l < last; l++)
      {
        GPtrArray *cell = cells[l * n_stages + s];

        for (guint i = 0; i < cell->len; i++)
          {
            int emotion = jm_touchpoint_get_emotion (g_ptr_array_index (cell, i));
            CurveCard card;

            if (emotion < JM_EMOTION_MIN || emotion > JM_EMOTION_MAX)
              continue;
            if (pass == 0)
              {
                n++;
                continue;
              }
            card.col = s;
            card.place = (k + 1.0) / (n + 1.0);
            card.emotion = emotion;
            g_array_append_val (band->curve_cards, card);
            k++;
          }
      }
}

/* One template grid over the lanes from @first to @last (exclusive). */
void
build_grid (JmExportPlan *plan,
            GPtrArray   **cells,
            guint         first,
            guint         last)
{
  Group *group = group_new (plan);
  guint n_stages = plan->stages->len;
  g_autofree char *who = NULL;
  g_autofree char *subtitle = NULL;
  gboolean together = last - first > 1;

  plan->persona_key = plan->persona_key || together;

  if (first == last)
    who = NULL;
  else if (!together)
    who = g_strdup (jm_persona_get_name (g_ptr_array_index (plan->personas, first)));
  else
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint l = first; l < last; l++)
        g_ptr_array_add (names, (gpointer) jm_persona_get_name (g_ptr_array_index (plan->personas, l)));
      g_ptr_array_add (names, NULL);
      who = g_strjoinv (", ", (char **) names->pdata);
    }
  if (who == NULL)
    subtitle = g_strdup (_("Blank template"));
  else
    subtitle = g_strdup_printf (together ? _("Personas: %s") : _("Persona: %s"), who);

  group->label = g_strdup (who != NULL ? who : _("Blank template"));
  g_ptr_array_add (group->bands, title_band (plan, subtitle));
  group->stages = stages_band (plan, _("Template"));
  group->continued = continued_band (plan, together ? NULL : who);
  g_ptr_array_add (group->bands, group->stages);

  /* The template's rows, then the touchpoints' notes when any has some. */
  for (int r = -1; r <= JM_N_ROWS; r++)
    {
      g_autofree char *label = r == JM_N_ROWS
        ? g_strdup (_("Notes"))
        : g_strdup_printf ("%d  %s", r + 2, r < 0 ? _("Touchpoints & channels")
                                                  : jm_row_get_label (r));
      Band *band;

      if (r == JM_N_ROWS && !any_notes (cells, n_stages, first, last))
        break;
      band = row_band_new (plan, label, together || first == last
                           ? NULL : g_ptr_array_index (plan->personas, first));
      if (r == JM_ROW_THOUGHTS)
        {
          band->curve = g_new (double, n_stages);
          band->curve_cards = g_array_new (FALSE, FALSE, sizeof (CurveCard));
          band->curve_height = CURVE_HEIGHT;
        }

      for (guint s = 0; s < n_stages; s++)
        {
          double sum = 0;
          guint n_emotions = 0;

          for (guint l = first; l < last; l++)
            {
              GPtrArray *cell = cells[l * n_stages + s];
              JmPersona *persona = g_ptr_array_index (plan->personas, l);

              if (band->curve != NULL)
                {
                  sum += plan->emotion_sums[l * n_stages + s];
                  n_emotions += plan->emotion_counts[l * n_stages + s];
                }
              for (guint i = 0; i < cell->len; i++)
                {
                  JmTouchpoint *tp = g_ptr_array_index (cell, i);
                  Item *item;

                  if (r < 0)
                    row_add (band, s, ITEM_SUMMARY, tp, persona, NULL);
                  else
                    {
                      const char *text = r == JM_N_ROWS ? jm_touchpoint_get_notes (tp)
                                                        : jm_touchpoint_get_row (tp, r);

                      if (text == NULL || *text == '\0')
                        continue;
                      row_add (band, s, ITEM_TEXT, tp, persona, text);
                    }
                  item = g_ptr_array_index (band->cells[s], band->cells[s]->len - 1);
                  item->show_persona = together;
                  item->show_emotion = r == JM_ROW_THOUGHTS;
                }
            }
          if (band->curve != NULL)
            {
              band->curve[s] = n_emotions > 0 ? sum / n_emotions : NAN;
              add_curve_cards (band, cells, n_stages, s, first, last);
            }
        }
      g_ptr_array_add (group->bands, band);
    }

  {
    Band *gap = band_new (plan, BAND_GAP);
    gap->height = PAD * 2;
    g_ptr_array_add (group->bands, gap);
  }
  g_ptr_array_add (group->bands, band_new (plan, BAND_LEGEND));
}
