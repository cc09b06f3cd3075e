/* test-cli-scores.c: scores as text, CSV and JSON, and journey-mapper --scores
 *
 * The writers are checked on an in-memory map, field by field, by parsing
 * what they wrote back (an RFC 4180 reader and a small JSON reader below).
 * The command line is then run on the sample maps, without a display.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "jm-file.h"
#include "jm-score-writer.h"
#include "jm-scoring.h"

/* A reader for RFC 4180 --------------------------------------------------- */

/* Returns rows of fields; fails the test on anything RFC 4180 forbids:
 * a bare LF or CR as a line end, a quote inside an unquoted field, text
 * after a closing quote. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
          g_assert_true (*p == ',' || (*p == '\r' && p[1] == '\n'));
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != '\0')
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p++);
            }
        }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
          row = g_ptr_array_new ();
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

typedef struct
{
  GPtrArray  *rows;
  char      **header;
} Csv;

static int
csv_column (Csv        *csv,
            const char *name)
{
  for (guint i = 0; csv->header[i] != NULL; i++)
    if (g_str_equal (csv->header[i], name))
      return i;
  g_error ("no column %s", name);
}

static const char *
csv_get (Csv        *csv,
         char      **row,
         const char *column)
{
  return row[csv_column (csv, column)];
}

/* The index-th row of a section, or NULL. */
static char **
csv_row (Csv        *csv,
         const char *section,
         guint       index)
{
  for (guint i = 1; i < csv->rows->len; i++)
    {
      char **row = g_ptr_array_index (csv->rows, i);

      if (g_str_equal (row[0], section) && index-- == 0)
        return row;
    }
  return NULL;
}

static guint
csv_count (Csv        *csv,
           const char *section)
{
  guint n = 0;

  while (csv_row (csv, section, n) != NULL)
    n++;
  return n;
}

/* A small JSON reader ----------------------------------------------------- */

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } JType;

typedef struct _JNode JNode;
struct _JNode
{
  JType      type;
  gboolean   boolean;
  double     number;
  char      *string;
  GPtrArray *items;    /* arrays: values; objects: values, keys alongside */
  GPtrArray *keys;
};

static void
jnode_free (gpointer data)
{
  JNode *node = data;

  if (node == NULL)
    return;
  g_free (node->string);
  if (node->items != NULL)
    g_ptr_array_unref (node->items);
  if (node->keys != NULL)
    g_ptr_array_unref (node->keys);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JNode, jnode_free)

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
    (*p)++;
}

static char *
parse_json_string (const char **p)
{
  GString *out = g_string_new (NULL);

  g_assert_cmpint (**p, ==, '"');
  (*p)++;
  while (**p != '"')
    {
      guchar c = **p;

      g_assert_cmpint (c, >=, 0x20);
      if (c == '\\')
        {
          (*p)++;
          switch (**p)
            {
            case '"': g_string_append_c (out, '"'); break;
            case '\\': g_string_append_c (out, '\\'); break;
            case '/': g_string_append_c (out, '/'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'u':
              {
                char hex[5] = { 0 };

                memcpy (hex, *p + 1, 4);
                g_string_append_unichar (out, strtoul (hex, NULL, 16));
                *p += 4;
              }
              break;
            default:
              g_assert_not_reached ();
            }
          (*p)++;
        }
      else
        {
          g_assert_cmpint (c, !=, '\0');
          g_string_append_c (out, c);
          (*p)++;
        }
    }
  (*p)++;
  return g_string_free (out, FALSE);
}

static JNode *
parse_json_value (const char **p)
{
  JNode *node = g_new0 (JNode, 1);

  skip_space (p);
  if (**p == '{' || **p == '[')
    {
      gboolean object = **p == '{';
      char close = object ? '}' : ']';

      node->type = object ? J_OBJECT : J_ARRAY;
      node->items = g_ptr_array_new_with_free_func (jnode_free);
      if (object)
        node->keys = g_ptr_array_new_with_free_func (g_free);
      (*p)++;
      skip_space (p);
      if (**p == close)
        {
          (*p)++;
          return node;
        }
      for (;;)
        {
          skip_space (p);
          if (object)
            {
              g_ptr_array_add (node->keys, parse_json_string (p));
              skip_space (p);
              g_assert_cmpint (**p, ==, ':');
              (*p)++;
            }
          g_ptr_array_add (node->items, parse_json_value (p));
          skip_space (p);
          if (**p == ',')
            {
              (*p)++;
              continue;
            }
          g_assert_cmpint (**p, ==, close);
          (*p)++;
          return node;
        }
    }
  if (**p == '"')
    {
      node->type = J_STRING;
      node->string = parse_json_string (p);
    }
  else if (g_str_has_prefix (*p, "null"))
    {
      node->type = J_NULL;
      *p += 4;
    }
  else if (g_str_has_prefix (*p, "true") || g_str_has_prefix (*p, "false"))
    {
      node->type = J_BOOL;
      node->boolean = **p == 't';
      *p += node->boolean ? 4 : 5;
    }
  else
    {
      char *end;

      /* JSON numbers: no leading '+', no leading zeros, no bare '.'. */
      g_assert_true (**p == '-' || g_ascii_isdigit (**p));
      node->type = J_NUMBER;
      node->number = g_ascii_strtod (*p, &end);
      g_assert_true (end > *p);
      g_assert_true (strchr (",]} \n", *end) != NULL);
      *p = end;
    }
  return node;
}

static JNode *
parse_json (const char *text)
{
  const char *p = text;
  JNode *root = parse_json_value (&p);

  skip_space (&p);
  g_assert_cmpint (*p, ==, '\0');
  return root;
}

static JNode *
jget (JNode      *node,
      const char *key)
{
  g_assert_nonnull (node);
  g_assert_cmpint (node->type, ==, J_OBJECT);
  for (guint i = 0; i < node->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (node->keys, i), key))
      return g_ptr_array_index (node->items, i);
  g_error ("no key %s", key);
}

