/* test-writer.c: the bytes of a .journey file
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jm-file.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "files", name, NULL);
}

static JmMap *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

/* On a difference, show the first differing line of each, not megabytes. */
static void
assert_bytes_equal (GBytes *expected,
                    GBytes *actual)
{
  if (!g_bytes_equal (expected, actual))
    {
      g_autofree char *a = g_strndup (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
      g_autofree char *b = g_strndup (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual));
      g_auto(GStrv) la = g_strsplit (a, "\n", -1);
      g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
      guint i = 0;

      while (la[i] != NULL && lb[i] != NULL && g_str_equal (la[i], lb[i]))
        i++;
      g_error ("Bytes differ at line %u:\n- %s\n+ %s\n  (previous line: %s)", i + 1,
               la[i] ? la[i] : "(end)", lb[i] ? lb[i] : "(end)", i > 0 ? la[i - 1] : "");
    }
}

static void
test_shape (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(JmStage) s1 = jm_stage_new ("s1", "Need");
  g_autoptr(JmStage) s2 = jm_stage_new ("s2", "Research");
  g_autoptr(JmPersona) p1 = jm_persona_new ("p1", "Fridah");
  g_autoptr(JmTouchpoint) t1 = jm_touchpoint_new ("t1", "s1", "p1", "Sees an advert");
  g_autoptr(JmTouchpoint) t2 = jm_touchpoint_new ("t2", "s2", "p1", "Compares <plans> & \"prices\"");
  g_autoptr(GBytes) picture = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(GBytes) bytes = NULL;
  const char * const goals[] = { "Fast internet", NULL };
  const char * const teams[] = { "Billing", "Marketing", NULL };
  const char * const links[] = { "t2", NULL };
  const char *expected =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">\n"
    "  <title>Broadband</title>\n"
    "  <description>From sign-up\nto renewal</description>\n"
    "  <weights convenience=\"2\" relevance=\"0.5\"/>\n"
    "  <stages>\n"
    "    <stage id=\"s1\">\n"
    "      <name>Need</name>\n"
    "      <description>Something prompts it</description>\n"
    "    </stage>\n"
    "    <stage id=\"s2\">\n"
    "      <name>Research</name>\n"
    "    </stage>\n"
    "  </stages>\n"
    "  <personas>\n"
    "    <persona id=\"p1\" colour=\"#0072b2\" age=\"29\" hidden=\"true\">\n"
    "      <name>Fridah</name>\n"
    "      <role>Student</role>\n"
    "      <goals>\n"
    "        <item>Fast internet</item>\n"
    "      </goals>\n"
    "      <picture type=\"image/png\">iVBORw==</picture>\n"
    "    </persona>\n"
    "  </personas>\n"
    "  <touchpoints>\n"
    "    <touchpoint id=\"t1\" stage=\"s1\" lane=\"p1\" channel=\"web\" emotion=\"-1\" moment-of-truth=\"true\">\n"
    "      <title>Sees an advert</title>\n"
    "      <thoughts>Is it for me?</thoughts>\n"
    "      <notes>Tab\there</notes>\n"
    "      <teams>\n"
    "        <team>Billing</team>\n"
    "        <team>Marketing</team>\n"
    "      </teams>\n"
    "      <scores responsiveness=\"3\" relevance=\"4\"/>\n"
    "      <links>\n"
    "        <link to=\"t2\"/>\n"
    "      </links>\n"
    "    </touchpoint>\n"
    "    <touchpoint id=\"t2\" stage=\"s2\" lane=\"p1\" emotion=\"0\">\n"
    "      <title>Compares &lt;plans&gt; &amp; \"prices\"</title>\n"
    "    </touchpoint>\n"
    "  </touchpoints>\n"
    "</journey>\n";

  jm_map_set_title (map, "Broadband");
  jm_map_set_description (map, "From sign-up\nto renewal");
  jm_map_set_weight (map, JM_MEASURE_CONVENIENCE, 2.0);
  jm_map_set_weight (map, JM_MEASURE_RELEVANCE, 0.5);
  jm_stage_set_description (s1, "Something prompts it");
  jm_map_append_stage (map, s1);
  jm_map_append_stage (map, s2);
  jm_persona_set_colour (p1, "#0072b2");
  jm_persona_set_age (p1, 29);
  jm_persona_set_hidden (p1, TRUE);
  jm_persona_set_role (p1, "Student");
  jm_persona_set_goals (p1, goals);
  jm_persona_set_picture (p1, picture, "image/png");
  jm_map_append_persona (map, p1);
  jm_touchpoint_set_channel (t1, "web");
  jm_touchpoint_set_emotion (t1, -1);
  jm_touchpoint_set_moment_of_truth (t1, TRUE);
  jm_touchpoint_set_row (t1, JM_ROW_THOUGHTS, "Is it for me?");
  jm_touchpoint_set_notes (t1, "Tab\there");
  jm_touchpoint_set_teams (t1, teams);
  jm_touchpoint_set_rating (t1, JM_MEASURE_RESPONSIVENESS, 3);
  jm_touchpoint_set_rating (t1, JM_MEASURE_RELEVANCE, 4);
  jm_touchpoint_set_links (t1, links);
  jm_touchpoint_set_emotion (t2, 0);
  jm_map_append_touchpoint (map, t1);
  jm_map_append_touchpoint (map, t2);

  bytes = jm_file_write_bytes (map);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, expected);
}

