/* jm-present-layout.c: the board laid out for a room, without a display
 *
 * The screen is cut from the top: a title bar (the map's title, and a
 * corner kept free for a countdown), a row of stage names, then one band
 * per persona lane, each with its name above its cards. In the overview
 * every stage has the same width and every card in a lane the same height
 * (as many slots as the lane's fullest cell), so the eye reads the grid.
 * Spotlighting a stage gives it half the width and lets its cards share
 * their lane's height among themselves; spotlighting a lane gives it two
 * thirds of the height. What is outside the spotlight stays in view, dimmed
 * and smaller, so the room keeps its bearings.
 *
 * Type sizes are found by measuring: the largest size, within a floor and a
 * ceiling, at which every title of a group fits its card whole. One size
 * per group keeps the board calm; a title that would still not fit at the
 * floor is ellipsized rather than spilling into its neighbour.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-present-layout"

#include "config.h"

#include <math.h>

#include "jm-present-layout.h"

#define OVERVIEW_MAX_SIZE   40.0
#define SPOTLIGHT_MAX_SIZE  64.0
#define CONTEXT_MIN_SIZE    10.0
#define CONTEXT_MAX_SIZE    24.0
/* The share of the width a spotlighted stage takes, and of the lanes'
 * height a spotlighted lane takes. */
#define STAGE_SPOT_SHARE    0.5
#define LANE_SPOT_SHARE     (2.0 / 3.0)

typedef struct
{
  PangoContext *context;
  const char   *family;
} Measure;

/**
 * jm_present_font:
 * @size: in pixels, whatever the screen's resolution
 *
 * Returns: (transfer full): the font present mode draws and measures with
 */
PangoFontDescription *
jm_present_font (const char *family,
                 double      size,
                 gboolean    bold)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family != NULL ? family : "sans-serif");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

static PangoLayout *
wrapped_layout (PangoContext *context,
                const char   *family,
                const char   *text,
                double        size,
                double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = jm_present_font (family, size, TRUE);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, MAX (1, (int) floor (width)) * PANGO_SCALE);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/**
 * jm_present_title_layout:
 *
 * The title of @card as present mode draws it: wrapped to the card's
 * title box, at its size, ellipsized after its lines.
 *
 * Returns: (transfer full): a layout of the card's title
 */
PangoLayout *
jm_present_title_layout (PangoContext        *context,
                         const char          *family,
                         const JmPresentCard *card)
{
  PangoLayout *layout = wrapped_layout (context, family,
                                        jm_touchpoint_get_title (card->touchpoint),
                                        card->title_size, card->title_box.width);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (1, card->title_lines));
  return layout;
}

static int
text_height (Measure    *measure,
             const char *text,
             double      size,
             double      width,
             int        *n_lines)
{
  g_autoptr(PangoLayout) layout = wrapped_layout (measure->context, measure->family, text, size,
                                                  width);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  if (n_lines != NULL)
    *n_lines = pango_layout_get_line_count (layout);
  return height;
}

static int
line_height (Measure *measure,
             double   size)
{
  return text_height (measure, "Ag", size, 10000, NULL);
}

/* The largest whole size in [min, max] at which @card's title fits whole;
 * @min when none does. */
