/* jm-export-pages.c: frames on pages, and posters on tiles
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"

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

/* Fit pages never shrink a layout below actual size, where its smallest
 * text is SMALLEST_TEXT: a layout wider than the sheet then shows as many
 * stages as fit beside the lane labels, and the rest on the next pages,
 * under the same stage header and lane labels. The stages are shared
 * evenly among the windows, so the last page is not left with one. */
void
plan_windows (JmExportPlan *plan)
{
  const JmExportOptions *o = &plan->options;
  double cw = plan->page_width - 2 * o->margin;
  guint n = plan->stages->len;
  guint fit;

  plan->n_windows = 1;
  plan->window_stages = n;
  plan->view_width = plan->frame_width;
  if (JM_EXPORT_LAYOUT_IS_SHEETS (o->layout) || o->tile_columns > 0 || o->scale > 0 ||
      o->sheets > 0 || o->wall_width > 0 || n == 0 || plan->frame_width <= cw)
    return;

  fit = (guint) MAX (1, floor ((cw - plan->label_width) / plan->col_width + 1e-9));
  plan->n_windows = (n + fit - 1) / fit;
  plan->window_stages = (n + plan->n_windows - 1) / plan->n_windows;
  plan->view_width = plan->label_width + plan->window_stages * plan->col_width;
}

/* How many frames @group flows into at @scale on sheets @ch high, and
 * through @last, how full the last one's height is. */
static guint
trial_flow (JmExportPlan *plan,
            Group        *group,
            double        scale,
            double        ch,
            double       *last)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func (frame_free);
  Flow flow = { frames, NULL, ch / scale * (1 + 1e-9), 0, scale, plan, 0 };

  flow_new_frame (&flow, &(Group) { NULL, NULL, NULL });
  flow.fresh_height = 0;
  flow_group (&flow, group);
  *last = ((Frame *) g_ptr_array_index (frames, frames->len - 1))->height * scale / ch;
  return frames->len;
}

/* A group taller than a sheet at actual size: its type grows with the
 * paper, up to @top (at most the scale that fills the sheet's width,
 * @s_w), and the group continues on further sheets. A last sheet nearly
 * empty is a waste of paper on a wall: the group is then set a little
 * smaller, over one sheet fewer, when every sheet is fuller that way,
 * never under actual size. */
#define FULL_SHEET 0.8

static double
sheet_filling_scale (JmExportPlan *plan,
                     Group        *group,
                     double        top,
                     double        s_w,
                     double        ch)
{
  double last, lo = 1, hi = top, fewer_last = 0;
  guint n = trial_flow (plan, group, top, ch, &last);

  if (n < 2 || last >= FULL_SHEET || trial_flow (plan, group, 1, ch, &fewer_last) > n - 1)
    return top;
  /* The largest scale that flows the group onto n - 1 sheets. */
  for (guint i = 0; i < 12 && hi / lo > 1.002; i++)
    {
      double mid = sqrt (lo * hi), mid_last;

      if (trial_flow (plan, group, mid, ch, &mid_last) <= n - 1)
        {
          lo = mid;
          fewer_last = mid_last;
        }
      else
        hi = mid;
    }
  /* The least used sheet either way: its width, scale / s_w, times its
   * height, which is the last sheet's. */
  return MIN (1.0, fewer_last) * lo / s_w > MIN (1.0, last) * top / s_w ? lo : top;
}

void
plan_fit_pages (JmExportPlan *plan)
{
  double cw = plan->page_width - 2 * plan->options.margin;
  double ch = plan->page_height - 2 * plan->options.margin - 12;   /* the footer */
  double s_w = cw / plan->view_width;
  /* Type grows with the paper past A4, as it is read from further off. */
  double grow = MIN (plan->page_width, plan->page_height) / JM_MM_TO_PT (210);

  for (guint g = 0; g < plan->groups->len; g++)
    {
      Group *group = g_ptr_array_index (plan->groups, g);
      double h = group_height (group);
      double scale;

      /* Persona sheets are drawn at the scale that fills their paper
       * (chosen with their layout), other sheets at actual size. Grids
       * and boards fill the width of the sheet (or of their window on it)
       * when that fits them on one sheet, else as much of it as does,
       * down to actual size, and continue on further sheets; on paper
       * larger than A4, a grid or board taller than a sheet grows with
       * the paper. */
      if (JM_EXPORT_LAYOUT_IS_SHEETS (plan->options.layout))
        scale = group->scale > 0 ? group->scale : 1;
      else if (s_w > 1 && h > ch && grow > 1 && plan->n_windows == 1)
        scale = sheet_filling_scale (plan, group, MIN (s_w, grow), s_w, ch);
      else
        scale = MAX (MIN (1.0, s_w), MIN (s_w, ch / h));

      /* Each window of stages flows on its own pages: the rows of one are
       * as tall as its own cards need. */
      for (guint w = 0; w < plan->n_windows; w++)
        {
          Flow flow = { plan->frames, NULL, INFINITY, 0, scale, plan, w };

          /* A group scaled to fill the sheet's height exactly fits it,
           * whatever the last bit of ch / (ch / h) says. */
          flow.max_height = ch / flow.scale * (1 + 1e-9);
          flow_new_frame (&flow, &(Group) { NULL, NULL, NULL });
          flow.fresh_height = 0;
          flow_group (&flow, group);
        }
    }
  for (guint i = 0; i < plan->frames->len; i++)
    add_page (plan, PAGE_FRAME, i, 0,
              ((Frame *) g_ptr_array_index (plan->frames, i))->window);
}

