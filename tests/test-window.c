/* test-window.c: the window, its actions and the outline, driven as a user would
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file.h"
#include "jm-outline-row.h"
#include "jm-export-dialog.h"
#include "jm-session.h"
#include "jm-window-private.h"
#include "jm-test-window.h"

/* Helpers. */

typedef struct
{
  GCallback callback;
  gpointer  data;
} FrameWatch;

static void
on_watched_realize (GtkWidget  *window,
                    FrameWatch *watch)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", watch->callback, watch->data);
}

/* Calls @callback (clock, @data) at the end of each of @window's frames,
 * from its first one on. */
static void
watch_frames (JmWindow  *window,
              GCallback  callback,
              gpointer   data)
{
  FrameWatch *watch = g_new (FrameWatch, 1);

  watch->callback = callback;
  watch->data = data;
  g_signal_connect_data (window, "realize", G_CALLBACK (on_watched_realize), watch,
                         (GClosureNotify) (void (*) (void)) g_free, G_CONNECT_AFTER);
}

static JmWindow *
new_window_with (JmMap *map)
{
  JmWindow *window = jm_window_new (NULL);

  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  return window;
}

static gboolean
action_enabled (JmWindow   *window,
                const char *button)
{
  /* An actionable button is sensitive exactly when its action is enabled. */
  return gtk_widget_get_sensitive (jm_test_window_child (window, button));
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static guint
n_rows (JmWindow *window)
{
  return n_items (jm_outline_get_rows (jm_window_get_outline (window)));
}

static gboolean
find_row (JmWindow        *window,
          gpointer         object,
          GtkTreeListRow **row_out)
{
  GListModel *rows = jm_outline_get_rows (jm_window_get_outline (window));

  for (guint i = 0; i < n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == object)
        {
          if (row_out != NULL)
            *row_out = g_steal_pointer (&row);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
title_is_modified (JmWindow *window)
{
  return strstr (gtk_window_get_title (GTK_WINDOW (window)), "•") != NULL;
}

static guint
count_dialogs (gpointer parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        count++;
    }
  return count;
}

static JmMap *
experience_cycle (void)
{
  return jm_map_new_from_template ("experience-cycle");
}

/* Tests. */

static void
test_templates_build (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  JmWindow *window = jm_window_new (NULL);
  GObject *shortcuts;

  /* The window's template built with fatal criticals; the others too. */
  g_assert_true (JM_IS_WINDOW (window));
  g_assert_true (JM_IS_OUTLINE (jm_window_get_outline (window)));
  g_assert_true (GTK_IS_BOX (jm_window_get_board_area (window)));

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/jm-shortcuts-window.ui");
  shortcuts = gtk_builder_get_object (builder, "shortcuts_window");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  gtk_window_destroy (GTK_WINDOW (shortcuts));

  jm_test_destroy_window (window);
}

static void
test_start_page (void)
{
  JmWindow *window = jm_window_new (NULL);
  GtkStack *stack = GTK_STACK (jm_test_window_child (window, "stack"));

  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  g_assert_null (jm_window_get_map (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (jm_window_is_replaceable (window));
  g_assert_false (action_enabled (window, "save_button"));

  /* A template replaces the start page in the same window. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-template", "s", "lifecycle");
  g_assert_nonnull (jm_window_get_map (window));
  g_assert_cmpuint (n_items (jm_map_get_stages (jm_window_get_map (window))), ==, 8);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  g_assert_null (jm_window_get_file (window));
  g_assert_false (title_is_modified (window));
  /* Untouched, the new map may still give way to an opened file. */
  g_assert_true (jm_window_is_replaceable (window));

  jm_test_destroy_window (window);
}

static void
test_edit_actions (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = new_window_with (map);
  JmOutline *outline = jm_window_get_outline (window);
  GListModel *stages = jm_map_get_stages (map);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  JmStage *first = jm_test_item_at (stages, 0);
  JmStage *second = jm_test_item_at (stages, 1);
  JmStage *added;
  JmTouchpoint *touchpoint;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  guint position;

  /* Two headings, four stages, one lane with its four cells. */
  g_assert_cmpuint (n_rows (window), ==, 2 + 4 + 1 + 4);
  g_assert_false (title_is_modified (window));
  g_assert_false (action_enabled (window, "undo_button"));
  g_assert_false (action_enabled (window, "delete_button"));

  /* Add a stage after the selected one: one step, named in the undo label. */
  jm_outline_set_selected_object (outline, first);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) first);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stage", NULL);
  g_assert_cmpuint (n_items (stages), ==, 5);
  added = jm_test_item_at (stages, 1);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) added);
  g_assert_cmpuint (n_rows (window), ==, 2 + 5 + 1 + 5);
  g_assert_true (title_is_modified (window));
  g_assert_true (action_enabled (window, "undo_button"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (jm_test_window_child (window, "undo_button")), ==,
                   "Undo Add Stage (Ctrl+Z)");

  /* Move it back up: it stays selected, and moving up is then impossible. */
  g_assert_true (action_enabled (window, "move_up_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-up", NULL);
  g_assert_true (jm_test_item_at (stages, 0) == (gpointer) added);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) added);
  g_assert_false (action_enabled (window, "move_up_button"));
  g_assert_true (action_enabled (window, "move_down_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL);
  g_assert_true (jm_test_item_at (stages, 1) == (gpointer) added);

  /* Rename through the dialog, as one step. */
  dialog = NULL;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.rename", NULL);
  dialog = jm_test_find_dialog (window);
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "New Stage");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Onboarding");
  adw_message_dialog_response (dialog, "rename");
  g_assert_cmpstr (jm_stage_get_name (added), ==, "Onboarding");
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Rename Stage");

  /* A touchpoint lands in the selected stage, in the first lane. */
  jm_outline_set_selected_object (outline, second);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-touchpoint", NULL);
  g_assert_cmpuint (n_items (touchpoints), ==, 1);
  touchpoint = jm_test_item_at (touchpoints, 0);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (touchpoint), ==, jm_stage_get_id (second));
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) touchpoint);
  g_assert_cmpuint (n_rows (window), ==, 2 + 5 + 1 + 5 + 1);
  g_assert_true (find_row (window, touchpoint, NULL));

  /* Move it to the next stage with the keyboard action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-right", NULL);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (touchpoint), ==,
                   jm_stage_get_id (jm_test_item_at (stages, 3)));
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) touchpoint);
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Move Card");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (jm_test_window_child (window, "undo_button")), ==,
                   "Undo Move Card (Ctrl+Z)");

  /* Delete, undo, redo. */
  g_object_ref (touchpoint);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  g_assert_cmpuint (n_items (touchpoints), ==, 0);
  g_assert_false (find_row (window, touchpoint, NULL));
  g_assert_null (jm_outline_get_selected_object (outline));
  g_assert_false (action_enabled (window, "delete_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (n_items (touchpoints), ==, 1);
  g_assert_true (find_row (window, touchpoint, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpuint (n_items (touchpoints), ==, 0);
  g_object_unref (touchpoint);

  /* Undo everything: the title loses its mark again. */
  while (jm_history_can_undo (jm_map_get_history (map)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (n_items (stages), ==, 4);
  g_assert_false (title_is_modified (window));
  g_assert_true (jm_map_find_stage (map, first, &position));
  g_assert_cmpuint (position, ==, 0);

  jm_test_destroy_window (window);
}

static void
test_outline_follows_model (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = new_window_with (map);
  GListModel *stages = jm_map_get_stages (map);
  JmPersona *customer = jm_test_item_at (jm_map_get_personas (map), 0);
  g_autoptr(GtkTreeListRow) row = NULL;
  GtkTreeListRow *parent;
  JmTouchpoint *touchpoint;
  JmPersona *second;

  /* Edits made elsewhere (the board, a script) show up in the outline. */
  touchpoint = jm_map_add_touchpoint (map, jm_test_item_at (stages, 0), customer, -1, "Sees an advert");
  jm_map_add_touchpoint (map, jm_test_item_at (stages, 0), customer, -1, "Asks a friend");
  g_assert_cmpuint (n_rows (window), ==, 11 + 2);

  /* A move to another cell moves the row under that cell. */
  jm_map_move_touchpoint (map, touchpoint, jm_test_item_at (stages, 2), customer, -1);
  g_assert_cmpuint (n_rows (window), ==, 13);
  g_assert_true (find_row (window, touchpoint, &row));
  parent = gtk_tree_list_row_get_parent (row);
  /* Rows: Stages, 4 stages, Lanes, Customer, cell 1, its card, cell 2, cell 3. */
  g_assert_cmpuint (gtk_tree_list_row_get_position (parent), ==, 10);
  g_assert_cmpuint (gtk_tree_list_row_get_position (row), ==, 11);
  g_object_unref (parent);

  /* A new lane brings a cell per stage; renames need no new rows. */
  second = jm_map_add_persona (map, -1, "Fridah");
  g_assert_cmpuint (n_rows (window), ==, 13 + 1 + 4);
  jm_map_edit_string (map, second, "name", "Fridah, 29");
  g_assert_cmpuint (n_rows (window), ==, 18);
  jm_map_remove_stage (map, jm_test_item_at (stages, 0));
  /* The stage, its card, and its cell in each of the two lanes. */
  g_assert_cmpuint (n_rows (window), ==, 18 - 4);
  jm_map_undo (map);
  g_assert_cmpuint (n_rows (window), ==, 18);

  /* Undoing a move returns the card to its first cell. */
  jm_map_undo (map);
  jm_map_undo (map);
  jm_map_undo (map);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (touchpoint), ==, jm_stage_get_id (jm_test_item_at (stages, 0)));
  g_assert_cmpuint (n_rows (window), ==, 13);

  jm_test_destroy_window (window);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows the outline's list view shows (it may build widgets for only
 * some of them). */
static guint
n_listed (JmWindow *window)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (jm_window_get_outline (window)), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

static JmMap *
big_map (guint n_touchpoints)
{
  JmMap *map = experience_cycle ();
  GListModel *stages = jm_map_get_stages (map);
  JmPersona *customer = jm_test_item_at (jm_map_get_personas (map), 0);

  for (guint i = 0; i < n_touchpoints; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (jm_test_item_at (stages, i % 4)),
                                                              jm_persona_get_id (customer), title);

      jm_map_append_touchpoint (map, touchpoint);
    }
  return map;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

typedef struct
{
  JmWindow *window;
  guint     listed;      /* rows listed at the first frame; 0 before it */
  int       row_height;
  int       view_height;
} FirstOutline;

static void
on_outline_first_paint (GdkFrameClock *clock,
                        FirstOutline  *first)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (jm_window_get_outline (first->window)), GTK_TYPE_LIST_VIEW);

  if (first->listed > 0)
    return;
  first->listed = n_listed (first->window);
  first->row_height = gtk_widget_get_height (gtk_widget_get_first_child (list));
  first->view_height = gtk_widget_get_height (list);
}


static gboolean
outline_painted (gpointer data)
{
  return ((FirstOutline *) data)->listed > 0;
}

/* The outline's row showing the card titled @title, or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (JM_IS_OUTLINE_ROW (widget) &&
      g_strcmp0 (gtk_label_get_text (jm_outline_row_get_title (JM_OUTLINE_ROW (widget))), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_titled (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_row_titled (gpointer data)
{
  return find_row_titled (GTK_WIDGET (jm_window_get_outline (data)), "Calls support") != NULL;
}

/* A row tells a screen reader what it shows: kind, title, channel and
 * whether the card is a moment of truth. */
static void
test_outline_row_names (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = jm_window_new (NULL);
  JmTouchpoint *card;
  g_autofree char *expected = NULL;
  GtkWidget *row;
  char *error;

  card = jm_map_add_touchpoint (map, jm_test_item_at (jm_map_get_stages (map), 0),
                                jm_test_item_at (jm_map_get_personas (map), 0), -1, "Calls support");
  jm_touchpoint_set_channel (card, "phone");
  jm_touchpoint_set_moment_of_truth (card, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_wait_for (has_row_titled, window, "the card's row");

  row = find_row_titled (GTK_WIDGET (jm_window_get_outline (window)), "Calls support");
  g_assert_true (gtk_widget_get_visible (jm_outline_row_get_star (JM_OUTLINE_ROW (row))));
  expected = g_strdup_printf ("Touchpoint: Calls support, %s, moment of truth", jm_channel_get_label ("phone"));
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  g_assert_null (error);
  jm_test_destroy_window (window);
}

static void
test_outline_rows_on_demand (void)
{
  g_autoptr(JmMap) map = big_map (400);
  g_autoptr(JmMap) other = big_map (300);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  JmTouchpoint *last = jm_test_item_at (touchpoints, n_items (touchpoints) - 1);
  JmWindow *window = jm_window_new (NULL);
  JmOutline *outline = jm_window_get_outline (window);
  JmTouchpoint *added;

  /* Before the window shows, the list view holds the first rows only, yet
   * selecting a card far down the tree works at once. */
  jm_window_set_map (window, map, NULL);
  g_assert_cmpuint (n_rows (window), >, 400);
  g_assert_cmpuint (n_listed (window), <, n_rows (window));
  jm_outline_set_selected_object (outline, last);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) last);
  g_assert_true (jm_canvas_get_selected_object (jm_window_get_canvas (window)) == (gpointer) last);
  g_assert_cmpuint (n_listed (window), ==, n_rows (window));
  jm_test_destroy_window (window);

  /* Shown, the first frame has rows for the outline's whole height (the
   * rest come after it), in a tall window too... */
  for (int height = 720; height <= 1400; height += 680)
    {
      FirstOutline first = { jm_window_new (NULL), 0, 0, 0 };

      watch_frames (first.window, G_CALLBACK (on_outline_first_paint), &first);
      gtk_window_set_default_size (GTK_WINDOW (first.window), 1100, height);
      jm_window_set_map (first.window, other, NULL);
      gtk_window_present (GTK_WINDOW (first.window));
      jm_test_wait_for (outline_painted, &first, "the first frame");
      g_assert_cmpint (first.row_height, >, 0);
      g_assert_cmpint ((int) first.listed * first.row_height, >=, first.view_height);
      g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (first.window)),
                                            on_outline_first_paint, &first);
      jm_test_destroy_window (first.window);
    }

  /* ...and lists every row once the first frames are out, and keeps
   * following the map. */
  window = jm_window_new (NULL);
  outline = jm_window_get_outline (window);
  jm_window_set_map (window, other, NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  g_assert_cmpuint (n_listed (window), ==, n_rows (window));
  added = jm_map_add_touchpoint (other, jm_test_item_at (jm_map_get_stages (other), 3),
                                 jm_test_item_at (jm_map_get_personas (other), 0), -1, "Tells a friend");
  g_assert_cmpuint (n_listed (window), ==, n_rows (window));
  jm_outline_set_selected_object (outline, added);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) added);

  /* A map opened later in the same window is listed whole too. */
  jm_window_set_map (window, map, NULL);
  jm_test_flush_events ();
  g_assert_cmpuint (n_listed (window), ==, n_rows (window));

  /* The outline hidden, edits still reach it; shown again, it lists them.
   * (Without the flap's animation, which snapshots a child before its first
   * allocation and so warns.) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  jm_test_wait_for (is_unmapped, outline, "the outline to hide");
  added = jm_map_add_touchpoint (map, jm_test_item_at (jm_map_get_stages (map), 0),
                                 jm_test_item_at (jm_map_get_personas (map), 0), -1, "Reads a review");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  jm_test_wait_for (is_mapped, outline, "the outline to show");
  jm_test_flush_events ();
  g_assert_cmpuint (n_listed (window), ==, n_rows (window));
  jm_outline_set_selected_object (outline, added);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) added);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  jm_test_destroy_window (window);
}

static void
test_move_between_lanes (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = new_window_with (map);
  JmOutline *outline = jm_window_get_outline (window);
  JmStage *stage = jm_test_item_at (jm_map_get_stages (map), 1);
  JmPersona *first = jm_test_item_at (jm_map_get_personas (map), 0);
  JmPersona *second = jm_map_add_persona (map, -1, "James");
  JmTouchpoint *a = jm_map_add_touchpoint (map, stage, first, -1, "Reads the manual");
  JmTouchpoint *b = jm_map_add_touchpoint (map, stage, first, -1, "Calls support");

  /* Within its cell first... */
  jm_outline_set_selected_object (outline, b);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-up", NULL);
  {
    g_autoptr(GPtrArray) cell = jm_map_get_cell (map, stage, first);

    g_assert_true (g_ptr_array_index (cell, 0) == (gpointer) b);
    g_assert_true (g_ptr_array_index (cell, 1) == (gpointer) a);
  }
  /* ...then on to the lane below, in the same stage. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (b), ==, jm_persona_get_id (second));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (b), ==, jm_stage_get_id (stage));
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) b);
  g_assert_false (action_enabled (window, "move_down_button"));
  g_assert_true (action_enabled (window, "move_up_button"));

  jm_test_destroy_window (window);
}

static guint
row_position (JmWindow *window,
              gpointer  object)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert_true (find_row (window, object, &row));
  return gtk_tree_list_row_get_position (row);
}

static void
test_drop (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = new_window_with (map);
  JmOutline *outline = jm_window_get_outline (window);
  GListModel *stages = jm_map_get_stages (map);
  JmStage *first = jm_test_item_at (stages, 0);
  JmStage *last = jm_test_item_at (stages, 3);
  JmPersona *customer = jm_test_item_at (jm_map_get_personas (map), 0);
  JmTouchpoint *a = jm_map_add_touchpoint (map, first, customer, -1, "A");
  JmTouchpoint *b = jm_map_add_touchpoint (map, first, customer, -1, "B");
  g_autoptr(GtkTreeListRow) card_row = NULL;
  GtkTreeListRow *cell_row;
  guint position;
  guint steps = jm_history_get_n_steps (jm_map_get_history (map));

  /* A stage dropped on another takes its place, as one step. */
  g_assert_true (jm_outline_drop_object (outline, first, row_position (window, last)));
  g_assert_true (jm_test_item_at (stages, 3) == (gpointer) first);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), ==, steps + 1);
  jm_map_undo (map);

  /* A card dropped on another card goes before it. */
  g_assert_true (jm_outline_drop_object (outline, b, row_position (window, a)));
  {
    g_autoptr(GPtrArray) cell = jm_map_get_cell (map, first, customer);

    g_assert_true (g_ptr_array_index (cell, 0) == (gpointer) b);
  }

  /* A card dropped on a cell row goes to the end of that cell: its own, or
   * the last stage's, whose cell is the last row. */
  g_assert_true (find_row (window, a, &card_row));
  cell_row = gtk_tree_list_row_get_parent (card_row);
  position = gtk_tree_list_row_get_position (cell_row);
  g_object_unref (cell_row);
  g_assert_true (jm_outline_drop_object (outline, b, position));
  {
    g_autoptr(GPtrArray) cell = jm_map_get_cell (map, first, customer);

    g_assert_true (g_ptr_array_index (cell, 1) == (gpointer) b);
  }
  g_assert_true (jm_outline_drop_object (outline, a, n_rows (window) - 1));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (a), ==, jm_stage_get_id (last));
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) a);

  /* Nothing happens on a heading. */
  g_assert_false (jm_outline_drop_object (outline, a, 0));

  jm_test_destroy_window (window);
}

