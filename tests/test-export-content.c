/* test-export-content.c: everything in a map reaches paper -- links, notes,
 * the description, each touchpoint's emotion -- and reads in greyscale
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "jm-emotion-chart.h"
#include "jm-export.h"
#include "jm-votes.h"

/* Two lanes, three stages; t1 -> t2 (same lane, next stage), t1 -> t4
 * (other lane), t3 has notes. */
static JmMap *
make_map (gboolean with_links)
{
  JmMap *map = jm_map_new ();
  g_autoptr(JmPersona) a = jm_persona_new ("p1", "Aoife");
  g_autoptr(JmPersona) b = jm_persona_new ("p2", "Breandán");
  const char *stages[] = { "Find", "Buy", "Use", NULL };

  jm_map_set_title (map, "Fibre at home");
  jm_map_set_description (map, "Built from twelve interviews in Cork, spring 2026.");
  for (guint i = 0; stages[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(JmStage) stage = jm_stage_new (id, stages[i]);

      jm_map_append_stage (map, stage);
    }
  jm_persona_set_colour (a, "#3584e4");
  jm_persona_set_colour (b, "#e66100");
  jm_map_append_persona (map, a);
  jm_map_append_persona (map, b);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autofree char *stage = g_strdup_printf ("s%u", i % 3 + 1);
      g_autofree char *title = g_strdup_printf ("Card %c%c", 'A' + i, 'A' + i);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, i < 3 ? "p1" : "p2", title);

      jm_touchpoint_set_row (tp, JM_ROW_THOUGHTS, "Hmm");
      jm_touchpoint_set_emotion (tp, i == 1 ? JM_EMOTION_UNSET : (int) (i % 5) - 2);
      if (i == 2)
        jm_touchpoint_set_notes (tp, "Ask the installers about ducts");
      if (i == 0 && with_links)
        {
          const char *links[] = { "t2", "t4", NULL };
          jm_touchpoint_set_links (tp, links);
        }
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
      tmp_dir = g_dir_make_tmp ("jm-export-content-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return g_build_filename (tmp_dir, name, NULL);
}

static void
options_for (JmExportOptions *options,
             const char      *layout,
             const char      *paper)
{
  g_autoptr(GError) error = NULL;

  jm_export_options_init (options);
  options->date = 1700000000;
  g_assert_true (jm_export_options_apply (options, layout, paper, "landscape", NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
}

static char *
export (JmMap                 *map,
        const JmExportOptions *options,
        const char            *name)
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
  return g_steal_pointer (&path);
}

/* pdftotext's words, or NULL (the test skipped) without it. */
static char *
pdf_text (const char *path)
{
  const char *tool = g_getenv ("PDFTOTEXT");
  g_autofree char *found = tool != NULL ? g_strdup (tool) : g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { found, path, "-", NULL };

  if (found == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

/* Pixels of a poster near the links' purple. */
static guint
count_link_pixels (JmMap      *map,
                   const char *layout)
{
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  g_autoptr(JmExportPlan) plan = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  guint n = 0;

  options_for (&options, layout, "A3");
  plan = jm_export_plan_new (map, &options, &error);
  g_assert_no_error (error);
  jm_export_plan_get_poster_size (plan, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * 3), (int) ceil (h * 3));
  cr = cairo_create (surface);
  cairo_scale (cr, 3, 3);
  jm_export_plan_draw_poster (plan, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        {
          int r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          if (abs (r - 0x61) < 20 && abs (g - 0x35) < 20 && abs (b - 0x83) < 20)
            n++;
        }
    }
  cairo_surface_destroy (surface);
  jm_export_options_clear (&options);
  return n;
}

static void
test_links_notes_description (void)
{
  g_autoptr(JmMap) map = make_map (TRUE);
  g_autoptr(JmMap) unlinked = make_map (FALSE);
  const char *layouts[] = { "grid", "board" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      JmExportOptions options;
      g_autofree char *name = g_strdup_printf ("%s.pdf", layouts[i]);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      options_for (&options, layouts[i], "A3");
      options.lanes_together = TRUE;
      path = export (map, &options, name);
      text = pdf_text (path);
      jm_export_options_clear (&options);
      if (text == NULL)
        return;
      g_assert_nonnull (strstr (text, "Built from twelve interviews in Cork"));
      /* The grid's notes row; each link by its target, in the grid and
       * under the board's card. */
      if (i == 0)
        g_assert_nonnull (strstr (text, "Ask the installers about ducts"));
      g_assert_nonnull (strstr (text, "→ Card BB"));
      g_assert_nonnull (strstr (text, "→ Card DD"));

      /* Arrows, drawn between the cards: none without links. */
      g_assert_cmpuint (count_link_pixels (map, layouts[i]), >,
                        count_link_pixels (unlinked, layouts[i]) + 100);
    }
}

static gboolean
is_ink (cairo_surface_t *surface,
        int              x,
        int              y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                          y * cairo_image_surface_get_stride (surface));

  return (row[x] & 0xffffff) != 0xffffff;
}

/* The chart shows each card's own emotion, and bridges stages without one. */
static void
test_curve_cards_and_bridge (void)
{
  const double values[] = { -2, NAN, 2 };
  const double x[] = { 20, 100, 180 };
  const double card_x[] = { 60 };
  const double card_values[] = { -2 };
  JmCardStyle style;
  JmEmotionChart chart = {
    .n_points = 3, .values = values, .x = x, .left = 10, .right = 190, .mid = 50,
    .amp = 20, .line = { 0, 0, 0, 1 }, .line_width = 2, .rule = { 0, 0, 0, 1 },
    .style = &style, .mark_radius = 2,
  };

  jm_card_style_init_light (&style);
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
      cairo_t *cr = cairo_create (s);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      if (pass == 1)
        {
          chart.flags = JM_EMOTION_CHART_BRIDGE;
          chart.n_cards = 1;
          chart.card_x = card_x;
          chart.card_values = card_values;
          chart.card_size = 12;
        }
      jm_emotion_chart_draw (&chart, cr);
      cairo_destroy (cr);
      cairo_surface_flush (s);
      /* The middle of the line from (20, 90) to (180, 10), and the card's
       * face at (60, 90). */
      g_assert_cmpint (is_ink (s, 100, 50) || is_ink (s, 100, 49) || is_ink (s, 100, 51), ==, pass == 1);
      g_assert_cmpint (is_ink (s, 60, 90) || is_ink (s, 60, 86) || is_ink (s, 56, 90), ==, pass == 1);
      cairo_surface_destroy (s);
    }
}

/* The printed grid has an axis from -2 to +2 on its curve. */
static void
test_curve_axis (void)
{
  g_autoptr(JmMap) map = make_map (TRUE);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  options_for (&options, "grid", "A3");
  path = export (map, &options, "axis.pdf");
  jm_export_options_clear (&options);
  text = pdf_text (path);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "+2"));
  g_assert_nonnull (strstr (text, "-2"));
  g_assert_nonnull (strstr (text, "+1"));
}

