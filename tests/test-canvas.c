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
#include "jm-test-window.h"

typedef struct
{
  GtkWidget *window;
  JmCanvas  *canvas;
  JmMap     *map;
  JmHistory *history;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_frame (GtkWidget *widget)
{
  /* Polls without a clock: the condition, not the time, ends the wait. */
  for (guint i = 0; i < 20000 && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_true (gtk_widget_get_mapped (widget));
  iterate ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->map = sample_map (0);
  f->history = jm_map_get_history (f->map);
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "jm-canvas-test");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  f->canvas = JM_CANVAS (jm_canvas_new ());
  jm_canvas_set_map (f->canvas, f->map);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frame (GTK_WIDGET (f->canvas));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->map);
}

static JmTouchpoint *
card_titled (JmMap      *map,
             const char *title)
{
  GListModel *list = jm_map_get_touchpoints (map);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);

      if (g_str_equal (jm_touchpoint_get_title (touchpoint), title))
        return touchpoint;
    }
  g_assert_not_reached ();
}

static JmStage *
stage_n (JmMap *map,
         guint  n)
{
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), n);
  return stage;
}

static JmPersona *
persona_n (JmMap *map,
           guint  n)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), n);
  return persona;
}

static void
card_point (Fixture      *f,
            JmTouchpoint *touchpoint,
            double       *x,
            double       *y)
{
  graphene_rect_t rect;

  g_assert_true (_jm_canvas_get_card_rect (f->canvas, touchpoint, &rect));
  *x = rect.origin.x + 30;
  *y = rect.origin.y + 20;
}

