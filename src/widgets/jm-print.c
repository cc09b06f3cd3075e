/* jm-print.c: printing a map with the same pages as the PDF export
 *
 * The paper comes from the print dialog's page setup; the layout, tiling
 * and lanes from the export options, which the dialog's Layout tab lets
 * the user change (template grid, board or persona sheets; one sheet per
 * page or a poster across several sheets). Pages are laid out when
 * printing begins, from a copy of the map, and drawn by the export code.
 *
 * To print from a window:
 *
 *   g_autoptr(JmPrintOperation) op = jm_print_operation_new (map, &options);
 *   gtk_print_operation_run (GTK_PRINT_OPERATION (op),
 *                            GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
 *                            GTK_WINDOW (window), &error);
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-print.h"

struct _JmPrintOperation
{
  GtkPrintOperation parent_instance;

  JmMap            *map;
  JmExportOptions   options;
  JmExportPlan     *plan;

  /* The print dialog's Layout tab, while it exists. */
  GtkDropDown      *layout_drop;
  GtkCheckButton   *poster_check;
  GtkSpinButton    *columns_spin;
  GtkSpinButton    *rows_spin;
  GtkWidget        *sheets_grid;
};

G_DEFINE_FINAL_TYPE (JmPrintOperation, jm_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
jm_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  JmPrintOperation *self = JM_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  /* The full page in points (see init): the page setup's size, already
   * turned to its orientation. */
  jm_export_options_copy (&options, &self->options);
  options.paper_width = MIN (width, height);
  options.paper_height = MAX (width, height);
  options.landscape = width > height;

  g_clear_pointer (&self->plan, jm_export_plan_unref);
  self->plan = jm_export_plan_new (self->map, &options, &error);
  jm_export_options_clear (&options);

  if (self->plan == NULL)
    {
      g_warning ("Cannot lay the map out for printing: %s", error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, (int) jm_export_plan_get_n_pages (self->plan));
}

static void
jm_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  JmPrintOperation *self = JM_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  if (self->plan == NULL || page_nr < 0 || (guint) page_nr >= jm_export_plan_get_n_pages (self->plan))
    return;
  jm_export_plan_draw_page (self->plan, cr, (guint) page_nr);
}

static void
jm_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  JmPrintOperation *self = JM_PRINT_OPERATION (operation);

  g_clear_pointer (&self->plan, jm_export_plan_unref);
}

static const char *layout_labels[] = { N_("Template grid"), N_("Board"), N_("Persona sheets"),
                                       N_("What to fix first"), NULL };

static void
update_tab_sensitivity (JmPrintOperation *self)
{
  /* Persona sheets are one sheet per persona, never a poster. */
  gboolean posterable = !JM_EXPORT_LAYOUT_IS_SHEETS (gtk_drop_down_get_selected (self->layout_drop));

  gtk_widget_set_sensitive (GTK_WIDGET (self->poster_check), posterable);
  gtk_widget_set_sensitive (self->sheets_grid,
                            posterable && gtk_check_button_get_active (self->poster_check));
}

static GtkSpinButton *
sheets_spin (GtkGrid    *grid,
             int         row,
             const char *label,
             guint       value)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 26, 1);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), MAX (value, 1));
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
jm_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  JmPrintOperation *self = JM_PRINT_OPERATION (operation);
  const JmExportOptions *o = &self->options;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Layout"));
  g_autoptr(GtkStringList) layouts = gtk_string_list_new (NULL);
  GtkWidget *grid = gtk_grid_new ();

  for (guint i = 0; layout_labels[i] != NULL; i++)
    gtk_string_list_append (layouts, _(layout_labels[i]));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->layout_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (layouts)), NULL));
  gtk_drop_down_set_selected (self->layout_drop, (guint) o->layout);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->layout_drop));
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->layout_drop));
  gtk_box_append (GTK_BOX (box), row);

  self->poster_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Print as a _poster across several sheets")));
  gtk_check_button_set_active (self->poster_check, o->tile_columns > 0 && o->tile_rows > 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->poster_check));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 24);
  self->columns_spin = sheets_spin (GTK_GRID (grid), 0, _("Sheets _across"),
                                    o->tile_columns > 0 ? o->tile_columns : 3);
  self->rows_spin = sheets_spin (GTK_GRID (grid), 1, _("Sheets _down"),
                                 o->tile_rows > 0 ? o->tile_rows : 2);
  self->sheets_grid = grid;
  gtk_box_append (GTK_BOX (box), grid);

  g_signal_connect_object (self->layout_drop, "notify::selected",
                           G_CALLBACK (update_tab_sensitivity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->poster_check, "toggled",
                           G_CALLBACK (update_tab_sensitivity), self, G_CONNECT_SWAPPED);
  update_tab_sensitivity (self);

  gtk_print_operation_set_custom_tab_label (operation, _("Map Layout"));
  return box;
}

static void
jm_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                        GtkWidget         *widget)
{
  JmPrintOperation *self = JM_PRINT_OPERATION (operation);
  JmExportOptions *o = &self->options;
  guint layout = gtk_drop_down_get_selected (self->layout_drop);

  if (layout <= JM_EXPORT_LAYOUT_FIX)
    o->layout = (JmExportLayout) layout;
  o->scale = 0;
  if (!JM_EXPORT_LAYOUT_IS_SHEETS (o->layout) && gtk_check_button_get_active (self->poster_check))
    {
      o->tile_columns = (guint) gtk_spin_button_get_value_as_int (self->columns_spin);
      o->tile_rows = (guint) gtk_spin_button_get_value_as_int (self->rows_spin);
    }
  else
    {
      o->tile_columns = 0;
      o->tile_rows = 0;
    }
}

static void
jm_print_operation_finalize (GObject *object)
{
  JmPrintOperation *self = JM_PRINT_OPERATION (object);

  g_clear_pointer (&self->plan, jm_export_plan_unref);
  g_clear_object (&self->map);
  jm_export_options_clear (&self->options);

  G_OBJECT_CLASS (jm_print_operation_parent_class)->finalize (object);
}

static void
jm_print_operation_class_init (JmPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = jm_print_operation_finalize;
  print_class->begin_print = jm_print_operation_begin_print;
  print_class->draw_page = jm_print_operation_draw_page;
  print_class->end_print = jm_print_operation_end_print;
  print_class->create_custom_widget = jm_print_operation_create_custom_widget;
  print_class->custom_widget_apply = jm_print_operation_custom_widget_apply;
}

static void
jm_print_operation_init (JmPrintOperation *self)
{
  /* Our pages carry their own margins, crop marks and labels: draw from
   * the sheet's edge, in points. */
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  jm_export_options_init (&self->options);
}

/**
 * jm_print_operation_new:
 * @map: the map to print
 * @options: layout, lanes and poster choices; their paper size and
 *   orientation become the default page setup, which the print dialog
 *   may change
 *
 * Returns: (transfer full): a print operation to run
 */
JmPrintOperation *
jm_print_operation_new (JmMap                 *map,
                        const JmExportOptions *options)
{
  JmPrintOperation *self;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (JM_TYPE_PRINT_OPERATION, NULL);
  self->map = g_object_ref (map);
  jm_export_options_clear (&self->options);
  jm_export_options_copy (&self->options, options);

  paper = gtk_paper_size_new_custom ("journey-mapper", _("Export paper"),
                                     options->paper_width, options->paper_height,
                                     GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, options->landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                            : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self),
                                    jm_map_get_title (map) != NULL ? jm_map_get_title (map)
                                                                   : _("Journey map"));
  return self;
}
