/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The team window over a team folder of three interviewers' signed
 * scorecards: the blind state, the grid and a cell's evidence, the window
 * following the folder, the altered marker, the hiring-lead note and the
 * calibration hint. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ik-bank.h"
#include "ik-calibration.h"
#include "ik-candidate-match.h"
#include "ik-debrief.h"
#include "ik-identity.h"
#include "ik-question.h"
#include "ik-session.h"
#include "ik-team-folder.h"
#include "ik-team-window.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

#define CANDIDATE "cand-7"
#define N_INTERVIEWERS 3

static const char * const names[N_INTERVIEWERS] = { "Grace", "Alan", "Barbara" };

typedef struct
{
  char         *root;
  char         *team_path;
  IkBank       *bank;
  IkIdentity   *identities[N_INTERVIEWERS];
  IkTeamFolder *folders[N_INTERVIEWERS];   /* each interviewer's view */
  IkSession    *sessions[N_INTERVIEWERS];
  GtkWidget    *window;                    /* interviewer 0's */
} Fixture;

/* Interviewer k's level for the i-th competency: interviewers 1 and 2 are
 * three levels apart, so every spread is highlighted. */
static int
level_for (guint k,
           guint i)
{
  switch (k)
    {
    case 0:
      return 2 + (int) (i % 2);
    case 1:
      return 1;
    default:
      return 4;
    }
}

static char *
evidence_for (guint       k,
              const char *competency_id)
{
  return g_strdup_printf ("%s saw %s in the design exercise", names[k], competency_id);
}

static IkSession *
make_session (Fixture    *fixture,
              guint       k,
              const char *candidate_id,
              gboolean    submit)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  GListModel *questions = ik_bank_get_questions (fixture->bank);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 30, 14, (int) k, 0);
  GListModel *ratings;

  g_assert_true (ik_session_set_candidate_id (session, candidate_id));
  ik_session_set_candidate_name (session, "Ada Lovelace");
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_bank_title (session, ik_bank_get_title (fixture->bank));
  /* The same three questions (overlaps); the third interviewer one more. */
  for (guint q = 0; q < (k == 2 ? 4u : 3u); q++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, q);

      ik_session_add_question (session, question);
    }
  ik_session_ensure_scorecard_ratings (session, fixture->bank);
  ratings = ik_scorecard_get_ratings (scorecard);
  g_assert_cmpuint (g_list_model_get_n_items (ratings), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      g_autofree char *evidence = evidence_for (k, ik_competency_rating_get_competency_id (rating));

      g_assert_true (ik_competency_rating_set_rating (rating, level_for (k, i)));
      g_assert_true (ik_competency_rating_set_evidence (rating, evidence));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, k == 1 ? IK_RECOMMENDATION_NO : IK_RECOMMENDATION_YES));
  if (submit)
    g_assert_true (ik_scorecard_submit (scorecard, when));
  return session;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = ik_test_make_tmpdir ();
  fixture->team_path = g_build_filename (fixture->root, "team", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->team_path, 0700), ==, 0);
  fixture->bank = ik_test_load_bundled_bank ();

  for (guint k = 0; k < N_INTERVIEWERS; k++)
    {
      g_autofree char *data_dir = g_strdup_printf ("%s/interviewer-%u", fixture->root, k);
      g_autofree char *trust_path = g_build_filename (data_dir, "team-keys.json", NULL);
      g_autoptr(GError) error = NULL;

      fixture->identities[k] = ik_identity_load_or_create (data_dir, &error);
      g_assert_no_error (error);
      fixture->folders[k] = ik_team_folder_new (fixture->team_path, fixture->identities[k], trust_path);
      fixture->sessions[k] = make_session (fixture, k, CANDIDATE, TRUE);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  ik_test_iterate (10);
  for (guint k = 0; k < N_INTERVIEWERS; k++)
    {
      g_clear_object (&fixture->sessions[k]);
      g_clear_object (&fixture->folders[k]);
      g_clear_object (&fixture->identities[k]);
    }
  g_clear_object (&fixture->bank);
  ik_test_rm_rf (fixture->root);
  g_free (fixture->root);
  g_free (fixture->team_path);
}

static void
publish (Fixture *fixture,
         guint    k)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_team_folder_publish (fixture->folders[k], fixture->sessions[k], names[k], FALSE, &error));
  g_assert_no_error (error);
}

