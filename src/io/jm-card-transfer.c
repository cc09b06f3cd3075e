/* jm-card-transfer.c: cards on the clipboard, between maps and other apps
 *
 * Copied cards travel in two forms at once. Between two maps they go as
 * the map's JSON (docs/interchange.md), holding only the cards and the
 * stages and lanes they sit in, so that every field and the links between
 * them arrive. To a spreadsheet they go as tab-separated rows with a
 * header; from a spreadsheet or any other app, rows with a header naming
 * a "title" column come back as cards with the fields the header names,
 * and any other text becomes one card per line.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jm-card-transfer.h"
#include "jm-edits.h"
#include "jm-interchange.h"

/* No more cards from one paste than a map is sensible to hold at once. */
#define MAX_CARDS 5000
#define MAX_PROBLEMS 10

typedef enum {
  COLUMN_TITLE,
  COLUMN_STAGE,
  COLUMN_LANE,
  COLUMN_EMOTION,
  COLUMN_CHANNEL,
  COLUMN_TEAMS,
  COLUMN_NOTES,
  COLUMN_RESPONSIVENESS,
  COLUMN_CONVENIENCE,
  COLUMN_RELIABILITY,
  COLUMN_RELEVANCE,
  COLUMN_ID,
  COLUMN_LINKS,
  N_COLUMNS
} Column;

/* The header a spreadsheet gets, and the names a pasted header may use. */
static const char *column_names[N_COLUMNS] = {
  "title", "stage", "lane", "emotion", "channel", "teams", "notes",
  "responsiveness", "convenience", "reliability", "relevance", "id", "links",
};

/* ---------------------------------------------------------------- JSON */

/**
 * jm_card_transfer_write_json:
 * @cards: (element-type JmTouchpoint): cards of @map
 *
 * The cards with every field, and the stages and lanes they are in, as a
 * map in the interchange JSON.
 *
 * Returns: (transfer full): the JSON
 */
GBytes *
jm_card_transfer_write_json (JmMap     *map,
                             GPtrArray *cards)
{
  g_autoptr(JmMap) part = jm_map_new ();

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  jm_map_set_title (part, jm_map_get_title (map));
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *card = g_ptr_array_index (cards, i);
      const char *stage_id = jm_touchpoint_get_stage_id (card);
      const char *lane_id = jm_touchpoint_get_lane_id (card);
      JmStage *stage = jm_map_lookup_stage (map, stage_id);
      JmPersona *persona = jm_map_lookup_persona (map, lane_id);

      if (jm_map_lookup_stage (part, stage_id) == NULL)
        {
          g_autoptr(JmStage) copy = jm_stage_new (stage_id, stage != NULL ? jm_stage_get_name (stage) : stage_id);

          jm_map_append_stage (part, copy);
        }
      if (jm_map_lookup_persona (part, lane_id) == NULL)
        {
          g_autoptr(JmPersona) copy = jm_persona_new (lane_id, persona != NULL ? jm_persona_get_name (persona) : lane_id);

          jm_map_append_persona (part, copy);
        }
      {
        g_autoptr(JmTouchpoint) copy = jm_edits_clone_touchpoint (card, jm_touchpoint_get_id (card));

        jm_map_append_touchpoint (part, copy);
      }
    }
  return jm_interchange_write_json (part);
}

/**
 * jm_card_transfer_read_json:
 *
 * Reads cards written by jm_card_transfer_write_json(), from this map or
 * another; their links lead to each other by the ids they had.
 *
 * Returns: (transfer container) (element-type JmTouchpoint) (nullable):
 *   the cards, or %NULL with @error set when @bytes is not such JSON
 */
GPtrArray *
jm_card_transfer_read_json (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(JmMap) part = jm_map_new ();
  GListModel *touchpoints;
  GPtrArray *cards;
  guint n;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!jm_interchange_read_json (part, bytes, _("the clipboard"), error))
    return NULL;
  touchpoints = jm_map_get_touchpoints (part);
  n = MIN (g_list_model_get_n_items (touchpoints), MAX_CARDS);
  cards = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cards, g_list_model_get_item (touchpoints, i));
  return cards;
}

/* ---------------------------------------------------------------- TSV */

/* A spreadsheet cell holds no tab or line break of its own here, and a
 * text that a spreadsheet would run as a formula starts with an
 * apostrophe, as in the CSV export. */
