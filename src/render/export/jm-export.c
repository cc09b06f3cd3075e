/* jm-export.c: page layouts of a map on paper, and writing them out
 *
 * A layout is a stack of horizontal bands (a title, the stage header, one
 * band per template row or lane, a legend) measured once at actual size.
 * Bands flow into frames: for "fit" output, frames as tall as a sheet, a row
 * too tall for what is left continuing on the next frame under a repeated
 * header, and an item taller than a whole sheet cut at the foot of one of
 * its lines and continued; for posters and images, one frame holding
 * everything. Pages then show frames scaled to the paper, or tiles of the
 * poster frame.
 *
 * The plan copies what it draws from the map, so pages may be drawn in a
 * worker thread while the map is being edited.
 *
 * This file makes plans; the options are in jm-export-options.c, texts in
 * jm-export-text.c, items and bands in jm-export-bands.c, measuring and
 * flowing into frames in jm-export-flow.c, one file per layout (-grid,
 * -board, -persona), pages and tiles in jm-export-pages.c, their drawing in
 * jm-export-draw.c and PDF, PNG and SVG in jm-export-writer.c. What they
 * share is in jm-export-private.h.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"
#include "jm-score-report.h"
#include "jm-scoring.h"

/* ------------------------------------------------------- building layouts */

static JmTouchpoint *
copy_touchpoint (JmTouchpoint *src)
{
  JmTouchpoint *tp = jm_touchpoint_new (jm_touchpoint_get_id (src),
                                        jm_touchpoint_get_stage_id (src),
                                        jm_touchpoint_get_lane_id (src),
                                        jm_touchpoint_get_title (src));

  jm_touchpoint_set_channel (tp, jm_touchpoint_get_channel (src));
  for (guint r = 0; r < JM_N_ROWS; r++)
    jm_touchpoint_set_row (tp, r, jm_touchpoint_get_row (src, r));
  jm_touchpoint_set_emotion (tp, jm_touchpoint_get_emotion (src));
  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_touchpoint_set_rating (tp, m, jm_touchpoint_get_rating (src, m));
  jm_touchpoint_set_moment_of_truth (tp, jm_touchpoint_get_moment_of_truth (src));
  jm_touchpoint_set_teams (tp, jm_touchpoint_get_teams (src));
  jm_touchpoint_set_notes (tp, jm_touchpoint_get_notes (src));
  jm_touchpoint_set_links (tp, jm_touchpoint_get_links (src));
  return tp;
}

static JmPersona *
copy_persona (JmPersona *src)
{
  JmPersona *p = jm_persona_new (jm_persona_get_id (src), jm_persona_get_name (src));

  jm_persona_set_role (p, jm_persona_get_role (src));
  jm_persona_set_quote (p, jm_persona_get_quote (src));
  jm_persona_set_bio (p, jm_persona_get_bio (src));
  jm_persona_set_notes (p, jm_persona_get_notes (src));
  jm_persona_set_colour (p, jm_persona_get_colour (src));
  jm_persona_set_goals (p, jm_persona_get_goals (src));
  jm_persona_set_frustrations (p, jm_persona_get_frustrations (src));
  jm_persona_set_needs (p, jm_persona_get_needs (src));
  jm_persona_set_channels (p, jm_persona_get_channels (src));
  jm_persona_set_devices (p, jm_persona_get_devices (src));
  jm_persona_set_age (p, jm_persona_get_age (src));
  jm_persona_set_picture (p, jm_persona_get_picture (src), jm_persona_get_picture_type (src));
  return p;
}

static gboolean
persona_wanted (const JmExportOptions *options,
                JmPersona             *persona)
{
  if (options->persona_ids == NULL)
    return !jm_persona_get_hidden (persona);
  return g_strv_contains ((const char * const *) options->persona_ids,
                          jm_persona_get_id (persona));
}

/* Grey of a colour as a greyscale printer or copier makes it (Rec. 601
 * luma), 0 to 1. */
static double
grey_of (const JmRgba *c)
{
  return 0.299 * c->red + 0.587 * c->green + 0.114 * c->blue;
}

static double
hue_to_channel (double p,
                double q,
                double t)
{
  t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 0.5)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

