/* test-card-transfer.c: cards on the clipboard, between maps and to and
 * from spreadsheets and plain text
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "jm-card-table.h"
#include "jm-card-transfer.h"
#include "jm-edits.h"
#include "jm-map.h"

static JmMap *
new_board (const char *suffix)
{
  JmMap *map = jm_map_new ();

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *name = g_strdup_printf ("Stage %u%s", i, suffix);
      g_autoptr(JmStage) stage = jm_stage_new (id, name);
      g_autofree char *pid = g_strdup_printf ("p%u", i);
      g_autofree char *pname = g_strdup_printf ("Persona %u%s", i, suffix);
      g_autoptr(JmPersona) persona = jm_persona_new (pid, pname);

      jm_map_append_stage (map, stage);
      jm_map_append_persona (map, persona);
    }
  return map;
}

static JmTouchpoint *
card (JmMap      *map,
      const char *id,
      const char *stage,
      const char *title)
{
  g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, stage, "p0", title);

  jm_map_append_touchpoint (map, touchpoint);
  return touchpoint;
}

/* Two linked cards with every kind of field, and a third the first links to. */
static GPtrArray *
fill (JmMap *map)
{
  JmTouchpoint *a = card (map, "a", "s0", "=SUM(A1) \"quoted\"\tcall");
  JmTouchpoint *b = card (map, "b", "s1", "Email");
  JmTouchpoint *x = card (map, "x", "s1", "Not copied");
  const char *links[] = { "b", "x", NULL };
  const char *teams[] = { "Billing", "Support", NULL };
  GPtrArray *cards = g_ptr_array_new ();

  jm_touchpoint_set_links (a, links);
  jm_touchpoint_set_teams (a, teams);
  jm_touchpoint_set_emotion (a, -2);
  jm_touchpoint_set_rating (a, JM_MEASURE_RELIABILITY, 4);
  jm_touchpoint_set_notes (a, "Two\nlines");
  jm_touchpoint_set_channel (a, "Phone");
  jm_touchpoint_set_moment_of_truth (a, TRUE);
  jm_touchpoint_set_kind (a, "pain-point");
  (void) x;
  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, b);
  return cards;
}

/* Between two maps' windows: every field arrives, the copies get fresh ids
 * and link to each other; the link to a card left behind is left out. */
static void
test_json_between_maps (void)
{
  g_autoptr(JmMap) from = new_board ("");
  g_autoptr(JmMap) to = new_board (" there");
  g_autoptr(GPtrArray) cards = fill (from);
  g_autoptr(GBytes) json = jm_card_transfer_write_json (from, cards);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  JmTouchpoint *a, *b;
  g_autoptr(JmTouchpoint) existing = jm_touchpoint_new ("t1", "s0", "p0", "Already here");

  jm_map_append_touchpoint (to, existing);
  read = jm_card_transfer_read_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);

  pasted = jm_edits_paste (to, read, jm_map_lookup_stage (to, "s1"), jm_map_lookup_persona (to, "p1"), NULL);
  g_assert_cmpuint (pasted->len, ==, 2);
  a = g_ptr_array_index (pasted, 0);
  b = g_ptr_array_index (pasted, 1);
  g_assert_cmpstr (jm_touchpoint_get_title (a), ==, "=SUM(A1) \"quoted\"\tcall");
  g_assert_cmpstr (jm_touchpoint_get_notes (a), ==, "Two\nlines");
  g_assert_cmpstr (jm_touchpoint_get_channel (a), ==, "Phone");
  g_assert_cmpint (jm_touchpoint_get_emotion (a), ==, -2);
  g_assert_cmpint (jm_touchpoint_get_rating (a, JM_MEASURE_RELIABILITY), ==, 4);
  g_assert_true (jm_touchpoint_get_moment_of_truth (a));
  g_assert_cmpstr (jm_touchpoint_get_teams (a)[1], ==, "Support");
  g_assert_cmpstr (jm_touchpoint_get_stage_id (a), ==, "s1");
  g_assert_cmpstr (jm_touchpoint_get_lane_id (b), ==, "p1");
  g_assert_cmpstr (jm_touchpoint_get_id (a), !=, "t1");
  g_assert_cmpstr (jm_touchpoint_get_id (a), !=, jm_touchpoint_get_id (b));
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (a)), ==, 1);
  g_assert_cmpstr (jm_touchpoint_get_links (a)[0], ==, jm_touchpoint_get_id (b));
  g_assert_true (jm_map_get_modified (to));
  jm_map_undo (to);
  g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (to)), ==, 1);
}

