/* jm-view-state.h: how each map was last viewed, kept outside the map file
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the window shows of a map and how, none of it part of the map:
 * opening the file again (or its draft) shows it the same way. */
typedef struct
{
  double    zoom;            /* the board's zoom; 0 when not known */
  gboolean  show_inspector;
  gboolean  show_outline;
  char     *colour_by;       /* the board's "colour-by", or NULL */
  char     *highlight;       /* the board's filter, or NULL */
} JmViewState;

/* At most this many maps are remembered; the least recently viewed go. */
#define JM_VIEW_STATE_MAX_MAPS 200

void      jm_view_state_clear        (JmViewState        *state);
char     *jm_view_state_default_path (void);
gboolean  jm_view_state_load         (const char         *store,
                                      GFile              *file,
                                      JmViewState        *state);
gboolean  jm_view_state_save         (const char         *store,
                                      GFile              *file,
                                      const JmViewState  *state,
                                      GError            **error);

/* A workshop's agenda, kept beside the view of its map: the steps'
 * titles and their minutes, each from 1 to JM_VIEW_STATE_MAX_MINUTES. */
#define JM_VIEW_STATE_MAX_STEPS 50
#define JM_VIEW_STATE_MAX_MINUTES 600

gboolean  jm_view_state_load_agenda  (const char         *store,
                                      GFile              *file,
                                      GStrv              *titles,
                                      GArray            **minutes);
gboolean  jm_view_state_save_agenda  (const char         *store,
                                      GFile              *file,
                                      const char * const *titles,
                                      const guint        *minutes,
                                      GError            **error);

G_END_DECLS
