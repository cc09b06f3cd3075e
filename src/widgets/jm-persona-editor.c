/* jm-persona-editor.c: a window to draft a persona, field by field
 *
 * Each field records in the map as the user types (a text of several
 * lines as one list item per line), a toggle, a swatch or the age at once,
 * so that the map always holds what is on screen: Save, drafts and closing
 * never miss what is being typed. The keys typed in one visit to a field
 * are one undo step. The editor only shows the persona: when the persona changes (an
 * undo, another view), the field whose property changed is shown again.
 * Closing the window commits what is still being typed.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-persona-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "jm-card-render.h"
#include "jm-edits.h"
#include "jm-emotion-curve.h"
#include "jm-names.h"
#include "jm-persona-editor.h"
#include "jm-persona-file.h"
#include "jm-persona-picture.h"

#define AVATAR_SIZE 112
#define N_SWATCHES  8

typedef enum {
  FIELD_ENTRY,           /* a one-line text, in an AdwEntryRow */
  FIELD_TEXT,            /* a text of several lines, in a GtkTextView */
  FIELD_LIST,            /* a list of strings, one per line of a GtkTextView */
  FIELD_OTHER_CHANNELS,  /* the channels that have no toggle, one per line */
} FieldKind;

typedef struct
{
  const char *property;
  FieldKind   kind;
  const char *title;        /* N_() marked */
  const char *description;  /* N_() marked, or NULL */
} FieldInfo;

enum {
  F_NAME,
  F_ROLE,
  F_QUOTE,
  F_BIO,
  F_GOALS,
  F_FRUSTRATIONS,
  F_NEEDS,
  F_CHANNELS,
  F_DEVICES,
  F_NOTES,
  N_FIELDS
};

static const FieldInfo field_info[N_FIELDS] = {
  { "name", FIELD_ENTRY, N_("Name"), NULL },
  { "role", FIELD_ENTRY, N_("Role or Segment"), NULL },
  { "quote", FIELD_ENTRY, N_("Quote, in Their Words"), NULL },
  { "bio", FIELD_TEXT, N_("Short Bio"), NULL },
  { "goals", FIELD_LIST, N_("Goals"), N_("One per line") },
  { "frustrations", FIELD_LIST, N_("Frustrations and Pain Points"), N_("One per line") },
  { "needs", FIELD_LIST, N_("Needs"), N_("One per line") },
  { "channels", FIELD_OTHER_CHANNELS, N_("Other Channels"), N_("One per line") },
  { "devices", FIELD_LIST, N_("Devices"), N_("One per line") },
  { "notes", FIELD_TEXT, N_("Notes"), NULL },
};

struct _JmPersonaEditor
{
  AdwWindow       parent_instance;

  JmMap          *map;
  JmPersona      *persona;
  GdkPixbuf      *picture;          /* decoded persona picture, for the avatar */
  gboolean        picture_refused;  /* kept in the map but too large to show */
  gboolean        updating;         /* showing the model: do not commit */
  guint           merge_ids[N_FIELDS];  /* the edit being typed in each field */
  guint           age_merge_id;

  GtkWidget      *fields[N_FIELDS];
  GtkWidget      *channel_toggles;  /* GtkFlowBox */
  GtkWidget      *avatar;
  GtkWidget      *remove_picture_button;
  GtkWidget      *picture_error;
  GtkWidget      *age_spin;
  GtkWidget      *hidden_switch;
  GtkWidget      *swatches[N_SWATCHES];
  GtkWidget      *colour_button;
  GtkWidget      *curve;

  /* Template children */
  GtkDropDown    *persona_dropdown;
  GtkWidget      *add_button;
  GtkWidget      *undo_button;
  GtkWidget      *redo_button;
  GtkBox         *content_box;
};

G_DEFINE_FINAL_TYPE (JmPersonaEditor, jm_persona_editor, ADW_TYPE_WINDOW)

static void show_persona (JmPersonaEditor *self);

/* Text helpers. */

