/* main.c: starts Journey Mapper
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JmApplication) app = NULL;

  /* Before anything is translated: the command line's summary is. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = jm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
