/* test-text-measure.c: paragraph heights from cached word widths must be
 * Pango's, on every text the layouts print and many made up
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jm-file.h"
#include "jm-generate.h"
#include "jm-text-measure.h"

#define FAMILY "Cantarell, DejaVu Sans, Noto Sans, sans-serif"
/* A card's text starts past its edge and padding and stops at its padding. */
#define CARD_INSET(em) ((em) * 1.6)

/* A Pango layout set up as the export measures text: unhinted metrics on
 * a recording surface. */
typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoLayout     *layout;
} Surface;

/* Whether glyphs are placed where the font puts them, as the export
 * sets them, rather than rounded to whole units as on screen. */
static gboolean unrounded;

static void
surface_init (Surface *s)
{
  cairo_font_options_t *fo = cairo_font_options_create ();

  s->surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  s->cr = cairo_create (s->surface);
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options (s->cr, fo);
  cairo_font_options_destroy (fo);
  s->layout = pango_cairo_create_layout (s->cr);
  pango_context_set_round_glyph_positions (pango_layout_get_context (s->layout), !unrounded);
  pango_layout_set_wrap (s->layout, PANGO_WRAP_WORD_CHAR);
}

static void
surface_clear (Surface *s)
{
  g_object_unref (s->layout);
  cairo_destroy (s->cr);
  cairo_surface_destroy (s->surface);
}

/* Pango's own answer, from a layout the measurer never touched. */
static int
pango_height (Surface                    *s,
              const PangoFontDescription *font,
              const char                 *text,
              int                         width)
{
  int h;

  pango_layout_set_font_description (s->layout, font);
  pango_layout_set_width (s->layout, width);
  pango_layout_set_text (s->layout, text, -1);
  pango_layout_get_size (s->layout, NULL, &h);
  return h;
}

typedef struct
{
  Surface        ref;
  Surface        own;
  JmTextMeasure *measure;
  guint          n_checked;
  guint          n_fast;
  guint          n_wrong;
  guint          n_whole;       /* set whole, as Pango sets it */
  GArray        *glyphs;
  GArray        *clusters;
  GString       *utf8;
} Check;

static void
check_init (Check *c)
{
  memset (c, 0, sizeof *c);
  surface_init (&c->ref);
  surface_init (&c->own);
  c->measure = jm_text_measure_new (pango_layout_get_context (c->own.layout));
  c->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  c->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  c->utf8 = g_string_new (NULL);
}

static void
check_clear (Check *c)
{
  jm_text_measure_free (c->measure);
  g_array_unref (c->glyphs);
  g_array_unref (c->clusters);
  g_string_free (c->utf8, TRUE);
  surface_clear (&c->own);
  surface_clear (&c->ref);
}

/* Whether the glyphs set from cached words are Pango's: the same glyphs
 * at the same places, in clusters that cover the text. */
