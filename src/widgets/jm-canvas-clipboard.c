/* jm-canvas-clipboard.c: the board's copy and paste
 *
 * Copy puts the selected cards on the clipboard twice: with every field
 * for another map's window (JM_CARD_TRANSFER_MIME_TYPE), and as rows with
 * a header for a spreadsheet (text). The board also keeps its own copies,
 * so that a paste into the same map keeps links to cards left behind.
 * Paste takes, in this order: those copies while the clipboard still
 * holds what this board put there; cards from another map; rows or lines
 * of text from any app. Copy as Image puts the selected cards (or the
 * whole board) on the clipboard as a picture for slides.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-canvas-internal.h"
#include "jm-card-transfer.h"
#include "jm-edits.h"
#include "jm-export.h"

/* More than any map's cards as JSON: a larger clipboard is not ours. */
#define MAX_CLIPBOARD_BYTES (64 * 1024 * 1024)
/* A picture of the board at twice the points, within this many pixels a side. */
#define IMAGE_SCALE 2.0
#define IMAGE_MAX_SIDE 8000.0

static void
show_toast (JmCanvas   *self,
            const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_clipboard_changed (GdkClipboard *clipboard,
                      JmCanvas     *self)
{
  if (self->clipboard_content != NULL && gdk_clipboard_get_content (clipboard) != self->clipboard_content)
    {
      g_clear_object (&self->clipboard_content);
      g_ptr_array_set_size (self->clipboard, 0);
    }
  _jm_canvas_update_actions (self);
}

void
_jm_canvas_clipboard_init (JmCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  self->clipboard = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (clipboard, "changed", G_CALLBACK (on_clipboard_changed), self, 0);
}

/* The board's own copies belong to its map; another map pastes from the
 * clipboard's JSON instead. */
void
_jm_canvas_clipboard_forget (JmCanvas *self)
{
  g_ptr_array_set_size (self->clipboard, 0);
  g_clear_object (&self->clipboard_content);
}

gboolean
_jm_canvas_can_paste (JmCanvas *self)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (self)));

  return self->clipboard->len > 0 ||
         gdk_content_formats_contain_mime_type (formats, JM_CARD_TRANSFER_MIME_TYPE) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);
}

void
_jm_canvas_copy (JmCanvas *self)
{
  g_autoptr(GPtrArray) cards = _jm_canvas_selection_in_order (self);
  g_autoptr(GBytes) json = NULL;
  g_autofree char *tsv = NULL;
  GdkContentProvider *providers[2];

  if (cards->len == 0)
    return;
  _jm_canvas_clipboard_forget (self);
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *touchpoint = g_ptr_array_index (cards, i);

      g_ptr_array_add (self->clipboard, jm_edits_clone_touchpoint (touchpoint, jm_touchpoint_get_id (touchpoint)));
    }
  json = jm_card_transfer_write_json (self->map, cards);
  tsv = jm_card_transfer_write_tsv (self->map, cards);
  providers[0] = gdk_content_provider_new_for_bytes (JM_CARD_TRANSFER_MIME_TYPE, json);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, tsv);
  self->clipboard_content = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->clipboard_content);
  _jm_canvas_update_actions (self);
}

/* Where a paste goes, taken when it was asked for: the clipboard answers
 * later, and the board may have moved on by then. */
typedef struct
{
  JmCanvas *canvas;
  char     *stage_id;
  char     *lane_id;
  char     *after_id;
} Paste;

static void
paste_free (Paste *paste)
{
  g_object_unref (paste->canvas);
  g_free (paste->stage_id);
  g_free (paste->lane_id);
  g_free (paste->after_id);
  g_free (paste);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Paste, paste_free)

