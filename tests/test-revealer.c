/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik_revealer_set_revealed() (issue 15): a closed revealer is hidden, so
 * that GTK neither styles nor measures its child, and it still opens with
 * its transition and closes after it; ik_revealer_hide_content_while_closed()
 * hides what a revealer driven by something else holds. */
#include "config.h"

#include <adwaita.h>

#include "ik-revealer.h"
#include "ik-ui-test-util.h"

typedef struct
{
  GtkWindow   *window;
  GtkRevealer *revealer;
  IkTestSized *child;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->revealer = GTK_REVEALER (gtk_revealer_new ());
  f->child = IK_TEST_SIZED (ik_test_sized_new (100, 300, 6000));
  gtk_revealer_set_transition_type (f->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (f->revealer, GTK_WIDGET (f->child));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->revealer));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Below"));
  gtk_window_set_child (f->window, box);
  gtk_window_set_default_size (f->window, 400, 300);
  gtk_window_present (f->window);
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, f->window, 10));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
}

/* How often the child was asked a size. */
static guint
times_measured (Fixture *f)
{
  return ik_test_sized_get_widths_asked (f->child)->len + ik_test_sized_get_heights_asked (f->child)->len;
}

/* Whether the window measured again after a change of width. */
static guint
measures_on_resize (Fixture *f)
{
  guint before = times_measured (f);
  int width, height;

  gtk_window_get_default_size (f->window, &width, &height);
  gtk_window_set_default_size (f->window, width + 10, height);
  gtk_widget_queue_resize (GTK_WIDGET (f->window));
  ik_test_iterate (10);
  return times_measured (f) - before;
}

static gboolean
child_revealed (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

static void
test_closed_not_measured (Fixture       *f,
                          gconstpointer  data)
{
  /* What GTK does with a closed revealer that is shown: it measures its
   * child at each layout. */
  g_assert_false (gtk_revealer_get_reveal_child (f->revealer));
  g_assert_cmpuint (measures_on_resize (f), >, 0);

  ik_revealer_set_revealed (f->revealer, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));
  g_assert_cmpuint (measures_on_resize (f), ==, 0);
}

static void
test_opens_and_closes (Fixture       *f,
                       gconstpointer  data)
{
  ik_revealer_set_revealed (f->revealer, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));

  /* Opened: shown and mapped, so the transition runs. */
  ik_revealer_set_revealed (f->revealer, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->revealer)));
  g_assert_true (gtk_revealer_get_reveal_child (f->revealer));
  g_assert_true (ik_test_wait_for (child_revealed, f->revealer, 10));
  g_assert_cmpuint (measures_on_resize (f), >, 0);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->revealer)), >, 0);

  /* Closed: it stays shown while its child slides away, then is hidden. */
  ik_revealer_set_revealed (f->revealer, FALSE);
  g_assert_false (gtk_revealer_get_reveal_child (f->revealer));
  if (gtk_revealer_get_child_revealed (f->revealer))
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));
  g_assert_true (ik_test_wait_for (ik_test_widget_hidden, f->revealer, 10));
  g_assert_false (gtk_revealer_get_child_revealed (f->revealer));

  /* Opened again, and closed while not in a window: hidden at once. */
  ik_revealer_set_revealed (f->revealer, TRUE);
  g_assert_true (ik_test_wait_for (child_revealed, f->revealer, 10));
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  ik_revealer_set_revealed (f->revealer, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));
}

static gboolean
content_hidden (gpointer child)
{
  return !gtk_widget_get_visible (child);
}

/* A revealer that something else opens and closes (GtkSearchBar's): what
 * it holds is hidden while it is closed, shown as it opens. */
static void
test_content_hidden (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *child = GTK_WIDGET (f->child);

  ik_revealer_hide_content_while_closed (f->revealer, child);
  g_assert_false (gtk_widget_get_visible (child));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));
  g_assert_cmpuint (measures_on_resize (f), ==, 0);

  gtk_revealer_set_reveal_child (f->revealer, TRUE);
  g_assert_true (gtk_widget_get_visible (child));
  g_assert_true (ik_test_wait_for (child_revealed, f->revealer, 10));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->revealer)), >, 0);

  /* Still shown while it slides away, hidden after. */
  gtk_revealer_set_reveal_child (f->revealer, FALSE);
  if (gtk_revealer_get_child_revealed (f->revealer))
    g_assert_true (gtk_widget_get_visible (child));
  g_assert_true (ik_test_wait_for (content_hidden, child, 10));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->revealer)));
  g_assert_cmpuint (measures_on_resize (f), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add ("/revealer/closed-not-measured", Fixture, NULL, fixture_set_up, test_closed_not_measured,
              fixture_tear_down);
  g_test_add ("/revealer/opens-and-closes", Fixture, NULL, fixture_set_up, test_opens_and_closes,
              fixture_tear_down);
  g_test_add ("/revealer/content-hidden", Fixture, NULL, fixture_set_up, test_content_hidden,
              fixture_tear_down);

  return g_test_run ();
}
