/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scorecard editor as an interviewer uses it: rate, take evidence from
 * the notes, submit, find everything locked, amend with a reason. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ik-export-dialog.h"
#include "ik-library.h"
#include "ik-scorecard-editor.h"
#include "ik-level-row.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"

#define NOTES "Opened with the threat model. Then listed three injection paths through retrieved documents."
#define SELECTED "listed three injection paths"

typedef struct
{
  char              *dir;
  IkLibrary         *library;
  IkBank            *bank;
  IkSession         *session;
  GtkWindow         *window;
  IkScorecardEditor *editor;
  char              *question_id;
} Fixture;

static IkBank *
make_bank (void)
{
  IkBank *bank = ik_bank_new ("Editor test bank");
  g_autoptr(IkCompetency) design = ik_competency_new ("design", "Threat modelling");
  g_autoptr(IkCompetency) talk = ik_competency_new ("talk", "Explaining trade-offs");
  g_autoptr(IkQuestion) question = ik_question_new ();
  const char *areas[] = { "Attack surface", "Residual risk", NULL };
  const char *competencies[] = { "design", "talk", NULL };

  for (guint level = 1; level <= 4; level++)
    {
      g_autofree char *text = g_strdup_printf ("General level %u", level);
      ik_competency_set_anchor (design, level, IK_ANCHOR_GENERAL, text);
      ik_competency_set_anchor (talk, level, IK_ANCHOR_GENERAL, text);
    }
  ik_competency_set_anchor (design, 3, IK_SENIORITY_LEAD, "Sets review criteria used by several teams");
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), design);
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), talk);
  ik_question_set_text (question, "Tell me about a system you threat-modelled.");
  ik_question_set_areas (question, areas);
  ik_question_set_competencies (question, competencies);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  return bank;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(IkQuestion) question = NULL;
  IkQuestionRecord *record;

  f->dir = ik_test_make_tmpdir ();
  f->library = ik_library_new (f->dir);
  ik_library_load_async (f->library, NULL, NULL, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, f->library, 10));

  f->bank = make_bank ();
  ik_library_add_bank (f->library, f->bank);
  question = g_list_model_get_item (ik_bank_get_questions (f->bank), 0);
  f->question_id = g_strdup (ik_question_get_id (question));

  f->session = ik_session_new ();
  ik_session_set_candidate_name (f->session, "Ines Okafor");
  ik_session_set_role (f->session, "Staff Security Engineer");
  ik_session_set_seniority (f->session, IK_SENIORITY_LEAD);
  ik_session_set_bank_id (f->session, ik_bank_get_id (f->bank));
  ik_session_set_bank_title (f->session, ik_bank_get_title (f->bank));
  record = ik_session_add_question (f->session, question);
  ik_question_record_set_notes (record, NOTES);
  ik_question_record_set_area_covered (record, 0, TRUE);
  ik_session_set_state (f->session, IK_SESSION_STATE_COMPLETED);
  ik_session_ensure_scorecard_ratings (f->session, f->bank);
  ik_library_add_session (f->library, f->session);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  f->editor = IK_SCORECARD_EDITOR (ik_scorecard_editor_new (f->library, f->session));
  g_object_ref (f->editor);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  ik_test_iterate (10);
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
  ik_test_iterate (10);
  g_assert_finalize_object (f->editor);
  g_clear_object (&f->session);
  g_clear_object (&f->bank);
  g_clear_object (&f->library);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->question_id);
}

