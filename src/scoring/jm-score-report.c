/* jm-score-report.c: every roll-up of a map's scores, computed at once
 *
 * A report is a snapshot: it reads the map once, in one pass over the
 * touchpoints, and never changes afterwards. Views build a new report when
 * the map changes.
 *
 * Roll-ups average touchpoint composites; they do not pool ratings. A
 * touchpoint is one moment of the journey and counts once in each group it
 * belongs to, whether it has one rating or four, and the weights apply
 * where they mean something: between the measures of one touchpoint. Every
 * summary still says how many ratings it rests on.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-report"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jm-score-report.h"
#include "jm-scoring.h"
#include "jm-names.h"

typedef struct
{
  guint  n_touchpoints;
  guint  n_scored;
  guint  n_ratings;
  double mean;         /* Welford's running mean and sum of squared deviations */
  double m2;
  double min;
  double max;
  guint  n_emotions;
  double emotion_sum;
} Acc;

/* A channel or team group while the report is built. */
typedef struct
{
  char *norm;          /* jm_name_key(): what groups compare */
  char *key;           /* a known channel's id, else trimmed, as first written */
  char *label;
  int   order;         /* known channels come first, in the app's order */
  Acc   acc;
} Bucket;

struct _JmScoreReport
{
  gatomicrefcount      ref_count;

  JmMap               *map;
  GPtrArray           *objects;        /* stages, then personas, owned */
  GStringChunk        *strings;

  JmScoreSummary       overall;
  GArray              *groups[JM_SCORE_N_GROUP_KINDS];
  JmScoreSummary      *cells;          /* [stage * n_lanes + lane] */
  guint                n_stages;
  guint                n_lanes;

  JmScoreEntry        *entries;
  guint                n_entries;
  const JmScoreEntry **ranking;
  guint                n_ranked;
};

G_DEFINE_BOXED_TYPE (JmScoreReport, jm_score_report, jm_score_report_ref, jm_score_report_unref)

static void
acc_init (Acc *acc)
{
  memset (acc, 0, sizeof *acc);
  acc->min = INFINITY;
  acc->max = -INFINITY;
}

static void
acc_add (Acc                *acc,
         const JmScoreEntry *entry)
{
  acc->n_touchpoints++;
  if (entry->emotion != JM_EMOTION_UNSET)
    {
      acc->n_emotions++;
      acc->emotion_sum += entry->emotion;
    }
  if (!isnan (entry->composite))
    {
      double delta = entry->composite - acc->mean;

      acc->n_scored++;
      acc->n_ratings += entry->n_ratings;
      acc->mean += delta / acc->n_scored;
      acc->m2 += delta * (entry->composite - acc->mean);
      acc->min = MIN (acc->min, entry->composite);
      acc->max = MAX (acc->max, entry->composite);
    }
}

static void
acc_finish (const Acc      *acc,
            JmScoreSummary *summary)
{
  summary->n_touchpoints = acc->n_touchpoints;
  summary->n_scored = acc->n_scored;
  summary->n_ratings = acc->n_ratings;
  summary->n_emotions = acc->n_emotions;
  summary->emotion = acc->n_emotions > 0 ? acc->emotion_sum / acc->n_emotions : NAN;
  if (acc->n_scored == 0)
    {
      summary->mean = summary->min = summary->max = summary->stddev = NAN;
      return;
    }
  summary->mean = acc->mean;
  summary->min = acc->min;
  summary->max = acc->max;
  /* Population deviation: the group is every touchpoint there is, not a
   * sample of them. */
  summary->stddev = sqrt (MAX (acc->m2, 0.0) / acc->n_scored);
}

static void
bucket_clear (gpointer data)
{
  Bucket *bucket = data;

  g_free (bucket->norm);
  g_free (bucket->key);
  g_free (bucket->label);
}

