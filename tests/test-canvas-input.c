/* test-canvas-input.c: the board driven as people drive it, with real
 * pointer and key events under Xvfb, checked in the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-file.h"
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

/* A map wider and taller than a small window: 24 stages, 8 lanes, and
 * one card in the first cell. */
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
  return map;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;
  GdkSurface *surface;

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
  surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  if (GDK_IS_X11_SURFACE (surface))
    f->window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
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

/* Whether the test can send real input; skips it when not. */
static gboolean
can_send_input (const char *window_id)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (window_id == NULL || path == NULL)
    {
      g_test_skip ("needs X11 and xdotool");
      return FALSE;
    }
  return TRUE;
}

static void
on_process_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(gboolean *) data = TRUE;
}

/* Runs xdotool with the arguments up to NULL, keeping the main loop
 * running while it sends the events. */
static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_process_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_successful (process));
}

/* A point of @widget as xdotool's coordinates in the toplevel. */
static void
to_window (GtkWidget *widget,
           double     x,
           double     y,
           char       coords[2][32])
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;

  gtk_native_get_surface_transform (native, &sx, &sy);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  g_snprintf (coords[0], 32, "%d", (int) (point.x + sx));
  g_snprintf (coords[1], 32, "%d", (int) (point.y + sy));
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

  to_window (GTK_WIDGET (f->canvas), x, y, at);
  /* Two presses 80 ms apart, as a person's double-click. */
  xdotool ("mousemove", "--window", f->window_id, at[0], at[1],
           "click", "--repeat", "2", "--delay", "80", "1",
           "sleep", "0.3", NULL);
  /* "type" takes every argument after it as text. */
  xdotool ("type", "--delay", "20", text, NULL);
  xdotool ("key", "Return", NULL);
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

  if (!can_send_input (f->window_id))
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

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, setup, func) \
  g_test_add ("/canvas-input/" path, Fixture, setup, fixture_set_up, func, fixture_tear_down)
  ADD ("double-click", &workshop, test_double_click);
#undef ADD

  return g_test_run ();
}
