/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ik-bank.h"
#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-session.h"
#include "ik-test-util.h"

/* Helpers ----------------------------------------------------------------- */

static GDateTime *
make_time (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static IkQuestion *
make_question (const char         *text,
               const char * const *areas,
               const char * const *follow_ups,
               const char * const *competencies)
{
  IkQuestion *q = ik_question_new ();

  ik_question_set_text (q, text);
  ik_question_set_areas (q, areas);
  ik_question_set_follow_ups (q, follow_ups);
  ik_question_set_competencies (q, competencies);
  ik_question_set_minutes (q, 12);
  return q;
}

static IkBank *
make_bank (void)
{
  static const char * const areas1[] = { "Threat model", "Mitigations", "Outcome", NULL };
  static const char * const follow1[] = { "What would you change?", "Who disagreed?", NULL };
  static const char * const comp1[] = { "ai-security", "communication", NULL };
  static const char * const areas2[] = { "Data flow", NULL };
  static const char * const follow2[] = { "How did you test it?", NULL };
  static const char * const comp2[] = { "ai-security", "privacy", NULL };
  IkBank *bank = ik_bank_new ("Test bank");
  g_autoptr(IkQuestion) q1 = make_question ("Tell me about a prompt injection you found.",
                                            areas1, follow1, comp1);
  g_autoptr(IkQuestion) q2 = make_question ("Describe how you protected training data.",
                                            areas2, follow2, comp2);
  g_autoptr(IkCompetency) c1 = ik_competency_new ("ai-security", "AI security");
  g_autoptr(IkCompetency) c2 = ik_competency_new ("communication", "Communication");

  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q1);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q2);
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), c1);
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), c2);
  return bank;
}

static IkQuestion *
bank_question (IkBank *bank,
               guint   index)
{
  g_autoptr(IkQuestion) q = g_list_model_get_item (ik_bank_get_questions (bank), index);

  return q;
}

/* Serialises, checks the result against the schema and returns the text. */
static char *
session_to_data (IkSession *session)
{
  g_autoptr(JsonNode) root = ik_session_to_json (session);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *data = ik_json_to_data (root, &length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  ik_test_assert_schema_valid_data ("session.schema.json", data, length);
  return data;
}

static IkSession *
session_from_data (const char  *data,
                   GError     **error)
{
  g_autoptr(JsonNode) root = ik_json_parse (data, strlen (data), NULL, NULL, error);

  if (root == NULL)
    return NULL;
  return ik_session_new_from_json (root, error);
}

static IkSession *
session_round_trip (IkSession *session)
{
  g_autofree char *data = session_to_data (session);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  IkSession *copy = session_from_data (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (copy);

  /* Reading and writing again is lossless, byte for byte. */
  again = session_to_data (copy);
  g_assert_cmpstr (again, ==, data);
  return copy;
}

static void
count_signal (gpointer  object,
              guint    *count)
{
  (*count)++;
}

/* A session using every field, with a submitted-then-amended scorecard. */
static IkSession *
make_full_session (IkBank *bank)
{
  IkSession *session = ik_session_new ();
  g_autoptr(GDateTime) scheduled = make_time ("2026-11-25T10:00:00+01:00");
  g_autoptr(GDateTime) keep = make_time ("2027-05-25T10:00:00+01:00");
  g_autoptr(GDateTime) started = make_time ("2026-11-25T10:02:00.250000+01:00");
  g_autoptr(GDateTime) submitted = make_time ("2026-11-25T11:00:00Z");
  static const char * const evidence_questions[] = { "q-1", "q-2", NULL };
  IkQuestionRecord *record;
  IkScorecard *scorecard;
  IkCompetencyRating *rating;
  g_autoptr(GError) error = NULL;

  ik_session_set_candidate_name (session, "Zoë “Z” O'Neil");
  g_assert_true (ik_session_set_candidate_id (session, "ATS-4711"));
  ik_session_set_role (session, "Security engineer");
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_interviewer (session, "Alex");
  ik_session_set_scheduled (session, scheduled);
  ik_session_set_duration (session, 45);
  ik_session_set_bank_id (session, "bank-1");
  ik_session_set_bank_title (session, "AI security");
  ik_session_set_keep_until (session, keep);

  record = ik_session_add_question (session, bank_question (bank, 0));
  ik_question_record_set_notes (record, "Line 1\nLine 2 \"quoted\" \\ tab\t");
  ik_question_record_set_area_covered (record, 0, TRUE);
  ik_question_record_set_area_covered (record, 2, TRUE);
  ik_question_record_set_follow_up_asked (record, 1, TRUE);
  ik_question_record_set_seconds (record, 754);
  ik_question_record_set_rating (record, 3);
  ik_question_record_set_star (record, IK_STAR_SITUATION | IK_STAR_ACTION);

  record = ik_session_add_question (session, bank_question (bank, 1));
  ik_question_record_set_skipped (record, TRUE);
  ik_question_record_set_no_experience (record, TRUE);

  ik_session_set_current (session, 1);
  ik_session_set_elapsed (session, 300);
  ik_session_start_clock (session, started);

  g_assert_true (ik_session_ensure_scorecard_ratings (session, bank));
  scorecard = ik_session_get_scorecard (session);
  rating = ik_scorecard_find_rating (scorecard, "ai-security");
  g_assert_true (ik_competency_rating_set_rating (rating, 4));
  g_assert_true (ik_competency_rating_set_evidence (rating, "Found the injection in 10 minutes."));
  g_assert_true (ik_competency_rating_set_evidence_questions (rating, evidence_questions));
  rating = ik_scorecard_find_rating (scorecard, "communication");
  g_assert_true (ik_competency_rating_set_rating (rating, IK_RATING_NOT_ASSESSED));
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));
  g_assert_true (ik_scorecard_set_summary (scorecard, "Strong on threat modelling."));
  g_assert_true (ik_scorecard_submit (scorecard, submitted));
  g_assert_true (ik_scorecard_amend (scorecard, "Typo in the summary", &error));
  g_assert_no_error (error);
  g_assert_true (ik_scorecard_set_summary (scorecard, "Strong on threat modelling!"));
  g_assert_true (ik_scorecard_submit (scorecard, submitted));

  ik_session_set_state (session, IK_SESSION_STATE_SUBMITTED);
  return session;
}

/* Tests -------------------------------------------------------------------- */

static void
test_new_defaults (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkSession) other = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);

  g_assert_true (ik_id_is_valid (ik_session_get_id (session)));
  g_assert_cmpstr (ik_session_get_id (session), !=, ik_session_get_id (other));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_PLANNED);
  g_assert_cmpint (ik_session_get_seniority (session), ==, IK_SENIORITY_MID);
  g_assert_cmpuint (ik_session_get_duration (session), ==, IK_SESSION_DEFAULT_DURATION);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 0);
  g_assert_false (ik_session_get_running (session));
  g_assert_null (ik_session_get_keep_until (session));
  g_assert_false (ik_session_get_read_only (session));
  g_assert_nonnull (scorecard);
  g_assert_cmpstr (ik_scorecard_get_session_id (scorecard), ==, ik_session_get_id (session));
}

