/* test-persona-sheet.c: one printable A4 sheet per persona, from the
 * export code and from the command line, read back with poppler's tools
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "jm-export.h"
#include "jm-file.h"

typedef struct
{
  char *dir;
  char *map_path;
} Fixture;

static JmMap *
sample_map (void)
{
  JmMap *map = jm_map_new ();
  JmStage *stage = jm_map_add_stage (map, -1, "Need");
  JmPersona *fridah = jm_map_add_persona (map, -1, "Fridah Wanjirū");
  JmPersona *jose = jm_map_add_persona (map, -1, "José Núñez");
  const char * const goals[] = { "Learn video editing", "Pay less than 10 € a month", NULL };
  const char * const jose_goals[] = { "Keep his café open", NULL };

  jm_persona_set_age (fridah, 29);
  jm_persona_set_quote (fridah, "Show me, don’t tell me.");
  jm_persona_set_goals (fridah, goals);
  jm_persona_set_quote (jose, "Llámame, por favor.");
  jm_persona_set_goals (jose, jose_goals);
  jm_map_add_touchpoint (map, stage, fridah, -1, "Watches a tutorial");
  return map;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-persona-sheet-XXXXXX", &error);
  g_assert_no_error (error);
  f->map_path = g_build_filename (f->dir, "personas.journey", NULL);
  file = g_file_new_for_path (f->map_path);
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_all (f->dir);
  g_free (f->dir);
  g_free (f->map_path);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* pdfinfo says how many pages and what size; pdftotext what a reader sees. */
static void
check_pdf (const char *path,
           guint       n_pages,
           const char * const *texts)
{
  const char *info_argv[] = { "pdfinfo", path, NULL };
  const char *text_argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *info = run (info_argv);
  g_autofree char *text = run (text_argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  g_assert_cmpuint (g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10), ==, n_pages);
  /* A4 portrait, give or take a rounding. */
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  for (guint i = 0; texts[i] != NULL; i++)
    if (strstr (text, texts[i]) == NULL)
      g_error ("“%s” is not in the sheet:\n%s", texts[i], text);
}

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  return info != NULL && text != NULL;
}

static void
test_export_api (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "fridah.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportOptions options;
  const char * const texts[] = { "Fridah Wanjirū", "Show me, don’t tell me.", "Learn video editing",
                                 "10 €", NULL };

  if (!have_poppler ())
    {
      g_test_skip ("pdfinfo and pdftotext are needed");
      return;
    }
  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_PERSONA;
  options.persona_ids = g_new0 (char *, 2);
  options.persona_ids[0] = g_strdup (jm_persona_get_id (g_list_model_get_item (jm_map_get_personas (map), 0)));
  g_object_unref (g_list_model_get_item (jm_map_get_personas (map), 0));
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jm_export_plan_get_n_pages (plan), ==, 1);
  g_assert_true (jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  jm_export_options_clear (&options);
  check_pdf (path, 1, texts);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  const char *exe = g_getenv ("JM_EXECUTABLE");
  g_autofree char *one = g_build_filename (f->dir, "fridah.pdf", NULL);
  g_autofree char *all = g_build_filename (f->dir, "all.pdf", NULL);
  g_autofree char *one_arg = g_strconcat ("--export=", one, NULL);
  g_autofree char *all_arg = g_strconcat ("--export=", all, NULL);
  const char *one_argv[] = { exe, one_arg, "--layout=persona", "--persona=Fridah Wanjirū", f->map_path, NULL };
  const char *all_argv[] = { exe, all_arg, "--layout=persona", f->map_path, NULL };
  const char * const one_texts[] = { "Fridah Wanjirū", "Show me, don’t tell me.", "Learn video editing", NULL };
  const char * const all_texts[] = { "Fridah Wanjirū", "José Núñez", "Llámame, por favor.",
                                     "Keep his café open", NULL };
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;

  if (exe == NULL || !have_poppler ())
    {
      g_test_skip ("JM_EXECUTABLE, pdfinfo and pdftotext are needed");
      return;
    }
  out1 = run (one_argv);
  check_pdf (one, 1, one_texts);
  out2 = run (all_argv);
  check_pdf (all, 2, all_texts);
}

/* Ana rates five touchpoints 1 to 5 across three of four stages, the
 * one rated 5 a moment of truth; Ben has a touchpoint, unrated. */
