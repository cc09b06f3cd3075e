/* jm-file-filter.h: the file chooser filter for journey maps
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkFileFilter *jm_journey_file_filter_new (void);

G_END_DECLS
