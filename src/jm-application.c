/* jm-application.c: the application, its command line and its windows
 *
 * The command line's non-interactive work (--check, --scores, --export) runs
 * in handle-local-options, in the launching process, so it needs no display
 * and no running instance. Files to open go to the primary instance through
 * the command-line signal, so a second launch opens them in the running app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-cli.h"
#include "jm-window.h"

struct _JmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (JmApplication, jm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check that each FILE is a valid map, print problems and exit"), NULL },
  { "scores", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the scores of each FILE as text, csv or json and exit"), N_("FORMAT") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export FILE to OUT (.pdf, .png or .svg) and exit"), N_("OUT") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export layout: grid, board or persona"), N_("LAYOUT") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Paper size: A4, A3, A2, A1, A0, Letter, Legal, Tabloid or WIDTHxHEIGHTmm"), N_("PAPER") },
  { "orientation", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Paper orientation: portrait or landscape"), N_("ORIENTATION") },
  { "tiles", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print a poster on COLSxROWS sheets"), N_("COLSxROWS") },
  { "scale", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print a poster at this scale (for example 150%)"), N_("SCALE") },
  { "overlap", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Overlap between poster tiles (for example 10mm)"), N_("LENGTH") },
  { "persona", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Export only this persona (may be repeated)"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

static gboolean
jm_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  char **argv = *arguments;

  /* "--scores" alone means text. GApplication's option entries cannot take
   * an optional value, so give the bare flag its default here. */
  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--scores"))
        {
          g_free (argv[i]);
          argv[i] = g_strdup ("--scores=text");
        }
    }

  return G_APPLICATION_CLASS (jm_application_parent_class)->local_command_line (app, arguments,
                                                                               exit_status);
}

static int
jm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  JmCliOptions cli = { 0 };
  g_autofree const char **remaining = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  int status = -1;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Journey Mapper"), PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "check", "b", &cli.check);
  g_variant_dict_lookup (options, "scores", "s", &cli.scores_format);
  g_variant_dict_lookup (options, "export", "^ay", &cli.export_path);
  g_variant_dict_lookup (options, "layout", "s", &cli.layout);
  g_variant_dict_lookup (options, "paper", "s", &cli.paper);
  g_variant_dict_lookup (options, "orientation", "s", &cli.orientation);
  g_variant_dict_lookup (options, "tiles", "s", &cli.tiles);
  g_variant_dict_lookup (options, "scale", "s", &cli.scale);
  g_variant_dict_lookup (options, "overlap", "s", &cli.overlap);
  g_variant_dict_lookup (options, "persona", "^as", &cli.personas);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining);

  for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (remaining[i]));

  if (cli.check || cli.scores_format != NULL || cli.export_path != NULL)
    {
      if (files->len == 0)
        {
          g_printerr ("%s\n", _("No file given: name one or more .journey files."));
          status = 2;
        }
      else if (cli.check)
        status = jm_cli_check (&cli, (GFile **) files->pdata, files->len);
      else if (cli.scores_format != NULL)
        status = jm_cli_scores (&cli, (GFile **) files->pdata, files->len);
      else
        status = jm_cli_export (&cli, (GFile **) files->pdata, files->len);
    }
  else if (cli.layout || cli.paper || cli.orientation || cli.tiles || cli.scale ||
           cli.overlap || cli.personas)
    {
      g_printerr ("%s\n", _("Export options need --export=OUT."));
      status = 2;
    }

  g_free (cli.scores_format);
  g_free (cli.export_path);
  g_free (cli.layout);
  g_free (cli.paper);
  g_free (cli.orientation);
  g_free (cli.tiles);
  g_free (cli.scale);
  g_free (cli.overlap);
  g_strfreev (cli.personas);

  return status;
}

static void
jm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (jm_window_new (JM_APPLICATION (app)));
  gtk_window_present (window);
}

static void
jm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      JmWindow *window = jm_window_new (JM_APPLICATION (app));

      jm_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
jm_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **remaining = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining);
  for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line,
                                                                            remaining[i]));

  if (files->len > 0)
    g_application_open (app, (GFile **) files->pdata, files->len, "");
  else
    g_application_activate (app);

  return 0;
}

static void
jm_application_class_init (JmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->local_command_line = jm_application_local_command_line;
  app_class->handle_local_options = jm_application_handle_local_options;
  app_class->command_line = jm_application_command_line;
  app_class->activate = jm_application_activate;
  app_class->open = jm_application_open;
}

static void
jm_application_init (JmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map customer journeys: stages, persona lanes and touchpoints."));
}

JmApplication *
jm_application_new (void)
{
  return g_object_new (JM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
