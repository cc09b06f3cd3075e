/* test-session.c: the documents of a run, recovery and remembered views,
 * without a display
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jm-draft.h"
#include "jm-file.h"
#include "jm-session.h"
#include "jm-test-util.h"
#include "jm-timer.h"

static char *data_home;

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

static void
on_rooms_changed (guint *changes)
{
  (*changes)++;
}

static void
test_documents (void)
{
  g_autoptr(JmSession) session = jm_session_new (NULL, NULL);
  g_autoptr(JmDocument) first = jm_document_new ();
  g_autoptr(JmDocument) second = jm_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/Somewhere.journey");
  g_autoptr(GFile) elsewhere = g_file_new_for_path ("/tmp/Elsewhere.journey");
  GListModel *documents = jm_session_get_documents (session);

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 0);
  jm_session_add_document (session, first);
  jm_session_add_document (session, second);
  jm_session_add_document (session, first);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);

  g_assert_null (jm_session_find_document (session, file));
  jm_document_set_file (second, file);
  g_assert_true (jm_session_find_document (session, file) == second);
  g_assert_null (jm_session_find_document (session, elsewhere));

  jm_session_remove_document (session, second);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  g_assert_null (jm_session_find_document (session, file));
  jm_session_remove_document (session, second);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
}

/* A document's room is the session's: opened once, kept while the
 * document is open whoever asks, closed with the document, and the map
 * keeps its cards. */
static void
test_rooms (void)
{
  g_autoptr(JmSession) session = jm_session_new (NULL, NULL);
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JmRoom) room = NULL;
  guint changes = 0;

  jm_document_set_map (document, map);
  jm_session_add_document (session, document);
  g_assert_null (jm_session_get_room (session, document));
  g_signal_connect_swapped (session, "rooms-changed", G_CALLBACK (on_rooms_changed), &changes);

  room = g_object_ref (jm_session_open_room (session, document, &error));
  g_assert_no_error (error);
  g_assert_true (jm_room_get_document (room) == document);
  g_assert_cmpuint (jm_room_get_port (room), >, 0);
  g_assert_true (jm_session_open_room (session, document, &error) == room);
  g_assert_true (jm_session_get_room (session, document) == room);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_false (jm_room_get_closed (room));

  jm_session_remove_document (session, document);
  g_assert_true (jm_room_get_closed (room));
  g_assert_null (jm_session_get_room (session, document));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (jm_document_get_map (document) == map);
}

/* How soon changes reach the drafts is the session's to say, for every
 * document open and opened later, and it follows the user's setting. */
static void
test_draft_interval (void)
{
  g_autoptr(JmSession) session = jm_session_new (NULL, NULL);
  g_autoptr(JmDocument) open = jm_document_new ();
  g_autoptr(JmDocument) later = jm_document_new ();
  g_autoptr(GSettings) settings = NULL;

  /* The setting's default, from the app's schema. */
  g_assert_cmpuint (jm_session_get_draft_interval (session), ==, JM_DRAFT_DEFAULT_INTERVAL);
  jm_session_add_document (session, open);
  g_assert_cmpuint (jm_document_get_draft_interval (open), ==, JM_DRAFT_DEFAULT_INTERVAL);

  jm_session_set_draft_interval (session, 1);
  g_assert_cmpuint (jm_document_get_draft_interval (open), ==, 1);
  jm_session_add_document (session, later);
  g_assert_cmpuint (jm_document_get_draft_interval (later), ==, 1);

  /* The user changes the setting while the app runs. */
  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "draft-interval", 20);
  g_assert_cmpuint (jm_session_get_draft_interval (session), ==, 20);
  g_assert_cmpuint (jm_document_get_draft_interval (open), ==, 20);
  g_assert_cmpuint (jm_document_get_draft_interval (later), ==, 20);
  g_settings_reset (settings, "draft-interval");
}

