/* jm-canvas.c: the workshop board, stages across and persona lanes down
 *
 * One widget draws the whole board in snapshot(). The layout lives in a
 * JmBoardGeometry (plain C, tested without a display); the widget fills it
 * from the map whenever the map's lists or a card's content change, and keeps
 * each card in view drawn as an image at the current zoom, redrawn only when
 * that card changes (see jm-card-images.c), and the links in tiles of pixels
 * the same way. Each frame appends the cached drawings of what is in view and
 * nothing else, so dragging one card over a board of thousands costs what is
 * on screen, and scrolling copies pixels rather than drawing text again.
 *
 * The model is never touched while a gesture is in progress: a drag only
 * moves a preview, and the drop is one command on the history (so Escape
 * restores the board by drawing it again).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-card-render.h"
#include "jm-text-measure.h"
#include "jm-card-images.h"
#include "jm-names.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"
#include "jm-scoring.h"

#define ZOOM_MIN 0.1
#define ZOOM_MAX 3.0
#define SIMPLE_BELOW 0.45     /* below this zoom a card is one plain rectangle */
#define DRAG_THRESHOLD 6.0
#define AUTOSCROLL_EDGE 36.0
#define PLACEHOLDER_HEIGHT 52.0
/* Card images may hold this many views' worth of pixels, within bounds. */
#define IMAGE_VIEWS 1.5
#define IMAGE_BUDGET_MIN (4 * 1024 * 1024)
#define IMAGE_BUDGET_MAX (16 * 1024 * 1024)
/* While a pinch or Ctrl+scroll changes the zoom, cards are drawn as vectors;
 * this long after its last step they are drawn as images again. */
#define ZOOM_SETTLE_MS 200
/* Links are drawn into square tiles of this many device pixels, kept
 * within a budget of this many views' worth, within bounds. */
#define LINK_TILE 512
#define LINK_TILE_VIEWS 1.5
#define LINK_BUDGET_MIN (2 * 1024 * 1024)
#define LINK_BUDGET_MAX (12 * 1024 * 1024)

typedef enum {
  DRAG_NONE,
  DRAG_CARDS,
  DRAG_STAGE,
  DRAG_LANE,
  DRAG_LINK,
  DRAG_RUBBER,
  DRAG_CLICK_ADD_STAGE,
  DRAG_CLICK_ADD_LANE,
} DragMode;

typedef enum {
  FILTER_NONE,
  FILTER_PERSONA,
  FILTER_CHANNEL,
  FILTER_TEAM,
  FILTER_MOMENTS,
  FILTER_SOLO,      /* one lane alone: the others are left out of the view */
} FilterKind;

/* What the score strip under each card shows: nothing, the composite, or
 * one measure (COLOUR_BY_MEASURE + JmMeasure). */
enum {
  COLOUR_BY_NONE = -2,
  COLOUR_BY_COMPOSITE = -1,
  COLOUR_BY_MEASURE = 0,
};

typedef struct
{
  JmCanvas     *canvas;
  JmTouchpoint *touchpoint;
  GskRenderNode *node;
  double        height;        /* < 0 until measured */
  gulong        notify_id;
} CardEntry;

typedef struct
{
  guint from;
  guint to;
} Link;

/* The board's colours, looked up from the theme so that they follow the
 * light and dark styles; the cards take the renderer's matching style. */
typedef struct
{
  JmCardStyle card;
  GdkRGBA     background;
  GdkRGBA     band;
  GdkRGBA     grid;
  GdkRGBA     header;
  GdkRGBA     header_fg;
  GdkRGBA     accent;
  GdkRGBA     accent_fg;
  GdkRGBA     shadow;
  GdkRGBA     link;
} BoardStyle;

typedef struct
{
  PangoLayout *text;
  PangoLayout *initials;
  GdkTexture  *picture;       /* a persona's picture, square; NULL for initials */
  double       scale;         /* device pixels per board unit it is laid out for */
} HeaderLayouts;

struct _JmCanvas
{
  GtkWidget        parent_instance;

  JmMap           *map;
  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;
  double           zoom;

  /* The board as laid out, and what its rows and columns stand for. */
  JmBoardGeometry *geometry;
  gboolean         layout_dirty;
  /* Until the first frame of a newly set map is out, only the cards in
   * the first view are measured; the others take an estimated height
   * (see measure_first_view()) and are measured just after that frame. */
  gboolean         defer_heights;
  guint            n_estimated;   /* cards laid out with an estimated height */
  double           estimated_zoom;
  double           estimated_width;  /* the view they were estimated for, in pixels */
  double           estimated_height;
  guint            finish_heights_id;
  GPtrArray       *stages;        /* JmStage, in column order */
  GPtrArray       *lanes;         /* JmPersona, visible lanes only */
  GHashTable      *cards;         /* JmTouchpoint -> CardEntry */
  JmCardImages    *images;        /* JmTouchpoint -> its card as pixels */
  guint            zoom_settle_id;
  GHashTable      *card_index;    /* JmTouchpoint -> geometry index + 1 */
  GArray          *links;         /* Link between geometry indices */
  JmCardImages    *link_tiles;    /* tile index + 1 -> the links in it, as pixels */
  GPtrArray       *watched;       /* stages and personas whose notify we follow */
  GHashTable      *header_layouts; /* JmStage or JmPersona -> PangoLayout */

  BoardStyle       style;

  /* Selection and keyboard cursor. */
  GHashTable      *selection;     /* set of JmTouchpoint */
  gpointer         selected_object;
  JmTouchpoint    *focus_card;
  guint            cursor_stage;
  guint            cursor_lane;
  JmTouchpoint    *hover_card;
  JmTouchpoint    *link_source;   /* keyboard linking in progress */
  gboolean         extending;     /* a Shift+arrow step adds to the selection */

  /* The gesture in progress. */
  GtkGesture      *drag;
  GtkGesture      *click;
  GtkGesture      *secondary;
  GtkGesture      *pan;           /* middle button */
  GtkGesture      *pinch;
  DragMode         drag_mode;
  gboolean         drag_active;
  gboolean         drag_cancelled;
  double           start_x, start_y;      /* widget coordinates */
  double           pointer_x, pointer_y;  /* widget coordinates */
  double           start_bx, start_by;    /* board coordinates */
  double           start_hvalue, start_vvalue;
  gpointer         drag_object;
  GHashTable      *rubber_base;
  gboolean         drop_valid;
  guint            drop_stage, drop_lane, drop_index, drop_slot;
  JmBoardRect      drop_indicator;
  JmTouchpoint    *link_target;
  guint            autoscroll_id;
  double           pan_hvalue, pan_vvalue;
  double           zoom_start;
  gboolean         moving;        /* the board is moving its selected cards */
  gboolean         double_pressed;          /* the second press of a double-click is down */
  double           double_x, double_y;      /* where, in widget coordinates */

  /* The context menu, one popover whose model follows what was clicked. */
  GtkWidget       *menu;

  /* In-place title editing. */
  GtkWidget       *editor;
  GObject         *edit_object;   /* a card, stage or persona; NULL while creating a card */
  guint            edit_stage, edit_lane, edit_index;
  gboolean         edit_done;
  guint            editor_leave_id;
  guint            edit_merge_id;  /* the edit typed so far, one undo step */
  char            *edit_original;  /* the title before the edit, for Escape */

  /* Dimming by filter. */
  FilterKind       filter_kind;
  char            *filter;
  char            *filter_value;  /* for a channel or team, its jm_name_key() */
  GHashTable      *filter_names;  /* spelling -> whether it names filter_value */

  /* Colouring by score. */
  int              colour_by;
  char            *colour_by_name;

  /* The clipboard of copied cards (each a detached JmTouchpoint). */
  GPtrArray       *clipboard;

  /* Optional frame timing. */
  gboolean         frame_stats;
  GArray          *frame_times;
  gint64           paint_start;
  double           last_snapshot_ms;
  gulong           before_paint_handler, after_paint_handler;
  GdkFrameClock   *frame_clock;
};

static void jm_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JmCanvas, jm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      jm_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_MAP,
  PROP_SELECTED_OBJECT,
  PROP_ZOOM,
  PROP_FILTER,
  PROP_COLOUR_BY,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];
static guint selection_changed_signal;

static void relayout (JmCanvas *self);
static void update_actions (JmCanvas *self);
static void stop_editing (JmCanvas *self, gboolean commit);
static void scroll_to_card (JmCanvas *self, JmTouchpoint *touchpoint);
static double score_strip_height (JmCanvas *self);
static void draw_score_strip (JmCanvas *self, cairo_t *cr, JmTouchpoint *touchpoint,
                              double width, double height);
static void on_map_notify_for_scores (JmCanvas *self, GParamSpec *pspec);

/* ---------------------------------------------------------------- helpers */

static inline double
hvalue (JmCanvas *self)
{
  return gtk_adjustment_get_value (self->hadjustment);
}

static inline double
vvalue (JmCanvas *self)
{
  return gtk_adjustment_get_value (self->vadjustment);
}

static const JmBoardMetrics *
metrics (JmCanvas *self)
{
  return jm_board_geometry_get_metrics (self->geometry);
}

/* Lays the board out if it changed, with every card at its real height. */
static void
ensure_layout (JmCanvas *self)
{
  if (self->n_estimated > 0)
    {
      self->defer_heights = FALSE;
      self->layout_dirty = TRUE;
    }
  if (self->layout_dirty)
    relayout (self);
}

/* Lays the board out if it changed, for drawing the view: before the
 * first frame of a map, the cards out of view may keep estimated heights,
 * as long as the view is the one they were estimated for. */
static void
ensure_view_layout (JmCanvas *self)
{
  if (self->n_estimated > 0 &&
      (self->hadjustment == NULL || self->vadjustment == NULL ||
       hvalue (self) != 0 || vvalue (self) != 0 || self->zoom != self->estimated_zoom ||
       gtk_widget_get_width (GTK_WIDGET (self)) > self->estimated_width ||
       gtk_widget_get_height (GTK_WIDGET (self)) > self->estimated_height))
    self->defer_heights = FALSE;
  if (self->n_estimated > 0 && !self->defer_heights)
    self->layout_dirty = TRUE;
  if (self->layout_dirty)
    relayout (self);
}

static int
card_index_of (JmCanvas     *self,
               JmTouchpoint *touchpoint)
{
  ensure_layout (self);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->card_index, touchpoint)) - 1;
}

static JmBoardCard *
board_card (JmCanvas     *self,
            JmTouchpoint *touchpoint)
{
  int index = card_index_of (self, touchpoint);

  return index >= 0 ? jm_board_geometry_get_card (self->geometry, index) : NULL;
}

static JmPersona *
persona_of (JmCanvas     *self,
            JmTouchpoint *touchpoint)
{
  return jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (touchpoint));
}

/* Widget to board coordinates, honouring the headers that stay in view. */
static void
widget_to_board (JmCanvas *self,
                 double    x,
                 double    y,
                 double   *bx,
                 double   *by)
{
  *bx = (x + hvalue (self)) / self->zoom;
  *by = (y + vvalue (self)) / self->zoom;
}

static void
hit_at (JmCanvas   *self,
        double      x,
        double      y,
        JmBoardHit *hit)
{
  double bx, by;

  ensure_layout (self);
  widget_to_board (self, x, y, &bx, &by);
  if (y < metrics (self)->stage_header_height * self->zoom)
    by = y / self->zoom;
  if (x < metrics (self)->lane_header_width * self->zoom)
    bx = x / self->zoom;
  jm_board_geometry_hit (self->geometry, bx, by, hit);
  if (hit->card >= 0 && jm_board_geometry_get_card (self->geometry, hit->card)->data == NULL)
    {
      hit->kind = JM_BOARD_HIT_CELL;
      hit->card = -1;
      hit->index_in_cell = -1;
    }
}

/* Whether a card's channel or team is the one highlighted, however either
 * was typed. A board repeats a few spellings on many cards: each is keyed
 * once per filter. */
static gboolean
filter_names_match (JmCanvas   *self,
                    JmNameKind  kind,
                    const char *spelling)
{
  gpointer found;
  g_autofree char *key = NULL;

  if (spelling == NULL)
    return FALSE;
  if (self->filter_names == NULL)
    self->filter_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  found = g_hash_table_lookup (self->filter_names, spelling);
  if (found != NULL)
    return GPOINTER_TO_INT (found) == 2;
  key = jm_name_key (kind, spelling);
  found = GINT_TO_POINTER (key != NULL && g_str_equal (key, self->filter_value) ? 2 : 1);
  g_hash_table_insert (self->filter_names, g_strdup (spelling), found);
  return GPOINTER_TO_INT (found) == 2;
}

static gboolean
filter_matches_team (JmCanvas     *self,
                     JmTouchpoint *touchpoint)
{
  const char * const *teams = jm_touchpoint_get_teams (touchpoint);

  for (guint i = 0; teams != NULL && teams[i] != NULL; i++)
    if (filter_names_match (self, JM_NAME_TEAM, teams[i]))
      return TRUE;
  return FALSE;
}

static gboolean
filter_matches (JmCanvas     *self,
                JmTouchpoint *touchpoint)
{
  switch (self->filter_kind)
    {
    case FILTER_PERSONA:
    case FILTER_SOLO:
      return g_strcmp0 (jm_touchpoint_get_lane_id (touchpoint), self->filter_value) == 0;
    case FILTER_CHANNEL:
      return filter_names_match (self, JM_NAME_CHANNEL, jm_touchpoint_get_channel (touchpoint));
    case FILTER_TEAM:
      return filter_matches_team (self, touchpoint);
    case FILTER_MOMENTS:
      return jm_touchpoint_get_moment_of_truth (touchpoint);
    case FILTER_NONE:
    default:
      return TRUE;
    }
}

/* Selection in model order, so that moving several cards keeps their order. */
static GPtrArray *
selection_in_order (JmCanvas *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *touchpoints;
  guint n;

  if (self->map == NULL || g_hash_table_size (self->selection) == 0)
    return result;

  touchpoints = jm_map_get_touchpoints (self->map);
  n = g_list_model_get_n_items (touchpoints);
  for (guint i = 0; i < n && result->len < g_hash_table_size (self->selection); i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_hash_table_contains (self->selection, touchpoint))
        g_ptr_array_add (result, touchpoint);
      else
        g_object_unref (touchpoint);
    }
  return result;
}

/* ------------------------------------------------------------ card cache */

static cairo_t *
measure_context (void)
{
  static cairo_t *cr = NULL;

  /* Measuring needs a cairo context but no pixels; one serves every canvas.
   * Cards are drawn into cairo nodes, which record the drawing, so a
   * recording surface has the very font options of the drawing: the text
   * wraps alike in both, and the renderer's cache of measured text stays
   * valid from measuring the cards to drawing them. */
  if (cr == NULL)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);

      cr = cairo_create (surface);
      cairo_surface_destroy (surface);
    }
  return cr;
}

/* Forgets how the card looks, as a node and as pixels. */
static void
forget_drawing (JmCanvas  *self,
                CardEntry *entry)
{
  g_clear_pointer (&entry->node, gsk_render_node_unref);
  if (self->images != NULL)
    jm_card_images_remove (self->images, entry->touchpoint);
}

static void
card_entry_free (gpointer data)
{
  CardEntry *entry = data;

  g_clear_signal_handler (&entry->notify_id, entry->touchpoint);
  forget_drawing (entry->canvas, entry);
  g_object_unref (entry->touchpoint);
  g_free (entry);
}

static void
on_touchpoint_notify (CardEntry  *entry,
                      GParamSpec *pspec)
{
  JmCanvas *self = entry->canvas;

  /* Any change may change the card's look and height; stage and lane
   * changes move it. Either way the board is laid out again before the
   * next frame, which costs a pass over the cards but no drawing. */
  forget_drawing (self, entry);
  if (!g_str_equal (pspec->name, "stage-id") && !g_str_equal (pspec->name, "lane-id"))
    entry->height = -1;
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static CardEntry *
card_entry (JmCanvas     *self,
            JmTouchpoint *touchpoint)
{
  CardEntry *entry = g_hash_table_lookup (self->cards, touchpoint);

  if (entry == NULL)
    {
      entry = g_new0 (CardEntry, 1);
      entry->canvas = self;
      entry->touchpoint = g_object_ref (touchpoint);
      entry->height = -1;
      entry->notify_id = g_signal_connect_swapped (touchpoint, "notify",
                                                   G_CALLBACK (on_touchpoint_notify), entry);
      g_hash_table_insert (self->cards, touchpoint, entry);
    }
  return entry;
}

static double
card_height (JmCanvas     *self,
             JmTouchpoint *touchpoint)
{
  CardEntry *entry = card_entry (self, touchpoint);

  if (entry->height < 0)
    entry->height = jm_card_measure (measure_context (), touchpoint, &self->style.card,
                                     metrics (self)->card_width);
  return entry->height + score_strip_height (self);
}

static GskRenderNode *
card_node (JmCanvas     *self,
           JmTouchpoint *touchpoint,
           double        height)
{
  CardEntry *entry = card_entry (self, touchpoint);

  if (entry->node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      double width = metrics (self)->card_width;
      cairo_t *cr;

      /* A crisp shadow: a blurred one costs the cairo renderer as much as
       * the card itself, on every frame that redraws it. */
      gtk_snapshot_append_outset_shadow (snapshot,
                                         &GSK_ROUNDED_RECT_INIT (0, 0, width, height),
                                         &self->style.shadow, 0, 1, 0, 0);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      jm_card_render (cr, touchpoint, persona_of (self, touchpoint), &self->style.card, width, NULL);
      draw_score_strip (self, cr, touchpoint, width, height);
      cairo_destroy (cr);
      entry->node = gtk_snapshot_free_to_node (snapshot);
    }
  return entry->node;
}

/* The card of @height board units drawn at @zoom into an image of @scale
 * device pixels per pixel, in a node of the image's size in pixels whose
 * origin goes on a whole device pixel. The image is the card's node drawn
 * as GTK's cairo renderer draws it, so its text is laid out in board units
 * and wraps alike at every zoom. It is painted from a cairo node: GTK
 * 4.8's cairo renderer draws a texture by converting each of its pixels
 * through floating point on every frame, where a painted image is copied
 * as it is. */
static GskRenderNode *
card_image (JmCanvas     *self,
            JmTouchpoint *touchpoint,
            double        height,
            double        zoom,
            int           scale,
            gsize        *bytes)
{
  double width = metrics (self)->card_width;
  int pixel_width = (int) ceil (width * zoom * scale);
  /* The node's shadow reaches one unit below the card. */
  int pixel_height = (int) ceil ((height + 1) * zoom * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  GskRenderNode *node;
  cairo_t *cr;

  cr = cairo_create (surface);
  cairo_scale (cr, zoom * scale, zoom * scale);
  gsk_render_node_draw (card_node (self, touchpoint, height), cr);
  cairo_destroy (cr);

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, (double) pixel_width / scale,
                                                  (double) pixel_height / scale));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  *bytes = (gsize) pixel_width * pixel_height * 4;
  return node;
}

static void
invalidate_cards (JmCanvas *self,
                  gboolean  heights)
{
  GHashTableIter iter;
  CardEntry *entry;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_clear_pointer (&entry->node, gsk_render_node_unref);
      if (heights)
        entry->height = -1;
    }
  jm_card_images_clear (self->images);
  g_hash_table_remove_all (self->header_layouts);
  jm_card_images_clear (self->link_tiles);
  if (heights)
    self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- colour by score */

/* The strip along the foot of each card while the board is coloured by a
 * score: the score's heat-map colour with the number written on it, so the
 * colour is never the only cue. */
