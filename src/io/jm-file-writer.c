/* jm-file-writer.c: the bytes of a .journey file
 *
 * The output is meant for version control as much as for the app: a fixed
 * order of elements and attributes, two spaces per level, one element per
 * line, nothing written that holds its default. The same map always gives
 * the same bytes. Content of other namespaces that the file came with is
 * written back where it was found (after the elements we know).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-writer"

#include "config.h"

#include <string.h>

#include "jm-file-conflicts.h"
#include "jm-file-private.h"
#include "jm-file-schema.h"
#include "jm-votes.h"

#define XML_NAMESPACE "http://www.w3.org/XML/1998/namespace"

typedef struct
{
  JmMap      *map;
  GString    *out;
  GHashTable *prefixes;   /* uri -> prefix, for foreign attributes */
  GHashTable *taken;      /* prefix -> uri */
  GPtrArray  *order;      /* uris, in the order they were first met */

  /* Streaming: what is written goes to the sink in pieces of about this
   * size, and the buffer starts again. */
  JmFileSink  sink;
  gpointer    sink_data;
  gsize       flush_size;
  GError     *sink_error;
} Writer;

/* Appending, inline: the buffer is sized for the whole map before writing,
 * so it rarely grows, and GLib's general insertion path costs more than
 * the copying itself on a big map. */
static inline void
put_len (GString    *out,
         const char *text,
         gsize       length)
{
  if (G_UNLIKELY (out->len + length >= out->allocated_len))
    {
      g_string_append_len (out, text, (gssize) length);
      return;
    }
  memcpy (out->str + out->len, text, length);
  out->len += length;
  out->str[out->len] = '\0';
}

#define put_lit(out, literal) put_len ((out), "" literal "", sizeof (literal) - 1)

static inline void
put (GString    *out,
     const char *text)
{
  put_len (out, text, strlen (text));
}

static inline void
put_c (GString *out,
       char     c)
{
  put_len (out, &c, 1);
}

/* @buffer holds at least 16 bytes; the digits end at its end. */
static const char *
int_text (char *buffer,
          gsize size,
          int   value)
{
  char *p = buffer + size - 1;
  unsigned int u = value < 0 ? 0u - (unsigned int) value : (unsigned int) value;

  *p = '\0';
  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (value < 0)
    *--p = '-';
  return p;
}

/* Strings that XML 1.0 cannot carry are made safe here rather than refused:
 * a save must never fail, or write a file that does not load, because a
 * control character was pasted into a note. */
static char *
sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* What each byte needs in text (bit 0) and in an attribute (bit 1):
 * escaping; bit 2 marks control characters XML cannot carry, bit 3 bytes
 * of multi-byte UTF-8. */
enum { ESC_TEXT = 1, ESC_ATTR = 2, ESC_BAD = 4, ESC_HIGH = 8 };

static const guint8 escape_class[256] = {
  [0x00 ... 0x08] = ESC_BAD,
  ['\t'] = ESC_ATTR,
  ['\n'] = ESC_ATTR,
  [0x0b ... 0x0c] = ESC_BAD,
  ['\r'] = ESC_TEXT | ESC_ATTR,
  [0x0e ... 0x1f] = ESC_BAD,
  ['"'] = ESC_ATTR,
  ['&'] = ESC_TEXT | ESC_ATTR,
  ['<'] = ESC_TEXT | ESC_ATTR,
  ['>'] = ESC_TEXT | ESC_ATTR,
  [0x80 ... 0xff] = ESC_HIGH,
};

/* The length of the well-formed UTF-8 sequence at @p, whose first byte
 * is 0x80 or more, or 0 (Unicode 15, table 3-7: no overlong forms, no
 * surrogates, nothing past U+10FFFF, as g_utf8_validate() checks). A NUL
 * is no continuation byte, so nothing is read past the end. */
static inline guint
utf8_sequence (const guchar *p)
{
#define CONTINUES(b) ((b) >= 0x80 && (b) <= 0xbf)
  guchar c = p[0];

  if (c >= 0xc2 && c <= 0xdf)
    return CONTINUES (p[1]) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef)
    {
      guchar low = c == 0xe0 ? 0xa0 : 0x80;
      guchar high = c == 0xed ? 0x9f : 0xbf;

      return p[1] >= low && p[1] <= high && CONTINUES (p[2]) ? 3 : 0;
    }
  if (c >= 0xf0 && c <= 0xf4)
    {
      guchar low = c == 0xf0 ? 0x90 : 0x80;
      guchar high = c == 0xf4 ? 0x8f : 0xbf;

      return p[1] >= low && p[1] <= high && CONTINUES (p[2]) && CONTINUES (p[3]) ? 4 : 0;
    }
  return 0;
