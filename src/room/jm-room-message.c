/* jm-room-message.c: reading and writing the room's JSON messages
 *
 * Every message comes from a network and is read as hostile: its size is
 * checked before it is parsed, every member is checked for its type, and
 * every text for its length and for characters a map cannot hold. What is
 * sent is built from the model with json-glib, never by pasting strings.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-room"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jm-room-private.h"

G_DEFINE_QUARK (jm-room-refusal-quark, _jm_room_refusal)

static const char *refusal_codes[] = {
  [JM_ROOM_REFUSAL_BAD_JSON] = "bad-json",
  [JM_ROOM_REFUSAL_BAD_MESSAGE] = "bad-message",
  [JM_ROOM_REFUSAL_UNKNOWN_TYPE] = "unknown-type",
  [JM_ROOM_REFUSAL_TOO_LARGE] = "too-large",
  [JM_ROOM_REFUSAL_TOO_FAST] = "too-fast",
  [JM_ROOM_REFUSAL_NOT_TEXT] = "not-text",
  [JM_ROOM_REFUSAL_HELLO_FIRST] = "hello-first",
  [JM_ROOM_REFUSAL_ALREADY_JOINED] = "already-joined",
  [JM_ROOM_REFUSAL_VERSION] = "unsupported-version",
  [JM_ROOM_REFUSAL_BAD_TEXT] = "bad-text",
  [JM_ROOM_REFUSAL_TOO_LONG] = "too-long",
  [JM_ROOM_REFUSAL_UNKNOWN_STAGE] = "unknown-stage",
  [JM_ROOM_REFUSAL_UNKNOWN_LANE] = "unknown-lane",
  [JM_ROOM_REFUSAL_BAD_EMOTION] = "bad-emotion",
  [JM_ROOM_REFUSAL_CARD_LIMIT] = "card-limit",
  [JM_ROOM_REFUSAL_ROOM_FULL] = "room-full",
  [JM_ROOM_REFUSAL_CLOSED] = "room-closed",
  [JM_ROOM_REFUSAL_TIMEOUT] = "timeout",
  [JM_ROOM_REFUSAL_LOCKED] = "room-locked",
  [JM_ROOM_REFUSAL_REMOVED] = "removed",
  [JM_ROOM_REFUSAL_NO_ROUND] = "no-round",
  [JM_ROOM_REFUSAL_UNKNOWN_CARD] = "unknown-card",
  [JM_ROOM_REFUSAL_NO_DOTS] = "no-dots",
};

const char *
_jm_room_refusal_code (JmRoomRefusal refusal)
{
  g_return_val_if_fail (refusal < G_N_ELEMENTS (refusal_codes), "bad-message");
  return refusal_codes[refusal];
}

void
_jm_room_card_free (JmRoomCard *card)
{
  if (card == NULL)
    return;
  g_free (card->stage_id);
  g_free (card->lane_id);
  g_free (card->title);
  g_free (card->channel);
  g_free (card->notes);
  g_free (card->request);
  g_free (card);
}

/**
 * _jm_room_parse:
 * @type: (out): the message's type, owned by the returned object
 *
 * Returns: (transfer full) (nullable): the message, a JSON object with a
 *   string member "type", or %NULL with @error set
 */
JsonObject *
_jm_room_parse (const char  *text,
                gsize        length,
                const char **type,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *type_node;

  if (length > JM_ROOM_MAX_MESSAGE)
    {
      g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_TOO_LARGE,
                   _("The message is larger than %u bytes."), JM_ROOM_MAX_MESSAGE);
      return NULL;
    }
  /* json-glib reads up to a NUL: one inside the text would hide the rest. */
  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_JSON,
                           _("The message is not valid UTF-8 text."));
      return NULL;
    }

  /* json-glib would cut a text at an escaped NUL and keep what comes
   * before: refused, rather than stored shorter than it was sent. */
  if (g_strstr_len (text, length, "\\u0000") != NULL)
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_TEXT,
                           _("The message holds a NUL character."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, NULL))
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_JSON,
                           _("The message is not valid JSON."));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_MESSAGE,
                           _("The message must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (root);
  type_node = json_object_get_member (object, "type");
  if (type_node == NULL || !JSON_NODE_HOLDS_VALUE (type_node) ||
      json_node_get_value_type (type_node) != G_TYPE_STRING)
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_MESSAGE,
                           _("The message has no “type”."));
      return NULL;
    }
  *type = json_node_get_string (type_node);
  return json_object_ref (object);
}