static double
fit_size (Measure             *measure,
          const JmPresentCard *card,
          double               min,
          double               max)
{
  const char *title = jm_touchpoint_get_title (card->touchpoint);
  int lo = (int) ceil (min), hi = (int) floor (max);

  if (title == NULL || *title == '\0')
    return max;
  if (text_height (measure, title, lo, card->title_box.width, NULL) > card->title_box.height)
    return min;
  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      if (text_height (measure, title, mid, card->title_box.width, NULL) <= card->title_box.height)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

/**
 * jm_present_card_stripe_width:
 *
 * Returns: how wide the persona's colour is down the card's left edge
 */
double
jm_present_card_stripe_width (const JmPresentCard *card)
{
  return MIN (6, card->box.width / 20);
}

static void
set_card_boxes (JmPresentCard *card)
{
  JmPresentBox *box = &card->box;
  double pad = CLAMP (MIN (box->width, box->height) * 0.07, 3, 18);
  double strip = MIN (CLAMP (box->height * 0.18, 12, 48), MAX (12, box->width * 0.12));

  card->marks_box = (JmPresentBox) { box->x + pad + jm_present_card_stripe_width (card),
                                     box->y + box->height - pad - strip,
                                     MAX (1, box->width - 2 * pad - jm_present_card_stripe_width (card)),
                                     strip };
  card->mark_size = floor (strip * 0.72);
  double stripe = jm_present_card_stripe_width (card);

  card->title_box = (JmPresentBox) { box->x + pad + stripe, box->y + pad,
                                     MAX (1, box->width - 2 * pad - stripe),
                                     MAX (0, box->height - 2.3 * pad - strip) };
}

/* Gives every card of one group (spotlighted or not) one title size, and
 * each card the lines it shows at that size. */
static void
size_group (JmPresentLayout *self,
            Measure         *measure,
            gboolean         dimmed,
            double           min,
            double           max)
{
  double size = max;
  int lh;

  for (guint i = 0; i < self->cards->len; i++)
    {
      JmPresentCard *card = &g_array_index (self->cards, JmPresentCard, i);

      if (card->dimmed == dimmed)
        size = MIN (size, fit_size (measure, card, min, max));
    }
  lh = line_height (measure, size);
  for (guint i = 0; i < self->cards->len; i++)
    {
      JmPresentCard *card = &g_array_index (self->cards, JmPresentCard, i);
      int n_lines = 0;
      int height;

      if (card->dimmed != dimmed)
        continue;
      card->title_size = size;
      height = text_height (measure, jm_touchpoint_get_title (card->touchpoint), size,
                            card->title_box.width, &n_lines);
      if (height <= card->title_box.height)
        card->title_lines = n_lines;
      else
        {
          card->title_lines = lh > 0 ? (int) floor (card->title_box.height / lh) : 0;
          card->ellipsized = TRUE;
        }
    }
}

typedef struct
{
  GPtrArray *stages;    /* JmStage */
  GPtrArray *lanes;     /* JmPersona */
  GPtrArray *cells;     /* GPtrArray of JmTouchpoint, stage-major */
  guint     *lane_max;  /* the fullest cell of each lane */
} Grid;

static GPtrArray *
cell (Grid *grid,
      guint stage,
      guint lane)
{
  return g_ptr_array_index (grid->cells, stage * grid->lanes->len + lane);
}

static void
grid_init (Grid  *grid,
           JmMap *map)
{
  GListModel *stages = jm_map_get_stages (map);
  GListModel *lanes = jm_map_get_personas (map);

  grid->stages = g_ptr_array_new_with_free_func (g_object_unref);
  grid->lanes = g_ptr_array_new_with_free_func (g_object_unref);
  grid->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    g_ptr_array_add (grid->stages, g_list_model_get_item (stages, i));
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    g_ptr_array_add (grid->lanes, g_list_model_get_item (lanes, i));
  grid->lane_max = g_new0 (guint, MAX (1, grid->lanes->len));
  for (guint s = 0; s < grid->stages->len; s++)
    for (guint l = 0; l < grid->lanes->len; l++)
      {
        GPtrArray *cards = jm_map_get_cell (map, grid->stages->pdata[s], grid->lanes->pdata[l]);

        g_ptr_array_add (grid->cells, cards);
        grid->lane_max[l] = MAX (grid->lane_max[l], cards->len);
      }
}

static void
grid_clear (Grid *grid)
{
  g_ptr_array_unref (grid->stages);
  g_ptr_array_unref (grid->lanes);
  g_ptr_array_unref (grid->cells);
  g_free (grid->lane_max);
}

/* The columns: equal, or half the width for a spotlighted stage. */
static void
place_stages (JmPresentLayout *self,
              Grid            *grid,
              double           left,
              double           top,
              double           width,
              double           row_height,
              double           gap)
{
  guint n = grid->stages->len;
  double avail = width - gap * (n - 1);
  double spot_w = avail / n, other_w = avail / n;
  double x = left;

  if (self->spot == JM_PRESENT_STAGE && n > 1)
    {
      spot_w = MAX (avail * STAGE_SPOT_SHARE, avail / n);
      other_w = (avail - spot_w) / (n - 1);
    }
  for (guint s = 0; s < n; s++)
    {
      gboolean spot = self->spot == JM_PRESENT_STAGE && s == self->spot_index;
      double w = self->spot == JM_PRESENT_STAGE ? (spot ? spot_w : other_w) : spot_w;
      JmPresentBand band = { 0 };

      band.object = grid->stages->pdata[s];
      band.box = (JmPresentBox) { x, top, w, 0 };
      band.label_box = (JmPresentBox) { x, top, w, row_height };
      band.label_size = floor (row_height * (spot ? 0.62 : 0.5));
      band.dimmed = self->spot == JM_PRESENT_STAGE && !spot;
      g_array_append_val (self->stages, band);
      x += w + gap;
    }
}

/* How many card slots each lane needs, and so its share of the height. */
static double
lane_weight (JmPresentLayout *self,
             Grid            *grid,
             guint            lane)
{
  if (self->spot == JM_PRESENT_STAGE)
    return MAX (1, cell (grid, self->spot_index, lane)->len);
  return MAX (1, grid->lane_max[lane]);
}

static void
place_lanes (JmPresentLayout *self,
             Grid            *grid,
             double           left,
             double           top,
             double           width,
             double           bottom,
             double           gap)
{
  guint n = grid->lanes->len;
  double label_h = CLAMP (self->height * 0.032, 16, 44);
  double cards_h = bottom - top - n * label_h - gap * (n - 1);
  double total = 0, others = 0;
  double y = top;

  for (guint l = 0; l < n; l++)
    {
      total += lane_weight (self, grid, l);
      if (!(self->spot == JM_PRESENT_LANE && l == self->spot_index))
        others += lane_weight (self, grid, l);
    }
  for (guint l = 0; l < n; l++)
    {
      gboolean spot = self->spot == JM_PRESENT_LANE && l == self->spot_index;
      double share = lane_weight (self, grid, l) / total;
      JmPresentBand band = { 0 };
      double h;

      if (self->spot == JM_PRESENT_LANE && n > 1)
        share = spot ? LANE_SPOT_SHARE : (1 - LANE_SPOT_SHARE) * lane_weight (self, grid, l) / others;
      h = label_h + cards_h * share;
      band.object = grid->lanes->pdata[l];
      band.box = (JmPresentBox) { left, y, width, h };
      band.label_box = (JmPresentBox) { left, y, width, label_h };
      band.label_size = floor (label_h * (spot ? 0.75 : 0.62));
      band.dimmed = self->spot == JM_PRESENT_LANE && !spot;
      g_array_append_val (self->lanes, band);
      y += h + gap;
    }
}

static void
place_cards (JmPresentLayout *self,
             Grid            *grid,
             double           gap)
{
  for (guint s = 0; s < grid->stages->len; s++)
    for (guint l = 0; l < grid->lanes->len; l++)
      {
        const JmPresentBand *column = &g_array_index (self->stages, JmPresentBand, s);
        const JmPresentBand *lane = &g_array_index (self->lanes, JmPresentBand, l);
        GPtrArray *cards = cell (grid, s, l);
        gboolean spot_stage = self->spot == JM_PRESENT_STAGE && s == self->spot_index;
        guint slots = spot_stage ? MAX (1, cards->len) : MAX (1, grid->lane_max[l]);
        double top = lane->label_box.y + lane->label_box.height;
        double avail = lane->box.y + lane->box.height - top;
        double card_h = (avail - gap * (slots - 1)) / slots;

        for (guint i = 0; i < cards->len; i++)
          {
            JmPresentCard card = { 0 };

            card.touchpoint = cards->pdata[i];
            card.stage = s;
            card.lane = l;
            card.box = (JmPresentBox) { column->box.x, top + i * (card_h + gap), column->box.width,
                                        MAX (0, card_h) };
            card.dimmed = column->dimmed || lane->dimmed;
            set_card_boxes (&card);
            g_array_append_val (self->cards, card);
          }
      }
}

/**
 * jm_present_layout_new:
 * @context: measures the titles
 * @width: (in pixels) the screen's
 * @spot_index: the spotlighted stage or lane, for %JM_PRESENT_STAGE and
 *   %JM_PRESENT_LANE
 *
 * Returns: (transfer full): where everything goes on a @width by @height
 *   screen, and how large
 */
JmPresentLayout *
jm_present_layout_new (JmMap         *map,
                       PangoContext  *context,
                       const char    *font_family,
                       double         width,
                       double         height,
                       JmPresentSpot  spot,
                       guint          spot_index)
{
  JmPresentLayout *self = g_new0 (JmPresentLayout, 1);
  Measure measure = { context, font_family };
  Grid grid;
  double margin = CLAMP (MIN (width, height) * 0.011, 4, 20);
  double gap = CLAMP (width * 0.005, 3, 14);
  double bar_h = CLAMP (height * 0.046, 24, 72);
  double row_h = CLAMP (height * 0.044, 20, 60);
  double inner_w = MAX (1, width - 2 * margin);
  double y;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self->width = width;
  self->height = height;
  self->font_family = g_strdup (font_family);
  self->stages = g_array_new (FALSE, TRUE, sizeof (JmPresentBand));
  self->lanes = g_array_new (FALSE, TRUE, sizeof (JmPresentBand));
  self->cards = g_array_new (FALSE, TRUE, sizeof (JmPresentCard));

  grid_init (&grid, map);
  if ((spot == JM_PRESENT_STAGE && spot_index >= grid.stages->len) ||
      (spot == JM_PRESENT_LANE && spot_index >= grid.lanes->len))
    spot = JM_PRESENT_OVERVIEW;
  self->spot = spot;
  self->spot_index = spot == JM_PRESENT_OVERVIEW ? 0 : spot_index;

  self->title_box = (JmPresentBox) { margin, margin, inner_w * 0.72, bar_h };
  self->title_size = floor (bar_h * 0.55);
  self->overlay_box = (JmPresentBox) { margin + inner_w * 0.72, margin, inner_w * 0.28, bar_h };
  self->overlay_size = floor (bar_h * 0.8);

  y = margin + bar_h + gap;
  if (grid.stages->len > 0)
    {
      place_stages (self, &grid, margin, y, inner_w, row_h, gap);
      y += row_h + gap;
      if (grid.lanes->len > 0)
        place_lanes (self, &grid, margin, y, inner_w, height - margin, gap);
      for (guint s = 0; s < self->stages->len; s++)
        {
          JmPresentBand *band = &g_array_index (self->stages, JmPresentBand, s);

          band->box.height = height - margin - band->box.y;
        }
      place_cards (self, &grid, gap * 0.8);
    }
  grid_clear (&grid);

  /* A projector throws its whole picture on the same wall whatever its
   * resolution: the floors and ceilings are for 1080 lines, and scale
   * with the screen's height, so a title stays as large on the wall. */
  self->scale = CLAMP (height / JM_PRESENT_REFERENCE_HEIGHT, 0.4, 4.0);
  if (spot == JM_PRESENT_OVERVIEW)
    size_group (self, &measure, FALSE, JM_PRESENT_OVERVIEW_MIN_SIZE * self->scale,
                OVERVIEW_MAX_SIZE * self->scale);
  else
    {
      size_group (self, &measure, FALSE,
                  (spot == JM_PRESENT_STAGE ? JM_PRESENT_SPOTLIGHT_MIN_SIZE
                                            : JM_PRESENT_OVERVIEW_MIN_SIZE) * self->scale,
                  SPOTLIGHT_MAX_SIZE * self->scale);
      size_group (self, &measure, TRUE, CONTEXT_MIN_SIZE * self->scale,
                  CONTEXT_MAX_SIZE * self->scale);
    }
  return self;
}

void
jm_present_layout_free (JmPresentLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->stages);
  g_array_unref (self->lanes);
  g_array_unref (self->cards);
  g_free (self->font_family);
  g_free (self);
}

