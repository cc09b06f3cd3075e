/* test-canvas.c: the board under a display: gestures, actions, drawing
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-file.h"
#include "jm-scoring.h"
#include "canvas-sample.h"
#include "jm-test-board.h"
#include "jm-test-window.h"


static void
drag (Fixture *f,
      double   x0,
      double   y0,
      double   x1,
      double   y1,
      gboolean cancel)
{
  GtkGesture *gesture = _jm_canvas_get_drag_gesture (f->canvas);

  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  if (cancel)
    gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.cancel", NULL);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
  iterate ();
}

static void
click (Fixture *f,
       double   x,
       double   y)
{
  GtkGesture *gesture = _jm_canvas_get_drag_gesture (f->canvas);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-end", 0.0, 0.0);
  iterate ();
}

static guint
index_in_cell (JmMap        *map,
               JmTouchpoint *touchpoint)
{
  JmStage *stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (touchpoint));
  JmPersona *persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (touchpoint));
  g_autoptr(GPtrArray) cell = jm_map_get_cell (map, stage, persona);
  guint index;

  g_assert_true (g_ptr_array_find (cell, touchpoint, &index));
  return index;
}

static void
test_drag_to_cell (Fixture       *f,
                   gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  g_autofree char *stage_id = g_strdup (jm_touchpoint_get_stage_id (card));
  guint steps = jm_history_get_n_steps (f->history);
  double x0, y0, x1, y1;

  card_point (f, card, &x0, &y0);
  /* James's lane, "Receive": an empty cell. */
  cell_point (f, 4, 1, &x1, &y1);
  drag (f, x0, y0, x1, y1, FALSE);

  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (stage_n (f->map, 4)));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, jm_persona_get_id (persona_n (f->map, 1)));
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == card);

  g_assert_true (jm_map_undo (f->map));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, stage_id);
}

static void
test_drag_within_cell (Fixture       *f,
                       gconstpointer  data)
{
  JmTouchpoint *first = card_titled (f->map, "Calls to ask about contract terms");
  JmTouchpoint *second = card_titled (f->map, "Waits 20 minutes on hold");
  graphene_rect_t rect;
  double x0, y0;

  g_assert_cmpuint (index_in_cell (f->map, first), ==, 0);
  card_point (f, first, &x0, &y0);
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, second, &rect));
  drag (f, x0, y0, x0, rect.origin.y + rect.size.height - 4, FALSE);

  g_assert_cmpuint (index_in_cell (f->map, first), ==, 1);
  g_assert_cmpuint (index_in_cell (f->map, second), ==, 0);
  jm_map_undo (f->map);
  g_assert_cmpuint (index_in_cell (f->map, first), ==, 0);
}

static void
test_drag_several (Fixture       *f,
                   gconstpointer  data)
{
  JmTouchpoint *a = card_titled (f->map, "Reads a flyer from the letterbox");
  JmTouchpoint *b = card_titled (f->map, "Reads the product manual online");
  guint steps = jm_history_get_n_steps (f->history);
  double xa, ya, xb, yb, x1, y1;
  g_autoptr(GPtrArray) selection = NULL;

  card_point (f, a, &xa, &ya);
  card_point (f, b, &xb, &yb);
  click (f, xa, ya);
  /* Ctrl-click through the drag gesture cannot carry modifiers: extend
   * the selection the way the outline does, through the API. */
  jm_canvas_select_all (f->canvas);
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 16);
  jm_canvas_set_selected_object (f->canvas, a);
  g_assert_cmpuint (selection_size (f), ==, 1);

  /* Rubber band over the two cards selects both. */
  {
    graphene_rect_t ra, rb;

    _jm_canvas_get_card_rect (f->canvas, a, &ra);
    _jm_canvas_get_card_rect (f->canvas, b, &rb);
    drag (f, ra.origin.x - 8, ra.origin.y + ra.size.height + 6,
          rb.origin.x + 40, rb.origin.y + ra.size.height - 10, FALSE);
  }
  g_clear_pointer (&selection, g_ptr_array_unref);
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 2);
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps);

  /* From two cells, they move together, and stop where b meets the
   * board's last stage: a one stage short of where it was dropped. */
  cell_point (f, 5, 2, &x1, &y1);
  drag (f, xa, ya, x1, y1, FALSE);
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (a), ==, jm_stage_get_id (stage_n (f->map, 4)));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (a), ==, jm_persona_get_id (persona_n (f->map, 2)));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (b), ==, jm_stage_get_id (stage_n (f->map, 5)));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (b), ==, jm_persona_get_id (persona_n (f->map, 2)));
  /* Each keeps its place among the cards that stay: first, as it was. */
  g_assert_cmpuint (index_in_cell (f->map, a), ==, 0);
  g_assert_cmpuint (index_in_cell (f->map, b), ==, 0);

  jm_map_undo (f->map);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (a), ==, jm_stage_get_id (stage_n (f->map, 0)));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (b), ==, jm_stage_get_id (stage_n (f->map, 1)));
}