static char *
text_view_get_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set_text (GtkWidget  *view,
                    const char *text)
{
  g_autofree char *current = text_view_get_text (view);

  if (g_strcmp0 (current, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* The non-empty lines, trimmed. */
static GStrv
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  return g_strv_builder_end (builder);
}

/* A persona's channels are free text: "web" or "Website" (or its
 * translation), in any case, name the known channel that a toggle stands
 * for, as they do everywhere else. */
static const JmChannelInfo *
match_channel (const char *text)
{
  g_autofree char *key = jm_name_key (JM_NAME_CHANNEL, text);

  return key != NULL ? jm_channel_lookup (key) : NULL;
}

/* The entry of @channels that names the known channel @id, if any. */
static const char *
find_channel_entry (const char * const *channels,
                    const char         *id)
{
  for (guint i = 0; channels[i] != NULL; i++)
    {
      const JmChannelInfo *info = match_channel (channels[i]);

      if (info != NULL && g_str_equal (info->id, id))
        return channels[i];
    }
  return NULL;
}

static GtkWidget *
find_channel_toggle (JmPersonaEditor *self,
                     const char      *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->channel_toggles);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (toggle), "channel"), id) == 0)
        return toggle;
    }
  return NULL;
}

/* Showing the model. */

static void
show_field (JmPersonaEditor *self,
            guint            field)
{
  GtkWidget *widget = self->fields[field];
  const char *property = field_info[field].property;

  switch (field_info[field].kind)
    {
    case FIELD_ENTRY:
      {
        g_autofree char *value = NULL;

        g_object_get (self->persona, property, &value, NULL);
        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), value) != 0)
          gtk_editable_set_text (GTK_EDITABLE (widget), value);
      }
      break;
    case FIELD_TEXT:
      {
        g_autofree char *value = NULL;

        g_object_get (self->persona, property, &value, NULL);
        text_view_set_text (widget, value);
      }
      break;
    case FIELD_LIST:
      {
        g_auto(GStrv) value = NULL;
        g_autofree char *text = NULL;

        g_autofree char *current = text_view_get_text (widget);
        g_auto(GStrv) shown = split_lines (current);

        g_object_get (self->persona, property, &value, NULL);
        /* The lines typed say it already (an empty line, a space being
         * typed): leave them as typed. */
        if (g_strv_equal ((const char * const *) shown, (const char * const *) value))
          break;
        text = g_strjoinv ("\n", value);
        text_view_set_text (widget, text);
      }
      break;
    case FIELD_OTHER_CHANNELS:
      {
        const char * const *channels = jm_persona_get_channels (self->persona);
        g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
        g_auto(GStrv) other_list = NULL;
        g_autofree char *text = NULL;

        for (GtkWidget *child = gtk_widget_get_first_child (self->channel_toggles);
             child != NULL;
             child = gtk_widget_get_next_sibling (child))
          {
            GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
            const char *id = g_object_get_data (G_OBJECT (toggle), "channel");

            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                          find_channel_entry (channels, id) != NULL);
          }
        for (guint i = 0; channels[i] != NULL; i++)
          if (match_channel (channels[i]) == NULL)
            g_strv_builder_add (others, channels[i]);
        other_list = g_strv_builder_end (others);
        {
          g_autofree char *current = text_view_get_text (widget);
          g_auto(GStrv) shown = split_lines (current);

          if (g_strv_equal ((const char * const *) shown, (const char * const *) other_list))
            break;
        }
        text = g_strjoinv ("\n", other_list);
        text_view_set_text (widget, text);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
show_picture (JmPersonaEditor *self)
{
  GBytes *bytes = jm_persona_get_picture (self->persona);

  g_autoptr(GError) error = NULL;

  g_clear_object (&self->picture);
  self->picture_refused = self->persona != NULL &&
                          !jm_persona_picture_check (self->persona, &error);
  /* A refused picture shows as a placeholder, with the reason under it. */
  gtk_label_set_text (GTK_LABEL (self->picture_error), error != NULL ? error->message : "");
  gtk_widget_set_visible (self->picture_error, error != NULL);
  if (bytes != NULL && !self->picture_refused)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

      /* A picture that does not decode (a file edited by hand) shows as
       * initials; it stays in the map until the user replaces it. */
      self->picture = gdk_pixbuf_new_from_stream_at_scale (stream, AVATAR_SIZE * 2, AVATAR_SIZE * 2,
                                                          TRUE, NULL, NULL);
    }
  gtk_widget_set_sensitive (self->remove_picture_button, bytes != NULL);
  gtk_widget_queue_draw (self->avatar);
}

