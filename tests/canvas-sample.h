/* canvas-sample.h: a realistic workshop map for the board's tests and demo
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-map.h"

static inline JmTouchpoint *
sample_card (JmMap      *map,
             JmStage    *stage,
             JmPersona  *persona,
             const char *title,
             const char *channel,
             int         emotion,
             gboolean    moment,
             const char *teams)
{
  g_autofree char *id = jm_map_new_id (map, "t");
  g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stage),
                                                          jm_persona_get_id (persona), title);
  g_auto(GStrv) team_list = g_strsplit (teams, ",", -1);

  jm_touchpoint_set_channel (touchpoint, channel);
  jm_touchpoint_set_emotion (touchpoint, emotion);
  jm_touchpoint_set_moment_of_truth (touchpoint, moment);
  if (*teams)
    jm_touchpoint_set_teams (touchpoint, (const char * const *) team_list);
  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_touchpoint_set_rating (touchpoint, m, 1 + (g_str_hash (title) + m) % 5);
  jm_map_append_touchpoint (map, touchpoint);
  return touchpoint;
}

/* Three personas across six stages; @extra adds that many more plain cards
 * spread over the grid (for measuring large boards). */
static inline JmMap *
sample_map (guint extra)
{
  static const char *stage_names[] = { "Need", "Research", "Select", "Purchase", "Receive", "Use" };
  static const char *persona_names[][3] = {
    { "Fridah", "29, learns from video tutorials", "#0072b2" },
    { "James", "44, reads the manual online", "#e69f00" },
    { "Juliet", "26, shops on her phone", "#009e73" },
  };
  JmMap *map = jm_map_new ();
  JmStage *stages[6];
  JmPersona *personas[3];

  jm_map_set_title (map, "Home broadband");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = jm_map_new_id (map, "s");
      g_autoptr(JmStage) stage = jm_stage_new (id, stage_names[i]);

      if (i == 1)
        jm_stage_set_description (stage, "Compares offers");
      jm_map_append_stage (map, stage);
      stages[i] = stage;
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = jm_map_new_id (map, "p");
      g_autoptr(JmPersona) persona = jm_persona_new (id, persona_names[i][0]);

      jm_persona_set_role (persona, persona_names[i][1]);
      jm_persona_set_colour (persona, persona_names[i][2]);
      jm_map_append_persona (map, persona);
      personas[i] = persona;
    }

  {
    JmTouchpoint *a, *b, *c;

    a = sample_card (map, stages[0], personas[0], "Sees a video review of fibre speeds", "social", 1, FALSE, "Marketing");
    sample_card (map, stages[1], personas[0], "Watches the setup tutorial", "web", 2, FALSE, "Marketing,Support");
    b = sample_card (map, stages[2], personas[0], "Compares plans on the website", "web", 0, TRUE, "Sales");
    sample_card (map, stages[3], personas[0], "Checkout asks for the same address twice", "web", -2, TRUE, "IT,Billing");
    sample_card (map, stages[4], personas[0], "Router arrives a day late", "mail", -1, FALSE, "Operations");
    sample_card (map, stages[5], personas[0], "Self-install with the app", "mobile-app", 1, FALSE, "IT");
    sample_card (map, stages[0], personas[1], "Reads a flyer from the letterbox", "advert", 0, FALSE, "Marketing");
    sample_card (map, stages[1], personas[1], "Reads the product manual online", "web", 0, FALSE, "Support");
    c = sample_card (map, stages[2], personas[1], "Calls to ask about contract terms", "phone", -1, TRUE, "Sales,Support");
    sample_card (map, stages[2], personas[1], "Waits 20 minutes on hold", "phone", -2, FALSE, "Support");
    sample_card (map, stages[3], personas[1], "Signs at the service desk", "in-store", 1, FALSE, "Sales");
    sample_card (map, stages[5], personas[1], "Gets the first bill, higher than expected", "mail", -2, TRUE, "Billing");
    sample_card (map, stages[1], personas[2], "Asks in live chat about speeds", "live-chat", 1, FALSE, "Support");
    sample_card (map, stages[3], personas[2], "Buys in the app in two taps", "mobile-app", 2, TRUE, "IT");
    sample_card (map, stages[4], personas[2], "Tracks the delivery by SMS", "mobile-app", 1, FALSE, "Operations");
    sample_card (map, stages[5], personas[2], "Rates the service in the app", "mobile-app", 1, FALSE, "");
    jm_touchpoint_set_links (a, (const char * const[]) { jm_touchpoint_get_id (b), NULL });
    jm_touchpoint_set_links (b, (const char * const[]) { jm_touchpoint_get_id (c), NULL });
  }

  for (guint i = 0; i < extra; i++)
    {
      g_autofree char *title = g_strdup_printf ("Touchpoint %u", i + 1);
      g_autofree char *id = jm_map_new_id (map, "t");
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stages[i % 6]),
                                                              jm_persona_get_id (personas[(i / 6) % 3]),
                                                              title);
      jm_touchpoint_set_channel (touchpoint, "web");
      jm_map_append_touchpoint (map, touchpoint);
    }
  return map;
}
