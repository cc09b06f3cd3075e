/* jm-map-merge.c: three-way merge of maps with stable ids
 *
 * Breakout groups each change a copy of one map; their ids stay, so
 * their work can be merged object by object and field by field, as git
 * merges lines. The result starts as ours. A field one side changed takes
 * that side's value; a field both sides changed to different values is a
 * conflict, and ours is kept, so that the merged map always opens. Theirs'
 * new objects come in after the object they follow in theirs; objects
 * theirs deleted go, unless ours changed them (a conflict, kept). A new
 * order of stages or personas on one side is taken; the order of cards
 * within a cell is ours, with theirs' new cards after the card they follow.
 * Theirs' new voting rounds come in; in a round both have, each voter's
 * dots on a card merge as a field does, within the round's limit.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-edits.h"
#include "jm-map-diff-private.h"
#include "jm-map-merge.h"
#include "jm-votes.h"

typedef struct
{
  JmMap     *result;
  JmMap     *base;
  JmMap     *ours;
  JmMap     *theirs;
  GPtrArray *conflicts;
} Merge;

typedef enum {
  KIND_STAGE,
  KIND_PERSONA,
  KIND_TOUCHPOINT,
} Kind;

static const char *kind_names[] = { "stage", "persona", "touchpoint" };

static GListModel *
list_of (JmMap *map,
         Kind   kind)
{
  switch (kind)
    {
    case KIND_STAGE: return jm_map_get_stages (map);
    case KIND_PERSONA: return jm_map_get_personas (map);
    case KIND_TOUCHPOINT:
    default: return jm_map_get_touchpoints (map);
    }
}

static gpointer
lookup (JmMap      *map,
        Kind        kind,
        const char *id)
{
  switch (kind)
    {
    case KIND_STAGE: return jm_map_lookup_stage (map, id);
    case KIND_PERSONA: return jm_map_lookup_persona (map, id);
    case KIND_TOUCHPOINT:
    default: return jm_map_lookup_touchpoint (map, id);
    }
}

static const char *
object_id (gpointer object)
{
  if (JM_IS_STAGE (object))
    return jm_stage_get_id (object);
  if (JM_IS_PERSONA (object))
    return jm_persona_get_id (object);
  if (JM_IS_TOUCHPOINT (object))
    return jm_touchpoint_get_id (object);
  if (JM_IS_VOTE_ROUND (object))
    return jm_vote_round_get_id (object);
  return NULL;
}

static void
conflict_free (gpointer data)
{
  JmMergeConflict *conflict = data;

  g_free (conflict->id);
  g_free (conflict->message);
  if (G_IS_VALUE (&conflict->ours))
    g_value_unset (&conflict->ours);
  if (G_IS_VALUE (&conflict->theirs))
    g_value_unset (&conflict->theirs);
  if (G_IS_VALUE (&conflict->base))
    g_value_unset (&conflict->base);
  g_free (conflict);
}

static void conflict (Merge *self, const char *id, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
conflict (Merge      *self,
          const char *id,
          const char *format,
          ...)
{
  JmMergeConflict *c = g_new0 (JmMergeConflict, 1);
  va_list args;

  c->id = g_strdup (id);
  va_start (args, format);
  c->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->conflicts, c);
}

static const char *
object_kind (gpointer object)
{
  if (JM_IS_STAGE (object))
    return "stage";
  if (JM_IS_PERSONA (object))
    return "persona";
  if (JM_IS_TOUCHPOINT (object))
    return "touchpoint";
  if (JM_IS_VOTE_ROUND (object))
    return "round";
  return "map";
}

static char *value_text (const GValue *value, const char *field);

/* A field both sides changed, with both values to pick from later. */
static void
field_conflict (Merge        *self,
                gpointer      object,
                GParamSpec   *pspec,
                const GValue *ours,
                const GValue *theirs,
                const GValue *base)
{
  g_autofree char *ours_text = value_text (ours, pspec->name);
  g_autofree char *theirs_text = value_text (theirs, pspec->name);
  JmMergeConflict *c;

  conflict (self, object_id (object), "%s changed on both sides: ours %s, theirs %s; kept ours",
            pspec->name, ours_text, theirs_text);
  c = g_ptr_array_index (self->conflicts, self->conflicts->len - 1);
  c->object = object_kind (object);
  c->field = pspec->name;   /* static strings: pspecs live as long as their classes */
  g_value_init (&c->ours, G_VALUE_TYPE (ours));
  g_value_copy (ours, &c->ours);
  g_value_init (&c->theirs, G_VALUE_TYPE (theirs));
  g_value_copy (theirs, &c->theirs);
  if (G_IS_VALUE (base))
    {
      g_value_init (&c->base, G_VALUE_TYPE (base));
      g_value_copy (base, &c->base);
    }
}

