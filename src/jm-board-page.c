/* jm-board-page.c: a map's board, scores and outline, as a window shows them
 *
 * The outline sits in a flap beside the board area, which holds the
 * map's views: "board" (the canvas, with the inspector in a flap at its
 * side) and "scores"; over them, the bar shown while walking the journey
 * as one persona.
 *
 * The canvas, the outline and the inspector share one JmSelection: each
 * writes its choices into it and follows it; the panel shows the inspector
 * of the selection, or the map's own fields when nothing is selected. The
 * inspector is built the first time something is selected: a map opens
 * with nothing selected.
 *
 * The page's own actions, in the "board" group, concern only the view:
 * highlighting, colouring by score, zoom and the inspector panel. The
 * window inserts the group, so that its header's board menu reaches it.
 * How the map is viewed is remembered per file by the session, a moment
 * after it changes and when the window closes, and shown again when the
 * file or its draft opens.
 *
 * The workshop's tools on the page (capture, templates, the scoring pass,
 * the room, present mode) are in jm-board-page-workshop.c.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-board-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jm-board-page-private.h"
#include "jm-edits.h"
#include "jm-names.h"
#include "jm-score-legend.h"
#include "jm-session.h"
#include "jm-ui-util.h"
#include "jm-view-state.h"

G_DEFINE_FINAL_TYPE (JmBoardPage, jm_board_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_OUTLINE,
  PROP_SHOW_INSPECTOR,
  PROP_NARROW,
  PROP_BOARD_VISIBLE,
  PROP_MENU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void walk_stop (JmBoardPage *self);

/* The board menu. */

typedef struct
{
  JmColourBy  colour_by;
  const char *label;
} ColourByChoice;

static const ColourByChoice colour_by_choices[] = {
  { JM_COLOUR_BY_NONE, N_("_None") },
  { JM_COLOUR_BY_COMPOSITE, N_("_Composite Score") },
};

static const char *
colour_by_title (JmColourBy colour_by)
{
  if (colour_by == JM_COLOUR_BY_COMPOSITE)
    return _("Composite score");
  if (colour_by >= JM_COLOUR_BY_RESPONSIVENESS)
    return jm_measure_get_label (colour_by - JM_COLOUR_BY_RESPONSIVENESS);
  return NULL;
}

/* The menu's items name their choice in the words of the view settings:
 * the board's actions take a string. */
static void
append_filter_item (GMenu       *menu,
                    const char  *label,
                    JmHighlight  highlight,
                    const char  *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
  g_autofree char *filter = jm_highlight_to_string (highlight, target);

  g_menu_item_set_action_and_target_value (item, "board.filter", g_variant_new_string (filter));
  g_menu_append_item (menu, item);
}

static void
append_colour_item (GMenu      *menu,
                    const char *label,
                    JmColourBy  colour_by)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "board.colour-by",
                                           g_variant_new_string (jm_colour_by_to_string (colour_by)));
  g_menu_append_item (menu, item);
}

static void
append_name_items (GMenu       *menu,
                   JmMap       *map,
                   JmNameKind   kind,
                   JmHighlight  highlight)
{
  g_autoptr(GPtrArray) names = jm_map_list_names (map, kind);

  for (guint i = 0; i < names->len; i++)
    {
      const JmName *name = g_ptr_array_index (names, i);

      append_filter_item (menu, name->label, highlight, name->value);
    }
}

