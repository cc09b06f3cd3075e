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

#include "jm-card-table.h"
#include "jm-card-transfer.h"
#include "jm-edits.h"
#include "jm-interchange.h"

/* No more cards from one paste than a map is sensible to hold at once. */
#define MAX_CARDS 5000


/* ---------------------------------------------------------------- JSON */

/**
 * jm_card_transfer_part_map:
 * @cards: (element-type JmTouchpoint): cards of @map
 *
 * A map of only @cards, with every field, in the stages and lanes they
 * are in (in @map's order, lanes keeping their colour), under @map's
 * title: what is copied, and what a picture of a selection shows.
 *
 * Returns: (transfer full): the map
 */
JmMap *
jm_card_transfer_part_map (JmMap     *map,
                           GPtrArray *cards)
{
  JmMap *part = jm_map_new ();
  g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lanes = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *list;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  jm_map_set_title (part, jm_map_get_title (map));
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *card = g_ptr_array_index (cards, i);

      g_hash_table_add (stages, (gpointer) jm_touchpoint_get_stage_id (card));
      g_hash_table_add (lanes, (gpointer) jm_touchpoint_get_lane_id (card));
    }
  list = jm_map_get_stages (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (list, i);

      if (g_hash_table_contains (stages, jm_stage_get_id (stage)))
        {
          g_autoptr(JmStage) copy = jm_stage_new (jm_stage_get_id (stage), jm_stage_get_name (stage));

          jm_map_append_stage (part, copy);
        }
    }
  list = jm_map_get_personas (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (list, i);

      if (g_hash_table_contains (lanes, jm_persona_get_id (persona)))
        {
          g_autoptr(JmPersona) copy = jm_persona_new (jm_persona_get_id (persona), jm_persona_get_name (persona));

          jm_persona_set_colour (copy, jm_persona_get_colour (persona));
          jm_map_append_persona (part, copy);
        }
    }
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *card = g_ptr_array_index (cards, i);
      g_autoptr(JmTouchpoint) copy = jm_edits_clone_touchpoint (card, jm_touchpoint_get_id (card));

      /* A card whose stage or lane is not in the map has nowhere to go. */
      if (jm_map_lookup_stage (part, jm_touchpoint_get_stage_id (card)) != NULL &&
          jm_map_lookup_persona (part, jm_touchpoint_get_lane_id (card)) != NULL)
        jm_map_append_touchpoint (part, copy);
    }
  return part;
}

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
  g_autoptr(JmMap) part = NULL;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  part = jm_card_transfer_part_map (map, cards);
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

  /* The header names the fields as a pasted header may name them. */
  for (int c = 0; c < JM_N_CARD_FIELDS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", jm_card_field_get_id (c));
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
      g_string_append_c (out, '\t');
      put_cell (out, jm_touchpoint_get_kind (card), TRUE);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Rows without a header: the first cell that says something is the
 * title, the rest of the row the notes. */
static JmTouchpoint *
card_from_cells (char  **cells,
                 guint   n_cards)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *id = g_strdup_printf ("pasted-%u", n_cards + 1);
  JmTouchpoint *card = jm_touchpoint_new (id, "", "", NULL);
  gboolean titled = FALSE;

  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (cells[i]));

      if (*value == '\0')
        continue;
      if (!titled)
        jm_touchpoint_set_title (card, value);
      else
        g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n" : "", value);
      titled = TRUE;
    }
  if (notes->len > 0)
    jm_touchpoint_set_notes (card, notes->str);
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
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree JmCardField *columns = NULL;
  gboolean header = FALSE;
  guint n_columns = 0;

  g_return_val_if_fail (text != NULL, cards);

  if (problems != NULL)
    *problems = NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      if (problems != NULL)
        *problems = g_strdup (_("the text is not UTF-8"));
      return cards;
    }
  rows = jm_card_table_read (text, '\t', MAX_CARDS + 1);
  if (rows->len > 0)
    {
      const JmCardRow *first = g_ptr_array_index (rows, 0);

      n_columns = g_strv_length (first->cells);
      columns = g_new (JmCardField, n_columns);
      for (guint i = 0; i < n_columns; i++)
        {
          columns[i] = jm_card_field_from_header (first->cells[i]);
          header |= columns[i] == JM_CARD_FIELD_TITLE && n_columns > 1;
        }
    }
  if (header)
    {
      g_autoptr(GPtrArray) imports = jm_card_table_to_cards (rows, 1, columns, n_columns, problems);

      for (guint i = 0; i < imports->len && cards->len < MAX_CARDS; i++)
        g_ptr_array_add (cards, g_object_ref (((JmCardImport *) g_ptr_array_index (imports, i))->card));
      return cards;
    }
  for (guint r = 0; r < rows->len && cards->len < MAX_CARDS; r++)
    g_ptr_array_add (cards, card_from_cells (((JmCardRow *) g_ptr_array_index (rows, r))->cells, cards->len));
  return cards;
}
