/* jm-bench-source.c: where a benchmark driver gets its map
 *
 * A SOURCE is a .journey file, loaded as the app loads it, or
 * "generated:N:SEED", the map jm-generate would write, built in memory. The
 * second form measures saving and drawing maps that the loader refuses
 * (for example files over its size cap).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jm-bench-source.h"
#include "jm-file.h"
#include "jm-generate.h"

/**
 * jm_bench_open_map:
 * @source: a path, or "generated:N:SEED"
 * @error: where to say what went wrong
 *
 * Returns: (transfer full): the map, or %NULL with @error set
 */
JmMap *
jm_bench_open_map (const char  *source,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_has_prefix (source, "generated:"))
    {
      g_auto(GStrv) parts = g_strsplit (source, ":", -1);
      guint64 n, seed;

      if (g_strv_length (parts) != 3 ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &n, error) ||
          !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT32, &seed, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         "%s: expected generated:N:SEED", source);
          return NULL;
        }
      return jm_generate_map ((guint) n, (guint32) seed);
    }

  file = g_file_new_for_commandline_arg (source);
  return jm_file_load (file, NULL, error);
}

/**
 * jm_bench_peak_rss_kb:
 *
 * Returns: the process's resident high-water mark (VmHWM) in KiB, or 0
 */
guint64
jm_bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}
