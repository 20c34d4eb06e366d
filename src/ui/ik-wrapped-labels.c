/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-wrapped-labels.c: wrapping labels that GTK 4.8 can measure cheaply. */
#include "config.h"

#include "ik-wrapped-labels.h"

/* More lines than a real rating anchor, area or question ever takes at the
 * narrowest width; a longer text ends in an ellipsis there. */
#define WRAPPED_LABEL_MAX_LINES 60
/* The narrowest a long text is laid out at: about 140 px. */
#define WRAPPED_LABEL_MIN_CHARS 20

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
 * change, unless it needs more than 60 lines there. Call it once the
 * labels have their text.
 */
void
ik_wrapped_labels_measure_cheaply (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)))
    {
      GtkLabel *label = GTK_LABEL (root);

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
