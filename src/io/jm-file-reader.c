/* jm-file-reader.c: building a map from the bytes of a .journey file
 *
 * The file is someone else's until proven otherwise. The bytes go through a
 * linear pre-scan that refuses what libxml2 handles badly (binary data, a
 * DOCTYPE, thousands of attributes on one tag, absurd nesting), then through
 * libxml2's SAX2 parser, from memory, with safe options only. The handlers
 * build the model as they go and check everything the RELAX NG schema says,
 * with messages a person can act on, in time linear in the file's size.
 * The RELAX NG schema only runs when asked to be strict (--check --strict)
 * and in the test suite, which checks that both agree: libxml2's validator
 * costs about 70 µs per touchpoint and is quadratic in sibling elements
 * under <interleave> (60,000 siblings took seconds, a few more minutes),
 * so no load, check or score of a map waits on it.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlversion.h>

#include "jm-core-resources.h"
#include "jm-file-private.h"
#include "jm-file-schema.h"
#include "jm-map-private.h"
#include "jm-touchpoint-private.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)
#define MAX_ATTRIBUTES 256
#define MAX_DEPTH 256
/* libxml2 refuses a text, value or name of more than XML_MAX_TEXT_LENGTH
 * bytes in one piece, with messages about its own internals; the pre-scan
 * refuses them first, in plain words. */
#define PIECE_LIMIT XML_MAX_TEXT_LENGTH
/* Below this, a second thread costs more than it saves. */
#define PARALLEL_PRESCAN_SIZE (1024 * 1024)
#define NS_BASE "https://journeymapper.github.io/ns/journey/"
#define RNG_RESOURCE RESOURCE_PREFIX "/journey-1.rng"

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
} Kind;
#define N_KINDS (K_PICTURE + 1)

typedef struct
{
  const char          *name;
  Kind                 kind;
  const JmSchemaField *field;    /* the row of the format's table */
  gboolean             required;
  gboolean             repeatable;
} ChildSpec;

/* What each kind of element may hold, filled from the format's table
 * (jm-file-schema.c) once, so that reading looks up short arrays as it
 * did when they were written out here. */
#define MAX_CHILDREN 31
#define MAX_ATTRIBUTES_OF_KIND 15

static const char * const kind_names[N_KINDS] = {
  [K_JOURNEY] = "journey",
  [K_WEIGHTS] = "weights",
  [K_STAGES] = "stages",
  [K_PERSONAS] = "personas",
  [K_TOUCHPOINTS] = "touchpoints",
  [K_STAGE] = "stage",
  [K_PERSONA] = "persona",
  [K_TOUCHPOINT] = "touchpoint",
  [K_LINK] = "link",
  [K_SCORES] = "scores",
  [K_PICTURE] = "picture",
};

static ChildSpec kind_children[N_KINDS][MAX_CHILDREN + 1];
static const JmSchemaField *kind_attributes[N_KINDS][MAX_ATTRIBUTES_OF_KIND + 1];

static const ChildSpec items_children[] = { { "item", K_ITEM, NULL, FALSE, TRUE }, { NULL } };
static const ChildSpec teams_children[] = { { "team", K_ITEM, NULL, FALSE, TRUE }, { NULL } };
static const ChildSpec links_children[] = { { "link", K_LINK, NULL, FALSE, TRUE }, { NULL } };

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
  int   kind;      /* 0 stage, 1 lane, 2 link */
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


/* Errors */

void
_jm_file_set_error (GError     **error,
                    int          code,
                    const char  *display_name,
                    int          line,
                    int          column,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, JM_FILE_ERROR, code, "%s:%d:%d: %s",
               display_name, MAX (line, 1), MAX (column, 1), message);
}

void
_jm_file_set_too_large (GError     **error,
                        const char  *display_name,
                        guint64      size)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (JM_FILE_MAX_SIZE);

  /* Just over the cap, both round to the same text: then give the bytes. */
  if (g_str_equal (size_text, limit_text))
    {
      g_free (size_text);
      size_text = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
    }
  _jm_file_set_error (error, JM_FILE_ERROR_TOO_LARGE, display_name, 1, 1,
                      _("the file is %s, more than the %s a map file may have"),
                      size_text, limit_text);
}

static void reader_fail (Reader *self, int code, int line, int column, const char *format, ...) G_GNUC_PRINTF (5, 6);

static void
reader_fail (Reader     *self,
             int         code,
             int         line,
             int         column,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _jm_file_set_error (&self->error, code, self->name, line, column, "%s", message);
  if (self->ctxt != NULL)
    xmlStopParser (self->ctxt);
}

/* Where the current start tag begins: the parser stands at its end. */
static void
tag_position (Reader *self,
              int    *line,
              int    *column)
{
  xmlParserInputPtr input = self->ctxt->input;
  const xmlChar *p;
  int lines = 0;

  *line = input->line;
  *column = input->col;
  if (input->cur == NULL || input->base == NULL)
    return;

  for (p = input->cur; p > input->base && *p != '<'; p--)
    ;
  if (*p != '<')
    return;
  /* Most tags fit on one line. */
  for (const xmlChar *q = memchr (p, '\n', input->cur - p); q != NULL;
       q = memchr (q + 1, '\n', input->cur - q - 1))
    lines++;

  if (lines == 0)
    {
      *column = input->col - (int) (input->cur - p);
    }
  else
    {
      const xmlChar *start = p;

      while (start > input->base && start[-1] != '\n')
        start--;
      *line = input->line - lines;
      *column = (int) (p - start) + 1;
    }
}

/* Values */

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!is_xml_space (text[i]))
      return FALSE;
  return TRUE;
}

/* xsd:integer, whitespace collapsed */
static gboolean
parse_integer (const char *value,
               int         min,
               int         max,
               int        *result)
{
  const char *p = value;
  gboolean negative = FALSE;
  gint64 n = 0;
  gboolean digits = FALSE;

  while (is_xml_space (*p))
    p++;
  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++)
    {
      digits = TRUE;
      n = n * 10 + (*p - '0');
      if (n > 1000000)
        return FALSE;
    }
  while (is_xml_space (*p))
    p++;
  if (!digits || *p != '\0')
    return FALSE;
  if (negative)
    n = -n;
  if (n < min || n > max)
    return FALSE;
  *result = (int) n;
  return TRUE;
}

/* xsd:decimal, whitespace collapsed */
static gboolean
parse_decimal (const char *value,
               double      min,
               double      max,
               double     *result)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  const char *p = copy;
  gboolean digits = FALSE;
  double d;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits || *p != '\0')
    return FALSE;
  d = g_ascii_strtod (copy, NULL);
  if (d < min || d > max)
    return FALSE;
  *result = d == 0.0 ? 0.0 : d;
  return TRUE;
}

static gboolean
parse_boolean (const char *value,
               gboolean   *result)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));

  if (g_str_equal (copy, "true") || g_str_equal (copy, "1"))
    *result = TRUE;
  else if (g_str_equal (copy, "false") || g_str_equal (copy, "0"))
    *result = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > 64)
    return FALSE;
  if (!g_ascii_isalpha (id[0]) && id[0] != '_')
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '_' && id[i] != '.' && id[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_base64 (const char *text)
{
  gsize n = 0;
  guint padding = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_xml_space (*p))
        continue;
      if (*p == '=')
        {
          padding++;
        }
      else if (g_ascii_isalnum (*p) || *p == '+' || *p == '/')
        {
          if (padding > 0)
            return FALSE;
        }
      else
        {
          return FALSE;
        }
      n++;
    }
  return n % 4 == 0 && padding <= 2;
}

/* libxml2 hands attribute values over undecoded in one respect: without
 * entity substitution, every '&' arrives as "&#38;". */
static char *
attribute_value (const xmlChar *value,
                 const xmlChar *end)
{
  GString *s;
  const char *p = (const char *) value;
  const char *stop = (const char *) end;

  /* Nearly every value has no '&' at all. */
  if (memchr (p, '&', stop - p) == NULL)
    return g_strndup (p, stop - p);

  s = g_string_sized_new (end - value);
  while (p < stop)
    {
      if (*p == '&' && stop - p >= 5 && memcmp (p, "&#38;", 5) == 0)
        {
          g_string_append_c (s, '&');
          p += 5;
        }
      else
        {
          g_string_append_c (s, *p++);
        }
    }
  return g_string_free (s, FALSE);
}

