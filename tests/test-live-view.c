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
#include "ik-scorecard-editor.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

static IkLibrary *
open_library (const char *dir)
{
  IkLibrary *library = ik_library_new (dir);

  ik_library_load_async (library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
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

/* Keyboard only --------------------------------------------------------- */

static GtkWidget *
focused_widget (GtkWidget *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
notes_focused (GtkWidget *window,
               GtkWidget *live)
{
  return focused_widget (window) == ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL);
}

/* The first widget of the type on screen (drop-downs hold hidden ones). */
static GtkWidget *
find_mapped (GtkWidget *root,
             GType      type)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
press (GtkWidget       *window,
       guint            keyval,
       GdkModifierType  modifiers)
{
  ik_test_press_key (GTK_WINDOW (window), keyval, modifiers);
}

/* Closes the window, saves the library and removes its folder. */
static void
close_and_remove (GtkWidget  *window,
                  IkLibrary **library,
                  const char *dir)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);
  ik_library_flush (*library, NULL);
  g_clear_object (library);
  ik_test_rm_rf (dir);
}

/* A window with the interviews and an interview of the first three
 * questions of the bundled bank, planned. */
static GtkWidget *
plan_three_questions (IkLibrary  *library,
                      int         width,
                      GtkWidget **view_out)
{
  g_autoptr(IkBank) bank = g_list_model_get_item (ik_library_get_banks (library), 0);
  GListModel *questions = ik_bank_get_questions (bank);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ik_sessions_view_new (library);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);
      g_ptr_array_add (ids, (gpointer) ik_question_get_id (question));
    }
  g_ptr_array_add (ids, NULL);

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 768);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, window, 5));
  ik_sessions_view_plan_interview (IK_SESSIONS_VIEW (view), bank, (const char * const *) ids->pdata);
  ik_test_iterate (10);
  *view_out = view;
  return window;
}

/* The interview starts (Ctrl+Return in the planner) with the
 * focus in the notes; every live shortcut works from anywhere in the
 * window, Tab leaves the notes, each question starts at its top. */
