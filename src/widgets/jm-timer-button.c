/* jm-timer-button.c: the workshop timer in the header bar
 *
 * The button shows the time left of the document's timer; its popover
 * sets the minutes, starts, pauses, adds a minute and resets, and lists
 * the agenda, whose steps start with a click. The end is plain to see but
 * quiet: the time left turns the accent colour and blinks a few times, a
 * toast says so, and a sound plays only when the desktop's event sounds
 * are on. The agenda is edited in a small window of its own.
 *
 * The button keeps no state of the countdown: it shows the JmTimer, which
 * the document owns, so that present mode can show the same one.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-timer-button"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jm-timer-button.h"

#define DEFAULT_MINUTES 10

struct _JmTimerButton
{
  GtkWidget      parent_instance;

  JmTimer       *timer;
  gboolean       updating;
  GtkWidget     *agenda_window;   /* weak */

  /* Template children */
  GtkMenuButton *menu_button;
  GtkPopover    *popover;
  GtkLabel      *label;
  GtkLabel      *big_label;
  GtkLabel      *step_label;
  GtkSpinButton *minutes_spin;
  GtkButton     *start_button;
  GtkWidget     *add_button;
  GtkWidget     *reset_button;
  GtkListBox    *agenda_list;
};

G_DEFINE_FINAL_TYPE (JmTimerButton, jm_timer_button, GTK_TYPE_WIDGET)

static gboolean
has_next_step (JmTimer *timer)
{
  int step = jm_timer_get_step (timer);

  return step >= 0 && (guint) step + 1 < jm_timer_get_n_steps (timer);
}

static char *
describe_step (JmTimer *timer)
{
  int step = jm_timer_get_step (timer);
  guint n = jm_timer_get_n_steps (timer);

  if (jm_timer_get_finished (timer) && has_next_step (timer))
    /* Translators: the agenda's next step, when the time of one is up */
    return g_strdup_printf (_("Time is up. Next: %s"), jm_timer_get_step_title (timer, (guint) step + 1));
  if (jm_timer_get_finished (timer))
    return g_strdup (_("Time is up"));
  if (step >= 0)
    /* Translators: "Step 2 of 3: Vote" */
    return g_strdup_printf (_("Step %d of %u: %s"), step + 1, n, jm_timer_get_step_title (timer, (guint) step));
  return NULL;
}

static void
update (JmTimerButton *self)
{
  JmTimer *timer = self->timer;
  g_autofree char *text = NULL;
  g_autofree char *step = NULL;
  gboolean running, finished, idle;
  guint duration;

  if (timer == NULL)
    return;
  running = jm_timer_get_running (timer);
  finished = jm_timer_get_finished (timer);
  duration = jm_timer_get_duration (timer);
  idle = !running && !finished && jm_timer_get_remaining (timer) == duration;
  text = jm_timer_format (jm_timer_get_remaining (timer));
  step = describe_step (timer);

  self->updating = TRUE;
  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->label), duration > 0 && !idle);
  gtk_label_set_text (self->big_label, duration > 0 ? text : "0:00");
  gtk_label_set_text (self->step_label, step != NULL ? step : "");
  gtk_widget_set_visible (GTK_WIDGET (self->step_label), step != NULL);
  gtk_button_set_label (self->start_button, running ? _("_Pause")
                                            : finished && has_next_step (timer) ? _("_Next Step")
                                            : _("_Start"));
  gtk_widget_set_sensitive (self->reset_button, !idle);
  gtk_widget_set_sensitive (self->add_button, duration > 0);
  if (duration > 0 && duration % 60 == 0 && jm_timer_get_step (timer) < 0)
    gtk_spin_button_set_value (self->minutes_spin, duration / 60);
  if (finished)
    gtk_widget_add_css_class (GTK_WIDGET (self), "jm-timer-finished");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "jm-timer-finished");
  if (running)
    gtk_widget_add_css_class (GTK_WIDGET (self), "jm-timer-running");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "jm-timer-running");
  self->updating = FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  duration > 0 ? text : "", -1);
}

static void
update_agenda (JmTimerButton *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list))) != NULL)
    gtk_list_box_remove (self->agenda_list, child);
  n = self->timer != NULL ? jm_timer_get_n_steps (self->timer) : 0;
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *title = gtk_label_new (jm_timer_get_step_title (self->timer, i));
      /* Translators: an agenda step's length */
      g_autofree char *length = g_strdup_printf (_("%u min"), jm_timer_get_step_minutes (self->timer, i));
      GtkWidget *minutes = gtk_label_new (length);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (minutes, "dim-label");
      gtk_widget_add_css_class (minutes, "numeric");
      if ((int) i == jm_timer_get_step (self->timer))
        gtk_widget_add_css_class (title, "heading");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), minutes);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_append (self->agenda_list, box);
      gtk_widget_set_tooltip_text (gtk_widget_get_parent (box), _("Start this step"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->agenda_list), n > 0);
}