/* Properties that are fields (the picture's type goes with the picture). */
static gboolean
is_field (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
         !(pspec->flags & G_PARAM_CONSTRUCT_ONLY) &&
         !g_str_equal (pspec->name, "id") && !g_str_equal (pspec->name, "modified") &&
         !g_str_equal (pspec->name, "picture-type");
}

static void
set_field (gpointer      target,
           gpointer      source,
           GParamSpec   *pspec,
           const GValue *value)
{
  if (JM_IS_PERSONA (target) && g_str_equal (pspec->name, "picture"))
    jm_persona_set_picture (target, g_value_get_boxed (value), jm_persona_get_picture_type (source));
  else
    g_object_set_property (target, pspec->name, value);
}

/* A place a card is moved to must be in the merged map. */
static gboolean
place_exists (Merge        *self,
              GParamSpec   *pspec,
              const GValue *value)
{
  if (g_str_equal (pspec->name, "stage-id"))
    return jm_map_lookup_stage (self->result, g_value_get_string (value)) != NULL;
  if (g_str_equal (pspec->name, "lane-id"))
    return jm_map_lookup_persona (self->result, g_value_get_string (value)) != NULL;
  return TRUE;
}

static char *
value_text (const GValue *value,
            const char   *field)
{
  GString *out = g_string_new (NULL);

  _jm_value_append (out, value, field, FALSE);
  return g_string_free (out, FALSE);
}

/* With no @base (both sides added the object), every difference is a
 * conflict. */
static void
merge_fields (Merge    *self,
              gpointer  result,
              gpointer  base,
              gpointer  ours,
              gpointer  theirs)
{
  GParamSpec **pspecs;
  guint n_pspecs;

  pspecs = _jm_fields_of (result, &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) b = G_VALUE_INIT;
      g_auto(GValue) o = G_VALUE_INIT;
      g_auto(GValue) t = G_VALUE_INIT;

      if (!is_field (pspecs[i]))
        continue;
      g_value_init (&o, pspecs[i]->value_type);
      g_value_init (&t, pspecs[i]->value_type);
      _jm_get_field (ours, pspecs[i], &o);
      _jm_get_field (theirs, pspecs[i], &t);
      if (base != NULL)
        {
          g_value_init (&b, pspecs[i]->value_type);
          _jm_get_field (base, pspecs[i], &b);
        }

      if (_jm_values_equal (&o, &t) || (base != NULL && _jm_values_equal (&t, &b)))
        continue;
      if (base != NULL && _jm_values_equal (&o, &b))
        {
          if (place_exists (self, pspecs[i], &t))
            set_field (result, theirs, pspecs[i], &t);
          else
            conflict (self, object_id (result),
                      "theirs moves it to %s “%s”, which ours deleted; kept ours",
                      g_str_equal (pspecs[i]->name, "stage-id") ? "stage" : "lane",
                      g_value_get_string (&t));
          continue;
        }
      field_conflict (self, result, pspecs[i], &o, &t, &b);
    }
}

/* Whether @object differs from @base in any field. */
static gboolean
changed (gpointer object,
         gpointer base)
{
  GParamSpec **pspecs;
  guint n_pspecs;
  gboolean differs = FALSE;

  pspecs = _jm_fields_of (object, &n_pspecs);
  for (guint i = 0; i < n_pspecs && !differs; i++)
    {
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      if (!is_field (pspecs[i]))
        continue;
      g_value_init (&a, pspecs[i]->value_type);
      g_value_init (&b, pspecs[i]->value_type);
      _jm_get_field (object, pspecs[i], &a);
      _jm_get_field (base, pspecs[i], &b);
      differs = !_jm_values_equal (&a, &b);
    }
  return differs;
}

