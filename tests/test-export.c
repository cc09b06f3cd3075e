/* test-export.c: PDF, PNG and SVG export of the grid, board and persona
 * layouts, checked with the tools a reader would use
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "jm-export.h"
#include "jm-votes.h"

static const char *stage_names[] = {
  "Need", "Research", "Sélection", "Purchase", "Receive", NULL
};

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
png_picture (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
  cairo_t *cr = cairo_create (s);
  GByteArray *out = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.2, 0.6, 0.3);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (s, append_bytes, out);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (out);
}

/* A small map in two lanes, with accents, Greek and Cyrillic. */
static JmMap *
make_map (guint extra_in_one_cell)
{
  JmMap *map = jm_map_new ();
  g_autoptr(JmPersona) juliet = jm_persona_new ("p1", "Juliet");
  g_autoptr(JmPersona) eleni = jm_persona_new ("p2", "Ελένη");
  const char *goals[] = { "Order on her phone", "Chat, never call", NULL };
  const char *teams[] = { "Sales", "Billing", NULL };
  g_autoptr(GBytes) picture = png_picture ();

  jm_map_set_title (map, "Café delivery — as is");
  for (guint i = 0; stage_names[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(JmStage) stage = jm_stage_new (id, stage_names[i]);

      jm_map_append_stage (map, stage);
    }
  jm_persona_set_colour (juliet, "#cc79a7");
  jm_persona_set_age (juliet, 26);
  jm_persona_set_role (juliet, "Shops on her phone");
  jm_persona_set_quote (juliet, "If I can't chat, I leave.");
  jm_persona_set_goals (juliet, goals);
  jm_persona_set_picture (juliet, picture, "image/png");
  jm_persona_set_colour (eleni, "#0072b2");
  jm_persona_set_age (eleni, 44);
  jm_persona_set_bio (eleni, "Διαβάζει το εγχειρίδιο στον ιστότοπο.");
  jm_map_append_persona (map, juliet);
  jm_map_append_persona (map, eleni);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autofree char *stage = g_strdup_printf ("s%u", i % 5 + 1);
      g_autofree char *title = i == 3 ? g_strdup ("Звонок в поддержку")
                                      : g_strdup_printf ("Touchpoint %u — réponse", i + 1);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, i < 5 ? "p1" : "p2", title);
      g_autofree char *action = g_strdup_printf ("Action %u", i + 1);
      g_autofree char *metric = g_strdup_printf ("Metric %u: CSAT", i + 1);

      jm_touchpoint_set_channel (tp, i % 2 ? "web" : "live-chat");
      jm_touchpoint_set_row (tp, JM_ROW_ACTIONS, action);
      jm_touchpoint_set_row (tp, JM_ROW_NEEDS, "Needs a clear price");
      jm_touchpoint_set_row (tp, JM_ROW_THOUGHTS, "Worried about delivery");
      jm_touchpoint_set_row (tp, JM_ROW_OPPORTUNITIES, "Show the total early");
      jm_touchpoint_set_row (tp, JM_ROW_METRICS, metric);
      jm_touchpoint_set_emotion (tp, (int) (i % 5) - 2);
      jm_touchpoint_set_moment_of_truth (tp, i == 2);
      jm_touchpoint_set_teams (tp, teams);
      jm_touchpoint_set_rating (tp, JM_MEASURE_RESPONSIVENESS, i % 5 + 1);
      jm_touchpoint_set_rating (tp, JM_MEASURE_CONVENIENCE, 3);
      jm_map_append_touchpoint (map, tp);
    }

  for (guint i = 0; i < extra_in_one_cell; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i + 1);
      g_autofree char *title = g_strdup_printf ("Extra %03u", i + 1);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, "s2", "p1", title);

      jm_touchpoint_set_row (tp, JM_ROW_NEEDS, "A need long enough to wrap over more than one line in its cell");
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

/* ------------------------------------------------------------- helpers */

static char *
tool (const char *name)
{
  const char *path = g_getenv (name);
  char *found = path != NULL && *path != '\0' ? g_strdup (path) : NULL;

  if (found == NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      found = g_find_program_in_path (lower);
    }
  return found;
}

/* Runs a tool on @file; skips the test when the tool is missing. */
static gboolean
run_tool (const char  *name,
          const char  *arg,
          const char  *file,
          char       **out,
          int         *status)
{
  g_autofree char *path = tool (name);
  g_autoptr(GError) error = NULL;
  const char *argv[6] = { 0 };
  g_autofree char *captured = NULL;
  int i = 0;

  if (path == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s is not installed", name);
      g_test_skip (msg);
      return FALSE;
    }
  argv[i++] = path;
  if (arg != NULL)
    argv[i++] = arg;
  argv[i++] = file;
  if (g_str_equal (name, "PDFTOTEXT"))
    argv[i++] = "-";
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &captured, NULL, status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&captured);
  return TRUE;
}

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  char *dir = tmp_dir;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;
      dir = tmp_dir = g_dir_make_tmp ("jm-export-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return g_build_filename (dir, name, NULL);
}

