/* test-canvas-input.c: the board driven as people drive it, with real
 * pointer and key events under Xvfb, checked in the model
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-file.h"
#include "jm-outline.h"
#include "jm-window-private.h"
#include "jm-test-window.h"
#include "canvas-sample.h"

typedef struct
{
  GtkWidget *window;
  JmCanvas  *canvas;
  JmMap     *map;
  JmHistory *history;
  char      *window_id;
} Fixture;

/* The window's size, and whether the map is the wide and tall one. */
typedef struct
{
  int      width, height;
  gboolean big;
} Setup;

static const Setup workshop = { 1100, 760, FALSE };
static const Setup small_window = { 520, 420, TRUE };

/* Helpers. */

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main loop until @condition holds, for up to ten seconds. */
static gboolean
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data)
{
  for (guint i = 0; i < 20000; i++)
    {
      iterate ();
      if (condition (f, data))
        return TRUE;
      g_usleep (500);
    }
  return condition (f, data);
}

static gboolean
is_shown (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *widget = (GtkWidget *) data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* A map wider and taller than a small window: 24 stages, 8 lanes, one
 * card in the first cell and six in another. */
static JmMap *
big_map (void)
{
  JmMap *map = jm_map_new ();
  JmStage *first = NULL;
  JmPersona *persona = NULL;

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *id = jm_map_new_id (map, "s");
      g_autofree char *name = g_strdup_printf ("Stage %u", i + 1);
      g_autoptr(JmStage) stage = jm_stage_new (id, name);

      jm_map_append_stage (map, stage);
      if (i == 0)
        first = stage;
    }
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = jm_map_new_id (map, "p");
      g_autofree char *name = g_strdup_printf ("Persona %u", i + 1);
      g_autoptr(JmPersona) lane = jm_persona_new (id, name);

      jm_map_append_persona (map, lane);
      if (i == 0)
        persona = lane;
    }
  sample_card (map, first, persona, "Sees an advert", "web", 0, FALSE, "");
  /* A cell taller than the window, at stage 4 of lane 6. */
  {
    g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), 3);
    g_autoptr(JmPersona) lane = g_list_model_get_item (jm_map_get_personas (map), 5);

    for (guint i = 0; i < 6; i++)
      {
        g_autofree char *title = g_strdup_printf ("Tall cell card %u", i + 1);

        sample_card (map, stage, lane, title, "phone", 0, FALSE, "");
      }
  }
  return map;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;

  f->map = setup->big ? big_map () : sample_map (0);
  f->history = jm_map_get_history (f->map);
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "jm-canvas-input-test");
  gtk_window_set_default_size (GTK_WINDOW (f->window), setup->width, setup->height);
  f->canvas = JM_CANVAS (jm_canvas_new ());
  jm_canvas_set_map (f->canvas, f->map);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (f, is_shown, f->canvas));
  if (GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (f->window))))
    f->window_id = jm_test_window_id (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->map);
  g_free (f->window_id);
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
  return NULL;
}

static guint
stage_of (JmMap        *map,
          JmTouchpoint *touchpoint)
{
  guint position = G_MAXUINT;

  jm_map_find_stage (map, jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (touchpoint)), &position);
  return position;
}

static guint
lane_of (JmMap        *map,
         JmTouchpoint *touchpoint)
{
  guint position = G_MAXUINT;

  jm_map_find_persona (map, jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (touchpoint)), &position);
  return position;
}

static void
assert_cell (JmMap        *map,
             JmTouchpoint *touchpoint,
             guint         stage,
             guint         lane)
{
  g_assert_cmpuint (stage_of (map, touchpoint), ==, stage);
  g_assert_cmpuint (lane_of (map, touchpoint), ==, lane);
}

/* Double-click, then type into what opened, then Enter. */
static void
double_click_and_type (Fixture    *f,
                       double      x,
                       double      y,
                       const char *text)
{
  char at[2][32];

  jm_test_widget_point (GTK_WIDGET (f->canvas), x, y, at);
  /* Two presses 80 ms apart, as a person's double-click. */
  jm_test_xdotool ("mousemove", "--window", f->window_id, at[0], at[1],
                   "click", "--repeat", "2", "--delay", "80", "1",
                   "sleep", "0.3", NULL);
  /* "type" takes every argument after it as text. */
  jm_test_xdotool ("type", "--delay", "20", text, NULL);
  jm_test_xdotool ("key", "Return", NULL);
}

