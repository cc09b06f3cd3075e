/* jm-export-dialog.c: choose a layout, paper and tiling, see the pages,
 * and export them
 *
 * The preview draws the very pages the export writes, through the same
 * plan. Laying the pages out and writing them run in worker threads (the
 * plan holds its own copy of the map): the dialog stays responsive with a
 * big map, shows progress and can cancel.
 *
 * To open it from a window:
 *
 *   JmExportDialog *dialog = jm_export_dialog_new (GTK_WINDOW (window), map, file);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *
 * @file is the suggested output (or %NULL); the dialog asks where to save
 * with a file chooser when Export is pressed.
 *
 * Its controls are the template ui/jm-export-dialog.ui; a row per persona,
 * the paper names and the scores that colour cards are added here. Rows
 * show only where they apply: the slide for PNG and SVG, the resolution
 * or width in pixels for PNG, the colour of cards for the grid and the
 * board, posters for PDF. The file's name, when chosen, has the last word
 * on its format. Under the preview, a label says how
 * far away the pages can be read and, for a wall preset, what it chose.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-export-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jm-app-resources.h"
#include "jm-export-dialog.h"

/* In the order of the size row's model in the template. */
enum { MODE_FIT, MODE_TILES, MODE_SCALE, MODE_SHEETS };
/* In the order of the picture size row's model. */
enum { PICTURE_BY_DPI, PICTURE_BY_WIDTH };

struct _JmExportDialog
{
  AdwWindow        parent_instance;

  JmMap           *map;
  GFile           *suggested;
  JmExportOptions  options;
  JmExportPlan    *plan;
  JmExportPlan    *laying_out;   /* being laid out in a worker, or NULL */
  gboolean         relayout;     /* the controls changed meanwhile */
  guint            page;
  guint            rebuild_id;
  cairo_surface_t *preview_cache;
  guint            preview_page;
  int              preview_width;
  int              preview_height;

  GCancellable    *cancellable;
  gboolean         disposed;     /* an export may end after the window is gone */
  gboolean         applying;     /* controls being set from options */
  GtkFileChooserNative *chooser;
  int             *progress;     /* per mille, shared with the export's worker, read on a timer */
  guint            progress_id;

  AdwComboRow     *format_row;
  AdwComboRow     *picture_size_row;
  GtkSwitch       *slide_switch;
  GtkSpinButton   *dpi_spin;
  GtkSpinButton   *pixel_width_spin;
  GtkWidget       *slide_box;
  GtkWidget       *dpi_box;
  GtkWidget       *pixel_width_box;
  GtkWidget       *size_group;
  AdwComboRow     *colour_row;
  AdwComboRow     *layout_row;
  AdwComboRow     *paper_row;
  AdwEntryRow     *custom_row;
  AdwComboRow     *orientation_row;
  AdwComboRow     *mode_row;
  GtkSpinButton   *columns_spin;
  GtkSpinButton   *rows_spin;
  GtkSpinButton   *scale_spin;
  GtkSpinButton   *overlap_spin;
  GtkSpinButton   *margin_spin;
  GtkSpinButton   *sheets_spin;
  GtkSwitch       *together_switch;
  GtkWidget       *tiles_box;
  GtkWidget       *rows_box;
  GtkWidget       *sheets_box;
  GtkWidget       *scale_box;
  GtkWidget       *overlap_box;
  GtkWidget       *together_box;
  AdwPreferencesGroup *persona_group;
  GtkLabel        *distance_label; /* how far away the pages can be read */
  GPtrArray       *persona_checks;   /* GtkCheckButton, in map order */
  GtkDrawingArea  *preview;
  GtkLabel        *page_label;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkLabel        *hint_label;    /* sheets a poster leaves blank */
  GtkButton       *suggest_button; /* ...and the tiling that prints it larger */
  guint            suggested_columns;
  guint            suggested_rows;
  GtkButton       *prev_button;
  GtkButton       *next_button;
  GtkButton       *export_button;
  GtkButton       *cancel_button;
  GtkProgressBar  *progress_bar;
  GtkRevealer     *progress_revealer;
};

