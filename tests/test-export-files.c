/* test-export-files.c: files for slides and design tools -- SVG with real
 * text, margins, a 16:9 slide, pixel sizes -- and PDFs with an outline,
 * metadata and links between a poster's pages
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "jm-export.h"

static JmMap *
make_map (void)
{
  JmMap *map = jm_map_new ();
  const char *stages[] = { "Find", "Buy", "Use", NULL };
  const char *people[] = { "Aoife", "Breandán", NULL };

  jm_map_set_title (map, "Fibre at home");
  jm_map_set_description (map, "Built from twelve interviews.");
  for (guint i = 0; stages[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(JmStage) stage = jm_stage_new (id, stages[i]);

      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; people[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i + 1);
      g_autoptr(JmPersona) persona = jm_persona_new (id, people[i]);

      jm_map_append_persona (map, persona);
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autofree char *stage = g_strdup_printf ("s%u", i % 3 + 1);
      g_autofree char *lane = g_strdup_printf ("p%u", i / 3 + 1);
      g_autofree char *title = g_strdup_printf ("Card %c%c", 'A' + i, 'A' + i);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, lane, title);

      jm_touchpoint_set_rating (tp, JM_MEASURE_CONVENIENCE, i % 5 + 1);
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  if (tmp_dir == NULL)
    {
      g_autoptr(GError) error = NULL;
      tmp_dir = g_dir_make_tmp ("jm-export-files-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return g_build_filename (tmp_dir, name, NULL);
}

static JmExportPlan *
export (JmMap                 *map,
        const JmExportOptions *options,
        const char            *name,
        char                 **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = jm_export_plan_new (map, options, &error);
  g_autofree char *path = tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmExportFormat format;

  g_assert_no_error (error);
  g_assert_true (jm_export_format_for_path (path, &format, NULL));
  g_assert_true (jm_export_plan_write (plan, file, format, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  *out_path = g_steal_pointer (&path);
  return g_steal_pointer (&plan);
}

static void
options_for (JmExportOptions *options,
             const char      *layout,
             const char      *tiles)
{
  jm_export_options_init (options);
  options->date = 1700000000;
  g_assert_true (jm_export_options_apply (options, layout, "A4", "landscape", tiles, NULL, NULL,
                                          NULL));
}

/* Runs a tool; NULL (the test skipped) when it is not installed. */
static char *
run (const char *name,
     const char * const *args)
{
  g_autofree char *path = g_find_program_in_path (name);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (path == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s is not installed", name);
      g_test_skip (msg);
      return NULL;
    }
  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static guint
count (const char *text,
       const char *what)
{
  guint n = 0;

  for (const char *p = strstr (text, what); p != NULL; p = strstr (p + 1, what))
    n++;
  return n;
}

/* The SVG's words are <text> elements a design tool can edit, not glyph
 * outlines; the picture has the margin round it. */
static void
test_svg_text (void)
{
  g_autoptr(JmMap) map = make_map ();
  JmExportOptions options;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  xmlDocPtr doc;
  xmlNodePtr root;
  guint n_text = 0;
  double w, h;
  char *width;

  options_for (&options, "board", NULL);
  plan = export (map, &options, "board.svg", &path);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_null (strstr (svg, "<symbol"));
  doc = xmlReadMemory (svg, (int) strlen (svg), "board.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr group = root->children; group != NULL; group = group->next)
    for (xmlNodePtr node = group->children; node != NULL; node = node->next)
      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST "text"))
        {
          xmlChar *content = xmlNodeGetContent (node);
          xmlChar *size = xmlGetProp (node, BAD_CAST "font-size");

          g_assert_nonnull (size);
          g_string_append_printf (words, "%s|", (const char *) content);
          xmlFree (size);
          xmlFree (content);
          n_text++;
        }
  g_assert_cmpuint (n_text, >, 30);
  g_assert_nonnull (strstr (words->str, "Fibre at home"));
  g_assert_nonnull (strstr (words->str, "Card DD"));
  g_assert_nonnull (strstr (words->str, "Score 4.0"));

  /* The layout and a 10 mm margin each side, in points. */
  jm_export_plan_get_poster_size (plan, &w, &h);
  width = (char *) xmlGetProp (root, BAD_CAST "width");
  g_assert_cmpfloat (fabs (g_ascii_strtod (width, NULL) - (w + 2 * JM_MM_TO_PT (10))), <, 1);
  xmlFree (width);
  xmlFreeDoc (doc);
  jm_export_options_clear (&options);
}

/* PNG: a white margin round the layout; --pixel-width and --dpi set the
 * size; a slide is 1920 × 1080 with the title on it. */
