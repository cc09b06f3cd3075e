/* jm-window-private.h: the parts of JmWindow shared by its own files
 *
 * The window is one type in two files: jm-window.c builds it and shows
 * its document; jm-window-actions.c holds the win.* actions and decides
 * when each is enabled.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-document.h"
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
  /* Until the window's first frame is painted, some of it waits: */
  gboolean              painted;
  gboolean              outline_after_frame;  /* the outline's map */
  gboolean              board_menu_stale;     /* the board menu's model */
  guint                 after_frame_id;       /* the idle that catches up */
  guint                 view_state_id;        /* remembers the view, after a pause */
  gboolean              restoring_view;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwViewSwitcher      *header_switcher;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *new_button;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *add_button;
  GMenuModel           *primary_menu;
  GMenuModel           *add_menu;
  GtkWidget            *open_button;
  GtkWidget            *sidebar_button;
  GtkWidget            *save_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *move_up_button;
  GtkWidget            *move_down_button;
  GtkWidget            *rename_button;
  GtkWidget            *delete_button;
  GtkStack             *stack;
  AdwFlap              *flap;
  JmOutline            *outline;
  GtkBox               *board_area;
  GtkWidget            *start_page;
  AdwViewStack         *view_stack;
  AdwFlap              *inspector_flap;
  GtkStack             *inspector_stack;
  JmCanvas             *canvas;
  JmInspector          *inspector;       /* built when first needed */
  JmMapProperties      *map_properties;  /* built when first needed */
  JmScoresView         *scores_view;
  GtkWidget            *inspector_button;
  GtkMenuButton        *board_menu_button;
  GtkWidget            *legend_box;
  GtkLabel             *legend_title;
  GtkWidget            *zoom_out_button;
  GtkWidget            *zoom_reset_button;
  GtkWidget            *zoom_in_button;
  GtkWidget            *zoom_fit_button;
  GSimpleActionGroup   *board_actions;
  char                 *board_menu_key;

  /* Answers to the questions before a save. */
  gboolean              overwrite_confirmed;
  gboolean              read_only_confirmed;
  guint                 switchers_id;
};

void _jm_window_actions_install     (GtkWidgetClass *widget_class);
void _jm_window_update_actions      (JmWindow       *self);
void _jm_window_open_file           (JmWindow       *self,
                                     GFile          *file);
void _jm_window_new_from_template   (JmWindow       *self,
                                     const char     *template_id);
void _jm_window_save                (JmWindow       *self);
void _jm_window_save_as             (JmWindow       *self);

G_END_DECLS
