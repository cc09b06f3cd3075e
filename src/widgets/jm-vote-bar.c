/* jm-vote-bar.c: the open round of dot voting, above the board
 *
 * While a round is open the bar shows its question, who is voting at the
 * keyboard and how many dots they have left, and closes the round. The
 * facilitator, or each voter in turn, types a name once, then D places a
 * dot on the board's selected card and Shift+D takes one back (the board
 * page binds the keys and hands the card here): each dot one undo step,
 * the round's limits kept by JmVotes, and a refusal said in the bar. In
 * an anonymous round the name typed is kept as a token, never written.
 *
 * The bar also asks for a new round's question and dots, and installs the
 * voting actions in the board page's group (board.start-voting,
 * board.close-round, board.add-dot, board.remove-dot), enabled while they
 * can act, with D and Shift+D on the board: the page only places the bar.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-vote-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "jm-app-resources.h"
#include "jm-canvas.h"
#include "jm-vote-bar.h"
#include "jm-votes.h"

struct _JmVoteBar
{
  GtkWidget  parent_instance;

  JmMap      *map;
  GActionMap *actions;   /* the board page's, holding the bar's actions */
  GtkWidget  *board;     /* the canvas, a sibling in the page */
  GtkLabel  *question_label;
  GtkLabel  *message_label;
  GtkEntry  *voter_entry;
  GtkLabel  *remaining_label;
};

G_DEFINE_FINAL_TYPE (JmVoteBar, jm_vote_bar, GTK_TYPE_WIDGET)

static void
show_message (JmVoteBar  *self,
              const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The name typed, as the round keeps it. */
static char *
voter_key (JmVoteBar   *self,
           JmVoteRound *round)
{
  g_autofree char *name = g_strstrip (g_strdup (jm_vote_bar_get_voter (self)));

  if (*name == '\0')
    return NULL;
  return jm_votes_voter_token (round, name);
}

static void
set_enabled (JmVoteBar  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = self->actions != NULL ? g_action_map_lookup_action (self->actions, name) : NULL;

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update (JmVoteBar *self)
{
  JmVoteRound *round = self->map != NULL ? jm_votes_get_open_round (jm_map_get_votes (self->map)) : NULL;
  g_autofree char *voter = NULL;
  g_autofree char *remaining = NULL;
  int dots, left;

  set_enabled (self, "start-voting", self->map != NULL);
  set_enabled (self, "close-round", round != NULL);
  set_enabled (self, "add-dot", round != NULL);
  set_enabled (self, "remove-dot", round != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), round != NULL);
  if (round == NULL)
    {
      show_message (self, NULL);
      return;
    }
  gtk_label_set_text (self->question_label,
                      *jm_vote_round_get_question (round) != '\0'
                        ? jm_vote_round_get_question (round) : _("Voting"));
  dots = jm_vote_round_get_dots (round);
  voter = voter_key (self, round);
  left = voter != NULL ? jm_votes_get_remaining (jm_map_get_votes (self->map), round, voter) : dots;
  /* Translators: the dots the voter at the keyboard may still place, of the round's. */
  remaining = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d dot left", "%d of %d dots left", dots),
                               left, dots);
  gtk_label_set_text (self->remaining_label, remaining);
}

static void
on_voter_changed (JmVoteBar *self)
{
  show_message (self, NULL);
  update (self);
}

/* Enter: back to the board, to place the dots. */
static void
on_voter_activate (JmVoteBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "board.focus-board", NULL);
}

static void
on_votes_changed (JmVoteBar *self)
{
  update (self);
}

