/* jm-capture-bar.c: a bar to type card titles in quick succession
 *
 * While a room calls out ideas, the scribe types a title and presses
 * Enter, and the next title at once: the entry keeps the focus. A paste
 * of several lines gives one title per line. Where the cards land, the
 * board's current cell or the parking lot, is the bar's "parking-lot"
 * switch, flipped with Alt+P without leaving the entry. The bar only
 * reports the titles ("captured") and that it closed ("closed"): the
 * board page makes the edit, since it knows the current cell.
 *
 * Card templates: Alt+2, Alt+3 and Alt+4 make the next cards pain
 * points, ideas or questions, and Alt+1 plain touchpoints again; the
 * choice stays until changed, so that a run of pain points costs one key
 * more in all, and the dropdown and the entry's icon show it.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-capture-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jm-capture-bar.h"
#include "jm-types.h"

struct _JmCaptureBar
{
  GtkWidget        parent_instance;

  GtkRevealer     *revealer;
  GtkEntry        *entry;
  GtkToggleButton *cell_button;
  GtkToggleButton *lot_button;
  GtkLabel        *target_label;
  GtkDropDown     *kind_dropdown;
};

G_DEFINE_FINAL_TYPE (JmCaptureBar, jm_capture_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PARKING_LOT,
  PROP_OPEN,
  PROP_KIND,
  N_PROPS
};

enum {
  CAPTURED,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Reports the non-blank lines of @text as titles and empties the entry. */
static void
capture (JmCaptureBar *self,
         const char   *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  titles = g_strv_builder_end (builder);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  if (titles[0] != NULL)
    g_signal_emit (self, signals[CAPTURED], 0, titles, jm_capture_bar_get_parking_lot (self),
                   jm_capture_bar_get_kind (self));
}

static void
on_entry_activate (JmCaptureBar *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  capture (self, text);
}

/* A single-line entry takes in line breaks only from a paste: a pasted
 * list becomes its cards at once, one step, rather than one long title. */
static void
on_entry_changed (JmCaptureBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *copy = NULL;

  if (strpbrk (text, "\r\n") == NULL)
    return;
  copy = g_strdup (text);
  capture (self, copy);
}

static void
on_target_toggled (JmCaptureBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARKING_LOT]);
}

/* The dropdown lists a plain touchpoint, then the kinds in their order. */
static void
on_kind_selected (JmCaptureBar *self)
{
  const JmCardKindInfo *kind = jm_card_kind_lookup (jm_capture_bar_get_kind (self));

  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_PRIMARY,
                                     kind != NULL ? kind->icon : "list-add-symbolic");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
choose_kind (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JmCaptureBar *self = JM_CAPTURE_BAR (widget);
  guint n_kinds;
  int index = g_variant_get_int32 (parameter);

  jm_card_kinds (&n_kinds);
  if (index >= 0 && (guint) index <= n_kinds)
    gtk_drop_down_set_selected (self->kind_dropdown, (guint) index);
}

