/* jm-persona-picture.c: persona pictures decoded, scaled and drawn
 *
 * A picture chosen for a persona is checked from its header and its
 * structure first (in jm-persona-file.c, without a decoder), then decoded here to be kept
 * small in the map and to be drawn with cairo. Decoding belongs with
 * drawing: the file code reads and writes bytes and headers only.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-persona-picture"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "jm-persona-picture.h"

#define CHUNK_SIZE 4096

typedef struct
{
  int      width;
  int      height;
  gboolean too_wide;
} SizeCheck;

static void
on_loader_size_prepared (GdkPixbufLoader *loader,
                         int              width,
                         int              height,
                         SizeCheck       *check)
{
  check->width = width;
  check->height = height;
  if (width > JM_PICTURE_MAX_SIDE || height > JM_PICTURE_MAX_SIDE)
    {
      /* Decode a single pixel rather than allocate the whole image. */
      check->too_wide = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

static const char *
format_mime_type (GdkPixbufLoader *loader)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  g_autofree char *name = format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;

  if (g_strcmp0 (name, "png") == 0)
    return "image/png";
  if (g_strcmp0 (name, "jpeg") == 0)
    return "image/jpeg";
  return NULL;
}

/**
 * jm_persona_picture_prepare:
 * @contents: the bytes of an image file
 * @display_name: the file's name, for error messages
 * @mime_type: (out) (transfer full): the type of the returned picture,
 *   "image/png" or "image/jpeg"
 * @error: return location for an error
 *
 * Checks that @contents is a PNG or JPEG picture that is whole and within
 * the limits (JM_PICTURE_MAX_FILE_SIZE, JM_PICTURE_MAX_SIDE), and makes it
 * the picture to store: @contents itself when no side is over
 * JM_PICTURE_STORED_SIDE pixels and it needs no rotation, otherwise the
 * picture scaled to fit JM_PICTURE_STORED_SIDE (and turned upright as its
 * camera says), encoded again in its own format. Each error message names
 * the file and what is wrong.
 *
 * Returns: (transfer full) (nullable): the picture to store
 */
GBytes *
jm_persona_picture_prepare (GBytes      *contents,
                            const char  *display_name,
                            char       **mime_type,
                            GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  SizeCheck check = { 0, 0, FALSE };
  GdkPixbuf *pixbuf;
  const char *type;
  gboolean written, closed;
  const guchar *data;
  gsize size;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = g_bytes_get_size (contents);
  if (size > JM_PICTURE_MAX_FILE_SIZE)
    {
      g_autofree char *shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_LARGE,
                   _("“%s” is too large for a persona picture (%s; at most 2 MiB)"),
                   display_name, shown);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_NOT_AN_IMAGE,
                   _("“%s” is empty, not a picture"), display_name);
      return NULL;
    }

  /* The PNG loader allocates the whole picture as soon as it has read the
   * header, whatever size it is then asked for: refuse from the header. */
  if (jm_persona_picture_get_size (contents, &check.width, &check.height) &&
      (check.width > JM_PICTURE_MAX_SIDE || check.height > JM_PICTURE_MAX_SIDE))
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE,
                   _("“%s” is %d × %d pixels: a persona picture may be at most %d pixels a side"),
                   display_name, check.width, check.height, JM_PICTURE_MAX_SIDE);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared), &check);
  /* In small pieces, so that a picture too wide is refused from its header,
   * before anything of its size is allocated. */
  data = g_bytes_get_data (contents, NULL);
  written = TRUE;
  for (gsize done = 0; done < size && written && !check.too_wide; done += CHUNK_SIZE)
    written = gdk_pixbuf_loader_write (loader, data + done, MIN (CHUNK_SIZE, size - done),
                                       &local_error);
  /* Closing is needed in any case, and reports a picture cut short. */
  closed = gdk_pixbuf_loader_close (loader, written && !check.too_wide ? &local_error : NULL);

  if (gdk_pixbuf_loader_get_format (loader) == NULL ||
      (!written && g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE)))
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not a picture: choose a PNG or JPEG file"), display_name);
      return NULL;
    }
  type = format_mime_type (loader);
  if (type == NULL)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (gdk_pixbuf_loader_get_format (loader));
      g_autofree char *format = g_ascii_strup (name, -1);

      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_UNSUPPORTED,
                   _("“%s” is a %s picture: choose a PNG or JPEG file"), display_name, format);
      return NULL;
    }
  if (check.too_wide)
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_WIDE,
                   _("“%s” is %d × %d pixels: a persona picture may be at most %d pixels a side"),
                   display_name, check.width, check.height, JM_PICTURE_MAX_SIDE);
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (written && closed && pixbuf != NULL && !jm_persona_picture_is_whole (data, size, type))
    {
      /* The loader shows what it could decode of a picture cut short. */
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_CORRUPT,
                   _("“%s” is damaged or incomplete: its end is missing"), display_name);
      return NULL;
    }
  if (!written || !closed || pixbuf == NULL)
    {
      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_CORRUPT,
                   _("“%s” is damaged or incomplete: %s"), display_name,
                   local_error != NULL ? local_error->message : _("no picture in it"));
      return NULL;
    }

  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (gdk_pixbuf_get_width (upright) <= JM_PICTURE_STORED_SIDE &&
      gdk_pixbuf_get_height (upright) <= JM_PICTURE_STORED_SIDE &&
      upright == pixbuf)
    {
      *mime_type = g_strdup (type);
      return g_bytes_ref (contents);
    }
  else
    {
      int width = gdk_pixbuf_get_width (upright);
      int height = gdk_pixbuf_get_height (upright);
      double scale = MIN (1.0, (double) JM_PICTURE_STORED_SIDE / MAX (width, height));
      g_autoptr(GdkPixbuf) scaled = NULL;
      g_autofree char *buffer = NULL;
      gsize length = 0;
      gboolean saved;

      scaled = gdk_pixbuf_scale_simple (upright,
                                        MAX (1, (int) (width * scale + 0.5)),
                                        MAX (1, (int) (height * scale + 0.5)),
                                        GDK_INTERP_HYPER);
      if (g_str_equal (type, "image/png"))
        saved = gdk_pixbuf_save_to_buffer (scaled, &buffer, &length, "png", &local_error, NULL);
      else
        saved = gdk_pixbuf_save_to_buffer (scaled, &buffer, &length, "jpeg", &local_error,
                                           "quality", "90", NULL);
      if (!saved)
        {
          g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_CORRUPT,
                       _("“%s” could not be scaled down: %s"), display_name, local_error->message);
          return NULL;
        }
      *mime_type = g_strdup (type);
      return g_bytes_new_take (g_steal_pointer (&buffer), length);
    }
}