/* @c with its HSL lightness changed so that its grey is @grey. */
static void
set_grey (JmRgba *c,
          double  grey)
{
  double mx = MAX (c->red, MAX (c->green, c->blue)), mn = MIN (c->red, MIN (c->green, c->blue));
  double l = (mx + mn) / 2, h = 0, sat = 0, lo = 0, hi = 1;
  JmRgba out = *c;

  if (mx > mn)
    {
      double d = mx - mn;

      sat = l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
      if (mx == c->red)
        h = (c->green - c->blue) / d + (c->green < c->blue ? 6 : 0);
      else if (mx == c->green)
        h = (c->blue - c->red) / d + 2;
      else
        h = (c->red - c->green) / d + 4;
      h /= 6;
    }
  /* Grey rises with lightness for a fixed hue and saturation. */
  for (int i = 0; i < 30; i++)
    {
      double q, p;

      l = (lo + hi) / 2;
      q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat;
      p = 2 * l - q;
      out.red = hue_to_channel (p, q, h + 1.0 / 3);
      out.green = hue_to_channel (p, q, h);
      out.blue = hue_to_channel (p, q, h - 1.0 / 3);
      if (grey_of (&out) < grey)
        lo = l;
      else
        hi = l;
    }
  *c = out;
}

/* Lanes tell apart on a greyscale print: when two lanes' colours would
 * print as nearly the same grey, each keeps its hue but takes a step of
 * lightness of its own, darkest to lightest in the order of their greys. */
