/* jm-cli-check.c: --check on the command line
 *
 * Loads each file as the application does, with the reader's own checks
 * of every rule of the format, and prints each problem on stderr as
 * "FILE:LINE:COLUMN: message", the shape editors and build tools
 * understand. Valid files print nothing. With --strict, libxml2's RELAX NG
 * validator checks each file too: a second opinion, many times slower.
 * A map a merge left with conflicts opens, but is not finished: each
 * conflict is printed as --merge printed it, "FILE:ID: message".
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-cli-check"

#include "config.h"

#include "jm-cli.h"
#include "jm-file.h"
#include "jm-map-conflicts.h"
#include "jm-persona-file.h"

/* The name the user would recognise: the path relative to the current
 * folder when the file is inside it, else the full path (a name that is
 * not UTF-8 shown as a file manager shows it, not as an escaped URI), or
 * the URI of a remote file. */
static char *
display_name (GFile *file)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GFile) here = g_file_new_for_path (cwd);
  g_autofree char *relative = g_file_get_relative_path (here, file);
  g_autofree char *path = NULL;

  if (relative != NULL)
    return g_filename_display_name (relative);
  path = g_file_get_path (file);
  if (path != NULL)
    return g_filename_display_name (path);
  return g_file_get_parse_name (file);
}

int
jm_cli_check (const JmCliOptions *options,
              GFile             **files,
              guint               n_files)
{
  int status = 0;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = display_name (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = NULL;

      map = jm_file_load_full (files[i], name,
                               options->strict ? JM_FILE_LOAD_STRICT : JM_FILE_LOAD_DEFAULT,
                               NULL, &error);
      if (map == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = 1;
          continue;
        }
      /* A picture too large to decode opens as a placeholder, but the
       * file is not as its author meant it. */
      for (guint p = 0; p < g_list_model_get_n_items (jm_map_get_personas (map)); p++)
        {
          g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), p);
          g_autoptr(GError) picture_error = NULL;

          if (!jm_persona_picture_check (persona, &picture_error))
            {
              g_printerr ("%s: %s\n", name, picture_error->message);
              status = 1;
            }
        }
      for (guint c = 0; c < g_list_model_get_n_items (jm_map_get_conflicts (map)); c++)
        {
          g_autoptr(JmConflict) conflict = g_list_model_get_item (jm_map_get_conflicts (map), c);
          const char *id = jm_conflict_get_id (conflict);

          g_printerr ("%s:%s: %s\n", name, id != NULL ? id : "map", jm_conflict_get_message (conflict));
          status = 1;
        }
    }
  return status;
}
