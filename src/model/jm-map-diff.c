/* jm-map-diff.c: what changed between two maps, object by object
 *
 * Objects are matched by id, so a renamed card is the same card changed,
 * not one removed and one added. Fields are compared property by
 * property, so a field added to the model is compared without a change
 * here. An object has moved when it is in another cell (a touchpoint's
 * stage or lane) or when it left the order of its list: of the objects
 * both maps have, those outside the longest run kept in the same order
 * (a longest increasing subsequence), so that inserting one card does not
 * report every card after it as moved.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map-diff"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jm-map-diff.h"
#include "jm-map-diff-private.h"
#include "jm-votes.h"

struct _JmMapDiff
{
  GArray *changes;   /* JmMapChange */
};

static void
change_clear (gpointer data)
{
  JmMapChange *change = data;

  g_free (change->id);
  g_free (change->label);
  if (G_IS_VALUE (&change->old_value))
    g_value_unset (&change->old_value);
  if (G_IS_VALUE (&change->new_value))
    g_value_unset (&change->new_value);
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

static const char *
object_label (gpointer object)
{
  if (JM_IS_STAGE (object))
    return jm_stage_get_name (object);
  if (JM_IS_PERSONA (object))
    return jm_persona_get_name (object);
  if (JM_IS_TOUCHPOINT (object))
    return jm_touchpoint_get_title (object);
  if (JM_IS_VOTE_ROUND (object))
    return jm_vote_round_get_question (object);
  return jm_map_get_title (object);
}

static JmMapChange *
add_change (JmMapDiff       *self,
            JmMapChangeKind  kind,
            const char      *object_kind,
            gpointer         object)
{
  JmMapChange change = { 0 };

  change.kind = kind;
  change.object = object_kind;
  change.id = g_strdup (object_id (object));
  change.label = g_strdup (object_label (object));
  g_array_append_val (self->changes, change);
  return &g_array_index (self->changes, JmMapChange, self->changes->len - 1);
}

/* Also the merge's test of a field: private to the model. */
gboolean
_jm_values_equal (const GValue *a,
                  const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_STRV)
    {
      const char * const *x = g_value_get_boxed (a);
      const char * const *y = g_value_get_boxed (b);
      const char * const empty[] = { NULL };

      return g_strv_equal (x != NULL ? x : empty, y != NULL ? y : empty);
    }
  if (type == G_TYPE_BYTES)
    {
      GBytes *x = g_value_get_boxed (a);
      GBytes *y = g_value_get_boxed (b);

      return x == y || (x != NULL && y != NULL && g_bytes_equal (x, y));
    }
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_VALUE_HOLDS_ENUM (a))
    return g_value_get_enum (a) == g_value_get_enum (b);
  return TRUE;
}

typedef struct
{
  GType        type;
  GParamSpec **pspecs;
  guint        n_pspecs;
} ClassFields;

/**
 * _jm_fields_of:
 *
 * Returns: (transfer none): the properties of @object's class, listed
 *   once per class for the life of the process: comparing 20,000 cards
 *   would otherwise list them 40,000 times.
 */
GParamSpec **
_jm_fields_of (gpointer  object,
               guint    *n_pspecs)
{
  static GMutex mutex;
  static GArray *classes;
  GType type = G_OBJECT_TYPE (object);
  GParamSpec **found = NULL;

  g_mutex_lock (&mutex);
  if (classes == NULL)
    classes = g_array_new (FALSE, FALSE, sizeof (ClassFields));
  for (guint i = 0; i < classes->len && found == NULL; i++)
    if (g_array_index (classes, ClassFields, i).type == type)
      {
        found = g_array_index (classes, ClassFields, i).pspecs;
        *n_pspecs = g_array_index (classes, ClassFields, i).n_pspecs;
      }
  if (found == NULL)
    {
      ClassFields fields = { type };

      fields.pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &fields.n_pspecs);
      g_array_append_val (classes, fields);
      found = fields.pspecs;
      *n_pspecs = fields.n_pspecs;
    }
  g_mutex_unlock (&mutex);
  return found;
}

/* Straight to the class, as jm-file-schema.c does: g_object_get_property()
 * looks the name up again and copies the value once more. @value holds
 * the property's type. */
void
_jm_get_field (gpointer      object,
               GParamSpec   *pspec,
               GValue       *value)
{
  G_OBJECT_GET_CLASS (object)->get_property (object, pspec->param_id, value, pspec);
}

