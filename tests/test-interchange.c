/* test-interchange.c: maps through CSV and JSON and back, and the
 * differences between two maps, without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jm-file.h"
#include "jm-generate.h"
#include "jm-interchange.h"
#include "jm-map-diff.h"
#include "jm-map-merge.h"
#include "jm-test-util.h"
#include "jm-votes.h"

static const char *formats[] = { "csv", "json" };

static JmMap *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Through @format into a new map, which must save to the same bytes and
 * hold the same fields. */
static void
assert_round_trip (JmMap               *map,
                   JmInterchangeFormat  format)
{
  g_autoptr(GBytes) before = jm_file_write_bytes (map);
  g_autoptr(GBytes) exported = jm_interchange_write (map, format);
  g_autoptr(JmMap) back = jm_map_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) exported_again = NULL;
  g_autofree char *dump_before = jm_test_dump_map (map);
  g_autofree char *dump_after = NULL;

  jm_interchange_read (back, format, exported, "map", &error);
  g_assert_no_error (error);
  after = jm_file_write_bytes (back);
  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));
  dump_after = jm_test_dump_map (back);
  g_assert_cmpstr (dump_before, ==, dump_after);
  /* And the export of what came back is the export itself. */
  exported_again = jm_interchange_write (back, format);
  g_assert_true (g_bytes_equal (exported, exported_again));
}

static void
test_samples (void)
{
  const char *samples[] = { "retail-bank.journey", "broadband.journey", "hospital-outpatients.journey" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autoptr(JmMap) map = load_sample (samples[i]);

        g_test_message ("%s as %s", samples[i], formats[f]);
        assert_round_trip (map, f);
      }
}

static void
test_generated (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(JmMap) map = jm_generate_map (500, 7);

      assert_round_trip (map, f);
    }
}

/* Every field set, to text that spreadsheets and parsers trip over. */
static JmMap *
odd_map (void)
{
  static const char *odd[] = {
    "\"quoted\", with commas",
    "two\nlines\r\nand a CR\r",
    "مرحبا بالعالم — right to left",
    "emoji 🧭🚀 and a ZWJ 👩‍💻",
    "=HYPERLINK(\"http://evil\",\"click\")",
    "+1 555 0100",
    "-2 degrees",
    "@SUM(A1:A9)",
    "\tstarts with a tab",
    "'=already quoted",
    "'plain apostrophe",
    "''two",
    "back\\slash \\n not a newline",
    " leading and trailing spaces ",
    "",
  };
  static const char *items[] = { "one", "", "two\nlines", "back\\slash", "=formula", "\\e", NULL };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2, 0xfb, 0xff };
  g_autoptr(GBytes) picture = g_bytes_new_static (png, sizeof png);
  JmMap *map = jm_map_new ();
  g_autoptr(JmStage) stage = jm_stage_new ("s1", odd[0]);
  g_autoptr(JmStage) stage2 = jm_stage_new ("s_2.x-y", odd[4]);
  g_autoptr(JmPersona) persona = jm_persona_new ("p1", odd[2]);
  g_autoptr(JmPersona) persona2 = jm_persona_new ("p2", "");

  jm_map_set_title (map, odd[3]);
  jm_map_set_description (map, odd[1]);
  jm_map_set_weight (map, JM_MEASURE_RESPONSIVENESS, 0.25);
  jm_map_set_weight (map, JM_MEASURE_CONVENIENCE, 0);
  jm_map_set_weight (map, JM_MEASURE_RELIABILITY, 1000);
  jm_map_set_weight (map, JM_MEASURE_RELEVANCE, 0.1);
  jm_map_set_map_version (map, odd[7]);
  jm_map_set_status (map, JM_MAP_STATUS_TO_BE);
  jm_map_set_authors (map, items);
  jm_map_set_workshop_date (map, "2024-02-29");
  jm_stage_set_description (stage, odd[5]);
  jm_map_append_stage (map, stage);
  jm_map_append_stage (map, stage2);

  jm_persona_set_role (persona, odd[6]);
  jm_persona_set_quote (persona, odd[7]);
  jm_persona_set_bio (persona, odd[8]);
  jm_persona_set_notes (persona, odd[9]);
  jm_persona_set_colour (persona, "#a0b1c2");
  jm_persona_set_age (persona, 150);
  jm_persona_set_hidden (persona, TRUE);
  jm_persona_set_goals (persona, items);
  jm_persona_set_frustrations (persona, (const char *[]) { "", NULL });
  jm_persona_set_needs (persona, (const char *[]) { odd[10], odd[11], NULL });
  jm_persona_set_channels (persona, (const char *[]) { "app", NULL });
  jm_persona_set_devices (persona, (const char *[]) { odd[3], NULL });
  jm_persona_set_picture (persona, picture, "image/jpeg");
  jm_map_append_persona (map, persona);
  jm_map_append_persona (map, persona2);

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, i % 2 ? "s1" : "s_2.x-y",
                                                              i % 3 ? "p1" : "p2", odd[i]);

      jm_touchpoint_set_channel (touchpoint, i % 2 ? "phone" : odd[(i + 1) % G_N_ELEMENTS (odd)]);
      jm_touchpoint_set_notes (touchpoint, odd[(i + 2) % G_N_ELEMENTS (odd)]);
      for (JmRow row = 0; row < JM_N_ROWS; row++)
        jm_touchpoint_set_row (touchpoint, row, odd[(i + 3 + row) % G_N_ELEMENTS (odd)]);
      jm_touchpoint_set_emotion (touchpoint, i % 6 == 5 ? JM_EMOTION_UNSET : (int) (i % 5) - 2);
      jm_touchpoint_set_moment_of_truth (touchpoint, i % 2);
      for (JmMeasure m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (touchpoint, m, (int) ((i + m) % 6));
      jm_touchpoint_set_teams (touchpoint, (const char *[]) { "Billing", odd[i], NULL });
      if (i > 0)
        jm_touchpoint_set_links (touchpoint, (const char *[]) { "t0", "t1", NULL });
      jm_map_append_touchpoint (map, touchpoint);
    }

  /* Two rounds of dot voting: one closed and anonymous, one open with odd
   * voters and question; a vote for a card no longer on the map is not
   * carried, as the .journey writer drops it. */
  {
    g_autoptr(JmVoteRound) closed = jm_vote_round_new ("r1", odd[0], 5);
    g_autoptr(JmVoteRound) open = jm_vote_round_new ("r_2", odd[1], 2);

    jm_vote_round_set_anonymous (closed, TRUE);
    jm_vote_round_set_closed (closed, TRUE);
    jm_vote_round_add_dots (closed, "t0", "token-a", 3);
    jm_vote_round_add_dots (closed, "t4", "token-a", 2);
    jm_vote_round_add_dots (closed, "t4", "token-b", 1);
    jm_votes_append_round (jm_map_get_votes (map), closed);
    jm_vote_round_add_dots (open, "t1", odd[4], 2);
    jm_vote_round_add_dots (open, "t2", odd[2], 1);
    jm_vote_round_add_dots (open, "t2", odd[3], 2);
    jm_votes_append_round (jm_map_get_votes (map), open);
  }
  return map;
}