/* Rows and groups are found by their titles, as a user reads them. */
static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title)
{
  const char *text = NULL;

  if (ADW_IS_PREFERENCES_ROW (root))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
  else if (ADW_IS_PREFERENCES_GROUP (root))
    text = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root));
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && g_strcmp0 (text, title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_row_containing (GtkWidget  *root,
                    const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (root)
      && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_row_containing (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
has_subtitle_containing (GtkWidget  *root,
                         const char *text)
{
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL
      && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_subtitle_containing (child, text))
      return TRUE;
  return FALSE;
}

/* A widget of @type inside the row or group titled @title. */
static GtkWidget *
find_in (GtkWidget  *root,
         GType       container_type,
         const char *title,
         GType       type)
{
  GtkWidget *container = find_titled (root, container_type, title);

  g_assert_nonnull (container);
  return ik_test_find_widget (container, type, NULL);
}

#define LEVEL_CHECK(f, title) find_in (GTK_WIDGET ((f)->editor), IK_TYPE_LEVEL_ROW, title, GTK_TYPE_CHECK_BUTTON)
#define GROUP_TEXT_VIEW(f, title) find_in (GTK_WIDGET ((f)->editor), ADW_TYPE_PREFERENCES_GROUP, title, GTK_TYPE_TEXT_VIEW)

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

static GtkWidget *
find_gap_list (Fixture *f)
{
  GtkWidget *list = ik_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_LIST_BOX, "completeness-list");

  g_assert_nonnull (list);
  return list;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The newest visible one: an answered dialog may linger until idle. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
rate_and_submit (Fixture *f)
{
  IkScorecard *scorecard = ik_session_get_scorecard (f->session);
  IkCompetencyRating *design = ik_scorecard_find_rating (scorecard, "design");
  IkCompetencyRating *talk = ik_scorecard_find_rating (scorecard, "talk");
  GtkWidget *strong = LEVEL_CHECK (f, "3 · Strong");
  GtkWidget *notes = GROUP_TEXT_VIEW (f, "Question 1");
  GtkWidget *evidence = GROUP_TEXT_VIEW (f, "Threat modelling");
  GtkWidget *recommendation = ik_test_find_widget (GTK_WIDGET (f->editor), ADW_TYPE_COMBO_ROW, NULL);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  const char *offset;
  g_autofree char *evidence_text = NULL;

  g_assert_nonnull (design);
  g_assert_nonnull (talk);
  g_assert_nonnull (strong);
  g_assert_nonnull (notes);
  g_assert_nonnull (evidence);

  /* Two unrated competencies and no recommendation. */
  g_assert_cmpuint (count_rows (find_gap_list (f)), ==, 3);

  /* Rate through the level row of the first card (a click on the row or
   * Enter on it), then its button. */
  gtk_widget_activate (gtk_widget_get_ancestor (LEVEL_CHECK (f, "2 · Developing"), IK_TYPE_LEVEL_ROW));
  g_assert_cmpint (ik_competency_rating_get_rating (design), ==, 2);
  gtk_widget_activate (strong);
  g_assert_cmpint (ik_competency_rating_get_rating (design), ==, 3);

  /* Use a selection of the notes as evidence. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes));
  offset = strstr (NOTES, SELECTED);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_pointer_to_offset (NOTES, offset));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_pointer_to_offset (NOTES, offset) + strlen (SELECTED));
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "scorecard.use-as-evidence", "(ss)",
                                             f->question_id, "design"));
  g_assert_cmpstr (ik_competency_rating_get_evidence (design), ==, SELECTED);
  g_assert_true (g_strv_contains (ik_competency_rating_get_evidence_questions (design), f->question_id));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (evidence));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  evidence_text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (evidence_text, ==, SELECTED);

  /* A change of the model shows in the editor too. */
  g_assert_true (ik_competency_rating_set_rating (talk, IK_RATING_NOT_ASSESSED));
  g_assert_cmpuint (count_rows (find_gap_list (f)), ==, 1);

  adw_combo_row_set_selected (ADW_COMBO_ROW (recommendation), IK_RECOMMENDATION_YES);
  g_assert_cmpint (ik_scorecard_get_recommendation (scorecard), ==, IK_RECOMMENDATION_YES);
  /* Only the “ready” row is left. */
  g_assert_cmpuint (count_rows (find_gap_list (f)), ==, 1);
  {
    g_autoptr(GPtrArray) gaps = ik_scorecard_check_complete (scorecard, TRUE);
    g_assert_cmpuint (gaps->len, ==, 0);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "scorecard.submit", NULL));
  adw_message_dialog_response (find_dialog (), "submit");
  ik_test_iterate (5);
}

static gboolean
question_group_shown (gpointer data)
{
  return find_titled (data, ADW_TYPE_PREFERENCES_GROUP, "Question 1") != NULL;
}

/* A session on a bank of @n competencies "Competency 1".."Competency n",
 * rated by one question, unrated. */
static IkSession *
make_wide_session (Fixture *f,
                   guint    n)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Wide bank");
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) competencies = NULL;
  IkSession *session = ik_session_new ();

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *name = g_strdup_printf ("Competency %u", i);
      g_autoptr(IkCompetency) competency = ik_competency_new (id, name);

      for (guint level = 1; level <= 4; level++)
        ik_competency_set_anchor (competency, level, IK_ANCHOR_GENERAL, "An anchor long enough to wrap at a narrow width.");
      g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), competency);
      g_strv_builder_add (ids, id);
    }
  competencies = g_strv_builder_end (ids);
  ik_question_set_text (question, "Tell me about a review you led.");
  ik_question_set_competencies (question, (const char * const *) competencies);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  ik_library_add_bank (f->library, bank);

  ik_session_set_candidate_name (session, "Wide Candidate");
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_add_question (session, question);
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);
  ik_session_ensure_scorecard_ratings (session, bank);
  ik_library_add_session (f->library, session);
  return session;
}

