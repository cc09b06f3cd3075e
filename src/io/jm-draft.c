/* jm-draft.c: drafts of open maps, to recover work after a crash
 *
 * Every open map has a draft: a copy written to the user's data folder a few
 * seconds after the last change, never next to (or over) the user's own
 * file. A draft named ID is three files in the drafts folder:
 *
 *   ID.lock      held with flock() by the process that owns the draft, so
 *                that a running instance never offers another live
 *                instance's drafts for recovery;
 *   ID.0.draft   two generations, written alternately with the saver's
 *   ID.1.draft   atomic method; the one with the higher sequence number is
 *                the newest, and if it is damaged the other one is used.
 *
 * A generation is a short header (format line, then "key=value" lines up to
 * an empty line) followed by the map as a .journey file. The header records
 * the sequence number, when the draft was written, the map's title, the
 * original file's URI and the version of that file the work started from
 * (device, inode, size and time: a save by rename changes the inode), and
 * the length and SHA-256 of the map, which is how a damaged generation is
 * told from a good one.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-draft"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file-private.h"

#define DRAFT_MAGIC "JourneyMapperDraft 1\n"
#define LOCK_SUFFIX ".lock"
#define DRAFT_SUFFIX ".draft"
#define N_GENERATIONS 2

struct _JmDraft
{
  GObject    parent_instance;

  char      *dir;
  char      *id;
  int        lock_fd;
  guint64    sequence;       /* of the newest generation on disk, 0 if none */

  JmMap     *map;
  GFile     *file;
  gulong     changed_id;
  guint      interval_ms;
  guint      timeout_id;
  gboolean   pending;        /* changes not in a draft yet */
  char      *base;           /* the file's stamp when opened or last saved */
  guint64    changes;        /* history changes seen */
  guint64    save_changes;   /* ... when the save in progress began */
  gboolean   saving;
};

G_DEFINE_FINAL_TYPE (JmDraft, jm_draft, G_TYPE_OBJECT)

enum {
  SIGNAL_WRITTEN,
  SIGNAL_WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint64    sequence;
  gint64     written;        /* microseconds since the epoch */
  char      *uri;
  char      *title;
  char      *base;           /* the file's stamp the work started from */
  GBytes    *contents;
} Generation;

static void
generation_clear (Generation *generation)
{
  g_clear_pointer (&generation->uri, g_free);
  g_clear_pointer (&generation->title, g_free);
  g_clear_pointer (&generation->base, g_free);
  g_clear_pointer (&generation->contents, g_bytes_unref);
}

/**
 * jm_draft_info_free:
 * @info: (transfer full): what jm_draft_list_recoverable() found
 */
void
jm_draft_info_free (JmDraftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->uri);
  g_free (info->title);
  g_clear_pointer (&info->written, g_date_time_unref);
  g_free (info);
}

/**
 * jm_draft_default_dir:
 *
 * Returns: (transfer full): the drafts folder in the user's data folder
 *   (which follows `XDG_DATA_HOME`)
 */
char *
jm_draft_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "journey-mapper", "drafts", NULL);
}

/**
 * jm_draft_default_interval:
 *
 * Returns: the seconds between the last change and its draft, unless the
 *   draft is told otherwise (the session sets the user's choice on each
 *   document): %JM_DRAFT_DEFAULT_INTERVAL
 */
guint
jm_draft_default_interval (void)
{
  return JM_DRAFT_DEFAULT_INTERVAL;
}

static char *
generation_path (const char *dir,
                 const char *id,
                 guint       slot)
{
  g_autofree char *name = g_strdup_printf ("%s.%u" DRAFT_SUFFIX, id, slot);

  return g_build_filename (dir, name, NULL);
}

static char *
lock_path (const char *dir,
           const char *id)
{
  g_autofree char *name = g_strconcat (id, LOCK_SUFFIX, NULL);

  return g_build_filename (dir, name, NULL);
}

/* Reads one generation; FALSE if it is missing or damaged. A damaged one
 * still reports its sequence number when its header says it. */