static void
test_empty_map (void)
{
  g_autoptr(JmMap) map = jm_map_new ();
  g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) again = NULL;

  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">\n"
                   "  <title/>\n"
                   "  <stages/>\n"
                   "  <personas/>\n"
                   "  <touchpoints/>\n"
                   "</journey>\n");
  again = jm_file_load_bytes (bytes, "empty map", &error);
  g_assert_no_error (error);
}

/* Characters XML 1.0 cannot carry are dropped rather than written into a
 * file that would not load; everything else survives, \r included. */
static void
test_awkward_text (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) again = NULL;
  JmStage *stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  JmPersona *persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  JmTouchpoint *touchpoint;
  const char * const teams[] = { "A\x01" "B", " spaced ", "", "&<>\"'", NULL };
  const char * const clean_teams[] = { "AB", " spaced ", "", "&<>\"'", NULL };

  jm_map_set_title (map, "Bell\x07 and \x1b escape, CR\r\nLF, \xef\xbf\xbe end");
  touchpoint = jm_map_add_touchpoint (map, stage, persona, -1, "  leading and trailing  ");
  jm_touchpoint_set_channel (touchpoint, "web \"quoted\"\n<new line>\t&");
  jm_touchpoint_set_teams (touchpoint, teams);
  jm_touchpoint_set_row (touchpoint, JM_ROW_NEEDS, "]]> and <![CDATA[ and &amp;");

  bytes = jm_file_write_bytes (map);
  again = jm_file_load_bytes (bytes, "awkward", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_title (again), ==, "Bell and  escape, CR\r\nLF,  end");
  touchpoint = g_list_model_get_item (jm_map_get_touchpoints (again), 0);
  g_assert_cmpstr (jm_touchpoint_get_title (touchpoint), ==, "  leading and trailing  ");
  g_assert_cmpstr (jm_touchpoint_get_channel (touchpoint), ==, "web \"quoted\"\n<new line>\t&");
  g_assert_true (g_strv_equal (jm_touchpoint_get_teams (touchpoint), clean_teams));
  g_assert_cmpstr (jm_touchpoint_get_row (touchpoint, JM_ROW_NEEDS), ==, "]]> and <![CDATA[ and &amp;");
  g_object_unref (touchpoint);
  g_object_unref (stage);
  g_object_unref (persona);
}

/* What the model allows but the format does not is left out, so that a
 * save never writes a file that does not open. */
