/* test-qr.c: the room's QR code holds the join address, and is drawn so
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#if HAVE_QRENCODE
#include <qrencode.h>
#endif

#include "jm-qr.h"

#define ADDRESS "http://192.168.178.34:40123/j/k7mqz2wx9p/"

/* The modules are libqrencode's for the address, at level M. */
#if HAVE_QRENCODE
static void
test_qr_modules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmQr) qr = jm_qr_new (ADDRESS, &error);
  QRcode *expected = QRcode_encodeString8bit (ADDRESS, 0, QR_ECLEVEL_M);
  guint width;

  g_assert_no_error (error);
  g_assert_nonnull (expected);
  width = jm_qr_get_width (qr);
  g_assert_cmpuint (width, ==, (guint) expected->width);
  /* 41 characters: version 3 at level M, 29 modules a side. */
  g_assert_cmpuint (width, ==, 29);
  for (guint y = 0; y < width; y++)
    for (guint x = 0; x < width; x++)
      g_assert_cmpint (jm_qr_get_module (qr, x, y), ==, expected->data[y * width + x] & 1);
  /* The finder pattern's corner, dark, and the separator beside it, light. */
  g_assert_true (jm_qr_get_module (qr, 0, 0));
  g_assert_false (jm_qr_get_module (qr, 7, 0));
  QRcode_free (expected);
}

static gboolean
dark_at (cairo_surface_t *surface,
         int              x,
         int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  guint32 pixel = ((const guint32 *) row)[x];

  return (pixel & 0xff) < 0x80;
}

/* Drawn, each module is a square of whole pixels of its colour, inside a
 * white quiet zone of four modules, centred in the square given. */
static void
test_qr_paint (void)
{
  g_autoptr(JmQr) qr = jm_qr_new (ADDRESS, NULL);
  guint width = jm_qr_get_width (qr);
  guint side = width + 2 * JM_QR_QUIET_ZONE;
  int size = 400;
  int module = size / side;
  int offset = (size - module * side) / 2;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.5, 0, 0);
  cairo_paint (cr);
  jm_qr_paint (qr, cr, 0, 0, size);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        gboolean in_code = x >= JM_QR_QUIET_ZONE && y >= JM_QR_QUIET_ZONE &&
                           x < width + JM_QR_QUIET_ZONE && y < width + JM_QR_QUIET_ZONE;
        gboolean dark = in_code && jm_qr_get_module (qr, x - JM_QR_QUIET_ZONE, y - JM_QR_QUIET_ZONE);

        /* Both corners of the module, not only its middle: sharp edges. */
        g_assert_cmpint (dark_at (surface, offset + x * module, offset + y * module), ==, dark);
        g_assert_cmpint (dark_at (surface, offset + (x + 1) * module - 1, offset + (y + 1) * module - 1), ==, dark);
      }
  cairo_surface_destroy (surface);
}

#endif

static void
test_qr_too_long (void)
{
  g_autofree char *text = g_strnfill (8000, 'x');
  g_autoptr(GError) error = NULL;
  g_autoptr(JmQr) qr = jm_qr_new (text, &error);

  g_assert_null (qr);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#if !HAVE_QRENCODE
  g_test_add_func ("/qr/unavailable", test_qr_too_long);
  return g_test_run ();
#endif

#if HAVE_QRENCODE
  g_test_add_func ("/qr/modules", test_qr_modules);
  g_test_add_func ("/qr/paint", test_qr_paint);
  g_test_add_func ("/qr/too-long", test_qr_too_long);
  return g_test_run ();
#endif
}
