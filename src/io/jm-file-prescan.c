/* jm-file-prescan.c: the linear pre-scan
 *
 * Before libxml2 sees a byte, one pass over the file refuses what it handles
 * badly or slowly: binary data, UTF-16, a DOCTYPE (and with it entities),
 * thousands of attributes on one tag, absurd nesting, and pieces longer
 * than it takes in one go. The pass only looks at the bytes that matter
 * inside tags, and memchr() skips the rest many bytes at a time.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jm-file-reader-private.h"

#define MAX_ATTRIBUTES JM_READER_MAX_ATTRIBUTES
#define MAX_DEPTH JM_READER_MAX_DEPTH
#define PIECE_LIMIT JM_READER_PIECE_LIMIT

/* Lines are only counted when there is an error to place. */
static void
position_of (const char *data,
             const char *at,
             int        *line,
             int        *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (int) (at - line_start) + 1;
}

static gboolean
prescan_fail (GError     **error,
              int          code,
              const char  *name,
              const char  *data,
              const char  *at,
              const char  *message)
{
  int line, column;

  position_of (data, at, &line, &column);
  _jm_file_set_error (error, code, name, line, column, "%s", message);
  return FALSE;
}

static gboolean
prescan_too_long (GError     **error,
                  const char  *name,
                  const char  *data,
                  const char  *at,
                  gsize        size,
                  const char  *format)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (PIECE_LIMIT);
  g_autofree char *message = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (format, size_text, limit_text);
#pragma GCC diagnostic pop
  return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, at, message);
}

/* The bytes that matter inside a tag. */
static const guchar tag_byte[256] = {
  ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, ['='] = 1,
};

/* Where a DOCTYPE ends: its internal subset may hold quoted '>' and
 * comments and declarations of its own. */
static const char *
doctype_end (const char *p,
             const char *end)
{
  int brackets = 0;
  char quote = 0;

  for (p += 9; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        {
          quote = *p;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return end;
          p = close + 2;
        }
      else if (*p == '[')
        {
          brackets++;
        }
      else if (*p == ']')
        {
          brackets--;
        }
      else if (*p == '>' && brackets <= 0)
        {
          return p + 1;
        }
    }
  return end;
}

/* What says at once that the bytes are no map at all. */
static gboolean
prescan_start (const char  *data,
               gsize        length,
               const char  *name,
               Prologue    *prologue,
               GError     **error)
{
  const char *nul;

  if (_jm_reader_is_blank (data, length))
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, name, 1, 1,
                          _("the file is empty, not a journey map"));
      return FALSE;
    }
  if (length >= 2 && (((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff) ||
                      ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      (data[0] == '<' && data[1] == '\0') || (data[0] == '\0' && data[1] == '<')))
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, name, 1, 1,
                          _("the file is UTF-16 text, but a map file must be UTF-8: "
                            "save it again as UTF-8"));
      return FALSE;
    }
  if (length >= 2 && (guchar) data[0] == 0x1f && (guchar) data[1] == 0x8b)
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, name, 1, 1,
                          _("the file holds compressed or binary data, not a journey map"));
      return FALSE;
    }
  /* Text has no NUL: from here on the bytes can be searched as strings. */
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      /* Still learn where the root is, should the text before the NUL
       * be the start of a map of a newer format. */
      if (nul > data)
        _jm_file_prescan (data, nul - data, name, TRUE, prologue, NULL);
      return prescan_fail (error, JM_FILE_ERROR_NOT_XML, name, data, nul,
                           _("the file holds compressed or binary data, not a journey map"));
    }
  return TRUE;
}

/* A comment, a CDATA section, a processing instruction or a DOCTYPE at @p:
 * returns where the scan goes on after it, @p itself when there is none,
 * or NULL with @error set. */
static const char *
skip_markup (const char  *data,
             const char  *end,
             const char  *name,
             const char  *p,
             Prologue    *prologue,
             GError     **error)
{
  const char *close;

  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    {
      close = g_strstr_len (p + 4, end - p - 4, "-->");
      return close != NULL ? close + 3 : end;
    }
  if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
    {
      close = g_strstr_len (p + 9, end - p - 9, "]]>");
      if (close != NULL && close - p - 9 > PIECE_LIMIT)
        {
          prescan_too_long (error, name, data, p, close - p - 9,
                            _("a CDATA section is %s long, more than the %s "
                              "a map file may have in one piece"));
          return NULL;
        }
      return close != NULL ? close + 3 : end;
    }
  if (end - p >= 2 && p[1] == '?')
    {
      close = g_strstr_len (p + 2, end - p - 2, "?>");
      if (close != NULL && close - p - 2 > PIECE_LIMIT)
        {
          prescan_too_long (error, name, data, p, close - p - 2,
                            _("a processing instruction (<? … ?>) is %s long, more than "
                              "the %s a map file may have in one piece"));
          return NULL;
        }
      return close != NULL ? close + 2 : end;
    }
  if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
    {
      /* Refused at the end, once the root element says whether this is a
       * map of a newer format, which may have one. */
      if (prologue->doctype == NULL)
        {
          prologue->doctype = p;
          prologue->doctype_end = doctype_end (p, end);
        }
      return doctype_end (p, end);
    }
  return p;
}

