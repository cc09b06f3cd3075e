/* jm-text-measure.c: paragraph heights from cached word widths
 *
 * Laying a paragraph out with Pango itemizes, shapes and breaks it every
 * time, and a big map has tens of thousands of paragraphs made of a few
 * hundred distinct words. For plain text this measurer asks Pango for each
 * distinct word's width once per font, breaks lines greedily at the
 * spaces with those widths, and multiplies the lines by the font's line
 * height. It answers only when that is certainly Pango's answer too (the
 * drawn text is still laid out by Pango, so a different height would
 * overlap or leave gaps); otherwise Pango measures the whole paragraph:
 *
 * - every character is a letter, mark or digit of Latin, Greek or
 *   Cyrillic, punctuation that Unicode line breaking (UAX #14) never
 *   breaks at inside a word, or a bullet or arrow (class AL, as letters);
 *   no hyphens, dashes or slashes, which are break opportunities;
 * - words are separated by spaces, with none at either end, and begin
 *   with a character that lets a line break before it after a space;
 * - each word is set in the font a plain Latin letter gets (no fallback to
 *   another font, whose spaces and line height differ), with no break
 *   opportunity inside it (Pango's own analysis of the word) and no
 *   kerning against the spaces around it, so that a line's width is
 *   exactly the sum of its words and spaces;
 * - each word fits the width on a line of its own (otherwise Pango breaks
 *   inside it);
 * - the paragraph is in one script (Pango lays each script's run out on
 *   its own);
 * - Pango fits lines as this measurer does: a line fits when its words
 *   and the spaces between them are at most the width, not counting the
 *   last space after its last word (Pango 1.50 does; each font is probed
 *   for it). Where the probe finds otherwise, no break may fall within a
 *   space of the width, and words must be one space apart.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-text-measure"

#include "config.h"

#include <string.h>

#include "jm-text-measure.h"

/* Longest word looked up in place; longer words go to Pango. */
#define MAX_WORD_BYTES 96
/* Fallback heights kept, for texts that repeat (labels, teams). */
#define MAX_SLOW_CACHE 4096
/* Words remembered in front of the hash table, by their hash. */
#define N_RECENT 512

typedef struct
{
  const char *word;   /* owned by the words table */
  gsize       len;
  int         width;
} Recent;

typedef struct
{
  PangoFontDescription *desc;
  PangoFont            *primary;   /* what a plain Latin letter is set in */
  int                   space;     /* width of one space */
  int                   line;      /* height of one line */
  gboolean              exact;     /* Pango fits lines as probed, see above */
  int                   max_gap;   /* spaces between words that the rule holds for */
  GHashTable           *words;     /* word -> width, or -1 when unsafe */
  Recent                recent[N_RECENT];
  int                   baseline;  /* of the first line, from its top */
  PangoGlyph            space_glyph;
  GHashTable           *glyphs;    /* word -> WordGlyphs, built when a word is set */
  GHashTable           *paragraphs; /* "width text" -> SetText, or NULL: Pango's */
} FontEntry;

/* A short paragraph as Pango sets it, its top left at (0, 0), for one
 * only Pango can break (a channel's "Phone / call centre"). */
typedef struct
{
  GArray  *glyphs;     /* cairo_glyph_t */
  GArray  *clusters;   /* cairo_text_cluster_t */
  GString *utf8;
  int      height;
} SetText;

/* A word as Pango shapes it: its glyphs, and the byte in the word each
 * glyph's cluster starts at. */
typedef struct
{
  int             n_glyphs;
  PangoGlyphInfo *glyphs;
  int            *log_clusters;
} WordGlyphs;

/* Where try_lines() sets a word: @len bytes at @start, @x from the left
 * of line @line, followed by @spaces spaces. */
typedef struct
{
  int start;
  int len;
  int x;
  int width;
  int line;
  int spaces;
} Place;

struct _JmTextMeasure
{
  PangoContext *context;
  PangoLayout  *layout;
  GHashTable   *fonts;    /* PangoFontDescription -> FontEntry */
  FontEntry    *last;
  GHashTable   *slow;     /* "font width text" -> height */
  GArray       *places;   /* Place, of the text being set */
  guint         n_fast;
  guint         n_slow;
};

static void
font_entry_free (gpointer data)
{
  FontEntry *fe = data;

  pango_font_description_free (fe->desc);
  g_clear_object (&fe->primary);
  g_hash_table_unref (fe->words);
  g_clear_pointer (&fe->glyphs, g_hash_table_unref);
  g_clear_pointer (&fe->paragraphs, g_hash_table_unref);
  g_free (fe);
}