static void
show_property (JmPersonaEditor *self,
               const char      *property)
{
  self->updating = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (property, field_info[i].property))
      show_field (self, i);

  if (g_str_equal (property, "name"))
    gtk_widget_queue_draw (self->avatar);
  else if (g_str_equal (property, "picture") || g_str_equal (property, "picture-type"))
    show_picture (self);
  else if (g_str_equal (property, "age"))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->age_spin), jm_persona_get_age (self->persona));
  else if (g_str_equal (property, "hidden"))
    gtk_switch_set_active (GTK_SWITCH (self->hidden_switch), !jm_persona_get_hidden (self->persona));
  else if (g_str_equal (property, "colour"))
    {
      GdkRGBA rgba;

      if (gdk_rgba_parse (&rgba, jm_persona_get_colour (self->persona)))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
      for (guint i = 0; i < N_SWATCHES; i++)
        gtk_widget_queue_draw (self->swatches[i]);
      gtk_widget_queue_draw (self->avatar);
    }
  self->updating = FALSE;
}

static void
on_persona_notify (JmPersonaEditor *self,
                   GParamSpec      *pspec)
{
  show_property (self, pspec->name);
}

static void
update_history_buttons (JmPersonaEditor *self)
{
  JmHistory *history = jm_map_get_history (self->map);

  gtk_widget_set_sensitive (self->undo_button, jm_history_can_undo (history));
  gtk_widget_set_sensitive (self->redo_button, jm_history_can_redo (history));
}

/* Committing to the model. */

/* The history compares lists by address: an unchanged list would make an
 * empty undo step. */
static void
edit_list (JmPersonaEditor  *self,
           const char       *property,
           GStrv             items)
{
  g_auto(GStrv) current = NULL;

  g_object_get (self->persona, property, &current, NULL);
  if (!g_strv_equal ((const char * const *) current, (const char * const *) items))
    jm_map_edit_strv (self->map, self->persona, property, (const char * const *) items);
}

static void
commit_field (JmPersonaEditor *self,
              guint            field)
{
  GtkWidget *widget = self->fields[field];
  const char *property = field_info[field].property;

  if (self->updating || self->persona == NULL)
    return;

  jm_map_begin_merge (self->map, NULL, &self->merge_ids[field]);
  switch (field_info[field].kind)
    {
    case FIELD_ENTRY:
      jm_map_edit_string (self->map, self->persona, property,
                          gtk_editable_get_text (GTK_EDITABLE (widget)));
      break;
    case FIELD_TEXT:
      {
        g_autofree char *text = text_view_get_text (widget);

        jm_map_edit_string (self->map, self->persona, property, text);
      }
      break;
    case FIELD_LIST:
      {
        g_autofree char *text = text_view_get_text (widget);
        g_auto(GStrv) items = split_lines (text);

        edit_list (self, property, items);
      }
      break;
    case FIELD_OTHER_CHANNELS:
      {
        g_autofree char *text = text_view_get_text (widget);
        g_auto(GStrv) others = split_lines (text);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) channels = NULL;
        const JmChannelInfo *known;
        guint n_known;

        /* Known channels in the app's order, as already written or else by
         * id, then the others as typed. */
        known = jm_channels (&n_known);
        for (guint i = 0; i < n_known; i++)
          {
            GtkWidget *toggle = find_channel_toggle (self, known[i].id);
            const char *entry = find_channel_entry (jm_persona_get_channels (self->persona), known[i].id);

            if (toggle != NULL && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
              g_strv_builder_add (builder, entry != NULL ? entry : known[i].id);
          }
        for (guint i = 0; others[i] != NULL; i++)
          g_strv_builder_add (builder, others[i]);
        channels = g_strv_builder_end (builder);
        edit_list (self, property, channels);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  jm_map_end (self->map);
}

/**
 * jm_persona_editor_commit:
 *
 * Records what is still being typed in the fields, each changed field as
 * one undo step.
 */
void
jm_persona_editor_commit (JmPersonaEditor *self)
{
  g_return_if_fail (JM_IS_PERSONA_EDITOR (self));

  for (guint i = 0; i < N_FIELDS; i++)
    commit_field (self, i);
  if (!self->updating && self->persona != NULL)
    {
      gtk_spin_button_update (GTK_SPIN_BUTTON (self->age_spin));
      jm_map_edit_int (self->map, self->persona, "age",
                       gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->age_spin)));
    }
}