/* The tag at @tag, up to its '>': returns where the scan stopped (at the
 * '>', at a '<' that cut the tag short, or at @end), or NULL with @error
 * set. */
static const char *
scan_tag (const char  *data,
          const char  *end,
          const char  *name,
          const char  *tag,
          gboolean     special,
          GError     **error)
{
  const char *p;
  char quote = 0;
  const char *value = NULL;
  guint attributes = 0;

  for (p = tag + 1; p < end; p++)
    {
      /* Names, spaces and most of each value need no look; inside a
       * value only its closing quote or a '<' matter, and memchr()
       * finds them many bytes at a time. */
      if (quote != 0 && *p != quote && *p != '<')
        {
          const char *q = memchr (p, quote, end - p);
          const char *lt = memchr (p, '<', (q != NULL ? q : end) - p);

          p = lt != NULL ? lt : q != NULL ? q : end;
        }
      else
        {
          while (!tag_byte[(guchar) *p] && ++p < end)
            ;
        }
      if (p >= end)
        break;
      /* A '<' ends the scan even inside quotes: libxml2 stops there
       * too, so a stray quote cannot hide what follows. */
      if (*p == '<')
        break;
      if (quote != 0)
        {
          if (*p == quote)
            {
              quote = 0;
              if (p - value > PIECE_LIMIT)
                {
                  prescan_too_long (error, name, data, tag, p - value,
                                    _("an attribute value is %s long, more than the %s "
                                      "a map file may have in one piece"));
                  return NULL;
                }
            }
        }
      else if (special)
        {
          if (*p == '>')
            break;
        }
      else if (*p == '"' || *p == '\'')
        {
          quote = *p;
          value = p + 1;
        }
      else if (*p == '=')
        {
          if (++attributes > MAX_ATTRIBUTES)
            {
              g_autofree char *message =
                g_strdup_printf (_("an element has more than %d attributes, which no map needs"),
                                 MAX_ATTRIBUTES);

              prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, tag, message);
              return NULL;
            }
        }
      else if (*p == '>')
        {
          break;
        }
    }
  return p;
}

/**
 * _jm_file_prescan:
 * @stop_at_root: stop after the root element's start tag
 * @prologue: (out caller-allocates): what was seen of the file's start,
 *   also when the bytes are refused
 *
 * Returns: %TRUE if libxml2 may parse the bytes
 */
gboolean
_jm_file_prescan (const char  *data,
                  gsize        length,
                  const char  *name,
                  gboolean     stop_at_root,
                  Prologue    *prologue,
                  GError     **error)
{
  const char *end = data + length;
  const char *p;
  int depth = 0;

  memset (prologue, 0, sizeof *prologue);

  if (!prescan_start (data, length, name, prologue, error))
    return FALSE;

  for (p = memchr (data, '<', length); p != NULL; p = p < end ? memchr (p, '<', end - p) : NULL)
    {
      const char *tag = p;
      const char *next = skip_markup (data, end, name, p, prologue, error);
      gboolean closing;
      gboolean special;

      if (next == NULL)
        return FALSE;
      if (next != p)
        {
          p = next;
          continue;
        }

      closing = end - p >= 2 && p[1] == '/';
      special = end - p >= 2 && p[1] == '!';
      p = scan_tag (data, end, name, tag, special, error);
      if (p == NULL)
        return FALSE;
      if (p >= end || *p != '>')
        continue;
      if (!special && !closing && prologue->root == NULL)
        {
          prologue->root = tag;
          prologue->root_end = p + 1;
          if (stop_at_root || prologue->doctype != NULL)
            break;
        }
      if (!special)
        {
          if (closing)
            depth--;
          else if (p[-1] != '/' && ++depth > MAX_DEPTH)
            {
              g_autofree char *message =
                g_strdup_printf (_("elements are nested more than %d levels deep, which no map needs"),
                                 MAX_DEPTH);

              return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, tag, message);
            }
        }
      p++;
    }
  if (prologue->doctype != NULL)
    return prescan_fail (error, JM_FILE_ERROR_FORBIDDEN, name, data, prologue->doctype,
                         _("a map file may not have a DOCTYPE"));
  return TRUE;
}