static void
test_round_trip (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_full_session (bank);
  g_autoptr(IkSession) copy = session_round_trip (session);
  g_autoptr(GDateTime) scheduled = make_time ("2026-11-25T10:00:00+01:00");
  g_autoptr(GDateTime) keep = make_time ("2027-05-25T10:00:00+01:00");
  g_autoptr(GDateTime) started = make_time ("2026-11-25T09:02:00.250000Z");
  g_autoptr(GDateTime) submitted = make_time ("2026-11-25T11:00:00Z");
  g_autoptr(IkQuestionRecord) r0 = NULL;
  g_autoptr(IkQuestionRecord) r1 = NULL;
  g_autoptr(IkCompetencyRating) rating = NULL;
  g_autoptr(IkScorecardRevision) revision = NULL;
  IkScorecard *scorecard;
  IkQuestion *snapshot;

  g_assert_cmpstr (ik_session_get_id (copy), ==, ik_session_get_id (session));
  g_assert_cmpstr (ik_session_get_candidate_name (copy), ==, "Zoë “Z” O'Neil");
  g_assert_cmpstr (ik_session_get_candidate_id (copy), ==, "ATS-4711");
  g_assert_cmpstr (ik_session_get_role (copy), ==, "Security engineer");
  g_assert_cmpint (ik_session_get_seniority (copy), ==, IK_SENIORITY_SENIOR);
  g_assert_cmpstr (ik_session_get_interviewer (copy), ==, "Alex");
  g_assert_true (g_date_time_equal (ik_session_get_scheduled (copy), scheduled));
  g_assert_cmpuint (ik_session_get_duration (copy), ==, 45);
  g_assert_cmpint (ik_session_get_state (copy), ==, IK_SESSION_STATE_SUBMITTED);
  g_assert_cmpstr (ik_session_get_bank_id (copy), ==, "bank-1");
  g_assert_cmpstr (ik_session_get_bank_title (copy), ==, "AI security");
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (copy), keep));
  g_assert_cmpuint (ik_session_get_current (copy), ==, 1);
  g_assert_cmpint (ik_session_get_elapsed (copy), ==, 300);
  g_assert_true (g_date_time_equal (ik_session_get_running_since (copy), started));
  g_assert_false (ik_session_get_read_only (copy));

  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (copy)), ==, 2);
  r0 = g_list_model_get_item (ik_session_get_records (copy), 0);
  r1 = g_list_model_get_item (ik_session_get_records (copy), 1);
  snapshot = ik_question_record_get_question (r0);
  g_assert_cmpstr (ik_question_get_id (snapshot), ==, ik_question_get_id (bank_question (bank, 0)));
  g_assert_cmpstr (ik_question_get_text (snapshot), ==, "Tell me about a prompt injection you found.");
  g_assert_cmpuint (ik_question_get_minutes (snapshot), ==, 12);
  g_assert_cmpuint (ik_question_record_get_n_areas (r0), ==, 3);
  g_assert_true (ik_question_record_get_area_covered (r0, 0));
  g_assert_false (ik_question_record_get_area_covered (r0, 1));
  g_assert_true (ik_question_record_get_area_covered (r0, 2));
  g_assert_cmpuint (ik_question_record_get_n_areas_covered (r0), ==, 2);
  g_assert_false (ik_question_record_get_follow_up_asked (r0, 0));
  g_assert_true (ik_question_record_get_follow_up_asked (r0, 1));
  g_assert_cmpstr (ik_question_record_get_notes (r0), ==, "Line 1\nLine 2 \"quoted\" \\ tab\t");
  g_assert_cmpint (ik_question_record_get_seconds (r0), ==, 754);
  g_assert_cmpint (ik_question_record_get_rating (r0), ==, 3);
  g_assert_cmpint (ik_question_record_get_star (r0), ==, IK_STAR_SITUATION | IK_STAR_ACTION);
  g_assert_false (ik_question_record_get_skipped (r0));
  g_assert_false (ik_question_record_get_no_experience (r0));
  g_assert_true (ik_question_record_get_skipped (r1));
  g_assert_true (ik_question_record_get_no_experience (r1));
  g_assert_cmpint (ik_question_record_get_rating (r1), ==, IK_RATING_UNRATED);
  g_assert_cmpint (ik_question_record_get_star (r1), ==, IK_STAR_NONE);

  scorecard = ik_session_get_scorecard (copy);
  g_assert_cmpstr (ik_scorecard_get_session_id (scorecard), ==, ik_session_get_id (session));
  g_assert_cmpstr (ik_scorecard_get_candidate_id (scorecard), ==, "ATS-4711");
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_assert_true (g_date_time_equal (ik_scorecard_get_submitted (scorecard), submitted));
  g_assert_cmpstr (ik_scorecard_get_seal (scorecard), ==,
                   ik_scorecard_get_seal (ik_session_get_scorecard (session)));
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_cmpint (ik_scorecard_get_recommendation (scorecard), ==, IK_RECOMMENDATION_YES);
  g_assert_cmpstr (ik_scorecard_get_summary (scorecard), ==, "Strong on threat modelling!");
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_ratings (scorecard)), ==, 3);
  rating = g_list_model_get_item (ik_scorecard_get_ratings (scorecard), 0);
  g_assert_cmpstr (ik_competency_rating_get_competency_id (rating), ==, "ai-security");
  g_assert_cmpstr (ik_competency_rating_get_competency_name (rating), ==, "AI security");
  g_assert_cmpint (ik_competency_rating_get_rating (rating), ==, 4);
  g_assert_cmpstr (ik_competency_rating_get_evidence (rating), ==, "Found the injection in 10 minutes.");
  g_assert_cmpstrv (ik_competency_rating_get_evidence_questions (rating),
                    ((const char * const []) { "q-1", "q-2", NULL }));
  g_assert_true (ik_competency_rating_get_read_only (rating));
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (scorecard, "communication")),
                   ==, IK_RATING_NOT_ASSESSED);
  /* Not in the bank: named by its id. */
  g_assert_cmpstr (ik_competency_rating_get_competency_name (ik_scorecard_find_rating (scorecard, "privacy")),
                   ==, "privacy");
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (scorecard, "privacy")),
                   ==, IK_RATING_UNRATED);

  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (scorecard)), ==, 1);
  revision = g_list_model_get_item (ik_scorecard_get_revisions (scorecard), 0);
  g_assert_cmpstr (ik_scorecard_revision_get_reason (revision), ==, "Typo in the summary");
  g_assert_true (g_date_time_equal (ik_scorecard_revision_get_submitted (revision), submitted));
  g_assert_cmpstr (json_object_get_string_member (ik_scorecard_revision_get_content (revision), "summary"),
                   ==, "Strong on threat modelling.");
}

static void
test_minimal_document (void)
{
  static const char doc[] =
    "{\"format\":\"interview-kit/session\",\"version\":1,\"id\":\"s-1\",\"state\":\"planned\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = session_from_data (doc, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ik_session_get_id (session), ==, "s-1");
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "");
  g_assert_cmpstr (ik_session_get_bank_id (session), ==, "");
  g_assert_null (ik_session_get_scheduled (session));
  g_assert_null (ik_session_get_running_since (session));
  g_assert_cmpuint (ik_session_get_duration (session), ==, IK_SESSION_DEFAULT_DURATION);
  g_assert_nonnull (ik_session_get_scorecard (session));
  g_assert_false (ik_scorecard_get_read_only (ik_session_get_scorecard (session)));
  g_clear_object (&session);

  session = session_from_data (doc, &error);
  g_assert_no_error (error);
  g_clear_object (&session);
  /* A minimal document round-trips and validates too. */
  {
    g_autoptr(IkSession) s = session_from_data (doc, &error);
    g_autoptr(IkSession) copy = session_round_trip (s);

    g_assert_cmpstr (ik_session_get_id (copy), ==, "s-1");
  }
}

static void
test_unknown_members (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_full_session (bank);
  g_autoptr(JsonNode) root = ik_session_to_json (session);
  JsonObject *o = json_node_get_object (root);
  JsonObject *record = json_array_get_object_element (json_object_get_array_member (o, "records"), 0);
  JsonObject *question = json_object_get_object_member (record, "question");
  JsonObject *scorecard = json_object_get_object_member (o, "scorecard");
  JsonObject *rating = json_array_get_object_element (json_object_get_array_member (scorecard, "ratings"), 0);
  JsonObject *revision = json_array_get_object_element (json_object_get_array_member (scorecard, "revisions"), 0);
  g_autoptr(JsonNode) nested = json_from_string ("{\"a\":[1,{\"b\":true}],\"c\":\"d\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) copy = NULL;
  g_autoptr(IkSession) copy2 = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;

  json_object_set_string_member (o, "x_top", "top");
  json_object_set_member (o, "x_nested", json_node_copy (nested));
  json_object_set_int_member (record, "x_record", 42);
  json_object_set_boolean_member (question, "x_question", TRUE);
  json_object_set_string_member (scorecard, "x_scorecard", "sc");
  json_object_set_null_member (rating, "x_rating");
  json_object_set_string_member (revision, "x_revision", "rev");

  copy = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  data = session_to_data (copy);

  copy2 = session_from_data (data, &error);
  g_assert_no_error (error);
  data2 = session_to_data (copy2);
  g_assert_cmpstr (data, ==, data2);

  {
    g_autoptr(JsonNode) back = ik_json_parse (data, strlen (data), NULL, NULL, &error);
    JsonObject *bo = json_node_get_object (back);
    JsonObject *br = json_array_get_object_element (json_object_get_array_member (bo, "records"), 0);
    JsonObject *bs = json_object_get_object_member (bo, "scorecard");
    JsonObject *brat = json_array_get_object_element (json_object_get_array_member (bs, "ratings"), 0);
    JsonObject *brev = json_array_get_object_element (json_object_get_array_member (bs, "revisions"), 0);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (bo, "x_top"), ==, "top");
    g_assert_true (json_node_equal (json_object_get_member (bo, "x_nested"), nested));
    g_assert_cmpint (json_object_get_int_member (br, "x_record"), ==, 42);
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (br, "question"), "x_question"));
    g_assert_cmpstr (json_object_get_string_member (bs, "x_scorecard"), ==, "sc");
    g_assert_true (json_object_has_member (brat, "x_rating"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (brat, "x_rating")));
    g_assert_cmpstr (json_object_get_string_member (brev, "x_revision"), ==, "rev");
  }
}

