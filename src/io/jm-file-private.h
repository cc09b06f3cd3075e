/* jm-file-private.h: what the reader, the writer and the saver share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-file.h"

G_BEGIN_DECLS

/* Content of other namespaces that a map file carried, kept on the model
 * object that owns the element it was found in (the map, a stage, a persona
 * or a touchpoint) under the object data key JM_FOREIGN_KEY. The model never
 * looks at it; the writer puts it back where it came from.
 *
 * A slot names one element of that object: "journey", "stages", "title",
 * "goals", "scores"... For items of a list (a goal, a team, a link) the slot
 * is "goals:TEXT", "team:TEXT", "link:ID", so that an item's attributes follow
 * the item when the list is edited, and go away with it. */
#define JM_FOREIGN_KEY "jm-file-foreign"

typedef struct
{
  char *uri;
  char *prefix;
  char *local;
  char *value;
} JmForeignAttr;

typedef struct
{
  GPtrArray *attrs;      /* of JmForeignAttr */
  GPtrArray *elements;   /* of char *: serialised elements, each self-contained */
} JmForeignSlot;

typedef struct
{
  GHashTable *slots;     /* slot name -> JmForeignSlot */
} JmForeign;

JmForeign     *_jm_foreign_get        (gpointer     object);
JmForeign     *_jm_foreign_ensure     (gpointer     object);
JmForeignSlot *_jm_foreign_lookup     (gpointer     object,
                                       const char  *slot);
JmForeignSlot *_jm_foreign_ensure_slot (gpointer    object,
                                       const char  *slot);
void           _jm_foreign_slot_add_attr (JmForeignSlot *slot,
                                          const char    *uri,
                                          const char    *prefix,
                                          const char    *local,
                                          const char    *value);

/* Only read as far as the root element to learn the format version. */
#define JM_FILE_LOAD_PEEK ((JmFileLoadFlags) (1 << 8))
/* Own checks only, even with JM_FILE_LOAD_STRICT, to compare them with the
 * schema in tests. */
#define JM_FILE_LOAD_SKIP_SCHEMA ((JmFileLoadFlags) (1 << 9))

void     _jm_file_init   (void);
JmMap   *_jm_file_read   (const char      *data,
                          gsize            length,
                          const char      *display_name,
                          JmFileLoadFlags  flags,
                          GCancellable    *cancellable,
                          gboolean        *newer_version,
                          GError         **error);

gboolean _jm_file_validate_schema (const char  *data,
                                   gsize        length,
                                   const char  *display_name,
                                   GError     **error);

void     _jm_file_set_error (GError     **error,
                             int          code,
                             const char  *display_name,
                             int          line,
                             int          column,
                             const char  *format,
                             ...) G_GNUC_PRINTF (6, 7);

void     _jm_file_set_too_large (GError     **error,
                                 const char  *display_name,
                                 guint64      size);

/* Character escaping shared with the writer. */
void     _jm_xml_escape_text (GString    *out,
                              const char *text,
                              gboolean    attribute);

/* Takes the bytes of a file being written, in order; FALSE with @error
 * set stops the writing. */
typedef gboolean (*JmFileSink) (const char  *data,
                                gsize        length,
                                gpointer     user_data,
                                GError     **error);

gboolean _jm_file_write_to_sink (JmMap       *map,
                                 JmFileSink   sink,
                                 gpointer     user_data,
                                 GError     **error);

/* Saves @bytes to @file the way jm_file_save() saves a map: atomically,
 * durably, leaving the old file untouched on error. */
gboolean       _jm_file_save_bytes    (GFile         *file,
                                       GBytes        *bytes,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