G_DEFINE_FINAL_TYPE (JmExportDialog, jm_export_dialog, ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_status (JmExportDialog *self,
            const char     *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* Says from how far away the pages laid out can be read and, for a wall
 * preset, which sheets and lanes it chose. */
static void
update_distance (JmExportDialog *self)
{
  g_autofree char *distance = NULL;
  g_autofree char *text = NULL;
  guint columns, rows;
  double width, height;

  if (self->plan == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->distance_label), FALSE);
      return;
    }
  distance = jm_export_describe_distance (jm_export_plan_get_smallest_text (self->plan));
  if (self->options.sheets > 0 && jm_export_plan_get_tiles (self->plan, &columns, &rows))
    {
      const char *lanes = "";
      g_autofree char *side = NULL;

      if (self->options.layout == JM_EXPORT_LAYOUT_GRID && jm_export_plan_get_lanes_together (self->plan))
        lanes = _(", lanes in one grid");
      else if (self->options.layout == JM_EXPORT_LAYOUT_GRID &&
               jm_export_plan_get_lanes_across (self->plan) > 1)
        /* Translators: %u counts grids, one per persona, set side by side */
        lanes = side = g_strdup_printf (_(", a grid per persona, %u side by side"),
                                        jm_export_plan_get_lanes_across (self->plan));
      else if (self->options.layout == JM_EXPORT_LAYOUT_GRID)
        lanes = _(", a grid per persona, stacked");
      jm_export_plan_get_page_size (self->plan, &width, &height);
      text = g_strdup_printf (width > height
                              /* Translators: sheets across and down, then what the
                               * lanes are (", lanes in one grid"), then how far away
                               * the print can be read */
                              ? _("%u\u00a0×\u00a0%u landscape sheets%s. %s")
                              : _("%u\u00a0×\u00a0%u portrait sheets%s. %s"),
                              columns, rows, lanes, distance);
    }
  gtk_label_set_text (self->distance_label, text != NULL ? text : distance);
  gtk_widget_set_visible (GTK_WIDGET (self->distance_label), TRUE);
}

/* Says which sheets of the poster laid out come out blank, if any, and
 * offers the tiling that prints it larger. */
static void
update_hint (JmExportDialog *self)
{
  g_autofree char *text = self->plan != NULL
    ? jm_export_plan_describe_blank_tiles (self->plan, FALSE) : NULL;
  gboolean suggest = self->plan != NULL &&
    jm_export_plan_suggest_tiles (self->plan, &self->suggested_columns, &self->suggested_rows, NULL);

  if (text != NULL)
    {
      /* "3 × 2" stays on one line: no-break spaces around the sign. */
      g_auto(GStrv) parts = g_strsplit (text, " × ", -1);

      g_free (text);
      text = g_strjoinv ("\u00a0×\u00a0", parts);
    }
  gtk_label_set_text (self->hint_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL);
  if (suggest)
    {
      /* Translators: a button; the sheets across and down */
      g_autofree char *label = g_strdup_printf (_("Use %u × %u Sheets"),
                                                self->suggested_columns, self->suggested_rows);

      gtk_button_set_label (self->suggest_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggest_button), suggest);
  update_distance (self);
}

static void
on_suggest_clicked (JmExportDialog *self)
{
  gtk_spin_button_set_value (self->columns_spin, self->suggested_columns);
  gtk_spin_button_set_value (self->rows_spin, self->suggested_rows);
}

static void
update_page_label (JmExportDialog *self)
{
  guint n = self->plan != NULL ? jm_export_plan_get_n_pages (self->plan) : 0;
  g_autofree char *text = NULL;

  if (n > 0)
    {
      guint cols = 0, rows = 0;

      if (jm_export_plan_get_tiles (self->plan, &cols, &rows))
        text = g_strdup_printf (_("Page %u of %u (assembly page and %u × %u sheets)"),
                                self->page + 1, n, cols, rows);
      else
        text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
    }
  else if (self->laying_out != NULL)
    text = g_strdup (_("Laying out pages…"));
  gtk_label_set_text (self->page_label, text != NULL ? text : "");
  gtk_spinner_set_spinning (self->spinner, self->laying_out != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->laying_out != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->prev_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->page + 1 < n);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), n > 0 && self->cancellable == NULL);
}

/* The format chosen, and with it the picture's size: a picture is one
 * image of the whole layout, never a poster. */
