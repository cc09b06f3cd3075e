/* jm-types.c: small shared definitions of the map model
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-types.h"

static const struct {
  const char *id;
  const char *label;
} measures[JM_N_MEASURES] = {
  { "responsiveness", N_("Responsiveness") },
  { "convenience", N_("Convenience") },
  { "reliability", N_("Reliability") },
  { "relevance", N_("Relevance") },
};

static const struct {
  const char *id;
  const char *label;
} rows[JM_N_ROWS] = {
  { "actions", N_("Customer actions") },
  { "needs", N_("Needs & expectations") },
  { "thoughts", N_("Thoughts & feelings") },
  { "opportunities", N_("Opportunities for improvement") },
  { "metrics", N_("Metrics to track") },
};

/* The icons are the app's own (ui/icons), in its resources: icon themes
 * differ in which of these they have, if any. */
static const JmChannelInfo channels[] = {
  { "web", N_("Website"), "jm-channel-web-symbolic" },
  { "mobile-app", N_("Mobile app"), "jm-channel-mobile-app-symbolic" },
  { "live-chat", N_("Live chat"), "jm-channel-live-chat-symbolic" },
  { "social", N_("Social media"), "jm-channel-social-symbolic" },
  { "email", N_("Email"), "jm-channel-email-symbolic" },
  { "phone", N_("Phone / call centre"), "jm-channel-phone-symbolic" },
  { "in-store", N_("In store"), "jm-channel-in-store-symbolic" },
  { "kiosk", N_("Kiosk"), "jm-channel-kiosk-symbolic" },
  { "self-service", N_("Self-service portal"), "jm-channel-self-service-symbolic" },
  { "mail", N_("Post / mail"), "jm-channel-mail-symbolic" },
  { "advert", N_("TV or print advert"), "jm-channel-advert-symbolic" },
  { "other", N_("Other"), "jm-channel-other-symbolic" },
};

/* A palette that stays distinct for the common forms of colour blindness
 * (after Okabe and Ito), used for personas in the order they are added. */
static const char *palette[] = {
  "#0072b2", "#e69f00", "#009e73", "#cc79a7",
  "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f",
};

const char *
jm_measure_get_id (JmMeasure measure)
{
  g_return_val_if_fail (measure < JM_N_MEASURES, NULL);
  return measures[measure].id;
}

const char *
jm_measure_get_label (JmMeasure measure)
{
  g_return_val_if_fail (measure < JM_N_MEASURES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, measures[measure].label);
}

gboolean
jm_measure_from_id (const char *id,
                    JmMeasure  *measure)
{
  for (guint i = 0; i < JM_N_MEASURES; i++)
    if (g_strcmp0 (id, measures[i].id) == 0)
      {
        if (measure != NULL)
          *measure = i;
        return TRUE;
      }
  return FALSE;
}

const char *
jm_row_get_id (JmRow row)
{
  g_return_val_if_fail (row < JM_N_ROWS, NULL);
  return rows[row].id;
}

const char *
jm_row_get_label (JmRow row)
{
  g_return_val_if_fail (row < JM_N_ROWS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, rows[row].label);
}

/**
 * jm_channels:
 * @n_channels: (out): the number of channels
 *
 * Returns: (transfer none): the channels the app knows, in display order
 */
const JmChannelInfo *
jm_channels (guint *n_channels)
{
  if (n_channels != NULL)
    *n_channels = G_N_ELEMENTS (channels);
  return channels;
}

const JmChannelInfo *
jm_channel_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (g_strcmp0 (id, channels[i].id) == 0)
      return &channels[i];
  return NULL;
}

/**
 * jm_channel_get_label:
 *
 * Returns: the translated label of a known channel, or @id itself for a
 *   channel the user typed in freely
 */
const char *
jm_channel_get_label (const char *id)
{
  const JmChannelInfo *info = jm_channel_lookup (id);

  if (info == NULL)
    return id != NULL ? id : "";
  return g_dgettext (GETTEXT_PACKAGE, info->label);
}

const char *
jm_emotion_get_label (int emotion)
{
  switch (emotion)
    {
    case -2: return _("Very negative");
    case -1: return _("Negative");
    case 0: return _("Neutral");
    case 1: return _("Positive");
    case 2: return _("Very positive");
    default: return _("Not set");
    }
}

/**
 * jm_colour_is_valid:
 *
 * Returns: %TRUE if @colour is written as "#rrggbb"
 */
gboolean
jm_colour_is_valid (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

/**
 * jm_date_is_valid:
 *
 * Returns: %TRUE if @date is a day of the calendar written as YYYY-MM-DD
 *   (xsd:date without a time zone), such as 2026-12-07
 */
gboolean
jm_date_is_valid (const char *date)
{
  static const guint8 digits[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    if (!g_ascii_isdigit (date[digits[i]]))
      return FALSE;
  year = (guint) g_ascii_strtoull (date, NULL, 10);
  month = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

const char *
jm_palette_colour (guint index)
{
  return palette[index % G_N_ELEMENTS (palette)];
}

static const JmCardKindInfo card_kinds[] = {
  { "pain-point", N_("Pain point"), N_("New pain point"), "#e01b24", "dialog-warning-symbolic" },
  { "idea", N_("Idea"), N_("New idea"), "#f6d32d", "starred-symbolic" },
  { "question", N_("Question"), N_("New question"), "#9141ac", "dialog-question-symbolic" },
};

/**
 * jm_card_kinds:
 * @n_kinds: (out): the number of kinds
 *
 * The kinds a card can be besides a plain touchpoint (whose kind is
 * empty), as card templates offer them.
 *
 * Returns: (transfer none): the kinds, in menu order
 */
const JmCardKindInfo *
jm_card_kinds (guint *n_kinds)
{
  if (n_kinds != NULL)
    *n_kinds = G_N_ELEMENTS (card_kinds);
  return card_kinds;
}

/**
 * jm_card_kind_lookup:
 * @id: (nullable): a card's kind
 *
 * Returns: (nullable): the kind, or %NULL for a plain card or a kind this
 *   version does not know (which the file keeps as it is)
 */
const JmCardKindInfo *
jm_card_kind_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (card_kinds); i++)
    if (g_strcmp0 (id, card_kinds[i].id) == 0)
      return &card_kinds[i];
  return NULL;
}
