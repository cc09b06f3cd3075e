/* jm-scores-view.c: the scores of a map, rolled up, charted and ranked
 *
 * The view shows what the room needs to decide where to act: the overall
 * score, the touchpoints to fix first (activating one, with Enter or a
 * double click, emits ::touchpoint-activated so the window can select it on
 * the board), a table with a bar per stage, persona, team and channel, and
 * each persona's emotion curve across the stages. Every colour comes with
 * its number. Beside the ranking by scores, the newest round of dot voting
 * ranks the cards by the room's dots.
 *
 * Its layout is the template ui/jm-scores-view.ui. The ranking and the
 * tables are column views over JmScoreRow items: a click on a column's
 * header sorts by it, the arrow keys move between rows, and screen readers
 * meet them as tables of rows and cells. This file fills their models and
 * makes their cells.
 *
 * It listens to the map's history and recomputes once, in an idle, after
 * any burst of edits. While the view is not on screen (the window shows the
 * board), it only notes that its figures are out of date and recomputes when
 * it shows again, or when its report is asked for.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-scores-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "jm-app-resources.h"
#include "jm-emotion-chart.h"
#include "jm-score-row.h"
#include "jm-score-sorter.h"
#include "jm-scores-view.h"
#include "jm-scoring.h"
#include "jm-score-silos.h"
#include "jm-vote-ranking.h"

/* How many touchpoints the fix-first list shows. */
#define RANKING_ROWS 10

#define BAR_WIDTH 160
#define BAR_HEIGHT 16

struct _JmScoresView
{
  GtkWidget      parent_instance;

  JmMap         *map;
  JmScoreReport *report;
  guint          update_source;
  gboolean       stale;

  /* The rows of the ranking and of each table, unsorted. */
  GListStore    *ranking_rows;
  GListStore    *table_rows[JM_SCORE_N_GROUP_KINDS];

  GtkWidget     *scrolled;
  GtkWidget     *overall;
  GtkWidget     *ranking;
  GtkWidget     *ranking_more;
  GtkWidget     *votes_section;
  GtkWidget     *votes_question;
  GtkListBox    *votes_list;
  GtkWidget     *silos_section;
  GtkLabel      *silos_summary;
  GtkListBox    *silos_list;
  GtkWidget     *tables[JM_SCORE_N_GROUP_KINDS];
  GtkWidget     *empty_labels[JM_SCORE_N_GROUP_KINDS];
  GtkWidget     *emotion_chart;
};

G_DEFINE_FINAL_TYPE (JmScoresView, jm_scores_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOUCHPOINT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_score (double score)
{
  /* Translators: a score that cannot be computed (nothing is rated) */
  return isfinite (score) ? g_strdup_printf ("%.2f", score) : g_strdup (_("not rated"));
}

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *colour)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The row a cell shows, if it shows one yet. */
static JmScoreRow *
cell_row (GtkListItem *item)
{
  return gtk_list_item_get_item (item);
}

/* Cells ------------------------------------------------------------------ */

/* A bar from 0 to 5, in the heat-map colour of its score, with a thin
 * outline so that the near-white middle of the scale still shows. */
static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  JmScoreRow *row = cell_row (user_data);
  double score = row != NULL ? jm_score_row_get_score (row) : NAN;
  GdkRGBA fg;
  double r, g, b, length;

  get_foreground (GTK_WIDGET (area), &fg);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (!isfinite (score))
    return;

  length = MAX (2.0, width * CLAMP (score, 0.0, 5.0) / 5.0);
  jm_score_colour (score, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_rectangle (cr, 0, 0, length, height);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.45);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  /* The neutral middle of the scale. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
  cairo_rectangle (cr, floor (width * 3.0 / 5.0), 0, 1, height);
  cairo_fill (cr);
}

static GtkWidget *
number_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static gboolean
on_label_query_tooltip (GtkLabel   *label,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

/* A text cut short shows in full in @label's tooltip. Only then: a tooltip
 * that repeats the label would also be read out twice, and setting one on
 * every bind costs more than the rest of the cell. */
