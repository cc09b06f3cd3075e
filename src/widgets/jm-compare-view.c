/* jm-compare-view.c: two maps side by side: as is, and as it should be
 *
 * A team maps the journey as it is, then as it should be, in a copy that
 * keeps the ids. This window sets the two beside each other: both emotion
 * curves on one scale, each stage's emotion and score on both sides with
 * the cards added, removed and changed there, and every difference with
 * both values. It follows edits to the open map as they are made.
 *
 * Given the first map's board, it also marks there each card that differs
 * from its copy in the second map (only on the first, changed, or moved to
 * another cell), until it closes or the switch says not to.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-compare-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jm-change-row.h"
#include "jm-compare-view.h"
#include "jm-emotion-chart.h"
#include "jm-map-diff.h"
#include "jm-score-compare.h"

/* A long list of differences is read in the merge review; here the first
 * ones give the picture. */
#define MAX_CHANGE_ROWS 300
#define CHART_AXIS_WIDTH 40
#define CHART_PLOT_HEIGHT 190
#define CHART_LEGEND_Y (CHART_PLOT_HEIGHT + 34)

struct _JmCompareView
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel       *summary;
  GtkDrawingArea *chart;
  GtkListBox     *stages;
  GtkListBox     *changes;
  GtkWidget      *board_group;
  AdwActionRow   *board_row;
  GtkSwitch      *board_switch;
  JmCanvas       *board;        /* weak: the first map's */

  JmMap          *first;
  JmMap          *second;
  char           *first_name;
  char           *second_name;
  GArray         *comparison;   /* JmStageComparison */
  JmMapDiff      *diff;         /* from the first map to the second, as shown */
  guint           n_changes;
  guint           refill_id;
};

G_DEFINE_FINAL_TYPE (JmCompareView, jm_compare_view, ADW_TYPE_WINDOW)

/* The two curves: blue dots for the first map, orange squares for the
 * second, apart in colour and in shape. */
static const JmRgba curve_colours[2] = {
  { 0.00, 0.45, 0.70, 1 },
  { 0.84, 0.37, 0.00, 1 },
};

static char *
emotion_text (double emotion)
{
  return isfinite (emotion) ? g_strdup_printf ("%+.1f", emotion) : g_strdup (_("none"));
}