/* Properties that are not fields of the object, or that say where it is
 * (a move, reported as one). */
static gboolean
is_compared (GParamSpec *pspec)
{
  static const char *skipped[] = { "id", "modified", "stage-id", "lane-id", "picture-type" };

  if (!(pspec->flags & G_PARAM_READABLE))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (g_str_equal (pspec->name, skipped[i]))
      return FALSE;
  return TRUE;
}

static void
compare_fields (JmMapDiff  *self,
                const char *object_kind,
                gpointer    old_object,
                gpointer    new_object)
{
  GParamSpec **pspecs;
  guint n_pspecs;

  pspecs = _jm_fields_of (new_object, &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GValue a = G_VALUE_INIT;
      GValue b = G_VALUE_INIT;

      if (!is_compared (pspecs[i]))
        continue;
      g_value_init (&a, pspecs[i]->value_type);
      g_value_init (&b, pspecs[i]->value_type);
      _jm_get_field (old_object, pspecs[i], &a);
      _jm_get_field (new_object, pspecs[i], &b);
      if (!_jm_values_equal (&a, &b))
        {
          JmMapChange *change = add_change (self, JM_MAP_CHANGE_CHANGED, object_kind, new_object);

          change->field = pspecs[i]->name;
          change->old_value = a;
          change->new_value = b;
          continue;
        }
      g_value_unset (&a);
      g_value_unset (&b);
    }
}

/* Marks in @kept which of @sequence (positions in the old list, in the
 * new order) stay in order: a longest increasing subsequence. */
static void
longest_increasing (const guint *sequence,
                    guint        n,
                    gboolean    *kept)
{
  g_autofree guint *tails = g_new (guint, n + 1);   /* index into sequence */
  g_autofree guint *previous = g_new (guint, n);
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint lo = 0, hi = length;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (sequence[tails[mid]] < sequence[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      previous[i] = lo > 0 ? tails[lo - 1] : G_MAXUINT;
      tails[lo] = i;
      if (lo == length)
        length++;
    }
  memset (kept, 0, n * sizeof (gboolean));
  for (guint i = length > 0 ? tails[length - 1] : G_MAXUINT; i != G_MAXUINT; i = previous[i])
    kept[i] = TRUE;
}

static void
set_position (JmMapChange *change,
              guint        old_position,
              guint        new_position)
{
  change->field = "position";
  g_value_init (&change->old_value, G_TYPE_INT);
  g_value_set_int (&change->old_value, (int) old_position + 1);
  g_value_init (&change->new_value, G_TYPE_INT);
  g_value_set_int (&change->new_value, (int) new_position + 1);
}

static char *
cell_name (JmTouchpoint *touchpoint)
{
  return g_strdup_printf ("%s / %s", jm_touchpoint_get_stage_id (touchpoint),
                          jm_touchpoint_get_lane_id (touchpoint));
}

static gboolean
same_cell (JmTouchpoint *a,
           JmTouchpoint *b)
{
  return g_strcmp0 (jm_touchpoint_get_stage_id (a), jm_touchpoint_get_stage_id (b)) == 0 &&
         g_strcmp0 (jm_touchpoint_get_lane_id (a), jm_touchpoint_get_lane_id (b)) == 0;
}

/* The order of the objects both lists have; for touchpoints, within
 * each cell (a card in another cell has moved already). */
static void
compare_order (JmMapDiff  *self,
               const char *object_kind,
               JmMap      *old_map,
               GListModel *old_list,
               GListModel *new_list,
               gboolean    touchpoints)
{
  g_autoptr(GHashTable) old_positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) group_order = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (old_list);
  guint n_new = g_list_model_get_n_items (new_list);

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (old_list, i);

      g_hash_table_insert (old_positions, (gpointer) object_id (object), GUINT_TO_POINTER (i + 1));
    }

  /* Positions in the new list of objects in both, grouped by cell. */
  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (new_list, i);
      gpointer old_position = g_hash_table_lookup (old_positions, object_id (object));
      g_autofree char *group = NULL;
      GArray *members;

      if (old_position == NULL)
        continue;
      if (touchpoints)
        {
          JmTouchpoint *old_object = jm_map_lookup_touchpoint (old_map, object_id (object));

          if (!same_cell (old_object, JM_TOUCHPOINT (object)))
            continue;
          group = cell_name (JM_TOUCHPOINT (object));
        }
      else
        group = g_strdup ("");
      members = g_hash_table_lookup (groups, group);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
          g_ptr_array_add (group_order, members);
          g_hash_table_insert (groups, g_steal_pointer (&group), members);
        }
      g_array_append_vals (members, (guint[]) { GPOINTER_TO_UINT (old_position) - 1, i }, 1);
    }

  for (guint g = 0; g < group_order->len; g++)
    {
      GArray *members = g_ptr_array_index (group_order, g);
      g_autofree guint *sequence = g_new (guint, members->len);
      g_autofree gboolean *kept = g_new (gboolean, members->len);
      const guint *pairs = (const guint *) (gpointer) members->data;

      for (guint i = 0; i < members->len; i++)
        sequence[i] = pairs[2 * i];
      longest_increasing (sequence, members->len, kept);
      for (guint i = 0; i < members->len; i++)
        if (!kept[i])
          {
            g_autoptr(GObject) object = g_list_model_get_item (new_list, pairs[2 * i + 1]);
            JmMapChange *change = add_change (self, JM_MAP_CHANGE_MOVED, object_kind, object);
            guint rank = 0;

            /* The place among the objects both maps have (for a card,
             * among its cell's), so that additions elsewhere do not
             * change it. */
            for (guint j = 0; j < members->len; j++)
              if (sequence[j] < sequence[i])
                rank++;
            set_position (change, rank, i);
          }
    }
}