/* The same, into @out: no allocation for a value that is only checked. */
static const char *
attribute_value_in (GString       *out,
                    const xmlChar *value,
                    const xmlChar *end)
{
  const char *p = (const char *) value;
  const char *stop = (const char *) end;
  const char *amp;

  g_string_truncate (out, 0);
  while ((amp = memchr (p, '&', stop - p)) != NULL)
    {
      g_string_append_len (out, p, amp - p);
      if (stop - amp >= 5 && memcmp (amp, "&#38;", 5) == 0)
        {
          g_string_append_c (out, '&');
          p = amp + 5;
        }
      else
        {
          g_string_append_c (out, '&');
          p = amp + 1;
        }
    }
  g_string_append_len (out, p, stop - p);
  return out->str;
}

/* Namespace names come through the same way as attribute values. */
static char *
namespace_uri (const xmlChar *uri)
{
  if (uri == NULL)
    return g_strdup ("");
  return attribute_value (uri, uri + strlen ((const char *) uri));
}

/* Foreign content */

static void
foreign_attr_free (gpointer data)
{
  JmForeignAttr *attr = data;

  g_free (attr->uri);
  g_free (attr->prefix);
  g_free (attr->local);
  g_free (attr->value);
  g_free (attr);
}

static void
foreign_slot_free (gpointer data)
{
  JmForeignSlot *slot = data;

  g_clear_pointer (&slot->attrs, g_ptr_array_unref);
  g_clear_pointer (&slot->elements, g_ptr_array_unref);
  g_free (slot);
}

static void
foreign_free (gpointer data)
{
  JmForeign *foreign = data;

  g_hash_table_unref (foreign->slots);
  g_free (foreign);
}

/**
 * _jm_foreign_get:
 *
 * Returns: (transfer none) (nullable): the foreign content kept on @object
 */
JmForeign *
_jm_foreign_get (gpointer object)
{
  return g_object_get_data (G_OBJECT (object), JM_FOREIGN_KEY);
}

JmForeign *
_jm_foreign_ensure (gpointer object)
{
  JmForeign *foreign = _jm_foreign_get (object);

  if (foreign == NULL)
    {
      foreign = g_new0 (JmForeign, 1);
      foreign->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, foreign_slot_free);
      g_object_set_data_full (G_OBJECT (object), JM_FOREIGN_KEY, foreign, foreign_free);
    }
  return foreign;
}

JmForeignSlot *
_jm_foreign_lookup (gpointer    object,
                    const char *slot)
{
  JmForeign *foreign = _jm_foreign_get (object);

  return foreign != NULL ? g_hash_table_lookup (foreign->slots, slot) : NULL;
}

JmForeignSlot *
_jm_foreign_ensure_slot (gpointer    object,
                         const char *name)
{
  JmForeign *foreign = _jm_foreign_ensure (object);
  JmForeignSlot *slot = g_hash_table_lookup (foreign->slots, name);

  if (slot == NULL)
    {
      slot = g_new0 (JmForeignSlot, 1);
      slot->attrs = g_ptr_array_new_with_free_func (foreign_attr_free);
      slot->elements = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (foreign->slots, g_strdup (name), slot);
    }
  return slot;
}

void
_jm_foreign_slot_add_attr (JmForeignSlot *slot,
                           const char    *uri,
                           const char    *prefix,
                           const char    *local,
                           const char    *value)
{
  JmForeignAttr *attr = g_new0 (JmForeignAttr, 1);

  attr->uri = g_strdup (uri);
  attr->prefix = g_strdup (prefix);
  attr->local = g_strdup (local);
  attr->value = g_strdup (value);
  g_ptr_array_add (slot->attrs, attr);
}

void
_jm_xml_escape_text (GString    *out,
                     const char *text,
                     gboolean    attribute)
{
  const char *run = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '\r': entity = "&#13;"; break;
        case '"': entity = attribute ? "&quot;" : NULL; break;
        case '\n': entity = attribute ? "&#10;" : NULL; break;
        case '\t': entity = attribute ? "&#9;" : NULL; break;
        default: entity = NULL; break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

static void
append_qname (GString       *out,
              const xmlChar *prefix,
              const xmlChar *local)
{
  if (prefix != NULL)
    {
      g_string_append (out, (const char *) prefix);
      g_string_append_c (out, ':');
    }
  g_string_append (out, (const char *) local);
}

static gboolean
foreign_prefix_declared (Reader     *self,
                         const char *prefix)
{
  for (guint i = 0; i < self->foreign_declared->len; i++)
    if (g_str_equal (g_ptr_array_index (self->foreign_declared, i), prefix))
      return TRUE;
  return FALSE;
}

/* A prefix used inside the copy but declared outside it must be declared on
 * the copy's root, so that the copy stands alone wherever it is written. */
static void
foreign_need (Reader        *self,
              const xmlChar *prefix,
              const xmlChar *uri)
{
  const char *p = prefix != NULL ? (const char *) prefix : "";

  if (g_str_equal (p, "xml") || foreign_prefix_declared (self, p))
    return;
  for (guint i = 0; i < self->foreign_needed->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->foreign_needed, i), p))
      return;
  g_ptr_array_add (self->foreign_needed, g_strdup (p));
  g_ptr_array_add (self->foreign_needed, namespace_uri (uri));
}

static void
foreign_close_tag (Reader *self)
{
  if (self->foreign_tag_open)
    {
      g_string_append_c (self->foreign, '>');
      self->foreign_tag_open = FALSE;
    }
}

static void
foreign_start (Reader         *self,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             nb_namespaces,
               const xmlChar **namespaces,
               int             nb_attributes,
               const xmlChar **attributes)
{
  foreign_close_tag (self);
  g_string_append_c (self->foreign, '<');
  append_qname (self->foreign, prefix, localname);
  if (self->foreign_depth == 0)
    self->foreign_root_end = self->foreign->len;

  for (int i = 0; i < nb_namespaces; i++)
    {
      const xmlChar *ns_prefix = namespaces[2 * i];
      g_autofree char *decoded = namespace_uri (namespaces[2 * i + 1]);

      g_string_append (self->foreign, " xmlns");
      if (ns_prefix != NULL)
        {
          g_string_append_c (self->foreign, ':');
          g_string_append (self->foreign, (const char *) ns_prefix);
        }
      g_string_append (self->foreign, "=\"");
      _jm_xml_escape_text (self->foreign, decoded, TRUE);
      g_string_append_c (self->foreign, '"');
      g_ptr_array_add (self->foreign_declared, g_strdup (ns_prefix != NULL ? (const char *) ns_prefix : ""));
    }
  g_array_append_val (self->foreign_declared_counts, nb_namespaces);

  foreign_need (self, prefix, uri);
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **attr = attributes + 5 * i;
      g_autofree char *value = attribute_value (attr[3], attr[4]);

      if (attr[1] != NULL)
        foreign_need (self, attr[1], attr[2]);
      g_string_append_c (self->foreign, ' ');
      append_qname (self->foreign, attr[1], attr[0]);
      g_string_append (self->foreign, "=\"");
      _jm_xml_escape_text (self->foreign, value, TRUE);
      g_string_append_c (self->foreign, '"');
    }

  self->foreign_tag_open = TRUE;
  self->foreign_depth++;
}

static void
foreign_end (Reader        *self,
             const xmlChar *localname,
             const xmlChar *prefix)
{
  int declared;

  if (self->foreign_tag_open)
    {
      g_string_append (self->foreign, "/>");
      self->foreign_tag_open = FALSE;
    }
  else
    {
      g_string_append (self->foreign, "</");
      append_qname (self->foreign, prefix, localname);
      g_string_append_c (self->foreign, '>');
    }

  declared = g_array_index (self->foreign_declared_counts, int, self->foreign_declared_counts->len - 1);
  g_array_set_size (self->foreign_declared_counts, self->foreign_declared_counts->len - 1);
  g_ptr_array_set_size (self->foreign_declared, self->foreign_declared->len - declared);

  if (--self->foreign_depth == 0)
    {
      g_autoptr(GString) declarations = g_string_new (NULL);
      JmForeignSlot *slot;

      for (guint i = 0; i < self->foreign_needed->len; i += 2)
        {
          const char *ns_prefix = g_ptr_array_index (self->foreign_needed, i);

          g_string_append (declarations, " xmlns");
          if (*ns_prefix != '\0')
            g_string_append_printf (declarations, ":%s", ns_prefix);
          g_string_append (declarations, "=\"");
          _jm_xml_escape_text (declarations, g_ptr_array_index (self->foreign_needed, i + 1), TRUE);
          g_string_append_c (declarations, '"');
        }
      g_string_insert (self->foreign, self->foreign_root_end, declarations->str);
      g_ptr_array_set_size (self->foreign_needed, 0);

      slot = _jm_foreign_ensure_slot (self->foreign_object, self->foreign_slot);
      g_ptr_array_add (slot->elements, g_string_free (g_steal_pointer (&self->foreign), FALSE));
      self->foreign = NULL;
      g_clear_pointer (&self->foreign_slot, g_free);
      self->foreign_object = NULL;
    }
}