static void
set_text_free (gpointer data)
{
  SetText *st = data;

  if (st == NULL)
    return;
  g_array_unref (st->glyphs);
  g_array_unref (st->clusters);
  g_string_free (st->utf8, TRUE);
  g_free (st);
}

static void
word_glyphs_free (gpointer data)
{
  WordGlyphs *wg = data;

  if (wg == NULL)   /* a word Pango sets otherwise */
    return;
  g_free (wg->glyphs);
  g_free (wg->log_clusters);
  g_free (wg);
}

/**
 * jm_text_measure_new:
 * @context: the Pango context the text is laid out with; its font map,
 *   font options and matrix decide the widths
 *
 * A measurer is used by one thread at a time, as its context is.
 *
 * Returns: (transfer full): a measurer
 */
JmTextMeasure *
jm_text_measure_new (PangoContext *context)
{
  JmTextMeasure *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (JmTextMeasure, 1);
  self->context = g_object_ref (context);
  self->layout = pango_layout_new (context);
  self->fonts = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                       (GEqualFunc) pango_font_description_equal,
                                       NULL, font_entry_free);
  self->slow = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

/**
 * jm_text_measure_free:
 * @self: (transfer full): a measurer
 */
void
jm_text_measure_free (JmTextMeasure *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_unref (self->slow);
  g_hash_table_unref (self->fonts);
  g_clear_pointer (&self->places, g_array_unref);
  g_object_unref (self->layout);
  g_object_unref (self->context);
  g_free (self);
}

/* Whether every run of the layout's first line is set in @font. */
static gboolean
set_in (PangoLayout *layout,
        PangoFont   *font)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);

  if (line == NULL || pango_layout_get_line_count (layout) != 1)
    return FALSE;
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      if (run->item->analysis.font != font)
        return FALSE;
    }
  return TRUE;
}

static int
first_line_length (PangoLayout *layout)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);

  return line != NULL ? line->length : -1;
}

static FontEntry *
font_entry (JmTextMeasure              *self,
            const PangoFontDescription *font)
{
  FontEntry *fe;
  PangoLayoutLine *line;
  int w1, w3, h;

  if (self->last != NULL && pango_font_description_equal (self->last->desc, font))
    return self->last;
  fe = g_hash_table_lookup (self->fonts, font);
  if (fe != NULL)
    return self->last = fe;

  fe = g_new0 (FontEntry, 1);
  fe->desc = pango_font_description_copy (font);
  fe->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->fonts, fe->desc, fe);

  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (self->layout, "n", -1);
  pango_layout_get_size (self->layout, &w1, &h);
  line = pango_layout_get_line_readonly (self->layout, 0);
  if (line != NULL && line->runs != NULL && line->runs->next == NULL)
    {
      PangoGlyphItem *run = line->runs->data;

      if (run->item->analysis.font != NULL)
        fe->primary = g_object_ref (run->item->analysis.font);
    }
  fe->line = h;
  fe->baseline = pango_layout_get_baseline (self->layout);

  /* The space as set between two words, kerning included. */
  pango_layout_set_text (self->layout, "n n", -1);
  pango_layout_get_size (self->layout, &w3, &h);
  if (fe->primary == NULL || h != fe->line || fe->line <= 0 ||
      !set_in (self->layout, fe->primary))
    fe->line = 0;   /* no fast path in this font */
  fe->space = w3 - 2 * w1;
  {
    PangoLayoutLine *spaced = pango_layout_get_line_readonly (self->layout, 0);
    PangoGlyphItem *run = spaced != NULL && spaced->runs != NULL ? spaced->runs->data : NULL;

    /* The glyph a space is set in, as the middle one of "n n". */
    if (run != NULL && spaced->runs->next == NULL && run->glyphs->num_glyphs == 3)
      fe->space_glyph = run->glyphs->glyphs[1].glyph;
    else
      fe->line = 0;
  }

  /* How Pango fits a line: "n n" then "n" on a second line when exactly
   * as wide as "n n", but three lines one unit narrower, shows that the
   * space after a line's last word does not count and that a line may
   * fill the width exactly. */
  if (fe->line > 0)
    {
      pango_layout_set_text (self->layout, "n n n", -1);
      pango_layout_set_width (self->layout, w3);
      fe->exact = pango_layout_get_line_count (self->layout) == 2;
      pango_layout_set_width (self->layout, w3 - 1);
      fe->exact = fe->exact && pango_layout_get_line_count (self->layout) == 3;

      /* ...and that of two spaces after a line's last word, one counts:
       * "n n  n" breaks after "n n  " at the width of "n n" and a space,
       * but after "n " one unit narrower. */
      pango_layout_set_text (self->layout, "n n  n", -1);
      pango_layout_set_width (self->layout, w3 + fe->space);
      fe->max_gap = first_line_length (self->layout) == 5 ? 4 : 1;
      pango_layout_set_width (self->layout, w3 + fe->space - 1);
      if (first_line_length (self->layout) != 2)
        fe->max_gap = 1;
      pango_layout_set_width (self->layout, -1);
    }

  return self->last = fe;
}

