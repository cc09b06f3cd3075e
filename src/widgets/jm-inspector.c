/* jm-inspector.c: edits every field of the selected touchpoint, stage or persona
 *
 * Each field writes to the map as the user types (switches and choices at
 * once), so that the map always holds what is on screen: Save, drafts and
 * closing never miss a word still being typed. The keys typed in one visit
 * to a field are one undo step. When the object changes underneath (undo,
 * the board, another view), the fields follow; a field that already holds
 * the new value is left as typed.
 *
 * With several cards selected, each field edits them all, showing "Mixed"
 * where they differ.
 *
 * Copyright 2026 The Journey Mapper developers
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
  GtkWidget   *mixed_label;  /* shown while the objects differ and nothing is typed */
  const char  *property;
  FieldKind    kind;
  GType        owner;        /* the class whose page holds the field */
  guint        merge_id;     /* the edit being typed, one undo step; 0 if none */
  GArray      *originals;    /* GValue per object when they differed, or NULL */
} Field;

struct _JmInspector
{
  GtkWidget    parent_instance;

  JmMap       *map;
  GObject     *object;          /* the primary object, shown alone when single */
  GPtrArray   *objects;         /* every object edited: the object and the
                                 * other selected cards */
  gboolean     loading;
  gboolean     recording;       /* writing to the objects: show them after */
  gboolean     object_changed;  /* refill even the field being typed in */
  JmSelection *shared;          /* the window's, with the board and outline */
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
  GtkWidget   *kind_row;
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

static char *
field_get_text (Field *field)
{
  if (field->kind == FIELD_TEXT)
    return text_view_get_text (GTK_TEXT_VIEW (field->widget));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
}

/* What the field holds, as a value of its property. */
static void
field_get_value (Field  *field,
                 GValue *value)
{
  g_autofree char *text = field_get_text (field);

  switch (field->kind)
    {
    case FIELD_ENTRY:
    case FIELD_TEXT:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      break;
    case FIELD_CHANNEL:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, channel_id_for_text (g_strstrip (text)));
      break;
    case FIELD_TEAMS:
      g_value_init (value, G_TYPE_STRV);
      g_value_take_boxed (value, split_list (text));
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
value_equal (const GValue *a,
             const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char * const empty[] = { NULL };
      const char * const *strv_a = g_value_get_boxed (a);
      const char * const *strv_b = g_value_get_boxed (b);

      return g_strv_equal (strv_a ? strv_a : empty, strv_b ? strv_b : empty);
    }
  return g_strcmp0 (g_value_get_string (a) ? g_value_get_string (a) : "",
                    g_value_get_string (b) ? g_value_get_string (b) : "") == 0;
}

static void
object_get_value (GObject    *object,
                  const char *property,
                  GValue     *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  g_value_init (value, pspec->value_type);
  g_object_get_property (object, property, value);
}

static gboolean
field_applies_to (Field   *field,
                  GObject *object)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (object, field->owner);
}

static void
field_update_mixed (Field *field)
{
  g_autofree char *text = NULL;

  if (field->mixed_label == NULL)
    return;
  text = field->originals != NULL ? field_get_text (field) : NULL;
  gtk_widget_set_visible (field->mixed_label, text != NULL && *text == '\0');
}

/* Records what the field holds on every object edited, as the user types:
 * the map always holds what is on screen, for Save, drafts and closing.
 * The keys typed in one visit to the field are one undo step. Emptying a
 * field whose objects differed puts back what each had. */
static void
field_commit (Field *field)
{
  JmInspector *self = field->inspector;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean restore;

  if (!can_edit (self, field->owner))
    return;

  field_get_value (field, &value);
  restore = field->originals != NULL &&
            ((G_VALUE_HOLDS (&value, G_TYPE_STRV) && g_strv_length (g_value_get_boxed (&value)) == 0) ||
             (G_VALUE_HOLDS (&value, G_TYPE_STRING) && *g_value_get_string (&value) == '\0'));
  /* The objects change one by one: half of them is no state to show. */
  self->recording = TRUE;
  jm_map_begin_merge (self->map, NULL, &field->merge_id);
  for (guint i = 0; i < self->objects->len; i++)
    {
      GObject *object = g_ptr_array_index (self->objects, i);

      if (!field_applies_to (field, object))
        continue;
      if (restore && i < field->originals->len)
        jm_map_edit (self->map, object, field->property, &g_array_index (field->originals, GValue, i));
      else
        jm_map_edit (self->map, object, field->property, &value);
    }
  jm_map_end (self->map);
  self->recording = FALSE;
  field_update_mixed (field);
}