static double
score_strip_height (JmCanvas *self)
{
  if (self->colour_by == COLOUR_BY_NONE)
    return 0;
  return self->style.card.simple ? self->style.card.font_size * 0.8
                                 : self->style.card.font_size * 1.7;
}

static double
card_score (JmCanvas     *self,
            JmTouchpoint *touchpoint)
{
  double score = NAN;

  if (self->colour_by == COLOUR_BY_COMPOSITE)
    {
      if (!jm_score_touchpoint (self->map, touchpoint, &score))
        score = NAN;
    }
  else if (self->colour_by >= COLOUR_BY_MEASURE)
    {
      int rating = jm_touchpoint_get_rating (touchpoint, self->colour_by - COLOUR_BY_MEASURE);

      if (rating >= 1 && rating <= 5)
        score = rating;
    }
  return score;
}

static void
draw_score_strip (JmCanvas     *self,
                  cairo_t      *cr,
                  JmTouchpoint *touchpoint,
                  double        width,
                  double        height)
{
  const JmCardStyle *style = &self->style.card;
  double strip = score_strip_height (self);
  double radius = style->font_size * 0.4;
  double score, r, g, b;
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int text_width, text_height;

  if (strip <= 0)
    return;

  score = card_score (self, touchpoint);
  jm_score_colour (score, &r, &g, &b);

  cairo_save (cr);
  jm_render_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, radius);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, height - strip, width, strip);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_save (cr);
  jm_render_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, radius);
  cairo_set_line_width (cr, 1.0);
  jm_render_set_rgba (cr, &style->border);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (style->simple)
    return;

  if (isnan (score))
    text = g_strdup (_("Not scored"));
  else if (self->colour_by == COLOUR_BY_COMPOSITE)
    /* Translators: a touchpoint's composite score, 1.0 to 5.0 */
    text = g_strdup_printf (_("Score %.1f"), score);
  else
    /* Translators: a short measure name, then a rating from 1 to 5 */
    text = g_strdup_printf (_("%s %d"),
                            jm_render_measure_short_label (self->colour_by - COLOUR_BY_MEASURE),
                            (int) score);

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (style->font_family != NULL ? style->font_family : "sans");
  pango_font_description_set_absolute_size (font, style->font_size * 0.85 * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) ((width - style->font_size) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  jm_score_text_colour (score, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_move_to (cr, style->font_size * 0.8, height - strip + (strip - text_height) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
on_map_notify_for_scores (JmCanvas   *self,
                          GParamSpec *pspec)
{
  /* Weights change every composite score. */
  if (self->colour_by == COLOUR_BY_COMPOSITE && g_str_has_prefix (pspec->name, "weight"))
    invalidate_cards (self, FALSE);
}

/**
 * jm_canvas_get_colour_by:
 *
 * Returns: (transfer none): what the cards are coloured by, as for
 *   jm_canvas_set_colour_by()
 */
const char *
jm_canvas_get_colour_by (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->colour_by_name;
}

/**
 * jm_canvas_set_colour_by:
 * @colour_by: (nullable): "none" (or %NULL or ""), "composite", or a
 *   measure's id ("responsiveness", "convenience", "reliability",
 *   "relevance")
 *
 * Adds a strip to the foot of every card in the heat-map colour of its score
 * (see jm_score_colour()), with the score written on it; unscored cards get
 * a grey strip that says so.
 */
void
jm_canvas_set_colour_by (JmCanvas   *self,
                         const char *colour_by)
{
  int kind = COLOUR_BY_NONE;
  JmMeasure measure;

  g_return_if_fail (JM_IS_CANVAS (self));

  if (colour_by == NULL || *colour_by == '\0')
    colour_by = "none";
  if (g_str_equal (colour_by, self->colour_by_name))
    return;

  if (g_str_equal (colour_by, "composite"))
    kind = COLOUR_BY_COMPOSITE;
  else if (jm_measure_from_id (colour_by, &measure))
    kind = COLOUR_BY_MEASURE + measure;
  else if (!g_str_equal (colour_by, "none"))
    {
      g_warning ("Unknown score to colour the board by: “%s”", colour_by);
      return;
    }

  g_free (self->colour_by_name);
  self->colour_by_name = g_strdup (colour_by);
  self->colour_by = kind;
  /* The strip changes every card's height as well as its look. */
  invalidate_cards (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_BY]);
}

/* ---------------------------------------------------------------- layout */

static void
on_header_object_notify (JmCanvas   *self,
                         GParamSpec *pspec,
                         GObject    *object)
{
  g_hash_table_remove (self->header_layouts, object);
  if (JM_IS_PERSONA (object))
    {
      /* The lane colour edges its cards; hiding a lane changes the board. */
      if (g_str_equal (pspec->name, "colour"))
        {
          GHashTableIter iter;
          CardEntry *entry;
          const char *id = jm_persona_get_id (JM_PERSONA (object));

          g_hash_table_iter_init (&iter, self->cards);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
            if (g_str_equal (jm_touchpoint_get_lane_id (entry->touchpoint), id))
              forget_drawing (self, entry);
        }
      if (g_str_equal (pspec->name, "hidden"))
        self->layout_dirty = TRUE;
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
unwatch_all (JmCanvas *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          on_header_object_notify, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch (JmCanvas *self,
       GObject  *object)
{
  g_signal_connect_object (object, "notify", G_CALLBACK (on_header_object_notify), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

/* The largest the view can be, in pixels: the canvas's size once it has
 * one, and before that the largest monitor's. */
static gboolean
largest_view (JmCanvas *self,
              double   *width,
              double   *height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GListModel *monitors;

  *width = *height = 0;
  monitors = gdk_display_get_monitors (gtk_widget_get_display (widget));
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      *width = MAX (*width, area.width);
      *height = MAX (*height, area.height);
    }
  if (*width <= 0 || *height <= 0)
    return FALSE;
  if (gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0)
    {
      *width = MIN (*width, gtk_widget_get_width (widget));
      *height = MIN (*height, gtk_widget_get_height (widget));
    }
  return TRUE;
}

/* Before the first frame of a newly set map, measures the cards that the
 * first view (the board's top left corner) shows, and only those: the
 * other cards are laid out with an estimated height, which leaves every
 * card in view where the full layout puts it. A card's place depends on the
 * cards above it in its cell and on the heights of the lanes above, so the
 * lanes are taken from the top: in each, the cells of the columns in view
 * are measured down to the foot of the view, and when none of them reaches
 * it the whole lane is measured, for its exact height, and the next lane
 * comes into view. Returns whether cards were left unmeasured. */
static gboolean
measure_first_view (JmCanvas   *self,
                    GHashTable *stage_index,
                    GHashTable *lane_index)
{
  const JmBoardMetrics *m = metrics (self);
  guint n_stages = self->stages->len;
  guint n_lanes = self->lanes->len;
  g_autofree GPtrArray **cells = NULL;
  GListModel *list = jm_map_get_touchpoints (self->map);
  guint n = g_list_model_get_n_items (list);
  double view_width, view_height, right, bottom, lane_top;
  guint visible_stages;
  gboolean partial = FALSE;

  if (n_stages == 0 || n_lanes == 0 || !largest_view (self, &view_width, &view_height))
    return FALSE;
  self->estimated_width = view_width;
  self->estimated_height = view_height;
  self->estimated_zoom = self->zoom;
  right = view_width / self->zoom;
  bottom = view_height / self->zoom;
  visible_stages = 0;
  while (visible_stages < n_stages &&
         m->lane_header_width + visible_stages * (m->card_width + 2 * m->cell_padding) < right)
    visible_stages++;

  cells = g_new0 (GPtrArray *, n_stages * n_lanes);
  for (guint i = 0; i < n; i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (list, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, jm_touchpoint_get_stage_id (touchpoint)));
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, jm_touchpoint_get_lane_id (touchpoint)));

      /* The map holds a reference to each of its cards. */
      g_object_unref (touchpoint);
      if (s == 0 || l == 0)
        continue;
      if (cells[(l - 1) * n_stages + s - 1] == NULL)
        cells[(l - 1) * n_stages + s - 1] = g_ptr_array_new ();
      g_ptr_array_add (cells[(l - 1) * n_stages + s - 1], touchpoint);
    }

  lane_top = m->stage_header_height;
  for (guint l = 0; l < n_lanes && lane_top < bottom; l++)
    {
      gboolean reaches_bottom = FALSE;
      double lane_height = m->min_cell_height;

      for (guint s = 0; s < visible_stages; s++)
        {
          GPtrArray *cell = cells[l * n_stages + s];
          double y = lane_top + m->cell_padding;

          for (guint k = 0; cell != NULL && k < cell->len; k++)
            {
              if (y >= bottom)
                {
                  reaches_bottom = TRUE;
                  break;
                }
              y += card_height (self, g_ptr_array_index (cell, k)) + m->card_gap;
            }
          if (y >= bottom)
            reaches_bottom = TRUE;
        }
      if (reaches_bottom)
        {
          /* The lane reaches past the view: the lanes under it are out of view. */
          partial = TRUE;
          break;
        }

      for (guint s = 0; s < n_stages; s++)
        {
          GPtrArray *cell = cells[l * n_stages + s];
          double h = 2 * m->cell_padding;

          for (guint k = 0; cell != NULL && k < cell->len; k++)
            h += card_height (self, g_ptr_array_index (cell, k)) + (k > 0 ? m->card_gap : 0);
          lane_height = MAX (lane_height, h);
        }
      lane_top += lane_height;
    }
  if (lane_top >= bottom)
    partial = TRUE;

  for (guint c = 0; c < n_stages * n_lanes; c++)
    if (cells[c] != NULL)
      g_ptr_array_unref (cells[c]);
  return partial;
}

static gboolean
finish_heights_cb (gpointer data)
{
  JmCanvas *self = data;

  self->finish_heights_id = 0;
  self->defer_heights = FALSE;
  if (self->n_estimated > 0)
    {
      self->layout_dirty = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

static void
relayout (JmCanvas *self)
{
  g_autoptr(GHashTable) stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lane_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) id_index = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *list;
  guint n;
  gint64 start = self->frame_stats ? g_get_monotonic_time () : 0;
  gboolean estimate = FALSE;
  double estimated_height = 0;
  guint n_measured = 0;

  self->layout_dirty = FALSE;
  self->n_estimated = 0;
  unwatch_all (self);
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->card_index);
  g_array_set_size (self->links, 0);
  jm_card_images_clear (self->link_tiles);

  if (self->map == NULL)
    {
      jm_board_geometry_reset (self->geometry, 0, 0);
      g_hash_table_remove_all (self->cards);
      return;
    }

  list = jm_map_get_stages (self->map);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      JmStage *stage = g_list_model_get_item (list, i);

      g_hash_table_insert (stage_index, (gpointer) jm_stage_get_id (stage), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (self->stages, stage);
      watch (self, G_OBJECT (stage));
    }

  list = jm_map_get_personas (self->map);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      JmPersona *persona = g_list_model_get_item (list, i);

      watch (self, G_OBJECT (persona));
      if (jm_persona_get_hidden (persona) ||
          (self->filter_kind == FILTER_SOLO &&
           g_strcmp0 (jm_persona_get_id (persona), self->filter_value) != 0))
        {
          g_object_unref (persona);
          continue;
        }
      g_hash_table_insert (lane_index, (gpointer) jm_persona_get_id (persona),
                           GUINT_TO_POINTER (self->lanes->len + 1));
      g_ptr_array_add (self->lanes, persona);
    }

  jm_board_geometry_reset (self->geometry, self->stages->len, self->lanes->len);

  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
    GHashTableIter iter;
    JmTouchpoint *key;
    CardEntry *entry;

    /* A card being created takes its place in its cell, under the editor. */
    gboolean placeholder = self->editor != NULL && !self->edit_done && self->edit_object == NULL &&
                           self->edit_stage < self->stages->len && self->edit_lane < self->lanes->len;
    guint in_edit_cell = 0;

    /* Until the widget is in a window, there is no first view to speak of. */
    if (self->defer_heights && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
      {
        if (self->editor == NULL)
          estimate = measure_first_view (self, stage_index, lane_index);
        if (!estimate)
          self->defer_heights = FALSE;
      }
    if (estimate)
      {
        /* The cards out of view take the mean height of those in view. */
        g_hash_table_iter_init (&iter, self->cards);
        while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
          if (entry->height >= 0)
            {
              estimated_height += entry->height;
              n_measured++;
            }
        estimated_height = n_measured > 0 ? estimated_height / n_measured : PLACEHOLDER_HEIGHT;
        estimated_height += score_strip_height (self);
      }

    list = jm_map_get_touchpoints (self->map);
    n = g_list_model_get_n_items (list);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
        guint s = GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, jm_touchpoint_get_stage_id (touchpoint)));
        guint l = GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, jm_touchpoint_get_lane_id (touchpoint)));
        guint index;

        g_hash_table_add (seen, touchpoint);
        entry = card_entry (self, touchpoint);
        if (s == 0 || l == 0)
          continue;
        if (placeholder && s - 1 == self->edit_stage && l - 1 == self->edit_lane &&
            in_edit_cell++ == self->edit_index)
          {
            jm_board_geometry_add_card (self->geometry, s - 1, l - 1, PLACEHOLDER_HEIGHT, NULL);
            placeholder = FALSE;
          }
        if (estimate && entry->height < 0)
          {
            index = jm_board_geometry_add_card (self->geometry, s - 1, l - 1, estimated_height, touchpoint);
            self->n_estimated++;
          }
        else
          index = jm_board_geometry_add_card (self->geometry, s - 1, l - 1,
                                              card_height (self, touchpoint), touchpoint);
        g_hash_table_insert (self->card_index, touchpoint, GUINT_TO_POINTER (index + 1));
        g_hash_table_insert (id_index, (gpointer) jm_touchpoint_get_id (touchpoint),
                             GUINT_TO_POINTER (index + 1));
      }

    if (placeholder)
      jm_board_geometry_add_card (self->geometry, self->edit_stage, self->edit_lane,
                                  PLACEHOLDER_HEIGHT, NULL);

    /* Forget the cards that left the map. */
    g_hash_table_iter_init (&iter, self->cards);
    while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
      if (!g_hash_table_contains (seen, key))
        {
          g_hash_table_remove (self->selection, key);
          if (self->focus_card == key)
            self->focus_card = NULL;
          if (self->hover_card == key)
            self->hover_card = NULL;
          if (self->link_source == key)
            self->link_source = NULL;
          g_hash_table_iter_remove (&iter);
        }
  }

  jm_board_geometry_layout (self->geometry);

  /* A link to a card whose place is only estimated would be drawn where
   * the card is not: such links wait for the cards to be measured, just
   * after the first frame. */
  for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
    {
      JmTouchpoint *touchpoint = jm_board_geometry_get_card (self->geometry, i)->data;
      const char * const *links = touchpoint ? jm_touchpoint_get_links (touchpoint) : NULL;

      if (estimate && links != NULL && card_entry (self, touchpoint)->height < 0)
        continue;
      for (guint j = 0; links != NULL && links[j] != NULL; j++)
        {
          guint to = GPOINTER_TO_UINT (g_hash_table_lookup (id_index, links[j]));

          if (to != 0 && estimate &&
              card_entry (self, jm_board_geometry_get_card (self->geometry, to - 1)->data)->height < 0)
            continue;
          if (to != 0)
            {
              Link link = { i, to - 1 };
              g_array_append_val (self->links, link);
            }
        }
    }

  /* A selected stage or persona that was removed is no longer selected. */
  if (self->selected_object != NULL && !JM_IS_TOUCHPOINT (self->selected_object))
    {
      gboolean found = JM_IS_STAGE (self->selected_object)
        ? jm_map_find_stage (self->map, self->selected_object, NULL)
        : jm_map_find_persona (self->map, self->selected_object, NULL);

      if (!found)
        {
          g_clear_object (&self->selected_object);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
        }
    }
  else if (JM_IS_TOUCHPOINT (self->selected_object) &&
           !g_hash_table_contains (self->cards, self->selected_object))
    {
      g_clear_object (&self->selected_object);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
    }

  self->cursor_stage = MIN (self->cursor_stage, MAX (self->stages->len, 1) - 1);
  self->cursor_lane = MIN (self->cursor_lane, MAX (self->lanes->len, 1) - 1);
  update_actions (self);

  if (self->frame_stats)
    g_printerr ("jm-canvas: laid out %u cards (%u of them at an estimated height) in %.1f ms\n",
                jm_board_geometry_get_n_cards (self->geometry), self->n_estimated,
                (g_get_monotonic_time () - start) / 1000.0);
}