static void
test_snapshot_isolation (void)
{
  static const char * const new_areas[] = { "Only one", NULL };
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = ik_session_new ();
  IkQuestion *original = bank_question (bank, 0);
  IkQuestionRecord *record = ik_session_add_question (session, original);
  IkQuestion *snapshot = ik_question_record_get_question (record);
  guint changed = 0;

  g_assert_true (snapshot != original);
  g_assert_cmpstr (ik_question_get_id (snapshot), ==, ik_question_get_id (original));
  ik_question_record_set_area_covered (record, 2, TRUE);
  g_signal_connect (session, "changed", G_CALLBACK (count_signal), &changed);

  ik_question_set_text (original, "Edited in the bank");
  ik_question_set_areas (original, new_areas);
  ik_question_set_minutes (original, 99);

  g_assert_cmpstr (ik_question_get_text (snapshot), ==, "Tell me about a prompt injection you found.");
  g_assert_cmpuint (g_strv_length ((char **) ik_question_get_areas (snapshot)), ==, 3);
  g_assert_cmpuint (ik_question_get_minutes (snapshot), ==, 12);
  g_assert_cmpuint (ik_question_record_get_n_areas (record), ==, 3);
  g_assert_true (ik_question_record_get_area_covered (record, 2));
  /* An edit of the bank is not an edit of the session. */
  g_assert_cmpuint (changed, ==, 0);

  {
    g_autoptr(IkSession) copy = session_round_trip (session);
    g_autoptr(IkQuestionRecord) r = g_list_model_get_item (ik_session_get_records (copy), 0);

    g_assert_cmpstr (ik_question_get_text (ik_question_record_get_question (r)), ==,
                     "Tell me about a prompt injection you found.");
  }
}

static void
test_clock (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) t0 = make_time ("2026-11-25T10:00:00Z");
  g_autoptr(GDateTime) t90 = g_date_time_add_seconds (t0, 90);
  g_autoptr(GDateTime) t100 = g_date_time_add_seconds (t0, 100.7);
  g_autoptr(GDateTime) t1 = make_time ("2026-11-25T12:00:00+02:00");
  g_autoptr(GDateTime) t2 = make_time ("2026-11-25T10:30:00Z");
  g_autoptr(GDateTime) t2_50 = g_date_time_add_seconds (t2, 50);
  g_autoptr(GDateTime) next_day = make_time ("2026-11-26T10:30:00Z");
  g_autoptr(GDateTime) before = make_time ("2026-11-25T10:29:00Z");

  g_assert_cmpint (ik_session_get_elapsed_at (session, t0), ==, 0);

  ik_session_start_clock (session, t0);
  g_assert_true (ik_session_get_running (session));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_IN_PROGRESS);
  g_assert_cmpint (ik_session_get_elapsed_at (session, t0), ==, 0);
  g_assert_cmpint (ik_session_get_elapsed_at (session, t90), ==, 90);
  /* Starting again while running changes nothing. */
  ik_session_start_clock (session, t90);
  g_assert_true (g_date_time_equal (ik_session_get_running_since (session), t0));

  ik_session_pause_clock (session, t100);
  g_assert_false (ik_session_get_running (session));
  g_assert_null (ik_session_get_running_since (session));
  g_assert_cmpint (ik_session_get_elapsed (session), ==, 100);
  /* Paused: time passing does not count. */
  g_assert_cmpint (ik_session_get_elapsed_at (session, t1), ==, 100);
  g_assert_cmpint (ik_session_get_elapsed_at (session, next_day), ==, 100);
  ik_session_pause_clock (session, next_day);
  g_assert_cmpint (ik_session_get_elapsed (session), ==, 100);

  /* Running when saved: the reopened session keeps counting from
   * running-since, exactly as if the application had stayed open. */
  ik_session_start_clock (session, t2);
  {
    g_autoptr(IkSession) reopened = session_round_trip (session);

    g_assert_true (ik_session_get_running (reopened));
    g_assert_cmpint (ik_session_get_elapsed (reopened), ==, 100);
    g_assert_cmpint (ik_session_get_elapsed_at (reopened, t2_50), ==, 150);
    g_assert_cmpint (ik_session_get_elapsed_at (reopened, next_day), ==, 100 + 24 * 3600);
    /* A system clock that went back adds nothing, never subtracts. */
    g_assert_cmpint (ik_session_get_elapsed_at (reopened, before), ==, 100);
    ik_session_pause_clock (reopened, t2_50);
    g_assert_cmpint (ik_session_get_elapsed (reopened), ==, 150);
  }

  /* Paused when saved: the reopened session resumes at the same value. */
  ik_session_pause_clock (session, t2_50);
  {
    g_autoptr(IkSession) reopened = session_round_trip (session);

    g_assert_false (ik_session_get_running (reopened));
    g_assert_cmpint (ik_session_get_elapsed_at (reopened, next_day), ==, 150);
    ik_session_start_clock (reopened, next_day);
    g_assert_cmpint (ik_session_get_elapsed_at (reopened, next_day), ==, 150);
  }
}

static void
test_changed_propagation (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkQuestionRecord) removed = NULL;
  IkQuestionRecord *record;
  IkCompetencyRating *rating;
  guint changed = 0;

  record = ik_session_add_question (session, bank_question (bank, 0));
  ik_session_add_question (session, bank_question (bank, 1));
  ik_session_ensure_scorecard_ratings (session, bank);
  g_signal_connect (session, "changed", G_CALLBACK (count_signal), &changed);

  ik_question_record_set_notes (record, "note");
  g_assert_cmpuint (changed, ==, 1);
  ik_question_record_set_notes (record, "note");
  g_assert_cmpuint (changed, ==, 1);
  ik_question_record_set_follow_up_asked (record, 0, TRUE);
  g_assert_cmpuint (changed, ==, 2);

  rating = ik_scorecard_find_rating (ik_session_get_scorecard (session), "ai-security");
  ik_competency_rating_set_evidence (rating, "evidence");
  g_assert_cmpuint (changed, ==, 3);
  ik_scorecard_set_recommendation (ik_session_get_scorecard (session), IK_RECOMMENDATION_NO);
  g_assert_cmpuint (changed, ==, 4);

  ik_session_set_role (session, "Role");
  g_assert_cmpuint (changed, ==, 5);
  ik_session_set_role (session, "Role");
  g_assert_cmpuint (changed, ==, 5);

  /* A removed record no longer reaches the session. */
  removed = g_object_ref (record);
  g_assert_true (ik_session_remove_record (session, 0));
  g_assert_cmpuint (changed, ==, 6);
  ik_question_record_set_notes (removed, "after removal");
  g_assert_cmpuint (changed, ==, 6);
}

static void
test_ensure_ratings (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  GListModel *ratings = ik_scorecard_get_ratings (scorecard);

  ik_session_add_question (session, bank_question (bank, 0));
  ik_session_add_question (session, bank_question (bank, 1));

  /* Without a bank, names are the ids. */
  g_assert_true (ik_session_ensure_scorecard_ratings (session, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (ratings), ==, 3);
  g_assert_cmpstr (ik_competency_rating_get_competency_name (ik_scorecard_find_rating (scorecard, "ai-security")),
                   ==, "ai-security");
  {
    g_autoptr(IkCompetencyRating) first = g_list_model_get_item (ratings, 0);
    g_autoptr(IkCompetencyRating) last = g_list_model_get_item (ratings, 2);

    g_assert_cmpstr (ik_competency_rating_get_competency_id (first), ==, "ai-security");
    g_assert_cmpstr (ik_competency_rating_get_competency_id (last), ==, "privacy");
  }

  /* With the bank, names come from it; nothing is duplicated. */
  g_assert_true (ik_session_ensure_scorecard_ratings (session, bank));
  g_assert_cmpuint (g_list_model_get_n_items (ratings), ==, 3);
  g_assert_cmpstr (ik_competency_rating_get_competency_name (ik_scorecard_find_rating (scorecard, "ai-security")),
                   ==, "AI security");

  /* Unplanning a question drops its empty ratings but keeps rated ones. */
  ik_competency_rating_set_rating (ik_scorecard_find_rating (scorecard, "communication"), 2);
  g_assert_true (ik_session_remove_record (session, 0));
  g_assert_true (ik_session_ensure_scorecard_ratings (session, bank));
  g_assert_nonnull (ik_scorecard_find_rating (scorecard, "communication"));
  g_assert_nonnull (ik_scorecard_find_rating (scorecard, "ai-security"));
  g_assert_nonnull (ik_scorecard_find_rating (scorecard, "privacy"));
  g_assert_cmpuint (g_list_model_get_n_items (ratings), ==, 3);
  ik_competency_rating_set_rating (ik_scorecard_find_rating (scorecard, "communication"), IK_RATING_UNRATED);
  g_assert_true (ik_session_ensure_scorecard_ratings (session, bank));
  g_assert_null (ik_scorecard_find_rating (scorecard, "communication"));
  g_assert_cmpuint (g_list_model_get_n_items (ratings), ==, 2);

  /* A submitted scorecard is not touched. */
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  ik_session_add_question (session, bank_question (bank, 0));
  g_assert_false (ik_session_ensure_scorecard_ratings (session, bank));
  g_assert_null (ik_scorecard_find_rating (scorecard, "communication"));
}

static void
test_keep_until (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) scheduled = make_time ("2026-01-31T09:30:00+01:00");
  g_autoptr(GDateTime) expected = make_time ("2026-07-31T09:30:00+01:00");
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) lower = NULL;
  g_autoptr(GDateTime) upper = NULL;

  /* Not scheduled: counted from now. */
  ik_session_set_default_keep_until (session, 12);
  after = g_date_time_new_now_utc ();
  lower = g_date_time_add_months (before, 12);
  upper = g_date_time_add_months (after, 12);
  g_assert_nonnull (ik_session_get_keep_until (session));
  g_assert_cmpint (g_date_time_compare (ik_session_get_keep_until (session), lower), >=, 0);
  g_assert_cmpint (g_date_time_compare (ik_session_get_keep_until (session), upper), <=, 0);

  /* Scheduled: counted from the interview. */
  ik_session_set_scheduled (session, scheduled);
  ik_session_set_default_keep_until (session, 6);
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), expected));

  /* 0 months: keep. */
  ik_session_set_default_keep_until (session, 0);
  g_assert_null (ik_session_get_keep_until (session));
}

