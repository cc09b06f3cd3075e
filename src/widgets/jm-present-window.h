/* jm-present-window.h: present mode's full-screen window
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-document.h"
#include "jm-present-view.h"

G_BEGIN_DECLS

#define JM_TYPE_PRESENT_WINDOW (jm_present_window_get_type ())
G_DECLARE_FINAL_TYPE (JmPresentWindow, jm_present_window, JM, PRESENT_WINDOW, GtkWindow)

JmPresentWindow *jm_present_window_open     (GtkWindow       *parent,
                                             JmDocument      *document);
JmPresentWindow *jm_present_window_find     (GtkWindow       *parent);
JmPresentView   *jm_present_window_get_view (JmPresentWindow *self);
GtkWindow       *jm_present_window_get_parent (JmPresentWindow *self);
const char      *jm_present_window_get_join_address (JmPresentWindow *self);
const char      *jm_present_window_get_join_qr_text (JmPresentWindow *self);

G_END_DECLS
