/* jm-export.c: page layouts of a map on paper, and writing them out
 *
 * A layout is a stack of horizontal bands (a title, the stage header, one
 * band per template row or lane, a legend) measured once at actual size.
 * Bands flow into frames: for "fit" output, frames as tall as a sheet, a row
 * too tall for what is left continuing on the next frame under a repeated
 * header, and an item taller than a whole sheet cut at the foot of one of
 * its lines and continued; for posters and images, one frame holding
 * everything. Pages then show frames scaled to the paper, or tiles of the
 * poster frame.
 *
 * The plan copies what it draws from the map, so pages may be drawn in a
 * worker thread while the map is being edited.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "jm-atomic-file.h"
#include "jm-card-render.h"
#include "jm-export.h"
#include "jm-names.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"
#include "jm-text-measure.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, Noto Sans, sans-serif"
#define PAD 5.0
#define ITEM_GAP 5.0
#define FRAME_GAP 24.0
#define PNG_PIXELS_PER_POINT 2.0
#define MAX_IMAGE_PIXELS 32000
#define TINY_TEXT 0.25          /* device units: text this high is not drawn */
#define MAX_TEXT_SCALE 8.0      /* the largest scale Pango is asked to lay text out at */
#define LONG_TEXT 2048          /* bytes: longer texts are laid out once, and drawn by lines */
#define TEXT_PIECE 1024         /* bytes of a long text laid out at a time */

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
  static const char *names[] = { "grid", "board", "persona" };

  g_return_val_if_fail (text != NULL && layout != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *layout = (JmExportLayout) i;
        return TRUE;
      }

  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
               _("Unknown layout “%s”: use grid, board or persona"), text);
  return FALSE;
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
    options->landscape = options->layout != JM_EXPORT_LAYOUT_PERSONA;
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

/* ---------------------------------------------------------- layout model */

typedef enum {
  ITEM_SUMMARY,   /* grid row 1: title, channel, moment of truth, scores */
  ITEM_TEXT,      /* grid rows 2-6: one touchpoint's text for that row */
  ITEM_CARD,      /* board: a card */
} ItemKind;

typedef struct
{
  ItemKind      kind;
  double        height;
  JmTouchpoint *touchpoint;   /* owned by the plan */
  JmPersona    *persona;      /* owned by the plan */
  const char   *text;         /* owned by the touchpoint */
  gboolean      show_persona; /* a persona-coloured dot, when lanes share a grid */
  gboolean      show_emotion;
} Item;

typedef enum {
  BAND_TITLE,
  BAND_CONTINUED,
  BAND_STAGES,
  BAND_ROW,
  BAND_LEGEND,
  BAND_PERSONA_HEAD,
  BAND_SECTION,
  BAND_GAP,
} BandKind;

typedef struct
{
  BandKind   kind;
  double     height;          /* all kinds but rows */
  char      *text;            /* title, section heading, row label */
  char      *subtitle;
  char      *stamp;
  char     **list;            /* section bullets */
  JmPersona *persona;         /* lane colour, persona sheet */
  cairo_surface_t *picture;
  gboolean   picture_refused; /* persona sheet: a picture kept but not shown */
  double     label_height;    /* rows */
  double     label_height_continued;
  guint      n_cols;
  GPtrArray **cells;          /* rows: n_cols arrays of Item */
  double     curve_height;    /* rows: the emotion curve above the items */
  double    *curve;           /* rows: mean emotion per column, NAN where none */
} Band;

typedef struct
{
  Band  *band;
  double y;
  double height;
  guint *from;
  guint *to;
  double *from_off;           /* rows: where in item from[c] the segment starts */
  double *end_off;            /* rows: item to[c] shown up to here, when > 0 */
  double band_off;            /* other bands: where in the band this part starts */
  gboolean first;
} Placed;

typedef struct
{
  double     height;
  double     scale;           /* fit pages: scale to the sheet */
  GPtrArray *placed;          /* Placed, owned */
} Frame;

typedef struct
{
  GPtrArray *bands;           /* Band, owned by the plan */
  Band      *continued;       /* repeated atop continuation frames, nullable */
  Band      *stages;          /* repeated atop continuation frames, nullable */
} Group;

typedef enum {
  PAGE_FRAME,
  PAGE_ASSEMBLY,
  PAGE_TILE,
} PageKind;

typedef struct
{
  PageKind kind;
  guint    index;
  guint    row;
  guint    col;
} Page;

struct _JmExportPlan
{
  gatomicrefcount ref_count;
  JmExportOptions options;

  char        *title;
  char        *stamp;
  char        *date_text;
  GPtrArray   *stages;        /* JmStage copies */
  GPtrArray   *personas;      /* JmPersona copies, the lanes shown */
  GPtrArray   *touchpoints;   /* JmTouchpoint copies */
  GPtrArray   *bands;         /* Band */
  GPtrArray   *groups;        /* Group */

  JmCardStyle  card_style;
  double       label_width;
  double       col_width;
  double       frame_width;

  GPtrArray   *frames;        /* Frame: the fit pages */
  Frame       *poster;        /* everything in one frame */
  GArray      *pages;         /* Page */

  double       page_width;
  double       page_height;
  /* Posters. */
  gboolean     tiled;
  guint        tile_cols;
  guint        tile_rows;
  double       tile_scale;
  double       tile_offset_x;
  double       tile_offset_y;

  gboolean     laid_out;

  /* Long texts laid out once: TextLines by text_lines_key(), shared by
   * the threads that measure, under the lock. */
  GMutex       text_lines_lock;
  GHashTable  *text_lines;
};

/* Drawing context: one Pango layout reused for every text. */
typedef struct
{
  JmExportPlan         *plan;
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  gboolean              draw;
  gboolean              greek;   /* tiny thumbnails: blocks stand for text */
  double                device_scale; /* device units to a unit, drawing frames */
  gboolean              merge;   /* greek blocks of a column drawn as one when the
                                  * gaps between them are too thin to see */
  gboolean              block;   /* a greek block waits to be filled */
  double                block_x, block_y, block_w, block_h;
  JmRgba                block_colour;
  JmTextMeasure        *measure; /* measuring: heights from cached word widths */
  GArray               *breaks;  /* if set, the bottom of every line of text laid out */
  /* Visible area in frame coordinates, to skip what is clipped away. */
  double                clip_x1;
  double                clip_y1;
  double                clip_x2;
  double                clip_y2;
} Ctx;

static const JmRgba ink = { 0.14, 0.12, 0.19, 1 };
static const JmRgba muted = { 0.37, 0.36, 0.39, 1 };
static const JmRgba rule = { 0.69, 0.69, 0.67, 1 };
static const JmRgba shade = { 0.94, 0.94, 0.93, 1 };
static const JmRgba header_shade = { 0.87, 0.87, 0.85, 1 };

static void
setup_font_options (cairo_t *cr)
{
  cairo_font_options_t *fo = cairo_font_options_create ();

  /* Unhinted metrics, so that text measured once lays out the same on
   * every surface and at every scale. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options (cr, fo);
  cairo_font_options_destroy (fo);
}

static void
ctx_init (Ctx          *ctx,
          JmExportPlan *plan,
          cairo_t      *cr,
          gboolean      draw)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->plan = plan;
  ctx->cr = cr;
  ctx->draw = draw;
  setup_font_options (cr);
  ctx->layout = pango_cairo_create_layout (cr);
  ctx->font = pango_font_description_from_string (FONT_FAMILY);
  ctx->device_scale = 1;
  ctx->clip_x1 = -INFINITY;
  ctx->clip_y1 = -INFINITY;
  ctx->clip_x2 = INFINITY;
  ctx->clip_y2 = INFINITY;
  /* Measuring lays out tens of thousands of paragraphs made of a few
   * hundred words: add up cached word widths where that gives Pango's
   * answer. */
  ctx->measure = draw ? NULL : jm_text_measure_new (pango_layout_get_context (ctx->layout));
}

static void
ctx_clear (Ctx *ctx)
{
  if (ctx->measure != NULL)
    {
      guint fast, slow;

      jm_text_measure_get_counts (ctx->measure, &fast, &slow);
      g_debug ("%u paragraphs measured from word widths, %u by Pango", fast, slow);
    }
  g_clear_pointer (&ctx->measure, jm_text_measure_free);
  g_clear_object (&ctx->layout);
  g_clear_pointer (&ctx->font, pango_font_description_free);
}

/* Long texts --------------------------------------------------------
 *
 * Pango lays a paragraph out in time that grows with the square of its
 * longest unbreakable run, and a page break used to lay the whole item
 * out again, for every page: a 20 KB title took minutes. A long text is
 * laid out once, a piece at a time, into a table of its lines (where each
 * starts in the text, where each ends on the page); page breaks are found
 * in the table, and each page lays out and draws only the lines it shows. */

typedef struct
{
  int    start;     /* byte offset of the line's first character */
  double bottom;    /* the foot of the line, from the top of the text */
} TextLine;

typedef struct
{
  GArray *lines;    /* TextLine, at least one */
  int     length;   /* bytes of the text */
} TextLines;

/* A text and how it is set. Looking a table up must not cost the length
 * of the text, or every page would again: the key holds the text's
 * address, and its own copy to tell a text from another at an address
 * that was freed and reused. */
typedef struct
{
  const char *text;
  char       *copy;
  int         length;
  int         size;
  int         weight;
  int         style;
  int         width;
} TextKey;

static guint
text_key_hash (gconstpointer data)
{
  const TextKey *key = data;

  return g_direct_hash (key->text) ^ (guint) key->length * 31u ^ (guint) key->size * 17u ^
         (guint) key->width * 7u ^ (guint) key->weight ^ (guint) key->style << 16;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *ka = a, *kb = b;

  return ka->text == kb->text && ka->length == kb->length && ka->size == kb->size &&
         ka->weight == kb->weight && ka->style == kb->style && ka->width == kb->width;
}

static void
text_key_free (gpointer data)
{
  TextKey *key = data;

  g_free (key->copy);
  g_free (key);
}

static void
text_lines_free (gpointer data)
{
  TextLines *tl = data;

  g_array_unref (tl->lines);
  g_free (tl);
}

static double
text_line_top (TextLines *tl,
               guint      i)
{
  return i == 0 ? 0 : g_array_index (tl->lines, TextLine, i - 1).bottom;
}

/* @layout has the font, width and wrapping of the text set. Each piece
 * of text is laid out with all its lines kept but the last, which may
 * be cut short by the end of the piece: the next piece starts there, so
 * the lines are the ones a layout of the whole text has. */
static TextLines *
text_lines_build (PangoLayout *layout,
                  const char  *text)
{
  TextLines *tl = g_new0 (TextLines, 1);
  int length = strlen (text);
  int start = 0;
  double top = 0;

  tl->lines = g_array_new (FALSE, FALSE, sizeof (TextLine));
  tl->length = length;
  for (;;)
    {
      int end = MIN (length, start + TEXT_PIECE);
      gboolean last;
      PangoLayoutIter *iter;
      int n_lines, i = 0, next = -1;
      double next_top = 0;

      /* End the piece on a character. */
      while (end < length && end > start && (text[end] & 0xc0) == 0x80)
        end--;
      last = end >= length;
      pango_layout_set_text (layout, text + start, end - start);
      n_lines = pango_layout_get_line_count (layout);
      iter = pango_layout_get_iter (layout);
      do
        {
          int line_top, line_bottom;
          TextLine line;

          pango_layout_iter_get_line_yrange (iter, &line_top, &line_bottom);
          line.start = start + pango_layout_iter_get_index (iter);
          line.bottom = top + (double) line_bottom / PANGO_SCALE;
          /* The last line of a piece waits for the next piece, unless it
           * is all the piece holds (a line longer than a piece). */
          if (!last && i == n_lines - 1 && n_lines > 1)
            {
              next = line.start;
              next_top = top + (double) line_top / PANGO_SCALE;
              break;
            }
          g_array_append_val (tl->lines, line);
          i++;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);

      if (last)
        break;
      if (next < 0)
        {
          next = end;
          next_top = g_array_index (tl->lines, TextLine, tl->lines->len - 1).bottom;
        }
      start = next;
      top = next_top;
    }
  return tl;
}

/* The line table of @text as @ctx's font and @pango_width lay it out,
 * built on first use. */
static TextLines *
text_lines_get (Ctx        *ctx,
                const char *text,
                int         pango_width)
{
  JmExportPlan *plan = ctx->plan;
  TextKey key = {
    .text = text,
    .length = strlen (text),
    .size = pango_font_description_get_size (ctx->font),
    .weight = pango_font_description_get_weight (ctx->font),
    .style = pango_font_description_get_style (ctx->font),
    .width = pango_width,
  };
  g_autoptr(PangoLayout) layout = NULL;
  TextKey *known_key = NULL;
  TextLines *tl = NULL;

  g_mutex_lock (&plan->text_lines_lock);
  if (g_hash_table_lookup_extended (plan->text_lines, &key, (gpointer *) &known_key,
                                    (gpointer *) &tl) &&
      memcmp (known_key->copy, text, key.length) == 0)
    {
      g_mutex_unlock (&plan->text_lines_lock);
      return tl;
    }
  g_mutex_unlock (&plan->text_lines_lock);

  layout = pango_layout_new (pango_layout_get_context (ctx->layout));
  pango_layout_set_font_description (layout, ctx->font);
  pango_layout_set_width (layout, pango_width);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  tl = text_lines_build (layout, text);

  /* The first table built for the key is kept, another thread's perhaps;
   * a table of another text that was at this address is replaced. */
  g_mutex_lock (&plan->text_lines_lock);
  if (g_hash_table_lookup_extended (plan->text_lines, &key, (gpointer *) &known_key, NULL) &&
      memcmp (known_key->copy, text, key.length) == 0)
    {
      text_lines_free (tl);
      tl = g_hash_table_lookup (plan->text_lines, &key);
    }
  else
    {
      TextKey *own = g_memdup2 (&key, sizeof key);

      own->copy = g_strdup (text);
      g_hash_table_replace (plan->text_lines, own, tl);
    }
  g_mutex_unlock (&plan->text_lines_lock);
  return tl;
}