static void
spread_lane_greys (JmExportPlan *plan)
{
  guint n = plan->personas->len;
  g_autofree JmRgba *colours = g_new (JmRgba, MAX (n, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  gboolean close = FALSE;

  for (guint i = 0; i < n; i++)
    {
      persona_rgba (g_ptr_array_index (plan->personas, i), &colours[i]);
      order[i] = i;
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      close = close || fabs (grey_of (&colours[i]) - grey_of (&colours[j])) < JM_EXPORT_GREY_STEP;
  if (!close)
    return;

  /* Sorted by grey, a few lanes: insertion sort. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && grey_of (&colours[order[j]]) < grey_of (&colours[order[j - 1]]); j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint k = 0; k < n; k++)
    {
      JmRgba *c = &colours[order[k]];
      g_autofree char *hex = NULL;

      /* From dark enough for white initials to light enough to show on
       * white paper. */
      set_grey (c, 0.22 + 0.5 * k / (n - 1));
      hex = g_strdup_printf ("#%02x%02x%02x", (int) lround (c->red * 255),
                             (int) lround (c->green * 255), (int) lround (c->blue * 255));
      jm_persona_set_colour (g_ptr_array_index (plan->personas, order[k]), hex);
    }
}

/**
 * jm_export_plan_get_lane_colour:
 * @plan: a plan
 * @lane: a lane shown, from 0
 * @rgba: (out): the colour the lane prints in
 *
 * The lane's persona colour, or a lighter or darker one of the same hue
 * where two lanes would print as the same grey.
 */
void
jm_export_plan_get_lane_colour (JmExportPlan *plan,
                                guint         lane,
                                JmRgba       *rgba)
{
  g_return_if_fail (plan != NULL && rgba != NULL);
  g_return_if_fail (lane < plan->personas->len);

  persona_rgba (g_ptr_array_index (plan->personas, lane), rgba);
}

/* The emotion curves of the grid, from the score report: for each lane
 * shown (@lanes, their places in @map) and stage, the touchpoints with an
 * emotion and the sum of their emotions. A sum of whole numbers: a curve
 * over several lanes is their sum over their count, to the last bit. */
static void
take_emotions (JmExportPlan *plan,
               JmMap        *map,
               const guint  *lanes)
{
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  guint n_stages = plan->stages->len;
  guint n = n_stages * plan->personas->len;

  plan->emotion_counts = g_new0 (guint, MAX (n, 1));
  plan->emotion_sums = g_new0 (double, MAX (n, 1));
  for (guint l = 0; l < plan->personas->len; l++)
    for (guint s = 0; s < n_stages; s++)
      {
        const JmScoreSummary *cell = jm_score_report_get_cell (report, s, lanes[l]);

        plan->emotion_counts[l * n_stages + s] = cell->n_emotions;
        if (cell->n_emotions > 0)
          plan->emotion_sums[l * n_stages + s] = (double) lround (cell->emotion * cell->n_emotions);
      }
}

/* The score that colours each card's foot, as the board shows it, and
 * what the legend says of the weights. */
static void
take_scores (JmExportPlan *plan,
             JmMap        *map)
{
  JmColourBy by = plan->options.colour_by;
  GListModel *model = jm_map_get_touchpoints (map);

  if (by == JM_COLOUR_BY_NONE)
    return;
  plan->scores = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (model) && i < plan->touchpoints->len; i++)
    {
      g_autoptr(JmTouchpoint) src = g_list_model_get_item (model, i);
      double score = NAN;

      if (by == JM_COLOUR_BY_COMPOSITE)
        {
          if (!jm_score_touchpoint (map, src, &score))
            score = NAN;
        }
      else
        {
          int rating = jm_touchpoint_get_rating (src, by - JM_COLOUR_BY_RESPONSIVENESS);

          if (rating >= JM_RATING_MIN && rating <= JM_RATING_MAX)
            score = rating;
        }
      g_hash_table_insert (plan->scores, g_ptr_array_index (plan->touchpoints, i),
                           g_memdup2 (&score, sizeof score));
    }
  if (by == JM_COLOUR_BY_COMPOSITE)
    {
      g_autoptr(GString) w = g_string_new (NULL);

      for (guint m = 0; m < JM_N_MEASURES; m++)
        {
          char num[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (w, "%s%s ×%s", m > 0 ? ", " : "", jm_render_measure_short_label (m),
                                  g_ascii_formatd (num, sizeof num, "%.1f", jm_map_get_weight (map, m)));
        }
      /* Translators: %s lists the measures' weights, "Resp. ×1.0, Conv. ×2.0, ..." */
      plan->score_key = g_strdup_printf (_("Card colour: composite score, weighted %s"),
                                         w->str);
    }
  else
    /* Translators: %s is a measure, "Responsiveness" */
    plan->score_key = g_strdup_printf (_("Card colour: %s rating"),
                                       jm_measure_get_label (by - JM_COLOUR_BY_RESPONSIVENESS));
}

/* Touchpoints by cell: cells[lane * n_stages + stage], in map order. */
static GPtrArray **
bucket_touchpoints (JmExportPlan *plan)
{
  guint n = plan->stages->len * plan->personas->len;
  GPtrArray **cells = g_new0 (GPtrArray *, MAX (n, 1));
  g_autoptr(GHashTable) stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lane_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    cells[i] = g_ptr_array_new ();
  for (guint i = 0; i < plan->stages->len; i++)
    g_hash_table_insert (stage_index, (gpointer) jm_stage_get_id (g_ptr_array_index (plan->stages, i)),
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < plan->personas->len; i++)
    g_hash_table_insert (lane_index, (gpointer) jm_persona_get_id (g_ptr_array_index (plan->personas, i)),
                         GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < plan->touchpoints->len; i++)
    {
      JmTouchpoint *tp = g_ptr_array_index (plan->touchpoints, i);
      const char *sid = jm_touchpoint_get_stage_id (tp);
      const char *lid = jm_touchpoint_get_lane_id (tp);
      guint s = sid ? GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, sid)) : 0;
      guint l = lid ? GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, lid)) : 0;

      if (s > 0 && l > 0)
        g_ptr_array_add (cells[(l - 1) * plan->stages->len + (s - 1)], tp);
    }
  return cells;
}

static void
free_cells (GPtrArray **cells,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&cells[i], g_ptr_array_unref);
  g_free (cells);
}

/* The map's title block: "Version 3 · To be · Workshop 2026-03-01 · By
 * Ana Ruiz, Tom Byrne", what of it the map has; NULL with none of it.
 * @authors gets the authors alone, for the PDF's metadata. */