static guint
field_of (JmPersonaEditor *self,
          GtkWidget       *widget)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i] == widget)
      return i;
  g_return_val_if_reached (0);
}

/* Leaving a field, or Enter, ends its edit: what is typed next is another
 * undo step. */
static void
on_field_focus_leave (GtkEventControllerFocus *controller,
                      JmPersonaEditor         *self)
{
  self->merge_ids[field_of (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)))] = 0;
}

static void
on_entry_row_activated (JmPersonaEditor *self,
                        AdwEntryRow     *row)
{
  self->merge_ids[field_of (self, GTK_WIDGET (row))] = 0;
}

static void
on_entry_changed (JmPersonaEditor *self,
                  GtkEditable     *entry)
{
  commit_field (self, field_of (self, GTK_WIDGET (entry)));
}

static void
on_buffer_changed (GtkTextBuffer   *buffer,
                   JmPersonaEditor *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (field_info[i].kind != FIELD_ENTRY &&
        gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[i])) == buffer)
      commit_field (self, i);
}

/* The age is recorded as its digits are typed, like the texts. */
static void
on_age_text_changed (JmPersonaEditor *self)
{
  gint64 age;

  if (self->updating || self->persona == NULL ||
      !g_ascii_string_to_signed (gtk_editable_get_text (GTK_EDITABLE (self->age_spin)), 10, 0, 150,
                                 &age, NULL))
    return;
  jm_map_begin_merge (self->map, NULL, &self->age_merge_id);
  jm_map_edit_int (self->map, self->persona, "age", (int) age);
  jm_map_end (self->map);
}

static void
on_channel_toggled (JmPersonaEditor *self)
{
  /* A toggle is a step of its own, not part of the text typed beside it. */
  self->merge_ids[F_CHANNELS] = 0;
  commit_field (self, F_CHANNELS);
  self->merge_ids[F_CHANNELS] = 0;
}

static void
on_age_value_changed (JmPersonaEditor *self)
{
  if (!self->updating && self->persona != NULL)
    jm_map_edit_int (self->map, self->persona, "age",
                     gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->age_spin)));
}

static void
on_hidden_switch_active (JmPersonaEditor *self)
{
  if (!self->updating && self->persona != NULL)
    jm_map_edit_boolean (self->map, self->persona, "hidden",
                         !gtk_switch_get_active (GTK_SWITCH (self->hidden_switch)));
}

static void
set_colour (JmPersonaEditor *self,
            const char      *colour)
{
  if (!self->updating && self->persona != NULL)
    jm_map_edit_string (self->map, self->persona, "colour", colour);
}

static void
on_swatch_clicked (GtkButton       *button,
                   JmPersonaEditor *self)
{
  set_colour (self, g_object_get_data (G_OBJECT (button), "colour"));
}

static void
on_colour_button_set (JmPersonaEditor *self)
{
  GdkRGBA rgba;
  g_autofree char *colour = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  colour = g_strdup_printf ("#%02x%02x%02x",
                            (int) (CLAMP (rgba.red, 0, 1) * 255 + 0.5),
                            (int) (CLAMP (rgba.green, 0, 1) * 255 + 0.5),
                            (int) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5));
  set_colour (self, colour);
}

/* Pictures. */

static void
show_picture_error (JmPersonaEditor *self,
                    const char      *message)
{
  gtk_label_set_text (GTK_LABEL (self->picture_error), message ? message : "");
  gtk_widget_set_visible (self->picture_error, message != NULL);
}

/**
 * jm_persona_editor_set_picture_file:
 * @file: a PNG or JPEG file
 * @error: return location for an error
 *
 * Makes @file the persona's picture, as one undo step, after the checks of
 * jm_persona_picture_load(). A file that is refused changes nothing, and
 * the editor shows why under the picture.
 *
 * Returns: %TRUE if the picture was set
 */
