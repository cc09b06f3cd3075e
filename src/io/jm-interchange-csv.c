/* jm-interchange-csv.c: a whole map as one spreadsheet table
 *
 * One header row, then a row for the map, one per stage, per persona and
 * per touchpoint, in the map's order; the "kind" column says which. The
 * columns are the union of every kind's fields, touchpoints' first, so
 * that a spreadsheet user filters on kind and reads the touchpoints as an
 * ordinary table; a column two kinds share (title, notes, needs) means
 * the same field name in each. A kind leaves the other kinds' columns
 * empty, and reading refuses a row that does not, since that is data that
 * slid into the wrong column.
 *
 * Cells a spreadsheet would take as a formula (starting with = + - @, a
 * tab or a carriage return) are written after an apostrophe, which
 * spreadsheets show as text; reading takes one apostrophe off such a cell
 * (and off "''", so that a text starting with an apostrophe comes back).
 * List fields hold one item a line; a backslash, a line break inside an
 * item and an empty item are written \\, \n (\r) and \e.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-interchange-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jm-file.h"
#include "jm-interchange.h"
#include "jm-interchange-private.h"

#define BOM "\xef\xbb\xbf"
/* Past this many problems the rest are only counted: the first ones say
 * what is wrong with the file. */

typedef struct
{
  GPtrArray *names;                   /* the columns, "kind" first */
  int       *column;                  /* per field: its column */
  int       *field_of[JM_N_KINDS];    /* per kind and column: its field, or -1 */
} Columns;

static void
columns_init (Columns *columns)
{
  const JmInterchangeField *fields;
  guint n_fields;

  fields = _jm_interchange_fields (&n_fields);
  columns->names = g_ptr_array_new ();
  columns->column = g_new (int, n_fields);
  g_ptr_array_add (columns->names, (gpointer) "kind");
  for (guint i = 0; i < n_fields; i++)
    {
      guint found;

      if (!g_ptr_array_find_with_equal_func (columns->names, fields[i].name, g_str_equal, &found))
        {
          found = columns->names->len;
          g_ptr_array_add (columns->names, (gpointer) fields[i].name);
        }
      columns->column[i] = (int) found;
    }
  for (guint k = 0; k < JM_N_KINDS; k++)
    {
      columns->field_of[k] = g_new (int, columns->names->len);
      for (guint c = 0; c < columns->names->len; c++)
        columns->field_of[k][c] = -1;
    }
  for (guint i = 0; i < n_fields; i++)
    columns->field_of[fields[i].kind][columns->column[i]] = (int) i;
}

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->names, g_ptr_array_unref);
  g_clear_pointer (&columns->column, g_free);
  for (guint k = 0; k < JM_N_KINDS; k++)
    g_clear_pointer (&columns->field_of[k], g_free);
}

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static void
put_cell (GString    *out,
          const char *text,
          gboolean    textual)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (textual && (is_formula_start (text[0]) ||
                  (text[0] == '\'' && (is_formula_start (text[1]) || text[1] == '\''))))
    g_string_append_c (out, '\'');
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
put_list (GString            *out,
          const char * const *items,
          JmMap              *map,
          gboolean            links)
{
  gboolean first = TRUE;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *clean = NULL;

      /* As the XML writer: a link to a card that is not there is dropped. */
      if (links && jm_map_lookup_touchpoint (map, items[i]) == NULL)
        continue;
      if (!first)
        g_string_append_c (out, '\n');
      first = FALSE;
      clean = _jm_interchange_clean_text (items[i]);
      if (*clean == '\0')
        g_string_append (out, "\\e");
      for (const char *p = clean; *p != '\0'; p++)
        switch (*p)
          {
          case '\\': g_string_append (out, "\\\\"); break;
          case '\n': g_string_append (out, "\\n"); break;
          case '\r': g_string_append (out, "\\r"); break;
          default: g_string_append_c (out, *p); break;
          }
    }
}

/* The text of @field on @object, into @cell; whether it is text (which a
 * spreadsheet could take for a formula) rather than a number. */