static void
fill_highlight_menu (JmBoardPage *self,
                     GMenu       *highlight)
{
  g_autoptr(GMenu) personas = g_menu_new ();
  g_autoptr(GMenu) channels = g_menu_new ();
  g_autoptr(GMenu) teams = g_menu_new ();
  JmMap *map = _jm_board_page_map (self);

  append_filter_item (highlight, _("_Everything"), JM_HIGHLIGHT_NONE, NULL);
  append_filter_item (highlight, _("_Moments of Truth"), JM_HIGHLIGHT_MOMENTS, NULL);

  if (map != NULL)
    {
      GListModel *list = jm_map_get_personas (map);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(JmPersona) persona = g_list_model_get_item (list, i);
          const char *name = jm_persona_get_name (persona);

          append_filter_item (personas, *name != '\0' ? name : _("Unnamed persona"),
                              JM_HIGHLIGHT_PERSONA, jm_persona_get_id (persona));
        }

      /* Channels and teams in use, so that no choice dims the whole board;
       * one entry for each name, however it was typed. */
      append_name_items (channels, map, JM_NAME_CHANNEL, JM_HIGHLIGHT_CHANNEL);
      append_name_items (teams, map, JM_NAME_TEAM, JM_HIGHLIGHT_TEAM);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (personas)) > 0)
    g_menu_append_submenu (highlight, _("_Persona"), G_MENU_MODEL (personas));
  if (g_menu_model_get_n_items (G_MENU_MODEL (channels)) > 0)
    g_menu_append_submenu (highlight, _("_Channel"), G_MENU_MODEL (channels));
  if (g_menu_model_get_n_items (G_MENU_MODEL (teams)) > 0)
    g_menu_append_submenu (highlight, _("_Team"), G_MENU_MODEL (teams));
}

static void
fill_menu (JmBoardPage *self,
           GMenu       *menu)
{
  g_autoptr(GMenu) highlight = g_menu_new ();
  g_autoptr(GMenu) colour = g_menu_new ();
  g_autoptr(GMenu) map_section = g_menu_new ();

  fill_highlight_menu (self, highlight);
  g_menu_append_section (menu, _("Highlight"), G_MENU_MODEL (highlight));

  for (guint i = 0; i < G_N_ELEMENTS (colour_by_choices); i++)
    append_colour_item (colour, _(colour_by_choices[i].label), colour_by_choices[i].colour_by);
  for (guint m = 0; m < JM_N_MEASURES; m++)
    append_colour_item (colour, jm_measure_get_label (m), JM_COLOUR_BY_MEASURE (m));
  g_menu_append_section (menu, _("Colour by Score"), G_MENU_MODEL (colour));

  g_menu_append (map_section, _("_Score Cards"), "board.score");
  g_menu_append (map_section, _("Open Workshop _Room…"), "board.open-room");
  g_menu_append (map_section, _("Map _Properties"), "board.map-properties");
  g_menu_append (map_section, _("Start _Voting Round…"), "board.start-voting");
  g_menu_append (map_section, _("_Close Voting Round"), "board.close-round");
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
refresh_menu (JmBoardPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GString) key = g_string_new (NULL);

  fill_menu (self, menu);
  menu_signature (G_MENU_MODEL (menu), key);
  if (g_strcmp0 (key->str, self->menu_key) == 0)
    return;
  g_free (self->menu_key);
  self->menu_key = g_string_free (g_steal_pointer (&key), FALSE);
  g_set_object (&self->menu, G_MENU_MODEL (menu));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MENU]);
}

/* Listing a map's personas, channels and teams for the menu costs a
 * pass over its cards; until the window's first frame is out the button
 * keeps the menu it had, and the new one is made just after that frame. */
static void
queue_menu_refresh (JmBoardPage *self)
{
  if (self->painted)
    {
      refresh_menu (self);
      return;
    }
  self->menu_stale = TRUE;
}

/* The inspector panel. */

/**
 * jm_board_page_get_inspector:
 *
 * Returns: (transfer none): the inspector of the selected object, built
 *   now if nothing was selected before
 */
JmInspector *
jm_board_page_get_inspector (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);

  if (self->inspector == NULL)
    {
      self->inspector = JM_INSPECTOR (jm_inspector_new ());
      gtk_widget_set_visible (GTK_WIDGET (self->inspector), FALSE);
      gtk_stack_add_named (self->inspector_stack, GTK_WIDGET (self->inspector), "object");
      jm_inspector_set_map (self->inspector, jm_canvas_get_map (self->canvas));
      jm_inspector_set_shared_selection (self->inspector, jm_canvas_get_shared_selection (self->canvas));
    }
  return self->inspector;
}

