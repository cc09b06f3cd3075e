/* jm-export-fix.c: "What to fix first", and scores as heat chips
 *
 * A page a team can print alone and take to the meeting that decides what
 * to change: the touchpoints ranked by how urgently they need fixing (the
 * score report's ranking), what the room voted for in its newest round of
 * dot voting, then the scores rolled up by stage, persona, team and
 * channel, weakest first. Every score is a chip in its heat-map
 * colour with the number written on it, so it survives greyscale.
 *
 * What the page shows is taken from the map when the plan is prepared
 * (take_fix()), so that it can be laid out in another thread.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"
#include "jm-score-report.h"
#include "jm-scoring.h"
#include "jm-vote-ranking.h"

/* The ranking printed: a page or two, not a listing of a thousand cards. */
#define FIX_RANKED_MAX 30

static void
fix_row_free (gpointer data)
{
  FixRow *row = data;

  g_free (row->label);
  g_free (row->detail);
  g_free (row);
}

static void
add_row (JmExportPlan *plan,
         gboolean      heading,
         const char   *label,
         char         *detail,
         double        score,
         guint         rank)
{
  FixRow *row = g_new0 (FixRow, 1);

  row->heading = heading;
  row->label = g_strdup (label);
  row->detail = detail;
  row->score = score;
  row->rank = rank;
  g_ptr_array_add (plan->fix_rows, row);
}

static gboolean
lane_shown (JmExportPlan *plan,
            JmMap        *map,
            int           lane)
{
  g_autoptr(JmPersona) persona = NULL;

  if (lane < 0)
    return plan->options.persona_ids == NULL;
  persona = g_list_model_get_item (jm_map_get_personas (map), (guint) lane);
  for (guint i = 0; persona != NULL && i < plan->personas->len; i++)
    if (g_strcmp0 (jm_persona_get_id (g_ptr_array_index (plan->personas, i)),
                   jm_persona_get_id (persona)) == 0)
      return TRUE;
  return FALSE;
}

