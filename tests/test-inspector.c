/* test-inspector.c: every inspector edit is one command on the history
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "jm-inspector.h"
#include "canvas-sample.h"

typedef struct
{
  GtkWidget   *window;
  GtkWidget   *other;      /* somewhere for the focus to go */
  JmInspector *inspector;
  JmMap       *map;
  JmHistory   *history;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->map = sample_map (0);
  f->history = jm_map_get_history (f->map);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 900);
  f->inspector = JM_INSPECTOR (jm_inspector_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (f->inspector), TRUE);
  f->other = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), f->other);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->inspector));
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  jm_inspector_set_map (f->inspector, f->map);
  gtk_window_present (GTK_WINDOW (f->window));
  for (guint i = 0; i < 20000 && !gtk_widget_get_mapped (GTK_WIDGET (f->inspector)); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->inspector)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_object_unref (f->map);
}

/* The first descendant of @widget of @type whose accessible name or row
 * title is @title (NULL: any). */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child) &&
          (title == NULL ||
           (ADW_IS_PREFERENCES_ROW (child) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)))
        return child;
      found = find_widget (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text view under the heading @title. */
static GtkTextView *
find_text (Fixture    *f,
           const char *title)
{
  GtkWidget *label = NULL;
  GtkWidget *stack = find_widget (GTK_WIDGET (f->inspector), GTK_TYPE_STACK, NULL);
  GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (stack));
  GPtrArray *queue = g_ptr_array_new ();

  g_ptr_array_add (queue, page);
  while (queue->len > 0 && label == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (queue, 0);

      if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), title) == 0)
        label = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }
  g_ptr_array_unref (queue);
  g_assert_nonnull (label);
  /* The heading's section holds the view. */
  for (GtkWidget *section = gtk_widget_get_parent (label); section != NULL;
       section = gtk_widget_get_parent (section))
    if (find_widget (section, GTK_TYPE_TEXT_VIEW, NULL) != NULL)
      return GTK_TEXT_VIEW (find_widget (section, GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_not_reached ();
}

static void
type_and_leave (Fixture    *f,
                GtkWidget  *editable,
                const char *text)
{
  gtk_widget_grab_focus (editable);
  iterate ();
  if (GTK_IS_TEXT_VIEW (editable))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editable)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (editable), text);
  iterate ();
  gtk_widget_grab_focus (f->other);
  iterate ();
}

static JmTouchpoint *
first_card (JmMap *map)
{
  g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
  return touchpoint;
}