static char *
title_block_text (JmMap  *map,
                  char  **authors)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *names = jm_map_get_authors (map);
  const char *version = jm_map_get_map_version (map);
  const char *date = jm_map_get_workshop_date (map);

  *authors = names != NULL && names[0] != NULL ? g_strjoinv (", ", (char **) names) : NULL;
  if (version != NULL && *version != '\0')
    /* Translators: in a print's title block; %s is the map's own version. */
    g_ptr_array_add (parts, g_strdup_printf (_("Version %s"), version));
  if (jm_map_get_status (map) != JM_MAP_STATUS_NONE)
    g_ptr_array_add (parts, g_strdup (jm_map_status_get_label (jm_map_get_status (map))));
  if (date != NULL && *date != '\0')
    /* Translators: in a print's title block; %s is the workshop's date. */
    g_ptr_array_add (parts, g_strdup_printf (_("Workshop %s"), date));
  if (*authors != NULL)
    /* Translators: in a print's title block; %s lists the map's authors. */
    g_ptr_array_add (parts, g_strdup_printf (_("By %s"), *authors));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/**
 * jm_export_plan_prepare:
 * @map: the map to lay out
 * @options: layout, paper and poster choices
 * @error: return location for a #JM_RENDER_ERROR
 *
 * Takes the copy of @map that a plan shows and checks that it can be laid
 * out, without laying it out yet: the quick half of jm_export_plan_new(),
 * for the thread that owns @map. jm_export_plan_lay_out() does the rest, in
 * any thread.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
JmExportPlan *
jm_export_plan_prepare (JmMap                 *map,
                        const JmExportOptions *options,
                        GError               **error)
{
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GArray) lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *model;
  const char *title;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  plan = g_new0 (JmExportPlan, 1);
  g_atomic_ref_count_init (&plan->ref_count);
  jm_export_options_copy (&plan->options, options);
  plan->stages = g_ptr_array_new_with_free_func (g_object_unref);
  plan->personas = g_ptr_array_new_with_free_func (g_object_unref);
  plan->touchpoints = g_ptr_array_new_with_free_func (g_object_unref);
  plan->bands = g_ptr_array_new_with_free_func (band_free);
  plan->groups = g_ptr_array_new_with_free_func (group_free);
  plan->frames = g_ptr_array_new_with_free_func (frame_free);
  plan->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  g_mutex_init (&plan->text_lines_lock);
  plan->text_lines = g_hash_table_new_full (text_key_hash, text_key_equal, text_key_free,
                                            text_lines_free);
  jm_card_style_init_light (&plan->card_style);
  /* Cards' smallest text (their scores) is three quarters of this:
   * SMALLEST_TEXT at actual size. */
  plan->card_style.font_size = SMALLEST_TEXT / 0.75;
  plan->card_style.title_lines = 4;

  if (options->landscape)
    {
      plan->page_width = MAX (options->paper_width, options->paper_height);
      plan->page_height = MIN (options->paper_width, options->paper_height);
    }
  else
    {
      plan->page_width = MIN (options->paper_width, options->paper_height);
      plan->page_height = MAX (options->paper_width, options->paper_height);
    }
  if (options->margin < 0 || options->margin * 2 >= MIN (plan->page_width, plan->page_height) / 2)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Margins of %.0f mm leave no room on this paper"), JM_PT_TO_MM (options->margin));
      return NULL;
    }

  title = jm_map_get_title (map);
  plan->title = g_strdup (title != NULL && *title != '\0' ? title : _("Untitled journey map"));
  {
    g_autoptr(GDateTime) dt = options->date >= 0
      ? g_date_time_new_from_unix_utc (options->date) : g_date_time_new_now_local ();

    plan->date_text = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
  }
  if (jm_map_get_description (map) != NULL && *jm_map_get_description (map) != '\0')
    plan->description = g_strdup (jm_map_get_description (map));
  plan->title_block = title_block_text (map, &plan->authors);
  plan->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  plan->stamp = options->source_name != NULL
    ? g_strdup_printf ("%s · %s %s · %s", plan->date_text, _("Journey Mapper"), PACKAGE_VERSION,
                       options->source_name)
    : g_strdup_printf ("%s · %s %s", plan->date_text, _("Journey Mapper"), PACKAGE_VERSION);

  model = jm_map_get_stages (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmStage) src = g_list_model_get_item (model, i);
      JmStage *stage = jm_stage_new (jm_stage_get_id (src), jm_stage_get_name (src));

      jm_stage_set_description (stage, jm_stage_get_description (src));
      g_ptr_array_add (plan->stages, stage);
    }
  model = jm_map_get_personas (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmPersona) src = g_list_model_get_item (model, i);

      if (persona_wanted (options, src))
        {
          g_ptr_array_add (plan->personas, copy_persona (src));
          g_array_append_val (lanes, i);
        }
    }
  model = jm_map_get_touchpoints (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmTouchpoint) src = g_list_model_get_item (model, i);
      JmTouchpoint *tp = copy_touchpoint (src);
      int dots = jm_card_shown_dots (map, src);

      g_ptr_array_add (plan->touchpoints, tp);
      g_hash_table_insert (plan->by_id, (gpointer) jm_touchpoint_get_id (tp), tp);
      /* The copies are drawn on other threads, away from the map. */
      if (dots > 0)
        {
          if (plan->dots == NULL)
            plan->dots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (plan->dots, g_strdup (jm_touchpoint_get_id (src)), GINT_TO_POINTER (dots));
        }
    }
  if (options->layout == JM_EXPORT_LAYOUT_GRID)
    take_emotions (plan, map, (guint *) (gpointer) lanes->data);
  take_scores (plan, map);
  if (options->layout == JM_EXPORT_LAYOUT_FIX)
    take_fix (plan, map);
  if (options->layout == JM_EXPORT_LAYOUT_PERSONA)
    take_journeys (plan, map, (guint *) (gpointer) lanes->data);
  spread_lane_greys (plan);

  /* A grid or board without lanes still prints: a blank template for a
   * workshop to fill in by hand. */
  if (!JM_EXPORT_LAYOUT_IS_SHEETS (options->layout) && plan->stages->len == 0)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_EMPTY,
                   _("The map has no stages to lay out"));
      return NULL;
    }
  if (options->layout == JM_EXPORT_LAYOUT_PERSONA && plan->personas->len == 0)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_EMPTY,
                   _("The map has no personas to print"));
      return NULL;
    }

  if (JM_EXPORT_LAYOUT_IS_SHEETS (options->layout) &&
      (options->tile_columns > 0 || options->scale > 0 || options->sheets > 0 ||
       options->wall_width > 0))
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   options->layout == JM_EXPORT_LAYOUT_FIX
                   ? _("“What to fix first” is printed on plain pages: --sheets, --wall-width, --tiles and --scale apply to the grid and board layouts")
                   : _("Persona sheets are printed one per page: --sheets, --wall-width, --tiles and --scale apply to the grid and board layouts"));
      return NULL;
    }
  return g_steal_pointer (&plan);
}