static gpointer
copy_object (Kind     kind,
             gpointer source)
{
  const char *id = object_id (source);
  GParamSpec **pspecs;
  guint n_pspecs;
  gpointer copy;

  if (kind == KIND_STAGE)
    copy = jm_stage_new (id, "");
  else if (kind == KIND_PERSONA)
    copy = jm_persona_new (id, "");
  else
    copy = jm_touchpoint_new (id, "", "", "");

  pspecs = _jm_fields_of (source, &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_field (pspecs[i]))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      _jm_get_field (source, pspecs[i], &value);
      set_field (copy, source, pspecs[i], &value);
    }
  return copy;
}

/* Where theirs' new object goes: after the object before it in theirs. */
static guint
insert_position (Merge *self,
                 Kind   kind,
                 guint  theirs_position)
{
  GListModel *theirs = list_of (self->theirs, kind);
  GListModel *result = list_of (self->result, kind);

  for (guint i = theirs_position; i > 0; i--)
    {
      g_autoptr(GObject) before = g_list_model_get_item (theirs, i - 1);
      gpointer there = lookup (self->result, kind, object_id (before));

      if (there != NULL)
        for (guint p = 0; p < g_list_model_get_n_items (result); p++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (result, p);

            if (item == there)
              return p + 1;
          }
    }
  return 0;
}

static void
insert (Merge    *self,
        Kind      kind,
        guint     position,
        gpointer  object)
{
  if (kind == KIND_STAGE)
    jm_map_insert_stage (self->result, position, object);
  else if (kind == KIND_PERSONA)
    jm_map_insert_persona (self->result, position, object);
  else
    jm_map_insert_touchpoint (self->result, position, object);
}

/* Theirs' objects: new ones come in, the others merge field by field. */
static void
merge_theirs (Merge *self,
              Kind   kind)
{
  GListModel *theirs = list_of (self->theirs, kind);

  for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
    {
      g_autoptr(GObject) their = g_list_model_get_item (theirs, i);
      const char *id = object_id (their);
      gpointer base = lookup (self->base, kind, id);
      gpointer our = lookup (self->ours, kind, id);
      gpointer result = lookup (self->result, kind, id);

      if (base == NULL && our == NULL)
        {
          g_autoptr(GObject) copy = NULL;

          if (kind == KIND_TOUCHPOINT &&
              (jm_map_lookup_stage (self->result, jm_touchpoint_get_stage_id (JM_TOUCHPOINT (their))) == NULL ||
               jm_map_lookup_persona (self->result, jm_touchpoint_get_lane_id (JM_TOUCHPOINT (their))) == NULL))
            {
              conflict (self, id, "theirs adds it to a stage or lane that ours deleted; left out");
              continue;
            }
          copy = copy_object (kind, their);
          insert (self, kind, insert_position (self, kind, i), copy);
        }
      else if (base == NULL)
        merge_fields (self, result, NULL, our, their);   /* both added it: no base to go by */
      else if (our == NULL)
        {
          if (changed (their, base))
            conflict (self, id, "%s deleted in ours but changed in theirs; kept deleted",
                      kind_names[kind]);
        }
      else
        merge_fields (self, result, base, our, their);
    }
}

