/* test-window-board.c: the board in the window, with the outline, inspector and scores
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-canvas-private.h"
#include "jm-capture-bar.h"
#include "jm-edits.h"
#include "jm-file.h"
#include "jm-inspector.h"
#include "jm-compare-view.h"
#include "jm-map-diff.h"
#include "jm-import-dialog.h"
#include "jm-score-compare.h"
#include "jm-merge-dialog.h"
#include "jm-scoring-pass.h"
#include "jm-vote-bar.h"
#include "jm-votes.h"
#include "jm-window-private.h"
#include "jm-test-window.h"

/* Helpers. */

static gboolean
is_laid_out (gpointer data)
{
  GtkWidget *widget = data;

  jm_test_flush_events ();
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
has_map (gpointer data)
{
  return jm_window_get_map (data) != NULL;
}

static gboolean
is_saved (gpointer data)
{
  return !jm_map_get_modified (jm_window_get_map (data));
}


static char *
sample_copy (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "broadband.journey", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  char *path = g_build_filename (g_get_tmp_dir (), "board.journey", NULL);

  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static JmWindow *
open_window (GFile *file)
{
  JmWindow *window = jm_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  gtk_window_present (GTK_WINDOW (window));
  jm_window_open (window, file);
  jm_test_wait_for (has_map, window, "the map");
  jm_test_wait_for (is_laid_out, jm_window_get_canvas (window), "the board");
  return window;
}

static JmWindow *
window_with (JmMap *map)
{
  JmWindow *window = jm_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_wait_for (is_laid_out, jm_window_get_canvas (window), "the board");
  return window;
}

static guint
stage_position (JmMap        *map,
                JmTouchpoint *touchpoint)
{
  guint position;

  g_assert_true (jm_map_find_stage (map, jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (touchpoint)),
                                    &position));
  return position;
}

static guint
lane_position (JmMap        *map,
               JmTouchpoint *touchpoint)
{
  guint position;

  g_assert_true (jm_map_find_persona (map, jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (touchpoint)),
                                      &position));
  return position;
}

/* Tests. */

static void
test_start_page (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  JmWindow *window = jm_window_new (NULL);
  GtkWidget *switcher = jm_test_window_child (window, "header_switcher");
  AdwWindowTitle *title = ADW_WINDOW_TITLE (jm_test_window_child (window, "window_title"));

  /* Before a map, the view's controls have nothing to act on. */
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  g_assert_false (gtk_widget_get_visible (switcher));
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "inspector_button")));
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "board_menu_button")));

  jm_window_set_map (window, map, NULL);
  jm_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (switcher));
  /* The switcher sits beside the title: the name and unsaved mark stay in view. */
  g_assert_cmpstr (adw_window_title_get_title (title), ==, jm_map_get_title (map));
  jm_map_add_stage (map, -1, "Renew");
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (title), "• "));
  g_assert_true (gtk_widget_get_visible (jm_test_window_child (window, "inspector_button")));
  g_assert_true (gtk_widget_get_visible (jm_test_window_child (window, "board_menu_button")));

  /* The Scores page has no inspector and no board menu. */
  adw_view_stack_set_visible_child_name (jm_window_get_view_stack (window), "scores");
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "inspector_button")));
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "board_menu_button")));

  jm_test_destroy_window (window);
}

static void
test_drag_save_reopen (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmWindow *again;
  JmMap *map = jm_window_get_map (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmHistory *history = jm_map_get_history (map);
  JmTouchpoint *card = jm_test_item_at (jm_map_get_touchpoints (map), 0);
  g_autofree char *id = g_strdup (jm_touchpoint_get_id (card));
  g_autofree char *from_stage = g_strdup (jm_touchpoint_get_stage_id (card));
  g_autofree char *to_stage = NULL;
  GtkGesture *gesture = _jm_canvas_get_drag_gesture (canvas);
  graphene_rect_t rect;
  JmBoardRect cell;
  double x0, y0, x1, y1;
  guint stage, lane, steps;

  /* The board shows the map and takes the keys as soon as it opens. */
  g_assert_true (jm_canvas_get_map (canvas) == map);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (canvas)));
  g_assert_true (jm_scores_view_get_map (jm_window_get_scores_view (window)) == map);

  /* Drag the first card one stage to the right, in its own lane. */
  stage = stage_position (map, card);
  lane = lane_position (map, card);
  g_assert_cmpuint (stage + 1, <, g_list_model_get_n_items (jm_map_get_stages (map)));
  to_stage = g_strdup (jm_stage_get_id (jm_test_item_at (jm_map_get_stages (map), stage + 1)));
  g_assert_true (_jm_canvas_get_card_rect (canvas, card, &rect));
  x0 = rect.origin.x + rect.size.width / 2;
  y0 = rect.origin.y + 12;
  jm_board_geometry_cell_rect (_jm_canvas_get_geometry (canvas), stage + 1, lane, &cell);
  _jm_canvas_board_to_widget (canvas, cell.x + cell.width / 2, cell.y + cell.height - 8, &x1, &y1);
  g_assert_cmpfloat (x1, <, gtk_widget_get_width (GTK_WIDGET (canvas)));

  steps = jm_history_get_n_steps (history);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
  jm_test_flush_events ();
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, to_stage);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);

  /* The window's undo and redo take the drop back and forth. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, from_stage);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, to_stage);

  /* The selection followed the drop, into the outline too. */
  g_assert_true (jm_canvas_get_selected_object (canvas) == card);
  g_assert_true (jm_outline_get_selected_object (jm_window_get_outline (window)) == card);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  jm_test_destroy_window (window);

  /* Opened again, the card is in the cell it was dropped in. */
  again = open_window (file);
  card = jm_map_lookup_touchpoint (jm_window_get_map (again), id);
  g_assert_nonnull (card);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, to_stage);
  g_assert_cmpuint (lane_position (jm_window_get_map (again), card), ==, lane);
  g_assert_true (_jm_canvas_get_card_rect (jm_window_get_canvas (again), card, &rect));
  jm_test_destroy_window (again);
  g_unlink (path);
}

static void
test_keyboard_move (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  JmWindow *window = window_with (map);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmHistory *history = jm_map_get_history (map);
  JmStage *first = jm_test_item_at (jm_map_get_stages (map), 0);
  JmStage *second = jm_test_item_at (jm_map_get_stages (map), 1);
  JmPersona *persona = jm_test_item_at (jm_map_get_personas (map), 0);
  JmTouchpoint *card;
  guint steps;

  jm_map_begin (map, "Add Card");
  card = jm_map_add_touchpoint (map, first, persona, -1, "Sees an advert");
  jm_map_end (map);
  jm_test_flush_events ();

  jm_canvas_set_selected_object (canvas, card);
  steps = jm_history_get_n_steps (history);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.move-right", NULL));
  jm_test_flush_events ();
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (second));
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (first));

  jm_test_destroy_window (window);
}

static gboolean
selection_is_two (gpointer data)
{
  g_autoptr(GPtrArray) selection = jm_canvas_get_selection (data);

  return selection->len == 2;
}

typedef struct
{
  JmTouchpoint *card;
  JmStage      *stage;
} InStage;

static gboolean
is_in_stage (gpointer data)
{
  InStage *in = data;

  return g_strcmp0 (jm_touchpoint_get_stage_id (in->card), jm_stage_get_id (in->stage)) == 0;
}

/* Presses @key on the window and waits for @card to be in @stage. */
static void
press (JmWindow     *window,
       const char   *key,
       JmTouchpoint *card,
       JmStage      *stage)
{
  InStage in = { card, stage };
  g_autofree char *id = jm_test_window_id (GTK_WIDGET (window));

  jm_test_xdotool ("key", "--window", id, key, NULL);
  jm_test_wait_for (is_in_stage, &in, key);
}

/* Cards selected on the board stay selected through the window's undo
 * and redo, and the window's Delete deletes them all, as one step. */
static void
test_several_cards (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  JmWindow *window = window_with (map);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmHistory *history = jm_map_get_history (map);
  JmStage *first = jm_test_item_at (jm_map_get_stages (map), 0);
  JmStage *second = jm_test_item_at (jm_map_get_stages (map), 1);
  JmStage *third = jm_test_item_at (jm_map_get_stages (map), 2);
  JmPersona *persona = jm_test_item_at (jm_map_get_personas (map), 0);
  g_autofree char *window_id = NULL;
  char at_a[2][32], at_b[2][32];
  graphene_rect_t rect;
  JmTouchpoint *a, *b;
  guint steps;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  window_id = jm_test_window_id (GTK_WIDGET (window));
  jm_map_begin (map, "Add Cards");
  a = jm_map_add_touchpoint (map, first, persona, -1, "Sees an advert");
  b = jm_map_add_touchpoint (map, second, persona, -1, "Asks a friend");
  jm_map_end (map);
  jm_test_flush_events ();

  /* A click, then a Shift+click. */
  g_assert_true (_jm_canvas_get_card_rect (canvas, a, &rect));
  jm_test_widget_point (GTK_WIDGET (canvas), rect.origin.x + rect.size.width / 2, rect.origin.y + 12, at_a);
  g_assert_true (_jm_canvas_get_card_rect (canvas, b, &rect));
  jm_test_widget_point (GTK_WIDGET (canvas), rect.origin.x + rect.size.width / 2, rect.origin.y + 12, at_b);
  jm_test_xdotool ("mousemove", "--window", window_id, at_a[0], at_a[1], "click", "1",
                   "sleep", "0.5",
                   "mousemove", "--window", window_id, at_b[0], at_b[1],
                   "keydown", "shift", "click", "1", "keyup", "shift", NULL);
  jm_test_wait_for (selection_is_two, canvas, "two cards selected");

  /* Moved together, undone and redone: still both selected. */
  press (window, "alt+Right", a, second);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (b), ==, jm_stage_get_id (third));
  press (window, "ctrl+z", a, first);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (b), ==, jm_stage_get_id (second));
  g_assert_true (selection_is_two (canvas));
  press (window, "ctrl+shift+z", b, third);
  g_assert_true (selection_is_two (canvas));
  /* The inspector edits both, and the outline shows the current one. */
  g_assert_cmpuint (jm_inspector_get_n_objects (jm_window_get_inspector (window)), ==, 2);
  g_assert_true (jm_outline_get_selected_object (jm_window_get_outline (window)) ==
                 jm_canvas_get_selected_object (canvas));

  /* The window's Delete (its menu item) deletes both, as one step. */
  steps = jm_history_get_n_steps (history);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  jm_test_flush_events ();
  g_assert_false (jm_map_find_touchpoint (map, a, NULL));
  g_assert_false (jm_map_find_touchpoint (map, b, NULL));
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Delete 2 Cards");

  jm_test_destroy_window (window);
}

