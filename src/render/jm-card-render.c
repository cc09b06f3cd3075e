/* jm-card-render.c: draws one touchpoint card with cairo and pango
 *
 * One function lays the card out and, when asked, draws it: measuring and
 * drawing share every line, so a measured height is always the drawn one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-card-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jm-card-render.h"

#define DEFAULT_FAMILY "Cantarell, DejaVu Sans, Noto Sans, sans-serif"

static void
rgba_set (JmRgba *rgba,
          guint32 rgb)
{
  rgba->red = ((rgb >> 16) & 0xff) / 255.0;
  rgba->green = ((rgb >> 8) & 0xff) / 255.0;
  rgba->blue = (rgb & 0xff) / 255.0;
  rgba->alpha = 1.0;
}

/**
 * jm_card_style_init_light:
 * @style: (out caller-allocates): the style to fill
 *
 * Fills @style with dark ink on a light card, as used on paper and in the
 * light colour scheme.
 */
void
jm_card_style_init_light (JmCardStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  rgba_set (&style->background, 0xffffff);
  rgba_set (&style->border, 0xb0afac);
  rgba_set (&style->foreground, 0x241f31);
  rgba_set (&style->muted, 0x5e5c64);
  rgba_set (&style->accent, 0xc64600);
  rgba_set (&style->positive, 0x26a269);
  rgba_set (&style->negative, 0xc01c28);
  rgba_set (&style->pip_empty, 0xd0cfcc);
  style->font_family = DEFAULT_FAMILY;
  style->font_size = 9.0;
  style->title_lines = 3;
  style->simple = FALSE;
}

/**
 * jm_card_style_init_dark:
 * @style: (out caller-allocates): the style to fill
 *
 * Fills @style with light ink on a dark card, for the dark colour scheme.
 */
void
jm_card_style_init_dark (JmCardStyle *style)
{
  g_return_if_fail (style != NULL);

  jm_card_style_init_light (style);
  rgba_set (&style->background, 0x36363a);
  rgba_set (&style->border, 0x5e5c64);
  rgba_set (&style->foreground, 0xffffff);
  rgba_set (&style->muted, 0xc0bfbc);
  rgba_set (&style->accent, 0xffa348);
  rgba_set (&style->positive, 0x8ff0a4);
  rgba_set (&style->negative, 0xff7b63);
  rgba_set (&style->pip_empty, 0x5e5c64);
}

/**
 * jm_rgba_parse:
 * @rgba: (out caller-allocates): where to store the colour
 * @colour: (nullable): a colour written "#rrggbb"
 *
 * Returns: %TRUE if @colour was valid; @rgba is left untouched otherwise
 */
gboolean
jm_rgba_parse (JmRgba     *rgba,
               const char *colour)
{
  g_return_val_if_fail (rgba != NULL, FALSE);

  if (!jm_colour_is_valid (colour))
    return FALSE;

  rgba_set (rgba, (guint32) g_ascii_strtoull (colour + 1, NULL, 16));
  return TRUE;
}

/**
 * jm_render_set_rgba:
 * @cr: a cairo context
 * @rgba: the colour to paint with
 */
