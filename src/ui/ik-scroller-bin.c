/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scroller-bin.c: holds a scrolled window whose height is not its
 * content's.
 *
 * GTK 4.8's GtkScrolledWindow measures its content for every size asked of
 * it, even when the answer cannot change its own (a vertical scrollbar,
 * natural height not propagated). Asked for its height without a width, as
 * AdwLeaflet and the view stack ask their pages, it asks the content the
 * same, and each wrapping label in it then lays its whole text out at width
 * 0, one character per line (GtkLabel's smallest layout), only for the
 * result to be thrown away. On a scorecard that was most of the time to
 * its first frame.
 *
 * Its parents also ask for its height at widths it never gets (the
 * leaflet and the stack ask at its narrowest, for their own minimum), and
 * for its width at heights, each a full layout of every label in it.
 *
 * This bin answers those questions itself: it needs no height (the
 * scrolled window scrolls), and its width is the content's narrowest,
 * which does not depend on a height. The content is laid out only at the
 * width the bin is given.
 */
#include "config.h"

#include "ik-scroller-bin.h"

struct _IkScrollerBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (IkScrollerBin, ik_scroller_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkSizeRequestMode
ik_scroller_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Whether the scrolled window's height is its own, not its content's: it
 * scrolls vertically and does not ask for its content's natural height. */
static gboolean
height_is_own (GtkWidget *child)
{
  GtkScrolledWindow *scrolled;
  GtkPolicyType vpolicy;

  if (!GTK_IS_SCROLLED_WINDOW (child))
    return FALSE;
  scrolled = GTK_SCROLLED_WINDOW (child);
  gtk_scrolled_window_get_policy (scrolled, NULL, &vpolicy);
  return vpolicy != GTK_POLICY_NEVER && !gtk_scrolled_window_get_propagate_natural_height (scrolled);
}

static void
ik_scroller_bin_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  IkScrollerBin *self = IK_SCROLLER_BIN (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_get_visible (self->child))
    return;
  if (!height_is_own (self->child))
    {
      gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }
  /* Its height is what it was given to show at least: it scrolls. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = MAX (0, gtk_scrolled_window_get_min_content_height (GTK_SCROLLED_WINDOW (self->child)));
      return;
    }
  /* Its width is its content's narrowest, whatever its height. */
  gtk_widget_measure (self->child, orientation, -1, minimum, natural, NULL, NULL);
}

static void
ik_scroller_bin_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  IkScrollerBin *self = IK_SCROLLER_BIN (widget);
  int min = 0;

  if (self->child == NULL || !gtk_widget_get_visible (self->child))
    return;
  /* Measured for this width (a no-op when it was): GTK allocates only
   * what was measured since it last changed. */
  gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, width, &min, NULL, NULL, NULL);
  gtk_widget_allocate (self->child, width, height, -1, NULL);
}

static void
ik_scroller_bin_compute_expand (GtkWidget *widget,
                                gboolean  *hexpand,
                                gboolean  *vexpand)
{
  IkScrollerBin *self = IK_SCROLLER_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
ik_scroller_bin_get_child (IkScrollerBin *self)
{
  g_return_val_if_fail (IK_IS_SCROLLER_BIN (self), NULL);

  return self->child;
}

void
ik_scroller_bin_set_child (IkScrollerBin *self,
                           GtkWidget     *child)
{
  g_return_if_fail (IK_IS_SCROLLER_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
ik_scroller_bin_new (void)
{
  return g_object_new (IK_TYPE_SCROLLER_BIN, NULL);
}

static void
ik_scroller_bin_dispose (GObject *object)
{
  IkScrollerBin *self = IK_SCROLLER_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (ik_scroller_bin_parent_class)->dispose (object);
}

static void
ik_scroller_bin_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IkScrollerBin *self = IK_SCROLLER_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scroller_bin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IkScrollerBin *self = IK_SCROLLER_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      ik_scroller_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scroller_bin_class_init (IkScrollerBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_scroller_bin_dispose;
  object_class->get_property = ik_scroller_bin_get_property;
  object_class->set_property = ik_scroller_bin_set_property;
  widget_class->get_request_mode = ik_scroller_bin_get_request_mode;
  widget_class->measure = ik_scroller_bin_measure;
  widget_class->size_allocate = ik_scroller_bin_size_allocate;
  widget_class->compute_expand = ik_scroller_bin_compute_expand;

  /**
   * IkScrollerBin:child:
   *
   * The scrolled window it holds.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "scrollerbin");
}

static void
ik_scroller_bin_init (IkScrollerBin *self)
{
}
