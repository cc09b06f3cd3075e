/* jm-board-page-workshop.c: the board page's workshop tools
 *
 * What a facilitator runs a workshop with, from the board's "board"
 * actions: the capture bar (cards typed as they are called out), cards
 * from the Add menu's templates, the scoring pass, the room participants
 * join from their own devices, and present mode.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-board-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-board-page-private.h"
#include "jm-edits.h"
#include "jm-present-window.h"
#include "jm-room-panel.h"
#include "jm-session.h"

/* Names the cell where the capture bar's cards land, "Stage · Lane". */
void
_jm_board_page_update_capture_target (JmBoardPage *self)
{
  JmStage *stage;
  JmPersona *persona;
  g_autofree char *name = NULL;

  if (!jm_capture_bar_get_open (self->capture_bar))
    return;
  if (jm_canvas_get_cursor_cell (self->canvas, &stage, &persona))
    /* Translators: the board's current cell: a stage, then a lane. */
    name = g_strdup_printf (_("%s · %s"), jm_stage_get_name (stage), jm_persona_get_name (persona));
  jm_capture_bar_set_target_name (self->capture_bar, name);
}

static void
board_capture (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  jm_capture_bar_open (self->capture_bar);
  _jm_board_page_update_capture_target (self);
}

/* The room belongs to the document, kept by the session: this only shows
 * it, opening it first if it is not open. */
static void
board_open_room (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JmRoom *room;

  if (self->document == NULL)
    return;
  room = jm_session_open_room (jm_session_get_default (), self->document, &error);
  if (room == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The Room Cannot Open"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (self->room_panel != NULL && jm_room_panel_get_room (JM_ROOM_PANEL (self->room_panel)) != room)
    gtk_window_destroy (GTK_WINDOW (self->room_panel));
  if (self->room_panel == NULL)
    {
      self->room_panel = jm_room_panel_new (room);
      g_object_add_weak_pointer (G_OBJECT (self->room_panel), (gpointer *) &self->room_panel);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->room_panel), GTK_WINDOW (root));
    }
  gtk_window_present (GTK_WINDOW (self->room_panel));
}

/* Present mode shows the map in a window of its own (jm-present-window.c),
 * so the page and the window are left as they are. Asked for while the
 * file is still being read (journey-mapper --present FILE), it waits for
 * the map. */
static void
board_present (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (_jm_board_page_map (self) == NULL)
    {
      self->present_pending = self->document != NULL && jm_document_get_busy (self->document);
      return;
    }
  if (GTK_IS_WINDOW (root))
    jm_present_window_open (GTK_WINDOW (root), self->document);
}

/* Present mode over a window that is not on screen yet would open behind
 * it: it waits for the window. */
gboolean
_jm_board_page_present_when_shown (gpointer data)
{
  JmBoardPage *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!self->present_pending || _jm_board_page_map (self) == NULL || root == NULL)
    {
      self->present_pending = FALSE;
      return G_SOURCE_REMOVE;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (root)))
    return G_SOURCE_CONTINUE;
  self->present_pending = FALSE;
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "present", NULL);
  return G_SOURCE_REMOVE;
}

/* The titles go to the end of the board's current cell, or to the
 * parking lot in the current cell's stage, one step for them all. */
static void
on_capture_bar_captured (JmBoardPage *self,
                         GStrv        titles,
                         gboolean     parking_lot,
                         const char  *kind)
{
  JmMap *map = jm_canvas_get_map (self->canvas);
  JmStage *stage;
  JmPersona *persona;
  g_autoptr(GPtrArray) added = NULL;

  if (map == NULL)
    return;
  if (!jm_canvas_get_cursor_cell (self->canvas, &stage, &persona))
    {
      /* Every lane filtered away: the parking lot still takes cards. */
      g_autoptr(JmStage) first = g_list_model_get_item (jm_map_get_stages (map), 0);

      stage = first;
      parking_lot = TRUE;
    }
  if (stage == NULL)
    return;
  added = jm_edits_add_cards_of_kind (map, stage, parking_lot ? NULL : persona, -1,
                                      (const char * const *) titles, kind);
  _jm_board_page_update_capture_target (self);
}

/* A card from a template, from the Add menu: in the board's current
 * cell, with the kind's title, which is then edited on the board. */
static void
board_add_card (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  jm_canvas_add_card (self->canvas, g_variant_get_string (parameter, NULL));
}

static void
on_capture_bar_closed (JmBoardPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
board_score (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  jm_scoring_pass_open_on_board (self->scoring_pass, self->canvas);
}

static void
on_scoring_pass_closed (JmBoardPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

void
_jm_board_page_workshop_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (JM_TYPE_CAPTURE_BAR);
  g_type_ensure (JM_TYPE_SCORING_PASS);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_bar_captured);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_bar_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_scoring_pass_closed);
}

void
_jm_board_page_workshop_add_actions (JmBoardPage *self)
{
  static const GActionEntry entries[] = {
    { "capture", board_capture },
    { "open-room", board_open_room },
    { "present", board_present },
    { "score", board_score },
    { "add-card", board_add_card, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
}
