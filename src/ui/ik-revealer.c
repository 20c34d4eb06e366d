/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-revealer.c: revealers that are hidden while closed.
 *
 * GTK 4.8 styles and measures a closed revealer's child on every layout
 * (gtk_revealer_measure() measures it, then scales the result by zero):
 * the window's banners, whose messages wrap, were laid out at each size
 * change of a window that showed none of them. A revealer that is not
 * visible is neither styled nor measured, nor in the accessibility tree
 * (the window's error banner has its status element outside). Where the
 * revealer must stay shown (a GtkSearchBar's, for its key capture), what
 * it holds is hidden instead. */
#include "config.h"

#include "ik-revealer.h"

/* Hides @hidden (the revealer or what it holds) once @revealer is
 * closed and its transition is over. */
static void
hide_when_closed (GtkRevealer *revealer,
                  GParamSpec  *pspec,
                  GtkWidget   *hidden)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (hidden, FALSE);
}

static void
show_when_opened (GtkRevealer *revealer,
                  GParamSpec  *pspec,
                  GtkWidget   *content)
{
  if (gtk_revealer_get_reveal_child (revealer))
    gtk_widget_set_visible (content, TRUE);
}

/**
 * ik_revealer_set_revealed:
 * @revealer: a revealer
 * @revealed: whether its child is to be shown
 *
 * Shows @revealer and reveals its child, with its transition when it is
 * in a mapped window; or closes it and hides it once the child is out of
 * sight. Start such a revealer hidden (visible set to false in its
 * template).
 */
void
ik_revealer_set_revealed (GtkRevealer *revealer,
                          gboolean     revealed)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));

  if (g_object_get_data (G_OBJECT (revealer), "ik-revealer-hides") == NULL)
    {
      g_object_set_data (G_OBJECT (revealer), "ik-revealer-hides", GINT_TO_POINTER (TRUE));
      g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (hide_when_closed), revealer);
    }

  /* Shown first, so that it is mapped (in a mapped parent) and the
   * transition runs. */
  if (revealed)
    gtk_widget_set_visible (GTK_WIDGET (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, revealed);
  /* Closed without a transition (not mapped): no notification comes. */
  hide_when_closed (revealer, NULL, GTK_WIDGET (revealer));
}

/**
 * ik_revealer_hide_content_while_closed:
 * @revealer: a revealer that something else opens and closes (the one
 *   inside a GtkSearchBar)
 * @content: a widget inside it
 *
 * Hides @content whenever @revealer is closed and its transition is over,
 * and shows it as @revealer opens: the revealer itself stays shown.
 */
void
ik_revealer_hide_content_while_closed (GtkRevealer *revealer,
                                       GtkWidget   *content)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));
  g_return_if_fail (GTK_IS_WIDGET (content) && gtk_widget_is_ancestor (content, GTK_WIDGET (revealer)));

  g_signal_connect (revealer, "notify::reveal-child", G_CALLBACK (show_when_opened), content);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (hide_when_closed), content);
  show_when_opened (revealer, NULL, content);
  hide_when_closed (revealer, NULL, content);
}
