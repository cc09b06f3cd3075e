/* jm-vote-bar.h: the open round of dot voting, above the board
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_VOTE_BAR (jm_vote_bar_get_type ())
G_DECLARE_FINAL_TYPE (JmVoteBar, jm_vote_bar, JM, VOTE_BAR, GtkWidget)

GtkWidget  *jm_vote_bar_new          (void);

void        jm_vote_bar_set_map      (JmVoteBar    *self,
                                      JmMap        *map);
const char *jm_vote_bar_get_voter    (JmVoteBar    *self);
void        jm_vote_bar_set_voter    (JmVoteBar    *self,
                                      const char   *voter);
gboolean    jm_vote_bar_place_dot    (JmVoteBar    *self,
                                      JmTouchpoint *touchpoint,
                                      gboolean      take_back);
void        jm_vote_bar_ask_start    (JmVoteBar    *self);
void        jm_vote_bar_install      (JmVoteBar    *self,
                                      GActionMap   *actions,
                                      GtkWidget    *board);

G_END_DECLS