static void
close_bar (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  JmCaptureBar *self = JM_CAPTURE_BAR (widget);

  if (!jm_capture_bar_get_open (self))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_visible (widget, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
toggle_target (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JmCaptureBar *self = JM_CAPTURE_BAR (widget);

  jm_capture_bar_set_parking_lot (self, !jm_capture_bar_get_parking_lot (self));
}

/* Ctrl+Z in an empty entry undoes the last card rather than nothing, so
 * that the scribe takes back a card without leaving the bar; with text
 * typed, the entry undoes its own typing. */
static gboolean
forward_history (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  JmCaptureBar *self = JM_CAPTURE_BAR (user_data);
  const char *action = g_variant_get_string (args, NULL);

  if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0')
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
add_history_shortcuts (JmCaptureBar *self)
{
  static const struct {
    guint            keyval;
    GdkModifierType  modifiers;
    const char      *action;
  } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "win.redo" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Before the entry's own undo sees the keys. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                                                gtk_callback_action_new (forward_history, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].action));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
}

static void
jm_capture_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JM_TYPE_CAPTURE_BAR);
  G_OBJECT_CLASS (jm_capture_bar_parent_class)->dispose (object);
}

static void
jm_capture_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JmCaptureBar *self = JM_CAPTURE_BAR (object);

  switch (prop_id)
    {
    case PROP_PARKING_LOT:
      g_value_set_boolean (value, jm_capture_bar_get_parking_lot (self));
      break;
    case PROP_OPEN:
      g_value_set_boolean (value, jm_capture_bar_get_open (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, jm_capture_bar_get_kind (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_capture_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JmCaptureBar *self = JM_CAPTURE_BAR (object);

  switch (prop_id)
    {
    case PROP_PARKING_LOT:
      jm_capture_bar_set_parking_lot (self, g_value_get_boolean (value));
      break;
    case PROP_KIND:
      jm_capture_bar_set_kind (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_capture_bar_class_init (JmCaptureBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_capture_bar_dispose;
  object_class->get_property = jm_capture_bar_get_property;
  object_class->set_property = jm_capture_bar_set_property;

  /**
   * JmCaptureBar:parking-lot:
   *
   * Whether new cards go to the parking lot rather than the current cell.
   */
  properties[PROP_PARKING_LOT] =
    g_param_spec_boolean ("parking-lot", NULL, NULL, FALSE, G_PARAM_READWRITE | flags);
  /**
   * JmCaptureBar:open:
   *
   * Whether the bar shows.
   */
  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL, FALSE, G_PARAM_READABLE | flags);
  /**
   * JmCaptureBar:kind:
   *
   * The card template new cards are made from: a kind of jm_card_kinds(),
   * or "" for plain touchpoints.
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "", G_PARAM_READWRITE | flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmCaptureBar::captured:
   * @titles: the non-blank titles, stripped, in order
   * @parking_lot: whether they go to the parking lot
   * @kind: the cards' kind, "" for plain touchpoints
   *
   * Someone pressed Enter on a title or pasted several lines.
   */
  signals[CAPTURED] =
    g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRV, G_TYPE_BOOLEAN, G_TYPE_STRING);
  /**
   * JmCaptureBar::closed:
   *
   * The bar closed, so the focus can go back to the board.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "capture.close", NULL, close_bar);
  gtk_widget_class_install_action (widget_class, "capture.toggle-target", NULL, toggle_target);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "capture.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_ALT_MASK,
                                       "capture.toggle-target", NULL);
  gtk_widget_class_install_action (widget_class, "capture.kind", "i", choose_kind);
  for (int i = 0; i < 4; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "capture.kind", "i", i);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "capturebar");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-capture-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, JmCaptureBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, JmCaptureBar, entry);
  gtk_widget_class_bind_template_child (widget_class, JmCaptureBar, cell_button);
  gtk_widget_class_bind_template_child (widget_class, JmCaptureBar, lot_button);
  gtk_widget_class_bind_template_child (widget_class, JmCaptureBar, target_label);
  gtk_widget_class_bind_template_child (widget_class, JmCaptureBar, kind_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_target_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
}

static void
jm_capture_bar_init (JmCaptureBar *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const JmCardKindInfo *info;
  guint n_kinds;

  gtk_widget_init_template (GTK_WIDGET (self));
  info = jm_card_kinds (&n_kinds);
  gtk_string_list_append (kinds, _("Touchpoint"));
  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kinds, g_dgettext (GETTEXT_PACKAGE, info[i].label));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  add_history_shortcuts (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
jm_capture_bar_new (void)
{
  return g_object_new (JM_TYPE_CAPTURE_BAR, NULL);
}

/**
 * jm_capture_bar_open:
 *
 * Shows the bar, or keeps it, and puts the focus in its entry.
 */
void
jm_capture_bar_open (JmCaptureBar *self)
{
  gboolean was_open;

  g_return_if_fail (JM_IS_CAPTURE_BAR (self));

  was_open = jm_capture_bar_get_open (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  if (!was_open)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

gboolean
jm_capture_bar_get_open (JmCaptureBar *self)
{
  g_return_val_if_fail (JM_IS_CAPTURE_BAR (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}

gboolean
jm_capture_bar_get_parking_lot (JmCaptureBar *self)
{
  g_return_val_if_fail (JM_IS_CAPTURE_BAR (self), FALSE);
  return gtk_toggle_button_get_active (self->lot_button);
}

void
jm_capture_bar_set_parking_lot (JmCaptureBar *self,
                                gboolean      parking_lot)
{
  g_return_if_fail (JM_IS_CAPTURE_BAR (self));

  parking_lot = !!parking_lot;
  if (parking_lot == jm_capture_bar_get_parking_lot (self))
    return;
  /* The buttons are a group: activating one deactivates the other, and
   * the "toggled" of the lot button notifies. */
  gtk_toggle_button_set_active (parking_lot ? self->lot_button : self->cell_button, TRUE);
}

/**
 * jm_capture_bar_set_target_name:
 * @name: (nullable): the current cell, as "Stage · Lane"
 *
 * Names the current cell on its button, so that the scribe sees where
 * the next card lands.
 */
void
jm_capture_bar_set_target_name (JmCaptureBar *self,
                                const char   *name)
{
  g_return_if_fail (JM_IS_CAPTURE_BAR (self));
  gtk_label_set_label (self->target_label, name != NULL ? name : _("Current Cell"));
}

/**
 * jm_capture_bar_get_kind:
 *
 * Returns: the card template new cards are made from, "" for plain
 *   touchpoints
 */
const char *
jm_capture_bar_get_kind (JmCaptureBar *self)
{
  guint selected;
  guint n_kinds;
  const JmCardKindInfo *kinds;

  g_return_val_if_fail (JM_IS_CAPTURE_BAR (self), "");

  kinds = jm_card_kinds (&n_kinds);
  selected = gtk_drop_down_get_selected (self->kind_dropdown);
  return selected >= 1 && selected <= n_kinds ? kinds[selected - 1].id : "";
}

void
jm_capture_bar_set_kind (JmCaptureBar *self,
                         const char   *kind)
{
  guint n_kinds;
  const JmCardKindInfo *kinds;
  guint selected = 0;

  g_return_if_fail (JM_IS_CAPTURE_BAR (self));

  kinds = jm_card_kinds (&n_kinds);
  for (guint i = 0; kind != NULL && i < n_kinds; i++)
    if (g_strcmp0 (kinds[i].id, kind) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->kind_dropdown, selected);
}
