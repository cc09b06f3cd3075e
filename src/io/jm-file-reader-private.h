/* jm-file-reader-private.h: what the parts of the reader share
 *
 * The reader is one pass over the bytes in several files, one per concern:
 * jm-file-reader.c drives it (the bytes, the parser, the references at
 * the end), jm-file-prescan.c refuses what libxml2 handles badly before it
 * parses, jm-file-elements.c turns elements and attributes into the model,
 * jm-file-foreign.c keeps the content of other namespaces, and
 * jm-file-messages.c words what goes wrong. jm-file-validate.c holds the
 * RELAX NG backstop. Their state is one Reader; nothing here leaves io.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlversion.h>

#include "jm-file-private.h"
#include "jm-file-schema.h"

G_BEGIN_DECLS

#define JM_READER_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)
#define JM_READER_MAX_ATTRIBUTES 256
#define JM_READER_MAX_DEPTH 256
/* libxml2 refuses a text, value or name of more than XML_MAX_TEXT_LENGTH
 * bytes in one piece, with messages about its own internals; the pre-scan
 * refuses them first, in plain words. */
#define JM_READER_PIECE_LIMIT XML_MAX_TEXT_LENGTH

/* libxml2 2.12 hands error handlers a const error; older releases do not. */
#if LIBXML_VERSION >= 21200
typedef const xmlError JmXmlError;
#else
typedef xmlError JmXmlError;
#endif

typedef enum {
  K_NONE,
  K_JOURNEY,
  K_WEIGHTS,
  K_STAGES,
  K_PERSONAS,
  K_TOUCHPOINTS,
  K_STAGE,
  K_PERSONA,
  K_TOUCHPOINT,
  K_TEXT,
  K_ITEMS,
  K_ITEM,
  K_LINK,
  K_SCORES,
  K_PICTURE,
  K_VOTES,
  K_ROUND,
  K_VOTE,
} Kind;
#define N_KINDS (K_VOTE + 1)

typedef struct
{
  const char          *name;
  Kind                 kind;
  const JmSchemaField *field;    /* the row of the format's table */
  gboolean             required;
  gboolean             repeatable;
} ChildSpec;

typedef struct
{
  Kind             kind;
  const JmSchemaField *field;
  const char      *name;      /* local name, from the parser's dictionary */
  gpointer         object;    /* the map, stage, persona or touchpoint */
  const ChildSpec *children;
  guint            seen;      /* bit per entry of children */
  int              line;
  int              column;
  GPtrArray       *pending_attrs;  /* foreign attributes of a list item */
  char            *value;
} Frame;

typedef struct
{
  char *from;
  char *id;
  int   kind;      /* 0 stage, 1 lane, 2 link, 3 vote */
  int   line;
  int   column;
} Reference;

typedef struct
{
  xmlParserCtxtPtr ctxt;
  const char      *name;
  JmFileLoadFlags  flags;
  GCancellable    *cancellable;

  JmMap           *map;
  GArray          *stack;      /* of Frame */
  GString         *text;
  GString         *value;      /* of the attribute being checked */
  GPtrArray       *items;
  GArray          *references; /* of Reference */
  GHashTable      *touchpoint_ids;
  guint            n_elements;
  const xmlChar   *our_uri;     /* the parser's copy of JM_FILE_NAMESPACE */

  /* A foreign element being copied. */
  guint            foreign_depth;
  gpointer         foreign_object;
  char            *foreign_slot;
  GString         *foreign;
  gsize            foreign_root_end;
  gboolean         foreign_tag_open;
  GPtrArray       *foreign_declared;  /* prefixes declared inside, "" for default */
  GArray          *foreign_declared_counts;
  GPtrArray       *foreign_needed;    /* prefix, uri, prefix, uri... */

  gboolean         newer_version;
  gboolean         done;        /* PEEK: the root was seen */
  GError          *error;
} Reader;

static inline gboolean
_jm_reader_is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
_jm_reader_is_blank (const char *text,
                     gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!_jm_reader_is_xml_space (text[i]))
      return FALSE;
  return TRUE;
}

/* jm-file-messages.c */
void     _jm_reader_fail (Reader     *self,
                          int         code,
                          int         line,
                          int         column,
                          const char *format,
                          ...) G_GNUC_PRINTF (5, 6);
void     _jm_reader_on_structured_error (void       *user_data,
                                         JmXmlError *error);

/* jm-file-elements.c */
void     _jm_reader_fill_layout (void);
void     _jm_reader_set_handlers (xmlSAXHandler *sax);
void     _jm_reader_on_internal_subset (void          *ctx,
                                        const xmlChar *name,
                                        const xmlChar *external_id,
                                        const xmlChar *system_id);
void     _jm_reader_frame_clear (Frame *frame);
char    *_jm_reader_attribute_value (const xmlChar *value,
                                     const xmlChar *end);
char    *_jm_reader_namespace_uri (const xmlChar *uri);

/* jm-file-foreign.c */
void     _jm_foreign_attr_free (gpointer data);
void     _jm_reader_foreign_start (Reader         *self,
                                   const xmlChar  *localname,
                                   const xmlChar  *prefix,
                                   const xmlChar  *uri,
                                   int             nb_namespaces,
                                   const xmlChar **namespaces,
                                   int             nb_attributes,
                                   const xmlChar **attributes);
void     _jm_reader_foreign_end (Reader        *self,
                                 const xmlChar *localname,
                                 const xmlChar *prefix);
void     _jm_reader_foreign_text (Reader     *self,
                                  const char *text,
                                  int         length);

/* jm-file-prescan.c: what the pre-scan saw of the file's start, so that a
 * file of a newer format is known as one even when it is refused for
 * something else. */
typedef struct
{
  const char *root;          /* the root element's start tag, or NULL */
  const char *root_end;      /* just after it */
  const char *doctype;       /* the DOCTYPE, or NULL */
  const char *doctype_end;
} Prologue;

gboolean _jm_file_prescan (const char  *data,
                           gsize        length,
                           const char  *name,
                           gboolean     stop_at_root,
                           Prologue  *prologue,
                           GError     **error);

/* jm-file-validate.c */
void     _jm_file_on_dom_internal_subset (void          *ctx,
                                          const xmlChar *name,
                                          const xmlChar *external_id,
                                          const xmlChar *system_id);

G_END_DECLS