static gboolean
fourth_card_shown (gpointer data)
{
  return find_titled (data, ADW_TYPE_PREFERENCES_GROUP, "Competency 4") != NULL;
}

static const char *
focused_group_title (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *group = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_GROUP) : NULL;

  return group != NULL ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) : NULL;
}

/* The cards below the first two come after the first frame too (issue
 * 15), in order, showing ratings made meanwhile; a gap of a card not made
 * yet still takes the focus to it. */
static void
test_cards_after_first_frame (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(IkSession) session = make_wide_session (f, 4);
  IkCompetencyRating *fourth = ik_scorecard_find_rating (ik_session_get_scorecard (session), "c4");
  GtkWidget *editor = ik_scorecard_editor_new (f->library, session);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *previous = NULL;
  GtkWidget *strong;

  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, "Competency 1"));
  g_assert_nonnull (find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, "Competency 2"));
  g_assert_false (fourth_card_shown (editor));

  g_assert_true (ik_competency_rating_set_rating (fourth, 3));
  g_assert_true (ik_test_wait_for (fourth_card_shown, editor, 10));
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("Competency %u", i);
      GtkWidget *group = find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, title);

      g_assert_nonnull (group);
      g_assert_true (previous == NULL || gtk_widget_get_prev_sibling (group) == previous);
      previous = group;
    }
  strong = find_in (find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, "Competency 4"), IK_TYPE_LEVEL_ROW,
                    "3 · Strong", GTK_TYPE_CHECK_BUTTON);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (strong)));
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);

  /* The gap of the third card, before that card is made. */
  editor = ik_scorecard_editor_new (f->library, session);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (fourth_card_shown (editor));
  {
    GtkWidget *list = ik_test_find_widget (editor, GTK_TYPE_LIST_BOX, "completeness-list");
    GtkListBoxRow *third = NULL;

    g_assert_nonnull (list);
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "competency-id"), "c3") == 0)
        third = GTK_LIST_BOX_ROW (row);
    g_assert_nonnull (third);
    g_signal_emit_by_name (list, "row-activated", third);
  }
  g_assert_cmpstr (focused_group_title (editor), ==, "Competency 3");
  g_assert_true (fourth_card_shown (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);
}

