/* jm-board-geometry.c: where stages, lanes and cards sit on the board
 *
 * Board coordinates are unscaled: the canvas applies zoom and scrolling.
 * The top-left corner holds nothing; stage headers run along the top, lane
 * headers down the left, then one "+" column and one "+" row close the grid.
 * Columns have one width; a lane is as tall as its fullest cell.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-board-geometry"

#include <math.h>

#include "jm-board-geometry.h"

struct _JmBoardGeometry
{
  JmBoardMetrics metrics;
  guint          n_stages;
  guint          n_lanes;
  GArray        *cards;        /* JmBoardCard, in the order they were added */
  guint         *cell_start;   /* n_cells + 1 offsets into cell_cards */
  guint         *cell_cards;   /* card indices grouped by cell, in cell order */
  double        *lane_y;       /* n_lanes + 1 tops; lane_y[n_lanes] is the "+" row */
  gboolean       laid_out;
};

void
jm_board_metrics_init_default (JmBoardMetrics *metrics)
{
  g_return_if_fail (metrics != NULL);

  metrics->stage_header_height = 64;
  metrics->lane_header_width = 168;
  metrics->card_width = 216;
  metrics->card_gap = 10;
  metrics->cell_padding = 12;
  metrics->min_cell_height = 96;
  metrics->add_size = 56;
  metrics->handle_radius = 7;
}

/**
 * jm_board_geometry_new:
 * @metrics: (nullable): the sizes to use, %NULL for the defaults
 *
 * Returns: (transfer full): an empty geometry, free with jm_board_geometry_free()
 */
JmBoardGeometry *
jm_board_geometry_new (const JmBoardMetrics *metrics)
{
  JmBoardGeometry *self = g_new0 (JmBoardGeometry, 1);

  if (metrics != NULL)
    self->metrics = *metrics;
  else
    jm_board_metrics_init_default (&self->metrics);
  self->cards = g_array_new (FALSE, FALSE, sizeof (JmBoardCard));
  jm_board_geometry_reset (self, 0, 0);
  return self;
}

void
jm_board_geometry_free (JmBoardGeometry *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->cards);
  g_free (self->cell_start);
  g_free (self->cell_cards);
  g_free (self->lane_y);
  g_free (self);
}

const JmBoardMetrics *
jm_board_geometry_get_metrics (JmBoardGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->metrics;
}

/**
 * jm_board_geometry_reset:
 *
 * Forgets every card and sets the grid's size; add the cards, then call
 * jm_board_geometry_layout().
 */
void
jm_board_geometry_reset (JmBoardGeometry *self,
                         guint            n_stages,
                         guint            n_lanes)
{
  g_return_if_fail (self != NULL);

  self->n_stages = n_stages;
  self->n_lanes = n_lanes;
  g_array_set_size (self->cards, 0);
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_cards, g_free);
  g_free (self->lane_y);
  self->lane_y = g_new0 (double, n_lanes + 1);
  self->laid_out = FALSE;
  jm_board_geometry_layout (self);
}

/**
 * jm_board_geometry_add_card:
 * @height: the card's height at the board's card width
 * @data: (nullable): what the card stands for, kept for the caller
 *
 * Adds a card after the cards already in its cell.
 *
 * Returns: the card's index
 */
guint
jm_board_geometry_add_card (JmBoardGeometry *self,
                            guint            stage,
                            guint            lane,
                            double           height,
                            gpointer         data)
{
  JmBoardCard card = { 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->n_stages, 0);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  card.stage = stage;
  card.lane = lane;
  card.rect.width = self->metrics.card_width;
  card.rect.height = MAX (height, 1.0);
  card.data = data;
  g_array_append_val (self->cards, card);
  self->laid_out = FALSE;
  return self->cards->len - 1;
}

static inline double
column_width (JmBoardGeometry *self)
{
  return self->metrics.card_width + 2 * self->metrics.cell_padding;
}

static inline double
column_x (JmBoardGeometry *self,
          guint            stage)
{
  return self->metrics.lane_header_width + stage * column_width (self);
}