static void
test_odd_text (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(JmMap) map = odd_map ();

      assert_round_trip (map, f);
    }
}

/* The cells of a CSV, as a spreadsheet splits them (no more: enough to
 * see what each cell starts with). */
static GPtrArray *
split_cells (const char *csv)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const char *p = csv;

  while (*p != '\0')
    {
      GString *cell = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              g_string_append_c (cell, *p);
            }
        }
      else
        for (; *p != '\0' && *p != ',' && *p != '\r' && *p != '\n'; p++)
          g_string_append_c (cell, *p);
      g_ptr_array_add (cells, g_string_free (cell, FALSE));
      if (*p == '\r')
        p++;
      if (*p != '\0')
        p++;
    }
  return cells;
}

static void
test_formula_injection (void)
{
  g_autoptr(JmMap) map = odd_map ();
  g_autoptr(GBytes) csv = jm_interchange_write_csv (map);
  g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_autoptr(GPtrArray) cells = split_cells (text + 3);
  gboolean quoted_seen = FALSE;

  /* UTF-8 with a byte order mark, so that spreadsheets read it as UTF-8. */
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "kind,id,"));
  for (guint i = 0; i < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);
      char *end = NULL;

      if (strchr ("=+-@\t\r", cell[0]) == NULL || cell[0] == '\0')
        continue;
      /* Numbers (an emotion of -2) are numbers, not formulas. */
      g_ascii_strtoll (cell, &end, 10);
      g_assert_true (end != NULL && *end == '\0');
    }
  for (guint i = 0; i < cells->len; i++)
    if (g_str_equal (g_ptr_array_index (cells, i), "'=HYPERLINK(\"http://evil\",\"click\")"))
      quoted_seen = TRUE;
  g_assert_true (quoted_seen);
}

static char *
read_error (JmInterchangeFormat  format,
            const char          *text,
            int                  code)
{
  g_autoptr(GBytes) bytes = text_bytes (text);
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (jm_interchange_read (map, format, bytes, "in.csv", &error));
  g_assert_error (error, JM_FILE_ERROR, code);
  return g_strdup (error->message);
}

#define HEADER "kind,id,stage,lane,title,emotion,name,responsiveness\r\n"