static void
foreign_text (Reader     *self,
              const char *text,
              int         length)
{
  g_autofree char *copy = g_strndup (text, length);

  foreign_close_tag (self);
  _jm_xml_escape_text (self->foreign, copy, FALSE);
}

/* The model */

static Frame *
top (Reader *self)
{
  return self->stack->len > 0 ? &g_array_index (self->stack, Frame, self->stack->len - 1) : NULL;
}

static const char *
frame_slot (Frame *frame)
{
  switch (frame->kind)
    {
    case K_JOURNEY: return "journey";
    case K_STAGE: return "stage";
    case K_PERSONA: return "persona";
    case K_TOUCHPOINT: return "touchpoint";
    case K_NONE:
    case K_WEIGHTS:
    case K_STAGES:
    case K_PERSONAS:
    case K_TOUCHPOINTS:
    case K_TEXT:
    case K_ITEMS:
    case K_ITEM:
    case K_LINK:
    case K_SCORES:
    case K_PICTURE:
    default:
      return frame->name;
    }
}

static gboolean
allows_foreign_elements (Kind kind)
{
  switch (kind)
    {
    case K_JOURNEY:
    case K_WEIGHTS:
    case K_STAGES:
    case K_PERSONAS:
    case K_TOUCHPOINTS:
    case K_STAGE:
    case K_PERSONA:
    case K_TOUCHPOINT:
      return TRUE;
    case K_NONE:
    case K_TEXT:
    case K_ITEMS:
    case K_ITEM:
    case K_LINK:
    case K_SCORES:
    case K_PICTURE:
    default:
      return FALSE;
    }
}

static const char *
object_description (gpointer object)
{
  if (JM_IS_STAGE (object))
    return jm_stage_get_id (object);
  if (JM_IS_PERSONA (object))
    return jm_persona_get_id (object);
  if (JM_IS_TOUCHPOINT (object))
    return jm_touchpoint_get_id (object);
  return NULL;
}

static void
add_reference (Reader     *self,
               const char *from,
               const char *id,
               int         kind,
               int         line,
               int         column)
{
  Reference ref;

  /* Most references point back at something already read: only the
   * others wait for the end of the file. */
  if ((kind == 0 && jm_map_lookup_stage (self->map, id) != NULL) ||
      (kind == 1 && jm_map_lookup_persona (self->map, id) != NULL) ||
      (kind == 2 && jm_map_lookup_touchpoint (self->map, id) != NULL))
    return;

  ref = (Reference) { g_strdup (from), g_strdup (id), kind, line, column };
  g_array_append_val (self->references, ref);
}

static gboolean
attribute_invalid (Reader              *self,
                   Frame               *frame,
                   const JmSchemaField *field,
                   const char          *value,
                   int                  line,
                   int                  column)
{
  const char *message = _(field->invalid);
  const char *id = object_description (frame->object);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  switch (field->invalid_args)
    {
    case JM_SCHEMA_ARGS_VALUE_OBJECT:
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column, message, value, id);
      break;
    case JM_SCHEMA_ARGS_NAME_VALUE:
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column, message, field->name, value);
      break;
    case JM_SCHEMA_ARGS_NAME_VALUE_OBJECT:
    default:
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column, message, field->name, value, id);
      break;
    }
#pragma GCC diagnostic pop
  return FALSE;
}

/* An attribute that stands for a property: checked against its row of
 * the table, then set. */
static gboolean
set_attribute (Reader              *self,
               Frame               *frame,
               const JmSchemaField *field,
               const char          *value,
               int                  line,
               int                  column)
{
  GValue v = G_VALUE_INIT;
  int n;
  gboolean b;
  double d;

  switch (field->type)
    {
    case JM_SCHEMA_COLOUR:
      if (!jm_colour_is_valid (value))
        return attribute_invalid (self, frame, field, value, line, column);
      G_GNUC_FALLTHROUGH;
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
      g_value_init (&v, G_TYPE_STRING);
      g_value_set_static_string (&v, value);
      break;
    case JM_SCHEMA_INT:
      if (!parse_integer (value, (int) field->min, (int) field->max, &n))
        return attribute_invalid (self, frame, field, value, line, column);
      g_value_init (&v, G_TYPE_INT);
      g_value_set_int (&v, n);
      break;
    case JM_SCHEMA_DECIMAL:
      if (!parse_decimal (value, field->min, field->max, &d))
        return attribute_invalid (self, frame, field, value, line, column);
      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, d);
      break;
    case JM_SCHEMA_BOOLEAN:
      if (!parse_boolean (value, &b))
        return attribute_invalid (self, frame, field, value, line, column);
      g_value_init (&v, G_TYPE_BOOLEAN);
      g_value_set_boolean (&v, b);
      break;
    case JM_SCHEMA_NONE:
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
    default:
      g_assert_not_reached ();
    }
  _jm_file_schema_set_value (field, frame->object, &v);
  g_value_unset (&v);
  return TRUE;
}

static gboolean
handle_attribute (Reader     *self,
                  Frame      *frame,
                  const char *name,
                  const char *value,
                  int         line,
                  int         column)
{
  if (frame->kind == K_PICTURE && g_str_equal (name, "type"))
    {
      g_autofree char *type = g_strstrip (g_strdup (value));

      if (!g_str_equal (type, "image/png") && !g_str_equal (type, "image/jpeg"))
        {
          reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                       _("the picture of persona “%s” is of type “%s”, but only image/png and image/jpeg are allowed"),
                       object_description (frame->object), value);
          return FALSE;
        }
      return TRUE;
    }

  for (const JmSchemaField * const *f = kind_attributes[frame->kind]; *f != NULL; f++)
    if (g_str_equal ((*f)->name, name))
      {
        /* Ids and references were read with the start tag. */
        if ((*f)->property == NULL)
          return TRUE;
        return set_attribute (self, frame, *f, value, line, column);
      }

  reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
               _("<%s> has an unknown attribute “%s”"), frame->name, name);
  return FALSE;
}

static const char *
find_attribute (const xmlChar **attributes,
                int             nb_attributes,
                const char     *name,
                char          **storage)
{
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **attr = attributes + 5 * i;

      if (attr[2] == NULL && g_str_equal ((const char *) attr[0], name))
        {
          *storage = attribute_value (attr[3], attr[4]);
          return *storage;
        }
    }
  return NULL;
}

static gboolean
require_id (Reader     *self,
            const char *element,
            const char *attribute,
            const char *value,
            int         line,
            int         column)
{
  if (value == NULL)
    {
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                   _("<%s> has no “%s” attribute"), element, attribute);
      return FALSE;
    }
  if (!is_valid_id (value))
    {
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                   _("the %s “%s” of <%s> is not a valid id: an id starts with a letter or _, "
                     "and has up to 64 letters, digits, _, . or -"),
                   attribute, value, element);
      return FALSE;
    }
  return TRUE;
}

static gboolean
start_object (Reader         *self,
              Frame          *frame,
              const xmlChar **attributes,
              int             nb_attributes)
{
  g_autofree char *id_storage = NULL;
  g_autofree char *stage_storage = NULL;
  g_autofree char *lane_storage = NULL;
  const char *id = find_attribute (attributes, nb_attributes, "id", &id_storage);

  if (!require_id (self, frame->name, "id", id, frame->line, frame->column))
    return FALSE;

  switch (frame->kind)
    {
    case K_STAGE:
      {
        g_autoptr(JmStage) stage = jm_stage_new (id, "");

        if (!jm_map_append_stage (self->map, stage))
          {
            reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                         _("two stages have the same id “%s”"), id);
            return FALSE;
          }
        frame->object = stage;
      }
      break;

    case K_PERSONA:
      {
        g_autoptr(JmPersona) persona = jm_persona_new (id, "");

        if (!jm_map_append_persona (self->map, persona))
          {
            reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                         _("two personas have the same id “%s”"), id);
            return FALSE;
          }
        frame->object = persona;
      }
      break;

    case K_TOUCHPOINT:
      {
        const char *stage_id = find_attribute (attributes, nb_attributes, "stage", &stage_storage);
        const char *lane_id = find_attribute (attributes, nb_attributes, "lane", &lane_storage);
        g_autoptr(JmTouchpoint) touchpoint = NULL;

        if (!require_id (self, frame->name, "stage", stage_id, frame->line, frame->column) ||
            !require_id (self, frame->name, "lane", lane_id, frame->line, frame->column))
          return FALSE;

        touchpoint = jm_touchpoint_new (id, stage_id, lane_id, "");
        /* Loud again at its end tag; on an error, the map goes away. */
        _jm_touchpoint_set_quiet (touchpoint, TRUE);
        if (!jm_map_append_touchpoint (self->map, touchpoint))
          {
            reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                         _("two touchpoints have the same id “%s”"), id);
            return FALSE;
          }
        add_reference (self, id, stage_id, 0, frame->line, frame->column);
        add_reference (self, id, lane_id, 1, frame->line, frame->column);
        frame->object = touchpoint;
      }
      break;

    case K_NONE:
    case K_JOURNEY:
    case K_WEIGHTS:
    case K_STAGES:
    case K_PERSONAS:
    case K_TOUCHPOINTS:
    case K_TEXT:
    case K_ITEMS:
    case K_ITEM:
    case K_LINK:
    case K_SCORES:
    case K_PICTURE:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