/**
 * jm_board_page_get_map_properties:
 *
 * Returns: (transfer none): the panel of the map's own fields, shown when
 *   nothing is selected; built now if it was not yet
 */
JmMapProperties *
jm_board_page_get_map_properties (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);

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
show_inspector_page (JmBoardPage *self,
                     GtkWidget   *page)
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
update_inspector (JmBoardPage *self)
{
  JmSelection *shared = jm_canvas_get_shared_selection (self->canvas);
  gpointer object = shared != NULL ? jm_selection_get_current (shared) : NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  gtk_widget_set_size_request (GTK_WIDGET (self->inspector_stack),
                               object == NULL ? MAP_PANEL_WIDTH : -1, -1);
  if (object != NULL)
    {
      show_inspector_page (self, GTK_WIDGET (jm_board_page_get_inspector (self)));
      return;
    }
  /* The map's panel is built after the window's first frame, which
   * seldom shows it. */
  if (self->map_properties == NULL && !self->painted)
    return;
  if (self->inspector != NULL)
    jm_inspector_set_object (self->inspector, NULL);
  show_inspector_page (self, GTK_WIDGET (jm_board_page_get_map_properties (self)));
}

static void
update_zoom_label (JmBoardPage *self)
{
  g_autofree char *text = NULL;

  /* Translators: the board's zoom level, such as "100%" */
  text = g_strdup_printf (_("%.0f%%"), round (jm_canvas_get_zoom (self->canvas) * 100));
  gtk_button_set_label (GTK_BUTTON (self->zoom_reset_button), text);
}

static void
update_legend (JmBoardPage *self)
{
  const char *title = colour_by_title (jm_view_settings_get_colour_by (self->settings));

  gtk_widget_set_visible (self->legend_box, title != NULL);
  if (title != NULL)
    gtk_label_set_text (self->legend_title, title);
}

/* The page's actions. */

static void
set_action_enabled (JmBoardPage *self,
                    const char  *name,
                    gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The action's state is what the board shows: while a persona is walked,
 * its lane alone, which no item of the menu names. */
static void
on_settings_filter_notify (JmBoardPage *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "filter");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (jm_canvas_get_filter (self->canvas)));
}

static void
on_settings_colour_by_notify (JmBoardPage *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "colour-by");
  JmColourBy colour_by = jm_view_settings_get_colour_by (self->settings);

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (jm_colour_by_to_string (colour_by)));
  update_legend (self);
}

static void
on_settings_zoom_notify (JmBoardPage *self)
{
  double zoom = jm_view_settings_get_zoom (self->settings);

  /* The board keeps its zoom within its limits, and the binding from it
   * brings the settings back within them. */
  if (zoom != jm_canvas_get_zoom (self->canvas))
    jm_canvas_set_zoom (self->canvas, zoom);
}

static void
board_filter_change_state (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);
  JmHighlight highlight;
  g_autofree char *target = NULL;

  if (!jm_highlight_parse (g_variant_get_string (state, NULL), &highlight, &target))
    {
      g_warning ("Unknown board filter “%s”", g_variant_get_string (state, NULL));
      return;
    }
  /* A highlight chosen while walking a persona shows every lane again. */
  walk_stop (self);
  jm_view_settings_set_highlight (self->settings, highlight, target);
}

static void
board_colour_by_change_state (GSimpleAction *action,
                              GVariant      *state,
                              gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);
  JmColourBy colour_by;

  if (!jm_colour_by_parse (g_variant_get_string (state, NULL), &colour_by))
    {
      g_warning ("Unknown score to colour the board by: “%s”", g_variant_get_string (state, NULL));
      return;
    }
  jm_view_settings_set_colour_by (self->settings, colour_by);
}

static void
board_zoom (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);
  g_autofree char *name = g_strconcat ("canvas.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

static void
board_toggle_inspector (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);

  adw_flap_set_reveal_flap (self->inspector_flap, !adw_flap_get_reveal_flap (self->inspector_flap));
}

