/* jm-export-writer.c: a plan written out as PDF, PNG or SVG
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "jm-export-private.h"
#include "jm-atomic-file.h"

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

/* The document outline: a bookmark for each persona's (or the board's)
 * pages and, under it, each page; for a poster, the assembly page and
 * each sheet by its name. */
static void
add_outline_pdf (JmExportPlan    *plan,
                 cairo_surface_t *surface)
{
  const char *last = NULL;
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  guint n = 0;

  for (guint i = 0; i < plan->pages->len; i++)
    {
      const Page *page = &g_array_index (plan->pages, Page, i);
      g_autofree char *dest = g_strdup_printf ("page=%u", i + 1);
      g_autofree char *title = NULL;

      switch (page->kind)
        {
        case PAGE_ASSEMBLY:
          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Assembly"), dest, 0);
          parent = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Sheets"),
                                                  "page=2", CAIRO_PDF_OUTLINE_FLAG_OPEN);
          break;
        case PAGE_TILE:
          {
            char name[16];

            tile_name (page->row, page->col, name, sizeof name);
            /* Translators: a poster's sheet, by its name ("B3") */
            title = g_strdup_printf (_("Sheet %s"), name);
            cairo_pdf_surface_add_outline (surface, parent, title, dest, 0);
          }
          break;
        case PAGE_FRAME:
        default:
          {
            Frame *frame = g_ptr_array_index (plan->frames, page->index);
            const char *label = frame->label != NULL ? frame->label : plan->title;

            if (last == NULL || g_strcmp0 (label, last) != 0)
              {
                parent = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, label,
                                                        dest, CAIRO_PDF_OUTLINE_FLAG_OPEN);
                last = label;
                n = 0;
              }
            /* Translators: a page among those of one persona, the board... */
            title = g_strdup_printf (_("Page %u"), ++n);
            cairo_pdf_surface_add_outline (surface, parent, title, dest, 0);
          }
          break;
        }
    }
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
  if (plan->description != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, plan->description);
  if (plan->authors != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, plan->authors);
  if (plan->options.date >= 0)
    {
      g_autofree char *date = iso_date (plan->options.date);

      if (date != NULL)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        }
    }

  /* Texts are drawn from the glyphs of their words, set with the widths
   * they were measured with (a measuring context's, see measure_bands()). */
  {
    cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *rcr = cairo_create (recording);
    Ctx measuring;

    ctx_init (&measuring, plan, rcr, FALSE);
    plan->setter = g_steal_pointer (&measuring.measure);
    ctx_clear (&measuring);
    cairo_destroy (rcr);
    cairo_surface_destroy (recording);
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
      /* Paper white under everything: cairo 1.16 adds each operation's
       * extents to a region of the page while it analyses it, which costs
       * the region's size once its rectangles are many (a page of an A0
       * grid holds tens of thousands); a first one covering the page keeps
       * the region one rectangle, and the page analysed in linear time. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      jm_export_plan_draw_page (plan, cr, i);
      cairo_show_page (cr);
      cairo_destroy (cr);
      if (progress != NULL)
        progress ((double) (i + 1) / plan->pages->len, user_data);
      ok = surface_check (surface, error);
    }
  g_clear_pointer (&plan->setter, jm_text_measure_free);
  if (ok)
    add_outline_pdf (plan, surface);
  cairo_surface_finish (surface);
  if (ok && sink->error == NULL)
    ok = surface_check (surface, error);
  cairo_surface_destroy (surface);
  return ok;
}

/* Where a picture (PNG or SVG) puts the layout: the picture is @width by
 * @height of its units, the layout drawn at @scale units a point with
 * its corner at (@x, @y), the margin all round; a slide fits the layout
 * in 1920 × 1080 pixels, centred. @ppp is the picture's units a point
 * without a slide. */
static void
picture_geometry (JmExportPlan *plan,
                  double        ppp,
                  double       *width,
                  double       *height,
                  double       *x,
                  double       *y,
                  double       *scale)
{
  double m = plan->options.margin;
  double w = plan->poster->width, h = plan->poster->height;

  if (plan->options.slide)
    {
      /* The margin as a screen shows it: 96 pixels an inch. */
      double mp = m * 96 / 72;

      *width = JM_EXPORT_SLIDE_WIDTH;
      *height = JM_EXPORT_SLIDE_HEIGHT;
      *scale = MIN ((*width - 2 * mp) / w, (*height - 2 * mp) / h);
      *x = (*width - w * *scale) / 2;
      *y = (*height - h * *scale) / 2;
      return;
    }
  *scale = ppp;
  *width = ceil ((w + 2 * m) * ppp);
  *height = ceil ((h + 2 * m) * ppp);
  *x = m * ppp;
  *y = m * ppp;
}

static gboolean
write_png (JmExportPlan  *plan,
           Sink          *sink,
           GError       **error)
{
  const JmExportOptions *o = &plan->options;
  double ppp = PNG_PIXELS_PER_POINT;
  double w = plan->poster->width + 2 * o->margin, h = plan->poster->height + 2 * o->margin;
  double pw, ph, x, y, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (o->dpi > 0)
    ppp = o->dpi / 72;
  else if (o->pixel_width > 0)
    ppp = o->pixel_width / w;
  /* Big layouts get fewer pixels per point rather than failing, down to
   * a quarter pixel, past which text would be unreadable anyway. */
  ppp = MIN (ppp, MAX_IMAGE_PIXELS / MAX (w, h));
  if (ppp < 0.25 && !o->slide)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_TOO_LARGE,
                   _("The layout is too large for one PNG image (%.0f × %.0f mm); export it as PDF"),
                   JM_PT_TO_MM (w), JM_PT_TO_MM (h));
      return FALSE;
    }
  picture_geometry (plan, ppp, &pw, &ph, &x, &y, &scale);
  /* --pixel-width is the width asked, to the pixel. */
  if (o->pixel_width > 0 && !o->slide && ppp == o->pixel_width / w)
    pw = o->pixel_width;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) pw, (int) ph);
  if (!surface_check (surface, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
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
  g_autoptr(GString) texts = g_string_new ("<g id=\"text\">\n");
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *root, *root_end, *close;
  double pw, ph, x, y, scale;
  gboolean ok;

  /* Points, or pixels for a slide. */
  picture_geometry (plan, 1, &pw, &ph, &x, &y, &scale);
  surface = cairo_svg_surface_create_for_stream (append_cb, svg, pw, ph);
  if (plan->options.slide)
    cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  /* The words as <text>, which design tools edit, instead of outlines. */
  jm_svg_text_attach (surface, texts);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  jm_export_plan_draw_poster (plan, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = surface_check (surface, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;
  g_string_append (texts, "</g>\n");

  /* A <title> and <desc> right after the root's start tag give readers,
   * search and screen readers the map at a glance; the text goes last, on
   * top of the drawing. */
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

  close = g_strrstr ((const char *) svg->data, "</svg>");
  if (close == NULL || close < root_end)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_FAILED, _("Could not write the SVG image"));
      return FALSE;
    }
  ok = write_cb (sink, svg->data, (unsigned int) (root_end + 1 - (const char *) svg->data)) == CAIRO_STATUS_SUCCESS &&
       write_cb (sink, (const guint8 *) insert, (unsigned int) strlen (insert)) == CAIRO_STATUS_SUCCESS &&
       write_cb (sink, (const guint8 *) root_end + 1, (unsigned int) (close - root_end - 1)) == CAIRO_STATUS_SUCCESS &&
       write_cb (sink, (const guint8 *) texts->str, (unsigned int) texts->len) == CAIRO_STATUS_SUCCESS &&
       write_cb (sink, (const guint8 *) close, (unsigned int) strlen (close)) == CAIRO_STATUS_SUCCESS;
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
