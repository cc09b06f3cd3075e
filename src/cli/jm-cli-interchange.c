/* jm-cli-interchange.c: maps in and out of spreadsheets and JSON, and
 * their differences, on the command line
 *
 * journey-mapper --export=OUT.csv|OUT.json FILE
 * journey-mapper --import=IN.csv|IN.json --output=OUT.journey [INTO.journey]
 * journey-mapper --diff OLD NEW [--format=text|json]
 * journey-mapper --merge BASE OURS THEIRS [NAME] --output=OUT
 *
 * An import writes nothing unless every row was read: the problems are
 * listed on stderr as "IN.csv:LINE: message" and the exit status is 1.
 * --diff exits as diff(1) does: 0 when the maps are the same, 1 when they
 * differ, 2 on trouble. Given git's seven arguments (PATH OLD-FILE
 * OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE) it is git's external diff
 * driver: it compares OLD-FILE with NEW-FILE and exits 0, as git expects.
 * --merge writes the merge of OURS and THEIRS to OUT and exits 0 when it
 * is clean, 1 when it has conflicts, listed as "NAME:ID: message" (NAME
 * is OURS unless given: git's %P), 2 on trouble. With conflicts, OUT still
 * holds the merge with our values kept, so that it opens.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-cli-interchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "jm-cli.h"
#include "jm-file.h"
#include "jm-interchange.h"
#include "jm-map-diff.h"
#include "jm-map-conflicts.h"
#include "jm-map-merge.h"

/* As the user named the file, for messages. */
static char *
display_name (GFile *file)
{
  g_autofree char *cwd_path = g_get_current_dir ();
  g_autoptr(GFile) cwd = g_file_new_for_path (cwd_path);
  char *relative = g_file_get_relative_path (cwd, file);

  return relative != NULL ? relative : g_file_get_parse_name (file);
}

gboolean
jm_cli_is_interchange_path (const char *path)
{
  JmInterchangeFormat format;

  return path != NULL && jm_interchange_format_for_path (path, &format);
}

int
jm_cli_export_interchange (const JmCliOptions *options,
                           GFile             **files,
                           guint               n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) out = NULL;
  JmInterchangeFormat format;

  g_return_val_if_fail (jm_cli_is_interchange_path (options->export_path), 2);
  jm_interchange_format_for_path (options->export_path, &format);

  if (n_files != 1)
    {
      g_printerr ("%s\n", _("--export takes exactly one map file"));
      return 2;
    }
  out = g_file_new_for_commandline_arg (options->export_path);
  if (g_file_equal (out, files[0]))
    {
      g_printerr (_("The output “%s” is the map itself: exporting would overwrite it. Name another output.\n"),
                  options->export_path);
      return 2;
    }

  map = jm_file_load (files[0], NULL, &error);
  if (map == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bytes = jm_interchange_write (map, format);
  if (!g_file_replace_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_autofree char *name = display_name (out);

      g_printerr (_("Could not write “%s”: %s\n"), name, error->message);
      return 1;
    }
  return 0;
}

