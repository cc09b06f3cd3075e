/* jm-print.c: printing a map with the same pages as the PDF export
 *
 * The paper comes from the print dialog's page setup; the layout, tiling
 * and lanes from the export options. Pages are laid out when printing
 * begins, from a copy of the map, and drawn by the export code.
 *
 * To print from a window:
 *
 *   g_autoptr(JmPrintOperation) op = jm_print_operation_new (map, &options);
 *   gtk_print_operation_run (GTK_PRINT_OPERATION (op),
 *                            GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
 *                            GTK_WINDOW (window), &error);
 *
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
