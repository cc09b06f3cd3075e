/* test-hostile.c: files made to hurt the reader
 *
 * Each is refused with a message that names the file, the line and column,
 * and says in plain words what is wrong. Big inputs are generated here.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include <libxml/parser.h>

#include "jm-cli.h"
#include "jm-file.h"
#include "jm-file-private.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"1.0\">"
#define SECRET "Tr0ub4dor-secret-3b1f"

static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                int         line,
                const char *words)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "hostile.journey", &error);
  g_auto(GStrv) parts = NULL;

  g_assert_null (map);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, JM_FILE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "hostile.journey:"));
  parts = g_strsplit (error->message, ":", 4);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  g_assert_cmpint (atoi (parts[1]), >=, 1);
  g_assert_cmpint (atoi (parts[2]), >=, 1);
  if (line > 0)
    g_assert_cmpint (atoi (parts[1]), ==, line);
  g_assert_nonnull (strstr (parts[3], words));
  g_assert_null (strstr (error->message, SECRET));
  g_assert_null (strstr (error->message, "root:x:0:0"));
}

static void
assert_refused_str (const char *data,
                    int         code,
                    int         line,
                    const char *words)
{
  assert_refused (data, strlen (data), code, line, words);
}

static void
test_billion_laughs (void)
{
  g_autoptr(GString) doc = g_string_new (HEAD "<!DOCTYPE journey [\n  <!ENTITY lol \"lol\">\n");

  for (guint i = 1; i <= 9; i++)
    {
      g_string_append_printf (doc, "  <!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (doc, i == 1 ? "&lol;" : "&lol%u;", i - 1);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n" ROOT "<title>&lol9;</title><stages/><personas/><touchpoints/></journey>\n");
  assert_refused_str (doc->str, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");

  /* Quadratic blow-up: one big entity used many times. */
  g_string_assign (doc, HEAD "<!DOCTYPE journey [<!ENTITY a \"");
  for (guint i = 0; i < 50000; i++)
    g_string_append_c (doc, 'a');
  g_string_append (doc, "\">]>\n" ROOT "<title>");
  for (guint i = 0; i < 50000; i++)
    g_string_append (doc, "&a;");
  g_string_append (doc, "</title><stages/><personas/><touchpoints/></journey>\n");
  assert_refused_str (doc->str, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");
}

static char *
write_secret (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-hostile-XXXXXX", NULL);
  char *path = g_build_filename (dir, "secret.txt", NULL);

  g_assert_true (g_file_set_contents (path, SECRET "\n", -1, NULL));
  return path;
}

