/* jm-inspector.c: edits every field of the selected touchpoint, stage or persona
 *
 * Each field writes to the map as one command when the user is done with it
 * (Enter, or focus leaving the field; at once for switches and choices), so
 * that undo takes back one field edit, never one keystroke. When the object
 * changes underneath (undo, the board, another view), the fields follow,
 * except the one being typed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "jm-app-resources.h"
#include "jm-inspector.h"
#include "jm-names.h"
#include "jm-text-measure.h"

typedef enum {
  FIELD_ENTRY,      /* an editable holding a string property */
  FIELD_TEXT,       /* a GtkTextView holding a string property */
  FIELD_TEAMS,      /* an editable holding a strv as comma-separated text */
  FIELD_CHANNEL,    /* an editable holding a channel id, shown by its label */
} FieldKind;

typedef struct
{
  JmInspector *inspector;
  GtkWidget   *widget;
  const char  *property;
  FieldKind    kind;
  GType        owner;      /* the class whose page holds the field */
} Field;

struct _JmInspector
{
  GtkWidget    parent_instance;

  JmMap       *map;
  GObject     *object;
  gulong       notify_id;
  gboolean     loading;
  gboolean     object_changed;  /* refill even the focused field */
  GPtrArray   *fields;          /* Field */
  GtkWidget   *rating_rows[JM_N_MEASURES];
  GPtrArray   *link_rows;

  /* Template children */
  GtkWidget   *scrolled;
  GtkStack    *stack;
  GtkWidget   *title_row;
  GtkWidget   *channel_row;
  GtkWidget   *channel_button;
  GtkWidget   *moment_switch;
  GtkWidget   *emotion_row;
  GtkWidget   *teams_row;
  GtkWidget   *teams_button;
  GtkWidget   *ratings_group;
  GtkWidget   *rows_box;
  GtkWidget   *links_group;
  GtkWidget   *stage_box;
  GtkWidget   *stage_name_row;
  GtkWidget   *persona_box;
  GtkWidget   *persona_name_row;
  GtkWidget   *persona_role_row;
  GtkWidget   *persona_quote_row;
  GtkWidget   *persona_colour_button;
  GtkWidget   *persona_visible_switch;
};

G_DEFINE_FINAL_TYPE (JmInspector, jm_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  PROP_OBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (JmInspector *self);

/* ---------------------------------------------------------------- editing */

static gboolean
can_edit (JmInspector *self,
          GType        owner)
{
  return !self->loading && self->map != NULL && self->object != NULL &&
         G_TYPE_CHECK_INSTANCE_TYPE (self->object, owner);
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char **
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (*part != '\0')
        g_strv_builder_add (builder, part);
    }
  return g_strv_builder_end (builder);
}

static const char *
channel_id_for_text (const char *text)
{
  guint n;
  const JmChannelInfo *channels = jm_channels (&n);

  /* A label the user picked or typed means the known channel; anything else
   * is a channel of their own, kept as typed. */
  for (guint i = 0; i < n; i++)
    if (g_utf8_collate (text, g_dgettext (GETTEXT_PACKAGE, channels[i].label)) == 0 ||
        g_str_equal (text, channels[i].id))
      return channels[i].id;
  return text;
}

