/* jm-export-persona.c: the persona sheet layout
 *
 * A sheet per persona: who they are (picture, name, quote, about, goals,
 * frustrations, needs, channels, devices, notes) and their journey: their
 * emotion across the stages (each of their touchpoints' own emotion, and
 * the mean of each stage as a line, drawn by jm-emotion-chart.c as the
 * grid's curve is), their moments of truth, and their worst touchpoints as
 * the score report ranks them for "What to fix first".
 *
 * A sheet fills its paper, type and picture growing with it: a sheet is a
 * stack of parts (bands of kind BAND_SHEET), laid out at a width of the
 * persona's own, and the page scales that width to the paper's. The width
 * is the one that makes the persona's parts as tall as the paper: no wider
 * than SHEET_WIDTH scaled to the paper's short side (so that type grows
 * from A4 to A0 with the paper), no narrower than MAX_GROW times less. A
 * persona with more than that fills continues on further sheets, at the
 * widest.
 *
 * What the sheet shows of the journey is taken from the map when the plan
 * is prepared (take_journeys()), so that it can be laid out in any thread.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include <string.h>

#include "jm-emotion-chart.h"
#include "jm-export-private.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"
#include "jm-score-report.h"

/* The widest a sheet is laid out, in points: A4's width inside 10 mm
 * margins, so that a sheet on A4 is at actual size or larger. */
#define SHEET_WIDTH JM_MM_TO_PT (190)
/* How much larger than that a sheet with little to show may be drawn, to
 * fill its paper. */
#define MAX_GROW 1.8
/* Sizes at actual size; every text is at least DETAIL. */
#define NAME 22.0
#define HEADING 12.0
#define BODY 9.5
#define DETAIL 8.0
#define PICTURE 88.0
#define PART_GAP 12.0
#define GUTTER 22.0
#define MIN_COLUMN 150.0
#define CHART_HEIGHT 100.0
#define CHART_AXIS 24.0        /* room left of the chart for its scale */
#define FACE 13.0
/* The worst touchpoints printed: the few to take to the meeting. */
#define WORST_MAX 3

/* ------------------------------------------------ the journey, from the map */

typedef struct
{
  char    *title;
  int      stage;          /* in plan->stages, -1 for none */
  int      emotion;
  gboolean moment_of_truth;
  double   score;          /* composite, NAN for none */
  guint    rank;           /* among the persona's touchpoints, from 1; 0 for none */
  char    *channel;        /* its label, or NULL */
} JourneyRow;

typedef struct
{
  double    *means;        /* each stage's mean emotion, NAN where none */
  GArray    *cards;        /* CurveCard: each touchpoint's own emotion */
  GPtrArray *moments;      /* JourneyRow, in stage order */
  GPtrArray *worst;        /* JourneyRow, most urgent first */
  guint      more_worst;   /* ranked touchpoints not printed */
} Journey;

static void
journey_row_free (gpointer data)
{
  JourneyRow *row = data;

  g_free (row->title);
  g_free (row->channel);
  g_free (row);
}

static void
journey_free (gpointer data)
{
  Journey *journey = data;

  g_free (journey->means);
  g_array_unref (journey->cards);
  g_ptr_array_unref (journey->moments);
  g_ptr_array_unref (journey->worst);
  g_free (journey);
}

static JourneyRow *
journey_row_new (const JmScoreEntry *entry,
                 guint               rank)
{
  JourneyRow *row = g_new0 (JourneyRow, 1);
  const char *title = jm_touchpoint_get_title (entry->touchpoint);
  const char *channel = jm_touchpoint_get_channel (entry->touchpoint);

  row->title = g_strdup (title != NULL && *title != '\0' ? title : _("Untitled touchpoint"));
  row->stage = entry->stage;
  row->emotion = entry->emotion;
  row->moment_of_truth = entry->moment_of_truth;
  row->score = entry->composite;
  row->rank = rank;
  row->channel = channel != NULL && *channel != '\0' ? g_strdup (jm_channel_get_label (channel)) : NULL;
  return row;
}

/**
 * take_journeys:
 * @plan: a plan being prepared
 * @map: its map
 * @lanes: the map's position of each persona the plan shows
 *
 * Takes each shown persona's journey from @map's score report: the mean
 * emotion of each stage, each touchpoint's own, the moments of truth, and
 * the persona's touchpoints in the order of the report's ranking.
 */
