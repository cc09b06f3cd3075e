/* jm-score-writer.c: score reports as text, CSV or JSON
 *
 * Text is for people: aligned tables, numbers as the user's locale writes
 * them. CSV (RFC 4180) and JSON are for programs: numbers always with a '.'
 * decimal point, missing values empty (CSV) or null (JSON).
 *
 * The CSV is one table whose first column, "section", says what a row is:
 * touchpoint, overall, stage, persona, cell, channel, team, ranking (the
 * touchpoint rows again, most urgent first) or votes (for each voting
 * round, its touchpoints with dots, most first). Every row has every column;
 * a column that does not apply to a section is empty.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-score-writer"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "jm-score-writer.h"
#include "jm-vote-ranking.h"

struct _JmScoreWriter
{
  JmScoreFormat format;
  GString      *out;
  guint         n_reports;
};

static const char *format_names[] = { "text", "csv", "json" };

static const char *csv_columns[] = {
  "section", "file", "id", "name", "stage", "persona", "channel", "teams",
  "responsiveness", "convenience", "reliability", "relevance",
  "composite", "n_ratings", "moment_of_truth", "emotion", "rank", "priority",
  "n_touchpoints", "n_scored", "mean", "min", "max", "stddev", "n_emotions", "emotion_mean",
  "round", "dots", "voters",
};

enum {
  COL_SECTION, COL_FILE, COL_ID, COL_NAME, COL_STAGE, COL_PERSONA, COL_CHANNEL, COL_TEAMS,
  COL_FIRST_RATING, COL_COMPOSITE = COL_FIRST_RATING + JM_N_MEASURES, COL_N_RATINGS,
  COL_MOMENT_OF_TRUTH, COL_EMOTION, COL_RANK, COL_PRIORITY, COL_N_TOUCHPOINTS, COL_N_SCORED,
  COL_MEAN, COL_MIN, COL_MAX, COL_STDDEV, COL_N_EMOTIONS, COL_EMOTION_MEAN,
  COL_ROUND, COL_DOTS, COL_VOTERS, N_COLS
};

/* The rounds of @map that have dots on cards it has, each with its
 * ranking: (element-type GArray). */
static GPtrArray *
vote_rankings (JmMap       *map,
               GPtrArray  **rounds)
{
  GListModel *list = jm_votes_get_rounds (jm_map_get_votes (map));
  GPtrArray *rankings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  *rounds = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      JmVoteRound *round = g_list_model_get_item (list, i);
      GArray *ranking = jm_vote_ranking_new (map, round);

      if (ranking->len == 0)
        {
          g_array_unref (ranking);
          g_object_unref (round);
          continue;
        }
      g_ptr_array_add (rankings, ranking);
      g_ptr_array_add (*rounds, round);
    }
  return rankings;
}

static const char *
touchpoint_stage_name (JmMap        *map,
                       JmTouchpoint *touchpoint)
{
  JmStage *stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (touchpoint));

  return stage != NULL ? jm_stage_get_name (stage) : "";
}

static const char *
touchpoint_lane_name (JmMap        *map,
                      JmTouchpoint *touchpoint)
{
  JmPersona *persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (touchpoint));

  return persona != NULL ? jm_persona_get_name (persona) : "";
}

G_STATIC_ASSERT (G_N_ELEMENTS (csv_columns) == N_COLS);

/**
 * jm_score_format_from_string:
 * @name: "text", "csv" or "json", in any case
 * @format: (out) (optional): the format
 *
 * Returns: %TRUE if @name is a format
 */
