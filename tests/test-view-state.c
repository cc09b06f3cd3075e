/* test-view-state.c: each map's view remembered outside the map file
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-view-settings.h"
#include "jm-view-state.h"

static char *
make_store (char **dir)
{
  *dir = g_dir_make_tmp ("test-view-state-XXXXXX", NULL);
  g_assert_nonnull (*dir);
  /* In a folder not made yet, as on a first run. */
  return g_build_filename (*dir, "journey-mapper", "views.ini", NULL);
}

static void
remove_store (char       *dir,
              const char *store)
{
  g_autofree char *parent = g_path_get_dirname (store);

  g_unlink (store);
  g_rmdir (parent);
  g_rmdir (dir);
  g_free (dir);
}

static void
test_round_trip (void)
{
  char *dir = NULL;
  g_autofree char *store = make_store (&dir);
  /* Brackets and spaces: characters a key file's group name may not hold. */
  g_autoptr(GFile) file = g_file_new_for_path ("/home/ana/Maps [old]/Broadband plan.journey");
  g_autoptr(GFile) other = g_file_new_for_path ("/home/ana/other.journey");
  JmViewState state = { 1.75, TRUE, FALSE, g_strdup ("composite"), g_strdup ("persona:p2") };
  JmViewState read = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (jm_view_state_load (store, file, &read));
  g_assert_true (jm_view_state_save (store, file, &state, &error));
  g_assert_no_error (error);
  g_assert_true (jm_view_state_load (store, file, &read));
  g_assert_cmpfloat (read.zoom, ==, 1.75);
  g_assert_true (read.show_inspector);
  g_assert_false (read.show_outline);
  g_assert_cmpstr (read.colour_by, ==, "composite");
  g_assert_cmpstr (read.highlight, ==, "persona:p2");
  jm_view_state_clear (&read);
  g_assert_null (read.colour_by);

  /* Another map has its own view; changing one leaves the other. */
  g_assert_false (jm_view_state_load (store, other, &read));
  jm_view_state_clear (&state);
  state.zoom = 0.5;
  state.show_outline = TRUE;
  g_assert_true (jm_view_state_save (store, other, &state, &error));
  g_assert_true (jm_view_state_load (store, file, &read));
  g_assert_cmpfloat (read.zoom, ==, 1.75);
  jm_view_state_clear (&read);
  g_assert_true (jm_view_state_load (store, other, &read));
  g_assert_cmpfloat (read.zoom, ==, 0.5);
  g_assert_true (read.show_outline);
  g_assert_null (read.colour_by);
  jm_view_state_clear (&read);
  remove_store (dir, store);
}

/* The agenda kept beside a map's view: read back as written, left as it
 * is when the view is saved, forgotten when emptied; a group holding only
 * an agenda is no view; steps of no time, too long or past the limit are
 * not read. */
