/* jm-edits.c: the edits a person makes to a map, each one undo step
 *
 * The board, the outline, the inspector and the window's menus all make
 * the same edits: adding a stage or lane after another, deleting what is
 * selected, moving cards a step or into a cell. Each is here once, so that
 * the same gesture behaves the same wherever it is made, and names its own
 * undo step.
 *
 * Cards are moved as a group that keeps its arrangement: a card keeps as
 * many of the cards that stay behind before it as it had, and stops with
 * the others at the edge of the board. The board may show only some lanes
 * (hidden personas, one persona alone); the moves then step over the lanes
 * it shows, given as @lanes.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-edits"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-edits.h"

/* ---------------------------------------------------------------- adding */

/**
 * jm_edits_add_stage_after:
 * @after: (nullable): the stage to insert the new one after, or %NULL
 *   to add it at the end
 *
 * Adds a stage named "New Stage" as one step, "Add Stage".
 *
 * Returns: (transfer none): the new stage
 */
JmStage *
jm_edits_add_stage_after (JmMap   *map,
                          JmStage *after)
{
  JmStage *stage;
  int position = -1;
  guint found;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (after == NULL || JM_IS_STAGE (after), NULL);

  if (after != NULL && jm_map_find_stage (map, after, &found))
    position = (int) found + 1;
  jm_map_begin (map, _("Add Stage"));
  stage = jm_map_add_stage (map, position, _("New Stage"));
  jm_map_end (map);
  return stage;
}

/**
 * jm_edits_add_persona_after:
 * @after: (nullable): the persona whose lane the new one goes below, or
 *   %NULL to add it at the bottom
 *
 * Adds a persona named "New Persona" as one step, "Add Persona".
 *
 * Returns: (transfer none): the new persona
 */
JmPersona *
jm_edits_add_persona_after (JmMap     *map,
                            JmPersona *after)
{
  JmPersona *persona;
  int position = -1;
  guint found;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (after == NULL || JM_IS_PERSONA (after), NULL);

  if (after != NULL && jm_map_find_persona (map, after, &found))
    position = (int) found + 1;
  jm_map_begin (map, _("Add Persona"));
  persona = jm_map_add_persona (map, position, _("New Persona"));
  jm_map_end (map);
  return persona;
}

/**
 * jm_edits_add_touchpoint:
 * @after: (nullable): a card of the cell to put the new one after, so
 *   that cards added one after another keep their order; %NULL for the
 *   end of the cell
 *
 * Adds a touchpoint titled "New touchpoint" as one step, "Add Touchpoint".
 *
 * Returns: (transfer none): the new touchpoint
 */
JmTouchpoint *
jm_edits_add_touchpoint (JmMap        *map,
                         JmStage      *stage,
                         JmPersona    *persona,
                         JmTouchpoint *after)
{
  JmTouchpoint *touchpoint;
  int index = -1;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);

  if (after != NULL)
    {
      g_autoptr(GPtrArray) cell = jm_map_get_cell (map, stage, persona);
      guint found;

      if (g_ptr_array_find (cell, after, &found))
        index = (int) found + 1;
    }
  jm_map_begin (map, _("Add Touchpoint"));
  touchpoint = jm_map_add_touchpoint (map, stage, persona, index, _("New touchpoint"));
  jm_map_end (map);
  return touchpoint;
}

/**
 * jm_edits_add_card:
 * @index: its place in the cell, -1 for the end
 * @title: the card's title, as typed
 *
 * Adds a card with the title someone typed (on the board, in a capture
 * bar or from a participant's device) as one step, "Add Card".
 *
 * Returns: (transfer none): the new touchpoint
 */
JmTouchpoint *
jm_edits_add_card (JmMap      *map,
                   JmStage    *stage,
                   JmPersona  *persona,
                   int         index,
                   const char *title)
{
  JmTouchpoint *touchpoint;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  jm_map_begin (map, _("Add Card"));
  touchpoint = jm_map_add_touchpoint (map, stage, persona, index, title);
  jm_map_end (map);
  return touchpoint;
}

/**
 * jm_edits_ensure_parking_lot:
 *
 * Finds the lane for cards that belong to no persona yet, or appends it
 * to the map's lanes when there is none. The room and the capture bar
 * share it, so both fill the same lane. Call it inside the step that
 * adds the cards, so that one undo takes the new lane away with them.
 *
 * Returns: (transfer none): the parking lot's lane
 */
JmPersona *
jm_edits_ensure_parking_lot (JmMap *map)
{
  JmPersona *lot;
  g_autoptr(JmPersona) created = NULL;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  lot = jm_map_lookup_persona (map, JM_EDITS_PARKING_LOT_ID);
  if (lot != NULL)
    return lot;
  created = jm_persona_new (JM_EDITS_PARKING_LOT_ID, _("Parking lot"));
  jm_map_insert_persona (map, g_list_model_get_n_items (jm_map_get_personas (map)), created);
  return created;
}

