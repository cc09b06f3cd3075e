/* jm-export-board.c: the board layout
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"

void
build_board (JmExportPlan *plan,
             GPtrArray   **cells)
{
  Group *group = group_new (plan);
  guint n_stages = plan->stages->len;

  group->label = g_strdup (_("Board"));
  g_ptr_array_add (group->bands, title_band (plan, _("Board: stages and persona lanes")));
  group->stages = stages_band (plan, _("Lane"));
  group->continued = continued_band (plan, NULL);
  g_ptr_array_add (group->bands, group->stages);

  for (guint l = 0; l < plan->personas->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (plan->personas, l);
      Band *band = row_band_new (plan, jm_persona_get_name (persona), persona);

      for (guint s = 0; s < n_stages; s++)
        {
          GPtrArray *cell = cells[l * n_stages + s];

          for (guint i = 0; i < cell->len; i++)
            row_add (band, s, ITEM_CARD, g_ptr_array_index (cell, i), persona, NULL);
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