gboolean
jm_score_format_from_string (const char    *name,
                             JmScoreFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (name != NULL && g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

/* Numbers for programs: '.' as the decimal point whatever the locale, six
 * significant digits, NULL for a missing value. */
static char *
machine_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return NULL;
  /* Print -0 as 0. */
  if (value == 0.0)
    value = 0.0;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static char *
machine_rating (int rating)
{
  return rating >= JM_RATING_MIN ? g_strdup_printf ("%d", rating) : NULL;
}

static char *
machine_emotion (int emotion)
{
  return emotion != JM_EMOTION_UNSET ? g_strdup_printf ("%d", emotion) : NULL;
}

static const char *
stage_name (JmScoreReport *report,
            int            stage)
{
  return stage >= 0 ? jm_score_report_get_group (report, JM_SCORE_BY_STAGE, stage)->label : "";
}

static const char *
lane_name (JmScoreReport *report,
           int            lane)
{
  return lane >= 0 ? jm_score_report_get_group (report, JM_SCORE_BY_LANE, lane)->label : "";
}

/* CSV ------------------------------------------------------------------ */

/* A spreadsheet reads a cell that starts with one of these as a formula
 * (OWASP, "CSV injection"): a map's names must not run as one. */
static gboolean
csv_looks_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* @is_text: the cell holds the map's words (names, ids, teams), not a
 * number the program wrote; such a cell that a spreadsheet would take
 * for a formula gets a leading ' so that it stays text. */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    is_text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  if (is_text && csv_looks_like_formula (text))
    text = escaped = g_strconcat ("'", text, NULL);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_row (GString *out,
         char   **fields)
{
  for (guint i = 0; i < N_COLS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      csv_field (out, fields[i], i < COL_FIRST_RATING);
      g_clear_pointer (&fields[i], g_free);
    }
  g_string_append (out, "\r\n");
}

static void
csv_summary (char                **fields,
             const JmScoreSummary *s)
{
  fields[COL_N_TOUCHPOINTS] = g_strdup_printf ("%u", s->n_touchpoints);
  fields[COL_N_SCORED] = g_strdup_printf ("%u", s->n_scored);
  fields[COL_N_RATINGS] = g_strdup_printf ("%u", s->n_ratings);
  fields[COL_MEAN] = machine_number (s->mean);
  fields[COL_MIN] = machine_number (s->min);
  fields[COL_MAX] = machine_number (s->max);
  fields[COL_STDDEV] = machine_number (s->stddev);
  fields[COL_N_EMOTIONS] = g_strdup_printf ("%u", s->n_emotions);
  fields[COL_EMOTION_MEAN] = machine_number (s->emotion);
}

static void
csv_entry (GString            *out,
           const char         *section,
           const char         *file_name,
           JmScoreReport      *report,
           const JmScoreEntry *entry)
{
  char *fields[N_COLS] = { NULL };
  JmTouchpoint *tp = entry->touchpoint;

  fields[COL_SECTION] = g_strdup (section);
  fields[COL_FILE] = g_strdup (file_name);
  fields[COL_ID] = g_strdup (jm_touchpoint_get_id (tp));
  fields[COL_NAME] = g_strdup (jm_touchpoint_get_title (tp));
  fields[COL_STAGE] = g_strdup (stage_name (report, entry->stage));
  fields[COL_PERSONA] = g_strdup (lane_name (report, entry->lane));
  fields[COL_CHANNEL] = g_strdup (jm_touchpoint_get_channel (tp));
  fields[COL_TEAMS] = g_strjoinv ("; ", (char **) jm_touchpoint_get_teams (tp));
  for (guint m = 0; m < JM_N_MEASURES; m++)
    fields[COL_FIRST_RATING + m] = machine_rating (jm_touchpoint_get_rating (tp, m));
  fields[COL_COMPOSITE] = machine_number (entry->composite);
  fields[COL_N_RATINGS] = g_strdup_printf ("%u", entry->n_ratings);
  fields[COL_MOMENT_OF_TRUTH] = g_strdup (entry->moment_of_truth ? "true" : "false");
  fields[COL_EMOTION] = machine_emotion (entry->emotion);
  fields[COL_RANK] = entry->rank > 0 ? g_strdup_printf ("%u", entry->rank) : NULL;
  fields[COL_PRIORITY] = machine_number (entry->priority);
  csv_row (out, fields);
}

static void
csv_votes (GString    *out,
           const char *file_name,
           JmMap      *map)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) rankings = vote_rankings (map, &rounds);
  char *fields[N_COLS] = { NULL };

  for (guint r = 0; r < rankings->len; r++)
    {
      GArray *ranking = g_ptr_array_index (rankings, r);

      for (guint i = 0; i < ranking->len; i++)
        {
          const JmVoteTally *tally = &g_array_index (ranking, JmVoteTally, i);

          fields[COL_SECTION] = g_strdup ("votes");
          fields[COL_FILE] = g_strdup (file_name);
          fields[COL_ID] = g_strdup (jm_touchpoint_get_id (tally->touchpoint));
          fields[COL_NAME] = g_strdup (jm_touchpoint_get_title (tally->touchpoint));
          fields[COL_STAGE] = g_strdup (touchpoint_stage_name (map, tally->touchpoint));
          fields[COL_PERSONA] = g_strdup (touchpoint_lane_name (map, tally->touchpoint));
          fields[COL_RANK] = g_strdup_printf ("%u", i + 1);
          fields[COL_ROUND] = g_strdup (jm_vote_round_get_id (g_ptr_array_index (rounds, r)));
          fields[COL_DOTS] = g_strdup_printf ("%d", tally->dots);
          fields[COL_VOTERS] = g_strdup_printf ("%u", tally->voters);
          csv_row (out, fields);
        }
    }
}

