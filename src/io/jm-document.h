/* jm-document.h: one open map, its file and its draft
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-draft.h"
#include "jm-map.h"
#include "jm-timer.h"

G_BEGIN_DECLS

#define JM_TYPE_DOCUMENT (jm_document_get_type ())
G_DECLARE_FINAL_TYPE (JmDocument, jm_document, JM, DOCUMENT, GObject)

JmDocument *jm_document_new               (void);
JmMap      *jm_document_get_map           (JmDocument          *self);
void        jm_document_set_map           (JmDocument          *self,
                                           JmMap               *map);
GFile      *jm_document_get_file          (JmDocument          *self);
void        jm_document_set_file          (JmDocument          *self,
                                           GFile               *file);
gboolean    jm_document_get_busy          (JmDocument          *self);
gboolean    jm_document_get_modified      (JmDocument          *self);
gboolean    jm_document_is_untouched      (JmDocument          *self);
void        jm_document_cancel            (JmDocument          *self);
JmTimer    *jm_document_get_timer         (JmDocument          *self);

void        jm_document_load_async        (JmDocument          *self,
                                           GFile               *file,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
JmMap      *jm_document_load_finish       (JmDocument          *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        jm_document_save_async        (JmDocument          *self,
                                           GFile               *file,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    jm_document_save_finish       (JmDocument          *self,
                                           GFile               *file,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean    jm_document_changed_on_disk   (JmDocument          *self,
                                           GFile               *file,
                                           gboolean            *gone);
gboolean    jm_document_is_read_only      (GFile               *file);

void        jm_document_follow_drafts     (JmDocument          *self);
void        jm_document_take_draft        (JmDocument          *self,
                                           JmDraft             *draft);
void        jm_document_stash_draft       (JmDocument          *self);
void        jm_document_close_drafts      (JmDocument          *self);
const char *jm_document_get_drafts_error  (JmDocument          *self);
void        jm_document_set_draft_interval (JmDocument         *self,
                                            guint               seconds);
guint       jm_document_get_draft_interval (JmDocument         *self);

G_END_DECLS