static void
test_csv_bad_rows (void)
{
  g_autofree char *message = NULL;

  /* Every bad row, each with its line; a quoted line break counts. */
  message = read_error (JM_INTERCHANGE_CSV,
                        HEADER
                        "stage,s1,,,,,\"Aware\nof it\",\r\n"
                        "persona,p1,,,,,Ann,\r\n"
                        "touchpoint,t1,s1,p1,ok,9,,\r\n"
                        "touchpoint,t2,s1,p1,ragged\r\n"
                        "thing,x1,,,,,,\r\n"
                        "touchpoint,t1,s1,p1,again,,,\r\n"
                        "touchpoint,t3,s9,p1,nowhere,,,\r\n"
                        "stage,s2,,,slid into title,,,\r\n"
                        "touchpoint,t4,s1,p1,,,,6\r\n"
                        "touchpoint,1x,s1,p1,,,,\r\n",
                        JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "in.csv:5: the emotion “9” of touchpoint “t1”"));
  g_assert_nonnull (strstr (message, "in.csv:6: the row has 5 cells, but the first row names 8 columns"));
  g_assert_nonnull (strstr (message, "in.csv:7: the kind “thing”"));
  g_assert_nonnull (strstr (message, "in.csv:8: touchpoint “t1” is also on line 5"));
  g_assert_nonnull (strstr (message, "in.csv:10: the column “title” is not a field of a stage"));
  g_assert_nonnull (strstr (message, "in.csv:11: the responsiveness rating “6” of touchpoint “t4”"));
  g_assert_nonnull (strstr (message, "in.csv:12: the touchpoint id “1x” is not an id"));

  /* References are checked once the rows are read. */
  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV,
                        HEADER
                        "stage,s1,,,,,Aware,\r\n"
                        "persona,p1,,,,,Ann,\r\n"
                        "touchpoint,t3,s9,p1,nowhere,,,\r\n",
                        JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:4: touchpoint “t3” is in stage “s9”, but the map has no such stage");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, "kind,id,colour,size\r\n", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:1: the column “size” is not a field of a map");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, "kind;id;title\r\nstage;s1;x\r\n", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:1: the cells are separated by semicolons: save the spreadsheet as CSV with commas");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, "", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:1: the file is empty");

  /* A file of bad rows lists the first fifty and counts the rest. */
  {
    g_autoptr(GString) csv = g_string_new (HEADER "stage,s1,,,,,Aware,\r\npersona,p1,,,,,Ann,\r\n");
    g_auto(GStrv) lines = NULL;

    for (guint i = 0; i < 60; i++)
      g_string_append_printf (csv, "touchpoint,t%u,s1,p1,ok,9,,\r\n", i);
    g_clear_pointer (&message, g_free);
    message = read_error (JM_INTERCHANGE_CSV, csv->str, JM_FILE_ERROR_INVALID);
    lines = g_strsplit (message, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 51);
    g_assert_true (g_str_has_prefix (lines[0], "in.csv:4: the emotion “9” of touchpoint “t0”"));
    g_assert_true (g_str_has_prefix (lines[49], "in.csv:53: "));
    g_assert_cmpstr (lines[50], ==, "in.csv: and 10 more problems");
  }
}

static void
test_csv_hostile (void)
{
  g_autofree char *message = NULL;
  g_autoptr(GString) huge = g_string_new (HEADER "touchpoint,t1,s1,p1,\"");

  message = read_error (JM_INTERCHANGE_CSV, HEADER "stage,s1,,,,,Caf\xe9,\r\n", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:2: the text is not UTF-8: save the spreadsheet as CSV in UTF-8");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, "\xff\xfek\0i\0", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:1: the file is UTF-16: save it as CSV in UTF-8");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, HEADER "stage,s1,,,,,\"Aware,\r\n\r\n", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:2: a quoted cell is not closed: a quote is missing");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, HEADER "stage,s1,,,,,\"Aware\"x,\r\n", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:2: text follows the closing quote of a cell");

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV, HEADER "stage,s1,,,,,Bell\x07,\r\n", JM_FILE_ERROR_INVALID);
  g_assert_cmpstr (message, ==, "in.csv:2: name: a text holds the control character U+0007, which a map cannot keep");

  /* A cell over the XML reader's limit on one text. */
  g_clear_pointer (&message, g_free);
  for (guint i = 0; i < 10000001 / 64 + 1; i++)
    g_string_append (huge, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (huge, "\",,,\r\n");
  message = read_error (JM_INTERCHANGE_CSV, huge->str, JM_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (message, "in.csv:2: a cell is longer than the limit of"));
}

