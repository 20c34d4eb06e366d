/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention in the window: the banner of interviews past their date (with
 * the window's clock given by the test), the review that erases only what
 * the user confirms or keeps interviews longer with a reason, and Erase
 * Candidate from the list, after which no file names the candidate. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ik-application.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window-private.h"

typedef struct
{
  char          *dir;
  IkApplication *app;
  IkWindow      *window;
  IkLibrary     *library;
} Fixture;

static GDateTime *test_now;

static GDateTime *
test_clock (void)
{
  return g_date_time_ref (test_now);
}

static void
set_now (const char *iso)
{
  g_clear_pointer (&test_now, g_date_time_unref);
  test_now = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (test_now);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = ik_test_application_new ();
  f->dir = ik_test_make_tmpdir ();
  g_settings_set_string (ik_application_get_settings (f->app), "library-location", f->dir);
  set_now ("2027-06-15T12:00:00Z");

  f->window = g_object_ref (ik_window_new (f->app));
  ik_window_set_clock (f->window, test_clock);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->library = ik_application_get_library (f->app);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, f->library, 10));
  ik_library_set_autosave_delay (f->library, 50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (f->window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  ik_test_iterate (20);
  g_assert_finalize_object (f->window);
  g_object_unref (f->app);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
  g_clear_pointer (&test_now, g_date_time_unref);
}

/* A session of @name kept until @keep_until, in the library. */
static IkSession *
add_session (Fixture    *f,
             const char *name,
             const char *candidate_id,
             const char *keep_until)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (keep_until, NULL);
  g_autoptr(GDateTime) scheduled = g_date_time_add_months (until, -12);

  ik_session_set_candidate_name (session, name);
  g_assert_true (ik_session_set_candidate_id (session, candidate_id));
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_scheduled (session, scheduled);
  ik_session_set_keep_until (session, until);
  return ik_library_add_session (f->library, session);
}

static char *
session_file (Fixture   *f,
              IkSession *session)
{
  return g_strdup_printf ("%s/sessions/%s.json", f->dir, ik_session_get_id (session));
}

static void
flush (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_library_flush (f->library, &error));
  g_assert_no_error (error);
}

static const char *
banner_text (Fixture *f)
{
  if (!gtk_revealer_get_reveal_child (f->window->retention_revealer))
    return NULL;
  return gtk_label_get_text (f->window->retention_label);
}

