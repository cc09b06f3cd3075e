/* jm-persona.c: a persona, and the lane it walks through the journey
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-persona"

#include "jm-persona.h"
#include "jm-util-private.h"

enum {
  TEXT_NAME,
  TEXT_ROLE,
  TEXT_QUOTE,
  TEXT_BIO,
  TEXT_NOTES,
  TEXT_COLOUR,
  TEXT_PICTURE_TYPE,
  N_TEXTS
};

enum {
  LIST_GOALS,
  LIST_FRUSTRATIONS,
  LIST_NEEDS,
  LIST_CHANNELS,
  LIST_DEVICES,
  N_LISTS
};

struct _JmPersona
{
  GObject  parent_instance;

  char    *id;
  char    *texts[N_TEXTS];
  char   **lists[N_LISTS];
  int      age;
  gboolean hidden;
  GBytes  *picture;
};

G_DEFINE_FINAL_TYPE (JmPersona, jm_persona, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AGE,
  PROP_HIDDEN,
  PROP_PICTURE,
  PROP_FIRST_TEXT,
  PROP_FIRST_LIST = PROP_FIRST_TEXT + N_TEXTS,
  N_PROPS = PROP_FIRST_LIST + N_LISTS
};

static GParamSpec *properties[N_PROPS];

static const char *text_names[N_TEXTS] = {
  "name", "role", "quote", "bio", "notes", "colour", "picture-type",
};

static const char *list_names[N_LISTS] = {
  "goals", "frustrations", "needs", "channels", "devices",
};

static void
set_text (JmPersona  *self,
          guint       text,
          const char *value)
{
  if (_jm_set_str (&self->texts[text], value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + text]);
}

static void
set_list (JmPersona          *self,
          guint               list,
          const char * const *value)
{
  if (_jm_set_strv (&self->lists[list], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_LIST + list]);
}

static void
jm_persona_finalize (GObject *object)
{
  JmPersona *self = JM_PERSONA (object);

  g_free (self->id);
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  for (guint i = 0; i < N_LISTS; i++)
    g_strfreev (self->lists[i]);
  g_clear_pointer (&self->picture, g_bytes_unref);

  G_OBJECT_CLASS (jm_persona_parent_class)->finalize (object);
}

static void
jm_persona_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JmPersona *self = JM_PERSONA (object);

  if (prop_id >= PROP_FIRST_LIST && prop_id < N_PROPS)
    g_value_set_boxed (value, self->lists[prop_id - PROP_FIRST_LIST]);
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
  else switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_AGE:
      g_value_set_int (value, self->age);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    case PROP_PICTURE:
      g_value_set_boxed (value, self->picture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_persona_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JmPersona *self = JM_PERSONA (object);

  if (prop_id >= PROP_FIRST_LIST && prop_id < N_PROPS)
    set_list (self, prop_id - PROP_FIRST_LIST, g_value_get_boxed (value));
  else if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
  else switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_AGE:
      jm_persona_set_age (self, g_value_get_int (value));
      break;
    case PROP_HIDDEN:
      jm_persona_set_hidden (self, g_value_get_boolean (value));
      break;
    case PROP_PICTURE:
      jm_persona_set_picture (self, g_value_get_boxed (value), self->texts[TEXT_PICTURE_TYPE]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_persona_class_init (JmPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = jm_persona_finalize;
  object_class->get_property = jm_persona_get_property;
  object_class->set_property = jm_persona_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* 0 means the age is not given. */
  properties[PROP_AGE] = g_param_spec_int ("age", NULL, NULL, 0, 150, 0, flags);
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, flags);
  properties[PROP_PICTURE] = g_param_spec_boxed ("picture", NULL, NULL, G_TYPE_BYTES, flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_names[i], NULL, NULL, "", flags);
  for (guint i = 0; i < N_LISTS; i++)
    properties[PROP_FIRST_LIST + i] =
      g_param_spec_boxed (list_names[i], NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_persona_init (JmPersona *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  for (guint i = 0; i < N_LISTS; i++)
    self->lists[i] = g_new0 (char *, 1);
  g_free (self->texts[TEXT_COLOUR]);
  self->texts[TEXT_COLOUR] = g_strdup ("#0072b2");
}

/**
 * jm_persona_new:
 * @id: the persona's id, unique in its map; its lane has the same id
 * @name: (nullable): the persona's name
 *
 * Returns: (transfer full): a new persona
 */
JmPersona *
jm_persona_new (const char *id,
                const char *name)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (JM_TYPE_PERSONA, "id", id, "name", name ? name : "", NULL);
}

const char *
jm_persona_get_id (JmPersona *self)
{
  g_return_val_if_fail (JM_IS_PERSONA (self), NULL);
  return self->id;
}

