/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The payload a published scorecard signs: built from a session, read
 * back, and refused when it is not a submitted scorecard. */
#include "config.h"

#include "ik-bank.h"
#include "ik-json.h"
#include "ik-question-record.h"
#include "ik-question.h"
#include "ik-session.h"
#include "ik-team-scorecard.h"
#include "ik-test-util.h"

static IkSession *
make_session (IkBank   *bank,
              gboolean  submit)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkQuestion) q1 = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_autoptr(IkQuestion) q2 = g_list_model_get_item (ik_bank_get_questions (bank), 3);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 30, 14, 0, 0);
  IkQuestionRecord *record;
  GListModel *ratings;

  g_assert_true (ik_session_set_candidate_id (session, "cand-7"));
  ik_session_set_candidate_name (session, "Ada | <b>Lovelace</b>");
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  record = ik_session_add_question (session, q1);
  ik_question_record_set_notes (record, "private: \"quoted\"\nsecond line");
  ik_session_add_question (session, q2);
  ik_session_ensure_scorecard_ratings (session, bank);
  ratings = ik_scorecard_get_ratings (scorecard);
  g_assert_cmpuint (g_list_model_get_n_items (ratings), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);

      g_assert_true (ik_competency_rating_set_rating (rating, 1 + (int) i % IK_RATING_MAX));
      g_assert_true (ik_competency_rating_set_evidence (rating, "Evidence \037 with a control character"));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));
  if (submit)
    g_assert_true (ik_scorecard_submit (scorecard, when));
  return session;
}

static void
test_round_trip (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(IkSession) session = make_session (bank, TRUE);
  g_autoptr(GDateTime) published = g_date_time_new_utc (2026, 12, 1, 8, 15, 0);
  g_autoptr(IkTeamScorecard) team = NULL;
  g_autoptr(IkTeamScorecard) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *again = NULL;
  IkTeamQuestion *question;

  team = ik_team_scorecard_new_from_session (session, "interviewer-a", "Grace", FALSE, published);
  g_assert_nonnull (team);
  g_assert_cmpint (ik_team_scorecard_get_signature_state (team), ==, IK_SIGNATURE_VALID);
  g_assert_cmpstr (ik_team_scorecard_get_candidate_id (team), ==, "cand-7");
  g_assert_cmpuint (ik_team_scorecard_get_questions (team)->len, ==, 2);
  question = g_ptr_array_index (ik_team_scorecard_get_questions (team), 0);
  g_assert_null (question->notes);

  payload = ik_team_scorecard_to_payload (team);
  g_assert_nonnull (payload);
  /* Compact, one line: what is signed is exactly these bytes. */
  g_assert_null (strchr (payload, '\n'));
  g_assert_null (strstr (payload, "private"));

  back = ik_team_scorecard_new_from_payload (payload, strlen (payload), &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (ik_team_scorecard_get_interviewer_id (back), ==, "interviewer-a");
  g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (back), ==, "Grace");
  g_assert_cmpstr (ik_team_scorecard_get_candidate_name (back), ==, "Ada | <b>Lovelace</b>");
  g_assert_cmpstr (ik_team_scorecard_get_role (back), ==, "Security Engineer");
  g_assert_cmpint (ik_team_scorecard_get_seniority (back), ==, IK_SENIORITY_SENIOR);
  g_assert_cmpstr (ik_team_scorecard_get_session_id (back), ==, ik_session_get_id (session));
  g_assert_true (g_date_time_equal (ik_team_scorecard_get_published (back), published));
  g_assert_false (ik_team_scorecard_get_notes_shared (back));
  g_assert_true (ik_scorecard_get_read_only (ik_team_scorecard_get_scorecard (back)));
  g_assert_cmpint (ik_scorecard_get_recommendation (ik_team_scorecard_get_scorecard (back)), ==,
                   IK_RECOMMENDATION_YES);
  /* The seal still matches: the context (session, candidate) came along. */
  g_assert_true (ik_scorecard_verify_seal (ik_team_scorecard_get_scorecard (back)));
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_ratings (ik_team_scorecard_get_scorecard (back))), ==,
                    g_list_model_get_n_items (ik_scorecard_get_ratings (ik_session_get_scorecard (session))));

  /* Written again, the same bytes. */
  again = ik_team_scorecard_to_payload (back);
  g_assert_cmpstr (again, ==, payload);
}

static void
test_notes_only_when_shared (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(IkSession) session = make_session (bank, TRUE);
  g_autoptr(IkTeamScorecard) team = NULL;
  g_autoptr(IkTeamScorecard) back = NULL;
  g_autofree char *payload = NULL;
  IkTeamQuestion *question;

  team = ik_team_scorecard_new_from_session (session, "interviewer-a", "Grace", TRUE, NULL);
  payload = ik_team_scorecard_to_payload (team);
  g_assert_nonnull (strstr (payload, "private: \\\"quoted\\\"\\nsecond line"));
  back = ik_team_scorecard_new_from_payload (payload, strlen (payload), NULL);
  g_assert_nonnull (back);
  g_assert_true (ik_team_scorecard_get_notes_shared (back));
  question = g_ptr_array_index (ik_team_scorecard_get_questions (back), 0);
  g_assert_cmpstr (question->notes, ==, "private: \"quoted\"\nsecond line");
  /* A question with no notes has none, not an empty string. */
  question = g_ptr_array_index (ik_team_scorecard_get_questions (back), 1);
  g_assert_null (question->notes);
}