static gboolean
is_blank (const char *title)
{
  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * jm_edits_add_cards:
 * @stage: the cell's stage
 * @persona: (nullable): the cell's lane, or %NULL for the parking lot
 * @index: the place of the first card in the cell, -1 for the end
 * @titles: (array zero-terminated=1): the titles, such as the lines of a
 *   paste; blank ones are skipped and the others are stripped
 *
 * Adds one card per title, in order, as one step ("Add 3 Cards"), so
 * that a pasted list goes away with one undo. With no @persona the
 * parking lot is created in the same step when the map has none.
 *
 * Returns: (transfer container): the new touchpoints, empty when every
 *   title was blank (then the map is left as it was)
 */
GPtrArray *
jm_edits_add_cards (JmMap              *map,
                    JmStage            *stage,
                    JmPersona          *persona,
                    int                 index,
                    const char * const *titles)
{
  return jm_edits_add_cards_of_kind (map, stage, persona, index, titles, NULL);
}

/**
 * jm_edits_add_cards_of_kind:
 * @kind: (nullable): the cards' kind (see jm_card_kinds()), or %NULL or
 *   "" for plain touchpoints
 *
 * Like jm_edits_add_cards(), for cards made from a card template: a pain
 * point, an idea or a question. The kind is set in the same step.
 *
 * Returns: (transfer container): the new touchpoints
 */
GPtrArray *
jm_edits_add_cards_of_kind (JmMap              *map,
                            JmStage            *stage,
                            JmPersona          *persona,
                            int                 index,
                            const char * const *titles,
                            const char         *kind)
{
  GPtrArray *added;
  g_autofree char *label = NULL;
  guint n = 0;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (persona == NULL || JM_IS_PERSONA (persona), NULL);
  g_return_val_if_fail (titles != NULL, NULL);

  added = g_ptr_array_new ();
  for (guint i = 0; titles[i] != NULL; i++)
    if (!is_blank (titles[i]))
      n++;
  if (n == 0)
    return added;

  label = n == 1 ? g_strdup (_("Add Card"))
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u Card", "Add %u Cards", n), n);
  jm_map_begin (map, label);
  if (persona == NULL)
    persona = jm_edits_ensure_parking_lot (map);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autofree char *title = NULL;
      JmTouchpoint *touchpoint;

      if (is_blank (titles[i]))
        continue;
      title = g_strstrip (g_strdup (titles[i]));
      touchpoint = jm_map_add_touchpoint (map, stage, persona, index, title);
      if (kind != NULL && *kind != '\0')
        jm_map_edit_string (map, touchpoint, "kind", kind);
      g_ptr_array_add (added, touchpoint);
      if (index >= 0)
        index++;
    }
  jm_map_end (map);
  return added;
}

/* ---------------------------------------------------------------- the room */

/**
 * jm_edits_ensure_held_lane:
 *
 * Finds the lane that holds participants' cards in a room's private
 * mode, or appends it, hidden, to the map's lanes. It is an ordinary
 * lane in the file, hidden from the board, the export and the room's
 * participants, so held cards are saved with the map and survive a
 * crash; the facilitator reveals them one by one. Call it inside the
 * step that adds the card.
 *
 * Returns: (transfer none): the held cards' lane
 */
JmPersona *
jm_edits_ensure_held_lane (JmMap *map)
{
  JmPersona *held;
  g_autoptr(JmPersona) created = NULL;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  held = jm_map_lookup_persona (map, JM_EDITS_HELD_LANE_ID);
  if (held != NULL)
    return held;
  created = jm_persona_new (JM_EDITS_HELD_LANE_ID, _("Held from the room"));
  jm_persona_set_hidden (created, TRUE);
  jm_map_insert_persona (map, g_list_model_get_n_items (jm_map_get_personas (map)), created);
  return created;
}

/**
 * jm_edits_add_room_card:
 * @stage: the card's stage
 * @persona: (nullable): its lane, %NULL for the parking lot
 * @held: whether the card waits, hidden, for the facilitator (then it
 *   goes to the held lane whatever @persona is)
 * @emotion: the feeling, or %JM_EMOTION_UNSET
 * @channel: (nullable): the channel
 * @notes: (nullable): the notes
 *
 * Adds a participant's card as one step ("Add Card from the Room"),
 * with the lane it needs when the map has none yet, so that one undo
 * takes both away.
 *
 * Returns: (transfer none): the card
 */
JmTouchpoint *
jm_edits_add_room_card (JmMap      *map,
                        JmStage    *stage,
                        JmPersona  *persona,
                        gboolean    held,
                        const char *title,
                        int         emotion,
                        const char *channel,
                        const char *notes)
{
  JmTouchpoint *touchpoint;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (persona == NULL || JM_IS_PERSONA (persona), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  jm_map_begin (map, _("Add Card from the Room"));
  if (held)
    persona = jm_edits_ensure_held_lane (map);
  else if (persona == NULL)
    persona = jm_edits_ensure_parking_lot (map);
  touchpoint = jm_map_add_touchpoint (map, stage, persona, -1, title);
  if (emotion != JM_EMOTION_UNSET)
    jm_map_edit_int (map, touchpoint, "emotion", emotion);
  if (channel != NULL)
    jm_map_edit_string (map, touchpoint, "channel", channel);
  if (notes != NULL)
    jm_map_edit_string (map, touchpoint, "notes", notes);
  jm_map_end (map);
  return touchpoint;
}

/**
 * jm_edits_accept_card:
 * @card: a card in the held lane
 * @persona: (nullable): the lane to reveal it in, %NULL for the parking lot
 *
 * Reveals a held card at the end of its stage's cell in @persona, as one
 * step ("Accept Card from the Room"). The held lane goes with its last
 * card, so a map is left as it was before private mode.
 *
 * Returns: %TRUE if @card was held and is now on the board
 */
gboolean
jm_edits_accept_card (JmMap        *map,
                      JmTouchpoint *card,
                      JmPersona    *persona)
{
  JmPersona *held;
  JmStage *stage;
  gboolean empty = TRUE;
  GListModel *touchpoints;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (card), FALSE);
  g_return_val_if_fail (persona == NULL || JM_IS_PERSONA (persona), FALSE);

  held = jm_map_lookup_persona (map, JM_EDITS_HELD_LANE_ID);
  stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (card));
  if (held == NULL || stage == NULL || persona == held ||
      jm_map_lookup_touchpoint (map, jm_touchpoint_get_id (card)) != card ||
      g_strcmp0 (jm_touchpoint_get_lane_id (card), JM_EDITS_HELD_LANE_ID) != 0)
    return FALSE;

  jm_map_begin (map, _("Accept Card from the Room"));
  if (persona == NULL)
    persona = jm_edits_ensure_parking_lot (map);
  jm_map_move_touchpoint (map, card, stage, persona, -1);
  touchpoints = jm_map_get_touchpoints (map);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints) && empty; i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      empty = g_strcmp0 (jm_touchpoint_get_lane_id (touchpoint), JM_EDITS_HELD_LANE_ID) != 0;
    }
  if (empty)
    jm_map_remove_persona (map, held);
  jm_map_end (map);
  return TRUE;
}