static gboolean
is_saved (gpointer data)
{
  JmWindow *window = data;

  return !jm_map_get_modified (jm_window_get_map (window));
}

static void
test_save (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "saved.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = new_window_with (map);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stage", NULL);
  g_assert_true (title_is_modified (window));

  jm_window_set_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  jm_test_wait_for (is_saved, window, "the save");

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (title_is_modified (window));
  g_assert_false (action_enabled (window, "save_button"));
  /* Saving keeps the history, and undoing marks the map changed again. */
  g_assert_true (action_enabled (window, "undo_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_true (title_is_modified (window));
  g_assert_true (action_enabled (window, "save_button"));

  jm_test_destroy_window (window);
  g_unlink (path);
}

static gboolean
has_map (gpointer data)
{
  return jm_window_get_map (data) != NULL;
}

static void
test_open (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("first-person");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "opened.journey", NULL);
  g_autofree char *bad_path = g_build_filename (g_get_tmp_dir (), "broken.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  JmWindow *window = jm_window_new (NULL);
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  jm_map_set_title (map, "Broadband sign-up");
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);

  /* A file that is not a map: the window says why and stays as it was. */
  g_assert_true (g_file_set_contents (bad_path, "<notamap/>", -1, NULL));
  jm_window_open (window, bad);
  jm_test_wait_for (jm_test_has_dialog, window, "the error dialog");
  dialog = jm_test_find_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.journey"));
  adw_message_dialog_response (dialog, "close");
  jm_test_flush_events ();
  g_assert_null (jm_window_get_map (window));

  jm_window_open (window, file);
  jm_test_wait_for (has_map, window, "the map to load");
  g_assert_true (g_file_equal (jm_window_get_file (window), file));
  g_assert_cmpuint (n_items (jm_map_get_stages (jm_window_get_map (window))), ==, 9);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Broadband sign-up");
  g_assert_false (jm_window_is_replaceable (window));

  jm_test_destroy_window (window);
  g_unlink (path);
  g_unlink (bad_path);
}

