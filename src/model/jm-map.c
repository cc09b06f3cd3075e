/* jm-map.c: a journey map, the single source of truth for every view
 *
 * The map holds three ordered lists (stages, personas and touchpoints) as
 * GListStores, indexes them by id, and offers every edit as a command that it
 * records on its JmHistory. A touchpoint's order within its cell (stage x
 * lane) is its order in the touchpoint list, so that one list serves the file,
 * the outline and the board.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-map"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-map.h"
#include "jm-map-conflicts.h"
#include "jm-map-private.h"
#include "jm-util-private.h"
#include "jm-votes-private.h"

typedef enum {
  LIST_STAGES,
  LIST_PERSONAS,
  LIST_TOUCHPOINTS,
  N_LISTS
} ListKind;

struct _JmMap
{
  GObject     parent_instance;

  char       *title;
  char       *description;
  char       *map_version;
  JmMapStatus status;
  char      **authors;
  char       *workshop_date;
  double      weights[JM_N_MEASURES];
  JmVotes    *votes;
  GListStore *conflicts;  /* JmConflict; NULL until asked for */

  GListStore *lists[N_LISTS];
  GHashTable *index[N_LISTS];     /* id -> object, borrowed */
  GPtrArray  *pending[N_LISTS];   /* loading: appended, not yet in lists */
  JmHistory  *history;
  guint       next_id;
};

G_DEFINE_FINAL_TYPE (JmMap, jm_map, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_MODIFIED,
  PROP_MAP_VERSION,
  PROP_STATUS,
  PROP_AUTHORS,
  PROP_WORKSHOP_DATE,
  PROP_FIRST_WEIGHT,
  N_PROPS = PROP_FIRST_WEIGHT + JM_N_MEASURES
};

static GParamSpec *properties[N_PROPS];

static const char *weight_names[JM_N_MEASURES] = {
  "weight-responsiveness", "weight-convenience", "weight-reliability", "weight-relevance",
};

static const char *
object_id (ListKind kind,
           gpointer item)
{
  switch (kind)
    {
    case LIST_STAGES: return jm_stage_get_id (item);
    case LIST_PERSONAS: return jm_persona_get_id (item);
    case LIST_TOUCHPOINTS: return jm_touchpoint_get_id (item);
    case N_LISTS:
    default: g_assert_not_reached ();
    }
}