static void
field_commit (Field *field)
{
  JmInspector *self = field->inspector;

  if (!can_edit (self, field->owner))
    return;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      jm_map_edit_string (self->map, self->object, field->property,
                          gtk_editable_get_text (GTK_EDITABLE (field->widget)));
      break;
    case FIELD_CHANNEL:
      {
        g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget))));

        jm_map_edit_string (self->map, self->object, field->property, channel_id_for_text (text));
      }
      break;
    case FIELD_TEAMS:
      {
        g_auto(GStrv) teams = split_list (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

        jm_map_edit_strv (self->map, self->object, field->property, (const char * const *) teams);
      }
      break;
    case FIELD_TEXT:
      {
        g_autofree char *text = text_view_get_text (GTK_TEXT_VIEW (field->widget));

        jm_map_edit_string (self->map, self->object, field->property, text);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
field_load (Field *field)
{
  JmInspector *self = field->inspector;
  GtkRoot *root;
  GtkWidget *focus;

  if (self->object == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (self->object, field->owner))
    return;

  /* Leave alone the field the user is typing in. */
  root = gtk_widget_get_root (field->widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (!self->object_changed && focus != NULL &&
      (focus == field->widget || gtk_widget_is_ancestor (focus, field->widget)))
    return;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      {
        g_autofree char *value = NULL;

        g_object_get (self->object, field->property, &value, NULL);
        gtk_editable_set_text (GTK_EDITABLE (field->widget), value ? value : "");
      }
      break;
    case FIELD_CHANNEL:
      {
        g_autofree char *value = NULL;

        g_object_get (self->object, field->property, &value, NULL);
        gtk_editable_set_text (GTK_EDITABLE (field->widget),
                               value && *value ? jm_channel_get_label (value) : "");
      }
      break;
    case FIELD_TEAMS:
      {
        g_auto(GStrv) value = NULL;
        g_autofree char *text = NULL;

        g_object_get (self->object, field->property, &value, NULL);
        text = value ? g_strjoinv (", ", value) : g_strdup ("");
        gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
      }
      break;
    case FIELD_TEXT:
      {
        g_autofree char *value = NULL;
        g_autofree char *current = text_view_get_text (GTK_TEXT_VIEW (field->widget));

        g_object_get (self->object, field->property, &value, NULL);
        if (g_strcmp0 (current, value ? value : "") != 0)
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)),
                                    value ? value : "", -1);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_field_leave (Field *field)
{
  field_commit (field);
}

static Field *
add_field (JmInspector *self,
           GtkWidget   *widget,
           const char  *property,
           FieldKind    kind,
           GType        owner)
{
  Field *field = g_new0 (Field, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  field->inspector = self;
  field->widget = widget;
  field->property = property;
  field->kind = kind;
  field->owner = owner;
  g_ptr_array_add (self->fields, field);

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_field_leave), field);
  gtk_widget_add_controller (widget, focus);
  if (kind != FIELD_TEXT)
    {
      /* Enter commits; an AdwEntryRow reports it as entry-activated. */
      if (ADW_IS_ENTRY_ROW (widget))
        g_signal_connect_swapped (widget, "entry-activated", G_CALLBACK (field_commit), field);
      else
        g_signal_connect_swapped (widget, "activate", G_CALLBACK (field_commit), field);
    }
  return field;
}

/* A heading over a framed multi-line text field. */
static GtkWidget *
add_text_section (JmInspector *self,
                  GtkWidget   *box,
                  const char  *title,
                  const char  *property,
                  GType        owner)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (section), label);
  gtk_box_append (GTK_BOX (section), frame);
  gtk_box_append (GTK_BOX (box), section);
  add_field (self, view, property, FIELD_TEXT, owner);
  return view;
}

static void
on_moment_active (JmInspector *self)
{
  if (can_edit (self, JM_TYPE_TOUCHPOINT))
    jm_map_edit_boolean (self->map, self->object, "moment-of-truth",
                         gtk_switch_get_active (GTK_SWITCH (self->moment_switch)));
}

static void
on_emotion_selected (JmInspector *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->emotion_row));

  if (can_edit (self, JM_TYPE_TOUCHPOINT) && selected != GTK_INVALID_LIST_POSITION)
    jm_map_edit_int (self->map, self->object, "emotion",
                     selected == 0 ? JM_EMOTION_UNSET : JM_EMOTION_MIN + (int) selected - 1);
}

static void
on_rating_selected (JmInspector *self,
                    GParamSpec  *pspec,
                    AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (!can_edit (self, JM_TYPE_TOUCHPOINT) || selected == GTK_INVALID_LIST_POSITION)
    return;
  for (guint m = 0; m < JM_N_MEASURES; m++)
    if (self->rating_rows[m] == GTK_WIDGET (row))
      jm_map_edit_int (self->map, self->object, jm_touchpoint_rating_property (m),
                       selected == 0 ? JM_RATING_UNSET : (int) selected);
}

