/* jm-file-elements.c: from elements and attributes to the model
 *
 * libxml2's SAX2 callbacks. Each element of ours pushes a frame that knows
 * which children and attributes it may have (from the format's table in
 * jm-file-schema.c), checks everything the RELAX NG schema says, with
 * messages a person can act on, and builds the map as it goes: a stage,
 * persona or touchpoint at its start tag, a text or list property at its
 * end tag. Elements of other namespaces go to jm-file-foreign.c.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/SAX2.h>

#include "jm-file-reader-private.h"
#include "jm-touchpoint-private.h"
#include "jm-votes.h"

#define NS_BASE "https://journeymapper.github.io/ns/journey/"

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
  [K_VOTES] = "votes",
  [K_ROUND] = "round",
  [K_VOTE] = "vote",
};

static ChildSpec kind_children[N_KINDS][MAX_CHILDREN + 1];
static const JmSchemaField *kind_attributes[N_KINDS][MAX_ATTRIBUTES_OF_KIND + 1];

static const ChildSpec items_children[] = { { "item", K_ITEM, NULL, FALSE, TRUE }, { NULL } };
static const ChildSpec teams_children[] = { { "team", K_ITEM, NULL, FALSE, TRUE }, { NULL } };
static const ChildSpec links_children[] = { { "link", K_LINK, NULL, FALSE, TRUE }, { NULL } };
static const ChildSpec authors_children[] = { { "author", K_ITEM, NULL, FALSE, TRUE }, { NULL } };

/* Where errors are placed */

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
      if (_jm_reader_is_xml_space (*p))
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
char *
_jm_reader_attribute_value (const xmlChar *value,
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
char *
_jm_reader_namespace_uri (const xmlChar *uri)
{
  if (uri == NULL)
    return g_strdup ("");
  return _jm_reader_attribute_value (uri, uri + strlen ((const char *) uri));
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
    case K_ROUND: return "round";
    /* Each vote's own, named in start_vote(). */
    case K_VOTE: return frame->value;
    case K_VOTES:
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
    case K_VOTES:
    case K_ROUND:
      return TRUE;
    case K_VOTE:
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
  if (JM_IS_VOTE_ROUND (object))
    return jm_vote_round_get_id (object);
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
      (kind >= 2 && jm_map_lookup_touchpoint (self->map, id) != NULL))
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
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column, message, value, id);
      break;
    case JM_SCHEMA_ARGS_NAME_VALUE:
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column, message, field->name, value);
      break;
    case JM_SCHEMA_ARGS_NAME_VALUE_OBJECT:
    default:
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column, message, field->name, value, id);
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
      if (!_jm_file_schema_parse_integer (value, (int) field->min, (int) field->max, &n))
        return attribute_invalid (self, frame, field, value, line, column);
      g_value_init (&v, G_TYPE_INT);
      g_value_set_int (&v, n);
      break;
    case JM_SCHEMA_DECIMAL:
      if (!_jm_file_schema_parse_decimal (value, field->min, field->max, &d))
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
    case JM_SCHEMA_CHOICE:
      if (!_jm_file_schema_parse_choice (field, value, &n))
        return attribute_invalid (self, frame, field, value, line, column);
      g_value_init (&v, field->pspec->value_type);
      g_value_set_enum (&v, n);
      break;
    case JM_SCHEMA_DATE:
      if (!jm_date_is_valid (value))
        return attribute_invalid (self, frame, field, value, line, column);
      g_value_init (&v, G_TYPE_STRING);
      g_value_set_static_string (&v, value);
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
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
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

  _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
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
          *storage = _jm_reader_attribute_value (attr[3], attr[4]);
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
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                       _("<%s> has no “%s” attribute"), element, attribute);
      return FALSE;
    }
  if (!is_valid_id (value))
    {
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
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
            _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
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
            _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
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
            _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
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
    case K_VOTES:
    case K_ROUND:
    case K_VOTE:
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
      _jm_reader_fail (self, JM_FILE_ERROR_NOT_A_MAP, line, column,
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
              _jm_reader_fail (self, JM_FILE_ERROR_NEWER_VERSION, line, column,
                               _("this map was made by a newer version of Journey Mapper "
                                 "(format %s), which this version cannot open"),
                               n);
              return FALSE;
            }
        }
      _jm_reader_fail (self, JM_FILE_ERROR_NOT_A_MAP, line, column,
                       _("this is not a journey map: <journey> is not in the namespace %s"),
                       JM_FILE_NAMESPACE);
      return FALSE;
    }

  version = find_attribute (attributes, nb_attributes, "version", &version_storage);
  if (version == NULL)
    {
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                       _("<journey> has no “version” attribute"));
      return FALSE;
    }
  /* Saturates: a twenty-digit major version is newer, not a wrapped one. */
  for (p = version; g_ascii_isdigit (*p); p++)
    major = MIN (major * 10 + (*p - '0'), G_MAXUINT32);
  if (p != version && *p == '.' && g_ascii_isdigit (p[1]) && major > 1)
    {
      self->newer_version = TRUE;
      _jm_reader_fail (self, JM_FILE_ERROR_NEWER_VERSION, line, column,
                       _("this map was made by a newer version of Journey Mapper "
                         "(format %s), which this version cannot open"),
                       version);
      return FALSE;
    }
  if (!(version[0] == '1' && version[1] == '.' && version[2] != '\0' &&
        strspn (version + 2, "0123456789") == strlen (version + 2)))
    {
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, line, column,
                       _("“%s” is not a version of the journey map format"), version);
      return FALSE;
    }
  return TRUE;
}