static void
test_keyboard_only (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = open_library (dir);
  g_autoptr(IkQuestionRecord) first = NULL;
  g_autoptr(IkQuestionRecord) second = NULL;
  GtkWidget *view, *live, *notes, *search, *previous, *dropdown, *popover;
  GtkWidget *window = plan_three_questions (library, 1366, &view);
  IkSession *session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (view));
  GtkAdjustment *vadjustment;
  guint n_tabs = 0;

  if (!ik_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, GDK_CONTROL_MASK))
    return;
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (IK_IS_LIVE_VIEW (live));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_IN_PROGRESS);
  notes = ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_true (notes_focused (window, live));
  first = record_at (session, 0);

  /* Typed text goes into the notes; Alt+digit ticks while typing. */
  press (window, GDK_KEY_o, 0);
  press (window, GDK_KEY_k, 0);
  press (window, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpstr (ik_question_record_get_notes (first), ==, "ok");
  g_assert_true (ik_question_record_get_area_covered (first, 0));

  /* On the first question there is no previous one. */
  previous = ik_test_find_widget (live, GTK_TYPE_BUTTON, "Previous Question (Alt+Left)");
  g_assert_false (gtk_widget_is_sensitive (previous));

  /* Tab leaves the notes (no tab typed) to the clock controls, Shift+Tab
   * comes back and leaves them the other way; Ctrl+Tab types a tab. */
  press (window, GDK_KEY_Tab, 0);
  g_assert_false (notes_focused (window, live));
  g_assert_true (gtk_widget_is_ancestor (focused_widget (window), live));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (focused_widget (window)), ==, "Pause Clock (Alt+P)");
  press (window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (notes_focused (window, live));
  press (window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_false (notes_focused (window, live));
  g_assert_cmpstr (ik_question_record_get_notes (first), ==, "ok");
  gtk_widget_grab_focus (notes);
  press (window, GDK_KEY_Tab, GDK_CONTROL_MASK);
  g_assert_cmpstr (ik_question_record_get_notes (first), ==, "ok\t");

  /* From the question to the notes: one stop per control shown. */
  dropdown = ik_test_find_widget (live, GTK_TYPE_DROP_DOWN, NULL);
  gtk_widget_grab_focus (dropdown);
  while (!notes_focused (window, live) && n_tabs < 30)
    {
      press (window, GDK_KEY_Tab, 0);
      g_assert_true (gtk_widget_is_ancestor (focused_widget (window), live));
      g_assert_true (gtk_widget_is_drawable (focused_widget (window)));
      n_tabs++;
    }
  g_assert_true (notes_focused (window, live));
  /* Next, the areas and follow-ups, four STAR marks, no experience, the
   * guidance (when the bank has some), the notes. */
  g_assert_cmpuint (n_tabs, <=, 1 + ik_question_record_get_n_areas (first)
                                + ik_question_record_get_n_follow_ups (first) + 4 + 1 + 1 + 1);

  /* Shortcuts from outside the live view: the search of the interviews. */
  search = find_mapped (view, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  gtk_widget_grab_focus (search);
  press (window, GDK_KEY_p, GDK_ALT_MASK);
  g_assert_false (ik_session_get_running (session));
  press (window, GDK_KEY_p, GDK_ALT_MASK);
  g_assert_true (ik_session_get_running (session));
  press (window, GDK_KEY_a, GDK_ALT_MASK);
  press (window, GDK_KEY_r, GDK_ALT_MASK);
  g_assert_cmpint (ik_question_record_get_star (first), ==, IK_STAR_ACTION | IK_STAR_RESULT);
  /* A bare digit is typed into the search, not ticked. */
  press (window, GDK_KEY_2, 0);
  g_assert_false (ik_question_record_get_area_covered (first, 1));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "2");
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  /* A bare digit ticks where nothing is typed. */
  gtk_widget_grab_focus (ik_test_find_widget (live, GTK_TYPE_BUTTON, "Skip This Question (Alt+K)"));
  press (window, GDK_KEY_2, 0);
  g_assert_true (ik_question_record_get_area_covered (first, 1));
  /* Alt+N goes back to the notes. */
  press (window, GDK_KEY_n, GDK_ALT_MASK);
  g_assert_true (notes_focused (window, live));

  /* Next question: at its top, with its text in view. */
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
                                                      ik_test_find_widget (live, GTK_TYPE_LIST_BOX, NULL),
                                                      GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  gtk_widget_grab_focus (search);
  press (window, GDK_KEY_Right, GDK_ALT_MASK);
  g_assert_cmpuint (ik_session_get_current (session), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (previous));
  press (window, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpuint (ik_session_get_current (session), ==, 0);
  press (window, GDK_KEY_Right, GDK_ALT_MASK);
  second = record_at (session, 1);

  /* Ctrl+J opens the list of questions; Escape closes it. (GTK 4.8 on
   * Xvfb may ask for the popover's monitor before the X server has placed
   * it: a critical, not fatal here, as in test-keyboard-flow; the popover
   * opens all the same.) */
  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

    press (window, GDK_KEY_j, GDK_CONTROL_MASK);
    popover = ik_test_find_widget (dropdown, GTK_TYPE_POPOVER, NULL);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    press (window, GDK_KEY_Escape, 0);
    g_assert_false (gtk_widget_get_visible (popover));
    g_log_set_always_fatal (fatal);
  }

  /* Focus mode: F11 in, Escape out; the question stays in view. */
  gtk_widget_grab_focus (notes);
  press (window, GDK_KEY_F11, 0);
  g_assert_true (ik_live_view_get_focus_mode (IK_LIVE_VIEW (live)));
  g_assert_true (gtk_widget_is_drawable (ik_test_find_widget (live, GTK_TYPE_LABEL,
                                                              ik_question_get_text (ik_question_record_get_question (second)))));
  press (window, GDK_KEY_Escape, 0);
  g_assert_false (ik_live_view_get_focus_mode (IK_LIVE_VIEW (live)));
  g_assert_true (notes_focused (window, live));

  g_assert_cmpstr (ik_question_record_get_notes (second), ==, "");

  close_and_remove (window, &library, dir);
}

/* Reopening the app, or opening the interview from the list (at a
 * narrow width, where the list and the interview take turns), puts the
 * focus in the notes. */
static void
test_focus_on_entry (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = open_library (dir);
  GtkWidget *view, *live, *list;
  GtkWidget *window = plan_three_questions (library, 400, &view);
  IkSession *session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (view));
  int width = 0;

  if (!ik_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, GDK_CONTROL_MASK))
    return;
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (notes_focused (window, live));
  /* The live view fits the narrow window rather than widening it. */
  ik_test_iterate (10);
  width = gtk_widget_get_width (window);
  g_assert_cmpint (width, <=, 400);

  /* Back to the list, then the interview again, by keys. */
  gtk_widget_activate_action (view, "sessions.back", NULL);
  ik_test_iterate (10);
  list = find_mapped (view, GTK_TYPE_GRID_VIEW);
  g_assert_nonnull (list);
  gtk_widget_grab_focus (list);
  press (window, GDK_KEY_Return, 0);
  g_assert_true (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view)) == live);
  g_assert_true (gtk_widget_get_mapped (live));
  g_assert_true (notes_focused (window, live));
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);

  /* Reopened: straight back into the notes. */
  window = gtk_window_new ();
  view = ik_sessions_view_new (library);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, window, 5));
  ik_test_iterate (10);
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (IK_IS_LIVE_VIEW (live));
  g_assert_true (ik_live_view_get_session (IK_LIVE_VIEW (live)) == session);
  g_assert_true (notes_focused (window, live));

  close_and_remove (window, &library, dir);
}

