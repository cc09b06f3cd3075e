/* jm-test-util.c: what several tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-test-util.h"

/* One object, through its readable properties. */
static void
dump_object (GString *out,
             GObject *object)
{
  guint n_props;
  g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);

  g_string_append_printf (out, "%s {", G_OBJECT_TYPE_NAME (object));
  for (guint i = 0; i < n_props; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      if (!(props[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, props[i]->value_type);
      g_object_get_property (object, props[i]->name, &value);
      if (G_VALUE_HOLDS (&value, G_TYPE_STRV))
        {
          const char * const *strv = g_value_get_boxed (&value);
          g_autofree char *joined = strv ? g_strjoinv ("|", (char **) strv) : g_strdup ("");

          text = g_strdup_printf ("[%s]", joined);
        }
      else if (G_VALUE_HOLDS (&value, G_TYPE_BYTES))
        {
          GBytes *bytes = g_value_get_boxed (&value);

          text = bytes ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, bytes) : g_strdup ("-");
        }
      else
        {
          text = g_strdup_value_contents (&value);
        }
      g_string_append_printf (out, " %s=%s", props[i]->name, text);
    }
  g_string_append (out, " }\n");
}

/**
 * jm_test_dump_map:
 * @map: a map
 *
 * Describes the whole state of @map through its properties and weights,
 * independently of the file writer, to compare maps.
 *
 * Returns: (transfer full): the description
 */
char *
jm_test_dump_map (JmMap *map)
{
  GString *out = g_string_new (NULL);
  GListModel *lists[] = { jm_map_get_stages (map), jm_map_get_personas (map), jm_map_get_touchpoints (map) };

  dump_object (out, G_OBJECT (map));
  for (guint m = 0; m < JM_N_MEASURES; m++)
    g_string_append_printf (out, "weight=%g\n", jm_map_get_weight (map, m));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);

        dump_object (out, item);
      }
  return g_string_free (out, FALSE);
}

/**
 * jm_test_set_up_data_home:
 * @name: a word for the folder's name, such as the test's
 *
 * Points XDG_DATA_HOME at a new temporary folder, so that drafts go to a
 * folder of this run's own and others' are never offered here. Call it
 * before g_test_init(), while the process has one thread.
 *
 * Returns: (transfer full): the folder, for jm_test_tear_down_data_home()
 */
char *
jm_test_set_up_data_home (const char *name)
{
  g_autofree char *template = g_strdup_printf ("jm-%s-data-XXXXXX", name);
  char *data_home = g_dir_make_tmp (template, NULL);

  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  return data_home;
}

/**
 * jm_test_tear_down_data_home:
 * @data_home: what jm_test_set_up_data_home() returned
 *
 * Removes the folder and the drafts folder in it, once the tests have
 * taken their drafts away.
 */
void
jm_test_tear_down_data_home (const char *data_home)
{
  g_autofree char *drafts = jm_draft_default_dir ();
  g_autofree char *app_dir = g_path_get_dirname (drafts);

  g_rmdir (drafts);
  g_rmdir (app_dir);
  g_rmdir (data_home);
}
