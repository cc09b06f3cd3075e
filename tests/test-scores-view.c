/* test-scores-view.c: the scores view follows the map and reports activations
 *
 * Runs under a display (Xvfb). With JM_TEST_SCREENSHOT set to a file name,
 * also saves what the view looks like as a PNG. The sorting and keyboard
 * tests send real clicks and keys with xdotool, and skip without it.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "jm-score-silos.h"
#include "jm-scores-view.h"
#include "jm-votes.h"
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

/* The tables, as column views: the fix-first ranking (0), then the
 * roll-ups in JmScoreGroupKind order (1 to 4). */
static GtkColumnView *
table (GtkWidget *view,
       guint      index)
{
  GtkWidget *table = find_widget (view, GTK_TYPE_COLUMN_VIEW, index);

  g_assert_nonnull (table);
  return GTK_COLUMN_VIEW (table);
}

/* How many rows the table holds. */
static guint
n_rows (GtkColumnView *table)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table)));
}

/* The list inside a column view, which holds the rows' widgets. */
static GtkWidget *
table_list (GtkColumnView *table)
{
  return gtk_widget_get_last_child (GTK_WIDGET (table));
}

static void
append_label_texts (GtkWidget *widget,
                    GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " / " : "",
                            gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_texts (child, text);
}

/* What a header or a row shows: the texts of its labels, cell by cell. */
static GStrv
cell_texts (GtkWidget *row)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_label_texts (cell, text);
      g_strv_builder_add (cells, text->str);
    }
  return g_strv_builder_end (cells);
}

static double
widget_top (GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, gtk_widget_get_parent (widget),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static int
compare_tops (gconstpointer a,
              gconstpointer b)
{
  double ya = widget_top (*(GtkWidget **) a), yb = widget_top (*(GtkWidget **) b);

  return ya < yb ? -1 : ya > yb;
}

/* The rows' widgets, as they show from top to bottom. */
static GPtrArray *
shown_rows (GtkColumnView *table)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (table_list (table)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_css_name (row), "row") && gtk_widget_get_child_visible (row))
      g_ptr_array_add (rows, row);
  g_ptr_array_sort (rows, compare_tops);
  return rows;
}

/* The text of the cell in @column of each row shown, top to bottom. */
static GStrv
shown_column (GtkColumnView *table,
              guint          column)
{
  g_autoptr(GPtrArray) rows = shown_rows (table);
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      g_auto(GStrv) cells = cell_texts (g_ptr_array_index (rows, i));

      g_assert_cmpuint (column, <, g_strv_length (cells));
      g_strv_builder_add (texts, cells[column]);
    }
  return g_strv_builder_end (texts);
}