/* Whether @c is a character a map's text may hold: no control characters
 * (a line break and a tab only where lines are allowed), none that XML 1.0
 * cannot carry, and no bidirectional overrides that would reorder the text
 * around it on the board. */
static gboolean
allowed_char (gunichar c,
              gboolean multiline)
{
  if (c == '\n' || c == '\t')
    return multiline;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return FALSE;
  if (c >= 0xfffe && c <= 0xffff)
    return FALSE;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return FALSE;
  return TRUE;
}

/**
 * _jm_room_clean_text:
 * @member: the member of @message that holds the text
 * @max_chars: the most characters the text may have
 * @multiline: whether line breaks are allowed
 * @required: whether an absent or empty text is refused
 *
 * Reads a text member, without the spaces around it. An absent member,
 * %null or an empty text is %NULL with no error unless @required.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
_jm_room_clean_text (JsonObject  *message,
                     const char  *member,
                     guint        max_chars,
                     gboolean     multiline,
                     gboolean     required,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (message, member);
  g_autofree char *text = NULL;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          /* Translators: %s is the name of a member of a message, such as “title” */
          g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_MESSAGE,
                       _("“%s” must be a text."), member);
          return NULL;
        }
      text = g_strstrip (g_strdup (json_node_get_string (node)));
    }

  if (text == NULL || *text == '\0')
    {
      if (required)
        g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_TEXT,
                     _("“%s” must not be empty."), member);
      return NULL;
    }
  if (g_utf8_strlen (text, -1) > max_chars)
    {
      /* Translators: %s is a member such as “title”, %u a number of characters */
      g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_TOO_LONG,
                   _("“%s” is longer than %u characters."), member, max_chars);
      return NULL;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!allowed_char (g_utf8_get_char (p), multiline))
      {
        g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_TEXT,
                     _("“%s” holds a control character."), member);
        return NULL;
      }
  return g_steal_pointer (&text);
}