static void
compare_lists (JmMapDiff  *self,
               const char *object_kind,
               JmMap      *old_map,
               JmMap      *new_map,
               GListModel *old_list,
               GListModel *new_list,
               gpointer  (*lookup) (JmMap *, const char *))
{
  guint n_old = g_list_model_get_n_items (old_list);
  guint n_new = g_list_model_get_n_items (new_list);
  gboolean touchpoints = g_str_equal (object_kind, "touchpoint");

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (old_list, i);

      if (lookup (new_map, object_id (object)) == NULL)
        add_change (self, JM_MAP_CHANGE_REMOVED, object_kind, object);
    }
  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (new_list, i);
      gpointer old_object = lookup (old_map, object_id (object));

      if (old_object == NULL)
        {
          add_change (self, JM_MAP_CHANGE_ADDED, object_kind, object);
          continue;
        }
      if (touchpoints && !same_cell (old_object, JM_TOUCHPOINT (object)))
        {
          JmMapChange *change = add_change (self, JM_MAP_CHANGE_MOVED, object_kind, object);

          change->field = "cell";
          g_value_init (&change->old_value, G_TYPE_STRING);
          g_value_take_string (&change->old_value, cell_name (old_object));
          g_value_init (&change->new_value, G_TYPE_STRING);
          g_value_take_string (&change->new_value, cell_name (JM_TOUCHPOINT (object)));
        }
      compare_fields (self, object_kind, old_object, object);
    }
  compare_order (self, object_kind, old_map, old_list, new_list, touchpoints);
}

/* Votes. */

/* A round's dots as (touchpoint, voter) -> count, for touchpoints @map
 * has: a vote for a card no longer on the map is not saved either. */
static GHashTable *
round_votes (JmVoteRound *round,
             JmMap       *map)
{
  GHashTable *votes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; round != NULL && i < jm_vote_round_get_n_votes (round); i++)
    {
      const char *touchpoint, *voter;
      int count;

      jm_vote_round_get_vote (round, i, &touchpoint, &voter, &count);
      if (jm_map_lookup_touchpoint (map, touchpoint) != NULL)
        g_hash_table_insert (votes, g_strdup_printf ("%s/%s", touchpoint, voter), GINT_TO_POINTER (count));
    }
  return votes;
}

/* One voter's dots on one card that differ: "vote ROUND/TOUCHPOINT", the
 * voter as its label, and the count before and after (0 for none). */
