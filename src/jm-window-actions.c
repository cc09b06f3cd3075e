/* jm-window-actions.c: the window's win.* actions, and when each is enabled
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-edits.h"
#include "jm-export-actions.h"
#include "jm-file-filter.h"
#include "jm-map-actions.h"
#include "jm-persona-actions.h"
#include "jm-start-page.h"
#include "jm-window-private.h"

static void
action_drafts_details (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  const char *drafts_error = jm_document_get_drafts_error (self->document);
  g_autofree char *body = NULL;

  if (drafts_error == NULL)
    return;
  body = g_strdup_printf (_("%s\n\nUntil drafts can be written again, changes are kept only in memory: save the map to keep them."),
                          drafts_error);
  jm_window_show_error (self, _("Drafts Cannot Be Written"), body);
}

static const char *
object_name (gpointer object)
{
  const char *name = NULL;

  if (JM_IS_STAGE (object))
    name = jm_stage_get_name (object);
  else if (JM_IS_PERSONA (object))
    name = jm_persona_get_name (object);
  else if (JM_IS_TOUCHPOINT (object))
    name = jm_touchpoint_get_title (object);
  return name != NULL ? name : "";
}

static void
show_toast (JmWindow   *self,
            const char *title,
            gboolean    with_undo)
{
  AdwToast *toast = adw_toast_new (title);

  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Enabling. */

void
_jm_window_update_actions (JmWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  JmHistory *history = jm_document_get_map (self->document) != NULL ? jm_map_get_history (jm_document_get_map (self->document)) : NULL;
  gpointer selected = jm_outline_get_selected_object (self->outline);
  gboolean has_map = jm_document_get_map (self->document) != NULL;
  gboolean can_add_touchpoint = FALSE;
  gboolean can_move_up = FALSE, can_move_down = FALSE;
  gboolean can_move_left = FALSE, can_move_right = FALSE;

  if (has_map)
    can_add_touchpoint = g_list_model_get_n_items (jm_map_get_stages (jm_document_get_map (self->document))) > 0 &&
                         g_list_model_get_n_items (jm_map_get_personas (jm_document_get_map (self->document))) > 0;

  if (has_map && selected != NULL)
    {
      guint position = 0, n = 0;

      if (JM_IS_STAGE (selected))
        {
          jm_map_find_stage (jm_document_get_map (self->document), selected, &position);
          n = g_list_model_get_n_items (jm_map_get_stages (jm_document_get_map (self->document)));
          can_move_left = can_move_up = position > 0;
          can_move_right = can_move_down = position + 1 < n;
        }
      else if (JM_IS_PERSONA (selected))
        {
          jm_map_find_persona (jm_document_get_map (self->document), selected, &position);
          n = g_list_model_get_n_items (jm_map_get_personas (jm_document_get_map (self->document)));
          can_move_up = position > 0;
          can_move_down = position + 1 < n;
        }
      else if (JM_IS_TOUCHPOINT (selected))
        {
          JmStage *stage = jm_map_lookup_stage (jm_document_get_map (self->document), jm_touchpoint_get_stage_id (selected));
          JmPersona *persona = jm_map_lookup_persona (jm_document_get_map (self->document), jm_touchpoint_get_lane_id (selected));

          if (stage != NULL && persona != NULL)
            {
              g_autoptr(GPtrArray) cell = jm_map_get_cell (jm_document_get_map (self->document), stage, persona);

              guint lane = 0;
              guint n_lanes = g_list_model_get_n_items (jm_map_get_personas (jm_document_get_map (self->document)));

              g_ptr_array_find (cell, selected, &position);
              jm_map_find_persona (jm_document_get_map (self->document), persona, &lane);
              can_move_up = position > 0 || lane > 0;
              can_move_down = position + 1 < cell->len || lane + 1 < n_lanes;
              jm_map_find_stage (jm_document_get_map (self->document), stage, &position);
              can_move_left = position > 0;
              can_move_right = position + 1 < g_list_model_get_n_items (jm_map_get_stages (jm_document_get_map (self->document)));
            }
        }
    }

  gtk_widget_action_set_enabled (widget, "win.save",
                                 has_map && !jm_document_get_busy (self->document) &&
                                 (jm_document_get_file (self->document) == NULL || jm_map_get_modified (jm_document_get_map (self->document))));
  gtk_widget_action_set_enabled (widget, "win.save-as", has_map && !jm_document_get_busy (self->document));
  gtk_widget_action_set_enabled (widget, "win.undo", history != NULL && jm_history_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo", history != NULL && jm_history_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.add-stage", has_map);
  gtk_widget_action_set_enabled (widget, "win.add-persona", has_map);
  gtk_widget_action_set_enabled (widget, "win.add-touchpoint", can_add_touchpoint);
  gtk_widget_action_set_enabled (widget, "win.delete", has_map && selected != NULL);
  gtk_widget_action_set_enabled (widget, "win.rename", has_map && selected != NULL);
  gtk_widget_action_set_enabled (widget, "win.move-up", can_move_up);
  gtk_widget_action_set_enabled (widget, "win.move-down", can_move_down);
  gtk_widget_action_set_enabled (widget, "win.move-left", can_move_left);
  gtk_widget_action_set_enabled (widget, "win.move-right", can_move_right);
  gtk_widget_action_set_enabled (widget, "win.toggle-outline", has_map);
  jm_persona_actions_update (JM_BOARD_HOST (self));
  jm_map_actions_update (JM_BOARD_HOST (self));
  jm_export_actions_update (JM_BOARD_HOST (self));
}

