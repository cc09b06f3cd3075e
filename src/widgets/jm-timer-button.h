/* jm-timer-button.h: the workshop timer in the header bar
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-timer.h"

G_BEGIN_DECLS

#define JM_TYPE_TIMER_BUTTON (jm_timer_button_get_type ())
G_DECLARE_FINAL_TYPE (JmTimerButton, jm_timer_button, JM, TIMER_BUTTON, GtkWidget)

GtkWidget *jm_timer_button_new          (void);
JmTimer   *jm_timer_button_get_timer    (JmTimerButton *self);
void       jm_timer_button_set_timer    (JmTimerButton *self,
                                         JmTimer       *timer);
void       jm_timer_button_edit_agenda  (JmTimerButton *self);

G_END_DECLS