/* The open message dialog with this heading, or NULL. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer heading)
{
  return find_dialog (heading) != NULL;
}

static AdwMessageDialog *
wait_dialog (const char *heading)
{
  g_assert_true (ik_test_wait_for (dialog_shown, (gpointer) heading, 5));
  return find_dialog (heading);
}

/* As the user's button: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The subtitles (paths) of the rows of a dialog's list. */
static GPtrArray *
listed_paths (AdwMessageDialog *dialog)
{
  GPtrArray *paths = g_ptr_array_new ();
  GtkWidget *list = ik_test_find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LIST_BOX, NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (paths, (gpointer) adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return paths;
}

static gboolean
is_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_banner (Fixture       *f,
             gconstpointer  data)
{
  /* Nothing past its date: no banner, nothing to review. */
  g_assert_null (banner_text (f));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review-retention", NULL);
  ik_test_iterate (5);
  g_assert_null (find_dialog ("Interviews Past Their Retention Date"));

  add_session (f, "Ada Lovelace", "cand-ada", "2026-01-01T00:00:00Z");
  add_session (f, "Grace Hopper", "cand-grace", "2027-06-15T12:00:00Z");
  add_session (f, "Alan Turing", "cand-alan", "2027-06-01T00:00:00Z");
  add_session (f, "Edsger Dijkstra", "cand-edsger", "2027-06-15T18:00:00Z");
  add_session (f, "Barbara Liskov", "cand-barbara", "2030-01-01T00:00:00Z");
  g_assert_cmpstr (banner_text (f), ==, "3 interviews are past their retention date");

  /* The hourly timer on the same day changes nothing: once a day. */
  set_now ("2027-06-15T19:00:00Z");
  ik_window_retention_tick (f->window);
  g_assert_cmpstr (banner_text (f), ==, "3 interviews are past their retention date");

  /* The next day, the check runs again. */
  set_now ("2027-06-16T08:00:00Z");
  ik_window_retention_tick (f->window);
  g_assert_cmpstr (banner_text (f), ==, "4 interviews are past their retention date");

  /* Review lists them. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review-retention", NULL);
  {
    AdwMessageDialog *review = wait_dialog ("Interviews Past Their Retention Date");
    GtkWidget *list = ik_test_find_widget (adw_message_dialog_get_extra_child (review), GTK_TYPE_LIST_BOX, NULL);
    guint n = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      n++;
    g_assert_cmpuint (n, ==, 4);
    g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (review), GTK_TYPE_CHECK_BUTTON,
                                           "Select the interview with Edsger Dijkstra"));
    g_assert_null (ik_test_find_widget (GTK_WIDGET (review), GTK_TYPE_CHECK_BUTTON,
                                        "Select the interview with Barbara Liskov"));
  }
}

static void
test_review_erase (Fixture       *f,
                   gconstpointer  data)
{
  IkSession *ada = add_session (f, "Ada Lovelace", "cand-ada", "2026-01-01T00:00:00Z");
  IkSession *grace = add_session (f, "Grace Hopper", "cand-grace", "2027-01-01T00:00:00Z");
  IkSession *alan = add_session (f, "Alan Turing", "cand-alan", "2027-02-01T00:00:00Z");
  IkSession *barbara = add_session (f, "Barbara Liskov", "cand-barbara", "2030-01-01T00:00:00Z");
  g_autofree char *ada_path = session_file (f, ada);
  g_autofree char *grace_path = session_file (f, grace);
  g_autofree char *alan_path = session_file (f, alan);
  g_autofree char *barbara_path = session_file (f, barbara);
  AdwMessageDialog *review;
  AdwMessageDialog *confirm;
  g_autoptr(GPtrArray) paths = NULL;
  GtkWidget *check;

  flush (f);
  g_assert_cmpstr (banner_text (f), ==, "3 interviews are past their retention date");

  /* Grace is left out; Cancel at the confirmation erases nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review-retention", NULL);
  review = wait_dialog ("Interviews Past Their Retention Date");
  check = ik_test_find_widget (GTK_WIDGET (review), GTK_TYPE_CHECK_BUTTON, "Select the interview with Grace Hopper");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  respond (review, "erase");
  confirm = wait_dialog ("Erase 2 Interviews?");
  paths = listed_paths (confirm);
  g_assert_cmpuint (paths->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (paths, ada_path, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (paths, alan_path, g_str_equal, NULL));
  respond (confirm, "cancel");
  ik_test_iterate (10);
  g_assert_true (g_file_test (ada_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alan_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (f->library)), ==, 4);

  /* Again, confirmed: only those two go. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review-retention", NULL);
  review = wait_dialog ("Interviews Past Their Retention Date");
  check = ik_test_find_widget (GTK_WIDGET (review), GTK_TYPE_CHECK_BUTTON, "Select the interview with Grace Hopper");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  respond (review, "erase");
  respond (wait_dialog ("Erase 2 Interviews?"), "erase");
  g_assert_true (ik_test_wait_for (is_gone, ada_path, 5));
  g_assert_true (ik_test_wait_for (is_gone, alan_path, 5));
  ik_test_iterate (10);
  g_assert_true (g_file_test (grace_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (barbara_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (f->library)), ==, 2);
  /* Not in the trash either. */
  g_assert_cmpuint (ik_test_count_entries (f->library->trash_dir), ==, 0);
  g_assert_cmpstr (banner_text (f), ==, "1 interview is past its retention date");
}

static void
test_review_keep_longer (Fixture       *f,
                         gconstpointer  data)
{
  IkSession *ada = add_session (f, "Ada Lovelace", "cand-ada", "2026-01-01T00:00:00Z");
  g_autofree char *ada_path = session_file (f, ada);
  g_autoptr(GDateTime) expected = g_date_time_add_months (ik_session_get_scheduled (ada), 36);
  g_autofree char *contents = NULL;
  AdwMessageDialog *change;
  GtkWidget *entry;
  GtkWidget *spin;
  const char *reason;

  g_assert_cmpstr (banner_text (f), ==, "1 interview is past its retention date");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review-retention", NULL);
  respond (wait_dialog ("Interviews Past Their Retention Date"), "keep");
  change = wait_dialog ("Keep Until Another Date");

  /* No reason, no change. */
  g_assert_false (adw_message_dialog_get_response_enabled (change, "change"));
  entry = ik_test_find_widget (GTK_WIDGET (change), GTK_TYPE_ENTRY, "retention-reason");
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (change, "change"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "The candidate asked us to keep it for a later role");
  spin = ik_test_find_widget (GTK_WIDGET (change), GTK_TYPE_SPIN_BUTTON, "retention-months");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 36);
  respond (change, "change");

  g_assert_true (g_date_time_equal (ik_session_get_keep_until (ada), expected));
  g_assert_cmpuint (ik_session_get_n_retention_changes (ada), ==, 1);
  g_assert_true (ik_session_get_retention_change (ada, 0, NULL, NULL, &reason, NULL));
  g_assert_cmpstr (reason, ==, "The candidate asked us to keep it for a later role");
  g_assert_null (banner_text (f));
  flush (f);
  g_assert_true (g_file_get_contents (ada_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "The candidate asked us to keep it for a later role"));
}