static void
cell_point (Fixture *f,
            guint    stage,
            guint    lane,
            double  *x,
            double  *y)
{
  JmBoardRect cell;

  jm_board_geometry_cell_rect (_jm_canvas_get_geometry (f->canvas), stage, lane, &cell);
  _jm_canvas_board_to_widget (f->canvas, cell.x + cell.width / 2, cell.y + cell.height - 8, x, y);
}

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
selection_size (Fixture *f)
{
  g_autoptr(GPtrArray) selection = jm_canvas_get_selection (f->canvas);

  return selection->len;
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
static cairo_surface_t *
render (Fixture *f)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (f->canvas)->snapshot (GTK_WIDGET (f->canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                                        gtk_widget_get_height (GTK_WIDGET (f->canvas)));
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

static void
assert_near (guint32 colour,
             guint32 expected)
{
  g_test_message ("colour %06x, expected %06x", colour, expected);
  for (guint shift = 0; shift < 24; shift += 8)
    g_assert_cmpint (ABS ((int) ((colour >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)), <=, 6);
}

static void
test_render_pixels (Fixture       *f,
                    gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  cairo_surface_t *surface;
  graphene_rect_t rect;
  double ex, ey, px, py;
  guint32 background;

  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  /* Inside the card's right padding, clear of text; and an empty cell. */
  px = rect.origin.x + rect.size.width - 4;
  py = rect.origin.y + rect.size.height / 2;
  cell_point (f, 2, 2, &ex, &ey);
  g_assert_cmpfloat (ex, <, gtk_widget_get_width (GTK_WIDGET (f->canvas)));

  surface = render (f);
  assert_near (pixel (surface, px, py), 0xffffff);
  background = pixel (surface, ex, ey);
  g_assert_cmpuint (background, !=, 0xffffff);
  assert_near (background, 0xf3f3f5);
  cairo_surface_destroy (surface);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate ();
  surface = render (f);
  assert_near (pixel (surface, px, py), 0x36363a);
  g_assert_cmpuint (pixel (surface, ex, ey), !=, background);
  g_assert_cmpuint ((pixel (surface, ex, ey) & 0xff), <, 0x40);
  cairo_surface_destroy (surface);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  iterate ();

  /* A filter dims what does not match: the card is no longer white. */
  jm_canvas_set_filter (f->canvas, "moments");
  surface = render (f);
  g_assert_cmpuint (pixel (surface, px, py), !=, 0xffffff);
  assert_near (pixel (surface, px, py), background);
  cairo_surface_destroy (surface);
  {
    g_autofree char *filter = g_strdup_printf ("persona:%s", jm_persona_get_id (persona_n (f->map, 1)));

    jm_canvas_set_filter (f->canvas, filter);
  }
  surface = render (f);
  assert_near (pixel (surface, px, py), 0xffffff);
  cairo_surface_destroy (surface);
  jm_canvas_set_filter (f->canvas, NULL);

  /* Zoomed far out, a card is one block in its persona's colour. */
  jm_canvas_set_zoom (f->canvas, 0.3);
  iterate ();
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  surface = render (f);
  g_assert_cmpuint (pixel (surface, rect.origin.x + rect.size.width / 2, rect.origin.y + rect.size.height / 2), !=,
                    pixel (surface, ex * 0.3, ey * 0.3));
  cairo_surface_destroy (surface);
}

static void
test_culling_and_cache (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (3000);
  JmTouchpoint *card;
  cairo_surface_t *surface;
  guint cached;

  jm_canvas_set_map (f->canvas, big);
  surface = render (f);
  cairo_surface_destroy (surface);
  cached = _jm_canvas_get_n_cached_nodes (f->canvas);

  /* Only the cards in view were drawn. */
  g_assert_cmpuint (cached, >, 5);
  g_assert_cmpuint (cached, <, 100);

  /* Changing a card drops its node alone; the next frame rebuilds it. */
  card = card_titled (big, "Sees a video review of fibre speeds");
  jm_touchpoint_set_title (card, "Sees a review");
  g_assert_cmpuint (_jm_canvas_get_n_cached_nodes (f->canvas), ==, cached - 1);
  surface = render (f);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (_jm_canvas_get_n_cached_nodes (f->canvas), ==, cached);

  jm_canvas_set_map (f->canvas, f->map);
}

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

static guint32
score_rgb (double score)
{
  double r, g, b;

  jm_score_colour (score, &r, &g, &b);
  return ((guint32) round (r * 255) << 16) | ((guint32) round (g * 255) << 8) | (guint32) round (b * 255);
}

static void
test_colour_by (Fixture       *f,
                gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  graphene_rect_t plain, rect;
  cairo_surface_t *surface;
  double composite, sx, sy;
  int rating;

  g_assert_cmpstr (jm_canvas_get_colour_by (f->canvas), ==, "none");
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &plain));

  /* A strip at the card's foot, in the colour of its composite score. */
  g_assert_true (jm_score_touchpoint (f->map, card, &composite));
  jm_canvas_set_colour_by (f->canvas, "composite");
  iterate ();
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  g_assert_cmpfloat (rect.size.height, >, plain.size.height);
  /* Right of the number, above the bottom edge. */
  sx = rect.origin.x + rect.size.width - 8;
  sy = rect.origin.y + rect.size.height - 5;
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (composite));
  /* Above the strip the card is as it was. */
  assert_near (pixel (surface, sx + 4, plain.origin.y + plain.size.height / 2), 0xffffff);
  cairo_surface_destroy (surface);

  /* One measure: the rating's colour; a new rating recolours the card. */
  jm_canvas_set_colour_by (f->canvas, "convenience");
  iterate ();
  rating = jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE);
  g_assert_cmpint (rating, >=, 1);
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (rating));
  cairo_surface_destroy (surface);
  jm_touchpoint_set_rating (card, JM_MEASURE_CONVENIENCE, rating == 1 ? 5 : 1);
  iterate ();
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (rating == 1 ? 5 : 1));
  cairo_surface_destroy (surface);

  /* Not rated: the grey no score produces. */
  jm_touchpoint_set_rating (card, JM_MEASURE_CONVENIENCE, 0);
  iterate ();
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (NAN));
  cairo_surface_destroy (surface);

  /* Weights change the composite, and the cards follow. */
  jm_canvas_set_colour_by (f->canvas, "composite");
  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_touchpoint_set_rating (card, m, m == JM_MEASURE_RELEVANCE ? 5 : 1);
  jm_map_set_weight (f->map, JM_MEASURE_RELEVANCE, 1000);
  iterate ();
  g_assert_true (jm_score_touchpoint (f->map, card, &composite));
  g_assert_cmpfloat (composite, >, 4.9);
  surface = render (f);
  assert_near (pixel (surface, sx, sy), score_rgb (composite));
  cairo_surface_destroy (surface);

  /* Back to none: the strip goes and the card has its own height again. */
  jm_canvas_set_colour_by (f->canvas, "none");
  iterate ();
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  g_assert_cmpfloat (rect.size.height, ==, plain.size.height);
}