static void
board_map_properties (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  JmBoardPage *self = JM_BOARD_PAGE (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  jm_canvas_set_selected_object (self->canvas, NULL);
  adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
}

static void
on_scores_touchpoint_activated (JmBoardPage  *self,
                                JmTouchpoint *touchpoint)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "board");
  jm_canvas_set_selected_object (self->canvas, touchpoint);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* A highlight that names a persona no longer on the map would dim every
 * card: show everything again. */
static void
check_filter (JmBoardPage *self)
{
  const char *persona_id = NULL;
  JmMap *map = _jm_board_page_map (self);

  if (map != NULL &&
      jm_view_settings_get_highlight (self->settings, &persona_id) == JM_HIGHLIGHT_PERSONA &&
      jm_map_lookup_persona (map, persona_id) == NULL)
    jm_view_settings_set_highlight (self->settings, JM_HIGHLIGHT_NONE, NULL);
}

static void
on_view_stack_visible_child (JmBoardPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_VISIBLE]);
}

/* Board | Scores: in the window's header when there is room; in a bar at
 * the bottom when the page is narrow. */
static void
update_switcher_bar (JmBoardPage *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    _jm_board_page_map (self) != NULL && adw_flap_get_folded (self->flap));
}

static gboolean
narrow_changed_cb (gpointer data)
{
  JmBoardPage *self = data;

  self->narrow_id = 0;
  update_switcher_bar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
  return G_SOURCE_REMOVE;
}

/* The flap folds while the window is being allocated: changing what the
 * header or the bar shows then would leave them unallocated for the frame
 * being drawn. Change them right after. */
static void
on_flap_folded (JmBoardPage *self)
{
  if (self->narrow_id == 0)
    self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, narrow_changed_cb, self, NULL);
}

static void
on_flap_revealed (JmBoardPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OUTLINE]);
}

static void
on_inspector_flap_revealed (JmBoardPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INSPECTOR]);
}

static void
on_inspector_flap_folded (JmBoardPage *self)
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

/* The window's first frame. */

/* What waited for the window's first frame: the outline's rows, the
 * map's panel and the board menu. */
static gboolean
after_first_frame_cb (gpointer data)
{
  JmBoardPage *self = data;

  self->after_frame_id = 0;
  if (self->outline_after_frame)
    {
      gpointer selected = jm_canvas_get_selected_object (self->canvas);

      self->outline_after_frame = FALSE;
      jm_outline_set_map (self->outline, _jm_board_page_map (self));
      /* What was chosen on the board meanwhile. */
      if (selected != NULL)
        jm_outline_set_selected_object (self->outline, selected);
    }
  if (self->menu_stale)
    {
      self->menu_stale = FALSE;
      refresh_menu (self);
    }
  update_inspector (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                JmBoardPage   *self)
{
  self->painted = TRUE;
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  if (self->after_frame_id == 0)
    self->after_frame_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_first_frame_cb, self, NULL);
}

static void
on_root_realize (JmBoardPage *self,
                 GtkWidget   *root)
{
  self->painted = FALSE;
  g_signal_connect_object (gtk_widget_get_frame_clock (root), "after-paint",
                           G_CALLBACK (on_after_paint), self, 0);
}

/* The page may sit out of view when the window first draws: what waits
 * for the first frame waits for the window's. */
static void
jm_board_page_root (GtkWidget *widget)
{
  JmBoardPage *self = JM_BOARD_PAGE (widget);

  GTK_WIDGET_CLASS (jm_board_page_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "realize", G_CALLBACK (on_root_realize), self,
                           G_CONNECT_SWAPPED);
}

static void
jm_board_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_root (widget), widget);
  GTK_WIDGET_CLASS (jm_board_page_parent_class)->unroot (widget);
}

/* Remembering the view. */

/**
 * jm_board_page_remember_view:
 *
 * Keeps how the map is viewed (zoom, panels, colouring, highlight) for
 * its file, now.
 */
