/* test-present.c: present mode in the window, driven by real keys
 *
 * Runs under Xvfb at 1920x1080 (and, for two screens, with a second one
 * beside it): F5 enters, Page Down and Page Up step, L steps by lanes,
 * Enter opens a card's details, B blanks, Escape leaves; an edit made in
 * the map while presenting shows in the present view at once; and the
 * editing window is left exactly as it was.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-capture-bar.h"
#include "jm-present-window.h"
#include "jm-room-panel.h"
#include "jm-session.h"
#include "jm-timer.h"
#include "jm-test-window.h"
#include "jm-window-private.h"

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
is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
is_presenting (gpointer data)
{
  JmPresentWindow *present = jm_present_window_find (data);

  return present != NULL && is_laid_out (jm_present_window_get_view (present)) &&
         gtk_window_is_active (GTK_WINDOW (present));
}

static gboolean
is_not_presenting (gpointer data)
{
  jm_test_flush_events ();
  return jm_present_window_find (data) == NULL;
}

static char *
sample_copy (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "broadband.journey", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  char *path = g_build_filename (g_get_tmp_dir (), "present.journey", NULL);

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

/* Gives the editing window the keyboard, as a click on it would. */
static void
focus_window (JmWindow *window)
{
  g_autofree char *id = jm_test_window_id (GTK_WIDGET (window));

  jm_test_xdotool ("windowfocus", "--sync", id, NULL);
  jm_test_wait_for (is_active, window, "the editing window to have the focus");
}

static JmPresentView *
present_view (JmWindow *window)
{
  JmPresentWindow *present = jm_present_window_find (GTK_WINDOW (window));

  g_assert_nonnull (present);
  return jm_present_window_get_view (present);
}

/* Types @key where the keyboard is, as a presenter's remote does. */
static void
press (const char *key)
{
  jm_test_xdotool ("key", key, NULL);
}

static void
assert_spot (JmWindow      *window,
             JmPresentSpot  spot,
             guint          index)
{
  guint at = G_MAXUINT;

  g_assert_cmpint (jm_present_view_get_spot (present_view (window), &at), ==, spot);
  if (spot != JM_PRESENT_OVERVIEW)
    g_assert_cmpuint (at, ==, index);
}

typedef struct
{
  JmWindow     *window;
  JmTouchpoint *touchpoint;
  int           title_lines;
  gboolean      at_least;     /* title_lines or more */
} CardShown;

static gboolean
card_shown (gpointer data)
{
  CardShown *shown = data;
  JmPresentLayout *layout;
  int at;

  jm_test_flush_events ();
  layout = jm_present_view_get_layout (present_view (shown->window));
  at = jm_present_layout_find_card (layout, shown->touchpoint);
  int lines;

  if (at < 0)
    return FALSE;
  lines = g_array_index (layout->cards, JmPresentCard, at).title_lines;
  return shown->at_least ? lines >= shown->title_lines : lines == shown->title_lines;
}

/* What the editing window looked like. */
typedef struct
{
  gboolean show_outline;
  gboolean show_inspector;
  double   zoom;
  int      width;
  int      height;
} Looks;

static void
looks_of (JmWindow *window,
          Looks    *looks)
{
  g_object_get (window->board_page, "show-outline", &looks->show_outline,
                "show-inspector", &looks->show_inspector, NULL);
  looks->zoom = jm_canvas_get_zoom (jm_window_get_canvas (window));
  looks->width = gtk_widget_get_width (GTK_WIDGET (window));
  looks->height = gtk_widget_get_height (GTK_WIDGET (window));
}

/* Draws @widget now, as its next frame would. */
static void
draw (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
}

/* Tests. */