static void
add_vote_change (JmMapDiff  *self,
                 const char *round_id,
                 const char *key,
                 int         old_count,
                 int         new_count)
{
  const char *slash = strchr (key, '/');
  JmMapChange change = { 0 };

  change.kind = JM_MAP_CHANGE_CHANGED;
  change.object = "vote";
  change.id = g_strdup_printf ("%s/%.*s", round_id, (int) (slash - key), key);
  change.label = g_strdup (slash + 1);
  change.field = "count";
  g_value_init (&change.old_value, G_TYPE_INT);
  g_value_set_int (&change.old_value, old_count);
  g_value_init (&change.new_value, G_TYPE_INT);
  g_value_set_int (&change.new_value, new_count);
  g_array_append_val (self->changes, change);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
compare_round_votes (JmMapDiff   *self,
                     const char  *round_id,
                     JmVoteRound *old_round,
                     JmMap       *old_map,
                     JmVoteRound *new_round,
                     JmMap       *new_map)
{
  g_autoptr(GHashTable) before = round_votes (old_round, old_map);
  g_autoptr(GHashTable) after = round_votes (new_round, new_map);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  /* In the order of their keys, so that the same maps give the same lines. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);
      int old_count = GPOINTER_TO_INT (g_hash_table_lookup (before, k));
      int new_count = GPOINTER_TO_INT (g_hash_table_lookup (after, k));

      if (old_count != new_count)
        add_vote_change (self, round_id, k, old_count, new_count);
    }
}

/* Rounds added, removed and changed, each with the voters' dots that
 * differ (all of them for a round added or removed). */
static void
compare_votes (JmMapDiff *self,
               JmMap     *old_map,
               JmMap     *new_map)
{
  JmVotes *old_votes = jm_map_get_votes (old_map);
  GListModel *old_rounds = jm_votes_get_rounds (old_votes);
  GListModel *new_rounds = jm_votes_get_rounds (jm_map_get_votes (new_map));

  for (guint i = 0; i < g_list_model_get_n_items (old_rounds); i++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (old_rounds, i);

      if (jm_votes_lookup_round (jm_map_get_votes (new_map), jm_vote_round_get_id (round)) == NULL)
        {
          add_change (self, JM_MAP_CHANGE_REMOVED, "round", round);
          compare_round_votes (self, jm_vote_round_get_id (round), round, old_map, NULL, new_map);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (new_rounds); i++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (new_rounds, i);
      const char *id = jm_vote_round_get_id (round);
      JmVoteRound *old_round = jm_votes_lookup_round (old_votes, id);

      if (old_round == NULL)
        add_change (self, JM_MAP_CHANGE_ADDED, "round", round);
      else
        compare_fields (self, "round", old_round, round);
      compare_round_votes (self, id, old_round, old_map, round, new_map);
    }
}

/**
 * jm_map_diff_new_with_votes:
 *
 * As jm_map_diff_new(), and then the rounds of dot voting: rounds added,
 * removed and changed ("round"), and each voter's dots on a card that
 * differ ("vote", with the id "ROUND/TOUCHPOINT", the voter as its label
 * and the field "count").
 *
 * Returns: (transfer full): what changed from @old_map to @new_map
 */
JmMapDiff *
jm_map_diff_new_with_votes (JmMap *old_map,
                            JmMap *new_map)
{
  JmMapDiff *self = jm_map_diff_new (old_map, new_map);

  compare_votes (self, old_map, new_map);
  return self;
}

/**
 * jm_map_diff_new:
 *
 * Returns: (transfer full): what changed from @old_map to @new_map: the
 *   map's fields, then stages, personas and touchpoints
 */
JmMapDiff *
jm_map_diff_new (JmMap *old_map,
                 JmMap *new_map)
{
  JmMapDiff *self;

  g_return_val_if_fail (JM_IS_MAP (old_map), NULL);
  g_return_val_if_fail (JM_IS_MAP (new_map), NULL);

  self = g_new0 (JmMapDiff, 1);
  self->changes = g_array_new (FALSE, TRUE, sizeof (JmMapChange));
  g_array_set_clear_func (self->changes, change_clear);

  compare_fields (self, "map", old_map, new_map);
  compare_lists (self, "stage", old_map, new_map, jm_map_get_stages (old_map),
                 jm_map_get_stages (new_map), (gpointer) jm_map_lookup_stage);
  compare_lists (self, "persona", old_map, new_map, jm_map_get_personas (old_map),
                 jm_map_get_personas (new_map), (gpointer) jm_map_lookup_persona);
  compare_lists (self, "touchpoint", old_map, new_map, jm_map_get_touchpoints (old_map),
                 jm_map_get_touchpoints (new_map), (gpointer) jm_map_lookup_touchpoint);
  return self;
}

void
jm_map_diff_free (JmMapDiff *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->changes);
  g_free (self);
}

guint
jm_map_diff_get_n_changes (JmMapDiff *self)
{
  return self->changes->len;
}

const JmMapChange *
jm_map_diff_get_change (JmMapDiff *self,
                        guint      index)
{
  g_return_val_if_fail (index < self->changes->len, NULL);
  return &g_array_index (self->changes, JmMapChange, index);
}

gboolean
jm_map_diff_is_empty (JmMapDiff *self)
{
  return self->changes->len == 0;
}

/* Output */

static void
append_quoted (GString    *out,
               const char *text,
               gboolean    json)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, json ? "\\u%04x" : "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
_jm_value_append (GString      *out,
                  const GValue *value,
                  const char   *field,
                  gboolean      json)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    append_quoted (out, g_value_get_string (value), json);
  else if (type == G_TYPE_INT)
    {
      int n = g_value_get_int (value);
      /* An unset emotion or rating is not a number on the scale. */
      gboolean unset = (g_str_equal (field, "emotion") && n == JM_EMOTION_UNSET) ||
                       (n == JM_RATING_UNSET && jm_measure_from_id (field, &(JmMeasure) { 0 }));

      if (unset)
        g_string_append (out, json ? "null" : "unset");
      else
        g_string_append_printf (out, "%d", n);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%g", g_value_get_double (value)));
    }
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, g_value_get_boolean (value) ? "true" : "false");
  else if (G_VALUE_HOLDS_ENUM (value))
    {
      /* As the file writes it: the nick ("to-be"). */
      GEnumValue *nick = g_enum_get_value (g_type_class_peek (type), g_value_get_enum (value));

      append_quoted (out, nick != NULL ? nick->value_nick : "", json);
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *items = g_value_get_boxed (value);

      g_string_append_c (out, '[');
      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_quoted (out, items[i], json);
        }
      g_string_append_c (out, ']');
    }
  else if (type == G_TYPE_BYTES)
    {
      GBytes *bytes = g_value_get_boxed (value);
      gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0;

      if (json)
        g_string_append_printf (out, "%" G_GSIZE_FORMAT, size);
      else if (bytes == NULL)
        g_string_append (out, "none");
      else
        g_string_append_printf (out, "%" G_GSIZE_FORMAT " bytes", size);
    }
  else
    g_string_append (out, json ? "null" : "?");
}