static void
on_persona_visible_active (JmInspector *self)
{
  if (can_edit (self, JM_TYPE_PERSONA))
    jm_map_edit_boolean (self->map, self->object, "hidden",
                         !gtk_switch_get_active (GTK_SWITCH (self->persona_visible_switch)));
}

static void
on_persona_colour_set (JmInspector *self)
{
  GdkRGBA rgba;
  g_autofree char *colour = NULL;

  if (!can_edit (self, JM_TYPE_PERSONA))
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->persona_colour_button), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  colour = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                            (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));
  jm_map_edit_string (self->map, self->object, "colour", colour);
}

static void
on_remove_link_clicked (JmInspector *self,
                        GtkButton   *button)
{
  const char *target = g_object_get_data (G_OBJECT (button), "link-id");
  const char * const *links;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kept = NULL;

  if (!can_edit (self, JM_TYPE_TOUCHPOINT))
    return;
  links = jm_touchpoint_get_links (JM_TOUCHPOINT (self->object));
  builder = g_strv_builder_new ();
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    if (!g_str_equal (links[i], target))
      g_strv_builder_add (builder, links[i]);
  kept = g_strv_builder_end (builder);
  jm_map_begin (self->map, _("Remove Link"));
  jm_map_edit_strv (self->map, self->object, "links", (const char * const *) kept);
  jm_map_end (self->map);
}

static void
load_links (JmInspector *self)
{
  const char * const *links = jm_touchpoint_get_links (JM_TOUCHPOINT (self->object));

  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->links_group),
                                  g_ptr_array_index (self->link_rows, i));
  g_ptr_array_set_size (self->link_rows, 0);

  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    {
      JmTouchpoint *target = self->map ? jm_map_lookup_touchpoint (self->map, links[i]) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      const char *title = target ? jm_touchpoint_get_title (target) : links[i];
      g_autofree char *shown = jm_text_shorten (title, JM_TEXT_SHOWN_MAX_CHARS, NULL);

      /* A row wraps its title: a very long one would be taller than X11 allows. */
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     shown != NULL ? shown : *title ? title : _("Untitled touchpoint"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Link"), -1);
      g_object_set_data_full (G_OBJECT (button), "link-id", g_strdup (links[i]), g_free);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_remove_link_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->links_group), row);
      g_ptr_array_add (self->link_rows, row);
    }
}

static void
load (JmInspector *self)
{
  self->loading = TRUE;

  if (self->object == NULL)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else if (JM_IS_TOUCHPOINT (self->object))
    {
      JmTouchpoint *touchpoint = JM_TOUCHPOINT (self->object);
      int emotion = jm_touchpoint_get_emotion (touchpoint);

      gtk_stack_set_visible_child_name (self->stack, "touchpoint");
      gtk_switch_set_active (GTK_SWITCH (self->moment_switch),
                             jm_touchpoint_get_moment_of_truth (touchpoint));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->emotion_row),
                                  emotion < JM_EMOTION_MIN ? 0 : (guint) (emotion - JM_EMOTION_MIN + 1));
      for (guint m = 0; m < JM_N_MEASURES; m++)
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->rating_rows[m]),
                                    (guint) jm_touchpoint_get_rating (touchpoint, m));
      load_links (self);
    }
  else if (JM_IS_STAGE (self->object))
    gtk_stack_set_visible_child_name (self->stack, "stage");
  else if (JM_IS_PERSONA (self->object))
    {
      JmPersona *persona = JM_PERSONA (self->object);
      GdkRGBA rgba;

      gtk_stack_set_visible_child_name (self->stack, "persona");
      gtk_switch_set_active (GTK_SWITCH (self->persona_visible_switch), !jm_persona_get_hidden (persona));
      if (gdk_rgba_parse (&rgba, jm_persona_get_colour (persona)))
        {
          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->persona_colour_button), &rgba);
          G_GNUC_END_IGNORE_DEPRECATIONS
        }
    }

  for (guint i = 0; i < self->fields->len; i++)
    field_load (g_ptr_array_index (self->fields, i));

  self->loading = FALSE;
}