static void
test_selection_sync (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  JmWindow *window = window_with (map);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmOutline *outline = jm_window_get_outline (window);
  JmInspector *inspector;
  GtkStack *panel = jm_test_window_child (window, "inspector_stack");
  JmStage *stage = jm_test_item_at (jm_map_get_stages (map), 0);
  JmPersona *persona = jm_test_item_at (jm_map_get_personas (map), 0);
  JmTouchpoint *a, *b;

  jm_map_begin (map, "Add Cards");
  a = jm_map_add_touchpoint (map, stage, persona, -1, "Sees an advert");
  b = jm_map_add_touchpoint (map, stage, persona, -1, "Asks a friend");
  jm_map_end (map);
  jm_test_flush_events ();

  /* Nothing selected: the panel shows the map's own fields. */
  g_assert_null (jm_canvas_get_selected_object (canvas));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panel), ==, "map");
  /* The inspector is built when first needed. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (jm_window_get_map_properties (window))));
  g_assert_null (gtk_stack_get_child_by_name (panel, "object"));

  /* Outline to board and inspector... */
  jm_outline_set_selected_object (outline, a);
  jm_test_flush_events ();
  g_assert_true (jm_canvas_get_selected_object (canvas) == a);
  inspector = jm_window_get_inspector (window);
  g_assert_true (gtk_stack_get_child_by_name (panel, "object") == GTK_WIDGET (inspector));
  g_assert_true (jm_inspector_get_map (inspector) == map);
  g_assert_true (jm_inspector_get_object (inspector) == a);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panel), ==, "object");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (jm_window_get_map_properties (window))));

  /* ...board to outline... */
  jm_canvas_set_selected_object (canvas, b);
  jm_test_flush_events ();
  g_assert_true (jm_outline_get_selected_object (outline) == b);
  g_assert_true (jm_inspector_get_object (inspector) == b);

  /* ...headers too, and a selection of several cards is left alone. */
  jm_canvas_set_selected_object (canvas, stage);
  jm_test_flush_events ();
  g_assert_true (jm_outline_get_selected_object (outline) == stage);
  jm_canvas_set_selected_object (canvas, a);
  jm_canvas_select_all (canvas);
  jm_test_flush_events ();
  {
    g_autoptr(GPtrArray) selection = jm_canvas_get_selection (canvas);

    g_assert_cmpuint (selection->len, ==, 2);
  }

  /* Map Properties clears the selection and shows the panel. */
  adw_flap_set_reveal_flap (jm_test_window_child (window, "inspector_flap"), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "board.map-properties", NULL);
  jm_test_flush_events ();
  g_assert_null (jm_canvas_get_selected_object (canvas));
  g_assert_null (jm_outline_get_selected_object (outline));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panel), ==, "map");
  g_assert_true (adw_flap_get_reveal_flap (jm_test_window_child (window, "inspector_flap")));

  /* The panel's button and key both toggle it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.toggle-inspector", NULL);
  g_assert_false (adw_flap_get_reveal_flap (jm_test_window_child (window, "inspector_flap")));
  g_assert_false (gtk_toggle_button_get_active (jm_test_window_child (window, "inspector_button")));
  gtk_toggle_button_set_active (jm_test_window_child (window, "inspector_button"), TRUE);
  g_assert_true (adw_flap_get_reveal_flap (jm_test_window_child (window, "inspector_flap")));

  jm_test_destroy_window (window);
}

static void
test_scores_select (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  AdwViewStack *stack = jm_window_get_view_stack (window);
  JmScoresView *scores = jm_window_get_scores_view (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  const JmScoreEntry **ranked;
  guint n_ranked;
  GtkWidget *ranking;

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "board");
  adw_view_stack_set_visible_child_name (stack, "scores");
  jm_test_flush_events ();

  ranked = jm_score_report_get_ranking (jm_scores_view_get_report (scores), &n_ranked);
  g_assert_cmpuint (n_ranked, >=, 2);
  ranking = jm_test_nth_widget (scores, GTK_TYPE_COLUMN_VIEW, 0);
  g_assert_nonnull (ranking);
  /* What Enter or a double click on the second row does. */
  g_assert_true (gtk_widget_activate_action (gtk_widget_get_last_child (ranking),
                                             "list.activate-item", "u", 1));
  jm_test_flush_events ();

  /* Back on the board, with that card selected, in view, and the keys. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "board");
  g_assert_true (jm_canvas_get_selected_object (canvas) == ranked[1]->touchpoint);
  g_assert_true (jm_outline_get_selected_object (jm_window_get_outline (window)) == ranked[1]->touchpoint);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (canvas)));
  jm_test_wait_for (is_laid_out, canvas, "the board again");
  {
    graphene_rect_t rect;

    g_assert_true (_jm_canvas_get_card_rect (canvas, ranked[1]->touchpoint, &rect));
    g_assert_cmpfloat (rect.origin.x, >=, 0);
    g_assert_cmpfloat (rect.origin.y, >=, 0);
    g_assert_cmpfloat (rect.origin.x, <, gtk_widget_get_width (GTK_WIDGET (canvas)));
    g_assert_cmpfloat (rect.origin.y, <, gtk_widget_get_height (GTK_WIDGET (canvas)));
  }

  jm_test_destroy_window (window);
  g_unlink (path);
}

static gboolean
menu_has_target (GMenuModel *model,
                 const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_target (linked, target))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_filter_and_colour (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  GtkMenuButton *button = jm_test_window_child (window, "board_menu_button");
  JmPersona *persona = jm_test_item_at (jm_map_get_personas (map), 0);
  g_autofree char *persona_filter = g_strconcat ("persona:", jm_persona_get_id (persona), NULL);
  g_autofree char *new_filter = NULL;
  JmPersona *added;
  GMenuModel *menu;

  /* The menu lists the map's personas, and new ones as they come. */
  gtk_menu_button_popup (button);
  jm_test_flush_events ();
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  g_assert_true (menu_has_target (menu, "moments"));
  g_assert_true (menu_has_target (menu, persona_filter));
  g_assert_true (menu_has_target (menu, "composite"));
  g_assert_true (menu_has_target (menu, "relevance"));
  gtk_menu_button_popdown (button);

  added = jm_map_add_persona (map, -1, "Walk-in customer");
  new_filter = g_strconcat ("persona:", jm_persona_get_id (added), NULL);
  gtk_menu_button_popup (button);
  jm_test_flush_events ();
  g_assert_true (menu_has_target (gtk_menu_button_get_menu_model (button), new_filter));
  gtk_menu_button_popdown (button);

  /* The menu's choices set the board's filter, and the other way round. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.filter", "s", "moments");
  g_assert_cmpstr (jm_canvas_get_filter (canvas), ==, "moments");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.filter", "s", new_filter);
  g_assert_cmpstr (jm_canvas_get_filter (canvas), ==, new_filter);
  /* The highlighted persona deleted: everything shows again. */
  jm_map_undo (map);
  g_assert_cmpstr (jm_canvas_get_filter (canvas), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.filter", "s", persona_filter);
  g_assert_cmpstr (jm_canvas_get_filter (canvas), ==, persona_filter);
  gtk_widget_activate_action (GTK_WIDGET (window), "board.filter", "s", "");
  g_assert_cmpstr (jm_canvas_get_filter (canvas), ==, "");

  /* Colouring by a score shows the legend, named after the score. */
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "legend_box")));
  gtk_widget_activate_action (GTK_WIDGET (window), "board.colour-by", "s", "composite");
  g_assert_cmpstr (jm_canvas_get_colour_by (canvas), ==, "composite");
  g_assert_true (gtk_widget_get_visible (jm_test_window_child (window, "legend_box")));
  g_assert_cmpstr (gtk_label_get_text (jm_test_window_child (window, "legend_title")), ==, "Composite score");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.colour-by", "s", "reliability");
  g_assert_cmpstr (jm_canvas_get_colour_by (canvas), ==, "reliability");
  g_assert_cmpstr (gtk_label_get_text (jm_test_window_child (window, "legend_title")), ==, "Reliability");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.colour-by", "s", "none");
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "legend_box")));

  /* Zoom controls drive the board and show its zoom. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.zoom-reset", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (canvas), ==, 1.0);
  g_assert_cmpstr (gtk_button_get_label (jm_test_window_child (window, "zoom_reset_button")), ==, "100%");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.zoom-in", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (canvas), >, 1.0);
  g_assert_cmpstr (gtk_button_get_label (jm_test_window_child (window, "zoom_reset_button")), !=, "100%");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "board.zoom-out", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (canvas), <, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "board.zoom-reset", NULL);
  g_assert_cmpstr (gtk_button_get_label (jm_test_window_child (window, "zoom_reset_button")), ==, "100%");

  jm_test_destroy_window (window);
  g_unlink (path);
}

/* The board menu's choices for one kind of filter ("team:"), as
 * "target=label" in menu order. */
static void
collect_filters (GMenuModel *model,
                 const char *prefix,
                 GPtrArray  *found)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GVariant) label = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_LABEL,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (value != NULL && g_str_has_prefix (g_variant_get_string (value, NULL), prefix))
        g_ptr_array_add (found, g_strdup_printf ("%s=%s", g_variant_get_string (value, NULL),
                                                 label != NULL ? g_variant_get_string (label, NULL) : ""));
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          collect_filters (linked, prefix, found);
        }
    }
}

static char *
menu_filters (GtkMenuButton *button,
              const char    *prefix)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  gtk_menu_button_popup (button);
  jm_test_flush_events ();
  collect_filters (gtk_menu_button_get_menu_model (button), prefix, found);
  gtk_menu_button_popdown (button);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

/* Which cards of the map the board shows undimmed, by title. */
static char *
highlighted_cards (JmWindow *window)
{
  GListModel *touchpoints = jm_map_get_touchpoints (jm_window_get_map (window));
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      JmTouchpoint *card = jm_test_item_at (touchpoints, i);

      if (_jm_canvas_is_highlighted (jm_window_get_canvas (window), card))
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? " " : "", jm_touchpoint_get_title (card));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

#define assert_highlight(window, filter, expected) G_STMT_START { \
  g_autofree char *shown = NULL; \
  gtk_widget_activate_action (GTK_WIDGET (window), "board.filter", "s", filter); \
  g_assert_cmpstr (jm_canvas_get_filter (jm_window_get_canvas (window)), ==, filter); \
  shown = highlighted_cards (window); \
  g_assert_cmpstr (shown, ==, expected); \
} G_STMT_END

