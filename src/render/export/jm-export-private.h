/* jm-export-private.h: what the parts of the export share
 *
 * The plan, its bands and frames, and the drawing context, with the
 * functions one part of the export calls in another.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>
#include <math.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "jm-card-render.h"
#include "jm-export.h"
#include "jm-names.h"
#include "jm-text-measure.h"

G_BEGIN_DECLS

#define FONT_FAMILY "Cantarell, DejaVu Sans, Noto Sans, sans-serif"
#define PAD 5.0
#define ITEM_GAP 5.0
#define FRAME_GAP 24.0
#define PNG_PIXELS_PER_POINT 2.0
#define SMALLEST_TEXT 7.0       /* points: the smallest text of a layout at actual size */
#define MAX_IMAGE_PIXELS 32000
#define MAX_PICTURE_PIXELS 32000
#define TINY_TEXT 0.25          /* device units: text this high is not drawn */
#define MAX_TEXT_SCALE 8.0      /* the largest scale Pango is asked to lay text out at */
#define LONG_TEXT 2048          /* bytes: longer texts are laid out once, and drawn by lines */
#define TEXT_PIECE 1024         /* bytes of a long text laid out at a time */

/* ---------------------------------------------------------- layout model */

typedef enum {
  ITEM_SUMMARY,   /* grid row 1: title, channel, moment of truth, scores */
  ITEM_TEXT,      /* grid rows 2-6: one touchpoint's text for that row */
  ITEM_CARD,      /* board: a card */
} ItemKind;

typedef struct
{
  ItemKind      kind;
  double        height;
  JmTouchpoint *touchpoint;   /* owned by the plan */
  JmPersona    *persona;      /* owned by the plan */
  const char   *text;         /* owned by the touchpoint */
  gboolean      show_persona; /* a persona-coloured dot, when lanes share a grid */
  gboolean      show_emotion;
  double        links_height; /* cards: the lines naming their links' targets */
} Item;

typedef enum {
  BAND_TITLE,
  BAND_CONTINUED,
  BAND_STAGES,
  BAND_ROW,
  BAND_LEGEND,
  BAND_SHEET,       /* a part of a persona sheet, see jm-export-persona.c */
  BAND_SECTION,
  BAND_GAP,
  BAND_SCORE,       /* a ranked touchpoint or a roll-up, its score as a heat chip */
} BandKind;

typedef struct _SheetPart SheetPart;

/* A line of "What to fix first": a heading (@score unused) or a row. */
typedef struct
{
  gboolean heading;
  char    *label;
  char    *detail;
  double   score;           /* NAN: none */
  guint    rank;            /* 0: a roll-up */
} FixRow;

typedef struct
{
  BandKind   kind;
  double     height;          /* all kinds but rows */
  char      *text;            /* title, section heading, row label */
  char      *subtitle;
  char      *stamp;
  char     **list;            /* section bullets */
  JmPersona *persona;         /* lane colour */
  SheetPart *sheet;           /* persona sheets: the part, owned */
  double     label_height;    /* rows */
  double     label_height_continued;
  guint      n_cols;
  GPtrArray **cells;          /* rows: n_cols arrays of Item */
  double     curve_height;    /* rows: the emotion curve above the items */
  double    *curve;           /* rows: mean emotion per column, NAN where none */
  GArray    *curve_cards;     /* rows: CurveCard, each touchpoint's own emotion */
  double     score;           /* score rows: NAN for none */
  guint      rank;            /* score rows: 0 for a roll-up */
} Band;

/* A touchpoint's own emotion on a grid's curve: in column @col, at
 * @place (0 to 1) across it. */
typedef struct
{
  guint  col;
  double place;
  double emotion;
} CurveCard;

typedef struct
{
  Band  *band;
  double y;
  double height;
  guint *from;
  guint *to;
  double *from_off;           /* rows: where in item from[c] the segment starts */
  double *end_off;            /* rows: item to[c] shown up to here, when > 0 */
  double band_off;            /* other bands: where in the band this part starts */
  double x;                   /* posters of grids side by side: the grid's left */
  gboolean first;
} Placed;

typedef struct
{
  double     width;           /* the poster: its width; grids side by side are wider */
  double     height;
  double     scale;           /* fit pages: scale to the sheet */
  guint      window;          /* fit pages: the window of stages shown */
  const char *label;          /* fit pages: their group's, for the PDF outline */
  GPtrArray *placed;          /* Placed, owned */
} Frame;

typedef struct
{
  GPtrArray *bands;           /* Band, owned by the plan */
  Band      *continued;       /* repeated atop continuation frames, nullable */
  Band      *stages;          /* repeated atop continuation frames, nullable */
  char      *label;           /* whose pages these are (a persona, the board), owned */
  double     scale;           /* persona sheets: the scale of their pages; 0: actual size */
} Group;