static void
reload (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_team_folder_reload (fixture->folders[0], &error));
  g_assert_no_error (error);
}

static const char *
id_of (Fixture *fixture,
       guint    k)
{
  return ik_identity_get_id (fixture->identities[k]);
}

/* The window of interviewer 0, on the candidate's debrief. */
static GtkWidget *
open_window (Fixture  *fixture,
             gboolean  hiring_lead)
{
  g_autoptr(GListStore) own = g_list_store_new (IK_TYPE_SESSION);

  fixture->window = ik_team_window_new (NULL);
  ik_team_window_set_hiring_lead (IK_TEAM_WINDOW (fixture->window), hiring_lead);
  ik_team_window_set_team_folder (IK_TEAM_WINDOW (fixture->window), fixture->folders[0]);
  g_list_store_append (own, fixture->sessions[0]);
  ik_team_window_set_own_sessions (IK_TEAM_WINDOW (fixture->window), G_LIST_MODEL (own));
  gtk_window_present (GTK_WINDOW (fixture->window));
  ik_team_window_show_candidate (IK_TEAM_WINDOW (fixture->window), CANDIDATE);
  ik_test_iterate (20);
  return fixture->window;
}

/* A widget on screen: the stacks keep their hidden pages in the tree. */
static GtkWidget *
find_shown (GtkWidget  *root,
            GType       type,
            const char *label)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && ik_test_find_widget (root, type, label) == root)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on screen whose text contains @text. */
static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Any widget on screen whose name starts with @prefix. */
static GtkWidget *
find_name_prefix (GtkWidget  *root,
                  const char *prefix)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (g_str_has_prefix (gtk_widget_get_name (root), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_name_prefix (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_name_prefix (GtkWidget  *root,
                   const char *prefix)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (g_str_has_prefix (gtk_widget_get_name (root), prefix))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_name_prefix (child, prefix);
  return n;
}

static GtkWidget *
find_cell (Fixture    *fixture,
           guint       k,
           const char *competency_id)
{
  g_autofree char *name = g_strdup_printf ("cell:%s:%s", id_of (fixture, k), competency_id);

  return find_shown (fixture->window, GTK_TYPE_WIDGET, name);
}

static const char *
cell_text (GtkWidget *cell)
{
  GtkWidget *label = GTK_IS_LABEL (cell) ? cell : ik_test_find_widget (cell, GTK_TYPE_LABEL, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_blind (Fixture       *fixture,
            gconstpointer  data)
{
  GListModel *ratings = ik_scorecard_get_ratings (ik_session_get_scorecard (fixture->sessions[1]));
  GtkWidget *window;
  GtkWidget *row;

  /* Two colleagues have submitted; interviewer 0 has not. */
  publish (fixture, 1);
  publish (fixture, 2);
  reload (fixture);
  window = open_window (fixture, FALSE);

  row = find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:" CANDIDATE);
  g_assert_nonnull (row);
  g_assert_nonnull (find_text (row, "Ada Lovelace"));
  g_assert_nonnull (find_text (row, "2 scorecards"));

  g_assert_nonnull (find_text (window, "Submit your scorecard to see the debrief"));
  g_assert_nonnull (find_text (window, "2 colleagues have submitted"));
  /* Nothing about what they said: no cell, no column, no evidence, no
   * recommendation. */
  g_assert_null (find_name_prefix (window, "cell:"));
  g_assert_null (find_name_prefix (window, "header:"));
  g_assert_null (find_text (window, names[1]));
  g_assert_null (find_text (window, names[2]));
  g_assert_null (find_text (window, "in the design exercise"));
  g_assert_null (find_text (window, "Recommendations"));
  g_assert_cmpuint (g_list_model_get_n_items (ratings), >, 0);
}

/* Names and the role come from colleagues' files: a right-to-left override
 * in them is shown as a marker in the list, the title and the page, never
 * applied, so "Eve", U+202E, "gnp.exe" cannot read as "Eve exe.png". */
static void
test_bidi_controls_shown (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *row;

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 30, 15, (int) k, 0);

      g_clear_object (&fixture->sessions[k]);
      fixture->sessions[k] = make_session (fixture, k, CANDIDATE, FALSE);
      ik_session_set_candidate_name (fixture->sessions[k], "Eve\u202Egnp.exe");
      ik_session_set_role (fixture->sessions[k], "Engineer\u2067 x");
      g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (fixture->sessions[k]), when));
      publish (fixture, k);
    }
  reload (fixture);
  window = open_window (fixture, FALSE);

  row = find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:" CANDIDATE);
  g_assert_nonnull (row);
  g_assert_nonnull (find_text (row, "Eve\u27E8U+202E\u27E9gnp.exe"));
  g_assert_nonnull (find_text (window, "Engineer\u27E8U+2067\u27E9 x"));
  g_assert_null (find_text (window, "\u202E"));
  g_assert_null (find_text (window, "\u2067"));
}

