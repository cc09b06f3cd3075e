/* jm-application.c: the application, its command line and its windows
 *
 * The command line's non-interactive work (--check, --scores, --export,
 * --import, --diff, --merge, and the headless workshop room, --room) runs
 * in handle-local-options, in the launching process, so it needs no
 * display and no running instance. Files to open go to the primary
 * instance through the command-line signal, so a second launch opens them
 * in the running app.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jm-application.h"
#include "jm-cli.h"
#include "jm-room.h"
#include "jm-window.h"

struct _JmApplication
{
  AdwApplication parent_instance;

  /* How often each long option was given, counted before GOption keeps
   * only the last value of a repeated one. */
  GHashTable *option_counts;
  /* Set once GOption has parsed the command line. */
  gboolean    options_parsed;
  JmSession  *session;
};

G_DEFINE_FINAL_TYPE (JmApplication, jm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check that each FILE is a valid map, print problems and exit"), NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --check, also validate with the RELAX NG schema (slower)"), NULL },
  { "scores", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the scores of each FILE as text, csv or json and exit"), N_("FORMAT") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export FILE to OUT (.pdf, .png or .svg) and exit"), N_("OUT") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export layout: grid, board, persona or fix (what to fix first)"), N_("LAYOUT") },
  { "colour-by", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Colour exported cards by a score: composite, responsiveness, convenience, reliability, relevance or none"),
    N_("SCORE") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Paper size: A4, A3, A2, A1, A0, Letter, Legal, Tabloid or WIDTHxHEIGHTmm"), N_("PAPER") },
  { "orientation", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Paper orientation: portrait or landscape"), N_("ORIENTATION") },
  { "tiles", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print a poster on COLSxROWS sheets"), N_("COLSxROWS") },
  { "sheets", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print a poster on at most N sheets, tiled and turned to print it largest"), N_("N") },
  { "wall-width", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print a poster this wide on the wall (for example 2m), on the fewest sheets"), N_("LENGTH") },
  { "lanes", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Template grid lanes: together (one grid) or separate (one per persona)"), N_("LANES") },
  { "scale", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print a poster at this scale (for example 150%)"), N_("SCALE") },
  { "overlap", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Overlap between poster tiles (for example 10mm)"), N_("LENGTH") },
  { "margin", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("White space round each page or picture (for example 10mm; 0 for none)"), N_("LENGTH") },
  { "slide", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("PNG or SVG: a 16:9 slide of 1920×1080 pixels, the layout and its title fitted"), NULL },
  { "dpi", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("PNG: pixels per inch (default 144)"), N_("N") },
  { "pixel-width", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("PNG: the image this many pixels wide"), N_("PIXELS") },
  { "persona", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Export only this persona (may be repeated)"), N_("NAME") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a map from IN (.csv or .json), into FILE if given, write it to --output and exit"),
    N_("IN") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --import or --merge, the map file to write"), N_("OUT") },
  { "diff", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List what changed from the map OLD to the map NEW and exit"), NULL },
  { "merge", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Merge the maps BASE OURS THEIRS into --output, list conflicts and exit"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --diff, the output: text or json"), N_("FORMAT") },
  { "room", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a workshop room on FILE with no window, print its join address and save what participants add"), NULL },
  { "listen", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --room, listen on this address (default: every address, a free port)"), N_("HOST:PORT") },
  { "present", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open FILE full screen in present mode, to show it to a room"), NULL },
  { "new-window", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a new window, in the running app if there is one"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

/* Whether the option @name (without its dashes) takes a value. */
static gboolean
option_takes_value (const char *name)
{
  for (guint i = 0; option_entries[i].long_name != NULL; i++)
    if (g_str_equal (option_entries[i].long_name, name))
      return option_entries[i].arg != G_OPTION_ARG_NONE;
  return FALSE;
}

static guint
option_count (JmApplication *self,
              const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->option_counts, name));
}

static gboolean
jm_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  JmApplication *self = JM_APPLICATION (app);
  char **argv = *arguments;
  gboolean handled;

  for (guint i = 1; argv[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      gboolean has_value;

      if (g_str_equal (argv[i], "--"))
        break;
      /* "--scores" alone means text. GApplication's option entries cannot
       * take an optional value, so give the bare flag its default here. */
      if (g_str_equal (argv[i], "--scores"))
        {
          g_free (argv[i]);
          argv[i] = g_strdup ("--scores=text");
        }
      if (!g_str_has_prefix (argv[i], "--") || argv[i][2] == '\0')
        continue;

      has_value = strchr (argv[i], '=') != NULL;
      name = g_strndup (argv[i] + 2, strcspn (argv[i] + 2, "="));
      g_hash_table_insert (self->option_counts, g_strdup (name),
                           GUINT_TO_POINTER (option_count (self, name) + 1));
      /* "--export OUT": OUT is the option's value, not a file. */
      if (!has_value && option_takes_value (name) && argv[i + 1] != NULL)
        i++;
    }

  handled = G_APPLICATION_CLASS (jm_application_parent_class)->local_command_line (app, arguments,
                                                                                  exit_status);
  /* GOption refused the command line (an unknown option, a missing value)
   * and said why: that is a usage error, exit status 2 as for bad values. */
  if (handled && *exit_status == 1 && !self->options_parsed)
    {
      g_printerr ("%s\n", _("Run “journey-mapper --help” to see the options."));
      *exit_status = 2;
    }
  return handled;
}

/* Refuses a command line that asks for two things at once, or for one
 * thing twice, before any file is read; returns the exit status, or -1
 * when the options agree. Export options without --export are refused
 * too, even beside --check or --scores, rather than checked and ignored:
 * whoever typed them expected an export. */
static int
check_option_conflicts (JmApplication *self)
{
  static const char *modes[] = { "check", "scores", "export", "import", "diff", "merge", "room",
                                 "present" };
  static const char *export_options[] = {
    "layout", "paper", "orientation", "tiles", "sheets", "wall-width", "lanes", "scale",
    "overlap", "colour-by", "margin", "slide", "dpi", "pixel-width",
    "persona",
  };
  g_autoptr(GString) given = g_string_new (NULL);
  guint n_modes = 0;

  for (guint i = 0; option_entries[i].long_name != NULL; i++)
    {
      const char *name = option_entries[i].long_name;

      /* --persona picks several personas; every other option is said once. */
      if (option_count (self, name) > 1 && option_entries[i].arg != G_OPTION_ARG_STRING_ARRAY)
        {
          /* Translators: %s is a command line option such as --export */
          g_printerr (_("--%s is given more than once: give it once.\n"), name);
          return 2;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (option_count (self, modes[i]) > 0)
      {
        g_string_append_printf (given, "%s--%s", n_modes > 0 ? _(" and ") : "", modes[i]);
        n_modes++;
      }
  if (n_modes > 1)
    {
      /* Translators: %s lists options, such as “--check and --export” */
      g_printerr (_("%s cannot be used together: choose one.\n"), given->str);
      return 2;
    }

  if (option_count (self, "strict") > 0 && option_count (self, "check") == 0)
    {
      g_printerr ("%s\n", _("--strict goes with --check."));
      return 2;
    }

  if (option_count (self, "output") > 0 && option_count (self, "import") == 0 &&
      option_count (self, "merge") == 0)
    {
      g_printerr ("%s\n", _("--output goes with --import or --merge."));
      return 2;
    }
  if (option_count (self, "format") > 0 && option_count (self, "diff") == 0)
    {
      g_printerr ("%s\n", _("--format goes with --diff."));
      return 2;
    }
  if (option_count (self, "listen") > 0 && option_count (self, "room") == 0)
    {
      g_printerr ("%s\n", _("--listen goes with --room."));
      return 2;
    }

  if (option_count (self, "export") > 0)
    return -1;
  g_string_truncate (given, 0);
  for (guint i = 0; i < G_N_ELEMENTS (export_options); i++)
    if (option_count (self, export_options[i]) > 0)
      g_string_append_printf (given, "%s--%s", given->len > 0 ? ", " : "", export_options[i]);
  if (given->len > 0)
    {
      /* Translators: %s lists export options, such as “--paper, --tiles” */
      g_printerr (_("%s: export options need --export=OUT.\n"), given->str);
      return 2;
    }
  return -1;
}

/* --present opens its file in the running app, where a missing file could
 * only be said in a dialog on the wall: it is said here, on the terminal
 * that asked. Returns the exit status, or -1 to go on. */
static int
check_present_file (GPtrArray *files)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (files->len != 1)
    {
      g_printerr ("%s\n", _("--present shows one file: name one .journey file."));
      return 2;
    }
  info = g_file_query_info (g_ptr_array_index (files, 0), G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  name = g_file_get_parse_name (g_ptr_array_index (files, 0));
  if (info == NULL)
    {
      /* Translators: %s is a file name, then why it cannot be read */
      g_printerr (_("Cannot present “%s”: %s\n"), name,
                  g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                    ? _("there is no such file") : error->message);
      return 1;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_printerr (_("Cannot present “%s”: %s\n"), name, _("it is a folder, not a map"));
      return 1;
    }
  return -1;
}

static int
jm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  JmCliOptions cli = { 0 };
  gboolean room = FALSE;
  g_autofree char *listen = NULL;
  g_autofree const char **remaining = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  int status = -1;

  JM_APPLICATION (app)->options_parsed = TRUE;
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Journey Mapper"), PACKAGE_VERSION);
      return 0;
    }
  status = check_option_conflicts (JM_APPLICATION (app));
  if (status >= 0)
    return status;

  g_variant_dict_lookup (options, "check", "b", &cli.check);
  g_variant_dict_lookup (options, "strict", "b", &cli.strict);
  g_variant_dict_lookup (options, "scores", "s", &cli.scores_format);
  g_variant_dict_lookup (options, "export", "^ay", &cli.export_path);
  g_variant_dict_lookup (options, "layout", "s", &cli.layout);
  g_variant_dict_lookup (options, "colour-by", "s", &cli.colour_by);
  g_variant_dict_lookup (options, "margin", "s", &cli.margin);
  g_variant_dict_lookup (options, "slide", "b", &cli.slide);
  g_variant_dict_lookup (options, "dpi", "s", &cli.dpi);
  g_variant_dict_lookup (options, "pixel-width", "s", &cli.pixel_width);
  g_variant_dict_lookup (options, "paper", "s", &cli.paper);
  g_variant_dict_lookup (options, "orientation", "s", &cli.orientation);
  g_variant_dict_lookup (options, "tiles", "s", &cli.tiles);
  g_variant_dict_lookup (options, "sheets", "s", &cli.sheets);
  g_variant_dict_lookup (options, "lanes", "s", &cli.lanes);
  g_variant_dict_lookup (options, "wall-width", "s", &cli.wall_width);
  g_variant_dict_lookup (options, "scale", "s", &cli.scale);
  g_variant_dict_lookup (options, "overlap", "s", &cli.overlap);
  g_variant_dict_lookup (options, "persona", "^as", &cli.personas);
  g_variant_dict_lookup (options, "import", "^ay", &cli.import_path);
  g_variant_dict_lookup (options, "output", "^ay", &cli.output_path);
  g_variant_dict_lookup (options, "diff", "b", &cli.diff);
  g_variant_dict_lookup (options, "format", "s", &cli.diff_format);
  g_variant_dict_lookup (options, "merge", "b", &cli.merge);
  g_variant_dict_lookup (options, "room", "b", &room);
  g_variant_dict_lookup (options, "listen", "s", &listen);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining);

  for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (remaining[i]));

  if (g_variant_dict_contains (options, "present"))
    status = check_present_file (files);
  else if (room)
    {
      if (files->len != 1)
        {
          g_printerr ("%s\n", _("--room opens one file: name one .journey file."));
          status = 2;
        }
      else
        status = jm_room_run_headless (g_ptr_array_index (files, 0), listen);
    }
  else if (cli.import_path != NULL)
    status = jm_cli_import (&cli, (GFile **) files->pdata, files->len);
  else if (cli.diff)
    status = jm_cli_diff (&cli, remaining != NULL ? remaining : (const char *[]) { NULL }, files->len);
  else if (cli.merge)
    status = jm_cli_merge (&cli, remaining != NULL ? remaining : (const char *[]) { NULL }, files->len);
  else if (cli.check || cli.scores_format != NULL || cli.export_path != NULL)
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

  g_free (cli.scores_format);
  g_free (cli.export_path);
  g_free (cli.layout);
  g_free (cli.colour_by);
  g_free (cli.margin);
  g_free (cli.dpi);
  g_free (cli.pixel_width);
  g_free (cli.paper);
  g_free (cli.orientation);
  g_free (cli.tiles);
  g_free (cli.sheets);
  g_free (cli.lanes);
  g_free (cli.wall_width);
  g_free (cli.scale);
  g_free (cli.overlap);
  g_strfreev (cli.personas);
  g_free (cli.import_path);
  g_free (cli.output_path);
  g_free (cli.diff_format);

  return status;
}

static JmWindow *
replaceable_window (GApplication *app)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (JM_IS_WINDOW (active) && jm_window_is_replaceable (JM_WINDOW (active)))
    return JM_WINDOW (active);
  return NULL;
}

/* Once per run, when the first window shows: work left in drafts by a
 * crash or a kill is offered for recovery. */
static gboolean
offer_recovery_when_shown (gpointer data)
{
  if (gtk_widget_get_visible (data))
    jm_window_offer_recovery (data);
  return G_SOURCE_REMOVE;
}

static void
offer_recovery_once (GApplication *app,
                     GtkWindow    *window)
{
  if (!JM_IS_WINDOW (window) || !jm_session_take_recovery (JM_APPLICATION (app)->session))
    return;
  /* Once the window is on screen, so that the question shows above it. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 500, offer_recovery_when_shown,
                      g_object_ref (window), g_object_unref);
}

static void
jm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (jm_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
  offer_recovery_once (app, window);
}

static void
jm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      JmWindow *window;

      /* A map already open is shown, not opened twice. */
      window = jm_window_find_for_file (files[i]);
      if (window != NULL)
        gtk_window_present (GTK_WINDOW (window));
      else
        {
          window = replaceable_window (app);
          if (window == NULL)
            window = jm_window_new_for_file (GTK_APPLICATION (app), files[i]);
          else
            jm_window_open (window, files[i]);
          /* A new window shows first with its map, not with the start page. */
          jm_window_present_when_open (window);
          offer_recovery_once (app, GTK_WINDOW (window));
        }
      /* --present: the board starts present mode once the map is read. */
      if (g_strcmp0 (hint, "present") == 0)
        gtk_widget_activate_action (GTK_WIDGET (window), "board.present", NULL);
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
    g_application_open (app, (GFile **) files->pdata, files->len,
                        g_variant_dict_contains (options, "present") ? "present" : "");
  else if (g_variant_dict_contains (options, "new-window"))
    /* The launcher's "New Window", for launchers that do not use D-Bus. */
    g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  else
    g_application_activate (app);

  return 0;
}

static void
action_new_window (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (jm_window_new (GTK_APPLICATION (user_data))));
}

static void
action_quit (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its own unsaved changes; the application ends
   * when the last window has closed, and a cancelled window stays. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
action_about (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { N_("The Journey Mapper contributors"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autofree const char **translated = g_new0 (const char *, G_N_ELEMENTS (developers));
  GtkWidget *about;

  for (guint i = 0; developers[i] != NULL; i++)
    translated[i] = _(developers[i]);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Journey Mapper"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Journey Mapper contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Map customer journeys across stages, persona lanes and touchpoints, score them, and print them for the wall."),
                        "developers", translated,
                        "copyright", _("© The Journey Mapper contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
action_shortcuts (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/jm-shortcuts-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}

static void
on_help_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (source), _("Could Not Show Help"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
action_help (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (parent, "help:journey-mapper", GDK_CURRENT_TIME, NULL, on_help_shown, NULL);
}

static const GActionEntry app_actions[] = {
  { "new-window", action_new_window },
  { "quit", action_quit },
  { "about", action_about },
  { "shortcuts", action_shortcuts },
  { "help", action_help },
};

static void
jm_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (jm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
}

static void
jm_application_finalize (GObject *object)
{
  JmApplication *self = JM_APPLICATION (object);

  g_hash_table_unref (self->option_counts);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jm_application_parent_class)->finalize (object);
}

static void
jm_application_class_init (JmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = jm_application_finalize;

  app_class->local_command_line = jm_application_local_command_line;
  app_class->handle_local_options = jm_application_handle_local_options;
  app_class->command_line = jm_application_command_line;
  app_class->startup = jm_application_startup;
  app_class->activate = jm_application_activate;
  app_class->open = jm_application_open;
}

/* With the cairo renderer chosen (GSK_RENDERER=cairo), GTK never draws
 * with OpenGL, yet GDK on X11 loads and sets up the GL driver when it opens
 * the display: about a third of an empty window's start-up here. The app
 * has no GL areas, so it tells GDK to skip that. GDK reads the variable when
 * GTK initialises, at startup; it is set while the process has one thread. */
static void
skip_unused_gl (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *flags = NULL;

  if (renderer == NULL || g_ascii_strcasecmp (renderer, "cairo") != 0)
    return;
  /* Whoever set GL flags of their own is debugging GL: leave those be. */
  if (debug != NULL && strstr (debug, "gl") != NULL)
    return;
  flags = debug != NULL && *debug != '\0' ? g_strconcat (debug, ",gl-disable", NULL)
                                          : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", flags, TRUE);
}

static void
jm_application_init (JmApplication *self)
{
  skip_unused_gl ();
  self->session = g_object_ref (jm_session_get_default ());
  self->option_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map customer journeys: stages, persona lanes and touchpoints."));
}

/**
 * jm_application_get_session:
 *
 * Returns: (transfer none): the session of this run
 */
JmSession *
jm_application_get_session (JmApplication *self)
{
  g_return_val_if_fail (JM_IS_APPLICATION (self), NULL);
  return self->session;
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