static gboolean
set_as_pango (Check                      *c,
              const PangoFontDescription *font,
              const char                 *text,
              int                         width,
              int                         height)
{
  PangoFont *set_in = NULL;
  PangoLayoutIter *iter;
  guint n = 0;
  int h, bytes = 0, n_glyphs = 0;
  gboolean same = TRUE;

  g_array_set_size (c->glyphs, 0);
  g_array_set_size (c->clusters, 0);
  g_string_truncate (c->utf8, 0);
  if (!jm_text_measure_try_set (c->measure, font, text, width, 3, 5, c->glyphs, c->clusters,
                                c->utf8, &set_in, &h))
    return FALSE;
  if (h != height || set_in == NULL)
    return FALSE;
  /* The text, but for the space ending each line. */
  {
    const char *t = text, *u = c->utf8->str;

    while (*t != '\0' && (*t == *u || *t == ' '))
      {
        if (*t == *u)
          u++;
        t++;
      }
    if (*t != '\0' || *u != '\0')
      return FALSE;
  }
  for (guint i = 0; i < c->clusters->len; i++)
    {
      bytes += g_array_index (c->clusters, cairo_text_cluster_t, i).num_bytes;
      n_glyphs += g_array_index (c->clusters, cairo_text_cluster_t, i).num_glyphs;
    }
  if (bytes != (int) c->utf8->len || n_glyphs != (int) c->glyphs->len)
    return FALSE;

  pango_layout_set_font_description (c->ref.layout, font);
  pango_layout_set_width (c->ref.layout, width);
  pango_layout_set_text (c->ref.layout, text, -1);
  iter = pango_layout_get_iter (c->ref.layout);
  do
    {
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      int pen = 0;
      double base = 5 + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      for (int g = 0; g < run->glyphs->num_glyphs && same; g++, n++)
        {
          const PangoGlyphInfo *gi = &run->glyphs->glyphs[g];
          const cairo_glyph_t *mine;

          /* A line's last space: Pango draws nothing there. */
          if (gi->glyph == PANGO_GLYPH_EMPTY)
            {
              pen += gi->geometry.width;
              n--;
              continue;
            }
          if (run->item->analysis.font != set_in || n >= c->glyphs->len)
            {
              same = FALSE;
              break;
            }
          mine = &g_array_index (c->glyphs, cairo_glyph_t, n);
          same = mine->index == gi->glyph &&
                 fabs (mine->x - (3 + (double) (logical.x + pen + gi->geometry.x_offset) / PANGO_SCALE)) < 1e-9 &&
                 fabs (mine->y - (base + (double) gi->geometry.y_offset / PANGO_SCALE)) < 1e-9;
          pen += gi->geometry.width;
        }
    }
  while (same && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  pango_layout_set_width (c->ref.layout, -1);
  return same && n == c->glyphs->len;
}

static void
check_one (Check                      *c,
           const PangoFontDescription *font,
           const char                 *text,
           int                         width)
{
  int fast, pango, h;

  c->n_checked++;
  if (!jm_text_measure_try_fast (c->measure, font, text, width, &fast))
    {
      PangoFont *set_in;

      /* A text on one line may still be set whole, as Pango sets it. */
      g_array_set_size (c->glyphs, 0);
      g_array_set_size (c->clusters, 0);
      g_string_truncate (c->utf8, 0);
      if (jm_text_measure_try_set (c->measure, font, text, width, 0, 0, c->glyphs, c->clusters,
                                   c->utf8, &set_in, &h) &&
          ++c->n_whole > 0 &&
          !set_as_pango (c, font, text, width, pango_height (&c->ref, font, text, width)))
        {
          c->n_wrong++;
          g_test_message ("%s, set whole: not as Pango sets it", text);
        }
      return;
    }
  c->n_fast++;
  pango = pango_height (&c->ref, font, text, width);
  h = jm_text_measure_height (c->measure, font, text, width);
  if (fast != pango || h != pango || !set_as_pango (c, font, text, width, pango))
    {
      g_autofree char *desc = pango_font_description_to_string (font);

      c->n_wrong++;
      if (c->n_wrong <= 20)
        g_test_message ("%s at %.3f pt in %s: fast %d, Pango %d", text,
                        (double) width / PANGO_SCALE, desc, fast, pango);
    }
}

/* Cards limit titles and team lists to a few lines, ellipsized past
 * that: within the limit, the lines counted from word widths must be
 * Pango's, ellipsizing or not. */
static void
check_limited (Check                      *c,
               const PangoFontDescription *font,
               const char                 *text,
               int                         width,
               int                         limit)
{
  int n_lines, line_h, h;

  c->n_checked++;
  if (!jm_text_measure_try_lines (c->measure, font, text, width, &n_lines, &line_h) ||
      n_lines > limit)
    return;
  c->n_fast++;
  pango_layout_set_font_description (c->ref.layout, font);
  pango_layout_set_width (c->ref.layout, width);
  pango_layout_set_ellipsize (c->ref.layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (c->ref.layout, -limit);
  pango_layout_set_text (c->ref.layout, text, -1);
  pango_layout_get_size (c->ref.layout, NULL, &h);
  pango_layout_set_ellipsize (c->ref.layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (c->ref.layout, -1);
  if (n_lines * line_h != h)
    {
      c->n_wrong++;
      g_test_message ("%s at %.3f pt, %d lines at most: fast %d, Pango %d", text,
                      (double) width / PANGO_SCALE, limit, n_lines * line_h, h);
    }
}

/* The sizes, weights and styles the page layouts and cards use. */
static const double sizes[] = { 6, 6.5, 7, 7.2, 8, 8.5, 9, 9.5, 10, 11, 14, 18, 22 };

static PangoFontDescription *
font_at (double      size,
         PangoWeight weight,
         PangoStyle  style)
{
  PangoFontDescription *font = pango_font_description_from_string (FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  return font;
}

static void
add_strv (GPtrArray          *texts,
          const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_ptr_array_add (texts, g_strdup (strv[i]));
}

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (texts, g_strdup (text));
}

/* Every text of @map that a layout prints. */
static void
add_map_texts (GPtrArray *texts,
               JmMap     *map)
{
  GListModel *model = jm_map_get_stages (map);

  add_text (texts, jm_map_get_title (map));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (model, i);

      add_text (texts, jm_stage_get_name (stage));
      add_text (texts, jm_stage_get_description (stage));
    }
  model = jm_map_get_personas (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmPersona) p = g_list_model_get_item (model, i);

      add_text (texts, jm_persona_get_name (p));
      add_text (texts, jm_persona_get_role (p));
      add_text (texts, jm_persona_get_quote (p));
      add_text (texts, jm_persona_get_bio (p));
      add_text (texts, jm_persona_get_notes (p));
      add_strv (texts, jm_persona_get_goals (p));
      add_strv (texts, jm_persona_get_frustrations (p));
      add_strv (texts, jm_persona_get_needs (p));
      add_strv (texts, jm_persona_get_devices (p));
    }
  model = jm_map_get_touchpoints (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (model, i);
      const char * const *teams = jm_touchpoint_get_teams (tp);

      g_autoptr(GString) scores = g_string_new (NULL);

      /* The scores line as the grid prints it: two spaces apart, a dash
       * where a measure is not rated. */
      for (guint m = 0; m < JM_N_MEASURES; m++)
        {
          int r = jm_touchpoint_get_rating (tp, m);
          static const char *labels[] = { "Resp.", "Conv.", "Reliab.", "Relev." };

          if (r >= JM_RATING_MIN && r <= JM_RATING_MAX)
            g_string_append_printf (scores, "%s%s %d", m > 0 ? "  " : "", labels[m], r);
          else
            g_string_append_printf (scores, "%s%s –", m > 0 ? "  " : "", labels[m]);
        }
      add_text (texts, scores->str);
      add_text (texts, jm_touchpoint_get_title (tp));
      for (guint r = 0; r < JM_N_ROWS; r++)
        add_text (texts, jm_touchpoint_get_row (tp, r));
      if (teams != NULL && teams[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) teams);
          g_autofree char *dotted = g_strjoinv (" · ", (char **) teams);
          g_autofree char *line = g_strdup_printf ("Teams: %s", joined);

          add_text (texts, line);
          add_text (texts, dotted);
        }
    }
}

