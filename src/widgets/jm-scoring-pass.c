/* jm-scoring-pass.c: scoring cards one by one, or several at once, from the keyboard
 *
 * In a workshop the room scores card after card while the facilitator
 * types: the pass shows one card's title large, with a row of large
 * buttons for each of the four measures (1 to 5) and one for the emotion
 * (-2 to +2). One row is the current one: a digit scores it and moves to
 * the next row, and on the emotion's row the digits 1 to 5 stand for -2
 * to +2 and move on to the next card, so that a card takes five keys.
 * Minus and plus change the emotion from any row; 0 clears the current
 * row; Enter or Page Down goes to the next card without scoring more,
 * Page Up back; Escape leaves.
 *
 * Each card's scores are one undo step (jm_edits_score_cards() under the
 * card's merge id). With several cards together, a value goes to all of
 * them at once, again one step. The pass keeps no copy of the scores: it
 * shows the map's, again after each change to it.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-scoring-pass"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-edits.h"
#include "jm-scoring-pass.h"

#define EMOTION_ROW JM_N_MEASURES
#define N_ROWS      (JM_N_MEASURES + 1)
#define N_VALUES    5

struct _JmScoringPass
{
  GtkWidget        parent_instance;

  JmMap           *map;
  JmCanvas        *canvas;    /* (nullable): the board that shows the card scored */
  GPtrArray       *cards;     /* (element-type JmTouchpoint) in journey order */
  guint            current;   /* one by one, the card scored now */
  gboolean         together;  /* the values go to every card at once */
  guint            row;       /* what a digit scores: a measure or the emotion */
  guint            merge_id;  /* the current card's step */
  gboolean         updating;

  GtkWidget       *row_labels[N_ROWS];
  GtkToggleButton *buttons[N_ROWS][N_VALUES];

  /* Template children */
  GtkGrid         *grid;
  GtkLabel        *position_label;
  GtkLabel        *title_label;
  GtkWidget       *together_button;
  GtkWidget       *previous_button;
  GtkWidget       *next_button;
};

G_DEFINE_FINAL_TYPE (JmScoringPass, jm_scoring_pass, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OPEN,
  PROP_CURRENT,
  PROP_TOGETHER,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update (JmScoringPass *self);

static const char *
row_property (guint row)
{
  return row == EMOTION_ROW ? "emotion" : jm_touchpoint_rating_property (row);
}

static int
row_value_of (guint row,
              guint button)
{
  return row == EMOTION_ROW ? JM_EMOTION_MIN + (int) button : JM_RATING_MIN + (int) button;
}

static int
row_unset (guint row)
{
  return row == EMOTION_ROW ? JM_EMOTION_UNSET : JM_RATING_UNSET;
}

static int
card_value (JmTouchpoint *card,
            guint         row)
{
  return row == EMOTION_ROW ? jm_touchpoint_get_emotion (card) : jm_touchpoint_get_rating (card, row);
}

/* The cards a value goes to: the current one, or all of them together. */
static GPtrArray *
scored_cards (JmScoringPass *self)
{
  GPtrArray *cards = g_ptr_array_new ();

  if (self->cards == NULL || self->cards->len == 0)
    return cards;
  if (self->together)
    for (guint i = 0; i < self->cards->len; i++)
      g_ptr_array_add (cards, g_ptr_array_index (self->cards, i));
  else
    g_ptr_array_add (cards, g_ptr_array_index (self->cards, self->current));
  return cards;
}

/* The value the scored cards share on @row, or the row's unset value. */
static int
shared_value (JmScoringPass *self,
              guint          row)
{
  g_autoptr(GPtrArray) cards = scored_cards (self);
  int value;

  if (cards->len == 0)
    return row_unset (row);
  value = card_value (g_ptr_array_index (cards, 0), row);
  for (guint i = 1; i < cards->len; i++)
    if (card_value (g_ptr_array_index (cards, i), row) != value)
      return row_unset (row);
  return value;
}

static void
set_value (JmScoringPass *self,
           guint          row,
           int            value)
{
  g_autoptr(GPtrArray) cards = scored_cards (self);

  if (self->map == NULL || cards->len == 0)
    return;
  jm_edits_score_cards (self->map, cards, row_property (row), value, &self->merge_id);
}

static void
set_row (JmScoringPass *self,
         guint          row)
{
  self->row = MIN (row, N_ROWS - 1);
  update (self);
}

static void
go_to (JmScoringPass *self,
       int            delta)
{
  int target;

  if (self->cards == NULL || self->cards->len == 0 || self->together)
    return;
  target = CLAMP ((int) self->current + delta, 0, (int) self->cards->len - 1);
  /* Each card is scored in its own step, from its first measure. */
  self->row = 0;
  self->merge_id = 0;
  if ((guint) target != self->current)
    {
      self->current = (guint) target;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
  update (self);
}

/* A value given for @row, by a key or a button: the next row is the
 * current one, and after the emotion the next card. */
static void
score_and_advance (JmScoringPass *self,
                   guint          row,
                   int            value)
{
  set_value (self, row, value);
  if (row + 1 < N_ROWS)
    set_row (self, row + 1);
  else if (!self->together && self->current + 1 < self->cards->len)
    go_to (self, 1);
  else
    set_row (self, 0);
}

static void
nudge_emotion (JmScoringPass *self,
               int            delta)
{
  int emotion = shared_value (self, EMOTION_ROW);

  if (emotion == JM_EMOTION_UNSET)
    emotion = 0;
  set_value (self, EMOTION_ROW, CLAMP (emotion + delta, JM_EMOTION_MIN, JM_EMOTION_MAX));
}

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_0);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_0);
  return -1;
}

