/* jm-ui-util.c: small helpers shared by the window and its pages
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-ui-util"

#include "config.h"

#include <string.h>

#include "jm-ui-util.h"

/**
 * jm_set_accessible_label:
 *
 * Names @widget for screen readers. On GTK 4.8 an icon-only button with
 * only a tooltip has no name; a menu button's inner toggle button takes
 * its name from the menu button.
 */
void
jm_set_accessible_label (GtkWidget  *widget,
                         const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Called before every popup until the menu waiting to be built is given:
 * the closure holds the menu, not the button's object data. */
static void
create_menu_popup (GtkMenuButton *button,
                   gpointer       data)
{
  g_autoptr(GMenuModel) model = g_object_ref (G_MENU_MODEL (data));

  /* Unsetting the function drops its reference to @data. */
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, model);
}

/**
 * jm_menu_button_set_menu_later:
 *
 * Gives @button the menu @model. Its popover is built when it first
 * opens: building the window's menus took several milliseconds of its
 * first frame, for menus that are not in it.
 */
void
jm_menu_button_set_menu_later (GtkMenuButton *button,
                               GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  if (gtk_menu_button_get_popover (button) != NULL)
    {
      gtk_menu_button_set_menu_model (button, model);
      return;
    }
  gtk_menu_button_set_create_popup_func (button, create_menu_popup, g_object_ref (model),
                                         g_object_unref);
}

/**
 * jm_file_describe_location:
 *
 * Returns: (transfer full): the folder holding @file as a person reads
 *   it, with "~" for the home folder
 */
char *
jm_file_describe_location (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (parent == NULL)
    return g_file_get_parse_name (file);
  path = g_file_get_parse_name (parent);
  if (home != NULL && g_str_has_prefix (path, home) &&
      (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

/**
 * jm_app_settings_new:
 *
 * The app's settings, when they are installed: an uninstalled build has
 * no schema, and then choices are not remembered.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL
 */
GSettings *
jm_app_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}
