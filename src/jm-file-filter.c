/* jm-file-filter.c: the file chooser filter for journey maps
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "jm-file.h"
#include "jm-file-filter.h"

/**
 * jm_journey_file_filter_new:
 *
 * Returns: (transfer full): a file chooser filter for journey maps
 */
GtkFileFilter *
jm_journey_file_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey maps"));
  gtk_file_filter_add_pattern (filter, "*.journey");
  gtk_file_filter_add_mime_type (filter, JM_FILE_MIME_TYPE);
  return filter;
}