static char *
entry_detail (JmMap              *map,
              const JmScoreEntry *entry)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *channel = jm_touchpoint_get_channel (entry->touchpoint);
  const char * const *teams = jm_touchpoint_get_teams (entry->touchpoint);

  if (entry->stage >= 0)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), (guint) entry->stage);

      if (stage != NULL)
        g_ptr_array_add (parts, g_strdup (jm_stage_get_name (stage)));
    }
  if (entry->lane >= 0)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), (guint) entry->lane);

      if (persona != NULL)
        g_ptr_array_add (parts, g_strdup (jm_persona_get_name (persona)));
    }
  if (channel != NULL && *channel != '\0')
    g_ptr_array_add (parts, g_strdup (jm_channel_get_label (channel)));
  if (teams != NULL && teams[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) teams);
      g_ptr_array_add (parts, g_strdup_printf (_("Teams: %s"), joined));
    }
  if (entry->moment_of_truth)
    g_ptr_array_add (parts, g_strdup (_("★ Moment of truth")));
  if (entry->emotion >= JM_EMOTION_MIN && entry->emotion <= JM_EMOTION_MAX)
    g_ptr_array_add (parts, g_strdup (jm_emotion_get_label (entry->emotion)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const JmScoreGroup *ga = *(const JmScoreGroup * const *) a;
  const JmScoreGroup *gb = *(const JmScoreGroup * const *) b;
  double ma = ga->summary.mean, mb = gb->summary.mean;

  /* Weakest first; groups without a score last. */
  if (isnan (ma) || isnan (mb))
    return isnan (ma) - isnan (mb);
  return ma < mb ? -1 : ma > mb;
}

static void
take_groups (JmExportPlan     *plan,
             JmScoreReport    *report,
             JmScoreGroupKind  kind,
             const char       *heading)
{
  guint n = jm_score_report_get_n_groups (report, kind);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (groups, (gpointer) jm_score_report_get_group (report, kind, i));
  g_ptr_array_sort (groups, compare_groups);
  add_row (plan, TRUE, heading, NULL, NAN, 0);
  for (guint i = 0; i < groups->len; i++)
    {
      const JmScoreGroup *group = g_ptr_array_index (groups, i);
      const JmScoreSummary *s = &group->summary;
      g_autoptr(GString) detail = g_string_new (NULL);

      /* Translators: touchpoints with a score, of the touchpoints in a group */
      g_string_append_printf (detail, _("%u of %u scored"), s->n_scored, s->n_touchpoints);
      if (s->n_scored > 0)
        g_string_append_printf (detail, _(" · lowest %.2f, highest %.2f"), s->min, s->max);
      if (s->n_emotions > 0)
        g_string_append_printf (detail, _(" · mean emotion %+.1f"), s->emotion);
      add_row (plan, FALSE, group->label, g_string_free (g_steal_pointer (&detail), FALSE),
               s->mean, 0);
    }
}

/* The newest round with dots, its cards most voted for first. */
static void
take_votes (JmExportPlan  *plan,
            JmMap         *map,
            JmScoreReport *report)
{
  guint n_entries;
  const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (map));
  g_autoptr(GArray) ranking = NULL;
  g_autoptr(JmVoteRound) round = NULL;
  const char *question;

  for (guint i = g_list_model_get_n_items (rounds); i > 0 && ranking == NULL; i--)
    {
      g_autoptr(GArray) tallies = NULL;

      g_clear_object (&round);
      round = g_list_model_get_item (rounds, i - 1);
      tallies = jm_vote_ranking_new (map, round);
      if (tallies->len > 0)
        ranking = g_steal_pointer (&tallies);
    }
  if (ranking == NULL)
    return;
  question = jm_vote_round_get_question (round);
  add_row (plan, TRUE, _("What the room voted for"),
           g_strdup (*question != '\0' ? question : _("Dot voting")), NAN, 0);
  for (guint i = 0; i < MIN (ranking->len, FIX_RANKED_MAX); i++)
    {
      const JmVoteTally *tally = &g_array_index (ranking, JmVoteTally, i);
      const char *title = jm_touchpoint_get_title (tally->touchpoint);
      g_autofree char *n_dots = g_strdup_printf (ngettext ("%d dot", "%d dots", tally->dots), tally->dots);
      g_autofree char *n_voters = g_strdup_printf (ngettext ("%u voter", "%u voters", tally->voters),
                                                   tally->voters);
      double score = NAN;

      /* Its score beside its dots: the room's view and the ratings'. */
      for (guint e = 0; e < n_entries; e++)
        if (entries[e].touchpoint == tally->touchpoint)
          score = entries[e].composite;
      /* Translators: a card's dots in a voting round, and how many people placed them. */
      add_row (plan, FALSE, title != NULL && *title != '\0' ? title : _("Untitled touchpoint"),
               g_strdup_printf (_("%s, %s"), n_dots, n_voters), score, i + 1);
    }
}

/* What the page shows, from @map's score report. */
void
take_fix (JmExportPlan *plan,
          JmMap        *map)
{
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  const JmScoreSummary *overall = jm_score_report_get_overall (report);
  const JmScoreEntry **ranking;
  guint n_ranked, shown = 0, left = 0;

  plan->fix_rows = g_ptr_array_new_with_free_func (fix_row_free);
  add_row (plan, FALSE, _("The whole map"),
           g_strdup_printf (_("%u of %u touchpoints scored"), overall->n_scored,
                            overall->n_touchpoints),
           overall->mean, 0);

  ranking = jm_score_report_get_ranking (report, &n_ranked);
  add_row (plan, TRUE, _("Ranking: most urgent first"),
           g_strdup (_("Urgency is the gap of the composite score below 5, plus a negative emotion, doubled for a moment of truth.")),
           NAN, 0);
  for (guint i = 0; i < n_ranked; i++)
    {
      const JmScoreEntry *entry = ranking[i];
      const char *title = jm_touchpoint_get_title (entry->touchpoint);

      if (!lane_shown (plan, map, entry->lane))
        continue;
      if (shown == FIX_RANKED_MAX)
        {
          left++;
          continue;
        }
      add_row (plan, FALSE, title != NULL && *title != '\0' ? title : _("Untitled touchpoint"),
               entry_detail (map, entry), entry->composite, entry->rank);
      shown++;
    }
  if (shown == 0)
    add_row (plan, FALSE, _("No touchpoint is scored yet"),
             g_strdup (_("Rate touchpoints from 1 to 5 to rank them.")), NAN, 0);
  if (left > 0)
    {
      /* Translators: %u counts ranked touchpoints not printed */
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more", left), left);

      add_row (plan, FALSE, more, NULL, NAN, 0);
    }

  take_votes (plan, map, report);
  take_groups (plan, report, JM_SCORE_BY_STAGE, _("By stage"));
  take_groups (plan, report, JM_SCORE_BY_LANE, _("By persona"));
  take_groups (plan, report, JM_SCORE_BY_TEAM, _("By team"));
  take_groups (plan, report, JM_SCORE_BY_CHANNEL, _("By channel"));
}