static void
on_history_notify_modified (JmMap *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
jm_map_dispose (GObject *object)
{
  JmMap *self = JM_MAP (object);

  /* The history holds references to the map's objects, not to the map. */
  g_clear_object (&self->history);
  g_clear_object (&self->votes);
  g_clear_object (&self->conflicts);
  for (guint i = 0; i < N_LISTS; i++)
    {
      g_clear_pointer (&self->index[i], g_hash_table_unref);
      g_clear_pointer (&self->pending[i], g_ptr_array_unref);
      g_clear_object (&self->lists[i]);
    }

  G_OBJECT_CLASS (jm_map_parent_class)->dispose (object);
}

static void
jm_map_finalize (GObject *object)
{
  JmMap *self = JM_MAP (object);

  g_free (self->title);
  g_free (self->description);
  g_free (self->map_version);
  g_strfreev (self->authors);
  g_free (self->workshop_date);

  G_OBJECT_CLASS (jm_map_parent_class)->finalize (object);
}

static void
jm_map_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  JmMap *self = JM_MAP (object);

  if (prop_id >= PROP_FIRST_WEIGHT && prop_id < N_PROPS)
    g_value_set_double (value, self->weights[prop_id - PROP_FIRST_WEIGHT]);
  else switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, jm_map_get_modified (self));
      break;
    case PROP_MAP_VERSION:
      g_value_set_string (value, self->map_version);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    case PROP_WORKSHOP_DATE:
      g_value_set_string (value, self->workshop_date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_map_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  JmMap *self = JM_MAP (object);

  if (prop_id >= PROP_FIRST_WEIGHT && prop_id < N_PROPS)
    jm_map_set_weight (self, prop_id - PROP_FIRST_WEIGHT, g_value_get_double (value));
  else switch (prop_id)
    {
    case PROP_TITLE:
      jm_map_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      jm_map_set_description (self, g_value_get_string (value));
      break;
    case PROP_MAP_VERSION:
      jm_map_set_map_version (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      jm_map_set_status (self, g_value_get_enum (value));
      break;
    case PROP_AUTHORS:
      jm_map_set_authors (self, g_value_get_boxed (value));
      break;
    case PROP_WORKSHOP_DATE:
      jm_map_set_workshop_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_map_class_init (JmMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_map_dispose;
  object_class->finalize = jm_map_finalize;
  object_class->get_property = jm_map_get_property;
  object_class->set_property = jm_map_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The map's own version ("2.1"), not the file format's. */
  properties[PROP_MAP_VERSION] = g_param_spec_string ("map-version", NULL, NULL, "", flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, JM_TYPE_MAP_STATUS, JM_MAP_STATUS_NONE, flags);
  properties[PROP_AUTHORS] = g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV, flags);
  /* YYYY-MM-DD or empty; a setter given anything else keeps the old date. */
  properties[PROP_WORKSHOP_DATE] = g_param_spec_string ("workshop-date", NULL, NULL, "", flags);
  for (guint i = 0; i < JM_N_MEASURES; i++)
    properties[PROP_FIRST_WEIGHT + i] =
      g_param_spec_double (weight_names[i], NULL, NULL, 0.0, 1000.0, 1.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_map_init (JmMap *self)
{
  const GType types[N_LISTS] = { JM_TYPE_STAGE, JM_TYPE_PERSONA, JM_TYPE_TOUCHPOINT };

  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->map_version = g_strdup ("");
  self->authors = g_new0 (char *, 1);
  self->workshop_date = g_strdup ("");
  for (guint i = 0; i < JM_N_MEASURES; i++)
    self->weights[i] = 1.0;
  for (guint i = 0; i < N_LISTS; i++)
    {
      self->lists[i] = g_list_store_new (types[i]);
      self->index[i] = g_hash_table_new (g_str_hash, g_str_equal);
    }
  self->history = jm_history_new ();
  self->votes = _jm_votes_new (self);
  self->next_id = 1;
  g_signal_connect_object (self->history, "notify::modified",
                           G_CALLBACK (on_history_notify_modified), self,
                           G_CONNECT_SWAPPED);
}

/**
 * jm_map_new:
 *
 * Returns: (transfer full): a new, empty map
 */
JmMap *
jm_map_new (void)
{
  return g_object_new (JM_TYPE_MAP, NULL);
}

const char *
jm_map_get_title (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return self->title;
}

void
jm_map_set_title (JmMap      *self,
                  const char *title)
{
  g_return_if_fail (JM_IS_MAP (self));

  if (_jm_set_str (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
jm_map_get_description (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return self->description;
}

void
jm_map_set_description (JmMap      *self,
                        const char *description)
{
  g_return_if_fail (JM_IS_MAP (self));

  if (_jm_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
jm_map_get_map_version (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return self->map_version;
}

void
jm_map_set_map_version (JmMap      *self,
                        const char *version)
{
  g_return_if_fail (JM_IS_MAP (self));

  if (_jm_set_str (&self->map_version, version ? version : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VERSION]);
}

JmMapStatus
jm_map_get_status (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), JM_MAP_STATUS_NONE);
  return self->status;
}

void
jm_map_set_status (JmMap       *self,
                   JmMapStatus  status)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (status <= JM_MAP_STATUS_TO_BE);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * jm_map_get_authors:
 *
 * Returns: (transfer none) (array zero-terminated=1): who made the map
 */
const char * const *
jm_map_get_authors (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return (const char * const *) self->authors;
}

void
jm_map_set_authors (JmMap              *self,
                    const char * const *authors)
{
  g_return_if_fail (JM_IS_MAP (self));

  if (_jm_set_strv (&self->authors, authors))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
}

const char *
jm_map_get_workshop_date (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return self->workshop_date;
}

/**
 * jm_map_set_workshop_date:
 * @date: (nullable): the day of the workshop as YYYY-MM-DD, or "" for none
 *
 * A text that is not such a date is refused with a warning: the file
 * reader and the properties panel check what people type first.
 */
void
jm_map_set_workshop_date (JmMap      *self,
                          const char *date)
{
  g_return_if_fail (JM_IS_MAP (self));

  if (date == NULL)
    date = "";
  g_return_if_fail (*date == '\0' || jm_date_is_valid (date));
  if (_jm_set_str (&self->workshop_date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSHOP_DATE]);
}

GListStore *
_jm_map_get_conflict_store (JmMap *self)
{
  if (self->conflicts == NULL)
    self->conflicts = g_list_store_new (JM_TYPE_CONFLICT);
  return self->conflicts;
}

/**
 * jm_map_get_votes:
 *
 * Returns: (transfer none): the map's dot-voting rounds
 */
JmVotes *
jm_map_get_votes (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return self->votes;
}

double
jm_map_get_weight (JmMap     *self,
                   JmMeasure  measure)
{
  g_return_val_if_fail (JM_IS_MAP (self), 0.0);
  g_return_val_if_fail (measure < JM_N_MEASURES, 0.0);
  return self->weights[measure];
}

/**
 * jm_map_set_weight:
 * @weight: 0 or more; a measure of weight 0 does not count in composites
 */
void
jm_map_set_weight (JmMap     *self,
                   JmMeasure  measure,
                   double     weight)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (measure < JM_N_MEASURES);
  g_return_if_fail (weight >= 0.0 && weight <= 1000.0);

  if (self->weights[measure] == weight)
    return;
  self->weights[measure] = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_WEIGHT + measure]);
}

const char *
jm_map_weight_property (JmMeasure measure)
{
  g_return_val_if_fail (measure < JM_N_MEASURES, NULL);
  return weight_names[measure];
}

/**
 * jm_map_get_stages:
 *
 * Returns: (transfer none): the stages, left to right, as a #GListModel of #JmStage
 */
GListModel *
jm_map_get_stages (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_STAGES]);
}

/**
 * jm_map_get_personas:
 *
 * Returns: (transfer none): the personas, in lane order, top to bottom
 */
GListModel *
jm_map_get_personas (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_PERSONAS]);
}