/* Changes by id: rows change what they name, and only the columns given. */
static void
test_csv_merge (void)
{
  g_autoptr(JmMap) map = load_sample ("retail-bank.journey");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  JmTouchpoint *t1;
  guint n_touchpoints = g_list_model_get_n_items (jm_map_get_touchpoints (map));
  g_autofree char *notes = NULL;
  g_autofree char *title = NULL;

  t1 = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
  g_object_unref (t1);
  notes = g_strdup (jm_touchpoint_get_row (t1, JM_ROW_ACTIONS));
  g_assert_cmpstr (notes, !=, "");
  title = g_strdup_printf ("kind,id,title,emotion\r\n"
                           "touchpoint,%s,Renamed,-1\r\n"
                           "touchpoint,new1,Brand new,\r\n", jm_touchpoint_get_id (t1));
  csv = text_bytes (title);
  /* A new card needs a place: refused, and the error names it. */
  g_assert_false (jm_interchange_read_csv (map, csv, "in.csv", &error));
  g_assert_nonnull (strstr (error->message, "in.csv:3: touchpoint “new1” is in stage “”"));
  g_clear_error (&error);
  g_clear_object (&map);

  map = load_sample ("retail-bank.journey");
  t1 = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
  g_object_unref (t1);
  g_clear_pointer (&title, g_free);
  title = g_strdup_printf ("kind,id,title,emotion,stage,lane\r\n"
                           "touchpoint,%s,Renamed,-1,%s,%s\r\n"
                           "touchpoint,new1,Brand new,,s1,p1\r\n", jm_touchpoint_get_id (t1),
                           jm_touchpoint_get_stage_id (t1), jm_touchpoint_get_lane_id (t1));
  g_clear_pointer (&csv, g_bytes_unref);
  csv = text_bytes (title);
  g_assert_true (jm_interchange_read_csv (map, csv, "in.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jm_touchpoint_get_title (t1), ==, "Renamed");
  g_assert_cmpint (jm_touchpoint_get_emotion (t1), ==, -1);
  g_assert_cmpstr (jm_touchpoint_get_row (t1, JM_ROW_ACTIONS), ==, notes);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, n_touchpoints + 1);
  g_assert_nonnull (jm_map_lookup_touchpoint (map, "new1"));
}

/* A map's votes travel both ways; an export read back into the same map
 * leaves it as it was (a round holds the file's votes, not the file's on
 * top of its own); bad votes are refused as the file reader refuses them. */
static void
test_votes (void)
{
  g_autofree char *message = NULL;

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(JmMap) map = odd_map ();
      g_autoptr(GBytes) before = jm_file_write_bytes (map);
      g_autoptr(GBytes) exported = jm_interchange_write (map, f);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      JmVoteRound *round;

      g_assert_true (jm_interchange_read (map, f, exported, "map", &error));
      g_assert_no_error (error);
      after = jm_file_write_bytes (map);
      g_assert_true (g_bytes_equal (before, after));
      round = jm_votes_lookup_round (jm_map_get_votes (map), "r1");
      g_assert_cmpint (jm_vote_round_get_dots_on (round, "t4", "token-a"), ==, 2);
      g_assert_cmpint (jm_vote_round_get_dots_of (round, "token-a"), ==, 5);
      g_assert_true (jm_vote_round_get_closed (round));
      g_assert_true (jm_vote_round_get_anonymous (round));
    }

  /* CSV: a vote before its round, a vote for no touchpoint, too many dots,
   * no voter, a count of none, and a vote for a card the map lacks. */
  message = read_error (JM_INTERCHANGE_CSV,
                        "kind,id,stage,lane,title,name,question,dots,round,touchpoint,voter,count\r\n"
                        "map,,,,Map,,,,,,,\r\n"
                        "stage,s1,,,,S,,,,,,\r\n"
                        "persona,p1,,,,P,,,,,,\r\n"
                        "touchpoint,t1,s1,p1,Card,,,,,,,\r\n"
                        "vote,,,,,,,,r1,t1,Ana,1\r\n"
                        "round,r1,,,,,Which hurts?,2,,,,\r\n"
                        "vote,,,,,,,,r1,,Ana,1\r\n"
                        "vote,,,,,,,,r1,t1,Ana,2\r\n"
                        "vote,,,,,,,,r1,t1,Ana,1\r\n"
                        "vote,,,,,,,,r1,t1,,1\r\n"
                        "vote,,,,,,,,r1,t1,Bo,0\r\n"
                        "vote,,,,,,,,r1,t9,Cy,1\r\n"
                        "vote,r1,,,,,,,r1,t1,Di,1\r\n",
                        JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "in.csv:6: a vote is for voting round “r1”, which the file does not give before it"));
  g_assert_nonnull (strstr (message, "in.csv:8: the touchpoint “” of a vote in voting round “r1” is not an id"));
  g_assert_nonnull (strstr (message, "in.csv:10: “Ana” has placed 3 dots in voting round “r1”, which gives each voter 2 dots"));
  g_assert_nonnull (strstr (message, "in.csv:11: a vote in voting round “r1” has no voter"));
  g_assert_nonnull (strstr (message, "in.csv:12: the count “0” of a vote by “Bo” in voting round “r1” is not a whole number from 1 to 99"));
  g_assert_nonnull (strstr (message, "in.csv:14: the column “id” is not a field of a vote"));

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_CSV,
                        "kind,id,stage,lane,title,name,round,touchpoint,voter,count\r\n"
                        "stage,s1,,,,S,,,,\r\n"
                        "persona,p1,,,,P,,,,\r\n"
                        "touchpoint,t1,s1,p1,Card,,,,,\r\n"
                        "round,r1,,,,,,,,\r\n"
                        "vote,,,,,,r1,t9,Cy,1\r\n",
                        JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "in.csv:5: voting round “r1” has a vote for touchpoint “t9”, but the map has no such touchpoint"));

  /* JSON: the same rules, and the shape. */
  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_JSON,
                        "{ \"format\": \"journey-mapper\", \"version\": 1, \"title\": \"T\",\n"
                        "  \"stages\": [ { \"id\": \"s1\", \"name\": \"S\" } ],\n"
                        "  \"personas\": [ { \"id\": \"p1\", \"name\": \"P\" } ],\n"
                        "  \"touchpoints\": [ { \"id\": \"t1\", \"stage\": \"s1\", \"lane\": \"p1\", \"title\": \"C\" } ],\n"
                        "  \"votes\": [ { \"id\": \"r1\", \"dots\": 1, \"colour\": \"red\",\n"
                        "                 \"votes\": [ { \"touchpoint\": \"t1\", \"voter\": \"Ana\", \"count\": 2 },\n"
                        "                            { \"touchpoint\": \"t9\", \"voter\": \"Bo\", \"count\": 1, \"when\": 3 },\n"
                        "                            { \"touchpoint\": \"t1\", \"voter\": \"Cy\", \"count\": \"1\" },\n"
                        "                            7 ] },\n"
                        "               { \"id\": \"r1\" } ] }",
                        JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "in.csv: votes[0] “r1”: “colour” is not a field of a round"));
  g_assert_nonnull (strstr (message, "in.csv: votes[0] “r1” votes[0]: “Ana” has placed 2 dots in voting round “r1”, which gives each voter 1 dot"));
  g_assert_nonnull (strstr (message, "in.csv: votes[0] “r1” votes[1]: “when” is not a field of a vote"));
  g_assert_nonnull (strstr (message, "in.csv: votes[0] “r1” votes[2]: the count “” of a vote by “Cy”"));
  g_assert_nonnull (strstr (message, "in.csv: votes[0] “r1” votes[3]: each item must be an object"));
  g_assert_nonnull (strstr (message, "in.csv: votes[1]: round “r1” comes twice"));
}

