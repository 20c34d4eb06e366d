/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A whole interview: plan with the suggestion, start, tick by keyboard, take
 * notes, move between questions, close the window mid-interview, reopen and
 * find everything as it was, finish. */
#include "config.h"

#include <adwaita.h>

#include "ik-json.h"
#include "ik-library.h"
#include "ik-live-view.h"
#include "ik-planner.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

static gboolean
library_loaded (gpointer data)
{
  return ik_library_get_loaded (IK_LIBRARY (data));
}

static IkLibrary *
open_library (const char *dir)
{
  IkLibrary *library = ik_library_new (dir);

  ik_library_load_async (library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (library_loaded, library, 10));
  return library;
}

typedef struct
{
  IkLibrary *library;
  IkSession *session;
} DirtyCheck;

static gboolean
session_saved (gpointer data)
{
  DirtyCheck *check = data;

  return !ik_library_is_dirty (check->library, G_OBJECT (check->session));
}

static IkQuestionRecord *
record_at (IkSession *session,
           guint      index)
{
  return g_list_model_get_item (ik_session_get_records (session), index);
}

static char *
session_path (const char *dir,
              IkSession  *session)
{
  g_autofree char *name = g_strconcat (ik_session_get_id (session), ".json", NULL);

  return g_build_filename (dir, "sessions", name, NULL);
}

static guint
shifted_keycode (guint keyval)
{
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  g_assert_true (gdk_display_map_keyval (gdk_display_get_default (), keyval, &keys, &n_keys));
  g_assert_cmpint (n_keys, >, 0);
  return keys[0].keycode;
}

static void
type_notes (GtkWidget  *live,
            const char *text)
{
  GtkWidget *notes = ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL);
  GtkTextBuffer *buffer;

  g_assert_nonnull (notes);
  gtk_widget_grab_focus (notes);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes));
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
}

