/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Export Everything About This Candidate…" on an interview: the row's
 * menu offers it, a folder is picked in the file chooser, and the report
 * and its PDF are written there in the background. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ik-library.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

#define ADA_ID "cand-ada-7"

typedef struct
{
  char      *dir;
  char      *out;
  char      *json_path;
  IkLibrary *library;
  GtkWidget *window;
  GtkWidget *view;
  char      *session_id;
} Fixture;

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(IkSession) session = ik_session_new ();

  f->dir = ik_test_make_tmpdir ();
  f->out = g_build_filename (f->dir, "report", NULL);
  f->json_path = g_build_filename (f->out, "subject-access-" ADA_ID ".json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->out, 0700), ==, 0);
  f->library = ik_library_new (f->dir);
  ik_library_load_async (f->library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, f->library, 10));

  ik_session_set_candidate_name (session, "Ada Lovelace");
  g_assert_true (ik_session_set_candidate_id (session, ADA_ID));
  ik_session_set_role (session, "Security Engineer");
  g_assert_true (ik_scorecard_set_summary (ik_session_get_scorecard (session), "Clear about trust boundaries."));
  ik_library_add_session (f->library, session);
  g_assert_true (ik_library_flush (f->library, NULL));
  f->session_id = g_strdup (ik_session_get_id (session));

  f->window = gtk_window_new ();
  f->view = ik_sessions_view_new (f->library);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  ik_test_iterate (10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ik_test_iterate (10);
  g_clear_object (&f->library);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->json_path);
  g_free (f->session_id);
}

/* Whether a menu button in @root offers @label for @action. */
static gboolean
menu_offers (GtkWidget  *root,
             const char *label,
             const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *model = NULL;

      /* A row's menu is made when it is opened. */
      if (GTK_IS_MENU_BUTTON (child) && gtk_widget_get_mapped (child))
        {
          /* The popover's monitor: see test-retention.c. */
          GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

          gtk_menu_button_popup (GTK_MENU_BUTTON (child));
          gtk_menu_button_popdown (GTK_MENU_BUTTON (child));
          g_log_set_always_fatal (fatal);
          model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child));
        }

      for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
        {
          g_autofree char *item_label = NULL;
          g_autofree char *item_action = NULL;

          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action);
          if (g_strcmp0 (item_label, label) == 0 && g_strcmp0 (item_action, action) == 0)
            return TRUE;
        }
      if (menu_offers (child, label, action))
        return TRUE;
    }
  return FALSE;
}

static void
test_export_everything (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->out);
  g_autofree char *pdf_path = g_build_filename (f->out, "subject-access-" ADA_ID ".pdf", NULL);
  g_autofree char *json = NULL;
  GtkWindow *chooser;

  g_assert_true (menu_offers (f->view, "E_xport Everything About This Candidate…", "sessions.subject-access"));

  g_assert_true (gtk_widget_activate_action (f->view, "sessions.subject-access", "s", f->session_id));
  ik_test_iterate (10);
  chooser = ik_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  ik_test_choose_folder (chooser, folder, 10);

  g_assert_true (ik_test_wait_for (file_exists, pdf_path, 20));
  g_assert_true (ik_test_wait_for (file_exists, f->json_path, 20));
  g_file_get_contents (f->json_path, &json, NULL, NULL);
  g_assert_nonnull (strstr (json, "Clear about trust boundaries."));
  g_assert_nonnull (strstr (json, "\"sources\""));
  g_assert_cmpint (ik_test_file_mode (f->json_path), ==, 0600);
  /* The task's callback, after the last write. */
  ik_test_iterate (20);
}

/* Cancelling the chooser writes nothing. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (f->view, "sessions.subject-access", "s", f->session_id));
  ik_test_iterate (10);
  chooser = ik_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ik_test_iterate (20);
  g_assert_cmpuint (ik_test_count_entries (f->out), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);

  g_test_add ("/subject-access-export/export-everything", Fixture, NULL, fixture_setup, test_export_everything,
              fixture_teardown);
  g_test_add ("/subject-access-export/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);

  return g_test_run ();
}
