/* jm-map-properties.c: the map's own fields: title, description, the title
 * block (version, status, authors, workshop date), score weights
 *
 * Shown where the inspector would be when nothing on the board is selected.
 * Each field records in the map's history as the user types, the keys typed
 * in one visit to a field as one step; the widgets follow the map (so undo
 * shows here too), leaving alone a field that already says what the map does.
 *
 * A workshop date is recorded once it is a whole date (YYYY-MM-DD) or
 * empty; until then the field says what is wrong with what is typed.
 * Authors are typed as one line, separated by commas.
 *
 * The weights decide how the four measures add up to a touchpoint's
 * composite score. A change that would leave every weight at zero is refused
 * on the spot, with the reason beside the weights, since such a map could
 * score nothing.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map-properties"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "jm-app-resources.h"
#include "jm-map-properties.h"
#include "jm-scoring.h"

/* The template has a row for each measure. */
G_STATIC_ASSERT (JM_N_MEASURES == 4);

struct _JmMapProperties
{
  GtkWidget       parent_instance;

  JmMap          *map;

  GtkWidget      *page;
  AdwEntryRow    *title_row;
  AdwEntryRow    *description_row;
  AdwEntryRow    *version_row;
  AdwComboRow    *status_row;
  AdwEntryRow    *authors_row;
  AdwEntryRow    *date_row;
  GtkLabel       *date_error;
  AdwActionRow   *weight_rows[JM_N_MEASURES];
  GtkSpinButton  *weights[JM_N_MEASURES];
  GtkLabel       *weights_error;
  gboolean        syncing;
  guint           title_merge_id;        /* the edit being typed, one undo step */
  guint           description_merge_id;
  guint           version_merge_id;
  guint           authors_merge_id;
  guint           date_merge_id;
  guint           weight_merge_ids[JM_N_MEASURES];
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

/* The number typed in @spin, if it is one the spin accepts. */
static gboolean
spin_text_value (GtkSpinButton *spin,
                 double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double lower, upper;

  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  gtk_spin_button_get_range (spin, &lower, &upper);
  return end != NULL && *end == '\0' && *value >= lower && *value <= upper;
}

/* "Ana Lima, James Okoro" as a list: blank names are skipped. */
static GStrv
parse_authors (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name != '\0')
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static void
sync_text_row (AdwEntryRow *row,
               const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
show_date_error (JmMapProperties *self,
                 const char      *typed)
{
  g_autofree char *message = NULL;

  if (typed != NULL)
    /* Translators: %s is what was typed as the workshop date. */
    message = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, such as 2026-03-31"), typed);
  gtk_label_set_text (self->date_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_error), message != NULL);
  if (typed != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
sync_title_block (JmMapProperties *self)
{
  JmMap *map = self->map;
  const char * const none[] = { NULL };
  const char * const *authors = map != NULL ? jm_map_get_authors (map) : none;
  g_auto(GStrv) typed_authors = parse_authors (gtk_editable_get_text (GTK_EDITABLE (self->authors_row)));
  const char *date = map != NULL ? jm_map_get_workshop_date (map) : "";
  const char *typed_date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  sync_text_row (self->version_row, map != NULL ? jm_map_get_map_version (map) : "");
  if (adw_combo_row_get_selected (self->status_row) != (guint) (map != NULL ? jm_map_get_status (map) : 0))
    adw_combo_row_set_selected (self->status_row, map != NULL ? jm_map_get_status (map) : 0);
  /* Names being typed that already say the map's authors stay as typed. */
  if (!g_strv_equal ((const char * const *) typed_authors, authors))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) authors);

      gtk_editable_set_text (GTK_EDITABLE (self->authors_row), joined);
    }
  /* So does a date being typed, not yet a date. */
  if (g_strcmp0 (typed_date, date) != 0 &&
      (jm_date_is_valid (typed_date) || *typed_date == '\0'))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      show_date_error (self, NULL);
    }
}

static void
sync_from_map (JmMapProperties *self)
{
  const char *title = self->map != NULL ? jm_map_get_title (self->map) : "";
  const char *description = self->map != NULL ? jm_map_get_description (self->map) : "";

  self->syncing = TRUE;
  /* What is typed is already in the map; a field saying something else
   * (an undo, another map) shows the map. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->description_row)), description) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->description_row), description);
  sync_title_block (self);
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      double weight = self->map != NULL ? jm_map_get_weight (self->map, m) : 1.0;
      double typed;

      /* Digits being typed that already say the weight stay as typed. */
      if (spin_text_value (self->weights[m], &typed) && typed == weight)
        continue;
      if (gtk_spin_button_get_value (self->weights[m]) != weight)
        gtk_spin_button_set_value (self->weights[m], weight);
    }
  self->syncing = FALSE;
  check_weights (self);
}

/* The title and description are recorded as they are typed, so that the
 * map holds what is on screen for Save, drafts and closing; the keys typed
 * in one visit to the field are one undo step. */
