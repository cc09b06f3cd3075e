/* jm-ui-util.h: small helpers shared by the window and its pages
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  jm_set_accessible_label          (GtkWidget     *widget,
                                        const char    *label);
void  jm_menu_button_set_menu_later    (GtkMenuButton *button,
                                        GMenuModel    *model);
char *jm_file_describe_location        (GFile         *file);
GSettings *jm_app_settings_new         (void);

G_END_DECLS