/* For g_signal_connect_swapped(): counts emissions of any signal. */
static void
bump (guint *count)
{
  (*count)++;
}

/* A change of keep_until by hand needs a reason, is recorded with the
 * dates and the time, survives the file, and stops the date from
 * following the interview. */
static void
test_retention_change (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) scheduled = make_time ("2026-03-02T10:00:00+01:00");
  g_autoptr(GDateTime) later = make_time ("2026-03-09T10:00:00+01:00");
  g_autoptr(GDateTime) first = make_time ("2027-03-02T10:00:00+01:00");
  g_autoptr(GDateTime) moved = make_time ("2027-03-09T10:00:00+01:00");
  g_autoptr(GDateTime) extended = make_time ("2028-06-30T23:59:59+02:00");
  g_autoptr(GDateTime) at = make_time ("2027-03-10T08:15:00Z");
  g_autoptr(IkSession) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GDateTime *from, *to, *when;
  const char *reason;
  guint changed = 0;

  ik_session_set_scheduled (session, scheduled);
  ik_session_set_default_keep_until (session, 12);
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), first));
  /* The default date follows the interview. */
  ik_session_set_scheduled (session, later);
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), moved));

  /* No reason, a blank one, the same date: refused, nothing recorded. */
  g_assert_false (ik_session_change_keep_until (session, extended, NULL, at, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ik_session_change_keep_until (session, extended, " \t\n", at, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ik_session_change_keep_until (session, moved, "Same", at, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (ik_session_get_n_retention_changes (session), ==, 0);

  g_signal_connect_swapped (session, "changed", G_CALLBACK (bump), &changed);
  g_assert_true (ik_session_change_keep_until (session, extended, "  Candidate appealed  ", at, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), extended));
  g_assert_cmpuint (ik_session_get_n_retention_changes (session), ==, 1);
  g_assert_true (ik_session_get_retention_change (session, 0, &from, &to, &reason, &when));
  g_assert_true (g_date_time_equal (from, moved));
  g_assert_true (g_date_time_equal (to, extended));
  g_assert_cmpstr (reason, ==, "Candidate appealed");
  g_assert_true (g_date_time_equal (when, at));
  g_assert_false (ik_session_get_retention_change (session, 1, NULL, NULL, NULL, NULL));

  /* Changed by hand: the date no longer follows the interview. */
  ik_session_set_scheduled (session, scheduled);
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), extended));

  /* In the file (valid against the schema), and read back. */
  data = session_to_data (session);
  g_assert_nonnull (strstr (data, "\"retention_changes\""));
  g_assert_nonnull (strstr (data, "Candidate appealed"));
  copy = session_round_trip (session);
  g_assert_cmpuint (ik_session_get_n_retention_changes (copy), ==, 1);
  g_assert_true (ik_session_get_retention_change (copy, 0, &from, &to, &reason, &when));
  g_assert_true (g_date_time_equal (from, moved));
  g_assert_true (g_date_time_equal (to, extended));
  g_assert_cmpstr (reason, ==, "Candidate appealed");
  g_assert_true (g_date_time_equal (when, at));

  /* Another program's file with a second change: taken by update_from. */
  {
    g_autoptr(GDateTime) again = make_time ("2029-01-01T00:00:00Z");
    g_autoptr(IkSession) theirs = session_round_trip (session);

    g_assert_true (ik_session_change_keep_until (theirs, again, "Legal hold", at, NULL));
    ik_session_update_from (copy, theirs);
    g_assert_cmpuint (ik_session_get_n_retention_changes (copy), ==, 2);
    g_assert_true (ik_session_get_retention_change (copy, 1, NULL, &to, &reason, NULL));
    g_assert_cmpstr (reason, ==, "Legal hold");
    g_assert_true (g_date_time_equal (ik_session_get_keep_until (copy), again));
  }
}

/* Bad retention changes in a file are refused with the member named. */
static void
test_retention_change_invalid (void)
{
  static const char * const bad[] = {
    "[1]",
    "[{\"to\": \"2027-01-01T00:00:00Z\", \"at\": \"2026-01-01T00:00:00Z\"}]",
    "[{\"reason\": \"x\", \"at\": \"2026-01-01T00:00:00Z\"}]",
    "[{\"to\": \"yesterday\", \"reason\": \"x\", \"at\": \"2026-01-01T00:00:00Z\"}]",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *data = g_strdup_printf ("{\"format\": \"interview-kit/session\", \"version\": 1, "
                                               "\"id\": \"s1\", \"state\": \"planned\", "
                                               "\"retention_changes\": %s}", bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(IkSession) session = session_from_data (data, &error);

      g_assert_null (session);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "retention_changes"));
    }
}

/* A session without keep_until gets the default quietly: notify, no
 * "changed" (the file is not rewritten for it); with a date it is left. */
static void
test_fill_keep_until (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) scheduled = make_time ("2025-05-20T14:00:00+02:00");
  g_autoptr(GDateTime) expected = make_time ("2026-11-20T14:00:00+02:00");
  g_autoptr(GDateTime) written = make_time ("2024-02-01T12:00:00Z");
  g_autoptr(GDateTime) from_written = make_time ("2025-08-01T12:00:00Z");
  g_autoptr(IkSession) undated = ik_session_new ();
  guint changed = 0;
  guint notified = 0;

  ik_session_set_scheduled (session, scheduled);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (bump), &changed);
  g_signal_connect_swapped (session, "notify::keep-until", G_CALLBACK (bump), &notified);
  g_assert_true (ik_session_fill_keep_until (session, 18, NULL));
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), expected));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  /* Once set, left alone. */
  g_assert_false (ik_session_fill_keep_until (session, 1, NULL));
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (session), expected));

  /* Without a date: from the time given. */
  g_assert_true (ik_session_fill_keep_until (undated, 18, written));
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (undated), from_written));
  g_assert_false (ik_session_fill_keep_until (ik_session_new (), 0, written));
}

static void
test_candidate_id_sealed (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_session_set_candidate_id (session, "C-1"));
  g_assert_cmpstr (ik_scorecard_get_candidate_id (scorecard), ==, "C-1");
  g_assert_true (ik_scorecard_submit (scorecard, NULL));

  g_assert_false (ik_session_set_candidate_id (session, "C-2"));
  g_assert_cmpstr (ik_session_get_candidate_id (session), ==, "C-1");
  g_assert_true (ik_scorecard_verify_seal (scorecard));

  g_assert_true (ik_scorecard_amend (scorecard, "Wrong candidate", &error));
  g_assert_no_error (error);
  g_assert_true (ik_session_set_candidate_id (session, "C-2"));
  g_assert_cmpstr (ik_scorecard_get_candidate_id (scorecard), ==, "C-2");
}