static gboolean
cell_text (const JmInterchangeField *field,
           gpointer                  object,
           JmMap                    *map,
           GValue                   *values,
           GString                  *cell)
{
  const JmSchemaField *schema = field->field;
  GValue *value;

  g_string_truncate (cell, 0);
  switch (field->special)
    {
    case JM_SPECIAL_ID:
      g_string_append (cell, field->kind == JM_KIND_STAGE ? jm_stage_get_id (object)
                             : field->kind == JM_KIND_PERSONA ? jm_persona_get_id (object)
                             : field->kind == JM_KIND_ROUND ? jm_vote_round_get_id (object)
                             : jm_touchpoint_get_id (object));
      return TRUE;
    case JM_SPECIAL_VOTE_ROUND:
      g_string_append (cell, ((JmInterchangeVote *) object)->round);
      return TRUE;
    case JM_SPECIAL_VOTE_TOUCHPOINT:
      g_string_append (cell, ((JmInterchangeVote *) object)->touchpoint);
      return TRUE;
    case JM_SPECIAL_VOTE_VOTER:
      {
        g_autofree char *clean = _jm_interchange_clean_text (((JmInterchangeVote *) object)->voter);

        g_string_append (cell, clean);
        return TRUE;
      }
    case JM_SPECIAL_VOTE_COUNT:
      g_string_append (cell, ((JmInterchangeVote *) object)->count);
      return FALSE;
    case JM_SPECIAL_STAGE:
      g_string_append (cell, jm_touchpoint_get_stage_id (object));
      return TRUE;
    case JM_SPECIAL_LANE:
      g_string_append (cell, jm_touchpoint_get_lane_id (object));
      return TRUE;
    case JM_SPECIAL_PICTURE:
      if (jm_persona_get_picture (object) != NULL)
        {
          GBytes *picture = jm_persona_get_picture (object);
          g_autofree char *base64 = g_base64_encode (g_bytes_get_data (picture, NULL),
                                                     g_bytes_get_size (picture));

          g_string_append (cell, base64);
        }
      return TRUE;
    case JM_SPECIAL_PICTURE_TYPE:
      if (jm_persona_get_picture (object) != NULL)
        {
          const char *type = jm_persona_get_picture_type (object);

          g_string_append (cell, g_strcmp0 (type, "image/jpeg") == 0 ? type : "image/png");
        }
      return TRUE;
    case JM_SPECIAL_NONE:
    default:
      break;
    }

  value = &values[schema->type];
  if (!G_IS_VALUE (value))
    g_value_init (value, schema->pspec->value_type);
  _jm_file_schema_get_value (schema, object, value);
  if (_jm_interchange_is_default (field, value))
    return TRUE;
  switch (schema->type)
    {
    case JM_SCHEMA_CHOICE:
      g_string_append (cell, _jm_file_schema_choice_nick (schema, g_value_get_enum (value)));
      return TRUE;
    case JM_SCHEMA_TEXT:
    case JM_SCHEMA_ID:
    case JM_SCHEMA_COLOUR:
    case JM_SCHEMA_DATE:
      if (_jm_interchange_text_is_clean (g_value_get_string (value)))
        {
          g_string_append (cell, g_value_get_string (value));
        }
      else
        {
          g_autofree char *clean = _jm_interchange_clean_text (g_value_get_string (value));

          g_string_append (cell, clean);
        }
      return TRUE;
    case JM_SCHEMA_STRV:
    case JM_SCHEMA_ID_LIST:
      put_list (cell, g_value_get_boxed (value), map, schema->type == JM_SCHEMA_ID_LIST);
      return TRUE;
    case JM_SCHEMA_INT:
      g_string_append_printf (cell, "%d", g_value_get_int (value));
      return FALSE;
    case JM_SCHEMA_DECIMAL:
      {
        g_autofree char *text = _jm_interchange_format_decimal (g_value_get_double (value));

        g_string_append (cell, text);
        return FALSE;
      }
    case JM_SCHEMA_BOOLEAN:
      g_string_append (cell, g_value_get_boolean (value) ? "true" : "false");
      return FALSE;
    case JM_SCHEMA_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
write_row (GString       *out,
           const Columns *columns,
           JmKind         kind,
           gpointer       object,
           JmMap         *map,
           GValue        *values,
           GString       *cell)
{
  const JmInterchangeField *fields;
  guint n_fields;

  fields = _jm_interchange_fields (&n_fields);
  put_cell (out, _jm_kind_name (kind), FALSE);
  for (guint c = 1; c < columns->names->len; c++)
    {
      int f = columns->field_of[kind][c];

      g_string_append_c (out, ',');
      if (f >= 0)
        {
          gboolean textual = cell_text (&fields[f], object, map, values, cell);

          put_cell (out, cell->str, textual);
        }
    }
  g_string_append (out, "\r\n");
}

static void
write_list (GString       *out,
            const Columns *columns,
            JmKind         kind,
            GListModel    *list,
            JmMap         *map,
            GValue        *values,
            GString       *cell)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);

      write_row (out, columns, kind, object, map, values, cell);
    }
}

