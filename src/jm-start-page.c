/* jm-start-page.c: what a window shows before a map
 *
 * The templates, each with its stages; a row to open a file; the maps
 * used last, from the session; and the samples in the app's resources.
 * They are read when the page first shows, so that a window opened for a
 * file never reads them. Each row activates one of the window's actions
 * ("win.new-from-template", "win.open-file", "win.open-sample"): where
 * the map opens is the window's business.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-file.h"
#include "jm-session.h"
#include "jm-start-page.h"
#include "jm-ui-util.h"

#define SAMPLES_PATH RESOURCE_PREFIX "/samples/"
#define N_RECENT_SHOWN 5

struct _JmStartPage
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *templates_group;
  AdwPreferencesGroup *recent_group;
  AdwPreferencesGroup *samples_group;

  GPtrArray           *recent_rows;
  JmSession           *session;   /* watched once the page is filled */
  gboolean             filled;
};

G_DEFINE_FINAL_TYPE (JmStartPage, jm_start_page, ADW_TYPE_BIN)

static GtkWidget *
start_row (const char *title,
           const char *subtitle,
           const char *action,
           GVariant   *target,
           const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
  jm_set_accessible_label (icon, "");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* The templates, each with its stages. */
static void
populate_templates (JmStartPage *self)
{
  g_autofree const char **ids = jm_map_list_templates ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(JmMap) map = jm_map_new_from_template (ids[i]);
      GListModel *stages = jm_map_get_stages (map);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(JmStage) stage = g_list_model_get_item (stages, s);

          if (s > 0)
            /* Translators: separates stage names in a list. */
            g_string_append (subtitle, _(", "));
          g_string_append (subtitle, jm_stage_get_name (stage));
        }
      if (subtitle->len == 0)
        g_string_append (subtitle, _("No stages: build the journey step by step"));

      adw_preferences_group_add (self->templates_group,
                                 start_row (jm_map_get_template_label (ids[i]), subtitle->str,
                                            "win.new-from-template", g_variant_new_string (ids[i]),
                                            "go-next-symbolic"));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

typedef struct
{
  char *path;
  char *title;
  char *description;
} Sample;

static void
sample_free (gpointer data)
{
  Sample *sample = data;

  g_free (sample->path);
  g_free (sample->title);
  g_free (sample->description);
  g_free (sample);
}

/* The samples never change while the app runs: read their titles once. */
static GPtrArray *
list_samples (void)
{
  static GPtrArray *samples = NULL;
  g_auto(GStrv) names = NULL;

  if (samples != NULL)
    return samples;

  samples = g_ptr_array_new_with_free_func (sample_free);
  names = g_resources_enumerate_children (SAMPLES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return samples;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (SAMPLES_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(JmMap) map = NULL;
      g_autoptr(GError) error = NULL;
      Sample *sample;

      if (!g_str_has_suffix (names[i], ".journey") || bytes == NULL)
        continue;
      map = jm_file_load_bytes (bytes, names[i], &error);
      if (map == NULL)
        {
          g_warning ("Sample %s does not load: %s", names[i], error->message);
          continue;
        }
      sample = g_new0 (Sample, 1);
      sample->path = g_steal_pointer (&path);
      sample->title = g_strdup (*jm_map_get_title (map) ? jm_map_get_title (map) : names[i]);
      sample->description = g_strdup (jm_map_get_description (map));
      g_ptr_array_add (samples, sample);
    }
  return samples;
}

static void
populate_samples (JmStartPage *self)
{
  GPtrArray *samples = list_samples ();

  for (guint i = 0; i < samples->len; i++)
    {
      Sample *sample = g_ptr_array_index (samples, i);

      adw_preferences_group_add (self->samples_group,
                                 start_row (sample->title, sample->description,
                                            "win.open-sample", g_variant_new_string (sample->path),
                                            "go-next-symbolic"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->samples_group), samples->len > 0);
}

static void
populate_recent (JmStartPage *self)
{
  g_autoptr(GPtrArray) recent = jm_session_list_recent (self->session, N_RECENT_SHOWN);

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; i < recent->len; i++)
    {
      JmRecentMap *map = g_ptr_array_index (recent, i);
      g_autofree char *uri = g_file_get_uri (map->file);
      g_autofree char *location = jm_file_describe_location (map->file);
      GtkWidget *row = start_row (map->name, location, "win.open-file", g_variant_new_string (uri),
                                  "document-open-recent-symbolic");

      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

static void
jm_start_page_map (GtkWidget *widget)
{
  JmStartPage *self = JM_START_PAGE (widget);

  if (!self->filled)
    {
      self->filled = TRUE;
      populate_templates (self);
      populate_samples (self);
      self->session = g_object_ref (jm_session_get_default ());
      g_signal_connect_object (self->session, "recent-changed", G_CALLBACK (populate_recent), self,
                               G_CONNECT_SWAPPED);
      populate_recent (self);
    }
  GTK_WIDGET_CLASS (jm_start_page_parent_class)->map (widget);
}

static void
jm_start_page_dispose (GObject *object)
{
  JmStartPage *self = JM_START_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  /* The bin lets go of its child first: the template's own children are
   * unparented next, and the bin would otherwise unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_START_PAGE);

  G_OBJECT_CLASS (jm_start_page_parent_class)->dispose (object);
}

static void
jm_start_page_class_init (JmStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_start_page_dispose;
  widget_class->map = jm_start_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JmStartPage, templates_group);
  gtk_widget_class_bind_template_child (widget_class, JmStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, JmStartPage, samples_group);
}

static void
jm_start_page_init (JmStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recent_rows = g_ptr_array_new ();
}

/**
 * jm_start_page_focus_templates:
 *
 * Moves the keyboard focus to the first template, for "New Map".
 */
void
jm_start_page_focus_templates (JmStartPage *self)
{
  g_return_if_fail (JM_IS_START_PAGE (self));
  gtk_widget_child_focus (GTK_WIDGET (self->templates_group), GTK_DIR_TAB_FORWARD);
}

GtkWidget *
jm_start_page_new (void)
{
  return g_object_new (JM_TYPE_START_PAGE, NULL);
}
