/* jm-generate-cli.c: write a synthetic map of N touchpoints
 *
 *   jm-generate N SEED OUT.journey
 *
 * The same N and SEED always give the same file, so benchmark runs on
 * different days and machines measure the same work.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "jm-file.h"
#include "jm-generate.h"

static gboolean
parse_number (const char *text,
              guint64     max,
              guint64    *out)
{
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, &error))
    {
      g_printerr ("jm-generate: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JmMap) map = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n, seed;

  /* Messages keep their accents and spaces in a UTF-8 locale. */
  setlocale (LC_ALL, "");

  if (argc != 4)
    {
      g_printerr ("usage: jm-generate N SEED OUT.journey\n");
      return 2;
    }
  if (!parse_number (argv[1], G_MAXUINT, &n) || !parse_number (argv[2], G_MAXUINT32, &seed))
    return 2;

  map = jm_generate_map ((guint) n, (guint32) seed);
  file = g_file_new_for_commandline_arg (argv[3]);
  if (!jm_file_save (map, file, NULL, &error))
    {
      g_printerr ("jm-generate: %s\n", error->message);
      return 1;
    }
  return EXIT_SUCCESS;
}