static inline guint
cell_of (JmBoardGeometry *self,
         guint            stage,
         guint            lane)
{
  return lane * self->n_stages + stage;
}

/**
 * jm_board_geometry_layout:
 *
 * Places every card: in its cell, top to bottom in the order added, and
 * sizes each lane to its fullest cell.
 */
void
jm_board_geometry_layout (JmBoardGeometry *self)
{
  const JmBoardMetrics *m;
  guint n_cells, n_cards;
  guint *fill;
  double *lane_height;

  g_return_if_fail (self != NULL);

  m = &self->metrics;
  n_cells = self->n_stages * self->n_lanes;
  n_cards = self->cards->len;

  g_free (self->cell_start);
  g_free (self->cell_cards);
  self->cell_start = g_new0 (guint, n_cells + 1);
  self->cell_cards = g_new (guint, MAX (n_cards, 1));

  /* A counting sort keeps each cell's cards in the order they came. */
  for (guint i = 0; i < n_cards; i++)
    {
      JmBoardCard *card = &g_array_index (self->cards, JmBoardCard, i);
      self->cell_start[cell_of (self, card->stage, card->lane) + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  fill = g_new0 (guint, MAX (n_cells, 1));
  for (guint i = 0; i < n_cards; i++)
    {
      JmBoardCard *card = &g_array_index (self->cards, JmBoardCard, i);
      guint cell = cell_of (self, card->stage, card->lane);

      card->index_in_cell = fill[cell]++;
      self->cell_cards[self->cell_start[cell] + card->index_in_cell] = i;
    }
  g_free (fill);

  lane_height = g_new0 (double, MAX (self->n_lanes, 1));
  for (guint l = 0; l < self->n_lanes; l++)
    {
      lane_height[l] = m->min_cell_height;
      for (guint s = 0; s < self->n_stages; s++)
        {
          guint cell = cell_of (self, s, l);
          double h = 2 * m->cell_padding;
          guint count = self->cell_start[cell + 1] - self->cell_start[cell];

          for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
            h += g_array_index (self->cards, JmBoardCard, self->cell_cards[k]).rect.height;
          if (count > 1)
            h += (count - 1) * m->card_gap;
          lane_height[l] = MAX (lane_height[l], h);
        }
    }

  self->lane_y[0] = m->stage_header_height;
  for (guint l = 0; l < self->n_lanes; l++)
    self->lane_y[l + 1] = self->lane_y[l] + lane_height[l];
  g_free (lane_height);

  for (guint cell = 0; cell < n_cells; cell++)
    {
      guint stage = cell % MAX (self->n_stages, 1);
      guint lane = cell / MAX (self->n_stages, 1);
      double y = self->lane_y[lane] + m->cell_padding;
      double x = column_x (self, stage) + m->cell_padding;

      for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
        {
          JmBoardCard *card = &g_array_index (self->cards, JmBoardCard, self->cell_cards[k]);

          card->rect.x = x;
          card->rect.y = y;
          card->rect.width = m->card_width;
          y += card->rect.height + m->card_gap;
        }
    }
  self->laid_out = TRUE;
}

guint
jm_board_geometry_get_n_stages (JmBoardGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_stages;
}

guint
jm_board_geometry_get_n_lanes (JmBoardGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_lanes;
}

guint
jm_board_geometry_get_n_cards (JmBoardGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->cards->len;
}

/**
 * jm_board_geometry_get_card:
 *
 * Returns: (transfer none): the card, valid until the next reset
 */
JmBoardCard *
jm_board_geometry_get_card (JmBoardGeometry *self,
                            guint            card)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (card < self->cards->len, NULL);
  return &g_array_index (self->cards, JmBoardCard, card);
}

guint
jm_board_geometry_get_cell_n_cards (JmBoardGeometry *self,
                                    guint            stage,
                                    guint            lane)
{
  guint cell;

  g_return_val_if_fail (self != NULL && self->laid_out, 0);
  if (stage >= self->n_stages || lane >= self->n_lanes)
    return 0;
  cell = cell_of (self, stage, lane);
  return self->cell_start[cell + 1] - self->cell_start[cell];
}

/**
 * jm_board_geometry_get_cell_card:
 *
 * Returns: the index of the index_in_cell-th card of a cell, -1 if there is none
 */
int
jm_board_geometry_get_cell_card (JmBoardGeometry *self,
                                 guint            stage,
                                 guint            lane,
                                 guint            index_in_cell)
{
  g_return_val_if_fail (self != NULL && self->laid_out, -1);
  if (index_in_cell >= jm_board_geometry_get_cell_n_cards (self, stage, lane))
    return -1;
  return self->cell_cards[self->cell_start[cell_of (self, stage, lane)] + index_in_cell];
}

double
jm_board_geometry_get_width (JmBoardGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return column_x (self, self->n_stages) + self->metrics.add_size;
}

double
jm_board_geometry_get_height (JmBoardGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lane_y[self->n_lanes] + self->metrics.add_size;
}

void
jm_board_geometry_stage_header_rect (JmBoardGeometry *self,
                                     guint            stage,
                                     JmBoardRect     *rect)
{
  g_return_if_fail (self != NULL && rect != NULL);
  *rect = (JmBoardRect) { column_x (self, stage), 0, column_width (self),
                          self->metrics.stage_header_height };
}

void
jm_board_geometry_lane_header_rect (JmBoardGeometry *self,
                                    guint            lane,
                                    JmBoardRect     *rect)
{
  g_return_if_fail (self != NULL && rect != NULL);
  g_return_if_fail (lane < self->n_lanes);
  *rect = (JmBoardRect) { 0, self->lane_y[lane], self->metrics.lane_header_width,
                          self->lane_y[lane + 1] - self->lane_y[lane] };
}

void
jm_board_geometry_cell_rect (JmBoardGeometry *self,
                             guint            stage,
                             guint            lane,
                             JmBoardRect     *rect)
{
  g_return_if_fail (self != NULL && rect != NULL);
  g_return_if_fail (lane < self->n_lanes);
  *rect = (JmBoardRect) { column_x (self, stage), self->lane_y[lane], column_width (self),
                          self->lane_y[lane + 1] - self->lane_y[lane] };
}

void
jm_board_geometry_add_stage_rect (JmBoardGeometry *self,
                                  JmBoardRect     *rect)
{
  g_return_if_fail (self != NULL && rect != NULL);
  *rect = (JmBoardRect) { column_x (self, self->n_stages), 0, self->metrics.add_size,
                          self->metrics.stage_header_height };
}

void
jm_board_geometry_add_lane_rect (JmBoardGeometry *self,
                                 JmBoardRect     *rect)
{
  g_return_if_fail (self != NULL && rect != NULL);
  *rect = (JmBoardRect) { 0, self->lane_y[self->n_lanes], self->metrics.lane_header_width,
                          self->metrics.add_size };
}

void
jm_board_geometry_handle_center (JmBoardGeometry *self,
                                 guint            card,
                                 double          *x,
                                 double          *y)
{
  JmBoardCard *c = jm_board_geometry_get_card (self, card);

  g_return_if_fail (c != NULL);
  *x = c->rect.x + c->rect.width;
  *y = c->rect.y + c->rect.height / 2;
}

/* Links run in the clear space of the grid, where no card can be: down
 * the gutters between columns and along the bands between lanes. A card
 * sits a cell's padding inside its cell, so a run kept within that padding
 * never crosses a card, whatever the cards in the cells around it. Runs
 * leaving a column keep to the left half of the gutter after it and runs
 * arriving keep to the right half, so that a link's turn into its card is
 * never confused with another's; within its half a run takes one of three
 * tracks, by the card's place in its cell, which keeps most parallel runs
 * apart and every run at least 3.5 px from a card. */
static double
route_offset (JmBoardGeometry *self,
              guint            k)
{
  return ((double) (k % 3) - 1) * self->metrics.cell_padding * 5 / 24;
}

/* x of the run arriving at column @stage from its left. */
static double
gutter_in_x (JmBoardGeometry *self,
             guint            stage,
             guint            k)
{
  /* The first column has only its own padding between it and the lane
   * headers: keep to the middle of that. */
  if (stage == 0)
    return column_x (self, 0) + self->metrics.cell_padding / 2 + route_offset (self, k) / 2;
  return column_x (self, stage) + self->metrics.cell_padding * 7 / 24 + route_offset (self, k);
}

/* x of the run leaving column @stage on its right. */
static double
gutter_out_x (JmBoardGeometry *self,
              guint            stage,
              guint            k)
{
  return column_x (self, stage + 1) - self->metrics.cell_padding / 2 + route_offset (self, k);
}

/* y of the run along the top of lane @lane (the band under the last lane
 * when @lane is the number of lanes). */
static double
band_y (JmBoardGeometry *self,
        guint            lane,
        guint            k)
{
  return self->lane_y[lane] + self->metrics.cell_padding / 2 + route_offset (self, k);
}

/* The band to cross the columns in: of those between the two lanes (or
 * around a lane, for a link within one), the one that makes the shortest
 * path, the nearest to the middle of the two ends on a tie. */
static guint
route_band (JmBoardGeometry *self,
            guint            lane0,
            double           y0,
            guint            lane1,
            double           y1)
{
  guint first = MIN (lane0, lane1) + (lane0 != lane1 ? 1 : 0);
  guint last = MAX (lane0, lane1) + (lane0 == lane1 ? 1 : 0);
  double middle = (y0 + y1) / 2;
  guint best = first;

  for (guint k = first + 1; k <= last; k++)
    if (fabs (band_y (self, k, 1) - middle) < fabs (band_y (self, best, 1) - middle))
      best = k;
  return best;
}

static void
route_add (JmBoardRoute *route,
           double        x,
           double        y)
{
  g_assert (route->n_points < JM_BOARD_ROUTE_MAX_POINTS);
  route->x[route->n_points] = x;
  route->y[route->n_points] = y;
  route->n_points++;
}

/**
 * jm_board_geometry_link_route:
 * @from: the index of the card the link starts from
 * @to: the index of the card it points to
 * @route: (out caller-allocates): the path
 *
 * Where a link from @from to @to runs: out of the middle of the first
 * card's right edge, then only through space that no card covers, into the
 * left edge of the second card a little below its top, where the arrow
 * head goes. So a link never seems to pass through a third card.
 */
void
jm_board_geometry_link_route (JmBoardGeometry *self,
                              guint            from,
                              guint            to,
                              JmBoardRoute    *route)
{
  const JmBoardCard *a, *b;
  double x0, y0, x1, y1, out_x;

  g_return_if_fail (self != NULL && route != NULL);
  g_return_if_fail (from < self->cards->len && to < self->cards->len);

  a = &g_array_index (self->cards, JmBoardCard, from);
  b = &g_array_index (self->cards, JmBoardCard, to);
  route->n_points = 0;
  x0 = a->rect.x + a->rect.width;
  y0 = a->rect.y + a->rect.height / 2;
  x1 = b->rect.x;
  y1 = b->rect.y + MIN (b->rect.height / 2, 28);
  out_x = gutter_out_x (self, a->stage, a->index_in_cell);

  route_add (route, x0, y0);
  route_add (route, out_x, y0);
  if (b->stage == a->stage + 1)
    {
      /* The next column: one gutter holds the whole way down. */
      route_add (route, out_x, y1);
    }
  else
    {
      double in_x = gutter_in_x (self, b->stage, b->index_in_cell);
      double y = band_y (self, route_band (self, a->lane, y0, b->lane, y1), from + to);

      route_add (route, out_x, y);
      route_add (route, in_x, y);
      route_add (route, in_x, y1);
    }
  route_add (route, x1, y1);
}

/**
 * jm_board_route_bounds:
 *
 * The smallest rectangle around @route's points.
 */
void
jm_board_route_bounds (const JmBoardRoute *route,
                       JmBoardRect        *bounds)
{
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE, right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

  g_return_if_fail (route != NULL && bounds != NULL);

  for (guint i = 0; i < route->n_points; i++)
    {
      left = MIN (left, route->x[i]);
      right = MAX (right, route->x[i]);
      top = MIN (top, route->y[i]);
      bottom = MAX (bottom, route->y[i]);
    }
  if (route->n_points == 0)
    left = top = right = bottom = 0;
  *bounds = (JmBoardRect) { left, top, right - left, bottom - top };
}

/**
 * jm_board_segment_intersects_rect:
 *
 * Whether the segment from (@x0, @y0) to (@x1, @y1) has a point inside
 * @rect (touching its edge is not inside).
 */
gboolean
jm_board_segment_intersects_rect (double             x0,
                                  double             y0,
                                  double             x1,
                                  double             y1,
                                  const JmBoardRect *rect)
{
  double t0 = 0, t1 = 1;
  double p[4] = { -(x1 - x0), x1 - x0, -(y1 - y0), y1 - y0 };
  double q[4] = { x0 - rect->x, rect->x + rect->width - x0,
                  y0 - rect->y, rect->y + rect->height - y0 };

  g_return_val_if_fail (rect != NULL, FALSE);

  /* Liang-Barsky clipping, against the open rectangle. */
  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] <= 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
    }
  return t0 < t1;
}