/**
 * jm_persona_picture_load:
 * @file: an image file
 * @cancellable: (nullable): a #GCancellable
 * @mime_type: (out) (transfer full): the type of the returned picture
 * @error: return location for an error
 *
 * Reads @file, refusing it before reading when it is over
 * JM_PICTURE_MAX_FILE_SIZE, and prepares it with
 * jm_persona_picture_prepare().
 *
 * Returns: (transfer full) (nullable): the picture to store
 */
GBytes *
jm_persona_picture_load (GFile         *file,
                         GCancellable  *cancellable,
                         char         **mime_type,
                         GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;
  char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  name = info != NULL ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > JM_PICTURE_MAX_FILE_SIZE)
    {
      g_autofree char *shown = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, JM_PERSONA_FILE_ERROR, JM_PERSONA_FILE_ERROR_PICTURE_TOO_LARGE,
                   _("“%s” is too large for a persona picture (%s; at most 2 MiB)"), name, shown);
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  contents = g_bytes_new_take (data, length);
  return jm_persona_picture_prepare (contents, name, mime_type, error);
}

typedef struct
{
  GBytes *picture;
  char   *mime_type;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->picture, g_bytes_unref);
  g_free (result->mime_type);
  g_free (result);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  GError *error = NULL;

  result->picture = jm_persona_picture_load (task_data, cancellable, &result->mime_type, &error);
  if (result->picture == NULL)
    {
      load_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, load_result_free);
}

/**
 * jm_persona_picture_load_async:
 * @file: an image file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Runs jm_persona_picture_load() in a worker thread: decoding and scaling
 * a large photo takes a moment.
 */
void
jm_persona_picture_load_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jm_persona_picture_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * jm_persona_picture_load_finish:
 * @result: the result given to the callback
 * @mime_type: (out) (transfer full): the type of the returned picture
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the picture to store
 */
GBytes *
jm_persona_picture_load_finish (GAsyncResult  *result,
                                char         **mime_type,
                                GError       **error)
{
  LoadResult *loaded;
  GBytes *picture;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;
  picture = g_steal_pointer (&loaded->picture);
  *mime_type = g_steal_pointer (&loaded->mime_type);
  load_result_free (loaded);
  return picture;
}

/**
 * jm_persona_picture_decode:
 * @picture: (nullable): a persona's picture, PNG or JPEG
 *
 * Decodes a picture for drawing with cairo (the persona sheet, a lane
 * header), turned upright as its camera says, and scaled down to
 * JM_PICTURE_DECODED_SIDE pixels a side. cairo alone reads PNG only. A
 * picture that jm_persona_picture_check() refuses is not decoded.
 *
 * Returns: (transfer full) (nullable): an ARGB32 image surface, or %NULL
 *   when there is no picture, it is refused or it does not decode
 */
cairo_surface_t *
jm_persona_picture_decode (GBytes *picture)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  cairo_surface_t *surface;
  int width, height, channels, src_stride, dst_stride;
  const guchar *src;
  guchar *dst;

  if (picture == NULL)
    return NULL;
  /* Only from a header read first: the decoder would allocate what any
   * header declares. */
  if (!jm_persona_picture_get_size (picture, &width, &height) ||
      width > JM_PICTURE_MAX_SIDE || height > JM_PICTURE_MAX_SIDE)
    return NULL;
  stream = g_memory_input_stream_new_from_bytes (picture);
  if (width > JM_PICTURE_DECODED_SIDE || height > JM_PICTURE_DECODED_SIDE)
    pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, JM_PICTURE_DECODED_SIDE,
                                                  JM_PICTURE_DECODED_SIDE, TRUE, NULL, NULL);
  else
    pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  if (pixbuf == NULL)
    return NULL;
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (upright);
  height = gdk_pixbuf_get_height (upright);
  channels = gdk_pixbuf_get_n_channels (upright);
  src_stride = gdk_pixbuf_get_rowstride (upright);
  src = gdk_pixbuf_read_pixels (upright);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (dst + (gsize) y * dst_stride);

      for (int x = 0; x < width; x++, s += channels)
        {
          guint a = channels == 4 ? s[3] : 255;
          /* cairo wants premultiplied alpha, in native-endian words. */
          guint r = (s[0] * a + 127) / 255;
          guint g = (s[1] * a + 127) / 255;
          guint b = (s[2] * a + 127) / 255;

          d[x] = (guint32) a << 24 | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}
