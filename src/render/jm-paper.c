/* jm-paper.c: paper sizes and the lengths, scales and tile counts of export
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-paper"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jm-paper.h"

G_DEFINE_QUARK (jm-render-error-quark, jm_render_error)

static const struct
{
  const char *name;
  double      width_mm;
  double      height_mm;
} papers[] = {
  { "A4", 210, 297 },
  { "A3", 297, 420 },
  { "A2", 420, 594 },
  { "A1", 594, 841 },
  { "A0", 841, 1189 },
  { "Letter", 215.9, 279.4 },
  { "Legal", 215.9, 355.6 },
  { "Tabloid", 279.4, 431.8 },
};

static const char *paper_names[G_N_ELEMENTS (papers) + 1];

/**
 * jm_paper_list_names:
 *
 * Returns: (transfer none): the named paper sizes, %NULL-terminated
 */
const char * const *
jm_paper_list_names (void)
{
  if (paper_names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
      paper_names[i] = papers[i].name;
  return paper_names;
}

/* Reads a positive decimal number at the start of @text; accepts "." and
 * "," as the decimal mark whatever the locale. */
static gboolean
read_number (const char  *text,
             double      *value,
             const char **end)
{
  g_autofree char *copy = g_strdup (text);
  char *stop = NULL;

  g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &stop);
  if (stop == copy || !isfinite (*value) || *value <= 0)
    return FALSE;
  *end = text + (stop - copy);
  return TRUE;
}

/**
 * jm_length_parse:
 * @text: a length such as "10mm", "1.5cm", "2m", "0.5in" or "12pt"; a bare
 *   number is millimetres
 * @points: (out): the length in points
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @text is a length of zero or more
 */
gboolean
jm_length_parse (const char  *text,
                 double      *points,
                 GError     **error)
{
  const char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (points != NULL, FALSE);

  while (g_ascii_isspace (*text))
    text++;

  if (g_strcmp0 (text, "0") == 0)
    {
      *points = 0;
      return TRUE;
    }

  if (read_number (text, &value, &end))
    {
      while (g_ascii_isspace (*end))
        end++;
      if (*end == '\0' || g_ascii_strcasecmp (end, "mm") == 0)
        *points = JM_MM_TO_PT (value);
      else if (g_ascii_strcasecmp (end, "cm") == 0)
        *points = JM_MM_TO_PT (value * 10);
      else if (g_ascii_strcasecmp (end, "m") == 0)
        *points = JM_MM_TO_PT (value * 1000);
      else if (g_ascii_strcasecmp (end, "in") == 0)
        *points = value * 72;
      else if (g_ascii_strcasecmp (end, "pt") == 0)
        *points = value;
      else
        end = NULL;

      if (end != NULL && *points < 1e6)
        return TRUE;
    }

  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
               _("“%s” is not a length: write a number with a unit, mm, cm, m, in or pt, for example 10mm"),
               text);
  return FALSE;
}

/**
 * jm_paper_parse:
 * @text: a paper name (A4, A3, A2, A1, A0, Letter, Legal, Tabloid; any
 *   case) or a custom size "WIDTHxHEIGHTmm"
 * @width_pt: (out): the width in points, portrait
 * @height_pt: (out): the height in points, portrait
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @text names a paper size
 */
gboolean
jm_paper_parse (const char  *text,
                double      *width_pt,
                double      *height_pt,
                GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (width_pt != NULL && height_pt != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (text, papers[i].name) == 0)
      {
        *width_pt = JM_MM_TO_PT (papers[i].width_mm);
        *height_pt = JM_MM_TO_PT (papers[i].height_mm);
        return TRUE;
      }

  {
    const char *x = strpbrk (text, "xX×");
    const char *end = NULL;
    double w, h;

    /* Custom sizes read WIDTHxHEIGHT with one unit at the end, mm by default;
     * between 20 mm and 5 m each way. */
    if (x != NULL && read_number (text, &w, &end) && end == x)
      {
        g_autofree char *second = g_strdup (x + (g_str_has_prefix (x, "×") ? strlen ("×") : 1));
        double h_pt, unit_pt;
        g_autofree char *unit = NULL;

        if (read_number (second, &h, &end))
          {
            unit = g_strdup_printf ("1%s", end);
            if (jm_length_parse (unit, &unit_pt, NULL))
              {
                h_pt = h * unit_pt;
                w *= unit_pt;
                if (w >= JM_MM_TO_PT (20) && h_pt >= JM_MM_TO_PT (20) &&
                    w <= JM_MM_TO_PT (5000) && h_pt <= JM_MM_TO_PT (5000))
                  {
                    *width_pt = MIN (w, h_pt);
                    *height_pt = MAX (w, h_pt);
                    return TRUE;
                  }
              }
          }
      }
  }

  {
    g_autofree char *names = g_strjoinv (", ", (char **) jm_paper_list_names ());

    g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                 _("Unknown paper “%s”: use one of %s, or a size such as 210x297mm (20 mm to 5 m each way)"),
                 text, names);
  }
  return FALSE;
}

/**
 * jm_tiles_parse:
 * @text: "COLUMNSxROWS", for example "3x2"
 * @columns: (out): sheets across
 * @rows: (out): sheets down
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @text is a tile count from 1x1 to 26x26
 */
gboolean
jm_tiles_parse (const char  *text,
                guint       *columns,
                guint       *rows,
                GError     **error)
{
  guint64 c = 0, r = 0;
  char *end = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  c = g_ascii_strtoull (text, &end, 10);
  if (end != text && (*end == 'x' || *end == 'X'))
    {
      const char *second = end + 1;

      r = g_ascii_strtoull (second, &end, 10);
      if (end != second && *end == '\0' && c >= 1 && r >= 1 && c <= 26 && r <= 26)
        {
          *columns = (guint) c;
          *rows = (guint) r;
          return TRUE;
        }
    }

  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
               _("“%s” is not a tile count: write COLUMNSxROWS, for example 3x2 (1 to 26 each way)"),
               text);
  return FALSE;
}

/**
 * jm_scale_parse:
 * @text: a scale such as "150%" or "1.5"
 * @scale: (out): the scale, 1.0 being actual size
 * @error: return location for a %JM_RENDER_ERROR_INVALID_OPTION
 *
 * Returns: %TRUE if @text is a scale from 10% to 1000%
 */
gboolean
jm_scale_parse (const char  *text,
                double      *scale,
                GError     **error)
{
  const char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);

  if (read_number (text, &value, &end))
    {
      if (*end == '%')
        {
          value /= 100;
          end++;
        }
      if (*end == '\0' && value >= 0.1 && value <= 10)
        {
          *scale = value;
          return TRUE;
        }
    }

  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
               _("“%s” is not a scale: write a percentage from 10%% to 1000%%, for example 150%%"),
               text);
  return FALSE;
}