static gboolean
on_key_pressed (JmScoringPass   *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  int digit = digit_of (keyval);

  /* Ctrl+S, Ctrl+Z and the like stay the window's. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (digit >= 1 && digit <= N_VALUES)
    {
      score_and_advance (self, self->row, row_value_of (self->row, (guint) digit - 1));
      return TRUE;
    }
  switch (keyval)
    {
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
      score_and_advance (self, self->row, row_unset (self->row));
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      nudge_emotion (self, -1);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      nudge_emotion (self, 1);
      return TRUE;
    case GDK_KEY_Up:
      set_row (self, self->row > 0 ? self->row - 1 : 0);
      return TRUE;
    case GDK_KEY_Down:
      set_row (self, self->row + 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      go_to (self, (state & GDK_SHIFT_MASK) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Page_Down:
      go_to (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
      go_to (self, -1);
      return TRUE;
    case GDK_KEY_a:
      if (gtk_widget_get_visible (self->together_button))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->together_button), !self->together);
      return gtk_widget_get_visible (self->together_button);
    case GDK_KEY_Escape:
      jm_scoring_pass_close (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_value_clicked (JmScoringPass   *self,
                  GtkToggleButton *button)
{
  for (guint r = 0; r < N_ROWS; r++)
    for (guint v = 0; v < N_VALUES; v++)
      if (self->buttons[r][v] == button)
        {
          /* A second click on the value shown clears it. */
          if (shared_value (self, r) == row_value_of (r, v))
            {
              set_value (self, r, row_unset (r));
              set_row (self, r);
            }
          else
            score_and_advance (self, r, row_value_of (r, v));
        }
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_previous_clicked (JmScoringPass *self)
{
  go_to (self, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_next_clicked (JmScoringPass *self)
{
  go_to (self, 1);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_together_toggled (JmScoringPass *self)
{
  gboolean together = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->together_button));

  if (self->updating || together == self->together)
    return;
  self->together = together;
  self->merge_id = 0;
  self->row = 0;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOGETHER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_close_clicked (JmScoringPass *self)
{
  jm_scoring_pass_close (self);
}

static char *
describe_place (JmScoringPass *self,
                JmTouchpoint  *card)
{
  JmStage *stage = jm_map_lookup_stage (self->map, jm_touchpoint_get_stage_id (card));
  JmPersona *persona = jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (card));

  /* Translators: where a card is: its stage, then its lane. */
  return g_strdup_printf (_("%s · %s"), stage != NULL ? jm_stage_get_name (stage) : "",
                          persona != NULL ? jm_persona_get_name (persona) : "");
}

static void
update_heading (JmScoringPass *self)
{
  g_autofree char *position = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  guint n = self->cards != NULL ? self->cards->len : 0;

  if (n == 0)
    return;
  if (self->together)
    {
      /* Translators: several cards get the same scores at once. */
      position = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card at once", "%u cards at once", n), n);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (title, "%s%s", i > 0 ? _(", ") : "",
                                jm_touchpoint_get_title (g_ptr_array_index (self->cards, i)));
    }
  else
    {
      JmTouchpoint *card = g_ptr_array_index (self->cards, self->current);
      g_autofree char *place = describe_place (self, card);

      /* Translators: "Card 3 of 15 · Stage · Lane" */
      position = g_strdup_printf (_("Card %u of %u · %s"), self->current + 1, n, place);
      g_string_append (title, jm_touchpoint_get_title (card));
    }
  gtk_label_set_text (self->position_label, position);
  gtk_label_set_text (self->title_label, title->str);
  gtk_widget_set_sensitive (self->previous_button, !self->together && self->current > 0);
  gtk_widget_set_sensitive (self->next_button, !self->together && self->current + 1 < n);
}

