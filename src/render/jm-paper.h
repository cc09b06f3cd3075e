/* jm-paper.h: paper sizes and the lengths, scales and tile counts of export
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JM_RENDER_ERROR (jm_render_error_quark ())

typedef enum {
  JM_RENDER_ERROR_INVALID_OPTION,  /* a value the user gave is not understood */
  JM_RENDER_ERROR_TOO_LARGE,       /* the output would exceed what the format holds */
  JM_RENDER_ERROR_FAILED,          /* the drawing library failed */
  JM_RENDER_ERROR_EMPTY,           /* the map has nothing this layout shows */
} JmRenderError;

#define JM_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)
#define JM_PT_TO_MM(pt) ((pt) * 25.4 / 72.0)

GQuark               jm_render_error_quark (void);

const char * const  *jm_paper_list_names   (void);
gboolean             jm_paper_parse        (const char  *text,
                                            double      *width_pt,
                                            double      *height_pt,
                                            GError     **error);
gboolean             jm_length_parse       (const char  *text,
                                            double      *points,
                                            GError     **error);
gboolean             jm_tiles_parse        (const char  *text,
                                            guint       *columns,
                                            guint       *rows,
                                            GError     **error);
gboolean             jm_scale_parse        (const char  *text,
                                            double      *scale,
                                            GError     **error);

G_END_DECLS
