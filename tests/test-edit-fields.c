/* test-edit-fields.c: what is typed in a field is in the map at once
 *
 * Real clicks and keys (xdotool under Xvfb) in the window's inspector, map
 * properties, in-place card editor and persona editor: a choice from a list
 * stays, several selected cards are edited together, and text still being
 * typed is saved, kept in drafts and asked about on closing.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "jm-application.h"
#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-draft.h"
#include "jm-file.h"
#include "jm-inspector.h"
#include "jm-map-properties.h"
#include "jm-persona-editor.h"
#include "jm-window-private.h"
#include "jm-test-window.h"

typedef struct
{
  char     *dir;
  char     *path;
  GFile    *file;
  JmMap    *map;
  JmWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "broadband.journey", NULL);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jm-fields-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Broadband.journey", NULL);
  f->file = g_file_new_for_path (f->path);
  f->map = jm_file_load (sample_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jm_file_save (f->map, f->file, NULL, &error));
  g_assert_no_error (error);

  f->window = jm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  jm_window_set_map (f->window, f->map, f->file);
  gtk_window_present (GTK_WINDOW (f->window));
  jm_test_flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jm_test_destroy_window (f->window);
  g_clear_object (&f->map);
  g_clear_object (&f->file);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Real input, then a moment for what it starts (a popover opening, a
 * focus change) to settle. */
static void
xdotool (const char * const *argv)
{
  jm_test_xdotoolv (argv);
  for (guint i = 0; i < 200; i++)
    {
      jm_test_flush_events ();
      g_usleep (1000);
    }
}

/* A click at (@x, @y) of @widget, with @modifier held if not NULL. */
static void
click_at (GtkWidget  *widget,
          double      x,
          double      y,
          const char *modifier)
{
  g_autofree char *window_id = jm_test_window_id (widget);
  char at[2][32];

  jm_test_widget_point (widget, x, y, at);
  if (modifier != NULL)
    xdotool ((const char *[]) { "mousemove", "--window", window_id, at[0], at[1],
                                "keydown", modifier, "click", "1", "keyup", modifier, NULL });
  else
    xdotool ((const char *[]) { "mousemove", "--window", window_id, at[0], at[1],
                                "click", "1", NULL });
}

static gboolean
in_view (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t top;

  return gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &top) &&
         top.y >= 0 && top.y + MIN (gtk_widget_get_height (widget), 40) <= gtk_widget_get_height (scrolled);
}

/* Scrolls the panel holding @widget until @widget is in view, as a person
 * would before clicking it. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t top;

  if (scrolled == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &top));
  if (top.y >= 0 && top.y + gtk_widget_get_height (widget) <= gtk_widget_get_height (scrolled))
    return;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.y - 40);
  jm_test_wait_for (in_view, widget, "the field to scroll into view");
}

/* Waits until @widget stays in one place for a while: a panel that has
 * just been shown may still be sliding or growing. */
static void
wait_settled (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_point_t last = GRAPHENE_POINT_INIT (-1, -1);
  guint still = 0;

  for (guint i = 0; i < 500 && still < 15; i++)
    {
      graphene_point_t point = GRAPHENE_POINT_INIT (-2, -2);

      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
      if (gtk_widget_compute_point (widget, root, &GRAPHENE_POINT_INIT (0, 0), &point) &&
          point.x == last.x && point.y == last.y)
        still++;
      else
        still = 0;
      last = point;
    }
}

static void
click_widget (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_mapped (widget));
  wait_settled (widget);
  scroll_into_view (widget);
  wait_settled (widget);
  click_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, NULL);
}