static void
test_never_unreadable (void)
{
  g_autoptr(JmMap) map = jm_map_new_from_template ("experience-cycle");
  g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), 0);
  g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  JmTouchpoint *t1 = jm_map_add_touchpoint (map, stage, persona, -1, "One");
  JmTouchpoint *t2 = jm_map_add_touchpoint (map, stage, persona, -1, "Two");
  const char *links[] = { "nowhere", jm_touchpoint_get_id (t2), "", NULL };
  const char * const kept[] = { jm_touchpoint_get_id (t2), NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) again = NULL;

  jm_persona_set_colour (persona, "blue");
  jm_touchpoint_set_links (t1, links);
  bytes = jm_file_write_bytes (map);
  again = jm_file_load_bytes (bytes, "unusual", &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (jm_touchpoint_get_links (jm_map_lookup_touchpoint (again, jm_touchpoint_get_id (t1))),
                               kept));
}

static void
test_weights (void)
{
  /* Tiny weights too: written as 0, they would take every score of the
   * map with them. */
  const double weights[] = { 0.0, 0.1, 1.0 / 3.0, 2.5, 999.999, 1000.0, 1e-9, 123456e-3,
                             1e-23, 3e-7, 1.5e-300, 4.9406564584124654e-324, 999.9999999999999,
                             1e-5, 123.456e-10 };

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      g_autoptr(JmMap) map = jm_map_new ();
      g_autoptr(JmMap) again = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) bytes2 = NULL;
      g_autoptr(GError) error = NULL;
      double read;

      jm_map_set_weight (map, JM_MEASURE_RELIABILITY, weights[i]);
      bytes = jm_file_write_bytes (map);
      const char *value;

      value = strstr (g_bytes_get_data (bytes, NULL), "reliability=\"");
      if (weights[i] != 1.0)
        {
          g_assert_nonnull (value);
          /* xsd:decimal: digits and a point, no exponent */
          value += strlen ("reliability=\"");
          g_assert_cmpuint (strspn (value, "0123456789."), ==, strchr (value, '"') - value);
        }
      again = jm_file_load_bytes (bytes, "weights", &error);
      g_assert_no_error (error);
      read = jm_map_get_weight (again, JM_MEASURE_RELIABILITY);
      g_assert_cmpfloat (read, ==, weights[i]);
      bytes2 = jm_file_write_bytes (again);
      g_assert_true (g_bytes_equal (bytes, bytes2));
    }
}

/* A weight is read by one rule, whatever the size of the file: a decimal
 * with more digits than libxml2's validator takes was refused in a small
 * file and accepted in a large one. */
static void
test_weights_any_size (void)
{
  const char *values[] = { "0.000000000000000000000000000001", "123.4567890123456789012345678",
                           "0.00000000000000000000001" };
  const double expected[] = { 1e-30, 123.4567890123456789012345678, 1e-23 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (guint large = 0; large < 2; large++)
      {
        g_autoptr(GString) doc = g_string_new (NULL);
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GBytes) written = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(JmMap) map = NULL;
        g_autoptr(JmMap) again = NULL;

        g_string_append_printf (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">"
                                "<title>w</title><weights reliability=\"%s\"/>"
                                "<stages/><personas/><touchpoints/>", values[i]);
        if (large)
          while (doc->len < 300 * 1024)
            g_string_append (doc, "<!-- padding, to make the file larger than before -->\n");
        g_string_append (doc, "</journey>\n");
        bytes = g_bytes_new (doc->str, doc->len);
        map = jm_file_load_bytes (bytes, "weights.journey", &error);
        g_assert_no_error (error);
        g_assert_cmpfloat (jm_map_get_weight (map, JM_MEASURE_RELIABILITY), ==, expected[i]);

        written = jm_file_write_bytes (map);
        again = jm_file_load_bytes (written, "written.journey", &error);
        g_assert_no_error (error);
        g_assert_cmpfloat (jm_map_get_weight (again, JM_MEASURE_RELIABILITY), ==, expected[i]);
      }
}

/* Random edits through the history, then undo all: the same bytes. */
static const char *texts[] = {
  "", "Plain", "Ampersand & co", "<tag>", "Quote \"double\" 'single'", "Line\nbreak",
  "Ünïcödé ✓ 日本語", "  spaced  ", "Tab\tin", "]]>", "a", "Billing", "Support",
};