/* Where the board point under the widget point (@x, @y) is. */
static void
board_point (Fixture *f,
             double   x,
             double   y,
             double  *bx,
             double  *by)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double zoom = jm_canvas_get_zoom (f->canvas);

  *bx = (x + gtk_adjustment_get_value (h)) / zoom;
  *by = (y + gtk_adjustment_get_value (v)) / zoom;
}

static void
assert_board_point (Fixture *f,
                    double   x,
                    double   y,
                    double   bx,
                    double   by)
{
  double nx, ny;

  board_point (f, x, y, &nx, &ny);
  g_assert_cmpfloat_with_epsilon (nx, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ny, by, 1e-6);
}

static void
scroll_to (Fixture *f,
           double   x,
           double   y)
{
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));

  /* A new map has a new size once the board is allocated again. */
  for (guint i = 0; i < 20000 && gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) < y; i++)
    {
      iterate ();
      g_usleep (500);
    }
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas)), x);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas)), y);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas))), ==, x);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas))), ==, y);
}

static void
wait_for_zoom_to_settle (Fixture *f)
{
  /* The board waits for the last step of a zoom gesture; so does the test. */
  for (guint i = 0; i < 20000 && _jm_canvas_get_zoom_settling (f->canvas); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_false (_jm_canvas_get_zoom_settling (f->canvas));
}

static GtkEventController *
scroll_controller (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        return controller;
    }
  g_assert_not_reached ();
}

static void
test_scroll_and_zoom (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double x = 420, y = 310, bx, by, zoom;
  gboolean handled = FALSE;
  cairo_surface_t *surface;

  jm_canvas_set_map (f->canvas, big);
  iterate ();
  scroll_to (f, 300, 400);

  /* Ctrl and the wheel zoom in a step, about the pointer. */
  board_point (f, x, y, &bx, &by);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK, x, y));
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.15, 1e-9);
  assert_board_point (f, x, y, bx, by);
  g_assert_true (_jm_canvas_get_zoom_settling (f->canvas));

  /* A touchpad's Ctrl+scroll zooms as far as it scrolled. */
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, 20, GDK_SCROLL_UNIT_SURFACE, GDK_CONTROL_MASK, x, y));
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.15 * exp (-0.2), 1e-9);
  assert_board_point (f, x, y, bx, by);

  /* Without Ctrl the wheel scrolls down, with Shift sideways; a touchpad
   * scrolls by its own deltas. */
  zoom = jm_canvas_get_zoom (f->canvas);
  scroll_to (f, 300, 400);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, 1, GDK_SCROLL_UNIT_WHEEL, 0, x, y));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 300);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 460);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, 1, GDK_SCROLL_UNIT_WHEEL, GDK_SHIFT_MASK, x, y));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 360);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 460);
  g_assert_true (_jm_canvas_scroll (f->canvas, -7, 5, GDK_SCROLL_UNIT_SURFACE, 0, x, y));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 353);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 465);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, zoom);

  /* The scroll controller hands its event's values on: with no modifier
   * held, a wheel step scrolls. */
  g_signal_emit_by_name (scroll_controller (f), "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 525);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, zoom);

  /* Once the steps stop, the cards are kept as images again. */
  wait_for_zoom_to_settle (f);
  surface = render (f);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), >, 5);

  jm_canvas_set_map (f->canvas, f->map);
}

static void
test_pinch_zoom (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  GtkGesture *pinch = _jm_canvas_get_zoom_gesture (f->canvas);
  double cx, cy, bx, by;

  g_assert_true (GTK_IS_GESTURE_ZOOM (pinch));
  jm_canvas_set_map (f->canvas, big);
  iterate ();
  scroll_to (f, 300, 400);
  cx = gtk_widget_get_width (GTK_WIDGET (f->canvas)) / 2.0;
  cy = gtk_widget_get_height (GTK_WIDGET (f->canvas)) / 2.0;
  board_point (f, cx, cy, &bx, &by);

  /* Fingers apart to twice their distance: twice the zoom, about the
   * middle of the fingers (the middle of the view when the gesture has no
   * points of its own). */
  g_signal_emit_by_name (pinch, "begin", NULL);
  g_signal_emit_by_name (pinch, "scale-changed", 2.0);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 2.0, 1e-9);
  assert_board_point (f, cx, cy, bx, by);
  g_assert_true (_jm_canvas_get_zoom_settling (f->canvas));
  /* The scale is the gesture's since it began, not since its last step. */
  g_signal_emit_by_name (pinch, "scale-changed", 0.75);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 0.75, 1e-9);
  assert_board_point (f, cx, cy, bx, by);
  g_signal_emit_by_name (pinch, "end", NULL);

  /* A new pinch starts from where the last one left the zoom. */
  g_signal_emit_by_name (pinch, "begin", NULL);
  g_signal_emit_by_name (pinch, "scale-changed", 2.0);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.5, 1e-9);
  g_signal_emit_by_name (pinch, "scale-changed", 100.0);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 3.0);
  g_signal_emit_by_name (pinch, "end", NULL);
  wait_for_zoom_to_settle (f);

  jm_canvas_set_map (f->canvas, f->map);
}