/* The header's titles as shown. */
static GStrv
shown_titles (GtkColumnView *table)
{
  return cell_texts (gtk_widget_get_first_child (GTK_WIDGET (table)));
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
  GtkWidget *ranking;
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
  ranking = GTK_WIDGET (table (view, 0));
  g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 10);
  g_assert_cmpstr (jm_touchpoint_get_title (ranked[0]->touchpoint), ==, "Router arrives late");
  {
    g_auto(GStrv) titles = shown_column (GTK_COLUMN_VIEW (ranking), 1);

    g_assert_cmpuint (g_strv_length (titles), ==, 10);
    g_assert_cmpstr (titles[0], ==, "Router arrives late / Receive · Fridah · Moment of truth · Very negative");
  }

  /* Activating a row (what Enter and a double click do) names its touchpoint. */
  g_signal_connect (view, "touchpoint-activated", G_CALLBACK (on_touchpoint_activated), &activated);
  g_assert_true (gtk_widget_activate_action (table_list (GTK_COLUMN_VIEW (ranking)),
                                             "list.activate-item", "u", 1));
  g_assert_true (activated == ranked[1]->touchpoint);

  /* Each roll-up table has a header row plus a row per group, with every
   * figure formatted as before. */
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    {
      GtkColumnView *rollup = table (view, k + 1);
      g_autoptr(GPtrArray) rows = shown_rows (rollup);
      g_auto(GStrv) titles = shown_titles (rollup);

      g_assert_cmpuint (g_strv_length (titles), ==, 6);
      g_assert_cmpuint (n_rows (rollup), ==, jm_score_report_get_n_groups (report, k));
      g_assert_cmpuint (rows->len, ==, jm_score_report_get_n_groups (report, k));
      for (guint i = 0; i < rows->len; i++)
        {
          g_auto(GStrv) cells = cell_texts (g_ptr_array_index (rows, i));

          g_assert_cmpuint (g_strv_length (cells), ==, 6);
          g_assert_cmpstr (cells[0], ==, jm_score_report_get_group (report, k, i)->label);
        }
    }
  {
    g_autoptr(GPtrArray) rows = shown_rows (table (view, 1 + JM_SCORE_BY_STAGE));
    g_auto(GStrv) need = cell_texts (g_ptr_array_index (rows, 0));
    const char *expected[] = { "Need", "3.89", "3.7–4.3", "0.31", "3 of 3", "9", NULL };

    g_assert_cmpstrv (need, expected);
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
  /* The rows shown follow: the edited touchpoint has left the top ten. */
  run_main_loop (100);
  {
    g_auto(GStrv) titles = shown_column (GTK_COLUMN_VIEW (ranking), 1);
    g_auto(GStrv) scores = shown_column (GTK_COLUMN_VIEW (ranking), 2);
    g_autofree char *top = g_strdup_printf ("%.2f", ranked[0]->composite);

    g_assert_cmpuint (g_strv_length (titles), ==, 10);
    g_assert_true (g_str_has_prefix (titles[0], jm_touchpoint_get_title (ranked[0]->touchpoint)));
    g_assert_cmpstr (scores[0], ==, top);
    for (guint i = 0; i < 10; i++)
      g_assert_false (g_str_has_prefix (titles[i], "Router arrives late"));
  }

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

  ranking = GTK_WIDGET (table (view, 0));
  g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 0);
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
  g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 1);
  g_assert_cmpuint (shown_rows (GTK_COLUMN_VIEW (ranking))->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (ranking));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activated (JmScoresView  *view,
              JmTouchpoint  *touchpoint,
              JmTouchpoint **out)
{
  *out = touchpoint;
}

/* Beside what to fix first, the cards the room voted for, most dots first;
 * a dot placed reorders them, and a row leads to its card. */
static void
test_votes (void)
{
  g_autoptr(JmMap) map = build_map ();
  JmVotes *votes = jm_map_get_votes (map);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = jm_scores_view_new (map);
  GtkWidget *list, *row;
  JmTouchpoint *activated = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 1000);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (200);
  list = find_widget (view, GTK_TYPE_LIST_BOX, 0);
  g_assert_nonnull (list);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (list)));

  jm_votes_start_round (votes, "Which moments hurt most?", 3, FALSE);
  g_assert_true (jm_votes_add_dot (votes, "r1", "t3", "Ana", NULL));
  g_assert_true (jm_votes_add_dot (votes, "r1", "t3", "Bo", NULL));
  g_assert_true (jm_votes_add_dot (votes, "r1", "t5", "Ana", NULL));
  run_main_loop (200);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (list)));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, "t3")));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));

  /* Two more on the second card put it first. */
  g_assert_true (jm_votes_add_dot (votes, "r1", "t5", "Bo", NULL));
  g_assert_true (jm_votes_add_dot (votes, "r1", "t5", "Cy", NULL));
  run_main_loop (200);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, "t5")));

  g_signal_connect (view, "touchpoint-activated", G_CALLBACK (on_activated), &activated);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (activated == jm_map_lookup_touchpoint (map, "t5"));

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
  ranking = GTK_WIDGET (table (view, 0));
  g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 0);

  /* An edit while off screen: still nothing is built... */
  jm_map_remove_touchpoint (map, removed);
  run_main_loop (100);
  g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 0);

  /* ...yet the report, when asked for, is current. */
  report = jm_scores_view_get_report (JM_SCORES_VIEW (view));
  g_assert_nonnull (report);
  jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (cards) - 2);

  /* Shown, the ranking is there in the same frame, without waiting for an idle. */
  jm_map_undo (map);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "scores");
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 10);
  report = jm_scores_view_get_report (JM_SCORES_VIEW (view));
  jm_score_report_get_ranking (report, &n_ranked);
  g_assert_cmpuint (n_ranked, ==, G_N_ELEMENTS (cards) - 1);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    g_assert_cmpuint (n_rows (table (view, k + 1)), ==, jm_score_report_get_n_groups (report, k));

  /* Back off screen, a new map waits for the view to show again. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "board");
  {
    g_autoptr(JmMap) other = jm_map_new ();

    jm_scores_view_set_map (JM_SCORES_VIEW (view), other);
    g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 10);
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "scores");
    g_assert_cmpuint (n_rows (GTK_COLUMN_VIEW (ranking)), ==, 0);
    jm_scores_view_set_map (JM_SCORES_VIEW (view), NULL);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Real input ------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, for five seconds at most. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      if (condition (data))
        return TRUE;
      g_usleep (1000);
    }
  return condition (data);
}

static gboolean
is_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Shows @map's scores in a window; returns the view and the window's X id,
 * or %NULL for the id (and skips the test) when real input cannot be sent. */