/* Every text at every font, at the widths the grid, board and persona
 * layouts give it and at widths in between. */
static void
check_texts (Check     *c,
             GPtrArray *texts,
             guint      stride)
{
  static const double widths[] = { 129, 133, 140, 98, 128.6, 156.8, 44, 61.3, 210.7, 355 };
  guint k = 0;

  for (guint i = 0; i < texts->len; i += stride)
    for (guint f = 0; f < G_N_ELEMENTS (sizes) * 4; f++, k++)
      {
        g_autoptr(PangoFontDescription) font =
          font_at (sizes[f / 4], f % 2 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                   (f / 2) % 2 ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        double w = widths[k % G_N_ELEMENTS (widths)];

        check_one (c, font, g_ptr_array_index (texts, i), (int) (w * PANGO_SCALE));
        /* And a width no layout uses: any fraction of a point. */
        check_one (c, font, g_ptr_array_index (texts, i),
                   (int) ((20 + (k * 7919 % 38000) / 100.0) * PANGO_SCALE));
      }
}

static void
test_generated (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JmMap) map = jm_generate_map (300, 7);
  Check c;

  add_map_texts (texts, map);
  check_init (&c);
  check_texts (&c, texts, 7);
  /* Card titles and teams: bold at the card's size, plain at 0.8 of it,
   * in the board's and the canvas's card widths. */
  for (guint i = 0; i < texts->len; i += 3)
    for (guint k = 0; k < 4; k++)
      {
        double em = k % 2 ? 9 : 8;
        g_autoptr(PangoFontDescription) font =
          font_at (k < 2 ? em : em * 0.8, k < 2 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                   PANGO_STYLE_NORMAL);

        check_limited (&c, font, g_ptr_array_index (texts, i),
                       (int) ((k % 2 ? 150.3 : 180 - CARD_INSET (em)) * PANGO_SCALE), 1 + (i + k) % 4);
      }
  g_test_message ("generated: %u checks, %u measured from words", c.n_checked, c.n_fast);
  g_assert_cmpuint (c.n_wrong, ==, 0);
  /* The plain texts of the generator are what the fast path is for. */
  g_assert_cmpuint (c.n_fast, >, c.n_checked / 2);
  check_clear (&c);
}

