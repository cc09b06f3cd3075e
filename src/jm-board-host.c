/* jm-board-host.c: what the persona and export commands need from the
 * widget that shows a board
 *
 * The commands on a board's personas and its export live in their own
 * files and are installed on the window's class; they reach the map, the
 * board and the user through this interface, so that they need not know
 * the window (which includes them).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "jm-board-host.h"

G_DEFINE_INTERFACE (JmBoardHost, jm_board_host, GTK_TYPE_WIDGET)

static void
jm_board_host_default_init (JmBoardHostInterface *iface)
{
}

/**
 * jm_board_host_get_document:
 *
 * Returns: (transfer none): the document shown
 */
JmDocument *
jm_board_host_get_document (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return JM_BOARD_HOST_GET_IFACE (self)->get_document (self);
}

/**
 * jm_board_host_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_board_host_get_map (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return jm_document_get_map (jm_board_host_get_document (self));
}

/**
 * jm_board_host_get_file:
 *
 * Returns: (transfer none) (nullable): where the map shown is saved
 */
GFile *
jm_board_host_get_file (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return jm_document_get_file (jm_board_host_get_document (self));
}

/**
 * jm_board_host_get_board_area:
 *
 * Returns: (transfer none): the box holding the board, where bars about
 *   the board go
 */
GtkBox *
jm_board_host_get_board_area (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return JM_BOARD_HOST_GET_IFACE (self)->get_board_area (self);
}

/**
 * jm_board_host_get_outline:
 *
 * Returns: (transfer none): the outline beside the board
 */
JmOutline *
jm_board_host_get_outline (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return JM_BOARD_HOST_GET_IFACE (self)->get_outline (self);
}

/**
 * jm_board_host_get_canvas:
 *
 * Returns: (transfer none): the board
 */
JmCanvas *
jm_board_host_get_canvas (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return JM_BOARD_HOST_GET_IFACE (self)->get_canvas (self);
}

/**
 * jm_board_host_get_window:
 *
 * Returns: (transfer none) (nullable): the window the board is in, the
 *   parent of dialogs about it
 */
GtkWindow *
jm_board_host_get_window (JmBoardHost *self)
{
  GtkRoot *root;

  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * jm_board_host_show_error:
 * @heading: what failed
 * @body: why
 *
 * Tells the user that something failed, and why.
 */
void
jm_board_host_show_error (JmBoardHost *self,
                          const char  *heading,
                          const char  *body)
{
  g_return_if_fail (JM_IS_BOARD_HOST (self));
  JM_BOARD_HOST_GET_IFACE (self)->show_error (self, heading, body);
}

/**
 * jm_board_host_walk:
 * @persona: (nullable): the persona to walk the journey as, %NULL to show
 *   every lane again
 */
void
jm_board_host_walk (JmBoardHost *self,
                    JmPersona   *persona)
{
  g_return_if_fail (JM_IS_BOARD_HOST (self));
  JM_BOARD_HOST_GET_IFACE (self)->walk (self, persona);
}

/**
 * jm_board_host_get_walking:
 *
 * Returns: (transfer none) (nullable): the persona whose journey the board
 *   walks, %NULL when it shows all lanes alike
 */
JmPersona *
jm_board_host_get_walking (JmBoardHost *self)
{
  g_return_val_if_fail (JM_IS_BOARD_HOST (self), NULL);
  return JM_BOARD_HOST_GET_IFACE (self)->get_walking (self);
}

/**
 * jm_board_host_show_toast:
 * @title: what to say, briefly
 *
 * Shows a toast over the board.
 */
void
jm_board_host_show_toast (JmBoardHost *self,
                          const char  *title)
{
  GtkWidget *overlay;

  g_return_if_fail (JM_IS_BOARD_HOST (self));
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (jm_board_host_get_board_area (self)),
                                     ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/**
 * jm_board_host_open_map:
 * @map: a map with no file yet
 *
 * Shows @map, unsaved, in a window of its own beside this one.
 */
void
jm_board_host_open_map (JmBoardHost *self,
                        JmMap       *map)
{
  g_return_if_fail (JM_IS_BOARD_HOST (self));
  JM_BOARD_HOST_GET_IFACE (self)->open_map (self, map);
}
