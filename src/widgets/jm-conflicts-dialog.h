/* jm-conflicts-dialog.h: pick the values a merge left in conflict
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_CONFLICTS_DIALOG (jm_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmConflictsDialog, jm_conflicts_dialog, JM, CONFLICTS_DIALOG, AdwWindow)

JmConflictsDialog *jm_conflicts_dialog_new       (GtkWindow         *parent,
                                                  JmMap             *map);
guint              jm_conflicts_dialog_get_n_rows (JmConflictsDialog *self);
GtkWidget         *jm_conflicts_dialog_get_row    (JmConflictsDialog *self,
                                                   guint              index);

G_END_DECLS
