/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files changed by another program while a pane shows them (issue 11).
 *
 * For each pane (question editor, planner, live view, scorecard editor):
 * open an object, rewrite its file from outside as another program would
 * (atomically, a member the pane does not show or another record), wait
 * until the library has taken the change in, edit in the pane through its
 * widgets, flush, and check that the file holds both: the pane must still
 * be editing the object the library tracks. And a session whose file is
 * deleted elsewhere is no longer edited at all.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ik-json.h"
#include "ik-library.h"
#include "ik-live-view.h"
#include "ik-question-browser.h"
#include "ik-question-editor.h"
#include "ik-scorecard-editor.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

/* The library waits this long after a change on disk settles (150 ms)
 * before reading it; the waits below allow for a slow machine. */
#define EXTERNAL_CHANGE_TIMEOUT 10

typedef struct
{
  char      *dir;
  IkLibrary *library;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ik_test_make_tmpdir ();
  f->library = ik_library_new (f->dir);
  ik_library_set_autosave_delay (f->library, 50);
  ik_library_load_async (f->library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, f->library, 10));

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (f->window));
  ik_test_iterate (10);
  ik_library_flush (f->library, &error);
  g_assert_no_error (error);
  g_clear_object (&f->library);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
show (Fixture   *f,
      GtkWidget *pane)
{
  gtk_window_set_child (GTK_WINDOW (f->window), pane);
  gtk_window_present (GTK_WINDOW (f->window));
  ik_test_iterate (10);
}

static void
flush (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_library_flush (f->library, &error));
  g_assert_no_error (error);
}

static char *
file_path (Fixture    *f,
           const char *folder,
           const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (f->dir, folder, name, NULL);
}

static JsonNode *
read_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  JsonNode *root;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  root = ik_json_parse (contents, length, NULL, NULL, &error);
  g_assert_no_error (error);
  return root;
}

typedef void (*EditFunc) (JsonObject *root,
                          gpointer    data);

/* What another program does: read the file, change it, and replace it at
 * once (g_file_set_contents writes a temporary file and renames it). */
static void
rewrite_file (const char *path,
              EditFunc    edit,
              gpointer    edit_data)
{
  g_autoptr(JsonNode) root = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  edit (json_node_get_object (root), edit_data);
  data = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
}

static JsonObject *
array_object (JsonObject *o,
              const char *member,
              guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (o, member), index);
}

static IkBank *
first_bundled_bank (Fixture *f)
{
  GListModel *banks = ik_library_get_banks (f->library);

  g_assert_cmpuint (g_list_model_get_n_items (banks), >, 0);
  return g_list_model_get_item (banks, 0);
}

/* A session of @state with the first three questions of a bundled bank,
 * saved, as the library tracks it. */
static IkSession *
add_session (Fixture        *f,
             IkSessionState  state)
{
  g_autoptr(IkBank) bank = first_bundled_bank (f);
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *id = g_strdup (ik_session_get_id (session));
  IkSession *tracked;

  ik_session_set_candidate_name (session, "Ada Lovelace");
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), i);

      g_assert_nonnull (ik_session_add_question (session, question));
    }
  ik_session_ensure_scorecard_ratings (session, bank);
  if (state != IK_SESSION_STATE_PLANNED)
    ik_session_start_clock (session, NULL);
  if (state == IK_SESSION_STATE_COMPLETED)
    {
      ik_session_pause_clock (session, NULL);
      ik_session_set_state (session, state);
    }

  ik_library_add_session (f->library, session);
  tracked = ik_library_find_session (f->library, id);
  g_assert_nonnull (tracked);
  flush (f);
  return g_object_ref (tracked);
}

static IkQuestionRecord *
record_at (IkSession *session,
           guint      index)
{
  return g_list_model_get_item (ik_session_get_records (session), index);
}

/* Waiting for the library ------------------------------------------------- */

typedef struct
{
  IkLibrary  *library;
  const char *id;
  guint       index;
  const char *expected;
} Expectation;