static void
read_picture_controls (JmExportDialog  *self,
                       JmExportOptions *o)
{
  JmExportFormat format = (JmExportFormat) adw_combo_row_get_selected (self->format_row);
  gboolean by_width = adw_combo_row_get_selected (self->picture_size_row) == PICTURE_BY_WIDTH;

  o->slide = format != JM_EXPORT_FORMAT_PDF && gtk_switch_get_active (self->slide_switch);
  o->dpi = format == JM_EXPORT_FORMAT_PNG && !o->slide && !by_width
    ? gtk_spin_button_get_value (self->dpi_spin) : 0;
  o->pixel_width = format == JM_EXPORT_FORMAT_PNG && !o->slide && by_width
    ? (guint) gtk_spin_button_get_value_as_int (self->pixel_width_spin) : 0;
  if (format == JM_EXPORT_FORMAT_PDF)
    return;
  o->tile_columns = o->tile_rows = 0;
  o->scale = 0;
  o->sheets = 0;
  o->turn_to_fit = FALSE;
  o->lanes_auto = FALSE;
}

/* Shows the rows that apply to the format and the layout chosen. */
static void
update_rows (JmExportDialog *self)
{
  JmExportFormat format = (JmExportFormat) adw_combo_row_get_selected (self->format_row);
  JmExportLayout layout = (JmExportLayout) adw_combo_row_get_selected (self->layout_row);
  gboolean picture = format == JM_EXPORT_FORMAT_PNG && !gtk_switch_get_active (self->slide_switch);
  guint by = adw_combo_row_get_selected (self->picture_size_row);
  guint mode = adw_combo_row_get_selected (self->mode_row);
  gboolean poster = format == JM_EXPORT_FORMAT_PDF && mode != MODE_FIT;

  gtk_widget_set_visible (self->slide_box, format != JM_EXPORT_FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->picture_size_row), picture);
  gtk_widget_set_visible (self->dpi_box, picture && by == PICTURE_BY_DPI);
  gtk_widget_set_visible (self->pixel_width_box, picture && by == PICTURE_BY_WIDTH);
  /* Cards are coloured where the grid and the board print them. */
  gtk_widget_set_visible (GTK_WIDGET (self->colour_row),
                          layout == JM_EXPORT_LAYOUT_GRID || layout == JM_EXPORT_LAYOUT_BOARD);
  gtk_widget_set_visible (self->size_group, format == JM_EXPORT_FORMAT_PDF);

  gtk_widget_set_visible (self->tiles_box, mode == MODE_TILES);
  gtk_widget_set_visible (self->rows_box, mode == MODE_TILES);
  gtk_widget_set_visible (self->sheets_box, mode == MODE_SHEETS);
  gtk_widget_set_visible (self->scale_box, mode == MODE_SCALE);
  gtk_widget_set_visible (self->overlap_box, poster);
  gtk_widget_set_visible (GTK_WIDGET (self->orientation_row), !poster || mode != MODE_SHEETS);
  gtk_widget_set_visible (self->together_box,
                          (!poster || mode != MODE_SHEETS) && layout == JM_EXPORT_LAYOUT_GRID);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row),
                          adw_combo_row_get_selected (self->paper_row) >=
                          g_strv_length ((char **) jm_paper_list_names ()));
}

/* Reads the controls into @o; FALSE with a message when a value cannot be
 * used (a custom paper size that cannot be read keeps the size @o had;
 * the other values are read all the same). */
