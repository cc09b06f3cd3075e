/* jm-persona-file.h: personas carried from one map to another, and their pictures
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_PERSONA_FILE_ERROR (jm_persona_file_error_quark ())

typedef enum {
  JM_PERSONA_FILE_ERROR_UNKNOWN_PERSONA,  /* an id the source map does not have */
  JM_PERSONA_FILE_ERROR_NO_PERSONA,       /* nothing to import or export */
  JM_PERSONA_FILE_ERROR_PICTURE_TOO_LARGE,/* a picture file over JM_PICTURE_MAX_FILE_SIZE */
  JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE, /* a side over JM_PICTURE_MAX_SIDE pixels */
  JM_PERSONA_FILE_ERROR_NOT_AN_IMAGE,     /* not a picture at all, or one we cannot read */
  JM_PERSONA_FILE_ERROR_UNSUPPORTED,      /* a picture, but neither PNG nor JPEG */
  JM_PERSONA_FILE_ERROR_CORRUPT,          /* a PNG or JPEG that is damaged or cut short */
} JmPersonaFileError;

/* A persona's picture is kept inside the map file. Files over 2 MiB or with
 * a side over 4096 pixels are refused; pictures with a side over 512 pixels
 * are scaled down to 512 and encoded again (PNG stays PNG, JPEG stays JPEG,
 * so photos stay small); smaller ones are kept byte for byte. */
#define JM_PICTURE_MAX_FILE_SIZE (2 * 1024 * 1024)
#define JM_PICTURE_MAX_SIDE      4096
#define JM_PICTURE_STORED_SIDE   512
/* Pictures are decoded for drawing at most this many pixels a side. */
#define JM_PICTURE_DECODED_SIDE  1024

GQuark   jm_persona_file_error_quark (void);

gboolean jm_persona_file_import      (JmMap               *target,
                                      JmMap               *source,
                                      const char * const  *persona_ids,
                                      GError             **error);
JmMap   *jm_persona_file_export      (JmMap               *source,
                                      const char * const  *ids);
JmPersona *jm_persona_file_copy_persona (JmPersona        *persona,
                                         const char       *id);

gboolean jm_persona_picture_get_size (GBytes             *picture,
                                      int                *width,
                                      int                *height);
gboolean jm_persona_picture_is_whole (const guchar       *data,
                                      gsize               size,
                                      const char         *mime_type);
gboolean jm_persona_picture_check    (JmPersona           *persona,
                                      GError             **error);
void     jm_persona_picture_edit     (JmMap               *map,
                                      JmPersona           *persona,
                                      GBytes              *picture,
                                      const char          *mime_type);

G_END_DECLS
