/* jm-export-options.c: what an export shows and on what paper, from a user's words
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include <string.h>

#include "jm-export-private.h"

/* ---------------------------------------------------------------- options */

/**
 * jm_export_options_init:
 * @options: (out caller-allocates): options to fill with defaults
 *
 * The template grid, one per lane, on A4 portrait with 10 mm margins,
 * fitted to the page; 10 mm of overlap if later tiled.
 */
void
jm_export_options_init (JmExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->layout = JM_EXPORT_LAYOUT_GRID;
  options->paper_width = JM_MM_TO_PT (210);
  options->paper_height = JM_MM_TO_PT (297);
  options->margin = JM_MM_TO_PT (10);
  options->overlap = JM_MM_TO_PT (10);
  options->date = -1;
  options->colour_by = JM_COLOUR_BY_COMPOSITE;
}

/**
 * jm_export_options_clear:
 * @options: options to free the strings of
 */
void
jm_export_options_clear (JmExportOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->persona_ids, g_strfreev);
  g_clear_pointer (&options->source_name, g_free);
}

/**
 * jm_export_options_copy:
 * @dest: (out caller-allocates): where to copy; free with jm_export_options_clear()
 * @src: options to copy
 */
void
jm_export_options_copy (JmExportOptions       *dest,
                        const JmExportOptions *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->persona_ids = g_strdupv (src->persona_ids);
  dest->source_name = g_strdup (src->source_name);
}

/**
 * jm_export_layout_parse:
 * @text: "grid", "board" or "persona"
 * @layout: (out): the layout
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @text names a layout
 */
gboolean
jm_export_layout_parse (const char      *text,
                        JmExportLayout  *layout,
                        GError         **error)
{
  static const char *names[] = { "grid", "board", "persona", "fix" };

  g_return_val_if_fail (text != NULL && layout != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *layout = (JmExportLayout) i;
        return TRUE;
      }

  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
               _("Unknown layout “%s”: use grid, board, persona or fix"), text);
  return FALSE;
}

/**
 * jm_export_options_apply_colour_by:
 * @options: options to change
 * @colour_by: (nullable): "composite", a measure ("responsiveness"...) or
 *   "none"; %NULL leaves the choice as it is
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @colour_by names a score
 */
gboolean
jm_export_options_apply_colour_by (JmExportOptions  *options,
                                   const char       *colour_by,
                                   GError          **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (colour_by == NULL)
    return TRUE;
  if (*colour_by == '\0' || !jm_colour_by_parse (colour_by, &options->colour_by))
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Unknown score “%s”: use composite, responsiveness, convenience, reliability, relevance or none"),
                   colour_by);
      return FALSE;
    }
  return TRUE;
}

/**
 * jm_export_options_apply_picture:
 * @options: options to change
 * @margin: (nullable): white space round every page and picture, "10mm"
 * @dpi: (nullable): a PNG's pixels per inch, 18 to 1200
 * @pixel_width: (nullable): a PNG's width in pixels, 16 to 32000
 * @slide: a 16:9 slide of 1920 × 1080 pixels (PNG and SVG)
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if every value given was understood and they agree
 */
gboolean
jm_export_options_apply_picture (JmExportOptions  *options,
                                 const char       *margin,
                                 const char       *dpi,
                                 const char       *pixel_width,
                                 gboolean          slide,
                                 GError          **error)
{
  guint64 value;

  g_return_val_if_fail (options != NULL, FALSE);

  if ((dpi != NULL) + (pixel_width != NULL) + (slide != FALSE) > 1)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("--dpi, --pixel-width and --slide each set the picture's size: give one"));
      return FALSE;
    }
  if (margin != NULL && !jm_length_parse (margin, &options->margin, error))
    return FALSE;
  if (dpi != NULL)
    {
      if (!g_ascii_string_to_unsigned (dpi, 10, 18, 1200, &value, NULL))
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("--dpi=%s: give a number of pixels per inch from 18 to 1200"), dpi);
          return FALSE;
        }
      options->dpi = value;
    }
  if (pixel_width != NULL)
    {
      if (!g_ascii_string_to_unsigned (pixel_width, 10, 16, MAX_PICTURE_PIXELS, &value, NULL))
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("--pixel-width=%s: give a width in pixels from 16 to %d"), pixel_width,
                       MAX_PICTURE_PIXELS);
          return FALSE;
        }
      options->pixel_width = (guint) value;
    }
  options->slide = slide;
  return TRUE;
}