/* The questions' groups, below the fold, come after the first frame (issue
 * 15); what needs them before that (notes used as evidence) makes them, and
 * a record changed meanwhile is shown as it is. */
static void
test_questions_after_first_frame (Fixture       *f,
                                  gconstpointer  data)
{
  IkCompetencyRating *design = ik_scorecard_find_rating (ik_session_get_scorecard (f->session), "design");
  IkQuestionRecord *record = g_list_model_get_item (ik_session_get_records (f->session), 0);
  GtkWidget *editor = ik_scorecard_editor_new (f->library, f->session);
  GtkWidget *window = gtk_window_new ();

  g_object_unref (record);  /* the session holds it */
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));

  /* Made now: the cards; not yet: the question. */
  g_assert_nonnull (find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, "Threat modelling"));
  g_assert_false (question_group_shown (editor));

  /* Notes changed before the group exists: the group shows them. */
  ik_question_record_set_notes (record, "Walked through the STRIDE table.");
  g_assert_true (ik_test_wait_for (question_group_shown, editor, 10));
  {
    GtkWidget *notes = find_in (editor, ADW_TYPE_PREFERENCES_GROUP, "Question 1", GTK_TYPE_TEXT_VIEW);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Walked through the STRIDE table.");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);

  /* Used as evidence before the first frame: the notes are there. */
  editor = ik_scorecard_editor_new (f->library, f->session);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (question_group_shown (editor));
  g_assert_true (gtk_widget_activate_action (editor, "scorecard.use-as-evidence", "(ss)",
                                             f->question_id, "design"));
  g_assert_cmpstr (ik_competency_rating_get_evidence (design), ==, "Walked through the STRIDE table.");
  g_assert_true (question_group_shown (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (5);
}

static void
test_rate_evidence_submit (Fixture       *f,
                           gconstpointer  data)
{
  IkScorecard *scorecard = ik_session_get_scorecard (f->session);
  GtkWidget *strong;
  GtkWidget *evidence;
  rate_and_submit (f);

  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_assert_nonnull (ik_scorecard_get_seal (scorecard));
  g_assert_nonnull (ik_scorecard_get_submitted (scorecard));
  g_assert_cmpint (ik_session_get_state (f->session), ==, IK_SESSION_STATE_SUBMITTED);

  /* Everything that edits the scorecard is locked. The texts stay
   * readable and selectable: read-only, not insensitive. */
  strong = LEVEL_CHECK (f, "3 · Strong");
  evidence = GROUP_TEXT_VIEW (f, "Threat modelling");
  g_assert_false (gtk_widget_is_sensitive (strong));
  gtk_widget_activate (gtk_widget_get_ancestor (LEVEL_CHECK (f, "1 · Weak"), IK_TYPE_LEVEL_ROW));
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (scorecard, "design")), ==, 3);
  g_assert_true (gtk_widget_is_sensitive (evidence));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (evidence)));
  g_assert_true (gtk_widget_is_sensitive (GROUP_TEXT_VIEW (f, "Key Takeaways")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (GROUP_TEXT_VIEW (f, "Key Takeaways"))));
  g_assert_false (gtk_widget_is_sensitive (ik_test_find_widget (GTK_WIDGET (f->editor), ADW_TYPE_COMBO_ROW, NULL)));
  /* Typing changes nothing; a selection can be copied. (The submit dialog
   * answered by the test is still up: close it, as its button would.) */
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  g_assert_true (gtk_widget_grab_focus (evidence));
  if (ik_test_press_key (f->window, GDK_KEY_x, 0))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (evidence));
      g_autoptr(GAsyncResult) result = NULL;
      GAsyncResult *slot = NULL;
      g_autofree char *copied = NULL;
      GdkClipboard *clipboard = gtk_widget_get_clipboard (evidence);

      g_assert_cmpstr (ik_competency_rating_get_evidence (ik_scorecard_find_rating (scorecard, "design")), ==, SELECTED);
      g_assert_true (ik_test_press_key (f->window, GDK_KEY_a, GDK_CONTROL_MASK));
      g_assert_true (gtk_text_buffer_get_has_selection (buffer));
      g_assert_true (ik_test_press_key (f->window, GDK_KEY_c, GDK_CONTROL_MASK));
      gdk_clipboard_read_text_async (clipboard, NULL, ik_test_store_result, &slot);
      result = ik_test_wait_result (&slot);
      copied = gdk_clipboard_read_text_finish (clipboard, result, NULL);
      g_assert_cmpstr (copied, ==, SELECTED);
    }
  /* Evidence can no longer be added through the notes. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "scorecard.use-as-evidence", "(ss)", f->question_id, "talk");
  g_assert_cmpstr (ik_competency_rating_get_evidence (ik_scorecard_find_rating (scorecard, "talk")), ==, "");

  /* The strip says when and with which seal. */
  {
    gboolean found = FALSE;
    GtkWidget *status = ik_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_LABEL, "scorecard-status");
    GtkWidget *revealer = gtk_widget_get_parent (status);

    g_assert_true (GTK_IS_REVEALER (revealer));
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    found = strstr (gtk_label_get_text (GTK_LABEL (status)), ik_scorecard_get_seal (scorecard)) != NULL;
    g_assert_true (found);
  }
}

