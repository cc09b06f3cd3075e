/* jm-persona-editor.h: a window to draft a persona, field by field
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_TYPE_PERSONA_EDITOR (jm_persona_editor_get_type ())
G_DECLARE_FINAL_TYPE (JmPersonaEditor, jm_persona_editor, JM, PERSONA_EDITOR, AdwWindow)

JmPersonaEditor *jm_persona_editor_new              (GtkWindow       *parent,
                                                     JmMap           *map,
                                                     JmPersona       *persona);
JmMap           *jm_persona_editor_get_map          (JmPersonaEditor *self);
JmPersona       *jm_persona_editor_get_persona      (JmPersonaEditor *self);
void             jm_persona_editor_set_persona      (JmPersonaEditor *self,
                                                     JmPersona       *persona);
void             jm_persona_editor_commit           (JmPersonaEditor *self);
gboolean         jm_persona_editor_set_picture_file (JmPersonaEditor *self,
                                                     GFile           *file,
                                                     GError         **error);
GtkWidget       *jm_persona_editor_get_field        (JmPersonaEditor *self,
                                                     const char      *name);

G_END_DECLS