/* The rounds of dot voting in a difference and in the text git compares:
 * a round added, removed and changed, and each voter's dots that differ;
 * the app's own comparisons leave them out. */
static void
test_diff_votes (void)
{
  g_autoptr(JmMap) old_map = odd_map ();
  g_autoptr(JmMap) new_map = odd_map ();
  g_autoptr(JmMapDiff) without = NULL;
  g_autoptr(JmMapDiff) with = NULL;
  g_autoptr(JmVoteRound) added = jm_vote_round_new ("r3", "Which ideas first?", 1);
  JmVoteRound *open = jm_votes_lookup_round (jm_map_get_votes (new_map), "r_2");
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *whole = NULL;

  with = jm_map_diff_new_with_votes (old_map, new_map);
  g_assert_true (jm_map_diff_is_empty (with));
  g_clear_pointer (&with, jm_map_diff_free);

  jm_vote_round_set_question (open, "Which hurt most?");
  jm_vote_round_set_closed (open, TRUE);
  jm_vote_round_add_dots (open, "t1", "=HYPERLINK(\"http://evil\",\"click\")", -1);
  jm_vote_round_add_dots (open, "t3", "Ana", 1);
  jm_vote_round_add_dots (added, "t2", "Bo", 1);
  jm_votes_append_round (jm_map_get_votes (new_map), added);

  without = jm_map_diff_new (old_map, new_map);
  g_assert_true (jm_map_diff_is_empty (without));
  with = jm_map_diff_new_with_votes (old_map, new_map);
  text = jm_map_diff_to_text (with);
  g_assert_nonnull (strstr (text, "~ round r_2 \"Which hurt most?\": question: \"two\\nlines"));
  g_assert_nonnull (strstr (text, "~ round r_2 \"Which hurt most?\": closed: false -> true\n"));
  g_assert_nonnull (strstr (text, "~ vote r_2/t1 \"=HYPERLINK(\\\"http://evil\\\",\\\"click\\\")\": count: 2 -> 1\n"));
  g_assert_nonnull (strstr (text, "~ vote r_2/t3 \"Ana\": count: 0 -> 1\n"));
  g_assert_nonnull (strstr (text, "+ round r3 \"Which ideas first?\"\n"));
  g_assert_nonnull (strstr (text, "~ vote r3/t2 \"Bo\": count: 0 -> 1\n"));
  json = jm_map_diff_to_json (with);
  g_assert_nonnull (strstr (json, "{ \"change\": \"changed\", \"object\": \"vote\", \"id\": \"r_2/t3\", \"label\": \"Ana\", \"field\": \"count\", \"old\": 0, \"new\": 1 }"));
  g_clear_pointer (&with, jm_map_diff_free);

  /* Removed, the other way round. */
  with = jm_map_diff_new_with_votes (new_map, old_map);
  g_clear_pointer (&text, g_free);
  text = jm_map_diff_to_text (with);
  g_assert_nonnull (strstr (text, "- round r3 \"Which ideas first?\"\n"));
  g_assert_nonnull (strstr (text, "~ vote r3/t2 \"Bo\": count: 1 -> 0\n"));

  whole = jm_map_to_text (old_map);
  g_assert_nonnull (strstr (whole, "\nround r1 \"\\\"quoted\\\", with commas\"\nround r1: dots: 5\nround r1: anonymous: true\nround r1: closed: true\n"
                                   "vote r1/t0 \"token-a\": count: 3\nvote r1/t4 \"token-a\": count: 2\nvote r1/t4 \"token-b\": count: 1\n"));
}

