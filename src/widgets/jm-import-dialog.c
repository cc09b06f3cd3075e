/* jm-import-dialog.c: cards from any CSV, its columns mapped to fields
 *
 * A whiteboard tool's sticky notes, a survey's answers or a spreadsheet
 * of touchpoints arrive as a table. The dialog shows one row per column,
 * each with the card field it fills (guessed from its header, or as the
 * same column name was last imported), and a preview of the cards. A row
 * whose values do not fit is named with its line and the import waits
 * until the columns are right: nothing is half-imported. Import adds
 * every card as one undo step ("imported": how many) and remembers each
 * column's field by its name.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-card-table.h"
#include "jm-edits.h"
#include "jm-import-dialog.h"

/* Enough rows for any workshop's notes and any survey; a preview shows
 * the first few cards. */
#define MAX_ROWS 20000
#define MAX_COLUMNS 64
#define PREVIEW_CARDS 5

struct _JmImportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  AdwPreferencesGroup  *columns_group;
  GtkSwitch            *header_switch;
  GtkLabel             *problems;
  GtkListBox           *preview;

  JmMap                *map;
  GSettings            *settings;
  GPtrArray            *rows;       /* JmCardRow */
  guint                 n_columns;
  GPtrArray            *combos;     /* AdwComboRow, one a column */
  GPtrArray            *cards;      /* JmCardImport, as the columns are now */
  char                 *problem_text;
};

G_DEFINE_FINAL_TYPE (JmImportDialog, jm_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static JmCardField
column_field (JmImportDialog *self,
              guint           column)
{
  guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->combos, column));

  /* The first choice leaves the column out. */
  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? JM_CARD_FIELD_NONE
                                                                 : (JmCardField) (selected - 1);
}

static const char *
header_of (JmImportDialog *self,
           guint           column)
{
  const JmCardRow *first = g_ptr_array_index (self->rows, 0);

  return column < g_strv_length (first->cells) ? first->cells[column] : "";
}

static void
clear_preview (JmImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview))) != NULL)
    gtk_list_box_remove (self->preview, child);
}

static GtkWidget *
preview_row (JmCardImport *import)
{
  GtkWidget *row = adw_action_row_new ();
  const char *notes = jm_touchpoint_get_notes (import->card);
  int emotion = jm_touchpoint_get_emotion (import->card);
  g_autoptr(GString) place = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_touchpoint_get_title (import->card));
  if (import->stage != NULL || import->lane != NULL)
    /* Translators: where an imported card goes: stage / lane. */
    g_string_append_printf (place, _("%s / %s"), import->stage != NULL ? import->stage : _("first stage"),
                            import->lane != NULL ? import->lane : _("parking lot"));
  else
    g_string_append (place, _("Parking lot"));
  if (emotion != JM_EMOTION_UNSET)
    g_string_append_printf (place, " · %s", jm_emotion_get_label (emotion));
  if (notes != NULL && *notes != '\0')
    g_string_append_printf (place, " · %s", notes);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

/* The cards as the columns are mapped now, their preview and problems. */
static void
update (JmImportDialog *self)
{
  g_autofree JmCardField *fields = g_new (JmCardField, MAX (self->n_columns, 1));
  gboolean header = gtk_switch_get_active (self->header_switch);
  gboolean has_title = FALSE;
  g_autofree char *summary = NULL;

  for (guint c = 0; c < self->n_columns; c++)
    {
      fields[c] = column_field (self, c);
      has_title |= fields[c] == JM_CARD_FIELD_TITLE;
    }
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->problem_text, g_free);
  self->cards = jm_card_table_to_cards (self->rows, header ? 1 : 0, fields, self->n_columns,
                                        &self->problem_text);
  if (self->rows->len == 0)
    {
      g_clear_pointer (&self->problem_text, g_free);
      self->problem_text = g_strdup (_("The file holds no rows."));
    }
  else if (!has_title)
    {
      g_clear_pointer (&self->problem_text, g_free);
      self->problem_text = g_strdup (_("Choose the column that holds the cards’ titles."));
      g_ptr_array_set_size (self->cards, 0);
    }

  clear_preview (self);
  for (guint i = 0; i < MIN (self->cards->len, PREVIEW_CARDS); i++)
    gtk_list_box_append (self->preview, preview_row (g_ptr_array_index (self->cards, i)));
  /* Translators: the preview's heading; %u is a number of cards. */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Preview: %u Card", "Preview: %u Cards",
                                          self->cards->len),
                             self->cards->len);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->preview),
                                                                                   ADW_TYPE_PREFERENCES_GROUP)),
                                   summary);
  gtk_label_set_text (self->problems, self->problem_text != NULL ? self->problem_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems), self->problem_text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply",
                                 self->problem_text == NULL && self->cards->len > 0);
}

static void
on_combo_changed (JmImportDialog *self)
{
  update (self);
}

/* The field a column fills at first: as its name was last imported, or
 * as its header says. */
static JmCardField
first_field (JmImportDialog *self,
             guint           column)
{
  const char *header = header_of (self, column);
  g_autofree char *key = g_utf8_strdown (header, -1);
  const char *remembered = NULL;
  g_autoptr(GVariant) known = NULL;

  g_strstrip (key);
  if (self->settings != NULL && *key != '\0')
    {
      known = g_settings_get_value (self->settings, "import-columns");
      if (g_variant_lookup (known, key, "&s", &remembered))
        {
          for (int f = 0; f < JM_N_CARD_FIELDS; f++)
            if (g_str_equal (remembered, jm_card_field_get_id (f)))
              return f;
          return JM_CARD_FIELD_NONE;
        }
    }
  return jm_card_field_from_header (header);
}

