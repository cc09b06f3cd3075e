/* jm-cli-scores.c: --scores on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jm-cli.h"

int
jm_cli_scores (const JmCliOptions *options,
           GFile             **files,
           guint               n_files)
{
  /* Placeholder until the scores feature lands on main. */
  g_printerr ("--scores is not available in this build\n");
  return 2;
}
