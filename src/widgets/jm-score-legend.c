/* jm-score-legend.c: the heat-map colours of scores 1 to 5, and unscored grey
 *
 * One row: "Poor", five swatches numbered 1 to 5 in the colours of
 * jm_score_colour(), "Good", then the grey of a card with no score. The
 * numbers are written on the swatches, as on the cards, so the legend reads
 * without telling the colours apart.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-legend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jm-score-legend.h"
#include "jm-scoring.h"

#define SWATCH_WIDTH 24
#define SWATCH_HEIGHT 20
#define GAP 6

struct _JmScoreLegend
{
  GtkWidget    parent_instance;

  PangoLayout *low;
  PangoLayout *high;
  PangoLayout *unscored;
  PangoLayout *digits[5];
};

G_DEFINE_FINAL_TYPE (JmScoreLegend, jm_score_legend, GTK_TYPE_WIDGET)

static void
clear_layouts (JmScoreLegend *self)
{
  g_clear_object (&self->low);
  g_clear_object (&self->high);
  g_clear_object (&self->unscored);
  for (guint i = 0; i < G_N_ELEMENTS (self->digits); i++)
    g_clear_object (&self->digits[i]);
}

static void
ensure_layouts (JmScoreLegend *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->low != NULL)
    return;
  /* Translators: the low end of the score scale in the board's legend */
  self->low = gtk_widget_create_pango_layout (widget, _("Poor"));
  /* Translators: the high end of the score scale in the board's legend */
  self->high = gtk_widget_create_pango_layout (widget, _("Good"));
  self->unscored = gtk_widget_create_pango_layout (widget, _("Not scored"));
  for (guint i = 0; i < G_N_ELEMENTS (self->digits); i++)
    {
      char digit[2] = { (char) ('1' + i), '\0' };

      self->digits[i] = gtk_widget_create_pango_layout (widget, digit);
    }
}

static int
text_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
text_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
jm_score_legend_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  JmScoreLegend *self = JM_SCORE_LEGEND (widget);

  ensure_layouts (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = text_width (self->low) + GAP + 5 * SWATCH_WIDTH + GAP +
                          text_width (self->high) + 3 * GAP + SWATCH_WIDTH + GAP +
                          text_width (self->unscored);
  else
    *minimum = *natural = MAX (SWATCH_HEIGHT, text_height (self->low));
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         height,
             const GdkRGBA *colour)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - text_height (layout)) / 2));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
append_swatch (GtkSnapshot *snapshot,
               double       score,
               double       x,
               double       y)
{
  double r, g, b;
  GskRoundedRect outline;
  GdkRGBA border = { 0, 0, 0, 0.25 };

  jm_score_colour (score, &r, &g, &b);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, SWATCH_WIDTH, SWATCH_HEIGHT), 0);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { r, g, b, 1 },
                             &GRAPHENE_RECT_INIT (x, y, SWATCH_WIDTH, SWATCH_HEIGHT));
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });
}

static void
jm_score_legend_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  JmScoreLegend *self = JM_SCORE_LEGEND (widget);
  double height = gtk_widget_get_height (widget);
  double y = floor ((height - SWATCH_HEIGHT) / 2);
  double x = 0;
  GdkRGBA colour;

  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);

  append_text (snapshot, self->low, x, height, &colour);
  x += text_width (self->low) + GAP;
  for (guint i = 0; i < 5; i++)
    {
      double r, g, b;

      append_swatch (snapshot, i + 1, x, y);
      jm_score_text_colour (i + 1, &r, &g, &b);
      append_text (snapshot, self->digits[i],
                   x + (SWATCH_WIDTH - text_width (self->digits[i])) / 2.0, height,
                   &(GdkRGBA) { r, g, b, 1 });
      x += SWATCH_WIDTH;
    }
  x += GAP;
  append_text (snapshot, self->high, x, height, &colour);
  x += text_width (self->high) + 3 * GAP;
  append_swatch (snapshot, NAN, x, y);
  x += SWATCH_WIDTH + GAP;
  append_text (snapshot, self->unscored, x, height, &colour);
}

static void
jm_score_legend_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (jm_score_legend_parent_class)->css_changed (widget, change);
  /* Fonts may have changed: measure the words again. */
  clear_layouts (JM_SCORE_LEGEND (widget));
  gtk_widget_queue_resize (widget);
}

static void
jm_score_legend_dispose (GObject *object)
{
  clear_layouts (JM_SCORE_LEGEND (object));
  G_OBJECT_CLASS (jm_score_legend_parent_class)->dispose (object);
}

static void
jm_score_legend_class_init (JmScoreLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_score_legend_dispose;
  widget_class->measure = jm_score_legend_measure;
  widget_class->snapshot = jm_score_legend_snapshot;
  widget_class->css_changed = jm_score_legend_css_changed;

  gtk_widget_class_set_css_name (widget_class, "score-legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jm_score_legend_init (JmScoreLegend *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Score colours: 1, poor, dark red; 3, neutral, near white; "
                                    "5, good, dark blue; grey, not scored"),
                                  -1);
}

/**
 * jm_score_legend_new:
 *
 * Returns: (transfer floating): a new legend of the score colours
 */
GtkWidget *
jm_score_legend_new (void)
{
  return g_object_new (JM_TYPE_SCORE_LEGEND, NULL);
}