void
take_journeys (JmExportPlan *plan,
               JmMap        *map,
               const guint  *lanes)
{
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  guint n_stages = plan->stages->len;
  guint n_entries, n_ranked;
  const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);
  const JmScoreEntry **ranking = jm_score_report_get_ranking (report, &n_ranked);

  plan->journeys = g_ptr_array_new_with_free_func (journey_free);
  for (guint l = 0; l < plan->personas->len; l++)
    {
      Journey *journey = g_new0 (Journey, 1);
      int lane = (int) lanes[l];

      journey->means = jm_emotion_chart_values (report, lanes[l], n_stages);
      journey->cards = g_array_new (FALSE, FALSE, sizeof (CurveCard));
      journey->moments = g_ptr_array_new_with_free_func (journey_row_free);
      journey->worst = g_ptr_array_new_with_free_func (journey_row_free);
      g_ptr_array_add (plan->journeys, journey);

      /* Stage by stage, each card's emotion spread evenly across its
       * column, as the grid's curve shows them; the moments of truth in
       * the same order. */
      for (guint s = 0; s < n_stages; s++)
        {
          guint n = 0, k = 0;

          for (guint e = 0; e < n_entries; e++)
            if (entries[e].lane == lane && entries[e].stage == (int) s &&
                entries[e].emotion >= JM_EMOTION_MIN && entries[e].emotion <= JM_EMOTION_MAX)
              n++;
          for (guint e = 0; e < n_entries; e++)
            {
              const JmScoreEntry *entry = &entries[e];

              if (entry->lane != lane || entry->stage != (int) s)
                continue;
              if (entry->emotion >= JM_EMOTION_MIN && entry->emotion <= JM_EMOTION_MAX)
                {
                  CurveCard card = { s, (k + 1.0) / (n + 1.0), entry->emotion };

                  g_array_append_val (journey->cards, card);
                  k++;
                }
              if (entry->moment_of_truth)
                g_ptr_array_add (journey->moments, journey_row_new (entry, 0));
            }
        }

      for (guint i = 0; i < n_ranked; i++)
        {
          if (ranking[i]->lane != lane)
            continue;
          if (journey->worst->len < WORST_MAX)
            g_ptr_array_add (journey->worst, journey_row_new (ranking[i], journey->worst->len + 1));
          else
            journey->more_worst++;
        }
    }
}

/* ------------------------------------------------------------ the parts */

typedef enum {
  PART_HEAD,        /* picture, name, age and role, quote */
  PART_SECTION,     /* a heading, then a text or a list */
  PART_COLUMNS,     /* parts in columns side by side, or one under another */
  PART_CURVE,       /* the emotion curve across the stages */
  PART_MOMENTS,     /* the moments of truth */
  PART_WORST,       /* the worst touchpoints */
  PART_STAMP,       /* the map's title and the version stamp */
  PART_CONTINUED,   /* atop the persona's further sheets */
} PartKind;

struct _SheetPart
{
  PartKind         kind;
  double           width;      /* parts of a band: the persona's sheet width */
  JmPersona       *persona;    /* owned by the plan */
  Journey         *journey;    /* owned by the plan */
  cairo_surface_t *picture;
  gboolean         picture_refused; /* a picture kept but not shown */
  char            *heading;
  char            *text;
  char           **list;
  GPtrArray       *children;   /* columns: SheetPart, owned */
  guint            n_columns;  /* columns: at most this many */
};

void
sheet_part_free (gpointer data)
{
  SheetPart *part = data;

  if (part == NULL)
    return;
  g_clear_pointer (&part->picture, cairo_surface_destroy);
  g_free (part->heading);
  g_free (part->text);
  g_strfreev (part->list);
  g_clear_pointer (&part->children, g_ptr_array_unref);
  g_free (part);
}

static SheetPart *
part_new (PartKind   kind,
          JmPersona *persona,
          Journey   *journey)
{
  SheetPart *part = g_new0 (SheetPart, 1);

  part->kind = kind;
  part->persona = persona;
  part->journey = journey;
  return part;
}

static const char *
stage_name (JmExportPlan *plan,
            int           stage)
{
  if (stage < 0 || (guint) stage >= plan->stages->len)
    return NULL;
  return jm_stage_get_name (g_ptr_array_index (plan->stages, stage));
}

/* ------------------------------------------------------- laying parts out
 *
 * Each function lays its part out from (@x, @y), @width wide, and returns
 * its height, drawing only when @ctx draws. */

static double part_layout (Ctx       *ctx,
                           SheetPart *part,
                           double     x,
                           double     width);

