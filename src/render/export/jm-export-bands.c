/* jm-export-bands.c: items and bands, each laid out from its top left corner
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-emotion-chart.h"
#include "jm-export-private.h"

/* ----------------------------------------------------------------- items */

static char *
scores_text (JmTouchpoint *tp)
{
  GString *s = g_string_new (NULL);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      int r = jm_touchpoint_get_rating (tp, m);

      if (m > 0)
        g_string_append (s, "  ");
      if (r >= JM_RATING_MIN && r <= JM_RATING_MAX)
        g_string_append_printf (s, "%s %d", jm_render_measure_short_label (m), r);
      else
        g_string_append_printf (s, "%s –", jm_render_measure_short_label (m));
    }
  return g_string_free (s, FALSE);
}

/* What a card's score strip says, as on the board. */
static char *
score_text (JmExportPlan *plan,
            double        score)
{
  if (isnan (score))
    return g_strdup (_("Not scored"));
  if (plan->options.colour_by == JM_COLOUR_BY_COMPOSITE)
    return g_strdup_printf (_("Score %.1f"), score);
  /* Translators: a short measure name, then a rating from 1 to 5 */
  return g_strdup_printf (_("%s %d"),
                          jm_render_measure_short_label (plan->options.colour_by - JM_COLOUR_BY_RESPONSIVENESS),
                          (int) score);
}

/* The touchpoints @tp leads to, by title, one line each: links stay on
 * paper when their arrows cannot (the other end on another page). */
static double
links_text (Ctx          *ctx,
            JmTouchpoint *tp,
            double        x,
            double        y,
            double        width)
{
  const char * const *links = jm_touchpoint_get_links (tp);
  double h = 0;

  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    {
      JmTouchpoint *to = g_hash_table_lookup (ctx->plan->by_id, links[i]);
      const char *title = to != NULL ? jm_touchpoint_get_title (to) : NULL;
      g_autofree char *line = NULL;

      if (to == NULL || to == tp)
        continue;
      /* Translators: a link to another touchpoint, by its title */
      line = g_strdup_printf (_("→ %s"), title != NULL && *title != '\0' ? title
                                                                         : _("Untitled touchpoint"));
      h += text_at (ctx, line, x, y + h, width, 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);
    }
  return h;
}

