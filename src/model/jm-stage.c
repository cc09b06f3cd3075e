/* jm-stage.c: one stage (column) of a journey
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-stage"

#include "jm-stage.h"
#include "jm-util-private.h"

struct _JmStage
{
  GObject parent_instance;

  char   *id;
  char   *name;
  char   *description;
};

G_DEFINE_FINAL_TYPE (JmStage, jm_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jm_stage_finalize (GObject *object)
{
  JmStage *self = JM_STAGE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (jm_stage_parent_class)->finalize (object);
}

static void
jm_stage_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JmStage *self = JM_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_stage_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JmStage *self = JM_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      jm_stage_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      jm_stage_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_stage_class_init (JmStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jm_stage_finalize;
  object_class->get_property = jm_stage_get_property;
  object_class->set_property = jm_stage_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_stage_init (JmStage *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
}

/**
 * jm_stage_new:
 * @id: the stage's id, unique in its map
 * @name: (nullable): the stage's name
 *
 * Returns: (transfer full): a new stage
 */
JmStage *
jm_stage_new (const char *id,
              const char *name)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (JM_TYPE_STAGE, "id", id, "name", name ? name : "", NULL);
}

const char *
jm_stage_get_id (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);
  return self->id;
}

const char *
jm_stage_get_name (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);
  return self->name;
}

void
jm_stage_set_name (JmStage    *self,
                   const char *name)
{
  g_return_if_fail (JM_IS_STAGE (self));

  if (_jm_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
jm_stage_get_description (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);
  return self->description;
}

void
jm_stage_set_description (JmStage    *self,
                          const char *description)
{
  g_return_if_fail (JM_IS_STAGE (self));

  if (_jm_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}