/* Draws the lines of @tl that the clip shows, the text's top at (@x, @y),
 * a few lines to a layout. */
static void
text_lines_draw (Ctx        *ctx,
                 TextLines  *tl,
                 const char *text,
                 double      x,
                 double      y)
{
  double x1, y1, x2, y2;
  guint first = 0, n = tl->lines->len;

  cairo_clip_extents (ctx->cr, &x1, &y1, &x2, &y2);
  /* The first line whose foot is below the top of the clip. */
  {
    guint lo = 0, hi = n;

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;

        if (y + g_array_index (tl->lines, TextLine, mid).bottom <= y1)
          lo = mid + 1;
        else
          hi = mid;
      }
    first = lo;
  }

  while (first < n && y + text_line_top (tl, first) < y2)
    {
      guint last = first;
      int from = g_array_index (tl->lines, TextLine, first).start;
      int to;

      while (last + 1 < n && last - first < 32 &&
             y + text_line_top (tl, last + 1) < y2 &&
             g_array_index (tl->lines, TextLine, last + 1).start - from < TEXT_PIECE)
        last++;
      to = last + 1 < n ? g_array_index (tl->lines, TextLine, last + 1).start : tl->length;
      pango_layout_set_text (ctx->layout, text + from, to - from);
      cairo_move_to (ctx->cr, x, y + text_line_top (tl, first));
      pango_cairo_show_layout (ctx->cr, ctx->layout);
      first = last + 1;
    }
}

/* text_at() for a long text, its font set on @ctx. */
static double
long_text_at (Ctx          *ctx,
              const char   *text,
              double        x,
              double        y,
              int           pango_width,
              const JmRgba *colour)
{
  TextLines *tl = text_lines_get (ctx, text, pango_width);

  if (ctx->breaks != NULL)
    for (guint i = 0; i < tl->lines->len; i++)
      {
        double at = y + g_array_index (tl->lines, TextLine, i).bottom;

        g_array_append_val (ctx->breaks, at);
      }
  if (ctx->draw)
    {
      pango_layout_set_font_description (ctx->layout, ctx->font);
      pango_layout_set_width (ctx->layout, pango_width);
      pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
      jm_render_set_rgba (ctx->cr, colour);
      text_lines_draw (ctx, tl, text, x, y);
    }
  return g_array_index (tl->lines, TextLine, tl->lines->len - 1).bottom;
}

/* Lays out @text at @size wrapped in @width (fully: nothing is cut), draws
 * it at (@x, @y) when drawing, and returns its height. */