static JNode *
jat (JNode *node,
     guint  index)
{
  g_assert_nonnull (node);
  g_assert_cmpint (node->type, ==, J_ARRAY);
  g_assert_cmpuint (index, <, node->items->len);
  return g_ptr_array_index (node->items, index);
}

static guint
jlen (JNode *node)
{
  g_assert_cmpint (node->type, ==, J_ARRAY);
  return node->items->len;
}

static void
assert_jnum (JNode  *node,
             double  expected)
{
  if (isnan (expected))
    g_assert_cmpint (node->type, ==, J_NULL);
  else
    {
      g_assert_cmpint (node->type, ==, J_NUMBER);
      g_assert_cmpfloat_with_epsilon (node->number, expected, 1e-5);
    }
}

static void
assert_jstr (JNode      *node,
             const char *expected)
{
  g_assert_cmpint (node->type, ==, J_STRING);
  g_assert_cmpstr (node->string, ==, expected);
}

/* The fixture ------------------------------------------------------------- */

#define TRICKY_TITLE "Says \"no\", then\r\nleaves \\ café\t"

typedef struct
{
  const char *id;
  const char *title;
  const char *stage;
  const char *lane;
  int         ratings[JM_N_MEASURES];
  const char *channel;
  const char *teams[4];
  int         emotion;
  gboolean    moment_of_truth;
} Card;

/* Stages Aware, Buy, Use (empty); lanes Fridah, James. */
static const Card fixture[] = {
  { "t1", "Sees advert", "s1", "p1", { 4, 2, 0, 3 }, "web", { "Marketing", NULL }, 1, FALSE },
  { "t2", TRICKY_TITLE, "s1", "p2", { 5, 5, 5, 5 }, "web", { "Sales, EMEA", "marketing", NULL }, 2, FALSE },
  { "t3", "Checkout fails", "s2", "p1", { 1, 2, 0, 0 }, "phone", { "Billing", NULL }, -2, TRUE },
  { "t4", "Not rated yet", "s2", "p2", { 0, 0, 0, 0 }, "", { NULL }, JM_EMOTION_UNSET, FALSE },
};

static JmMap *
build_map (void)
{
  JmMap *map = jm_map_new ();
  const char *stages[][2] = { { "s1", "Aware" }, { "s2", "Buy" }, { "s3", "Use" } };
  const char *lanes[][2] = { { "p1", "Fridah" }, { "p2", "James, \"Jim\"" } };

  jm_map_set_title (map, "Fixture");
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(JmStage) stage = jm_stage_new (stages[i][0], stages[i][1]);
      jm_map_append_stage (map, stage);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_autoptr(JmPersona) persona = jm_persona_new (lanes[i][0], lanes[i][1]);
      jm_map_append_persona (map, persona);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture); i++)
    {
      const Card *c = &fixture[i];
      g_autoptr(JmTouchpoint) tp = jm_touchpoint_new (c->id, c->stage, c->lane, c->title);

      for (guint m = 0; m < JM_N_MEASURES; m++)
        jm_touchpoint_set_rating (tp, m, c->ratings[m]);
      jm_touchpoint_set_channel (tp, c->channel);
      jm_touchpoint_set_teams (tp, c->teams);
      jm_touchpoint_set_emotion (tp, c->emotion);
      jm_touchpoint_set_moment_of_truth (tp, c->moment_of_truth);
      jm_map_append_touchpoint (map, tp);
    }
  return map;
}