/**
 * jm_map_get_touchpoints:
 *
 * Returns: (transfer none): every touchpoint; within a cell, this order is
 *   the order of the cards
 */
GListModel *
jm_map_get_touchpoints (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
}

/**
 * jm_map_get_history:
 *
 * Returns: (transfer none): the map's undo history
 */
JmHistory *
jm_map_get_history (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return self->history;
}

JmStage *
jm_map_lookup_stage (JmMap      *self,
                     const char *id)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return id ? g_hash_table_lookup (self->index[LIST_STAGES], id) : NULL;
}

JmPersona *
jm_map_lookup_persona (JmMap      *self,
                       const char *id)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return id ? g_hash_table_lookup (self->index[LIST_PERSONAS], id) : NULL;
}

JmTouchpoint *
jm_map_lookup_touchpoint (JmMap      *self,
                          const char *id)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  return id ? g_hash_table_lookup (self->index[LIST_TOUCHPOINTS], id) : NULL;
}

static gboolean
find_item (JmMap    *self,
           ListKind  kind,
           gpointer  item,
           guint    *position)
{
  return item != NULL && g_list_store_find (self->lists[kind], item, position);
}

gboolean
jm_map_find_stage (JmMap   *self,
                   JmStage *stage,
                   guint   *position)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  return find_item (self, LIST_STAGES, stage, position);
}

gboolean
jm_map_find_persona (JmMap     *self,
                     JmPersona *persona,
                     guint     *position)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  return find_item (self, LIST_PERSONAS, persona, position);
}

gboolean
jm_map_find_touchpoint (JmMap        *self,
                        JmTouchpoint *touchpoint,
                        guint        *position)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  return find_item (self, LIST_TOUCHPOINTS, touchpoint, position);
}

static gboolean
in_cell (JmTouchpoint *touchpoint,
         JmStage      *stage,
         JmPersona    *persona)
{
  return g_str_equal (jm_touchpoint_get_stage_id (touchpoint), jm_stage_get_id (stage)) &&
         g_str_equal (jm_touchpoint_get_lane_id (touchpoint), jm_persona_get_id (persona));
}

/**
 * jm_map_get_cell:
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the cards of one
 *   cell, in order
 */
GPtrArray *
jm_map_get_cell (JmMap     *self,
                 JmStage   *stage,
                 JmPersona *persona)
{
  GListModel *touchpoints;
  GPtrArray *cell;
  guint n;

  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);

  touchpoints = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  n = g_list_model_get_n_items (touchpoints);
  cell = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (touchpoints, i);

      if (in_cell (touchpoint, stage, persona))
        g_ptr_array_add (cell, touchpoint);
      g_object_unref (touchpoint);
    }
  return cell;
}

