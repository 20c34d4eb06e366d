/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The team in the running app (issue 12): the team folder and the key in
 * Preferences, publishing on submit with or without the private notes, a
 * team folder that cannot be written or does not exist, and the ways into
 * the debrief. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ik-application.h"
#include "ik-preferences-window.h"
#include "ik-scorecard-editor.h"
#include "ik-sessions-view.h"
#include "ik-team-folder.h"
#include "ik-team-window.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

#define NOTES "Walked through the rollback plan before anyone asked."
#define WAIT_SECONDS 30

typedef struct
{
  char          *dir;       /* the library, identity and pinned keys */
  char          *team;      /* the team folder */
  IkApplication *app;
  GSettings     *settings;
  IkWindow      *window;
} Fixture;

/* GSettings tells its objects about a change from an idle. */
static void
set_setting (Fixture    *f,
             const char *key,
             const char *value)
{
  g_settings_set_string (f->settings, key, value);
  ik_test_iterate (5);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *keys[] = { "team-folder", "share-notes", "hiring-lead", "interviewer-name" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The memory backend keeps settings for the whole test program. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  f->dir = ik_test_make_tmpdir ();
  f->team = ik_test_make_tmpdir ();
  f->app = ik_test_application_new ();
  f->settings = g_object_ref (ik_application_get_settings (f->app));
  set_setting (f, "library-location", f->dir);

  f->window = g_object_ref (ik_window_new (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (f->app), 10));
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
  g_assert_finalize_object (f->window);
  /* The application outlives the test (its actions stay exported on the
   * bus): it must not follow the settings of the next one. */
  g_settings_reset (f->settings, "team-folder");
  ik_test_iterate (5);
  g_signal_handlers_disconnect_by_data (f->settings, f->app);
  g_clear_object (&f->settings);
  g_object_unref (f->app);
  /* A test may leave the team folder read-only. */
  g_chmod (f->team, 0755);
  ik_test_rm_rf (f->team);
  ik_test_rm_rf (f->dir);
  g_free (f->team);
  g_free (f->dir);
}

/* ---- Helpers ------------------------------------------------------------- */

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelSearch;

/* A label whose text holds @text: a toast's title, say. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  LabelSearch *search = data;

  return find_label_containing (search->root, search->text) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelSearch search = { root, text };

  if (!ik_test_wait_for (label_shown, &search, WAIT_SECONDS))
    g_error ("No label saying “%s” appeared", text);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static IkPreferencesWindow *
open_preferences (Fixture *f)
{
  IkPreferencesWindow *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  ik_test_iterate (10);
  prefs = IK_PREFERENCES_WINDOW (ik_test_find_toplevel (IK_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  return prefs;
}

static IkSessionsView *
sessions_view_of (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "interviews"));
  ik_test_iterate (5);
  return IK_SESSIONS_VIEW (ik_test_find_widget (GTK_WIDGET (f->window), IK_TYPE_SESSIONS_VIEW, NULL));
}

/* A completed interview with every competency rated, the recommendation
 * chosen and notes on its question: ready to submit. */
static IkSession *
add_rated_session (Fixture *f)
{
  IkLibrary *library = ik_application_get_library (f->app);
  g_autoptr(IkBank) bank = ik_bank_new ("Team test bank");
  g_autoptr(IkCompetency) competency = ik_competency_new ("ops", "Operational judgement");
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(IkSession) session = ik_session_new ();
  const char *competencies[] = { "ops", NULL };
  IkQuestionRecord *record;
  IkScorecard *scorecard;
  IkCompetencyRating *rating;
  g_autofree char *candidate_id = g_uuid_string_random ();
  IkBank *added_bank;

  for (guint level = 1; level <= 4; level++)
    {
      g_autofree char *text = g_strdup_printf ("Level %u", level);
      ik_competency_set_anchor (competency, level, IK_ANCHOR_GENERAL, text);
    }
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), competency);
  ik_question_set_text (question, "Tell me about a release you rolled back.");
  ik_question_set_competencies (question, competencies);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  added_bank = ik_library_add_bank (library, bank);

  /* As the sessions view or a panel plan gives it. */
  g_assert_true (ik_session_set_candidate_id (session, candidate_id));
  ik_session_set_candidate_name (session, "Ada Quist");
  ik_session_set_role (session, "Site Reliability Engineer");
  ik_session_set_interviewer (session, "Session Interviewer");
  ik_session_set_bank_id (session, ik_bank_get_id (added_bank));
  ik_session_set_bank_title (session, ik_bank_get_title (added_bank));
  {
    g_autoptr(IkQuestion) first = g_list_model_get_item (ik_bank_get_questions (added_bank), 0);
    record = ik_session_add_question (session, first);
  }
  ik_question_record_set_notes (record, NOTES);
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);
  ik_session_ensure_scorecard_ratings (session, added_bank);

  scorecard = ik_session_get_scorecard (session);
  rating = ik_scorecard_find_rating (scorecard, "ops");
  g_assert_nonnull (rating);
  g_assert_true (ik_competency_rating_set_rating (rating, 3));
  g_assert_true (ik_competency_rating_set_evidence (rating, "Rolled back within the error budget."));
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));

  return ik_library_add_session (library, session);
}