static char *
write_fixture (JmScoreFormat format)
{
  g_autoptr(JmMap) map = build_map ();
  g_autoptr(JmScoreReport) report = jm_score_report_new (map);
  g_autoptr(JmScoreWriter) writer = jm_score_writer_new (format);

  jm_score_writer_add (writer, "fix,ture.journey", report);
  return jm_score_writer_finish (writer);
}

/* Writers ----------------------------------------------------------------- */

static void
test_formats (void)
{
  JmScoreFormat format;

  g_assert_true (jm_score_format_from_string ("text", &format));
  g_assert_cmpint (format, ==, JM_SCORE_FORMAT_TEXT);
  g_assert_true (jm_score_format_from_string ("CSV", &format));
  g_assert_cmpint (format, ==, JM_SCORE_FORMAT_CSV);
  g_assert_true (jm_score_format_from_string ("json", &format));
  g_assert_cmpint (format, ==, JM_SCORE_FORMAT_JSON);
  g_assert_false (jm_score_format_from_string ("xml", &format));
  g_assert_false (jm_score_format_from_string ("", &format));
  g_assert_false (jm_score_format_from_string (NULL, &format));
}

static void
check_csv (const char *text)
{
  Csv csv = { parse_csv (text), NULL };
  char **row;

  csv.header = g_ptr_array_index (csv.rows, 0);
  g_assert_cmpstr (csv.header[0], ==, "section");
  for (guint i = 1; i < csv.rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (csv.rows, i)), ==,
                      g_strv_length (csv.header));

  /* Touchpoints, in map order, quoted and unquoted back as they were. */
  g_assert_cmpuint (csv_count (&csv, "touchpoint"), ==, 4);
  row = csv_row (&csv, "touchpoint", 0);
  g_assert_cmpstr (csv_get (&csv, row, "file"), ==, "fix,ture.journey");
  g_assert_cmpstr (csv_get (&csv, row, "id"), ==, "t1");
  g_assert_cmpstr (csv_get (&csv, row, "stage"), ==, "Aware");
  g_assert_cmpstr (csv_get (&csv, row, "persona"), ==, "Fridah");
  g_assert_cmpstr (csv_get (&csv, row, "channel"), ==, "web");
  g_assert_cmpstr (csv_get (&csv, row, "responsiveness"), ==, "4");
  g_assert_cmpstr (csv_get (&csv, row, "convenience"), ==, "2");
  g_assert_cmpstr (csv_get (&csv, row, "reliability"), ==, "");
  g_assert_cmpstr (csv_get (&csv, row, "relevance"), ==, "3");
  g_assert_cmpstr (csv_get (&csv, row, "composite"), ==, "3");
  g_assert_cmpstr (csv_get (&csv, row, "n_ratings"), ==, "3");
  g_assert_cmpstr (csv_get (&csv, row, "moment_of_truth"), ==, "false");
  g_assert_cmpstr (csv_get (&csv, row, "emotion"), ==, "1");
  g_assert_cmpstr (csv_get (&csv, row, "rank"), ==, "2");
  g_assert_cmpstr (csv_get (&csv, row, "priority"), ==, "2");
  row = csv_row (&csv, "touchpoint", 1);
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, TRICKY_TITLE);
  g_assert_cmpstr (csv_get (&csv, row, "persona"), ==, "James, \"Jim\"");
  g_assert_cmpstr (csv_get (&csv, row, "teams"), ==, "Sales, EMEA; marketing");
  row = csv_row (&csv, "touchpoint", 2);
  g_assert_cmpstr (csv_get (&csv, row, "composite"), ==, "1.5");
  g_assert_cmpstr (csv_get (&csv, row, "moment_of_truth"), ==, "true");
  g_assert_cmpstr (csv_get (&csv, row, "emotion"), ==, "-2");
  g_assert_cmpstr (csv_get (&csv, row, "priority"), ==, "11");
  row = csv_row (&csv, "touchpoint", 3);
  g_assert_cmpstr (csv_get (&csv, row, "composite"), ==, "");
  g_assert_cmpstr (csv_get (&csv, row, "emotion"), ==, "");
  g_assert_cmpstr (csv_get (&csv, row, "rank"), ==, "");
  g_assert_cmpstr (csv_get (&csv, row, "priority"), ==, "");

  /* Overall: composites 3, 5, 1.5 -> mean 3.16667, population SD 1.43372. */
  g_assert_cmpuint (csv_count (&csv, "overall"), ==, 1);
  row = csv_row (&csv, "overall", 0);
  g_assert_cmpstr (csv_get (&csv, row, "n_touchpoints"), ==, "4");
  g_assert_cmpstr (csv_get (&csv, row, "n_scored"), ==, "3");
  g_assert_cmpstr (csv_get (&csv, row, "n_ratings"), ==, "9");
  g_assert_cmpstr (csv_get (&csv, row, "mean"), ==, "3.16667");
  g_assert_cmpstr (csv_get (&csv, row, "min"), ==, "1.5");
  g_assert_cmpstr (csv_get (&csv, row, "max"), ==, "5");
  g_assert_cmpstr (csv_get (&csv, row, "stddev"), ==, "1.43372");
  g_assert_cmpstr (csv_get (&csv, row, "n_emotions"), ==, "3");
  g_assert_cmpstr (csv_get (&csv, row, "emotion_mean"), ==, "0.333333");
  g_assert_cmpstr (csv_get (&csv, row, "composite"), ==, "");

  /* Stages, including the empty one. */
  g_assert_cmpuint (csv_count (&csv, "stage"), ==, 3);
  row = csv_row (&csv, "stage", 0);
  g_assert_cmpstr (csv_get (&csv, row, "id"), ==, "s1");
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, "Aware");
  g_assert_cmpstr (csv_get (&csv, row, "mean"), ==, "4");
  g_assert_cmpstr (csv_get (&csv, row, "stddev"), ==, "1");
  row = csv_row (&csv, "stage", 2);
  g_assert_cmpstr (csv_get (&csv, row, "n_touchpoints"), ==, "0");
  g_assert_cmpstr (csv_get (&csv, row, "mean"), ==, "");
  g_assert_cmpstr (csv_get (&csv, row, "emotion_mean"), ==, "");

  g_assert_cmpuint (csv_count (&csv, "persona"), ==, 2);
  row = csv_row (&csv, "persona", 1);
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, "James, \"Jim\"");
  g_assert_cmpstr (csv_get (&csv, row, "n_touchpoints"), ==, "2");
  g_assert_cmpstr (csv_get (&csv, row, "mean"), ==, "5");

  /* Channels: web (both "web"), phone, then no channel. */
  g_assert_cmpuint (csv_count (&csv, "channel"), ==, 3);
  row = csv_row (&csv, "channel", 0);
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, "Website");
  g_assert_cmpstr (csv_get (&csv, row, "mean"), ==, "4");
  row = csv_row (&csv, "channel", 2);
  g_assert_cmpstr (csv_get (&csv, row, "id"), ==, "");
  g_assert_cmpstr (csv_get (&csv, row, "n_scored"), ==, "0");

  /* Teams by name: Billing, Marketing (t1 and t2), "Sales, EMEA", no team. */
  g_assert_cmpuint (csv_count (&csv, "team"), ==, 4);
  row = csv_row (&csv, "team", 1);
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, "Marketing");
  g_assert_cmpstr (csv_get (&csv, row, "n_touchpoints"), ==, "2");
  g_assert_cmpstr (csv_get (&csv, row, "mean"), ==, "4");
  row = csv_row (&csv, "team", 2);
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, "Sales, EMEA");

  /* Cells: every stage x lane; the emotion curve lives here. */
  g_assert_cmpuint (csv_count (&csv, "cell"), ==, 6);
  row = csv_row (&csv, "cell", 2);
  g_assert_cmpstr (csv_get (&csv, row, "stage"), ==, "Buy");
  g_assert_cmpstr (csv_get (&csv, row, "persona"), ==, "Fridah");
  g_assert_cmpstr (csv_get (&csv, row, "emotion_mean"), ==, "-2");

  /* The ranking: t3 (11), t1 (2), t2 (0). */
  g_assert_cmpuint (csv_count (&csv, "ranking"), ==, 3);
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "ranking", 0), "id"), ==, "t3");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "ranking", 1), "id"), ==, "t1");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "ranking", 2), "id"), ==, "t2");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "ranking", 0), "rank"), ==, "1");

  g_ptr_array_unref (csv.rows);
}

