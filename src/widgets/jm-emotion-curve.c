/* jm-emotion-curve.c: one persona's emotion across the stages
 *
 * The curve joins the mean emotion (-2 to +2) of the persona's touchpoints
 * in each stage, left to right. A stage without an emotion leaves a gap in
 * the line rather than a point at zero: unrated is not neutral. What the
 * curve shows is also its accessible description, for screen readers.
 *
 * Beside a board (jm_emotion_curve_set_canvas()), each point sits over the
 * middle of its stage's column as the board draws it, following the
 * board's zoom and scrolling; alone, the stages share the width evenly.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-emotion-curve"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "jm-emotion-curve.h"
#include "jm-canvas.h"
#include "jm-emotion-chart.h"
#include "jm-score-report.h"

#define MARGIN_LEFT   36.0
#define MARGIN_RIGHT  12.0
#define MARGIN_TOP    10.0
#define LABEL_HEIGHT  22.0
#define COLUMN_MIN    72.0

struct _JmEmotionCurve
{
  GtkWidget  parent_instance;

  JmMap     *map;
  JmPersona *persona;
  GArray    *values;     /* double per stage, NAN where there is no emotion */
  GPtrArray *labels;     /* stage names */
  gboolean   dirty;
  JmCanvas  *canvas;     /* weak: the board whose columns the points follow */
  GtkAdjustment *hadjustment;
};

G_DEFINE_FINAL_TYPE (JmEmotionCurve, jm_emotion_curve, GTK_TYPE_WIDGET)