/* Finished by keys (Tab from the notes to Finish), then in the scorecard
 * Ctrl+Return, documented as Submit Scorecard, never types a new line in
 * the summary. */
static void
test_scorecard_ctrl_return (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = open_library (dir);
  GtkWidget *view, *editor, *summary;
  GtkWidget *window = plan_three_questions (library, 1366, &view);
  IkSession *session = ik_sessions_view_get_session (IK_SESSIONS_VIEW (view));
  IkScorecard *scorecard;

  if (!ik_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, GDK_CONTROL_MASK))
    return;
  g_assert_true (IK_IS_LIVE_VIEW (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));
  /* Notes → Pause → Focus Mode → Skip → Finish. */
  for (guint i = 0; i < 4; i++)
    press (window, GDK_KEY_Tab, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (focused_widget (window)), ==,
                   "Finish the Interview and Go to the Scorecard");
  press (window, GDK_KEY_Return, 0);
  ik_test_iterate (10);
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_COMPLETED);

  editor = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  /* The text field of the "Key Takeaways" group. */
  summary = ik_test_find_widget (editor, GTK_TYPE_LABEL, "Key Takeaways");
  g_assert_nonnull (summary);
  summary = find_mapped (gtk_widget_get_ancestor (summary, ADW_TYPE_PREFERENCES_GROUP), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (summary);
  gtk_widget_grab_focus (summary);
  press (window, GDK_KEY_o, 0);
  press (window, GDK_KEY_k, 0);
  scorecard = ik_session_get_scorecard (session);
  g_assert_cmpstr (ik_scorecard_get_summary (scorecard), ==, "ok");
  press (window, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_cmpstr (ik_scorecard_get_summary (scorecard), ==, "ok");
  press (window, GDK_KEY_KP_Enter, GDK_CONTROL_MASK);
  g_assert_cmpstr (ik_scorecard_get_summary (scorecard), ==, "ok");

  close_and_remove (window, &library, dir);
}

/* The narrowest window a phone or a half-screen beside a video call gives
 * (360 px) holds the planner, the live view and the scorecard: none of
 * them asks for more, so none widens the window or is cut off. */
static int
min_width (GtkWidget *window)
{
  int min = 0;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
test_fits_360 (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = open_library (dir);
  GtkWidget *view;
  GtkWidget *window = plan_three_questions (library, 360, &view);

  g_assert_true (IK_IS_SESSION_PLANNER (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));
  g_assert_cmpint (min_width (window), <=, 360);
  if (!ik_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, GDK_CONTROL_MASK))
    return;
  g_assert_true (IK_IS_LIVE_VIEW (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));
  ik_test_iterate (10);
  g_assert_cmpint (min_width (window), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);

  gtk_widget_activate_action (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view)), "live.finish", NULL);
  ik_test_iterate (10);
  g_assert_true (IK_IS_SCORECARD_EDITOR (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));
  g_assert_cmpint (min_width (window), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  close_and_remove (window, &library, dir);
}

/* Generated by gnome.compile_resources in the UI library. */
GResource *ik_ui_get_resource (void);

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();
  /* The list and the interview of a narrow window take turns at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Linking the templates in from the static library registers them. */
  g_assert_nonnull (ik_ui_get_resource ());

  g_test_add_func ("/live-view/whole-interview", test_whole_interview);
  g_test_add_func ("/live-view/focus-mode", test_focus_mode);
  g_test_add_func ("/live-view/keyboard-only", test_keyboard_only);
  g_test_add_func ("/live-view/focus-on-entry", test_focus_on_entry);
  g_test_add_func ("/live-view/scorecard-ctrl-return", test_scorecard_ctrl_return);
  g_test_add_func ("/live-view/fits-360", test_fits_360);

  return g_test_run ();
}
