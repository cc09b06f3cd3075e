/* jm-window.h: a window showing one journey map
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_WINDOW (jm_window_get_type ())
G_DECLARE_FINAL_TYPE (JmWindow, jm_window, JM, WINDOW, AdwApplicationWindow)

JmWindow *jm_window_new               (GtkApplication *application);
JmWindow *jm_window_new_for_file      (GtkApplication *application,
                                       GFile          *file);
JmWindow *jm_window_new_for_map       (GtkApplication *application,
                                      JmMap          *map);
JmWindow *jm_window_find_for_file     (GFile          *file);
void      jm_window_open              (JmWindow       *self,
                                       GFile          *file);
void      jm_window_present_when_open (JmWindow       *self);
GFile    *jm_window_get_file          (JmWindow       *self);
gboolean  jm_window_is_replaceable    (JmWindow       *self);
guint     jm_window_offer_recovery    (JmWindow       *self);

G_END_DECLS