#undef CONTINUES
}

/* Escapes @text in one pass, checking its UTF-8 on the way (a second
 * pass of g_utf8_validate() cost a seventh of writing a map). Text that
 * XML cannot carry as it is (control characters, invalid UTF-8, the
 * noncharacters U+FFFE and U+FFFF) is rare: what was written is taken
 * back and the cleaned text written. */
static void
escape (GString    *out,
        const char *text,
        gboolean    attribute)
{
  guint8 mask = (attribute ? ESC_ATTR : ESC_TEXT) | ESC_BAD | ESC_HIGH;
  gsize start = out->len;
  const guchar *run = (const guchar *) text;
  const guchar *p = run;

  for (;; p++)
    {
      guint8 kind = escape_class[*p] & mask;
      const char *entity;

      if (G_LIKELY (kind == 0))
        continue;
      if (kind & ESC_HIGH)
        {
          guint length = utf8_sequence (p);

          if (length == 0 || (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)))
            goto clean;
          p += length - 1;
          continue;
        }
      if (kind & ESC_BAD)
        {
          if (*p == '\0')
            break;
          if (*p != '\t' && *p != '\n' && *p != '\r')
            goto clean;
        }
      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '\r': entity = "&#13;"; break;
        case '"': entity = "&quot;"; break;
        case '\n': entity = "&#10;"; break;
        case '\t': entity = "&#9;"; break;
        default: continue;
        }
      put_len (out, (const char *) run, (gsize) (p - run));
      put (out, entity);
      run = p + 1;
    }
  put_len (out, (const char *) run, (gsize) (p - run));
  return;

clean:
  g_string_truncate (out, start);
  {
    g_autofree char *clean = sanitize (text);

    _jm_xml_escape_text (out, clean, attribute);
  }
}

static void
indent (Writer *self,
        guint   level)
{
  for (guint i = 0; i < level; i++)
    put_lit (self->out, "  ");
}

static void
attr (Writer     *self,
      const char *name,
      const char *value)
{
  put_c (self->out, ' ');
  put (self->out, name);
  put_lit (self->out, "=\"");
  escape (self->out, value, TRUE);
  put_c (self->out, '"');
}

static const char *
prefix_for (Writer        *self,
            JmForeignAttr *fa)
{
  const char *prefix;
  char *chosen;

  if (g_str_equal (fa->uri, XML_NAMESPACE))
    return "xml";
  prefix = g_hash_table_lookup (self->prefixes, fa->uri);
  if (prefix != NULL)
    return prefix;

  if (fa->prefix != NULL && *fa->prefix != '\0' && !g_str_has_prefix (fa->prefix, "xml") &&
      !g_hash_table_contains (self->taken, fa->prefix))
    chosen = g_strdup (fa->prefix);
  else
    for (guint i = 1;; i++)
      {
        chosen = g_strdup_printf ("ns%u", i);
        if (!g_hash_table_contains (self->taken, chosen))
          break;
        g_free (chosen);
      }

  g_hash_table_insert (self->prefixes, g_strdup (fa->uri), chosen);
  g_hash_table_insert (self->taken, g_strdup (chosen), g_strdup (fa->uri));
  g_ptr_array_add (self->order, g_strdup (fa->uri));
  return chosen;
}

/* The content of other namespaces is looked up once per object, and
 * passed down as @foreign: most objects have none, and asking each object
 * for it at every element cost more than writing the element. */
static inline JmForeignSlot *
slot_of (JmForeign  *foreign,
         const char *slot_name)
{
  if (G_LIKELY (foreign == NULL) || slot_name == NULL)
    return NULL;
  return g_hash_table_lookup (foreign->slots, slot_name);
}

static void
foreign_attrs (Writer     *self,
               JmForeign  *foreign,
               const char *slot_name)
{
  JmForeignSlot *slot = slot_of (foreign, slot_name);

  if (slot == NULL)
    return;
  for (guint i = 0; i < slot->attrs->len; i++)
    {
      JmForeignAttr *fa = g_ptr_array_index (slot->attrs, i);

      g_string_append_printf (self->out, " %s:%s=\"", prefix_for (self, fa), fa->local);
      _jm_xml_escape_text (self->out, fa->value, TRUE);
      put_c (self->out, '"');
    }
}

