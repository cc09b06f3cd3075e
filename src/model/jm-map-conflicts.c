/* jm-map-conflicts.c: what a merge left for a person to decide
 *
 * A three-way merge (jm_map_merge()) keeps our value of a field both
 * sides changed, so that the merged map always opens; the conflict is
 * kept on the map, with both values, until someone picks one. The file
 * keeps them too (see jm-file-conflicts.c in io), so a map merged by git
 * on the command line shows its conflicts when it is next opened. Other
 * conflicts (a card one side deleted and the other changed, the order of
 * stages changed on both sides) hold only their message: the merge
 * already chose, and a person only needs to know.
 *
 * Resolving conflicts is one step on the map's history: the chosen values
 * are set and the conflicts leave the map; undoing brings both back.
 *
 * The map holds its conflicts as it holds its votes, in a list made the
 * first time it is asked for, so that a map that never met a merge
 * carries nothing more.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map-conflicts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jm-map-conflicts.h"
#include "jm-map-private.h"
#include "jm-map-merge.h"


struct _JmConflict
{
  GObject  parent_instance;

  char    *object;
  char    *id;
  char    *field;     /* NULL when the conflict holds only its message */
  GValue   ours;
  GValue   theirs;
  GValue   base;      /* unset when the merge had none to go by */
  char    *message;
};

G_DEFINE_FINAL_TYPE (JmConflict, jm_conflict, G_TYPE_OBJECT)

static void
jm_conflict_finalize (GObject *object)
{
  JmConflict *self = JM_CONFLICT (object);

  g_free (self->object);
  g_free (self->id);
  g_free (self->field);
  g_free (self->message);
  if (G_IS_VALUE (&self->ours))
    g_value_unset (&self->ours);
  if (G_IS_VALUE (&self->theirs))
    g_value_unset (&self->theirs);
  if (G_IS_VALUE (&self->base))
    g_value_unset (&self->base);

  G_OBJECT_CLASS (jm_conflict_parent_class)->finalize (object);
}

static void
jm_conflict_class_init (JmConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jm_conflict_finalize;
}

static void
jm_conflict_init (JmConflict *self)
{
}

static GType
object_type (const char *object)
{
  if (g_strcmp0 (object, "map") == 0)
    return JM_TYPE_MAP;
  if (g_strcmp0 (object, "stage") == 0)
    return JM_TYPE_STAGE;
  if (g_strcmp0 (object, "persona") == 0)
    return JM_TYPE_PERSONA;
  if (g_strcmp0 (object, "touchpoint") == 0)
    return JM_TYPE_TOUCHPOINT;
  return G_TYPE_INVALID;
}

/**
 * jm_conflict_is_field:
 * @object: "map", "stage", "persona" or "touchpoint"
 * @field: a property name
 * @pspec: (out) (optional): its property
 *
 * Whether a conflict over @field of an @object can hold both values to
 * pick from: a field of text, a number, a choice or a list. A picture is
 * too large to keep twice, and a voting round's limits depend on its
 * votes, so their conflicts keep only their messages.
 */
gboolean
jm_conflict_is_field (const char  *object,
                      const char  *field,
                      GParamSpec **pspec)
{
  GType type = object_type (object);
  g_autoptr(GTypeClass) klass = NULL;
  GParamSpec *found;
  GType value_type;

  if (type == G_TYPE_INVALID || field == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  found = g_object_class_find_property (G_OBJECT_CLASS (klass), field);
  if (found == NULL || (found->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
      (found->flags & G_PARAM_CONSTRUCT_ONLY) || g_str_equal (field, "modified") ||
      g_str_equal (field, "picture-type"))
    return FALSE;
  value_type = found->value_type;
  if (value_type != G_TYPE_STRING && value_type != G_TYPE_INT && value_type != G_TYPE_BOOLEAN &&
      value_type != G_TYPE_DOUBLE && value_type != G_TYPE_STRV && !G_TYPE_IS_ENUM (value_type))
    return FALSE;
  if (pspec != NULL)
    *pspec = found;
  return TRUE;
}

static gboolean
value_fits (const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) == NULL || strlen (g_value_get_string (value)) <= JM_CONFLICT_MAX_VALUE;
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *items = g_value_get_boxed (value);
      guint n = items != NULL ? g_strv_length ((char **) items) : 0;

      if (n > JM_CONFLICT_MAX_ITEMS)
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (strlen (items[i]) > JM_CONFLICT_MAX_VALUE)
          return FALSE;
    }
  return TRUE;
}

/**
 * jm_conflict_new:
 * @object: what kind of object: "map", "stage", "persona", "touchpoint"
 *   or "round"
 * @id: (nullable): its id; %NULL for the map
 * @field: (nullable): the field both sides changed
 * @ours: (nullable): our value of @field, of its property's type
 * @theirs: (nullable): their value
 * @base: (nullable): the value both sides changed, when the merge had one
 * @message: what happened, as jm_map_merge() words it
 *
 * The values are kept only when both are given, @field is one whose
 * values can be picked (jm_conflict_is_field()) and they keep the limits;
 * otherwise the conflict holds only its message. A message is cut at
 * %JM_CONFLICT_MAX_MESSAGE bytes.
 *
 * Returns: (transfer full): a conflict
 */
