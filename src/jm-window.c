/* jm-window.c: a window showing one journey map
 *
 * The window owns one map and the file it came from. Every command is an
 * action installed on the class ("win.save", "win.add-stage", ...), with its
 * shortcut, and all are enabled or disabled by update_actions(). Edits go
 * through the map, one gesture per undo step; the window only listens.
 *
 * The main area is a stack: "empty" (what a fresh window shows: templates,
 * recent maps and samples, filled in when it first shows, so a window opened
 * for a file never reads them) and "map", where the outline sits in a flap beside
 * the board area. The board area holds the map's views, "board" (the canvas,
 * with the inspector in a flap at its side) and "scores".
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jm-app-resources.h"
#include "jm-board-host.h"
#include "jm-document.h"
#include "jm-draft.h"
#include "jm-file.h"
#include "jm-file-filter.h"
#include "jm-samples-resources.h"
#include "jm-window-private.h"
#include "jm-canvas.h"
#include "jm-inspector.h"
#include "jm-map-properties.h"
#include "jm-names.h"
#include "jm-score-legend.h"
#include "jm-scores-view.h"
#include "jm-start-page.h"
#include "jm-ui-util.h"
#include "jm-text-measure.h"
#include "jm-view-state.h"

/* How long a window opened for a file waits for it before showing anyway. */
#define PRESENT_DELAY_MS 200
/* The inspector panel's width while it shows the map's fields. It used to
 * come from the inspector measured while out of view (its touchpoint page
 * at its shortest); that measurement took hundreds of label layouts per
 * frame, so the width it gave is now set, and the window folds the panel
 * at the same sizes as before. */
#define MAP_PANEL_WIDTH 449


static void jm_window_board_host_init (JmBoardHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JmWindow, jm_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (JM_TYPE_BOARD_HOST, jm_window_board_host_init))

enum {
  PROP_0,
  PROP_MAP,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean disk_unchanged_or_confirmed (JmWindow *self,
                                             GFile    *file);
static void on_active_changed (JmWindow *self);
static void save_to_file (JmWindow *self,
                          GFile    *file);

/* The application's session; a window made without one (as tests make
 * them) shares the default one, which is the application's too. */
static JmSession *
session (JmWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (JM_IS_APPLICATION (application))
    return jm_application_get_session (JM_APPLICATION (application));
  return jm_session_get_default ();
}

static char *
display_name (JmWindow *self)
{
  const char *title = jm_document_get_map (self->document) != NULL ? jm_map_get_title (jm_document_get_map (self->document)) : NULL;

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (jm_document_get_file (self->document) != NULL)
    {
      g_autofree char *base = g_file_get_basename (jm_document_get_file (self->document));
      g_autofree char *utf8 = g_filename_display_name (base);

      return g_steal_pointer (&utf8);
    }
  return g_strdup (_("Untitled Journey"));
}

static void
update_title (JmWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (jm_document_get_map (self->document) == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Journey Mapper"));
      adw_window_title_set_title (self->window_title, _("Journey Mapper"));
      adw_window_title_set_subtitle (self->window_title, "");
      return;
    }

  name = display_name (self);
  {
    glong n_chars = 0;
    char *shown = jm_text_shorten (name, 300, &n_chars);
    g_autofree char *tip = shown != NULL
      ? g_strdup_printf (_("Title shortened here: the whole title has %ld characters"), n_chars)
      : NULL;

    /* A title bar shows a line: X11 refuses windows past 32,767 pixels,
     * and a natural width of the whole title would ask for more. */
    if (shown != NULL)
      {
        g_free (name);
        name = shown;
      }
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tip);
  }
  /* Translators: a bullet before the map's name marks unsaved changes. */
  title = jm_map_get_modified (jm_document_get_map (self->document)) ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  subtitle = jm_document_get_file (self->document) != NULL ? jm_file_describe_location (jm_document_get_file (self->document)) : g_strdup (_("Not saved"));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Board | Scores: in the header when there is room, so the title with its
 * unsaved mark stays in view; in a bar at the bottom when the window is narrow. */
static void
update_switchers (JmWindow *self)
{
  gboolean has_map = jm_document_get_map (self->document) != NULL;
  gboolean narrow = adw_flap_get_folded (self->flap);

  gtk_widget_set_visible (GTK_WIDGET (self->header_switcher), has_map && !narrow);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, has_map && narrow);
}

static gboolean
update_switchers_cb (gpointer data)
{
  JmWindow *self = data;

  self->switchers_id = 0;
  update_switchers (self);
  return G_SOURCE_REMOVE;
}

/* The flap folds while the window is being allocated: changing what the
 * header shows then would leave it unallocated for the frame being drawn.
 * Change it right after. */
static void
on_flap_folded (JmWindow *self)
{
  if (self->switchers_id == 0)
    self->switchers_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_switchers_cb, self, NULL);
}

static void
update_history_labels (JmWindow *self)
{
  JmHistory *history = jm_document_get_map (self->document) != NULL ? jm_map_get_history (jm_document_get_map (self->document)) : NULL;
  const char *undo = history != NULL ? jm_history_get_undo_label (history) : NULL;
  const char *redo = history != NULL ? jm_history_get_redo_label (history) : NULL;
  /* Translators: %s is what the user did, such as "Move Card". */
  g_autofree char *undo_text = undo != NULL ? g_strdup_printf (_("Undo %s"), undo) : g_strdup (_("Undo"));
  /* Translators: %s is what the user did, such as "Move Card". */
  g_autofree char *redo_text = redo != NULL ? g_strdup_printf (_("Redo %s"), redo) : g_strdup (_("Redo"));
  g_autofree char *undo_tip = g_strdup_printf ("%s (%s)", undo_text, _("Ctrl+Z"));
  g_autofree char *redo_tip = g_strdup_printf ("%s (%s)", redo_text, _("Ctrl+Shift+Z"));

  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  jm_set_accessible_label (self->undo_button, undo_text);
  jm_set_accessible_label (self->redo_button, redo_text);
}

/* The board: the canvas with the inspector beside it, and the scores.
 *
 * The outline and the canvas share one selection through their
 * "selected-object" properties (a binding, which does not echo a change back
 * to where it came from); the inspector shows the selected object, or the
 * map's own fields when nothing is selected. The inspector is built the
 * first time something is selected: a map opens with nothing selected. The "board" action group holds
 * what only concerns the view: highlighting, colouring by score, zoom and the
 * inspector panel. */

typedef struct
{
  const char *id;
  const char *label;
} ColourByChoice;

static const ColourByChoice colour_by_choices[] = {
  { "none", N_("_None") },
  { "composite", N_("_Composite Score") },
};