static void
test_amend (Fixture       *f,
            gconstpointer  data)
{
  IkScorecard *scorecard = ik_session_get_scorecard (f->session);
  g_autofree char *first_seal = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autoptr(IkScorecardRevision) revision = NULL;
  GtkWidget *strong;

  rate_and_submit (f);
  first_seal = g_strdup (ik_scorecard_get_seal (scorecard));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "scorecard.amend", NULL));
  dialog = find_dialog ();
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));
  /* No amendment without a reason. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "amend"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "amend"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Evidence quoted the wrong answer");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "amend"));
  adw_message_dialog_response (dialog, "amend");
  ik_test_iterate (5);

  g_assert_false (ik_scorecard_get_read_only (scorecard));
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (scorecard)), ==, 1);
  revision = g_list_model_get_item (ik_scorecard_get_revisions (scorecard), 0);
  g_assert_cmpstr (ik_scorecard_revision_get_reason (revision), ==, "Evidence quoted the wrong answer");
  g_assert_cmpstr (ik_scorecard_revision_get_seal (revision), ==, first_seal);

  /* Editable again, and the history lists the submitted revision. */
  strong = LEVEL_CHECK (f, "3 · Strong");
  g_assert_true (gtk_widget_is_sensitive (strong));
  {
    GtkWidget *history = find_titled (GTK_WIDGET (f->editor), ADW_TYPE_EXPANDER_ROW, "Submitted revisions");

    g_assert_nonnull (history);
    g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (history)));
    g_assert_true (has_row_containing (history, "Evidence quoted the wrong answer"));
  }
}

/* What the library does when the file of a clean session changed on the
 * disk: here, a rating edited by hand after the submission (3 → 1). */
static void
alter_on_disk (Fixture *f)
{
  g_autoptr(IkSession) copy = ik_test_session_edited_by_hand (f->session, "design", 1);

  ik_session_update_from (f->session, copy);
  ik_test_iterate (5);
}

static GtkLabel *
find_altered_banner (Fixture *f)
{
  GtkWidget *label = ik_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_LABEL, "scorecard-altered");
  GtkWidget *revealer;

  g_assert_nonnull (label);
  revealer = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;
  /* Read out as soon as it shows. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)),
                   ==, GTK_ACCESSIBLE_ROLE_ALERT);
  return GTK_LABEL (label);
}

/* A submitted scorecard changed outside the app: a banner says so over the
 * changed values, through the amendment, and the history keeps saying it
 * after the new submission. */
