/* jm-present-view.c: a map shown to a room, stage by stage or lane by lane
 *
 * The view draws a JmPresentLayout (src/render/) with cairo: every size and
 * box comes from there, so what the layout's tests promise is what the
 * room sees. The view keeps only what is being shown: the spotlight, the
 * card singled out, whether its details are open, whether the screen is
 * blanked, and a line of text kept for the corner (a countdown).
 *
 * It listens to the map's lists and to every stage, persona and card, and
 * lays itself out again on any change: an edit made on the laptop shows on
 * the wall at once.
 *
 * Keys, as a presenter's remote sends them: Right, Page Down and Space
 * step forward, Left, Page Up and Backspace back, Home goes to the
 * overview, L steps by lanes instead of stages (and back), Up and Down
 * single out a card, Enter (or a click) shows its details, B or the period
 * blanks the screen, Escape closes the details or leaves.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-present-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "jm-card-render.h"
#include "jm-present-view.h"
#include "jm-scoring.h"

/* How strongly what is outside the spotlight is faded. */
#define DIM_ALPHA 0.28
/* How long the pointer stays on the wall once it stops moving. */
#define POINTER_REST_MS 2000

struct _JmPresentView
{
  GtkWidget        parent_instance;

  JmMap           *map;
  GPtrArray       *watched;       /* stages, personas and cards whose notify is followed */
  JmPresentLayout *layout;        /* NULL when out of date */
  char            *family;
  char            *overlay_text;

  JmPresentSpot    stepping;      /* JM_PRESENT_STAGE or JM_PRESENT_LANE */
  JmPresentSpot    spot;
  guint            spot_index;
  JmTouchpoint    *focus_card;    /* singled out, or NULL */
  gboolean         details;
  gboolean         blank;
  guint            hide_pointer_id;  /* hides the pointer once it rests */
};

G_DEFINE_FINAL_TYPE (JmPresentView, jm_present_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  PROP_OVERLAY_TEXT,
  N_PROPS
};

