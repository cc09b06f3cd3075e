/* jm-scoring.c: a touchpoint's composite score, weights and heat-map colours
 *
 * A composite is the weighted mean of a touchpoint's rated measures. An
 * unrated measure (0) is missing, not a zero: it leaves the mean and its
 * weight out. A measure of weight 0 does not count at all. A touchpoint
 * with no rated measure of positive weight has no composite.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-scoring"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "jm-scoring.h"

G_DEFINE_QUARK (jm-scoring-error-quark, jm_scoring_error)

/**
 * jm_scoring_check_weights:
 * @map: a map
 * @error: set to a %JM_SCORING_ERROR when the weights are unusable
 *
 * Checks that no weight is negative (or not a number) and that at least
 * one measure has a positive weight, since otherwise no touchpoint of the
 * map can have a composite score.
 *
 * Returns: %TRUE if the map's weights can score touchpoints
 */
gboolean
jm_scoring_check_weights (JmMap   *map,
                          GError **error)
{
  gboolean any_positive = FALSE;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      double weight = jm_map_get_weight (map, m);

      if (isnan (weight) || weight < 0.0)
        {
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          g_set_error (error, JM_SCORING_ERROR, JM_SCORING_ERROR_NEGATIVE_WEIGHT,
                       /* Translators: %s is a measure such as "Convenience", then a number */
                       _("The weight of %s is %s: weights must be 0 or more."),
                       jm_measure_get_label (m), g_ascii_dtostr (text, sizeof text, weight));
          return FALSE;
        }
      if (weight > 0.0)
        any_positive = TRUE;
    }

  if (!any_positive)
    {
      g_set_error_literal (error, JM_SCORING_ERROR, JM_SCORING_ERROR_NO_WEIGHT,
                           _("Every measure has weight 0, so no touchpoint can be scored."));
      return FALSE;
    }
  return TRUE;
}

/**
 * jm_score_ratings:
 * @ratings: (array fixed-size=4): one rating per #JmMeasure, 1 to 5, or 0 for unrated
 * @weights: (array fixed-size=4): one weight per #JmMeasure, 0 or more
 * @composite: (out) (optional): the weighted mean of the rated measures;
 *   NAN when there is none
 * @n_ratings: (out) (optional): how many ratings the composite rests on
 *   (rated measures of positive weight)
 *
 * The arithmetic behind jm_score_touchpoint(), for callers that already
 * hold the ratings and weights.
 *
 * Returns: %TRUE if there is a composite
 */
gboolean
jm_score_ratings (const int    *ratings,
                  const double *weights,
                  double       *composite,
                  guint        *n_ratings)
{
  double sum = 0.0, weight_sum = 0.0;
  guint n = 0;

  g_return_val_if_fail (ratings != NULL, FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      /* A NaN weight fails this test as well, and so is left out. */
      if (ratings[m] < JM_RATING_MIN || ratings[m] > JM_RATING_MAX || !(weights[m] > 0.0))
        continue;
      sum += weights[m] * ratings[m];
      weight_sum += weights[m];
      n++;
    }

  if (n_ratings != NULL)
    *n_ratings = n;
  if (n == 0)
    {
      if (composite != NULL)
        *composite = NAN;
      return FALSE;
    }

  if (composite != NULL)
    {
      /* Rounding may leave the mean a hair outside the ratings it averages. */
      *composite = CLAMP (sum / weight_sum, (double) JM_RATING_MIN, (double) JM_RATING_MAX);
    }
  return TRUE;
}

/**
 * jm_score_touchpoint:
 * @map: the map that holds the weights
 * @touchpoint: a touchpoint
 * @composite: (out) (optional): the touchpoint's composite score, 1 to 5;
 *   NAN when it has none
 *
 * Computes the weighted mean of the touchpoint's rated measures, with the
 * map's weights. Unrated measures and measures of weight 0 are left out.
 *
 * Returns: %TRUE if the touchpoint has a composite score
 */