void
jm_board_page_remember_view (JmBoardPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JM_IS_BOARD_PAGE (self));

  g_clear_handle_id (&self->view_state_id, g_source_remove);
  if (_jm_board_page_map (self) == NULL || jm_document_get_file (self->document) == NULL)
    return;
  if (!jm_session_remember_view (jm_session_get_default (), jm_document_get_file (self->document),
                                 self->settings, &error))
    g_debug ("The view of the map is not remembered: %s", error->message);
}

/**
 * jm_board_page_flush_view:
 *
 * Remembers the view now if a change waits to be remembered: before the
 * map or its file changes.
 */
void
jm_board_page_flush_view (JmBoardPage *self)
{
  g_return_if_fail (JM_IS_BOARD_PAGE (self));

  if (self->view_state_id != 0)
    jm_board_page_remember_view (self);
}

static gboolean
remember_view_cb (gpointer data)
{
  JmBoardPage *self = data;

  self->view_state_id = 0;
  jm_board_page_remember_view (self);
  return G_SOURCE_REMOVE;
}

static void
queue_remember_view (JmBoardPage *self)
{
  /* Nothing is queued once the page lets go of its document: the
   * widgets' last notifications while it is disposed come after. */
  if (self->document == NULL || _jm_board_page_map (self) == NULL ||
      jm_document_get_file (self->document) == NULL || self->restoring_view ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->view_state_id, g_source_remove);
  self->view_state_id = g_timeout_add_seconds (1, remember_view_cb, self);
}

/**
 * jm_board_page_restore_view:
 *
 * Shows the map as it was last viewed, if its file's view is remembered.
 */
void
jm_board_page_restore_view (JmBoardPage *self)
{
  g_return_if_fail (JM_IS_BOARD_PAGE (self));

  if (self->document == NULL || jm_document_get_file (self->document) == NULL)
    return;
  self->restoring_view = TRUE;
  if (jm_session_restore_view (jm_session_get_default (), jm_document_get_file (self->document),
                               self->settings))
    check_filter (self);
  self->restoring_view = FALSE;
}

