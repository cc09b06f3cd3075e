/* test-reader.c: loading .journey files, the schema, foreign content
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "jm-cli.h"
#include "jm-file.h"
#include "jm-votes.h"
#include "jm-file-private.h"
#include "jm-map-private.h"
#include "jm-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "files", name, NULL);
}

static JmMap *
load_fixture (const char       *name,
              JmFileLoadFlags   flags,
              GError          **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return jm_file_load_full (file, NULL, flags, NULL, error);
}

/* The maps a valid-file test runs on: our own fixtures and every sample. */
static GPtrArray *
valid_files (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *folders[] = { "files", "../data/samples" };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".journey") &&
            (f > 0 || g_str_has_prefix (name, "valid-")))
          g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
    }
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  return paths;
}

/* libxml2's own verdict, straight from the schema in the source tree. */
static xmlRelaxNGPtr
test_schema (void)
{
  static xmlRelaxNGPtr schema = NULL;

  if (schema == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "journey-1.rng", NULL);
      g_autofree char *data = NULL;
      gsize length;
      xmlRelaxNGParserCtxtPtr parser;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      parser = xmlRelaxNGNewMemParserCtxt (data, (int) length);
      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
      g_assert_nonnull (schema);
    }
  return schema;
}

/* libxml2 2.12 made the error const. */
#if LIBXML_VERSION >= 21200
static void
ignore_errors (void           *user_data,
               const xmlError *error)
#else
static void
ignore_errors (void     *user_data,
               xmlError *error)
#endif
{
}