static void
test_json_bad (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *message = NULL;

  message = read_error (JM_INTERCHANGE_JSON,
                        "{ \"format\": \"journey-mapper\", \"version\": 1, \"title\": \"T\",\n"
                        "  \"stages\": [ { \"id\": \"s1\", \"name\": \"S\", \"colour\": \"#fff\" },\n"
                        "              { \"id\": 5 } ],\n"
                        "  \"personas\": [ { \"id\": \"p1\", \"name\": \"P\", \"age\": \"old\" } ],\n"
                        "  \"touchpoints\": [ { \"id\": \"t1\", \"stage\": \"s1\", \"lane\": \"p1\",\n"
                        "                     \"scores\": { \"relevance\": 7 } },\n"
                        "                   { \"id\": \"t1\" } ] }",
                        JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "in.csv: stages[0] “s1”: “colour” is not a field of a stage"));
  g_assert_nonnull (strstr (message, "in.csv: stages[1]: the stage id “” is not an id"));
  g_assert_nonnull (strstr (message, "in.csv: personas[0] “p1”: “age” must be a whole number"));
  g_assert_nonnull (strstr (message, "in.csv: touchpoints[0] “t1”: the relevance rating “7” of touchpoint “t1”"));
  g_assert_nonnull (strstr (message, "in.csv: touchpoints[1]: touchpoint “t1” comes twice"));

  /* The map's status and workshop date, checked as the file reader does. */
  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_JSON,
                        "{ \"format\": \"journey-mapper\", \"version\": 1, \"title\": \"T\",\n"
                        "  \"status\": \"done\", \"workshop-date\": \"2026-02-30\",\n"
                        "  \"stages\": [], \"personas\": [], \"touchpoints\": [] }",
                        JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "the status “done” of the map is neither as-is nor to-be"));
  g_assert_nonnull (strstr (message, "the workshop date “2026-02-30” is not a date"));

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_JSON, "{ \"title\": \"no format\" }", JM_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "not a journey map"));

  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_JSON, "{ \"format\": ", JM_FILE_ERROR_SYNTAX);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_clear_pointer (&message, g_free);
  message = read_error (JM_INTERCHANGE_JSON, deep->str, JM_FILE_ERROR_FORBIDDEN);
}

static const char *
diff_text (JmMap *old_map,
           JmMap *new_map)
{
  static char *text;
  g_autoptr(JmMapDiff) diff = jm_map_diff_new (old_map, new_map);

  g_free (text);
  text = jm_map_diff_to_text (diff);
  return text;
}

static char *
conflicts_text (GPtrArray *conflicts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      JmMergeConflict *conflict = g_ptr_array_index (conflicts, i);

      g_string_append_printf (out, "%s: %s\n", conflict->id ? conflict->id : "map", conflict->message);
    }
  return g_string_free (out, FALSE);
}

/* Two groups edit different things: everything of both comes in. */
static void
test_merge_clean (void)
{
  g_autoptr(JmMap) base = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) ours = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) theirs = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) result = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) expected = load_sample ("retail-bank.journey");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JmTouchpoint) ours_new = jm_touchpoint_new ("ours1", "s2", "p2", "Ours");
  g_autoptr(JmTouchpoint) result_new = jm_touchpoint_new ("ours1", "s2", "p2", "Ours");
  g_autoptr(JmTouchpoint) expected_ours = jm_touchpoint_new ("ours1", "s2", "p2", "Ours");
  g_autoptr(JmTouchpoint) theirs_new = jm_touchpoint_new ("theirs1", "s3", "p1", "Theirs");
  g_autoptr(JmTouchpoint) expected_new = jm_touchpoint_new ("theirs1", "s3", "p1", "Theirs");
  g_autoptr(JmStage) theirs_stage = jm_stage_new ("s10", "I recommend");
  g_autoptr(JmStage) expected_stage = jm_stage_new ("s10", "I recommend");
  g_autoptr(JmMapDiff) diff = NULL;
  g_autofree char *text = NULL;

  /* Ours: a title, a card's emotion, a new card, a card deleted. */
  jm_map_set_title (ours, "Merged");
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (ours, "t1"), 2);
  jm_map_append_touchpoint (ours, ours_new);
  jm_map_remove_touchpoint (ours, jm_map_lookup_touchpoint (ours, "t5"));
  jm_map_set_title (result, "Merged");
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (result, "t1"), 2);
  jm_map_append_touchpoint (result, result_new);
  jm_map_remove_touchpoint (result, jm_map_lookup_touchpoint (result, "t5"));

  /* Theirs: another field of the same card, a card moved, a new stage
   * and card, a card deleted, the personas reordered. */
  jm_touchpoint_set_rating (jm_map_lookup_touchpoint (theirs, "t1"), JM_MEASURE_RELEVANCE, 1);
  jm_touchpoint_set_stage_id (jm_map_lookup_touchpoint (theirs, "t2"), "s4");
  jm_map_append_stage (theirs, theirs_stage);
  jm_map_insert_touchpoint (theirs, 0, theirs_new);
  jm_map_remove_touchpoint (theirs, jm_map_lookup_touchpoint (theirs, "t6"));
  jm_map_move_persona (theirs, jm_map_lookup_persona (theirs, "p3"), 0);

  conflicts = jm_map_merge (result, base, ours, theirs);
  text = conflicts_text (conflicts);
  g_assert_cmpstr (text, ==, "");

  jm_map_set_title (expected, "Merged");
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (expected, "t1"), 2);
  jm_touchpoint_set_rating (jm_map_lookup_touchpoint (expected, "t1"), JM_MEASURE_RELEVANCE, 1);
  jm_touchpoint_set_stage_id (jm_map_lookup_touchpoint (expected, "t2"), "s4");
  jm_map_append_stage (expected, expected_stage);
  jm_map_insert_touchpoint (expected, 0, expected_new);
  jm_map_remove_touchpoint (expected, jm_map_lookup_touchpoint (expected, "t5"));
  jm_map_remove_touchpoint (expected, jm_map_lookup_touchpoint (expected, "t6"));
  jm_map_move_persona (expected, jm_map_lookup_persona (expected, "p3"), 0);
  jm_map_append_touchpoint (expected, expected_ours);

  diff = jm_map_diff_new (expected, result);
  g_free (text);
  text = jm_map_diff_to_text (diff);
  g_assert_cmpstr (text, ==, "");

  /* Merged into ours itself, as the command line does: the same. */
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = jm_map_merge (ours, base, ours, theirs);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&diff, jm_map_diff_free);
  diff = jm_map_diff_new (expected, ours);
  g_free (text);
  text = jm_map_diff_to_text (diff);
  g_assert_cmpstr (text, ==, "");
}

