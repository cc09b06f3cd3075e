/* jm-test-window.h: what the window tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-window-private.h"

G_BEGIN_DECLS

typedef gboolean (*JmTestCondition) (gpointer data);

void              jm_test_wait_for        (JmTestCondition  condition,
                                           gpointer         data,
                                           const char      *what);
void              jm_test_flush_events    (void);
void              jm_test_destroy_window  (JmWindow        *window);
gpointer          jm_test_window_child    (JmWindow        *window,
                                           const char      *name);
gpointer          jm_test_item_at         (GListModel      *model,
                                           guint            position);
AdwMessageDialog *jm_test_find_dialog     (gpointer         parent);
gboolean          jm_test_has_dialog      (gpointer         parent);
gpointer          jm_test_find_toplevel   (GType            type);
GtkWidget        *jm_test_nth_widget      (gpointer         root,
                                           GType            type,
                                           guint            nth);

/* Real input through the X server, as a person gives it. */
gboolean          jm_test_can_send_input  (GtkWidget       *widget);
char             *jm_test_window_id       (GtkWidget       *widget);
void              jm_test_xdotoolv        (const char * const *argv);
void              jm_test_xdotool         (const char      *first,
                                           ...) G_GNUC_NULL_TERMINATED;
void              jm_test_widget_point    (GtkWidget       *widget,
                                           double           x,
                                           double           y,
                                           char             coords[2][32]);

G_END_DECLS