static gboolean
has_foreign_attrs (JmForeign  *foreign,
                   const char *slot_name)
{
  JmForeignSlot *slot = slot_of (foreign, slot_name);

  return slot != NULL && slot->attrs->len > 0;
}

static gboolean
has_foreign_elements (JmForeign  *foreign,
                      const char *slot_name)
{
  JmForeignSlot *slot = slot_of (foreign, slot_name);

  return slot != NULL && slot->elements->len > 0;
}

static void
foreign_elements (Writer     *self,
                  JmForeign  *foreign,
                  const char *slot_name,
                  guint       level)
{
  JmForeignSlot *slot = slot_of (foreign, slot_name);

  if (slot == NULL)
    return;
  for (guint i = 0; i < slot->elements->len; i++)
    {
      indent (self, level);
      put (self->out, g_ptr_array_index (slot->elements, i));
      put_c (self->out, '\n');
    }
}

/* <name>text</name>; written when it has text, foreign attributes, or is required. */
static void
text_element (Writer     *self,
              guint       level,
              const char *name,
              const char *text,
              JmForeign  *foreign,
              const char *slot_name,
              gboolean    required)
{
  if (!required && (text == NULL || *text == '\0') && !has_foreign_attrs (foreign, slot_name))
    return;

  indent (self, level);
  put_c (self->out, '<');
  put (self->out, name);
  foreign_attrs (self, foreign, slot_name);
  if (text == NULL || *text == '\0')
    {
      put_lit (self->out, "/>\n");
      return;
    }
  put_c (self->out, '>');
  escape (self->out, text, FALSE);
  put_lit (self->out, "</");
  put (self->out, name);
  put_lit (self->out, ">\n");
}

static void
list_element (Writer             *self,
              guint               level,
              const char         *name,
              const char         *item_name,
              const char * const *items,
              JmForeign          *foreign)
{
  gboolean empty = items == NULL || items[0] == NULL;

  if (empty && !has_foreign_attrs (foreign, name))
    return;

  indent (self, level);
  put_c (self->out, '<');
  put (self->out, name);
  foreign_attrs (self, foreign, name);
  if (empty)
    {
      put_lit (self->out, "/>\n");
      return;
    }
  put_lit (self->out, ">\n");

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *slot = foreign != NULL ? g_strconcat (name, ":", items[i], NULL) : NULL;

      indent (self, level + 1);
      if (g_str_equal (item_name, "link"))
        {
          put_lit (self->out, "<link");
          attr (self, "to", items[i]);
          foreign_attrs (self, foreign, slot);
          put_lit (self->out, "/>\n");
          continue;
        }
      put_c (self->out, '<');
      put (self->out, item_name);
      foreign_attrs (self, foreign, slot);
      if (*items[i] == '\0')
        {
          put_lit (self->out, "/>\n");
          continue;
        }
      put_c (self->out, '>');
      escape (self->out, items[i], FALSE);
      put_lit (self->out, "</");
      put (self->out, item_name);
      put_lit (self->out, ">\n");
    }

  indent (self, level);
  put_lit (self->out, "</");
  put (self->out, name);
  put_lit (self->out, ">\n");
}

/* The shortest decimal that reads back as the same double, never with an
 * exponent (xsd:decimal has none): the digits of the shortest round trip,
 * with the point moved by hand where printf would use an exponent. A fixed number of places would write a
 * tiny weight such as 1e-23 as 0, and lose every score of the map. */
static char *
format_decimal (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) digits = g_string_new (NULL);
  GString *out;
  const char *p;
  const char *e;
  int point;
  gboolean negative;

  /* g_ascii_dtostr() gives 17 digits, 0.1 as 0.10000000000000001: try
   * fewer first. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  e = strpbrk (buffer, "eE");
  if (e == NULL)
    return g_strdup (buffer);

  /* d.ddde±x: the digits, and where the point goes among them. */
  p = buffer;
  negative = *p == '-';
  if (negative)
    p++;
  point = 0;
  for (gboolean after = FALSE; p < e; p++)
    {
      if (*p == '.')
        after = TRUE;
      else
        {
          g_string_append_c (digits, *p);
          if (!after)
            point++;
        }
    }
  point += (int) g_ascii_strtoll (e + 1, NULL, 10);
  while (digits->len > 1 && digits->str[digits->len - 1] == '0')
    g_string_truncate (digits, digits->len - 1);

  out = g_string_new (negative ? "-" : "");
  if (point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits->str);
    }
  else if ((gsize) point >= digits->len)
    {
      g_string_append (out, digits->str);
      for (gsize i = digits->len; i < (gsize) point; i++)
        g_string_append_c (out, '0');
    }
  else
    {
      g_string_append_len (out, digits->str, point);
      g_string_append_c (out, '.');
      g_string_append (out, digits->str + point);
    }
  return g_string_free (out, FALSE);
}

