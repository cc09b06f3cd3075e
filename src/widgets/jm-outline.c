/* jm-outline.c: the whole map as a keyboard and screen-reader friendly tree
 *
 * GTK 4.8 cannot expose the cards that the board draws itself, so the outline
 * shows every part of the map as real widgets: a "Stages" section listing the
 * columns, and a "Lanes" section where each persona's lane holds one group per
 * stage (its cells), each with that cell's touchpoints. Every level is a live
 * view of the map's own GListModels, so the tree follows the model (edits,
 * undo, redo) without rebuilding. The outline never edits the map: its
 * keyboard shortcuts and buttons run the window's actions.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-edits.h"
#include "jm-names.h"
#include "jm-outline.h"
#include "jm-outline-row.h"
#include "jm-text-measure.h"

/* The two top-level rows. */
typedef enum {
  SECTION_STAGES,
  SECTION_LANES,
} SectionKind;

#define JM_TYPE_OUTLINE_SECTION (jm_outline_section_get_type ())
G_DECLARE_FINAL_TYPE (JmOutlineSection, jm_outline_section, JM, OUTLINE_SECTION, GObject)

struct _JmOutlineSection
{
  GObject      parent_instance;
  SectionKind  kind;
};

G_DEFINE_FINAL_TYPE (JmOutlineSection, jm_outline_section, G_TYPE_OBJECT)

static void
jm_outline_section_class_init (JmOutlineSectionClass *klass)
{
}

static void
jm_outline_section_init (JmOutlineSection *self)
{
}

static JmOutlineSection *
jm_outline_section_new (SectionKind kind)
{
  JmOutlineSection *self = g_object_new (JM_TYPE_OUTLINE_SECTION, NULL);

  self->kind = kind;
  return self;
}

/* One cell of a lane: the touchpoints of one persona in one stage. */
#define JM_TYPE_OUTLINE_CELL (jm_outline_cell_get_type ())
G_DECLARE_FINAL_TYPE (JmOutlineCell, jm_outline_cell, JM, OUTLINE_CELL, GObject)

struct _JmOutlineCell
{
  GObject     parent_instance;
  JmStage    *stage;
  JmPersona  *persona;
  GListStore *touchpoints;
};

G_DEFINE_FINAL_TYPE (JmOutlineCell, jm_outline_cell, G_TYPE_OBJECT)

static void
jm_outline_cell_dispose (GObject *object)
{
  JmOutlineCell *self = JM_OUTLINE_CELL (object);

  g_clear_object (&self->touchpoints);
  g_clear_object (&self->stage);
  g_clear_object (&self->persona);

  G_OBJECT_CLASS (jm_outline_cell_parent_class)->dispose (object);
}

static void
jm_outline_cell_class_init (JmOutlineCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jm_outline_cell_dispose;
}

static void
jm_outline_cell_init (JmOutlineCell *self)
{
  self->touchpoints = g_list_store_new (JM_TYPE_TOUCHPOINT);
}

static JmOutlineCell *
jm_outline_cell_new (JmStage   *stage,
                     JmPersona *persona)
{
  JmOutlineCell *self = g_object_new (JM_TYPE_OUTLINE_CELL, NULL);

  self->stage = g_object_ref (stage);
  self->persona = g_object_ref (persona);
  return self;
}

struct _JmOutline
{
  GtkWidget           parent_instance;

  JmMap              *map;
  GListStore         *sections;
  GtkTreeListModel   *tree;
  GtkSliceListModel  *shown;
  GtkSingleSelection *selection;
  guint               show_all_source;
  GtkWidget          *scroller;
  GtkWidget          *list_view;

  /* The tree shows copies of the map's lists, brought up to date once each
   * edit is complete. Views that read the map's own lists while one of them
   * announces a change could see the others half-updated (a lane's cells
   * before the stage list); the copies only change when the map is whole. */
  GListStore         *stages;
  GListStore         *personas;
  GHashTable         *lane_cells;   /* JmPersona -> GListStore of JmOutlineCell */
  GHashTable         *cells;        /* "persona-id\nstage-id" -> JmOutlineCell */

  /* What the user (or the API) last selected, kept while list changes drop
   * and re-add its row, so that a moved object stays selected. */
  GObject            *wanted;
  GObject            *selected_object;
  gboolean            selecting;

