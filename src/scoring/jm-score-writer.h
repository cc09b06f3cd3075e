/* jm-score-writer.h: score reports as text, CSV or JSON
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jm-score-report.h"

G_BEGIN_DECLS

typedef enum {
  JM_SCORE_FORMAT_TEXT,
  JM_SCORE_FORMAT_CSV,
  JM_SCORE_FORMAT_JSON,
} JmScoreFormat;

typedef struct _JmScoreWriter JmScoreWriter;

gboolean       jm_score_format_from_string (const char     *name,
                                            JmScoreFormat  *format);

JmScoreWriter *jm_score_writer_new         (JmScoreFormat   format);
void           jm_score_writer_add         (JmScoreWriter  *self,
                                            const char     *file_name,
                                            JmScoreReport  *report);
char          *jm_score_writer_finish      (JmScoreWriter  *self);
void           jm_score_writer_free        (JmScoreWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmScoreWriter, jm_score_writer_free)

G_END_DECLS