static gboolean
id_in_use (JmMap      *self,
           const char *id)
{
  for (guint i = 0; i < N_LISTS; i++)
    if (g_hash_table_contains (self->index[i], id))
      return TRUE;
  return FALSE;
}

/**
 * jm_map_new_id:
 * @prefix: a short prefix, "s" for stages, "p" for personas, "t" for touchpoints
 *
 * Returns: (transfer full): an id that no object of the map has
 */
char *
jm_map_new_id (JmMap      *self,
               const char *prefix)
{
  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, self->next_id++);

      if (!id_in_use (self, id))
        return id;
      g_free (id);
    }
}

/* The primitive list changes, shared by building, editing and replaying. */
static void
list_insert (JmMap    *self,
             ListKind  kind,
             guint     position,
             gpointer  item)
{
  g_hash_table_insert (self->index[kind], (gpointer) object_id (kind, item), item);
  g_list_store_insert (self->lists[kind], position, item);
}

static void
list_remove (JmMap    *self,
             ListKind  kind,
             guint     position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->lists[kind]), position);

  g_hash_table_remove (self->index[kind], object_id (kind, item));
  g_list_store_remove (self->lists[kind], position);
}

static void
list_move (JmMap    *self,
           ListKind  kind,
           guint     from,
           guint     to)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->lists[kind]), from);

  /* A remove and an insert, not a splice of both: views see two plain changes. */
  g_list_store_remove (self->lists[kind], from);
  g_list_store_insert (self->lists[kind], to, item);
}

static gboolean
append_item (JmMap    *self,
             ListKind  kind,
             gpointer  item)
{
  const char *id = object_id (kind, item);

  if (id == NULL || *id == '\0' || g_hash_table_contains (self->index[kind], id))
    return FALSE;
  if (self->pending[kind] != NULL)
    {
      g_hash_table_insert (self->index[kind], (gpointer) id, item);
      g_ptr_array_add (self->pending[kind], g_object_ref (item));
      return TRUE;
    }
  list_insert (self, kind, g_list_model_get_n_items (G_LIST_MODEL (self->lists[kind])), item);
  return TRUE;
}

/**
 * _jm_map_begin_load:
 *
 * Until _jm_map_end_load(), the jm_map_append_*() functions fill in the
 * map's index only, and the lists get all new objects at once at the end:
 * one change for a list of 20,000 touchpoints instead of 20,000. Looking
 * objects up by id works all along; the lists are only complete at the end.
 */
void
_jm_map_begin_load (JmMap *self)
{
  g_return_if_fail (JM_IS_MAP (self));

  for (guint i = 0; i < N_LISTS; i++)
    if (self->pending[i] == NULL)
      self->pending[i] = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_jm_map_end_load (JmMap *self)
{
  g_return_if_fail (JM_IS_MAP (self));

  for (guint i = 0; i < N_LISTS; i++)
    {
      g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending[i]);

      if (pending != NULL && pending->len > 0)
        g_list_store_splice (self->lists[i],
                             g_list_model_get_n_items (G_LIST_MODEL (self->lists[i])),
                             0, pending->pdata, pending->len);
    }
}

/**
 * jm_map_append_stage:
 *
 * Adds a stage without recording it on the history.
 *
 * Returns: %FALSE if a stage with the same id is already in the map
 */
gboolean
jm_map_append_stage (JmMap   *self,
                     JmStage *stage)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  g_return_val_if_fail (JM_IS_STAGE (stage), FALSE);
  return append_item (self, LIST_STAGES, stage);
}

gboolean
jm_map_append_persona (JmMap     *self,
                       JmPersona *persona)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  g_return_val_if_fail (JM_IS_PERSONA (persona), FALSE);
  return append_item (self, LIST_PERSONAS, persona);
}

gboolean
jm_map_append_touchpoint (JmMap        *self,
                          JmTouchpoint *touchpoint)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (touchpoint), FALSE);
  return append_item (self, LIST_TOUCHPOINTS, touchpoint);
}

/* Recorded commands. */

typedef struct
{
  GObject    *object;
  GParamSpec *pspec;
  GValue      old_value;
  GValue      new_value;
} SetCommand;

static void
set_command_free (gpointer data)
{
  SetCommand *command = data;

  g_object_unref (command->object);
  g_value_unset (&command->old_value);
  g_value_unset (&command->new_value);
  g_free (command);
}

