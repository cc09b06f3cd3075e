/* fuzz-edits.c: bytes drive edits, undo and redo on a map; undoing them
 * all gives back the map's file byte for byte, and so does redoing them
 * all and undoing again
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz-targets.h"
#include "jm-file.h"

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         position;
} Input;

static guint
next (Input *input)
{
  if (input->position >= input->size)
    return 0;
  return input->data[input->position++];
}

static const char *texts[] = {
  "", "Checkout", "Ångström ☕", "a\nb", "<&>\"'", "  spaced  ", "Stage",
  "A rather longer text that wraps across several lines of a card on the board",
};

static const char *
next_text (Input *input)
{
  return texts[next (input) % G_N_ELEMENTS (texts)];
}

static gpointer
nth_item (GListModel *model,
          guint       index)
{
  guint n = g_list_model_get_n_items (model);

  if (n == 0)
    return NULL;
  return g_list_model_get_item (model, index % n);
}

static void
edit_touchpoint (JmMap        *map,
                 JmTouchpoint *touchpoint,
                 Input        *input)
{
  switch (next (input) % 7)
    {
    case 0:
      jm_map_edit_string (map, touchpoint, "title", next_text (input));
      break;
    case 1:
      jm_map_edit_string (map, touchpoint, "notes", next_text (input));
      break;
    case 2:
      jm_map_edit_string (map, touchpoint, jm_touchpoint_row_property (next (input) % JM_N_ROWS),
                          next_text (input));
      break;
    case 3:
      {
        int emotion = (int) (next (input) % 6) - 2;

        jm_map_edit_int (map, touchpoint, "emotion", emotion == 3 ? JM_EMOTION_UNSET : emotion);
      }
      break;
    case 4:
      jm_map_edit_int (map, touchpoint, jm_touchpoint_rating_property (next (input) % JM_N_MEASURES),
                       next (input) % (JM_RATING_MAX + 1));
      break;
    case 5:
      jm_map_edit_boolean (map, touchpoint, "moment-of-truth", next (input) & 1);
      break;
    default:
      {
        const char *teams[] = { next_text (input), next_text (input), NULL };

        if (g_strcmp0 (teams[0], teams[1]) == 0 || *teams[0] == '\0' || *teams[1] == '\0')
          teams[1] = NULL;
        if (teams[0] != NULL && *teams[0] == '\0')
          teams[0] = NULL;
        jm_map_edit_strv (map, touchpoint, "teams", teams);
      }
      break;
    }
}

static void
apply (JmMap *map,
       Input *input)
{
  GListModel *stages = jm_map_get_stages (map);
  GListModel *personas = jm_map_get_personas (map);
  GListModel *touchpoints = jm_map_get_touchpoints (map);
  guint op = next (input) % 14;
  guint a = next (input);
  guint b = next (input);
  g_autoptr(JmStage) stage = nth_item (stages, a);
  g_autoptr(JmPersona) persona = nth_item (personas, b);
  g_autoptr(JmTouchpoint) touchpoint = nth_item (touchpoints, a + 7 * b);

  switch (op)
    {
    case 0:
      jm_map_add_stage (map, (int) (b % 8) - 1, next_text (input));
      break;
    case 1:
      jm_map_add_persona (map, (int) (a % 8) - 1, next_text (input));
      break;
    case 2:
      if (stage != NULL && persona != NULL)
        jm_map_add_touchpoint (map, stage, persona, (int) (b % 4) - 1, next_text (input));
      break;
    case 3:
      if (stage != NULL && g_list_model_get_n_items (stages) > 1)
        jm_map_remove_stage (map, stage);
      break;
    case 4:
      if (persona != NULL && g_list_model_get_n_items (personas) > 1)
        jm_map_remove_persona (map, persona);
      break;
    case 5:
      if (touchpoint != NULL)
        jm_map_remove_touchpoint (map, touchpoint);
      break;
    case 6:
      if (stage != NULL)
        jm_map_move_stage (map, stage, b % g_list_model_get_n_items (stages));
      break;
    case 7:
      if (persona != NULL)
        jm_map_move_persona (map, persona, a % g_list_model_get_n_items (personas));
      break;
    case 8:
      if (touchpoint != NULL && stage != NULL && persona != NULL)
        jm_map_move_touchpoint (map, touchpoint, stage, persona, (int) (b % 4) - 1);
      break;
    case 9:
      if (touchpoint != NULL)
        edit_touchpoint (map, touchpoint, input);
      break;
    case 10:
      if (stage != NULL)
        jm_map_edit_string (map, stage, b & 1 ? "name" : "description", next_text (input));
      break;
    case 11:
      if (persona != NULL)
        jm_map_edit_int (map, persona, "age", b % 151);
      break;
    case 12:
      jm_map_undo (map);
      break;
    default:
      if (a & 1)
        jm_map_redo (map);
      else
        jm_map_edit_string (map, map, "title", next_text (input));
      break;
    }
}

static JmMap *
sample_map (void)
{
  JmMap *map = jm_map_new_from_template ("lifecycle");
  GListModel *stages = jm_map_get_stages (map);
  GListModel *personas = jm_map_get_personas (map);

  jm_map_set_title (map, "Fuzzed map");
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(JmStage) stage = nth_item (stages, i);
      g_autoptr(JmPersona) persona = nth_item (personas, i / 2);
      g_autofree char *id = g_strdup_printf ("tp%u", i);
      g_autofree char *title = g_strdup_printf ("Touchpoint %u", i);
      g_autoptr(JmTouchpoint) touchpoint = jm_touchpoint_new (id, jm_stage_get_id (stage),
                                                              jm_persona_get_id (persona), title);

      jm_touchpoint_set_emotion (touchpoint, (int) (i % 5) - 2);
      jm_touchpoint_set_rating (touchpoint, JM_MEASURE_RELEVANCE, 1 + i % 5);
      jm_map_append_touchpoint (map, touchpoint);
    }
  return map;
}

int
jm_fuzz_edits (const guint8 *data,
               gsize         size)
{
  g_autoptr(JmMap) map = sample_map ();
  g_autoptr(GBytes) original = jm_file_write_bytes (map);
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GBytes) redone = NULL;
  g_autoptr(GBytes) undone_again = NULL;
  Input input = { data, size, 0 };
  guint steps = 0;

  while (input.position < input.size && steps++ < 200)
    apply (map, &input);
  while (jm_map_redo (map))
    ;
  edited = jm_file_write_bytes (map);

  while (jm_map_undo (map))
    ;
  undone = jm_file_write_bytes (map);
  if (!g_bytes_equal (original, undone))
    {
      g_printerr ("Undoing every edit did not give the original back\n");
      abort ();
    }
  if (jm_map_get_modified (map))
    abort ();

  while (jm_map_redo (map))
    ;
  redone = jm_file_write_bytes (map);
  if (!g_bytes_equal (edited, redone))
    {
      g_printerr ("Redoing every edit did not give the edited map back\n");
      abort ();
    }
  while (jm_map_undo (map))
    ;
  undone_again = jm_file_write_bytes (map);
  if (!g_bytes_equal (original, undone_again))
    abort ();
  return 0;
}

#ifdef JM_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  return jm_fuzz_edits (data, size);
}
#endif