/* The five faces as a greyscale copier prints them: 48 pixels each, each
 * pixel's luma. */
static double *
grey_face (int emotion)
{
  const int side = 48;
  JmCardStyle style;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_t *cr = cairo_create (s);
  double *grey = g_new (double, side * side);

  jm_card_style_init_light (&style);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jm_render_emotion_face (cr, &style, 0, 0, side, emotion);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        guint32 p = ((const guint32 *) (cairo_image_surface_get_data (s) +
                                        y * cairo_image_surface_get_stride (s)))[x];

        grey[y * side + x] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) +
                             0.114 * (p & 0xff);
      }
  cairo_surface_destroy (s);
  return grey;
}

/* Every two emotions differ in greyscale both overall (mean grey, what
 * one sees from afar) and pixel by pixel (the shape). */
static void
test_faces_in_greyscale (void)
{
  const int n = 48 * 48;
  double *faces[5], mean[5];

  for (int e = 0; e < 5; e++)
    {
      faces[e] = grey_face (e - 2);
      mean[e] = 0;
      for (int i = 0; i < n; i++)
        mean[e] += faces[e][i] / n;
    }
  for (int a = 0; a < 5; a++)
    for (int b = a + 1; b < 5; b++)
      {
        double diff = 0;

        for (int i = 0; i < n; i++)
          diff += fabs (faces[a][i] - faces[b][i]) / n;
        g_test_message ("emotions %d and %d: mean greys %.1f and %.1f, pixels differ by %.1f",
                        a - 2, b - 2, mean[a], mean[b], diff);
        g_assert_cmpfloat (fabs (mean[a] - mean[b]), >, 3);
        g_assert_cmpfloat (diff, >, 8);
      }
  for (int e = 0; e < 5; e++)
    g_free (faces[e]);
}

