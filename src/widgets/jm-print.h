/* jm-print.h: printing a map with the same pages as the PDF export
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-export.h"

G_BEGIN_DECLS

#define JM_TYPE_PRINT_OPERATION (jm_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (JmPrintOperation, jm_print_operation, JM, PRINT_OPERATION, GtkPrintOperation)

JmPrintOperation *jm_print_operation_new (JmMap                 *map,
                                          const JmExportOptions *options);

G_END_DECLS
