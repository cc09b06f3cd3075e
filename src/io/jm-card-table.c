/* jm-card-table.c: cards from the rows of any table (CSV, tab-separated)
 *
 * A spreadsheet's rows pasted on the board, a whiteboard tool's sticky
 * notes exported as CSV, a survey's answers: each is a table whose
 * columns someone maps to a card's fields. This reads the table (cells in
 * double quotes may hold separators, line breaks and doubled quotes, as
 * RFC 4180 writes them), guesses a field from a column's header, and
 * makes one card per row. A value that does not fit its field is named
 * with its line; the caller decides whether the card still comes.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jm-card-table.h"

#define MAX_PROBLEMS 10

static const struct
{
  const char *id;
  const char *label;
} fields[JM_N_CARD_FIELDS] = {
  { "title", N_("Title") },
  { "stage", N_("Stage") },
  { "lane", N_("Lane") },
  { "emotion", N_("Emotion") },
  { "channel", N_("Channel") },
  { "teams", N_("Teams") },
  { "notes", N_("Notes") },
  { "responsiveness", N_("Responsiveness") },
  { "convenience", N_("Convenience") },
  { "reliability", N_("Reliability") },
  { "relevance", N_("Relevance") },
  { "id", N_("Id") },
  { "links", N_("Links") },
  { "kind", N_("Kind") },
};

/* Headers other tools give the text of a note or an answer. */
static const char *title_words[] = {
  "text", "content", "idea", "card", "sticky", "sticky note", "note text", "comment",
  "response", "answer", "summary", "subject", "touchpoint", NULL,
};

const char *
jm_card_field_get_id (JmCardField field)
{
  g_return_val_if_fail (field >= 0 && field < JM_N_CARD_FIELDS, NULL);
  return fields[field].id;
}

const char *
jm_card_field_get_label (JmCardField field)
{
  g_return_val_if_fail (field >= 0 && field < JM_N_CARD_FIELDS, NULL);
  return _(fields[field].label);
}

/**
 * jm_card_field_from_header:
 * @header: a column's header
 *
 * The field a column most likely holds, by its header: a field's own name
 * in English or in the app's language, "persona" for the lane, and the
 * words other tools use for the text of a note.
 *
 * Returns: the field, or %JM_CARD_FIELD_NONE
 */
JmCardField
jm_card_field_from_header (const char *header)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, JM_CARD_FIELD_NONE);

  name = g_utf8_strdown (header, -1);
  g_strstrip (name);
  for (int f = 0; f < JM_N_CARD_FIELDS; f++)
    {
      g_autofree char *label = g_utf8_strdown (_(fields[f].label), -1);

      if (g_str_equal (name, fields[f].id) || g_str_equal (name, label))
        return f;
    }
  if (g_str_equal (name, "persona"))
    return JM_CARD_FIELD_LANE;
  if (g_str_equal (name, "note"))
    return JM_CARD_FIELD_TITLE;
  if (g_strv_contains (title_words, name))
    return JM_CARD_FIELD_TITLE;
  return JM_CARD_FIELD_NONE;
}

/**
 * jm_card_table_guess_separator:
 *
 * Returns: the separator of @text's first line: a tab, a semicolon or a
 *   comma, whichever it holds most of outside quotes; a comma when none
 */
char
jm_card_table_guess_separator (const char *text)
{
  guint tabs = 0, semicolons = 0, commas = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        {
          tabs += *p == '\t';
          semicolons += *p == ';';
          commas += *p == ',';
        }
    }
  if (tabs > 0 && tabs >= semicolons && tabs >= commas)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

/* The cells of one row from @p; moves @p past the row's line break and
 * counts the lines it passes in @line. */
static char **
read_row (const char **p,
          char         separator,
          guint       *line)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  const char *s = *p;

  for (;;)
    {
      g_autoptr(GString) cell = g_string_new (NULL);

      if (*s == '"')
        {
          for (s++; *s != '\0'; s++)
            {
              if (*s == '"' && s[1] == '"')
                g_string_append_c (cell, *s++);
              else if (*s == '"')
                {
                  s++;
                  break;
                }
              else
                {
                  *line += *s == '\n';
                  g_string_append_c (cell, *s);
                }
            }
        }
      while (*s != '\0' && *s != separator && *s != '\n' && *s != '\r')
        g_string_append_c (cell, *s++);
      g_strv_builder_add (cells, cell->str);
      if (*s == separator)
        {
          s++;
          continue;
        }
      if (*s == '\r')
        s++;
      if (*s == '\n')
        s++;
      (*line)++;
      break;
    }
  *p = s;
  return g_strv_builder_end (cells);
}

