/* jm-fault-shim.c: makes file system calls fail on demand, for tests
 *
 * Loaded with LD_PRELOAD, it wraps open/openat, write, fsync and rename.
 * Environment variables choose what fails:
 *
 *   JM_FAULT_OPS    calls to fail, comma separated: open, write, fsync,
 *                   rename (default: none, so the shim does nothing)
 *   JM_FAULT_PATH   fnmatch() pattern: only calls on matching paths count
 *                   (for write and fsync, the path the descriptor was opened
 *                   with); default: every path
 *   JM_FAULT_AFTER  number of matching calls that succeed before the first
 *                   failure (default 0)
 *   JM_FAULT_COUNT  number of calls that fail after that (default: all)
 *   JM_FAULT_ERRNO  ENOSPC, EIO, EACCES, EROFS, EDQUOT or a number
 *                   (default ENOSPC)
 *
 * A failing write can also be short: with JM_FAULT_SHORT=1 the failing
 * write first writes half of its buffer, as a filling disk does.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* Both the plain and the 64-bit names are wrapped, each on its own. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum {
  OP_OPEN   = 1 << 0,
  OP_WRITE  = 1 << 1,
  OP_FSYNC  = 1 << 2,
  OP_RENAME = 1 << 3,
};

static int configured;
static int ops;
static const char *pattern;
static long after;
static long count = -1;
static int fault_errno = ENOSPC;
static int short_writes;
static long seen;
static long failed;

static void
configure (void)
{
  const char *value;

  if (configured)
    return;
  configured = 1;

  value = getenv ("JM_FAULT_OPS");
  if (value != NULL)
    {
      if (strstr (value, "open") != NULL)
        ops |= OP_OPEN;
      if (strstr (value, "write") != NULL)
        ops |= OP_WRITE;
      if (strstr (value, "fsync") != NULL)
        ops |= OP_FSYNC;
      if (strstr (value, "rename") != NULL)
        ops |= OP_RENAME;
    }
  pattern = getenv ("JM_FAULT_PATH");
  value = getenv ("JM_FAULT_AFTER");
  if (value != NULL)
    after = strtol (value, NULL, 10);
  value = getenv ("JM_FAULT_COUNT");
  if (value != NULL)
    count = strtol (value, NULL, 10);
  value = getenv ("JM_FAULT_SHORT");
  short_writes = value != NULL && strcmp (value, "1") == 0;
  value = getenv ("JM_FAULT_ERRNO");
  if (value != NULL)
    {
      if (strcmp (value, "ENOSPC") == 0)
        fault_errno = ENOSPC;
      else if (strcmp (value, "EIO") == 0)
        fault_errno = EIO;
      else if (strcmp (value, "EACCES") == 0)
        fault_errno = EACCES;
      else if (strcmp (value, "EROFS") == 0)
        fault_errno = EROFS;
      else if (strcmp (value, "EDQUOT") == 0)
        fault_errno = EDQUOT;
      else
        fault_errno = (int) strtol (value, NULL, 10);
    }
}

static int
path_matches (const char *path)
{
  return pattern == NULL || (path != NULL && fnmatch (pattern, path, 0) == 0);
}

static int
fd_matches (int fd)
{
  char link[64];
  char path[PATH_MAX];
  ssize_t n;

  if (pattern == NULL)
    return 1;
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, sizeof path - 1);
  if (n < 0)
    return 0;
  path[n] = '\0';
  return fnmatch (pattern, path, 0) == 0;
}

/* Whether this matching call is one that fails. */
static int
should_fail (int op,
             int matches)
{
  configure ();
  if (!(ops & op) || !matches)
    return 0;
  seen++;
  if (seen <= after)
    return 0;
  if (count >= 0 && failed >= count)
    return 0;
  failed++;
  return 1;
}

#define REAL(name) \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

static int
wants_mode (int flags)
{
  return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE;
}

int
open (const char *path,
      int         flags,
      ...)
{
  mode_t mode = 0;
  REAL (open);

  if (wants_mode (flags))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }
  configure ();
  if ((ops & OP_OPEN) && should_fail (OP_OPEN, path_matches (path)))
    {
      errno = fault_errno;
      return -1;
    }
  return real_open (path, flags, mode);
}

int
open64 (const char *path,
        int         flags,
        ...)
{
  mode_t mode = 0;
  REAL (open64);

  if (wants_mode (flags))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }
  configure ();
  if ((ops & OP_OPEN) && should_fail (OP_OPEN, path_matches (path)))
    {
      errno = fault_errno;
      return -1;
    }
  return real_open64 (path, flags, mode);
}

int
openat (int         dir_fd,
        const char *path,
        int         flags,
        ...)
{
  mode_t mode = 0;
  REAL (openat);

  if (wants_mode (flags))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }
  configure ();
  if ((ops & OP_OPEN) && should_fail (OP_OPEN, path_matches (path)))
    {
      errno = fault_errno;
      return -1;
    }
  return real_openat (dir_fd, path, flags, mode);
}

int
openat64 (int         dir_fd,
          const char *path,
          int         flags,
          ...)
{
  mode_t mode = 0;
  REAL (openat64);

  if (wants_mode (flags))
    {
      va_list args;

      va_start (args, flags);
      mode = va_arg (args, mode_t);
      va_end (args);
    }
  configure ();
  if ((ops & OP_OPEN) && should_fail (OP_OPEN, path_matches (path)))
    {
      errno = fault_errno;
      return -1;
    }
  return real_openat64 (dir_fd, path, flags, mode);
}

ssize_t
write (int         fd,
       const void *buffer,
       size_t      length)
{
  REAL (write);

  configure ();
  if ((ops & OP_WRITE) && should_fail (OP_WRITE, fd_matches (fd)))
    {
      if (short_writes && length > 1)
        return real_write (fd, buffer, length / 2);
      errno = fault_errno;
      return -1;
    }
  return real_write (fd, buffer, length);
}

int
fsync (int fd)
{
  REAL (fsync);

  configure ();
  if ((ops & OP_FSYNC) && should_fail (OP_FSYNC, fd_matches (fd)))
    {
      errno = fault_errno;
      return -1;
    }
  return real_fsync (fd);
}

int
rename (const char *from,
        const char *to)
{
  REAL (rename);

  configure ();
  if ((ops & OP_RENAME) && should_fail (OP_RENAME, path_matches (from) || path_matches (to)))
    {
      errno = fault_errno;
      return -1;
    }
  return real_rename (from, to);
}