static gboolean
schema_accepts (const char *data,
                gsize       length)
{
  xmlDocPtr doc = xmlReadMemory (data, (int) length, NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlRelaxNGValidCtxtPtr valid;
  int result;

  if (doc == NULL)
    return FALSE;
  valid = xmlRelaxNGNewValidCtxt (test_schema ());
  xmlRelaxNGSetValidStructuredErrors (valid, ignore_errors, NULL);
  result = xmlRelaxNGValidateDoc (valid, doc);
  xmlRelaxNGFreeValidCtxt (valid);
  xmlFreeDoc (doc);
  return result == 0;
}

static void
test_valid_files (void)
{
  g_autoptr(GPtrArray) paths = valid_files ();

  g_assert_cmpuint (paths->len, >=, 2);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = NULL;
      g_autofree char *data = NULL;
      gsize length;

      g_test_message ("%s", path);
      map = jm_file_load_full (file, NULL, JM_FILE_LOAD_STRICT, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (map);
      g_assert_false (jm_map_get_modified (map));
      g_assert_false (jm_history_can_undo (jm_map_get_history (map)));
      g_assert_false (jm_history_can_redo (jm_map_get_history (map)));

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_true (schema_accepts (data, length));
    }
}

typedef struct
{
  const char *file;
  int         code;
  int         line;
  int         column;
  const char *words;
  gboolean    schema_knows;   /* the RELAX NG schema alone also rejects it */
} Broken;

static const Broken broken_files[] = {
  { "broken-rating.journey", JM_FILE_ERROR_INVALID, 17, 7, "convenience rating “6” of touchpoint “t1” is outside the scale of 1 to 5", TRUE },
  { "broken-emotion.journey", JM_FILE_ERROR_INVALID, 15, 5, "emotion “3” of touchpoint “t1”", TRUE },
  { "broken-colour.journey", JM_FILE_ERROR_INVALID, 10, 5, "colour “blue” of persona “p1” is not a colour", TRUE },
  { "broken-age.journey", JM_FILE_ERROR_INVALID, 10, 5, "age “200”", TRUE },
  { "broken-duplicate-id.journey", JM_FILE_ERROR_INVALID, 22, 5, "two touchpoints have the same id “t1”", FALSE },
  { "broken-missing-stage.journey", JM_FILE_ERROR_INVALID, 22, 5, "in stage “s9”, but the map has no such stage", FALSE },
  { "broken-missing-lane.journey", JM_FILE_ERROR_INVALID, 22, 5, "persona “p9”, but the map has no such persona", FALSE },
  { "broken-link.journey", JM_FILE_ERROR_INVALID, 19, 9, "links to touchpoint “t9”, but the map has no such touchpoint", FALSE },
  { "broken-unknown-element.journey", JM_FILE_ERROR_INVALID, 17, 7, "<scorez> is not an element a <touchpoint> can hold", TRUE },
  { "broken-missing-title.journey", JM_FILE_ERROR_INVALID, 22, 5, "touchpoint “t2” has no <title>", TRUE },
  { "broken-malformed.journey", JM_FILE_ERROR_SYNTAX, 16, 0, "the end tag </titel> does not match the start tag <title>", TRUE },
  { "broken-unknown-attribute.journey", JM_FILE_ERROR_INVALID, 15, 5, "unknown attribute “mood”", TRUE },
  { "broken-bad-id.journey", JM_FILE_ERROR_INVALID, 5, 5, "the id “1st” of <stage> is not a valid id", TRUE },
  { "broken-text.journey", JM_FILE_ERROR_INVALID, 0, 0, "text is not allowed directly inside <touchpoints>", TRUE },
  { "broken-duplicate-title.journey", JM_FILE_ERROR_INVALID, 23, 0, "<touchpoint> holds more than one <title>", TRUE },
  { "broken-wrong-root.journey", JM_FILE_ERROR_NOT_A_MAP, 2, 1, "not a journey map: its root element is <map>", TRUE },
  { "broken-wrong-namespace.journey", JM_FILE_ERROR_NOT_A_MAP, 2, 1, "not in the namespace", TRUE },
  { "broken-version.journey", JM_FILE_ERROR_INVALID, 2, 1, "“one” is not a version of the journey map format", TRUE },
  { "newer-namespace.journey", JM_FILE_ERROR_NEWER_VERSION, 2, 1, "made by a newer version of Journey Mapper", TRUE },
  { "newer-version.journey", JM_FILE_ERROR_NEWER_VERSION, 2, 1, "made by a newer version of Journey Mapper", TRUE },
  { "broken-vote-touchpoint.journey", JM_FILE_ERROR_INVALID, 32, 7, "a vote in voting round “r1” is for touchpoint “t9”, but the map has no such touchpoint", FALSE },
  { "broken-vote-count.journey", JM_FILE_ERROR_INVALID, 32, 7, "the count “-1” of a vote by “James” in voting round “r1” is not a whole number from 1 to 99", TRUE },
  { "broken-vote-too-many.journey", JM_FILE_ERROR_INVALID, 32, 7, "“Ana” has placed 4 dots in voting round “r1”, which gives each voter 3 dots", FALSE },
  { "broken-vote-round-id.journey", JM_FILE_ERROR_INVALID, 34, 5, "two voting rounds have the same id “r1”", FALSE },
  { "broken-workshop-date.journey", JM_FILE_ERROR_INVALID, 2, 1, "the workshop date “31/03/2026” is not a date written as YYYY-MM-DD", TRUE },
  { "broken-status.journey", JM_FILE_ERROR_INVALID, 2, 1, "the status “done” of the map is neither as-is nor to-be", TRUE },
};

static void
assert_error_at (const GError *error,
                 const char   *name,
                 int           code,
                 int           line,
                 int           column,
                 const char   *words)
{
  g_autofree char *prefix = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, JM_FILE_ERROR, code);

  /* NAME:LINE:COLUMN: message */
  g_assert_true (g_str_has_prefix (error->message, name));
  parts = g_strsplit (error->message + strlen (name), ":", 4);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  g_assert_cmpstr (parts[0], ==, "");
  g_assert_cmpint (atoi (parts[1]), >=, 1);
  g_assert_cmpint (atoi (parts[2]), >=, 1);
  if (line > 0)
    g_assert_cmpint (atoi (parts[1]), ==, line);
  if (column > 0)
    g_assert_cmpint (atoi (parts[2]), ==, column);
  g_assert_true (g_str_has_prefix (parts[3], " "));
  g_assert_nonnull (strstr (parts[3], words));
}

static void
test_broken_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken_files); i++)
    {
      const Broken *b = &broken_files[i];
      g_autofree char *path = fixture_path (b->file);
      g_autofree char *data = NULL;
      gsize length;

      for (guint strict = 0; strict < 2; strict++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JmMap) map = load_fixture (b->file, strict ? JM_FILE_LOAD_STRICT : 0, &error);

          g_assert_null (map);
          assert_error_at (error, b->file, b->code, b->line, b->column, b->words);
        }

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_true (schema_accepts (data, length) == !b->schema_knows);
    }
}