static void
test_records_edit (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = ik_session_new ();
  GListModel *records = ik_session_get_records (session);
  g_autoptr(IkQuestionRecord) first = NULL;

  ik_session_add_question (session, bank_question (bank, 0));
  ik_session_add_question (session, bank_question (bank, 1));
  ik_session_add_question (session, bank_question (bank, 0));

  ik_session_set_current (session, 7);
  g_assert_cmpuint (ik_session_get_current (session), ==, 2);

  g_assert_true (ik_session_move_record (session, 1, 0));
  first = g_list_model_get_item (records, 0);
  g_assert_cmpstr (ik_question_get_id (ik_question_record_get_question (first)), ==,
                   ik_question_get_id (bank_question (bank, 1)));
  g_assert_false (ik_session_move_record (session, 0, 3));

  ik_session_set_current (session, 1);
  g_assert_true (ik_session_remove_record (session, 0));
  g_assert_cmpuint (ik_session_get_current (session), ==, 0);
  g_assert_true (ik_session_remove_record (session, 1));
  g_assert_cmpuint (ik_session_get_current (session), ==, 0);
  g_assert_false (ik_session_remove_record (session, 1));
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
}

/* Bad inputs ---------------------------------------------------------------- */

/* Returns a fresh, deep copy of a valid, fully populated document
 * (json_node_copy() shares the objects, so it is re-parsed from text). */
static JsonNode *
valid_document (void)
{
  static char *cached;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (cached == NULL)
    {
      g_autoptr(IkBank) bank = make_bank ();
      g_autoptr(IkSession) session = make_full_session (bank);
      g_autoptr(JsonNode) node = ik_session_to_json (session);

      cached = json_to_string (node, FALSE);
    }

  root = json_from_string (cached, &error);
  g_assert_no_error (error);
  return root;
}

static JsonObject *
lookup_object (JsonNode   *root,
               const char *where)
{
  JsonObject *o = json_node_get_object (root);
  JsonObject *scorecard = json_object_get_object_member (o, "scorecard");

  if (g_str_equal (where, ""))
    return o;
  if (g_str_equal (where, "records[0]"))
    return json_array_get_object_element (json_object_get_array_member (o, "records"), 0);
  if (g_str_equal (where, "scorecard"))
    return scorecard;
  if (g_str_equal (where, "scorecard.ratings[0]"))
    return json_array_get_object_element (json_object_get_array_member (scorecard, "ratings"), 0);
  if (g_str_equal (where, "scorecard.revisions[0]"))
    return json_array_get_object_element (json_object_get_array_member (scorecard, "revisions"), 0);
  g_assert_not_reached ();
}

static void
expect_load_error (JsonNode   *root,
                   int         code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = ik_session_new_from_json (root, &error);

  g_assert_null (session);
  g_assert_error (error, IK_JSON_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("expected “%s” in the error “%s”", message_part, error->message);
}

/* Every member of every object the session code reads, replaced by values of
 * each wrong JSON type, must be refused with an error naming its path. */
static void
test_bad_types (void)
{
  static const char * const places[] = {
    "", "records[0]", "scorecard", "scorecard.ratings[0]", "scorecard.revisions[0]",
  };
  guint checked = 0;

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      g_autoptr(JsonNode) probe = valid_document ();
      g_autoptr(GList) members = json_object_get_members (lookup_object (probe, places[p]));

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *member = l->data;
          JsonNode *original = json_object_get_member (lookup_object (probe, places[p]), member);
          JsonNode *wrong[5];
          guint n_wrong = 0;

          /* "content" of a revision is an opaque snapshot; "format" has
           * dedicated tests below. */
          if (g_str_equal (member, "content") || g_str_equal (member, "format"))
            continue;

          wrong[n_wrong++] = json_node_init_int (json_node_alloc (), 7);
          wrong[n_wrong++] = json_node_init_boolean (json_node_alloc (), TRUE);
          wrong[n_wrong] = json_node_alloc ();
          json_node_take_object (json_node_init (wrong[n_wrong++], JSON_NODE_OBJECT), json_object_new ());
          wrong[n_wrong++] = json_node_init_double (json_node_alloc (), 2.5);
          if (!JSON_NODE_HOLDS_VALUE (original) || json_node_get_value_type (original) != G_TYPE_STRING)
            wrong[n_wrong++] = json_node_init_string (json_node_alloc (), "1");

          for (guint w = 0; w < n_wrong; w++)
            {
              g_autoptr(JsonNode) doc = valid_document ();
              g_autoptr(GError) error = NULL;
              g_autoptr(IkSession) session = NULL;

              /* Only values of another JSON type than the member's are wrong
               * (an empty object is a valid scorecard, 7 a valid integer). */
              if (JSON_NODE_TYPE (original) == JSON_NODE_TYPE (wrong[w]) &&
                  (!JSON_NODE_HOLDS_VALUE (original) ||
                   json_node_get_value_type (original) == json_node_get_value_type (wrong[w])))
                continue;

              json_object_set_member (lookup_object (doc, places[p]), member, json_node_copy (wrong[w]));
              session = ik_session_new_from_json (doc, &error);
              if (session != NULL)
                g_error ("%s%s%s: a wrong type was accepted", places[p], places[p][0] ? "." : "", member);
              g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
              if (strstr (error->message, member) == NULL ||
                  (places[p][0] != '\0' && !g_str_has_prefix (error->message, places[p])))
                g_error ("the error “%s” does not name %s.%s", error->message, places[p], member);
              checked++;
            }

          for (guint w = 0; w < n_wrong; w++)
            json_node_unref (wrong[w]);
        }
    }

  /* Sanity: the loop really covered the members. */
  g_assert_cmpuint (checked, >, 100);
}

static void
set_member_from_json (JsonNode   *doc,
                      const char *where,
                      const char *member,
                      const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *value = json_from_string (json, &error);

  g_assert_no_error (error);
  json_object_set_member (lookup_object (doc, where), member, value);
}

typedef struct
{
  const char *where;
  const char *member;
  const char *value;   /* JSON text, NULL to remove the member */
  int         code;
  const char *message_part;
} BadCase;