static void
test_drag_cancel (Fixture       *f,
                  gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  guint steps = jm_history_get_n_steps (f->history);
  double x0, y0, x1, y1;

  card_point (f, card, &x0, &y0);
  cell_point (f, 4, 2, &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);

  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (stage_n (f->map, 0)));
  g_assert_false (jm_map_get_modified (f->map));
}

static void
test_autoscroll (Fixture       *f,
                 gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  GtkGesture *gesture = _jm_canvas_get_drag_gesture (f->canvas);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  double x0, y0, edge = gtk_widget_get_width (GTK_WIDGET (f->canvas)) - 4;
  guint steps = jm_history_get_n_steps (f->history);

  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  card_point (f, card, &x0, &y0);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", edge - x0, 0.0);

  /* Held at the edge, the board scrolls on its own. */
  for (guint i = 0; i < 20000 && gtk_adjustment_get_value (h) == 0; i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.cancel", NULL);
  g_signal_emit_by_name (gesture, "drag-end", edge - x0, 0.0);
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps);
}

static void
test_drag_headers (Fixture       *f,
                   gconstpointer  data)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);
  JmStage *need = stage_n (f->map, 0);
  JmPersona *fridah = persona_n (f->map, 0);
  JmBoardRect header, target;
  double x0, y0, x1, y1;

  jm_board_geometry_stage_header_rect (geometry, 0, &header);
  jm_board_geometry_stage_header_rect (geometry, 2, &target);
  _jm_canvas_board_to_widget (f->canvas, header.x + 20, header.y + 20, &x0, &y0);
  _jm_canvas_board_to_widget (f->canvas, target.x + target.width - 10, header.y + 20, &x1, &y1);
  drag (f, x0, y0, x1, y1, FALSE);
  g_assert_true (stage_n (f->map, 2) == need);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == need);
  jm_map_undo (f->map);
  g_assert_true (stage_n (f->map, 0) == need);

  geometry = _jm_canvas_get_geometry (f->canvas);
  jm_board_geometry_lane_header_rect (geometry, 0, &header);
  jm_board_geometry_lane_header_rect (geometry, 2, &target);
  _jm_canvas_board_to_widget (f->canvas, header.x + 20, header.y + 20, &x0, &y0);
  _jm_canvas_board_to_widget (f->canvas, header.x + 20, target.y + target.height - 5, &x1, &y1);
  drag (f, x0, y0, x1, y1, FALSE);
  g_assert_true (persona_n (f->map, 2) == fridah);
  jm_map_undo (f->map);
  g_assert_true (persona_n (f->map, 0) == fridah);
}