static void
update (JmScoringPass *self)
{
  if (self->cards == NULL || self->cards->len == 0)
    return;
  self->updating = TRUE;
  update_heading (self);
  for (guint r = 0; r < N_ROWS; r++)
    {
      int value = shared_value (self, r);

      if (r == self->row)
        gtk_widget_add_css_class (self->row_labels[r], "jm-scoring-current");
      else
        gtk_widget_remove_css_class (self->row_labels[r], "jm-scoring-current");
      for (guint v = 0; v < N_VALUES; v++)
        gtk_toggle_button_set_active (self->buttons[r][v], value == row_value_of (r, v));
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->together_button), self->together);
  self->updating = FALSE;
}

/* A change to the map, an undo say: cards that left it leave the pass. */
static void
on_history_changed (JmScoringPass *self)
{
  JmTouchpoint *current;
  gboolean current_left;

  if (self->cards == NULL)
    return;
  current = self->cards->len > 0 ? g_ptr_array_index (self->cards, self->current) : NULL;
  current_left = current != NULL &&
                 jm_map_lookup_touchpoint (self->map, jm_touchpoint_get_id (current)) != current;
  for (guint i = self->cards->len; i > 0; i--)
    {
      JmTouchpoint *card = g_ptr_array_index (self->cards, i - 1);

      if (jm_map_lookup_touchpoint (self->map, jm_touchpoint_get_id (card)) != card)
        {
          g_ptr_array_remove_index (self->cards, i - 1);
          if (i - 1 < self->current)
            self->current--;
        }
    }
  if (self->cards->len == 0)
    {
      jm_scoring_pass_close (self);
      return;
    }
  self->current = MIN (self->current, self->cards->len - 1);
  if (current_left)
    {
      self->merge_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
  update (self);
}

static void
build_rows (JmScoringPass *self)
{
  for (guint r = 0; r < N_ROWS; r++)
    {
      const char *name = r == EMOTION_ROW ? _("Emotion") : jm_measure_get_label (r);
      GtkWidget *label = gtk_label_new (name);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "jm-scoring-row");
      gtk_grid_attach (self->grid, label, 0, (int) r, 1, 1);
      self->row_labels[r] = label;
      for (guint v = 0; v < N_VALUES; v++)
        {
          int value = row_value_of (r, v);
          /* The emotion's sign, a true minus, tells it from a rating. */
          g_autofree char *text = r != EMOTION_ROW ? g_strdup_printf ("%d", value)
                                  : value < 0      ? g_strdup_printf ("−%d", -value)
                                  : value > 0      ? g_strdup_printf ("+%d", value)
                                                   : g_strdup ("0");
          g_autofree char *tip = NULL;
          GtkWidget *button = gtk_toggle_button_new_with_label (text);

          if (r == EMOTION_ROW)
            /* Translators: an emotion's name, then the key that gives it on the emotion's row */
            tip = g_strdup_printf (_("%s (%u)"), jm_emotion_get_label (value), v + 1);
          else
            /* Translators: a measure's name and a rating, such as "Convenience: 4" */
            tip = g_strdup_printf (_("%s: %d"), name, value);
          gtk_widget_set_tooltip_text (button, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          r == EMOTION_ROW ? jm_emotion_get_label (value) : tip, -1);
          gtk_widget_set_focus_on_click (button, FALSE);
          gtk_widget_add_css_class (button, "jm-scoring-value");
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_value_clicked), self,
                                   G_CONNECT_SWAPPED);
          gtk_grid_attach (self->grid, button, 1 + (int) v, (int) r, 1, 1);
          self->buttons[r][v] = GTK_TOGGLE_BUTTON (button);
        }
    }
}