static void
put_cell (GString    *out,
          const char *text,
          gboolean    textual)
{
  if (text == NULL)
    return;
  if (textual && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

static void
put_list (GString            *out,
          const char * const *items)
{
  g_autofree char *joined = NULL;

  if (items == NULL || items[0] == NULL)
    return;
  joined = g_strjoinv (", ", (char **) items);
  put_cell (out, joined, TRUE);
}

static void
put_number (GString *out,
            int      value,
            int      unset)
{
  if (value != unset)
    g_string_append_printf (out, "%d", value);
}

/**
 * jm_card_transfer_write_tsv:
 * @cards: (element-type JmTouchpoint): cards of @map
 *
 * The cards as rows for a spreadsheet: a header, then one row per card,
 * stages and lanes by name.
 *
 * Returns: (transfer full): the rows, each ending in a line break
 */
char *
jm_card_transfer_write_tsv (JmMap     *map,
                            GPtrArray *cards)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", column_names[c]);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *card = g_ptr_array_index (cards, i);
      JmStage *stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (card));
      JmPersona *persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (card));

      put_cell (out, jm_touchpoint_get_title (card), TRUE);
      g_string_append_c (out, '\t');
      put_cell (out, stage != NULL ? jm_stage_get_name (stage) : NULL, TRUE);
      g_string_append_c (out, '\t');
      put_cell (out, persona != NULL ? jm_persona_get_name (persona) : NULL, TRUE);
      g_string_append_c (out, '\t');
      put_number (out, jm_touchpoint_get_emotion (card), JM_EMOTION_UNSET);
      g_string_append_c (out, '\t');
      put_cell (out, jm_touchpoint_get_channel (card), TRUE);
      g_string_append_c (out, '\t');
      put_list (out, jm_touchpoint_get_teams (card));
      g_string_append_c (out, '\t');
      put_cell (out, jm_touchpoint_get_notes (card), TRUE);
      for (guint m = 0; m < JM_N_MEASURES; m++)
        {
          g_string_append_c (out, '\t');
          put_number (out, jm_touchpoint_get_rating (card, m), JM_RATING_UNSET);
        }
      g_string_append_c (out, '\t');
      put_cell (out, jm_touchpoint_get_id (card), TRUE);
      g_string_append_c (out, '\t');
      put_list (out, jm_touchpoint_get_links (card));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The cells of one row from @p, a spreadsheet's tab-separated text: a
 * cell in double quotes may hold tabs, line breaks and doubled quotes.
 * Moves @p past the row's line break. */
static GPtrArray *
read_row (const char **p)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const char *s = *p;

  for (;;)
    {
      GString *cell = g_string_new (NULL);

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
                g_string_append_c (cell, *s);
            }
        }
      while (*s != '\0' && *s != '\t' && *s != '\n' && *s != '\r')
        g_string_append_c (cell, *s++);
      g_ptr_array_add (cells, g_string_free (cell, FALSE));
      if (*s == '\t')
        {
          s++;
          continue;
        }
      if (*s == '\r')
        s++;
      if (*s == '\n')
        s++;
      break;
    }
  *p = s;
  return cells;
}

static gboolean
row_is_blank (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *copy = g_strstrip (g_strdup (g_ptr_array_index (cells, i)));

      if (*copy != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Which column each cell of a header names; FALSE when it names no title. */
static gboolean
read_header (GPtrArray *cells,
             int       *columns)
{
  gboolean title = FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *name = g_utf8_strdown (g_ptr_array_index (cells, i), -1);

      g_strstrip (name);
      columns[i] = -1;
      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (name, column_names[c]) ||
            (c == COLUMN_LANE && g_str_equal (name, "persona")))
          columns[i] = c;
      title |= columns[i] == COLUMN_TITLE;
    }
  return title;
}