void
_jm_reader_frame_clear (Frame *frame)
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
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                           _("<%s> has an unknown attribute “%s:%s”"),
                           frame->name, attr[1], attr[0]);
          return FALSE;
        }
      else
        {
          g_autofree char *ns = _jm_reader_namespace_uri (attr[2]);
          JmForeignSlot *slot;

          if (frame->kind == K_ITEM || frame->kind == K_LINK)
            {
              /* The slot of an item is known at its end, when its text is. */
              JmForeignAttr *fa = g_new0 (JmForeignAttr, 1);

              if (frame->pending_attrs == NULL)
                frame->pending_attrs = g_ptr_array_new_with_free_func (_jm_foreign_attr_free);
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
    _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                     _("<%s> may hold only text, not a <%s> element"), parent->name, localname);
  else if (parent->kind == K_LINK || parent->kind == K_SCORES || parent->kind == K_VOTE)
    _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                     _("<%s> must be empty, but it holds a <%s> element"), parent->name, localname);
  else if (!ours)
    _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                     _("<%s> cannot hold elements of other namespaces, such as <%s>"),
                     parent->name, localname);
  else
    _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                     _("<%s> is not an element a <%s> can hold"), localname, parent->name);
}

static gboolean
start_round (Reader         *self,
             Frame          *frame,
             const xmlChar **attributes,
             int             nb_attributes)
{
  g_autofree char *id = NULL;
  g_autoptr(JmVoteRound) round = NULL;

  find_attribute (attributes, nb_attributes, "id", &id);
  if (!require_id (self, frame->name, "id", id, frame->line, frame->column))
    return FALSE;
  round = jm_vote_round_new (id, "", 3);
  if (!jm_votes_append_round (jm_map_get_votes (self->map), round))
    {
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                       _("two voting rounds have the same id “%s”"), id);
      return FALSE;
    }
  frame->object = round;
  return TRUE;
}

/* A vote's limits depend on its round, whose attributes were read at its
 * start tag: no voter may have more dots than the round gives. */
static gboolean
start_vote (Reader         *self,
            Frame          *frame,
            const xmlChar **attributes,
            int             nb_attributes)
{
  g_autofree char *touchpoint = NULL;
  g_autofree char *voter = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *message = NULL;
  JmVoteRound *round = frame->object;
  const char *round_id = jm_vote_round_get_id (round);

  find_attribute (attributes, nb_attributes, "touchpoint", &touchpoint);
  if (!require_id (self, frame->name, "touchpoint", touchpoint, frame->line, frame->column))
    return FALSE;
  find_attribute (attributes, nb_attributes, "voter", &voter);
  find_attribute (attributes, nb_attributes, "count", &count_text);
  if (!_jm_file_schema_add_vote (round, touchpoint, voter, count_text, &message))
    {
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column, "%s", message);
      return FALSE;
    }
  add_reference (self, round_id, touchpoint, 3, frame->line, frame->column);
  frame->value = g_strdup_printf ("vote:%s:%s", touchpoint, voter);
  return TRUE;
}