static gboolean
read_generation (const char *path,
                 Generation *out)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  const char *body;
  const char *end;
  const char *line;
  g_autofree char *checksum = NULL;
  guint64 body_length = G_MAXUINT64;
  gboolean have_sequence = FALSE;

  memset (out, 0, sizeof *out);
  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  if (length < strlen (DRAFT_MAGIC) || memcmp (data, DRAFT_MAGIC, strlen (DRAFT_MAGIC)) != 0)
    return FALSE;

  end = g_strstr_len (data, length, "\n\n");
  if (end == NULL)
    return FALSE;
  body = end + 2;

  line = data + strlen (DRAFT_MAGIC);
  while (line < end + 1)
    {
      const char *nl = memchr (line, '\n', end + 1 - line);
      g_autofree char *text = g_strndup (line, nl - line);
      char *eq = strchr (text, '=');

      line = nl + 1;
      if (eq == NULL)
        continue;
      *eq = '\0';
      if (g_str_equal (text, "sequence"))
        have_sequence = g_ascii_string_to_unsigned (eq + 1, 10, 1, G_MAXUINT64, &out->sequence, NULL);
      else if (g_str_equal (text, "written"))
        out->written = g_ascii_strtoll (eq + 1, NULL, 10) * G_USEC_PER_SEC;
      else if (g_str_equal (text, "written-us"))
        out->written = g_ascii_strtoll (eq + 1, NULL, 10);
      else if (g_str_equal (text, "uri") && eq[1] != '\0')
        {
          g_free (out->uri);
          out->uri = g_strdup (eq + 1);
        }
      else if (g_str_equal (text, "base") && eq[1] != '\0')
        {
          g_free (out->base);
          out->base = g_strdup (eq + 1);
        }
      else if (g_str_equal (text, "title"))
        out->title = g_strcompress (eq + 1);
      else if (g_str_equal (text, "length"))
        g_ascii_string_to_unsigned (eq + 1, 10, 0, G_MAXUINT64, &body_length, NULL);
      else if (g_str_equal (text, "sha256"))
        {
          g_free (checksum);
          checksum = g_strdup (eq + 1);
        }
    }

  if (!have_sequence)
    out->sequence = 0;
  if (!have_sequence || checksum == NULL || body_length != (guint64) (data + length - body))
    return FALSE;
  {
    g_autofree char *actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                           (const guchar *) body, body_length);

    if (!g_str_equal (actual, checksum))
      return FALSE;
  }
  out->contents = g_bytes_new (body, body_length);
  if (out->title == NULL)
    out->title = g_strdup ("");
  return TRUE;
}

/* The newest good generation of draft @id; FALSE if there is none.
 * @max_sequence gets the highest sequence number seen, good or not. */
static gboolean
read_newest (const char *dir,
             const char *id,
             Generation *newest,
             guint64    *max_sequence)
{
  Generation generations[N_GENERATIONS];
  gboolean good[N_GENERATIONS];
  int best = -1;

  if (max_sequence != NULL)
    *max_sequence = 0;
  for (guint slot = 0; slot < N_GENERATIONS; slot++)
    {
      g_autofree char *path = generation_path (dir, id, slot);

      good[slot] = read_generation (path, &generations[slot]);
      if (max_sequence != NULL)
        *max_sequence = MAX (*max_sequence, generations[slot].sequence);
      if (good[slot] && (best < 0 || generations[slot].sequence > generations[best].sequence))
        best = slot;
    }

  for (guint slot = 0; slot < N_GENERATIONS; slot++)
    {
      if ((int) slot == best)
        *newest = generations[slot];
      else
        generation_clear (&generations[slot]);
    }
  return best >= 0;
}

static gboolean
any_generation_exists (const char *dir,
                       const char *id)
{
  for (guint slot = 0; slot < N_GENERATIONS; slot++)
    {
      g_autofree char *path = generation_path (dir, id, slot);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

/* Opens and locks @id's lock file; -1 with errno EWOULDBLOCK if a live
 * process holds it. */
static int
take_lock (const char *dir,
           const char *id)
{
  g_autofree char *path = lock_path (dir, id);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (fd);
      errno = saved_errno;
      return -1;
    }
  return fd;
}

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the drafts folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_local (0);
  GDateTime *time = g_date_time_add (epoch, usec);

  return time != NULL ? time : g_date_time_ref (epoch);
}

/* What identifies a version of a local file: a save by rename gives it a
 * new inode, another program's write a new time or size. NULL if the file
 * is not local or not there. */