gboolean
jm_persona_editor_set_picture_file (JmPersonaEditor  *self,
                                    GFile            *file,
                                    GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autofree char *type = NULL;

  g_return_val_if_fail (JM_IS_PERSONA_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->persona == NULL)
    return FALSE;

  picture = jm_persona_picture_load (file, NULL, &type, &local_error);
  if (picture == NULL)
    {
      show_picture_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_picture_error (self, NULL);
  jm_persona_picture_edit (self->map, self->persona, picture, type);
  return TRUE;
}

typedef struct
{
  JmPersonaEditor *self;
  JmPersona       *persona;
} PictureLoad;

static void
on_picture_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  PictureLoad *load = data;
  JmPersonaEditor *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) picture = jm_persona_picture_load_finish (result, &type, &error);

  /* The picture is for the persona it was chosen for, if still there. */
  if (self->map != NULL && jm_map_find_persona (self->map, load->persona, NULL))
    {
      if (picture == NULL)
        show_picture_error (self, error->message);
      else
        {
          show_picture_error (self, NULL);
          jm_persona_picture_edit (self->map, load->persona, picture, type);
        }
    }
  g_object_unref (load->persona);
  g_object_unref (load->self);
  g_free (load);
}

static void
on_picture_chooser_response (GtkNativeDialog *dialog,
                             int              response,
                             JmPersonaEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->persona != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          PictureLoad *load = g_new0 (PictureLoad, 1);

          load->self = g_object_ref (self);
          load->persona = g_object_ref (self->persona);
          jm_persona_picture_load_async (file, NULL, on_picture_loaded, load);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_choose_picture_clicked (JmPersonaEditor *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Choose a Picture"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG and JPEG pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_picture_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_picture_clicked (JmPersonaEditor *self)
{
  show_picture_error (self, NULL);
  if (self->persona != NULL)
    jm_persona_picture_edit (self->map, self->persona, NULL, NULL);
}

/* Drawing: the round picture, or initials on the persona's colour. */

static void
draw_avatar (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  JmPersonaEditor *self = data;
  double size = MIN (width, height);
  GdkRGBA colour = { 0.5, 0.5, 0.5, 1 };

  if (self->persona == NULL)
    return;

  if (self->picture_refused)
    {
      jm_render_refused_picture (cr, (width - size) / 2.0, (height - size) / 2.0, size);
      return;
    }
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0, 0, 2 * G_PI);
  cairo_clip (cr);
  if (self->picture != NULL)
    {
      double pw = gdk_pixbuf_get_width (self->picture);
      double ph = gdk_pixbuf_get_height (self->picture);
      double scale = size / MIN (pw, ph);

      /* Cover the circle, centred, as a profile picture does. */
      cairo_translate (cr, (width - pw * scale) / 2.0, (height - ph * scale) / 2.0);
      cairo_scale (cr, scale, scale);
      gdk_cairo_set_source_pixbuf (cr, self->picture, 0, 0);
      cairo_paint (cr);
    }
  else
    {
      g_autofree char *initials = jm_persona_dup_initials (self->persona);
      g_autofree char *markup = g_markup_printf_escaped ("<span size='%d' weight='bold'>%s</span>",
                                                         (int) (size * 0.36 * PANGO_SCALE), initials);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
      double luminance;
      int tw, th;

      gdk_rgba_parse (&colour, jm_persona_get_colour (self->persona));
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_paint (cr);
      /* Text in black or white, whichever reads on the colour. */
      luminance = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue;
      if (luminance > 0.55)
        cairo_set_source_rgb (cr, 0, 0, 0);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  JmPersonaEditor *self = data;
  const char *colour = g_object_get_data (G_OBJECT (area), "colour");
  GdkRGBA rgba, fg;

  gdk_rgba_parse (&rgba, colour);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 3, 0, 2 * G_PI);
  cairo_fill (cr);
  if (self->persona != NULL && g_ascii_strcasecmp (jm_persona_get_colour (self->persona), colour) == 0)
    {
      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
}

/* Building the fields. */

static GtkWidget *
group_new (JmPersonaEditor *self,
           const char      *title,
           const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->content_box, group);
  return group;
}

static GtkWidget *
field_new (JmPersonaEditor *self,
           guint            field)
{
  const FieldInfo *info = &field_info[field];
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *widget;

  if (info->kind == FIELD_ENTRY)
    {
      widget = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), _(info->title));
      g_signal_connect_object (widget, "entry-activated", G_CALLBACK (on_entry_row_activated), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "changed", G_CALLBACK (on_entry_changed), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      widget = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (widget), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (widget), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (widget), 10);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (widget), 10);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (widget), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (widget), 12);
      gtk_widget_set_size_request (widget, -1, info->kind == FIELD_TEXT ? 84 : 64);
      gtk_widget_add_css_class (widget, "card");
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                               G_CALLBACK (on_buffer_changed), self, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                      -1);
    }
  g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
  self->fields[field] = widget;
  return widget;
}