static void
test_middle_button_pan (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  GtkGesture *pan = _jm_canvas_get_pan_gesture (f->canvas);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  guint steps = jm_history_get_n_steps (jm_map_get_history (big));

  g_assert_true (GTK_IS_GESTURE_DRAG (pan));
  g_assert_cmpuint (gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (pan)), ==, GDK_BUTTON_MIDDLE);
  jm_canvas_set_map (f->canvas, big);
  iterate ();
  scroll_to (f, 200, 300);

  /* The board follows the pointer: dragging right and up shows more of
   * the left and the bottom. */
  g_signal_emit_by_name (pan, "drag-begin", 500.0, 400.0);
  g_signal_emit_by_name (pan, "drag-update", 40.0, -30.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 160);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 330);
  /* Offsets count from where the drag began. */
  g_signal_emit_by_name (pan, "drag-update", -100.0, 50.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 300);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 250);
  g_signal_emit_by_name (pan, "drag-end", -100.0, 50.0);
  iterate ();

  /* Panning moves the view only. */
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 1.0);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (big)), ==, steps);
  g_assert_cmpuint (selection_size (f), ==, 0);

  jm_canvas_set_map (f->canvas, f->map);
}

/* How many pixels in @rect differ between two renderings by more than
 * @tolerance in a channel. */
static guint
count_changed (cairo_surface_t       *a,
               cairo_surface_t       *b,
               const graphene_rect_t *rect,
               int                    tolerance)
{
  guint changed = 0;
  int x0 = MAX ((int) rect->origin.x, 0);
  int y0 = MAX ((int) rect->origin.y, 0);
  int x1 = MIN ((int) (rect->origin.x + rect->size.width), cairo_image_surface_get_width (a));
  int y1 = MIN ((int) (rect->origin.y + rect->size.height), cairo_image_surface_get_height (a));

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = pixel (a, x, y), q = pixel (b, x, y);

        for (guint shift = 0; shift < 24; shift += 8)
          if (ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)) > tolerance)
            {
              changed++;
              break;
            }
      }
  return changed;
}