int
jm_cli_import (const JmCliOptions *options,
               GFile             **files,
               guint               n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *in_name = NULL;
  JmInterchangeFormat format;

  g_return_val_if_fail (options->import_path != NULL, 2);

  if (!jm_interchange_format_for_path (options->import_path, &format))
    {
      g_printerr (_("Cannot import “%s”: name a .csv or .json file.\n"), options->import_path);
      return 2;
    }
  if (options->output_path == NULL)
    {
      g_printerr ("%s\n", _("--import needs --output=OUT.journey, the map to write."));
      return 2;
    }
  if (n_files > 1)
    {
      g_printerr ("%s\n", _("--import takes at most one map to import into."));
      return 2;
    }

  in = g_file_new_for_commandline_arg (options->import_path);
  out = g_file_new_for_commandline_arg (options->output_path);
  if (g_file_equal (in, out))
    {
      g_printerr (_("The output “%s” is the file being imported. Name another output.\n"),
                  options->output_path);
      return 2;
    }

  if (n_files == 1)
    map = jm_file_load (files[0], NULL, &error);
  else
    map = jm_map_new ();
  if (map == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  in_name = display_name (in);
  bytes = g_file_load_bytes (in, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s: %s\n", in_name, error->message);
      return 1;
    }
  if (!jm_interchange_read (map, format, bytes, in_name, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!jm_file_save (map, out, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* git passes /dev/null for the side of a file that does not exist, and
 * an empty file for a merge base when both sides added the file. */
static JmMap *
load_side (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (g_str_equal (path, "/dev/null"))
    return jm_map_new ();
  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_get_size (info) == 0)
    return jm_map_new ();
  return jm_file_load (file, NULL, error);
}

int
jm_cli_diff (const JmCliOptions *options,
             const char * const *paths,
             guint               n_paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) old_map = NULL;
  g_autoptr(JmMap) new_map = NULL;
  g_autoptr(JmMapDiff) diff = NULL;
  g_autofree char *text = NULL;
  const char *old_path, *new_path;
  gboolean git = n_paths == 7;
  gboolean json;

  if (options->diff_format != NULL && !g_str_equal (options->diff_format, "text") &&
      !g_str_equal (options->diff_format, "json"))
    {
      g_printerr (_("Unknown --format “%s”: use text or json.\n"), options->diff_format);
      return 2;
    }
  json = g_strcmp0 (options->diff_format, "json") == 0;
  if (n_paths == 1 && !json)
    {
      /* One map: all of it as text, for git's textconv. */
      old_map = load_side (paths[0], &error);
      if (old_map == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      text = jm_map_to_text (old_map);
      fputs (text, stdout);
      fflush (stdout);
      return 0;
    }
  if (n_paths != 2 && !git)
    {
      g_printerr ("%s\n", _("--diff compares two maps: name OLD and NEW (or one map, to print it as text)."));
      return 2;
    }
  old_path = paths[git ? 1 : 0];
  new_path = paths[git ? 4 : 1];

  old_map = load_side (old_path, &error);
  if (old_map != NULL)
    new_map = load_side (new_path, &error);
  if (new_map == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  diff = jm_map_diff_new_with_votes (old_map, new_map);
  if (git)
    {
      if (!jm_map_diff_is_empty (diff))
        g_print ("diff --journey a/%s b/%s\n", paths[0], paths[0]);
    }
  text = json ? jm_map_diff_to_json (diff) : jm_map_diff_to_text (diff);
  fputs (text, stdout);
  fflush (stdout);
  if (git)
    return 0;
  return jm_map_diff_is_empty (diff) ? 0 : 1;
}

typedef struct
{
  const char *path;
  JmMap      *map;
  GError     *error;
} Side;

static gpointer
load_side_thread (gpointer data)
{
  Side *side = data;

  side->map = load_side (side->path, &side->error);
  return NULL;
}

int
jm_cli_merge (const JmCliOptions *options,
              const char * const *paths,
              guint               n_paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) base = NULL;
  g_autoptr(JmMap) ours = NULL;
  g_autoptr(JmMap) theirs = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GFile) out = NULL;
  const char *name;

  if (n_paths != 3 && n_paths != 4)
    {
      g_printerr ("%s\n", _("--merge takes three maps: BASE OURS THEIRS, and the name to show."));
      return 2;
    }
  if (options->output_path == NULL)
    {
      g_printerr ("%s\n", _("--merge needs --output=OUT, the merged map to write."));
      return 2;
    }
  name = n_paths == 4 ? paths[3] : paths[1];

  /* The three loads are independent, and most of the time a merge takes. */
  {
    Side sides[3] = { { paths[0] }, { paths[1] }, { paths[2] } };
    GThread *threads[G_N_ELEMENTS (sides)];

    for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
      threads[i] = g_thread_new ("jm-merge-load", load_side_thread, &sides[i]);
    for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
      g_thread_join (threads[i]);
    base = sides[0].map;
    ours = sides[1].map;
    theirs = sides[2].map;
    for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
      if (sides[i].error != NULL && error == NULL)
        error = g_steal_pointer (&sides[i].error);
      else
        g_clear_error (&sides[i].error);
  }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* Merged into ours itself: it keeps what only the file had (content
   * of other namespaces), and a fourth load is saved. */
  conflicts = jm_map_merge (ours, base, ours, theirs);
  /* Kept in the file too, with both values, for the app to offer. */
  jm_map_add_merge_conflicts (ours, conflicts);
  out = g_file_new_for_commandline_arg (options->output_path);
  if (!jm_file_save (ours, out, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      JmMergeConflict *conflict = g_ptr_array_index (conflicts, i);

      g_printerr ("%s:%s: %s\n", name, conflict->id != NULL ? conflict->id : "map", conflict->message);
    }
  return conflicts->len == 0 ? 0 : 1;
}
