/* jm-test-util.c: what several tests share
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