static void
update_description (JmEmotionCurve *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->values->len; i++)
    {
      double value = g_array_index (self->values, double, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (isnan (value))
        /* Translators: a stage where the persona's feelings are not recorded */
        g_string_append_printf (text, _("%s: no emotion"), (char *) g_ptr_array_index (self->labels, i));
      else
        g_string_append_printf (text, "%s: %+.1f", (char *) g_ptr_array_index (self->labels, i), value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
recompute (JmEmotionCurve *self)
{
  g_autoptr(JmScoreReport) report = NULL;
  GListModel *stages;
  guint lane = 0;
  gboolean found;

  if (!self->dirty)
    return;
  self->dirty = FALSE;
  g_array_set_size (self->values, 0);
  g_ptr_array_set_size (self->labels, 0);
  if (self->map == NULL || self->persona == NULL)
    return;

  found = jm_map_find_persona (self->map, self->persona, &lane);
  report = jm_score_report_new (self->map);
  stages = jm_map_get_stages (self->map);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (stages, i);
      double value = found ? jm_score_report_get_emotion (report, lane, i) : NAN;

      g_array_append_val (self->values, value);
      g_ptr_array_add (self->labels, g_strdup (jm_stage_get_name (stage)));
    }
  update_description (self);
}

static void
invalidate (JmEmotionCurve *self)
{
  self->dirty = TRUE;
  recompute (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
jm_emotion_curve_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  JmEmotionCurve *self = JM_EMOTION_CURVE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = MAX (200, (int) (MARGIN_LEFT + MARGIN_RIGHT + COLUMN_MIN * self->values->len));
    }
  else
    *minimum = *natural = 150;
}

/* Where the plot starts and ends, and where stage @i's column is, in the
 * curve's coordinates: beside a board, where the board shows its columns. */
static void
plot_span (JmEmotionCurve *self,
           double          width,
           double         *left,
           double         *right)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  graphene_point_t start, end;

  if (self->canvas != NULL &&
      gtk_widget_compute_point (canvas, GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT (jm_canvas_get_lane_header_width (self->canvas), 0),
                                &start) &&
      gtk_widget_compute_point (canvas, GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT (gtk_widget_get_width (canvas), 0), &end))
    {
      *left = start.x;
      *right = MIN (end.x, width);
      return;
    }
  *left = MARGIN_LEFT;
  *right = width - MARGIN_RIGHT;
}

static void
column_span (JmEmotionCurve *self,
             guint           i,
             double          width,
             double         *x,
             double         *column)
{
  graphene_point_t point;
  double cx, cw;

  if (self->canvas != NULL && jm_canvas_get_stage_column (self->canvas, i, &cx, &cw) &&
      gtk_widget_compute_point (GTK_WIDGET (self->canvas), GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT (cx, 0), &point))
    {
      *x = point.x;
      *column = cw;
      return;
    }
  *column = (width - MARGIN_LEFT - MARGIN_RIGHT) / MAX (self->values->len, 1);
  *x = MARGIN_LEFT + *column * i;
}

static void
draw (JmEmotionCurve *self,
      cairo_t        *cr,
      double          width,
      double          height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA fg, colour;
  double plot_h = height - MARGIN_TOP - LABEL_HEIGHT;
  guint n = self->values->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *column_x = g_new (double, MAX (n, 1));
  g_autofree double *column_width = g_new (double, MAX (n, 1));
  g_autoptr(PangoLayout) labels = gtk_widget_create_pango_layout (widget, NULL);
  JmEmotionChart chart = {
    .n_points = n,
    .values = (const double *) (gpointer) self->values->data,
    .x = x,
    .top = 0,
    .bottom = height,
    .mid = MARGIN_TOP + plot_h / 2,
    .amp = plot_h / (JM_EMOTION_MAX - JM_EMOTION_MIN),
    .flags = JM_EMOTION_CHART_SCALE | JM_EMOTION_CHART_ROUND | JM_EMOTION_CHART_CLIP,
    .line_width = 3,
    .labels = labels,
    .names = (const char * const *) self->labels->pdata,
    .column_x = column_x,
    .column_width = column_width,
    .names_y = height - LABEL_HEIGHT + 4,
  };

  plot_span (self, width, &chart.left, &chart.right);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (self->persona == NULL || !gdk_rgba_parse (&colour, jm_persona_get_colour (self->persona)))
    colour = fg;

  if (n == 0 || chart.right - chart.left <= 0 || plot_h <= 0)
    return;

  chart.rule = (JmRgba) { fg.red, fg.green, fg.blue, fg.alpha };
  chart.line = (JmRgba) { colour.red, colour.green, colour.blue, 1 };
  for (guint i = 0; i < n; i++)
    {
      column_span (self, i, width, &column_x[i], &column_width[i]);
      x[i] = column_x[i] + column_width[i] / 2;
    }
  jm_emotion_chart_draw (&chart, cr);
}

static void
jm_emotion_curve_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  JmEmotionCurve *self = JM_EMOTION_CURVE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  recompute (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
disconnect (JmEmotionCurve *self)
{
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_stages (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_personas (self->map), self);
    }
  if (self->persona != NULL)
    g_signal_handlers_disconnect_by_data (self->persona, self);
  g_clear_object (&self->map);
  g_clear_object (&self->persona);
}

static void
jm_emotion_curve_dispose (GObject *object)
{
  JmEmotionCurve *self = JM_EMOTION_CURVE (object);

  disconnect (self);
  jm_emotion_curve_set_canvas (self, NULL);
  G_OBJECT_CLASS (jm_emotion_curve_parent_class)->dispose (object);
}

static void
jm_emotion_curve_finalize (GObject *object)
{
  JmEmotionCurve *self = JM_EMOTION_CURVE (object);

  g_array_unref (self->values);
  g_ptr_array_unref (self->labels);
  G_OBJECT_CLASS (jm_emotion_curve_parent_class)->finalize (object);
}

static void
jm_emotion_curve_class_init (JmEmotionCurveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_emotion_curve_dispose;
  object_class->finalize = jm_emotion_curve_finalize;
  widget_class->measure = jm_emotion_curve_measure;
  widget_class->snapshot = jm_emotion_curve_snapshot;
  gtk_widget_class_set_css_name (widget_class, "emotioncurve");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jm_emotion_curve_init (JmEmotionCurve *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Emotion across the stages"),
                                  -1);
}

GtkWidget *
jm_emotion_curve_new (void)
{
  return g_object_new (JM_TYPE_EMOTION_CURVE, NULL);
}

/**
 * jm_emotion_curve_set_persona:
 * @map: (nullable): the map of @persona
 * @persona: (nullable): the persona whose lane to show
 *
 * Shows @persona's emotion per stage, following every change of @map.
 */
void
jm_emotion_curve_set_persona (JmEmotionCurve *self,
                              JmMap          *map,
                              JmPersona      *persona)
{
  g_return_if_fail (JM_IS_EMOTION_CURVE (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));
  g_return_if_fail (persona == NULL || JM_IS_PERSONA (persona));

  disconnect (self);
  if (map != NULL && persona != NULL)
    {
      self->map = g_object_ref (map);
      self->persona = g_object_ref (persona);
      /* Emotions, stage names and lane order all change through the history;
       * loaders' plain setters do not, but they run before a map is shown. */
      g_signal_connect_swapped (jm_map_get_history (map), "changed", G_CALLBACK (invalidate), self);
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed", G_CALLBACK (invalidate), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed", G_CALLBACK (invalidate), self);
      g_signal_connect_swapped (persona, "notify::colour", G_CALLBACK (gtk_widget_queue_draw), self);
    }
  invalidate (self);
}