static gboolean
has_cards (JmMap      *map,
           Kind        kind,
           const char *id)
{
  GListModel *touchpoints = jm_map_get_touchpoints (map);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_strcmp0 (kind == KIND_STAGE ? jm_touchpoint_get_stage_id (touchpoint)
                                        : jm_touchpoint_get_lane_id (touchpoint), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What theirs deleted goes, unless ours changed it or put cards in it. */
static void
merge_deletions (Merge *self,
                 Kind   kind)
{
  GListModel *base = list_of (self->base, kind);

  for (guint i = 0; i < g_list_model_get_n_items (base); i++)
    {
      g_autoptr(GObject) old = g_list_model_get_item (base, i);
      const char *id = object_id (old);
      gpointer our = lookup (self->ours, kind, id);
      gpointer result = lookup (self->result, kind, id);

      if (lookup (self->theirs, kind, id) != NULL || our == NULL || result == NULL)
        continue;
      if (changed (our, old))
        conflict (self, id, "%s changed in ours but deleted in theirs; kept", kind_names[kind]);
      else if (kind != KIND_TOUCHPOINT && has_cards (self->result, kind, id))
        conflict (self, id, "%s deleted in theirs, but cards are still in it; kept", kind_names[kind]);
      else if (kind == KIND_STAGE)
        jm_map_remove_stage (self->result, result);
      else if (kind == KIND_PERSONA)
        jm_map_remove_persona (self->result, result);
      else
        jm_map_remove_touchpoint (self->result, result);
    }
}

/* The ids of @map's objects of @kind that all of @maps have, in order. */
static GPtrArray *
common_order (JmMap  *map,
              Kind    kind,
              JmMap **maps,
              guint   n_maps)
{
  GListModel *list = list_of (map, kind);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      gboolean everywhere = TRUE;

      for (guint m = 0; m < n_maps && everywhere; m++)
        everywhere = lookup (maps[m], kind, object_id (object)) != NULL;
      if (everywhere)
        g_ptr_array_add (ids, (gpointer) object_id (object));
    }
  return ids;
}

static gboolean
same_order (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* A new order of stages or personas on one side is taken: the places the
 * objects all three maps have take theirs' order, the others stay. */
static void
merge_order (Merge *self,
             Kind   kind)
{
  JmMap *all[] = { self->base, self->ours, self->theirs, self->result };
  g_autoptr(GPtrArray) base = common_order (self->base, kind, all, G_N_ELEMENTS (all));
  g_autoptr(GPtrArray) ours = common_order (self->ours, kind, all, G_N_ELEMENTS (all));
  g_autoptr(GPtrArray) theirs = common_order (self->theirs, kind, all, G_N_ELEMENTS (all));
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  GListModel *result = list_of (self->result, kind);
  guint next = 0;

  if (same_order (theirs, base) || same_order (theirs, ours))
    return;
  if (!same_order (ours, base))
    {
      conflict (self, kind == KIND_STAGE ? "stages" : "personas",
                "the order of %s changed on both sides; kept ours", kind == KIND_STAGE ? "stages" : "personas");
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (result); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (result, i);
      gboolean common = g_ptr_array_find_with_equal_func (theirs, object_id (object), g_str_equal, NULL);

      g_ptr_array_add (wanted, common ? lookup (self->result, kind, g_ptr_array_index (theirs, next++))
                                      : (gpointer) object);
    }
  for (guint i = 0; i < wanted->len; i++)
    if (kind == KIND_STAGE)
      jm_map_move_stage (self->result, g_ptr_array_index (wanted, i), i);
    else
      jm_map_move_persona (self->result, g_ptr_array_index (wanted, i), i);
}

/* Votes */

static JmVoteRound *
copy_round (JmVoteRound *round)
{
  JmVoteRound *copy = jm_vote_round_new (jm_vote_round_get_id (round), jm_vote_round_get_question (round),
                                         jm_vote_round_get_dots (round));

  jm_vote_round_set_anonymous (copy, jm_vote_round_get_anonymous (round));
  jm_vote_round_set_closed (copy, jm_vote_round_get_closed (round));
  for (guint i = 0, n = jm_vote_round_get_n_votes (round); i < n; i++)
    {
      const char *touchpoint, *voter;
      int count;

      jm_vote_round_get_vote (round, i, &touchpoint, &voter, &count);
      jm_vote_round_add_dots (copy, touchpoint, voter, count);
    }
  return copy;
}

/* Theirs' dots of one voter on one card, as a field is merged: taken
 * when ours left them as they were, unless the voter would then have more
 * dots than the round gives. */
static void
merge_vote (Merge       *self,
            JmVoteRound *result,
            JmVoteRound *base,
            JmVoteRound *ours,
            JmVoteRound *theirs,
            const char  *touchpoint,
            const char  *voter)
{
  int b = base != NULL ? jm_vote_round_get_dots_on (base, touchpoint, voter) : 0;
  int o = jm_vote_round_get_dots_on (ours, touchpoint, voter);
  int t = jm_vote_round_get_dots_on (theirs, touchpoint, voter);
  int now = jm_vote_round_get_dots_on (result, touchpoint, voter);

  if (t == o || t == b || now == t)
    return;
  if (o != b)
    conflict (self, jm_vote_round_get_id (result),
              "the dots of “%s” on touchpoint “%s” changed on both sides: ours %d, theirs %d; kept ours",
              voter, touchpoint, o, t);
  else if (jm_vote_round_get_dots_of (result, voter) + t - now > jm_vote_round_get_dots (result))
    conflict (self, jm_vote_round_get_id (result),
              "theirs gives “%s” more dots than the round allows; kept ours", voter);
  else
    jm_vote_round_add_dots (result, touchpoint, voter, t - now);
}

static void
merge_round (Merge       *self,
             JmVoteRound *result,
             JmVoteRound *base,
             JmVoteRound *ours,
             JmVoteRound *theirs)
{
  int dots = jm_vote_round_get_dots (result);
  JmVoteRound *sides[] = { theirs, base };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  merge_fields (self, result, base, ours, theirs);
  /* Fewer dots a voter than a voter has placed would make the file
   * unreadable. */
  for (guint i = 0, n = jm_vote_round_get_n_votes (result); i < n; i++)
    {
      const char *voter;

      jm_vote_round_get_vote (result, i, NULL, &voter, NULL);
      if (jm_vote_round_get_dots_of (result, voter) > jm_vote_round_get_dots (result))
        {
          conflict (self, jm_vote_round_get_id (result),
                    "theirs gives fewer dots than “%s” has placed; kept ours", voter);
          jm_vote_round_set_dots (result, dots);
          break;
        }
    }
  /* Votes theirs placed or changed, and those theirs took back. */
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      if (sides[s] == NULL)
        continue;
      /* Merging changes the votes of @result, never of @theirs or @base. */
      for (guint i = 0, n = jm_vote_round_get_n_votes (sides[s]); i < n; i++)
        {
          const char *touchpoint, *voter;

          jm_vote_round_get_vote (sides[s], i, &touchpoint, &voter, NULL);
          if (g_hash_table_add (seen, g_strconcat (touchpoint, "\n", voter, NULL)))
            merge_vote (self, result, base, ours, theirs, touchpoint, voter);
        }
    }
}

/* Theirs' new rounds come in whole; rounds both have merge vote by vote;
 * a round ours no longer has (its start undone) stays away. */
static void
merge_votes (Merge *self)
{
  JmVotes *votes = jm_map_get_votes (self->result);
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (self->theirs));

  for (guint i = 0, n = g_list_model_get_n_items (rounds); i < n; i++)
    {
      g_autoptr(JmVoteRound) theirs = g_list_model_get_item (rounds, i);
      const char *id = jm_vote_round_get_id (theirs);
      JmVoteRound *base = jm_votes_lookup_round (jm_map_get_votes (self->base), id);
      JmVoteRound *ours = jm_votes_lookup_round (jm_map_get_votes (self->ours), id);
      JmVoteRound *result = jm_votes_lookup_round (votes, id);

      if (ours == NULL || result == NULL)
        {
          if (base == NULL && result == NULL)
            {
              g_autoptr(JmVoteRound) copy = copy_round (theirs);

              jm_votes_append_round (votes, copy);
            }
          continue;
        }
      merge_round (self, result, base, ours, theirs);
    }
}