static void
test_bad_values (void)
{
  static const BadCase cases[] = {
    /* Indices out of the snapshot's lists. */
    { "records[0]", "covered_areas", "[3]", IK_JSON_ERROR_INVALID, "records[0].covered_areas[0]" },
    { "records[0]", "covered_areas", "[0, -1]", IK_JSON_ERROR_INVALID, "records[0].covered_areas[1]" },
    { "records[0]", "covered_areas", "[\"0\"]", IK_JSON_ERROR_INVALID, "covered_areas[0]" },
    { "records[0]", "asked_follow_ups", "[2]", IK_JSON_ERROR_INVALID, "records[0].asked_follow_ups[0]" },
    { "records[0]", "asked_follow_ups", "[9223372036854775807]", IK_JSON_ERROR_INVALID, "asked_follow_ups" },
    /* Ratings. */
    { "records[0]", "rating", "0", IK_JSON_ERROR_INVALID, "records[0].rating" },
    { "records[0]", "rating", "5", IK_JSON_ERROR_INVALID, "records[0].rating" },
    { "records[0]", "rating", "-1", IK_JSON_ERROR_INVALID, "records[0].rating" },
    { "records[0]", "rating", "\"not-assessed\"", IK_JSON_ERROR_INVALID, "records[0].rating" },
    { "scorecard.ratings[0]", "rating", "0", IK_JSON_ERROR_INVALID, "scorecard.ratings[0].rating" },
    { "scorecard.ratings[0]", "rating", "5", IK_JSON_ERROR_INVALID, "scorecard.ratings[0].rating" },
    { "scorecard.ratings[0]", "rating", "-1", IK_JSON_ERROR_INVALID, "scorecard.ratings[0].rating" },
    { "scorecard.ratings[0]", "rating", "\"great\"", IK_JSON_ERROR_INVALID, "scorecard.ratings[0].rating" },
    { "scorecard.ratings[0]", "rating", "\"Not-Assessed\"", IK_JSON_ERROR_INVALID, "rating" },
    /* Enum nicks. */
    { "", "seniority", "\"guru\"", IK_JSON_ERROR_INVALID, "seniority" },
    { "", "seniority", "\"Senior\"", IK_JSON_ERROR_INVALID, "seniority" },
    { "", "state", "\"done\"", IK_JSON_ERROR_INVALID, "state" },
    { "scorecard", "recommendation", "\"maybe\"", IK_JSON_ERROR_INVALID, "scorecard.recommendation" },
    { "records[0]", "star", "[\"feeling\"]", IK_JSON_ERROR_INVALID, "records[0].star[0]" },
    { "records[0]", "star", "[1]", IK_JSON_ERROR_INVALID, "records[0].star[0]" },
    /* Missing required members. */
    { "", "id", NULL, IK_JSON_ERROR_INVALID, "id" },
    { "", "state", NULL, IK_JSON_ERROR_INVALID, "state" },
    { "", "version", NULL, IK_JSON_ERROR_INVALID, "version" },
    { "", "format", NULL, IK_JSON_ERROR_FORMAT, "format" },
    { "records[0]", "question", NULL, IK_JSON_ERROR_INVALID, "records[0].question" },
    { "scorecard.ratings[0]", "competency_id", NULL, IK_JSON_ERROR_INVALID, "scorecard.ratings[0].competency_id" },
    { "scorecard.revisions[0]", "time", NULL, IK_JSON_ERROR_INVALID, "scorecard.revisions[0].time" },
    { "scorecard.revisions[0]", "reason", NULL, IK_JSON_ERROR_INVALID, "scorecard.revisions[0].reason" },
    { "scorecard.revisions[0]", "seal", NULL, IK_JSON_ERROR_INVALID, "scorecard.revisions[0].seal" },
    { "scorecard.revisions[0]", "content", NULL, IK_JSON_ERROR_INVALID, "scorecard.revisions[0].content" },
    { "scorecard", "seal", NULL, IK_JSON_ERROR_INVALID, "seal" },
    /* Values out of range or malformed. */
    { "", "id", "\"../etc/passwd\"", IK_JSON_ERROR_INVALID, "id" },
    { "", "id", "\"\"", IK_JSON_ERROR_INVALID, "id" },
    { "", "bank_id", "\"a/b\"", IK_JSON_ERROR_INVALID, "bank_id" },
    { "", "duration", "-1", IK_JSON_ERROR_INVALID, "duration" },
    { "", "duration", "100000", IK_JSON_ERROR_INVALID, "duration" },
    { "", "elapsed", "-5", IK_JSON_ERROR_INVALID, "elapsed" },
    { "", "current", "2", IK_JSON_ERROR_INVALID, "current" },
    { "", "current", "-1", IK_JSON_ERROR_INVALID, "current" },
    { "", "scheduled", "\"2026-11-25T10:00:00\"", IK_JSON_ERROR_INVALID, "scheduled" },
    { "", "running_since", "\"yesterday\"", IK_JSON_ERROR_INVALID, "running_since" },
    { "", "records", "[1]", IK_JSON_ERROR_INVALID, "records[0]" },
    { "records[0]", "seconds", "-1", IK_JSON_ERROR_INVALID, "records[0].seconds" },
    { "records[0]", "question", "{\"text\":\"no id\",\"competencies\":[]}", IK_JSON_ERROR_INVALID, "records[0].question.id" },
    { "scorecard", "seal", "\"ABCDEF\"", IK_JSON_ERROR_INVALID, "scorecard.seal" },
    { "scorecard", "seal", "\"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef\"", IK_JSON_ERROR_INVALID, "scorecard.seal" },
    { "scorecard", "submitted", NULL, IK_JSON_ERROR_INVALID, "scorecard.seal" },
    { "scorecard", "ratings", "[{\"competency_id\":\"a\"},{\"competency_id\":\"a\"}]", IK_JSON_ERROR_INVALID, "scorecard.ratings[1].competency_id" },
    { "scorecard", "ratings", "[\"a\"]", IK_JSON_ERROR_INVALID, "scorecard.ratings[0]" },
    { "scorecard", "revisions", "[[]]", IK_JSON_ERROR_INVALID, "scorecard.revisions[0]" },
    { "scorecard.revisions[0]", "reason", "\"  \"", IK_JSON_ERROR_INVALID, "scorecard.revisions[0].reason" },
    { "scorecard.revisions[0]", "seal", "\"x\"", IK_JSON_ERROR_INVALID, "scorecard.revisions[0].seal" },
    { "scorecard.ratings[0]", "competency_id", "\"a b\"", IK_JSON_ERROR_INVALID, "scorecard.ratings[0].competency_id" },
    { "scorecard.ratings[0]", "evidence_questions", "[\"q\", 3]", IK_JSON_ERROR_INVALID, "scorecard.ratings[0].evidence_questions[1]" },
    /* Not a session. */
    { "", "format", "\"interview-kit/bank\"", IK_JSON_ERROR_FORMAT, "format" },
    { "", "format", "7", IK_JSON_ERROR_FORMAT, "format" },
    { "", "version", "0", IK_JSON_ERROR_INVALID, "version" },
    { "", "version", "\"1\"", IK_JSON_ERROR_INVALID, "version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) doc = valid_document ();

      if (cases[i].value == NULL)
        json_object_remove_member (lookup_object (doc, cases[i].where), cases[i].member);
      else
        set_member_from_json (doc, cases[i].where, cases[i].member, cases[i].value);

      g_test_message ("case %u: %s.%s = %s", i, cases[i].where, cases[i].member,
                      cases[i].value != NULL ? cases[i].value : "(removed)");
      expect_load_error (doc, cases[i].code, cases[i].message_part);
    }
}

static void
test_bad_documents (void)
{
  static const char * const texts[] = {
    "{}",
    "{\"format\":\"interview-kit/session\"}",
    "{\"format\":\"interview-kit/session\",\"version\":1,\"id\":\"x\"}",
    "{\"format\":\"interview-kit/session\",\"version\":1,\"id\":\"x\",\"state\":\"planned\",\"records\":{}}",
    "{\"format\":\"interview-kit/session\",\"version\":1,\"id\":\"x\",\"state\":\"planned\",\"scorecard\":[]}",
    "{\"format\":\"interview-kit/session\",\"version\":1,\"id\":\"x\",\"state\":\"planned\",\"records\":[{}]}",
  };
  g_autoptr(JsonNode) array_root = json_from_string ("[1,2]", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IkSession) session = session_from_data (texts[i], &error);

      int expected = i == 0 ? IK_JSON_ERROR_FORMAT : IK_JSON_ERROR_INVALID;

      g_assert_null (session);
      g_assert_error (error, IK_JSON_ERROR, expected);
    }

  expect_load_error (array_root, IK_JSON_ERROR_FORMAT, NULL);
}

static void
test_newer_version (void)
{
  g_autoptr(JsonNode) doc = valid_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = NULL;
  g_autoptr(JsonNode) written = NULL;
  JsonObject *o = json_node_get_object (doc);

  json_object_set_int_member (o, "version", 2);
  json_object_set_string_member (o, "future_member", "kept");
  session = ik_session_new_from_json (doc, &error);
  g_assert_no_error (error);
  g_assert_true (ik_session_get_read_only (session));
  g_assert_cmpstr (ik_session_get_candidate_id (session), ==, "ATS-4711");

  written = ik_session_to_json (session);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (written), "future_member"), ==, "kept");

  /* A newer file this version cannot make sense of is reported as such. */
  json_object_set_string_member (o, "state", "paused-by-the-future");
  g_clear_object (&session);
  session = ik_session_new_from_json (doc, &error);
  g_assert_null (session);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "state"));
  g_clear_error (&error);
  json_object_set_string_member (o, "state", "completed");

  /* The current version is not read-only. */
  json_object_set_int_member (o, "version", 1);
  g_clear_object (&session);
  session = ik_session_new_from_json (doc, &error);
  g_assert_no_error (error);
  g_assert_false (ik_session_get_read_only (session));
}

/* Update from a fresh copy --------------------------------------------------- */

static IkSession *
session_from_node (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  IkSession *session = ik_session_new_from_json (root, &error);

  g_assert_no_error (error);
  return session;
}

static IkQuestionRecord *
random_record (GRand     *rand,
               IkSession *session)
{
  GListModel *records = ik_session_get_records (session);
  guint n = g_list_model_get_n_items (records);

  return n == 0 ? NULL : g_list_model_get_item (records, g_rand_int_range (rand, 0, n));
}

static void
random_record_edit (GRand            *rand,
                    IkQuestionRecord *record,
                    const char       *stamp)
{
  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      ik_question_record_set_notes (record, stamp);
      break;
    case 1:
      ik_question_record_set_rating (record, g_rand_int_range (rand, 0, IK_RATING_MAX + 1));
      break;
    case 2:
      if (ik_question_record_get_n_areas (record) > 0)
        ik_question_record_set_area_covered (record, 0, !ik_question_record_get_area_covered (record, 0));
      break;
    case 3:
      if (ik_question_record_get_n_follow_ups (record) > 0)
        ik_question_record_set_follow_up_asked (record, 0, TRUE);
      break;
    case 4:
      ik_question_record_set_skipped (record, !ik_question_record_get_skipped (record));
      break;
    case 5:
      ik_question_record_set_star (record, g_rand_int_range (rand, 0, IK_STAR_ALL + 1));
      break;
    default:
      ik_question_record_add_seconds (record, g_rand_int_range (rand, 1, 100));
    }
}