static void
test_touchpoint_fields (Fixture       *f,
                        gconstpointer  data)
{
  JmTouchpoint *card = first_card (f->map);
  GtkWidget *title, *channel, *teams, *moment, *emotion, *rating;
  guint steps = jm_history_get_n_steps (f->history);

  jm_inspector_set_object (f->inspector, card);
  iterate ();

  title = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Title");
  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, jm_touchpoint_get_title (card));

  /* What is typed is in the map at once; one visit to the field is one
   * undo step. */
  gtk_widget_grab_focus (title);
  gtk_editable_set_text (GTK_EDITABLE (title), "Sees a review");
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Sees a review");
  gtk_editable_set_text (GTK_EDITABLE (title), "Sees a video review");
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Sees a video review");
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);
  gtk_widget_grab_focus (f->other);
  iterate ();
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Sees a video review");
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);

  /* A known channel by its label is stored by id; anything else as typed. */
  channel = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Channel");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (channel)), ==, "Social media");
  type_and_leave (f, channel, "Live chat");
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "live-chat");
  type_and_leave (f, channel, "Billboard");
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "Billboard");

  teams = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Owning Teams (comma-separated)");
  type_and_leave (f, teams, "Sales,  Support , ");
  g_assert_cmpstrv (jm_touchpoint_get_teams (card), ((const char *[]) { "Sales", "Support", NULL }));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (teams)), ==, "Sales, Support");

  moment = find_widget (GTK_WIDGET (f->inspector), GTK_TYPE_SWITCH, NULL);
  gtk_switch_set_active (GTK_SWITCH (moment), TRUE);
  g_assert_true (jm_touchpoint_get_moment_of_truth (card));

  emotion = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_COMBO_ROW, "Emotion");
  adw_combo_row_set_selected (ADW_COMBO_ROW (emotion), 1);
  g_assert_cmpint (jm_touchpoint_get_emotion (card), ==, -2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (emotion), 0);
  g_assert_cmpint (jm_touchpoint_get_emotion (card), ==, JM_EMOTION_UNSET);

  rating = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_COMBO_ROW, "Convenience");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rating), 0);
  g_assert_cmpint (jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE), ==, JM_RATING_UNSET);
  adw_combo_row_set_selected (ADW_COMBO_ROW (rating), 5);
  g_assert_cmpint (jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE), ==, 5);

  type_and_leave (f, GTK_WIDGET (find_text (f, jm_row_get_label (JM_ROW_NEEDS))), "Fast, reliable internet\nat home");
  g_assert_cmpstr (jm_touchpoint_get_row (card, JM_ROW_NEEDS), ==, "Fast, reliable internet\nat home");
  type_and_leave (f, GTK_WIDGET (find_text (f, "Notes")), "Ask the support team");
  g_assert_cmpstr (jm_touchpoint_get_notes (card), ==, "Ask the support team");

  /* title, 2 channels, teams, moment, 2 emotions, 2 ratings, needs, notes */
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 11);

  /* Undo one field at a time; the fields follow the model. */
  jm_map_undo (f->map);
  g_assert_cmpstr (jm_touchpoint_get_notes (card), ==, "");
  jm_map_undo (f->map);
  jm_map_undo (f->map);
  g_assert_cmpint (jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE), !=, 5);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (rating)), ==,
                    (guint) jm_touchpoint_get_rating (card, JM_MEASURE_CONVENIENCE));
  while (jm_map_undo (f->map))
    ;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Sees a video review of fibre speeds");
  g_assert_false (jm_map_get_modified (f->map));
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  JmTouchpoint *card = first_card (f->map);
  GtkWidget *group, *button;

  jm_inspector_set_object (f->inspector, card);
  iterate ();
  group = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_PREFERENCES_GROUP, NULL);
  g_assert_nonnull (group);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ACTION_ROW,
                                 "Compares plans on the website"));
  button = find_widget (find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ACTION_ROW,
                                     "Compares plans on the website"),
                        GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (card)), ==, 0);
  g_assert_null (find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ACTION_ROW,
                              "Compares plans on the website"));
  jm_map_undo (f->map);
  iterate ();
  g_assert_nonnull (find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ACTION_ROW,
                                 "Compares plans on the website"));
}

static void
test_stage_and_persona (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (f->map), 1);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (f->map), 0);
  GtkWidget *row, *lane_switch;
  guint steps = jm_history_get_n_steps (f->history);

  jm_inspector_set_object (f->inspector, stage);
  iterate ();
  row = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Research");
  type_and_leave (f, row, "Compare");
  g_assert_cmpstr (jm_stage_get_name (stage), ==, "Compare");
  type_and_leave (f, GTK_WIDGET (find_text (f, "Description")), "Looks at offers");
  g_assert_cmpstr (jm_stage_get_description (stage), ==, "Looks at offers");

  jm_inspector_set_object (f->inspector, persona);
  iterate ();
  row = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Role");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "29, learns from video tutorials");
  type_and_leave (f, row, "29, watches tutorials");
  g_assert_cmpstr (jm_persona_get_role (persona), ==, "29, watches tutorials");
  lane_switch = find_widget (GTK_WIDGET (f->inspector), GTK_TYPE_SWITCH, NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (lane_switch)));
  gtk_switch_set_active (GTK_SWITCH (lane_switch), FALSE);
  g_assert_true (jm_persona_get_hidden (persona));
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 4);

  jm_inspector_set_object (f->inspector, NULL);
  iterate ();
  g_assert_null (find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, NULL));
}

static void
test_switch_object_while_typing (Fixture       *f,
                                 gconstpointer  data)
{
  JmTouchpoint *card = first_card (f->map);
  g_autoptr(JmTouchpoint) other = g_list_model_get_item (jm_map_get_touchpoints (f->map), 1);
  g_autofree char *other_title = g_strdup (jm_touchpoint_get_title (other));
  GtkWidget *title;

  jm_inspector_set_object (f->inspector, card);
  iterate ();
  title = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Title");
  gtk_widget_grab_focus (title);
  gtk_editable_set_text (GTK_EDITABLE (title), "Typed for the first card");

  /* The edit lands on the card it was typed for, not the next one. */
  jm_inspector_set_object (f->inspector, other);
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Typed for the first card");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, other_title);
  gtk_widget_grab_focus (f->other);
  iterate ();
  g_assert_cmpstr (jm_touchpoint_get_title (other), ==, other_title);
}

