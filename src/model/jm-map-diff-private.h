/* jm-map-diff-private.h: what the difference and the merge of maps share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean _jm_values_equal (const GValue *a,
                           const GValue *b);

void     _jm_value_append (GString      *out,
                           const GValue *value,
                           const char   *field,
                           gboolean      json);

GParamSpec **_jm_fields_of  (gpointer      object,
                             guint        *n_pspecs);
void         _jm_get_field  (gpointer      object,
                             GParamSpec   *pspec,
                             GValue       *value);

G_END_DECLS
