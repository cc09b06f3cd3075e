/* jm-merge-dialog.h: review another copy's changes before they come in
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_MERGE_DIALOG (jm_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmMergeDialog, jm_merge_dialog, JM, MERGE_DIALOG, AdwWindow)

JmMergeDialog *jm_merge_dialog_new          (GtkWindow     *parent,
                                             JmMap         *map,
                                             JmMap         *theirs,
                                             const char    *name);
guint          jm_merge_dialog_get_n_changes (JmMergeDialog *self);

G_END_DECLS