static gboolean
header_shown (gpointer data)
{
  gpointer *args = data;

  return find_shown (args[0], GTK_TYPE_WIDGET, args[1]) != NULL;
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static GListModel *
ratings_of (Fixture *fixture,
            guint    k)
{
  return ik_scorecard_get_ratings (ik_session_get_scorecard (fixture->sessions[k]));
}

static void
test_grid (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(IkCompetencyRating) first = g_list_model_get_item (ratings_of (fixture, 1), 0);
  const char *first_id = ik_competency_rating_get_competency_id (first);
  g_autofree char *header_name = g_strconcat ("header:", id_of (fixture, 2), NULL);
  g_autofree char *evidence = evidence_for (1, first_id);
  gpointer args[2];
  GtkWidget *window;
  GtkWidget *cell;
  GtkPopover *popover;
  GtkWidget *label;

  publish (fixture, 0);
  publish (fixture, 1);
  reload (fixture);
  window = open_window (fixture, FALSE);

  /* Submitted: the grid shows each level of both scorecards. */
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < g_list_model_get_n_items (ratings_of (fixture, k)); i++)
      {
        g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings_of (fixture, k), i);
        g_autofree char *level = g_strdup_printf ("%d", level_for (k, i));

        cell = find_cell (fixture, k, ik_competency_rating_get_competency_id (rating));
        g_assert_nonnull (cell);
        g_assert_true (GTK_IS_MENU_BUTTON (cell));
        g_assert_cmpstr (cell_text (cell), ==, level);
      }
  g_assert_nonnull (find_text (window, "Signed"));
  g_assert_nonnull (find_name_prefix (window, "spread"));
  g_assert_nonnull (find_text (window, "Spread 2"));
  g_assert_nonnull (find_text (window, "Asked more than once"));
  g_assert_null (find_name_prefix (window, "hiring-lead"));

  /* A third scorecard arrives: the window follows the folder. */
  args[0] = window;
  args[1] = header_name;
  g_assert_false (header_shown (args));
  publish (fixture, 2);
  reload (fixture);
  g_assert_true (ik_test_wait_for (header_shown, args, 10));
  g_assert_nonnull (find_text (window, "Spread 3"));
  g_assert_nonnull (find_text (window, "3 scorecards"));

  /* A cell opens its evidence. */
  cell = find_cell (fixture, 1, first_id);
  g_assert_nonnull (cell);
  g_assert_null (find_text (window, evidence));
  /* What Space or Enter does: activate the button inside the menu button
   * (a button activated from the keyboard clicks after a short delay). */
  g_assert_true (gtk_widget_activate (ik_test_find_widget (cell, GTK_TYPE_TOGGLE_BUTTON, NULL)));
  g_assert_true (ik_test_wait_for (popover_shown, cell, 10));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (cell));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  label = find_shown (GTK_WIDGET (popover), GTK_TYPE_LABEL, "evidence");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, evidence);
  g_assert_nonnull (find_text (GTK_WIDGET (popover), "Alan: level 1 of 4"));
  gtk_popover_popdown (popover);
}

/* Changes one byte of the evidence inside the signed payload: still a
 * well-formed file, no longer what was signed. */
