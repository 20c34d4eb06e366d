/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief of one candidate: the blind rule, the grid, disagreements,
 * overlaps, the tally, signature states, and the Markdown and CSV exports,
 * against hand-computed expectations.
 *
 * The fixture (candidate "cand-1", competencies in first-met order):
 *
 *                     Alice   Bob   Carol   spread
 *   threat            3       1     3       2  (flagged)
 *   comms             2       3     2       1
 *   design            n/a     n/a   4       0  (one numeric rating)
 *   ops               –       n/a   –       0  (unassessed)
 *   recommendation    yes     no    yes     tally: yes 2, no 1
 *   questions         q0 q1   q1 q2 q3
 *
 * Questions in first-asked order: q0 (Alice), q1 (Alice, Bob: overlap),
 * q2 (Bob), q3 (Carol). Carol amended her scorecard once.
 */
#include "config.h"

#include <string.h>

#include "ik-bank.h"
#include "ik-debrief.h"
#include "ik-json.h"
#include "ik-question.h"
#include "ik-scorecard-export.h"
#include "ik-session.h"
#include "ik-team-scorecard.h"
#include "ik-test-util.h"

#define CANDIDATE "cand-1"
#define HOSTILE_NAME "Eve | # <!-- x --> [a](javascript:alert(1))\nsecond"
#define HOSTILE_EVIDENCE "line1\n# heading\n| a | b |\n<!-- c -->\n[x](javascript:alert(1))"

typedef struct
{
  const char *id;
  const char *name;
  int         level;
  const char *evidence;
} Rating;

static const char * const competency_names[][2] = {
  { "threat", "Threat modelling" },
  { "comms", "Communication" },
  { "design", "System design" },
  { "ops", "Operations" },
};

static IkBank *bank;

/* A submitted session of CANDIDATE with the given ratings (NULL-id
 * terminated), recommendation and questions of the bundled bank (indices,
 * -1 terminated), published by @interviewer_id. */
static IkTeamScorecard *
make_scorecard (const char       *interviewer_id,
                const char       *interviewer_name,
                const Rating     *ratings,
                IkRecommendation  recommendation,
                const int        *questions,
                const char       *amend_reason)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 30, 14, 0, 0);
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  IkTeamScorecard *team;

  g_assert_true (ik_session_set_candidate_id (session, CANDIDATE));
  ik_session_set_candidate_name (session, "Ada Lovelace");
  ik_session_set_role (session, "Security Engineer");
  for (guint i = 0; questions[i] >= 0; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), questions[i]);

      ik_session_add_question (session, question);
    }
  for (guint i = 0; ratings[i].id != NULL; i++)
    {
      g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new (ratings[i].id, ratings[i].name);

      if (ratings[i].level != IK_RATING_UNRATED)
        g_assert_true (ik_competency_rating_set_rating (rating, ratings[i].level));
      if (ratings[i].evidence != NULL)
        g_assert_true (ik_competency_rating_set_evidence (rating, ratings[i].evidence));
      g_assert_true (ik_scorecard_add_rating (scorecard, rating));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, recommendation));
  g_assert_true (ik_scorecard_submit (scorecard, when));
  if (amend_reason != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ik_scorecard_amend (scorecard, amend_reason, &error));
      g_assert_no_error (error);
      g_assert_true (ik_scorecard_set_summary (scorecard, "Amended summary"));
      g_assert_true (ik_scorecard_submit (scorecard, when));
    }
  team = ik_team_scorecard_new_from_session (session, interviewer_id, interviewer_name, FALSE, when);
  g_assert_nonnull (team);
  return team;
}

static IkTeamScorecard *
make_alice (void)
{
  const Rating ratings[] = {
    { "threat", "Threat modelling", 3, "Drew the trust boundaries unprompted." },
    { "comms", "Communication", 2, "=HYPERLINK(\"http://x\")" },
    { "design", "System design", IK_RATING_NOT_ASSESSED, NULL },
    { "ops", "Operations", IK_RATING_UNRATED, NULL },
    { NULL },
  };
  const int questions[] = { 0, 1, -1 };

  return make_scorecard ("ivr-alice", "Alice", ratings, IK_RECOMMENDATION_YES, questions, NULL);
}

