/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Slow work off the main thread: importing a big guide and exporting a
 * scorecard with long notes to PDF run in a worker under a progress
 * dialog; the window keeps running meanwhile, and Cancel leaves nothing
 * behind. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ik-application.h"
#include "ik-export-dialog.h"
#include "ik-progress-dialog.h"
#include "ik-question-record.h"
#include "ik-scorecard-export.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window-private.h"

typedef struct
{
  IkApplication *app;
  IkWindow      *window;
  char          *dir;
  guint          ticks;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->app = ik_test_application_new ();
  f->window = g_object_ref (ik_window_new (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (f->app), 10));
  f->dir = g_dir_make_tmp ("ik-progress-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  ik_test_iterate (20);
  g_object_unref (f->window);
  g_object_unref (f->app);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A timer of the main loop, as the autosave's: it must keep firing while
 * the work runs. */
static gboolean
tick (gpointer data)
{
  Fixture *f = data;

  f->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
ticked (gpointer data)
{
  return ((Fixture *) data)->ticks >= 3;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_window_usable (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (ik_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));

  g_assert_null (ik_test_find_toplevel (IK_TYPE_PROGRESS_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "interviews");
  ik_test_iterate (5);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "interviews");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "questions");
  ik_test_iterate (5);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "questions");
}

static gboolean
imports_over (gpointer data)
{
  return ((Fixture *) data)->window->n_imports == 0;
}

static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *banks = ik_library_get_banks (ik_application_get_library (f->app));
  guint n_banks = g_list_model_get_n_items (banks);
  g_autoptr(GString) guide = g_string_new ("Question?\nAreas to Cover:\n- An area wrapped over many lines\n");
  GtkWindow *progress;
  guint timer;

  /* 5 MB of one wrapped item: seconds of work before it was linear, still
   * a good part of one now. */
  while (guide->len < 5 * 1024 * 1024)
    g_string_append (guide, "  word\n");

  timer = g_timeout_add (10, tick, f);
  ik_window_import_data (f->window, guide->str, guide->len, "big.txt");
  progress = ik_test_find_toplevel (IK_TYPE_PROGRESS_DIALOG);
  g_assert_nonnull (progress);

  /* The main loop runs while the worker reads. */
  g_assert_true (ik_test_wait_for (ticked, f, 10));
  g_assert_cmpuint (f->window->n_imports, ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (progress), "progress.cancel", NULL);
  g_assert_true (ik_test_wait_for (imports_over, f, 60));
  ik_test_iterate (10);
  g_source_remove (timer);

  /* No preview, no error, nothing added. */
  g_assert_null (ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (banks), ==, n_banks);
  assert_window_usable (f);
}

static void
test_import_small (Fixture       *f,
                   gconstpointer  data)
{
  static const char guide[] = "Question?\nAreas to Cover:\n- An area\n";

  /* Quick work shows the preview and never the progress dialog. */
  ik_window_import_data (f->window, guide, strlen (guide), "small.txt");
  g_assert_true (ik_test_wait_for (imports_over, f, 30));
  g_assert_null (ik_test_find_toplevel (IK_TYPE_PROGRESS_DIALOG));
  g_assert_nonnull (ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

typedef struct
{
  gboolean  done;
  gboolean  written;
  GError   *error;
} ExportResult;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportResult *r = user_data;

  r->written = ik_export_dialog_export_to_finish (IK_EXPORT_DIALOG (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportResult *) data)->done;
}

static IkExportDialog *
pdf_export_dialog (Fixture *f,
                   gsize    notes_length)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  IkExportDialog *dialog;
  AdwComboRow *format;

  while (notes->len < notes_length)
    g_string_append (notes, "The candidate explained the rollback in detail and named the trade-offs.\n");
  ik_session_set_candidate_name (session, "Ines Okafor");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(IkQuestion) question = ik_question_new ();
      IkQuestionRecord *record;

      ik_question_set_text (question, "Tell me about an outage.");
      record = ik_session_add_question (session, question);
      ik_question_record_set_notes (record, notes->str);
    }

  /* The notes make the PDF long enough to cancel; they are off by default. */
  g_settings_set_boolean (settings, "export-include-notes", TRUE);
  dialog = ik_export_dialog_new (GTK_WINDOW (f->window), session, NULL);
  format = ADW_COMBO_ROW (ik_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL));
  adw_combo_row_set_selected (format, IK_EXPORT_FORMAT_PDF);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
test_export_pdf_cancel (Fixture       *f,
                        gconstpointer  data)
{
  IkExportDialog *dialog = pdf_export_dialog (f, 1024 * 1024);
  g_autofree char *path = g_build_filename (f->dir, "scorecard.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ExportResult result = { 0 };
  GtkWindow *progress;
  guint timer;

  timer = g_timeout_add (10, tick, f);
  ik_export_dialog_export_to_async (dialog, file, on_exported, &result);
  progress = ik_test_find_toplevel (IK_TYPE_PROGRESS_DIALOG);
  g_assert_nonnull (progress);

  g_assert_true (ik_test_wait_for (ticked, f, 10));
  g_assert_false (result.done);

  gtk_widget_activate_action (GTK_WIDGET (progress), "progress.cancel", NULL);
  g_assert_true (ik_test_wait_for (export_done, &result, 60));
  g_source_remove (timer);

  g_assert_false (result.written);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  /* Neither the file nor a temporary one. */
  g_assert_cmpuint (count_files (f->dir), ==, 0);
  /* The export dialog stays, ready for another try. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_is_sensitive (ik_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Export…")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  assert_window_usable (f);
}

static void
test_export_pdf (Fixture       *f,
                 gconstpointer  data)
{
  IkExportDialog *dialog = pdf_export_dialog (f, 4096);
  g_autofree char *path = g_build_filename (f->dir, "scorecard.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  ExportResult result = { 0 };

  ik_export_dialog_export_to_async (dialog, file, on_exported, &result);
  g_assert_true (ik_test_wait_for (export_done, &result, 60));
  g_assert_no_error (result.error);
  g_assert_true (result.written);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  g_unlink (path);
  ik_test_iterate (10);
  g_assert_null (ik_test_find_toplevel (IK_TYPE_PROGRESS_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/progress-dialog/import-cancel", test_import_cancel);
  ADD ("/progress-dialog/import-small", test_import_small);
  ADD ("/progress-dialog/export-pdf-cancel", test_export_pdf_cancel);
  ADD ("/progress-dialog/export-pdf", test_export_pdf);
#undef ADD

  return g_test_run ();
}