static void
remove_secret (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static char *
with_uri (const char *template,
          const char *uri)
{
  g_auto(GStrv) parts = g_strsplit (template, "@URI@", -1);

  return g_strjoinv (uri, parts);
}

static void
test_external_entities (void)
{
  g_autofree char *secret = write_secret ();
  g_autofree char *uri = g_filename_to_uri (secret, NULL, NULL);
  const char *templates[] = {
    /* classic XXE */
    HEAD "<!DOCTYPE journey [<!ENTITY xxe SYSTEM \"@URI@\">]>\n" ROOT
    "<title>&xxe;</title><stages/><personas/><touchpoints/></journey>\n",
    /* parameter entity */
    HEAD "<!DOCTYPE journey [<!ENTITY % p SYSTEM \"@URI@\"> %p;]>\n" ROOT
    "<title>x</title><stages/><personas/><touchpoints/></journey>\n",
    /* external DTD */
    HEAD "<!DOCTYPE journey SYSTEM \"@URI@\">\n" ROOT
    "<title>x</title><stages/><personas/><touchpoints/></journey>\n",
    /* entity in an attribute */
    HEAD "<!DOCTYPE journey [<!ENTITY xxe SYSTEM \"@URI@\">]>\n" ROOT
    "<title>x</title><stages><stage id=\"s1\"><name>&xxe;</name></stage></stages><personas/><touchpoints/></journey>\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *doc = with_uri (templates[i], uri);
      g_autofree char *doc_plain = with_uri (templates[i], secret);
      g_autofree char *doc_passwd = with_uri (templates[i], "file:///etc/passwd");
      g_autofree char *doc_net = with_uri (templates[i], "http://127.0.0.1:9/x.dtd");

      assert_refused_str (doc, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");
      assert_refused_str (doc_plain, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");
      assert_refused_str (doc_passwd, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");
      assert_refused_str (doc_net, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");

      /* The version check reads only the start of a file, with the
       * parser's own DOCTYPE fence: nothing leaks there either. */
      {
        g_autofree char *dir = g_dir_make_tmp ("jm-peek-XXXXXX", NULL);
        g_autofree char *path = g_build_filename (dir, "peek.journey", NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);

        g_assert_true (g_file_set_contents (path, doc, -1, NULL));
        g_assert_false (jm_file_is_from_newer_version (file, NULL));
        g_unlink (path);
        g_rmdir (dir);
      }
    }

  /* XInclude is never processed: the element is kept as foreign content,
   * and the secret is nowhere in the map or in what is written back. */
  {
    g_autofree char *doc = g_strdup_printf (HEAD ROOT
                                            "<title>x</title><stages/><personas/><touchpoints/>"
                                            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"%s\" parse=\"text\"/>"
                                            "</journey>\n", uri);
    g_autoptr(GBytes) bytes = g_bytes_new (doc, strlen (doc));
    g_autoptr(GError) error = NULL;
    g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "xinclude.journey", &error);
    g_autoptr(GBytes) written = NULL;

    g_assert_no_error (error);
    written = jm_file_write_bytes (map);
    g_assert_null (g_strstr_len (g_bytes_get_data (written, NULL), g_bytes_get_size (written), SECRET));
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (written, NULL), g_bytes_get_size (written), "<xi:include"));
    g_assert_cmpstr (jm_map_get_title (map), ==, "x");
  }

  remove_secret (secret);
}

static void
test_undeclared_entity (void)
{
  assert_refused_str (HEAD ROOT "<title>Fish &chips;</title><stages/><personas/><touchpoints/></journey>\n",
                      JM_FILE_ERROR_SYNTAX, 2, "“&” must be written as “&amp;”");
  assert_refused_str (HEAD ROOT "<title>Fish & chips</title><stages/><personas/><touchpoints/></journey>\n",
                      JM_FILE_ERROR_SYNTAX, 2, "“&” must be written as “&amp;”");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) doc = g_string_new (HEAD ROOT "\n<title>x</title>");

  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "<x:a xmlns:x=\"urn:x\">");
  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "</x:a>");
  g_string_append (doc, "<stages/><personas/><touchpoints/></journey>\n");
  assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, 3, "nested more than 256 levels deep");

  /* Plain, undeclared elements, and no end tags at all. */
  g_string_assign (doc, HEAD ROOT "\n");
  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "<a>");
  assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, 3, "nested more than 256 levels deep");

  /* Moderate nesting in foreign content is fine. */
  g_string_assign (doc, HEAD ROOT "\n<title>x</title><stages/><personas/><touchpoints/>");
  for (guint i = 0; i < 200; i++)
    g_string_append (doc, "<x:a xmlns:x=\"urn:x\">");
  for (guint i = 0; i < 200; i++)
    g_string_append (doc, "</x:a>");
  g_string_append (doc, "</journey>\n");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (doc->str, doc->len);
    g_autoptr(GError) error = NULL;
    g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "nested.journey", &error);

    g_assert_no_error (error);
  }
}

static void
test_many_attributes (void)
{
  g_autoptr(GString) doc = g_string_new (HEAD ROOT "\n<title>x</title>\n<stages x:a0=\"0\"");

  for (guint i = 1; i < 200000; i++)
    g_string_append_printf (doc, " x:a%u=\"%u\"", i, i);
  g_string_append (doc, " xmlns:x=\"urn:x\"/><personas/><touchpoints/></journey>\n");
  assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, 4, "more than 256 attributes");

  /* Duplicates, the case libxml2 checks in quadratic time. */
  g_string_assign (doc, HEAD ROOT "\n<title a=\"1\"");
  for (guint i = 0; i < 200000; i++)
    g_string_append (doc, " a=\"1\"");
  g_string_append (doc, ">x</title><stages/><personas/><touchpoints/></journey>\n");
  assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, 3, "more than 256 attributes");

  /* A quote in a processing instruction or a comment hides nothing. */
  g_string_assign (doc, HEAD "<?pi don't?><!-- it's -->" ROOT "\n<title x:a0=\"0\"");
  for (guint i = 1; i < 1000; i++)
    g_string_append_printf (doc, " x:a%u=\"%u\"", i, i);
  g_string_append (doc, " xmlns:x=\"urn:x\">x</title><stages/><personas/><touchpoints/></journey>\n");
  assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, 3, "more than 256 attributes");
}