static const char *
colour_by_title (const char *colour_by)
{
  JmMeasure measure;

  if (g_strcmp0 (colour_by, "composite") == 0)
    return _("Composite score");
  if (colour_by != NULL && jm_measure_from_id (colour_by, &measure))
    return jm_measure_get_label (measure);
  return NULL;
}

static void
append_filter_item (GMenu      *menu,
                    const char *label,
                    const char *filter)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "board.filter", g_variant_new_string (filter));
  g_menu_append_item (menu, item);
}

static void
append_name_items (GMenu      *menu,
                   JmMap      *map,
                   JmNameKind  kind,
                   const char *prefix)
{
  g_autoptr(GPtrArray) names = jm_map_list_names (map, kind);

  for (guint i = 0; i < names->len; i++)
    {
      const JmName *name = g_ptr_array_index (names, i);
      g_autofree char *filter = g_strconcat (prefix, name->value, NULL);

      append_filter_item (menu, name->label, filter);
    }
}

static void
fill_board_menu (JmWindow *self,
                 GMenu    *menu)
{
  g_autoptr(GMenu) highlight = g_menu_new ();
  g_autoptr(GMenu) personas = g_menu_new ();
  g_autoptr(GMenu) channels = g_menu_new ();
  g_autoptr(GMenu) teams = g_menu_new ();
  g_autoptr(GMenu) colour = g_menu_new ();
  g_autoptr(GMenu) map_section = g_menu_new ();

  append_filter_item (highlight, _("_Everything"), "");
  append_filter_item (highlight, _("_Moments of Truth"), "moments");

  if (jm_document_get_map (self->document) != NULL)
    {
      GListModel *list = jm_map_get_personas (jm_document_get_map (self->document));

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(JmPersona) persona = g_list_model_get_item (list, i);
          g_autofree char *filter = g_strconcat ("persona:", jm_persona_get_id (persona), NULL);
          const char *name = jm_persona_get_name (persona);

          append_filter_item (personas, *name != '\0' ? name : _("Unnamed persona"), filter);
        }

      /* Channels and teams in use, so that no choice dims the whole board;
       * one entry for each name, however it was typed. */
      append_name_items (channels, jm_document_get_map (self->document), JM_NAME_CHANNEL, "channel:");
      append_name_items (teams, jm_document_get_map (self->document), JM_NAME_TEAM, "team:");
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (personas)) > 0)
    g_menu_append_submenu (highlight, _("_Persona"), G_MENU_MODEL (personas));
  if (g_menu_model_get_n_items (G_MENU_MODEL (channels)) > 0)
    g_menu_append_submenu (highlight, _("_Channel"), G_MENU_MODEL (channels));
  if (g_menu_model_get_n_items (G_MENU_MODEL (teams)) > 0)
    g_menu_append_submenu (highlight, _("_Team"), G_MENU_MODEL (teams));
  g_menu_append_section (menu, _("Highlight"), G_MENU_MODEL (highlight));

  for (guint i = 0; i < G_N_ELEMENTS (colour_by_choices); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(colour_by_choices[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "board.colour-by",
                                               g_variant_new_string (colour_by_choices[i].id));
      g_menu_append_item (colour, item);
    }
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (jm_measure_get_label (m), NULL);

      g_menu_item_set_action_and_target_value (item, "board.colour-by",
                                               g_variant_new_string (jm_measure_get_id (m)));
      g_menu_append_item (colour, item);
    }
  g_menu_append_section (menu, _("Colour by Score"), G_MENU_MODEL (colour));

  g_menu_append (map_section, _("Map _Properties"), "board.map-properties");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (map_section));
}

/* A key for what the menu lists, to rebuild it only when that changes: a
 * new model replaces the popover, which is best done while it is closed. */
static void
menu_signature (GMenuModel *model,
                GString    *key)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) label = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_LABEL,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                                           G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      g_string_append_printf (key, "%s\x1f%s\x1e", label != NULL ? g_variant_get_string (label, NULL) : "",
                              target != NULL ? g_variant_get_string (target, NULL) : "");
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          g_string_append_c (key, '(');
          menu_signature (linked, key);
          g_string_append_c (key, ')');
        }
    }
}

static void
refresh_board_menu (JmWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GString) key = g_string_new (NULL);

  fill_board_menu (self, menu);
  menu_signature (G_MENU_MODEL (menu), key);
  if (g_strcmp0 (key->str, self->board_menu_key) == 0)
    return;
  g_free (self->board_menu_key);
  self->board_menu_key = g_string_free (g_steal_pointer (&key), FALSE);
  jm_menu_button_set_menu_later (self->board_menu_button, G_MENU_MODEL (menu));
}

/* Listing a map's personas, channels and teams for the menu costs a
 * pass over its cards; until the window's first frame is out the button
 * keeps the menu it had, and the new one is made just after that frame. */
static void
queue_board_menu_refresh (JmWindow *self)
{
  if (self->painted)
    {
      refresh_board_menu (self);
      return;
    }
  self->board_menu_stale = TRUE;
}

static void
set_board_action_enabled (JmWindow   *self,
                          const char *name,
                          gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->board_actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/**
 * jm_window_get_inspector:
 *
 * Returns: (transfer none): the inspector of the selected object, built
 *   now if nothing was selected before
 */
JmInspector *
jm_window_get_inspector (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);

  if (self->inspector == NULL)
    {
      self->inspector = JM_INSPECTOR (jm_inspector_new ());
      gtk_widget_set_visible (GTK_WIDGET (self->inspector), FALSE);
      gtk_stack_add_named (self->inspector_stack, GTK_WIDGET (self->inspector), "object");
      jm_inspector_set_map (self->inspector, jm_canvas_get_map (self->canvas));
    }
  return self->inspector;
}

/**
 * jm_window_get_map_properties:
 *
 * Returns: (transfer none): the panel of the map's own fields, shown when
 *   nothing is selected; built now if it was not yet
 */
JmMapProperties *
jm_window_get_map_properties (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);

  if (self->map_properties == NULL)
    {
      self->map_properties = JM_MAP_PROPERTIES (jm_map_properties_new ());
      gtk_widget_set_visible (GTK_WIDGET (self->map_properties),
                              jm_canvas_get_selected_object (self->canvas) == NULL);
      gtk_stack_add_named (self->inspector_stack, GTK_WIDGET (self->map_properties), "map");
      jm_map_properties_set_map (self->map_properties, jm_canvas_get_map (self->canvas));
    }
  return self->map_properties;
}

/* Shows @page in the panel. The pages out of view are hidden, so that
 * laying out the panel skips them: the inspectors' wrapping labels took
 * hundreds of measurements for frames that show none of them. */
static void
show_inspector_page (JmWindow  *self,
                     GtkWidget *page)
{
  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->inspector_stack, page);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->inspector_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != page)
      gtk_widget_set_visible (child, FALSE);
}