/**
 * jm_map_merge:
 * @result: a map that is @ours as loaded, changed in place into the merge;
 *   or @ours itself: each field of ours is read before it is written, and
 *   objects are added and removed only after every field is merged
 * @base: the common ancestor
 * @ours: our side
 * @theirs: their side
 *
 * Returns: (transfer full) (element-type JmMergeConflict): the conflicts,
 *   in the order found; empty when the merge is clean
 */
GPtrArray *
jm_map_merge (JmMap *result,
              JmMap *base,
              JmMap *ours,
              JmMap *theirs)
{
  Merge self = { result, base, ours, theirs, g_ptr_array_new_with_free_func (conflict_free) };

  g_return_val_if_fail (JM_IS_MAP (result) && JM_IS_MAP (base), NULL);
  g_return_val_if_fail (JM_IS_MAP (ours) && JM_IS_MAP (theirs), NULL);

  merge_fields (&self, result, base, ours, theirs);
  merge_theirs (&self, KIND_STAGE);
  merge_theirs (&self, KIND_PERSONA);
  merge_order (&self, KIND_STAGE);
  merge_order (&self, KIND_PERSONA);
  merge_theirs (&self, KIND_TOUCHPOINT);
  merge_deletions (&self, KIND_TOUCHPOINT);
  merge_deletions (&self, KIND_STAGE);
  merge_deletions (&self, KIND_PERSONA);
  merge_votes (&self);
  return self.conflicts;
}