/* In a file of several megabytes, what the pre-scan refuses late in the
 * file still wins over a mistake the parser would meet first, as it does
 * in a small file. */
static void
test_large_file_prescan (void)
{
  const gsize sizes[] = { 1000, 3 * 1024 * 1024 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GString) doc = g_string_new (HEAD ROOT "\n<title>x</title>\n<bogus/>\n<!--");
      g_autoptr(GString) nul = NULL;

      while (doc->len < sizes[s])
        g_string_append (doc, " padding padding padding padding padding padding\n");
      g_string_append (doc, "-->\n<!DOCTYPE journey>\n</journey>\n");
      assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, -1, "may not have a DOCTYPE");

      nul = g_string_new_len (doc->str, doc->len);
      g_string_append_c (nul, '\0');
      assert_refused (nul->str, nul->len, JM_FILE_ERROR_NOT_XML, -1, "binary data");

      /* Without them, the first mistake is the one reported. */
      g_string_truncate (doc, doc->len - strlen ("<!DOCTYPE journey>\n</journey>\n"));
      g_string_append (doc, "</journey>\n");
      assert_refused (doc->str, doc->len, JM_FILE_ERROR_INVALID, 4, "<bogus>");
    }
}

static void
test_compressed_and_binary (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", "valid-minimal.journey", NULL);
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  guint8 gz[8192];
  gsize read, written;
  guint8 binary[4096];
  g_autofree char *utf16 = NULL;
  gsize utf16_length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), data, length, gz, sizeof gz,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL),
                   ==, G_CONVERTER_FINISHED);
  assert_refused ((const char *) gz, written, JM_FILE_ERROR_NOT_XML, 1, "compressed or binary data, not a journey map");

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guint8) g_test_rand_int_range (0, 256);
  memcpy (binary, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  assert_refused ((const char *) binary, sizeof binary, JM_FILE_ERROR_NOT_XML, 0, "compressed or binary data");

  /* A map with a NUL in the middle. */
  {
    g_autofree char *copy = g_memdup2 (data, length);

    copy[length / 2] = '\0';
    assert_refused (copy, length, JM_FILE_ERROR_NOT_XML, 0, "binary data");
  }

  /* UTF-16 is XML, but not what a map file is: said as such, with or
   * without a byte order mark, either way round. */
  utf16 = g_convert (data, length, "UTF-16", "UTF-8", NULL, &utf16_length, NULL);
  g_assert_nonnull (utf16);
  assert_refused (utf16, utf16_length, JM_FILE_ERROR_NOT_XML, 1, "the file is UTF-16 text, but a map file must be UTF-8");
  {
    const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

    for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
      {
        g_autofree char *bare = g_convert (data, length, encodings[i], "UTF-8", NULL, &utf16_length, NULL);

        assert_refused (bare, utf16_length, JM_FILE_ERROR_NOT_XML, 1, "UTF-16 text");
      }
  }
}

/* What libxml2 refuses past its limits, or counts its own way, is said in
 * plain words, at the place it is in the file. */