static void
open_container (Writer     *self,
                JmForeign  *foreign,
                const char *name,
                guint       n_items)
{
  indent (self, 1);
  put_c (self->out, '<');
  put (self->out, name);
  foreign_attrs (self, foreign, name);
  if (n_items == 0 && !has_foreign_elements (foreign, name))
    put_lit (self->out, "/>\n");
  else
    put_lit (self->out, ">\n");
}

static void
close_container (Writer     *self,
                 JmForeign  *foreign,
                 const char *name,
                 guint       n_items)
{
  if (n_items == 0 && !has_foreign_elements (foreign, name))
    return;
  foreign_elements (self, foreign, name, 2);
  indent (self, 1);
  put_lit (self->out, "</");
  put (self->out, name);
  put_lit (self->out, ">\n");
}

/* The rows of the format's table, element by element, in the order they
 * are written. */
typedef enum {
  ROWS_JOURNEY,
  ROWS_WEIGHTS,
  ROWS_STAGE,
  ROWS_PERSONA,
  ROWS_TOUCHPOINT,
  ROWS_SCORES,
  ROWS_ROUND,
  N_ROWS
} Rows;

#define MAX_ROWS 31

static const char * const rows_names[N_ROWS] = {
  "journey", "weights", "stage", "persona", "touchpoint", "scores", "round",
};
/* Each element's rows in two lists, sorted once: the attributes that
 * stand for properties, and the child elements. */
static const JmSchemaField *attribute_rows[N_ROWS][MAX_ROWS + 1];
static const JmSchemaField *element_rows[N_ROWS][MAX_ROWS + 1];

static gpointer
fill_rows (gpointer data)
{
  guint n_fields;
  const JmSchemaField *fields = _jm_file_schema_get (&n_fields);
  guint n_attributes[N_ROWS] = { 0 };
  guint n_elements[N_ROWS] = { 0 };

  for (guint i = 0; i < n_fields; i++)
    for (guint r = 0; r < N_ROWS; r++)
      if (g_str_equal (fields[i].parent, rows_names[r]))
        {
          if (fields[i].node != JM_SCHEMA_ATTRIBUTE)
            {
              g_assert (n_elements[r] < MAX_ROWS);
              element_rows[r][n_elements[r]++] = &fields[i];
            }
          else if (fields[i].property != NULL)
            {
              g_assert (n_attributes[r] < MAX_ROWS);
              attribute_rows[r][n_attributes[r]++] = &fields[i];
            }
        }
  return NULL;
}

static void
ensure_rows (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, fill_rows, NULL);
}

static const JmSchemaField * const *
attribute_rows_of (Rows which)
{
  ensure_rows ();
  return attribute_rows[which];
}

static const JmSchemaField * const *
element_rows_of (Rows which)
{
  ensure_rows ();
  return element_rows[which];
}

/* An attribute's value as it is written, or NULL when it holds its
 * default and is left out. */
static const char *
attribute_text (const JmSchemaField *field,
                gpointer             object,
                char                *buffer,
                gsize                size,
                char               **allocated)
{
  const char *text;
  int number;
  double decimal;
  gboolean boolean;

  switch (field->type)
    {
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
      text = field->get.text (object);
      return text != NULL && *text != '\0' ? text : NULL;
    case JM_SCHEMA_COLOUR:
      /* The model takes any text; the file only #rrggbb. */
      text = field->get.text (object);
      return jm_colour_is_valid (text) ? text : NULL;
    case JM_SCHEMA_INT:
      /* The defaults straight from the specs: g_param_value_defaults()
       * builds a value to compare with, for every field of every card. */
      number = field->get.integer (object);
      if (number == G_PARAM_SPEC_INT (field->pspec)->default_value)
        return NULL;
      return int_text (buffer, size, number);
    case JM_SCHEMA_DECIMAL:
      decimal = field->get.decimal (object);
      if (decimal == G_PARAM_SPEC_DOUBLE (field->pspec)->default_value)
        return NULL;
      return *allocated = format_decimal (decimal);
    case JM_SCHEMA_BOOLEAN:
      boolean = field->get.boolean (object);
      if (boolean == G_PARAM_SPEC_BOOLEAN (field->pspec)->default_value)
        return NULL;
      return boolean ? "true" : "false";
    case JM_SCHEMA_CHOICE:
      /* The getter gives the nick, NULL for the default. */
      return field->get.text (object);
    case JM_SCHEMA_DATE:
      text = field->get.text (object);
      return jm_date_is_valid (text) ? text : NULL;
    case JM_SCHEMA_NONE:
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
    default:
      g_assert_not_reached ();
    }
}

