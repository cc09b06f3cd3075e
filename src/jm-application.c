/* jm-application.c: the application, its command line and its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-window.h"

struct _JmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (JmApplication, jm_application, ADW_TYPE_APPLICATION)

static void
jm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (jm_window_new (JM_APPLICATION (app)));
  gtk_window_present (window);
}

static void
jm_application_class_init (JmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = jm_application_activate;
}

static void
jm_application_init (JmApplication *self)
{
}

JmApplication *
jm_application_new (void)
{
  return g_object_new (JM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