  JmSelection        *shared;       /* the window's, with the board and inspector */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (JmOutline, jm_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  PROP_SELECTED_OBJECT,
  N_PROPS
};

enum {
  OBJECT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Before the outline has a size, GTK 4.8's list view builds rows for up to
 * 200 items, far more than show at first. The list it gets starts with the
 * rows that can fit in the outline's height (at least FIRST_ROWS; no row is
 * shorter than MIN_ROW_HEIGHT); the rest follow once the window has shown,
 * a few at a time so that the window keeps answering meanwhile. */
#define FIRST_ROWS 24
#define MIN_ROW_HEIGHT 32
#define MORE_ROWS 32

static void
show_all_rows (JmOutline *self)
{
  g_clear_handle_id (&self->show_all_source, g_source_remove);
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
}

static gboolean
show_more_rows (gpointer data)
{
  JmOutline *self = data;
  guint size = gtk_slice_list_model_get_size (self->shown) + MORE_ROWS;

  if (size >= g_list_model_get_n_items (G_LIST_MODEL (self->tree)))
    {
      self->show_all_source = 0;
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->shown, size);
  return G_SOURCE_CONTINUE;
}

static gboolean
all_rows_shown (JmOutline *self)
{
  return gtk_slice_list_model_get_size (self->shown) == G_MAXUINT;
}

/* Makes @store hold @items, in order, changing only the stretch between the
 * common beginning and end, so untouched rows keep their state. */
static void
sync_store (GListStore *store,
            GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  guint prefix = 0, suffix = 0;

  while (prefix < n && prefix < items->len)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, prefix);

      if (item != g_ptr_array_index (items, prefix))
        break;
      prefix++;
    }
  while (suffix < n - prefix && suffix < items->len - prefix)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, n - 1 - suffix);

      if (item != g_ptr_array_index (items, items->len - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix + suffix == n && prefix + suffix == items->len)
    return;
  g_list_store_splice (store, prefix, n - prefix - suffix,
                       items->pdata + prefix, items->len - prefix - suffix);
}

static GPtrArray *
list_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static char *
cell_key (const char *persona_id,
          const char *stage_id)
{
  return g_strconcat (persona_id, "\n", stage_id, NULL);
}

static void
sync_with_map (JmOutline *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) personas = NULL;
  g_autoptr(GHashTable) cards = NULL;
  g_autoptr(GHashTable) old_cells = NULL;
  GListModel *touchpoints;

  if (self->map == NULL)
    {
      g_list_store_remove_all (self->stages);
      g_list_store_remove_all (self->personas);
      g_hash_table_remove_all (self->lane_cells);
      g_hash_table_remove_all (self->cells);
      return;
    }

  stages = list_items (jm_map_get_stages (self->map));
  personas = list_items (jm_map_get_personas (self->map));

  /* Each cell's cards, in the map's order, in one pass. */
  cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  touchpoints = jm_map_get_touchpoints (self->map);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      JmTouchpoint *touchpoint = g_list_model_get_item (touchpoints, i);
      char *key = cell_key (jm_touchpoint_get_lane_id (touchpoint),
                            jm_touchpoint_get_stage_id (touchpoint));
      GPtrArray *cell = g_hash_table_lookup (cards, key);

      if (cell == NULL)
        {
          cell = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (cards, key, cell);
        }
      else
        g_free (key);
      g_ptr_array_add (cell, touchpoint);
    }

  /* Cells are kept while their stage and lane exist, so their rows stay. */
  old_cells = g_steal_pointer (&self->cells);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint p = 0; p < personas->len; p++)
    {
      JmPersona *persona = g_ptr_array_index (personas, p);
      GListStore *lane = g_hash_table_lookup (self->lane_cells, persona);
      g_autoptr(GPtrArray) lane_items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint s = 0; s < stages->len; s++)
        {
          JmStage *stage = g_ptr_array_index (stages, s);
          char *key = cell_key (jm_persona_get_id (persona), jm_stage_get_id (stage));
          JmOutlineCell *cell = g_hash_table_lookup (old_cells, key);

          if (cell != NULL && cell->stage == stage && cell->persona == persona)
            g_object_ref (cell);
          else
            cell = jm_outline_cell_new (stage, persona);
          g_hash_table_insert (self->cells, key, cell);
          g_ptr_array_add (lane_items, g_object_ref (cell));
        }

      if (lane == NULL)
        {
          lane = g_list_store_new (JM_TYPE_OUTLINE_CELL);
          g_hash_table_insert (self->lane_cells, g_object_ref (persona), lane);
        }
      sync_store (lane, lane_items);
    }

  /* Cards first, then lanes, then the lists: each store, when it announces
   * its change, only holds rows whose own children are already current. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->cells);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        JmOutlineCell *cell = value;
        GPtrArray *cell_cards = g_hash_table_lookup (cards, key);
        g_autoptr(GPtrArray) none = g_ptr_array_new ();

        sync_store (cell->touchpoints, cell_cards != NULL ? cell_cards : none);
      }
  }

  sync_store (self->stages, stages);
  sync_store (self->personas, personas);

  /* Lanes that are gone take their cells with them. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->lane_cells);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_ptr_array_find (personas, key, NULL))
        g_hash_table_iter_remove (&iter);
  }
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  JmOutline *self = user_data;

  if (JM_IS_OUTLINE_SECTION (item))
    {
      JmOutlineSection *section = item;

      return g_object_ref (G_LIST_MODEL (section->kind == SECTION_STAGES ? self->stages
                                                                         : self->personas));
    }

  if (JM_IS_PERSONA (item))
    {
      GListStore *lane = g_hash_table_lookup (self->lane_cells, item);

      return lane != NULL ? g_object_ref (G_LIST_MODEL (lane)) : NULL;
    }

  if (JM_IS_OUTLINE_CELL (item))
    return g_object_ref (G_LIST_MODEL (JM_OUTLINE_CELL (item)->touchpoints));

  return NULL;
}

static gpointer
row_object (GtkTreeListRow *row)
{
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static gboolean
is_map_object (gpointer object)
{
  return JM_IS_STAGE (object) || JM_IS_PERSONA (object) || JM_IS_TOUCHPOINT (object);
}

static void
update_selected_object (JmOutline *self)
{
  g_autoptr(GObject) object = row_object (gtk_single_selection_get_selected_item (self->selection));

  if (object != NULL && !is_map_object (object))
    g_clear_object (&object);

  if (object == self->selected_object)
    return;

  g_set_object (&self->selected_object, object);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
}

static gboolean
find_row (JmOutline *self,
          gpointer   object,
          guint     *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(GObject) item = row_object (row);

      if (item == object)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
select_position (JmOutline *self,
                 guint      position)
{
  if (position != GTK_INVALID_LIST_POSITION && !all_rows_shown (self))
    show_all_rows (self);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (self->list_view))
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}

/* Tells the window's selection what was chosen here. The current object
 * chosen again leaves the rest of the selection (several cards on the
 * board) as it is: the outline shows only one of them. */
