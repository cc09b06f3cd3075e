/* test-desktop-settings.c: the settings schema the app and its tests rely on
 *
 * Loads the schema compiled into the build directory (GSETTINGS_SCHEMA_DIR)
 * with the memory backend, and checks each key's type, default and range,
 * so a renamed key or a changed default shows up here rather than as a
 * critical in the window code.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-desktop-settings"

#include "config.h"

#include <gio/gio.h>

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  g_assert_nonnull (source);
  return g_settings_schema_source_lookup (source, APP_ID, FALSE);
}

static void
test_schema_path (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  g_assert_nonnull (schema);
  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, "/io/github/journeymapper/JourneyMapper/");
}

static void
test_defaults (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpuint (g_settings_get_uint (settings, "draft-interval"), ==, 3);

  {
    g_autofree char *paper = g_settings_get_string (settings, "export-paper");
    g_autofree char *orientation = g_settings_get_string (settings, "export-orientation");
    g_autofree char *layout = g_settings_get_string (settings, "export-layout");

    g_assert_cmpstr (paper, ==, "A4");
    g_assert_cmpstr (orientation, ==, "landscape");
    g_assert_cmpstr (layout, ==, "grid");
  }
  g_assert_cmpfloat (g_settings_get_double (settings, "export-overlap-mm"), ==, 10.0);
}

static void
test_choices_and_ranges (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  struct { const char *key; const char *value; gboolean valid; } cases[] = {
    { "export-orientation", "'portrait'", TRUE },
    { "export-orientation", "'sideways'", FALSE },
    { "export-layout", "'board'", TRUE },
    { "export-layout", "'persona'", TRUE },
    { "export-layout", "'poster'", FALSE },
    { "export-overlap-mm", "0.0", TRUE },
    { "export-overlap-mm", "-1.0", FALSE },
    { "draft-interval", "uint32 0", FALSE },
    { "draft-interval", "uint32 600", TRUE },
  };

  g_assert_nonnull (schema);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, cases[i].key);
      g_autoptr(GVariant) value = g_variant_parse (g_settings_schema_key_get_value_type (key),
                                                   cases[i].value, NULL, NULL, NULL);

      g_assert_nonnull (value);
      if (g_settings_schema_key_range_check (key, value) != cases[i].valid)
        g_test_fail_printf ("%s = %s should be %s", cases[i].key, cases[i].value,
                            cases[i].valid ? "accepted" : "refused");
    }
}

static void
test_settings_round_trip (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *layout = NULL;

  g_assert_true (g_settings_set_string (settings, "export-layout", "board"));
  layout = g_settings_get_string (settings, "export-layout");
  g_assert_cmpstr (layout, ==, "board");
  g_settings_reset (settings, "export-layout");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  g_assert_nonnull (g_getenv ("GSETTINGS_SCHEMA_DIR"));

  g_test_add_func ("/settings/path", test_schema_path);
  g_test_add_func ("/settings/defaults", test_defaults);
  g_test_add_func ("/settings/choices-and-ranges", test_choices_and_ranges);
  g_test_add_func ("/settings/round-trip", test_settings_round_trip);

  return g_test_run ();
}