static void
test_plain_messages (void)
{
  /* Just past libxml2's 10,000,000 bytes in one piece. */
  const gsize big = 10100 * 1000;
  g_autofree char *filler = g_malloc (big + 1);
  g_autofree char *spaces = g_malloc (big + 1);
  struct {
    const char *template;   /* "%s" stands for 10.1 MB of filler, or of spaces */
    gboolean    blank;
    int         code;
    int         line;
    const char *words;
  } cases[] = {
    { HEAD ROOT "\n<title a=\"%s\">x</title><stages/><personas/><touchpoints/></journey>\n", FALSE,
      JM_FILE_ERROR_FORBIDDEN, 3, "an attribute value is 10.1" },
    { HEAD ROOT "\n<title>\n<![CDATA[%s]]></title><stages/><personas/><touchpoints/></journey>\n", FALSE,
      JM_FILE_ERROR_FORBIDDEN, 4, "a CDATA section is 10.1" },
    { HEAD "\n<?pi %s?>\n" ROOT "<title>x</title><stages/><personas/><touchpoints/></journey>\n", FALSE,
      JM_FILE_ERROR_FORBIDDEN, 3, "a processing instruction (<? … ?>) is 10.1" },
    { HEAD ROOT "\n<title\n%s>x</title><stages/><personas/><touchpoints/></journey>\n", TRUE,
      JM_FILE_ERROR_SYNTAX, 4, "more than 10 MB here without a break" },
    { HEAD ROOT "\n<x%s/><title>x</title><stages/><personas/><touchpoints/></journey>\n", FALSE,
      JM_FILE_ERROR_SYNTAX, 3, "a name is longer than the 50,000 characters" },
  };

  memset (filler, 'v', big);
  filler[big] = '\0';
  memset (spaces, ' ', big);
  spaces[big] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (cases[i].template, "%s", 2);
      g_autofree char *doc = g_strjoinv (cases[i].blank ? spaces : filler, parts);
      g_autoptr(GBytes) bytes = g_bytes_new (doc, strlen (doc));
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "hostile.journey", &error);

      g_assert_null (map);
      assert_refused (doc, strlen (doc), cases[i].code, cases[i].line, cases[i].words);
      g_assert_null (strstr (error->message, "too big found"));
      g_assert_null (strstr (error->message, "Huge input"));
      g_assert_null (strstr (error->message, "internal error"));
      g_assert_null (strstr (error->message, "NCName"));
    }

  /* A comment over 10 MB is a map like any other, also for --check --strict. */
  {
    g_autoptr(GString) doc = g_string_new (HEAD "<!--");
    g_autofree char *dir = g_dir_make_tmp ("jm-comment-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "comment.journey", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(JmMap) map = NULL;

    g_string_append_len (doc, filler, big);
    g_string_append (doc, "-->\n" ROOT "<title>x</title><stages/><personas/><touchpoints/></journey>\n");
    g_assert_true (g_file_set_contents (path, doc->str, doc->len, NULL));
    map = jm_file_load_full (file, NULL, JM_FILE_LOAD_STRICT, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (map);
    g_unlink (path);
    g_rmdir (dir);
  }

  /* CR-only line ends count as lines. */
  assert_refused_str ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r" ROOT "\r<title>x</title>\r"
                      "<bogus/>\r<stages/><personas/><touchpoints/></journey>\r",
                      JM_FILE_ERROR_INVALID, 4, "<bogus>");
  assert_refused_str ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" ROOT "\r\n<title>x</title>\r"
                      "<title>y</title>\r\n<stages/><personas/><touchpoints/></journey>\r\n",
                      JM_FILE_ERROR_INVALID, 4, "more than one <title>");

  /* Format numbers as written, however long; a sign is no format. */
  assert_refused_str (HEAD "<journey xmlns=\"https://journeymapper.github.io/ns/journey/99999999999999999999999\" "
                      "version=\"1.0\"/>\n", JM_FILE_ERROR_NEWER_VERSION, 2, "(format 99999999999999999999999)");
  assert_refused_str (HEAD "<journey xmlns=\"https://journeymapper.github.io/ns/journey/-1\" version=\"1.0\"/>\n",
                      JM_FILE_ERROR_NOT_A_MAP, 2, "not in the namespace");
  assert_refused_str (HEAD "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" "
                      "version=\"18446744073709551617.0\"/>\n",
                      JM_FILE_ERROR_NEWER_VERSION, 2, "(format 18446744073709551617.0)");

  /* A file name that is not UTF-8 is shown as a file manager shows it. */
  {
    g_autofree char *dir = g_dir_make_tmp ("jm-name-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "caf\xe9.journey", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(JmMap) map = NULL;

    g_assert_true (g_file_set_contents (path, "<journey/>", -1, NULL));
    map = jm_file_load (file, NULL, &error);
    g_assert_null (map);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "caf\xef\xbf\xbd.journey:1:1: "));
    g_assert_null (strstr (error->message, "%E9"));
    g_assert_null (strstr (error->message, "file:"));
    g_unlink (path);
    g_rmdir (dir);
  }
}

static void
test_empty_and_not_xml (void)
{
  assert_refused ("", 0, JM_FILE_ERROR_NOT_XML, 1, "the file is empty");
  assert_refused_str (" \n\t\n", JM_FILE_ERROR_NOT_XML, 1, "the file is empty");
  assert_refused_str ("Title,Stage,Channel\nSign up,Need,web\n", JM_FILE_ERROR_NOT_XML, 1, "not XML");
  assert_refused_str ("{\"title\": \"json\"}", JM_FILE_ERROR_NOT_XML, 1, "not XML");
  assert_refused_str (HEAD, JM_FILE_ERROR_NOT_XML, 0, "not XML");
  assert_refused_str (HEAD "<!-- only a comment -->\n", JM_FILE_ERROR_NOT_XML, 0, "not XML");
}