/* The attributes of @object that stand for properties, as they are
 * written, into @texts (NULL for those left out); %TRUE if any is
 * written. Texts are borrowed from the model; @allocated and @buffers
 * keep what had to be made for the others. */
#define MAX_ATTRS 8

typedef struct
{
  const JmSchemaField *fields[MAX_ATTRS];
  const char          *texts[MAX_ATTRS];
  char                *allocated[MAX_ATTRS];
  char                 buffers[MAX_ATTRS][16];
  guint                n;
} Attrs;

static gboolean
attrs_collect (Attrs                       *attrs,
               const JmSchemaField * const *fields,
               gpointer                     object)
{
  gboolean any = FALSE;

  attrs->n = 0;
  for (; *fields != NULL; fields++)
    {
      const JmSchemaField *field = *fields;
      guint i = attrs->n;

      g_assert (i < MAX_ATTRS);
      attrs->fields[i] = field;
      attrs->allocated[i] = NULL;
      attrs->texts[i] = attribute_text (field, object, attrs->buffers[i],
                                        sizeof attrs->buffers[i], &attrs->allocated[i]);
      any |= attrs->texts[i] != NULL;
      attrs->n++;
    }
  return any;
}

static void
attrs_write (Writer *self,
             Attrs  *attrs)
{
  for (guint i = 0; i < attrs->n; i++)
    if (attrs->texts[i] != NULL)
      attr (self, attrs->fields[i]->name, attrs->texts[i]);
}

static void
attrs_clear (Attrs *attrs)
{
  for (guint i = 0; i < attrs->n; i++)
    g_free (attrs->allocated[i]);
  attrs->n = 0;
}

static void
property_attrs (Writer                     *self,
                const JmSchemaField * const *fields,
                gpointer                    object)
{
  Attrs attrs;

  attrs_collect (&attrs, fields, object);
  attrs_write (self, &attrs);
  attrs_clear (&attrs);
}

/* An element made only of attributes (<weights>, <scores>): left out
 * when each holds its default and nothing else came with it. */
static void
attribute_element (Writer     *self,
                   guint       level,
                   Rows        which,
                   gpointer    object,
                   JmForeign  *foreign)
{
  const char *name = rows_names[which];
  JmForeignSlot *slot = slot_of (foreign, name);
  gboolean foreign_children = slot != NULL && slot->elements->len > 0;
  Attrs attrs;

  if (!attrs_collect (&attrs, attribute_rows_of (which), object) &&
      (slot == NULL || (slot->attrs->len == 0 && !foreign_children)))
    {
      attrs_clear (&attrs);
      return;
    }

  indent (self, level);
  put_c (self->out, '<');
  put (self->out, name);
  attrs_write (self, &attrs);
  attrs_clear (&attrs);
  foreign_attrs (self, foreign, name);
  if (!foreign_children)
    {
      put_lit (self->out, "/>\n");
      return;
    }
  put_lit (self->out, ">\n");
  foreign_elements (self, foreign, name, level + 1);
  indent (self, level);
  put_lit (self->out, "</");
  put (self->out, name);
  put_lit (self->out, ">\n");
}

static void
write_picture (Writer    *self,
               JmPersona *persona,
               JmForeign *foreign)
{
  GBytes *picture = jm_persona_get_picture (persona);
  const char *type = jm_persona_get_picture_type (persona);
  g_autofree char *base64 = NULL;

  if (picture == NULL)
    return;

  base64 = g_base64_encode (g_bytes_get_data (picture, NULL), g_bytes_get_size (picture));
  if (type == NULL || (!g_str_equal (type, "image/png") && !g_str_equal (type, "image/jpeg")))
    type = "image/png";
  indent (self, 3);
  put_lit (self->out, "<picture");
  attr (self, "type", type);
  foreign_attrs (self, foreign, "picture");
  put_c (self->out, '>');
  put (self->out, base64);
  put_lit (self->out, "</picture>\n");
}

/* A link to a touchpoint that is not in the map would make the file
 * unreadable: such a link leads nowhere, and is left out. */
