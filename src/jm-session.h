/* jm-session.h: the documents open in this run, and what outlives them
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-document.h"
#include "jm-room.h"
#include "jm-view-settings.h"
#include "jm-view-state.h"

G_BEGIN_DECLS

#define JM_TYPE_SESSION (jm_session_get_type ())
G_DECLARE_FINAL_TYPE (JmSession, jm_session, JM, SESSION, GObject)

/* A map used lately: its file and the name to show for it. */
typedef struct
{
  GFile *file;
  char  *name;
} JmRecentMap;

void        jm_recent_map_free            (JmRecentMap  *recent);

JmSession  *jm_session_new                (const char   *drafts_dir,
                                           const char   *view_store);
JmSession  *jm_session_get_default        (void);

GListModel *jm_session_get_documents      (JmSession    *self);
void        jm_session_add_document       (JmSession    *self,
                                           JmDocument   *document);
void        jm_session_remove_document    (JmSession    *self,
                                           JmDocument   *document);
void        jm_session_set_draft_interval (JmSession    *self,
                                           guint         seconds);
guint       jm_session_get_draft_interval (JmSession    *self);
JmDocument *jm_session_find_document      (JmSession    *self,
                                           GFile        *file);

JmRoom     *jm_session_open_room          (JmSession    *self,
                                           JmDocument   *document,
                                           GError      **error);
JmRoom     *jm_session_get_room           (JmSession    *self,
                                           JmDocument   *document);
void        jm_session_close_room         (JmSession    *self,
                                           JmDocument   *document);

gboolean    jm_session_take_recovery      (JmSession    *self);
GPtrArray  *jm_session_list_recoverable   (JmSession    *self);

void        jm_session_add_recent         (JmSession    *self,
                                           GFile        *file);
GPtrArray  *jm_session_list_recent        (JmSession    *self,
                                           guint         max_items);

gboolean    jm_session_load_view_state    (JmSession    *self,
                                           GFile        *file,
                                           JmViewState  *state);
gboolean    jm_session_save_view_state    (JmSession    *self,
                                           GFile        *file,
                                           const JmViewState *state,
                                           GError      **error);
gboolean    jm_session_remember_view      (JmSession       *self,
                                           GFile           *file,
                                           JmViewSettings  *settings,
                                           GError         **error);
gboolean    jm_session_restore_view       (JmSession       *self,
                                           GFile           *file,
                                           JmViewSettings  *settings);

G_END_DECLS