static void
set_command_run (gpointer data,
                 gboolean undo)
{
  SetCommand *command = data;

  g_object_set_property (command->object, command->pspec->name,
                         undo ? &command->old_value : &command->new_value);
}

static gboolean
set_command_matches (gpointer      data,
                     gconstpointer user_data)
{
  const SetCommand *command = data;
  const SetCommand *wanted = user_data;

  return command->object == wanted->object && command->pspec == wanted->pspec;
}

typedef enum {
  OP_INSERT,
  OP_REMOVE,
  OP_MOVE
} ListOp;

typedef struct
{
  JmMap    *map;    /* the map owns the history that owns this */
  ListKind  kind;
  ListOp    op;
  guint     position;
  guint     to;
  GObject  *item;
} ListCommand;

static void
list_command_free (gpointer data)
{
  ListCommand *command = data;

  g_object_unref (command->item);
  g_free (command);
}

static void
list_command_run (gpointer data,
                  gboolean undo)
{
  ListCommand *command = data;

  switch (command->op)
    {
    case OP_INSERT:
      if (undo)
        list_remove (command->map, command->kind, command->position);
      else
        list_insert (command->map, command->kind, command->position, command->item);
      break;
    case OP_REMOVE:
      if (undo)
        list_insert (command->map, command->kind, command->position, command->item);
      else
        list_remove (command->map, command->kind, command->position);
      break;
    case OP_MOVE:
      if (undo)
        list_move (command->map, command->kind, command->to, command->position);
      else
        list_move (command->map, command->kind, command->position, command->to);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
record_list (JmMap    *self,
             ListKind  kind,
             ListOp    op,
             guint     position,
             guint     to,
             gpointer  item)
{
  ListCommand *command = g_new0 (ListCommand, 1);

  command->map = self;
  command->kind = kind;
  command->op = op;
  command->position = position;
  command->to = to;
  command->item = g_object_ref (item);
  list_command_run (command, FALSE);
  jm_history_push (self->history, list_command_run, command, list_command_free);
}

/**
 * jm_map_begin:
 * @label: (nullable): what the user did, shown as "Undo @label"
 *
 * Groups the edits until jm_map_end() into one undo step.
 */
void
jm_map_begin (JmMap      *self,
              const char *label)
{
  g_return_if_fail (JM_IS_MAP (self));
  jm_history_begin (self->history, label);
}

/**
 * jm_map_begin_merge:
 * @label: (nullable): what the user did, shown as "Undo @label"
 * @merge_id: (inout): 0 when a gesture starts, then the id stored here
 *
 * Like jm_map_begin(), for a gesture that records its edits as it goes,
 * such as a field recording each key typed: the edits made between this
 * and jm_map_end() join the gesture's step while it is the newest one, and
 * a property edited again keeps one change, from its first value to its
 * newest. See jm_history_begin_merge().
 */
void
jm_map_begin_merge (JmMap      *self,
                    const char *label,
                    guint      *merge_id)
{
  g_return_if_fail (JM_IS_MAP (self));
  jm_history_begin_merge (self->history, label, merge_id);
}

void
jm_map_end (JmMap *self)
{
  g_return_if_fail (JM_IS_MAP (self));
  jm_history_end (self->history);
}

/* GParamSpecBoxed compares addresses; lists and pictures are equal by content. */
static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char * const empty[] = { NULL };
      const char * const *strv_a = g_value_get_boxed (a);
      const char * const *strv_b = g_value_get_boxed (b);

      return g_strv_equal ((const char * const *) (strv_a ? strv_a : empty),
                           (const char * const *) (strv_b ? strv_b : empty));
    }
  if (G_VALUE_HOLDS (a, G_TYPE_BYTES))
    {
      GBytes *bytes_a = g_value_get_boxed (a);
      GBytes *bytes_b = g_value_get_boxed (b);

      if (bytes_a == NULL || bytes_b == NULL)
        return bytes_a == bytes_b;
      return g_bytes_equal (bytes_a, bytes_b);
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

/**
 * jm_map_edit:
 * @object: the map itself, or one of its stages, personas or touchpoints
 * @property: the property to change
 * @value: its new value
 *
 * Sets a property as an undoable step. Setting the value it already has
 * records nothing.
 */
void
jm_map_edit (JmMap        *self,
             gpointer      object,
             const char   *property,
             const GValue *value)
{
  SetCommand *command;
  SetCommand *existing;
  GParamSpec *pspec;

  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);
  g_return_if_fail (value != NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL);
  g_return_if_fail ((pspec->flags & G_PARAM_WRITABLE) && !(pspec->flags & G_PARAM_CONSTRUCT_ONLY));

  command = g_new0 (SetCommand, 1);
  command->object = g_object_ref (object);
  command->pspec = pspec;
  g_value_init (&command->old_value, pspec->value_type);
  g_value_init (&command->new_value, pspec->value_type);
  g_object_get_property (object, property, &command->old_value);
  if (!g_value_transform (value, &command->new_value) ||
      g_param_value_validate (pspec, &command->new_value) ||
      values_equal (pspec, &command->old_value, &command->new_value))
    {
      /* Out of range (refused, not clamped) or unchanged: nothing to record. */
      set_command_free (command);
      return;
    }

  /* Within a merged gesture, the property's earlier change takes the new
   * value; a value back where it started changes nothing any more. */
  existing = jm_history_find_open (self->history, set_command_run, set_command_matches, command);
  if (existing != NULL)
    {
      g_value_copy (&command->new_value, &existing->new_value);
      set_command_free (command);
      set_command_run (existing, FALSE);
      if (values_equal (pspec, &existing->old_value, &existing->new_value))
        jm_history_drop_open (self->history, existing);
      return;
    }

  set_command_run (command, FALSE);
  jm_history_push (self->history, set_command_run, command, set_command_free);
}

void
jm_map_edit_string (JmMap      *self,
                    gpointer    object,
                    const char *property,
                    const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value ? value : "");
  jm_map_edit (self, object, property, &v);
}