static void
test_drag_link (Fixture       *f,
                gconstpointer  data)
{
  JmTouchpoint *from = card_titled (f->map, "Reads a flyer from the letterbox");
  JmTouchpoint *to = card_titled (f->map, "Signs at the service desk");
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);
  JmBoardCard *card = NULL;
  double hx, hy, x0, y0, x1, y1;

  for (guint i = 0; i < jm_board_geometry_get_n_cards (geometry); i++)
    if (jm_board_geometry_get_card (geometry, i)->data == from)
      {
        card = jm_board_geometry_get_card (geometry, i);
        jm_board_geometry_handle_center (geometry, i, &hx, &hy);
      }
  g_assert_nonnull (card);
  _jm_canvas_board_to_widget (f->canvas, hx, hy, &x0, &y0);
  card_point (f, to, &x1, &y1);
  drag (f, x0, y0, x1, y1, FALSE);

  g_assert_true (g_strv_contains (jm_touchpoint_get_links (from), jm_touchpoint_get_id (to)));
  jm_map_undo (f->map);
  g_assert_false (g_strv_contains (jm_touchpoint_get_links (from), jm_touchpoint_get_id (to)));
}

static void
test_add_headers (Fixture       *f,
                  gconstpointer  data)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);
  JmBoardRect rect;
  double x, y;

  jm_board_geometry_add_lane_rect (geometry, &rect);
  _jm_canvas_board_to_widget (f->canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &x, &y);
  click (f, x, y);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (f->map)), ==, 4);
  g_assert_true (JM_IS_PERSONA (jm_canvas_get_selected_object (f->canvas)));

  /* The new lane's name is ready to be typed. */
  g_assert_nonnull (_jm_canvas_get_editor (f->canvas));
  gtk_editable_set_text (GTK_EDITABLE (_jm_canvas_get_editor (f->canvas)), "Jamal");
  g_signal_emit_by_name (_jm_canvas_get_editor (f->canvas), "activate");
  g_assert_cmpstr (jm_persona_get_name (persona_n (f->map, 3)), ==, "Jamal");
  jm_map_undo (f->map);

  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-stage", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (f->map)), ==, 7);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == stage_n (f->map, 6));
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (f->map)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_personas (f->map)), ==, 3);
}

/* The board's Add Stage and Add Persona insert after the selection, as
 * the window's do, and each is one named step. */
static void
test_add_after_selection (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Compares plans on the website");
  JmStage *card_stage = jm_map_lookup_stage (f->map, jm_touchpoint_get_stage_id (card));
  JmPersona *card_persona = jm_map_lookup_persona (f->map, jm_touchpoint_get_lane_id (card));
  gpointer added;
  guint position, expected;

  jm_canvas_set_selected_object (f->canvas, stage_n (f->map, 1));
  gtk_widget_activate_action (widget, "canvas.add-stage", NULL);
  added = jm_canvas_get_selected_object (f->canvas);
  g_assert_true (JM_IS_STAGE (added));
  g_assert_true (jm_map_find_stage (f->map, added, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_cmpstr (jm_history_get_undo_label (f->history), ==, "Add Stage");
  jm_map_undo (f->map);

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.add-stage", NULL);
  g_assert_true (jm_map_find_stage (f->map, card_stage, &expected));
  g_assert_true (jm_map_find_stage (f->map, jm_canvas_get_selected_object (f->canvas), &position));
  g_assert_cmpuint (position, ==, expected + 1);
  jm_map_undo (f->map);

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.add-lane", NULL);
  added = jm_canvas_get_selected_object (f->canvas);
  g_assert_true (JM_IS_PERSONA (added));
  g_assert_true (jm_map_find_persona (f->map, card_persona, &expected));
  g_assert_true (jm_map_find_persona (f->map, added, &position));
  g_assert_cmpuint (position, ==, expected + 1);
  g_assert_cmpstr (jm_history_get_undo_label (f->history), ==, "Add Persona");
  jm_map_undo (f->map);
  g_assert_false (jm_map_get_modified (f->map));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Sees a video review of fibre speeds");
  guint steps;

  /* With nothing selected, the first arrow picks up the card under the cursor. */
  jm_canvas_set_selected_object (f->canvas, NULL);
  gtk_widget_activate_action (widget, "canvas.select-down", NULL);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == card);

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.select-right", NULL);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == card_titled (f->map, "Watches the setup tutorial"));
  gtk_widget_activate_action (widget, "canvas.select-down", NULL);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == card_titled (f->map, "Reads the product manual online"));
  gtk_widget_activate_action (widget, "canvas.select-up", NULL);
  gtk_widget_activate_action (widget, "canvas.select-left", NULL);
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == card);

  /* Shift+arrows grow the selection. */
  gtk_widget_activate_action (widget, "canvas.extend-right", NULL);
  gtk_widget_activate_action (widget, "canvas.extend-down", NULL);
  g_assert_cmpuint (selection_size (f), ==, 3);
  jm_canvas_set_selected_object (f->canvas, card);
  g_assert_cmpuint (selection_size (f), ==, 1);

  /* Alt+Right: one step per move, undone at once. */
  steps = jm_history_get_n_steps (f->history);
  gtk_widget_activate_action (widget, "canvas.move-right", NULL);
  gtk_widget_activate_action (widget, "canvas.move-right", NULL);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (stage_n (f->map, 2)));
  g_assert_cmpuint (index_in_cell (f->map, card), ==, 0);
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 2);
  gtk_widget_activate_action (widget, "canvas.move-down", NULL);
  g_assert_cmpuint (index_in_cell (f->map, card), ==, 1);
  gtk_widget_activate_action (widget, "canvas.move-down", NULL);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, jm_persona_get_id (persona_n (f->map, 1)));
  g_assert_cmpuint (index_in_cell (f->map, card), ==, 0);
  gtk_widget_activate_action (widget, "canvas.move-up", NULL);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, jm_persona_get_id (persona_n (f->map, 0)));
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (stage_n (f->map, 0)));
  g_assert_false (jm_map_get_modified (f->map));
}

