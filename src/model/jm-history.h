/* jm-history.h: an undo/redo history of recorded commands
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * JmCommandFunc:
 * @data: the command's own data
 * @undo: %TRUE to revert the command, %FALSE to apply it again
 *
 * Replays one recorded change. The history never inspects @data.
 */
typedef void (*JmCommandFunc) (gpointer data, gboolean undo);

/**
 * JmCommandMatchFunc:
 * @data: a recorded command's data
 * @user_data: what the caller looks for
 *
 * Returns: %TRUE if @data is the command looked for
 */
typedef gboolean (*JmCommandMatchFunc) (gpointer data, gconstpointer user_data);

#define JM_TYPE_HISTORY (jm_history_get_type ())
G_DECLARE_FINAL_TYPE (JmHistory, jm_history, JM, HISTORY, GObject)

JmHistory  *jm_history_new             (void);

void        jm_history_begin           (JmHistory     *self,
                                        const char    *label);
void        jm_history_begin_merge     (JmHistory     *self,
                                        const char    *label,
                                        guint         *merge_id);
void        jm_history_end             (JmHistory     *self);
gpointer    jm_history_find_open       (JmHistory     *self,
                                        JmCommandFunc  func,
                                        JmCommandMatchFunc match,
                                        gconstpointer  user_data);
void        jm_history_drop_open       (JmHistory     *self,
                                        gpointer       data);
void        jm_history_push            (JmHistory     *self,
                                        JmCommandFunc  func,
                                        gpointer       data,
                                        GDestroyNotify free_data);

gboolean    jm_history_can_undo        (JmHistory     *self);
gboolean    jm_history_can_redo        (JmHistory     *self);
const char *jm_history_get_undo_label  (JmHistory     *self);
const char *jm_history_get_redo_label  (JmHistory     *self);
gboolean    jm_history_undo            (JmHistory     *self);
gboolean    jm_history_redo            (JmHistory     *self);
gboolean    jm_history_is_replaying    (JmHistory     *self);
guint       jm_history_get_n_steps     (JmHistory     *self);

gboolean    jm_history_get_modified    (JmHistory     *self);
void        jm_history_mark_saved      (JmHistory     *self);
void        jm_history_mark_unsaved    (JmHistory     *self);
guint64     jm_history_get_serial      (JmHistory     *self);
void        jm_history_mark_saved_at   (JmHistory     *self,
                                        guint64        serial);
void        jm_history_clear           (JmHistory     *self);

G_END_DECLS
