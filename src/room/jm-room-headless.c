/* jm-room-headless.c: a room run from the command line, with no display
 *
 * journey-mapper --room FILE [--listen=HOST:PORT] opens FILE, prints the
 * join address as the first line of standard output, and saves FILE
 * (atomically, through the document) a second after each card, so that a
 * change is on disk within two seconds. SIGINT or SIGTERM close the room,
 * wait for a save under way, save what is left and end the run.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>

#include "jm-file.h"
#include "jm-room.h"

/* A second after a change, so that a burst of cards is saved once and
 * every change is on disk within two seconds. */
#define SAVE_DELAY_MS 1000

typedef struct
{
  GMainLoop  *loop;
  JmRoom     *room;
  JmDocument *document;
  GFile      *file;
  guint       save_source;
  gboolean    saving;
  gboolean    save_again;   /* a save was asked for while one ran */
  gboolean    stopping;
  gboolean    failed;       /* the last save failed */
} Headless;

static void save_now (Headless *headless);

static void
maybe_quit (Headless *headless)
{
  if (headless->stopping && !headless->saving)
    g_main_loop_quit (headless->loop);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Headless *headless = user_data;
  g_autoptr(GError) error = NULL;

  headless->saving = FALSE;
  headless->failed = !jm_document_save_finish (headless->document, headless->file, result, &error);
  /* A card that came while the save ran is not in the file, and the
   * document left the map modified: it goes in the next save. */
  if (!headless->failed && jm_document_get_modified (headless->document))
    headless->save_again = TRUE;
  if (headless->failed)
    {
      g_autofree char *name = g_file_get_parse_name (headless->file);

      /* Translators: %s is a file name, then why it could not be saved */
      g_printerr (_("Could not save %s: %s\n"), name, error->message);
    }
  if (headless->save_again && !headless->failed)
    {
      headless->save_again = FALSE;
      save_now (headless);
      return;
    }
  maybe_quit (headless);
}

static void
save_now (Headless *headless)
{
  g_clear_handle_id (&headless->save_source, g_source_remove);
  if (headless->saving)
    {
      headless->save_again = TRUE;
      return;
    }
  /* Nothing to save: a stop that waited for this save may end now. */
  if (!jm_document_get_modified (headless->document))
    {
      maybe_quit (headless);
      return;
    }
  headless->saving = TRUE;
  jm_document_save_async (headless->document, headless->file, on_saved, headless);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  Headless *headless = user_data;

  headless->save_source = 0;
  save_now (headless);
  return G_SOURCE_REMOVE;
}

/* A card from the room, a dot placed or taken back: any change to the
 * map is saved within SAVE_DELAY_MS. */
static void
on_room_card_added (Headless *headless)
{
  if (headless->save_source == 0 && !headless->stopping)
    headless->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, headless);
}

static gboolean
on_signal (gpointer user_data)
{
  Headless *headless = user_data;

  if (headless->stopping)
    return G_SOURCE_CONTINUE;
  headless->stopping = TRUE;
  jm_room_close (headless->room);
  save_now (headless);
  maybe_quit (headless);
  return G_SOURCE_CONTINUE;
}

/**
 * jm_room_run_headless:
 * @file: the map to serve
 * @listen: (nullable): HOST:PORT to listen on; %NULL for any free port on
 *   every address, serving the local network
 *
 * Returns: the exit status: 0 after a clean stop with everything saved,
 *   1 if the file could not be read or saved, 2 for a bad @listen
 */
int
jm_room_run_headless (GFile      *file,
                      const char *listen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmRoom) room = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *host = NULL;
  g_autofree char *address = NULL;
  Headless headless = { 0 };
  guint port = 0;
  guint sigint, sigterm;

  if (listen != NULL && !jm_room_parse_listen (listen, &host, &port, &error))
    {
      g_printerr ("--listen: %s\n", error->message);
      return 2;
    }
  map = jm_file_load (file, NULL, &error);
  if (map == NULL)
    {
      /* The reader's message names the file, line and column itself. */
      g_printerr ("%s\n", error->message);
      return 1;
    }

  headless.document = jm_document_new ();
  headless.file = file;
  jm_document_set_map (headless.document, map);
  jm_document_set_file (headless.document, file);
  room = jm_room_new (headless.document);
  if (!jm_room_listen (room, host, port, &error))
    {
      /* Translators: %s says why, such as “Address already in use” */
      g_printerr (_("Could not open the room: %s\n"), error->message);
      g_object_unref (headless.document);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  headless.loop = loop;
  headless.room = room;
  g_signal_connect_swapped (room, "card-added", G_CALLBACK (on_room_card_added), &headless);
  g_signal_connect_swapped (jm_map_get_history (jm_document_get_map (headless.document)), "changed",
                            G_CALLBACK (on_room_card_added), &headless);
  sigint = g_unix_signal_add (SIGINT, on_signal, &headless);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &headless);

  address = jm_room_get_address (room);
  g_print ("%s\n", address);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (room, &headless);
  g_signal_handlers_disconnect_by_data (jm_map_get_history (jm_document_get_map (headless.document)), &headless);
  g_clear_handle_id (&headless.save_source, g_source_remove);
  g_clear_object (&room);
  g_object_unref (headless.document);
  return headless.failed ? 1 : 0;
}
