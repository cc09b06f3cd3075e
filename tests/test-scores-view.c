/* test-scores-view.c: the scores view follows the map and reports activations
 *
 * Runs under a display (Xvfb). With JM_TEST_SCREENSHOT set to a file name,
 * also saves what the view looks like as a PNG.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <adwaita.h>

#include "jm-scores-view.h"
#include "jm-scoring.h"

typedef struct
{
  const char *title;
  guint       stage;
  guint       lane;
  int         ratings[JM_N_MEASURES];
  const char *channel;
  const char *teams;     /* comma-separated */
  int         emotion;
  gboolean    moment_of_truth;
} Card;

/* Switching broadband, as a workshop might have filled it in. */
static const Card cards[] = {
  { "Sees TV advert", 0, 0, { 4, 4, 0, 3 }, "advert", "Marketing", 1, FALSE },
  { "Compares plans online", 1, 0, { 3, 2, 3, 4 }, "web", "Marketing,IT", 0, FALSE },
  { "Watches setup video", 1, 0, { 4, 5, 4, 5 }, "web", "Support", 2, FALSE },
  { "Checks address eligibility", 2, 0, { 2, 1, 2, 3 }, "web", "Sales,IT,Billing", -2, TRUE },
  { "Router arrives late", 3, 0, { 1, 2, 1, 0 }, "mail", "Operations", -2, TRUE },
  { "Reads manual on website", 1, 1, { 3, 3, 4, 4 }, "web", "Support", 0, FALSE },
  { "Calls sales line", 2, 1, { 2, 3, 3, 3 }, "phone", "Sales", -1, TRUE },
  { "First bill is wrong", 4, 1, { 2, 1, 1, 2 }, "mail", "Billing", -2, TRUE },
  { "Engineer visit", 3, 1, { 4, 3, 4, 4 }, "in-store", "Operations", 1, FALSE },
  { "Asks on social media", 0, 2, { 5, 4, 0, 4 }, "social", "Marketing", 1, FALSE },
  { "Orders in the app", 2, 2, { 4, 5, 4, 5 }, "mobile-app", "IT,Sales", 2, TRUE },
  { "Live chat about speed", 4, 2, { 2, 4, 2, 3 }, "live-chat", "Support", -1, FALSE },
  { "Renewal reminder", 5, 2, { 3, 3, 3, 2 }, "email", "Billing,Marketing", 0, FALSE },
  { "Coupon in the post", 0, 3, { 3, 4, 0, 4 }, "mail", "Marketing", 1, FALSE },
  { "Service desk in store", 2, 3, { 4, 2, 3, 4 }, "in-store", "Sales", 0, TRUE },
  { "Waits on hold", 5, 3, { 1, 1, 2, 2 }, "phone", "Support", -2, TRUE },
  { "Wi-Fi drops at night", 4, 3, { 0, 0, 0, 0 }, "phone", "IT", -1, FALSE },
};

static JmMap *
build_map (void)
{
  JmMap *map = jm_map_new ();
  const char *stages[] = { "Need", "Research", "Purchase", "Receive", "Use", "Get help" };
  const char *personas[] = { "Fridah", "James", "Juliet", "John" };

  jm_map_set_title (map, "Switching broadband");
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr(JmStage) stage = jm_stage_new (id, stages[i]);
      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; i < G_N_ELEMENTS (personas); i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(JmPersona) persona = jm_persona_new (id, personas[i]);
      jm_persona_set_colour (persona, jm_palette_colour (i));
      jm_map_append_persona (map, persona);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *stage = g_strdup_printf ("s%u", cards[i].stage);
      g_autofree char *lane = g_strdup_printf ("p%u", cards[i].lane);
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (id, stage, lane, cards[i].title);
      g_auto(GStrv) teams = g_strsplit (cards[i].teams, ",", -1);

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, cards[i].ratings[m]);
      jm_touchpoint_set_channel (tp, cards[i].channel);
      jm_touchpoint_set_teams (tp, (const char * const *) teams);
      jm_touchpoint_set_emotion (tp, cards[i].emotion);
      jm_touchpoint_set_moment_of_truth (tp, cards[i].moment_of_truth);
      jm_map_append_touchpoint (map, tp);
    }
  jm_history_clear (jm_map_get_history (map));
  return map;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for a while: layout, drawing, idles. */
