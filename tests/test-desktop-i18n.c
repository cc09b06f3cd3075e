/* test-desktop-i18n.c: the built translations load at run time
 *
 * Runs with LANGUAGE set to one translated language and the text domain
 * bound to the build's message catalogues, then checks strings from the
 * core as a user meets them: a template's name, its stage names and the
 * title of a new map.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-desktop-i18n"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "jm-map.h"

typedef struct
{
  const char *language;
  const char *lifecycle;
  const char *first_stage;
  const char *last_stage;
  const char *moment_stage;
  const char *untitled;
  const char *customer;
} Expected;

/* These mirror po/de.po and po/es.po; a changed translation changes them. */
static const Expected expected[] = {
  { "de", "Kundenlebenszyklus", "Bedarf", "Weiterempfehlung", "Beherrschung & Aktivierung",
    "Unbenannte Journey", "Kunde" },
  { "es", "Ciclo de vida del cliente", "Necesidad", "Recomendación", "Dominio y activación",
    "Recorrido sin título", "Cliente" },
};

static const Expected *
expected_for_language (void)
{
  const char *language = g_getenv ("LANGUAGE");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_strcmp0 (language, expected[i].language) == 0)
      return &expected[i];
  return NULL;
}

static const char *
stage_name (JmMap *map,
            guint  position)
{
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), position);

  g_assert_nonnull (stage);
  return jm_stage_get_name (stage);
}

static void
test_template_translated (void)
{
  const Expected *want = expected_for_language ();
  g_autoptr(JmMap) lifecycle = NULL;
  g_autoptr(JmMap) cycle = NULL;
  g_autoptr(JmPersona) persona = NULL;
  guint n_stages;

  g_assert_nonnull (want);

  g_assert_cmpstr (jm_map_get_template_label ("lifecycle"), ==, want->lifecycle);

  lifecycle = jm_map_new_from_template ("lifecycle");
  g_assert_nonnull (lifecycle);
  n_stages = g_list_model_get_n_items (jm_map_get_stages (lifecycle));
  g_assert_cmpuint (n_stages, ==, 8);
  g_assert_cmpstr (stage_name (lifecycle, 0), ==, want->first_stage);
  g_assert_cmpstr (stage_name (lifecycle, n_stages - 1), ==, want->last_stage);
  g_assert_cmpstr (jm_map_get_title (lifecycle), ==, want->untitled);

  persona = g_list_model_get_item (jm_map_get_personas (lifecycle), 0);
  g_assert_nonnull (persona);
  g_assert_cmpstr (jm_persona_get_name (persona), ==, want->customer);

  cycle = jm_map_new_from_template ("experience-cycle");
  g_assert_cmpstr (stage_name (cycle, 3), ==, want->moment_stage);
}

static void
test_every_template_translated (void)
{
  g_autofree const char **ids = jm_map_list_templates ();

  /* Every stage of every template has a translation: a string left in
   * English shows up in the middle of a German or Spanish map. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(JmMap) map = jm_map_new_from_template (ids[i]);
      GListModel *stages = jm_map_get_stages (map);
      g_autoptr(JmMap) source = NULL;
      g_autoptr(GPtrArray) english = NULL;
      g_autofree char *label = NULL;

      if (g_list_model_get_n_items (stages) == 0)
        continue;

      /* The same template in the source language, for comparison: gettext
       * ignores LANGUAGE in the C locale. */
      english = g_ptr_array_new_with_free_func (g_free);
      setlocale (LC_MESSAGES, "C");
      source = jm_map_new_from_template (ids[i]);
      label = g_strdup (jm_map_get_template_label (ids[i]));
      setlocale (LC_MESSAGES, "");
      if (g_strcmp0 (jm_map_get_template_label (ids[i]), label) == 0)
        g_test_fail_printf ("template name \"%s\" is not translated", label);
      for (guint s = 0; s < g_list_model_get_n_items (jm_map_get_stages (source)); s++)
        g_ptr_array_add (english, g_strdup (stage_name (source, s)));

      g_assert_cmpuint (english->len, ==, g_list_model_get_n_items (stages));
      for (guint s = 0; s < english->len; s++)
        if (g_strcmp0 (stage_name (map, s), g_ptr_array_index (english, s)) == 0)
          g_test_fail_printf ("template %s: stage \"%s\" is not translated",
                              ids[i], (const char *) g_ptr_array_index (english, s));
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("JM_TEST_LOCALEDIR");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/template-translated", test_template_translated);
  g_test_add_func ("/i18n/every-template-translated", test_every_template_translated);

  return g_test_run ();
}
