/* test-export-flow.c: what is taller than a sheet continues on the next
 * sheet, and nothing is printed past a sheet's foot
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jm-export.h"

#define N_WORDS 1500

/* Thousands of characters, each word numbered so that a missing one is
 * found. */
static char *
long_text (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= N_WORDS; i++)
    g_string_append_printf (text, "%sw%04u%s", i > 1 ? " " : "", i, i % 37 == 0 ? "." : "");
  return g_string_free (text, FALSE);
}

/* Three stages, one lane; the second stage holds a touchpoint whose needs
 * are a long text, and the persona's notes are another. */
static JmMap *
make_map (void)
{
  JmMap *map = jm_map_new ();
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Juliet");
  g_autofree char *needs = long_text ();
  const char *stages[] = { "Need", "Research", "Purchase" };

  jm_map_set_title (map, "A very long need");
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(JmStage) stage = jm_stage_new (id, stages[i]);

      jm_map_append_stage (map, stage);
    }
  jm_persona_set_notes (persona, needs);
  jm_map_append_persona (map, persona);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autofree char *stage = g_strdup_printf ("s%u", i + 1);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, "p1", "Order online");

      jm_touchpoint_set_row (tp, JM_ROW_ACTIONS, "Fills in the form");
      jm_touchpoint_set_row (tp, JM_ROW_NEEDS, i == 1 ? needs : "A clear price");
      jm_touchpoint_set_row (tp, JM_ROW_METRICS, "CSAT");
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static char *
pdftotext (const char *pdf)
{
  const char *path = g_getenv ("PDFTOTEXT");
  g_autofree char *found = path != NULL && *path != '\0' ? g_strdup (path)
                                                         : g_find_program_in_path ("pdftotext");
  const char *argv[] = { found, pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (found == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

/* Inked pixels of @page in the band from @y1 to @y2 (points), drawn at
 * two pixels a point. */
static guint
inked_in_band (JmExportPlan *plan,
               guint         page,
               double        x1,
               double        x2,
               double        y1,
               double        y2)
{
  double w, h;
  cairo_surface_t *image;
  cairo_t *cr;
  guint inked = 0;

  jm_export_plan_get_page_size (plan, &w, &h);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * 2), (int) (h * 2));
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  jm_export_plan_draw_page (plan, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (image);

  for (int y = (int) (y1 * 2); y < (int) (y2 * 2); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image) +
                                              y * cairo_image_surface_get_stride (image));

      for (int x = (int) (x1 * 2); x < (int) (x2 * 2); x++)
        inked += (row[x] & 0xffffff) != 0xffffff;
    }
  cairo_surface_destroy (image);
  return inked;
}

static void
check_layout (const char *layout,
              const char *paper,
              gboolean    landscape)
{
  g_autoptr(JmMap) map = make_map ();
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jm-flow-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint last_long = 0;
  JmExportOptions options;
  double w, h, m;
  guint n_pages;

  g_assert_no_error (error);
  jm_export_options_init (&options);
  g_assert_true (jm_export_options_apply (&options, layout, paper,
                                          landscape ? "landscape" : "portrait",
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  options.date = 0;
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);
  n_pages = jm_export_plan_get_n_pages (plan);
  g_assert_cmpuint (n_pages, >=, 2);

  g_assert_true (jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdftotext (pdf);
  pages = text != NULL ? g_strsplit (text, "\f", -1) : NULL;

  /* The last page that shows some of the long text. */
  for (guint page = 0; pages != NULL && pages[page] != NULL; page++)
    if (strstr (pages[page], "w0") != NULL)
      last_long = page;

  /* Between the foot of what a page prints and its footer, every page is
   * blank: the long text continues on the next page instead. */
  jm_export_plan_get_page_size (plan, &w, &h);
  m = options.margin;
  for (guint page = 0; page < n_pages; page++)
    {
      g_assert_cmpuint (inked_in_band (plan, page, 0, w, h - m - 11, h - m + 1.5), ==, 0);
      /* ...and what is printed reaches close to the foot on the pages
       * that the long text fills, not on pages of the stages beside it. */
      if (page < last_long && strstr (pages[page], "w0") != NULL)
        g_assert_cmpuint (inked_in_band (plan, page, 0, w, h - m - 60, h - m - 12), >, 0);
    }

  /* Every word is printed, once. */
  if (text == NULL)
    g_test_skip ("pdftotext is not installed");
  else
    for (guint i = 1; i <= N_WORDS; i++)
      {
        g_autofree char *word = g_strdup_printf ("w%04u", i);
        const char *at = strstr (text, word);

        if (at == NULL)
          g_error ("%s is missing from the PDF", word);
        g_assert_null (strstr (at + 1, word));
      }

  g_unlink (pdf);
  g_rmdir (dir);
  jm_export_options_clear (&options);
}

static void
test_long_item_a4 (void)
{
  check_layout ("grid", "A4", FALSE);
}

static void
test_long_item_letter_landscape (void)
{
  check_layout ("grid", "Letter", TRUE);
}

static void
test_long_persona_notes (void)
{
  check_layout ("persona", "A4", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-flow/long-item-a4", test_long_item_a4);
  g_test_add_func ("/export-flow/long-item-letter-landscape", test_long_item_letter_landscape);
  g_test_add_func ("/export-flow/long-persona-notes", test_long_persona_notes);

  return g_test_run ();
}