void
build_fix (JmExportPlan *plan)
{
  Group *group = group_new (plan);

  group->label = g_strdup (_("What to fix first"));
  g_ptr_array_add (group->bands, title_band (plan, _("What to fix first")));
  group->continued = continued_band (plan, _("What to fix first"));
  for (guint i = 0; plan->fix_rows != NULL && i < plan->fix_rows->len; i++)
    {
      FixRow *row = g_ptr_array_index (plan->fix_rows, i);
      Band *band = band_new (plan, row->heading ? BAND_SECTION : BAND_SCORE);

      band->text = g_strdup (row->label);
      band->subtitle = g_strdup (row->detail);
      band->score = row->score;
      band->rank = row->rank;
      g_ptr_array_add (group->bands, band);
    }
  g_ptr_array_add (group->bands, band_new (plan, BAND_LEGEND));
}

/* A chip in the heat-map colour of @score, with @text (the score when
 * NULL) written on it; returns its width: @width, or as wide as the text
 * when that is 0 (a chip of given width costs no text measuring, and
 * writes its text from the left). Drawn only when @ctx draws. */
/* Heat chips in a PDF are glyphs of a font of their own (a Type 3 font in
 * the file), like the emotion faces (jm_render_emotion_face()): a grid
 * has a chip on every card, and a rounded rectangle filled and stroked is
 * some sixty numbers in the file, where a glyph is a few. A chip @width
 * wide (never less than its height) is set at that size, within the em
 * square cairo gives a glyph: glyph CHIP_GLYPH() is one layer of it, one
 * unit wide and @ratio (height over width) high, drawn from its top left
 * at (0, -@ratio): the fill, or the outline (the stroke 0.5 wide,
 * outlined), each in its own colour. Its corners are rounded 0.3 of the
 * text size, which is 1 / 1.6 of the chip's height. They map to no text:
 * the number on the chip is text of its own. */
enum { CHIP_FILL, CHIP_LINE };
#define CHIP_GLYPH(layer, ratio, width) \
  ((((gulong) lround ((ratio) * 10000) * 100000) + (gulong) lround ((width) * 100)) * 2 + (layer))

static cairo_status_t
chip_font_render_glyph (cairo_scaled_font_t  *scaled_font,
                        unsigned long         glyph,
                        cairo_t              *cr,
                        cairo_text_extents_t *extents)
{
  double width = (double) (glyph / 2 % 100000) / 100;
  double ratio = (double) (glyph / 2 / 100000) / 10000;
  double a = 0.25 / MAX (width, 0.01), radius = ratio * 0.3 / 1.6;

  if (glyph % 2 == CHIP_FILL)
    jm_render_rounded_rect (cr, a, -ratio + a, 1 - 2 * a, ratio - 2 * a, radius);
  else
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      jm_render_rounded_rect (cr, 0, -ratio, 1, ratio, radius + a);
      jm_render_rounded_rect (cr, 2 * a, -ratio + 2 * a, 1 - 4 * a, ratio - 4 * a, radius - a);
    }
  cairo_fill (cr);
  extents->x_bearing = 0;
  extents->y_bearing = -ratio;
  extents->width = 1;
  extents->height = ratio;
  extents->x_advance = 1;
  extents->y_advance = 0;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_font_face_t *