static void
on_list_items_changed (JmCanvas *self)
{
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- style */

static void
lookup_colour (GtkWidget  *widget,
               const char *name,
               const char *fallback,
               GdkRGBA    *rgba)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, rgba))
    gdk_rgba_parse (rgba, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
update_style (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  BoardStyle *st = &self->style;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const PangoFontDescription *font;
  g_autofree char *old_family = g_strdup (st->card.font_family);
  double old_size = st->card.font_size;
  gboolean metrics_changed;

  if (dark)
    jm_card_style_init_dark (&st->card);
  else
    jm_card_style_init_light (&st->card);
  st->card.font_size = 12.5;
  st->card.title_lines = 4;

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    {
      static char family[256];

      /* The renderer keeps the pointer: hold the family in static storage. */
      g_snprintf (family, sizeof family, "%s, sans-serif", pango_font_description_get_family (font));
      st->card.font_family = family;
    }

  lookup_colour (widget, "view_bg_color", dark ? "#1e1e1e" : "#ffffff", &st->background);
  lookup_colour (widget, "window_bg_color", dark ? "#242424" : "#fafafa", &st->header);
  lookup_colour (widget, "window_fg_color", dark ? "#ffffff" : "#000000", &st->header_fg);
  lookup_colour (widget, "accent_bg_color", "#3584e4", &st->accent);
  lookup_colour (widget, "accent_fg_color", "#ffffff", &st->accent_fg);
  st->header_fg.alpha = MIN (st->header_fg.alpha, 0.85);
  /* Board background a shade off the view, so white cards stand out. */
  if (!dark)
    st->background = (GdkRGBA) { 0.955, 0.955, 0.96, 1 };
  st->band = st->header_fg;
  st->band.alpha = 0.025;
  st->grid = st->header_fg;
  st->grid.alpha = dark ? 0.14 : 0.10;
  st->shadow = (GdkRGBA) { 0, 0, 0, dark ? 0.45 : 0.13 };
  st->link = st->header_fg;
  st->link.alpha = 0.55;

  /* Colours change only the drawing; a font change changes heights too,
   * which means measuring every card again. */
  metrics_changed = g_strcmp0 (old_family, st->card.font_family) != 0 || old_size != st->card.font_size;
  invalidate_cards (self, metrics_changed);
}

static void
header_layouts_free (gpointer data)
{
  HeaderLayouts *layouts = data;

  g_clear_object (&layouts->text);
  g_clear_object (&layouts->initials);
  g_clear_object (&layouts->picture);
  g_free (layouts);
}

/* The persona's picture, cut to the middle square and made small enough
 * for the lane header at the largest zoom, as a texture; %NULL when it has
 * none or it does not decode, and the initials stand in. */
static GdkTexture *
persona_picture (JmPersona *persona)
{
  const int size = 128;
  cairo_surface_t *picture = jm_persona_picture_decode (jm_persona_get_picture (persona));
  cairo_surface_t *square;
  g_autoptr(GBytes) pixels = NULL;
  double width, height, scale;
  cairo_t *cr;
  GdkTexture *texture;

  if (picture == NULL)
    return NULL;
  width = cairo_image_surface_get_width (picture);
  height = cairo_image_surface_get_height (picture);
  scale = size / MAX (MIN (width, height), 1);
  square = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (square);
  cairo_translate (cr, (size - width * scale) / 2, (size - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, picture, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (picture);
  cairo_surface_flush (square);

  /* An ARGB32 image is premultiplied native-endian words: GDK's default. */
  pixels = g_bytes_new (cairo_image_surface_get_data (square),
                        (gsize) cairo_image_surface_get_stride (square) * size);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (square));
  cairo_surface_destroy (square);
  return texture;
}

/* Device pixels per unit of the board: the scale headers are laid out at. */
static double
header_scale (JmCanvas *self)
{
  return self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* A layout for a header's text in the widget's font at @scale times its
 * size. A header's text is laid out at the size it is drawn, as a label's
 * is, rather than once and then drawn scaled: the font's metrics are fitted
 * to whole pixels of the size it is laid out at, so that text laid out at
 * one size and drawn at another has its letters out of their places: they
 * run together or drop out, and at small sizes lower case is pushed up
 * towards capitals ("ReSearCh" at 45%). */
static PangoLayout *
header_layout_new (JmCanvas *self,
                   double    scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (base);
  int size = pango_font_description_get_size (font);

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) round (size * scale));
  pango_layout_set_font_description (layout, font);
  return layout;
}

static HeaderLayouts *
header_layouts (JmCanvas *self,
                GObject  *object)
{
  HeaderLayouts *layouts = g_hash_table_lookup (self->header_layouts, object);
  const JmBoardMetrics *m = metrics (self);
  double scale = header_scale (self);
  g_autofree char *markup = NULL;
  g_autoptr(GdkTexture) picture = NULL;

  if (layouts != NULL && layouts->scale == scale)
    return layouts;

  /* A new zoom lays the text out again; the picture stays as it is. */
  if (layouts != NULL)
    picture = g_steal_pointer (&layouts->picture);
  layouts = g_new0 (HeaderLayouts, 1);
  layouts->scale = scale;
  layouts->text = header_layout_new (self, scale);
  pango_layout_set_ellipsize (layouts->text, PANGO_ELLIPSIZE_END);

  if (JM_IS_STAGE (object))
    {
      JmStage *stage = JM_STAGE (object);
      g_autofree char *short_description = jm_text_shorten (jm_stage_get_description (stage),
                                                            JM_TEXT_SHOWN_MAX_CHARS, NULL);
      g_autofree char *short_name = jm_text_shorten (jm_stage_get_name (stage),
                                                     JM_TEXT_SHOWN_MAX_CHARS, NULL);
      const char *description = short_description ? short_description : jm_stage_get_description (stage);
      const char *name = short_name ? short_name : jm_stage_get_name (stage);

      if (description != NULL && *description != '\0')
        markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" fgalpha=\"65%%\">%s</span>",
                                          *name ? name : _("Untitled stage"), description);
      else
        markup = g_markup_printf_escaped ("<b>%s</b>", *name ? name : _("Untitled stage"));
      pango_layout_set_width (layouts->text, (int) (m->card_width * scale * PANGO_SCALE));
      pango_layout_set_height (layouts->text, -2);
    }
  else
    {
      JmPersona *persona = JM_PERSONA (object);
      /* A header shows a few lines: laying out more is wasted, and past
       * Pango's coordinates. */
      g_autofree char *short_role = jm_text_shorten (jm_persona_get_role (persona),
                                                     JM_TEXT_SHOWN_MAX_CHARS, NULL);
      g_autofree char *short_name = jm_text_shorten (jm_persona_get_name (persona),
                                                     JM_TEXT_SHOWN_MAX_CHARS, NULL);
      const char *role = short_role ? short_role : jm_persona_get_role (persona);
      const char *name = short_name ? short_name : jm_persona_get_name (persona);
      g_autofree char *initials = jm_persona_dup_initials (persona);

      if (role != NULL && *role != '\0')
        markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" fgalpha=\"65%%\">%s</span>",
                                          *name ? name : _("Unnamed persona"), role);
      else
        markup = g_markup_printf_escaped ("<b>%s</b>", *name ? name : _("Unnamed persona"));
      pango_layout_set_width (layouts->text, (int) ((m->lane_header_width - 64) * scale * PANGO_SCALE));
      pango_layout_set_height (layouts->text, -4);
      pango_layout_set_wrap (layouts->text, PANGO_WRAP_WORD_CHAR);

      layouts->picture = picture != NULL ? g_steal_pointer (&picture) : persona_picture (persona);
      layouts->initials = header_layout_new (self, scale);
      {
        g_autofree char *initials_markup = g_markup_printf_escaped ("<b>%s</b>", initials ? initials : "");
        pango_layout_set_markup (layouts->initials, initials_markup, -1);
      }
    }
  pango_layout_set_markup (layouts->text, markup, -1);
  g_hash_table_replace (self->header_layouts, object, layouts);
  return layouts;
}

/* ---------------------------------------------------------------- drawing */

/* Draws a header's layout with its top left at (@x, @y) in board units:
 * the layout is in device pixels, see header_layout_new(). */
static void
append_header_layout (GtkSnapshot   *snapshot,
                      HeaderLayouts *layouts,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *colour)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_scale (snapshot, 1 / layouts->scale, 1 / layouts->scale);
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

/* The size of a header's layout, in board units. */
static void
header_layout_size (HeaderLayouts *layouts,
                    PangoLayout   *layout,
                    double        *width,
                    double        *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (PANGO_SCALE * layouts->scale);
  *height = logical.height / (PANGO_SCALE * layouts->scale);
}

static void
append_rounded (GtkSnapshot   *snapshot,
                double         x,
                double         y,
                double         width,
                double         height,
                double         radius,
                const GdkRGBA *colour)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
append_ring (GtkSnapshot   *snapshot,
             const JmBoardRect *rect,
             double         outset,
             double         width,
             double         radius,
             const GdkRGBA *colour)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };

  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (rect->x - outset, rect->y - outset,
                                                        rect->width + 2 * outset,
                                                        rect->height + 2 * outset),
                                   radius + outset);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colours);
}

static gboolean
persona_colour (JmPersona *persona,
                GdkRGBA   *rgba)
{
  return persona != NULL && gdk_rgba_parse (rgba, jm_persona_get_colour (persona));
}

/* Adds to the path the curve of a link being made, from (@x0, @y0) to
 * (@x1, @y1): it leaves and arrives level. */
static void
link_curve (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1)
{
  double dx = MAX (fabs (x1 - x0) / 2, 40);

  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr, x0 + dx, y0, x1 - dx, y1, x1, y1);
}

/* Adds to the path the arrow head at the end (@x1, @y1) of a curve that
 * arrives level from the left. */
static void
link_arrow (cairo_t *cr,
            double   x1,
            double   y1)
{
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - 9 * cos (0.45), y1 + 9 * sin (0.45));
  cairo_line_to (cr, x1 - 9 * cos (0.45), y1 - 9 * sin (0.45));
  cairo_close_path (cr);
}

static void
draw_link_curve (cairo_t  *cr,
                 double    x0,
                 double    y0,
                 double    x1,
                 double    y1)
{
  link_curve (cr, x0, y0, x1, y1);
  cairo_stroke (cr);
  link_arrow (cr, x1, y1);
  cairo_fill (cr);
}

/* The arrow head at the end (@x1, @y1) of a link that arrives level from
 * the left, its tip on the card's edge. */
static void
route_arrow (cairo_t *cr,
             double   x1,
             double   y1)
{
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - 7, y1 + 3.5);
  cairo_line_to (cr, x1 - 7, y1 - 3.5);
  cairo_close_path (cr);
}

/* The links that cross @area, as one stroke and one fill: links that
 * cross each other do not darken where they meet. A link runs around the
 * cards between its ends (see jm_board_geometry_link_route()), so that it
 * is seen to join its own two cards and no other; only its runs that
 * cross @area are drawn, each with round ends so that they meet cleanly. */
static void
stroke_links (JmCanvas          *self,
              cairo_t           *cr,
              const JmBoardRect *area)
{
  /* Cut a little outside the area, so the cut ends are not seen. */
  const double margin = 10;
  JmBoardRect near = { area->x - margin, area->y - margin,
                       area->width + 2 * margin, area->height + 2 * margin };

  cairo_set_line_width (cr, 1.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->links->len; i++)
        {
          const Link *link = &g_array_index (self->links, Link, i);
          JmBoardRoute route;
          JmBoardRect bounds;
          guint last;

          jm_board_geometry_link_route (self->geometry, link->from, link->to, &route);
          jm_board_route_bounds (&route, &bounds);
          if (!jm_board_rect_intersects (&bounds, &near))
            continue;
          last = route.n_points - 1;
          if (pass == 1)
            {
              if (jm_board_rect_contains (&near, route.x[last], route.y[last]))
                route_arrow (cr, route.x[last], route.y[last]);
              continue;
            }
          for (guint k = 0; k < last; k++)
            {
              JmBoardRect run = { MIN (route.x[k], route.x[k + 1]), MIN (route.y[k], route.y[k + 1]),
                                  fabs (route.x[k + 1] - route.x[k]) + 1e-3,
                                  fabs (route.y[k + 1] - route.y[k]) + 1e-3 };

              if (!jm_board_rect_intersects (&run, &near))
                continue;
              cairo_move_to (cr, route.x[k], route.y[k]);
              /* The last run stops under the arrow head's tip. */
              cairo_line_to (cr, k + 1 == last ? route.x[last] - 5 : route.x[k + 1], route.y[k + 1]);
            }
        }
      if (pass == 0)
        cairo_stroke (cr);
      else
        cairo_fill (cr);
    }
}

/* The links crossing tile (@column, @row) of the board drawn at @pixels
 * device pixels per unit, in a node one tile square (in widget units at
 * @scale) whose origin goes on a whole device pixel. The tile holds only
 * how much each pixel is covered, a quarter of the bytes of full colour;
 * the links' colour fills it when drawn. */
static GskRenderNode *
link_tile (JmCanvas *self,
           int       column,
           int       row,
           double    pixels,
           int       scale,
           gsize    *bytes)
{
  cairo_surface_t *coverage = cairo_image_surface_create (CAIRO_FORMAT_A8, LINK_TILE, LINK_TILE);
  JmBoardRect area = { (double) column * LINK_TILE / pixels, (double) row * LINK_TILE / pixels,
                       LINK_TILE / pixels, LINK_TILE / pixels };
  GskRenderNode *node;
  cairo_t *cr;

  cr = cairo_create (coverage);
  cairo_translate (cr, -(double) column * LINK_TILE, -(double) row * LINK_TILE);
  cairo_scale (cr, pixels, pixels);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  stroke_links (self, cr, &area);
  cairo_destroy (cr);

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, (double) LINK_TILE / scale,
                                                  (double) LINK_TILE / scale));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  gdk_cairo_set_source_rgba (cr, &self->style.link);
  cairo_mask_surface (cr, coverage, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (coverage);

  *bytes = LINK_TILE * LINK_TILE;
  return node;
}

static gsize
link_budget (JmCanvas *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double columns = ceil ((double) gtk_widget_get_width (GTK_WIDGET (self)) * scale / LINK_TILE) + 1;
  double rows = ceil ((double) gtk_widget_get_height (GTK_WIDGET (self)) * scale / LINK_TILE) + 1;

  return (gsize) CLAMP (columns * rows * LINK_TILE * LINK_TILE * LINK_TILE_VIEWS,
                        LINK_BUDGET_MIN, LINK_BUDGET_MAX);
}

/* The links in view, in widget coordinates. They are drawn into tiles
 * once at each zoom and then copied, since a map's links can cross the
 * view by the thousand: stroking them all on every frame would cost more
 * than the rest of the board. A tile stays the same node from frame to
 * frame, so that dragging a card over it does not damage the view. While
 * a zoom gesture goes on, or when the tiles would not fit, the links in
 * view are stroked instead. */
static void
draw_links (JmCanvas          *self,
            GtkSnapshot       *snapshot,
            const JmBoardRect *visible)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double pixels = self->zoom * scale;
  double left = round (hvalue (self) * scale);
  double top = round (vvalue (self) * scale);
  int first_column = (int) floor (left / LINK_TILE);
  int first_row = (int) floor (top / LINK_TILE);
  int last_column = (int) floor ((left + gtk_widget_get_width (GTK_WIDGET (self)) * scale) / LINK_TILE);
  int last_row = (int) floor ((top + gtk_widget_get_height (GTK_WIDGET (self)) * scale) / LINK_TILE);
  gboolean vectors = self->zoom_settle_id != 0;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));

  if (self->links->len == 0)
    return;

  jm_card_images_begin_frame (self->link_tiles, pixels, link_budget (self));
  for (int row = MAX (first_row, 0); row <= last_row && !vectors; row++)
    for (int column = MAX (first_column, 0); column <= last_column && !vectors; column++)
      {
        /* Rows and columns as far as a board could reach. */
        gconstpointer key = GUINT_TO_POINTER (((guint) row << 16) + (guint) column + 1);
        graphene_point_t origin = GRAPHENE_POINT_INIT ((column * LINK_TILE - left) / scale,
                                                       (row * LINK_TILE - top) / scale);
        GskRenderNode *tile;

        if (row >= G_MAXUINT16 || column >= G_MAXUINT16)
          {
            vectors = TRUE;
            break;
          }
        tile = jm_card_images_lookup (self->link_tiles, key);

        if (tile == NULL)
          {
            g_autoptr(GskRenderNode) drawn = NULL;
            gsize bytes;

            if (!jm_card_images_reserve (self->link_tiles, LINK_TILE * LINK_TILE))
              {
                vectors = TRUE;
                break;
              }
            drawn = link_tile (self, column, row, pixels, scale, &bytes);
            jm_card_images_insert (self->link_tiles, key, drawn, bytes);
            tile = drawn;
          }
        g_ptr_array_add (tiles, gsk_render_node_ref (tile));
        g_array_append_val (origins, origin);
      }

  if (!vectors)
    for (guint i = 0; i < tiles->len; i++)
      {
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot, &g_array_index (origins, graphene_point_t, i));
        gtk_snapshot_append_node (snapshot, g_ptr_array_index (tiles, i));
        gtk_snapshot_restore (snapshot);
      }

  if (vectors)
    {
      cairo_t *cr;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hvalue (self), -vvalue (self)));
      gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (visible->x, visible->y,
                                                                     visible->width, visible->height));
      gdk_cairo_set_source_rgba (cr, &self->style.link);
      stroke_links (self, cr, visible);
      cairo_destroy (cr);
      gtk_snapshot_restore (snapshot);
    }
}

static void
draw_pending_link (JmCanvas    *self,
                   GtkSnapshot *snapshot,
                   JmTouchpoint *source,
                   double       x1,
                   double       y1)
{
  JmBoardCard *from = board_card (self, source);
  double x0, y0;
  cairo_t *cr;

  if (from == NULL)
    return;
  x0 = from->rect.x + from->rect.width;
  y0 = from->rect.y + from->rect.height / 2;
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (MIN (x0, x1) - 80, MIN (y0, y1) - 40,
                                                       fabs (x1 - x0) + 160, fabs (y1 - y0) + 80));
  gdk_cairo_set_source_rgba (cr, &self->style.accent);
  cairo_set_line_width (cr, 2.5);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_move_to (cr, x0, y0);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_link_curve (cr, x0, y0, x1, y1);
  cairo_destroy (cr);
}

static void
append_handle (JmCanvas     *self,
               GtkSnapshot  *snapshot,
               JmBoardCard  *card)
{
  double r = metrics (self)->handle_radius;
  double cx = card->rect.x + card->rect.width;
  double cy = card->rect.y + card->rect.height / 2;

  append_rounded (snapshot, cx - r, cy - r, 2 * r, 2 * r, r, &self->style.accent);
  append_rounded (snapshot, cx - r / 2.5, cy - r / 2.5, 2 * r / 2.5, 2 * r / 2.5, r / 2.5,
                  &self->style.accent_fg);
}

static void
drag_offset (JmCanvas *self,
             double   *dx,
             double   *dy)
{
  double bx, by;

  widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
  *dx = bx - self->start_bx;
  *dy = by - self->start_by;
}

/* The budget of the card images: enough for the view a few times over,
 * so that scrolling back and forth finds its cards drawn. */
static gsize
image_budget (JmCanvas *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double view = (double) gtk_widget_get_width (GTK_WIDGET (self)) *
                gtk_widget_get_height (GTK_WIDGET (self)) * scale * scale * 4;

  return (gsize) CLAMP (view * IMAGE_VIEWS, IMAGE_BUDGET_MIN, IMAGE_BUDGET_MAX);
}

/* The card's face as an image at the frame's zoom and scale, drawn now if
 * it is not in the cache; %NULL when it should be drawn as a node instead. */
static GskRenderNode *
card_face_image (JmCanvas     *self,
                 JmTouchpoint *touchpoint,
                 double        height,
                 int           scale)
{
  GskRenderNode *node = jm_card_images_lookup (self->images, touchpoint);
  g_autoptr(GskRenderNode) drawn = NULL;
  double pixels = self->zoom * scale;
  gsize bytes;

  if (node != NULL)
    return node;

  /* A zoom gesture in progress would draw every card anew each step. */
  if (self->zoom_settle_id != 0)
    return NULL;
  bytes = (gsize) ceil (metrics (self)->card_width * pixels) * (gsize) ceil ((height + 1) * pixels) * 4;
  if (!jm_card_images_reserve (self->images, bytes))
    return NULL;
  drawn = card_image (self, touchpoint, height, self->zoom, scale, &bytes);
  jm_card_images_insert (self->images, touchpoint, drawn, bytes);
  /* The vector node is not needed while the image stands for the card. */
  g_clear_pointer (&card_entry (self, touchpoint)->node, gsk_render_node_unref);
  return drawn;
}

/* The faces of the cards in view, in widget coordinates: an image lands
 * on whole device pixels, where it is copied rather than resampled. */
static void
snapshot_card_faces (JmCanvas          *self,
                     GtkSnapshot       *snapshot,
                     GArray            *cards)
{
  gboolean simple = self->zoom < SIMPLE_BELOW;
  gboolean dragging = self->drag_active && self->drag_mode == DRAG_CARDS;
  double z = self->zoom;
  double hv = hvalue (self);
  double vv = vvalue (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  jm_card_images_begin_frame (self->images, z * scale, image_budget (self));

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i));
      JmTouchpoint *touchpoint = card->data;
      double x = card->rect.x * z - hv;
      double y = card->rect.y * z - vv;
      gboolean selected;
      gboolean faded;
      GskRenderNode *image;

      if (touchpoint == NULL)
        continue;
      selected = g_hash_table_contains (self->selection, touchpoint);
      faded = !filter_matches (self, touchpoint) || (dragging && selected);

      if (faded)
        gtk_snapshot_push_opacity (snapshot, dragging && selected ? 0.3 : 0.22);

      if (simple)
        {
          GdkRGBA colour;

          if (!persona_colour (persona_of (self, touchpoint), &colour))
            colour = self->style.accent;
          colour.alpha = 0.55;
          gtk_snapshot_append_color (snapshot, &colour,
                                     &GRAPHENE_RECT_INIT (x, y, card->rect.width * z, card->rect.height * z));
        }
      else if ((image = card_face_image (self, touchpoint, card->rect.height, scale)) != NULL)
        {
          /* Rounded as the links' tiles are, so that cards and links
           * keep their places as the view moves by parts of a pixel. */
          double px = round (card->rect.x * z * scale) - round (hv * scale);
          double py = round (card->rect.y * z * scale) - round (vv * scale);

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (px / scale, py / scale));
          gtk_snapshot_append_node (snapshot, image);
          gtk_snapshot_restore (snapshot);
        }
      else
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
          gtk_snapshot_scale (snapshot, z, z);
          gtk_snapshot_append_node (snapshot, card_node (self, touchpoint, card->rect.height));
          gtk_snapshot_restore (snapshot);
        }

      if (faded)
        gtk_snapshot_pop (snapshot);
    }
}

