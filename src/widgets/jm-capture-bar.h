/* jm-capture-bar.h: a bar to type card titles in quick succession
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JM_TYPE_CAPTURE_BAR (jm_capture_bar_get_type ())
G_DECLARE_FINAL_TYPE (JmCaptureBar, jm_capture_bar, JM, CAPTURE_BAR, GtkWidget)

GtkWidget  *jm_capture_bar_new             (void);

void        jm_capture_bar_open            (JmCaptureBar *self);
gboolean    jm_capture_bar_get_open        (JmCaptureBar *self);

gboolean    jm_capture_bar_get_parking_lot (JmCaptureBar *self);
void        jm_capture_bar_set_parking_lot (JmCaptureBar *self,
                                            gboolean      parking_lot);

void        jm_capture_bar_set_target_name (JmCaptureBar *self,
                                            const char   *name);

const char *jm_capture_bar_get_kind        (JmCaptureBar *self);
void        jm_capture_bar_set_kind        (JmCaptureBar *self,
                                            const char   *kind);

G_END_DECLS