static gboolean
record_notes_are (gpointer data)
{
  Expectation *e = data;
  IkSession *session = ik_library_find_session (e->library, e->id);
  g_autoptr(IkQuestionRecord) record = NULL;

  if (session == NULL)
    return FALSE;
  record = record_at (session, e->index);
  return record != NULL && g_strcmp0 (ik_question_record_get_notes (record), e->expected) == 0;
}

static gboolean
question_text_is (gpointer data)
{
  Expectation *e = data;
  IkBank *bank = ik_library_find_bank (e->library, e->id);
  g_autoptr(IkQuestion) question = NULL;

  if (bank == NULL)
    return FALSE;
  question = g_list_model_get_item (ik_bank_get_questions (bank), e->index);
  return question != NULL && g_strcmp0 (ik_question_get_text (question), e->expected) == 0;
}

/* Widgets ------------------------------------------------------------------- */

static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types @text at the end of the first editable text view below @root, as
 * a user would: focused, then inserted at the cursor. */
static void
type_into_text_view (GtkWidget  *root,
                     const char *text)
{
  GtkWidget *view = ik_test_find_widget (root, GTK_TYPE_TEXT_VIEW, NULL);
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_assert_nonnull (view);
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_widget_is_sensitive (view));
  gtk_widget_grab_focus (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  ik_test_iterate (5);
}

/* The question editor ------------------------------------------------------- */

static void
edit_second_question_and_minutes (JsonObject *root,
                                  gpointer    data)
{
  json_object_set_string_member (array_object (root, "questions", 1), "text", "Rewritten by a sync client");
  json_object_set_int_member (array_object (root, "questions", 0), "minutes", 17);
}

static void
test_question_editor (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Team bank");
  g_autofree char *bank_id = g_strdup (ik_bank_get_id (bank));
  g_autofree char *path = file_path (f, "banks", bank_id);
  g_autofree char *question_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  GtkWidget *browser = ik_question_browser_new (f->library);
  GtkWidget *editor;
  IkBank *tracked;
  IkQuestion *shown;
  Expectation e;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(IkQuestion) question = ik_question_new ();
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);

      ik_question_set_text (question, text);
      ik_question_set_minutes (question, 10);
      g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
    }
  ik_library_add_bank (f->library, bank);
  tracked = ik_library_find_bank (f->library, bank_id);
  g_assert_nonnull (tracked);
  flush (f);

  /* The first question, open in its editor. */
  show (f, browser);
  ik_question_browser_select_bank (IK_QUESTION_BROWSER (browser), tracked);
  ik_test_iterate (10);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (ik_question_browser_get_questions (IK_QUESTION_BROWSER (browser))),
                                                  0, TRUE));
  ik_test_iterate (10);
  g_assert_true (gtk_widget_activate_action (browser, "browser.edit", NULL));
  ik_test_iterate (10);
  editor = ik_test_find_widget (browser, IK_TYPE_QUESTION_EDITOR, NULL);
  g_assert_nonnull (editor);
  shown = ik_question_editor_get_question (IK_QUESTION_EDITOR (editor));
  g_assert_nonnull (shown);
  question_id = g_strdup (ik_question_get_id (shown));

  /* Another program rewrites the bank: the other question's text, and the
   * minutes of the question on screen. */
  rewrite_file (path, edit_second_question_and_minutes, NULL);
  e = (Expectation) { f->library, bank_id, 1, "Rewritten by a sync client" };
  g_assert_true (ik_test_wait_for (question_text_is, &e, EXTERNAL_CHANGE_TIMEOUT));
  ik_test_iterate (10);

  /* The editor still edits the question the library tracks, and shows the
   * new minutes. */
  tracked = ik_library_find_bank (f->library, bank_id);
  g_assert_true (ik_question_editor_get_question (IK_QUESTION_EDITOR (editor))
                 == ik_bank_find_question (tracked, question_id));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (ik_test_find_widget (editor, GTK_TYPE_SPIN_BUTTON, NULL))),
                   ==, 17);

  type_into_text_view (editor, ", edited in the pane");
  flush (f);

  root = read_file (path);
  g_assert_cmpstr (json_object_get_string_member (array_object (json_node_get_object (root), "questions", 0), "text"),
                   ==, "Question 1, edited in the pane");
  g_assert_cmpint (json_object_get_int_member (array_object (json_node_get_object (root), "questions", 0), "minutes"),
                   ==, 17);
  g_assert_cmpstr (json_object_get_string_member (array_object (json_node_get_object (root), "questions", 1), "text"),
                   ==, "Rewritten by a sync client");
}