typedef struct
{
  JmScoreGroupKind  kind;
  GArray           *buckets;   /* of Bucket */
  GHashTable       *by_raw;    /* raw text (borrowed from touchpoints) -> index + 1 */
  GHashTable       *by_norm;   /* normalised (borrowed from buckets) -> index + 1 */
} BucketSet;

static void
bucket_set_init (BucketSet        *set,
                 JmScoreGroupKind  kind)
{
  set->kind = kind;
  set->buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
  g_array_set_clear_func (set->buckets, bucket_clear);
  set->by_raw = g_hash_table_new (g_str_hash, g_str_equal);
  set->by_norm = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
bucket_set_clear (BucketSet *set)
{
  g_hash_table_unref (set->by_raw);
  g_hash_table_unref (set->by_norm);
  g_array_unref (set->buckets);
}

static guint
bucket_new (BucketSet  *set,
            char       *norm,
            const char *raw)
{
  Bucket bucket = { 0 };

  bucket.norm = norm;
  acc_init (&bucket.acc);
  if (norm == NULL)
    {
      bucket.norm = g_strdup ("");
      bucket.key = g_strdup ("");
      bucket.label = g_strdup (set->kind == JM_SCORE_BY_CHANNEL ? _("No channel") : _("No team"));
      bucket.order = G_MAXINT;
    }
  else
    {
      const JmChannelInfo *known = NULL;

      bucket.order = G_MAXINT - 1;
      if (set->kind == JM_SCORE_BY_CHANNEL)
        {
          guint n_channels;
          const JmChannelInfo *channels = jm_channels (&n_channels);

          known = jm_channel_lookup (norm);
          if (known != NULL)
            bucket.order = known - channels;
        }
      /* A known channel shows as itself whatever its twin was typed as. */
      bucket.key = known != NULL ? g_strdup (known->id) : g_strstrip (g_strdup (raw));
      bucket.label = g_strdup (known != NULL ? jm_channel_get_label (known->id) : bucket.key);
    }
  g_array_append_val (set->buckets, bucket);
  g_hash_table_insert (set->by_norm, g_array_index (set->buckets, Bucket, set->buckets->len - 1).norm,
                       GUINT_TO_POINTER (set->buckets->len));
  return set->buckets->len - 1;
}

/* The bucket of one channel or team name, created on first sight. Names
 * repeat across thousands of cards, so each distinct spelling is normalised
 * once. */
static guint
bucket_lookup (BucketSet  *set,
               const char *raw)
{
  gpointer found = g_hash_table_lookup (set->by_raw, raw);
  char *norm;
  guint index;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  norm = jm_name_key (set->kind == JM_SCORE_BY_CHANNEL ? JM_NAME_CHANNEL : JM_NAME_TEAM, raw);
  found = g_hash_table_lookup (set->by_norm, norm != NULL ? norm : "");
  if (found != NULL)
    {
      index = GPOINTER_TO_UINT (found) - 1;
      g_free (norm);
    }
  else
    index = bucket_new (set, norm, raw);

  g_hash_table_insert (set->by_raw, (gpointer) raw, GUINT_TO_POINTER (index + 1));
  return index;
}

static int
compare_buckets (gconstpointer a,
                 gconstpointer b)
{
  const Bucket *x = a, *y = b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return strcmp (x->norm, y->norm);
}

static void
bucket_set_finish (BucketSet     *set,
                   JmScoreReport *self)
{
  GArray *groups = self->groups[set->kind];

  g_array_sort (set->buckets, compare_buckets);
  for (guint i = 0; i < set->buckets->len; i++)
    {
      const Bucket *bucket = &g_array_index (set->buckets, Bucket, i);
      JmScoreGroup group = { 0 };

      /* Only a blank team beside real ones makes an empty bucket. */
      if (bucket->acc.n_touchpoints == 0)
        continue;

      group.key = g_string_chunk_insert (self->strings, bucket->key);
      group.label = g_string_chunk_insert (self->strings, bucket->label);
      acc_finish (&bucket->acc, &group.summary);
      g_array_append_val (groups, group);
    }
}

/**
 * jm_score_priority:
 * @composite: a composite score, 1 to 5
 * @moment_of_truth: whether the touchpoint is a moment of truth
 * @emotion: -2 to +2, or %JM_EMOTION_UNSET
 *
 * How urgently a touchpoint needs fixing:
 *
 *   priority = (mot ? 2 : 1) * ((5 - composite) + max (0, -emotion))
 *
 * The score gap (0 to 4) plus the negative emotion (0 to 2; a positive,
 * neutral or unset emotion adds nothing), doubled for a moment of truth,
 * where customers react most strongly: 0 (nothing to fix) to 12.
 *
 * Returns: the priority, or NAN when @composite is NAN
 */
double
jm_score_priority (double   composite,
                   gboolean moment_of_truth,
                   int      emotion)
{
  double negative = (emotion != JM_EMOTION_UNSET && emotion < 0) ? -emotion : 0.0;

  return (moment_of_truth ? 2.0 : 1.0) * ((JM_RATING_MAX - composite) + negative);
}

/* The ranking's sort key. Priorities and composites are rounded to 1e-9
 * so that two equal priorities reached by different sums tie exactly. */
typedef struct
{
  gint64 priority;
  gint64 composite;
  int    moment_of_truth;
  int    emotion;
  guint  position;
} RankKey;

static void
rank_key_init (RankKey            *key,
               const JmScoreEntry *entry)
{
  key->priority = llround (entry->priority * 1e9);
  key->composite = llround (entry->composite * 1e9);
  key->moment_of_truth = entry->moment_of_truth ? 1 : 0;
  key->emotion = entry->emotion == JM_EMOTION_UNSET ? 0 : entry->emotion;
  key->position = entry->position;
}

static int
compare_rank_keys (const void *a,
                   const void *b)
{
  const RankKey *x = a, *y = b;

  if (x->priority != y->priority)
    return x->priority > y->priority ? -1 : 1;
  if (x->moment_of_truth != y->moment_of_truth)
    return x->moment_of_truth > y->moment_of_truth ? -1 : 1;
  if (x->composite != y->composite)
    return x->composite < y->composite ? -1 : 1;
  if (x->emotion != y->emotion)
    return x->emotion < y->emotion ? -1 : 1;
  return x->position < y->position ? -1 : (x->position > y->position);
}

static GHashTable *
index_ids (GListModel *list,
           GPtrArray  *objects,
           const char *(*get_id) (gpointer))
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (list, i);

      g_ptr_array_add (objects, item);
      g_hash_table_insert (ids, (gpointer) get_id (item), GUINT_TO_POINTER (i + 1));
    }
  return ids;
}