static gboolean
is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_box (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows of a preferences group, which sit in its list box. */
static guint
count_rows (GtkWidget *group)
{
  GtkWidget *list = find_list_box (group);
  guint n = 0;

  g_assert_nonnull (list);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

typedef struct
{
  JmWindow *window;
  gboolean  painted;
  gboolean  outline_had_map;
  gboolean  panel_built;
  gboolean  menus_built;
} FirstFrame;

static void
on_first_frame_painted (GdkFrameClock *clock,
                        FirstFrame    *first)
{
  GtkStack *panel = GTK_STACK (jm_test_window_child (first->window, "inspector_stack"));

  if (first->painted || jm_window_get_map (first->window) == NULL)
    return;
  first->painted = TRUE;
  first->outline_had_map = jm_outline_get_map (jm_window_get_outline (first->window)) != NULL;
  first->panel_built = gtk_stack_get_child_by_name (panel, "map") != NULL;
  first->menus_built = gtk_menu_button_get_popover (GTK_MENU_BUTTON (jm_test_window_child (first->window, "primary_menu_button"))) != NULL ||
                       gtk_menu_button_get_popover (GTK_MENU_BUTTON (jm_test_window_child (first->window, "add_button"))) != NULL;
}


static gboolean
outline_has_map (gpointer data)
{
  return jm_outline_get_map (jm_window_get_outline (data)) != NULL;
}

/* A window opened for a file paints the board first; the outline's rows,
 * the map's panel and the menus come after that frame, and a card selected
 * meanwhile is selected in the outline too. */
static void
test_board_first (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "board-first.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FirstFrame first = { NULL, };
  GtkMenuButton *button;
  JmTouchpoint *card;
  JmOutline *outline;
  GtkWidget *panel;

  jm_map_add_touchpoint (map, jm_test_item_at (jm_map_get_stages (map), 1), jm_test_item_at (jm_map_get_personas (map), 0),
                         -1, "Reads the leaflet");
  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);

  first.window = jm_window_new_for_file (NULL, file);
  watch_frames (first.window, G_CALLBACK (on_first_frame_painted), &first);
  jm_window_present_when_open (first.window);
  jm_test_wait_for (is_visible, first.window, "the window to show");
  outline = jm_window_get_outline (first.window);
  g_assert_null (jm_outline_get_map (outline));

  /* Chosen on the board before the outline has its rows. */
  card = jm_test_item_at (jm_map_get_touchpoints (jm_window_get_map (first.window)), 0);
  jm_canvas_set_selected_object (jm_window_get_canvas (first.window), card);
  jm_canvas_set_selected_object (jm_window_get_canvas (first.window), NULL);
  jm_canvas_set_selected_object (jm_window_get_canvas (first.window), card);

  jm_test_wait_for (outline_has_map, first.window, "the outline");
  g_assert_true (first.painted);
  g_assert_false (first.outline_had_map);
  g_assert_false (first.panel_built);
  g_assert_false (first.menus_built);
  g_assert_true (jm_outline_get_map (outline) == jm_window_get_map (first.window));
  g_assert_cmpuint (n_rows (first.window), >, 0);
  g_assert_true (jm_outline_get_selected_object (outline) == (gpointer) card);
  g_assert_true (action_enabled (first.window, "delete_button"));

  /* The panel shows the card chosen. */
  jm_test_flush_events ();
  panel = gtk_stack_get_visible_child (GTK_STACK (jm_test_window_child (first.window, "inspector_stack")));
  g_assert_true (panel == GTK_WIDGET (jm_window_get_inspector (first.window)));
  g_assert_true (jm_inspector_get_object (JM_INSPECTOR (panel)) == (gpointer) card);

  /* The menus are built as they open. */
  button = GTK_MENU_BUTTON (jm_test_window_child (first.window, "primary_menu_button"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  jm_test_flush_events ();
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  gtk_menu_button_popdown (button);
  button = GTK_MENU_BUTTON (jm_test_window_child (first.window, "add_button"));
  gtk_menu_button_popup (button);
  jm_test_flush_events ();
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));
  gtk_menu_button_popdown (button);

  jm_test_destroy_window (first.window);

  /* With nothing chosen, the map's own panel is built after the first
   * frame without being asked for. */
  first = (FirstFrame) { jm_window_new_for_file (NULL, file), };
  watch_frames (first.window, G_CALLBACK (on_first_frame_painted), &first);
  jm_window_present_when_open (first.window);
  jm_test_wait_for (outline_has_map, first.window, "the outline");
  g_assert_true (first.painted);
  g_assert_false (first.panel_built);
  jm_test_flush_events ();
  panel = gtk_stack_get_child_by_name (GTK_STACK (jm_test_window_child (first.window, "inspector_stack")), "map");
  g_assert_nonnull (panel);
  g_assert_true (panel == GTK_WIDGET (jm_window_get_map_properties (first.window)));
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (jm_test_window_child (first.window, "inspector_stack"))) == panel);
  jm_test_destroy_window (first.window);
  g_unlink (path);
}