start_root (Reader         *self,
            const xmlChar  *localname,
            const xmlChar  *uri,
            const xmlChar **attributes,
            int             nb_attributes,
            int             line,
            int             column)
{
  g_autofree char *version_storage = NULL;
  const char *version;
  const char *p;
  guint64 major = 0;

  if (!g_str_equal ((const char *) localname, "journey"))
    {
      reader_fail (self, JM_FILE_ERROR_NOT_A_MAP, line, column,
                   _("this is not a journey map: its root element is <%s>, not <journey>"),
                   localname);
      return FALSE;
    }
  if (uri == NULL || !g_str_equal ((const char *) uri, JM_FILE_NAMESPACE))
    {
      if (uri != NULL && g_str_has_prefix ((const char *) uri, NS_BASE))
        {
          const char *n = (const char *) uri + strlen (NS_BASE);
          gsize digits = strspn (n, "0123456789");

          /* Digits only, shown as written: a number too large for any
           * integer type is still a newer format, not a wrapped one. */
          while (digits > 1 && *n == '0')
            n++, digits--;
          if (digits > 0 && n[digits] == '\0' && (digits > 1 || *n > '1'))
            {
              self->newer_version = TRUE;
              reader_fail (self, JM_FILE_ERROR_NEWER_VERSION, line, column,
                           _("this map was made by a newer version of Journey Mapper "
                             "(format %s), which this version cannot open"),
                           n);
              return FALSE;
            }
        }
      reader_fail (self, JM_FILE_ERROR_NOT_A_MAP, line, column,
                   _("this is not a journey map: <journey> is not in the namespace %s"),
                   JM_FILE_NAMESPACE);
      return FALSE;
    }

  version = find_attribute (attributes, nb_attributes, "version", &version_storage);
  if (version == NULL)
    {
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                   _("<journey> has no “version” attribute"));
      return FALSE;
    }
  /* Saturates: a twenty-digit major version is newer, not a wrapped one. */
  for (p = version; g_ascii_isdigit (*p); p++)
    major = MIN (major * 10 + (*p - '0'), G_MAXUINT32);
  if (p != version && *p == '.' && g_ascii_isdigit (p[1]) && major > 1)
    {
      self->newer_version = TRUE;
      reader_fail (self, JM_FILE_ERROR_NEWER_VERSION, line, column,
                   _("this map was made by a newer version of Journey Mapper "
                     "(format %s), which this version cannot open"),
                   version);
      return FALSE;
    }
  if (!(version[0] == '1' && version[1] == '.' && version[2] != '\0' &&
        strspn (version + 2, "0123456789") == strlen (version + 2)))
    {
      reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                   _("“%s” is not a version of the journey map format"), version);
      return FALSE;
    }
  return TRUE;
}

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->pending_attrs, g_ptr_array_unref);
  g_clear_pointer (&frame->value, g_free);
}

/* The parser hands every element of one namespace the same interned
 * string: after the first full comparison, a pointer comparison does. */
static gboolean
is_our_namespace (Reader        *self,
                  const xmlChar *uri)
{
  if (uri == NULL)
    return FALSE;
  if (uri == self->our_uri)
    return TRUE;
  if (!g_str_equal ((const char *) uri, JM_FILE_NAMESPACE))
    return FALSE;
  self->our_uri = uri;
  return TRUE;
}

/* Attributes: ours are checked, foreign ones kept. */
static gboolean
start_attributes (Reader         *self,
                  Frame          *frame,
                  const xmlChar **attributes,
                  int             nb_attributes)
{
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **attr = attributes + 5 * i;
      const char *value = attribute_value_in (self->value, attr[3], attr[4]);

      if (attr[2] == NULL)
        {
          if (!handle_attribute (self, frame, (const char *) attr[0], value, frame->line, frame->column))
            return FALSE;
        }
      else if (g_str_equal ((const char *) attr[2], JM_FILE_NAMESPACE))
        {
          reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                       _("<%s> has an unknown attribute “%s:%s”"),
                       frame->name, attr[1], attr[0]);
          return FALSE;
        }
      else
        {
          g_autofree char *ns = namespace_uri (attr[2]);
          JmForeignSlot *slot;

          if (frame->kind == K_ITEM || frame->kind == K_LINK)
            {
              /* The slot of an item is known at its end, when its text is. */
              JmForeignAttr *fa = g_new0 (JmForeignAttr, 1);

              if (frame->pending_attrs == NULL)
                frame->pending_attrs = g_ptr_array_new_with_free_func (foreign_attr_free);
              fa->uri = g_steal_pointer (&ns);
              fa->prefix = g_strdup ((const char *) attr[1]);
              fa->local = g_strdup ((const char *) attr[0]);
              fa->value = g_strdup (value);
              g_ptr_array_add (frame->pending_attrs, fa);
              continue;
            }
          slot = _jm_foreign_ensure_slot (frame->object, frame_slot (frame));
          _jm_foreign_slot_add_attr (slot, ns, (const char *) attr[1], (const char *) attr[0], value);
        }
    }

  return TRUE;
}

/* An element of ours, or of another namespace, where it may not be. */
static void
refuse_child (Reader        *self,
              Frame         *parent,
              Frame         *frame,
              const xmlChar *localname,
              gboolean       ours)
{
  if (parent->kind == K_TEXT || parent->kind == K_ITEM || parent->kind == K_PICTURE)
    reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                 _("<%s> may hold only text, not a <%s> element"), parent->name, localname);
  else if (parent->kind == K_LINK || parent->kind == K_SCORES)
    reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                 _("<%s> must be empty, but it holds a <%s> element"), parent->name, localname);
  else if (!ours)
    reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                 _("<%s> cannot hold elements of other namespaces, such as <%s>"),
                 parent->name, localname);
  else
    reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                 _("<%s> is not an element a <%s> can hold"), localname, parent->name);
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  Reader *self = ctxt->_private;
  Frame *parent = top (self);
  Frame frame = { 0 };
  const ChildSpec *spec = NULL;
  guint spec_index = 0;
  gboolean ours;

  if (self->error != NULL || self->done)
    return;

  if ((++self->n_elements & 0xfff) == 0 && g_cancellable_is_cancelled (self->cancellable))
    {
      g_cancellable_set_error_if_cancelled (self->cancellable, &self->error);
      xmlStopParser (ctxt);
      return;
    }

  if (self->foreign_depth > 0)
    {
      foreign_start (self, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, attributes);
      return;
    }

  tag_position (self, &frame.line, &frame.column);
  frame.name = (const char *) localname;
  ours = is_our_namespace (self, uri);

  if (parent == NULL)
    {
      if (!start_root (self, localname, uri, attributes, nb_attributes, frame.line, frame.column))
        return;
      if (self->flags & JM_FILE_LOAD_PEEK)
        {
          self->done = TRUE;
          xmlStopParser (ctxt);
          return;
        }
      frame.kind = K_JOURNEY;
      frame.object = self->map;
      frame.children = kind_children[K_JOURNEY];
    }
  else
    {
      if (self->text->len > 0 && !is_blank (self->text->str, self->text->len) &&
          parent->kind != K_TEXT && parent->kind != K_ITEM && parent->kind != K_PICTURE)
        {
          reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                       _("text is not allowed directly inside <%s>"), parent->name);
          return;
        }
      g_string_truncate (self->text, 0);

      if (!ours && allows_foreign_elements (parent->kind))
        {
          self->foreign = g_string_new (NULL);
          self->foreign_object = parent->object;
          self->foreign_slot = g_strdup (frame_slot (parent));
          foreign_start (self, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, attributes);
          return;
        }

      if (parent->children != NULL && ours)
        for (spec_index = 0; parent->children[spec_index].name != NULL; spec_index++)
          if (parent->children[spec_index].name[0] == (char) localname[0] &&
              g_str_equal (parent->children[spec_index].name, (const char *) localname))
            {
              spec = &parent->children[spec_index];
              break;
            }

      if (spec == NULL)
        {
          refuse_child (self, parent, &frame, localname, ours);
          return;
        }

      if (!spec->repeatable && (parent->seen & (1u << spec_index)))
        {
          reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                       _("<%s> holds more than one <%s>"), parent->name, localname);
          return;
        }
      parent->seen |= 1u << spec_index;

      frame.kind = spec->kind;
      frame.field = spec->field;
      frame.object = parent->object;
      if (frame.kind == K_STAGE || frame.kind == K_PERSONA || frame.kind == K_TOUCHPOINT)
        {
          if (!start_object (self, &frame, attributes, nb_attributes))
            return;
        }
      else if (frame.kind == K_ITEMS)
        {
          frame.children = g_str_equal (frame.field->item, "team") ? teams_children
                         : g_str_equal (frame.field->item, "link") ? links_children
                         : items_children;
          g_ptr_array_set_size (self->items, 0);
        }
      else if (frame.kind == K_LINK)
        {
          g_autofree char *to = NULL;

          find_attribute (attributes, nb_attributes, "to", &to);
          if (!require_id (self, "link", "to", to, frame.line, frame.column))
            return;
          add_reference (self, object_description (frame.object), to, 2, frame.line, frame.column);
          g_ptr_array_add (self->items, g_strdup (to));
          frame.value = g_steal_pointer (&to);
        }
      else if (frame.kind == K_PICTURE)
        {
          g_autofree char *type = NULL;

          if (find_attribute (attributes, nb_attributes, "type", &type) == NULL)
            {
              reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                           _("the <picture> of persona “%s” has no “type” attribute"),
                           object_description (frame.object));
              return;
            }
          frame.value = g_strstrip (g_steal_pointer (&type));
        }

      if (frame.kind != K_ITEMS && kind_children[frame.kind][0].name != NULL)
        frame.children = kind_children[frame.kind];
    }

  if (!start_attributes (self, &frame, attributes, nb_attributes))
    {
      frame_clear (&frame);
      return;
    }

  g_string_truncate (self->text, 0);
  g_array_append_val (self->stack, frame);
}