static void
test_merge_conflicts (void)
{
  g_autoptr(JmMap) base = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) ours = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) theirs = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) result = load_sample ("retail-bank.journey");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *text = NULL;

  /* The same field to two values; a card changed and deleted; a stage
   * deleted while the other side keeps cards in it. */
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (ours, "t1"), "Ours");
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (result, "t1"), "Ours");
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (theirs, "t1"), "Theirs");
  jm_touchpoint_set_notes (jm_map_lookup_touchpoint (ours, "t3"), "Still needed");
  jm_touchpoint_set_notes (jm_map_lookup_touchpoint (result, "t3"), "Still needed");
  jm_map_remove_touchpoint (theirs, jm_map_lookup_touchpoint (theirs, "t3"));
  jm_map_remove_stage (theirs, jm_map_lookup_stage (theirs, "s9"));

  conflicts = jm_map_merge (result, base, ours, theirs);
  text = conflicts_text (conflicts);
  g_assert_cmpstr (text, ==,
                   "t1: title changed on both sides: ours \"Ours\", theirs \"Theirs\"; kept ours\n"
                   "t3: touchpoint changed in ours but deleted in theirs; kept\n");
  /* Stage s9's cards were deleted with it on their side, and ours did not
   * change them: they go, and then the stage. */
  g_assert_null (jm_map_lookup_stage (result, "s9"));
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (result, "t1")), ==, "Ours");
  g_assert_nonnull (jm_map_lookup_touchpoint (result, "t3"));
}

static void
test_diff (void)
{
  g_autoptr(JmMap) old_map = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) new_map = load_sample ("retail-bank.journey");
  g_autoptr(JmMapDiff) same = jm_map_diff_new (old_map, new_map);
  g_autoptr(JmMapDiff) json_diff = NULL;
  g_autofree char *json = NULL;
  GListModel *touchpoints = jm_map_get_touchpoints (new_map);
  g_autoptr(JmTouchpoint) first = g_list_model_get_item (touchpoints, 0);
  g_autoptr(JmTouchpoint) second = g_list_model_get_item (touchpoints, 1);
  g_autoptr(JmTouchpoint) last = g_list_model_get_item (touchpoints, g_list_model_get_n_items (touchpoints) - 1);
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (new_map), 0);
  g_autoptr(JmTouchpoint) added = jm_touchpoint_new ("zz9", jm_stage_get_id (stage), "p1", "Added card");
  g_autofree char *expected = NULL;
  g_autofree char *second_stage = NULL;
  g_autofree char *text_of_same = NULL;
  const char *text;

  g_assert_true (jm_map_diff_is_empty (same));
  text_of_same = jm_map_diff_to_text (same);
  g_assert_cmpstr (text_of_same, ==, "");

  jm_map_set_title (new_map, "To be");
  jm_touchpoint_set_emotion (first, 2);
  jm_touchpoint_set_rating (first, JM_MEASURE_RELEVANCE, JM_RATING_UNSET);
  jm_map_remove_touchpoint (new_map, last);
  jm_map_append_touchpoint (new_map, added);
  second_stage = g_strdup (jm_touchpoint_get_stage_id (second));
  jm_touchpoint_set_stage_id (second, "s9");
  jm_map_move_stage (new_map, stage, 3);
  jm_stage_set_name (stage, "Renamed");

  text = diff_text (old_map, new_map);
  g_assert_true (g_str_has_prefix (text, "~ map: title: \""));
  expected = g_strdup_printf ("- touchpoint %s \"", jm_touchpoint_get_id (last));
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "\n+ touchpoint zz9 \"Added card\"\n"));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("> touchpoint %s \"%s\": cell: \"%s / %s\" -> \"s9 / %s\"\n",
                              jm_touchpoint_get_id (second), jm_touchpoint_get_title (second),
                              second_stage, jm_touchpoint_get_lane_id (second),
                              jm_touchpoint_get_lane_id (second));
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("> stage %s \"Renamed\": position: 1 -> 4\n", jm_stage_get_id (stage));
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("~ stage %s \"Renamed\": name: \"", jm_stage_get_id (stage));
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("~ touchpoint %s \"%s\": emotion: ", jm_touchpoint_get_id (first),
                              jm_touchpoint_get_title (first));
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, ": relevance: "));
  g_assert_nonnull (strstr (text, " -> unset\n"));
  /* One stage moved: the others kept their order and are not listed. */
  g_assert_null (strstr (text, "> stage s2"));

  json_diff = jm_map_diff_new (old_map, new_map);
  json = jm_map_diff_to_json (json_diff);
  g_assert_true (g_str_has_prefix (json, "{\n  \"same\": false,\n  \"changes\": [\n"));
  g_assert_nonnull (strstr (json, "\"change\": \"added\", \"object\": \"touchpoint\", \"id\": \"zz9\""));
}