static void
update_board_inspector (JmWindow *self)
{
  gpointer object = jm_canvas_get_selected_object (self->canvas);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  gtk_widget_set_size_request (GTK_WIDGET (self->inspector_stack),
                               object == NULL ? MAP_PANEL_WIDTH : -1, -1);
  if (object != NULL)
    {
      g_autoptr(GPtrArray) selection = jm_canvas_get_selection (self->canvas);

      jm_inspector_set_objects (jm_window_get_inspector (self), object, selection);
      show_inspector_page (self, GTK_WIDGET (self->inspector));
      return;
    }
  /* The map's panel is built after the window's first frame, which
   * seldom shows it. */
  if (self->map_properties == NULL && !self->painted)
    return;
  if (self->inspector != NULL)
    jm_inspector_set_object (self->inspector, NULL);
  show_inspector_page (self, GTK_WIDGET (jm_window_get_map_properties (self)));
}

static void
update_zoom_label (JmWindow *self)
{
  g_autofree char *text = NULL;

  /* Translators: the board's zoom level, such as "100%" */
  text = g_strdup_printf (_("%.0f%%"), round (jm_canvas_get_zoom (self->canvas) * 100));
  gtk_button_set_label (GTK_BUTTON (self->zoom_reset_button), text);
}

static void
update_legend (JmWindow *self)
{
  const char *title = colour_by_title (jm_canvas_get_colour_by (self->canvas));

  gtk_widget_set_visible (self->legend_box, title != NULL);
  if (title != NULL)
    gtk_label_set_text (self->legend_title, title);
}

static void
on_canvas_filter_notify (JmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->board_actions), "filter");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (jm_canvas_get_filter (self->canvas)));
}

static void
on_canvas_colour_by_notify (JmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->board_actions), "colour-by");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (jm_canvas_get_colour_by (self->canvas)));
  update_legend (self);
}

static void
board_filter_change_state (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  jm_canvas_set_filter (JM_WINDOW (user_data)->canvas, g_variant_get_string (state, NULL));
}

static void
board_colour_by_change_state (GSimpleAction *action,
                              GVariant      *state,
                              gpointer       user_data)
{
  jm_canvas_set_colour_by (JM_WINDOW (user_data)->canvas, g_variant_get_string (state, NULL));
}

static void
board_zoom (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  JmWindow *self = JM_WINDOW (user_data);
  g_autofree char *name = g_strconcat ("canvas.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

static void
board_toggle_inspector (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  JmWindow *self = JM_WINDOW (user_data);

  adw_flap_set_reveal_flap (self->inspector_flap, !adw_flap_get_reveal_flap (self->inspector_flap));
}

static void
board_map_properties (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  JmWindow *self = JM_WINDOW (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  jm_canvas_set_selected_object (self->canvas, NULL);
  adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
}

static void
on_scores_touchpoint_activated (JmWindow     *self,
                                JmTouchpoint *touchpoint)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  jm_canvas_set_selected_object (self->canvas, touchpoint);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* A highlight that names a persona no longer on the map would dim every
 * card: show everything again. */
static void
check_board_filter (JmWindow *self)
{
  const char *filter = jm_canvas_get_filter (self->canvas);

  if (jm_document_get_map (self->document) != NULL && g_str_has_prefix (filter, "persona:") &&
      jm_map_lookup_persona (jm_document_get_map (self->document), filter + strlen ("persona:")) == NULL)
    jm_canvas_set_filter (self->canvas, "");
}

static void
on_view_stack_visible_child (JmWindow *self)
{
  /* The inspector and the board's menu only act on the board. */
  gboolean board = jm_document_get_map (self->document) != NULL &&
                   g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "board") == 0;

  gtk_widget_set_visible (self->inspector_button, board);
  gtk_widget_set_visible (GTK_WIDGET (self->board_menu_button), board);
}

static void
on_inspector_flap_folded (JmWindow *self)
{
  GtkSettings *settings;
  gboolean animate;

  /* Folded, the panel would cover the board: it waits to be asked for
   * (the flap itself closes it as it folds). */
  if (!adw_flap_get_folded (self->inspector_flap))
    return;
  if (self->painted || adw_flap_get_reveal_progress (self->inspector_flap) == 0.0)
    {
      adw_flap_set_reveal_flap (self->inspector_flap, FALSE);
      return;
    }
  /* A window too narrow for the panel from the start shows without it,
   * rather than with the panel covering the board and sliding away. The
   * flap animates whenever the setting allows, so it is off while the
   * panel closes at once. */
  settings = gtk_widget_get_settings (GTK_WIDGET (self));
  g_object_get (settings, "gtk-enable-animations", &animate, NULL);
  if (animate)
    g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
  adw_flap_set_reveal_flap (self->inspector_flap, FALSE);
  if (animate)
    g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
}

/* What waited for the window's first frame: the outline's rows, the
 * map's panel and the board menu. */
static gboolean
after_first_frame_cb (gpointer data)
{
  JmWindow *self = data;

  self->after_frame_id = 0;
  if (self->outline_after_frame)
    {
      gpointer selected = jm_canvas_get_selected_object (self->canvas);

      self->outline_after_frame = FALSE;
      jm_outline_set_map (self->outline, jm_document_get_map (self->document));
      /* What was chosen on the board meanwhile. */
      if (selected != NULL)
        jm_outline_set_selected_object (self->outline, selected);
      _jm_window_update_actions (self);
    }
  if (self->board_menu_stale)
    {
      self->board_menu_stale = FALSE;
      refresh_board_menu (self);
    }
  update_board_inspector (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                JmWindow      *self)
{
  self->painted = TRUE;
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  if (self->after_frame_id == 0)
    self->after_frame_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_first_frame_cb, self, NULL);
}

static void
on_realize (JmWindow *self)
{
  self->painted = FALSE;
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_after_paint), self, 0);
}

/* How the map is viewed (zoom, panels, colouring, highlight) is kept per
 * file outside the map file by jm-view-state, written a moment after it
 * changes and when the window closes, and shown again when the file or
 * its draft opens. */

static void
remember_view (JmWindow *self)
{
  JmViewState state = { 0 };
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->view_state_id, g_source_remove);
  if (jm_document_get_map (self->document) == NULL || jm_document_get_file (self->document) == NULL)
    return;
  state.zoom = jm_canvas_get_zoom (self->canvas);
  state.show_inspector = adw_flap_get_reveal_flap (self->inspector_flap);
  state.show_outline = adw_flap_get_reveal_flap (self->flap);
  state.colour_by = g_strdup (jm_canvas_get_colour_by (self->canvas));
  state.highlight = g_strdup (jm_canvas_get_filter (self->canvas));
  if (!jm_session_save_view_state (session (self), jm_document_get_file (self->document), &state, &error))
    g_debug ("The view of the map is not remembered: %s", error->message);
  jm_view_state_clear (&state);
}