JmConflict *
jm_conflict_new (const char   *object,
                 const char   *id,
                 const char   *field,
                 const GValue *ours,
                 const GValue *theirs,
                 const GValue *base,
                 const char   *message)
{
  JmConflict *self = g_object_new (JM_TYPE_CONFLICT, NULL);
  GParamSpec *pspec = NULL;

  self->object = g_strdup (object != NULL ? object : "map");
  self->id = g_strdup (id);
  if (ours != NULL && theirs != NULL && jm_conflict_is_field (self->object, field, &pspec) &&
      G_VALUE_HOLDS (ours, pspec->value_type) && G_VALUE_HOLDS (theirs, pspec->value_type) &&
      value_fits (ours) && value_fits (theirs))
    {
      self->field = g_strdup (field);
      g_value_init (&self->ours, pspec->value_type);
      g_value_copy (ours, &self->ours);
      g_value_init (&self->theirs, pspec->value_type);
      g_value_copy (theirs, &self->theirs);
      if (base != NULL && G_VALUE_HOLDS (base, pspec->value_type) && value_fits (base))
        {
          g_value_init (&self->base, pspec->value_type);
          g_value_copy (base, &self->base);
        }
    }
  message = message != NULL ? message : "";
  if (strlen (message) > JM_CONFLICT_MAX_MESSAGE)
    {
      const char *end = message + JM_CONFLICT_MAX_MESSAGE;

      /* At a character's start, so that the message stays UTF-8. */
      while (end > message && (*end & 0xc0) == 0x80)
        end--;
      self->message = g_strndup (message, end - message);
    }
  else
    self->message = g_strdup (message);
  return self;
}

/* Returns: "map", "stage", "persona", "touchpoint" or "round" */
const char *
jm_conflict_get_object (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return self->object;
}

/* Returns: (nullable): the object's id; %NULL for the map */
const char *
jm_conflict_get_id (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return self->id;
}

/* Returns: (nullable): the field, when the conflict holds both values */
const char *
jm_conflict_get_field (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return self->field;
}

/* Returns: (nullable): our value, kept in the map by the merge */
const GValue *
jm_conflict_get_ours (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return self->field != NULL ? &self->ours : NULL;
}

/* Returns: (nullable): their value */
const GValue *
jm_conflict_get_theirs (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return self->field != NULL ? &self->theirs : NULL;
}

/* Returns: (nullable): the value before both sides changed it */
const GValue *
jm_conflict_get_base (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return G_IS_VALUE (&self->base) ? &self->base : NULL;
}

const char *
jm_conflict_get_message (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), NULL);
  return self->message;
}

/* Whether a person can pick one of two values. */
gboolean
jm_conflict_has_values (JmConflict *self)
{
  g_return_val_if_fail (JM_IS_CONFLICT (self), FALSE);
  return self->field != NULL;
}

/* The map's conflicts */

static GListStore *
conflict_store (JmMap *map)
{
  return _jm_map_get_conflict_store (map);
}

/**
 * jm_map_get_conflicts:
 *
 * Returns: (transfer none): the map's conflicts, of #JmConflict, in the
 *   order the merge found them
 */
GListModel *
jm_map_get_conflicts (JmMap *map)
{
  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  return G_LIST_MODEL (conflict_store (map));
}

/**
 * jm_map_add_conflict:
 *
 * Adds a conflict without history, as a reader or a merge does.
 *
 * Returns: %FALSE when the map holds %JM_CONFLICTS_MAX already
 */
gboolean
jm_map_add_conflict (JmMap      *map,
                     JmConflict *conflict)
{
  GListStore *store;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_CONFLICT (conflict), FALSE);

  store = conflict_store (map);
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) >= JM_CONFLICTS_MAX)
    return FALSE;
  g_list_store_append (store, conflict);
  return TRUE;
}

static char *
conflict_key (JmConflict *conflict)
{
  return g_strjoin ("\n", conflict->object, conflict->id != NULL ? conflict->id : "",
                    conflict->field != NULL ? conflict->field : "", conflict->message, NULL);
}

/**
 * jm_map_add_merge_conflicts:
 * @map: the merged map
 * @merge_conflicts: (element-type JmMergeConflict): what jm_map_merge()
 *   returned
 *
 * Keeps the merge's conflicts on the map, without history, up to
 * %JM_CONFLICTS_MAX of them. A conflict the map holds already (the same
 * merge made again, say, with a map that kept the first one's conflicts)
 * is not added twice.
 */