typedef enum {
  PAGE_FRAME,
  PAGE_ASSEMBLY,
  PAGE_TILE,
} PageKind;

typedef struct
{
  PageKind kind;
  guint    index;
  guint    row;
  guint    col;             /* tiles: the sheet's column; fit pages: the window */
} Page;

struct _JmExportPlan
{
  gatomicrefcount ref_count;
  JmExportOptions options;

  char        *title;
  char        *stamp;
  char        *date_text;
  char        *description; /* the map's, or NULL */
  char        *title_block; /* its version, status, workshop date and authors, or NULL */
  char        *authors;     /* its authors, joined, or NULL */
  GHashTable  *by_id;         /* touchpoint id -> JmTouchpoint copy, for links */
  GHashTable  *scores;        /* JmTouchpoint copy -> double, the colour_by score
                               * (NAN: none); NULL when cards are not coloured */
  char        *score_key;     /* what colours the cards, for the legend */
  double       chip_width;    /* grid summaries' score chips: one width, measured
                               * before the items are */
  GPtrArray   *fix_rows;      /* FixRow: what to fix first, taken from the map */
  GPtrArray   *journeys;      /* persona sheets: each shown persona's journey,
                               * taken from the map (jm-export-persona.c) */
  GPtrArray   *stages;        /* JmStage copies */
  GPtrArray   *personas;      /* JmPersona copies, the lanes shown */
  GPtrArray   *touchpoints;   /* JmTouchpoint copies */
  GHashTable  *dots;          /* touchpoint id -> its dots in the round shown, or NULL */
  /* Grids: the score report's emotions by lane * n_stages + stage, the
   * lanes shown, as how many touchpoints have one and their sum. */
  guint       *emotion_counts;
  double      *emotion_sums;
  GPtrArray   *bands;         /* Band */
  GPtrArray   *groups;        /* Group */

  JmCardStyle  card_style;
  double       label_width;
  double       col_width;
  double       frame_width;
  /* Fit pages of a layout too wide for the paper at a readable size: each
   * frame is shown in windows of window_stages stages, beside the lane
   * labels, view_width wide; bands other than the stage header and rows
   * are laid out that wide. One window, the whole width, otherwise. */
  guint        n_windows;
  guint        window_stages;
  double       view_width;

  GPtrArray   *frames;        /* Frame: the fit pages */
  Frame       *poster;        /* everything in one frame */
  GArray      *pages;         /* Page */

  double       page_width;
  double       page_height;
  /* Posters. */
  guint        lanes_across;  /* the poster: grids side by side, or 1 */
  gboolean     tiled;
  guint        tile_cols;
  guint        tile_rows;
  /* The sheets asked for: more than tile_cols x tile_rows when the layout
   * would leave some blank, which are left out. */
  guint        asked_cols;
  guint        asked_rows;
  double       tile_scale;
  double       tile_offset_x;
  double       tile_offset_y;

  gboolean     laid_out;
  /* Lanes share a grid: its cards carry their persona's mark, and the
   * legend says whose each mark is. */
  gboolean     persona_key;

  /* Writing a PDF: texts are set from cached words' glyphs, with the
   * widths they were measured with (see jm_text_measure_try_set()). */
  JmTextMeasure *setter;

  /* Long texts laid out once: TextLines by text_lines_key(), shared by
   * the threads that measure, under the lock. */
  GMutex       text_lines_lock;
  GHashTable  *text_lines;
};

/* Drawing context: one Pango layout reused for every text. */
typedef struct
{
  JmExportPlan         *plan;
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  gboolean              draw;
  gboolean              greek;   /* tiny thumbnails: blocks stand for text */
  double                device_scale; /* device units to a unit, drawing frames */
  gboolean              merge;   /* greek blocks of a column drawn as one when the
                                  * gaps between them are too thin to see */
  gboolean              block;   /* a greek block waits to be filled */
  double                block_x, block_y, block_w, block_h;
  JmRgba                block_colour;
  JmTextMeasure        *measure; /* measuring: heights from cached word widths */
  GArray               *breaks;  /* if set, the bottom of every line of text laid out */
  /* Links: where each card (board) or summary (grid) drawn on this
   * frame is, JmTouchpoint -> double[4] in device units; NULL when links
   * are not drawn. */
  GHashTable           *anchors;
  /* Visible area in frame coordinates, to skip what is clipped away. */
  double                clip_x1;
  double                clip_y1;
  double                clip_x2;
  double                clip_y2;
  /* Drawing a PDF: texts set from cached words' glyphs (the plan's
   * setter), and while @batching, kept in runs of one font and colour
   * (TextRun) drawn together by text_runs_flush(), in the space of
   * @run_matrix (the CTM's linear part). */
  JmTextMeasure        *setter;
  gboolean              batching;
  GPtrArray            *runs;
  cairo_matrix_t        run_matrix;
} Ctx;