gboolean
jm_board_rect_contains (const JmBoardRect *rect,
                        double             x,
                        double             y)
{
  return x >= rect->x && y >= rect->y &&
         x < rect->x + rect->width && y < rect->y + rect->height;
}

gboolean
jm_board_rect_intersects (const JmBoardRect *a,
                          const JmBoardRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* The lane whose band holds y, by bisection; -1 above or below the lanes. */
static int
lane_at (JmBoardGeometry *self,
         double           y)
{
  guint lo = 0, hi = self->n_lanes;

  if (self->n_lanes == 0 || y < self->lane_y[0] || y >= self->lane_y[self->n_lanes])
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->lane_y[mid] <= y)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static int
stage_at (JmBoardGeometry *self,
          double           x)
{
  double rel = x - self->metrics.lane_header_width;
  int stage;

  if (rel < 0)
    return -1;
  stage = (int) (rel / column_width (self));
  return stage < (int) self->n_stages ? stage : -1;
}

/**
 * jm_board_geometry_hit:
 * @hit: (out): what lies at (@x, @y)
 *
 * Finds the topmost thing at a board point: a card's link handle wins over
 * the card, the card over its cell.
 */
void
jm_board_geometry_hit (JmBoardGeometry *self,
                       double           x,
                       double           y,
                       JmBoardHit      *hit)
{
  const JmBoardMetrics *m;
  int stage, lane;
  JmBoardRect rect;

  g_return_if_fail (self != NULL && hit != NULL);

  m = &self->metrics;
  *hit = (JmBoardHit) { JM_BOARD_HIT_NONE, -1, -1, -1, -1 };
  stage = stage_at (self, x);
  lane = lane_at (self, y);

  if (y >= 0 && y < m->stage_header_height)
    {
      if (x < m->lane_header_width)
        hit->kind = x >= 0 ? JM_BOARD_HIT_CORNER : JM_BOARD_HIT_NONE;
      else if (stage >= 0)
        {
          hit->kind = JM_BOARD_HIT_STAGE_HEADER;
          hit->stage = stage;
        }
      else
        {
          jm_board_geometry_add_stage_rect (self, &rect);
          if (jm_board_rect_contains (&rect, x, y))
            hit->kind = JM_BOARD_HIT_ADD_STAGE;
        }
      return;
    }

  if (x >= 0 && x < m->lane_header_width)
    {
      if (lane >= 0)
        {
          hit->kind = JM_BOARD_HIT_LANE_HEADER;
          hit->lane = lane;
        }
      else
        {
          jm_board_geometry_add_lane_rect (self, &rect);
          if (jm_board_rect_contains (&rect, x, y))
            hit->kind = JM_BOARD_HIT_ADD_LANE;
        }
      return;
    }

  if (stage < 0 || lane < 0)
    return;

  hit->kind = JM_BOARD_HIT_CELL;
  hit->stage = stage;
  hit->lane = lane;

  {
    guint cell = cell_of (self, stage, lane);

    for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
      {
        JmBoardCard *card = &g_array_index (self->cards, JmBoardCard, self->cell_cards[k]);
        double hx = card->rect.x + card->rect.width;
        double hy = card->rect.y + card->rect.height / 2;
        double r = m->handle_radius + 2;

        if ((x - hx) * (x - hx) + (y - hy) * (y - hy) <= r * r)
          {
            hit->kind = JM_BOARD_HIT_CARD_HANDLE;
            hit->card = self->cell_cards[k];
            hit->index_in_cell = card->index_in_cell;
            return;
          }
        if (jm_board_rect_contains (&card->rect, x, y))
          {
            hit->kind = JM_BOARD_HIT_CARD;
            hit->card = self->cell_cards[k];
            hit->index_in_cell = card->index_in_cell;
            return;
          }
      }
  }
}

/**
 * jm_board_geometry_cell_at:
 * @clamp: %TRUE to answer the nearest cell for a point outside the grid
 *
 * Returns: %TRUE if (@x, @y) is in a cell (always, when clamping a non-empty grid)
 */
gboolean
jm_board_geometry_cell_at (JmBoardGeometry *self,
                           double           x,
                           double           y,
                           gboolean         clamp,
                           guint           *stage,
                           guint           *lane)
{
  int s, l;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_stages == 0 || self->n_lanes == 0)
    return FALSE;

  if (clamp)
    {
      double right = column_x (self, self->n_stages) - 1e-6;
      double bottom = self->lane_y[self->n_lanes] - 1e-6;

      x = CLAMP (x, self->metrics.lane_header_width, right);
      y = CLAMP (y, self->lane_y[0], bottom);
    }
  s = stage_at (self, x);
  l = lane_at (self, y);
  if (s < 0 || l < 0)
    return FALSE;
  if (stage != NULL)
    *stage = s;
  if (lane != NULL)
    *lane = l;
  return TRUE;
}