/* Format 1.1: the map's title block and its rounds of dot voting. */
static void
test_votes_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = load_fixture ("valid-votes.journey", JM_FILE_LOAD_STRICT, &error);
  const char * const authors[] = { "Ana Lima", "James Okoro", NULL };
  JmVotes *votes;
  JmVoteRound *round;

  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_map_version (map), ==, "2.1");
  g_assert_cmpint (jm_map_get_status (map), ==, JM_MAP_STATUS_TO_BE);
  g_assert_cmpstr (jm_map_get_workshop_date (map), ==, "2026-03-31");
  g_assert_true (g_strv_equal (jm_map_get_authors (map), authors));

  votes = jm_map_get_votes (map);
  g_assert_cmpuint (g_list_model_get_n_items (jm_votes_get_rounds (votes)), ==, 2);
  round = jm_votes_lookup_round (votes, "r1");
  g_assert_cmpstr (jm_vote_round_get_question (round), ==, "Which moments hurt most?");
  g_assert_cmpint (jm_vote_round_get_dots (round), ==, 3);
  g_assert_true (jm_vote_round_get_closed (round));
  g_assert_false (jm_vote_round_get_anonymous (round));
  g_assert_cmpint (jm_votes_count (votes, round, "t1"), ==, 3);
  g_assert_cmpint (jm_votes_count (votes, round, "t2"), ==, 1);
  g_assert_cmpint (jm_votes_get_remaining (votes, round, "Ana"), ==, 0);
  round = jm_votes_lookup_round (votes, "r2");
  g_assert_true (jm_vote_round_get_anonymous (round));
  g_assert_cmpint (jm_vote_round_get_dots (round), ==, 1);
  g_assert_true (jm_votes_get_open_round (votes) == round);
  g_assert_false (jm_history_can_undo (jm_map_get_history (map)));
}

/* A file of 1.0 opens as it always did: no status, date, version,
 * authors or votes, and it is written back as 1.0, byte for byte. */
static void
test_old_version (void)
{
  g_autofree char *path = fixture_path ("valid-minimal.journey");
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = load_fixture ("valid-minimal.journey", JM_FILE_LOAD_STRICT, &error);
  g_autoptr(GBytes) written = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (jm_map_get_status (map), ==, JM_MAP_STATUS_NONE);
  g_assert_cmpstr (jm_map_get_workshop_date (map), ==, "");
  g_assert_cmpstr (jm_map_get_map_version (map), ==, "");
  g_assert_null (jm_map_get_authors (map)[0]);
  g_assert_true (jm_votes_is_empty (jm_map_get_votes (map)));

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  written = jm_file_write_bytes (map);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), data, length);

  /* Any of 1.1's content makes it 1.1: a card's kind too. */
  {
    g_autoptr(JmTouchpoint) first = g_list_model_get_item (jm_map_get_touchpoints (map), 0);

    jm_touchpoint_set_kind (first, "idea");
    g_clear_pointer (&written, g_bytes_unref);
    written = jm_file_write_bytes (map);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                                    "version=\"1.1\""));
    jm_touchpoint_set_kind (first, "");
  }
  jm_map_set_status (map, JM_MAP_STATUS_AS_IS);
  g_clear_pointer (&written, g_bytes_unref);
  written = jm_file_write_bytes (map);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                                  "version=\"1.1\" status=\"as-is\""));
}

static void
test_load_bytes_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<journey/>", 10);
  g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "Pasted map", &error);

  g_assert_null (map);
  assert_error_at (error, "Pasted map", JM_FILE_ERROR_NOT_A_MAP, 1, 1, "not in the namespace");
}

