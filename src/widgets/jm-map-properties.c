/* jm-map-properties.c: the map's own fields: title, description, score weights
 *
 * Shown where the inspector would be when nothing on the board is selected.
 * Each applied change is one edit on the map's history; the widgets follow
 * the map (so undo shows here too) except while the user is typing.
 *
 * The weights decide how the four measures add up to a touchpoint's
 * composite score. A change that would leave every weight at zero is refused
 * on the spot, with the reason beside the weights, since such a map could
 * score nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map-properties"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "jm-map-properties.h"
#include "jm-scoring.h"

#define WEIGHT_MAX 1000.0

struct _JmMapProperties
{
  GtkWidget       parent_instance;

  JmMap          *map;

  GtkWidget      *page;
  AdwEntryRow    *title_row;
  AdwEntryRow    *description_row;
  GtkSpinButton  *weights[JM_N_MEASURES];
  GtkLabel       *weights_error;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (JmMapProperties, jm_map_properties, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_weights_error (JmMapProperties *self,
                    const char      *message)
{
  gtk_label_set_text (self->weights_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->weights_error), message != NULL);
}

static void
check_weights (JmMapProperties *self)
{
  g_autoptr(GError) error = NULL;

  if (self->map == NULL || jm_scoring_check_weights (self->map, &error))
    show_weights_error (self, NULL);
  else if (g_error_matches (error, JM_SCORING_ERROR, JM_SCORING_ERROR_NO_WEIGHT))
    show_weights_error (self, _("At least one measure needs a weight above zero"));
  else
    show_weights_error (self, error->message);
}

static void
sync_from_map (JmMapProperties *self)
{
  const char *title = self->map != NULL ? jm_map_get_title (self->map) : "";
  const char *description = self->map != NULL ? jm_map_get_description (self->map) : "";

  self->syncing = TRUE;
  /* Leave what the user is typing alone until they apply it. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->title_row)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  if (!gtk_widget_has_focus (GTK_WIDGET (self->description_row)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->description_row)), description) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->description_row), description);
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      double weight = self->map != NULL ? jm_map_get_weight (self->map, m) : 1.0;

      if (gtk_spin_button_get_value (self->weights[m]) != weight)
        gtk_spin_button_set_value (self->weights[m], weight);
    }
  self->syncing = FALSE;
  check_weights (self);
}

static void
on_title_apply (JmMapProperties *self)
{
  if (self->map == NULL)
    return;
  jm_map_begin (self->map, _("Rename Map"));
  jm_map_edit_string (self->map, self->map, "title",
                      gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  jm_map_end (self->map);
}

static void
on_description_apply (JmMapProperties *self)
{
  if (self->map == NULL)
    return;
  jm_map_begin (self->map, _("Edit Description"));
  jm_map_edit_string (self->map, self->map, "description",
                      gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  jm_map_end (self->map);
}

static void
on_weight_changed (JmMapProperties *self,
                   GtkSpinButton   *spin)
{
  JmMeasure measure = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "measure"));
  double weight = gtk_spin_button_get_value (spin);
  gboolean any_positive = weight > 0;

  if (self->syncing || self->map == NULL || weight == jm_map_get_weight (self->map, measure))
    return;

  for (guint m = 0; m < JM_N_MEASURES; m++)
    if (m != measure && jm_map_get_weight (self->map, m) > 0)
      any_positive = TRUE;

  if (!any_positive)
    {
      /* Put the spin back without recording anything, and say why. */
      self->syncing = TRUE;
      gtk_spin_button_set_value (spin, jm_map_get_weight (self->map, measure));
      self->syncing = FALSE;
      show_weights_error (self, _("At least one measure needs a weight above zero"));
      gtk_widget_error_bell (GTK_WIDGET (spin));
      return;
    }

  jm_map_begin (self->map, _("Change Score Weight"));
  jm_map_edit_double (self->map, self->map, jm_map_weight_property (measure), weight);
  jm_map_end (self->map);
}

static void
on_map_notify (JmMapProperties *self)
{
  sync_from_map (self);
}

/**
 * jm_map_properties_new:
 *
 * Returns: (transfer floating): a new, empty map properties panel
 */
GtkWidget *
jm_map_properties_new (void)
{
  return g_object_new (JM_TYPE_MAP_PROPERTIES, NULL);
}

/**
 * jm_map_properties_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_map_properties_get_map (JmMapProperties *self)
{
  g_return_val_if_fail (JM_IS_MAP_PROPERTIES (self), NULL);
  return self->map;
}

/**
 * jm_map_properties_set_map:
 * @map: (nullable): the map whose fields to show and edit
 */
void
jm_map_properties_set_map (JmMapProperties *self,
                           JmMap           *map)
{
  g_return_if_fail (JM_IS_MAP_PROPERTIES (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (self->map, on_map_notify, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_swapped (map, "notify", G_CALLBACK (on_map_notify), self);

  /* A new map replaces whatever was typed for the old one. */
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), map != NULL ? jm_map_get_title (map) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         map != NULL ? jm_map_get_description (map) : "");
  gtk_widget_set_sensitive (self->page, map != NULL);
  sync_from_map (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

static void
jm_map_properties_dispose (GObject *object)
{
  JmMapProperties *self = JM_MAP_PROPERTIES (object);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (self->map, on_map_notify, self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->page, gtk_widget_unparent);

  G_OBJECT_CLASS (jm_map_properties_parent_class)->dispose (object);
}

static void
jm_map_properties_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JmMapProperties *self = JM_MAP_PROPERTIES (object);

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
jm_map_properties_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JmMapProperties *self = JM_MAP_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_map_properties_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_map_properties_class_init (JmMapPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_map_properties_dispose;
  object_class->get_property = jm_map_properties_get_property;
  object_class->set_property = jm_map_properties_set_property;

  /**
   * JmMapProperties:map:
   *
   * The map whose title, description and weights are shown, or %NULL.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "map-properties");
}

static void
jm_map_properties_init (JmMapProperties *self)
{
  GtkWidget *box, *group, *weights_group;

  self->page = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->page), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->page), box);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Map"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Select a card, stage or lane to edit it."));
  gtk_box_append (GTK_BOX (box), group);

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  adw_entry_row_set_show_apply_button (self->title_row, TRUE);
  g_signal_connect_swapped (self->title_row, "apply", G_CALLBACK (on_title_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));

  self->description_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->description_row), _("Description"));
  adw_entry_row_set_show_apply_button (self->description_row, TRUE);
  g_signal_connect_swapped (self->description_row, "apply", G_CALLBACK (on_description_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->description_row));

  weights_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (weights_group), _("Score Weights"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (weights_group),
                                         _("How much each measure counts in a touchpoint’s composite score."));
  gtk_box_append (GTK_BOX (box), weights_group);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, WEIGHT_MAX, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_measure_get_label (m));
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, jm_measure_get_label (m),
                                      -1);
      g_object_set_data (G_OBJECT (spin), "measure", GUINT_TO_POINTER (m));
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_weight_changed), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (weights_group), row);
      self->weights[m] = GTK_SPIN_BUTTON (spin);
    }

  self->weights_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->weights_error, TRUE);
  gtk_label_set_xalign (self->weights_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->weights_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->weights_error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->weights_error));

  gtk_widget_set_sensitive (self->page, FALSE);
}