static IkScorecardEditor *
open_scorecard (Fixture   *f,
                IkSession *session)
{
  IkSessionsView *view = sessions_view_of (f);
  GtkWidget *content;

  g_assert_nonnull (view);
  ik_sessions_view_open_session (view, session);
  ik_test_iterate (10);
  content = ik_sessions_view_get_content (view);
  g_assert_true (IK_IS_SCORECARD_EDITOR (content));
  return IK_SCORECARD_EDITOR (content);
}

/* Submits through the dialog, ticking “share my notes” or not. */
static void
submit (IkScorecardEditor *editor,
        gboolean           share_notes)
{
  AdwMessageDialog *dialog;
  GtkWidget *check;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "scorecard.submit", NULL));
  ik_test_iterate (5);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "team folder"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), share_notes);
  adw_message_dialog_response (dialog, "submit");
  ik_test_iterate (5);
}

static char *
published_path (Fixture    *f,
                const char *folder,
                const char *sub,
                const char *id)
{
  g_autofree char *name = g_strdup_printf ("%s.json", id);

  return g_build_filename (f->team, folder, sub != NULL ? sub : name, sub != NULL ? name : NULL, NULL);
}

/* The published scorecard as a colleague reads it: a team folder of their
 * own identity and pinned keys. */
static IkTeamScorecard *
read_as_colleague (Fixture    *f,
                   const char *candidate_id)
{
  g_autofree char *colleague_dir = g_build_filename (f->dir, "colleague", NULL);
  g_autofree char *trust = g_build_filename (colleague_dir, "team-keys.json", NULL);
  g_autoptr(IkIdentity) colleague = NULL;
  g_autoptr(IkTeamFolder) team = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (colleague_dir, 0700), ==, 0);
  colleague = ik_identity_load_or_create (colleague_dir, &error);
  g_assert_no_error (error);
  team = ik_team_folder_new (f->team, colleague, trust);
  g_assert_true (ik_team_folder_reload (team, &error));
  g_assert_no_error (error);
  cards = ik_team_folder_list_candidate (team, candidate_id);
  g_assert_nonnull (cards);
  g_assert_cmpuint (cards->len, ==, 1);
  return g_object_ref (g_ptr_array_index (cards, 0));
}

/* ---- Preferences ----------------------------------------------------------- */