static void
test_present_when_open (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "present.journey", NULL);
  g_autofree char *bad_path = g_build_filename (g_get_tmp_dir (), "present-broken.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  JmWindow *window = jm_window_new (NULL);
  GtkStack *stack = GTK_STACK (jm_test_window_child (window, "stack"));
  GtkWidget *templates = jm_test_window_child (window, "templates_group");
  guint n_start_rows;

  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);

  /* A window opened for a file first shows with its map: the start page,
   * never shown, never reads its templates, samples and recent files. */
  jm_window_open (window, file);
  jm_window_present_when_open (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  jm_test_wait_for (is_visible, window, "the window to show");
  g_assert_nonnull (jm_window_get_map (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  jm_test_flush_events ();
  g_assert_cmpuint (count_rows (templates), ==, 0);

  /* The start page fills in when it first shows. */
  jm_window_set_map (window, NULL, NULL);
  jm_test_flush_events ();
  n_start_rows = count_rows (templates);
  g_assert_cmpuint (n_start_rows, >, 0);
  /* ...once. */
  jm_window_set_map (window, map, NULL);
  jm_test_flush_events ();
  jm_window_set_map (window, NULL, NULL);
  jm_test_flush_events ();
  g_assert_cmpuint (count_rows (templates), ==, n_start_rows);
  jm_test_destroy_window (window);

  /* The same when the file is read while the window is built. */
  window = jm_window_new_for_file (NULL, file);
  g_assert_null (jm_window_get_map (window));
  jm_window_present_when_open (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  jm_test_wait_for (is_visible, window, "the window to show");
  g_assert_nonnull (jm_window_get_map (window));
  g_assert_true (g_file_equal (jm_window_get_file (window), file));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (jm_test_window_child (window, "stack"))), ==, "map");
  jm_test_destroy_window (window);

  /* An unreadable file: the window shows, with the start page and the reason. */
  g_assert_true (g_file_set_contents (bad_path, "<notamap/>", -1, NULL));
  window = jm_window_new (NULL);
  jm_window_open (window, bad);
  jm_window_present_when_open (window);
  jm_test_wait_for (jm_test_has_dialog, window, "the error dialog");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (jm_window_get_map (window));
  adw_message_dialog_response (jm_test_find_dialog (window), "close");
  jm_test_destroy_window (window);

  window = jm_window_new_for_file (NULL, bad);
  jm_window_present_when_open (window);
  jm_test_wait_for (jm_test_has_dialog, window, "the error dialog");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (jm_window_get_map (window));
  adw_message_dialog_response (jm_test_find_dialog (window), "close");
  jm_test_destroy_window (window);

  /* A window already showing is presented at once. */
  window = jm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_window_open (window, file);
  jm_window_present_when_open (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  jm_test_wait_for (has_map, window, "the map to load");
  jm_test_destroy_window (window);

  g_unlink (path);
  g_unlink (bad_path);
}

static void
test_samples (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (RESOURCE_PREFIX "/samples/", 0, NULL);
  g_autofree char *path = NULL;
  JmWindow *window = jm_window_new (NULL);
  JmMap *map;

  /* Every sample in data/samples is bundled, and one opens as a copy. The
   * start page lists them once it shows, not before. */
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), >=, 1);
  g_assert_false (gtk_widget_get_visible (jm_test_window_child (window, "samples_group")));
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (jm_test_window_child (window, "samples_group")));

  path = g_strconcat (RESOURCE_PREFIX "/samples/", names[0], NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", path);
  map = jm_window_get_map (window);
  g_assert_nonnull (map);
  g_assert_null (jm_window_get_file (window));
  g_assert_cmpuint (n_items (jm_map_get_stages (map)), >, 0);
  g_assert_cmpuint (n_items (jm_map_get_touchpoints (map)), >, 0);
  g_assert_cmpuint (n_rows (window), >, n_items (jm_map_get_touchpoints (map)));
  g_assert_true (action_enabled (window, "save_button"));

  jm_test_destroy_window (window);
}

static JmExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (JM_IS_EXPORT_DIALOG (toplevel))
        return JM_EXPORT_DIALOG (toplevel);
    }
  return NULL;
}

static void
test_export_action (void)
{
  g_autoptr(JmMap) empty = jm_map_new ();
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  JmWindow *window = new_window_with (empty);
  JmExportDialog *dialog;

  /* A map without stages has nothing to print. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  jm_test_flush_events ();
  g_assert_null (find_export_dialog ());

  jm_window_set_map (window, map, NULL);
  jm_test_flush_events ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  jm_test_flush_events ();
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpuint (jm_export_dialog_get_n_pages (dialog), >=, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  jm_test_destroy_window (window);
}

static void
on_export_finished (JmExportDialog *dialog,
                    gboolean        success,
                    int            *result)
{
  *result = success ? 1 : 0;
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

/* The export dialog starts from the choices of the last export. */
static void
test_export_remembers (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autofree char *dir = g_dir_make_tmp ("jm-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *paper = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window;
  JmExportDialog *dialog;
  JmExportOptions options;
  int result = -1;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the settings schema is not compiled");
      return;
    }
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "export-paper", "A3");
  g_settings_set_string (settings, "export-orientation", "portrait");

  window = new_window_with (map);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  jm_test_flush_events ();
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  jm_export_dialog_get_options (dialog, &options);
  g_assert_cmpfloat_with_epsilon (options.paper_width, 841.89, 0.5);
  g_assert_false (options.landscape);
  jm_export_options_clear (&options);

  /* Change the paper, export: the next export starts from Letter. */
  jm_export_dialog_get_options (dialog, &options);
  g_assert_true (jm_export_options_apply (&options, NULL, "Letter", "landscape", NULL, NULL, NULL, NULL));
  jm_export_dialog_set_options (dialog, &options);
  jm_export_options_clear (&options);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_export_finished), &result);
  jm_export_dialog_export_to (dialog, file);
  jm_test_wait_for (int_set, &result, "the export");
  g_assert_cmpint (result, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  paper = g_settings_get_string (settings, "export-paper");
  g_assert_cmpstr (paper, ==, "Letter");
  g_assert_cmpint (g_settings_get_enum (settings, "export-orientation"), ==, 1);

  jm_test_destroy_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JM_IS_WINDOW (window))
        count++;
    }
  return count;
}