/* Printable ASCII a word may hold: letters, digits and the punctuation
 * of safe_char(). */
static gboolean
safe_ascii (guchar c)
{
  static const char punctuation[] = ".,;:!?'\"()&";

  return g_ascii_isalnum (c) || (c != 0 && memchr (punctuation, c, sizeof punctuation - 1) != NULL);
}

/* Characters a word may hold: letters, marks and digits of Latin, Greek
 * and Cyrillic, and punctuation that does not break inside a word. */
static gboolean
safe_char (gunichar c)
{
  if (c < 0x80)
    return safe_ascii ((guchar) c);
  if (c == 0x00b7)   /* · */
    return TRUE;
  if ((c >= 0x00c0 && c <= 0x024f && c != 0x00d7 && c != 0x00f7) ||
      (c >= 0x0300 && c <= 0x036f) ||
      (c >= 0x0370 && c <= 0x03ff) ||
      (c >= 0x0400 && c <= 0x04ff))
    return g_unichar_isalpha (c) || g_unichar_ismark (c);
  switch (c)
    {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201c: /* “ */
    case 0x201d: /* ” */
    case 0x20ac: /* € */
    case 0x2022: /* • (line breaking class AL, as a letter) */
    case 0x2192: /* → (AL: a link's target on paper) */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Characters that a line may break before, after a space: not closing
 * punctuation (UAX #14 LB13) nor marks (LB9/LB10). */
static gboolean
safe_first (gunichar c)
{
  if (g_unichar_ismark (c))
    return FALSE;
  return g_unichar_isalnum (c) ||
         c == '(' || c == '"' || c == '\'' || c == 0x2018 || c == 0x201c || c == 0x20ac ||
         c == 0x00b7 || c == 0x2022 || c == 0x2192;
}

static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201d);
}

/* Pango's width of @word, or -1 when it is not safe to add up. */
static int
measure_word (JmTextMeasure *self,
              FontEntry     *fe,
              const char    *word)
{
  g_autofree char *spaced = NULL;
  const PangoLogAttr *attrs;
  int n_attrs, w, h, ws;

  pango_layout_set_font_description (self->layout, fe->desc);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, word, -1);
  pango_layout_get_size (self->layout, &w, &h);
  if (h != fe->line || !set_in (self->layout, fe->primary))
    return -1;
  attrs = pango_layout_get_log_attrs_readonly (self->layout, &n_attrs);
  for (int i = 1; i < n_attrs - 1; i++)
    if (attrs[i].is_line_break)
      return -1;

  spaced = g_strconcat (" ", word, " ", NULL);
  pango_layout_set_text (self->layout, spaced, -1);
  pango_layout_get_size (self->layout, &ws, &h);
  if (ws != w + 2 * fe->space || h != fe->line || !set_in (self->layout, fe->primary))
    return -1;
  return w;
}

/* The width of the word of @len bytes at @start, whose bytes hash to
 * @hash: from the words seen last, else from the table, else from Pango. */
static int
word_width (JmTextMeasure *self,
            FontEntry     *fe,
            const char    *start,
            gsize          len,
            guint          hash)
{
  Recent *recent = &fe->recent[hash % N_RECENT];
  char buf[MAX_WORD_BYTES + 1];
  gpointer key, value;

  if (recent->len == len && memcmp (recent->word, start, len) == 0)
    return recent->width;
  if (len > MAX_WORD_BYTES)
    return -1;
  memcpy (buf, start, len);
  buf[len] = '\0';
  if (!g_hash_table_lookup_extended (fe->words, buf, &key, &value))
    {
      key = g_strdup (buf);
      value = GINT_TO_POINTER (measure_word (self, fe, buf));
      g_hash_table_insert (fe->words, key, value);
    }
  recent->word = key;
  recent->len = len;
  recent->width = GPOINTER_TO_INT (value);
  return recent->width;
}