/* Ids to positions, remembering the last answer: the touchpoint list is
 * in board order, so runs of cards share a lane, and often a stage. */
typedef struct
{
  GHashTable *ids;
  const char *last_id;
  int         last_index;
} IdIndex;

static int
lookup_index (IdIndex    *index,
              const char *id)
{
  if (index->last_id == NULL || strcmp (index->last_id, id) != 0)
    {
      index->last_id = id;
      index->last_index = (int) GPOINTER_TO_UINT (g_hash_table_lookup (index->ids, id)) - 1;
    }
  return index->last_index;
}

/* Scores one touchpoint; %TRUE if it has a score to rank by. */
static gboolean
score_entry (JmScoreEntry *entry,
             const double *weights)
{
  JmTouchpoint *touchpoint = entry->touchpoint;
  int ratings[JM_N_MEASURES];

  entry->emotion = jm_touchpoint_get_emotion (touchpoint);
  entry->moment_of_truth = jm_touchpoint_get_moment_of_truth (touchpoint);
  for (guint m = 0; m < JM_N_MEASURES; m++)
    ratings[m] = jm_touchpoint_get_rating (touchpoint, m);
  if (!jm_score_ratings (ratings, weights, &entry->composite, &entry->n_ratings))
    {
      entry->priority = NAN;
      return FALSE;
    }
  entry->priority = jm_score_priority (entry->composite, entry->moment_of_truth, entry->emotion);
  return TRUE;
}