static void
test_samples (void)
{
  static const char *names[] = { "broadband", "hospital-outpatients", "retail-bank" };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Check c;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *base = g_strconcat (names[i], ".journey", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", base, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = jm_file_load (file, NULL, &error);

      g_assert_no_error (error);
      add_map_texts (texts, map);
    }
  check_init (&c);
  check_texts (&c, texts, 2);
  g_test_message ("samples: %u texts, %u checks, %u measured from words, %u others set whole",
                  texts->len, c.n_checked, c.n_fast, c.n_whole);
  g_assert_cmpuint (c.n_whole, >, 0);
  g_assert_cmpuint (c.n_wrong, ==, 0);
  g_assert_cmpuint (c.n_fast, >, 0);
  check_clear (&c);
}

/* Random sentences of words in three scripts, with punctuation, at many
 * widths: line breaks land everywhere, close to the edge too. */
static void
test_random (void)
{
  static const char *latin[] = {
    "customer", "order", "delivery", "invoice", "app", "call", "wait", "I", "a", "of",
    "engineer", "router", "café", "naïve", "résumé", "Zoë", "José", "appointment", "queue",
    "promise", "WWW", "mmmm", "ill", "Tax", "AVATAR", "LT", "VA", "Hello,", "world.", "Why?",
    "Now!", "(maybe)", "“quoted”", "‘single’", "it’s", "don't", "\"plain\"", "'tick'", "A&B",
    "end;", "note:", "x.y", "(a)b", "Łódź", "Ærø", "ß", "Ÿ", "ŋ", "ǅ", "ɐ", "Resp.", "Conv.",
  };
  static const char *greek[] = {
    "Ελένη", "διαβάζει", "το", "εγχειρίδιο", "στον", "ιστότοπο.", "Ωραία", "ΑΥΤΟ", "γιατί;",
    "(ίσως)", "«όχι»", "Ψ",
  };
  static const char *cyrillic[] = {
    "Звонок", "в", "поддержку", "Юлия", "ждёт", "ответа,", "Щука", "ТАК", "Ё", "(да)", "ЖЖ",
  };
  /* In any script: numbers, signs, and words that need Pango (breaks
   * inside, characters outside the set). */
  static const char *common[] = {
    "€", "€5", "42", "3.14", "1,000", "–", "·", "5", "(1)",
    "follow-up", "and/or", "—", "e‑mail", "50%", "✓", "日本", "tab\tbed", "x\ny", "•", "→",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  };
  const char * const *scripts[] = { latin, greek, cyrillic };
  const guint n_words[] = { G_N_ELEMENTS (latin), G_N_ELEMENTS (greek), G_N_ELEMENTS (cyrillic) };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  Check c;

  check_init (&c);
  for (guint i = 0; i < 2400; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 40);
      guint script = g_rand_int_range (rand, 0, 3);
      g_autoptr(PangoFontDescription) font =
        font_at (sizes[g_rand_int_range (rand, 0, G_N_ELEMENTS (sizes))],
                 g_rand_boolean (rand) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                 g_rand_int_range (rand, 0, 4) == 0 ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);

      for (guint j = 0; j < n; j++)
        {
          /* Mostly words of one script, so that many sentences take the
           * fast path; now and then a word of another script or one of
           * the common ones. */
          guint pick = g_rand_int_range (rand, 0, 100);
          const char *word;

          if (pick < 6)
            word = common[g_rand_int_range (rand, 0, 9)];
          else if (pick < 8)
            word = common[g_rand_int_range (rand, 9, G_N_ELEMENTS (common))];
          else if (pick < 9)
            {
              guint other = g_rand_int_range (rand, 0, 3);
              word = scripts[other][g_rand_int_range (rand, 0, n_words[other])];
            }
          else
            word = scripts[script][g_rand_int_range (rand, 0, n_words[script])];

          if (j > 0)
            g_string_append (text, g_rand_int_range (rand, 0, 10) == 0 ? "  " : " ");
          g_string_append (text, word);
        }
      for (guint k = 0; k < 8; k++)
        check_one (&c, font, text->str, g_rand_int_range (rand, 10 * PANGO_SCALE, 420 * PANGO_SCALE));
      check_one (&c, font, text->str, -1);
    }
  g_test_message ("random: %u checks, %u measured from words, %u others set whole",
                  c.n_checked, c.n_fast, c.n_whole);
  g_assert_cmpuint (c.n_wrong, ==, 0);
  g_assert_cmpuint (c.n_fast, >, c.n_checked / 4);
  check_clear (&c);
}