/* ---------------------------------------------------------------- copies */

/**
 * jm_edits_clone_touchpoint:
 * @source: a touchpoint
 * @id: the copy's id
 *
 * Returns: (transfer full): a touchpoint with every field of @source but
 *   its id, in no map
 */
JmTouchpoint *
jm_edits_clone_touchpoint (JmTouchpoint *source,
                           const char   *id)
{
  JmTouchpoint *copy;
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = NULL;

  g_return_val_if_fail (JM_IS_TOUCHPOINT (source), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  copy = jm_touchpoint_new (id, jm_touchpoint_get_stage_id (source), jm_touchpoint_get_lane_id (source),
                            jm_touchpoint_get_title (source));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (source), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_WRITABLE) || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) ||
          g_str_equal (pspecs[i]->name, "id"))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (source), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }
  return copy;
}

/* Copies of @sources for @map, each with a fresh id. A link between two
 * of the cards copied leads to the copy; a link to any other card is kept
 * when that card is in the map, and left out when not. */
static GPtrArray *
copies_for_map (JmMap     *map,
                GPtrArray *sources)
{
  g_autoptr(GHashTable) new_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < sources->len; i++)
    {
      JmTouchpoint *source = g_ptr_array_index (sources, i);
      /* The map counts on: ids it gives are never given again. */
      g_autofree char *id = jm_map_new_id (map, "t");
      JmTouchpoint *copy = jm_edits_clone_touchpoint (source, id);
      g_ptr_array_add (copies, copy);
      g_hash_table_insert (new_ids, (gpointer) jm_touchpoint_get_id (source),
                           (gpointer) jm_touchpoint_get_id (copy));
    }
  for (guint i = 0; i < copies->len; i++)
    {
      JmTouchpoint *copy = g_ptr_array_index (copies, i);
      const char * const *links = jm_touchpoint_get_links (g_ptr_array_index (sources, i));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) kept = NULL;

      for (guint j = 0; links != NULL && links[j] != NULL; j++)
        {
          const char *target = g_hash_table_lookup (new_ids, links[j]);

          if (target != NULL)
            g_strv_builder_add (builder, target);
          else if (jm_map_lookup_touchpoint (map, links[j]) != NULL)
            g_strv_builder_add (builder, links[j]);
        }
      kept = g_strv_builder_end (builder);
      jm_touchpoint_set_links (copy, (const char * const *) kept);
    }
  return copies;
}

/**
 * jm_edits_duplicate:
 * @cards: (element-type JmTouchpoint): the cards to copy
 *
 * Puts a copy of each card right after it, as one step, "Duplicate".
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the copies
 */
GPtrArray *
jm_edits_duplicate (JmMap     *map,
                    GPtrArray *cards)
{
  g_autoptr(GPtrArray) copies = NULL;
  GPtrArray *added;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  added = g_ptr_array_new ();
  if (cards->len == 0)
    return added;
  copies = copies_for_map (map, cards);
  jm_map_begin (map, _("Duplicate"));
  for (guint i = 0; i < cards->len; i++)
    {
      JmTouchpoint *copy = g_ptr_array_index (copies, i);
      guint position;

      if (!jm_map_find_touchpoint (map, g_ptr_array_index (cards, i), &position))
        continue;
      jm_map_insert_touchpoint (map, position + 1, copy);
      g_ptr_array_add (added, copy);
    }
  jm_map_end (map);
  return added;
}

/**
 * jm_edits_paste:
 * @sources: (element-type JmTouchpoint): the cards to copy, which need
 *   not be in @map
 * @after: (nullable): a card of the cell to put the copies after; %NULL
 *   (or a card of another cell) for the end of the cell
 *
 * Puts copies of @sources into one cell, in their order, as one step,
 * "Paste". Each copy gets a fresh id; links between the cards copied lead
 * to the copies.
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the copies
 */
