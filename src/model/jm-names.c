/* jm-names.c: when two typed team or channel names are the same name
 *
 * Teams and channels are typed by people, on different days and in
 * different files: "Billing", "billing " and "BILLING" are one team, and a
 * channel typed "website" is the app's own "Website". Highlights, scores,
 * exports and completion all compare names through jm_name_key(), so that
 * they never disagree on which names are one. The map keeps every name as
 * it was typed; only comparisons use the key.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-names"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "jm-names.h"

/* Case, compatibility forms (a no-break space, full-width letters, "é" as
 * one character or two) and runs of spaces make no difference: the
 * NFKC_Casefold of the name with its spaces collapsed. */
static char *
fold (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_autofree char *composed = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (composed, -1);
  g_autofree char *text = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
  GString *key = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          space = TRUE;
          continue;
        }
      if (space && key->len > 0)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}

/* The known channel a typed name means: its id, its label or the label's
 * translation, in any case. */
static const JmChannelInfo *
known_channel (const char *folded)
{
  guint n;
  const JmChannelInfo *channels = jm_channels (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = fold (channels[i].label);
      g_autofree char *translated = fold (g_dgettext (GETTEXT_PACKAGE, channels[i].label));

      if (g_str_equal (folded, channels[i].id) || g_strcmp0 (folded, label) == 0 ||
          g_strcmp0 (folded, translated) == 0)
        return &channels[i];
    }
  return NULL;
}

/**
 * jm_name_key:
 * @kind: whether @name is a team or a channel
 * @name: (nullable): a name as typed or stored
 *
 * The form in which two names compare equal when a person would call them
 * one: case, surrounding and repeated spaces and Unicode forms aside. A
 * channel that names a known channel by its id or label (in any case) has
 * that channel's id as its key, so a typed twin joins the known channel.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL for a blank name
 */
char *
jm_name_key (JmNameKind  kind,
             const char *name)
{
  char *key;
  const JmChannelInfo *known;

  if (name == NULL)
    return NULL;
  if (kind == JM_NAME_CHANNEL && jm_channel_lookup (name) != NULL)
    return g_strdup (name);

  key = fold (name);
  if (key == NULL || kind != JM_NAME_CHANNEL)
    return key;
  known = known_channel (key);
  if (known == NULL)
    return key;
  g_free (key);
  return g_strdup (known->id);
}

/**
 * jm_name_equal:
 *
 * Returns: whether @a and @b are one team or channel; two blank names are
 */
gboolean
jm_name_equal (JmNameKind  kind,
               const char *a,
               const char *b)
{
  g_autofree char *key_a = jm_name_key (kind, a);
  g_autofree char *key_b = jm_name_key (kind, b);

  return g_strcmp0 (key_a, key_b) == 0;
}

static void
name_free (gpointer data)
{
  JmName *name = data;

  g_free (name->key);
  g_free (name->label);
  g_free (name->value);
  g_free (name);
}

typedef struct
{
  JmNameKind  kind;
  GPtrArray  *names;
  GHashTable *by_spelling;   /* borrowed from the touchpoints */
  GHashTable *by_key;        /* borrowed from names */
} Listing;

static void
listing_add (Listing    *listing,
             const char *spelling)
{
  JmName *name;
  char *key;
  const JmChannelInfo *known;

  if (spelling == NULL || g_hash_table_contains (listing->by_spelling, spelling))
    return;
  /* Names repeat across thousands of cards: each spelling is keyed once. */
  g_hash_table_add (listing->by_spelling, (gpointer) spelling);
  key = jm_name_key (listing->kind, spelling);
  if (key == NULL || g_hash_table_contains (listing->by_key, key))
    {
      g_free (key);
      return;
    }

  name = g_new0 (JmName, 1);
  name->key = key;
  known = listing->kind == JM_NAME_CHANNEL ? jm_channel_lookup (key) : NULL;
  if (known != NULL)
    {
      name->label = g_strdup (jm_channel_get_label (known->id));
      name->value = g_strdup (known->id);
    }
  else
    {
      name->label = g_strstrip (g_strdup (spelling));
      name->value = g_strdup (name->label);
    }
  g_ptr_array_add (listing->names, name);
  g_hash_table_add (listing->by_key, name->key);
}

static int
channel_rank (const JmName *name)
{
  guint n;
  const JmChannelInfo *channels = jm_channels (&n);
  const JmChannelInfo *known = jm_channel_lookup (name->key);

  return known != NULL ? known - channels : (int) n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const JmName *x = *(const JmName **) a;
  const JmName *y = *(const JmName **) b;
  JmNameKind kind = GPOINTER_TO_INT (user_data);
  int order;

  if (kind == JM_NAME_CHANNEL)
    {
      int rank_x = channel_rank (x), rank_y = channel_rank (y);

      if (rank_x != rank_y)
        return rank_x < rank_y ? -1 : 1;
    }
  /* By key, so that case does not split the list where the locale's
   * collation puts capitals first. */
  order = g_utf8_collate (x->key, y->key);
  return order != 0 ? order : strcmp (x->key, y->key);
}

/**
 * jm_map_list_names:
 * @kind: teams or channels
 *
 * The distinct teams or channels that the map's touchpoints name, one for
 * each key: known channels first in the app's order, then the rest by
 * name. Each shows as the known channel's label, or else as first written
 * on the map.
 *
 * Returns: (transfer full) (element-type JmName): the names
 */
GPtrArray *
jm_map_list_names (JmMap      *map,
                   JmNameKind  kind)
{
  GListModel *touchpoints;
  Listing listing = { kind, NULL, NULL, NULL };

  g_return_val_if_fail (JM_IS_MAP (map), NULL);

  touchpoints = jm_map_get_touchpoints (map);
  listing.names = g_ptr_array_new_with_free_func (name_free);
  listing.by_spelling = g_hash_table_new (g_str_hash, g_str_equal);
  listing.by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      /* The map holds a reference to each touchpoint: its strings outlive
       * the listing. */
      g_autoptr(JmTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (kind == JM_NAME_CHANNEL)
        listing_add (&listing, jm_touchpoint_get_channel (touchpoint));
      else
        {
          const char * const *teams = jm_touchpoint_get_teams (touchpoint);

          for (guint t = 0; teams != NULL && teams[t] != NULL; t++)
            listing_add (&listing, teams[t]);
        }
    }
  g_hash_table_unref (listing.by_spelling);
  g_hash_table_unref (listing.by_key);
  g_ptr_array_sort_with_data (listing.names, compare_names, GINT_TO_POINTER (kind));
  return listing.names;
}
