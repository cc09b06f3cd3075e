/* jm-timer.h: a workshop's countdown and its agenda
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * JmTimerClock:
 * @user_data: what was given with the clock
 *
 * Returns: the time now in microseconds, never going back, like
 *   g_get_monotonic_time()
 */
typedef gint64 (*JmTimerClock) (gpointer user_data);

#define JM_TYPE_TIMER (jm_timer_get_type ())
G_DECLARE_FINAL_TYPE (JmTimer, jm_timer, JM, TIMER, GObject)

JmTimer    *jm_timer_new              (void);
void        jm_timer_set_clock        (JmTimer            *self,
                                       JmTimerClock        clock,
                                       gpointer            user_data);
void        jm_timer_tick             (JmTimer            *self);

guint       jm_timer_get_duration     (JmTimer            *self);
void        jm_timer_set_duration     (JmTimer            *self,
                                       guint               seconds);
guint       jm_timer_get_remaining    (JmTimer            *self);
gboolean    jm_timer_get_running      (JmTimer            *self);
gboolean    jm_timer_get_finished     (JmTimer            *self);

void        jm_timer_start            (JmTimer            *self);
void        jm_timer_pause            (JmTimer            *self);
void        jm_timer_add_minute       (JmTimer            *self);
void        jm_timer_reset            (JmTimer            *self);

void        jm_timer_set_agenda       (JmTimer            *self,
                                       const char * const *titles,
                                       const guint        *minutes);
guint       jm_timer_get_n_steps      (JmTimer            *self);
const char *jm_timer_get_step_title   (JmTimer            *self,
                                       guint               index);
guint       jm_timer_get_step_minutes (JmTimer            *self,
                                       guint               index);
int         jm_timer_get_step         (JmTimer            *self);
void        jm_timer_start_step       (JmTimer            *self,
                                       guint               index);

char       *jm_timer_format           (guint               seconds);

G_END_DECLS
