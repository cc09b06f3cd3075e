/* jm-file-messages.c: what the reader says when a file is refused
 *
 * Every refusal names the file, a line and a column, and says in plain
 * words what is wrong: libxml2's own messages speak of its internals, so
 * the syntax errors a person can make by hand are worded here.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-file-reader-private.h"

/* Errors */

void
_jm_file_set_error (GError     **error,
                    int          code,
                    const char  *display_name,
                    int          line,
                    int          column,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, JM_FILE_ERROR, code, "%s:%d:%d: %s",
               display_name, MAX (line, 1), MAX (column, 1), message);
}

void
_jm_file_set_too_large (GError     **error,
                        const char  *display_name,
                        guint64      size)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (JM_FILE_MAX_SIZE);

  /* Just over the cap, both round to the same text: then give the bytes. */
  if (g_str_equal (size_text, limit_text))
    {
      g_free (size_text);
      size_text = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
    }
  _jm_file_set_error (error, JM_FILE_ERROR_TOO_LARGE, display_name, 1, 1,
                      _("the file is %s, more than the %s a map file may have"),
                      size_text, limit_text);
}

void
_jm_reader_fail (Reader     *self,
                 int         code,
                 int         line,
                 int         column,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _jm_file_set_error (&self->error, code, self->name, line, column, "%s", message);
  if (self->ctxt != NULL)
    xmlStopParser (self->ctxt);
}

/* Syntax errors, in plain words */

static const char *
syntax_message (const xmlError *error)
{
  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
    case XML_ERR_DOCUMENT_START:
      return _("this is not XML: it does not start with a tag");
    case XML_ERR_DOCUMENT_END:
      return _("there is more after the end of the map");
    case XML_ERR_TAG_NAME_MISMATCH:
      return _("an end tag does not match its start tag");
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
      return _("the file ends before the map is complete, or a tag is not closed");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_NAME_REQUIRED:
      return _("an “&” must be written as “&amp;”");
    case XML_ERR_LT_IN_ATTRIBUTE:
      return _("a “<” in an attribute value must be written as “&lt;”");
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
      return _("the file holds a character that XML does not allow");
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      return _("the text is not in a known encoding such as UTF-8");
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return _("an element has the same attribute twice");
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED:
      return _("an attribute value is not quoted properly");
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
      return _("a namespace prefix is used without being declared");
    case XML_ERR_COMMENT_NOT_FINISHED:
      return _("a comment (<!-- … -->) is not closed");
    case XML_ERR_PI_NOT_FINISHED:
      return _("a processing instruction (<? … ?>) is not closed");
    case XML_ERR_CDATA_NOT_FINISHED:
      return _("a CDATA section (<![CDATA[ … ]]>) is not closed");
    case XML_ERR_NAME_TOO_LONG:
      return _("a name is longer than the 50,000 characters XML allows here");
    case XML_ERR_INTERNAL_ERROR:
      /* libxml2 gives up on a single piece (a run of spaces, a tag, a
       * reference) of more than 10 MB. */
      return _("more than 10 MB here without a break (spaces, a tag or a reference), "
               "more than a map file may have");
    case XML_ERR_EXT_ENTITY_STANDALONE:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_ENTITY_BOUNDARY:
      return _("the file uses entities, which a map file may not");
    default:
      return NULL;
    }
}

void
_jm_reader_on_structured_error (void       *user_data,
                                JmXmlError *error)
{
  xmlParserCtxtPtr ctxt = user_data;
  Reader *self = ctxt->_private;
  const char *message;
  g_autofree char *detail = NULL;
  int code = JM_FILE_ERROR_SYNTAX;

  if (self == NULL || self->error != NULL || self->done || error->level < XML_ERR_ERROR ||
      error->code == XML_ERR_USER_STOP)
    return;

  message = syntax_message (error);
  if (error->code == XML_ERR_TAG_NAME_MISMATCH && error->str1 != NULL && error->str2 != NULL)
    {
      detail = g_strdup_printf (_("the end tag </%s> does not match the start tag <%s> of line %d"),
                                error->str2, error->str1, error->int1);
      message = detail;
    }
  else if (message == NULL)
    {
      detail = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
      message = detail;
    }
  if (error->code == XML_ERR_DOCUMENT_EMPTY || error->code == XML_ERR_DOCUMENT_START ||
      error->code == XML_ERR_INVALID_ENCODING || error->code == XML_ERR_UNKNOWN_ENCODING ||
      error->code == XML_ERR_UNSUPPORTED_ENCODING)
    code = JM_FILE_ERROR_NOT_XML;
  else if (error->code == XML_ERR_ENTITY_LOOP || error->code == XML_ERR_EXT_ENTITY_STANDALONE)
    code = JM_FILE_ERROR_FORBIDDEN;

  _jm_reader_fail (self, code, error->line, error->int2, "%s", message);
}
