/* jm-canvas-internal.h: what the board's own files share
 *
 * JmCanvas is one type split by concern across jm-canvas-*.c; they share
 * its struct and these functions, and nothing else includes this header
 * (tests reach the board through jm-canvas-private.h).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-board-model.h"
#include "jm-card-render.h"
#include "jm-text-measure.h"
#include "jm-card-images.h"
#include "jm-names.h"
#include "jm-persona-file.h"
#include "jm-view-settings.h"
#include "jm-persona-picture.h"
#include "jm-scoring.h"

G_BEGIN_DECLS

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
  GArray          *links;         /* JmBoardLink between geometry indices */
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
  JmSelection     *shared;        /* the window's, with the outline and inspector */
  gboolean         syncing;       /* between the board's selection and shared */

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

  /* How the board is viewed: the highlight, the persona walked and the
   * colouring are read from it; the fields below follow it. */
  JmViewSettings  *settings;
  /* Dimming by filter. */
  FilterKind       filter_kind;
  char            *filter;        /* in words, for jm_canvas_get_filter() */
  char            *filter_value;  /* for a channel or team, its jm_name_key() */
  GHashTable      *filter_names;  /* spelling -> whether it names filter_value */

  /* Colouring by score. */
  int              colour_by;

  /* Cards marked by a comparison (jm-canvas-marks.c): JmTouchpoint ->
   * its mark; NULL until a card is first marked. */
  GHashTable      *card_marks;

  /* The cards this board last copied (each a detached JmTouchpoint), and
   * what it put on the clipboard then (jm-canvas-clipboard.c). */
  GPtrArray       *clipboard;
  GdkContentProvider *clipboard_content;

  /* Optional frame timing. */
  gboolean         frame_stats;
  GArray          *frame_times;
  gint64           paint_start;
  double           last_snapshot_ms;
  gulong           before_paint_handler, after_paint_handler;
  GdkFrameClock   *frame_clock;
};

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

void _jm_canvas_notify (JmCanvas *self,
                        guint     prop_id);

/* jm-canvas.c */
JmBoardCard *_jm_canvas_board_card (JmCanvas     *self,
                                    JmTouchpoint *touchpoint);
void _jm_canvas_ensure_layout (JmCanvas *self);
void _jm_canvas_ensure_view_layout (JmCanvas *self);
gboolean _jm_canvas_filter_matches (JmCanvas     *self,
                                    JmTouchpoint *touchpoint);
void _jm_canvas_hit_at (JmCanvas   *self,
                        double      x,
                        double      y,
                        JmBoardHit *hit);
double _jm_canvas_hvalue (JmCanvas *self);
const JmBoardMetrics *_jm_canvas_metrics (JmCanvas *self);
JmPersona *_jm_canvas_persona_of (JmCanvas     *self,
                                  JmTouchpoint *touchpoint);
void _jm_canvas_select_header (JmCanvas *self,
                               gpointer  object);
void _jm_canvas_select_only (JmCanvas     *self,
                             JmTouchpoint *touchpoint);
void _jm_canvas_selection_changed (JmCanvas *self);
void _jm_canvas_push_selection (JmCanvas *self);
GPtrArray *_jm_canvas_selection_in_order (JmCanvas *self);
void _jm_canvas_set_focus_card (JmCanvas     *self,
                                JmTouchpoint *touchpoint);
double _jm_canvas_vvalue (JmCanvas *self);
void _jm_canvas_widget_to_board (JmCanvas *self,
                                 double    x,
                                 double    y,
                                 double   *bx,
                                 double   *by);

/* jm-canvas-layout.c */
CardEntry *_jm_canvas_card_entry (JmCanvas     *self,
                                  JmTouchpoint *touchpoint);
void _jm_canvas_card_entry_free (gpointer data);
GskRenderNode *_jm_canvas_card_image (JmCanvas     *self,
                                      JmTouchpoint *touchpoint,
                                      double        height,
                                      double        zoom,
                                      int           scale,
                                      gsize        *bytes);
GskRenderNode *_jm_canvas_card_node (JmCanvas     *self,
                                     JmTouchpoint *touchpoint,
                                     double        height);
gboolean _jm_canvas_finish_heights_cb (gpointer data);
PangoLayout *_jm_canvas_header_layout_new (JmCanvas *self,
                                           double    scale);
HeaderLayouts *_jm_canvas_header_layouts (JmCanvas *self,
                                          GObject  *object);
void _jm_canvas_header_layouts_free (gpointer data);
void _jm_canvas_on_votes_changed (JmCanvas   *self,
                                  const char *touchpoint_id);
void _jm_canvas_invalidate_cards (JmCanvas *self,
                                  gboolean  heights);
void _jm_canvas_on_list_items_changed (JmCanvas *self);
void _jm_canvas_relayout (JmCanvas *self);
void _jm_canvas_unwatch_all (JmCanvas *self);
void _jm_canvas_update_style (JmCanvas *self);

/* jm-canvas-draw.c */
void _jm_canvas_draw_score_strip (JmCanvas     *self,
                                  cairo_t      *cr,
                                  JmTouchpoint *touchpoint,
                                  double        width,
                                  double        height);
void _jm_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot);
void _jm_canvas_on_map_notify_for_scores (JmCanvas   *self,
                                          GParamSpec *pspec);
double _jm_canvas_score_strip_height (JmCanvas *self);

