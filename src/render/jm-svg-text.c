/* jm-svg-text.c: text as SVG <text> elements rather than glyph outlines
 *
 * cairo's SVG surface draws every glyph as an outline, which design tools
 * and slide programs cannot edit. Every text of the cards, the emotion
 * chart and the page layouts is shown through jm_render_show_layout():
 * on a surface with a text sink attached (jm_svg_text_attach()), it writes
 * each run of text as a <text> element at the place, size, weight and
 * colour Pango gave it, in the surface's units, instead of drawing it;
 * anywhere else it draws the layout as Pango does.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-svg-text"

#include "config.h"

#include <math.h>

#include "jm-svg-text.h"

static const cairo_user_data_key_t sink_key;

/**
 * jm_svg_text_attach:
 * @surface: an SVG surface
 * @out: (transfer none): where the <text> elements go; it must outlive
 *   the drawing
 *
 * From now on, text shown on @surface with jm_render_show_layout() is
 * appended to @out as SVG instead of drawn.
 */
void
jm_svg_text_attach (cairo_surface_t *surface,
                    GString         *out)
{
  g_return_if_fail (surface != NULL && out != NULL);

  cairo_surface_set_user_data (surface, &sink_key, out, NULL);
}

static void
append_run (GString        *out,
            cairo_t        *cr,
            PangoLayoutRun *run,
            const char     *text,
            double          x,
            double          y)
{
  PangoFontDescription *desc = pango_font_describe (run->item->analysis.font);
  const char *family = pango_font_description_get_family (desc);
  double size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  int weight = pango_font_description_get_weight (desc);
  PangoStyle style = pango_font_description_get_style (desc);
  double r = 0, g = 0, b = 0, a = 1, dx = 1, dy = 0;
  g_autofree char *words = NULL;
  g_autofree char *family_text = NULL;
  char num[4][G_ASCII_DTOSTR_BUF_SIZE];

  if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
    words = g_strdup ("…");
  else
    words = g_markup_escape_text (text + run->item->offset, run->item->length);
  family_text = g_markup_escape_text (family != NULL ? family : "sans-serif", -1);
  if (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
    r = g = b = 0, a = 1;
  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &dx, &dy);
  size *= hypot (dx, dy);

  g_string_append_printf (out, "<text xml:space=\"preserve\" x=\"%s\" y=\"%s\" "
                          "font-family=\"%s\" font-size=\"%s\" font-weight=\"%d\"%s "
                          "fill=\"#%02x%02x%02x\"",
                          g_ascii_formatd (num[0], sizeof num[0], "%.2f", x),
                          g_ascii_formatd (num[1], sizeof num[1], "%.2f", y),
                          family_text,
                          g_ascii_formatd (num[2], sizeof num[2], "%.2f", size), weight,
                          style == PANGO_STYLE_NORMAL ? "" : " font-style=\"italic\"",
                          (int) lround (r * 255), (int) lround (g * 255), (int) lround (b * 255));
  if (a < 1)
    g_string_append_printf (out, " fill-opacity=\"%s\"",
                            g_ascii_formatd (num[3], sizeof num[3], "%.2f", a));
  g_string_append_printf (out, ">%s</text>\n", words);
  pango_font_description_free (desc);
}

/**
 * jm_render_show_layout:
 * @cr: a cairo context, its current point the layout's top left corner
 * @layout: the laid-out text
 *
 * pango_cairo_show_layout(), or on a surface with a text sink the text
 * written as <text> elements.
 */
void
jm_render_show_layout (cairo_t     *cr,
                       PangoLayout *layout)
{
  GString *out;
  PangoLayoutIter *iter;
  const char *text;
  double x0, y0;

  g_return_if_fail (cr != NULL && PANGO_IS_LAYOUT (layout));

  out = cairo_surface_get_user_data (cairo_get_target (cr), &sink_key);
  if (out == NULL)
    {
      pango_cairo_show_layout (cr, layout);
      return;
    }

  if (!cairo_has_current_point (cr))
    cairo_move_to (cr, 0, 0);
  cairo_get_current_point (cr, &x0, &y0);
  text = pango_layout_get_text (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      int baseline;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      append_run (out, cr, run, text,
                  x0 + (double) logical.x / PANGO_SCALE,
                  y0 + (double) baseline / PANGO_SCALE);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}
