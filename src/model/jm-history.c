/* jm-history.c: an undo/redo history of recorded commands
 *
 * The history only stores closures: the map records each primitive change
 * (a property set, an insertion, a removal, a move) as it applies it, and the
 * history replays them backwards or forwards. Commands recorded between
 * jm_history_begin() and jm_history_end() form one step, so that one user
 * gesture is undone at once.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-history"

#include "jm-history.h"

typedef struct
{
  JmCommandFunc  func;
  gpointer       data;
  GDestroyNotify free_data;
} Command;

typedef struct
{
  char   *label;
  GArray *commands;
  guint   merge_id;     /* nonzero: later edits with this id may join it */
} Step;

struct _JmHistory
{
  GObject    parent_instance;

  GPtrArray *steps;
  guint      position;      /* steps[0..position) are applied */
  gint64     saved;         /* position at the last save; -1 if unreachable */
  guint64    serial;        /* counts every change, to tell a save's map apart */
  Step      *open_step;
  guint      depth;
  gboolean   replaying;
  gboolean   reopened;      /* open_step was the newest step, taken back */
};

G_DEFINE_FINAL_TYPE (JmHistory, jm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
command_clear (gpointer data)
{
  Command *command = data;

  if (command->free_data != NULL)
    command->free_data (command->data);
}

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->commands = g_array_new (FALSE, FALSE, sizeof (Command));
  g_array_set_clear_func (step->commands, command_clear);
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_array_unref (step->commands);
  g_free (step->label);
  g_free (step);
}

static void
notify_state (JmHistory *self)
{
  self->serial++;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
jm_history_finalize (GObject *object)
{
  JmHistory *self = JM_HISTORY (object);

  g_clear_pointer (&self->open_step, step_free);
  g_ptr_array_unref (self->steps);

  G_OBJECT_CLASS (jm_history_parent_class)->finalize (object);
}

static void
jm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JmHistory *self = JM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, jm_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, jm_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, jm_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, jm_history_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, jm_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_history_class_init (JmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jm_history_finalize;
  object_class->get_property = jm_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmHistory::changed:
   *
   * Emitted after a step is recorded, undone or redone: the one place to
   * learn that the document changed (for drafts, views and scores).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jm_history_init (JmHistory *self)
{
  self->steps = g_ptr_array_new_with_free_func (step_free);
}

/**
 * jm_history_new:
 *
 * Returns: (transfer full): a new, empty history that counts as saved
 */
JmHistory *
jm_history_new (void)
{
  return g_object_new (JM_TYPE_HISTORY, NULL);
}

/**
 * jm_history_begin:
 * @self: a #JmHistory
 * @label: (nullable): a short description of the gesture, such as "Move Card"
 *
 * Starts a step. Groups nest: only the outermost label counts.
 */
void
jm_history_begin (JmHistory  *self,
                  const char *label)
{
  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (!self->replaying);

  if (self->depth++ == 0)
    self->open_step = step_new (label);
}

static void
commit_step (JmHistory *self,
             Step      *step)
{
  if (step->commands->len == 0)
    {
      step_free (step);
      return;
    }

  /* A new step after undoing drops the redo branch; if the saved state lay
   * on that branch, it can no longer be reached. */
  if (self->position < self->steps->len)
    {
      if (self->saved > (gint64) self->position)
        self->saved = -1;
      g_ptr_array_set_size (self->steps, self->position);
    }

  g_ptr_array_add (self->steps, step);
  self->position = self->steps->len;
  notify_state (self);
}

/**
 * jm_history_begin_merge:
 * @self: a #JmHistory
 * @label: (nullable): a short description of the gesture
 * @merge_id: (inout): 0 to start a new gesture (a new id is stored), or the
 *   id stored by an earlier call to continue that gesture
 *
 * Starts a step that continues the gesture @merge_id: if the newest step is
 * that gesture's, with nothing undone or saved after it, it is opened again
 * and the commands recorded until jm_history_end() join it. A field that
 * records what is typed as it is typed is thus undone in one step.
 */
void
jm_history_begin_merge (JmHistory  *self,
                        const char *label,
                        guint      *merge_id)
{
  static guint last_merge_id;

  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (!self->replaying);
  g_return_if_fail (merge_id != NULL);

  if (self->depth == 0 && *merge_id != 0 && self->position > 0 &&
      self->position == self->steps->len && self->saved != (gint64) self->position &&
      ((Step *) g_ptr_array_index (self->steps, self->position - 1))->merge_id == *merge_id)
    {
      self->open_step = g_ptr_array_steal_index (self->steps, self->position - 1);
      self->position--;
      self->depth = 1;
      self->reopened = TRUE;
      return;
    }
  if (*merge_id == 0)
    *merge_id = ++last_merge_id;
  jm_history_begin (self, label);
  if (self->depth == 1)
    self->open_step->merge_id = *merge_id;
}

/**
 * jm_history_find_open:
 * @func: the kind of command to look for
 * @match: tells whether a command's data is the one wanted
 * @user_data: passed to @match
 *
 * Looks in a step opened with jm_history_begin_merge() for a command that
 * the caller may update in place, so that a value typed a key at a time is
 * one change from the old value to the newest.
 *
 * Returns: (transfer none) (nullable): the command's data
 */
gpointer
jm_history_find_open (JmHistory          *self,
                      JmCommandFunc       func,
                      JmCommandMatchFunc  match,
                      gconstpointer       user_data)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (self->open_step == NULL || self->open_step->merge_id == 0 || self->replaying)
    return NULL;
  for (guint i = 0; i < self->open_step->commands->len; i++)
    {
      Command *command = &g_array_index (self->open_step->commands, Command, i);

      if (command->func == func && match (command->data, user_data))
        return command->data;
    }
  return NULL;
}

/**
 * jm_history_drop_open:
 * @data: a command's data, from jm_history_find_open()
 *
 * Forgets a command of the open step that no longer changes anything (a
 * value typed back to what it was), freeing its data.
 */
void
jm_history_drop_open (JmHistory *self,
                      gpointer   data)
{
  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (self->open_step != NULL);

  for (guint i = 0; i < self->open_step->commands->len; i++)
    if (g_array_index (self->open_step->commands, Command, i).data == data)
      {
        g_array_remove_index (self->open_step->commands, i);
        return;
      }
}

void
jm_history_end (JmHistory *self)
{
  Step *step;
  gboolean reopened;

  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;
  step = g_steal_pointer (&self->open_step);
  reopened = self->reopened;
  self->reopened = FALSE;
  if (step->commands->len == 0 && reopened)
    {
      /* Typed back to where the gesture started: no step is left, and the
       * document is as it was before it. */
      step_free (step);
      notify_state (self);
      return;
    }
  commit_step (self, step);
}

/**
 * jm_history_push:
 * @self: a #JmHistory
 * @func: replays the change
 * @data: (transfer full): the change's data, owned by the history
 * @free_data: (nullable): frees @data
 *
 * Records a change that the caller has just applied.
 */
void
jm_history_push (JmHistory     *self,
                 JmCommandFunc  func,
                 gpointer       data,
                 GDestroyNotify free_data)
{
  Command command = { func, data, free_data };

  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (func != NULL);

  if (self->replaying)
    {
      /* Changes made while replaying are the replay itself. */
      if (free_data != NULL)
        free_data (data);
      return;
    }

  if (self->open_step != NULL)
    {
      /* In an open step the map has changed already, before the step is
       * committed. */
      self->serial++;
      g_array_append_val (self->open_step->commands, command);
    }
  else
    {
      Step *step = step_new (NULL);

      g_array_append_val (step->commands, command);
      commit_step (self, step);
    }
}

gboolean
jm_history_can_undo (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return self->position > 0 && self->depth == 0;
}

gboolean
jm_history_can_redo (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return self->position < self->steps->len && self->depth == 0;
}

const char *
jm_history_get_undo_label (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), NULL);

  if (self->position == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->position - 1))->label;
}