static gboolean
titled_card_exists (Fixture       *f,
                    gconstpointer  title)
{
  return card_titled (f->map, title) != NULL;
}

static gboolean
stage_is_named (Fixture       *f,
                gconstpointer  name)
{
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (f->map), 0);

  return g_str_equal (jm_stage_get_name (stage), name);
}

static gboolean
lane_is_named (Fixture       *f,
               gconstpointer  name)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (f->map), 1);

  return g_str_equal (jm_persona_get_name (persona), name);
}

/* Double-click. */

static void
test_double_click (Fixture       *f,
                   gconstpointer  data)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);
  JmTouchpoint *card = card_titled (f->map, "Buys in the app in two taps");
  guint n = g_list_model_get_n_items (jm_map_get_touchpoints (f->map));
  JmBoardRect header;
  JmTouchpoint *added;
  double x, y;

  if (!jm_test_can_send_input (f->window))
    return;

  /* An empty cell: a new card there, titled as typed. */
  g_assert_cmpuint (jm_board_geometry_get_cell_n_cards (geometry, 2, 2), ==, 0);
  cell_point (f, 2, 2, &x, &y);
  double_click_and_type (f, x, y, "Reads reviews");
  g_assert_true (wait_until (f, titled_card_exists, "Reads reviews"));
  added = card_titled (f->map, "Reads reviews");
  assert_cell (f->map, added, 2, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);
  g_assert_null (_jm_canvas_get_editor (f->canvas));

  /* A card: its title, in place. */
  card_point (f, card, &x, &y);
  double_click_and_type (f, x, y, "Pays in the app");
  g_assert_true (wait_until (f, titled_card_exists, "Pays in the app"));
  g_assert_true (card_titled (f->map, "Pays in the app") == card);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);

  /* A stage's header: its name. */
  jm_board_geometry_stage_header_rect (geometry, 0, &header);
  _jm_canvas_board_to_widget (f->canvas, header.x + 30, header.y + 20, &x, &y);
  double_click_and_type (f, x, y, "Awareness");
  g_assert_true (wait_until (f, stage_is_named, "Awareness"));

  /* A lane's header: the persona's name. */
  jm_board_geometry_lane_header_rect (geometry, 1, &header);
  _jm_canvas_board_to_widget (f->canvas, header.x + 30, header.y + 20, &x, &y);
  double_click_and_type (f, x, y, "Jim");
  g_assert_true (wait_until (f, lane_is_named, "Jim"));
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (f->map)), ==, n + 1);
  g_assert_null (_jm_canvas_get_editor (f->canvas));

  /* And the file holds what was typed. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("jm-canvas-input-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "typed.journey", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(JmMap) reloaded = NULL;
    g_autoptr(JmStage) stage = NULL;
    g_autoptr(JmPersona) persona = NULL;

    g_assert_no_error (error);
    g_assert_true (jm_file_save (f->map, file, NULL, &error));
    g_assert_no_error (error);
    reloaded = jm_file_load (file, NULL, &error);
    g_assert_no_error (error);
    assert_cell (reloaded, card_titled (reloaded, "Reads reviews"), 2, 2);
    g_assert_nonnull (card_titled (reloaded, "Pays in the app"));
    stage = g_list_model_get_item (jm_map_get_stages (reloaded), 0);
    g_assert_cmpstr (jm_stage_get_name (stage), ==, "Awareness");
    persona = g_list_model_get_item (jm_map_get_personas (reloaded), 1);
    g_assert_cmpstr (jm_persona_get_name (persona), ==, "Jim");
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* Moving a selection that spans cells. */

static gboolean
history_grew (Fixture       *f,
              gconstpointer  steps)
{
  return jm_history_get_n_steps (f->history) > GPOINTER_TO_UINT (steps);
}

static gboolean
selection_has (Fixture       *f,
               gconstpointer  n)
{
  g_autoptr(GPtrArray) selection = jm_canvas_get_selection (f->canvas);

  return selection->len == GPOINTER_TO_UINT (n);
}