static void
test_full_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = load_fixture ("valid-full.journey", 0, &error);
  JmStage *stage;
  JmPersona *persona;
  JmTouchpoint *touchpoint;
  GBytes *picture;
  const char * const teams[] = { "Marketing", "Billing", NULL };
  const char * const links[] = { "t1", "t2", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_title (map), ==, "Broadband: from sign-up to renewal");
  g_assert_cmpstr (jm_map_get_description (map), ==, "How Fridah & James get connected,\nand what breaks on the way.");
  g_assert_cmpfloat (jm_map_get_weight (map, JM_MEASURE_RESPONSIVENESS), ==, 1.0);
  g_assert_cmpfloat (jm_map_get_weight (map, JM_MEASURE_CONVENIENCE), ==, 2.0);
  g_assert_cmpfloat (jm_map_get_weight (map, JM_MEASURE_RELIABILITY), ==, 1.5);
  g_assert_cmpfloat (jm_map_get_weight (map, JM_MEASURE_RELEVANCE), ==, 0.0);

  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_stages (map)), ==, 2);
  stage = jm_map_lookup_stage (map, "s2");
  g_assert_cmpstr (jm_stage_get_name (stage), ==, "Recherche");

  persona = jm_map_lookup_persona (map, "p1");
  g_assert_cmpstr (jm_persona_get_name (persona), ==, "Fridah");
  g_assert_cmpint (jm_persona_get_age (persona), ==, 29);
  g_assert_cmpstr (jm_persona_get_colour (persona), ==, "#0072b2");
  g_assert_cmpstr (jm_persona_get_quote (persona), ==, "“Show me a video.”");
  g_assert_cmpstr (jm_persona_get_goals (persona)[1], ==, "A fair price");
  g_assert_cmpstr (jm_persona_get_channels (persona)[0], ==, "mobile-app");
  g_assert_cmpstr (jm_persona_get_picture_type (persona), ==, "image/png");
  picture = jm_persona_get_picture (persona);
  g_assert_nonnull (picture);
  g_assert_cmpmem (g_bytes_get_data (picture, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (jm_persona_get_hidden (jm_map_lookup_persona (map, "p2")));

  touchpoint = jm_map_lookup_touchpoint (map, "t1");
  g_assert_cmpstr (jm_touchpoint_get_channel (touchpoint), ==, "web");
  g_assert_cmpint (jm_touchpoint_get_emotion (touchpoint), ==, -1);
  g_assert_true (jm_touchpoint_get_moment_of_truth (touchpoint));
  g_assert_cmpstr (jm_touchpoint_get_row (touchpoint, JM_ROW_ACTIONS), ==, "Opens three tabs <and> a spreadsheet");
  g_assert_cmpstr (jm_touchpoint_get_notes (touchpoint), ==, "Seen in 4 of 5 interviews & surveys");
  g_assert_true (g_strv_equal (jm_touchpoint_get_teams (touchpoint), teams));
  g_assert_cmpint (jm_touchpoint_get_rating (touchpoint, JM_MEASURE_CONVENIENCE), ==, 2);
  g_assert_cmpint (jm_touchpoint_get_rating (touchpoint, JM_MEASURE_RELEVANCE), ==, 5);

  touchpoint = jm_map_lookup_touchpoint (map, "t2");
  g_assert_cmpint (jm_touchpoint_get_emotion (touchpoint), ==, 2);
  g_assert_cmpint (jm_touchpoint_get_rating (touchpoint, JM_MEASURE_RESPONSIVENESS), ==, JM_RATING_UNSET);
  g_assert_cmpint (jm_touchpoint_get_rating (touchpoint, JM_MEASURE_RELEVANCE), ==, 4);
  g_assert_false (jm_touchpoint_get_moment_of_truth (touchpoint));

  touchpoint = jm_map_lookup_touchpoint (map, "t3");
  g_assert_cmpint (jm_touchpoint_get_emotion (touchpoint), ==, JM_EMOTION_UNSET);
  g_assert_true (g_strv_equal (jm_touchpoint_get_links (touchpoint), links));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A loaded touchpoint tells of every change again, whatever the field. */
static void
test_loaded_touchpoints_notify (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = load_fixture ("valid-full.journey", 0, &error);
  const char * const teams[] = { "Billing", NULL };
  JmTouchpoint *touchpoint;
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (jm_map_get_touchpoints (map)); i++)
    {
      g_autoptr(JmTouchpoint) each = g_list_model_get_item (jm_map_get_touchpoints (map), i);

      count = 0;
      g_signal_connect (each, "notify", G_CALLBACK (count_notify), &count);
      jm_touchpoint_set_title (each, "Changed title");
      g_assert_cmpuint (count, ==, 1);
      g_signal_handlers_disconnect_by_func (each, count_notify, &count);
    }

  touchpoint = jm_map_lookup_touchpoint (map, "t1");
  count = 0;
  g_signal_connect (touchpoint, "notify", G_CALLBACK (count_notify), &count);
  jm_touchpoint_set_row (touchpoint, JM_ROW_NEEDS, "Something new");
  jm_touchpoint_set_teams (touchpoint, teams);
  jm_touchpoint_set_emotion (touchpoint, 1);
  jm_touchpoint_set_rating (touchpoint, JM_MEASURE_CONVENIENCE, 4);
  jm_touchpoint_set_moment_of_truth (touchpoint, FALSE);
  g_assert_cmpuint (count, ==, 5);
  /* Back to empty, and empty again: one change, not two. */
  jm_touchpoint_set_row (touchpoint, JM_ROW_NEEDS, "");
  jm_touchpoint_set_row (touchpoint, JM_ROW_NEEDS, NULL);
  jm_touchpoint_set_teams (touchpoint, NULL);
  jm_touchpoint_set_teams (touchpoint, (const char * const[]) { NULL });
  g_assert_cmpuint (count, ==, 7);
  g_assert_cmpstr (jm_touchpoint_get_row (touchpoint, JM_ROW_NEEDS), ==, "");
  g_assert_nonnull (jm_touchpoint_get_teams (touchpoint));
  g_assert_null (jm_touchpoint_get_teams (touchpoint)[0]);
  g_signal_handlers_disconnect_by_func (touchpoint, count_notify, &count);
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *count)
{
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 2);
  (*count)++;
}