static void
click_card (Fixture      *f,
            JmTouchpoint *card,
            const char   *modifier)
{
  JmCanvas *canvas = jm_window_get_canvas (f->window);
  graphene_rect_t rect;

  double height = gtk_widget_get_height (GTK_WIDGET (canvas));
  double width = gtk_widget_get_width (GTK_WIDGET (canvas));

  /* Scrolled into view as a person would, without selecting anything. */
  g_assert_true (_jm_canvas_get_card_rect (canvas, card, &rect));
  if (rect.origin.y < 60 || rect.origin.y + 60 > height || rect.origin.x < 0 ||
      rect.origin.x + rect.size.width > width)
    {
      _jm_canvas_scroll (canvas, (rect.origin.x - width / 3), (rect.origin.y - height / 3),
                         GDK_SCROLL_UNIT_SURFACE, 0, 0, 0);
      jm_test_flush_events ();
      g_assert_true (_jm_canvas_get_card_rect (canvas, card, &rect));
    }
  g_assert_cmpfloat (rect.origin.y, >=, 0);
  g_assert_cmpfloat (rect.origin.y + 14, <, height);
  click_at (GTK_WIDGET (canvas), rect.origin.x + rect.size.width / 2, rect.origin.y + 14, modifier);
}

static void
type_text (const char *text)
{
  xdotool ((const char *[]) { "type", "--delay", "15", text, NULL });
}

static void
press_key (const char *keys)
{
  xdotool ((const char *[]) { "key", keys, NULL });
}

static JmTouchpoint *
card_n (Fixture *f,
        guint    n)
{
  return jm_test_item_at (jm_map_get_touchpoints (f->map), n);
}

/* The first mapped descendant of @widget of @type titled @title (NULL: any). */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (title == NULL ||
           (ADW_IS_PREFERENCES_ROW (child) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0) ||
           (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), title) == 0)))
        return child;
      found = find_widget (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text view under the heading @title. */
static GtkWidget *
find_text_view (GtkWidget  *root,
                const char *title)
{
  GtkWidget *label = find_widget (root, GTK_TYPE_LABEL, title);
  GtkWidget *section;

  g_assert_nonnull (label);
  /* The heading sits in a box over the framed view, or right above it. */
  for (section = gtk_widget_get_parent (label); section != NULL; section = gtk_widget_get_parent (section))
    {
      GtkWidget *view = find_widget (section, GTK_TYPE_TEXT_VIEW, NULL);

      if (view != NULL)
        return view;
    }
  g_assert_not_reached ();
}

static GtkWidget *
inspector_row (Fixture    *f,
               const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (jm_window_get_inspector (f->window)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
inspector_shows (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (jm_window_get_inspector (f->window))) &&
         jm_inspector_get_object (jm_window_get_inspector (f->window)) != NULL;
}

static void
select_card (Fixture      *f,
             JmTouchpoint *card)
{
  click_card (f, card, NULL);
  g_assert_true (jm_canvas_get_selected_object (jm_window_get_canvas (f->window)) == card);
  jm_test_wait_for (inspector_shows, f, "the inspector");
  jm_test_flush_events ();
}

static gboolean
is_saved (gpointer data)
{
  return !jm_map_get_modified (jm_window_get_map (data));
}

static char *
saved_text (Fixture *f)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (f->path, &text, NULL, NULL));
  return text;
}

/* Ctrl+S with the cursor still in the field: the file has what was typed. */
static void
save_with_keys (Fixture    *f,
                const char *expected)
{
  g_autofree char *text = NULL;

  press_key ("ctrl+s");
  jm_test_wait_for (is_saved, f->window, "the save");
  text = saved_text (f);
  g_assert_nonnull (strstr (text, expected));
}

/* ---------------------------------------------------------------- A */

/* A channel picked from the list of known channels shows in the field and
 * stays when another card is selected. */
static void
test_channel_from_list (Fixture       *f,
                        gconstpointer  data)
{
  JmTouchpoint *card = card_n (f, 0);
  GtkWidget *channel, *button, *email;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  g_assert_cmpstr (jm_touchpoint_get_channel (card), !=, "email");
  select_card (f, card);
  channel = inspector_row (f, "Channel");
  button = find_widget (channel, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  click_widget (button);
  email = find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                       GTK_TYPE_LABEL, "Email");
  g_assert_nonnull (email);
  click_widget (email);
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "email");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (channel)), ==, "Email");

  /* Another card, and back: the choice stays. */
  select_card (f, card_n (f, 1));
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "email");
  select_card (f, card);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (inspector_row (f, "Channel"))), ==, "Email");

  /* A field clicked and left without typing leaves the card alone. */
  click_widget (inspector_row (f, "Owning Teams (comma-separated)"));
  click_widget (inspector_row (f, "Title"));
  select_card (f, card_n (f, 1));
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "email");
  save_with_keys (f, "channel=\"email\"");
}