/* An optional id: a short text of letters, digits, '-', '_' and '.'. */
static gboolean
read_id (JsonObject  *message,
         const char  *member,
         char       **id,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *id = _jm_room_clean_text (message, member, 64, FALSE, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * _jm_room_parse_card:
 *
 * Reads an add-card message. The stage and lane are only read here: they
 * are looked up in the map when the card is added.
 *
 * Returns: (transfer full) (nullable): the card, or %NULL with @error set
 */
JmRoomCard *
_jm_room_parse_card (JsonObject  *message,
                     GError     **error)
{
  g_autoptr(JmRoomCard) card = g_new0 (JmRoomCard, 1);
  JsonNode *emotion;
  GError *local_error = NULL;

  card->emotion = JM_EMOTION_UNSET;
  if (!read_id (message, "request", &card->request, error) ||
      !read_id (message, "stage", &card->stage_id, error) ||
      !read_id (message, "lane", &card->lane_id, error))
    return NULL;

  card->title = _jm_room_clean_text (message, "title", JM_ROOM_MAX_TITLE, FALSE, TRUE, error);
  if (card->title == NULL)
    return NULL;
  card->channel = _jm_room_clean_text (message, "channel", JM_ROOM_MAX_CHANNEL, FALSE, FALSE,
                                       &local_error);
  if (local_error == NULL)
    card->notes = _jm_room_clean_text (message, "notes", JM_ROOM_MAX_NOTES, TRUE, FALSE,
                                       &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (card->lane_id == NULL)
    card->lane_id = g_strdup (JM_ROOM_PARKING_LOT_ID);
  if (card->stage_id == NULL && !g_str_equal (card->lane_id, JM_ROOM_PARKING_LOT_ID))
    {
      g_set_error_literal (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_UNKNOWN_STAGE,
                           _("Choose a stage for the card."));
      return NULL;
    }

  emotion = json_object_get_member (message, "emotion");
  if (emotion != NULL && !JSON_NODE_HOLDS_NULL (emotion))
    {
      /* Only whole numbers: json-glib reads 1.5 as a double. */
      if (!JSON_NODE_HOLDS_VALUE (emotion) || json_node_get_value_type (emotion) != G_TYPE_INT64 ||
          json_node_get_int (emotion) < JM_EMOTION_MIN || json_node_get_int (emotion) > JM_EMOTION_MAX)
        {
          g_set_error (error, JM_ROOM_REFUSAL, JM_ROOM_REFUSAL_BAD_EMOTION,
                       _("“emotion” must be a whole number from %d to %d."),
                       JM_EMOTION_MIN, JM_EMOTION_MAX);
          return NULL;
        }
      card->emotion = (int) json_node_get_int (emotion);
    }
  return g_steal_pointer (&card);
}

/**
 * _jm_room_card_to_json:
 *
 * Returns: (transfer full): what participants see of a card: no notes,
 *   scores or links, which stay with the facilitator
 */
JsonNode *
_jm_room_card_to_json (JmTouchpoint *touchpoint)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int emotion = jm_touchpoint_get_emotion (touchpoint);
  const char *channel = jm_touchpoint_get_channel (touchpoint);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, jm_touchpoint_get_id (touchpoint));
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, jm_touchpoint_get_stage_id (touchpoint));
  json_builder_set_member_name (builder, "lane");
  json_builder_add_string_value (builder, jm_touchpoint_get_lane_id (touchpoint));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, jm_touchpoint_get_title (touchpoint));
  json_builder_set_member_name (builder, "emotion");
  if (emotion == JM_EMOTION_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, emotion);
  json_builder_set_member_name (builder, "channel");
  if (channel == NULL || *channel == '\0')
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, channel);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_named_list (JsonBuilder *builder,
                const char  *member,
                GListModel  *list,
                const char *(*get_id) (gpointer),
                const char *(*get_name) (gpointer))
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      if (JM_IS_PERSONA (item) && jm_persona_get_hidden (JM_PERSONA (item)))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, get_id (item));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, get_name (item) != NULL ? get_name (item) : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * _jm_room_map_to_json:
 *
 * Returns: (transfer full): the map as participants see it: its title,
 *   stages and visible lanes in order, and the cards in them
 */
JsonNode *
_jm_room_map_to_json (JmMap *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GListModel *touchpoints = jm_map_get_touchpoints (map);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, jm_map_get_title (map) != NULL ? jm_map_get_title (map) : "");
  add_named_list (builder, "stages", jm_map_get_stages (map),
                  (const char *(*) (gpointer)) jm_stage_get_id,
                  (const char *(*) (gpointer)) jm_stage_get_name);
  add_named_list (builder, "lanes", jm_map_get_personas (map),
                  (const char *(*) (gpointer)) jm_persona_get_id,
                  (const char *(*) (gpointer)) jm_persona_get_name);
  json_builder_set_member_name (builder, "parking_lot");
  json_builder_add_string_value (builder, JM_ROOM_PARKING_LOT_ID);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      JmPersona *lane = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (touchpoint));

      /* Hidden lanes, the held cards among them, stay off the wall and
       * off every participant's page. */
      if (lane != NULL && jm_persona_get_hidden (lane))
        continue;
      json_builder_add_value (builder, _jm_room_card_to_json (touchpoint));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * _jm_room_node_text:
 * @node: (transfer full): a message
 *
 * Returns: (transfer full): @node written as compact JSON
 */
