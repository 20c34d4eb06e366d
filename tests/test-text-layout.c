/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IkTextLayout (issue 15): boxes of wrapping text answer their width for a
 * height without asking their children at heights (which GTK 4.8's labels
 * answer by a binary search of layouts), lay the text out only at the width
 * they get, and show the same as the box layout they replace. */
#include "config.h"

#include <adwaita.h>

#include "ik-text-layout.h"
#include "ik-wrapped-labels.h"
#include "ik-ui-test-util.h"

#define LONG_TEXT "Explained the threat model of the retrieval pipeline, named the " \
                  "trust boundary between documents and instructions, and showed how " \
                  "the fix was tested against the original injection and two variants."

/* A child sized as a text: 50 to 400 wide, 10,000 / its width high. */
static GtkWidget *
text_like_new (void)
{
  return ik_test_sized_new (50, 400, 10000);
}

static gboolean
asked_at_a_height (IkTestSized *child)
{
  GArray *heights = ik_test_sized_get_heights_asked (child);

  for (guint i = 0; i < heights->len; i++)
    if (g_array_index (heights, int, i) >= 0)
      return TRUE;
  return FALSE;
}

static void
get_allocation (GtkWidget       *widget,
                graphene_rect_t *bounds)
{
  g_assert_true (gtk_widget_compute_bounds (widget, gtk_widget_get_parent (widget), bounds));
}

/* Without it, a horizontal box asks a text-like child its width at
 * heights when it is measured for a width; with it, never. */
static void
test_width_without_heights (void)
{
  for (int adopt = 0; adopt <= 1; adopt++)
    {
      GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
      IkTestSized *text = IK_TEST_SIZED (text_like_new ());
      int min = 0, nat = 0;

      gtk_box_append (GTK_BOX (box), gtk_label_new ("1"));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (text));
      if (adopt)
        ik_text_layout_adopt (box, GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 300, &min, &nat, NULL, NULL);
      gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, 120, &min, &nat, NULL, NULL);
      g_assert_true (asked_at_a_height (text) == !adopt);
      if (adopt)
        g_assert_cmpint (min, >=, 50);
      g_object_unref (box);
    }
}

/* One above the other at the width given, the spacing between. */
static void
test_vertical (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first = text_like_new ();
  GtkWidget *second = text_like_new ();
  graphene_rect_t bounds;
  int min = 0, nat = 0;

  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  ik_text_layout_adopt (box, GTK_ORIENTATION_VERTICAL, 6);
  g_assert_true (IK_IS_TEXT_LAYOUT (gtk_widget_get_layout_manager (box)));

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 200, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 50 + 6 + 50);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, 7, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 50);
  g_assert_cmpint (nat, ==, 400);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 100, &min, &nat, NULL, NULL);
  gtk_widget_allocate (box, 100, min, -1, NULL);
  get_allocation (second, &bounds);
  g_assert_cmpfloat (bounds.origin.y, ==, 100 + 6);
  g_assert_cmpfloat (bounds.size.width, ==, 100);
  g_assert_cmpfloat (bounds.size.height, ==, 100);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Side by side: the fixed child at its natural width, the text in the
 * rest, mirrored right to left. */
