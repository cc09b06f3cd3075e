/* jm-file.h: reading and writing .journey files
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_FILE_ERROR (jm_file_error_quark ())

typedef enum {
  JM_FILE_ERROR_TOO_LARGE,      /* over JM_FILE_MAX_SIZE */
  JM_FILE_ERROR_NOT_XML,        /* binary data, compressed data, empty */
  JM_FILE_ERROR_SYNTAX,         /* malformed XML */
  JM_FILE_ERROR_FORBIDDEN,      /* DOCTYPE, entities, pathological structure */
  JM_FILE_ERROR_NOT_A_MAP,      /* XML, but not a journey map */
  JM_FILE_ERROR_NEWER_VERSION,  /* made by a newer version of the app */
  JM_FILE_ERROR_INVALID,        /* a map that breaks the schema or its own references */
} JmFileError;

#define JM_FILE_MAX_SIZE (64 * 1024 * 1024)
#define JM_FILE_MIME_TYPE "application/x-journey-map+xml"
#define JM_FILE_NAMESPACE "https://journeymapper.github.io/ns/journey/1"

typedef enum {
  JM_FILE_LOAD_DEFAULT = 0,
  /* Also validate with libxml2's RELAX NG validator. The reader's own
   * checks enforce the same rules in linear time and decide every load;
   * the validator, slower and quadratic in sibling elements, is a second
   * opinion for --check --strict and the tests. */
  JM_FILE_LOAD_STRICT  = 1 << 0,
} JmFileLoadFlags;

GQuark   jm_file_error_quark  (void);

/* Every error message of a load reads "NAME:LINE:COLUMN: what is wrong",
 * NAME being @display_name (or the file's base name), so that the command
 * line and dialogs show it as it is. Save errors read
 * "Could not save “NAME”: the reason".
 *
 * Content of other namespaces found in a file is kept on the model objects
 * it belongs to (the map, a stage, a persona, a touchpoint) as object data,
 * and written back by the next save, also after edits. The model does not
 * know about it: an object copied field by field (say, a duplicated card)
 * does not carry it, which is what a copy should do. */
JmMap   *jm_file_load_bytes   (GBytes              *contents,
                               const char          *display_name,
                               GError             **error);
JmMap   *jm_file_load         (GFile               *file,
                               GCancellable        *cancellable,
                               GError             **error);
JmMap   *jm_file_load_full    (GFile               *file,
                               const char          *display_name,
                               JmFileLoadFlags      flags,
                               GCancellable        *cancellable,
                               GError             **error);
void     jm_file_load_async   (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
JmMap   *jm_file_load_finish  (GAsyncResult        *result,
                               GError             **error);

gboolean jm_file_is_from_newer_version (GFile        *file,
                                        GCancellable *cancellable);

GBytes  *jm_file_write_bytes  (JmMap               *map);
gboolean jm_file_save         (JmMap               *map,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GError             **error);
void     jm_file_save_async   (JmMap               *map,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
gboolean jm_file_save_finish  (GAsyncResult        *result,
                               GError             **error);

G_END_DECLS