static void
test_cached_drawing (Fixture       *f,
                     gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Reads a flyer from the letterbox");
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  graphene_rect_t rect, title, whole;
  cairo_surface_t *before, *after, *vectors;
  double px, py;

  whole = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  title = GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, rect.size.width, 40);
  /* Inside the right padding, clear of text and of the link handle. */
  px = rect.origin.x + rect.size.width - 4;
  py = rect.origin.y + rect.size.height / 4;

  before = render (f);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), >, 5);
  g_assert_cmpuint (_jm_canvas_get_image_bytes (f->canvas), >, 0);

  /* A new title is drawn at once, and the old one again when it returns. */
  jm_touchpoint_set_title (card, "Bins a leaflet unread");
  iterate ();
  after = render (f);
  g_assert_cmpuint (count_changed (before, after, &title, 40), >, 50);
  cairo_surface_destroy (after);
  jm_touchpoint_set_title (card, "Reads a flyer from the letterbox");
  iterate ();
  after = render (f);
  g_assert_cmpuint (count_changed (before, after, &whole, 0), ==, 0);
  cairo_surface_destroy (after);

  /* The lane's colour edges its cards. */
  jm_persona_set_colour (persona_n (f->map, 1), "#00ff00");
  iterate ();
  after = render (f);
  g_assert_cmpuint (count_changed (before, after, &rect, 40), >, 20);
  cairo_surface_destroy (after);

  /* While the card is dragged, its place shows it faded; a cancelled drag
   * leaves it as it was. */
  {
    GtkGesture *gesture = _jm_canvas_get_drag_gesture (f->canvas);

    g_signal_emit_by_name (gesture, "drag-begin", rect.origin.x + 30, rect.origin.y + 20);
    g_signal_emit_by_name (gesture, "drag-update", 200.0, 150.0);
    after = render (f);
    g_assert_cmpuint (pixel (after, px, py), !=, 0xffffff);
    cairo_surface_destroy (after);
    gtk_widget_activate_action (widget, "canvas.cancel", NULL);
    g_signal_emit_by_name (gesture, "drag-end", 200.0, 150.0);
    iterate ();
    after = render (f);
    assert_near (pixel (after, px, py), 0xffffff);
    cairo_surface_destroy (after);
  }
  cairo_surface_destroy (before);

  /* An image looks as the card drawn as vectors does. While a zoom gesture
   * goes on, the cards are drawn as vectors; at zoom 1 both land on the
   * same pixels. */
  before = render (f);
  g_assert_true (_jm_canvas_scroll (f->canvas, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK, 100, 100));
  after = render (f);
  cairo_surface_destroy (after);
  jm_canvas_set_zoom (f->canvas, 1.0);
  scroll_to (f, 0, 0);
  g_assert_true (_jm_canvas_get_zoom_settling (f->canvas));
  vectors = render (f);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), ==, 0);
  g_test_message ("%u pixels differ",  count_changed (before, vectors, &whole, 0));
  g_assert_cmpuint (count_changed (before, vectors, &whole, 24), <, 200);
  cairo_surface_destroy (vectors);
  cairo_surface_destroy (before);
  wait_for_zoom_to_settle (f);

  /* At another zoom, the images are drawn again at its scale. */
  jm_canvas_set_zoom (f->canvas, 2.0);
  scroll_to (f, 0, 0);
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card, &rect));
  after = render (f);
  g_assert_cmpuint (_jm_canvas_get_n_cached_images (f->canvas), >, 0);
  assert_near (pixel (after, rect.origin.x + rect.size.width - 8, rect.origin.y + rect.size.height / 4), 0xffffff);
  cairo_surface_destroy (after);
}

static guint
geometry_index (Fixture      *f,
                JmTouchpoint *touchpoint)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);

  for (guint i = 0; i < jm_board_geometry_get_n_cards (geometry); i++)
    if (jm_board_geometry_get_card (geometry, i)->data == touchpoint)
      return i;
  g_assert_not_reached ();
}

/* A point of the link from @from to @to that no card covers, in view:
 * the middle of its longest run clear of the headers. */
static gboolean
link_point (Fixture      *f,
            JmTouchpoint *from,
            JmTouchpoint *to,
            double       *x,
            double       *y)
{
  JmBoardRoute route;
  double best = 0;

  jm_board_geometry_link_route (_jm_canvas_get_geometry (f->canvas), geometry_index (f, from),
                                geometry_index (f, to), &route);
  for (guint k = 0; k + 1 < route.n_points; k++)
    {
      double length = fabs (route.x[k + 1] - route.x[k]) + fabs (route.y[k + 1] - route.y[k]);
      double px, py;

      _jm_canvas_board_to_widget (f->canvas, (route.x[k] + route.x[k + 1]) / 2,
                                  (route.y[k] + route.y[k + 1]) / 2, &px, &py);
      if (length > best && px > 240 && py > 100)
        {
          best = length;
          *x = px;
          *y = py;
        }
    }
  return best > 0;
}

static void
test_cached_links (Fixture       *f,
                   gconstpointer  data)
{
  JmTouchpoint *from = card_titled (f->map, "Compares plans on the website");
  JmTouchpoint *to = card_titled (f->map, "Calls to ask about contract terms");
  cairo_surface_t *surface;
  guint32 background, line;
  double x = 0, y = 0;

  g_assert_true (link_point (f, from, to, &x, &y));
  surface = render (f);
  line = pixel (surface, x, y);
  cairo_surface_destroy (surface);

  /* Without the link, the board is bare there: the links' drawing follows
   * the map. */
  jm_touchpoint_set_links (from, NULL);
  iterate ();
  surface = render (f);
  background = pixel (surface, x, y);
  cairo_surface_destroy (surface);
  g_test_message ("link %06x on %06x", line, background);
  assert_near (background, 0xf3f3f5);
  g_assert_cmpuint (line & 0xff, <, (background & 0xff) - 40);

  jm_touchpoint_set_links (from, (const char * const[]) { jm_touchpoint_get_id (to), NULL });
  iterate ();
  surface = render (f);
  g_assert_cmpuint (pixel (surface, x, y) & 0xff, <, (background & 0xff) - 40);
  cairo_surface_destroy (surface);
}

