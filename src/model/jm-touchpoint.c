/* jm-touchpoint.c: one moment where the customer meets the company
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-touchpoint"

#include "jm-touchpoint.h"
#include "jm-touchpoint-private.h"

/* The template rows come first so that a JmRow indexes texts[] directly. */
enum {
  TEXT_STAGE_ID = JM_N_ROWS,
  TEXT_LANE_ID,
  TEXT_TITLE,
  TEXT_CHANNEL,
  TEXT_NOTES,
  TEXT_KIND,
  N_TEXTS
};

enum {
  LIST_TEAMS,
  LIST_LINKS,
  N_LISTS
};

struct _JmTouchpoint
{
  GObject  parent_instance;

  char    *id;
  char    *texts[N_TEXTS];
  char   **lists[N_LISTS];
  int      ratings[JM_N_MEASURES];
  int      emotion;
  gboolean moment_of_truth;
  gboolean quiet;      /* being loaded: nobody can listen yet */
};

G_DEFINE_FINAL_TYPE (JmTouchpoint, jm_touchpoint, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EMOTION,
  PROP_MOMENT_OF_TRUTH,
  PROP_FIRST_TEXT,
  PROP_FIRST_LIST = PROP_FIRST_TEXT + N_TEXTS,
  PROP_FIRST_RATING = PROP_FIRST_LIST + N_LISTS,
  N_PROPS = PROP_FIRST_RATING + JM_N_MEASURES
};

static GParamSpec *properties[N_PROPS];

static const char *text_names[N_TEXTS] = {
  "actions", "needs", "thoughts", "opportunities", "metrics",
  "stage-id", "lane-id", "title", "channel", "notes", "kind",
};

static const char *list_names[N_LISTS] = { "teams", "links" };

static const char *rating_names[JM_N_MEASURES] = {
  "responsiveness", "convenience", "reliability", "relevance",
};

