/* jm-view-settings.c: how a board is viewed, as typed values
 *
 * The zoom, the panels beside the board, the highlight, the colouring by
 * score and the persona whose journey is walked: none of it is part of
 * the map. The board page binds its board, its menu and its panels to one
 * JmViewSettings; the session keeps it per map file as a JmViewState.
 * The words these settings are written with, in the board's actions and
 * in the remembered views, are made and read here alone.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-view-settings"

#include "config.h"

#include <string.h>

#include "jm-view-settings.h"

struct _JmViewSettings
{
  GObject      parent_instance;

  double       zoom;
  gboolean     show_outline;
  gboolean     show_inspector;
  JmHighlight  highlight;
  char        *highlight_target;
  JmColourBy   colour_by;
  char        *walked_persona;
};

G_DEFINE_FINAL_TYPE (JmViewSettings, jm_view_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_SHOW_OUTLINE,
  PROP_SHOW_INSPECTOR,
  PROP_HIGHLIGHT,
  PROP_COLOUR_BY,
  PROP_WALKED_PERSONA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (JM_COLOUR_BY_RELEVANCE == JM_COLOUR_BY_MEASURE (JM_MEASURE_RELEVANCE));
G_STATIC_ASSERT (JM_N_MEASURES == 4);

GType
jm_highlight_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { JM_HIGHLIGHT_NONE, "JM_HIGHLIGHT_NONE", "none" },
    { JM_HIGHLIGHT_MOMENTS, "JM_HIGHLIGHT_MOMENTS", "moments" },
    { JM_HIGHLIGHT_PERSONA, "JM_HIGHLIGHT_PERSONA", "persona" },
    { JM_HIGHLIGHT_CHANNEL, "JM_HIGHLIGHT_CHANNEL", "channel" },
    { JM_HIGHLIGHT_TEAM, "JM_HIGHLIGHT_TEAM", "team" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("JmHighlight", values));
  return type;
}

GType
jm_colour_by_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { JM_COLOUR_BY_NONE, "JM_COLOUR_BY_NONE", "none" },
    { JM_COLOUR_BY_COMPOSITE, "JM_COLOUR_BY_COMPOSITE", "composite" },
    { JM_COLOUR_BY_RESPONSIVENESS, "JM_COLOUR_BY_RESPONSIVENESS", "responsiveness" },
    { JM_COLOUR_BY_CONVENIENCE, "JM_COLOUR_BY_CONVENIENCE", "convenience" },
    { JM_COLOUR_BY_RELIABILITY, "JM_COLOUR_BY_RELIABILITY", "reliability" },
    { JM_COLOUR_BY_RELEVANCE, "JM_COLOUR_BY_RELEVANCE", "relevance" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("JmColourBy", values));
  return type;
}

/* The words. */

static const char * const highlight_prefixes[] = {
  [JM_HIGHLIGHT_PERSONA] = "persona:",
  [JM_HIGHLIGHT_CHANNEL] = "channel:",
  [JM_HIGHLIGHT_TEAM] = "team:",
};

/**
 * jm_highlight_to_string:
 * @target: (nullable): the persona's id, or the channel's or team's name
 *
 * Returns: (transfer full): @highlight in words, as jm_highlight_parse()
 *   reads it
 */
char *
jm_highlight_to_string (JmHighlight  highlight,
                        const char  *target)
{
  switch (highlight)
    {
    case JM_HIGHLIGHT_MOMENTS:
      return g_strdup ("moments");
    case JM_HIGHLIGHT_PERSONA:
    case JM_HIGHLIGHT_CHANNEL:
    case JM_HIGHLIGHT_TEAM:
      return g_strconcat (highlight_prefixes[highlight], target != NULL ? target : "", NULL);
    case JM_HIGHLIGHT_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * jm_highlight_parse:
 * @text: (nullable): a highlight in words; %NULL or "" for none
 * @highlight: (out): the highlight
 * @target: (out) (transfer full) (nullable): its target, %NULL for none
 *
 * Returns: %TRUE if @text names a highlight
 */
gboolean
jm_highlight_parse (const char   *text,
                    JmHighlight  *highlight,
                    char        **target)
{
  g_return_val_if_fail (highlight != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  *highlight = JM_HIGHLIGHT_NONE;
  *target = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (g_str_equal (text, "moments"))
    {
      *highlight = JM_HIGHLIGHT_MOMENTS;
      return TRUE;
    }
  for (JmHighlight h = JM_HIGHLIGHT_PERSONA; h <= JM_HIGHLIGHT_TEAM; h++)
    if (g_str_has_prefix (text, highlight_prefixes[h]))
      {
        *highlight = h;
        *target = g_strdup (text + strlen (highlight_prefixes[h]));
        return TRUE;
      }
  return FALSE;
}

/**
 * jm_colour_by_to_string:
 *
 * Returns: @colour_by in words, as jm_colour_by_parse() reads it
 */
const char *
jm_colour_by_to_string (JmColourBy colour_by)
{
  if (colour_by == JM_COLOUR_BY_COMPOSITE)
    return "composite";
  if (colour_by >= JM_COLOUR_BY_RESPONSIVENESS && colour_by <= JM_COLOUR_BY_RELEVANCE)
    return jm_measure_get_id (colour_by - JM_COLOUR_BY_RESPONSIVENESS);
  return "none";
}

/**
 * jm_colour_by_parse:
 * @text: (nullable): a colouring in words; %NULL or "" for none
 * @colour_by: (out): the colouring
 *
 * Returns: %TRUE if @text names a colouring
 */
gboolean
jm_colour_by_parse (const char *text,
                    JmColourBy *colour_by)
{
  JmMeasure measure;

  g_return_val_if_fail (colour_by != NULL, FALSE);

  *colour_by = JM_COLOUR_BY_NONE;
  if (text == NULL || *text == '\0' || g_str_equal (text, "none"))
    return TRUE;
  if (g_str_equal (text, "composite"))
    {
      *colour_by = JM_COLOUR_BY_COMPOSITE;
      return TRUE;
    }
  if (jm_measure_from_id (text, &measure))
    {
      *colour_by = JM_COLOUR_BY_MEASURE (measure);
      return TRUE;
    }
  return FALSE;
}

/* The settings. */

JmViewSettings *
jm_view_settings_new (void)
{
  return g_object_new (JM_TYPE_VIEW_SETTINGS, NULL);
}

double
jm_view_settings_get_zoom (JmViewSettings *self)
{
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (self), 1.0);
  return self->zoom;
}

void
jm_view_settings_set_zoom (JmViewSettings *self,
                           double          zoom)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));
  g_return_if_fail (zoom > 0);

  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