/* While a map is loaded, objects are found by id at once and join the lists
 * in one change at the end, in their order. */
static void
test_map_load_appends (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmTouchpoint) t1 = jm_touchpoint_new ("t1", "s1", "p1", "One");
  g_autoptr(JmTouchpoint) t2 = jm_touchpoint_new ("t2", "s1", "p1", "Two");
  g_autoptr(JmTouchpoint) t3 = jm_touchpoint_new ("t3", "s1", "p1", "Three");
  g_autoptr(JmTouchpoint) again = jm_touchpoint_new ("t2", "s1", "p1", "Again");
  g_autoptr(JmTouchpoint) t4 = jm_touchpoint_new ("t4", "s1", "p1", NULL);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  g_autoptr(JmTouchpoint) second = NULL;
  guint changes = 0;

  g_assert_true (jm_map_append_touchpoint (map, t1));
  g_signal_connect (touchpoints, "items-changed", G_CALLBACK (count_changes), &changes);

  _jm_map_begin_load (map);
  g_assert_true (jm_map_append_touchpoint (map, t2));
  g_assert_true (jm_map_append_touchpoint (map, t3));
  g_assert_false (jm_map_append_touchpoint (map, again));
  g_assert_true (jm_map_lookup_touchpoint (map, "t3") == t3);
  g_assert_cmpuint (changes, ==, 0);
  _jm_map_end_load (map);

  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (touchpoints), ==, 3);
  second = g_list_model_get_item (touchpoints, 1);
  g_assert_true (second == t2);
  g_signal_handlers_disconnect_by_func (touchpoints, count_changes, &changes);

  /* After the load, appends are single changes again. */
  g_assert_true (jm_map_append_touchpoint (map, t4));
  g_assert_cmpuint (g_list_model_get_n_items (touchpoints), ==, 4);
}

/* load -> write -> load gives the same map, and the second write the same bytes. */
static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) paths = valid_files ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) first = jm_file_load (file, NULL, &error);
      g_autoptr(JmMap) second = NULL;
      g_autoptr(GBytes) bytes1 = NULL;
      g_autoptr(GBytes) bytes2 = NULL;
      g_autofree char *dump1 = NULL;
      g_autofree char *dump2 = NULL;

      g_assert_no_error (error);
      bytes1 = jm_file_write_bytes (first);
      g_assert_true (schema_accepts (g_bytes_get_data (bytes1, NULL), g_bytes_get_size (bytes1)));
      second = jm_file_load_bytes (bytes1, "written", &error);
      g_assert_no_error (error);
      dump1 = jm_test_dump_map (first);
      dump2 = jm_test_dump_map (second);
      g_assert_cmpstr (dump1, ==, dump2);
      bytes2 = jm_file_write_bytes (second);
      g_assert_true (g_bytes_equal (bytes1, bytes2));
    }
}

static gboolean
contains (GBytes     *bytes,
          const char *needle)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strstr_len (data, length, needle) != NULL;
}