void
jm_map_edit_int (JmMap      *self,
                 gpointer    object,
                 const char *property,
                 int         value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  jm_map_edit (self, object, property, &v);
}

void
jm_map_edit_boolean (JmMap      *self,
                     gpointer    object,
                     const char *property,
                     gboolean    value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  jm_map_edit (self, object, property, &v);
}

void
jm_map_edit_double (JmMap      *self,
                    gpointer    object,
                    const char *property,
                    double      value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  jm_map_edit (self, object, property, &v);
}

void
jm_map_edit_strv (JmMap              *self,
                  gpointer            object,
                  const char         *property,
                  const char * const *value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  const char * const empty[] = { NULL };

  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, value ? value : empty);
  jm_map_edit (self, object, property, &v);
}

static guint
clamp_position (JmMap    *self,
                ListKind  kind,
                int       position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[kind]));

  return (position < 0 || (guint) position > n) ? n : (guint) position;
}

/**
 * jm_map_add_stage:
 * @position: where to insert it, -1 for the end
 *
 * Returns: (transfer none): the new stage
 */
JmStage *
jm_map_add_stage (JmMap      *self,
                  int         position,
                  const char *name)
{
  g_autofree char *id = NULL;
  g_autoptr(JmStage) stage = NULL;

  g_return_val_if_fail (JM_IS_MAP (self), NULL);

  id = jm_map_new_id (self, "s");
  stage = jm_stage_new (id, name);
  jm_map_insert_stage (self, clamp_position (self, LIST_STAGES, position), stage);
  return stage;
}

/**
 * jm_map_insert_stage:
 * @stage: a stage whose id is not yet in the map (see jm_map_new_id())
 */
void
jm_map_insert_stage (JmMap   *self,
                     guint    position,
                     JmStage *stage)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_STAGE (stage));
  g_return_if_fail (jm_map_lookup_stage (self, jm_stage_get_id (stage)) == NULL);

  record_list (self, LIST_STAGES, OP_INSERT, clamp_position (self, LIST_STAGES, position),
               0, stage);
}

static void
remove_touchpoints_where (JmMap      *self,
                          const char *property,
                          const char *id)
{
  GListModel *touchpoints = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);

  for (guint i = g_list_model_get_n_items (touchpoints); i > 0; i--)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i - 1);
      const char *value = g_str_equal (property, "stage-id")
                            ? jm_touchpoint_get_stage_id (touchpoint)
                            : jm_touchpoint_get_lane_id (touchpoint);

      if (g_str_equal (value, id))
        jm_map_remove_touchpoint (self, touchpoint);
    }
}

/**
 * jm_map_remove_stage:
 *
 * Removes a stage with its touchpoints, as one step.
 */
