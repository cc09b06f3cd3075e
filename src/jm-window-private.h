/* jm-window-private.h: the parts of JmWindow shared by its own files
 *
 * The window is one type in three files: jm-window.c builds it and shows
 * its document in its pages; jm-window-files.c opens, saves, recovers and
 * closes that document, asking what needs asking; jm-window-actions.c
 * holds the win.* actions and decides when each is enabled.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-board-page.h"
#include "jm-document.h"
#include "jm-timer-button.h"
#include "jm-window.h"

G_BEGIN_DECLS

struct _JmWindow
{
  AdwApplicationWindow  parent_instance;

  JmDocument           *document;
  GSettings            *settings;

  /* Set once the user chose to close despite unsaved changes, or after the
   * save that a close asked for. */
  gboolean              close_confirmed;
  gboolean              close_after_save;
  GtkWidget            *unsaved_dialog;   /* weak */
  guint                 present_source;
  /* The outline's rows wait for the first frame of a window opened for
   * a map: set while that map is being shown. */
  gboolean              outline_after_frame;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwViewSwitcher      *header_switcher;
  GtkMenuButton        *new_button;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GtkWidget            *open_button;
  GtkWidget            *sidebar_button;
  GtkWidget            *save_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkStack             *stack;
  GtkWidget            *start_page;
  JmBoardPage          *board_page;
  /* The board page's, for the window's actions. */
  JmCanvas             *canvas;
  JmOutline            *outline;
  GtkWidget            *inspector_button;
  GtkMenuButton        *board_menu_button;
  GtkWidget            *present_button;
  JmTimerButton        *timer_button;

  /* Answers to the questions before a save. */
  gboolean              overwrite_confirmed;
  gboolean              read_only_confirmed;
};

/* For the window's files and for tests. */
JmMap           *jm_window_get_map            (JmWindow      *self);
void             jm_window_set_map            (JmWindow      *self,
                                               JmMap         *map,
                                               GFile         *file);
void             jm_window_set_file           (JmWindow      *self,
                                               GFile         *file);
void             jm_window_open_sample        (JmWindow      *self,
                                               const char    *resource_path);
JmWindow        *jm_window_recover_draft      (JmWindow      *self,
                                               const char    *id,
                                               GError       **error);
void             jm_window_show_error         (JmWindow      *self,
                                               const char    *heading,
                                               const char    *body);
JmCanvas        *jm_window_get_canvas         (JmWindow      *self);
JmOutline       *jm_window_get_outline        (JmWindow      *self);
GtkBox          *jm_window_get_board_area     (JmWindow      *self);
JmScoresView    *jm_window_get_scores_view    (JmWindow      *self);
JmInspector     *jm_window_get_inspector      (JmWindow      *self);
JmMapProperties *jm_window_get_map_properties (JmWindow      *self);
AdwViewStack    *jm_window_get_view_stack     (JmWindow      *self);

void _jm_window_actions_install     (GtkWidgetClass *widget_class);
void _jm_window_update_actions      (JmWindow       *self);
void _jm_window_open_file           (JmWindow       *self,
                                     GFile          *file);
void _jm_window_new_from_template   (JmWindow       *self,
                                     const char     *template_id);
void _jm_window_save                (JmWindow       *self);
void _jm_window_save_as             (JmWindow       *self);
void _jm_window_ask_about_unsaved   (JmWindow       *self);
void _jm_window_set_document        (JmWindow       *self,
                                     JmDocument     *document);
void _jm_window_update_title        (JmWindow       *self);
char *_jm_window_display_name       (JmWindow       *self);

G_END_DECLS