static void
test_new_card_and_edit (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  JmTouchpoint *created;
  GtkWidget *editor;
  guint steps = jm_history_get_n_steps (f->history);
  guint n = g_list_model_get_n_items (jm_map_get_touchpoints (f->map));

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.new-card", NULL);
  editor = _jm_canvas_get_editor (f->canvas);
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (editor), "Asks a neighbour");
  g_signal_emit_by_name (editor, "activate");
  iterate ();
  g_assert_null (_jm_canvas_get_editor (f->canvas));
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);
  created = card_titled (f->map, "Asks a neighbour");
  g_assert_true (jm_canvas_get_selected_object (f->canvas) == created);
  g_assert_cmpuint (index_in_cell (f->map, created), ==, 1);

  /* Enter edits the title in place; Escape leaves it as it was. */
  gtk_widget_activate_action (widget, "canvas.edit", NULL);
  editor = _jm_canvas_get_editor (f->canvas);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "Asks a neighbour");
  gtk_editable_set_text (GTK_EDITABLE (editor), "Asks two neighbours");
  g_signal_emit_by_name (editor, "activate");
  g_assert_cmpstr (jm_touchpoint_get_title (created), ==, "Asks two neighbours");
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 2);

  /* Moving the focus away keeps what was typed. */
  gtk_widget_activate_action (widget, "canvas.edit", NULL);
  editor = _jm_canvas_get_editor (f->canvas);
  gtk_editable_set_text (GTK_EDITABLE (editor), "Asks three neighbours");
  gtk_widget_grab_focus (widget);
  for (guint i = 0; i < 20000 && _jm_canvas_get_editor (f->canvas) != NULL; i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_null (_jm_canvas_get_editor (f->canvas));
  g_assert_cmpstr (jm_touchpoint_get_title (created), ==, "Asks three neighbours");
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 3);

  /* An editor left empty creates nothing. */
  gtk_widget_activate_action (widget, "canvas.new-card", NULL);
  g_signal_emit_by_name (_jm_canvas_get_editor (f->canvas), "activate");
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 3);

  jm_map_undo (f->map);
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n);
}

