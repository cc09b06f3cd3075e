/* jm-export-text.c: the drawing context, and texts set, measured and drawn
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include <string.h>

#include "jm-export-private.h"

void
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

void
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
  /* Glyphs where the font puts them, not rounded to whole points: on
   * paper rounding only makes the spacing uneven, and a PDF then moves
   * every glyph back by hand (a number between each two in the file). */
  pango_context_set_round_glyph_positions (pango_layout_get_context (ctx->layout), FALSE);
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
  if (draw && cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_PDF)
    ctx->setter = plan->setter;
}

/* Texts of one font and colour waiting to be drawn together: one
 * operation for cairo to record, analyse and write instead of one for
 * each line of each text. */
typedef struct
{
  PangoFont *font;
  JmRgba     colour;
  GArray    *glyphs;     /* cairo_glyph_t */
  GArray    *clusters;   /* cairo_text_cluster_t */
  GString   *utf8;
} TextRun;

static void
text_run_free (gpointer data)
{
  TextRun *run = data;

  g_array_unref (run->glyphs);
  g_array_unref (run->clusters);
  g_string_free (run->utf8, TRUE);
  g_free (run);
}

static TextRun *
text_run_new (PangoFont    *font,
              const JmRgba *colour)
{
  TextRun *run = g_new0 (TextRun, 1);

  run->font = font;
  run->colour = *colour;
  run->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  run->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  run->utf8 = g_string_new (NULL);
  return run;
}

/* Draws the texts that wait, on top of what is drawn. */
void
text_runs_flush (Ctx *ctx)
{
  cairo_matrix_t linear = ctx->run_matrix;
  gboolean saved = FALSE;

  if (ctx->runs == NULL)
    return;
  linear.x0 = linear.y0 = 0;
  for (guint i = 1; i < ctx->runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (ctx->runs, i);

      if (run->glyphs->len == 0)
        continue;
      if (!saved)
        {
          cairo_save (ctx->cr);
          cairo_set_matrix (ctx->cr, &linear);
          saved = TRUE;
        }
      jm_render_set_rgba (ctx->cr, &run->colour);
      cairo_set_scaled_font (ctx->cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->font)));
      cairo_show_text_glyphs (ctx->cr, run->utf8->str, (int) run->utf8->len,
                              (const cairo_glyph_t *) (gpointer) run->glyphs->data, (int) run->glyphs->len,
                              (const cairo_text_cluster_t *) (gpointer) run->clusters->data,
                              (int) run->clusters->len, 0);
      g_array_set_size (run->glyphs, 0);
      g_array_set_size (run->clusters, 0);
      g_string_truncate (run->utf8, 0);
    }
  if (saved)
    cairo_restore (ctx->cr);
}

/* Sets @text into the run of its font and colour, its top left at (@x,
 * @y); FALSE when only Pango can set it. The first run is scratch. */
static gboolean
text_runs_add (Ctx          *ctx,
               const char   *text,
               double        x,
               double        y,
               int           pango_width,
               const JmRgba *colour,
               int          *height)
{
  cairo_matrix_t m, inverse;
  double dx, dy;
  PangoFont *font = NULL;
  TextRun *scratch, *run = NULL;

  cairo_get_matrix (ctx->cr, &m);
  if (ctx->runs == NULL)
    {
      ctx->runs = g_ptr_array_new_with_free_func (text_run_free);
      g_ptr_array_add (ctx->runs, text_run_new (NULL, colour));
    }
  else if (m.xx != ctx->run_matrix.xx || m.yx != ctx->run_matrix.yx ||
           m.xy != ctx->run_matrix.xy || m.yy != ctx->run_matrix.yy)
    text_runs_flush (ctx);
  ctx->run_matrix = m;
  /* From user space to the runs' space, the linear part of the CTM
   * undone from device space: a translation. */
  inverse = m;
  inverse.x0 = inverse.y0 = 0;
  if (cairo_matrix_invert (&inverse) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  dx = m.x0;
  dy = m.y0;
  cairo_matrix_transform_distance (&inverse, &dx, &dy);

  scratch = g_ptr_array_index (ctx->runs, 0);
  g_array_set_size (scratch->glyphs, 0);
  g_array_set_size (scratch->clusters, 0);
  g_string_truncate (scratch->utf8, 0);
  if (!jm_text_measure_try_set (ctx->setter, ctx->font, text, pango_width, x + dx, y + dy,
                                scratch->glyphs, scratch->clusters, scratch->utf8, &font, height))
    return FALSE;

  for (guint i = 1; i < ctx->runs->len && run == NULL; i++)
    {
      TextRun *r = g_ptr_array_index (ctx->runs, i);

      if (r->font == font && memcmp (&r->colour, colour, sizeof *colour) == 0)
        run = r;
    }
  if (run == NULL)
    {
      run = text_run_new (font, colour);
      g_ptr_array_add (ctx->runs, run);
    }
  g_array_append_vals (run->glyphs, scratch->glyphs->data, scratch->glyphs->len);
  g_array_append_vals (run->clusters, scratch->clusters->data, scratch->clusters->len);
  g_string_append_len (run->utf8, scratch->utf8->str, (gssize) scratch->utf8->len);
  return TRUE;
}

void
ctx_clear (Ctx *ctx)
{
  text_runs_flush (ctx);
  g_clear_pointer (&ctx->runs, g_ptr_array_unref);
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

guint
text_key_hash (gconstpointer data)
{
  const TextKey *key = data;

  return g_direct_hash (key->text) ^ (guint) key->length * 31u ^ (guint) key->size * 17u ^
         (guint) key->width * 7u ^ (guint) key->weight ^ (guint) key->style << 16;
}

gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *ka = a, *kb = b;

  return ka->text == kb->text && ka->length == kb->length && ka->size == kb->size &&
         ka->weight == kb->weight && ka->style == kb->style && ka->width == kb->width;
}

void
text_key_free (gpointer data)
{
  TextKey *key = data;

  g_free (key->copy);
  g_free (key);
}

void
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
      jm_render_show_layout (ctx->cr, ctx->layout);
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
double
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
  if (ctx->draw && ctx->batching && ctx->setter != NULL && ctx->breaks == NULL &&
      text_runs_add (ctx, text, x, y, pango_width, colour, &h))
    return (double) h / PANGO_SCALE;

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
      jm_render_show_layout (ctx->cr, ctx->layout);
    }
  return (double) h / PANGO_SCALE;
}

double
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

void
persona_rgba (JmPersona *persona,
              JmRgba    *rgba)
{
  if (persona == NULL || !jm_rgba_parse (rgba, jm_persona_get_colour (persona)))
    jm_rgba_parse (rgba, jm_palette_colour (0));
}
