/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Interviews pane: list order, search, state filter, delete,
 * planning from the browser's selection and opening a colleague's plan. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-planner.h"
#include "ik-session-planner.h"
#include "ik-scorecard-editor.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

typedef struct
{
  char      *dir;
  IkLibrary *library;
  GtkWidget *window;
  GtkWidget *view;
} Fixture;

static IkSession *
add_session (IkLibrary      *library,
             const char     *candidate,
             const char     *role,
             const char     *when,
             IkSessionState  state)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) scheduled = g_date_time_new_from_iso8601 (when, NULL);

  ik_session_set_candidate_name (session, candidate);
  ik_session_set_role (session, role);
  ik_session_set_scheduled (session, scheduled);
  ik_session_set_state (session, state);
  ik_library_add_session (library, session);
  return session;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = ik_test_make_tmpdir ();
  f->library = ik_library_new (f->dir);
  ik_library_load_async (f->library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, f->library, 10));

  add_session (f->library, "Ada Lovelace", "Security Engineer", "2026-03-01T10:00:00Z", IK_SESSION_STATE_COMPLETED);
  add_session (f->library, "Alan Turing", "ML Engineer", "2026-05-01T10:00:00Z", IK_SESSION_STATE_PLANNED);
  add_session (f->library, "Grace Hopper", "Security Lead", "2026-04-01T10:00:00Z", IK_SESSION_STATE_SUBMITTED);

  f->window = gtk_window_new ();
  f->view = ik_sessions_view_new (f->library);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ik_test_iterate (10);
  g_assert_true (ik_library_flush (f->library, NULL));
  g_clear_object (&f->library);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

static const char *
candidate_at (Fixture *f,
              guint    position)
{
  GListModel *visible = ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (f->view));
  g_autoptr(IkSession) session = g_list_model_get_item (visible, position);

  return session != NULL ? ik_session_get_candidate_name (session) : NULL;
}

static guint
n_visible (Fixture *f)
{
  return g_list_model_get_n_items (ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (f->view)));
}

static void
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpuint (n_visible (f), ==, 3);
  g_assert_cmpstr (candidate_at (f, 0), ==, "Alan Turing");
  g_assert_cmpstr (candidate_at (f, 1), ==, "Grace Hopper");
  g_assert_cmpstr (candidate_at (f, 2), ==, "Ada Lovelace");
  /* The state shows in each row. */
  ik_test_iterate (20);
  g_assert_nonnull (ik_test_find_widget (f->view, GTK_TYPE_LABEL, "Submitted"));
  g_assert_nonnull (ik_test_find_widget (f->view, GTK_TYPE_LABEL, "Planned"));
}

static void
test_search_and_filter (Fixture       *f,
                        gconstpointer  data)
{
  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), "SECURITY");
  g_assert_cmpuint (n_visible (f), ==, 2);
  g_assert_cmpstr (candidate_at (f, 0), ==, "Grace Hopper");
  g_assert_cmpstr (candidate_at (f, 1), ==, "Ada Lovelace");

  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), "turing");
  g_assert_cmpuint (n_visible (f), ==, 1);
  g_assert_cmpstr (candidate_at (f, 0), ==, "Alan Turing");

  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), "");
  ik_sessions_view_set_state_filter (IK_SESSIONS_VIEW (f->view), IK_SESSION_STATE_SUBMITTED);
  g_assert_cmpuint (n_visible (f), ==, 1);
  g_assert_cmpstr (candidate_at (f, 0), ==, "Grace Hopper");

  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), "ada");
  g_assert_cmpuint (n_visible (f), ==, 0);
  g_assert_nonnull (ik_test_find_widget (f->view, GTK_TYPE_LABEL, "No Matching Interviews"));

  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), NULL);
  ik_sessions_view_set_state_filter (IK_SESSIONS_VIEW (f->view), -1);
  g_assert_cmpuint (n_visible (f), ==, 3);
}

/* The "Altered" tags of the rows that show one. */
static void
collect_altered_tags (GtkWidget *root,
                      GPtrArray *tags)
{
  if (g_strcmp0 (gtk_widget_get_name (root), "altered-tag") == 0 && gtk_widget_get_visible (root))
    g_ptr_array_add (tags, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_altered_tags (child, tags);
}

static guint
n_altered_tags (Fixture    *f,
                GtkWidget **first)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  ik_test_iterate (20);
  collect_altered_tags (f->view, tags);
  if (first != NULL)
    *first = tags->len > 0 ? g_ptr_array_index (tags, 0) : NULL;
  return tags->len;
}

