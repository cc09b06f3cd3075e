/* jm-export-draw.c: pages, posters and tiles drawn
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"

/* --------------------------------------------------------------- drawing */

/* A band of stage columns, shown in a window of them: the lane labels,
 * then window @window's stages beside them, and a rule closing it. */
static void
draw_window (Ctx    *ctx,
             Placed *p,
             guint   window)
{
  JmExportPlan *plan = ctx->plan;
  cairo_t *cr = ctx->cr;
  double shift = window * plan->window_stages * plan->col_width;
  double x1 = ctx->clip_x1, x2 = ctx->clip_x2;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, plan->label_width, p->height);
  cairo_clip (cr);
  ctx->clip_x2 = MIN (x2, plan->label_width);
  if (p->band->kind == BAND_ROW)
    row_draw (ctx, p);
  else
    band_layout (ctx, p->band, plan->frame_width);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, plan->label_width, 0, plan->view_width - plan->label_width, p->height);
  cairo_clip (cr);
  cairo_translate (cr, -shift, 0);
  ctx->clip_x1 = MAX (x1, plan->label_width) + shift;
  ctx->clip_x2 = x2 + shift;
  if (p->band->kind == BAND_ROW)
    row_draw (ctx, p);
  else
    band_layout (ctx, p->band, plan->frame_width);
  cairo_restore (cr);
  ctx->clip_x1 = x1;
  ctx->clip_x2 = x2;

  cairo_set_line_width (cr, 0.5);
  jm_render_set_rgba (cr, &rule);
  cairo_rectangle (cr, 0, 0, plan->view_width, p->height);
  cairo_stroke (cr);
}

/* A link's arrow from the card at @from to the card at @to (rects in
 * device units, in @cr's identity space): level out of one side and into
 * the other, like the board's; between cards of one column, a loop out to
 * the right. */
static void
draw_link (cairo_t      *cr,
           const double *from,
           const double *to,
           double        unit)
{
  double y0 = (from[1] + MIN (from[3], from[1] + 14 * unit)) / 2;
  double y1 = (to[1] + MIN (to[3], to[1] + 14 * unit)) / 2;
  double x0, x1, dx0, dx1, head = 5 * unit;
  double dir;

  if (to[0] >= from[2] - unit)
    {
      x0 = from[2];
      x1 = to[0];
      dir = 1;
      dx0 = dx1 = MAX ((x1 - x0) / 2, 12 * unit);
    }
  else if (to[2] <= from[0] + unit)
    {
      x0 = from[0];
      x1 = to[2];
      dir = -1;
      dx0 = dx1 = -MAX ((x0 - x1) / 2, 12 * unit);
    }
  else
    {
      x0 = from[2];
      x1 = to[2];
      dir = -1;
      dx0 = 10 * unit;
      dx1 = -10 * unit;
    }
  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr, x0 + dx0, y0, x1 - dx1, y1, x1 - dir * head * 0.8, y1);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - dir * head, y1 - head * 0.5);
  cairo_line_to (cr, x1 - dir * head, y1 + head * 0.5);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The arrows of every link whose two ends this frame shows. */
static void
draw_links (Ctx *ctx)
{
  JmExportPlan *plan = ctx->plan;
  cairo_t *cr = ctx->cr;
  double unit = ctx->device_scale;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_line_width (cr, 1.2 * unit);
  cairo_set_source_rgba (cr, 0.38, 0.21, 0.51, 0.9);
  for (guint i = 0; i < plan->touchpoints->len; i++)
    {
      JmTouchpoint *tp = g_ptr_array_index (plan->touchpoints, i);
      const double *from = g_hash_table_lookup (ctx->anchors, tp);
      const char * const *links;

      /* Most cards are on other pages: those first. */
      if (from == NULL || (links = jm_touchpoint_get_links (tp)) == NULL)
        continue;
      for (guint k = 0; links[k] != NULL; k++)
        {
          JmTouchpoint *to = g_hash_table_lookup (plan->by_id, links[k]);
          const double *rect = to != NULL ? g_hash_table_lookup (ctx->anchors, to) : NULL;

          if (rect != NULL && to != tp)
            draw_link (cr, from, rect, unit);
        }
    }
  cairo_restore (cr);
}

/* Draws @frame; a fit page of a layout shown in windows draws window
 * @window of it, else @window is 0 and the whole width is drawn. */
