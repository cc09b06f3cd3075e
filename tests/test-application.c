/* test-application.c: what the application sets up before GTK starts
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jm-application.h"

/* The value GDK_DEBUG has once an application is made with @renderer and
 * @debug in the environment (NULL: unset). */
static char *
gdk_debug_after (const char *renderer,
                 const char *debug)
{
  g_autoptr(JmApplication) app = NULL;

  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");
  if (debug != NULL)
    g_setenv ("GDK_DEBUG", debug, TRUE);
  else
    g_unsetenv ("GDK_DEBUG");

  app = jm_application_new ();
  g_assert_true (JM_IS_APPLICATION (app));
  return g_strdup (g_getenv ("GDK_DEBUG"));
}

static void
test_gl_skipped_with_cairo (void)
{
  char *value;

  /* The cairo renderer never draws with GL: GDK need not set it up. */
  value = gdk_debug_after ("cairo", NULL);
  g_assert_cmpstr (value, ==, "gl-disable");
  g_free (value);
  value = gdk_debug_after ("Cairo", "");
  g_assert_cmpstr (value, ==, "gl-disable");
  g_free (value);
  /* Other debug flags are kept. */
  value = gdk_debug_after ("cairo", "events,misc");
  g_assert_cmpstr (value, ==, "events,misc,gl-disable");
  g_free (value);
  /* Someone debugging GL keeps their own flags. */
  value = gdk_debug_after ("cairo", "gl-glx");
  g_assert_cmpstr (value, ==, "gl-glx");
  g_free (value);

  /* Any other renderer, or GTK's own choice, may use GL: nothing changes. */
  value = gdk_debug_after ("gl", NULL);
  g_assert_null (value);
  value = gdk_debug_after (NULL, NULL);
  g_assert_null (value);
  value = gdk_debug_after ("ngl", "events");
  g_assert_cmpstr (value, ==, "events");
  g_free (value);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/application/gl-skipped-with-cairo", test_gl_skipped_with_cairo);

  return g_test_run ();
}