const char *
jm_history_get_redo_label (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), NULL);

  if (self->position >= self->steps->len)
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->position))->label;
}

gboolean
jm_history_undo (JmHistory *self)
{
  Step *step;

  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  if (!jm_history_can_undo (self))
    return FALSE;

  step = g_ptr_array_index (self->steps, self->position - 1);
  self->replaying = TRUE;
  for (guint i = step->commands->len; i > 0; i--)
    {
      Command *command = &g_array_index (step->commands, Command, i - 1);
      command->func (command->data, TRUE);
    }
  self->replaying = FALSE;
  self->position--;
  notify_state (self);
  return TRUE;
}

gboolean
jm_history_redo (JmHistory *self)
{
  Step *step;

  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  if (!jm_history_can_redo (self))
    return FALSE;

  step = g_ptr_array_index (self->steps, self->position);
  self->replaying = TRUE;
  for (guint i = 0; i < step->commands->len; i++)
    {
      Command *command = &g_array_index (step->commands, Command, i);
      command->func (command->data, FALSE);
    }
  self->replaying = FALSE;
  self->position++;
  notify_state (self);
  return TRUE;
}

/**
 * jm_history_is_replaying:
 *
 * Returns: %TRUE while an undo or redo runs, when changes must not be
 *   recorded again
 */
gboolean
jm_history_is_replaying (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return self->replaying;
}

guint
jm_history_get_n_steps (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), 0);

  return self->steps->len;
}

/**
 * jm_history_get_modified:
 *
 * Returns: %TRUE when the applied steps differ from those at the last save
 */
gboolean
jm_history_get_modified (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return self->saved != (gint64) self->position;
}

/**
 * jm_history_mark_saved:
 *
 * Remembers the current step as the saved state. The steps themselves are
 * kept: saving neither clears nor changes what can be undone.
 */
void
jm_history_mark_saved (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));

  self->saved = self->position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * jm_history_get_serial:
 *
 * Returns: a number that changes with every change to the map: recorded,
 *   undone or redone, in a step still open too
 */
guint64
jm_history_get_serial (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), 0);
  return self->serial;
}

/**
 * jm_history_mark_saved_at:
 * @serial: what jm_history_get_serial() gave when the saved copy of the
 *   map was made
 *
 * Remembers the current step as the saved state if the map is still as it
 * was when the saved copy was made. If it changed since (a save runs in
 * the background while the person goes on editing), the file lacks those
 * changes: the map stays modified, and no step counts as saved.
 */
void
jm_history_mark_saved_at (JmHistory *self,
                          guint64    serial)
{
  g_return_if_fail (JM_IS_HISTORY (self));

  if (serial == self->serial && self->depth == 0)
    {
      jm_history_mark_saved (self);
      return;
    }
  jm_history_mark_unsaved (self);
}

/**
 * jm_history_mark_unsaved:
 *
 * Forgets the saved state, for a map that was recovered or never saved.
 */
void
jm_history_mark_unsaved (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));

  self->saved = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
jm_history_clear (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (self->depth == 0);

  g_ptr_array_set_size (self->steps, 0);
  self->position = 0;
  self->saved = 0;
  notify_state (self);
}
