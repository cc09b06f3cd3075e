/* jm-bench.c: in-process timings of loading and saving a map
 *
 *   jm-bench load FILE [REPEAT]         load FILE, print the milliseconds
 *   jm-bench save SOURCE OUT [REPEAT]   open SOURCE once (a file, or
 *                                       "generated:N:SEED"), save it to OUT,
 *                                       print the milliseconds of each save
 *   jm-bench write SOURCE [REPEAT]      the same for jm_file_write_bytes,
 *                                       which builds the file in memory only
 *
 * One line per measurement ("load MS", "save MS" or "write MS"), then
 * "peak-rss KB", the kernel's high-water mark. Beside the commands' own
 * times, these show what the work costs without process start-up.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "jm-bench-source.h"
#include "jm-file.h"

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static guint
parse_repeat (const char *text)
{
  guint64 repeat = 1;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 1000, &repeat, NULL))
    {
      g_printerr ("jm-bench: REPEAT must be a number from 1 to 1000\n");
      exit (2);
    }
  return (guint) repeat;
}

static JmMap *
open_map (const char *source)
{
  g_autoptr(GError) error = NULL;
  JmMap *map = jm_bench_open_map (source, &error);

  if (map == NULL)
    {
      g_printerr ("jm-bench: %s\n", error->message);
      exit (1);
    }
  return map;
}

int
main (int   argc,
      char *argv[])
{
  /* Messages keep their accents and spaces in a UTF-8 locale. */
  setlocale (LC_ALL, "");

  if (argc >= 3 && argc <= 4 && g_str_equal (argv[1], "load"))
    {
      guint repeat = parse_repeat (argv[3]);

      for (guint i = 0; i < repeat; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(JmMap) map = open_map (argv[2]);

          g_print ("load %.3f\n", elapsed_ms (start));
        }
    }
  else if (argc >= 4 && argc <= 5 && g_str_equal (argv[1], "save"))
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (argv[3]);
      g_autoptr(JmMap) map = open_map (argv[2]);
      guint repeat = parse_repeat (argv[4]);

      for (guint i = 0; i < repeat; i++)
        {
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();

          if (!jm_file_save (map, out, NULL, &error))
            {
              g_printerr ("jm-bench: %s\n", error->message);
              return 1;
            }
          g_print ("save %.3f\n", elapsed_ms (start));
        }
    }
  else if (argc >= 3 && argc <= 4 && g_str_equal (argv[1], "write"))
    {
      g_autoptr(JmMap) map = open_map (argv[2]);
      guint repeat = parse_repeat (argv[3]);

      for (guint i = 0; i < repeat; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GBytes) bytes = jm_file_write_bytes (map);

          g_print ("write %.3f\n", elapsed_ms (start));
        }
    }
  else
    {
      g_printerr ("usage: jm-bench load FILE [REPEAT]\n"
                  "       jm-bench save SOURCE OUT [REPEAT]\n"
                  "       jm-bench write SOURCE [REPEAT]\n");
      return 2;
    }

  g_print ("peak-rss %" G_GUINT64_FORMAT "\n", jm_bench_peak_rss_kb ());
  return EXIT_SUCCESS;
}
