/* jm-view-state.c: how each map was last viewed, kept outside the map file
 *
 * Zoom, panels, colouring and highlight belong to the person looking, not
 * to the map: they are not written into the .journey file (which others
 * open too), but into one small key file in the user's state folder, a
 * group per map keyed by a checksum of the map's URI (a URI may hold
 * characters a group name may not). Each group records when it was last
 * written, so that the file stays small: past JM_VIEW_STATE_MAX_MAPS maps
 * the oldest are forgotten. The file is replaced atomically; losing it
 * loses nothing but the view.
 *
 * The group also keeps the facilitator's agenda for a workshop on the map
 * (its timed steps), so that a plan made the day before is there when the
 * map opens in the room; saving the view leaves it as it is.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-view-state"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "jm-view-state.h"

/**
 * jm_view_state_clear:
 *
 * Frees what @state holds and sets it to "nothing known".
 */
void
jm_view_state_clear (JmViewState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->colour_by, g_free);
  g_clear_pointer (&state->highlight, g_free);
  state->zoom = 0;
  state->show_inspector = FALSE;
  state->show_outline = FALSE;
}

/**
 * jm_view_state_default_path:
 *
 * Returns: (transfer full): the key file used when no other is given, in
 *   the user's state folder
 */
char *
jm_view_state_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "journey-mapper", "views.ini", NULL);
}

static char *
group_for (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

/* The agenda's keys in a map's group. */
#define AGENDA_STEPS "agenda"
#define AGENDA_MINUTES "agenda-minutes"

static void
stamp_group (GKeyFile   *key_file,
             const char *group,
             const char *uri)
{
  g_key_file_set_string (key_file, group, "uri", uri);
  g_key_file_set_int64 (key_file, group, "used", g_get_real_time ());
}

static gboolean write_store (GKeyFile *key_file, const char *store, GError **error);


static GKeyFile *
read_store (const char *store)
{
  GKeyFile *key_file = g_key_file_new ();

  /* A missing or damaged file is an empty one: it only holds views. */
  g_key_file_load_from_file (key_file, store, G_KEY_FILE_NONE, NULL);
  return key_file;
}

/* The store, the user's when @store points to %NULL (then set to the path
 * kept in @default_store), and @file's group in it. */
static GKeyFile *
read_group (const char **store,
            char       **default_store,
            GFile       *file,
            char       **group)
{
  if (*store == NULL)
    *store = *default_store = jm_view_state_default_path ();
  *group = group_for (file);
  return read_store (*store);
}

/**
 * jm_view_state_load:
 * @store: (nullable): the key file, or %NULL for the default one
 * @file: the map's file
 * @state: (out caller-allocates): the view, cleared first
 *
 * Returns: %TRUE if a view of @file was remembered
 */
gboolean
jm_view_state_load (const char  *store,
                    GFile       *file,
                    JmViewState *state)
{
  g_autofree char *default_store = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  double zoom;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  memset (state, 0, sizeof *state);
  key_file = read_group (&store, &default_store, file, &group);
  if (!g_key_file_has_key (key_file, group, "inspector", NULL))
    return FALSE;

  zoom = g_key_file_get_double (key_file, group, "zoom", NULL);
  /* A hand-edited value out of any sane range is not applied. */
  state->zoom = zoom >= 0.01 && zoom <= 100 ? zoom : 0;
  state->show_inspector = g_key_file_get_boolean (key_file, group, "inspector", NULL);
  state->show_outline = g_key_file_get_boolean (key_file, group, "outline", NULL);
  state->colour_by = g_key_file_get_string (key_file, group, "colour-by", NULL);
  state->highlight = g_key_file_get_string (key_file, group, "highlight", NULL);
  return TRUE;
}

static void
forget_oldest (GKeyFile *key_file)
{
  gsize n_groups;
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, &n_groups);

  while (n_groups > JM_VIEW_STATE_MAX_MAPS)
    {
      const char *oldest = NULL;
      gint64 oldest_used = G_MAXINT64;

      for (gsize i = 0; groups[i] != NULL; i++)
        {
          gint64 used;

          if (!g_key_file_has_group (key_file, groups[i]))
            continue;
          used = g_key_file_get_int64 (key_file, groups[i], "used", NULL);
          if (used < oldest_used)
            {
              oldest_used = used;
              oldest = groups[i];
            }
        }
      if (oldest == NULL)
        break;
      g_key_file_remove_group (key_file, oldest, NULL);
      n_groups--;
    }
}

static gboolean
write_store (GKeyFile    *key_file,
             const char  *store,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (store);

  forget_oldest (key_file);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create “%s”: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_key_file_save_to_file (key_file, store, error);
}

