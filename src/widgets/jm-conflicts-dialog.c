/* jm-conflicts-dialog.c: pick the values a merge left in conflict
 *
 * A map merged by journey-mapper --merge (git's merge driver) keeps each
 * field both sides changed as a conflict, with both values; the merge
 * kept ours. The dialog lists them as the merge review does
 * (jm-change-row.c), each with "Ours" and "Theirs" to pick from; a
 * conflict the merge settled by itself (a card one side deleted) has
 * "Accept" instead. Nothing is picked at first: what the person leaves
 * stays on the map for later. Resolve sets the picked values and takes
 * those conflicts off the map as one undo step. A file may hold thousands
 * of conflicts; the dialog lists the first MAX_ROWS, and the rest come
 * when those are resolved.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-change-row.h"
#include "jm-conflicts-dialog.h"
#include "jm-map-conflicts.h"

#define MAX_ROWS 500

typedef struct
{
  JmConflict *conflict;
  GtkWidget  *row;
  GtkWidget  *ours;     /* or "Accept", for a conflict without values */
  GtkWidget  *theirs;   /* NULL for a conflict without values */
} Entry;

struct _JmConflictsDialog
{
  AdwWindow   parent_instance;

  GtkLabel   *summary;
  GtkListBox *list;

  JmMap      *map;
  GArray     *entries;   /* of Entry */
  gboolean    resolving;
};

G_DEFINE_FINAL_TYPE (JmConflictsDialog, jm_conflicts_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->conflict);
}

static gboolean
is_picked (Entry *entry)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (entry->ours)) ||
         (entry->theirs != NULL && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (entry->theirs)));
}

static void
update_summary (JmConflictsDialog *self)
{
  guint n = g_list_model_get_n_items (jm_map_get_conflicts (self->map));
  guint picked = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->entries->len; i++)
    picked += is_picked (&g_array_index (self->entries, Entry, i));
  /* Translators: %u of %u conflicts; the dialog lists them below. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A merge left %2$u conflict: both copies changed it. The map shows ours until you pick. %1$u picked.",
                                       "A merge left %2$u conflicts: both copies changed them. The map shows ours until you pick; what you leave stays for later. %1$u picked.",
                                       n),
                          picked, n);
  if (n > self->entries->len)
    {
      /* Translators: after the summary, when there are more conflicts than rows. */
      g_autofree char *more = g_strdup_printf (_("The first %u are listed; the rest come once these are resolved."),
                                               self->entries->len);
      g_autofree char *both = g_strconcat (text, " ", more, NULL);

      gtk_label_set_text (self->summary, both);
    }
  else
    gtk_label_set_text (self->summary, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.resolve", picked > 0);
}

static GtkWidget *
pick_button (JmConflictsDialog *self,
             const char        *label,
             const char        *row_title,
             GtkWidget         *group)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);
  g_autofree char *name = g_strdup_printf ("%s: %s", row_title, gtk_button_get_label (GTK_BUTTON (button)));

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (button, "toggled", G_CALLBACK (update_summary), self);
  return button;
}

static void
add_entry (JmConflictsDialog *self,
           JmConflict        *conflict)
{
  Entry entry = { g_object_ref (conflict) };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *title;

  entry.row = jm_change_row_new_conflict (self->map, conflict);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry.row));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (jm_conflict_has_values (conflict))
    {
      entry.ours = pick_button (self, _("Ours"), title, NULL);
      entry.theirs = pick_button (self, _("Theirs"), title, entry.ours);
      gtk_widget_set_tooltip_text (entry.ours, _("Keep the value the merge kept"));
      gtk_widget_set_tooltip_text (entry.theirs, _("Take the other copy’s value"));
      gtk_box_append (GTK_BOX (box), entry.ours);
      gtk_box_append (GTK_BOX (box), entry.theirs);
    }
  else
    {
      entry.ours = pick_button (self, _("Accept"), title, NULL);
      gtk_widget_set_tooltip_text (entry.ours, _("Keep what the merge did"));
      gtk_box_append (GTK_BOX (box), entry.ours);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (entry.row), box);
  gtk_list_box_append (self->list, entry.row);
  g_array_append_val (self->entries, entry);
}