static char *
export (JmMap                 *map,
        const JmExportOptions *options,
        const char            *name,
        guint                 *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, options, &error);
  g_autofree char *path = tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportFormat format;

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_true (jm_export_format_for_path (path, &format, NULL));
  g_assert_true (jm_export_plan_write (plan, file, format, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = jm_export_plan_get_n_pages (plan);
  return g_steal_pointer (&path);
}

static void
options_for (JmExportOptions *options,
             const char      *layout,
             const char      *paper,
             const char      *orientation,
             const char      *tiles,
             const char      *scale)
{
  g_autoptr(GError) error = NULL;

  jm_export_options_init (options);
  options->date = 1700000000;
  options->source_name = g_strdup ("cafe.journey");
  g_assert_true (jm_export_options_apply (options, layout, paper, orientation, tiles, scale,
                                          NULL, &error));
  g_assert_no_error (error);
}

static int
pdf_pages (const char *path,
           double     *width,
           double     *height)
{
  g_autofree char *out = NULL;
  int status = 0, pages = -1;

  if (!run_tool ("PDFINFO", NULL, path, &out, &status))
    return -1;
  g_assert_cmpint (status, ==, 0);
  for (char **l = g_strsplit (out, "\n", -1), **p = l; *p != NULL || (g_strfreev (l), FALSE); p++)
    {
      if (g_str_has_prefix (*p, "Pages:"))
        pages = atoi (*p + 6);
      else if (g_str_has_prefix (*p, "Page size:"))
        sscanf (*p + 10, "%lf x %lf", width, height);
    }
  return pages;
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_close (double a,
              double b)
{
  g_assert_cmpfloat (fabs (a - b), <, 1.0);
}

/* --------------------------------------------------------------- tests */

static void
test_paper_parse (void)
{
  g_autoptr(GError) error = NULL;
  double w, h, l;
  guint c, r;

  g_assert_true (jm_paper_parse ("a4", &w, &h, NULL));
  assert_close (w, 595.28);
  assert_close (h, 841.89);
  g_assert_true (jm_paper_parse ("Tabloid", &w, &h, NULL));
  assert_close (w, 792);
  assert_close (h, 1224);
  g_assert_true (jm_paper_parse ("500x300mm", &w, &h, NULL));
  assert_close (w, JM_MM_TO_PT (300));
  assert_close (h, JM_MM_TO_PT (500));

  g_assert_false (jm_paper_parse ("A7", &w, &h, &error));
  g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
  g_assert_nonnull (strstr (error->message, "A7"));
  g_assert_nonnull (strstr (error->message, "Letter"));
  g_clear_error (&error);
  g_assert_false (jm_paper_parse ("5x5mm", &w, &h, NULL));

  g_assert_true (jm_length_parse ("10mm", &l, NULL));
  assert_close (l, 28.35);
  g_assert_true (jm_length_parse ("1in", &l, NULL));
  assert_close (l, 72);
  g_assert_false (jm_length_parse ("10 furlongs", &l, &error));
  g_assert_nonnull (strstr (error->message, "furlongs"));
  g_clear_error (&error);

  g_assert_true (jm_tiles_parse ("3x2", &c, &r, NULL));
  g_assert_cmpuint (c, ==, 3);
  g_assert_cmpuint (r, ==, 2);
  g_assert_false (jm_tiles_parse ("3", &c, &r, NULL));
  g_assert_false (jm_tiles_parse ("0x2", &c, &r, NULL));

  g_assert_true (jm_scale_parse ("150%", &l, NULL));
  assert_close (l * 100, 150);
  g_assert_false (jm_scale_parse ("big", &l, &error));
  g_assert_nonnull (strstr (error->message, "big"));
}

static void
test_options_refused (void)
{
  JmExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = make_map (0);
  const char *wrong[] = { "Nobody", NULL };
  const char *right[] = { "ελένη", "p1", NULL };
  g_auto(GStrv) ids = NULL;

  jm_export_options_init (&options);
  g_assert_false (jm_export_options_apply (&options, "grids", NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "grids"));
  g_assert_nonnull (strstr (error->message, "board"));
  g_clear_error (&error);
  g_assert_false (jm_export_options_apply (&options, NULL, NULL, "sideways", NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "sideways"));
  g_assert_nonnull (strstr (error->message, "landscape"));
  g_clear_error (&error);
  g_assert_false (jm_export_options_apply (&options, NULL, NULL, NULL, "2x2", "150%", NULL, &error));
  g_clear_error (&error);

  g_assert_null (jm_export_resolve_personas (map, wrong, &error));
  g_assert_nonnull (strstr (error->message, "Nobody"));
  g_assert_nonnull (strstr (error->message, "Juliet"));
  g_clear_error (&error);
  ids = jm_export_resolve_personas (map, right, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "p1");

  g_assert_false (jm_export_format_for_path ("out.docx", &(JmExportFormat) { 0 }, &error));
  g_assert_nonnull (strstr (error->message, "out.docx"));
  jm_export_options_clear (&options);
}

static void
test_pdf_grid (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  int status = -1;
  double w = 0, h = 0;

  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  path = export (map, &options, "grid.pdf", NULL);

  /* One grid per lane, landscape A4; the five stages do not fit across
   * one sheet at a readable size, so each grid is on two. */
  if (pdf_pages (path, &w, &h) < 0)
    return;
  g_assert_cmpint (pdf_pages (path, &w, &h), ==, 4);
  assert_close (w, 841.89);
  assert_close (h, 595.28);

  if (!run_tool ("QPDF", "--check", path, NULL, &status))
    return;
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  if (!run_tool ("PDFFONTS", NULL, path, &fonts, &status))
    return;
  {
    g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
    guint n_fonts = 0;

    /* Two header lines, then one font a line, "emb" the third yes/no column from the right. */
    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cols = NULL;
        guint n;

        if (*lines[i] == '\0')
          continue;
        cols = g_regex_split_simple ("\\s+", lines[i], 0, 0);
        n = g_strv_length (cols);
        g_assert_cmpuint (n, >=, 7);
        g_assert_cmpstr (cols[n - 5], ==, "yes");
        n_fonts++;
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }

  if (!run_tool ("PDFTOTEXT", "-layout", path, &text, &status))
    return;
  for (guint i = 0; stage_names[i] != NULL; i++)
    g_assert_nonnull (strstr (text, stage_names[i]));
  /* Row headings wrap in their narrow column: compare without spaces. */
  {
    g_autofree char *raw = NULL;
    g_autofree char *flat = NULL;

    if (!run_tool ("PDFTOTEXT", "-raw", path, &raw, &status))
      return;
    flat = squeeze (raw);
    for (guint r = 0; r < JM_N_ROWS; r++)
      {
        g_autofree char *label = squeeze (jm_row_get_label (r));
        g_assert_nonnull (strstr (flat, label));
      }
    g_assert_nonnull (strstr (flat, "Touchpoints&channels"));
  }
  g_assert_nonnull (strstr (text, "Звонок в поддержку"));
  g_assert_nonnull (strstr (text, "Ελένη"));
  g_assert_nonnull (strstr (text, "Café delivery"));
  g_assert_nonnull (strstr (text, "Journey Mapper " PACKAGE_VERSION));
  g_assert_nonnull (strstr (text, "cafe.journey"));
  g_assert_nonnull (strstr (text, "2023-11-14"));
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("Touchpoint %u — réponse", i);
      g_autofree char *metric = g_strdup_printf ("Metric %u: CSAT", i);

      if (i != 4)
        g_assert_nonnull (strstr (text, title));
      g_assert_nonnull (strstr (text, metric));
    }
  jm_export_options_clear (&options);
}

static void
test_pdf_papers (void)
{
  g_autoptr(JmMap) map = make_map (0);
  const char *papers[] = { "A4", "A3", "A2", "A1", "A0", "Letter", "Legal", "Tabloid", "300x200mm" };
  const double sizes[][2] = {
    { 210, 297 }, { 297, 420 }, { 420, 594 }, { 594, 841 }, { 841, 1189 },
    { 215.9, 279.4 }, { 215.9, 355.6 }, { 279.4, 431.8 }, { 200, 300 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    for (guint landscape = 0; landscape < 2; landscape++)
      {
        JmExportOptions options;
        g_autofree char *name = g_strdup_printf ("paper-%s-%u.pdf", papers[i], landscape);
        g_autofree char *path = NULL;
        double w = 0, h = 0;
        guint n_pages = 0;

        options_for (&options, "board", papers[i], landscape ? "landscape" : "portrait", NULL, NULL);
        path = export (map, &options, name, &n_pages);
        if (pdf_pages (path, &w, &h) < 0)
          return;
        g_assert_cmpint (pdf_pages (path, &w, &h), ==, (int) n_pages);
        assert_close (w, JM_MM_TO_PT (sizes[i][landscape]));
        assert_close (h, JM_MM_TO_PT (sizes[i][!landscape]));
        jm_export_options_clear (&options);
      }
}

static void
test_pdf_tiles (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  int status;
  double w = 0, h = 0;
  guint cols = 0, rows = 0, n_pages = 0;

  options_for (&options, "grid", "A4", "portrait", "3x2", NULL);
  path = export (map, &options, "tiles.pdf", NULL);
  if (pdf_pages (path, &w, &h) < 0)
    return;
  /* The assembly page, then 3 x 2 tiles. */
  g_assert_cmpint (pdf_pages (path, &w, &h), ==, 7);
  assert_close (w, 595.28);
  assert_close (h, 841.89);
  if (!run_tool ("QPDF", "--check", path, NULL, &status))
    return;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (!run_tool ("PDFTOTEXT", "-layout", path, &text, &status))
    return;
  g_assert_nonnull (strstr (text, "Assembly"));
  g_assert_nonnull (strstr (text, "B1 — row 2, column 1 of 3×2"));
  g_assert_nonnull (strstr (text, "A3 — row 1, column 3 of 3×2"));
  jm_export_options_clear (&options);

  /* By scale: the sheet count follows from the poster's size. */
  options_for (&options, "board", "A4", "landscape", NULL, "150%");
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, &options, NULL);
    double pw, ph;

    g_assert_true (jm_export_plan_get_tiles (plan, &cols, &rows));
    jm_export_plan_get_poster_size (plan, &pw, &ph);
    /* Each sheet adds its width less the overlap. */
    g_assert_cmpfloat ((cols - 1) * (841.89 - 2 * options.margin - options.overlap), <, pw * 1.5);
    g_assert_cmpfloat (cols * (841.89 - 2 * options.margin - options.overlap) + options.overlap, >=, pw * 1.5);
  }
  g_clear_pointer (&path, g_free);
  path = export (map, &options, "scale.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1 + cols * rows);
  g_assert_cmpint (pdf_pages (path, &w, &h), ==, (int) n_pages);
  jm_export_options_clear (&options);
}

static cairo_surface_t *
draw_page (JmExportPlan *plan,
           guint         page)
{
  double w, h;
  cairo_surface_t *image;
  cairo_t *cr;

  jm_export_plan_get_page_size (plan, &w, &h);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jm_export_plan_draw_page (plan, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* Counts the pixels that differ between a rectangle of @a and one of @b;
 * cairo may shade the edge of a sloping line a few levels apart when
 * the path is cut at a different place, which is not a difference. */
static guint
count_differences (cairo_surface_t *a,
                   int              ax,
                   int              ay,
                   cairo_surface_t *b,
                   int              bx,
                   int              by,
                   int              width,
                   int              height)
{
  guint n = 0;

  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) + (ay + y) * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) + (by + y) * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width; x++)
        for (int shift = 0; shift <= 16; shift += 8)
          if (abs ((int) ((ra[ax + x] >> shift) & 0xff) - (int) ((rb[bx + x] >> shift) & 0xff)) > 24)
            {
              n++;
              break;
            }
    }
  return n;
}