GPtrArray *
jm_edits_paste (JmMap        *map,
                GPtrArray    *sources,
                JmStage      *stage,
                JmPersona    *persona,
                JmTouchpoint *after)
{
  g_autoptr(GPtrArray) copies = NULL;
  GPtrArray *added;
  guint after_position = 0;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (sources != NULL, NULL);
  g_return_val_if_fail (JM_IS_STAGE (stage), NULL);
  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);

  added = g_ptr_array_new ();
  if (sources->len == 0)
    return added;
  if (after != NULL &&
      (!jm_map_find_touchpoint (map, after, &after_position) ||
       !g_str_equal (jm_touchpoint_get_stage_id (after), jm_stage_get_id (stage)) ||
       !g_str_equal (jm_touchpoint_get_lane_id (after), jm_persona_get_id (persona))))
    after = NULL;

  copies = copies_for_map (map, sources);
  jm_map_begin (map, _("Paste"));
  for (guint i = 0; i < copies->len; i++)
    {
      JmTouchpoint *copy = g_ptr_array_index (copies, i);

      jm_touchpoint_set_stage_id (copy, jm_stage_get_id (stage));
      jm_touchpoint_set_lane_id (copy, jm_persona_get_id (persona));
      /* At the end of the list a card is last in its cell. */
      jm_map_insert_touchpoint (map, after != NULL ? after_position + 1 + added->len : G_MAXUINT, copy);
      g_ptr_array_add (added, copy);
    }
  jm_map_end (map);
  return added;
}

/* ---------------------------------------------------------------- importing */

/* The stage or persona of @list named @name, ignoring case and blanks. */
static gpointer
find_by_name (GListModel *list,
              const char *name)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  g_strstrip (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      const char *item_name = JM_IS_STAGE (item) ? jm_stage_get_name (JM_STAGE (item))
                                                 : jm_persona_get_name (JM_PERSONA (item));
      g_autofree char *folded = g_utf8_casefold (item_name, -1);

      if (g_str_equal (g_strstrip (folded), wanted))
        return item;
    }
  return NULL;
}

static JmStage *
import_stage (JmMap      *map,
              const char *name)
{
  GListModel *stages = jm_map_get_stages (map);
  JmStage *stage;

  if (name == NULL || *name == '\0')
    {
      g_autoptr(JmStage) first = g_list_model_get_item (stages, 0);

      if (first != NULL)
        return first;
      name = _("Stage");
    }
  stage = find_by_name (stages, name);
  return stage != NULL ? stage : jm_map_add_stage (map, -1, name);
}

/**
 * jm_edits_import_cards:
 * @cards: (element-type JmTouchpoint): the cards, which need not be in @map
 * @stages: (element-type utf8): for each card, the name of its stage, or
 *   %NULL for the first stage
 * @lanes: (element-type utf8): for each card, the name of its lane, or
 *   %NULL for the parking lot
 *
 * Adds copies of @cards, each at the end of the cell its names give, as
 * one step ("Import 3 Cards"). A stage or lane named that the map lacks is
 * added at the end, in the same step. Links between the cards lead to
 * their copies.
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the copies
 */
GPtrArray *
jm_edits_import_cards (JmMap     *map,
                       GPtrArray *cards,
                       GPtrArray *stages,
                       GPtrArray *lanes)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *label = NULL;
  GPtrArray *added;

  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (cards != NULL && stages != NULL && lanes != NULL, NULL);
  g_return_val_if_fail (stages->len == cards->len && lanes->len == cards->len, NULL);

  added = g_ptr_array_new ();
  if (cards->len == 0)
    return added;
  copies = copies_for_map (map, cards);
  /* Translators: an undo step; %u is a number of cards. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u Card", "Import %u Cards", cards->len),
                           cards->len);
  jm_map_begin (map, label);
  for (guint i = 0; i < copies->len; i++)
    {
      JmTouchpoint *copy = g_ptr_array_index (copies, i);
      const char *lane_name = g_ptr_array_index (lanes, i);
      JmStage *stage = import_stage (map, g_ptr_array_index (stages, i));
      JmPersona *persona;

      if (lane_name == NULL || *lane_name == '\0')
        persona = jm_edits_ensure_parking_lot (map);
      else
        {
          persona = find_by_name (jm_map_get_personas (map), lane_name);
          if (persona == NULL)
            persona = jm_map_add_persona (map, -1, lane_name);
        }
      jm_touchpoint_set_stage_id (copy, jm_stage_get_id (stage));
      jm_touchpoint_set_lane_id (copy, jm_persona_get_id (persona));
      jm_map_insert_touchpoint (map, G_MAXUINT, copy);
      g_ptr_array_add (added, copy);
    }
  jm_map_end (map);
  return added;
}

/* ---------------------------------------------------------------- deleting */