/* What marks the cards in view, in board coordinates: the selection and
 * focus rings and the link handle. */
static void
snapshot_card_marks (JmCanvas    *self,
                     GtkSnapshot *snapshot,
                     GArray      *cards)
{
  gboolean simple = self->zoom < SIMPLE_BELOW;
  gboolean dragging = self->drag_active && self->drag_mode == DRAG_CARDS;
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (self));
  const double radius = self->style.card.font_size * 0.4;

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i));
      JmTouchpoint *touchpoint = card->data;
      gboolean selected;

      if (touchpoint == NULL)
        continue;
      selected = g_hash_table_contains (self->selection, touchpoint);
      if (selected && !dragging)
        append_ring (snapshot, &card->rect, 1.5, 2.5, radius, &self->style.accent);
      if (touchpoint == self->focus_card && focused)
        {
          GdkRGBA ring = self->style.accent;

          ring.alpha = 0.5;
          append_ring (snapshot, &card->rect, 5, 2, radius, &ring);
        }
      if (!simple && !dragging && (touchpoint == self->hover_card || (selected && g_hash_table_size (self->selection) == 1)))
        append_handle (self, snapshot, card);
    }
}

static void
snapshot_dragged_cards (JmCanvas    *self,
                        GtkSnapshot *snapshot)
{
  GHashTableIter iter;
  JmTouchpoint *touchpoint;
  double dx, dy;

  drag_offset (self, &dx, &dy);
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, (gpointer *) &touchpoint, NULL))
    {
      JmBoardCard *card = board_card (self, touchpoint);
      GskRoundedRect outline;

      if (card == NULL)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (card->rect.x + dx, card->rect.y + dy));
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (0, 0, card->rect.width, card->rect.height), 6);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &self->style.shadow, 0, 6, 2, 14);
      if (self->zoom < SIMPLE_BELOW)
        gtk_snapshot_append_color (snapshot, &self->style.accent,
                                   &GRAPHENE_RECT_INIT (0, 0, card->rect.width, card->rect.height));
      else
        gtk_snapshot_append_node (snapshot, card_node (self, touchpoint, card->rect.height));
      gtk_snapshot_restore (snapshot);
    }
}

static void
snapshot_grid (JmCanvas          *self,
               GtkSnapshot       *snapshot,
               const JmBoardRect *visible)
{
  const JmBoardMetrics *m = metrics (self);
  guint n_stages = self->stages->len;
  guint n_lanes = self->lanes->len;
  double line = 1.0 / self->zoom;
  JmBoardRect first, last, cell;
  double right, bottom;

  if (n_lanes == 0 || n_stages == 0)
    return;

  jm_board_geometry_cell_rect (self->geometry, 0, 0, &first);
  jm_board_geometry_cell_rect (self->geometry, n_stages - 1, n_lanes - 1, &last);
  right = last.x + last.width;
  bottom = last.y + last.height;

  for (guint l = 0; l < n_lanes; l++)
    {
      jm_board_geometry_cell_rect (self->geometry, 0, l, &cell);
      if (cell.y > visible->y + visible->height || cell.y + cell.height < visible->y)
        continue;
      if (l % 2 == 1)
        gtk_snapshot_append_color (snapshot, &self->style.band,
                                   &GRAPHENE_RECT_INIT (first.x, cell.y, right - first.x, cell.height));
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (first.x, cell.y + cell.height - line,
                                                      right - first.x, line));
    }
  for (guint s = 1; s <= n_stages; s++)
    {
      double x = m->lane_header_width + s * (m->card_width + 2 * m->cell_padding);

      if (x < visible->x || x > visible->x + visible->width + 1)
        continue;
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (x - line, first.y, line, bottom - first.y));
    }

  /* The keyboard cursor on a cell without a focused card, where N adds one. */
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_card == NULL &&
      self->cursor_stage < n_stages && self->cursor_lane < n_lanes && self->editor == NULL)
    {
      GdkRGBA ring = self->style.accent;

      ring.alpha = 0.5;
      jm_board_geometry_cell_rect (self->geometry, self->cursor_stage, self->cursor_lane, &cell);
      cell.x += 4;
      cell.y += 4;
      cell.width -= 8;
      cell.height -= 8;
      append_ring (snapshot, &cell, 0, 2 / self->zoom, 8, &ring);
    }

  if (self->drag_active && self->drag_mode == DRAG_CARDS && self->drop_valid)
    {
      GdkRGBA tint = self->style.accent;

      tint.alpha = 0.08;
      jm_board_geometry_cell_rect (self->geometry, self->drop_stage, self->drop_lane, &cell);
      gtk_snapshot_append_color (snapshot, &tint,
                                 &GRAPHENE_RECT_INIT (cell.x, cell.y, cell.width, cell.height));
    }
}

static void
append_add_button (JmCanvas          *self,
                   GtkSnapshot       *snapshot,
                   const JmBoardRect *rect)
{
  GdkRGBA fill = self->style.header_fg;
  double size = 32;
  double cx = rect->x + rect->width / 2;
  double cy = rect->y + rect->height / 2;

  fill.alpha = 0.08;
  append_rounded (snapshot, cx - size / 2, cy - size / 2, size, size, size / 2, &fill);
  fill.alpha = 0.7;
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (cx - 7, cy - 1, 14, 2));
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (cx - 1, cy - 7, 2, 14));
}

static void
snapshot_stage_headers (JmCanvas          *self,
                        GtkSnapshot       *snapshot,
                        const JmBoardRect *visible)
{
  const JmBoardMetrics *m = metrics (self);
  double line = 1.0 / self->zoom;
  JmBoardRect rect;
  double right;

  jm_board_geometry_add_stage_rect (self->geometry, &rect);
  right = rect.x + rect.width;
  gtk_snapshot_append_color (snapshot, &self->style.header,
                             &GRAPHENE_RECT_INIT (visible->x, 0, visible->width, m->stage_header_height));

  for (guint s = 0; s < self->stages->len; s++)
    {
      JmStage *stage = g_ptr_array_index (self->stages, s);
      HeaderLayouts *layouts;
      double text_height;
      gboolean dragged = self->drag_active && self->drag_mode == DRAG_STAGE && self->drag_object == stage;

      jm_board_geometry_stage_header_rect (self->geometry, s, &rect);
      if (rect.x > visible->x + visible->width || rect.x + rect.width < visible->x)
        continue;
      if (stage == self->selected_object)
        {
          GdkRGBA tint = self->style.accent;

          tint.alpha = 0.14;
          append_rounded (snapshot, rect.x + 6, rect.y + 6, rect.width - 12, rect.height - 12, 8, &tint);
        }
      if (dragged)
        gtk_snapshot_push_opacity (snapshot, 0.4);
      layouts = header_layouts (self, G_OBJECT (stage));
      header_layout_size (layouts, layouts->text, NULL, &text_height);
      append_header_layout (snapshot, layouts, layouts->text, rect.x + m->cell_padding,
                        rect.y + (rect.height - text_height) / 2, &self->style.header_fg);
      if (dragged)
        gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (rect.x + rect.width - line, rect.y + 10,
                                                      line, rect.height - 20));
    }

  jm_board_geometry_add_stage_rect (self->geometry, &rect);
  append_add_button (self, snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (visible->x, m->stage_header_height - line,
                                                  MAX (visible->width, right), line));
}

static void
snapshot_lane_headers (JmCanvas          *self,
                       GtkSnapshot       *snapshot,
                       const JmBoardRect *visible)
{
  const JmBoardMetrics *m = metrics (self);
  double line = 1.0 / self->zoom;
  JmBoardRect rect;

  gtk_snapshot_append_color (snapshot, &self->style.header,
                             &GRAPHENE_RECT_INIT (0, visible->y, m->lane_header_width, visible->height));

  for (guint l = 0; l < self->lanes->len; l++)
    {
      JmPersona *persona = g_ptr_array_index (self->lanes, l);
      HeaderLayouts *layouts;
      GdkRGBA colour;
      double text_height, iw, ih;
      double avatar = 36;
      gboolean dragged = self->drag_active && self->drag_mode == DRAG_LANE && self->drag_object == persona;
      gboolean dim = self->filter_kind == FILTER_PERSONA &&
                     g_strcmp0 (self->filter_value, jm_persona_get_id (persona)) != 0;

      jm_board_geometry_lane_header_rect (self->geometry, l, &rect);
      if (rect.y > visible->y + visible->height || rect.y + rect.height < visible->y)
        continue;
      if (persona == self->selected_object)
        {
          GdkRGBA tint = self->style.accent;

          tint.alpha = 0.14;
          append_rounded (snapshot, rect.x + 6, rect.y + 6, rect.width - 12, rect.height - 12, 8, &tint);
        }
      if (dragged || dim)
        gtk_snapshot_push_opacity (snapshot, 0.4);
      if (!persona_colour (persona, &colour))
        colour = self->style.accent;
      layouts = header_layouts (self, G_OBJECT (persona));
      if (layouts->picture != NULL)
        {
          /* The picture, as the persona sheet shows it; the initials when
           * there is none. */
          GskRoundedRect circle;
          graphene_rect_t bounds = GRAPHENE_RECT_INIT (rect.x + 14, rect.y + 16, avatar, avatar);

          gsk_rounded_rect_init_from_rect (&circle, &bounds, avatar / 2);
          gtk_snapshot_push_rounded_clip (snapshot, &circle);
          gtk_snapshot_append_texture (snapshot, layouts->picture, &bounds);
          gtk_snapshot_pop (snapshot);
        }
      else
        {
          append_rounded (snapshot, rect.x + 14, rect.y + 16, avatar, avatar, avatar / 2, &colour);
          header_layout_size (layouts, layouts->initials, &iw, &ih);
          append_header_layout (snapshot, layouts, layouts->initials, rect.x + 14 + (avatar - iw) / 2,
                            rect.y + 16 + (avatar - ih) / 2, &(GdkRGBA) { 1, 1, 1, 1 });
        }
      header_layout_size (layouts, layouts->text, NULL, &text_height);
      append_header_layout (snapshot, layouts, layouts->text, rect.x + 14 + avatar + 10,
                        rect.y + 16 + MAX (0, (avatar - text_height) / 2), &self->style.header_fg);
      if (dragged || dim)
        gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &self->style.grid,
                                 &GRAPHENE_RECT_INIT (rect.x + 10, rect.y + rect.height - line,
                                                      rect.width - 20, line));
    }

  jm_board_geometry_add_lane_rect (self->geometry, &rect);
  append_add_button (self, snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (m->lane_header_width - line, visible->y,
                                                  line, visible->height));
}

static void
jm_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  JmCanvas *self = JM_CANVAS (widget);
  const JmBoardMetrics *m;
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double z = self->zoom;
  double hv, vv;
  gint64 start = self->frame_stats ? g_get_monotonic_time () : 0;
  JmBoardRect visible;
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));

  ensure_view_layout (self);
  /* The cards out of view are measured once this frame is out. */
  if (self->n_estimated > 0 && self->finish_heights_id == 0)
    self->finish_heights_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, finish_heights_cb, self, NULL);
  m = metrics (self);
  hv = hvalue (self);
  vv = vvalue (self);
  visible = (JmBoardRect) { hv / z, vv / z, width / z, height / z };

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &self->style.background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The cells and cards scroll both ways: the grid and links under the
   * cards, the cards' faces, then what marks them. Rings and handles stay
   * within the gaps between cards, so none covers another card. */
  jm_board_geometry_cards_in_rect (self->geometry, &visible, cards);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hv, -vv));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_grid (self, snapshot, &visible);
  gtk_snapshot_restore (snapshot);
  draw_links (self, snapshot, &visible);
  snapshot_card_faces (self, snapshot, cards);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hv, -vv));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_card_marks (self, snapshot, cards);

  if (self->drag_active)
    {
      double bx, by;

      widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
      switch (self->drag_mode)
        {
        case DRAG_CARDS:
        case DRAG_STAGE:
        case DRAG_LANE:
          if (self->drop_valid)
            append_rounded (snapshot, self->drop_indicator.x, self->drop_indicator.y,
                            self->drop_indicator.width, self->drop_indicator.height, 2,
                            &self->style.accent);
          if (self->drag_mode == DRAG_CARDS)
            snapshot_dragged_cards (self, snapshot);
          break;
        case DRAG_LINK:
          if (self->link_target != NULL)
            {
              JmBoardCard *target = board_card (self, self->link_target);

              if (target != NULL)
                append_ring (snapshot, &target->rect, 3, 2.5, 6, &self->style.accent);
            }
          draw_pending_link (self, snapshot, self->drag_object, bx, by);
          break;
        case DRAG_RUBBER:
          {
            GdkRGBA fill = self->style.accent;
            JmBoardRect band = { MIN (bx, self->start_bx), MIN (by, self->start_by),
                                 fabs (bx - self->start_bx), fabs (by - self->start_by) };

            fill.alpha = 0.12;
            gtk_snapshot_append_color (snapshot, &fill,
                                       &GRAPHENE_RECT_INIT (band.x, band.y, band.width, band.height));
            fill.alpha = 0.8;
            append_ring (snapshot, &band, 0, 1 / z, 0, &fill);
          }
          break;
        case DRAG_NONE:
        case DRAG_CLICK_ADD_STAGE:
        case DRAG_CLICK_ADD_LANE:
        default:
          break;
        }
    }
  else if (self->link_source != NULL && self->focus_card != NULL &&
           self->focus_card != self->link_source)
    {
      JmBoardCard *target = board_card (self, self->focus_card);

      if (target != NULL)
        draw_pending_link (self, snapshot, self->link_source, target->rect.x - 2,
                           target->rect.y + MIN (target->rect.height / 2, 28));
    }
  gtk_snapshot_restore (snapshot);

  /* Headers stay in view: stage names along the top, lanes down the side. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-hv, 0));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_stage_headers (self, snapshot, &(JmBoardRect) { visible.x, 0, visible.width, visible.height });
  if (self->drag_active && self->drag_mode == DRAG_STAGE && self->drop_valid)
    append_rounded (snapshot, self->drop_indicator.x, 4, self->drop_indicator.width,
                    m->stage_header_height - 8, 2, &self->style.accent);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, -vv));
  gtk_snapshot_scale (snapshot, z, z);
  snapshot_lane_headers (self, snapshot, &(JmBoardRect) { 0, visible.y, visible.width, visible.height });
  if (self->drag_active && self->drag_mode == DRAG_LANE && self->drop_valid)
    append_rounded (snapshot, 4, self->drop_indicator.y, m->lane_header_width - 8,
                    self->drop_indicator.height, 2, &self->style.accent);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, z, z);
  gtk_snapshot_append_color (snapshot, &self->style.header,
                             &GRAPHENE_RECT_INIT (0, 0, m->lane_header_width, m->stage_header_height));
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (0, m->stage_header_height - 1 / z,
                                                  m->lane_header_width, 1 / z));
  gtk_snapshot_append_color (snapshot, &self->style.grid,
                             &GRAPHENE_RECT_INIT (m->lane_header_width - 1 / z, 0,
                                                  1 / z, m->stage_header_height));
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_pop (snapshot);

  if (self->editor != NULL)
    {
      /* Entries are translucent in some styles: hide what is renamed. */
      const JmRgba *face = &self->style.card.background;
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (self->editor, widget, &bounds))
        append_rounded (snapshot, bounds.origin.x, bounds.origin.y, bounds.size.width,
                        bounds.size.height, 6,
                        &(GdkRGBA) { face->red, face->green, face->blue, 1 });
      gtk_widget_snapshot_child (widget, self->editor, snapshot);
    }

  if (self->frame_stats)
    self->last_snapshot_ms = (g_get_monotonic_time () - start) / 1000.0;
}

/* ---------------------------------------------------------------- selection */

static void
set_selected_object_internal (JmCanvas *self,
                              gpointer  object)
{
  if (self->selected_object == object)
    return;
  g_set_object (&self->selected_object, object);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
}

/* The primary selected object follows the focused card, else any selected one. */
static void
selection_changed (JmCanvas *self)
{
  gpointer primary = NULL;

  if (self->focus_card != NULL && g_hash_table_contains (self->selection, self->focus_card))
    primary = self->focus_card;
  else if (g_hash_table_size (self->selection) > 0)
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, self->selection);
      g_hash_table_iter_next (&iter, &primary, NULL);
    }
  else if (self->selected_object != NULL && !JM_IS_TOUCHPOINT (self->selected_object))
    primary = self->selected_object;

  set_selected_object_internal (self, primary);
  g_signal_emit (self, selection_changed_signal, 0);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focus_card (JmCanvas     *self,
                JmTouchpoint *touchpoint)
{
  JmBoardCard *card;

  self->focus_card = touchpoint;
  card = touchpoint ? board_card (self, touchpoint) : NULL;
  if (card != NULL)
    {
      self->cursor_stage = card->stage;
      self->cursor_lane = card->lane;
    }
}

static void
select_only (JmCanvas     *self,
             JmTouchpoint *touchpoint)
{
  g_hash_table_remove_all (self->selection);
  if (self->selected_object != NULL && !JM_IS_TOUCHPOINT (self->selected_object))
    g_clear_object (&self->selected_object);
  if (touchpoint != NULL)
    g_hash_table_add (self->selection, touchpoint);
  set_focus_card (self, touchpoint);
  selection_changed (self);
}

static void
select_header (JmCanvas *self,
               gpointer  object)
{
  g_hash_table_remove_all (self->selection);
  self->focus_card = NULL;
  set_selected_object_internal (self, object);
  selection_changed (self);
}

/* ---------------------------------------------------------------- edits */

static JmStage *
stage_at (JmCanvas *self,
          guint     index)
{
  return index < self->stages->len ? g_ptr_array_index (self->stages, index) : NULL;
}

static JmPersona *
lane_at (JmCanvas *self,
         guint     index)
{
  return index < self->lanes->len ? g_ptr_array_index (self->lanes, index) : NULL;
}

/* Moves @touchpoint into a cell, before @before or at its end. */
static void
place_card (JmCanvas     *self,
            JmTouchpoint *touchpoint,
            JmStage      *stage,
            JmPersona    *persona,
            JmTouchpoint *before)
{
  int index = -1;

  if (before != NULL)
    {
      g_autoptr(GPtrArray) cell = jm_map_get_cell (self->map, stage, persona);
      int seen = 0;

      for (guint k = 0; k < cell->len; k++)
        {
          JmTouchpoint *other = g_ptr_array_index (cell, k);

          if (other == touchpoint)
            continue;
          if (other == before)
            {
              index = seen;
              break;
            }
          seen++;
        }
    }
  jm_map_move_touchpoint (self->map, touchpoint, stage, persona, index);
}

/* Moves @cards (in model order) into a cell, before @before or at its end,
 * as one step. */
static void
move_cards (JmCanvas     *self,
            GPtrArray    *cards,
            JmStage      *stage,
            JmPersona    *persona,
            JmTouchpoint *before)
{
  self->moving = TRUE;
  jm_map_begin (self->map, cards->len > 1 ? _("Move Cards") : _("Move Card"));
  for (guint i = 0; i < cards->len; i++)
    place_card (self, g_ptr_array_index (cards, i), stage, persona, before);
  jm_map_end (self->map);
  self->moving = FALSE;
}

