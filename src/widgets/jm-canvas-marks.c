/* jm-canvas-marks.c: cards marked on the board, as a comparison marks them
 *
 * While the map is compared with another copy (the as-is with the to-be),
 * the board marks each card that differs: a ring in the mark's colour and
 * a label on the card's top edge ("Only here", "Changed", "Moved", or
 * what changed in its emotion), so that the differences are read on the
 * board itself and survive greyscale. Labels are drawn in the interface's
 * font at its size whatever the zoom, over the cards' cached images, so
 * marking cards never redraws them.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-internal.h"

typedef struct
{
  JmCardMarkKind  kind;
  char           *label;
  PangoLayout    *layout;   /* made when first drawn */
} CardMark;

/* Dark enough for white text, apart in hue and in lightness. */
static const GdkRGBA mark_colours[] = {
  [JM_CARD_MARK_NONE] = { 0, 0, 0, 0 },
  [JM_CARD_MARK_ONLY_HERE] = { 0.15, 0.47, 0.22, 1 },
  [JM_CARD_MARK_CHANGED] = { 0.70, 0.27, 0.00, 1 },
  [JM_CARD_MARK_MOVED] = { 0.11, 0.35, 0.71, 1 },
};

static void
card_mark_free (gpointer data)
{
  CardMark *mark = data;

  g_free (mark->label);
  g_clear_object (&mark->layout);
  g_free (mark);
}

static GHashTable *
marks (JmCanvas *self)
{
  if (self->card_marks == NULL)
    self->card_marks = g_hash_table_new_full (NULL, NULL, g_object_unref, card_mark_free);
  return self->card_marks;
}

/**
 * jm_canvas_set_card_mark:
 * @touchpoint: a card of the board's map
 * @kind: how it differs; %JM_CARD_MARK_NONE takes its mark away
 * @label: (nullable): the words on the mark; %NULL for the kind's own
 *
 * Marks @touchpoint on the board until the marks are cleared or the
 * board shows another map.
 */
void
jm_canvas_set_card_mark (JmCanvas       *self,
                         JmTouchpoint   *touchpoint,
                         JmCardMarkKind  kind,
                         const char     *label)
{
  CardMark *mark;

  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (kind <= JM_CARD_MARK_MOVED);

  if (kind == JM_CARD_MARK_NONE)
    {
      if (self->card_marks != NULL && g_hash_table_remove (self->card_marks, touchpoint))
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  mark = g_new0 (CardMark, 1);
  mark->kind = kind;
  mark->label = g_strdup (label);
  g_hash_table_replace (marks (self), g_object_ref (touchpoint), mark);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * jm_canvas_clear_card_marks:
 *
 * Takes every card's mark away.
 */
void
jm_canvas_clear_card_marks (JmCanvas *self)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  if (self->card_marks != NULL && g_hash_table_size (self->card_marks) > 0)
    {
      g_hash_table_remove_all (self->card_marks);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/**
 * jm_canvas_get_card_mark:
 * @label: (out) (optional) (nullable): the words on the mark, %NULL for
 *   the kind's own
 *
 * Returns: how @touchpoint is marked
 */
JmCardMarkKind
jm_canvas_get_card_mark (JmCanvas      *self,
                         JmTouchpoint  *touchpoint,
                         const char   **label)
{
  CardMark *mark;

  g_return_val_if_fail (JM_IS_CANVAS (self), JM_CARD_MARK_NONE);

  mark = self->card_marks != NULL ? g_hash_table_lookup (self->card_marks, touchpoint) : NULL;
  if (label != NULL)
    *label = mark != NULL ? mark->label : NULL;
  return mark != NULL ? mark->kind : JM_CARD_MARK_NONE;
}

/**
 * jm_canvas_get_n_card_marks:
 *
 * Returns: how many cards are marked
 */
guint
jm_canvas_get_n_card_marks (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 0);
  return self->card_marks != NULL ? g_hash_table_size (self->card_marks) : 0;
}

static const char *
kind_label (JmCardMarkKind kind)
{
  switch (kind)
    {
    case JM_CARD_MARK_ONLY_HERE:
      /* Translators: a mark on a card that the compared map does not have */
      return _("Only here");
    case JM_CARD_MARK_CHANGED:
      /* Translators: a mark on a card that differs from the compared map's */
      return _("Changed");
    case JM_CARD_MARK_MOVED:
      /* Translators: a mark on a card in another cell than in the compared map */
      return _("Moved");
    case JM_CARD_MARK_NONE:
    default:
      return "";
    }
}

static PangoLayout *
mark_layout (JmCanvas *self,
             CardMark *mark)
{
  if (mark->layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      mark->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                     mark->label != NULL ? mark->label : kind_label (mark->kind));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (mark->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return mark->layout;
}

/* The marks of the cards in view, in widget coordinates: a ring round the
 * card and its label on the card's top edge, at its right. */
void
_jm_canvas_draw_card_marks (JmCanvas    *self,
                            GtkSnapshot *snapshot,
                            GArray      *cards)
{
  double z = self->zoom;
  double hv, vv;

  if (self->card_marks == NULL || g_hash_table_size (self->card_marks) == 0)
    return;
  hv = _jm_canvas_hvalue (self);
  vv = _jm_canvas_vvalue (self);

  for (guint i = 0; i < cards->len; i++)
    {
      JmBoardCard *card = jm_board_geometry_get_card (self->geometry, g_array_index (cards, guint, i));
      CardMark *mark = card->data != NULL ? g_hash_table_lookup (self->card_marks, card->data) : NULL;
      const GdkRGBA *colour;
      graphene_rect_t rect;
      GskRoundedRect ring;
      PangoLayout *layout;
      PangoRectangle logical;
      double pad = 5, width, height, x, y;

      if (mark == NULL)
        continue;
      colour = &mark_colours[mark->kind];
      rect = GRAPHENE_RECT_INIT (card->rect.x * z - hv, card->rect.y * z - vv,
                                 card->rect.width * z, card->rect.height * z);
      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (rect.origin.x - 2, rect.origin.y - 2,
                                                                   rect.size.width + 4,
                                                                   rect.size.height + 4), 8);
      gtk_snapshot_append_border (snapshot, &ring, (const float[4]) { 3, 3, 3, 3 },
                                  (const GdkRGBA[4]) { *colour, *colour, *colour, *colour });

      layout = mark_layout (self, mark);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      width = logical.width + 2 * pad;
      height = logical.height + 2;
      x = MAX (rect.origin.x, rect.origin.x + rect.size.width - width - 6);
      y = rect.origin.y - height / 2;
      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x, y, width, height), height / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &ring);
      gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + pad, y + 1));
      gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 1, 1, 1, 1 });
      gtk_snapshot_restore (snapshot);
    }
}
