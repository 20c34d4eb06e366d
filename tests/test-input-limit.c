/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editors stop input at the limits of the files (issue 11, case 3): text
 * past IK_LIMIT_TEXT_LENGTH would stay in memory but never be saved. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ik-input-limit.h"
#include "ik-limits.h"
#include "ik-ui-test-util.h"

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
test_text_buffer (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *max = g_strnfill (IK_LIMIT_TEXT_LENGTH - 2, 'n');
  g_autofree char *text = NULL;
  GtkTextIter end;

  ik_text_buffer_limit (buffer, view, IK_LIMIT_TEXT_LENGTH);

  /* Up to the limit, in bytes: "é" is two. */
  gtk_text_buffer_set_text (buffer, max, -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\xc3\xa9", -1);
  text = buffer_text (buffer);
  g_assert_cmpuint (strlen (text), ==, IK_LIMIT_TEXT_LENGTH);
  g_clear_pointer (&text, g_free);

  /* One byte more is refused, typed or pasted, and nothing of it kept. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "x", -1);
  gtk_text_buffer_get_start_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "pasted text", -1);
  text = buffer_text (buffer);
  g_assert_cmpuint (strlen (text), ==, IK_LIMIT_TEXT_LENGTH);
  g_assert_true (g_str_has_prefix (text, "nnn"));
  g_clear_pointer (&text, g_free);

  /* Room again once something is deleted. */
  gtk_text_buffer_set_text (buffer, "short", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " notes", -1);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "short notes");

  g_object_unref (view);
}

static void
test_editable (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *max = g_strnfill (99, 't');
  g_autofree char *chars = g_strnfill (GTK_ENTRY_BUFFER_MAX_SIZE, 'c');
  int position;

  gtk_window_set_child (GTK_WINDOW (window), row);
  ik_editable_limit (GTK_EDITABLE (row), 100);

  gtk_editable_set_text (GTK_EDITABLE (row), max);
  position = -1;
  gtk_editable_insert_text (GTK_EDITABLE (row), "!", -1, &position);
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (row))), ==, 100);

  position = 0;
  gtk_editable_insert_text (GTK_EDITABLE (row), "no", -1, &position);
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (row))), ==, 100);
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (row)), "ttt"));

  gtk_editable_set_text (GTK_EDITABLE (row), "Title");
  position = -1;
  gtk_editable_insert_text (GTK_EDITABLE (row), "s", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Titles");

  /* GTK cuts an entry at 65,535 characters without a word: refused whole
   * instead, so the field never holds less than what was pasted. */
  ik_editable_limit (GTK_EDITABLE (row), IK_LIMIT_TEXT_LENGTH);
  position = -1;
  gtk_editable_insert_text (GTK_EDITABLE (row), chars, -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Titles");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/input-limit/text-buffer", test_text_buffer);
  g_test_add_func ("/input-limit/editable", test_editable);

  return g_test_run ();
}