/**
 * jm_emotion_curve_get_persona:
 *
 * Returns: (transfer none) (nullable): the persona shown
 */
JmPersona *
jm_emotion_curve_get_persona (JmEmotionCurve *self)
{
  g_return_val_if_fail (JM_IS_EMOTION_CURVE (self), NULL);
  return self->persona;
}

/**
 * jm_emotion_curve_get_n_points:
 *
 * Returns: how many stages have an emotion for the persona
 */
guint
jm_emotion_curve_get_n_points (JmEmotionCurve *self)
{
  guint n = 0;

  g_return_val_if_fail (JM_IS_EMOTION_CURVE (self), 0);

  recompute (self);
  for (guint i = 0; i < self->values->len; i++)
    if (!isnan (g_array_index (self->values, double, i)))
      n++;
  return n;
}

/**
 * jm_emotion_curve_get_point_x:
 * @stage: a stage's position
 *
 * Returns: where the point of @stage is drawn across the curve: the middle
 *   of the stage's column
 */
double
jm_emotion_curve_get_point_x (JmEmotionCurve *self,
                              guint           stage)
{
  double x, column;

  g_return_val_if_fail (JM_IS_EMOTION_CURVE (self), 0);

  column_span (self, stage, gtk_widget_get_width (GTK_WIDGET (self)), &x, &column);
  return x + column / 2;
}

static void
on_canvas_hadjustment (JmEmotionCurve *self)
{
  GtkAdjustment *adjustment = self->canvas != NULL
    ? gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->canvas)) : NULL;

  if (adjustment == self->hadjustment)
    return;
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, gtk_widget_queue_draw, self);
  g_set_object (&self->hadjustment, adjustment);
  /* The value follows scrolling; "changed" follows the board's view
   * growing or shrinking, as when a side panel opens. */
  if (adjustment != NULL)
    {
      g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (gtk_widget_queue_draw), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * jm_emotion_curve_set_canvas:
 * @canvas: (nullable): the board the curve is shown beside
 *
 * Puts each point over the middle of its stage's column on @canvas, as the
 * board is zoomed and scrolled; with %NULL, the stages share the curve's
 * width evenly.
 */
void
jm_emotion_curve_set_canvas (JmEmotionCurve *self,
                             JmCanvas       *canvas)
{
  g_return_if_fail (JM_IS_EMOTION_CURVE (self));
  g_return_if_fail (canvas == NULL || JM_IS_CANVAS (canvas));

  /* With no canvas, still let go of the scrolling of one that is gone. */
  if (self->canvas == canvas && canvas != NULL)
    return;
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_set_weak_pointer (&self->canvas, canvas);
  if (canvas != NULL)
    {
      g_signal_connect_swapped (canvas, "notify::zoom", G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (canvas, "notify::hadjustment", G_CALLBACK (on_canvas_hadjustment), self);
    }
  on_canvas_hadjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