static double
text_at (Ctx          *ctx,
         const char   *text,
         double        x,
         double        y,
         double        width,
         double        size,
         PangoWeight   weight,
         PangoStyle    style,
         const JmRgba *colour)
{
  int pango_width = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  int h;

  /* Text under a quarter of a device unit high (a poster at 1%, its
   * thumbnail) is a smudge at most: it is not shaped nor drawn. */
  if (ctx->draw && size * ctx->device_scale < TINY_TEXT)
    return size * 1.25;

  pango_font_description_set_absolute_size (ctx->font, size * PANGO_SCALE);
  pango_font_description_set_weight (ctx->font, weight);
  pango_font_description_set_style (ctx->font, style);
  if (pango_width > 0 && strlen (text) > LONG_TEXT)
    return long_text_at (ctx, text, x, y, pango_width, colour);
  if (ctx->measure != NULL && ctx->breaks == NULL)
    return (double) jm_text_measure_height (ctx->measure, ctx->font, text, pango_width) / PANGO_SCALE;

  pango_layout_set_font_description (ctx->layout, ctx->font);
  pango_layout_set_text (ctx->layout, text, -1);
  pango_layout_set_width (ctx->layout, pango_width);
  pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_size (ctx->layout, NULL, &h);

  if (ctx->breaks != NULL)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (ctx->layout);

      do
        {
          int top, bottom;
          double at;

          pango_layout_iter_get_line_yrange (iter, &top, &bottom);
          at = y + (double) bottom / PANGO_SCALE;
          g_array_append_val (ctx->breaks, at);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  if (ctx->draw)
    {
      jm_render_set_rgba (ctx->cr, colour);
      cairo_move_to (ctx->cr, x, y);
      pango_cairo_show_layout (ctx->cr, ctx->layout);
    }
  return (double) h / PANGO_SCALE;
}

static double
text_width (Ctx        *ctx,
            const char *text,
            double      size,
            PangoWeight weight)
{
  int w;

  if (ctx->draw && size * ctx->device_scale < TINY_TEXT)
    return size * 0.6 * g_utf8_strlen (text, -1);

  pango_font_description_set_absolute_size (ctx->font, size * PANGO_SCALE);
  pango_font_description_set_weight (ctx->font, weight);
  pango_font_description_set_style (ctx->font, PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (ctx->layout, ctx->font);
  pango_layout_set_text (ctx->layout, text, -1);
  pango_layout_set_width (ctx->layout, -1);
  pango_layout_get_size (ctx->layout, &w, NULL);
  return (double) w / PANGO_SCALE;
}

static void
persona_rgba (JmPersona *persona,
              JmRgba    *rgba)
{
  if (persona == NULL || !jm_rgba_parse (rgba, jm_persona_get_colour (persona)))
    jm_rgba_parse (rgba, jm_palette_colour (0));
}

/* ----------------------------------------------------------------- items */

static char *
scores_text (JmTouchpoint *tp)
{
  GString *s = g_string_new (NULL);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      int r = jm_touchpoint_get_rating (tp, m);

      if (m > 0)
        g_string_append (s, "  ");
      if (r >= JM_RATING_MIN && r <= JM_RATING_MAX)
        g_string_append_printf (s, "%s %d", jm_render_measure_short_label (m), r);
      else
        g_string_append_printf (s, "%s –", jm_render_measure_short_label (m));
    }
  return g_string_free (s, FALSE);
}

/* Lays an item out at @width from its top left corner; returns its height. */
static double
item_layout (Ctx   *ctx,
             Item  *item,
             double width)
{
  JmTouchpoint *tp = item->touchpoint;
  cairo_t *cr = ctx->cr;
  double x = 0, y = 0, indent = 0;

  if (item->kind == ITEM_CARD)
    {
      if (ctx->draw)
        {
          jm_card_render_measured (cr, tp, item->persona, &ctx->plan->card_style, width,
                                   item->height);
          return item->height;
        }
      return jm_card_measure (cr, tp, &ctx->plan->card_style, width);
    }

  if (item->show_persona)
    {
      indent = 8;
      if (ctx->draw)
        {
          JmRgba c;

          persona_rgba (item->persona, &c);
          jm_render_set_rgba (cr, &c);
          cairo_new_path (cr);
          cairo_arc (cr, 2.5, 5.5, 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  x = indent;

  if (item->kind == ITEM_SUMMARY)
    {
      const char *title = jm_touchpoint_get_title (tp);
      const char *channel = jm_touchpoint_get_channel (tp);
      const char * const *teams = jm_touchpoint_get_teams (tp);
      gboolean mot = jm_touchpoint_get_moment_of_truth (tp);
      g_autofree char *scores = scores_text (tp);
      double star = mot ? 11 : 0;

      if (mot && ctx->draw)
        jm_render_mot_mark (cr, &ctx->plan->card_style, width - 4.5, 5, 4.5);
      if (title == NULL || *title == '\0')
        y += text_at (ctx, _("Untitled touchpoint"), x, y, width - x - star, 8,
                      PANGO_WEIGHT_BOLD, PANGO_STYLE_ITALIC, &muted);
      else
        y += text_at (ctx, title, x, y, width - x - star, 8,
                      PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
      y += text_at (ctx, channel != NULL && *channel != '\0'
                    ? jm_channel_get_label (channel) : _("No channel"),
                    x, y, width - x, 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      if (teams != NULL && teams[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) teams);
          g_autofree char *line = g_strdup_printf (_("Teams: %s"), joined);

          y += text_at (ctx, line, x, y, width - x, 7, PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_NORMAL, &muted);
        }
      y += text_at (ctx, scores, x, y, width - x, 7, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_NORMAL, &ink);
      return y;
    }

  /* ITEM_TEXT */
  {
    int emotion = jm_touchpoint_get_emotion (tp);
    double face = 0;
    double h;

    if (item->show_emotion && emotion >= JM_EMOTION_MIN && emotion <= JM_EMOTION_MAX)
      {
        face = 11;
        if (ctx->draw)
          jm_render_emotion_face (cr, &ctx->plan->card_style, x, 0, 9, emotion);
      }
    else
      {
        face = 7;
        if (ctx->draw)
          text_at (ctx, "•", x, 0, -1, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      }
    h = text_at (ctx, item->text, x + face, 0, width - x - face, 8,
                 PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);
    return MAX (h, face);
  }
}

/* ----------------------------------------------------------------- bands */

static void
band_free (gpointer data)
{
  Band *band = data;

  g_free (band->text);
  g_free (band->subtitle);
  g_free (band->stamp);
  g_strfreev (band->list);
  g_clear_pointer (&band->picture, cairo_surface_destroy);
  if (band->cells != NULL)
    {
      for (guint c = 0; c < band->n_cols; c++)
        g_ptr_array_unref (band->cells[c]);
      g_free (band->cells);
    }
  g_free (band->curve);
  g_free (band);
}

static Band *
band_new (JmExportPlan *plan,
          BandKind      kind)
{
  Band *band = g_new0 (Band, 1);

  band->kind = kind;
  g_ptr_array_add (plan->bands, band);
  return band;
}

static Band *
row_band_new (JmExportPlan *plan,
              const char   *label,
              JmPersona    *persona)
{
  Band *band = band_new (plan, BAND_ROW);

  band->text = g_strdup (label);
  band->persona = persona;
  band->n_cols = plan->stages->len;
  band->cells = g_new0 (GPtrArray *, band->n_cols);
  for (guint c = 0; c < band->n_cols; c++)
    band->cells[c] = g_ptr_array_new_with_free_func (g_free);
  return band;
}

static void
row_add (Band     *band,
         guint     col,
         ItemKind  kind,
         JmTouchpoint *tp,
         JmPersona *persona,
         const char *text)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->touchpoint = tp;
  item->persona = persona;
  item->text = text;
  g_ptr_array_add (band->cells[col], item);
}

/* Bands' own drawing; every function lays out from the band's top left and
 * returns the height, drawing only when @ctx draws. */

static double
legend_layout (Ctx   *ctx,
               double width)
{
  cairo_t *cr = ctx->cr;
  double x = 0, y = 0, line_h = 12;
  const double size = 7;

  /* A flowing line of entries: each an icon and a label; wraps as needed. */
  for (int i = -1; i <= JM_RATING_MAX + 1; i++)
    {
      g_autofree char *label = NULL;
      double icon = 0, w;
      int emotion = 0;

      if (i == -1)
        label = g_strdup (_("Legend:"));
      else if (i <= 4)
        {
          emotion = i - 2;
          label = g_strdup (jm_emotion_get_label (emotion));
          icon = 11;
        }
      else if (i == 5)
        {
          label = g_strdup (_("Moment of truth"));
          icon = 11;
        }
      else
        {
          g_autofree char *names = g_strdup_printf ("%s (%s), %s (%s), %s (%s), %s (%s)",
                                                    jm_render_measure_short_label (0), jm_measure_get_label (0),
                                                    jm_render_measure_short_label (1), jm_measure_get_label (1),
                                                    jm_render_measure_short_label (2), jm_measure_get_label (2),
                                                    jm_render_measure_short_label (3), jm_measure_get_label (3));
          label = g_strdup_printf (_("Scores from 1 (poor) to 5 (excellent), – not rated: %s"), names);
        }

      w = icon + text_width (ctx, label, size, i == -1 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line_h;
        }
      if (w > width)
        {
          /* Only the scores text can be this long: let it wrap below. */
          y += text_at (ctx, label, 0, y, width, size, PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_NORMAL, &muted);
          x = 0;
          continue;
        }
      if (ctx->draw)
        {
          if (i >= 0 && i <= 4)
            jm_render_emotion_face (cr, &ctx->plan->card_style, x, y, 9, emotion);
          else if (i == 5)
            jm_render_mot_mark (cr, &ctx->plan->card_style, x + 4.5, y + 4.5, 4.5);
        }
      text_at (ctx, label, x + icon, y, -1, size,
               i == -1 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
               i == -1 ? &ink : &muted);
      x += w + 12;
    }
  return y + line_h + PAD;
}

static double
title_layout (Ctx   *ctx,
              Band  *band,
              double width)
{
  double y = 0;

  y += text_at (ctx, band->text, 0, y, width, 18, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  if (band->subtitle != NULL)
    y += text_at (ctx, band->subtitle, 0, y, width, 10, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_NORMAL, &ink);
  y += text_at (ctx, band->stamp, 0, y, width, 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
  return y + PAD * 2;
}

static double
continued_layout (Ctx   *ctx,
                  Band  *band,
                  double width)
{
  return text_at (ctx, band->text, 0, 0, width, 9, PANGO_WEIGHT_BOLD,
                  PANGO_STYLE_ITALIC, &muted) + PAD;
}

static double
stages_layout (Ctx   *ctx,
               Band  *band,
               double width)
{
  JmExportPlan *plan = ctx->plan;
  double h = 0;

  if (ctx->draw)
    {
      jm_render_set_rgba (ctx->cr, &header_shade);
      cairo_rectangle (ctx->cr, 0, 0, width, band->height);
      cairo_fill (ctx->cr);
      text_at (ctx, band->text, PAD, PAD, plan->label_width - 2 * PAD, 8,
               PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &muted);
    }
  for (guint c = 0; c < plan->stages->len; c++)
    {
      JmStage *stage = g_ptr_array_index (plan->stages, c);
      double x = plan->label_width + c * plan->col_width + PAD;
      double w = plan->col_width - 2 * PAD;
      const char *description = jm_stage_get_description (stage);
      double y = PAD;

      y += text_at (ctx, jm_stage_get_name (stage), x, y, w, 10, PANGO_WEIGHT_BOLD,
                    PANGO_STYLE_NORMAL, &ink);
      if (description != NULL && *description != '\0')
        y += text_at (ctx, description, x, y, w, 7, PANGO_WEIGHT_NORMAL,
                      PANGO_STYLE_NORMAL, &muted);
      h = MAX (h, y + PAD);
    }
  if (ctx->draw)
    {
      cairo_set_line_width (ctx->cr, 0.5);
      jm_render_set_rgba (ctx->cr, &rule);
      for (guint c = 0; c <= plan->stages->len; c++)
        {
          double x = plan->label_width + c * plan->col_width;
          cairo_move_to (ctx->cr, x, 0);
          cairo_line_to (ctx->cr, x, band->height);
        }
      cairo_rectangle (ctx->cr, 0, 0, width, band->height);
      cairo_stroke (ctx->cr);
    }
  return h;
}

static void
draw_initials (cairo_t    *cr,
               Ctx        *ctx,
               JmPersona  *persona,
               double      size)
{
  g_autofree char *initials = jm_persona_dup_initials (persona);
  JmRgba c;
  const JmRgba white = { 1, 1, 1, 1 };
  double w;

  persona_rgba (persona, &c);
  jm_render_set_rgba (cr, &c);
  cairo_arc (cr, size / 2, size / 2, size / 2, 0, 2 * G_PI);
  cairo_fill (cr);
  if (initials != NULL && *initials != '\0')
    {
      w = text_width (ctx, initials, size * 0.38, PANGO_WEIGHT_BOLD);
      text_at (ctx, initials, (size - w) / 2, size * 0.27, -1, size * 0.38,
               PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &white);
    }
}

static double
persona_head_layout (Ctx   *ctx,
                     Band  *band,
                     double width)
{
  JmPersona *persona = band->persona;
  const double pic = 96;
  double x = pic + 16, y = 0;
  int age = jm_persona_get_age (persona);
  const char *role = jm_persona_get_role (persona);
  const char *quote = jm_persona_get_quote (persona);
  g_autoptr(GString) line = g_string_new (NULL);
  JmRgba c;

  if (ctx->draw)
    {
      cairo_t *cr = ctx->cr;

      cairo_save (cr);
      if (band->picture != NULL)
        {
          double pw = cairo_image_surface_get_width (band->picture);
          double ph = cairo_image_surface_get_height (band->picture);
          double s = pic / MAX (pw, ph);

          cairo_arc (cr, pic / 2, pic / 2, pic / 2, 0, 2 * G_PI);
          cairo_clip (cr);
          cairo_translate (cr, (pic - pw * s) / 2, (pic - ph * s) / 2);
          cairo_scale (cr, s, s);
          cairo_set_source_surface (cr, band->picture, 0, 0);
          cairo_paint (cr);
        }
      else if (band->picture_refused)
        jm_render_refused_picture (cr, 0, 0, pic);
      else
        draw_initials (cr, ctx, persona, pic);
      cairo_restore (cr);
    }

  y += text_at (ctx, jm_persona_get_name (persona), x, y, width - x, 22,
                PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  if (age > 0)
    g_string_append_printf (line, _("Age %d"), age);
  if (role != NULL && *role != '\0')
    g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", role);
  if (line->len > 0)
    y += text_at (ctx, line->str, x, y, width - x, 11, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_NORMAL, &muted);
  if (quote != NULL && *quote != '\0')
    {
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote);

      y += 6;
      y += text_at (ctx, quoted, x, y, width - x, 11, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_ITALIC, &ink);
    }

  y = MAX (y, pic) + 10;
  if (ctx->draw)
    {
      persona_rgba (persona, &c);
      jm_render_set_rgba (ctx->cr, &c);
      cairo_rectangle (ctx->cr, 0, y - 4, width, 2);
      cairo_fill (ctx->cr);
    }
  return y + 6;
}

static double
section_layout (Ctx   *ctx,
                Band  *band,
                double width)
{
  double y = 0;

  y += text_at (ctx, band->text, 0, y, width, 11, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  y += 2;
  if (band->subtitle != NULL)
    y += text_at (ctx, band->subtitle, 0, y, width, 9.5, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_NORMAL, &ink);
  for (guint i = 0; band->list != NULL && band->list[i] != NULL; i++)
    {
      if (ctx->draw)
        text_at (ctx, "•", 4, y, -1, 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      y += text_at (ctx, band->list[i], 14, y, width - 14, 9.5, PANGO_WEIGHT_NORMAL,
                    PANGO_STYLE_NORMAL, &ink) + 1;
    }
  return y + 10;
}

static double
row_label_layout (Ctx      *ctx,
                  Band     *band,
                  gboolean  continued)
{
  JmExportPlan *plan = ctx->plan;
  double w = plan->label_width - 2 * PAD - (band->persona != NULL ? 4 : 0);
  double x = PAD + (band->persona != NULL ? 4 : 0);
  double y = PAD;

  y += text_at (ctx, band->text, x, y, w, 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
  if (continued)
    y += text_at (ctx, _("(continued)"), x, y, w, 7, PANGO_WEIGHT_NORMAL,
                  PANGO_STYLE_ITALIC, &muted);
  return y + PAD;
}

static void
draw_curve (Ctx   *ctx,
            Band  *band,
            double top)
{
  JmExportPlan *plan = ctx->plan;
  cairo_t *cr = ctx->cr;
  double h = band->curve_height - PAD;
  double mid = top + h / 2;
  double amp = (h - 12) / 2 / JM_EMOTION_MAX;
  double dash = 2;
  gboolean pen = FALSE;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  jm_render_set_rgba (cr, &rule);
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_move_to (cr, plan->label_width + PAD, mid);
  cairo_line_to (cr, plan->frame_width - PAD, mid);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_set_line_width (cr, 1.5);
  jm_render_set_rgba (cr, &ink);
  for (guint c = 0; c < band->n_cols; c++)
    {
      double x = plan->label_width + (c + 0.5) * plan->col_width;

      if (isnan (band->curve[c]))
        {
          if (pen)
            cairo_stroke (cr);
          pen = FALSE;
          continue;
        }
      cairo_line_to (cr, x, mid - band->curve[c] * amp);
      pen = TRUE;
    }
  if (pen)
    cairo_stroke (cr);

  for (guint c = 0; c < band->n_cols; c++)
    if (!isnan (band->curve[c]))
      {
        double x = plan->label_width + (c + 0.5) * plan->col_width;
        double y = mid - band->curve[c] * amp;

        cairo_new_path (cr);
        cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_fill (cr);
        jm_render_emotion_face (cr, &plan->card_style, x - 5, y - 5, 10,
                                (int) lround (band->curve[c]));
      }
  cairo_restore (cr);
}

static void
block_fill (Ctx *ctx)
{
  if (!ctx->block)
    return;
  jm_render_set_rgba (ctx->cr, &ctx->block_colour);
  cairo_rectangle (ctx->cr, ctx->block_x, ctx->block_y, ctx->block_w, ctx->block_h);
  cairo_fill (ctx->cr);
  ctx->block = FALSE;
}

/* A greeked item: a block in its lane's colour for a card, a grey one for
 * text. The blocks of a column whose gaps are too thin to see are one
 * block: a poster of thousands of cards is otherwise thousands of fills,
 * each recorded, analysed and written on its own, for the same look. */
static void
block_add (Ctx    *ctx,
           Item   *item,
           double  x,
           double  y,
           double  width,
           double  height)
{
  JmRgba c = header_shade;

  if (item->kind == ITEM_CARD)
    {
      persona_rgba (item->persona, &c);
      c.alpha = 0.35;
    }
  if (ctx->block && ctx->merge && x == ctx->block_x && width == ctx->block_w &&
      memcmp (&c, &ctx->block_colour, sizeof c) == 0)
    {
      ctx->block_h = y + height - ctx->block_y;
      return;
    }
  block_fill (ctx);
  ctx->block = TRUE;
  ctx->block_x = x;
  ctx->block_y = y;
  ctx->block_w = width;
  ctx->block_h = height;
  ctx->block_colour = c;
  if (!ctx->merge)
    block_fill (ctx);
}

static void
row_draw (Ctx    *ctx,
          Placed *p)
{
  JmExportPlan *plan = ctx->plan;
  Band *band = p->band;
  cairo_t *cr = ctx->cr;
  double top = PAD + (p->first ? band->curve_height : 0);

  jm_render_set_rgba (cr, &shade);
  cairo_rectangle (cr, 0, 0, plan->label_width, p->height);
  cairo_fill (cr);
  if (band->persona != NULL)
    {
      JmRgba c;

      persona_rgba (band->persona, &c);
      jm_render_set_rgba (cr, &c);
      cairo_rectangle (cr, 0, 0, 4, p->height);
      cairo_fill (cr);
    }
  row_label_layout (ctx, band, !p->first);

  if (p->first && band->curve != NULL)
    draw_curve (ctx, band, PAD);

  for (guint c = 0; c < band->n_cols; c++)
    {
      double x = plan->label_width + c * plan->col_width + PAD;
      double y = top;

      /* A tile of a wide poster shows a few of the columns. */
      if (x > ctx->clip_x2 || x + plan->col_width - 2 * PAD < ctx->clip_x1)
        continue;

      /* Items from[c] to to[c], the first from from_off[c] on, and the
       * head of item to[c] when it continues on the next frame. */
      for (guint j = p->from[c]; j < p->to[c] || (j == p->to[c] && p->end_off[c] > 0); j++)
        {
          Item *item = g_ptr_array_index (band->cells[c], j);
          double start = j == p->from[c] ? p->from_off[c] : 0;
          double end = j == p->to[c] ? p->end_off[c] : item->height;

          if (ctx->greek)
            {
              if (ctx->clip_y2 >= y && ctx->clip_y1 <= y + end - start)
                block_add (ctx, item, x, y, plan->col_width - 2 * PAD, end - start);
            }
          else if (ctx->clip_y2 >= y && ctx->clip_y1 <= y + end - start)
            {
              cairo_save (cr);
              if (start > 0 || end < item->height)
                {
                  cairo_rectangle (cr, x - PAD, y, plan->col_width, end - start);
                  cairo_clip (cr);
                }
              cairo_translate (cr, x, y - start);
              item_layout (ctx, item, plan->col_width - 2 * PAD);
              cairo_restore (cr);
            }
          y += end - start + ITEM_GAP;
        }
      block_fill (ctx);
    }

  cairo_set_line_width (cr, 0.5);
  jm_render_set_rgba (cr, &rule);
  for (guint c = 0; c <= band->n_cols; c++)
    {
      double x = plan->label_width + c * plan->col_width;
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, p->height);
    }
  cairo_rectangle (cr, 0, 0, plan->frame_width, p->height);
  cairo_stroke (cr);
}

static double
band_layout (Ctx   *ctx,
             Band  *band,
             double width)
{
  switch (band->kind)
    {
    case BAND_TITLE:
      return title_layout (ctx, band, width);
    case BAND_CONTINUED:
      return continued_layout (ctx, band, width);
    case BAND_STAGES:
      return stages_layout (ctx, band, width);
    case BAND_LEGEND:
      return legend_layout (ctx, width);
    case BAND_PERSONA_HEAD:
      return persona_head_layout (ctx, band, width);
    case BAND_SECTION:
      return section_layout (ctx, band, width);
    case BAND_GAP:
      return band->height;
    case BAND_ROW:
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  JmExportPlan *plan;
  GPtrArray    *items;   /* Item, not owned */
  gint         *next;    /* the first item no job has taken yet, shared */
  Ctx          *ctx;     /* the measuring context of the thread, or NULL */
} MeasureJob;

/* Items are taken this many at a time: a thread that starts late (its
 * fonts to load first) takes fewer. */
#define MEASURE_CHUNK 64

/* Each job lays its text out with its own cairo context and Pango layout
 * (and so the font map of its own thread): nothing is shared but the
 * read-only touchpoints, and every thread measures the same heights. */
static gpointer
measure_items (gpointer data)
{
  MeasureJob *job = data;
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  double width = job->plan->col_width - 2 * PAD;
  Ctx own, *ctx = job->ctx;
  gint first;

  if (ctx == NULL)
    {
      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (surface);
      ctx_init (&own, job->plan, cr, FALSE);
      ctx = &own;
    }
  while ((first = g_atomic_int_add (job->next, MEASURE_CHUNK)) < (gint) job->items->len)
    for (guint i = (guint) first; i < MIN ((guint) first + MEASURE_CHUNK, job->items->len); i++)
      {
        Item *item = g_ptr_array_index (job->items, i);
        item->height = item_layout (ctx, item, width);
      }
  if (ctx == &own)
    {
      ctx_clear (&own);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return NULL;
}

/* Below this many items a second thread costs more than it saves. */
#define MIN_ITEMS_PER_THREAD 400
#define MAX_MEASURE_THREADS 4

static void
measure_bands (JmExportPlan *plan)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  MeasureJob jobs[MAX_MEASURE_THREADS];
  GThread *threads[MAX_MEASURE_THREADS] = { NULL, };
  gint next = 0;
  guint n_jobs;
  Ctx ctx;

  for (guint i = 0; i < plan->bands->len; i++)
    {
      Band *band = g_ptr_array_index (plan->bands, i);

      if (band->kind == BAND_ROW)
        for (guint c = 0; c < band->n_cols; c++)
          for (guint j = 0; j < band->cells[c]->len; j++)
            g_ptr_array_add (items, g_ptr_array_index (band->cells[c], j));
    }

  /* Shaping the items' text is most of the time a big map takes to lay
   * out, and each item is measured on its own: share them among the
   * processors. The other threads start first, as they have their fonts
   * to load while this one measures the bands. */
  n_jobs = CLAMP (items->len / MIN_ITEMS_PER_THREAD, 1,
                  MIN ((guint) g_get_num_processors (), MAX_MEASURE_THREADS));
  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j].plan = plan;
      jobs[j].items = items;
      jobs[j].next = &next;
      jobs[j].ctx = j == 0 ? &ctx : NULL;
    }
  for (guint j = 1; j < n_jobs; j++)
    threads[j] = g_thread_new ("jm-export-measure", measure_items, &jobs[j]);

  ctx_init (&ctx, plan, cr, FALSE);
  for (guint i = 0; i < plan->bands->len; i++)
    {
      Band *band = g_ptr_array_index (plan->bands, i);

      if (band->kind != BAND_ROW)
        band->height = band_layout (&ctx, band, plan->frame_width);
      else
        {
          band->label_height = row_label_layout (&ctx, band, FALSE);
          band->label_height_continued = row_label_layout (&ctx, band, TRUE);
        }
    }
  measure_items (&jobs[0]);
  for (guint j = 1; j < n_jobs; j++)
    g_thread_join (threads[j]);
  ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
placed_free (gpointer data)
{
  Placed *p = data;

  g_free (p->from);
  g_free (p->to);
  g_free (p->from_off);
  g_free (p->end_off);
  g_free (p);
}

static Frame *
frame_new (void)
{
  Frame *frame = g_new0 (Frame, 1);

  frame->placed = g_ptr_array_new_with_free_func (placed_free);
  frame->scale = 1;
  return frame;
}

static void
frame_free (gpointer data)
{
  Frame *frame = data;

  g_ptr_array_unref (frame->placed);
  g_free (frame);
}

static void
frame_place (Frame  *frame,
             Band   *band,
             double  height)
{
  Placed *p = g_new0 (Placed, 1);

  p->band = band;
  p->y = frame->height;
  p->height = height;
  p->first = TRUE;
  g_ptr_array_add (frame->placed, p);
  frame->height += height;
}

typedef struct
{
  GPtrArray *frames;
  Frame     *frame;
  double     max_height;
  double     fresh_height;   /* height of a continuation frame's headers */
  double     scale;
  JmExportPlan *plan;
} Flow;

static void
flow_new_frame (Flow  *flow,
                Group *group)
{
  flow->frame = frame_new ();
  flow->frame->scale = flow->scale;
  g_ptr_array_add (flow->frames, flow->frame);
  if (group->continued != NULL)
    frame_place (flow->frame, group->continued, group->continued->height);
  if (group->stages != NULL)
    frame_place (flow->frame, group->stages, group->stages->height);
  flow->fresh_height = flow->frame->height;
}

/* The height of a row's segment: items from[c] to to[c] of each column,
 * the first from from_off[c] on, and item to[c] up to end_off[c] when that
 * is set; the offsets may be %NULL when the segment holds whole items. */
static double
segment_height (Band         *band,
                const guint  *from,
                const guint  *to,
                const double *from_off,
                const double *end_off,
                gboolean      first)
{
  double h = 0;

  for (guint c = 0; c < band->n_cols; c++)
    {
      double ch = 0;
      double start = from_off != NULL ? from_off[c] : 0;

      for (guint j = from[c]; j < to[c]; j++)
        ch += ((Item *) g_ptr_array_index (band->cells[c], j))->height + ITEM_GAP
              - (j == from[c] ? start : 0);
      if (end_off != NULL && end_off[c] > 0)
        ch += end_off[c] - (to[c] == from[c] ? start : 0) + ITEM_GAP;
      h = MAX (h, ch);
    }
  h += 2 * PAD - (h > 0 ? ITEM_GAP : 0) + (first ? band->curve_height : 0);
  return MAX (h, MAX (first ? band->label_height : band->label_height_continued, 30));
}

/* How much of @item or @band (one of them), from @start on, to show in
 * @room: the most that ends at the foot of a line of its text, or 0 when
 * not even one line fits. */
static double
cut_at_line (JmExportPlan *plan,
             Item         *item,
             Band         *band,
             double        start,
             double        room)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
  double cut = 0;
  Ctx ctx;

  ctx_init (&ctx, plan, cr, FALSE);
  ctx.breaks = breaks;
  if (item != NULL)
    item_layout (&ctx, item, plan->col_width - 2 * PAD);
  else
    band_layout (&ctx, band, plan->frame_width);
  ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < breaks->len; i++)
    {
      double at = g_array_index (breaks, double, i) - start;

      if (at > 0.01 && at <= room + 0.01)
        cut = MAX (cut, MIN (at, room));
    }
  return cut;
}

static void
flow_row (Flow  *flow,
          Group *group,
          Band  *band)
{
  guint n = band->n_cols;
  g_autofree guint *from = g_new0 (guint, n);
  g_autofree guint *to = g_new0 (guint, n);
  g_autofree double *from_off = g_new0 (double, n);
  g_autofree double *end_off = g_new0 (double, n);
  gboolean first = TRUE;

  for (;;)
    {
      double avail = flow->max_height - flow->frame->height;
      double overhead = 2 * PAD + (first ? band->curve_height : 0);
      /* The room a continuation frame has for the row's items: an item
       * taller than that can never be shown whole. */
      double sheet_room = flow->max_height - flow->fresh_height - 2 * PAD;
      gboolean fresh = flow->frame->height <= flow->fresh_height;
      gboolean remaining = FALSE, took = FALSE, left = FALSE;
      double label_h = first ? band->label_height : band->label_height_continued;
      Placed *p;

      for (guint c = 0; c < n; c++)
        {
          double h = 0;

          to[c] = from[c];
          end_off[c] = 0;
          remaining |= from[c] < band->cells[c]->len;
          while (to[c] < band->cells[c]->len)
            {
              Item *item = g_ptr_array_index (band->cells[c], to[c]);
              double start = to[c] == from[c] ? from_off[c] : 0;
              double room = avail - overhead - h;

              if (item->height - start <= room)
                {
                  h += item->height - start + ITEM_GAP;
                  to[c]++;
                  continue;
                }
              /* Taller than a whole sheet, or first in its column on a
               * sheet that holds nothing else and still not fitting: show
               * what fits, cut at the foot of a line, and go on with the
               * rest on the next sheet. */
              if ((item->height - start > sheet_room || (fresh && h == 0)) && room > 0 &&
                  isfinite (flow->max_height))
                {
                  double cut = cut_at_line (flow->plan, item, NULL, start, room);

                  /* Not one line fits a whole sheet: cut anywhere rather
                   * than print past the foot. */
                  if (cut <= 0 && fresh && h == 0)
                    cut = room;
                  if (cut > 0)
                    end_off[c] = start + cut;
                }
              break;
            }
          took |= to[c] > from[c] || end_off[c] > 0;
          left |= to[c] < band->cells[c]->len;
        }

      if ((remaining && !took) || avail < MAX (label_h, overhead + 30))
        {
          if (!fresh)
            {
              flow_new_frame (flow, group);
              continue;
            }
          /* A sheet whose headers leave no room for a row: show each
           * column's next item anyway, the one case drawn past the foot. */
          if (!took)
            for (guint c = 0; c < n; c++)
              if (to[c] == from[c] && to[c] < band->cells[c]->len)
                {
                  to[c]++;
                  end_off[c] = 0;
                }
          left = FALSE;
          for (guint c = 0; c < n; c++)
            left |= to[c] < band->cells[c]->len;
        }

      frame_place (flow->frame, band, segment_height (band, from, to, from_off, end_off, first));
      p = g_ptr_array_index (flow->frame->placed, flow->frame->placed->len - 1);
      p->first = first;
      p->from = g_memdup2 (from, sizeof (guint) * n);
      p->to = g_memdup2 (to, sizeof (guint) * n);
      p->from_off = g_memdup2 (from_off, sizeof (double) * n);
      p->end_off = g_memdup2 (end_off, sizeof (double) * n);

      if (!left)
        break;
      memcpy (from, to, sizeof (guint) * n);
      memcpy (from_off, end_off, sizeof (double) * n);
      first = FALSE;
      flow_new_frame (flow, group);
    }
}

/* A band that is not a row: on the current frame if it fits, else on a
 * new one; taller than a whole frame (a persona's long notes), cut at the
 * foot of one of its lines and continued on the next frames. */
static void
flow_band (Flow  *flow,
           Group *group,
           Band  *band)
{
  double start = 0;

  for (;;)
    {
      double avail = flow->max_height - flow->frame->height;
      gboolean fresh = flow->frame->height <= flow->fresh_height;
      double rest = band->height - start;
      double cut;
      Placed *p;

      if (rest <= avail || !isfinite (flow->max_height))
        cut = rest;
      else if (!fresh && (start > 0 || rest <= flow->max_height - flow->fresh_height))
        {
          flow_new_frame (flow, group);
          continue;
        }
      else
        {
          cut = avail > 0 ? cut_at_line (flow->plan, NULL, band, start, avail) : 0;
          if (cut <= 0 && !fresh)
            {
              flow_new_frame (flow, group);
              continue;
            }
          /* Not one line fits a whole frame: cut anywhere rather than
           * print past the foot; a frame whose headers leave no room at
           * all is the one case drawn past it. */
          if (cut <= 0)
            cut = avail > 0 ? avail : rest;
        }

      frame_place (flow->frame, band, cut);
      p = g_ptr_array_index (flow->frame->placed, flow->frame->placed->len - 1);
      p->band_off = start;
      start += cut;
      if (start >= band->height - 0.01)
        break;
      flow_new_frame (flow, group);
    }
}

static void
flow_group (Flow  *flow,
            Group *group)
{
  for (guint i = 0; i < group->bands->len; i++)
    {
      Band *band = g_ptr_array_index (group->bands, i);

      if (band->kind == BAND_ROW)
        {
          flow_row (flow, group, band);
          continue;
        }
      flow_band (flow, group, band);
    }
}

static double
group_height (Group *group)
{
  double h = 0;

  for (guint i = 0; i < group->bands->len; i++)
    {
      Band *band = g_ptr_array_index (group->bands, i);

      if (band->kind == BAND_ROW)
        {
          g_autofree guint *from = g_new0 (guint, band->n_cols);
          g_autofree guint *to = g_new0 (guint, band->n_cols);

          for (guint c = 0; c < band->n_cols; c++)
            to[c] = band->cells[c]->len;
          h += segment_height (band, from, to, NULL, NULL, TRUE);
        }
      else
        h += band->height;
    }
  return h;
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_ptr_array_unref (group->bands);
  g_free (group);
}

static Group *
group_new (JmExportPlan *plan)
{
  Group *group = g_new0 (Group, 1);

  group->bands = g_ptr_array_new ();
  g_ptr_array_add (plan->groups, group);
  return group;
}

/* ------------------------------------------------------- building layouts */

static JmTouchpoint *
copy_touchpoint (JmTouchpoint *src)
{
  JmTouchpoint *tp = jm_touchpoint_new (jm_touchpoint_get_id (src),
                                        jm_touchpoint_get_stage_id (src),
                                        jm_touchpoint_get_lane_id (src),
                                        jm_touchpoint_get_title (src));

  jm_touchpoint_set_channel (tp, jm_touchpoint_get_channel (src));
  for (guint r = 0; r < JM_N_ROWS; r++)
    jm_touchpoint_set_row (tp, r, jm_touchpoint_get_row (src, r));
  jm_touchpoint_set_emotion (tp, jm_touchpoint_get_emotion (src));
  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_touchpoint_set_rating (tp, m, jm_touchpoint_get_rating (src, m));
  jm_touchpoint_set_moment_of_truth (tp, jm_touchpoint_get_moment_of_truth (src));
  jm_touchpoint_set_teams (tp, jm_touchpoint_get_teams (src));
  return tp;
}

static JmPersona *
copy_persona (JmPersona *src)
{
  JmPersona *p = jm_persona_new (jm_persona_get_id (src), jm_persona_get_name (src));

  jm_persona_set_role (p, jm_persona_get_role (src));
  jm_persona_set_quote (p, jm_persona_get_quote (src));
  jm_persona_set_bio (p, jm_persona_get_bio (src));
  jm_persona_set_notes (p, jm_persona_get_notes (src));
  jm_persona_set_colour (p, jm_persona_get_colour (src));
  jm_persona_set_goals (p, jm_persona_get_goals (src));
  jm_persona_set_frustrations (p, jm_persona_get_frustrations (src));
  jm_persona_set_needs (p, jm_persona_get_needs (src));
  jm_persona_set_channels (p, jm_persona_get_channels (src));
  jm_persona_set_devices (p, jm_persona_get_devices (src));
  jm_persona_set_age (p, jm_persona_get_age (src));
  jm_persona_set_picture (p, jm_persona_get_picture (src), jm_persona_get_picture_type (src));
  return p;
}

static gboolean
persona_wanted (const JmExportOptions *options,
                JmPersona             *persona)
{
  if (options->persona_ids == NULL)
    return !jm_persona_get_hidden (persona);
  return g_strv_contains ((const char * const *) options->persona_ids,
                          jm_persona_get_id (persona));
}

/* Touchpoints by cell: cells[lane * n_stages + stage], in map order. */
static GPtrArray **
bucket_touchpoints (JmExportPlan *plan)
{
  guint n = plan->stages->len * plan->personas->len;
  GPtrArray **cells = g_new0 (GPtrArray *, MAX (n, 1));
  g_autoptr(GHashTable) stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lane_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    cells[i] = g_ptr_array_new ();
  for (guint i = 0; i < plan->stages->len; i++)
    g_hash_table_insert (stage_index, (gpointer) jm_stage_get_id (g_ptr_array_index (plan->stages, i)),
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < plan->personas->len; i++)
    g_hash_table_insert (lane_index, (gpointer) jm_persona_get_id (g_ptr_array_index (plan->personas, i)),
                         GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < plan->touchpoints->len; i++)
    {
      JmTouchpoint *tp = g_ptr_array_index (plan->touchpoints, i);
      const char *sid = jm_touchpoint_get_stage_id (tp);
      const char *lid = jm_touchpoint_get_lane_id (tp);
      guint s = sid ? GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, sid)) : 0;
      guint l = lid ? GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, lid)) : 0;

      if (s > 0 && l > 0)
        g_ptr_array_add (cells[(l - 1) * plan->stages->len + (s - 1)], tp);
    }
  return cells;
}

static Band *
title_band (JmExportPlan *plan,
            const char   *subtitle)
{
  Band *band = band_new (plan, BAND_TITLE);

  band->text = g_strdup (plan->title);
  band->subtitle = g_strdup (subtitle);
  band->stamp = g_strdup (plan->stamp);
  return band;
}

static Band *
continued_band (JmExportPlan *plan,
                const char   *what)
{
  Band *band = band_new (plan, BAND_CONTINUED);

  band->text = what != NULL
    ? g_strdup_printf (_("%s — %s (continued)"), plan->title, what)
    : g_strdup_printf (_("%s (continued)"), plan->title);
  return band;
}

static Band *
stages_band (JmExportPlan *plan,
             const char   *corner)
{
  Band *band = band_new (plan, BAND_STAGES);

  band->text = g_strdup (corner);
  return band;
}

/* One template grid over the lanes from @first to @last (exclusive). */
static void
build_grid (JmExportPlan *plan,
            GPtrArray   **cells,
            guint         first,
            guint         last)
{
  Group *group = group_new (plan);
  guint n_stages = plan->stages->len;
  g_autofree char *who = NULL;
  g_autofree char *subtitle = NULL;
  gboolean together = last - first > 1;

  if (first == last)
    who = NULL;
  else if (!together)
    who = g_strdup (jm_persona_get_name (g_ptr_array_index (plan->personas, first)));
  else
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint l = first; l < last; l++)
        g_ptr_array_add (names, (gpointer) jm_persona_get_name (g_ptr_array_index (plan->personas, l)));
      g_ptr_array_add (names, NULL);
      who = g_strjoinv (", ", (char **) names->pdata);
    }
  if (who == NULL)
    subtitle = g_strdup (_("Blank template"));
  else
    subtitle = g_strdup_printf (together ? _("Personas: %s") : _("Persona: %s"), who);

  g_ptr_array_add (group->bands, title_band (plan, subtitle));
  group->stages = stages_band (plan, _("Template"));
  group->continued = continued_band (plan, together ? NULL : who);
  g_ptr_array_add (group->bands, group->stages);

  for (int r = -1; r < JM_N_ROWS; r++)
    {
      g_autofree char *label = g_strdup_printf ("%d  %s", r + 2,
                                                r < 0 ? _("Touchpoints & channels")
                                                      : jm_row_get_label (r));
      Band *band = row_band_new (plan, label, together || first == last
                                 ? NULL : g_ptr_array_index (plan->personas, first));

      if (r == JM_ROW_THOUGHTS)
        {
          band->curve = g_new (double, n_stages);
          band->curve_height = 46;
        }

      for (guint s = 0; s < n_stages; s++)
        {
          double sum = 0;
          guint n_emotions = 0;

          for (guint l = first; l < last; l++)
            {
              GPtrArray *cell = cells[l * n_stages + s];
              JmPersona *persona = g_ptr_array_index (plan->personas, l);

              for (guint i = 0; i < cell->len; i++)
                {
                  JmTouchpoint *tp = g_ptr_array_index (cell, i);
                  int emotion = jm_touchpoint_get_emotion (tp);
                  Item *item;

                  if (r == JM_ROW_THOUGHTS && emotion >= JM_EMOTION_MIN && emotion <= JM_EMOTION_MAX)
                    {
                      sum += emotion;
                      n_emotions++;
                    }

                  if (r < 0)
                    row_add (band, s, ITEM_SUMMARY, tp, persona, NULL);
                  else
                    {
                      const char *text = jm_touchpoint_get_row (tp, r);

                      if (text == NULL || *text == '\0')
                        continue;
                      row_add (band, s, ITEM_TEXT, tp, persona, text);
                    }
                  item = g_ptr_array_index (band->cells[s], band->cells[s]->len - 1);
                  item->show_persona = together;
                  item->show_emotion = r == JM_ROW_THOUGHTS;
                }
            }
          if (band->curve != NULL)
            band->curve[s] = n_emotions > 0 ? sum / n_emotions : NAN;
        }
      g_ptr_array_add (group->bands, band);
    }

  {
    Band *gap = band_new (plan, BAND_GAP);
    gap->height = PAD * 2;
    g_ptr_array_add (group->bands, gap);
  }
  g_ptr_array_add (group->bands, band_new (plan, BAND_LEGEND));
}

static void
build_board (JmExportPlan *plan,
             GPtrArray   **cells)
{
  Group *group = group_new (plan);
  guint n_stages = plan->stages->len;

  g_ptr_array_add (group->bands, title_band (plan, _("Board: stages and persona lanes")));
  group->stages = stages_band (plan, _("Lane"));
  group->continued = continued_band (plan, NULL);
  g_ptr_array_add (group->bands, group->stages);

  for (guint l = 0; l < plan->personas->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (plan->personas, l);
      Band *band = row_band_new (plan, jm_persona_get_name (persona), persona);

      for (guint s = 0; s < n_stages; s++)
        {
          GPtrArray *cell = cells[l * n_stages + s];

          for (guint i = 0; i < cell->len; i++)
            row_add (band, s, ITEM_CARD, g_ptr_array_index (cell, i), persona, NULL);
        }
      g_ptr_array_add (group->bands, band);
    }
  {
    Band *gap = band_new (plan, BAND_GAP);
    gap->height = PAD * 2;
    g_ptr_array_add (group->bands, gap);
  }
  g_ptr_array_add (group->bands, band_new (plan, BAND_LEGEND));
}

/* PNG and JPEG pictures, decoded as the persona editor shows them. */
static cairo_surface_t *
decode_picture (JmPersona *persona)
{
  GBytes *bytes = jm_persona_get_picture (persona);

  return bytes != NULL ? jm_persona_picture_decode (bytes) : NULL;
}

static void
section (JmExportPlan       *plan,
         Group              *group,
         const char         *heading,
         const char         *text,
         const char * const *list)
{
  Band *band;

  if ((text == NULL || *text == '\0') && (list == NULL || list[0] == NULL))
    return;
  band = band_new (plan, BAND_SECTION);
  band->text = g_strdup (heading);
  band->subtitle = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  band->list = g_strdupv ((char **) list);
  g_ptr_array_add (group->bands, band);
}

static void
build_persona_sheets (JmExportPlan *plan)
{
  for (guint l = 0; l < plan->personas->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (plan->personas, l);
      Group *group = group_new (plan);
      Band *head = band_new (plan, BAND_PERSONA_HEAD);
      const char * const *channels = jm_persona_get_channels (persona);
      g_autoptr(GPtrArray) channel_labels = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      head->persona = persona;
      head->picture = decode_picture (persona);
      head->picture_refused = head->picture == NULL && jm_persona_get_picture (persona) != NULL;
      g_ptr_array_add (group->bands, head);
      group->continued = continued_band (plan, jm_persona_get_name (persona));

      /* A channel written twice, or as a known channel's label in another
       * case, is listed once, as the board and the scores count it. */
      for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
        {
          char *key = jm_name_key (JM_NAME_CHANNEL, channels[i]);
          const JmChannelInfo *known = key != NULL ? jm_channel_lookup (key) : NULL;

          if (key == NULL || !g_hash_table_add (seen, key))
            continue;
          g_ptr_array_add (channel_labels,
                           (gpointer) (known != NULL ? jm_channel_get_label (known->id) : channels[i]));
        }
      g_ptr_array_add (channel_labels, NULL);

      section (plan, group, _("About"), jm_persona_get_bio (persona), NULL);
      section (plan, group, _("Goals"), NULL, jm_persona_get_goals (persona));
      section (plan, group, _("Frustrations"), NULL, jm_persona_get_frustrations (persona));
      section (plan, group, _("Needs"), NULL, jm_persona_get_needs (persona));
      section (plan, group, _("Channels"), NULL, (const char * const *) channel_labels->pdata);
      section (plan, group, _("Devices"), NULL, jm_persona_get_devices (persona));
      section (plan, group, _("Notes"), jm_persona_get_notes (persona), NULL);

      {
        Band *stamp = band_new (plan, BAND_SECTION);

        stamp->text = g_strdup (plan->title);
        stamp->subtitle = g_strdup (plan->stamp);
        g_ptr_array_add (group->bands, stamp);
      }
    }
}

/* --------------------------------------------------------------- pages */

static void
add_page (JmExportPlan *plan,
          PageKind      kind,
          guint         index,
          guint         row,
          guint         col)
{
  Page page = { kind, index, row, col };

  g_array_append_val (plan->pages, page);
}

static void
plan_fit_pages (JmExportPlan *plan)
{
  double cw = plan->page_width - 2 * plan->options.margin;
  double ch = plan->page_height - 2 * plan->options.margin - 12;   /* the footer */
  double s_w = cw / plan->frame_width;

  for (guint g = 0; g < plan->groups->len; g++)
    {
      Group *group = g_ptr_array_index (plan->groups, g);
      double h = group_height (group);
      Flow flow = { plan->frames, NULL, INFINITY, 0, 1, plan };

      /* Persona sheets are drawn at actual size; grids and boards fill
       * the width of the sheet. Slightly too tall, they shrink to one
       * sheet; much too tall, they continue on further sheets. */
      if (plan->options.layout == JM_EXPORT_LAYOUT_PERSONA)
        flow.scale = 1;
      else if (h * s_w <= ch * 1.5)
        flow.scale = MIN (s_w, ch / h);
      else if (s_w > 1)
        flow.scale = MAX (1.0, ch / h);   /* enlarge only what fits one sheet */
      else
        flow.scale = s_w;
      flow.max_height = ch / flow.scale;

      flow_new_frame (&flow, &(Group) { NULL, NULL, NULL });
      flow.fresh_height = 0;
      flow_group (&flow, group);
    }
  for (guint i = 0; i < plan->frames->len; i++)
    add_page (plan, PAGE_FRAME, i, 0, 0);
}

static void
plan_poster (JmExportPlan *plan)
{
  Flow flow = { g_ptr_array_new_with_free_func (frame_free), NULL, INFINITY, 0, 1, plan };

  flow_new_frame (&flow, &(Group) { NULL, NULL, NULL });
  for (guint g = 0; g < plan->groups->len; g++)
    {
      if (g > 0)
        {
          Band *gap = band_new (plan, BAND_GAP);
          gap->height = FRAME_GAP;
          frame_place (flow.frame, gap, gap->height);
        }
      flow_group (&flow, g_ptr_array_index (plan->groups, g));
    }
  plan->poster = g_ptr_array_steal_index (flow.frames, 0);
  g_ptr_array_unref (flow.frames);
}

/* The scale at which a poster fills @columns x @rows sheets of this size. */
static double
tiles_scale_for (const JmExportPlan *plan,
                 double              page_width,
                 double              page_height,
                 guint               columns,
                 guint               rows)
{
  const JmExportOptions *o = &plan->options;
  double step_x = page_width - 2 * o->margin - o->overlap;
  double step_y = page_height - 2 * o->margin - o->overlap;

  return MIN ((columns * step_x + o->overlap) / plan->frame_width,
              (rows * step_y + o->overlap) / plan->poster->height);
}

/* The scale at which a poster fills the sheets the user chose. */
static double
tiles_scale (const JmExportPlan *plan,
             double              page_width,
             double              page_height)
{
  return tiles_scale_for (plan, page_width, page_height,
                          plan->options.tile_columns, plan->options.tile_rows);
}

static gboolean
plan_tiles (JmExportPlan  *plan,
            GError       **error)
{
  const JmExportOptions *o = &plan->options;
  double cw, ch, step_x, step_y;
  double pw = plan->frame_width, ph = plan->poster->height;
  guint cols, rows;

  /* Unless the user chose an orientation, turn the sheets when the poster
   * then prints larger: a tall grid on sheets laid across would leave whole
   * columns of blank sheets. */
  if (o->tile_columns > 0 && o->turn_to_fit &&
      tiles_scale (plan, plan->page_height, plan->page_width) >
      tiles_scale (plan, plan->page_width, plan->page_height) * 1.001)
    {
      double width = plan->page_width;

      plan->page_width = plan->page_height;
      plan->page_height = width;
    }

  cw = plan->page_width - 2 * o->margin;
  ch = plan->page_height - 2 * o->margin;
  step_x = cw - o->overlap;
  step_y = ch - o->overlap;

  if (o->overlap * 2 >= MIN (cw, ch))
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("An overlap of %.0f mm is too large for this paper: keep it under %.0f mm"),
                   JM_PT_TO_MM (o->overlap), JM_PT_TO_MM (MIN (cw, ch) / 2));
      return FALSE;
    }

  if (o->tile_columns > 0)
    {
      cols = o->tile_columns;
      rows = o->tile_rows;
      plan->tile_scale = MIN ((cols * step_x + o->overlap) / pw,
                              (rows * step_y + o->overlap) / ph);
    }
  else
    {
      plan->tile_scale = o->scale;
      cols = (guint) MAX (1, ceil ((pw * o->scale - o->overlap) / step_x - 1e-9));
      rows = (guint) MAX (1, ceil ((ph * o->scale - o->overlap) / step_y - 1e-9));
      if ((guint64) cols * rows > 676)
        {
          g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_TOO_LARGE,
                       _("At %.0f%% the poster needs %u × %u sheets; choose a smaller scale or fewer tiles (at most 26 × 26)"),
                       o->scale * 100, cols, rows);
          return FALSE;
        }
    }

  plan->tiled = TRUE;
  plan->tile_cols = cols;
  plan->tile_rows = rows;
  /* Centre the poster on the sheets it covers. */
  plan->tile_offset_x = ((cols * step_x + o->overlap) - pw * plan->tile_scale) / 2;
  plan->tile_offset_y = ((rows * step_y + o->overlap) - ph * plan->tile_scale) / 2;

  add_page (plan, PAGE_ASSEMBLY, 0, 0, 0);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      add_page (plan, PAGE_TILE, 0, r, c);
  return TRUE;
}