static void
list_field (Writer              *self,
            guint                level,
            const JmSchemaField *field,
            const char * const  *items,
            JmForeign           *foreign)
{
  g_autoptr(GPtrArray) kept = NULL;

  if (field->type == JM_SCHEMA_ID_LIST && items != NULL)
    {
      kept = g_ptr_array_new ();
      for (guint i = 0; items[i] != NULL; i++)
        if (jm_map_lookup_touchpoint (self->map, items[i]) != NULL)
          g_ptr_array_add (kept, (gpointer) items[i]);
      g_ptr_array_add (kept, NULL);
      items = (const char * const *) kept->pdata;
    }
  list_element (self, level, field->name, field->item, items, foreign);
}

static void write_structure (Writer *self, guint level, const char *name, gpointer object, JmForeign *foreign);
static void flush (Writer *self, gboolean last);

/* The child elements of @object, in the table's order. */
static void
child_elements (Writer                     *self,
                guint                       level,
                const JmSchemaField * const *fields,
                gpointer                    object,
                JmForeign                  *foreign)
{
  for (; *fields != NULL; fields++)
    {
      const JmSchemaField *field = *fields;

      switch (field->node)
        {
        case JM_SCHEMA_TEXT_ELEMENT:
          text_element (self, level, field->name, field->get.text (object),
                        foreign, field->name, field->required);
          break;
        case JM_SCHEMA_LIST_ELEMENT:
          list_field (self, level, field, field->get.strv (object), foreign);
          break;
        case JM_SCHEMA_ELEMENT:
          write_structure (self, level, field->name, object, foreign);
          break;
        case JM_SCHEMA_ATTRIBUTE:
        default:
          break;
        }
    }
}

/* <stage>, <persona> or <touchpoint>. */
static void
write_object (Writer     *self,
              Rows        which,
              gpointer    object,
              const char *id)
{
  const char *name = rows_names[which];
  JmForeign *foreign = _jm_foreign_get (object);

  indent (self, 2);
  put_c (self->out, '<');
  put (self->out, name);
  attr (self, "id", id);
  if (which == ROWS_TOUCHPOINT)
    {
      attr (self, "stage", jm_touchpoint_get_stage_id (object));
      attr (self, "lane", jm_touchpoint_get_lane_id (object));
    }
  property_attrs (self, attribute_rows_of (which), object);
  foreign_attrs (self, foreign, name);
  put_lit (self->out, ">\n");

  child_elements (self, 3, element_rows_of (which), object, foreign);

  foreign_elements (self, foreign, name, 3);
  indent (self, 2);
  put_lit (self->out, "</");
  put (self->out, name);
  put_lit (self->out, ">\n");
}

/* <stages>, <personas> or <touchpoints>. */
static void
write_objects (Writer     *self,
               const char *name)
{
  JmMap *map = self->map;
  JmForeign *foreign = _jm_foreign_get (map);
  GListModel *list = g_str_equal (name, "stages") ? jm_map_get_stages (map)
                   : g_str_equal (name, "personas") ? jm_map_get_personas (map)
                   : jm_map_get_touchpoints (map);
  guint n = g_list_model_get_n_items (list);

  open_container (self, foreign, name, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      if (JM_IS_STAGE (item))
        write_object (self, ROWS_STAGE, item, jm_stage_get_id (JM_STAGE (item)));
      else if (JM_IS_PERSONA (item))
        write_object (self, ROWS_PERSONA, item, jm_persona_get_id (JM_PERSONA (item)));
      else
        {
          write_object (self, ROWS_TOUCHPOINT, item, jm_touchpoint_get_id (JM_TOUCHPOINT (item)));
          flush (self, FALSE);
        }
    }
  close_container (self, foreign, name, n);
}

/* A round's votes, but those for cards the map no longer has: like a
 * link, such a vote would make the file unreadable. */
static void
write_round_votes (Writer      *self,
                   guint        level,
                   JmVoteRound *round,
                   JmForeign   *foreign)
{
  for (guint i = 0, n = jm_vote_round_get_n_votes (round); i < n; i++)
    {
      const char *touchpoint;
      const char *voter;
      int count;
      char buffer[16];
      g_autofree char *slot = NULL;

      jm_vote_round_get_vote (round, i, &touchpoint, &voter, &count);
      if (jm_map_lookup_touchpoint (self->map, touchpoint) == NULL)
        continue;
      slot = g_strdup_printf ("vote:%s:%s", touchpoint, voter);
      indent (self, level);
      put_lit (self->out, "<vote");
      attr (self, "touchpoint", touchpoint);
      attr (self, "voter", voter);
      attr (self, "count", int_text (buffer, sizeof buffer, count));
      foreign_attrs (self, foreign, slot);
      put_lit (self->out, "/>\n");
    }
}