static void
random_scorecard_edit (GRand       *rand,
                       IkScorecard *scorecard,
                       const char  *stamp)
{
  GListModel *ratings = ik_scorecard_get_ratings (scorecard);

  if (ik_scorecard_get_read_only (scorecard))
    {
      g_autoptr(GError) error = NULL;

      if (!ik_test_rand_chance (rand, 50))
        return;
      g_assert_true (ik_scorecard_amend (scorecard, stamp, &error));
      g_assert_no_error (error);
    }
  if (ik_test_rand_chance (rand, 50))
    g_assert_true (ik_scorecard_set_summary (scorecard, stamp));
  if (ik_test_rand_chance (rand, 30))
    g_assert_true (ik_scorecard_set_recommendation (scorecard, g_rand_int_range (rand, 0, IK_RECOMMENDATION_STRONG_YES + 1)));
  if (ik_test_rand_chance (rand, 50) && g_list_model_get_n_items (ratings) > 0)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, g_rand_int_range (rand, 0, g_list_model_get_n_items (ratings)));

      g_assert_true (ik_competency_rating_set_evidence (rating, stamp));
      g_assert_true (ik_competency_rating_set_rating (rating, g_rand_int_range (rand, IK_RATING_NOT_ASSESSED, IK_RATING_MAX + 1)));
    }
  if (ik_test_rand_chance (rand, 20))
    {
      g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("new-competency", stamp);

      ik_scorecard_add_rating (scorecard, rating);
    }
  if (ik_test_rand_chance (rand, 15))
    ik_scorecard_remove_rating (scorecard, "communication");
  if (ik_test_rand_chance (rand, 50))
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 1, 9, 0, g_rand_int_range (rand, 0, 60));

      g_assert_true (ik_scorecard_submit (scorecard, when));
    }
}

/* What another program might have done to the file: edits anywhere,
 * records added, removed and moved, the scorecard amended and submitted
 * again, a snapshot edited by hand, members this version does not know. */
static JsonNode *
random_external_edit (const char *data,
                      GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) edited = session_from_data (data, &error);
  g_autofree char *stamp = g_strdup_printf ("%08x", g_rand_int (rand));
  GListModel *records = ik_session_get_records (edited);
  JsonNode *root;
  JsonArray *records_array;

  g_assert_no_error (error);
  if (ik_test_rand_chance (rand, 20))
    ik_session_set_candidate_name (edited, stamp);
  if (ik_test_rand_chance (rand, 10))
    ik_session_set_role (edited, stamp);
  if (ik_test_rand_chance (rand, 10))
    ik_session_set_seniority (edited, g_rand_int_range (rand, 0, IK_SENIORITY_LEAD + 1));
  if (ik_test_rand_chance (rand, 10))
    ik_session_set_duration (edited, g_rand_int_range (rand, 0, IK_SESSION_MAX_DURATION + 1));
  if (ik_test_rand_chance (rand, 10))
    ik_session_set_state (edited, g_rand_int_range (rand, 0, IK_SESSION_STATE_SUBMITTED + 1));
  if (ik_test_rand_chance (rand, 20))
    {
      g_autoptr(GDateTime) now = make_time ("2026-11-25T10:30:00+01:00");

      ik_session_pause_clock (edited, now);
    }
  for (guint i = g_rand_int_range (rand, 0, 4); i > 0; i--)
    {
      g_autoptr(IkQuestionRecord) record = random_record (rand, edited);

      if (record != NULL)
        random_record_edit (rand, record, stamp);
    }
  if (ik_test_rand_chance (rand, 25))
    {
      g_autoptr(IkQuestion) q = make_question (stamp, (const char * const[]) { "one", "two", NULL },
                                               NULL, (const char * const[]) { "ai-security", NULL });

      ik_session_add_question (edited, q);
      if (ik_test_rand_chance (rand, 50))
        ik_session_move_record (edited, g_list_model_get_n_items (records) - 1, 0);
    }
  if (ik_test_rand_chance (rand, 25) && g_list_model_get_n_items (records) > 0)
    ik_session_remove_record (edited, g_rand_int_range (rand, 0, g_list_model_get_n_items (records)));
  if (ik_test_rand_chance (rand, 20) && g_list_model_get_n_items (records) > 1)
    ik_session_move_record (edited, 0, g_list_model_get_n_items (records) - 1);
  if (ik_test_rand_chance (rand, 30))
    ik_session_set_current (edited, g_rand_int_range (rand, 0, g_list_model_get_n_items (records) + 1));
  random_scorecard_edit (rand, ik_session_get_scorecard (edited), stamp);

  root = ik_session_to_json (edited);
  records_array = json_object_get_array_member (json_node_get_object (root), "records");
  if (ik_test_rand_chance (rand, 20) && json_array_get_length (records_array) > 0)
    {
      JsonObject *question = json_object_get_object_member (json_array_get_object_element (records_array, 0), "question");
      JsonArray *areas = json_array_new ();

      /* Snapshots are never edited here, but a file may be. */
      json_object_set_string_member (question, "text", stamp);
      json_array_add_string_element (areas, "a");
      json_array_add_string_element (areas, "b");
      json_array_add_string_element (areas, "c");
      json_array_add_string_element (areas, "d");
      json_object_set_array_member (question, "areas", areas);
    }
  if (ik_test_rand_chance (rand, 20))
    json_object_set_string_member (json_node_get_object (root), "x_future", stamp);
  if (ik_test_rand_chance (rand, 20) && json_array_get_length (records_array) > 0)
    json_object_set_boolean_member (json_array_get_object_element (records_array, 0), "x_flag", TRUE);
  return root;
}

static const char *
record_id (IkQuestionRecord *record)
{
  return ik_question_get_id (ik_question_record_get_question (record));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_update_from (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) full = make_full_session (bank);
  g_autoptr(IkSession) draft = make_full_session (bank);
  g_autoptr(GError) error = NULL;
  g_autofree char *full_data = ik_test_to_data (ik_session_to_json (full));
  g_autofree char *draft_data = NULL;

  /* One base submitted (read-only), one amended (a draft). */
  g_assert_true (ik_scorecard_amend (ik_session_get_scorecard (draft), "Reopened", &error));
  g_assert_no_error (error);
  draft_data = ik_test_to_data (ik_session_to_json (draft));

  for (guint round = 0; round < 300; round++)
    {
      const char *base = round % 2 == 0 ? full_data : draft_data;
      g_autoptr(IkSession) session = session_from_data (base, &error);
      g_autoptr(JsonNode) edited_root = random_external_edit (base, rand);
      g_autoptr(IkSession) source = session_from_node (edited_root);
      g_autofree char *expected = ik_test_to_data (ik_session_to_json (source));
      g_autofree char *after = NULL;
      IkScorecard *scorecard = ik_session_get_scorecard (session);
      GListModel *records = ik_session_get_records (session);
      g_autoptr(GHashTable) old_records = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) old_ratings = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *old_name = g_strdup (ik_session_get_candidate_name (session));
      guint n_records = g_list_model_get_n_items (records);
      guint changed = 0;
      guint items_changed = 0;
      guint name_notify = 0;
      gboolean same_ids;

      g_assert_no_error (error);
      for (guint i = 0; i < n_records; i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

          g_hash_table_insert (old_records, (gpointer) record_id (record), record);
        }
      for (guint i = 0; i < g_list_model_get_n_items (ik_scorecard_get_ratings (scorecard)); i++)
        {
          g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ik_scorecard_get_ratings (scorecard), i);

          g_hash_table_insert (old_ratings, (gpointer) ik_competency_rating_get_competency_id (rating), rating);
        }
      same_ids = n_records == g_list_model_get_n_items (ik_session_get_records (source));
      for (guint i = 0; same_ids && i < n_records; i++)
        {
          g_autoptr(IkQuestionRecord) a = g_list_model_get_item (records, i);
          g_autoptr(IkQuestionRecord) b = g_list_model_get_item (ik_session_get_records (source), i);

          same_ids = g_str_equal (record_id (a), record_id (b));
        }

      g_signal_connect (session, "changed", G_CALLBACK (count_signal), &changed);
      g_signal_connect (session, "notify::candidate-name", G_CALLBACK (count_notify), &name_notify);
      g_signal_connect (records, "items-changed", G_CALLBACK (ik_test_count_items_changed), &items_changed);

      ik_session_update_from (session, source);

      /* The session holds exactly what the file holds, byte for byte, a
       * submitted scorecard included. */
      after = ik_test_to_data (ik_session_to_json (session));
      g_assert_cmpstr (after, ==, expected);
      g_assert_true (ik_session_get_scorecard (session) == scorecard);
      if (ik_scorecard_get_read_only (scorecard))
        g_assert_true (ik_scorecard_verify_seal (scorecard));

      /* Records and ratings still there are the same objects. */
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
          IkQuestionRecord *old = g_hash_table_lookup (old_records, record_id (record));

          g_assert_true (old == NULL || old == record);
        }
      for (guint i = 0; i < g_list_model_get_n_items (ik_scorecard_get_ratings (scorecard)); i++)
        {
          g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ik_scorecard_get_ratings (scorecard), i);
          IkCompetencyRating *old = g_hash_table_lookup (old_ratings, ik_competency_rating_get_competency_id (rating));

          g_assert_true (old == NULL || old == rating);
          g_assert_cmpint (ik_competency_rating_get_read_only (rating), ==, ik_scorecard_get_read_only (scorecard));
        }

      g_assert_cmpuint (items_changed, ==, same_ids ? 0 : 1);
      g_assert_cmpuint (name_notify, ==, g_str_equal (old_name, ik_session_get_candidate_name (session)) ? 0 : 1);
      g_assert_cmpuint (changed, ==, g_str_equal (after, base) ? 0 : 1);
      g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (source)), ==, 0);

      /* Edits still reach the session, once each, and the model's rules
       * hold as before. */
      if (g_list_model_get_n_items (records) > 0)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, 0);

          ik_question_record_set_notes (record, "Edited in a view");
          g_assert_cmpuint (changed, ==, (g_str_equal (after, base) ? 0 : 1) + 1);
        }
      g_assert_cmpint (ik_scorecard_set_summary (scorecard, "Edited summary"), ==,
                       !ik_scorecard_get_read_only (scorecard));
    }
}