static gboolean
read_controls (JmExportDialog   *self,
               JmExportOptions  *o,
               GError          **error)
{
  guint paper = adw_combo_row_get_selected (self->paper_row);
  const char * const *papers = jm_paper_list_names ();
  guint mode = adw_combo_row_get_selected (self->mode_row);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GListModel *personas = jm_map_get_personas (self->map);
  gboolean paper_ok = TRUE;

  o->layout = (JmExportLayout) adw_combo_row_get_selected (self->layout_row);
  o->colour_by = (JmColourBy) adw_combo_row_get_selected (self->colour_row);
  if (paper < g_strv_length ((char **) papers))
    jm_paper_parse (papers[paper], &o->paper_width, &o->paper_height, NULL);
  else
    paper_ok = jm_paper_parse (gtk_editable_get_text (GTK_EDITABLE (self->custom_row)),
                               &o->paper_width, &o->paper_height, error);
  o->landscape = adw_combo_row_get_selected (self->orientation_row) == 1;
  o->margin = JM_MM_TO_PT (gtk_spin_button_get_value (self->margin_spin));
  o->overlap = JM_MM_TO_PT (gtk_spin_button_get_value (self->overlap_spin));
  o->tile_columns = mode == MODE_TILES ? (guint) gtk_spin_button_get_value_as_int (self->columns_spin) : 0;
  o->tile_rows = mode == MODE_TILES ? (guint) gtk_spin_button_get_value_as_int (self->rows_spin) : 0;
  o->scale = mode == MODE_SCALE ? gtk_spin_button_get_value (self->scale_spin) / 100 : 0;
  o->sheets = mode == MODE_SHEETS ? (guint) gtk_spin_button_get_value_as_int (self->sheets_spin) : 0;
  o->lanes_together = gtk_switch_get_active (self->together_switch);
  /* A wall preset turns the sheets and arranges the lanes to print largest. */
  o->turn_to_fit = mode == MODE_SHEETS;
  o->lanes_auto = mode == MODE_SHEETS;
  read_picture_controls (self, o);

  for (guint i = 0; i < self->persona_checks->len && i < g_list_model_get_n_items (personas); i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->persona_checks, i)))
      {
        g_autoptr(JmPersona) persona = g_list_model_get_item (personas, i);
        g_strv_builder_add (ids, jm_persona_get_id (persona));
      }
  g_clear_pointer (&o->persona_ids, g_strfreev);
  o->persona_ids = g_strv_builder_end (ids);
  if (!paper_ok)
    return FALSE;
  if (o->persona_ids[0] == NULL)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_INVALID_OPTION,
                   _("Choose at least one persona"));
      return FALSE;
    }
  return TRUE;
}

static void rebuild_plan (JmExportDialog *self);

/* A worker's callback finds the dialog through a weak reference: it
 * neither keeps a closed dialog alive after its parent window (whose
 * going it would then miss) nor lets it go in the worker's thread, where
 * a task ends when the worker lets go of it last. */