static gboolean
remember_view_cb (gpointer data)
{
  JmWindow *self = data;

  self->view_state_id = 0;
  remember_view (self);
  return G_SOURCE_REMOVE;
}

static void
queue_remember_view (JmWindow *self)
{
  /* Nothing is queued once the window lets go of its document: the
   * widgets' last notifications while it is disposed come after. */
  if (self->document == NULL || jm_document_get_map (self->document) == NULL ||
      jm_document_get_file (self->document) == NULL || self->restoring_view)
    return;
  g_clear_handle_id (&self->view_state_id, g_source_remove);
  self->view_state_id = g_timeout_add_seconds (1, remember_view_cb, self);
}

static void
restore_view (JmWindow *self)
{
  JmViewState state = { 0 };

  if (jm_document_get_file (self->document) == NULL ||
      !jm_session_load_view_state (session (self), jm_document_get_file (self->document), &state))
    return;
  self->restoring_view = TRUE;
  if (state.zoom > 0)
    jm_canvas_set_zoom (self->canvas, state.zoom);
  if (state.colour_by != NULL)
    jm_canvas_set_colour_by (self->canvas, state.colour_by);
  if (state.highlight != NULL)
    jm_canvas_set_filter (self->canvas, state.highlight);
  check_board_filter (self);
  adw_flap_set_reveal_flap (self->inspector_flap, state.show_inspector);
  adw_flap_set_reveal_flap (self->flap, state.show_outline);
  self->restoring_view = FALSE;
  jm_view_state_clear (&state);
}

