/* jm-conflict-bar.c: the board's notice of a merge's conflicts
 *
 * A map merged by git with conflicts opens like any other, showing our
 * values; this bar over the board says how many conflicts wait, and its
 * Review button ("win.review-conflicts") lists them with both values to
 * pick from (JmConflictsDialog). It follows the map's conflicts: it goes
 * when the last is resolved and comes back when that is undone.
 * (libadwaita 1.2 has no AdwBanner; this is one, in the style of the
 * board's other bars.)
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-conflict-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-conflict-bar.h"
#include "jm-map-conflicts.h"

struct _JmConflictBar
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GListModel  *conflicts;
};

G_DEFINE_FINAL_TYPE (JmConflictBar, jm_conflict_bar, GTK_TYPE_WIDGET)

static void
update (JmConflictBar *self)
{
  guint n = self->conflicts != NULL ? g_list_model_get_n_items (self->conflicts) : 0;
  g_autofree char *text = NULL;

  if (n > 0)
    {
      /* Translators: a notice over the board of a map merged with conflicts. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict from a merge",
                                           "%u conflicts from a merge", n),
                              n);
      gtk_label_set_text (self->label, text);
    }
  gtk_revealer_set_reveal_child (self->revealer, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

/**
 * jm_conflict_bar_set_map:
 * @map: (nullable): the map shown
 */
void
jm_conflict_bar_set_map (JmConflictBar *self,
                         JmMap         *map)
{
  GListModel *conflicts;

  g_return_if_fail (JM_IS_CONFLICT_BAR (self));

  conflicts = map != NULL ? jm_map_get_conflicts (map) : NULL;
  if (conflicts == self->conflicts)
    return;
  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_set_object (&self->conflicts, conflicts);
  if (conflicts != NULL)
    g_signal_connect_object (conflicts, "items-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
jm_conflict_bar_dispose (GObject *object)
{
  JmConflictBar *self = JM_CONFLICT_BAR (object);
  GtkWidget *child;

  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_clear_object (&self->conflicts);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jm_conflict_bar_parent_class)->dispose (object);
}

static void
jm_conflict_bar_class_init (JmConflictBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jm_conflict_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "conflictbar");
}

static void
jm_conflict_bar_init (JmConflictBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Review"));

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_add_css_class (box, "conflict-bar");
  gtk_widget_set_margin_start (icon, 6);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.review-conflicts");
  gtk_widget_set_tooltip_text (button, _("Pick ours or theirs for each conflict"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), button);
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Merge conflicts"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
jm_conflict_bar_new (void)
{
  return g_object_new (JM_TYPE_CONFLICT_BAR, NULL);
}
