/* jm-atomic-file.h: replacing a file so that it is never half written
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The temporary files of a save are named ".NAME.PID.XXXXXX.jm-save". */
#define JM_ATOMIC_FILE_TEMP_SUFFIX ".jm-save"

/* Writes the new contents to @fd; FALSE with @error set stops the save. */
typedef gboolean (*JmAtomicFileWriteFunc) (int       fd,
                                           gpointer  user_data,
                                           GError  **error);

gboolean jm_atomic_file_write         (const char             *path,
                                       const char             *display_name,
                                       JmAtomicFileWriteFunc   write_func,
                                       gpointer                user_data,
                                       GCancellable           *cancellable,
                                       GError                **error);
char    *jm_atomic_file_resolve_links (const char             *path,
                                       int                    *saved_errno);
gboolean jm_atomic_file_set_error     (GError                **error,
                                       const char             *display_name,
                                       int                     saved_errno);

G_END_DECLS