static void
clear_originals (Field *field)
{
  if (field->originals == NULL)
    return;
  for (guint i = 0; i < field->originals->len; i++)
    g_value_unset (&g_array_index (field->originals, GValue, i));
  g_clear_pointer (&field->originals, g_array_unref);
}

static void
field_set_text (Field      *field,
                const char *text)
{
  g_autofree char *current = field_get_text (field);

  if (g_strcmp0 (current, text) == 0)
    return;
  if (field->kind == FIELD_TEXT)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
}

static char *
value_to_text (Field        *field,
               const GValue *value)
{
  const char *string;

  if (field->kind == FIELD_TEAMS)
    {
      const char * const *teams = g_value_get_boxed (value);

      return teams ? g_strjoinv (", ", (char **) teams) : g_strdup ("");
    }
  string = g_value_get_string (value);
  if (string == NULL)
    return g_strdup ("");
  if (field->kind == FIELD_CHANNEL && *string != '\0')
    return g_strdup (jm_channel_get_label (string));
  return g_strdup (string);
}

/* Shows the objects' value. A field that already holds it is left alone,
 * so that what is being typed (a trailing comma, the cursor) stays; any
 * other value (an undo, a channel picked from the list) replaces it. */
static void
field_load (Field    *field,
            gboolean  force)
{
  JmInspector *self = field->inspector;
  g_auto(GValue) shown = G_VALUE_INIT;
  g_auto(GValue) first = G_VALUE_INIT;
  gboolean all_shown = TRUE;
  gboolean mixed = FALSE;
  guint n = 0;

  if (self->object == NULL || !field_applies_to (field, self->object))
    return;

  field_get_value (field, &shown);
  for (guint i = 0; i < self->objects->len; i++)
    {
      GObject *object = g_ptr_array_index (self->objects, i);
      g_auto(GValue) value = G_VALUE_INIT;

      if (!field_applies_to (field, object))
        continue;
      object_get_value (object, field->property, &value);
      if (n++ == 0)
        {
          g_value_init (&first, G_VALUE_TYPE (&value));
          g_value_copy (&value, &first);
        }
      else if (!value_equal (&first, &value))
        mixed = TRUE;
      if (!value_equal (&shown, &value))
        all_shown = FALSE;
    }

  if (all_shown && !force)
    {
      field_update_mixed (field);
      return;
    }
  if (mixed && field->originals != NULL && !force)
    {
      g_autofree char *text = field_get_text (field);

      /* Still showing that each object has its own value. */
      if (*text == '\0')
        {
          field_update_mixed (field);
          return;
        }
    }

  field->merge_id = 0;
  clear_originals (field);
  if (mixed)
    {
      field->originals = g_array_new (FALSE, TRUE, sizeof (GValue));
      for (guint i = 0; i < self->objects->len; i++)
        {
          GValue value = G_VALUE_INIT;

          /* Objects of another kind keep a place, to line up with objects. */
          if (field_applies_to (field, g_ptr_array_index (self->objects, i)))
            object_get_value (g_ptr_array_index (self->objects, i), field->property, &value);
          else
            {
              g_value_init (&value, G_VALUE_TYPE (&first));
              g_value_copy (&first, &value);
            }
          g_array_append_val (field->originals, value);
        }
      field_set_text (field, "");
    }
  else
    {
      g_autofree char *text = value_to_text (field, &first);

      field_set_text (field, text);
    }
  field_update_mixed (field);
}

static void
on_field_changed (Field *field)
{
  if (!field->inspector->loading)
    field_commit (field);
}

/* Leaving the field, or Enter, ends the edit: the next keys typed are a new
 * undo step, and the field shows the value as it is kept ("Sales, Support"
 * for "Sales,Support ,"). */
