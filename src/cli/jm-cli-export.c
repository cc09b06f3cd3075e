/* jm-cli-export.c: --export on the command line
 *
 * journey-mapper --export=OUT [--layout=...] [--paper=...] [--sheets=N] FILE
 * writes FILE's map to OUT, its format named by OUT's extension. Needs no
 * display. A wall preset (--sheets) says on stderr what it chose and how
 * far away the print can be read. A bad option value exits 2 naming the value and the accepted
 * ones; a file that cannot be read or written exits 1.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-cli-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "jm-cli.h"
#include "jm-export.h"
#include "jm-file.h"

/* SOURCE_DATE_EPOCH (reproducible-builds.org) fixes the printed date and
 * the PDF creation date, so the same map gives the same bytes. */
static gboolean
source_date (gint64  *date,
             GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 value;

  *date = -1;
  if (epoch == NULL || *epoch == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &value, NULL))
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("SOURCE_DATE_EPOCH is “%s”: it must be a number of seconds since 1970"),
                   epoch);
      return FALSE;
    }
  *date = (gint64) value;
  return TRUE;
}

/* Whether @out names the same file as @input by another way: a symlink,
 * a hard link, "..". Compared by the file system's identity (device and
 * inode) after symlinks are followed, which covers all of those; an
 * output that does not exist yet is no file at all. */
static gboolean
same_file (GFile *out,
           GFile *input)
{
  g_autoptr(GFileInfo) out_info = NULL;
  g_autoptr(GFileInfo) input_info = NULL;
  const char *out_id, *input_id;

  if (g_file_equal (out, input))
    return TRUE;
  out_info = g_file_query_info (out, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  input_info = g_file_query_info (input, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE,
                                  NULL, NULL);
  if (out_info == NULL || input_info == NULL)
    return FALSE;
  out_id = g_file_info_get_attribute_string (out_info, G_FILE_ATTRIBUTE_ID_FILE);
  input_id = g_file_info_get_attribute_string (input_info, G_FILE_ATTRIBUTE_ID_FILE);
  return out_id != NULL && input_id != NULL && g_str_equal (out_id, input_id);
}

int
jm_cli_export (const JmCliOptions *options,
               GFile             **files,
               guint               n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *display = NULL;
  JmExportOptions export;
  JmExportFormat format;
  int status = 2;

  g_return_val_if_fail (options != NULL && options->export_path != NULL, 2);

  /* Spreadsheets and JSON carry the map itself, not a picture of it. */
  if (jm_cli_is_interchange_path (options->export_path))
    return jm_cli_export_interchange (options, files, n_files);

  if (n_files != 1)
    {
      g_printerr ("%s\n", _("--export takes exactly one map file"));
      return 2;
    }

  jm_export_options_init (&export);
  if (!jm_export_format_for_path (options->export_path, &format, &error) ||
      !jm_export_options_apply (&export, options->layout, options->paper, options->orientation,
                                options->tiles, options->scale, options->overlap, &error) ||
      !jm_export_options_apply_preset (&export, options->sheets, options->lanes, &error) ||
      !jm_export_options_apply_wall_width (&export, options->wall_width, &error) ||
      !jm_export_options_apply_colour_by (&export, options->colour_by, &error) ||
      !jm_export_options_apply_picture (&export, options->margin, options->dpi,
                                        options->pixel_width, options->slide, &error) ||
      !source_date (&export.date, &error))
    goto out;

  /* Before anything is read or written: an export onto its own map
   * would replace the map with a picture of it. */
  out = g_file_new_for_commandline_arg (options->export_path);
  for (guint i = 0; i < n_files; i++)
    if (same_file (out, files[i]))
      {
        g_autofree char *input = g_file_get_parse_name (files[i]);

        g_printerr (_("The output “%s” is the map “%s”: exporting would overwrite it. Name another output.\n"),
                    options->export_path, input);
        goto out;
      }

  if (format != JM_EXPORT_FORMAT_PDF &&
      (options->tiles != NULL || options->sheets != NULL || options->wall_width != NULL ||
       options->paper != NULL))
    g_printerr ("%s\n", _("Note: PNG and SVG hold the whole layout in one image; paper and sheets apply to PDF only."));
  if ((format == JM_EXPORT_FORMAT_PDF && (options->slide || options->dpi != NULL ||
                                          options->pixel_width != NULL)) ||
      (format == JM_EXPORT_FORMAT_SVG && (options->dpi != NULL || options->pixel_width != NULL)))
    {
      g_printerr ("%s\n", _("--slide applies to PNG and SVG, --dpi and --pixel-width to PNG only."));
      goto out;
    }

  display = g_file_get_parse_name (files[0]);
  map = jm_file_load (files[0], NULL, &error);
  if (map == NULL)
    {
      status = 1;
      goto out;
    }

  export.persona_ids = jm_export_resolve_personas (map, (const char * const *) options->personas,
                                                   &error);
  if (error != NULL)
    goto out;
  export.source_name = g_file_get_basename (files[0]);

  plan = jm_export_plan_new (map, &export, &error);
  if (plan == NULL)
    {
      status = g_error_matches (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION) ? 2 : 1;
      goto out;
    }

  if (!jm_export_plan_write (plan, out, format, NULL, NULL, NULL, &error))
    {
      status = 1;
      goto out;
    }
  status = 0;
  if (format == JM_EXPORT_FORMAT_PDF)
    {
      g_autofree char *blank = jm_export_plan_describe_blank_tiles (plan, TRUE);

      g_autofree char *distance = jm_export_describe_distance (jm_export_plan_get_smallest_text (plan));

      if (blank != NULL)
        /* Translators: %s says which sheets of a poster came out blank */
        g_printerr (_("Note: %s\n"), blank);
      if (export.sheets > 0 || export.wall_width > 0)
        {
          guint columns, rows;
          double width, height;

          jm_export_plan_get_tiles (plan, &columns, &rows);
          jm_export_plan_get_page_size (plan, &width, &height);
          g_printerr (width > height
                      /* Translators: a poster's tiling: sheets across, down, all of them */
                      ? _("Poster: %u × %u landscape sheets (%u in all)\n")
                      : _("Poster: %u × %u portrait sheets (%u in all)\n"),
                      columns, rows, columns * rows);
          if (export.layout == JM_EXPORT_LAYOUT_GRID && jm_export_plan_get_lanes_together (plan))
            g_printerr ("%s\n", _("Lanes: together, in one grid"));
          else if (export.layout == JM_EXPORT_LAYOUT_GRID && jm_export_plan_get_lanes_across (plan) > 1)
            /* Translators: %u counts grids set side by side on a poster */
            g_printerr (_("Lanes: separate, a grid per persona, %u side by side\n"),
                        jm_export_plan_get_lanes_across (plan));
          else if (export.layout == JM_EXPORT_LAYOUT_GRID)
            g_printerr ("%s\n", _("Lanes: separate, a grid per persona, stacked"));
          g_printerr ("%s\n", distance);
        }
    }

out:
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  jm_export_options_clear (&export);
  return status;
}