void
jm_map_add_merge_conflicts (JmMap     *map,
                            GPtrArray *merge_conflicts)
{
  GListModel *existing;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (merge_conflicts != NULL);

  existing = jm_map_get_conflicts (map);
  for (guint i = 0, n = g_list_model_get_n_items (existing); i < n; i++)
    {
      g_autoptr(JmConflict) conflict = g_list_model_get_item (existing, i);

      g_hash_table_add (keys, conflict_key (conflict));
    }
  for (guint i = 0; i < merge_conflicts->len; i++)
    {
      JmMergeConflict *merged = g_ptr_array_index (merge_conflicts, i);
      gboolean values = merged->field != NULL && G_IS_VALUE (&merged->ours);
      g_autoptr(JmConflict) conflict = jm_conflict_new (merged->object, merged->id, merged->field,
                                                        values ? &merged->ours : NULL,
                                                        values ? &merged->theirs : NULL,
                                                        values && G_IS_VALUE (&merged->base) ? &merged->base : NULL,
                                                        merged->message);

      if (!g_hash_table_add (keys, conflict_key (conflict)))
        continue;
      if (!jm_map_add_conflict (map, conflict))
        break;
    }
}

typedef struct
{
  GListStore *store;
  JmConflict *conflict;
  guint       position;
} RemoveCommand;

static void
remove_command_run (gpointer data,
                    gboolean undo)
{
  RemoveCommand *command = data;

  if (undo)
    g_list_store_insert (command->store, command->position, command->conflict);
  else
    g_list_store_remove (command->store, command->position);
}

static void
remove_command_free (gpointer data)
{
  RemoveCommand *command = data;

  g_object_unref (command->store);
  g_object_unref (command->conflict);
  g_free (command);
}

static gpointer
lookup_object (JmMap      *map,
               const char *object,
               const char *id)
{
  if (g_str_equal (object, "map"))
    return map;
  if (id == NULL)
    return NULL;
  if (g_str_equal (object, "stage"))
    return jm_map_lookup_stage (map, id);
  if (g_str_equal (object, "persona"))
    return jm_map_lookup_persona (map, id);
  if (g_str_equal (object, "touchpoint"))
    return jm_map_lookup_touchpoint (map, id);
  return NULL;
}

/* A card's stage and lane are where it is: picking one moves it, to the
 * end of its new cell, when that stage or lane is still in the map. */
static void
take_value (JmMap        *map,
            JmConflict   *conflict,
            const GValue *value)
{
  gpointer target = lookup_object (map, conflict->object, conflict->id);

  if (target == NULL)
    return;
  if (JM_IS_TOUCHPOINT (target) &&
      (g_str_equal (conflict->field, "stage-id") || g_str_equal (conflict->field, "lane-id")))
    {
      gboolean stage = g_str_equal (conflict->field, "stage-id");
      const char *place = g_value_get_string (value);
      JmStage *to_stage = jm_map_lookup_stage (map, stage ? place : jm_touchpoint_get_stage_id (target));
      JmPersona *to_lane = jm_map_lookup_persona (map, stage ? jm_touchpoint_get_lane_id (target) : place);

      if (to_stage != NULL && to_lane != NULL &&
          g_strcmp0 (place, stage ? jm_touchpoint_get_stage_id (target) : jm_touchpoint_get_lane_id (target)) != 0)
        jm_map_move_touchpoint (map, target, to_stage, to_lane, -1);
      return;
    }
  jm_map_edit (map, target, conflict->field, value);
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/**
 * jm_map_resolve_conflicts:
 * @conflicts: (array length=n_conflicts): some of the map's conflicts
 * @choices: (array length=n_conflicts): for each, which value to keep;
 *   a conflict without values is only taken off the map
 *
 * Sets the chosen values and takes the conflicts off the map, as one
 * step on the map's history, "Resolve Conflicts". A value whose object
 * has gone since, or that its field refuses, is left.
 */
void
jm_map_resolve_conflicts (JmMap                  *map,
                          JmConflict            **conflicts,
                          const JmConflictChoice *choices,
                          guint                   n_conflicts)
{
  GListStore *store;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (n_conflicts == 0 || (conflicts != NULL && choices != NULL));

  store = conflict_store (map);
  jm_map_begin (map, _("Resolve Conflicts"));
  for (guint i = 0; i < n_conflicts; i++)
    {
      guint position;

      if (!g_list_store_find (store, conflicts[i], &position))
        continue;
      g_array_append_val (positions, position);
      if (conflicts[i]->field != NULL)
        take_value (map, conflicts[i],
                    choices[i] == JM_CONFLICT_TAKE_THEIRS ? &conflicts[i]->theirs : &conflicts[i]->ours);
    }
  /* From the last, so that the positions stay true; undo puts them back
   * from the first. */
  g_array_sort (positions, compare_descending);
  for (guint i = 0; i < positions->len; i++)
    {
      RemoveCommand *command = g_new0 (RemoveCommand, 1);

      command->store = g_object_ref (store);
      command->position = g_array_index (positions, guint, i);
      command->conflict = g_list_model_get_item (G_LIST_MODEL (store), command->position);
      remove_command_run (command, FALSE);
      jm_history_push (jm_map_get_history (map), remove_command_run, command, remove_command_free);
    }
  jm_map_end (map);
}
