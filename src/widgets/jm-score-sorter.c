/* jm-score-sorter.c: how the tables of the Scores page sort
 *
 * A JmScoreSorter sorts #JmScoreRow items on one of their figures, numbers
 * as numbers and names as a reader would order them. A column view turns
 * its sorters around for a descending sort, and that would bring the
 * groups nobody rated ("not rated", no range) to the top;
 * jm_score_sorter_missing_last() wraps the column view's sorter so that
 * they stay at the bottom either way.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-sorter"

#include "config.h"

#include <math.h>

#include "jm-score-row.h"
#include "jm-score-sorter.h"

G_DEFINE_ENUM_TYPE (JmScoreSortKey, jm_score_sort_key,
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_NAME, "name"),
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_SCORE, "score"),
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_RANGE, "range"),
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_DEVIATION, "deviation"),
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_TOUCHPOINTS, "touchpoints"),
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_RATINGS, "ratings"),
                    G_DEFINE_ENUM_VALUE (JM_SCORE_SORT_RANK, "rank"))

struct _JmScoreSorter
{
  GtkSorter      parent_instance;

  JmScoreSortKey key;
};

G_DEFINE_FINAL_TYPE (JmScoreSorter, jm_score_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Set while jm_score_sorter_missing_last() asks a column view which of its
 * columns sorts first: that column's sorter answers here instead. */
static JmScoreSorter **probe_answer;