/**
 * jm_view_state_save:
 * @store: (nullable): the key file, or %NULL for the default one
 * @file: the map's file
 * @state: the view to remember
 * @error: return location for an error
 *
 * Remembers @state for @file, replacing the key file atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
jm_view_state_save (const char         *store,
                    GFile              *file,
                    const JmViewState  *state,
                    GError            **error)
{
  g_autofree char *default_store = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key_file = read_group (&store, &default_store, file, &group);
  uri = g_file_get_uri (file);

  /* Rewritten whole, so that a value no longer set does not linger; the
   * agenda kept beside the view is not the view's to change. */
  {
    g_auto(GStrv) steps = g_key_file_get_string_list (key_file, group, AGENDA_STEPS, NULL, NULL);
    gsize n_minutes = 0;
    g_autofree int *minutes = g_key_file_get_integer_list (key_file, group, AGENDA_MINUTES,
                                                           &n_minutes, NULL);

    g_key_file_remove_group (key_file, group, NULL);
    if (steps != NULL && minutes != NULL)
      {
        g_key_file_set_string_list (key_file, group, AGENDA_STEPS, (const char * const *) steps,
                                    g_strv_length (steps));
        g_key_file_set_integer_list (key_file, group, AGENDA_MINUTES, minutes, n_minutes);
      }
  }
  stamp_group (key_file, group, uri);
  if (state->zoom > 0)
    g_key_file_set_double (key_file, group, "zoom", state->zoom);
  g_key_file_set_boolean (key_file, group, "inspector", state->show_inspector);
  g_key_file_set_boolean (key_file, group, "outline", state->show_outline);
  if (state->colour_by != NULL)
    g_key_file_set_string (key_file, group, "colour-by", state->colour_by);
  if (state->highlight != NULL)
    g_key_file_set_string (key_file, group, "highlight", state->highlight);
  return write_store (key_file, store, error);
}

/**
 * jm_view_state_load_agenda:
 * @store: (nullable): the file views are kept in; %NULL for the user's
 * @file: a map's file
 * @titles: (out): the steps' titles
 * @minutes: (out): the steps' minutes, one guint for each title
 *
 * The agenda last set for the workshop on @file's map. Steps beyond
 * %JM_VIEW_STATE_MAX_STEPS, and steps of no time or of more than
 * %JM_VIEW_STATE_MAX_MINUTES, are not read.
 *
 * Returns: %TRUE if an agenda of at least one step is kept for @file
 */
gboolean
jm_view_state_load_agenda (const char  *store,
                           GFile       *file,
                           GStrv       *titles,
                           GArray     **minutes)
{
  g_autofree char *default_store = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) steps = NULL;
  g_autofree int *values = NULL;
  gsize n_steps = 0, n_values = 0;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GArray) kept_minutes = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (titles != NULL && minutes != NULL, FALSE);

  *titles = NULL;
  *minutes = NULL;
  key_file = read_group (&store, &default_store, file, &group);
  steps = g_key_file_get_string_list (key_file, group, AGENDA_STEPS, &n_steps, NULL);
  values = g_key_file_get_integer_list (key_file, group, AGENDA_MINUTES, &n_values, NULL);
  for (gsize i = 0; i < MIN (n_steps, n_values) && kept_minutes->len < JM_VIEW_STATE_MAX_STEPS; i++)
    {
      guint value;

      if (values[i] < 1 || values[i] > JM_VIEW_STATE_MAX_MINUTES || !g_utf8_validate (steps[i], -1, NULL))
        continue;
      value = (guint) values[i];
      g_strv_builder_add (kept, steps[i]);
      g_array_append_val (kept_minutes, value);
    }
  if (kept_minutes->len == 0)
    return FALSE;
  *titles = g_strv_builder_end (kept);
  *minutes = g_steal_pointer (&kept_minutes);
  return TRUE;
}

/**
 * jm_view_state_save_agenda:
 * @store: (nullable): the file views are kept in; %NULL for the user's
 * @file: a map's file
 * @titles: the steps' titles; an empty list forgets the agenda
 * @minutes: the steps' minutes, one for each title
 *
 * Keeps a workshop's agenda for @file's map, beside its view.
 *
 * Returns: %TRUE if it was kept
 */
gboolean
jm_view_state_save_agenda (const char          *store,
                           GFile               *file,
                           const char * const  *titles,
                           const guint         *minutes,
                           GError             **error)
{
  g_autofree char *default_store = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  g_autofree char *uri = NULL;
  guint n;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (titles != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key_file = read_group (&store, &default_store, file, &group);
  uri = g_file_get_uri (file);
  n = MIN (g_strv_length ((char **) titles), JM_VIEW_STATE_MAX_STEPS);

  stamp_group (key_file, group, uri);
  if (n == 0)
    {
      g_key_file_remove_key (key_file, group, AGENDA_STEPS, NULL);
      g_key_file_remove_key (key_file, group, AGENDA_MINUTES, NULL);
    }
  else
    {
      g_autofree int *values = g_new (int, n);

      for (guint i = 0; i < n; i++)
        values[i] = (int) CLAMP (minutes[i], 1, JM_VIEW_STATE_MAX_MINUTES);
      g_key_file_set_string_list (key_file, group, AGENDA_STEPS, titles, n);
      g_key_file_set_integer_list (key_file, group, AGENDA_MINUTES, values, n);
    }
  return write_store (key_file, store, error);
}