/* The channel icon of the outline's row for the card titled @title. */
static const char *
outline_icon (GtkWidget  *root,
              const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), title) == 0 &&
          GTK_IS_IMAGE (gtk_widget_get_prev_sibling (c)))
        return gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_prev_sibling (c)));
      found = outline_icon (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Teams and channels typed in different ways on different days: the
 * Highlight menus list each once, a highlight finds every spelling, and
 * the file keeps what was typed. */
static void
test_typed_names (void)
{
  static const struct {
    const char *title;
    const char *channel;
    const char *teams[3];
  } cards[] = {
    { "c1", "web", { "Billing", NULL } },
    { "c2", "website", { "billing", "Support", NULL } },
    { "c3", "WhatsApp", { "  BILLING ", NULL } },
    { "c4", "whatsapp", { "support", NULL } },
    { "c5", "", { "Field  Sales", NULL } },
  };
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "typed-names.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) typed = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", "Aware");
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Fridah");
  g_autoptr(GError) error = NULL;
  g_autofree char *teams = NULL, *channels = NULL, *xml = NULL;
  JmWindow *window;
  JmMap *map;

  jm_map_append_stage (typed, stage);
  jm_map_append_persona (typed, persona);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autoptr(JmTouchpoint) card = jm_touchpoint_new (id, "s1", "p1", cards[i].title);

      jm_touchpoint_set_channel (card, cards[i].channel);
      jm_touchpoint_set_teams (card, cards[i].teams);
      jm_map_append_touchpoint (typed, card);
    }
  g_assert_true (jm_file_save (typed, file, NULL, &error));
  g_assert_no_error (error);

  window = open_window (file);
  map = jm_window_get_map (window);

  /* One entry for each team and channel, typed ones too; a typed
   * "website" is the app's own Website. */
  teams = menu_filters (jm_test_window_child (window, "board_menu_button"), "team:");
  g_assert_cmpstr (teams, ==, "team:Billing=Billing team:Field  Sales=Field  Sales team:Support=Support");
  channels = menu_filters (jm_test_window_child (window, "board_menu_button"), "channel:");
  g_assert_cmpstr (channels, ==, "channel:web=Website channel:WhatsApp=WhatsApp");

  /* The outline shows a typed "website" as the known Website. */
  g_assert_cmpstr (outline_icon (GTK_WIDGET (jm_window_get_outline (window)), "c1"), ==, "jm-channel-web-symbolic");
  g_assert_cmpstr (outline_icon (GTK_WIDGET (jm_window_get_outline (window)), "c2"), ==, "jm-channel-web-symbolic");

  /* Each highlights every card of that name, however it was written. */
  assert_highlight (window, "team:Billing", "c1 c2 c3");
  assert_highlight (window, "team:Support", "c2 c4");
  assert_highlight (window, "team:Field  Sales", "c5");
  assert_highlight (window, "channel:web", "c1 c2");
  assert_highlight (window, "channel:WhatsApp", "c3 c4");
  assert_highlight (window, "", "c1 c2 c3 c4 c5");

  /* Saved after an edit, the file still has every name as typed. */
  jm_map_edit_string (map, G_OBJECT (jm_map_lookup_touchpoint (map, "t5")), "title", "c5 edited");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "c5 edited"));
  g_assert_nonnull (strstr (xml, "channel=\"web\""));
  g_assert_nonnull (strstr (xml, "channel=\"website\""));
  g_assert_nonnull (strstr (xml, "channel=\"WhatsApp\""));
  g_assert_nonnull (strstr (xml, "channel=\"whatsapp\""));
  g_assert_nonnull (strstr (xml, "<team>Billing</team>"));
  g_assert_nonnull (strstr (xml, "<team>billing</team>"));
  g_assert_nonnull (strstr (xml, "<team>  BILLING </team>"));
  g_assert_nonnull (strstr (xml, "<team>support</team>"));
  g_assert_nonnull (strstr (xml, "<team>Field  Sales</team>"));

  jm_test_destroy_window (window);
  g_unlink (path);
}

static void
test_weights (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  JmWindow *window = window_with (map);
  GtkWidget *panel = GTK_WIDGET (jm_window_get_map_properties (window));
  JmHistory *history = jm_map_get_history (map);
  GtkSpinButton *spins[JM_N_MEASURES];
  GtkWidget *error = NULL;
  guint steps = jm_history_get_n_steps (history);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      spins[m] = GTK_SPIN_BUTTON (jm_test_nth_widget (panel, GTK_TYPE_SPIN_BUTTON, m));
      g_assert_nonnull (spins[m]);
      g_assert_cmpfloat (gtk_spin_button_get_value (spins[m]), ==, jm_map_get_weight (map, m));
    }

  /* Each change is one step. */
  gtk_spin_button_set_value (spins[JM_MEASURE_RESPONSIVENESS], 250);
  g_assert_cmpfloat (jm_map_get_weight (map, JM_MEASURE_RESPONSIVENESS), ==, 250);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);
  jm_map_undo (map);
  g_assert_cmpfloat (gtk_spin_button_get_value (spins[JM_MEASURE_RESPONSIVENESS]), ==,
                     jm_map_get_weight (map, JM_MEASURE_RESPONSIVENESS));

  /* Every weight to zero: the last change is refused, and the panel says why. */
  for (guint m = 0; m < JM_N_MEASURES; m++)
    gtk_spin_button_set_value (spins[m], 0);
  g_assert_cmpfloat (jm_map_get_weight (map, JM_N_MEASURES - 1), >, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (spins[JM_N_MEASURES - 1]), >, 0);
  for (guint i = 0; (error = jm_test_nth_widget (panel, GTK_TYPE_LABEL, i)) != NULL; i++)
    if (g_str_equal (gtk_label_get_text (GTK_LABEL (error)),
                     "At least one measure needs a weight above zero"))
      break;
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_visible (error));

  /* A weight above zero again clears the message. */
  gtk_spin_button_set_value (spins[0], 2);
  g_assert_false (gtk_widget_get_visible (error));

  jm_test_destroy_window (window);
}

static gboolean
row_is_focused (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, data);
}

static void
type_into_row (GtkWidget  *row,
               const char *text)
{
  gtk_widget_grab_focus (row);
  jm_test_wait_for (row_is_focused, row, "the row's focus");
  jm_test_xdotool ("key", "ctrl+a", NULL);
  jm_test_xdotool ("type", "--delay", "20", text, NULL);
  jm_test_flush_events ();
}

static gboolean
date_is_set (gpointer data)
{
  return g_str_equal (jm_map_get_workshop_date (data), "2026-03-31");
}

/* The map's title block, typed into its properties: a date that is not
 * one is refused with the value named, undo reaches the panel, and the
 * saved file has all of it. */
static void
test_title_block (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xml = NULL;
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  GtkWidget *panel;
  GtkWidget *version_row, *authors_row, *date_row, *error = NULL;
  AdwWindowTitle *title;
  const char * const authors[] = { "Ana Lima", "James Okoro", NULL };

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "board.map-properties", NULL);
  panel = GTK_WIDGET (jm_window_get_map_properties (window));
  jm_test_wait_for (is_laid_out, panel, "the map's properties");
  version_row = jm_test_nth_widget (panel, ADW_TYPE_ENTRY_ROW, 2);
  authors_row = jm_test_nth_widget (panel, ADW_TYPE_ENTRY_ROW, 3);
  date_row = jm_test_nth_widget (panel, ADW_TYPE_ENTRY_ROW, 4);

  type_into_row (version_row, "2.1");
  g_assert_cmpstr (jm_map_get_map_version (map), ==, "2.1");
  type_into_row (authors_row, "Ana Lima, James Okoro");
  g_assert_true (g_strv_equal (jm_map_get_authors (map), authors));

  type_into_row (date_row, "31/03/2026");
  g_assert_cmpstr (jm_map_get_workshop_date (map), ==, "");
  for (guint i = 0; (error = jm_test_nth_widget (panel, GTK_TYPE_LABEL, i)) != NULL; i++)
    if (strstr (gtk_label_get_text (GTK_LABEL (error)), "“31/03/2026” is not a date") != NULL)
      break;
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_visible (error));
  type_into_row (date_row, "2026-03-31");
  jm_test_wait_for (date_is_set, map, "the workshop date");
  g_assert_false (gtk_widget_get_visible (error));

  /* Undo reaches the panel, redo brings the date back. */
  jm_map_undo (map);
  g_assert_cmpstr (jm_map_get_workshop_date (map), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "");
  jm_map_redo (map);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "2026-03-31");

  /* The status, in the window's subtitle too. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (jm_test_nth_widget (panel, ADW_TYPE_COMBO_ROW, 0)), 2);
  g_assert_cmpint (jm_map_get_status (map), ==, JM_MAP_STATUS_TO_BE);
  title = ADW_WINDOW_TITLE (jm_test_nth_widget (window, ADW_TYPE_WINDOW_TITLE, 0));
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (title), "To be · "));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, " version=\"1.1\" status=\"to-be\" workshop-date=\"2026-03-31\">"));
  g_assert_nonnull (strstr (xml, "<map-version>2.1</map-version>"));
  g_assert_nonnull (strstr (xml, "<author>Ana Lima</author>"));
  g_assert_nonnull (strstr (xml, "<author>James Okoro</author>"));

  jm_test_destroy_window (window);
  g_unlink (path);
}

static gboolean canvas_has_focus (gpointer data);

static gboolean
no_dialog (gpointer data)
{
  return !jm_test_has_dialog (data);
}

static gboolean
round_is_open (gpointer data)
{
  return jm_votes_get_open_round (jm_map_get_votes (data)) != NULL;
}

static gboolean
question_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) != NULL;
}

typedef struct
{
  JmVotes     *votes;
  const char  *touchpoint;
  int          dots;
} DotsWanted;

/* Keys go to the window itself: without a window manager, the one that
 * had the keyboard before a dialog does not get it back. */
static char *votes_window;

static gboolean
dots_are (gpointer data)
{
  DotsWanted *wanted = data;

  jm_test_flush_events ();
  return jm_votes_count (wanted->votes, jm_votes_get_latest_round (wanted->votes),
                         wanted->touchpoint) == wanted->dots;
}

/* Types @key on the board and waits for @touchpoint to hold @dots. */
static void
key_for_dots (JmVotes    *votes,
              const char *key,
              const char *touchpoint,
              int         dots)
{
  DotsWanted wanted = { votes, touchpoint, dots };

  jm_test_xdotool ("key", "--window", votes_window, key, NULL);
  jm_test_wait_for (dots_are, &wanted, key);
}

/* A round of dot voting run from the keyboard: started from the board's
 * menu with its question and dots, D places a dot on the selected card and
 * Shift+D takes one back, a voter past their dots is told so, each dot is
 * one undo step, and the saved file holds the round. */