static char *
file_stamp (const char *uri)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  struct stat st;

  if (uri == NULL || *uri == '\0')
    return NULL;
  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);
  if (path == NULL || stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ":%"
                          G_GINT64_FORMAT ".%09ld",
                          (guint64) st.st_dev, (guint64) st.st_ino, (gint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* Whether the draft's file changed since the version the draft's work
 * started from: saved just before the app stopped (the draft was not
 * removed yet), or changed by another program. */
static gboolean
file_is_newer (const char *uri,
               const char *base)
{
  g_autofree char *now = NULL;

  if (base == NULL)
    return FALSE;
  now = file_stamp (uri);
  return now != NULL && !g_str_equal (now, base);
}

static int
compare_info (gconstpointer a,
              gconstpointer b)
{
  const JmDraftInfo *info_a = *(const JmDraftInfo **) a;
  const JmDraftInfo *info_b = *(const JmDraftInfo **) b;

  return g_date_time_compare (info_b->written, info_a->written);
}

/**
 * jm_draft_list_recoverable:
 * @dir: (nullable): the drafts folder; %NULL for jm_draft_default_dir()
 *
 * Lists the drafts whose owner is gone (the process that wrote them
 * crashed, was killed or quit without discarding them), newest first.
 * Drafts of running windows, in this process or another, are left out.
 *
 * Returns: (transfer full) (element-type JmDraftInfo): the drafts
 */
GPtrArray *
jm_draft_list_recoverable (const char *dir)
{
  g_autofree char *default_dir = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) jm_draft_info_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) listing = NULL;
  GHashTableIter iter;
  const char *name;
  gpointer key;

  if (dir == NULL)
    dir = default_dir = jm_draft_default_dir ();
  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return g_steal_pointer (&infos);

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      const char *dot = strchr (name, '.');
      g_autofree char *id = NULL;

      if (dot == NULL)
        continue;
      id = g_strndup (name, dot - name);
      if (is_valid_id (id) && (g_str_equal (dot, LOCK_SUFFIX) || g_str_has_suffix (dot, DRAFT_SUFFIX)))
        g_hash_table_add (ids, g_steal_pointer (&id));
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = key;
      Generation newest;
      int fd = take_lock (dir, id);

      if (fd < 0)
        continue;

      if (read_newest (dir, id, &newest, NULL))
        {
          JmDraftInfo *info = g_new0 (JmDraftInfo, 1);

          info->id = g_strdup (id);
          info->uri = g_steal_pointer (&newest.uri);
          info->title = g_steal_pointer (&newest.title);
          info->written = date_time_from_usec (newest.written);
          info->file_is_newer = file_is_newer (info->uri, newest.base);
          g_ptr_array_add (infos, info);
          generation_clear (&newest);
        }
      else if (!any_generation_exists (dir, id))
        {
          /* A lock left by an owner that had nothing to keep. */
          g_autofree char *path = lock_path (dir, id);

          g_unlink (path);
        }
      close (fd);
    }

  g_ptr_array_sort (infos, compare_info);
  return g_steal_pointer (&infos);
}

static JmDraft *
draft_new (const char *dir,
           const char *id,
           int         lock_fd)
{
  JmDraft *self = g_object_new (JM_TYPE_DRAFT, NULL);

  self->dir = g_strdup (dir);
  self->id = g_strdup (id);
  self->lock_fd = lock_fd;
  return self;
}

/**
 * jm_draft_new:
 * @dir: (nullable): the drafts folder; %NULL for jm_draft_default_dir()
 *
 * Makes a new, empty draft with a name of its own, owned by this process
 * until it is finalized.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL if the drafts
 *   folder cannot be written
 */
JmDraft *
jm_draft_new (const char  *dir,
              GError     **error)
{
  g_autofree char *default_dir = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = jm_draft_default_dir ();
  if (!ensure_dir (dir, error))
    return NULL;

  for (guint attempt = 0; attempt < 16; attempt++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *id = g_strdup_printf ("%s-%08x", stamp, g_random_int ());
      g_autofree char *path = lock_path (dir, id);
      int fd;

      if (any_generation_exists (dir, id))
        continue;
      fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST)
        continue;
      if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          if (fd >= 0)
            close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not make a draft in “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
      return draft_new (dir, id, fd);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Could not make a draft in “%s”: %s"), dir, g_strerror (EEXIST));
  return NULL;
}