static void
test_unsubmitted (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(IkSession) session = make_session (bank, FALSE);

  g_assert_null (ik_team_scorecard_new_from_session (session, "interviewer-a", "Grace", FALSE, NULL));
}

static void
test_refused (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(IkSession) session = make_session (bank, TRUE);
  g_autoptr(IkTeamScorecard) team = ik_team_scorecard_new_from_session (session, "interviewer-a", "Grace", FALSE, NULL);
  g_autofree char *payload = ik_team_scorecard_to_payload (team);
  g_autoptr(GString) many = g_string_new ("{\"interviewer_id\":\"a\",\"candidate_id\":\"c\",\"interviewer_name\":\"\","
                                          "\"candidate_name\":\"\",\"published\":\"2026-12-01T00:00:00Z\",\"questions\":[");
  const struct
  {
    const char *what;
    const char *from;
    const char *to;
  } edits[] = {
    { "an id that is not an id", "\"interviewer_id\":\"interviewer-a\"", "\"interviewer_id\":\"../../etc\"" },
    { "a candidate id of the wrong type", "\"candidate_id\":\"cand-7\"", "\"candidate_id\":7" },
    { "no scorecard", "\"scorecard\":", "\"scorecard_\":" },
    { "an unsubmitted scorecard", "\"submitted\":", "\"submitted_\":" },
    { "a question that is not an object", "\"questions\":[", "\"questions\":[1," },
    { "a seniority nobody knows", "\"seniority\":\"senior\"", "\"seniority\":\"emperor\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) edited = g_string_new (payload);

      g_test_message ("%s", edits[i].what);
      g_assert_cmpuint (g_string_replace (edited, edits[i].from, edits[i].to, 1), ==, 1);
      g_assert_null (ik_team_scorecard_new_from_payload (edited->str, edited->len, &error));
      g_assert_nonnull (error);
    }

  /* Not JSON, not an object, empty. */
  for (guint i = 0; i < 3; i++)
    {
      const char *bad[] = { "{\"interviewer_id\":", "[1,2]", "" };
      g_autoptr(GError) error = NULL;

      g_assert_null (ik_team_scorecard_new_from_payload (bad[i], strlen (bad[i]), &error));
      g_assert_nonnull (error);
    }

  /* More questions than a session holds. */
  for (guint i = 0; i <= IK_LIMIT_SESSION_RECORDS; i++)
    g_string_append_printf (many, "%s{\"id\":\"q%u\",\"text\":\"t\"}", i > 0 ? "," : "", i);
  g_string_append (many, "],\"scorecard\":{}}");
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ik_team_scorecard_new_from_payload (many->str, many->len, &error));
    g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
  }
}

/* The ids of a colleague's scorecard name its place in the team folder:
 * one that could leave its folder, or is not an id at all, is refused. */
static void
test_hostile_ids (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(IkSession) session = make_session (bank, TRUE);
  g_autoptr(IkTeamScorecard) team = ik_team_scorecard_new_from_session (session, "interviewer-a", "Grace", FALSE, NULL);
  g_autofree char *payload = ik_team_scorecard_to_payload (team);
  static const char *members[] = { "\"interviewer_id\":\"interviewer-a\"", "\"candidate_id\":\"cand-7\"" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    for (guint i = 0; ik_test_hostile_ids[i] != NULL; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GString) edited = g_string_new (payload);
        g_autofree char *to = g_strdup_printf ("%.*s\"%s\"", (int) (strchr (members[m], ':') - members[m] + 1),
                                               members[m], ik_test_hostile_ids[i]);

        g_test_message ("%s", to);
        g_assert_cmpuint (g_string_replace (edited, members[m], to, 1), ==, 1);
        g_assert_null (ik_team_scorecard_new_from_payload (edited->str, edited->len, &error));
        g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
      }
}

static void
test_unreadable (void)
{
  g_autoptr(IkTeamScorecard) team = ik_team_scorecard_new_unreadable ("cand-7", "interviewer-b", "/team/x.json");

  g_assert_cmpint (ik_team_scorecard_get_signature_state (team), ==, IK_SIGNATURE_ALTERED);
  g_assert_cmpstr (ik_team_scorecard_get_candidate_id (team), ==, "cand-7");
  g_assert_cmpstr (ik_team_scorecard_get_interviewer_id (team), ==, "interviewer-b");
  g_assert_cmpstr (ik_team_scorecard_get_path (team), ==, "/team/x.json");
  g_assert_null (ik_scorecard_get_submitted (ik_team_scorecard_get_scorecard (team)));
  g_assert_null (ik_team_scorecard_get_published (team));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team-scorecard/round-trip", test_round_trip);
  g_test_add_func ("/team-scorecard/notes-only-when-shared", test_notes_only_when_shared);
  g_test_add_func ("/team-scorecard/unsubmitted", test_unsubmitted);
  g_test_add_func ("/team-scorecard/refused", test_refused);
  g_test_add_func ("/team-scorecard/hostile-ids", test_hostile_ids);
  g_test_add_func ("/team-scorecard/unreadable", test_unreadable);

  return g_test_run ();
}