static void
build_columns (JmImportDialog *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  gboolean any_header = FALSE;

  gtk_string_list_append (choices, _("Leave Out"));
  for (int f = 0; f < JM_N_CARD_FIELDS; f++)
    gtk_string_list_append (choices, jm_card_field_get_label (f));

  for (guint c = 0; c < self->n_columns; c++)
    {
      AdwComboRow *combo = ADW_COMBO_ROW (adw_combo_row_new ());
      JmCardField field = first_field (self, c);
      g_autofree char *title = NULL;
      const char *header = header_of (self, c);

      any_header |= field != JM_CARD_FIELD_NONE;
      /* Translators: a column of an imported table, by number and first cell. */
      title = g_strdup_printf (_("Column %u: %s"), c + 1, *header != '\0' ? header : _("(empty)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
      adw_combo_row_set_model (combo, G_LIST_MODEL (choices));
      adw_combo_row_set_selected (combo, field == JM_CARD_FIELD_NONE ? 0 : (guint) field + 1);
      g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (on_combo_changed), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (combo));
      g_ptr_array_add (self->combos, combo);
    }
  /* A table whose first row names no field is taken as all cards, its
   * first column the titles. */
  if (!any_header && self->n_columns > 0)
    adw_combo_row_set_selected (g_ptr_array_index (self->combos, 0), JM_CARD_FIELD_TITLE + 1);
  gtk_switch_set_active (self->header_switch, any_header);
}

static void
on_header_toggled (JmImportDialog *self)
{
  if (self->combos->len == self->n_columns)
    update (self);
}

static void
remember_columns (JmImportDialog *self)
{
  g_autoptr(GVariant) known = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (self->settings == NULL || !gtk_switch_get_active (self->header_switch))
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autofree char *name = g_utf8_strdown (header_of (self, c), -1);
      JmCardField field = column_field (self, c);

      g_strstrip (name);
      if (*name == '\0' || g_hash_table_contains (now, name))
        continue;
      g_variant_builder_add (&builder, "{ss}", name, field == JM_CARD_FIELD_NONE ? "" : jm_card_field_get_id (field));
      g_hash_table_add (now, g_steal_pointer (&name));
    }
  known = g_settings_get_value (self->settings, "import-columns");
  g_variant_iter_init (&iter, known);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_hash_table_contains (now, key))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_settings_set_value (self->settings, "import-columns", g_variant_builder_end (&builder));
}

static void
action_apply (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JmImportDialog *self = JM_IMPORT_DIALOG (widget);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new ();
  g_autoptr(GPtrArray) lanes = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = NULL;

  update (self);
  if (self->problem_text != NULL || self->cards->len == 0)
    return;
  for (guint i = 0; i < self->cards->len; i++)
    {
      JmCardImport *import = g_ptr_array_index (self->cards, i);

      g_ptr_array_add (cards, import->card);
      g_ptr_array_add (stages, import->stage);
      g_ptr_array_add (lanes, import->lane);
    }
  added = jm_edits_import_cards (self->map, cards, stages, lanes);
  remember_columns (self);
  g_signal_emit (self, signals[IMPORTED], 0, added->len);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jm_import_dialog_dispose (GObject *object)
{
  JmImportDialog *self = JM_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->map);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->combos, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->problem_text, g_free);

  G_OBJECT_CLASS (jm_import_dialog_parent_class)->dispose (object);
}

static void
jm_import_dialog_class_init (JmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_import_dialog_dispose;

  /**
   * JmImportDialog::imported:
   * @n_cards: how many cards came in, as one undo step
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymapper/JourneyMapper/jm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JmImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, JmImportDialog, header_switch);
  gtk_widget_class_bind_template_child (widget_class, JmImportDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, JmImportDialog, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_header_toggled);
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, action_apply);
}

static void
jm_import_dialog_init (JmImportDialog *self)
{
  self->combos = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * jm_import_dialog_new:
 * @map: the map the cards come into
 * @text: the table, as UTF-8
 * @name: the file's name, for the title
 * @settings: (nullable): where column names' fields are remembered
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
JmImportDialog *
jm_import_dialog_new (GtkWindow  *parent,
                      JmMap      *map,
                      const char *text,
                      const char *name,
                      GSettings  *settings)
{
  JmImportDialog *self = g_object_new (JM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self->map = g_object_ref (map);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  adw_window_title_set_subtitle (self->window_title, name);
  self->rows = jm_card_table_read (text, jm_card_table_guess_separator (text), MAX_ROWS);
  for (guint r = 0; r < self->rows->len; r++)
    self->n_columns = MAX (self->n_columns,
                           g_strv_length (((JmCardRow *) g_ptr_array_index (self->rows, r))->cells));
  self->n_columns = MIN (self->n_columns, MAX_COLUMNS);
  if (self->rows->len > 0)
    build_columns (self);
  update (self);
  return self;
}

guint
jm_import_dialog_get_n_cards (JmImportDialog *self)
{
  g_return_val_if_fail (JM_IS_IMPORT_DIALOG (self), 0);

  return self->cards != NULL ? self->cards->len : 0;
}

/**
 * jm_import_dialog_get_problems:
 *
 * Returns: (nullable): what keeps the table from being imported as the
 *   columns are mapped now, one line each
 */
const char *
jm_import_dialog_get_problems (JmImportDialog *self)
{
  g_return_val_if_fail (JM_IS_IMPORT_DIALOG (self), NULL);

  return self->problem_text;
}