static void
test_wrong_root_and_version (void)
{
  assert_refused_str (HEAD "<html><body/></html>\n", JM_FILE_ERROR_NOT_A_MAP, 2, "its root element is <html>, not <journey>");
  assert_refused_str (HEAD "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", JM_FILE_ERROR_NOT_A_MAP, 2, "root element is <svg>");
  assert_refused_str (HEAD "<journey version=\"1.0\"><title>x</title></journey>\n", JM_FILE_ERROR_NOT_A_MAP, 2, "not in the namespace");
  assert_refused_str (HEAD "<j:journey xmlns:j=\"https://journeymapper.github.io/ns/journey/7\" version=\"7.0\"/>\n",
                      JM_FILE_ERROR_NEWER_VERSION, 2, "made by a newer version of Journey Mapper");
  assert_refused_str (HEAD "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" version=\"10.2\"/>\n",
                      JM_FILE_ERROR_NEWER_VERSION, 2, "made by a newer version of Journey Mapper");
  assert_refused_str (HEAD "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\"/>\n",
                      JM_FILE_ERROR_INVALID, 2, "no “version” attribute");
}

/* Every prefix of a map, up to its last end tag, is refused cleanly. */
static void
test_truncated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", "valid-minimal.journey", NULL);
  g_autofree char *data = NULL;
  gsize length;
  const char *end;
  gsize complete;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  end = g_strrstr (data, "</journey>");
  g_assert_nonnull (end);
  complete = end - data + strlen ("</journey>");

  for (gsize i = 0; i < complete; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "cut.journey", &error);
      g_auto(GStrv) parts = NULL;

      g_assert_null (map);
      g_assert_nonnull (error);
      g_assert_true (error->domain == JM_FILE_ERROR);
      parts = g_strsplit (error->message, ":", 4);
      g_assert_cmpstr (parts[0], ==, "cut.journey");
      g_assert_cmpint (atoi (parts[1]), >=, 1);
      g_assert_cmpint (atoi (parts[2]), >=, 1);
      g_assert_nonnull (parts[3]);
      g_assert_cmpuint (strlen (parts[3]), >, 10);
    }

  /* And the complete map loads, with or without its final newline. */
  for (gsize i = complete; i <= length; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "whole.journey", &error);

      g_assert_no_error (error);
    }
}

static void
test_too_large (void)
{
  gsize size = JM_FILE_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (size);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = NULL;
  int fd;

  memset (data, ' ', size);
  memcpy (data, HEAD ROOT, strlen (HEAD ROOT));
  assert_refused (data, size, JM_FILE_ERROR_TOO_LARGE, 1, "a map file may have");

  /* From disk, the size is checked before anything is read. */
  dir = g_dir_make_tmp ("jm-large-XXXXXX", NULL);
  path = g_build_filename (dir, "large.journey", NULL);
  fd = g_open (path, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 2 * 1024 * 1024 * 1024ll), ==, 0);
  close (fd);
  file = g_file_new_for_path (path);
  map = jm_file_load (file, NULL, &error);
  g_assert_null (map);
  g_assert_error (error, JM_FILE_ERROR, JM_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "large.journey:1:1: the file is 2.1"));
  g_assert_nonnull (strstr (error->message, "GB, more than the 67.1"));
  g_assert_true (g_str_has_suffix (error->message, "MB a map file may have"));
  g_unlink (path);
  g_rmdir (dir);
}

/* A map of a newer format is known as one wherever its root element is:
 * behind a DOCTYPE (which a newer format may have), or behind a prologue
 * longer than any fixed look-ahead. It is refused as newer, and never
 * saved over. */