static void
on_object_notify (JmInspector *self)
{
  load (self);
}

/* ---------------------------------------------------------------- channel and team menus */

/* The choices offered for a card's channel and teams: the known channels,
 * and the names already on the map, one for each jm_name_key(), so that
 * picking one never starts a second spelling of a name. Filled each time a
 * menu opens, from the map as it is then. */

static GtkWidget *
menu_choice (const char *label,
             const char *icon,
             const char *value,
             GCallback   callback,
             gpointer    user_data)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  if (icon != NULL)
    gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (content), text);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "name-value", g_strdup (value), g_free);
  g_signal_connect_swapped (button, "clicked", callback, user_data);
  return button;
}

static GtkWidget *
menu_box (GtkWidget *menu_button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  GtkWidget *box = gtk_popover_get_child (popover);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
  return box;
}

static void
on_channel_chosen (JmInspector *self,
                   GtkButton   *button)
{
  const char *value = g_object_get_data (G_OBJECT (button), "name-value");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->channel_button));
  if (can_edit (self, JM_TYPE_TOUCHPOINT))
    jm_map_edit_string (self->map, self->object, "channel", value);
}

static void
fill_channel_menu (JmInspector *self)
{
  GtkWidget *box = menu_box (self->channel_button);
  g_autoptr(GPtrArray) names = self->map != NULL ? jm_map_list_names (self->map, JM_NAME_CHANNEL) : NULL;
  gboolean separated = FALSE;
  guint n;
  const JmChannelInfo *channels = jm_channels (&n);

  for (guint i = 0; i < n; i++)
    gtk_box_append (GTK_BOX (box), menu_choice (g_dgettext (GETTEXT_PACKAGE, channels[i].label),
                                                channels[i].icon, channels[i].id,
                                                G_CALLBACK (on_channel_chosen), self));
  /* Then the map's own channels, as first written. */
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const JmName *name = g_ptr_array_index (names, i);

      if (jm_channel_lookup (name->key) != NULL)
        continue;
      if (!separated)
        gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      separated = TRUE;
      /* The outline's icon for a channel of the map's own, which also
       * lines the names up with the known channels above. */
      gtk_box_append (GTK_BOX (box), menu_choice (name->label, "x-office-document-symbolic", name->value,
                                                  G_CALLBACK (on_channel_chosen), self));
    }
}

static void
on_team_chosen (JmInspector *self,
                GtkButton   *button)
{
  const char *value = g_object_get_data (G_OBJECT (button), "name-value");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) teams = NULL;
  const char * const *current;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->teams_button));
  if (!can_edit (self, JM_TYPE_TOUCHPOINT))
    return;

  /* A team the card already has, however written, is not added again. */
  current = jm_touchpoint_get_teams (JM_TOUCHPOINT (self->object));
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    {
      if (jm_name_equal (JM_NAME_TEAM, current[i], value))
        return;
      g_strv_builder_add (builder, current[i]);
    }
  g_strv_builder_add (builder, value);
  teams = g_strv_builder_end (builder);
  jm_map_edit_strv (self->map, self->object, "teams", (const char * const *) teams);
}