/* Builds the layout's bands from the plan's copy of the map, measures them
 * and flows them into one poster frame; drops what an earlier build made. */
static void
build_layout (JmExportPlan *plan)
{
  const JmExportOptions *options = &plan->options;
  guint n_cells = plan->stages->len * plan->personas->len;
  GPtrArray **cells;

  g_clear_pointer (&plan->poster, frame_free);
  plan->lanes_across = 1;
  g_ptr_array_set_size (plan->groups, 0);
  g_ptr_array_set_size (plan->bands, 0);

  cells = bucket_touchpoints (plan);
  if (options->layout == JM_EXPORT_LAYOUT_GRID &&
      (options->lanes_together || plan->personas->len == 0))
    build_grid (plan, cells, 0, plan->personas->len);
  else if (options->layout == JM_EXPORT_LAYOUT_GRID)
    for (guint l = 0; l < plan->personas->len; l++)
      build_grid (plan, cells, l, l + 1);
  else if (options->layout == JM_EXPORT_LAYOUT_BOARD)
    build_board (plan, cells);
  else if (options->layout == JM_EXPORT_LAYOUT_FIX)
    build_fix (plan);
  else
    build_persona_sheets (plan);
  free_cells (cells, MAX (n_cells, 1));

  measure_bands (plan);
  plan_poster (plan);
}

/* The best tiling for the layout built: stacked, or for the grids of
 * separate lanes, side by side in 2 and more columns; the poster is left
 * in the arrangement found best. */
