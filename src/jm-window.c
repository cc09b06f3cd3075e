/* jm-window.c: a window showing one journey map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-window.h"

struct _JmWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (JmWindow, jm_window, ADW_TYPE_APPLICATION_WINDOW)

static void
jm_window_class_init (JmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-window.ui");
}

static void
jm_window_init (JmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JmWindow *
jm_window_new (JmApplication *application)
{
  return g_object_new (JM_TYPE_WINDOW, "application", application, NULL);
}

void
jm_window_open (JmWindow *self,
                GFile    *file)
{
  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
}
