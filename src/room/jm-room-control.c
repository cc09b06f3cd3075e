/* jm-room-control.c: what the facilitator does with a room
 *
 * Who is in, locking the room to newcomers, sending one person away, and
 * private mode. In private mode a participant's card goes into the map at
 * once, as a step of its history, but into a hidden lane ("room-held",
 * see jm_edits_ensure_held_lane()): hidden lanes are neither on the
 * board, nor in exports, nor on participants' pages, yet they are saved
 * with the map and written to its drafts, so no held card is lost to a
 * save, a crash or a closed room. Accepting a card moves it to the lane
 * its sender chose, or to the parking lot, as one more step; the room
 * remembers the chosen lane only while it is open, so a card held in an
 * earlier session is accepted into the parking lot or a lane picked by
 * the facilitator.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-room-internal.h"

void
jm_room_member_free (JmRoomMember *member)
{
  if (member == NULL)
    return;
  g_free (member->id);
  g_free (member->name);
  g_free (member);
}

/**
 * jm_room_list_members:
 *
 * Returns: (transfer container) (element-type JmRoomMember): who has
 *   joined and is connected, in the order they joined; one entry for a
 *   person with two pages open
 */
GPtrArray *
jm_room_list_members (JmRoom *self)
{
  GPtrArray *members;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (JM_IS_ROOM (self), NULL);

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) jm_room_member_free);
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);
      JmRoomMember *member;

      if (!participant->joined || !g_hash_table_add (seen, participant->seat))
        continue;
      member = g_new0 (JmRoomMember, 1);
      member->id = g_strdup (participant->seat->id);
      member->name = g_strdup (participant->name);
      g_ptr_array_add (members, member);
    }
  return members;
}

/**
 * jm_room_remove_member:
 * @id: a member's id, from jm_room_list_members()
 *
 * Sends the member away, saying why, and keeps them out: their page
 * cannot join again with its token. The cards they added stay.
 *
 * Returns: %TRUE if someone was removed
 */
gboolean
jm_room_remove_member (JmRoom     *self,
                       const char *id)
{
  g_autoptr(GPtrArray) leaving = g_ptr_array_new ();
  GHashTableIter iter;
  Seat *seat;
  gboolean found = FALSE;

  g_return_val_if_fail (JM_IS_ROOM (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  g_hash_table_iter_init (&iter, self->seats);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &seat))
    if (g_str_equal (seat->id, id) && !seat->removed)
      {
        seat->removed = TRUE;
        found = TRUE;
      }
  if (!found)
    return FALSE;

  /* Closing may free a participant: not while the list is walked. */
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *participant = g_ptr_array_index (self->participants, i);

      if (participant->seat != NULL && participant->seat->removed &&
          soup_websocket_connection_get_state (participant->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        g_ptr_array_add (leaving, participant);
    }
  for (guint i = 0; i < leaving->len; i++)
    _jm_room_send_away (g_ptr_array_index (leaving, i), JM_ROOM_REFUSAL_REMOVED,
                        _("The facilitator removed you from the room."),
                        SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  return TRUE;
}

/* Tells everyone in the room how it is run now. */
static void
broadcast_mode (JmRoom *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "mode");
  json_builder_set_member_name (builder, "private");
  json_builder_add_boolean_value (builder, self->private_mode);
  json_builder_set_member_name (builder, "locked");
  json_builder_add_boolean_value (builder, self->locked);
  json_builder_end_object (builder);
  text = _jm_room_node_text (json_builder_get_root (builder));
  _jm_room_broadcast (self, text);
}

gboolean
jm_room_get_locked (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), FALSE);
  return self->locked;
}

/**
 * jm_room_set_locked:
 * @locked: whether only those who were in may join
 *
 * Locks the room to newcomers: those in it stay, and a page that was in
 * it (its phone slept, it was reloaded) may join again.
 */
void
jm_room_set_locked (JmRoom   *self,
                    gboolean  locked)
{
  g_return_if_fail (JM_IS_ROOM (self));

  locked = !!locked;
  if (self->locked == locked)
    return;
  self->locked = locked;
  broadcast_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), _jm_room_properties[ROOM_PROP_LOCKED]);
}

gboolean
jm_room_get_private (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), FALSE);
  return self->private_mode;
}

/**
 * jm_room_set_private:
 * @private_mode: whether new cards are held until accepted
 *
 * Cards held so far stay held when private mode ends: the facilitator
 * accepts them one by one.
 */
void
jm_room_set_private (JmRoom   *self,
                     gboolean  private_mode)
{
  g_return_if_fail (JM_IS_ROOM (self));

  private_mode = !!private_mode;
  if (self->private_mode == private_mode)
    return;
  self->private_mode = private_mode;
  broadcast_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), _jm_room_properties[ROOM_PROP_PRIVATE]);
}

/**
 * jm_room_list_held:
 *
 * Returns: (transfer container) (element-type JmTouchpoint): the cards
 *   in the held lane, in the map's order
 */
GPtrArray *
jm_room_list_held (JmRoom *self)
{
  GPtrArray *held;
  GListModel *touchpoints;

  g_return_val_if_fail (JM_IS_ROOM (self), NULL);

  held = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->map == NULL)
    return held;
  touchpoints = jm_map_get_touchpoints (self->map);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_strcmp0 (jm_touchpoint_get_lane_id (touchpoint), JM_ROOM_HELD_LANE_ID) == 0)
        g_ptr_array_add (held, touchpoint);
      else
        g_object_unref (touchpoint);
    }
  return held;
}

/**
 * jm_room_get_held_by:
 *
 * Returns: (nullable): the name of who sent a held card, %NULL when
 *   anonymous or not known
 */
const char *
jm_room_get_held_by (JmRoom       *self,
                     JmTouchpoint *card)
{
  HeldCard *held;

  g_return_val_if_fail (JM_IS_ROOM (self), NULL);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (card), NULL);

  held = g_hash_table_lookup (self->held, jm_touchpoint_get_id (card));
  return held != NULL ? held->by : NULL;
}

/**
 * jm_room_accept_card:
 * @card: a held card
 * @to_board: %TRUE for the lane its sender chose (the parking lot when
 *   that lane is gone, hidden or not known), %FALSE for the parking lot
 *
 * Reveals a held card as one step of the map's history; participants
 * then see it.
 *
 * Returns: %TRUE if the card was held and is now on the board
 */
gboolean
jm_room_accept_card (JmRoom       *self,
                     JmTouchpoint *card,
                     gboolean      to_board)
{
  HeldCard *held;
  JmPersona *lane = NULL;

  g_return_val_if_fail (JM_IS_ROOM (self), FALSE);
  g_return_val_if_fail (JM_IS_TOUCHPOINT (card), FALSE);

  if (self->map == NULL)
    return FALSE;
  held = g_hash_table_lookup (self->held, jm_touchpoint_get_id (card));
  if (to_board && held != NULL)
    lane = jm_map_lookup_persona (self->map, held->lane_id);
  if (lane != NULL && jm_persona_get_hidden (lane))
    lane = NULL;
  /* Where it was meant to go is kept: an undo holds the card again. */
  return jm_edits_accept_card (self->map, card, lane);
}

/**
 * jm_room_get_closed:
 *
 * Returns: %TRUE once jm_room_close() has sent everyone away
 */
gboolean
jm_room_get_closed (JmRoom *self)
{
  g_return_val_if_fail (JM_IS_ROOM (self), TRUE);
  return self->closed;
}