/**
 * jm_draft_claim:
 * @dir: (nullable): the drafts folder; %NULL for jm_draft_default_dir()
 * @id: a draft's id, from jm_draft_list_recoverable()
 *
 * Takes over a draft whose owner is gone, to recover it with
 * jm_draft_load() and to keep writing it from now on.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL if another
 *   process owns it or it is gone
 */
JmDraft *
jm_draft_claim (const char  *dir,
                const char  *id,
                GError     **error)
{
  g_autofree char *default_dir = NULL;
  JmDraft *self;
  Generation newest;
  guint64 max_sequence = 0;
  int fd;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = jm_draft_default_dir ();
  if (!is_valid_id (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the name of a draft"), id);
      return NULL;
    }

  fd = take_lock (dir, id);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EWOULDBLOCK)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                     _("The draft is open in another window"));
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Could not open the draft: %s"), g_strerror (saved_errno));
      return NULL;
    }
  if (!read_newest (dir, id, &newest, &max_sequence))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The draft is gone or damaged"));
      return NULL;
    }
  generation_clear (&newest);

  self = draft_new (dir, id, fd);
  self->sequence = max_sequence;
  return self;
}

/**
 * jm_draft_get_id:
 *
 * Returns: the draft's name in its folder
 */
const char *
jm_draft_get_id (JmDraft *self)
{
  g_return_val_if_fail (JM_IS_DRAFT (self), NULL);

  return self->id;
}

/**
 * jm_draft_set_interval:
 * @milliseconds: the delay between the last change and the draft
 *
 * Overrides jm_draft_default_interval().
 */
void
jm_draft_set_interval (JmDraft *self,
                       guint    milliseconds)
{
  g_return_if_fail (JM_IS_DRAFT (self));

  self->interval_ms = milliseconds;
}

static gboolean
on_timeout (gpointer data)
{
  JmDraft *self = data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!jm_draft_flush (self, &error))
    {
      g_info ("%s", error->message);
      g_signal_emit (self, signals[SIGNAL_WRITE_FAILED], 0, error);
    }
  return G_SOURCE_REMOVE;
}

/* The draft is due one interval after the first change it does not hold
 * yet: steady editing still gets a draft every interval. */
static void
on_history_changed (JmDraft *self)
{
  self->changes++;
  self->pending = TRUE;
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->interval_ms, on_timeout, self);
}

static void
update_base (JmDraft *self)
{
  g_autofree char *uri = self->file != NULL ? g_file_get_uri (self->file) : NULL;

  g_free (self->base);
  self->base = file_stamp (uri);
}

static void
unwatch (JmDraft *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->map != NULL)
    g_clear_signal_handler (&self->changed_id, jm_map_get_history (self->map));
  g_clear_object (&self->map);
}

/**
 * jm_draft_watch:
 * @map: (nullable): the map to keep a draft of, or %NULL to stop
 * @file: (nullable): where the map is saved, if anywhere
 *
 * Writes a draft of @map a moment after it changes: one interval (of
 * jm_draft_set_interval(), by default jm_draft_default_interval()) after
 * the first change that no draft holds. If @map is already modified, its
 * first draft is due after the interval, too.
 */
