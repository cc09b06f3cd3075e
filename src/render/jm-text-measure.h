/* jm-text-measure.h: paragraph heights from cached word widths
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _JmTextMeasure JmTextMeasure;

JmTextMeasure *jm_text_measure_new         (PangoContext               *context);
void           jm_text_measure_free        (JmTextMeasure              *self);
int            jm_text_measure_height      (JmTextMeasure              *self,
                                            const PangoFontDescription *font,
                                            const char                 *text,
                                            int                         width);
gboolean       jm_text_measure_try_lines   (JmTextMeasure              *self,
                                            const PangoFontDescription *font,
                                            const char                 *text,
                                            int                         width,
                                            int                        *n_lines,
                                            int                        *line_height);
gboolean       jm_text_measure_try_fast    (JmTextMeasure              *self,
                                            const PangoFontDescription *font,
                                            const char                 *text,
                                            int                         width,
                                            int                        *height);
gboolean       jm_text_measure_try_set     (JmTextMeasure              *self,
                                            const PangoFontDescription *font,
                                            const char                 *text,
                                            int                         width,
                                            double                      x,
                                            double                      y,
                                            GArray                     *glyphs,
                                            GArray                     *clusters,
                                            GString                    *utf8,
                                            PangoFont                 **set_in,
                                            int                        *height);
int            jm_text_measure_pango       (JmTextMeasure              *self,
                                            const PangoFontDescription *font,
                                            const char                 *text,
                                            int                         width);
void           jm_text_measure_get_counts  (JmTextMeasure              *self,
                                            guint                      *fast,
                                            guint                      *slow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmTextMeasure, jm_text_measure_free)

/* What the screen shows of one text at most, in characters: more is never
 * read there, and X11 refuses windows past 32,767 pixels (a label asks for
 * the width of its whole text, ellipsized or not: 1,000 wide characters
 * stay well within it). */
#define JM_TEXT_SHOWN_MAX_CHARS 1000

char          *jm_text_shorten             (const char                 *text,
                                            glong                       max_chars,
                                            glong                      *n_chars);

G_END_DECLS