static JmWindow *
other_window (JmWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < n_items (toplevels); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (toplevels, i);

      if (JM_IS_WINDOW (other) && other != (GObject *) window)
        return JM_WINDOW (other);
    }
  return NULL;
}

static void
test_open_where (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "where.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;
  JmWindow *window = jm_window_new (NULL);
  JmWindow *second;
  guint before = count_windows ();

  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));

  /* The start page gives way to the opened map... */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", uri);
  jm_test_wait_for (has_map, window, "the map to load");
  g_assert_cmpuint (count_windows (), ==, before);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  /* ...a map already open is shown again, not opened twice... */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", uri);
  g_assert_cmpuint (count_windows (), ==, before);

  /* ...and a window holding a map keeps it: a template opens beside it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-template", "s", "blank");
  g_assert_cmpuint (count_windows (), ==, before + 1);
  second = other_window (window);
  g_assert_nonnull (second);
  g_assert_nonnull (jm_window_get_map (second));
  g_assert_true (g_file_equal (jm_window_get_file (window), file));

  jm_test_destroy_window (second);
  jm_test_destroy_window (window);
  g_unlink (path);
}

static void
test_map_title (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = new_window_with (map);
  GtkWidget *row = GTK_WIDGET (jm_window_get_map_properties (window));

  /* The map's own fields live in the panel shown when nothing is selected. */
  while (row != NULL && !ADW_IS_ENTRY_ROW (row))
    {
      GtkWidget *next = gtk_widget_get_first_child (row);

      while (next == NULL && row != NULL)
        {
          next = gtk_widget_get_next_sibling (row);
          if (next == NULL)
            row = gtk_widget_get_parent (row);
        }
      row = next;
    }
  g_assert_nonnull (row);

  gtk_editable_set_text (GTK_EDITABLE (row), "Retail bank, as is");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (jm_map_get_title (map), ==, "Retail bank, as is");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Retail bank, as is");
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Rename Map");

  jm_map_undo (map);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Untitled Journey");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Journey");

  jm_test_destroy_window (window);
}