static IkTeamScorecard *
make_bob (void)
{
  const Rating ratings[] = {
    { "threat", "Threat modelling", 1, "Missed the data flows." },
    { "comms", "Communication", 3, "Clear." },
    { "design", "System design", IK_RATING_NOT_ASSESSED, NULL },
    { "ops", "Operations", IK_RATING_NOT_ASSESSED, NULL },
    { NULL },
  };
  const int questions[] = { 1, 2, -1 };

  return make_scorecard ("ivr-bob", "Bob", ratings, IK_RECOMMENDATION_NO, questions, NULL);
}

static IkTeamScorecard *
make_carol (void)
{
  const Rating ratings[] = {
    { "threat", "Threat modelling", 3, NULL },
    { "comms", "Communication", 2, "Fine." },
    { "design", "System design", 4, "Strong design." },
    { "ops", "Operations", IK_RATING_UNRATED, NULL },
    { NULL },
  };
  const int questions[] = { 3, -1 };

  return make_scorecard ("ivr-carol", "Carol", ratings, IK_RECOMMENDATION_YES, questions,
                         "Re-read my notes");
}

/* Someone whose ratings would change every figure if they were counted. */
static IkTeamScorecard *
make_outsider (const char       *id,
               const char       *name,
               IkSignatureState  state)
{
  const Rating ratings[] = {
    { "threat", "Threat modelling", 4, "FORGED" },
    { "comms", "Communication", 4, "FORGED" },
    { "ops", "Operations", 4, "FORGED" },
    { "extra", "Extra competency", 1, "FORGED" },
    { NULL },
  };
  const int questions[] = { 3, 4, -1 };
  IkTeamScorecard *team = make_scorecard (id, name, ratings, IK_RECOMMENDATION_STRONG_NO, questions, NULL);

  ik_team_scorecard_set_signature_state (team, state);
  return team;
}

/* The three, not in name order. */
static GPtrArray *
make_team (void)
{
  GPtrArray *team = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (team, make_carol ());
  g_ptr_array_add (team, make_alice ());
  g_ptr_array_add (team, make_bob ());
  return team;
}

static GPtrArray *
without (GPtrArray  *team,
         const char *interviewer_id)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < team->len; i++)
    if (g_strcmp0 (ik_team_scorecard_get_interviewer_id (g_ptr_array_index (team, i)), interviewer_id) != 0)
      g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (team, i)));
  return copy;
}

static void
assert_empty (IkDebrief *debrief)
{
  g_assert_cmpuint (ik_debrief_get_n_interviewers (debrief), ==, 0);
  g_assert_cmpuint (ik_debrief_get_n_competencies (debrief), ==, 0);
  g_assert_cmpuint (ik_debrief_get_n_questions (debrief), ==, 0);
  for (IkRecommendation r = IK_RECOMMENDATION_NONE; r <= IK_RECOMMENDATION_STRONG_YES; r++)
    g_assert_cmpuint (ik_debrief_get_tally (debrief, r), ==, 0);
}