/* Breaks @text into lines as Pango would, from cached word widths; with
 * @places, says where each word goes (Place). FALSE when only Pango can
 * tell. */
static gboolean
break_lines (JmTextMeasure *self,
             FontEntry     *fe,
             const char    *text,
             int            width,
             int           *n_lines,
             GArray        *places)
{
  const char *p = text;
  gunichar prev_last = 0;
  gint64 line_w = -1;
  int lines = 1, gap = 0;
  GUnicodeScript script = G_UNICODE_SCRIPT_COMMON;

  if (fe->line <= 0 || *text == '\0')
    return FALSE;

  while (*p != '\0')
    {
      const char *start = p;
      gunichar first = g_utf8_get_char (p), c = 0;
      guint hash = 5381;
      int w, spaces = 0, x = 0;

      /* An en dash alone stands for a missing score: a line may break
       * before it after a space (LB18 comes before LB21) and after it. */
      if (first == 0x2013 && (p[3] == ' ' || p[3] == '\0'))
        {
          c = first;
          for (int i = 0; i < 3; i++)
            hash = hash * 33 + (guchar) *p++;
        }
      else if (!safe_first (first))
        return FALSE;
      /* No break after an opening bracket and spaces (LB14), nor between
       * a quotation mark, spaces and an opening bracket (LB15). */
      if (prev_last == '(' || prev_last == 0x2018 || prev_last == 0x201c ||
          (first == '(' && is_quote (prev_last)))
        return FALSE;
      while (*p != '\0' && *p != ' ')
        {
          guchar b = (guchar) *p;

          /* djb2, as g_str_hash, over the word's bytes. */
          hash = hash * 33 + b;
          if (b < 0x80)
            {
              /* Most words are plain ASCII: no table lookups. */
              c = b;
              if (!safe_ascii (b))
                return FALSE;
              if (g_ascii_isalpha (b))
                {
                  if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_LATIN)
                    return FALSE;
                  script = G_UNICODE_SCRIPT_LATIN;
                }
              p++;
              continue;
            }
          c = g_utf8_get_char (p);
          if (!safe_char (c))
            return FALSE;
          /* Pango shapes and breaks each run of one script on its own: a
           * line may not fill the same way across a change of script. */
          if (g_unichar_isalpha (c))
            {
              GUnicodeScript sc = g_unichar_get_script (c);

              if (script != G_UNICODE_SCRIPT_COMMON && sc != script)
                return FALSE;
              script = sc;
            }
          for (const char *next = g_utf8_next_char (p); ++p < next; )
            hash = hash * 33 + (guchar) *p;
        }
      prev_last = c;

      w = word_width (self, fe, start, (gsize) (p - start), hash);
      if (w < 0)
        return FALSE;
      while (*p == ' ')
        {
          p++;
          spaces++;
        }
      if (spaces > (fe->exact ? fe->max_gap : 1) || (spaces > 0 && *p == '\0'))
        return FALSE;
      if (width < 0)
        {
          x = line_w < 0 ? 0 : (int) line_w + gap * fe->space;
          line_w = x + w;
        }
      else if (fe->exact)
        {
          /* Pango's rule, as probed: a line may end after a word and
           * its spaces when it is no wider than the width without the
           * last space. A word wider than that alone on a line is broken
           * inside: Pango's business. */
          int tail = spaces > 0 ? (spaces - 1) * fe->space : 0;

          if (line_w >= 0 && line_w + gap * fe->space + w + tail <= width)
            {
              x = (int) line_w + gap * fe->space;
              line_w += gap * fe->space + w;
            }
          else
            {
              if (w + tail >= width)
                return FALSE;
              lines += line_w >= 0;
              line_w = w;
            }
        }
      else
        {
          /* Whether a line's last space counts is unknown: no decision
           * within a space of the width. */
          if (w + fe->space >= width)
            return FALSE;
          if (line_w < 0)
            line_w = w;
          else
            {
              gint64 with_word = line_w + fe->space + w;

              if (with_word + fe->space < width)
                {
                  x = (int) line_w + fe->space;
                  line_w = with_word;
                }
              else if (with_word > width)
                {
                  lines++;
                  line_w = w;
                }
              else
                return FALSE;
            }
        }
      if (places != NULL)
        g_array_append_val (places, ((Place) { start - text, p - spaces - start, x, w, lines - 1, spaces }));
      gap = spaces;
    }

  *n_lines = lines;
  return TRUE;
}