/**
 * jm_board_geometry_drop_target:
 * @index_in_cell: (out): the place among the cell's cards that are not being
 *   dragged, as jm_map_move_touchpoint() counts it
 * @indicator: (out) (optional): a thin rectangle showing where the cards land
 *
 * Computes where cards dropped at (@x, @y) go: the nearest cell, and the gap
 * between the cards (not flagged %JM_BOARD_CARD_DRAGGED) closest to @y.
 *
 * Returns: %FALSE if the board has no cell
 */
gboolean
jm_board_geometry_drop_target (JmBoardGeometry *self,
                               double           x,
                               double           y,
                               guint           *stage,
                               guint           *lane,
                               guint           *index_in_cell,
                               JmBoardRect     *indicator)
{
  const JmBoardMetrics *m;
  guint s, l, cell, index = 0;
  double line_y;
  JmBoardCard *last = NULL;
  JmBoardCard *next = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!jm_board_geometry_cell_at (self, x, y, TRUE, &s, &l))
    return FALSE;

  m = &self->metrics;
  cell = cell_of (self, s, l);
  for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
    {
      JmBoardCard *card = &g_array_index (self->cards, JmBoardCard, self->cell_cards[k]);

      if (card->flags & JM_BOARD_CARD_DRAGGED)
        continue;
      if (y < card->rect.y + card->rect.height / 2)
        {
          next = card;
          break;
        }
      last = card;
      index++;
    }

  if (next != NULL)
    line_y = next->rect.y - m->card_gap / 2;
  else if (last != NULL)
    line_y = last->rect.y + last->rect.height + m->card_gap / 2;
  else
    line_y = self->lane_y[l] + m->cell_padding / 2;

  if (stage != NULL)
    *stage = s;
  if (lane != NULL)
    *lane = l;
  if (index_in_cell != NULL)
    *index_in_cell = index;
  if (indicator != NULL)
    *indicator = (JmBoardRect) { column_x (self, s) + m->cell_padding, line_y - 2,
                                 m->card_width, 4 };
  return TRUE;
}

