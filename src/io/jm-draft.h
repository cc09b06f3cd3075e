/* jm-draft.h: drafts of open maps, to recover work after a crash
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jm-map.h"

G_BEGIN_DECLS

#define JM_DRAFT_DEFAULT_INTERVAL 3   /* seconds after the last change */

/**
 * JmDraftInfo:
 * @id: the draft's name in its folder
 * @uri: (nullable): the file the map was opened from or saved to, if any
 * @title: the map's title when the draft was written
 * @written: when the draft was written
 * @file_is_newer: the file at @uri was modified after the draft was
 *   written (saved just before the app stopped, or changed by another
 *   program): the draft may hold older work than the file
 *
 * What a recoverable draft holds, to offer it to the user.
 */
typedef struct
{
  char      *id;
  char      *uri;
  char      *title;
  GDateTime *written;
  gboolean   file_is_newer;
} JmDraftInfo;

void       jm_draft_info_free         (JmDraftInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmDraftInfo, jm_draft_info_free)

#define JM_TYPE_DRAFT (jm_draft_get_type ())
G_DECLARE_FINAL_TYPE (JmDraft, jm_draft, JM, DRAFT, GObject)

char      *jm_draft_default_dir       (void);
guint      jm_draft_default_interval  (void);
GPtrArray *jm_draft_list_recoverable  (const char   *dir);

JmDraft   *jm_draft_new               (const char   *dir,
                                       GError      **error);
JmDraft   *jm_draft_claim             (const char   *dir,
                                       const char   *id,
                                       GError      **error);

const char *jm_draft_get_id           (JmDraft      *self);
void       jm_draft_set_interval      (JmDraft      *self,
                                       guint         milliseconds);
void       jm_draft_watch             (JmDraft      *self,
                                       JmMap        *map,
                                       GFile        *file);
void       jm_draft_set_file          (JmDraft      *self,
                                       GFile        *file);
gboolean   jm_draft_is_pending        (JmDraft      *self);
gboolean   jm_draft_flush             (JmDraft      *self,
                                       GError      **error);
gboolean   jm_draft_write             (JmDraft      *self,
                                       GError      **error);
void       jm_draft_save_started      (JmDraft      *self);
gboolean   jm_draft_saved             (JmDraft      *self);
void       jm_draft_discard           (JmDraft      *self);
gboolean   jm_draft_has_contents      (JmDraft      *self);
JmMap     *jm_draft_load              (JmDraft      *self,
                                       GFile       **file,
                                       GDateTime   **written,
                                       GError      **error);

G_END_DECLS