static void
test_blind (void)
{
  g_autoptr(GPtrArray) team = make_team ();
  g_autoptr(GPtrArray) colleagues = without (team, "ivr-alice");
  g_autoptr(IkDebrief) before = NULL;
  g_autoptr(IkDebrief) after = NULL;
  g_autoptr(IkDebrief) altered_own = NULL;
  g_autoptr(IkDebrief) nobody = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;

  /* Before Alice submits: only how many colleagues did. */
  before = ik_debrief_new (CANDIDATE, colleagues, "ivr-alice", FALSE);
  g_assert_true (ik_debrief_get_blind (before));
  g_assert_false (ik_debrief_get_hiring_lead (before));
  g_assert_cmpuint (ik_debrief_get_n_colleagues_submitted (before), ==, 2);
  g_assert_cmpstr (ik_debrief_get_candidate_id (before), ==, CANDIDATE);
  assert_empty (before);

  markdown = ik_debrief_to_markdown (before);
  g_assert_true (g_str_has_prefix (markdown, "# Debrief: Ada Lovelace\n"));
  g_assert_nonnull (strstr (markdown, "blind"));
  g_assert_nonnull (strstr (markdown, "2 colleagues have submitted a scorecard for this candidate."));
  g_assert_null (strstr (markdown, "Bob"));
  g_assert_null (strstr (markdown, "Carol"));
  g_assert_null (strstr (markdown, "Missed the data flows"));
  g_assert_null (strstr (markdown, "Threat modelling"));
  csv = ik_debrief_to_csv (before);
  g_assert_cmpstr (csv, ==, "\"candidate_id\",\"interviewer_id\",\"interviewer_name\",\"signature\","
                            "\"competency_id\",\"competency_name\",\"rating\",\"evidence\",\"recommendation\"\r\n");

  /* After: everything, Alice included. */
  after = ik_debrief_new (CANDIDATE, team, "ivr-alice", FALSE);
  g_assert_false (ik_debrief_get_blind (after));
  g_assert_cmpuint (ik_debrief_get_n_colleagues_submitted (after), ==, 2);
  g_assert_cmpuint (ik_debrief_get_n_interviewers (after), ==, 3);
  g_assert_cmpuint (ik_debrief_get_n_competencies (after), ==, 4);

  /* Her own scorecard does not open the debrief unless its signature holds. */
  ik_team_scorecard_set_signature_state (g_ptr_array_index (team, 1), IK_SIGNATURE_ALTERED);
  altered_own = ik_debrief_new (CANDIDATE, team, "ivr-alice", FALSE);
  g_assert_true (ik_debrief_get_blind (altered_own));
  g_assert_cmpuint (ik_debrief_get_n_colleagues_submitted (altered_own), ==, 2);
  assert_empty (altered_own);

  /* No identity and not the hiring lead: blind. */
  nobody = ik_debrief_new (CANDIDATE, team, NULL, FALSE);
  g_assert_true (ik_debrief_get_blind (nobody));
  g_assert_cmpuint (ik_debrief_get_n_colleagues_submitted (nobody), ==, 3);
}

static void
test_hiring_lead (void)
{
  g_autoptr(GPtrArray) team = make_team ();
  g_autoptr(IkDebrief) lead = ik_debrief_new (CANDIDATE, team, "ivr-lead", TRUE);
  g_autoptr(IkDebrief) lead_no_id = ik_debrief_new (CANDIDATE, team, NULL, TRUE);

  g_assert_false (ik_debrief_get_blind (lead));
  g_assert_true (ik_debrief_get_hiring_lead (lead));
  g_assert_cmpuint (ik_debrief_get_n_colleagues_submitted (lead), ==, 3);
  g_assert_cmpuint (ik_debrief_get_n_interviewers (lead), ==, 3);
  g_assert_cmpuint (ik_debrief_get_n_competencies (lead), ==, 4);
  g_assert_false (ik_debrief_get_blind (lead_no_id));
  g_assert_cmpuint (ik_debrief_get_n_interviewers (lead_no_id), ==, 3);
}