static void
free_cells (GPtrArray **cells,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&cells[i], g_ptr_array_unref);
  g_free (cells);
}

/**
 * jm_export_plan_prepare:
 * @map: the map to lay out
 * @options: layout, paper and poster choices
 * @error: return location for a #JM_RENDER_ERROR
 *
 * Takes the copy of @map that a plan shows and checks that it can be laid
 * out, without laying it out yet: the quick half of jm_export_plan_new(),
 * for the thread that owns @map. jm_export_plan_lay_out() does the rest, in
 * any thread.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
JmExportPlan *
jm_export_plan_prepare (JmMap                 *map,
                        const JmExportOptions *options,
                        GError               **error)
{
  g_autoptr(JmExportPlan) plan = NULL;
  GListModel *model;
  const char *title;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  plan = g_new0 (JmExportPlan, 1);
  g_atomic_ref_count_init (&plan->ref_count);
  jm_export_options_copy (&plan->options, options);
  plan->stages = g_ptr_array_new_with_free_func (g_object_unref);
  plan->personas = g_ptr_array_new_with_free_func (g_object_unref);
  plan->touchpoints = g_ptr_array_new_with_free_func (g_object_unref);
  plan->bands = g_ptr_array_new_with_free_func (band_free);
  plan->groups = g_ptr_array_new_with_free_func (group_free);
  plan->frames = g_ptr_array_new_with_free_func (frame_free);
  plan->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  g_mutex_init (&plan->text_lines_lock);
  plan->text_lines = g_hash_table_new_full (text_key_hash, text_key_equal, text_key_free,
                                            text_lines_free);
  jm_card_style_init_light (&plan->card_style);
  plan->card_style.font_size = 8;
  plan->card_style.title_lines = 4;

  if (options->landscape)
    {
      plan->page_width = MAX (options->paper_width, options->paper_height);
      plan->page_height = MIN (options->paper_width, options->paper_height);
    }
  else
    {
      plan->page_width = MIN (options->paper_width, options->paper_height);
      plan->page_height = MAX (options->paper_width, options->paper_height);
    }
  if (options->margin < 0 || options->margin * 2 >= MIN (plan->page_width, plan->page_height) / 2)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Margins of %.0f mm leave no room on this paper"), JM_PT_TO_MM (options->margin));
      return NULL;
    }

  title = jm_map_get_title (map);
  plan->title = g_strdup (title != NULL && *title != '\0' ? title : _("Untitled journey map"));
  {
    g_autoptr(GDateTime) dt = options->date >= 0
      ? g_date_time_new_from_unix_utc (options->date) : g_date_time_new_now_local ();

    plan->date_text = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
  }
  plan->stamp = options->source_name != NULL
    ? g_strdup_printf ("%s · %s %s · %s", plan->date_text, _("Journey Mapper"), PACKAGE_VERSION,
                       options->source_name)
    : g_strdup_printf ("%s · %s %s", plan->date_text, _("Journey Mapper"), PACKAGE_VERSION);

  model = jm_map_get_stages (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmStage) src = g_list_model_get_item (model, i);
      JmStage *stage = jm_stage_new (jm_stage_get_id (src), jm_stage_get_name (src));

      jm_stage_set_description (stage, jm_stage_get_description (src));
      g_ptr_array_add (plan->stages, stage);
    }
  model = jm_map_get_personas (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmPersona) src = g_list_model_get_item (model, i);

      if (persona_wanted (options, src))
        g_ptr_array_add (plan->personas, copy_persona (src));
    }
  model = jm_map_get_touchpoints (map);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmTouchpoint) src = g_list_model_get_item (model, i);
      g_ptr_array_add (plan->touchpoints, copy_touchpoint (src));
    }

  /* A grid or board without lanes still prints: a blank template for a
   * workshop to fill in by hand. */
  if (options->layout != JM_EXPORT_LAYOUT_PERSONA && plan->stages->len == 0)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_EMPTY,
                   _("The map has no stages to lay out"));
      return NULL;
    }
  if (options->layout == JM_EXPORT_LAYOUT_PERSONA && plan->personas->len == 0)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_EMPTY,
                   _("The map has no personas to print"));
      return NULL;
    }

  if (options->layout == JM_EXPORT_LAYOUT_PERSONA &&
      (options->tile_columns > 0 || options->scale > 0))
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Persona sheets are printed one per page: --tiles and --scale apply to the grid and board layouts"));
      return NULL;
    }
  return g_steal_pointer (&plan);
}