/* The poster: the whole layout in one frame. Grids of separate lanes
 * are stacked, or (plan->lanes_across > 1, a wall preset's choice for a
 * tall map) set side by side in that many columns, row after row. */
void
plan_poster (JmExportPlan *plan)
{
  Flow flow = { g_ptr_array_new_with_free_func (frame_free), NULL, INFINITY, 0, 1, plan, 0 };
  guint across = MIN (MAX (plan->lanes_across, 1), MAX (plan->groups->len, 1));
  double row_top = 0, row_height = 0;
  Frame *poster;

  g_clear_pointer (&plan->poster, frame_free);
  flow_new_frame (&flow, &(Group) { NULL, NULL, NULL });
  poster = flow.frame;
  for (guint g = 0; g < plan->groups->len; g++)
    {
      Frame *frame;
      guint col = g % across;

      if (across == 1)
        {
          if (g > 0)
            {
              Band *gap = band_new (plan, BAND_GAP);
              gap->height = FRAME_GAP;
              frame_place (poster, gap, gap->height);
            }
          flow_group (&flow, g_ptr_array_index (plan->groups, g));
          continue;
        }

      /* Each grid flowed into a frame of its own, then moved into its
       * place on the poster. */
      flow_new_frame (&flow, &(Group) { NULL, NULL, NULL });
      frame = flow.frame;
      flow_group (&flow, g_ptr_array_index (plan->groups, g));
      if (col == 0 && g > 0)
        {
          row_top += row_height + FRAME_GAP;
          row_height = 0;
        }
      while (frame->placed->len > 0)
        {
          Placed *p = g_ptr_array_steal_index (frame->placed, 0);

          p->x += col * (plan->frame_width + FRAME_GAP);
          p->y += row_top;
          g_ptr_array_add (poster->placed, p);
        }
      row_height = MAX (row_height, frame->height);
      poster->height = row_top + row_height;
    }
  poster->width = across * plan->frame_width + (across - 1) * FRAME_GAP;
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

  return MIN ((columns * step_x + o->overlap) / plan->poster->width,
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

gboolean
plan_tiles (JmExportPlan  *plan,
            GError       **error)
{
  const JmExportOptions *o = &plan->options;
  double cw, ch, step_x, step_y;
  double pw = plan->poster->width, ph = plan->poster->height;
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
      plan->asked_cols = cols;
      plan->asked_rows = rows;
      /* A poster never prints a blank sheet: the columns or rows of
       * sheets that the layout, printed that large, does not reach are
       * left out (and jm_export_plan_describe_blank_tiles() says so). */
      cols = MIN (cols, (guint) MAX (1, ceil ((pw * plan->tile_scale - o->overlap) / step_x - 1e-9)));
      rows = MIN (rows, (guint) MAX (1, ceil ((ph * plan->tile_scale - o->overlap) / step_y - 1e-9)));
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

void
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

/* How many of the sheets asked for a poster of chosen tiles the layout
 * would leave blank, and so are left out. */
static guint
count_blank_tiles (JmExportPlan *plan)
{
  if (!plan->tiled || plan->options.tile_columns == 0)
    return 0;
  return plan->asked_cols * plan->asked_rows - plan->tile_cols * plan->tile_rows;
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

  n = MAX (plan->asked_cols * plan->asked_rows, plan->tile_cols * plan->tile_rows);
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
 * For a poster of chosen tiles that would leave whole sheets blank: the tiling
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
 * A poster on sheets of a shape far from the layout's would leave whole
 * sheets blank, and prints without them: says how many, and which tiling
 * of no more sheets prints the layout larger, if one does.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when every
 *   sheet asked for shows part of the layout (or the plan is no poster of
 *   chosen tiles)
 */
char *
jm_export_plan_describe_blank_tiles (JmExportPlan *plan,
                                     gboolean      command_line)
{
  guint n, blank, columns, rows;
  double gain;
  GString *text;

  g_return_val_if_fail (plan != NULL, NULL);

  blank = count_blank_tiles (plan);
  if (blank == 0)
    return NULL;

  n = plan->asked_cols * plan->asked_rows;
  text = g_string_new (NULL);
  /* The height bound the scale when the layout is narrower than the
   * sheets across: whole columns would be blank, else whole rows. */
  if (plan->tile_cols < plan->asked_cols)
    g_string_append_printf (text,
                            /* Translators: the first %u counts blank sheets, the second all
                             * sheets; then the sheets across and down asked for, and those
                             * printed */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u sheets would be blank: the layout is too tall and narrow for %u × %u sheets, so it prints on %u × %u.",
                                         "%u of the %u sheets would be blank: the layout is too tall and narrow for %u × %u sheets, so it prints on %u × %u.",
                                         blank),
                            blank, n, plan->asked_cols, plan->asked_rows,
                            plan->tile_cols, plan->tile_rows);
  else
    g_string_append_printf (text,
                            /* Translators: the first %u counts blank sheets, the second all
                             * sheets; then the sheets across and down asked for, and those
                             * printed */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u sheets would be blank: the layout is too wide and short for %u × %u sheets, so it prints on %u × %u.",
                                         "%u of the %u sheets would be blank: the layout is too wide and short for %u × %u sheets, so it prints on %u × %u.",
                                         blank),
                            blank, n, plan->asked_cols, plan->asked_rows,
                            plan->tile_cols, plan->tile_rows);

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
    *width = plan->poster->width;
  if (height != NULL)
    *height = plan->poster->height;
}