static GWeakRef *
weak_self (JmExportDialog *self)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* The dialog of a callback, if it is still there; frees @data. */
static JmExportDialog *
take_weak_self (gpointer data)
{
  GWeakRef *ref = data;
  JmExportDialog *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static void
lay_out_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (jm_export_plan_lay_out (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
lay_out_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(JmExportDialog) self = take_weak_self (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL || self->disposed)
    return;
  plan = g_steal_pointer (&self->laying_out);

  /* Choices made while this one was laid out: lay those out now. */
  if (self->relayout)
    {
      self->relayout = FALSE;
      rebuild_plan (self);
      return;
    }

  g_clear_pointer (&self->plan, jm_export_plan_unref);
  g_clear_pointer (&self->preview_cache, cairo_surface_destroy);
  if (ok)
    self->plan = g_steal_pointer (&plan);
  set_status (self, error != NULL ? error->message : NULL);
  update_hint (self);
  if (self->plan != NULL && self->page >= jm_export_plan_get_n_pages (self->plan))
    self->page = 0;
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

/* Lays the pages out again from the controls, in a worker: measuring a
 * big map's text takes seconds. One layout at a time; choices made
 * meanwhile are laid out when it ends. */
static void
rebuild_plan (JmExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  update_rows (self);

  if (self->laying_out != NULL)
    {
      self->relayout = TRUE;
      return;
    }

  if (read_controls (self, &self->options, &error))
    self->laying_out = jm_export_plan_prepare (self->map, &self->options, &error);
  if (self->laying_out == NULL)
    {
      g_clear_pointer (&self->plan, jm_export_plan_unref);
      g_clear_pointer (&self->preview_cache, cairo_surface_destroy);
      set_status (self, error->message);
      update_hint (self);
      update_page_label (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->preview));
      return;
    }

  set_status (self, NULL);
  update_page_label (self);
  /* Not the task's source object: see weak_self(). */
  task = g_task_new (NULL, NULL, lay_out_done_cb, weak_self (self));
  g_task_set_source_tag (task, rebuild_plan);
  g_task_set_task_data (task, jm_export_plan_ref (self->laying_out),
                        (GDestroyNotify) jm_export_plan_unref);
  g_task_run_in_thread (task, lay_out_thread);
}

/* Lays out what the controls show now, if that is not done yet, waiting
 * for it. */
static void
flush_layout (JmExportDialog *self)
{
  if (self->rebuild_id != 0)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      rebuild_plan (self);
    }
  while (self->laying_out != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
rebuild_timeout_cb (gpointer data)
{
  JmExportDialog *self = data;

  self->rebuild_id = 0;
  rebuild_plan (self);
  return G_SOURCE_REMOVE;
}

/* Controls change in bursts (a spin button held down): lay out once the
 * burst is over. */
static void
on_control_changed (JmExportDialog *self)
{
  if (self->disposed)
    return;
  /* The rows that apply show at once; the pages follow. */
  update_rows (self);
  if (self->rebuild_id != 0)
    g_source_remove (self->rebuild_id);
  self->rebuild_id = g_timeout_add (150, rebuild_timeout_cb, self);
}

/* Persona sheets read best upright, grids and boards across: follow the
 * layout, which the orientation row can still override. */
static void
on_layout_changed (JmExportDialog *self)
{
  if (self->applying)
    return;
  adw_combo_row_set_selected (self->orientation_row,
                              JM_EXPORT_LAYOUT_IS_SHEETS (adw_combo_row_get_selected (self->layout_row))
                              ? 0 : 1);
}

static void
preview_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        data)
{
  JmExportDialog *self = data;
  double pw, ph, s, x, y;

  if (self->plan == NULL)
    return;

  jm_export_plan_get_page_size (self->plan, &pw, &ph);
  s = MIN ((width - 24) / pw, (height - 24) / ph);
  if (s <= 0)
    return;
  x = (width - pw * s) / 2;
  y = (height - ph * s) / 2;

  /* A drawn page is kept until the layout, the page or the size changes:
   * an assembly page redraws the whole poster. */
  if (self->preview_cache == NULL || self->preview_page != self->page ||
      self->preview_width != width || self->preview_height != height)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
      cairo_t *pcr;

      g_clear_pointer (&self->preview_cache, cairo_surface_destroy);
      self->preview_cache = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                        MAX (1, (int) (pw * s * scale)),
                                                        MAX (1, (int) (ph * s * scale)));
      pcr = cairo_create (self->preview_cache);
      cairo_set_source_rgb (pcr, 1, 1, 1);
      cairo_paint (pcr);
      cairo_scale (pcr, s * scale, s * scale);
      jm_export_plan_draw_page (self->plan, pcr, self->page);
      cairo_destroy (pcr);
      cairo_surface_set_device_scale (self->preview_cache, scale, scale);
      self->preview_page = self->page;
      self->preview_width = width;
      self->preview_height = height;
    }

  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x + 2, y + 3, pw * s, ph * s);
  cairo_fill (cr);
  cairo_set_source_surface (cr, self->preview_cache, x, y);
  cairo_paint (cr);
}