static void
test_agenda (void)
{
  char *dir = NULL;
  g_autofree char *store = make_store (&dir);
  g_autoptr(GFile) file = g_file_new_for_path ("/home/ana/Workshop.journey");
  const char *titles[] = { "Map as is", "Vote; then talk, \"why\"", "Opportunities", NULL };
  const guint minutes[] = { 30, 10, 20 };
  g_auto(GStrv) read_titles = NULL;
  g_autoptr(GArray) read_minutes = NULL;
  JmViewState state = { 1.5, TRUE, TRUE, NULL, NULL };
  JmViewState read = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GString *many = g_string_new ("");

  g_assert_false (jm_view_state_load_agenda (store, file, &read_titles, &read_minutes));
  g_assert_true (jm_view_state_save_agenda (store, file, titles, minutes, &error));
  g_assert_no_error (error);
  /* Only an agenda: the map's view is not known. */
  g_assert_false (jm_view_state_load (store, file, &read));

  g_assert_true (jm_view_state_save (store, file, &state, &error));
  g_assert_true (jm_view_state_load_agenda (store, file, &read_titles, &read_minutes));
  g_assert_cmpstrv (read_titles, titles);
  g_assert_cmpuint (read_minutes->len, ==, 3);
  g_assert_cmpuint (g_array_index (read_minutes, guint, 0), ==, 30);
  g_assert_cmpuint (g_array_index (read_minutes, guint, 1), ==, 10);
  g_assert_cmpuint (g_array_index (read_minutes, guint, 2), ==, 20);
  g_clear_pointer (&read_titles, g_strfreev);
  g_clear_pointer (&read_minutes, g_array_unref);
  g_assert_true (jm_view_state_load (store, file, &read));
  g_assert_cmpfloat (read.zoom, ==, 1.5);
  jm_view_state_clear (&read);

  /* Emptied: forgotten, the view kept. */
  g_assert_true (jm_view_state_save_agenda (store, file, (const char *[]) { NULL }, NULL, &error));
  g_assert_false (jm_view_state_load_agenda (store, file, &read_titles, &read_minutes));
  g_assert_null (read_titles);
  g_assert_true (jm_view_state_load (store, file, &read));
  jm_view_state_clear (&read);

  /* Written by hand: a step of no time, one of a day, a negative one, and
   * more steps than an agenda holds. */
  g_assert_true (jm_view_state_save_agenda (store, file, titles, minutes, &error));
  g_assert_true (g_file_get_contents (store, &contents, NULL, NULL));
  for (guint i = 0; i < JM_VIEW_STATE_MAX_STEPS + 10; i++)
    g_string_append_printf (many, "%u;", i + 1);
  {
    g_autofree char *group = NULL;
    g_autoptr(GKeyFile) key_file = g_key_file_new ();
    g_auto(GStrv) groups = NULL;

    g_assert_true (g_key_file_load_from_data (key_file, contents, -1, G_KEY_FILE_NONE, NULL));
    groups = g_key_file_get_groups (key_file, NULL);
    group = g_strdup (groups[0]);
    g_key_file_set_string (key_file, group, "agenda", "a;b;c;d;");
    g_key_file_set_string (key_file, group, "agenda-minutes", "0;1440;-5;7;");
    g_assert_true (g_key_file_save_to_file (key_file, store, NULL));
    g_assert_true (jm_view_state_load_agenda (store, file, &read_titles, &read_minutes));
    g_assert_cmpstrv (read_titles, ((const char *[]) { "d", NULL }));
    g_assert_cmpuint (g_array_index (read_minutes, guint, 0), ==, 7);
    g_clear_pointer (&read_titles, g_strfreev);
    g_clear_pointer (&read_minutes, g_array_unref);

    g_key_file_set_string (key_file, group, "agenda", many->str);
    g_key_file_set_string (key_file, group, "agenda-minutes", many->str);
    g_assert_true (g_key_file_save_to_file (key_file, store, NULL));
    g_assert_true (jm_view_state_load_agenda (store, file, &read_titles, &read_minutes));
    g_assert_cmpuint (g_strv_length (read_titles), ==, JM_VIEW_STATE_MAX_STEPS);
    g_assert_cmpuint (read_minutes->len, ==, JM_VIEW_STATE_MAX_STEPS);
  }
  g_string_free (many, TRUE);
  remove_store (dir, store);
}

/* A damaged store is an empty one, and a silly zoom is not applied. */
static void
test_damaged (void)
{
  char *dir = NULL;
  g_autofree char *store = make_store (&dir);
  g_autofree char *parent = g_path_get_dirname (store);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/map.journey");
  JmViewState state = { 1e300, TRUE, TRUE, NULL, NULL };
  JmViewState read = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (store, "\x01[[[ not a key file", -1, NULL));
  g_assert_false (jm_view_state_load (store, file, &read));
  g_assert_true (jm_view_state_save (store, file, &state, NULL));
  g_assert_true (jm_view_state_load (store, file, &read));
  g_assert_cmpfloat (read.zoom, ==, 0);
  g_assert_true (read.show_inspector);
  jm_view_state_clear (&read);
  remove_store (dir, store);
}

/* The store keeps the most recently viewed maps only. */
static void
test_bounded (void)
{
  char *dir = NULL;
  g_autofree char *store = make_store (&dir);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  JmViewState state = { 1.0, FALSE, FALSE, NULL, NULL };
  JmViewState read = { 0 };
  gsize n_groups = 0;
  g_auto(GStrv) groups = NULL;

  for (guint i = 0; i < JM_VIEW_STATE_MAX_MAPS + 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/tmp/map-%u.journey", i);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (jm_view_state_save (store, file, &state, NULL));
    }
  g_assert_true (g_key_file_load_from_file (key_file, store, G_KEY_FILE_NONE, NULL));
  groups = g_key_file_get_groups (key_file, &n_groups);
  g_assert_cmpuint (n_groups, ==, JM_VIEW_STATE_MAX_MAPS);
  {
    g_autoptr(GFile) last = g_file_new_for_path ("/tmp/map-219.journey");

    g_assert_true (jm_view_state_load (store, last, &read));
    jm_view_state_clear (&read);
  }
  remove_store (dir, store);
}

/* Each highlight and colouring is written in words one way, read back
 * the same, and words that name none are refused. */