static void
csv_report (GString       *out,
            const char    *file_name,
            JmScoreReport *report)
{
  static const char *sections[] = { "stage", "persona", "channel", "team" };
  guint n_entries, n_ranked, n_stages, n_lanes;
  const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);
  const JmScoreEntry **ranking = jm_score_report_get_ranking (report, &n_ranked);
  char *fields[N_COLS] = { NULL };

  for (guint i = 0; i < n_entries; i++)
    csv_entry (out, "touchpoint", file_name, report, &entries[i]);

  fields[COL_SECTION] = g_strdup ("overall");
  fields[COL_FILE] = g_strdup (file_name);
  csv_summary (fields, jm_score_report_get_overall (report));
  csv_row (out, fields);

  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    for (guint i = 0; i < jm_score_report_get_n_groups (report, k); i++)
      {
        const JmScoreGroup *group = jm_score_report_get_group (report, k, i);

        fields[COL_SECTION] = g_strdup (sections[k]);
        fields[COL_FILE] = g_strdup (file_name);
        fields[COL_ID] = g_strdup (group->key);
        fields[COL_NAME] = g_strdup (group->label);
        csv_summary (fields, &group->summary);
        csv_row (out, fields);
      }

  n_stages = jm_score_report_get_n_groups (report, JM_SCORE_BY_STAGE);
  n_lanes = jm_score_report_get_n_groups (report, JM_SCORE_BY_LANE);
  for (guint s = 0; s < n_stages; s++)
    for (guint l = 0; l < n_lanes; l++)
      {
        fields[COL_SECTION] = g_strdup ("cell");
        fields[COL_FILE] = g_strdup (file_name);
        fields[COL_STAGE] = g_strdup (stage_name (report, s));
        fields[COL_PERSONA] = g_strdup (lane_name (report, l));
        csv_summary (fields, jm_score_report_get_cell (report, s, l));
        csv_row (out, fields);
      }

  for (guint i = 0; i < n_ranked; i++)
    csv_entry (out, "ranking", file_name, report, ranking[i]);

  csv_votes (out, file_name, jm_score_report_get_map (report));
}

/* JSON ----------------------------------------------------------------- */

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_key (GString    *out,
          const char *key)
{
  json_string (out, key);
  g_string_append (out, ": ");
}

/* Takes ownership of @text; NULL is written as null. */
static void
json_raw (GString *out,
          char    *text)
{
  g_string_append (out, text != NULL ? text : "null");
  g_free (text);
}

static void
json_summary (GString              *out,
              const JmScoreSummary *s)
{
  g_string_append_printf (out, "\"n_touchpoints\": %u, \"n_scored\": %u, \"n_ratings\": %u, ",
                          s->n_touchpoints, s->n_scored, s->n_ratings);
  json_key (out, "mean");
  json_raw (out, machine_number (s->mean));
  g_string_append (out, ", ");
  json_key (out, "min");
  json_raw (out, machine_number (s->min));
  g_string_append (out, ", ");
  json_key (out, "max");
  json_raw (out, machine_number (s->max));
  g_string_append (out, ", ");
  json_key (out, "stddev");
  json_raw (out, machine_number (s->stddev));
  g_string_append_printf (out, ", \"n_emotions\": %u, ", s->n_emotions);
  json_key (out, "emotion");
  json_raw (out, machine_number (s->emotion));
}