static gboolean
check_required (Reader *self,
                Frame  *frame)
{
  if (frame->children == NULL)
    return TRUE;

  for (guint i = 0; frame->children[i].name != NULL; i++)
    if (frame->children[i].required && !(frame->seen & (1u << i)))
      {
        const char *id = frame->kind != K_JOURNEY ? object_description (frame->object) : NULL;

        if (id != NULL)
          reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                       _("%s “%s” has no <%s>"), frame->name, id, frame->children[i].name);
        else
          reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                       _("<%s> has no <%s>"), frame->name, frame->children[i].name);
        return FALSE;
      }
  return TRUE;
}

static void
set_text_field (Reader     *self,
                Frame      *frame,
                const char *text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, text);
  _jm_file_schema_set_value (frame->field, frame->object, &value);
  g_value_unset (&value);
}

static void
set_list_field (Reader *self,
                Frame  *frame)
{
  GValue value = G_VALUE_INIT;

  g_ptr_array_add (self->items, NULL);
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_static_boxed (&value, self->items->pdata);
  _jm_file_schema_set_value (frame->field, frame->object, &value);
  g_value_unset (&value);
  g_ptr_array_set_size (self->items, 0);
}

/* The slot for the attributes of one list item. */
static char *
item_slot (Frame      *list,
           const char *text)
{
  return g_strdup_printf ("%s:%s", list->name, text);
}

static void
keep_item_attrs (Reader     *self,
                 Frame      *frame,
                 Frame      *list,
                 const char *text)
{
  g_autofree char *name = NULL;
  JmForeignSlot *slot;

  if (frame->pending_attrs == NULL)
    return;
  name = item_slot (list, text);
  slot = _jm_foreign_lookup (frame->object, name);
  /* Two equal items share one slot: the first one's attributes win. */
  if (slot == NULL || slot->attrs->len == 0)
    {
      slot = _jm_foreign_ensure_slot (frame->object, name);
      for (guint i = 0; i < frame->pending_attrs->len; i++)
        {
          JmForeignAttr *attr = g_ptr_array_index (frame->pending_attrs, i);

          _jm_foreign_slot_add_attr (slot, attr->uri, attr->prefix, attr->local, attr->value);
        }
    }
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  Reader *self = ctxt->_private;
  Frame *current;
  Frame frame;

  if (self->error != NULL || self->done)
    return;

  if (self->foreign_depth > 0)
    {
      foreign_end (self, localname, prefix);
      return;
    }

  /* libxml2 pairs every end tag with a start tag that pushed a frame. */
  current = top (self);
  if (current == NULL)
    return;
  frame = *current;
  g_array_set_size (self->stack, self->stack->len - 1);

  switch (frame.kind)
    {
    case K_TEXT:
      set_text_field (self, &frame, self->text->str);
      break;

    case K_ITEM:
      {
        Frame *list = top (self);

        g_ptr_array_add (self->items, g_strdup (self->text->str));
        keep_item_attrs (self, &frame, list, self->text->str);
      }
      break;

    case K_LINK:
      keep_item_attrs (self, &frame, top (self), frame.value);
      if (!is_blank (self->text->str, self->text->len))
        reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                     _("<%s> must be empty, but it holds text"), frame.name);
      break;

    case K_ITEMS:
      if (!is_blank (self->text->str, self->text->len))
        reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                     _("text is not allowed directly inside <%s>"), frame.name);
      set_list_field (self, &frame);
      break;

    case K_PICTURE:
      if (!is_valid_base64 (self->text->str))
        {
          reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                       _("the picture of persona “%s” is not valid base64 data"),
                       object_description (frame.object));
        }
      else
        {
          gsize length = 0;
          guchar *data = g_base64_decode (self->text->str, &length);
          g_autoptr(GBytes) bytes = g_bytes_new_take (data, length);

          jm_persona_set_picture (frame.object, bytes, frame.value);
        }
      break;

    case K_TOUCHPOINT:
      _jm_touchpoint_set_quiet (frame.object, FALSE);
      G_GNUC_FALLTHROUGH;
    case K_SCORES:
    case K_NONE:
    case K_JOURNEY:
    case K_WEIGHTS:
    case K_STAGES:
    case K_PERSONAS:
    case K_TOUCHPOINTS:
    case K_STAGE:
    case K_PERSONA:
    default:
      if (!is_blank (self->text->str, self->text->len))
        reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                     frame.kind == K_SCORES ? _("<%s> must be empty, but it holds text")
                                            : _("text is not allowed directly inside <%s>"),
                     frame.name);
      break;
    }

  check_required (self, &frame);
  frame_clear (&frame);
  g_string_truncate (self->text, 0);
}

static void
on_characters (void          *ctx,
               const xmlChar *text,
               int            length)
{
  xmlParserCtxtPtr ctxt = ctx;
  Reader *self = ctxt->_private;

  if (self->error != NULL || self->done)
    return;
  if (self->foreign_depth > 0)
    {
      foreign_text (self, (const char *) text, length);
      return;
    }
  g_string_append_len (self->text, (const char *) text, length);
}

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  Reader *self = ctxt->_private;

  reader_fail (self, JM_FILE_ERROR_FORBIDDEN, ctxt->input->line, 1,
               _("a map file may not have a DOCTYPE"));
  xmlStopParser (ctxt);
}

static xmlEntityPtr
on_get_entity (void          *ctx,
               const xmlChar *name)
{
  return xmlGetPredefinedEntity (name);
}

static const char *
syntax_message (const xmlError *error)
{
  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
    case XML_ERR_DOCUMENT_START:
      return _("this is not XML: it does not start with a tag");
    case XML_ERR_DOCUMENT_END:
      return _("there is more after the end of the map");
    case XML_ERR_TAG_NAME_MISMATCH:
      return _("an end tag does not match its start tag");
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
      return _("the file ends before the map is complete, or a tag is not closed");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_NAME_REQUIRED:
      return _("an “&” must be written as “&amp;”");
    case XML_ERR_LT_IN_ATTRIBUTE:
      return _("a “<” in an attribute value must be written as “&lt;”");
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
      return _("the file holds a character that XML does not allow");
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      return _("the text is not in a known encoding such as UTF-8");
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return _("an element has the same attribute twice");
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED:
      return _("an attribute value is not quoted properly");
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
      return _("a namespace prefix is used without being declared");
    case XML_ERR_COMMENT_NOT_FINISHED:
      return _("a comment (<!-- … -->) is not closed");
    case XML_ERR_PI_NOT_FINISHED:
      return _("a processing instruction (<? … ?>) is not closed");
    case XML_ERR_CDATA_NOT_FINISHED:
      return _("a CDATA section (<![CDATA[ … ]]>) is not closed");
    case XML_ERR_NAME_TOO_LONG:
      return _("a name is longer than the 50,000 characters XML allows here");
    case XML_ERR_INTERNAL_ERROR:
      /* libxml2 gives up on a single piece (a run of spaces, a tag, a
       * reference) of more than 10 MB. */
      return _("more than 10 MB here without a break (spaces, a tag or a reference), "
               "more than a map file may have");
    case XML_ERR_EXT_ENTITY_STANDALONE:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_ENTITY_BOUNDARY:
      return _("the file uses entities, which a map file may not");
    default:
      return NULL;
    }
}