static void
text_group_new (JmPersonaEditor *self,
                guint            field)
{
  const FieldInfo *info = &field_info[field];
  GtkWidget *group = group_new (self, _(info->title),
                                info->description != NULL ? _(info->description) : NULL);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_new (self, field));
}

static void
build_picture_group (JmPersonaEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose Picture…"));

  self->avatar = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->avatar), AVATAR_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->avatar), AVATAR_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->avatar), draw_avatar, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->avatar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Picture"), -1);
  gtk_box_append (GTK_BOX (box), self->avatar);

  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (buttons, TRUE);
  g_signal_connect_object (choose, "clicked", G_CALLBACK (on_choose_picture_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_halign (choose, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (buttons), choose);
  self->remove_picture_button = gtk_button_new_with_mnemonic (_("_Remove Picture"));
  gtk_widget_set_halign (self->remove_picture_button, GTK_ALIGN_START);
  g_signal_connect_object (self->remove_picture_button, "clicked",
                           G_CALLBACK (on_remove_picture_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->remove_picture_button);
  self->picture_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->picture_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->picture_error), 0);
  gtk_widget_add_css_class (self->picture_error, "error");
  gtk_widget_set_visible (self->picture_error, FALSE);
  gtk_box_append (GTK_BOX (buttons), self->picture_error);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (self->content_box, box);
}

static void
build_identity_group (JmPersonaEditor *self)
{
  GtkWidget *group = group_new (self, NULL, NULL);
  GtkWidget *row, *box;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_new (self, F_NAME));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_new (self, F_ROLE));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Age"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("0 when not given"));
  self->age_spin = gtk_spin_button_new_with_range (0, 150, 1);
  gtk_widget_set_valign (self->age_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->age_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Age"), -1);
  g_signal_connect_object (self->age_spin, "value-changed", G_CALLBACK (on_age_value_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->age_spin, "changed", G_CALLBACK (on_age_text_changed), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->age_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Colour"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < N_SWATCHES; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Colour %s"), jm_palette_colour (i));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
      g_object_set_data (G_OBJECT (area), "colour", (gpointer) jm_palette_colour (i));
      g_object_set_data (G_OBJECT (button), "colour", (gpointer) jm_palette_colour (i));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, self, NULL);
      gtk_button_set_child (GTK_BUTTON (button), area);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, jm_palette_colour (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (on_swatch_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
      self->swatches[i] = area;
    }
  self->colour_button = gtk_color_button_new ();
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->colour_button), FALSE);
  gtk_widget_set_margin_start (self->colour_button, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->colour_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Other Colour"), -1);
  g_signal_connect_object (self->colour_button, "color-set", G_CALLBACK (on_colour_button_set), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), self->colour_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Show Lane on the Board"));
  self->hidden_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->hidden_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->hidden_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->hidden_switch);
  g_signal_connect_object (self->hidden_switch, "notify::active", G_CALLBACK (on_hidden_switch_active),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
build_channels_group (JmPersonaEditor *self)
{
  GtkWidget *group = group_new (self, _("Preferred Channels"), NULL);
  const JmChannelInfo *channels;
  guint n_channels;

  self->channel_toggles = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->channel_toggles), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->channel_toggles), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->channel_toggles), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->channel_toggles), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->channel_toggles), 6);
  channels = jm_channels (&n_channels);
  for (guint i = 0; i < n_channels; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new ();
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), channels[i].icon);
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _(channels[i].label));
      gtk_button_set_child (GTK_BUTTON (toggle), content);
      g_object_set_data (G_OBJECT (toggle), "channel", (gpointer) channels[i].id);
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_channel_toggled), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (GTK_FLOW_BOX (self->channel_toggles), toggle);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->channel_toggles);
  text_group_new (self, F_CHANNELS);
}