static void
push_selection (JmOutline *self,
                gpointer   object)
{
  if (self->shared == NULL || self->syncing)
    return;
  if (object != NULL && object == jm_selection_get_current (self->shared))
    return;
  self->syncing = TRUE;
  jm_selection_select (self->shared, object != NULL && is_map_object (object) ? object : NULL);
  self->syncing = FALSE;
}

static void
on_selection_changed (JmOutline *self)
{
  if (!self->selecting)
    {
      g_autoptr(GObject) object = row_object (gtk_single_selection_get_selected_item (self->selection));

      /* Only a real choice replaces the wanted object: a row that vanished
       * for a moment (a move is a removal and an insertion) does not. */
      if (object != NULL)
        {
          g_set_object (&self->wanted, object);
          push_selection (self, object);
        }
    }
  update_selected_object (self);
}

static void
on_selection_items_changed (JmOutline *self)
{
  g_autoptr(GObject) current = row_object (gtk_single_selection_get_selected_item (self->selection));
  guint position;

  if (self->wanted != NULL && current != self->wanted && find_row (self, self->wanted, &position))
    {
      if (!all_rows_shown (self))
        show_all_rows (self);
      self->selecting = TRUE;
      gtk_single_selection_set_selected (self->selection, position);
      self->selecting = FALSE;
    }
  update_selected_object (self);
}