static gboolean
choose_arrangement (JmExportPlan   *plan,
                    int             orientation,
                    JmExportTiling *best)
{
  JmExportOptions *o = &plan->options;
  guint n = o->layout == JM_EXPORT_LAYOUT_GRID && !o->lanes_together ? plan->groups->len : 1;
  guint best_across = 1;
  gboolean found = FALSE;

  for (guint across = 1; across <= MAX (n, 1); across++)
    {
      JmExportTiling t;

      if (across != plan->lanes_across)
        {
          plan->lanes_across = across;
          plan_poster (plan);
        }
      if (jm_export_choose_tiling (plan->poster->width, plan->poster->height,
                                   o->paper_width, o->paper_height, o->margin, o->overlap,
                                   o->sheets, orientation, &t) &&
          (!found || t.scale > best->scale * 1.0001))
        {
          *best = t;
          best_across = across;
          found = TRUE;
        }
    }
  if (plan->lanes_across != best_across)
    {
      plan->lanes_across = best_across;
      plan_poster (plan);
    }
  return found;
}

/* A wall preset: the tiling, orientation and lane arrangement that print
 * the layout largest on at most options.sheets sheets; the plan is left
 * built with that arrangement and set to be tiled so. */
static void
choose_sheets (JmExportPlan *plan)
{
  JmExportOptions *o = &plan->options;
  int orientation = o->turn_to_fit ? -1 : o->landscape;
  JmExportTiling best, other;
  gboolean found;

  found = choose_arrangement (plan, orientation, &best);
  if (o->layout == JM_EXPORT_LAYOUT_GRID && o->lanes_auto && plan->personas->len > 1)
    {
      GPtrArray *bands = g_steal_pointer (&plan->bands);
      GPtrArray *groups = g_steal_pointer (&plan->groups);
      Frame *poster = g_steal_pointer (&plan->poster);
      guint across = plan->lanes_across;

      plan->bands = g_ptr_array_new_with_free_func (band_free);
      plan->groups = g_ptr_array_new_with_free_func (group_free);
      o->lanes_together = !o->lanes_together;
      plan->lanes_across = 1;
      build_layout (plan);
      if (choose_arrangement (plan, orientation, &other) &&
          (!found || other.scale > best.scale * 1.0001))
        {
          best = other;
          found = TRUE;
          g_ptr_array_unref (groups);
          g_ptr_array_unref (bands);
          frame_free (poster);
        }
      else
        {
          /* The first arrangement prints larger: put it back. */
          o->lanes_together = !o->lanes_together;
          g_clear_pointer (&plan->poster, frame_free);
          g_ptr_array_unref (plan->groups);
          g_ptr_array_unref (plan->bands);
          plan->poster = poster;
          plan->groups = groups;
          plan->bands = bands;
          plan->lanes_across = across;
        }
    }
  if (!found)
    {
      best.landscape = o->landscape;
      best.columns = best.rows = 1;
    }
  o->tile_columns = best.columns;
  o->tile_rows = best.rows;
  o->landscape = best.landscape;
  o->turn_to_fit = FALSE;
  plan->page_width = o->landscape ? MAX (o->paper_width, o->paper_height)
                                  : MIN (o->paper_width, o->paper_height);
  plan->page_height = o->landscape ? MIN (o->paper_width, o->paper_height)
                                   : MAX (o->paper_width, o->paper_height);
}

/* A wall preset by width: the scale that prints the poster
 * options.wall_width wide, on sheets turned (unless the user chose an
 * orientation) to need the fewest. */
