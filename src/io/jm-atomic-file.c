/* jm-atomic-file.c: replacing a file so that it is never half written
 *
 * A temporary file beside the target is written, flushed and renamed over
 * it, and the folder flushed: the file on disk is always either the old
 * contents or the new ones, whatever happens during the save. Saving a map
 * and exporting one both replace files this way.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jm-atomic-file.h"

static const char *
errno_reason (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC: return _("the disk is full");
#ifdef EDQUOT
    case EDQUOT: return _("the disk quota is used up");
#endif
    case EACCES:
    case EPERM: return _("you do not have permission to write in that folder");
    case EROFS: return _("the disk is read-only");
    case ENOENT: return _("the folder does not exist");
    case ENOTDIR: return _("a part of the path is not a folder");
    case EISDIR: return _("a folder has that name");
    case EIO: return _("the disk reported an error");
    case EFBIG: return _("the file is too large for this disk");
    case ELOOP: return _("the path has a loop of symbolic links");
    case ENAMETOOLONG: return _("the name is too long");
    default: return g_strerror (saved_errno);
    }
}

/**
 * jm_atomic_file_set_error:
 * @error: return location for an error
 * @display_name: the name messages give the file
 * @saved_errno: the errno of the failed call
 *
 * Sets @error to "Could not save “NAME”: the reason", the reason in words a
 * person understands (a full disk, a read-only disk...).
 *
 * Returns: %FALSE, to be returned by the caller
 */
gboolean
jm_atomic_file_set_error (GError     **error,
                          const char  *display_name,
                          int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s"), display_name, errno_reason (saved_errno));
  return FALSE;
}

/**
 * jm_atomic_file_resolve_links:
 * @path: a path
 * @saved_errno: (out): set to ELOOP when the links go round in a loop
 *
 * Follows symbolic links, so that a save replaces what the link points to
 * and the link stays a link.
 *
 * Returns: (transfer full) (nullable): the path of the file itself
 */
char *
jm_atomic_file_resolve_links (const char *path,
                              int        *saved_errno)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = NULL;
      struct stat st;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, &error);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          char *joined = g_build_filename (dir, target, NULL);

          g_free (target);
          target = joined;
        }
      g_free (current);
      current = g_steal_pointer (&target);
    }

  *saved_errno = ELOOP;
  return NULL;
}

/* A save killed between creating its temporary file and renaming it leaves
 * the temporary file behind. Each is named after the process that made it;
 * those whose process is gone are removed by the next save. */
static void
remove_stale_temporaries (const char *dir,
                          const char *basename)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", basename);
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      const char *pid_text;
      char *end = NULL;
      guint64 pid;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, JM_ATOMIC_FILE_TEMP_SUFFIX))
        continue;
      pid_text = name + strlen (prefix);
      pid = g_ascii_strtoull (pid_text, &end, 10);
      if (end == pid_text || *end != '.' || pid == 0 || pid > G_MAXINT)
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    }
}

/**
 * jm_atomic_file_write:
 * @path: the file to replace; a symbolic link is followed and kept
 * @display_name: the name messages give the file
 * @write_func: writes the new contents to the file descriptor it is given
 * @user_data: data for @write
 *
 * The one way this app replaces a user's file: a temporary file beside it
 * with the old file's mode and owner, written, flushed, renamed over the
 * target, and the folder flushed; on any failure or cancellation the
 * temporary goes and the target is untouched. An error from @write_func is
 * passed on as it is.
 */
gboolean
jm_atomic_file_write (const char             *path,
                      const char             *display_name,
                      JmAtomicFileWriteFunc   write_func,
                      gpointer                user_data,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GError) write_error = NULL;
  struct stat st;
  gboolean exists;
  int saved_errno = 0;
  int fd;
  int dir_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);

  target = jm_atomic_file_resolve_links (path, &saved_errno);
  if (target == NULL)
    return jm_atomic_file_set_error (error, display_name, saved_errno);

  dir = g_path_get_dirname (target);
  basename = g_path_get_basename (target);

  exists = stat (target, &st) == 0;
  if (!exists && errno != ENOENT)
    return jm_atomic_file_set_error (error, display_name, errno);
  if (exists && !S_ISREG (st.st_mode))
    return jm_atomic_file_set_error (error, display_name, S_ISDIR (st.st_mode) ? EISDIR : EINVAL);

  remove_stale_temporaries (dir, basename);

  temp = g_strdup_printf ("%s/.%s.%d.XXXXXX" JM_ATOMIC_FILE_TEMP_SUFFIX, dir, basename, (int) getpid ());
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return jm_atomic_file_set_error (error, display_name, errno);

  /* The new file keeps the old one's permissions and, where allowed, owner. */
  if (exists)
    {
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("The saved file keeps our owner: %s", g_strerror (errno));
      if (fchmod (fd, st.st_mode & 07777) != 0)
        saved_errno = errno;
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      if (fchmod (fd, 0666 & ~mask) != 0)
        saved_errno = errno;
    }

  if (saved_errno == 0 && !write_func (fd, user_data, &write_error))
    saved_errno = -1;
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_cancellable_is_cancelled (cancellable))
    saved_errno = ECANCELED;
  if (saved_errno == 0 && rename (temp, target) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (temp);
      if (write_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&write_error));
          return FALSE;
        }
      if (saved_errno == ECANCELED)
        return !g_cancellable_set_error_if_cancelled (cancellable, error);
      return jm_atomic_file_set_error (error, display_name, saved_errno);
    }

  /* The rename is durable once the folder is. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}