static void
test_grid (void)
{
  g_autoptr(GPtrArray) team = make_team ();
  g_autoptr(IkDebrief) debrief = ik_debrief_new (CANDIDATE, team, "ivr-bob", FALSE);
  static const int expected[3][4] = {
    { 3, 2, IK_RATING_NOT_ASSESSED, IK_RATING_UNRATED },
    { 1, 3, IK_RATING_NOT_ASSESSED, IK_RATING_NOT_ASSESSED },
    { 3, 2, 4, IK_RATING_UNRATED },
  };
  static const char * const names[] = { "Alice", "Bob", "Carol" };
  GArray *askers;

  g_assert_cmpstr (ik_debrief_get_candidate_name (debrief), ==, "Ada Lovelace");
  g_assert_cmpstr (ik_debrief_get_role (debrief), ==, "Security Engineer");

  /* Sorted by name, whatever order the folder gave. */
  g_assert_cmpuint (ik_debrief_get_n_interviewers (debrief), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (ik_debrief_get_interviewer (debrief, i)), ==, names[i]);
      g_assert_cmpstr (ik_debrief_get_interviewer_name (debrief, i), ==, names[i]);
      g_assert_true (ik_debrief_get_counted (debrief, i));
    }

  g_assert_cmpuint (ik_debrief_get_n_competencies (debrief), ==, 4);
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpstr (ik_debrief_get_competency_id (debrief, c), ==, competency_names[c][0]);
      g_assert_cmpstr (ik_debrief_get_competency_name (debrief, c), ==, competency_names[c][1]);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpint (ik_debrief_get_rating (debrief, i, c), ==, expected[i][c]);
    }

  /* Each cell opens its evidence. */
  g_assert_cmpstr (ik_debrief_get_evidence (debrief, 0, 0), ==, "Drew the trust boundaries unprompted.");
  g_assert_cmpstr (ik_debrief_get_evidence (debrief, 1, 0), ==, "Missed the data flows.");
  g_assert_null (ik_debrief_get_evidence (debrief, 2, 0));
  g_assert_cmpstr (ik_debrief_get_evidence (debrief, 2, 2), ==, "Strong design.");

  /* Spreads: 2 is highlighted, 1 is not; one numeric rating is no spread. */
  g_assert_cmpint (ik_debrief_get_spread (debrief, 0), ==, 2);
  g_assert_cmpint (ik_debrief_get_spread (debrief, 1), ==, 1);
  g_assert_cmpint (ik_debrief_get_spread (debrief, 2), ==, 0);
  g_assert_cmpint (ik_debrief_get_spread (debrief, 3), ==, 0);
  g_assert_cmpint (ik_debrief_get_spread (debrief, 0), >=, IK_DEBRIEF_SPREAD_HIGHLIGHT);
  g_assert_cmpint (ik_debrief_get_spread (debrief, 1), <, IK_DEBRIEF_SPREAD_HIGHLIGHT);

  /* Nobody gave Operations a level; System design has one. */
  g_assert_false (ik_debrief_get_unassessed (debrief, 0));
  g_assert_false (ik_debrief_get_unassessed (debrief, 1));
  g_assert_false (ik_debrief_get_unassessed (debrief, 2));
  g_assert_true (ik_debrief_get_unassessed (debrief, 3));

  /* Questions in first-asked order; q1 overlaps. */
  g_assert_cmpuint (ik_debrief_get_n_questions (debrief), ==, 4);
  for (guint q = 0; q < 4; q++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), q);

      g_assert_cmpstr (ik_debrief_get_question_text (debrief, q), ==, ik_question_get_text (question));
    }
  askers = ik_debrief_get_question_askers (debrief, 0);
  g_assert_cmpuint (askers->len, ==, 1);
  g_assert_cmpuint (g_array_index (askers, guint, 0), ==, 0);
  askers = ik_debrief_get_question_askers (debrief, 1);
  g_assert_cmpuint (askers->len, ==, 2);
  g_assert_cmpuint (g_array_index (askers, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (askers, guint, 1), ==, 1);
  askers = ik_debrief_get_question_askers (debrief, 3);
  g_assert_cmpuint (askers->len, ==, 1);
  g_assert_cmpuint (g_array_index (askers, guint, 0), ==, 2);
  g_assert_false (ik_debrief_get_question_overlap (debrief, 0));
  g_assert_true (ik_debrief_get_question_overlap (debrief, 1));
  g_assert_false (ik_debrief_get_question_overlap (debrief, 2));
  g_assert_false (ik_debrief_get_question_overlap (debrief, 3));

  /* The tally. */
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_YES), ==, 2);
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_NO), ==, 1);
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_STRONG_YES), ==, 0);
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_STRONG_NO), ==, 0);
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_NONE), ==, 0);
}

