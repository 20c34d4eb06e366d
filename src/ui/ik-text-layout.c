/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-text-layout.c: a box layout for wrapping text whose width does not
 * depend on its height.
 *
 * GTK 4.8's box layout asks a child that wraps text for its width at a
 * given height by a binary search over widths, each step a layout of the
 * whole text, and a horizontal box asks that of each child whenever it is
 * measured for a width or allocated (a binary search over heights). Boxes
 * of wrapping text inside horizontal boxes, as in every libadwaita row and
 * group header and in a check button with a wrapping label, multiply the
 * two: a 230 character group description was laid out 22 times, and an
 * area to cover in the live view 88 times, to show the view once.
 *
 * This layout answers with the widths the children have for no height, and
 * lays the text out only at the width it gets: a horizontal one gives its
 * children their natural widths as far as they fit, the rest to those that
 * expand (as GtkBoxLayout does); a vertical one stacks them at its width.
 * What is shown does not change; only the questions GTK asks are answered
 * without laying text out at widths it never gets.
 */
#include "config.h"

#include "ik-text-layout.h"

struct _IkTextLayout
{
  GtkLayoutManager parent_instance;

  GtkOrientation   orientation;
  int              spacing;
};

G_DEFINE_FINAL_TYPE (IkTextLayout, ik_text_layout, GTK_TYPE_LAYOUT_MANAGER)

/* The children that take part in the layout, first to last. */
static GPtrArray *
visible_children (GtkWidget *widget)
{
  GPtrArray *children = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      g_ptr_array_add (children, child);
  return children;
}

static int
total_spacing (IkTextLayout *self,
               guint         n_children)
{
  return n_children > 1 ? self->spacing * (int) (n_children - 1) : 0;
}

/* Gives each child of @children a size along @orientation out of @size,
 * as GtkBoxLayout does: its minimum, then up to its natural size, then the
 * rest shared by those that expand. @for_size is the other dimension
 * (-1 for none). */
static void
distribute (IkTextLayout   *self,
            GPtrArray      *children,
            GtkOrientation  orientation,
            int             size,
            int             for_size,
            int            *sizes)
{
  g_autofree GtkRequestedSize *requested = g_new0 (GtkRequestedSize, MAX (children->len, 1));
  int extra = size - total_spacing (self, children->len);
  guint n_expand = 0;

  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);

      gtk_widget_measure (child, orientation, for_size,
                          &requested[i].minimum_size, &requested[i].natural_size, NULL, NULL);
      requested[i].data = child;
      extra -= requested[i].minimum_size;
      if (gtk_widget_compute_expand (child, orientation))
        n_expand++;
    }
  if (extra > 0)
    extra = gtk_distribute_natural_allocation (extra, children->len, requested);
  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);

      sizes[i] = requested[i].minimum_size;
      if (extra > 0 && n_expand > 0 && gtk_widget_compute_expand (child, orientation))
        {
          int share = extra / (int) n_expand;

          sizes[i] += share;
          extra -= share;
          n_expand--;
        }
    }
}

static GtkSizeRequestMode
ik_text_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ik_text_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  IkTextLayout *self = IK_TEXT_LAYOUT (manager);
  g_autoptr(GPtrArray) children = visible_children (widget);
  g_autofree int *widths = NULL;

  *minimum = *natural = 0;
  if (children->len == 0)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Whatever the height: the widths for none. */
      for (guint i = 0; i < children->len; i++)
        {
          int child_min = 0, child_nat = 0;

          gtk_widget_measure (g_ptr_array_index (children, i), orientation, -1, &child_min, &child_nat, NULL, NULL);
          if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
            {
              *minimum += child_min;
              *natural += child_nat;
            }
          else
            {
              *minimum = MAX (*minimum, child_min);
              *natural = MAX (*natural, child_nat);
            }
        }
      if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += total_spacing (self, children->len);
          *natural += total_spacing (self, children->len);
        }
      return;
    }

  /* A height: each child's at the width it would get. */
  if (self->orientation == GTK_ORIENTATION_HORIZONTAL && for_size >= 0)
    {
      widths = g_new (int, children->len);
      distribute (self, children, GTK_ORIENTATION_HORIZONTAL, for_size, -1, widths);
    }
  for (guint i = 0; i < children->len; i++)
    {
      int child_min = 0, child_nat = 0;

      gtk_widget_measure (g_ptr_array_index (children, i), orientation, widths != NULL ? widths[i] : for_size,
                          &child_min, &child_nat, NULL, NULL);
      if (self->orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
  if (self->orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum += total_spacing (self, children->len);
      *natural += total_spacing (self, children->len);
    }
}

static void
ik_text_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  IkTextLayout *self = IK_TEXT_LAYOUT (manager);
  g_autoptr(GPtrArray) children = visible_children (widget);
  g_autofree int *sizes = g_new (int, MAX (children->len, 1));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int position = 0;

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    distribute (self, children, GTK_ORIENTATION_HORIZONTAL, width, -1, sizes);
  else
    distribute (self, children, GTK_ORIENTATION_VERTICAL, height, width, sizes);

  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);
      graphene_point_t origin;

      if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          origin = GRAPHENE_POINT_INIT (rtl ? width - position - sizes[i] : position, 0);
          gtk_widget_allocate (child, sizes[i], height, -1, gsk_transform_translate (NULL, &origin));
        }
      else
        {
          origin = GRAPHENE_POINT_INIT (0, position);
          gtk_widget_allocate (child, width, sizes[i], -1, gsk_transform_translate (NULL, &origin));
        }
      position += sizes[i] + self->spacing;
    }
}

static void
ik_text_layout_class_init (IkTextLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = ik_text_layout_get_request_mode;
  layout_class->measure = ik_text_layout_measure;
  layout_class->allocate = ik_text_layout_allocate;
}

static void
ik_text_layout_init (IkTextLayout *self)
{
}

/**
 * ik_text_layout_new:
 * @orientation: side by side, or one above the other
 * @spacing: between the children, in pixels
 *
 * Returns: (transfer full): a new #IkTextLayout
 */
GtkLayoutManager *
ik_text_layout_new (GtkOrientation orientation,
                    int            spacing)
{
  IkTextLayout *self = g_object_new (IK_TYPE_TEXT_LAYOUT, NULL);

  self->orientation = orientation;
  self->spacing = MAX (spacing, 0);
  return GTK_LAYOUT_MANAGER (self);
}

/**
 * ik_text_layout_adopt:
 * @widget: a widget whose children are laid out by a layout manager (a
 *   box that nothing changes the orientation or spacing of after this:
 *   GtkBox's setters for them expect its own layout)
 * @orientation: side by side, or one above the other
 * @spacing: between the children, in pixels (the theme's border-spacing
 *   of @widget, which a layout of our own cannot read)
 *
 * Lays @widget's children out with an #IkTextLayout from now on.
 */
void
ik_text_layout_adopt (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             spacing)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (IK_IS_TEXT_LAYOUT (gtk_widget_get_layout_manager (widget)))
    return;
  gtk_widget_set_layout_manager (widget, ik_text_layout_new (orientation, spacing));
}