static void
on_list_view_activate (JmOutline *self,
                       guint      position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = row_object (row);

  if (item == NULL)
    return;

  if (is_map_object (item))
    g_signal_emit (self, signals[OBJECT_ACTIVATED], 0, item);
  else if (JM_IS_OUTLINE_CELL (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.add-touchpoint", NULL);
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* Rows. */

static gboolean
transform_name (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  const char *name = g_value_get_string (from);
  glong n_chars = 0;
  g_autofree char *shown = jm_text_shorten (name, JM_TEXT_SHOWN_MAX_CHARS, &n_chars);
  g_autoptr(GObject) label = g_binding_dup_target (binding);

  if (name == NULL || *name == '\0')
    g_value_set_string (to, _(user_data));
  else
    g_value_set_string (to, shown != NULL ? shown : name);
  /* A row says when it shows only the start of a very long text. */
  if (shown != NULL && GTK_IS_WIDGET (label))
    {
      g_autofree char *tip = g_strdup_printf (_("Shortened here: the whole text has %ld characters"),
                                              n_chars);

      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tip);
    }
  else if (GTK_IS_WIDGET (label) && gtk_widget_get_has_tooltip (GTK_WIDGET (label)))
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
  return TRUE;
}

static gboolean
transform_detail (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *text = g_value_get_string (from);
  g_autofree char *shown = jm_text_shorten (text, JM_TEXT_SHOWN_MAX_CHARS, NULL);

  g_value_set_string (to, shown != NULL ? shown : text);
  return TRUE;
}

static void update_row_name (GtkListItem *list_item);

/* The channel's name is the icon's tooltip and accessible name. The tooltip
 * is answered when asked for: setting a widget's tooltip text makes GTK ask
 * the display where the pointer is, a round trip to the X server for each of
 * the rows built when the outline first shows. */
static void
set_row_channel (GtkListItem *list_item,
                 const char  *label)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (list_item), "jm-icon");

  g_object_set_data_full (G_OBJECT (icon), "jm-channel", g_strdup (label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : "",
                                  -1);
}

static void
on_touchpoint_channel (JmTouchpoint *touchpoint,
                       GParamSpec   *pspec,
                       GtkListItem  *list_item)
{
  GtkImage *icon = g_object_get_data (G_OBJECT (list_item), "jm-icon");
  const char *channel = jm_touchpoint_get_channel (touchpoint);
  /* A channel typed "website" is the known Website, as on the board. */
  g_autofree char *key = jm_name_key (JM_NAME_CHANNEL, channel);
  const JmChannelInfo *info = key != NULL ? jm_channel_lookup (key) : NULL;

  gtk_image_set_from_icon_name (icon, info != NULL ? info->icon : "x-office-document-symbolic");
  set_row_channel (list_item, channel != NULL && *channel != '\0' ? jm_channel_get_label (channel) : NULL);
  update_row_name (list_item);
}

static void
add_binding (GtkListItem *list_item,
             GBinding    *binding)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (list_item), "jm-bindings");

  g_ptr_array_add (bindings, g_object_ref (binding));
}

static void
unbind_all (GPtrArray *bindings)
{
  for (guint i = 0; i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_ptr_array_set_size (bindings, 0);
}

static void
free_bindings (gpointer data)
{
  GPtrArray *bindings = data;

  unbind_all (bindings);
  g_ptr_array_unref (bindings);
}

/* Drag and drop: a row carries its object; dropping it on another row moves
 * it there (see jm_outline_drop_object()). */

static gpointer
list_item_object (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  g_autoptr(GObject) object = list_item_object (list_item);

  if (object == NULL || !is_map_object (object))
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_OBJECT, object);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkWidget *outline = gtk_widget_get_ancestor (widget, JM_TYPE_OUTLINE);
  GObject *object = g_value_get_object (value);

  if (outline == NULL || object == NULL)
    return FALSE;
  return jm_outline_drop_object (JM_OUTLINE (outline), object,
                                 gtk_list_item_get_position (list_item));
}

/* GTK 4.8 gives a list row no name of its own: name it after its content,
 * so a screen reader says "Touchpoint: Calls support, Phone, moment of
 * truth" when the row gets the focus. */