static void
test_csv (void)
{
  g_autofree char *text = write_fixture (JM_SCORE_FORMAT_CSV);

  check_csv (text);
}

/* Numbers keep their '.' in a locale that writes a decimal comma. */
static void
test_csv_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8", NULL };
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;

  for (guint i = 0; locales[i] != NULL && found == NULL; i++)
    if (setlocale (LC_NUMERIC, locales[i]) != NULL)
      found = locales[i];
  if (found == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  {
    g_autofree char *text = write_fixture (JM_SCORE_FORMAT_CSV);
    g_autofree char *json = write_fixture (JM_SCORE_FORMAT_JSON);
    g_autoptr(JNode) root = NULL;

    check_csv (text);
    root = parse_json (json);
  }
  setlocale (LC_NUMERIC, old);
}

static void
test_json (void)
{
  g_autofree char *text = write_fixture (JM_SCORE_FORMAT_JSON);
  g_autoptr(JNode) root = parse_json (text);
  JNode *file, *tp, *group;

  g_assert_cmpuint (jlen (jget (root, "files")), ==, 1);
  file = jat (jget (root, "files"), 0);
  assert_jstr (jget (file, "file"), "fix,ture.journey");
  assert_jstr (jget (file, "title"), "Fixture");
  assert_jnum (jget (jget (file, "weights"), "convenience"), 1.0);

  g_assert_cmpuint (jlen (jget (file, "touchpoints")), ==, 4);
  tp = jat (jget (file, "touchpoints"), 0);
  assert_jstr (jget (tp, "id"), "t1");
  assert_jstr (jget (tp, "stage"), "s1");
  assert_jstr (jget (tp, "persona"), "p1");
  assert_jnum (jget (jget (tp, "ratings"), "responsiveness"), 4);
  assert_jnum (jget (jget (tp, "ratings"), "reliability"), NAN);
  assert_jnum (jget (tp, "composite"), 3.0);
  assert_jnum (jget (tp, "n_ratings"), 3);
  g_assert_cmpint (jget (tp, "moment_of_truth")->type, ==, J_BOOL);
  g_assert_false (jget (tp, "moment_of_truth")->boolean);
  assert_jnum (jget (tp, "emotion"), 1);
  assert_jnum (jget (tp, "rank"), 2);
  tp = jat (jget (file, "touchpoints"), 1);
  assert_jstr (jget (tp, "title"), TRICKY_TITLE);
  g_assert_cmpuint (jlen (jget (tp, "teams")), ==, 2);
  assert_jstr (jat (jget (tp, "teams"), 0), "Sales, EMEA");
  tp = jat (jget (file, "touchpoints"), 3);
  assert_jnum (jget (tp, "composite"), NAN);
  assert_jnum (jget (tp, "emotion"), NAN);
  assert_jnum (jget (tp, "priority"), NAN);
  assert_jnum (jget (tp, "rank"), NAN);

  group = jget (file, "overall");
  assert_jnum (jget (group, "n_touchpoints"), 4);
  assert_jnum (jget (group, "n_scored"), 3);
  assert_jnum (jget (group, "n_ratings"), 9);
  assert_jnum (jget (group, "mean"), 9.5 / 3);
  assert_jnum (jget (group, "stddev"), 1.433721);
  assert_jnum (jget (group, "min"), 1.5);
  assert_jnum (jget (group, "max"), 5.0);
  assert_jnum (jget (group, "emotion"), 1.0 / 3);

  g_assert_cmpuint (jlen (jget (file, "stages")), ==, 3);
  group = jat (jget (file, "stages"), 2);
  assert_jstr (jget (group, "id"), "s3");
  assert_jstr (jget (group, "name"), "Use");
  assert_jnum (jget (group, "mean"), NAN);
  assert_jnum (jget (group, "n_touchpoints"), 0);
  g_assert_cmpuint (jlen (jget (file, "personas")), ==, 2);
  assert_jstr (jget (jat (jget (file, "personas"), 1), "name"), "James, \"Jim\"");
  g_assert_cmpuint (jlen (jget (file, "channels")), ==, 3);
  assert_jstr (jget (jat (jget (file, "channels"), 1), "id"), "phone");
  assert_jnum (jget (jat (jget (file, "channels"), 1), "mean"), 1.5);
  g_assert_cmpuint (jlen (jget (file, "teams")), ==, 4);
  assert_jstr (jget (jat (jget (file, "teams"), 3), "id"), "");
  g_assert_cmpuint (jlen (jget (file, "cells")), ==, 6);

  /* Emotion curves: one point per stage, null where there is none. */
  g_assert_cmpuint (jlen (jget (file, "emotion_curves")), ==, 2);
  group = jat (jget (file, "emotion_curves"), 0);
  assert_jstr (jget (group, "persona"), "p1");
  g_assert_cmpuint (jlen (jget (group, "points")), ==, 3);
  assert_jnum (jat (jget (group, "points"), 0), 1.0);
  assert_jnum (jat (jget (group, "points"), 1), -2.0);
  assert_jnum (jat (jget (group, "points"), 2), NAN);
  group = jat (jget (file, "emotion_curves"), 1);
  assert_jnum (jat (jget (group, "points"), 1), NAN);

  g_assert_cmpuint (jlen (jget (file, "ranking")), ==, 3);
  assert_jstr (jat (jget (file, "ranking"), 0), "t3");
  assert_jstr (jat (jget (file, "ranking"), 2), "t2");
}

