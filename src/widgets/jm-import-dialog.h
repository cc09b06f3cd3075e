/* jm-import-dialog.h: cards from any CSV, its columns mapped to fields
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_IMPORT_DIALOG (jm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmImportDialog, jm_import_dialog, JM, IMPORT_DIALOG, AdwWindow)

JmImportDialog *jm_import_dialog_new         (GtkWindow      *parent,
                                              JmMap          *map,
                                              const char     *text,
                                              const char     *name,
                                              GSettings      *settings);
guint           jm_import_dialog_get_n_cards (JmImportDialog *self);
const char     *jm_import_dialog_get_problems (JmImportDialog *self);

G_END_DECLS