/* Lays an item out at @width from its top left corner; returns its height. */
double
item_layout (Ctx   *ctx,
             Item  *item,
             double width)
{
  JmTouchpoint *tp = item->touchpoint;
  cairo_t *cr = ctx->cr;
  double x = 0, y = 0, indent = 0;

  if (item->kind == ITEM_CARD)
    {
      const JmCardStyle *style = &ctx->plan->card_style;
      gboolean strip = ctx->plan->scores != NULL;
      double card;
      int dots;

      /* The card, its score strip, then where its links lead, in words:
       * an arrow whose other end is on another page cannot be drawn. */
      if (ctx->draw)
        {
          card = item->height - item->links_height;
          dots = ctx->plan->dots != NULL
            ? GPOINTER_TO_INT (g_hash_table_lookup (ctx->plan->dots, jm_touchpoint_get_id (tp))) : 0;
          jm_card_render_with_dots (cr, tp, item->persona, style, width, card, dots);
          if (strip)
            {
              double score = item_score (ctx->plan, tp);
              g_autofree char *text = score_text (ctx->plan, score);

              jm_card_render_score_strip (cr, style, score, text, width, card);
            }
          links_text (ctx, tp, style->font_size * 0.4, card + 1, width - style->font_size * 0.4);
          return item->height;
        }
      card = jm_card_measure (cr, tp, style, width) +
             (strip ? jm_card_score_strip_height (style) : 0);
      item->links_height = links_text (ctx, tp, 0, card + 1, width - style->font_size * 0.4);
      if (item->links_height > 0)
        item->links_height += 1;
      return card + item->links_height;
    }

  if (item->show_persona)
    {
      indent = 8;
      if (ctx->draw)
        {
          JmRgba c;

          guint lane = 0;

          persona_rgba (item->persona, &c);
          g_ptr_array_find (ctx->plan->personas, item->persona, &lane);
          jm_render_persona_mark (cr, &c, lane, 2.5, 5.5, 2.5);
        }
    }
  x = indent;

  if (item->kind == ITEM_SUMMARY)
    {
      const char *title = jm_touchpoint_get_title (tp);
      const char *channel = jm_touchpoint_get_channel (tp);
      const char * const *teams = jm_touchpoint_get_teams (tp);
      gboolean mot = jm_touchpoint_get_moment_of_truth (tp);
      g_autofree char *scores = scores_text (tp);
      double star = mot ? 11 : 0;

      if (mot && ctx->draw)
        jm_render_mot_mark (cr, &ctx->plan->card_style, width - 4.5, 5, 4.5);
      if (title == NULL || *title == '\0')
        y += text_at (ctx, _("Untitled touchpoint"), x, y, width - x - star, 8,
                      PANGO_WEIGHT_BOLD, PANGO_STYLE_ITALIC, &muted);
      else
        y += text_at (ctx, title, x, y, width - x - star, 8,
                      PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
      y += text_at (ctx, channel != NULL && *channel != '\0'
                    ? jm_channel_get_label (channel) : _("No channel"),
                    x, y, width - x, 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      if (teams != NULL && teams[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) teams);
          g_autofree char *line = g_strdup_printf (_("Teams: %s"), joined);

          y += text_at (ctx, line, x, y, width - x, 7, PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_NORMAL, &muted);
        }
      /* The heat chip of the score cards are coloured by, then the
       * ratings beside it. */
      if (ctx->plan->scores != NULL)
        {
          double score = item_score (ctx->plan, tp);
          g_autofree char *text = score_text (ctx->plan, score);
          /* One width for every summary's chip (measure_bands()): the
           * chips line up, and cost no measuring each. */
          double chip = score_chip (ctx, score, text, x, y + 1, 7, ctx->plan->chip_width) + 4;
          double h = text_at (ctx, scores, x + chip, y + 1 + (7 * 1.6 - 7 * 1.25) / 2,
                              width - x - chip, 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);

          y += MAX (7 * 1.6 + 2, h + 2);
        }
      else
        y += text_at (ctx, scores, x, y, width - x, 7, PANGO_WEIGHT_NORMAL,
                      PANGO_STYLE_NORMAL, &ink);
      y += links_text (ctx, tp, x, y, width - x);
      return y;
    }

  /* ITEM_TEXT */
  {
    int emotion = jm_touchpoint_get_emotion (tp);
    double face = 0;
    double h;

    if (item->show_emotion && emotion >= JM_EMOTION_MIN && emotion <= JM_EMOTION_MAX)
      {
        face = 11;
        if (ctx->draw)
          jm_render_emotion_face (cr, &ctx->plan->card_style, x, 0, 9, emotion);
      }
    else
      {
        face = 7;
        if (ctx->draw)
          text_at (ctx, "•", x, 0, -1, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      }
    h = text_at (ctx, item->text, x + face, 0, width - x - face, 8,
                 PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);
    return MAX (h, face);
  }
}

/* ----------------------------------------------------------------- bands */

void
band_free (gpointer data)
{
  Band *band = data;

  g_free (band->text);
  g_free (band->subtitle);
  g_free (band->stamp);
  g_strfreev (band->list);
  g_clear_pointer (&band->sheet, sheet_part_free);
  if (band->cells != NULL)
    {
      for (guint c = 0; c < band->n_cols; c++)
        g_ptr_array_unref (band->cells[c]);
      g_free (band->cells);
    }
  g_free (band->curve);
  if (band->curve_cards != NULL)
    g_array_unref (band->curve_cards);
  g_free (band);
}

Band *
band_new (JmExportPlan *plan,
          BandKind      kind)
{
  Band *band = g_new0 (Band, 1);

  band->kind = kind;
  g_ptr_array_add (plan->bands, band);
  return band;
}

Band *
row_band_new (JmExportPlan *plan,
              const char   *label,
              JmPersona    *persona)
{
  Band *band = band_new (plan, BAND_ROW);

  band->text = g_strdup (label);
  band->persona = persona;
  band->n_cols = plan->stages->len;
  band->cells = g_new0 (GPtrArray *, band->n_cols);
  for (guint c = 0; c < band->n_cols; c++)
    band->cells[c] = g_ptr_array_new_with_free_func (g_free);
  return band;
}

void
row_add (Band     *band,
         guint     col,
         ItemKind  kind,
         JmTouchpoint *tp,
         JmPersona *persona,
         const char *text)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->touchpoint = tp;
  item->persona = persona;
  item->text = text;
  g_ptr_array_add (band->cells[col], item);
}

/* Bands' own drawing; every function lays out from the band's top left and
 * returns the height, drawing only when @ctx draws. */

/* What colours the cards, and the chips of scores 1 to 5 and of none. */
static double
heat_legend (Ctx   *ctx,
             double y,
             double width)
{
  const double size = 7;
  double x = 0, h;

  for (int v = JM_RATING_MIN; v <= JM_RATING_MAX + 1; v++)
    {
      g_autofree char *text = v <= JM_RATING_MAX ? g_strdup_printf ("%d", v)
                                                 : g_strdup (_("Not scored"));

      x += score_chip (ctx, v <= JM_RATING_MAX ? v : NAN, text, x, y, size, 0) + 4;
    }
  x += 4;
  h = text_at (ctx, ctx->plan->score_key, x, y + (size * 1.6 - size * 1.25) / 2, width - x, size,
               PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
  return MAX (h, size * 1.6) + 2;
}

/* Where lanes share a grid, which mark is whose: "Lanes:", then each
 * persona's mark and name, on as many lines as they take. */
static double
persona_key (Ctx   *ctx,
             double y,
             double width)
{
  JmExportPlan *plan = ctx->plan;
  const double size = 7, line_h = 12;
  const char *heading = _("Lanes:");
  double x, top = y;

  x = text_width (ctx, heading, size, PANGO_WEIGHT_BOLD) + 8;
  text_at (ctx, heading, 0, y, -1, size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  for (guint l = 0; l < plan->personas->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (plan->personas, l);
      const char *name = jm_persona_get_name (persona);
      double w = 11 + text_width (ctx, name, size, PANGO_WEIGHT_NORMAL);

      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line_h;
        }
      if (ctx->draw)
        {
          JmRgba c;

          persona_rgba (persona, &c);
          jm_render_persona_mark (ctx->cr, &c, l, x + 4, y + 4.5, 3.5);
        }
      text_at (ctx, name, x + 11, y, MIN (w, width) - 11, size, PANGO_WEIGHT_NORMAL,
               PANGO_STYLE_NORMAL, &muted);
      x += w + 12;
    }
  return y - top + line_h;
}

static double
legend_layout (Ctx   *ctx,
               double width)
{
  cairo_t *cr = ctx->cr;
  double x = 0, y = 0, line_h = 12;
  const double size = 7;

  /* A flowing line of entries: each an icon and a label; wraps as needed. */
  for (int i = -1; i <= JM_RATING_MAX + 1; i++)
    {
      g_autofree char *label = NULL;
      double icon = 0, w;
      int emotion = 0;

      if (i == -1)
        label = g_strdup (_("Legend:"));
      else if (i <= 4)
        {
          emotion = i - 2;
          label = g_strdup (jm_emotion_get_label (emotion));
          icon = 11;
        }
      else if (i == 5)
        {
          label = g_strdup (_("Moment of truth"));
          icon = 11;
        }
      else
        {
          g_autofree char *names = g_strdup_printf ("%s (%s), %s (%s), %s (%s), %s (%s)",
                                                    jm_render_measure_short_label (0), jm_measure_get_label (0),
                                                    jm_render_measure_short_label (1), jm_measure_get_label (1),
                                                    jm_render_measure_short_label (2), jm_measure_get_label (2),
                                                    jm_render_measure_short_label (3), jm_measure_get_label (3));
          label = g_strdup_printf (_("Scores from 1 (poor) to 5 (excellent), – not rated: %s"), names);
        }

      w = icon + text_width (ctx, label, size, i == -1 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line_h;
        }
      if (w > width)
        {
          /* Only the scores text can be this long: let it wrap below. */
          y += text_at (ctx, label, 0, y, width, size, PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_NORMAL, &muted);
          x = 0;
          continue;
        }
      if (ctx->draw)
        {
          if (i >= 0 && i <= 4)
            jm_render_emotion_face (cr, &ctx->plan->card_style, x, y, 9, emotion);
          else if (i == 5)
            jm_render_mot_mark (cr, &ctx->plan->card_style, x + 4.5, y + 4.5, 4.5);
        }
      text_at (ctx, label, x + icon, y, -1, size,
               i == -1 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
               i == -1 ? &ink : &muted);
      x += w + 12;
    }
  y += line_h;
  if (ctx->plan->persona_key)
    y += persona_key (ctx, y, width);
  if (ctx->plan->scores != NULL)
    y += heat_legend (ctx, y, width);
  return y + PAD;
}

static double
title_layout (Ctx   *ctx,
              Band  *band,
              double width)
{
  double y = 0;

  y += text_at (ctx, band->text, 0, y, width, 18, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  if (band->subtitle != NULL)
    y += text_at (ctx, band->subtitle, 0, y, width, 10, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_NORMAL, &ink);
  /* The title block: which version of the map this is, as is or to be. */
  if (ctx->plan->title_block != NULL)
    y += text_at (ctx, ctx->plan->title_block, 0, y, width, 10, PANGO_WEIGHT_BOLD,
                  PANGO_STYLE_NORMAL, &ink);
  /* The map's description, as wide as reads comfortably. */
  if (ctx->plan->description != NULL)
    {
      y += 2;
      y += text_at (ctx, ctx->plan->description, 0, y, MIN (width, 540), 9,
                    PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);
      y += 2;
    }
  y += text_at (ctx, band->stamp, 0, y, width, 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
  return y + PAD * 2;
}

static double
continued_layout (Ctx   *ctx,
                  Band  *band,
                  double width)
{
  double h;

  /* Repeated atop every sheet that continues a grid: set from cached
   * glyphs (see row_draw()). */
  ctx->batching = ctx->setter != NULL;
  h = text_at (ctx, band->text, 0, 0, width, 9, PANGO_WEIGHT_BOLD, PANGO_STYLE_ITALIC, &muted);
  text_runs_flush (ctx);
  ctx->batching = FALSE;
  return h + PAD;
}

static double
stages_layout (Ctx   *ctx,
               Band  *band,
               double width)
{
  JmExportPlan *plan = ctx->plan;
  double h = 0;

  if (ctx->draw)
    {
      /* Repeated atop every sheet: its texts drawn together after the
       * fill, as a row's are. */
      ctx->batching = ctx->setter != NULL;
      jm_render_set_rgba (ctx->cr, &header_shade);
      cairo_rectangle (ctx->cr, 0, 0, width, band->height);
      cairo_fill (ctx->cr);
      text_at (ctx, band->text, PAD, PAD, plan->label_width - 2 * PAD, 8,
               PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &muted);
    }
  for (guint c = 0; c < plan->stages->len; c++)
    {
      JmStage *stage = g_ptr_array_index (plan->stages, c);
      double x = plan->label_width + c * plan->col_width + PAD;
      double w = plan->col_width - 2 * PAD;
      const char *description = jm_stage_get_description (stage);
      double y = PAD;

      y += text_at (ctx, jm_stage_get_name (stage), x, y, w, 10, PANGO_WEIGHT_BOLD,
                    PANGO_STYLE_NORMAL, &ink);
      if (description != NULL && *description != '\0')
        y += text_at (ctx, description, x, y, w, 7, PANGO_WEIGHT_NORMAL,
                      PANGO_STYLE_NORMAL, &muted);
      h = MAX (h, y + PAD);
    }
  if (ctx->draw)
    {
      text_runs_flush (ctx);
      ctx->batching = FALSE;
      cairo_set_line_width (ctx->cr, 0.5);
      jm_render_set_rgba (ctx->cr, &rule);
      for (guint c = 0; c <= plan->stages->len; c++)
        {
          double x = plan->label_width + c * plan->col_width;
          cairo_move_to (ctx->cr, x, 0);
          cairo_line_to (ctx->cr, x, band->height);
        }
      cairo_rectangle (ctx->cr, 0, 0, width, band->height);
      cairo_stroke (ctx->cr);
    }
  return h;
}

static double
section_layout (Ctx   *ctx,
                Band  *band,
                double width)
{
  double y = 0;

  y += text_at (ctx, band->text, 0, y, width, 11, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  y += 2;
  if (band->subtitle != NULL)
    y += text_at (ctx, band->subtitle, 0, y, width, 9.5, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_NORMAL, &ink);
  for (guint i = 0; band->list != NULL && band->list[i] != NULL; i++)
    {
      if (ctx->draw)
        text_at (ctx, "•", 4, y, -1, 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      y += text_at (ctx, band->list[i], 14, y, width - 14, 9.5, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_NORMAL, &ink) + 1;
    }
  return y + 10;
}

double
row_label_layout (Ctx      *ctx,
                  Band     *band,
                  gboolean  continued)
{
  JmExportPlan *plan = ctx->plan;
  double w = plan->label_width - 2 * PAD - (band->persona != NULL ? 4 : 0);
  double x = PAD + (band->persona != NULL ? 4 : 0);
  double y = PAD;

  y += text_at (ctx, band->text, x, y, w, 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  if (continued)
    y += text_at (ctx, _("(continued)"), x, y, w, 7, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_ITALIC, &muted);
  return y + PAD;
}

/* The row's emotion curve, above its items: each touchpoint's own
 * emotion as its face, the mean of each stage as a line (carried dashed
 * across stages without one), on a labelled scale from -2 to +2. */
static void
draw_curve (Ctx   *ctx,
            Band  *band,
            double top)
{
  JmExportPlan *plan = ctx->plan;
  double h = band->curve_height - PAD;
  /* Faces too small to see are left out: the mean line says enough. */
  guint n_cards = band->curve_cards != NULL && !ctx->greek ? band->curve_cards->len : 0;
  g_autofree double *x = g_new (double, MAX (band->n_cols, 1));
  g_autofree double *card_x = g_new (double, MAX (n_cards, 1));
  g_autofree double *card_values = g_new (double, MAX (n_cards, 1));
  g_autoptr(PangoLayout) labels = pango_layout_new (pango_layout_get_context (ctx->layout));
  PangoFontDescription *font = pango_font_description_copy (ctx->font);
  JmEmotionChart chart = {
    .n_points = band->n_cols,
    .values = band->curve,
    .x = x,
    .left = plan->label_width + PAD + 14,
    .right = plan->frame_width - PAD,
    .mid = top + h / 2,
    .amp = (h - 12) / 2 / JM_EMOTION_MAX,
    .flags = JM_EMOTION_CHART_SCALE | JM_EMOTION_CHART_BRIDGE,
    .line = ink,
    .line_width = 1.5,
    .rule = ink,
    .labels = labels,
    .style = &plan->card_style,
    .mark_radius = 2,
    .n_cards = n_cards,
    .card_x = card_x,
    .card_values = card_values,
    .card_size = 9,
  };

  pango_font_description_set_absolute_size (font, 7 * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (labels, font);
  pango_font_description_free (font);
  for (guint c = 0; c < band->n_cols; c++)
    x[c] = plan->label_width + (c + 0.5) * plan->col_width;
  for (guint i = 0; i < n_cards; i++)
    {
      CurveCard *card = &g_array_index (band->curve_cards, CurveCard, i);

      card_x[i] = plan->label_width + (card->col + card->place) * plan->col_width;
      card_values[i] = card->emotion;
    }
  jm_emotion_chart_draw (&chart, ctx->cr);
}

static void
block_fill (Ctx *ctx)
{
  if (!ctx->block)
    return;
  jm_render_set_rgba (ctx->cr, &ctx->block_colour);
  cairo_rectangle (ctx->cr, ctx->block_x, ctx->block_y, ctx->block_w, ctx->block_h);
  cairo_fill (ctx->cr);
  ctx->block = FALSE;
}

/* A greeked item: a block in its lane's colour for a card, a grey one for
 * text. The blocks of a column whose gaps are too thin to see are one
 * block: a poster of thousands of cards is otherwise thousands of fills,
 * each recorded, analysed and written on its own, for the same look. */
static void
block_add (Ctx    *ctx,
           Item   *item,
           double  x,
           double  y,
           double  width,
           double  height)
{
  JmRgba c = header_shade;

  if (item->kind == ITEM_CARD)
    {
      persona_rgba (item->persona, &c);
      c.alpha = 0.35;
    }
  if (ctx->block && ctx->merge && x == ctx->block_x && width == ctx->block_w &&
      memcmp (&c, &ctx->block_colour, sizeof c) == 0)
    {
      ctx->block_h = y + height - ctx->block_y;
      return;
    }
  block_fill (ctx);
  ctx->block = TRUE;
  ctx->block_x = x;
  ctx->block_y = y;
  ctx->block_w = width;
  ctx->block_h = height;
  ctx->block_colour = c;
  if (!ctx->merge)
    block_fill (ctx);
}

/* Remembers where a card or summary was drawn, in device units, when the
 * sheet shows it (a window of stages clips the others away). */
static void
add_anchor (Ctx          *ctx,
            JmTouchpoint *tp,
            double        x,
            double        y,
            double        width,
            double        height)
{
  double *rect;
  double x2 = x + width, y2 = y + height;

  if (!cairo_in_clip (ctx->cr, x + width / 2, y + MIN (height / 2, 6)) ||
      g_hash_table_contains (ctx->anchors, tp))
    return;
  cairo_user_to_device (ctx->cr, &x, &y);
  cairo_user_to_device (ctx->cr, &x2, &y2);
  rect = g_new (double, 4);
  rect[0] = MIN (x, x2);
  rect[1] = MIN (y, y2);
  rect[2] = MAX (x, x2);
  rect[3] = MAX (y, y2);
  g_hash_table_insert (ctx->anchors, tp, rect);
}

void
row_draw (Ctx    *ctx,
          Placed *p)
{
  JmExportPlan *plan = ctx->plan;
  Band *band = p->band;
  cairo_t *cr = ctx->cr;
  double top = PAD + (p->first ? band->curve_height : 0);

  /* The texts of the row are drawn together, after its fills. */
  ctx->batching = ctx->setter != NULL;
  jm_render_set_rgba (cr, &shade);
  cairo_rectangle (cr, 0, 0, plan->label_width, p->height);
  cairo_fill (cr);
  if (band->persona != NULL)
    {
      JmRgba c;

      persona_rgba (band->persona, &c);
      jm_render_set_rgba (cr, &c);
      cairo_rectangle (cr, 0, 0, 4, p->height);
      cairo_fill (cr);
    }
  row_label_layout (ctx, band, !p->first);

  if (p->first && band->curve != NULL)
    draw_curve (ctx, band, PAD);

  for (guint c = 0; c < band->n_cols; c++)
    {
      double x = plan->label_width + c * plan->col_width + PAD;
      double y = top;

      /* A tile of a wide poster shows a few of the columns. */
      if (x > ctx->clip_x2 || x + plan->col_width - 2 * PAD < ctx->clip_x1)
        continue;

      /* Items from[c] to to[c], the first from from_off[c] on, and the
       * head of item to[c] when it continues on the next frame. */
      for (guint j = p->from[c]; j < p->to[c] || (j == p->to[c] && p->end_off[c] > 0); j++)
        {
          Item *item = g_ptr_array_index (band->cells[c], j);
          double start = j == p->from[c] ? p->from_off[c] : 0;
          double end = j == p->to[c] ? p->end_off[c] : item->height;

          if (ctx->greek)
            {
              if (ctx->clip_y2 >= y && ctx->clip_y1 <= y + end - start)
                block_add (ctx, item, x, y, plan->col_width - 2 * PAD, end - start);
            }
          else if (ctx->clip_y2 >= y && ctx->clip_y1 <= y + end - start)
            {
              gboolean cut = start > 0 || end < item->height;

              /* An item cut by the sheet's edge: its texts drawn in its clip. */
              if (cut)
                text_runs_flush (ctx);
              cairo_save (cr);
              if (cut)
                {
                  cairo_rectangle (cr, x - PAD, y, plan->col_width, end - start);
                  cairo_clip (cr);
                }
              cairo_translate (cr, x, y - start);
              item_layout (ctx, item, plan->col_width - 2 * PAD);
              if (cut)
                text_runs_flush (ctx);
              cairo_restore (cr);
              if (ctx->anchors != NULL && item->kind != ITEM_TEXT)
                add_anchor (ctx, item->touchpoint, x, y, plan->col_width - 2 * PAD, end - start);
            }
          y += end - start + ITEM_GAP;
        }
      block_fill (ctx);
    }
  text_runs_flush (ctx);
  ctx->batching = FALSE;

  cairo_set_line_width (cr, 0.5);
  jm_render_set_rgba (cr, &rule);
  for (guint c = 0; c <= band->n_cols; c++)
    {
      double x = plan->label_width + c * plan->col_width;
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, p->height);
    }
  cairo_rectangle (cr, 0, 0, plan->frame_width, p->height);
  cairo_stroke (cr);
}

double
band_layout (Ctx   *ctx,
             Band  *band,
             double width)
{
  switch (band->kind)
    {
    case BAND_TITLE:
      return title_layout (ctx, band, width);
    case BAND_CONTINUED:
      return continued_layout (ctx, band, width);
    case BAND_STAGES:
      return stages_layout (ctx, band, width);
    case BAND_LEGEND:
      return legend_layout (ctx, width);
    case BAND_SHEET:
      return sheet_layout (ctx, band);
    case BAND_SECTION:
      return section_layout (ctx, band, width);
    case BAND_GAP:
      return band->height;
    case BAND_SCORE:
      return score_layout (ctx, band, width);
    case BAND_ROW:
    default:
      g_assert_not_reached ();
    }
}

Band *
title_band (JmExportPlan *plan,
            const char   *subtitle)
{
  Band *band = band_new (plan, BAND_TITLE);

  band->text = g_strdup (plan->title);
  band->subtitle = g_strdup (subtitle);
  band->stamp = g_strdup (plan->stamp);
  return band;
}

Band *
continued_band (JmExportPlan *plan,
                const char   *what)
{
  Band *band = band_new (plan, BAND_CONTINUED);

  band->text = what != NULL
    ? g_strdup_printf (_("%s — %s (continued)"), plan->title, what)
    : g_strdup_printf (_("%s (continued)"), plan->title);
  return band;
}

Band *
stages_band (JmExportPlan *plan,
             const char   *corner)
{
  Band *band = band_new (plan, BAND_STAGES);

  band->text = g_strdup (corner);
  return band;
}