static gboolean
box_has_point (const JmPresentBox *box,
               double              x,
               double              y)
{
  return x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height;
}

/**
 * jm_present_layout_card_at:
 *
 * Returns: the index in @self->cards of the card at @x, @y, or -1
 */
int
jm_present_layout_card_at (JmPresentLayout *self,
                           double           x,
                           double           y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->cards->len; i++)
    if (box_has_point (&g_array_index (self->cards, JmPresentCard, i).box, x, y))
      return (int) i;
  return -1;
}

/**
 * jm_present_layout_find_card:
 *
 * Returns: the index in @self->cards of @touchpoint's card, or -1
 */
int
jm_present_layout_find_card (JmPresentLayout *self,
                             JmTouchpoint    *touchpoint)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->cards->len; i++)
    if (g_array_index (self->cards, JmPresentCard, i).touchpoint == touchpoint)
      return (int) i;
  return -1;
}

gboolean
jm_present_boxes_overlap (const JmPresentBox *a,
                          const JmPresentBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
jm_present_box_contains (const JmPresentBox *outer,
                         const JmPresentBox *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/**
 * jm_present_step:
 * @stepping: %JM_PRESENT_STAGE or %JM_PRESENT_LANE: what a step moves by
 * @n_items: how many stages or lanes there are
 * @direction: 1 forward, -1 back
 * @spot: (inout): what is spotlighted
 * @index: (inout): which stage or lane
 *
 * One step through the journey: from the overview to the first stage (or
 * lane), on to the last, and back to the overview before the first.
 */
void
jm_present_step (JmPresentSpot  stepping,
                 guint          n_items,
                 int            direction,
                 JmPresentSpot *spot,
                 guint         *index)
{
  g_return_if_fail (stepping != JM_PRESENT_OVERVIEW);

  if (*spot != stepping)
    {
      /* Forward from the overview (or from the other kind of step) starts
       * at the first; back from there is the overview. */
      if (direction > 0 && n_items > 0)
        {
          *spot = stepping;
          *index = 0;
        }
      else
        *spot = JM_PRESENT_OVERVIEW;
      return;
    }
  if (direction > 0 && *index + 1 < n_items)
    (*index)++;
  else if (direction < 0 && *index == 0)
    *spot = JM_PRESENT_OVERVIEW;
  else if (direction < 0)
    (*index)--;
}
