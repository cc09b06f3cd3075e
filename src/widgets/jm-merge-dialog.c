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

/* What a field is called in the app. */
static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "title", N_("Title") },
    { "name", N_("Name") },
    { "description", N_("Description") },
    { "notes", N_("Notes") },
    { "channel", N_("Channel") },
    { "emotion", N_("Emotion") },
    { "moment-of-truth", N_("Moment of truth") },
    { "teams", N_("Teams") },
    { "links", N_("Links") },
    { "role", N_("Role") },
    { "quote", N_("Quote") },
    { "colour", N_("Colour") },
    { "picture", N_("Picture") },
    { "cell", N_("Cell") },
    { "position", N_("Order") },
  };
  JmMeasure measure;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return _(labels[i].label);
  if (jm_measure_from_id (field, &measure))
    return jm_measure_get_label (measure);
  for (guint row = 0; row < JM_N_ROWS; row++)
    if (g_str_equal (field, jm_row_get_id (row)))
      return jm_row_get_label (row);
  return field;
}

/* A value as a person reads it; links by the titles of the cards they
 * lead to in @map. */
static char *
value_text (const GValue *value,
            const char   *field,
            JmMap        *map)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRV && g_str_equal (field, "links"))
    {
      const char * const *ids = g_value_get_boxed (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          JmTouchpoint *card = jm_map_lookup_touchpoint (map, ids[i]);

          g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "",
                                  card != NULL ? jm_touchpoint_get_title (card) : ids[i]);
        }
      return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (_("none"));
    }

  if (type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (value);

      return text == NULL || *text == '\0' ? g_strdup (_("empty")) : g_strdup_printf ("“%s”", text);
    }
  if (type == G_TYPE_INT)
    {
      int n = g_value_get_int (value);
      JmMeasure measure;

      if (g_str_equal (field, "emotion"))
        return g_strdup (n == JM_EMOTION_UNSET ? _("none") : jm_emotion_get_label (n));
      if (jm_measure_from_id (field, &measure) && n == JM_RATING_UNSET)
        return g_strdup (_("not rated"));
      return g_strdup_printf ("%d", n);
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (g_value_get_boolean (value) ? _("yes") : _("no"));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", g_value_get_double (value));
  if (type == G_TYPE_STRV)
    {
      const char * const *items = g_value_get_boxed (value);

      return items == NULL || items[0] == NULL ? g_strdup (_("none")) : g_strjoinv (", ", (char **) items);
    }
  if (type == G_TYPE_BYTES)
    return g_strdup (g_value_get_boxed (value) != NULL ? _("a picture") : _("none"));
  return g_strdup ("");
}

static const char *
object_noun (const JmMapChange *change)
{
  if (change->id == NULL)
    return _("the map");
  if (g_str_equal (change->object, "stage"))
    return _("stage");
  if (g_str_equal (change->object, "persona"))
    return _("lane");
  return _("card");
}

/* A touchpoint's cell by the names of its stage and lane. */
static char *
cell_text (JmMap      *map,
           const char *id)
{
  JmTouchpoint *card = jm_map_lookup_touchpoint (map, id);
  JmStage *stage;
  JmPersona *persona;

  if (card == NULL)
    return g_strdup ("");
  stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (card));
  persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (card));
  return g_strdup_printf ("%s / %s", stage != NULL ? jm_stage_get_name (stage) : "?",
                          persona != NULL ? jm_persona_get_name (persona) : "?");
}

static GtkWidget *
change_row (JmMergeDialog     *self,
            const JmMapChange *change,
            GtkWidget        **check)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *label = change->label != NULL && *change->label != '\0' ? change->label : _("untitled");

  switch (change->kind)
    {
    case JM_MAP_CHANGE_ADDED:
      /* Translators: a change from another copy of the map: "New card “Calls the shop”". */
      title = g_strdup_printf (_("New %s “%s”"), object_noun (change), label);
      subtitle = g_strdup (_("Only in the other copy: add it here"));
      break;
    case JM_MAP_CHANGE_REMOVED:
      title = g_strdup_printf (_("Remove %s “%s”"), object_noun (change), label);
      subtitle = g_strdup (_("Only in this map: the other copy does not have it"));
      break;
    case JM_MAP_CHANGE_MOVED:
      if (g_str_equal (change->field, "cell"))
        {
          g_autofree char *here = cell_text (self->map, change->id);
          g_autofree char *there = cell_text (self->theirs, change->id);

          title = g_strdup_printf (_("Move %s “%s”"), object_noun (change), label);
          /* Translators: both values of a change, this map's first. */
          subtitle = g_strdup_printf (_("Here: %s · Other copy: %s"), here, there);
        }
      else
        {
          title = g_strdup_printf (_("Reorder %s “%s”"), object_noun (change), label);
          subtitle = g_strdup (_("As in the other copy"));
        }
      break;
    case JM_MAP_CHANGE_CHANGED:
    default:
      {
        g_autofree char *here = value_text (&change->old_value, change->field, self->map);
        g_autofree char *there = value_text (&change->new_value, change->field, self->theirs);

        /* Translators: a changed field: "Emotion of card “Calls the shop”". */
        title = change->id == NULL
                ? g_strdup_printf (_("%s of the map"), field_label (change->field))
                : g_strdup_printf (_("%s of %s “%s”"), field_label (change->field), object_noun (change), label);
        subtitle = g_strdup_printf (_("Here: %s · Other copy: %s"), here, there);
      }
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 3);
  *check = gtk_check_button_new ();
  gtk_widget_set_valign (*check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (*check), change->kind != JM_MAP_CHANGE_REMOVED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
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