/* Selects two cards with real clicks: a click, then a Shift+click. */
static void
click_select (Fixture      *f,
              JmTouchpoint *a,
              JmTouchpoint *b)
{
  char at_a[2][32], at_b[2][32];
  double x, y;

  card_point (f, a, &x, &y);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x, y, at_a);
  card_point (f, b, &x, &y);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x, y, at_b);
  jm_test_xdotool ("mousemove", "--window", f->window_id, at_a[0], at_a[1], "click", "1",
                   "sleep", "0.5",
                   "mousemove", "--window", f->window_id, at_b[0], at_b[1],
                   "keydown", "shift", "click", "1", "keyup", "shift", NULL);
  g_assert_true (wait_until (f, selection_has, GUINT_TO_POINTER (2)));
}

/* Presses @key and waits until the history grows, or a while if it
 * must not. */
static void
press (Fixture    *f,
       const char *key,
       gboolean    moves)
{
  guint steps = jm_history_get_n_steps (f->history);

  jm_test_xdotool ("key", key, NULL);
  if (moves)
    g_assert_true (wait_until (f, history_grew, GUINT_TO_POINTER (steps)));
  else
    {
      /* The key was sent; give it time to land, then check nothing moved. */
      g_usleep (300000);
      iterate ();
      g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps);
    }
}

static void
test_move_keys (Fixture       *f,
                gconstpointer  data)
{
  JmTouchpoint *a = card_titled (f->map, "Sees a video review of fibre speeds");
  JmTouchpoint *b = card_titled (f->map, "Reads the product manual online");
  guint steps;

  if (!jm_test_can_send_input (f->window))
    return;

  assert_cell (f->map, a, 0, 0);
  assert_cell (f->map, b, 1, 1);
  click_select (f, a, b);

  /* Each card one stage on, in its own lane: one step to undo. */
  steps = jm_history_get_n_steps (f->history);
  press (f, "alt+Right", TRUE);
  assert_cell (f->map, a, 1, 0);
  assert_cell (f->map, b, 2, 1);
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);

  /* A lane down: each card to the lane below, not within its cell. */
  press (f, "alt+Down", TRUE);
  assert_cell (f->map, a, 1, 1);
  assert_cell (f->map, b, 2, 2);
  /* b is in the last lane: the whole group stays. */
  press (f, "alt+Down", FALSE);
  assert_cell (f->map, a, 1, 1);
  assert_cell (f->map, b, 2, 2);

  /* To the last stage; one more press leaves the group where it is. */
  for (guint i = 0; i < 3; i++)
    press (f, "alt+Right", TRUE);
  assert_cell (f->map, a, 4, 1);
  assert_cell (f->map, b, 5, 2);
  press (f, "alt+Right", FALSE);
  assert_cell (f->map, a, 4, 1);
  assert_cell (f->map, b, 5, 2);

  /* One undo takes one step back, for both cards. */
  g_assert_true (jm_map_undo (f->map));
  assert_cell (f->map, a, 3, 1);
  assert_cell (f->map, b, 4, 2);
  while (jm_history_get_n_steps (f->history) > steps && jm_map_undo (f->map))
    ;
  assert_cell (f->map, a, 0, 0);
  assert_cell (f->map, b, 1, 1);
}

static gboolean
card_moved (Fixture       *f,
            gconstpointer  data)
{
  const guintptr *was = data;
  JmTouchpoint *card = (JmTouchpoint *) (gpointer) was[2];

  return stage_of (f->map, card) != was[0] || lane_of (f->map, card) != was[1];
}

/* Drags @card with real pointer events to the foot of a cell. */
static void
drag_card_to (Fixture      *f,
              JmTouchpoint *card,
              guint         stage,
              guint         lane)
{
  char from[2][32], to[2][32], half[2][32];
  double x0, y0, x1, y1;
  guintptr was[3] = { stage_of (f->map, card), lane_of (f->map, card), (guintptr) card };

  card_point (f, card, &x0, &y0);
  cell_point (f, stage, lane, &x1, &y1);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x0, y0, from);
  jm_test_widget_point (GTK_WIDGET (f->canvas), (x0 + x1) / 2, (y0 + y1) / 2, half);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x1, y1, to);
  jm_test_xdotool ("mousemove", "--window", f->window_id, from[0], from[1],
                   "mousedown", "1",
                   "mousemove", "--window", f->window_id, half[0], half[1],
                   "mousemove", "--window", f->window_id, to[0], to[1],
                   "mouseup", "1", NULL);
  g_assert_true (wait_until (f, card_moved, was));
}