static const char *change_signs = "+->~";
static const char *change_names[] = { "added", "removed", "moved", "changed" };

/**
 * jm_map_diff_to_text:
 *
 * Returns: (transfer full): one line a change, as
 *   "+ touchpoint ID “title”", "- stage ID “name”",
 *   "> touchpoint ID “title”: cell: "s1 / p1" -> "s2 / p1"",
 *   "~ touchpoint ID “title”: emotion: -1 -> 2", "~ map: title: "Old" -> "New"";
 *   empty when the maps are the same
 */
char *
jm_map_diff_to_text (JmMapDiff *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->changes->len; i++)
    {
      const JmMapChange *change = &g_array_index (self->changes, JmMapChange, i);

      g_string_append_printf (out, "%c %s", change_signs[change->kind], change->object);
      /* The map is one: its title would only repeat itself. */
      if (change->id != NULL)
        {
          g_string_append_printf (out, " %s ", change->id);
          append_quoted (out, change->label, FALSE);
        }
      if (change->field != NULL)
        {
          g_string_append_printf (out, ": %s: ", change->field);
          _jm_value_append (out, &change->old_value, change->field, FALSE);
          g_string_append (out, " -> ");
          _jm_value_append (out, &change->new_value, change->field, FALSE);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * jm_map_diff_to_json:
 *
 * Returns: (transfer full): { "same": bool, "changes": [ { "change",
 *   "object", "id", "label", "field", "old", "new" } ] }
 */
char *
jm_map_diff_to_json (JmMapDiff *self)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\n  \"same\": %s,\n  \"changes\": [",
                          self->changes->len == 0 ? "true" : "false");
  for (guint i = 0; i < self->changes->len; i++)
    {
      const JmMapChange *change = &g_array_index (self->changes, JmMapChange, i);

      g_string_append_printf (out, "%s\n    { \"change\": \"%s\", \"object\": \"%s\", \"id\": ",
                              i > 0 ? "," : "", change_names[change->kind], change->object);
      if (change->id != NULL)
        append_quoted (out, change->id, TRUE);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"label\": ");
      append_quoted (out, change->label, TRUE);
      if (change->field != NULL)
        {
          g_string_append_printf (out, ", \"field\": \"%s\", \"old\": ", change->field);
          _jm_value_append (out, &change->old_value, change->field, TRUE);
          g_string_append (out, ", \"new\": ");
          _jm_value_append (out, &change->new_value, change->field, TRUE);
        }
      g_string_append (out, " }");
    }
  g_string_append (out, self->changes->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

/* Every field of @object that is not at its default, one line each. */
static void
append_fields (GString    *out,
               const char *prefix,
               gpointer    object)
{
  GParamSpec **pspecs;
  guint n_pspecs;

  pspecs = _jm_fields_of (object, &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      /* The object's line names it already. */
      if (!is_compared (pspecs[i]) || g_str_equal (pspecs[i]->name, "title") ||
          g_str_equal (pspecs[i]->name, "name") || (JM_IS_VOTE_ROUND (object) &&
                                                    g_str_equal (pspecs[i]->name, "question")))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      _jm_get_field (object, pspecs[i], &value);
      if (g_param_value_defaults (pspecs[i], &value) ||
          (G_VALUE_HOLDS_STRING (&value) && (g_value_get_string (&value) == NULL ||
                                            *g_value_get_string (&value) == '\0')) ||
          (G_VALUE_HOLDS (&value, G_TYPE_STRV) && (g_value_get_boxed (&value) == NULL ||
                                                  *(char **) g_value_get_boxed (&value) == NULL)))
        continue;
      g_string_append_printf (out, "%s: %s: ", prefix, pspecs[i]->name);
      _jm_value_append (out, &value, pspecs[i]->name, FALSE);
      g_string_append_c (out, '\n');
    }
}

static void
append_list (GString    *out,
             const char *kind,
             GListModel *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      g_autofree char *prefix = g_strdup_printf ("%s %s", kind, object_id (object));

      g_string_append_printf (out, "%s ", prefix);
      append_quoted (out, object_label (object), FALSE);
      g_string_append_c (out, '\n');
      if (JM_IS_TOUCHPOINT (object))
        {
          g_autofree char *cell = cell_name (JM_TOUCHPOINT (object));

          g_string_append_printf (out, "%s: cell: ", prefix);
          append_quoted (out, cell, FALSE);
          g_string_append_c (out, '\n');
        }
      append_fields (out, prefix, object);
    }
}