static void
test_preferences_team_folder (Fixture       *f,
                              gconstpointer  data)
{
  IkPreferencesWindow *prefs;
  GtkWidget *row;
  GtkWidget *choose;
  GtkWidget *clear;
  GtkWindow *chooser;
  g_autoptr(GFile) folder = g_file_new_for_path (f->team);
  g_autofree char *setting = NULL;

  g_assert_null (ik_application_get_team_folder (f->app));
  prefs = open_preferences (f);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "team");
  ik_test_iterate (5);
  row = find_row (GTK_WIDGET (prefs), "Team Folder");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "nothing is shared"));
  clear = ik_test_find_widget (row, GTK_TYPE_BUTTON, "Stop Sharing with a Team Folder");
  g_assert_nonnull (clear);
  g_assert_false (gtk_widget_get_visible (clear));

  /* Choose the folder as a user does: the file chooser (GTK's own dialog
   * without a portal), then Select. */
  choose = ik_test_find_widget (row, GTK_TYPE_BUTTON, "_Choose…");
  g_assert_nonnull (choose);
  g_signal_emit_by_name (choose, "clicked");
  ik_test_iterate (10);
  chooser = ik_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  ik_test_choose_folder (chooser, folder, 10);
  ik_test_iterate (10);

  setting = g_settings_get_string (f->settings, "team-folder");
  g_assert_cmpstr (setting, ==, f->team);
  g_assert_nonnull (ik_application_get_team_folder (f->app));
  g_assert_cmpstr (ik_team_folder_get_path (ik_application_get_team_folder (f->app)), ==, f->team);
  g_assert_null (ik_application_get_team_folder_error (f->app));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, f->team);
  g_assert_true (gtk_widget_get_visible (clear));

  /* The sessions view, and so the scorecards, follow. */
  g_assert_true (ik_sessions_view_get_team_folder (sessions_view_of (f))
                 == ik_application_get_team_folder (f->app));

  /* Clearing it stops the sharing. */
  g_signal_emit_by_name (clear, "clicked");
  ik_test_iterate (5);
  g_assert_null (ik_application_get_team_folder (f->app));
  g_assert_null (ik_sessions_view_get_team_folder (sessions_view_of (f)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "nothing is shared"));
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_team_folder_follows_setting (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->team, "other", NULL);
  IkTeamFolder *first;
  guint notified = 0;

  g_signal_connect (f->app, "notify::team-folder", G_CALLBACK (notify_count), &notified);
  set_setting (f, "team-folder", f->team);
  first = ik_application_get_team_folder (f->app);
  g_assert_nonnull (first);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  set_setting (f, "team-folder", other);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (ik_team_folder_get_path (ik_application_get_team_folder (f->app)), ==, other);

  set_setting (f, "team-folder", "");
  g_assert_cmpuint (notified, ==, 3);
  g_assert_null (ik_application_get_team_folder (f->app));
  g_signal_handlers_disconnect_by_func (f->app, notify_count, &notified);
}

static void
test_fingerprint (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *identity_dir = g_build_filename (f->dir, "identity", NULL);
  IkPreferencesWindow *prefs;
  IkIdentity *identity;
  GtkWidget *row;
  GtkWidget *copy;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  /* Neither starting nor Preferences alone makes a key. */
  prefs = open_preferences (f);
  g_assert_false (g_file_test (identity_dir, G_FILE_TEST_EXISTS));

  /* The Team page shows it, made on demand. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "team");
  ik_test_iterate (5);
  g_assert_true (g_file_test (identity_dir, G_FILE_TEST_IS_DIR));
  identity = ik_application_get_identity (f->app, &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);

  row = find_row (GTK_WIDGET (prefs), "Your Key Fingerprint");
  g_assert_nonnull (row);
  g_assert_nonnull (ik_test_find_widget (row, GTK_TYPE_LABEL, ik_identity_get_fingerprint (identity)));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_LABEL, ik_identity_get_id (identity)));

  copy = ik_test_find_widget (row, GTK_TYPE_BUTTON, "Copy Fingerprint");
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (prefs)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, ik_identity_get_fingerprint (identity));
  g_value_unset (&value);
}

static void
test_missing_team_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->team, "not-synced-yet", NULL);
  IkPreferencesWindow *prefs;
  g_autofree char *error = NULL;

  set_setting (f, "team-folder", missing);
  error = g_strdup (ik_application_get_team_folder_error (f->app));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "does not exist"));
  wait_for_label (GTK_WIDGET (f->window), "The team folder cannot be used");

  prefs = open_preferences (f);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "team");
  ik_test_iterate (5);
  g_assert_nonnull (find_row (GTK_WIDGET (prefs), error));
  g_assert_true (gtk_widget_get_visible (find_row (GTK_WIDGET (prefs), error)));

  /* The folder arrives (a sync tool made it): Preferences, opened again,
   * have nothing to say. */
  g_assert_cmpint (g_mkdir (missing, 0755), ==, 0);
  gtk_window_destroy (GTK_WINDOW (prefs));
  prefs = open_preferences (f);
  g_assert_null (ik_application_get_team_folder_error (f->app));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "team");
  ik_test_iterate (5);
  g_assert_null (find_row (GTK_WIDGET (prefs), error));

  /* A file is not a team folder either. */
  {
    g_autofree char *file = g_build_filename (f->team, "a-file", NULL);

    g_assert_true (g_file_set_contents (file, "{}", -1, NULL));
    set_setting (f, "team-folder", file);
    g_assert_nonnull (ik_application_get_team_folder_error (f->app));
  }
}