static void
update_row_name (GtkListItem *list_item)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *row = child != NULL ? gtk_widget_get_parent (child) : NULL;
  GtkLabel *title = g_object_get_data (G_OBJECT (list_item), "jm-title");
  GtkLabel *detail = g_object_get_data (G_OBJECT (list_item), "jm-detail");
  GtkWidget *icon = g_object_get_data (G_OBJECT (list_item), "jm-icon");
  GtkWidget *star = g_object_get_data (G_OBJECT (list_item), "jm-star");
  const char *kind = g_object_get_data (G_OBJECT (list_item), "jm-kind");
  const char *channel = g_object_get_data (G_OBJECT (icon), "jm-channel");
  g_autoptr(GString) name = g_string_new (NULL);

  if (row == NULL || !GTK_IS_ACCESSIBLE (row))
    return;

  if (kind != NULL)
    /* Translators: a row of the outline, such as "Stage: Research". */
    g_string_append_printf (name, _("%s: %s"), _(kind), gtk_label_get_text (title));
  else
    g_string_append (name, gtk_label_get_text (title));
  if (*gtk_label_get_text (detail) != '\0')
    g_string_append_printf (name, _(", %s"), gtk_label_get_text (detail));
  if (channel != NULL && *channel != '\0')
    g_string_append_printf (name, _(", %s"), channel);
  if (gtk_widget_get_visible (star))
    g_string_append_printf (name, _(", %s"), _("moment of truth"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  JmOutline                *self)
{
  JmOutlineRow *row = JM_OUTLINE_ROW (jm_outline_row_new ());
  GtkWidget *expander = GTK_WIDGET (jm_outline_row_get_expander (row));
  GtkWidget *title = GTK_WIDGET (jm_outline_row_get_title (row));
  GtkWidget *detail = GTK_WIDGET (jm_outline_row_get_detail (row));
  GtkWidget *star = jm_outline_row_get_star (row);

  gtk_list_item_set_child (list_item, GTK_WIDGET (row));

  g_object_set_data (G_OBJECT (list_item), "jm-icon", jm_outline_row_get_icon (row));
  g_object_set_data (G_OBJECT (list_item), "jm-title", title);
  g_object_set_data (G_OBJECT (list_item), "jm-detail", detail);
  g_object_set_data (G_OBJECT (list_item), "jm-star", star);
  g_signal_connect_swapped (title, "notify::label", G_CALLBACK (update_row_name), list_item);
  g_signal_connect_swapped (detail, "notify::label", G_CALLBACK (update_row_name), list_item);
  g_signal_connect_swapped (star, "notify::visible", G_CALLBACK (update_row_name), list_item);

  {
    GtkDragSource *source = gtk_drag_source_new ();
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_OBJECT, GDK_ACTION_MOVE);

    gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
    g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), list_item);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
    g_signal_connect (target, "drop", G_CALLBACK (on_drop), list_item);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
  }
  g_object_set_data_full (G_OBJECT (list_item), "jm-bindings",
                          g_ptr_array_new_with_free_func (g_object_unref), free_bindings);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 JmOutline                *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  JmOutlineRow *row_widget = JM_OUTLINE_ROW (gtk_list_item_get_child (list_item));
  GtkTreeExpander *expander = jm_outline_row_get_expander (row_widget);
  GtkWidget *box = jm_outline_row_get_box (row_widget);
  GtkImage *icon = g_object_get_data (G_OBJECT (list_item), "jm-icon");
  GtkLabel *title = g_object_get_data (G_OBJECT (list_item), "jm-title");
  GtkLabel *detail = g_object_get_data (G_OBJECT (list_item), "jm-detail");
  GtkWidget *star = g_object_get_data (G_OBJECT (list_item), "jm-star");
  g_autoptr(GObject) item = row_object (row);

  gtk_tree_expander_set_list_row (expander, row);
  gtk_widget_set_visible (star, FALSE);
  set_row_channel (list_item, NULL);
  gtk_widget_remove_css_class (box, "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (title), "dim-label");
  gtk_label_set_text (detail, "");
  g_object_set_data (G_OBJECT (list_item), "jm-kind",
                     JM_IS_STAGE (item) ? (gpointer) N_("Stage") :
                     JM_IS_PERSONA (item) ? (gpointer) N_("Persona lane") :
                     JM_IS_OUTLINE_CELL (item) ? (gpointer) N_("Cell") :
                     JM_IS_TOUCHPOINT (item) ? (gpointer) N_("Touchpoint") : NULL);

  if (JM_IS_OUTLINE_SECTION (item))
    {
      JmOutlineSection *section = JM_OUTLINE_SECTION (item);

      gtk_image_set_from_icon_name (icon, section->kind == SECTION_STAGES ? "view-paged-symbolic"
                                                                         : "view-list-symbolic");
      gtk_label_set_text (title, section->kind == SECTION_STAGES ? _("Stages") : _("Lanes"));
      gtk_widget_add_css_class (box, "heading");
    }
  else if (JM_IS_STAGE (item))
    {
      gtk_image_set_from_icon_name (icon, "view-paged-symbolic");
      add_binding (list_item,
                   g_object_bind_property_full (item, "name", title, "label", G_BINDING_SYNC_CREATE,
                                                transform_name, NULL, (gpointer) N_("Unnamed stage"), NULL));
    }
  else if (JM_IS_PERSONA (item))
    {
      gtk_image_set_from_icon_name (icon, "avatar-default-symbolic");
      add_binding (list_item,
                   g_object_bind_property_full (item, "name", title, "label", G_BINDING_SYNC_CREATE,
                                                transform_name, NULL, (gpointer) N_("Unnamed persona"), NULL));
      add_binding (list_item,
                   g_object_bind_property_full (item, "role", detail, "label", G_BINDING_SYNC_CREATE,
                                                transform_detail, NULL, NULL, NULL));
    }
  else if (JM_IS_OUTLINE_CELL (item))
    {
      JmOutlineCell *cell = JM_OUTLINE_CELL (item);

      gtk_image_set_from_icon_name (icon, "view-grid-symbolic");
      add_binding (list_item,
                   g_object_bind_property_full (cell->stage, "name", title, "label", G_BINDING_SYNC_CREATE,
                                                transform_name, NULL, (gpointer) N_("Unnamed stage"), NULL));
      gtk_widget_add_css_class (GTK_WIDGET (title), "dim-label");
    }
  else if (JM_IS_TOUCHPOINT (item))
    {
      add_binding (list_item,
                   g_object_bind_property_full (item, "title", title, "label", G_BINDING_SYNC_CREATE,
                                                transform_name, NULL, (gpointer) N_("Untitled touchpoint"), NULL));
      /* The channel shows as the icon; its name goes in the tooltip and is
       * the icon's accessible name, leaving the row's width to the title. */
      g_signal_connect_object (item, "notify::channel", G_CALLBACK (on_touchpoint_channel), list_item, 0);
      on_touchpoint_channel (JM_TOUCHPOINT (item), NULL, list_item);
      add_binding (list_item,
                   g_object_bind_property (item, "moment-of-truth", star, "visible", G_BINDING_SYNC_CREATE));
    }

  update_row_name (list_item);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   JmOutline                *self)
{
  g_autoptr(GObject) item = row_object (gtk_list_item_get_item (list_item));

  unbind_all (g_object_get_data (G_OBJECT (list_item), "jm-bindings"));
  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_touchpoint_channel, list_item);
}