static void
test_foreign_survives_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = load_fixture ("valid-full.journey", 0, &error);
  g_autoptr(JmMap) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes2 = NULL;
  JmTouchpoint *t1 = jm_map_lookup_touchpoint (map, "t1");
  JmTouchpoint *t2 = jm_map_lookup_touchpoint (map, "t2");
  JmPersona *p1 = jm_map_lookup_persona (map, "p1");
  const char * const teams[] = { "Billing", "Support", "Marketing", NULL };
  const char * const goals[] = { "Fast internet", "Good support", NULL };
  const char *kept[] = {
    "xmlns:ext=\"https://example.org/ns/extension\"",
    "ext:generator=\"another tool\"",
    "xml:lang=\"en\"",
    "ext:source=\"survey\"",
    "<dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Workshop, <dc:date>2026-03-01</dc:date></dc:creator>",
    "<stages ext:layout=\"wide\">",
    "<stage id=\"s1\" ext:colour=\"#eeeeee\">",
    "<ext:budget xmlns:ext=\"https://example.org/ns/extension\" currency=\"EUR\">1200</ext:budget>",
    "<name xml:lang=\"fr\">Recherche</name>",
    "<ext:swimlane-note xmlns:ext=\"https://example.org/ns/extension\">between stages</ext:swimlane-note>",
    "ext:segment=\"young\"",
    "<goals ext:ranked=\"true\">",
    "<item ext:weight=\"3\">Fast internet</item>",
    "<ext:avatar-source xmlns:ext=\"https://example.org/ns/extension\" href=\"https://example.org/a.png\"/>",
    "ext:priority=\"high\"",
    "<teams ext:owner=\"Marketing\">",
    "<team ext:lead=\"true\">Billing</team>",
    "ext:method=\"CSAT\"",
    "<q:quote who=\"P3\">I gave up twice.</q:quote></ext:evidence>",
    "<ext:row a=\"1\"/>",
  };

  g_assert_no_error (error);

  /* Edits of the objects that carry foreign content, through the history. */
  jm_map_edit_string (map, t1, "title", "Compares plans & prices");
  jm_map_edit_strv (map, t1, "teams", teams);
  jm_map_edit_int (map, t1, "convenience", 5);
  jm_map_edit_string (map, p1, "name", "Fridah K.");
  jm_map_edit_strv (map, p1, "goals", goals);
  jm_map_edit_string (map, map, "title", "Renamed");
  jm_map_move_touchpoint (map, t1, jm_map_lookup_stage (map, "s2"), jm_map_lookup_persona (map, "p2"), 0);
  jm_map_move_stage (map, jm_map_lookup_stage (map, "s1"), 1);
  jm_map_remove_touchpoint (map, t2);

  bytes = jm_file_write_bytes (map);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_test_message ("%s", kept[i]);
      g_assert_true (contains (bytes, kept[i]));
    }
  g_assert_true (contains (bytes, "<title>Compares plans &amp; prices</title>"));
  /* The removed touchpoint took its link away, with the link's attributes. */
  g_assert_false (contains (bytes, "ext:kind=\"next\""));
  g_assert_false (contains (bytes, "id=\"t2\""));
  g_assert_true (schema_accepts (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));

  again = jm_file_load_bytes (bytes, "edited", &error);
  g_assert_no_error (error);
  bytes2 = jm_file_write_bytes (again);
  g_assert_true (g_bytes_equal (bytes, bytes2));

  /* Undoing everything gives back the original's bytes. */
  while (jm_map_undo (map))
    ;
  {
    g_autoptr(JmMap) original = load_fixture ("valid-full.journey", 0, &error);
    g_autoptr(GBytes) expected = jm_file_write_bytes (original);
    g_autoptr(GBytes) undone = jm_file_write_bytes (map);

    g_assert_true (g_bytes_equal (expected, undone));
  }
}

/* Own checks and the schema agree on many small variations of a map: a
 * file the reader accepts is always valid for the schema, and a file the
 * reader refuses is refused by the schema too, unless the reason is one the
 * schema cannot see (references and duplicate ids). */
static int n_mutants;

static void
check_mutant (xmlDocPtr doc)
{
  xmlChar *data = NULL;
  int length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  gboolean schema;

  xmlDocDumpMemory (doc, &data, &length);
  map = _jm_file_read ((const char *) data, length, "mutant", JM_FILE_LOAD_SKIP_SCHEMA, NULL, NULL, &error);
  schema = schema_accepts ((const char *) data, length);
  if (map != NULL && !schema)
    g_error ("The reader accepts what the schema refuses:\n%s", data);
  if (map == NULL && schema &&
      strstr (error->message, "no such") == NULL && strstr (error->message, "same id") == NULL)
    g_error ("The reader refuses what the schema accepts (%s):\n%s", error->message, data);
  n_mutants++;
  xmlFree (data);
}