/* jm-canvas-links.c */
void _jm_canvas_add_link (JmCanvas     *self,
                          JmTouchpoint *from,
                          JmTouchpoint *to);
void _jm_canvas_draw_links (JmCanvas          *self,
                            GtkSnapshot       *snapshot,
                            const JmBoardRect *visible);
void _jm_canvas_draw_pending_link (JmCanvas    *self,
                                   GtkSnapshot *snapshot,
                                   JmTouchpoint *source,
                                   double       x1,
                                   double       y1);

/* jm-canvas-actions.c */
JmPersona *_jm_canvas_lane_at (JmCanvas *self,
                               guint     index);
void _jm_canvas_move_cards (JmCanvas     *self,
                            GPtrArray    *cards,
                            JmStage      *stage,
                            JmPersona    *persona,
                            JmTouchpoint *before);
gboolean _jm_canvas_move_group (JmCanvas     *self,
                                GPtrArray    *cards,
                                int           dx,
                                int           dy,
                                JmTouchpoint *anchor,
                                JmTouchpoint *anchor_before);
gboolean _jm_canvas_spans_cells (JmCanvas  *self,
                                 GPtrArray *cards);
JmStage *_jm_canvas_stage_at (JmCanvas *self,
                              guint     index);
JmTouchpoint *_jm_canvas_unselected_card_at (JmCanvas *self,
                                             guint     stage,
                                             guint     lane,
                                             guint     index_in_cell);
void _jm_canvas_update_actions (JmCanvas *self);
void _jm_canvas_clipboard_init (JmCanvas *self);
void _jm_canvas_clipboard_forget (JmCanvas *self);
gboolean _jm_canvas_can_paste (JmCanvas *self);
void _jm_canvas_copy (JmCanvas *self);
void _jm_canvas_select_copies (JmCanvas  *self,
                               GPtrArray *added);
void _jm_canvas_paste (JmCanvas *self);
void _jm_canvas_copy_image (JmCanvas *self);
void _jm_canvas_class_init_actions (GtkWidgetClass *widget_class);

/* jm-canvas-editor.c */
void _jm_canvas_editor_rect (JmCanvas        *self,
                             graphene_rect_t *rect);
void _jm_canvas_start_editing (JmCanvas *self,
                               gpointer  object,
                               guint     stage,
                               guint     lane,
                               guint     index);
void _jm_canvas_stop_editing (JmCanvas *self,
                              gboolean  commit);

/* jm-canvas-scroll.c */
void _jm_canvas_configure_adjustments (JmCanvas *self);
void _jm_canvas_on_pan_begin (JmCanvas *self);
void _jm_canvas_on_pan_end (JmCanvas *self);
void _jm_canvas_on_pan_update (JmCanvas *self,
                               double    dx,
                               double    dy);
gboolean _jm_canvas_on_scroll (JmCanvas                 *self,
                               double                    dx,
                               double                    dy,
                               GtkEventControllerScroll *controller);
void _jm_canvas_on_zoom_begin (JmCanvas *self);
void _jm_canvas_on_zoom_scale_changed (JmCanvas       *self,
                                       double          scale,
                                       GtkGestureZoom *gesture);
void _jm_canvas_scroll_to_card (JmCanvas     *self,
                                JmTouchpoint *touchpoint);
void _jm_canvas_scroll_to_cell (JmCanvas *self,
                                guint     stage,
                                guint     lane);
void _jm_canvas_scroll_to_rect (JmCanvas          *self,
                                const JmBoardRect *rect,
                                double             margin);
void _jm_canvas_zoom_at (JmCanvas *self,
                         double    zoom,
                         double    x,
                         double    y);

/* jm-canvas-drag.c */
void _jm_canvas_end_drag (JmCanvas *self);
void _jm_canvas_on_click_pressed (JmCanvas        *self,
                                  int              n_press,
                                  double           x,
                                  double           y,
                                  GtkGestureClick *gesture);
void _jm_canvas_on_click_released (JmCanvas        *self,
                                   int              n_press,
                                   double           x,
                                   double           y,
                                   GtkGestureClick *gesture);
void _jm_canvas_on_drag_begin (JmCanvas       *self,
                               double          x,
                               double          y,
                               GtkGestureDrag *gesture);
void _jm_canvas_on_drag_end (JmCanvas       *self,
                             double          dx,
                             double          dy,
                             GtkGestureDrag *gesture);
void _jm_canvas_on_drag_update (JmCanvas       *self,
                                double          dx,
                                double          dy,
                                GtkGestureDrag *gesture);
void _jm_canvas_on_motion (JmCanvas *self,
                           double    x,
                           double    y);
void _jm_canvas_on_motion_leave (JmCanvas *self);
void _jm_canvas_on_secondary_pressed (JmCanvas        *self,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      GtkGestureClick *gesture);

/* jm-canvas-keyboard.c */
int _jm_canvas_cursor_index (JmCanvas *self);
gboolean _jm_canvas_move_step (JmCanvas *self,
                               int       dx,
                               int       dy);
void _jm_canvas_select_step (JmCanvas *self,
                             int       dx,
                             int       dy);

/* jm-canvas-marks.c */
void _jm_canvas_draw_card_marks (JmCanvas    *self,
                                 GtkSnapshot *snapshot,
                                 GArray      *cards);

/* jm-canvas-stats.c */
void _jm_canvas_on_frame_clock_after_paint (JmCanvas *self);
void _jm_canvas_on_frame_clock_before_paint (JmCanvas *self);


G_END_DECLS