static void
notify (JmTouchpoint *self,
        guint         prop_id)
{
  if (!self->quiet)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Most fields of a new touchpoint stay empty: a map of many thousands of
 * touchpoints shares one empty text and one empty list between them
 * instead of allocating a dozen of each per touchpoint. */
static char empty_text[] = "";
static char *empty_list[] = { NULL };

static void
text_free (char *text)
{
  if (text != empty_text)
    g_free (text);
}

static void
list_free (char **list)
{
  if (list != empty_list)
    g_strfreev (list);
}

static gboolean
text_replace (char       **pointer,
              const char  *value)
{
  char *copy;

  if (*pointer == value || g_strcmp0 (*pointer, value) == 0)
    return FALSE;
  copy = *value != '\0' ? g_strdup (value) : empty_text;
  text_free (*pointer);
  *pointer = copy;
  return TRUE;
}

static void
set_text (JmTouchpoint *self,
          guint         text,
          const char   *value)
{
  if (text_replace (&self->texts[text], value ? value : ""))
    notify (self, PROP_FIRST_TEXT + text);
}

/* NULL and empty are the same list. */
static void
set_list (JmTouchpoint       *self,
          guint               list,
          const char * const *value)
{
  if (value == NULL)
    value = (const char * const *) empty_list;
  if (g_strv_equal ((const char * const *) self->lists[list], value))
    return;

  list_free (self->lists[list]);
  self->lists[list] = value[0] != NULL ? g_strdupv ((char **) value) : empty_list;
  notify (self, PROP_FIRST_LIST + list);
}

static void
jm_touchpoint_finalize (GObject *object)
{
  JmTouchpoint *self = JM_TOUCHPOINT (object);

  g_free (self->id);
  for (guint i = 0; i < N_TEXTS; i++)
    text_free (self->texts[i]);
  for (guint i = 0; i < N_LISTS; i++)
    list_free (self->lists[i]);

  G_OBJECT_CLASS (jm_touchpoint_parent_class)->finalize (object);
}

static void
jm_touchpoint_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JmTouchpoint *self = JM_TOUCHPOINT (object);

  if (prop_id >= PROP_FIRST_RATING && prop_id < N_PROPS)
    g_value_set_int (value, self->ratings[prop_id - PROP_FIRST_RATING]);
  else if (prop_id >= PROP_FIRST_LIST && prop_id < PROP_FIRST_RATING)
    g_value_set_boxed (value, self->lists[prop_id - PROP_FIRST_LIST]);
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
  else switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_EMOTION:
      g_value_set_int (value, self->emotion);
      break;
    case PROP_MOMENT_OF_TRUTH:
      g_value_set_boolean (value, self->moment_of_truth);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_touchpoint_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JmTouchpoint *self = JM_TOUCHPOINT (object);

  if (prop_id >= PROP_FIRST_RATING && prop_id < N_PROPS)
    jm_touchpoint_set_rating (self, prop_id - PROP_FIRST_RATING, g_value_get_int (value));
  else if (prop_id >= PROP_FIRST_LIST && prop_id < PROP_FIRST_RATING)
    set_list (self, prop_id - PROP_FIRST_LIST, g_value_get_boxed (value));
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
  else switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_EMOTION:
      jm_touchpoint_set_emotion (self, g_value_get_int (value));
      break;
    case PROP_MOMENT_OF_TRUTH:
      jm_touchpoint_set_moment_of_truth (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_touchpoint_class_init (JmTouchpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jm_touchpoint_finalize;
  object_class->get_property = jm_touchpoint_get_property;
  object_class->set_property = jm_touchpoint_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* JM_EMOTION_UNSET (-100) means no emotion was recorded. */
  properties[PROP_EMOTION] =
    g_param_spec_int ("emotion", NULL, NULL, JM_EMOTION_UNSET, JM_EMOTION_MAX,
                      JM_EMOTION_UNSET, flags);
  properties[PROP_MOMENT_OF_TRUTH] =
    g_param_spec_boolean ("moment-of-truth", NULL, NULL, FALSE, flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (text_names[i], NULL, NULL, "", flags);
  for (guint i = 0; i < N_LISTS; i++)
    properties[PROP_FIRST_LIST + i] =
      g_param_spec_boxed (list_names[i], NULL, NULL, G_TYPE_STRV, flags);
  /* 0 means unrated: a missing rating, never a zero score. */
  for (guint i = 0; i < JM_N_MEASURES; i++)
    properties[PROP_FIRST_RATING + i] =
      g_param_spec_int (rating_names[i], NULL, NULL, JM_RATING_UNSET, JM_RATING_MAX,
                        JM_RATING_UNSET, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_touchpoint_init (JmTouchpoint *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = empty_text;
  for (guint i = 0; i < N_LISTS; i++)
    self->lists[i] = empty_list;
  self->emotion = JM_EMOTION_UNSET;
}

/**
 * jm_touchpoint_new:
 * @id: the touchpoint's id, unique in its map
 * @stage_id: the id of its stage
 * @lane_id: the id of its persona lane
 * @title: (nullable): its title
 *
 * Returns: (transfer full): a new touchpoint
 */
JmTouchpoint *
jm_touchpoint_new (const char *id,
                   const char *stage_id,
                   const char *lane_id,
                   const char *title)
{
  JmTouchpoint *self;

  g_return_val_if_fail (id != NULL, NULL);

  /* Maps of many thousands of touchpoints are built with this: fields set
   * directly cost a fraction of properties, and nobody can be listening
   * to an object that does not exist yet. */
  self = g_object_new (JM_TYPE_TOUCHPOINT, NULL);
  self->id = g_strdup (id);
  text_replace (&self->texts[TEXT_STAGE_ID], stage_id ? stage_id : "");
  text_replace (&self->texts[TEXT_LANE_ID], lane_id ? lane_id : "");
  text_replace (&self->texts[TEXT_TITLE], title ? title : "");
  return self;
}

const char *
jm_touchpoint_get_id (JmTouchpoint *self)
{
  g_return_val_if_fail (JM_IS_TOUCHPOINT (self), NULL);
  return self->id;
}

#define TEXT_ACCESSORS(field, TEXT)                                    \
  const char *                                                          \
  jm_touchpoint_get_##field (JmTouchpoint *self)                        \
  {                                                                     \
    g_return_val_if_fail (JM_IS_TOUCHPOINT (self), NULL);               \
    return self->texts[TEXT];                                           \
  }                                                                     \
  void                                                                  \
  jm_touchpoint_set_##field (JmTouchpoint *self, const char *value)     \
  {                                                                     \
    g_return_if_fail (JM_IS_TOUCHPOINT (self));                         \
    set_text (self, TEXT, value);                                       \
  }

#define LIST_ACCESSORS(field, LIST)                                             \
  const char * const *                                                           \
  jm_touchpoint_get_##field (JmTouchpoint *self)                                 \
  {                                                                              \
    g_return_val_if_fail (JM_IS_TOUCHPOINT (self), NULL);                        \
    return (const char * const *) self->lists[LIST];                             \
  }                                                                              \
  void                                                                           \
  jm_touchpoint_set_##field (JmTouchpoint *self, const char * const *value)      \
  {                                                                              \
    g_return_if_fail (JM_IS_TOUCHPOINT (self));                                  \
    set_list (self, LIST, value);                                                \
  }

TEXT_ACCESSORS (stage_id, TEXT_STAGE_ID)
TEXT_ACCESSORS (lane_id, TEXT_LANE_ID)
TEXT_ACCESSORS (title, TEXT_TITLE)
TEXT_ACCESSORS (channel, TEXT_CHANNEL)
TEXT_ACCESSORS (notes, TEXT_NOTES)
TEXT_ACCESSORS (kind, TEXT_KIND)
LIST_ACCESSORS (teams, LIST_TEAMS)
LIST_ACCESSORS (links, LIST_LINKS)

const char *
jm_touchpoint_get_row (JmTouchpoint *self,
                       JmRow         row)
{
  g_return_val_if_fail (JM_IS_TOUCHPOINT (self), NULL);
  g_return_val_if_fail (row < JM_N_ROWS, NULL);
  return self->texts[row];
}

void
jm_touchpoint_set_row (JmTouchpoint *self,
                       JmRow         row,
                       const char   *value)
{
  g_return_if_fail (JM_IS_TOUCHPOINT (self));
  g_return_if_fail (row < JM_N_ROWS);
  set_text (self, row, value);
}

int
jm_touchpoint_get_emotion (JmTouchpoint *self)
{
  g_return_val_if_fail (JM_IS_TOUCHPOINT (self), JM_EMOTION_UNSET);
  return self->emotion;
}

/**
 * jm_touchpoint_set_emotion:
 * @emotion: -2 (very negative) to +2 (very positive), or %JM_EMOTION_UNSET
 */
void
jm_touchpoint_set_emotion (JmTouchpoint *self,
                           int           emotion)
{
  g_return_if_fail (JM_IS_TOUCHPOINT (self));
  g_return_if_fail (emotion == JM_EMOTION_UNSET ||
                    (emotion >= JM_EMOTION_MIN && emotion <= JM_EMOTION_MAX));

  if (self->emotion == emotion)
    return;
  self->emotion = emotion;
  notify (self, PROP_EMOTION);
}

int
jm_touchpoint_get_rating (JmTouchpoint *self,
                          JmMeasure     measure)
{
  g_return_val_if_fail (JM_IS_TOUCHPOINT (self), JM_RATING_UNSET);
  g_return_val_if_fail (measure < JM_N_MEASURES, JM_RATING_UNSET);
  return self->ratings[measure];
}

/**
 * jm_touchpoint_set_rating:
 * @rating: 1 to 5, or %JM_RATING_UNSET
 */
void
jm_touchpoint_set_rating (JmTouchpoint *self,
                          JmMeasure     measure,
                          int           rating)
{
  g_return_if_fail (JM_IS_TOUCHPOINT (self));
  g_return_if_fail (measure < JM_N_MEASURES);
  g_return_if_fail (rating >= JM_RATING_UNSET && rating <= JM_RATING_MAX);

  if (self->ratings[measure] == rating)
    return;
  self->ratings[measure] = rating;
  notify (self, PROP_FIRST_RATING + measure);
}

gboolean
jm_touchpoint_get_moment_of_truth (JmTouchpoint *self)
{
  g_return_val_if_fail (JM_IS_TOUCHPOINT (self), FALSE);
  return self->moment_of_truth;
}

void
jm_touchpoint_set_moment_of_truth (JmTouchpoint *self,
                                   gboolean      value)
{
  g_return_if_fail (JM_IS_TOUCHPOINT (self));

  value = !!value;
  if (self->moment_of_truth == value)
    return;
  self->moment_of_truth = value;
  notify (self, PROP_MOMENT_OF_TRUTH);
}

/**
 * jm_touchpoint_row_property:
 *
 * Returns: the name of the property holding @row, for jm_map_edit()
 */
const char *
jm_touchpoint_row_property (JmRow row)
{
  g_return_val_if_fail (row < JM_N_ROWS, NULL);
  return text_names[row];
}

const char *
jm_touchpoint_rating_property (JmMeasure measure)
{
  g_return_val_if_fail (measure < JM_N_MEASURES, NULL);
  return rating_names[measure];
}

/**
 * _jm_touchpoint_set_quiet:
 * @quiet: %TRUE while a loader fills in a touchpoint that is not yet visible
 *   to anyone
 *
 * A quiet touchpoint changes its fields without emitting #GObject::notify.
 * A loader must make it loud again before anyone else sees it.
 */
void
_jm_touchpoint_set_quiet (JmTouchpoint *self,
                          gboolean      quiet)
{
  g_return_if_fail (JM_IS_TOUCHPOINT (self));
  self->quiet = quiet != FALSE;
}