static void
test_tiles_align (void)
{
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(JmExportPlan) plan = NULL;
  JmExportOptions options;
  cairo_surface_t *a1, *a2, *b1;
  guint inked = 0;
  /* Whole points, so that a point is a pixel and shifts are exact. */
  const int m = 30, o = 20, w = 400, h = 600, cw = w - 2 * m, ch = h - 2 * m;

  options_for (&options, "grid", "A4", "portrait", "2x2", NULL);
  options.paper_width = w;
  options.paper_height = h;
  options.margin = m;
  options.overlap = o;
  plan = jm_export_plan_new (map, &options, NULL);
  g_assert_nonnull (plan);

  /* Pages: the assembly page, then A1, A2, B1, B2. */
  a1 = draw_page (plan, 1);
  a2 = draw_page (plan, 2);
  b1 = draw_page (plan, 3);

  /* The right strip of A1 is the left strip of A2, pixel for pixel, and
   * A1's foot is B1's head; only the dashed alignment lines, whose dashes
   * start at each sheet's edge, are left out. */
  g_assert_cmpuint (count_differences (a1, m + cw - o + 2, m, a2, m + 2, m, o - 3, ch - o - 2), ==, 0);
  g_assert_cmpuint (count_differences (a1, m + cw - o + 2, m + ch - o + 2, a2, m + 2, m + ch - o + 2,
                                       o - 3, o - 3), ==, 0);
  g_assert_cmpuint (count_differences (a1, m, m + ch - o + 2, b1, m, m + 2, cw - o - 2, o - 3), ==, 0);

  /* ...and that strip is not blank: the grid runs across it. */
  for (int y = m; y < m + ch; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (a2) + y * cairo_image_surface_get_stride (a2));

      for (int x = m + 2; x < m + o - 1; x++)
        inked += (row[x] & 0xffffff) != 0xffffff;
    }
  g_assert_cmpuint (inked, >, 50);

  cairo_surface_destroy (a1);
  cairo_surface_destroy (a2);
  cairo_surface_destroy (b1);
  jm_export_options_clear (&options);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