static void
test_dot_voting (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xml = NULL;
  g_autofree char *first_vote = NULL;
  g_autofree char *second_vote = NULL;
  g_autofree char *window_id = NULL;
  g_autoptr(GError) error = NULL;
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmVotes *votes = jm_map_get_votes (map);
  JmHistory *history = jm_map_get_history (map);
  JmTouchpoint *first = jm_test_item_at (jm_map_get_touchpoints (map), 0);
  JmTouchpoint *second = jm_test_item_at (jm_map_get_touchpoints (map), 1);
  const char *first_id = jm_touchpoint_get_id (first);
  const char *second_id = jm_touchpoint_get_id (second);
  JmVoteBar *bar;
  JmVoteRound *round;
  GtkWidget *voter, *message = NULL;
  guint steps;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }

  /* The question and two dots a voter, typed into the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.start-voting", NULL);
  jm_test_wait_for (jm_test_has_dialog, window, "the new round's dialog");
  jm_test_wait_for (question_has_focus, jm_test_find_dialog (window), "the question");
  jm_test_xdotool ("key", "ctrl+a", NULL);
  jm_test_xdotool ("type", "--delay", "20", "What hurts most?", NULL);
  jm_test_xdotool ("key", "Tab", NULL);
  jm_test_xdotool ("key", "ctrl+a", NULL);
  jm_test_xdotool ("type", "2", NULL);
  jm_test_xdotool ("key", "shift+Tab", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  jm_test_wait_for (round_is_open, map, "the round");
  jm_test_wait_for (no_dialog, window, "the dialog to close");
  round = jm_votes_get_open_round (votes);
  g_assert_cmpstr (jm_vote_round_get_question (round), ==, "What hurts most?");
  g_assert_cmpint (jm_vote_round_get_dots (round), ==, 2);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Start Voting Round");
  bar = JM_VOTE_BAR (jm_test_nth_widget (window, JM_TYPE_VOTE_BAR, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpstr (jm_vote_bar_get_voter (bar), ==, "Facilitator");

  window_id = jm_test_window_id (GTK_WIDGET (window));
  votes_window = window_id;
  jm_test_xdotool ("windowfocus", "--sync", window_id, NULL);
  /* D, D on the first card; a third is refused, and the bar says why. */
  jm_canvas_set_selected_object (canvas, first);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  jm_test_wait_for (canvas_has_focus, window, "the board's focus");
  steps = jm_history_get_n_steps (history);
  key_for_dots (votes, "d", first_id, 1);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Add Dot");
  key_for_dots (votes, "d", first_id, 2);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 2);
  jm_test_xdotool ("key", "--window", window_id, "d", NULL);
  jm_test_flush_events ();
  g_assert_cmpint (jm_votes_count (votes, round, first_id), ==, 2);
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 2);
  for (guint i = 0; (message = jm_test_nth_widget (bar, GTK_TYPE_LABEL, i)) != NULL; i++)
    if (g_str_equal (gtk_label_get_text (GTK_LABEL (message)), "Facilitator has no dots left"))
      break;
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));

  /* Shift+D takes one back; Ctrl+Z puts it there again, one dot a step. */
  key_for_dots (votes, "shift+d", first_id, 1);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Remove Dot");
  key_for_dots (votes, "ctrl+z", first_id, 2);
  key_for_dots (votes, "ctrl+z", first_id, 1);
  key_for_dots (votes, "ctrl+shift+z", first_id, 2);

  /* Another voter, typed into the bar; Enter goes back to the board. */
  voter = jm_test_nth_widget (bar, GTK_TYPE_ENTRY, 0);
  gtk_widget_grab_focus (voter);
  jm_test_wait_for (question_has_focus, window, "the voter's entry");
  jm_test_xdotool ("key", "--window", window_id, "ctrl+a", NULL);
  jm_test_xdotool ("type", "--window", window_id, "--delay", "20", "Ana", NULL);
  jm_test_xdotool ("key", "--window", window_id, "Return", NULL);
  jm_test_wait_for (canvas_has_focus, window, "the board's focus again");
  jm_canvas_set_selected_object (canvas, second);
  key_for_dots (votes, "d", second_id, 1);
  g_assert_cmpint (jm_vote_round_get_dots_on (round, second_id, "Ana"), ==, 1);

  /* Closed, the round takes no more dots. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.close-round", NULL);
  g_assert_true (jm_vote_round_get_closed (round));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  jm_test_xdotool ("key", "--window", window_id, "d", NULL);
  jm_test_flush_events ();
  g_assert_cmpint (jm_votes_count (votes, round, second_id), ==, 1);

  /* What the keys did is in the map, and so in the file it saves. */
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<round id=\"r1\" dots=\"2\" closed=\"true\">"));
  g_assert_nonnull (strstr (xml, "<question>What hurts most?</question>"));
  first_vote = g_strdup_printf ("<vote touchpoint=\"%s\" voter=\"Facilitator\" count=\"2\"/>", first_id);
  second_vote = g_strdup_printf ("<vote touchpoint=\"%s\" voter=\"Ana\" count=\"1\"/>", second_id);
  g_assert_nonnull (strstr (xml, first_vote));
  g_assert_nonnull (strstr (xml, second_vote));

  jm_test_destroy_window (window);
  g_unlink (path);
}

typedef struct
{
  AdwFlap *flap;
  double   progress;     /* at the first frame; -1 before it */
  gboolean folded;
} FirstFrame;

static void
on_first_paint (GdkFrameClock *clock,
                FirstFrame    *first)
{
  if (first->progress >= 0)
    return;
  first->progress = adw_flap_get_reveal_progress (first->flap);
  first->folded = adw_flap_get_folded (first->flap);
}

static void
on_first_realize (GtkWidget  *window,
                  FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_paint), first);
}

static gboolean
first_frame_shown (gpointer data)
{
  return ((FirstFrame *) data)->progress >= 0;
}

/* How the inspector's panel shows in a window's very first frame. */
static FirstFrame
first_frame_of (JmMap *map,
                int    width)
{
  JmWindow *window = jm_window_new (NULL);
  FirstFrame first = { jm_test_window_child (window, "inspector_flap"), -1, FALSE };
  gboolean animations = FALSE;

  g_signal_connect (window, "realize", G_CALLBACK (on_first_realize), &first);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_wait_for (first_frame_shown, &first, "the first frame");
  /* Animations are on again after the panel closed without one. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", &animations, NULL);
  g_assert_true (animations);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)), on_first_paint, &first);
  jm_test_destroy_window (window);
  return first;
}

static void
test_first_frame_panel (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  FirstFrame first;

  /* Too narrow for the panel: the first frame shows the board without it,
   * rather than the panel covering the board and sliding away. */
  first = first_frame_of (map, 1000);
  g_assert_true (first.folded);
  g_assert_cmpfloat (first.progress, ==, 0.0);

  /* Wide enough: the panel is there from the first frame. */
  first = first_frame_of (map, 1500);
  g_assert_false (first.folded);
  g_assert_cmpfloat (first.progress, ==, 1.0);
}

/* The titles of the cards in a cell, in order, space-separated. */
static char *
cell_titles (JmMap      *map,
             const char *stage_id,
             const char *lane_id)
{
  GListModel *cards = jm_map_get_touchpoints (map);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      JmTouchpoint *card = jm_test_item_at (cards, i);

      if (g_strcmp0 (jm_touchpoint_get_stage_id (card), stage_id) == 0
          && g_strcmp0 (jm_touchpoint_get_lane_id (card), lane_id) == 0)
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "", jm_touchpoint_get_title (card));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

typedef struct
{
  JmMap *map;
  guint  n_cards;
} CardCount;

static gboolean
has_n_cards (gpointer data)
{
  CardCount *count = data;

  return g_list_model_get_n_items (jm_map_get_touchpoints (count->map)) == count->n_cards;
}

static void
wait_for_n_cards (JmMap      *map,
                  guint       n_cards,
                  const char *what)
{
  CardCount count = { map, n_cards };

  jm_test_wait_for (has_n_cards, &count, what);
}

static gboolean
entry_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) != NULL
         && gtk_widget_get_ancestor (focus, JM_TYPE_CAPTURE_BAR) != NULL;
}

static gboolean
canvas_has_focus (gpointer data)
{
  return gtk_widget_has_focus (GTK_WIDGET (jm_window_get_canvas (data)));
}

/* Types @title in the capture bar and presses Enter: the title and one key. */
static void
capture (JmMap      *map,
         const char *title)
{
  guint n = g_list_model_get_n_items (jm_map_get_touchpoints (map));

  jm_test_xdotool ("type", "--delay", "20", title, NULL);
  jm_test_xdotool ("key", "Return", NULL);
  wait_for_n_cards (map, n + 1, title);
}

/* Quick capture: Ctrl+Shift+K, then titles each followed by Enter, into
 * the current cell or, after Alt+P, the parking lot; a pasted list is
 * one card per line and one step; all of it saved. */
static void
test_quick_capture (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xml = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *stage_id = NULL;
  g_autofree char *lane_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *lot = NULL;
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmHistory *history = jm_map_get_history (map);
  JmTouchpoint *current = jm_test_item_at (jm_map_get_touchpoints (map), 2);
  JmPersona *parking_lot;
  guint n_cards, n_lanes, steps;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  g_assert_null (jm_map_lookup_persona (map, JM_EDITS_PARKING_LOT_ID));
  stage_id = g_strdup (jm_touchpoint_get_stage_id (current));
  lane_id = g_strdup (jm_touchpoint_get_lane_id (current));
  before = cell_titles (map, stage_id, lane_id);
  n_cards = g_list_model_get_n_items (jm_map_get_touchpoints (map));
  n_lanes = g_list_model_get_n_items (jm_map_get_personas (map));
  steps = jm_history_get_n_steps (history);

  /* The selected card's cell is the current one. */
  jm_canvas_set_selected_object (canvas, current);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  jm_test_flush_events ();

  jm_test_xdotool ("key", "ctrl+shift+k", NULL);
  jm_test_wait_for (entry_has_focus, window, "the capture bar's entry");
  capture (map, "Alpha card");
  capture (map, "Beta card");
  capture (map, "Gamma card");
  cell = cell_titles (map, stage_id, lane_id);
  g_assert_true (g_str_has_suffix (cell, "|Alpha card|Beta card|Gamma card"));
  g_assert_cmpuint (strlen (cell), ==, strlen (before) + strlen ("|Alpha card|Beta card|Gamma card"));
  g_assert_true (entry_has_focus (window));

  /* Alt+P: to the parking lot, made at the end of the lanes, in the
   * current cell's stage. */
  jm_test_xdotool ("key", "alt+p", NULL);
  capture (map, "Loose idea");
  parking_lot = jm_map_lookup_persona (map, JM_EDITS_PARKING_LOT_ID);
  g_assert_nonnull (parking_lot);
  g_assert_cmpstr (jm_persona_get_name (parking_lot), ==, "Parking lot");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (map)), ==, n_lanes + 1);
  g_assert_true (jm_test_item_at (jm_map_get_personas (map), n_lanes) == (gpointer) parking_lot);
  lot = cell_titles (map, stage_id, JM_EDITS_PARKING_LOT_ID);
  g_assert_cmpstr (lot, ==, "Loose idea");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 4);

  /* One card, one step: each Ctrl+Z takes one away, the parking lot with
   * its only card. */
  jm_test_xdotool ("key", "ctrl+z", NULL);
  wait_for_n_cards (map, n_cards + 3, "the first undo");
  g_assert_null (jm_map_lookup_persona (map, JM_EDITS_PARKING_LOT_ID));
  jm_test_xdotool ("key", "ctrl+z", NULL);
  wait_for_n_cards (map, n_cards + 2, "the second undo");
  g_clear_pointer (&cell, g_free);
  cell = cell_titles (map, stage_id, lane_id);
  g_assert_true (g_str_has_suffix (cell, "|Alpha card|Beta card"));
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  wait_for_n_cards (map, n_cards + 3, "the redo");
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  wait_for_n_cards (map, n_cards + 4, "the second redo");
  g_assert_nonnull (jm_map_lookup_persona (map, JM_EDITS_PARKING_LOT_ID));

  /* A paste of three lines: three cards, in the parking lot still, and
   * one step. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)),
                          "Pasted one\n\nPasted two\r\nPasted three\n");
  jm_test_flush_events ();
  steps = jm_history_get_n_steps (history);
  jm_test_xdotool ("key", "ctrl+v", NULL);
  wait_for_n_cards (map, n_cards + 7, "the paste");
  g_clear_pointer (&lot, g_free);
  lot = cell_titles (map, stage_id, JM_EDITS_PARKING_LOT_ID);
  g_assert_cmpstr (lot, ==, "Loose idea|Pasted one|Pasted two|Pasted three");
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 1);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Add 3 Cards");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window)))), ==, "");
  jm_test_xdotool ("key", "ctrl+z", NULL);
  wait_for_n_cards (map, n_cards + 4, "the paste's undo");
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  wait_for_n_cards (map, n_cards + 7, "the paste's redo");

  /* Alt+P again: back to the current cell. Escape closes the bar and
   * gives the board the keys back. */
  jm_test_xdotool ("key", "alt+p", NULL);
  capture (map, "Delta card");
  g_clear_pointer (&cell, g_free);
  cell = cell_titles (map, stage_id, lane_id);
  g_assert_true (g_str_has_suffix (cell, "|Gamma card|Delta card"));
  jm_test_xdotool ("key", "Escape", NULL);
  jm_test_wait_for (canvas_has_focus, window, "the board's focus");

  /* Saved, the file holds them. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "Alpha card"));
  g_assert_nonnull (strstr (xml, "Gamma card"));
  g_assert_nonnull (strstr (xml, "Delta card"));
  g_assert_nonnull (strstr (xml, "Pasted three"));
  g_assert_nonnull (strstr (xml, "Loose idea"));
  g_assert_nonnull (strstr (xml, "\"parking-lot\""));
  g_assert_nonnull (strstr (xml, "Parking lot"));

  jm_test_destroy_window (window);
  g_unlink (path);
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/* Keys go to the window that has the focus, as a person's do. */
static void
focus_window (JmWindow *window)
{
  g_autofree char *id = jm_test_window_id (GTK_WIDGET (window));

  jm_test_xdotool ("windowfocus", "--sync", id, NULL);
  jm_test_wait_for (window_is_active, window, "the window to have the focus");
  gtk_widget_grab_focus (GTK_WIDGET (jm_window_get_canvas (window)));
  jm_test_flush_events ();
}