static void
draw_initials (Ctx        *ctx,
               JmPersona  *persona,
               double      x,
               double      size)
{
  g_autofree char *initials = jm_persona_dup_initials (persona);
  const JmRgba white = { 1, 1, 1, 1 };
  JmRgba c;

  persona_rgba (persona, &c);
  jm_render_set_rgba (ctx->cr, &c);
  cairo_arc (ctx->cr, x + size / 2, size / 2, size / 2, 0, 2 * G_PI);
  cairo_fill (ctx->cr);
  if (initials != NULL && *initials != '\0')
    {
      double w = text_width (ctx, initials, size * 0.38, PANGO_WEIGHT_BOLD);

      text_at (ctx, initials, x + (size - w) / 2, size * 0.27, -1, size * 0.38,
               PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &white);
    }
}

static void
draw_picture (Ctx       *ctx,
              SheetPart *part,
              double     x)
{
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  if (part->picture != NULL)
    {
      double pw = cairo_image_surface_get_width (part->picture);
      double ph = cairo_image_surface_get_height (part->picture);
      /* Filled, not fitted: the circle shows no white beside a tall
       * or a wide picture. */
      double s = PICTURE / MIN (pw, ph);

      cairo_arc (cr, x + PICTURE / 2, PICTURE / 2, PICTURE / 2, 0, 2 * G_PI);
      cairo_clip (cr);
      cairo_translate (cr, x + (PICTURE - pw * s) / 2, (PICTURE - ph * s) / 2);
      cairo_scale (cr, s, s);
      cairo_set_source_surface (cr, part->picture, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
    }
  else if (part->picture_refused)
    jm_render_refused_picture (cr, x, 0, PICTURE);
  else
    draw_initials (ctx, part->persona, x, PICTURE);
  cairo_restore (cr);
}

static double
head_layout (Ctx       *ctx,
             SheetPart *part,
             double     x,
             double     width)
{
  JmPersona *persona = part->persona;
  double tx = x + PICTURE + 18, y = 4;
  int age = jm_persona_get_age (persona);
  const char *role = jm_persona_get_role (persona);
  const char *quote = jm_persona_get_quote (persona);
  g_autoptr(GString) line = g_string_new (NULL);

  if (ctx->draw)
    draw_picture (ctx, part, x);
  y += text_at (ctx, jm_persona_get_name (persona), tx, y, x + width - tx, NAME,
                PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  if (age > 0)
    g_string_append_printf (line, _("Age %d"), age);
  if (role != NULL && *role != '\0')
    g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", role);
  if (line->len > 0)
    y += 2 + text_at (ctx, line->str, tx, y + 2, x + width - tx, BODY * 1.2, PANGO_WEIGHT_NORMAL,
                      PANGO_STYLE_NORMAL, &muted);
  if (quote != NULL && *quote != '\0')
    {
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote);

      y += 8 + text_at (ctx, quoted, tx, y + 8, x + width - tx, BODY * 1.2, PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_ITALIC, &ink);
    }

  y = MAX (y, PICTURE) + 10;
  if (ctx->draw)
    {
      JmRgba c;

      persona_rgba (persona, &c);
      jm_render_set_rgba (ctx->cr, &c);
      cairo_rectangle (ctx->cr, x, y, width, 3);
      cairo_fill (ctx->cr);
    }
  return y + 3;
}

static double
heading_at (Ctx        *ctx,
            const char *text,
            double      x,
            double      y,
            double      width)
{
  return text_at (ctx, text, x, y, width, HEADING, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink) + 3;
}

static double
section_layout (Ctx       *ctx,
                SheetPart *part,
                double     x,
                double     width)
{
  double y = heading_at (ctx, part->heading, x, 0, width);

  if (part->text != NULL)
    y += text_at (ctx, part->text, x, y, width, BODY, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);
  for (guint i = 0; part->list != NULL && part->list[i] != NULL; i++)
    {
      if (ctx->draw)
        text_at (ctx, "•", x + 3, y, -1, BODY, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      y += text_at (ctx, part->list[i], x + 14, y, width - 14, BODY, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_NORMAL, &ink) + 1.5;
    }
  return y;
}

/* Parts in columns (as many as are asked for and fit MIN_COLUMN wide), each
 * placed in turn at the foot of the shortest column, so that the columns
 * end level; in one column, parts one under the other. A page may break below the
 * columns only: a break at a line of one would cut through a line of
 * another. */
static double
columns_layout (Ctx       *ctx,
                SheetPart *part,
                double     x,
                double     width)
{
  GArray *breaks = ctx->breaks;
  guint fit = (guint) floor ((width + GUTTER) / (MIN_COLUMN + GUTTER));
  guint n = MAX (1, MIN (MIN (part->n_columns, part->children->len), fit));
  double column = (width - (n - 1) * GUTTER) / n, h = 0;
  double foot[3] = { 0, 0, 0 };

  g_assert (n <= G_N_ELEMENTS (foot));
  ctx->breaks = NULL;
  for (guint i = 0; i < part->children->len; i++)
    {
      SheetPart *child = g_ptr_array_index (part->children, i);
      guint c = 0;

      for (guint k = 1; k < n; k++)
        if (foot[k] < foot[c] - 0.01)
          c = k;
      if (foot[c] > 0)
        foot[c] += PART_GAP;
      if (ctx->draw)
        {
          cairo_save (ctx->cr);
          cairo_translate (ctx->cr, 0, foot[c]);
        }
      foot[c] += part_layout (ctx, child, x + c * (column + GUTTER), column);
      if (ctx->draw)
        cairo_restore (ctx->cr);
      h = MAX (h, foot[c]);
    }
  ctx->breaks = breaks;
  if (breaks != NULL)
    g_array_append_val (breaks, h);
  return h;
}

/* Text centred in @width, as many lines as it needs. */
static double
centred_at (Ctx        *ctx,
            const char *text,
            double      x,
            double      y,
            double      width,
            double      size)
{
  double h;

  pango_layout_set_alignment (ctx->layout, PANGO_ALIGN_CENTER);
  h = text_at (ctx, text, x, y, width, size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
  pango_layout_set_alignment (ctx->layout, PANGO_ALIGN_LEFT);
  return h;
}

static void
draw_chart (Ctx       *ctx,
            SheetPart *part,
            double     left,
            double     right,
            double     top)
{
  JmExportPlan *plan = ctx->plan;
  Journey *journey = part->journey;
  guint n = plan->stages->len;
  double column = (right - left) / n;
  g_autofree double *x = g_new (double, n);
  g_autofree double *card_x = g_new (double, MAX (journey->cards->len, 1));
  g_autofree double *card_values = g_new (double, MAX (journey->cards->len, 1));
  g_autoptr(PangoLayout) labels = pango_layout_new (pango_layout_get_context (ctx->layout));
  PangoFontDescription *font = pango_font_description_copy (ctx->font);
  JmEmotionChart chart = {
    .n_points = n,
    .values = journey->means,
    .x = x,
    .left = left,
    .right = right,
    .mid = top + CHART_HEIGHT / 2,
    .amp = (CHART_HEIGHT - FACE) / 2 / JM_EMOTION_MAX,
    .flags = JM_EMOTION_CHART_SCALE | JM_EMOTION_CHART_BRIDGE | JM_EMOTION_CHART_ROUND,
    .line = ink,
    .line_width = 2,
    .rule = ink,
    .labels = labels,
    .style = &plan->card_style,
    .mark_radius = 3,
    .n_cards = journey->cards->len,
    .card_x = card_x,
    .card_values = card_values,
    .card_size = FACE,
  };

  pango_font_description_set_absolute_size (font, DETAIL * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (labels, font);
  pango_font_description_free (font);

  /* The stages' columns, shaded in turn so that a face is read against
   * its stage's name. */
  for (guint s = 0; s < n; s++)
    {
      x[s] = left + (s + 0.5) * column;
      if (s % 2 == 1)
        {
          jm_render_set_rgba (ctx->cr, &shade);
          cairo_rectangle (ctx->cr, left + s * column, top, column, CHART_HEIGHT);
          cairo_fill (ctx->cr);
        }
    }
  for (guint i = 0; i < journey->cards->len; i++)
    {
      CurveCard *card = &g_array_index (journey->cards, CurveCard, i);

      card_x[i] = left + (card->col + card->place) * column;
      card_values[i] = card->emotion;
    }
  jm_emotion_chart_draw (&chart, ctx->cr);
}

/* The persona's emotion across the stages: the chart, each stage's name
 * under its column. */
static double
curve_layout (Ctx       *ctx,
              SheetPart *part,
              double     x,
              double     width)
{
  JmExportPlan *plan = ctx->plan;
  GArray *breaks = ctx->breaks;
  guint n = plan->stages->len;
  double left = x + CHART_AXIS, right = x + width;
  double column = (right - left) / MAX (n, 1);
  double y = heading_at (ctx, _("Emotion across the journey"), x, 0, width);
  double top, names = 0;

  y += text_at (ctx, _("A face for each of their touchpoints; the line joins the mean of each stage, dashed across stages without one."),
                x, y, width, DETAIL, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted) + 4;
  top = y;
  /* The chart and its stage names are one: no page breaks inside. */
  ctx->breaks = NULL;
  if (ctx->draw)
    draw_chart (ctx, part, left, right, top);
  for (guint s = 0; s < n; s++)
    names = MAX (names, centred_at (ctx, jm_stage_get_name (g_ptr_array_index (plan->stages, s)),
                                    left + s * column + 2, top + CHART_HEIGHT + 3, column - 4, DETAIL));
  y = top + CHART_HEIGHT + 3 + names;
  if (part->journey->cards->len == 0)
    y += 4 + text_at (ctx, _("None of their touchpoints has an emotion yet."), left, y + 4,
                      right - left, BODY, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, &muted);
  ctx->breaks = breaks;
  if (breaks != NULL)
    g_array_append_val (breaks, y);
  return y;
}

/* "Stage · channel · emotion", what of it a row has. */
static char *
row_detail (JmExportPlan     *plan,
            const JourneyRow *row,
            gboolean          moment)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *stage = stage_name (plan, row->stage);

  if (stage != NULL)
    g_ptr_array_add (parts, (gpointer) stage);
  if (row->channel != NULL)
    g_ptr_array_add (parts, row->channel);
  if (moment)
    g_ptr_array_add (parts, (gpointer) _("★ Moment of truth"));
  if (row->emotion >= JM_EMOTION_MIN && row->emotion <= JM_EMOTION_MAX)
    g_ptr_array_add (parts, (gpointer) jm_emotion_get_label (row->emotion));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static double
moments_layout (Ctx       *ctx,
                SheetPart *part,
                double     x,
                double     width)
{
  JmExportPlan *plan = ctx->plan;
  GPtrArray *moments = part->journey->moments;
  double y = heading_at (ctx, _("Moments of truth"), x, 0, width);
  double tx = x + FACE + 6;

  if (moments->len == 0)
    return y + text_at (ctx, _("None of their touchpoints is marked as a moment of truth."), x, y,
                        width, BODY, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, &muted);
  for (guint i = 0; i < moments->len; i++)
    {
      JourneyRow *row = g_ptr_array_index (moments, i);
      g_autofree char *detail = row_detail (plan, row, FALSE);
      double h;

      if (ctx->draw)
        {
          if (row->emotion >= JM_EMOTION_MIN && row->emotion <= JM_EMOTION_MAX)
            jm_render_emotion_face (ctx->cr, &plan->card_style, x, y + 1, FACE, row->emotion);
          else
            jm_render_mot_mark (ctx->cr, &plan->card_style, x + FACE / 2, y + 1 + FACE / 2, FACE / 2);
        }
      h = text_at (ctx, row->title, tx, y, x + width - tx, BODY, PANGO_WEIGHT_BOLD,
                   PANGO_STYLE_NORMAL, &ink);
      h += text_at (ctx, detail, tx, y + h, x + width - tx, DETAIL, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_NORMAL, &muted);
      y += MAX (h, FACE + 2) + 5;
    }
  return y - 5;
}

static double
worst_layout (Ctx       *ctx,
              SheetPart *part,
              double     x,
              double     width)
{
  JmExportPlan *plan = ctx->plan;
  Journey *journey = part->journey;
  double y = heading_at (ctx, _("Worst touchpoints"), x, 0, width);
  double chip = 0;

  y += text_at (ctx, _("Most urgent first, as “What to fix first” ranks them."), x, y, width,
                DETAIL, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted) + 3;
  if (journey->worst->len == 0)
    return y + text_at (ctx, _("None of their touchpoints is scored yet."), x, y, width, BODY,
                        PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, &muted);
  /* One chip width, so that the titles line up. */
  chip = text_width (ctx, "0.00", DETAIL, PANGO_WEIGHT_BOLD) + DETAIL;
  for (guint i = 0; i < journey->worst->len; i++)
    {
      JourneyRow *row = g_ptr_array_index (journey->worst, i);
      g_autofree char *detail = row_detail (plan, row, row->moment_of_truth);
      g_autofree char *rank = g_strdup_printf ("%u.", row->rank);
      double tx = x + 16 + chip + 6, h;

      if (ctx->draw)
        {
          text_at (ctx, rank, x, y + 1, -1, DETAIL, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
          score_chip (ctx, row->score, NULL, x + 16, y, DETAIL, chip);
        }
      h = text_at (ctx, row->title, tx, y, x + width - tx, BODY, PANGO_WEIGHT_BOLD,
                   PANGO_STYLE_NORMAL, &ink);
      h += text_at (ctx, detail, tx, y + h, x + width - tx, DETAIL, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_NORMAL, &muted);
      y += MAX (h, DETAIL * 1.6) + 5;
    }
  if (journey->more_worst > 0)
    {
      /* Translators: %u counts a persona's ranked touchpoints not printed */
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more", journey->more_worst),
                                               journey->more_worst);

      y += text_at (ctx, more, x + 16, y, width - 16, DETAIL, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_ITALIC, &muted) + 5;
    }
  return y - 5;
}

static double
stamp_layout (Ctx       *ctx,
              SheetPart *part,
              double     x,
              double     width)
{
  double y = 0;

  if (ctx->draw)
    {
      jm_render_set_rgba (ctx->cr, &rule);
      cairo_rectangle (ctx->cr, x, 0, width, 0.75);
      cairo_fill (ctx->cr);
    }
  y = 5 + text_at (ctx, part->heading, x, 5, width, BODY, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  return y + text_at (ctx, part->text, x, y, width, DETAIL, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                      &muted);
}

static double
continued_layout (Ctx       *ctx,
                  SheetPart *part,
                  double     x,
                  double     width)
{
  double y = text_at (ctx, part->heading, x, 0, width, DETAIL, PANGO_WEIGHT_NORMAL,
                      PANGO_STYLE_ITALIC, &muted) + 4;

  if (ctx->draw)
    {
      JmRgba c;

      persona_rgba (part->persona, &c);
      jm_render_set_rgba (ctx->cr, &c);
      cairo_rectangle (ctx->cr, x, y, width, 2);
      cairo_fill (ctx->cr);
    }
  return y + 2 + PART_GAP;
}

static double
part_layout (Ctx       *ctx,
             SheetPart *part,
             double     x,
             double     width)
{
  switch (part->kind)
    {
    case PART_HEAD:
      return head_layout (ctx, part, x, width);
    case PART_SECTION:
      return section_layout (ctx, part, x, width);
    case PART_COLUMNS:
      return columns_layout (ctx, part, x, width);
    case PART_CURVE:
      return curve_layout (ctx, part, x, width);
    case PART_MOMENTS:
      return moments_layout (ctx, part, x, width);
    case PART_WORST:
      return worst_layout (ctx, part, x, width);
    case PART_STAMP:
      return stamp_layout (ctx, part, x, width);
    case PART_CONTINUED:
      return continued_layout (ctx, part, x, width);
    default:
      g_assert_not_reached ();
    }
}

/* A part of the sheet's stack: at the persona's width, with the gap that
 * follows it. */
static double
top_part_layout (Ctx       *ctx,
                 SheetPart *part)
{
  double h = part_layout (ctx, part, 0, part->width);

  return part->kind == PART_CONTINUED || part->kind == PART_STAMP ? h : h + PART_GAP;
}

/**
 * sheet_layout:
 * @ctx: the drawing context
 * @band: a band of kind %BAND_SHEET
 *
 * Lays a part of a persona sheet out at its persona's width, whatever the
 * width of the other bands, with the gap that follows it.
 *
 * Returns: its height
 */
double
sheet_layout (Ctx  *ctx,
              Band *band)
{
  return top_part_layout (ctx, band->sheet);
}

/* ------------------------------------------------------- building sheets */

/* PNG and JPEG pictures, decoded as the persona editor shows them. */
static cairo_surface_t *
decode_picture (JmPersona *persona)
{
  GBytes *bytes = jm_persona_get_picture (persona);

  return bytes != NULL ? jm_persona_picture_decode (bytes) : NULL;
}

static SheetPart *
section_new (JmPersona          *persona,
             const char         *heading,
             const char         *text,
             const char * const *list)
{
  SheetPart *part;

  if ((text == NULL || *text == '\0') && (list == NULL || list[0] == NULL))
    return NULL;
  part = part_new (PART_SECTION, persona, NULL);
  part->heading = g_strdup (heading);
  part->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  part->list = g_strdupv ((char **) list);
  return part;
}

/* The persona's channels, each once: a channel written twice, or as a
 * known channel's label in another case, is listed once, as the board and
 * the scores count it. Returns labels owned by the persona or static. */
static GPtrArray *
channel_labels (JmPersona *persona)
{
  const char * const *channels = jm_persona_get_channels (persona);
  GPtrArray *labels = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
    {
      char *key = jm_name_key (JM_NAME_CHANNEL, channels[i]);
      const JmChannelInfo *known = key != NULL ? jm_channel_lookup (key) : NULL;

      if (key == NULL || !g_hash_table_add (seen, key))
        continue;
      g_ptr_array_add (labels,
                       (gpointer) (known != NULL ? jm_channel_get_label (known->id) : channels[i]));
    }
  g_ptr_array_add (labels, NULL);
  return labels;
}

static SheetPart *
columns_new (JmPersona *persona,
             guint      n_columns)
{
  SheetPart *part = part_new (PART_COLUMNS, persona, NULL);

  part->children = g_ptr_array_new_with_free_func (sheet_part_free);
  part->n_columns = n_columns;
  return part;
}

/* Adds @child to @columns, if any. */
static void
column_add (SheetPart *columns,
            SheetPart *child)
{
  if (child != NULL)
    g_ptr_array_add (columns->children, child);
}

/* The short lists, in columns; NULL without any. */
static SheetPart *
lists_new (JmPersona *persona)
{
  g_autoptr(GPtrArray) channels = channel_labels (persona);
  SheetPart *columns = columns_new (persona, 3);

  column_add (columns, section_new (persona, _("Goals"), NULL, jm_persona_get_goals (persona)));
  column_add (columns, section_new (persona, _("Frustrations"), NULL, jm_persona_get_frustrations (persona)));
  column_add (columns, section_new (persona, _("Needs"), NULL, jm_persona_get_needs (persona)));
  column_add (columns, section_new (persona, _("Channels"), NULL, (const char * const *) channels->pdata));
  column_add (columns, section_new (persona, _("Devices"), NULL, jm_persona_get_devices (persona)));
  if (columns->children->len > 0)
    return columns;
  sheet_part_free (columns);
  return NULL;
}

/* What a persona's sheet shows, in reading order. */
typedef struct
{
  SheetPart *head;
  SheetPart *about;
  SheetPart *lists;
  SheetPart *curve;
  SheetPart *moments;
  SheetPart *worst;
  SheetPart *notes;
  SheetPart *stamp;
} Sheet;

/* The sheet's parts one under the other, as a page or a narrow sheet
 * shows them: the profile, then the journey. */
static GPtrArray *
arrange_stacked (Sheet *sheet)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (sheet_part_free);
  SheetPart *journey = NULL;

  if (sheet->moments != NULL)
    {
      journey = columns_new (sheet->head->persona, 2);
      column_add (journey, sheet->moments);
      column_add (journey, sheet->worst);
    }
  for (guint i = 0; i < 6; i++)
    {
      SheetPart *part = (SheetPart *[]) { sheet->head, sheet->about, sheet->lists, sheet->curve,
                                          journey, sheet->notes }[i];

      if (part != NULL)
        g_ptr_array_add (parts, part);
    }
  g_ptr_array_add (parts, sheet->stamp);
  return parts;
}

/* The profile and the journey side by side under the head, as a sheet
 * wider than tall shows them. */
static GPtrArray *
arrange_wide (Sheet *sheet)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (sheet_part_free);
  JmPersona *persona = sheet->head->persona;
  SheetPart *sides = columns_new (persona, 2);
  SheetPart *profile = columns_new (persona, 1);
  SheetPart *journey = columns_new (persona, 1);

  SheetPart *ranked = columns_new (persona, 2);

  g_ptr_array_add (parts, sheet->head);
  column_add (profile, sheet->about);
  column_add (profile, sheet->lists);
  column_add (profile, sheet->notes);
  /* The journey's side is the longer: the stamp goes under the profile. */
  column_add (profile, sheet->stamp);
  column_add (ranked, sheet->moments);
  column_add (ranked, sheet->worst);
  column_add (journey, sheet->curve);
  if (ranked->children->len > 0)
    column_add (journey, ranked);
  else
    sheet_part_free (ranked);
  column_add (sides, profile);
  column_add (sides, journey);
  g_ptr_array_add (parts, sides);
  return parts;
}

static double
parts_height (Ctx       *ctx,
              GPtrArray *parts,
              double     width)
{
  double h = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      SheetPart *part = g_ptr_array_index (parts, i);

      part->width = width;
      h += top_part_layout (ctx, part);
    }
  return h;
}

/* The width that fills the paper with @parts (see the top of the file),
 * and whether they fit on one sheet at it. */
static gboolean
fit_parts (JmExportPlan *plan,
           Ctx          *ctx,
           GPtrArray    *parts,
           double       *width)
{
  double m = plan->options.margin;
  double cw = plan->page_width - 2 * m;
  double ch = plan->page_height - 2 * m - 12;   /* the footer, as plan_fit_pages() leaves it */
  double least = MAX (1.0, (MIN (plan->page_width, plan->page_height) - 2 * m) / SHEET_WIDTH);
  double widest = cw / least, lo = widest / MAX_GROW, hi = widest;
  gboolean fits = TRUE;

#define FITS(w) (parts_height (ctx, parts, (w)) * cw / (w) <= ch)
  if (FITS (lo))
    hi = lo;
  else if (FITS (hi))
    /* Narrower, the text wraps more and the sheet is drawn larger: its
     * height on paper only grows. */
    for (guint i = 0; i < 24 && hi - lo > 0.25; i++)
      {
        double mid = (lo + hi) / 2;

        if (FITS (mid))
          hi = mid;
        else
          lo = mid;
      }
  else
    fits = FALSE;
#undef FITS
  *width = hi;
  return fits;
}

static Band *
add_part (JmExportPlan *plan,
          Group        *group,
          SheetPart    *part)
{
  Band *band = band_new (plan, BAND_SHEET);

  band->sheet = part;
  band->persona = part->persona;
  if (group != NULL)
    g_ptr_array_add (group->bands, band);
  return band;
}

/* A sheet's parts, each arrangement tried having its own. */
static void
sheet_init (JmExportPlan    *plan,
            Sheet           *sheet,
            JmPersona       *persona,
            Journey         *journey,
            cairo_surface_t *picture)
{
  memset (sheet, 0, sizeof *sheet);
  sheet->head = part_new (PART_HEAD, persona, NULL);
  sheet->head->picture = picture != NULL ? cairo_surface_reference (picture) : NULL;
  sheet->head->picture_refused = picture == NULL && jm_persona_get_picture (persona) != NULL;
  sheet->about = section_new (persona, _("About"), jm_persona_get_bio (persona), NULL);
  sheet->lists = lists_new (persona);
  if (journey != NULL)
    {
      if (plan->stages->len > 0)
        sheet->curve = part_new (PART_CURVE, persona, journey);
      sheet->moments = part_new (PART_MOMENTS, persona, journey);
      sheet->worst = part_new (PART_WORST, persona, journey);
    }
  sheet->notes = section_new (persona, _("Notes"), jm_persona_get_notes (persona), NULL);
  sheet->stamp = part_new (PART_STAMP, persona, NULL);
  sheet->stamp->heading = g_strdup (plan->title);
  sheet->stamp->text = g_strdup (plan->stamp);
}

/* A sheet wider than tall shows the profile and the journey side by side
 * when that fits them on it, and one under the other otherwise. */
static void
build_sheet (JmExportPlan *plan,
             Ctx          *ctx,
             Group        *group,
             JmPersona    *persona,
             Journey      *journey)
{
  g_autoptr(GPtrArray) parts = NULL;
  cairo_surface_t *picture = decode_picture (persona);
  double width = 0;
  double cw = plan->page_width - 2 * plan->options.margin;
  SheetPart *continued = part_new (PART_CONTINUED, persona, NULL);
  Sheet sheet;

  if (plan->page_width > plan->page_height)
    {
      sheet_init (plan, &sheet, persona, journey, picture);
      parts = arrange_wide (&sheet);
      if (!fit_parts (plan, ctx, parts, &width))
        g_clear_pointer (&parts, g_ptr_array_unref);
    }
  if (parts == NULL)
    {
      sheet_init (plan, &sheet, persona, journey, picture);
      parts = arrange_stacked (&sheet);
      fit_parts (plan, ctx, parts, &width);
    }
  g_clear_pointer (&picture, cairo_surface_destroy);
  g_debug ("%s: %.0f pt tall at %.0f pt wide, at %.2f", group->label,
           parts_height (ctx, parts, width), width, cw / width);

  /* The bands own the parts. */
  g_ptr_array_set_free_func (parts, NULL);
  for (guint i = 0; i < parts->len; i++)
    add_part (plan, group, g_ptr_array_index (parts, i));
  continued->heading = g_strdup_printf (_("%s — %s (continued)"), plan->title,
                                        jm_persona_get_name (persona));
  continued->width = width;
  group->continued = add_part (plan, NULL, continued);
  group->scale = cw / width;
  plan->frame_width = MAX (plan->frame_width, width);
}

void
build_persona_sheets (JmExportPlan *plan)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  Ctx ctx;

  ctx_init (&ctx, plan, cr, FALSE);
  /* The widest sheet, set by build_sheet(): the width that frames are
   * clipped to and centred in. */
  plan->frame_width = 0;
  for (guint l = 0; l < plan->personas->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (plan->personas, l);
      Journey *journey = plan->journeys != NULL ? g_ptr_array_index (plan->journeys, l) : NULL;
      Group *group = group_new (plan);

      group->label = g_strdup (jm_persona_get_name (persona));
      build_sheet (plan, &ctx, group, persona, journey);
    }
  plan->view_width = plan->frame_width;
  ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}
