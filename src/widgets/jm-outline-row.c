/* jm-outline-row.c: one row of the outline
 *
 * The row's widgets are laid out in jm-outline-row.ui; the outline binds
 * them to the stage, lane, cell or touchpoint the row shows, and names
 * the row for screen readers after what it shows.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-outline"

#include "config.h"

#include "jm-outline-row.h"

struct _JmOutlineRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkWidget       *box;
  GtkImage        *icon;
  GtkLabel        *title;
  GtkLabel        *detail;
  GtkWidget       *star;
};

G_DEFINE_FINAL_TYPE (JmOutlineRow, jm_outline_row, GTK_TYPE_WIDGET)

/* The channel's name is the icon's tooltip, answered when asked for:
 * setting a widget's tooltip text makes GTK ask the display where the
 * pointer is, a round trip to the X server for each row built when the
 * outline first shows. The outline keeps the name as "jm-channel". */
static gboolean
on_icon_query_tooltip (GtkWidget  *icon,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip)
{
  const char *channel = g_object_get_data (G_OBJECT (icon), "jm-channel");

  if (channel == NULL || *channel == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, channel);
  return TRUE;
}

static void
jm_outline_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JM_TYPE_OUTLINE_ROW);
  G_OBJECT_CLASS (jm_outline_row_parent_class)->dispose (object);
}

static void
jm_outline_row_class_init (JmOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_outline_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-outline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, JmOutlineRow, expander);
  gtk_widget_class_bind_template_child (widget_class, JmOutlineRow, box);
  gtk_widget_class_bind_template_child (widget_class, JmOutlineRow, icon);
  gtk_widget_class_bind_template_child (widget_class, JmOutlineRow, title);
  gtk_widget_class_bind_template_child (widget_class, JmOutlineRow, detail);
  gtk_widget_class_bind_template_child (widget_class, JmOutlineRow, star);
  gtk_widget_class_bind_template_callback (widget_class, on_icon_query_tooltip);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
jm_outline_row_init (JmOutlineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jm_outline_row_new (void)
{
  return g_object_new (JM_TYPE_OUTLINE_ROW, NULL);
}

GtkTreeExpander *
jm_outline_row_get_expander (JmOutlineRow *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE_ROW (self), NULL);
  return self->expander;
}

GtkWidget *
jm_outline_row_get_box (JmOutlineRow *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE_ROW (self), NULL);
  return self->box;
}

GtkImage *
jm_outline_row_get_icon (JmOutlineRow *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE_ROW (self), NULL);
  return self->icon;
}

GtkLabel *
jm_outline_row_get_title (JmOutlineRow *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE_ROW (self), NULL);
  return self->title;
}

GtkLabel *
jm_outline_row_get_detail (JmOutlineRow *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE_ROW (self), NULL);
  return self->detail;
}

GtkWidget *
jm_outline_row_get_star (JmOutlineRow *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE_ROW (self), NULL);
  return self->star;
}
