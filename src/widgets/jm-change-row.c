/* jm-change-row.c: one difference between two maps, as a list row
 *
 * The merge review and the compare view both list what differs between
 * two copies of a map: each change named as a person reads it ("Emotion
 * of card “Calls the shop”"), both values side by side, links by the
 * titles of the cards they lead to and cells by their stage and lane.
 * The review of a merge's conflicts lists each the same way, ours beside
 * theirs.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-change-row"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-change-row.h"

/* What a field is called in the app. */
static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "title", N_("Title") },
    { "name", N_("Name") },
    { "description", N_("Description") },
    { "notes", N_("Notes") },
    { "channel", N_("Channel") },
    { "emotion", N_("Emotion") },
    { "moment-of-truth", N_("Moment of truth") },
    { "teams", N_("Teams") },
    { "links", N_("Links") },
    { "role", N_("Role") },
    { "quote", N_("Quote") },
    { "colour", N_("Colour") },
    { "picture", N_("Picture") },
    { "cell", N_("Cell") },
    { "position", N_("Order") },
  };
  JmMeasure measure;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return _(labels[i].label);
  if (jm_measure_from_id (field, &measure))
    return jm_measure_get_label (measure);
  for (guint row = 0; row < JM_N_ROWS; row++)
    if (g_str_equal (field, jm_row_get_id (row)))
      return jm_row_get_label (row);
  return field;
}

/* A value as a person reads it; links by the titles of the cards they
 * lead to in @map. */
static char *
value_text (const GValue *value,
            const char   *field,
            JmMap        *map)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRV && g_str_equal (field, "links"))
    {
      const char * const *ids = g_value_get_boxed (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          JmTouchpoint *card = jm_map_lookup_touchpoint (map, ids[i]);

          g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "",
                                  card != NULL ? jm_touchpoint_get_title (card) : ids[i]);
        }
      return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (_("none"));
    }

  if (type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (value);

      return text == NULL || *text == '\0' ? g_strdup (_("empty")) : g_strdup_printf ("“%s”", text);
    }
  if (type == G_TYPE_INT)
    {
      int n = g_value_get_int (value);
      JmMeasure measure;

      if (g_str_equal (field, "emotion"))
        return g_strdup (n == JM_EMOTION_UNSET ? _("none") : jm_emotion_get_label (n));
      if (jm_measure_from_id (field, &measure) && n == JM_RATING_UNSET)
        return g_strdup (_("not rated"));
      return g_strdup_printf ("%d", n);
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (g_value_get_boolean (value) ? _("yes") : _("no"));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", g_value_get_double (value));
  if (type == G_TYPE_STRV)
    {
      const char * const *items = g_value_get_boxed (value);

      return items == NULL || items[0] == NULL ? g_strdup (_("none")) : g_strjoinv (", ", (char **) items);
    }
  if (type == G_TYPE_BYTES)
    return g_strdup (g_value_get_boxed (value) != NULL ? _("a picture") : _("none"));
  return g_strdup ("");
}

static const char *
noun_of (const char *object,
         const char *id)
{
  if (id == NULL || g_str_equal (object, "map"))
    return _("the map");
  if (g_str_equal (object, "stage"))
    return _("stage");
  if (g_str_equal (object, "persona"))
    return _("lane");
  if (g_str_equal (object, "round"))
    return _("voting round");
  return _("card");
}

static const char *
object_noun (const JmMapChange *change)
{
  return noun_of (change->object, change->id);
}

/* A touchpoint's cell by the names of its stage and lane. */
static char *
cell_text (JmMap      *map,
           const char *id)
{
  JmTouchpoint *card = jm_map_lookup_touchpoint (map, id);
  JmStage *stage;
  JmPersona *persona;

  if (card == NULL)
    return g_strdup ("");
  stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (card));
  persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (card));
  return g_strdup_printf ("%s / %s", stage != NULL ? jm_stage_get_name (stage) : "?",
                          persona != NULL ? jm_persona_get_name (persona) : "?");
}

/**
 * jm_change_row_new:
 * @here: the map the change would come into
 * @there: the other map
 * @change: a change from jm_map_diff_new (@here, @there)
 *
 * Returns: (transfer floating): an #AdwActionRow naming the change, with
 *   both values in its subtitle
 */
