/* fuzz-load.c: any bytes through the loader; what loads, saves and loads
 * back the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz-targets.h"
#include "jm-file.h"

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
      return 0;
    }
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