/* A touchpoint owned by several teams counts once for each, and once
 * only for a team written twice in different ways. */
static void
add_to_teams (BucketSet          *teams,
              GArray             *seen_teams,
              const char * const *names,
              const JmScoreEntry *entry)
{
  guint index;

  g_array_set_size (seen_teams, 0);
  for (guint t = 0; names[t] != NULL; t++)
    {
      gboolean seen = FALSE;

      /* Blank in any script (a no-break space too) is no team. */
      index = bucket_lookup (teams, names[t]);
      if (*g_array_index (teams->buckets, Bucket, index).norm == '\0')
        continue;
      for (guint s = 0; s < seen_teams->len && !seen; s++)
        seen = g_array_index (seen_teams, guint, s) == index;
      if (!seen)
        {
          g_array_append_val (seen_teams, index);
          acc_add (&g_array_index (teams->buckets, Bucket, index).acc, entry);
        }
    }
  if (seen_teams->len == 0)
    {
      index = bucket_lookup (teams, "");
      acc_add (&g_array_index (teams->buckets, Bucket, index).acc, entry);
    }
}

/* The groups by stage and by lane, and the cells, from their sums. */
static void
finish_places (JmScoreReport *self,
               const Acc     *stage_acc,
               const Acc     *lane_acc,
               const Acc     *cell_acc)
{
  for (guint i = 0; i < self->n_stages; i++)
    {
      JmStage *stage = g_ptr_array_index (self->objects, i);
      JmScoreGroup group = {
        g_string_chunk_insert (self->strings, jm_stage_get_id (stage)),
        g_string_chunk_insert (self->strings, jm_stage_get_name (stage)),
        stage,
      };

      acc_finish (&stage_acc[i], &group.summary);
      g_array_append_val (self->groups[JM_SCORE_BY_STAGE], group);
    }
  for (guint i = 0; i < self->n_lanes; i++)
    {
      JmPersona *persona = g_ptr_array_index (self->objects, self->n_stages + i);
      JmScoreGroup group = {
        g_string_chunk_insert (self->strings, jm_persona_get_id (persona)),
        g_string_chunk_insert (self->strings, jm_persona_get_name (persona)),
        persona,
      };

      acc_finish (&lane_acc[i], &group.summary);
      g_array_append_val (self->groups[JM_SCORE_BY_LANE], group);
    }
  self->cells = g_new (JmScoreSummary, (gsize) self->n_stages * self->n_lanes);
  for (guint i = 0; i < self->n_stages * self->n_lanes; i++)
    acc_finish (&cell_acc[i], &self->cells[i]);
}

/* The scored touchpoints, in order of priority. */
static void
rank (JmScoreReport *self)
{
  g_autofree RankKey *keys = g_new (RankKey, self->n_ranked + 1);

  for (guint i = 0; i < self->n_ranked; i++)
    rank_key_init (&keys[i], self->ranking[i]);
  qsort (keys, self->n_ranked, sizeof (RankKey), compare_rank_keys);
  for (guint i = 0; i < self->n_ranked; i++)
    {
      JmScoreEntry *entry = &self->entries[keys[i].position];

      entry->rank = i + 1;
      self->ranking[i] = entry;
    }
}

/**
 * jm_score_report_new:
 * @map: a map
 *
 * Scores every touchpoint of @map and rolls the scores up by stage, by
 * lane, by stage x lane cell, by channel and by owning team, and ranks the
 * scored touchpoints, in one pass over the map.
 *
 * Returns: (transfer full): a new report
 */