/* The panes of an interview ------------------------------------------------ */

static void
edit_record_notes (JsonObject *root,
                   gpointer    data)
{
  Expectation *e = data;

  json_object_set_string_member (array_object (root, "records", e->index), "notes", e->expected);
}

/* Opens @session in an Interviews pane, lets another program rewrite the
 * notes of its record @index to @notes, waits until the library has them,
 * and returns the pane shown then, having checked that it edits the session
 * the library tracks. */
static GtkWidget *
open_then_rewrite_notes (Fixture    *f,
                         IkSession  *session,
                         guint       index,
                         const char *notes)
{
  g_autofree char *id = g_strdup (ik_session_get_id (session));
  g_autofree char *path = file_path (f, "sessions", id);
  Expectation e = { f->library, id, index, notes };
  GtkWidget *view = gtk_window_get_child (GTK_WINDOW (f->window));

  if (view == NULL)
    {
      view = ik_sessions_view_new (f->library);
      show (f, view);
      ik_sessions_view_open_session (IK_SESSIONS_VIEW (view), session);
      ik_test_iterate (10);
    }

  rewrite_file (path, edit_record_notes, &e);
  g_assert_true (ik_test_wait_for (record_notes_are, &e, EXTERNAL_CHANGE_TIMEOUT));
  ik_test_iterate (10);

  g_assert_true (ik_sessions_view_get_session (IK_SESSIONS_VIEW (view)) == ik_library_find_session (f->library, id));
  return ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
}

static JsonNode *
read_session_file (Fixture   *f,
                   IkSession *session)
{
  g_autofree char *path = file_path (f, "sessions", ik_session_get_id (session));

  return read_file (path);
}

static const char *
file_record_notes (JsonNode *root,
                   guint     index)
{
  return json_object_get_string_member (array_object (json_node_get_object (root), "records", index), "notes");
}

static void
edit_role (JsonObject *root,
           gpointer    data)
{
  json_object_set_string_member (root, "role", data);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Shown;

static gboolean
editable_shows (gpointer data)
{
  Shown *shown = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (shown->widget)), shown->text) == 0;
}

static gboolean
text_view_shows (gpointer data)
{
  Shown *shown = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (shown->widget));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strcmp0 (text, shown->text) == 0;
}

static void
test_planner (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(IkSession) session = add_session (f, IK_SESSION_STATE_PLANNED);
  g_autoptr(JsonNode) root = NULL;
  GtkWidget *planner;
  GtkWidget *candidate;
  int position;

  /* The planner does not show notes. */
  planner = open_then_rewrite_notes (f, session, 0, "Written elsewhere");
  g_assert_true (IK_IS_SESSION_PLANNER (planner));
  g_assert_true (ik_session_planner_get_session (IK_SESSION_PLANNER (planner)) == session);

  candidate = find_entry_row (planner, "Candidate");
  g_assert_nonnull (candidate);
  gtk_widget_grab_focus (candidate);
  position = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (candidate)), -1);
  gtk_editable_insert_text (GTK_EDITABLE (candidate), " King", -1, &position);
  ik_test_iterate (5);
  flush (f);

  root = read_session_file (f, session);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "candidate_name"), ==, "Ada Lovelace King");
  g_assert_cmpstr (file_record_notes (root, 0), ==, "Written elsewhere");

  /* What the planner shows follows the file too. */
  {
    g_autofree char *path = file_path (f, "sessions", ik_session_get_id (session));
    Shown shown = { find_entry_row (planner, "Role"), "Red team lead" };

    rewrite_file (path, edit_role, (gpointer) shown.text);
    g_assert_true (ik_test_wait_for (editable_shows, &shown, EXTERNAL_CHANGE_TIMEOUT));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (candidate)), ==, "Ada Lovelace King");
  }
}