static void
on_step_changed (JmTimerButton *self)
{
  update_agenda (self);
  update (self);
}

/* The desktop's own setting for event sounds; when it cannot be read,
 * the end stays silent. */
static gboolean
event_sounds_on (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.sound", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "event-sounds"))
    return FALSE;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, "event-sounds");
}

static void
on_timer_finished (JmTimerButton *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  int step = jm_timer_get_step (self->timer);
  g_autofree char *title = NULL;

  if (step >= 0)
    /* Translators: %s is the agenda step whose time is up */
    title = g_strdup_printf (_("Time is up: %s"), jm_timer_get_step_title (self->timer, (guint) step));
  else
    title = g_strdup (_("Time is up"));
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
#if GTK_CHECK_VERSION (4, 14, 0)
  gtk_accessible_announce (GTK_ACCESSIBLE (self), title, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH);
#endif
  if (event_sounds_on ())
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_start_clicked (JmTimerButton *self)
{
  JmTimer *timer = self->timer;

  if (timer == NULL)
    return;
  if (jm_timer_get_running (timer))
    {
      jm_timer_pause (timer);
      return;
    }
  if (jm_timer_get_duration (timer) == 0 ||
      (jm_timer_get_step (timer) < 0 && !jm_timer_get_finished (timer) &&
       jm_timer_get_remaining (timer) == jm_timer_get_duration (timer)))
    jm_timer_set_duration (timer, (guint) gtk_spin_button_get_value_as_int (self->minutes_spin) * 60);
  jm_timer_start (timer);
}

static void
on_add_clicked (JmTimerButton *self)
{
  if (self->timer != NULL)
    jm_timer_add_minute (self->timer);
}

static void
on_reset_clicked (JmTimerButton *self)
{
  if (self->timer != NULL)
    jm_timer_reset (self->timer);
}

/* Minutes typed while the timer stands set its length; while it runs,
 * they wait for the next start. (The entry stays sensitive: taking that
 * away while it has the focus leaves its text without a focus-out.) */
static void
on_minutes_changed (JmTimerButton *self)
{
  if (self->updating || self->timer == NULL || jm_timer_get_running (self->timer))
    return;
  jm_timer_set_duration (self->timer, (guint) gtk_spin_button_get_value_as_int (self->minutes_spin) * 60);
}

static void
on_agenda_row_activated (JmTimerButton *self,
                         GtkListBoxRow *row)
{
  if (self->timer != NULL)
    jm_timer_start_step (self->timer, (guint) gtk_list_box_row_get_index (row));
}

static void
on_edit_agenda_clicked (JmTimerButton *self)
{
  gtk_popover_popdown (self->popover);
  jm_timer_button_edit_agenda (self);
}

/* The agenda window: one row per step, a title and its minutes. */

static void
agenda_apply (GtkListBox *list)
{
  JmTimer *timer = g_object_get_data (G_OBJECT (list), "timer");
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = g_object_get_data (G_OBJECT (row), "title");
      GtkWidget *spin = g_object_get_data (G_OBJECT (row), "minutes");
      g_autofree char *title = NULL;
      guint value;

      if (entry == NULL)
        continue;
      title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
      if (*title == '\0')
        continue;
      value = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
      g_strv_builder_add (titles, title);
      g_array_append_val (minutes, value);
    }
  strv = g_strv_builder_end (titles);
  jm_timer_set_agenda (timer, (const char * const *) strv, (const guint *) minutes->data);
}

static GtkWidget *agenda_add_row (GtkListBox *list, const char *title, guint minutes);

static void
on_agenda_entry_activate (GtkEntry *entry)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_LIST_BOX_ROW);
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (row));
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  /* Enter goes on to the next step, a new one after the last. */
  if (next == NULL)
    next = agenda_add_row (list, "", DEFAULT_MINUTES);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (next), "title"));
}

static void
on_agenda_remove_clicked (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (row));

  gtk_list_box_remove (list, row);
  agenda_apply (list);
}

static GtkWidget *
agenda_add_row (GtkListBox *list,
                const char *title,
                guint       minutes)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 480, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *row;

  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What the room does"));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Step"), -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), minutes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minutes"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove Step"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Step"), -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (agenda_apply), list);
  g_signal_connect (entry, "activate", G_CALLBACK (on_agenda_entry_activate), NULL);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (agenda_apply), list);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_agenda_remove_clicked), NULL);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_append (list, box);
  row = gtk_widget_get_parent (box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "title", entry);
  g_object_set_data (G_OBJECT (row), "minutes", spin);
  return row;
}