static void
jm_scoring_pass_dispose (GObject *object)
{
  JmScoringPass *self = JM_SCORING_PASS (object);
  GtkWidget *child;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_clear_object (&self->map);
  g_clear_weak_pointer (&self->canvas);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), JM_TYPE_SCORING_PASS);
  /* The template's outer box has no name for the template to let go of. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jm_scoring_pass_parent_class)->dispose (object);
}

static void
jm_scoring_pass_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JmScoringPass *self = JM_SCORING_PASS (object);

  switch (prop_id)
    {
    case PROP_OPEN:
      g_value_set_boolean (value, jm_scoring_pass_get_open (self));
      break;
    case PROP_CURRENT:
      g_value_set_object (value, jm_scoring_pass_get_current (self));
      break;
    case PROP_TOGETHER:
      g_value_set_boolean (value, self->together);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_scoring_pass_class_init (JmScoringPassClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_scoring_pass_dispose;
  object_class->get_property = jm_scoring_pass_get_property;

  /**
   * JmScoringPass:open:
   *
   * Whether the pass shows.
   */
  properties[PROP_OPEN] = g_param_spec_boolean ("open", NULL, NULL, FALSE, flags);
  /**
   * JmScoringPass:current:
   *
   * The card scored now, one by one; %NULL while several are scored at
   * once or the pass is closed.
   */
  properties[PROP_CURRENT] = g_param_spec_object ("current", NULL, NULL, JM_TYPE_TOUCHPOINT, flags);
  /**
   * JmScoringPass:together:
   *
   * Whether a value goes to every card of the pass at once.
   */
  properties[PROP_TOGETHER] = g_param_spec_boolean ("together", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmScoringPass::closed:
   *
   * The pass closed, so the focus can go back to the board.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scoringpass");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-scoring-pass.ui");
  gtk_widget_class_bind_template_child (widget_class, JmScoringPass, grid);
  gtk_widget_class_bind_template_child (widget_class, JmScoringPass, position_label);
  gtk_widget_class_bind_template_child (widget_class, JmScoringPass, title_label);
  gtk_widget_class_bind_template_child (widget_class, JmScoringPass, together_button);
  gtk_widget_class_bind_template_child (widget_class, JmScoringPass, previous_button);
  gtk_widget_class_bind_template_child (widget_class, JmScoringPass, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_together_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
}

/* The board shows the card being scored. */
static void
on_current_notify (JmScoringPass *self)
{
  JmTouchpoint *card = jm_scoring_pass_get_current (self);

  if (card != NULL && self->canvas != NULL)
    jm_canvas_set_selected_object (self->canvas, card);
}