static void
action_pick_all (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JmConflictsDialog *self = JM_CONFLICTS_DIALOG (widget);
  gboolean theirs = g_str_equal (action_name, "conflicts.all-theirs");

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (theirs && entry->theirs != NULL ? entry->theirs : entry->ours),
                                    TRUE);
    }
}

static void
action_resolve (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JmConflictsDialog *self = JM_CONFLICTS_DIALOG (widget);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (JmConflictChoice));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      JmConflictChoice choice;

      if (!is_picked (entry))
        continue;
      choice = entry->theirs != NULL && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (entry->theirs))
               ? JM_CONFLICT_TAKE_THEIRS : JM_CONFLICT_KEEP_OURS;
      g_ptr_array_add (conflicts, entry->conflict);
      g_array_append_val (choices, choice);
    }
  if (conflicts->len == 0)
    return;
  self->resolving = TRUE;
  jm_map_resolve_conflicts (self->map, (JmConflict **) conflicts->pdata, (JmConflictChoice *) choices->data,
                            conflicts->len);
  g_signal_emit (self, signals[RESOLVED], 0, conflicts->len);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The conflicts changed under the dialog (an undo, say): what it lists is
 * no longer the map's. */
static void
on_conflicts_changed (JmConflictsDialog *self)
{
  if (!self->resolving)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
jm_conflicts_dialog_dispose (GObject *object)
{
  JmConflictsDialog *self = JM_CONFLICTS_DIALOG (object);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_conflicts (self->map), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_CONFLICTS_DIALOG);
  g_clear_object (&self->map);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (jm_conflicts_dialog_parent_class)->dispose (object);
}

static void
jm_conflicts_dialog_class_init (JmConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_conflicts_dialog_dispose;

  /**
   * JmConflictsDialog::resolved:
   * @n_resolved: how many conflicts were resolved, as one undo step
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymapper/JourneyMapper/jm-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JmConflictsDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, JmConflictsDialog, list);
  gtk_widget_class_install_action (widget_class, "conflicts.resolve", NULL, action_resolve);
  gtk_widget_class_install_action (widget_class, "conflicts.all-ours", NULL, action_pick_all);
  gtk_widget_class_install_action (widget_class, "conflicts.all-theirs", NULL, action_pick_all);
}

static void
jm_conflicts_dialog_init (JmConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

/**
 * jm_conflicts_dialog_new:
 * @map: a map with conflicts
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
JmConflictsDialog *
jm_conflicts_dialog_new (GtkWindow *parent,
                         JmMap     *map)
{
  JmConflictsDialog *self;
  GListModel *conflicts;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  self = g_object_new (JM_TYPE_CONFLICTS_DIALOG, "transient-for", parent, NULL);
  self->map = g_object_ref (map);
  conflicts = jm_map_get_conflicts (map);
  for (guint i = 0, n = MIN (g_list_model_get_n_items (conflicts), MAX_ROWS); i < n; i++)
    {
      g_autoptr(JmConflict) conflict = g_list_model_get_item (conflicts, i);

      add_entry (self, conflict);
    }
  g_signal_connect_object (conflicts, "items-changed", G_CALLBACK (on_conflicts_changed), self,
                           G_CONNECT_SWAPPED);
  update_summary (self);
  return self;
}

guint
jm_conflicts_dialog_get_n_rows (JmConflictsDialog *self)
{
  g_return_val_if_fail (JM_IS_CONFLICTS_DIALOG (self), 0);
  return self->entries->len;
}

/* Returns: (transfer none) (nullable): the row of the @index-th conflict */
GtkWidget *
jm_conflicts_dialog_get_row (JmConflictsDialog *self,
                             guint              index)
{
  g_return_val_if_fail (JM_IS_CONFLICTS_DIALOG (self), NULL);
  if (index >= self->entries->len)
    return NULL;
  return g_array_index (self->entries, Entry, index).row;
}
