/* jm-merge-dialog.c: review another copy's changes before they come in
 *
 * A breakout group's copy of the map differs from the open map in cards
 * added, removed, moved and changed. Two copies hold no record of which
 * side changed what, so the dialog lists every difference, each with both
 * values, and the facilitator chooses: what the other copy has and this
 * map lacks is chosen at first, and so is what it changed; removing what
 * only this map has is not, since a card missing from the other copy was
 * most likely added here. Merge takes the chosen changes as one undo step
 * ("merged": how many, and those that could not be taken).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-change-row.h"
#include "jm-map-diff.h"
#include "jm-map-merge.h"
#include "jm-merge-dialog.h"

struct _JmMergeDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel       *summary;
  GtkListBox     *list;

  JmMap          *map;
  JmMap          *theirs;
  JmMapDiff      *diff;
  GPtrArray      *checks;     /* GtkCheckButton, one per change */
};

G_DEFINE_FINAL_TYPE (JmMergeDialog, jm_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
change_row (JmMergeDialog     *self,
            const JmMapChange *change,
            GtkWidget        **check)
{
  AdwActionRow *row = ADW_ACTION_ROW (jm_change_row_new (self->map, self->theirs, change));

  *check = gtk_check_button_new ();
  gtk_widget_set_valign (*check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (*check), change->kind != JM_MAP_CHANGE_REMOVED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
  adw_action_row_add_prefix (row, *check);
  adw_action_row_set_activatable_widget (row, *check);
  return GTK_WIDGET (row);
}

static void
update_summary (JmMergeDialog *self)
{
  guint n = self->checks->len;
  guint chosen = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    chosen += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  if (n == 0)
    text = g_strdup (_("The other copy is the same as this map: there is nothing to merge."));
  else
    /* Translators: %u of %u changes; the dialog lists them below. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The other copy differs in %2$u place. %1$u change is chosen to come into this map; choose what to take.",
                                         "The other copy differs in %2$u places. %1$u of them are chosen to come into this map; choose what to take.",
                                         n),
                            chosen, n);
  gtk_label_set_text (self->summary, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.apply", chosen > 0);
}

static void
on_check_toggled (JmMergeDialog *self)
{
  update_summary (self);
}

static void
action_choose (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JmMergeDialog *self = JM_MERGE_DIALOG (widget);
  gboolean all = g_str_equal (action_name, "merge.choose-all");

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), all);
}

static void
action_apply (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JmMergeDialog *self = JM_MERGE_DIALOG (widget);
  g_autofree gboolean *take = g_new0 (gboolean, MAX (self->checks->len, 1));
  g_autoptr(GPtrArray) problems = NULL;
  guint chosen = 0;

  for (guint i = 0; i < self->checks->len; i++)
    {
      take[i] = gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
      chosen += take[i];
    }
  if (chosen == 0)
    return;
  problems = jm_map_take_changes (self->map, self->theirs, self->diff, take);
  g_signal_emit (self, signals[MERGED], 0, chosen, problems);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jm_merge_dialog_dispose (GObject *object)
{
  JmMergeDialog *self = JM_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_MERGE_DIALOG);
  g_clear_object (&self->map);
  g_clear_object (&self->theirs);
  g_clear_pointer (&self->diff, jm_map_diff_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (jm_merge_dialog_parent_class)->dispose (object);
}

static void
jm_merge_dialog_class_init (JmMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_merge_dialog_dispose;

  /**
   * JmMergeDialog::merged:
   * @n_taken: how many changes were chosen
   * @problems: (element-type JmMergeConflict): chosen changes that could
   *   not be taken, and why
   *
   * The chosen changes came into the map, as one undo step.
   */
  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymapper/JourneyMapper/jm-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JmMergeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmMergeDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, JmMergeDialog, list);
  gtk_widget_class_install_action (widget_class, "merge.apply", NULL, action_apply);
  gtk_widget_class_install_action (widget_class, "merge.choose-all", NULL, action_choose);
  gtk_widget_class_install_action (widget_class, "merge.choose-none", NULL, action_choose);
}

static void
jm_merge_dialog_init (JmMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
}

/**
 * jm_merge_dialog_new:
 * @map: the open map, which the chosen changes come into
 * @theirs: the other copy
 * @name: the other copy's name, for the title
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
JmMergeDialog *
jm_merge_dialog_new (GtkWindow  *parent,
                     JmMap      *map,
                     JmMap      *theirs,
                     const char *name)
{
  JmMergeDialog *self = g_object_new (JM_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *subtitle = NULL;
  guint n;

  g_return_val_if_fail (JM_IS_MAP (map) && JM_IS_MAP (theirs), NULL);

  self->map = g_object_ref (map);
  self->theirs = g_object_ref (theirs);
  self->diff = jm_map_diff_new (map, theirs);
  /* Translators: the merge dialog's subtitle; %s is a file name. */
  subtitle = g_strdup_printf (_("Changes from “%s”"), name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  n = jm_map_diff_get_n_changes (self->diff);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = NULL;
      GtkWidget *row = change_row (self, jm_map_diff_get_change (self->diff, i), &check);

      g_ptr_array_add (self->checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  update_summary (self);
  return self;
}

guint
jm_merge_dialog_get_n_changes (JmMergeDialog *self)
{
  g_return_val_if_fail (JM_IS_MERGE_DIALOG (self), 0);

  return self->checks->len;
}
