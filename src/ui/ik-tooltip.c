/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-tooltip.c: tooltips without waiting for the X server.
 *
 * GTK 4.8's gtk_widget_set_tooltip_text() asks where the pointer is
 * whenever it is called on a visible widget, whether or not the widget is
 * in a window: on X11 three round trips to the server (the client
 * pointer, the pointer's position, a sync), each a wait for the server.
 * Binding the rows of the bank list set a tooltip (mostly none) on each:
 * 51 rows waited for the X server some 150 times on the way to the
 * library's first frame, and every row of the interview list three times
 * for each of its buttons. */
#include "config.h"

#include "ik-tooltip.h"

/**
 * ik_widget_set_tooltip_text:
 * @widget: a widget
 * @text: (nullable): the tooltip, or %NULL (or "") for none
 *
 * gtk_widget_set_tooltip_text(), which asks nothing of the display when
 * the tooltip does not change, nor for a widget that is in no window yet
 * (a row or a button being built): it is then set while the widget is
 * hidden for an instant. Call it before connecting to the widget's
 * notify::visible.
 */
void
ik_widget_set_tooltip_text (GtkWidget  *widget,
                            const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;

  if (gtk_widget_get_parent (widget) == NULL && !GTK_IS_NATIVE (widget) &&
      gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
      return;
    }
  gtk_widget_set_tooltip_text (widget, text);
}