static void
on_field_done (Field *field)
{
  JmInspector *self = field->inspector;
  g_autofree char *text = NULL;

  field->merge_id = 0;
  if (self->loading)
    return;
  text = field_get_text (field);
  /* A mixed field left empty stays so; the objects keep their own values. */
  if (field->originals != NULL && *text == '\0')
    return;
  self->loading = TRUE;
  field_load (field, TRUE);
  self->loading = FALSE;
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

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_field_done), field);
  gtk_widget_add_controller (widget, focus);
  if (kind == FIELD_TEXT)
    g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                              G_CALLBACK (on_field_changed), field);
  else
    {
      g_signal_connect_swapped (widget, "changed", G_CALLBACK (on_field_changed), field);
      /* Enter ends the edit; an AdwEntryRow reports it as entry-activated. */
      if (ADW_IS_ENTRY_ROW (widget))
        g_signal_connect_swapped (widget, "entry-activated", G_CALLBACK (on_field_done), field);
      else
        g_signal_connect_swapped (widget, "activate", G_CALLBACK (on_field_done), field);
    }
  if (ADW_IS_ENTRY_ROW (widget))
    {
      field->mixed_label = gtk_label_new (_("Mixed"));
      gtk_widget_add_css_class (field->mixed_label, "dim-label");
      gtk_widget_set_visible (field->mixed_label, FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (widget), field->mixed_label);
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
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *mixed = gtk_label_new (_("Mixed"));
  Field *field;
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
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (mixed, "dim-label");
  gtk_widget_set_visible (mixed, FALSE);
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (heading), mixed);
  gtk_box_append (GTK_BOX (section), heading);
  gtk_box_append (GTK_BOX (section), frame);
  gtk_box_append (GTK_BOX (box), section);
  field = add_field (self, view, property, FIELD_TEXT, owner);
  field->mixed_label = mixed;
  return view;
}

/* A choice applies to every selected card, as one undo step. */
static void
edit_cards (JmInspector  *self,
            const char   *property,
            const GValue *value)
{
  self->recording = TRUE;
  jm_map_begin (self->map, NULL);
  for (guint i = 0; i < self->objects->len; i++)
    if (JM_IS_TOUCHPOINT (g_ptr_array_index (self->objects, i)))
      jm_map_edit (self->map, g_ptr_array_index (self->objects, i), property, value);
  jm_map_end (self->map);
  self->recording = FALSE;
  load (self);
}

static void
edit_cards_int (JmInspector *self,
                const char  *property,
                int          value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  edit_cards (self, property, &v);
}

static void
on_moment_active (JmInspector *self)
{
  g_auto(GValue) v = G_VALUE_INIT;

  if (!can_edit (self, JM_TYPE_TOUCHPOINT))
    return;
  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, gtk_switch_get_active (GTK_SWITCH (self->moment_switch)));
  edit_cards (self, "moment-of-truth", &v);
}

static void
on_emotion_selected (JmInspector *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->emotion_row));

  if (can_edit (self, JM_TYPE_TOUCHPOINT) && selected != GTK_INVALID_LIST_POSITION)
    edit_cards_int (self, "emotion",
                    selected == 0 ? JM_EMOTION_UNSET : JM_EMOTION_MIN + (int) selected - 1);
}

/* A touchpoint, or a card from a template: a pain point, idea or question. */
static void
on_kind_selected (JmInspector *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  g_auto(GValue) v = G_VALUE_INIT;
  guint n_kinds;
  const JmCardKindInfo *kinds = jm_card_kinds (&n_kinds);

  if (!can_edit (self, JM_TYPE_TOUCHPOINT) || selected == GTK_INVALID_LIST_POSITION || selected > n_kinds)
    return;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, selected == 0 ? "" : kinds[selected - 1].id);
  edit_cards (self, "kind", &v);
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
      edit_cards_int (self, jm_touchpoint_rating_property (m),
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

/* The value all the selected cards share, or FALSE if they differ. */
static gboolean
cards_share_int (JmInspector *self,
                 const char  *property,
                 int         *shared)
{
  for (guint i = 0; i < self->objects->len; i++)
    {
      int value;

      g_object_get (g_ptr_array_index (self->objects, i), property, &value, NULL);
      if (i > 0 && value != *shared)
        return FALSE;
      *shared = value;
    }
  return TRUE;
}

/* A choice the cards differ on shows nothing chosen, and "Mixed". */
static void
load_choice (AdwComboRow *row,
             gboolean     shared,
             guint        selected)
{
  adw_combo_row_set_selected (row, shared ? selected : GTK_INVALID_LIST_POSITION);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shared ? "" : _("Mixed"));
}