static GtkOrdering
compare_counts (guint a,
                guint b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Missing figures (NAN) after every figure, and equal to each other. */
static GtkOrdering
compare_figures (double a,
                 double b)
{
  if (isnan (a) || isnan (b))
    return compare_counts (isnan (a), isnan (b));
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkOrdering
compare_rows (JmScoreSortKey  key,
              JmScoreRow     *a,
              JmScoreRow     *b)
{
  GtkOrdering order;

  switch (key)
    {
    case JM_SCORE_SORT_NAME:
      return gtk_ordering_from_cmpfunc (g_utf8_collate (jm_score_row_get_name (a),
                                                        jm_score_row_get_name (b)));
    case JM_SCORE_SORT_SCORE:
      return compare_figures (jm_score_row_get_score (a), jm_score_row_get_score (b));
    case JM_SCORE_SORT_RANGE:
      order = compare_figures (jm_score_row_get_minimum (a), jm_score_row_get_minimum (b));
      if (order == GTK_ORDERING_EQUAL)
        order = compare_figures (jm_score_row_get_maximum (a), jm_score_row_get_maximum (b));
      return order;
    case JM_SCORE_SORT_DEVIATION:
      return compare_figures (jm_score_row_get_deviation (a), jm_score_row_get_deviation (b));
    case JM_SCORE_SORT_TOUCHPOINTS:
      order = compare_counts (jm_score_row_get_n_scored (a), jm_score_row_get_n_scored (b));
      if (order == GTK_ORDERING_EQUAL)
        order = compare_counts (jm_score_row_get_n_touchpoints (a), jm_score_row_get_n_touchpoints (b));
      return order;
    case JM_SCORE_SORT_RATINGS:
      return compare_counts (jm_score_row_get_n_ratings (a), jm_score_row_get_n_ratings (b));
    case JM_SCORE_SORT_RANK:
      return compare_counts (jm_score_row_get_rank (a), jm_score_row_get_rank (b));
    default:
      g_assert_not_reached ();
    }
}

/* Whether @row has no figure to sort on under @key. */
static gboolean
is_missing (JmScoreSortKey  key,
            JmScoreRow     *row)
{
  switch (key)
    {
    case JM_SCORE_SORT_SCORE:
      return isnan (jm_score_row_get_score (row));
    case JM_SCORE_SORT_RANGE:
      return isnan (jm_score_row_get_minimum (row));
    case JM_SCORE_SORT_DEVIATION:
      return isnan (jm_score_row_get_deviation (row));
    default:
      return FALSE;
    }
}

static GtkOrdering
jm_score_sorter_compare (GtkSorter *sorter,
                         gpointer   item1,
                         gpointer   item2)
{
  JmScoreSorter *self = JM_SCORE_SORTER (sorter);

  if (G_UNLIKELY (probe_answer != NULL))
    {
      *probe_answer = self;
      return GTK_ORDERING_SMALLER;
    }
  return compare_rows (self->key, item1, item2);
}

static GtkSorterOrder
jm_score_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
jm_score_sorter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JmScoreSorter *self = JM_SCORE_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_enum (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_score_sorter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JmScoreSorter *self = JM_SCORE_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      if (self->key != (JmScoreSortKey) g_value_get_enum (value))
        {
          self->key = g_value_get_enum (value);
          gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_score_sorter_class_init (JmScoreSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = jm_score_sorter_get_property;
  object_class->set_property = jm_score_sorter_set_property;
  sorter_class->compare = jm_score_sorter_compare;
  sorter_class->get_order = jm_score_sorter_get_order;

  properties[PROP_KEY] =
    g_param_spec_enum ("key", NULL, NULL, JM_TYPE_SCORE_SORT_KEY, JM_SCORE_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_score_sorter_init (JmScoreSorter *self)
{
}

/**
 * jm_score_sorter_new:
 * @key: what to sort on
 *
 * Returns: (transfer full): a sorter of #JmScoreRow items
 */
GtkSorter *
jm_score_sorter_new (JmScoreSortKey key)
{
  return g_object_new (JM_TYPE_SCORE_SORTER, "key", key, NULL);
}

JmScoreSortKey
jm_score_sorter_get_key (JmScoreSorter *self)
{
  g_return_val_if_fail (JM_IS_SCORE_SORTER (self), JM_SCORE_SORT_NAME);
  return self->key;
}

/* Missing figures last, whichever way the table sorts ----------------- */

typedef struct
{
  GtkSorter     *columns;
  GtkSorter     *sorter;
  JmScoreSorter *primary;
} MissingLast;

static void
missing_last_free (gpointer data)
{
  MissingLast *self = data;

  g_signal_handlers_disconnect_by_data (self->columns, self);
  g_object_unref (self->columns);
  g_clear_weak_pointer (&self->primary);
  g_free (self);
}

/* GTK 4.8 does not say which column a column view sorts by first (4.10
 * does): ask its sorter to compare two items, and see which of our sorters
 * it turns to first. Items are not looked at while asking. */
static void
on_columns_changed (MissingLast *self)
{
  JmScoreSorter *primary = NULL;

  probe_answer = &primary;
  gtk_sorter_compare (self->columns, self->columns, self->sorter);
  probe_answer = NULL;
  g_set_weak_pointer (&self->primary, primary);
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static int
missing_last_compare (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  MissingLast *self = data;

  if (self->primary != NULL)
    {
      gboolean missing_a = is_missing (self->primary->key, (JmScoreRow *) a);
      gboolean missing_b = is_missing (self->primary->key, (JmScoreRow *) b);

      if (missing_a != missing_b)
        return missing_a ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
    }
  return gtk_sorter_compare (self->columns, (gpointer) a, (gpointer) b);
}

/**
 * jm_score_sorter_missing_last:
 * @column_view_sorter: the sorter of a column view whose columns sort with
 *   #JmScoreSorter
 *
 * Sorts as @column_view_sorter does, except that rows without a figure in
 * the column sorted by come last in both directions.
 *
 * Returns: (transfer full): a sorter for the column view's model
 */
GtkSorter *
jm_score_sorter_missing_last (GtkSorter *column_view_sorter)
{
  MissingLast *self;

  g_return_val_if_fail (GTK_IS_SORTER (column_view_sorter), NULL);

  self = g_new0 (MissingLast, 1);
  self->columns = g_object_ref (column_view_sorter);
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (missing_last_compare, self, missing_last_free));
  g_signal_connect_swapped (column_view_sorter, "changed", G_CALLBACK (on_columns_changed), self);
  return self->sorter;
}
