/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-level-row.c: one rating level of a competency card: a radio button,
 * the level's name and its anchor text, a row of a preferences group.
 *
 * It looks and acts like an activatable AdwActionRow, but measures its
 * wrapping text only at the width it is given. An action row's header is
 * a horizontal box, which asks each child its width for its height when
 * it allocates; GTK 4.8's label answers that by a binary search of a
 * dozen layouts of the whole anchor text, for every row of every card,
 * the largest part of opening a scorecard. Here the text's width is its
 * width for no height, and its height is asked for the width it gets. */
#include "config.h"

#include "ik-level-row.h"

#define SPACING 12        /* between the button and the text */
#define TEXT_SPACING 3    /* between the title and the subtitle */

/* The row's content: the button, the title and the subtitle, laid out by
 * hand. */
#define IK_TYPE_LEVEL_ROW_CONTENT (ik_level_row_content_get_type ())
G_DECLARE_FINAL_TYPE (IkLevelRowContent, ik_level_row_content, IK, LEVEL_ROW_CONTENT, GtkWidget)

struct _IkLevelRowContent
{
  GtkWidget  parent_instance;

  GtkWidget *check;
  GtkWidget *title;
  GtkWidget *subtitle;
};

G_DEFINE_FINAL_TYPE (IkLevelRowContent, ik_level_row_content, GTK_TYPE_WIDGET)

/* The heights of the title and the subtitle (0 when it is hidden) at
 * @width: only ever asked at the width they get. */
static void
measure_text_heights (IkLevelRowContent *self,
                      int                width,
                      int                minimum[2],
                      int                natural[2])
{
  minimum[1] = natural[1] = 0;
  gtk_widget_measure (self->title, GTK_ORIENTATION_VERTICAL, width, &minimum[0], &natural[0], NULL, NULL);
  if (gtk_widget_get_visible (self->subtitle))
    gtk_widget_measure (self->subtitle, GTK_ORIENTATION_VERTICAL, width, &minimum[1], &natural[1], NULL, NULL);
}

/* Both, one above the other. */
static int
stacked (const int heights[2])
{
  return heights[0] + (heights[1] > 0 ? TEXT_SPACING + heights[1] : 0);
}

static void
ik_level_row_content_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  IkLevelRowContent *self = IK_LEVEL_ROW_CONTENT (widget);
  int check_min = 0, check_nat = 0;

  gtk_widget_measure (self->check, orientation, -1, &check_min, &check_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Whatever the height: the text's widths for no height. */
      int title_min = 0, title_nat = 0, sub_min = 0, sub_nat = 0;

      gtk_widget_measure (self->title, orientation, -1, &title_min, &title_nat, NULL, NULL);
      if (gtk_widget_get_visible (self->subtitle))
        gtk_widget_measure (self->subtitle, orientation, -1, &sub_min, &sub_nat, NULL, NULL);
      *minimum = check_min + SPACING + MAX (title_min, sub_min);
      *natural = check_nat + SPACING + MAX (title_nat, sub_nat);
    }
  else
    {
      int text_min[2], text_nat[2];
      int text_width = for_size < 0 ? -1 : MAX (for_size - check_nat - SPACING, 0);

      measure_text_heights (self, text_width, text_min, text_nat);
      *minimum = MAX (check_min, stacked (text_min));
      *natural = MAX (check_nat, stacked (text_nat));
    }
}

static GtkSizeRequestMode
ik_level_row_content_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ik_level_row_content_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  IkLevelRowContent *self = IK_LEVEL_ROW_CONTENT (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int check_width = 0, check_height = 0, text_width, y;
  int unused[2], heights[2];

  gtk_widget_measure (self->check, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &check_width, NULL, NULL);
  gtk_widget_measure (self->check, GTK_ORIENTATION_VERTICAL, -1, NULL, &check_height, NULL, NULL);
  check_width = MIN (check_width, width);
  gtk_widget_allocate (self->check, check_width, check_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? width - check_width : 0,
                                                                            (height - check_height) / 2)));

  /* The text beside the button, centred as a whole. */
  text_width = MAX (width - check_width - SPACING, 0);
  measure_text_heights (self, text_width, unused, heights);
  y = MAX ((height - stacked (heights)) / 2, 0);
  gtk_widget_allocate (self->title, text_width, heights[0], -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? 0 : width - text_width, y)));
  if (heights[1] > 0)
    gtk_widget_allocate (self->subtitle, text_width, heights[1], -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? 0 : width - text_width,
                                                                              y + heights[0] + TEXT_SPACING)));
}

