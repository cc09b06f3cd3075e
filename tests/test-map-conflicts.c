/* test-map-conflicts.c: a merge's conflicts on the map and in the file
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jm-file.h"
#include "jm-map-conflicts.h"
#include "jm-map-merge.h"

static JmMap *
load_test_file (const char *dir,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static JmMap *
reload (JmMap   *map,
        GBytes **written)
{
  g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
  g_autoptr(GError) error = NULL;
  JmMap *copy = jm_file_load_bytes (bytes, "merged.journey", &error);

  g_assert_no_error (error);
  if (written != NULL)
    *written = g_bytes_ref (bytes);
  return copy;
}

static JmConflict *
nth (JmMap *map,
     guint  n)
{
  GListModel *conflicts = jm_map_get_conflicts (map);
  JmConflict *conflict;

  g_assert_cmpuint (n, <, g_list_model_get_n_items (conflicts));
  /* Borrowed: the map keeps a reference. */
  conflict = g_list_model_get_item (conflicts, n);
  g_object_unref (conflict);
  return conflict;
}

static guint
n_conflicts (JmMap *map)
{
  return g_list_model_get_n_items (jm_map_get_conflicts (map));
}

static void
add (JmMap        *map,
     const char   *object,
     const char   *id,
     const char   *field,
     const GValue *ours,
     const GValue *theirs,
     const char   *message)
{
  g_autoptr(JmConflict) conflict = jm_conflict_new (object, id, field, ours, theirs, NULL, message);

  g_assert_true (jm_map_add_conflict (map, conflict));
}

static void
assert_same_conflicts (JmMap *a,
                       JmMap *b)
{
  g_assert_cmpuint (n_conflicts (a), ==, n_conflicts (b));
  for (guint i = 0; i < n_conflicts (a); i++)
    {
      JmConflict *x = nth (a, i);
      JmConflict *y = nth (b, i);

      g_assert_cmpstr (jm_conflict_get_object (x), ==, jm_conflict_get_object (y));
      g_assert_cmpstr (jm_conflict_get_id (x), ==, jm_conflict_get_id (y));
      g_assert_cmpstr (jm_conflict_get_field (x), ==, jm_conflict_get_field (y));
      g_assert_cmpstr (jm_conflict_get_message (x), ==, jm_conflict_get_message (y));
      g_assert_cmpint (jm_conflict_has_values (x), ==, jm_conflict_has_values (y));
      g_assert_cmpint (jm_conflict_get_base (x) != NULL, ==, jm_conflict_get_base (y) != NULL);
      if (jm_conflict_get_base (x) != NULL)
        {
          g_autofree char *xb = g_strdup_value_contents (jm_conflict_get_base (x));
          g_autofree char *yb = g_strdup_value_contents (jm_conflict_get_base (y));

          g_assert_cmpstr (xb, ==, yb);
        }
      if (jm_conflict_has_values (x))
        {
          g_autofree char *xo = g_strdup_value_contents (jm_conflict_get_ours (x));
          g_autofree char *yo = g_strdup_value_contents (jm_conflict_get_ours (y));
          g_autofree char *xt = g_strdup_value_contents (jm_conflict_get_theirs (x));
          g_autofree char *yt = g_strdup_value_contents (jm_conflict_get_theirs (y));

          g_assert_cmpstr (xo, ==, yo);
          g_assert_cmpstr (xt, ==, yt);
        }
    }
}

/* Every kind of value a conflict holds comes back from the file as it
 * went in, and the file written again is the same. */