void
jm_draft_watch (JmDraft *self,
                JmMap   *map,
                GFile   *file)
{
  g_return_if_fail (JM_IS_DRAFT (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  unwatch (self);
  self->pending = FALSE;
  g_set_object (&self->file, file);
  update_base (self);
  if (map == NULL)
    return;

  self->map = g_object_ref (map);
  self->changed_id = g_signal_connect_swapped (jm_map_get_history (map), "changed",
                                               G_CALLBACK (on_history_changed), self);
  if (jm_map_get_modified (map))
    on_history_changed (self);
}

/**
 * jm_draft_set_file:
 * @file: (nullable): where the map is now saved
 *
 * Records the map's file after a Save As, for the next draft.
 */
void
jm_draft_set_file (JmDraft *self,
                   GFile   *file)
{
  g_return_if_fail (JM_IS_DRAFT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
}

/**
 * jm_draft_is_pending:
 *
 * Returns: %TRUE if the map has changes no draft holds yet
 */
gboolean
jm_draft_is_pending (JmDraft *self)
{
  g_return_val_if_fail (JM_IS_DRAFT (self), FALSE);

  return self->pending;
}

/* The older generation goes first: killed in between, what is left is the
 * newest, never an older one that would pass for the newest. */
static void
remove_generations (JmDraft *self)
{
  guint newest = self->sequence % N_GENERATIONS;

  for (guint i = 1; i <= N_GENERATIONS; i++)
    {
      g_autofree char *path = generation_path (self->dir, self->id, (newest + i) % N_GENERATIONS);

      g_unlink (path);
    }
}

/**
 * jm_draft_flush:
 *
 * Writes the draft now if the map has changes no draft holds yet (on focus
 * loss and on quit). A map that is no longer modified (undone back to what
 * its file holds) needs no draft: its draft is removed.
 *
 * Returns: %FALSE if the draft could not be written
 */
gboolean
jm_draft_flush (JmDraft  *self,
                GError  **error)
{
  g_return_val_if_fail (JM_IS_DRAFT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->pending || self->map == NULL)
    return TRUE;
  if (!jm_map_get_modified (self->map))
    {
      remove_generations (self);
      self->pending = FALSE;
      return TRUE;
    }
  return jm_draft_write (self, error);
}

/**
 * jm_draft_write:
 *
 * Writes the map's draft now, as a new generation: the previous one stays
 * until the next write.
 *
 * Returns: %FALSE if the draft could not be written; the previous
 *   generations are then untouched
 */
gboolean
jm_draft_write (JmDraft  *self,
                GError  **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GString) header = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *path = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  const char *data;
  gsize length;
  guint64 sequence;

  g_return_val_if_fail (JM_IS_DRAFT (self), FALSE);
  g_return_val_if_fail (JM_IS_MAP (self->map), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_dir (self->dir, error))
    return FALSE;

  contents = jm_file_write_bytes (self->map);
  data = g_bytes_get_data (contents, &length);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  title = g_strescape (jm_map_get_title (self->map) != NULL ? jm_map_get_title (self->map) : "", NULL);
  uri = self->file != NULL ? g_file_get_uri (self->file) : g_strdup ("");
  sequence = self->sequence + 1;

  header = g_string_new (DRAFT_MAGIC);
  g_string_append_printf (header, "sequence=%" G_GUINT64_FORMAT "\n", sequence);
  g_string_append_printf (header, "written-us=%" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_string_append_printf (header, "uri=%s\n", strchr (uri, '\n') == NULL ? uri : "");
  g_string_append_printf (header, "base=%s\n", self->base != NULL ? self->base : "");
  g_string_append_printf (header, "title=%s\n", title);
  g_string_append_printf (header, "length=%" G_GSIZE_FORMAT "\n", length);
  g_string_append_printf (header, "sha256=%s\n\n", checksum);
  g_string_append_len (header, data, length);
  bytes = g_string_free_to_bytes (g_steal_pointer (&header));

  path = generation_path (self->dir, self->id, sequence % N_GENERATIONS);
  target = g_file_new_for_path (path);
  if (!_jm_file_save_bytes (target, bytes, NULL, error))
    return FALSE;

  self->sequence = sequence;
  self->pending = FALSE;
  g_signal_emit (self, signals[SIGNAL_WRITTEN], 0);
  return TRUE;
}

/**
 * jm_draft_save_started:
 *
 * Tells the draft that a save of its map began (a save in a worker thread
 * writes the map as it was then), so that jm_draft_saved() can tell the
 * changes made during the save.
 */
void
jm_draft_save_started (JmDraft *self)
{
  g_return_if_fail (JM_IS_DRAFT (self));

  self->saving = TRUE;
  self->save_changes = self->changes;
}

/**
 * jm_draft_saved:
 *
 * Tells the draft that its map was saved to its file. If no change came
 * since (since jm_draft_save_started(), if it was called), the file holds
 * all the work and the draft is removed; otherwise the draft stays, and
 * the newer changes get their draft as usual.
 *
 * Returns: %TRUE if the file holds all the work
 */
gboolean
jm_draft_saved (JmDraft *self)
{
  g_return_val_if_fail (JM_IS_DRAFT (self), FALSE);

  update_base (self);
  if (self->saving)
    {
      self->saving = FALSE;
      if (self->changes != self->save_changes)
        return FALSE;
    }
  if (self->map != NULL && jm_map_get_modified (self->map))
    return FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->pending = FALSE;
  remove_generations (self);
  return TRUE;
}

/**
 * jm_draft_discard:
 *
 * Removes the draft for good, when the user chose to throw its work
 * away. The draft stops watching its map.
 */
void
jm_draft_discard (JmDraft *self)
{
  g_return_if_fail (JM_IS_DRAFT (self));

  unwatch (self);
  self->pending = FALSE;
  remove_generations (self);
}

/**
 * jm_draft_has_contents:
 *
 * Returns: %TRUE if a generation of the draft is on disk
 */
gboolean
jm_draft_has_contents (JmDraft *self)
{
  g_return_val_if_fail (JM_IS_DRAFT (self), FALSE);

  return any_generation_exists (self->dir, self->id);
}

/**
 * jm_draft_load:
 * @file: (out) (optional) (nullable) (transfer full): the file the map
 *   came from, if any
 * @written: (out) (optional) (transfer full): when the draft was written
 *
 * Loads the newest good generation of the draft; if the newest one is
 * damaged (or not a map), the one before it.
 *
 * Returns: (transfer full) (nullable): the map, not marked as modified
 */
JmMap *
jm_draft_load (JmDraft     *self,
               GFile      **file,
               GDateTime  **written,
               GError     **error)
{
  Generation generations[N_GENERATIONS];
  guint order[N_GENERATIONS] = { 0, 1 };
  g_autoptr(GError) first_error = NULL;
  JmMap *map = NULL;

  g_return_val_if_fail (JM_IS_DRAFT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint slot = 0; slot < N_GENERATIONS; slot++)
    {
      g_autofree char *path = generation_path (self->dir, self->id, slot);

      if (!read_generation (path, &generations[slot]))
        generation_clear (&generations[slot]);
    }
  if (generations[1].sequence > generations[0].sequence)
    {
      order[0] = 1;
      order[1] = 0;
    }

  for (guint i = 0; i < N_GENERATIONS && map == NULL; i++)
    {
      Generation *generation = &generations[order[i]];
      g_autoptr(GError) local_error = NULL;

      if (generation->contents == NULL)
        continue;
      map = jm_file_load_bytes (generation->contents,
                                *generation->title != '\0' ? generation->title : _("Draft"),
                                &local_error);
      if (map == NULL)
        {
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }
      if (file != NULL)
        *file = generation->uri != NULL ? g_file_new_for_uri (generation->uri) : NULL;
      if (written != NULL)
        *written = date_time_from_usec (generation->written);
    }

  for (guint slot = 0; slot < N_GENERATIONS; slot++)
    generation_clear (&generations[slot]);

  if (map == NULL)
    {
      if (first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The draft is gone or damaged"));
    }
  return map;
}

static void
jm_draft_finalize (GObject *object)
{
  JmDraft *self = JM_DRAFT (object);

  unwatch (self);
  /* The owner's lock goes; its drafts stay, to be recovered. A lock that
   * guards nothing goes too. */
  if (self->lock_fd >= 0)
    {
      if (!any_generation_exists (self->dir, self->id))
        {
          g_autofree char *path = lock_path (self->dir, self->id);

          g_unlink (path);
        }
      close (self->lock_fd);
    }
  g_clear_object (&self->file);
  g_free (self->base);
  g_free (self->dir);
  g_free (self->id);

  G_OBJECT_CLASS (jm_draft_parent_class)->finalize (object);
}

static void
jm_draft_class_init (JmDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jm_draft_finalize;

  /**
   * JmDraft::written:
   *
   * Emitted after a new generation of the draft is on disk.
   */
  signals[SIGNAL_WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * JmDraft::write-failed:
   * @error: why
   *
   * Emitted when a draft due after changes could not be written: the
   * changes are then kept only in memory until a later write succeeds
   * (#JmDraft::written).
   */
  signals[SIGNAL_WRITE_FAILED] = g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
jm_draft_init (JmDraft *self)
{
  self->lock_fd = -1;
  self->interval_ms = jm_draft_default_interval () * 1000;
}