/**
 * jm_text_measure_try_lines:
 * @self: a measurer
 * @font: the font
 * @text: the paragraph, valid UTF-8
 * @width: the width to wrap at in Pango units, or -1 for one line
 * @n_lines: (out): the number of lines
 * @line_height: (out): the height of each line, in Pango units
 *
 * Breaks @text into lines as a layout of @self's context would with
 * @font, @width and %PANGO_WRAP_WORD_CHAR, from cached word widths.
 *
 * Returns: %TRUE if @text is simple enough to measure so; %FALSE when only
 *   Pango can tell (the out values are then untouched)
 */
gboolean
jm_text_measure_try_lines (JmTextMeasure              *self,
                           const PangoFontDescription *font,
                           const char                 *text,
                           int                         width,
                           int                        *n_lines,
                           int                        *line_height)
{
  FontEntry *fe;

  g_return_val_if_fail (self != NULL && font != NULL && text != NULL, FALSE);

  fe = font_entry (self, font);
  if (!break_lines (self, fe, text, width, n_lines, NULL))
    return FALSE;
  *line_height = fe->line;
  return TRUE;
}

/* The glyphs Pango shapes @word (@len bytes) into, alone, in @fe's
 * font; NULL when one is missing from the font. Kept per word. */
static WordGlyphs *
word_glyphs (JmTextMeasure *self,
             FontEntry     *fe,
             const char    *word,
             gsize          len)
{
  char buf[MAX_WORD_BYTES + 1];
  PangoLayoutLine *line;
  WordGlyphs *wg;
  gpointer found;
  int n = 0, height;

  if (len > MAX_WORD_BYTES || memchr (word, '\n', len) != NULL)
    return NULL;
  memcpy (buf, word, len);
  buf[len] = '\0';
  if (fe->glyphs == NULL)
    fe->glyphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_glyphs_free);
  else if (g_hash_table_lookup_extended (fe->glyphs, buf, NULL, &found))
    return found;

  pango_layout_set_font_description (self->layout, fe->desc);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, buf, (int) len);
  /* One line of one line's height, all in the font a letter gets. */
  pango_layout_get_size (self->layout, NULL, &height);
  line = height == fe->line && set_in (self->layout, fe->primary)
    ? pango_layout_get_line_readonly (self->layout, 0) : NULL;
  wg = g_new0 (WordGlyphs, 1);
  for (GSList *l = line != NULL ? line->runs : NULL; l != NULL; l = l->next)
    wg->n_glyphs += ((PangoGlyphItem *) l->data)->glyphs->num_glyphs;
  wg->glyphs = g_new (PangoGlyphInfo, MAX (wg->n_glyphs, 1));
  wg->log_clusters = g_new (int, MAX (wg->n_glyphs, 1));
  for (GSList *l = line != NULL ? line->runs : NULL; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      for (int i = 0; i < run->glyphs->num_glyphs; i++, n++)
        {
          wg->glyphs[n] = run->glyphs->glyphs[i];
          wg->log_clusters[n] = run->item->offset + run->glyphs->log_clusters[i];
          if ((wg->glyphs[n].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 ||
              wg->glyphs[n].glyph == PANGO_GLYPH_EMPTY ||
              (n > 0 && wg->log_clusters[n] < wg->log_clusters[n - 1]))
            wg->n_glyphs = -1;
        }
    }
  if (wg->n_glyphs <= 0)
    g_clear_pointer (&wg, word_glyphs_free);
  g_hash_table_insert (fe->glyphs, g_strdup (buf), wg);
  return wg;
}

/* Paragraphs kept as Pango set them, per font. */
#define MAX_PARAGRAPHS 4096

/* @text (@len bytes, short) as Pango sets it in @width: its glyphs where
 * Pango draws them (not a line's closing space), its clusters; NULL when
 * Pango sets it in another font than a letter's, or right to left. */
