/* jm-file.c: opening and saving .journey files
 *
 * Opening reads the bytes after a size check and hands them to the reader;
 * saving writes a temporary file next to the target, makes it durable and
 * renames it over the target, so that the file on disk is always either the
 * old map or the new one, whatever happens during the save.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file"
/* sync_file_range(), to start writing a save out while it is made. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jm-atomic-file.h"
#include "jm-file-private.h"

G_DEFINE_QUARK (jm-file-error-quark, jm_file_error)

/**
 * jm_file_load_bytes:
 * @contents: the bytes of a .journey file
 * @display_name: the name to show in error messages
 *
 * Builds a map from the bytes of a file. On any problem, returns %NULL and
 * an error whose message reads "NAME:LINE:COLUMN: what is wrong". The map's
 * history is empty and it is not modified.
 *
 * Returns: (transfer full) (nullable): the map
 */
JmMap *
jm_file_load_bytes (GBytes      *contents,
                    const char  *display_name,
                    GError     **error)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (contents, &length);
  return _jm_file_read (data != NULL ? data : "", length, display_name, JM_FILE_LOAD_DEFAULT,
                        NULL, NULL, error);
}

static void
set_io_error (GError     **error,
              const char  *display_name,
              GError      *cause)
{
  const char *reason;

  switch (cause->code)
    {
    case G_IO_ERROR_NOT_FOUND: reason = _("the file does not exist"); break;
    case G_IO_ERROR_PERMISSION_DENIED: reason = _("you do not have permission to read the file"); break;
    case G_IO_ERROR_IS_DIRECTORY: reason = _("this is a folder, not a file"); break;
    default: reason = cause->message; break;
    }
  g_set_error (error, cause->domain, cause->code, "%s:1:1: %s", display_name, reason);
}

/* Reads at most @limit + 1 bytes, so that a file that grew past the cap
 * after the size check is still caught. */
static char *
read_contents (GFile         *file,
               const char    *display_name,
               gsize          limit,
               gboolean       allow_partial,
               gsize         *length,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  goffset size;
  gsize capacity;
  gsize n_read = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_io_error (error, display_name, local_error);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s:1:1: %s",
                   display_name, _("this is a folder, not a file"));
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size > (goffset) limit && !allow_partial)
    {
      _jm_file_set_too_large (error, display_name, size);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (error, display_name, local_error);
      return NULL;
    }

  capacity = MIN ((gsize) MAX (size, 0), limit) + 1;
  buffer = g_malloc (capacity);
  while (n_read < capacity)
    {
      gsize chunk = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer + n_read, capacity - n_read,
                                    &chunk, cancellable, &local_error))
        {
          set_io_error (error, display_name, local_error);
          return NULL;
        }
      if (chunk == 0)
        break;
      n_read += chunk;
      if (n_read == capacity && capacity <= limit)
        {
          /* The file grew since it was measured. */
          capacity = MIN (capacity * 2, limit + 1);
          buffer = g_realloc (buffer, capacity);
        }
    }

  if (n_read > limit)
    {
      if (allow_partial)
        {
          n_read = limit;
        }
      else
        {
          _jm_file_set_too_large (error, display_name, n_read);
          return NULL;
        }
    }

  *length = n_read;
  return g_steal_pointer (&buffer);
}

/* The file's name as the user knows it: for a name that is not UTF-8,
 * what a file manager shows, never an escaped URI. */
static char *
default_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);
  basename = g_file_get_basename (file);
  if (basename != NULL && g_utf8_validate (basename, -1, NULL))
    return g_steal_pointer (&basename);
  return g_file_get_parse_name (file);
}

/**
 * jm_file_load_full:
 * @file: a .journey file
 * @display_name: (nullable): the name to show in error messages; %NULL for
 *   the file's base name
 * @flags: %JM_FILE_LOAD_STRICT to also validate with libxml2's RELAX NG
 *   validator
 *
 * Returns: (transfer full) (nullable): the map
 */
JmMap *
jm_file_load_full (GFile            *file,
                   const char       *display_name,
                   JmFileLoadFlags   flags,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name != NULL ? g_strdup (display_name) : default_display_name (file);
  data = read_contents (file, name, JM_FILE_MAX_SIZE, FALSE, &length, cancellable, error);
  if (data == NULL)
    return NULL;
  return _jm_file_read (data, length, name, flags & JM_FILE_LOAD_STRICT, cancellable, NULL, error);
}

/**
 * jm_file_load:
 * @file: a .journey file
 *
 * Reads and loads a map; error messages name the file by its base name.
 *
 * Returns: (transfer full) (nullable): the map
 */
JmMap *
jm_file_load (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  return jm_file_load_full (file, NULL, JM_FILE_LOAD_DEFAULT, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  JmMap *map = jm_file_load (task_data, cancellable, &error);

  if (map == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, map, g_object_unref);
}

/**
 * jm_file_load_async:
 *
 * Loads a map in a worker thread; the map is handed over to the caller's
 * thread in jm_file_load_finish(). @callback's source object is @file.
 */
void
jm_file_load_async (GFile               *file,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  _jm_file_init ();
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, jm_file_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * jm_file_load_finish:
 *
 * Returns: (transfer full) (nullable): the map
 */
JmMap *
jm_file_load_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jm_file_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * jm_file_is_from_newer_version:
 * @file: a file
 *
 * Tells whether @file holds a map of a newer major version of the format,
 * which this version must neither open nor overwrite. The loader's own
 * check decides, as far as the root element, wherever that is in the file.
 *
 * Returns: %TRUE if the file is a map made by a newer version
 */
gboolean
jm_file_is_from_newer_version (GFile        *file,
                               GCancellable *cancellable)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean newer = FALSE;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The whole file: a comment or a DOCTYPE can push the root element
   * anywhere. The loader's pre-scan stops at the root. */
  data = read_contents (file, "", JM_FILE_MAX_SIZE, TRUE, &length, cancellable, NULL);
  if (data == NULL || length == 0)
    return FALSE;
  _jm_file_read (data, length, "", JM_FILE_LOAD_PEEK, cancellable, &newer, NULL);
  return newer;
}

/* Saving */

static gboolean
target_is_newer (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return jm_file_is_from_newer_version (file, NULL);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length,
           int          *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, 1024 * 1024));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  const char   *display_name;
} BytesWrite;

