/* jm-svg-text.h: text as SVG <text> elements rather than glyph outlines
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

void jm_render_show_layout   (cairo_t         *cr,
                              PangoLayout     *layout);
void jm_svg_text_attach      (cairo_surface_t *surface,
                              GString         *out);

G_END_DECLS