static void
test_settings_words (void)
{
  static const struct {
    JmHighlight  highlight;
    const char  *target;
    const char  *text;
  } highlights[] = {
    { JM_HIGHLIGHT_NONE, NULL, "" },
    { JM_HIGHLIGHT_MOMENTS, NULL, "moments" },
    { JM_HIGHLIGHT_PERSONA, "p1", "persona:p1" },
    { JM_HIGHLIGHT_CHANNEL, "Web", "channel:Web" },
    { JM_HIGHLIGHT_TEAM, "Billing team", "team:Billing team" },
  };
  JmHighlight highlight;
  JmColourBy colour_by;
  char *target = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (highlights); i++)
    {
      g_autofree char *text = jm_highlight_to_string (highlights[i].highlight, highlights[i].target);

      g_assert_cmpstr (text, ==, highlights[i].text);
      g_assert_true (jm_highlight_parse (text, &highlight, &target));
      g_assert_cmpint (highlight, ==, highlights[i].highlight);
      g_assert_cmpstr (target, ==, highlights[i].target);
      g_clear_pointer (&target, g_free);
    }
  g_assert_true (jm_highlight_parse (NULL, &highlight, &target));
  g_assert_cmpint (highlight, ==, JM_HIGHLIGHT_NONE);
  g_assert_false (jm_highlight_parse ("solo:p1", &highlight, &target));
  g_assert_false (jm_highlight_parse ("everything", &highlight, &target));
  g_assert_null (target);

  for (JmColourBy c = JM_COLOUR_BY_NONE; c <= JM_COLOUR_BY_RELEVANCE; c++)
    {
      g_assert_true (jm_colour_by_parse (jm_colour_by_to_string (c), &colour_by));
      g_assert_cmpint (colour_by, ==, c);
    }
  g_assert_cmpstr (jm_colour_by_to_string (JM_COLOUR_BY_MEASURE (JM_MEASURE_RELIABILITY)), ==, "reliability");
  g_assert_true (jm_colour_by_parse (NULL, &colour_by));
  g_assert_cmpint (colour_by, ==, JM_COLOUR_BY_NONE);
  g_assert_false (jm_colour_by_parse ("effort", &colour_by));
}

static void
count_notify (gpointer  object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The settings give what is remembered of a view and take it back; the
 * persona walked is not remembered, and words no longer understood leave
 * the setting as it was. */
static void
test_settings_state (void)
{
  g_autoptr(JmViewSettings) settings = jm_view_settings_new ();
  g_autoptr(JmViewSettings) other = jm_view_settings_new ();
  JmViewState state = { 0 };
  const char *target = NULL;
  guint notified = 0;

  g_signal_connect (settings, "notify::highlight", G_CALLBACK (count_notify), &notified);
  jm_view_settings_set_highlight (settings, JM_HIGHLIGHT_TEAM, "Billing");
  jm_view_settings_set_highlight (settings, JM_HIGHLIGHT_TEAM, "Billing");
  g_assert_cmpuint (notified, ==, 1);
  jm_view_settings_set_zoom (settings, 0.5);
  jm_view_settings_set_show_outline (settings, FALSE);
  jm_view_settings_set_colour_by (settings, JM_COLOUR_BY_COMPOSITE);
  jm_view_settings_set_walked_persona (settings, "p2");

  jm_view_settings_to_state (settings, &state);
  g_assert_cmpfloat (state.zoom, ==, 0.5);
  g_assert_false (state.show_outline);
  g_assert_true (state.show_inspector);
  g_assert_cmpstr (state.colour_by, ==, "composite");
  g_assert_cmpstr (state.highlight, ==, "team:Billing");

  jm_view_settings_apply_state (other, &state);
  g_assert_cmpfloat (jm_view_settings_get_zoom (other), ==, 0.5);
  g_assert_false (jm_view_settings_get_show_outline (other));
  g_assert_cmpint (jm_view_settings_get_colour_by (other), ==, JM_COLOUR_BY_COMPOSITE);
  g_assert_cmpint (jm_view_settings_get_highlight (other, &target), ==, JM_HIGHLIGHT_TEAM);
  g_assert_cmpstr (target, ==, "Billing");
  g_assert_null (jm_view_settings_get_walked_persona (other));

  g_free (state.highlight);
  state.highlight = g_strdup ("solo:p2");
  g_free (state.colour_by);
  state.colour_by = g_strdup ("effort");
  state.zoom = 0;
  jm_view_settings_apply_state (other, &state);
  g_assert_cmpfloat (jm_view_settings_get_zoom (other), ==, 0.5);
  g_assert_cmpint (jm_view_settings_get_colour_by (other), ==, JM_COLOUR_BY_COMPOSITE);
  g_assert_cmpint (jm_view_settings_get_highlight (other, NULL), ==, JM_HIGHLIGHT_TEAM);
  jm_view_state_clear (&state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/round-trip", test_round_trip);
  g_test_add_func ("/view-state/damaged", test_damaged);
  g_test_add_func ("/view-state/agenda", test_agenda);
  g_test_add_func ("/view-state/bounded", test_bounded);
  g_test_add_func ("/view-state/settings-words", test_settings_words);
  g_test_add_func ("/view-state/settings-state", test_settings_state);

  return g_test_run ();
}