static void
mutate (xmlDocPtr  original,
        guint      index,
        guint      kind,
        const char *value)
{
  xmlDocPtr doc = xmlCopyDoc (original, 1);
  xmlNodePtr node = xmlDocGetRootElement (doc);
  guint n = 0;
  GPtrArray *stack = g_ptr_array_new ();

  /* The index-th element in document order. */
  g_ptr_array_add (stack, node);
  while (stack->len > 0)
    {
      node = g_ptr_array_steal_index (stack, stack->len - 1);
      if (n++ == index)
        break;
      for (xmlNodePtr child = xmlGetLastChild (node); child != NULL; child = child->prev)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (stack, child);
      node = NULL;
    }
  g_ptr_array_free (stack, TRUE);
  if (node == NULL)
    {
      xmlFreeDoc (doc);
      return;
    }

  switch (kind)
    {
    case 0: /* set each attribute to the value */
      for (xmlAttrPtr attr = node->properties; attr != NULL; attr = attr->next)
        {
          xmlDocPtr copy = xmlCopyDoc (doc, 1);
          xmlNodePtr twin = NULL;
          guint m = 0;
          GPtrArray *walk = g_ptr_array_new ();
          guint position = 0;

          for (xmlAttrPtr a = node->properties; a != attr; a = a->next)
            position++;
          g_ptr_array_add (walk, xmlDocGetRootElement (copy));
          while (walk->len > 0)
            {
              twin = g_ptr_array_steal_index (walk, walk->len - 1);
              if (m++ == index)
                break;
              for (xmlNodePtr child = xmlGetLastChild (twin); child != NULL; child = child->prev)
                if (child->type == XML_ELEMENT_NODE)
                  g_ptr_array_add (walk, child);
              twin = NULL;
            }
          g_ptr_array_free (walk, TRUE);
          if (twin != NULL)
            {
              xmlAttrPtr target = twin->properties;

              while (position-- > 0)
                target = target->next;
              if (value == NULL)
                xmlRemoveProp (target);
              else
                xmlSetNsProp (twin, target->ns, target->name, (const xmlChar *) value);
              check_mutant (copy);
            }
          xmlFreeDoc (copy);
        }
      break;
    case 1: /* rename the element */
      xmlNodeSetName (node, (const xmlChar *) "bogus");
      check_mutant (doc);
      break;
    case 2: /* duplicate it */
      if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
        {
          xmlAddNextSibling (node, xmlCopyNode (node, 1));
          check_mutant (doc);
        }
      break;
    case 3: /* remove it */
      if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
          check_mutant (doc);
        }
      break;
    case 4: /* put text or an element inside */
      xmlNodeAddContent (node, (const xmlChar *) (value != NULL ? value : "x"));
      check_mutant (doc);
      break;
    case 5:
      xmlNewChild (node, node->ns, (const xmlChar *) "title", (const xmlChar *) "T");
      check_mutant (doc);
      break;
    case 6:
      xmlNewChild (node, xmlNewNs (node, (const xmlChar *) "urn:other", (const xmlChar *) "o"),
                   (const xmlChar *) "extra", NULL);
      check_mutant (doc);
      break;
    case 7:
      xmlNewProp (node, (const xmlChar *) "bogus", (const xmlChar *) "1");
      check_mutant (doc);
      break;
    default:
      g_assert_not_reached ();
    }
  xmlFreeDoc (doc);
}

static guint
count_elements (xmlNodePtr node)
{
  guint n = 1;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      n += count_elements (child);
  return n;
}

static void
test_schema_agreement (void)
{
  const char *fixtures[] = { "valid-full.journey", "valid-minimal.journey" };
  const char *values[] = { NULL, "", "0", "1", "5", "6", "-2", "-3", " 3 ", "+1", "1.5", "true", "yes",
                           "#12345g", "#ABCDEF", "1.0", "2.0", "1.", "150", "151", "_a.b-c", "a b",
                           "image/jpeg", "image/gif", "aGk=", "a===", "s1", "p2", "t3" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autofree char *path = fixture_path (fixtures[f]);
      g_autofree char *data = NULL;
      gsize length;
      xmlDocPtr doc;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      doc = xmlReadMemory (data, (int) length, NULL, NULL, XML_PARSE_NONET);
      guint n_elements;

      g_assert_nonnull (doc);
      n_elements = count_elements (xmlDocGetRootElement (doc));
      for (guint i = 0; i < n_elements + 2; i++)
        {
          for (guint v = 0; v < G_N_ELEMENTS (values); v++)
            mutate (doc, i, 0, values[v]);
          for (guint kind = 1; kind <= 7; kind++)
            mutate (doc, i, kind, NULL);
        }
      xmlFreeDoc (doc);
    }
  g_test_message ("%d variations checked", n_mutants);
  g_assert_cmpint (n_mutants, >, 500);
}