static void
json_entry (GString            *out,
            JmScoreReport      *report,
            const JmScoreEntry *entry)
{
  JmTouchpoint *tp = entry->touchpoint;
  const char * const *teams = jm_touchpoint_get_teams (tp);
  JmMap *map = jm_score_report_get_map (report);
  JmStage *stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (tp));
  JmPersona *persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (tp));

  g_string_append (out, "{ ");
  json_key (out, "id");
  json_string (out, jm_touchpoint_get_id (tp));
  g_string_append (out, ", ");
  json_key (out, "title");
  json_string (out, jm_touchpoint_get_title (tp));
  g_string_append (out, ", ");
  json_key (out, "stage");
  json_string (out, entry->stage >= 0 ? jm_stage_get_id (stage) : "");
  g_string_append (out, ", ");
  json_key (out, "persona");
  json_string (out, entry->lane >= 0 ? jm_persona_get_id (persona) : "");
  g_string_append (out, ", ");
  json_key (out, "channel");
  json_string (out, jm_touchpoint_get_channel (tp));
  g_string_append (out, ", ");
  json_key (out, "teams");
  g_string_append (out, "[");
  for (guint t = 0; teams[t] != NULL; t++)
    {
      if (t > 0)
        g_string_append (out, ", ");
      json_string (out, teams[t]);
    }
  g_string_append (out, "], ");
  json_key (out, "ratings");
  g_string_append (out, "{ ");
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      if (m > 0)
        g_string_append (out, ", ");
      json_key (out, jm_measure_get_id (m));
      json_raw (out, machine_rating (jm_touchpoint_get_rating (tp, m)));
    }
  g_string_append (out, " }, ");
  json_key (out, "composite");
  json_raw (out, machine_number (entry->composite));
  g_string_append_printf (out, ", \"n_ratings\": %u, \"moment_of_truth\": %s, ",
                          entry->n_ratings, entry->moment_of_truth ? "true" : "false");
  json_key (out, "emotion");
  json_raw (out, machine_emotion (entry->emotion));
  g_string_append (out, ", ");
  json_key (out, "priority");
  json_raw (out, machine_number (entry->priority));
  g_string_append (out, ", ");
  json_key (out, "rank");
  json_raw (out, entry->rank > 0 ? g_strdup_printf ("%u", entry->rank) : NULL);
  g_string_append (out, " }");
}

/* Each round with dots: its question and its touchpoints, most dots first. */
static void
json_votes (GString *out,
            JmMap   *map)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) rankings = vote_rankings (map, &rounds);

  json_key (out, "votes");
  g_string_append (out, "[");
  for (guint r = 0; r < rankings->len; r++)
    {
      JmVoteRound *round = g_ptr_array_index (rounds, r);
      GArray *ranking = g_ptr_array_index (rankings, r);

      g_string_append (out, r > 0 ? ",\n        { " : "\n        { ");
      json_key (out, "round");
      json_string (out, jm_vote_round_get_id (round));
      g_string_append (out, ", ");
      json_key (out, "question");
      json_string (out, jm_vote_round_get_question (round));
      g_string_append (out, ", ");
      json_key (out, "closed");
      g_string_append (out, jm_vote_round_get_closed (round) ? "true" : "false");
      g_string_append (out, ", ");
      json_key (out, "ranking");
      g_string_append (out, "[");
      for (guint i = 0; i < ranking->len; i++)
        {
          const JmVoteTally *tally = &g_array_index (ranking, JmVoteTally, i);

          g_string_append (out, i > 0 ? ", { " : "{ ");
          json_key (out, "id");
          json_string (out, jm_touchpoint_get_id (tally->touchpoint));
          g_string_append_printf (out, ", \"dots\": %d, \"voters\": %u }", tally->dots, tally->voters);
        }
      g_string_append (out, "] }");
    }
  g_string_append (out, rankings->len > 0 ? "\n      ]" : "]");
}