/**
 * jm_export_plan_lay_out:
 * @plan: a plan from jm_export_plan_prepare()
 * @error: return location for a #JM_RENDER_ERROR
 *
 * Lays the plan out into pages: text measured, rows flowed, posters cut
 * into sheets. It may run in any thread, but only one at a time for a
 * plan; laying out a plan twice does nothing the second time.
 *
 * Returns: %TRUE if the plan is laid out, %FALSE with @error set
 */
gboolean
jm_export_plan_lay_out (JmExportPlan  *plan,
                        GError       **error)
{
  const JmExportOptions *options;
  GPtrArray **cells;
  guint n_cells;

  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->laid_out)
    return TRUE;
  options = &plan->options;

  switch (options->layout)
    {
    case JM_EXPORT_LAYOUT_GRID:
      plan->label_width = 110;
      plan->col_width = 150;
      break;
    case JM_EXPORT_LAYOUT_BOARD:
      plan->label_width = 90;
      plan->col_width = 180;
      break;
    case JM_EXPORT_LAYOUT_PERSONA:
    default:
      plan->label_width = 0;
      plan->col_width = 0;
      break;
    }
  plan->frame_width = options->layout == JM_EXPORT_LAYOUT_PERSONA
    ? plan->page_width - 2 * options->margin
    : plan->label_width + plan->stages->len * plan->col_width;

  n_cells = plan->stages->len * plan->personas->len;
  cells = bucket_touchpoints (plan);
  if (options->layout == JM_EXPORT_LAYOUT_GRID &&
      (options->lanes_together || plan->personas->len == 0))
    build_grid (plan, cells, 0, plan->personas->len);
  else if (options->layout == JM_EXPORT_LAYOUT_GRID)
    for (guint l = 0; l < plan->personas->len; l++)
      build_grid (plan, cells, l, l + 1);
  else if (options->layout == JM_EXPORT_LAYOUT_BOARD)
    build_board (plan, cells);
  else
    build_persona_sheets (plan);
  free_cells (cells, MAX (n_cells, 1));

  measure_bands (plan);
  plan_poster (plan);

  if (options->tile_columns > 0 || options->scale > 0)
    {
      if (!plan_tiles (plan, error))
        return FALSE;
    }
  else
    plan_fit_pages (plan);

  plan->laid_out = TRUE;
  return TRUE;
}