static char *
score_text (double score)
{
  return isfinite (score) ? g_strdup_printf ("%.1f", score) : g_strdup (_("not rated"));
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  JmCompareView *self = user_data;
  guint n = self->comparison->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *column_x = g_new (double, MAX (n, 1));
  g_autofree double *column_width = g_new (double, MAX (n, 1));
  g_autofree double *values = g_new (double, MAX (n, 1));
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autoptr(PangoLayout) labels = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  JmEmotionChart chart = { 0 };
  GdkRGBA fg;
  double step, lx = CHART_AXIS_WIDTH;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  chart.left = CHART_AXIS_WIDTH;
  chart.right = MAX (chart.left + 1, width - 8);
  chart.bottom = CHART_PLOT_HEIGHT;
  chart.mid = 6 + (CHART_PLOT_HEIGHT - 12) / 2.0;
  chart.amp = (CHART_PLOT_HEIGHT - 12) / (double) (JM_EMOTION_MAX - JM_EMOTION_MIN);
  step = n > 0 ? (chart.right - chart.left) / n : 1;
  for (guint s = 0; s < n; s++)
    {
      const JmStageComparison *stage = &g_array_index (self->comparison, JmStageComparison, s);

      column_x[s] = chart.left + step * s;
      column_width[s] = step;
      x[s] = column_x[s] + step / 2;
      names[s] = stage->name;
      values[s] = NAN;
    }
  chart.n_points = n;
  chart.x = x;
  chart.values = values;
  chart.flags = JM_EMOTION_CHART_SCALE;
  chart.rule = (JmRgba) { fg.red, fg.green, fg.blue, fg.alpha };
  chart.labels = labels;
  chart.names = names;
  chart.column_x = column_x;
  chart.column_width = column_width;
  chart.names_y = CHART_PLOT_HEIGHT + 4;
  jm_emotion_chart_draw (&chart, cr);

  chart.flags = JM_EMOTION_CHART_ROUND;
  chart.names = NULL;
  chart.line_width = 3;
  chart.mark_radius = 6;
  for (guint side = 0; side < 2; side++)
    {
      const char *name = side == 0 ? self->first_name : self->second_name;
      int w, h;

      for (guint s = 0; s < n; s++)
        values[s] = g_array_index (self->comparison, JmStageComparison, s).emotion[side];
      chart.line = curve_colours[side];
      chart.mark = side == 0 ? JM_EMOTION_CHART_MARK_DOT : JM_EMOTION_CHART_MARK_SQUARE;
      jm_emotion_chart_draw (&chart, cr);

      /* The legend: each curve's mark and colour beside its map's name. */
      /* The chart sized the layout to the stage columns. */
      pango_layout_set_width (labels, -1);
      pango_layout_set_height (labels, -1);
      pango_layout_set_ellipsize (labels, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_text (labels, name, -1);
      pango_layout_get_pixel_size (labels, &w, &h);
      cairo_set_source_rgba (cr, curve_colours[side].red, curve_colours[side].green,
                             curve_colours[side].blue, 1);
      cairo_new_path (cr);
      jm_emotion_chart_mark_path (cr, chart.mark, lx + 6, CHART_LEGEND_Y + h / 2.0, 6);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      cairo_move_to (cr, lx + 18, CHART_LEGEND_Y);
      pango_cairo_show_layout (cr, labels);
      lx += 18 + w + 24;
    }
}

static GtkWidget *
stage_row (JmCompareView           *self,
           const JmStageComparison *stage)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *emotion0 = emotion_text (stage->emotion[0]);
  g_autofree char *emotion1 = emotion_text (stage->emotion[1]);
  g_autofree char *score0 = score_text (stage->score[0]);
  g_autofree char *score1 = score_text (stage->score[1]);
  g_autofree char *cards = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  /* Translators: how many cards a stage gained, lost and changed. */
  cards = g_strdup_printf (_("%u added, %u removed, %u changed"), stage->n_added, stage->n_removed,
                           stage->n_changed);
  /* Translators: a stage's figures in the first map and the second. */
  subtitle = g_strdup_printf (_("Emotion %s → %s · Score %s → %s · %s"), emotion0, emotion1,
                              score0, score1, cards);
  if (!stage->in_first)
    title = g_strdup_printf (_("%s (only in “%s”)"), stage->name, self->second_name);
  else if (!stage->in_second)
    title = g_strdup_printf (_("%s (only in “%s”)"), stage->name, self->first_name);
  else
    title = g_strdup (stage->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  if (isfinite (stage->emotion[0]) && isfinite (stage->emotion[1]))
    {
      double delta = stage->emotion[1] - stage->emotion[0];
      g_autofree char *text = g_strdup_printf ("%+.1f", delta);
      GtkWidget *label = gtk_label_new (text);

      /* Better, worse or the same, in words for those who do not see the colour. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      delta > 0.05 ? _("Emotion better") : delta < -0.05 ? _("Emotion worse")
                                                                                          : _("Emotion the same"),
                                      -1);
      gtk_widget_add_css_class (label, delta > 0.05 ? "success" : delta < -0.05 ? "error" : "dim-label");
      gtk_widget_add_css_class (label, "title-3");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/* Board marks. */

typedef struct
{
  gboolean only_here;
  gboolean changed;
  gboolean moved;
  int      emotion[2];   /* there, here; JM_EMOTION_UNSET when not changed */
} Difference;

static char *
emotion_value (int emotion)
{
  /* Translators: a card with no emotion recorded, on a mark on the board */
  if (emotion == JM_EMOTION_UNSET)
    return g_strdup (_("none"));
  /* A minus sign, as the emotion scale prints it. */
  return emotion < 0 ? g_strdup_printf ("−%d", -emotion) : g_strdup_printf ("+%d", emotion);
}

/* The mark's words: what changed in the card's emotion when it did. */
static char *
difference_label (const Difference *difference)
{
  g_autofree char *there = NULL;
  g_autofree char *here = NULL;

  if (difference->only_here || difference->emotion[0] == difference->emotion[1])
    return difference->moved && difference->changed ? g_strdup (_("Moved, changed")) : NULL;
  there = emotion_value (difference->emotion[0]);
  here = emotion_value (difference->emotion[1]);
  /* Translators: a card's emotion in the compared map, then in this one */
  return g_strdup_printf (_("Emotion %s → %s"), there, here);
}

/* @diff runs from the first map to the second: what it says the second
 * has not, the first's board has alone, and its old values are here. */
static void
mark_board (JmCompareView *self,
            JmMapDiff     *diff)
{
  g_autoptr(GHashTable) differences = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->board == NULL)
    return;
  jm_canvas_clear_card_marks (self->board);
  if (!gtk_switch_get_active (self->board_switch) || jm_canvas_get_map (self->board) != self->first)
    return;

  differences = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < jm_map_diff_get_n_changes (diff); i++)
    {
      const JmMapChange *change = jm_map_diff_get_change (diff, i);
      Difference *difference;

      if (g_strcmp0 (change->object, "touchpoint") != 0 || change->id == NULL ||
          change->kind == JM_MAP_CHANGE_ADDED ||
          (change->kind == JM_MAP_CHANGE_MOVED && g_strcmp0 (change->field, "cell") != 0))
        continue;
      difference = g_hash_table_lookup (differences, change->id);
      if (difference == NULL)
        {
          difference = g_new0 (Difference, 1);
          difference->emotion[0] = difference->emotion[1] = JM_EMOTION_UNSET;
          g_hash_table_insert (differences, change->id, difference);
        }
      if (change->kind == JM_MAP_CHANGE_REMOVED)
        difference->only_here = TRUE;
      else if (change->kind == JM_MAP_CHANGE_MOVED)
        difference->moved = TRUE;
      else
        {
          difference->changed = TRUE;
          if (g_strcmp0 (change->field, "emotion") == 0 && G_VALUE_HOLDS_INT (&change->old_value))
            {
              difference->emotion[0] = g_value_get_int (&change->new_value);
              difference->emotion[1] = g_value_get_int (&change->old_value);
            }
        }
    }

  g_hash_table_iter_init (&iter, differences);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Difference *difference = value;
      JmTouchpoint *card = jm_map_lookup_touchpoint (self->first, key);
      g_autofree char *label = difference_label (difference);

      if (card != NULL)
        jm_canvas_set_card_mark (self->board, card,
                                 difference->only_here ? JM_CARD_MARK_ONLY_HERE
                                 : difference->changed ? JM_CARD_MARK_CHANGED : JM_CARD_MARK_MOVED,
                                 label);
    }
}

