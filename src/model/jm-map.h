/* jm-map.h: a journey map, the single source of truth for every view
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-history.h"
#include "jm-persona.h"
#include "jm-stage.h"
#include "jm-touchpoint.h"
#include "jm-types.h"

G_BEGIN_DECLS

/* Whether a map shows the journey customers live today or the one
 * designed to replace it. */
typedef enum {
  JM_MAP_STATUS_NONE,
  JM_MAP_STATUS_AS_IS,
  JM_MAP_STATUS_TO_BE,
} JmMapStatus;

#define JM_TYPE_MAP_STATUS (jm_map_status_get_type ())
GType         jm_map_status_get_type      (void) G_GNUC_CONST;
const char   *jm_map_status_get_label     (JmMapStatus     status);

typedef struct _JmVotes JmVotes;

#define JM_TYPE_MAP (jm_map_get_type ())
G_DECLARE_FINAL_TYPE (JmMap, jm_map, JM, MAP, GObject)

JmMap        *jm_map_new                  (void);
JmMap        *jm_map_new_from_template    (const char     *template_id);
const char  **jm_map_list_templates       (void);
const char   *jm_map_get_template_label   (const char     *template_id);

const char   *jm_map_get_title            (JmMap          *self);
void          jm_map_set_title            (JmMap          *self,
                                           const char     *title);
const char   *jm_map_get_description      (JmMap          *self);
void          jm_map_set_description      (JmMap          *self,
                                           const char     *description);
const char   *jm_map_get_map_version      (JmMap          *self);
void          jm_map_set_map_version      (JmMap          *self,
                                           const char     *version);
JmMapStatus   jm_map_get_status           (JmMap          *self);
void          jm_map_set_status           (JmMap          *self,
                                           JmMapStatus     status);
const char * const *jm_map_get_authors    (JmMap          *self);
void          jm_map_set_authors          (JmMap          *self,
                                           const char * const *authors);
const char   *jm_map_get_workshop_date    (JmMap          *self);
void          jm_map_set_workshop_date    (JmMap          *self,
                                           const char     *date);
JmVotes      *jm_map_get_votes            (JmMap          *self);
double        jm_map_get_weight           (JmMap          *self,
                                           JmMeasure       measure);
void          jm_map_set_weight           (JmMap          *self,
                                           JmMeasure       measure,
                                           double          weight);
const char   *jm_map_weight_property      (JmMeasure       measure);

GListModel   *jm_map_get_stages           (JmMap          *self);
GListModel   *jm_map_get_personas         (JmMap          *self);
GListModel   *jm_map_get_touchpoints      (JmMap          *self);
JmHistory    *jm_map_get_history          (JmMap          *self);

JmStage      *jm_map_lookup_stage         (JmMap          *self,
                                           const char     *id);
JmPersona    *jm_map_lookup_persona       (JmMap          *self,
                                           const char     *id);
JmTouchpoint *jm_map_lookup_touchpoint    (JmMap          *self,
                                           const char     *id);
gboolean      jm_map_find_stage           (JmMap          *self,
                                           JmStage        *stage,
                                           guint          *position);
gboolean      jm_map_find_persona         (JmMap          *self,
                                           JmPersona      *persona,
                                           guint          *position);
gboolean      jm_map_find_touchpoint      (JmMap          *self,
                                           JmTouchpoint   *touchpoint,
                                           guint          *position);
GPtrArray    *jm_map_get_cell             (JmMap          *self,
                                           JmStage        *stage,
                                           JmPersona      *persona);
char         *jm_map_new_id               (JmMap          *self,
                                           const char     *prefix);

/* Building a map without history, for readers and templates. */
gboolean      jm_map_append_stage         (JmMap          *self,
                                           JmStage        *stage);
gboolean      jm_map_append_persona       (JmMap          *self,
                                           JmPersona      *persona);
gboolean      jm_map_append_touchpoint    (JmMap          *self,
                                           JmTouchpoint   *touchpoint);

/* Edits: each is recorded on the history. */
void          jm_map_begin                (JmMap          *self,
                                           const char     *label);
void          jm_map_begin_merge          (JmMap          *self,
                                          const char     *label,
                                          guint          *merge_id);
void          jm_map_end                  (JmMap          *self);
void          jm_map_edit                 (JmMap          *self,
                                           gpointer        object,
                                           const char     *property,
                                           const GValue   *value);
void          jm_map_edit_string          (JmMap          *self,
                                           gpointer        object,
                                           const char     *property,
                                           const char     *value);
void          jm_map_edit_int             (JmMap          *self,
                                           gpointer        object,
                                           const char     *property,
                                           int             value);
void          jm_map_edit_boolean         (JmMap          *self,
                                           gpointer        object,
                                           const char     *property,
                                           gboolean        value);
void          jm_map_edit_double          (JmMap          *self,
                                           gpointer        object,
                                           const char     *property,
                                           double          value);
void          jm_map_edit_strv            (JmMap          *self,
                                           gpointer        object,
                                           const char     *property,
                                           const char * const *value);

JmStage      *jm_map_add_stage            (JmMap          *self,
                                           int             position,
                                           const char     *name);
void          jm_map_insert_stage         (JmMap          *self,
                                           guint           position,
                                           JmStage        *stage);
void          jm_map_remove_stage         (JmMap          *self,
                                           JmStage        *stage);
void          jm_map_move_stage           (JmMap          *self,
                                           JmStage        *stage,
                                           guint           position);

JmPersona    *jm_map_add_persona          (JmMap          *self,
                                           int             position,
                                           const char     *name);
void          jm_map_insert_persona       (JmMap          *self,
                                           guint           position,
                                           JmPersona      *persona);
void          jm_map_remove_persona       (JmMap          *self,
                                           JmPersona      *persona);
void          jm_map_move_persona         (JmMap          *self,
                                           JmPersona      *persona,
                                           guint           position);

JmTouchpoint *jm_map_add_touchpoint       (JmMap          *self,
                                           JmStage        *stage,
                                           JmPersona      *persona,
                                           int             index_in_cell,
                                           const char     *title);
void          jm_map_insert_touchpoint    (JmMap          *self,
                                           guint           position,
                                           JmTouchpoint   *touchpoint);
void          jm_map_remove_touchpoint    (JmMap          *self,
                                           JmTouchpoint   *touchpoint);
void          jm_map_move_touchpoint      (JmMap          *self,
                                           JmTouchpoint   *touchpoint,
                                           JmStage        *stage,
                                           JmPersona      *persona,
                                           int             index_in_cell);

gboolean      jm_map_undo                 (JmMap          *self);
gboolean      jm_map_redo                 (JmMap          *self);
gboolean      jm_map_get_modified         (JmMap          *self);

G_END_DECLS
