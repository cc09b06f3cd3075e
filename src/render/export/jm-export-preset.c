/* jm-export-preset.c: posters that choose their own tiling, and how far
 * away a print can be read
 *
 * A wall preset names the paper and how many sheets the wall has room
 * for; the export chooses the rest. Every tiling of at most that many
 * sheets, portrait and landscape, is tried, and the one that prints the
 * layout largest wins; a tiling whose sheets the layout does not all
 * reach is never chosen, since the same print on fewer sheets is among
 * the candidates. Ties go to fewer sheets, then to the orientation the
 * user would expect (landscape for wide layouts).
 *
 * How far away text can be read follows the signage rule of one inch of
 * capital height for every 25 feet (1 mm per 0.3 m): at that distance a
 * capital subtends about 11.5 minutes of arc, a little over twice the
 * 5 minutes of a 20/20 letter on an optician's chart, so that a room of
 * mixed eyesight reads it. A capital of DejaVu Sans or Cantarell is about
 * 0.72 of the type size.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"

#define CAP_HEIGHT 0.72         /* of the type size */
#define DISTANCE_PER_CAP 300.0  /* metres read per metre of capital height */

/* The scale at which a layout of @width x @height fills @columns x @rows
 * sheets with a printable area of @cw x @ch, neighbours sharing @overlap. */
static double
scale_for (double width,
           double height,
           double cw,
           double ch,
           double overlap,
           guint  columns,
           guint  rows)
{
  return MIN ((columns * (cw - overlap) + overlap) / width,
              (rows * (ch - overlap) + overlap) / height);
}

/* How many sheets of a line of sheets @step apart (sharing @overlap) a
 * length printed @length long reaches. */
static guint
sheets_reached (double length,
                double step,
                double overlap)
{
  return (guint) MAX (1, ceil ((length - overlap) / step - 1e-9));
}

/**
 * jm_export_choose_tiling:
 * @width: the layout's width at actual size, in points
 * @height: its height
 * @paper_width: the paper's width in points (either orientation)
 * @paper_height: its height
 * @margin: points left blank on each side of a sheet
 * @overlap: points neighbouring sheets share
 * @sheets: at most this many sheets
 * @orientation: -1 to choose, 0 for portrait sheets, 1 for landscape
 * @tiling: (out caller-allocates): the choice
 *
 * Chooses the orientation and tiling of at most @sheets sheets that prints
 * the layout largest with every sheet showing part of it.
 *
 * Returns: %TRUE if a tiling was found (@sheets > 0 and the paper has
 *   room inside its margins)
 */
gboolean
jm_export_choose_tiling (double          width,
                         double          height,
                         double          paper_width,
                         double          paper_height,
                         double          margin,
                         double          overlap,
                         guint           sheets,
                         int             orientation,
                         JmExportTiling *tiling)
{
  double short_side = MIN (paper_width, paper_height);
  double long_side = MAX (paper_width, paper_height);
  gboolean found = FALSE;

  g_return_val_if_fail (tiling != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  memset (tiling, 0, sizeof *tiling);
  for (int landscape = 0; landscape <= 1; landscape++)
    {
      /* Wide layouts try landscape first, so that a tie keeps it. */
      gboolean land = width >= height ? !landscape : landscape;
      double cw = (land ? long_side : short_side) - 2 * margin;
      double ch = (land ? short_side : long_side) - 2 * margin;

      if (orientation >= 0 && land != (orientation == 1))
        continue;
      if (cw <= 2 * overlap || ch <= 2 * overlap)
        continue;

      for (guint c = 1; c <= sheets; c++)
        for (guint r = 1; c * r <= sheets; r++)
          {
            double scale = scale_for (width, height, cw, ch, overlap, c, r);

            /* A blank column or row of sheets: the same print on fewer
             * sheets is a candidate of its own. */
            if (sheets_reached (width * scale, cw - overlap, overlap) < c ||
                sheets_reached (height * scale, ch - overlap, overlap) < r)
              continue;
            if (!found || scale > tiling->scale * 1.0001 ||
                (scale > tiling->scale * 0.9999 && c * r < tiling->columns * tiling->rows))
              {
                found = TRUE;
                tiling->landscape = land;
                tiling->columns = c;
                tiling->rows = r;
                tiling->scale = scale;
              }
          }
    }
  return found;
}

/**
 * jm_export_reading_distance:
 * @points: the size of the smallest text on paper, in points
 *
 * Returns: the distance, in metres, from which text of that size can be
 *   read (see the rule at the top of this file)
 */
double
jm_export_reading_distance (double points)
{
  double cap = points * CAP_HEIGHT / 72 * 0.0254;

  return MAX (points, 0) > 0 ? cap * DISTANCE_PER_CAP : 0;
}

/**
 * jm_export_describe_distance:
 * @points: the size of the smallest text on paper, in points
 *
 * Says how far away a print can be read, rounded down to a distance a
 * person can pace out: tenths of a metre under one metre, half metres
 * under three, whole metres above.
 *
 * Returns: (transfer full): "Readable from about 2.5 m (smallest text 23 pt)"
 */
char *
jm_export_describe_distance (double points)
{
  double d = jm_export_reading_distance (points);
  double step = d < 1 ? 0.1 : d < 3 ? 0.5 : 1;
  double shown = MAX (floor (d / step + 1e-6) * step, 0.1);
  g_autofree char *size = g_strdup_printf (points < 10 ? "%.1f" : "%.0f", points);
  g_autofree char *metres = g_strdup_printf (shown < 3 && shown != floor (shown) ? "%.1f" : "%.0f",
                                             shown);

  if (points < 6)
    /* Translators: %s is a type size in points, such as "4.5" */
    return g_strdup_printf (_("Readable only up close: the smallest text prints at %s pt"), size);
  /* Translators: the first %s is a distance in metres, the second a type size in points */
  return g_strdup_printf (_("Readable from about %s m (smallest text %s pt)"), metres, size);
}