static void
test_signatures (void)
{
  g_autoptr(GPtrArray) team = make_team ();
  g_autoptr(IkDebrief) debrief = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  static const char * const order[] = { "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "ivr-zed" };
  static const gboolean counted[] = { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };

  g_ptr_array_add (team, make_outsider ("ivr-frank", "Frank", IK_SIGNATURE_UNKNOWN));
  g_ptr_array_add (team, make_outsider ("ivr-dave", "Dave", IK_SIGNATURE_ALTERED));
  g_ptr_array_add (team, make_outsider ("ivr-erin", "Erin", IK_SIGNATURE_KEY_CHANGED));
  /* A file that is no signed scorecard at all: known by its name only. */
  g_ptr_array_add (team, ik_team_scorecard_new_unreadable (CANDIDATE, "ivr-zed", "/team/candidates/" CANDIDATE "/ivr-zed.json"));

  debrief = ik_debrief_new (CANDIDATE, team, "ivr-carol", FALSE);
  g_assert_false (ik_debrief_get_blind (debrief));
  g_assert_cmpuint (ik_debrief_get_n_colleagues_submitted (debrief), ==, 6);

  /* Listed, with their state, but not counted. */
  g_assert_cmpuint (ik_debrief_get_n_interviewers (debrief), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpstr (ik_debrief_get_interviewer_name (debrief, i), ==, order[i]);
      g_assert_cmpint (ik_debrief_get_counted (debrief, i), ==, counted[i]);
    }
  g_assert_cmpint (ik_team_scorecard_get_signature_state (ik_debrief_get_interviewer (debrief, 3)), ==, IK_SIGNATURE_ALTERED);
  g_assert_cmpint (ik_team_scorecard_get_signature_state (ik_debrief_get_interviewer (debrief, 4)), ==, IK_SIGNATURE_KEY_CHANGED);
  g_assert_cmpint (ik_team_scorecard_get_signature_state (ik_debrief_get_interviewer (debrief, 5)), ==, IK_SIGNATURE_UNKNOWN);
  g_assert_cmpint (ik_team_scorecard_get_signature_state (ik_debrief_get_interviewer (debrief, 6)), ==, IK_SIGNATURE_ALTERED);

  /* Nothing of theirs reached a figure: the same grid as the three. */
  g_assert_cmpuint (ik_debrief_get_n_competencies (debrief), ==, 4);
  for (guint i = 3; i < 7; i++)
    for (guint c = 0; c < 4; c++)
      {
        g_assert_cmpint (ik_debrief_get_rating (debrief, i, c), ==, IK_RATING_UNRATED);
        g_assert_null (ik_debrief_get_evidence (debrief, i, c));
      }
  g_assert_cmpint (ik_debrief_get_spread (debrief, 0), ==, 2);
  g_assert_cmpint (ik_debrief_get_spread (debrief, 1), ==, 1);
  g_assert_true (ik_debrief_get_unassessed (debrief, 3));
  g_assert_cmpuint (ik_debrief_get_n_questions (debrief), ==, 4);
  g_assert_false (ik_debrief_get_question_overlap (debrief, 3));
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_STRONG_NO), ==, 0);
  g_assert_cmpuint (ik_debrief_get_tally (debrief, IK_RECOMMENDATION_YES), ==, 2);

  /* Every export names each state in words. */
  markdown = ik_debrief_to_markdown (debrief);
  g_assert_nonnull (strstr (markdown, "- **Alice:** valid"));
  g_assert_nonnull (strstr (markdown, "- **Dave:** altered: not counted\n"));
  g_assert_nonnull (strstr (markdown, "- **Erin:** signed by a different key: not counted\n"));
  g_assert_nonnull (strstr (markdown, "- **Frank:** unknown interviewer: not counted\n"));
  g_assert_nonnull (strstr (markdown, "- **ivr-zed:** altered: not counted\n"));
  g_assert_nonnull (strstr (markdown, "| Dave \\(altered: not counted\\) |"));
  g_assert_null (strstr (markdown, "FORGED"));
  g_assert_null (strstr (markdown, "Extra competency"));
  csv = ik_debrief_to_csv (debrief);
  g_assert_nonnull (strstr (csv, "\"" CANDIDATE "\",\"ivr-dave\",\"Dave\",\"altered: not counted\",\"threat\",\"Threat modelling\",\"\",\"\",\"\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"ivr-erin\",\"Erin\",\"signed by a different key: not counted\","));
  g_assert_nonnull (strstr (csv, "\"ivr-frank\",\"Frank\",\"unknown interviewer: not counted\","));
  g_assert_nonnull (strstr (csv, "\"ivr-zed\",\"\",\"altered: not counted\","));
  g_assert_nonnull (strstr (csv, "\"ivr-alice\",\"Alice\",\"valid\","));
  g_assert_null (strstr (csv, "FORGED"));
}