static void
show_cut_text_in_tooltip (GtkWidget *label)
{
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_label_query_tooltip), NULL);
}

static void
setup_name_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 JmScoresView             *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The same width in every table, however short its names. */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  show_cut_text_in_tooltip (label);
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                JmScoresView             *self)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), jm_score_row_get_name (cell_row (item)));
}

/* The bar and, beside it, its number. */
static void
setup_score_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  JmScoresView             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bar = gtk_drawing_area_new ();
  GtkWidget *label = number_label_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (bar), BAR_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (bar), BAR_HEIGHT);
  /* The list item owns the bar, so it outlives the bar's drawing. */
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_bar, item, NULL);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_score_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 JmScoresView             *self)
{
  GtkWidget *bar = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (bar);
  double score = jm_score_row_get_score (cell_row (item));
  g_autofree char *text = format_score (score);
  /* Translators: a bar's accessible label; %s is a score such as 3.25 */
  g_autofree char *accessible = g_strdup_printf (_("Score %s of 5"), text);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (isfinite (score))
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_queue_draw (bar);
}

static void
setup_number_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   JmScoresView             *self)
{
  GtkWidget *label = number_label_new ();

  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
set_cell_text (GtkListItem *item,
               const char  *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_range_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 JmScoresView             *self)
{
  JmScoreRow *row = cell_row (item);
  g_autofree char *range = NULL;

  if (isfinite (jm_score_row_get_minimum (row)))
    range = g_strdup_printf ("%.1f–%.1f", jm_score_row_get_minimum (row), jm_score_row_get_maximum (row));
  set_cell_text (item, range != NULL ? range : "");
}

static void
bind_deviation_cell (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     JmScoresView             *self)
{
  double sd = jm_score_row_get_deviation (cell_row (item));
  g_autofree char *text = isfinite (sd) ? g_strdup_printf ("%.2f", sd) : g_strdup ("");

  set_cell_text (item, text);
}

static void
bind_touchpoints_cell (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       JmScoresView             *self)
{
  JmScoreRow *row = cell_row (item);
  /* Translators: touchpoints scored out of those in a group, e.g. "3 of 5" */
  g_autofree char *count = g_strdup_printf (_("%u of %u"), jm_score_row_get_n_scored (row),
                                            jm_score_row_get_n_touchpoints (row));

  set_cell_text (item, count);
}

static void
bind_ratings_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   JmScoresView             *self)
{
  g_autofree char *ratings = g_strdup_printf ("%u", jm_score_row_get_n_ratings (cell_row (item)));

  set_cell_text (item, ratings);
}

static void
bind_rank_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                JmScoresView             *self)
{
  g_autofree char *rank = g_strdup_printf ("%u", jm_score_row_get_rank (cell_row (item)));

  set_cell_text (item, rank);
}

/* The touchpoint's title, and under it where it is. */
static void
setup_touchpoint_cell (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       JmScoresView             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *where = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (title), 20);
  gtk_label_set_xalign (GTK_LABEL (where), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  show_cut_text_in_tooltip (title);
  show_cut_text_in_tooltip (where);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), where);
  gtk_list_item_set_child (item, box);
}

static void
bind_touchpoint_cell (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      JmScoresView             *self)
{
  JmScoreRow *row = cell_row (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (title), jm_score_row_get_name (row));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), jm_score_row_get_details (row));
}

/* Filling the tables ----------------------------------------------------- */

typedef void (*SetRow) (JmScoresView *self,
                        JmScoreRow   *row,
                        guint         position,
                        gpointer      data);

/* Gives @store @n rows, set by @set_row, in one change. The rows it holds
 * already are given their new figures rather than replaced: a column view
 * keeps the widgets of the rows it still holds, and only binds them again,
 * which is much cheaper than building new ones. */
static void
set_rows (JmScoresView *self,
          GListStore   *store,
          guint         n,
          SetRow        set_row,
          gpointer      data)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JmScoreRow *row = i < n_old ? g_list_model_get_item (G_LIST_MODEL (store), i) : jm_score_row_new ();

      set_row (self, row, i, data);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (store, 0, n_old, rows->pdata, n);
}