test_pdf_reproducible (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GBytes) ba = NULL;
  g_autoptr(GBytes) bb = NULL;
  g_autofree char *info = NULL;
  int status;

  options_for (&options, "grid", "A3", NULL, "2x2", NULL);
  a = export (map, &options, "same-a.pdf", NULL);
  b = export (map, &options, "same-b.pdf", NULL);
  ba = read_bytes (a);
  bb = read_bytes (b);
  g_assert_true (g_bytes_equal (ba, bb));

  if (!run_tool ("PDFINFO", NULL, a, &info, &status))
    return;
  g_assert_nonnull (strstr (info, "Café delivery — as is"));
  g_assert_nonnull (strstr (info, "Journey Mapper " PACKAGE_VERSION));
  jm_export_options_clear (&options);
}

/* Mean absolute difference of two images' grey levels, 0 to 255. */
static double
image_difference (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  double sum = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        {
          int ga = ((ra[x] >> 16 & 0xff) + (ra[x] >> 8 & 0xff) + (ra[x] & 0xff)) / 3;
          int gb = ((rb[x] >> 16 & 0xff) + (rb[x] >> 8 & 0xff) + (rb[x] & 0xff)) / 3;
          sum += abs (ga - gb);
        }
    }
  return sum / (w * h);
}