static void
test_move_drag (Fixture       *f,
                gconstpointer  data)
{
  JmTouchpoint *a = card_titled (f->map, "Sees a video review of fibre speeds");
  JmTouchpoint *b = card_titled (f->map, "Reads the product manual online");
  JmTouchpoint *c = card_titled (f->map, "Reads a flyer from the letterbox");

  if (!jm_test_can_send_input (f->window))
    return;

  click_select (f, a, b);

  /* Dragged two stages on, both go two stages on, in their own lanes. */
  drag_card_to (f, a, 2, 0);
  assert_cell (f->map, a, 2, 0);
  assert_cell (f->map, b, 3, 1);
  assert_cell (f->map, c, 0, 1);
  g_assert_true (jm_map_undo (f->map));
  assert_cell (f->map, a, 0, 0);
  assert_cell (f->map, b, 1, 1);

  /* Dragged past the edge, the group stops there, as it was arranged:
   * a two lanes down would take b off the board. */
  g_assert_true (wait_until (f, selection_has, GUINT_TO_POINTER (2)));
  drag_card_to (f, a, 1, 2);
  assert_cell (f->map, a, 1, 1);
  assert_cell (f->map, b, 2, 2);
  g_assert_true (jm_map_undo (f->map));
  assert_cell (f->map, a, 0, 0);
  assert_cell (f->map, b, 1, 1);

  /* A stage back would take a off the board: only the lane changes. */
  drag_card_to (f, b, 0, 2);
  assert_cell (f->map, a, 0, 1);
  assert_cell (f->map, b, 1, 2);
  g_assert_true (jm_map_undo (f->map));
  assert_cell (f->map, a, 0, 0);
  assert_cell (f->map, b, 1, 1);
  assert_cell (f->map, c, 0, 1);
}

static gboolean
has_editor (Fixture       *f,
            gconstpointer  data)
{
  return _jm_canvas_get_editor (f->canvas) != NULL;
}

static gboolean
has_no_editor (Fixture       *f,
               gconstpointer  data)
{
  return _jm_canvas_get_editor (f->canvas) == NULL;
}

static gboolean
is_named (Fixture       *f,
          gconstpointer  persona)
{
  return g_str_equal (jm_persona_get_name ((JmPersona *) persona), "Walk-in");
}

/* The window's move actions move the board's selection the same way. */
static gboolean
window_laid_out (Fixture       *f,
                 gconstpointer  data)
{
  return is_shown (f, jm_window_get_canvas ((JmWindow *) data));
}