static void
set_group_row (JmScoresView *self,
               JmScoreRow   *row,
               guint         position,
               gpointer      kind)
{
  jm_score_row_set_group (row, jm_score_report_get_group (self->report, GPOINTER_TO_UINT (kind), position));
}

static void
fill_table (JmScoresView     *self,
            JmScoreGroupKind  kind)
{
  guint n = jm_score_report_get_n_groups (self->report, kind);

  set_rows (self, self->table_rows[kind], n, set_group_row, GUINT_TO_POINTER (kind));
  gtk_widget_set_visible (self->tables[kind], n > 0);
  gtk_widget_set_visible (self->empty_labels[kind], n == 0);
}

static void
on_ranking_activate (JmScoresView  *self,
                     guint          position,
                     GtkColumnView *view)
{
  g_autoptr(JmScoreRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)),
                                                      position);

  if (row != NULL && jm_score_row_get_touchpoint (row) != NULL)
    g_signal_emit (self, signals[TOUCHPOINT_ACTIVATED], 0, jm_score_row_get_touchpoint (row));
}

static void
set_ranking_row (JmScoresView *self,
                 JmScoreRow   *row,
                 guint         position,
                 gpointer      data)
{
  const JmScoreEntry *entry = ((const JmScoreEntry **) data)[position];
  const char *stage = entry->stage >= 0
    ? jm_score_report_get_group (self->report, JM_SCORE_BY_STAGE, entry->stage)->label : "";
  const char *persona = entry->lane >= 0
    ? jm_score_report_get_group (self->report, JM_SCORE_BY_LANE, entry->lane)->label : "";
  g_autoptr(GString) details = g_string_new (NULL);

  /* Translators: where a touchpoint is: its stage, then its persona */
  g_string_append_printf (details, _("%s · %s"), stage, persona);
  if (entry->moment_of_truth)
    g_string_append_printf (details, " · %s", _("Moment of truth"));
  if (entry->emotion != JM_EMOTION_UNSET)
    g_string_append_printf (details, " · %s", jm_emotion_get_label (entry->emotion));
  jm_score_row_set_entry (row, entry, details->str);
}

static void
fill_ranking (JmScoresView *self)
{
  guint n_ranked;
  const JmScoreEntry **ranking = jm_score_report_get_ranking (self->report, &n_ranked);
  guint shown = MIN (n_ranked, RANKING_ROWS);

  set_rows (self, self->ranking_rows, shown, set_ranking_row, ranking);

  if (n_ranked > shown)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more scored touchpoint is not listed.",
                                                         "%u more scored touchpoints are not listed.",
                                                         n_ranked - shown),
                                               n_ranked - shown);
      gtk_label_set_text (GTK_LABEL (self->ranking_more), more);
    }
  else if (n_ranked == 0)
    gtk_label_set_text (GTK_LABEL (self->ranking_more),
                        _("Rate touchpoints to see which to fix first."));
  else
    gtk_label_set_text (GTK_LABEL (self->ranking_more), "");
  gtk_widget_set_visible (self->ranking_more,
                          *gtk_label_get_text (GTK_LABEL (self->ranking_more)) != '\0');
  gtk_widget_set_visible (self->ranking, shown > 0);
}

/* The votes ------------------------------------------------------------ */

static void
on_vote_row_activated (JmScoresView  *self,
                       GtkListBoxRow *row)
{
  JmTouchpoint *touchpoint = g_object_get_data (G_OBJECT (row), "touchpoint");

  if (touchpoint != NULL)
    g_signal_emit (self, signals[TOUCHPOINT_ACTIVATED], 0, touchpoint);
}