static void
test_keys_and_edits (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmStage *first = jm_test_item_at (jm_map_get_stages (map), 0);
  JmPersona *lane = jm_test_item_at (jm_map_get_personas (map), 0);
  g_autoptr(GPtrArray) cell = jm_map_get_cell (map, first, lane);
  JmTouchpoint *card = g_ptr_array_index (cell, 0);
  JmPresentWindow *present;
  JmPresentLayout *layout;
  CardShown shown = { window };
  Looks before, after;
  guint n_cards;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  g_object_set (window->board_page, "show-inspector", TRUE, NULL);
  jm_test_flush_events ();
  looks_of (window, &before);
  focus_window (window);

  press ("F5");
  jm_test_wait_for (is_presenting, window, "present mode");
  present = jm_present_window_find (GTK_WINDOW (window));
  /* The whole screen, with nothing but the board. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (present)), ==, 1920);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (present)), ==, 1080);
  g_assert_null (gtk_window_get_titlebar (GTK_WINDOW (present)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (present_view (window))));
  assert_spot (window, JM_PRESENT_OVERVIEW, 0);
  layout = jm_present_view_get_layout (present_view (window));
  g_assert_cmpuint (layout->cards->len, ==, g_list_model_get_n_items (jm_map_get_touchpoints (map)));
  for (guint i = 0; i < layout->cards->len; i++)
    g_assert_cmpfloat (g_array_index (layout->cards, JmPresentCard, i).title_size, >=, 18);

  /* A remote's Page Down and Page Up, then the arrows. */
  press ("Next");
  assert_spot (window, JM_PRESENT_STAGE, 0);
  /* What a screen reader says of the wall. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (present_view (window)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Stage 1 of 8: Need");
  press ("Next");
  assert_spot (window, JM_PRESENT_STAGE, 1);
  press ("Prior");
  assert_spot (window, JM_PRESENT_STAGE, 0);
  layout = jm_present_view_get_layout (present_view (window));
  for (guint i = 0; i < layout->cards->len; i++)
    if (g_array_index (layout->cards, JmPresentCard, i).stage == 0)
      g_assert_cmpfloat (g_array_index (layout->cards, JmPresentCard, i).title_size, >=, 32);

  /* Edits made while presenting show on the wall at once: a title... */
  jm_map_edit_string (map, card, "title", "Short");
  shown.touchpoint = card;
  shown.title_lines = 1;
  jm_test_wait_for (card_shown, &shown, "the edited title in the present view");
  /* The view follows each card itself, not only what the map says of
   * its history: a change the card alone announces shows too. */
  jm_touchpoint_set_title (card, "A much longer title that the room reads over two lines or more");
  shown.title_lines = 2;
  shown.at_least = TRUE;
  jm_test_wait_for (card_shown, &shown, "the second edited title in the present view");
  shown.title_lines = 1;
  shown.at_least = FALSE;
  /* ...and a new card, in the spotlighted stage. */
  n_cards = jm_present_view_get_layout (present_view (window))->cards->len;
  shown.touchpoint = jm_map_add_touchpoint (map, first, lane, -1, "Added while presenting");
  jm_test_wait_for (card_shown, &shown, "the new card in the present view");
  g_assert_cmpuint (jm_present_view_get_layout (present_view (window))->cards->len, ==, n_cards + 1);
  g_assert_false (g_array_index (jm_present_view_get_layout (present_view (window))->cards,
                                 JmPresentCard,
                                 jm_present_layout_find_card (jm_present_view_get_layout (present_view (window)),
                                                              shown.touchpoint)).dimmed);

  /* L steps by lanes, Home goes back to the whole map. */
  press ("l");
  g_assert_cmpint (jm_present_view_get_stepping (present_view (window)), ==, JM_PRESENT_LANE);
  assert_spot (window, JM_PRESENT_OVERVIEW, 0);
  press ("Right");
  assert_spot (window, JM_PRESENT_LANE, 0);
  press ("Right");
  assert_spot (window, JM_PRESENT_LANE, 1);
  press ("Left");
  assert_spot (window, JM_PRESENT_LANE, 0);
  press ("Home");
  assert_spot (window, JM_PRESENT_OVERVIEW, 0);

  /* Escape leaves, back to the editing window exactly as it was. */
  press ("Escape");
  jm_test_wait_for (is_not_presenting, window, "present mode to end");
  jm_test_wait_for (is_active, window, "the editing window to have the focus again");
  looks_of (window, &after);
  g_assert_cmpint (after.show_outline, ==, before.show_outline);
  g_assert_true (after.show_inspector);
  g_assert_cmpfloat (after.zoom, ==, before.zoom);
  g_assert_cmpint (after.width, ==, before.width);
  g_assert_cmpint (after.height, ==, before.height);
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));

  jm_test_destroy_window (window);
  g_unlink (path);
}

static void
test_details_and_blank (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmPresentView *view;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  focus_window (window);
  press ("F5");
  jm_test_wait_for (is_presenting, window, "present mode");
  view = present_view (window);

  press ("Next");
  press ("Down");
  g_assert_nonnull (jm_present_view_get_focus_card (view));
  press ("Return");
  g_assert_true (jm_present_view_get_details (view));
  /* Escape closes the details first, and present mode goes on. */
  press ("Escape");
  g_assert_false (jm_present_view_get_details (view));
  g_assert_nonnull (jm_present_window_find (GTK_WINDOW (window)));

  /* A card with nothing but a title, just added, has details too. */
  {
    JmMap *map = jm_window_get_map (window);
    JmTouchpoint *bare = jm_map_add_touchpoint (map, jm_test_item_at (jm_map_get_stages (map), 0),
                                                jm_test_item_at (jm_map_get_personas (map), 0), -1,
                                                "Bare card");

    for (guint i = 0; i < 10 && jm_present_view_get_focus_card (view) != bare; i++)
      press ("Down");
    g_assert_true (jm_present_view_get_focus_card (view) == bare);
    press ("Return");
    g_assert_true (jm_present_view_get_details (view));
    draw (GTK_WIDGET (view));
    press ("Escape");
  }

  /* A remote's blank-screen key. */
  press ("period");
  g_assert_true (jm_present_view_get_blank (view));
  press ("b");
  g_assert_false (jm_present_view_get_blank (view));

  press ("Escape");
  jm_test_wait_for (is_not_presenting, window, "present mode to end");

  jm_test_destroy_window (window);
  g_unlink (path);
}