static SetText *
paragraph_set (JmTextMeasure *self,
               FontEntry     *fe,
               const char    *text,
               int            width)
{
  g_autofree char *key = g_strdup_printf ("%d %s", width, text);
  PangoLayoutIter *iter;
  SetText *st;
  gpointer found;
  gboolean ok = TRUE;

  if (fe->paragraphs == NULL)
    fe->paragraphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, set_text_free);
  else if (g_hash_table_lookup_extended (fe->paragraphs, key, NULL, &found))
    return found;
  if (g_hash_table_size (fe->paragraphs) >= MAX_PARAGRAPHS)
    g_hash_table_remove_all (fe->paragraphs);

  pango_layout_set_font_description (self->layout, fe->desc);
  pango_layout_set_width (self->layout, width);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (self->layout, text, -1);
  st = g_new0 (SetText, 1);
  st->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  st->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  st->utf8 = g_string_new (NULL);
  pango_layout_get_size (self->layout, NULL, &st->height);
  iter = pango_layout_get_iter (self->layout);
  do
    {
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      int pen = 0, base = pango_layout_iter_get_baseline (iter);

      if (run == NULL)
        continue;
      if (run->item->analysis.font != fe->primary || run->item->analysis.level % 2 != 0)
        {
          ok = FALSE;
          break;
        }
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      for (int g = 0; g < run->glyphs->num_glyphs && ok; g++)
        {
          const PangoGlyphInfo *gi = &run->glyphs->glyphs[g];
          int start = run->item->offset + run->glyphs->log_clusters[g];
          int end = run->item->offset + run->item->length;
          cairo_glyph_t glyph = {
            gi->glyph,
            (double) (logical.x + pen + gi->geometry.x_offset) / PANGO_SCALE,
            (double) (base + gi->geometry.y_offset) / PANGO_SCALE,
          };

          pen += gi->geometry.width;
          if (gi->glyph == PANGO_GLYPH_EMPTY)
            continue;
          ok = (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0;
          g_array_append_val (st->glyphs, glyph);
          if (g > 0 && run->glyphs->log_clusters[g] == run->glyphs->log_clusters[g - 1] &&
              run->glyphs->glyphs[g - 1].glyph != PANGO_GLYPH_EMPTY)
            {
              g_array_index (st->clusters, cairo_text_cluster_t, st->clusters->len - 1).num_glyphs++;
              continue;
            }
          for (int k = g + 1; k < run->glyphs->num_glyphs; k++)
            if (run->glyphs->log_clusters[k] != run->glyphs->log_clusters[g])
              {
                end = run->item->offset + run->glyphs->log_clusters[k];
                break;
              }
          ok = ok && end > start;
          g_string_append_len (st->utf8, text + start, end - start);
          g_array_append_val (st->clusters, ((cairo_text_cluster_t) { end - start, 1 }));
        }
    }
  while (ok && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  pango_layout_set_width (self->layout, -1);
  if (!ok)
    g_clear_pointer (&st, set_text_free);
  g_hash_table_insert (fe->paragraphs, g_steal_pointer (&key), st);
  return st;
}

/**
 * jm_text_measure_try_set:
 * @self: a measurer
 * @font: the font
 * @text: the paragraph, valid UTF-8
 * @width: the width to wrap at in Pango units, or -1 for one line
 * @x: where the text's left goes
 * @y: where its top goes
 * @glyphs: cairo_glyph_t, to which the text's glyphs are added
 * @clusters: cairo_text_cluster_t, to which their clusters are added
 * @utf8: to which the text is added, as the clusters map it, but for
 *   the space ending each line
 * @set_in: (out) (transfer none): the font every glyph is in
 * @height: (out): the height of the text, in Pango units
 *
 * Sets @text as a layout of @self's context would with @font, @width and
 * %PANGO_WRAP_WORD_CHAR, from cached words' glyphs: the same lines, the
 * same glyphs at the same places, for cairo_show_text_glyphs(). Shaping
 * each paragraph again to draw it is most of the time a big print takes.
 *
 * Returns: %TRUE if @text is simple enough to set so (see
 *   jm_text_measure_try_lines()); %FALSE when only Pango can, and nothing
 *   was added
 */
gboolean
jm_text_measure_try_set (JmTextMeasure              *self,
                         const PangoFontDescription *font,
                         const char                 *text,
                         int                         width,
                         double                      x,
                         double                      y,
                         GArray                     *glyphs,
                         GArray                     *clusters,
                         GString                    *utf8,
                         PangoFont                 **set_in,
                         int                        *height)
{
  FontEntry *fe;
  int n_lines;

  g_return_val_if_fail (self != NULL && font != NULL && text != NULL, FALSE);

  fe = font_entry (self, font);
  if (self->places == NULL)
    self->places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_array_set_size (self->places, 0);
  if (!break_lines (self, fe, text, width, &n_lines, self->places))
    {
      /* Not wrapped (a bullet, a chip's label): set whole, as one word,
       * when Pango sets it in one line of the font a letter gets. */
      gsize len = strlen (text);
      SetText *st;

      if (fe->line <= 0 || len == 0 || len > MAX_WORD_BYTES)
        return FALSE;
      /* Wrapped: a short text that repeats (a channel, a lane's name),
       * as Pango set it the first time. */
      if (width >= 0)
        {
          /* Only the one paragraph: no line or paragraph separators, no
           * tabs. */
          for (gsize i = 0; i < len; i++)
            if ((guchar) text[i] < 0x20 ||
                ((guchar) text[i] == 0xe2 && i + 2 < len && (guchar) text[i + 1] == 0x80 &&
                 ((guchar) text[i + 2] == 0xa8 || (guchar) text[i + 2] == 0xa9)))
              return FALSE;
          if ((st = paragraph_set (self, fe, text, width)) == NULL)
            return FALSE;
          for (guint i = 0; i < st->glyphs->len; i++)
            {
              cairo_glyph_t glyph = g_array_index (st->glyphs, cairo_glyph_t, i);

              glyph.x += x;
              glyph.y += y;
              g_array_append_val (glyphs, glyph);
            }
          g_array_append_vals (clusters, st->clusters->data, st->clusters->len);
          g_string_append_len (utf8, st->utf8->str, (gssize) st->utf8->len);
          *set_in = fe->primary;
          *height = st->height;
          return TRUE;
        }
      g_array_set_size (self->places, 0);
      g_array_append_val (self->places, ((Place) { 0, (int) len, 0, 0, 0, 0 }));
      n_lines = 1;
    }
  for (guint i = 0; i < self->places->len; i++)
    {
      Place *place = &g_array_index (self->places, Place, i);

      if (word_glyphs (self, fe, text + place->start, place->len) == NULL)
        return FALSE;
    }

  for (guint i = 0; i < self->places->len; i++)
    {
      Place *place = &g_array_index (self->places, Place, i);
      WordGlyphs *wg = word_glyphs (self, fe, text + place->start, place->len);
      double base = y + (double) (place->line * fe->line + fe->baseline) / PANGO_SCALE;
      int pen = place->x;

      gboolean line_end = i + 1 == self->places->len ||
                          g_array_index (self->places, Place, i + 1).line != place->line;

      /* A line's last space is neither drawn nor kept: in a PDF, a
       * character without a glyph is a marked span of its own. */
      g_string_append_len (utf8, text + place->start, place->len + place->spaces - (line_end && place->spaces > 0));
      for (int g = 0; g < wg->n_glyphs; g++)
        {
          const PangoGlyphGeometry *geo = &wg->glyphs[g].geometry;
          cairo_glyph_t glyph = {
            wg->glyphs[g].glyph,
            x + (double) (pen + geo->x_offset) / PANGO_SCALE,
            base + (double) geo->y_offset / PANGO_SCALE,
          };

          g_array_append_val (glyphs, glyph);
          pen += geo->width;
          /* A cluster: its glyphs share a start in the word. */
          if (g == 0 || wg->log_clusters[g] != wg->log_clusters[g - 1])
            {
              int end = place->len;

              for (int k = g + 1; k < wg->n_glyphs; k++)
                if (wg->log_clusters[k] != wg->log_clusters[g])
                  {
                    end = wg->log_clusters[k];
                    break;
                  }
              g_array_append_val (clusters, ((cairo_text_cluster_t) { end - wg->log_clusters[g], 1 }));
            }
          else
            g_array_index (clusters, cairo_text_cluster_t, clusters->len - 1).num_glyphs++;
        }
      /* The spaces after the word, as Pango sets them, but for the last
       * of a line (PANGO_GLYPH_EMPTY: Pango draws nothing there). */
      for (int k = 0; k < place->spaces - (line_end ? 1 : 0); k++)
        {
          cairo_glyph_t glyph = {
            fe->space_glyph, x + (double) (place->x + place->width + k * fe->space) / PANGO_SCALE, base,
          };

          g_array_append_val (glyphs, glyph);
          g_array_append_val (clusters, ((cairo_text_cluster_t) { 1, 1 }));
        }
    }
  *set_in = fe->primary;
  *height = n_lines * fe->line;
  return TRUE;
}

/**
 * jm_text_measure_try_fast:
 * @self: a measurer
 * @font: the font
 * @text: the paragraph, valid UTF-8
 * @width: the width to wrap at in Pango units, or -1 for one line
 * @height: (out): the height, in Pango units
 *
 * Measures @text as a layout of @self's context would with @font, @width
 * and %PANGO_WRAP_WORD_CHAR, from cached word widths.
 *
 * Returns: %TRUE if @text is simple enough to measure so; %FALSE when only
 *   Pango can tell (@height is then untouched)
 */
gboolean
jm_text_measure_try_fast (JmTextMeasure              *self,
                          const PangoFontDescription *font,
                          const char                 *text,
                          int                         width,
                          int                        *height)
{
  int lines, line_height;

  if (!jm_text_measure_try_lines (self, font, text, width, &lines, &line_height))
    return FALSE;
  *height = lines * line_height;
  return TRUE;
}

/**
 * jm_text_measure_pango:
 * @self: a measurer
 * @font: the font
 * @text: the paragraph
 * @width: the width to wrap at in Pango units, or -1 for one line
 *
 * Returns: the height of @text laid out by Pango with %PANGO_WRAP_WORD_CHAR
 */
int
jm_text_measure_pango (JmTextMeasure              *self,
                       const PangoFontDescription *font,
                       const char                 *text,
                       int                         width)
{
  int h;

  g_return_val_if_fail (self != NULL && font != NULL && text != NULL, 0);

  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, width);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_size (self->layout, NULL, &h);
  pango_layout_set_width (self->layout, -1);
  return h;
}