static void
choose_wall_width (JmExportPlan *plan)
{
  JmExportOptions *o = &plan->options;
  double scale = o->wall_width / plan->poster->width;
  guint best = G_MAXUINT;

  for (int land = 0; land <= 1; land++)
    {
      double cw = (land ? MAX (o->paper_width, o->paper_height)
                        : MIN (o->paper_width, o->paper_height)) - 2 * o->margin;
      double ch = (land ? MIN (o->paper_width, o->paper_height)
                        : MAX (o->paper_width, o->paper_height)) - 2 * o->margin;
      double cols, rows;

      if (!o->turn_to_fit && land != o->landscape)
        continue;
      if (cw <= 2 * o->overlap || ch <= 2 * o->overlap)
        continue;
      cols = MAX (1, ceil ((plan->poster->width * scale - o->overlap) / (cw - o->overlap) - 1e-9));
      rows = MAX (1, ceil ((plan->poster->height * scale - o->overlap) / (ch - o->overlap) - 1e-9));
      if (cols * rows < best)
        {
          best = (guint) MIN (cols * rows, G_MAXUINT - 1);
          o->landscape = land;
        }
    }
  o->scale = scale;
  o->turn_to_fit = FALSE;
  plan->page_width = o->landscape ? MAX (o->paper_width, o->paper_height)
                                  : MIN (o->paper_width, o->paper_height);
  plan->page_height = o->landscape ? MIN (o->paper_width, o->paper_height)
                                   : MAX (o->paper_width, o->paper_height);
}

/**
 * jm_export_plan_lay_out:
 * @plan: a plan from jm_export_plan_prepare()
 * @error: return location for a #JM_RENDER_ERROR
 *
 * Lays the plan out into pages: text measured, rows flowed, posters cut
 * into sheets (chosen first, for a wall preset). It may run in any
 * thread, but only one at a time for a plan; laying out a plan twice does
 * nothing the second time.
 *
 * Returns: %TRUE if the plan is laid out, %FALSE with @error set
 */
gboolean
jm_export_plan_lay_out (JmExportPlan  *plan,
                        GError       **error)
{
  const JmExportOptions *options;

  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->laid_out)
    return TRUE;
  options = &plan->options;

  switch (options->layout)
    {
    case JM_EXPORT_LAYOUT_GRID:
      plan->label_width = 110;
      plan->col_width = 150;
      break;
    case JM_EXPORT_LAYOUT_BOARD:
      plan->label_width = 90;
      plan->col_width = 200;
      break;
    case JM_EXPORT_LAYOUT_PERSONA:
    case JM_EXPORT_LAYOUT_FIX:
    default:
      plan->label_width = 0;
      plan->col_width = 0;
      break;
    }
  plan->frame_width = JM_EXPORT_LAYOUT_IS_SHEETS (options->layout)
    ? plan->page_width - 2 * options->margin
    : plan->label_width + plan->stages->len * plan->col_width;
  plan_windows (plan);

  build_layout (plan);
  if (options->sheets > 0 && !JM_EXPORT_LAYOUT_IS_SHEETS (options->layout))
    choose_sheets (plan);
  else if (options->wall_width > 0 && !JM_EXPORT_LAYOUT_IS_SHEETS (options->layout))
    choose_wall_width (plan);

  if (options->tile_columns > 0 || options->scale > 0)
    {
      if (!plan_tiles (plan, error))
        return FALSE;
    }
  else
    plan_fit_pages (plan);

  plan->laid_out = TRUE;
  return TRUE;
}

/**
 * jm_export_plan_new:
 * @map: the map to lay out
 * @options: layout, paper and poster choices
 * @error: return location for a #JM_RENDER_ERROR
 *
 * Lays @map out into pages. The plan keeps its own copy of what it shows,
 * so it can be drawn from another thread while @map changes.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
JmExportPlan *
jm_export_plan_new (JmMap                 *map,
                    const JmExportOptions *options,
                    GError               **error)
{
  g_autoptr(JmExportPlan) plan = jm_export_plan_prepare (map, options, error);

  if (plan == NULL || !jm_export_plan_lay_out (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * jm_export_plan_ref:
 * @plan: a plan
 *
 * Returns: (transfer full): @plan
 */
JmExportPlan *
jm_export_plan_ref (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  g_atomic_ref_count_inc (&plan->ref_count);
  return plan;
}

/**
 * jm_export_plan_unref:
 * @plan: (transfer full): a plan
 */
