/* jm-qr.c: a QR code for a short text, such as the room's join address
 *
 * libqrencode makes the modules; this draws them with cairo, so that the
 * window and a printed page can show the same code. The code is drawn
 * with its quiet zone, dark on white whatever the theme, and each module
 * covers whole device pixels when the size allows, because a phone's
 * camera reads sharp edges far better than blurred ones.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-render"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#if HAVE_QRENCODE
#include <qrencode.h>
#endif

#include "jm-paper.h"
#include "jm-qr.h"

struct _JmQr
{
  guint   width;    /* modules a side, without the quiet zone */
  guint8 *modules;  /* width × width, 1 for dark */
};

/**
 * jm_qr_new:
 * @text: the text to encode, such as an address
 *
 * Encodes @text at error correction level M, which survives a smudged
 * projector screen and still keeps an address's code small.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL with @error set
 *   when @text is too long for a QR code, or the build has no libqrencode
 */
JmQr *
jm_qr_new (const char  *text,
           GError     **error)
{
#if HAVE_QRENCODE
  QRcode *code;
  JmQr *qr;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error (error, JM_RENDER_ERROR, JM_RENDER_ERROR_FAILED,
                   _("The text cannot be made into a QR code: %s"), g_strerror (errno));
      return NULL;
    }
  qr = g_new0 (JmQr, 1);
  qr->width = (guint) code->width;
  qr->modules = g_new (guint8, (gsize) qr->width * qr->width);
  /* Bit 0 of each byte is the module's colour; the others say what part
   * of the symbol it is, which nobody here needs. */
  for (gsize i = 0; i < (gsize) qr->width * qr->width; i++)
    qr->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return qr;
#else
  g_return_val_if_fail (text != NULL, NULL);

  g_set_error_literal (error, JM_RENDER_ERROR, JM_RENDER_ERROR_FAILED,
                       _("This build of Journey Mapper cannot make QR codes."));
  return NULL;
#endif
}

void
jm_qr_free (JmQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->modules);
  g_free (qr);
}

/**
 * jm_qr_get_width:
 *
 * Returns: the modules on one side, without the quiet zone
 */
guint
jm_qr_get_width (const JmQr *qr)
{
  g_return_val_if_fail (qr != NULL, 0);
  return qr->width;
}

/**
 * jm_qr_get_module:
 *
 * Returns: %TRUE if the module at @x, @y is dark
 */
gboolean
jm_qr_get_module (const JmQr *qr,
                  guint       x,
                  guint       y)
{
  g_return_val_if_fail (qr != NULL, FALSE);
  g_return_val_if_fail (x < qr->width && y < qr->width, FALSE);
  return qr->modules[(gsize) y * qr->width + x] != 0;
}

/**
 * jm_qr_paint:
 * @x: the left of the square, quiet zone included
 * @y: its top
 * @size: its side
 *
 * Paints the code and its quiet zone in a square of @size.
 */
void
jm_qr_paint (const JmQr *qr,
             cairo_t    *cr,
             double      x,
             double      y,
             double      size)
{
  guint side;
  double module;

  g_return_if_fail (qr != NULL);
  g_return_if_fail (cr != NULL);

  side = qr->width + 2 * JM_QR_QUIET_ZONE;
  module = size / side;
  /* Whole pixels a module when there is room for them, centred. */
  if (module >= 2.0)
    {
      double whole = floor (module);

      x += floor ((size - whole * side) / 2);
      y += floor ((size - whole * side) / 2);
      module = whole;
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, module * side, module * side);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint row = 0; row < qr->width; row++)
    for (guint column = 0; column < qr->width; column++)
      if (qr->modules[(gsize) row * qr->width + column])
        cairo_rectangle (cr, x + (column + JM_QR_QUIET_ZONE) * module,
                         y + (row + JM_QR_QUIET_ZONE) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
}
