/* fuzz-load.c: any bytes through the loader; what loads, saves and loads
 * back the same
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-targets.h"
#include "jm-file.h"
#include "jm-file-private.h"

/* libxml2's RELAX NG validator only runs for --check --strict: the reader's
 * own checks decide every load. The two must agree on what the fuzzer
 * makes: what loads, the schema accepts; what the reader refuses as
 * breaking the format, the schema refuses too, unless the reason is one the
 * schema cannot see (references, duplicate ids) or base64 text, where
 * libxml2 lets through characters XML Schema does not allow; and decimals
 * of more than 24 digits, which libxml2 refuses. Past this size the
 * validator, quadratic in siblings, would slow the fuzzer down. */
#define ORACLE_SIZE (64 * 1024)

/* libxml2's validator refuses an xsd:decimal of more than 24 digits, a
 * limit of its own: the reader reads every decimal by one rule. */
static gboolean
has_long_decimal (const guint8 *data,
                  gsize         size)
{
  guint digits = 0;

  for (gsize i = 0; i < size; i++)
    {
      if (g_ascii_isdigit (data[i]))
        {
          if (++digits > 24)
            return TRUE;
        }
      else if (data[i] != '.')
        {
          digits = 0;
        }
    }
  return FALSE;
}

static void
check_with_schema (const guint8 *data,
                   gsize         size,
                   const GError *error)
{
  g_autoptr(GError) schema_error = NULL;
  gboolean schema;

  if (size > ORACLE_SIZE)
    return;
  if (error != NULL && !g_error_matches (error, JM_FILE_ERROR, JM_FILE_ERROR_INVALID) &&
      !g_error_matches (error, JM_FILE_ERROR, JM_FILE_ERROR_NOT_A_MAP))
    return;
  schema = _jm_file_validate_schema ((const char *) data, size, "fuzz.journey", &schema_error);
  if (error == NULL && !schema && !has_long_decimal (data, size))
    {
      g_printerr ("The reader loads what the schema refuses: %s\n", schema_error->message);
      abort ();
    }
  if (error != NULL && schema &&
      strstr (error->message, "no such") == NULL && strstr (error->message, "same id") == NULL &&
      strstr (error->message, "base64") == NULL)
    {
      g_printerr ("The reader refuses what the schema accepts: %s\n", error->message);
      abort ();
    }
}

static void
silence (const char     *domain,
         GLogLevelFlags  level,
         const char     *message,
         gpointer        data)
{
}

int
jm_fuzz_load (const guint8 *data,
              gsize         size)
{
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  g_autoptr(JmMap) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) rewritten = NULL;

  map = jm_file_load_bytes (input, "fuzz.journey", &error);
  if (map == NULL)
    {
      /* Every refusal says where and why. */
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.journey:"))
        abort ();
      check_with_schema (data, size, error);
      return 0;
    }
  check_with_schema (data, size, NULL);
  if (jm_map_get_modified (map))
    abort ();

  written = jm_file_write_bytes (map);
  again = jm_file_load_bytes (written, "written.journey", &error);
  if (again == NULL)
    {
      g_printerr ("A loaded map did not load back: %s\n", error->message);
      abort ();
    }
  rewritten = jm_file_write_bytes (again);
  if (!g_bytes_equal (written, rewritten))
    {
      g_printerr ("A loaded map changed on its way through a save\n");
      abort ();
    }
  return 0;
}

#ifdef JM_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (silence, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  return jm_fuzz_load (data, size);
}
#else
void
jm_fuzz_silence (void)
{
  g_log_set_default_handler (silence, NULL);
}
#endif