static void
fill_teams_menu (JmInspector *self)
{
  GtkWidget *box = menu_box (self->teams_button);
  g_autoptr(GPtrArray) names = self->map != NULL ? jm_map_list_names (self->map, JM_NAME_TEAM) : NULL;

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const JmName *name = g_ptr_array_index (names, i);

      gtk_box_append (GTK_BOX (box), menu_choice (name->label, NULL, name->value,
                                                  G_CALLBACK (on_team_chosen), self));
    }
  if (gtk_widget_get_first_child (box) == NULL)
    {
      GtkWidget *label = gtk_label_new (_("No teams on this map yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
}

static void
build_name_menu (GtkWidget  *menu_button,
                 const char *accessible_label,
                 GCallback   fill,
                 gpointer    user_data)
{
  GtkWidget *popover = gtk_popover_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  g_signal_connect_swapped (popover, "show", fill, user_data);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
}

/* ---------------------------------------------------------------- object */

static void
jm_inspector_dispose (GObject *object)
{
  JmInspector *self = JM_INSPECTOR (object);

  jm_inspector_set_object (self, NULL);
  g_clear_object (&self->map);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_INSPECTOR);

  G_OBJECT_CLASS (jm_inspector_parent_class)->dispose (object);
}

static void
jm_inspector_finalize (GObject *object)
{
  JmInspector *self = JM_INSPECTOR (object);

  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->link_rows);

  G_OBJECT_CLASS (jm_inspector_parent_class)->finalize (object);
}

static void
jm_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JmInspector *self = JM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_OBJECT:
      g_value_set_object (value, self->object);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JmInspector *self = JM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_inspector_set_map (self, g_value_get_object (value));
      break;
    case PROP_OBJECT:
      jm_inspector_set_object (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_inspector_class_init (JmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_inspector_dispose;
  object_class->finalize = jm_inspector_finalize;
  object_class->get_property = jm_inspector_get_property;
  object_class->set_property = jm_inspector_set_property;

  properties[PROP_MAP] = g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP, flags);
  /**
   * JmInspector:object:
   *
   * The #JmTouchpoint, #JmStage or #JmPersona being edited, or %NULL.
   */
  properties[PROP_OBJECT] = g_param_spec_object ("object", NULL, NULL, G_TYPE_OBJECT, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps it linked from the static library (its
   * constructor then registers it) in programs that use no other template. */
  g_assert (jm_app_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, JmInspector, scrolled);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, title_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, channel_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, channel_button);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, moment_switch);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, emotion_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, teams_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, teams_button);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, ratings_group);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, rows_box);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, links_group);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, stage_box);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, stage_name_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, persona_box);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, persona_name_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, persona_role_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, persona_quote_row);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, persona_colour_button);
  gtk_widget_class_bind_template_child (widget_class, JmInspector, persona_visible_switch);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
jm_inspector_init (JmInspector *self)
{
  g_autoptr(GtkStringList) emotions = gtk_string_list_new (NULL);
  GtkWidget *box;

  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  g_type_ensure (ADW_TYPE_COMBO_ROW);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->link_rows = g_ptr_array_new ();

  add_field (self, self->title_row, "title", FIELD_ENTRY, JM_TYPE_TOUCHPOINT);
  add_field (self, self->channel_row, "channel", FIELD_CHANNEL, JM_TYPE_TOUCHPOINT);
  add_field (self, self->teams_row, "teams", FIELD_TEAMS, JM_TYPE_TOUCHPOINT);
  for (guint r = 0; r < JM_N_ROWS; r++)
    add_text_section (self, self->rows_box, jm_row_get_label (r), jm_touchpoint_row_property (r),
                      JM_TYPE_TOUCHPOINT);
  add_text_section (self, self->rows_box, _("Notes"), "notes", JM_TYPE_TOUCHPOINT);
  build_name_menu (self->channel_button, _("Known Channels"), G_CALLBACK (fill_channel_menu), self);
  build_name_menu (self->teams_button, _("Teams on This Map"), G_CALLBACK (fill_teams_menu), self);

  gtk_string_list_append (emotions, _("Not set"));
  for (int e = JM_EMOTION_MIN; e <= JM_EMOTION_MAX; e++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%+d)", jm_emotion_get_label (e), e);
      gtk_string_list_append (emotions, e == 0 ? jm_emotion_get_label (e) : label);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->emotion_row), G_LIST_MODEL (emotions));
  g_signal_connect_swapped (self->emotion_row, "notify::selected", G_CALLBACK (on_emotion_selected), self);
  g_signal_connect_swapped (self->moment_switch, "notify::active", G_CALLBACK (on_moment_active), self);

  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      g_autoptr(GtkStringList) ratings = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();

      gtk_string_list_append (ratings, _("Not rated"));
      for (int r = JM_RATING_MIN; r <= JM_RATING_MAX; r++)
        {
          g_autofree char *label = g_strdup_printf ("%d", r);
          gtk_string_list_append (ratings, label);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_measure_get_label (m));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (ratings));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_rating_selected), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->ratings_group), row);
      self->rating_rows[m] = row;
    }

  add_field (self, self->stage_name_row, "name", FIELD_ENTRY, JM_TYPE_STAGE);
  box = self->stage_box;
  add_text_section (self, box, _("Description"), "description", JM_TYPE_STAGE);

  add_field (self, self->persona_name_row, "name", FIELD_ENTRY, JM_TYPE_PERSONA);
  add_field (self, self->persona_role_row, "role", FIELD_ENTRY, JM_TYPE_PERSONA);
  add_field (self, self->persona_quote_row, "quote", FIELD_ENTRY, JM_TYPE_PERSONA);
  add_text_section (self, self->persona_box, _("Biography"), "bio", JM_TYPE_PERSONA);
  add_text_section (self, self->persona_box, _("Notes"), "notes", JM_TYPE_PERSONA);
  g_signal_connect_swapped (self->persona_visible_switch, "notify::active",
                            G_CALLBACK (on_persona_visible_active), self);
  g_signal_connect_swapped (self->persona_colour_button, "color-set",
                            G_CALLBACK (on_persona_colour_set), self);

  load (self);
}