/* Each round, then its votes: those for touchpoints the map still has,
 * as the .journey writer keeps them. */
static void
write_votes (GString       *out,
             const Columns *columns,
             JmMap         *map,
             GValue        *values,
             GString       *cell)
{
  GListModel *rounds = jm_votes_get_rounds (jm_map_get_votes (map));

  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(JmVoteRound) round = g_list_model_get_item (rounds, r);

      write_row (out, columns, JM_KIND_ROUND, round, map, values, cell);
      for (guint i = 0; i < jm_vote_round_get_n_votes (round); i++)
        {
          JmInterchangeVote vote = { jm_vote_round_get_id (round) };
          char count[16];
          int dots;

          jm_vote_round_get_vote (round, i, &vote.touchpoint, &vote.voter, &dots);
          if (jm_map_lookup_touchpoint (map, vote.touchpoint) == NULL)
            continue;
          g_snprintf (count, sizeof count, "%d", dots);
          vote.count = count;
          write_row (out, columns, JM_KIND_VOTE, &vote, map, values, cell);
        }
    }
}

/**
 * jm_interchange_write_csv:
 *
 * Returns: (transfer full): the whole map as CSV
 */
GBytes *
jm_interchange_write_csv (JmMap *map)
{
  GString *out;
  g_autoptr(GString) cell = g_string_sized_new (4096);
  GValue values[JM_SCHEMA_N_TYPES] = { G_VALUE_INIT };
  Columns columns;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  /* About what the .journey file takes, without its markup. */
  out = g_string_sized_new (4096 + 512 * g_list_model_get_n_items (jm_map_get_touchpoints (map)));
  columns_init (&columns);
  g_string_append (out, BOM);
  for (guint c = 0; c < columns.names->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      put_cell (out, g_ptr_array_index (columns.names, c), FALSE);
    }
  g_string_append (out, "\r\n");

  write_row (out, &columns, JM_KIND_MAP, map, map, values, cell);
  write_list (out, &columns, JM_KIND_STAGE, jm_map_get_stages (map), map, values, cell);
  write_list (out, &columns, JM_KIND_PERSONA, jm_map_get_personas (map), map, values, cell);
  write_list (out, &columns, JM_KIND_TOUCHPOINT, jm_map_get_touchpoints (map), map, values, cell);
  write_votes (out, &columns, map, values, cell);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  columns_clear (&columns);
  return g_string_free_to_bytes (out);
}

/* Reading */

typedef struct
{
  JmMap       *map;
  JmProblems   problems;
  int          code;

  /* The header: per column, the field of each kind it is (-1: none). */
  guint        n_columns;
  int         *column_field[JM_N_KINDS];
  gboolean     header_seen;
  gboolean     fatal;              /* the header is wrong: rows cannot be read */
  gboolean     map_row_seen;
  GHashTable  *seen[JM_N_KINDS];   /* id -> line */
  GHashTable  *touchpoint_lines;   /* JmTouchpoint -> line, for the references */

  /* One record: its cells, and where it starts. */
  GPtrArray   *cells;
  int          line;
  GPtrArray   *header;             /* the column names */
} Reader;