static void
test_recovery_once (void)
{
  g_autoptr(JmSession) session = jm_session_new (NULL, NULL);
  g_autoptr(JmSession) other = jm_session_new (NULL, NULL);

  g_assert_true (jm_session_take_recovery (session));
  g_assert_false (jm_session_take_recovery (session));
  g_assert_false (jm_session_take_recovery (session));
  g_assert_true (jm_session_take_recovery (other));
}

/* A document let go without closing leaves a draft; the session offers
 * it, and no other. */
static void
test_recoverable (void)
{
  g_autoptr(JmSession) session = jm_session_new (NULL, NULL);
  g_autoptr(JmDocument) document = jm_document_new ();
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GPtrArray) before = jm_session_list_recoverable (session);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_cmpuint (before->len, ==, 0);
  jm_session_add_document (session, document);
  jm_document_set_map (document, map);
  jm_document_follow_drafts (document);
  jm_map_edit_string (map, map, "title", "Left in a draft");
  jm_document_stash_draft (document);
  jm_session_remove_document (session, document);
  g_clear_object (&document);

  after = jm_session_list_recoverable (session);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (((JmDraftInfo *) after->pdata[0])->title, ==, "Left in a draft");
  {
    g_autoptr(JmDraft) draft = jm_draft_claim (NULL, ((JmDraftInfo *) after->pdata[0])->id, NULL);

    g_assert_nonnull (draft);
    jm_draft_discard (draft);
  }
}