static void
paste_cards (Paste     *paste,
             GPtrArray *cards)
{
  JmCanvas *self = paste->canvas;
  JmStage *stage;
  JmPersona *persona;
  g_autoptr(GPtrArray) added = NULL;

  if (self->map == NULL || cards->len == 0)
    return;
  stage = jm_map_lookup_stage (self->map, paste->stage_id);
  persona = jm_map_lookup_persona (self->map, paste->lane_id);
  if (stage == NULL || persona == NULL)
    return;
  added = jm_edits_paste (self->map, cards, stage, persona,
                          paste->after_id != NULL ? jm_map_lookup_touchpoint (self->map, paste->after_id) : NULL);
  _jm_canvas_select_copies (self, added);
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Paste) paste = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autofree char *problems = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  if (text == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (paste->canvas, _("The clipboard holds nothing that can become cards"));
      return;
    }
  cards = jm_card_transfer_read_text (text, &problems);
  paste_cards (paste, cards);
  if (problems != NULL)
    {
      g_autofree char *title = NULL;

      g_message ("Pasted with values left out:\n%s", problems);
      /* Translators: a toast after a paste; %s lists each value left out with its line. */
      title = g_strdup_printf (_("Some pasted values were left out: %s"), problems);
      show_toast (paste->canvas, title);
    }
}

static void
on_cards_spliced (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Paste) paste = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    return;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  if (g_bytes_get_size (bytes) > MAX_CLIPBOARD_BYTES)
    return;
  cards = jm_card_transfer_read_json (bytes, &error);
  if (cards == NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: a toast; %s says what is wrong with the copied cards. */
      title = g_strdup_printf (_("The copied cards could not be pasted: %s"), error->message);
      show_toast (paste->canvas, title);
      return;
    }
  paste_cards (paste, cards);
}

static void
on_cards_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Paste) paste = user_data;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, NULL);
  g_autoptr(GOutputStream) memory = NULL;

  if (stream == NULL)
    {
      gdk_clipboard_read_text_async (GDK_CLIPBOARD (source), NULL, on_text_read, g_steal_pointer (&paste));
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_cards_spliced, g_steal_pointer (&paste));
}

void
_jm_canvas_paste (JmCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  static const char *mime_types[] = { JM_CARD_TRANSFER_MIME_TYPE, NULL };
  JmStage *stage;
  JmPersona *persona;
  Paste *paste;

  _jm_canvas_ensure_layout (self);
  stage = _jm_canvas_stage_at (self, self->cursor_stage);
  persona = _jm_canvas_lane_at (self, self->cursor_lane);
  if (stage == NULL || persona == NULL)
    return;
  paste = g_new0 (Paste, 1);
  paste->canvas = g_object_ref (self);
  paste->stage_id = g_strdup (jm_stage_get_id (stage));
  paste->lane_id = g_strdup (jm_persona_get_id (persona));
  if (self->focus_card != NULL)
    paste->after_id = g_strdup (jm_touchpoint_get_id (self->focus_card));

  if (self->clipboard->len > 0 && gdk_clipboard_get_content (clipboard) == self->clipboard_content)
    {
      paste_cards (paste, self->clipboard);
      paste_free (paste);
    }
  else if (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), JM_CARD_TRANSFER_MIME_TYPE))
    gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, on_cards_read, paste);
  else
    gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, paste);
}

/**
 * _jm_canvas_copy_image:
 *
 * Puts a picture of the selected cards, or of the whole board when none
 * is selected, as the board prints, on the clipboard.
 */
void
_jm_canvas_copy_image (JmCanvas *self)
{
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(JmMap) part = NULL;
  JmExportOptions options;
  g_autoptr(JmExportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  int w, h;

  if (self->map == NULL)
    return;
  /* The selection alone, in its stages and lanes. */
  selected = _jm_canvas_selection_in_order (self);
  if (selected->len > 0)
    part = jm_card_transfer_part_map (self->map, selected);
  jm_export_options_init (&options);
  options.layout = JM_EXPORT_LAYOUT_BOARD;
  plan = jm_export_plan_new (part != NULL ? part : self->map, &options, &error);
  jm_export_options_clear (&options);
  if (plan == NULL || !jm_export_plan_lay_out (plan, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The board could not be copied as an image: %s"),
                                                error->message);

      show_toast (self, title);
      return;
    }
  jm_export_plan_get_poster_size (plan, &width, &height);
  scale = MIN (IMAGE_SCALE, IMAGE_MAX_SIDE / MAX (width, height));
  w = MAX (1, (int) ceil (width * scale));
  h = MAX (1, (int) ceil (height * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  jm_export_plan_draw_poster (plan, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  show_toast (self, part != NULL ? _("Cards copied as an image") : _("Board copied as an image"));
}