chip_font (void)
{
  static gsize once = 0;
  static cairo_font_face_t *font;

  if (g_once_init_enter (&once))
    {
      font = cairo_user_font_face_create ();
      cairo_user_font_face_set_render_glyph_func (font, chip_font_render_glyph);
      g_once_init_leave (&once, 1);
    }
  return font;
}

/* The chip @w by @h at (@x, @y) as two glyphs, in a PDF. */
static void
chip_glyphs (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h,
             double   r,
             double   g,
             double   b)
{
  cairo_glyph_t glyph = { CHIP_GLYPH (CHIP_FILL, h / w, w), x, y + h };
  cairo_text_cluster_t cluster = { 0, 1 };

  cairo_save (cr);
  cairo_set_font_face (cr, chip_font ());
  cairo_set_font_size (cr, w);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_show_text_glyphs (cr, "", 0, &glyph, 1, &cluster, 1, 0);
  glyph.index = CHIP_GLYPH (CHIP_LINE, h / w, w);
  jm_render_set_rgba (cr, &rule);
  cairo_show_text_glyphs (cr, "", 0, &glyph, 1, &cluster, 1, 0);
  cairo_restore (cr);
}

double
score_chip (Ctx        *ctx,
            double      score,
            const char *text,
            double      x,
            double      y,
            double      size,
            double      width)
{
  g_autofree char *number = NULL;
  double r, g, b, w, tw, h = size * 1.6;

  if (width > 0 && !ctx->draw)
    return width;
  if (text == NULL)
    text = number = isnan (score) ? g_strdup ("–") : g_strdup_printf ("%.2f", score);
  tw = width > 0 ? width - size : text_width (ctx, text, size, PANGO_WEIGHT_BOLD);
  w = width > 0 ? width : MAX (tw + size, h * 1.6);
  if (!ctx->draw)
    return w;
  jm_score_colour (score, &r, &g, &b);
  /* Within the glyphs' reach: at least as wide as high, under 1,000
   * units wide, its corners rounding more than its outline is wide. */
  if (cairo_surface_get_type (cairo_get_target (ctx->cr)) == CAIRO_SURFACE_TYPE_PDF &&
      w >= h && w < 1000 && size * 0.3 > 0.25)
    chip_glyphs (ctx->cr, x, y, w, h, r, g, b);
  else
    {
      cairo_save (ctx->cr);
      jm_render_rounded_rect (ctx->cr, x + 0.25, y + 0.25, w - 0.5, h - 0.5, size * 0.3);
      cairo_set_source_rgb (ctx->cr, r, g, b);
      cairo_fill_preserve (ctx->cr);
      cairo_set_line_width (ctx->cr, 0.5);
      jm_render_set_rgba (ctx->cr, &rule);
      cairo_stroke (ctx->cr);
      cairo_restore (ctx->cr);
    }
  jm_score_text_colour (score, &r, &g, &b);
  text_at (ctx, text, x + (w - tw) / 2,
           y + (h - size * 1.25) / 2, -1, size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
           &(JmRgba) { r, g, b, 1 });
  return w;
}

/* A ranked touchpoint or a roll-up: rank, chip, name and what it is. */
double
score_layout (Ctx   *ctx,
              Band  *band,
              double width)
{
  double x = 0, y = 2, h;

  if (band->rank > 0)
    {
      g_autofree char *rank = g_strdup_printf ("%u.", band->rank);

      text_at (ctx, rank, 0, y + 2, -1, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
    }
  x = 30;
  /* "and 12 more" is no score: no chip. */
  if (!isnan (band->score) || band->subtitle != NULL)
    x += score_chip (ctx, band->score, NULL, x, y, 10, 0) + 8;
  h = text_at (ctx, band->text, x, y + 1, width - x, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
               &ink);
  if (band->subtitle != NULL)
    h += text_at (ctx, band->subtitle, x, y + 1 + h, width - x, 8, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_NORMAL, &muted);
  return y + MAX (h + 1, 16) + 6;
}

/* The score @tp's card is coloured by, NAN for none. */
double
item_score (JmExportPlan *plan,
            JmTouchpoint *tp)
{
  double *score = plan->scores != NULL ? g_hash_table_lookup (plan->scores, tp) : NULL;

  return score != NULL ? *score : NAN;
}