typedef struct
{
  GdkTexture *texture;
  gboolean    done;
} TextureRead;

static void
on_texture_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  TextureRead *read = data;

  read->texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
texture_read (gpointer data)
{
  jm_test_flush_events ();
  return ((TextureRead *) data)->done;
}

/* The picture on the clipboard: its area in pixels. */
static gint64
clipboard_image_area (GtkWidget *widget)
{
  TextureRead read = { NULL, FALSE };
  gint64 area;

  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (widget), NULL, on_texture_read, &read);
  jm_test_wait_for (texture_read, &read, "the picture from the clipboard");
  g_assert_nonnull (read.texture);
  area = (gint64) gdk_texture_get_width (read.texture) * gdk_texture_get_height (read.texture);
  g_object_unref (read.texture);
  return area;
}

static gboolean
clipboard_has_image (gpointer data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (data);

  jm_test_flush_events ();
  return gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE);
}

/* Two linked cards copied in one map's window with Ctrl+C and pasted into
 * another's with Ctrl+V arrive with their fields, fresh ids and their
 * link; rows from a spreadsheet pasted on the board become cards with the
 * fields the header names; Ctrl+Shift+C puts the board on the clipboard
 * as a picture. All of it in the saved file. */
static void
test_clipboard (void)
{
  g_autofree char *path = sample_copy ();
  g_autofree char *other_path = g_build_filename (g_get_tmp_dir (), "other.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(JmMap) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pair = g_ptr_array_new ();
  JmWindow *from, *to;
  JmMap *map, *other;
  JmTouchpoint *a, *b, *copy_a = NULL, *copy_b = NULL;
  const char *links[] = { NULL, NULL };
  guint n_other;

  g_assert_true (g_file_copy (file, other_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
  from = open_window (file);
  if (!jm_test_can_send_input (GTK_WIDGET (from)))
    {
      jm_test_destroy_window (from);
      return;
    }
  to = open_window (other_file);
  map = jm_window_get_map (from);
  other = jm_window_get_map (to);
  a = jm_test_item_at (jm_map_get_touchpoints (map), 0);
  b = jm_test_item_at (jm_map_get_touchpoints (map), 1);
  links[0] = jm_touchpoint_get_id (b);
  jm_map_edit_strv (map, a, "links", links);
  jm_map_edit_string (map, a, "notes", "Copied with its notes");
  n_other = g_list_model_get_n_items (jm_map_get_touchpoints (other));

  /* Copy two cards in the first window... */
  g_ptr_array_add (pair, a);
  g_ptr_array_add (pair, b);
  jm_selection_set (jm_canvas_get_shared_selection (jm_window_get_canvas (from)), pair, a);
  focus_window (from);
  jm_test_xdotool ("key", "ctrl+c", NULL);
  jm_test_flush_events ();

  /* ...paste them into the other map's window, after its first card. */
  jm_canvas_set_selected_object (jm_window_get_canvas (to), jm_test_item_at (jm_map_get_touchpoints (other), 0));
  focus_window (to);
  jm_test_xdotool ("key", "ctrl+v", NULL);
  wait_for_n_cards (other, n_other + 2, "the cards from the other window");
  for (guint i = 0; i < n_other + 2; i++)
    {
      JmTouchpoint *t = jm_test_item_at (jm_map_get_touchpoints (other), i);

      if (g_strcmp0 (jm_touchpoint_get_notes (t), "Copied with its notes") == 0)
        copy_a = t;
      else if (copy_a != NULL && copy_b == NULL)
        copy_b = t;
    }
  g_assert_nonnull (copy_a);
  g_assert_nonnull (copy_b);
  g_assert_cmpstr (jm_touchpoint_get_title (copy_a), ==, jm_touchpoint_get_title (a));
  g_assert_cmpstr (jm_touchpoint_get_title (copy_b), ==, jm_touchpoint_get_title (b));
  g_assert_cmpstr (jm_touchpoint_get_links (copy_a)[0], ==, jm_touchpoint_get_id (copy_b));
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (other)), ==, "Paste");

  /* Rows from a spreadsheet, with their own header. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (to)),
                          "Title\tEmotion\tNotes\nHold music\t-2\tTwenty minutes\nCallback\t1\t\n");
  jm_test_flush_events ();
  jm_test_xdotool ("key", "ctrl+v", NULL);
  wait_for_n_cards (other, n_other + 4, "the rows from a spreadsheet");

  /* The two pasted cards as a picture, then the whole board: the cards'
   * picture is much the smaller. */
  {
    g_autoptr(GPtrArray) pasted = g_ptr_array_new ();
    gint64 cards_area, board_area;

    g_ptr_array_add (pasted, copy_a);
    g_ptr_array_add (pasted, copy_b);
    jm_selection_set (jm_canvas_get_shared_selection (jm_window_get_canvas (to)), pasted, copy_a);
    jm_test_flush_events ();
    jm_test_xdotool ("key", "ctrl+shift+c", NULL);
    jm_test_wait_for (clipboard_has_image, to, "the cards' picture on the clipboard");
    cards_area = clipboard_image_area (GTK_WIDGET (to));
    jm_selection_set (jm_canvas_get_shared_selection (jm_window_get_canvas (to)), NULL, NULL);
    jm_test_flush_events ();
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (to)), "");
    jm_test_xdotool ("key", "ctrl+shift+c", NULL);
    jm_test_wait_for (clipboard_has_image, to, "the board's picture on the clipboard");
    board_area = clipboard_image_area (GTK_WIDGET (to));
    g_assert_cmpint (cards_area * 4, <, board_area);
  }

  jm_test_xdotool ("key", "ctrl+s", NULL);
  jm_test_wait_for (is_saved, to, "the save");
  saved = jm_file_load (other_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (saved)), ==, n_other + 4);
  copy_a = jm_map_lookup_touchpoint (saved, jm_touchpoint_get_id (copy_a));
  g_assert_nonnull (copy_a);
  g_assert_cmpstr (jm_touchpoint_get_notes (copy_a), ==, "Copied with its notes");
  g_assert_cmpstr (jm_touchpoint_get_links (copy_a)[0], ==, jm_touchpoint_get_id (copy_b));
  {
    JmTouchpoint *hold = NULL;

    for (guint i = 0; i < n_other + 4; i++)
      if (g_str_equal (jm_touchpoint_get_title (jm_test_item_at (jm_map_get_touchpoints (saved), i)), "Hold music"))
        hold = jm_test_item_at (jm_map_get_touchpoints (saved), i);
    g_assert_nonnull (hold);
    g_assert_cmpint (jm_touchpoint_get_emotion (hold), ==, -2);
    g_assert_cmpstr (jm_touchpoint_get_notes (hold), ==, "Twenty minutes");
  }

  jm_test_destroy_window (to);
  jm_test_destroy_window (from);
  g_unlink (path);
  g_unlink (other_path);
}

static JmMergeDialog *
merge_dialog (void)
{
  return jm_test_find_toplevel (JM_TYPE_MERGE_DIALOG);
}

static gboolean
has_merge_dialog (gpointer data)
{
  jm_test_flush_events ();
  return merge_dialog () != NULL;
}

static gboolean
has_no_merge_dialog (gpointer data)
{
  return !has_merge_dialog (data);
}

/* The dialog's row whose title is @title. */
static GtkWidget *
merge_row (JmMergeDialog *dialog,
           const char    *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = jm_test_nth_widget (dialog, ADW_TYPE_ACTION_ROW, i);

      if (row == NULL)
        return NULL;
      if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
        return row;
    }
}

/* Merge Map: another group's copy, with a card added, one renamed and one
 * removed, reviewed before it comes in; the rename is left out with a
 * click, Ctrl+Enter merges the rest as one undo step, and the saved file
 * holds the result. */
static void
test_merge_map (void)
{
  g_autofree char *path = sample_copy ();
  g_autofree char *other_path = g_build_filename (g_get_tmp_dir (), "group-two.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(JmMap) theirs = jm_file_load (file, NULL, NULL);
  g_autoptr(JmMap) saved = NULL;
  g_autoptr(GError) error = NULL;
  JmTouchpoint *renamed = jm_test_item_at (jm_map_get_touchpoints (theirs), 1);
  JmTouchpoint *removed = jm_test_item_at (jm_map_get_touchpoints (theirs), 2);
  g_autofree char *renamed_id = g_strdup (jm_touchpoint_get_id (renamed));
  g_autofree char *removed_id = g_strdup (jm_touchpoint_get_id (removed));
  g_autofree char *old_title = NULL;
  g_autofree char *added_id = NULL;
  g_autofree char *window_id = NULL;
  g_autofree char *row_title = NULL;
  char at[2][32];
  JmWindow *window;
  JmMap *map;
  JmMergeDialog *dialog;
  GtkWidget *row, *check;
  guint n_cards;

  added_id = g_strdup (jm_touchpoint_get_id (jm_map_add_touchpoint (theirs, jm_test_item_at (jm_map_get_stages (theirs), 0),
                                                                    jm_test_item_at (jm_map_get_personas (theirs), 0),
                                                                    -1, "Found by group two")));
  jm_touchpoint_set_title (renamed, "Renamed by group two");
  jm_map_remove_touchpoint (theirs, removed);
  g_assert_true (jm_file_save (theirs, other_file, NULL, &error));
  g_assert_no_error (error);

  window = open_window (file);
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  map = jm_window_get_map (window);
  n_cards = g_list_model_get_n_items (jm_map_get_touchpoints (map));
  old_title = g_strdup (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, renamed_id)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-map-file", "s", other_path);
  jm_test_wait_for (has_merge_dialog, NULL, "the review of the changes");
  dialog = merge_dialog ();
  /* Added, renamed, removed, and the renamed card's link to the removed
   * one, which went with it. */
  g_assert_cmpuint (jm_merge_dialog_get_n_changes (dialog), ==, 4);

  /* Nothing has changed yet. */
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, n_cards);
  g_assert_false (jm_map_get_modified (map));

  /* A click leaves the rename out. */
  row_title = g_strdup ("Title of card “Renamed by group two”");
  row = merge_row (dialog, row_title);
  g_assert_nonnull (row);
  check = jm_test_nth_widget (row, GTK_TYPE_CHECK_BUTTON, 0);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_nonnull (merge_row (dialog, "New card “Found by group two”"));
  {
    g_autofree char *remove_title = g_strdup_printf ("Remove card “%s”",
                                                     jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, removed_id)));
    GtkWidget *remove_row = merge_row (dialog, remove_title);

    /* A card only this map has was most likely added here: kept unless chosen. */
    g_assert_nonnull (remove_row);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (jm_test_nth_widget (remove_row, GTK_TYPE_CHECK_BUTTON, 0))));
  }
  window_id = jm_test_window_id (GTK_WIDGET (dialog));
  jm_test_xdotool ("windowfocus", "--sync", window_id, NULL);
  jm_test_widget_point (check, gtk_widget_get_width (check) / 2.0, gtk_widget_get_height (check) / 2.0, at);
  jm_test_xdotool ("mousemove", "--window", window_id, at[0], at[1], "click", "1", NULL);
  jm_test_flush_events ();
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  jm_test_xdotool ("key", "ctrl+Return", NULL);
  jm_test_wait_for (has_no_merge_dialog, NULL, "the dialog to close");
  g_assert_nonnull (jm_map_lookup_touchpoint (map, added_id));
  g_assert_nonnull (jm_map_lookup_touchpoint (map, removed_id));
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, renamed_id)), ==, old_title);
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Merge Map");

  /* One step back and forth. */
  focus_window (window);
  jm_test_xdotool ("key", "ctrl+z", NULL);
  wait_for_n_cards (map, n_cards, "the merge's undo");
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  wait_for_n_cards (map, n_cards + 1, "the merge's redo");

  jm_test_xdotool ("key", "ctrl+s", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  saved = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (saved, added_id)), ==, "Found by group two");
  g_assert_nonnull (jm_map_lookup_touchpoint (saved, removed_id));

  jm_test_destroy_window (window);
  g_unlink (path);
  g_unlink (other_path);
}

