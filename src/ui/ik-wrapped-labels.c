/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-wrapped-labels.c: wrapping labels that GTK 4.8 can measure cheaply. */
#include "config.h"

#include <adwaita.h>

#include "ik-text-layout.h"
#include "ik-wrapped-labels.h"

/* More lines than a real rating anchor, area or question ever takes at the
 * narrowest width; a longer text ends in an ellipsis there. */
#define WRAPPED_LABEL_MAX_LINES 60
/* The narrowest a long text is laid out at: about 140 px. */
#define WRAPPED_LABEL_MIN_CHARS 20
/* statuspage > scrolledwindow > viewport > box > clamp > box
 * { border-spacing: 12px } (the same in compact status pages) */
#define STATUS_PAGE_TEXT_SPACING 12

/* Whether @label's text on one line is at least @n_chars wide, as GTK
 * counts characters for width-chars (the wider of a character and a digit
 * on average). */
static gboolean
wider_than_chars (GtkLabel *label,
                  int       n_chars)
{
  GtkWidget *widget = GTK_WIDGET (label);
  PangoContext *context;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontMetrics *metrics;
  int char_width;
  int width = 0;

  if (g_utf8_strlen (gtk_label_get_text (label), -1) < n_chars)
    return FALSE;
  context = gtk_widget_get_pango_context (widget);
  metrics = pango_context_get_metrics (context, NULL, NULL);
  char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                    pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);
  layout = gtk_widget_create_pango_layout (widget, gtk_label_get_text (label));
  pango_layout_get_size (layout, &width, NULL);
  return width >= char_width * n_chars;
}

/* The box holding @label, when it is one that GTK's box layout would
 * measure by binary searches (see ik-text-layout.c) and nothing changes
 * its layout afterwards: libadwaita's title boxes of rows and labels boxes
 * of group headers, and a check button (its label and indicator). Returns
 * the spacing the theme gives it in @spacing. */
static GtkWidget *
text_box_of (GtkWidget      *label,
             GtkOrientation *orientation,
             int            *spacing)
{
  GtkWidget *parent = gtk_widget_get_parent (label);
  GtkWidget *grandparent = parent != NULL ? gtk_widget_get_parent (parent) : NULL;

  if (GTK_IS_CHECK_BUTTON (parent))
    {
      /* checkbutton { border-spacing: 4px } */
      *orientation = GTK_ORIENTATION_HORIZONTAL;
      *spacing = 4;
      return parent;
    }
  if (!GTK_IS_BOX (parent) || grandparent == NULL || !gtk_widget_has_css_class (grandparent, "header")
      || !GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (parent))
      || gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) != GTK_ORIENTATION_VERTICAL)
    return NULL;
  *orientation = GTK_ORIENTATION_VERTICAL;
  /* row > box.header > box.title { border-spacing: 3px },
   * preferencesgroup > box .labels { border-spacing: 6px } */
  if (gtk_widget_has_css_class (parent, "title"))
    *spacing = 3;
  else if (gtk_widget_has_css_class (parent, "labels"))
    *spacing = 6;
  else
    return NULL;
  return parent;
}

/**
 * ik_wrapped_labels_measure_cheaply:
 * @root: a widget
 *
 * Makes every wrapping label under @root, including those inside
 * libadwaita's rows and groups, which have no setters, cheap to measure.
 * GTK 4.8 lays a wrapping label's whole text out for each size asked:
 *
 * - its minimum width at width 0, one character per line (about 1.4 ms
 *   for a 250 character rating anchor);
 * - its width for a height, which a horizontal box (a row's, a group's
 *   header) asks of each child when it allocates, by a binary search over
 *   widths: a dozen layouts.
 *
 * A minimum of 20 characters (for texts wider than that) and an ellipsis
 * after 60 lines make the first a layout of a few lines, and a natural
 * width of the text on one line (natural-wrap-mode "none") makes the
 * second one layout. What is shown at the width a label is given does not
 * change, unless it needs more than 60 lines there.
 *
 * The boxes that hold such labels in libadwaita's rows and group headers,
 * and check buttons with a wrapping label, are laid out by an
 * #IkTextLayout, which answers a width for a height without laying the
 * text out. Call it once the labels have their text.
 */
void
ik_wrapped_labels_measure_cheaply (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)))
    {
      GtkLabel *label = GTK_LABEL (root);
      GtkOrientation orientation;
      int spacing;
      GtkWidget *box = text_box_of (root, &orientation, &spacing);

      if (box != NULL)
        ik_text_layout_adopt (box, orientation, spacing);
      gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
      /* Only where the text on one line is wider: GTK 4.8 warns when
       * width-chars make the minimum exceed that natural width. */
      if (gtk_label_get_width_chars (label) < 0 && wider_than_chars (label, WRAPPED_LABEL_MIN_CHARS))
        gtk_label_set_width_chars (label, WRAPPED_LABEL_MIN_CHARS);
      if (gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE)
        {
          gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          gtk_label_set_lines (label, WRAPPED_LABEL_MAX_LINES);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ik_wrapped_labels_measure_cheaply (child);
}

/* The box of @page's icon, title and description, or %NULL when
 * libadwaita builds a status page otherwise than its version 1.2 does. */
static GtkWidget *
status_page_text_box (AdwStatusPage *page)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (page));
  GtkWidget *viewport, *outer, *clamp, *box;

  if (!GTK_IS_SCROLLED_WINDOW (scrolled))
    return NULL;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (!GTK_IS_VIEWPORT (viewport))
    return NULL;
  outer = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  clamp = outer != NULL ? gtk_widget_get_first_child (outer) : NULL;
  if (!GTK_IS_BOX (outer) || !ADW_IS_CLAMP (clamp))
    return NULL;
  box = adw_clamp_get_child (ADW_CLAMP (clamp));
  if (!GTK_IS_BOX (box) || !GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (box))
      || gtk_orientable_get_orientation (GTK_ORIENTABLE (box)) != GTK_ORIENTATION_VERTICAL)
    return NULL;
  return box;
}

/**
 * ik_status_pages_measure_cheaply:
 * @root: a widget
 *
 * Lays out the icon, title and description of every #AdwStatusPage under
 * @root (@root included) with an #IkTextLayout. A status page's box is
 * asked for its width at a height whenever the page is allocated, and
 * GTK 4.8 answers that by laying its title and description out at a dozen
 * widths each (80 layouts to show "No Question Selected" once the library
 * is loaded). What is shown does not change.
 */
void
ik_status_pages_measure_cheaply (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_STATUS_PAGE (root))
    {
      GtkWidget *box = status_page_text_box (ADW_STATUS_PAGE (root));

      if (box != NULL)
        ik_text_layout_adopt (box, GTK_ORIENTATION_VERTICAL, STATUS_PAGE_TEXT_SPACING);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ik_status_pages_measure_cheaply (child);
}