static gpointer
random_item (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  return n > 0 ? g_list_model_get_item (list, g_test_rand_int_range (0, n)) : NULL;
}

static const char *
random_text (void)
{
  return texts[g_test_rand_int_range (0, G_N_ELEMENTS (texts))];
}

static void
random_strv (GStrvBuilder *builder)
{
  guint n = g_test_rand_int_range (0, 4);

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, random_text ());
}

static void
random_edit (JmMap *map)
{
  GListModel *stages = jm_map_get_stages (map);
  GListModel *personas = jm_map_get_personas (map);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  g_autoptr(JmStage) stage = random_item (stages);
  g_autoptr(JmPersona) persona = random_item (personas);
  g_autoptr(JmTouchpoint) touchpoint = random_item (touchpoints);
  const char *tp_texts[] = { "title", "channel", "notes", "actions", "needs", "thoughts",
                             "opportunities", "metrics" };
  const char *persona_texts[] = { "name", "role", "quote", "bio", "notes" };
  const char *persona_lists[] = { "goals", "frustrations", "needs", "channels", "devices" };

  switch (g_test_rand_int_range (0, 20))
    {
    case 0:
      jm_map_edit_string (map, map, g_test_rand_bit () ? "title" : "description", random_text ());
      break;
    case 1:
      jm_map_edit_double (map, map, jm_map_weight_property (g_test_rand_int_range (0, JM_N_MEASURES)),
                          g_test_rand_int_range (0, 9) / 2.0);
      break;
    case 2:
      if (stage != NULL)
        jm_map_edit_string (map, stage, g_test_rand_bit () ? "name" : "description", random_text ());
      break;
    case 3:
      if (persona != NULL)
        jm_map_edit_string (map, persona, persona_texts[g_test_rand_int_range (0, 5)], random_text ());
      break;
    case 4:
      if (persona != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) value = NULL;

          random_strv (builder);
          value = g_strv_builder_end (builder);
          jm_map_edit_strv (map, persona, persona_lists[g_test_rand_int_range (0, 5)],
                            (const char * const *) value);
        }
      break;
    case 5:
      if (persona != NULL)
        {
          jm_map_edit_int (map, persona, "age", g_test_rand_int_range (0, 151));
          jm_map_edit_boolean (map, persona, "hidden", g_test_rand_bit ());
          jm_map_edit_string (map, persona, "colour", jm_palette_colour (g_test_rand_int_range (0, 8)));
        }
      break;
    case 6:
    case 7:
      if (touchpoint != NULL)
        jm_map_edit_string (map, touchpoint, tp_texts[g_test_rand_int_range (0, 8)], random_text ());
      break;
    case 8:
      if (touchpoint != NULL)
        {
          int emotion = g_test_rand_int_range (JM_EMOTION_MIN - 1, JM_EMOTION_MAX + 1);

          jm_map_edit_int (map, touchpoint, "emotion", emotion < JM_EMOTION_MIN ? JM_EMOTION_UNSET : emotion);
          jm_map_edit_boolean (map, touchpoint, "moment-of-truth", g_test_rand_bit ());
        }
      break;
    case 9:
      if (touchpoint != NULL)
        jm_map_edit_int (map, touchpoint, jm_touchpoint_rating_property (g_test_rand_int_range (0, JM_N_MEASURES)),
                         g_test_rand_int_range (JM_RATING_UNSET, JM_RATING_MAX + 1));
      break;
    case 10:
      if (touchpoint != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) value = NULL;

          random_strv (builder);
          value = g_strv_builder_end (builder);
          jm_map_edit_strv (map, touchpoint, "teams", (const char * const *) value);
        }
      break;
    case 11:
      if (touchpoint != NULL)
        {
          g_autoptr(JmTouchpoint) other = random_item (touchpoints);
          const char * const links[] = { jm_touchpoint_get_id (other), NULL };

          jm_map_edit_strv (map, touchpoint, "links", links);
        }
      break;
    case 12:
      jm_map_add_stage (map, g_test_rand_int_range (-1, 5), random_text ());
      break;
    case 13:
      jm_map_add_persona (map, g_test_rand_int_range (-1, 3), random_text ());
      break;
    case 14:
    case 15:
      if (stage != NULL && persona != NULL)
        jm_map_add_touchpoint (map, stage, persona, g_test_rand_int_range (-1, 3), random_text ());
      break;
    case 16:
      if (touchpoint != NULL && stage != NULL && persona != NULL)
        jm_map_move_touchpoint (map, touchpoint, stage, persona, g_test_rand_int_range (-1, 3));
      break;
    case 17:
      if (stage != NULL)
        jm_map_move_stage (map, stage, g_test_rand_int_range (0, g_list_model_get_n_items (stages)));
      if (persona != NULL)
        jm_map_move_persona (map, persona, g_test_rand_int_range (0, g_list_model_get_n_items (personas)));
      break;
    case 18:
      if (touchpoint != NULL)
        jm_map_remove_touchpoint (map, touchpoint);
      break;
    case 19:
      /* Removing a stage or persona takes many cards with it: rarely. */
      if (g_test_rand_int_range (0, 8) == 0)
        {
          if (g_test_rand_bit () && stage != NULL)
            jm_map_remove_stage (map, stage);
          else if (persona != NULL)
            jm_map_remove_persona (map, persona);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_random_edits (void)
{
  const char *fixtures[] = { "valid-full.journey", "valid-minimal.journey" };
  guint n_edits = g_test_slow () ? 20000 : 3000;

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(JmMap) map = load_fixture (fixtures[f]);
      g_autoptr(GBytes) original = jm_file_write_bytes (map);
      g_autoptr(GBytes) edited = NULL;
      g_autoptr(GBytes) final = NULL;
      g_autoptr(GBytes) redone = NULL;
      g_autoptr(GError) error = NULL;
      guint undos = 0;

      for (guint i = 0; i < n_edits; i++)
        {
          guint choice = g_test_rand_int_range (0, 10);

          if (choice == 0)
            jm_map_undo (map);
          else if (choice == 1)
            jm_map_redo (map);
          else if (choice == 2)
            {
              jm_map_begin (map, "Several");
              random_edit (map);
              random_edit (map);
              jm_map_end (map);
            }
          else
            random_edit (map);

          /* Every state the map passes through can be written and read. */
          if (i % 97 == 0)
            {
              g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
              g_autoptr(JmMap) again = jm_file_load_bytes (bytes, "edited", &error);
              g_autoptr(GBytes) bytes2 = NULL;

              g_assert_no_error (error);
              bytes2 = jm_file_write_bytes (again);
              assert_bytes_equal (bytes, bytes2);
            }
        }

      /* The last steps may have been undos: start from the newest state. */
      while (jm_map_redo (map))
        ;
      edited = jm_file_write_bytes (map);
      while (jm_map_undo (map))
        undos++;
      g_test_message ("%s: %u edits, %u steps undone", fixtures[f], n_edits, undos);
      g_assert_false (jm_map_get_modified (map));
      final = jm_file_write_bytes (map);
      g_test_message ("after undoing everything");
      assert_bytes_equal (original, final);

      while (jm_map_redo (map))
        ;
      redone = jm_file_write_bytes (map);
      g_test_message ("after redoing everything");
      assert_bytes_equal (edited, redone);
    }
}