static void
json_report (GString       *out,
             const char    *file_name,
             JmScoreReport *report)
{
  static const char *sections[] = { "stages", "personas", "channels", "teams" };
  JmMap *map = jm_score_report_get_map (report);
  guint n_entries, n_ranked, n_stages, n_lanes;
  const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);
  const JmScoreEntry **ranking = jm_score_report_get_ranking (report, &n_ranked);

  n_stages = jm_score_report_get_n_groups (report, JM_SCORE_BY_STAGE);
  n_lanes = jm_score_report_get_n_groups (report, JM_SCORE_BY_LANE);

  g_string_append (out, "    {\n      ");
  json_key (out, "file");
  json_string (out, file_name);
  g_string_append (out, ",\n      ");
  json_key (out, "title");
  json_string (out, jm_map_get_title (map));
  g_string_append (out, ",\n      ");
  json_key (out, "weights");
  g_string_append (out, "{ ");
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      if (m > 0)
        g_string_append (out, ", ");
      json_key (out, jm_measure_get_id (m));
      json_raw (out, machine_number (jm_map_get_weight (map, m)));
    }
  g_string_append (out, " },\n      ");

  json_key (out, "touchpoints");
  g_string_append (out, "[");
  for (guint i = 0; i < n_entries; i++)
    {
      g_string_append (out, i > 0 ? ",\n        " : "\n        ");
      json_entry (out, report, &entries[i]);
    }
  g_string_append (out, n_entries > 0 ? "\n      ],\n      " : "],\n      ");

  json_key (out, "overall");
  g_string_append (out, "{ ");
  json_summary (out, jm_score_report_get_overall (report));
  g_string_append (out, " },\n      ");

  for (guint k = 0; k < JM_SCORE_N_GROUP_KINDS; k++)
    {
      guint n = jm_score_report_get_n_groups (report, k);

      json_key (out, sections[k]);
      g_string_append (out, "[");
      for (guint i = 0; i < n; i++)
        {
          const JmScoreGroup *group = jm_score_report_get_group (report, k, i);

          g_string_append (out, i > 0 ? ",\n        { " : "\n        { ");
          json_key (out, "id");
          json_string (out, group->key);
          g_string_append (out, ", ");
          json_key (out, "name");
          json_string (out, group->label);
          g_string_append (out, ", ");
          json_summary (out, &group->summary);
          g_string_append (out, " }");
        }
      g_string_append (out, n > 0 ? "\n      ],\n      " : "],\n      ");
    }

  json_key (out, "cells");
  g_string_append (out, "[");
  for (guint s = 0; s < n_stages; s++)
    for (guint l = 0; l < n_lanes; l++)
      {
        g_string_append (out, s + l > 0 ? ",\n        { " : "\n        { ");
        json_key (out, "stage");
        json_string (out, jm_score_report_get_group (report, JM_SCORE_BY_STAGE, s)->key);
        g_string_append (out, ", ");
        json_key (out, "persona");
        json_string (out, jm_score_report_get_group (report, JM_SCORE_BY_LANE, l)->key);
        g_string_append (out, ", ");
        json_summary (out, jm_score_report_get_cell (report, s, l));
        g_string_append (out, " }");
      }
  g_string_append (out, n_stages * n_lanes > 0 ? "\n      ],\n      " : "],\n      ");

  /* One point per stage, null where the lane has no emotion there. */
  json_key (out, "emotion_curves");
  g_string_append (out, "[");
  for (guint l = 0; l < n_lanes; l++)
    {
      g_string_append (out, l > 0 ? ",\n        { " : "\n        { ");
      json_key (out, "persona");
      json_string (out, jm_score_report_get_group (report, JM_SCORE_BY_LANE, l)->key);
      g_string_append (out, ", ");
      json_key (out, "points");
      g_string_append (out, "[");
      for (guint s = 0; s < n_stages; s++)
        {
          if (s > 0)
            g_string_append (out, ", ");
          json_raw (out, machine_number (jm_score_report_get_emotion (report, l, s)));
        }
      g_string_append (out, "] }");
    }
  g_string_append (out, n_lanes > 0 ? "\n      ],\n      " : "],\n      ");

  json_key (out, "ranking");
  g_string_append (out, "[");
  for (guint i = 0; i < n_ranked; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      json_string (out, jm_touchpoint_get_id (ranking[i]->touchpoint));
    }
  g_string_append (out, "],\n      ");
  json_votes (out, map);
  g_string_append (out, "\n    }");
}

/* Text ----------------------------------------------------------------- */

typedef struct
{
  guint      n_cols;
  guint      right;      /* bit i set: column i is right-aligned */
  GPtrArray *cells;      /* row-major, owned strings */
} Table;

static void
table_init (Table *table,
            guint  n_cols,
            guint  right)
{
  table->n_cols = n_cols;
  table->right = right;
  table->cells = g_ptr_array_new_with_free_func (g_free);
}

