/* jm-selection.c: what is selected in one view of a map
 *
 * The board, the outline and the inspector of a window show one
 * selection: several cards, or one stage or lane, and among them the
 * current object, the one the inspector shows and the outline highlights.
 * Each of them writes its changes here and follows "changed", so none of
 * them keeps a selection of its own that the others must be told about.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-selection"

#include "config.h"

#include "jm-selection.h"

struct _JmSelection
{
  GObject    parent_instance;

  GPtrArray *objects;   /* references, in the order given */
  gpointer   current;   /* one of objects, or NULL */
};

G_DEFINE_FINAL_TYPE (JmSelection, jm_selection, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CURRENT,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
jm_selection_dispose (GObject *object)
{
  JmSelection *self = JM_SELECTION (object);

  self->current = NULL;
  if (self->objects != NULL)
    g_ptr_array_set_size (self->objects, 0);
  G_OBJECT_CLASS (jm_selection_parent_class)->dispose (object);
}

static void
jm_selection_finalize (GObject *object)
{
  JmSelection *self = JM_SELECTION (object);

  g_ptr_array_unref (self->objects);
  G_OBJECT_CLASS (jm_selection_parent_class)->finalize (object);
}

static void
jm_selection_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JmSelection *self = JM_SELECTION (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_selection_class_init (JmSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_selection_dispose;
  object_class->finalize = jm_selection_finalize;
  object_class->get_property = jm_selection_get_property;

  /**
   * JmSelection:current:
   *
   * The object the selection is about: the focused card among several,
   * or the one selected object; %NULL when nothing is selected.
   */
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmSelection::changed:
   *
   * The selected objects or the current one changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jm_selection_init (JmSelection *self)
{
  self->objects = g_ptr_array_new_with_free_func (g_object_unref);
}

JmSelection *
jm_selection_new (void)
{
  return g_object_new (JM_TYPE_SELECTION, NULL);
}

/**
 * jm_selection_get_objects:
 *
 * Returns: (transfer container) (element-type GObject): the selected
 *   objects, in the order they were given
 */
GPtrArray *
jm_selection_get_objects (JmSelection *self)
{
  GPtrArray *objects;

  g_return_val_if_fail (JM_IS_SELECTION (self), NULL);

  objects = g_ptr_array_new_full (self->objects->len, NULL);
  for (guint i = 0; i < self->objects->len; i++)
    g_ptr_array_add (objects, g_ptr_array_index (self->objects, i));
  return objects;
}

/**
 * jm_selection_get_current:
 *
 * Returns: (transfer none) (nullable): the current object, see
 *   #JmSelection:current
 */
gpointer
jm_selection_get_current (JmSelection *self)
{
  g_return_val_if_fail (JM_IS_SELECTION (self), NULL);
  return self->current;
}

gboolean
jm_selection_contains (JmSelection *self,
                       gpointer     object)
{
  g_return_val_if_fail (JM_IS_SELECTION (self), FALSE);
  return object != NULL && g_ptr_array_find (self->objects, object, NULL);
}

static gboolean
same_objects (JmSelection *self,
              GPtrArray   *objects)
{
  guint n = objects != NULL ? objects->len : 0;

  if (n != self->objects->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_ptr_array_index (objects, i) != g_ptr_array_index (self->objects, i))
      return FALSE;
  return TRUE;
}

/**
 * jm_selection_set:
 * @objects: (nullable) (element-type GObject): what is selected now
 * @current: (nullable): the current object; if it is not among @objects,
 *   the first of them is
 *
 * Replaces the selection, and emits "changed" if it changed.
 */
void
jm_selection_set (JmSelection *self,
                  GPtrArray   *objects,
                  gpointer     current)
{
  gpointer old_current;

  g_return_if_fail (JM_IS_SELECTION (self));
  g_return_if_fail (current == NULL || G_IS_OBJECT (current));

  if (objects == NULL || objects->len == 0)
    current = NULL;
  else if (current == NULL || !g_ptr_array_find (objects, current, NULL))
    current = g_ptr_array_index (objects, 0);
  if (current == self->current && same_objects (self, objects))
    return;

  old_current = self->current;
  /* References first: @objects may hold only what this selection does. */
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    g_object_ref (g_ptr_array_index (objects, i));
  g_ptr_array_set_size (self->objects, 0);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    g_ptr_array_add (self->objects, g_ptr_array_index (objects, i));
  self->current = current;

  if (old_current != current)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * jm_selection_select:
 * @object: (nullable): the one object to select, or %NULL for none
 */
void
jm_selection_select (JmSelection *self,
                     gpointer     object)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();

  g_return_if_fail (JM_IS_SELECTION (self));

  if (object != NULL)
    g_ptr_array_add (objects, object);
  jm_selection_set (self, objects, object);
}