/* Another group's copy brought in by choice: everything taken makes the
 * map equal to theirs; a change left unchosen stays ours; all of it one
 * undo step that gives the map back as it was. */
static void
test_take_changes (void)
{
  g_autoptr(JmMap) map = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) theirs = load_sample ("retail-bank.journey");
  g_autoptr(JmMap) again = NULL;
  g_autoptr(JmMapDiff) diff = NULL;
  g_autoptr(JmMapDiff) after = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JmTouchpoint) theirs_new = jm_touchpoint_new ("theirs1", "s10", "p1", "Theirs");
  g_autoptr(JmStage) theirs_stage = jm_stage_new ("s10", "I recommend");
  g_autoptr(JmTouchpoint) ours_new = jm_touchpoint_new ("ours1", "s2", "p2", "Ours");
  g_autofree gboolean *take = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  guint n, title_change = G_MAXUINT;

  jm_map_append_touchpoint (map, ours_new);
  jm_map_set_title (theirs, "Their title");
  jm_touchpoint_set_rating (jm_map_lookup_touchpoint (theirs, "t1"), JM_MEASURE_RELEVANCE, 1);
  jm_touchpoint_set_stage_id (jm_map_lookup_touchpoint (theirs, "t2"), "s4");
  jm_map_append_stage (theirs, theirs_stage);
  jm_map_append_touchpoint (theirs, theirs_new);
  jm_map_remove_touchpoint (theirs, jm_map_lookup_touchpoint (theirs, "t6"));
  jm_map_move_persona (theirs, jm_map_lookup_persona (theirs, "p3"), 0);
  before = jm_test_dump_map (map);

  /* Everything: the map becomes theirs, with ours' own card gone too. */
  diff = jm_map_diff_new (map, theirs);
  n = jm_map_diff_get_n_changes (diff);
  take = g_new (gboolean, n);
  for (guint i = 0; i < n; i++)
    take[i] = TRUE;
  conflicts = jm_map_take_changes (map, theirs, diff, take);
  g_assert_cmpuint (conflicts->len, ==, 0);
  after = jm_map_diff_new (map, theirs);
  text = jm_map_diff_to_text (after);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Merge Map");
  jm_map_undo (map);
  g_clear_pointer (&text, g_free);
  text = jm_test_dump_map (map);
  g_assert_cmpstr (text, ==, before);

  /* All but the title and the removal of ours' card. */
  for (guint i = 0; i < n; i++)
    {
      const JmMapChange *change = jm_map_diff_get_change (diff, i);

      if (change->id == NULL && g_str_equal (change->field, "title"))
        title_change = i;
      take[i] = !(change->id == NULL && g_str_equal (change->field, "title")) &&
                g_strcmp0 (change->id, "ours1") != 0;
    }
  g_assert_cmpuint (title_change, !=, G_MAXUINT);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = jm_map_take_changes (map, theirs, diff, take);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (jm_map_get_title (map), !=, "Their title");
  g_assert_nonnull (jm_map_lookup_touchpoint (map, "ours1"));
  g_assert_nonnull (jm_map_lookup_touchpoint (map, "theirs1"));
  g_assert_null (jm_map_lookup_touchpoint (map, "t6"));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (jm_map_lookup_touchpoint (map, "t2")), ==, "s4");
  g_assert_cmpint (jm_touchpoint_get_rating (jm_map_lookup_touchpoint (map, "t1"), JM_MEASURE_RELEVANCE), ==, 1);
  {
    g_autoptr(JmPersona) first = g_list_model_get_item (jm_map_get_personas (map), 0);

    g_assert_cmpstr (jm_persona_get_id (first), ==, "p3");
  }

  /* Their card without its new stage cannot come: said so, and left out. */
  jm_map_undo (map);
  for (guint i = 0; i < n; i++)
    {
      const JmMapChange *change = jm_map_diff_get_change (diff, i);

      take[i] = g_strcmp0 (change->id, "theirs1") == 0;
    }
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = jm_map_take_changes (map, theirs, diff, take);
  g_clear_pointer (&text, g_free);
  text = conflicts_text (conflicts);
  g_assert_cmpstr (text, ==, "theirs1: its stage or lane was not taken; left out\n");
  g_assert_null (jm_map_lookup_touchpoint (map, "theirs1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interchange/samples", test_samples);
  g_test_add_func ("/interchange/generated", test_generated);
  g_test_add_func ("/interchange/odd-text", test_odd_text);
  g_test_add_func ("/interchange/formula-injection", test_formula_injection);
  g_test_add_func ("/interchange/csv-bad-rows", test_csv_bad_rows);
  g_test_add_func ("/interchange/csv-hostile", test_csv_hostile);
  g_test_add_func ("/interchange/csv-merge", test_csv_merge);
  g_test_add_func ("/interchange/json-bad", test_json_bad);
  g_test_add_func ("/interchange/votes", test_votes);
  g_test_add_func ("/interchange/diff-votes", test_diff_votes);
  g_test_add_func ("/interchange/diff", test_diff);
  g_test_add_func ("/interchange/merge-clean", test_merge_clean);
  g_test_add_func ("/interchange/merge-conflicts", test_merge_conflicts);
  g_test_add_func ("/interchange/take-changes", test_take_changes);

  return g_test_run ();
}