/* The Markdown of the fixture, line by line where it matters. */
static void
test_markdown (void)
{
  g_autoptr(GPtrArray) team = make_team ();
  g_autoptr(IkDebrief) alice = ik_debrief_new (CANDIDATE, team, "ivr-alice", FALSE);
  g_autoptr(IkDebrief) bob = ik_debrief_new (CANDIDATE, team, "ivr-bob", FALSE);
  g_autoptr(IkDebrief) lead = ik_debrief_new (CANDIDATE, team, NULL, TRUE);
  g_autofree char *markdown = ik_debrief_to_markdown (alice);
  g_autofree char *markdown_bob = ik_debrief_to_markdown (bob);
  g_autofree char *markdown_lead = ik_debrief_to_markdown (lead);
  g_autoptr(IkQuestion) q1 = g_list_model_get_item (ik_bank_get_questions (bank), 1);
  g_autofree char *q1_text = ik_markdown_escape (ik_question_get_text (q1));
  g_autofree char *q1_row = g_strdup_printf ("| %s | Alice, Bob | ⚠ asked by 2 interviewers |\n", q1_text);

  /* The same bytes for every viewer. */
  g_assert_cmpstr (markdown, ==, markdown_bob);
  g_assert_cmpstr (markdown, ==, markdown_lead);

  g_assert_true (g_str_has_prefix (markdown, "# Debrief: Ada Lovelace\n\n"
                                             "- **Candidate id:** cand-1\n"
                                             "- **Role:** Security Engineer\n"));
  g_assert_nonnull (strstr (markdown, "| Competency | Alice | Bob | Carol | Spread |\n"
                                      "| --- | --- | --- | --- | --- |\n"
                                      "| Threat modelling | 3 | 1 | 3 | ⚠ spread 2 |\n"
                                      "| Communication | 2 | 3 | 2 | 1 |\n"
                                      "| System design | n/a | n/a | 4 | 0 |\n"
                                      "| Operations | – | n/a | – | 0 |\n"));
  g_assert_nonnull (strstr (markdown, "## Competencies nobody assessed\n\n- Operations\n"));
  g_assert_nonnull (strstr (markdown, q1_row));
  g_assert_nonnull (strstr (markdown, "- **Strong Yes:** 0\n- **Yes:** 2\n- **No:** 1\n"
                                      "- **Strong No:** 0\n- **No decision:** 0\n"));
  g_assert_nonnull (strstr (markdown, "### Alice\n\n- **Recommendation:** Yes\n"));
  g_assert_nonnull (strstr (markdown, "#### Threat modelling: 3\n\n> Drew the trust boundaries unprompted.\n"));
  g_assert_nonnull (strstr (markdown, "> Amended summary\n"));
  /* The amendment history: Carol's one revision, with its reason. */
  g_assert_nonnull (strstr (markdown, "## Amendment history\n\n- **Carol,** "));
  g_assert_nonnull (strstr (markdown, " UTC: Re-read my notes\n"));
  g_assert_null (strstr (markdown, "ivr-alice"));
}

/* Counts the pipes of a table row that are not escaped. */
static guint
count_cell_pipes (const char *line)
{
  guint n = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '|')
        n++;
    }
  return n;
}

