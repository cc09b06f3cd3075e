/* test-card-images.c: the bounded cache of the board's card images
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "jm-card-images.h"

#define KEY(n) GUINT_TO_POINTER (n)

static GskRenderNode *
node_new (void)
{
  return gsk_color_node_new (&(GdkRGBA) { 1, 0, 0, 1 }, &GRAPHENE_RECT_INIT (0, 0, 10, 10));
}

/* Draws @key in the current frame as the board does: from the cache, or
 * anew when there is room. Returns: whether it is in the cache now */
static gboolean
draw (JmCardImages *images,
      guint         key,
      gsize         bytes)
{
  g_autoptr(GskRenderNode) node = NULL;

  if (jm_card_images_lookup (images, KEY (key)) != NULL)
    return TRUE;
  if (!jm_card_images_reserve (images, bytes))
    return FALSE;
  node = node_new ();
  jm_card_images_insert (images, KEY (key), node, bytes);
  return TRUE;
}

static void
test_budget (void)
{
  g_autoptr(JmCardImages) images = jm_card_images_new ();

  /* Three fit in a frame of 300 bytes; a fourth does not, and takes
   * nothing from the frame that drew the others. */
  jm_card_images_begin_frame (images, 1.0, 300);
  g_assert_true (draw (images, 1, 100));
  g_assert_true (draw (images, 2, 100));
  g_assert_true (draw (images, 3, 100));
  g_assert_false (draw (images, 4, 100));
  g_assert_cmpuint (jm_card_images_get_n (images), ==, 3);
  g_assert_cmpuint (jm_card_images_get_bytes (images), ==, 300);

  /* The next frame draws 3 and 4: 4 takes the place of the least recently
   * drawn, 1, not of 3 which this frame drew already. */
  jm_card_images_begin_frame (images, 1.0, 300);
  g_assert_true (draw (images, 3, 100));
  g_assert_true (draw (images, 4, 100));
  g_assert_false (jm_card_images_contains (images, KEY (1)));
  g_assert_true (jm_card_images_contains (images, KEY (2)));
  g_assert_true (jm_card_images_contains (images, KEY (3)));
  g_assert_cmpuint (jm_card_images_get_bytes (images), ==, 300);

  /* A smaller budget gives back the oldest at once. */
  jm_card_images_begin_frame (images, 1.0, 150);
  g_assert_cmpuint (jm_card_images_get_bytes (images), <=, 150);
  g_assert_true (jm_card_images_contains (images, KEY (4)));
  g_assert_false (jm_card_images_contains (images, KEY (2)));
}

static void
test_scale_and_removal (void)
{
  g_autoptr(JmCardImages) images = jm_card_images_new ();
  g_autoptr(GskRenderNode) node = node_new ();

  jm_card_images_begin_frame (images, 1.0, 1000);
  g_assert_true (draw (images, 1, 100));
  g_assert_true (draw (images, 2, 100));

  /* Replacing an image counts its bytes once. */
  jm_card_images_insert (images, KEY (1), node, 50);
  g_assert_true (jm_card_images_lookup (images, KEY (1)) == node);
  g_assert_cmpuint (jm_card_images_get_bytes (images), ==, 150);

  jm_card_images_remove (images, KEY (2));
  g_assert_null (jm_card_images_lookup (images, KEY (2)));
  g_assert_cmpuint (jm_card_images_get_bytes (images), ==, 50);

  /* The same scale keeps the images; another drops them all. */
  jm_card_images_begin_frame (images, 1.0, 1000);
  g_assert_cmpuint (jm_card_images_get_n (images), ==, 1);
  jm_card_images_begin_frame (images, 2.0, 1000);
  g_assert_cmpfloat (jm_card_images_get_scale (images), ==, 2.0);
  g_assert_cmpuint (jm_card_images_get_n (images), ==, 0);
  g_assert_cmpuint (jm_card_images_get_bytes (images), ==, 0);

  g_assert_true (draw (images, 3, 100));
  jm_card_images_clear (images);
  g_assert_cmpuint (jm_card_images_get_n (images), ==, 0);
  g_assert_false (jm_card_images_contains (images, KEY (3)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Render node types are registered with the first node type asked for. */
  g_type_ensure (GSK_TYPE_COLOR_NODE);
  g_test_add_func ("/card-images/budget", test_budget);
  g_test_add_func ("/card-images/scale-and-removal", test_scale_and_removal);
  return g_test_run ();
}