/* A kind this version does not know is kept, and shown as it is written. */
static void
load_kind (JmInspector *self)
{
  const char *kind = NULL;
  gboolean shared = TRUE;
  guint n_kinds;
  const JmCardKindInfo *kinds = jm_card_kinds (&n_kinds);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->objects->len; i++)
    {
      const char *value = jm_touchpoint_get_kind (g_ptr_array_index (self->objects, i));

      if (i > 0 && g_strcmp0 (value, kind) != 0)
        shared = FALSE;
      kind = value;
    }
  if (kind == NULL || *kind == '\0')
    selected = 0;
  for (guint i = 0; kind != NULL && i < n_kinds; i++)
    if (g_strcmp0 (kinds[i].id, kind) == 0)
      selected = i + 1;
  load_choice (ADW_COMBO_ROW (self->kind_row), shared, selected);
  if (shared && selected == GTK_INVALID_LIST_POSITION)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), kind);
}

static void
load_touchpoint (JmInspector *self)
{
  gboolean shared;
  int value;

  shared = cards_share_int (self, "moment-of-truth", &value);
  gtk_switch_set_active (GTK_SWITCH (self->moment_switch), shared && value);
  shared = cards_share_int (self, "emotion", &value);
  load_choice (ADW_COMBO_ROW (self->emotion_row), shared,
               value < JM_EMOTION_MIN ? 0 : (guint) (value - JM_EMOTION_MIN + 1));
  for (guint m = 0; m < JM_N_MEASURES; m++)
    {
      shared = cards_share_int (self, jm_touchpoint_rating_property (m), &value);
      load_choice (ADW_COMBO_ROW (self->rating_rows[m]), shared, (guint) MAX (value, 0));
    }
  load_kind (self);
  /* Links are one card's own. */
  gtk_widget_set_visible (self->links_group, self->objects->len == 1);
  load_links (self);
}

static void
load (JmInspector *self)
{
  self->loading = TRUE;

  if (self->object == NULL)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else if (JM_IS_TOUCHPOINT (self->object))
    {
      gtk_stack_set_visible_child_name (self->stack, "touchpoint");
      load_touchpoint (self);
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
    field_load (g_ptr_array_index (self->fields, i), self->object_changed);

  self->loading = FALSE;
}

static void
on_object_notify (JmInspector *self)
{
  if (!self->recording)
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

  g_auto(GValue) v = G_VALUE_INIT;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->channel_button));
  if (!can_edit (self, JM_TYPE_TOUCHPOINT))
    return;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  edit_cards (self, "channel", &v);
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

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->teams_button));
  if (!can_edit (self, JM_TYPE_TOUCHPOINT))
    return;

  /* Every selected card gets the team, as one undo step; a card that
   * already has it, however written, is left as it is. */
  self->recording = TRUE;
  jm_map_begin (self->map, NULL);
  for (guint i = 0; i < self->objects->len; i++)
    {
      gpointer object = g_ptr_array_index (self->objects, i);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) teams = NULL;
      const char * const *current;
      gboolean has_it = FALSE;

      if (!JM_IS_TOUCHPOINT (object))
        continue;
      current = jm_touchpoint_get_teams (JM_TOUCHPOINT (object));
      for (guint t = 0; current != NULL && current[t] != NULL && !has_it; t++)
        {
          has_it = jm_name_equal (JM_NAME_TEAM, current[t], value);
          g_strv_builder_add (builder, current[t]);
        }
      if (has_it)
        continue;
      g_strv_builder_add (builder, value);
      teams = g_strv_builder_end (builder);
      jm_map_edit_strv (self->map, object, "teams", (const char * const *) teams);
    }
  jm_map_end (self->map);
  self->recording = FALSE;
  load (self);
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

  jm_inspector_set_shared_selection (self, NULL);
  jm_inspector_set_object (self, NULL);
  g_clear_object (&self->map);
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_INSPECTOR);

  G_OBJECT_CLASS (jm_inspector_parent_class)->dispose (object);
}

static void
jm_inspector_finalize (GObject *object)
{
  JmInspector *self = JM_INSPECTOR (object);

  for (guint i = 0; i < self->fields->len; i++)
    clear_originals (g_ptr_array_index (self->fields, i));
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->link_rows);
  g_ptr_array_unref (self->objects);

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
  gtk_widget_class_bind_template_child (widget_class, JmInspector, kind_row);
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
  self->objects = g_ptr_array_new_with_free_func (g_object_unref);
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
  {
    g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
    guint n_kinds;
    const JmCardKindInfo *info = jm_card_kinds (&n_kinds);

    gtk_string_list_append (kinds, _("Touchpoint"));
    for (guint i = 0; i < n_kinds; i++)
      gtk_string_list_append (kinds, g_dgettext (GETTEXT_PACKAGE, info[i].label));
    adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
    g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  }
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