static void
watch_view (JmWindow *self)
{
  static const char * const canvas_properties[] = {
    "notify::zoom", "notify::colour-by", "notify::filter",
  };

  for (guint i = 0; i < G_N_ELEMENTS (canvas_properties); i++)
    g_signal_connect_object (self->canvas, canvas_properties[i],
                             G_CALLBACK (queue_remember_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_flap, "notify::reveal-flap",
                           G_CALLBACK (queue_remember_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (queue_remember_view), self, G_CONNECT_SWAPPED);
}

static void
set_board_map (JmWindow *self,
               JmMap    *map)
{
  static const char * const actions[] = {
    "filter", "colour-by", "zoom-in", "zoom-out", "zoom-reset", "zoom-fit",
    "toggle-inspector", "map-properties",
  };

  if (jm_canvas_get_map (self->canvas) != NULL)
    {
      JmMap *old = jm_canvas_get_map (self->canvas);

      g_signal_handlers_disconnect_by_func (jm_map_get_personas (old), check_board_filter, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_history (old), refresh_board_menu, self);
    }
  jm_canvas_set_filter (self->canvas, "");
  jm_canvas_set_map (self->canvas, map);
  if (self->inspector != NULL)
    jm_inspector_set_map (self->inspector, map);
  if (self->map_properties != NULL)
    jm_map_properties_set_map (self->map_properties, map);
  jm_scores_view_set_map (self->scores_view, map);
  if (map != NULL)
    {
      g_signal_connect_object (jm_map_get_personas (map), "items-changed",
                               G_CALLBACK (check_board_filter), self, G_CONNECT_SWAPPED);
      /* The menu lists the personas, channels and teams there are. */
      g_signal_connect_object (jm_map_get_history (map), "changed",
                               G_CALLBACK (refresh_board_menu), self, G_CONNECT_SWAPPED);
    }
  update_board_inspector (self);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    set_board_action_enabled (self, actions[i], map != NULL);
  update_switchers (self);

  if (map != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "board");
      /* The keys act on the board as soon as a map is open. */
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  on_view_stack_visible_child (self);
  on_inspector_flap_folded (self);
  queue_board_menu_refresh (self);
}

static void
setup_board (JmWindow *self)
{
  static const GActionEntry entries[] = {
    { "filter", NULL, "s", "''", board_filter_change_state },
    { "colour-by", NULL, "s", "'none'", board_colour_by_change_state },
    { "zoom-in", board_zoom },
    { "zoom-out", board_zoom },
    { "zoom-reset", board_zoom },
    { "zoom-fit", board_zoom },
    { "toggle-inspector", board_toggle_inspector },
    { "map-properties", board_map_properties },
  };
  GtkEventController *shortcuts;

  self->board_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->board_actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "board", G_ACTION_GROUP (self->board_actions));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F4, 0),
                                                          gtk_named_action_new ("board.toggle-inspector")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_object_bind_property (self->outline, "selected-object", self->canvas, "selected-object",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->canvas, "notify::selected-object",
                           G_CALLBACK (update_board_inspector), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "selection-changed",
                           G_CALLBACK (update_board_inspector), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (update_zoom_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::filter",
                           G_CALLBACK (on_canvas_filter_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::colour-by",
                           G_CALLBACK (on_canvas_colour_by_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_flap, "notify::folded",
                           G_CALLBACK (on_inspector_flap_folded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_view_stack_visible_child), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scores_view, "touchpoint-activated",
                           G_CALLBACK (on_scores_touchpoint_activated), self, G_CONNECT_SWAPPED);
  watch_view (self);
  refresh_board_menu (self);

  jm_set_accessible_label (self->inspector_button, _("Show Inspector"));
  jm_set_accessible_label (GTK_WIDGET (self->board_menu_button), _("Highlight and Colour"));
  jm_set_accessible_label (self->zoom_out_button, _("Zoom Out"));
  jm_set_accessible_label (self->zoom_in_button, _("Zoom In"));
  jm_set_accessible_label (self->zoom_fit_button, _("Fit the Map"));
  jm_set_accessible_label (self->zoom_reset_button, _("Actual Size"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey board"), -1);
  update_zoom_label (self);
  update_legend (self);
  /* The start page: no map yet, nothing for the view's controls to act on. */
  set_board_map (self, NULL);
}

/**
 * jm_window_get_canvas:
 *
 * Returns: (transfer none): the board, whose #JmCanvas:selected-object
 *   follows the outline's
 */
JmCanvas *
jm_window_get_canvas (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return self->canvas;
}

/**
 * jm_window_get_scores_view:
 *
 * Returns: (transfer none): the Scores page
 */
JmScoresView *
jm_window_get_scores_view (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return self->scores_view;
}

/**
 * jm_window_get_view_stack:
 *
 * Returns: (transfer none): the stack of the map's views, "board" and
 *   "scores"
 */
AdwViewStack *
jm_window_get_view_stack (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return self->view_stack;
}

static void
on_history_changed (JmWindow *self)
{
  update_history_labels (self);
  _jm_window_update_actions (self);
}

static void
on_map_changed (JmWindow *self)
{
  update_title (self);
  _jm_window_update_actions (self);
}

/* Map and file. */

static void
disconnect_map (JmWindow *self)
{
  if (jm_document_get_map (self->document) == NULL)
    return;
  g_signal_handlers_disconnect_by_data (jm_document_get_map (self->document), self);
  g_signal_handlers_disconnect_by_data (jm_map_get_history (jm_document_get_map (self->document)), self);
}

static void on_document_file_changed (JmWindow *self);
static void on_document_drafts_failed (JmWindow *self);

/* The window shows one document from start to end; a window opening a
 * file takes the document already reading it. */
static void
set_document (JmWindow   *self,
              JmDocument *document)
{
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      jm_session_remove_document (session (self), self->document);
    }
  g_set_object (&self->document, document);
  jm_session_add_document (session (self), document);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (on_document_file_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "drafts-failed", G_CALLBACK (on_document_drafts_failed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * jm_window_set_map:
 * @map: (nullable): the map to show; %NULL shows the start page
 * @file: (nullable): the file @map was read from, %NULL for a new map
 *
 * Shows @map in the window, in place of the previous one (without asking:
 * callers check jm_window_is_replaceable() first).
 */
void
jm_window_set_map (JmWindow *self,
                   JmMap    *map,
                   GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_object_freeze_notify (G_OBJECT (self));

  if (jm_document_get_map (self->document) != map)
    {
      /* The view of the map leaving, if it changed in the last moment. */
      if (self->view_state_id != 0)
        remember_view (self);
      disconnect_map (self);
      jm_document_set_map (self->document, map);
      if (map != NULL)
        {
          g_signal_connect_object (map, "notify::modified", G_CALLBACK (on_map_changed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (map, "notify::title", G_CALLBACK (on_map_changed), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (jm_map_get_history (map), "changed",
                                   G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
        }
      if (!self->outline_after_frame)
        jm_outline_set_map (self->outline, map);
      set_board_map (self, map);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
      jm_window_set_file (self, file);
      if (map != NULL)
        restore_view (self);
    }
  jm_window_set_file (self, file);

  /* The start page is hidden while a map shows, so that measuring the
   * window skips its rows. */
  if (map == NULL)
    gtk_widget_set_visible (self->start_page, TRUE);
  gtk_stack_set_visible_child_name (self->stack, map != NULL ? "map" : "empty");
  if (map != NULL)
    gtk_widget_set_visible (self->start_page, FALSE);
  gtk_widget_set_visible (self->sidebar_button, map != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (self->undo_button), map != NULL);
  gtk_widget_set_visible (self->save_button, map != NULL);

  update_title (self);
  update_history_labels (self);
  _jm_window_update_actions (self);
  jm_document_follow_drafts (self->document);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * jm_window_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_window_get_map (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_document_get_map (self->document);
}

/**
 * jm_window_get_file:
 *
 * Returns: (transfer none) (nullable): where the map is saved
 */
GFile *
jm_window_get_file (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return jm_document_get_file (self->document);
}

/**
 * jm_window_set_file:
 * @file: (nullable): where "Save" writes the map
 */
void
jm_window_set_file (JmWindow *self,
                    GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  jm_document_set_file (self->document, file);
}

static void
on_document_file_changed (JmWindow *self)
{
  update_title (self);
  _jm_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * jm_window_is_replaceable:
 *
 * Returns: %TRUE when the window shows nothing the user made or opened
 *   themselves: the start page, or an untouched new map
 */
gboolean
jm_window_is_replaceable (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);

  return jm_document_is_untouched (self->document);
}

/**
 * jm_window_get_outline:
 *
 * Returns: (transfer none): the outline, whose #JmOutline:selected-object is
 *   the window's selection
 */
JmOutline *
jm_window_get_outline (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return self->outline;
}

/**
 * jm_window_get_board_area:
 *
 * Returns: (transfer none): the vertical box beside the outline that holds
 *   the map's main view
 */
GtkBox *
jm_window_get_board_area (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  return self->board_area;
}

/* Messages. */

/**
 * jm_window_show_error:
 * @heading: what failed, as a title
 * @body: why, in the user's words
 *
 * Shows a message dialog over the window.
 */
void
jm_window_show_error (JmWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening. */

typedef struct
{
  JmWindow   *self;
  JmDocument *document;
  GFile      *file;
} FileOp;

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->document);
  g_clear_object (&op->file);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileOp, file_op_free)

static FileOp *
file_op_new (JmWindow *self,
             GFile    *file)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->self = g_object_ref (self);
  op->document = g_object_ref (self->document);
  op->file = g_object_ref (file);
  return op;
}

static void
on_load_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  JmWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_document_load_finish (op->document, result, &error);
  gboolean present = self->present_source != 0;

  g_clear_handle_id (&self->present_source, g_source_remove);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _jm_window_update_actions (self);

  if (map == NULL)
    {
      g_autofree char *base = g_file_get_basename (op->file);
      g_autofree char *name = g_filename_display_name (base);
      /* Translators: %s is a file name. */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (present)
        gtk_window_present (GTK_WINDOW (self));
      jm_window_show_error (self, heading, error->message);
      return;
    }

  /* A window that opens with this map shows the board first: the outline's
   * rows cost about as much to build and lay out as the board's first
   * view, and they come one frame later. */
  self->outline_after_frame = present;
  jm_window_set_map (self, map, op->file);
  if (present)
    gtk_window_present (GTK_WINDOW (self));
  jm_session_add_recent (session (self), op->file);
}

/**
 * jm_window_open:
 * @file: a .journey file
 *
 * Reads @file in the background and shows it in this window; a file that
 * cannot be read leaves the window as it was and says why.
 */
void
jm_window_open (JmWindow *self,
                GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  jm_document_load_async (self->document, file, on_load_finished, file_op_new (self, file));
  _jm_window_update_actions (self);
}

/**
 * jm_window_new_for_file:
 * @application: the application
 * @file: a .journey file
 *
 * A new window that opens @file as jm_window_open() does, except that the
 * file is read in the background while the window is being built: reading
 * a large map and building the window then overlap.
 *
 * Returns: (transfer none): the window, owned by @application
 */
JmWindow *
jm_window_new_for_file (JmApplication *application,
                        GFile         *file)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  FileOp *op = g_new0 (FileOp, 1);
  JmWindow *self;

  g_return_val_if_fail (application == NULL || JM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* The result comes from the main loop, once the window below exists. */
  op->file = g_object_ref (file);
  op->document = g_object_ref (document);
  jm_document_load_async (document, file, on_load_finished, op);
  self = jm_window_new (application);
  op->self = g_object_ref (self);
  set_document (self, document);
  _jm_window_update_actions (self);
  return self;
}

static gboolean
present_while_loading (gpointer data)
{
  JmWindow *self = data;

  self->present_source = 0;
  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/**
 * jm_window_present_when_open:
 *
 * Presents a window that jm_window_open() is filling: once its map shows (or
 * the file turned out unreadable), so that its first frame is the map rather
 * than the start page, or after a moment if reading takes long.
 */
void
jm_window_present_when_open (JmWindow *self)
{
  g_return_if_fail (JM_IS_WINDOW (self));

  if (!jm_document_get_busy (self->document) || gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (self->present_source == 0)
    self->present_source = g_timeout_add (PRESENT_DELAY_MS, present_while_loading, self);
}

static JmWindow *
find_window_for_file (GFile *file)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_WINDOW (window) && jm_window_get_file (JM_WINDOW (window)) != NULL &&
          g_file_equal (jm_window_get_file (JM_WINDOW (window)), file))
        return JM_WINDOW (window);
    }
  return NULL;
}

/* Where a map opened from this window goes: here if nothing would be lost,
 * otherwise a new window. */
static JmWindow *
target_window (JmWindow *self)
{
  JmWindow *window;

  if (jm_window_is_replaceable (self))
    return self;
  window = jm_window_new (JM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
_jm_window_open_file (JmWindow *self,
                      GFile    *file)
{
  JmWindow *existing = find_window_for_file (file);

  if (existing != NULL)
    {
      gtk_window_present (GTK_WINDOW (existing));
      return;
    }
  jm_window_open (target_window (self), file);
}

/**
 * jm_window_open_sample:
 * @resource_path: a sample map in the app's resources
 *
 * Shows a copy of a sample: it has no file, so saving asks for a name.
 */
void
jm_window_open_sample (JmWindow   *self,
                       const char *resource_path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (resource_path != NULL);

  name = g_path_get_basename (resource_path);
  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    map = jm_file_load_bytes (bytes, name, &error);
  if (map == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      jm_window_show_error (self, heading, error->message);
      return;
    }
  jm_window_set_map (target_window (self), map, NULL);
}

void
_jm_window_new_from_template (JmWindow   *self,
                              const char *template_id)
{
  g_autoptr(JmMap) map = jm_map_new_from_template (template_id);

  if (map == NULL)
    return;
  jm_window_set_map (target_window (self), map, NULL);
}

/* Drafts and changes on disk. */

/* Unsaved work is then only in memory: say so once, until a draft is
 * written again; the toast's button tells why and what to do. */
static void
on_document_drafts_failed (JmWindow *self)
{
  AdwToast *toast;

  toast = adw_toast_new (_("Unsaved changes cannot be kept in drafts"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.drafts-details");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_active_changed (JmWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    jm_document_stash_draft (self->document);
}

static void save_to_file (JmWindow *self,
                          GFile    *file);

static void
on_disk_changed_response (AdwMessageDialog *dialog,
                          const char       *response,
                          JmWindow         *self)
{
  if (g_str_equal (response, "overwrite") && jm_document_get_map (self->document) != NULL && jm_document_get_file (self->document) != NULL)
    {
      self->overwrite_confirmed = TRUE;
      save_to_file (self, jm_document_get_file (self->document));
    }
  else
    {
      self->read_only_confirmed = FALSE;
      if (g_str_equal (response, "save-as") && jm_document_get_map (self->document) != NULL)
        _jm_window_save_as (self);
      else
        self->close_after_save = FALSE;
    }
}

/* Before saving over the file the map came from: if another program
 * changed, moved or deleted it since, the user decides. */
static gboolean
disk_unchanged_or_confirmed (JmWindow *self,
                             GFile    *file)
{
  gboolean gone = FALSE;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->overwrite_confirmed)
    {
      self->overwrite_confirmed = FALSE;
      return TRUE;
    }
  if (!jm_document_changed_on_disk (self->document, file, &gone))
    return TRUE;

  name = g_file_get_basename (file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   !gone ? _("File Changed on Disk")
                                               : _("File Moved or Deleted"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  !gone
                                  ? _("The file “%s” was changed by another program since you opened it. Saving replaces those changes with this map.")
                                  : _("The file “%s” was moved or deleted by another program since you opened it. Saving writes this map there again."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "overwrite", !gone ? _("_Overwrite") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disk_changed_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/**
 * jm_window_recover_draft:
 * @id: a draft's id, from jm_draft_list_recoverable()
 *
 * Opens the work kept in a draft whose window is gone: in @self if it shows
 * nothing the user made, otherwise in a new window. The map opens as
 * modified, with its original file (if it had one) so that Save writes
 * there; the window keeps writing the same draft.
 *
 * Returns: (transfer none) (nullable): the window showing the map, or %NULL
 *   if the draft could not be recovered
 */
JmWindow *
jm_window_recover_draft (JmWindow    *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(JmDraft) draft = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GFile) file = NULL;
  JmWindow *target;

  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  draft = jm_draft_claim (NULL, id, error);
  if (draft == NULL)
    return NULL;
  map = jm_draft_load (draft, &file, NULL, error);
  if (map == NULL)
    return NULL;

  target = jm_window_is_replaceable (self)
           ? self
           : jm_window_new (JM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  jm_document_take_draft (target->document, g_steal_pointer (&draft));
  jm_history_mark_unsaved (jm_map_get_history (map));
  jm_window_set_map (target, map, file);
  gtk_window_present (GTK_WINDOW (target));
  return target;
}

static void offer_next_draft (JmWindow  *self,
                              GPtrArray *drafts);

static void
on_recover_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JmWindow         *self)
{
  GPtrArray *drafts = g_object_get_data (G_OBJECT (dialog), "jm-drafts");
  JmDraftInfo *info = g_ptr_array_steal_index (drafts, 0);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "recover"))
    {
      if (jm_window_recover_draft (self, info->id, &error) == NULL)
        jm_window_show_error (self, _("Could Not Recover the Work"), error->message);
    }
  else if (g_str_equal (response, "discard"))
    {
      g_autoptr(JmDraft) draft = jm_draft_claim (NULL, info->id, NULL);

      if (draft != NULL)
        jm_draft_discard (draft);
    }
  jm_draft_info_free (info);
  offer_next_draft (self, drafts);
}

static char *
format_written (GDateTime *written)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (now) == g_date_time_get_year (written) &&
      g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (written))
    /* Translators: when a draft was written today, as strftime() reads it. */
    return g_date_time_format (written, _("%H:%M"));
  /* Translators: when a draft was written before today, as strftime() reads it. */
  return g_date_time_format (written, _("%e %B, %H:%M"));
}

static void
offer_next_draft (JmWindow  *self,
                  GPtrArray *drafts)
{
  JmDraftInfo *info;
  g_autofree char *written = NULL;
  const char *title;
  GtkWidget *dialog;

  if (drafts->len == 0)
    return;
  info = drafts->pdata[0];
  written = format_written (info->written);
  title = *info->title != '\0' ? info->title : _("Untitled Map");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Work?"), NULL);
  if (info->file_is_newer)
    /* Translators: the first %s is a map's title, the second a time. */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s”, written %s, was not saved before the app stopped. Its file was changed after that: it may hold newer work than this draft."),
                                    title, written);
  else
    /* Translators: the first %s is a map's title, the second a time. */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s”, written %s, was not saved before the app stopped."),
                                    title, written);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  /* Escape keeps the draft for the next start. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "jm-drafts", g_ptr_array_ref (drafts),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recover_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * jm_window_offer_recovery:
 *
 * Offers, one after the other, to recover each draft left by a window that
 * is gone (the app crashed or was killed). Drafts of windows still open,
 * in this instance or another, are not offered.
 *
 * Returns: the number of drafts offered
 */
guint
jm_window_offer_recovery (JmWindow *self)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (JM_IS_WINDOW (self), 0);

  drafts = jm_session_list_recoverable (session (self));
  offer_next_draft (self, drafts);
  return drafts->len;
}

/* Saving. */

static void
finish_close (JmWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* The reason in a save's error ("Could not save “NAME”: the disk is
 * full"), as a sentence: the dialog's heading already says what failed. */
static char *
save_failure_reason (const char *message)
{
  g_autofree char *format = g_strdup (_("Could not save “%s”: %s"));
  char *name_at = strstr (format, "%s");
  const char *rest;
  const char *reason;
  GString *sentence;

  if (name_at == NULL)
    return g_strdup (message);
  *name_at = '\0';
  rest = name_at + 2;
  /* What follows the name in the format, up to the reason: "”: ". */
  if (!g_str_has_prefix (message, format))
    return g_strdup (message);
  {
    g_autofree char *between = g_strndup (rest, strstr (rest, "%s") != NULL
                                                ? (gsize) (strstr (rest, "%s") - rest)
                                                : strlen (rest));

    reason = strstr (message + strlen (format), between);
    if (reason == NULL || *between == '\0')
      return g_strdup (message);
    reason += strlen (between);
  }
  sentence = g_string_new (NULL);
  if (*reason != '\0')
    {
      g_autofree char *first = g_utf8_strup (reason, g_utf8_next_char (reason) - reason);

      g_string_append (sentence, first);
      g_string_append (sentence, g_utf8_next_char (reason));
    }
  if (sentence->len > 0 && !strchr (".!?", sentence->str[sentence->len - 1]))
    g_string_append_c (sentence, '.');
  return g_string_free (sentence, FALSE);
}

static void
on_save_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  JmWindow *self = op->self;
  g_autoptr(GError) error = NULL;

  if (!jm_document_save_finish (op->document, op->file, result, &error))
    {
      g_autofree char *base = g_file_get_basename (op->file);
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      g_autofree char *reason = NULL;

      /* A failed save never closes the window. */
      self->close_after_save = FALSE;
      _jm_window_update_actions (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          reason = save_failure_reason (error->message);
          jm_window_show_error (self, heading, reason);
        }
      return;
    }

  jm_session_add_recent (session (self), op->file);
  update_title (self);
  _jm_window_update_actions (self);

  if (self->close_after_save)
    finish_close (self);
}

static void
on_read_only_response (AdwMessageDialog *dialog,
                       const char       *response,
                       JmWindow         *self)
{
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (dialog), "jm-file");

  if (g_str_equal (response, "overwrite") && jm_document_get_map (self->document) != NULL && file != NULL)
    {
      self->read_only_confirmed = TRUE;
      save_to_file (self, file);
    }
  else if (g_str_equal (response, "save-as") && jm_document_get_map (self->document) != NULL)
    _jm_window_save_as (self);
  else
    self->close_after_save = FALSE;
}

/* Replacing a read-only file is a change on disk the user did not ask
 * for by pressing Save: ask first. */
static gboolean
writable_or_confirmed (JmWindow *self,
                       GFile    *file)
{
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  /* Reset once the save starts: the question about a changed file may
   * come in between. */
  if (self->read_only_confirmed || !jm_document_is_read_only (file))
    return TRUE;

  name = g_file_get_basename (file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Is Read-Only"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The file “%s” is read-only. Saving replaces it with this map; "
                                    "Save As keeps it and writes a new file."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jm-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_read_only_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
save_to_file (JmWindow *self,
              GFile    *file)
{
  g_assert (jm_document_get_map (self->document) != NULL);

  if (!writable_or_confirmed (self, file))
    return;
  if (!disk_unchanged_or_confirmed (self, file))
    return;
  self->read_only_confirmed = FALSE;
  jm_document_save_async (self->document, file, on_save_finished, file_op_new (self, file));
  _jm_window_update_actions (self);
}

static void
on_save_dialog_response (GtkNativeDialog *dialog,
                         int              response,
                         JmWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || jm_document_get_map (self->document) == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  {
    g_autofree char *base = g_file_get_basename (file);

    /* A name typed without the extension still gets one, so the file is
     * recognised as a map later. */
    if (base != NULL && strchr (base, '.') == NULL)
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *named = g_strconcat (base, ".journey", NULL);

        if (parent != NULL)
          g_set_object (&file, g_file_get_child (parent, named));
      }
  }
  save_to_file (self, file);
}

void
_jm_window_save_as (JmWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = display_name (self);
  g_autofree char *file_name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Map As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  {
    g_autoptr(GtkFileFilter) journeys = jm_journey_file_filter_new ();

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), journeys);
  }
  g_strdelimit (name, "/\\", '-');
  file_name = g_strconcat (name, ".journey", NULL);
  if (jm_document_get_file (self->document) != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (jm_document_get_file (self->document));

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
      g_free (file_name);
      file_name = g_file_get_basename (jm_document_get_file (self->document));
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_jm_window_save (JmWindow *self)
{
  if (jm_document_get_map (self->document) == NULL)
    return;
  jm_canvas_commit_edit (self->canvas);
  if (jm_document_get_file (self->document) == NULL)
    _jm_window_save_as (self);
  else
    save_to_file (self, jm_document_get_file (self->document));
}

/* Closing. */

static gboolean
close_when_idle (gpointer data)
{
  finish_close (data);
  return G_SOURCE_REMOVE;
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JmWindow         *self)
{
  /* The dialog is still being answered: the window, its parent, goes once
   * the dialog is gone. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      _jm_window_save (self);
    }
}

static void
ask_about_unsaved (JmWindow *self)
{
  g_autofree char *name = display_name (self);
  /* Translators: %s is the map's title. */
  g_autofree char *heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  GtkWidget *dialog;

  /* Asked again (a second click on close, or Quit), the same question. */
  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Changes that are not saved will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response), self, 0);
  self->unsaved_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_window_state (JmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
jm_window_close_request (GtkWindow *window)
{
  JmWindow *self = JM_WINDOW (window);

  /* A card being created is work too: it counts as a change to ask about. */
  if (!self->close_confirmed)
    jm_canvas_commit_edit (self->canvas);
  if (!self->close_confirmed && jm_document_get_map (self->document) != NULL && jm_map_get_modified (jm_document_get_map (self->document)))
    {
      if (!jm_document_get_busy (self->document))
        ask_about_unsaved (self);
      return TRUE;
    }

  save_window_state (self);
  remember_view (self);
  jm_document_close_drafts (self->document);
  jm_document_cancel (self->document);
  return GTK_WINDOW_CLASS (jm_window_parent_class)->close_request (window);
}

/* The header's "New Map" menu: the templates by name. */
static void
populate_template_menu (JmWindow *self)
{
  g_autofree const char **ids = jm_map_list_templates ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (jm_map_get_template_label (ids[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "win.new-from-template",
                                               g_variant_new_string (ids[i]));
      g_menu_append_item (section, item);
    }

  g_menu_append_section (menu, _("New Map From"), G_MENU_MODEL (section));
  jm_menu_button_set_menu_later (self->new_button, G_MENU_MODEL (menu));
}

/* Signals. */

static void
on_outline_selected_object (JmWindow *self)
{
  _jm_window_update_actions (self);
}

static void
on_outline_object_activated (JmWindow *self,
                             GObject  *object)
{
  /* A persona has more than a name: its row opens the persona editor. */
  if (JM_IS_PERSONA (object))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-persona", NULL);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.rename", NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         JmWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    _jm_window_open_file (self, l->data);
  return files != NULL;
}

static void
restore_window_state (JmWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the schema installed (a build run from its tree) the window
   * simply keeps its default size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized"))
    return;

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* GObject. */

static void
jm_window_dispose (GObject *object)
{
  JmWindow *self = JM_WINDOW (object);

  g_clear_handle_id (&self->switchers_id, g_source_remove);
  g_clear_handle_id (&self->after_frame_id, g_source_remove);
  g_clear_handle_id (&self->view_state_id, g_source_remove);

  g_clear_handle_id (&self->present_source, g_source_remove);
  if (self->unsaved_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->unsaved_dialog), (gpointer *) &self->unsaved_dialog);
  self->unsaved_dialog = NULL;
  disconnect_map (self);
  /* A window destroyed without closing (the application quits) keeps its
   * newest changes in the draft, even while a load or save still holds
   * the document. */
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      jm_session_remove_document (session (self), self->document);
      g_object_run_dispose (G_OBJECT (self->document));
    }
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->board_actions);
  g_clear_pointer (&self->board_menu_key, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_WINDOW);

  G_OBJECT_CLASS (jm_window_parent_class)->dispose (object);
}

static void
jm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JmWindow *self = JM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, jm_document_get_map (self->document));
      break;
    case PROP_FILE:
      g_value_set_object (value, jm_document_get_file (self->document));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JmWindow *self = JM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_window_set_map (self, g_value_get_object (value), NULL);
      break;
    case PROP_FILE:
      jm_window_set_file (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_window_class_init (JmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jm_window_dispose;
  object_class->get_property = jm_window_get_property;
  object_class->set_property = jm_window_set_property;
  window_class->close_request = jm_window_close_request;

  /**
   * JmWindow:map:
   *
   * The map shown, %NULL for the start page. Setting it forgets the file.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * JmWindow:file:
   *
   * Where the map is saved, %NULL for a map never saved.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resources are linked from a static library, where nothing would
   * pull them in: naming them links them, and their constructors register
   * them. */
  if (jm_app_get_resource () == NULL || jm_samples_get_resource () == NULL)
    g_error ("The application's resources are missing");

  g_type_ensure (JM_TYPE_START_PAGE);
  g_type_ensure (JM_TYPE_OUTLINE);
  g_type_ensure (JM_TYPE_CANVAS);
  g_type_ensure (JM_TYPE_INSPECTOR);
  g_type_ensure (JM_TYPE_SCORES_VIEW);
  g_type_ensure (JM_TYPE_SCORE_LEGEND);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, header_switcher);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, add_menu);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, rename_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, board_area);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, inspector_stack);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, scores_view);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, board_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, legend_title);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, zoom_reset_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, zoom_fit_button);

  _jm_window_actions_install (widget_class);
}

