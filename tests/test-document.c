/* test-document.c: one open map, its file and its draft, without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-document.h"
#include "jm-file.h"
#include "jm-test-util.h"

static JmMap *
sample_map (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "broadband.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return map;
}

static GFile *
temporary_file (char **dir)
{
  *dir = g_dir_make_tmp ("jm-document-XXXXXX", NULL);
  g_assert_nonnull (*dir);
  return g_file_new_build_filename (*dir, "Map.journey", NULL);
}

static void
remove_file_and_dir (GFile      *file,
                     const char *dir)
{
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
save_and_wait (JmDocument  *document,
               GFile       *file,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  jm_document_save_async (document, file, on_done, &result);
  g_assert_true (jm_document_get_busy (document));
  return jm_document_save_finish (document, file, wait_for (&result), error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_untouched (void)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmMap) map = sample_map ();

  g_assert_null (jm_document_get_map (document));
  g_assert_true (jm_document_is_untouched (document));
  g_assert_false (jm_document_get_modified (document));

  jm_document_set_map (document, map);
  g_assert_true (jm_document_get_map (document) == map);
  g_assert_true (jm_document_is_untouched (document));

  jm_map_edit_string (map, map, "title", "Edited");
  g_assert_true (jm_document_get_modified (document));
  g_assert_false (jm_document_is_untouched (document));
}

static void
test_save_and_load (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = temporary_file (&dir);
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmDocument) second = jm_document_new ();
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint file_notifies = 0;

  g_signal_connect (document, "notify::file", G_CALLBACK (count_notify), &file_notifies);
  jm_document_set_map (document, map);
  jm_map_edit_string (map, map, "title", "Saved by the document");
  g_assert_true (jm_document_get_modified (document));

  g_assert_true (save_and_wait (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (jm_document_get_busy (document));
  g_assert_false (jm_document_get_modified (document));
  g_assert_true (g_file_equal (jm_document_get_file (document), file));
  g_assert_cmpuint (file_notifies, ==, 1);
  /* Saving keeps what can be undone. */
  g_assert_cmpuint (jm_history_get_n_steps (jm_map_get_history (map)), >, 0);

  /* The same file again is no change of file. */
  jm_document_set_file (document, file);
  g_assert_cmpuint (file_notifies, ==, 1);

  jm_document_load_async (second, file, on_done, &result);
  g_assert_true (jm_document_get_busy (second));
  g_assert_false (jm_document_is_untouched (second));
  loaded = jm_document_load_finish (second, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_false (jm_document_get_busy (second));
  g_assert_cmpstr (jm_map_get_title (loaded), ==, "Saved by the document");

  remove_file_and_dir (file, dir);
}

/* What is typed while a save runs is not in the file: the map stays
 * modified, so that closing asks about it. A document with no drafts (a
 * drafts folder that cannot be written, or a headless room) counts on
 * this alone. Both a new step and keys joining the step being typed. */
static void
test_edit_during_save (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = temporary_file (&dir);
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) reread = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      guint merge_id = 0;

      jm_document_set_map (document, map);
      jm_map_begin_merge (map, "Typing", &merge_id);
      jm_map_edit_string (map, map, "title", "Saved");
      jm_map_end (map);

      jm_document_save_async (document, file, on_done, &result);
      if (round == 0)
        {
          /* Another key of the same gesture: the step that is saved grows. */
          jm_map_begin_merge (map, "Typing", &merge_id);
          jm_map_edit_string (map, map, "title", "Saved, then typed on");
          jm_map_end (map);
        }
      else
        {
          jm_map_edit_string (map, map, "description", "A new step");
        }
      g_assert_true (jm_document_save_finish (document, file, wait_for (&result), &error));
      g_assert_no_error (error);
      g_assert_true (jm_document_get_modified (document));

      /* Saved again, the file has it all, and nothing is left unsaved. */
      g_assert_true (save_and_wait (document, file, &error));
      g_assert_no_error (error);
      g_assert_false (jm_document_get_modified (document));
    }

  reread = jm_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_map_get_title (reread), ==, "Saved");
  remove_file_and_dir (file, dir);
}

static void
test_load_fails (void)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/Map.journey");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JmMap) loaded = NULL;
  g_autoptr(GError) error = NULL;

  jm_document_load_async (document, file, on_done, &result);
  loaded = jm_document_load_finish (document, wait_for (&result), &error);
  g_assert_null (loaded);
  g_assert_nonnull (error);
  g_assert_false (jm_document_get_busy (document));
  g_assert_null (jm_document_get_map (document));
}

