/* jm-canvas-editor.c: editing a title in place
 *
 * An entry over the card, stage or persona being named; the text typed so
 * far is one undo step, and Escape puts the title back.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"
#include "jm-edits.h"

/* ---------------------------------------------------------------- editor */

void
_jm_canvas_editor_rect (JmCanvas        *self,
                        graphene_rect_t *rect)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  JmBoardRect box = { 0, 0, m->card_width, PLACEHOLDER_HEIGHT };
  double z = self->zoom;
  double x, y;
  guint index;

  _jm_canvas_ensure_layout (self);
  x = -_jm_canvas_hvalue (self);
  y = -_jm_canvas_vvalue (self);
  if (JM_IS_TOUCHPOINT (self->edit_object))
    {
      JmBoardCard *card = _jm_canvas_board_card (self, JM_TOUCHPOINT (self->edit_object));

      if (card != NULL)
        box = (JmBoardRect) { card->rect.x, card->rect.y, card->rect.width, MIN (card->rect.height, 52) };
    }
  else if (JM_IS_STAGE (self->edit_object))
    {
      /* Headers stay in view: the stage row does not scroll down. */
      if (g_ptr_array_find (self->stages, self->edit_object, &index))
        jm_board_geometry_stage_header_rect (self->geometry, index, &box);
      box = (JmBoardRect) { box.x + 6, (m->stage_header_height - 40) / 2, box.width - 12, 40 };
      y = 0;
    }
  else if (JM_IS_PERSONA (self->edit_object))
    {
      if (g_ptr_array_find (self->lanes, self->edit_object, &index))
        jm_board_geometry_lane_header_rect (self->geometry, index, &box);
      box = (JmBoardRect) { 8, box.y + 12, m->lane_header_width - 16, 40 };
      x = 0;
    }
  else
    {
      for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
        if (jm_board_geometry_get_card (self->geometry, i)->data == NULL)
          box = jm_board_geometry_get_card (self->geometry, i)->rect;
    }
  rect->origin.x = box.x * z + x;
  rect->origin.y = box.y * z + y;
  rect->size.width = MAX (box.width * z, 120);
  rect->size.height = box.height * z;
}

static void
on_editor_activate (JmCanvas *self)
{
  _jm_canvas_stop_editing (self, TRUE);
}

static gboolean
on_editor_key_pressed (JmCanvas        *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if (keyval == GDK_KEY_Escape)
    {
      _jm_canvas_stop_editing (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static gboolean
editor_has_focus (JmCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editor);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor));
}

static gboolean
on_editor_left (gpointer data)
{
  JmCanvas *self = data;

  self->editor_leave_id = 0;
  if (self->editor != NULL && !self->edit_done && !editor_has_focus (self))
    _jm_canvas_stop_editing (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_editor_focus_leave (JmCanvas *self)
{
  /* Leaving the field keeps what was typed, as the inspector does; once
   * the focus change is over, not in the middle of it. */
  if (self->editor != NULL && !self->edit_done && self->editor_leave_id == 0)
    self->editor_leave_id = g_idle_add (on_editor_left, self);
}

static const char *
edited_property (GObject *object)
{
  return object == NULL || JM_IS_TOUCHPOINT (object) ? "title" : "name";
}

/* Brings what the editor edits into view: the place of a card being
 * created, or a header's column or row (headers stay in view across). */
static void
scroll_to_edited (JmCanvas *self)
{
  const JmBoardMetrics *m = _jm_canvas_metrics (self);
  double z = self->zoom;
  JmBoardRect rect;
  guint index;

  _jm_canvas_ensure_layout (self);
  if (self->edit_object == NULL)
    {
      for (guint i = 0; i < jm_board_geometry_get_n_cards (self->geometry); i++)
        if (jm_board_geometry_get_card (self->geometry, i)->data == NULL)
          _jm_canvas_scroll_to_rect (self, &jm_board_geometry_get_card (self->geometry, i)->rect, m->cell_padding);
    }
  else if (JM_IS_STAGE (self->edit_object) && g_ptr_array_find (self->stages, self->edit_object, &index))
    {
      /* A line at the top of the view keeps the view's rows as they are. */
      jm_board_geometry_stage_header_rect (self->geometry, index, &rect);
      rect.y = _jm_canvas_vvalue (self) / z + m->stage_header_height;
      rect.height = 0;
      _jm_canvas_scroll_to_rect (self, &rect, 0);
    }
  else if (JM_IS_PERSONA (self->edit_object) && g_ptr_array_find (self->lanes, self->edit_object, &index))
    {
      jm_board_geometry_lane_header_rect (self->geometry, index, &rect);
      rect.x = _jm_canvas_hvalue (self) / z + m->lane_header_width;
      rect.width = 0;
      _jm_canvas_scroll_to_rect (self, &rect, 0);
    }
}

static gboolean
edit_object_in_map (JmCanvas *self)
{
  GObject *object = self->edit_object;

  return self->map != NULL &&
         (JM_IS_TOUCHPOINT (object) ? jm_map_find_touchpoint (self->map, JM_TOUCHPOINT (object), NULL)
          : JM_IS_STAGE (object) ? jm_map_find_stage (self->map, JM_STAGE (object), NULL)
          : JM_IS_PERSONA (object) ? jm_map_find_persona (self->map, JM_PERSONA (object), NULL)
          : FALSE);
}

/* Records @text as the edited title, joining the edit's one undo step. */
static void
edit_record (JmCanvas   *self,
             const char *text)
{
  /* A card may lose its title; a header keeps its name rather than none. */
  if (!edit_object_in_map (self) || (!JM_IS_TOUCHPOINT (self->edit_object) && *text == '\0'))
    return;
  jm_map_begin_merge (self->map, NULL, &self->edit_merge_id);
  jm_map_edit_string (self->map, self->edit_object, edited_property (self->edit_object), text);
  jm_map_end (self->map);
}

/* The title of a card, stage or persona goes to the map as it is typed, so
 * that Save, drafts and closing have it; Escape takes it back. */
static void
on_editor_changed (JmCanvas *self)
{
  g_autofree char *text = NULL;

  if (self->editor == NULL || self->edit_done || self->edit_object == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor))));
  edit_record (self, text);
}

