/* test-interchange-cli.c: journey-mapper --export=.csv/.json, --import
 * and --diff, run as a user (or git) runs them, without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "jm-file.h"
#include "jm-map-conflicts.h"

static char *tmp_dir;

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
}

static char *
tmp_path (const char *name)
{
  if (tmp_dir == NULL)
    tmp_dir = g_dir_make_tmp ("jm-cli-interchange-XXXXXX", NULL);
  return g_build_filename (tmp_dir, name, NULL);
}

static int
spawn (const char  *cwd,
       const char **argv,
       char       **out,
       char       **err)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  /* What an earlier run printed makes way for this one's. */
  if (out != NULL)
    g_clear_pointer (out, g_free);
  if (err != NULL)
    g_clear_pointer (err, g_free);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_sync (cwd, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* journey-mapper with @... (NULL-terminated); stdout in @out, stderr in @err. */
static int
run (char **out,
     char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JM_EXECUTABLE"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return spawn (tmp_dir, (const char **) argv->pdata, out, err);
}

/* The sample as the app saves it: what an import must write. */
static GBytes *
saved_sample (const char *name)
{
  g_autofree char *path = sample (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return jm_file_write_bytes (map);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_round_trip (void)
{
  const char *samples[] = { "retail-bank.journey", "broadband.journey" };
  const char *extensions[] = { "csv", "json", "CSV" };

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    for (guint e = 0; e < G_N_ELEMENTS (extensions); e++)
      {
        g_autofree char *input = sample (samples[s]);
        g_autofree char *name = g_strdup_printf ("map%u.%s", s, extensions[e]);
        g_autofree char *exported = tmp_path (name);
        g_autofree char *journey = tmp_path ("back.journey");
        g_autofree char *export_arg = g_strdup_printf ("--export=%s", exported);
        g_autofree char *import_arg = g_strdup_printf ("--import=%s", exported);
        g_autofree char *output_arg = g_strdup_printf ("--output=%s", journey);
        g_autofree char *err = NULL;
        g_autoptr(GBytes) expected = saved_sample (samples[s]);

        g_assert_cmpint (run (NULL, &err, export_arg, input, NULL), ==, 0);
        g_assert_cmpstr (err, ==, "");
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (run (NULL, &err, import_arg, output_arg, NULL), ==, 0);
        g_assert_cmpstr (err, ==, "");
        assert_file_is (journey, expected);
        g_assert_cmpint (g_unlink (journey), ==, 0);
      }
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Every bad row on stderr with its line, status 1, and nothing written. */
static void
test_bad_rows (void)
{
  g_autofree char *csv = tmp_path ("bad.csv");
  g_autofree char *journey = tmp_path ("bad.journey");
  g_autofree char *output_arg = g_strdup_printf ("--output=%s", journey);
  g_autofree char *err = NULL;

  write_file (csv,
              "kind,id,stage,lane,title,emotion,name\n"
              "stage,s1,,,,,Aware\n"
              "persona,p1,,,,,Ann\n"
              "touchpoint,t1,s1,p1,fine,1,\n"
              "touchpoint,t2,s1,p1,too happy,3,\n"
              "touchpoint,t3,s1,p1\n");
  g_assert_cmpint (run (NULL, &err, "--import=bad.csv", output_arg, NULL), ==, 1);
  g_assert_cmpstr (err, ==,
                   "bad.csv:5: the emotion “3” of touchpoint “t2” is not a whole number from -2 to 2\n"
                   "bad.csv:6: the row has 4 cells, but the first row names 7 columns\n");
  g_assert_false (g_file_test (journey, G_FILE_TEST_EXISTS));
}

/* Rows change the map they are imported into, by id. */
static void
test_import_into (void)
{
  g_autofree char *into = sample ("retail-bank.journey");
  g_autofree char *csv = tmp_path ("rename.csv");
  g_autofree char *json = tmp_path ("rename.json");
  g_autofree char *journey = tmp_path ("renamed.journey");
  g_autofree char *output_arg = g_strdup_printf ("--output=%s", journey);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  write_file (csv, "kind,id,name\r\nstage,s1,=Renamed\r\n");
  g_assert_cmpint (run (NULL, &err, "--import=rename.csv", output_arg, into, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  /* The only difference: what the row changed. */
  g_assert_cmpint (run (&out, &err, "--diff", into, journey, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "~ stage s1 \"=Renamed\": name: \"I have a job to do\" -> \"=Renamed\"\n");

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  write_file (json, "{ \"format\": \"journey-mapper\", \"version\": 1,"
                    "  \"touchpoints\": [ { \"id\": \"t1\", \"emotion\": -2 } ] }");
  g_assert_cmpint (run (NULL, &err, "--import=rename.json", output_arg, into, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--diff", "--format=json", into, journey, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "\"id\": \"t1\""));
  g_assert_nonnull (strstr (out, "\"field\": \"emotion\", \"old\": 0, \"new\": -2"));
}

static void
test_usage (void)
{
  g_autofree char *input = sample ("retail-bank.journey");
  const char *cases[][4] = {
    { "--output=x.journey", NULL },
    { "--import=x.csv", NULL },
    { "--import=x.txt", "--output=x.journey", NULL },
    { "--format=json", input, NULL },
    { "--diff", "--format=json", input, NULL },
    { "--diff", input, input, input },
    { "--diff", "--format=xml", input, input },
    { "--diff", "--check", input, input },
    { "--import=x.csv", "--output=x.journey", input, input },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char *argv[6] = { g_getenv ("JM_EXECUTABLE") };

      for (guint a = 0; a < 4 && cases[i][a] != NULL; a++)
        argv[a + 1] = cases[i][a];
      g_assert_cmpint (spawn (tmp_dir, argv, NULL, &err), ==, 2);
      g_assert_cmpstr (err, !=, "");
    }
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
test_diff_status (void)
{
  g_autofree char *bank = sample ("retail-bank.journey");
  g_autofree char *broadband = sample ("broadband.journey");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--diff", bank, bank, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, &err, "--diff", bank, broadband, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "~ map: title: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--diff", bank, "missing.journey", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "missing.journey"));

  /* Maps that differ by a dot only are not the same, and the dot is
   * named; the text git compares names it too. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *voted = tmp_path ("voted.journey");
    g_autofree char *more = tmp_path ("more-voted.journey");
    g_autofree char *with_votes = NULL;
    g_autofree char *with_more = NULL;

    g_assert_true (g_file_get_contents (broadband, &contents, NULL, NULL));
    with_votes = replace (contents, "</journey>",
                                  "<votes><round id=\"r1\" dots=\"2\"><question>Which hurts?</question>"
                                  "<vote touchpoint=\"t1\" voter=\"Ana\" count=\"1\"/></round></votes></journey>");
    g_free (contents);
    contents = replace (with_votes, "version=\"1.0\"", "version=\"1.1\"");
    with_more = replace (contents, "count=\"1\"", "count=\"2\"");
    g_free (with_votes);
    with_votes = g_steal_pointer (&contents);
    g_assert_true (g_file_set_contents (voted, with_votes, -1, NULL));
    g_assert_true (g_file_set_contents (more, with_more, -1, NULL));
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (&out, &err, "--diff", voted, more, NULL), ==, 1);
    g_assert_cmpstr (out, ==, "~ vote r1/t1 \"Ana\": count: 1 -> 2\n");
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (&out, &err, "--diff", more, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "\nround r1 \"Which hurts?\"\nround r1: dots: 2\nvote r1/t1 \"Ana\": count: 2\n"));
  }
}

static int
git_full (const char  *repo,
          char       **out,
          char       **err,
          va_list      ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *errors = NULL;
  g_autofree char *output = NULL;
  const char *arg;
  int status;

  /* Captured even when not asked for: it would break the TAP output. */
  g_ptr_array_add (argv, (gpointer) "git");
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  status = spawn (repo, (const char **) argv->pdata, &output, &errors);
  if (out != NULL)
    *out = g_steal_pointer (&output);
  if (err != NULL)
    *err = g_steal_pointer (&errors);
  return status;
}

static int
git (const char  *repo,
     char       **out,
     ...)
{
  va_list ap;
  int status;

  va_start (ap, out);
  status = git_full (repo, out, NULL, ap);
  va_end (ap);
  return status;
}

static int
git_err (const char  *repo,
         char       **err,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, err);
  status = git_full (repo, NULL, err, ap);
  va_end (ap);
  return status;
}

static char *
make_repo (const char *name)
{
  char *repo = tmp_path (name);
  g_autofree char *attributes = g_build_filename (repo, ".gitattributes", NULL);
  g_autofree char *command = g_strdup_printf ("'%s' --diff", g_getenv ("JM_EXECUTABLE"));
  g_autofree char *driver = g_strdup_printf ("'%s' --merge %%O %%A %%B %%P --output=%%A",
                                             g_getenv ("JM_EXECUTABLE"));

  g_assert_cmpint (g_mkdir_with_parents (repo, 0700), ==, 0);
  g_assert_cmpint (git (repo, NULL, "init", "-q", "-b", "main", NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "config", "user.name", "Test", NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "config", "user.email", "test@example.org", NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "config", "diff.journey.command", command, NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "config", "merge.journey.name", "Journey Mapper maps", NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "config", "merge.journey.driver", driver, NULL), ==, 0);
  write_file (attributes, "*.journey diff=journey merge=journey\n");
  return repo;
}

static void
copy_sample (const char *name,
             const char *to)
{
  g_autofree char *from = sample (name);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

/* git diff shows a map's changes through --diff, and does not stop. */
static void
test_git_diff (void)
{
  g_autofree char *repo = NULL;
  g_autofree char *map = NULL;
  g_autofree char *out = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *err = NULL;
  g_autofree char *git_path = g_find_program_in_path ("git");

  if (git_path == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }
  repo = make_repo ("diff-repo");
  map = g_build_filename (repo, "bank.journey", NULL);
  copy_sample ("retail-bank.journey", map);
  g_assert_cmpint (git (repo, NULL, "add", ".", NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "commit", "-q", "-m", "Map", NULL), ==, 0);

  csv = tmp_path ("changed.csv");
  output_arg = g_strdup_printf ("--output=%s", map);
  write_file (csv, "kind,id,emotion\ntouchpoint,t1,2\n");
  g_assert_cmpint (run (NULL, &err, "--import=changed.csv", output_arg, map, NULL), ==, 0);

  g_assert_cmpint (git (repo, &out, "diff", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "diff --journey a/bank.journey b/bank.journey\n"));
  g_assert_nonnull (strstr (out, "~ touchpoint t1 \"New employer needs her IBAN by Friday\": emotion: 0 -> 2\n"));

  /* As textconv, for git log -p and git show: the map as text, one line
   * a field, so git's own diff shows the field that changed. */
  {
    g_autofree char *textconv = g_strdup_printf ("'%s' --diff", g_getenv ("JM_EXECUTABLE"));
    g_autofree char *log = NULL;

    g_assert_cmpint (git (repo, NULL, "config", "--unset", "diff.journey.command", NULL), ==, 0);
    g_assert_cmpint (git (repo, NULL, "config", "diff.journey.textconv", textconv, NULL), ==, 0);
    g_assert_cmpint (git (repo, NULL, "commit", "-q", "-a", "-m", "Happier", NULL), ==, 0);
    g_assert_cmpint (git (repo, &log, "log", "-p", "-1", "--format=", NULL), ==, 0);
    g_assert_nonnull (strstr (log, "\n-touchpoint t1: emotion: 0\n+touchpoint t1: emotion: 2\n"));
    g_assert_null (strstr (log, "<touchpoint"));
  }
}

/* Changes one field of one card of the map in @repo with a CSV row, and
 * commits it on @branch, made from @from. */
static void
commit_change (const char *repo,
               const char *branch,
               const char *from,
               const char *row)
{
  g_autofree char *map = g_build_filename (repo, "bank.journey", NULL);
  g_autofree char *csv = tmp_path ("change.csv");
  g_autofree char *csv_arg = g_strdup_printf ("--import=%s", csv);
  g_autofree char *output_arg = g_strdup_printf ("--output=%s", map);
  g_autofree char *err = NULL;

  g_assert_cmpint (git (repo, NULL, "checkout", "-q", "-b", branch, from, NULL), ==, 0);
  write_file (csv, row);
  g_assert_cmpint (run (NULL, &err, csv_arg, output_arg, map, NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "commit", "-q", "-a", "-m", branch, NULL), ==, 0);
}

static char *
merge_repo (const char *name)
{
  char *repo = make_repo (name);
  g_autofree char *map = g_build_filename (repo, "bank.journey", NULL);

  copy_sample ("retail-bank.journey", map);
  g_assert_cmpint (git (repo, NULL, "add", ".", NULL), ==, 0);
  g_assert_cmpint (git (repo, NULL, "commit", "-q", "-m", "Map", NULL), ==, 0);
  return repo;
}

/* Two breakout groups change the same map on two branches; git merges
 * them through --merge, card by card. */
static void
test_git_merge (void)
{
  g_autofree char *git_path = g_find_program_in_path ("git");
  g_autofree char *repo = NULL;
  g_autofree char *map = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JmMap) merged = NULL;
  g_autoptr(GError) error = NULL;

  if (git_path == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }
  repo = merge_repo ("merge-repo");
  commit_change (repo, "group-a", "main", "kind,id,emotion\ntouchpoint,t1,2\n");
  commit_change (repo, "group-b", "main", "kind,id,title\ntouchpoint,t1,Needs the IBAN this week\n");
  g_assert_cmpint (git_err (repo, &err, "merge", "-q", "group-a", "-m", "Merge group A", NULL), ==, 0);

  /* Both changes to the one card are in. */
  map = g_build_filename (repo, "bank.journey", NULL);
  file = g_file_new_for_path (map);
  merged = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jm_touchpoint_get_emotion (jm_map_lookup_touchpoint (merged, "t1")), ==, 2);
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (merged, "t1")), ==,
                   "Needs the IBAN this week");
  g_assert_cmpint (git (repo, &out, "status", "--porcelain", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

static void
test_git_merge_conflict (void)
{
  g_autofree char *git_path = g_find_program_in_path ("git");
  g_autofree char *repo = NULL;
  g_autofree char *map = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JmMap) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmConflict) conflict = NULL;
  g_autofree char *text = NULL;
  GListModel *conflicts;

  if (git_path == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }
  repo = merge_repo ("conflict-repo");
  commit_change (repo, "group-a", "main", "kind,id,title\ntouchpoint,t1,A's title\n");
  commit_change (repo, "group-b", "main", "kind,id,title\ntouchpoint,t1,B's title\n");
  g_assert_cmpint (git_err (repo, &err, "merge", "group-a", "-m", "Merge group A", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "bank.journey:t1: title changed on both sides: ours \"B's title\", theirs \"A's title\"; kept ours\n"));
  g_assert_cmpint (git (repo, &out, "status", "--porcelain", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "UU bank.journey\n");

  /* The merged map still opens, with our value. */
  map = g_build_filename (repo, "bank.journey", NULL);
  file = g_file_new_for_path (map);
  merged = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_touchpoint_get_title (jm_map_lookup_touchpoint (merged, "t1")), ==, "B's title");

  /* The conflict is in the file, with both values to pick from. */
  conflicts = jm_map_get_conflicts (merged);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (jm_conflict_get_object (conflict), ==, "touchpoint");
  g_assert_cmpstr (jm_conflict_get_id (conflict), ==, "t1");
  g_assert_cmpstr (jm_conflict_get_field (conflict), ==, "title");
  g_assert_cmpstr (g_value_get_string (jm_conflict_get_ours (conflict)), ==, "B's title");
  g_assert_cmpstr (g_value_get_string (jm_conflict_get_theirs (conflict)), ==, "A's title");
  g_assert_nonnull (strstr (jm_conflict_get_message (conflict), "title changed on both sides"));
  g_assert_true (g_file_get_contents (map, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<conflicts xmlns=\"https://journeymapper.github.io/ns/merge/1\">"));
  g_assert_nonnull (strstr (text, "<ours>B's title</ours>"));
  g_assert_nonnull (strstr (text, "<theirs>A's title</theirs>"));

  /* --check says the map is not finished. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--check", map, NULL), ==, 1);
  g_assert_nonnull (strstr (err, ":t1: title changed on both sides: ours \"B's title\", theirs \"A's title\"; kept ours\n"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_free (tmp_path ("x"));

  g_test_add_func ("/interchange-cli/round-trip", test_round_trip);
  g_test_add_func ("/interchange-cli/bad-rows", test_bad_rows);
  g_test_add_func ("/interchange-cli/import-into", test_import_into);
  g_test_add_func ("/interchange-cli/usage", test_usage);
  g_test_add_func ("/interchange-cli/diff-status", test_diff_status);
  g_test_add_func ("/interchange-cli/git-diff", test_git_diff);
  g_test_add_func ("/interchange-cli/git-merge", test_git_merge);
  g_test_add_func ("/interchange-cli/git-merge-conflict", test_git_merge_conflict);

  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *quoted = g_shell_quote (tmp_dir);
      g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

      if (system (command) != 0)
        g_printerr ("could not remove %s\n", tmp_dir);
    }
  return status;
}