static void
test_pdf_looks_right (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *prefix = tmp_path ("page");
  g_autofree char *page = tmp_path ("page-1.png");
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "files", "export-grid-a4.png", NULL);
  g_autofree char *pdftoppm = tool ("PDFTOPPM");
  const char *argv[] = { pdftoppm, "-r", "20", "-png", "-f", "1", "-l", "1", NULL, NULL, NULL };
  cairo_surface_t *actual, *expected;
  int status = 0;
  double diff, ink;

  if (pdftoppm == NULL)
    {
      g_test_skip ("pdftoppm is not installed");
      return;
    }
  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  path = export (map, &options, "look.pdf", NULL);
  argv[8] = path;
  argv[9] = prefix;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  g_assert_cmpint (status, ==, 0);

  actual = cairo_image_surface_create_from_png (page);
  expected = cairo_image_surface_create_from_png (expected_path);
  g_assert_cmpint (cairo_surface_status (actual), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  diff = image_difference (actual, expected);
  {
    cairo_surface_t *blank = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         cairo_image_surface_get_width (expected),
                                                         cairo_image_surface_get_height (expected));
    cairo_t *cr = cairo_create (blank);

    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_destroy (cr);
    ink = image_difference (blank, expected);
    cairo_surface_destroy (blank);
  }
  g_test_message ("mean difference from the expected page: %.2f; a blank page differs by %.2f",
                  diff, ink);
  /* Font versions shift glyphs by a pixel or so; a lost column, row or
   * page of text moves a good part of what a blank page would. */
  g_assert_cmpfloat (ink, >, 5);
  g_assert_cmpfloat (diff, <, ink / 5);
  cairo_surface_destroy (actual);
  cairo_surface_destroy (expected);
  jm_export_options_clear (&options);
}

static void
test_png (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  cairo_surface_t *image;
  g_autoptr(JmExportPlan) plan = NULL;
  double pw, ph;

  options_for (&options, "board", "A4", NULL, "2x2", NULL);
  path = export (map, &options, "board.png", NULL);
  plan = jm_export_plan_new (map, &options, NULL);
  jm_export_plan_get_poster_size (plan, &pw, &ph);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The whole layout in one image, two pixels a point, with the margin
   * round it. */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                   (int) ceil ((pw + 2 * options.margin) * 2));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                   (int) ceil ((ph + 2 * options.margin) * 2));
  cairo_surface_destroy (image);
  jm_export_options_clear (&options);
}

/* Pixels near the colour of voting dots. */
static guint
count_vote_colour (const char *path)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);
  int w = cairo_image_surface_get_width (image);
  int h = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (abs (r - 0x81) < 12 && abs (g - 0x3d) < 12 && abs (b - 0x9c) < 12)
          n++;
      }
  cairo_surface_destroy (image);
  return n;
}

/* The board printed shows each card's dots, as the board on screen does. */
static void
test_board_dots (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmVotes *votes = jm_map_get_votes (map);
  JmTouchpoint *first = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
  JmExportOptions options;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_before, n_after;

  options_for (&options, "board", "A4", NULL, NULL, NULL);
  before = export (map, &options, "board-no-dots.png", NULL);
  jm_votes_start_round (votes, "Which moments hurt most?", 3, FALSE);
  for (guint i = 0; i < 3; i++)
    g_assert_true (jm_votes_add_dot (votes, "r1", jm_touchpoint_get_id (first), "Ana", NULL));
  after = export (map, &options, "board-dots.png", NULL);
  n_before = count_vote_colour (before);
  n_after = count_vote_colour (after);
  g_test_message ("vote-coloured pixels: %u without dots, %u with", n_before, n_after);
  g_assert_cmpuint (n_after, >, n_before + 20);
  g_object_unref (first);
  jm_export_options_clear (&options);
}

static void
test_svg (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlChar *content;

  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  path = export (map, &options, "grid.svg", NULL);
  bytes = read_bytes (path);
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), "grid.svg",
                       NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  content = xmlNodeGetContent (root);
  g_assert_nonnull (strstr ((const char *) content, "Café delivery — as is"));
  g_assert_nonnull (strstr ((const char *) content, "Звонок в поддержку"));
  g_assert_nonnull (strstr ((const char *) content, "Sélection"));
  xmlFree (content);
  xmlFreeDoc (doc);
  jm_export_options_clear (&options);
}

/* A persona's channels as the board counts them: a known channel however
 * it was written, and each once. */
static void
test_persona_channels (void)
{
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  const char * const channels[] = { "website", " Web", "WhatsApp", "whatsapp ", NULL };
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  int status;
  double w = 0, h = 0;

  jm_persona_set_channels (persona, channels);
  options_for (&options, "persona", "A4", NULL, NULL, NULL);
  path = export (map, &options, "channels.pdf", NULL);
  jm_export_options_clear (&options);
  if (pdf_pages (path, &w, &h) < 0 || !run_tool ("PDFTOTEXT", "-layout", path, &text, &status))
    return;
  /* The profile: the journey below it names the touchpoints' channels. */
  g_assert_nonnull (strstr (text, "Emotion across the journey"));
  *strstr (text, "Emotion across the journey") = '\0';
  g_assert_nonnull (strstr (text, "Website"));
  g_assert_null (strstr (strstr (text, "Website") + 1, "Website"));
  g_assert_null (strstr (text, "website"));
  g_assert_nonnull (strstr (text, "WhatsApp"));
  g_assert_null (strstr (strstr (text, "WhatsApp") + 1, "WhatsApp"));
  g_assert_null (strstr (text, "whatsapp"));
}