static void
on_structured_error (void       *user_data,
                     JmXmlError *error)
{
  xmlParserCtxtPtr ctxt = user_data;
  Reader *self = ctxt->_private;
  const char *message;
  g_autofree char *detail = NULL;
  int code = JM_FILE_ERROR_SYNTAX;

  if (self == NULL || self->error != NULL || self->done || error->level < XML_ERR_ERROR ||
      error->code == XML_ERR_USER_STOP)
    return;

  message = syntax_message (error);
  if (error->code == XML_ERR_TAG_NAME_MISMATCH && error->str1 != NULL && error->str2 != NULL)
    {
      detail = g_strdup_printf (_("the end tag </%s> does not match the start tag <%s> of line %d"),
                                error->str2, error->str1, error->int1);
      message = detail;
    }
  else if (message == NULL)
    {
      detail = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
      message = detail;
    }
  if (error->code == XML_ERR_DOCUMENT_EMPTY || error->code == XML_ERR_DOCUMENT_START ||
      error->code == XML_ERR_INVALID_ENCODING || error->code == XML_ERR_UNKNOWN_ENCODING ||
      error->code == XML_ERR_UNSUPPORTED_ENCODING)
    code = JM_FILE_ERROR_NOT_XML;
  else if (error->code == XML_ERR_ENTITY_LOOP || error->code == XML_ERR_EXT_ENTITY_STANDALONE)
    code = JM_FILE_ERROR_FORBIDDEN;

  reader_fail (self, code, error->line, error->int2, "%s", message);
}

static void on_dom_internal_subset (void *ctx, const xmlChar *name, const xmlChar *external_id,
                                    const xmlChar *system_id);

/* The second fence: no external entity is ever loaded for our parsers.
 * Other libxml2 users in the process keep the loader they had. */
static xmlExternalEntityLoader previous_loader;

static xmlParserInputPtr
deny_external_entities (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  if (ctxt != NULL && ctxt->sax != NULL &&
      (ctxt->sax->internalSubset == on_internal_subset ||
       ctxt->sax->internalSubset == on_dom_internal_subset))
    return NULL;
  return previous_loader (url, id, ctxt);
}

static gpointer
install_entity_loader (gpointer data)
{
  /* libxml2 wants its global state set up before threads use it. */
  xmlInitParser ();
  previous_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (deny_external_entities);
  return NULL;
}

/* The linear pre-scan */

/* Lines are only counted when there is an error to place. */
static void
position_of (const char *data,
             const char *at,
             int        *line,
             int        *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (int) (at - line_start) + 1;
}

static gboolean
prescan_fail (GError     **error,
              int          code,
              const char  *name,
              const char  *data,
              const char  *at,
              const char  *message)
{
  int line, column;

  position_of (data, at, &line, &column);
  _jm_file_set_error (error, code, name, line, column, "%s", message);
  return FALSE;
}

static gboolean
prescan_too_long (GError     **error,
                  const char  *name,
                  const char  *data,
                  const char  *at,
                  gsize        size,
                  const char  *format)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (PIECE_LIMIT);
  g_autofree char *message = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (format, size_text, limit_text);
#pragma GCC diagnostic pop
  return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, at, message);
}

/* The bytes that matter inside a tag. */
static const guchar tag_byte[256] = {
  ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, ['='] = 1,
};

/* Where a DOCTYPE ends: its internal subset may hold quoted '>' and
 * comments and declarations of its own. */
static const char *
doctype_end (const char *p,
             const char *end)
{
  int brackets = 0;
  char quote = 0;

  for (p += 9; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        {
          quote = *p;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return end;
          p = close + 2;
        }
      else if (*p == '[')
        {
          brackets++;
        }
      else if (*p == ']')
        {
          brackets--;
        }
      else if (*p == '>' && brackets <= 0)
        {
          return p + 1;
        }
    }
  return end;
}

/* What the pre-scan saw of the file's start, so that a file of a newer
 * format is known as one even when it is refused for something else. */
typedef struct
{
  const char *root;          /* the root element's start tag, or NULL */
  const char *root_end;      /* just after it */
  const char *doctype;       /* the DOCTYPE, or NULL */
  const char *doctype_end;
} Prologue;

static gboolean
prescan (const char   *data,
         gsize         length,
         const char   *name,
         gboolean      stop_at_root,
         Prologue     *prologue,
         GError      **error)
{
  const char *end = data + length;
  const char *p;
  const char *nul;
  int depth = 0;

  memset (prologue, 0, sizeof *prologue);

  if (is_blank (data, length))
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, name, 1, 1,
                          _("the file is empty, not a journey map"));
      return FALSE;
    }
  if (length >= 2 && (((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff) ||
                      ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      (data[0] == '<' && data[1] == '\0') || (data[0] == '\0' && data[1] == '<')))
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, name, 1, 1,
                          _("the file is UTF-16 text, but a map file must be UTF-8: "
                            "save it again as UTF-8"));
      return FALSE;
    }
  if (length >= 2 && (guchar) data[0] == 0x1f && (guchar) data[1] == 0x8b)
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, name, 1, 1,
                          _("the file holds compressed or binary data, not a journey map"));
      return FALSE;
    }
  /* Text has no NUL: from here on the bytes can be searched as strings. */
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      /* Still learn where the root is, should the text before the NUL
       * be the start of a map of a newer format. */
      if (nul > data)
        prescan (data, nul - data, name, TRUE, prologue, NULL);
      return prescan_fail (error, JM_FILE_ERROR_NOT_XML, name, data, nul,
                           _("the file holds compressed or binary data, not a journey map"));
    }

  for (p = memchr (data, '<', length); p != NULL; p = p < end ? memchr (p, '<', end - p) : NULL)
    {
      const char *close;
      gboolean closing;
      gboolean special;
      char quote = 0;
      const char *value = NULL;
      guint attributes = 0;
      const char *tag = p;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          close = g_strstr_len (p + 4, end - p - 4, "-->");
          p = close != NULL ? close + 3 : end;
          continue;
        }
      if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
        {
          close = g_strstr_len (p + 9, end - p - 9, "]]>");
          if (close != NULL && close - p - 9 > PIECE_LIMIT)
            return prescan_too_long (error, name, data, p, close - p - 9,
                                     _("a CDATA section is %s long, more than the %s "
                                       "a map file may have in one piece"));
          p = close != NULL ? close + 3 : end;
          continue;
        }
      if (end - p >= 2 && p[1] == '?')
        {
          close = g_strstr_len (p + 2, end - p - 2, "?>");
          if (close != NULL && close - p - 2 > PIECE_LIMIT)
            return prescan_too_long (error, name, data, p, close - p - 2,
                                     _("a processing instruction (<? … ?>) is %s long, more than "
                                       "the %s a map file may have in one piece"));
          p = close != NULL ? close + 2 : end;
          continue;
        }
      if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
        {
          /* Refused below, once the root element says whether this is a
           * map of a newer format, which may have one. */
          if (prologue->doctype == NULL)
            {
              prologue->doctype = p;
              prologue->doctype_end = doctype_end (p, end);
            }
          p = doctype_end (p, end);
          continue;
        }

      closing = end - p >= 2 && p[1] == '/';
      special = end - p >= 2 && p[1] == '!';
      for (p++; p < end; p++)
        {
          /* Names, spaces and most of each value need no look; inside a
           * value only its closing quote or a '<' matter, and memchr()
           * finds them many bytes at a time. */
          if (quote != 0 && *p != quote && *p != '<')
            {
              const char *q = memchr (p, quote, end - p);
              const char *lt = memchr (p, '<', (q != NULL ? q : end) - p);

              p = lt != NULL ? lt : q != NULL ? q : end;
            }
          else
            {
              while (!tag_byte[(guchar) *p] && ++p < end)
                ;
            }
          if (p >= end)
            break;
          /* A '<' ends the scan even inside quotes: libxml2 stops there
           * too, so a stray quote cannot hide what follows. */
          if (*p == '<')
            break;
          if (quote != 0)
            {
              if (*p == quote)
                {
                  quote = 0;
                  if (p - value > PIECE_LIMIT)
                    return prescan_too_long (error, name, data, tag, p - value,
                                             _("an attribute value is %s long, more than the %s "
                                               "a map file may have in one piece"));
                }
            }
          else if (special)
            {
              if (*p == '>')
                break;
            }
          else if (*p == '"' || *p == '\'')
            {
              quote = *p;
              value = p + 1;
            }
          else if (*p == '=')
            {
              if (++attributes > MAX_ATTRIBUTES)
                {
                  g_autofree char *message =
                    g_strdup_printf (_("an element has more than %d attributes, which no map needs"),
                                     MAX_ATTRIBUTES);

                  return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, tag, message);
                }
            }
          else if (*p == '>')
            {
              break;
            }
        }
      if (p >= end || *p != '>')
        continue;
      if (!special && !closing && prologue->root == NULL)
        {
          prologue->root = tag;
          prologue->root_end = p + 1;
          if (stop_at_root || prologue->doctype != NULL)
            break;
        }
      if (!special)
        {
          if (closing)
            depth--;
          else if (p[-1] != '/' && ++depth > MAX_DEPTH)
            {
              g_autofree char *message =
                g_strdup_printf (_("elements are nested more than %d levels deep, which no map needs"),
                                 MAX_DEPTH);

              return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, tag, message);
            }
        }
      p++;
    }
  if (prologue->doctype != NULL)
    return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, prologue->doctype,
                         _("a map file may not have a DOCTYPE"));
  return TRUE;
}