static void
test_peek_newer_version (void)
{
  const char *files[] = { "newer-namespace.journey", "newer-version.journey",
                          "valid-minimal.journey", "broken-wrong-root.journey" };
  const gboolean newer[] = { TRUE, TRUE, FALSE, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture_path (files[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (jm_file_is_from_newer_version (file, NULL) == newer[i]);
    }
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  JmMap **map = user_data;
  g_autoptr(GError) error = NULL;

  *map = jm_file_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_load_failed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (jm_file_load_finish (result, error));
}

static void
test_load_async (void)
{
  g_autofree char *path = fixture_path ("valid-full.journey");
  g_autofree char *broken = fixture_path ("broken-rating.journey");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  JmMap *map = NULL;

  jm_file_load_async (file, NULL, on_loaded, &map);
  while (map == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 3);
  g_object_unref (map);

  jm_file_load_async (broken_file, NULL, on_load_failed, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_error_at (error, "broken-rating.journey", JM_FILE_ERROR_INVALID, 17, 7, "outside the scale");
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  jm_file_load_async (file, cancellable, on_load_failed, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/folder/map.journey");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load (file, NULL, &error);

  g_assert_null (map);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "map.journey:1:1: the file does not exist");
}

/* --check: problems on stderr as FILE:LINE:COLUMN, exit 1 if any file is bad. */
static void
test_cli_check (void)
{
  if (g_test_subprocess ())
    {
      const char *names[] = { "valid-full.journey", "broken-rating.journey", "valid-minimal.journey",
                              "broken-link.journey" };
      GFile *files[G_N_ELEMENTS (names)];
      JmCliOptions options = { .check = TRUE };
      int status;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = fixture_path (names[i]);

          files[i] = g_file_new_for_path (path);
        }
      status = jm_cli_check (&options, files, 3);
      g_assert_cmpint (status, ==, 1);
      status = jm_cli_check (&options, files, 1);
      g_assert_cmpint (status, ==, 0);
      /* With libxml2's validator as a second opinion, the same verdicts. */
      options.strict = TRUE;
      status = jm_cli_check (&options, files, 1);
      g_assert_cmpint (status, ==, 0);
      options.strict = FALSE;
      status = jm_cli_check (&options, files + 3, 1);
      exit (status == 1 ? 0 : 3);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*broken-rating.journey:17:7: the convenience rating “6” of touchpoint “t1” is outside the scale of 1 to 5\n"
                             "*broken-link.journey:19:9: touchpoint “t1” links to touchpoint “t9”*");
  g_test_trap_assert_stderr_unmatched ("*valid-*");
}

int
main (int   argc,
      char *argv[])
{
  /* --check prints in the user's locale, as the application does. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/valid-files", test_valid_files);
  g_test_add_func ("/reader/broken-files", test_broken_files);
  g_test_add_func ("/reader/load-bytes-name", test_load_bytes_name);
  g_test_add_func ("/reader/full-content", test_full_content);
  g_test_add_func ("/reader/votes-content", test_votes_content);
  g_test_add_func ("/reader/old-version", test_old_version);
  g_test_add_func ("/reader/loaded-touchpoints-notify", test_loaded_touchpoints_notify);
  g_test_add_func ("/reader/map-load-appends", test_map_load_appends);
  g_test_add_func ("/reader/round-trip", test_round_trip);
  g_test_add_func ("/reader/foreign-survives-edits", test_foreign_survives_edits);
  g_test_add_func ("/reader/schema-agreement", test_schema_agreement);
  g_test_add_func ("/reader/peek-newer-version", test_peek_newer_version);
  g_test_add_func ("/reader/missing-file", test_missing_file);
  g_test_add_func ("/reader/cli-check", test_cli_check);
  g_test_add_func ("/reader/load-async", test_load_async);

  return g_test_run ();
}