static void
test_round_trip (void)
{
  g_autoptr(JmMap) map = load_test_file ("files", "valid-full.journey");
  g_autoptr(JmMap) copy = NULL;
  g_autoptr(JmMap) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_auto(GValue) a = G_VALUE_INIT;
  g_auto(GValue) b = G_VALUE_INIT;
  const char *ours_list[] = { "Sales", "<Support> & \"Care\"", NULL };
  const char *theirs_list[] = { NULL };
  JmTouchpoint *card;
  JmPersona *persona;

  card = g_list_model_get_item (jm_map_get_touchpoints (map), 0);
  g_object_unref (card);
  persona = g_list_model_get_item (jm_map_get_personas (map), 0);
  g_object_unref (persona);

  g_value_init (&a, G_TYPE_STRING);
  g_value_init (&b, G_TYPE_STRING);
  g_value_set_string (&a, "Ours & <more>\nover two lines ✓ مرحبا");
  g_value_set_string (&b, "");
  add (map, "touchpoint", jm_touchpoint_get_id (card), "title", &a, &b, "title changed on both sides");
  g_value_set_string (&a, "#112233");
  g_value_set_string (&b, "#aabbcc");
  add (map, "persona", jm_persona_get_id (persona), "colour", &a, &b, "colour changed");
  g_value_set_string (&a, "2026-03-31");
  g_value_set_string (&b, "");
  add (map, "map", NULL, "workshop-date", &a, &b, "");
  g_value_unset (&a);
  g_value_unset (&b);

  g_value_init (&a, G_TYPE_INT);
  g_value_init (&b, G_TYPE_INT);
  g_value_set_int (&a, -2);
  g_value_set_int (&b, JM_EMOTION_UNSET);
  add (map, "touchpoint", jm_touchpoint_get_id (card), "emotion", &a, &b, "emotion");
  g_value_set_int (&a, 0);
  g_value_set_int (&b, 5);
  add (map, "touchpoint", jm_touchpoint_get_id (card), "reliability", &a, &b, "reliability");
  g_value_unset (&a);
  g_value_unset (&b);

  g_value_init (&a, G_TYPE_BOOLEAN);
  g_value_init (&b, G_TYPE_BOOLEAN);
  g_value_set_boolean (&a, TRUE);
  add (map, "touchpoint", jm_touchpoint_get_id (card), "moment-of-truth", &a, &b, "moment");
  g_value_unset (&a);
  g_value_unset (&b);

  g_value_init (&a, G_TYPE_DOUBLE);
  g_value_init (&b, G_TYPE_DOUBLE);
  g_value_set_double (&a, 0.1);
  g_value_set_double (&b, 1000);
  add (map, "map", NULL, "weight-convenience", &a, &b, "weight");
  g_value_unset (&a);
  g_value_unset (&b);

  g_value_init (&a, JM_TYPE_MAP_STATUS);
  g_value_init (&b, JM_TYPE_MAP_STATUS);
  g_value_set_enum (&a, JM_MAP_STATUS_TO_BE);
  g_value_set_enum (&b, JM_MAP_STATUS_NONE);
  add (map, "map", NULL, "status", &a, &b, "status");
  g_value_unset (&a);
  g_value_unset (&b);

  g_value_init (&a, G_TYPE_STRV);
  g_value_init (&b, G_TYPE_STRV);
  g_value_set_boxed (&a, ours_list);
  g_value_set_boxed (&b, theirs_list);
  add (map, "touchpoint", jm_touchpoint_get_id (card), "teams", &a, &b, "teams");
  add (map, "stage", "gone", NULL, NULL, NULL, "stage changed in ours but deleted in theirs; kept");
  add (map, "round", "r1", "dots", NULL, NULL, "dots changed on both sides");

  copy = reload (map, &first);
  assert_same_conflicts (map, copy);
  again = reload (copy, &second);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpuint (n_conflicts (copy), ==, 11);
  /* A round's conflict keeps only its message. */
  g_assert_false (jm_conflict_has_values (nth (copy, 10)));
}

/* A map without conflicts is written as before, with nothing of
 * conflicts in it; once its conflicts are resolved, byte for byte as
 * before they came. */