/* GObject. */

static void
jm_outline_dispose (GObject *object)
{
  JmOutline *self = JM_OUTLINE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->list_view = NULL;
  g_clear_handle_id (&self->show_all_source, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->tree);
  g_clear_object (&self->sections);
  g_clear_object (&self->stages);
  g_clear_object (&self->personas);
  g_clear_pointer (&self->lane_cells, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_object (&self->wanted);
  g_clear_object (&self->selected_object);
  jm_outline_set_shared_selection (self, NULL);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_clear_object (&self->map);

  G_OBJECT_CLASS (jm_outline_parent_class)->dispose (object);
}

static void
jm_outline_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  gtk_widget_measure (JM_OUTLINE (widget)->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
jm_outline_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  JmOutline *self = JM_OUTLINE (widget);

  if (!all_rows_shown (self))
    {
      guint fit = height / MIN_ROW_HEIGHT + 1;

      /* A taller outline than expected gets its rows in this same frame. */
      if (fit > gtk_slice_list_model_get_size (self->shown))
        gtk_slice_list_model_set_size (self->shown, fit);
      if (self->show_all_source == 0)
        self->show_all_source = g_idle_add_full (G_PRIORITY_LOW, show_more_rows, self, NULL);
    }
  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
}

static void
jm_outline_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JmOutline *self = JM_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_SELECTED_OBJECT:
      g_value_set_object (value, self->selected_object);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_outline_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JmOutline *self = JM_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_MAP:
      jm_outline_set_map (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_OBJECT:
      jm_outline_set_selected_object (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_outline_class_init (JmOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_outline_dispose;
  object_class->get_property = jm_outline_get_property;
  object_class->set_property = jm_outline_set_property;
  widget_class->measure = jm_outline_measure;
  widget_class->size_allocate = jm_outline_size_allocate;

  /**
   * JmOutline:map:
   *
   * The map shown, or %NULL.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, JM_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * JmOutline:selected-object:
   *
   * The selected #JmStage, #JmPersona or #JmTouchpoint; %NULL when nothing
   * or a heading or cell row is selected. Setting it selects that object's
   * row and scrolls to it.
   */
  properties[PROP_SELECTED_OBJECT] =
    g_param_spec_object ("selected-object", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmOutline::object-activated:
   * @object: the activated #JmStage, #JmPersona or #JmTouchpoint
   *
   * Emitted when the user activates an object's row (Enter, double click).
   */
  signals[OBJECT_ACTIVATED] =
    g_signal_new ("object-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /* The window owns the edits; the outline gives them their keys. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.move-down", NULL);

  gtk_widget_class_set_css_name (widget_class, "jmoutline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jm_outline_init (JmOutline *self)
{
  GtkListItemFactory *factory;

  self->sections = g_list_store_new (JM_TYPE_OUTLINE_SECTION);
  self->stages = g_list_store_new (JM_TYPE_STAGE);
  self->personas = g_list_store_new (JM_TYPE_PERSONA);
  self->lane_cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_object_unref);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->sections)), FALSE, TRUE,
                                        create_child_model, self, NULL);
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->tree)), 0, FIRST_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind), self, 0);

  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map outline"),
                                  -1);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_list_view_activate), self, G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list_view);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

