/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IkRowText (issue 15): a question row's text is as high as the
 * GtkInscription it replaces, lays its text out only once it has a place,
 * and follows its font. */
#include "config.h"

#include <adwaita.h>

#include "ik-row-text.h"
#include "ik-ui-test-util.h"

#define LONG_TEXT "Tell me about a vulnerability you found in an AI or ML system before " \
                  "anyone exploited it. How did you find it, what did you do first, who " \
                  "did you tell, and what changed in how the team worked afterwards?"

static int
height_at (GtkWidget *widget,
           int        width)
{
  int height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

static gboolean
has_pango_context (GtkWidget *widget)
{
  GQuark quark = g_quark_try_string ("gtk-pango-context");

  return quark != 0 && g_object_get_qdata (G_OBJECT (widget), quark) != NULL;
}

/* As high as an inscription of as many lines, in the text's font and the
 * caption's; the text shown, markup parsed. */
static void
test_height (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *texts[2] = { ik_row_text_new (3, 0), ik_row_text_new (1, 0.5) };
  GtkWidget *inscriptions[2] = { gtk_inscription_new (NULL), gtk_inscription_new (NULL) };

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscriptions[0]), 3);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscriptions[0]), 3);
  for (int i = 0; i < 2; i++)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (inscriptions[i]), LONG_TEXT);
      gtk_box_append (GTK_BOX (box), texts[i]);
      gtk_box_append (GTK_BOX (box), inscriptions[i]);
    }
  gtk_widget_add_css_class (texts[1], "caption");
  gtk_widget_add_css_class (inscriptions[1], "caption");
  ik_row_text_set_markup (IK_ROW_TEXT (texts[0]), "Tell me about a <b>vulnerability</b> &amp; more");
  ik_row_text_set_text (IK_ROW_TEXT (texts[1]), "AI System Security Design · 12 minutes");
  g_assert_cmpstr (ik_row_text_get_text (IK_ROW_TEXT (texts[0])), ==, "Tell me about a vulnerability & more");

  /* Nothing laid out before it has a place in a window. */
  g_assert_false (has_pango_context (texts[0]));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (10);

  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (height_at (texts[i], 300), ==, height_at (inscriptions[i], 300));
      g_assert_cmpint (height_at (texts[i], 300), ==, gtk_widget_get_height (texts[i]));
    }
  g_assert_cmpint (height_at (texts[0], 300), >, 2 * height_at (texts[1], 300));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget *widget;
  int        height;
} Height;

static gboolean
taller (gpointer data)
{
  Height *h = data;

  return gtk_widget_get_height (h->widget) > h->height;
}

/* As high again as it asks to be (the window does not shrink back). */
static gboolean
as_high (gpointer data)
{
  Height *h = data;

  return height_at (h->widget, gtk_widget_get_width (h->widget)) == h->height;
}

/* A font that changes (a style class, the theme) changes the height. */
static void
test_follows_font (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *text = ik_row_text_new (2, 0);
  Height before;

  ik_row_text_set_text (IK_ROW_TEXT (text), LONG_TEXT);
  gtk_window_set_child (GTK_WINDOW (window), text);
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (10);
  before = (Height) { text, gtk_widget_get_height (text) };
  g_assert_cmpint (before.height, >, 0);

  gtk_widget_add_css_class (text, "title-1");
  g_assert_true (ik_test_wait_for (taller, &before, 5));
  gtk_widget_remove_css_class (text, "title-1");
  g_assert_true (ik_test_wait_for (as_high, &before, 5));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Markup that does not parse (a programming error: the rows' markup is
 * escaped) shows nothing, with a warning, not the text before it. */
static void
test_bad_markup (void)
{
  GtkWidget *text = g_object_ref_sink (ik_row_text_new (1, 0));
  GLogLevelFlags fatal;

  ik_row_text_set_text (IK_ROW_TEXT (text), "shown before");
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  ik_row_text_set_markup (IK_ROW_TEXT (text), "<b>unclosed");
  g_log_set_always_fatal (fatal);
  g_assert_null (ik_row_text_get_text (IK_ROW_TEXT (text)));
  g_object_unref (text);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  /* libadwaita's style sheet: its caption and title fonts. */
  adw_init ();

  g_test_add_func ("/row-text/height", test_height);
  g_test_add_func ("/row-text/follows-font", test_follows_font);
  g_test_add_func ("/row-text/bad-markup", test_bad_markup);

  return g_test_run ();
}