static void
test_old_files (void)
{
  const char *samples[] = { "broadband.journey", "hospital-outpatients.journey", "retail-bank.journey" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", samples[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(JmMap) sample = jm_file_load (file, NULL, NULL);
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) with = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(JmMap) map = reload (sample, &before);
      JmConflict *conflict;
      JmConflictChoice choice = JM_CONFLICT_KEEP_OURS;

      g_assert_cmpuint (n_conflicts (sample), ==, 0);
      g_assert_null (g_strstr_len (g_bytes_get_data (before, NULL), g_bytes_get_size (before), "ns/merge"));
      add (map, "map", NULL, NULL, NULL, NULL, "the order changed on both sides; kept ours");
      with = jm_file_write_bytes (map);
      g_assert_false (g_bytes_equal (before, with));
      conflict = nth (map, 0);
      jm_map_resolve_conflicts (map, &conflict, &choice, 1);
      after = jm_file_write_bytes (map);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
merge_sides (JmMap **base,
             JmMap **ours,
             JmMap **theirs)
{
  *base = load_test_file ("files", "valid-minimal.journey");
  *ours = load_test_file ("files", "valid-minimal.journey");
  *theirs = load_test_file ("files", "valid-minimal.journey");
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (*ours, "t1"), "Ours");
  jm_touchpoint_set_title (jm_map_lookup_touchpoint (*theirs, "t1"), "Theirs");
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (*ours, "t2"), 2);
  jm_touchpoint_set_emotion (jm_map_lookup_touchpoint (*theirs, "t2"), -2);
  jm_persona_set_colour (jm_map_lookup_persona (*ours, "p1"), "#000000");
  jm_persona_set_colour (jm_map_lookup_persona (*theirs, "p1"), "#ffffff");
}

/* The merge's conflicts on fields keep both values; the file keeps them. */
static void
test_merge (void)
{
  g_autoptr(JmMap) base = NULL;
  g_autoptr(JmMap) ours = NULL;
  g_autoptr(JmMap) theirs = NULL;
  g_autoptr(JmMap) copy = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  JmConflict *conflict;

  merge_sides (&base, &ours, &theirs);
  conflicts = jm_map_merge (ours, base, ours, theirs);
  g_assert_cmpuint (conflicts->len, ==, 3);
  jm_map_add_merge_conflicts (ours, conflicts);
  copy = reload (ours, NULL);
  g_assert_cmpuint (n_conflicts (copy), ==, 3);
  assert_same_conflicts (ours, copy);

  conflict = nth (copy, 0);
  g_assert_cmpstr (jm_conflict_get_object (conflict), ==, "persona");
  g_assert_cmpstr (jm_conflict_get_id (conflict), ==, "p1");
  g_assert_cmpstr (jm_conflict_get_field (conflict), ==, "colour");
  g_assert_cmpstr (g_value_get_string (jm_conflict_get_theirs (conflict)), ==, "#ffffff");
  conflict = nth (copy, 1);
  g_assert_cmpstr (jm_conflict_get_field (conflict), ==, "title");
  g_assert_cmpstr (g_value_get_string (jm_conflict_get_ours (conflict)), ==, "Ours");
  g_assert_cmpstr (g_value_get_string (jm_conflict_get_theirs (conflict)), ==, "Theirs");
  /* And what both changed, to tell who did what. */
  g_assert_cmpstr (g_value_get_string (jm_conflict_get_base (conflict)), ==, "Looks for a plan");
  conflict = nth (copy, 2);
  g_assert_cmpstr (jm_conflict_get_id (conflict), ==, "t2");
  g_assert_cmpint (g_value_get_int (jm_conflict_get_theirs (conflict)), ==, -2);

  /* The same merge again, on the map that kept them: no second copies. */
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = jm_map_merge (copy, base, copy, theirs);
  g_assert_cmpuint (conflicts->len, ==, 3);
  jm_map_add_merge_conflicts (copy, conflicts);
  g_assert_cmpuint (n_conflicts (copy), ==, 3);
}

/* Picking values is one step: undo brings the values and the conflicts
 * back, in their places; redo takes them again. */