/* The index_in_cell-th card of a cell not in the selection, or NULL. */
static JmTouchpoint *
unselected_card_at (JmCanvas *self,
                    guint     stage,
                    guint     lane,
                    guint     index_in_cell)
{
  guint n = jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane);
  guint seen = 0;

  for (guint k = 0; k < n; k++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry,
                                                      jm_board_geometry_get_cell_card (self->geometry, stage, lane, k));

      if (card->data == NULL || g_hash_table_contains (self->selection, card->data))
        continue;
      if (seen == index_in_cell)
        return card->data;
      seen++;
    }
  return NULL;
}

/* Whether the cards on the board lie in more than one cell. */
static gboolean
spans_cells (JmCanvas  *self,
             GPtrArray *cards)
{
  JmBoardCard *first = NULL;

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = board_card (self, g_ptr_array_index (cards, i));

      if (card == NULL)
        continue;
      if (first == NULL)
        first = card;
      else if (card->stage != first->stage || card->lane != first->lane)
        return TRUE;
    }
  return FALSE;
}

/* Shortens a move of @cards by @dx stages and @dy lanes so that none of
 * them leaves the board. Returns whether it had to. */
static gboolean
clamp_group_offset (JmCanvas  *self,
                    GPtrArray *cards,
                    int       *dx,
                    int       *dy)
{
  int want_dx = *dx, want_dy = *dy;

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = board_card (self, g_ptr_array_index (cards, i));

      if (card == NULL)
        continue;
      /* Every range holds 0, so clamping one after another meets them all. */
      *dx = CLAMP (*dx, -(int) card->stage, (int) self->stages->len - 1 - (int) card->stage);
      *dy = CLAMP (*dy, -(int) card->lane, (int) self->lanes->len - 1 - (int) card->lane);
    }
  return *dx != want_dx || *dy != want_dy;
}

typedef struct
{
  JmTouchpoint *touchpoint;
  JmStage      *stage;
  JmPersona    *persona;
  JmTouchpoint *before;
} Placement;

/* Moves @cards (in model order), which may lie in several cells, @dx
 * stages and @dy lanes as one step, each as far as the others, so the
 * group keeps its shape: in its new cell a card keeps as many of the cards
 * that stay before it as it had, and its neighbours in the selection. The
 * cards from @anchor's cell go before @anchor_before instead, when it is
 * given, as a drop places them. */
static void
move_group (JmCanvas     *self,
            GPtrArray    *cards,
            int           dx,
            int           dy,
            JmTouchpoint *anchor,
            JmTouchpoint *anchor_before)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  JmBoardCard *anchor_card = anchor != NULL ? board_card (self, anchor) : NULL;

  /* Where each card goes, from the board as it is before any moves. */
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *touchpoint = g_ptr_array_index (cards, i);
      JmBoardCard *card = board_card (self, touchpoint);
      gboolean from_anchor_cell;
      Placement placement;
      guint staying = 0;

      if (card == NULL)
        continue;
      from_anchor_cell = anchor_card != NULL && card->stage == anchor_card->stage &&
                         card->lane == anchor_card->lane;
      /* Unmoved, a card keeps its place, unless the drop gave it one. */
      if (dx == 0 && dy == 0 && !from_anchor_cell)
        continue;
      for (guint k = 0; k < card->index_in_cell; k++)
        {
          JmBoardCard *other = jm_board_geometry_get_card (self->geometry,
                                                           jm_board_geometry_get_cell_card (self->geometry, card->stage, card->lane, k));

          if (other->data != NULL && !g_hash_table_contains (self->selection, other->data))
            staying++;
        }
      placement.touchpoint = touchpoint;
      placement.stage = stage_at (self, card->stage + dx);
      placement.persona = lane_at (self, card->lane + dy);
      placement.before = from_anchor_cell ? anchor_before
                                          : unselected_card_at (self, card->stage + dx, card->lane + dy, staying);
      g_assert (placement.stage != NULL && placement.persona != NULL);
      g_array_append_val (placements, placement);
    }
  if (placements->len == 0)
    return;

  self->moving = TRUE;
  jm_map_begin (self->map, placements->len > 1 ? _("Move Cards") : _("Move Card"));
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);

      place_card (self, placement->touchpoint, placement->stage, placement->persona, placement->before);
    }
  jm_map_end (self->map);
  self->moving = FALSE;
}

static void
add_link (JmCanvas     *self,
          JmTouchpoint *from,
          JmTouchpoint *to)
{
  const char * const *links = jm_touchpoint_get_links (from);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) value = NULL;

  if (from == to || g_strv_contains (links, jm_touchpoint_get_id (to)))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) links);
  g_strv_builder_add (builder, jm_touchpoint_get_id (to));
  value = g_strv_builder_end (builder);
  jm_map_begin (self->map, _("Link Cards"));
  jm_map_edit_strv (self->map, from, "links", (const char * const *) value);
  jm_map_end (self->map);
}

static JmTouchpoint *
clone_touchpoint (JmTouchpoint *source,
                  const char   *id)
{
  JmTouchpoint *copy = jm_touchpoint_new (id, jm_touchpoint_get_stage_id (source),
                                          jm_touchpoint_get_lane_id (source),
                                          jm_touchpoint_get_title (source));
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (source), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_WRITABLE) || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) ||
          g_str_equal (pspecs[i]->name, "id"))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (source), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }
  return copy;
}

/* Inserts copies of @sources into the map (ids made fresh, links kept only
 * to cards that exist), each after @after or in @stage x @persona, and
 * selects them. */
static void
insert_copies (JmCanvas   *self,
               GPtrArray  *sources,
               JmStage    *stage,
               JmPersona  *persona,
               gboolean    beside_source,
               const char *label)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  JmTouchpoint *anchor = NULL;
  guint anchor_position = 0;

  if (sources->len == 0)
    return;

  if (!beside_source && self->focus_card != NULL &&
      jm_map_find_touchpoint (self->map, self->focus_card, &anchor_position) &&
      stage != NULL && persona != NULL &&
      g_str_equal (jm_touchpoint_get_stage_id (self->focus_card), jm_stage_get_id (stage)) &&
      g_str_equal (jm_touchpoint_get_lane_id (self->focus_card), jm_persona_get_id (persona)))
    anchor = self->focus_card;

  jm_map_begin (self->map, label);
  for (guint i = 0; i < sources->len; i++)
    {
      JmTouchpoint *source = g_ptr_array_index (sources, i);
      g_autofree char *id = jm_map_new_id (self->map, "t");
      g_autoptr(JmTouchpoint) copy = clone_touchpoint (source, id);
      const char * const *links = jm_touchpoint_get_links (source);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) kept = NULL;
      guint position;

      for (guint j = 0; links != NULL && links[j] != NULL; j++)
        if (jm_map_lookup_touchpoint (self->map, links[j]) != NULL)
          g_strv_builder_add (builder, links[j]);
      kept = g_strv_builder_end (builder);
      jm_touchpoint_set_links (copy, (const char * const *) kept);

      if (beside_source)
        {
          if (!jm_map_find_touchpoint (self->map, source, &position))
            continue;
          position++;
        }
      else
        {
          jm_touchpoint_set_stage_id (copy, jm_stage_get_id (stage));
          jm_touchpoint_set_lane_id (copy, jm_persona_get_id (persona));
          if (anchor != NULL)
            position = anchor_position + 1 + added->len;
          else
            {
              jm_map_insert_touchpoint (self->map, G_MAXUINT, copy);
              g_ptr_array_add (added, copy);
              continue;
            }
        }
      jm_map_insert_touchpoint (self->map, position, copy);
      g_ptr_array_add (added, copy);
    }
  jm_map_end (self->map);

  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < added->len; i++)
    g_hash_table_add (self->selection, g_ptr_array_index (added, i));
  self->focus_card = added->len > 0 ? g_ptr_array_index (added, 0) : NULL;
  self->layout_dirty = TRUE;
  set_focus_card (self, self->focus_card);
  selection_changed (self);
}

static void
delete_selection (JmCanvas *self)
{
  g_autoptr(GPtrArray) cards = selection_in_order (self);

  if (cards->len > 0)
    {
      jm_map_begin (self->map, cards->len > 1 ? _("Delete Cards") : _("Delete Card"));
      for (guint i = 0; i < cards->len; i++)
        jm_map_remove_touchpoint (self->map, g_ptr_array_index (cards, i));
      jm_map_end (self->map);
    }
  else if (JM_IS_STAGE (self->selected_object))
    jm_map_remove_stage (self->map, self->selected_object);
  else if (JM_IS_PERSONA (self->selected_object))
    jm_map_remove_persona (self->map, self->selected_object);
}

/* ---------------------------------------------------------------- editor */

static void
editor_rect (JmCanvas        *self,
             graphene_rect_t *rect)
{
  const JmBoardMetrics *m = metrics (self);
  JmBoardRect box = { 0, 0, m->card_width, PLACEHOLDER_HEIGHT };
  double z = self->zoom;
  double x, y;
  guint index;

  ensure_layout (self);
  x = -hvalue (self);
  y = -vvalue (self);
  if (JM_IS_TOUCHPOINT (self->edit_object))
    {
      JmBoardCard *card = board_card (self, JM_TOUCHPOINT (self->edit_object));

      if (card != NULL)
        box = (JmBoardRect) { card->rect.x, card->rect.y, card->rect.width, MIN (card->rect.height, 52) };
    }
  else if (JM_IS_STAGE (self->edit_object))
    {
      /* Headers stay in view: the stage row does not scroll down. */
      if (g_ptr_array_find (self->stages, self->edit_object, &index))
        jm_board_geometry_stage_header_rect (self->geometry, index, &box);
      box = (JmBoardRect) { box.x + 6, (m->stage_header_height - 40) / 2, box.width - 12, 40 };
      y = 0;
    }
  else if (JM_IS_PERSONA (self->edit_object))
    {
      if (g_ptr_array_find (self->lanes, self->edit_object, &index))
        jm_board_geometry_lane_header_rect (self->geometry, index, &box);
      box = (JmBoardRect) { 8, box.y + 12, m->lane_header_width - 16, 40 };
      x = 0;
    }
  else
    {
      for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
        if (jm_board_geometry_get_card (self->geometry, i)->data == NULL)
          box = jm_board_geometry_get_card (self->geometry, i)->rect;
    }
  rect->origin.x = box.x * z + x;
  rect->origin.y = box.y * z + y;
  rect->size.width = MAX (box.width * z, 120);
  rect->size.height = box.height * z;
}

static void
on_editor_activate (JmCanvas *self)
{
  stop_editing (self, TRUE);
}

static gboolean
on_editor_key_pressed (JmCanvas        *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if (keyval == GDK_KEY_Escape)
    {
      stop_editing (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static gboolean
editor_has_focus (JmCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editor);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor));
}

static gboolean
on_editor_left (gpointer data)
{
  JmCanvas *self = data;

  self->editor_leave_id = 0;
  if (self->editor != NULL && !self->edit_done && !editor_has_focus (self))
    stop_editing (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_editor_focus_leave (JmCanvas *self)
{
  /* Leaving the field keeps what was typed, as the inspector does; once
   * the focus change is over, not in the middle of it. */
  if (self->editor != NULL && !self->edit_done && self->editor_leave_id == 0)
    self->editor_leave_id = g_idle_add (on_editor_left, self);
}

static const char *
edited_property (GObject *object)
{
  return object == NULL || JM_IS_TOUCHPOINT (object) ? "title" : "name";
}

static void scroll_to_rect (JmCanvas *self, const JmBoardRect *rect, double margin);

/* Brings what the editor edits into view: the place of a card being
 * created, or a header's column or row (headers stay in view across). */
static void
scroll_to_edited (JmCanvas *self)
{
  const JmBoardMetrics *m = metrics (self);
  double z = self->zoom;
  JmBoardRect rect;
  guint index;

  ensure_layout (self);
  if (self->edit_object == NULL)
    {
      for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
        if (jm_board_geometry_get_card (self->geometry, i)->data == NULL)
          scroll_to_rect (self, &jm_board_geometry_get_card (self->geometry, i)->rect, m->cell_padding);
    }
  else if (JM_IS_STAGE (self->edit_object) && g_ptr_array_find (self->stages, self->edit_object, &index))
    {
      /* A line at the top of the view keeps the view's rows as they are. */
      jm_board_geometry_stage_header_rect (self->geometry, index, &rect);
      rect.y = vvalue (self) / z + m->stage_header_height;
      rect.height = 0;
      scroll_to_rect (self, &rect, 0);
    }
  else if (JM_IS_PERSONA (self->edit_object) && g_ptr_array_find (self->lanes, self->edit_object, &index))
    {
      jm_board_geometry_lane_header_rect (self->geometry, index, &rect);
      rect.x = hvalue (self) / z + m->lane_header_width;
      rect.width = 0;
      scroll_to_rect (self, &rect, 0);
    }
}

static gboolean
edit_object_in_map (JmCanvas *self)
{
  GObject *object = self->edit_object;

  return self->map != NULL &&
         (JM_IS_TOUCHPOINT (object) ? jm_map_find_touchpoint (self->map, JM_TOUCHPOINT (object), NULL)
          : JM_IS_STAGE (object) ? jm_map_find_stage (self->map, JM_STAGE (object), NULL)
          : JM_IS_PERSONA (object) ? jm_map_find_persona (self->map, JM_PERSONA (object), NULL)
          : FALSE);
}

/* Records @text as the edited title, joining the edit's one undo step. */
static void
edit_record (JmCanvas   *self,
             const char *text)
{
  /* A card may lose its title; a header keeps its name rather than none. */
  if (!edit_object_in_map (self) || (!JM_IS_TOUCHPOINT (self->edit_object) && *text == '\0'))
    return;
  jm_map_begin_merge (self->map, NULL, &self->edit_merge_id);
  jm_map_edit_string (self->map, self->edit_object, edited_property (self->edit_object), text);
  jm_map_end (self->map);
}

/* The title of a card, stage or persona goes to the map as it is typed, so
 * that Save, drafts and closing have it; Escape takes it back. */
static void
on_editor_changed (JmCanvas *self)
{
  g_autofree char *text = NULL;

  if (self->editor == NULL || self->edit_done || self->edit_object == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor))));
  edit_record (self, text);
}

/* Edits in place the title of a card (@object a touchpoint), the name of a
 * stage or persona, or, with @object %NULL, the title of a new card to
 * create at @index in the cell @stage x @lane. */
static void
start_editing (JmCanvas *self,
               gpointer  object,
               guint     stage,
               guint     lane,
               guint     index)
{
  GtkEventController *controller;
  const char *label;

  if (self->map == NULL)
    return;
  stop_editing (self, TRUE);
  ensure_layout (self);
  if (object == NULL && (stage_at (self, stage) == NULL || lane_at (self, lane) == NULL))
    return;

  self->edit_object = object;
  self->edit_stage = stage;
  self->edit_lane = lane;
  self->edit_index = index;
  self->edit_done = FALSE;
  if (JM_IS_TOUCHPOINT (object))
    scroll_to_card (self, object);

  label = JM_IS_STAGE (object) ? _("Stage name")
        : JM_IS_PERSONA (object) ? _("Persona name")
        : _("Touchpoint title");
  self->editor = gtk_entry_new ();
  gtk_widget_add_css_class (self->editor, "card-title-editor");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->editor), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (object != NULL)
    {
      g_autofree char *text = NULL;

      g_object_get (object, edited_property (object), &text, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->editor), text ? text : "");
    }
  self->edit_merge_id = 0;
  g_free (self->edit_original);
  self->edit_original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (on_editor_changed), self);
  g_signal_connect_swapped (self->editor, "activate", G_CALLBACK (on_editor_activate), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_editor_key_pressed), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);

  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  self->layout_dirty = TRUE;
  scroll_to_edited (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_actions (self);
}

static void
stop_editing (JmCanvas *self,
              gboolean  commit)
{
  g_autofree char *text = NULL;
  GtkWidget *editor = self->editor;
  gboolean had_focus;

  if (editor == NULL || self->edit_done)
    return;
  self->edit_done = TRUE;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor))));
  had_focus = gtk_widget_has_focus (editor) ||
              gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (editor)) ?: editor, editor);
  if (!commit && self->edit_object != NULL)
    {
      /* Back to the old title, the edit's step goes away. */
      edit_record (self, self->edit_original);
    }
  if (commit && self->map != NULL)
    {
      GObject *object = self->edit_object;

      if (object != NULL)
        edit_record (self, text);
      else if (*text != '\0')
        {
          JmStage *stage = stage_at (self, self->edit_stage);
          JmPersona *persona = lane_at (self, self->edit_lane);

          if (stage != NULL && persona != NULL)
            {
              JmTouchpoint *touchpoint;

              jm_map_begin (self->map, _("Add Card"));
              touchpoint = jm_map_add_touchpoint (self->map, stage, persona, self->edit_index, text);
              jm_map_end (self->map);
              self->layout_dirty = TRUE;
              select_only (self, touchpoint);
            }
        }
    }

  self->editor = NULL;
  self->edit_object = NULL;
  self->edit_merge_id = 0;
  g_clear_pointer (&self->edit_original, g_free);
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_unparent (editor);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- scrolling */

/* Scrolls the least that brings @rect (board coordinates) with @margin
 * around it into view, clear of the headers that stay in view; its start
 * wins where it does not fit. */
static void
scroll_to_rect (JmCanvas          *self,
                const JmBoardRect *rect,
                double             margin)
{
  const JmBoardMetrics *m = metrics (self);
  double z = self->zoom;
  double left, top, right, bottom, hv, vv;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;

  left = (rect->x - margin) * z - m->lane_header_width * z;
  top = (rect->y - margin) * z - m->stage_header_height * z;
  right = (rect->x + rect->width + margin) * z - width;
  bottom = (rect->y + rect->height + margin) * z - height;
  hv = hvalue (self);
  vv = vvalue (self);
  if (hv > left)
    hv = left;
  else if (hv < right)
    hv = MIN (right, left);
  if (vv > top)
    vv = top;
  else if (vv < bottom)
    vv = MIN (bottom, top);
  gtk_adjustment_set_value (self->hadjustment, hv);
  gtk_adjustment_set_value (self->vadjustment, vv);
}

static void
scroll_to_card (JmCanvas     *self,
                JmTouchpoint *touchpoint)
{
  JmBoardCard *card = board_card (self, touchpoint);

  if (card != NULL)
    scroll_to_rect (self, &card->rect, metrics (self)->cell_padding);
}

/* The keyboard cursor on an empty place of a cell is in view as much as
 * a card is: the new card's title field opens there. */
static void
scroll_to_cell (JmCanvas *self,
                guint     stage,
                guint     lane)
{
  JmBoardRect cell;

  ensure_layout (self);
  if (stage >= self->stages->len || lane >= self->lanes->len)
    return;
  jm_board_geometry_cell_rect (self->geometry, stage, lane, &cell);
  scroll_to_rect (self, &cell, 0);
}

static void
configure_adjustments (JmCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double board_w = jm_board_geometry_get_width (self->geometry) * self->zoom;
  double board_h = jm_board_geometry_get_height (self->geometry) * self->zoom;

  if (self->hadjustment == NULL || self->vadjustment == NULL)
    return;

  gtk_adjustment_configure (self->hadjustment,
                            CLAMP (hvalue (self), 0, MAX (board_w - width, 0)),
                            0, MAX (board_w, width), width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (vvalue (self), 0, MAX (board_h - height, 0)),
                            0, MAX (board_h, height), height * 0.1, height * 0.9, height);
}