/**
 * jm_outline_new:
 *
 * Returns: (transfer floating): a new outline showing no map
 */
GtkWidget *
jm_outline_new (void)
{
  return g_object_new (JM_TYPE_OUTLINE, NULL);
}

/**
 * jm_outline_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
JmMap *
jm_outline_get_map (JmOutline *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE (self), NULL);
  return self->map;
}

void
jm_outline_set_map (JmOutline *self,
                    JmMap     *map)
{
  g_return_if_fail (JM_IS_OUTLINE (self));
  g_return_if_fail (map == NULL || JM_IS_MAP (map));

  if (self->map == map)
    return;

  g_clear_object (&self->wanted);
  g_list_store_remove_all (self->sections);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (jm_map_get_history (self->map), self);
  g_set_object (&self->map, map);
  sync_with_map (self);
  if (map != NULL)
    {
      g_signal_connect_object (jm_map_get_history (map), "changed",
                               G_CALLBACK (sync_with_map), self, G_CONNECT_SWAPPED);

      g_autoptr(JmOutlineSection) stages = jm_outline_section_new (SECTION_STAGES);
      g_autoptr(JmOutlineSection) lanes = jm_outline_section_new (SECTION_LANES);

      g_list_store_append (self->sections, stages);
      g_list_store_append (self->sections, lanes);
    }
  update_selected_object (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * jm_outline_get_selected_object:
 *
 * Returns: (transfer none) (nullable): the selected #JmStage, #JmPersona or
 *   #JmTouchpoint
 */
gpointer
jm_outline_get_selected_object (JmOutline *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE (self), NULL);
  return self->selected_object;
}

/**
 * jm_outline_set_selected_object:
 * @object: (nullable): a #JmStage, #JmPersona or #JmTouchpoint of the map,
 *   or %NULL to clear the selection
 *
 * Selects the object's row and scrolls it into view.
 */
void
jm_outline_set_selected_object (JmOutline *self,
                                gpointer   object)
{
  guint position;

  g_return_if_fail (JM_IS_OUTLINE (self));
  g_return_if_fail (object == NULL || is_map_object (object));

  if (object == NULL)
    {
      g_clear_object (&self->wanted);
      select_position (self, GTK_INVALID_LIST_POSITION);
    }
  else
    {
      g_set_object (&self->wanted, object);
      if (find_row (self, object, &position))
        select_position (self, position);
    }
  update_selected_object (self);
  push_selection (self, object);
}

static void
on_shared_selection_changed (JmOutline *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  jm_outline_set_selected_object (self, jm_selection_get_current (self->shared));
  self->syncing = FALSE;
}

/**
 * jm_outline_set_shared_selection:
 * @selection: (nullable): the selection to share
 *
 * Makes the outline select the current object of @selection, and write
 * the rows chosen into it, so that the board and the inspector given the
 * same one follow the outline and the outline follows them.
 */