static void
on_title_changed (JmMapProperties *self)
{
  if (self->syncing || self->map == NULL)
    return;
  jm_map_begin_merge (self->map, _("Rename Map"), &self->title_merge_id);
  jm_map_edit_string (self->map, self->map, "title",
                      gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  jm_map_end (self->map);
}

static void
on_description_changed (JmMapProperties *self)
{
  if (self->syncing || self->map == NULL)
    return;
  jm_map_begin_merge (self->map, _("Edit Description"), &self->description_merge_id);
  jm_map_edit_string (self->map, self->map, "description",
                      gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  jm_map_end (self->map);
}

static void
on_version_changed (JmMapProperties *self)
{
  if (self->syncing || self->map == NULL)
    return;
  jm_map_begin_merge (self->map, _("Edit Map Version"), &self->version_merge_id);
  jm_map_edit_string (self->map, self->map, "map-version",
                      gtk_editable_get_text (GTK_EDITABLE (self->version_row)));
  jm_map_end (self->map);
}

static void
on_status_selected (JmMapProperties *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->syncing || self->map == NULL || selected > JM_MAP_STATUS_TO_BE)
    return;
  g_value_init (&value, JM_TYPE_MAP_STATUS);
  g_value_set_enum (&value, (int) selected);
  jm_map_begin (self->map, _("Change Map Status"));
  jm_map_edit (self->map, self->map, "status", &value);
  jm_map_end (self->map);
}

static void
on_authors_changed (JmMapProperties *self)
{
  g_auto(GStrv) authors = NULL;

  if (self->syncing || self->map == NULL)
    return;
  authors = parse_authors (gtk_editable_get_text (GTK_EDITABLE (self->authors_row)));
  jm_map_begin_merge (self->map, _("Edit Authors"), &self->authors_merge_id);
  jm_map_edit_strv (self->map, self->map, "authors", (const char * const *) authors);
  jm_map_end (self->map);
}

static void
on_date_changed (JmMapProperties *self)
{
  g_autofree char *typed = NULL;

  if (self->syncing || self->map == NULL)
    return;
  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  if (*typed != '\0' && !jm_date_is_valid (typed))
    {
      show_date_error (self, typed);
      return;
    }
  show_date_error (self, NULL);
  jm_map_begin_merge (self->map, _("Change Workshop Date"), &self->date_merge_id);
  jm_map_edit_string (self->map, self->map, "workshop-date", typed);
  jm_map_end (self->map);
}

/* Enter or leaving a field ends its edit: what is typed next is another
 * undo step. */
static void
end_edits (JmMapProperties *self)
{
  self->title_merge_id = 0;
  self->description_merge_id = 0;
  self->version_merge_id = 0;
  self->authors_merge_id = 0;
  self->date_merge_id = 0;
  memset (self->weight_merge_ids, 0, sizeof self->weight_merge_ids);
}


static void
set_weight (JmMapProperties *self,
            GtkSpinButton   *spin,
            double           weight,
            gboolean         typing)
{
  JmMeasure measure = 0;
  gboolean any_positive = weight > 0;

  while (self->weights[measure] != spin)
    {
      measure++;
      g_assert (measure < JM_N_MEASURES);
    }

  if (self->syncing || self->map == NULL || weight == jm_map_get_weight (self->map, measure))
    return;

  for (guint m = 0; m < JM_N_MEASURES; m++)
    if (m != measure && jm_map_get_weight (self->map, m) > 0)
      any_positive = TRUE;

  if (!any_positive && typing)
    {
      /* "0" may be the start of "0.5": say why it cannot stay, and let
       * the typing go on. */
      show_weights_error (self, _("At least one measure needs a weight above zero"));
      return;
    }
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

  jm_map_begin_merge (self->map, _("Change Score Weight"), &self->weight_merge_ids[measure]);
  jm_map_edit_double (self->map, self->map, jm_map_weight_property (measure), weight);
  jm_map_end (self->map);
}

static void
on_weight_changed (JmMapProperties *self,
                   GtkSpinButton   *spin)
{
  set_weight (self, spin, gtk_spin_button_get_value (spin), FALSE);
}

/* A weight is recorded as its digits are typed, like the texts. */
static void
on_weight_text_changed (JmMapProperties *self,
                        GtkSpinButton   *spin)
{
  double weight;

  if (spin_text_value (spin, &weight))
    set_weight (self, spin, weight, TRUE);
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

  /* A new map replaces whatever was shown for the old one. */
  end_edits (self);
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), map != NULL ? jm_map_get_title (map) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         map != NULL ? jm_map_get_description (map) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), map != NULL ? jm_map_get_workshop_date (map) : "");
  show_date_error (self, NULL);
  self->syncing = FALSE;
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
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_MAP_PROPERTIES);

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

  /* Referencing the resource keeps it linked from the static library (its
   * constructor then registers it) in programs that use no other template. */
  g_assert (jm_app_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-map-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, page);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, title_row);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, description_row);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, version_row);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, status_row);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, authors_row);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, date_row);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, date_error);
  gtk_widget_class_bind_template_child (widget_class, JmMapProperties, weights_error);
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      g_autofree char *row = g_strdup_printf ("weight_row_%u", m);
      g_autofree char *spin = g_strdup_printf ("weight_%u", m);

      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                                 G_STRUCT_OFFSET (JmMapProperties, weight_rows) +
                                                 m * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, spin, FALSE,
                                                 G_STRUCT_OFFSET (JmMapProperties, weights) +
                                                 m * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_description_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_version_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_authors_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_weight_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_weight_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, end_edits);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "map-properties");
}

static void
jm_map_properties_init (JmMapProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->weight_rows[m]), jm_measure_get_label (m));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->weights[m]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, jm_measure_get_label (m),
                                      -1);
      /* One decimal, set here: a spin button sizes its entry for the
       * digits it has when its range is set, and set through the template
       * they would widen it beyond what 1000 needs. */
      gtk_spin_button_set_digits (self->weights[m], 1);
    }
}