static void
build_fields (JmPersonaEditor *self)
{
  GtkWidget *group;

  build_picture_group (self);
  build_identity_group (self);

  group = group_new (self, _("In Their Words"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_new (self, F_QUOTE));
  text_group_new (self, F_BIO);
  text_group_new (self, F_GOALS);
  text_group_new (self, F_FRUSTRATIONS);
  text_group_new (self, F_NEEDS);
  build_channels_group (self);
  text_group_new (self, F_DEVICES);
  text_group_new (self, F_NOTES);

  group = group_new (self, _("Emotion Across the Stages"),
                     _("The mean emotion of this persona’s touchpoints in each stage"));
  self->curve = jm_emotion_curve_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->curve);
}

/* Switching personas. */

static void
show_persona (JmPersonaEditor *self)
{
  static const char *others[] = { "picture", "age", "hidden", "colour", "name" };
  guint position;

  /* Before the picture, which may say why it is not shown. */
  show_picture_error (self, NULL);
  for (guint i = 0; i < N_FIELDS; i++)
    show_property (self, field_info[i].property);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    show_property (self, others[i]);
  jm_emotion_curve_set_persona (JM_EMOTION_CURVE (self->curve), self->map, self->persona);

  self->updating = TRUE;
  if (jm_map_find_persona (self->map, self->persona, &position))
    gtk_drop_down_set_selected (self->persona_dropdown, position);
  self->updating = FALSE;
}

/**
 * jm_persona_editor_set_persona:
 * @persona: a persona of the editor's map
 *
 * Shows @persona, after recording what was being typed for the previous one.
 */
void
jm_persona_editor_set_persona (JmPersonaEditor *self,
                               JmPersona       *persona)
{
  g_return_if_fail (JM_IS_PERSONA_EDITOR (self));
  g_return_if_fail (JM_IS_PERSONA (persona));
  g_return_if_fail (jm_map_find_persona (self->map, persona, NULL));

  if (self->persona == persona)
    return;
  if (self->persona != NULL)
    {
      jm_persona_editor_commit (self);
      g_signal_handlers_disconnect_by_func (self->persona, on_persona_notify, self);
    }
  g_set_object (&self->persona, persona);
  memset (self->merge_ids, 0, sizeof self->merge_ids);
  self->age_merge_id = 0;
  g_signal_connect_object (persona, "notify", G_CALLBACK (on_persona_notify), self, G_CONNECT_SWAPPED);
  show_persona (self);
}

static void
on_dropdown_selected (JmPersonaEditor *self)
{
  g_autoptr(JmPersona) persona = NULL;
  guint selected = gtk_drop_down_get_selected (self->persona_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  persona = g_list_model_get_item (jm_map_get_personas (self->map), selected);
  if (persona != NULL)
    jm_persona_editor_set_persona (self, persona);
}

static void
on_personas_changed (JmPersonaEditor *self)
{
  GListModel *personas = jm_map_get_personas (self->map);
  guint position;

  /* The persona went away (deleted, or its addition undone). */
  if (self->persona != NULL && !jm_map_find_persona (self->map, self->persona, NULL))
    {
      g_autoptr(JmPersona) first = g_list_model_get_item (personas, 0);

      if (first == NULL)
        {
          g_signal_handlers_disconnect_by_func (self->persona, on_persona_notify, self);
          g_clear_object (&self->persona);
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      g_signal_handlers_disconnect_by_func (self->persona, on_persona_notify, self);
      g_clear_object (&self->persona);
      jm_persona_editor_set_persona (self, first);
      return;
    }
  if (self->persona != NULL && jm_map_find_persona (self->map, self->persona, &position) &&
      gtk_drop_down_get_selected (self->persona_dropdown) != position)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->persona_dropdown, position);
      self->updating = FALSE;
    }
}

static void
on_add_button_clicked (JmPersonaEditor *self)
{
  JmPersona *persona;

  jm_persona_editor_commit (self);
  persona = jm_edits_add_persona_after (self->map, NULL);
  jm_persona_editor_set_persona (self, persona);
  gtk_widget_grab_focus (self->fields[F_NAME]);
}

static void
on_undo_button_clicked (JmPersonaEditor *self)
{
  jm_persona_editor_commit (self);
  jm_map_undo (self->map);
}

static void
on_redo_button_clicked (JmPersonaEditor *self)
{
  jm_persona_editor_commit (self);
  jm_map_redo (self->map);
}

static gboolean
jm_persona_editor_close_request (GtkWindow *window)
{
  jm_persona_editor_commit (JM_PERSONA_EDITOR (window));
  return GTK_WINDOW_CLASS (jm_persona_editor_parent_class)->close_request (window);
}