static void
test_double_click (Fixture       *f,
                   gconstpointer  data)
{
  GtkGesture *click = _jm_canvas_get_click_gesture (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Buys in the app in two taps");
  GtkWidget *editor;
  double x, y;

  /* On a card: edit its title. */
  card_point (f, card, &x, &y);
  g_signal_emit_by_name (click, "pressed", 2, x, y);
  g_signal_emit_by_name (click, "released", 2, x, y);
  editor = _jm_canvas_get_editor (f->canvas);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "Buys in the app in two taps");
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.cancel", NULL);
  g_signal_emit_by_name (editor, "activate");

  /* On a stage header: rename the stage; an empty name is refused. */
  {
    JmBoardRect header;

    jm_board_geometry_stage_header_rect (_jm_canvas_get_geometry (f->canvas), 0, &header);
    _jm_canvas_board_to_widget (f->canvas, header.x + 30, header.y + 20, &x, &y);
    g_signal_emit_by_name (click, "pressed", 2, x, y);
    g_signal_emit_by_name (click, "released", 2, x, y);
    editor = _jm_canvas_get_editor (f->canvas);
    g_assert_nonnull (editor);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "Need");
    gtk_editable_set_text (GTK_EDITABLE (editor), "Awareness");
    g_signal_emit_by_name (editor, "activate");
    g_assert_cmpstr (jm_stage_get_name (stage_n (f->map, 0)), ==, "Awareness");

    gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.edit", NULL);
    editor = _jm_canvas_get_editor (f->canvas);
    gtk_editable_set_text (GTK_EDITABLE (editor), " ");
    g_signal_emit_by_name (editor, "activate");
    g_assert_cmpstr (jm_stage_get_name (stage_n (f->map, 0)), ==, "Awareness");
  }

  /* In an empty cell: a new card there. */
  cell_point (f, 2, 2, &x, &y);
  g_signal_emit_by_name (click, "pressed", 2, x, y);
  g_signal_emit_by_name (click, "released", 2, x, y);
  editor = _jm_canvas_get_editor (f->canvas);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (editor), "Reads reviews");
  g_signal_emit_by_name (editor, "activate");
  card = card_titled (f->map, "Reads reviews");
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (stage_n (f->map, 2)));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, jm_persona_get_id (persona_n (f->map, 2)));
}

static void
test_clipboard_and_delete (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Compares plans on the website");
  guint n = g_list_model_get_n_items (jm_map_get_touchpoints (f->map));
  guint steps = jm_history_get_n_steps (f->history);
  JmTouchpoint *copy;

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.duplicate", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);
  copy = jm_canvas_get_selected_object (f->canvas);
  g_assert_true (JM_IS_TOUCHPOINT (copy));
  g_assert_false (copy == card);
  g_assert_cmpstr (jm_touchpoint_get_title (copy), ==, jm_touchpoint_get_title (card));
  g_assert_cmpstr (jm_touchpoint_get_id (copy), !=, jm_touchpoint_get_id (card));
  g_assert_true (jm_touchpoint_get_moment_of_truth (copy));
  g_assert_cmpuint (index_in_cell (f->map, copy), ==, index_in_cell (f->map, card) + 1);

  /* Copy, move the cursor to another cell, paste. */
  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.copy", NULL);
  gtk_widget_activate_action (widget, "canvas.select-down", NULL);
  gtk_widget_activate_action (widget, "canvas.select-down", NULL);
  gtk_widget_activate_action (widget, "canvas.paste", NULL);
  copy = jm_canvas_get_selected_object (f->canvas);
  g_assert_cmpstr (jm_touchpoint_get_lane_id (copy), ==, jm_persona_get_id (persona_n (f->map, 1)));
  g_assert_cmpstr (jm_touchpoint_get_title (copy), ==, "Compares plans on the website");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 2);

  /* Delete, then cut: one step each. */
  gtk_widget_activate_action (widget, "canvas.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);
  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.cut", NULL);
  g_assert_null (jm_map_lookup_touchpoint (f->map, "t3"));
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 4);
  for (guint i = 0; i < 4; i++)
    jm_map_undo (f->map);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n);
  g_assert_false (jm_map_get_modified (f->map));
}

static void
test_keyboard_link (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  JmTouchpoint *next = card_titled (f->map, "Reads the product manual online");

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_activate_action (widget, "canvas.link", NULL);
  gtk_widget_activate_action (widget, "canvas.select-right", NULL);
  gtk_widget_activate_action (widget, "canvas.edit", NULL);
  g_assert_true (g_strv_contains (jm_touchpoint_get_links (card), jm_touchpoint_get_id (next)));
  g_assert_null (_jm_canvas_get_editor (f->canvas));
}