/* Edits in place the title of a card (@object a touchpoint), the name of a
 * stage or persona, or, with @object %NULL, the title of a new card to
 * create at @index in the cell @stage x @lane. */
void
_jm_canvas_start_editing (JmCanvas *self,
                          gpointer  object,
                          guint     stage,
                          guint     lane,
                          guint     index)
{
  GtkEventController *controller;
  const char *label;

  if (self->map == NULL)
    return;
  _jm_canvas_stop_editing (self, TRUE);
  _jm_canvas_ensure_layout (self);
  if (object == NULL && (_jm_canvas_stage_at (self, stage) == NULL || _jm_canvas_lane_at (self, lane) == NULL))
    return;

  self->edit_object = object;
  self->edit_stage = stage;
  self->edit_lane = lane;
  self->edit_index = index;
  self->edit_done = FALSE;
  if (JM_IS_TOUCHPOINT (object))
    _jm_canvas_scroll_to_card (self, object);

  label = JM_IS_STAGE (object) ? _("Stage name")
        : JM_IS_PERSONA (object) ? _("Persona name")
        : _("Touchpoint title");
  self->editor = gtk_entry_new ();
  gtk_widget_add_css_class (self->editor, "card-title-editor");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->editor), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (object != NULL)
    {
      g_autofree char *text = NULL;

      g_object_get (object, edited_property (object), &text, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->editor), text ? text : "");
    }
  self->edit_merge_id = 0;
  g_free (self->edit_original);
  self->edit_original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (on_editor_changed), self);
  g_signal_connect_swapped (self->editor, "activate", G_CALLBACK (on_editor_activate), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_editor_key_pressed), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);

  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  self->layout_dirty = TRUE;
  scroll_to_edited (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  _jm_canvas_update_actions (self);
}

void
_jm_canvas_stop_editing (JmCanvas *self,
                         gboolean  commit)
{
  g_autofree char *text = NULL;
  GtkWidget *editor = self->editor;
  gboolean had_focus;

  if (editor == NULL || self->edit_done)
    return;
  self->edit_done = TRUE;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor))));
  had_focus = gtk_widget_has_focus (editor) ||
              gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (editor)) ?: editor, editor);
  if (!commit && self->edit_object != NULL)
    {
      /* Back to the old title, the edit's step goes away. */
      edit_record (self, self->edit_original);
    }
  if (commit && self->map != NULL)
    {
      GObject *object = self->edit_object;

      if (object != NULL)
        edit_record (self, text);
      else if (*text != '\0')
        {
          JmStage *stage = _jm_canvas_stage_at (self, self->edit_stage);
          JmPersona *persona = _jm_canvas_lane_at (self, self->edit_lane);

          if (stage != NULL && persona != NULL)
            {
              JmTouchpoint *touchpoint = jm_edits_add_card (self->map, stage, persona, self->edit_index, text);

              self->layout_dirty = TRUE;
              _jm_canvas_select_only (self, touchpoint);
            }
        }
    }

  self->editor = NULL;
  self->edit_object = NULL;
  self->edit_merge_id = 0;
  g_clear_pointer (&self->edit_original, g_free);
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_unparent (editor);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  _jm_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