static void
test_cached_links_zoomed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (300);
  JmTouchpoint *from = card_titled (big, "Touchpoint 250");
  JmTouchpoint *to = card_titled (big, "Touchpoint 251");
  graphene_rect_t whole = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                                              gtk_widget_get_height (GTK_WIDGET (f->canvas)));

  /* A link far down the board, in the bottom lane. */
  jm_touchpoint_set_links (from, (const char * const[]) { jm_touchpoint_get_id (to), NULL });
  jm_canvas_set_map (f->canvas, big);
  iterate ();

  /* Far out, the board is narrower than the view, and taller: the links
   * drawn from tiles are where the links stroked afresh are (as while a
   * zoom gesture goes on), whichever tile they fall in. */
  for (guint i = 0; i < 2; i++)
    {
      double zoom = i == 0 ? 0.2 : 0.3;
      cairo_surface_t *tiles, *vectors, *surface;

      jm_canvas_set_zoom (f->canvas, zoom);
      scroll_to (f, 0, 0);
      tiles = render (f);
      g_assert_true (_jm_canvas_scroll (f->canvas, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK, 10, 10));
      surface = render (f);
      cairo_surface_destroy (surface);
      jm_canvas_set_zoom (f->canvas, zoom);
      scroll_to (f, 0, 0);
      vectors = render (f);
      g_test_message ("zoom %g: %u pixels differ", zoom, count_changed (tiles, vectors, &whole, 0));
      g_assert_cmpuint (count_changed (tiles, vectors, &whole, 40), <, 20);
      cairo_surface_destroy (tiles);
      cairo_surface_destroy (vectors);
      wait_for_zoom_to_settle (f);
    }

  jm_canvas_set_map (f->canvas, f->map);
}