static JmImportDialog *
import_dialog (void)
{
  return jm_test_find_toplevel (JM_TYPE_IMPORT_DIALOG);
}

static gboolean
has_import_dialog (gpointer data)
{
  jm_test_flush_events ();
  return import_dialog () != NULL;
}

static gboolean
has_no_import_dialog (gpointer data)
{
  return !has_import_dialog (data);
}

static gboolean
import_has_problems (gpointer data)
{
  jm_test_flush_events ();
  return jm_import_dialog_get_problems (data) != NULL;
}

static gboolean
import_has_no_problems (gpointer data)
{
  return !import_has_problems (data);
}

/* Picks the @steps-th choice below (or above, when negative) the current
 * one of an import column, with a click and the arrow keys. */
static void
choose_field (JmImportDialog *dialog,
              guint           column,
              int             steps)
{
  g_autofree char *id = jm_test_window_id (GTK_WIDGET (dialog));
  GtkWidget *combo = jm_test_nth_widget (dialog, ADW_TYPE_COMBO_ROW, column);
  char at[2][32];

  jm_test_widget_point (combo, gtk_widget_get_width (combo) - 30, gtk_widget_get_height (combo) / 2.0, at);
  jm_test_xdotool ("mousemove", "--window", id, at[0], at[1], "click", "1", "sleep", "0.5", NULL);
  for (int i = 0; i < ABS (steps); i++)
    jm_test_xdotool ("key", steps > 0 ? "Down" : "Up", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  jm_test_flush_events ();
}

/* Import Cards: sticky notes from a whiteboard tool as CSV, the note
 * column found by its header; a column mapped to a field its values do
 * not fit names the line and holds the import back; Ctrl+Enter imports
 * into the parking lot as one step, the columns are remembered, and the
 * saved file holds the cards. */
static void
test_import_cards (void)
{
  g_autofree char *path = sample_copy ();
  g_autofree char *csv_path = g_build_filename (g_get_tmp_dir (), "notes.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) remembered = NULL;
  g_autofree char *dialog_id = NULL;
  const char *field = NULL;
  JmImportDialog *dialog;
  JmWindow *window;
  JmMap *map;
  guint n_cards;

  g_assert_true (g_file_set_contents (csv_path,
                                      "Sticky note,Author,Feeling\r\n"
                                      "Waited an hour for the engineer,Ann,-2\r\n"
                                      "\"Loved the app, \"\"finally\"\"\",Bob,2\r\n"
                                      "Bill was wrong,,x\r\n", -1, NULL));
  window = open_window (file);
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  map = jm_window_get_map (window);
  n_cards = g_list_model_get_n_items (jm_map_get_touchpoints (map));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-cards-file", "s", csv_path);
  jm_test_wait_for (has_import_dialog, NULL, "the import dialog");
  dialog = import_dialog ();
  g_assert_cmpuint (jm_import_dialog_get_n_cards (dialog), ==, 3);
  g_assert_null (jm_import_dialog_get_problems (dialog));
  g_assert_false (jm_map_get_modified (map));

  /* Feeling as the emotion: "x" is no emotion, and the import waits. */
  dialog_id = jm_test_window_id (GTK_WIDGET (dialog));
  jm_test_xdotool ("windowfocus", "--sync", dialog_id, NULL);
  choose_field (dialog, 2, 4);
  jm_test_wait_for (import_has_problems, dialog, "the bad emotion named");
  g_assert_cmpstr (jm_import_dialog_get_problems (dialog), ==, "line 4: the emotion “x” is not understood");
  jm_test_xdotool ("key", "ctrl+Return", NULL);
  jm_test_flush_events ();
  g_assert_nonnull (import_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, n_cards);

  /* Left out again, and imported. */
  choose_field (dialog, 2, -4);
  jm_test_wait_for (import_has_no_problems, dialog, "the problem gone");
  jm_test_xdotool ("key", "ctrl+Return", NULL);
  jm_test_wait_for (has_no_import_dialog, NULL, "the import");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, n_cards + 3);
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Import 3 Cards");

  settings = g_settings_new (APP_ID);
  remembered = g_settings_get_value (settings, "import-columns");
  g_assert_true (g_variant_lookup (remembered, "sticky note", "&s", &field));
  g_assert_cmpstr (field, ==, "title");
  g_assert_true (g_variant_lookup (remembered, "feeling", "&s", &field));
  g_assert_cmpstr (field, ==, "");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  saved = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) lot = jm_map_get_cell (saved, jm_test_item_at (jm_map_get_stages (saved), 0),
                                               jm_map_lookup_persona (saved, JM_EDITS_PARKING_LOT_ID));

    g_assert_cmpuint (lot->len, ==, 3);
    g_assert_cmpstr (jm_touchpoint_get_title (g_ptr_array_index (lot, 1)), ==, "Loved the app, \"finally\"");
  }
  g_settings_reset (settings, "import-columns");
  jm_test_destroy_window (window);
  g_unlink (path);
  g_unlink (csv_path);
}

static JmCompareView *
compare_view (void)
{
  return jm_test_find_toplevel (JM_TYPE_COMPARE_VIEW);
}

static gboolean
has_compare_view (gpointer data)
{
  jm_test_flush_events ();
  return compare_view () != NULL;
}

static gboolean
has_no_compare_view (gpointer data)
{
  return !has_compare_view (data);
}

static gboolean
compare_has_n_changes (gpointer data)
{
  jm_test_flush_events ();
  return compare_view () != NULL && jm_compare_view_get_n_changes (compare_view ()) == GPOINTER_TO_UINT (data);
}

/* How many of the board's pixels around @card's place have @rgb's colour,
 * as the board draws itself now. */
static guint
pixels_near_card (JmCanvas     *canvas,
                  JmTouchpoint *card,
                  guint32       rgb)
{
  GtkWidget *widget = GTK_WIDGET (canvas);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  graphene_rect_t rect;
  double x0, y0, x1, y1;
  guint count = 0;

  g_assert_true (_jm_canvas_get_card_rect (canvas, card, &rect));
  _jm_canvas_board_to_widget (canvas, rect.origin.x, rect.origin.y, &x0, &y0);
  _jm_canvas_board_to_widget (canvas, rect.origin.x + rect.size.width, rect.origin.y + rect.size.height,
                              &x1, &y1);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int y = MAX (0, (int) y0 - 20); y < MIN (height, (int) y1 + 6); y++)
    for (int x = MAX (0, (int) x0 - 6); x < MIN (width, (int) x1 + 6); x++)
      {
        /* Cairo's ARGB32 in memory: B, G, R, A on a little-endian machine. */
        const guchar *p = pixels + ((gsize) y * width + x) * 4;
        guint32 found = ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];

        count += found == rgb;
      }
  return count;
}

static gboolean
board_has_marks (gpointer data)
{
  return jm_canvas_get_n_card_marks (data) > 0;
}

static gboolean
board_has_no_marks (gpointer data)
{
  return jm_canvas_get_n_card_marks (data) == 0;
}

/* Compare With…: the to-be copy of a map beside the map, stage by stage;
 * the cards that differ marked on the board, the switch taking the marks
 * away and back; an edit to the open map shows in the comparison; Escape
 * closes it and the marks go. */