static void
run_main_loop (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             guint      skip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (skip == 0)
            return child;
          skip--;
        }
      found = find_widget (child, type, skip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Waits for the view to replace its report after an edit. The old report
 * is held meanwhile, so that a new one cannot reuse its address. */
static JmScoreReport *
wait_for_new_report (JmScoresView *view)
{
  g_autoptr(JmScoreReport) before = jm_score_report_ref (jm_scores_view_get_report (view));

  while (jm_scores_view_get_report (view) == before)
    g_main_context_iteration (NULL, TRUE);
  return jm_scores_view_get_report (view);
}

static void
on_touchpoint_activated (JmScoresView  *view,
                         JmTouchpoint  *touchpoint,
                         JmTouchpoint **out)
{
  *out = touchpoint;
}

/* Renders @widget as the last frame showed it, and saves it if @path is set. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA background = { 0.98, 0.98, 0.98, 1.0 };

  /* The window's own background, for widgets that draw none. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color",
                                  &background);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (path != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_view (void)
{
  g_autoptr(JmMap) map = build_map ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = jm_scores_view_new (map);
  JmScoreReport *report, *before;
  GtkWidget *ranking, *row;
  JmTouchpoint *activated = NULL;
  g_autoptr(JmTouchpoint) edited = NULL;
  const JmScoreEntry **ranked;
  guint n_ranked;
  double composite;

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 1000);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (300);

  g_assert_true (jm_scores_view_get_map (JM_SCORES_VIEW (view)) == map);
  report = jm_scores_view_get_report (JM_SCORES_VIEW (view));
  g_assert_nonnull (report);
  ranked = jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (cards) - 1);

  /* The fix-first list shows the top ten, most urgent first. */
  ranking = find_widget (view, GTK_TYPE_LIST_BOX, 0);
  g_assert_nonnull (ranking);
  g_assert_cmpuint (count_children (ranking), ==, 10);
  g_assert_cmpstr (jm_touchpoint_get_title (ranked[0]->touchpoint), ==, "Router arrives late");

  /* Activating a row names its touchpoint. */
  g_signal_connect (view, "touchpoint-activated", G_CALLBACK (on_touchpoint_activated), &activated);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (ranking), 1));
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (activated == ranked[1]->touchpoint);

  /* Each roll-up table has a header row plus a row per group. */
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    {
      GtkWidget *grid = find_widget (view, GTK_TYPE_GRID, k);

      g_assert_nonnull (grid);
      g_assert_cmpuint (count_children (grid), ==, 7 * (1 + jm_score_report_get_n_groups (report, k)));
    }

  /* The whole scrolled content, as if the window were tall enough. */
  save_screenshot (gtk_widget_get_first_child (find_widget (view, GTK_TYPE_VIEWPORT, 0)),
                   g_getenv ("JM_TEST_SCREENSHOT"));

  /* A burst of edits is recomputed once, after it, in an idle. */
  edited = g_object_ref ((JmTouchpoint *) ranked[0]->touchpoint);
  before = report;
  jm_map_begin (map, "Rate");
  for (guint m = 0; m < JM_N_MEASURES; m++)
    jm_map_edit_int (map, edited, jm_touchpoint_rating_property (m), 5);
  jm_map_edit_int (map, edited, "emotion", 2);
  jm_map_end (map);
  jm_map_edit_boolean (map, edited, "moment-of-truth", FALSE);
  g_assert_true (jm_scores_view_get_report (JM_SCORES_VIEW (view)) == before);
  report = wait_for_new_report (JM_SCORES_VIEW (view));
  jm_score_touchpoint (map, edited, &composite);
  g_assert_cmpfloat (composite, ==, 5.0);
  ranked = jm_score_report_get_ranking (report, &n_ranked);
  g_assert_false (ranked[0]->touchpoint == edited);
  g_assert_true (ranked[n_ranked - 1]->touchpoint == edited);

  /* Undo comes back the same way. */
  jm_map_undo (map);
  jm_map_undo (map);
  report = wait_for_new_report (JM_SCORES_VIEW (view));
  ranked = jm_score_report_get_ranking (report, &n_ranked);
  g_assert_true (ranked[0]->touchpoint == edited);

  /* Removing a touchpoint shrinks the list. */
  jm_map_remove_touchpoint (map, edited);
  report = wait_for_new_report (JM_SCORES_VIEW (view));
  jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (cards) - 2);

  jm_scores_view_set_map (JM_SCORES_VIEW (view), NULL);
  g_assert_null (jm_scores_view_get_report (JM_SCORES_VIEW (view)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = jm_scores_view_new (map);
  GtkWidget *ranking;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (100);

  ranking = find_widget (view, GTK_TYPE_LIST_BOX, 0);
  g_assert_cmpuint (count_children (ranking), ==, 0);
  g_assert_false (gtk_widget_get_visible (ranking));
  g_assert_true (isnan (jm_score_report_get_overall (jm_scores_view_get_report (JM_SCORES_VIEW (view)))->mean));

  /* The first stage, lane and card appear without any history step. */
  {
    g_autoptr(JmStage) stage = jm_stage_new ("s1", "Buy");
    g_autoptr(JmPersona) persona = jm_persona_new ("p1", "Juliet");
    g_autoptr(JmTouchpoint) tp = jm_touchpoint_new ("t1", "s1", "p1", "Pays by phone");

    jm_touchpoint_set_rating (tp, JM_MEASURE_CONVENIENCE, 2);
    jm_map_append_stage (map, stage);
    jm_map_append_persona (map, persona);
    jm_map_append_touchpoint (map, tp);
  }
  run_main_loop (100);
  g_assert_cmpuint (count_children (ranking), ==, 1);
  g_assert_true (gtk_widget_get_visible (ranking));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Off screen (behind the board), the view builds nothing, and shows current
 * figures the moment it comes into view. */
static void
test_off_screen (void)
{
  g_autoptr(JmMap) map = build_map ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *view = jm_scores_view_new (NULL);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  g_autoptr(JmTouchpoint) removed = g_list_model_get_item (touchpoints, 0);
  GtkWidget *ranking;
  JmScoreReport *report;
  guint n_ranked;

  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Board"), "board");
  gtk_stack_add_named (GTK_STACK (stack), view, "scores");
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 1000);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (100);

  jm_scores_view_set_map (JM_SCORES_VIEW (view), map);
  run_main_loop (100);
  ranking = find_widget (view, GTK_TYPE_LIST_BOX, 0);
  g_assert_cmpuint (count_children (ranking), ==, 0);

  /* An edit while off screen: still nothing is built... */
  jm_map_remove_touchpoint (map, removed);
  run_main_loop (100);
  g_assert_cmpuint (count_children (ranking), ==, 0);

  /* ...yet the report, when asked for, is current. */
  report = jm_scores_view_get_report (JM_SCORES_VIEW (view));
  g_assert_nonnull (report);
  jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (cards) - 2);

  /* Shown, the ranking is there in the same frame, without waiting for an idle. */
  jm_map_undo (map);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "scores");
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpuint (count_children (ranking), ==, 10);
  report = jm_scores_view_get_report (JM_SCORES_VIEW (view));
  jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (cards) - 1);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    g_assert_cmpuint (count_children (find_widget (view, GTK_TYPE_GRID, k)), ==,
                      7 * (1 + jm_score_report_get_n_groups (report, k)));

  /* Back off screen, a new map waits for the view to show again. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "board");
  {
    g_autoptr(JmMap) other = jm_map_new ();

    jm_scores_view_set_map (JM_SCORES_VIEW (view), other);
    g_assert_cmpuint (count_children (ranking), ==, 10);
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "scores");
    g_assert_cmpuint (count_children (ranking), ==, 0);
    jm_scores_view_set_map (JM_SCORES_VIEW (view), NULL);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/scores-view/view", test_view);
  g_test_add_func ("/scores-view/empty", test_empty);
  g_test_add_func ("/scores-view/off-screen", test_off_screen);

  return g_test_run ();
}