static void
on_agenda_add_clicked (GtkListBox *list)
{
  GtkWidget *row = agenda_add_row (list, "", DEFAULT_MINUTES);

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "title"));
}

static GtkWidget *
build_agenda_window (JmTimerButton *self)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Timed steps for the workshop. When a step’s time is up, "
                                      "Next Step in the timer starts the next one."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Step"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *first = NULL;

  gtk_window_set_title (GTK_WINDOW (window), _("Agenda"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 440, 420);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda"), -1);
  g_object_set_data_full (G_OBJECT (list), "timer", g_object_ref (self->timer), g_object_unref);
  for (guint i = 0; i < jm_timer_get_n_steps (self->timer); i++)
    {
      GtkWidget *row = agenda_add_row (GTK_LIST_BOX (list), jm_timer_get_step_title (self->timer, i),
                                       jm_timer_get_step_minutes (self->timer, i));

      if (first == NULL)
        first = row;
    }
  if (first == NULL)
    first = agenda_add_row (GTK_LIST_BOX (list), "", DEFAULT_MINUTES);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_agenda_add_clicked), list);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), list);
  gtk_box_append (GTK_BOX (content), add);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  gtk_window_set_focus (GTK_WINDOW (window), g_object_get_data (G_OBJECT (first), "title"));
  return window;
}

/**
 * jm_timer_button_edit_agenda:
 *
 * Opens the window that edits the timer's agenda; each change counts at
 * once.
 */
void
jm_timer_button_edit_agenda (JmTimerButton *self)
{
  g_return_if_fail (JM_IS_TIMER_BUTTON (self));

  if (self->timer == NULL)
    return;
  if (self->agenda_window == NULL)
    {
      self->agenda_window = build_agenda_window (self);
      g_object_add_weak_pointer (G_OBJECT (self->agenda_window), (gpointer *) &self->agenda_window);
    }
  gtk_window_present (GTK_WINDOW (self->agenda_window));
}

static void
disconnect_timer (JmTimerButton *self)
{
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_clear_object (&self->timer);
}

static void
jm_timer_button_dispose (GObject *object)
{
  JmTimerButton *self = JM_TIMER_BUTTON (object);

  disconnect_timer (self);
  if (self->agenda_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->agenda_window));
  gtk_widget_dispose_template (GTK_WIDGET (object), JM_TYPE_TIMER_BUTTON);
  G_OBJECT_CLASS (jm_timer_button_parent_class)->dispose (object);
}

static void
jm_timer_button_class_init (JmTimerButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_timer_button_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timerbutton");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-timer-button.ui");
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, popover);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, label);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, big_label);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, step_label);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, start_button);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, reset_button);
  gtk_widget_class_bind_template_child (widget_class, JmTimerButton, agenda_list);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_minutes_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_agenda_clicked);
}

static void
jm_timer_button_init (JmTimerButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_button_set_use_underline (self->start_button, TRUE);
  /* Enter in the minutes starts the countdown (GTK 4.8's spin button has
   * no "activate" of its own). */
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->minutes_spin)), "activate",
                           G_CALLBACK (on_start_clicked), self, G_CONNECT_SWAPPED);
}

GtkWidget *
jm_timer_button_new (void)
{
  return g_object_new (JM_TYPE_TIMER_BUTTON, NULL);
}

/**
 * jm_timer_button_get_timer:
 *
 * Returns: (transfer none) (nullable): the timer shown
 */
JmTimer *
jm_timer_button_get_timer (JmTimerButton *self)
{
  g_return_val_if_fail (JM_IS_TIMER_BUTTON (self), NULL);
  return self->timer;
}

/**
 * jm_timer_button_set_timer:
 * @timer: (nullable): the timer to show and drive, a document's
 */
void
jm_timer_button_set_timer (JmTimerButton *self,
                           JmTimer       *timer)
{
  g_return_if_fail (JM_IS_TIMER_BUTTON (self));
  g_return_if_fail (timer == NULL || JM_IS_TIMER (timer));

  if (timer == self->timer)
    return;
  disconnect_timer (self);
  if (self->agenda_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->agenda_window));
  if (timer == NULL)
    return;
  self->timer = g_object_ref (timer);
  g_signal_connect_object (timer, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (timer, "notify::step", G_CALLBACK (on_step_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (timer, "agenda-changed", G_CALLBACK (on_step_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (timer, "finished", G_CALLBACK (on_timer_finished), self, G_CONNECT_SWAPPED);
  update_agenda (self);
  update (self);
}