static void
zoom_at (JmCanvas *self,
         double    zoom,
         double    x,
         double    y)
{
  double bx, by;

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  /* Keep the board point under (x, y) where it is. */
  widget_to_board (self, x, y, &bx, &by);
  self->zoom = zoom;
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, bx * zoom - x);
  gtk_adjustment_set_value (self->vadjustment, by * zoom - y);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_zoom_settled (gpointer data)
{
  JmCanvas *self = data;

  self->zoom_settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* A step of a zoom that goes on (a pinch, Ctrl+scroll): cards are drawn
 * as vectors until the steps stop, rather than into images that the next
 * step throws away. */
static void
zoom_step (JmCanvas *self,
           double    zoom,
           double    x,
           double    y)
{
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  self->zoom_settle_id = g_timeout_add (ZOOM_SETTLE_MS, on_zoom_settled, self);
  zoom_at (self, zoom, x, y);
}

/*
 * _jm_canvas_scroll:
 * @dx, @dy: the scroll deltas, in @unit
 * @state: the modifiers held: Control zooms, Shift scrolls sideways
 * @x, @y: the point that stays put while zooming, in widget coordinates
 *
 * What a scroll over the board does; the scroll controller calls it with
 * the event's values.
 */
gboolean
_jm_canvas_scroll (JmCanvas        *self,
                   double           dx,
                   double           dy,
                   GdkScrollUnit    unit,
                   GdkModifierType  state,
                   double           x,
                   double           y)
{
  gboolean discrete = unit == GDK_SCROLL_UNIT_WHEEL;
  double step = discrete ? 60 : 1;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);

  if (state & GDK_CONTROL_MASK)
    {
      double factor = discrete ? pow (1.15, -dy) : exp (-dy * 0.01);

      zoom_step (self, self->zoom * factor, x, y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  gtk_adjustment_set_value (self->hadjustment, hvalue (self) + dx * step);
  gtk_adjustment_set_value (self->vadjustment, vvalue (self) + dy * step);
  return TRUE;
}

static gboolean
on_scroll (JmCanvas                 *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  return _jm_canvas_scroll (self, dx, dy,
                            gtk_event_controller_scroll_get_unit (controller),
                            gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)),
                            self->pointer_x, self->pointer_y);
}

static void
on_zoom_begin (JmCanvas *self)
{
  self->zoom_start = self->zoom;
}

static void
on_zoom_scale_changed (JmCanvas       *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  GtkGesture *g = GTK_GESTURE (gesture);
  double x, y;

  /* About the middle of the fingers; of the view when the gesture has no
   * event to tell (asking would be an error then). */
  if (gtk_gesture_get_last_event (g, gtk_gesture_get_last_updated_sequence (g)) == NULL ||
      !gtk_gesture_get_bounding_box_center (g, &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2;
    }
  zoom_step (self, self->zoom_start * scale, x, y);
}

static void
on_pan_begin (JmCanvas *self)
{
  self->pan_hvalue = hvalue (self);
  self->pan_vvalue = vvalue (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_pan_update (JmCanvas *self,
               double    dx,
               double    dy)
{
  gtk_adjustment_set_value (self->hadjustment, self->pan_hvalue - dx);
  gtk_adjustment_set_value (self->vadjustment, self->pan_vvalue - dy);
}

static void
on_pan_end (JmCanvas *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* ---------------------------------------------------------------- dragging */

static void
update_drop_target (JmCanvas *self)
{
  double bx, by;
  JmBoardHit hit;

  widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
  self->drop_valid = FALSE;

  switch (self->drag_mode)
    {
    case DRAG_CARDS:
      self->drop_valid = jm_board_geometry_drop_target (self->geometry, bx, by,
                                                        &self->drop_stage, &self->drop_lane,
                                                        &self->drop_index, &self->drop_indicator);
      break;
    case DRAG_STAGE:
      self->drop_slot = jm_board_geometry_stage_slot (self->geometry, bx, &self->drop_indicator);
      self->drop_valid = TRUE;
      break;
    case DRAG_LANE:
      self->drop_slot = jm_board_geometry_lane_slot (self->geometry, by, &self->drop_indicator);
      self->drop_valid = TRUE;
      break;
    case DRAG_LINK:
      hit_at (self, self->pointer_x, self->pointer_y, &hit);
      self->link_target = NULL;
      if ((hit.kind == JM_BOARD_HIT_CARD || hit.kind == JM_BOARD_HIT_CARD_HANDLE) &&
          jm_board_geometry_get_card (self->geometry, hit.card)->data != self->drag_object)
        self->link_target = jm_board_geometry_get_card (self->geometry, hit.card)->data;
      break;
    case DRAG_RUBBER:
      {
        g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));
        JmBoardRect band = { MIN (bx, self->start_bx), MIN (by, self->start_by),
                             fabs (bx - self->start_bx), fabs (by - self->start_by) };
        GHashTableIter iter;
        gpointer key;

        jm_board_geometry_cards_in_rect (self->geometry, &band, cards);
        g_hash_table_remove_all (self->selection);
        if (self->rubber_base != NULL)
          {
            g_hash_table_iter_init (&iter, self->rubber_base);
            while (g_hash_table_iter_next (&iter, &key, NULL))
              g_hash_table_add (self->selection, key);
          }
        for (guint i = 0; i < cards->len; i++)
          {
            gpointer touchpoint = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i))->data;

            if (touchpoint != NULL)
              g_hash_table_add (self->selection, touchpoint);
          }
        selection_changed (self);
      }
      break;
    case DRAG_NONE:
    case DRAG_CLICK_ADD_STAGE:
    case DRAG_CLICK_ADD_LANE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  JmCanvas *self = JM_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double dx = 0, dy = 0;

  if (!self->drag_active)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Faster the nearer the edge, as file managers do. */
  if (self->pointer_x < AUTOSCROLL_EDGE)
    dx = -(AUTOSCROLL_EDGE - self->pointer_x) / 2;
  else if (self->pointer_x > width - AUTOSCROLL_EDGE)
    dx = (self->pointer_x - (width - AUTOSCROLL_EDGE)) / 2;
  if (self->pointer_y < AUTOSCROLL_EDGE)
    dy = -(AUTOSCROLL_EDGE - self->pointer_y) / 2;
  else if (self->pointer_y > height - AUTOSCROLL_EDGE)
    dy = (self->pointer_y - (height - AUTOSCROLL_EDGE)) / 2;

  if (dx == 0 && dy == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->drag_mode == DRAG_STAGE)
    dy = 0;
  if (self->drag_mode == DRAG_LANE)
    dx = 0;
  gtk_adjustment_set_value (self->hadjustment, hvalue (self) + dx);
  gtk_adjustment_set_value (self->vadjustment, vvalue (self) + dy);
  update_drop_target (self);
  return G_SOURCE_CONTINUE;
}

static void
maybe_autoscroll (JmCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->autoscroll_id != 0 || !self->drag_active)
    return;
  if (self->pointer_x < AUTOSCROLL_EDGE || self->pointer_x > width - AUTOSCROLL_EDGE ||
      self->pointer_y < AUTOSCROLL_EDGE || self->pointer_y > height - AUTOSCROLL_EDGE)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick, NULL, NULL);
}

static void
end_drag (JmCanvas *self)
{
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  if (self->autoscroll_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
      self->autoscroll_id = 0;
    }
  for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
    jm_board_geometry_get_card (self->geometry, i)->flags &= ~JM_BOARD_CARD_DRAGGED;
  self->drag_mode = DRAG_NONE;
  self->drag_active = FALSE;
  self->drop_valid = FALSE;
  self->drag_object = NULL;
  self->link_target = NULL;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin (JmCanvas       *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0;
  JmBoardHit hit;

  if (self->editor != NULL)
    stop_editing (self, TRUE);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  end_drag (self);
  self->drag_cancelled = FALSE;
  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  widget_to_board (self, x, y, &self->start_bx, &self->start_by);
  if (self->map == NULL)
    return;

  hit_at (self, x, y, &hit);
  switch (hit.kind)
    {
    case JM_BOARD_HIT_CARD:
      {
        JmTouchpoint *touchpoint = jm_board_geometry_get_card (self->geometry, hit.card)->data;

        if (self->link_source != NULL)
          {
            JmTouchpoint *source = self->link_source;

            self->link_source = NULL;
            add_link (self, source, touchpoint);
            select_only (self, touchpoint);
            return;
          }
        if (extend)
          {
            if (!g_hash_table_remove (self->selection, touchpoint))
              g_hash_table_add (self->selection, touchpoint);
            set_focus_card (self, touchpoint);
            selection_changed (self);
          }
        else if (!g_hash_table_contains (self->selection, touchpoint))
          select_only (self, touchpoint);
        else
          {
            set_focus_card (self, touchpoint);
            selection_changed (self);
          }
        if (g_hash_table_contains (self->selection, touchpoint))
          {
            self->drag_mode = DRAG_CARDS;
            self->drag_object = touchpoint;
          }
      }
      break;
    case JM_BOARD_HIT_CARD_HANDLE:
      self->drag_mode = DRAG_LINK;
      self->drag_object = jm_board_geometry_get_card (self->geometry, hit.card)->data;
      break;
    case JM_BOARD_HIT_STAGE_HEADER:
      self->drag_mode = DRAG_STAGE;
      self->drag_object = stage_at (self, hit.stage);
      select_header (self, self->drag_object);
      break;
    case JM_BOARD_HIT_LANE_HEADER:
      self->drag_mode = DRAG_LANE;
      self->drag_object = lane_at (self, hit.lane);
      select_header (self, self->drag_object);
      break;
    case JM_BOARD_HIT_ADD_STAGE:
      self->drag_mode = DRAG_CLICK_ADD_STAGE;
      break;
    case JM_BOARD_HIT_ADD_LANE:
      self->drag_mode = DRAG_CLICK_ADD_LANE;
      break;
    case JM_BOARD_HIT_CELL:
      self->cursor_stage = hit.stage;
      self->cursor_lane = hit.lane;
      G_GNUC_FALLTHROUGH;
    case JM_BOARD_HIT_CORNER:
    case JM_BOARD_HIT_NONE:
    default:
      self->link_source = NULL;
      self->drag_mode = DRAG_RUBBER;
      if (extend)
        {
          GHashTableIter iter;
          gpointer key;

          self->rubber_base = g_hash_table_new (NULL, NULL);
          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (self->rubber_base, key);
        }
      else
        {
          self->focus_card = NULL;
          select_only (self, NULL);
        }
      break;
    }
}

static void
on_drag_update (JmCanvas       *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (self->drag_mode == DRAG_NONE || self->drag_cancelled)
    return;

  self->pointer_x = self->start_x + dx;
  self->pointer_y = self->start_y + dy;

  if (!self->drag_active)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD ||
          self->drag_mode == DRAG_CLICK_ADD_STAGE || self->drag_mode == DRAG_CLICK_ADD_LANE)
        return;
      self->drag_active = TRUE;
      if (self->drag_mode == DRAG_CARDS)
        {
          GHashTableIter iter;
          JmTouchpoint *touchpoint;

          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, (gpointer *) &touchpoint, NULL))
            {
              JmBoardCard *card = board_card (self, touchpoint);

              if (card != NULL)
                card->flags |= JM_BOARD_CARD_DRAGGED;
            }
        }
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       self->drag_mode == DRAG_RUBBER ? "crosshair" :
                                       self->drag_mode == DRAG_LINK ? "alias" : "grabbing");
    }
  update_drop_target (self);
  if (self->drag_mode != DRAG_RUBBER)
    maybe_autoscroll (self);
}

static void
commit_drag (JmCanvas *self)
{
  switch (self->drag_mode)
    {
    case DRAG_CARDS:
      if (self->drop_valid)
        {
          g_autoptr(GPtrArray) cards = selection_in_order (self);
          JmTouchpoint *before = unselected_card_at (self, self->drop_stage, self->drop_lane,
                                                     self->drop_index);
          JmBoardCard *anchor = board_card (self, self->drag_object);

          if (anchor != NULL && spans_cells (self, cards))
            {
              /* The card under the pointer leads; the rest keep their
               * places around it, and all stop at the board's edge. */
              int dx = (int) self->drop_stage - (int) anchor->stage;
              int dy = (int) self->drop_lane - (int) anchor->lane;

              if (clamp_group_offset (self, cards, &dx, &dy))
                move_group (self, cards, dx, dy, NULL, NULL);
              else
                move_group (self, cards, dx, dy, self->drag_object, before);
            }
          else
            move_cards (self, cards, stage_at (self, self->drop_stage), lane_at (self, self->drop_lane),
                        before);
        }
      break;
    case DRAG_STAGE:
      {
        guint from;

        if (jm_map_find_stage (self->map, self->drag_object, &from))
          jm_map_move_stage (self->map, self->drag_object,
                             jm_board_slot_to_position (from, self->drop_slot));
      }
      break;
    case DRAG_LANE:
      {
        /* Lane slots count visible lanes; hidden ones keep their place. */
        JmPersona *anchor = lane_at (self, self->drop_slot);
        guint from, to;

        if (jm_map_find_persona (self->map, self->drag_object, &from))
          {
            if (anchor == NULL || !jm_map_find_persona (self->map, anchor, &to))
              to = g_list_model_get_n_items (jm_map_get_personas (self->map));
            jm_map_move_persona (self->map, self->drag_object, jm_board_slot_to_position (from, to));
          }
      }
      break;
    case DRAG_LINK:
      if (self->link_target != NULL)
        add_link (self, self->drag_object, self->link_target);
      break;
    case DRAG_RUBBER:
    case DRAG_NONE:
    case DRAG_CLICK_ADD_STAGE:
    case DRAG_CLICK_ADD_LANE:
    default:
      break;
    }
}

static void
on_drag_end (JmCanvas       *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  if (self->drag_cancelled || self->drag_mode == DRAG_NONE)
    {
      end_drag (self);
      return;
    }

  if (self->drag_active)
    {
      self->pointer_x = self->start_x + dx;
      self->pointer_y = self->start_y + dy;
      update_drop_target (self);
      commit_drag (self);
    }
  else if (self->drag_mode == DRAG_CLICK_ADD_STAGE)
    gtk_widget_activate_action (GTK_WIDGET (self), "canvas.add-stage", NULL);
  else if (self->drag_mode == DRAG_CLICK_ADD_LANE)
    gtk_widget_activate_action (GTK_WIDGET (self), "canvas.add-lane", NULL);
  end_drag (self);
}

/* The second press of a double-click also begins a drag, which ends any
 * edit in progress and takes the focus back to the board: the editor
 * opens on its release, once the press is over. */
static void
on_click_pressed (JmCanvas        *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  self->double_pressed = n_press == 2;
  self->double_x = x;
  self->double_y = y;
}

static void
on_click_released (JmCanvas        *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  JmBoardHit hit;

  if (n_press != 2 || !self->double_pressed || self->map == NULL)
    return;
  self->double_pressed = FALSE;
  /* A press that went on into a drag is not a double-click. */
  if (hypot (x - self->double_x, y - self->double_y) >= DRAG_THRESHOLD)
    return;

  hit_at (self, x, y, &hit);
  if (hit.kind == JM_BOARD_HIT_CARD)
    start_editing (self, jm_board_geometry_get_card (self->geometry, hit.card)->data, 0, 0, 0);
  else if (hit.kind == JM_BOARD_HIT_STAGE_HEADER)
    start_editing (self, stage_at (self, hit.stage), 0, 0, 0);
  else if (hit.kind == JM_BOARD_HIT_LANE_HEADER)
    start_editing (self, lane_at (self, hit.lane), 0, 0, 0);
  else if (hit.kind == JM_BOARD_HIT_CELL)
    {
      guint s, l, index;
      double bx, by;

      widget_to_board (self, x, y, &bx, &by);
      if (jm_board_geometry_drop_target (self->geometry, bx, by, &s, &l, &index, NULL))
        start_editing (self, NULL, s, l, index);
    }
}

static void
on_motion (JmCanvas *self,
           double    x,
           double    y)
{
  JmBoardHit hit;
  JmTouchpoint *hover = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_active)
    return;
  hit_at (self, x, y, &hit);
  if (hit.kind == JM_BOARD_HIT_CARD || hit.kind == JM_BOARD_HIT_CARD_HANDLE)
    hover = jm_board_geometry_get_card (self->geometry, hit.card)->data;
  if (hover != self->hover_card)
    {
      self->hover_card = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hit.kind == JM_BOARD_HIT_CARD_HANDLE ? "crosshair" :
                                   hit.kind == JM_BOARD_HIT_ADD_STAGE || hit.kind == JM_BOARD_HIT_ADD_LANE ? "pointer" :
                                   NULL);
}

