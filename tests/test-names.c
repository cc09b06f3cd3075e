/* test-names.c: one team or channel however it was typed
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "jm-names.h"

static void
assert_key (JmNameKind  kind,
            const char *name,
            const char *expected)
{
  g_autofree char *key = jm_name_key (kind, name);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_key_teams (void)
{
  /* Case, surrounding and repeated spaces (a no-break space and a tab
   * among them) and the two ways of writing "é" make one name. */
  assert_key (JM_NAME_TEAM, "Billing", "billing");
  assert_key (JM_NAME_TEAM, "billing", "billing");
  assert_key (JM_NAME_TEAM, "  BILLING ", "billing");
  assert_key (JM_NAME_TEAM, "Billing  Ops", "billing ops");
  assert_key (JM_NAME_TEAM, "billing\u00a0\tops", "billing ops");
  assert_key (JM_NAME_TEAM, "Caf\u00e9", "caf\u00e9");
  assert_key (JM_NAME_TEAM, "Cafe\u0301", "caf\u00e9");
  assert_key (JM_NAME_TEAM, "STRASSE", "strasse");
  assert_key (JM_NAME_TEAM, "Stra\u00dfe", "strasse");
  /* Blank is no name at all. */
  assert_key (JM_NAME_TEAM, "", NULL);
  assert_key (JM_NAME_TEAM, " \u00a0 ", NULL);
  assert_key (JM_NAME_TEAM, NULL, NULL);
  /* A team called "Website" is just a team. */
  assert_key (JM_NAME_TEAM, "Website", "website");

  g_assert_true (jm_name_equal (JM_NAME_TEAM, "Billing", " billing"));
  g_assert_false (jm_name_equal (JM_NAME_TEAM, "Billing", "Billings"));
}

static void
test_key_channels (void)
{
  /* A known channel by its id or by its label, in any case, is that
   * channel: a typed "website" is the app's "Website". */
  assert_key (JM_NAME_CHANNEL, "web", "web");
  assert_key (JM_NAME_CHANNEL, "Website", "web");
  assert_key (JM_NAME_CHANNEL, "website", "web");
  assert_key (JM_NAME_CHANNEL, " WEBSITE ", "web");
  assert_key (JM_NAME_CHANNEL, "Web", "web");
  assert_key (JM_NAME_CHANNEL, "mobile  app", "mobile-app");
  assert_key (JM_NAME_CHANNEL, "Phone / Call Centre", "phone");
  /* A channel of the team's own. */
  assert_key (JM_NAME_CHANNEL, "WhatsApp", "whatsapp");
  assert_key (JM_NAME_CHANNEL, " whatsapp", "whatsapp");
  assert_key (JM_NAME_CHANNEL, "", NULL);
  g_assert_true (jm_name_equal (JM_NAME_CHANNEL, "website", "web"));
}

static JmMap *
build_map (void)
{
  /* As typed on different days: the file keeps each spelling. */
  static const struct {
    const char *channel;
    const char *teams[4];
  } cards[] = {
    { "website", { "billing", "Support", NULL } },
    { "WhatsApp", { "Billing ", NULL } },
    { "web", { "  BILLING", "support", NULL } },
    { "whatsapp ", { "Caf\u00e9", NULL } },
    { "", { "Cafe\u0301", " ", NULL } },
    { "Drone", { NULL } },
    { "phone", { "Marketing  Ops", "marketing ops", NULL } },
  };
  JmMap *map = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Aware");
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Fridah");

  jm_map_append_stage (map, stage);
  jm_map_append_persona (map, persona);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, "s1", "p1", id);

      jm_touchpoint_set_channel (tp, cards[i].channel);
      jm_touchpoint_set_teams (tp, cards[i].teams);
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static void
assert_name (GPtrArray  *names,
             guint       index,
             const char *key,
             const char *label,
             const char *value)
{
  const JmName *name;

  g_assert_cmpuint (index, <, names->len);
  name = g_ptr_array_index (names, index);
  g_assert_cmpstr (name->key, ==, key);
  g_assert_cmpstr (name->label, ==, label);
  g_assert_cmpstr (name->value, ==, value);
}

static void
test_list_teams (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(GPtrArray) teams = jm_map_list_names (map, JM_NAME_TEAM);

  /* One entry for each team, shown as first written, in name order. */
  g_assert_cmpuint (teams->len, ==, 4);
  assert_name (teams, 0, "billing", "billing", "billing");
  assert_name (teams, 1, "caf\u00e9", "Caf\u00e9", "Caf\u00e9");
  assert_name (teams, 2, "marketing ops", "Marketing  Ops", "Marketing  Ops");
  assert_name (teams, 3, "support", "Support", "Support");
}

static void
test_list_channels (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(GPtrArray) channels = jm_map_list_names (map, JM_NAME_CHANNEL);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  g_autoptr(JmTouchpoint) first = g_list_model_get_item (touchpoints, 0);

  /* Known channels first, in the app's order and by their own label even
   * when typed otherwise; then the typed ones, as first written. */
  g_assert_cmpuint (channels->len, ==, 4);
  assert_name (channels, 0, "web", "Website", "web");
  assert_name (channels, 1, "phone", "Phone / call centre", "phone");
  assert_name (channels, 2, "drone", "Drone", "Drone");
  assert_name (channels, 3, "whatsapp", "WhatsApp", "WhatsApp");

  /* Listing changes nothing on the map. */
  g_assert_cmpstr (jm_touchpoint_get_channel (first), ==, "website");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/names/key/teams", test_key_teams);
  g_test_add_func ("/names/key/channels", test_key_channels);
  g_test_add_func ("/names/list/teams", test_list_teams);
  g_test_add_func ("/names/list/channels", test_list_channels);

  return g_test_run ();
}
