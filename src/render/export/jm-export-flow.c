/* jm-export-flow.c: bands measured, then flowed into frames
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export"

#include "config.h"

#include "jm-export-private.h"

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

void
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
  /* The grid summaries' score chips are as wide as the widest label. */
  if (plan->scores != NULL && plan->chip_width == 0)
    {
      ctx_init (&ctx, plan, cr, FALSE);
      plan->chip_width = MAX (text_width (&ctx, _("Not scored"), 7, PANGO_WEIGHT_BOLD),
                              text_width (&ctx, _("Score 5.0"), 7, PANGO_WEIGHT_BOLD)) + 7;
      ctx_clear (&ctx);
    }
  for (guint j = 1; j < n_jobs; j++)
    threads[j] = g_thread_new ("jm-export-measure", measure_items, &jobs[j]);

  ctx_init (&ctx, plan, cr, FALSE);
  for (guint i = 0; i < plan->bands->len; i++)
    {
      Band *band = g_ptr_array_index (plan->bands, i);

      if (band->kind != BAND_ROW)
        band->height = band_layout (&ctx, band, plan->view_width);
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

void
frame_free (gpointer data)
{
  Frame *frame = data;

  g_ptr_array_unref (frame->placed);
  g_free (frame);
}

void
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

void
flow_new_frame (Flow  *flow,
                Group *group)
{
  flow->frame = frame_new ();
  flow->frame->scale = flow->scale;
  flow->frame->window = flow->window;
  flow->frame->label = group->label;
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
    band_layout (&ctx, band, plan->view_width);
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
  JmExportPlan *plan = flow->plan;

  /* Fit pages in windows of stages: the columns of other windows are
   * flowed with those, and count here as shown already. */
  if (plan->n_windows > 1 && isfinite (flow->max_height))
    for (guint c = 0; c < n; c++)
      if (c / plan->window_stages != flow->window)
        from[c] = band->cells[c]->len;

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

void
flow_group (Flow  *flow,
            Group *group)
{
  if (flow->frame->label == NULL)
    flow->frame->label = group->label;
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

double
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

void
group_free (gpointer data)
{
  Group *group = data;

  g_ptr_array_unref (group->bands);
  g_free (group->label);
  g_free (group);
}

Group *
group_new (JmExportPlan *plan)
{
  Group *group = g_new0 (Group, 1);

  group->bands = g_ptr_array_new ();
  g_ptr_array_add (plan->groups, group);
  return group;
}