/* The newest round with dots: its cards, most dots first. */
static void
fill_votes (JmScoresView *self)
{
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (self->map));
  g_autoptr(GArray) ranking = NULL;
  g_autoptr(JmVoteRound) round = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->votes_list))) != NULL)
    gtk_list_box_remove (self->votes_list, child);
  for (guint i = g_list_model_get_n_items (rounds); i > 0 && ranking == NULL; i--)
    {
      g_autoptr(GArray) tallies = NULL;

      g_clear_object (&round);
      round = g_list_model_get_item (rounds, i - 1);
      tallies = jm_vote_ranking_new (self->map, round);
      if (tallies->len > 0)
        ranking = g_steal_pointer (&tallies);
    }
  gtk_widget_set_visible (self->votes_section, ranking != NULL);
  if (ranking == NULL)
    return;

  {
    const char *question = jm_vote_round_get_question (round);
    /* Translators: a round of dot voting's question, and whether it still takes dots. */
    g_autofree char *caption = g_strdup_printf (jm_vote_round_get_closed (round) ? _("%s (closed)") : _("%s (open)"),
                                                *question != '\0' ? question : _("Votes"));

    gtk_label_set_text (GTK_LABEL (self->votes_question), caption);
  }
  for (guint i = 0; i < MIN (ranking->len, RANKING_ROWS); i++)
    {
      const JmVoteTally *tally = &g_array_index (ranking, JmVoteTally, i);
      JmStage *stage = jm_map_lookup_stage (self->map, jm_touchpoint_get_stage_id (tally->touchpoint));
      JmPersona *persona = jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (tally->touchpoint));
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *where = g_strdup_printf (_("%s · %s"), stage != NULL ? jm_stage_get_name (stage) : "",
                                                persona != NULL ? jm_persona_get_name (persona) : "");
      g_autofree char *n_dots = g_strdup_printf (ngettext ("%d dot", "%d dots", tally->dots), tally->dots);
      g_autofree char *n_voters = g_strdup_printf (ngettext ("%u voter", "%u voters", tally->voters),
                                                   tally->voters);
      /* Translators: a card's dots in a voting round, and how many people placed them. */
      g_autofree char *dots = g_strdup_printf (_("%s, %s"), n_dots, n_voters);
      GtkWidget *label = gtk_label_new (dots);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_touchpoint_get_title (tally->touchpoint));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "touchpoint", g_object_ref (tally->touchpoint), g_object_unref);
      gtk_list_box_append (self->votes_list, row);
    }
}

/* Who owns the broken moments ------------------------------------------ */

/* Each team with its share of the negative moments and moments of truth,
 * the teams owning the most broken moments first: the cross-silo
 * question on one screen. */
static void
fill_silos (JmScoresView *self)
{
  g_autoptr(GArray) silos = NULL;
  guint n_negative = 0, n_moments = 0;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->silos_list))) != NULL)
    gtk_list_box_remove (self->silos_list, child);
  silos = jm_score_silos (self->map, &n_negative, &n_moments);
  gtk_widget_set_visible (self->silos_section, silos->len > 0 && (n_negative > 0 || n_moments > 0));
  if (!gtk_widget_get_visible (self->silos_section))
    return;
  /* Translators: the map's negative touchpoints and moments of truth. */
  summary = g_strdup_printf (_("%u negative moments and %u moments of truth; a moment owned by several teams counts for each of them."),
                             n_negative, n_moments);
  gtk_label_set_text (self->silos_summary, summary);
  for (guint i = 0; i < silos->len; i++)
    {
      const JmSilo *silo = &g_array_index (silos, JmSilo, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;
      g_autofree char *share = g_strdup_printf ("%.0f%%", 100 * silo->negative_share);
      GtkWidget *label = gtk_label_new (share);

      /* Translators: one team's part in the broken journey. */
      subtitle = g_strdup_printf (_("%u of its %u touchpoints negative (%u shared with other teams) · %u moments of truth, %u broken"),
                                  silo->n_negative, silo->n_cards, silo->n_shared_negative,
                                  silo->n_moments, silo->n_broken_moments);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), silo->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_tooltip_text (label, _("Share of the map's negative moments"));
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, silo->n_broken_moments > 0 ? "error" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->silos_list, row);
    }
}