static void
test_horizontal (void)
{
  for (int rtl = 0; rtl <= 1; rtl++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *key = gtk_label_new ("1");
      GtkWidget *text = text_like_new ();
      graphene_rect_t key_bounds, text_bounds;
      int key_width = 0, min = 0, nat = 0;

      gtk_widget_set_size_request (key, 24, -1);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (box), key);
      gtk_box_append (GTK_BOX (box), text);
      ik_text_layout_adopt (box, GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_direction (box, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      gtk_window_set_child (GTK_WINDOW (window), box);

      gtk_widget_measure (key, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &key_width, NULL, NULL);
      gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 200 + 12 + key_width, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, ==, 10000 / 200);
      gtk_widget_allocate (box, 200 + 12 + key_width, min, -1, NULL);
      get_allocation (key, &key_bounds);
      get_allocation (text, &text_bounds);
      g_assert_cmpfloat (text_bounds.size.width, ==, 200);
      if (rtl)
        g_assert_cmpfloat (text_bounds.origin.x + 200 + 12, <=, key_bounds.origin.x);
      else
        g_assert_cmpfloat (text_bounds.origin.x, ==, key_width + 12);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The boxes of libadwaita's group headers and rows and a check button
 * with a wrapping label are adopted, and each is as tall at a width as
 * with GTK's box layout: the spacing is the theme's. */
static void
test_adopted_boxes (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *check_label = gtk_label_new (LONG_TEXT);
  GtkWidget *adopted[3];
  GtkOrientation orientations[3] = { GTK_ORIENTATION_VERTICAL, GTK_ORIENTATION_VERTICAL,
                                     GTK_ORIENTATION_HORIZONTAL };
  int with_text_layout[3], with_box_layout[3];

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Threat modelling");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), LONG_TEXT);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), LONG_TEXT);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), LONG_TEXT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_label_set_wrap (GTK_LABEL (check_label), TRUE);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), check_label);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), check);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (10);

  ik_wrapped_labels_measure_cheaply (box);
  /* The header's labels box (the description comes before the rows), the
   * row's title box, the check button. */
  adopted[0] = gtk_widget_get_parent (ik_test_find_widget (group, GTK_TYPE_LABEL, LONG_TEXT));
  adopted[1] = gtk_widget_get_parent (ik_test_find_widget (row, GTK_TYPE_LABEL, LONG_TEXT));
  adopted[2] = check;
  g_assert_true (adopted[0] != adopted[1]);
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (IK_IS_TEXT_LAYOUT (gtk_widget_get_layout_manager (adopted[i])));
      gtk_widget_measure (adopted[i], GTK_ORIENTATION_VERTICAL, 360, &with_text_layout[i], NULL, NULL, NULL);
    }

  for (int i = 0; i < 3; i++)
    gtk_widget_set_layout_manager (adopted[i], gtk_box_layout_new (orientations[i]));
  ik_test_iterate (5);
  for (int i = 0; i < 3; i++)
    {
      gtk_widget_measure (adopted[i], GTK_ORIENTATION_VERTICAL, 360, &with_box_layout[i], NULL, NULL, NULL);
      g_assert_cmpint (with_text_layout[i], ==, with_box_layout[i]);
      g_assert_cmpint (with_text_layout[i], >, 40);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The y of each child of @box, and @box's height at a width of 360. */
static int
measure_children (GtkWidget *box,
                  float     *ys,
                  int        n_ys)
{
  int height = 0, i = 0;

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 360, &height, NULL, NULL, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL && i < n_ys;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      graphene_rect_t bounds;

      get_allocation (child, &bounds);
      ys[i] = bounds.origin.y;
    }
  return height;
}

/* A status page's box of icon, title and description, regular and
 * compact, is laid out by IkTextLayout, as tall and with its children
 * where GtkBoxLayout puts them under libadwaita's style sheet. */
static void
test_status_pages (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *pages[2] = { adw_status_page_new (), adw_status_page_new () };
  GtkWidget *texts[2];
  int with_text_layout[2], with_box_layout[2];
  float ys_text[2][3], ys_box[2][3];

  gtk_widget_add_css_class (pages[1], "compact");
  for (int i = 0; i < 2; i++)
    {
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (pages[i]), "view-list-bullet-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (pages[i]), "No Question Selected");
      adw_status_page_set_description (ADW_STATUS_PAGE (pages[i]), LONG_TEXT);
      adw_status_page_set_child (ADW_STATUS_PAGE (pages[i]), gtk_button_new_with_label ("Add Question"));
      gtk_widget_set_size_request (pages[i], 360, 600);
      gtk_box_append (GTK_BOX (box), pages[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (10);

  ik_status_pages_measure_cheaply (box);
  for (int i = 0; i < 2; i++)
    {
      texts[i] = gtk_widget_get_parent (ik_test_find_widget (pages[i], GTK_TYPE_LABEL, LONG_TEXT));
      g_assert_true (IK_IS_TEXT_LAYOUT (gtk_widget_get_layout_manager (texts[i])));
    }
  ik_test_iterate (5);
  for (int i = 0; i < 2; i++)
    with_text_layout[i] = measure_children (texts[i], ys_text[i], 3);

  for (int i = 0; i < 2; i++)
    gtk_widget_set_layout_manager (texts[i], gtk_box_layout_new (GTK_ORIENTATION_VERTICAL));
  ik_test_iterate (5);
  for (int i = 0; i < 2; i++)
    {
      with_box_layout[i] = measure_children (texts[i], ys_box[i], 3);
      g_assert_cmpint (with_text_layout[i], ==, with_box_layout[i]);
      g_assert_cmpint (with_text_layout[i], >, 100);
      for (int c = 0; c < 3; c++)
        g_assert_cmpfloat (ys_text[i][c], ==, ys_box[i][c]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  /* libadwaita's style sheet: the spacing compared is the theme's. */
  adw_init ();

  g_test_add_func ("/text-layout/width-without-heights", test_width_without_heights);
  g_test_add_func ("/text-layout/vertical", test_vertical);
  g_test_add_func ("/text-layout/horizontal", test_horizontal);
  g_test_add_func ("/text-layout/adopted-boxes", test_adopted_boxes);
  g_test_add_func ("/text-layout/status-pages", test_status_pages);

  return g_test_run ();
}