typedef struct
{
  const char *data;
  gsize       length;
  const char *name;
  Prologue    prologue;
  gboolean    ok;
  GError     *error;
} PrescanJob;

static gpointer
run_prescan (gpointer data)
{
  PrescanJob *job = data;

  job->ok = prescan (job->data, job->length, job->name, FALSE, &job->prologue, &job->error);
  return NULL;
}

/* A file the pre-scan refuses may still be a map of a newer format (one
 * that has a DOCTYPE, say): then that is what the user must hear, and what
 * keeps a save from overwriting it. The start of the file up to the root's
 * start tag, without its DOCTYPE (blanked, so that lines and columns stay
 * where they are), goes through the loader's own root check. */
static gboolean
newer_root (const char      *data,
            const char      *name,
            const Prologue  *prologue,
            GError         **error)
{
  g_autofree char *head = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  gboolean newer = FALSE;

  if (prologue->root == NULL)
    return FALSE;
  length = prologue->root_end - data;
  head = g_strndup (data, length);
  if (prologue->doctype != NULL && prologue->doctype < prologue->root)
    for (char *p = head + (prologue->doctype - data); p < head + (prologue->doctype_end - data); p++)
      if (*p != '\n' && *p != '\r')
        *p = ' ';
  _jm_file_read (head, length, name, JM_FILE_LOAD_PEEK, NULL, &newer, &local_error);
  if (!newer)
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return TRUE;
}

static gboolean
prescan_failed (const char      *data,
                const char      *name,
                const Prologue  *prologue,
                GError          *prescan_error,
                gboolean        *newer_version,
                GError         **error)
{
  GError *newer_error = NULL;

  if (newer_root (data, name, prologue, &newer_error))
    {
      if (newer_version != NULL)
        *newer_version = TRUE;
      g_error_free (prescan_error);
      g_propagate_error (error, newer_error);
    }
  else
    {
      g_propagate_error (error, prescan_error);
    }
  return FALSE;
}

static gboolean
has_bare_cr (const char *data,
             gsize       length)
{
  const char *end = data + length;

  for (const char *p = memchr (data, '\r', length); p != NULL;
       p = memchr (p + 1, '\r', end - p - 1))
    if (p + 1 == end || p[1] != '\n')
      return TRUE;
  return FALSE;
}

/* XML reads a CR alone as a line end, exactly as it reads LF (XML 1.0,
 * 2.11): the same map, with lines libxml2 counts. */
static char *
lf_line_ends (const char *data,
              gsize       length)
{
  char *copy = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    copy[i] = data[i] == '\r' && (i + 1 == length || data[i + 1] != '\n') ? '\n' : data[i];
  copy[length] = '\0';
  return copy;
}

/* The RELAX NG backstop */

static xmlRelaxNGPtr
load_schema (void)
{
  static gsize once = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (jm_core_get_resource (), RNG_RESOURCE, 0, NULL);
      xmlRelaxNGParserCtxtPtr parser;

      g_assert (bytes != NULL);
      parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
      g_assert (schema != NULL);
      g_once_init_leave (&once, 1);
    }
  return schema;
}

typedef struct
{
  GError    **error;
  const char *name;
} RngErrorData;

static void
on_rng_error (void       *user_data,
              JmXmlError *error)
{
  RngErrorData *data = user_data;
  g_autofree char *message = NULL;

  if (data->error == NULL || *data->error != NULL || error->level < XML_ERR_ERROR)
    return;
  message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
  _jm_file_set_error (data->error, JM_FILE_ERROR_INVALID, data->name, error->line, 1,
                      _("the map does not follow the journey map format: %s"), message);
}

static void
on_dom_internal_subset (void          *ctx,
                        const xmlChar *name,
                        const xmlChar *external_id,
                        const xmlChar *system_id)
{
  xmlStopParser (ctx);
}

/**
 * _jm_file_validate_schema:
 *
 * libxml2's verdict alone, for --check --strict and for tests that compare
 * it with the reader's own checks.
 *
 * Returns: %TRUE if the schema accepts the bytes
 */
gboolean
_jm_file_validate_schema (const char  *data,
                          gsize        length,
                          const char  *name,
                          GError     **error)
{
  static GMutex mutex;
  xmlRelaxNGPtr schema = load_schema ();
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlRelaxNGValidCtxtPtr valid;
  RngErrorData error_data = { error, name };
  int result;

  _jm_file_init ();
  ctxt = xmlNewParserCtxt ();
  ctxt->sax->internalSubset = on_dom_internal_subset;
  ctxt->sax->externalSubset = NULL;
  /* XML_PARSE_HUGE lifts libxml2's 10 MB limit on one piece (a comment
   * the reader accepts, say). Only safe because the reader's pass has
   * already refused any DOCTYPE (so there are no entities to amplify) and
   * any nesting deeper than MAX_DEPTH. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, PARSE_OPTIONS | XML_PARSE_HUGE);
  if (doc == NULL || ctxt->wellFormed == 0)
    {
      /* The SAX pass accepted these bytes, so this cannot happen: still,
       * never call a file valid that a parser refused. */
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      _jm_file_set_error (error, JM_FILE_ERROR_SYNTAX, name, 1, 1, _("the XML is not well-formed"));
      return FALSE;
    }
  xmlFreeParserCtxt (ctxt);

  /* libxml2 does not promise that one compiled schema validates two
   * documents at once. */
  g_mutex_lock (&mutex);
  valid = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (valid, on_rng_error, &error_data);
  result = xmlRelaxNGValidateDoc (valid, doc);
  xmlRelaxNGFreeValidCtxt (valid);
  g_mutex_unlock (&mutex);
  xmlFreeDoc (doc);

  if (result != 0 && error != NULL && *error == NULL)
    _jm_file_set_error (error, JM_FILE_ERROR_INVALID, name, 1, 1,
                        _("the map does not follow the journey map format"));
  return result == 0;
}

/* After the parse: every reference names something that exists. */
static gboolean
check_references (Reader *self)
{
  Reference *first = NULL;

  for (guint i = 0; i < self->references->len; i++)
    {
      Reference *ref = &g_array_index (self->references, Reference, i);
      gboolean found;

      switch (ref->kind)
        {
        case 0: found = jm_map_lookup_stage (self->map, ref->id) != NULL; break;
        case 1: found = jm_map_lookup_persona (self->map, ref->id) != NULL; break;
        default: found = jm_map_lookup_touchpoint (self->map, ref->id) != NULL; break;
        }
      if (!found && (first == NULL || ref->line < first->line ||
                     (ref->line == first->line && ref->column < first->column)))
        first = ref;
    }

  if (first == NULL)
    return TRUE;

  switch (first->kind)
    {
    case 0:
      reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                   _("touchpoint “%s” is in stage “%s”, but the map has no such stage"),
                   first->from, first->id);
      break;
    case 1:
      reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                   _("touchpoint “%s” is in the lane of persona “%s”, but the map has no such persona"),
                   first->from, first->id);
      break;
    default:
      reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                   _("touchpoint “%s” links to touchpoint “%s”, but the map has no such touchpoint"),
                   first->from, first->id);
      break;
    }
  return FALSE;
}