/* Takes ownership of each of the n_cols strings. */
static void
table_add (Table *table,
           ...)
{
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_cols; i++)
    {
      char *text = va_arg (args, char *);
      g_ptr_array_add (table->cells, text != NULL ? text : g_strdup (""));
    }
  va_end (args);
}

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
pad (GString *out,
     guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

/* Prints the table, its first row as a heading underlined, and frees it. */
static void
table_print (Table   *table,
             GString *out)
{
  g_autofree guint *widths = g_new0 (guint, table->n_cols);
  guint n_rows = table->cells->len / table->n_cols;

  for (guint i = 0; i < table->cells->len; i++)
    widths[i % table->n_cols] = MAX (widths[i % table->n_cols],
                                     display_width (g_ptr_array_index (table->cells, i)));

  for (guint r = 0; r < n_rows; r++)
    {
      gsize line_start = out->len;

      for (guint c = 0; c < table->n_cols; c++)
        {
          const char *text = g_ptr_array_index (table->cells, r * table->n_cols + c);
          guint gap = widths[c] - display_width (text);

          if (c > 0)
            g_string_append (out, "  ");
          if (table->right & (1u << c))
            pad (out, gap);
          g_string_append (out, text);
          if (!(table->right & (1u << c)) && c + 1 < table->n_cols)
            pad (out, gap);
        }
      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');

      if (r == 0)
        {
          for (guint c = 0; c < table->n_cols; c++)
            {
              if (c > 0)
                g_string_append (out, "  ");
              for (guint i = 0; i < widths[c]; i++)
                g_string_append_c (out, '-');
            }
          g_string_append_c (out, '\n');
        }
    }
  g_ptr_array_unref (table->cells);
}

/* Numbers for people, in their locale; "-" for a missing value. */
static char *
human_number (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.2f", value) : g_strdup ("-");
}

static char *
human_emotion (double value)
{
  if (!isfinite (value))
    return g_strdup ("-");
  /* Neutral reads as 0.0, not +0.0 or -0.0. */
  if (fabs (value) < 0.05)
    return g_strdup_printf ("%.1f", 0.0);
  return g_strdup_printf ("%+.1f", value);
}

static void
text_groups (GString       *out,
             JmScoreReport *report,
             JmScoreGroupKind kind,
             const char    *heading,
             const char    *name_column)
{
  Table table;

  g_string_append_printf (out, "\n%s\n\n", heading);
  table_init (&table, 9, 0x1fe);
  table_add (&table, g_strdup (name_column), g_strdup (_("Score")), g_strdup (_("Min")),
             g_strdup (_("Max")), g_strdup (_("SD")), g_strdup (_("Touchpoints")),
             g_strdup (_("Scored")), g_strdup (_("Ratings")), g_strdup (_("Emotion")));
  for (guint i = 0; i < jm_score_report_get_n_groups (report, kind); i++)
    {
      const JmScoreGroup *group = jm_score_report_get_group (report, kind, i);
      const JmScoreSummary *s = &group->summary;

      table_add (&table, g_strdup (group->label), human_number (s->mean), human_number (s->min),
                 human_number (s->max), human_number (s->stddev),
                 g_strdup_printf ("%u", s->n_touchpoints), g_strdup_printf ("%u", s->n_scored),
                 g_strdup_printf ("%u", s->n_ratings), human_emotion (s->emotion));
    }
  table_print (&table, out);
}

/* Beside what the ratings say to fix first, what the room voted for. */
static void
text_votes (GString *out,
            JmMap   *map)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) rankings = vote_rankings (map, &rounds);

  for (guint r = 0; r < rankings->len; r++)
    {
      JmVoteRound *round = g_ptr_array_index (rounds, r);
      GArray *ranking = g_ptr_array_index (rankings, r);
      const char *question = jm_vote_round_get_question (round);
      Table table;

      if (*question != '\0')
        /* Translators: %s is the question of a round of dot voting. */
        {
          g_autofree char *heading = g_strdup_printf (_("Votes: %s"), question);

          g_string_append_printf (out, "\n%s\n\n", heading);
        }
      else
        g_string_append_printf (out, "\n%s\n\n", _("Votes"));
      table_init (&table, 6, 0x7);
      table_add (&table, g_strdup (_("Rank")), g_strdup (_("Dots")), g_strdup (_("Voters")),
                 g_strdup (_("Touchpoint")), g_strdup (_("Stage")), g_strdup (_("Persona")));
      for (guint i = 0; i < ranking->len; i++)
        {
          const JmVoteTally *tally = &g_array_index (ranking, JmVoteTally, i);

          table_add (&table, g_strdup_printf ("%u", i + 1), g_strdup_printf ("%d", tally->dots),
                     g_strdup_printf ("%u", tally->voters),
                     g_strdup (jm_touchpoint_get_title (tally->touchpoint)),
                     g_strdup (touchpoint_stage_name (map, tally->touchpoint)),
                     g_strdup (touchpoint_lane_name (map, tally->touchpoint)));
        }
      table_print (&table, out);
    }
}

