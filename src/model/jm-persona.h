/* jm-persona.h: a persona, and the lane it walks through the journey
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JM_TYPE_PERSONA (jm_persona_get_type ())
G_DECLARE_FINAL_TYPE (JmPersona, jm_persona, JM, PERSONA, GObject)

/* Each persona has exactly one lane on the board: lanes are ordered as the
 * map's persona list, and a lane can be hidden without losing its cards. */

JmPersona          *jm_persona_new                (const char          *id,
                                                   const char          *name);
const char         *jm_persona_get_id             (JmPersona           *self);

const char         *jm_persona_get_name           (JmPersona           *self);
void                jm_persona_set_name           (JmPersona           *self,
                                                   const char          *value);
const char         *jm_persona_get_role           (JmPersona           *self);
void                jm_persona_set_role           (JmPersona           *self,
                                                   const char          *value);
const char         *jm_persona_get_quote          (JmPersona           *self);
void                jm_persona_set_quote          (JmPersona           *self,
                                                   const char          *value);
const char         *jm_persona_get_bio            (JmPersona           *self);
void                jm_persona_set_bio            (JmPersona           *self,
                                                   const char          *value);
const char         *jm_persona_get_notes          (JmPersona           *self);
void                jm_persona_set_notes          (JmPersona           *self,
                                                   const char          *value);
const char         *jm_persona_get_colour         (JmPersona           *self);
void                jm_persona_set_colour         (JmPersona           *self,
                                                   const char          *value);
const char         *jm_persona_get_picture_type   (JmPersona           *self);

const char * const *jm_persona_get_goals          (JmPersona           *self);
void                jm_persona_set_goals          (JmPersona           *self,
                                                   const char * const  *value);
const char * const *jm_persona_get_frustrations   (JmPersona           *self);
void                jm_persona_set_frustrations   (JmPersona           *self,
                                                   const char * const  *value);
const char * const *jm_persona_get_needs          (JmPersona           *self);
void                jm_persona_set_needs          (JmPersona           *self,
                                                   const char * const  *value);
const char * const *jm_persona_get_channels       (JmPersona           *self);
void                jm_persona_set_channels       (JmPersona           *self,
                                                   const char * const  *value);
const char * const *jm_persona_get_devices        (JmPersona           *self);
void                jm_persona_set_devices        (JmPersona           *self,
                                                   const char * const  *value);

int                 jm_persona_get_age            (JmPersona           *self);
void                jm_persona_set_age            (JmPersona           *self,
                                                   int                  age);
gboolean            jm_persona_get_hidden         (JmPersona           *self);
void                jm_persona_set_hidden         (JmPersona           *self,
                                                   gboolean             hidden);
GBytes             *jm_persona_get_picture        (JmPersona           *self);
void                jm_persona_set_picture        (JmPersona           *self,
                                                   GBytes              *picture,
                                                   const char          *mime_type);
char               *jm_persona_dup_initials       (JmPersona           *self);

G_END_DECLS