void
jm_outline_set_shared_selection (JmOutline   *self,
                                 JmSelection *selection)
{
  g_return_if_fail (JM_IS_OUTLINE (self));
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

/**
 * jm_outline_get_selected_cell:
 * @stage: (out) (transfer none) (optional): the stage of the selection
 * @persona: (out) (transfer none) (optional): the lane of the selection
 *
 * Tells where a new touchpoint belongs: the selected cell, or the cell of
 * the selected touchpoint; a selected stage or lane gives only that part.
 * What is not known is set to %NULL.
 */
void
jm_outline_get_selected_cell (JmOutline  *self,
                              JmStage   **stage,
                              JmPersona **persona)
{
  g_autoptr(GObject) item = NULL;
  JmStage *s = NULL;
  JmPersona *p = NULL;

  g_return_if_fail (JM_IS_OUTLINE (self));

  item = row_object (gtk_single_selection_get_selected_item (self->selection));
  if (self->map != NULL && item != NULL)
    {
      if (JM_IS_OUTLINE_CELL (item))
        {
          s = JM_OUTLINE_CELL (item)->stage;
          p = JM_OUTLINE_CELL (item)->persona;
        }
      else if (JM_IS_TOUCHPOINT (item))
        {
          s = jm_map_lookup_stage (self->map, jm_touchpoint_get_stage_id (JM_TOUCHPOINT (item)));
          p = jm_map_lookup_persona (self->map, jm_touchpoint_get_lane_id (JM_TOUCHPOINT (item)));
        }
      else if (JM_IS_STAGE (item))
        s = JM_STAGE (item);
      else if (JM_IS_PERSONA (item))
        p = JM_PERSONA (item);
    }

  if (stage != NULL)
    *stage = s;
  if (persona != NULL)
    *persona = p;
}

/**
 * jm_outline_get_rows:
 *
 * Returns: (transfer none): the visible rows, as a #GListModel of
 *   #GtkTreeListRow
 */
GListModel *
jm_outline_get_rows (JmOutline *self)
{
  g_return_val_if_fail (JM_IS_OUTLINE (self), NULL);
  return G_LIST_MODEL (self->tree);
}

/**
 * jm_outline_drop_object:
 * @object: the dragged #JmStage, #JmPersona or #JmTouchpoint
 * @position: the row it was dropped on
 *
 * Moves @object to where it was dropped, as one undoable step: a stage or
 * lane to the place of the stage or lane dropped on; a touchpoint before the
 * touchpoint dropped on, or to the end of the cell dropped on.
 *
 * Returns: %TRUE if the drop moved something
 */
gboolean
jm_outline_drop_object (JmOutline *self,
                        gpointer   object,
                        guint      position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(GObject) target = NULL;
  JmMap *map;
  guint to;

  g_return_val_if_fail (JM_IS_OUTLINE (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);

  map = self->map;
  row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  target = row_object (row);
  if (map == NULL || target == NULL || target == object)
    return FALSE;

  if (JM_IS_STAGE (object))
    {
      JmStage *stage = JM_IS_OUTLINE_CELL (target) ? JM_OUTLINE_CELL (target)->stage
                                                  : JM_IS_STAGE (target) ? JM_STAGE (target) : NULL;

      if (stage == NULL || stage == object || !jm_map_find_stage (map, stage, &to))
        return FALSE;
      jm_edits_move_stage_to (map, object, to);
    }
  else if (JM_IS_PERSONA (object))
    {
      JmPersona *persona = JM_IS_OUTLINE_CELL (target) ? JM_OUTLINE_CELL (target)->persona
                          : JM_IS_PERSONA (target) ? JM_PERSONA (target)
                          : JM_IS_TOUCHPOINT (target)
                            ? jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (JM_TOUCHPOINT (target)))
                            : NULL;

      if (persona == NULL || persona == object || !jm_map_find_persona (map, persona, &to))
        return FALSE;
      jm_edits_move_persona_to (map, object, to);
    }
  else if (JM_IS_TOUCHPOINT (object))
    {
      g_autoptr(GPtrArray) cards = g_ptr_array_new ();
      JmTouchpoint *touchpoint = object;
      JmTouchpoint *before = NULL;
      JmStage *stage = NULL;
      JmPersona *persona = NULL;

      if (JM_IS_OUTLINE_CELL (target))
        {
          stage = JM_OUTLINE_CELL (target)->stage;
          persona = JM_OUTLINE_CELL (target)->persona;
        }
      else if (JM_IS_TOUCHPOINT (target))
        {
          stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (JM_TOUCHPOINT (target)));
          persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (JM_TOUCHPOINT (target)));
          before = JM_TOUCHPOINT (target);
        }
      else if (JM_IS_STAGE (target))
        {
          stage = JM_STAGE (target);
          persona = jm_map_lookup_persona (map, jm_touchpoint_get_lane_id (touchpoint));
        }
      else if (JM_IS_PERSONA (target))
        {
          stage = jm_map_lookup_stage (map, jm_touchpoint_get_stage_id (touchpoint));
          persona = JM_PERSONA (target);
        }
      if (stage == NULL || persona == NULL)
        return FALSE;
      g_ptr_array_add (cards, touchpoint);
      jm_edits_move_cards_to_cell (map, cards, stage, persona, before);
    }
  else
    return FALSE;

  jm_outline_set_selected_object (self, object);
  return TRUE;
}