static void
test_persona_sheets (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  int status;
  double w = 0, h = 0;

  options_for (&options, "persona", "Letter", NULL, NULL, NULL);
  path = export (map, &options, "personas.pdf", NULL);
  if (pdf_pages (path, &w, &h) < 0)
    return;
  g_assert_cmpint (pdf_pages (path, &w, &h), ==, 2);
  assert_close (w, 612);
  assert_close (h, 792);
  if (!run_tool ("PDFTOTEXT", "-layout", path, &text, &status))
    return;
  g_assert_nonnull (strstr (text, "Juliet"));
  g_assert_nonnull (strstr (text, "Chat, never call"));
  g_assert_nonnull (strstr (text, "Διαβάζει το εγχειρίδιο"));

  /* Juliet's PNG picture is drawn in the circle top left; Ελένη has
   * none and gets her initials on her colour (#0072b2). */
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, &options, NULL);

    for (guint page = 0; page < 2; page++)
      {
        cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
        cairo_t *cr = cairo_create (image);
        guint32 pixel;
        int x = (int) (options.margin + 20), y = (int) (options.margin + 48);

        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_paint (cr);
        jm_export_plan_draw_page (plan, cr, page);
        cairo_destroy (cr);
        cairo_surface_flush (image);
        pixel = ((guint32 *) (cairo_image_surface_get_data (image) +
                              y * cairo_image_surface_get_stride (image)))[x];
        {
          guint32 want = page == 0 ? 0x33994d : 0x0072b2;

          for (int shift = 0; shift <= 16; shift += 8)
            g_assert_cmpint (abs ((int) ((pixel >> shift) & 0xff) - (int) ((want >> shift) & 0xff)), <=, 2);
        }
        cairo_surface_destroy (image);
      }
  }
  jm_export_options_clear (&options);

  /* Persona sheets are not tiled. */
  options_for (&options, "persona", "A4", NULL, "2x2", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, &options, &error);

    g_assert_null (plan);
    g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
  }
  jm_export_options_clear (&options);
}

static void
test_continuation (void)
{
  g_autoptr(JmMap) map = make_map (120);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;
  int status;

  /* 120 touchpoints in one cell: the grid continues over several pages,
   * and every title is on one of them. */
  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  g_strfreev (options.persona_ids);
  options.persona_ids = g_strdupv ((char *[]) { "p1", NULL });
  path = export (map, &options, "long.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >, 2);
  if (!run_tool ("PDFTOTEXT", "-layout", path, &text, &status))
    return;
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Extra %03u", i);
      g_assert_nonnull (strstr (text, title));
    }
  g_assert_nonnull (strstr (text, "(continued)"));
  g_assert_null (strstr (text, "Ελένη"));
  jm_export_options_clear (&options);
}

/* Numbered words, a paragraph every fifty, about @bytes long. */
static char *
numbered_words (char  prefix,
                gsize bytes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; text->len < bytes; i++)
    g_string_append_printf (text, "%c%05u%s", prefix, i, i % 50 == 0 ? "\n" : " ");
  return g_string_free (text, FALSE);
}

/* Every word of @prefix in @text once, none lost at a page break and
 * none shown twice; returns how many there are. */
static guint
assert_words_once (const char *text,
                   char        prefix,
                   const char *expected)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) want = g_strsplit_set (expected, " \n", -1);
  g_auto(GStrv) got = g_strsplit_set (text, " \n\f", -1);
  guint n = 0;

  for (guint i = 0; got[i] != NULL; i++)
    if (got[i][0] == prefix && strlen (got[i]) == 6)
      {
        if (g_hash_table_contains (seen, got[i]))
          g_error ("%s is printed twice", got[i]);
        g_hash_table_add (seen, g_strdup (got[i]));
      }
  for (guint i = 0; want[i] != NULL; i++)
    if (want[i][0] != '\0')
      {
        if (!g_hash_table_contains (seen, want[i]))
          g_error ("%s is missing", want[i]);
        n++;
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  return n;
}

/* Long texts are laid out once and cut at the foot of a line on each
 * page: a 24 KB title, row and persona's notes print whole, over many
 * pages, each word once. */
