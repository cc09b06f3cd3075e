/* jm-board-page-private.h: what the board page's files share
 *
 * The page is written in two files: jm-board-page.c holds the page, its
 * panels, its view and its menu; jm-board-page-workshop.c the tools a
 * facilitator runs a workshop with (capture, scoring pass, room, present
 * mode).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-board-page.h"
#include "jm-capture-bar.h"
#include "jm-emotion-curve.h"
#include "jm-scoring-pass.h"
#include "jm-vote-bar.h"

G_BEGIN_DECLS

/* The inspector panel's width while it shows the map's fields. It used to
 * come from the inspector measured while out of view (its touchpoint page
 * at its shortest); that measurement took hundreds of label layouts per
 * frame, so the width it gave is now set, and the window folds the panel
 * at the same sizes as before. */
#define MAP_PANEL_WIDTH 449

struct _JmBoardPage
{
  AdwBin              parent_instance;

  JmDocument         *document;
  JmViewSettings     *settings;
  GSimpleActionGroup *actions;
  GMenuModel         *menu;
  char               *menu_key;

  /* Until the window's first frame is painted, some of the page waits: */
  gboolean            painted;
  gboolean            outline_after_frame;  /* the outline's map */
  gboolean            menu_stale;           /* the board menu's model */
  guint               after_frame_id;       /* the idle that catches up */
  guint               view_state_id;        /* remembers the view, after a pause */
  guint               narrow_id;            /* says the page folded, once allocated */
  gboolean            restoring_view;

  /* Walking the journey as one persona. */
  JmPersona          *walking;

  /* Present mode was asked for while the map was still being read. */
  gboolean            present_pending;

  /* Template children */
  AdwFlap            *flap;
  JmOutline          *outline;
  GtkMenuButton      *add_button;
  GMenuModel         *add_menu;
  GtkWidget          *move_up_button;
  GtkWidget          *move_down_button;
  GtkWidget          *rename_button;
  GtkWidget          *delete_button;
  GtkBox             *board_area;
  GtkWidget          *walk_bar;
  JmCaptureBar       *capture_bar;
  JmScoringPass      *scoring_pass;
  JmVoteBar          *vote_bar;
  GtkLabel           *walk_title;
  JmEmotionCurve     *walk_curve;
  AdwViewStack       *view_stack;
  AdwViewSwitcherBar *switcher_bar;
  AdwFlap            *inspector_flap;
  GtkStack           *inspector_stack;
  JmCanvas           *canvas;
  JmInspector        *inspector;       /* built when first needed */
  JmMapProperties    *map_properties;  /* built when first needed */
  JmScoresView       *scores_view;
  GtkWidget          *legend_box;
  GtkLabel           *legend_title;
  GtkWidget          *zoom_out_button;
  GtkWidget          *zoom_reset_button;
  GtkWidget          *zoom_in_button;
  GtkWidget          *zoom_fit_button;
  GtkWidget          *room_panel;      /* weak: the window shows it */
};

static inline JmMap *
_jm_board_page_map (JmBoardPage *self)
{
  return self->document != NULL ? jm_document_get_map (self->document) : NULL;
}

void     _jm_board_page_workshop_class_init (GtkWidgetClass *widget_class);
void     _jm_board_page_workshop_add_actions (JmBoardPage   *self);
void     _jm_board_page_update_capture_target (JmBoardPage  *self);
gboolean _jm_board_page_present_when_shown  (gpointer        data);

G_END_DECLS
