/* jm-export-persona.c: the persona sheet layout
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"

/* PNG and JPEG pictures, decoded as the persona editor shows them. */
static cairo_surface_t *
decode_picture (JmPersona *persona)
{
  GBytes *bytes = jm_persona_get_picture (persona);

  return bytes != NULL ? jm_persona_picture_decode (bytes) : NULL;
}

static void
section (JmExportPlan       *plan,
         Group              *group,
         const char         *heading,
         const char         *text,
         const char * const *list)
{
  Band *band;

  if ((text == NULL || *text == '\0') && (list == NULL || list[0] == NULL))
    return;
  band = band_new (plan, BAND_SECTION);
  band->text = g_strdup (heading);
  band->subtitle = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  band->list = g_strdupv ((char **) list);
  g_ptr_array_add (group->bands, band);
}

void
build_persona_sheets (JmExportPlan *plan)
{
  for (guint l = 0; l < plan->personas->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (plan->personas, l);
      Group *group = group_new (plan);
      Band *head = band_new (plan, BAND_PERSONA_HEAD);
      const char * const *channels = jm_persona_get_channels (persona);
      g_autoptr(GPtrArray) channel_labels = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      group->label = g_strdup (jm_persona_get_name (persona));
      head->persona = persona;
      head->picture = decode_picture (persona);
      head->picture_refused = head->picture == NULL && jm_persona_get_picture (persona) != NULL;
      g_ptr_array_add (group->bands, head);
      group->continued = continued_band (plan, jm_persona_get_name (persona));

      /* A channel written twice, or as a known channel's label in another
       * case, is listed once, as the board and the scores count it. */
      for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
        {
          char *key = jm_name_key (JM_NAME_CHANNEL, channels[i]);
          const JmChannelInfo *known = key != NULL ? jm_channel_lookup (key) : NULL;

          if (key == NULL || !g_hash_table_add (seen, key))
            continue;
          g_ptr_array_add (channel_labels,
                           (gpointer) (known != NULL ? jm_channel_get_label (known->id) : channels[i]));
        }
      g_ptr_array_add (channel_labels, NULL);

      section (plan, group, _("About"), jm_persona_get_bio (persona), NULL);
      section (plan, group, _("Goals"), NULL, jm_persona_get_goals (persona));
      section (plan, group, _("Frustrations"), NULL, jm_persona_get_frustrations (persona));
      section (plan, group, _("Needs"), NULL, jm_persona_get_needs (persona));
      section (plan, group, _("Channels"), NULL, (const char * const *) channel_labels->pdata);
      section (plan, group, _("Devices"), NULL, jm_persona_get_devices (persona));
      section (plan, group, _("Notes"), jm_persona_get_notes (persona), NULL);

      {
        Band *stamp = band_new (plan, BAND_SECTION);

        stamp->text = g_strdup (plan->title);
        stamp->subtitle = g_strdup (plan->stamp);
        g_ptr_array_add (group->bands, stamp);
      }
    }
}