static void
test_json_empty (void)
{
  g_autoptr(JmScoreWriter) writer = jm_score_writer_new (JM_SCORE_FORMAT_JSON);
  g_autofree char *text = jm_score_writer_finish (writer);
  g_autoptr(JNode) root = parse_json (text);

  g_assert_cmpuint (jlen (jget (root, "files")), ==, 0);

  {
    g_autoptr(JmMap) map = jm_map_new ();
    g_autoptr(JmScoreReport) report = jm_score_report_new (map);
    g_autoptr(JmScoreWriter) w = jm_score_writer_new (JM_SCORE_FORMAT_JSON);
    g_autofree char *t = NULL;
    g_autoptr(JNode) r = NULL;

    jm_score_writer_add (w, "a", report);
    jm_score_writer_add (w, "b", report);
    t = jm_score_writer_finish (w);
    r = parse_json (t);
    g_assert_cmpuint (jlen (jget (r, "files")), ==, 2);
    g_assert_cmpuint (jlen (jget (jat (jget (r, "files"), 1), "touchpoints")), ==, 0);
    assert_jnum (jget (jget (jat (jget (r, "files"), 1), "overall"), "mean"), NAN);
  }
}

static void
test_text (void)
{
  g_autofree char *text = write_fixture (JM_SCORE_FORMAT_TEXT);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *headings[] = { "Touchpoints", "By stage", "By persona", "By channel", "By team",
                             "By stage and persona", "What to fix first" };
  guint found = 0;

  g_assert_true (g_str_has_prefix (text, "fix,ture.journey — Fixture\n"));
  g_assert_nonnull (strstr (text, "Overall score: 3.17 (SD 1.43), from 3 of 4 touchpoints and 9 ratings"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (found < G_N_ELEMENTS (headings) && g_str_equal (lines[i], headings[found]))
        found++;
      /* No line ends in spaces. */
      g_assert_false (g_str_has_suffix (lines[i], " "));
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (headings));

  /* Columns line up: in the stage table, every score ends at the same column. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (lines[i], "By stage"))
      {
        const char *head = lines[i + 2];
        const char *score_end = strstr (head, "Score") + strlen ("Score");
        glong column = g_utf8_pointer_to_offset (head, score_end);

        g_assert_true (g_str_has_prefix (lines[i + 4], "Aware"));
        g_assert_cmpstr (g_utf8_offset_to_pointer (lines[i + 4], column - 4), >=, "");
        g_assert_true (strncmp (g_utf8_offset_to_pointer (lines[i + 4], column - 4), "4.00", 4) == 0);
        g_assert_true (strncmp (g_utf8_offset_to_pointer (lines[i + 5], column - 4), "1.50", 4) == 0);
        g_assert_true (strncmp (g_utf8_offset_to_pointer (lines[i + 6], column - 1), "-", 1) == 0);
      }
}

/* The command line -------------------------------------------------------- */

static const char *
executable (void)
{
  const char *path = g_getenv ("JM_EXECUTABLE");

  g_assert_nonnull (path);
  return path;
}

static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status;

  g_ptr_array_add (argv, (gpointer) executable ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* No display: the command line must not need one. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
}

static void
test_cli_bad_format (void)
{
  g_autofree char *file = sample ("broadband.journey");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--scores=xml", file, NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "xml"));
  g_assert_nonnull (strstr (err, "text, csv or json"));
}

static void
test_cli_missing_file (void)
{
  g_autofree char *file = sample ("broadband.journey");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--scores=csv", "/nonexistent/nothing.journey", file, NULL };
  Csv csv;

  /* The good file is still scored; the bad one is named and fails the run. */
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "nothing.journey"));
  csv.rows = parse_csv (out);
  csv.header = g_ptr_array_index (csv.rows, 0);
  g_assert_cmpuint (csv_count (&csv, "overall"), ==, 1);
  g_assert_true (g_str_has_suffix (csv_get (&csv, csv_row (&csv, "overall", 0), "file"),
                                   "broadband.journey"));
  g_ptr_array_unref (csv.rows);
}