static GtkWidget *
show_view (JmMap      *map,
           GtkWidget **window,
           char      **window_id)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkWidget *view = jm_scores_view_new (map);
  GdkSurface *surface;

  *window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (*window), "jm-scores-view-test");
  gtk_window_set_default_size (GTK_WINDOW (*window), 760, 1000);
  gtk_window_set_child (GTK_WINDOW (*window), view);
  gtk_window_present (GTK_WINDOW (*window));
  g_assert_true (wait_until (is_shown, view));
  run_main_loop (100);

  surface = gtk_native_get_surface (GTK_NATIVE (*window));
  *window_id = NULL;
  if (xdotool != NULL && GDK_IS_X11_SURFACE (surface))
    *window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  else
    g_test_skip ("needs X11 and xdotool");
  return view;
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

/* Clicks the middle of @widget @n_clicks times, with the first button. */
static void
click (const char *window_id,
       GtkWidget  *widget,
       guint       n_clicks)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;
  char x[32], y[32], repeat[16];

  gtk_native_get_surface_transform (native, &sx, &sy);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  g_snprintf (x, sizeof x, "%d", (int) (point.x + sx));
  g_snprintf (y, sizeof y, "%d", (int) (point.y + sy));
  g_snprintf (repeat, sizeof repeat, "%u", n_clicks);
  xdotool ("mousemove", "--window", window_id, x, y, "click", "--repeat", repeat, "1", NULL);
  /* Longer than a double click, so that the next click is one of its own. */
  run_main_loop (500);
}

/* Scrolls the view so that @widget shows at its top. */
static void
scroll_to (GtkWidget *view,
           GtkWidget *widget)
{
  GtkWidget *scrolled = find_widget (view, GTK_TYPE_SCROLLED_WINDOW, 0);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 60);
  run_main_loop (100);
}

/* The header of @table's column titled @title. */
static GtkWidget *
header_titled (GtkColumnView *table,
               const char    *title)
{
  for (GtkWidget *header = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (table)));
       header != NULL; header = gtk_widget_get_next_sibling (header))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_label_texts (header, text);
      if (g_str_equal (text->str, title))
        return header;
    }
  g_assert_not_reached ();
}

typedef struct
{
  GtkColumnView *table;
  guint          column;
  const char   **expected;
} ShownColumn;

static gboolean
column_shows (gpointer data)
{
  ShownColumn *c = data;
  g_auto(GStrv) texts = shown_column (c->table, c->column);

  return g_strv_equal ((const char * const *) texts, c->expected);
}

/* Waits for @column of @table to show @expected, top to bottom. */
static void
assert_column_shows (GtkColumnView *table,
                     guint          column,
                     const char   **expected)
{
  ShownColumn c = { table, column, expected };

  if (!wait_until (column_shows, &c))
    {
      g_auto(GStrv) texts = shown_column (table, column);

      g_assert_cmpstrv (texts, expected);
    }
}