JmScoreReport *
jm_score_report_new (JmMap *map)
{
  JmScoreReport *self;
  GListModel *touchpoints;
  g_autoptr(GHashTable) stage_ids = NULL;
  g_autoptr(GHashTable) lane_ids = NULL;
  g_autofree Acc *stage_acc = NULL;
  g_autofree Acc *lane_acc = NULL;
  g_autofree Acc *cell_acc = NULL;
  double weights[JM_N_MEASURES];
  BucketSet channels, teams;
  g_autoptr(GArray) seen_teams = g_array_new (FALSE, FALSE, sizeof (guint));
  IdIndex stage_index = { NULL }, lane_index = { NULL };
  Acc overall;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  self = g_new0 (JmScoreReport, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->map = g_object_ref (map);
  self->objects = g_ptr_array_new_with_free_func (g_object_unref);
  self->strings = g_string_chunk_new (256);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    self->groups[k] = g_array_new (FALSE, TRUE, sizeof (JmScoreGroup));

  stage_ids = index_ids (jm_map_get_stages (map), self->objects,
                         (const char *(*) (gpointer)) jm_stage_get_id);
  self->n_stages = self->objects->len;
  lane_ids = index_ids (jm_map_get_personas (map), self->objects,
                        (const char *(*) (gpointer)) jm_persona_get_id);
  self->n_lanes = self->objects->len - self->n_stages;
  stage_index.ids = stage_ids;
  lane_index.ids = lane_ids;

  stage_acc = g_new (Acc, self->n_stages);
  lane_acc = g_new (Acc, self->n_lanes);
  cell_acc = g_new (Acc, (gsize) self->n_stages * self->n_lanes);
  for (guint i = 0; i < self->n_stages; i++)
    acc_init (&stage_acc[i]);
  for (guint i = 0; i < self->n_lanes; i++)
    acc_init (&lane_acc[i]);
  for (guint i = 0; i < self->n_stages * self->n_lanes; i++)
    acc_init (&cell_acc[i]);
  acc_init (&overall);
  bucket_set_init (&channels, JM_SCORE_BY_CHANNEL);
  bucket_set_init (&teams, JM_SCORE_BY_TEAM);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    weights[m] = jm_map_get_weight (map, m);

  touchpoints = jm_map_get_touchpoints (map);
  self->n_entries = g_list_model_get_n_items (touchpoints);
  self->entries = g_new0 (JmScoreEntry, self->n_entries);
  self->ranking = g_new0 (const JmScoreEntry *, self->n_entries + 1);

  for (guint i = 0; i < self->n_entries; i++)
    {
      JmScoreEntry *entry = &self->entries[i];
      JmTouchpoint *touchpoint = g_list_model_get_item (touchpoints, i);
      guint index;

      entry->touchpoint = touchpoint;
      entry->position = i;
      entry->stage = lookup_index (&stage_index, jm_touchpoint_get_stage_id (touchpoint));
      entry->lane = lookup_index (&lane_index, jm_touchpoint_get_lane_id (touchpoint));
      if (score_entry (entry, weights))
        self->ranking[self->n_ranked++] = entry;

      acc_add (&overall, entry);
      if (entry->stage >= 0)
        acc_add (&stage_acc[entry->stage], entry);
      if (entry->lane >= 0)
        acc_add (&lane_acc[entry->lane], entry);
      if (entry->stage >= 0 && entry->lane >= 0)
        acc_add (&cell_acc[entry->stage * self->n_lanes + entry->lane], entry);

      /* Look up first: a new bucket may move the array. */
      index = bucket_lookup (&channels, jm_touchpoint_get_channel (touchpoint));
      acc_add (&g_array_index (channels.buckets, Bucket, index).acc, entry);

      add_to_teams (&teams, seen_teams, jm_touchpoint_get_teams (touchpoint), entry);
    }

  acc_finish (&overall, &self->overall);
  finish_places (self, stage_acc, lane_acc, cell_acc);

  bucket_set_finish (&channels, self);
  bucket_set_finish (&teams, self);
  bucket_set_clear (&channels);
  bucket_set_clear (&teams);

  rank (self);

  return self;
}

/**
 * jm_score_report_ref:
 *
 * Returns: (transfer full): @self
 */
JmScoreReport *
jm_score_report_ref (JmScoreReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
jm_score_report_unref (JmScoreReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_entries; i++)
    g_object_unref (self->entries[i].touchpoint);
  g_free (self->entries);
  g_free (self->ranking);
  g_free (self->cells);
  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    g_array_unref (self->groups[k]);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->objects);
  g_object_unref (self->map);
  g_free (self);
}

