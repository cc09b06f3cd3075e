/* jm-qr-code.h: a widget that shows a text as a QR code
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JM_TYPE_QR_CODE (jm_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (JmQrCode, jm_qr_code, JM, QR_CODE, GtkWidget)

GtkWidget  *jm_qr_code_new       (void);
const char *jm_qr_code_get_text  (JmQrCode   *self);
void        jm_qr_code_set_text  (JmQrCode   *self,
                                  const char *text);
guint       jm_qr_code_get_width (JmQrCode   *self);

G_END_DECLS
