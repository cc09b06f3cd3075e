/* jm-board-page.h: a map's board, scores and outline, as a window shows them
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-canvas.h"
#include "jm-document.h"
#include "jm-inspector.h"
#include "jm-map-properties.h"
#include "jm-outline.h"
#include "jm-scores-view.h"

G_BEGIN_DECLS

#define JM_TYPE_BOARD_PAGE (jm_board_page_get_type ())
G_DECLARE_FINAL_TYPE (JmBoardPage, jm_board_page, JM, BOARD_PAGE, AdwBin)

GtkWidget       *jm_board_page_new                (void);
void             jm_board_page_set_document       (JmBoardPage *self,
                                                   JmDocument  *document);
void             jm_board_page_show_map           (JmBoardPage *self,
                                                   JmMap       *map,
                                                   gboolean     outline_later);
GActionGroup    *jm_board_page_get_actions        (JmBoardPage *self);
GMenuModel      *jm_board_page_get_menu           (JmBoardPage *self);

void             jm_board_page_remember_view      (JmBoardPage *self);
void             jm_board_page_flush_view         (JmBoardPage *self);
void             jm_board_page_restore_view       (JmBoardPage *self);

void             jm_board_page_walk               (JmBoardPage *self,
                                                   JmPersona   *persona);
JmPersona       *jm_board_page_get_walking        (JmBoardPage *self);

JmCanvas        *jm_board_page_get_canvas         (JmBoardPage *self);
JmOutline       *jm_board_page_get_outline        (JmBoardPage *self);
GtkBox          *jm_board_page_get_board_area     (JmBoardPage *self);
AdwViewStack    *jm_board_page_get_view_stack     (JmBoardPage *self);
JmScoresView    *jm_board_page_get_scores_view    (JmBoardPage *self);
JmInspector     *jm_board_page_get_inspector      (JmBoardPage *self);
JmMapProperties *jm_board_page_get_map_properties (JmBoardPage *self);

G_END_DECLS