/**
 * jm_score_report_get_map:
 *
 * Returns: (transfer none): the map the report was computed from
 */
JmMap *
jm_score_report_get_map (JmScoreReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->map;
}

/**
 * jm_score_report_get_overall:
 *
 * Returns: (transfer none): the roll-up of the whole map
 */
const JmScoreSummary *
jm_score_report_get_overall (JmScoreReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->overall;
}

guint
jm_score_report_get_n_groups (JmScoreReport    *self,
                              JmScoreGroupKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind < JM_SCORE_N_GROUP_KINDS, 0);
  return self->groups[kind]->len;
}

/**
 * jm_score_report_get_group:
 * @kind: how touchpoints are grouped
 * @index: less than jm_score_report_get_n_groups()
 *
 * Returns: (transfer none): one group's roll-up, valid as long as the report
 */
const JmScoreGroup *
jm_score_report_get_group (JmScoreReport    *self,
                           JmScoreGroupKind  kind,
                           guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < JM_SCORE_N_GROUP_KINDS, NULL);
  g_return_val_if_fail (index < self->groups[kind]->len, NULL);
  return &g_array_index (self->groups[kind], JmScoreGroup, index);
}

/**
 * jm_score_report_get_cell:
 * @stage: a stage's position
 * @lane: a lane's position
 *
 * Returns: (transfer none): the roll-up of one cell of the board
 */
const JmScoreSummary *
jm_score_report_get_cell (JmScoreReport *self,
                          guint          stage,
                          guint          lane)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->n_stages && lane < self->n_lanes, NULL);
  return &self->cells[stage * self->n_lanes + lane];
}

/**
 * jm_score_report_get_emotion:
 * @lane: a lane's position
 * @stage: a stage's position
 *
 * One point of a persona's emotion curve: the mean emotion of the lane's
 * touchpoints in the stage.
 *
 * Returns: -2 to +2, or NAN when none of them has an emotion
 */
double
jm_score_report_get_emotion (JmScoreReport *self,
                             guint          lane,
                             guint          stage)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (stage < self->n_stages && lane < self->n_lanes, NAN);
  return self->cells[stage * self->n_lanes + lane].emotion;
}

/**
 * jm_score_report_get_entries:
 * @n_entries: (out): the number of entries, one per touchpoint
 *
 * Returns: (transfer none) (array length=n_entries): every touchpoint's
 *   scores, in the map's touchpoint order
 */
const JmScoreEntry *
jm_score_report_get_entries (JmScoreReport *self,
                             guint         *n_entries)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);
  *n_entries = self->n_entries;
  return self->entries;
}

/**
 * jm_score_report_get_ranking:
 * @n_ranked: (out): the number of ranked touchpoints
 *
 * The touchpoints with a composite score, most urgent first, by
 * jm_score_priority(). Ties go to the moment of truth, then to the lower
 * composite, then to the more negative emotion, then to the touchpoint that
 * comes first in the map. Touchpoints without a composite are not ranked:
 * nothing says how far from good they are.
 *
 * Returns: (transfer none) (array length=n_ranked): the ranked entries,
 *   %NULL-terminated
 */
const JmScoreEntry **
jm_score_report_get_ranking (JmScoreReport *self,
                             guint         *n_ranked)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_ranked != NULL)
    *n_ranked = self->n_ranked;
  return self->ranking;
}