static void
test_live_view (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(IkSession) session = add_session (f, IK_SESSION_STATE_IN_PROGRESS);
  g_autoptr(JsonNode) root = NULL;
  GtkWidget *view = ik_sessions_view_new (f->library);
  GtkWidget *live;

  show (f, view);
  ik_sessions_view_open_session (IK_SESSIONS_VIEW (view), session);
  ik_test_iterate (10);
  live = ik_sessions_view_get_content (IK_SESSIONS_VIEW (view));
  g_assert_true (IK_IS_LIVE_VIEW (live));
  type_into_text_view (live, "Before. ");
  flush (f);

  /* Another record than the one on screen. */
  live = open_then_rewrite_notes (f, session, 1, "Noted by the second interviewer");
  g_assert_true (IK_IS_LIVE_VIEW (live));
  g_assert_true (ik_live_view_get_session (IK_LIVE_VIEW (live)) == session);

  type_into_text_view (live, "After.");
  flush (f);

  root = read_session_file (f, session);
  g_assert_cmpstr (file_record_notes (root, 0), ==, "Before. After.");
  g_assert_cmpstr (file_record_notes (root, 1), ==, "Noted by the second interviewer");

  /* The notes on screen, focused, follow a change of their own record. */
  {
    Shown shown = { ik_test_find_widget (live, GTK_TYPE_TEXT_VIEW, NULL), "Before. After. Added elsewhere." };

    g_assert_true (gtk_widget_has_focus (shown.widget));
    open_then_rewrite_notes (f, session, 0, shown.text);
    g_assert_true (ik_test_wait_for (text_view_shows, &shown, EXTERNAL_CHANGE_TIMEOUT));
  }
}

static void
test_scorecard_editor (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(IkSession) session = add_session (f, IK_SESSION_STATE_COMPLETED);
  g_autoptr(JsonNode) root = NULL;
  GtkWidget *editor;
  JsonObject *scorecard;

  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_ratings (ik_session_get_scorecard (session))), >, 0);
  editor = open_then_rewrite_notes (f, session, 2, "Added after the interview");
  g_assert_true (IK_IS_SCORECARD_EDITOR (editor));
  g_assert_true (ik_scorecard_editor_get_session (IK_SCORECARD_EDITOR (editor)) == session);

  /* The first editable text is the evidence of the first competency. */
  type_into_text_view (editor, "Threat-modelled the support bot unprompted.");
  flush (f);

  root = read_session_file (f, session);
  scorecard = json_object_get_object_member (json_node_get_object (root), "scorecard");
  g_assert_cmpstr (json_object_get_string_member (array_object (scorecard, "ratings", 0), "evidence"),
                   ==, "Threat-modelled the support bot unprompted.");
  g_assert_cmpstr (file_record_notes (root, 2), ==, "Added after the interview");
}

/* A session deleted elsewhere ------------------------------------------- */

static gboolean
view_shows_no_session (gpointer data)
{
  return ik_sessions_view_get_session (IK_SESSIONS_VIEW (data)) == NULL;
}

static void
test_session_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(IkSession) session = add_session (f, IK_SESSION_STATE_PLANNED);
  g_autofree char *id = g_strdup (ik_session_get_id (session));
  g_autofree char *path = file_path (f, "sessions", id);
  GtkWidget *view = ik_sessions_view_new (f->library);

  show (f, view);
  ik_sessions_view_open_session (IK_SESSIONS_VIEW (view), session);
  ik_test_iterate (10);
  g_assert_true (IK_IS_SESSION_PLANNER (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (ik_test_wait_for (view_shows_no_session, view, EXTERNAL_CHANGE_TIMEOUT));
  g_assert_null (ik_library_find_session (f->library, id));
  g_assert_false (IK_IS_SESSION_PLANNER (ik_sessions_view_get_content (IK_SESSIONS_VIEW (view))));
}

GResource *ik_ui_get_resource (void);

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  /* Linking the templates in from the static library registers them. */
  g_assert_nonnull (ik_ui_get_resource ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/external-edits/question-editor", test_question_editor);
  ADD ("/external-edits/planner", test_planner);
  ADD ("/external-edits/live-view", test_live_view);
  ADD ("/external-edits/scorecard-editor", test_scorecard_editor);
  ADD ("/external-edits/session-deleted", test_session_deleted);
#undef ADD

  return g_test_run ();
}