jm_view_settings_get_show_outline (JmViewSettings *self)
{
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (self), TRUE);
  return self->show_outline;
}

void
jm_view_settings_set_show_outline (JmViewSettings *self,
                                   gboolean        show)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));

  show = !!show;
  if (self->show_outline == show)
    return;
  self->show_outline = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OUTLINE]);
}

gboolean
jm_view_settings_get_show_inspector (JmViewSettings *self)
{
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (self), TRUE);
  return self->show_inspector;
}

void
jm_view_settings_set_show_inspector (JmViewSettings *self,
                                     gboolean        show)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));

  show = !!show;
  if (self->show_inspector == show)
    return;
  self->show_inspector = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INSPECTOR]);
}

/**
 * jm_view_settings_get_highlight:
 * @target: (out) (optional) (transfer none) (nullable): the persona's id,
 *   or the channel's or team's name, as it was given
 *
 * Returns: which cards stand out
 */
JmHighlight
jm_view_settings_get_highlight (JmViewSettings  *self,
                                const char     **target)
{
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (self), JM_HIGHLIGHT_NONE);

  if (target != NULL)
    *target = self->highlight_target;
  return self->highlight;
}

/**
 * jm_view_settings_set_highlight:
 * @target: (nullable): the persona's id, or the channel's or team's name
 *   as typed on a card; ignored for the highlights without one
 *
 * Sets both at once: #JmViewSettings:highlight is notified once.
 */
void
jm_view_settings_set_highlight (JmViewSettings *self,
                                JmHighlight     highlight,
                                const char     *target)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));
  g_return_if_fail (highlight <= JM_HIGHLIGHT_TEAM);

  if (highlight == JM_HIGHLIGHT_NONE || highlight == JM_HIGHLIGHT_MOMENTS)
    target = NULL;
  else if (target == NULL)
    target = "";
  if (self->highlight == highlight && g_strcmp0 (self->highlight_target, target) == 0)
    return;
  self->highlight = highlight;
  g_free (self->highlight_target);
  self->highlight_target = g_strdup (target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

JmColourBy
jm_view_settings_get_colour_by (JmViewSettings *self)
{
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (self), JM_COLOUR_BY_NONE);
  return self->colour_by;
}

void
jm_view_settings_set_colour_by (JmViewSettings *self,
                                JmColourBy      colour_by)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));
  g_return_if_fail (colour_by <= JM_COLOUR_BY_RELEVANCE);

  if (self->colour_by == colour_by)
    return;
  self->colour_by = colour_by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_BY]);
}

/**
 * jm_view_settings_get_walked_persona:
 *
 * Returns: (nullable): the id of the persona whose journey is walked: its
 *   lane alone is on the board, whatever the highlight
 */
const char *
jm_view_settings_get_walked_persona (JmViewSettings *self)
{
  g_return_val_if_fail (JM_IS_VIEW_SETTINGS (self), NULL);
  return self->walked_persona;
}

void
jm_view_settings_set_walked_persona (JmViewSettings *self,
                                     const char     *persona_id)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));

  if (g_strcmp0 (self->walked_persona, persona_id) == 0)
    return;
  g_free (self->walked_persona);
  self->walked_persona = g_strdup (persona_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALKED_PERSONA]);
}