static JmMap *
journey_map (void)
{
  JmMap *map = jm_map_new ();
  const char *stages[] = { "Need", "Buy", "Use", "Help" };
  const char *titles[] = { "Rated one", "Rated two", "Rated three", "Rated four", "Rated five" };
  const guint at[] = { 0, 1, 1, 3, 3 };
  JmStage *stage[G_N_ELEMENTS (stages)];
  JmPersona *ana = jm_map_add_persona (map, -1, "Ana");
  JmPersona *ben = jm_map_add_persona (map, -1, "Ben");

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    stage[i] = jm_map_add_stage (map, -1, stages[i]);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      JmTouchpoint *tp = jm_map_add_touchpoint (map, stage[at[i]], ana, -1, titles[i]);

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, (int) i + 1);
      jm_touchpoint_set_emotion (tp, (int) i - 2);
      jm_touchpoint_set_moment_of_truth (tp, i == 4);
    }
  jm_map_add_touchpoint (map, stage[2], ben, -1, "Not rated");
  return map;
}

static char *
export_journey (Fixture    *f,
                JmMap      *map,
                const char *paper,
                double     *smallest)
{
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("journey-%s.pdf", paper);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportOptions options;

  jm_export_options_init (&options);
  g_assert_true (jm_export_options_apply (&options, "persona", paper, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jm_export_plan_get_n_pages (plan), ==, 2);
  *smallest = jm_export_plan_get_smallest_text (plan);
  g_assert_true (jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  jm_export_options_clear (&options);
  return path;
}

/* Each sheet shows the persona's curve over every stage, their moments of
 * truth, and their three most urgent touchpoints in the ranking's order;
 * a persona with neither emotions nor scores is told so. Type grows with
 * the paper, and a sheet with little on it grows no more than so much. */
static void
test_journey (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JmMap) map = journey_map ();
  g_autofree char *a4 = NULL;
  g_autofree char *a3 = NULL;
  g_autofree char *a0 = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  double s4, s3, s0;
  const char *worst, *one, *two, *three;

  a4 = export_journey (f, map, "A4", &s4);
  a3 = export_journey (f, map, "A3", &s3);
  a0 = export_journey (f, map, "A0", &s0);
  /* Sheets are never printed under actual size on A4, where the smallest
   * text is 7 pt, nor more than twice that on it; each larger paper
   * prints larger. */
  g_assert_cmpfloat (s4, >=, 7);
  g_assert_cmpfloat (s4, <, 14);
  g_assert_cmpfloat (s3, >, s4 * 1.3);
  g_assert_cmpfloat (s0, >, s3 * 2.5);

  if (!have_poppler ())
    {
      g_test_skip ("pdftotext is needed");
      return;
    }
  {
    /* In reading order: each column as a block. */
    const char *argv[] = { "pdftotext", a4, "-", NULL };
    text = run (argv);
  }
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 2);

  g_assert_nonnull (strstr (pages[0], "Ana"));
  g_assert_nonnull (strstr (pages[0], "Emotion across the journey"));
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (pages[0], (const char *[]) { "Need", "Buy", "Use", "Help" }[i]));
  g_assert_nonnull (strstr (pages[0], "Moments of truth"));
  g_assert_nonnull (strstr (pages[0], "Rated five"));
  worst = strstr (pages[0], "Worst touchpoints");
  g_assert_nonnull (worst);
  one = strstr (worst, "Rated one");
  two = strstr (worst, "Rated two");
  three = strstr (worst, "Rated three");
  g_assert_true (one != NULL && two != NULL && three != NULL);
  g_assert_true (one < two && two < three);
  g_assert_null (strstr (worst, "Rated four"));
  g_assert_nonnull (strstr (worst, "and 2 more"));

  /* Ben's sheet, its words run together: the columns wrap lines. */
  g_assert_nonnull (strstr (pages[1], "Ben"));
  {
    GString *words = g_string_new (NULL);

    for (const char *c = pages[1]; *c != '\0'; c++)
      if (!g_ascii_isspace (*c))
        g_string_append_c (words, *c);
    g_assert_nonnull (strstr (words->str, "Noneoftheirtouchpointshasanemotionyet."));
    g_assert_nonnull (strstr (words->str, "Noneoftheirtouchpointsismarkedasamomentoftruth."));
    g_assert_nonnull (strstr (words->str, "Noneoftheirtouchpointsisscoredyet."));
    g_string_free (words, TRUE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/persona-sheet/export-api", Fixture, NULL, fixture_set_up, test_export_api,
              fixture_tear_down);
  g_test_add ("/persona-sheet/journey", Fixture, NULL, fixture_set_up, test_journey,
              fixture_tear_down);
  g_test_add ("/persona-sheet/command-line", Fixture, NULL, fixture_set_up, test_command_line,
              fixture_tear_down);

  return g_test_run ();
}
