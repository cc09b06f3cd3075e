/* jm-export.h: page layouts of a map (template grid, board, persona sheets)
 * on paper, fitted or tiled as a poster, and written as PDF, PNG or SVG
 *
 * PDF holds the pages: fitted to the paper (never below actual size, where
 * the smallest text is JM_EXPORT_READABLE_SIZE: a layout too tall for one
 * sheet continues on the next under a repeated header, one too wide shows
 * its stages in windows beside repeated lane labels), or a poster of
 * N x M tiles after an assembly page, chosen by hand or by a wall preset
 * (at most N sheets: the tiling that prints largest, see
 * jm-export-preset.c). PNG and SVG hold the whole layout as one
 * picture at actual size with the margin round it (PNG at 2 pixels a
 * point unless a DPI or pixel width is given, fewer for very large
 * layouts), or fitted to a 16:9 slide; paper and tiling do not apply to
 * them. SVG text is real <text>. PDFs carry an outline (a bookmark per
 * persona or layout and per page) and, for posters, links between the
 * assembly page and the sheets.
 *
 * Build a JmExportOptions (jm_export_options_init, then
 * jm_export_options_apply and jm_export_options_apply_preset for words a
 * user typed), make a plan with
 * jm_export_plan_new and write it with jm_export_plan_write, or draw its
 * pages yourself with jm_export_plan_draw_page (printing, previews).
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "jm-card-render.h"
#include "jm-map.h"
#include "jm-view-settings.h"
#include "jm-paper.h"

G_BEGIN_DECLS

typedef enum {
  JM_EXPORT_LAYOUT_GRID,     /* the template grid: stages x template rows */
  JM_EXPORT_LAYOUT_BOARD,    /* stages x persona lanes, cards in cells */
  JM_EXPORT_LAYOUT_PERSONA,  /* one sheet per persona */
  JM_EXPORT_LAYOUT_FIX,      /* what to fix first: the ranking and roll-ups of scores */
} JmExportLayout;

/* Layouts of sheets one page wide, at actual size, never posters. */
#define JM_EXPORT_LAYOUT_IS_SHEETS(layout) \
  ((layout) == JM_EXPORT_LAYOUT_PERSONA || (layout) == JM_EXPORT_LAYOUT_FIX)

typedef enum {
  JM_EXPORT_FORMAT_PDF,
  JM_EXPORT_FORMAT_PNG,
  JM_EXPORT_FORMAT_SVG,
} JmExportFormat;

typedef struct
{
  JmExportLayout layout;
  double         paper_width;     /* points, portrait */
  double         paper_height;    /* points, portrait */
  gboolean       landscape;
  gboolean       turn_to_fit;     /* poster by sheet count: turn the sheets if that prints larger */
  double         margin;          /* points, each side */
  guint          tile_columns;    /* poster: sheets across; 0 when not tiled by count */
  guint          tile_rows;       /* poster: sheets down */
  double         scale;           /* poster: 1.0 is actual size; 0 when not tiled by scale */
  double         overlap;         /* poster: points shared by neighbouring sheets */
  char         **persona_ids;     /* lanes to include; NULL: every persona not hidden */
  gboolean       lanes_together;  /* grid: one grid for all lanes instead of one per lane */
  guint          sheets;          /* poster: at most this many sheets, their tiling and
                                   * orientation chosen to print largest; 0: not chosen */
  gboolean       lanes_auto;      /* grid on chosen sheets: lanes together or separate,
                                   * whichever prints larger */
  double         wall_width;      /* poster: printed this wide (points), on the sheets and
                                   * orientation that need the fewest; 0: not chosen */
  char          *source_name;     /* file name printed in the version stamp, or NULL */
  gint64         date;            /* Unix time printed and stored as creation date; -1: now */
  JmColourBy     colour_by;       /* the score that colours cards' feet; none: no colour */
  /* PNG and SVG: the layout on white, options.margin all round. */
  gboolean       slide;           /* a 16:9 slide, 1920 × 1080 pixels, the layout fitted */
  double         dpi;             /* PNG: pixels per inch; 0: PNG_PIXELS_PER_POINT */
  guint          pixel_width;     /* PNG: this many pixels wide; 0: by dpi */
} JmExportOptions;

/* A slide: 16:9, full HD. */
#define JM_EXPORT_SLIDE_WIDTH 1920
#define JM_EXPORT_SLIDE_HEIGHT 1080

/* A poster's sheets, chosen by jm_export_choose_tiling(). */
typedef struct
{
  gboolean landscape;
  guint    columns;
  guint    rows;
  double   scale;                 /* of the layout at actual size */
} JmExportTiling;