static void
test_compare_map (void)
{
  g_autofree char *path = sample_copy ();
  g_autofree char *to_be_path = g_build_filename (g_get_tmp_dir (), "to-be.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) to_be_file = g_file_new_for_path (to_be_path);
  g_autoptr(JmMap) to_be = jm_file_load (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *view_id = NULL;
  JmTouchpoint *fixed = jm_test_item_at (jm_map_get_touchpoints (to_be), 0);
  JmTouchpoint *moved = jm_test_item_at (jm_map_get_touchpoints (to_be), 1);
  g_autofree char *fixed_id = g_strdup (jm_touchpoint_get_id (fixed));
  g_autofree char *moved_id = g_strdup (jm_touchpoint_get_id (moved));
  g_autofree char *stage_id = g_strdup (jm_touchpoint_get_stage_id (fixed));
  g_autofree char *expected_label = NULL;
  const JmStageComparison *stage = NULL;
  JmCompareView *view;
  GArray *comparison;
  JmWindow *window;
  JmCanvas *canvas;
  JmMap *map;
  JmTouchpoint *card;
  g_autoptr(GPtrArray) added = NULL;
  GtkWidget *board_switch;
  g_autofree char *switch_view_id = NULL;
  const char *label = NULL;
  char at[2][32];
  guint steps_before;

  jm_touchpoint_set_emotion (fixed, 2);
  /* The second card sits in another stage in the to-be map. */
  for (guint s = 0; s < g_list_model_get_n_items (jm_map_get_stages (to_be)); s++)
    {
      JmStage *other = jm_test_item_at (jm_map_get_stages (to_be), s);

      if (g_strcmp0 (jm_stage_get_id (other), jm_touchpoint_get_stage_id (moved)) != 0)
        {
          jm_touchpoint_set_stage_id (moved, jm_stage_get_id (other));
          break;
        }
    }
  g_assert_true (jm_file_save (to_be, to_be_file, NULL, &error));
  window = open_window (file);
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  map = jm_window_get_map (window);
  canvas = jm_window_get_canvas (window);
  /* A card only the open map has, at the end of its first cell. */
  {
    JmTouchpoint *first = jm_test_item_at (jm_map_get_touchpoints (map), 0);

    added = jm_edits_add_cards_of_kind (map, jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (first)),
                                        jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (first)), -1,
                                        (const char *[]) { "Only in the as-is", NULL }, NULL);
  }
  g_assert_cmpuint (added->len, ==, 1);
  steps_before = jm_history_get_n_steps (jm_map_get_history (map));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-map-file", "s", to_be_path);
  jm_test_wait_for (has_compare_view, NULL, "the comparison");
  view = compare_view ();
  g_assert_cmpuint (jm_compare_view_get_n_changes (view), ==, 3);

  /* The board marks the three cards, each as it differs; marking is no
   * edit of the map. */
  card = jm_map_lookup_touchpoint (map, fixed_id);
  g_assert_cmpint (jm_canvas_get_card_mark (canvas, card, &label), ==, JM_CARD_MARK_CHANGED);
  expected_label = jm_touchpoint_get_emotion (card) == JM_EMOTION_UNSET
                   ? g_strdup ("Emotion +2 → none")
                   : jm_touchpoint_get_emotion (card) < 0
                   ? g_strdup_printf ("Emotion +2 → −%d", -jm_touchpoint_get_emotion (card))
                   : g_strdup_printf ("Emotion +2 → +%d", jm_touchpoint_get_emotion (card));
  g_assert_cmpstr (label, ==, expected_label);
  g_assert_cmpint (jm_canvas_get_card_mark (canvas, jm_map_lookup_touchpoint (map, moved_id), NULL), ==,
                   JM_CARD_MARK_MOVED);
  g_assert_cmpint (jm_canvas_get_card_mark (canvas, g_ptr_array_index (added, 0), NULL), ==,
                   JM_CARD_MARK_ONLY_HERE);
  g_assert_cmpuint (jm_canvas_get_n_card_marks (canvas), ==, 3);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps_before);
  /* Drawn: the changed card's ring and label in their colour. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.zoom-reset", NULL);
  jm_canvas_set_selected_object (canvas, card);
  jm_canvas_set_selected_object (canvas, NULL);
  g_assert_cmpuint (pixels_near_card (canvas, card, 0xb34500), >, 100);

  /* The switch, clicked, takes the marks away, and clicked again brings
   * them back. */
  board_switch = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), JM_TYPE_COMPARE_VIEW,
                                                           "board_switch"));
  switch_view_id = jm_test_window_id (GTK_WIDGET (view));
  jm_test_widget_point (board_switch, gtk_widget_get_width (board_switch) / 2.0,
                        gtk_widget_get_height (board_switch) / 2.0, at);
  jm_test_xdotool ("mousemove", "--window", switch_view_id, at[0], at[1], "click", "1", NULL);
  jm_test_wait_for (board_has_no_marks, canvas, "the marks to go");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (board_switch)));
  g_assert_cmpuint (pixels_near_card (canvas, card, 0xb34500), ==, 0);
  jm_test_xdotool ("mousemove", "--window", switch_view_id, at[0], at[1], "click", "1", NULL);
  jm_test_wait_for (board_has_marks, canvas, "the marks to come back");

  /* Taken back in the open map: the card is no longer only here. */
  jm_map_undo (map);
  jm_test_wait_for (compare_has_n_changes, GUINT_TO_POINTER (2), "the comparison to follow the undo");
  g_assert_cmpuint (jm_canvas_get_n_card_marks (canvas), ==, 2);

  comparison = jm_compare_view_get_comparison (view);
  g_assert_cmpuint (comparison->len, ==, g_list_model_get_n_items (jm_map_get_stages (map)));
  for (guint s = 0; s < comparison->len; s++)
    if (g_str_equal (g_array_index (comparison, JmStageComparison, s).stage_id, stage_id))
      stage = &g_array_index (comparison, JmStageComparison, s);
  g_assert_nonnull (stage);
  g_assert_cmpuint (stage->n_changed, ==, 1);
  g_assert_cmpfloat (stage->emotion[1], >, stage->emotion[0]);

  /* The same edit in the open map: only the moved card differs. */
  jm_map_edit_int (map, jm_map_lookup_touchpoint (map, fixed_id), "emotion", 2);
  jm_test_wait_for (compare_has_n_changes, GUINT_TO_POINTER (1), "the comparison to follow the edit");
  g_assert_cmpint (jm_canvas_get_card_mark (canvas, card, NULL), ==, JM_CARD_MARK_NONE);
  g_assert_cmpuint (jm_canvas_get_n_card_marks (canvas), ==, 1);

  view_id = jm_test_window_id (GTK_WIDGET (compare_view ()));
  jm_test_xdotool ("windowfocus", "--sync", view_id, NULL);
  jm_test_xdotool ("key", "Escape", NULL);
  jm_test_wait_for (has_no_compare_view, NULL, "the comparison to close");
  g_assert_cmpuint (jm_canvas_get_n_card_marks (canvas), ==, 0);

  jm_test_destroy_window (window);
  g_unlink (path);
  g_unlink (to_be_path);
}

/* The scoring pass. */

typedef struct
{
  JmScoringPass *pass;
  JmTouchpoint  *card;
} PassAt;

static gboolean
pass_is_at (gpointer data)
{
  PassAt *at = data;

  return jm_scoring_pass_get_open (at->pass) && jm_scoring_pass_get_current (at->pass) == at->card;
}

static gboolean
pass_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (gtk_widget_get_root (data)));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

static gboolean
can_redo (gpointer data)
{
  return jm_history_can_redo (data);
}

static gboolean
both_feel_negative (gpointer data)
{
  GPtrArray *cards = data;

  return jm_touchpoint_get_emotion (g_ptr_array_index (cards, 0)) == -1 &&
         jm_touchpoint_get_emotion (g_ptr_array_index (cards, 1)) == -1;
}

/* The four ratings and the emotion, as "r r r r e". */
static char *
card_scores (JmTouchpoint *card)
{
  return g_strdup_printf ("%d %d %d %d %d", jm_touchpoint_get_rating (card, JM_MEASURE_RESPONSIVENESS),
                          jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE),
                          jm_touchpoint_get_rating (card, JM_MEASURE_RELIABILITY),
                          jm_touchpoint_get_rating (card, JM_MEASURE_RELEVANCE),
                          jm_touchpoint_get_emotion (card));
}

static char *
saved_scores (JmMap        *saved,
              JmTouchpoint *card)
{
  return card_scores (jm_map_lookup_touchpoint (saved, jm_touchpoint_get_id (card)));
}

/* Ctrl+Shift+G, then five keys a card: three cards scored in journey
 * order, each one undo step, and saved with Ctrl+S; with two cards
 * selected, a key scores both in one step. */
static void
test_scoring_pass (void)
{
  static const char * const keys[3][5] = {
    { "5", "4", "3", "2", "1" },
    { "1", "2", "3", "4", "5" },
    { "2", "2", "2", "2", "3" },
  };
  static const char * const expected[3] = { "5 4 3 2 -2", "1 2 3 4 2", "2 2 2 2 0" };
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) saved = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  JmHistory *history = jm_map_get_history (map);
  JmScoringPass *pass = jm_test_window_child (window, "scoring_pass");
  g_autoptr(GPtrArray) order = jm_edits_journey_order (map, NULL);
  g_autoptr(GPtrArray) pair = g_ptr_array_new ();
  PassAt at = { pass, NULL };
  char *pair_before[2] = { NULL, NULL };
  guint steps;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  g_assert_cmpuint (order->len, >, 5);
  before = card_scores (g_ptr_array_index (order, 2));
  jm_canvas_set_selected_object (canvas, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  jm_test_flush_events ();
  steps = jm_history_get_n_steps (history);

  jm_test_xdotool ("key", "ctrl+shift+g", NULL);
  at.card = g_ptr_array_index (order, 0);
  jm_test_wait_for (pass_is_at, &at, "the pass on the first card");
  jm_test_wait_for (pass_has_focus, pass, "the pass's focus");
  for (guint c = 0; c < 3; c++)
    {
      for (guint k = 0; k < 5; k++)
        jm_test_xdotool ("key", keys[c][k], NULL);
      at.card = g_ptr_array_index (order, c + 1);
      jm_test_wait_for (pass_is_at, &at, "the next card");
      /* The board shows the card being scored. */
      g_assert_true (jm_canvas_get_selected_object (canvas) == at.card);
    }
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *scores = card_scores (g_ptr_array_index (order, c));

      g_assert_cmpstr (scores, ==, expected[c]);
    }
  g_assert_cmpuint (jm_history_get_n_steps (history), ==, steps + 3);
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Score Card");

  jm_test_xdotool ("key", "ctrl+s", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  saved = jm_file_load (file, NULL, NULL);
  g_assert_nonnull (saved);
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *scores = saved_scores (saved, g_ptr_array_index (order, c));

      g_assert_cmpstr (scores, ==, expected[c]);
    }

  /* One Ctrl+Z takes back the third card's five values, and no more. */
  jm_test_xdotool ("key", "ctrl+z", NULL);
  jm_test_wait_for (can_redo, history, "the undo");
  after = card_scores (g_ptr_array_index (order, 2));
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = card_scores (g_ptr_array_index (order, 1));
  g_assert_cmpstr (after, ==, expected[1]);
  g_assert_true (pass_has_focus (pass));

  /* Escape; then two cards selected, scored together. */
  jm_test_xdotool ("key", "Escape", NULL);
  jm_test_wait_for (canvas_has_focus, window, "the board's focus");
  g_assert_false (jm_scoring_pass_get_open (pass));
  g_ptr_array_add (pair, g_ptr_array_index (order, 4));
  g_ptr_array_add (pair, g_ptr_array_index (order, 5));
  pair_before[0] = card_scores (g_ptr_array_index (pair, 0));
  pair_before[1] = card_scores (g_ptr_array_index (pair, 1));
  jm_selection_set (jm_canvas_get_shared_selection (canvas), pair, g_ptr_array_index (pair, 0));
  jm_test_flush_events ();
  jm_test_xdotool ("key", "ctrl+shift+g", NULL);
  jm_test_wait_for (pass_has_focus, pass, "the pass on two cards");
  g_assert_true (jm_scoring_pass_get_together (pass));
  jm_test_xdotool ("key", "1", NULL);
  jm_test_xdotool ("key", "1", NULL);
  jm_test_xdotool ("key", "minus", NULL);
  jm_test_wait_for (both_feel_negative, pair, "the scores of both cards");
  for (guint i = 0; i < 2; i++)
    {
      JmTouchpoint *card = g_ptr_array_index (pair, i);

      g_assert_cmpint (jm_touchpoint_get_rating (card, JM_MEASURE_RESPONSIVENESS), ==, 1);
      g_assert_cmpint (jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE), ==, 1);
    }
  /* One step for both: one Ctrl+Z takes it back from both. */
  g_assert_cmpstr (jm_history_get_undo_label (history), ==, "Score 2 Cards");
  jm_test_xdotool ("key", "ctrl+z", NULL);
  jm_test_wait_for (can_redo, history, "the undo of both");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *scores = card_scores (g_ptr_array_index (pair, i));

      g_assert_cmpstr (scores, ==, pair_before[i]);
    }

  g_free (pair_before[0]);
  g_free (pair_before[1]);
  jm_test_destroy_window (window);
  g_unlink (path);
}

/* The workshop timer. */

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static gboolean
timer_is_running (gpointer data)
{
  return jm_timer_get_running (data);
}

static gboolean
popover_open (gpointer data)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (data));

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* The header's timer is the document's: a click, minutes typed and Enter
 * start it; at zero the time left turns the accent colour. */