static void problem (Reader *self, int line, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
problem (Reader     *self,
         int         line,
         const char *format,
         ...)
{
  g_autofree char *prefix = g_strdup_printf ("%s:%d", self->problems.name, line);
  va_list args;

  va_start (args, format);
  _jm_problems_addv (&self->problems, prefix, format, args);
  va_end (args);
}

static const char *
unescape_formula (const char *cell)
{
  if (cell[0] == '\'' && (is_formula_start (cell[1]) || cell[1] == '\''))
    return cell + 1;
  return cell;
}

static gboolean
read_header (Reader *self)
{
  const JmInterchangeField *fields;
  guint n_fields;
  gboolean ok = TRUE;

  /* Spreadsheets in languages with a decimal comma write semicolons. */
  if (self->cells->len == 1 && strchr (g_ptr_array_index (self->cells, 0), ';') != NULL)
    {
      problem (self, self->line, "%s",
               _("the cells are separated by semicolons: save the spreadsheet as CSV with commas"));
      return FALSE;
    }

  fields = _jm_interchange_fields (&n_fields);
  self->n_columns = self->cells->len;
  for (guint k = 0; k < JM_N_KINDS; k++)
    {
      self->column_field[k] = g_new (int, self->n_columns);
      for (guint c = 0; c < self->n_columns; c++)
        self->column_field[k][c] = -1;
    }

  for (guint c = 0; c < self->n_columns; c++)
    {
      const char *name = g_strstrip ((char *) g_ptr_array_index (self->cells, c));
      gboolean known = g_str_equal (name, "kind");

      for (guint d = 0; d < c; d++)
        if (g_str_equal (name, g_ptr_array_index (self->cells, d)))
          {
            problem (self, self->line, _("the column “%s” comes twice"), name);
            ok = FALSE;
          }
      for (guint i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].name, name))
          {
            self->column_field[fields[i].kind][c] = (int) i;
            known = TRUE;
          }
      if (!known)
        {
          problem (self, self->line, _("the column “%s” is not a field of a map"), name);
          ok = FALSE;
        }
    }
  if (!g_ptr_array_find_with_equal_func (self->cells, "kind", g_str_equal, NULL) ||
      !g_ptr_array_find_with_equal_func (self->cells, "id", g_str_equal, NULL))
    {
      problem (self, self->line, "%s", _("the first row must name the columns, with “kind” and “id” among them"));
      ok = FALSE;
    }
  self->header = g_ptr_array_copy (self->cells, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (self->header, g_free);
  self->header_seen = TRUE;
  return ok;
}

/* A list cell: one item a line, blank lines skipped. */
static GStrv
parse_list (const char *cell)
{
  g_auto(GStrv) lines = g_strsplit (cell, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      GString *item;

      if (*lines[i] == '\0' || g_str_equal (lines[i], "\r"))
        continue;
      item = g_string_new (NULL);
      for (const char *p = lines[i]; *p != '\0'; p++)
        {
          if (*p == '\r' && p[1] == '\0')
            break;
          if (*p != '\\' || p[1] == '\0')
            {
              g_string_append_c (item, *p);
              continue;
            }
          p++;
          switch (*p)
            {
            case '\\': g_string_append_c (item, '\\'); break;
            case 'n': g_string_append_c (item, '\n'); break;
            case 'r': g_string_append_c (item, '\r'); break;
            case 'e': break;
            default: g_string_append_c (item, '\\'); g_string_append_c (item, *p); break;
            }
        }
      g_strv_builder_add (builder, item->str);
      g_string_free (item, TRUE);
    }
  return g_strv_builder_end (builder);
}

static gboolean
set_list (Reader                   *self,
          const JmInterchangeField *field,
          gpointer                  object,
          const char               *cell)
{
  g_auto(GStrv) items = parse_list (cell);
  GValue value = G_VALUE_INIT;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      if (!_jm_interchange_check_text (items[i], &message))
        {
          problem (self, self->line, "%s: %s", field->name, message);
          return FALSE;
        }
      if (field->field->type == JM_SCHEMA_ID_LIST && !_jm_interchange_is_valid_id (items[i]))
        {
          problem (self, self->line, _("%s: “%s” is not an id"), field->name, items[i]);
          return FALSE;
        }
    }
  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, g_steal_pointer (&items));
  _jm_file_schema_set_value (field->field, object, &value);
  g_value_unset (&value);
  return TRUE;
}