/* Every text field of a card, typed into and left by clicking another
 * card, is in the saved file. */
static void
test_every_card_field (Fixture       *f,
                       gconstpointer  data)
{
  JmTouchpoint *card = card_n (f, 2);
  static const struct { const char *title; gboolean text_view; const char *typed; } fields[] = {
    { "Title", FALSE, " typed-title" },
    { "Channel", FALSE, "" },
    { "Owning Teams (comma-separated)", FALSE, ", Typed Team" },
    { "Notes", TRUE, " typed-notes" },
  };

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *field;

      select_card (f, card);
      field = fields[i].text_view
              ? find_text_view (GTK_WIDGET (jm_window_get_inspector (f->window)), fields[i].title)
              : inspector_row (f, fields[i].title);
      click_widget (field);
      g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == field ||
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), field));
      press_key ("ctrl+End");
      if (*fields[i].typed != '\0')
        type_text (fields[i].typed);
      else
        {
          /* The channel: cleared, then a channel of the user's own. */
          press_key ("ctrl+a");
          type_text ("Billboard");
        }
      select_card (f, card_n (f, 0));
    }
  g_assert_true (g_str_has_suffix (jm_touchpoint_get_title (card), " typed-title"));
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "Billboard");
  g_assert_true (g_strv_contains (jm_touchpoint_get_teams (card), "Typed Team"));
  g_assert_true (g_str_has_suffix (jm_touchpoint_get_notes (card), " typed-notes"));
  save_with_keys (f, "typed-notes");
  {
    g_autofree char *text = saved_text (f);

    g_assert_nonnull (strstr (text, " typed-title"));
    g_assert_nonnull (strstr (text, "Billboard"));
    g_assert_nonnull (strstr (text, "Typed Team"));
  }
}

/* ---------------------------------------------------------------- B */

/* With two cards selected, what is typed goes to both, one undo step; a
 * field on which they differ shows "Mixed" and, left alone, stays. */
static void
test_several_cards (Fixture       *f,
                    gconstpointer  data)
{
  JmTouchpoint *a = card_n (f, 0);
  JmTouchpoint *b = card_n (f, 1);
  g_autofree char *title_a = g_strdup (jm_touchpoint_get_title (a));
  g_autofree char *title_b = g_strdup (jm_touchpoint_get_title (b));
  JmInspector *inspector;
  GtkWidget *title, *notes, *mixed;
  guint steps;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  g_assert_cmpstr (title_a, !=, title_b);
  select_card (f, a);
  click_card (f, b, "ctrl");
  inspector = jm_window_get_inspector (f->window);
  g_assert_cmpuint (jm_inspector_get_n_objects (inspector), ==, 2);

  title = inspector_row (f, "Title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "");
  mixed = find_widget (title, GTK_TYPE_LABEL, "Mixed");
  g_assert_nonnull (mixed);

  steps = jm_history_get_n_steps (jm_map_get_history (f->map));
  notes = find_text_view (GTK_WIDGET (inspector), "Notes");
  click_widget (notes);
  press_key ("ctrl+a");
  type_text ("Both cards");
  click_widget (inspector_row (f, "Title"));
  press_key ("Tab");
  g_assert_cmpstr (jm_touchpoint_get_notes (a), ==, "Both cards");
  g_assert_cmpstr (jm_touchpoint_get_notes (b), ==, "Both cards");
  g_assert_cmpstr (jm_touchpoint_get_title (a), ==, title_a);
  g_assert_cmpstr (jm_touchpoint_get_title (b), ==, title_b);
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (f->map)), ==, steps + 1);

  /* A choice goes to both too. */
  {
    GtkWidget *moment = find_widget (GTK_WIDGET (inspector), GTK_TYPE_SWITCH, NULL);
    gboolean was = gtk_switch_get_active (GTK_SWITCH (moment));

    click_widget (moment);
    g_assert_cmpint (jm_touchpoint_get_moment_of_truth (a), ==, !was);
    g_assert_cmpint (jm_touchpoint_get_moment_of_truth (b), ==, !was);
    jm_map_undo (f->map);
  }

  /* One undo takes the notes back from both. */
  jm_map_undo (f->map);
  g_assert_cmpstr (jm_touchpoint_get_notes (a), !=, "Both cards");
  g_assert_cmpstr (jm_touchpoint_get_notes (b), !=, "Both cards");

  /* Typed into the mixed title: both get it. */
  click_widget (inspector_row (f, "Title"));
  type_text ("Same title");
  g_assert_cmpstr (jm_touchpoint_get_title (a), ==, "Same title");
  g_assert_cmpstr (jm_touchpoint_get_title (b), ==, "Same title");
  save_with_keys (f, "Same title");
}

