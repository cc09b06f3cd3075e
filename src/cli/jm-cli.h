/* jm-cli.h: what the command line does without a display
 *
 * Each function takes the parsed options and the file arguments, prints
 * its results on stdout and problems on stderr, and returns the exit status.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char  *export_path;    /* --export=OUT */
  char  *layout;         /* --layout=grid|board|persona|fix */
  char  *colour_by;      /* --colour-by=composite|<measure>|none */
  char  *margin;         /* --margin=10mm */
  gboolean slide;        /* --slide: PNG or SVG, 1920 x 1080 */
  char  *dpi;            /* --dpi=N, PNG */
  char  *pixel_width;    /* --pixel-width=N, PNG */
  char  *paper;          /* --paper=A3 */
  char  *orientation;    /* --orientation=portrait|landscape */
  char  *tiles;          /* --tiles=COLSxROWS */
  char  *sheets;         /* --sheets=N */
  char  *lanes;          /* --lanes=together|separate */
  char  *wall_width;     /* --wall-width=2m */
  char  *scale;          /* --scale= */
  char  *overlap;        /* --overlap=10mm */
  char **personas;       /* --persona=NAME, repeatable */
  char  *scores_format;  /* --scores[=text|csv|json]; NULL when not asked */
  gboolean check;        /* --check */
  gboolean strict;       /* --strict: --check also runs the RELAX NG validator */
  char  *import_path;    /* --import=IN.csv|IN.json */
  char  *output_path;    /* --output=OUT.journey */
  gboolean diff;         /* --diff OLD NEW */
  char  *diff_format;    /* --format=text|json, with --diff */
  gboolean merge;        /* --merge BASE OURS THEIRS [NAME] */
} JmCliOptions;

int jm_cli_check   (const JmCliOptions *options,
                    GFile             **files,
                    guint               n_files);
int jm_cli_scores  (const JmCliOptions *options,
                    GFile             **files,
                    guint               n_files);
int jm_cli_export  (const JmCliOptions *options,
                    GFile             **files,
                    guint               n_files);


/* jm-cli-interchange.c: CSV and JSON both ways, --diff and --merge. */
gboolean jm_cli_is_interchange_path (const char         *path);
int jm_cli_export_interchange (const JmCliOptions *options,
                               GFile             **files,
                               guint               n_files);
int jm_cli_import  (const JmCliOptions *options,
                    GFile             **files,
                    guint               n_files);
int jm_cli_diff    (const JmCliOptions *options,
                    const char * const *paths,
                    guint               n_paths);
int jm_cli_merge   (const JmCliOptions *options,
                    const char * const *paths,
                    guint               n_paths);

G_END_DECLS