static void
on_board_switch_active (JmCompareView *self)
{
  mark_board (self, self->diff);
}

static void
clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill (JmCompareView *self)
{
  JmMapDiff *diff;
  guint added = 0, removed = 0, changed = 0;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->diff, jm_map_diff_free);
  diff = self->diff = jm_map_diff_new (self->first, self->second);
  g_clear_pointer (&self->comparison, g_array_unref);
  self->comparison = jm_score_compare_stages (self->first, self->second);
  clear (self->stages);
  for (guint s = 0; s < self->comparison->len; s++)
    {
      const JmStageComparison *stage = &g_array_index (self->comparison, JmStageComparison, s);

      gtk_list_box_append (self->stages, stage_row (self, stage));
      added += stage->n_added;
      removed += stage->n_removed;
      changed += stage->n_changed;
    }

  clear (self->changes);
  self->n_changes = jm_map_diff_get_n_changes (diff);
  for (guint i = 0; i < MIN (self->n_changes, MAX_CHANGE_ROWS); i++)
    gtk_list_box_append (self->changes, jm_change_row_new (self->first, self->second,
                                                           jm_map_diff_get_change (diff, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->changes), self->n_changes > 0);

  if (self->n_changes == 0)
    summary = g_strdup_printf (_("“%s” and “%s” are the same."), self->first_name, self->second_name);
  else
    /* Translators: the first %s is a map, the second the map compared with it. */
    summary = g_strdup_printf (_("Compared with “%s”, “%s” adds %u cards, removes %u and changes %u; %u differences in all."),
                               self->first_name, self->second_name, added, removed, changed, self->n_changes);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
  mark_board (self, diff);
}