static void
text_report (GString       *out,
             const char    *file_name,
             JmScoreReport *report)
{
  JmMap *map = jm_score_report_get_map (report);
  const JmScoreSummary *overall = jm_score_report_get_overall (report);
  guint n_entries, n_ranked, n_stages, n_lanes;
  const JmScoreEntry *entries = jm_score_report_get_entries (report, &n_entries);
  const JmScoreEntry **ranking = jm_score_report_get_ranking (report, &n_ranked);
  g_autofree char *mean = human_number (overall->mean);
  g_autofree char *sd = human_number (overall->stddev);
  Table table;

  n_stages = jm_score_report_get_n_groups (report, JM_SCORE_BY_STAGE);
  n_lanes = jm_score_report_get_n_groups (report, JM_SCORE_BY_LANE);

  g_string_append_printf (out, "%s — %s\n", file_name, jm_map_get_title (map));
  g_string_append (out, _("Weights:"));
  for (guint m = 0; m < JM_N_MEASURES; m++)
    g_string_append_printf (out, "%s %s %g", m > 0 ? "," : "", jm_measure_get_label (m),
                            jm_map_get_weight (map, m));
  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          /* Translators: the map's overall score, its spread, and how many
                           * touchpoints and ratings it rests on */
                          _("Overall score: %s (SD %s), from %u of %u touchpoints and %u ratings\n"),
                          mean, sd, overall->n_scored, overall->n_touchpoints, overall->n_ratings);

  g_string_append_printf (out, "\n%s\n\n", _("Touchpoints"));
  table_init (&table, 6 + JM_N_MEASURES + 1, ((1u << JM_N_MEASURES) - 1) << 3 | 1u << 7 | 1u << 8 | 1u << 10);
  table_add (&table, g_strdup (_("Stage")), g_strdup (_("Persona")), g_strdup (_("Touchpoint")),
             g_strdup (jm_measure_get_label (0)), g_strdup (jm_measure_get_label (1)),
             g_strdup (jm_measure_get_label (2)), g_strdup (jm_measure_get_label (3)),
             g_strdup (_("Score")), g_strdup (_("Ratings")), g_strdup (_("Moment of truth")),
             g_strdup (_("Emotion")));
  for (guint i = 0; i < n_entries; i++)
    {
      const JmScoreEntry *e = &entries[i];
      char *ratings[JM_N_MEASURES];

      for (guint m = 0; m < JM_N_MEASURES; m++)
        {
          int r = jm_touchpoint_get_rating (e->touchpoint, m);
          ratings[m] = r >= JM_RATING_MIN ? g_strdup_printf ("%d", r) : g_strdup ("-");
        }
      table_add (&table, g_strdup (stage_name (report, e->stage)),
                 g_strdup (lane_name (report, e->lane)),
                 g_strdup (jm_touchpoint_get_title (e->touchpoint)),
                 ratings[0], ratings[1], ratings[2], ratings[3],
                 human_number (e->composite), g_strdup_printf ("%u", e->n_ratings),
                 g_strdup (e->moment_of_truth ? _("yes") : ""),
                 human_emotion (e->emotion != JM_EMOTION_UNSET ? e->emotion : NAN));
    }
  table_print (&table, out);

  text_groups (out, report, JM_SCORE_BY_STAGE, _("By stage"), _("Stage"));
  text_groups (out, report, JM_SCORE_BY_LANE, _("By persona"), _("Persona"));
  text_groups (out, report, JM_SCORE_BY_CHANNEL, _("By channel"), _("Channel"));
  text_groups (out, report, JM_SCORE_BY_TEAM, _("By team"), _("Team"));

  g_string_append_printf (out, "\n%s\n\n", _("By stage and persona"));
  table_init (&table, 6, 0x3c);
  table_add (&table, g_strdup (_("Stage")), g_strdup (_("Persona")), g_strdup (_("Score")),
             g_strdup (_("Touchpoints")), g_strdup (_("Ratings")), g_strdup (_("Emotion")));
  for (guint s = 0; s < n_stages; s++)
    for (guint l = 0; l < n_lanes; l++)
      {
        const JmScoreSummary *cell = jm_score_report_get_cell (report, s, l);

        table_add (&table, g_strdup (stage_name (report, s)), g_strdup (lane_name (report, l)),
                   human_number (cell->mean), g_strdup_printf ("%u", cell->n_touchpoints),
                   g_strdup_printf ("%u", cell->n_ratings), human_emotion (cell->emotion));
      }
  table_print (&table, out);

  /* The emotion curve: one row per persona, one column per stage. */
  if (n_stages > 0 && n_stages < 31)
    {
      g_string_append_printf (out, "\n%s\n\n", _("Emotion curve (mean emotion, -2 to +2)"));
      table_init (&table, n_stages + 1, ((1u << n_stages) - 1) << 1);
      g_ptr_array_add (table.cells, g_strdup (_("Persona")));
      for (guint s = 0; s < n_stages; s++)
        g_ptr_array_add (table.cells, g_strdup (stage_name (report, s)));
      for (guint l = 0; l < n_lanes; l++)
        {
          g_ptr_array_add (table.cells, g_strdup (lane_name (report, l)));
          for (guint s = 0; s < n_stages; s++)
            g_ptr_array_add (table.cells, human_emotion (jm_score_report_get_emotion (report, l, s)));
        }
      table_print (&table, out);
    }

  g_string_append_printf (out, "\n%s\n\n", _("What to fix first"));
  table_init (&table, 8, 0x3 | 1u << 5);
  table_add (&table, g_strdup (_("Rank")), g_strdup (_("Priority")), g_strdup (_("Touchpoint")),
             g_strdup (_("Stage")), g_strdup (_("Persona")), g_strdup (_("Score")),
             g_strdup (_("Moment of truth")), g_strdup (_("Emotion")));
  for (guint i = 0; i < n_ranked; i++)
    {
      const JmScoreEntry *e = ranking[i];

      table_add (&table, g_strdup_printf ("%u", e->rank), human_number (e->priority),
                 g_strdup (jm_touchpoint_get_title (e->touchpoint)),
                 g_strdup (stage_name (report, e->stage)), g_strdup (lane_name (report, e->lane)),
                 human_number (e->composite), g_strdup (e->moment_of_truth ? _("yes") : ""),
                 human_emotion (e->emotion != JM_EMOTION_UNSET ? e->emotion : NAN));
    }
  table_print (&table, out);
  text_votes (out, map);
}

