/* jm-cli-check.c: --check on the command line
 *
 * Loads each file with the schema as the judge, whatever the file's size,
 * and prints each problem on stderr as "FILE:LINE:COLUMN: message", the
 * shape editors and build tools understand. Valid files print nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-cli-check"

#include "config.h"

#include "jm-cli.h"
#include "jm-file.h"
#include "jm-persona-file.h"

/* The name the user would recognise: the path relative to the current
 * folder when the file is inside it, else the full path or URI. */
static char *
display_name (GFile *file)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GFile) here = g_file_new_for_path (cwd);
  char *relative = g_file_get_relative_path (here, file);

  if (relative != NULL && g_utf8_validate (relative, -1, NULL))
    return relative;
  g_free (relative);
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

      map = jm_file_load_full (files[i], name, JM_FILE_LOAD_STRICT, NULL, &error);
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
    }
  return status;
}