static gboolean
set_cell (Reader                   *self,
          const JmInterchangeField *field,
          gpointer                  object,
          const char               *cell,
          const char              **picture,
          const char              **picture_type)
{
  g_autofree char *message = NULL;
  GValue value = G_VALUE_INIT;

  switch (field->special)
    {
    case JM_SPECIAL_ID:
      return TRUE;
    case JM_SPECIAL_STAGE:
    case JM_SPECIAL_LANE:
      if (!_jm_interchange_is_valid_id (cell))
        {
          problem (self, self->line, _("the %s “%s” of touchpoint “%s” is not an id"), field->name,
                   cell, jm_touchpoint_get_id (object));
          return FALSE;
        }
      if (field->special == JM_SPECIAL_STAGE)
        jm_touchpoint_set_stage_id (object, cell);
      else
        jm_touchpoint_set_lane_id (object, cell);
      return TRUE;
    case JM_SPECIAL_PICTURE:
      *picture = cell;
      return TRUE;
    case JM_SPECIAL_PICTURE_TYPE:
      *picture_type = cell;
      return TRUE;
    case JM_SPECIAL_VOTE_ROUND:
    case JM_SPECIAL_VOTE_TOUCHPOINT:
    case JM_SPECIAL_VOTE_VOTER:
    case JM_SPECIAL_VOTE_COUNT:
      g_assert_not_reached ();
    case JM_SPECIAL_NONE:
    default:
      break;
    }

  if (field->field->type == JM_SCHEMA_STRV || field->field->type == JM_SCHEMA_ID_LIST)
    return set_list (self, field, object, cell);
  if (!_jm_interchange_parse (field, object, cell, &value, &message))
    {
      if (field->field->type == JM_SCHEMA_TEXT)
        problem (self, self->line, "%s: %s", field->name, message);
      else
        problem (self, self->line, "%s", message);
      return FALSE;
    }
  _jm_file_schema_set_value (field->field, object, &value);
  g_value_unset (&value);
  return TRUE;
}

static void
set_picture (Reader     *self,
             JmPersona  *persona,
             const char *data,
             const char *type)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  guchar *decoded;
  g_autofree char *reencoded = NULL;

  if (data == NULL && type == NULL)
    return;
  if (data == NULL || *data == '\0')
    {
      jm_persona_set_picture (persona, NULL, NULL);
      return;
    }
  if (type != NULL && *type != '\0' && !g_str_equal (type, "image/png") &&
      !g_str_equal (type, "image/jpeg"))
    {
      problem (self, self->line, _("the picture of persona “%s” is “%s”, but it must be image/png or image/jpeg"),
               jm_persona_get_id (persona), type);
      return;
    }
  decoded = g_base64_decode (data, &length);
  /* g_base64_decode() skips what is not base64: what it read must write
   * back as the same text. */
  reencoded = g_base64_encode (decoded, length);
  if (length == 0 || !g_str_equal (reencoded, data))
    {
      g_free (decoded);
      problem (self, self->line, _("the picture of persona “%s” is not valid base64 data"),
               jm_persona_get_id (persona));
      return;
    }
  bytes = g_bytes_new_take (decoded, length);
  jm_persona_set_picture (persona, bytes, type != NULL && *type != '\0' ? type : "image/png");
}

static gboolean
row_is_blank (GPtrArray *cells)
{
  return cells->len == 1 && *(const char *) g_ptr_array_index (cells, 0) == '\0';
}

