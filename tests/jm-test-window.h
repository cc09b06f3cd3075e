/* jm-test-window.h: what the window tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-window.h"

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

G_END_DECLS
