/* jm-map-templates.c: the stage sets a new map can start from, and the map's statuses
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-map.h"

/* Templates: the stage sets a workshop can start from. */
typedef struct
{
  const char *id;
  const char *label;
  const char *stages[10];
} Template;

static const Template templates[] = {
  { "blank", N_("Blank Map"), { NULL } },
  { "experience-cycle", N_("Experience Cycle"),
    { N_("Connection"), N_("Exposure"), N_("Experience"), N_("Mastery & Activation"), NULL } },
  { "lifecycle", N_("Customer Lifecycle"),
    { N_("Need"), N_("Research"), N_("Select"), N_("Purchase"), N_("Receive"), N_("Use"),
      N_("Maintain"), N_("Recommend"), NULL } },
  { "first-person", N_("First-Person Journey"),
    { N_("I have a job to do"), N_("I am aware"), N_("I shop"), N_("I buy"), N_("I receive"),
      N_("I install"), N_("I use"), N_("I renew"), N_("I get help"), NULL } },
};

/**
 * jm_map_list_templates:
 *
 * Returns: (transfer container): the template ids, in menu order
 */
const char **
jm_map_list_templates (void)
{
  const char **ids = g_new0 (const char *, G_N_ELEMENTS (templates) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    ids[i] = templates[i].id;
  return ids;
}

const char *
jm_map_get_template_label (const char *template_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_strcmp0 (templates[i].id, template_id) == 0)
      return g_dgettext (GETTEXT_PACKAGE, templates[i].label);
  return NULL;
}

/**
 * jm_map_new_from_template:
 * @template_id: one of jm_map_list_templates()
 *
 * Returns: (transfer full) (nullable): a new map with the template's stages,
 *   in the user's language, and one persona lane; %NULL for an unknown id
 */
JmMap *
jm_map_new_from_template (const char *template_id)
{
  const Template *template = NULL;
  g_autoptr(JmMap) self = NULL;
  g_autoptr(JmPersona) persona = NULL;
  g_autofree char *persona_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_strcmp0 (templates[i].id, template_id) == 0)
      template = &templates[i];
  if (template == NULL)
    return NULL;

  self = jm_map_new ();
  jm_map_set_title (self, _("Untitled Journey"));
  for (guint i = 0; template->stages[i] != NULL; i++)
    {
      g_autofree char *id = jm_map_new_id (self, "s");
      g_autoptr(JmStage) stage = jm_stage_new (id, g_dgettext (GETTEXT_PACKAGE, template->stages[i]));

      jm_map_append_stage (self, stage);
    }

  persona_id = jm_map_new_id (self, "p");
  persona = jm_persona_new (persona_id, _("Customer"));
  jm_persona_set_colour (persona, jm_palette_colour (0));
  jm_map_append_persona (self, persona);

  return g_steal_pointer (&self);
}

GType
jm_map_status_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { JM_MAP_STATUS_NONE, "JM_MAP_STATUS_NONE", "none" },
        { JM_MAP_STATUS_AS_IS, "JM_MAP_STATUS_AS_IS", "as-is" },
        { JM_MAP_STATUS_TO_BE, "JM_MAP_STATUS_TO_BE", "to-be" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("JmMapStatus", values));
    }
  return type;
}

/**
 * jm_map_status_get_label:
 *
 * Returns: the status as people say it ("As is"), translated; "" for none
 */
const char *
jm_map_status_get_label (JmMapStatus status)
{
  switch (status)
    {
    case JM_MAP_STATUS_AS_IS: return _("As is");
    case JM_MAP_STATUS_TO_BE: return _("To be");
    case JM_MAP_STATUS_NONE:
    default: return "";
    }
}
