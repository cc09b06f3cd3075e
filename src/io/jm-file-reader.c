/* jm-file-reader.c: building a map from the bytes of a .journey file
 *
 * The file is someone else's until proven otherwise. The bytes go through a
 * linear pre-scan that refuses what libxml2 handles badly (binary data, a
 * DOCTYPE, thousands of attributes on one tag, absurd nesting), then through
 * libxml2's SAX2 parser, from memory, with safe options only. The handlers
 * build the model as they go and check everything the RELAX NG schema says,
 * with messages a person can act on, in time linear in the file's size.
 * The RELAX NG schema only runs when asked to be strict (--check --strict)
 * and in the test suite, which checks that both agree: libxml2's validator
 * costs about 70 µs per touchpoint and is quadratic in sibling elements
 * under <interleave> (60,000 siblings took seconds, a few more minutes),
 * so no load, check or score of a map waits on it.
 *
 * This file drives the pass; jm-file-reader-private.h says where the other
 * parts are.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-file-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jm-file-conflicts.h"
#include "jm-file-reader-private.h"
#include "jm-map-private.h"

/* Below this, a second thread costs more than it saves. */
#define PARALLEL_PRESCAN_SIZE (1024 * 1024)

/* The second fence: no external entity is ever loaded for our parsers.
 * Other libxml2 users in the process keep the loader they had. */
static xmlExternalEntityLoader previous_loader;

static xmlParserInputPtr
deny_external_entities (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  if (ctxt != NULL && ctxt->sax != NULL &&
      (ctxt->sax->internalSubset == _jm_reader_on_internal_subset ||
       ctxt->sax->internalSubset == _jm_file_on_dom_internal_subset))
    return NULL;
  return previous_loader (url, id, ctxt);
}

static gpointer
install_entity_loader (gpointer data)
{
  /* libxml2 wants its global state set up before threads use it. */
  xmlInitParser ();
  previous_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (deny_external_entities);
  return NULL;
}

/* The pre-scan, beside the parser's copy */

typedef struct
{
  const char *data;
  gsize       length;
  const char *name;
  Prologue    prologue;
  gboolean    ok;
  GError     *error;
} PrescanJob;

static gpointer
run_prescan (gpointer data)
{
  PrescanJob *job = data;

  job->ok = _jm_file_prescan (job->data, job->length, job->name, FALSE, &job->prologue, &job->error);
  return NULL;
}

/* A file the pre-scan refuses may still be a map of a newer format (one
 * that has a DOCTYPE, say): then that is what the user must hear, and what
 * keeps a save from overwriting it. The start of the file up to the root's
 * start tag, without its DOCTYPE (blanked, so that lines and columns stay
 * where they are), goes through the loader's own root check. */
static gboolean
newer_root (const char      *data,
            const char      *name,
            const Prologue  *prologue,
            GError         **error)
{
  g_autofree char *head = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  gboolean newer = FALSE;

  if (prologue->root == NULL)
    return FALSE;
  length = prologue->root_end - data;
  head = g_strndup (data, length);
  if (prologue->doctype != NULL && prologue->doctype < prologue->root)
    for (char *p = head + (prologue->doctype - data); p < head + (prologue->doctype_end - data); p++)
      if (*p != '\n' && *p != '\r')
        *p = ' ';
  _jm_file_read (head, length, name, JM_FILE_LOAD_PEEK, NULL, &newer, &local_error);
  if (!newer)
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return TRUE;
}

static gboolean
prescan_failed (const char      *data,
                const char      *name,
                const Prologue  *prologue,
                GError          *prescan_error,
                gboolean        *newer_version,
                GError         **error)
{
  GError *newer_error = NULL;

  if (newer_root (data, name, prologue, &newer_error))
    {
      if (newer_version != NULL)
        *newer_version = TRUE;
      g_error_free (prescan_error);
      g_propagate_error (error, newer_error);
    }
  else
    {
      g_propagate_error (error, prescan_error);
    }
  return FALSE;
}

static gboolean
has_bare_cr (const char *data,
             gsize       length)
{
  const char *end = data + length;

  for (const char *p = memchr (data, '\r', length); p != NULL;
       p = memchr (p + 1, '\r', end - p - 1))
    if (p + 1 == end || p[1] != '\n')
      return TRUE;
  return FALSE;
}

/* XML reads a CR alone as a line end, exactly as it reads LF (XML 1.0,
 * 2.11): the same map, with lines libxml2 counts. */
static char *
lf_line_ends (const char *data,
              gsize       length)
{
  char *copy = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    copy[i] = data[i] == '\r' && (i + 1 == length || data[i + 1] != '\n') ? '\n' : data[i];
  copy[length] = '\0';
  return copy;
}

