/* jm-card-images.c: the board's cards drawn as pixels, a bounded cache
 *
 * GTK's cairo renderer draws a vector card again on every frame that shows
 * it, text included, so a view that scrolls redraws every card in it. The
 * board keeps the cards in view as images instead, drawn once at the
 * current zoom and device scale, each wrapped in a render node, and this
 * cache holds them: keyed by card, all at one scale, and bounded in bytes
 * of pixels. The least recently drawn image goes first, but never one that
 * the frame being built has already drawn: when a frame needs more than
 * the budget, reserving room fails and the board draws the rest of its
 * cards as vectors rather than throwing away what it has just used. The
 * board keeps the tiles its links are drawn in in a second cache of the
 * same kind, keyed by tile.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include "jm-card-images.h"

typedef struct
{
  gconstpointer  key;
  GskRenderNode *node;
  gsize          bytes;
  guint64        frame;     /* the last frame that drew it */
  GList          link;      /* in lru, most recently drawn first */
} Item;

struct _JmCardImages
{
  GHashTable *items;        /* key -> Item */
  GQueue      lru;
  gsize       bytes;
  gsize       budget;
  double      scale;
  guint64     frame;
};

static void
item_free (gpointer data)
{
  Item *item = data;

  gsk_render_node_unref (item->node);
  g_free (item);
}

static void
drop (JmCardImages  *self,
      Item           *item)
{
  g_queue_unlink (&self->lru, &item->link);
  self->bytes -= item->bytes;
  g_hash_table_remove (self->items, item->key);
}

JmCardImages *
jm_card_images_new (void)
{
  JmCardImages  *self = g_new0 (JmCardImages, 1);

  self->items = g_hash_table_new_full (NULL, NULL, NULL, item_free);
  g_queue_init (&self->lru);
  return self;
}

void
jm_card_images_free (JmCardImages  *self)
{
  if (self == NULL)
    return;
  jm_card_images_clear (self);
  g_hash_table_unref (self->items);
  g_free (self);
}

/* Starts a frame drawn at @scale device pixels per board unit, within
 * @budget bytes. Images drawn at another scale are of no use and go. */
void
jm_card_images_begin_frame (JmCardImages  *self,
                            double         scale,
                            gsize          budget)
{
  g_return_if_fail (self != NULL);

  self->frame++;
  if (scale != self->scale)
    {
      jm_card_images_clear (self);
      self->scale = scale;
    }
  self->budget = budget;
  /* A smaller budget (a smaller window) gives back what it no longer allows. */
  while (self->bytes > self->budget && self->lru.tail != NULL)
    drop (self, self->lru.tail->data);
}

double
jm_card_images_get_scale (JmCardImages  *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->scale;
}

/* Returns: (transfer none) (nullable): the image of @key, marked as drawn
 * in this frame */
GskRenderNode *
jm_card_images_lookup (JmCardImages  *self,
                       gconstpointer  key)
{
  Item *item;

  g_return_val_if_fail (self != NULL, NULL);

  item = g_hash_table_lookup (self->items, key);
  if (item == NULL)
    return NULL;
  item->frame = self->frame;
  g_queue_unlink (&self->lru, &item->link);
  g_queue_push_head_link (&self->lru, &item->link);
  return item->node;
}

gboolean
jm_card_images_contains (JmCardImages  *self,
                         gconstpointer  key)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_hash_table_contains (self->items, key);
}

/* Makes room for @bytes more, dropping images this frame has not drawn.
 * Returns: whether they fit */
gboolean
jm_card_images_reserve (JmCardImages  *self,
                        gsize          bytes)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (self->bytes + bytes > self->budget && self->lru.tail != NULL)
    {
      Item *oldest = self->lru.tail->data;

      if (oldest->frame == self->frame)
        return FALSE;
      drop (self, oldest);
    }
  return self->bytes + bytes <= self->budget;
}

/* Adds (or replaces) the image of @key, @bytes of pixels drawn in this
 * frame, after jm_card_images_reserve() made room for it. */
void
jm_card_images_insert (JmCardImages  *self,
                       gconstpointer  key,
                       GskRenderNode *node,
                       gsize          bytes)
{
  Item *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (node != NULL);

  jm_card_images_remove (self, key);
  item = g_new0 (Item, 1);
  item->key = key;
  item->node = gsk_render_node_ref (node);
  item->bytes = bytes;
  item->frame = self->frame;
  item->link.data = item;
  g_queue_push_head_link (&self->lru, &item->link);
  self->bytes += item->bytes;
  g_hash_table_insert (self->items, (gpointer) key, item);
}

void
jm_card_images_remove (JmCardImages  *self,
                       gconstpointer  key)
{
  Item *item;

  g_return_if_fail (self != NULL);

  item = g_hash_table_lookup (self->items, key);
  if (item != NULL)
    drop (self, item);
}

void
jm_card_images_clear (JmCardImages  *self)
{
  g_return_if_fail (self != NULL);

  /* The queue's links live in the items: unlink them all before freeing. */
  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->items);
  self->bytes = 0;
}

guint
jm_card_images_get_n (JmCardImages  *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->items);
}

gsize
jm_card_images_get_bytes (JmCardImages  *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bytes;
}