static void
jm_window_init (JmWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  jm_menu_button_set_menu_later (self->primary_menu_button, self->primary_menu);
  jm_menu_button_set_menu_later (self->add_button, self->add_menu);

  {
    g_autoptr(JmDocument) document = jm_document_new ();

    set_document (self, document);
  }

  jm_set_accessible_label (self->open_button, _("Open"));
  jm_set_accessible_label (GTK_WIDGET (self->new_button), _("New Map"));
  jm_set_accessible_label (GTK_WIDGET (self->primary_menu_button), _("Main Menu"));
  jm_set_accessible_label (GTK_WIDGET (self->add_button), _("Add"));
  jm_set_accessible_label (self->sidebar_button, _("Show Outline"));
  jm_set_accessible_label (self->save_button, _("Save"));
  jm_set_accessible_label (self->move_up_button, _("Move Up"));
  jm_set_accessible_label (self->move_down_button, _("Move Down"));
  jm_set_accessible_label (self->rename_button, _("Rename"));
  jm_set_accessible_label (self->delete_button, _("Delete"));

  g_signal_connect_object (self->outline, "notify::selected-object",
                           G_CALLBACK (on_outline_selected_object), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outline, "object-activated",
                           G_CALLBACK (on_outline_object_activated), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  populate_template_menu (self);

  setup_board (self);
  restore_window_state (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  jm_window_set_map (self, NULL, NULL);
}

static JmDocument *
jm_window_host_get_document (JmBoardHost *host)
{
  return JM_WINDOW (host)->document;
}

static GtkBox *
jm_window_host_get_board_area (JmBoardHost *host)
{
  return JM_WINDOW (host)->board_area;
}

static JmOutline *
jm_window_host_get_outline (JmBoardHost *host)
{
  return JM_WINDOW (host)->outline;
}

static void
jm_window_host_show_error (JmBoardHost *host,
                           const char  *heading,
                           const char  *body)
{
  jm_window_show_error (JM_WINDOW (host), heading, body);
}

static void
jm_window_board_host_init (JmBoardHostInterface *iface)
{
  iface->get_document = jm_window_host_get_document;
  iface->get_board_area = jm_window_host_get_board_area;
  iface->get_outline = jm_window_host_get_outline;
  iface->show_error = jm_window_host_show_error;
}

/**
 * jm_window_new:
 *
 * Returns: (transfer none): a new window showing the start page, owned by
 *   @application
 */
JmWindow *
jm_window_new (JmApplication *application)
{
  return g_object_new (JM_TYPE_WINDOW, "application", application, NULL);
}