/* ---------------------------------------------------------------- C */

static gboolean
draft_holds (gpointer data)
{
  const char *expected = data;
  g_autofree char *dir = jm_draft_default_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, expected) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Typed and left in the field: the draft has it within its interval. */
static void
wait_for_draft (const char *expected)
{
  g_assert_false (draft_holds ((gpointer) expected));
  jm_test_wait_for (draft_holds, (gpointer) expected, "a draft with what was typed");
}

static gboolean
asks_about_unsaved (gpointer data)
{
  AdwMessageDialog *dialog = jm_test_find_dialog (data);

  return dialog != NULL && g_str_has_prefix (adw_message_dialog_get_heading (dialog), "Save Changes");
}

static void
respond_cancel (JmWindow *window)
{
  AdwMessageDialog *dialog = jm_test_find_dialog (window);

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  jm_test_flush_events ();
}

/* Ctrl+W with the cursor still in the field asks about the change. */
static void
close_asks (Fixture *f)
{
  AdwMessageDialog *dialog;

  press_key ("ctrl+w");
  jm_test_wait_for (asks_about_unsaved, f->window, "the question about unsaved changes");
  dialog = jm_test_find_dialog (f->window);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  jm_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
}

static void
test_inspector_typing (Fixture       *f,
                       gconstpointer  data)
{
  JmTouchpoint *card = card_n (f, 3);
  g_autofree char *original = g_strdup (jm_touchpoint_get_title (card));
  GtkWidget *title;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  select_card (f, card);
  title = inspector_row (f, "Title");
  click_widget (title);
  press_key ("End");
  type_text (" draft-me");
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (f->window))) &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), title));
  g_assert_true (jm_map_get_modified (f->map));
  wait_for_draft (" draft-me");
  close_asks (f);
  /* The cursor is still there: one more word, then the keys save it. */
  type_text (" save-me");
  save_with_keys (f, "draft-me save-me");

  /* Each visit to the field is one undo step (the dialog took the focus
   * away in between). */
  jm_map_undo (f->map);
  g_assert_true (g_str_has_suffix (jm_touchpoint_get_title (card), " draft-me"));
  jm_map_undo (f->map);
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, original);
}

static gboolean
map_title_typed (gpointer data)
{
  return g_str_has_suffix (jm_map_get_title (data), " map-typed");
}

/* Ctrl+Q, the application's shortcut, with the cursor still in a field:
 * the window asks about the change before the application quits. */
static void
test_quit_asks (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JmApplication) app = jm_application_new ();
  g_autoptr(GError) error = NULL;
  JmWindow *window;
  GtkWidget *title;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  /* Its own instance, without the session bus, as the tests run. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* The fixture's window makes way for the application's. */
  jm_test_destroy_window (f->window);
  window = jm_window_new (GTK_APPLICATION (app));
  f->window = window;
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  jm_window_set_map (window, f->map, f->file);
  gtk_window_present (GTK_WINDOW (window));
  jm_test_flush_events ();

  select_card (f, card_n (f, 6));
  title = inspector_row (f, "Title");
  click_widget (title);
  press_key ("End");
  type_text (" quit-me");
  press_key ("ctrl+q");
  jm_test_wait_for (asks_about_unsaved, window, "the question about unsaved changes");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  respond_cancel (window);
  g_assert_true (g_str_has_suffix (jm_touchpoint_get_title (card_n (f, 6)), " quit-me"));
}