/**
 * jm_board_geometry_stage_slot:
 * @indicator: (out) (optional): a thin vertical rectangle at the slot
 *
 * Returns: the gap between stages nearest to @x, 0 (before the first) to
 *   the number of stages (after the last)
 */
guint
jm_board_geometry_stage_slot (JmBoardGeometry *self,
                              double           x,
                              JmBoardRect     *indicator)
{
  double rel;
  guint slot;

  g_return_val_if_fail (self != NULL, 0);

  rel = (x - self->metrics.lane_header_width) / column_width (self);
  slot = rel <= 0 ? 0 : (guint) MIN (rel + 0.5, (double) self->n_stages);
  if (indicator != NULL)
    *indicator = (JmBoardRect) { column_x (self, slot) - 2, 0, 4, self->lane_y[self->n_lanes] };
  return slot;
}

/**
 * jm_board_geometry_lane_slot:
 * @indicator: (out) (optional): a thin horizontal rectangle at the slot
 *
 * Returns: the gap between lanes nearest to @y, 0 to the number of lanes
 */
guint
jm_board_geometry_lane_slot (JmBoardGeometry *self,
                             double           y,
                             JmBoardRect     *indicator)
{
  guint slot = 0;

  g_return_val_if_fail (self != NULL, 0);

  while (slot < self->n_lanes && y > (self->lane_y[slot] + self->lane_y[slot + 1]) / 2)
    slot++;
  if (indicator != NULL)
    *indicator = (JmBoardRect) { 0, self->lane_y[slot] - 2, column_x (self, self->n_stages), 4 };
  return slot;
}