static GMenuModel *
context_menu_model (JmBoardHitKind kind)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();

  switch (kind)
    {
    case JM_BOARD_HIT_CARD:
    case JM_BOARD_HIT_CARD_HANDLE:
      g_menu_append (section, _("_Edit Title"), "canvas.edit");
      g_menu_append (section, _("_Link to Another Card"), "canvas.link");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
      section = g_menu_new ();
      g_menu_append (section, _("Cu_t"), "canvas.cut");
      g_menu_append (section, _("_Copy"), "canvas.copy");
      g_menu_append (section, _("_Paste"), "canvas.paste");
      g_menu_append (section, _("D_uplicate"), "canvas.duplicate");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
      section = g_menu_new ();
      g_menu_append (section, _("_Delete"), "canvas.delete");
      break;
    case JM_BOARD_HIT_STAGE_HEADER:
    case JM_BOARD_HIT_ADD_STAGE:
      g_menu_append (section, _("_Add Stage"), "canvas.add-stage");
      if (kind == JM_BOARD_HIT_STAGE_HEADER)
        g_menu_append (section, _("_Delete Stage"), "canvas.delete");
      break;
    case JM_BOARD_HIT_LANE_HEADER:
    case JM_BOARD_HIT_ADD_LANE:
      g_menu_append (section, _("_Add Persona"), "canvas.add-lane");
      if (kind == JM_BOARD_HIT_LANE_HEADER)
        g_menu_append (section, _("_Delete Persona"), "canvas.delete");
      break;
    case JM_BOARD_HIT_CELL:
    case JM_BOARD_HIT_CORNER:
    case JM_BOARD_HIT_NONE:
    default:
      g_menu_append (section, _("_New Card"), "canvas.new-card");
      g_menu_append (section, _("_Paste"), "canvas.paste");
      g_menu_append (section, _("Select _All"), "canvas.select-all");
      break;
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
on_secondary_pressed (JmCanvas        *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  g_autoptr(GMenuModel) model = NULL;
  JmBoardHit hit;

  if (self->map == NULL)
    return;
  if (self->editor != NULL)
    stop_editing (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Act on what was clicked, as a primary click would select it. */
  hit_at (self, x, y, &hit);
  switch (hit.kind)
    {
    case JM_BOARD_HIT_CARD:
    case JM_BOARD_HIT_CARD_HANDLE:
      {
        JmTouchpoint *touchpoint = jm_board_geometry_get_card (self->geometry, hit.card)->data;

        if (!g_hash_table_contains (self->selection, touchpoint))
          select_only (self, touchpoint);
        else
          {
            set_focus_card (self, touchpoint);
            selection_changed (self);
          }
      }
      break;
    case JM_BOARD_HIT_STAGE_HEADER:
      select_header (self, stage_at (self, hit.stage));
      break;
    case JM_BOARD_HIT_LANE_HEADER:
      select_header (self, lane_at (self, hit.lane));
      break;
    case JM_BOARD_HIT_CELL:
      self->cursor_stage = hit.stage;
      self->cursor_lane = hit.lane;
      select_only (self, NULL);
      break;
    case JM_BOARD_HIT_ADD_STAGE:
    case JM_BOARD_HIT_ADD_LANE:
    case JM_BOARD_HIT_CORNER:
    case JM_BOARD_HIT_NONE:
    default:
      break;
    }

  model = context_menu_model (hit.kind);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_motion_leave (JmCanvas *self)
{
  if (self->hover_card != NULL)
    {
      self->hover_card = NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ---------------------------------------------------------------- keyboard */

/* The cursor: the focused card, or an empty place in a cell. */
static int
cursor_index (JmCanvas *self)
{
  JmBoardCard *card = self->focus_card ? board_card (self, self->focus_card) : NULL;

  return card != NULL ? (int) card->index_in_cell : -1;
}

static void
focus_cell (JmCanvas *self,
            guint     stage,
            guint     lane,
            int       index)
{
  guint n = jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane);
  int k;

  self->cursor_stage = stage;
  self->cursor_lane = lane;
  if (n == 0)
    {
      self->focus_card = NULL;
      if (self->extending)
        selection_changed (self);
      else
        select_only (self, NULL);
      scroll_to_cell (self, stage, lane);
      return;
    }
  index = CLAMP (index, 0, (int) n - 1);
  k = jm_board_geometry_get_cell_card (self->geometry, stage, lane, index);
  if (self->extending)
    {
      /* Shift and an arrow: the selection grows to the next card. */
      g_hash_table_add (self->selection, jm_board_geometry_get_card (self->geometry, k)->data);
      set_focus_card (self, jm_board_geometry_get_card (self->geometry, k)->data);
      selection_changed (self);
    }
  else
    select_only (self, jm_board_geometry_get_card (self->geometry, k)->data);
  scroll_to_card (self, self->focus_card);
}

static void
select_step (JmCanvas *self,
             int       dx,
             int       dy)
{
  guint n_stages = self->stages->len, n_lanes = self->lanes->len;
  int index = cursor_index (self);
  guint stage = self->cursor_stage, lane = self->cursor_lane;

  ensure_layout (self);
  n_stages = self->stages->len;
  n_lanes = self->lanes->len;
  if (n_stages == 0 || n_lanes == 0)
    return;

  /* The first arrow press picks up the card under the keyboard cursor. */
  if (self->focus_card == NULL &&
      jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane) > 0)
    {
      focus_cell (self, stage, lane, 0);
      return;
    }

  if (dx != 0)
    {
      int target = (int) stage + dx;

      if (target < 0 || target >= (int) n_stages)
        return;
      focus_cell (self, target, lane, MAX (index, 0));
      return;
    }

  if (dy < 0 && index > 0)
    focus_cell (self, stage, lane, index - 1);
  else if (dy > 0 && index >= 0 &&
           index + 1 < (int) jm_board_geometry_get_cell_n_cards (self->geometry, stage, lane))
    focus_cell (self, stage, lane, index + 1);
  else if (dy < 0 && lane > 0)
    focus_cell (self, stage, lane - 1, G_MAXINT);
  else if (dy > 0 && lane + 1 < n_lanes)
    focus_cell (self, stage, lane + 1, 0);
}

/* Moves the selected cards as Alt and an arrow key do. Returns whether a
 * selected card is on the board to move. */
static gboolean
move_step (JmCanvas *self,
           int       dx,
           int       dy)
{
  g_autoptr(GPtrArray) cards = selection_in_order (self);
  JmBoardCard *anchor;
  int target_stage, target_lane;
  JmTouchpoint *before = NULL;
  guint n_stages = self->stages->len, n_lanes = self->lanes->len;

  ensure_layout (self);
  if (cards->len == 0)
    return FALSE;
  anchor = board_card (self, self->focus_card ? self->focus_card : g_ptr_array_index (cards, 0));
  if (anchor == NULL)
    return FALSE;

  /* Cards from several cells move a stage or a lane each, together. */
  if (spans_cells (self, cards))
    {
      if (clamp_group_offset (self, cards, &dx, &dy))
        gtk_widget_error_bell (GTK_WIDGET (self));
      move_group (self, cards, dx, dy, NULL, NULL);
      ensure_layout (self);
      set_focus_card (self, self->focus_card);
      if (self->focus_card != NULL)
        scroll_to_card (self, self->focus_card);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }

  target_stage = anchor->stage + dx;
  target_lane = anchor->lane;
  if (dx != 0)
    {
      if (target_stage < 0 || target_stage >= (int) n_stages)
        return TRUE;
      before = unselected_card_at (self, target_stage, target_lane, anchor->index_in_cell);
    }
  else
    {
      /* Up and down step over one card, then on into the next lane. */
      int index = (int) anchor->index_in_cell;
      int above = -1;
      guint n = jm_board_geometry_get_cell_n_cards (self->geometry, anchor->stage, anchor->lane);
      guint unselected_before = 0;

      for (int k = 0; k < index; k++)
        {
          JmBoardCard *card = jm_board_geometry_get_card (self->geometry,
                                                          jm_board_geometry_get_cell_card (self->geometry, anchor->stage, anchor->lane, k));
          if (!g_hash_table_contains (self->selection, card->data))
            {
              above = k;
              unselected_before++;
            }
        }
      if (dy < 0)
        {
          if (above >= 0)
            before = unselected_card_at (self, anchor->stage, anchor->lane, unselected_before - 1);
          else if (target_lane > 0)
            {
              target_lane--;
              before = NULL;
            }
          else
            return TRUE;
        }
      else
        {
          guint unselected_total = 0;

          for (guint k = 0; k < n; k++)
            {
              JmBoardCard *card = jm_board_geometry_get_card (self->geometry,
                                                              jm_board_geometry_get_cell_card (self->geometry, anchor->stage, anchor->lane, k));
              if (!g_hash_table_contains (self->selection, card->data))
                unselected_total++;
            }
          if (unselected_before < unselected_total)
            before = unselected_card_at (self, anchor->stage, anchor->lane, unselected_before + 1);
          else if (target_lane + 1 < (int) n_lanes)
            {
              target_lane++;
              before = unselected_card_at (self, target_stage, target_lane, 0);
            }
          else
            return TRUE;
        }
    }

  move_cards (self, cards, stage_at (self, target_stage), lane_at (self, target_lane), before);
  ensure_layout (self);
  set_focus_card (self, self->focus_card);
  if (self->focus_card != NULL)
    scroll_to_card (self, self->focus_card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* ---------------------------------------------------------------- actions */

static void
action_select (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  self->extending = g_str_has_prefix (name, "canvas.extend-");
  if (g_str_has_suffix (name, "-left"))
    select_step (self, -1, 0);
  else if (g_str_has_suffix (name, "-right"))
    select_step (self, 1, 0);
  else if (g_str_has_suffix (name, "-up"))
    select_step (self, 0, -1);
  else
    select_step (self, 0, 1);
  self->extending = FALSE;
}

static void
action_move (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (g_str_equal (name, "canvas.move-left"))
    move_step (self, -1, 0);
  else if (g_str_equal (name, "canvas.move-right"))
    move_step (self, 1, 0);
  else if (g_str_equal (name, "canvas.move-up"))
    move_step (self, 0, -1);
  else
    move_step (self, 0, 1);
}

static void
action_new_card (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  int index = cursor_index (self);

  ensure_layout (self);
  start_editing (self, NULL, self->cursor_stage, self->cursor_lane,
                 index >= 0 ? (guint) index + 1
                            : jm_board_geometry_get_cell_n_cards (self->geometry, self->cursor_stage,
                                                                  self->cursor_lane));
}

static void
action_edit (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->link_source != NULL && self->focus_card != NULL)
    {
      JmTouchpoint *source = self->link_source;

      self->link_source = NULL;
      add_link (self, source, self->focus_card);
      gtk_widget_queue_draw (widget);
    }
  else if (self->focus_card != NULL)
    start_editing (self, self->focus_card, 0, 0, 0);
  else if (JM_IS_STAGE (self->selected_object) || JM_IS_PERSONA (self->selected_object))
    start_editing (self, self->selected_object, 0, 0, 0);
  else
    action_new_card (widget, name, param);
}

static void
action_delete (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  delete_selection (JM_CANVAS (widget));
}

static void
action_link (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->link_source != NULL && self->focus_card != NULL && self->focus_card != self->link_source)
    {
      JmTouchpoint *source = self->link_source;

      self->link_source = NULL;
      add_link (self, source, self->focus_card);
    }
  else
    self->link_source = self->focus_card;
  gtk_widget_queue_draw (widget);
}

static void
copy_selection (JmCanvas *self)
{
  g_autoptr(GPtrArray) cards = selection_in_order (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (cards->len == 0)
    return;
  g_ptr_array_set_size (self->clipboard, 0);
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *touchpoint = g_ptr_array_index (cards, i);

      g_ptr_array_add (self->clipboard, clone_touchpoint (touchpoint, jm_touchpoint_get_id (touchpoint)));
      g_string_append_printf (text, "%s%s", i ? "\n" : "", jm_touchpoint_get_title (touchpoint));
    }
  /* Other applications get the titles as text; the board pastes whole cards. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
  update_actions (self);
}

static void
action_clipboard (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (g_str_equal (name, "canvas.copy"))
    copy_selection (self);
  else if (g_str_equal (name, "canvas.cut"))
    {
      copy_selection (self);
      if (g_hash_table_size (self->selection) > 0)
        {
          g_autoptr(GPtrArray) cards = selection_in_order (self);

          jm_map_begin (self->map, _("Cut"));
          for (guint i = 0; i < cards->len; i++)
            jm_map_remove_touchpoint (self->map, g_ptr_array_index (cards, i));
          jm_map_end (self->map);
        }
    }
  else if (g_str_equal (name, "canvas.paste"))
    {
      ensure_layout (self);
      insert_copies (self, self->clipboard, stage_at (self, self->cursor_stage),
                     lane_at (self, self->cursor_lane), FALSE, _("Paste"));
    }
  else if (g_str_equal (name, "canvas.duplicate"))
    {
      g_autoptr(GPtrArray) cards = selection_in_order (self);

      insert_copies (self, cards, NULL, NULL, TRUE, _("Duplicate"));
    }
}

static void
action_select_all (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  jm_canvas_select_all (JM_CANVAS (widget));
}

static void
action_zoom (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  double cx = gtk_widget_get_width (widget) / 2;
  double cy = gtk_widget_get_height (widget) / 2;

  if (g_str_equal (name, "canvas.zoom-in"))
    zoom_at (self, self->zoom * 1.25, cx, cy);
  else if (g_str_equal (name, "canvas.zoom-out"))
    zoom_at (self, self->zoom / 1.25, cx, cy);
  else if (g_str_equal (name, "canvas.zoom-reset"))
    zoom_at (self, 1.0, cx, cy);
  else
    jm_canvas_zoom_to_fit (self);
}

static void
action_cancel (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->drag_mode != DRAG_NONE)
    {
      /* Nothing was changed during the drag: drawing again restores the board. */
      self->drag_cancelled = TRUE;
      end_drag (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
    }
  else if (self->link_source != NULL)
    {
      self->link_source = NULL;
      gtk_widget_queue_draw (widget);
    }
  else
    select_only (self, NULL);
}

/* The context menu from the keyboard, at the focused card or cursor cell. */
static void
action_menu (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmBoardCard *focus;
  JmBoardRect rect;
  double x, y;

  ensure_layout (self);
  focus = self->focus_card != NULL ? board_card (self, self->focus_card) : NULL;
  if (focus != NULL)
    rect = focus->rect;
  else if (self->cursor_stage < self->stages->len && self->cursor_lane < self->lanes->len)
    jm_board_geometry_cell_rect (self->geometry, self->cursor_stage, self->cursor_lane, &rect);
  else
    return;
  _jm_canvas_board_to_widget (self, rect.x + 24, rect.y + 24, &x, &y);
  on_secondary_pressed (self, 1, x, y, GTK_GESTURE_CLICK (self->secondary));
}

static void
action_add_stage (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmStage *stage;

  stage = jm_map_add_stage (self->map, -1, _("New Stage"));
  self->layout_dirty = TRUE;
  select_header (self, stage);
  ensure_layout (self);
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_upper (self->hadjustment));
  if (gtk_widget_get_mapped (widget))
    start_editing (self, stage, 0, 0, 0);
}

static void
action_add_lane (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmPersona *persona;

  persona = jm_map_add_persona (self->map, -1, _("New Persona"));
  self->layout_dirty = TRUE;
  select_header (self, persona);
  ensure_layout (self);
  configure_adjustments (self);
  gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_upper (self->vadjustment));
  if (gtk_widget_get_mapped (widget))
    start_editing (self, persona, 0, 0, 0);
}

static void
update_actions (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_map = self->map != NULL;
  gboolean has_cells = has_map && self->stages->len > 0 && self->lanes->len > 0;
  gboolean has_cards = has_map && g_hash_table_size (self->selection) > 0;
  gboolean editing = self->editor != NULL;

  gtk_widget_action_set_enabled (widget, "canvas.move-left", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-right", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-up", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-down", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.new-card", has_cells && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.edit", has_cells && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.delete",
                                 has_map && !editing && (has_cards || self->selected_object != NULL));
  gtk_widget_action_set_enabled (widget, "canvas.link", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.copy", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.cut", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", has_cards && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.paste",
                                 has_cells && !editing && self->clipboard->len > 0);
  gtk_widget_action_set_enabled (widget, "canvas.add-stage", has_map);
  gtk_widget_action_set_enabled (widget, "canvas.add-lane", has_map);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_map && !editing);
}

/* ---------------------------------------------------------------- frame stats */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
print_percentiles (const char *what,
                   double     *values,
                   guint       n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  g_printerr ("%s median %.2f ms, p95 %.2f ms", what, values[n / 2], values[MIN (n - 1, n * 95 / 100)]);
}

static void
on_frame_clock_before_paint (JmCanvas *self)
{
  self->paint_start = g_get_monotonic_time ();
}

static void
on_frame_clock_after_paint (JmCanvas *self)
{
  JmCanvasFrameTime frame;
  const guint every = 60;

  if (self->paint_start == 0 || self->last_snapshot_ms < 0)
    return;
  frame.snapshot_ms = self->last_snapshot_ms;
  frame.paint_ms = (g_get_monotonic_time () - self->paint_start) / 1000.0;
  self->last_snapshot_ms = -1;
  g_array_append_val (self->frame_times, frame);

  if (self->frame_times->len % every == 0)
    {
      double paint[60], snap[60];

      for (guint i = 0; i < every; i++)
        {
          JmCanvasFrameTime *f = &g_array_index (self->frame_times, JmCanvasFrameTime,
                                                 self->frame_times->len - every + i);
          paint[i] = f->paint_ms;
          snap[i] = f->snapshot_ms;
        }
      g_printerr ("jm-canvas: last %u frames: ", every);
      print_percentiles ("snapshot", snap, every);
      g_printerr ("; ");
      print_percentiles ("paint", paint, every);
      g_printerr ("\n");
    }
}

/* ---------------------------------------------------------------- widget */

static void
on_adjustment_value_changed (JmCanvas *self)
{
  if (self->editor != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (JmCanvas       *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  configure_adjustments (self);
}

static void
jm_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  JmCanvas *self = JM_CANVAS (widget);

  ensure_view_layout (self);
  *minimum = 120;
  *natural = (int) ceil (orientation == GTK_ORIENTATION_HORIZONTAL
                         ? jm_board_geometry_get_width (self->geometry) * self->zoom
                         : jm_board_geometry_get_height (self->geometry) * self->zoom);
  *natural = MAX (*natural, *minimum);
}

static void
jm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  JmCanvas *self = JM_CANVAS (widget);

  ensure_view_layout (self);
  configure_adjustments (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (self->editor != NULL)
    {
      graphene_rect_t rect;
      int min_height;

      editor_rect (self, &rect);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->editor,
                                &(GtkAllocation) { (int) rect.origin.x, (int) rect.origin.y,
                                                   (int) rect.size.width,
                                                   MAX (min_height, (int) rect.size.height) },
                                -1);
    }
}

static void
jm_canvas_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (jm_canvas_parent_class)->css_changed (widget, change);
  update_style (JM_CANVAS (widget));
}

static void
on_dark_changed (JmCanvas *self)
{
  update_style (self);
}

static void
jm_canvas_realize (GtkWidget *widget)
{
  JmCanvas *self = JM_CANVAS (widget);

  GTK_WIDGET_CLASS (jm_canvas_parent_class)->realize (widget);
  if (self->frame_stats)
    {
      self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->before_paint_handler = g_signal_connect_swapped (self->frame_clock, "before-paint",
                                                       G_CALLBACK (on_frame_clock_before_paint), self);
      self->after_paint_handler = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                            G_CALLBACK (on_frame_clock_after_paint), self);
    }
}

static void
jm_canvas_unrealize (GtkWidget *widget)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->before_paint_handler, self->frame_clock);
      g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
      g_clear_object (&self->frame_clock);
    }
  GTK_WIDGET_CLASS (jm_canvas_parent_class)->unrealize (widget);
}