static void
test_update_from_read_only (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) full = make_full_session (bank);
  g_autofree char *data = ik_test_to_data (ik_session_to_json (full));
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = session_from_data (data, &error);
  g_autoptr(IkSession) source = session_from_data (data, &error);
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkCompetencyRating) rating = g_object_ref (ik_scorecard_find_rating (scorecard, "ai-security"));
  g_autoptr(IkQuestionRecord) record = g_list_model_get_item (ik_session_get_records (session), 0);
  g_autoptr(GDateTime) when = make_time ("2026-12-01T09:00:00Z");
  IkScorecard *source_scorecard = ik_session_get_scorecard (source);
  guint changed = 0;
  guint scorecard_changed = 0;
  guint summary_notify = 0;
  guint evidence_notify = 0;
  guint notes_notify = 0;
  guint question_notify = 0;

  g_assert_no_error (error);
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_signal_connect (session, "changed", G_CALLBACK (count_signal), &changed);
  g_signal_connect (scorecard, "changed", G_CALLBACK (count_signal), &scorecard_changed);
  g_signal_connect (scorecard, "notify::summary", G_CALLBACK (count_notify), &summary_notify);
  g_signal_connect (rating, "notify::evidence", G_CALLBACK (count_notify), &evidence_notify);
  g_signal_connect (record, "notify::notes", G_CALLBACK (count_notify), &notes_notify);
  g_signal_connect (record, "notify::question", G_CALLBACK (count_notify), &question_notify);

  /* Amended, edited and submitted again elsewhere, with other notes. */
  g_assert_true (ik_scorecard_amend (source_scorecard, "Second look", &error));
  g_assert_no_error (error);
  g_assert_true (ik_scorecard_set_summary (source_scorecard, "Rewritten elsewhere"));
  g_assert_true (ik_competency_rating_set_evidence (ik_scorecard_find_rating (source_scorecard, "ai-security"),
                                                    "Better evidence"));
  g_assert_true (ik_scorecard_submit (source_scorecard, when));
  {
    g_autoptr(IkQuestionRecord) r = g_list_model_get_item (ik_session_get_records (source), 0);

    ik_question_record_set_notes (r, "Notes from elsewhere");
  }

  ik_session_update_from (session, source);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (scorecard_changed, ==, 1);
  g_assert_cmpuint (summary_notify, ==, 1);
  g_assert_cmpuint (evidence_notify, ==, 1);
  g_assert_cmpuint (notes_notify, ==, 1);
  g_assert_cmpuint (question_notify, ==, 0);
  g_assert_true (ik_scorecard_find_rating (scorecard, "ai-security") == rating);
  g_assert_cmpstr (ik_scorecard_get_summary (scorecard), ==, "Rewritten elsewhere");
  g_assert_cmpstr (ik_competency_rating_get_evidence (rating), ==, "Better evidence");
  g_assert_cmpstr (ik_question_record_get_notes (record), ==, "Notes from elsewhere");
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (scorecard)), ==, 2);
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_assert_true (ik_competency_rating_get_read_only (rating));
  g_assert_true (ik_scorecard_verify_seal (scorecard));

  /* Still sealed against the user's edits. */
  g_assert_false (ik_scorecard_set_summary (scorecard, "Not allowed"));
  g_assert_false (ik_competency_rating_set_evidence (rating, "Not allowed"));
  g_assert_cmpuint (changed, ==, 1);
}

/* The body loader of test_body_away(): gives the body of the session read
 * from @user_data (a document), counting its calls. */
typedef struct
{
  const char *data;
  guint       calls;
} BodySource;

static void
give_body (IkSession *session,
           gpointer   user_data)
{
  BodySource *source = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) copy = session_from_data (source->data, &error);

  g_assert_no_error (error);
  source->calls++;
  ik_session_take_body (session, copy);
}

/* ik_session_unload_body() keeps what lists show, and the body comes back
 * whole from the loader on first use, without "changed"; an update while
 * away follows the file in what lists show; without a loader the body is
 * lost and empty. */
static void
test_body_away (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_full_session (bank);
  g_autoptr(IkSession) other = NULL;
  g_autoptr(IkSession) longer = NULL;
  g_autofree char *data = session_to_data (session);
  g_autofree char *again = NULL;
  g_auto(GStrv) ids = NULL;
  BodySource source = { data, 0 };
  guint changed = 0;
  guint n = ik_session_get_n_records (session);

  g_assert_cmpuint (n, >=, 2);
  g_signal_connect (session, "changed", G_CALLBACK (count_signal), &changed);
  ik_session_unload_body (session);
  g_assert_false (ik_session_get_body_loaded (session));
  g_assert_cmpuint (ik_session_get_n_records (session), ==, n);
  g_assert_nonnull (ik_session_get_scorecard_submitted (session));
  ids = ik_session_dup_question_ids (session);
  g_assert_cmpstr (ids[0], ==, ik_question_get_id (bank_question (bank, 0)));

  ik_session_set_body_loader (session, give_body, &source);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, n);
  g_assert_cmpuint (source.calls, ==, 1);
  g_assert_cmpuint (changed, ==, 0);
  again = session_to_data (session);
  g_assert_cmpstr (again, ==, data);
  g_assert_cmpuint (source.calls, ==, 1);

  /* Away again; the file gains a question. */
  other = session_from_data (data, NULL);
  ik_session_unload_body (other);
  longer = session_from_data (data, NULL);
  ik_session_add_question (longer, bank_question (bank, 1));
  changed = 0;
  g_signal_connect (other, "changed", G_CALLBACK (count_signal), &changed);
  ik_session_update_from (other, longer);
  g_assert_false (ik_session_get_body_loaded (other));
  g_assert_cmpuint (ik_session_get_n_records (other), ==, n + 1);
  g_assert_cmpuint (changed, ==, 1);

  /* Nothing brings it back. */
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (other)), ==, 0);
  g_assert_true (ik_session_get_body_lost (other));
  g_assert_false (ik_session_get_body_lost (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/session/new-defaults", test_new_defaults);
  g_test_add_func ("/session/body-away", test_body_away);
  g_test_add_func ("/session/round-trip", test_round_trip);
  g_test_add_func ("/session/minimal-document", test_minimal_document);
  g_test_add_func ("/session/unknown-members", test_unknown_members);
  g_test_add_func ("/session/snapshot-isolation", test_snapshot_isolation);
  g_test_add_func ("/session/clock", test_clock);
  g_test_add_func ("/session/changed-propagation", test_changed_propagation);
  g_test_add_func ("/session/ensure-ratings", test_ensure_ratings);
  g_test_add_func ("/session/keep-until", test_keep_until);
  g_test_add_func ("/session/retention-change", test_retention_change);
  g_test_add_func ("/session/retention-change-invalid", test_retention_change_invalid);
  g_test_add_func ("/session/fill-keep-until", test_fill_keep_until);
  g_test_add_func ("/session/candidate-id-sealed", test_candidate_id_sealed);
  g_test_add_func ("/session/records-edit", test_records_edit);
  g_test_add_func ("/session/bad-types", test_bad_types);
  g_test_add_func ("/session/bad-values", test_bad_values);
  g_test_add_func ("/session/bad-documents", test_bad_documents);
  g_test_add_func ("/session/newer-version", test_newer_version);
  g_test_add_func ("/session/update-from", test_update_from);
  g_test_add_func ("/session/update-from-read-only", test_update_from_read_only);

  return g_test_run ();
}