/* ---- Publishing ------------------------------------------------------------ */

static void
test_submit_publishes (Fixture       *f,
                       gconstpointer  data)
{
  gboolean share_notes = GPOINTER_TO_INT (data);
  IkSession *session;
  IkScorecardEditor *editor;
  IkIdentity *identity;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkTeamScorecard) card = NULL;
  g_autofree char *candidate_id = NULL;
  g_autofree char *card_path = NULL;
  g_autofree char *person_path = NULL;
  GPtrArray *questions;
  IkTeamQuestion *question;

  set_setting (f, "team-folder", f->team);
  set_setting (f, "interviewer-name", "Grace Pemberton");
  /* The check button starts from the setting, the test then sets it. */
  g_settings_set_boolean (f->settings, "share-notes", !share_notes);
  ik_test_iterate (5);
  session = add_rated_session (f);
  candidate_id = g_strdup (ik_session_get_candidate_id (session));
  g_assert_nonnull (candidate_id);
  g_assert_cmpstr (candidate_id, !=, "");
  editor = open_scorecard (f, session);
  g_assert_true (ik_scorecard_editor_get_team_folder (editor) == ik_application_get_team_folder (f->app));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "scorecard.submit", NULL));
  ik_test_iterate (5);
  g_assert_nonnull (find_dialog ());
  g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (find_dialog ()))),
                   ==, !share_notes);
  adw_message_dialog_response (find_dialog (), "cancel");
  ik_test_iterate (5);

  submit (editor, share_notes);
  g_assert_nonnull (ik_scorecard_get_submitted (ik_session_get_scorecard (session)));
  wait_for_label (GTK_WIDGET (f->window), "Published to the team folder");

  identity = ik_application_get_identity (f->app, &error);
  g_assert_no_error (error);
  card_path = published_path (f, "candidates", candidate_id, ik_identity_get_id (identity));
  person_path = published_path (f, "people", NULL, ik_identity_get_id (identity));
  g_assert_true (g_file_test (card_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (person_path, G_FILE_TEST_IS_REGULAR));

  card = read_as_colleague (f, candidate_id);
  g_assert_cmpint (ik_team_scorecard_get_signature_state (card), ==, IK_SIGNATURE_VALID);
  g_assert_cmpstr (ik_team_scorecard_get_interviewer_id (card), ==, ik_identity_get_id (identity));
  g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (card), ==, "Grace Pemberton");
  g_assert_cmpstr (ik_team_scorecard_get_candidate_name (card), ==, "Ada Quist");
  g_assert_cmpint (ik_team_scorecard_get_notes_shared (card), ==, share_notes);
  questions = ik_team_scorecard_get_questions (card);
  g_assert_cmpuint (questions->len, ==, 1);
  question = g_ptr_array_index (questions, 0);
  if (share_notes)
    g_assert_cmpstr (question->notes, ==, NOTES);
  else
    g_assert_null (question->notes);

  /* Without sharing, the notes are nowhere in the file. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (card_path, &contents, NULL, NULL));
    g_assert_cmpint (strstr (contents, "rollback plan") != NULL, ==, share_notes);
  }
}

typedef struct
{
  const char *path;
  const char *old_contents;
} FileChange;

static gboolean
file_changed (gpointer data)
{
  FileChange *change = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (change->path, &contents, NULL, NULL)
         && g_strcmp0 (contents, change->old_contents) != 0;
}

/* An amendment, once submitted again, replaces the published file: the
 * team sees the new ratings and the history. */