/* The board, its panels and its menu share one JmViewSettings. */
static void
setup_settings (JmBoardPage *self)
{
  self->settings = jm_view_settings_new ();
  jm_canvas_set_view_settings (self->canvas, self->settings);
  g_object_bind_property (self->flap, "reveal-flap", self->settings, "show-outline",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->inspector_flap, "reveal-flap", self->settings, "show-inspector",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->canvas, "zoom", self->settings, "zoom", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->settings, "notify::zoom",
                           G_CALLBACK (on_settings_zoom_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::highlight",
                           G_CALLBACK (on_settings_filter_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::walked-persona",
                           G_CALLBACK (on_settings_filter_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::colour-by",
                           G_CALLBACK (on_settings_colour_by_notify), self, G_CONNECT_SWAPPED);
  /* Any change is remembered, after a pause. */
  g_signal_connect_object (self->settings, "notify",
                           G_CALLBACK (queue_remember_view), self, G_CONNECT_SWAPPED);
}

/* Walking the journey as one persona: its lane alone on the board, its
 * emotion curve above. */

static void
walk_update_title (JmBoardPage *self)
{
  g_autofree char *title = NULL;

  if (self->walking == NULL)
    return;
  /* Translators: %s is a persona's name */
  title = g_strdup_printf (_("Walking the journey as %s"), jm_persona_get_name (self->walking));
  gtk_label_set_text (self->walk_title, title);
}

static void
walk_stop (JmBoardPage *self)
{
  if (self->walking == NULL)
    return;
  jm_view_settings_set_walked_persona (self->settings, NULL);
  g_signal_handlers_disconnect_by_data (self->walking, self);
  g_clear_object (&self->walking);
  jm_emotion_curve_set_persona (self->walk_curve, NULL, NULL);
  gtk_widget_set_visible (self->walk_bar, FALSE);
}

static void
on_walk_stop_clicked (JmBoardPage *self)
{
  walk_stop (self);
}

/**
 * jm_board_page_walk:
 * @persona: (nullable): the persona to walk the journey as; %NULL shows
 *   all lanes again
 *
 * Shows @persona's lane alone, with its emotion curve over the board;
 * the highlight chosen before comes back when the walk stops.
 */
void
jm_board_page_walk (JmBoardPage *self,
                    JmPersona   *persona)
{
  g_return_if_fail (JM_IS_BOARD_PAGE (self));
  g_return_if_fail (persona == NULL || JM_IS_PERSONA (persona));

  if (persona == NULL)
    {
      walk_stop (self);
      return;
    }
  if (self->walking != NULL)
    g_signal_handlers_disconnect_by_data (self->walking, self);
  g_set_object (&self->walking, persona);
  g_signal_connect_object (persona, "notify::name", G_CALLBACK (walk_update_title), self,
                           G_CONNECT_SWAPPED);
  walk_update_title (self);
  jm_emotion_curve_set_persona (self->walk_curve, _jm_board_page_map (self), persona);
  /* The points sit over their stages' columns on the board. */
  jm_emotion_curve_set_canvas (self->walk_curve, self->canvas);
  jm_view_settings_set_walked_persona (self->settings, jm_persona_get_id (persona));
  gtk_widget_set_visible (self->walk_bar, TRUE);
}

/**
 * jm_board_page_get_walking:
 *
 * Returns: (transfer none) (nullable): the persona whose journey the page
 *   walks, %NULL when it shows all lanes alike
 */
JmPersona *
jm_board_page_get_walking (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->walking;
}

/* The map. */

/**
 * jm_board_page_set_document:
 *
 * The document whose map the page shows, and whose file its view is
 * remembered for.
 */
void
jm_board_page_set_document (JmBoardPage *self,
                            JmDocument  *document)
{
  g_return_if_fail (JM_IS_BOARD_PAGE (self));
  g_return_if_fail (document == NULL || JM_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
}

/**
 * jm_board_page_show_map:
 * @map: (nullable): the document's map, now shown
 * @outline_later: whether the outline's rows wait for the window's first
 *   frame (a window that opens with this map shows the board first)
 */
void
jm_board_page_show_map (JmBoardPage *self,
                        JmMap       *map,
                        gboolean     outline_later)
{
  static const char * const actions[] = {
    "filter", "colour-by", "zoom-in", "zoom-out", "zoom-reset", "zoom-fit",
    "toggle-inspector", "map-properties", "capture", "open-room", "score", "add-card",
  };
  JmMap *old = jm_canvas_get_map (self->canvas);

  g_return_if_fail (JM_IS_BOARD_PAGE (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_func (jm_map_get_personas (old), check_filter, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_history (old), refresh_menu, self);
    }
  if (old != map)
    walk_stop (self);
  self->outline_after_frame = outline_later;
  if (!self->outline_after_frame)
    jm_outline_set_map (self->outline, map);
  jm_view_settings_set_highlight (self->settings, JM_HIGHLIGHT_NONE, NULL);
  jm_canvas_set_map (self->canvas, map);
  if (self->inspector != NULL)
    jm_inspector_set_map (self->inspector, map);
  if (self->map_properties != NULL)
    jm_map_properties_set_map (self->map_properties, map);
  jm_scores_view_set_map (self->scores_view, map);
  jm_vote_bar_set_map (self->vote_bar, map);
  if (map != NULL)
    {

      g_signal_connect_object (jm_map_get_personas (map), "items-changed",
                               G_CALLBACK (check_filter), self, G_CONNECT_SWAPPED);
      /* The menu lists the personas, channels and teams there are. */
      g_signal_connect_object (jm_map_get_history (map), "changed",
                               G_CALLBACK (refresh_menu), self, G_CONNECT_SWAPPED);
    }
  update_inspector (self);
  if (map == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->capture_bar), "capture.close", NULL);
  if (old != map)
    jm_scoring_pass_close (self->scoring_pass);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    set_action_enabled (self, actions[i], map != NULL);

  if (map != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "board");
      /* The keys act on the board as soon as a map is open. */
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  update_switcher_bar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_VISIBLE]);
  on_inspector_flap_folded (self);
  queue_menu_refresh (self);
  if (self->present_pending && map != NULL)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 50, _jm_board_page_present_when_shown, g_object_ref (self),
                        g_object_unref);
  else
    self->present_pending = FALSE;
}

/* Getters. */

/**
 * jm_board_page_get_actions:
 *
 * Returns: (transfer none): the "board" actions, for the window to insert
 */
GActionGroup *
jm_board_page_get_actions (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

/**
 * jm_board_page_get_menu:
 *
 * Returns: (transfer none): the board menu: highlight, colour, the map's
 *   properties
 */
GMenuModel *
jm_board_page_get_menu (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->menu;
}

/**
 * jm_board_page_get_canvas:
 *
 * Returns: (transfer none): the board, whose #JmCanvas:selected-object
 *   follows the outline's
 */
JmCanvas *
jm_board_page_get_canvas (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->canvas;
}

/**
 * jm_board_page_get_outline:
 *
 * Returns: (transfer none): the outline beside the board
 */
JmOutline *
jm_board_page_get_outline (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->outline;
}

/**
 * jm_board_page_get_board_area:
 *
 * Returns: (transfer none): the vertical box beside the outline that
 *   holds the map's views
 */
GtkBox *
jm_board_page_get_board_area (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->board_area;
}

/**
 * jm_board_page_get_view_stack:
 *
 * Returns: (transfer none): the stack of the map's views, "board" and
 *   "scores"
 */
AdwViewStack *
jm_board_page_get_view_stack (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->view_stack;
}

/**
 * jm_board_page_get_scores_view:
 *
 * Returns: (transfer none): the Scores view
 */
JmScoresView *
jm_board_page_get_scores_view (JmBoardPage *self)
{
  g_return_val_if_fail (JM_IS_BOARD_PAGE (self), NULL);
  return self->scores_view;
}

/* GObject. */

static void
jm_board_page_dispose (GObject *object)
{
  JmBoardPage *self = JM_BOARD_PAGE (object);

  g_clear_handle_id (&self->after_frame_id, g_source_remove);
  g_clear_handle_id (&self->view_state_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  if (self->walking != NULL)
    g_signal_handlers_disconnect_by_data (self->walking, self);
  g_clear_object (&self->walking);
  if (self->room_panel != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->room_panel), (gpointer *) &self->room_panel);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->room_panel)));
    }
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_pointer (&self->menu_key, g_free);

  /* The bin lets go of its child first: the template's own children are
   * unparented next, and the bin would otherwise unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_BOARD_PAGE);

  G_OBJECT_CLASS (jm_board_page_parent_class)->dispose (object);
}

static void
jm_board_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JmBoardPage *self = JM_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_OUTLINE:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;
    case PROP_SHOW_INSPECTOR:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->inspector_flap));
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, adw_flap_get_folded (self->flap));
      break;
    case PROP_BOARD_VISIBLE:
      /* The inspector and the board's menu only act on the board. */
      g_value_set_boolean (value, _jm_board_page_map (self) != NULL &&
                                  g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                             "board") == 0);
      break;
    case PROP_MENU:
      g_value_set_object (value, self->menu);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_board_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JmBoardPage *self = JM_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_OUTLINE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    case PROP_SHOW_INSPECTOR:
      adw_flap_set_reveal_flap (self->inspector_flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_board_page_class_init (JmBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_board_page_dispose;
  object_class->get_property = jm_board_page_get_property;
  object_class->set_property = jm_board_page_set_property;
  widget_class->root = jm_board_page_root;
  widget_class->unroot = jm_board_page_unroot;

  /**
   * JmBoardPage:show-outline:
   *
   * Whether the outline shows beside the board.
   */
  properties[PROP_SHOW_OUTLINE] =
    g_param_spec_boolean ("show-outline", NULL, NULL, TRUE, G_PARAM_READWRITE | flags);
  /**
   * JmBoardPage:show-inspector:
   *
   * Whether the inspector panel shows beside the board.
   */
  properties[PROP_SHOW_INSPECTOR] =
    g_param_spec_boolean ("show-inspector", NULL, NULL, TRUE, G_PARAM_READWRITE | flags);
  /**
   * JmBoardPage:narrow:
   *
   * Whether the page is too narrow for the outline beside the board.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE, G_PARAM_READABLE | flags);
  /**
   * JmBoardPage:board-visible:
   *
   * Whether a map's board is in view (rather than its scores).
   */
  properties[PROP_BOARD_VISIBLE] =
    g_param_spec_boolean ("board-visible", NULL, NULL, FALSE, G_PARAM_READABLE | flags);
  /**
   * JmBoardPage:menu:
   *
   * The board menu, made anew when what it lists changes.
   */
  properties[PROP_MENU] =
    g_param_spec_object ("menu", NULL, NULL, G_TYPE_MENU_MODEL, G_PARAM_READABLE | flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JM_TYPE_OUTLINE);
  g_type_ensure (JM_TYPE_CANVAS);
  g_type_ensure (JM_TYPE_INSPECTOR);
  g_type_ensure (JM_TYPE_SCORES_VIEW);
  g_type_ensure (JM_TYPE_SCORE_LEGEND);
  g_type_ensure (JM_TYPE_EMOTION_CURVE);
  g_type_ensure (JM_TYPE_VOTE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, flap);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, outline);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, add_menu);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, board_area);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, walk_bar);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, capture_bar);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, scoring_pass);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, vote_bar);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, walk_title);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, walk_curve);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, inspector_stack);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, scores_view);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, legend_title);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, zoom_reset_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, JmBoardPage, zoom_fit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_revealed);
  gtk_widget_class_bind_template_callback (widget_class, on_walk_stop_clicked);
  _jm_board_page_workshop_class_init (widget_class);
}

