/* fuzz-targets.h: the fuzzing entry points, also replayed by the normal
 * test suite on the inputs that once failed
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Each returns 0, or aborts when the code under test misbehaves. */
int  jm_fuzz_load   (const guint8 *data,
                     gsize         size);
int  jm_fuzz_edits  (const guint8 *data,
                     gsize         size);
void jm_fuzz_silence (void);
