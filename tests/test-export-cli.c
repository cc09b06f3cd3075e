/* test-export-cli.c: journey-mapper --export, run as a user would,
 * without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

static char *tmp_dir;

static const char *
sample (void)
{
  static char *path;

  if (path == NULL)
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "retail-bank.journey", NULL);
  return path;
}

/* Runs journey-mapper with @args (NULL-terminated), no display, and
 * returns its exit status; stderr in @err. */
static int
run (char       **err,
     const char  *epoch,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = -1;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JM_EXECUTABLE"));
  va_start (ap, epoch);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "SOURCE_DATE_EPOCH");
  if (epoch != NULL)
    env = g_environ_setenv (env, "SOURCE_DATE_EPOCH", epoch, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                NULL, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
out_path (const char *name)
{
  if (tmp_dir == NULL)
    tmp_dir = g_dir_make_tmp ("jm-cli-export-XXXXXX", NULL);
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
pdfinfo (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { tool, path, NULL };
  char *out = NULL;

  if (tool == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, NULL, NULL);
  return out;
}

static void
test_exports (void)
{
  g_autofree char *pdf = out_path ("bank.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;

  g_assert_cmpint (run (&err, NULL, arg, "--paper=A3", "--tiles=2x2", "--overlap=12mm",
                        "--persona=fridah", sample (), NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  info = pdfinfo (pdf);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }
  g_assert_nonnull (strstr (info, "Pages:           5"));
  g_assert_nonnull (strstr (info, "(A3)"));
  g_assert_nonnull (strstr (info, "Current account"));
}

static void
test_formats (void)
{
  const char *names[] = { "bank.png", "bank.svg", "personas.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = out_path (names[i]);
      g_autofree char *arg = g_strdup_printf ("--export=%s", path);
      g_autofree char *err = NULL;

      g_assert_cmpint (run (&err, NULL, arg, i == 2 ? "--layout=persona" : "--layout=board",
                            sample (), NULL), ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_reproducible (void)
{
  g_autofree char *a = out_path ("a.pdf");
  g_autofree char *b = out_path ("b.pdf");
  g_autofree char *arg_a = g_strdup_printf ("--export=%s", a);
  g_autofree char *arg_b = g_strdup_printf ("--export=%s", b);
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  gsize la, lb;

  g_assert_cmpint (run (NULL, "1700000000", arg_a, sample (), NULL), ==, 0);
  g_assert_cmpint (run (NULL, "1700000000", arg_b, sample (), NULL), ==, 0);
  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_assert_cmpmem (da, la, db, lb);
}

static void
test_refused (void)
{
  struct {
    const char *option;
    const char *says[2];
  } cases[] = {
    { "--layout=grids", { "grids", "grid, board, persona or fix" } },
    { "--paper=A9", { "A9", "Tabloid" } },
    { "--orientation=sideways", { "sideways", "portrait or landscape" } },
    { "--tiles=3by2", { "3by2", "COLUMNSxROWS" } },
    { "--scale=huge", { "huge", "150%" } },
    { "--overlap=1ft", { "1ft", "mm" } },
    { "--persona=Nobody", { "Nobody", "Fridah" } },
  };
  g_autofree char *pdf = out_path ("refused.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", pdf);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run (&err, NULL, arg, cases[i].option, sample (), NULL), ==, 2);
      for (guint j = 0; j < 2; j++)
        if (strstr (err, cases[i].says[j]) == NULL)
          g_error ("%s: “%s” does not say “%s”", cases[i].option, err, cases[i].says[j]);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }

  {
    g_autofree char *err = NULL;
    g_autofree char *doc = out_path ("out.docx");
    g_autofree char *doc_arg = g_strdup_printf ("--export=%s", doc);

    g_assert_cmpint (run (&err, NULL, doc_arg, sample (), NULL), ==, 2);
    g_assert_nonnull (strstr (err, ".pdf, .png or .svg"));
  }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run (&err, NULL, arg, "/nonexistent/map.journey", NULL), ==, 1);
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

/* A poster by sheet count turns its sheets when that prints it larger,
 * unless the user chose an orientation. */
static void
test_tiles_turn_to_fit (void)
{
  g_autofree char *turned = out_path ("turned.pdf");
  g_autofree char *kept = out_path ("kept.pdf");
  g_autofree char *turned_arg = g_strdup_printf ("--export=%s", turned);
  g_autofree char *kept_arg = g_strdup_printf ("--export=%s", kept);
  g_autofree char *err = NULL;
  g_autofree char *turned_info = NULL;
  g_autofree char *kept_info = NULL;

  /* Three lanes' grids stacked: a tall poster, 2 sheets across and 3 down. */
  g_assert_cmpint (run (&err, NULL, turned_arg, "--paper=A4", "--tiles=2x3", sample (), NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, NULL, kept_arg, "--paper=A4", "--tiles=2x3",
                        "--orientation=landscape", sample (), NULL), ==, 0);
  turned_info = pdfinfo (turned);
  kept_info = pdfinfo (kept);
  if (turned_info == NULL || kept_info == NULL)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }
  g_assert_nonnull (strstr (turned_info, "595.276 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (kept_info, "841.89 x 595.276 pts (A4)"));
  g_assert_nonnull (strstr (turned_info, "Pages:           7"));
}

/* A poster on sheets of the wrong shape is written without the sheets it
 * would leave blank, with a note of them and of the tiling that prints
 * the map larger. */
static void
test_blank_sheets_noted (void)
{
  g_autofree char *pdf = out_path ("column.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *err = NULL;
  g_autofree char *fine = NULL;

  g_assert_cmpint (run (&err, NULL, arg, "--orientation=portrait", "--tiles=1x6", sample (), NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (err, "Note: 4 of the 6 sheets would be blank: the layout is too wide and short for 1 × 6 sheets, so it prints on 1 × 2. --tiles=2x3 would print it "));
  {
    g_autofree char *info = pdfinfo (pdf);

    /* The assembly page and the two sheets. */
    if (info != NULL)
      g_assert_nonnull (strstr (info, "Pages:           3\n"));
  }

  g_assert_cmpint (run (&fine, NULL, arg, "--orientation=portrait", "--tiles=2x2", sample (), NULL), ==, 0);
  g_assert_cmpstr (fine, ==, "");
}

/* A wall preset says what it chose and how far away the print can be
 * read, and prints on no more sheets than it was given, none blank. */
static void
test_sheets_preset (void)
{
  g_autofree char *pdf = out_path ("preset.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;
  guint columns = 0, rows = 0;
  const char *poster;

  g_assert_cmpint (run (&err, NULL, arg, "--paper=A4", "--sheets=6", sample (), NULL), ==, 0);
  poster = strstr (err, "Poster: ");
  g_assert_nonnull (poster);
  g_assert_cmpint (sscanf (poster, "Poster: %u × %u", &columns, &rows), ==, 2);
  g_assert_cmpuint (columns * rows, <=, 6);
  g_assert_nonnull (strstr (err, "Lanes: "));
  g_assert_nonnull (strstr (err, "Readable from about "));
  g_assert_null (strstr (err, "blank"));

  info = pdfinfo (pdf);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }
  {
    g_autofree char *pages = g_strdup_printf ("Pages:           %u\n", columns * rows + 1);

    g_assert_nonnull (strstr (info, pages));
  }
}

/* An output that is the map itself, by any name, is refused before
 * anything is written, and the map keeps its bytes. */
static void
test_output_is_input (void)
{
  g_autofree char *map = out_path ("map.pdf");
  g_autofree char *symlink_path = out_path ("symlink.pdf");
  g_autofree char *hardlink_path = out_path ("hardlink.pdf");
  g_autofree char *sub = out_path ("sub");
  g_autofree char *dotdot = g_build_filename (sub, "..", "map.pdf", NULL);
  g_autofree char *original = NULL;
  gsize length;
  const char *outputs[4];

  /* A map named like an export: what a slip of the shell gives. */
  g_assert_true (g_file_get_contents (sample (), &original, &length, NULL));
  g_assert_true (g_file_set_contents (map, original, length, NULL));
  g_assert_cmpint (symlink ("map.pdf", symlink_path), ==, 0);
  g_assert_cmpint (link (map, hardlink_path), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  outputs[0] = map;
  outputs[1] = symlink_path;
  outputs[2] = hardlink_path;
  outputs[3] = dotdot;

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *arg = g_strdup_printf ("--export=%s", outputs[i]);
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      gsize after_length;

      g_assert_cmpint (run (&err, NULL, arg, map, NULL), ==, 2);
      if (strstr (err, outputs[i]) == NULL || strstr (err, map) == NULL)
        g_error ("“%s” does not name both %s and %s", err, outputs[i], map);
      g_assert_true (g_file_get_contents (map, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, original, length);
      g_assert_true (g_file_test (symlink_path, G_FILE_TEST_IS_SYMLINK));
    }
  g_rmdir (sub);
}

/* Options that cannot go together, given twice, unknown, or with no
 * export to apply to, are usage errors: exit status 2, nothing written,
 * and a message naming the options. */
static void
test_usage_errors (void)
{
  g_autofree char *pdf = out_path ("usage.pdf");
  g_autofree char *other = out_path ("other.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *other_arg = g_strdup_printf ("--export=%s", other);
  struct {
    const char *args[3];
    const char *says[2];
  } cases[] = {
    { { "--bogus", NULL }, { "--bogus", "--help" } },
    { { "--scores=csv", arg, NULL }, { "--scores", "--export" } },
    { { "--check", arg, NULL }, { "--check", "--export" } },
    { { "--check", "--scores", NULL }, { "--check", "--scores" } },
    { { arg, other_arg, NULL }, { "--export", "once" } },
    { { "--check", "--check", NULL }, { "--check", "once" } },
    { { arg, "--paper=A4", "--paper=A3" }, { "--paper", "once" } },
    { { "--check", "--tiles=0x0", NULL }, { "--tiles", "--export=OUT" } },
    { { "--scores", "--paper=A3", NULL }, { "--paper", "--export=OUT" } },
    { { "--persona=Fridah", NULL }, { "--persona", "--export=OUT" } },
    { { "--strict", NULL }, { "--strict", "--check" } },
    { { "--scores", "--strict", NULL }, { "--strict", "--check" } },
    { { "--sheets=6", NULL }, { "--sheets", "--export=OUT" } },
    { { arg, "--sheets=0", NULL }, { "“0”", "from 1 to 676" } },
    { { arg, "--sheets=4", "--tiles=2x2" }, { "--sheets", "--tiles" } },
    { { arg, "--lanes=sideways", NULL }, { "“sideways”", "together or separate" } },
    { { arg, "--layout=board", "--lanes=together" }, { "--lanes", "template grid" } },
    { { arg, "--wall-width=2m", "--sheets=4" }, { "--wall-width", "--sheets" } },
    { { arg, "--wall-width=wide", NULL }, { "“wide”", "mm, cm, m, in or pt" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char *a[G_N_ELEMENTS (cases[i].args) + 1] = { NULL };
      guint n = 0;

      /* The options, then the map. */
      while (n < G_N_ELEMENTS (cases[i].args) && cases[i].args[n] != NULL)
        {
          a[n] = cases[i].args[n];
          n++;
        }
      a[n] = sample ();
      g_assert_cmpint (run (&err, NULL, a[0], a[1], a[2], a[3], NULL), ==, 2);
      for (guint j = 0; j < 2; j++)
        if (strstr (err, cases[i].says[j]) == NULL)
          g_error ("%s %s: “%s” does not say “%s”", a[0], a[1], err, cases[i].says[j]);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    }

  /* Several personas are still one export; "--export OUT" is one option. */
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run (&err, NULL, "--export", pdf, "--persona=Fridah", "--persona=James",
                          sample (), NULL), ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
}

/* A one-card board over 21 × 26 sheets is drawn about seventy times its
 * size: every letter still prints, without a font warning, and the PDF is
 * sound. */
static void
test_huge_poster (void)
{
  static const char map_text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">\n"
    "  <title>One</title>\n"
    "  <stages><stage id=\"s1\"><name>Need</name></stage></stages>\n"
    "  <personas><persona id=\"p1\" colour=\"#0072b2\"><name>Fridah</name></persona></personas>\n"
    "  <touchpoints>\n"
    "    <touchpoint id=\"t1\" stage=\"s1\" lane=\"p1\"><title>Looks for a plan</title></touchpoint>\n"
    "  </touchpoints>\n"
    "</journey>\n";
  g_autofree char *map = out_path ("one-card.journey");
  g_autofree char *pdf = out_path ("huge.pdf");
  g_autofree char *arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *old_debug = g_strdup (g_getenv ("G_DEBUG"));
  g_autofree char *old_asan = g_strdup (g_getenv ("ASAN_OPTIONS"));
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;
  int status;

  g_assert_true (g_file_set_contents (map, map_text, -1, NULL));
  g_setenv ("G_DEBUG", "fatal-warnings", TRUE);
  /* cairo 1.16 leaks each recording surface painted into a PDF (a
   * ten-line program shows it): under AddressSanitizer, this export's
   * leak check would judge cairo, not us. */
  if (old_asan != NULL)
    {
      g_autofree char *asan = g_strconcat (old_asan, ":detect_leaks=0", NULL);

      g_setenv ("ASAN_OPTIONS", asan, TRUE);
    }
  status = run (&err, NULL, arg, "--layout=board", "--paper=A4", "--tiles=21x26", map, NULL);
  if (old_asan != NULL)
    g_setenv ("ASAN_OPTIONS", old_asan, TRUE);
  if (old_debug != NULL)
    g_setenv ("G_DEBUG", old_debug, TRUE);
  else
    g_unsetenv ("G_DEBUG");
  g_assert_cmpint (status, ==, 0);
  if (strstr (err, "WARNING") != NULL)
    g_error ("the export warned: %s", err);

  info = pdfinfo (pdf);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }
  /* The assembly page and 546 sheets. */
  g_assert_nonnull (strstr (info, "Pages:           547"));
}

/* What to fix first, scores, slides and picture sizes from the command
 * line, and their bad values refused with exit status 2. */
static void
test_scores_and_slides (void)
{
  g_autofree char *fix = out_path ("fix.pdf");
  g_autofree char *slide = out_path ("slide.png");
  g_autofree char *fix_arg = g_strdup_printf ("--export=%s", fix);
  g_autofree char *slide_arg = g_strdup_printf ("--export=%s", slide);
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;
  cairo_surface_t *png;

  g_assert_cmpint (run (&err, NULL, fix_arg, "--layout=fix", "--colour-by=reliability", sample (),
                        NULL), ==, 0);
  info = pdfinfo (fix);
  if (info != NULL)
    g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, NULL, slide_arg, "--slide", "--layout=board", sample (), NULL), ==, 0);
  png = cairo_image_surface_create_from_png (slide);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1920);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1080);
  cairo_surface_destroy (png);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, NULL, fix_arg, "--colour-by=heat", sample (), NULL), ==, 2);
  g_assert_nonnull (strstr (err, "heat"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, NULL, fix_arg, "--slide", sample (), NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--slide"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, NULL, fix_arg, "--layout=fix", "--sheets=4", sample (), NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, NULL, slide_arg, "--pixel-width=9", sample (), NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--pixel-width=9"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("JM_EXECUTABLE") == NULL)
    {
      g_printerr ("Set JM_EXECUTABLE to the journey-mapper executable\n");
      return 77;
    }

  g_test_add_func ("/export-cli/exports", test_exports);
  g_test_add_func ("/export-cli/formats", test_formats);
  g_test_add_func ("/export-cli/reproducible", test_reproducible);
  g_test_add_func ("/export-cli/refused", test_refused);
  g_test_add_func ("/export-cli/tiles-turn-to-fit", test_tiles_turn_to_fit);
  g_test_add_func ("/export-cli/blank-sheets-noted", test_blank_sheets_noted);
  g_test_add_func ("/export-cli/sheets-preset", test_sheets_preset);
  g_test_add_func ("/export-cli/output-is-input", test_output_is_input);
  g_test_add_func ("/export-cli/usage-errors", test_usage_errors);
  g_test_add_func ("/export-cli/huge-poster", test_huge_poster);
  g_test_add_func ("/export-cli/scores-and-slides", test_scores_and_slides);

  status = g_test_run ();

  if (tmp_dir != NULL)
    {
      GDir *dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          g_unlink (path);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (tmp_dir);
    }
  return status;
}