static char *
delete_label (guint n_stages,
              guint n_personas,
              guint n_cards)
{
  guint n = n_stages + n_personas + n_cards;

  if (n_cards == n)
    return n == 1 ? g_strdup (_("Delete Card"))
                  /* Translators: an undo step; %u is a number of cards. */
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Card", "Delete %u Cards", n), n);
  if (n_stages == n)
    return n == 1 ? g_strdup (_("Delete Stage"))
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Stage", "Delete %u Stages", n), n);
  if (n_personas == n)
    return n == 1 ? g_strdup (_("Delete Persona"))
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Persona", "Delete %u Personas", n), n);
  /* Translators: an undo step; %u is a number of stages, lanes and cards. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Item", "Delete %u Items", n), n);
}

/**
 * jm_edits_delete:
 * @objects: (element-type GObject): the stages, personas and touchpoints
 *   to delete
 *
 * Deletes @objects, a stage or persona with its cards and a card with the
 * links to it, as one step named for what is deleted ("Delete 3 Cards").
 * Objects that are not in the map are left out.
 *
 * Returns: %TRUE if anything was deleted
 */
gboolean
jm_edits_delete (JmMap     *map,
                 GPtrArray *objects)
{
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *label = NULL;
  guint n_stages = 0, n_personas = 0, n_cards = 0;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (objects != NULL, FALSE);

  /* Cards first, so that a card in a deleted stage is not counted twice
   * and the map holds each object until it is removed. */
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (JM_IS_TOUCHPOINT (object) && jm_map_find_touchpoint (map, object, NULL) &&
          !g_ptr_array_find (kept, object, NULL))
        {
          g_ptr_array_add (kept, g_object_ref (object));
          n_cards++;
        }
    }
  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (g_ptr_array_find (kept, object, NULL))
        continue;
      if (JM_IS_STAGE (object) && jm_map_find_stage (map, object, NULL))
        n_stages++;
      else if (JM_IS_PERSONA (object) && jm_map_find_persona (map, object, NULL))
        n_personas++;
      else
        continue;
      g_ptr_array_add (kept, g_object_ref (object));
    }
  if (kept->len == 0)
    return FALSE;

  label = delete_label (n_stages, n_personas, n_cards);
  jm_map_begin (map, label);
  for (guint i = 0; i < kept->len; i++)
    {
      gpointer object = g_ptr_array_index (kept, i);

      if (JM_IS_TOUCHPOINT (object))
        jm_map_remove_touchpoint (map, object);
      else if (JM_IS_STAGE (object))
        jm_map_remove_stage (map, object);
      else
        jm_map_remove_persona (map, object);
    }
  jm_map_end (map);
  return TRUE;
}

/* ---------------------------------------------------------------- stages and lanes */

/**
 * jm_edits_move_stage_to:
 * @position: its new place among the stages
 *
 * Moves a stage as one step, "Move Stage".
 *
 * Returns: %TRUE if the stage moved
 */
gboolean
jm_edits_move_stage_to (JmMap   *map,
                        JmStage *stage,
                        guint    position)
{
  guint from, n;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_STAGE (stage), FALSE);

  n = g_list_model_get_n_items (jm_map_get_stages (map));
  if (!jm_map_find_stage (map, stage, &from) || MIN (position, n - 1) == from)
    return FALSE;
  jm_map_begin (map, _("Move Stage"));
  jm_map_move_stage (map, stage, position);
  jm_map_end (map);
  return TRUE;
}

/**
 * jm_edits_move_stage:
 * @delta: how many places to move it, negative for left
 *
 * Moves a stage left or right as one step; a stage at the edge stays.
 *
 * Returns: %TRUE if the stage moved
 */
gboolean
jm_edits_move_stage (JmMap   *map,
                     JmStage *stage,
                     int      delta)
{
  guint from;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_STAGE (stage), FALSE);

  if (!jm_map_find_stage (map, stage, &from) || (int) from + delta < 0)
    return FALSE;
  return jm_edits_move_stage_to (map, stage, from + delta);
}

/**
 * jm_edits_move_persona_to:
 * @position: its lane's new place among the lanes
 *
 * Moves a persona's lane as one step, "Move Persona".
 *
 * Returns: %TRUE if the lane moved
 */
gboolean
jm_edits_move_persona_to (JmMap     *map,
                          JmPersona *persona,
                          guint      position)
{
  guint from, n;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_PERSONA (persona), FALSE);

  n = g_list_model_get_n_items (jm_map_get_personas (map));
  if (!jm_map_find_persona (map, persona, &from) || MIN (position, n - 1) == from)
    return FALSE;
  jm_map_begin (map, _("Move Persona"));
  jm_map_move_persona (map, persona, position);
  jm_map_end (map);
  return TRUE;
}

/**
 * jm_edits_move_persona:
 * @delta: how many places to move its lane, negative for up
 *
 * Moves a persona's lane up or down as one step; a lane at the edge stays.
 *
 * Returns: %TRUE if the lane moved
 */
gboolean
jm_edits_move_persona (JmMap     *map,
                       JmPersona *persona,
                       int        delta)
{
  guint from;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (JM_IS_PERSONA (persona), FALSE);

  if (!jm_map_find_persona (map, persona, &from) || (int) from + delta < 0)
    return FALSE;
  return jm_edits_move_persona_to (map, persona, from + delta);
}

/* ---------------------------------------------------------------- cards */

/* The board as the moves see it: its stages, the lanes it shows, each
 * card's cell and the cards of each cell in order, and which cards move. */
typedef struct
{
  JmMap      *map;
  GPtrArray  *stages;    /* JmStage, references */
  GPtrArray  *lanes;     /* JmPersona, references */
  GHashTable *stage_index; /* JmStage -> index + 1 */
  GHashTable *lane_index;  /* JmPersona -> index + 1 */
  GHashTable *cells;     /* "stage-id\nlane-id" -> GPtrArray of JmTouchpoint */
  GHashTable *order;     /* JmTouchpoint -> place in the map + 1 */
  GHashTable *moving;    /* set of JmTouchpoint */
} Board;

static char *
cell_key (const char *stage_id,
          const char *lane_id)
{
  return g_strconcat (stage_id, "\n", lane_id, NULL);
}