/* Which kind the row is, and its object: found by id, or made. */
static gpointer
row_object (Reader *self,
            JmKind *kind)
{
  g_autofree char *kind_name = g_strstrip (g_strdup (g_ptr_array_index (self->cells, 0)));
  const JmInterchangeField *fields;
  guint n_fields;
  const char *id = "";
  gboolean created;
  int id_column = -1;
  gpointer line;

  if (!_jm_kind_from_name (kind_name, kind))
    {
      problem (self, self->line, _("the kind “%s” is none of map, stage, persona, touchpoint, round or vote"),
               kind_name);
      return NULL;
    }
  for (guint c = 1; c < self->n_columns; c++)
    if (self->column_field[*kind][c] < 0 && *(const char *) g_ptr_array_index (self->cells, c) != '\0')
      {
        problem (self, self->line, _("the column “%s” is not a field of a %s, but it holds “%s”"),
                 (const char *) g_ptr_array_index (self->header, c), kind_name,
                 (const char *) g_ptr_array_index (self->cells, c));
        return NULL;
      }

  if (*kind == JM_KIND_MAP)
    {
      if (self->map_row_seen)
        {
          problem (self, self->line, "%s", _("a second row of kind map: a file holds one map"));
          return NULL;
        }
      self->map_row_seen = TRUE;
      return self->map;
    }
  if (*kind == JM_KIND_VOTE)
    return self->map;

  fields = _jm_interchange_fields (&n_fields);
  for (guint c = 0; c < self->n_columns; c++)
    if (self->column_field[*kind][c] >= 0 && fields[self->column_field[*kind][c]].special == JM_SPECIAL_ID)
      id_column = (int) c;
  g_assert (id_column >= 0);
  id = g_ptr_array_index (self->cells, id_column);
  if (!_jm_interchange_is_valid_id (id))
    {
      problem (self, self->line, _("the %s id “%s” is not an id: a letter or _ first, then letters, digits, _ . or -, at most 64"),
               kind_name, id);
      return NULL;
    }
  line = g_hash_table_lookup (self->seen[*kind], id);
  if (line != NULL)
    {
      problem (self, self->line, _("%s “%s” is also on line %d"), kind_name, id,
               GPOINTER_TO_INT (line));
      return NULL;
    }
  g_hash_table_insert (self->seen[*kind], g_strdup (id), GINT_TO_POINTER (self->line));
  return _jm_interchange_ensure (self->map, *kind, id, &created);
}

/* A vote row: counted in its round, which came before it. */
static void
read_vote (Reader                   *self,
           const JmInterchangeField *fields)
{
  JmInterchangeVote vote = { NULL };
  g_autofree char *message = NULL;

  for (guint c = 1; c < self->n_columns; c++)
    {
      int f = self->column_field[JM_KIND_VOTE][c];
      const char *cell = g_ptr_array_index (self->cells, c);

      if (f < 0)
        continue;
      switch (fields[f].special)
        {
        case JM_SPECIAL_VOTE_ROUND: vote.round = cell; break;
        case JM_SPECIAL_VOTE_TOUCHPOINT: vote.touchpoint = cell; break;
        case JM_SPECIAL_VOTE_VOTER: vote.voter = unescape_formula (cell); break;
        case JM_SPECIAL_VOTE_COUNT: vote.count = cell; break;
        case JM_SPECIAL_NONE:
        case JM_SPECIAL_ID:
        case JM_SPECIAL_STAGE:
        case JM_SPECIAL_LANE:
        case JM_SPECIAL_PICTURE:
        case JM_SPECIAL_PICTURE_TYPE:
        default:
          g_assert_not_reached ();
        }
    }
  if (!_jm_interchange_add_vote (self->map, self->seen[JM_KIND_ROUND], &vote, &message))
    problem (self, self->line, "%s", message);
}

static void
read_row (Reader *self)
{
  const JmInterchangeField *fields;
  guint n_fields;
  const char *picture = NULL;
  const char *picture_type = NULL;
  gpointer object;
  JmKind kind;

  if (row_is_blank (self->cells))
    return;
  if (!self->header_seen)
    {
      self->fatal = !read_header (self);
      return;
    }
  if (self->cells->len != self->n_columns)
    {
      problem (self, self->line, _("the row has %u cells, but the first row names %u columns"),
               self->cells->len, self->n_columns);
      return;
    }

  object = row_object (self, &kind);
  if (object == NULL)
    return;
  fields = _jm_interchange_fields (&n_fields);
  if (kind == JM_KIND_VOTE)
    {
      read_vote (self, fields);
      return;
    }
  for (guint c = 1; c < self->n_columns; c++)
    {
      int f = self->column_field[kind][c];
      const char *cell = g_ptr_array_index (self->cells, c);

      if (f < 0)
        continue;
      if (fields[f].field == NULL || (fields[f].field->type != JM_SCHEMA_INT &&
                                      fields[f].field->type != JM_SCHEMA_DECIMAL &&
                                      fields[f].field->type != JM_SCHEMA_BOOLEAN))
        cell = unescape_formula (cell);
      if (!set_cell (self, &fields[f], object, cell, &picture, &picture_type))
        return;
    }
  if (kind == JM_KIND_PERSONA)
    set_picture (self, object, picture, picture_type);
  if (kind == JM_KIND_TOUCHPOINT)
    g_hash_table_insert (self->touchpoint_lines, object, GINT_TO_POINTER (self->line));
}

