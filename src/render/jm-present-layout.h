/* jm-present-layout.h: the board laid out for a room, without a display
 *
 * Present mode shows the map on a wall: stages across, persona lanes down,
 * each card with its title large and its channel, emotion and score as
 * marks. What size the type is and where every card goes, for a given
 * screen and spotlight, is decided here so that it can be tested without
 * a display: the view only draws these boxes with these sizes.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "jm-map.h"

G_BEGIN_DECLS

/* What is spotlighted: nothing (the overview), one stage or one lane. */
typedef enum {
  JM_PRESENT_OVERVIEW,
  JM_PRESENT_STAGE,
  JM_PRESENT_LANE,
} JmPresentSpot;

/* The smallest title size anywhere a room reads the whole board, and
 * where one stage or lane is spotlighted, in pixels. */
#define JM_PRESENT_OVERVIEW_MIN_SIZE  18.0
#define JM_PRESENT_SPOTLIGHT_MIN_SIZE 32.0
/* The screen height those sizes are for; they scale with the screen. */
#define JM_PRESENT_REFERENCE_HEIGHT   1080.0

typedef struct
{
  double x, y, width, height;
} JmPresentBox;

typedef struct
{
  gpointer     object;      /* the JmStage or JmPersona, borrowed */
  JmPresentBox box;         /* a stage's column, a lane's band */
  JmPresentBox label_box;   /* where its name goes */
  double       label_size;  /* px */
  gboolean     dimmed;
} JmPresentBand;

typedef struct
{
  JmTouchpoint *touchpoint;  /* borrowed */
  guint         stage;
  guint         lane;
  JmPresentBox  box;
  JmPresentBox  title_box;
  JmPresentBox  marks_box;   /* channel on the left; emotion and score on the right */
  double        title_size;  /* px */
  int           title_lines; /* lines shown; 0 draws the card as a plain block */
  gboolean      ellipsized;  /* the whole title does not fit in title_lines */
  double        mark_size;   /* px: the channel's type, the emotion face, the score */
  gboolean      dimmed;      /* outside the spotlight */
} JmPresentCard;

typedef struct
{
  double        width;
  double        height;
  JmPresentSpot spot;
  guint         spot_index;
  double        scale;        /* the screen's height over JM_PRESENT_REFERENCE_HEIGHT */
  char         *font_family;
  JmPresentBox  title_box;    /* the map's title, or the spotlighted stage or lane */
  double        title_size;
  /* Kept free for text a caller shows large over the board, such as a
   * countdown: the top right corner of the title bar. */
  JmPresentBox  overlay_box;
  double        overlay_size;
  GArray       *stages;       /* JmPresentBand, one per stage */
  GArray       *lanes;        /* JmPresentBand, one per persona */
  GArray       *cards;        /* JmPresentCard */
} JmPresentLayout;

JmPresentLayout *jm_present_layout_new          (JmMap                *map,
                                                 PangoContext         *context,
                                                 const char           *font_family,
                                                 double                width,
                                                 double                height,
                                                 JmPresentSpot         spot,
                                                 guint                 spot_index);
void             jm_present_layout_free         (JmPresentLayout      *self);
int              jm_present_layout_card_at      (JmPresentLayout      *self,
                                                 double                x,
                                                 double                y);
int              jm_present_layout_find_card    (JmPresentLayout      *self,
                                                 JmTouchpoint         *touchpoint);

double           jm_present_card_stripe_width   (const JmPresentCard  *card);

PangoFontDescription *jm_present_font           (const char           *family,
                                                 double                size,
                                                 gboolean              bold);
PangoLayout     *jm_present_title_layout        (PangoContext         *context,
                                                 const char           *family,
                                                 const JmPresentCard  *card);

gboolean         jm_present_boxes_overlap       (const JmPresentBox   *a,
                                                 const JmPresentBox   *b);
gboolean         jm_present_box_contains        (const JmPresentBox   *outer,
                                                 const JmPresentBox   *inner);

void             jm_present_step                (JmPresentSpot         stepping,
                                                 guint                 n_items,
                                                 int                   direction,
                                                 JmPresentSpot        *spot,
                                                 guint                *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmPresentLayout, jm_present_layout_free)

G_END_DECLS