static void
test_move_window (void)
{
  g_autoptr(JmMap) map = sample_map (0);
  JmWindow *window = jm_window_new (NULL);
  JmTouchpoint *a = card_titled (map, "Sees a video review of fibre speeds");
  JmTouchpoint *b = card_titled (map, "Reads the product manual online");
  GdkSurface *surface;
  Fixture f = { 0 };
  guint steps;

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 860);
  jm_window_set_map (window, map, NULL);
  gtk_window_present (GTK_WINDOW (window));
  f.window = GTK_WIDGET (window);
  f.canvas = jm_window_get_canvas (window);
  f.map = map;
  f.history = jm_map_get_history (map);
  g_assert_true (wait_until (&f, window_laid_out, window));
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (GDK_IS_X11_SURFACE (surface))
    f.window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  if (!jm_test_can_send_input (f.window))
    {
      jm_test_destroy_window (window);
      return;
    }

  click_select (&f, a, b);
  /* On the board, in the window: the outline beside it keeps up. */
  press (&f, "alt+Right", TRUE);
  assert_cell (map, a, 1, 0);
  assert_cell (map, b, 2, 1);
  g_assert_true (selection_has (&f, GUINT_TO_POINTER (2)));
  press (&f, "alt+Left", TRUE);
  assert_cell (map, a, 0, 0);
  assert_cell (map, b, 1, 1);
  g_assert_true (selection_has (&f, GUINT_TO_POINTER (2)));

  /* While a title is typed in place, Alt and an arrow move nothing. The
   * editor opens from the keyboard here (a double-click has its own
   * test), which keeps the two cards selected. */
  {
    jm_test_xdotool ("key", "Return", NULL);
    g_assert_true (wait_until (&f, has_editor, NULL));
    g_assert_true (selection_has (&f, GUINT_TO_POINTER (2)));
    press (&f, "alt+Left", FALSE);
    assert_cell (map, a, 0, 0);
    assert_cell (map, b, 1, 1);
    jm_test_xdotool ("key", "Escape", NULL);
    g_assert_true (wait_until (&f, has_no_editor, NULL));
  }

  /* With the outline's row focused, Alt and an arrow are the window's. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (jm_window_get_outline (window)), GTK_DIR_TAB_FORWARD));
  iterate ();
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (f.canvas)));
  steps = jm_history_get_n_steps (f.history);
  press (&f, "alt+Right", TRUE);
  assert_cell (map, a, 1, 0);
  assert_cell (map, b, 2, 1);
  g_assert_cmpuint (jm_history_get_n_steps (f.history), ==, steps + 1);
  g_assert_true (selection_has (&f, GUINT_TO_POINTER (2)));
  /* The sidebar's Move Down button, clicked. */
  {
    GtkWidget *button = jm_test_window_child (window, "move_down_button");
    char at[2][32];

    g_assert_true (gtk_widget_is_sensitive (button));
    jm_test_widget_point (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, at);
    steps = jm_history_get_n_steps (f.history);
    jm_test_xdotool ("mousemove", "--window", f.window_id, at[0], at[1], "click", "1", NULL);
    g_assert_true (wait_until (&f, history_grew, GUINT_TO_POINTER (steps)));
  }
  assert_cell (map, a, 1, 1);
  assert_cell (map, b, 2, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  assert_cell (map, a, 1, 0);
  assert_cell (map, b, 2, 1);

  g_free (f.window_id);
  jm_test_destroy_window (window);
}

/* Arrowing to a cell out of view. */

static gboolean
in_view (Fixture *f,
         guint    stage,
         guint    lane)
{
  JmBoardGeometry *geometry = _jm_canvas_get_geometry (f->canvas);
  const JmBoardMetrics *m = jm_board_geometry_get_metrics (geometry);
  double zoom = jm_canvas_get_zoom (f->canvas);
  double width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  double height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  JmBoardRect cell;
  double x0, y0, x1, y1;

  jm_board_geometry_cell_rect (geometry, stage, lane, &cell);
  _jm_canvas_board_to_widget (f->canvas, cell.x, cell.y, &x0, &y0);
  /* Clear of the headers that stay in view; a cell taller than the view
   * shows its top. */
  x1 = x0 + MIN (cell.width * zoom, width - m->lane_header_width * zoom);
  y1 = y0 + MIN (cell.height * zoom, height - m->stage_header_height * zoom);
  return x0 >= m->lane_header_width * zoom - 1 && y0 >= m->stage_header_height * zoom - 1 &&
         x1 <= width + 1 && y1 <= height + 1;
}

static gboolean
cell_in_view (Fixture       *f,
              gconstpointer  data)
{
  const guint *cell = data;

  return in_view (f, cell[0], cell[1]);
}

static gboolean
editor_in_view (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *editor = _jm_canvas_get_editor (f->canvas);
  graphene_rect_t bounds, view;

  if (editor == NULL || !gtk_widget_compute_bounds (editor, GTK_WIDGET (f->canvas), &bounds))
    return FALSE;
  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                      gtk_widget_get_height (GTK_WIDGET (f->canvas)));
  return graphene_rect_contains_rect (&view, &bounds);
}

static gboolean
editor_text_is (Fixture       *f,
                gconstpointer  text)
{
  GtkWidget *editor = _jm_canvas_get_editor (f->canvas);

  return editor != NULL && g_str_equal (gtk_editable_get_text (GTK_EDITABLE (editor)), text);
}