static gboolean
row_is_blank (char **cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *copy = g_strstrip (g_strdup (cells[i]));

      if (*copy != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
row_free (gpointer data)
{
  JmCardRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

/**
 * jm_card_table_read:
 * @separator: between cells: ',', ';' or '\t'
 * @max_rows: at most this many rows are read
 *
 * Reads the rows of @text, blank rows left out.
 *
 * Returns: (transfer full) (element-type JmCardRow): the rows
 */
GPtrArray *
jm_card_table_read (const char *text,
                    char        separator,
                    guint       max_rows)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  const char *p = text;
  guint line = 1;

  g_return_val_if_fail (text != NULL, rows);

  while (*p != '\0' && rows->len < max_rows)
    {
      guint row_line = line;
      char **cells = read_row (&p, separator, &line);

      if (row_is_blank (cells))
        {
          g_strfreev (cells);
          continue;
        }
      {
        JmCardRow *row = g_new (JmCardRow, 1);

        row->line = row_line;
        row->cells = cells;
        g_ptr_array_add (rows, row);
      }
    }
  return rows;
}

/* A spreadsheet's text back from a cell written with an apostrophe before
 * what would run as a formula. */
static char *
cell_value (const char *cell)
{
  char *value = g_strstrip (g_strdup (cell));

  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@", value[1]) != NULL)
    memmove (value, value + 1, strlen (value));
  return value;
}

static char **
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

typedef struct
{
  GString *text;
  guint    count;
} Problems;

static void
add_problem (Problems   *problems,
             const char *message)
{
  if (++problems->count > MAX_PROBLEMS)
    return;
  if (problems->text->len > 0)
    g_string_append_c (problems->text, '\n');
  g_string_append (problems->text, message);
}

static void
problem (Problems    *problems,
         guint        line,
         JmCardField  field,
         const char  *value)
{
  /* Translators: a value in imported or pasted rows that does not fit;
   * the first %s is a column's field, such as "emotion". */
  g_autofree char *message = g_strdup_printf (_("line %u: the %s “%s” is not understood"),
                                              line, fields[field].id, value);

  add_problem (problems, message);
}

static void
set_number (JmCardImport *import,
            JmCardField   field,
            const char   *value,
            Problems     *problems)
{
  char *end = NULL;
  gint64 n = g_ascii_strtoll (value, &end, 10);
  gboolean emotion = field == JM_CARD_FIELD_EMOTION;
  int min = emotion ? JM_EMOTION_MIN : JM_RATING_MIN;
  int max = emotion ? JM_EMOTION_MAX : JM_RATING_MAX;

  if (end == value || *end != '\0' || n < min || n > max)
    problem (problems, import->line, field, value);
  else if (emotion)
    jm_touchpoint_set_emotion (import->card, (int) n);
  else
    jm_touchpoint_set_rating (import->card, (JmMeasure) (field - JM_CARD_FIELD_RESPONSIVENESS), (int) n);
}

/* A card template's kind, by its id or its name in any case: "Pain point",
 * "pain-point" and "PAIN POINT" are one kind. */
static void
set_kind (JmCardImport *import,
          const char   *value,
          Problems     *problems)
{
  g_autofree char *wanted = g_utf8_casefold (value, -1);
  const JmCardKindInfo *kinds;
  guint n_kinds;

  kinds = jm_card_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autofree char *label = g_utf8_casefold (_(kinds[k].label), -1);
      g_autofree char *english = g_utf8_casefold (kinds[k].label, -1);
      g_autofree char *id = g_strdelimit (g_strdup (kinds[k].id), "-", ' ');

      if (g_str_equal (wanted, kinds[k].id) || g_str_equal (wanted, label) || g_str_equal (wanted, english) ||
          g_str_equal (wanted, id))
        {
          jm_touchpoint_set_kind (import->card, kinds[k].id);
          return;
        }
    }
  problem (problems, import->line, JM_CARD_FIELD_KIND, value);
}

static void
set_field (JmCardImport *import,
           JmCardField   field,
           const char   *value,
           Problems     *problems)
{
  g_auto(GStrv) items = NULL;

  switch (field)
    {
    case JM_CARD_FIELD_TITLE:
      jm_touchpoint_set_title (import->card, value);
      break;
    case JM_CARD_FIELD_CHANNEL:
      jm_touchpoint_set_channel (import->card, value);
      break;
    case JM_CARD_FIELD_NOTES:
      jm_touchpoint_set_notes (import->card, value);
      break;
    case JM_CARD_FIELD_STAGE:
      g_free (import->stage);
      import->stage = g_strdup (value);
      break;
    case JM_CARD_FIELD_LANE:
      g_free (import->lane);
      import->lane = g_strdup (value);
      break;
    case JM_CARD_FIELD_TEAMS:
      items = split_list (value);
      jm_touchpoint_set_teams (import->card, (const char * const *) items);
      break;
    case JM_CARD_FIELD_LINKS:
      items = split_list (value);
      jm_touchpoint_set_links (import->card, (const char * const *) items);
      break;
    case JM_CARD_FIELD_EMOTION:
    case JM_CARD_FIELD_RESPONSIVENESS:
    case JM_CARD_FIELD_CONVENIENCE:
    case JM_CARD_FIELD_RELIABILITY:
    case JM_CARD_FIELD_RELEVANCE:
      set_number (import, field, value, problems);
      break;
    case JM_CARD_FIELD_KIND:
      set_kind (import, value, problems);
      break;
    case JM_CARD_FIELD_ID:
    case JM_CARD_FIELD_NONE:
    case JM_N_CARD_FIELDS:
    default:
      break;
    }
}

static void
import_free (gpointer data)
{
  JmCardImport *import = data;

  g_object_unref (import->card);
  g_free (import->stage);
  g_free (import->lane);
  g_free (import);
}

/* The id a row had, so that links between the rows can follow them; a row
 * with none gets one of its own. */
static char *
row_id (const JmCardRow   *row,
        const JmCardField *columns,
        guint              n_columns,
        guint              n_cards)
{
  for (guint i = 0; row->cells[i] != NULL && i < n_columns; i++)
    if (columns[i] == JM_CARD_FIELD_ID)
      {
        g_autofree char *id = cell_value (row->cells[i]);

        if (*id != '\0')
          return g_steal_pointer (&id);
      }
  return g_strdup_printf ("row-%u", n_cards + 1);
}

/**
 * jm_card_table_to_cards:
 * @rows: (element-type JmCardRow): rows from jm_card_table_read()
 * @first_row: the first row that holds a card (1 when the first holds
 *   the columns' names)
 * @columns: (array length=n_columns): the field each column fills
 * @problems: (out) (optional) (nullable): values that do not fit their
 *   field, one a line with its line number; %NULL when there were none
 *
 * One card a row; a row that fills no title is left out. Cards have no
 * stage or lane yet: the names the rows gave are beside them.
 *
 * Returns: (transfer full) (element-type JmCardImport): the cards
 */
GPtrArray *
jm_card_table_to_cards (GPtrArray         *rows,
                        guint              first_row,
                        const JmCardField *columns,
                        guint              n_columns,
                        char             **problems)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func (import_free);
  Problems found = { g_string_new (NULL), 0 };

  for (guint r = first_row; r < rows->len; r++)
    {
      const JmCardRow *row = g_ptr_array_index (rows, r);
      g_autofree char *id = row_id (row, columns, n_columns, cards->len);
      JmCardImport *import = g_new0 (JmCardImport, 1);

      import->line = row->line;
      import->card = jm_touchpoint_new (id, "", "", NULL);
      for (guint i = 0; row->cells[i] != NULL && i < n_columns; i++)
        {
          g_autofree char *value = cell_value (row->cells[i]);

          if (columns[i] != JM_CARD_FIELD_NONE && *value != '\0')
            set_field (import, columns[i], value, &found);
        }
      if (*jm_touchpoint_get_title (import->card) == '\0')
        {
          /* Translators: a row of imported or pasted rows that gives no card. */
          g_autofree char *message = g_strdup_printf (_("line %u: the row has no title"), row->line);

          add_problem (&found, message);
          import_free (import);
          continue;
        }
      g_ptr_array_add (cards, import);
    }
  if (found.count > MAX_PROBLEMS)
    {
      g_string_append_c (found.text, '\n');
      g_string_append_printf (found.text,
                              /* Translators: after a list of values that do not fit. */
                              g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                           found.count - MAX_PROBLEMS),
                              found.count - MAX_PROBLEMS);
    }
  if (problems != NULL)
    *problems = found.text->len > 0 ? g_strdup (found.text->str) : NULL;
  g_string_free (found.text, TRUE);
  return cards;
}