/* A submitted scorecard whose file was changed by hand: its row says so,
 * next to "Submitted". */
static void
test_altered_tag (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *visible = ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (f->view));
  g_autoptr(IkSession) session = g_list_model_get_item (visible, 1);
  g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("design", "Design");
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkSession) copy = NULL;
  GtkWidget *tag = NULL;
  GtkWidget *row;

  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Grace Hopper");
  ik_competency_rating_set_rating (rating, 2);
  ik_scorecard_add_rating (scorecard, rating);
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  g_assert_cmpuint (n_altered_tags (f, NULL), ==, 0);

  /* The file read again after someone raised the rating by hand. */
  copy = ik_test_session_edited_by_hand (session, NULL, 4);
  ik_session_update_from (session, copy);

  g_assert_cmpuint (n_altered_tags (f, &tag), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tag)), ==, "Altered");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (tag), "changed outside Interview Kit"));
  /* In Grace Hopper's row, beside its state. */
  row = gtk_widget_get_parent (tag);
  g_assert_nonnull (ik_test_find_widget (row, GTK_TYPE_LABEL, "Grace Hopper"));
  g_assert_nonnull (ik_test_find_widget (row, GTK_TYPE_LABEL, "Submitted"));
}

/* A name with a right-to-left override shows the control, not reversed
 * text. */
static void
test_bidi_name (Fixture       *f,
                gconstpointer  data)
{
  GListModel *visible = ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (f->view));
  g_autoptr(IkSession) session = g_list_model_get_item (visible, 0);

  ik_session_set_candidate_name (session, "Eve\xe2\x80\xaegnp.exe");
  ik_test_iterate (20);
  g_assert_nonnull (ik_test_find_widget (f->view, GTK_TYPE_LABEL, "Eve⟨U+202E⟩gnp.exe"));
}

/* The date in a row has a four-digit year, in the locale's order (the
 * tests run in C.UTF-8, where `%x` would give "03/01/26"). */
static void
test_row_date (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 ("2026-03-01T10:00:00Z", NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autofree char *date = g_date_time_format (local, "%m/%d/%Y %H:%M");
  g_autofree char *subtitle = g_strdup_printf ("Security Engineer · %s", date);

  g_assert_nonnull (ik_test_find_widget (f->view, GTK_TYPE_LABEL, subtitle));
}

static char *
id_at (Fixture *f,
       guint    position)
{
  GListModel *visible = ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (f->view));
  g_autoptr(IkSession) session = g_list_model_get_item (visible, position);

  return g_strdup (ik_session_get_id (session));
}

static AdwMessageDialog *
open_message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* The delete itself; its Undo is the window's (tests/test-window.c). A
 * submitted interview asks first. */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *alan_id = id_at (f, 0);
  g_autofree char *grace_id = id_at (f, 1);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (f->view, "sessions.delete", "s", alan_id));
  g_assert_cmpuint (n_visible (f), ==, 2);
  g_assert_null (ik_library_find_session (f->library, alan_id));
  g_assert_null (open_message_dialog ());
  g_assert_nonnull (ik_library_restore_session (f->library, alan_id, NULL));
  ik_test_iterate (10);
  g_assert_cmpuint (n_visible (f), ==, 3);

  /* Submitted: nothing goes until the user says so; Cancel is the default. */
  g_assert_true (gtk_widget_activate_action (f->view, "sessions.delete", "s", grace_id));
  dialog = open_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_nonnull (ik_library_find_session (f->library, grace_id));
  adw_message_dialog_response (dialog, "cancel");
  ik_test_iterate (10);
  g_assert_nonnull (ik_library_find_session (f->library, grace_id));
  g_assert_cmpuint (n_visible (f), ==, 3);

  g_assert_true (gtk_widget_activate_action (f->view, "sessions.delete", "s", grace_id));
  adw_message_dialog_response (open_message_dialog (), "delete");
  ik_test_iterate (10);
  g_assert_null (ik_library_find_session (f->library, grace_id));
  g_assert_cmpuint (n_visible (f), ==, 2);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The row with the keyboard: a list item itself, not a button in it. */