/* The writer ----------------------------------------------------------- */

/**
 * jm_score_writer_new:
 *
 * Returns: (transfer full): a writer that collects reports in @format
 */
JmScoreWriter *
jm_score_writer_new (JmScoreFormat format)
{
  JmScoreWriter *self;

  g_return_val_if_fail (format <= JM_SCORE_FORMAT_JSON, NULL);

  self = g_new0 (JmScoreWriter, 1);
  self->format = format;
  self->out = g_string_new (NULL);
  if (format == JM_SCORE_FORMAT_CSV)
    {
      char *fields[N_COLS];

      for (guint i = 0; i < N_COLS; i++)
        fields[i] = g_strdup (csv_columns[i]);
      csv_row (self->out, fields);
    }
  else if (format == JM_SCORE_FORMAT_JSON)
    g_string_append (self->out, "{\n  \"files\": [");
  return self;
}

/**
 * jm_score_writer_add:
 * @file_name: how to name the map's file in the output
 * @report: the map's scores
 *
 * Appends one map's scores: each touchpoint, each roll-up, the emotion
 * curves and the ranking.
 */
void
jm_score_writer_add (JmScoreWriter *self,
                     const char    *file_name,
                     JmScoreReport *report)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file_name != NULL);
  g_return_if_fail (report != NULL);

  switch (self->format)
    {
    case JM_SCORE_FORMAT_TEXT:
      if (self->n_reports > 0)
        g_string_append (self->out, "\n\n");
      text_report (self->out, file_name, report);
      break;
    case JM_SCORE_FORMAT_CSV:
      csv_report (self->out, file_name, report);
      break;
    case JM_SCORE_FORMAT_JSON:
      g_string_append (self->out, self->n_reports > 0 ? ",\n" : "\n");
      json_report (self->out, file_name, report);
      break;
    default:
      g_assert_not_reached ();
    }
  self->n_reports++;
}

/**
 * jm_score_writer_finish:
 *
 * Closes the output (JSON needs it). Call it once, after the last
 * jm_score_writer_add().
 *
 * Returns: (transfer full): everything written
 */
char *
jm_score_writer_finish (JmScoreWriter *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->format == JM_SCORE_FORMAT_JSON)
    g_string_append (self->out, self->n_reports > 0 ? "\n  ]\n}\n" : "]\n}\n");
  out = self->out;
  self->out = g_string_new (NULL);
  return g_string_free (out, FALSE);
}

void
jm_score_writer_free (JmScoreWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}
