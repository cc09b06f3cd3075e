/* jm-persona-picture.h: persona pictures decoded, scaled and drawn
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "jm-persona-file.h"

G_BEGIN_DECLS

GBytes  *jm_persona_picture_prepare  (GBytes              *contents,
                                      const char          *display_name,
                                      char               **mime_type,
                                      GError             **error);
GBytes  *jm_persona_picture_load     (GFile               *file,
                                      GCancellable        *cancellable,
                                      char               **mime_type,
                                      GError             **error);
void     jm_persona_picture_load_async  (GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GBytes  *jm_persona_picture_load_finish (GAsyncResult        *result,
                                        char               **mime_type,
                                        GError             **error);
cairo_surface_t *jm_persona_picture_decode (GBytes         *picture);

G_END_DECLS