/* The references */

/* After the parse: every reference names something that exists. */
static gboolean
check_references (Reader *self)
{
  Reference *first = NULL;

  for (guint i = 0; i < self->references->len; i++)
    {
      Reference *ref = &g_array_index (self->references, Reference, i);
      gboolean found;

      switch (ref->kind)
        {
        case 0: found = jm_map_lookup_stage (self->map, ref->id) != NULL; break;
        case 1: found = jm_map_lookup_persona (self->map, ref->id) != NULL; break;
        default: found = jm_map_lookup_touchpoint (self->map, ref->id) != NULL; break;
        }
      if (!found && (first == NULL || ref->line < first->line ||
                     (ref->line == first->line && ref->column < first->column)))
        first = ref;
    }

  if (first == NULL)
    return TRUE;

  switch (first->kind)
    {
    case 0:
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                       _("touchpoint “%s” is in stage “%s”, but the map has no such stage"),
                       first->from, first->id);
      break;
    case 1:
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                       _("touchpoint “%s” is in the lane of persona “%s”, but the map has no such persona"),
                       first->from, first->id);
      break;
    case 3:
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                       _("a vote in voting round “%s” is for touchpoint “%s”, but the map has no such touchpoint"),
                       first->from, first->id);
      break;
    default:
      _jm_reader_fail (self, JM_FILE_ERROR_INVALID, first->line, first->column,
                       _("touchpoint “%s” links to touchpoint “%s”, but the map has no such touchpoint"),
                       first->from, first->id);
      break;
    }
  return FALSE;
}

static void
reference_clear (gpointer data)
{
  Reference *ref = data;

  g_free (ref->from);
  g_free (ref->id);
}

static gpointer
fill_layout (gpointer data)
{
  _jm_reader_fill_layout ();
  return NULL;
}

/**
 * _jm_file_init:
 *
 * Sets up libxml2 and the entity fence once; call it in the main thread
 * before handing work to other threads.
 */
void
_jm_file_init (void)
{
  static GOnce loader_once = G_ONCE_INIT;
  static GOnce layout_once = G_ONCE_INIT;

  g_once (&loader_once, install_entity_loader, NULL);
  g_once (&layout_once, fill_layout, NULL);
}

/* The pass */

/* The parser for @data, once the pre-scan has let the bytes through, or
 * NULL with @error set. */
static xmlParserCtxtPtr
create_parser (const char       *data,
               gsize             length,
               const char       *display_name,
               JmFileLoadFlags   flags,
               gboolean         *newer_version,
               GError          **error)
{
  xmlSAXHandler sax = { 0 };
  xmlParserCtxtPtr ctxt;
  PrescanJob *job = NULL;
  GThread *prescan_thread = NULL;
  Prologue prologue;
  GError *prescan_error = NULL;

  /* The parser's copy of a large file is made while the pre-scan runs
   * on another core; nothing is parsed before the pre-scan is done.
   * To learn the version, the pre-scan stops at the root element. */
  if (length >= PARALLEL_PRESCAN_SIZE && !(flags & JM_FILE_LOAD_PEEK))
    {
      job = g_new0 (PrescanJob, 1);
      job->data = data;
      job->length = length;
      job->name = display_name;
      prescan_thread = g_thread_try_new ("jm-prescan", run_prescan, job, NULL);
      if (prescan_thread == NULL)
        g_clear_pointer (&job, g_free);
    }
  if (job == NULL &&
      !_jm_file_prescan (data, length, display_name, (flags & JM_FILE_LOAD_PEEK) != 0, &prologue, &prescan_error))
    {
      prescan_failed (data, display_name, &prologue, prescan_error, newer_version, error);
      return NULL;
    }

  _jm_reader_set_handlers (&sax);
  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (prescan_thread != NULL)
    {
      g_thread_join (prescan_thread);
      if (!job->ok)
        {
          g_clear_pointer (&ctxt, xmlFreeParserCtxt);
          prescan_failed (data, display_name, &job->prologue, job->error, newer_version, error);
          g_free (job);
          return NULL;
        }
      g_free (job);
    }
  if (ctxt == NULL)
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, display_name, 1, 1,
                          _("the file could not be read as XML"));
      return NULL;
    }
  xmlCtxtUseOptions (ctxt, JM_READER_PARSE_OPTIONS);
  memcpy (ctxt->sax, &sax, sizeof sax);
  return ctxt;
}

