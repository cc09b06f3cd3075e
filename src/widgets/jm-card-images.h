/* jm-card-images.h: the board's cards drawn as pixels, a bounded cache
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _JmCardImages JmCardImages;

JmCardImages  *jm_card_images_new         (void);
void           jm_card_images_free        (JmCardImages  *self);
void           jm_card_images_begin_frame (JmCardImages  *self,
                                           double         scale,
                                           gsize          budget);
double         jm_card_images_get_scale   (JmCardImages  *self);
GskRenderNode *jm_card_images_lookup      (JmCardImages  *self,
                                           gconstpointer  key);
gboolean       jm_card_images_contains    (JmCardImages  *self,
                                           gconstpointer  key);
gboolean       jm_card_images_reserve     (JmCardImages  *self,
                                           gsize          bytes);
void           jm_card_images_insert      (JmCardImages  *self,
                                           gconstpointer  key,
                                           GskRenderNode *node,
                                           gsize          bytes);
void           jm_card_images_remove      (JmCardImages  *self,
                                           gconstpointer  key);
void           jm_card_images_clear       (JmCardImages  *self);
guint          jm_card_images_get_n       (JmCardImages  *self);
gsize          jm_card_images_get_bytes   (JmCardImages  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmCardImages, jm_card_images_free)

G_END_DECLS