static void
test_map_properties_typing (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *panel, *title;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  jm_canvas_set_selected_object (jm_window_get_canvas (f->window), NULL);
  jm_test_flush_events ();
  panel = GTK_WIDGET (jm_window_get_map_properties (f->window));
  g_assert_true (gtk_widget_get_mapped (panel));
  title = find_widget (panel, ADW_TYPE_ENTRY_ROW, "Title");
  g_assert_nonnull (title);
  click_widget (title);
  press_key ("End");
  type_text (" map-typed");
  jm_test_wait_for (map_title_typed, f->map, "the typed title in the map");
  wait_for_draft (" map-typed");
  close_asks (f);
  save_with_keys (f, " map-typed");
}

static void
test_card_editor_typing (Fixture       *f,
                         gconstpointer  data)
{
  JmTouchpoint *card = card_n (f, 4);
  JmCanvas *canvas = jm_window_get_canvas (f->window);
  guint steps;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  /* Clicked, then F2 opens the title in place. */
  select_card (f, card);
  press_key ("F2");
  g_assert_nonnull (_jm_canvas_get_editor (canvas));
  press_key ("End");
  type_text (" in-place");
  g_assert_nonnull (_jm_canvas_get_editor (canvas));
  g_assert_true (g_str_has_suffix (jm_touchpoint_get_title (card), " in-place"));
  wait_for_draft (" in-place");
  close_asks (f);
  save_with_keys (f, " in-place");

  /* Escape takes the edit back, leaving no step. */
  select_card (f, card_n (f, 5));
  press_key ("F2");
  g_assert_nonnull (_jm_canvas_get_editor (canvas));
  steps = jm_history_get_n_steps (jm_map_get_history (f->map));
  type_text ("Gone");
  g_assert_cmpstr (jm_touchpoint_get_title (card_n (f, 5)), ==, "Gone");
  press_key ("Escape");
  g_assert_cmpstr (jm_touchpoint_get_title (card_n (f, 5)), !=, "Gone");
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (f->map)), ==, steps);
  g_assert_false (jm_map_get_modified (f->map));
}

static gboolean
editor_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
test_persona_editor_typing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (f->map), 0);
  JmPersonaEditor *editor;
  GtkWidget *goals;

  if (!jm_test_can_send_input (GTK_WIDGET (f->window)))
    return;
  editor = jm_persona_editor_new (GTK_WINDOW (f->window), f->map, persona);
  gtk_window_present (GTK_WINDOW (editor));
  jm_test_wait_for (editor_shown, editor, "the persona editor");
  jm_test_flush_events ();
  goals = find_text_view (GTK_WIDGET (editor), "Goals");
  click_widget (goals);
  press_key ("ctrl+End");
  press_key ("Return");
  type_text ("Typed goal ");
  g_assert_true (g_strv_contains (jm_persona_get_goals (persona), "Typed goal"));
  wait_for_draft ("Typed goal");
  {
    g_autofree char *text = NULL;

    /* What the editor shows is as typed, the trailing space too. */
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (goals));
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_true (g_str_has_suffix (text, "\nTyped goal "));
  }
  gtk_window_close (GTK_WINDOW (f->window));
  jm_test_wait_for (asks_about_unsaved, f->window, "the question about unsaved changes");
  {
    AdwMessageDialog *dialog = jm_test_find_dialog (f->window);

    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  jm_test_wait_for (is_saved, f->window, "the save");
  {
    g_autofree char *text = saved_text (f);

    g_assert_nonnull (strstr (text, "Typed goal"));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-edit-fields-XXXXXX", NULL);
  int status;

  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/edit-fields/channel-from-list", test_channel_from_list);
  ADD ("/edit-fields/every-card-field", test_every_card_field);
  ADD ("/edit-fields/several-cards", test_several_cards);
  ADD ("/edit-fields/inspector-typing", test_inspector_typing);
  ADD ("/edit-fields/quit-asks", test_quit_asks);
  ADD ("/edit-fields/map-properties-typing", test_map_properties_typing);
  ADD ("/edit-fields/card-editor-typing", test_card_editor_typing);
  ADD ("/edit-fields/persona-editor-typing", test_persona_editor_typing);
#undef ADD
  status = g_test_run ();
  remove_tree (home);
  return status;
}