static void
test_view_state (void)
{
  g_autofree char *store = g_build_filename (data_home, "views.ini", NULL);
  g_autoptr(JmSession) session = jm_session_new (NULL, store);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/Viewed.journey");
  g_autoptr(GFile) unseen = g_file_new_for_path ("/tmp/Unseen.journey");
  JmViewState state = { 0 };
  JmViewState loaded = { 0 };
  g_autoptr(GError) error = NULL;

  state.zoom = 1.5;
  state.show_outline = TRUE;
  state.colour_by = g_strdup ("effort");
  g_assert_true (jm_session_save_view_state (session, file, &state, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (store, G_FILE_TEST_EXISTS));

  g_assert_true (jm_session_load_view_state (session, file, &loaded));
  g_assert_cmpfloat (loaded.zoom, ==, 1.5);
  g_assert_true (loaded.show_outline);
  g_assert_false (loaded.show_inspector);
  g_assert_cmpstr (loaded.colour_by, ==, "effort");
  jm_view_state_clear (&loaded);
  g_assert_false (jm_session_load_view_state (session, unseen, &loaded));

  jm_view_state_clear (&state);
  jm_view_state_clear (&loaded);
  g_unlink (store);
}

/* The session keeps a map's view settings per file and gives them back. */
static void
test_view_settings (void)
{
  g_autofree char *store = g_build_filename (data_home, "views.ini", NULL);
  g_autoptr(JmSession) session = jm_session_new (NULL, store);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/Viewed.journey");
  g_autoptr(GFile) unseen = g_file_new_for_path ("/tmp/Unseen.journey");
  g_autoptr(JmViewSettings) settings = jm_view_settings_new ();
  g_autoptr(JmViewSettings) restored = jm_view_settings_new ();
  g_autoptr(GError) error = NULL;
  const char *target = NULL;

  jm_view_settings_set_zoom (settings, 2.0);
  jm_view_settings_set_show_inspector (settings, FALSE);
  jm_view_settings_set_highlight (settings, JM_HIGHLIGHT_PERSONA, "p7");
  jm_view_settings_set_colour_by (settings, JM_COLOUR_BY_MEASURE (JM_MEASURE_CONVENIENCE));
  g_assert_true (jm_session_remember_view (session, file, settings, &error));
  g_assert_no_error (error);

  g_assert_false (jm_session_restore_view (session, unseen, restored));
  g_assert_cmpfloat (jm_view_settings_get_zoom (restored), ==, 1.0);
  g_assert_true (jm_session_restore_view (session, file, restored));
  g_assert_cmpfloat (jm_view_settings_get_zoom (restored), ==, 2.0);
  g_assert_false (jm_view_settings_get_show_inspector (restored));
  g_assert_true (jm_view_settings_get_show_outline (restored));
  g_assert_cmpint (jm_view_settings_get_highlight (restored, &target), ==, JM_HIGHLIGHT_PERSONA);
  g_assert_cmpstr (target, ==, "p7");
  g_assert_cmpint (jm_view_settings_get_colour_by (restored), ==, JM_COLOUR_BY_CONVENIENCE);
  g_unlink (store);
}

static guint
agenda_steps (JmDocument *document)
{
  return jm_timer_get_n_steps (jm_document_get_timer (document));
}

/* A workshop's agenda outlives the run: kept for the map's file when it
 * changes, given back when the file opens again, taken along when the
 * map is saved under another name, and not given to another map. */
static void
test_agenda (void)
{
  g_autofree char *store = g_build_filename (data_home, "views.ini", NULL);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/Workshop.journey");
  g_autoptr(GFile) renamed = g_file_new_for_path ("/tmp/Workshop on Monday.journey");
  g_autoptr(GFile) other = g_file_new_for_path ("/tmp/Other.journey");
  const char *titles[] = { "Map as is", "Vote", "Opportunities", NULL };
  const guint minutes[] = { 30, 10, 20 };

  {
    g_autoptr(JmSession) session = jm_session_new (NULL, store);
    g_autoptr(JmDocument) document = jm_document_new ();

    jm_session_add_document (session, document);
    jm_document_set_file (document, file);
    jm_timer_set_agenda (jm_document_get_timer (document), titles, minutes);
    /* Saved under a new name: both names have it. */
    jm_document_set_file (document, renamed);
    jm_session_remove_document (session, document);
    /* Changes after the document closed are not kept. */
    jm_timer_set_agenda (jm_document_get_timer (document), (const char *[]) { "Late", NULL },
                         (const guint[]) { 5 });
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JmSession) session = jm_session_new (NULL, store);
      g_autoptr(JmDocument) document = jm_document_new ();
      JmTimer *timer = jm_document_get_timer (document);

      jm_session_add_document (session, document);
      g_assert_cmpuint (agenda_steps (document), ==, 0);
      jm_document_set_file (document, i == 0 ? file : renamed);
      g_assert_cmpuint (agenda_steps (document), ==, 3);
      g_assert_cmpstr (jm_timer_get_step_title (timer, 1), ==, "Vote");
      g_assert_cmpuint (jm_timer_get_step_minutes (timer, 2), ==, 20);
    }
  {
    g_autoptr(JmSession) session = jm_session_new (NULL, store);
    g_autoptr(JmDocument) document = jm_document_new ();
    g_autoptr(JmDocument) again = jm_document_new ();

    jm_session_add_document (session, document);
    jm_document_set_file (document, other);
    g_assert_cmpuint (agenda_steps (document), ==, 0);

    /* Emptied: forgotten. */
    jm_document_set_file (document, file);
    g_assert_cmpuint (agenda_steps (document), ==, 3);
    jm_timer_set_agenda (jm_document_get_timer (document), (const char *[]) { NULL }, NULL);
    jm_session_add_document (session, again);
    jm_document_set_file (again, file);
    g_assert_cmpuint (agenda_steps (again), ==, 0);
  }
  g_unlink (store);
}

static void
test_default (void)
{
  g_assert_true (JM_IS_SESSION (jm_session_get_default ()));
  g_assert_true (jm_session_get_default () == jm_session_get_default ());
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_home = jm_test_set_up_data_home ("session");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/documents", test_documents);
  g_test_add_func ("/session/rooms", test_rooms);
  g_test_add_func ("/session/draft-interval", test_draft_interval);
  g_test_add_func ("/session/recovery-once", test_recovery_once);
  g_test_add_func ("/session/recoverable", test_recoverable);
  g_test_add_func ("/session/view-state", test_view_state);
  g_test_add_func ("/session/view-settings", test_view_settings);
  g_test_add_func ("/session/agenda", test_agenda);
  g_test_add_func ("/session/default", test_default);

  status = g_test_run ();
  jm_test_tear_down_data_home (data_home);
  g_free (data_home);
  return status;
}