/**
 * jm_text_measure_height:
 * @self: a measurer
 * @font: the font
 * @text: the paragraph, valid UTF-8
 * @width: the width to wrap at in Pango units, or -1 for one line
 *
 * Returns: the height of @text laid out with @font in @width with
 *   %PANGO_WRAP_WORD_CHAR, in Pango units: always what Pango gives
 */
int
jm_text_measure_height (JmTextMeasure              *self,
                        const PangoFontDescription *font,
                        const char                 *text,
                        int                         width)
{
  g_autofree char *key = NULL;
  gpointer known;
  int h;

  g_return_val_if_fail (self != NULL && font != NULL && text != NULL, 0);

  if (jm_text_measure_try_fast (self, font, text, width, &h))
    {
      self->n_fast++;
      return h;
    }

  /* Texts that need Pango often repeat: channel labels, team lists. */
  self->n_slow++;
  key = g_strdup_printf ("%p %d %s", (void *) font_entry (self, font), width, text);
  if (g_hash_table_lookup_extended (self->slow, key, NULL, &known))
    return GPOINTER_TO_INT (known);
  h = jm_text_measure_pango (self, font, text, width);
  if (g_hash_table_size (self->slow) >= MAX_SLOW_CACHE)
    g_hash_table_remove_all (self->slow);
  g_hash_table_insert (self->slow, g_steal_pointer (&key), GINT_TO_POINTER (h));
  return h;
}