gboolean
jm_score_touchpoint (JmMap        *map,
                     JmTouchpoint *touchpoint,
                     double       *composite)
{
  int ratings[JM_N_MEASURES];
  double weights[JM_N_MEASURES];

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (touchpoint), FALSE);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      ratings[m] = jm_touchpoint_get_rating (touchpoint, m);
      weights[m] = jm_map_get_weight (map, m);
    }
  return jm_score_ratings (ratings, weights, composite, NULL);
}

/* ColorBrewer's 5-class RdBu, marked safe for colour-blind readers: a
 * diverging scale, because 3 is the neutral middle of a 1-5 rating and the
 * eye should go to both ends, red for broken, blue for good. Red and blue
 * stay apart for protanopes and deuteranopes (red reads as a dark ochre),
 * and lightness falls off on both sides of the middle, so the ends are
 * distinct in greyscale prints too. */
static const guint8 palette[5][3] = {
  { 0xca, 0x00, 0x20 },   /* 1 */
  { 0xf4, 0xa5, 0x82 },   /* 2 */
  { 0xf7, 0xf7, 0xf7 },   /* 3 */
  { 0x92, 0xc5, 0xde },   /* 4 */
  { 0x05, 0x71, 0xb0 },   /* 5 */
};

/* Unscored cards: a mid grey that no score produces. */
static const guint8 unscored[3] = { 0xbd, 0xbd, 0xbd };

/**
 * jm_score_colour:
 * @score: a score from 1 to 5, or NAN for none
 * @red: (out): red, 0 to 1
 * @green: (out): green, 0 to 1
 * @blue: (out): blue, 0 to 1
 *
 * The heat-map colour of a score, on ColorBrewer's red-to-blue diverging
 * scale (safe for colour-blind readers): 1 is dark red, 3 near white, 5
 * dark blue, interpolated in between. Scores outside 1-5 are clamped. A
 * missing score (NAN) gets a mid grey, which callers should pair with a
 * second cue (a pattern or a "not rated" label), as they should every
 * colour.
 */
void
jm_score_colour (double  score,
                 double *red,
                 double *green,
                 double *blue)
{
  double rgb[3];

  g_return_if_fail (red != NULL && green != NULL && blue != NULL);

  if (isnan (score))
    {
      for (guint c = 0; c < 3; c++)
        rgb[c] = unscored[c] / 255.0;
    }
  else
    {
      double x = CLAMP (score, 1.0, 5.0) - 1.0;
      guint i = MIN ((guint) x, 3);
      double t = x - i;

      for (guint c = 0; c < 3; c++)
        rgb[c] = ((1.0 - t) * palette[i][c] + t * palette[i + 1][c]) / 255.0;
    }

  *red = rgb[0];
  *green = rgb[1];
  *blue = rgb[2];
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/**
 * jm_score_text_colour:
 * @score: a score from 1 to 5, or NAN for none
 * @red: (out): red, 0 to 1
 * @green: (out): green, 0 to 1
 * @blue: (out): blue, 0 to 1
 *
 * The colour of text drawn on jm_score_colour() for the same score: black
 * or white, whichever has the higher WCAG contrast ratio against it (at
 * least 4.5:1 over the whole scale).
 */
void
jm_score_text_colour (double  score,
                      double *red,
                      double *green,
                      double *blue)
{
  double r, g, b, luminance, on_black, on_white, v;

  g_return_if_fail (red != NULL && green != NULL && blue != NULL);

  jm_score_colour (score, &r, &g, &b);
  luminance = 0.2126 * linear_channel (r) + 0.7152 * linear_channel (g) +
              0.0722 * linear_channel (b);
  on_black = (luminance + 0.05) / 0.05;
  on_white = 1.05 / (luminance + 0.05);
  v = on_black >= on_white ? 0.0 : 1.0;

  *red = v;
  *green = v;
  *blue = v;
}