static void
alter_file (Fixture *fixture,
            guint    k)
{
  g_autofree char *path = g_build_filename (fixture->team_path, "candidates", CANDIDATE, NULL);
  g_autofree char *file_name = g_strconcat (id_of (fixture, k), ".json", NULL);
  g_autofree char *file_path = g_build_filename (path, file_name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *found;
  gsize length;

  g_assert_true (g_file_get_contents (file_path, &contents, &length, &error));
  g_assert_no_error (error);
  found = strstr (contents, "design exercise");
  g_assert_nonnull (found);
  found[0] = 'D';
  g_assert_true (g_file_set_contents (file_path, contents, length, &error));
  g_assert_no_error (error);
}

static void
test_altered (Fixture       *fixture,
              gconstpointer  data)
{
  GListModel *ratings = ik_scorecard_get_ratings (ik_session_get_scorecard (fixture->sessions[0]));
  g_autofree char *header_name = g_strconcat ("header:", id_of (fixture, 2), NULL);
  GtkWidget *window;
  GtkWidget *header;
  GtkWidget *cell;

  for (guint k = 0; k < N_INTERVIEWERS; k++)
    publish (fixture, k);
  reload (fixture);
  alter_file (fixture, 2);
  reload (fixture);
  window = open_window (fixture, FALSE);

  header = find_shown (window, GTK_TYPE_WIDGET, header_name);
  g_assert_nonnull (header);
  g_assert_nonnull (find_text (header, names[2]));
  g_assert_nonnull (find_text (header, "Altered — not counted"));
  g_assert_true (gtk_widget_has_css_class (find_shown (header, GTK_TYPE_WIDGET, "signature"), "error"));
  /* Not counted: no level, nothing to open, and no spread from it (the
   * counted levels 1 to 3 are at most two apart). */
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);

      cell = find_cell (fixture, 2, ik_competency_rating_get_competency_id (rating));
      g_assert_nonnull (cell);
      g_assert_false (GTK_IS_MENU_BUTTON (cell));
      g_assert_cmpstr (cell_text (cell), ==, "–");
      g_assert_true (GTK_IS_MENU_BUTTON (find_cell (fixture, 0, ik_competency_rating_get_competency_id (rating))));
    }
  g_assert_null (find_text (window, "Spread 3"));
  g_assert_nonnull (find_text (window, "Spread 2"));
  g_assert_nonnull (find_text (window, "altered: not counted"));
}

static void
test_hiring_lead (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *ratings = ik_scorecard_get_ratings (ik_session_get_scorecard (fixture->sessions[1]));
  g_autoptr(IkCompetencyRating) first = g_list_model_get_item (ratings, 0);
  GtkWidget *window;

  publish (fixture, 1);
  publish (fixture, 2);
  reload (fixture);
  window = open_window (fixture, TRUE);

  g_assert_null (find_text (window, "Submit your scorecard to see the debrief"));
  g_assert_nonnull (find_name_prefix (window, "hiring-lead"));
  g_assert_nonnull (find_text (window, "You are viewing as hiring lead"));
  g_assert_nonnull (find_cell (fixture, 1, ik_competency_rating_get_competency_id (first)));

  /* The preference off again: blind. */
  ik_team_window_set_hiring_lead (IK_TEAM_WINDOW (window), FALSE);
  ik_test_iterate (10);
  g_assert_nonnull (find_text (window, "2 colleagues have submitted"));
  g_assert_null (find_name_prefix (window, "cell:"));
}

static void
test_calibration (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GListStore) own = g_list_store_new (IK_TYPE_SESSION);
  g_autoptr(IkCalibration) calibration = NULL;
  g_autofree char *hint = NULL;
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *label;

  for (guint k = 0; k < N_INTERVIEWERS; k++)
    publish (fixture, k);
  reload (fixture);
  window = open_window (fixture, FALSE);
  /* Interviewer 0 rated three candidates, always 2 or 3; the team used 1
   * and 4. */
  g_list_store_append (own, fixture->sessions[0]);
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *candidate_id = g_strdup_printf ("other-%u", c);
      g_autoptr(IkSession) session = make_session (fixture, 0, candidate_id, TRUE);

      g_list_store_append (own, session);
    }
  ik_team_window_set_own_sessions (IK_TEAM_WINDOW (window), G_LIST_MODEL (own));

  calibration = ik_calibration_new (G_LIST_MODEL (own), ik_team_folder_get_scorecards (fixture->folders[0]),
                                    id_of (fixture, 0));
  g_assert_cmpint (ik_calibration_get_overall_hint (calibration), ==, IK_CALIBRATION_HINT_MIDDLE);
  hint = ik_calibration_describe_hint (calibration, -1);

  row = find_shown (window, GTK_TYPE_LIST_BOX_ROW, "calibration");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  ik_test_iterate (10);
  label = find_shown (window, GTK_TYPE_WIDGET, "overall-hint");
  g_assert_nonnull (label);
  g_assert_nonnull (find_text (label, hint));
  g_assert_nonnull (find_text (window, "in the middle"));
  g_assert_nonnull (find_text (window, "Recommendations"));
}