static void
test_newer_behind_prologue (void)
{
  const char *newer_root = "<journey xmlns=\"https://journeymapper.github.io/ns/journey/2\" version=\"2.0\">"
                           "<title>x</title><stages/><personas/><touchpoints/></journey>\n";
  g_autoptr(GString) comment = g_string_new ("<!--");
  g_autofree char *dir = g_dir_make_tmp ("jm-newer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newer.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmMap) map = jm_map_new ();

  while (comment->len < 200 * 1024)
    g_string_append (comment, " a comment longer than 64 KiB, with > and ' and \" inside\n");
  g_string_append (comment, "-->\n");

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GString) doc = g_string_new (HEAD);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) loaded = NULL;
      g_autofree char *after = NULL;
      gsize after_length = 0;
      int line;

      if (i == 0 || i == 2)
        g_string_append (doc, "<!DOCTYPE journey [\n  <!ENTITY gt2 \"a '>' in a value\">\n"
                         "  <!-- ]> in a comment -->\n  <!ATTLIST journey version CDATA '2.0'>\n]>\n");
      if (i == 1 || i == 2)
        g_string_append (doc, comment->str);
      if (i == 3)
        g_string_append (doc, "<!DOCTYPE journey SYSTEM \"https://example.com/journey-2.dtd\">\n");
      line = 1;
      for (const char *p = doc->str; *p != '\0'; p++)
        line += *p == '\n';
      g_string_append (doc, newer_root);
      if (i == 4)
        {
          /* Binary data after the root element of a newer map. */
          g_string_append_c (doc, '\0');
          g_string_append (doc, "more");
        }
      g_test_message ("variant %u: root on line %d", i, line);

      /* Opening says what it is, at the root element. */
      bytes = g_bytes_new (doc->str, doc->len);
      loaded = jm_file_load_bytes (bytes, "hostile.journey", &error);
      g_assert_null (loaded);
      g_assert_error (error, JM_FILE_ERROR, JM_FILE_ERROR_NEWER_VERSION);
      g_assert_cmpstr (strstr (error->message, "made by a newer version"), !=, NULL);
      g_assert_cmpint (atoi (strchr (error->message, ':') + 1), ==, line);
      g_clear_error (&error);

      /* Saving over it is refused, and the file stays as it was. */
      g_assert_true (g_file_set_contents (path, doc->str, doc->len, NULL));
      g_assert_true (jm_file_is_from_newer_version (file, NULL));
      g_assert_false (jm_file_save (map, file, NULL, &error));
      g_assert_error (error, JM_FILE_ERROR, JM_FILE_ERROR_NEWER_VERSION);
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, doc->str, doc->len);
      g_unlink (path);
    }

  /* A map of this format behind the same prologue is still refused for
   * its DOCTYPE, and can be saved over. */
  {
    g_autoptr(GString) doc = g_string_new (HEAD "<!DOCTYPE journey [<!ENTITY a \"b\">]>\n");

    g_string_append (doc, comment->str);
    g_string_append (doc, ROOT "<title>x</title><stages/><personas/><touchpoints/></journey>\n");
    assert_refused (doc->str, doc->len, JM_FILE_ERROR_FORBIDDEN, 2, "may not have a DOCTYPE");
    g_assert_true (g_file_set_contents (path, doc->str, doc->len, NULL));
    g_assert_false (jm_file_is_from_newer_version (file, NULL));
    g_assert_true (jm_file_save (map, file, NULL, NULL));
    g_unlink (path);
  }
  g_rmdir (dir);
}

/* Pictures inside a map are only checked for their type and base64 text
 * when the map loads (decoding them is the drawing code's business): a
 * picture that claims 60000x60000 pixels loads like any other, at once,
 * and broken base64 is refused. */
static void
test_pictures (void)
{
  /* PNG signature and IHDR of a 60000x60000 RGB picture, no pixel data. */
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60, 8, 2, 0, 0, 0, 0x3b, 0x8f, 0x4b, 0x9c,
  };
  g_autofree char *base64 = g_base64_encode (png, sizeof png);
  g_autofree char *doc = g_strdup_printf (HEAD ROOT "<title>x</title><stages/><personas>"
                                          "<persona id=\"p1\"><name>P</name><picture type=\"image/png\">%s</picture></persona>"
                                          "</personas><touchpoints/></journey>\n", base64);
  g_autoptr(GBytes) bytes = g_bytes_new (doc, strlen (doc));
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load_bytes (bytes, "picture.journey", &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);

  assert_refused_str (HEAD ROOT "<title>x</title><stages/><personas>\n"
                      "<persona id=\"p1\"><name>P</name><picture type=\"image/png\">iVBO*w0KGgo=</picture></persona>"
                      "</personas><touchpoints/></journey>\n",
                      JM_FILE_ERROR_INVALID, 3, "not valid base64");
  assert_refused_str (HEAD ROOT "<title>x</title><stages/><personas>\n"
                      "<persona id=\"p1\"><name>P</name><picture type=\"image/svg+xml\">PHN2Zz4=</picture></persona>"
                      "</personas><touchpoints/></journey>\n",
                      JM_FILE_ERROR_INVALID, 3, "only image/png and image/jpeg");
}