static void
test_generated_maps (void)
{
  /* Every template, written and read back. */
  g_autofree const char **ids = jm_map_list_templates ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(JmMap) map = jm_map_new_from_template (ids[i]);
      g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) again = jm_file_load_bytes (bytes, ids[i], &error);
      g_autoptr(GBytes) bytes2 = NULL;

      g_assert_no_error (error);
      bytes2 = jm_file_write_bytes (again);
      assert_bytes_equal (bytes, bytes2);
    }
}

/* What a saved string should read back as: valid UTF-8, without the
 * characters XML 1.0 cannot carry. */
static char *
expected_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Random bytes, valid or not, in element text and in attributes: every
 * save loads, and gives back the text less what XML cannot carry. */
static void
test_random_bytes (void)
{
  static const char *pieces[] = {
    "a", "Z", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\x01", "\x1f", "\x7f",
    "é", "Ω", "ж", "€", "😀", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xc3", "\xff", "\x80",
    "\xe2\x82", "\xed\xa0\x80", "]]>", "&amp;",
  };
  GRand *rand = g_rand_new_with_seed (20261126);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(JmMap) map = jm_map_new_from_template ("lifecycle");
      g_autoptr(JmStage) stage = g_list_model_get_item (jm_map_get_stages (map), 0);
      g_autoptr(JmPersona) persona = g_list_model_get_item (jm_map_get_personas (map), 0);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) again = NULL;
      g_autofree char *expected = NULL;
      JmTouchpoint *tp;
      guint n = g_rand_int_range (rand, 1, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      tp = jm_map_add_touchpoint (map, stage, persona, -1, text->str);
      jm_touchpoint_set_channel (tp, text->str);

      bytes = jm_file_write_bytes (map);
      again = jm_file_load_bytes (bytes, "random", &error);
      g_assert_no_error (error);
      expected = expected_text (text->str);
      tp = jm_map_lookup_touchpoint (again, jm_touchpoint_get_id (tp));
      g_assert_nonnull (tp);
      g_assert_cmpstr (jm_touchpoint_get_channel (tp), ==, expected);
      /* A title of nothing but what XML cannot carry reads back empty. */
      g_assert_cmpstr (jm_touchpoint_get_title (tp), ==, expected);
    }
  g_rand_free (rand);
}