static void
test_amend_republishes (Fixture       *f,
                        gconstpointer  data)
{
  IkSession *session;
  IkScorecardEditor *editor;
  IkScorecard *scorecard;
  IkIdentity *identity;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkTeamScorecard) card = NULL;
  g_autofree char *card_path = NULL;
  g_autofree char *first = NULL;
  FileChange change;

  set_setting (f, "team-folder", f->team);
  session = add_rated_session (f);
  scorecard = ik_session_get_scorecard (session);
  editor = open_scorecard (f, session);
  submit (editor, FALSE);
  wait_for_label (GTK_WIDGET (f->window), "Published to the team folder");
  identity = ik_application_get_identity (f->app, &error);
  g_assert_no_error (error);
  card_path = published_path (f, "candidates", ik_session_get_candidate_id (session), ik_identity_get_id (identity));
  g_assert_true (g_file_get_contents (card_path, &first, NULL, NULL));

  /* Amending alone publishes nothing: the team keeps the submitted one. */
  g_assert_true (ik_scorecard_amend (scorecard, "Missed the on-call answer", &error));
  g_assert_no_error (error);
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);
  ik_test_iterate (10);
  g_assert_true (ik_competency_rating_set_rating (ik_scorecard_find_rating (scorecard, "ops"), 4));
  change.path = card_path;
  change.old_contents = first;
  g_assert_false (file_changed (&change));

  editor = open_scorecard (f, session);
  submit (editor, FALSE);
  g_assert_true (ik_test_wait_for (file_changed, &change, WAIT_SECONDS));

  card = read_as_colleague (f, ik_session_get_candidate_id (session));
  g_assert_cmpint (ik_team_scorecard_get_signature_state (card), ==, IK_SIGNATURE_VALID);
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (ik_team_scorecard_get_scorecard (card), "ops")),
                   ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (ik_team_scorecard_get_scorecard (card))), ==, 1);
}

static gboolean
is_regular_file (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The Retry of the toast saying a publish failed, not the banner's for
 * the library. */
static void
click_publish_retry (Fixture *f)
{
  GtkWidget *retry = NULL;

  for (GtkWidget *toast = find_label_containing (GTK_WIDGET (f->window), "Could not publish");
       toast != NULL && retry == NULL;
       toast = gtk_widget_get_parent (toast))
    retry = ik_test_find_widget (toast, GTK_TYPE_BUTTON, "_Retry");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
}

/* Submits a rated session while the team folder cannot be written, then
 * makes it writable again: what is left is the failure's Retry. */
static IkSession *
submit_while_blocked (Fixture *f)
{
  g_autofree char *blocker = g_build_filename (f->team, "candidates", NULL);
  IkSession *session;

  set_setting (f, "team-folder", f->team);
  session = add_rated_session (f);

  /* A read-only folder; for root, to whom modes do not apply, a file where
   * the candidates' folder should be. */
  g_assert_cmpint (g_chmod (f->team, 0555), ==, 0);
  if (geteuid () == 0)
    g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  submit (open_scorecard (f, session), FALSE);
  wait_for_label (GTK_WIDGET (f->window), "Could not publish to the team folder");

  g_assert_cmpint (g_chmod (f->team, 0755), ==, 0);
  g_remove (blocker);
  return session;
}

/* Where this interviewer's scorecard of @session is published. */
static char *
own_card_path (Fixture   *f,
               IkSession *session)
{
  g_autoptr(GError) error = NULL;
  IkIdentity *identity = ik_application_get_identity (f->app, &error);

  g_assert_no_error (error);
  return published_path (f, "candidates", ik_session_get_candidate_id (session), ik_identity_get_id (identity));
}

static void
test_publish_fails (Fixture       *f,
                    gconstpointer  data)
{
  IkSession *session = submit_while_blocked (f);
  g_autofree char *card_path = NULL;

  /* Submitted here all the same. */
  g_assert_nonnull (ik_scorecard_get_submitted (ik_session_get_scorecard (session)));
  g_assert_true (ik_scorecard_get_read_only (ik_session_get_scorecard (session)));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_SUBMITTED);

  /* Once the folder can be written, Retry publishes. */
  click_publish_retry (f);
  wait_for_label (GTK_WIDGET (f->window), "Published to the team folder");

  card_path = own_card_path (f, session);
  g_assert_true (ik_test_wait_for (is_regular_file, card_path, WAIT_SECONDS));
}

/* A retry waiting while the session's file was changed by hand: the
 * altered scorecard is not signed for the team. */