/* What an element of ours does at its start tag, by its kind. */
static gboolean
start_kind (Reader         *self,
            Frame          *frame,
            const xmlChar **attributes,
            int             nb_attributes)
{
  if (frame->kind == K_STAGE || frame->kind == K_PERSONA || frame->kind == K_TOUCHPOINT)
    {
      if (!start_object (self, frame, attributes, nb_attributes))
        return FALSE;
    }
  else if (frame->kind == K_ROUND)
    {
      if (!start_round (self, frame, attributes, nb_attributes))
        return FALSE;
    }
  else if (frame->kind == K_VOTE)
    {
      if (!start_vote (self, frame, attributes, nb_attributes))
        return FALSE;
    }
  else if (frame->kind == K_ITEMS)
    {
      frame->children = g_str_equal (frame->field->item, "team") ? teams_children
                      : g_str_equal (frame->field->item, "link") ? links_children
                      : g_str_equal (frame->field->item, "author") ? authors_children
                      : items_children;
      g_ptr_array_set_size (self->items, 0);
    }
  else if (frame->kind == K_LINK)
    {
      g_autofree char *to = NULL;

      find_attribute (attributes, nb_attributes, "to", &to);
      if (!require_id (self, "link", "to", to, frame->line, frame->column))
        return FALSE;
      add_reference (self, object_description (frame->object), to, 2, frame->line, frame->column);
      g_ptr_array_add (self->items, g_strdup (to));
      frame->value = g_steal_pointer (&to);
    }
  else if (frame->kind == K_PICTURE)
    {
      g_autofree char *type = NULL;

      if (find_attribute (attributes, nb_attributes, "type", &type) == NULL)
        {
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                           _("the <picture> of persona “%s” has no “type” attribute"),
                           object_description (frame->object));
          return FALSE;
        }
      frame->value = g_strstrip (g_steal_pointer (&type));
    }

  if (frame->kind != K_ITEMS && kind_children[frame->kind][0].name != NULL)
    frame->children = kind_children[frame->kind];
  return TRUE;
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
      _jm_reader_foreign_start (self, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, attributes);
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
      if (self->text->len > 0 && !_jm_reader_is_blank (self->text->str, self->text->len) &&
          parent->kind != K_TEXT && parent->kind != K_ITEM && parent->kind != K_PICTURE)
        {
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                           _("text is not allowed directly inside <%s>"), parent->name);
          return;
        }
      g_string_truncate (self->text, 0);

      if (!ours && allows_foreign_elements (parent->kind))
        {
          self->foreign = g_string_new (NULL);
          self->foreign_object = parent->object;
          self->foreign_slot = g_strdup (frame_slot (parent));
          _jm_reader_foreign_start (self, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, attributes);
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
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                           _("<%s> holds more than one <%s>"), parent->name, localname);
          return;
        }
      parent->seen |= 1u << spec_index;

      frame.kind = spec->kind;
      frame.field = spec->field;
      frame.object = parent->object;
      if (!start_kind (self, &frame, attributes, nb_attributes))
        return;
    }

  if (!start_attributes (self, &frame, attributes, nb_attributes))
    {
      _jm_reader_frame_clear (&frame);
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
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
                           _("%s “%s” has no <%s>"), frame->name, id, frame->children[i].name);
        else
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame->line, frame->column,
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
      _jm_reader_foreign_end (self, localname, prefix);
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
      if (!_jm_reader_is_blank (self->text->str, self->text->len))
        _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                         _("<%s> must be empty, but it holds text"), frame.name);
      break;

    case K_ITEMS:
      if (!_jm_reader_is_blank (self->text->str, self->text->len))
        _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                         _("text is not allowed directly inside <%s>"), frame.name);
      set_list_field (self, &frame);
      break;

    case K_PICTURE:
      if (!is_valid_base64 (self->text->str))
        {
          _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
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
    case K_VOTE:
    case K_VOTES:
    case K_ROUND:
    case K_NONE:
    case K_JOURNEY:
    case K_WEIGHTS:
    case K_STAGES:
    case K_PERSONAS:
    case K_TOUCHPOINTS:
    case K_STAGE:
    case K_PERSONA:
    default:
      if (!_jm_reader_is_blank (self->text->str, self->text->len))
        _jm_reader_fail (self, JM_FILE_ERROR_INVALID, frame.line, frame.column,
                         frame.kind == K_SCORES || frame.kind == K_VOTE
                                            ? _("<%s> must be empty, but it holds text")
                                            : _("text is not allowed directly inside <%s>"),
                         frame.name);
      break;
    }

  check_required (self, &frame);
  _jm_reader_frame_clear (&frame);
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
      _jm_reader_foreign_text (self, (const char *) text, length);
      return;
    }
  g_string_append_len (self->text, (const char *) text, length);
}

/* Known by the entity fence (jm-file-reader.c) as one of ours. */
void
_jm_reader_on_internal_subset (void          *ctx,
                               const xmlChar *name,
                               const xmlChar *external_id,
                               const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  Reader *self = ctxt->_private;

  _jm_reader_fail (self, JM_FILE_ERROR_FORBIDDEN, ctxt->input->line, 1,
                   _("a map file may not have a DOCTYPE"));
  xmlStopParser (ctxt);
}

static xmlEntityPtr
on_get_entity (void          *ctx,
               const xmlChar *name)
{
  return xmlGetPredefinedEntity (name);
}

/* The reader's lookups */

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
void
_jm_reader_fill_layout (void)
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
            /* The items of the map's lists. */
            parent == K_STAGES || parent == K_PERSONAS || parent == K_TOUCHPOINTS ||
            parent == K_VOTES || (parent == K_ROUND && kind == K_VOTE),
          };
        }
    }
}

void
_jm_reader_set_handlers (xmlSAXHandler *sax)
{
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElementNs = on_start_element;
  sax->endElementNs = on_end_element;
  sax->characters = on_characters;
  sax->cdataBlock = on_characters;
  sax->internalSubset = _jm_reader_on_internal_subset;
  sax->externalSubset = _jm_reader_on_internal_subset;
  sax->getEntity = on_get_entity;
  sax->serror = _jm_reader_on_structured_error;
}