/* Persona marks, as a greyscale copier prints them: 48 pixels each. */
static double *
grey_mark (guint index)
{
  const int side = 48;
  const JmRgba colour = { 0.5, 0.5, 0.5, 1 };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_t *cr = cairo_create (s);
  double *grey = g_new (double, side * side);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jm_render_persona_mark (cr, &colour, index, side / 2.0, side / 2.0, side / 3.0);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      grey[y * side + x] = ((const guint32 *) (cairo_image_surface_get_data (s) +
                                               y * cairo_image_surface_get_stride (s)))[x] & 0xff;
  cairo_surface_destroy (s);
  return grey;
}

/* Where lanes share a grid, twelve personas' marks differ by their shape
 * alone, every two of them, even in the same grey; the legend says whose
 * each mark is, and only then. */
static void
test_persona_marks (void)
{
  const int n = 48 * 48;
  double *marks[12];
  g_autoptr(JmMap) map = make_map (FALSE);

  for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
    marks[m] = grey_mark (m);
  for (guint a = 0; a < G_N_ELEMENTS (marks); a++)
    for (guint b = a + 1; b < G_N_ELEMENTS (marks); b++)
      {
        guint differ = 0;

        for (int i = 0; i < n; i++)
          differ += fabs (marks[a][i] - marks[b][i]) > 40;
        g_test_message ("persona marks %u and %u: %u pixels differ", a, b, differ);
        g_assert_cmpuint (differ, >, 60);
      }
  for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
    g_free (marks[m]);

  for (int together = 0; together < 2; together++)
    {
      JmExportOptions options;
      g_autofree char *name = g_strdup_printf ("marks-%d.pdf", together);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      const char *key;

      options_for (&options, "grid", "A3");
      options.lanes_together = together;
      path = export (map, &options, name);
      text = pdf_text (path);
      jm_export_options_clear (&options);
      if (text == NULL)
        return;
      key = strstr (text, "Lanes:");
      if (!together)
        {
          g_assert_null (key);
          continue;
        }
      g_assert_nonnull (key);
      g_assert_nonnull (strstr (key, "Aoife"));
      g_assert_nonnull (strstr (key, "Breandán"));
    }
}

/* Lanes whose colours print as the same grey get steps of lightness; lanes
 * already apart keep their colours. */
static void
test_lane_greys (void)
{
  g_autoptr(JmMap) map = make_map (FALSE);
  g_autoptr(GError) error = NULL;
  JmExportOptions options;

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(JmExportPlan) plan = NULL;
      JmRgba a, b;
      double ga, gb;

      /* #3584e4 and #e66100 print nearly the same grey; #1c71d8 and
       * #f6d32d do not. */
      if (pass == 1)
        {
          JmPersona *p1 = g_list_model_get_item (jm_map_get_personas (map), 0);
          JmPersona *p2 = g_list_model_get_item (jm_map_get_personas (map), 1);

          jm_persona_set_colour (p1, "#1c71d8");
          jm_persona_set_colour (p2, "#f6d32d");
          g_object_unref (p1);
          g_object_unref (p2);
        }
      options_for (&options, "board", "A3");
      plan = jm_export_plan_new (map, &options, &error);
      g_assert_no_error (error);
      jm_export_plan_get_lane_colour (plan, 0, &a);
      jm_export_plan_get_lane_colour (plan, 1, &b);
      ga = 0.299 * a.red + 0.587 * a.green + 0.114 * a.blue;
      gb = 0.299 * b.red + 0.587 * b.green + 0.114 * b.blue;
      g_assert_cmpfloat (fabs (ga - gb), >=, JM_EXPORT_GREY_STEP);
      if (pass == 1)
        {
          g_assert_cmpfloat (fabs (a.red - 0x1c / 255.0), <, 1e-6);
          g_assert_cmpfloat (fabs (b.green - 0xd3 / 255.0), <, 1e-6);
        }
      else
        {
          /* The hue is kept: the first lane stays blue, the second orange. */
          g_assert_cmpfloat (a.blue, >, a.red);
          g_assert_cmpfloat (b.red, >, b.blue);
        }
      jm_export_options_clear (&options);
    }
}