/* The choices in the menu beside a field, as "label|label|…"; @choice, when
 * found, is the button labelled @wanted. */
static char *
menu_choices (Fixture    *f,
              const char *row_title,
              const char *wanted,
              GtkWidget **choice)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, row_title);
  GtkWidget *button = find_widget (row, GTK_TYPE_MENU_BUTTON, NULL);
  GtkPopover *popover;
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_popover_get_child (popover)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *label = GTK_IS_BUTTON (c) ? find_widget (c, GTK_TYPE_LABEL, NULL) : NULL;

      if (label == NULL)
        continue;
      g_string_append_printf (labels, "%s%s", labels->len > 0 ? "|" : "", gtk_label_get_label (GTK_LABEL (label)));
      if (choice != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), wanted) == 0)
        *choice = c;
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* A button activated from the keyboard clicks once its press is shown. */
static void
press (GtkWidget *button)
{
  GtkWidget *popover = gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
  for (guint i = 0; i < 4000 && gtk_widget_get_visible (popover); i++)
    {
      iterate ();
      g_usleep (500);
    }
  g_assert_false (gtk_widget_get_visible (popover));
  iterate ();
}

/* The channel and team menus offer each name of the map once, however
 * it was typed, and picking a team the card has in another spelling adds
 * nothing. */
static void
test_name_menus (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *touchpoints = jm_map_get_touchpoints (f->map);
  const char *typed[][3] = {
    { "billing", NULL }, { "Billing ", "Support" }, { "support", NULL }, { "BILLING", NULL },
  };
  const char *channels[] = { "WhatsApp", "whatsapp ", "website", "Web" };
  g_autoptr(JmTouchpoint) card = NULL;
  g_autofree char *channel_choices = NULL, *team_choices = NULL, *again = NULL;
  GtkWidget *choice = NULL;
  guint steps;

  g_assert_cmpuint (g_list_model_get_n_items (touchpoints), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) tp = g_list_model_get_item (touchpoints, i);

      jm_touchpoint_set_teams (tp, i < 4 ? typed[i] : NULL);
      jm_touchpoint_set_channel (tp, i < 4 ? channels[i] : "phone");
    }
  card = g_list_model_get_item (touchpoints, 3);
  jm_inspector_set_object (f->inspector, card);
  iterate ();

  /* The known channels, then the map's own, once: "website" and "Web"
   * are the known Website. */
  channel_choices = menu_choices (f, "Channel", "WhatsApp", &choice);
  g_assert_true (g_str_has_prefix (channel_choices, "Website|Mobile app|"));
  g_assert_true (g_str_has_suffix (channel_choices, "|Other|WhatsApp"));
  g_assert_nonnull (choice);
  steps = jm_history_get_n_steps (f->history);
  press (choice);
  g_assert_cmpstr (jm_touchpoint_get_channel (card), ==, "WhatsApp");
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);

  /* Each team once, as first written. */
  choice = NULL;
  team_choices = menu_choices (f, "Owning Teams (comma-separated)", "billing", &choice);
  g_assert_cmpstr (team_choices, ==, "billing|Support");
  /* The card has "BILLING" already. */
  press (choice);
  g_assert_cmpstrv (jm_touchpoint_get_teams (card), ((const char *[]) { "BILLING", NULL }));
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 1);
  choice = NULL;
  again = menu_choices (f, "Owning Teams (comma-separated)", "Support", &choice);
  press (choice);
  g_assert_cmpstrv (jm_touchpoint_get_teams (card), ((const char *[]) { "BILLING", "Support", NULL }));
  g_assert_cmpuint (jm_history_get_n_steps (f->history), ==, steps + 2);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/inspector/touchpoint-fields", Fixture, NULL, fixture_set_up, test_touchpoint_fields, fixture_tear_down);
  g_test_add ("/inspector/links", Fixture, NULL, fixture_set_up, test_links, fixture_tear_down);
  g_test_add ("/inspector/stage-and-persona", Fixture, NULL, fixture_set_up, test_stage_and_persona, fixture_tear_down);
  g_test_add ("/inspector/switch-object-while-typing", Fixture, NULL, fixture_set_up,
              test_switch_object_while_typing, fixture_tear_down);
  g_test_add ("/inspector/name-menus", Fixture, NULL, fixture_set_up, test_name_menus, fixture_tear_down);

  return g_test_run ();
}