static gboolean
refill (gpointer data)
{
  JmCompareView *self = data;

  self->refill_id = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

/* An edit to either map: compared again once the edits settle. */
static void
on_history_changed (JmCompareView *self)
{
  if (self->refill_id == 0)
    self->refill_id = g_timeout_add (300, refill, self);
}

static void
jm_compare_view_dispose (GObject *object)
{
  JmCompareView *self = JM_COMPARE_VIEW (object);

  g_clear_handle_id (&self->refill_id, g_source_remove);
  if (self->board != NULL)
    {
      jm_canvas_clear_card_marks (self->board);
      g_object_remove_weak_pointer (G_OBJECT (self->board), (gpointer *) &self->board);
      self->board = NULL;
    }
  if (self->first != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->first), self);
  if (self->second != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->second), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_COMPARE_VIEW);
  g_clear_object (&self->first);
  g_clear_object (&self->second);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->second_name, g_free);
  g_clear_pointer (&self->comparison, g_array_unref);
  g_clear_pointer (&self->diff, jm_map_diff_free);

  G_OBJECT_CLASS (jm_compare_view_parent_class)->dispose (object);
}

static void
jm_compare_view_class_init (JmCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_compare_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymapper/JourneyMapper/jm-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, summary);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, chart);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, stages);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, changes);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, board_group);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, board_row);
  gtk_widget_class_bind_template_child (widget_class, JmCompareView, board_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_board_switch_active);
}

static void
jm_compare_view_init (JmCompareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
}

/**
 * jm_compare_view_new:
 * @first: the map compared from, such as the journey as it is
 * @first_name: its name, for the legend
 * @second: the map compared to, such as the journey as it should be
 * @second_name: its name
 *
 * Returns: (transfer floating): the window, not yet shown
 */
JmCompareView *
jm_compare_view_new (GtkWindow  *parent,
                     JmMap      *first,
                     const char *first_name,
                     JmMap      *second,
                     const char *second_name)
{
  JmCompareView *self = g_object_new (JM_TYPE_COMPARE_VIEW, "transient-for", parent, NULL);
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (JM_IS_MAP (first) && JM_IS_MAP (second), NULL);

  self->first = g_object_ref (first);
  self->second = g_object_ref (second);
  self->first_name = g_strdup (first_name);
  self->second_name = g_strdup (second_name);
  /* Translators: the compare window's subtitle: two maps' names. */
  subtitle = g_strdup_printf (_("“%s” and “%s”"), first_name, second_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  fill (self);
  g_signal_connect_swapped (jm_map_get_history (first), "changed", G_CALLBACK (on_history_changed), self);
  g_signal_connect_swapped (jm_map_get_history (second), "changed", G_CALLBACK (on_history_changed), self);
  return self;
}

/**
 * jm_compare_view_set_board:
 * @board: the board showing the first map
 *
 * Marks on @board the cards of the first map that differ from the
 * second's, while the switch is on, until the view closes.
 */
void
jm_compare_view_set_board (JmCompareView *self,
                           JmCanvas      *board)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (JM_IS_COMPARE_VIEW (self));
  g_return_if_fail (JM_IS_CANVAS (board));
  g_return_if_fail (self->board == NULL);

  self->board = board;
  g_object_add_weak_pointer (G_OBJECT (board), (gpointer *) &self->board);
  /* Translators: the board switch's subtitle; %s is the map compared with */
  subtitle = g_strdup_printf (_("Cards that differ from “%s” are marked on this map’s board; an emotion’s arrow reads from “%s” to this map"),
                              self->second_name, self->second_name);
  adw_action_row_set_subtitle (self->board_row, subtitle);
  gtk_widget_set_visible (self->board_group, TRUE);
  mark_board (self, self->diff);
}

guint
jm_compare_view_get_n_changes (JmCompareView *self)
{
  g_return_val_if_fail (JM_IS_COMPARE_VIEW (self), 0);
  return self->n_changes;
}

/**
 * jm_compare_view_get_comparison:
 *
 * Returns: (transfer none) (element-type JmStageComparison): the stages
 *   as the view shows them
 */
GArray *
jm_compare_view_get_comparison (JmCompareView *self)
{
  g_return_val_if_fail (JM_IS_COMPARE_VIEW (self), NULL);
  return self->comparison;
}