/* The emotion chart ---------------------------------------------------- */

#define CHART_PLOT_HEIGHT 160
#define CHART_AXIS_WIDTH 36
#define CHART_LABEL_HEIGHT 36
#define CHART_LEGEND_ROW 22
#define CHART_MARK_RADIUS 4.5

static void
persona_colour (JmPersona *persona,
                guint      index,
                GdkRGBA   *colour)
{
  const char *value = jm_persona_get_colour (persona);

  if (value == NULL || !gdk_rgba_parse (colour, value))
    gdk_rgba_parse (colour, jm_palette_colour (index));
}

/* The chart's frame: where the plot is, and how high each emotion goes,
 * -2 at the bottom and +2 at the top. */
static void
chart_frame (JmEmotionChart *chart,
             int             width)
{
  double plot_h = CHART_PLOT_HEIGHT - 12;

  chart->left = CHART_AXIS_WIDTH;
  chart->right = CHART_AXIS_WIDTH + MAX (1.0, width - CHART_AXIS_WIDTH - 8);
  chart->top = 0;
  chart->bottom = CHART_PLOT_HEIGHT;
  chart->mid = 6 + plot_h / 2;
  chart->amp = plot_h / (JM_EMOTION_MAX - JM_EMOTION_MIN);
}

/* Under the chart, each persona's shape and colour beside their name,
 * wrapped over as many rows as it needs. */
static void
draw_chart_legend (JmScoresView *self,
                   GtkWidget    *widget,
                   cairo_t      *cr,
                   int           width,
                   const GdkRGBA *fg)
{
  guint n_lanes = jm_score_report_get_n_groups (self->report, JM_SCORE_BY_LANE);
  double x = CHART_AXIS_WIDTH, y = CHART_PLOT_HEIGHT + CHART_LABEL_HEIGHT;

  for (guint l = 0; l < n_lanes; l++)
    {
      JmPersona *persona = jm_score_report_get_group (self->report, JM_SCORE_BY_LANE, l)->object;
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, jm_persona_get_name (persona));
      int w, h;
      GdkRGBA colour;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (x > CHART_AXIS_WIDTH && x + 20 + w > width)
        {
          x = CHART_AXIS_WIDTH;
          y += CHART_LEGEND_ROW;
        }
      persona_colour (persona, l, &colour);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_new_path (cr);
      jm_emotion_chart_mark_path (cr, l, x + 6, y + h / 2.0, CHART_MARK_RADIUS);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
      cairo_move_to (cr, x + 16, y);
      pango_cairo_show_layout (cr, layout);
      x += 16 + w + 18;
    }
}

/* Every persona's curve on one scale, drawn as the walk bar and print draw
 * theirs; each persona's points get a shape of their own. */