static void
test_publish_refuses_altered (Fixture       *f,
                              gconstpointer  data)
{
  IkSession *session = submit_while_blocked (f);
  g_autofree char *card_path = NULL;
  g_autoptr(IkSession) copy = NULL;

  /* The file read again after its rating was raised by hand (3 → 4). */
  copy = ik_test_session_edited_by_hand (session, NULL, 4);
  ik_session_update_from (session, copy);
  g_assert_true (ik_scorecard_get_altered (ik_session_get_scorecard (session)));

  click_publish_retry (f);
  wait_for_label (GTK_WIDGET (f->window), "Not published to the team folder");

  card_path = own_card_path (f, session);
  ik_test_iterate (20);
  g_assert_false (g_file_test (card_path, G_FILE_TEST_EXISTS));
}

static void
test_no_team_no_publish (Fixture       *f,
                         gconstpointer  data)
{
  IkSession *session = add_rated_session (f);
  IkScorecardEditor *editor = open_scorecard (f, session);
  AdwMessageDialog *dialog;
  g_autofree char *identity_dir = g_build_filename (f->dir, "identity", NULL);

  g_assert_null (ik_scorecard_editor_get_team_folder (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "scorecard.submit", NULL));
  ik_test_iterate (5);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* No offer to share, no mention of a team. */
  g_assert_null (adw_message_dialog_get_extra_child (dialog));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "team"));
  adw_message_dialog_response (dialog, "submit");
  ik_test_iterate (10);
  g_assert_nonnull (ik_scorecard_get_submitted (ik_session_get_scorecard (session)));
  g_assert_false (g_file_test (identity_dir, G_FILE_TEST_EXISTS));
}

/* ---- Ways into the debrief --------------------------------------------------- */

static void
test_debrief_entry_points (Fixture       *f,
                           gconstpointer  data)
{
  IkSession *session = add_rated_session (f);
  IkSessionsView *view = sessions_view_of (f);
  GtkWindow *team_window;
  GtkWidget *button;

  ik_test_iterate (10);
  /* Without a team: the menu item says where to choose a folder. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "team"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "team", NULL);
  wait_for_label (GTK_WIDGET (f->window), "Choose a team folder in Preferences");
  button = ik_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Open Debrief");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));

  /* With one: each interview offers its candidate's debrief. */
  set_setting (f, "team-folder", f->team);
  ik_test_iterate (5);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.open-debrief");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                   ==, ik_session_get_candidate_id (session));

  /* It opens the team window, one for the application. */
  g_assert_null (ik_test_find_toplevel (IK_TYPE_TEAM_WINDOW));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ik_test_iterate (10);
  team_window = ik_test_find_toplevel (IK_TYPE_TEAM_WINDOW);
  g_assert_nonnull (team_window);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "team", NULL);
  ik_test_iterate (10);
  g_assert_true (ik_test_find_toplevel (IK_TYPE_TEAM_WINDOW) == team_window);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
        n += IK_IS_TEAM_WINDOW (window);
      }
    g_assert_cmpuint (n, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);

  g_test_add ("/team-ui/preferences-team-folder", Fixture, NULL,
              fixture_setup, test_preferences_team_folder, fixture_teardown);
  g_test_add ("/team-ui/team-folder-follows-setting", Fixture, NULL,
              fixture_setup, test_team_folder_follows_setting, fixture_teardown);
  g_test_add ("/team-ui/fingerprint", Fixture, NULL,
              fixture_setup, test_fingerprint, fixture_teardown);
  g_test_add ("/team-ui/missing-team-folder", Fixture, NULL,
              fixture_setup, test_missing_team_folder, fixture_teardown);
  g_test_add ("/team-ui/submit-publishes", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_submit_publishes, fixture_teardown);
  g_test_add ("/team-ui/submit-publishes-shared-notes", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_submit_publishes, fixture_teardown);
  g_test_add ("/team-ui/amend-republishes", Fixture, NULL,
              fixture_setup, test_amend_republishes, fixture_teardown);
  g_test_add ("/team-ui/publish-fails", Fixture, NULL,
              fixture_setup, test_publish_fails, fixture_teardown);
  g_test_add ("/team-ui/publish-refuses-altered", Fixture, NULL,
              fixture_setup, test_publish_refuses_altered, fixture_teardown);
  g_test_add ("/team-ui/no-team-no-publish", Fixture, NULL,
              fixture_setup, test_no_team_no_publish, fixture_teardown);
  g_test_add ("/team-ui/debrief-entry-points", Fixture, NULL,
              fixture_setup, test_debrief_entry_points, fixture_teardown);

  return g_test_run ();
}
