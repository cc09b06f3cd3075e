/* jm-compare-view.h: two maps side by side: as is, and as it should be
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-canvas.h"
#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_COMPARE_VIEW (jm_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (JmCompareView, jm_compare_view, JM, COMPARE_VIEW, AdwWindow)

JmCompareView *jm_compare_view_new            (GtkWindow     *parent,
                                               JmMap         *first,
                                               const char    *first_name,
                                               JmMap         *second,
                                               const char    *second_name);
void           jm_compare_view_set_board      (JmCompareView *self,
                                               JmCanvas      *board);
guint          jm_compare_view_get_n_changes  (JmCompareView *self);
GArray        *jm_compare_view_get_comparison (JmCompareView *self);

G_END_DECLS