/**
 * jm_board_slot_to_position:
 * @from: the current position of the item being moved
 * @slot: the gap it is dropped into
 *
 * Returns: the position the item takes once moved (what jm_map_move_stage()
 *   and jm_map_move_persona() take)
 */
guint
jm_board_slot_to_position (guint from,
                           guint slot)
{
  return slot > from ? slot - 1 : slot;
}

/**
 * jm_board_geometry_cards_in_rect:
 * @cards: (element-type guint): where to append the indices of the cards
 *   that intersect @rect, in board order (by lane, then stage, then cell)
 *
 * Visits only the cells that intersect @rect, so that drawing the part in
 * view costs what is in view, not what is on the board.
 */
void
jm_board_geometry_cards_in_rect (JmBoardGeometry   *self,
                                 const JmBoardRect *rect,
                                 GArray            *cards)
{
  int s0, s1, l0, l1;
  double cw;

  g_return_if_fail (self != NULL && rect != NULL && cards != NULL);

  if (self->n_stages == 0 || self->n_lanes == 0 || !self->laid_out)
    return;

  cw = column_width (self);
  s0 = (int) floor ((rect->x - self->metrics.lane_header_width) / cw);
  s1 = (int) floor ((rect->x + rect->width - self->metrics.lane_header_width) / cw);
  s0 = MAX (s0, 0);
  s1 = MIN (s1, (int) self->n_stages - 1);

  l0 = lane_at (self, MAX (rect->y, self->lane_y[0]));
  l1 = lane_at (self, MIN (rect->y + rect->height, self->lane_y[self->n_lanes] - 1e-6));
  if (l0 < 0 || l1 < 0 || s0 > s1)
    return;

  for (int l = l0; l <= l1; l++)
    for (int s = s0; s <= s1; s++)
      {
        guint cell = cell_of (self, s, l);

        for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint index = self->cell_cards[k];
            JmBoardCard *card = &g_array_index (self->cards, JmBoardCard, index);

            if (jm_board_rect_intersects (&card->rect, rect))
              g_array_append_val (cards, index);
          }
      }
}