/**
 * jm_view_settings_to_state:
 * @state: (out caller-allocates): what is remembered of the view; clear
 *   it with jm_view_state_clear()
 *
 * The persona walked is not remembered: a map opens showing every lane.
 */
void
jm_view_settings_to_state (JmViewSettings *self,
                           JmViewState    *state)
{
  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));
  g_return_if_fail (state != NULL);

  state->zoom = self->zoom;
  state->show_inspector = self->show_inspector;
  state->show_outline = self->show_outline;
  state->colour_by = g_strdup (jm_colour_by_to_string (self->colour_by));
  state->highlight = jm_highlight_to_string (self->highlight, self->highlight_target);
}

/**
 * jm_view_settings_apply_state:
 *
 * Shows the view remembered in @state; what it does not know (no zoom,
 * words no longer understood) stays as it is.
 */
void
jm_view_settings_apply_state (JmViewSettings    *self,
                              const JmViewState *state)
{
  JmColourBy colour_by;
  JmHighlight highlight;
  g_autofree char *target = NULL;

  g_return_if_fail (JM_IS_VIEW_SETTINGS (self));
  g_return_if_fail (state != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (state->zoom > 0)
    jm_view_settings_set_zoom (self, state->zoom);
  if (state->colour_by != NULL && jm_colour_by_parse (state->colour_by, &colour_by))
    jm_view_settings_set_colour_by (self, colour_by);
  if (state->highlight != NULL && jm_highlight_parse (state->highlight, &highlight, &target))
    jm_view_settings_set_highlight (self, highlight, target);
  jm_view_settings_set_show_inspector (self, state->show_inspector);
  jm_view_settings_set_show_outline (self, state->show_outline);
  g_object_thaw_notify (G_OBJECT (self));
}

/* GObject. */

static void
jm_view_settings_finalize (GObject *object)
{
  JmViewSettings *self = JM_VIEW_SETTINGS (object);

  g_free (self->highlight_target);
  g_free (self->walked_persona);

  G_OBJECT_CLASS (jm_view_settings_parent_class)->finalize (object);
}

static void
jm_view_settings_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JmViewSettings *self = JM_VIEW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SHOW_OUTLINE:
      g_value_set_boolean (value, self->show_outline);
      break;
    case PROP_SHOW_INSPECTOR:
      g_value_set_boolean (value, self->show_inspector);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_enum (value, self->highlight);
      break;
    case PROP_COLOUR_BY:
      g_value_set_enum (value, self->colour_by);
      break;
    case PROP_WALKED_PERSONA:
      g_value_set_string (value, self->walked_persona);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_view_settings_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JmViewSettings *self = JM_VIEW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      jm_view_settings_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_SHOW_OUTLINE:
      jm_view_settings_set_show_outline (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_INSPECTOR:
      jm_view_settings_set_show_inspector (self, g_value_get_boolean (value));
      break;
    case PROP_HIGHLIGHT:
      jm_view_settings_set_highlight (self, g_value_get_enum (value), self->highlight_target);
      break;
    case PROP_COLOUR_BY:
      jm_view_settings_set_colour_by (self, g_value_get_enum (value));
      break;
    case PROP_WALKED_PERSONA:
      jm_view_settings_set_walked_persona (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_view_settings_class_init (JmViewSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jm_view_settings_finalize;
  object_class->get_property = jm_view_settings_get_property;
  object_class->set_property = jm_view_settings_set_property;

  /**
   * JmViewSettings:zoom:
   *
   * The board's scale, 1 for actual size.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, G_MINDOUBLE, G_MAXDOUBLE, 1.0, flags);
  /**
   * JmViewSettings:show-outline:
   *
   * Whether the outline shows beside the board.
   */
  properties[PROP_SHOW_OUTLINE] =
    g_param_spec_boolean ("show-outline", NULL, NULL, TRUE, flags);
  /**
   * JmViewSettings:show-inspector:
   *
   * Whether the inspector panel shows beside the board.
   */
  properties[PROP_SHOW_INSPECTOR] =
    g_param_spec_boolean ("show-inspector", NULL, NULL, TRUE, flags);
  /**
   * JmViewSettings:highlight:
   *
   * Which cards stand out; see jm_view_settings_get_highlight() for its
   * target.
   */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_enum ("highlight", NULL, NULL, JM_TYPE_HIGHLIGHT, JM_HIGHLIGHT_NONE, flags);
  /**
   * JmViewSettings:colour-by:
   *
   * What colours the strip at the foot of every card.
   */
  properties[PROP_COLOUR_BY] =
    g_param_spec_enum ("colour-by", NULL, NULL, JM_TYPE_COLOUR_BY, JM_COLOUR_BY_NONE, flags);
  /**
   * JmViewSettings:walked-persona:
   *
   * The id of the persona whose journey is walked, %NULL for none.
   */
  properties[PROP_WALKED_PERSONA] =
    g_param_spec_string ("walked-persona", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_view_settings_init (JmViewSettings *self)
{
  self->zoom = 1.0;
  self->show_outline = TRUE;
  self->show_inspector = TRUE;
}