static void
ik_level_row_content_dispose (GObject *object)
{
  IkLevelRowContent *self = IK_LEVEL_ROW_CONTENT (object);

  g_clear_pointer (&self->check, gtk_widget_unparent);
  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->subtitle, gtk_widget_unparent);

  G_OBJECT_CLASS (ik_level_row_content_parent_class)->dispose (object);
}

static void
ik_level_row_content_class_init (IkLevelRowContentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_level_row_content_dispose;
  widget_class->measure = ik_level_row_content_measure;
  widget_class->get_request_mode = ik_level_row_content_get_request_mode;
  widget_class->size_allocate = ik_level_row_content_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "box");
}

static GtkWidget *
new_text_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Its minimum is 20 characters, not one character per line (a layout
   * of the whole text at width 0). */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
ik_level_row_content_init (IkLevelRowContent *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_add_css_class (widget, "header");
  /* One level of a group: a radio button for a screen reader too. */
  self->check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                              NULL);
  gtk_widget_set_parent (self->check, widget);
  self->title = new_text_label ("title");
  gtk_widget_set_parent (self->title, widget);
  self->subtitle = new_text_label ("subtitle");
  gtk_widget_set_visible (self->subtitle, FALSE);
  gtk_widget_set_parent (self->subtitle, widget);
}

/* The row ***********************************************************************/

struct _IkLevelRow
{
  AdwPreferencesRow  parent_instance;

  IkLevelRowContent *content;
  GtkWidget         *list;   /* the list box whose activations are followed */
};

G_DEFINE_FINAL_TYPE (IkLevelRow, ik_level_row, ADW_TYPE_PREFERENCES_ROW)

/* A click on the row or Enter on it chooses the level, as an action row
 * with an activatable widget does. */
static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  IkLevelRow    *self)
{
  if (row == GTK_LIST_BOX_ROW (self) && gtk_widget_is_sensitive (self->content->check))
    gtk_widget_activate (self->content->check);
}

static void
follow_list (IkLevelRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, on_row_activated, self);
      g_clear_weak_pointer (&self->list);
    }
  if (GTK_IS_LIST_BOX (parent))
    {
      g_set_weak_pointer (&self->list, parent);
      g_signal_connect (parent, "row-activated", G_CALLBACK (on_row_activated), self);
    }
}

static void
ik_level_row_dispose (GObject *object)
{
  IkLevelRow *self = IK_LEVEL_ROW (object);

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, on_row_activated, self);
      g_clear_weak_pointer (&self->list);
    }

  G_OBJECT_CLASS (ik_level_row_parent_class)->dispose (object);
}

static void
ik_level_row_class_init (IkLevelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ik_level_row_dispose;
}

static void
ik_level_row_init (IkLevelRow *self)
{
  self->content = g_object_new (IK_TYPE_LEVEL_ROW_CONTENT, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->content));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "level-row");
  g_signal_connect (self, "notify::parent", G_CALLBACK (follow_list), NULL);
}

/**
 * ik_level_row_new:
 * @title: the level's name, plain text (also the row's title)
 * @subtitle: (nullable): its anchor, plain text
 *
 * Returns: (transfer floating): a new #IkLevelRow, named by its title
 */
GtkWidget *
ik_level_row_new (const char *title,
                  const char *subtitle)
{
  IkLevelRow *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (IK_TYPE_LEVEL_ROW, "use-markup", FALSE, "title", title, NULL);
  gtk_label_set_text (GTK_LABEL (self->content->title), title);
  if (subtitle != NULL && *subtitle != '\0')
    {
      gtk_label_set_text (GTK_LABEL (self->content->subtitle), subtitle);
      gtk_widget_set_visible (self->content->subtitle, TRUE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

/**
 * ik_level_row_get_check:
 *
 * Returns: (transfer none): the row's radio button (a GtkCheckButton)
 */
GtkWidget *
ik_level_row_get_check (IkLevelRow *self)
{
  g_return_val_if_fail (IK_IS_LEVEL_ROW (self), NULL);

  return self->content->check;
}

/**
 * ik_level_row_get_subtitle:
 *
 * Returns: (nullable): the anchor shown, or %NULL for none
 */
const char *
ik_level_row_get_subtitle (IkLevelRow *self)
{
  g_return_val_if_fail (IK_IS_LEVEL_ROW (self), NULL);

  if (!gtk_widget_get_visible (self->content->subtitle))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->content->subtitle));
}