enum {
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_accessible (JmPresentView *self);

/* Following the map. */

static void
invalidate (JmPresentView *self)
{
  g_clear_pointer (&self->layout, jm_present_layout_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
unwatch_all (JmPresentView *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (self->watched->pdata[i], invalidate, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_list (JmPresentView *self,
            GListModel    *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_signal_connect_swapped (item, "notify", G_CALLBACK (invalidate), self);
      g_ptr_array_add (self->watched, g_object_ref (item));
    }
}

static gboolean
map_has_card (JmMap        *map,
              JmTouchpoint *touchpoint)
{
  return map != NULL && jm_map_find_touchpoint (map, touchpoint, NULL);
}

static void
on_items_changed (JmPresentView *self)
{
  guint n_stages = g_list_model_get_n_items (jm_map_get_stages (self->map));
  guint n_lanes = g_list_model_get_n_items (jm_map_get_personas (self->map));

  unwatch_all (self);
  watch_list (self, jm_map_get_stages (self->map));
  watch_list (self, jm_map_get_personas (self->map));
  watch_list (self, jm_map_get_touchpoints (self->map));
  /* A stage, lane or card that went away takes its spotlight with it. */
  if ((self->spot == JM_PRESENT_STAGE && self->spot_index >= n_stages) ||
      (self->spot == JM_PRESENT_LANE && self->spot_index >= n_lanes))
    self->spot = JM_PRESENT_OVERVIEW;
  if (self->focus_card != NULL && !map_has_card (self->map, self->focus_card))
    {
      g_clear_object (&self->focus_card);
      self->details = FALSE;
    }
  invalidate (self);
  update_accessible (self);
}

/**
 * jm_present_view_get_layout:
 *
 * Returns: (transfer none): the layout shown, for the widget's present size
 */
JmPresentLayout *
jm_present_view_get_layout (JmPresentView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), NULL);

  if (self->map == NULL)
    return NULL;
  if (self->layout != NULL && (self->layout->width != width || self->layout->height != height))
    g_clear_pointer (&self->layout, jm_present_layout_free);
  if (self->layout == NULL)
    self->layout = jm_present_layout_new (self->map, gtk_widget_get_pango_context (widget),
                                          self->family, MAX (1, width), MAX (1, height),
                                          self->spot, self->spot_index);
  return self->layout;
}

/* Colours. */

typedef struct
{
  JmCardStyle card;    /* the board's own card colours and faces */
  JmRgba      page;
  JmRgba      ink;
  JmRgba      focus;
} Palette;

static void
palette_init (Palette *palette)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (dark)
    {
      jm_card_style_init_dark (&palette->card);
      palette->page = (JmRgba) { 0.11, 0.11, 0.12, 1 };
      palette->ink = (JmRgba) { 1, 1, 1, 1 };
      palette->focus = (JmRgba) { 0.47, 0.68, 0.93, 1 };
    }
  else
    {
      jm_card_style_init_light (&palette->card);
      palette->page = (JmRgba) { 0.92, 0.92, 0.91, 1 };
      palette->ink = (JmRgba) { 0.08, 0.07, 0.1, 1 };
      palette->focus = (JmRgba) { 0.11, 0.44, 0.85, 1 };
    }
}

/* Drawing. */

static PangoLayout *
text_layout (JmPresentView *self,
             const char    *text,
             double         size,
             gboolean       bold,
             double         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoFontDescription) font = jm_present_font (self->family, size, bold);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, MAX (1, (int) width) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* One line of text, ellipsized to @box and centred in its height. */
static void
draw_line (JmPresentView      *self,
           cairo_t            *cr,
           const char         *text,
           const JmPresentBox *box,
           double              size,
           gboolean            bold,
           PangoAlignment      align)
{
  g_autoptr(PangoLayout) layout = text_layout (self, text, size, bold, box->width);
  int height;

  pango_layout_set_alignment (layout, align);
  pango_layout_get_pixel_size (layout, NULL, &height);
  cairo_move_to (cr, box->x, box->y + (box->height - height) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
begin_dim (cairo_t  *cr,
           gboolean  dimmed)
{
  if (dimmed)
    cairo_push_group (cr);
}

static void
end_dim (cairo_t  *cr,
         gboolean  dimmed)
{
  if (!dimmed)
    return;
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, DIM_ALPHA);
}

static JmPersona *
card_persona (JmPresentView       *self,
              const JmPresentCard *card)
{
  return g_array_index (self->layout->lanes, JmPresentBand, card->lane).object;
}

/* Channel on the left; moment of truth, emotion and score on the right. */
static void
draw_marks (JmPresentView       *self,
            cairo_t             *cr,
            const JmPresentCard *card,
            const Palette       *palette)
{
  const JmPresentBox *box = &card->marks_box;
  JmTouchpoint *touchpoint = card->touchpoint;
  const char *channel = jm_touchpoint_get_channel (touchpoint);
  double right = box->x + box->width;
  double face = box->height;
  double score;

  if (jm_score_touchpoint (self->map, touchpoint, &score))
    {
      g_autofree char *text = g_strdup_printf ("%.1f", score);
      double pill_w = card->mark_size * 2.3;
      JmPresentBox pill = { right - pill_w, box->y, pill_w, box->height };
      double r, g, b;

      jm_score_colour (score, &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      jm_render_rounded_rect (cr, pill.x, pill.y, pill.width, pill.height, pill.height / 2);
      cairo_fill (cr);
      jm_score_text_colour (score, &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      draw_line (self, cr, text, &pill, card->mark_size, TRUE, PANGO_ALIGN_CENTER);
      right -= pill_w + box->height * 0.25;
    }
  if (jm_touchpoint_get_emotion (touchpoint) != JM_EMOTION_UNSET)
    {
      jm_render_emotion_face (cr, &palette->card, right - face, box->y, face,
                              jm_touchpoint_get_emotion (touchpoint));
      right -= face + box->height * 0.25;
    }
  if (jm_touchpoint_get_moment_of_truth (touchpoint))
    {
      jm_render_mot_mark (cr, &palette->card, right - face / 2, box->y + face / 2, face / 2);
      right -= face + box->height * 0.25;
    }
  if (channel != NULL && *channel != '\0' && right - box->x > card->mark_size * 2)
    {
      JmPresentBox rest = { box->x, box->y, right - box->x, box->height };

      jm_render_set_rgba (cr, &palette->card.muted);
      draw_line (self, cr, jm_channel_get_label (channel), &rest, card->mark_size, FALSE,
                 PANGO_ALIGN_LEFT);
    }
}

static void
draw_card (JmPresentView       *self,
           cairo_t             *cr,
           const JmPresentCard *card,
           const Palette       *palette)
{
  const JmPresentBox *box = &card->box;
  gboolean focused = self->focus_card != NULL && card->touchpoint == self->focus_card;
  gboolean dimmed = self->focus_card != NULL ? !focused : card->dimmed;
  double radius = MIN (10, MIN (box->width, box->height) / 6);
  JmPersona *persona = card_persona (self, card);
  JmRgba stripe = palette->card.border;

  if (box->width < 2 || box->height < 2)
    return;
  begin_dim (cr, dimmed);
  jm_render_rounded_rect (cr, box->x, box->y, box->width, box->height, radius);
  jm_render_set_rgba (cr, &palette->card.background);
  cairo_fill_preserve (cr);
  jm_render_set_rgba (cr, focused ? &palette->focus : &palette->card.border);
  cairo_set_line_width (cr, focused ? MAX (3, box->width / 60) : 1);
  cairo_stroke (cr);

  /* The persona's colour down the left edge, as on the board. */
  jm_rgba_parse (&stripe, jm_persona_get_colour (persona));
  jm_render_set_rgba (cr, &stripe);
  cairo_rectangle (cr, box->x + 1, box->y + radius, jm_present_card_stripe_width (card),
                   box->height - 2 * radius);
  cairo_fill (cr);

  if (card->title_lines > 0)
    {
      g_autoptr(PangoLayout) title = jm_present_title_layout (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                                              self->family, card);

      jm_render_set_rgba (cr, &palette->card.foreground);
      cairo_move_to (cr, card->title_box.x, card->title_box.y);
      pango_cairo_show_layout (cr, title);
      draw_marks (self, cr, card, palette);
    }
  end_dim (cr, dimmed);
}

static char *
title_text (JmPresentView *self)
{
  GListModel *stages = jm_map_get_stages (self->map);
  GListModel *lanes = jm_map_get_personas (self->map);
  guint n_stages = g_list_model_get_n_items (stages), n_lanes = g_list_model_get_n_items (lanes);

  if (self->spot == JM_PRESENT_STAGE && self->spot_index < n_stages)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (stages, self->spot_index);

      /* Translators: the title of present mode while one stage is shown,
       * such as “Stage 2 of 8: Research” */
      return g_strdup_printf (_("Stage %u of %u: %s"), self->spot_index + 1, n_stages,
                              jm_stage_get_name (stage));
    }
  if (self->spot == JM_PRESENT_LANE && self->spot_index < n_lanes)
    {
      g_autoptr(JmPersona) persona = g_list_model_get_item (lanes, self->spot_index);

      /* Translators: the title of present mode while one persona's lane is
       * shown, such as “Lane 1 of 2: Juliet” */
      return g_strdup_printf (_("Lane %u of %u: %s"), self->spot_index + 1, n_lanes,
                              jm_persona_get_name (persona));
    }
  if (jm_map_get_title (self->map) != NULL && *jm_map_get_title (self->map) != '\0')
    return g_strdup (jm_map_get_title (self->map));
  return g_strdup (_("Untitled Map"));
}

static void
draw_bands (JmPresentView *self,
            cairo_t       *cr,
            const Palette *palette)
{
  const JmPresentLayout *layout = self->layout;

  for (guint l = 0; l < layout->lanes->len; l++)
    {
      const JmPresentBand *lane = &g_array_index (layout->lanes, JmPresentBand, l);
      JmRgba colour = palette->ink;
      JmPresentBox name = lane->label_box;
      double dot = lane->label_size * 0.8;

      jm_rgba_parse (&colour, jm_persona_get_colour (lane->object));
      begin_dim (cr, lane->dimmed);
      cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.08);
      jm_render_rounded_rect (cr, lane->box.x - 4, lane->box.y, lane->box.width + 8, lane->box.height + 2, 8);
      cairo_fill (cr);
      jm_render_set_rgba (cr, &colour);
      cairo_arc (cr, name.x + dot / 2 + 4, name.y + name.height / 2, dot / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      name.x += dot + 12;
      name.width -= dot + 12;
      jm_render_set_rgba (cr, &palette->ink);
      draw_line (self, cr, jm_persona_get_name (lane->object), &name, lane->label_size, TRUE,
                 PANGO_ALIGN_LEFT);
      end_dim (cr, lane->dimmed);
    }
  for (guint s = 0; s < layout->stages->len; s++)
    {
      const JmPresentBand *stage = &g_array_index (layout->stages, JmPresentBand, s);

      begin_dim (cr, stage->dimmed);
      jm_render_set_rgba (cr, &palette->ink);
      draw_line (self, cr, jm_stage_get_name (stage->object), &stage->label_box, stage->label_size,
                 TRUE, PANGO_ALIGN_CENTER);
      if (layout->spot == JM_PRESENT_STAGE && s == layout->spot_index)
        {
          jm_render_set_rgba (cr, &palette->focus);
          cairo_rectangle (cr, stage->label_box.x, stage->label_box.y + stage->label_box.height - 4,
                           stage->label_box.width, 4);
          cairo_fill (cr);
        }
      end_dim (cr, stage->dimmed);
    }
}

static void
draw_board (JmPresentView *self,
            cairo_t       *cr,
            const Palette *palette)
{
  const JmPresentLayout *layout = self->layout;
  g_autofree char *title = title_text (self);

  jm_render_set_rgba (cr, &palette->ink);
  draw_line (self, cr, title, &layout->title_box, layout->title_size, TRUE, PANGO_ALIGN_LEFT);
  if (layout->stages->len == 0)
    {
      JmPresentBox middle = { 0, layout->height / 2 - layout->title_size,
                              layout->width, 2 * layout->title_size };

      jm_render_set_rgba (cr, &palette->card.muted);
      draw_line (self, cr, _("This map has no stages yet"), &middle, layout->title_size, FALSE,
                 PANGO_ALIGN_CENTER);
      return;
    }
  draw_bands (self, cr, palette);
  for (guint i = 0; i < layout->cards->len; i++)
    draw_card (self, cr, &g_array_index (layout->cards, JmPresentCard, i), palette);
}

static char *
details_markup (JmPresentView *self,
                JmTouchpoint  *touchpoint)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *channel = jm_touchpoint_get_channel (touchpoint);
  const char *notes = jm_touchpoint_get_notes (touchpoint);
  const char * const *team_list = jm_touchpoint_get_teams (touchpoint);
  g_autofree char *teams = team_list != NULL ? g_strjoinv (", ", (char **) team_list) : g_strdup ("");
  double score;

  if (channel != NULL && *channel != '\0')
    g_string_append_printf (markup, "%s  ·  ", jm_channel_get_label (channel));
  g_string_append (markup, jm_emotion_get_label (jm_touchpoint_get_emotion (touchpoint)));
  if (jm_score_touchpoint (self->map, touchpoint, &score))
    /* Translators: a card's composite score (1 to 5) in present mode's
     * details, such as “Score 3.5” */
    g_string_append_printf (markup, "  ·  %s %.1f", _("Score"), score);
  if (*teams != '\0')
    g_string_append_printf (markup, "  ·  %s", teams);
  {
    g_autofree char *escaped = g_markup_escape_text (markup->str, -1);

    g_string_assign (markup, "<span alpha=\"70%\">");
    g_string_append (markup, escaped);
    g_string_append (markup, "</span>\n");
  }
  for (JmRow row = 0; row < JM_N_ROWS; row++)
    {
      const char *text = jm_touchpoint_get_row (touchpoint, row);

      if (text != NULL && *text != '\0')
        {
          g_autofree char *line = g_markup_printf_escaped ("\n<b>%s</b>  %s", jm_row_get_label (row), text);

          g_string_append (markup, line);
        }
    }
  if (notes != NULL && *notes != '\0')
    {
      g_autofree char *line = g_markup_printf_escaped ("\n<b>%s</b>  %s", _("Notes"), notes);

      g_string_append (markup, line);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* The card singled out, with everything it says, over the dimmed board. */
static void
draw_details (JmPresentView *self,
              cairo_t       *cr,
              const Palette *palette)
{
  const JmPresentLayout *layout = self->layout;
  JmPresentBox panel = { layout->width * 0.1, layout->height * 0.08,
                         layout->width * 0.8, layout->height * 0.84 };
  double pad = MAX (16, panel.width * 0.04);
  double title_size = MAX (JM_PRESENT_SPOTLIGHT_MIN_SIZE, layout->height / 22);
  g_autofree char *markup = details_markup (self, self->focus_card);
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) body = NULL;
  double inner_w = panel.width - 2 * pad;
  int title_h, body_h = 0;
  double avail, size;

  cairo_set_source_rgba (cr, palette->page.red, palette->page.green, palette->page.blue, 0.8);
  cairo_paint (cr);
  jm_render_rounded_rect (cr, panel.x, panel.y, panel.width, panel.height, 16);
  jm_render_set_rgba (cr, &palette->card.background);
  cairo_fill_preserve (cr);
  jm_render_set_rgba (cr, &palette->focus);
  cairo_set_line_width (cr, 4);
  cairo_stroke (cr);

  title = text_layout (self, jm_touchpoint_get_title (self->focus_card), title_size, TRUE, inner_w);
  pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (title, -3);
  pango_layout_get_pixel_size (title, NULL, &title_h);
  avail = panel.height - 2 * pad - title_h - pad / 2;

  /* The largest body that fits, from large down to what still reads at
   * the back; past that it is cut short. */
  for (size = title_size * 0.75; size >= 20; size -= 2)
    {
      g_clear_object (&body);
      body = text_layout (self, NULL, size, FALSE, inner_w);
      pango_layout_set_wrap (body, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_markup (body, markup, -1);
      pango_layout_get_pixel_size (body, NULL, &body_h);
      if (body_h <= avail)
        break;
    }
  pango_layout_set_height (body, (int) MAX (avail, 1) * PANGO_SCALE);

  jm_render_set_rgba (cr, &palette->card.foreground);
  cairo_move_to (cr, panel.x + pad, panel.y + pad);
  pango_cairo_show_layout (cr, title);
  cairo_move_to (cr, panel.x + pad, panel.y + pad + title_h + pad / 2);
  pango_cairo_show_layout (cr, body);
}

static void
draw_overlay (JmPresentView *self,
              cairo_t       *cr,
              const Palette *palette)
{
  const JmPresentLayout *layout = self->layout;

  if (self->overlay_text == NULL || *self->overlay_text == '\0')
    return;
  jm_render_set_rgba (cr, &palette->ink);
  draw_line (self, cr, self->overlay_text, &layout->overlay_box, layout->overlay_size, TRUE,
             PANGO_ALIGN_RIGHT);
}

static void
jm_present_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  JmPresentView *self = JM_PRESENT_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Palette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  palette_init (&palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->blank)
    {
      /* A blanked screen is black whatever the style: the room looks back
       * at the speaker. */
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }
  jm_render_set_rgba (cr, &palette.page);
  cairo_paint (cr);
  if (jm_present_view_get_layout (self) != NULL)
    {
      draw_board (self, cr, &palette);
      if (self->details && self->focus_card != NULL)
        draw_details (self, cr, &palette);
      draw_overlay (self, cr, &palette);
    }
  cairo_destroy (cr);
}

/* Moving about. */

static void
update_accessible (JmPresentView *self)
{
  g_autofree char *text = NULL;

  if (self->map == NULL)
    return;
  text = title_text (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
set_spot (JmPresentView *self,
          JmPresentSpot  spot,
          guint          index)
{
  self->spot = spot;
  self->spot_index = index;
  g_clear_object (&self->focus_card);
  self->details = FALSE;
  invalidate (self);
  update_accessible (self);
}

static guint
n_step_items (JmPresentView *self)
{
  if (self->map == NULL)
    return 0;
  return g_list_model_get_n_items (self->stepping == JM_PRESENT_LANE ? jm_map_get_personas (self->map)
                                                                     : jm_map_get_stages (self->map));
}

static void
step (JmPresentView *self,
      int            direction)
{
  JmPresentSpot spot = self->spot;
  guint index = self->spot_index;

  jm_present_step (self->stepping, n_step_items (self), direction, &spot, &index);
  set_spot (self, spot, index);
}

/* Up and Down walk the cards in view: the spotlighted ones, or all. */
static void
step_card (JmPresentView *self,
           int            direction)
{
  JmPresentLayout *layout = jm_present_view_get_layout (self);
  int at, n;

  if (layout == NULL || layout->cards->len == 0)
    return;
  n = (int) layout->cards->len;
  at = self->focus_card != NULL ? jm_present_layout_find_card (layout, self->focus_card) : -1;
  for (int i = 0; i < n; i++)
    {
      at = at < 0 ? (direction > 0 ? 0 : n - 1) : at + direction;
      if (at < 0 || at >= n)
        break;
      if (!g_array_index (layout->cards, JmPresentCard, at).dimmed)
        {
          g_set_object (&self->focus_card, g_array_index (layout->cards, JmPresentCard, at).touchpoint);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          return;
        }
    }
}

static void
show_details (JmPresentView *self,
              gboolean       details)
{
  if (details && self->focus_card == NULL)
    step_card (self, 1);
  self->details = details && self->focus_card != NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (JmPresentView   *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_Page_Down: case GDK_KEY_space: case GDK_KEY_KP_Page_Down:
      step (self, 1);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Page_Up: case GDK_KEY_BackSpace: case GDK_KEY_KP_Page_Up:
      step (self, -1);
      return TRUE;
    case GDK_KEY_Home:
      set_spot (self, JM_PRESENT_OVERVIEW, 0);
      return TRUE;
    case GDK_KEY_End:
      if (n_step_items (self) > 0)
        set_spot (self, self->stepping, n_step_items (self) - 1);
      return TRUE;
    case GDK_KEY_l: case GDK_KEY_L:
      self->stepping = self->stepping == JM_PRESENT_STAGE ? JM_PRESENT_LANE : JM_PRESENT_STAGE;
      set_spot (self, JM_PRESENT_OVERVIEW, 0);
      return TRUE;
    case GDK_KEY_Down:
      step_card (self, 1);
      return TRUE;
    case GDK_KEY_Up:
      step_card (self, -1);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter:
      show_details (self, !self->details);
      return TRUE;
    case GDK_KEY_b: case GDK_KEY_B: case GDK_KEY_period:
      self->blank = !self->blank;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Escape:
      if (self->blank || self->details)
        {
          self->blank = FALSE;
          show_details (self, FALSE);
        }
      else
        g_signal_emit (self, signals[LEAVE], 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_click_pressed (JmPresentView *self,
                  int            n_press,
                  double         x,
                  double         y)
{
  JmPresentLayout *layout = jm_present_view_get_layout (self);
  int at;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (layout == NULL || self->blank)
    return;
  if (self->details)
    {
      show_details (self, FALSE);
      return;
    }
  at = jm_present_layout_card_at (layout, x, y);
  if (at < 0)
    g_clear_object (&self->focus_card);
  else
    g_set_object (&self->focus_card, g_array_index (layout->cards, JmPresentCard, at).touchpoint);
  show_details (self, at >= 0);
}

static gboolean
hide_pointer (gpointer data)
{
  JmPresentView *self = data;

  self->hide_pointer_id = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  return G_SOURCE_REMOVE;
}

/* A pointer left over the board is a stray arrow on the wall: it shows
 * while it moves and hides once it rests. */
static void
on_motion (JmPresentView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_clear_handle_id (&self->hide_pointer_id, g_source_remove);
  self->hide_pointer_id = g_timeout_add (POINTER_REST_MS, hide_pointer, self);
}

/* GObject. */

static void
jm_present_view_dispose (GObject *object)
{
  JmPresentView *self = JM_PRESENT_VIEW (object);

  g_clear_handle_id (&self->hide_pointer_id, g_source_remove);
  jm_present_view_set_map (self, NULL);
  G_OBJECT_CLASS (jm_present_view_parent_class)->dispose (object);
}

static void
jm_present_view_finalize (GObject *object)
{
  JmPresentView *self = JM_PRESENT_VIEW (object);

  g_ptr_array_unref (self->watched);
  g_free (self->family);
  g_free (self->overlay_text);
  G_OBJECT_CLASS (jm_present_view_parent_class)->finalize (object);
}

static void
jm_present_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JmPresentView *self = JM_PRESENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_OVERLAY_TEXT:
      g_value_set_string (value, self->overlay_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_present_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JmPresentView *self = JM_PRESENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_present_view_set_map (self, g_value_get_object (value));
      break;
    case PROP_OVERLAY_TEXT:
      jm_present_view_set_overlay_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_present_view_class_init (JmPresentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_present_view_dispose;
  object_class->finalize = jm_present_view_finalize;
  object_class->get_property = jm_present_view_get_property;
  object_class->set_property = jm_present_view_set_property;
  widget_class->snapshot = jm_present_view_snapshot;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What a caller shows large in the top right corner, such as the
   * workshop's countdown. */
  properties[PROP_OVERLAY_TEXT] =
    g_param_spec_string ("overlay-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Escape with nothing left to close: whoever shows the view ends
   * present mode. */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "presentview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jm_present_view_init (JmPresentView *self)
{
  GtkEventController *controller;
  GtkGesture *click;
  JmCardStyle style;

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->stepping = JM_PRESENT_STAGE;
  jm_card_style_init_light (&style);
  self->family = g_strdup (style.font_family);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->hide_pointer_id = g_timeout_add (POINTER_REST_MS, hide_pointer, self);
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
jm_present_view_new (void)
{
  return g_object_new (JM_TYPE_PRESENT_VIEW, NULL);
}

/**
 * jm_present_view_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_present_view_get_map (JmPresentView *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), NULL);
  return self->map;
}

void
jm_present_view_set_map (JmPresentView *self,
                         JmMap         *map)
{
  g_return_if_fail (JM_IS_PRESENT_VIEW (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_func (jm_map_get_stages (self->map), on_items_changed, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_personas (self->map), on_items_changed, self);
      g_signal_handlers_disconnect_by_func (jm_map_get_touchpoints (self->map), on_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->map, invalidate, self);
    }
  unwatch_all (self);
  g_clear_object (&self->focus_card);
  self->details = FALSE;
  self->spot = JM_PRESENT_OVERVIEW;
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_swapped (jm_map_get_stages (map), "items-changed", G_CALLBACK (on_items_changed), self);
      g_signal_connect_swapped (jm_map_get_personas (map), "items-changed", G_CALLBACK (on_items_changed), self);
      g_signal_connect_swapped (jm_map_get_touchpoints (map), "items-changed", G_CALLBACK (on_items_changed), self);
      /* The title and the weights, which the scores follow. */
      g_signal_connect_swapped (map, "notify", G_CALLBACK (invalidate), self);
      on_items_changed (self);
    }
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_present_view_set_overlay_text:
 * @text: (nullable): shown large in the corner kept for it, such as a
 *   countdown; %NULL shows nothing there
 */
void
jm_present_view_set_overlay_text (JmPresentView *self,
                                  const char    *text)
{
  g_return_if_fail (JM_IS_PRESENT_VIEW (self));

  if (g_strcmp0 (self->overlay_text, text) == 0)
    return;
  g_free (self->overlay_text);
  self->overlay_text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY_TEXT]);
}

const char *
jm_present_view_get_overlay_text (JmPresentView *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), NULL);
  return self->overlay_text;
}

/**
 * jm_present_view_get_spot:
 * @index: (out) (optional): the spotlighted stage or lane
 *
 * Returns: what is spotlighted
 */
JmPresentSpot
jm_present_view_get_spot (JmPresentView *self,
                          guint         *index)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), JM_PRESENT_OVERVIEW);
  if (index != NULL)
    *index = self->spot_index;
  return self->spot;
}

JmPresentSpot
jm_present_view_get_stepping (JmPresentView *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), JM_PRESENT_STAGE);
  return self->stepping;
}

/**
 * jm_present_view_get_focus_card:
 *
 * Returns: (transfer none) (nullable): the card singled out
 */
JmTouchpoint *
jm_present_view_get_focus_card (JmPresentView *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), NULL);
  return self->focus_card;
}

gboolean
jm_present_view_get_details (JmPresentView *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), FALSE);
  return self->details;
}

gboolean
jm_present_view_get_blank (JmPresentView *self)
{
  g_return_val_if_fail (JM_IS_PRESENT_VIEW (self), FALSE);
  return self->blank;
}