static void
on_prev_clicked (JmExportDialog *self)
{
  if (self->page > 0)
    self->page--;
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
on_next_clicked (JmExportDialog *self)
{
  if (self->plan != NULL && self->page + 1 < jm_export_plan_get_n_pages (self->plan))
    self->page++;
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

/* ------------------------------------------------------------- export */

typedef struct
{
  JmExportPlan  *plan;
  GFile         *file;
  JmExportFormat format;
  int           *progress;  /* shared with the dialog */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  jm_export_plan_unref (job->plan);
  g_object_unref (job->file);
  g_atomic_rc_box_release (job->progress);
  g_free (job);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  ExportJob *job = data;

  g_atomic_int_set (job->progress, (int) (fraction * 1000));
}

static gboolean
progress_tick_cb (gpointer data)
{
  JmExportDialog *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (self->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (jm_export_plan_lay_out (job->plan, &error) &&
      jm_export_plan_write (job->plan, job->file, job->format, cancellable,
                            progress_cb, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(JmExportDialog) self = take_weak_self (data);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL || self->disposed)
    return;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_page_label (self);

  if (!ok)
    set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                      ? _("Export cancelled; no file was written.") : error->message);
  g_signal_emit (self, signals[FINISHED], 0, ok);
  if (ok)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * jm_export_dialog_export_to:
 * @self: the dialog
 * @file: where to write; its extension (.pdf, .png, .svg) names the format
 *
 * Exports the pages as shown in a worker thread. The dialog emits
 * #JmExportDialog::finished when done, and closes itself on success.
 */
void
jm_export_dialog_export_to (JmExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autofree char *path = NULL;
  ExportJob *job;
  JmExportFormat format;

  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;
  path = g_file_get_basename (file);
  if (!jm_export_format_for_path (path, &format, &error))
    {
      set_status (self, error->message);
      g_signal_emit (self, signals[FINISHED], 0, FALSE);
      return;
    }
  /* The file's name has the last word on its format: the picture's
   * controls are those of that format (the change lays the pages out
   * again, below). */
  if (adw_combo_row_get_selected (self->format_row) != (guint) format)
    adw_combo_row_set_selected (self->format_row, format);

  /* The pages the controls show, laid out by now or, when the controls
   * changed since, in the export's worker. */
  if (self->rebuild_id != 0 || self->laying_out != NULL)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      if (read_controls (self, &self->options, &error))
        plan = jm_export_plan_prepare (self->map, &self->options, &error);
    }
  else if (self->plan != NULL)
    plan = jm_export_plan_ref (self->plan);
  if (plan == NULL)
    {
      set_status (self, error != NULL ? error->message : _("Nothing to export"));
      g_signal_emit (self, signals[FINISHED], 0, FALSE);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->plan = g_steal_pointer (&plan);
  job->file = g_object_ref (file);
  job->format = format;
  job->progress = g_atomic_rc_box_acquire (self->progress);

  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (self->progress, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  set_status (self, NULL);
  update_page_label (self);
  self->progress_id = g_timeout_add (100, progress_tick_cb, self);

  /* Not the task's source object: see weak_self(). */
  task = g_task_new (NULL, self->cancellable, export_done_cb, weak_self (self));
  g_task_set_source_tag (task, jm_export_dialog_export_to);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response (JmExportDialog *self,
                     int             response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    jm_export_dialog_export_to (self, file);
}

static void
on_export_clicked (JmExportDialog *self)
{
  GtkFileFilter *filter;
  g_autofree char *name = NULL;

  self->chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF, PNG or SVG"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  if (self->suggested != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->suggested);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
      name = g_file_get_basename (self->suggested);
    }
  else
    name = g_strdup_printf ("%s.pdf", jm_map_get_title (self->map) != NULL &&
                                      *jm_map_get_title (self->map) != '\0'
                                      ? jm_map_get_title (self->map) : _("Journey map"));
  /* Named for the format chosen. */
  {
    static const char *extensions[] = { ".pdf", ".png", ".svg" };
    guint format = adw_combo_row_get_selected (self->format_row);
    char *dot = strrchr (name, '.');

    if (dot != NULL && dot != name)
      *dot = '\0';
    if (format < G_N_ELEMENTS (extensions))
      {
        char *named = g_strconcat (name, extensions[format], NULL);

        g_free (name);
        name = named;
      }
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * jm_export_dialog_cancel:
 * @self: the dialog
 *
 * Stops the export under way, leaving no file behind, as the Cancel
 * button does; with none under way, closes the dialog.
 */
void
jm_export_dialog_cancel (JmExportDialog *self)
{
  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---------------------------------------------------------- building */

/* What the template cannot know: the paper names and a row per persona. */
static void
build_ui (JmExportDialog *self)
{
  GtkStringList *papers = gtk_string_list_new (jm_paper_list_names ());
  GListModel *personas = jm_map_get_personas (self->map);

  gtk_string_list_append (papers, _("Custom size"));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  g_object_unref (papers);

  /* The scores, in the order of JmColourBy, named as the board's menu
   * names them. */
  {
    GtkStringList *scores = gtk_string_list_new (NULL);

    gtk_string_list_append (scores, _("None"));
    gtk_string_list_append (scores, _("Composite score"));
    for (guint m = 0; m < JM_N_MEASURES; m++)
      gtk_string_list_append (scores, jm_measure_get_label (m));
    adw_combo_row_set_model (self->colour_row, G_LIST_MODEL (scores));
    g_object_unref (scores);
  }

  self->persona_checks = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (personas, i);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_persona_get_name (persona));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !jm_persona_get_hidden (persona));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      jm_persona_get_name (persona), -1);
      adw_preferences_group_add (self->persona_group, row);
      g_ptr_array_add (self->persona_checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_control_changed), self);
    }
  gtk_drawing_area_set_draw_func (self->preview, preview_draw_cb, self, NULL);
}

/* Puts @options into the controls. */
static void
apply_options (JmExportDialog        *self,
               const JmExportOptions *options)
{
  const char * const *papers = jm_paper_list_names ();
  guint n_papers = g_strv_length ((char **) papers);
  guint paper = n_papers;
  GListModel *personas = jm_map_get_personas (self->map);

  for (guint i = 0; i < n_papers; i++)
    {
      double w, h;

      jm_paper_parse (papers[i], &w, &h, NULL);
      if (fabs (w - options->paper_width) < 1 && fabs (h - options->paper_height) < 1)
        paper = i;
    }
  if (paper == n_papers)
    {
      g_autofree char *custom = g_strdup_printf ("%.0fx%.0fmm", JM_PT_TO_MM (options->paper_width),
                                                 JM_PT_TO_MM (options->paper_height));
      gtk_editable_set_text (GTK_EDITABLE (self->custom_row), custom);
    }
  self->applying = TRUE;
  adw_combo_row_set_selected (self->layout_row, options->layout);
  self->applying = FALSE;
  adw_combo_row_set_selected (self->paper_row, paper);
  adw_combo_row_set_selected (self->orientation_row, options->landscape ? 1 : 0);
  gtk_spin_button_set_value (self->margin_spin, JM_PT_TO_MM (options->margin));
  gtk_spin_button_set_value (self->overlap_spin, JM_PT_TO_MM (options->overlap));
  gtk_switch_set_active (self->together_switch, options->lanes_together);
  adw_combo_row_set_selected (self->colour_row, options->colour_by);
  gtk_switch_set_active (self->slide_switch, options->slide);
  adw_combo_row_set_selected (self->picture_size_row,
                              options->pixel_width > 0 ? PICTURE_BY_WIDTH : PICTURE_BY_DPI);
  if (options->dpi > 0)
    gtk_spin_button_set_value (self->dpi_spin, options->dpi);
  if (options->pixel_width > 0)
    gtk_spin_button_set_value (self->pixel_width_spin, options->pixel_width);
  if (options->tile_columns > 0)
    {
      adw_combo_row_set_selected (self->mode_row, MODE_TILES);
      gtk_spin_button_set_value (self->columns_spin, options->tile_columns);
      gtk_spin_button_set_value (self->rows_spin, options->tile_rows);
    }
  else if (options->scale > 0)
    {
      adw_combo_row_set_selected (self->mode_row, MODE_SCALE);
      gtk_spin_button_set_value (self->scale_spin, options->scale * 100);
    }
  else if (options->sheets > 0)
    {
      adw_combo_row_set_selected (self->mode_row, MODE_SHEETS);
      gtk_spin_button_set_value (self->sheets_spin, options->sheets);
    }
  else
    adw_combo_row_set_selected (self->mode_row, MODE_FIT);

  for (guint i = 0; i < self->persona_checks->len; i++)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (personas, i);
      gboolean on = options->persona_ids != NULL
        ? g_strv_contains ((const char * const *) options->persona_ids, jm_persona_get_id (persona))
        : !jm_persona_get_hidden (persona);

      gtk_check_button_set_active (g_ptr_array_index (self->persona_checks, i), on);
    }
  g_free (self->options.source_name);
  self->options.source_name = g_strdup (options->source_name);
  self->options.date = options->date;
}

static gboolean
on_close_request (JmExportDialog *self)
{
  /* Closing while writing cancels the export; the temporary file goes. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
jm_export_dialog_dispose (GObject *object)
{
  JmExportDialog *self = JM_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->plan, jm_export_plan_unref);
  g_clear_pointer (&self->laying_out, jm_export_plan_unref);
  g_clear_pointer (&self->preview_cache, cairo_surface_destroy);
  g_clear_pointer (&self->persona_checks, g_ptr_array_unref);
  g_clear_object (&self->map);
  g_clear_object (&self->suggested);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (jm_export_dialog_parent_class)->dispose (object);
}

static void
jm_export_dialog_finalize (GObject *object)
{
  JmExportDialog *self = JM_EXPORT_DIALOG (object);

  jm_export_options_clear (&self->options);
  g_atomic_rc_box_release (self->progress);

  G_OBJECT_CLASS (jm_export_dialog_parent_class)->finalize (object);
}

static void
jm_export_dialog_class_init (JmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_export_dialog_dispose;
  object_class->finalize = jm_export_dialog_finalize;

  /* Referencing the resource keeps it linked from the static library (its
   * constructor then registers it) in programs that use no other template. */
  g_assert (jm_app_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-export-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, JmExportDialog, name)
  CHILD (format_row);
  CHILD (picture_size_row);
  CHILD (slide_switch);
  CHILD (dpi_spin);
  CHILD (pixel_width_spin);
  CHILD (slide_box);
  CHILD (dpi_box);
  CHILD (pixel_width_box);
  CHILD (size_group);
  CHILD (colour_row);
  CHILD (layout_row);
  CHILD (paper_row);
  CHILD (custom_row);
  CHILD (orientation_row);
  CHILD (mode_row);
  CHILD (columns_spin);
  CHILD (rows_spin);
  CHILD (sheets_spin);
  CHILD (scale_spin);
  CHILD (overlap_spin);
  CHILD (margin_spin);
  CHILD (together_switch);
  CHILD (tiles_box);
  CHILD (rows_box);
  CHILD (sheets_box);
  CHILD (scale_box);
  CHILD (overlap_box);
  CHILD (together_box);
  CHILD (persona_group);
  CHILD (preview);
  CHILD (page_label);
  CHILD (spinner);
  CHILD (status_label);
  CHILD (distance_label);
  CHILD (hint_label);
  CHILD (suggest_button);
  CHILD (prev_button);
  CHILD (next_button);
  CHILD (export_button);
  CHILD (cancel_button);
  CHILD (progress_bar);
  CHILD (progress_revealer);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, jm_export_dialog_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_control_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_prev_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_clicked);

  /**
   * JmExportDialog::finished:
   * @self: the dialog
   * @success: whether the file was written
   *
   * Emitted when an export ends, written, failed or cancelled.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
jm_export_dialog_init (JmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jm_export_options_init (&self->options);
  self->progress = g_atomic_rc_box_new0 (int);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

/**
 * jm_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @map: the map to export
 * @suggested: (nullable): the output file to suggest
 *
 * Returns: (transfer none): a new dialog, not yet shown; it is destroyed
 *   when closed
 */
JmExportDialog *
jm_export_dialog_new (GtkWindow *parent,
                      JmMap     *map,
                      GFile     *suggested)
{
  JmExportDialog *self;
  JmExportOptions defaults;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (suggested == NULL || G_IS_FILE (suggested), NULL);

  self = g_object_new (JM_TYPE_EXPORT_DIALOG,
                       "modal", parent != NULL,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->map = g_object_ref (map);
  self->suggested = suggested != NULL ? g_object_ref (suggested) : NULL;
  build_ui (self);
  if (suggested != NULL)
    {
      g_autofree char *name = g_file_get_basename (suggested);
      JmExportFormat format;

      if (jm_export_format_for_path (name, &format, NULL))
        adw_combo_row_set_selected (self->format_row, format);
    }

  jm_export_options_init (&defaults);
  defaults.landscape = TRUE;
  if (suggested != NULL)
    defaults.source_name = g_file_get_basename (suggested);
  apply_options (self, &defaults);
  jm_export_options_clear (&defaults);
  rebuild_plan (self);
  return self;
}

/**
 * jm_export_dialog_set_options:
 * @self: the dialog
 * @options: choices to show, for example the last ones used
 */
void
jm_export_dialog_set_options (JmExportDialog        *self,
                              const JmExportOptions *options)
{
  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  apply_options (self, options);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild_plan (self);
}

/**
 * jm_export_dialog_get_options:
 * @self: the dialog
 * @options: (out caller-allocates): the choices shown; free with
 *   jm_export_options_clear()
 */
void
jm_export_dialog_get_options (JmExportDialog  *self,
                              JmExportOptions *options)
{
  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  /* self->options holds what was last laid out; the controls may have
   * changed since, while a layout was under way. A value that cannot be
   * used (a custom size being typed) keeps the last one that could. */
  jm_export_options_copy (options, &self->options);
  read_controls (self, options, NULL);
}

/**
 * jm_export_dialog_get_n_pages:
 * @self: the dialog
 *
 * Waits for the pages to be laid out, if they are being laid out.
 *
 * Returns: the number of pages the current choices give, 0 if they cannot
 *   be laid out
 */
guint
jm_export_dialog_get_n_pages (JmExportDialog *self)
{
  g_return_val_if_fail (JM_IS_EXPORT_DIALOG (self), 0);

  flush_layout (self);
  return self->plan != NULL ? jm_export_plan_get_n_pages (self->plan) : 0;
}