static void
test_timer (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *window_id = NULL;
  char at[2][32];
  JmWindow *window = open_window (file);
  JmTimerButton *button = jm_test_window_child (window, "timer_button");
  GtkWidget *menu_button = gtk_widget_get_first_child (GTK_WIDGET (button));
  JmTimer *timer = jm_document_get_timer (window->document);
  GtkLabel *label;

  g_assert_true (jm_timer_button_get_timer (button) == timer);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  fake_now = 1000 * G_USEC_PER_SEC;
  jm_timer_set_clock (timer, fake_clock, NULL);

  window_id = jm_test_window_id (GTK_WIDGET (window));
  jm_test_widget_point (menu_button, gtk_widget_get_width (menu_button) / 2.0,
                        gtk_widget_get_height (menu_button) / 2.0, at);
  jm_test_xdotool ("mousemove", "--window", window_id, at[0], at[1], "click", "1", NULL);
  jm_test_wait_for (popover_open, menu_button, "the timer's popover");
  jm_test_xdotool ("key", "ctrl+a", NULL);
  jm_test_xdotool ("type", "3", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  jm_test_wait_for (timer_is_running, timer, "the countdown");
  g_assert_cmpuint (jm_timer_get_duration (timer), ==, 3 * 60);

  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (button), JM_TYPE_TIMER_BUTTON, "label"));
  fake_now += 61 * G_USEC_PER_SEC;
  jm_timer_tick (timer);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "1:59");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (button), "jm-timer-finished"));
  fake_now += 120 * G_USEC_PER_SEC;
  jm_timer_tick (timer);
  g_assert_true (jm_timer_get_finished (timer));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "0:00");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (button), "jm-timer-finished"));

  jm_test_xdotool ("key", "Escape", NULL);
  jm_timer_set_clock (timer, NULL, NULL);
  jm_test_destroy_window (window);
  g_unlink (path);
}

/* The agenda window, transient for @parent, once shown. */
static GtkWindow *
find_agenda_window (gpointer parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != parent && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == parent &&
          g_strcmp0 (gtk_window_get_title (window), "Agenda") == 0)
        return window;
    }
  return NULL;
}

static gboolean
agenda_window_shown (gpointer parent)
{
  GtkWindow *window = find_agenda_window (parent);

  return window != NULL && gtk_window_is_active (window);
}

static gboolean
agenda_window_gone (gpointer parent)
{
  return find_agenda_window (parent) == NULL;
}

static gboolean
agenda_has_two_steps (gpointer data)
{
  return jm_timer_get_n_steps (data) == 2 && g_strcmp0 (jm_timer_get_step_title (data, 1), "Vote") == 0;
}

/* The agenda is typed in its window, and is there again when the map
 * opens again in another run's window. */
static void
test_agenda (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmTimerButton *button = jm_test_window_child (window, "timer_button");
  JmTimer *timer = jm_document_get_timer (window->document);

  /* Another map's agenda kept for the same path is not this test's. */
  jm_timer_set_agenda (timer, (const char *[]) { NULL }, NULL);
  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  jm_timer_button_edit_agenda (button);
  jm_test_wait_for (agenda_window_shown, window, "the agenda window");
  jm_test_xdotool ("type", "--delay", "20", "Map as is", NULL);
  jm_test_xdotool ("key", "Tab", NULL);
  jm_test_xdotool ("key", "ctrl+a", NULL);
  jm_test_xdotool ("type", "30", NULL);
  jm_test_xdotool ("key", "shift+Tab", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  jm_test_xdotool ("type", "--delay", "20", "Vote", NULL);
  jm_test_wait_for (agenda_has_two_steps, timer, "the agenda's two steps");
  jm_test_xdotool ("key", "Escape", NULL);
  jm_test_wait_for (agenda_window_gone, window, "the agenda window to close");
  g_assert_cmpuint (jm_timer_get_step_minutes (timer, 0), ==, 30);
  jm_test_destroy_window (window);

  window = open_window (file);
  timer = jm_document_get_timer (window->document);
  g_assert_cmpuint (jm_timer_get_n_steps (timer), ==, 2);
  g_assert_cmpstr (jm_timer_get_step_title (timer, 0), ==, "Map as is");
  g_assert_cmpuint (jm_timer_get_step_minutes (timer, 0), ==, 30);
  g_assert_cmpstr (jm_timer_get_step_title (timer, 1), ==, "Vote");
  jm_timer_set_agenda (timer, (const char *[]) { NULL }, NULL);
  jm_test_destroy_window (window);
  g_unlink (path);
}

/* Card templates. */

static const char *
kind_of (JmMap      *map,
         const char *title)
{
  GListModel *cards = jm_map_get_touchpoints (map);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      JmTouchpoint *card = jm_test_item_at (cards, i);

      if (g_strcmp0 (jm_touchpoint_get_title (card), title) == 0)
        return jm_touchpoint_get_kind (card);
    }
  g_assert_not_reached ();
}

static gboolean
is_editing (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, JM_TYPE_CANVAS) != NULL &&
         !gtk_widget_has_focus (GTK_WIDGET (jm_window_get_canvas (data)));
}

/* Alt+2, Alt+3 and Alt+4 in quick capture make pain points, ideas and
 * questions, until Alt+1; the Add menu makes them too; the file keeps
 * their kind. */
static void
test_card_templates (void)
{
  static const struct { const char *keys; const char *title; const char *kind; } typed[] = {
    { "alt+2", "Modem arrives broken", "pain-point" },
    { NULL, "Engineer misses slot", "pain-point" },
    { "alt+3", "Text before the visit", "idea" },
    { "alt+4", "Who owns the router", "question" },
    { "alt+1", "Plain again", "" },
  };
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) saved = NULL;
  g_autofree char *xml = NULL;
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmCanvas *canvas = jm_window_get_canvas (window);
  guint n;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  jm_canvas_set_selected_object (canvas, jm_test_item_at (jm_map_get_touchpoints (map), 0));
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  jm_test_flush_events ();
  jm_test_xdotool ("key", "ctrl+shift+k", NULL);
  jm_test_wait_for (entry_has_focus, window, "the capture bar's entry");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      if (typed[i].keys != NULL)
        jm_test_xdotool ("key", typed[i].keys, NULL);
      capture (map, typed[i].title);
      g_assert_cmpstr (kind_of (map, typed[i].title), ==, typed[i].kind);
    }
  /* One card, one step, its kind with it. */
  jm_test_xdotool ("key", "ctrl+z", NULL);
  n = g_list_model_get_n_items (jm_map_get_touchpoints (map));
  jm_test_xdotool ("key", "ctrl+z", NULL);
  wait_for_n_cards (map, n - 1, "the question's undo");
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  wait_for_n_cards (map, n, "the question's redo");
  g_assert_cmpstr (kind_of (map, "Who owns the router"), ==, "question");
  jm_test_xdotool ("key", "ctrl+shift+z", NULL);
  wait_for_n_cards (map, n + 1, "the plain card's redo");
  jm_test_xdotool ("key", "Escape", NULL);
  jm_test_wait_for (canvas_has_focus, window, "the board's focus");

  /* From the Add menu: an idea, its title typed on the board. */
  gtk_widget_activate_action (GTK_WIDGET (window), "board.add-card", "s", "idea");
  jm_test_wait_for (is_editing, window, "the new idea's title");
  jm_test_xdotool ("key", "ctrl+a", NULL);
  jm_test_xdotool ("type", "--delay", "20", "Idea from the menu", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  jm_test_wait_for (canvas_has_focus, window, "the board's focus after the title");
  g_assert_cmpstr (kind_of (map, "Idea from the menu"), ==, "idea");

  jm_test_xdotool ("key", "ctrl+s", NULL);
  jm_test_wait_for (is_saved, window, "the save");
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "kind=\"pain-point\""));
  saved = jm_file_load (file, NULL, NULL);
  g_assert_nonnull (saved);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    g_assert_cmpstr (kind_of (saved, typed[i].title), ==, typed[i].kind);
  g_assert_cmpstr (kind_of (saved, "Idea from the menu"), ==, "idea");

  jm_test_destroy_window (window);
  g_unlink (path);
}

static JmWindow *
other_window (JmWindow *than)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_WINDOW (window) && (gpointer) window != than && jm_window_get_map (JM_WINDOW (window)) != NULL)
        return JM_WINDOW (window);
    }
  return NULL;
}

static gboolean
has_other_window (gpointer data)
{
  jm_test_flush_events ();
  return other_window (data) != NULL;
}

/* New To-Be Map from This: a copy in a new window, same ids, status to
 * be, its title saying so; the as-is map is left as it was, and the two
 * compare card by card. */
static void
test_new_to_be_map (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmWindow *to_be;
  JmMap *copy;
  g_autoptr(JmMapDiff) diff = NULL;
  g_autofree char *title = g_strdup (jm_map_get_title (map));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-to-be-map", NULL);
  jm_test_wait_for (has_other_window, window, "the to-be map's window");
  to_be = other_window (window);
  copy = jm_window_get_map (to_be);
  g_assert_true (copy != map);
  g_assert_null (jm_window_get_file (to_be));
  g_assert_cmpint (jm_map_get_status (copy), ==, JM_MAP_STATUS_TO_BE);
  g_assert_cmpstr (title, ==, "Home broadband: from need to recommendation (as is)");
  g_assert_cmpstr (jm_map_get_title (copy), ==, "Home broadband: from need to recommendation (to be)");
  g_assert_cmpstr (jm_map_get_title (map), ==, title);
  g_assert_false (jm_map_get_modified (map));
  diff = jm_map_diff_new (map, copy);
  /* Only the title and the status differ: every card is the same card. */
  g_assert_cmpuint (jm_map_diff_get_n_changes (diff), ==, 2);

  jm_test_destroy_window (to_be);
  jm_test_destroy_window (window);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Recent files and saved maps go to a directory of the test's own. */
  home = g_dir_make_tmp ("test-window-board-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("TMPDIR", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/window-board/start-page", test_start_page);
  g_test_add_func ("/window-board/drag-save-reopen", test_drag_save_reopen);
  g_test_add_func ("/window-board/keyboard-move", test_keyboard_move);
  g_test_add_func ("/window-board/selection-sync", test_selection_sync);
  g_test_add_func ("/window-board/several-cards", test_several_cards);
  g_test_add_func ("/window-board/first-frame-panel", test_first_frame_panel);
  g_test_add_func ("/window-board/scores-select", test_scores_select);
  g_test_add_func ("/window-board/filter-and-colour", test_filter_and_colour);
  g_test_add_func ("/window-board/typed-names", test_typed_names);
  g_test_add_func ("/window-board/weights", test_weights);
  g_test_add_func ("/window-board/quick-capture", test_quick_capture);
  g_test_add_func ("/window-board/clipboard", test_clipboard);
  g_test_add_func ("/window-board/merge-map", test_merge_map);
  g_test_add_func ("/window-board/import-cards", test_import_cards);
  g_test_add_func ("/window-board/compare-map", test_compare_map);
  g_test_add_func ("/window-board/new-to-be-map", test_new_to_be_map);
  g_test_add_func ("/window-board/scoring-pass", test_scoring_pass);
  g_test_add_func ("/window-board/timer", test_timer);
  g_test_add_func ("/window-board/agenda", test_agenda);
  g_test_add_func ("/window-board/card-templates", test_card_templates);
  g_test_add_func ("/window-board/title-block", test_title_block);
  g_test_add_func ("/window-board/dot-voting", test_dot_voting);

  status = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (home, "recently-used.xbel", NULL);

    g_unlink (recent);
    g_rmdir (home);
  }
  return status;
}
