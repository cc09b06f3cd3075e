/* jm-card-render.c: draws one touchpoint card with cairo and pango
 *
 * One function lays the card out and, when asked, draws it: measuring and
 * drawing share every line, so a measured height is always the drawn one.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-card-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jm-card-render.h"
#include "jm-scoring.h"
#include "jm-votes.h"
#include "jm-text-measure.h"

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
  rgba_set (&style->vote, 0x813d9c);
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
  rgba_set (&style->vote, 0xdc8add);
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
 * jm_render_refused_picture:
 * @cr: a cairo context
 * @x: left
 * @y: top
 * @size: the side of the square the picture would fill
 *
 * Draws the placeholder of a picture that is kept but not shown (too
 * large to decode): a grey disc with a crossed-out frame, so that nobody
 * takes it for a persona without a picture.
 */
void
jm_render_refused_picture (cairo_t *cr,
                           double   x,
                           double   y,
                           double   size)
{
  double f = size * 0.26;

  cairo_save (cr);
  cairo_arc (cr, x + size / 2, y + size / 2, size / 2, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.78, 0.78, 0.80);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  cairo_set_line_width (cr, MAX (1.0, size / 32));
  cairo_rectangle (cr, x + size / 2 - f, y + size / 2 - f * 0.8, 2 * f, 1.6 * f);
  cairo_move_to (cr, x + size / 2 - f, y + size / 2 + f * 0.5);
  cairo_line_to (cr, x + size / 2 - f * 0.3, y + size / 2 - f * 0.1);
  cairo_line_to (cr, x + size / 2 + f * 0.2, y + size / 2 + f * 0.4);
  cairo_move_to (cr, x + size / 2 - f * 1.2, y + size / 2 + f * 1.0);
  cairo_line_to (cr, x + size / 2 + f * 1.2, y + size / 2 - f * 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);
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
 * jm_render_persona_mark:
 * @colour: the persona's colour
 * @index: the persona's place among the lanes shown
 * @radius: half the mark's size
 *
 * Marks a persona's card where lanes share a grid: the persona's colour in
 * a shape of its own (a circle, a square, a triangle, a diamond, a
 * triangle pointing down, a hexagon; outlined from the seventh persona
 * on), so that personas tell apart on a greyscale print whatever their
 * colours.
 */
void
jm_render_persona_mark (cairo_t      *cr,
                        const JmRgba *colour,
                        guint         index,
                        double        cx,
                        double        cy,
                        double        radius)
{
  static const int corners[] = { 0, 4, 3, 4, 3, 6 };
  /* Where the first corner is: a square's at 45°, a triangle's up (down
   * for the sixth shape), a diamond's and a hexagon's up. */
  static const double starts[] = { 0, G_PI / 4, -G_PI / 2, -G_PI / 2, G_PI / 2, -G_PI / 2 };
  guint shape = index % G_N_ELEMENTS (corners);
  gboolean outlined = (index / G_N_ELEMENTS (corners)) % 2 == 1;

  cairo_save (cr);
  cairo_new_path (cr);
  if (corners[shape] == 0)
    cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  else
    {
      /* Corners reach a little past the circle, so that each shape looks
       * as large as the circle. */
      double r = radius * (corners[shape] == 3 ? 1.3 : 1.2);

      for (int i = 0; i < corners[shape]; i++)
        {
          double a = starts[shape] + 2 * G_PI * i / corners[shape];

          cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
        }
      cairo_close_path (cr);
    }
  jm_render_set_rgba (cr, colour);
  if (outlined)
    {
      cairo_set_line_width (cr, radius * 0.45);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_restore (cr);
}

/* See jm_render_emotion_face(). */
static void
emotion_face_paths (cairo_t           *cr,
                    const JmCardStyle *style,
                    double             x,
                    double             y,
                    double             size,
                    int                emotion)
{
  double r = size / 2;
  double cx = x + r, cy = y + r;
  double ring = r - size / 28;
  const JmRgba *ink;
  JmRgba features;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, MAX (size / 14, 0.3));

  if (emotion < JM_EMOTION_MIN || emotion > JM_EMOTION_MAX)
    {
      double dash = size / 8;
      cairo_set_dash (cr, &dash, 1, 0);
      jm_render_set_rgba (cr, &style->muted);
      cairo_arc (cr, cx, cy, ring, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  ink = emotion > 0 ? &style->positive : emotion < 0 ? &style->negative : &style->muted;
  features = *ink;
  if (emotion == JM_EMOTION_MIN || emotion == JM_EMOTION_MAX)
    {
      /* A solid disc; the features cut out of it in the card's colour. */
      jm_render_set_rgba (cr, ink);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      features = style->background;
    }
  else
    {
      if (emotion != 0)
        {
          /* A light tint of the colour inside the ring: a quarter of it,
           * on the card's own colour. */
          cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.25);
          cairo_arc (cr, cx, cy, ring, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      jm_render_set_rgba (cr, ink);
      cairo_arc (cr, cx, cy, ring, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  jm_render_set_rgba (cr, &features);
  cairo_arc (cr, cx - r * 0.35, cy - r * 0.22, size / 13, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, cx + r * 0.35, cy - r * 0.22, size / 13, 0, 2 * G_PI);
  cairo_fill (cr);

  if (emotion == JM_EMOTION_MIN)
    {
      /* Brows drawn down towards the nose. */
      cairo_move_to (cr, cx - r * 0.6, cy - r * 0.62);
      cairo_line_to (cr, cx - r * 0.15, cy - r * 0.42);
      cairo_move_to (cr, cx + r * 0.6, cy - r * 0.62);
      cairo_line_to (cr, cx + r * 0.15, cy - r * 0.42);
      cairo_stroke (cr);
    }

  if (emotion == JM_EMOTION_MAX)
    {
      /* An open smile. */
      double mouth_y = cy + r * 0.12;

      cairo_move_to (cr, cx - r * 0.5, mouth_y);
      cairo_curve_to (cr, cx - r * 0.4, mouth_y + r * 0.62, cx + r * 0.4, mouth_y + r * 0.62,
                      cx + r * 0.5, mouth_y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  else
    {
      /* The mouth bends by the emotion: up for positive, down for negative. */
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

/* In a PDF, faces are glyphs of a font of their own (a Type 3 font in the
 * file): a grid's emotion curve shows a face for every card, and each
 * face drawn as paths is a hundred numbers in the file, where a glyph is
 * a few. Its glyphs are masks, one colour each, so a face is two layered
 * glyphs: FACE_BACK, the tint or the disc, and FACE_FRONT, the ring and
 * features (or the features cut out of the disc). Glyph 4 * (emotion -
 * JM_EMOTION_MIN) + layer, one unit wide, drawn from its top left at
 * (0, -1). They map to no text: a face is not read out as a character. */
enum { FACE_BACK, FACE_FRONT };

/* A line @w wide from (@x0, @y0) to (@x1, @y1), butt-ended, as a closed
 * path to fill. */
static void
path_thick_line (cairo_t *cr,
                 double   x0,
                 double   y0,
                 double   x1,
                 double   y1,
                 double   w)
{
  double len = hypot (x1 - x0, y1 - y0);
  double nx = -(y1 - y0) / len * w / 2, ny = (x1 - x0) / len * w / 2;

  cairo_move_to (cr, x0 + nx, y0 + ny);
  cairo_line_to (cr, x1 + nx, y1 + ny);
  cairo_line_to (cr, x1 - nx, y1 - ny);
  cairo_line_to (cr, x0 - nx, y0 - ny);
  cairo_close_path (cr);
}

/* A curve from (@p[0], @p[1]) to (@p[6], @p[7]) @w wide, butt-ended, as a
 * closed path to fill: each side is the curve with its ends and controls
 * moved along the normals at its ends. */
static void
path_thick_curve (cairo_t      *cr,
                  const double *p,
                  double        w)
{
  double l0 = hypot (p[2] - p[0], p[3] - p[1]), l1 = hypot (p[6] - p[4], p[7] - p[5]);
  double n0x = -(p[3] - p[1]) / l0 * w / 2, n0y = (p[2] - p[0]) / l0 * w / 2;
  double n1x = -(p[7] - p[5]) / l1 * w / 2, n1y = (p[6] - p[4]) / l1 * w / 2;

  cairo_move_to (cr, p[0] + n0x, p[1] + n0y);
  cairo_curve_to (cr, p[2] + n0x, p[3] + n0y, p[4] + n1x, p[5] + n1y, p[6] + n1x, p[7] + n1y);
  cairo_line_to (cr, p[6] - n1x, p[7] - n1y);
  cairo_curve_to (cr, p[4] - n1x, p[5] - n1y, p[2] - n0x, p[3] - n0y, p[0] - n0x, p[1] - n0y);
  cairo_close_path (cr);
}

/* One layer of a face one unit wide, centred on (0.5, -0.5), as paths to
 * fill: the same shapes as emotion_face_paths(), its lines outlined. */
static void
face_layer_path (cairo_t *cr,
                 int      emotion,
                 int      layer)
{
  double r = 0.5, cx = 0.5, cy = -0.5;
  double ring = r - 1.0 / 28, lw = 1.0 / 14;
  gboolean strong = emotion == JM_EMOTION_MIN || emotion == JM_EMOTION_MAX;

  if (layer == FACE_BACK)
    {
      cairo_arc (cr, cx, cy, strong ? r : ring, 0, 2 * G_PI);
      cairo_close_path (cr);
      return;
    }
  if (!strong)
    {
      /* The ring: its inner circle turns the other way, a hole in which
       * the features sit. */
      cairo_arc (cr, cx, cy, ring + lw / 2, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, cx, cy, ring - lw / 2, 2 * G_PI, 0);
      cairo_close_path (cr);
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx - r * 0.35, cy - r * 0.22, 1.0 / 13, 0, 2 * G_PI);
  cairo_close_path (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx + r * 0.35, cy - r * 0.22, 1.0 / 13, 0, 2 * G_PI);
  cairo_close_path (cr);
  if (emotion == JM_EMOTION_MIN)
    {
      path_thick_line (cr, cx - r * 0.6, cy - r * 0.62, cx - r * 0.15, cy - r * 0.42, lw);
      path_thick_line (cr, cx + r * 0.6, cy - r * 0.62, cx + r * 0.15, cy - r * 0.42, lw);
    }
  if (emotion == JM_EMOTION_MAX)
    {
      double mouth_y = cy + r * 0.12;

      cairo_move_to (cr, cx - r * 0.5, mouth_y);
      cairo_curve_to (cr, cx - r * 0.4, mouth_y + r * 0.62, cx + r * 0.4, mouth_y + r * 0.62,
                      cx + r * 0.5, mouth_y);
      cairo_close_path (cr);
    }
  else
    {
      double mouth_y = cy + r * 0.3;
      double bend = emotion * r * 0.18;
      double mouth[] = {
        cx - r * 0.45, mouth_y - bend / 2, cx - r * 0.2, mouth_y + bend,
        cx + r * 0.2, mouth_y + bend, cx + r * 0.45, mouth_y - bend / 2,
      };

      path_thick_curve (cr, mouth, lw);
    }
}

static cairo_status_t
face_font_render_glyph (cairo_scaled_font_t  *scaled_font,
                        unsigned long         glyph,
                        cairo_t              *cr,
                        cairo_text_extents_t *extents)
{
  int emotion = (int) (glyph / 4) + JM_EMOTION_MIN;

  if (emotion >= JM_EMOTION_MIN && emotion <= JM_EMOTION_MAX)
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      face_layer_path (cr, emotion, (int) (glyph % 4));
      cairo_fill (cr);
    }
  extents->x_bearing = 0;
  extents->y_bearing = -1;
  extents->width = 1;
  extents->height = 1;
  extents->x_advance = 1;
  extents->y_advance = 0;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_font_face_t *
face_font (void)
{
  static gsize once = 0;
  static cairo_font_face_t *font;

  if (g_once_init_enter (&once))
    {
      font = cairo_user_font_face_create ();
      cairo_user_font_face_set_render_glyph_func (font, face_font_render_glyph);
      g_once_init_leave (&once, 1);
    }
  return font;
}

/* The glyph of @layer of @emotion's face, @size wide, its top left at
 * (@x, @y), in @colour. */
static void
face_glyph (cairo_t      *cr,
            int           emotion,
            int           layer,
            double        x,
            double        y,
            double        size,
            const JmRgba *colour)
{
  cairo_glyph_t glyph = { 4 * (emotion - JM_EMOTION_MIN) + layer, x, y + size };
  cairo_text_cluster_t cluster = { 0, 1 };

  jm_render_set_rgba (cr, colour);
  cairo_show_text_glyphs (cr, "", 0, &glyph, 1, &cluster, 1, 0);
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
 * through neutral to positive. The five emotions differ in more than the
 * mouth, so that they part at a glance and in greyscale: the strong ones
 * are solid discs (very negative the darker, with frowning brows; very
 * positive with an open smile), the mild ones rings on a light tint, and
 * neutral a plain ring. An unset emotion draws a dashed outline.
 */
void
jm_render_emotion_face (cairo_t           *cr,
                        const JmCardStyle *style,
                        double             x,
                        double             y,
                        double             size,
                        int                emotion)
{
  const JmRgba *ink;
  JmRgba tint;

  /* Lines under 0.3 units are drawn 0.3 wide, which the glyphs' are not. */
  if (emotion < JM_EMOTION_MIN || emotion > JM_EMOTION_MAX || size < 0.3 * 14 ||
      cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_PDF)
    {
      emotion_face_paths (cr, style, x, y, size, emotion);
      return;
    }
  ink = emotion > 0 ? &style->positive : emotion < 0 ? &style->negative : &style->muted;
  tint = *ink;
  tint.alpha = 0.25;
  cairo_save (cr);
  cairo_set_font_face (cr, face_font ());
  cairo_set_font_size (cr, size);
  if (emotion == JM_EMOTION_MIN || emotion == JM_EMOTION_MAX)
    {
      face_glyph (cr, emotion, FACE_BACK, x, y, size, ink);
      face_glyph (cr, emotion, FACE_FRONT, x, y, size, &style->background);
    }
  else
    {
      if (emotion != 0)
        face_glyph (cr, emotion, FACE_BACK, x, y, size, &tint);
      face_glyph (cr, emotion, FACE_FRONT, x, y, size, ink);
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

/* Laying text out is most of a card's cost, and a new Pango context per
 * card costs as much again: each thread keeps one context, layout and font
 * description for every card it measures or draws, and remembers the
 * heights it measured while the context stays the same (same font map,
 * font options and transformation), so a board of cards sharing channel,
 * team and emotion labels shapes each of those once. */
typedef struct
{
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *font;
  char                 *family;
  guint                 serial;
  GHashTable           *heights;   /* key string -> double height, boxed */
  GHashTable           *labels;    /* key string -> PangoLayout laid out, for drawing */
  JmTextMeasure        *measure;   /* word widths in this context, made when needed */
  /* What the context was last updated from: Pango counts every update
   * with a scaled matrix as a change, even to the same matrix. */
  double                matrix[4];
  cairo_font_options_t *options;
  cairo_font_options_t *surface_options;
  cairo_font_options_t *scratch;
} TextCache;

#define TEXT_CACHE_MAX 8192
#define LABEL_CACHE_MAX 512

static void
text_cache_forget (TextCache *tc)
{
  g_hash_table_remove_all (tc->heights);
  g_hash_table_remove_all (tc->labels);
  g_clear_pointer (&tc->measure, jm_text_measure_free);
}

static void
text_cache_free (gpointer data)
{
  TextCache *tc = data;

  g_clear_object (&tc->layout);
  g_clear_object (&tc->context);
  g_clear_pointer (&tc->font, pango_font_description_free);
  g_free (tc->family);
  g_clear_pointer (&tc->heights, g_hash_table_unref);
  g_clear_pointer (&tc->labels, g_hash_table_unref);
  g_clear_pointer (&tc->measure, jm_text_measure_free);
  g_clear_pointer (&tc->options, cairo_font_options_destroy);
  g_clear_pointer (&tc->surface_options, cairo_font_options_destroy);
  g_clear_pointer (&tc->scratch, cairo_font_options_destroy);
  g_free (tc);
}

/* Whether @cr has the matrix (but for translation) and font options the
 * context was last updated from; if not, remembers them. */
static gboolean
text_cache_matches (TextCache *tc,
                    cairo_t   *cr)
{
  cairo_matrix_t m;
  gboolean same;

  cairo_get_matrix (cr, &m);
  if (tc->scratch == NULL)
    tc->scratch = cairo_font_options_create ();

  same = tc->options != NULL
    && tc->matrix[0] == m.xx && tc->matrix[1] == m.yx
    && tc->matrix[2] == m.xy && tc->matrix[3] == m.yy;
  cairo_get_font_options (cr, tc->scratch);
  same = same && cairo_font_options_equal (tc->scratch, tc->options);
  if (!same)
    {
      g_clear_pointer (&tc->options, cairo_font_options_destroy);
      tc->options = cairo_font_options_copy (tc->scratch);
    }
  cairo_surface_get_font_options (cairo_get_target (cr), tc->scratch);
  if (tc->surface_options == NULL || !cairo_font_options_equal (tc->scratch, tc->surface_options))
    {
      same = FALSE;
      g_clear_pointer (&tc->surface_options, cairo_font_options_destroy);
      tc->surface_options = cairo_font_options_copy (tc->scratch);
    }
  tc->matrix[0] = m.xx;
  tc->matrix[1] = m.yx;
  tc->matrix[2] = m.xy;
  tc->matrix[3] = m.yy;
  return same;
}

static GPrivate text_cache_key = G_PRIVATE_INIT (text_cache_free);

static TextCache *
text_cache_get (cairo_t    *cr,
                const char *family)
{
  TextCache *tc = g_private_get (&text_cache_key);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();

  if (tc == NULL)
    {
      tc = g_new0 (TextCache, 1);
      tc->heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      tc->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&text_cache_key, tc);
    }

  if (tc->context == NULL || pango_context_get_font_map (tc->context) != font_map)
    {
      g_clear_object (&tc->layout);
      g_clear_object (&tc->context);
      tc->context = pango_font_map_create_context (font_map);
      text_cache_forget (tc);
      g_clear_pointer (&tc->options, cairo_font_options_destroy);
    }
  if (!text_cache_matches (tc, cr))
    pango_cairo_update_context (cr, tc->context);
  if (tc->layout == NULL)
    tc->layout = pango_layout_new (tc->context);

  /* Any change of fonts, options or matrix bumps the serial: what was
   * measured before no longer holds. */
  if (pango_context_get_serial (tc->context) != tc->serial)
    {
      tc->serial = pango_context_get_serial (tc->context);
      text_cache_forget (tc);
    }
  else if (g_hash_table_size (tc->heights) > TEXT_CACHE_MAX
           || g_hash_table_size (tc->labels) > LABEL_CACHE_MAX)
    text_cache_forget (tc);

  if (tc->font == NULL || g_strcmp0 (tc->family, family) != 0)
    {
      g_clear_pointer (&tc->font, pango_font_description_free);
      g_free (tc->family);
      tc->family = g_strdup (family);
      tc->font = pango_font_description_from_string (family);
      text_cache_forget (tc);
    }
  return tc;
}

typedef struct
{
  cairo_t           *cr;
  const JmCardStyle *style;
  TextCache         *cache;
  PangoLayout       *layout;
  PangoFontDescription *font;
  gboolean           draw;
  int                dots;      /* of the voting round shown */
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
 * ellipsized at the end when longer; returns the height used. A @label
 * (channel, teams, score names) repeats from card to card: drawing keeps
 * its laid-out layout, so each is shaped once. */
static double
text_block (CardContext  *cc,
            const char   *text,
            double        x,
            double        y,
            double        width,
            int           lines,
            gboolean      label,
            const JmRgba *ink)
{
  int pango_width = (int) (MAX (width, 1) * PANGO_SCALE);
  g_autofree char *key = NULL;
  /* A card shows a few lines of a text: the rest is never laid out. */
  g_autofree char *shortened = lines > 0 ? jm_text_shorten (text, JM_TEXT_SHOWN_MAX_CHARS, NULL) : NULL;
  PangoLayout *layout = cc->layout;
  gboolean laid_out = FALSE;
  int h;

  if (shortened != NULL)
    text = shortened;

  if (!cc->draw || label)
    {
      key = g_strdup_printf ("%d %d %d %d %s",
                             pango_font_description_get_size (cc->font),
                             (int) pango_font_description_get_weight (cc->font),
                             pango_width, lines, text);
      if (!cc->draw)
        {
          double *known = g_hash_table_lookup (cc->cache->heights, key);
          int n_lines, line_h;

          if (known != NULL)
            return *known;

          /* Plain text within its line limit (so not ellipsized) is
           * measured from cached word widths, as Pango would. */
          if (cc->cache->measure == NULL)
            cc->cache->measure = jm_text_measure_new (cc->cache->context);
          if (jm_text_measure_try_lines (cc->cache->measure, cc->font, text, pango_width,
                                         &n_lines, &line_h) &&
              (lines <= 0 || n_lines <= lines))
            {
              double height = (double) (n_lines * line_h) / PANGO_SCALE;

              g_hash_table_insert (cc->cache->heights, g_steal_pointer (&key),
                                   g_memdup2 (&height, sizeof height));
              return height;
            }
        }
      else
        {
          PangoLayout *known = g_hash_table_lookup (cc->cache->labels, key);

          if (known != NULL)
            {
              layout = known;
              laid_out = TRUE;
            }
          else
            {
              layout = pango_layout_new (cc->cache->context);
              pango_layout_set_font_description (layout, cc->font);
              g_hash_table_insert (cc->cache->labels, g_steal_pointer (&key), layout);
            }
        }
    }

  if (!laid_out)
    {
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_width (layout, pango_width);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height (layout, lines > 0 ? -lines : -1);
    }
  pango_layout_get_size (layout, NULL, &h);

  if (!cc->draw)
    g_hash_table_insert (cc->cache->heights, g_steal_pointer (&key),
                         g_memdup2 (&(double) { (double) h / PANGO_SCALE }, sizeof (double)));
  else
    {
      cairo_move_to (cc->cr, x, y);
      jm_render_set_rgba (cc->cr, ink);
      jm_render_show_layout (cc->cr, layout);
    }

  return (double) h / PANGO_SCALE;
}

/* The height of one unwrapped line in the current font; the same for
 * every card, so measured once per font and context. */
static double
line_height (CardContext *cc)
{
  g_autofree char *key = g_strdup_printf ("%d %d line",
                                          pango_font_description_get_size (cc->font),
                                          (int) pango_font_description_get_weight (cc->font));
  double *known = g_hash_table_lookup (cc->cache->heights, key);
  int h;

  if (known != NULL)
    return *known;

  pango_layout_set_text (cc->layout, "Ag", -1);
  pango_layout_set_width (cc->layout, -1);
  pango_layout_set_height (cc->layout, -1);
  pango_layout_get_size (cc->layout, NULL, &h);
  g_hash_table_insert (cc->cache->heights, g_steal_pointer (&key),
                       g_memdup2 (&(double) { (double) h / PANGO_SCALE }, sizeof (double)));
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

/* A card made from a template says what it is first, by its colour and
 * in words, so that the colour is never all there is to tell it by.
 * Returns the height of the line. */
static double
layout_kind (CardContext          *cc,
             const JmCardKindInfo *kind,
             double                x0,
             double                y,
             double                inner)
{
  double em = cc->style->font_size;
  double dot = em * 0.7;
  JmRgba colour;
  double h;

  set_font (cc, 0.8, PANGO_WEIGHT_BOLD);
  h = text_block (cc, g_dgettext (GETTEXT_PACKAGE, kind->label), x0 + dot + em * 0.35, y,
                  inner - dot - em * 0.35, 1, TRUE, &cc->style->foreground);
  if (cc->draw && jm_rgba_parse (&colour, kind->colour))
    {
      jm_render_rounded_rect (cc->cr, x0, y + (MAX (h, dot) - dot) / 2, dot, dot, dot * 0.25);
      jm_render_set_rgba (cc->cr, &colour);
      cairo_fill (cc->cr);
    }
  return MAX (h, dot) + em * 0.15;
}

/* At most this many dots are drawn; the count says how many there are. */
#define MAX_DRAWN_DOTS 5

static double
dots_width (const JmCardStyle *style,
            int                dots)
{
  double em = style->font_size;
  int digits = dots >= 100 ? 3 : dots >= 10 ? 2 : 1;

  if (dots <= 0)
    return 0;
  return MIN (dots, MAX_DRAWN_DOTS) * em * 0.95 + em * 0.2 + digits * em * 0.65;
}

/* The dots, then their count, ending at @right on the line at @y. */
static void
draw_dots (CardContext *cc,
           double       right,
           double       y,
           double       line,
           int          dots)
{
  const JmCardStyle *style = cc->style;
  double em = style->font_size;
  double x = right - dots_width (style, dots);
  int shown = MIN (dots, MAX_DRAWN_DOTS);
  char count[16];

  cairo_save (cc->cr);
  cairo_new_path (cc->cr);
  for (int i = 0; i < shown; i++)
    {
      cairo_new_sub_path (cc->cr);
      cairo_arc (cc->cr, x + em * 0.45 + i * em * 0.95, y + line / 2, em * 0.42, 0, 2 * G_PI);
    }
  jm_render_set_rgba (cc->cr, &style->vote);
  cairo_fill (cc->cr);
  cairo_restore (cc->cr);

  g_snprintf (count, sizeof count, "%d", dots);
  set_font (cc, 0.9, PANGO_WEIGHT_BOLD);
  text_block (cc, count, x + shown * em * 0.95 + em * 0.2, y - em * 0.05, right - x, 1, FALSE, &style->vote);
  set_font (cc, 0.8, PANGO_WEIGHT_NORMAL);
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
  const JmCardKindInfo *kind = jm_card_kind_lookup (jm_touchpoint_get_kind (touchpoint));
  double h;

  if (kind != NULL)
    y += layout_kind (cc, kind, x0, y, inner);

  /* Channel on the first line, the moment-of-truth star at its right. */
  set_font (cc, 0.8, PANGO_WEIGHT_NORMAL);
  {
    const char *label = channel != NULL && *channel != '\0'
      ? jm_channel_get_label (channel) : _("No channel");
    double mark = mot ? em * 1.3 : 0;
    double voted = cc->dots > 0 ? dots_width (style, cc->dots) + em * 0.4 : 0;

    h = text_block (cc, label, x0, y, inner - mark - voted, 1, TRUE, &style->muted);
    if (mot && cc->draw)
      jm_render_mot_mark (cr, style, x0 + inner - em * 0.55, y + MAX (h, em) / 2, em * 0.6);
    if (cc->dots > 0 && cc->draw)
      draw_dots (cc, x0 + inner - mark, y, MAX (h, em), cc->dots);
    y += MAX (h, mot ? em * 1.1 : 0) + em * 0.2;
  }

  set_font (cc, 1.0, PANGO_WEIGHT_BOLD);
  if (title != NULL && *title != '\0')
    y += text_block (cc, title, x0, y, inner, MAX (style->title_lines, 1), FALSE,
                     &style->foreground);
  else
    y += text_block (cc, _("Untitled touchpoint"), x0, y, inner, 1, TRUE, &style->muted);

  if (teams != NULL)
    {
      set_font (cc, 0.8, PANGO_WEIGHT_NORMAL);
      y += em * 0.2;
      y += text_block (cc, teams, x0, y, inner, 2, TRUE, &style->muted);
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
                      inner - face - em * 0.4, 1, TRUE, &style->muted);
      y += MAX (face, h);
    }

  /* The four scores: a short label and five pips each, two to a line when
   * the card is wide enough. */
  {
    guint per_line = inner >= em * 15 ? 2 : 1;
    double cell_w = inner / per_line;
    double pip_r = em * 0.22;
    double line_h;
    struct { double x, y; gboolean filled; } pips[JM_N_MEASURES * JM_RATING_MAX];
    guint n_pips = 0;

    set_font (cc, 0.75, PANGO_WEIGHT_NORMAL);
    line_h = MAX (line_height (cc), pip_r * 2) + em * 0.1;

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
                    TRUE, &style->muted);

        if (rating < JM_RATING_MIN || rating > JM_RATING_MAX)
          {
            /* Unrated is missing, not zero: a dash, never empty pips. */
            text_block (cc, "–", pips_x, cy, em * 2, 1, TRUE, &style->muted);
            continue;
          }

        for (int p = 0; p < JM_RATING_MAX; p++)
          {
            double px = pips_x + pip_r + p * pip_r * 2.6;

            if (px + pip_r > cx + cell_w)
              break;
            g_assert (n_pips < G_N_ELEMENTS (pips));
            pips[n_pips].x = px;
            pips[n_pips].y = cy + line_h / 2 - em * 0.05;
            pips[n_pips].filled = p < rating;
            n_pips++;
          }
      }
    y += ((JM_N_MEASURES + per_line - 1) / per_line) * line_h;

    /* Each pip is a dot: a zero-length line with round caps is the same
     * circle as a filled arc, but a PDF writes it in two points instead of
     * thirteen, and a board prints twenty pips a card. Pips never overlap,
     * so they are drawn by colour, one path each. */
    if (n_pips > 0)
      {
        cairo_save (cr);
        cairo_set_line_width (cr, pip_r * 2);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        for (int filled = 1; filled >= 0; filled--)
          {
            cairo_new_path (cr);
            for (guint i = 0; i < n_pips; i++)
              if (pips[i].filled == filled)
                {
                  cairo_move_to (cr, pips[i].x, pips[i].y);
                  cairo_close_path (cr);
                }
            jm_render_set_rgba (cr, filled ? &style->foreground : &style->pip_empty);
            cairo_stroke (cr);
          }
        cairo_restore (cr);
      }
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
  cc->dots = 0;
  cc->cache = text_cache_get (cr, style->font_family != NULL
                                  ? style->font_family : DEFAULT_FAMILY);
  cc->layout = cc->cache->layout;
  cc->font = cc->cache->font;
}

/**
 * jm_card_measure:
 * @cr: a cairo context whose target and font options match the drawing
 * @touchpoint: the touchpoint
 * @style: the style the card will be drawn in
 * @width: the card's width in user units
 *
 * Cheap to call for every card of a board: each thread reuses one Pango
 * context and remembers the heights of texts it laid out before, keyed on
 * the text and font, never on the touchpoint, so an edited touchpoint is
 * simply measured again.
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

  return height;
}

static void
render_card (cairo_t           *cr,
             JmTouchpoint      *touchpoint,
             JmPersona         *persona,
             const JmCardStyle *style,
             double             width,
             double             height,
             int                dots)
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
  /* A template's card has a band of its kind's colour along the top. */
  {
    const JmCardKindInfo *kind = jm_card_kind_lookup (jm_touchpoint_get_kind (touchpoint));
    JmRgba band;

    if (kind != NULL && jm_rgba_parse (&band, kind->colour))
      {
        cairo_rectangle (cr, 0, 0, width, style->font_size * 0.3);
        jm_render_set_rgba (cr, &band);
        cairo_fill (cr);
      }
  }
  cairo_restore (cr);

  card_context_init (&cc, cr, style, TRUE);
  cc.dots = dots;
  cairo_save (cr);
  layout_card (&cc, touchpoint, persona, width);
  cairo_restore (cr);
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
    render_card (cr, touchpoint, persona, style, width, height, 0);

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

  jm_card_render_with_dots (cr, touchpoint, persona, style, width, height, 0);
}

/**
 * jm_card_render_with_dots:
 * @height: the height jm_card_measure() gave, or a negative number to
 *   measure the card here
 * @dots: how many dots the card has in the voting round shown
 *
 * Draws a card as jm_card_render_measured() does, with its dots and their
 * count on its first line, before the moment-of-truth mark; in simple mode,
 * one dot in the block's corner.
 */
void
jm_card_render_with_dots (cairo_t           *cr,
                          JmTouchpoint      *touchpoint,
                          JmPersona         *persona,
                          const JmCardStyle *style,
                          double             width,
                          double             height,
                          int                dots)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (persona == NULL || JM_IS_PERSONA (persona));
  g_return_if_fail (style != NULL);

  if (height < 0)
    height = jm_card_measure (cr, touchpoint, style, width);
  if (style->simple)
    {
      render_simple (cr, touchpoint, persona, style, width);
      if (dots > 0)
        {
          double em = style->font_size;

          cairo_save (cr);
          cairo_new_path (cr);
          cairo_arc (cr, em * 0.9, em * 0.9, em * 0.45, 0, 2 * G_PI);
          jm_render_set_rgba (cr, &style->vote);
          cairo_fill (cr);
          cairo_restore (cr);
        }
    }
  else
    render_card (cr, touchpoint, persona, style, width, height, dots);
}

/**
 * jm_card_shown_dots:
 *
 * Returns: the dots @touchpoint has in the voting round cards show: the
 *   map's newest, open or closed, so that a closed round's result stays in
 *   view until the next round starts
 */
int
jm_card_shown_dots (JmMap        *map,
                    JmTouchpoint *touchpoint)
{
  JmVotes *votes;
  JmVoteRound *round;

  g_return_val_if_fail (JM_IS_MAP (map), 0);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (touchpoint), 0);

  votes = jm_map_get_votes (map);
  round = jm_votes_get_latest_round (votes);
  return round != NULL ? jm_votes_count (votes, round, jm_touchpoint_get_id (touchpoint)) : 0;
}

/**
 * jm_card_score_strip_height:
 * @style: the card style
 *
 * Returns: the height of the strip that jm_card_render_score_strip() adds
 *   to the foot of a card
 */
double
jm_card_score_strip_height (const JmCardStyle *style)
{
  g_return_val_if_fail (style != NULL, 0);

  return style->simple ? style->font_size * 0.8 : style->font_size * 1.7;
}

/**
 * jm_card_render_score_strip:
 * @cr: a cairo context, the card's top left corner at the origin
 * @style: the card style
 * @score: the score, 1 to 5, or NAN for none
 * @text: (nullable): what to write on the strip ("Score 2.4"); not
 *   written on simple cards
 * @width: the card's width
 * @height: the card's height, the strip included
 *
 * Colours the foot of a card drawn at @height with the heat-map colour of
 * @score (see jm_score_colour()) and writes @text on it, so that the
 * colour is never the only cue: the board and paper alike.
 */
void
jm_card_render_score_strip (cairo_t           *cr,
                            const JmCardStyle *style,
                            double             score,
                            const char        *text,
                            double             width,
                            double             height)
{
  double strip = jm_card_score_strip_height (style);
  double radius = style->font_size * 0.4;
  double r, g, b;

  g_return_if_fail (cr != NULL && style != NULL);

  jm_score_colour (score, &r, &g, &b);
  cairo_save (cr);
  jm_render_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, radius);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, height - strip, width, strip);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_save (cr);
  jm_render_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, radius);
  cairo_set_line_width (cr, 1.0);
  jm_render_set_rgba (cr, &style->border);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (style->simple || text == NULL)
    return;

  /* The labels repeat from card to card ("Score 3.0"): laid out once
   * each, through the card's text cache. */
  {
    CardContext cc;
    JmRgba colour = { 0, 0, 0, 1 };
    double line;

    jm_score_text_colour (score, &colour.red, &colour.green, &colour.blue);
    card_context_init (&cc, cr, style, TRUE);
    set_font (&cc, 0.85, PANGO_WEIGHT_BOLD);
    line = line_height (&cc);
    cairo_save (cr);
    text_block (&cc, text, style->font_size * 0.8, height - strip + (strip - line) / 2,
                width - style->font_size, 1, TRUE, &colour);
    cairo_restore (cr);
  }
}