void
jm_vote_bar_set_map (JmVoteBar *self,
                     JmMap     *map)
{
  g_return_if_fail (JM_IS_VOTE_BAR (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (jm_map_get_votes (self->map), on_votes_changed, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_swapped (jm_map_get_votes (map), "changed", G_CALLBACK (on_votes_changed), self);
  show_message (self, NULL);
  update (self);
}

const char *
jm_vote_bar_get_voter (JmVoteBar *self)
{
  g_return_val_if_fail (JM_IS_VOTE_BAR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->voter_entry));
}

void
jm_vote_bar_set_voter (JmVoteBar  *self,
                       const char *voter)
{
  g_return_if_fail (JM_IS_VOTE_BAR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->voter_entry), voter != NULL ? voter : "");
}

/**
 * jm_vote_bar_place_dot:
 * @touchpoint: (nullable): the card selected on the board
 * @take_back: whether to take a dot back rather than place one
 *
 * Places (or takes back) one dot of the voter typed in the bar, in the
 * open round. What stops it is said in the bar.
 *
 * Returns: %TRUE if the dot was placed or taken back
 */
gboolean
jm_vote_bar_place_dot (JmVoteBar    *self,
                       JmTouchpoint *touchpoint,
                       gboolean      take_back)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *voter = NULL;
  JmVoteRound *round;
  JmVotes *votes;
  gboolean done;

  g_return_val_if_fail (JM_IS_VOTE_BAR (self), FALSE);

  if (self->map == NULL)
    return FALSE;
  votes = jm_map_get_votes (self->map);
  round = jm_votes_get_open_round (votes);
  if (round == NULL)
    return FALSE;
  if (touchpoint == NULL)
    {
      show_message (self, _("Select a card to vote for"));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  voter = voter_key (self, round);
  if (voter == NULL)
    {
      show_message (self, _("Type the voter’s name first"));
      gtk_widget_error_bell (GTK_WIDGET (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->voter_entry));
      return FALSE;
    }
  if (take_back)
    done = jm_votes_remove_dot (votes, jm_vote_round_get_id (round), jm_touchpoint_get_id (touchpoint),
                                voter, &error);
  else
    done = jm_votes_add_dot (votes, jm_vote_round_get_id (round), jm_touchpoint_get_id (touchpoint),
                             voter, &error);
  if (!done)
    {
      /* The model names the voter it was given: in an anonymous round,
       * a token; the bar says it with the name typed. */
      if (g_error_matches (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOTS_LEFT))
        {
          g_autofree char *message = g_strdup_printf (_("%s has no dots left"), jm_vote_bar_get_voter (self));

          show_message (self, message);
        }
      else if (g_error_matches (error, JM_VOTES_ERROR, JM_VOTES_ERROR_NO_DOT))
        {
          g_autofree char *message = g_strdup_printf (_("%s has no dot on this card"), jm_vote_bar_get_voter (self));

          show_message (self, message);
        }
      else
        show_message (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  show_message (self, NULL);
  return TRUE;
}

typedef struct
{
  JmVoteBar      *bar;
  GtkEditable    *question;
  GtkSpinButton  *dots;
  GtkCheckButton *anonymous;
  gboolean        answered;
} StartDialog;

static void
start_dialog_free (gpointer  data,
                   GClosure *closure)
{
  StartDialog *start = data;

  g_object_unref (start->bar);
  g_free (start);
}

static void
on_start_response (AdwMessageDialog *dialog,
                   const char       *response,
                   StartDialog      *start)
{
  JmVoteBar *self = start->bar;

  /* Closing after an answer gives the close response too. */
  if (start->answered)
    return;
  start->answered = TRUE;
  if (g_str_equal (response, "start") && self->map != NULL)
    {
      g_autofree char *question = g_strstrip (g_strdup (gtk_editable_get_text (start->question)));

      gtk_spin_button_update (start->dots);
      jm_votes_start_round (jm_map_get_votes (self->map), question,
                            gtk_spin_button_get_value_as_int (start->dots),
                            gtk_check_button_get_active (start->anonymous));
      gtk_widget_activate_action (GTK_WIDGET (self), "board.focus-board", NULL);
    }
}

/* Enter in the question starts the round, as the button does: a response
 * given in code leaves the dialog open. */
static void
on_question_activate (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "start");
  gtk_window_close (GTK_WINDOW (dialog));
}

/**
 * jm_vote_bar_ask_start:
 *
 * Asks for a new round's question, dots per voter and whether voters are
 * anonymous, and starts the round (closing an open one) as one undo step.
 */
void
jm_vote_bar_ask_start (JmVoteBar *self)
{
  StartDialog *start;
  AdwMessageDialog *dialog;
  GtkWidget *grid, *label, *question, *dots, *anonymous;

  g_return_if_fail (JM_IS_VOTE_BAR (self));

  if (self->map == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                      _("Start Voting Round"),
                                                      jm_votes_get_open_round (jm_map_get_votes (self->map)) != NULL
                                                        ? _("Each voter places their dots on the cards that answer the question. "
                                                            "The round open now closes.")
                                                        : _("Each voter places their dots on the cards that answer the question.")));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  label = gtk_label_new_with_mnemonic (_("_Question"));
  gtk_widget_set_halign (label, GTK_ALIGN_END);
  question = gtk_entry_new ();
  gtk_widget_set_hexpand (question, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (question), _("Which moments hurt most?"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), question);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), question, 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Dots per voter"));
  gtk_widget_set_halign (label, GTK_ALIGN_END);
  dots = gtk_spin_button_new_with_range (1, JM_VOTE_MAX_DOTS, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dots), 3);
  gtk_widget_set_halign (dots, GTK_ALIGN_START);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dots);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), dots, 1, 1, 1, 1);

  anonymous = gtk_check_button_new_with_mnemonic (_("_Anonymous voters (names are not kept)"));
  gtk_grid_attach (GTK_GRID (grid), anonymous, 1, 2, 1, 1);

  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "start", _("_Start Round"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "start");
  adw_message_dialog_set_close_response (dialog, "cancel");

  start = g_new0 (StartDialog, 1);
  start->bar = g_object_ref (self);
  start->question = GTK_EDITABLE (question);
  start->dots = GTK_SPIN_BUTTON (dots);
  start->anonymous = GTK_CHECK_BUTTON (anonymous);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_start_response), start,
                         start_dialog_free, 0);
  g_signal_connect_swapped (question, "activate", G_CALLBACK (on_question_activate), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (question);
}