/**
 * jm_export_plan_new:
 * @map: the map to lay out
 * @options: layout, paper and poster choices
 * @error: return location for a #JM_RENDER_ERROR
 *
 * Lays @map out into pages. The plan keeps its own copy of what it shows,
 * so it can be drawn from another thread while @map changes.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
JmExportPlan *
jm_export_plan_new (JmMap                 *map,
                    const JmExportOptions *options,
                    GError               **error)
{
  g_autoptr(JmExportPlan) plan = jm_export_plan_prepare (map, options, error);

  if (plan == NULL || !jm_export_plan_lay_out (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * jm_export_plan_ref:
 * @plan: a plan
 *
 * Returns: (transfer full): @plan
 */
JmExportPlan *
jm_export_plan_ref (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  g_atomic_ref_count_inc (&plan->ref_count);
  return plan;
}

/**
 * jm_export_plan_unref:
 * @plan: (transfer full): a plan
 */
void
jm_export_plan_unref (JmExportPlan *plan)
{
  g_return_if_fail (plan != NULL);

  if (!g_atomic_ref_count_dec (&plan->ref_count))
    return;

  g_clear_pointer (&plan->poster, frame_free);
  g_ptr_array_unref (plan->frames);
  g_array_unref (plan->pages);
  g_ptr_array_unref (plan->groups);
  g_ptr_array_unref (plan->bands);
  g_ptr_array_unref (plan->touchpoints);
  g_ptr_array_unref (plan->personas);
  g_ptr_array_unref (plan->stages);
  g_free (plan->title);
  g_free (plan->stamp);
  g_free (plan->date_text);
  g_hash_table_unref (plan->text_lines);
  g_mutex_clear (&plan->text_lines_lock);
  jm_export_options_clear (&plan->options);
  g_free (plan);
}

/**
 * jm_export_plan_is_laid_out:
 * @plan: a plan
 *
 * Returns: whether jm_export_plan_lay_out() has laid @plan out; a plan
 *   that is not has no pages yet
 */
gboolean
jm_export_plan_is_laid_out (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  return plan->laid_out;
}

/**
 * jm_export_plan_get_n_pages:
 * @plan: a plan
 *
 * Returns: the number of pages: for a poster, the assembly page and the
 *   tiles; 0 before the plan is laid out
 */
guint
jm_export_plan_get_n_pages (JmExportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->pages->len;
}

/**
 * jm_export_plan_get_page_size:
 * @plan: a plan
 * @width: (out) (optional): page width in points, orientation applied
 * @height: (out) (optional): page height in points
 */
void
jm_export_plan_get_page_size (JmExportPlan *plan,
                              double       *width,
                              double       *height)
{
  g_return_if_fail (plan != NULL);

  if (width != NULL)
    *width = plan->page_width;
  if (height != NULL)
    *height = plan->page_height;
}

/**
 * jm_export_plan_get_tiles:
 * @plan: a plan
 * @columns: (out) (optional): sheets across
 * @rows: (out) (optional): sheets down
 *
 * Returns: %TRUE if the plan is a tiled poster
 */
gboolean
jm_export_plan_get_tiles (JmExportPlan *plan,
                          guint        *columns,
                          guint        *rows)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (columns != NULL)
    *columns = plan->tile_cols;
  if (rows != NULL)
    *rows = plan->tile_rows;
  return plan->tiled;
}

static void tile_geometry (JmExportPlan *plan,
                           double       *cw,
                           double       *ch,
                           double       *step_x,
                           double       *step_y);

/* Whether the layout misses sheet (@col, @row) of a tiled poster. */
static gboolean
tile_is_blank (JmExportPlan *plan,
               guint         col,
               guint         row)
{
  double cw, ch, sx, sy;
  double x1, x2, y1, y2;

  tile_geometry (plan, &cw, &ch, &sx, &sy);
  /* The sheet's printed area, in the layout's units (see draw_tile_page()). */
  x1 = (col * sx - plan->tile_offset_x) / plan->tile_scale;
  x2 = (col * sx + cw - plan->tile_offset_x) / plan->tile_scale;
  y1 = (row * sy - plan->tile_offset_y) / plan->tile_scale;
  y2 = (row * sy + ch - plan->tile_offset_y) / plan->tile_scale;
  return x2 <= 0 || x1 >= plan->frame_width || y2 <= 0 || y1 >= plan->poster->height;
}

/* How many sheets of a poster of chosen tiles the layout misses. */
static guint
count_blank_tiles (JmExportPlan *plan)
{
  guint blank = 0;

  if (!plan->tiled || plan->options.tile_columns == 0)
    return 0;
  for (guint r = 0; r < plan->tile_rows; r++)
    for (guint c = 0; c < plan->tile_cols; c++)
      blank += tile_is_blank (plan, c, r);
  return blank;
}

/* The tiling of at most as many sheets as @plan's that prints the layout
 * largest (the fewest sheets of those that print it as large), when that
 * is markedly larger. */
static gboolean
best_tiling (JmExportPlan *plan,
             guint        *columns,
             guint        *rows,
             double       *gain)
{
  guint n, best_cols, best_rows;
  double best;

  n = plan->tile_cols * plan->tile_rows;
  best = plan->tile_scale;
  best_cols = plan->tile_cols;
  best_rows = plan->tile_rows;
  for (guint c = 1; c <= n; c++)
    for (guint r = 1; c * r <= n; r++)
      {
        double scale = tiles_scale_for (plan, plan->page_width, plan->page_height, c, r);

        if (scale > best * 1.001 || (scale > best * 0.999 && c * r < best_cols * best_rows))
          {
            best = MAX (best, scale);
            best_cols = c;
            best_rows = r;
          }
      }
  if (best <= plan->tile_scale * 1.05)
    return FALSE;
  if (columns != NULL)
    *columns = best_cols;
  if (rows != NULL)
    *rows = best_rows;
  if (gain != NULL)
    *gain = best / plan->tile_scale;
  return TRUE;
}