static void
test_altered (Fixture       *f,
              gconstpointer  data)
{
  IkScorecard *scorecard = ik_session_get_scorecard (f->session);
  GtkLabel *banner;
  GtkWidget *history;
  AdwMessageDialog *dialog;

  rate_and_submit (f);
  g_assert_null (find_altered_banner (f));

  alter_on_disk (f);
  g_assert_true (ik_scorecard_get_altered (scorecard));
  banner = find_altered_banner (f);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (gtk_label_get_text (banner),
                            "This scorecard was changed outside Interview Kit after it was submitted"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (LEVEL_CHECK (f, "1 · Weak"))));
  g_assert_false (gtk_widget_is_sensitive (LEVEL_CHECK (f, "1 · Weak")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "scorecard.amend", NULL));
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Rating changed by hand");
  adw_message_dialog_response (dialog, "amend");
  ik_test_iterate (5);

  /* Amending keeps saying where it starts from. */
  g_assert_false (ik_scorecard_get_altered (scorecard));
  banner = find_altered_banner (f);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (gtk_label_get_text (banner), "starts from a scorecard that was changed"));
  history = find_titled (GTK_WIDGET (f->editor), ADW_TYPE_EXPANDER_ROW, "Submitted revisions");
  g_assert_nonnull (history);
  g_assert_true (has_row_containing (history, "Rating changed by hand"));
  g_assert_true (has_subtitle_containing (history, "Altered: changed outside Interview Kit"));

  gtk_widget_activate (LEVEL_CHECK (f, "3 · Strong"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "scorecard.submit", NULL));
  adw_message_dialog_response (find_dialog (), "submit");
  ik_test_iterate (5);
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_null (find_altered_banner (f));
  g_assert_true (has_subtitle_containing (history, "Altered: changed outside Interview Kit"));
}

static void
test_anchor_for_seniority (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *strong = LEVEL_CHECK (f, "3 · Strong");
  GtkWidget *row = gtk_widget_get_ancestor (strong, IK_TYPE_LEVEL_ROW);
  GtkWidget *never = find_titled (GTK_WIDGET (f->editor), ADW_TYPE_EXPANDER_ROW, "Never probed");

  /* The candidate interviews as a lead: the lead anchor is shown. */
  g_assert_cmpstr (ik_level_row_get_subtitle (IK_LEVEL_ROW (row)), ==,
                   "Sets review criteria used by several teams");
  /* “Residual risk” was never ticked. */
  g_assert_nonnull (never);
  g_assert_nonnull (find_titled (never, ADW_TYPE_ACTION_ROW, "Residual risk"));
  g_assert_null (find_titled (never, ADW_TYPE_ACTION_ROW, "Attack surface"));
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What was marked in the room is under each question: skipped, no direct
 * experience (as a gap, not a fail), STAR parts, areas ticked. */
static void
test_question_marks (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(IkQuestionRecord) first = g_list_model_get_item (ik_session_get_records (f->session), 0);
  g_autoptr(IkQuestion) other = ik_question_new ();
  const char *areas[] = { "Vendor review", NULL };
  const char *competencies[] = { "design", NULL };
  IkQuestionRecord *skipped;
  GtkWindow *window;
  GtkWidget *editor;
  GtkWidget *group;
  GtkWidget *never;

  ik_question_set_text (other, "How do you vet a dependency?");
  ik_question_set_areas (other, areas);
  ik_question_set_competencies (other, competencies);
  skipped = ik_session_add_question (f->session, other);
  g_assert_nonnull (skipped);
  ik_question_record_set_skipped (skipped, TRUE);
  ik_question_record_set_no_experience (first, TRUE);
  ik_question_record_set_star (first, IK_STAR_TASK | IK_STAR_RESULT);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 700);
  editor = ik_scorecard_editor_new (f->library, f->session);
  gtk_window_set_child (window, editor);
  gtk_window_present (window);
  ik_test_iterate (10);

  group = find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, "Question 1");
  g_assert_nonnull (group);
  g_assert_nonnull (find_label (group, "Areas covered: 1 of 2 (Attack surface)"));
  g_assert_nonnull (find_label (group, "No direct experience: a gap to probe elsewhere, not a fail"));
  g_assert_nonnull (find_label (group, "STAR heard: Task, Result; missing: Situation, Action"));

  group = find_titled (editor, ADW_TYPE_PREFERENCES_GROUP, "Question 2");
  g_assert_nonnull (group);
  g_assert_nonnull (find_label (group, "Skipped: this question was not asked"));
  g_assert_null (find_label (group, "No notes were taken for this question."));
  /* A question that was not asked has no unprobed areas. */
  never = find_titled (editor, ADW_TYPE_EXPANDER_ROW, "Never probed");
  g_assert_nonnull (never);
  g_assert_nonnull (find_titled (never, ADW_TYPE_ACTION_ROW, "Residual risk"));
  g_assert_null (find_titled (never, ADW_TYPE_ACTION_ROW, "Vendor review"));
}