static void
test_resolve (void)
{
  g_autoptr(JmMap) base = NULL;
  g_autoptr(JmMap) ours = NULL;
  g_autoptr(JmMap) theirs = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmMap) saved = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  JmConflict *picked[2];
  JmConflictChoice choices[] = { JM_CONFLICT_TAKE_THEIRS, JM_CONFLICT_KEEP_OURS };
  JmConflict *left;

  merge_sides (&base, &ours, &theirs);
  conflicts = jm_map_merge (ours, base, ours, theirs);
  jm_map_add_merge_conflicts (ours, conflicts);
  map = reload (ours, NULL);
  g_assert_false (jm_map_get_modified (map));

  /* The title (theirs) and the emotion (ours); the colour is left. */
  picked[0] = nth (map, 1);
  picked[1] = nth (map, 2);
  left = nth (map, 0);
  jm_map_resolve_conflicts (map, picked, choices, 2);
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, "t1")), ==, "Theirs");
  g_assert_cmpint (jm_touchpoint_get_emotion (jm_map_lookup_touchpoint (map, "t2")), ==, 2);
  g_assert_cmpuint (n_conflicts (map), ==, 1);
  g_assert_true (nth (map, 0) == left);
  g_assert_true (jm_map_get_modified (map));
  g_assert_cmpstr (jm_history_get_undo_label (jm_map_get_history (map)), ==, "Resolve Conflicts");

  saved = reload (map, NULL);
  g_assert_cmpuint (n_conflicts (saved), ==, 1);
  g_assert_cmpstr (jm_conflict_get_field (nth (saved, 0)), ==, "colour");
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (saved, "t1")), ==, "Theirs");

  g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, "t1")), ==, "Ours");
  g_assert_cmpuint (n_conflicts (map), ==, 3);
  g_assert_true (nth (map, 0) == left);
  g_assert_true (nth (map, 1) == picked[0]);
  g_assert_true (nth (map, 2) == picked[1]);
  g_assert_false (jm_map_get_modified (map));

  g_assert_true (jm_map_redo (map));
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (map, "t1")), ==, "Theirs");
  g_assert_cmpuint (n_conflicts (map), ==, 1);
}

/* A card's stage picked from theirs moves the card there. */
static void
test_resolve_move (void)
{
  g_autoptr(JmMap) map = load_test_file ("files", "valid-minimal.journey");
  g_autoptr(JmStage) s2 = jm_stage_new ("s2", "Research");
  g_auto(GValue) a = G_VALUE_INIT;
  g_auto(GValue) b = G_VALUE_INIT;
  JmConflict *conflict;
  JmConflictChoice choice = JM_CONFLICT_TAKE_THEIRS;

  jm_map_append_stage (map, s2);
  g_value_init (&a, G_TYPE_STRING);
  g_value_init (&b, G_TYPE_STRING);
  g_value_set_string (&a, "s1");
  g_value_set_string (&b, "s2");
  add (map, "touchpoint", "t1", "stage-id", &a, &b, "stage-id changed on both sides");
  conflict = nth (map, 0);
  jm_map_resolve_conflicts (map, &conflict, &choice, 1);
  g_assert_cmpstr (jm_touchpoint_get_stage_id (jm_map_lookup_touchpoint (map, "t1")), ==, "s2");
  g_assert_cmpuint (n_conflicts (map), ==, 0);
  g_assert_true (jm_map_undo (map));
  g_assert_cmpstr (jm_touchpoint_get_stage_id (jm_map_lookup_touchpoint (map, "t1")), ==, "s1");
  g_assert_cmpuint (n_conflicts (map), ==, 1);
}

/* Bad conflicts do not stop the map from opening: each is left out, and
 * a conflict without values says what was wrong with it. */