static void
test_json_refused (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"not\": \"a map\"", 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = jm_card_transfer_read_json (bytes, &error);

  g_assert_null (read);
  g_assert_nonnull (error);
}

/* To a spreadsheet: a header, one row per card, nothing that breaks a row
 * or runs as a formula; and back again. */
static void
test_tsv_round_trip (void)
{
  g_autoptr(JmMap) from = new_board ("");
  g_autoptr(JmMap) to = new_board ("");
  g_autoptr(GPtrArray) cards = fill (from);
  g_autofree char *tsv = jm_card_transfer_write_tsv (from, cards);
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  g_autofree char *problems = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  JmTouchpoint *a;

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "title\tstage\tlane\temotion\tchannel\tteams\tnotes\t"
                                 "responsiveness\tconvenience\treliability\trelevance\tid\tlinks\tkind");
  g_assert_cmpstr (lines[1], ==, "'=SUM(A1) \"quoted\" call\tStage 0\tPersona 0\t-2\tPhone\t"
                                 "Billing, Support\tTwo lines\t\t\t4\t\ta\tb, x\tpain-point");
  g_assert_cmpstr (lines[3], ==, "");

  read = jm_card_transfer_read_text (tsv, &problems);
  g_assert_null (problems);
  g_assert_cmpuint (read->len, ==, 2);
  pasted = jm_edits_paste (to, read, jm_map_lookup_stage (to, "s0"), jm_map_lookup_persona (to, "p0"), NULL);
  a = g_ptr_array_index (pasted, 0);
  g_assert_cmpstr (jm_touchpoint_get_title (a), ==, "=SUM(A1) \"quoted\" call");
  g_assert_cmpint (jm_touchpoint_get_emotion (a), ==, -2);
  g_assert_cmpint (jm_touchpoint_get_rating (a, JM_MEASURE_RELIABILITY), ==, 4);
  g_assert_cmpint (jm_touchpoint_get_rating (a, JM_MEASURE_RELEVANCE), ==, 0);
  g_assert_cmpstr (jm_touchpoint_get_teams (a)[0], ==, "Billing");
  g_assert_cmpstr (jm_touchpoint_get_notes (a), ==, "Two lines");
  g_assert_cmpstr (jm_touchpoint_get_links (a)[0], ==, jm_touchpoint_get_id (g_ptr_array_index (pasted, 1)));
  g_assert_cmpuint (g_strv_length ((char **) jm_touchpoint_get_links (a)), ==, 1);
  g_assert_cmpstr (jm_touchpoint_get_kind (a), ==, "pain-point");
}

/* Rows from a spreadsheet: its own header, columns in any order and case,
 * quoted cells with line breaks, ragged rows, bad values named with their
 * line and left out while the card still comes. */
static void
test_spreadsheet_rows (void)
{
  const char *text =
    "Notes\tTITLE\tEmotion\tResponsiveness\tKind\r\n"
    "\"Waited\n\"\"long\"\"\"\tHold music\t-1\t2\tPain Point\r\n"
    "\t\t\t\t\r\n"
    "\tCallback\t7\tgood\r\n"
    "Ragged\tToo many\t1\t1\t1\t1\t1\t1\r\n";
  g_autofree char *problems = NULL;
  g_autoptr(GPtrArray) read = jm_card_transfer_read_text (text, &problems);
  JmTouchpoint *card;

  g_assert_cmpuint (read->len, ==, 3);
  card = g_ptr_array_index (read, 0);
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Hold music");
  g_assert_cmpstr (jm_touchpoint_get_notes (card), ==, "Waited\n\"long\"");
  g_assert_cmpint (jm_touchpoint_get_emotion (card), ==, -1);
  g_assert_cmpint (jm_touchpoint_get_rating (card, JM_MEASURE_RESPONSIVENESS), ==, 2);
  g_assert_cmpstr (jm_touchpoint_get_kind (card), ==, "pain-point");
  card = g_ptr_array_index (read, 1);
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Callback");
  g_assert_cmpint (jm_touchpoint_get_emotion (card), ==, JM_EMOTION_UNSET);
  g_assert_cmpstr (problems, ==,
                   "line 5: the emotion “7” is not understood\n"
                   "line 5: the responsiveness “good” is not understood\n"
                   "line 6: the kind “1” is not understood");
  card = g_ptr_array_index (read, 2);
  g_assert_cmpstr (jm_touchpoint_get_title (card), ==, "Too many");
}