char *
_jm_room_node_text (JsonNode *node)
{
  char *text = json_to_string (node, FALSE);

  json_node_unref (node);
  return text;
}

/**
 * _jm_room_error_text:
 * @error: a refusal in %JM_ROOM_REFUSAL
 *
 * Returns: (transfer full): the error message {type, code, message}
 */
char *
_jm_room_error_text (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *code = "bad-message";

  if (error->domain == JM_ROOM_REFUSAL)
    code = _jm_room_refusal_code (error->code);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}

/* Accept-Language's tags, best first: "de-AT,de;q=0.9,en;q=0.5". */
typedef struct
{
  char  *tag;
  double quality;
  guint  order;
} Wanted;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *x = a, *y = b;

  if (x->quality != y->quality)
    return x->quality > y->quality ? -1 : 1;
  return x->order < y->order ? -1 : (x->order > y->order);
}

/* The catalog's language for one tag: "de-AT" is "de", "pt-br" is "pt_BR". */
static const char *
find_language (JsonObject *catalogs,
               const char *tag)
{
  g_autofree char *wanted = g_strdelimit (g_strdup (tag), "-", '_');
  g_autoptr(GList) languages = json_object_get_members (catalogs);
  char *dash;

  for (GList *l = languages; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, wanted) == 0)
      return l->data;
  dash = strchr (wanted, '_');
  if (dash != NULL)
    *dash = '\0';
  for (GList *l = languages; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, wanted) == 0)
      return l->data;
  return NULL;
}

/**
 * _jm_room_page_strings:
 * @catalogs_json: the page's translations, {"LANG": {text: translation}}
 * @accept_language: (nullable): the browser's Accept-Language header
 *
 * Picks the best of the app's languages for a participant's browser; an
 * English tag before any translated one keeps the page in English.
 *
 * Returns: (transfer full): {"lang": "de", "strings": {…}} as JSON text
 */
char *
_jm_room_page_strings (const char *catalogs_json,
                       const char *accept_language)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  g_auto(GStrv) parts = NULL;
  JsonObject *catalogs = NULL;
  const char *language = NULL;

  if (json_parser_load_from_data (parser, catalogs_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    catalogs = json_node_get_object (json_parser_get_root (parser));

  /* A browser sends a handful; a longer list is cut, not refused. */
  parts = g_strsplit (accept_language != NULL ? accept_language : "", ",", 32);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (parts[i], ";", 2);
      Wanted item = { NULL, 1.0, i };
      char *tag = fields[0] != NULL ? g_strstrip (fields[0]) : NULL;

      if (tag == NULL || *tag == '\0' || strlen (tag) > 35 || g_str_equal (tag, "*"))
        continue;
      if (fields[1] != NULL)
        {
          char *q = g_strstrip (fields[1]);

          if (g_str_has_prefix (q, "q="))
            item.quality = g_ascii_strtod (q + 2, NULL);
        }
      if (item.quality <= 0.0)
        continue;
      item.tag = g_strdup (tag);
      g_array_append_val (wanted, item);
    }
  g_array_sort (wanted, compare_wanted);
  for (guint i = 0; i < wanted->len && language == NULL; i++)
    {
      const char *tag = g_array_index (wanted, Wanted, i).tag;

      if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        break;
      if (catalogs != NULL)
        language = find_language (catalogs, tag);
    }
  for (guint i = 0; i < wanted->len; i++)
    g_free (g_array_index (wanted, Wanted, i).tag);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lang");
  json_builder_add_string_value (builder, language != NULL ? language : "en");
  json_builder_set_member_name (builder, "strings");
  if (language != NULL)
    json_builder_add_value (builder, json_node_copy (json_object_get_member (catalogs, language)));
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return _jm_room_node_text (json_builder_get_root (builder));
}
