/* jm-qr.h: a QR code for a short text, such as the room's join address
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The light border a reader needs around the code, in modules. */
#define JM_QR_QUIET_ZONE 4

typedef struct _JmQr JmQr;

JmQr     *jm_qr_new              (const char *text,
                                  GError    **error);
void      jm_qr_free             (JmQr       *qr);
guint     jm_qr_get_width        (const JmQr *qr);
gboolean  jm_qr_get_module       (const JmQr *qr,
                                  guint       x,
                                  guint       y);
void      jm_qr_paint            (const JmQr *qr,
                                  cairo_t    *cr,
                                  double      x,
                                  double      y,
                                  double      size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmQr, jm_qr_free)

G_END_DECLS