static void
test_changed_on_disk (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = temporary_file (&dir);
  g_autoptr(GFile) other = g_file_new_build_filename (dir, "Other.journey", NULL);
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(JmMap) changed = sample_map ();
  g_autoptr(GError) error = NULL;
  gboolean gone = TRUE;

  jm_document_set_map (document, map);
  g_assert_true (save_and_wait (document, file, &error));
  g_assert_false (jm_document_changed_on_disk (document, file, &gone));
  /* Saving elsewhere is not saving over it. */
  g_assert_false (jm_document_changed_on_disk (document, other, &gone));

  /* Another program writes the file: a save by rename, a new inode. */
  jm_map_set_title (changed, "Changed by another program");
  g_assert_true (jm_file_save (changed, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jm_document_changed_on_disk (document, file, &gone));
  g_assert_false (gone);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_true (jm_document_changed_on_disk (document, file, &gone));
  g_assert_true (gone);

  /* A save of its own makes what is on disk its own again. */
  g_assert_true (save_and_wait (document, file, &error));
  g_assert_false (jm_document_changed_on_disk (document, file, NULL));

  remove_file_and_dir (file, dir);
}

static void
test_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = temporary_file (&dir);
  g_autoptr(JmMap) map = sample_map ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_assert_true (jm_file_save (map, file, NULL, &error));
  g_assert_false (jm_document_is_read_only (file));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (jm_document_is_read_only (file));

  remove_file_and_dir (file, dir);
}

static gboolean
is_recoverable_with_title (const char *title)
{
  g_autoptr(GPtrArray) infos = jm_draft_list_recoverable (NULL);

  for (guint i = 0; i < infos->len; i++)
    if (g_strcmp0 (((JmDraftInfo *) infos->pdata[i])->title, title) == 0)
      return TRUE;
  return FALSE;
}

static void
discard_recoverable (void)
{
  g_autoptr(GPtrArray) infos = jm_draft_list_recoverable (NULL);

  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(JmDraft) draft = jm_draft_claim (NULL, ((JmDraftInfo *) infos->pdata[i])->id, NULL);

      if (draft != NULL)
        jm_draft_discard (draft);
    }
}

/* A document let go without closing (the application quits) keeps its
 * newest change in its draft; one closed with its changes discarded keeps
 * none. */
static void
test_drafts (void)
{
  for (guint closed = 0; closed < 2; closed++)
    {
      g_autoptr(JmDocument) document = jm_document_new ();
      g_autoptr(JmMap) map = sample_map ();
      const char *title = closed ? "Closed without saving" : "Typed before quitting";

      discard_recoverable ();
      jm_document_set_map (document, map);
      jm_document_follow_drafts (document);
      jm_map_edit_string (map, map, "title", title);
      jm_document_stash_draft (document);
      g_assert_null (jm_document_get_drafts_error (document));
      if (closed)
        jm_document_close_drafts (document);
      g_clear_object (&document);

      g_assert_true (is_recoverable_with_title (title) == !closed);
    }
  discard_recoverable ();
}

/* A map replacing an unmodified one takes over its draft: the first map's
 * work is in its file, and no draft of it is left. */
static void
test_draft_follows_map (void)
{
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmMap) first = sample_map ();
  g_autoptr(JmMap) second = sample_map ();
  g_autoptr(GPtrArray) infos = NULL;

  discard_recoverable ();
  jm_document_set_map (document, first);
  jm_document_follow_drafts (document);
  jm_map_edit_string (first, first, "title", "First");
  jm_document_stash_draft (document);
  jm_history_mark_saved (jm_map_get_history (first));

  jm_document_set_map (document, second);
  jm_document_follow_drafts (document);
  jm_map_edit_string (second, second, "title", "Second");
  jm_document_stash_draft (document);
  g_clear_object (&document);

  infos = jm_draft_list_recoverable (NULL);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpstr (((JmDraftInfo *) infos->pdata[0])->title, ==, "Second");
  discard_recoverable ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = jm_test_set_up_data_home ("document");
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/untouched", test_untouched);
  g_test_add_func ("/document/save-and-load", test_save_and_load);
  g_test_add_func ("/document/edit-during-save", test_edit_during_save);
  g_test_add_func ("/document/load-fails", test_load_fails);
  g_test_add_func ("/document/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/document/read-only", test_read_only);
  g_test_add_func ("/document/drafts", test_drafts);
  g_test_add_func ("/document/draft-follows-map", test_draft_follows_map);

  status = g_test_run ();
  jm_test_tear_down_data_home (data_home);
  return status;
}