void
jm_map_remove_stage (JmMap   *self,
                     JmStage *stage)
{
  guint position;

  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_STAGE (stage));

  if (!jm_map_find_stage (self, stage, &position))
    return;

  jm_map_begin (self, _("Delete Stage"));
  remove_touchpoints_where (self, "stage-id", jm_stage_get_id (stage));
  record_list (self, LIST_STAGES, OP_REMOVE, position, 0, stage);
  jm_map_end (self);
}

static void
move_item (JmMap    *self,
           ListKind  kind,
           gpointer  item,
           guint     to)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[kind]));
  guint from;

  if (!find_item (self, kind, item, &from))
    return;
  to = MIN (to, n - 1);
  if (from != to)
    record_list (self, kind, OP_MOVE, from, to, item);
}

void
jm_map_move_stage (JmMap   *self,
                   JmStage *stage,
                   guint    position)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_STAGE (stage));
  move_item (self, LIST_STAGES, stage, position);
}

/**
 * jm_map_add_persona:
 * @position: where to insert its lane, -1 for the bottom
 *
 * Returns: (transfer none): the new persona, with the next palette colour
 */
JmPersona *
jm_map_add_persona (JmMap      *self,
                    int         position,
                    const char *name)
{
  g_autofree char *id = NULL;
  g_autoptr(JmPersona) persona = NULL;

  g_return_val_if_fail (JM_IS_MAP (self), NULL);

  id = jm_map_new_id (self, "p");
  persona = jm_persona_new (id, name);
  jm_persona_set_colour (persona,
                         jm_palette_colour (g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_PERSONAS]))));
  jm_map_insert_persona (self, clamp_position (self, LIST_PERSONAS, position), persona);
  return persona;
}

void
jm_map_insert_persona (JmMap     *self,
                       guint      position,
                       JmPersona *persona)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_PERSONA (persona));
  g_return_if_fail (jm_map_lookup_persona (self, jm_persona_get_id (persona)) == NULL);

  record_list (self, LIST_PERSONAS, OP_INSERT, clamp_position (self, LIST_PERSONAS, position),
               0, persona);
}

/**
 * jm_map_remove_persona:
 *
 * Removes a persona, its lane and the lane's touchpoints, as one step.
 */
void
jm_map_remove_persona (JmMap     *self,
                       JmPersona *persona)
{
  guint position;

  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_PERSONA (persona));

  if (!jm_map_find_persona (self, persona, &position))
    return;

  jm_map_begin (self, _("Delete Persona"));
  remove_touchpoints_where (self, "lane-id", jm_persona_get_id (persona));
  record_list (self, LIST_PERSONAS, OP_REMOVE, position, 0, persona);
  jm_map_end (self);
}

void
jm_map_move_persona (JmMap     *self,
                     JmPersona *persona,
                     guint      position)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_PERSONA (persona));
  move_item (self, LIST_PERSONAS, persona, position);
}

/* Where in the touchpoint list a card lands to be the index-th of its cell;
 * @skip is a card to leave out of the count (the one being moved). */
static guint
cell_insert_position (JmMap        *self,
                      JmStage      *stage,
                      JmPersona    *persona,
                      int           index_in_cell,
                      JmTouchpoint *skip)
{
  GListModel *touchpoints = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  guint n = g_list_model_get_n_items (touchpoints);
  guint seen = 0;
  gint64 after_last = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (touchpoint == skip || !in_cell (touchpoint, stage, persona))
        continue;
      if (index_in_cell >= 0 && seen == (guint) index_in_cell)
        return i;
      seen++;
      after_last = i + 1;
    }

  if (after_last >= 0)
    return after_last;

  /* An empty cell: keep the list roughly in board order, after the cards
   * of earlier stages of the same lane. */
  {
    guint stage_position = 0;
    gint64 best = -1;

    jm_map_find_stage (self, stage, &stage_position);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
        JmStage *other;
        guint other_position;

        if (touchpoint == skip ||
            !g_str_equal (jm_touchpoint_get_lane_id (touchpoint), jm_persona_get_id (persona)))
          continue;
        other = jm_map_lookup_stage (self, jm_touchpoint_get_stage_id (touchpoint));
        if (other != NULL && jm_map_find_stage (self, other, &other_position) &&
            other_position < stage_position)
          best = i + 1;
      }
    return best >= 0 ? (guint) best : n;
  }
}