static char *
export (GtkWidget   *window,
        const char  *path,
        const char  *format,
        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  char *contents = NULL;

  ik_team_window_export_to_async (IK_TEAM_WINDOW (window), file, format, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  if (!ik_team_window_export_to_finish (IK_TEAM_WINDOW (window), result, error))
    return NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->root, "debrief.out", NULL);
  g_autoptr(GPtrArray) scorecards = NULL;
  g_autoptr(IkDebrief) debrief = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  GtkWidget *window;

  /* Blind: nothing leaves. */
  publish (fixture, 1);
  publish (fixture, 2);
  reload (fixture);
  window = open_window (fixture, FALSE);
  g_assert_null (export (window, path, "markdown", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Submitted, one file altered: the exports are the debrief's, and say so. */
  publish (fixture, 0);
  alter_file (fixture, 2);
  reload (fixture);
  g_assert_true (ik_test_wait_for (header_shown, (gpointer[]) { window, (gpointer) "debrief-grid" }, 10));
  scorecards = ik_team_folder_list_candidate (fixture->folders[0], CANDIDATE);
  debrief = ik_debrief_new (CANDIDATE, scorecards, id_of (fixture, 0), FALSE);
  expected = ik_debrief_to_markdown (debrief);

  markdown = export (window, path, "markdown", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, expected);
  g_assert_nonnull (strstr (markdown, "altered"));
  csv = export (window, path, "csv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "candidate_id"));
  g_assert_nonnull (strstr (csv, "altered: not counted"));
  pdf = export (window, path, "pdf", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
}

static gboolean
comparison_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), "Compare Versions") == 0 && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWindow **) data = window;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
conflict_gone (gpointer data)
{
  return find_text (data, "Two versions of") == NULL;
}

/* A sync client's conflict copy: listed, compared side by side, and the
 * original kept. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->team_path, "candidates", CANDIDATE, NULL);
  g_autofree char *original = g_strdup_printf ("%s/%s.json", dir, id_of (fixture, 1));
  g_autofree char *copy = g_strdup_printf ("%s/%s.sync-conflict-20261201-101010-ABCDEFG.json", dir, id_of (fixture, 1));
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *comparison = NULL;
  GtkWidget *window;
  GtkWidget *row;
  gsize length;

  for (guint k = 0; k < N_INTERVIEWERS; k++)
    publish (fixture, k);
  g_assert_true (g_file_get_contents (original, &contents, &length, &error));
  /* The copy was edited by hand: its signature no longer holds. */
  {
    char *evidence = strstr (contents, "Alan saw");

    g_assert_nonnull (evidence);
    memcpy (evidence, "Alan SAW", 8);
  }
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);
  reload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_conflicts (fixture->folders[0])), ==, 1);
  window = open_window (fixture, FALSE);

  row = gtk_widget_get_ancestor (find_text (window, "Two versions of Alan’s scorecard"), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (find_text (row, "Syncthing"));
  /* Listed, not loaded: one column per interviewer. */
  g_assert_cmpuint (count_name_prefix (window, "header:"), ==, N_INTERVIEWERS);
  gtk_widget_activate (ik_test_find_widget (row, GTK_TYPE_BUTTON, "_Compare…"));
  g_assert_true (ik_test_wait_for (comparison_shown, &comparison, 10));
  g_assert_nonnull (find_text (GTK_WIDGET (comparison), "Original"));
  g_assert_nonnull (find_text (GTK_WIDGET (comparison), "Copy Made by Syncthing"));
  g_assert_nonnull (find_text (GTK_WIDGET (comparison), "Recommendation: No"));
  /* Which one is genuine: the original's signature holds, the copy's not. */
  g_assert_nonnull (find_text (GTK_WIDGET (comparison), "Signature valid"));
  g_assert_nonnull (find_text (GTK_WIDGET (comparison), "Signature: altered: not counted"));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (comparison), GTK_TYPE_BUTTON, "Keep _This Copy"));

  gtk_widget_activate (ik_test_find_widget (GTK_WIDGET (comparison), GTK_TYPE_BUTTON, "Keep _Original"));
  g_assert_true (ik_test_wait_for (conflict_gone, window, 10));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (original, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_conflicts (fixture->folders[0])), ==, 0);
  g_assert_false (comparison_shown (&comparison));
}