static void
test_hostile (void)
{
  g_autoptr(JmMap) map = load_test_file ("files", "conflicts-hostile.journey");
  const char *refusals[] = {
    "Conflict 2 in the file could not be read: their value “9” is not a value of emotion",
    "Conflict 3 in the file could not be read: their value “red” is not a value of colour",
    "Conflict 4 in the file could not be read: its object is not one of map, stage, persona, touchpoint or round",
    "Conflict 5 in the file could not be read: “id” is not a field of a touchpoint whose values can be picked",
    "Conflict 6 in the file could not be read: the map has no touchpoint “t99”",
    "Conflict 7 in the file could not be read: it has no <theirs> value",
    "Conflict 8 in the file could not be read: the stage it names has no id, or not one of up to 256 characters without spaces",
    "Conflict 9 in the file could not be read: <vote> is not a conflict",
    "Conflict 10 in the file could not be read: the value before the merge “maybe” is not a value of moment-of-truth",
  };
  g_autoptr(JmMap) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JmConflict *conflict;

  g_assert_cmpuint (n_conflicts (map), ==, 12);
  conflict = nth (map, 0);
  g_assert_true (jm_conflict_has_values (conflict));
  g_assert_cmpint (g_value_get_int (jm_conflict_get_theirs (conflict)), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      conflict = nth (map, i + 1);
      g_assert_false (jm_conflict_has_values (conflict));
      g_assert_cmpstr (jm_conflict_get_object (conflict), ==, "map");
      g_assert_cmpstr (jm_conflict_get_message (conflict), ==, refusals[i]);
    }
  conflict = nth (map, 10);
  g_assert_cmpstr (jm_conflict_get_object (conflict), ==, "map");
  g_assert_cmpstr (jm_conflict_get_id (conflict), ==, "stages");
  conflict = nth (map, 11);
  g_assert_cmpstr (jm_conflict_get_id (conflict), ==, "s2");
  g_assert_cmpstr (jm_conflict_get_message (conflict), ==, "stage changed in ours but deleted in theirs; kept");
  /* The rest of the map is as written. */
  g_assert_cmpint (jm_touchpoint_get_emotion (jm_map_lookup_touchpoint (map, "t1")), ==, -1);

  /* Written back in the default namespace, and read the same. */
  copy = reload (map, &bytes);
  assert_same_conflicts (map, copy);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1,
                                  "  <conflicts xmlns=\"https://journeymapper.github.io/ns/merge/1\">\n"));
}

/* Other namespaces beside the conflicts stay; a map keeps at most
 * JM_CONFLICTS_MAX conflicts, and says so. */
static void
test_limits (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">\n"
                                         "  <title>Many</title>\n  <stages/>\n  <personas/>\n  <touchpoints/>\n"
                                         "  <x:note xmlns:x=\"urn:example:notes\">Kept</x:note>\n"
                                         "  <conflicts xmlns=\"https://journeymapper.github.io/ns/merge/1\">\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autofree char *long_message = g_strnfill (JM_CONFLICT_MAX_MESSAGE + 1, 'x');

  g_string_append_printf (xml, "    <conflict object=\"map\"><message>%s</message></conflict>\n", long_message);
  for (guint i = 0; i < JM_CONFLICTS_MAX + 5; i++)
    g_string_append_printf (xml, "    <conflict object=\"map\"><message>%u</message></conflict>\n", i);
  g_string_append (xml, "  </conflicts>\n</journey>\n");
  bytes = g_bytes_new (xml->str, xml->len);
  map = jm_file_load_bytes (bytes, "many.journey", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts (map), ==, JM_CONFLICTS_MAX);
  g_assert_cmpstr (jm_conflict_get_message (nth (map, 0)), ==,
                   "Conflict 1 in the file could not be read: its message is longer than 4096 bytes");
  g_assert_cmpstr (jm_conflict_get_message (nth (map, 1)), ==, "0");
  g_assert_cmpstr (jm_conflict_get_message (nth (map, JM_CONFLICTS_MAX - 1)), ==,
                   "Conflict 10000 in the file could not be read: a map keeps at most 10000 conflicts; the rest are left out");

  written = jm_file_write_bytes (map);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (written, NULL), -1,
                                  "  <x:note xmlns:x=\"urn:example:notes\">Kept</x:note>\n"
                                  "  <conflicts xmlns=\"https://journeymapper.github.io/ns/merge/1\">\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conflicts/round-trip", test_round_trip);
  g_test_add_func ("/conflicts/old-files", test_old_files);
  g_test_add_func ("/conflicts/merge", test_merge);
  g_test_add_func ("/conflicts/resolve", test_resolve);
  g_test_add_func ("/conflicts/resolve-move", test_resolve_move);
  g_test_add_func ("/conflicts/hostile", test_hostile);
  g_test_add_func ("/conflicts/limits", test_limits);

  return g_test_run ();
}