/**
 * jm_text_measure_get_counts:
 * @self: a measurer
 * @fast: (out) (optional): paragraphs measured from word widths
 * @slow: (out) (optional): paragraphs that needed Pango
 */
void
jm_text_measure_get_counts (JmTextMeasure *self,
                            guint         *fast,
                            guint         *slow)
{
  g_return_if_fail (self != NULL);

  if (fast != NULL)
    *fast = self->n_fast;
  if (slow != NULL)
    *slow = self->n_slow;
}

/**
 * jm_text_shorten:
 * @text: (nullable): a text
 * @max_chars: how many characters may be shown
 * @n_chars: (out) (optional): the length of @text in characters when it is
 *   shortened, else 0
 *
 * Cuts @text after @max_chars characters and adds an ellipsis, for
 * showing: the model and the file keep the whole text.
 *
 * Returns: (transfer full) (nullable): the shortened text, or %NULL when
 *   @text fits as it is
 */
char *
jm_text_shorten (const char *text,
                 glong       max_chars,
                 glong      *n_chars)
{
  g_autofree char *head = NULL;
  const char *end;

  g_return_val_if_fail (max_chars > 0, NULL);

  if (n_chars != NULL)
    *n_chars = 0;
  /* Characters take one to four bytes: most texts are sized by bytes alone. */
  if (text == NULL || strlen (text) <= (gsize) max_chars)
    return NULL;
  end = text;
  for (glong i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return NULL;
  if (n_chars != NULL)
    *n_chars = max_chars + g_utf8_strlen (end, -1);
  head = g_strndup (text, end - text);
  return g_strconcat (head, "…", NULL);
}