static gboolean
rects_equal (const JmBoardRect *a,
             const JmBoardRect *b)
{
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

/* Before the first frame of a map only the cards in view are measured: they
 * sit where the full layout puts them, the frame looks as it will once
 * every card is measured, and that happens just after the frame. */
static void
test_first_view (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JmMap) big = sample_map (1000);
  g_autoptr(GArray) early = g_array_new (FALSE, FALSE, sizeof (JmBoardRect));
  g_autoptr(JmCanvas) unshown = g_object_ref_sink (JM_CANVAS (jm_canvas_new ()));
  JmBoardGeometry *geometry;
  JmBoardRect view = { 0, 0, gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                       gtk_widget_get_height (GTK_WIDGET (f->canvas)) };
  graphene_rect_t whole = GRAPHENE_RECT_INIT (0, 0, view.width, view.height);
  cairo_surface_t *first, *later;
  guint n_estimated, n_in_view = 0;

  jm_canvas_set_map (f->canvas, big);
  first = render (f);
  n_estimated = _jm_canvas_get_n_estimated (f->canvas);
  geometry = _jm_canvas_peek_geometry (f->canvas);
  g_test_message ("%u of %u cards estimated", n_estimated, jm_board_geometry_get_n_cards (geometry));
  g_assert_cmpuint (n_estimated, >, 0);
  g_assert_cmpuint (n_estimated, <, jm_board_geometry_get_n_cards (geometry));
  for (guint i = 0; i < jm_board_geometry_get_n_cards (geometry); i++)
    g_array_append_val (early, jm_board_geometry_get_card (geometry, i)->rect);

  /* The idle after the frame measures the rest. */
  for (guint i = 0; i < 20000 && _jm_canvas_get_n_estimated (f->canvas) > 0; i++)
    {
      iterate ();
      gtk_widget_measure (GTK_WIDGET (f->canvas), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
      g_usleep (100);
    }
  g_assert_cmpuint (_jm_canvas_get_n_estimated (f->canvas), ==, 0);

  geometry = _jm_canvas_get_geometry (f->canvas);
  g_assert_cmpuint (jm_board_geometry_get_n_cards (geometry), ==, early->len);
  for (guint i = 0; i < early->len; i++)
    {
      const JmBoardRect *was = &g_array_index (early, JmBoardRect, i);
      const JmBoardRect *now = &jm_board_geometry_get_card (geometry, i)->rect;

      if (was->x < view.width && was->y < view.height)
        {
          n_in_view++;
          g_assert_true (rects_equal (was, now));
        }
      else
        g_assert_true (now->x >= view.width || now->y >= view.height);
    }
  g_assert_cmpuint (n_in_view, >, 5);

  later = render (f);
  /* The cards and headers in view look the same; only the links to cards
   * out of view come with the full layout. */
  for (guint i = 0; i < early->len; i++)
    {
      const JmBoardRect *card = &jm_board_geometry_get_card (geometry, i)->rect;
      double x, y;

      if (card->x >= view.width || card->y >= view.height)
        continue;
      _jm_canvas_board_to_widget (f->canvas, card->x, card->y, &x, &y);
      /* Links end on a card's edges, and may run along them. */
      g_assert_cmpuint (count_changed (first, later,
                                       &GRAPHENE_RECT_INIT (x + 4, y + 4, card->width * jm_canvas_get_zoom (f->canvas) - 8,
                                                            card->height * jm_canvas_get_zoom (f->canvas) - 8), 0),
                        ==, 0);
    }
  g_assert_cmpuint (count_changed (first, later,
                                   &GRAPHENE_RECT_INIT (0, 0, view.width,
                                                        jm_board_geometry_get_metrics (geometry)->stage_header_height), 0),
                    ==, 0);
  g_assert_cmpuint (count_changed (first, later,
                                   &GRAPHENE_RECT_INIT (0, 0, jm_board_geometry_get_metrics (geometry)->lane_header_width,
                                                        view.height), 0),
                    ==, 0);
  cairo_surface_destroy (first);
  cairo_surface_destroy (later);

  /* The board is then the one a canvas measuring every card at once lays out. */
  jm_canvas_set_map (unshown, big);
  g_assert_cmpuint (_jm_canvas_get_n_estimated (unshown), ==, 0);
  for (guint i = 0; i < early->len; i++)
    g_assert_true (rects_equal (&jm_board_geometry_get_card (_jm_canvas_get_geometry (unshown), i)->rect,
                                &jm_board_geometry_get_card (geometry, i)->rect));
  g_assert_cmpfloat (jm_board_geometry_get_height (_jm_canvas_get_geometry (unshown)), ==,
                     jm_board_geometry_get_height (geometry));

  /* Asking where a card is lays the board out in full at once. */
  jm_canvas_set_map (f->canvas, f->map);
  jm_canvas_set_map (f->canvas, big);
  cairo_surface_destroy (render (f));
  g_assert_cmpuint (_jm_canvas_get_n_estimated (f->canvas), >, 0);
  g_assert_true (_jm_canvas_get_card_rect (f->canvas, card_titled (big, "Sees a video review of fibre speeds"),
                                           &whole));
  g_assert_cmpuint (_jm_canvas_get_n_estimated (f->canvas), ==, 0);

  jm_canvas_set_map (f->canvas, f->map);
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
  ADD ("keyboard", test_keyboard);
  ADD ("new-card-and-edit", test_new_card_and_edit);
  ADD ("double-click", test_double_click);
  ADD ("clipboard-and-delete", test_clipboard_and_delete);
  ADD ("typing", test_typing);
  ADD ("keyboard-link", test_keyboard_link);
  ADD ("context-menu", test_context_menu);
  ADD ("zoom-and-filter", test_zoom_and_filter);
  ADD ("hidden-lane", test_hidden_lane);
  ADD ("render-pixels", test_render_pixels);
  ADD ("culling-and-cache", test_culling_and_cache);
  ADD ("pointer-drag", test_pointer_drag);
  ADD ("colour-by", test_colour_by);
  ADD ("scroll-and-zoom", test_scroll_and_zoom);
  ADD ("pinch-zoom", test_pinch_zoom);
  ADD ("middle-button-pan", test_middle_button_pan);
  ADD ("cached-drawing", test_cached_drawing);
  ADD ("cached-links", test_cached_links);
  ADD ("cached-links-zoomed", test_cached_links_zoomed);
  ADD ("first-view", test_first_view);
#undef ADD

  return g_test_run ();
}
