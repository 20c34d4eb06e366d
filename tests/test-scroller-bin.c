/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IkScrollerBin and ik_wrapped_labels_measure_cheaply() (issue 15): a
 * scrolled pane's content is laid out only at the width the pane shows,
 * and wrapping labels answer GTK's size questions without a layout per
 * width tried, while showing the same. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ik-scroller-bin.h"
#include "ik-wrapped-labels.h"
#include "ik-ui-test-util.h"

#define LONG_TEXT "Explained the threat model of the retrieval pipeline, named the " \
                  "trust boundary between documents and instructions, and showed how " \
                  "the fix was tested against the original injection and two variants."

/* The content is asked its height only at the width the pane shows it,
 * however often and at whatever sizes the pane itself is asked. */
static void
test_bin_content_measured_at_its_width (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *bin = ik_scroller_bin_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  /* 2,000 pixels high at its width, 100. */
  IkTestSized *content = IK_TEST_SIZED (ik_test_sized_new (100, 100, 100 * 2000));
  GArray *widths = ik_test_sized_get_widths_asked (content);
  int min = 0;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (content));
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  ik_scroller_bin_set_child (IK_SCROLLER_BIN (bin), scrolled);
  gtk_box_append (GTK_BOX (box), bin);
  gtk_window_set_child (GTK_WINDOW (window), box);

  /* What a leaflet or a stack asks. */
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, 100, &min, NULL, NULL, NULL);
  gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, 54, &min, NULL, NULL, NULL);
  g_assert_cmpuint (widths->len, ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 420, 300);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, content, 10));
  ik_test_iterate (10);
  g_assert_cmpuint (widths->len, >, 0);
  /* GTK's viewport also asks once without a width (a label then lays its
   * text out on one line, not at a width it will never have). */
  for (guint i = 0; i < widths->len; i++)
    if (g_array_index (widths, int, i) != -1)
      g_assert_cmpint (g_array_index (widths, int, i), ==, gtk_widget_get_width (GTK_WIDGET (content)));

  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);
}

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* The content of a scrolled pane: 40 wrapping labels. */
static GtkWidget *
long_content (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  for (guint i = 0; i < 40; i++)
    gtk_box_append (GTK_BOX (box), wrapping_label (LONG_TEXT));
  return box;
}

static void
test_bin_height_is_its_own (void)
{
  GtkWidget *bin = g_object_ref_sink (ik_scroller_bin_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  int min = -1, nat = -1, content_min = -1;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), long_content ());
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 150);
  ik_scroller_bin_set_child (IK_SCROLLER_BIN (bin), scrolled);
  g_assert_true (ik_scroller_bin_get_child (IK_SCROLLER_BIN (bin)) == scrolled);
  gtk_widget_set_vexpand (scrolled, TRUE);
  g_assert_true (gtk_widget_compute_expand (bin, GTK_ORIENTATION_VERTICAL));

  /* Its height is what the scrolled window shows at least, at any width. */
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 150);
  g_assert_cmpint (nat, ==, 150);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, 200, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 150);

  /* Its width is the content's narrowest, whatever height is asked. */
  gtk_widget_measure (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &content_min, NULL, NULL, NULL);
  gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, 40, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, >=, content_min);
  gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, >=, content_min);

  /* A scrolled window that takes its content's height is asked as usual. */
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, 400, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, >, 600);

  ik_scroller_bin_set_child (IK_SCROLLER_BIN (bin), NULL);
  g_assert_null (ik_scroller_bin_get_child (IK_SCROLLER_BIN (bin)));
  g_object_unref (bin);
}

/* In a window, the content gets the pane's width and scrolls. */
static void
test_bin_in_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *bin = ik_scroller_bin_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = long_content ();
  GtkWidget *first = gtk_widget_get_first_child (content);
  GtkAdjustment *vadjustment;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  ik_scroller_bin_set_child (IK_SCROLLER_BIN (bin), scrolled);
  gtk_window_set_child (GTK_WINDOW (window), bin);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, first, 10));
  ik_test_iterate (10);

  g_assert_cmpint (gtk_widget_get_width (scrolled), ==, gtk_widget_get_width (bin));
  g_assert_cmpint (gtk_widget_get_height (scrolled), ==, gtk_widget_get_height (bin));
  g_assert_cmpint (gtk_widget_get_height (bin), >=, 250);
  /* Every label wraps at the pane's width, and the pane scrolls. */
  g_assert_cmpint (gtk_widget_get_width (first), <=, gtk_widget_get_width (bin));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));

  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);
}

static void
test_labels_measure_cheaply (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *long_label = wrapping_label (LONG_TEXT);
  GtkWidget *short_label = wrapping_label ("Strong");
  /* Wider than 20 characters only by its count: GTK would warn if its
   * minimum were 20 characters wide. */
  GtkWidget *narrow_label = wrapping_label ("iiiiiiiiiiiiiiiiiiiiiiiiiiiiii");
  GtkWidget *plain = gtk_label_new (LONG_TEXT);
  int before_height = 0, after_height = 0, min = 0, nat = 0;

  gtk_box_append (GTK_BOX (box), long_label);
  gtk_box_append (GTK_BOX (box), short_label);
  gtk_box_append (GTK_BOX (box), narrow_label);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (5);

  gtk_widget_measure (long_label, GTK_ORIENTATION_VERTICAL, 300, NULL, &before_height, NULL, NULL);
  ik_wrapped_labels_measure_cheaply (window);

  /* Long text: a minimum of 20 characters, its natural width on one line,
   * an ellipsis only past 60 lines. */
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (long_label)), ==, 20);
  g_assert_cmpint (gtk_label_get_natural_wrap_mode (GTK_LABEL (long_label)), ==, GTK_NATURAL_WRAP_NONE);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (long_label)), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (gtk_label_get_lines (GTK_LABEL (long_label)), ==, 60);
  /* Short or narrow text: no minimum that would be wider than the text. */
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (short_label)), ==, -1);
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (narrow_label)), ==, -1);
  /* Labels that do not wrap are left alone. */
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (plain)), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (plain)), ==, -1);

  /* The same height at a width; the width for a height is no less than
   * the minimum (GTK warns, fatally here, otherwise). */
  gtk_widget_measure (long_label, GTK_ORIENTATION_VERTICAL, 300, NULL, &after_height, NULL, NULL);
  g_assert_cmpint (after_height, ==, before_height);
  for (int height = 1; height < 200; height += 15)
    {
      gtk_widget_measure (long_label, GTK_ORIENTATION_HORIZONTAL, height, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, <=, nat);
      gtk_widget_measure (short_label, GTK_ORIENTATION_HORIZONTAL, height, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, <=, nat);
      gtk_widget_measure (narrow_label, GTK_ORIENTATION_HORIZONTAL, height, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, <=, nat);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/scroller-bin/height-is-its-own", test_bin_height_is_its_own);
  g_test_add_func ("/scroller-bin/in-window", test_bin_in_window);
  g_test_add_func ("/scroller-bin/content-measured-at-its-width", test_bin_content_measured_at_its_width);
  g_test_add_func ("/scroller-bin/labels-measure-cheaply", test_labels_measure_cheaply);

  return g_test_run ();
}
