/* jm-application.h: the application, its command line and its windows
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-session.h"

G_BEGIN_DECLS

#define JM_TYPE_APPLICATION (jm_application_get_type ())
G_DECLARE_FINAL_TYPE (JmApplication, jm_application, JM, APPLICATION, AdwApplication)

JmApplication *jm_application_new         (void);
JmSession     *jm_application_get_session (JmApplication *self);

G_END_DECLS
