/* jm-outline-row.h: one row of the outline
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JM_TYPE_OUTLINE_ROW (jm_outline_row_get_type ())
G_DECLARE_FINAL_TYPE (JmOutlineRow, jm_outline_row, JM, OUTLINE_ROW, GtkWidget)

GtkWidget      *jm_outline_row_new          (void);
GtkTreeExpander *jm_outline_row_get_expander (JmOutlineRow *self);
GtkWidget      *jm_outline_row_get_box      (JmOutlineRow *self);
GtkImage       *jm_outline_row_get_icon     (JmOutlineRow *self);
GtkLabel       *jm_outline_row_get_title    (JmOutlineRow *self);
GtkLabel       *jm_outline_row_get_detail   (JmOutlineRow *self);
GtkWidget      *jm_outline_row_get_star     (JmOutlineRow *self);

G_END_DECLS