void
jm_render_set_rgba (cairo_t      *cr,
                    const JmRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

/**
 * jm_render_rounded_rect:
 * @cr: a cairo context
 *
 * Adds a closed rounded rectangle to the current path.
 */
void
jm_render_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   width,
                        double   height,
                        double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * jm_render_mot_mark:
 * @cr: a cairo context
 * @style: the colours to use
 * @cx: centre
 * @cy: centre
 * @radius: outer radius
 *
 * Draws the moment-of-truth mark: a five-pointed star in the accent colour.
 */
void
jm_render_mot_mark (cairo_t           *cr,
                    const JmCardStyle *style,
                    double             cx,
                    double             cy,
                    double             radius)
{
  cairo_save (cr);
  cairo_new_path (cr);
  for (int i = 0; i < 10; i++)
    {
      double r = (i % 2 == 0) ? radius : radius * 0.45;
      double a = -G_PI / 2 + i * G_PI / 5;
      cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
    }
  cairo_close_path (cr);
  jm_render_set_rgba (cr, &style->accent);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * jm_render_emotion_face:
 * @cr: a cairo context
 * @style: the colours to use
 * @x: left edge
 * @y: top edge
 * @size: diameter
 * @emotion: from %JM_EMOTION_MIN to %JM_EMOTION_MAX, or %JM_EMOTION_UNSET
 *
 * Draws a face whose mouth curves with @emotion, coloured from negative
 * through neutral to positive. An unset emotion draws a dashed outline.
 */
void
jm_render_emotion_face (cairo_t           *cr,
                        const JmCardStyle *style,
                        double             x,
                        double             y,
                        double             size,
                        int                emotion)
{
  double r = size / 2;
  double cx = x + r, cy = y + r;
  const JmRgba *ink;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, MAX (size / 14, 0.3));

  if (emotion < JM_EMOTION_MIN || emotion > JM_EMOTION_MAX)
    {
      double dash = size / 8;
      cairo_set_dash (cr, &dash, 1, 0);
      jm_render_set_rgba (cr, &style->muted);
      cairo_arc (cr, cx, cy, r - size / 28, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  ink = emotion > 0 ? &style->positive : emotion < 0 ? &style->negative : &style->muted;
  jm_render_set_rgba (cr, ink);
  cairo_arc (cr, cx, cy, r - size / 28, 0, 2 * G_PI);
  cairo_stroke (cr);

  cairo_arc (cr, cx - r * 0.35, cy - r * 0.25, size / 14, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, cx + r * 0.35, cy - r * 0.25, size / 14, 0, 2 * G_PI);
  cairo_fill (cr);

  /* The mouth bends by the emotion: up for positive, down for negative. */
  {
    double mouth_y = cy + r * 0.3;
    double bend = emotion * r * 0.18;

    cairo_move_to (cr, cx - r * 0.45, mouth_y - bend / 2);
    cairo_curve_to (cr,
                    cx - r * 0.2, mouth_y + bend,
                    cx + r * 0.2, mouth_y + bend,
                    cx + r * 0.45, mouth_y - bend / 2);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
}

/**
 * jm_render_measure_short_label:
 * @measure: a measure
 *
 * Returns: a short, translated label for @measure, fit for a card
 */
const char *
jm_render_measure_short_label (JmMeasure measure)
{
  switch (measure)
    {
    case JM_MEASURE_RESPONSIVENESS:
      /* Translators: short for Responsiveness, on a card */
      return C_("measure", "Resp.");
    case JM_MEASURE_CONVENIENCE:
      /* Translators: short for Convenience, on a card */
      return C_("measure", "Conv.");
    case JM_MEASURE_RELIABILITY:
      /* Translators: short for Reliability, on a card */
      return C_("measure", "Reliab.");
    case JM_MEASURE_RELEVANCE:
      /* Translators: short for Relevance, on a card */
      return C_("measure", "Relev.");
    case JM_N_MEASURES:
    default:
      g_return_val_if_reached (NULL);
    }
}

typedef struct
{
  cairo_t           *cr;
  const JmCardStyle *style;
  PangoLayout       *layout;
  PangoFontDescription *font;
  gboolean           draw;
} CardContext;

static void
set_font (CardContext *cc,
          double       scale,
          PangoWeight  weight)
{
  pango_font_description_set_absolute_size (cc->font,
                                            cc->style->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (cc->font, weight);
  pango_layout_set_font_description (cc->layout, cc->font);
}

/* Lays out @text in @width at (@x, @y), at most @lines lines (0: no limit),
 * ellipsized at the end when longer; returns the height used. */
static double
text_block (CardContext  *cc,
            const char   *text,
            double        x,
            double        y,
            double        width,
            int           lines,
            const JmRgba *ink)
{
  int w, h;

  pango_layout_set_text (cc->layout, text, -1);
  pango_layout_set_width (cc->layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (cc->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (cc->layout, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (cc->layout, lines > 0 ? -lines : -1);
  pango_layout_get_size (cc->layout, &w, &h);

  if (cc->draw)
    {
      cairo_move_to (cc->cr, x, y);
      jm_render_set_rgba (cc->cr, ink);
      pango_cairo_show_layout (cc->cr, cc->layout);
    }

  return (double) h / PANGO_SCALE;
}

static char *
join_teams (JmTouchpoint *touchpoint)
{
  const char * const *teams = jm_touchpoint_get_teams (touchpoint);

  if (teams == NULL || teams[0] == NULL)
    return NULL;

  return g_strjoinv (" · ", (char **) teams);
}

static void
persona_edge_colour (JmPersona *persona,
                     JmRgba    *rgba)
{
  if (persona == NULL || !jm_rgba_parse (rgba, jm_persona_get_colour (persona)))
    jm_rgba_parse (rgba, jm_palette_colour (0));
}

static double
simple_height (const JmCardStyle *style)
{
  return style->font_size * 2.4;
}

static void
render_simple (cairo_t           *cr,
               JmTouchpoint      *touchpoint,
               JmPersona         *persona,
               const JmCardStyle *style,
               double             width)
{
  double em = style->font_size;
  double height = simple_height (style);
  JmRgba edge;

  persona_edge_colour (persona, &edge);

  cairo_save (cr);
  jm_render_rounded_rect (cr, 0, 0, width, height, em * 0.4);
  jm_render_set_rgba (cr, &style->background);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, edge.red, edge.green, edge.blue, 0.45);
  cairo_fill (cr);
  if (jm_touchpoint_get_moment_of_truth (touchpoint))
    jm_render_mot_mark (cr, style, width - em * 0.9, em * 0.9, em * 0.6);
  cairo_restore (cr);
}

static double
layout_card (CardContext  *cc,
             JmTouchpoint *touchpoint,
             JmPersona    *persona,
             double        width)
{
  const JmCardStyle *style = cc->style;
  cairo_t *cr = cc->cr;
  double em = style->font_size;
  double pad = em * 0.6;
  double edge_w = em * 0.4;
  double x0 = edge_w + pad;
  double inner = MAX (width - x0 - pad, em);
  double y = pad;
  const char *title = jm_touchpoint_get_title (touchpoint);
  const char *channel = jm_touchpoint_get_channel (touchpoint);
  gboolean mot = jm_touchpoint_get_moment_of_truth (touchpoint);
  int emotion = jm_touchpoint_get_emotion (touchpoint);
  g_autofree char *teams = join_teams (touchpoint);
  double h;

  /* Channel on the first line, the moment-of-truth star at its right. */
  set_font (cc, 0.8, PANGO_WEIGHT_NORMAL);
  {
    const char *label = channel != NULL && *channel != '\0'
      ? jm_channel_get_label (channel) : _("No channel");
    double mark = mot ? em * 1.3 : 0;

    h = text_block (cc, label, x0, y, inner - mark, 1, &style->muted);
    if (mot && cc->draw)
      jm_render_mot_mark (cr, style, x0 + inner - em * 0.55, y + MAX (h, em) / 2, em * 0.6);
    y += MAX (h, mot ? em * 1.1 : 0) + em * 0.2;
  }

  set_font (cc, 1.0, PANGO_WEIGHT_BOLD);
  if (title != NULL && *title != '\0')
    y += text_block (cc, title, x0, y, inner, MAX (style->title_lines, 1), &style->foreground);
  else
    y += text_block (cc, _("Untitled touchpoint"), x0, y, inner, 1, &style->muted);

  if (teams != NULL)
    {
      set_font (cc, 0.8, PANGO_WEIGHT_NORMAL);
      y += em * 0.2;
      y += text_block (cc, teams, x0, y, inner, 2, &style->muted);
    }

  if (emotion >= JM_EMOTION_MIN && emotion <= JM_EMOTION_MAX)
    {
      double face = em * 1.2;

      y += em * 0.3;
      set_font (cc, 0.8, PANGO_WEIGHT_NORMAL);
      if (cc->draw)
        jm_render_emotion_face (cr, style, x0, y, face, emotion);
      h = text_block (cc, jm_emotion_get_label (emotion),
                      x0 + face + em * 0.4, y + (face - em * 1.0) / 2,
                      inner - face - em * 0.4, 1, &style->muted);
      y += MAX (face, h);
    }

  /* The four scores: a short label and five pips each, two to a line when
   * the card is wide enough. */
  {
    guint per_line = inner >= em * 15 ? 2 : 1;
    double cell_w = inner / per_line;
    double pip_r = em * 0.22;
    double line_h;

    set_font (cc, 0.75, PANGO_WEIGHT_NORMAL);
    pango_layout_set_text (cc->layout, "Ag", -1);
    pango_layout_set_width (cc->layout, -1);
    pango_layout_set_height (cc->layout, -1);
    {
      int th;
      pango_layout_get_size (cc->layout, NULL, &th);
      line_h = MAX ((double) th / PANGO_SCALE, pip_r * 2) + em * 0.1;
    }

    y += em * 0.3;
    for (guint m = 0; m < JM_N_MEASURES; m++)
      {
        double cx = x0 + (m % per_line) * cell_w;
        double cy = y + (m / per_line) * line_h;
        int rating = jm_touchpoint_get_rating (touchpoint, m);
        double label_w = em * 3.4;
        double pips_x = cx + label_w;

        if (!cc->draw)
          continue;

        text_block (cc, jm_render_measure_short_label (m), cx, cy, label_w - em * 0.2, 1,
                    &style->muted);

        if (rating < JM_RATING_MIN || rating > JM_RATING_MAX)
          {
            /* Unrated is missing, not zero: a dash, never empty pips. */
            text_block (cc, "–", pips_x, cy, em * 2, 1, &style->muted);
            continue;
          }

        for (int p = 0; p < JM_RATING_MAX; p++)
          {
            double px = pips_x + pip_r + p * pip_r * 2.6;

            if (px + pip_r > cx + cell_w)
              break;
            cairo_new_path (cr);
            cairo_arc (cr, px, cy + line_h / 2 - em * 0.05, pip_r, 0, 2 * G_PI);
            jm_render_set_rgba (cr, p < rating ? &style->foreground : &style->pip_empty);
            cairo_fill (cr);
          }
      }
    y += ((JM_N_MEASURES + per_line - 1) / per_line) * line_h;
  }

  return y + pad;
}

static void
card_context_init (CardContext       *cc,
                   cairo_t           *cr,
                   const JmCardStyle *style,
                   gboolean           draw)
{
  cc->cr = cr;
  cc->style = style;
  cc->draw = draw;
  cc->layout = pango_cairo_create_layout (cr);
  cc->font = pango_font_description_from_string (style->font_family != NULL
                                                 ? style->font_family : DEFAULT_FAMILY);
}

static void
card_context_clear (CardContext *cc)
{
  g_clear_object (&cc->layout);
  g_clear_pointer (&cc->font, pango_font_description_free);
}

/**
 * jm_card_measure:
 * @cr: a cairo context whose target and font options match the drawing
 * @touchpoint: the touchpoint
 * @style: the style the card will be drawn in
 * @width: the card's width in user units
 *
 * Returns: the height the card takes when drawn at @width
 */
double
jm_card_measure (cairo_t           *cr,
                 JmTouchpoint      *touchpoint,
                 const JmCardStyle *style,
                 double             width)
{
  CardContext cc;
  double height;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (touchpoint), 0);
  g_return_val_if_fail (style != NULL, 0);

  if (style->simple)
    return simple_height (style);

  card_context_init (&cc, cr, style, FALSE);
  height = layout_card (&cc, touchpoint, NULL, width);
  card_context_clear (&cc);

  return height;
}

static void
render_card (cairo_t           *cr,
             JmTouchpoint      *touchpoint,
             JmPersona         *persona,
             const JmCardStyle *style,
             double             width,
             double             height)
{
  CardContext cc;
  JmRgba edge;

  cairo_save (cr);
  persona_edge_colour (persona, &edge);
  jm_render_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, style->font_size * 0.4);
  jm_render_set_rgba (cr, &style->background);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  jm_render_set_rgba (cr, &style->border);
  cairo_stroke (cr);

  /* The persona edge, clipped to the card's rounded outline. */
  jm_render_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, style->font_size * 0.4);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, 0, style->font_size * 0.4, height);
  jm_render_set_rgba (cr, &edge);
  cairo_fill (cr);
  cairo_restore (cr);

  card_context_init (&cc, cr, style, TRUE);
  cairo_save (cr);
  layout_card (&cc, touchpoint, persona, width);
  cairo_restore (cr);
  card_context_clear (&cc);
}

/**
 * jm_card_render:
 * @cr: a cairo context; the card is drawn with its top left corner at the
 *   origin of the user space
 * @touchpoint: the touchpoint
 * @persona: (nullable): the persona owning the touchpoint's lane, which
 *   colours the card's edge
 * @style: colours, font and mode
 * @width: the card's width in user units
 * @out_height: (out) (optional): the height drawn
 *
 * Draws one card: channel, moment-of-truth mark, title (wrapped, and
 * ellipsized with a visible "…" past @style's line limit), owning teams,
 * emotion face and label, and the four scores. In simple mode, draws a
 * plain block in the persona colour.
 */
void
jm_card_render (cairo_t           *cr,
                JmTouchpoint      *touchpoint,
                JmPersona         *persona,
                const JmCardStyle *style,
                double             width,
                double            *out_height)
{
  double height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (persona == NULL || JM_IS_PERSONA (persona));
  g_return_if_fail (style != NULL);

  height = jm_card_measure (cr, touchpoint, style, width);
  if (style->simple)
    render_simple (cr, touchpoint, persona, style, width);
  else
    render_card (cr, touchpoint, persona, style, width, height);

  if (out_height != NULL)
    *out_height = height;
}

/**
 * jm_card_render_measured:
 * @cr: a cairo context, as for jm_card_render()
 * @touchpoint: the touchpoint
 * @persona: (nullable): the persona owning the touchpoint's lane
 * @style: colours, font and mode
 * @width: the card's width in user units
 * @height: the height jm_card_measure() gave for this card, @style and @width
 *
 * Draws a card whose height is already known, saving the measuring pass:
 * for callers that measure every card once and draw many times.
 */
void
jm_card_render_measured (cairo_t           *cr,
                         JmTouchpoint      *touchpoint,
                         JmPersona         *persona,
                         const JmCardStyle *style,
                         double             width,
                         double             height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (persona == NULL || JM_IS_PERSONA (persona));
  g_return_if_fail (style != NULL);

  if (style->simple)
    render_simple (cr, touchpoint, persona, style, width);
  else
    render_card (cr, touchpoint, persona, style, width, height);
}