static void
board_init (Board     *board,
            JmMap     *map,
            GPtrArray *lanes,
            GPtrArray *cards)
{
  GListModel *list;
  guint n;

  board->map = map;
  board->stages = g_ptr_array_new_with_free_func (g_object_unref);
  board->lanes = g_ptr_array_new_with_free_func (g_object_unref);
  board->stage_index = g_hash_table_new (NULL, NULL);
  board->lane_index = g_hash_table_new (NULL, NULL);
  board->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  board->order = g_hash_table_new (NULL, NULL);
  board->moving = g_hash_table_new (NULL, NULL);

  list = jm_map_get_stages (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      JmStage *stage = g_list_model_get_item (list, i);

      g_ptr_array_add (board->stages, stage);
      g_hash_table_insert (board->stage_index, stage, GUINT_TO_POINTER (i + 1));
    }
  list = jm_map_get_personas (map);
  n = lanes != NULL ? lanes->len : g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      JmPersona *persona = lanes != NULL ? g_object_ref (g_ptr_array_index (lanes, i))
                                         : g_list_model_get_item (list, i);

      g_ptr_array_add (board->lanes, persona);
      g_hash_table_insert (board->lane_index, persona, GUINT_TO_POINTER (i + 1));
    }

  list = jm_map_get_touchpoints (map);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (list, i);
      char *key = cell_key (jm_touchpoint_get_stage_id (touchpoint),
                            jm_touchpoint_get_lane_id (touchpoint));
      GPtrArray *cell = g_hash_table_lookup (board->cells, key);

      if (cell == NULL)
        g_hash_table_insert (board->cells, key, cell = g_ptr_array_new ());
      else
        g_free (key);
      g_ptr_array_add (cell, touchpoint);
      g_hash_table_insert (board->order, touchpoint, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    g_hash_table_add (board->moving, g_ptr_array_index (cards, i));
}

static void
board_clear (Board *board)
{
  g_clear_pointer (&board->stages, g_ptr_array_unref);
  g_clear_pointer (&board->lanes, g_ptr_array_unref);
  g_clear_pointer (&board->stage_index, g_hash_table_unref);
  g_clear_pointer (&board->lane_index, g_hash_table_unref);
  g_clear_pointer (&board->cells, g_hash_table_unref);
  g_clear_pointer (&board->order, g_hash_table_unref);
  g_clear_pointer (&board->moving, g_hash_table_unref);
}

static GPtrArray *
board_cell (Board *board,
            guint  stage,
            guint  lane)
{
  g_autofree char *key = NULL;

  if (stage >= board->stages->len || lane >= board->lanes->len)
    return NULL;
  key = cell_key (jm_stage_get_id (g_ptr_array_index (board->stages, stage)),
                  jm_persona_get_id (g_ptr_array_index (board->lanes, lane)));
  return g_hash_table_lookup (board->cells, key);
}

/* Where a card is on the board; FALSE if it is not on it (its lane not
 * shown, say, or the card not in the map). */
static gboolean
board_place (Board        *board,
             JmTouchpoint *touchpoint,
             guint        *stage,
             guint        *lane,
             guint        *index)
{
  JmStage *s = jm_map_lookup_stage (board->map, jm_touchpoint_get_stage_id (touchpoint));
  JmPersona *p = jm_map_lookup_persona (board->map, jm_touchpoint_get_lane_id (touchpoint));
  guint si = s != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (board->stage_index, s)) : 0;
  guint li = p != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (board->lane_index, p)) : 0;
  GPtrArray *cell;

  if (si == 0 || li == 0 || !g_hash_table_contains (board->order, touchpoint))
    return FALSE;
  *stage = si - 1;
  *lane = li - 1;
  cell = board_cell (board, *stage, *lane);
  g_assert (cell != NULL);
  g_ptr_array_find (cell, touchpoint, index);
  return TRUE;
}

/* The @n-th card of a cell that does not move, or NULL past the last. */
static JmTouchpoint *
board_staying_at (Board *board,
                  guint  stage,
                  guint  lane,
                  guint  n)
{
  GPtrArray *cell = board_cell (board, stage, lane);
  guint seen = 0;

  for (guint k = 0; cell != NULL && k < cell->len; k++)
    {
      JmTouchpoint *touchpoint = g_ptr_array_index (cell, k);

      if (g_hash_table_contains (board->moving, touchpoint))
        continue;
      if (seen++ == n)
        return touchpoint;
    }
  return NULL;
}

/* How many cards that do not move come before the @index-th of a cell. */
static guint
board_staying_before (Board *board,
                      guint  stage,
                      guint  lane,
                      guint  index)
{
  GPtrArray *cell = board_cell (board, stage, lane);
  guint staying = 0;

  for (guint k = 0; cell != NULL && k < MIN (index, cell->len); k++)
    if (!g_hash_table_contains (board->moving, g_ptr_array_index (cell, k)))
      staying++;
  return staying;
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *order = user_data;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (order, *(gpointer *) a));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (order, *(gpointer *) b));

  return pa < pb ? -1 : pa > pb;
}

/* @cards in the map's order, those in the map only. */
static GPtrArray *
board_in_order (Board     *board,
                GPtrArray *cards)
{
  GPtrArray *sorted = g_ptr_array_new ();

  for (guint i = 0; i < cards->len; i++)
    {
      gpointer card = g_ptr_array_index (cards, i);

      if (g_hash_table_contains (board->order, card) && !g_ptr_array_find (sorted, card, NULL))
        g_ptr_array_add (sorted, card);
    }
  g_ptr_array_sort_with_data (sorted, compare_order, board->order);
  return sorted;
}

/* Moves @touchpoint into a cell, before @before or at its end. */
static void
place_card (JmMap        *map,
            JmTouchpoint *touchpoint,
            JmStage      *stage,
            JmPersona    *persona,
            JmTouchpoint *before)
{
  int index = -1;

  if (before != NULL)
    {
      g_autoptr(GPtrArray) cell = jm_map_get_cell (map, stage, persona);
      int seen = 0;

      for (guint k = 0; k < cell->len; k++)
        {
          JmTouchpoint *other = g_ptr_array_index (cell, k);

          if (other == touchpoint)
            continue;
          if (other == before)
            {
              index = seen;
              break;
            }
          seen++;
        }
    }
  jm_map_move_touchpoint (map, touchpoint, stage, persona, index);
}