/* <votes>: left out when the map has no rounds, as in format 1.0. */
static void
write_votes (Writer *self,
             JmMap  *map)
{
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (map));
  JmForeign *map_foreign = _jm_foreign_get (map);
  guint n = g_list_model_get_n_items (rounds);

  if (n == 0 && slot_of (map_foreign, "votes") == NULL)
    return;
  open_container (self, map_foreign, "votes", n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (rounds, i);
      JmForeign *foreign = _jm_foreign_get (round);

      indent (self, 2);
      put_lit (self->out, "<round");
      attr (self, "id", jm_vote_round_get_id (round));
      property_attrs (self, attribute_rows_of (ROWS_ROUND), round);
      foreign_attrs (self, foreign, "round");
      put_lit (self->out, ">\n");
      child_elements (self, 3, element_rows_of (ROWS_ROUND), round, foreign);
      foreign_elements (self, foreign, "round", 3);
      indent (self, 2);
      put_lit (self->out, "</round>\n");
    }
  close_container (self, map_foreign, "votes", n);
}

/* The elements the table names without a property. */
static void
write_structure (Writer     *self,
                 guint       level,
                 const char *name,
                 gpointer    object,
                 JmForeign  *foreign)
{
  if (g_str_equal (name, "weights"))
    attribute_element (self, level, ROWS_WEIGHTS, object, foreign);
  else if (g_str_equal (name, "scores"))
    attribute_element (self, level, ROWS_SCORES, object, foreign);
  else if (g_str_equal (name, "picture"))
    write_picture (self, object, foreign);
  else if (g_str_equal (name, "votes"))
    write_votes (self, object);
  else if (g_str_equal (name, "vote"))
    write_round_votes (self, level, object, foreign);
  else
    write_objects (self, name);
}

static void
writer_init (Writer *self)
{
  self->prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->order = g_ptr_array_new_with_free_func (g_free);
}

static void
writer_clear (Writer *self)
{
  g_hash_table_unref (self->prefixes);
  g_hash_table_unref (self->taken);
  g_ptr_array_unref (self->order);
}

/* Hands what is written so far to the sink, once there is enough of it
 * (or all of it, @last). After a failure nothing more is handed over. */
static void
flush (Writer   *self,
       gboolean  last)
{
  if (self->sink == NULL || (!last && self->out->len < self->flush_size))
    return;
  if (self->sink_error == NULL && self->out->len > 0)
    self->sink (self->out->str, self->out->len, self->sink_data, &self->sink_error);
  g_string_truncate (self->out, 0);
}

/* Everything inside the root element. */
static void
write_body (Writer *self,
            JmMap  *map)
{
  JmForeign *foreign = _jm_foreign_get (map);

  self->map = map;
  child_elements (self, 1, element_rows_of (ROWS_JOURNEY), map, foreign);
  foreign_elements (self, foreign, "journey", 1);
  _jm_file_write_conflicts (self->out, map);
}

/* Whether a card of @map has a kind (a card template's pain point, idea
 * or question), which 1.0 cannot hold. */
static gboolean
has_card_kinds (JmMap *map)
{
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  guint n = g_list_model_get_n_items (touchpoints);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (*jm_touchpoint_get_kind (touchpoint) != '\0')
        return TRUE;
    }
  return FALSE;
}

/* The oldest format that holds all of @map: a map that uses nothing of
 * 1.1 is written as before, byte for byte. */
static const char *
format_version (JmMap *map)
{
  const char * const *authors = jm_map_get_authors (map);

  if (jm_map_get_status (map) != JM_MAP_STATUS_NONE ||
      *jm_map_get_workshop_date (map) != '\0' || *jm_map_get_map_version (map) != '\0' ||
      (authors != NULL && authors[0] != NULL) || !jm_votes_is_empty (jm_map_get_votes (map)) ||
      has_card_kinds (map))
    return "1.1";
  return "1.0";
}

/* The root's version and the attributes that stand for the map's
 * properties. */
static void
root_attrs (Writer *self,
            JmMap  *map)
{
  attr (self, "version", format_version (map));
  property_attrs (self, attribute_rows_of (ROWS_JOURNEY), map);
}

/**
 * jm_file_write_bytes:
 * @map: a map
 *
 * Writes @map in the .journey format. The same map always gives the same
 * bytes, and content of other namespaces that the map was loaded with is
 * written back.
 *
 * Returns: (transfer full): the file's contents, UTF-8 XML
 */
