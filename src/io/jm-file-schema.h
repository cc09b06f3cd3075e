/* jm-file-schema.h: the .journey format, described once
 *
 * One table names every element and attribute of the format: where it
 * sits, what kind of value it holds, the limits the value must keep, the
 * model property it stands for and the model's getter for it. The reader
 * fills its lookups from it and checks values by it; the writer writes
 * fields in its order, reading them through the getters; the tests
 * compare it with data/journey-1.rng and round-trip every entry.
 *
 * Adding a field to a touchpoint: a property and its getter on
 * JmTouchpoint, a row in jm-file-schema.c, the same element or attribute
 * in data/journey-1.rng. The reader and the writer need no change for
 * values of the kinds below.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  JM_SCHEMA_ATTRIBUTE,       /* name="value" on its element */
  JM_SCHEMA_TEXT_ELEMENT,    /* <name>text</name> */
  JM_SCHEMA_LIST_ELEMENT,    /* <name><item>text</item>...</name> */
  JM_SCHEMA_ELEMENT,         /* any other element: read and written by hand */
} JmSchemaNode;

typedef enum {
  JM_SCHEMA_NONE,            /* structure, no value of its own */
  JM_SCHEMA_TEXT,            /* any text */
  JM_SCHEMA_ID,              /* an id, or a reference to one */
  JM_SCHEMA_COLOUR,          /* #rrggbb */
  JM_SCHEMA_INT,             /* xsd:integer from min to max */
  JM_SCHEMA_DECIMAL,         /* xsd:decimal from min to max */
  JM_SCHEMA_BOOLEAN,         /* xsd:boolean */
  JM_SCHEMA_STRV,            /* a list of texts */
  JM_SCHEMA_ID_LIST,         /* a list of references to touchpoints */
  JM_SCHEMA_CHOICE,          /* an enum property, written by its nicks */
  JM_SCHEMA_DATE,            /* YYYY-MM-DD, as xsd:date without a zone */
  JM_SCHEMA_N_TYPES
} JmSchemaType;

/* Which words a message about a bad value takes, in order: the
 * attribute's name, the value as written, the id of its object. */
typedef enum {
  JM_SCHEMA_ARGS_VALUE_OBJECT,
  JM_SCHEMA_ARGS_NAME_VALUE,
  JM_SCHEMA_ARGS_NAME_VALUE_OBJECT,
} JmSchemaArgs;

/* A property read straight from its object: the model's own getter, the
 * value borrowed. The member set follows the row's type (text, id and
 * colour: @text; lists: @strv). Reading through a GValue would copy every
 * text and list of every card when a map is written. */
typedef union
{
  const char *         (*text)    (gpointer object);  /* and the nick of a choice */
  int                  (*integer) (gpointer object);
  gboolean             (*boolean) (gpointer object);
  double               (*decimal) (gpointer object);
  const char * const * (*strv)    (gpointer object);
} JmSchemaGetter;

typedef struct
{
  const char   *parent;     /* the element it sits in */
  const char   *name;       /* its element or attribute name */
  JmSchemaNode  node;
  JmSchemaType  type;
  gboolean      required;
  const char   *item;       /* lists: the element of one item */
  GType       (*object_type) (void);  /* the model object it belongs to */
  const char   *property;   /* NULL: read and written by hand */
  JmSchemaGetter get;       /* with a property: how the writer reads it */
  double        min;        /* JM_SCHEMA_INT and JM_SCHEMA_DECIMAL */
  double        max;
  const char   *invalid;    /* untranslated message for a bad value */
  JmSchemaArgs  invalid_args;

  GParamSpec   *pspec;      /* filled by _jm_file_schema_get () */
} JmSchemaField;

const JmSchemaField *_jm_file_schema_get        (guint                *n_fields);
const char          *_jm_file_schema_type_name  (JmSchemaType          type);

gboolean             _jm_file_schema_parse_choice (const JmSchemaField *field,
                                                   const char          *text,
                                                   int                 *value);
const char          *_jm_file_schema_choice_nick  (const JmSchemaField *field,
                                                   int                  value);

void                 _jm_file_schema_set_value  (const JmSchemaField  *field,
                                                 gpointer              object,
                                                 const GValue         *value);
void                 _jm_file_schema_get_value  (const JmSchemaField  *field,
                                                 gpointer              object,
                                                 GValue               *value);
gboolean             _jm_file_schema_parse_integer (const char        *text,
                                                    double             min,
                                                    double             max,
                                                    int               *result);
gboolean             _jm_file_schema_add_vote   (gpointer              round,
                                                 const char           *touchpoint_id,
                                                 const char           *voter,
                                                 const char           *count,
                                                 char                **message);
gboolean             _jm_file_schema_parse_decimal (const char        *text,
                                                    double             min,
                                                    double             max,
                                                    double            *result);

G_END_DECLS