static void
test_close_asks (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  JmWindow *window = new_window_with (map);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-persona", NULL);

  /* Cancel keeps everything; asking twice shows one question. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  jm_test_flush_events ();
  g_assert_nonnull (window);
  dialog = jm_test_find_dialog (window);
  g_assert_nonnull (dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  jm_test_flush_events ();
  g_assert_cmpuint (count_dialogs (window), ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Untitled Journey"));
  adw_message_dialog_response (dialog, "cancel");
  jm_test_flush_events ();
  g_assert_nonnull (window);
  g_assert_true (jm_map_get_modified (map));

  /* Discard closes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  jm_test_flush_events ();
  dialog = jm_test_find_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  jm_test_flush_events ();
  g_assert_null (window);
}

static void
test_window_state (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  JmWindow *window;
  int width, height;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("The app's GSettings schema is not installed");
      return;
    }

  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = jm_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  /* Closing remembers the size for the next window. */
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  jm_test_flush_events ();
  gtk_window_close (GTK_WINDOW (window));
  jm_test_flush_events ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
}

/* Whether a label under @widget shows text containing @needle. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, needle))
      return TRUE;
  return FALSE;
}

/* When drafts cannot be written the window says so, naming why. */
static void
test_drafts_unwritable (void)
{
  g_autoptr(JmMap) map = experience_cycle ();
  g_autofree char *dir = jm_draft_default_dir ();
  g_autofree char *moved = g_strconcat (dir, ".moved", NULL);
  gboolean had_dir = g_file_test (dir, G_FILE_TEST_IS_DIR);
  AdwMessageDialog *dialog;
  JmWindow *window;

  /* A file where the drafts folder goes: no one, root included, can make
   * drafts there. */
  if (had_dir)
    g_assert_cmpint (g_rename (dir, moved), ==, 0);
  else
    {
      g_autofree char *parent = g_path_get_dirname (dir);
      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
    }
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));

  window = new_window_with (map);
  jm_test_flush_events ();
  g_assert_true (shows_text (GTK_WIDGET (window), "cannot be kept in drafts"));
  /* Its details name the folder. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.drafts-details", NULL);
  jm_test_flush_events ();
  dialog = jm_test_find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), dir));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_flush_events ();

  g_assert_cmpint (g_remove (dir), ==, 0);
  if (had_dir)
    g_assert_cmpint (g_rename (moved, dir), ==, 0);

  /* With the folder back, nothing to say. */
  window = new_window_with (map);
  jm_test_flush_events ();
  g_assert_false (shows_text (GTK_WIDGET (window), "cannot be kept in drafts"));
  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_flush_events ();
}