/* A candidate under two ids (interviewer 0 planned without the panel's
 * plan): both rows show, the debrief offers the match, and only the
 * user's answer joins them, into one row and one debrief. */
static IkCandidateMatches *
open_matches (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->root, "interviewer-0", "team-candidates.json", NULL);
  g_autoptr(GError) error = NULL;
  IkCandidateMatches *matches = ik_candidate_matches_new (path, &error);

  g_assert_no_error (error);
  return matches;
}

static GtkWidget *
open_split_window (Fixture            *fixture,
                   IkCandidateMatches *matches)
{
  g_autoptr(GListStore) own = g_list_store_new (IK_TYPE_SESSION);

  g_clear_object (&fixture->sessions[0]);
  fixture->sessions[0] = make_session (fixture, 0, "cand-x-own", TRUE);
  for (guint k = 0; k < N_INTERVIEWERS; k++)
    publish (fixture, k);
  reload (fixture);

  fixture->window = ik_team_window_new (NULL);
  ik_team_window_set_candidate_matches (IK_TEAM_WINDOW (fixture->window), matches);
  ik_team_window_set_team_folder (IK_TEAM_WINDOW (fixture->window), fixture->folders[0]);
  g_list_store_append (own, fixture->sessions[0]);
  ik_team_window_set_own_sessions (IK_TEAM_WINDOW (fixture->window), G_LIST_MODEL (own));
  gtk_window_present (GTK_WINDOW (fixture->window));
  ik_team_window_show_candidate (IK_TEAM_WINDOW (fixture->window), "cand-x-own");
  ik_test_iterate (20);
  return fixture->window;
}