/**
 * jm_map_add_touchpoint:
 * @index_in_cell: its place among the cards of the cell, -1 for last
 *
 * Returns: (transfer none): the new touchpoint
 */
JmTouchpoint *
jm_map_add_touchpoint (JmMap      *self,
                       JmStage    *stage,
                       JmPersona  *persona,
                       int         index_in_cell,
                       const char *title)
{
  g_autofree char *id = NULL;
  g_autoptr(JmTouchpoint) touchpoint = NULL;
  guint position;

  g_return_val_if_fail (JM_IS_MAP (self), NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);

  id = jm_map_new_id (self, "t");
  touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stage), jm_persona_get_id (persona), title);
  position = cell_insert_position (self, stage, persona, index_in_cell, NULL);
  record_list (self, LIST_TOUCHPOINTS, OP_INSERT, position, 0, touchpoint);
  return touchpoint;
}

/**
 * jm_map_insert_touchpoint:
 * @touchpoint: a touchpoint whose id is not yet in the map, for paste and import
 */
void
jm_map_insert_touchpoint (JmMap        *self,
                          guint         position,
                          JmTouchpoint *touchpoint)
{
  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (jm_map_lookup_touchpoint (self, jm_touchpoint_get_id (touchpoint)) == NULL);

  record_list (self, LIST_TOUCHPOINTS, OP_INSERT,
               clamp_position (self, LIST_TOUCHPOINTS, position), 0, touchpoint);
}

/**
 * jm_map_remove_touchpoint:
 *
 * Removes a touchpoint and every link to it, as one step.
 */
void
jm_map_remove_touchpoint (JmMap        *self,
                          JmTouchpoint *touchpoint)
{
  GListModel *touchpoints;
  const char *id;
  guint position;

  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));

  if (!jm_map_find_touchpoint (self, touchpoint, &position))
    return;

  id = jm_touchpoint_get_id (touchpoint);
  touchpoints = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  jm_map_begin (self, _("Delete Card"));
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) other = g_list_model_get_item (touchpoints, i);
      const char * const *links = jm_touchpoint_get_links (other);

      if (g_strv_contains (links, id))
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) kept = NULL;

          for (guint j = 0; links[j] != NULL; j++)
            if (!g_str_equal (links[j], id))
              g_strv_builder_add (builder, links[j]);
          kept = g_strv_builder_end (builder);
          jm_map_edit_strv (self, other, "links", (const char * const *) kept);
        }
    }
  record_list (self, LIST_TOUCHPOINTS, OP_REMOVE, position, 0, touchpoint);
  jm_map_end (self);
}

/**
 * jm_map_move_touchpoint:
 * @stage: the target stage
 * @persona: the target lane
 * @index_in_cell: its place among the target cell's other cards, -1 for last
 *
 * Moves a card, within its cell or to another, as one step.
 */
void
jm_map_move_touchpoint (JmMap        *self,
                        JmTouchpoint *touchpoint,
                        JmStage      *stage,
                        JmPersona    *persona,
                        int           index_in_cell)
{
  guint from, to;

  g_return_if_fail (JM_IS_MAP (self));
  g_return_if_fail (JM_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (JM_IS_STAGE (stage));
  g_return_if_fail (JM_IS_PERSONA (persona));

  if (!jm_map_find_touchpoint (self, touchpoint, &from))
    return;

  to = cell_insert_position (self, stage, persona, index_in_cell, touchpoint);
  /* The target was counted with the card still in the list. */
  if (to > from)
    to--;

  jm_map_begin (self, _("Move Card"));
  if (to != from)
    record_list (self, LIST_TOUCHPOINTS, OP_MOVE, from, to, touchpoint);
  jm_map_edit_string (self, touchpoint, "stage-id", jm_stage_get_id (stage));
  jm_map_edit_string (self, touchpoint, "lane-id", jm_persona_get_id (persona));
  jm_map_end (self);
}

gboolean
jm_map_undo (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  return jm_history_undo (self->history);
}

gboolean
jm_map_redo (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  return jm_history_redo (self->history);
}

/**
 * jm_map_get_modified:
 *
 * Returns: %TRUE if the map differs from what was last saved or opened
 */
gboolean
jm_map_get_modified (JmMap *self)
{
  g_return_val_if_fail (JM_IS_MAP (self), FALSE);
  return jm_history_get_modified (self->history);
}