/* A spreadsheet's text back from a cell written by put_cell(). */
static char *
cell_value (const char *cell)
{
  char *value = g_strstrip (g_strdup (cell));

  if (value[0] == '\'' && strchr ("=+-@", value[1]) != NULL && value[1] != '\0')
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

static void
problem (GString    *problems,
         guint      *n_problems,
         guint       line,
         const char *column,
         const char *value)
{
  if (++*n_problems > MAX_PROBLEMS)
    return;
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  /* Translators: a value in pasted rows that was left out; the first %s
   * is a column name such as "emotion". */
  g_string_append_printf (problems, _("line %u: the %s “%s” is not understood"), line, column, value);
}

static void
set_number (JmTouchpoint *card,
            Column        column,
            const char   *value,
            guint         line,
            GString      *problems,
            guint        *n_problems)
{
  char *end = NULL;
  gint64 n = g_ascii_strtoll (value, &end, 10);
  gboolean emotion = column == COLUMN_EMOTION;
  int min = emotion ? JM_EMOTION_MIN : JM_RATING_MIN;
  int max = emotion ? JM_EMOTION_MAX : JM_RATING_MAX;

  if (end == value || *end != '\0' || n < min || n > max)
    {
      problem (problems, n_problems, line, column_names[column], value);
      return;
    }
  if (emotion)
    jm_touchpoint_set_emotion (card, (int) n);
  else
    jm_touchpoint_set_rating (card, (JmMeasure) (column - COLUMN_RESPONSIVENESS), (int) n);
}

static void
set_column (JmTouchpoint *card,
            Column        column,
            const char   *value,
            guint         line,
            GString      *problems,
            guint        *n_problems)
{
  switch (column)
    {
    case COLUMN_TITLE:
      jm_touchpoint_set_title (card, value);
      break;
    case COLUMN_CHANNEL:
      jm_touchpoint_set_channel (card, value);
      break;
    case COLUMN_NOTES:
      jm_touchpoint_set_notes (card, value);
      break;
    case COLUMN_TEAMS:
    case COLUMN_LINKS:
      {
        g_auto(GStrv) items = split_list (value);

        if (column == COLUMN_TEAMS)
          jm_touchpoint_set_teams (card, (const char * const *) items);
        else
          jm_touchpoint_set_links (card, (const char * const *) items);
      }
      break;
    case COLUMN_EMOTION:
    case COLUMN_RESPONSIVENESS:
    case COLUMN_CONVENIENCE:
    case COLUMN_RELIABILITY:
    case COLUMN_RELEVANCE:
      set_number (card, column, value, line, problems, n_problems);
      break;
    case COLUMN_STAGE:
    case COLUMN_LANE:
    case COLUMN_ID:
    case N_COLUMNS:
    default:
      /* The card goes where it is pasted, and gets a fresh id there. */
      break;
    }
}

/* The id a pasted row had, so that links between the rows can follow
 * them; a row with none gets one of its own. */
static char *
row_id (GPtrArray *cells,
        const int *columns,
        guint      n_cards)
{
  for (guint i = 0; i < cells->len; i++)
    if (columns[i] == COLUMN_ID)
      {
        g_autofree char *id = cell_value (g_ptr_array_index (cells, i));

        if (*id != '\0')
          return g_steal_pointer (&id);
      }
  return g_strdup_printf ("pasted-%u", n_cards + 1);
}

static JmTouchpoint *
card_from_row (GPtrArray  *cells,
               const int  *columns,
               guint       n_cards,
               guint       line,
               GString    *problems,
               guint      *n_problems)
{
  g_autofree char *id = NULL;
  JmTouchpoint *card;

  if (columns == NULL)
    {
      /* No header: the first cell that says something is the title, the
       * rest of the row the notes. */
      g_autoptr(GString) notes = g_string_new (NULL);
      const char *title = NULL;

      for (guint i = 0; i < cells->len; i++)
        {
          g_autofree char *value = cell_value (g_ptr_array_index (cells, i));

          if (*value == '\0')
            continue;
          if (title == NULL)
            title = g_ptr_array_index (cells, i);
          else
            g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n" : "", value);
        }
      id = g_strdup_printf ("pasted-%u", n_cards + 1);
      card = jm_touchpoint_new (id, "", "", NULL);
      {
        g_autofree char *value = cell_value (title);

        jm_touchpoint_set_title (card, value);
      }
      if (notes->len > 0)
        jm_touchpoint_set_notes (card, notes->str);
      return card;
    }

  id = row_id (cells, columns, n_cards);
  card = jm_touchpoint_new (id, "", "", NULL);
  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *value = cell_value (g_ptr_array_index (cells, i));

      if (columns[i] >= 0 && *value != '\0')
        set_column (card, (Column) columns[i], value, line, problems, n_problems);
    }
  return card;
}

/**
 * jm_card_transfer_read_text:
 * @text: text from the clipboard
 * @problems: (out) (optional) (nullable): values that were left out, one
 *   per line with its line number; %NULL when there were none
 *
 * Cards from rows of a spreadsheet (tab-separated, with a header that
 * names a "title" column and any of the columns jm_card_transfer_write_tsv()
 * writes), or one card per line of any other text. Blank lines give no
 * card. A value that does not fit its field is left out and named in
 * @problems; the card still comes.
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the cards,
 *   with no stage or lane yet
 */
GPtrArray *
jm_card_transfer_read_text (const char  *text,
                            char       **problems)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) found = g_string_new (NULL);
  g_autofree int *columns = NULL;
  const char *p = text;
  guint n_problems = 0;
  guint n_columns = 0;
  guint line = 1;

  g_return_val_if_fail (text != NULL, cards);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_string_append (found, _("the text is not UTF-8"));
      if (problems != NULL)
        *problems = g_string_free (g_steal_pointer (&found), FALSE);
      return cards;
    }
  while (*p != '\0' && cards->len < MAX_CARDS)
    {
      const char *start = p;
      g_autoptr(GPtrArray) cells = read_row (&p);
      guint row_line = line;

      for (const char *q = start; q < p; q++)
        line += *q == '\n';
      if (row_is_blank (cells))
        continue;
      if (row_line == 1 && cells->len > 1)
        {
          columns = g_new (int, cells->len);
          n_columns = cells->len;
          if (read_header (cells, columns))
            continue;
          g_clear_pointer (&columns, g_free);
        }
      /* A ragged row: cells past the header's columns do not count. */
      if (columns != NULL && cells->len > n_columns)
        g_ptr_array_set_size (cells, n_columns);
      g_ptr_array_add (cards, card_from_row (cells, columns, cards->len, row_line,
                                             found, &n_problems));
    }
  if (n_problems > MAX_PROBLEMS)
    {
      g_string_append_c (found, '\n');
      g_string_append_printf (found,
                              /* Translators: after a list of values left out of pasted rows. */
                              g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                           n_problems - MAX_PROBLEMS),
                              n_problems - MAX_PROBLEMS);
    }
  if (problems != NULL)
    *problems = found->len > 0 ? g_string_free (g_steal_pointer (&found), FALSE) : NULL;
  return cards;
}