static GtkWidget *
shown_button (GtkWidget  *window,
              const char *label)
{
  GtkWidget *button = find_shown (window, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  return button;
}

/* Whether the "same candidate?" banner is shown (or sliding in); a banner
 * sliding out may still be mapped for the length of its transition. */
static gboolean
match_offered (GtkWidget *window)
{
  GtkWidget *button = ik_test_find_widget (window, GTK_TYPE_BUTTON, "_Same Candidate");
  GtkWidget *revealer = button != NULL ? gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER) : NULL;

  g_assert_nonnull (revealer);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
test_candidate_match_same (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(IkCandidateMatches) matches = open_matches (fixture);
  g_autoptr(IkCandidateMatches) reread = NULL;
  GtkWidget *window = open_split_window (fixture, matches);
  g_autofree char *colleague = g_strconcat ("header:", id_of (fixture, 1), NULL);

  /* Two rows of the same name; the own id's debrief holds only our card. */
  /* The two rows of one name say which holds ours. */
  g_assert_nonnull (find_text (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:cand-x-own"), "1 scorecard, yours"));
  g_assert_null (find_text (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:" CANDIDATE), "yours"));
  g_assert_nonnull (find_name_prefix (window, "header:"));
  g_assert_null (find_shown (window, GTK_TYPE_WIDGET, colleague));
  g_assert_true (match_offered (window));
  g_assert_nonnull (find_text (window, "also called Ada Lovelace and applied as Security Engineer (2 scorecards)"));

  g_signal_emit_by_name (shown_button (window, "_Same Candidate"), "clicked");
  ik_test_iterate (20);

  /* One row, under the smaller id, with all three scorecards, and the
   * question is not asked again. */
  g_assert_null (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:cand-x-own"));
  g_assert_nonnull (find_text (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:" CANDIDATE),
                               "3 scorecards, including yours"));
  g_assert_false (match_offered (window));
  for (guint k = 0; k < N_INTERVIEWERS; k++)
    {
      g_autofree char *header = g_strconcat ("header:", id_of (fixture, k), NULL);

      g_assert_nonnull (find_shown (window, GTK_TYPE_WIDGET, header));
    }

  /* Kept in the interviewer's own file. */
  reread = open_matches (fixture);
  g_assert_cmpstr (ik_candidate_matches_resolve (reread, "cand-x-own"), ==, CANDIDATE);
}

static void
test_candidate_match_different (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(IkCandidateMatches) matches = open_matches (fixture);
  g_autoptr(IkCandidateMatches) reread = NULL;
  GtkWidget *window = open_split_window (fixture, matches);

  g_signal_emit_by_name (shown_button (window, "_Different"), "clicked");
  ik_test_iterate (20);

  g_assert_nonnull (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:cand-x-own"));
  g_assert_nonnull (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "candidate:" CANDIDATE));
  g_assert_false (match_offered (window));
  /* Not offered on the other id either, nor after a restart. */
  ik_team_window_show_candidate (IK_TEAM_WINDOW (window), CANDIDATE);
  ik_test_iterate (20);
  g_assert_false (match_offered (window));
  reread = open_matches (fixture);
  g_assert_true (ik_candidate_matches_is_answered (reread, "cand-x-own", CANDIDATE));
  g_assert_cmpstr (ik_candidate_matches_resolve (reread, "cand-x-own"), ==, "cand-x-own");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
published_toast (gpointer data)
{
  return find_text (data, "Published to the team folder") != NULL;
}

/* A scorecard submitted before the team folder was chosen is offered for
 * publishing, and the offer goes once the folder holds it. */
static void
test_publish_pending (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *name = g_strconcat (id_of (fixture, 0), ".json", NULL);
  g_autofree char *path = g_build_filename (fixture->team_path, "candidates", CANDIDATE, name, NULL);
  GtkWidget *window;
  GtkWidget *revealer;

  publish (fixture, 1);
  reload (fixture);
  window = open_window (fixture, FALSE);
  g_assert_nonnull (find_text (window, "1 of your submitted scorecards is not in the team folder"));
  revealer = gtk_widget_get_ancestor (find_text (window, "1 of your submitted scorecards"), GTK_TYPE_REVEALER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  g_signal_emit_by_name (shown_button (window, "_Publish"), "clicked");
  g_assert_true (ik_test_wait_for (file_exists, path, 30));
  /* The file is written in a worker; the toast follows in the main loop. */
  g_assert_true (ik_test_wait_for (published_toast, window, 30));
  reload (fixture);
  ik_test_iterate (20);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* Now ours is there, the debrief opens. */
  {
    g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings_of (fixture, 1), 0);

    g_assert_nonnull (find_cell (fixture, 1, ik_competency_rating_get_competency_id (rating)));
  }
}

static void
test_no_team (void)
{
  GtkWidget *window = ik_team_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (10);
  g_assert_nonnull (find_text (window, "No Team Folder"));
  g_assert_nonnull (find_text (window, "Preferences"));
  g_assert_null (find_shown (window, GTK_TYPE_LIST_BOX_ROW, "calibration"));
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (10);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/team-window/no-team", test_no_team);
  g_test_add ("/team-window/blind", Fixture, NULL, fixture_set_up, test_blind, fixture_tear_down);
  g_test_add ("/team-window/grid", Fixture, NULL, fixture_set_up, test_grid, fixture_tear_down);
  g_test_add ("/team-window/bidi-controls-shown", Fixture, NULL, fixture_set_up, test_bidi_controls_shown, fixture_tear_down);
  g_test_add ("/team-window/altered", Fixture, NULL, fixture_set_up, test_altered, fixture_tear_down);
  g_test_add ("/team-window/hiring-lead", Fixture, NULL, fixture_set_up, test_hiring_lead, fixture_tear_down);
  g_test_add ("/team-window/calibration", Fixture, NULL, fixture_set_up, test_calibration, fixture_tear_down);
  g_test_add ("/team-window/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/team-window/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/team-window/candidate-match-same", Fixture, NULL, fixture_set_up, test_candidate_match_same, fixture_tear_down);
  g_test_add ("/team-window/candidate-match-different", Fixture, NULL, fixture_set_up, test_candidate_match_different, fixture_tear_down);
  g_test_add ("/team-window/publish-pending", Fixture, NULL, fixture_set_up, test_publish_pending, fixture_tear_down);
  return g_test_run ();
}