static void
setup_actions (JmBoardPage *self)
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

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  _jm_board_page_workshop_add_actions (self);
}

static void
jm_board_page_init (JmBoardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jm_menu_button_set_menu_later (self->add_button, self->add_menu);
  setup_actions (self);
  jm_vote_bar_install (self->vote_bar, G_ACTION_MAP (self->actions), GTK_WIDGET (self->canvas));

  {
    g_autoptr(JmSelection) selection = jm_selection_new ();

    jm_canvas_set_shared_selection (self->canvas, selection);
    jm_outline_set_shared_selection (self->outline, selection);
    g_signal_connect_object (selection, "changed",
                             G_CALLBACK (update_inspector), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (selection, "changed",
                             G_CALLBACK (_jm_board_page_update_capture_target), self, G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (update_zoom_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_flap, "notify::folded",
                           G_CALLBACK (on_inspector_flap_folded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_flap, "notify::reveal-flap",
                           G_CALLBACK (on_inspector_flap_revealed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_view_stack_visible_child), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scores_view, "touchpoint-activated",
                           G_CALLBACK (on_scores_touchpoint_activated), self, G_CONNECT_SWAPPED);
  setup_settings (self);
  refresh_menu (self);

  jm_set_accessible_label (GTK_WIDGET (self->add_button), _("Add"));
  jm_set_accessible_label (self->move_up_button, _("Move Up"));
  jm_set_accessible_label (self->move_down_button, _("Move Down"));
  jm_set_accessible_label (self->rename_button, _("Rename"));
  jm_set_accessible_label (self->delete_button, _("Delete"));
  jm_set_accessible_label (self->zoom_out_button, _("Zoom Out"));
  jm_set_accessible_label (self->zoom_in_button, _("Zoom In"));
  jm_set_accessible_label (self->zoom_fit_button, _("Fit the Map"));
  jm_set_accessible_label (self->zoom_reset_button, _("Actual Size"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey board"), -1);
  update_zoom_label (self);
  update_legend (self);
  /* No map yet, nothing for the view's controls to act on. */
  jm_board_page_show_map (self, NULL, FALSE);
}

GtkWidget *
jm_board_page_new (void)
{
  return g_object_new (JM_TYPE_BOARD_PAGE, NULL);
}