static void
reference_clear (gpointer data)
{
  Reference *ref = data;

  g_free (ref->from);
  g_free (ref->id);
}

/**
 * _jm_file_read:
 * @newer_version: (out) (optional): set to %TRUE when the file was made by a
 *   newer major version of the format
 *
 * Returns: (transfer full) (nullable): the map, or %NULL with @error set;
 *   with %JM_FILE_LOAD_PEEK, never a map
 */
static Kind
kind_of_name (const char *name)
{
  for (guint k = 0; k < N_KINDS; k++)
    if (kind_names[k] != NULL && g_str_equal (kind_names[k], name))
      return k;
  return K_NONE;
}

static Kind
kind_of_row (const JmSchemaField *field)
{
  switch (field->node)
    {
    case JM_SCHEMA_TEXT_ELEMENT:
      return K_TEXT;
    case JM_SCHEMA_LIST_ELEMENT:
      return K_ITEMS;
    case JM_SCHEMA_ELEMENT:
      return kind_of_name (field->name);
    case JM_SCHEMA_ATTRIBUTE:
    default:
      return K_NONE;
    }
}

/* The reader's lookups, from the format's table. */
static gpointer
fill_layout (gpointer data)
{
  guint n_fields;
  const JmSchemaField *fields = _jm_file_schema_get (&n_fields);
  guint n_children[N_KINDS] = { 0 };
  guint n_attributes[N_KINDS] = { 0 };

  for (guint i = 0; i < n_fields; i++)
    {
      const JmSchemaField *field = &fields[i];
      Kind parent = kind_of_name (field->parent);

      g_assert (parent != K_NONE);
      if (field->node == JM_SCHEMA_ATTRIBUTE)
        {
          g_assert (n_attributes[parent] < MAX_ATTRIBUTES_OF_KIND);
          kind_attributes[parent][n_attributes[parent]++] = field;
        }
      else
        {
          Kind kind = kind_of_row (field);

          g_assert (kind != K_NONE);
          g_assert (n_children[parent] < MAX_CHILDREN);
          kind_children[parent][n_children[parent]++] = (ChildSpec) {
            field->name, kind, field->property != NULL ? field : NULL, field->required,
            /* The items of the three lists of the map. */
            parent == K_STAGES || parent == K_PERSONAS || parent == K_TOUCHPOINTS,
          };
        }
    }
  return NULL;
}

/**
 * _jm_file_init:
 *
 * Sets up libxml2 and the entity fence once; call it in the main thread
 * before handing work to other threads.
 */
void
_jm_file_init (void)
{
  static GOnce loader_once = G_ONCE_INIT;
  static GOnce layout_once = G_ONCE_INIT;

  g_once (&loader_once, install_entity_loader, NULL);
  g_once (&layout_once, fill_layout, NULL);
}

JmMap *
_jm_file_read (const char       *data,
               gsize             length,
               const char       *display_name,
               JmFileLoadFlags   flags,
               GCancellable     *cancellable,
               gboolean         *newer_version,
               GError          **error)
{
  Reader self = { 0 };
  xmlSAXHandler sax = { 0 };
  xmlParserCtxtPtr ctxt;
  PrescanJob *job = NULL;
  GThread *prescan_thread = NULL;
  char *normalized;
  gboolean ok;

  if (newer_version != NULL)
    *newer_version = FALSE;

  _jm_file_init ();

  if (length > JM_FILE_MAX_SIZE)
    {
      _jm_file_set_too_large (error, display_name, length);
      return NULL;
    }
  /* libxml2 counts lines by LF only: a file with CR line ends (old Mac
   * editors) would report every problem on line 1. */
  if (!(flags & JM_FILE_LOAD_PEEK) && has_bare_cr (data, length))
    {
      JmMap *map;

      normalized = lf_line_ends (data, length);
      map = _jm_file_read (normalized, length, display_name, flags, cancellable, newer_version, error);
      g_free (normalized);
      return map;
    }
  if (length > 0)
    {
      Prologue prologue;
      GError *prescan_error = NULL;

      /* The parser's copy of a large file is made while the pre-scan runs
       * on another core; nothing is parsed before the pre-scan is done.
       * To learn the version, the pre-scan stops at the root element. */
      if (length >= PARALLEL_PRESCAN_SIZE && !(flags & JM_FILE_LOAD_PEEK))
        {
          job = g_new0 (PrescanJob, 1);
          job->data = data;
          job->length = length;
          job->name = display_name;
          prescan_thread = g_thread_try_new ("jm-prescan", run_prescan, job, NULL);
          if (prescan_thread == NULL)
            g_clear_pointer (&job, g_free);
        }
      if (job == NULL &&
          !prescan (data, length, display_name, (flags & JM_FILE_LOAD_PEEK) != 0, &prologue, &prescan_error))
        {
          prescan_failed (data, display_name, &prologue, prescan_error, newer_version, error);
          return NULL;
        }
    }
  if (length == 0)
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, display_name, 1, 1,
                          _("the file is empty, not a journey map"));
      return NULL;
    }

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_internal_subset;
  sax.externalSubset = on_internal_subset;
  sax.getEntity = on_get_entity;
  sax.serror = on_structured_error;

  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (prescan_thread != NULL)
    {
      g_thread_join (prescan_thread);
      if (!job->ok)
        {
          g_clear_pointer (&ctxt, xmlFreeParserCtxt);
          prescan_failed (data, display_name, &job->prologue, job->error, newer_version, error);
          g_free (job);
          return NULL;
        }
      g_free (job);
    }
  if (ctxt == NULL)
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, display_name, 1, 1,
                          _("the file could not be read as XML"));
      return NULL;
    }
  xmlCtxtUseOptions (ctxt, PARSE_OPTIONS);
  memcpy (ctxt->sax, &sax, sizeof sax);
  ctxt->_private = &self;

  self.ctxt = ctxt;
  self.name = display_name;
  self.flags = flags;
  self.cancellable = cancellable;
  self.map = jm_map_new ();
  _jm_map_begin_load (self.map);
  self.stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  self.text = g_string_new (NULL);
  self.value = g_string_new (NULL);
  self.items = g_ptr_array_new_with_free_func (g_free);
  self.references = g_array_new (FALSE, TRUE, sizeof (Reference));
  g_array_set_clear_func (self.references, reference_clear);
  self.foreign_declared = g_ptr_array_new_with_free_func (g_free);
  self.foreign_declared_counts = g_array_new (FALSE, FALSE, sizeof (int));
  self.foreign_needed = g_ptr_array_new_with_free_func (g_free);

  xmlParseDocument (ctxt);
  _jm_map_end_load (self.map);

  if (self.error == NULL && !self.done && !ctxt->wellFormed)
    reader_fail (&self, JM_FILE_ERROR_SYNTAX, ctxt->input->line, ctxt->input->col,
                 _("the XML is not well-formed"));
  if (self.error == NULL && !self.done && self.stack->len != 0)
    reader_fail (&self, JM_FILE_ERROR_SYNTAX, ctxt->input->line, ctxt->input->col,
                 _("the file ends before the map is complete"));

  self.ctxt = NULL;
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);

  if (newer_version != NULL)
    *newer_version = self.newer_version;

  ok = self.error == NULL && !(flags & JM_FILE_LOAD_PEEK);
  if (ok && self.map != NULL)
    ok = check_references (&self);
  if (ok && !(flags & JM_FILE_LOAD_SKIP_SCHEMA) && (flags & JM_FILE_LOAD_STRICT))
    ok = _jm_file_validate_schema (data, length, display_name, &self.error);

  for (guint i = 0; i < self.stack->len; i++)
    {
      frame_clear (&g_array_index (self.stack, Frame, i));
    }
  g_array_unref (self.stack);
  g_string_free (self.text, TRUE);
  g_string_free (self.value, TRUE);
  g_ptr_array_unref (self.items);
  g_array_unref (self.references);
  if (self.foreign != NULL)
    g_string_free (self.foreign, TRUE);
  g_free (self.foreign_slot);
  g_ptr_array_unref (self.foreign_declared);
  g_array_unref (self.foreign_declared_counts);
  g_ptr_array_unref (self.foreign_needed);

  if (!ok)
    {
      g_clear_object (&self.map);
      if (self.error != NULL)
        g_propagate_error (error, self.error);
      return NULL;
    }
  return self.map;
}