/* The session's recent maps, which the start page lists, come from the
 * desktop's recent files: maps only, those still on disk, at most as many
 * as asked for. */
static void
test_recent_maps (void)
{
  g_autoptr(JmSession) session = jm_session_new (NULL, NULL);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "recent", NULL);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GFile) gone = NULL;
  GFile *maps[3];
  gboolean seen[3] = { FALSE, };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    {
      g_autofree char *name = g_strdup_printf ("Recent %u.journey", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
      maps[i] = g_file_new_for_path (path);
      jm_session_add_recent (session, maps[i]);
    }
  gone = g_file_new_build_filename (dir, "Gone.journey", NULL);
  jm_session_add_recent (session, gone);

  recent = jm_session_list_recent (session, 10);
  g_assert_cmpuint (recent->len, ==, G_N_ELEMENTS (maps));
  for (guint i = 0; i < recent->len; i++)
    {
      JmRecentMap *map = g_ptr_array_index (recent, i);

      g_assert_false (g_file_equal (map->file, gone));
      for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
        if (g_file_equal (map->file, maps[m]))
          {
            g_assert_false (seen[m]);
            seen[m] = TRUE;
            g_assert_true (g_str_has_prefix (map->name, "Recent "));
          }
    }
  g_clear_pointer (&recent, g_ptr_array_unref);
  recent = jm_session_list_recent (session, 2);
  g_assert_cmpuint (recent->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    {
      g_autofree char *path = g_file_get_path (maps[i]);

      g_unlink (path);
      g_object_unref (maps[i]);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Recent files and saved maps go to a directory of the test's own. Not
   * G_TEST_OPTION_ISOLATE_DIRS: it hides the system's GSettings schemas,
   * which libadwaita needs. */
  home = g_dir_make_tmp ("test-window-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("TMPDIR", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/window/templates-build", test_templates_build);
  g_test_add_func ("/window/start-page", test_start_page);
  g_test_add_func ("/window/edit-actions", test_edit_actions);
  g_test_add_func ("/window/outline-follows-model", test_outline_follows_model);
  g_test_add_func ("/window/outline-rows-on-demand", test_outline_rows_on_demand);
  g_test_add_func ("/window/outline-row-names", test_outline_row_names);
  g_test_add_func ("/window/move-between-lanes", test_move_between_lanes);
  g_test_add_func ("/window/drop", test_drop);
  g_test_add_func ("/window/save", test_save);
  g_test_add_func ("/window/open", test_open);
  g_test_add_func ("/window/samples", test_samples);
  g_test_add_func ("/window/present-when-open", test_present_when_open);
  g_test_add_func ("/window/board-first", test_board_first);
  g_test_add_func ("/window/export-action", test_export_action);
  g_test_add_func ("/window/export-remembers", test_export_remembers);
  g_test_add_func ("/window/open-where", test_open_where);
  g_test_add_func ("/window/map-title", test_map_title);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/window-state", test_window_state);
  g_test_add_func ("/window/drafts-unwritable", test_drafts_unwritable);
  g_test_add_func ("/window/recent-maps", test_recent_maps);

  status = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (home, "recently-used.xbel", NULL);

    g_unlink (recent);
    g_rmdir (home);
  }
  return status;
}