static void
test_long_text (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Need");
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Fridah");
  g_autofree char *title = numbered_words ('T', 24000);
  g_autofree char *thoughts = numbered_words ('H', 24000);
  g_autofree char *notes = numbered_words ('N', 24000);
  g_autoptr(JmTouchpoint) tp = jm_touchpoint_new ("t1", "s1", "p1", title);
  JmExportOptions options;
  g_autofree char *grid = NULL;
  g_autofree char *sheets = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;
  int status;

  jm_map_set_title (map, "Long");
  jm_map_append_stage (map, stage);
  jm_persona_set_notes (persona, notes);
  jm_map_append_persona (map, persona);
  jm_touchpoint_set_row (tp, JM_ROW_THOUGHTS, thoughts);
  jm_map_append_touchpoint (map, tp);

  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  grid = export (map, &options, "long-text.pdf", &n_pages);
  jm_export_options_clear (&options);
  g_assert_cmpuint (n_pages, >, 10);
  if (!run_tool ("PDFTOTEXT", NULL, grid, &text, &status))
    return;
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (assert_words_once (text, 'T', title), >, 3000);
  assert_words_once (text, 'H', thoughts);
  g_clear_pointer (&text, g_free);

  options_for (&options, "persona", "A4", NULL, NULL, NULL);
  sheets = export (map, &options, "long-notes.pdf", &n_pages);
  jm_export_options_clear (&options);
  g_assert_cmpuint (n_pages, >, 3);
  g_assert_true (run_tool ("PDFTOTEXT", NULL, sheets, &text, &status));
  assert_words_once (text, 'N', notes);
}

static void
test_lanes_together (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;
  int status;

  /* Both lanes share one grid: one page, both personas named. */
  options_for (&options, "grid", "A3", NULL, NULL, NULL);
  options.lanes_together = TRUE;
  path = export (map, &options, "together.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  if (!run_tool ("PDFTOTEXT", "-layout", path, &text, &status))
    return;
  g_assert_nonnull (strstr (text, "Personas: Juliet, Ελένη"));
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *metric = g_strdup_printf ("Metric %u: CSAT", i);
      g_assert_nonnull (strstr (text, metric));
    }
  jm_export_options_clear (&options);
}

static void
test_blank_template (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Aware");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  JmExportOptions options;

  /* No personas: the grid prints empty, for a workshop to fill in. */
  jm_map_append_stage (map, stage);
  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jm_export_plan_get_n_pages (plan), ==, 1);
  g_clear_pointer (&plan, jm_export_plan_unref);
  jm_export_options_clear (&options);

  options_for (&options, "persona", "A4", NULL, NULL, NULL);
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_null (plan);
  g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_EMPTY);
  jm_export_options_clear (&options);
}

static void
test_atomic_and_cancel (void)
{
  g_autoptr(JmMap) map = make_map (0);
  JmExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autofree char *path = tmp_path ("atomic/out.pdf");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GDir *d;
  guint n = 0;

  options_for (&options, "grid", "A4", NULL, NULL, NULL);
  plan = jm_export_plan_new (map, &options, NULL);

  /* A missing directory: an error, nothing written. */
  g_assert_false (jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  before = read_bytes (path);

  /* Cancelled: the old file stays as it was, no temporary is left. */
  g_cancellable_cancel (cancellable);
  g_assert_false (jm_export_plan_write (plan, file, JM_EXPORT_FORMAT_PDF, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  g_assert_cmpuint (n, ==, 1);
  jm_export_options_clear (&options);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static gpointer
lay_out_thread (gpointer data)
{
  return GINT_TO_POINTER (jm_export_plan_lay_out (data, NULL));
}

/* A plan prepared in the map's thread and laid out in another gives the
 * same pages as one made in one go, while the map changes meanwhile. */
/* A poster on sheets of a shape far from the layout's says which sheets
 * come out blank, and which tiling of no more sheets prints it larger. */
static void
test_blank_tiles (void)
{
  g_autoptr(JmMap) tall = make_map (60);
  g_autoptr(JmMap) map = make_map (0);
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  g_autofree char *sheets = NULL;
  g_autofree char *option = NULL;
  g_autofree char *none = NULL;
  g_autofree char *by_scale = NULL;
  guint columns = 0, rows = 0;
  double gain = 0;

  /* One lane with sixty more cards in one cell: a grid far taller than
   * wide, which 3 × 2 portrait sheets would print in one column: the
   * other two are left out. */
  options_for (&options, "grid", "A4", "portrait", "3x2", NULL);
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (tall, &options, &error);

    g_assert_no_error (error);
    g_assert_true (jm_export_plan_get_tiles (plan, &columns, &rows));
    g_assert_cmpuint (columns, ==, 1);
    g_assert_cmpuint (rows, ==, 2);
    g_assert_cmpuint (jm_export_plan_get_n_pages (plan), ==, 3);
    sheets = jm_export_plan_describe_blank_tiles (plan, FALSE);
    option = jm_export_plan_describe_blank_tiles (plan, TRUE);
    g_assert_true (jm_export_plan_suggest_tiles (plan, &columns, &rows, &gain));
  }
  g_assert_cmpuint (columns, ==, 1);
  g_assert_cmpuint (rows, ==, 5);
  g_assert_cmpfloat (gain, >, 1.5);
  jm_export_options_clear (&options);
  g_assert_nonnull (sheets);
  g_assert_true (g_str_has_prefix (sheets, "4 of the 6 sheets would be blank: the layout is too tall and narrow for 3 × 2 sheets, so it prints on 1 × 2."));
  /* One column is as large as the layout prints on no more sheets; five
   * sheets hold it at that size. */
  g_assert_nonnull (strstr (sheets, " 1 × 5 sheets would print it "));
  g_assert_cmpfloat (g_ascii_strtod (strstr (sheets, " print it ") + 10, NULL), >, 1.5);
  g_assert_true (g_str_has_suffix (sheets, " times as large."));
  g_assert_nonnull (strstr (option, " --tiles=1x5 would print it "));

  /* The same map on 1 × 5 sheets uses them all. */
  options_for (&options, "grid", "A4", "portrait", "1x5", NULL);
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (tall, &options, &error);

    g_assert_no_error (error);
    none = jm_export_plan_describe_blank_tiles (plan, FALSE);
    g_assert_false (jm_export_plan_suggest_tiles (plan, NULL, NULL, NULL));
  }
  jm_export_options_clear (&options);
  g_assert_null (none);

  /* A small map on 3 × 2 sheets fills them; a poster at a chosen scale
   * has as many sheets as it needs. */
  options_for (&options, "grid", "A4", NULL, "3x2", NULL);
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, &options, &error);

    g_assert_no_error (error);
    g_assert_null (jm_export_plan_describe_blank_tiles (plan, FALSE));
  }
  jm_export_options_clear (&options);
  options_for (&options, "grid", "A4", NULL, NULL, "50%");
  {
    g_autoptr(JmExportPlan) plan = jm_export_plan_new (tall, &options, &error);

    g_assert_no_error (error);
    by_scale = jm_export_plan_describe_blank_tiles (plan, FALSE);
  }
  jm_export_options_clear (&options);
  g_assert_null (by_scale);
}