/* A click on a column's header sorts the table by it, the other way on a
 * second click; groups nobody rated stay at the bottom either way. */
static void
test_sort_by_header (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(JmStage) unrated = jm_stage_new ("s-leave", "Leave");
  g_autofree char *window_id = NULL;
  GtkWidget *window, *view;
  GtkColumnView *stages;
  const char *map_order[] = { "Need", "Research", "Purchase", "Receive", "Use", "Get help", "Leave", NULL };
  const char *lowest_first[] = { "2.12", "2.12", "2.54", "3.12", "3.67", "3.89", "not rated", NULL };
  const char *highest_first[] = { "3.89", "3.67", "3.12", "2.54", "2.12", "2.12", "not rated", NULL };
  const char *by_name[] = { "Get help", "Leave", "Need", "Purchase", "Receive", "Research", "Use", NULL };
  const char *by_deviation[] = { "0.31", "0.62", "0.62", "0.62", "0.91", "1.21", "", NULL };
  const char *by_deviation_down[] = { "1.21", "0.91", "0.62", "0.62", "0.62", "0.31", "", NULL };

  jm_map_append_stage (map, unrated);
  view = show_view (map, &window, &window_id);
  if (window_id == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  stages = table (view, 1 + JM_SCORE_BY_STAGE);
  scroll_to (view, GTK_WIDGET (stages));

  /* In the map's order until a header is clicked. */
  assert_column_shows (stages, 0, map_order);

  click (window_id, header_titled (stages, "Score"), 1);
  assert_column_shows (stages, 1, lowest_first);
  click (window_id, header_titled (stages, "Score"), 1);
  assert_column_shows (stages, 1, highest_first);

  click (window_id, header_titled (stages, "SD"), 1);
  assert_column_shows (stages, 3, by_deviation);
  click (window_id, header_titled (stages, "SD"), 1);
  assert_column_shows (stages, 3, by_deviation_down);

  click (window_id, header_titled (stages, "Stage"), 1);
  assert_column_shows (stages, 0, by_name);

  /* The order holds when the figures are worked out again. */
  {
    g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (jm_map_get_touchpoints (map), 0);

    jm_map_edit_int (map, touchpoint, jm_touchpoint_rating_property (JM_MEASURE_CONVENIENCE), 1);
    jm_map_undo (map);
  }
  wait_for_new_report (JM_SCORES_VIEW (view));
  assert_column_shows (stages, 0, by_name);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rank shown in the row of the ranking that has the focus, or NULL. */
static char *
focused_rank (GtkColumnView *ranking)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (ranking)));

  for (GtkWidget *row = focus; row != NULL; row = gtk_widget_get_parent (row))
    if (gtk_widget_get_parent (row) == table_list (ranking))
      {
        g_auto(GStrv) cells = cell_texts (row);

        return g_strdup (cells[0]);
      }
  return NULL;
}

typedef struct
{
  GtkColumnView *ranking;
  const char    *rank;
} FocusedRow;

static gboolean
rank_has_focus (gpointer data)
{
  FocusedRow *f = data;
  g_autofree char *rank = focused_rank (f->ranking);

  return g_strcmp0 (rank, f->rank) == 0;
}

