/* jm-generate.c: deterministic synthetic maps for benchmarks and tests
 *
 * The same size and seed always give the same map: realistic text lengths,
 * several personas and stages, scores, links and non-ASCII text.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-generate.h"

static const char *stage_names[] = {
  "Need", "Research", "Select", "Purchase", "Receive", "Use", "Maintain", "Recommend",
};

static const char *persona_names[] = {
  "Fridah", "James", "Juliet", "John", "Zoë", "José",
};

static const char *teams[] = {
  "Sales", "Marketing", "Billing", "IT", "Operations", "Support", "Field Engineering", "Legal",
};

static const char *words[] = {
  "customer", "order", "delivery", "invoice", "app", "call", "wait", "confirm", "install",
  "engineer", "router", "payment", "café", "renewal", "contract", "price", "€", "portal",
  "chat", "help", "email", "store", "coupon", "survey", "refund", "account", "password",
  "naïve", "résumé", "tracking", "appointment", "queue", "promise", "broken", "smooth",
};

static char *
sentence (GRand *rand,
          guint  min_words,
          guint  max_words)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min_words, max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  if (text->len > 0)
    {
      text->str[0] = g_ascii_toupper (text->str[0]);
      g_string_append_c (text, '.');
    }
  return g_string_free (text, FALSE);
}

/**
 * jm_generate_map:
 * @n_touchpoints: how many cards
 * @seed: the random seed
 *
 * Returns: (transfer full): a map that counts as saved, with an empty history
 */
JmMap *
jm_generate_map (guint   n_touchpoints,
                 guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) personas = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_personas = n_touchpoints >= 1000 ? 6 : 4;
  g_autofree char *title = g_strdup_printf ("Synthetic journey of %u touchpoints", n_touchpoints);

  jm_map_set_title (map, title);
  jm_map_set_description (map, "Generated for benchmarks: every field used, non-ASCII text included.");
  jm_map_set_weight (map, JM_MEASURE_CONVENIENCE, 2.0);

  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autofree char *description = sentence (rand, 6, 14);
      JmStage *stage = jm_stage_new (id, stage_names[i]);

      jm_stage_set_description (stage, description);
      jm_map_append_stage (map, stage);
      g_ptr_array_add (stages, stage);
    }

  for (guint i = 0; i < n_personas; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i + 1);
      g_autofree char *quote = sentence (rand, 8, 16);
      g_autofree char *bio = sentence (rand, 20, 40);
      g_autofree char *goal = sentence (rand, 4, 8);
      g_autofree char *frustration = sentence (rand, 4, 8);
      const char *goals[] = { goal, NULL };
      const char *frustrations[] = { frustration, NULL };
      const char *channels[] = { "web", "live-chat", NULL };
      JmPersona *persona = jm_persona_new (id, persona_names[i % G_N_ELEMENTS (persona_names)]);

      jm_persona_set_colour (persona, jm_palette_colour (i));
      jm_persona_set_age (persona, 20 + g_rand_int_range (rand, 0, 50));
      jm_persona_set_role (persona, "Residential customer");
      jm_persona_set_quote (persona, quote);
      jm_persona_set_bio (persona, bio);
      jm_persona_set_goals (persona, goals);
      jm_persona_set_frustrations (persona, frustrations);
      jm_persona_set_channels (persona, channels);
      jm_map_append_persona (map, persona);
      g_ptr_array_add (personas, persona);
    }

  /* Cards are appended cell by cell, lane by lane, so the list is in board order. */
  for (guint i = 0; i < n_touchpoints; i++)
    {
      guint cell = (guint) ((guint64) i * stages->len * personas->len / MAX (n_touchpoints, 1));
      JmPersona *persona = g_ptr_array_index (personas, cell / stages->len);
      JmStage *stage = g_ptr_array_index (stages, cell % stages->len);
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autofree char *card_title = sentence (rand, 2, 6);
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stage),
                                                              jm_persona_get_id (persona), card_title);
      guint n_channels;
      const JmChannelInfo *channels = jm_channels (&n_channels);
      const char *card_teams[] = {
        teams[g_rand_int_range (rand, 0, G_N_ELEMENTS (teams))],
        teams[g_rand_int_range (rand, 0, G_N_ELEMENTS (teams))],
        NULL
      };

      if (g_str_equal (card_teams[0], card_teams[1]))
        card_teams[1] = NULL;
      jm_touchpoint_set_channel (touchpoint, channels[g_rand_int_range (rand, 0, n_channels)].id);
      for (guint row = 0; row < JM_N_ROWS; row++)
        {
          g_autofree char *text = sentence (rand, 5, 18);
          jm_touchpoint_set_row (touchpoint, row, text);
        }
      jm_touchpoint_set_teams (touchpoint, card_teams);
      jm_touchpoint_set_emotion (touchpoint, g_rand_int_range (rand, -2, 3));
      jm_touchpoint_set_moment_of_truth (touchpoint, g_rand_int_range (rand, 0, 8) == 0);
      for (guint m = 0; m < JM_N_MEASURES; m++)
        if (g_rand_int_range (rand, 0, 10) > 0)
          jm_touchpoint_set_rating (touchpoint, m, g_rand_int_range (rand, 1, 6));
      if (i > 0 && g_rand_int_range (rand, 0, 5) == 0)
        {
          g_autofree char *target = g_strdup_printf ("t%u", g_rand_int_range (rand, 1, i + 1));
          const char *links[] = { target, NULL };
          jm_touchpoint_set_links (touchpoint, links);
        }
      jm_map_append_touchpoint (map, touchpoint);
    }

  return g_steal_pointer (&map);
}
