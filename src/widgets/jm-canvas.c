/* jm-canvas.c: the workshop board, stages across and persona lanes down
 *
 * One widget draws the whole board in snapshot(). The layout lives in a
 * JmBoardGeometry (plain C, tested without a display); the widget fills it
 * from the map whenever the map's lists or a card's content change, and keeps
 * one render node per card, rebuilt only when that card changes. Each frame
 * appends the cached nodes of the cards in view and nothing else, so dragging
 * one card over a board of thousands costs what is on screen.
 *
 * The model is never touched while a gesture is in progress: a drag only
 * moves a preview, and the drop is one command on the history (so Escape
 * restores the board by drawing it again).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"

#define ZOOM_MIN 0.1
#define ZOOM_MAX 3.0
#define SIMPLE_BELOW 0.45     /* below this zoom a card is one plain rectangle */
#define DRAG_THRESHOLD 6.0
#define AUTOSCROLL_EDGE 36.0

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
} FilterKind;

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
  GPtrArray       *stages;        /* JmStage, in column order */
  GPtrArray       *lanes;         /* JmPersona, visible lanes only */
  GHashTable      *cards;         /* JmTouchpoint -> CardEntry */
  GHashTable      *card_index;    /* JmTouchpoint -> geometry index + 1 */
  GArray          *links;         /* Link between geometry indices */
  GPtrArray       *watched;       /* stages and personas whose notify we follow */
  GHashTable      *header_layouts; /* JmStage or JmPersona -> PangoLayout */

  JmCardStyle      style;

  /* Selection and keyboard cursor. */
  GHashTable      *selection;     /* set of JmTouchpoint */
  gpointer         selected_object;
  JmTouchpoint    *focus_card;
  guint            cursor_stage;
  guint            cursor_lane;
  JmTouchpoint    *hover_card;
  JmTouchpoint    *link_source;   /* keyboard linking in progress */

  /* The gesture in progress. */
  GtkGesture      *drag;
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

  /* In-place title editing. */
  GtkWidget       *editor;
  JmTouchpoint    *edit_card;     /* NULL while creating a card */
  guint            edit_stage, edit_lane, edit_index;
  gboolean         edit_done;

  /* Dimming by filter. */
  FilterKind       filter_kind;
  char            *filter;
  char            *filter_value;

  /* The clipboard of copied cards (each a detached JmTouchpoint). */
  GPtrArray       *clipboard;

  /* Optional frame timing. */
  gboolean         frame_stats;
  GArray          *frame_times;
  gint64           paint_start;
  double           last_snapshot_ms;
  gulong           layout_handler, after_paint_handler;
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
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void relayout (JmCanvas *self);
static void update_actions (JmCanvas *self);
static void stop_editing (JmCanvas *self, gboolean commit);
static void scroll_to_card (JmCanvas *self, JmTouchpoint *touchpoint);

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

static void
ensure_layout (JmCanvas *self)
{
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
}

static gboolean
filter_matches (JmCanvas     *self,
                JmTouchpoint *touchpoint)
{
  switch (self->filter_kind)
    {
    case FILTER_PERSONA:
      return g_strcmp0 (jm_touchpoint_get_lane_id (touchpoint), self->filter_value) == 0;
    case FILTER_CHANNEL:
      return g_strcmp0 (jm_touchpoint_get_channel (touchpoint), self->filter_value) == 0;
    case FILTER_TEAM:
      return g_strv_contains (jm_touchpoint_get_teams (touchpoint), self->filter_value);
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