GtkWidget *
jm_change_row_new (JmMap             *here_map,
                   JmMap             *there_map,
                   const JmMapChange *change)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *label = change->label != NULL && *change->label != '\0' ? change->label : _("untitled");

  switch (change->kind)
    {
    case JM_MAP_CHANGE_ADDED:
      /* Translators: a change from another copy of the map: "New card “Calls the shop”". */
      title = g_strdup_printf (_("New %s “%s”"), object_noun (change), label);
      subtitle = g_strdup (_("Only in the other copy: add it here"));
      break;
    case JM_MAP_CHANGE_REMOVED:
      title = g_strdup_printf (_("Remove %s “%s”"), object_noun (change), label);
      subtitle = g_strdup (_("Only in this map: the other copy does not have it"));
      break;
    case JM_MAP_CHANGE_MOVED:
      if (g_str_equal (change->field, "cell"))
        {
          g_autofree char *here = cell_text (here_map, change->id);
          g_autofree char *there = cell_text (there_map, change->id);

          title = g_strdup_printf (_("Move %s “%s”"), object_noun (change), label);
          /* Translators: both values of a change, this map's first. */
          subtitle = g_strdup_printf (_("Here: %s · Other copy: %s"), here, there);
        }
      else
        {
          title = g_strdup_printf (_("Reorder %s “%s”"), object_noun (change), label);
          subtitle = g_strdup (_("As in the other copy"));
        }
      break;
    case JM_MAP_CHANGE_CHANGED:
    default:
      {
        g_autofree char *here = value_text (&change->old_value, change->field, here_map);
        g_autofree char *there = value_text (&change->new_value, change->field, there_map);

        /* Translators: a changed field: "Emotion of card “Calls the shop”". */
        title = change->id == NULL
                ? g_strdup_printf (_("%s of the map"), field_label (change->field))
                : g_strdup_printf (_("%s of %s “%s”"), field_label (change->field), object_noun (change), label);
        subtitle = g_strdup_printf (_("Here: %s · Other copy: %s"), here, there);
      }
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 3);
  return GTK_WIDGET (row);
}


/* An object's name or title, as the map has it now. */
static const char *
object_label (JmMap      *map,
              const char *object,
              const char *id)
{
  const char *label = NULL;

  if (id == NULL || g_str_equal (object, "map"))
    return NULL;
  if (g_str_equal (object, "stage") && jm_map_lookup_stage (map, id) != NULL)
    label = jm_stage_get_name (jm_map_lookup_stage (map, id));
  else if (g_str_equal (object, "persona") && jm_map_lookup_persona (map, id) != NULL)
    label = jm_persona_get_name (jm_map_lookup_persona (map, id));
  else if (g_str_equal (object, "touchpoint") && jm_map_lookup_touchpoint (map, id) != NULL)
    label = jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, id));
  else
    return id;
  return label != NULL && *label != '\0' ? label : _("untitled");
}

/* A card's stage or lane by its name. */
static char *
conflict_value_text (JmMap        *map,
                     const char   *field,
                     const GValue *value)
{
  if (g_str_equal (field, "stage-id") || g_str_equal (field, "lane-id"))
    {
      const char *id = g_value_get_string (value);
      const char *name = NULL;

      if (g_str_equal (field, "stage-id") && jm_map_lookup_stage (map, id) != NULL)
        name = jm_stage_get_name (jm_map_lookup_stage (map, id));
      else if (jm_map_lookup_persona (map, id) != NULL)
        name = jm_persona_get_name (jm_map_lookup_persona (map, id));
      return g_strdup_printf ("“%s”", name != NULL ? name : id);
    }
  return value_text (value, field, map);
}

/**
 * jm_change_row_new_conflict:
 * @map: the map the conflict is on
 * @conflict: one of its conflicts
 *
 * Returns: (transfer floating): an #AdwActionRow naming the conflict,
 *   with both values in its subtitle, or what the merge did when it has
 *   no values to pick from
 */
GtkWidget *
jm_change_row_new_conflict (JmMap      *map,
                            JmConflict *conflict)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  const char *object = jm_conflict_get_object (conflict);
  const char *id = jm_conflict_get_id (conflict);
  const char *field = jm_conflict_get_field (conflict);
  const char *label = object_label (map, object, id);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (field != NULL)
    {
      g_autofree char *ours = conflict_value_text (map, field, jm_conflict_get_ours (conflict));
      g_autofree char *theirs = conflict_value_text (map, field, jm_conflict_get_theirs (conflict));
      const char *name = g_str_equal (field, "stage-id") ? _("Stage")
                         : g_str_equal (field, "lane-id") ? _("Lane") : field_label (field);

      title = label == NULL ? g_strdup_printf (_("%s of the map"), name)
                            : g_strdup_printf (_("%s of %s “%s”"), name, noun_of (object, id), label);
      if (jm_conflict_get_base (conflict) != NULL)
        {
          g_autofree char *base = conflict_value_text (map, field, jm_conflict_get_base (conflict));

          /* Translators: both values of a merge conflict, ours (kept by the
           * merge) first, then the value both sides changed. */
          subtitle = g_strdup_printf (_("Ours: %s · Theirs: %s · Before: %s"), ours, theirs, base);
        }
      else
        /* Translators: both values of a merge conflict, ours (kept by the merge) first. */
        subtitle = g_strdup_printf (_("Ours: %s · Theirs: %s"), ours, theirs);
    }
  else
    {
      title = label == NULL ? g_strdup (_("Conflict on the map"))
                            /* Translators: a merge conflict on one object: "Conflict on card “Calls the shop”". */
                            : g_strdup_printf (_("Conflict on %s “%s”"), noun_of (object, id), label);
      subtitle = g_strdup (jm_conflict_get_message (conflict));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 4);
  return GTK_WIDGET (row);
}