/* Cards carry their score as a heat strip with its number, as on the
 * board; the legend explains it; "none" leaves cards plain. */
static void
test_heat_on_cards (void)
{
  g_autoptr(JmMap) map = make_map (TRUE);
  const char *layouts[] = { "board", "grid" };

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (jm_map_get_touchpoints (map), i);

      if (i != 5)
        jm_touchpoint_set_rating (tp, JM_MEASURE_RESPONSIVENESS, i + 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    for (int plain = 0; plain < 2; plain++)
      {
        JmExportOptions options;
        g_autofree char *name = g_strdup_printf ("heat-%s-%d.pdf", layouts[i], plain);
        g_autofree char *path = NULL;
        g_autofree char *text = NULL;

        options_for (&options, layouts[i], "A2");
        options.lanes_together = TRUE;
        if (plain)
          g_assert_true (jm_export_options_apply_colour_by (&options, "none", NULL));
        path = export (map, &options, name);
        text = pdf_text (path);
        jm_export_options_clear (&options);
        if (text == NULL)
          return;
        if (plain)
          {
            g_assert_null (strstr (text, "Score 1.0"));
            g_assert_null (strstr (text, "Card colour"));
            continue;
          }
        /* Every scored card's number, the unscored one said so. */
        for (guint k = 1; k <= 5; k++)
          {
            g_autofree char *score = g_strdup_printf ("Score %u.0", k);
            g_assert_nonnull (strstr (text, score));
          }
        g_assert_nonnull (strstr (text, "Not scored"));
        g_assert_nonnull (strstr (text, "Card colour: composite score"));
      }
  {
    JmExportOptions options;
    g_autoptr(GError) error = NULL;

    jm_export_options_init (&options);
    g_assert_true (jm_export_options_apply_colour_by (&options, "reliability", &error));
    g_assert_cmpint (options.colour_by, ==, JM_COLOUR_BY_RELIABILITY);
    g_assert_false (jm_export_options_apply_colour_by (&options, "hotness", &error));
    g_assert_nonnull (strstr (error->message, "hotness"));
    g_assert_nonnull (strstr (error->message, "composite"));
  }
}

/* "What to fix first": the worst first, then the roll-ups. */
static void
test_fix_first (void)
{
  g_autoptr(JmMap) map = make_map (FALSE);
  JmExportOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *teams[] = { "Installers", NULL };
  const char *worst, *better, *by_stage, *by_team, *by_channel;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (jm_map_get_touchpoints (map), i);

      jm_touchpoint_set_rating (tp, JM_MEASURE_RELIABILITY, i == 4 ? 1 : 4);
      jm_touchpoint_set_channel (tp, "web");
      jm_touchpoint_set_teams (tp, teams);
    }
  /* The room's dots, beside the ranking the ratings give. */
  jm_votes_start_round (jm_map_get_votes (map), "Which moments hurt most?", 3, FALSE);
  {
    g_autoptr(JmTouchpoint) voted = g_list_model_get_item (jm_map_get_touchpoints (map), 0);

    g_assert_true (jm_votes_add_dot (jm_map_get_votes (map), "r1", jm_touchpoint_get_id (voted), "Ana", NULL));
    g_assert_true (jm_votes_add_dot (jm_map_get_votes (map), "r1", jm_touchpoint_get_id (voted), "Bo", NULL));
  }
  options_for (&options, "fix", "A4");
  g_assert_true (jm_export_options_apply (&options, "fix", NULL, NULL, NULL, NULL, NULL, NULL));
  g_assert_false (options.landscape);
  path = export (map, &options, "fix.pdf");
  jm_export_options_clear (&options);
  text = pdf_text (path);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "What to fix first"));
  worst = strstr (text, "Card EE");
  better = strstr (text, "Card AA");
  by_stage = strstr (text, "By stage");
  by_team = strstr (text, "By team");
  by_channel = strstr (text, "By channel");
  g_assert_nonnull (worst);
  g_assert_nonnull (better);
  g_assert_nonnull (by_stage);
  g_assert_true (worst < better);
  g_assert_true (better < by_stage);
  g_assert_nonnull (strstr (text, "What the room voted for"));
  g_assert_true (strstr (text, "What the room voted for") < by_stage);
  g_assert_nonnull (strstr (text, "Which moments hurt most?"));
  g_assert_nonnull (strstr (text, "2 dots, 2 voters"));
  g_assert_nonnull (by_team);
  g_assert_nonnull (strstr (by_team, "Installers"));
  g_assert_nonnull (by_channel);
  g_assert_nonnull (strstr (by_channel, "Website"));
  g_assert_nonnull (strstr (text, "1.00"));
}