/**
 * jm_inspector_new:
 *
 * Returns: (transfer floating): a new inspector showing nothing
 */
GtkWidget *
jm_inspector_new (void)
{
  return g_object_new (JM_TYPE_INSPECTOR, NULL);
}

/**
 * jm_inspector_get_map:
 *
 * Returns: (transfer none) (nullable): the map edits are recorded on
 */
JmMap *
jm_inspector_get_map (JmInspector *self)
{
  g_return_val_if_fail (JM_IS_INSPECTOR (self), NULL);
  return self->map;
}

void
jm_inspector_set_map (JmInspector *self,
                      JmMap       *map)
{
  g_return_if_fail (JM_IS_INSPECTOR (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;
  jm_inspector_set_object (self, NULL);
  g_set_object (&self->map, map);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_inspector_get_object:
 *
 * Returns: (transfer none) (nullable): the object being edited
 */
gpointer
jm_inspector_get_object (JmInspector *self)
{
  g_return_val_if_fail (JM_IS_INSPECTOR (self), NULL);
  return self->object;
}

/**
 * jm_inspector_set_object:
 * @object: (nullable): a #JmTouchpoint, #JmStage or #JmPersona of the map
 *
 * Shows @object's fields. A field being edited when the object changes
 * keeps its edit, written to the object it was for.
 */
void
jm_inspector_set_object (JmInspector *self,
                         gpointer     object)
{
  g_return_if_fail (JM_IS_INSPECTOR (self));
  g_return_if_fail (object == NULL || JM_IS_TOUCHPOINT (object) || JM_IS_STAGE (object) ||
                    JM_IS_PERSONA (object));

  if (self->object == object)
    return;

  /* Finish the edit in progress before the fields are refilled. */
  if (self->object != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      for (guint i = 0; focus != NULL && i < self->fields->len; i++)
        {
          Field *field = g_ptr_array_index (self->fields, i);

          if (focus == field->widget || gtk_widget_is_ancestor (focus, field->widget))
            field_commit (field);
        }
      g_clear_signal_handler (&self->notify_id, self->object);
    }

  g_set_object (&self->object, object);
  if (object != NULL)
    self->notify_id = g_signal_connect_swapped (object, "notify", G_CALLBACK (on_object_notify), self);
  self->object_changed = TRUE;
  load (self);
  self->object_changed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT]);
}