static void
assert_focused_rank (GtkColumnView *ranking,
                     const char    *rank)
{
  FocusedRow f = { ranking, rank };

  if (!wait_until (rank_has_focus, &f))
    {
      g_autofree char *focused = focused_rank (ranking);

      g_assert_cmpstr (focused, ==, rank);
    }
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Waits for the touchpoint that @activated is set to. */
static JmTouchpoint *
wait_for_activation (JmTouchpoint **activated)
{
  g_assert_true (wait_until (is_set, activated));
  return g_steal_pointer (activated);
}

/* The arrow keys move between the ranking's rows, and Enter or a double
 * click on a row activates its touchpoint, also once sorted otherwise. */
static void
test_keyboard (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autofree char *window_id = NULL;
  GtkWidget *window, *view;
  GtkColumnView *ranking;
  JmTouchpoint *activated = NULL;
  const JmScoreEntry **ranked;
  g_autoptr(GPtrArray) rows = NULL;
  const char *ranks_by_title[] = { "5", "4", "9", "2", "7", "10", "8", "1", "6", "3", NULL };

  view = show_view (map, &window, &window_id);
  if (window_id == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  ranked = jm_score_report_get_ranking (jm_scores_view_get_report (JM_SCORES_VIEW (view)), NULL);
  g_signal_connect (view, "touchpoint-activated", G_CALLBACK (on_touchpoint_activated), &activated);
  ranking = table (view, 0);
  rows = shown_rows (ranking);

  /* A click puts the focus on a row, without activating it. */
  click (window_id, g_ptr_array_index (rows, 0), 1);
  assert_focused_rank (ranking, "1");
  run_main_loop (100);
  g_assert_null (activated);

  xdotool ("key", "Down", "Down", NULL);
  assert_focused_rank (ranking, "3");
  xdotool ("key", "Up", NULL);
  assert_focused_rank (ranking, "2");
  xdotool ("key", "Return", NULL);
  g_assert_true (wait_for_activation (&activated) == ranked[1]->touchpoint);

  click (window_id, g_ptr_array_index (rows, 4), 2);
  g_assert_true (wait_for_activation (&activated) == ranked[4]->touchpoint);

  /* Sorted by title, a row activates the touchpoint it shows. */
  click (window_id, header_titled (ranking, "Touchpoint"), 1);
  assert_column_shows (ranking, 0, ranks_by_title);
  g_ptr_array_unref (rows);
  rows = shown_rows (ranking);
  click (window_id, g_ptr_array_index (rows, 0), 1);
  assert_focused_rank (ranking, "5");
  xdotool ("key", "Down", "Return", NULL);
  g_assert_cmpstr (jm_touchpoint_get_title (wait_for_activation (&activated)), ==,
                   "Checks address eligibility");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every column of every table has a title, shown in its header, and sorts. */
static void
test_titles (void)
{
  g_autoptr(JmMap) map = build_map ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = jm_scores_view_new (map);

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 1000);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (300);

  for (guint t = 0; t < 1 + JM_SCORE_N_GROUP_KINDS; t++)
    {
      GListModel *columns = gtk_column_view_get_columns (table (view, t));
      g_auto(GStrv) shown = shown_titles (table (view, t));

      g_assert_cmpuint (g_list_model_get_n_items (columns), ==, t == 0 ? 3 : 6);
      g_assert_cmpuint (g_strv_length (shown), ==, g_list_model_get_n_items (columns));
      for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
          const char *title = gtk_column_view_column_get_title (column);

          g_assert_nonnull (title);
          g_assert_cmpstr (title, !=, "");
          g_assert_cmpstr (shown[c], ==, title);
          g_assert_nonnull (gtk_column_view_column_get_sorter (column));
        }
    }
  g_assert_null (find_widget (view, GTK_TYPE_COLUMN_VIEW, 1 + JM_SCORE_N_GROUP_KINDS));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Who owns the broken moments: a row a team, those owning the most broken
 * moments of truth first, as the scoring says. */
static void
test_silos (void)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(GArray) silos = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = jm_scores_view_new (map);
  GtkWidget *list, *row;
  guint n_negative = 0, n_moments = 0;

  silos = jm_score_silos (map, &n_negative, &n_moments);
  g_assert_cmpuint (silos->len, >, 1);
  g_assert_cmpuint (n_negative + n_moments, >, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 1000);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop (200);
  list = GTK_WIDGET (gtk_widget_get_template_child (view, JM_TYPE_SCORES_VIEW, "silos_list"));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (list)));
  for (guint i = 0; i < silos->len; i++)
    {
      row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i));
      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       g_array_index (silos, JmSilo, i).label);
    }
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), silos->len));
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
  g_test_add_func ("/scores-view/titles", test_titles);
  g_test_add_func ("/scores-view/sort-by-header", test_sort_by_header);
  g_test_add_func ("/scores-view/keyboard", test_keyboard);
  g_test_add_func ("/scores-view/votes", test_votes);
  g_test_add_func ("/scores-view/silos", test_silos);

  return g_test_run ();
}