static void
test_arrow_scrolls (Fixture       *f,
                    gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Sees an advert");
  JmTouchpoint *added;
  char at[2][32];
  double x, y;

  if (!jm_test_can_send_input (f->window))
    return;

  /* Pick up the card in the first cell, then walk right and down. */
  card_point (f, card, &x, &y);
  jm_test_widget_point (GTK_WIDGET (f->canvas), x, y, at);
  jm_test_xdotool ("mousemove", "--window", f->window_id, at[0], at[1], "click", "1", NULL);
  g_assert_true (wait_until (f, selection_has, GUINT_TO_POINTER (1)));
  g_assert_true (in_view (f, 0, 0));
  g_assert_false (in_view (f, 9, 0));

  for (guint stage = 1; stage <= 9; stage++)
    {
      jm_test_xdotool ("key", "Right", NULL);
      g_assert_true (wait_until (f, cell_in_view, (guint[]) { stage, 0 }));
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas))), >, 0);
  for (guint lane = 1; lane <= 6; lane++)
    {
      jm_test_xdotool ("key", "Down", NULL);
      g_assert_true (wait_until (f, cell_in_view, (guint[]) { 9, lane }));
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas))), >, 0);

  /* The new card's title field opens where it can be seen. */
  jm_test_xdotool ("key", "n", "sleep", "0.2", "type", "--delay", "20", "Calls the shop", NULL);
  g_assert_true (wait_until (f, editor_text_is, "Calls the shop"));
  g_assert_true (wait_until (f, editor_in_view, NULL));
  jm_test_xdotool ("key", "Return", NULL);
  g_assert_true (wait_until (f, titled_card_exists, "Calls the shop"));
  added = card_titled (f->map, "Calls the shop");
  assert_cell (f->map, added, 9, 6);
}

/* What Enter or N opens is in view, wherever its place on the board. */
static void
test_editor_in_view (Fixture       *f,
                     gconstpointer  data)
{
  JmTouchpoint *card = card_titled (f->map, "Tall cell card 1");
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (f->map), 20);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (f->map), 7);
  char at[2][32];

  if (!jm_test_can_send_input (f->window))
    return;

  /* N on the first card of a tall cell: the new card goes at the foot. */
  jm_canvas_set_selected_object (f->canvas, card);
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  iterate ();
  jm_test_widget_point (GTK_WIDGET (f->canvas), 5, 5, at);
  jm_test_xdotool ("mousemove", "--window", f->window_id, at[0], at[1], "key", "n", NULL);
  g_assert_true (wait_until (f, has_editor, NULL));
  g_assert_true (wait_until (f, editor_in_view, NULL));
  jm_test_xdotool ("type", "--delay", "20", "Hangs up", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  g_assert_true (wait_until (f, titled_card_exists, "Hangs up"));
  assert_cell (f->map, card_titled (f->map, "Hangs up"), 3, 5);

  /* Enter on a header out of view: its name, in view. */
  jm_canvas_set_selected_object (f->canvas, stage);
  jm_test_xdotool ("key", "Return", NULL);
  g_assert_true (wait_until (f, has_editor, NULL));
  g_assert_true (wait_until (f, editor_in_view, NULL));
  jm_test_xdotool ("key", "Escape", NULL);
  g_assert_true (wait_until (f, has_no_editor, NULL));
  jm_canvas_set_selected_object (f->canvas, persona);
  jm_test_xdotool ("key", "Return", NULL);
  g_assert_true (wait_until (f, has_editor, NULL));
  g_assert_true (wait_until (f, editor_in_view, NULL));
  jm_test_xdotool ("type", "--delay", "20", "Walk-in", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  g_assert_true (wait_until (f, is_named, persona));
  g_assert_cmpstr (jm_persona_get_name (persona), ==, "Walk-in");
}

/* Removes @path and all under it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-canvas-input-XXXXXX", NULL);
  int status;

  /* The window keeps recent files and drafts in a directory of the test's own. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, setup, func) \
  g_test_add ("/canvas-input/" path, Fixture, setup, fixture_set_up, func, fixture_tear_down)
  ADD ("double-click", &workshop, test_double_click);
  ADD ("move-keys", &workshop, test_move_keys);
  ADD ("move-drag", &workshop, test_move_drag);
  ADD ("arrow-scrolls", &small_window, test_arrow_scrolls);
  ADD ("editor-in-view", &small_window, test_editor_in_view);
#undef ADD
  g_test_add_func ("/canvas-input/move-window", test_move_window);

  status = g_test_run ();
  remove_tree (home);
  return status;
}
