/* jm-cli-scores.c: --scores on the command line
 *
 * journey-mapper --scores[=text|csv|json] FILE...
 *
 * Prints every touchpoint's ratings and composite, every roll-up, the
 * emotion curves and the fix-first ranking of each map, in one document for
 * all files. A file that fails to load is reported on stderr and left out;
 * the exit status is then 1. An unknown format exits with 2 before any
 * file is read.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-cli-scores"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "jm-cli.h"
#include "jm-file.h"
#include "jm-score-report.h"
#include "jm-score-writer.h"
#include "jm-scoring.h"

/* Files as the user named them: relative to the working directory when
 * they are under it, so that output reads like the command line. */
static char *
display_name (GFile *file)
{
  g_autofree char *cwd_path = g_get_current_dir ();
  g_autoptr(GFile) cwd = g_file_new_for_path (cwd_path);
  char *relative = g_file_get_relative_path (cwd, file);

  return relative != NULL ? relative : g_file_get_parse_name (file);
}

int
jm_cli_scores (const JmCliOptions *options,
               GFile             **files,
               guint               n_files)
{
  g_autoptr(JmScoreWriter) writer = NULL;
  g_autofree char *text = NULL;
  JmScoreFormat format;
  int status = 0;

  g_return_val_if_fail (options != NULL, 2);

  if (!jm_score_format_from_string (options->scores_format, &format))
    {
      g_printerr (_("Unknown scores format “%s”: use text, csv or json.\n"),
                  options->scores_format != NULL ? options->scores_format : "");
      return 2;
    }

  writer = jm_score_writer_new (format);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = jm_file_load (files[i], NULL, &error);
      g_autoptr(JmScoreReport) report = NULL;
      g_autofree char *name = display_name (files[i]);

      if (map == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = 1;
          continue;
        }

      /* Weights that score nothing are worth a word, but the map is fine. */
      if (!jm_scoring_check_weights (map, &error))
        g_printerr ("%s: %s\n", name, error->message);

      report = jm_score_report_new (map);
      jm_score_writer_add (writer, name, report);
    }

  text = jm_score_writer_finish (writer);
  fputs (text, stdout);
  fflush (stdout);

  return status;
}