static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  GtkWidget *menu = NULL;

  jm_canvas_set_selected_object (f->canvas, card_titled (f->map, "Reads a flyer from the letterbox"));
  gtk_widget_activate_action (widget, "canvas.menu", NULL);
  iterate ();
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      menu = child;
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu))), ==, 3);
  gtk_popover_popdown (GTK_POPOVER (menu));
  iterate ();
}

static void
test_zoom_and_filter (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);

  gtk_widget_activate_action (widget, "canvas.zoom-in", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), >, 1.0);
  gtk_widget_activate_action (widget, "canvas.zoom-reset", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 1.0);
  gtk_widget_activate_action (widget, "canvas.zoom-out", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), <, 1.0);
  gtk_widget_activate_action (widget, "canvas.zoom-fit", NULL);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas) *
                     jm_board_geometry_get_width (_jm_canvas_get_geometry (f->canvas)), <=,
                     gtk_widget_get_width (widget) + 0.5);

  jm_canvas_set_filter (f->canvas, "moments");
  g_assert_cmpstr (jm_canvas_get_filter (f->canvas), ==, "moments");
  jm_canvas_set_filter (f->canvas, "team:Billing");
  g_assert_cmpstr (jm_canvas_get_filter (f->canvas), ==, "team:Billing");
  jm_canvas_set_filter (f->canvas, NULL);
  g_assert_cmpstr (jm_canvas_get_filter (f->canvas), ==, "");

  /* The board reads its view settings: a typed highlight, and a persona
   * walked, alone on the board whatever the highlight. */
  {
    JmViewSettings *settings = jm_canvas_get_view_settings (f->canvas);

    jm_view_settings_set_highlight (settings, JM_HIGHLIGHT_CHANNEL, "Web");
    g_assert_cmpstr (jm_canvas_get_filter (f->canvas), ==, "channel:Web");
    jm_view_settings_set_walked_persona (settings, "p1");
    g_assert_cmpstr (jm_canvas_get_filter (f->canvas), ==, "solo:p1");
    jm_view_settings_set_walked_persona (settings, NULL);
    g_assert_cmpstr (jm_canvas_get_filter (f->canvas), ==, "channel:Web");
    jm_view_settings_set_colour_by (settings, JM_COLOUR_BY_COMPOSITE);
    g_assert_cmpstr (jm_canvas_get_colour_by (f->canvas), ==, "composite");
    jm_canvas_set_colour_by (f->canvas, NULL);
    g_assert_cmpint (jm_view_settings_get_colour_by (settings), ==, JM_COLOUR_BY_NONE);
    jm_canvas_set_filter (f->canvas, NULL);
  }
}