static void
draw_frame (JmExportPlan *plan,
            cairo_t      *cr,
            Frame        *frame,
            guint         window,
            gboolean      greek)
{
  gboolean windowed = frame != plan->poster && plan->n_windows > 1;
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
  if (!ctx.greek && !JM_EXPORT_LAYOUT_IS_SHEETS (plan->options.layout))
    ctx.anchors = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < frame->placed->len; i++)
    {
      Placed *p = g_ptr_array_index (frame->placed, i);

      /* Draw only what the sheet shows: tiles of a big poster each see
       * a small part of it. */
      if (p->y > y2 || p->y + p->height < y1 || p->x > x2 || p->x + plan->frame_width < x1)
        continue;

      cairo_save (cr);
      cairo_translate (cr, p->x, p->y);
      ctx.clip_x1 = x1 - p->x;
      ctx.clip_y1 = y1 - p->y;
      ctx.clip_x2 = x2 - p->x;
      ctx.clip_y2 = y2 - p->y;
      if (windowed && (p->band->kind == BAND_ROW || p->band->kind == BAND_STAGES))
        draw_window (&ctx, p, window);
      else if (p->band->kind == BAND_ROW)
        row_draw (&ctx, p);
      else
        {
          /* A band taller than a sheet is shown a part a frame. */
          if (p->band_off > 0 || p->height < p->band->height)
            {
              cairo_rectangle (cr, 0, 0, plan->view_width, p->height);
              cairo_clip (cr);
              cairo_translate (cr, 0, -p->band_off);
              ctx.clip_y1 += p->band_off;
              ctx.clip_y2 += p->band_off;
            }
          band_layout (&ctx, p->band, p->band->kind == BAND_STAGES && !windowed
                                      ? plan->frame_width : plan->view_width);
        }
      cairo_restore (cr);
    }
  if (ctx.anchors != NULL)
    {
      draw_links (&ctx);
      g_hash_table_unref (ctx.anchors);
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
  cairo_rectangle (cr, 0, 0, plan->poster->width, plan->poster->height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  draw_frame (plan, cr, plan->poster, 0, FALSE);
  cairo_restore (cr);
}

/* Rows are letters as in a spreadsheet (A to Z, then AA, AB...), columns
 * numbers: "B3" is the second row's third sheet. */
void
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

/* The size of text in a sheet's margin: SMALLEST_TEXT on A4, growing
 * with the paper (an A0 sheet is read from further away), as large as
 * the margin holds. */
static double
margin_text_size (JmExportPlan *plan)
{
  double grow = MIN (plan->page_width, plan->page_height) / JM_MM_TO_PT (210);

  return MAX (SMALLEST_TEXT, MIN (SMALLEST_TEXT * grow, (plan->options.margin - 4) / 1.25));
}

static void
draw_footer (JmExportPlan *plan,
             cairo_t      *cr,
             const char   *text)
{
  Ctx ctx;

  ctx_init (&ctx, plan, cr, TRUE);
  text_at (&ctx, text, plan->options.margin, plan->page_height - plan->options.margin + 3,
           plan->page_width - 2 * plan->options.margin, margin_text_size (plan),
           PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &muted);
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
  double offset = (cw - plan->view_width * frame->scale) / 2;
  guint number = page->index + 1;
  g_autofree char *footer = NULL;

  if (plan->n_windows > 1)
    {
      guint first = page->col * plan->window_stages;
      guint last = MIN (first + plan->window_stages, plan->stages->len);

      /* Translators: the map's title, the page number, the pages, the
       * first and last stage shown, the stages, and the version stamp */
      footer = g_strdup_printf (_("%s · page %u of %u · stages %u–%u of %u · %s"), plan->title,
                                number, plan->pages->len, first + 1, last, plan->stages->len,
                                plan->stamp);
    }
  else
    footer = g_strdup_printf (_("%s · page %u of %u · %s"), plan->title,
                              number, plan->pages->len, plan->stamp);

  cairo_save (cr);
  cairo_translate (cr, m + MAX (offset, 0), m);
  cairo_scale (cr, frame->scale, frame->scale);
  draw_frame (plan, cr, frame, page->col, FALSE);
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
  draw_frame (plan, cr, plan->poster, 0, greek);
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

  {
    g_autofree char *dest = g_strdup_printf ("name='sheet-%u-%u'", page->row, page->col);

    cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
    cairo_tag_end (cr, CAIRO_TAG_DEST);
  }
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
           cw - 2 * mark - 8, margin_text_size (plan), PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
           &ink);
  {
    /* The sheet's name top left, clear of the crop and alignment marks on
     * the right; then how to lay the next sheet. */
    double w = text_width (&ctx, name, 9, PANGO_WEIGHT_BOLD);
    double x = m + mark + 4;

    g_autofree char *back = g_strdup_printf ("rect=[%.2f %.2f %.2f %.2f] page=1",
                                             x, MAX (m - 13, 1), w, 11.0);

    /* The sheet's name leads back to the assembly page. */
    cairo_tag_begin (cr, CAIRO_TAG_LINK, back);
    cairo_tag_end (cr, CAIRO_TAG_LINK);
    text_at (&ctx, name, x, MAX (m - 13, 1), -1, 9, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &ink);
    if (!last_col || !last_row)
      {
        g_autofree char *hint = g_strdup_printf (_("Overlap %.0f mm: lay the next sheet's cut edge on the arrows"),
                                                 JM_PT_TO_MM (o));

        text_at (&ctx, hint, x + w + 8, MAX (m - 12, 1), cw - o - 2 * mark - w - 16, SMALLEST_TEXT,
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
  {
    g_autofree char *distance = jm_export_describe_distance (jm_export_plan_get_smallest_text (plan));

    y += 2;
    y += text_at (&ctx, distance, m, y, plan->page_width - 2 * m, 8, PANGO_WEIGHT_BOLD,
                  PANGO_STYLE_NORMAL, &ink);
  }
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

        /* The sheet's page: the assembly page is page 1, then the
         * tiles row by row. */
        {
          /* By name: cairo 1.16 drops a link to a page by number that
           * is not written yet. */
          g_autofree char *link = g_strdup_printf ("rect=[%.2f %.2f %.2f %.2f] dest='sheet-%u-%u'",
                                                   tx, ty, cw * s, ch * s, r, c);

          cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
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
  /* A poster's pages link to each other; cairo 1.16 writes a PDF's links
   * whole only inside a structure element. */
  if (plan->tiled)
    cairo_tag_begin (cr, "Document", NULL);
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
  if (plan->tiled)
    cairo_tag_end (cr, "Document");
  cairo_restore (cr);
}