static void
move_sorted_to_cell (JmMap        *map,
                     GPtrArray    *sorted,
                     JmStage      *stage,
                     JmPersona    *persona,
                     JmTouchpoint *before)
{
  jm_map_begin (map, sorted->len > 1 ? _("Move Cards") : _("Move Card"));
  for (guint i = 0; i < sorted->len; i++)
    place_card (map, g_ptr_array_index (sorted, i), stage, persona, before);
  jm_map_end (map);
}

/**
 * jm_edits_move_cards_to_cell:
 * @cards: (element-type JmTouchpoint): the cards to move
 * @before: (nullable): a card of the cell, not among @cards, to put them
 *   before; %NULL for the end of the cell
 *
 * Moves @cards into one cell, in the order they have in the map, as one
 * step, "Move Card" or "Move Cards".
 */
void
jm_edits_move_cards_to_cell (JmMap        *map,
                             GPtrArray    *cards,
                             JmStage      *stage,
                             JmPersona    *persona,
                             JmTouchpoint *before)
{
  Board board;
  g_autoptr(GPtrArray) sorted = NULL;

  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (cards != NULL);
  g_return_if_fail (JM_IS_STAGE (stage));
  g_return_if_fail (JM_IS_PERSONA (persona));

  board_init (&board, map, NULL, cards);
  sorted = board_in_order (&board, cards);
  board_clear (&board);
  if (sorted->len > 0)
    move_sorted_to_cell (map, sorted, stage, persona, before);
}

static gboolean
board_spans_cells (Board     *board,
                   GPtrArray *cards)
{
  gboolean found = FALSE;
  guint first_stage = 0, first_lane = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      guint stage, lane, index;

      if (!board_place (board, g_ptr_array_index (cards, i), &stage, &lane, &index))
        continue;
      if (!found)
        {
          found = TRUE;
          first_stage = stage;
          first_lane = lane;
        }
      else if (stage != first_stage || lane != first_lane)
        return TRUE;
    }
  return FALSE;
}

/**
 * jm_edits_spans_cells:
 * @cards: (element-type JmTouchpoint): some cards
 * @lanes: (nullable) (element-type JmPersona): the lanes the board shows,
 *   or %NULL for every persona's
 *
 * Returns: %TRUE if the cards on the board lie in more than one cell
 */
gboolean
jm_edits_spans_cells (JmMap     *map,
                      GPtrArray *cards,
                      GPtrArray *lanes)
{
  Board board;
  gboolean spans;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);

  board_init (&board, map, lanes, cards);
  spans = board_spans_cells (&board, cards);
  board_clear (&board);
  return spans;
}

typedef struct
{
  JmTouchpoint *touchpoint;
  JmStage      *stage;
  JmPersona    *persona;
  JmTouchpoint *before;
} Placement;

/* Shortens a move by @dx stages and @dy lanes so that no card of @sorted
 * leaves the board. Returns whether it had to. */
static gboolean
board_clamp (Board     *board,
             GPtrArray *sorted,
             int       *dx,
             int       *dy)
{
  int want_dx = *dx, want_dy = *dy;

  for (guint i = 0; i < sorted->len; i++)
    {
      guint stage, lane, index;

      if (!board_place (board, g_ptr_array_index (sorted, i), &stage, &lane, &index))
        continue;
      /* Every range holds 0, so clamping one after another meets them all. */
      *dx = CLAMP (*dx, -(int) stage, (int) board->stages->len - 1 - (int) stage);
      *dy = CLAMP (*dy, -(int) lane, (int) board->lanes->len - 1 - (int) lane);
    }
  return *dx != want_dx || *dy != want_dy;
}

static void
board_move_group (Board        *board,
                  GPtrArray    *sorted,
                  int           dx,
                  int           dy,
                  JmTouchpoint *anchor,
                  JmTouchpoint *anchor_before)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  guint anchor_stage = 0, anchor_lane = 0, anchor_index;
  gboolean has_anchor = anchor != NULL &&
                        board_place (board, anchor, &anchor_stage, &anchor_lane, &anchor_index);

  /* Where each card goes, from the board as it is before any moves. */
  for (guint i = 0; i < sorted->len; i++)
    {
      JmTouchpoint *touchpoint = g_ptr_array_index (sorted, i);
      guint stage, lane, index;
      gboolean from_anchor_cell;
      Placement placement;

      if (!board_place (board, touchpoint, &stage, &lane, &index))
        continue;
      from_anchor_cell = has_anchor && stage == anchor_stage && lane == anchor_lane;
      /* Unmoved, a card keeps its place, unless the anchor gave it one. */
      if (dx == 0 && dy == 0 && !from_anchor_cell)
        continue;
      placement.touchpoint = touchpoint;
      placement.stage = g_ptr_array_index (board->stages, stage + dx);
      placement.persona = g_ptr_array_index (board->lanes, lane + dy);
      placement.before = from_anchor_cell
                           ? anchor_before
                           : board_staying_at (board, stage + dx, lane + dy,
                                               board_staying_before (board, stage, lane, index));
      g_array_append_val (placements, placement);
    }
  if (placements->len == 0)
    return;

  jm_map_begin (board->map, placements->len > 1 ? _("Move Cards") : _("Move Card"));
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);

      place_card (board->map, placement->touchpoint, placement->stage, placement->persona,
                  placement->before);
    }
  jm_map_end (board->map);
}