/* One quoted cell from @p (after its opening quote) into the record;
 * the text after its closing quote, or NULL when it has none. Runs
 * between quotes are copied whole: notes can be long. */
static const char *
quoted_cell (GString    *record,
             gsize       start,
             const char *p,
             const char *end,
             int        *line)
{
  for (;;)
    {
      const char *quote = memchr (p, '"', (gsize) (end - p));
      const char *stop = quote != NULL ? quote : end;

      for (const char *q = memchr (p, '\n', (gsize) (stop - p)); q != NULL;
           q = memchr (q + 1, '\n', (gsize) (stop - q - 1)))
        (*line)++;
      g_string_append_len (record, p, stop - p);
      if (record->len - start > JM_INTERCHANGE_MAX_TEXT || quote == NULL)
        return NULL;
      if (quote + 1 < end && quote[1] == '"')
        {
          g_string_append_c (record, '"');
          p = quote + 2;
          continue;
        }
      return quote + 1;
    }
}

/* RFC 4180, and what spreadsheets write besides: LF or CRLF line ends,
 * quotes only where needed. @data is valid UTF-8. The cells of a record
 * are kept in one buffer, each ending in a NUL: a 20,000-card map has
 * some 700,000 of them. */
static gboolean
parse (Reader     *self,
       const char *data,
       gsize       length)
{
  g_autoptr(GString) record = g_string_sized_new (4096);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = data;
  const char *end = data + length;
  int line = 1;

  while (p < end)
    {
      gboolean record_end = FALSE;

      self->line = line;
      g_string_truncate (record, 0);
      g_array_set_size (starts, 0);
      while (!record_end)
        {
          gsize start = record->len;

          g_array_append_val (starts, start);
          if (p < end && *p == '"')
            {
              int quote_line = line;

              p = quoted_cell (record, start, p + 1, end, &line);
              if (p == NULL && record->len - start > JM_INTERCHANGE_MAX_TEXT)
                goto too_long;
              if (p == NULL)
                {
                  problem (self, quote_line, "%s", _("a quoted cell is not closed: a quote is missing"));
                  return FALSE;
                }
              if (p < end && *p != ',' && *p != '\n' && *p != '\r')
                {
                  problem (self, line, "%s", _("text follows the closing quote of a cell"));
                  return FALSE;
                }
            }
          else
            {
              const char *cell_start = p;

              while (p < end && *p != ',' && *p != '\n' && *p != '\r')
                p++;
              if ((gsize) (p - cell_start) > JM_INTERCHANGE_MAX_TEXT)
                goto too_long;
              g_string_append_len (record, cell_start, p - cell_start);
            }
          g_string_append_c (record, '\0');
          if (p >= end)
            record_end = TRUE;
          else if (*p == ',')
            p++;
          else
            {
              if (*p == '\r' && p + 1 < end && p[1] == '\n')
                p++;
              p++;
              line++;
              record_end = TRUE;
            }
        }
      /* The buffer is complete: pointers into it stay valid. */
      g_ptr_array_set_size (self->cells, 0);
      for (guint i = 0; i < starts->len; i++)
        g_ptr_array_add (self->cells, record->str + g_array_index (starts, gsize, i));
      read_row (self);
      if (self->fatal)
        return FALSE;
    }
  return TRUE;

too_long:
  {
    g_autofree char *limit = g_format_size (JM_INTERCHANGE_MAX_TEXT);

    problem (self, line, _("a cell is longer than the limit of %s"), limit);
    self->code = JM_FILE_ERROR_TOO_LARGE;
    return FALSE;
  }
}