static void
draw_emotion_chart (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  JmScoresView *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  guint n_stages, n_lanes;
  g_autofree double *x = NULL, *column_x = NULL, *column_width = NULL, *unrated = NULL;
  g_autofree const char **names = NULL;
  g_autoptr(PangoLayout) labels = gtk_widget_create_pango_layout (widget, NULL);
  JmEmotionChart chart = { 0 };
  double step;
  GdkRGBA fg;

  if (self->report == NULL)
    return;

  get_foreground (widget, &fg);
  n_stages = jm_score_report_get_n_groups (self->report, JM_SCORE_BY_STAGE);
  n_lanes = jm_score_report_get_n_groups (self->report, JM_SCORE_BY_LANE);
  x = g_new (double, MAX (n_stages, 1));
  column_x = g_new (double, MAX (n_stages, 1));
  column_width = g_new (double, MAX (n_stages, 1));
  names = g_new0 (const char *, n_stages + 1);
  unrated = g_new (double, MAX (n_stages, 1));

  chart_frame (&chart, width);
  step = n_stages > 0 ? (chart.right - chart.left) / n_stages : chart.right - chart.left;
  for (guint s = 0; s < n_stages; s++)
    {
      column_x[s] = chart.left + step * s;
      column_width[s] = step;
      x[s] = column_x[s] + step / 2;
      names[s] = jm_score_report_get_group (self->report, JM_SCORE_BY_STAGE, s)->label;
      unrated[s] = NAN;
    }

  /* The scale and the stage names once, with no curve... */
  chart.flags = JM_EMOTION_CHART_SCALE;
  chart.n_points = n_stages;
  chart.values = unrated;
  chart.x = x;
  chart.rule = (JmRgba) { fg.red, fg.green, fg.blue, fg.alpha };
  chart.labels = labels;
  chart.names = names;
  chart.column_x = column_x;
  chart.column_width = column_width;
  chart.names_y = CHART_PLOT_HEIGHT + 4;
  jm_emotion_chart_draw (&chart, cr);

  /* ...then each persona's curve over them. */
  chart.flags = JM_EMOTION_CHART_ROUND;
  chart.names = NULL;
  chart.line_width = 2.5;
  chart.mark_radius = CHART_MARK_RADIUS;
  for (guint l = 0; l < n_lanes; l++)
    {
      JmPersona *persona = jm_score_report_get_group (self->report, JM_SCORE_BY_LANE, l)->object;
      g_autofree double *values = jm_emotion_chart_values (self->report, l, n_stages);
      GdkRGBA colour;

      persona_colour (persona, l, &colour);
      chart.line = (JmRgba) { colour.red, colour.green, colour.blue, colour.alpha };
      chart.values = values;
      chart.mark = l;
      jm_emotion_chart_draw (&chart, cr);
    }

  draw_chart_legend (self, widget, cr, width, &fg);
}

/* Screen readers cannot see the chart: say what it shows. */
static void
describe_emotion_chart (JmScoresView *self)
{
  guint n_stages = jm_score_report_get_n_groups (self->report, JM_SCORE_BY_STAGE);
  guint n_lanes = jm_score_report_get_n_groups (self->report, JM_SCORE_BY_LANE);
  GString *text = g_string_new (NULL);
  g_autofree char *description = NULL;

  for (guint l = 0; l < n_lanes; l++)
    {
      g_string_append_printf (text, "%s%s:", l > 0 ? "; " : "",
                              jm_score_report_get_group (self->report, JM_SCORE_BY_LANE, l)->label);
      for (guint s = 0; s < n_stages; s++)
        {
          double e = jm_score_report_get_emotion (self->report, l, s);
          g_autofree char *value = isnan (e) ? g_strdup (_("no emotion")) : g_strdup_printf ("%+.1f", e);

          g_string_append_printf (text, "%s %s %s", s > 0 ? "," : "",
                                  jm_score_report_get_group (self->report, JM_SCORE_BY_STAGE, s)->label,
                                  value);
        }
    }
  description = g_string_free (text, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->emotion_chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->emotion_chart),
                                       CHART_PLOT_HEIGHT + CHART_LABEL_HEIGHT +
                                       CHART_LEGEND_ROW * MAX (1, (n_lanes + 3) / 4));
  gtk_widget_queue_draw (self->emotion_chart);
}


/* Updating ------------------------------------------------------------- */

static void
recompute (JmScoresView *self)
{
  const JmScoreSummary *overall;
  g_autofree char *mean = NULL;
  g_autofree char *text = NULL;

  self->stale = FALSE;
  g_clear_pointer (&self->report, jm_score_report_unref);
  if (self->map == NULL)
    {
      gtk_widget_set_visible (self->scrolled, FALSE);
      return;
    }
  gtk_widget_set_visible (self->scrolled, TRUE);

  self->report = jm_score_report_new (self->map);
  overall = jm_score_report_get_overall (self->report);
  mean = format_score (overall->mean);
  /* Translators: the map's overall score, then how many touchpoints and
   * ratings it rests on */
  text = g_strdup_printf (_("Overall score %s, from %u of %u touchpoints and %u ratings"),
                          mean, overall->n_scored, overall->n_touchpoints, overall->n_ratings);
  gtk_label_set_text (GTK_LABEL (self->overall), text);

  fill_ranking (self);
  fill_votes (self);
  fill_silos (self);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    fill_table (self, k);
  describe_emotion_chart (self);
}