static void
test_prepare_then_lay_out (void)
{
  g_autoptr(JmMap) map = make_map (30);
  g_autoptr(JmExportPlan) whole = NULL;
  g_autoptr(JmExportPlan) prepared = NULL;
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  GThread *thread;

  jm_export_options_init (&options);
  options.landscape = TRUE;
  options.tile_columns = 2;
  options.tile_rows = 3;
  whole = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);

  prepared = jm_export_plan_prepare (map, &options, &error);
  g_assert_no_error (error);
  g_assert_false (jm_export_plan_is_laid_out (prepared));
  g_assert_cmpuint (jm_export_plan_get_n_pages (prepared), ==, 0);

  thread = g_thread_new ("lay-out", lay_out_thread, prepared);
  /* The plan holds its own copy: emptying the map does not reach it. */
  while (g_list_model_get_n_items (jm_map_get_touchpoints (map)) > 0)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
      jm_map_remove_touchpoint (map, tp);
    }
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  g_assert_true (jm_export_plan_is_laid_out (prepared));
  g_assert_cmpuint (jm_export_plan_get_n_pages (prepared), ==, jm_export_plan_get_n_pages (whole));
  /* The assembly page and the sheets the tall layout reaches: 1 × 3 of
   * the 2 × 3 asked for. */
  g_assert_cmpuint (jm_export_plan_get_n_pages (prepared), ==, 4);
  /* Twice is harmless. */
  g_assert_true (jm_export_plan_lay_out (prepared, &error));
  g_assert_cmpuint (jm_export_plan_get_n_pages (prepared), ==, 4);

  /* What cannot be laid out is refused before the slow half. */
  options.layout = JM_EXPORT_LAYOUT_PERSONA;
  g_assert_null (jm_export_plan_prepare (map, &options, &error));
  g_assert_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION);
  jm_export_options_clear (&options);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/paper-parse", test_paper_parse);
  g_test_add_func ("/export/board-dots", test_board_dots);
  g_test_add_func ("/export/options-refused", test_options_refused);
  g_test_add_func ("/export/pdf-grid", test_pdf_grid);
  g_test_add_func ("/export/pdf-papers", test_pdf_papers);
  g_test_add_func ("/export/pdf-tiles", test_pdf_tiles);
  g_test_add_func ("/export/tiles-align", test_tiles_align);
  g_test_add_func ("/export/pdf-reproducible", test_pdf_reproducible);
  g_test_add_func ("/export/pdf-looks-right", test_pdf_looks_right);
  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/persona-sheets", test_persona_sheets);
  g_test_add_func ("/export/persona-channels", test_persona_channels);
  g_test_add_func ("/export/continuation", test_continuation);
  g_test_add_func ("/export/lanes-together", test_lanes_together);
  g_test_add_func ("/export/blank-template", test_blank_template);
  g_test_add_func ("/export/atomic-and-cancel", test_atomic_and_cancel);
  g_test_add_func ("/export/prepare-then-lay-out", test_prepare_then_lay_out);
  g_test_add_func ("/export/blank-tiles", test_blank_tiles);
  g_test_add_func ("/export/long-text", test_long_text);

  status = g_test_run ();

  /* Keep the files for a look with JM_TEST_KEEP_OUTPUT set. */
  if (tmp_dir != NULL && g_getenv ("JM_TEST_KEEP_OUTPUT") == NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
      remove_tree (dir);
    }
  else if (tmp_dir != NULL)
    g_printerr ("# output kept in %s\n", tmp_dir);
  return status;
}
