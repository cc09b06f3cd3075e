/* jm-score-row.c: one row of a table on the Scores page
 *
 * The figures are kept as numbers (NAN where there are none), so that the
 * tables sort on them; the page formats them as it shows them.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-row"

#include "config.h"

#include <math.h>

#include "jm-score-row.h"

struct _JmScoreRow
{
  GObject       parent_instance;

  char         *name;
  char         *details;
  double        score;
  double        minimum;
  double        maximum;
  double        deviation;
  guint         n_scored;
  guint         n_touchpoints;
  guint         n_ratings;
  guint         rank;
  JmTouchpoint *touchpoint;
};

G_DEFINE_FINAL_TYPE (JmScoreRow, jm_score_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DETAILS,
  PROP_SCORE,
  PROP_MINIMUM,
  PROP_MAXIMUM,
  PROP_DEVIATION,
  PROP_N_SCORED,
  PROP_N_TOUCHPOINTS,
  PROP_N_RATINGS,
  PROP_RANK,
  PROP_TOUCHPOINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jm_score_row_finalize (GObject *object)
{
  JmScoreRow *self = JM_SCORE_ROW (object);

  g_free (self->name);
  g_free (self->details);
  g_clear_object (&self->touchpoint);

  G_OBJECT_CLASS (jm_score_row_parent_class)->finalize (object);
}

static void
jm_score_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JmScoreRow *self = JM_SCORE_ROW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_MINIMUM:
      g_value_set_double (value, self->minimum);
      break;
    case PROP_MAXIMUM:
      g_value_set_double (value, self->maximum);
      break;
    case PROP_DEVIATION:
      g_value_set_double (value, self->deviation);
      break;
    case PROP_N_SCORED:
      g_value_set_uint (value, self->n_scored);
      break;
    case PROP_N_TOUCHPOINTS:
      g_value_set_uint (value, self->n_touchpoints);
      break;
    case PROP_N_RATINGS:
      g_value_set_uint (value, self->n_ratings);
      break;
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    case PROP_TOUCHPOINT:
      g_value_set_object (value, self->touchpoint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
figure_param (const char *name)
{
  /* NAN stands for "no figure": a score nobody rated has no mean. A
   * GParamSpec cannot default to NAN, so the default says 0. */
  return g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_param (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
jm_score_row_class_init (JmScoreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jm_score_row_finalize;
  object_class->get_property = jm_score_row_get_property;

  /* The group's label, or the touchpoint's title. */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* Where a ranked touchpoint is; %NULL for a group. */
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);
  /* The group's mean, or the touchpoint's composite. */
  properties[PROP_SCORE] = figure_param ("score");
  properties[PROP_MINIMUM] = figure_param ("minimum");
  properties[PROP_MAXIMUM] = figure_param ("maximum");
  properties[PROP_DEVIATION] = figure_param ("deviation");
  properties[PROP_N_SCORED] = count_param ("n-scored");
  properties[PROP_N_TOUCHPOINTS] = count_param ("n-touchpoints");
  properties[PROP_N_RATINGS] = count_param ("n-ratings");
  /* 1 for the touchpoint to fix first; 0 for a group. */
  properties[PROP_RANK] = count_param ("rank");
  properties[PROP_TOUCHPOINT] = g_param_spec_object ("touchpoint", NULL, NULL, JM_TYPE_TOUCHPOINT, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_score_row_init (JmScoreRow *self)
{
  self->score = self->minimum = self->maximum = self->deviation = NAN;
}

/**
 * jm_score_row_new:
 *
 * Returns: (transfer full): a row with no name and no figures
 */
JmScoreRow *
jm_score_row_new (void)
{
  return g_object_new (JM_TYPE_SCORE_ROW, NULL);
}

static void
set_string (JmScoreRow  *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Figures compare as equal when both are missing. */
static void
set_figure (JmScoreRow *self,
            double     *field,
            double      value,
            guint       prop)
{
  if (*field == value || (isnan (*field) && isnan (value)))
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_count (JmScoreRow *self,
           guint      *field,
           guint       value,
           guint       prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_touchpoint (JmScoreRow   *self,
                JmTouchpoint *touchpoint)
{
  if (g_set_object (&self->touchpoint, touchpoint))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOUCHPOINT]);
}

/**
 * jm_score_row_set_group:
 * @group: a group of a #JmScoreReport
 *
 * Makes @self show @group: a copy of its label and its figures.
 */
void
jm_score_row_set_group (JmScoreRow         *self,
                        const JmScoreGroup *group)
{
  const JmScoreSummary *s;

  g_return_if_fail (JM_IS_SCORE_ROW (self));
  g_return_if_fail (group != NULL);

  s = &group->summary;
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->name, group->label, PROP_NAME);
  set_string (self, &self->details, NULL, PROP_DETAILS);
  set_figure (self, &self->score, s->mean, PROP_SCORE);
  set_figure (self, &self->minimum, s->min, PROP_MINIMUM);
  set_figure (self, &self->maximum, s->max, PROP_MAXIMUM);
  set_figure (self, &self->deviation, s->stddev, PROP_DEVIATION);
  set_count (self, &self->n_scored, s->n_scored, PROP_N_SCORED);
  set_count (self, &self->n_touchpoints, s->n_touchpoints, PROP_N_TOUCHPOINTS);
  set_count (self, &self->n_ratings, s->n_ratings, PROP_N_RATINGS);
  set_count (self, &self->rank, 0, PROP_RANK);
  set_touchpoint (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * jm_score_row_set_entry:
 * @entry: a ranked touchpoint of a #JmScoreReport
 * @details: where it is, as shown under its title
 *
 * Makes @self show @entry.
 */
void
jm_score_row_set_entry (JmScoreRow         *self,
                        const JmScoreEntry *entry,
                        const char         *details)
{
  g_return_if_fail (JM_IS_SCORE_ROW (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (JM_IS_TOUCHPOINT (entry->touchpoint));

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->name, jm_touchpoint_get_title (entry->touchpoint), PROP_NAME);
  set_string (self, &self->details, details, PROP_DETAILS);
  set_figure (self, &self->score, entry->composite, PROP_SCORE);
  set_figure (self, &self->minimum, NAN, PROP_MINIMUM);
  set_figure (self, &self->maximum, NAN, PROP_MAXIMUM);
  set_figure (self, &self->deviation, NAN, PROP_DEVIATION);
  set_count (self, &self->n_scored, 0, PROP_N_SCORED);
  set_count (self, &self->n_touchpoints, 0, PROP_N_TOUCHPOINTS);
  set_count (self, &self->n_ratings, 0, PROP_N_RATINGS);
  set_count (self, &self->rank, entry->rank, PROP_RANK);
  set_touchpoint (self, entry->touchpoint);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
jm_score_row_get_name (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NULL);
  return self->name;
}

const char *
jm_score_row_get_details (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NULL);
  return self->details;
}

double
jm_score_row_get_score (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NAN);
  return self->score;
}

double
jm_score_row_get_minimum (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NAN);
  return self->minimum;
}

double
jm_score_row_get_maximum (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NAN);
  return self->maximum;
}

double
jm_score_row_get_deviation (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NAN);
  return self->deviation;
}

guint
jm_score_row_get_n_scored (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), 0);
  return self->n_scored;
}

guint
jm_score_row_get_n_touchpoints (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), 0);
  return self->n_touchpoints;
}

guint
jm_score_row_get_n_ratings (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), 0);
  return self->n_ratings;
}

guint
jm_score_row_get_rank (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), 0);
  return self->rank;
}

/**
 * jm_score_row_get_touchpoint:
 *
 * Returns: (transfer none) (nullable): the ranked touchpoint; %NULL for a group
 */
JmTouchpoint *
jm_score_row_get_touchpoint (JmScoreRow *self)
{
  g_return_val_if_fail (JM_IS_SCORE_ROW (self), NULL);
  return self->touchpoint;
}