/* The list that shows sessions (the pane has others). */
static GtkWidget *
find_sessions_list (GtkWidget *root)
{
  if (GTK_IS_GRID_VIEW (root) && gtk_grid_view_get_model (GTK_GRID_VIEW (root)) != NULL)
    {
      g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (root))), 0);

      if (IK_IS_SESSION (first))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sessions_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_erase_candidate_from_list (Fixture       *f,
                                gconstpointer  data)
{
  IkSessionsView *view = ik_window_ensure_sessions_view (f->window);
  IkSession *ada = add_session (f, "Ada Augusta Lovelace", "cand-ada-7", "2030-01-01T00:00:00Z");
  IkSession *ada_again = add_session (f, "Ada Augusta Lovelace", "cand-ada-7", "2031-01-01T00:00:00Z");
  IkSession *grace = add_session (f, "Grace Hopper", "cand-grace", "2030-01-01T00:00:00Z");
  g_autofree char *ada_path = session_file (f, ada);
  g_autofree char *grace_path = session_file (f, grace);
  /* Copies: the erased sessions are finalized, and their ids with them. */
  g_autofree char *ada_id = g_strdup (ik_session_get_id (ada));
  g_autofree char *ada_again_id = g_strdup (ik_session_get_id (ada_again));
  const char *needles[] = { "lovelace", "augusta", "ada-7", ada_id, ada_again_id, NULL };
  const char *dirs[] = { f->dir, NULL };
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *trace = NULL;
  AdwMessageDialog *confirm;
  GtkWidget *more;
  GtkWidget *list;
  guint shown;

  flush (f);
  ik_window_show_view (f->window, "interviews");
  ik_test_iterate (20);
  /* The row offers it in its menu. */
  more = ik_test_find_widget (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, "More Actions");
  g_assert_nonnull (more);
  {
    GMenuModel *menu;
    gboolean found = FALSE;

    /* The menu is made when it is opened, for the row's interview. */
    g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more)));
    {
      /* GTK 4.8 on Xvfb may ask for the popover's monitor before the X
       * server has placed it (a critical, not fatal here, as in
       * test-keyboard-flow); the menu is made all the same. */
      GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

      gtk_menu_button_popup (GTK_MENU_BUTTON (more));
      menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
      g_log_set_always_fatal (fatal);
    }
    g_assert_nonnull (menu);

    for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
      {
        g_autofree char *action = NULL;

        g_autoptr(GVariant) target = NULL;

        target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
        if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) && target != NULL)
          found |= g_strcmp0 (action, "sessions.erase-candidate") == 0
                   && ik_library_find_session (f->library, g_variant_get_string (target, NULL)) != NULL;
      }
    g_assert_true (found);
  }
  list = find_sessions_list (GTK_WIDGET (view));
  g_assert_nonnull (list);
  shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list))));

  gtk_widget_activate_action (GTK_WIDGET (view), "sessions.erase-candidate", "s", ada_id);
  confirm = wait_dialog ("Erase Everything About Ada Augusta Lovelace?");
  paths = listed_paths (confirm);
  g_assert_cmpuint (paths->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (paths, ada_path, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (paths, grace_path, g_str_equal, NULL));
  respond (confirm, "erase");
  g_assert_true (ik_test_wait_for (is_gone, ada_path, 5));
  ik_test_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (f->library)), ==, 1);
  /* The list follows. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list)))), ==, shown - 2);
  flush (f);

  /* Every byte of every file of the library. */
  files = ik_test_snapshot_files (dirs);
  trace = ik_test_find_trace (files, needles);
  if (trace != NULL)
    g_error ("%s still names the candidate", trace);
  g_assert_true (g_file_test (grace_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  g_test_add ("/retention/banner", Fixture, NULL, fixture_setup, test_banner, fixture_teardown);
  g_test_add ("/retention/review-erase", Fixture, NULL, fixture_setup, test_review_erase, fixture_teardown);
  g_test_add ("/retention/review-keep-longer", Fixture, NULL, fixture_setup, test_review_keep_longer,
              fixture_teardown);
  g_test_add ("/retention/erase-candidate-from-list", Fixture, NULL, fixture_setup,
              test_erase_candidate_from_list, fixture_teardown);
  return g_test_run ();
}