/* Valid maps with tens of thousands of sibling elements, where libxml2's
 * RELAX NG validator is quadratic (a minute or more for these, far more for a few
 * megabytes): they load and check with the reader's own checks, which are
 * linear. The benchmark measures how the time grows with the size. */
#define MANY_SIBLINGS 150000

static GString *
many_siblings_map (guint family)
{
  /* Where the siblings go: a persona's goals, a touchpoint's teams or
   * links, or foreign elements in <journey>. */
  const char *where[][3] = {
    { "<goals>", "<item/>", "</goals></persona>" },
    { "</persona>", "<team/>", "" },
    { "</persona>", "<x:a/>", "" },
    { "</persona>", "<link to=\"t1\"/>", "" },
  };
  g_autoptr(GString) run = g_string_new (where[family][0]);
  GString *doc = g_string_new (NULL);

  for (guint i = 0; i < MANY_SIBLINGS; i++)
    g_string_append (run, where[family][1]);
  g_string_append (run, where[family][2]);
  g_string_append_printf (doc, HEAD "<journey xmlns=\"https://journeymapper.github.io/ns/journey/1\" "
                          "xmlns:x=\"urn:x\" version=\"1.0\"><title>Many</title>"
                          "<stages><stage id=\"s1\"><name>S</name></stage></stages>"
                          "<personas><persona id=\"p1\"><name>P</name>%s</personas><touchpoints>"
                          "<touchpoint id=\"t1\" stage=\"s1\" lane=\"p1\"><title>T</title>%s%s%s</touchpoint>"
                          "</touchpoints>%s</journey>\n",
                          family == 0 ? run->str : "</persona>",
                          family == 1 ? "<teams>" : family == 3 ? "<links>" : "",
                          family == 1 || family == 3 ? run->str + strlen ("</persona>") : "",
                          family == 1 ? "</teams>" : family == 3 ? "</links>" : "",
                          family == 2 ? run->str + strlen ("</persona>") : "");
  return doc;
}

