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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/persona-sheet/export-api", Fixture, NULL, fixture_set_up, test_export_api,
              fixture_tear_down);
  g_test_add ("/persona-sheet/command-line", Fixture, NULL, fixture_set_up, test_command_line,
              fixture_tear_down);

  return g_test_run ();
}