/* ------------------------------------------------- taking chosen changes */

static Kind
kind_of (const char *object)
{
  if (g_str_equal (object, "stage"))
    return KIND_STAGE;
  if (g_str_equal (object, "persona"))
    return KIND_PERSONA;
  return KIND_TOUCHPOINT;
}

static guint
position_in (GListModel *list,
             gpointer    object)
{
  for (guint p = 0; p < g_list_model_get_n_items (list); p++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, p);

      if ((gpointer) item == object)
        return p;
    }
  return G_MAXUINT;
}

/* Theirs' new object, after the object before it in theirs; a card only
 * where its stage and lane are in the map. */
static void
take_added (Merge             *self,
            const JmMapChange *change)
{
  Kind kind = kind_of (change->object);
  gpointer their = lookup (self->theirs, kind, change->id);
  g_autoptr(GObject) copy = NULL;

  if (their == NULL || lookup (self->result, kind, change->id) != NULL)
    return;
  if (kind == KIND_TOUCHPOINT &&
      (jm_map_lookup_stage (self->result, jm_touchpoint_get_stage_id (their)) == NULL ||
       jm_map_lookup_persona (self->result, jm_touchpoint_get_lane_id (their)) == NULL))
    {
      conflict (self, change->id, "its stage or lane was not taken; left out");
      return;
    }
  copy = copy_object (kind, their);
  insert (self, kind, insert_position (self, kind, position_in (list_of (self->theirs, kind), their)), copy);
}

/* A card to theirs' cell, after the cards before it there that the map
 * has too. */
static void
take_card_place (Merge        *self,
                 JmTouchpoint *card,
                 JmTouchpoint *their)
{
  JmStage *stage = jm_map_lookup_stage (self->result, jm_touchpoint_get_stage_id (their));
  JmPersona *persona = jm_map_lookup_persona (self->result, jm_touchpoint_get_lane_id (their));
  g_autoptr(GPtrArray) their_cell = NULL;
  int index = 0;

  if (stage == NULL || persona == NULL)
    {
      conflict (self, jm_touchpoint_get_id (card), "the cell it moves to is not in the map; not moved");
      return;
    }
  their_cell = jm_map_get_cell (self->theirs,
                                jm_map_lookup_stage (self->theirs, jm_touchpoint_get_stage_id (their)),
                                jm_map_lookup_persona (self->theirs, jm_touchpoint_get_lane_id (their)));
  for (guint i = 0; i < their_cell->len && g_ptr_array_index (their_cell, i) != (gpointer) their; i++)
    {
      JmTouchpoint *before = jm_map_lookup_touchpoint (self->result,
                                                       jm_touchpoint_get_id (g_ptr_array_index (their_cell, i)));

      if (before != NULL && before != card &&
          g_str_equal (jm_touchpoint_get_stage_id (before), jm_stage_get_id (stage)) &&
          g_str_equal (jm_touchpoint_get_lane_id (before), jm_persona_get_id (persona)))
        index++;
    }
  jm_map_move_touchpoint (self->result, card, stage, persona, index);
}