static void
assert_focus_on_row (Fixture    *f,
                     const char *candidate)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_BUTTON (focus));
  g_assert_true (GTK_IS_GRID_VIEW (gtk_widget_get_parent (focus)));
  g_assert_nonnull (ik_test_find_widget (focus, GTK_TYPE_LABEL, candidate));
}

/* By keyboard: Delete on a row leaves the keyboard on the row that took its
 * place, never on its Delete button (a second Enter deleted a submitted
 * scorecard); a submitted interview asks, and Escape keeps it. */
static void
test_delete_by_keyboard (Fixture       *f,
                         gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  GtkWidget *alan;
  GtkWidget *delete_button;
  g_autofree char *ada_id = id_at (f, 2);

  g_assert_true (ik_test_wait_for (window_mapped, window, 5));
  ik_test_iterate (10);

  /* The Delete button of Alan's row (the last button of the row), pressed
   * by keyboard. */
  alan = ik_test_find_widget (f->view, GTK_TYPE_LABEL, "Alan Turing");
  g_assert_nonnull (alan);
  delete_button = gtk_widget_get_last_child (gtk_widget_get_parent (gtk_widget_get_parent (alan)));
  g_assert_true (GTK_IS_BUTTON (delete_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (delete_button), ==, "Delete Interview");
  gtk_widget_grab_focus (delete_button);
  if (!ik_test_press_key (window, GDK_KEY_Return, 0))
    return;
  ik_test_iterate (10);
  g_assert_cmpuint (n_visible (f), ==, 2);
  assert_focus_on_row (f, "Grace Hopper");

  /* Grace's scorecard was submitted: Delete asks, Escape keeps it. */
  ik_test_press_key (window, GDK_KEY_Delete, 0);
  ik_test_iterate (10);
  g_assert_nonnull (open_message_dialog ());
  ik_test_press_key (GTK_WINDOW (open_message_dialog ()), GDK_KEY_Escape, 0);
  ik_test_iterate (10);
  g_assert_null (open_message_dialog ());
  g_assert_cmpuint (n_visible (f), ==, 2);
  assert_focus_on_row (f, "Grace Hopper");

  /* Confirmed, it goes, and the keyboard is on the next row. */
  ik_test_press_key (window, GDK_KEY_Delete, 0);
  ik_test_iterate (10);
  adw_message_dialog_response (open_message_dialog (), "delete");
  ik_test_iterate (10);
  g_assert_cmpuint (n_visible (f), ==, 1);
  assert_focus_on_row (f, "Ada Lovelace");
  g_assert_nonnull (ik_library_find_session (f->library, ada_id));
}

static void
test_plan_from_selection (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(IkBank) bank = g_list_model_get_item (ik_library_get_banks (f->library), 0);
  g_autoptr(IkQuestion) q1 = g_list_model_get_item (ik_bank_get_questions (bank), 1);
  g_autoptr(IkQuestion) q2 = g_list_model_get_item (ik_bank_get_questions (bank), 3);
  const char *ids[] = { ik_question_get_id (q1), ik_question_get_id (q2), NULL };
  GtkWidget *planner;
  IkSession *session;
  g_autoptr(IkQuestionRecord) record = NULL;

  ik_sessions_view_plan_interview (IK_SESSIONS_VIEW (f->view), bank, ids);
  session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (f->view));
  planner = ik_sessions_view_get_content (IK_SESSIONS_VIEW (f->view));
  g_assert_true (IK_IS_SESSION_PLANNER (planner));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_PLANNED);
  g_assert_cmpstr (ik_session_get_bank_id (session), ==, ik_bank_get_id (bank));
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 2);
  /* Saved in the library straight away. */
  g_assert_true (ik_library_find_session (f->library, ik_session_get_id (session)) == session);
  g_assert_cmpuint (n_visible (f), ==, 4);

  /* Reorder and remove until the interview starts. */
  gtk_widget_activate_action (planner, "planner.move-down", "u", 0);
  record = g_list_model_get_item (ik_session_get_records (session), 0);
  g_assert_cmpstr (ik_question_get_id (ik_question_record_get_question (record)), ==, ik_question_get_id (q2));
  gtk_widget_activate_action (planner, "planner.remove", "u", 1);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 1);

  /* The suggestion fits 45 minutes; two more questions overrun. */
  ik_session_set_duration (session, 45);
  gtk_widget_activate_action (planner, "planner.suggest", NULL);
  g_assert_false (ik_session_planner_get_overrun (IK_SESSION_PLANNER (planner)));
  {
    g_autoptr(IkQuestion) q3 = g_list_model_get_item (ik_bank_get_questions (bank), 5);
    g_autoptr(IkQuestion) q4 = g_list_model_get_item (ik_bank_get_questions (bank), 6);
    ik_session_add_question (session, q3);
    ik_session_add_question (session, q4);
  }
  g_assert_true (ik_session_planner_get_overrun (IK_SESSION_PLANNER (planner)));
}