static int
line_of (const char *data,
         const char *at)
{
  int line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* Encodings a spreadsheet may have saved in, other than UTF-8. */
static gboolean
check_encoding (Reader     *self,
                const char *data,
                gsize       length)
{
  const char *bad = NULL;

  if (length >= 2 && ((guchar) data[0] == 0xff || (guchar) data[0] == 0xfe) &&
      ((guchar) data[1] == 0xfe || (guchar) data[1] == 0xff))
    {
      problem (self, 1, "%s", _("the file is UTF-16: save it as CSV in UTF-8"));
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      problem (self, line_of (data, memchr (data, '\0', length)), "%s",
               _("the file holds a NUL byte: it is not a text file"));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &bad))
    {
      problem (self, line_of (data, bad), "%s",
               _("the text is not UTF-8: save the spreadsheet as CSV in UTF-8"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  int   line;
  char *message;
} LineMessage;

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const LineMessage *x = a, *y = b;

  return x->line < y->line ? -1 : x->line > y->line;
}

static void
check_references (Reader *self)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (LineMessage));
  GHashTableIter iter;
  gpointer touchpoint, line;

  g_hash_table_iter_init (&iter, self->touchpoint_lines);
  while (g_hash_table_iter_next (&iter, &touchpoint, &line))
    {
      LineMessage m = { GPOINTER_TO_INT (line),
                        _jm_interchange_check_references (self->map, touchpoint) };

      if (m.message != NULL)
        g_array_append_val (found, m);
    }
  g_hash_table_iter_init (&iter, self->seen[JM_KIND_ROUND]);
  while (g_hash_table_iter_next (&iter, &touchpoint, &line))
    {
      JmVoteRound *round = jm_votes_lookup_round (jm_map_get_votes (self->map), touchpoint);
      LineMessage m = { GPOINTER_TO_INT (line),
                        round != NULL ? _jm_interchange_check_votes (self->map, round) : NULL };

      if (m.message != NULL)
        g_array_append_val (found, m);
    }
  /* In line order, so that the messages read down the file. */
  g_array_sort (found, compare_lines);
  for (guint i = 0; i < found->len; i++)
    {
      LineMessage *m = &g_array_index (found, LineMessage, i);

      problem (self, m->line, "%s", m->message);
      g_free (m->message);
    }
}

/**
 * jm_interchange_read_csv:
 * @map: the map to change
 * @contents: the CSV
 * @display_name: the file's name in messages
 *
 * Returns: %TRUE if every row was read; else @map is half changed
 */
gboolean
jm_interchange_read_csv (JmMap       *map,
                         GBytes      *contents,
                         const char  *display_name,
                         GError     **error)
{
  Reader self = { 0 };
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gboolean ok;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  self.map = map;
  _jm_problems_init (&self.problems, display_name);
  self.code = JM_FILE_ERROR_INVALID;
  self.cells = g_ptr_array_new ();
  self.touchpoint_lines = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < JM_N_KINDS; k++)
    self.seen[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (data == NULL)
    data = "";
  if (length > JM_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (JM_FILE_MAX_SIZE);

      problem (&self, 1, _("the file is larger than the limit of %s"), limit);
      self.code = JM_FILE_ERROR_TOO_LARGE;
    }
  else if (check_encoding (&self, data, length))
    {
      if (length >= 3 && memcmp (data, BOM, 3) == 0)
        parse (&self, data + 3, length - 3);
      else
        parse (&self, data, length);
      if (!self.header_seen && self.problems.count == 0)
        problem (&self, 1, "%s", _("the file is empty"));
      if (self.problems.count == 0)
        check_references (&self);
    }

  ok = _jm_problems_finish (&self.problems, self.code, error);
  g_ptr_array_unref (self.cells);
  g_clear_pointer (&self.header, g_ptr_array_unref);
  g_hash_table_unref (self.touchpoint_lines);
  for (guint k = 0; k < JM_N_KINDS; k++)
    {
      g_free (self.column_field[k]);
      g_hash_table_unref (self.seen[k]);
    }
  return ok;
}