/* Any other text: one card per line, blank lines skipped; rows without a
 * header give their first cell as the title and the rest as notes. */
static void
test_plain_lines (void)
{
  g_autofree char *problems = NULL;
  g_autoptr(GPtrArray) read = jm_card_transfer_read_text ("Sees an advert\n\n  \nCalls the shop\r\nA\tand more\tstill\n",
                                                          &problems);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_null (problems);
  g_assert_cmpuint (read->len, ==, 3);
  g_assert_cmpstr (jm_touchpoint_get_title (g_ptr_array_index (read, 0)), ==, "Sees an advert");
  g_assert_cmpstr (jm_touchpoint_get_title (g_ptr_array_index (read, 1)), ==, "Calls the shop");
  g_assert_cmpstr (jm_touchpoint_get_title (g_ptr_array_index (read, 2)), ==, "A");
  g_assert_cmpstr (jm_touchpoint_get_notes (g_ptr_array_index (read, 2)), ==, "and more\nstill");

  none = jm_card_transfer_read_text ("caf\xe9\n", &problems);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpstr (problems, ==, "the text is not UTF-8");
}

/* A paste is bounded: a clipboard of a hundred thousand lines gives at
 * most five thousand cards. */
static void
test_bounded (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) read = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "x\n");
  read = jm_card_transfer_read_text (text->str, NULL);
  g_assert_cmpuint (read->len, ==, 5000);
}

/* Any CSV: its separator guessed, quoted cells with separators and line
 * breaks, columns guessed from their headers, stages and lanes by name,
 * and every row that cannot be a card named with its line. */
static void
test_table (void)
{
  const char *csv =
    "Content;Persona;Stage;Feeling\r\n"
    "\"Waits; and waits\nfor the engineer\";Ann;Receive;-2\r\n"
    "\r\n"
    ";Ann;Use;1\r\n"
    "Loves the app;;;happy\r\n";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *problems = NULL;
  JmCardField columns[4];
  JmCardImport *first;

  g_assert_cmpint (jm_card_table_guess_separator (csv), ==, ';');
  g_assert_cmpint (jm_card_table_guess_separator ("a,\"b;c;d\",e\n"), ==, ',');
  g_assert_cmpint (jm_card_table_guess_separator ("a\tb,c\n"), ==, '\t');
  g_assert_cmpint (jm_card_table_guess_separator ("just text"), ==, ',');

  rows = jm_card_table_read (csv, ';', 100);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (((JmCardRow *) g_ptr_array_index (rows, 2))->line, ==, 5);
  for (guint i = 0; i < 4; i++)
    columns[i] = jm_card_field_from_header (((JmCardRow *) g_ptr_array_index (rows, 0))->cells[i]);
  g_assert_cmpint (columns[0], ==, JM_CARD_FIELD_TITLE);
  g_assert_cmpint (columns[1], ==, JM_CARD_FIELD_LANE);
  g_assert_cmpint (columns[2], ==, JM_CARD_FIELD_STAGE);
  g_assert_cmpint (columns[3], ==, JM_CARD_FIELD_NONE);
  columns[3] = JM_CARD_FIELD_EMOTION;

  cards = jm_card_table_to_cards (rows, 1, columns, 4, &problems);
  g_assert_cmpuint (cards->len, ==, 2);
  first = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (jm_touchpoint_get_title (first->card), ==, "Waits; and waits\nfor the engineer");
  g_assert_cmpint (jm_touchpoint_get_emotion (first->card), ==, -2);
  g_assert_cmpstr (first->stage, ==, "Receive");
  g_assert_cmpstr (first->lane, ==, "Ann");
  g_assert_cmpuint (first->line, ==, 2);
  g_assert_null (((JmCardImport *) g_ptr_array_index (cards, 1))->stage);
  g_assert_cmpstr (problems, ==, "line 5: the row has no title\n"
                                 "line 6: the emotion “happy” is not understood");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card-transfer/json-between-maps", test_json_between_maps);
  g_test_add_func ("/card-transfer/json-refused", test_json_refused);
  g_test_add_func ("/card-transfer/tsv-round-trip", test_tsv_round_trip);
  g_test_add_func ("/card-transfer/spreadsheet-rows", test_spreadsheet_rows);
  g_test_add_func ("/card-transfer/plain-lines", test_plain_lines);
  g_test_add_func ("/card-transfer/bounded", test_bounded);
  g_test_add_func ("/card-transfer/table", test_table);

  return g_test_run ();
}