/* Lanes whose colours print closer than this in grey (0 to 1) are given
 * steps of lightness. */
#define JM_EXPORT_GREY_STEP 0.12

/* Type on paper is at least this many points in every default print. */
#define JM_EXPORT_READABLE_SIZE 7.0

typedef void (*JmExportProgress) (double   fraction,
                                  gpointer user_data);

typedef struct _JmExportPlan JmExportPlan;

void          jm_export_options_init        (JmExportOptions  *options);
void          jm_export_options_clear       (JmExportOptions  *options);
void          jm_export_options_copy        (JmExportOptions  *dest,
                                             const JmExportOptions *src);
gboolean      jm_export_layout_parse        (const char       *text,
                                             JmExportLayout   *layout,
                                             GError          **error);
gboolean      jm_export_options_apply       (JmExportOptions  *options,
                                             const char       *layout,
                                             const char       *paper,
                                             const char       *orientation,
                                             const char       *tiles,
                                             const char       *scale,
                                             const char       *overlap,
                                             GError          **error);
gboolean      jm_export_options_apply_preset (JmExportOptions *options,
                                             const char       *sheets,
                                             const char       *lanes,
                                             GError          **error);
gboolean      jm_export_options_apply_colour_by (JmExportOptions *options,
                                             const char       *colour_by,
                                             GError          **error);
gboolean      jm_export_options_apply_picture (JmExportOptions *options,
                                             const char       *margin,
                                             const char       *dpi,
                                             const char       *pixel_width,
                                             gboolean          slide,
                                             GError          **error);
gboolean      jm_export_options_apply_wall_width (JmExportOptions *options,
                                             const char       *width,
                                             GError          **error);
gboolean      jm_export_choose_tiling       (double            width,
                                             double            height,
                                             double            paper_width,
                                             double            paper_height,
                                             double            margin,
                                             double            overlap,
                                             guint             sheets,
                                             int               orientation,
                                             JmExportTiling   *tiling);
double        jm_export_reading_distance    (double            points);
char         *jm_export_describe_distance   (double            points);
char        **jm_export_resolve_personas    (JmMap            *map,
                                             const char * const *names,
                                             GError          **error);
gboolean      jm_export_format_for_path     (const char       *path,
                                             JmExportFormat   *format,
                                             GError          **error);

JmExportPlan *jm_export_plan_new            (JmMap            *map,
                                             const JmExportOptions *options,
                                             GError          **error);
JmExportPlan *jm_export_plan_prepare        (JmMap            *map,
                                             const JmExportOptions *options,
                                             GError          **error);
gboolean      jm_export_plan_lay_out        (JmExportPlan     *plan,
                                             GError          **error);
gboolean      jm_export_plan_is_laid_out    (JmExportPlan     *plan);
JmExportPlan *jm_export_plan_ref            (JmExportPlan     *plan);
void          jm_export_plan_unref          (JmExportPlan     *plan);

guint         jm_export_plan_get_n_pages    (JmExportPlan     *plan);
void          jm_export_plan_get_page_size  (JmExportPlan     *plan,
                                             double           *width,
                                             double           *height);
gboolean      jm_export_plan_get_tiles      (JmExportPlan     *plan,
                                             guint            *columns,
                                             guint            *rows);
gboolean      jm_export_plan_get_lanes_together (JmExportPlan *plan);
guint         jm_export_plan_get_lanes_across (JmExportPlan   *plan);
double        jm_export_plan_get_smallest_text (JmExportPlan  *plan);
void          jm_export_plan_get_lane_colour (JmExportPlan    *plan,
                                              guint            lane,
                                              JmRgba          *rgba);
void          jm_export_plan_draw_page      (JmExportPlan     *plan,
                                             cairo_t          *cr,
                                             guint             page);
char         *jm_export_plan_describe_blank_tiles (JmExportPlan *plan,
                                                   gboolean      command_line);
gboolean      jm_export_plan_suggest_tiles  (JmExportPlan     *plan,
                                             guint            *columns,
                                             guint            *rows,
                                             double           *gain);
void          jm_export_plan_get_poster_size (JmExportPlan    *plan,
                                              double          *width,
                                              double          *height);
void          jm_export_plan_draw_poster    (JmExportPlan     *plan,
                                             cairo_t          *cr);
gboolean      jm_export_plan_write          (JmExportPlan     *plan,
                                             GFile            *file,
                                             JmExportFormat    format,
                                             GCancellable     *cancellable,
                                             JmExportProgress  progress,
                                             gpointer          user_data,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmExportPlan, jm_export_plan_unref)

G_END_DECLS