static void
test_hidden_lane (Fixture       *f,
                  gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Asks in live chat about speeds");
  graphene_rect_t rect;

  g_assert_cmpuint (jm_board_geometry_get_n_lanes (_jm_canvas_get_geometry (f->canvas)), ==, 3);
  jm_persona_set_hidden (persona_n (f->map, 2), TRUE);
  g_assert_cmpuint (jm_board_geometry_get_n_lanes (_jm_canvas_get_geometry (f->canvas)), ==, 2);
  g_assert_false (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  jm_persona_set_hidden (persona_n (f->map, 2), FALSE);
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
}

/* Draws the canvas the way a frame does, onto an image. */
static void
test_pointer_drag (Fixture       *f,
                   gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  g_autoptr(GError) error = NULL;
  g_autofree char *window_id = NULL;
  double x0, y0, x1, y1;
  guint steps = jm_history_get_n_steps (f->history);
  char from[2][32], to[2][32];

  if (!jm_test_can_send_input (f->window))
    return;

  card_point (f, card, &x0, &y0);
  cell_point (f, 3, 2, &x1, &y1);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x0, y0, from);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x1, y1, to);
  window_id = jm_test_window_id (f->window);
  jm_test_xdotool ("mousemove", "--window", window_id, from[0], from[1],
                   "mousedown", "1",
                   "mousemove", "--window", window_id, to[0], from[1],
                   "mousemove", "--window", window_id, to[0], to[1],
                   "mouseup", "1", NULL);

  /* The events are queued by now; wait until the drop is applied. */
  for (guint i = 0; i < 20000 && jm_history_get_n_steps (f->history) == steps; i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (card), ==, jm_stage_get_id (stage_n (f->map, 3)));
  g_assert_cmpstr (jm_touchpoint_get_lane_id (card), ==, jm_persona_get_id (persona_n (f->map, 2)));

  /* And it is where the saved file says. */
  {
    g_autofree char *dir = g_dir_make_tmp ("jm-canvas-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "dragged.journey", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(JmMap) reloaded = NULL;
    JmTouchpoint *moved;
    g_autoptr(GPtrArray) cell = NULL;

    g_assert_no_error (error);
    g_assert_true (jm_file_save (f->map, file, NULL, &error));
    g_assert_no_error (error);
    reloaded = jm_file_load (file, NULL, &error);
    g_assert_no_error (error);
    moved = jm_map_lookup_touchpoint (reloaded, jm_touchpoint_get_id (card));
    g_assert_nonnull (moved);
    g_assert_cmpstr (jm_touchpoint_get_stage_id (moved), ==, jm_stage_get_id (stage_n (f->map, 3)));
    g_assert_cmpstr (jm_touchpoint_get_lane_id (moved), ==, jm_persona_get_id (persona_n (f->map, 2)));
    cell = jm_map_get_cell (reloaded, jm_map_lookup_stage (reloaded, jm_touchpoint_get_stage_id (moved)),
                            jm_map_lookup_persona (reloaded, jm_touchpoint_get_lane_id (moved)));
    g_assert_cmpuint (cell->len, ==, 2);
    g_assert_true (g_ptr_array_index (cell, 1) == moved);
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* Letters typed into the title field are text, not board shortcuts. */
static void
test_typing (Fixture       *f,
             gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  g_autofree char *window_id = NULL;
  guint n = g_list_model_get_n_items (jm_map_get_touchpoints (f->map));

  if (!jm_test_can_send_input (f->window))
    return;

  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.new-card", NULL);
  g_assert_nonnull (_jm_canvas_get_editor (f->canvas));
  iterate ();

  /* Without a window manager, keyboard focus follows the pointer. */
  window_id = jm_test_window_id (f->window);
  jm_test_xdotool ("mousemove", "--window", window_id, "5", "5",
                   "type", "--delay", "20", "Need: nl", NULL);
  for (guint i = 0; i < 20000 && _jm_canvas_get_editor (f->canvas) != NULL &&
       g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (_jm_canvas_get_editor (f->canvas))), "Need: nl") != 0; i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_nonnull (_jm_canvas_get_editor (f->canvas));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_jm_canvas_get_editor (f->canvas))), ==, "Need: nl");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n);
  g_signal_emit_by_name (_jm_canvas_get_editor (f->canvas), "activate");
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/canvas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("drag-to-cell", test_drag_to_cell);
  ADD ("drag-within-cell", test_drag_within_cell);
  ADD ("drag-several", test_drag_several);
  ADD ("drag-cancel", test_drag_cancel);
  ADD ("autoscroll", test_autoscroll);
  ADD ("drag-headers", test_drag_headers);
  ADD ("drag-link", test_drag_link);
  ADD ("add-headers", test_add_headers);
  ADD ("add-after-selection", test_add_after_selection);
  ADD ("keyboard", test_keyboard);
  ADD ("new-card-and-edit", test_new_card_and_edit);
  ADD ("double-click", test_double_click);
  ADD ("clipboard-and-delete", test_clipboard_and_delete);
  ADD ("typing", test_typing);
  ADD ("keyboard-link", test_keyboard_link);
  ADD ("context-menu", test_context_menu);
  ADD ("zoom-and-filter", test_zoom_and_filter);
  ADD ("hidden-lane", test_hidden_lane);
  ADD ("pointer-drag", test_pointer_drag);
#undef ADD

  return g_test_run ();
}