static gboolean
write_bytes_cb (int       fd,
                gpointer  user_data,
                GError  **error)
{
  BytesWrite *bytes = user_data;
  int saved_errno = 0;

  if (!write_all (fd, bytes->data, bytes->length, &saved_errno))
    return jm_atomic_file_set_error (error, bytes->display_name, saved_errno);
  return TRUE;
}

static gboolean
save_to_path (const char             *path,
              const char             *display_name,
              JmAtomicFileWriteFunc   write_func,
              gpointer                user_data,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autofree char *target = NULL;
  int saved_errno = 0;

  /* A map of a newer format holds what this version cannot write back. */
  target = jm_atomic_file_resolve_links (path, &saved_errno);
  if (target != NULL && g_file_test (target, G_FILE_TEST_IS_REGULAR) && target_is_newer (target))
    {
      g_set_error (error, JM_FILE_ERROR, JM_FILE_ERROR_NEWER_VERSION,
                   _("Could not save “%s”: the file there was made by a newer version of "
                     "Journey Mapper, and saving over it would lose its contents"),
                   display_name);
      return FALSE;
    }
  return jm_atomic_file_write (path, display_name, write_func, user_data, cancellable, error);
}

typedef struct
{
  int         fd;
  off_t       offset;
  const char *display_name;
} StreamWrite;

/* Each piece of a map streamed to its file is handed to the disk at once,
 * so that the flush at the end of the save has little left to wait for. */
static gboolean
stream_sink (const char  *data,
             gsize        length,
             gpointer     user_data,
             GError     **error)
{
  StreamWrite *stream = user_data;
  int saved_errno = 0;

  if (!write_all (stream->fd, (const guint8 *) data, length, &saved_errno))
    return jm_atomic_file_set_error (error, stream->display_name, saved_errno);
#ifdef SYNC_FILE_RANGE_WRITE
  sync_file_range (stream->fd, stream->offset, (off_t) length, SYNC_FILE_RANGE_WRITE);
#endif
  stream->offset += (off_t) length;
  return TRUE;
}

typedef struct
{
  JmMap      *map;
  const char *display_name;
} MapWrite;

static gboolean
write_map_cb (int       fd,
              gpointer  user_data,
              GError  **error)
{
  MapWrite *write = user_data;
  StreamWrite stream = { fd, 0, write->display_name };

  return _jm_file_write_to_sink (write->map, stream_sink, &stream, error);
}

static gboolean
save_bytes (GFile         *file,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *display_name = default_display_name (file);
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    {
      BytesWrite contents;

      contents.data = g_bytes_get_data (bytes, &contents.length);
      contents.display_name = display_name;
      return save_to_path (path, display_name, write_bytes_cb, &contents, cancellable, error);
    }

  /* Not a local file: GIO's replace is the best this location offers. */
  {
    g_autoptr(GError) local_error = NULL;

    if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
      {
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not save “%s”: %s"), display_name, local_error->message);
        return FALSE;
      }
  }
  return TRUE;
}

gboolean
_jm_file_save_bytes (GFile         *file,
                     GBytes        *bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  return save_bytes (file, bytes, cancellable, error);
}

/**
 * jm_file_save:
 * @map: a map
 * @file: where to save it
 *
 * Saves @map atomically: the file is either its old contents or the new
 * map, never a mixture, even if the process dies during the save. A symbolic
 * link stays a link to the saved file. The map's history is left alone. A
 * file made by a newer major version of the format is never overwritten
 * (%JM_FILE_ERROR_NEWER_VERSION).
 *
 * Returns: %TRUE on success; otherwise @error says "Could not save “NAME”:
 *   the reason"
 */
gboolean
jm_file_save (JmMap         *map,
              GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A local file is written while the map's bytes are made. */
  path = g_file_get_path (file);
  if (path != NULL)
    {
      g_autofree char *display_name = default_display_name (file);
      MapWrite write = { map, display_name };

      return save_to_path (path, display_name, write_map_cb, &write, cancellable, error);
    }

  bytes = jm_file_write_bytes (map);
  return save_bytes (file, bytes, cancellable, error);
}

typedef struct
{
  GFile  *file;
  GBytes *bytes;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_object_unref (save->file);
  g_bytes_unref (save->bytes);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (save_bytes (save->file, save->bytes, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * jm_file_save_async:
 *
 * Writes the map's bytes at once, in the caller's thread (the model is not
 * shared with threads), then saves them in a worker thread.
 */
void
jm_file_save_async (JmMap               *map,
                    GFile               *file,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (G_IS_FILE (file));

  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->bytes = jm_file_write_bytes (map);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jm_file_save_async);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * jm_file_save_finish:
 *
 * Returns: %TRUE if the map was saved; otherwise @error says why, as
 *   jm_file_save() does
 */
gboolean
jm_file_save_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jm_file_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