/* The votes of each round, most dots first, in the three formats. */
static void
test_cli_votes (void)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "files", "valid-votes.journey", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *csv_args[] = { "--scores=csv", file, NULL };
  const char *json_args[] = { "--scores=json", file, NULL };
  const char *text_args[] = { "--scores", file, NULL };
  char **row;
  Csv csv;

  g_assert_cmpint (run (csv_args, &out, &err), ==, 0);
  csv.rows = parse_csv (out);
  csv.header = g_ptr_array_index (csv.rows, 0);
  g_assert_cmpuint (csv_count (&csv, "votes"), ==, 3);
  row = csv_row (&csv, "votes", 0);
  g_assert_cmpstr (csv_get (&csv, row, "round"), ==, "r1");
  g_assert_cmpstr (csv_get (&csv, row, "id"), ==, "t1");
  g_assert_cmpstr (csv_get (&csv, row, "rank"), ==, "1");
  g_assert_cmpstr (csv_get (&csv, row, "dots"), ==, "3");
  g_assert_cmpstr (csv_get (&csv, row, "voters"), ==, "2");
  row = csv_row (&csv, "votes", 2);
  g_assert_cmpstr (csv_get (&csv, row, "round"), ==, "r2");
  g_assert_cmpstr (csv_get (&csv, row, "id"), ==, "t2");
  g_ptr_array_unref (csv.rows);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (json_args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"round\": \"r1\", \"question\": \"Which moments hurt most?\", \"closed\": true, "
                                 "\"ranking\": [{ \"id\": \"t1\", \"dots\": 3, \"voters\": 2 }"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (text_args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Votes: Which moments hurt most?"));
}

/* A hostile map's names reach a spreadsheet as text, never as formulas;
 * numbers the program wrote, a negative emotion among them, stay numbers. */
static void
test_cli_csv_formulas (void)
{
  static const char map_text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">\n"
    "  <title>Hostile</title>\n"
    "  <stages><stage id=\"s1\"><name>+1+1</name></stage></stages>\n"
    "  <personas><persona id=\"p1\" colour=\"#0072b2\"><name>@SUM(A1)</name></persona></personas>\n"
    "  <touchpoints>\n"
    "    <touchpoint id=\"t1\" stage=\"s1\" lane=\"p1\" emotion=\"-2\">\n"
    "      <title>=HYPERLINK(\"http://example.com\",\"x\")</title>\n"
    "      <teams><team>-2+3</team><team>Billing</team></teams>\n"
    "      <scores responsiveness=\"2\"/>\n"
    "    </touchpoint>\n"
    "    <touchpoint id=\"t2\" stage=\"s1\" lane=\"p1\"><title>&#9;tabbed</title></touchpoint>\n"
    "    <touchpoint id=\"t3\" stage=\"s1\" lane=\"p1\"><title>&#13;returned</title></touchpoint>\n"
    "    <touchpoint id=\"t4\" stage=\"s1\" lane=\"p1\"><title>Plain, safe</title></touchpoint>\n"
    "  </touchpoints>\n"
    "</journey>\n";
  g_autofree char *dir = g_dir_make_tmp ("jm-cli-scores-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "hostile.journey", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--scores=csv", file, NULL };
  char **row;
  Csv csv;

  g_assert_true (g_file_set_contents (file, map_text, -1, NULL));
  g_assert_cmpint (run (args, &out, &err), ==, 0);
  csv.rows = parse_csv (out);
  csv.header = g_ptr_array_index (csv.rows, 0);

  row = csv_row (&csv, "touchpoint", 0);
  g_assert_cmpstr (csv_get (&csv, row, "name"), ==, "'=HYPERLINK(\"http://example.com\",\"x\")");
  g_assert_cmpstr (csv_get (&csv, row, "stage"), ==, "'+1+1");
  g_assert_cmpstr (csv_get (&csv, row, "persona"), ==, "'@SUM(A1)");
  g_assert_cmpstr (csv_get (&csv, row, "teams"), ==, "'-2+3; Billing");
  g_assert_cmpstr (csv_get (&csv, row, "emotion"), ==, "-2");
  g_assert_cmpstr (csv_get (&csv, row, "responsiveness"), ==, "2");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "touchpoint", 1), "name"), ==, "'\ttabbed");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "touchpoint", 2), "name"), ==, "'\rreturned");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "touchpoint", 3), "name"), ==, "Plain, safe");
  /* The roll-ups name the same stage and persona, escaped the same way;
   * the mean emotion of the cell, a negative number, stays a number. */
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "stage", 0), "name"), ==, "'+1+1");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "persona", 0), "name"), ==, "'@SUM(A1)");
  g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "cell", 0), "emotion_mean"), ==, "-2");
  g_ptr_array_unref (csv.rows);

  g_unlink (file);
  g_rmdir (dir);
}