GBytes *
jm_file_write_bytes (JmMap *map)
{
  Writer self = { 0 };
  g_autoptr(GString) root_attributes = g_string_new (NULL);
  g_autoptr(GString) body = NULL;
  g_autoptr(GString) head = NULL;
  GBytes *result;
  gsize headroom;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  writer_init (&self);

  /* The root's own attributes first, so their prefixes come first. */
  self.out = root_attributes;
  self.map = map;
  root_attrs (&self, map);
  foreign_attrs (&self, _jm_foreign_get (map), "journey");

  /* About a kilobyte a card: growing by doubling from small would copy the
   * whole text of a large map several times over. The root element's
   * start tag goes in front of the body once the body is written (it
   * declares the prefixes the body used): keep room for it there, so the
   * body need not be copied behind it. */
  headroom = 512 + root_attributes->len;
  self.out = body = g_string_sized_new (headroom + 4096 +
                                        1024 * (gsize) g_list_model_get_n_items (jm_map_get_touchpoints (map)));
  memset (body->str, ' ', headroom);
  body->len = headroom;
  body->str[body->len] = '\0';

  write_body (&self, map);
  put_lit (body, "</journey>\n");

  head = g_string_sized_new (headroom);
  g_string_append (head, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (head, "<journey xmlns=\"" JM_FILE_NAMESPACE "\"");
  for (guint i = 0; i < self.order->len; i++)
    {
      const char *uri = g_ptr_array_index (self.order, i);

      g_string_append_printf (head, " xmlns:%s=\"", (const char *) g_hash_table_lookup (self.prefixes, uri));
      _jm_xml_escape_text (head, uri, TRUE);
      g_string_append_c (head, '"');
    }
  g_string_append_len (head, root_attributes->str, root_attributes->len);
  g_string_append (head, ">\n");

  if (head->len <= headroom)
    {
      gsize offset = headroom - head->len;
      gsize length = body->len - offset;
      char *data;

      memcpy (body->str + offset, head->str, head->len);
      data = g_string_free (g_steal_pointer (&body), FALSE);
      result = g_bytes_new_with_free_func (data + offset, length, g_free, data);
    }
  else
    {
      /* Prefixes for many namespaces: put the two together. */
      g_string_append_len (head, body->str + headroom, body->len - headroom);
      result = g_string_free_to_bytes (g_steal_pointer (&head));
    }

  writer_clear (&self);

  return result;
}

static gboolean
has_foreign_content (JmMap *map)
{
  GListModel *lists[] = { jm_map_get_stages (map), jm_map_get_personas (map), jm_map_get_touchpoints (map) };

  if (_jm_foreign_get (map) != NULL)
    return TRUE;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0, n = g_list_model_get_n_items (lists[l]); i < n; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);

        if (_jm_foreign_get (item) != NULL)
          return TRUE;
      }
  return FALSE;
}

/**
 * _jm_file_write_to_sink:
 * @map: a map
 * @sink: takes the bytes, piece by piece, in order
 * @user_data: data for @sink
 * @error: the error @sink failed with
 *
 * Writes the bytes jm_file_write_bytes() gives, handing them to @sink a
 * megabyte or so at a time as they are made, so that writing them out can
 * go on while the rest is made. A map that came with content of other
 * namespaces is made whole first: the root's start tag declares the
 * prefixes its body uses.
 *
 * Returns: %FALSE if @sink failed; nothing more was given to it after
 */
gboolean
_jm_file_write_to_sink (JmMap       *map,
                        JmFileSink   sink,
                        gpointer     user_data,
                        GError     **error)
{
  Writer self = { 0 };

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);

  if (has_foreign_content (map))
    {
      g_autoptr(GBytes) bytes = jm_file_write_bytes (map);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      return sink (data, length, user_data, error);
    }

  writer_init (&self);
  self.sink = sink;
  self.sink_data = user_data;
  self.flush_size = 1024 * 1024;
  self.out = g_string_sized_new (self.flush_size + 256 * 1024);

  self.map = map;
  put_lit (self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<journey xmlns=\"" JM_FILE_NAMESPACE "\"");
  root_attrs (&self, map);
  put_lit (self.out, ">\n");
  write_body (&self, map);
  put_lit (self.out, "</journey>\n");
  flush (&self, TRUE);

  g_string_free (self.out, TRUE);
  writer_clear (&self);
  if (self.sink_error != NULL)
    {
      g_propagate_error (error, self.sink_error);
      return FALSE;
    }
  return TRUE;
}
