/* jm-types.h: small shared definitions of the map model
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The four customer-centric measures every touchpoint is rated on. */
typedef enum {
  JM_MEASURE_RESPONSIVENESS,
  JM_MEASURE_CONVENIENCE,
  JM_MEASURE_RELIABILITY,
  JM_MEASURE_RELEVANCE,
  JM_N_MEASURES
} JmMeasure;

#define JM_RATING_UNSET 0
#define JM_RATING_MIN   1
#define JM_RATING_MAX   5

#define JM_EMOTION_UNSET (-100)
#define JM_EMOTION_MIN   (-2)
#define JM_EMOTION_MAX   2

/* The template rows a touchpoint carries, in the order of the printed grid. */
typedef enum {
  JM_ROW_ACTIONS,
  JM_ROW_NEEDS,
  JM_ROW_THOUGHTS,
  JM_ROW_OPPORTUNITIES,
  JM_ROW_METRICS,
  JM_N_ROWS
} JmRow;

typedef struct
{
  const char *id;      /* stored in files, never translated */
  const char *label;   /* N_() marked, translate with _() */
  const char *icon;    /* a symbolic icon name */
} JmChannelInfo;

const char          *jm_measure_get_id     (JmMeasure measure);
const char          *jm_measure_get_label  (JmMeasure measure);
gboolean             jm_measure_from_id    (const char *id,
                                            JmMeasure  *measure);

const char          *jm_row_get_id         (JmRow      row);
const char          *jm_row_get_label      (JmRow      row);

const JmChannelInfo *jm_channels           (guint      *n_channels);
const JmChannelInfo *jm_channel_lookup     (const char *id);
const char          *jm_channel_get_label  (const char *id);

/* The kinds of card a workshop writes besides touchpoints, each with its
 * colour: what hurts, what could be better, what nobody knows yet. */
typedef struct
{
  const char *id;        /* stored in files, never translated */
  const char *label;     /* N_() marked, translate with _() */
  const char *new_title; /* N_() marked: the title of a new card of the kind */
  const char *colour;    /* #rrggbb */
  const char *icon;      /* a symbolic icon name */
} JmCardKindInfo;

const JmCardKindInfo *jm_card_kinds        (guint      *n_kinds);
const JmCardKindInfo *jm_card_kind_lookup  (const char *id);

const char          *jm_emotion_get_label  (int         emotion);

gboolean             jm_colour_is_valid    (const char *colour);
gboolean             jm_date_is_valid      (const char *date);
const char          *jm_palette_colour     (guint       index);

G_END_DECLS