#define TEXT_ACCESSORS(field, TEXT)                                    \
  const char *                                                          \
  jm_persona_get_##field (JmPersona *self)                              \
  {                                                                     \
    g_return_val_if_fail (JM_IS_PERSONA (self), NULL);                  \
    return self->texts[TEXT];                                           \
  }                                                                     \
  void                                                                  \
  jm_persona_set_##field (JmPersona *self, const char *value)           \
  {                                                                     \
    g_return_if_fail (JM_IS_PERSONA (self));                            \
    set_text (self, TEXT, value);                                       \
  }

#define LIST_ACCESSORS(field, LIST)                                    \
  const char * const *                                                  \
  jm_persona_get_##field (JmPersona *self)                              \
  {                                                                     \
    g_return_val_if_fail (JM_IS_PERSONA (self), NULL);                  \
    return (const char * const *) self->lists[LIST];                    \
  }                                                                     \
  void                                                                  \
  jm_persona_set_##field (JmPersona *self, const char * const *value)   \
  {                                                                     \
    g_return_if_fail (JM_IS_PERSONA (self));                            \
    set_list (self, LIST, value);                                       \
  }

TEXT_ACCESSORS (name, TEXT_NAME)
TEXT_ACCESSORS (role, TEXT_ROLE)
TEXT_ACCESSORS (quote, TEXT_QUOTE)
TEXT_ACCESSORS (bio, TEXT_BIO)
TEXT_ACCESSORS (notes, TEXT_NOTES)
LIST_ACCESSORS (goals, LIST_GOALS)
LIST_ACCESSORS (frustrations, LIST_FRUSTRATIONS)
LIST_ACCESSORS (needs, LIST_NEEDS)
LIST_ACCESSORS (channels, LIST_CHANNELS)
LIST_ACCESSORS (devices, LIST_DEVICES)

const char *
jm_persona_get_colour (JmPersona *self)
{
  g_return_val_if_fail (JM_IS_PERSONA (self), NULL);
  return self->texts[TEXT_COLOUR];
}

void
jm_persona_set_colour (JmPersona  *self,
                       const char *value)
{
  g_return_if_fail (JM_IS_PERSONA (self));
  set_text (self, TEXT_COLOUR, value);
}

const char *
jm_persona_get_picture_type (JmPersona *self)
{
  g_return_val_if_fail (JM_IS_PERSONA (self), NULL);
  return self->texts[TEXT_PICTURE_TYPE];
}

int
jm_persona_get_age (JmPersona *self)
{
  g_return_val_if_fail (JM_IS_PERSONA (self), 0);
  return self->age;
}

void
jm_persona_set_age (JmPersona *self,
                    int        age)
{
  g_return_if_fail (JM_IS_PERSONA (self));
  g_return_if_fail (age >= 0 && age <= 150);

  if (self->age == age)
    return;
  self->age = age;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE]);
}

gboolean
jm_persona_get_hidden (JmPersona *self)
{
  g_return_val_if_fail (JM_IS_PERSONA (self), FALSE);
  return self->hidden;
}

void
jm_persona_set_hidden (JmPersona *self,
                       gboolean   hidden)
{
  g_return_if_fail (JM_IS_PERSONA (self));

  hidden = !!hidden;
  if (self->hidden == hidden)
    return;
  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}

/**
 * jm_persona_get_picture:
 *
 * Returns: (transfer none) (nullable): the encoded image (PNG or JPEG), kept
 *   inside the map file
 */
GBytes *
jm_persona_get_picture (JmPersona *self)
{
  g_return_val_if_fail (JM_IS_PERSONA (self), NULL);
  return self->picture;
}

/**
 * jm_persona_set_picture:
 * @picture: (nullable): the encoded image, or %NULL to use initials
 * @mime_type: (nullable): its type, such as "image/png"
 */
void
jm_persona_set_picture (JmPersona  *self,
                        GBytes     *picture,
                        const char *mime_type)
{
  g_return_if_fail (JM_IS_PERSONA (self));

  if (self->picture != picture &&
      (self->picture == NULL || picture == NULL || !g_bytes_equal (self->picture, picture)))
    {
      g_clear_pointer (&self->picture, g_bytes_unref);
      if (picture != NULL)
        self->picture = g_bytes_ref (picture);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICTURE]);
    }
  set_text (self, TEXT_PICTURE_TYPE, picture != NULL ? mime_type : NULL);
}

/**
 * jm_persona_dup_initials:
 *
 * Returns: (transfer full): up to two initials of the name, for a persona
 *   without a picture
 */
char *
jm_persona_dup_initials (JmPersona *self)
{
  GString *initials = g_string_new (NULL);
  gboolean at_word_start = TRUE;

  g_return_val_if_fail (JM_IS_PERSONA (self), NULL);

  for (const char *p = self->texts[TEXT_NAME]; *p && initials->len < 16; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (at_word_start && g_utf8_strlen (initials->str, -1) < 2)
            g_string_append_unichar (initials, g_unichar_toupper (c));
          at_word_start = FALSE;
        }
      else
        at_word_start = TRUE;
    }
  return g_string_free (initials, FALSE);
}