static void
reader_init (Reader           *self,
             xmlParserCtxtPtr  ctxt,
             const char       *display_name,
             JmFileLoadFlags   flags,
             GCancellable     *cancellable)
{
  ctxt->_private = self;
  self->ctxt = ctxt;
  self->name = display_name;
  self->flags = flags;
  self->cancellable = cancellable;
  self->map = jm_map_new ();
  self->stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  self->text = g_string_new (NULL);
  self->value = g_string_new (NULL);
  self->items = g_ptr_array_new_with_free_func (g_free);
  self->references = g_array_new (FALSE, TRUE, sizeof (Reference));
  g_array_set_clear_func (self->references, reference_clear);
  self->foreign_declared = g_ptr_array_new_with_free_func (g_free);
  self->foreign_declared_counts = g_array_new (FALSE, FALSE, sizeof (int));
  self->foreign_needed = g_ptr_array_new_with_free_func (g_free);
}

/* All but the map and the error. */
static void
reader_clear (Reader *self)
{
  for (guint i = 0; i < self->stack->len; i++)
    {
      _jm_reader_frame_clear (&g_array_index (self->stack, Frame, i));
    }
  g_array_unref (self->stack);
  g_string_free (self->text, TRUE);
  g_string_free (self->value, TRUE);
  g_ptr_array_unref (self->items);
  g_array_unref (self->references);
  if (self->foreign != NULL)
    g_string_free (self->foreign, TRUE);
  g_free (self->foreign_slot);
  g_ptr_array_unref (self->foreign_declared);
  g_array_unref (self->foreign_declared_counts);
  g_ptr_array_unref (self->foreign_needed);
}

/* The SAX pass itself, and what only its end can tell. */
static void
parse (Reader *self)
{
  xmlParserCtxtPtr ctxt = self->ctxt;

  _jm_map_begin_load (self->map);
  xmlParseDocument (ctxt);
  _jm_map_end_load (self->map);

  if (self->error == NULL && !self->done && !ctxt->wellFormed)
    _jm_reader_fail (self, JM_FILE_ERROR_SYNTAX, ctxt->input->line, ctxt->input->col,
                     _("the XML is not well-formed"));
  if (self->error == NULL && !self->done && self->stack->len != 0)
    _jm_reader_fail (self, JM_FILE_ERROR_SYNTAX, ctxt->input->line, ctxt->input->col,
                     _("the file ends before the map is complete"));

  self->ctxt = NULL;
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);
}

/**
 * _jm_file_read:
 * @newer_version: (out) (optional): set to %TRUE when the file was made by a
 *   newer major version of the format
 *
 * Returns: (transfer full) (nullable): the map, or %NULL with @error set;
 *   with %JM_FILE_LOAD_PEEK, never a map
 */
JmMap *
_jm_file_read (const char       *data,
               gsize             length,
               const char       *display_name,
               JmFileLoadFlags   flags,
               GCancellable     *cancellable,
               gboolean         *newer_version,
               GError          **error)
{
  Reader self = { 0 };
  xmlParserCtxtPtr ctxt;
  gboolean ok;

  if (newer_version != NULL)
    *newer_version = FALSE;

  _jm_file_init ();

  if (length > JM_FILE_MAX_SIZE)
    {
      _jm_file_set_too_large (error, display_name, length);
      return NULL;
    }
  /* libxml2 counts lines by LF only: a file with CR line ends (old Mac
   * editors) would report every problem on line 1. */
  if (!(flags & JM_FILE_LOAD_PEEK) && has_bare_cr (data, length))
    {
      g_autofree char *normalized = lf_line_ends (data, length);

      return _jm_file_read (normalized, length, display_name, flags, cancellable, newer_version, error);
    }
  if (length == 0)
    {
      _jm_file_set_error (error, JM_FILE_ERROR_NOT_XML, display_name, 1, 1,
                          _("the file is empty, not a journey map"));
      return NULL;
    }

  ctxt = create_parser (data, length, display_name, flags, newer_version, error);
  if (ctxt == NULL)
    return NULL;

  reader_init (&self, ctxt, display_name, flags, cancellable);
  parse (&self);

  if (newer_version != NULL)
    *newer_version = self.newer_version;

  ok = self.error == NULL && !(flags & JM_FILE_LOAD_PEEK);
  if (ok && self.map != NULL)
    ok = check_references (&self);
  if (ok && self.map != NULL)
    _jm_file_read_conflicts (self.map);
  if (ok && !(flags & JM_FILE_LOAD_SKIP_SCHEMA) && (flags & JM_FILE_LOAD_STRICT))
    ok = _jm_file_validate_schema (data, length, display_name, &self.error);

  reader_clear (&self);

  if (!ok)
    {
      g_clear_object (&self.map);
      if (self.error != NULL)
        g_propagate_error (error, self.error);
      return NULL;
    }
  return self.map;
}