static gboolean
update_idle (gpointer user_data)
{
  JmScoresView *self = user_data;

  self->update_source = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (JmScoresView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle, self, NULL);
}

static void
on_map_changed (JmScoresView *self)
{
  queue_update (self);
}

/* GObject -------------------------------------------------------------- */

static void
jm_scores_view_map (GtkWidget *widget)
{
  JmScoresView *self = JM_SCORES_VIEW (widget);

  /* Before the children map, so that they show current figures at once. */
  if (self->stale)
    recompute (self);
  GTK_WIDGET_CLASS (jm_scores_view_parent_class)->map (widget);
}

static void
jm_scores_view_dispose (GObject *object)
{
  JmScoresView *self = JM_SCORES_VIEW (object);

  jm_scores_view_set_map (self, NULL);
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_pointer (&self->report, jm_score_report_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_SCORES_VIEW);
  g_clear_object (&self->ranking_rows);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    g_clear_object (&self->table_rows[k]);

  G_OBJECT_CLASS (jm_scores_view_parent_class)->dispose (object);
}

static void
jm_scores_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JmScoresView *self = JM_SCORES_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_scores_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JmScoresView *self = JM_SCORES_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_scores_view_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  /* In JmScoreGroupKind order. */
  static const char *tables[] = { "stage_table", "lane_table", "channel_table", "team_table" };
  static const char *empty_labels[] = { "stage_empty", "lane_empty", "channel_empty", "team_empty" };

  G_STATIC_ASSERT (G_N_ELEMENTS (tables) == JM_SCORE_N_GROUP_KINDS);

  /* Referencing the resource keeps it linked from the static library (its
   * constructor then registers it) in programs that use no other template. */
  g_assert (jm_app_get_resource () != NULL);
  g_type_ensure (JM_TYPE_SCORE_SORTER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-scores-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, overall);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, ranking);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, ranking_more);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, votes_section);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, votes_question);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, votes_list);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, silos_section);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, silos_summary);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, silos_list);
  gtk_widget_class_bind_template_child (widget_class, JmScoresView, emotion_chart);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, tables[k], FALSE,
                                                 G_STRUCT_OFFSET (JmScoresView, tables) +
                                                 k * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, empty_labels[k], FALSE,
                                                 G_STRUCT_OFFSET (JmScoresView, empty_labels) +
                                                 k * sizeof (GtkWidget *));
    }
  gtk_widget_class_bind_template_callback (widget_class, setup_name_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_score_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_score_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_range_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_deviation_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_touchpoints_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_ratings_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_rank_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_touchpoint_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_touchpoint_cell);
  gtk_widget_class_bind_template_callback (widget_class, on_ranking_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_vote_row_activated);
}

static void
jm_scores_view_class_init (JmScoresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_scores_view_dispose;
  object_class->get_property = jm_scores_view_get_property;
  object_class->set_property = jm_scores_view_set_property;
  widget_class->map = jm_scores_view_map;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmScoresView::touchpoint-activated:
   * @touchpoint: the touchpoint
   *
   * Emitted when the user activates a touchpoint in the fix-first list,
   * so that the window can select it on the board.
   */
  signals[TOUCHPOINT_ACTIVATED] =
    g_signal_new ("touchpoint-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JM_TYPE_TOUCHPOINT);

  bind_template (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jmscoresview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Right-aligns the titles of @view's columns of numbers over their numbers,
 * with the sort arrow before the title rather than after it. GTK 4.8 has
 * no setting for this: it rearranges the header's title, a label and an
 * arrow in a box, and leaves any other header as it is. */
static void
align_number_titles (GtkWidget *view)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  GtkWidget *header = gtk_widget_get_first_child (view);
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;

  for (guint i = 0; title != NULL && i < g_list_model_get_n_items (columns);
       i++, title = gtk_widget_get_next_sibling (title))
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);
      GtkWidget *box = gtk_widget_get_first_child (title);
      GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;
      GtkWidget *arrow = label != NULL ? gtk_widget_get_next_sibling (label) : NULL;

      if (!JM_IS_SCORE_SORTER (sorter) || jm_score_sorter_get_key (JM_SCORE_SORTER (sorter)) == JM_SCORE_SORT_NAME)
        continue;
      if (!GTK_IS_BOX (box) || !GTK_IS_LABEL (label) || arrow == NULL ||
          gtk_widget_get_next_sibling (arrow) != NULL)
        continue;
      gtk_widget_set_halign (box, GTK_ALIGN_END);
      gtk_box_reorder_child_after (GTK_BOX (box), arrow, NULL);
    }
}