static void
test_many_siblings (void)
{
  for (guint family = 0; family < 4; family++)
    {
      g_autoptr(GString) doc = many_siblings_map (family);
      g_autoptr(GBytes) bytes = g_bytes_new (doc->str, doc->len);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = NULL;
      g_autofree char *dir = g_dir_make_tmp ("jm-siblings-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "many.journey", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      JmCliOptions options = { .check = TRUE };

      g_test_message ("family %u: %" G_GSIZE_FORMAT " bytes", family, doc->len);
      map = jm_file_load_bytes (bytes, "many.journey", &error);
      g_assert_no_error (error);
      g_assert_nonnull (map);
      g_assert_cmpuint (g_list_model_get_n_items (jm_map_get_touchpoints (map)), ==, 1);

      g_assert_true (g_file_set_contents (path, doc->str, doc->len, NULL));
      g_assert_cmpint (jm_cli_check (&options, &file, 1), ==, 0);
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* Random damage to a rich map: whatever comes out is a map that writes
 * and reads back, or an error in the promised shape. */
static void
test_random_damage (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", "valid-full.journey", NULL);
  g_autofree char *data = NULL;
  gsize length;
  const char *pieces[] = { "<", ">", "&", "\"", "'", "</", "/>", "<x:y xmlns:x=\"urn:x\">", "]]>",
                           "<![CDATA[", "<!--", "-->", "&amp;", "&#0;", "&#x110000;", "\xff", "\xc3",
                           "xmlns=\"\"", " a=\"1\"", "<!DOCTYPE x>", "<?pi?>" };
  guint n = g_test_slow () ? 20000 : 2000;
  guint loaded = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) doc = g_string_new_len (data, length);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JmMap) map = NULL;
      guint edits = g_test_rand_int_range (1, 4);

      for (guint e = 0; e < edits; e++)
        {
          gsize at = g_test_rand_int_range (0, doc->len);
          gsize span = g_test_rand_int_range (1, 40);

          switch (g_test_rand_int_range (0, 3))
            {
            case 0:
              g_string_erase (doc, at, MIN (span, doc->len - at));
              break;
            case 1:
              g_string_insert (doc, at, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
              break;
            default:
              doc->str[at] = (char) g_test_rand_int_range (1, 256);
              break;
            }
        }

      bytes = g_bytes_new (doc->str, doc->len);
      map = jm_file_load_bytes (bytes, "damaged.journey", &error);
      if (map != NULL)
        {
          g_autoptr(GBytes) written = jm_file_write_bytes (map);
          g_autoptr(JmMap) again = jm_file_load_bytes (written, "rewritten.journey", &error);
          g_autoptr(GBytes) written2 = NULL;

          g_assert_no_error (error);
          if (!_jm_file_validate_schema (doc->str, doc->len, "damaged.journey", &error))
            g_error ("The reader loads what the schema refuses (%s):\n%s", error->message, doc->str);
          written2 = jm_file_write_bytes (again);
          g_assert_true (g_bytes_equal (written, written2));
          loaded++;
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit (error->message, ":", 4);

          g_assert_true (error->domain == JM_FILE_ERROR);
          /* The reader's own checks decide; libxml2's validator agrees,
           * but for what it cannot see (references, duplicate ids) and
           * base64 text, where it lets through characters that XML Schema
           * does not allow. */
          if ((error->code == JM_FILE_ERROR_INVALID || error->code == JM_FILE_ERROR_NOT_A_MAP) &&
              strstr (error->message, "no such") == NULL && strstr (error->message, "same id") == NULL &&
              strstr (error->message, "base64") == NULL &&
              _jm_file_validate_schema (doc->str, doc->len, "damaged.journey", NULL))
            g_error ("The reader refuses what the schema accepts (%s):\n%s", error->message, doc->str);
          g_assert_cmpstr (parts[0], ==, "damaged.journey");
          g_assert_cmpint (atoi (parts[1]), >=, 1);
          g_assert_cmpint (atoi (parts[2]), >=, 1);
          g_assert_nonnull (parts[3]);
        }
    }
  g_test_message ("%u damaged maps, %u still loaded", n, loaded);
}

/* The entity fence is process-wide in libxml2, but only stops our own
 * parsers: another library that asks for entities still gets them. */
static void
test_other_libxml2_users (void)
{
  g_autofree char *secret = write_secret ();
  g_autofree char *uri = g_filename_to_uri (secret, NULL, NULL);
  g_autofree char *doc = with_uri ("<!DOCTYPE r [<!ENTITY e SYSTEM \"@URI@\">]><r>&e;</r>", uri);
  g_autoptr(GBytes) map_bytes = g_bytes_new_static (HEAD ROOT "<title>x</title><stages/><personas/><touchpoints/></journey>\n",
                                                    strlen (HEAD ROOT "<title>x</title><stages/><personas/><touchpoints/></journey>\n"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JmMap) map = jm_file_load_bytes (map_bytes, "first.journey", &error);
  xmlDocPtr other;
  xmlChar *content;

  g_assert_no_error (error);
  other = xmlReadMemory (doc, strlen (doc), NULL, NULL, XML_PARSE_NOENT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (other);
  content = xmlNodeGetContent (xmlDocGetRootElement (other));
  g_assert_nonnull (strstr ((const char *) content, SECRET));
  xmlFree (content);
  xmlFreeDoc (other);
  remove_secret (secret);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/hostile/external-entities", test_external_entities);
  g_test_add_func ("/hostile/undeclared-entity", test_undeclared_entity);
  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/hostile/compressed-and-binary", test_compressed_and_binary);
  g_test_add_func ("/hostile/large-file-prescan", test_large_file_prescan);
  g_test_add_func ("/hostile/plain-messages", test_plain_messages);
  g_test_add_func ("/hostile/empty-and-not-xml", test_empty_and_not_xml);
  g_test_add_func ("/hostile/wrong-root-and-version", test_wrong_root_and_version);
  g_test_add_func ("/hostile/truncated", test_truncated);
  g_test_add_func ("/hostile/too-large", test_too_large);
  g_test_add_func ("/hostile/newer-behind-prologue", test_newer_behind_prologue);
  g_test_add_func ("/hostile/pictures", test_pictures);
  g_test_add_func ("/hostile/many-siblings", test_many_siblings);
  g_test_add_func ("/hostile/random-damage", test_random_damage);
  g_test_add_func ("/hostile/other-libxml2-users", test_other_libxml2_users);

  return g_test_run ();
}