static void
test_header_button (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  GtkWidget *button = jm_test_window_child (window, "present_button");
  g_autofree char *id = NULL;
  char coords[2][32];

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Present (F5)");
  focus_window (window);
  id = jm_test_window_id (GTK_WIDGET (window));
  jm_test_widget_point (button, gtk_widget_get_width (button) / 2.0,
                        gtk_widget_get_height (button) / 2.0, coords);
  jm_test_xdotool ("mousemove", "--window", id, coords[0], coords[1], "click", "1", NULL);
  jm_test_wait_for (is_presenting, window, "present mode from the header button");

  press ("Escape");
  jm_test_wait_for (is_not_presenting, window, "present mode to end");
  jm_test_destroy_window (window);
  g_unlink (path);
}

static guint
n_present_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += JM_IS_PRESENT_WINDOW (window);
    }
  return n;
}

typedef struct
{
  JmMap      *map;
  const char *title;
} Titled;

static gboolean
has_card_titled (gpointer data)
{
  Titled *titled = data;
  GListModel *cards = jm_map_get_touchpoints (titled->map);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    if (g_str_equal (jm_touchpoint_get_title (jm_test_item_at (cards, i)), titled->title))
      return TRUE;
  return FALSE;
}

static gboolean
capture_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) != NULL
         && gtk_widget_get_ancestor (focus, JM_TYPE_CAPTURE_BAR) != NULL;
}

/* The laptop keeps editing while the board is presented: what is typed
 * there shows on the wall at once. With a second screen (a projector) the
 * board goes there, at that screen's size; with one, it covers it. */
static void
test_laptop_edits (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = open_window (file);
  JmMap *map = jm_window_get_map (window);
  JmPresentWindow *present;
  Titled titled;
  CardShown shown;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  focus_window (window);
  press ("F5");
  jm_test_wait_for (is_presenting, window, "present mode");
  present = jm_present_window_find (GTK_WINDOW (window));
  if (g_list_model_get_n_items (monitors) > 1)
    {
      g_autoptr(GdkMonitor) second = g_list_model_get_item (monitors, 1);
      GdkRectangle geometry;

      /* The editing window is on the first screen: the board goes to the
       * second, at its size, on its own. */
      gdk_monitor_get_geometry (second, &geometry);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (present)), ==, geometry.width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (present)), ==, geometry.height);
      g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (present)));
    }
  else
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (present)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* Back on the laptop, a card typed into quick capture shows on the wall. */
  focus_window (window);
  jm_test_xdotool ("key", "ctrl+shift+k", NULL);
  jm_test_wait_for (capture_has_focus, window, "the capture bar");
  jm_test_xdotool ("type", "--delay", "20", "From the laptop", NULL);
  jm_test_xdotool ("key", "Return", NULL);
  titled = (Titled) { map, "From the laptop" };
  jm_test_wait_for (has_card_titled, &titled, "the card typed on the laptop");
  shown = (CardShown) { window, NULL, 1, TRUE };
  for (guint i = 0; i < g_list_model_get_n_items (jm_map_get_touchpoints (map)); i++)
    if (g_str_equal (jm_touchpoint_get_title (jm_test_item_at (jm_map_get_touchpoints (map), i)),
                     "From the laptop"))
      shown.touchpoint = jm_test_item_at (jm_map_get_touchpoints (map), i);
  jm_test_wait_for (card_shown, &shown, "the laptop's card on the wall");
  g_assert_true (gtk_window_is_active (GTK_WINDOW (window)));

  /* F5 on the laptop again finds the same present window. */
  jm_test_xdotool ("key", "Escape", NULL);
  focus_window (window);
  press ("F5");
  jm_test_wait_for (is_presenting, window, "present mode shown again");
  g_assert_cmpuint (n_present_windows (), ==, 1);
  g_assert_true (jm_present_window_find (GTK_WINDOW (window)) == present);

  press ("Escape");
  jm_test_wait_for (is_not_presenting, window, "present mode to end");
  jm_test_destroy_window (window);
  g_unlink (path);
}

/* journey-mapper --present FILE: the application asks for present mode
 * as it opens the file, as below, before the map is read; present mode
 * waits for the map, then opens over the window once it shows. */
