/* jm-start-page.h: what a window shows before a map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JM_TYPE_START_PAGE (jm_start_page_get_type ())
G_DECLARE_FINAL_TYPE (JmStartPage, jm_start_page, JM, START_PAGE, AdwBin)

GtkWidget *jm_start_page_new             (void);
void       jm_start_page_focus_templates (JmStartPage *self);

G_END_DECLS