static void
on_focus_changed (JmCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
jm_canvas_dispose (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  if (self->editor != NULL)
    {
      self->edit_done = TRUE;
      g_clear_pointer (&self->editor, gtk_widget_unparent);
    }
  g_clear_handle_id (&self->editor_leave_id, g_source_remove);
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  g_clear_handle_id (&self->finish_heights_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  jm_canvas_set_map (self, NULL);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->selected_object);
  if (self->clipboard != NULL)
    g_ptr_array_set_size (self->clipboard, 0);

  G_OBJECT_CLASS (jm_canvas_parent_class)->dispose (object);
}

static void
jm_canvas_finalize (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  jm_board_geometry_free (self->geometry);
  g_ptr_array_unref (self->stages);
  g_ptr_array_unref (self->lanes);
  g_ptr_array_unref (self->watched);
  g_hash_table_unref (self->cards);
  g_clear_pointer (&self->images, jm_card_images_free);
  g_hash_table_unref (self->card_index);
  g_hash_table_unref (self->header_layouts);
  g_hash_table_unref (self->selection);
  g_array_unref (self->links);
  g_clear_pointer (&self->link_tiles, jm_card_images_free);
  g_ptr_array_unref (self->clipboard);
  g_array_unref (self->frame_times);
  g_free (self->edit_original);
  g_free (self->filter);
  g_free (self->filter_value);
  g_clear_pointer (&self->filter_names, g_hash_table_unref);
  g_free (self->colour_by_name);

  G_OBJECT_CLASS (jm_canvas_parent_class)->finalize (object);
}

static void
jm_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JmCanvas *self = JM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_SELECTED_OBJECT:
      g_value_set_object (value, self->selected_object);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;
    case PROP_COLOUR_BY:
      g_value_set_string (value, self->colour_by_name);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JmCanvas *self = JM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_canvas_set_map (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_OBJECT:
      jm_canvas_set_selected_object (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      jm_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FILTER:
      jm_canvas_set_filter (self, g_value_get_string (value));
      break;
    case PROP_COLOUR_BY:
      jm_canvas_set_colour_by (self, g_value_get_string (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
jm_canvas_get_border (GtkScrollable *scrollable,
                      GtkBorder     *border)
{
  return FALSE;
}

static void
jm_canvas_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = jm_canvas_get_border;
}

static void
add_action_with_keys (GtkWidgetClass             *widget_class,
                      const char                 *name,
                      GtkWidgetActionActivateFunc activate,
                      const guint                *keys,
                      const GdkModifierType      *mods,
                      guint                       n_keys)
{
  gtk_widget_class_install_action (widget_class, name, NULL, activate);
  for (guint i = 0; i < n_keys; i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i], mods[i], name, NULL);
}

#define KEYS(...) (const guint[]) { __VA_ARGS__ }
#define MODS(...) (const GdkModifierType[]) { __VA_ARGS__ }

static void
jm_canvas_class_init (JmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GdkModifierType ctrl = GDK_CONTROL_MASK, alt = GDK_ALT_MASK;
  const GdkModifierType ctrl_shift = GDK_CONTROL_MASK | GDK_SHIFT_MASK;

  object_class->dispose = jm_canvas_dispose;
  object_class->finalize = jm_canvas_finalize;
  object_class->get_property = jm_canvas_get_property;
  object_class->set_property = jm_canvas_set_property;

  widget_class->snapshot = jm_canvas_snapshot;
  widget_class->measure = jm_canvas_measure;
  widget_class->size_allocate = jm_canvas_size_allocate;
  widget_class->css_changed = jm_canvas_css_changed;
  widget_class->realize = jm_canvas_realize;
  widget_class->unrealize = jm_canvas_unrealize;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP, flags);
  /**
   * JmCanvas:selected-object:
   *
   * The touchpoint, stage or persona the inspector shows: the focused card
   * of the selection, or the selected header; %NULL when nothing is selected.
   */
  properties[PROP_SELECTED_OBJECT] =
    g_param_spec_object ("selected-object", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0, flags);
  /**
   * JmCanvas:filter:
   *
   * What stays bright while the rest of the board dims: "persona:ID",
   * "channel:ID", "team:NAME", "moments", or "" for everything.
   */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "", flags);
  /**
   * JmCanvas:colour-by:
   *
   * The score each card's strip shows in colour and number: "none",
   * "composite", or a measure's id such as "convenience".
   */
  properties[PROP_COLOUR_BY] =
    g_param_spec_string ("colour-by", NULL, NULL, "none", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /**
   * JmCanvas::selection-changed:
   *
   * Emitted when cards join or leave the selection, even if
   * #JmCanvas:selected-object stays: the inspector edits every selected card.
   */
  selection_changed_signal =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* Where an action has several keys, the last is the one menus show. */
  add_action_with_keys (widget_class, "canvas.select-left", action_select,
                        KEYS (GDK_KEY_KP_Left, GDK_KEY_Left), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.select-right", action_select,
                        KEYS (GDK_KEY_KP_Right, GDK_KEY_Right), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.select-up", action_select,
                        KEYS (GDK_KEY_KP_Up, GDK_KEY_Up), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.select-down", action_select,
                        KEYS (GDK_KEY_KP_Down, GDK_KEY_Down), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.extend-left", action_select,
                        KEYS (GDK_KEY_Left), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.extend-right", action_select,
                        KEYS (GDK_KEY_Right), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.extend-up", action_select,
                        KEYS (GDK_KEY_Up), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.extend-down", action_select,
                        KEYS (GDK_KEY_Down), MODS (GDK_SHIFT_MASK), 1);
  add_action_with_keys (widget_class, "canvas.move-left", action_move,
                        KEYS (GDK_KEY_Left, GDK_KEY_Left), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.move-right", action_move,
                        KEYS (GDK_KEY_Right, GDK_KEY_Right), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.move-up", action_move,
                        KEYS (GDK_KEY_Up, GDK_KEY_Up), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.move-down", action_move,
                        KEYS (GDK_KEY_Down, GDK_KEY_Down), MODS (alt, ctrl_shift), 2);
  add_action_with_keys (widget_class, "canvas.new-card", action_new_card,
                        KEYS (GDK_KEY_Insert, GDK_KEY_KP_Insert, GDK_KEY_n), MODS (0, 0, 0), 3);
  add_action_with_keys (widget_class, "canvas.edit", action_edit,
                        KEYS (GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_F2), MODS (0, 0, 0), 3);
  add_action_with_keys (widget_class, "canvas.delete", action_delete,
                        KEYS (GDK_KEY_KP_Delete, GDK_KEY_Delete), MODS (0, 0), 2);
  add_action_with_keys (widget_class, "canvas.link", action_link,
                        KEYS (GDK_KEY_l), MODS (0), 1);
  add_action_with_keys (widget_class, "canvas.copy", action_clipboard,
                        KEYS (GDK_KEY_c), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.cut", action_clipboard,
                        KEYS (GDK_KEY_x), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.paste", action_clipboard,
                        KEYS (GDK_KEY_v), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.duplicate", action_clipboard,
                        KEYS (GDK_KEY_d), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.select-all", action_select_all,
                        KEYS (GDK_KEY_a), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.zoom-in", action_zoom,
                        KEYS (GDK_KEY_equal, GDK_KEY_KP_Add, GDK_KEY_plus), MODS (ctrl, ctrl, ctrl), 3);
  add_action_with_keys (widget_class, "canvas.zoom-out", action_zoom,
                        KEYS (GDK_KEY_KP_Subtract, GDK_KEY_minus), MODS (ctrl, ctrl), 2);
  add_action_with_keys (widget_class, "canvas.zoom-reset", action_zoom,
                        KEYS (GDK_KEY_KP_0, GDK_KEY_0), MODS (ctrl, ctrl), 2);
  add_action_with_keys (widget_class, "canvas.zoom-fit", action_zoom,
                        KEYS (GDK_KEY_9), MODS (ctrl), 1);
  add_action_with_keys (widget_class, "canvas.cancel", action_cancel,
                        KEYS (GDK_KEY_Escape), MODS (0), 1);
  add_action_with_keys (widget_class, "canvas.menu", action_menu,
                        KEYS (GDK_KEY_Menu, GDK_KEY_F10), MODS (0, GDK_SHIFT_MASK), 2);
  gtk_widget_class_install_action (widget_class, "canvas.add-stage", NULL, action_add_stage);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", NULL, action_add_lane);

  gtk_widget_class_set_css_name (widget_class, "journey-board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jm_canvas_init (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->geometry = jm_board_geometry_new (NULL);
  self->stages = g_ptr_array_new_with_free_func (g_object_unref);
  self->lanes = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->cards = g_hash_table_new_full (NULL, NULL, NULL, card_entry_free);
  self->images = jm_card_images_new ();
  self->card_index = g_hash_table_new (NULL, NULL);
  self->header_layouts = g_hash_table_new_full (NULL, NULL, NULL, header_layouts_free);
  self->selection = g_hash_table_new (NULL, NULL);
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  self->link_tiles = jm_card_images_new ();
  self->clipboard = g_ptr_array_new_with_free_func (g_object_unref);
  self->frame_times = g_array_new (FALSE, FALSE, sizeof (JmCanvasFrameTime));
  self->frame_stats = g_getenv ("JM_CANVAS_FRAME_STATS") != NULL;
  self->last_snapshot_ms = -1;
  self->filter = g_strdup ("");
  self->colour_by = COLOUR_BY_NONE;
  self->colour_by_name = g_strdup ("none");
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey board"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Stages across, persona lanes down; arrow keys move between cards"),
                                  -1);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->drag = gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->click = gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->secondary = gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_pan_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->pan = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->pinch = gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_motion_leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  update_style (self);
  update_actions (self);
}

/* ---------------------------------------------------------------- public */

/**
 * jm_canvas_new:
 *
 * Returns: (transfer floating): a new, empty board
 */
GtkWidget *
jm_canvas_new (void)
{
  return g_object_new (JM_TYPE_CANVAS, NULL);
}

/**
 * jm_canvas_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_canvas_get_map (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->map;
}

void
jm_canvas_set_map (JmCanvas *self,
                   JmMap    *map)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->editor != NULL)
    stop_editing (self, FALSE);
  if (self->drag_mode != DRAG_NONE)
    {
      self->drag_cancelled = TRUE;
      end_drag (self);
    }
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_func (jm_map_get_stages (self->map), on_list_items_changed, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_personas (self->map), on_list_items_changed, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_touchpoints (self->map), on_list_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->map, on_map_notify_for_scores, self);
    }
  g_hash_table_remove_all (self->selection);
  unwatch_all (self);
  jm_board_geometry_reset (self->geometry, 0, 0);
  g_hash_table_remove_all (self->card_index);
  g_array_set_size (self->links, 0);
  jm_card_images_clear (self->link_tiles);
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->cards);
  g_hash_table_remove_all (self->header_layouts);
  g_ptr_array_set_size (self->clipboard, 0);
  self->focus_card = NULL;
  self->hover_card = NULL;
  self->link_source = NULL;
  self->cursor_stage = self->cursor_lane = 0;
  g_clear_object (&self->selected_object);

  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed",
                                G_CALLBACK (on_list_items_changed), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed",
                                G_CALLBACK (on_list_items_changed), self);
      g_signal_connect_swapped (jm_map_get_touchpoints (map), "items-changed",
                                G_CALLBACK (on_list_items_changed), self);
      g_signal_connect_swapped (map, "notify", G_CALLBACK (on_map_notify_for_scores), self);
    }
  self->layout_dirty = TRUE;
  self->defer_heights = map != NULL;
  if (self->hadjustment != NULL)
    {
      gtk_adjustment_set_value (self->hadjustment, 0);
      gtk_adjustment_set_value (self->vadjustment, 0);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_canvas_get_selected_object:
 *
 * Returns: (transfer none) (nullable): the selected #JmTouchpoint, #JmStage
 *   or #JmPersona
 */
gpointer
jm_canvas_get_selected_object (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->selected_object;
}

/**
 * jm_canvas_set_selected_object:
 * @object: (nullable): a touchpoint, stage or persona of the map, or %NULL
 *
 * Selects one object, as when the outline's selection changes; a card is
 * scrolled into view.
 */
void
jm_canvas_set_selected_object (JmCanvas *self,
                               gpointer  object)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (object == NULL || JM_IS_TOUCHPOINT (object) || JM_IS_STAGE (object) ||
                    JM_IS_PERSONA (object));

  if (object == self->selected_object &&
      (!JM_IS_TOUCHPOINT (object) || g_hash_table_size (self->selection) == 1))
    return;
  /* While the board moves cards, a list of them (the outline) may lose
   * and find its selected row again: the board keeps its own selection. */
  if (self->moving)
    return;

  if (JM_IS_TOUCHPOINT (object))
    {
      ensure_layout (self);
      select_only (self, object);
      scroll_to_card (self, object);
    }
  else
    select_header (self, object);
}

/**
 * jm_canvas_move_selection:
 * @dx: -1 or 1 to move the cards a stage back or on, else 0
 * @dy: -1 or 1 to move the cards up or down, else 0
 *
 * Moves the selected cards as Alt and an arrow key do on the board: cards
 * from several cells move together, as far as the board lets all of them.
 *
 * Returns: whether a selected card is on the board to move
 */
gboolean
jm_canvas_move_selection (JmCanvas *self,
                          int       dx,
                          int       dy)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (ABS (dx) + ABS (dy) == 1, FALSE);

  if (self->map == NULL)
    return FALSE;
  /* While a title is typed, the board's own keys move nothing either. */
  if (self->editor != NULL)
    return TRUE;
  return move_step (self, dx, dy);
}

/**
 * jm_canvas_commit_edit:
 *
 * Records what is typed in the in-place editor before the map is saved or
 * closed. A title being edited is in the map already; a card being created
 * is added now, and its editor closes.
 */
void
jm_canvas_commit_edit (JmCanvas *self)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  if (self->editor != NULL && !self->edit_done && self->edit_object == NULL)
    stop_editing (self, TRUE);
}

/**
 * jm_canvas_get_selection:
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the selected
 *   cards, in map order
 */
GPtrArray *
jm_canvas_get_selection (JmCanvas *self)
{
  GPtrArray *result;
  g_autoptr(GPtrArray) owned = NULL;

  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);

  owned = selection_in_order (self);
  result = g_ptr_array_new ();
  for (guint i = 0; i < owned->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (owned, i));
  return result;
}

void
jm_canvas_select_all (JmCanvas *self)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  ensure_layout (self);
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
    if (jm_board_geometry_get_card (self->geometry, i)->data != NULL)
      g_hash_table_add (self->selection, jm_board_geometry_get_card (self->geometry, i)->data);
  selection_changed (self);
}

double
jm_canvas_get_zoom (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 1.0);
  return self->zoom;
}

/**
 * jm_canvas_set_zoom:
 * @zoom: the scale, clamped to 0.1 – 3
 *
 * Zooms about the centre of the view.
 */
void
jm_canvas_set_zoom (JmCanvas *self,
                    double    zoom)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * jm_canvas_zoom_to_fit:
 *
 * Zooms so that the whole board is in view (never past 100%).
 */
void
jm_canvas_zoom_to_fit (JmCanvas *self)
{
  double width, height, zoom;

  g_return_if_fail (JM_IS_CANVAS (self));

  ensure_layout (self);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return;
  zoom = MIN (width / jm_board_geometry_get_width (self->geometry),
              height / jm_board_geometry_get_height (self->geometry));
  zoom_at (self, MIN (zoom, 1.0), 0, 0);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
}

const char *
jm_canvas_get_filter (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->filter;
}

/**
 * jm_canvas_set_filter:
 * @filter: (nullable): "persona:ID", "channel:NAME", "team:NAME", "moments",
 *   "solo:ID", or %NULL or "" to show every card fully
 *
 * Dims the cards that do not match, so that one persona, channel, team or
 * the moments of truth stand out; "solo:ID" shows that persona's lane
 * alone, leaving the other lanes out of view (the map is not changed).
 * Channel and team names match as jm_name_key() compares them, so
 * "team:Billing" finds "billing" too, and "channel:web" a typed "website".
 */
void
jm_canvas_set_filter (JmCanvas   *self,
                      const char *filter)
{
  FilterKind kind = FILTER_NONE;
  const char *value = NULL;

  g_return_if_fail (JM_IS_CANVAS (self));

  if (filter == NULL)
    filter = "";
  if (g_str_equal (filter, self->filter))
    return;

  if (g_str_has_prefix (filter, "persona:"))
    kind = FILTER_PERSONA, value = filter + strlen ("persona:");
  else if (g_str_has_prefix (filter, "channel:"))
    kind = FILTER_CHANNEL, value = filter + strlen ("channel:");
  else if (g_str_has_prefix (filter, "team:"))
    kind = FILTER_TEAM, value = filter + strlen ("team:");
  else if (g_str_has_prefix (filter, "solo:"))
    kind = FILTER_SOLO, value = filter + strlen ("solo:");
  else if (g_str_equal (filter, "moments"))
    kind = FILTER_MOMENTS;
  else if (*filter != '\0')
    {
      g_warning ("Unknown board filter “%s”", filter);
      return;
    }

  g_free (self->filter);
  self->filter = g_strdup (filter);
  g_free (self->filter_value);
  if (kind == FILTER_CHANNEL || kind == FILTER_TEAM)
    self->filter_value = jm_name_key (kind == FILTER_CHANNEL ? JM_NAME_CHANNEL : JM_NAME_TEAM, value);
  else
    self->filter_value = g_strdup (value);
  /* A blank name highlights no card. */
  if (self->filter_value == NULL && value != NULL)
    self->filter_value = g_strdup ("");
  g_clear_pointer (&self->filter_names, g_hash_table_unref);
  /* Showing one lane alone, or all again, changes which lanes are laid out. */
  if (kind == FILTER_SOLO || self->filter_kind == FILTER_SOLO)
    {
      self->layout_dirty = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  self->filter_kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * jm_canvas_get_stage_column:
 * @stage: a stage's position
 * @x: (out): where the stage's column starts, in the canvas's coordinates
 * @width: (out): how wide the column is drawn
 *
 * Where a stage's column is drawn now, at the zoom and scroll of the view,
 * so that what is drawn beside the board can line up with it.
 *
 * Returns: %TRUE if the board has a column for @stage
 */
gboolean
jm_canvas_get_stage_column (JmCanvas *self,
                            guint     stage,
                            double   *x,
                            double   *width)
{
  JmBoardRect rect;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (x != NULL && width != NULL, FALSE);

  /* Columns do not depend on the cards' heights. */
  ensure_view_layout (self);
  if (stage >= jm_board_geometry_get_n_stages (self->geometry))
    return FALSE;
  jm_board_geometry_stage_header_rect (self->geometry, stage, &rect);
  *x = rect.x * self->zoom - hvalue (self);
  *width = rect.width * self->zoom;
  return TRUE;
}

/**
 * jm_canvas_get_lane_header_width:
 *
 * Returns: how wide the lane headers are drawn at the left of the view, in
 *   the canvas's coordinates; the stage columns scroll under them
 */
double
jm_canvas_get_lane_header_width (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return metrics (self)->lane_header_width * self->zoom;
}

/* ---------------------------------------------------------------- private */

GtkGesture *
_jm_canvas_get_drag_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->drag;
}

GtkGesture *
_jm_canvas_get_click_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->click;
}

GtkGesture *
_jm_canvas_get_pan_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->pan;
}

GtkGesture *
_jm_canvas_get_zoom_gesture (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->pinch;
}

JmBoardGeometry *
_jm_canvas_get_geometry (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  ensure_layout (self);
  return self->geometry;
}

/* The board as last laid out, which before the first frame of a map may
 * hold cards out of view at an estimated height. */
JmBoardGeometry *
_jm_canvas_peek_geometry (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->geometry;
}

guint
_jm_canvas_get_n_estimated (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return self->n_estimated;
}

/* The card's rectangle in widget coordinates. */
gboolean
_jm_canvas_get_card_rect (JmCanvas        *self,
                          JmTouchpoint    *touchpoint,
                          graphene_rect_t *rect)
{
  JmBoardCard *card;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);

  card = board_card (self, touchpoint);
  if (card == NULL)
    return FALSE;
  graphene_rect_init (rect, card->rect.x * self->zoom - hvalue (self),
                      card->rect.y * self->zoom - vvalue (self),
                      card->rect.width * self->zoom, card->rect.height * self->zoom);
  return TRUE;
}

void
_jm_canvas_board_to_widget (JmCanvas *self,
                            double    board_x,
                            double    board_y,
                            double   *widget_x,
                            double   *widget_y)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  *widget_x = board_x * self->zoom - hvalue (self);
  *widget_y = board_y * self->zoom - vvalue (self);
}

GtkWidget *
_jm_canvas_get_editor (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->editor;
}

GArray *
_jm_canvas_get_frame_times (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->frame_times;
}

guint
_jm_canvas_get_n_cached_nodes (JmCanvas *self)
{
  GHashTableIter iter;
  CardEntry *entry;
  guint n = 0;

  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    n += entry->node != NULL || jm_card_images_contains (self->images, entry->touchpoint);
  return n;
}

guint
_jm_canvas_get_n_cached_images (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return jm_card_images_get_n (self->images);
}

gsize
_jm_canvas_get_image_bytes (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return jm_card_images_get_bytes (self->images);
}

/* Whether the highlight leaves the card undimmed. */
gboolean
_jm_canvas_is_highlighted (JmCanvas     *self,
                           JmTouchpoint *touchpoint)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (touchpoint), FALSE);
  return filter_matches (self, touchpoint);
}

/* Whether a zoom gesture's steps are still coming in, so that the cards
 * are drawn as vectors. */
gboolean
_jm_canvas_get_zoom_settling (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  return self->zoom_settle_id != 0;
}