/* Content of many other namespaces: their declarations do not fit where
 * the root's start tag usually goes, and the file still comes out whole,
 * the same on every save. */
static void
test_many_namespaces (void)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmMap) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">\n"
                        "  <title>Namespaces</title>\n"
                        "  <stages>\n    <stage id=\"s1\"><name>One</name></stage>\n  </stages>\n"
                        "  <personas>\n    <persona id=\"p1\"><name>Ann</name></persona>\n  </personas>\n"
                        "  <touchpoints>\n");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (xml, "    <touchpoint id=\"t%u\" stage=\"s1\" lane=\"p1\" "
                                 "xmlns:x%u=\"https://example.org/extensions/tooling/number-%u\" x%u:mark=\"%u\">"
                                 "<title>Card %u</title></touchpoint>\n", i, i, i, i, i, i);
  g_string_append (xml, "  </touchpoints>\n</journey>\n");
  input = g_string_free_to_bytes (g_steal_pointer (&xml));

  map = jm_file_load_bytes (input, "namespaces", &error);
  g_assert_no_error (error);
  once = jm_file_write_bytes (map);
  data = g_bytes_get_data (once, &length);
  g_assert_true (g_str_has_prefix (data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<journey "));
  g_assert_nonnull (g_strstr_len (data, (gssize) length, "https://example.org/extensions/tooling/number-39"));
  g_assert_true (length > 12 && memcmp (data + length - 11, "</journey>\n", 11) == 0);

  again = jm_file_load_bytes (once, "namespaces again", &error);
  g_assert_no_error (error);
  twice = jm_file_write_bytes (again);
  g_assert_true (g_bytes_equal (once, twice));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/writer/shape", test_shape);
  g_test_add_func ("/writer/empty-map", test_empty_map);
  g_test_add_func ("/writer/awkward-text", test_awkward_text);
  g_test_add_func ("/writer/random-bytes", test_random_bytes);
  g_test_add_func ("/writer/many-namespaces", test_many_namespaces);
  g_test_add_func ("/writer/weights", test_weights);
  g_test_add_func ("/writer/weights-any-size", test_weights_any_size);
  g_test_add_func ("/writer/never-unreadable", test_never_unreadable);
  g_test_add_func ("/writer/templates", test_generated_maps);
  g_test_add_func ("/writer/random-edits", test_random_edits);

  return g_test_run ();
}