static char *
notes_shown (GtkWidget *live)
{
  GtkWidget *notes = ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_whole_interview (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = open_library (dir);
  g_autoptr(IkLibrary) reopened = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(IkQuestionRecord) first = NULL;
  g_autoptr(IkQuestionRecord) second = NULL;
  g_autoptr(IkQuestionRecord) third = NULL;
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *reserialized = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *position = NULL;
  g_autoptr(JsonNode) root = NULL;
  GtkWidget *window, *view, *planner, *live;
  IkSession *session;
  GListModel *competencies;
  GDateTime *running_since;
  DirtyCheck check;
  guint available;
  gint64 elapsed_before;

  g_settings_set_string (settings, "interviewer-name", "Grace Hopper");
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_banks (library)), >, 0);
  bank = g_list_model_get_item (ik_library_get_banks (library), 0);

  window = gtk_window_new ();
  view = ik_sessions_view_new (library);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* Plan: a new interview defaults to the interviewer of the preferences,
   * then the suggestion fills 60 minutes. */
  ik_sessions_view_plan_interview (IK_SESSIONS_VIEW (view), bank, NULL);
  session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (view));
  g_assert_nonnull (session);
  session_id = g_strdup (ik_session_get_id (session));
  g_assert_cmpstr (ik_session_get_interviewer (session), ==, "Grace Hopper");
  g_assert_nonnull (ik_session_get_keep_until (session));
  planner = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (IK_IS_SESSION_PLANNER (planner));
  ik_session_set_candidate_name (session, "Ada Lovelace");
  ik_session_set_duration (session, 60);

  gtk_widget_activate_action (planner, "planner.suggest", NULL);
  available = 60 - g_settings_get_int (settings, "opening-minutes") - g_settings_get_int (settings, "closing-minutes");
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), >=, 3);
  g_assert_cmpuint (ik_session_planner_get_planned_minutes (IK_SESSION_PLANNER (planner)), <=, available);
  g_assert_false (ik_session_planner_get_overrun (IK_SESSION_PLANNER (planner)));
  for (guint i = 0; i < g_list_model_get_n_items (ik_session_get_records (session)); i++)
    {
      g_autoptr(IkQuestionRecord) record = record_at (session, i);
      const char * const *comps = ik_question_get_competencies (ik_question_record_get_question (record));

      for (guint j = 0; comps != NULL && comps[j] != NULL; j++)
        g_hash_table_add (covered, (gpointer) comps[j]);
    }
  competencies = ik_bank_get_competencies (bank);
  for (guint i = 0; i < g_list_model_get_n_items (competencies); i++)
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, i);
      g_assert_true (g_hash_table_contains (covered, ik_competency_get_id (competency)));
    }

  /* Start. */
  gtk_widget_activate_action (planner, "planner.start", NULL);
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (IK_IS_LIVE_VIEW (live));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_IN_PROGRESS);
  g_assert_true (ik_session_get_running (session));
  g_assert_cmpuint (ik_session_get_current (session), ==, 0);
  first = record_at (session, 0);

  /* Tick by keyboard: bare digits while the notes do not have the focus… */
  gtk_widget_grab_focus (ik_test_find_widget (live, GTK_TYPE_DROP_DOWN, NULL));
  g_assert_true (ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_1, 0, 0));
  g_assert_true (ik_question_record_get_area_covered (first, 0));
  g_assert_true (ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_exclam, shifted_keycode (GDK_KEY_1), GDK_SHIFT_MASK));
  g_assert_true (ik_question_record_get_follow_up_asked (first, 0));

  /* …while in the notes a bare digit is text, and Alt or Ctrl ticks. */
  type_notes (live, "Found a prompt injection in the support bot. ");
  g_assert_false (ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_2, 0, 0));
  g_assert_false (ik_question_record_get_area_covered (first, 1));
  g_assert_true (ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_2, 0, GDK_ALT_MASK));
  g_assert_true (ik_question_record_get_area_covered (first, 1));
  g_assert_true (ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_3, 0, GDK_CONTROL_MASK));
  g_assert_true (ik_question_record_get_area_covered (first, 2));
  g_assert_true (ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_3, 0, GDK_CONTROL_MASK));
  g_assert_false (ik_question_record_get_area_covered (first, 2));
  g_assert_true (gtk_widget_has_focus (ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL)));
  type_notes (live, "Led the fix herself.");
  g_assert_cmpstr (ik_question_record_get_notes (first), ==,
                   "Found a prompt injection in the support bot. Led the fix herself.");

  /* STAR marks by action; with action and result, Next moves on at once. */
  gtk_widget_activate_action (live, "live.star", "s", "action");
  gtk_widget_activate_action (live, "live.star", "s", "result");
  g_assert_cmpint (ik_question_record_get_star (first), ==, IK_STAR_ACTION | IK_STAR_RESULT);
  gtk_widget_activate_action (live, "live.next", NULL);
  g_assert_cmpuint (ik_session_get_current (session), ==, 1);

  /* Notes but no result: Next first suggests the follow-up, then moves. */
  second = record_at (session, 1);
  type_notes (live, "Talked about the team.");
  gtk_widget_activate_action (live, "live.star", "s", "action");
  gtk_widget_activate_action (live, "live.next", NULL);
  g_assert_cmpuint (ik_session_get_current (session), ==, 1);
  g_assert_nonnull (ik_test_find_widget (live, GTK_TYPE_LABEL,
                                         "No result recorded yet. Ask: “What was the outcome?” Press Next again to move on."));
  gtk_widget_activate_action (live, "live.next", NULL);
  g_assert_cmpuint (ik_session_get_current (session), ==, 2);

  /* Back, then skip: recorded as skipped. No direct experience on the third. */
  gtk_widget_activate_action (live, "live.previous", NULL);
  g_assert_cmpuint (ik_session_get_current (session), ==, 1);
  shown = notes_shown (live);
  g_assert_cmpstr (shown, ==, "Talked about the team.");
  gtk_widget_activate_action (live, "live.skip", NULL);
  g_assert_true (ik_question_record_get_skipped (second));
  g_assert_cmpuint (ik_session_get_current (session), ==, 2);
  third = record_at (session, 2);
  gtk_widget_activate_action (live, "live.no-experience", NULL);
  g_assert_true (ik_question_record_get_no_experience (third));
  type_notes (live, "Would start with a threat model.");
  ik_live_view_handle_key (IK_LIVE_VIEW (live), GDK_KEY_1, 0, GDK_ALT_MASK);

  /* The notes save themselves shortly after typing stops. */
  check.library = library;
  check.session = session;
  g_assert_true (ik_test_wait_for (session_saved, &check, 5));

  /* Close the window mid-interview. */
  running_since = g_date_time_ref (ik_session_get_running_since (session));
  elapsed_before = ik_session_get_elapsed (session);
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  path = session_path (dir, session);
  g_file_get_contents (path, &on_disk, NULL, &error);
  g_assert_no_error (error);
  ik_test_assert_schema_valid ("session.schema.json", path);
  g_clear_object (&library);

  /* Reopen: a new library on the same folder goes back to the interview. */
  reopened = open_library (dir);
  session = ik_library_find_session (reopened, session_id);
  g_assert_nonnull (session);
  root = ik_session_to_json (session);
  reserialized = ik_json_to_data (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reserialized, ==, on_disk);
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_IN_PROGRESS);
  g_assert_cmpuint (ik_session_get_current (session), ==, 2);
  g_assert_true (g_date_time_equal (ik_session_get_running_since (session), running_since));
  g_assert_cmpint (ik_session_get_elapsed (session), ==, elapsed_before);
  g_date_time_unref (running_since);
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&third);
  first = record_at (session, 0);
  second = record_at (session, 1);
  third = record_at (session, 2);
  g_assert_cmpstr (ik_question_record_get_notes (first), ==,
                   "Found a prompt injection in the support bot. Led the fix herself.");
  g_assert_true (ik_question_record_get_area_covered (first, 0));
  g_assert_true (ik_question_record_get_area_covered (first, 1));
  g_assert_false (ik_question_record_get_area_covered (first, 2));
  g_assert_true (ik_question_record_get_follow_up_asked (first, 0));
  g_assert_true (ik_question_record_get_skipped (second));
  g_assert_true (ik_question_record_get_no_experience (third));
  g_assert_true (ik_question_record_get_area_covered (third, 0));

  window = gtk_window_new ();
  view = ik_sessions_view_new (reopened);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (IK_IS_LIVE_VIEW (live));
  g_assert_true (ik_live_view_get_session (IK_LIVE_VIEW (live)) == session);
  g_clear_pointer (&shown, g_free);
  shown = notes_shown (live);
  g_assert_cmpstr (shown, ==, "Would start with a threat model.");
  position = g_strdup_printf ("Question 3 of %u", g_list_model_get_n_items (ik_session_get_records (session)));
  g_assert_nonnull (ik_test_find_widget (live, GTK_TYPE_LABEL, position));

  /* Pause and resume keep the clock exact. */
  gtk_widget_activate_action (live, "live.toggle-clock", NULL);
  g_assert_false (ik_session_get_running (session));
  gtk_widget_activate_action (live, "live.toggle-clock", NULL);
  g_assert_true (ik_session_get_running (session));

  /* Finish: on to the scorecard. */
  gtk_widget_activate_action (live, "live.finish", NULL);
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_COMPLETED);
  g_assert_false (ik_session_get_running (session));
  g_assert_false (IK_IS_LIVE_VIEW (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));

  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);
  g_assert_true (ik_library_flush (reopened, &error));
  g_assert_no_error (error);
  g_clear_object (&reopened);
  ik_test_rm_rf (dir);
}