/* Texts whose height only Pango can tell must go to Pango. */
static void
test_fallback (void)
{
  static const char *tricky[] = {
    "",
    "follow-up call",          /* a hyphen is a break opportunity */
    "and/or later",            /* so is a slash */
    "wait—then call",          /* and dashes */
    "wait –then call",         /* an en dash joined to a word */
    "Ελένη and Juliet",        /* Greek and Latin: Pango lays out each run apart */
    "five     spaces",
    " leading space",
    "trailing space ",
    "a\ttab",
    "two\nlines",
    "no\u00a0break",           /* a no-break space */
    "check ✓ done",            /* outside the character set */
    "Tokyo 東京",
    "smile 😀",
    "Why ?",                   /* no break before a question mark (LB13) */
    "call ( now",              /* nor after an opening bracket (LB14) */
    "said \" (aside)",         /* nor between a quote and a bracket (LB15) */
    "note ́accent",            /* a mark after a space */
    "Supercalifragilisticexpialidocious",   /* wider than the width: broken inside */
    "Why?Now",                 /* a break opportunity inside a word */
  };
  g_autoptr(PangoFontDescription) font = font_at (8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  g_autoptr(PangoFontDescription) mono = pango_font_description_from_string ("DejaVu Sans Mono, DejaVu Sans 8");
  Check c;
  int h;

  check_init (&c);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      if (jm_text_measure_try_fast (c.measure, font, tricky[i], 100 * PANGO_SCALE, &h))
        g_error ("“%s” was measured from word widths", tricky[i]);
      /* Whatever the path, the answer is Pango's. */
      g_assert_cmpint (jm_text_measure_height (c.measure, font, tricky[i], 100 * PANGO_SCALE), ==,
                       pango_height (&c.ref, font, tricky[i], 100 * PANGO_SCALE));
    }

  /* Plain text does take the fast path, with Pango's answer. */
  g_assert_true (jm_text_measure_try_fast (c.measure, font, "Plain words, in a line.", 100 * PANGO_SCALE, &h));
  g_assert_cmpint (h, ==, pango_height (&c.ref, font, "Plain words, in a line.", 100 * PANGO_SCALE));
  for (guint i = 0; i < 3; i++)
    {
      const char *line = (const char *[]) { "Café naïve", "Ελένη διαβάζει", "Юлия ждёт" }[i];

      g_assert_true (jm_text_measure_try_fast (c.measure, font, line, -1, &h));
      g_assert_cmpint (h, ==, pango_height (&c.ref, font, line, -1));
    }

  /* Lines that fill the width exactly, or miss it by a unit: a line's
   * last space does not count, but a second one does. */
  {
    static const char *texts[] = { "order order", "order order order", "order  order order" };
    int one = pango_height (&c.ref, font, "order", -1);
    int w2;

    pango_layout_set_width (c.ref.layout, -1);
    pango_layout_set_text (c.ref.layout, "order order", -1);
    pango_layout_get_size (c.ref.layout, &w2, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      for (int dw = -1; dw <= 1; dw++)
        {
          g_assert_true (jm_text_measure_try_fast (c.measure, font, texts[i], w2 + dw, &h));
          g_assert_cmpint (h, ==, pango_height (&c.ref, font, texts[i], w2 + dw));
        }
    g_assert_true (jm_text_measure_try_fast (c.measure, font, "order order", w2, &h));
    g_assert_cmpint (h, ==, one);
    g_assert_true (jm_text_measure_try_fast (c.measure, font, "order order", w2 - 1, &h));
    g_assert_cmpint (h, ==, 2 * one);
  }

  /* A letter the first font lacks comes from another font, whose spaces
   * and line height differ: Pango measures that. */
  g_assert_false (jm_text_measure_try_fast (c.measure, mono, "Letter Ǆ here", 300 * PANGO_SCALE, &h));
  g_assert_true (jm_text_measure_try_fast (c.measure, mono, "Letter D here", 300 * PANGO_SCALE, &h));
  g_assert_cmpint (jm_text_measure_height (c.measure, mono, "Letter Ǆ here", 300 * PANGO_SCALE), ==,
                   pango_height (&c.ref, mono, "Letter Ǆ here", 300 * PANGO_SCALE));
  check_clear (&c);
}

/* Shortened for showing: whole characters, an ellipsis, the full length. */
static void
test_shorten (void)
{
  g_autofree char *cut = NULL;
  glong n_chars = -1;

  g_assert_null (jm_text_shorten (NULL, 5, &n_chars));
  g_assert_null (jm_text_shorten ("short", 5, &n_chars));
  g_assert_cmpint (n_chars, ==, 0);
  /* Five characters in ten bytes fit. */
  g_assert_null (jm_text_shorten ("ééééé", 5, NULL));
  cut = jm_text_shorten ("éééééé", 5, &n_chars);
  g_assert_cmpstr (cut, ==, "ééééé…");
  g_assert_cmpint (n_chars, ==, 6);
}

static void
test_unrounded (void)
{
  unrounded = TRUE;
  test_generated ();
  test_random ();
  unrounded = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-measure/generated", test_generated);
  g_test_add_func ("/text-measure/samples", test_samples);
  g_test_add_func ("/text-measure/random", test_random);
  g_test_add_func ("/text-measure/fallback", test_fallback);
  /* As the export sets text: glyphs not rounded to whole units. */
  g_test_add_func ("/text-measure/unrounded", test_unrounded);
  g_test_add_func ("/text-measure/shorten", test_shorten);

  return g_test_run ();
}