static void
disconnect_objects (JmInspector *self)
{
  for (guint i = 0; i < self->objects->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->objects, i), on_object_notify, self);
  g_ptr_array_set_size (self->objects, 0);
}

/**
 * jm_inspector_set_object:
 * @object: (nullable): a #JmTouchpoint, #JmStage or #JmPersona of the map
 *
 * Shows @object's fields. What was typed for the previous object is
 * already in the map: fields record as the user types.
 */
void
jm_inspector_set_object (JmInspector *self,
                         gpointer     object)
{
  g_return_if_fail (JM_IS_INSPECTOR (self));
  g_return_if_fail (object == NULL || JM_IS_TOUCHPOINT (object) || JM_IS_STAGE (object) ||
                    JM_IS_PERSONA (object));

  if (self->object == object && self->objects->len <= 1)
    return;
  jm_inspector_set_objects (self, object, NULL);
}

/**
 * jm_inspector_set_objects:
 * @object: (nullable): the object shown, as for jm_inspector_set_object()
 * @others: (nullable) (element-type JmTouchpoint): more cards selected with
 *   @object, a touchpoint; @object itself may be among them
 *
 * Edits several cards at once: each field shows the value the cards share,
 * or is empty and marked "Mixed" where they differ. What is typed or chosen
 * goes to every card as one undo step; a mixed field left alone leaves each
 * card its own value.
 */
void
jm_inspector_set_objects (JmInspector *self,
                          gpointer     object,
                          GPtrArray   *others)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (JM_IS_INSPECTOR (self));
  g_return_if_fail (object == NULL || JM_IS_TOUCHPOINT (object) || JM_IS_STAGE (object) ||
                    JM_IS_PERSONA (object));

  if (object != NULL)
    g_ptr_array_add (objects, g_object_ref (object));
  for (guint i = 0; JM_IS_TOUCHPOINT (object) && others != NULL && i < others->len; i++)
    if (JM_IS_TOUCHPOINT (g_ptr_array_index (others, i)) &&
        !g_ptr_array_find (objects, g_ptr_array_index (others, i), NULL))
      g_ptr_array_add (objects, g_object_ref (g_ptr_array_index (others, i)));

  if (self->object == object && objects->len == self->objects->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; same && i < objects->len; i++)
        same = g_ptr_array_find (self->objects, g_ptr_array_index (objects, i), NULL);
      if (same)
        return;
    }

  disconnect_objects (self);
  for (guint i = 0; i < self->fields->len; i++)
    ((Field *) g_ptr_array_index (self->fields, i))->merge_id = 0;
  g_set_object (&self->object, object);
  for (guint i = 0; i < objects->len; i++)
    {
      g_ptr_array_add (self->objects, g_object_ref (g_ptr_array_index (objects, i)));
      g_signal_connect_swapped (g_ptr_array_index (objects, i), "notify",
                                G_CALLBACK (on_object_notify), self);
    }
  self->object_changed = TRUE;
  load (self);
  self->object_changed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT]);
}

/**
 * jm_inspector_get_n_objects:
 *
 * Returns: how many objects the fields edit
 */
guint
jm_inspector_get_n_objects (JmInspector *self)
{
  g_return_val_if_fail (JM_IS_INSPECTOR (self), 0);
  return self->objects->len;
}

static void
on_shared_selection_changed (JmInspector *self)
{
  g_autoptr(GPtrArray) objects = jm_selection_get_objects (self->shared);

  jm_inspector_set_objects (self, jm_selection_get_current (self->shared), objects);
}

/**
 * jm_inspector_set_shared_selection:
 * @selection: (nullable): the selection to show
 *
 * Makes the inspector show the current object of @selection, with the
 * other cards selected with it, whenever it changes.
 */
void
jm_inspector_set_shared_selection (JmInspector *self,
                                   JmSelection *selection)
{
  g_return_if_fail (JM_IS_INSPECTOR (self));
  g_return_if_fail (selection == NULL || JM_IS_SELECTION (selection));

  if (self->shared == selection)
    return;
  if (self->shared != NULL)
    g_signal_handlers_disconnect_by_func (self->shared, on_shared_selection_changed, self);
  g_set_object (&self->shared, selection);
  if (self->shared != NULL)
    {
      g_signal_connect_object (self->shared, "changed", G_CALLBACK (on_shared_selection_changed),
                               self, G_CONNECT_SWAPPED);
      on_shared_selection_changed (self);
    }
}
