/* jm-board-host.h: what the persona and export commands need from the
 * widget that shows a board
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jm-canvas.h"
#include "jm-document.h"
#include "jm-outline.h"

G_BEGIN_DECLS

#define JM_TYPE_BOARD_HOST (jm_board_host_get_type ())
G_DECLARE_INTERFACE (JmBoardHost, jm_board_host, JM, BOARD_HOST, GtkWidget)

struct _JmBoardHostInterface
{
  GTypeInterface parent_iface;

  JmDocument *(*get_document)   (JmBoardHost *self);
  GtkBox     *(*get_board_area) (JmBoardHost *self);
  JmOutline  *(*get_outline)    (JmBoardHost *self);
  JmCanvas   *(*get_canvas)     (JmBoardHost *self);
  void        (*show_error)     (JmBoardHost *self,
                                 const char  *heading,
                                 const char  *body);
  void        (*walk)           (JmBoardHost *self,
                                 JmPersona   *persona);
  JmPersona  *(*get_walking)    (JmBoardHost *self);
  void        (*open_map)       (JmBoardHost *self,
                                 JmMap       *map);
};

JmDocument *jm_board_host_get_document   (JmBoardHost *self);
JmMap      *jm_board_host_get_map        (JmBoardHost *self);
GFile      *jm_board_host_get_file       (JmBoardHost *self);
GtkBox     *jm_board_host_get_board_area (JmBoardHost *self);
JmOutline  *jm_board_host_get_outline    (JmBoardHost *self);
JmCanvas   *jm_board_host_get_canvas     (JmBoardHost *self);
GtkWindow  *jm_board_host_get_window     (JmBoardHost *self);
void        jm_board_host_show_error     (JmBoardHost *self,
                                          const char  *heading,
                                          const char  *body);
void        jm_board_host_show_toast     (JmBoardHost *self,
                                          const char  *title);
void        jm_board_host_open_map       (JmBoardHost *self,
                                          JmMap       *map);
void        jm_board_host_walk           (JmBoardHost *self,
                                          JmPersona   *persona);
JmPersona  *jm_board_host_get_walking    (JmBoardHost *self);

G_END_DECLS