static void
test_while_loading (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JmWindow *window = jm_window_new_for_file (NULL, file);
  JmPresentView *view;

  g_assert_null (jm_window_get_map (window));
  jm_window_present_when_open (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "board.present", NULL));
  g_assert_null (jm_present_window_find (GTK_WINDOW (window)));
  jm_test_wait_for (is_presenting, window, "present mode once the map is read");
  view = present_view (window);
  g_assert_true (jm_present_view_get_map (view) == jm_window_get_map (window));
  g_assert_cmpuint (jm_present_view_get_layout (view)->cards->len, ==,
                    g_list_model_get_n_items (jm_map_get_touchpoints (jm_window_get_map (window))));

  /* F5 on the start page, with no map being read, does nothing. */
  jm_test_destroy_window (window);
  window = jm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_wait_for (is_laid_out, window, "an empty window");
  gtk_widget_activate_action (GTK_WIDGET (window), "board.present", NULL);
  jm_test_flush_events ();
  g_assert_null (jm_present_window_find (GTK_WINDOW (window)));
  jm_test_destroy_window (window);
  g_unlink (path);
}

/* J shows how to join the workshop room over the board, QR code and
 * address, when one is open; J again, or Escape, hides it, and present
 * mode goes on. With no room, J says so. */
static void
test_join_room (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *short_address = NULL;
  JmWindow *window = open_window (file);
  JmPresentWindow *present;
  JmRoom *room;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  focus_window (window);
  press ("F5");
  jm_test_wait_for (is_presenting, window, "present mode");
  present = jm_present_window_find (GTK_WINDOW (window));

  press ("j");
  g_assert_null (jm_present_window_get_join_address (present));
  g_assert_cmpstr (jm_present_view_get_overlay_text (present_view (window)), ==, "No room is open");

  room = jm_session_open_room (jm_session_get_default (), window->document, &error);
  g_assert_no_error (error);
  address = jm_room_get_address (room);
  short_address = jm_room_panel_short_address (address);
  press ("j");
  g_assert_cmpstr (jm_present_window_get_join_address (present), ==, short_address);
  g_assert_cmpstr (jm_present_window_get_join_qr_text (present), ==, address);
  draw (GTK_WIDGET (present));
  press ("j");
  g_assert_null (jm_present_window_get_join_address (present));
  press ("j");
  g_assert_nonnull (jm_present_window_get_join_address (present));
  press ("Escape");
  g_assert_null (jm_present_window_get_join_address (present));
  g_assert_nonnull (jm_present_window_find (GTK_WINDOW (window)));

  press ("Escape");
  jm_test_wait_for (is_not_presenting, window, "present mode to end");
  jm_session_close_room (jm_session_get_default (), window->document);
  jm_test_destroy_window (window);
  g_unlink (path);
}

/* The document's timer shows large in present mode: the time left, with
 * the agenda's step, and "Time is up" at the end. */
static void
test_timer (void)
{
  g_autofree char *path = sample_copy ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = NULL;
  JmWindow *window = open_window (file);
  JmTimer *timer;
  JmPresentView *view;

  if (!jm_test_can_send_input (GTK_WIDGET (window)))
    {
      jm_test_destroy_window (window);
      return;
    }
  timer = jm_document_get_timer (window->document);
  focus_window (window);
  press ("F5");
  jm_test_wait_for (is_presenting, window, "present mode");
  view = present_view (window);
  g_assert_null (jm_present_view_get_overlay_text (view));

  jm_timer_set_duration (timer, 90);
  expected = jm_timer_format (90);
  g_assert_cmpstr (jm_present_view_get_overlay_text (view), ==, expected);
  {
    const char *steps[] = { "Vote", NULL };
    guint minutes[] = { 10 };

    jm_timer_set_agenda (timer, steps, minutes);
    jm_timer_start_step (timer, 0);
  }
  g_assert_true (g_str_has_prefix (jm_present_view_get_overlay_text (view), "Vote · "));
  jm_timer_pause (timer);
  jm_timer_reset (timer);

  press ("Escape");
  jm_test_wait_for (is_not_presenting, window, "present mode to end");
  jm_test_destroy_window (window);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  home = g_dir_make_tmp ("test-present-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("TMPDIR", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/present/keys-and-edits", test_keys_and_edits);
  g_test_add_func ("/present/details-and-blank", test_details_and_blank);
  g_test_add_func ("/present/header-button", test_header_button);
  g_test_add_func ("/present/laptop-edits", test_laptop_edits);
  g_test_add_func ("/present/while-loading", test_while_loading);
  g_test_add_func ("/present/join-room", test_join_room);
  g_test_add_func ("/present/timer", test_timer);

  status = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (home, "recently-used.xbel", NULL);

    g_unlink (recent);
    g_rmdir (home);
  }
  return status;
}