static void
take_field (Merge             *self,
            const JmMapChange *change)
{
  gpointer target = change->id == NULL ? (gpointer) self->result
                                       : lookup (self->result, kind_of (change->object), change->id);

  if (target == NULL)
    return;
  if (change->kind == JM_MAP_CHANGE_MOVED && kind_of (change->object) != KIND_TOUCHPOINT)
    {
      Kind kind = kind_of (change->object);
      gpointer their = lookup (self->theirs, kind, change->id);
      guint position = MIN (position_in (list_of (self->theirs, kind), their),
                            g_list_model_get_n_items (list_of (self->result, kind)) - 1);

      if (kind == KIND_STAGE)
        jm_map_move_stage (self->result, target, position);
      else
        jm_map_move_persona (self->result, target, position);
      return;
    }
  if (change->kind == JM_MAP_CHANGE_MOVED)
    {
      take_card_place (self, target, lookup (self->theirs, KIND_TOUCHPOINT, change->id));
      return;
    }
  if (g_str_equal (change->field, "picture") && JM_IS_PERSONA (target))
    {
      /* The picture's type goes with it. */
      gpointer their = lookup (self->theirs, KIND_PERSONA, change->id);
      g_auto(GValue) type = G_VALUE_INIT;

      g_value_init (&type, G_TYPE_STRING);
      g_value_set_string (&type, jm_persona_get_picture_type (their));
      jm_map_edit (self->result, target, "picture", &change->new_value);
      jm_map_edit (self->result, target, "picture-type", &type);
      return;
    }
  jm_map_edit (self->result, target, change->field, &change->new_value);
}

/**
 * jm_map_take_changes:
 * @map: the map the changes come into
 * @theirs: the other copy of the map that @diff was made to
 * @diff: jm_map_diff_new (@map, @theirs)
 * @take: for each of @diff's changes, whether to take it
 *
 * Brings the chosen changes of another copy of a map into @map, as one
 * undo step, "Merge Map": objects only theirs has are added where theirs
 * has them, fields and cells take theirs' values, stages and lanes take
 * theirs' order, and objects only @map has are removed. With no common
 * ancestor to tell which side changed what, the person merging chooses.
 *
 * Returns: (transfer full) (element-type JmMergeConflict): the chosen
 *   changes that could not be taken, and why; empty when all were
 */
GPtrArray *
jm_map_take_changes (JmMap          *map,
                     JmMap          *theirs,
                     JmMapDiff      *diff,
                     const gboolean *take)
{
  Merge self = { map, NULL, map, theirs, g_ptr_array_new_with_free_func (conflict_free) };
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = jm_map_diff_get_n_changes (diff);

  g_return_val_if_fail (JM_IS_MAP (map) && JM_IS_MAP (theirs), NULL);
  g_return_val_if_fail (diff != NULL && (take != NULL || n == 0), NULL);

  jm_map_begin (map, _("Merge Map"));
  /* Stages and lanes first, so that cards find their cells; removals
   * last, so that a card moving out of a stage leaves before it goes. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const JmMapChange *change = jm_map_diff_get_change (diff, i);
        gboolean cells = change->id != NULL && kind_of (change->object) != KIND_TOUCHPOINT;

        if (!take[i] || cells != (pass == 0))
          continue;
        if (change->kind == JM_MAP_CHANGE_ADDED)
          take_added (&self, change);
        else if (change->kind != JM_MAP_CHANGE_REMOVED)
          take_field (&self, change);
      }
  for (guint i = 0; i < n; i++)
    {
      const JmMapChange *change = jm_map_diff_get_change (diff, i);
      gpointer object;

      if (!take[i] || change->kind != JM_MAP_CHANGE_REMOVED)
        continue;
      object = lookup (map, kind_of (change->object), change->id);
      if (object != NULL)
        g_ptr_array_add (removed, g_object_ref (object));
    }
  if (removed->len > 0)
    jm_edits_delete (map, removed);
  jm_map_end (map);
  return self.conflicts;
}
