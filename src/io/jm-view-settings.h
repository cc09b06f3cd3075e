/* jm-view-settings.h: how a board is viewed, as typed values
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-types.h"
#include "jm-view-state.h"

G_BEGIN_DECLS

/* Which cards stand out on the board; the others are dimmed. */
typedef enum {
  JM_HIGHLIGHT_NONE,
  JM_HIGHLIGHT_MOMENTS,   /* the moments of truth */
  JM_HIGHLIGHT_PERSONA,   /* one persona's lane; the target is its id */
  JM_HIGHLIGHT_CHANNEL,   /* one channel; the target is its name */
  JM_HIGHLIGHT_TEAM,      /* one team; the target is its name */
} JmHighlight;

/* What colours the strip at the foot of every card. */
typedef enum {
  JM_COLOUR_BY_NONE,
  JM_COLOUR_BY_COMPOSITE,
  JM_COLOUR_BY_RESPONSIVENESS,
  JM_COLOUR_BY_CONVENIENCE,
  JM_COLOUR_BY_RELIABILITY,
  JM_COLOUR_BY_RELEVANCE,
} JmColourBy;

/* The colouring by one measure. */
#define JM_COLOUR_BY_MEASURE(measure) ((JmColourBy) (JM_COLOUR_BY_RESPONSIVENESS + (measure)))

#define JM_TYPE_HIGHLIGHT (jm_highlight_get_type ())
#define JM_TYPE_COLOUR_BY (jm_colour_by_get_type ())
GType jm_highlight_get_type (void) G_GNUC_CONST;
GType jm_colour_by_get_type (void) G_GNUC_CONST;

#define JM_TYPE_VIEW_SETTINGS (jm_view_settings_get_type ())
G_DECLARE_FINAL_TYPE (JmViewSettings, jm_view_settings, JM, VIEW_SETTINGS, GObject)

JmViewSettings *jm_view_settings_new                (void);

double          jm_view_settings_get_zoom           (JmViewSettings    *self);
void            jm_view_settings_set_zoom           (JmViewSettings    *self,
                                                     double             zoom);
gboolean        jm_view_settings_get_show_outline   (JmViewSettings    *self);
void            jm_view_settings_set_show_outline   (JmViewSettings    *self,
                                                     gboolean           show);
gboolean        jm_view_settings_get_show_inspector (JmViewSettings    *self);
void            jm_view_settings_set_show_inspector (JmViewSettings    *self,
                                                     gboolean           show);
JmHighlight     jm_view_settings_get_highlight      (JmViewSettings    *self,
                                                     const char       **target);
void            jm_view_settings_set_highlight      (JmViewSettings    *self,
                                                     JmHighlight        highlight,
                                                     const char        *target);
JmColourBy      jm_view_settings_get_colour_by      (JmViewSettings    *self);
void            jm_view_settings_set_colour_by      (JmViewSettings    *self,
                                                     JmColourBy         colour_by);
const char     *jm_view_settings_get_walked_persona (JmViewSettings    *self);
void            jm_view_settings_set_walked_persona (JmViewSettings    *self,
                                                     const char        *persona_id);

void            jm_view_settings_to_state           (JmViewSettings    *self,
                                                     JmViewState       *state);
void            jm_view_settings_apply_state        (JmViewSettings    *self,
                                                     const JmViewState *state);

/* The words for a highlight and a colouring, in the board's menu and in
 * remembered views: "moments", "persona:ID", "channel:NAME", "team:NAME",
 * "" for none; "none", "composite" or a measure's id. */
char           *jm_highlight_to_string              (JmHighlight        highlight,
                                                     const char        *target);
gboolean        jm_highlight_parse                  (const char        *text,
                                                     JmHighlight       *highlight,
                                                     char             **target);
const char     *jm_colour_by_to_string              (JmColourBy         colour_by);
gboolean        jm_colour_by_parse                  (const char        *text,
                                                     JmColourBy        *colour_by);

G_END_DECLS