/**
 * jm_edits_move_cards:
 * @cards: (element-type JmTouchpoint): the cards to move, which may lie
 *   in several cells
 * @lanes: (nullable) (element-type JmPersona): the lanes the board shows,
 *   in order, or %NULL for every persona's
 * @d_stage: how many stages to move them, negative for left
 * @d_lane: how many lanes to move them, negative for up
 * @anchor: (nullable): a card that leads the move, as one dragged does
 * @anchor_before: (nullable): in @anchor's new cell, the card that the
 *   cards from @anchor's cell go before (%NULL: at the end)
 *
 * Moves @cards together as one step, each as far as the others, so the
 * group keeps its shape: in its new cell a card keeps as many of the cards
 * that stay before it as it had. The move is shortened so that no card
 * leaves the board; shortened, it no longer follows @anchor.
 *
 * Returns: %TRUE if the move was made as far as asked
 */
gboolean
jm_edits_move_cards (JmMap        *map,
                     GPtrArray    *cards,
                     GPtrArray    *lanes,
                     int           d_stage,
                     int           d_lane,
                     JmTouchpoint *anchor,
                     JmTouchpoint *anchor_before)
{
  Board board;
  g_autoptr(GPtrArray) sorted = NULL;
  gboolean shortened;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);

  board_init (&board, map, lanes, cards);
  sorted = board_in_order (&board, cards);
  shortened = board_clamp (&board, sorted, &d_stage, &d_lane);
  if (shortened)
    anchor = anchor_before = NULL;
  board_move_group (&board, sorted, d_stage, d_lane, anchor, anchor_before);
  board_clear (&board);
  return !shortened;
}

/* Where a step up or down takes the cards of one cell: over one card that
 * stays, then on into the next lane. Returns FALSE at the board's edge. */
static gboolean
board_step_vertically (Board         *board,
                       guint          stage,
                       guint          lane,
                       guint          index,
                       int            dy,
                       guint         *target_lane,
                       JmTouchpoint **before)
{
  GPtrArray *cell = board_cell (board, stage, lane);
  guint staying_before = board_staying_before (board, stage, lane, index);
  guint staying_total = board_staying_before (board, stage, lane, cell != NULL ? cell->len : 0);

  *target_lane = lane;
  if (dy < 0)
    {
      if (staying_before > 0)
        *before = board_staying_at (board, stage, lane, staying_before - 1);
      else if (lane > 0)
        {
          *target_lane = lane - 1;
          *before = NULL;
        }
      else
        return FALSE;
    }
  else
    {
      if (staying_before < staying_total)
        *before = board_staying_at (board, stage, lane, staying_before + 1);
      else if (lane + 1 < board->lanes->len)
        {
          *target_lane = lane + 1;
          *before = board_staying_at (board, stage, lane + 1, 0);
        }
      else
        return FALSE;
    }
  return TRUE;
}

/**
 * jm_edits_step_cards:
 * @cards: (element-type JmTouchpoint): the cards to move
 * @lanes: (nullable) (element-type JmPersona): the lanes the board shows,
 *   in order, or %NULL for every persona's
 * @anchor: (nullable): the card the step is taken from (the focused one);
 *   %NULL for the first of @cards
 * @d_stage: -1, 0 or 1
 * @d_lane: -1, 0 or 1
 *
 * Moves @cards one step, as the arrow keys do, as one undo step. Cards of
 * one cell move left or right into the same place of the next stage, and
 * up or down over one card, then on into the next lane. Cards of several
 * cells move a stage or a lane each, together, keeping their arrangement.
 * At the edge of the board nothing moves.
 *
 * Returns: %TRUE if the cards moved as asked
 */
gboolean
jm_edits_step_cards (JmMap        *map,
                     GPtrArray    *cards,
                     GPtrArray    *lanes,
                     JmTouchpoint *anchor,
                     int           d_stage,
                     int           d_lane)
{
  Board board;
  g_autoptr(GPtrArray) sorted = NULL;
  guint stage, lane, index, target_lane;
  JmTouchpoint *before = NULL;
  gboolean moved = FALSE;

  g_return_val_if_fail (JM_IS_MAP (map), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);

  board_init (&board, map, lanes, cards);
  sorted = board_in_order (&board, cards);
  if (anchor == NULL && sorted->len > 0)
    anchor = g_ptr_array_index (sorted, 0);

  if (anchor == NULL || !board_place (&board, anchor, &stage, &lane, &index))
    ;
  else if (board_spans_cells (&board, sorted))
    {
      moved = !board_clamp (&board, sorted, &d_stage, &d_lane);
      board_move_group (&board, sorted, d_stage, d_lane, NULL, NULL);
    }
  else if (d_stage != 0)
    {
      int target = (int) stage + d_stage;

      if (target >= 0 && target < (int) board.stages->len)
        {
          before = board_staying_at (&board, target, lane, index);
          move_sorted_to_cell (map, sorted, g_ptr_array_index (board.stages, target),
                               g_ptr_array_index (board.lanes, lane), before);
          moved = TRUE;
        }
    }
  else if (board_step_vertically (&board, stage, lane, index, d_lane, &target_lane, &before))
    {
      move_sorted_to_cell (map, sorted, g_ptr_array_index (board.stages, stage),
                           g_ptr_array_index (board.lanes, target_lane), before);
      moved = TRUE;
    }
  board_clear (&board);
  return moved;
}