static void
test_panel_plan_files (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(IkBank) bank = g_list_model_get_item (ik_library_get_banks (f->library), 0);
  g_autofree char *out = g_build_filename (f->dir, "plans", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *candidate_id = NULL;
  GtkWidget *planner;
  IkSession *session;
  guint n_sessions;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  ik_sessions_view_plan_interview (IK_SESSIONS_VIEW (f->view), bank, NULL);
  session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (f->view));
  ik_session_set_candidate_name (session, "Katherine Johnson");
  planner = ik_sessions_view_get_content (IK_SESSIONS_VIEW (f->view));
  ik_session_planner_export_panel_async (IK_SESSION_PLANNER (planner), 3, folder, ik_test_store_result, &slot);
  /* Written in a worker thread: the session changes only when all are. */
  g_assert_null (slot);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 0);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_session_planner_export_panel_finish (IK_SESSION_PLANNER (planner), result, &error));
  g_assert_no_error (error);
  candidate_id = g_strdup (ik_session_get_candidate_id (session));

  /* My session keeps the first slice; the colleagues open theirs. */
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *name = g_strdup_printf ("Katherine-Johnson-interviewer-%u.ikplan.json", k + 1);
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GListModel *records;

      ik_test_assert_schema_valid ("plan.schema.json", path);
      g_assert_cmpint (ik_test_file_mode (path), ==, 0600);
      if (k == 0)
        records = ik_session_get_records (session);
      else
        {
          IkSession *imported;

          g_autoptr(GAsyncResult) read = NULL;

          /* Read in a worker thread; the view shows the plan when it is done. */
          ik_sessions_view_import_plan_async (IK_SESSIONS_VIEW (f->view), file, NULL,
                                              ik_test_store_result, &slot);
          read = ik_test_wait_result (&slot);
          g_assert_true (ik_sessions_view_import_plan_finish (IK_SESSIONS_VIEW (f->view), read, &error));
          g_assert_no_error (error);
          imported = ik_sessions_view_get_session (IK_SESSIONS_VIEW (f->view));
          g_assert_true (imported != session);
          g_assert_cmpstr (ik_session_get_candidate_id (imported), ==, candidate_id);
          g_assert_cmpstr (ik_session_get_candidate_name (imported), ==, "Katherine Johnson");
          records = ik_session_get_records (imported);
        }
      g_assert_cmpuint (g_list_model_get_n_items (records), >, 0);
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
          const char *id = ik_question_get_id (ik_question_record_get_question (record));

          /* No question is asked twice across the panel. */
          g_assert_true (g_hash_table_add (seen, g_strdup (id)));
        }
    }

  n_sessions = g_list_model_get_n_items (ik_library_get_sessions (f->library));
  g_assert_cmpuint (n_sessions, ==, 6);

  /* A file that is not a plan is refused with a message, nothing added. */
  {
    g_autofree char *bad = g_build_filename (out, "bad.ikplan.json", NULL);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
    g_autoptr(GAsyncResult) read = NULL;

    g_assert_true (g_file_set_contents (bad, "{\"format\":\"interview-kit/bank\",\"version\":1}", -1, NULL));
    ik_sessions_view_import_plan_async (IK_SESSIONS_VIEW (f->view), bad_file, NULL,
                                        ik_test_store_result, &slot);
    read = ik_test_wait_result (&slot);
    g_assert_false (ik_sessions_view_import_plan_finish (IK_SESSIONS_VIEW (f->view), read, &error));
    g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT);
    g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (f->library)), ==, n_sessions);
  }
}

/* Generated by gnome.compile_resources in the UI library. */
GResource *ik_ui_get_resource (void);

static void
count_filter_changes (GtkFilter       *filter,
                      GtkFilterChange  change,
                      guint           *count)
{
  (*count)++;
}

/* The open interview changing: the list is filtered and sorted again
 * when what it shows of it changed (name, role, date, state), not for
 * anything else (each character of the notes, at 20,000 interviews). */
