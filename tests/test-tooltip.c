/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik_widget_set_tooltip_text() (issue 15): the same tooltips as
 * gtk_widget_set_tooltip_text(), without GTK 4.8's trips to the X server
 * for a widget in no window yet or a tooltip that does not change. The
 * requests sent to the X server are counted (XNextRequest()). */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "ik-tooltip.h"
#include "ik-ui-test-util.h"

static Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (!GDK_IS_X11_DISPLAY (display))
    return NULL;
  return gdk_x11_display_get_xdisplay (display);
}

/* The X requests sent while @func ran. */
static gulong
requests_during (void (*func) (gpointer),
                 gpointer data)
{
  Display *x = x_display ();
  gulong before = XNextRequest (x);

  func (data);
  return XNextRequest (x) - before;
}

static void
set_delete_tooltip (gpointer widget)
{
  ik_widget_set_tooltip_text (widget, "Delete Interview");
}

static void
set_delete_tooltip_gtk (gpointer widget)
{
  gtk_widget_set_tooltip_text (widget, "Delete Interview");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_new_widget (void)
{
  GtkWidget *plain = g_object_ref_sink (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  GtkWidget *button = g_object_ref_sink (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  GtkWidget *hidden = g_object_ref_sink (gtk_button_new ());

  if (x_display () == NULL)
    {
      g_test_skip ("not on X11");
      return;
    }

  /* What GTK 4.8 does, which the helper must not. */
  g_assert_cmpuint (requests_during (set_delete_tooltip_gtk, plain), >, 0);

  g_assert_cmpuint (requests_during (set_delete_tooltip, button), ==, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Delete Interview");
  g_assert_true (gtk_widget_get_has_tooltip (button));
  g_assert_true (gtk_widget_get_visible (button));

  gtk_widget_set_visible (hidden, FALSE);
  g_assert_cmpuint (requests_during (set_delete_tooltip, hidden), ==, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hidden), ==, "Delete Interview");
  g_assert_false (gtk_widget_get_visible (hidden));

  /* "" is no tooltip, as for GTK. */
  ik_widget_set_tooltip_text (button, "");
  g_assert_null (gtk_widget_get_tooltip_text (button));
  g_assert_false (gtk_widget_get_has_tooltip (button));

  g_object_unref (plain);
  g_object_unref (button);
  g_object_unref (hidden);
}

static void
test_shown_widget (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint notified = 0;

  if (x_display () == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_test_skip ("not on X11");
      return;
    }
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  ik_widget_set_tooltip_text (button, "Delete Interview");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Delete Interview");

  /* Unchanged: nothing is asked, nothing notified. */
  g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (count_notify), &notified);
  g_assert_cmpuint (requests_during (set_delete_tooltip, button), ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  /* Changed on a widget in a window: set as GTK sets it. */
  ik_widget_set_tooltip_text (button, "Remove");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Remove");
  g_assert_cmpuint (notified, ==, 1);
  ik_widget_set_tooltip_text (button, NULL);
  g_assert_null (gtk_widget_get_tooltip_text (button));
  g_assert_false (gtk_widget_get_has_tooltip (button));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/tooltip/new-widget", test_new_widget);
  g_test_add_func ("/tooltip/shown-widget", test_shown_widget);

  return g_test_run ();
}