/**
 * jm_export_plan_suggest_tiles:
 * @plan: a laid-out plan
 * @columns: (out) (optional): sheets across
 * @rows: (out) (optional): sheets down
 * @gain: (out) (optional): how many times as large the layout prints then
 *
 * For a poster of chosen tiles that leaves whole sheets blank: the tiling
 * of no more sheets that prints the layout largest (the fewest sheets of
 * those that print it as large), when that is markedly larger.
 *
 * Returns: %TRUE if there is such a tiling
 */
gboolean
jm_export_plan_suggest_tiles (JmExportPlan *plan,
                              guint        *columns,
                              guint        *rows,
                              double       *gain)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  return count_blank_tiles (plan) > 0 && best_tiling (plan, columns, rows, gain);
}

/**
 * jm_export_plan_describe_blank_tiles:
 * @plan: a laid-out plan
 * @command_line: whether the message names a tiling as the command line
 *   option ("--tiles=1x6") rather than as sheets ("1 × 6 sheets")
 *
 * A poster on sheets of a shape far from the layout's leaves whole sheets
 * blank: says how many, and which tiling of no more sheets prints the
 * layout larger, if one does.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when every
 *   sheet shows part of the layout (or the plan is no poster of chosen
 *   tiles)
 */
char *
jm_export_plan_describe_blank_tiles (JmExportPlan *plan,
                                     gboolean      command_line)
{
  guint n, blank, columns, rows;
  double cw, ch, sx, sy, gain;
  GString *text;

  g_return_val_if_fail (plan != NULL, NULL);

  blank = count_blank_tiles (plan);
  if (blank == 0)
    return NULL;

  n = plan->tile_cols * plan->tile_rows;
  tile_geometry (plan, &cw, &ch, &sx, &sy);
  text = g_string_new (NULL);
  /* The height bound the scale when the layout is narrower than the
   * sheets across: whole columns are left blank, else whole rows. */
  if (plan->frame_width * plan->tile_scale < plan->tile_cols * sx + plan->options.overlap - 0.5)
    g_string_append_printf (text,
                            /* Translators: the first %u counts blank sheets, the second all
                             * sheets; then the sheets across and down */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u sheets is blank: the layout is too tall and narrow for %u × %u sheets.",
                                         "%u of the %u sheets are blank: the layout is too tall and narrow for %u × %u sheets.",
                                         blank),
                            blank, n, plan->tile_cols, plan->tile_rows);
  else
    g_string_append_printf (text,
                            /* Translators: the first %u counts blank sheets, the second all
                             * sheets; then the sheets across and down */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u sheets is blank: the layout is too wide and short for %u × %u sheets.",
                                         "%u of the %u sheets are blank: the layout is too wide and short for %u × %u sheets.",
                                         blank),
                            blank, n, plan->tile_cols, plan->tile_rows);

  if (best_tiling (plan, &columns, &rows, &gain))
    {
      g_autofree char *tiling = command_line
        ? g_strdup_printf ("--tiles=%ux%u", columns, rows)
        /* Translators: a poster's sheets, columns × rows */
        : g_strdup_printf (_("%u × %u sheets"), columns, rows);

      g_string_append_c (text, ' ');
      /* Translators: %s is a tiling such as "1 × 6 sheets" or "--tiles=1x6" */
      g_string_append_printf (text, _("%s would print it %.1f times as large."), tiling, gain);
    }
  return g_string_free (text, FALSE);
}

/**
 * jm_export_plan_get_poster_size:
 * @plan: a plan
 * @width: (out) (optional): width of the whole layout at actual size, in points
 * @height: (out) (optional): its height
 */
void
jm_export_plan_get_poster_size (JmExportPlan *plan,
                                double       *width,
                                double       *height)
{
  g_return_if_fail (plan != NULL);

  if (width != NULL)
    *width = plan->frame_width;
  if (height != NULL)
    *height = plan->poster->height;
}

/* --------------------------------------------------------------- drawing */

static void
draw_frame (JmExportPlan *plan,
            cairo_t      *cr,
            Frame        *frame,
            gboolean      greek)
{
  Ctx ctx;
  double x1, y1, x2, y2;

  ctx_init (&ctx, plan, cr, TRUE);
  /* Text printed under about a point high cannot be read, and shaping
   * thousands of such items is most of the time a huge poster takes:
   * draw them as blocks. */
  {
    double dx = 1, dy = 0;

    cairo_user_to_device_distance (cr, &dx, &dy);
    ctx.device_scale = hypot (dx, dy);
    ctx.greek = greek || hypot (dx, dy) * 8 < 1.2;
    /* Gaps between greeked items too thin to print (a tenth of a point,
     * under a dot at 720 dpi) or to show (half a pixel) are left out:
     * a column's blocks are then one. */
    ctx.merge = hypot (dx, dy) * ITEM_GAP <
                (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE
                 ? 0.5 : 0.1);
  }
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  for (guint i = 0; i < frame->placed->len; i++)
    {
      Placed *p = g_ptr_array_index (frame->placed, i);

      /* Draw only what the sheet shows: tiles of a big poster each see
       * a small part of it. */
      if (p->y > y2 || p->y + p->height < y1)
        continue;

      cairo_save (cr);
      cairo_translate (cr, 0, p->y);
      ctx.clip_x1 = x1;
      ctx.clip_y1 = y1 - p->y;
      ctx.clip_x2 = x2;
      ctx.clip_y2 = y2 - p->y;
      if (p->band->kind == BAND_ROW)
        row_draw (&ctx, p);
      else
        {
          /* A band taller than a sheet is shown a part a frame. */
          if (p->band_off > 0 || p->height < p->band->height)
            {
              cairo_rectangle (cr, 0, 0, plan->frame_width, p->height);
              cairo_clip (cr);
              cairo_translate (cr, 0, -p->band_off);
              ctx.clip_y1 += p->band_off;
              ctx.clip_y2 += p->band_off;
            }
          band_layout (&ctx, p->band, plan->frame_width);
        }
      cairo_restore (cr);
    }
  ctx_clear (&ctx);
}

/**
 * jm_export_plan_draw_poster:
 * @plan: a plan
 * @cr: a cairo context; the layout is drawn at actual size (1 unit = 1
 *   point) from the origin, over jm_export_plan_get_poster_size()
 *
 * Draws the whole layout as one picture, as PNG and SVG export do.
 */
void
jm_export_plan_draw_poster (JmExportPlan *plan,
                            cairo_t      *cr)
{
  g_return_if_fail (plan != NULL && cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, plan->frame_width, plan->poster->height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  draw_frame (plan, cr, plan->poster, FALSE);
  cairo_restore (cr);
}

/* Rows are letters as in a spreadsheet (A to Z, then AA, AB...), columns
 * numbers: "B3" is the second row's third sheet. */
static void
tile_name (guint  row,
           guint  col,
           char  *buf,
           gsize  size)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;
  guint n = row + 1;

  letters[i] = '\0';
  while (n > 0 && i > 0)
    {
      letters[--i] = (char) ('A' + (n - 1) % 26);
      n = (n - 1) / 26;
    }
  g_snprintf (buf, size, "%s%u", letters + i, col + 1);
}

static void
draw_footer (JmExportPlan *plan,
             cairo_t      *cr,
             const char   *text)
{
  Ctx ctx;

  ctx_init (&ctx, plan, cr, TRUE);
  text_at (&ctx, text, plan->options.margin, plan->page_height - plan->options.margin + 3,
           plan->page_width - 2 * plan->options.margin, 6.5, PANGO_WEIGHT_NORMAL,
           PANGO_STYLE_NORMAL, &muted);
  ctx_clear (&ctx);
}

static void
draw_fit_page (JmExportPlan *plan,
               cairo_t      *cr,
               const Page   *page)
{
  Frame *frame = g_ptr_array_index (plan->frames, page->index);
  double m = plan->options.margin;
  double cw = plan->page_width - 2 * m;
  double offset = (cw - plan->frame_width * frame->scale) / 2;
  g_autofree char *footer = g_strdup_printf (_("%s · page %u of %u · %s"), plan->title,
                                             page->index + 1, plan->frames->len, plan->stamp);

  cairo_save (cr);
  cairo_translate (cr, m + MAX (offset, 0), m);
  cairo_scale (cr, frame->scale, frame->scale);
  draw_frame (plan, cr, frame, FALSE);
  cairo_restore (cr);
  draw_footer (plan, cr, footer);
}

static void
draw_poster_at (JmExportPlan *plan,
                cairo_t      *cr,
                double        x,
                double        y,
                double        scale,
                gboolean      greek)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  draw_frame (plan, cr, plan->poster, greek);
  cairo_restore (cr);
}

/* Past a scale of a few dozen, Pango lays text out wrongly (measured
 * zero wide) and then fails ("failed to create cairo scaled font", with
 * no text drawn): a one-card board over 26 × 26 sheets is drawn some
 * seventy times its size. Such a poster is drawn at a scale that Pango
 * handles into a recording of what the sheet shows, and the recording
 * scaled up onto the sheet: the PDF keeps it as vectors and text. */
static void
draw_poster_scaled_up (JmExportPlan *plan,
                       cairo_t      *cr,
                       double        x,
                       double        y,
                       double        scale)
{
  double k = scale / MAX_TEXT_SCALE;
  double x1, y1, x2, y2;
  cairo_surface_t *recording;
  cairo_t *rc;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  rc = cairo_create (recording);
  /* The recording's unit is k of the sheet's: the same clip, so that
   * only what this sheet shows is drawn. */
  cairo_rectangle (rc, x1 / k, y1 / k, (x2 - x1) / k, (y2 - y1) / k);
  cairo_clip (rc);
  draw_poster_at (plan, rc, x / k, y / k, MAX_TEXT_SCALE, FALSE);
  cairo_destroy (rc);

  cairo_save (cr);
  cairo_scale (cr, k, k);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (recording);
}

static void
tile_geometry (JmExportPlan *plan,
               double       *cw,
               double       *ch,
               double       *step_x,
               double       *step_y)
{
  double m = plan->options.margin;

  *cw = plan->page_width - 2 * m;
  *ch = plan->page_height - 2 * m;
  *step_x = *cw - plan->options.overlap;
  *step_y = *ch - plan->options.overlap;
}

