/* jm-board-geometry.h: where stages, lanes and cards sit on the board
 *
 * Plain arithmetic over rectangles, with no display: the canvas fills one
 * geometry from the map, and hit testing, drop targets and culling are
 * answered here, so they are tested without a window.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} JmBoardRect;

typedef struct
{
  double stage_header_height;
  double lane_header_width;
  double card_width;
  double card_gap;
  double cell_padding;
  double min_cell_height;
  double add_size;        /* the "+" column after the stages and row after the lanes */
  double handle_radius;   /* the link handle on a card's right edge */
} JmBoardMetrics;

typedef enum {
  JM_BOARD_HIT_NONE,
  JM_BOARD_HIT_CORNER,
  JM_BOARD_HIT_STAGE_HEADER,
  JM_BOARD_HIT_LANE_HEADER,
  JM_BOARD_HIT_ADD_STAGE,
  JM_BOARD_HIT_ADD_LANE,
  JM_BOARD_HIT_CELL,
  JM_BOARD_HIT_CARD,
  JM_BOARD_HIT_CARD_HANDLE,
} JmBoardHitKind;

typedef struct
{
  JmBoardHitKind kind;
  int            stage;          /* -1 if none */
  int            lane;           /* -1 if none */
  int            card;           /* an index for jm_board_geometry_get_card(), -1 if none */
  int            index_in_cell;  /* the card's place in its cell, -1 if none */
} JmBoardHit;

/* A card being dragged is left out when drop targets are computed. */
#define JM_BOARD_CARD_DRAGGED (1u << 0)

typedef struct
{
  guint       stage;
  guint       lane;
  guint       index_in_cell;
  guint       flags;
  JmBoardRect rect;
  gpointer    data;
} JmBoardCard;

/* A link's path: straight runs joined at right angles, from the middle of
 * the first card's right edge to the left edge of the second, where its
 * arrow head goes. */
#define JM_BOARD_ROUTE_MAX_POINTS 6

typedef struct
{
  guint  n_points;
  double x[JM_BOARD_ROUTE_MAX_POINTS];
  double y[JM_BOARD_ROUTE_MAX_POINTS];
} JmBoardRoute;

typedef struct _JmBoardGeometry JmBoardGeometry;

void                jm_board_metrics_init_default      (JmBoardMetrics        *metrics);

JmBoardGeometry    *jm_board_geometry_new              (const JmBoardMetrics  *metrics);
void                jm_board_geometry_free             (JmBoardGeometry       *self);
const JmBoardMetrics *jm_board_geometry_get_metrics    (JmBoardGeometry       *self);

void                jm_board_geometry_reset            (JmBoardGeometry       *self,
                                                        guint                  n_stages,
                                                        guint                  n_lanes);
guint               jm_board_geometry_add_card         (JmBoardGeometry       *self,
                                                        guint                  stage,
                                                        guint                  lane,
                                                        double                 height,
                                                        gpointer               data);
void                jm_board_geometry_layout           (JmBoardGeometry       *self);

guint               jm_board_geometry_get_n_stages     (JmBoardGeometry       *self);
guint               jm_board_geometry_get_n_lanes      (JmBoardGeometry       *self);
guint               jm_board_geometry_get_n_cards      (JmBoardGeometry       *self);
JmBoardCard        *jm_board_geometry_get_card         (JmBoardGeometry       *self,
                                                        guint                  card);
guint               jm_board_geometry_get_cell_n_cards (JmBoardGeometry       *self,
                                                        guint                  stage,
                                                        guint                  lane);
int                 jm_board_geometry_get_cell_card    (JmBoardGeometry       *self,
                                                        guint                  stage,
                                                        guint                  lane,
                                                        guint                  index_in_cell);
double              jm_board_geometry_get_width        (JmBoardGeometry       *self);
double              jm_board_geometry_get_height       (JmBoardGeometry       *self);

void                jm_board_geometry_stage_header_rect (JmBoardGeometry      *self,
                                                        guint                  stage,
                                                        JmBoardRect           *rect);
void                jm_board_geometry_lane_header_rect (JmBoardGeometry       *self,
                                                        guint                  lane,
                                                        JmBoardRect           *rect);
void                jm_board_geometry_cell_rect        (JmBoardGeometry       *self,
                                                        guint                  stage,
                                                        guint                  lane,
                                                        JmBoardRect           *rect);
void                jm_board_geometry_add_stage_rect   (JmBoardGeometry       *self,
                                                        JmBoardRect           *rect);
void                jm_board_geometry_add_lane_rect    (JmBoardGeometry       *self,
                                                        JmBoardRect           *rect);
void                jm_board_geometry_handle_center    (JmBoardGeometry       *self,
                                                        guint                  card,
                                                        double                *x,
                                                        double                *y);
void                jm_board_geometry_link_route       (JmBoardGeometry       *self,
                                                        guint                  from,
                                                        guint                  to,
                                                        JmBoardRoute          *route);
void                jm_board_route_bounds              (const JmBoardRoute    *route,
                                                        JmBoardRect           *bounds);

void                jm_board_geometry_hit              (JmBoardGeometry       *self,
                                                        double                 x,
                                                        double                 y,
                                                        JmBoardHit            *hit);
gboolean            jm_board_geometry_cell_at          (JmBoardGeometry       *self,
                                                        double                 x,
                                                        double                 y,
                                                        gboolean               clamp,
                                                        guint                 *stage,
                                                        guint                 *lane);
gboolean            jm_board_geometry_drop_target      (JmBoardGeometry       *self,
                                                        double                 x,
                                                        double                 y,
                                                        guint                 *stage,
                                                        guint                 *lane,
                                                        guint                 *index_in_cell,
                                                        JmBoardRect           *indicator);
guint               jm_board_geometry_stage_slot       (JmBoardGeometry       *self,
                                                        double                 x,
                                                        JmBoardRect           *indicator);
guint               jm_board_geometry_lane_slot        (JmBoardGeometry       *self,
                                                        double                 y,
                                                        JmBoardRect           *indicator);
guint               jm_board_slot_to_position          (guint                  from,
                                                        guint                  slot);
void                jm_board_geometry_cards_in_rect    (JmBoardGeometry       *self,
                                                        const JmBoardRect     *rect,
                                                        GArray                *cards);

gboolean            jm_board_rect_intersects           (const JmBoardRect     *a,
                                                        const JmBoardRect     *b);
gboolean            jm_board_segment_intersects_rect (double               x0,
                                                        double                 y0,
                                                        double                 x1,
                                                        double                 y1,
                                                        const JmBoardRect     *rect);
gboolean            jm_board_rect_contains             (const JmBoardRect     *rect,
                                                        double                 x,
                                                        double                 y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmBoardGeometry, jm_board_geometry_free)

G_END_DECLS