/* Each round, its fields, and its votes in the order of their keys:
 * "vote ROUND/TOUCHPOINT “voter”: count: 2". */
static void
append_rounds (GString *out,
               JmMap   *map)
{
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (map));

  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (rounds, r);
      g_autofree char *prefix = g_strdup_printf ("round %s", jm_vote_round_get_id (round));
      g_autoptr(GHashTable) votes = round_votes (round, map);
      g_autofree gpointer *keys = NULL;
      guint n_keys = 0;

      g_string_append_printf (out, "%s ", prefix);
      append_quoted (out, jm_vote_round_get_question (round), FALSE);
      g_string_append_c (out, '\n');
      append_fields (out, prefix, round);
      keys = g_hash_table_get_keys_as_array (votes, &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), compare_keys);
      for (guint i = 0; i < n_keys; i++)
        {
          const char *slash = strchr (keys[i], '/');

          g_string_append_printf (out, "vote %s/%.*s ", jm_vote_round_get_id (round),
                                  (int) (slash - (const char *) keys[i]), (const char *) keys[i]);
          append_quoted (out, slash + 1, FALSE);
          g_string_append_printf (out, ": count: %d\n", GPOINTER_TO_INT (g_hash_table_lookup (votes, keys[i])));
        }
    }
}

/**
 * jm_map_to_text:
 *
 * The whole map as text, for reading and for line-by-line comparison
 * (git's textconv): the map's fields, then each stage, persona and
 * touchpoint in order, as a line "touchpoint ID “title”" and a line per
 * field that is not at its default, "touchpoint ID: emotion: -1", in
 * the diff's notation; then each round of dot voting and its votes.
 *
 * Returns: (transfer full): the text
 */
char *
jm_map_to_text (JmMap *map)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  g_string_append (out, "map ");
  append_quoted (out, jm_map_get_title (map), FALSE);
  g_string_append_c (out, '\n');
  append_fields (out, "map", map);
  append_list (out, "stage", jm_map_get_stages (map));
  append_list (out, "persona", jm_map_get_personas (map));
  append_list (out, "touchpoint", jm_map_get_touchpoints (map));
  append_rounds (out, map);
  return g_string_free (out, FALSE);
}