void
jm_export_plan_unref (JmExportPlan *plan)
{
  g_return_if_fail (plan != NULL);

  if (!g_atomic_ref_count_dec (&plan->ref_count))
    return;

  g_clear_pointer (&plan->poster, frame_free);
  g_ptr_array_unref (plan->frames);
  g_array_unref (plan->pages);
  g_ptr_array_unref (plan->groups);
  g_ptr_array_unref (plan->bands);
  g_clear_pointer (&plan->by_id, g_hash_table_unref);
  g_clear_pointer (&plan->scores, g_hash_table_unref);
  g_clear_pointer (&plan->fix_rows, g_ptr_array_unref);
  g_clear_pointer (&plan->journeys, g_ptr_array_unref);
  g_free (plan->score_key);
  g_ptr_array_unref (plan->touchpoints);
  g_free (plan->description);
  g_free (plan->title_block);
  g_free (plan->authors);
  g_clear_pointer (&plan->dots, g_hash_table_unref);
  g_free (plan->emotion_counts);
  g_free (plan->emotion_sums);
  g_ptr_array_unref (plan->personas);
  g_ptr_array_unref (plan->stages);
  g_free (plan->title);
  g_free (plan->stamp);
  g_free (plan->date_text);
  g_hash_table_unref (plan->text_lines);
  g_mutex_clear (&plan->text_lines_lock);
  jm_export_options_clear (&plan->options);
  g_free (plan);
}

/**
 * jm_export_plan_is_laid_out:
 * @plan: a plan
 *
 * Returns: whether jm_export_plan_lay_out() has laid @plan out; a plan
 *   that is not has no pages yet
 */
gboolean
jm_export_plan_is_laid_out (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  return plan->laid_out;
}

/**
 * jm_export_plan_get_n_pages:
 * @plan: a plan
 *
 * Returns: the number of pages: for a poster, the assembly page and the
 *   tiles; 0 before the plan is laid out
 */
guint
jm_export_plan_get_n_pages (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->pages->len;
}

/**
 * jm_export_plan_get_page_size:
 * @plan: a plan
 * @width: (out) (optional): page width in points, orientation applied
 * @height: (out) (optional): page height in points
 */
void
jm_export_plan_get_page_size (JmExportPlan *plan,
                              double       *width,
                              double       *height)
{
  g_return_if_fail (plan != NULL);

  if (width != NULL)
    *width = plan->page_width;
  if (height != NULL)
    *height = plan->page_height;
}

/**
 * jm_export_plan_get_tiles:
 * @plan: a plan
 * @columns: (out) (optional): sheets across
 * @rows: (out) (optional): sheets down
 *
 * Returns: %TRUE if the plan is a tiled poster
 */
gboolean
jm_export_plan_get_tiles (JmExportPlan *plan,
                          guint        *columns,
                          guint        *rows)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (columns != NULL)
    *columns = plan->tile_cols;
  if (rows != NULL)
    *rows = plan->tile_rows;
  return plan->tiled;
}

/**
 * jm_export_plan_get_lanes_together:
 * @plan: a laid-out plan
 *
 * Returns: whether a grid shows every lane in one grid: as asked, or as a
 *   wall preset chose
 */
gboolean
jm_export_plan_get_lanes_together (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  return plan->options.lanes_together;
}

/**
 * jm_export_plan_get_lanes_across:
 * @plan: a laid-out plan
 *
 * Returns: how many grids of separate lanes a poster sets side by side, as
 *   a wall preset chose; 1 when they are stacked (or in one grid)
 */
guint
jm_export_plan_get_lanes_across (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 1);

  return MAX (plan->lanes_across, 1);
}

/**
 * jm_export_plan_get_smallest_text:
 * @plan: a laid-out plan
 *
 * The size of the smallest text of the pages on paper: what decides how
 * far away they can be read (see jm_export_describe_distance()). The
 * assembly page of a poster, a small picture of it, does not count.
 *
 * Returns: the size in points, 0 before the plan is laid out
 */
double
jm_export_plan_get_smallest_text (JmExportPlan *plan)
{
  double scale = G_MAXDOUBLE;

  g_return_val_if_fail (plan != NULL, 0);

  if (!plan->laid_out)
    return 0;
  if (plan->tiled)
    return SMALLEST_TEXT * plan->tile_scale;
  for (guint i = 0; i < plan->frames->len; i++)
    scale = MIN (scale, ((Frame *) g_ptr_array_index (plan->frames, i))->scale);
  return SMALLEST_TEXT * (plan->frames->len > 0 ? scale : 1);
}