static void
draw_triangle (cairo_t *cr,
               double   x,
               double   y,
               double   dx,
               double   dy,
               double   size)
{
  /* A small arrowhead pointing (dx, dy) with its tip at (x, y). */
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dx * size - dy * size / 2, y - dy * size - dx * size / 2);
  cairo_line_to (cr, x - dx * size + dy * size / 2, y - dy * size + dx * size / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_tile_page (JmExportPlan *plan,
                cairo_t      *cr,
                const Page   *page)
{
  double m = plan->options.margin, o = plan->options.overlap;
  double cw, ch, sx, sy;
  double mark = MIN (m * 0.7, 14);
  char name[16];
  g_autofree char *label = NULL;
  gboolean last_col = page->col + 1 == plan->tile_cols;
  gboolean last_row = page->row + 1 == plan->tile_rows;
  Ctx ctx;

  tile_geometry (plan, &cw, &ch, &sx, &sy);

  cairo_save (cr);
  cairo_rectangle (cr, m, m, cw, ch);
  cairo_clip (cr);
  if (plan->tile_scale > MAX_TEXT_SCALE)
    draw_poster_scaled_up (plan, cr,
                           m - page->col * sx + plan->tile_offset_x,
                           m - page->row * sy + plan->tile_offset_y,
                           plan->tile_scale);
  else
    draw_poster_at (plan, cr,
                    m - page->col * sx + plan->tile_offset_x,
                    m - page->row * sy + plan->tile_offset_y,
                    plan->tile_scale, FALSE);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.3);

  /* Crop marks: the printed area's corners, drawn in the margin only. */
  for (int i = 0; i < 4; i++)
    {
      double x = (i & 1) ? m + cw : m;
      double y = (i & 2) ? m + ch : m;
      double dx = (i & 1) ? 1 : -1;
      double dy = (i & 2) ? 1 : -1;

      cairo_move_to (cr, x + dx * 2, y);
      cairo_line_to (cr, x + dx * (2 + mark), y);
      cairo_move_to (cr, x, y + dy * 2);
      cairo_line_to (cr, x, y + dy * (2 + mark));
    }
  cairo_stroke (cr);

  /* Alignment marks: where the next sheet's cut edge goes. Arrows in the
   * margins point at the line; a dashed line inside the overlap shows it. */
  {
    double dash[] = { 3, 3 };

    if (!last_col)
      {
        double x = m + cw - o;

        draw_triangle (cr, x, m - 2, 0, 1, 5);
        draw_triangle (cr, x, m + ch + 2, 0, -1, 5);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
        cairo_move_to (cr, x, m);
        cairo_line_to (cr, x, m + ch);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        cairo_set_source_rgb (cr, 0, 0, 0);
      }
    if (!last_row)
      {
        double y = m + ch - o;

        draw_triangle (cr, m - 2, y, 1, 0, 5);
        draw_triangle (cr, m + cw + 2, y, -1, 0, 5);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
        cairo_move_to (cr, m, y);
        cairo_line_to (cr, m + cw, y);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
  }
  cairo_restore (cr);

  tile_name (page->row, page->col, name, sizeof name);
  label = g_strdup_printf (_("%s — row %u, column %u of %u×%u (columns × rows) · %s"),
                           name, page->row + 1, page->col + 1,
                           plan->tile_cols, plan->tile_rows, plan->title);
  ctx_init (&ctx, plan, cr, TRUE);
  text_at (&ctx, label, m + mark + 4, plan->page_height - m + 3,
           cw - 2 * mark - 8, 6.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &ink);
  {
    /* The sheet's name top left, clear of the crop and alignment marks on
     * the right; then how to lay the next sheet. */
    double w = text_width (&ctx, name, 9, PANGO_WEIGHT_BOLD);
    double x = m + mark + 4;

    text_at (&ctx, name, x, MAX (m - 13, 1), -1, 9, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
    if (!last_col || !last_row)
      {
        g_autofree char *hint = g_strdup_printf (_("Overlap %.0f mm: lay the next sheet's cut edge on the arrows"),
                                                 JM_PT_TO_MM (o));

        text_at (&ctx, hint, x + w + 8, MAX (m - 11, 1), cw - o - 2 * mark - w - 16, 6,
                 PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
      }
  }
  ctx_clear (&ctx);
}

static void
draw_assembly_page (JmExportPlan *plan,
                    cairo_t      *cr)
{
  const JmExportOptions *opt = &plan->options;
  double m = opt->margin;
  double cw, ch, sx, sy;
  double area_w, area_h, total_w, total_h, s, x0, y0, y = m;
  g_autofree char *heading = NULL;
  g_autofree char *steps = NULL;
  Ctx ctx;

  tile_geometry (plan, &cw, &ch, &sx, &sy);
  total_w = plan->tile_cols * sx + opt->overlap;
  total_h = plan->tile_rows * sy + opt->overlap;

  ctx_init (&ctx, plan, cr, TRUE);
  heading = g_strdup_printf (_("Assembly: %s"), plan->title);
  y += text_at (&ctx, heading, m, y, plan->page_width - 2 * m, 14, PANGO_WEIGHT_BOLD,
                PANGO_STYLE_NORMAL, &ink);
  steps = g_strdup_printf (_("%u × %u sheets (columns × rows), %u in all, poster scale %.0f%%, "
                             "overlap %.0f mm, finished size about %.0f × %.0f mm.\n"
                             "1. Lay the sheets out as below: letters are rows from the top, numbers are columns from the left.\n"
                             "2. Except on column 1, cut each sheet's left edge along its crop marks; "
                             "except on row A, cut its top edge.\n"
                             "3. Lay each cut edge on the arrows and dashed line of its left or upper neighbour, then tape from behind."),
                           plan->tile_cols, plan->tile_rows, plan->tile_cols * plan->tile_rows,
                           plan->tile_scale * 100, JM_PT_TO_MM (opt->overlap),
                           JM_PT_TO_MM (total_w),
                           JM_PT_TO_MM (total_h));
  y += 4;
  y += text_at (&ctx, steps, m, y, plan->page_width - 2 * m, 8, PANGO_WEIGHT_NORMAL,
                PANGO_STYLE_NORMAL, &ink);
  y += 10;

  area_w = plan->page_width - 2 * m;
  area_h = plan->page_height - m - y - 14;
  s = MIN (area_w / total_w, area_h / total_h);
  x0 = m + (area_w - total_w * s) / 2;
  y0 = y;

  /* The thumbnail goes in as a picture: drawing a large poster's every
   * card again, a few points high, would only weigh the file down. */
  {
    double px_per_pt = 2.0;
    int iw = MAX (1, (int) ceil (total_w * s * px_per_pt));
    int ih = MAX (1, (int) ceil (total_h * s * px_per_pt));
    cairo_surface_t *thumb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, iw, ih);
    cairo_t *tcr = cairo_create (thumb);

    cairo_set_source_rgb (tcr, 1, 1, 1);
    cairo_paint (tcr);
    cairo_scale (tcr, s * px_per_pt, s * px_per_pt);
    /* Below a few pixels a line, text is drawn as grey blocks. */
    draw_poster_at (plan, tcr, plan->tile_offset_x, plan->tile_offset_y, plan->tile_scale,
                    s * plan->tile_scale * px_per_pt < 0.4);
    cairo_destroy (tcr);

    cairo_save (cr);
    cairo_translate (cr, x0, y0);
    cairo_scale (cr, 1 / px_per_pt, 1 / px_per_pt);
    cairo_set_source_surface (cr, thumb, 0, 0);
    cairo_paint (cr);
    cairo_restore (cr);
    cairo_surface_destroy (thumb);
  }

  cairo_save (cr);
  cairo_set_line_width (cr, 0.8);
  for (guint r = 0; r < plan->tile_rows; r++)
    for (guint c = 0; c < plan->tile_cols; c++)
      {
        char name[16];
        double tx = x0 + c * sx * s, ty = y0 + r * sy * s;
        double size = MIN (MIN (cw, ch) * s * 0.3, 28);
        double w;

        cairo_set_source_rgba (cr, 0.75, 0.11, 0.16, 0.9);
        cairo_rectangle (cr, tx, ty, cw * s, ch * s);
        cairo_stroke (cr);

        tile_name (r, c, name, sizeof name);
        w = text_width (&ctx, name, size, PANGO_WEIGHT_BOLD);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
        cairo_rectangle (cr, tx + (sx * s - w) / 2 - 2, ty + (sy * s - size * 1.2) / 2,
                         w + 4, size * 1.25);
        cairo_fill (cr);
        text_at (&ctx, name, tx + (sx * s - w) / 2, ty + (sy * s - size * 1.2) / 2, -1, size,
                 PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                 &(JmRgba) { 0.75, 0.11, 0.16, 1 });
      }
  cairo_restore (cr);
  ctx_clear (&ctx);
  draw_footer (plan, cr, plan->stamp);
}

/**
 * jm_export_plan_draw_page:
 * @plan: a plan
 * @cr: a cairo context whose user space is the page in points, origin at
 *   its top left corner
 * @page: the page number, from 0
 *
 * Draws one page as it is printed and exported.
 */
void
jm_export_plan_draw_page (JmExportPlan *plan,
                          cairo_t      *cr,
                          guint         page)
{
  const Page *p;

  g_return_if_fail (plan != NULL && cr != NULL);
  g_return_if_fail (page < plan->pages->len);

  p = &g_array_index (plan->pages, Page, page);
  cairo_save (cr);
  setup_font_options (cr);
  switch (p->kind)
    {
    case PAGE_FRAME:
      draw_fit_page (plan, cr, p);
      break;
    case PAGE_ASSEMBLY:
      draw_assembly_page (plan, cr);
      break;
    case PAGE_TILE:
      draw_tile_page (plan, cr, p);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

/* --------------------------------------------------------------- writing */

typedef struct
{
  int     fd;
  GError *error;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0 && sink->error == NULL)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (&sink->error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s", g_strerror (saved));
          break;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return sink->error != NULL ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static gboolean
surface_check (cairo_surface_t *surface,
               GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_FAILED,
               _("Could not draw the pages: %s"), cairo_status_to_string (status));
  return FALSE;
}

static char *
iso_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static gboolean
write_pdf (JmExportPlan     *plan,
           Sink             *sink,
           GCancellable     *cancellable,
           JmExportProgress  progress,
           gpointer          user_data,
           GError          **error)
{
  cairo_surface_t *surface;
  g_autofree char *creator = g_strdup_printf ("%s %s", _("Journey Mapper"), PACKAGE_VERSION);
  gboolean ok = TRUE;

  surface = cairo_pdf_surface_create_for_stream (write_cb, sink, plan->page_width, plan->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, plan->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  if (plan->options.date >= 0)
    {
      g_autofree char *date = iso_date (plan->options.date);

      if (date != NULL)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        }
    }

  for (guint i = 0; i < plan->pages->len && ok; i++)
    {
      cairo_t *cr;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      cr = cairo_create (surface);
      jm_export_plan_draw_page (plan, cr, i);
      cairo_show_page (cr);
      cairo_destroy (cr);
      if (progress != NULL)
        progress ((double) (i + 1) / plan->pages->len, user_data);
      ok = surface_check (surface, error);
    }
  cairo_surface_finish (surface);
  if (ok && sink->error == NULL)
    ok = surface_check (surface, error);
  cairo_surface_destroy (surface);
  return ok;
}

static gboolean
write_png (JmExportPlan  *plan,
           Sink          *sink,
           GError       **error)
{
  double ppp = PNG_PIXELS_PER_POINT;
  double w = plan->frame_width, h = plan->poster->height;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  /* Big layouts get fewer pixels per point rather than failing, down to
   * a quarter pixel, past which text would be unreadable anyway. */
  ppp = MIN (ppp, MAX_IMAGE_PIXELS / MAX (w, h));
  if (ppp < 0.25)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_TOO_LARGE,
                   _("The layout is too large for one PNG image (%.0f × %.0f mm); export it as PDF"),
                   JM_PT_TO_MM (w), JM_PT_TO_MM (h));
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * ppp), (int) ceil (h * ppp));
  if (!surface_check (surface, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, ppp, ppp);
  jm_export_plan_draw_poster (plan, cr);
  cairo_destroy (cr);
  ok = surface_check (surface, error) &&
       cairo_surface_write_to_png_stream (surface, write_cb, sink) == CAIRO_STATUS_SUCCESS;
  if (!ok && error != NULL && *error == NULL && sink->error == NULL)
    g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_FAILED, _("Could not write the PNG image"));
  cairo_surface_destroy (surface);
  return ok;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
add_outline (JmExportPlan *plan,
             GString      *out)
{
  for (guint s = 0; s < plan->stages->len; s++)
    {
      JmStage *stage = g_ptr_array_index (plan->stages, s);

      g_string_append_printf (out, "%s\n", jm_stage_get_name (stage));
      for (guint i = 0; i < plan->touchpoints->len; i++)
        {
          JmTouchpoint *tp = g_ptr_array_index (plan->touchpoints, i);

          if (g_strcmp0 (jm_touchpoint_get_stage_id (tp), jm_stage_get_id (stage)) == 0 &&
              jm_touchpoint_get_title (tp) != NULL)
            g_string_append_printf (out, "  %s\n", jm_touchpoint_get_title (tp));
        }
    }
}

static gboolean
write_svg (JmExportPlan  *plan,
           Sink          *sink,
           GError       **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GString) desc = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *insert = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *root, *root_end;
  gboolean ok;

  surface = cairo_svg_surface_create_for_stream (append_cb, svg, plan->frame_width, plan->poster->height);
  cr = cairo_create (surface);
  jm_export_plan_draw_poster (plan, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = surface_check (surface, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  /* cairo draws text as glyph outlines; a <title> and <desc> right after
   * the root's start tag give readers, search and screen readers the words. */
  g_byte_array_append (svg, (const guint8 *) "", 1);
  root = strstr ((const char *) svg->data, "<svg");
  root_end = root != NULL ? strchr (root, '>') : NULL;
  if (root_end == NULL)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_FAILED, _("Could not write the SVG image"));
      return FALSE;
    }
  add_outline (plan, desc);
  title = g_markup_escape_text (plan->title, -1);
  text = g_markup_escape_text (desc->str, -1);
  insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, text);

  ok = write_cb (sink, svg->data, (unsigned int) (root_end + 1 - (const char *) svg->data)) == CAIRO_STATUS_SUCCESS &&
       write_cb (sink, (const guint8 *) insert, (unsigned int) strlen (insert)) == CAIRO_STATUS_SUCCESS &&
       write_cb (sink, (const guint8 *) root_end + 1, (unsigned int) strlen (root_end + 1)) == CAIRO_STATUS_SUCCESS;
  return ok;
}

/**
 * jm_export_plan_write:
 * @plan: a plan
 * @file: the output; a local file
 * @format: PDF writes every page; PNG and SVG write the whole layout as
 *   one picture (a poster's tiling does not apply to them)
 * @cancellable: (nullable): a #GCancellable
 * @progress: (scope call) (nullable): told the fraction done after each page
 * @user_data: data for @progress
 * @error: return location for an error
 *
 * Writes the plan to @file atomically: a temporary file beside it is
 * written, flushed to disk and renamed over @file, so that @file is either
 * the old one or the complete new one. A symbolic link is followed and
 * kept.
 *
 * Returns: %TRUE on success
 */
typedef struct
{
  JmExportPlan     *plan;
  JmExportFormat    format;
  GCancellable     *cancellable;
  JmExportProgress  progress;
  gpointer          user_data;
  const char       *path;
} WriteJob;

static gboolean
write_format_cb (int       fd,
                 gpointer  data,
                 GError  **error)
{
  WriteJob *job = data;
  Sink sink = { fd, NULL };
  gboolean ok = FALSE;

  switch (job->format)
    {
    case JM_EXPORT_FORMAT_PDF:
      ok = write_pdf (job->plan, &sink, job->cancellable, job->progress, job->user_data, error);
      break;
    case JM_EXPORT_FORMAT_PNG:
      ok = write_png (job->plan, &sink, error);
      break;
    case JM_EXPORT_FORMAT_SVG:
      ok = write_svg (job->plan, &sink, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (job->format != JM_EXPORT_FORMAT_PDF && job->progress != NULL && ok)
    job->progress (1.0, job->user_data);

  if (sink.error != NULL)
    {
      if (error != NULL && *error != NULL)
        g_clear_error (error);
      g_propagate_prefixed_error (error, g_steal_pointer (&sink.error),
                                  _("Could not write %s: "), job->path);
      return FALSE;
    }
  return ok;
}

gboolean
jm_export_plan_write (JmExportPlan     *plan,
                      GFile            *file,
                      JmExportFormat    format,
                      GCancellable     *cancellable,
                      JmExportProgress  progress,
                      gpointer          user_data,
                      GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  WriteJob job = { plan, format, cancellable, progress, user_data, NULL };

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (plan->laid_out, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Export needs a local file"));
      return FALSE;
    }

  /* The same temporary file, flush and rename as saving a map. */
  job.path = path;
  name = g_file_get_basename (file);
  return jm_atomic_file_write (path, name, write_format_cb, &job, cancellable, error);
}