/* pdfinfo's "Author:" line of @path, or NULL (skipped) without it. */
static char *
pdf_author (const char *path)
{
  g_autofree char *found = g_find_program_in_path ("pdfinfo");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { found, path, NULL };
  int status = 0;

  if (found == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "Author:"))
        return g_strdup (g_strstrip (lines[i] + strlen ("Author:")));
  }
  return NULL;
}

/* The title block: the map's version, status, workshop date and authors
 * under the title, on the grid and the board; the authors in the PDF's
 * metadata. A map with none of them prints none. */
static void
test_title_block (void)
{
  g_autoptr(JmMap) map = make_map (FALSE);
  const char *authors[] = { "Ana Ruiz", "Tom Byrne", NULL };
  const char *layouts[] = { "grid", "board" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      JmExportOptions options;
      g_autofree char *name = g_strdup_printf ("plain-%s.pdf", layouts[i]);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      options_for (&options, layouts[i], "A3");
      path = export (map, &options, name);
      jm_export_options_clear (&options);
      text = pdf_text (path);
      if (text == NULL)
        return;
      g_assert_null (strstr (text, "Version "));
    }

  jm_map_set_map_version (map, "3");
  jm_map_set_status (map, JM_MAP_STATUS_TO_BE);
  jm_map_set_workshop_date (map, "2026-03-01");
  jm_map_set_authors (map, authors);
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      JmExportOptions options;
      g_autofree char *name = g_strdup_printf ("block-%s.pdf", layouts[i]);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *author = NULL;

      options_for (&options, layouts[i], "A3");
      path = export (map, &options, name);
      jm_export_options_clear (&options);
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, "Version 3 · To be · Workshop 2026-03-01 · By Ana Ruiz, Tom Byrne"));
      author = pdf_author (path);
      if (author != NULL)
        g_assert_cmpstr (author, ==, "Ana Ruiz, Tom Byrne");
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export-content/links-notes-description", test_links_notes_description);
  g_test_add_func ("/export-content/title-block", test_title_block);
  g_test_add_func ("/export-content/curve-cards-and-bridge", test_curve_cards_and_bridge);
  g_test_add_func ("/export-content/curve-axis", test_curve_axis);
  g_test_add_func ("/export-content/faces-in-greyscale", test_faces_in_greyscale);
  g_test_add_func ("/export-content/lane-greys", test_lane_greys);
  g_test_add_func ("/export-content/persona-marks", test_persona_marks);
  g_test_add_func ("/export-content/heat-on-cards", test_heat_on_cards);
  g_test_add_func ("/export-content/fix-first", test_fix_first);
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