static void
action_new (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);

  if (jm_document_get_map (self->document) == NULL)
    jm_start_page_focus_templates (JM_START_PAGE (self->start_page));
  else
    gtk_menu_button_popup (self->new_button);
}

static void
action_new_from_template (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  _jm_window_new_from_template (JM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_open_dialog_response (GtkNativeDialog *dialog,
                         int              response,
                         JmWindow        *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      _jm_window_open_file (self, file);
    }
}

static void
action_open (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  {
    g_autoptr(GtkFileFilter) journeys = jm_journey_file_filter_new ();

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), journeys);
  }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_object_unref (all);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_dialog_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_open_file (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  _jm_window_open_file (JM_WINDOW (widget), file);
}

static void
action_open_sample (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  jm_window_open_sample (JM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _jm_window_save (JM_WINDOW (widget));
}

static void
action_save_as (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _jm_window_save_as (JM_WINDOW (widget));
}

static void
action_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);

  if (jm_document_get_map (self->document) != NULL)
    jm_map_undo (jm_document_get_map (self->document));
}

static void
action_redo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);

  if (jm_document_get_map (self->document) != NULL)
    jm_map_redo (jm_document_get_map (self->document));
}

static void
action_close (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
action_toggle_outline (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  gboolean shown = FALSE;

  g_object_get (self->board_page, "show-outline", &shown, NULL);
  g_object_set (self->board_page, "show-outline", !shown, NULL);
}

static void
select_object (JmWindow *self,
               gpointer  object)
{
  jm_outline_set_selected_object (self->outline, object);
  _jm_window_update_actions (self);
}

/* What the menus act on: the selection the board, the outline and the
 * inspector share, so that Delete means the same in the menus as on the
 * board. */
static GPtrArray *
selected_objects (JmWindow *self)
{
  JmSelection *shared = jm_canvas_get_shared_selection (self->canvas);

  return shared != NULL ? jm_selection_get_objects (shared) : g_ptr_array_new ();
}

static void
action_add_stage (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  JmStage *selected = NULL;

  jm_outline_get_selected_cell (self->outline, &selected, NULL);
  select_object (self, jm_edits_add_stage_after (jm_document_get_map (self->document), selected));
}

static void
action_add_persona (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  JmPersona *selected = NULL;

  jm_outline_get_selected_cell (self->outline, NULL, &selected);
  select_object (self, jm_edits_add_persona_after (jm_document_get_map (self->document), selected));
}

static void
action_add_touchpoint (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  JmMap *map = jm_document_get_map (self->document);
  JmStage *stage = NULL;
  JmPersona *persona = NULL;
  gpointer selected = jm_outline_get_selected_object (self->outline);
  g_autoptr(JmStage) first_stage = NULL;
  g_autoptr(JmPersona) first_persona = NULL;

  jm_outline_get_selected_cell (self->outline, &stage, &persona);
  if (stage == NULL)
    stage = first_stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  if (persona == NULL)
    persona = first_persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  if (stage == NULL || persona == NULL)
    return;
  select_object (self, jm_edits_add_touchpoint (map, stage, persona,
                                                JM_IS_TOUCHPOINT (selected) ? selected : NULL));
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  g_autoptr(GPtrArray) objects = selected_objects (self);
  g_autofree char *toast = NULL;
  g_autofree char *name = NULL;

  if (objects->len == 0)
    return;
  name = g_strdup (object_name (g_ptr_array_index (objects, 0)));
  if (!jm_edits_delete (jm_document_get_map (self->document), objects))
    return;

  if (objects->len > 1)
    /* Translators: %u is how many things were deleted. */
    toast = g_strdup_printf (ngettext ("Deleted %u item", "Deleted %u items", objects->len), objects->len);
  else if (*name != '\0')
    /* Translators: %s is the name of what was deleted. */
    toast = g_strdup_printf (_("Deleted “%s”"), name);
  else
    toast = g_strdup (_("Deleted"));
  show_toast (self, toast, TRUE);
  _jm_window_update_actions (self);
}

typedef struct
{
  JmWindow  *self;
  GObject   *object;
  GtkWidget *entry;
} RenameData;

static void
rename_data_free (gpointer data)
{
  RenameData *rename = data;

  g_object_unref (rename->self);
  g_object_unref (rename->object);
  g_free (rename);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RenameData       *rename)
{
  JmWindow *self = rename->self;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (rename->entry));
  const char *label, *property;

  if (!g_str_equal (response, "rename") || jm_document_get_map (self->document) == NULL)
    return;

  if (JM_IS_STAGE (rename->object))
    label = _("Rename Stage"), property = "name";
  else if (JM_IS_PERSONA (rename->object))
    label = _("Rename Persona"), property = "name";
  else
    label = _("Rename Touchpoint"), property = "title";

  jm_map_begin (jm_document_get_map (self->document), label);
  jm_map_edit_string (jm_document_get_map (self->document), rename->object, property, text);
  jm_map_end (jm_document_get_map (self->document));
  _jm_window_update_actions (self);
}