static void
test_hostile (void)
{
  g_autoptr(GPtrArray) team = make_team ();
  const Rating ratings[] = {
    { "threat", "Threat | <b>modelling</b>", 2, HOSTILE_EVIDENCE },
    { "comms", "Communication", 3, "-1+1" },
    { "risk", "Risk | <b>x</b>\n# h", 1, NULL },
    { NULL },
  };
  const int questions[] = { 1, -1 };
  g_autoptr(IkDebrief) debrief = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) rows = NULL;
  guint n_table_lines = 0;

  g_ptr_array_add (team, make_scorecard ("ivr-eve", HOSTILE_NAME, ratings, IK_RECOMMENDATION_NO, questions, NULL));
  debrief = ik_debrief_new (CANDIDATE, team, "ivr-eve", FALSE);
  g_assert_cmpuint (ik_debrief_get_n_interviewers (debrief), ==, 4);
  g_assert_cmpstr (ik_debrief_get_interviewer_name (debrief, 3), ==, HOSTILE_NAME);

  markdown = ik_debrief_to_markdown (debrief);
  g_assert_null (strstr (markdown, "<!--"));
  g_assert_null (strstr (markdown, "](javascript:"));
  g_assert_null (strstr (markdown, "<b>"));
  g_assert_null (strstr (markdown, "\n# heading"));
  g_assert_null (strstr (markdown, "\nsecond"));
  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* Headings are ours only. */
      if (lines[i][0] == '#')
        g_assert_true (g_str_has_prefix (lines[i], "# Debrief")
                       || g_str_has_prefix (lines[i], "## ")
                       || g_str_has_prefix (lines[i], "### ")
                       || g_str_has_prefix (lines[i], "#### "));
      /* Every row of the grid has its 4 + 2 cells, the questions 3. */
      if (lines[i][0] == '|')
        {
          guint pipes = count_cell_pipes (lines[i]);

          n_table_lines++;
          g_assert_true (pipes == 4 + 2 + 1 || pipes == 3 + 1);
        }
    }
  /* Grid: header, rule, 5 competencies; questions: header, rule, 4. */
  g_assert_cmpuint (n_table_lines, ==, 7 + 6);
  g_assert_nonnull (strstr (markdown, "| Risk \\| &lt;b&gt;x&lt;/b&gt; \\# h | – | – | – | 1 | 0 |\n"));
  g_assert_nonnull (strstr (markdown, "| Eve \\| \\# &lt;\\!-- x --&gt; \\[a\\]\\(javascript:alert\\(1\\)\\) second |"));
  g_assert_nonnull (strstr (markdown, "> line1\\\n> \\# heading\\\n> \\| a \\| b \\|\\\n"));

  csv = ik_debrief_to_csv (debrief);
  rows = g_strsplit (csv, "\r\n", -1);
  /* Header, 4 interviewers × 5 competencies, and the empty end. */
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 20 + 1);
  g_assert_cmpstr (rows[19], ==, "\"" CANDIDATE "\",\"ivr-eve\",\"Eve | # <!-- x --> [a](javascript:alert(1))\nsecond\","
                                 "\"valid\",\"ops\",\"Operations\",\"\",\"\",\"no\"");
  g_assert_nonnull (strstr (csv, "\"ivr-eve\",\"Eve | # <!-- x --> [a](javascript:alert(1))\nsecond\",\"valid\",\"threat\","
                                 "\"Threat modelling\",\"2\",\"" HOSTILE_EVIDENCE "\",\"no\""));
  g_assert_nonnull (strstr (csv, "\"comms\",\"Communication\",\"3\",\"'-1+1\",\"no\""));
  g_assert_nonnull (strstr (csv, "\"ivr-alice\",\"Alice\",\"valid\",\"comms\",\"Communication\",\"2\","
                                 "\"'=HYPERLINK(\"\"http://x\"\")\",\"yes\""));
  g_assert_cmpstr (rows[1], ==, "\"" CANDIDATE "\",\"ivr-alice\",\"Alice\",\"valid\",\"threat\",\"Threat modelling\",\"3\","
                                "\"Drew the trust boundaries unprompted.\",\"yes\"");
  g_assert_cmpstr (rows[3], ==, "\"" CANDIDATE "\",\"ivr-alice\",\"Alice\",\"valid\",\"design\",\"System design\","
                                "\"not-assessed\",\"\",\"yes\"");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  bank = ik_test_load_bundled_bank ();
  g_test_add_func ("/debrief/blind", test_blind);
  g_test_add_func ("/debrief/hiring-lead", test_hiring_lead);
  g_test_add_func ("/debrief/grid", test_grid);
  g_test_add_func ("/debrief/signatures", test_signatures);
  g_test_add_func ("/debrief/markdown", test_markdown);
  g_test_add_func ("/debrief/hostile", test_hostile);

  status = g_test_run ();
  g_object_unref (bank);
  return status;
}
