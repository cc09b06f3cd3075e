/* jm-test-board.h: a board alone in a window, for the board's tests
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jm-canvas.h"
#include "jm-canvas-private.h"
#include "jm-map.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *window;
  JmCanvas  *canvas;
  JmMap     *map;
  JmHistory *history;
} Fixture;

void             fixture_set_up       (Fixture       *f,
                                       gconstpointer  data);
void             fixture_tear_down    (Fixture       *f,
                                       gconstpointer  data);
void             iterate              (void);
void             wait_for_frame       (GtkWidget     *widget);
JmTouchpoint    *card_titled          (JmMap         *map,
                                       const char    *title);
JmStage         *stage_n              (JmMap         *map,
                                       guint          n);
JmPersona       *persona_n            (JmMap         *map,
                                       guint          n);
void             card_point           (Fixture       *f,
                                       JmTouchpoint  *touchpoint,
                                       double        *x,
                                       double        *y);
void             cell_point           (Fixture       *f,
                                       guint          stage,
                                       guint          lane,
                                       double        *x,
                                       double        *y);
guint            selection_size       (Fixture       *f);
cairo_surface_t *render               (Fixture       *f);
guint32          pixel                (cairo_surface_t *surface,
                                       double         x,
                                       double         y);

G_END_DECLS