static void
test_open_session_edits (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *visible = ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (f->view));
  GListModel *filtered = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (visible));
  GtkFilter *filter = gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (filtered));
  g_autoptr(IkSession) ada = g_list_model_get_item (visible, 2);
  g_autoptr(GDateTime) later = g_date_time_new_from_iso8601 ("2026-06-01T10:00:00Z", NULL);
  guint changes = 0;

  g_assert_cmpstr (ik_session_get_candidate_name (ada), ==, "Ada Lovelace");
  ik_sessions_view_open_session (IK_SESSIONS_VIEW (f->view), ada);
  ik_test_iterate (10);
  g_signal_connect (filter, "changed", G_CALLBACK (count_filter_changes), &changes);

  ik_session_set_interviewer (ada, "Someone Else");
  ik_session_set_elapsed (ada, 1234);
  ik_test_iterate (10);
  g_assert_cmpuint (changes, ==, 0);

  /* Renamed out of the search: it leaves the list. */
  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), "ada");
  g_assert_cmpuint (n_visible (f), ==, 1);
  changes = 0;
  ik_session_set_candidate_name (ada, "Zora Neale");
  ik_test_iterate (10);
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (n_visible (f), ==, 0);

  /* Rescheduled: it moves to the top (newest first). */
  ik_sessions_view_set_search (IK_SESSIONS_VIEW (f->view), NULL);
  g_assert_cmpstr (candidate_at (f, 2), ==, "Zora Neale");
  ik_session_set_scheduled (ada, later);
  ik_test_iterate (10);
  g_assert_cmpstr (candidate_at (f, 0), ==, "Zora Neale");

  g_signal_handlers_disconnect_by_data (filter, &changes);
}

/* An interview whose file another program broke after the load (its body
 * is read when it is opened) says so instead of showing an empty interview
 * to fill in; the file is left as it is. */
static void
test_unreadable_interview (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) writer = ik_library_new (dir);
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *after = NULL;
  static const char broken[] = "{ \"format\" : \"interview-kit/session\", \"id\" : ";
  IkSession *session;
  GtkWidget *window;
  GtkWidget *view;

  ik_library_load_async (writer, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, writer, 10));
  session = add_session (writer, "Katherine Johnson", "Security Engineer", "2026-03-01T10:00:00Z",
                         IK_SESSION_STATE_COMPLETED);
  ik_question_set_text (question, "Tell me about a threat model you revised.");
  ik_session_add_question (session, question);
  id = g_strdup (ik_session_get_id (session));
  g_assert_true (ik_library_flush (writer, NULL));
  g_clear_object (&writer);

  library = ik_library_new (dir);
  ik_library_load_async (library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
  session = ik_library_find_session (library, id);
  g_assert_false (ik_session_get_body_loaded (session));
  name = g_strdup_printf ("%s.json", id);
  path = g_build_filename (dir, "sessions", name, NULL);
  g_assert_true (g_file_set_contents (path, broken, -1, NULL));

  window = gtk_window_new ();
  view = ik_sessions_view_new (library);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  ik_sessions_view_open_session (IK_SESSIONS_VIEW (view), session);
  ik_test_iterate (10);
  g_assert_nonnull (ik_test_find_widget (view, GTK_TYPE_LABEL, "Interview Cannot Be Read"));
  g_assert_null (ik_test_find_widget (view, IK_TYPE_SCORECARD_EDITOR, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, broken);
  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  /* Linking the templates in from the static library registers them. */
  g_assert_nonnull (ik_ui_get_resource ());

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sessions-view/list-order", test_list_order);
  ADD ("/sessions-view/search-and-filter", test_search_and_filter);
  ADD ("/sessions-view/delete", test_delete);
  ADD ("/sessions-view/delete-by-keyboard", test_delete_by_keyboard);
  ADD ("/sessions-view/altered-tag", test_altered_tag);
  ADD ("/sessions-view/bidi-name", test_bidi_name);
  ADD ("/sessions-view/row-date", test_row_date);
  ADD ("/sessions-view/plan-from-selection", test_plan_from_selection);
  ADD ("/sessions-view/panel-plan-files", test_panel_plan_files);
  ADD ("/sessions-view/open-session-edits", test_open_session_edits);
#undef ADD
  g_test_add_func ("/sessions-view/unreadable-interview", test_unreadable_interview);

  return g_test_run ();
}
