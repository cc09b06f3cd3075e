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

static GKeyFile *
read_store (const char *store)
{
  GKeyFile *key_file = g_key_file_new ();

  /* A missing or damaged file is an empty one: it only holds views. */
  g_key_file_load_from_file (key_file, store, G_KEY_FILE_NONE, NULL);
  return key_file;
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
  if (store == NULL)
    store = default_store = jm_view_state_default_path ();
  key_file = read_store (store);
  group = group_for (file);
  if (!g_key_file_has_group (key_file, group))
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
  g_autofree char *dir = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (store == NULL)
    store = default_store = jm_view_state_default_path ();
  key_file = read_store (store);
  group = group_for (file);
  uri = g_file_get_uri (file);

  /* Rewritten whole, so that a value no longer set does not linger. */
  g_key_file_remove_group (key_file, group, NULL);
  g_key_file_set_string (key_file, group, "uri", uri);
  g_key_file_set_int64 (key_file, group, "used", g_get_real_time ());
  if (state->zoom > 0)
    g_key_file_set_double (key_file, group, "zoom", state->zoom);
  g_key_file_set_boolean (key_file, group, "inspector", state->show_inspector);
  g_key_file_set_boolean (key_file, group, "outline", state->show_outline);
  if (state->colour_by != NULL)
    g_key_file_set_string (key_file, group, "colour-by", state->colour_by);
  if (state->highlight != NULL)
    g_key_file_set_string (key_file, group, "highlight", state->highlight);
  forget_oldest (key_file);

  dir = g_path_get_dirname (store);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create “%s”: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_key_file_save_to_file (key_file, store, error);
}