/* The board page's actions */

static const char * const action_names[] = {
  "start-voting", "close-round", "add-dot", "remove-dot", "focus-board",
};

static void
action_start_voting (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  jm_vote_bar_ask_start (JM_VOTE_BAR (user_data));
}

static void
action_close_round (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  JmVoteBar *self = JM_VOTE_BAR (user_data);
  JmVoteRound *round = self->map != NULL ? jm_votes_get_open_round (jm_map_get_votes (self->map)) : NULL;

  if (round != NULL)
    jm_votes_close_round (jm_map_get_votes (self->map), round);
  if (self->board != NULL)
    gtk_widget_grab_focus (self->board);
}

/* D places a dot on the board's selected card, Shift+D takes one back. */
static void
action_dot (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  JmVoteBar *self = JM_VOTE_BAR (user_data);
  gpointer selected = self->board != NULL ? jm_canvas_get_selected_object (JM_CANVAS (self->board)) : NULL;

  jm_vote_bar_place_dot (self, JM_IS_TOUCHPOINT (selected) ? selected : NULL,
                         g_str_equal (g_action_get_name (G_ACTION (action)), "remove-dot"));
}

static void
action_focus_board (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  JmVoteBar *self = JM_VOTE_BAR (user_data);

  if (self->board != NULL)
    gtk_widget_grab_focus (self->board);
}

/**
 * jm_vote_bar_install:
 * @actions: the board page's action group, inserted as "board"
 * @board: the board (a #JmCanvas), whose selected card takes the dots
 *
 * Adds the voting actions to @actions and binds D and Shift+D on @board.
 */
void
jm_vote_bar_install (JmVoteBar  *self,
                     GActionMap *actions,
                     GtkWidget  *board)
{
  const GActionEntry entries[] = {
    { "start-voting", action_start_voting },
    { "close-round", action_close_round },
    { "add-dot", action_dot },
    { "remove-dot", action_dot },
    { "focus-board", action_focus_board },
  };
  GtkEventController *keys;

  g_return_if_fail (JM_IS_VOTE_BAR (self));
  g_return_if_fail (G_IS_ACTION_MAP (actions));
  g_return_if_fail (JM_IS_CANVAS (board));

  G_STATIC_ASSERT (G_N_ELEMENTS (entries) == G_N_ELEMENTS (action_names));
  self->actions = g_object_ref (actions);
  self->board = board;
  g_action_map_add_action_entries (actions, entries, G_N_ELEMENTS (entries), self);

  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_d, 0),
                                                          gtk_named_action_new ("board.add-dot")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_d, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("board.remove-dot")));
  gtk_widget_add_controller (board, keys);
  update (self);
}

static void
jm_vote_bar_dispose (GObject *object)
{
  JmVoteBar *self = JM_VOTE_BAR (object);
  GtkWidget *child;

  jm_vote_bar_set_map (self, NULL);
  /* The actions hold the bar, not a reference to it. */
  if (self->actions != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
      g_action_map_remove_action (self->actions, action_names[i]);
  g_clear_object (&self->actions);
  self->board = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_VOTE_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jm_vote_bar_parent_class)->dispose (object);
}

static void
jm_vote_bar_class_init (JmVoteBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_vote_bar_dispose;

  g_assert (jm_app_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/jm-vote-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, JmVoteBar, question_label);
  gtk_widget_class_bind_template_child (widget_class, JmVoteBar, message_label);
  gtk_widget_class_bind_template_child (widget_class, JmVoteBar, voter_entry);
  gtk_widget_class_bind_template_child (widget_class, JmVoteBar, remaining_label);
  gtk_widget_class_bind_template_callback (widget_class, on_voter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_voter_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vote-bar");
}

static void
jm_vote_bar_init (JmVoteBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Most rounds are voted at the facilitator's keyboard. */
  gtk_editable_set_text (GTK_EDITABLE (self->voter_entry), _("Facilitator"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
jm_vote_bar_new (void)
{
  return g_object_new (JM_TYPE_VOTE_BAR, NULL);
}
