/* jm-file-validate.c: the RELAX NG backstop
 *
 * libxml2's validator against data/journey-1.rng, for --check --strict and
 * for the tests that check the reader's own checks agree with the schema.
 * It is slow (see jm-file-reader.c), so nothing else waits on it.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>

#include "jm-core-resources.h"
#include "jm-file-reader-private.h"

#define RNG_RESOURCE RESOURCE_PREFIX "/journey-1.rng"

static xmlRelaxNGPtr
load_schema (void)
{
  static gsize once = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (jm_core_get_resource (), RNG_RESOURCE, 0, NULL);
      xmlRelaxNGParserCtxtPtr parser;

      g_assert (bytes != NULL);
      parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
      g_assert (schema != NULL);
      g_once_init_leave (&once, 1);
    }
  return schema;
}

typedef struct
{
  GError    **error;
  const char *name;
} RngErrorData;

static void
on_rng_error (void       *user_data,
              JmXmlError *error)
{
  RngErrorData *data = user_data;
  g_autofree char *message = NULL;

  if (data->error == NULL || *data->error != NULL || error->level < XML_ERR_ERROR)
    return;
  message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
  _jm_file_set_error (data->error, JM_FILE_ERROR_INVALID, data->name, error->line, 1,
                      _("the map does not follow the journey map format: %s"), message);
}

/* Known by the entity fence (jm-file-reader.c) as one of ours. */
void
_jm_file_on_dom_internal_subset (void          *ctx,
                                 const xmlChar *name,
                                 const xmlChar *external_id,
                                 const xmlChar *system_id)
{
  xmlStopParser (ctx);
}

/**
 * _jm_file_validate_schema:
 *
 * libxml2's verdict alone, for --check --strict and for tests that compare
 * it with the reader's own checks.
 *
 * Returns: %TRUE if the schema accepts the bytes
 */
gboolean
_jm_file_validate_schema (const char  *data,
                          gsize        length,
                          const char  *name,
                          GError     **error)
{
  static GMutex mutex;
  xmlRelaxNGPtr schema = load_schema ();
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlRelaxNGValidCtxtPtr valid;
  RngErrorData error_data = { error, name };
  int result;

  _jm_file_init ();
  ctxt = xmlNewParserCtxt ();
  ctxt->sax->internalSubset = _jm_file_on_dom_internal_subset;
  ctxt->sax->externalSubset = NULL;
  /* XML_PARSE_HUGE lifts libxml2's 10 MB limit on one piece (a comment
   * the reader accepts, say). Only safe because the reader's pass has
   * already refused any DOCTYPE (so there are no entities to amplify) and
   * any nesting deeper than JM_READER_MAX_DEPTH. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, JM_READER_PARSE_OPTIONS | XML_PARSE_HUGE);
  if (doc == NULL || ctxt->wellFormed == 0)
    {
      /* The SAX pass accepted these bytes, so this cannot happen: still,
       * never call a file valid that a parser refused. */
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      _jm_file_set_error (error, JM_FILE_ERROR_SYNTAX, name, 1, 1, _("the XML is not well-formed"));
      return FALSE;
    }
  xmlFreeParserCtxt (ctxt);

  /* libxml2 does not promise that one compiled schema validates two
   * documents at once. */
  g_mutex_lock (&mutex);
  valid = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (valid, on_rng_error, &error_data);
  result = xmlRelaxNGValidateDoc (valid, doc);
  xmlRelaxNGFreeValidCtxt (valid);
  g_mutex_unlock (&mutex);
  xmlFreeDoc (doc);

  if (result != 0 && error != NULL && *error == NULL)
    _jm_file_set_error (error, JM_FILE_ERROR_INVALID, name, 1, 1,
                        _("the map does not follow the journey map format"));
  return result == 0;
}