static const JmRgba ink = { 0.14, 0.12, 0.19, 1 };
static const JmRgba muted = { 0.37, 0.36, 0.39, 1 };
static const JmRgba rule = { 0.69, 0.69, 0.67, 1 };
static const JmRgba shade = { 0.94, 0.94, 0.93, 1 };
static const JmRgba header_shade = { 0.87, 0.87, 0.85, 1 };

typedef struct
{
  GPtrArray *frames;
  Frame     *frame;
  double     max_height;
  double     fresh_height;   /* height of a continuation frame's headers */
  double     scale;
  JmExportPlan *plan;
  guint      window;         /* fit pages in windows: the stages flowed, see plan_windows() */
} Flow;

/* jm-export-text.c */
void
setup_font_options (cairo_t *cr);
void
ctx_init (Ctx          *ctx,
          JmExportPlan *plan,
          cairo_t      *cr,
          gboolean      draw);
void
ctx_clear (Ctx *ctx);
guint
text_key_hash (gconstpointer data);
gboolean
text_key_equal (gconstpointer a,
                gconstpointer b);
void
text_key_free (gpointer data);
void
text_lines_free (gpointer data);
double
text_at (Ctx          *ctx,
         const char   *text,
         double        x,
         double        y,
         double        width,
         double        size,
         PangoWeight   weight,
         PangoStyle    style,
         const JmRgba *colour);
void
text_runs_flush (Ctx *ctx);
double
text_width (Ctx        *ctx,
            const char *text,
            double      size,
            PangoWeight weight);
void
persona_rgba (JmPersona *persona,
              JmRgba    *rgba);

/* jm-export-bands.c */
double
item_layout (Ctx   *ctx,
             Item  *item,
             double width);
void
band_free (gpointer data);
Band *
band_new (JmExportPlan *plan,
          BandKind      kind);
Band *
row_band_new (JmExportPlan *plan,
              const char   *label,
              JmPersona    *persona);
void
row_add (Band     *band,
         guint     col,
         ItemKind  kind,
         JmTouchpoint *tp,
         JmPersona *persona,
         const char *text);
double
row_label_layout (Ctx      *ctx,
                  Band     *band,
                  gboolean  continued);
void
row_draw (Ctx    *ctx,
          Placed *p);
double
band_layout (Ctx   *ctx,
             Band  *band,
             double width);
Band *
title_band (JmExportPlan *plan,
            const char   *subtitle);
Band *
continued_band (JmExportPlan *plan,
                const char   *what);
Band *
stages_band (JmExportPlan *plan,
             const char   *corner);


/* jm-export-flow.c */
void
measure_bands (JmExportPlan *plan);
void
frame_free (gpointer data);
void
frame_place (Frame  *frame,
             Band   *band,
             double  height);
void
flow_new_frame (Flow  *flow,
                Group *group);
void
flow_group (Flow  *flow,
            Group *group);
double
group_height (Group *group);
void
group_free (gpointer data);
Group *
group_new (JmExportPlan *plan);

/* jm-export-grid.c */
void
build_grid (JmExportPlan *plan,
            GPtrArray   **cells,
            guint         first,
            guint         last);

/* jm-export-board.c */
void
build_board (JmExportPlan *plan,
             GPtrArray   **cells);

/* jm-export-fix.c */
void
take_fix (JmExportPlan *plan,
          JmMap        *map);
void
build_fix (JmExportPlan *plan);
double
score_layout (Ctx   *ctx,
              Band  *band,
              double width);
double
score_chip (Ctx        *ctx,
            double      score,
            const char *text,
            double      x,
            double      y,
            double      size,
            double      width);
double
item_score (JmExportPlan *plan,
            JmTouchpoint *tp);

/* jm-export-persona.c */
void
take_journeys (JmExportPlan *plan,
               JmMap        *map,
               const guint  *lanes);
void
build_persona_sheets (JmExportPlan *plan);
double
sheet_layout (Ctx  *ctx,
              Band *band);
void
sheet_part_free (gpointer data);

/* jm-export-pages.c */
void
tile_name (guint  row,
           guint  col,
           char  *buf,
           gsize  size);
void
plan_windows (JmExportPlan *plan);
void
plan_fit_pages (JmExportPlan *plan);
void
plan_poster (JmExportPlan *plan);
gboolean
plan_tiles (JmExportPlan  *plan,
            GError       **error);
void
tile_geometry (JmExportPlan *plan,
               double       *cw,
               double       *ch,
               double       *step_x,
               double       *step_y);

G_END_DECLS