static void
jm_persona_editor_dispose (GObject *object)
{
  JmPersonaEditor *self = JM_PERSONA_EDITOR (object);

  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (jm_map_get_personas (self->map), self);
      g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
    }
  if (self->persona != NULL)
    g_signal_handlers_disconnect_by_data (self->persona, self);
  g_clear_object (&self->persona);
  g_clear_object (&self->map);
  g_clear_object (&self->picture);

  G_OBJECT_CLASS (jm_persona_editor_parent_class)->dispose (object);
}

static void
jm_persona_editor_class_init (JmPersonaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jm_persona_editor_dispose;
  window_class->close_request = jm_persona_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-persona-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JmPersonaEditor, persona_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JmPersonaEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmPersonaEditor, undo_button);
  gtk_widget_class_bind_template_child (widget_class, JmPersonaEditor, redo_button);
  gtk_widget_class_bind_template_child (widget_class, JmPersonaEditor, content_box);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_redo_button_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jm_persona_editor_init (JmPersonaEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_fields (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Persona"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->undo_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Undo"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->redo_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Redo"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->persona_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Persona to edit"), -1);
}

/**
 * jm_persona_editor_new:
 * @parent: (nullable): the map's window, which the editor is modal to
 * @map: the map
 * @persona: the persona to show first, one of @map's
 *
 * Returns: (transfer none): a new editor, not shown yet; it is destroyed
 *   when closed
 */
JmPersonaEditor *
jm_persona_editor_new (GtkWindow *parent,
                       JmMap     *map,
                       JmPersona *persona)
{
  JmPersonaEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JM_IS_MAP (map), NULL);
  g_return_val_if_fail (JM_IS_PERSONA (persona), NULL);

  self = g_object_new (JM_TYPE_PERSONA_EDITOR, "transient-for", parent, NULL);
  self->map = g_object_ref (map);
  gtk_drop_down_set_expression (self->persona_dropdown,
                                gtk_property_expression_new (JM_TYPE_PERSONA, NULL, "name"));
  gtk_drop_down_set_model (self->persona_dropdown, jm_map_get_personas (map));
  g_signal_connect_object (self->persona_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (jm_map_get_personas (map), "items-changed",
                           G_CALLBACK (on_personas_changed), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (jm_map_get_history (map), "changed",
                           G_CALLBACK (update_history_buttons), self, G_CONNECT_SWAPPED);
  update_history_buttons (self);
  jm_persona_editor_set_persona (self, persona);
  return self;
}

/**
 * jm_persona_editor_get_map:
 *
 * Returns: (transfer none): the map edited
 */
JmMap *
jm_persona_editor_get_map (JmPersonaEditor *self)
{
  g_return_val_if_fail (JM_IS_PERSONA_EDITOR (self), NULL);
  return self->map;
}

/**
 * jm_persona_editor_get_persona:
 *
 * Returns: (transfer none) (nullable): the persona shown
 */
JmPersona *
jm_persona_editor_get_persona (JmPersonaEditor *self)
{
  g_return_val_if_fail (JM_IS_PERSONA_EDITOR (self), NULL);
  return self->persona;
}

/**
 * jm_persona_editor_get_field:
 * @name: a persona property ("name", "goals", "age", "hidden", "colour"...),
 *   "channel:ID" for a channel's toggle, "picture" or "picture-error"
 *
 * For tests and accessibility checks: the widget that edits @name.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
jm_persona_editor_get_field (JmPersonaEditor *self,
                             const char      *name)
{
  g_return_val_if_fail (JM_IS_PERSONA_EDITOR (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (name, field_info[i].property))
      return self->fields[i];
  if (g_str_has_prefix (name, "channel:"))
    return find_channel_toggle (self, name + strlen ("channel:"));
  if (g_str_equal (name, "age"))
    return self->age_spin;
  if (g_str_equal (name, "hidden"))
    return self->hidden_switch;
  if (g_str_equal (name, "colour"))
    return self->colour_button;
  if (g_str_equal (name, "picture"))
    return self->avatar;
  if (g_str_equal (name, "picture-error"))
    return self->picture_error;
  if (g_str_equal (name, "emotion-curve"))
    return self->curve;
  return NULL;
}