static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  IkExportDialog *dialog = ik_export_dialog_new (f->window, f->session, f->bank);
  AdwComboRow *format = ADW_COMBO_ROW (ik_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL));
  GtkWidget *pseudonymise = find_in (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Pseudonymise Candidate", GTK_TYPE_SWITCH);
  GtkWidget *notes = find_in (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Include Private _Notes", GTK_TYPE_SWITCH);
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (pseudonymise);
  g_assert_nonnull (notes);
  /* The switches follow the settings, and write them back. Private notes
   * are off until the interviewer asks for them. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (notes)));
  gtk_switch_set_active (GTK_SWITCH (notes), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "export-include-notes"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pseudonymise)));
  gtk_switch_set_active (GTK_SWITCH (pseudonymise), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "export-pseudonymise"));

  adw_combo_row_set_selected (format, 3); /* CSV */
  ik_export_dialog_export_to_async (dialog, file, ik_test_store_result, &slot);
  /* Written in a worker thread, then reported in the main context. */
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_export_dialog_export_to_finish (dialog, result, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\"candidate\","));
  g_assert_null (strstr (contents, "Ines Okafor"));
  g_assert_nonnull (strstr (contents, "\"Candidate "));
  /* The pseudonym came from the library's secret, made on first use. */
  {
    g_autofree char *key = g_build_filename (g_get_user_data_dir (), APP_ID, "pseudonym-key", NULL);

    g_assert_cmpint (ik_test_file_mode (key), ==, 0600);
  }
  g_settings_reset (settings, "export-pseudonymise");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/scorecard-editor/rate-evidence-submit", Fixture, NULL,
              fixture_setup, test_rate_evidence_submit, fixture_teardown);
  g_test_add ("/scorecard-editor/amend", Fixture, NULL, fixture_setup, test_amend, fixture_teardown);
  g_test_add ("/scorecard-editor/questions-after-first-frame", Fixture, NULL,
              fixture_setup, test_questions_after_first_frame, fixture_teardown);
  g_test_add ("/scorecard-editor/cards-after-first-frame", Fixture, NULL,
              fixture_setup, test_cards_after_first_frame, fixture_teardown);
  g_test_add ("/scorecard-editor/altered", Fixture, NULL, fixture_setup, test_altered, fixture_teardown);
  g_test_add ("/scorecard-editor/anchor-for-seniority", Fixture, NULL,
              fixture_setup, test_anchor_for_seniority, fixture_teardown);
  g_test_add ("/scorecard-editor/question-marks", Fixture, NULL,
              fixture_setup, test_question_marks, fixture_teardown);
  g_test_add ("/scorecard-editor/export-dialog", Fixture, NULL, fixture_setup, test_export_dialog, fixture_teardown);

  return g_test_run ();
}