/* Gives @view a model of @rows that sorts as its headers say. */
static void
set_table_model (GtkWidget  *view,
                 GListStore *rows)
{
  GtkSorter *sorter = jm_score_sorter_missing_last (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view)));
  GtkSortListModel *sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (rows)), sorter);
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (G_LIST_MODEL (sorted));

  gtk_column_view_set_model (GTK_COLUMN_VIEW (view), GTK_SELECTION_MODEL (selection));
  align_number_titles (view);
}

static void
jm_scores_view_init (JmScoresView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ranking_rows = g_list_store_new (JM_TYPE_SCORE_ROW);
  set_table_model (self->ranking, self->ranking_rows);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    {
      self->table_rows[k] = g_list_store_new (JM_TYPE_SCORE_ROW);
      set_table_model (self->tables[k], self->table_rows[k]);
    }

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->emotion_chart),
                                       CHART_PLOT_HEIGHT + CHART_LABEL_HEIGHT + CHART_LEGEND_ROW);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->emotion_chart),
                                  draw_emotion_chart, self, NULL);
}

/**
 * jm_scores_view_new:
 * @map: (nullable): the map to show
 *
 * Returns: (transfer full): a new scores view
 */
GtkWidget *
jm_scores_view_new (JmMap *map)
{
  g_return_val_if_fail (map == NULL || JM_IS_MAP (map), NULL);
  return g_object_new (JM_TYPE_SCORES_VIEW, "map", map, NULL);
}

/**
 * jm_scores_view_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_scores_view_get_map (JmScoresView *self)
{
  g_return_val_if_fail (JM_IS_SCORES_VIEW (self), NULL);
  return self->map;
}

/**
 * jm_scores_view_set_map:
 * @map: (nullable): the map to show
 *
 * Shows @map's scores, and follows its edits from then on. The figures are
 * worked out when the view shows (at once if it is on screen) or when
 * jm_scores_view_get_report() asks for them.
 */
void
jm_scores_view_set_map (JmScoresView *self,
                        JmMap        *map)
{
  g_return_if_fail (JM_IS_SCORES_VIEW (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_touchpoints (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_stages (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_personas (self->map), self);
    }
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      /* Every user edit ends on the history; loaders and imports append
       * to the lists without it. */
      g_signal_connect_swapped (jm_map_get_history (map), "changed",
                                G_CALLBACK (on_map_changed), self);
      g_signal_connect_swapped (jm_map_get_touchpoints (map), "items-changed",
                                G_CALLBACK (on_map_changed), self);
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed",
                                G_CALLBACK (on_map_changed), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed",
                                G_CALLBACK (on_map_changed), self);
    }

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (map == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        recompute (self);
    }
  else
    {
      /* Off screen: worked out when the view shows or the report is asked for. */
      g_clear_pointer (&self->report, jm_score_report_unref);
      self->stale = TRUE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_scores_view_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown, %NULL without a map;
 *   replaced after the map changes, once the view has caught up
 */
JmScoreReport *
jm_scores_view_get_report (JmScoresView *self)
{
  g_return_val_if_fail (JM_IS_SCORES_VIEW (self), NULL);
  if (self->stale)
    recompute (self);
  return self->report;
}
