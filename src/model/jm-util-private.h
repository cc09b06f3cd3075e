/* jm-util-private.h: helpers shared by the model's classes
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* GLib 2.76 has g_set_str(); Debian 12 ships 2.74. */
static inline gboolean
_jm_set_str (char       **str_pointer,
             const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/* Lists of short texts (goals, teams, links): NULL and empty are the same. */
static inline gboolean
_jm_set_strv (char               ***strv_pointer,
              const char * const   *new_strv)
{
  const char * const empty[] = { NULL };

  if (new_strv == NULL)
    new_strv = empty;
  if (*strv_pointer != NULL && g_strv_equal ((const char * const *) *strv_pointer, new_strv))
    return FALSE;

  g_strfreev (*strv_pointer);
  *strv_pointer = g_strdupv ((char **) new_strv);
  return TRUE;
}

G_END_DECLS