/* Every sample, in every format, agrees with the library's own numbers. */
static void
test_cli_samples (void)
{
  const char *names[] = { "broadband.journey", "retail-bank.journey", "hospital-outpatients.journey" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = sample (names[i]);
      g_autoptr(GFile) gfile = g_file_new_for_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = jm_file_load (gfile, NULL, &error);
      g_autoptr(JmScoreReport) report = NULL;
      const char *csv_args[] = { "--scores=csv", file, NULL };
      const char *json_args[] = { "--scores=json", file, NULL };
      const char *text_args[] = { "--scores", file, NULL };
      g_autofree char *csv_out = NULL, *json_out = NULL, *text_out = NULL;
      g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL;
      g_autoptr(JNode) root = NULL;
      const JmScoreSummary *overall;
      const JmScoreEntry **ranking;
      guint n_ranked, n_entries;
      Csv csv;

      g_assert_no_error (error);
      report = jm_score_report_new (map);
      overall = jm_score_report_get_overall (report);
      ranking = jm_score_report_get_ranking (report, &n_ranked);
      jm_score_report_get_entries (report, &n_entries);
      g_assert_cmpuint (n_ranked, >, 0);

      g_assert_cmpint (run (csv_args, &csv_out, &err1), ==, 0);
      g_assert_cmpstr (err1, ==, "");
      csv.rows = parse_csv (csv_out);
      csv.header = g_ptr_array_index (csv.rows, 0);
      g_assert_cmpuint (csv_count (&csv, "touchpoint"), ==, n_entries);
      g_assert_cmpuint (csv_count (&csv, "ranking"), ==, n_ranked);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (csv_get (&csv, csv_row (&csv, "overall", 0), "mean"), NULL),
                                      overall->mean, 1e-5);
      g_assert_cmpstr (csv_get (&csv, csv_row (&csv, "ranking", 0), "id"), ==,
                       jm_touchpoint_get_id (ranking[0]->touchpoint));
      g_assert_cmpuint (csv_count (&csv, "team"), ==,
                        jm_score_report_get_n_groups (report, JM_SCORE_BY_TEAM));
      g_ptr_array_unref (csv.rows);

      g_assert_cmpint (run (json_args, &json_out, &err2), ==, 0);
      root = parse_json (json_out);
      g_assert_cmpuint (jlen (jget (jat (jget (root, "files"), 0), "touchpoints")), ==, n_entries);
      assert_jnum (jget (jget (jat (jget (root, "files"), 0), "overall"), "stddev"), overall->stddev);

      g_assert_cmpint (run (text_args, &text_out, &err3), ==, 0);
      g_assert_nonnull (strstr (text_out, "What to fix first"));
      g_assert_nonnull (strstr (text_out, jm_touchpoint_get_title (ranking[0]->touchpoint)));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-scores/formats", test_formats);
  g_test_add_func ("/cli-scores/csv", test_csv);
  g_test_add_func ("/cli-scores/csv-locale", test_csv_locale);
  g_test_add_func ("/cli-scores/json", test_json);
  g_test_add_func ("/cli-scores/json-empty", test_json_empty);
  g_test_add_func ("/cli-scores/text", test_text);
  g_test_add_func ("/cli-scores/bad-format", test_cli_bad_format);
  g_test_add_func ("/cli-scores/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli-scores/samples", test_cli_samples);
  g_test_add_func ("/cli-scores/csv-formulas", test_cli_csv_formulas);
  g_test_add_func ("/cli-scores/votes", test_cli_votes);

  return g_test_run ();
}