/**
 * jm_export_options_apply:
 * @options: options to change
 * @layout: (nullable): "grid", "board" or "persona"
 * @paper: (nullable): a paper name or size, see jm_paper_parse()
 * @orientation: (nullable): "portrait" or "landscape"; when %NULL, grids
 *   and boards go landscape and persona sheets portrait
 * @tiles: (nullable): a poster's sheet count, "COLUMNSxROWS"
 * @scale: (nullable): a poster's scale, "150%"
 * @overlap: (nullable): a poster's overlap between sheets, "10mm"
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION naming the
 *   bad value and the accepted ones
 *
 * Sets @options from the words a user typed; %NULL leaves a choice as it is.
 *
 * Returns: %TRUE if every value given was understood
 */
gboolean
jm_export_options_apply (JmExportOptions  *options,
                         const char       *layout,
                         const char       *paper,
                         const char       *orientation,
                         const char       *tiles,
                         const char       *scale,
                         const char       *overlap,
                         GError          **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (layout != NULL && !jm_export_layout_parse (layout, &options->layout, error))
    return FALSE;
  if (paper != NULL &&
      !jm_paper_parse (paper, &options->paper_width, &options->paper_height, error))
    return FALSE;

  options->turn_to_fit = orientation == NULL;
  if (orientation == NULL)
    options->landscape = !JM_EXPORT_LAYOUT_IS_SHEETS (options->layout);
  else if (g_ascii_strcasecmp (orientation, "portrait") == 0)
    options->landscape = FALSE;
  else if (g_ascii_strcasecmp (orientation, "landscape") == 0)
    options->landscape = TRUE;
  else
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Unknown orientation “%s”: use portrait or landscape"), orientation);
      return FALSE;
    }

  if (tiles != NULL && scale != NULL)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Give either --tiles or --scale, not both: --tiles=%s sets the scale from the sheet count"),
                   tiles);
      return FALSE;
    }
  if (tiles != NULL)
    {
      if (!jm_tiles_parse (tiles, &options->tile_columns, &options->tile_rows, error))
        return FALSE;
      options->scale = 0;
    }
  if (scale != NULL)
    {
      if (!jm_scale_parse (scale, &options->scale, error))
        return FALSE;
      options->tile_columns = options->tile_rows = 0;
    }
  if (overlap != NULL && !jm_length_parse (overlap, &options->overlap, error))
    return FALSE;

  return TRUE;
}

/**
 * jm_export_options_apply_preset:
 * @options: options to change, their layout already set
 * @sheets: (nullable): at most this many sheets for a poster whose tiling,
 *   orientation (unless set) and lane arrangement (unless @lanes) are
 *   chosen to print it largest, "6"
 * @lanes: (nullable): "together" (one grid for every lane) or "separate"
 *   (one grid per persona); the template grid only
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION naming the
 *   bad value and the accepted ones
 *
 * Returns: %TRUE if every value given was understood
 */
gboolean
jm_export_options_apply_preset (JmExportOptions  *options,
                                const char       *sheets,
                                const char       *lanes,
                                GError          **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (sheets != NULL)
    {
      guint64 n;

      if (options->tile_columns > 0 || options->scale > 0)
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("Give one of --sheets, --tiles and --scale: --sheets=%s chooses the tiles and the scale"),
                       sheets);
          return FALSE;
        }
      if (!g_ascii_string_to_unsigned (sheets, 10, 1, 676, &n, NULL))
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("Unknown number of sheets “%s”: use a whole number from 1 to 676"), sheets);
          return FALSE;
        }
      options->sheets = (guint) n;
      options->lanes_auto = lanes == NULL;
    }
  if (lanes != NULL)
    {
      if (g_ascii_strcasecmp (lanes, "together") == 0)
        options->lanes_together = TRUE;
      else if (g_ascii_strcasecmp (lanes, "separate") == 0)
        options->lanes_together = FALSE;
      else
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("Unknown lane arrangement “%s”: use together or separate"), lanes);
          return FALSE;
        }
      if (options->layout != JM_EXPORT_LAYOUT_GRID)
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("--lanes=%s applies to the template grid only"),
                       lanes);
          return FALSE;
        }
      options->lanes_auto = FALSE;
    }
  return TRUE;
}