static void
test_png_sizes (void)
{
  g_autoptr(JmMap) map = make_map ();
  double w, h, m = JM_MM_TO_PT (10);

  for (int pass = 0; pass < 3; pass++)
    {
      JmExportOptions options;
      g_autoptr(JmExportPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      cairo_surface_t *png;
      int pw, ph;

      options_for (&options, "grid", NULL);
      if (pass == 1)
        g_assert_true (jm_export_options_apply_picture (&options, NULL, NULL, "1000", FALSE, &error));
      else if (pass == 2)
        g_assert_true (jm_export_options_apply_picture (&options, NULL, "300", NULL, FALSE, &error));
      g_assert_no_error (error);
      plan = export (map, &options, "grid.png", &path);
      jm_export_plan_get_poster_size (plan, &w, &h);
      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      pw = cairo_image_surface_get_width (png);
      ph = cairo_image_surface_get_height (png);
      if (pass == 0)
        {
          g_assert_cmpint (pw, ==, (int) ceil ((w + 2 * m) * 2));
          g_assert_cmpint (ph, ==, (int) ceil ((h + 2 * m) * 2));
        }
      else if (pass == 1)
        g_assert_cmpint (pw, ==, 1000);
      else
        g_assert_cmpint (pw, ==, (int) ceil ((w + 2 * m) * 300 / 72));

      /* The margin is white: a band along every edge, the layout's
       * coloured headers and lanes start inside it. */
      cairo_surface_flush (png);
      {
        int band = (int) floor (m * pw / (w + 2 * m)) - 1;

        for (int y = 0; y < ph; y += 7)
          for (int x = 0; x < pw; x += 7)
            if (x < band || y < band || x >= pw - band || y >= ph - band)
              {
                guint32 p = ((const guint32 *) (cairo_image_surface_get_data (png) +
                                                y * cairo_image_surface_get_stride (png)))[x];
                g_assert_cmphex (p & 0xffffff, ==, 0xffffff);
              }
      }
      cairo_surface_destroy (png);
      jm_export_options_clear (&options);
    }

  {
    JmExportOptions options;
    g_autoptr(JmExportPlan) plan = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *png_path = NULL;
    g_autofree char *svg_path = NULL;
    g_autofree char *svg = NULL;
    cairo_surface_t *png;

    options_for (&options, "board", NULL);
    g_assert_true (jm_export_options_apply_picture (&options, NULL, NULL, NULL, TRUE, &error));
    plan = export (map, &options, "slide.png", &png_path);
    g_clear_pointer (&plan, jm_export_plan_unref);
    png = cairo_image_surface_create_from_png (png_path);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1920);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1080);
    cairo_surface_destroy (png);

    plan = export (map, &options, "slide.svg", &svg_path);
    g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "width=\"1920px\""));
    g_assert_nonnull (strstr (svg, ">Fibre at home</text>"));
    jm_export_options_clear (&options);

    jm_export_options_init (&options);
    g_assert_false (jm_export_options_apply_picture (&options, NULL, "300", NULL, TRUE, &error));
    g_assert_nonnull (strstr (error->message, "--slide"));
    g_clear_error (&error);
    g_assert_false (jm_export_options_apply_picture (&options, NULL, "5", NULL, FALSE, &error));
    g_assert_nonnull (strstr (error->message, "--dpi=5"));
  }
}

/* The outline's titles, depth first, "|" between them. */
static void
outline_titles (JsonArray *items,
                GString   *out)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_string_append_printf (out, "%s@%" G_GINT64_FORMAT "|",
                              json_object_get_string_member (item, "title"),
                              json_object_get_int_member (item, "destpageposfrom1"));
      outline_titles (json_object_get_array_member (item, "kids"), out);
    }
}

static char *
pdf_outline (const char *path)
{
  const char *args[] = { "--json", "--json-key=outlines", path, NULL };
  g_autofree char *json = run ("qpdf", args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  if (json == NULL)
    return g_string_free (out, TRUE);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  outline_titles (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                "outlines"), out);
  return g_string_free (out, FALSE);
}

/* A bookmark per persona and page; title and subject; a poster's
 * assembly page links to each sheet and each sheet back to it. */
static void
test_pdf_outline_and_links (void)
{
  g_autoptr(JmMap) map = make_map ();
  JmExportOptions options;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *info = NULL;
  g_autofree char *qdf = NULL;
  guint columns, rows;

  options_for (&options, "grid", NULL);
  plan = export (map, &options, "grid.pdf", &path);
  outline = pdf_outline (path);
  if (outline == NULL)
    return;
  g_assert_true (g_str_has_prefix (outline, "Aoife@1|Page 1@1|"));
  g_assert_nonnull (strstr (outline, "Breandán@"));
  g_assert_cmpuint (count (outline, "Page "), ==, jm_export_plan_get_n_pages (plan));
  {
    const char *args[] = { path, NULL };

    info = run ("pdfinfo", args);
    if (info == NULL)
      return;
    g_assert_nonnull (strstr (info, "Fibre at home"));
    g_assert_nonnull (strstr (info, "Built from twelve interviews."));
  }
  jm_export_options_clear (&options);
  g_clear_pointer (&plan, jm_export_plan_unref);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&outline, g_free);

  options_for (&options, "board", "2x2");
  plan = export (map, &options, "poster.pdf", &path);
  g_assert_true (jm_export_plan_get_tiles (plan, &columns, &rows));
  {
    const char *check[] = { "--check", path, NULL };
    const char *args[] = { "--qdf", path, "-", NULL };
    g_autofree char *checked = run ("qpdf", check);

    if (checked == NULL)
      return;
    qdf = run ("qpdf", args);
  }
  g_assert_cmpuint (count (qdf, "/Subtype /Link"), ==, 2 * columns * rows);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        g_autofree char *name = g_strdup_printf ("(sheet-%u-%u)", r, c);

        /* The link, and the name among the destinations. */
        g_assert_cmpuint (count (qdf, name), ==, 2);
      }
  outline = pdf_outline (path);
  g_assert_true (g_str_has_prefix (outline, "Assembly@1|Sheets@2|Sheet A1@2|"));
  jm_export_options_clear (&options);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export-files/svg-text", test_svg_text);
  g_test_add_func ("/export-files/png-sizes", test_png_sizes);
  g_test_add_func ("/export-files/pdf-outline-and-links", test_pdf_outline_and_links);
  status = g_test_run ();
  if (tmp_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  return status;
}
