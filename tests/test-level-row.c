/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IkLevelRow (issue 15): a rating level of the scorecard shows its whole
 * anchor, wrapped at the width it is given, chooses its level when the
 * row is activated, and never makes GTK lay its text out at widths it is
 * not shown at (its width does not depend on a height). */
#include "config.h"

#include <adwaita.h>

#include "ik-level-row.h"
#include "ik-ui-test-util.h"

#define ANCHOR "Names the trust boundary between retrieved documents and instructions, " \
               "shows how the fix was tested against the original injection and two " \
               "variants, and says what would make the team revisit the decision."

typedef struct
{
  GtkWidget *window;
  GtkWidget *list;
  GtkWidget *row;
} Fixture;

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 400);
  gtk_widget_set_default_direction (data != NULL ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  f->list = gtk_list_box_new ();
  gtk_widget_set_valign (f->list, GTK_ALIGN_START);
  f->row = ik_level_row_new ("3 · Strong", ANCHOR);
  gtk_list_box_append (GTK_LIST_BOX (f->list), f->row);
  gtk_window_set_child (GTK_WINDOW (f->window), f->list);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (allocated, f->row, 5));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* The label under @row whose text is @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_shows_whole_text (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *check = ik_level_row_get_check (IK_LEVEL_ROW (f->row));
  GtkWidget *title = find_label (f->row, "3 · Strong");
  GtkWidget *subtitle = find_label (f->row, ANCHOR);
  GtkWidget *content = gtk_widget_get_parent (check);
  graphene_rect_t check_box, title_box, sub_box, content_box;
  int needed = 0;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (f->row)), ==, "3 · Strong");
  g_assert_cmpstr (ik_level_row_get_subtitle (IK_LEVEL_ROW (f->row)), ==, ANCHOR);
  g_assert_nonnull (title);
  g_assert_nonnull (subtitle);
  g_assert_true (gtk_widget_compute_bounds (check, f->row, &check_box));
  g_assert_true (gtk_widget_compute_bounds (title, f->row, &title_box));
  g_assert_true (gtk_widget_compute_bounds (subtitle, f->row, &sub_box));
  g_assert_true (gtk_widget_compute_bounds (content, f->row, &content_box));

  /* The anchor wraps over several lines at the width it is given, the
   * whole of it: its height is what it needs there, nothing ellipsized. */
  gtk_widget_measure (subtitle, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (subtitle),
                      &needed, NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (subtitle), >=, needed);
  g_assert_cmpint (needed, >, 2 * gtk_widget_get_height (title));
  g_assert_cmpfloat (sub_box.origin.y, >=, title_box.origin.y + title_box.size.height);
  /* Beside the button, to the end of the row (the start in RTL). */
  g_assert_cmpfloat (sub_box.size.width, ==, title_box.size.width);
  if (data == NULL)
    {
      g_assert_cmpfloat (check_box.origin.x + check_box.size.width, <, sub_box.origin.x);
      g_assert_cmpfloat (sub_box.origin.x + sub_box.size.width, ==, content_box.origin.x + content_box.size.width);
    }
  else
    {
      g_assert_cmpfloat (sub_box.origin.x + sub_box.size.width, <, check_box.origin.x);
      g_assert_cmpfloat (sub_box.origin.x, ==, content_box.origin.x);
    }
}

/* GTK asks a width for a height of what a box allocates; a wrapping label
 * answers by a binary search of layouts. The row's answer is the same for
 * any height, so nothing asks its labels that. */
static void
test_width_independent_of_height (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *content = gtk_widget_get_parent (ik_level_row_get_check (IK_LEVEL_ROW (f->row)));
  int min_free, nat_free;
  const int heights[] = { 1, 40, 400, 4000 };

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_free, &nat_free, NULL, NULL);
  g_assert_cmpint (min_free, >, 0);
  g_assert_cmpint (nat_free, >, min_free);
  for (guint i = 0; i < G_N_ELEMENTS (heights); i++)
    {
      int min, nat;

      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, heights[i], &min, &nat, NULL, NULL);
      g_assert_cmpint (min, ==, min_free);
      g_assert_cmpint (nat, ==, nat_free);
    }
  /* Its height does depend on its width. */
  {
    int narrow, wide;

    gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, min_free, &narrow, NULL, NULL, NULL);
    gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, nat_free, &wide, NULL, NULL, NULL);
    g_assert_cmpint (narrow, >, wide);
  }
}

/* A click on the row or Enter on it chooses the level; not when locked. */
static void
test_activate_row (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *check = ik_level_row_get_check (IK_LEVEL_ROW (f->row));

  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_activate (f->row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  gtk_widget_set_sensitive (check, FALSE);
  g_signal_emit_by_name (f->list, "row-activated", f->row);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/level-row/shows-whole-text", Fixture, NULL, fixture_setup, test_shows_whole_text, fixture_teardown);
  g_test_add ("/level-row/shows-whole-text-rtl", Fixture, "rtl", fixture_setup, test_shows_whole_text, fixture_teardown);
  g_test_add ("/level-row/width-independent-of-height", Fixture, NULL, fixture_setup, test_width_independent_of_height, fixture_teardown);
  g_test_add ("/level-row/activate-row", Fixture, NULL, fixture_setup, test_activate_row, fixture_teardown);
  return g_test_run ();
}