static void
test_focus_mode (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = open_library (dir);
  g_autoptr(IkBank) bank = g_list_model_get_item (ik_library_get_banks (library), 0);
  g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  const char *ids[] = { ik_question_get_id (question), NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ik_sessions_view_new (library);
  GtkWidget *live;
  IkSession *session;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  ik_sessions_view_plan_interview (IK_SESSIONS_VIEW (view), bank, ids);
  session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 1);
  gtk_widget_activate_action (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view)), "planner.start", NULL);
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));

  gtk_widget_activate_action (live, "live.focus-mode", NULL);
  g_assert_true (ik_live_view_get_focus_mode (IK_LIVE_VIEW (live)));
  g_assert_true (ik_sessions_view_get_focus_mode (IK_SESSIONS_VIEW (view)));
  /* Only the question, checklists, notes and clock remain. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (ik_test_find_widget (live, GTK_TYPE_DROP_DOWN, NULL))));
  g_assert_true (gtk_widget_get_visible (ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL)));
  gtk_widget_activate_action (live, "live.focus-mode", NULL);
  g_assert_false (ik_sessions_view_get_focus_mode (IK_SESSIONS_VIEW (view)));

  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);
  ik_library_flush (library, NULL);
  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* Generated by gnome.compile_resources in the UI library. */
GResource *ik_ui_get_resource (void);

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  /* Linking the templates in from the static library registers them. */
  g_assert_nonnull (ik_ui_get_resource ());

  g_test_add_func ("/live-view/whole-interview", test_whole_interview);
  g_test_add_func ("/live-view/focus-mode", test_focus_mode);

  return g_test_run ();
}
