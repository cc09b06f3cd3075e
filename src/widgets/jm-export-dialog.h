/* jm-export-dialog.h: choose a layout, paper and tiling, see the pages,
 * and export them
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-export.h"

G_BEGIN_DECLS

#define JM_TYPE_EXPORT_DIALOG (jm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmExportDialog, jm_export_dialog, JM, EXPORT_DIALOG, AdwWindow)

JmExportDialog *jm_export_dialog_new          (GtkWindow             *parent,
                                               JmMap                 *map,
                                               GFile                 *suggested);
void            jm_export_dialog_set_options  (JmExportDialog        *self,
                                               const JmExportOptions *options);
void            jm_export_dialog_get_options  (JmExportDialog        *self,
                                               JmExportOptions       *options);
guint           jm_export_dialog_get_n_pages  (JmExportDialog        *self);
void            jm_export_dialog_export_to    (JmExportDialog        *self,
                                               GFile                 *file);
void            jm_export_dialog_cancel       (JmExportDialog        *self);

G_END_DECLS