static void
action_rename (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);
  gpointer selected = jm_outline_get_selected_object (self->outline);
  RenameData *rename;
  GtkWidget *dialog, *entry;
  const char *heading;

  if (selected == NULL)
    return;

  if (JM_IS_STAGE (selected))
    heading = _("Rename Stage");
  else if (JM_IS_PERSONA (selected))
    heading = _("Rename Persona");
  else
    heading = _("Rename Touchpoint");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), object_name (selected));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  rename = g_new0 (RenameData, 1);
  rename->self = g_object_ref (self);
  rename->object = g_object_ref (selected);
  rename->entry = entry;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rename_response), rename,
                         (GClosureNotify) (void (*) (void)) rename_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
move_selected (JmWindow *self,
               int       delta,
               gboolean  across_stages)
{
  JmMap *map = jm_document_get_map (self->document);
  gpointer selected = jm_outline_get_selected_object (self->outline);
  g_autoptr(GObject) object = NULL;

  if (selected == NULL || map == NULL)
    return;
  object = g_object_ref (selected);

  if (JM_IS_STAGE (object))
    jm_edits_move_stage (map, JM_STAGE (object), delta);
  else if (JM_IS_PERSONA (object) && !across_stages)
    jm_edits_move_persona (map, JM_PERSONA (object), delta);
  else if (JM_IS_TOUCHPOINT (object) &&
           jm_canvas_move_selection (self->canvas, across_stages ? delta : 0, across_stages ? 0 : delta))
    {
      /* The board moves all of its selected cards, as its own keys do;
       * choosing the one card here would drop the others. */
      _jm_window_update_actions (self);
      return;
    }
  else if (JM_IS_TOUCHPOINT (object))
    {
      /* A card the board does not show (its lane hidden) steps over
       * every lane of the map. */
      g_autoptr(GPtrArray) cards = g_ptr_array_new ();

      g_ptr_array_add (cards, object);
      jm_edits_step_cards (map, cards, NULL, JM_TOUCHPOINT (object),
                           across_stages ? delta : 0, across_stages ? 0 : delta);
    }

  select_object (self, object);
}

static void
action_move (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JmWindow *self = JM_WINDOW (widget);

  if (g_str_equal (action_name, "win.move-up"))
    move_selected (self, -1, FALSE);
  else if (g_str_equal (action_name, "win.move-down"))
    move_selected (self, 1, FALSE);
  else if (g_str_equal (action_name, "win.move-left"))
    move_selected (self, -1, TRUE);
  else
    move_selected (self, 1, TRUE);
}

/* Installing. */

void
_jm_window_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s", action_new_from_template);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", action_open_file);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", action_open_sample);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
  gtk_widget_class_install_action (widget_class, "win.drafts-details", NULL, action_drafts_details);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_redo);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, action_close);
  gtk_widget_class_install_action (widget_class, "win.toggle-outline", NULL, action_toggle_outline);
  gtk_widget_class_install_action (widget_class, "win.add-stage", NULL, action_add_stage);
  gtk_widget_class_install_action (widget_class, "win.add-persona", NULL, action_add_persona);
  gtk_widget_class_install_action (widget_class, "win.add-touchpoint", NULL, action_add_touchpoint);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, action_rename);
  gtk_widget_class_install_action (widget_class, "win.move-up", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "win.move-down", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "win.move-left", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "win.move-right", NULL, action_move);
  jm_persona_actions_install (widget_class);
  jm_map_actions_install (widget_class);
  jm_export_actions_install (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-outline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.add-touchpoint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.move-right", NULL);
}