static void
jm_scoring_pass_init (JmScoringPass *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
  /* The digits and Enter score before a focused button sees them. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::current", G_CALLBACK (on_current_notify), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scoring pass"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
jm_scoring_pass_new (void)
{
  return g_object_new (JM_TYPE_SCORING_PASS, NULL);
}

/**
 * jm_scoring_pass_open:
 * @map: the cards' map
 * @cards: (element-type JmTouchpoint): the cards to score, in the order
 *   the pass walks them
 * @first: the card to start with
 * @together: whether a value goes to all of @cards at once
 *
 * Shows the pass on @cards, or on new cards if it was open, and gives it
 * the keys.
 */
void
jm_scoring_pass_open (JmScoringPass *self,
                      JmMap         *map,
                      GPtrArray     *cards,
                      guint          first,
                      gboolean       together)
{
  gboolean was_open;

  g_return_if_fail (JM_IS_SCORING_PASS (self));
  g_return_if_fail (JM_IS_MAP (map));
  g_return_if_fail (cards != NULL);

  if (cards->len == 0)
    return;
  was_open = jm_scoring_pass_get_open (self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_set_object (&self->map, map);
  g_signal_connect_object (jm_map_get_history (map), "changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (self->cards, g_object_ref (g_ptr_array_index (cards, i)));
  self->current = MIN (first, cards->len - 1);
  self->together = together && cards->len > 1;
  self->row = 0;
  self->merge_id = 0;
  /* Scoring together is for cards chosen together, not for all of them. */
  gtk_widget_set_visible (self->together_button, self->together);
  update (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOGETHER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (!was_open)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

/**
 * jm_scoring_pass_open_on_board:
 * @canvas: the board, with its map
 *
 * Opens the pass on what the board has selected: several cards are
 * scored at once; otherwise every card in journey order, from the
 * selected one. The board then shows the card being scored.
 */
void
jm_scoring_pass_open_on_board (JmScoringPass *self,
                               JmCanvas      *canvas)
{
  JmMap *map;
  g_autoptr(GPtrArray) selection = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gboolean together;
  guint first = 0;

  g_return_if_fail (JM_IS_SCORING_PASS (self));
  g_return_if_fail (JM_IS_CANVAS (canvas));

  map = jm_canvas_get_map (canvas);
  if (map == NULL)
    return;
  g_set_weak_pointer (&self->canvas, canvas);
  selection = jm_canvas_get_selection (canvas);
  together = selection->len > 1;
  cards = jm_edits_journey_order (map, together ? selection : NULL);
  if (selection->len == 1)
    g_ptr_array_find (cards, g_ptr_array_index (selection, 0), &first);
  jm_scoring_pass_open (self, map, cards, first, together);
}

/**
 * jm_scoring_pass_close:
 *
 * Hides the pass and lets go of its map.
 */
void
jm_scoring_pass_close (JmScoringPass *self)
{
  g_return_if_fail (JM_IS_SCORING_PASS (self));

  if (!jm_scoring_pass_get_open (self))
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  g_signal_emit (self, signals[CLOSED], 0);
}

gboolean
jm_scoring_pass_get_open (JmScoringPass *self)
{
  g_return_val_if_fail (JM_IS_SCORING_PASS (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}

gboolean
jm_scoring_pass_get_together (JmScoringPass *self)
{
  g_return_val_if_fail (JM_IS_SCORING_PASS (self), FALSE);
  return self->together;
}

/**
 * jm_scoring_pass_get_current:
 *
 * Returns: (transfer none) (nullable): the card scored now, one by one
 */
JmTouchpoint *
jm_scoring_pass_get_current (JmScoringPass *self)
{
  g_return_val_if_fail (JM_IS_SCORING_PASS (self), NULL);

  if (self->cards == NULL || self->cards->len == 0 || self->together)
    return NULL;
  return g_ptr_array_index (self->cards, self->current);
}