/**
 * jm_export_options_apply_wall_width:
 * @options: options to change
 * @width: (nullable): how wide the poster prints on the wall, "2m"
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * A wall preset by width: the poster is printed that wide, on the sheets
 * and in the orientation (unless one was given) that need the fewest.
 *
 * Returns: %TRUE if @width was understood
 */
gboolean
jm_export_options_apply_wall_width (JmExportOptions  *options,
                                    const char       *width,
                                    GError          **error)
{
  double points;

  g_return_val_if_fail (options != NULL, FALSE);

  if (width == NULL)
    return TRUE;
  if (options->tile_columns > 0 || options->scale > 0 || options->sheets > 0)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Give one of --wall-width, --sheets, --tiles and --scale: --wall-width=%s sets the scale"),
                   width);
      return FALSE;
    }
  if (!jm_length_parse (width, &points, error))
    return FALSE;
  if (points < JM_MM_TO_PT (50))
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("A wall width of “%s” is too narrow for a poster: give 50mm or more, for example 2m"),
                   width);
      return FALSE;
    }
  options->wall_width = points;
  return TRUE;
}

/**
 * jm_export_resolve_personas:
 * @map: a map
 * @names: (nullable) (array zero-terminated=1): persona names (any case)
 *   or ids
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION naming the
 *   persona not found and the map's personas
 *
 * Returns: (transfer full) (nullable): the ids of the personas named, in
 *   map order, or %NULL when @names is %NULL or empty or on error
 */
char **
jm_export_resolve_personas (JmMap               *map,
                            const char * const  *names,
                            GError             **error)
{
  GListModel *personas;
  guint n;
  g_autoptr(GStrvBuilder) ids = NULL;
  g_autofree gboolean *chosen = NULL;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  if (names == NULL || names[0] == NULL)
    return NULL;

  personas = jm_map_get_personas (map);
  n = g_list_model_get_n_items (personas);
  chosen = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *wanted = g_utf8_casefold (names[i], -1);
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          g_autoptr(JmPersona) persona = g_list_model_get_item (personas, j);
          g_autofree char *name = g_utf8_casefold (jm_persona_get_name (persona) != NULL
                                                   ? jm_persona_get_name (persona) : "", -1);

          if (g_strcmp0 (wanted, name) == 0 ||
              g_strcmp0 (names[i], jm_persona_get_id (persona)) == 0)
            chosen[j] = found = TRUE;
        }

      if (!found)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint j = 0; j < n; j++)
            {
              g_autoptr(JmPersona) persona = g_list_model_get_item (personas, j);

              g_string_append_printf (known, "%s%s (%s)", j > 0 ? ", " : "",
                                      jm_persona_get_name (persona),
                                      jm_persona_get_id (persona));
            }
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                       _("No persona “%s” in this map: choose from %s"),
                       names[i], n > 0 ? known->str : _("(none)"));
          return NULL;
        }
    }

  ids = g_strv_builder_new ();
  for (guint j = 0; j < n; j++)
    if (chosen[j])
      {
        g_autoptr(JmPersona) persona = g_list_model_get_item (personas, j);
        g_strv_builder_add (ids, jm_persona_get_id (persona));
      }
  return g_strv_builder_end (ids);
}

/**
 * jm_export_format_for_path:
 * @path: an output file name
 * @format: (out): the format its extension names
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @path ends in .pdf, .png or .svg (any case)
 */
gboolean
jm_export_format_for_path (const char      *path,
                           JmExportFormat  *format,
                           GError         **error)
{
  const char *dot;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    {
      if (g_ascii_strcasecmp (dot, ".pdf") == 0)
        *format = JM_EXPORT_FORMAT_PDF;
      else if (g_ascii_strcasecmp (dot, ".png") == 0)
        *format = JM_EXPORT_FORMAT_PNG;
      else if (g_ascii_strcasecmp (dot, ".svg") == 0)
        *format = JM_EXPORT_FORMAT_SVG;
      else
        dot = NULL;
      if (dot != NULL)
        return TRUE;
    }

  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
               _("Cannot tell the format of “%s”: name the output .pdf, .png or .svg"), path);
  return FALSE;
}
