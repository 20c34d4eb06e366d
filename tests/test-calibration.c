/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calibration: own levels and recommendations next to the team's, and the
 * hints, against a hand-computed fixture.
 *
 * Own submitted sessions s1..s5 (and one draft, not counted):
 *
 *            s1  s2  s3  s4  s5   n  sum  mean
 *   threat    4   4   3   4   3   5   18  3.6
 *   comms     1   2   1   2   2   5    8  1.6
 *   design    2   3   2   3   3   5   13  2.6
 *   ops       3   3   2   3  n/a  4   11  2.75
 *   edge      3   3   3   3   3   5   15  3.0
 *   rec.    yes yes s-yes no none
 *
 * Colleagues' valid scorecards c1..c5 (plus one altered and our own
 * published one, both skipped):
 *
 *            c1  c2  c3  c4  c5   n  sum  mean
 *   threat    2   3   2   3   2   5   12  2.4   own − team = +1.2: HIGHER
 *   comms     3   3   2   3   3   5   14  2.8   −1.2: LOWER
 *   design    1   4   2   3   3   5   13  2.6   0, own all 2/3, team used
 *                                               1 and 4: MIDDLE
 *   ops       1   1   1   1   1   5    5  1.0   only 4 own ratings: NONE
 *   edge      3   3   2   3   2   5   13  2.6   +0.4, team all 2/3: NONE
 *   rec.     no  no yes s-no yes
 *
 * Overall: own n = 24, sum 65, mean 2.71; team n = 25, sum 57, mean 2.28;
 * +0.43 is under 0.5 and own used 1 and 4: NONE.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ik-calibration.h"
#include "ik-session.h"
#include "ik-team-scorecard.h"
#include "ik-test-util.h"

#define OWN_ID "ivr-me"
#define NA IK_RATING_NOT_ASSESSED

static const char * const ids[] = { "threat", "comms", "design", "ops", "edge" };
static const char * const names[] = { "Threat modelling", "Communication", "System design", "Operations", "Edge" };

static const int own_levels[5][5] = {
  /* s1..s5 per competency */
  { 4, 4, 3, 4, 3 },
  { 1, 2, 1, 2, 2 },
  { 2, 3, 2, 3, 3 },
  { 3, 3, 2, 3, NA },
  { 3, 3, 3, 3, 3 },
};
static const IkRecommendation own_recommendations[5] = {
  IK_RECOMMENDATION_YES, IK_RECOMMENDATION_YES, IK_RECOMMENDATION_STRONG_YES,
  IK_RECOMMENDATION_NO, IK_RECOMMENDATION_NONE,
};

static const int team_levels[5][5] = {
  { 2, 3, 2, 3, 2 },
  { 3, 3, 2, 3, 3 },
  { 1, 4, 2, 3, 3 },
  { 1, 1, 1, 1, 1 },
  { 3, 3, 2, 3, 2 },
};
static const IkRecommendation team_recommendations[5] = {
  IK_RECOMMENDATION_NO, IK_RECOMMENDATION_NO, IK_RECOMMENDATION_YES,
  IK_RECOMMENDATION_STRONG_NO, IK_RECOMMENDATION_YES,
};

/* A session rating each competency at levels[c][column]. */
static IkSession *
make_session (const int         levels[5][5],
              guint             column,
              IkRecommendation  recommendation,
              gboolean          submit)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 2 + column, 10, 0, 0);
  g_autofree char *candidate = g_strdup_printf ("cand-%u", column);

  g_assert_true (ik_session_set_candidate_id (session, candidate));
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    {
      g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new (ids[c], names[c]);

      g_assert_true (ik_competency_rating_set_rating (rating, levels[c][column]));
      g_assert_true (ik_scorecard_add_rating (scorecard, rating));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, recommendation));
  if (submit)
    g_assert_true (ik_scorecard_submit (scorecard, when));
  return session;
}

static GListModel *
make_own (guint n)
{
  GListStore *store = g_list_store_new (IK_TYPE_SESSION);
  static const int all_ones[5][5] = {
    { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 },
  };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkSession) session = make_session (own_levels, i, own_recommendations[i], TRUE);

      g_list_store_append (store, session);
    }
  /* A draft counts for nothing. */
  {
    g_autoptr(IkSession) draft = make_session (all_ones, 0, IK_RECOMMENDATION_STRONG_NO, FALSE);

    g_list_store_append (store, draft);
  }
  return G_LIST_MODEL (store);
}

static IkTeamScorecard *
publish (const int         levels[5][5],
         guint             column,
         IkRecommendation  recommendation,
         const char       *interviewer_id)
{
  g_autoptr(IkSession) session = make_session (levels, column, recommendation, TRUE);
  IkTeamScorecard *team = ik_team_scorecard_new_from_session (session, interviewer_id, interviewer_id, FALSE, NULL);

  g_assert_nonnull (team);
  return team;
}

static GListModel *
make_team (guint n)
{
  GListStore *store = g_list_store_new (IK_TYPE_TEAM_SCORECARD);
  static const int all_fours[5][5] = {
    { 4, 4, 4, 4, 4 }, { 4, 4, 4, 4, 4 }, { 4, 4, 4, 4, 4 }, { 4, 4, 4, 4, 4 }, { 4, 4, 4, 4, 4 },
  };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("colleague-%u", i + 1);
      g_autoptr(IkTeamScorecard) team = publish (team_levels, i, team_recommendations[i], id);

      g_list_store_append (store, team);
    }
  /* Skipped: an altered file, one of unknown origin, and our own. */
  {
    g_autoptr(IkTeamScorecard) altered = publish (all_fours, 0, IK_RECOMMENDATION_STRONG_YES, "mallory");
    g_autoptr(IkTeamScorecard) unknown = publish (all_fours, 1, IK_RECOMMENDATION_STRONG_YES, "stranger");
    g_autoptr(IkTeamScorecard) own = publish (all_fours, 2, IK_RECOMMENDATION_STRONG_YES, OWN_ID);

    ik_team_scorecard_set_signature_state (altered, IK_SIGNATURE_ALTERED);
    ik_team_scorecard_set_signature_state (unknown, IK_SIGNATURE_UNKNOWN);
    g_list_store_append (store, altered);
    g_list_store_append (store, unknown);
    g_list_store_append (store, own);
  }
  return G_LIST_MODEL (store);
}

static void
assert_mean (double actual,
             double expected)
{
  g_assert_cmpfloat_with_epsilon (actual, expected, 1e-9);
}

static void
test_numbers (void)
{
  g_autoptr(GListModel) own = make_own (5);
  g_autoptr(GListModel) team = make_team (5);
  g_autoptr(IkCalibration) calibration = ik_calibration_new (own, team, OWN_ID);
  static const double own_means[] = { 3.6, 1.6, 2.6, 2.75, 3.0 };
  static const double team_means[] = { 2.4, 2.8, 2.6, 1.0, 2.6 };
  /* [competency][level 1..4] */
  static const guint own_counts[5][4] = {
    { 0, 0, 2, 3 }, { 2, 3, 0, 0 }, { 0, 2, 3, 0 }, { 0, 1, 3, 0 }, { 0, 0, 5, 0 },
  };
  static const guint team_counts[5][4] = {
    { 0, 3, 2, 0 }, { 0, 1, 4, 0 }, { 1, 1, 2, 1 }, { 5, 0, 0, 0 }, { 0, 2, 3, 0 },
  };

  g_assert_true (ik_calibration_get_has_team (calibration));
  g_assert_cmpuint (ik_calibration_get_n_competencies (calibration), ==, 5);
  for (guint c = 0; c < 5; c++)
    {
      g_assert_cmpstr (ik_calibration_get_competency_id (calibration, c), ==, ids[c]);
      g_assert_cmpstr (ik_calibration_get_competency_name (calibration, c), ==, names[c]);
      for (int level = 1; level <= IK_RATING_MAX; level++)
        {
          g_assert_cmpuint (ik_calibration_get_own_count (calibration, c, level), ==, own_counts[c][level - 1]);
          g_assert_cmpuint (ik_calibration_get_team_count (calibration, c, level), ==, team_counts[c][level - 1]);
        }
      assert_mean (ik_calibration_get_own_mean (calibration, c), own_means[c]);
      assert_mean (ik_calibration_get_team_mean (calibration, c), team_means[c]);
    }

  g_assert_cmpuint (ik_calibration_get_own_recommendations (calibration, IK_RECOMMENDATION_YES), ==, 2);
  g_assert_cmpuint (ik_calibration_get_own_recommendations (calibration, IK_RECOMMENDATION_STRONG_YES), ==, 1);
  g_assert_cmpuint (ik_calibration_get_own_recommendations (calibration, IK_RECOMMENDATION_NO), ==, 1);
  g_assert_cmpuint (ik_calibration_get_own_recommendations (calibration, IK_RECOMMENDATION_STRONG_NO), ==, 0);
  g_assert_cmpuint (ik_calibration_get_own_recommendations (calibration, IK_RECOMMENDATION_NONE), ==, 1);
  g_assert_cmpuint (ik_calibration_get_team_recommendations (calibration, IK_RECOMMENDATION_NO), ==, 2);
  g_assert_cmpuint (ik_calibration_get_team_recommendations (calibration, IK_RECOMMENDATION_YES), ==, 2);
  g_assert_cmpuint (ik_calibration_get_team_recommendations (calibration, IK_RECOMMENDATION_STRONG_NO), ==, 1);
  g_assert_cmpuint (ik_calibration_get_team_recommendations (calibration, IK_RECOMMENDATION_STRONG_YES), ==, 0);
  g_assert_cmpuint (ik_calibration_get_team_recommendations (calibration, IK_RECOMMENDATION_NONE), ==, 0);
}

static void
test_hints (void)
{
  g_autoptr(GListModel) own = make_own (5);
  g_autoptr(GListModel) team = make_team (5);
  g_autoptr(IkCalibration) calibration = ik_calibration_new (own, team, OWN_ID);
  char *sentence;

  g_assert_cmpint (ik_calibration_get_hint (calibration, 0), ==, IK_CALIBRATION_HINT_HIGHER);
  g_assert_cmpint (ik_calibration_get_hint (calibration, 1), ==, IK_CALIBRATION_HINT_LOWER);
  g_assert_cmpint (ik_calibration_get_hint (calibration, 2), ==, IK_CALIBRATION_HINT_MIDDLE);
  g_assert_cmpint (ik_calibration_get_hint (calibration, 3), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (calibration, 4), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_overall_hint (calibration), ==, IK_CALIBRATION_HINT_NONE);

  sentence = ik_calibration_describe_hint (calibration, 0);
  g_assert_cmpstr (sentence, ==, "You rate Threat modelling higher than the team (3.6 against 2.4).");
  g_free (sentence);
  sentence = ik_calibration_describe_hint (calibration, 1);
  g_assert_cmpstr (sentence, ==, "You rate Communication lower than the team (1.6 against 2.8).");
  g_free (sentence);
  sentence = ik_calibration_describe_hint (calibration, 2);
  g_assert_cmpstr (sentence, ==, "All your 5 ratings of System design are in the middle (2 or 3), "
                                 "while the team also uses 1 or 4.");
  g_free (sentence);
  /* Under the threshold: says how many there are and how many it takes. */
  sentence = ik_calibration_describe_hint (calibration, 3);
  g_assert_cmpstr (sentence, ==, "You have given 4 ratings of Operations so far. A hint needs at least 5 ratings.");
  g_free (sentence);
  sentence = ik_calibration_describe_hint (calibration, 4);
  g_assert_cmpstr (sentence, ==, "You rate Edge in line with the team (3.0 against 2.6).");
  g_free (sentence);
  sentence = ik_calibration_describe_hint (calibration, -1);
  g_assert_cmpstr (sentence, ==, "Overall, you rate in line with the team (2.7 against 2.3).");
  g_free (sentence);
}

static void
test_thresholds (void)
{
  g_autoptr(GListModel) own4 = make_own (4);
  g_autoptr(GListModel) own5 = make_own (5);
  g_autoptr(GListModel) team4 = make_team (4);
  g_autoptr(GListModel) team5 = make_team (5);
  g_autoptr(IkCalibration) few_own = ik_calibration_new (own4, team5, OWN_ID);
  g_autoptr(IkCalibration) few_team = ik_calibration_new (own5, team4, OWN_ID);

  /* Four own ratings of each: no hint at all, whatever the gap. */
  for (guint c = 0; c < ik_calibration_get_n_competencies (few_own); c++)
    g_assert_cmpint (ik_calibration_get_hint (few_own, c), ==, IK_CALIBRATION_HINT_NONE);
  assert_mean (ik_calibration_get_own_mean (few_own, 0), 15.0 / 4);

  /* Four team ratings: no comparison (threat would be HIGHER: 3.6 against
   * 2.5, comms LOWER: 1.6 against 2.75), but the middle still shows, as
   * the four used 1 and 4 in design. */
  assert_mean (ik_calibration_get_team_mean (few_team, 0), 2.5);
  g_assert_cmpint (ik_calibration_get_hint (few_team, 0), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (few_team, 1), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (few_team, 2), ==, IK_CALIBRATION_HINT_MIDDLE);
}

static void
test_no_team (void)
{
  g_autoptr(GListModel) own = make_own (5);
  g_autoptr(GListStore) empty = g_list_store_new (IK_TYPE_TEAM_SCORECARD);
  g_autoptr(IkCalibration) alone = ik_calibration_new (own, NULL, OWN_ID);
  g_autoptr(IkCalibration) empty_team = ik_calibration_new (own, G_LIST_MODEL (empty), OWN_ID);
  char *sentence;

  g_assert_false (ik_calibration_get_has_team (alone));
  g_assert_false (ik_calibration_get_has_team (empty_team));
  g_assert_cmpuint (ik_calibration_get_team_count (alone, 0, 2), ==, 0);
  assert_mean (ik_calibration_get_team_mean (alone, 0), 0.0);
  g_assert_cmpuint (ik_calibration_get_team_recommendations (alone, IK_RECOMMENDATION_NO), ==, 0);

  /* Without a team, the middle is simply every own rating 2 or 3. */
  g_assert_cmpint (ik_calibration_get_hint (alone, 0), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (alone, 1), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (alone, 2), ==, IK_CALIBRATION_HINT_MIDDLE);
  g_assert_cmpint (ik_calibration_get_hint (alone, 3), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (alone, 4), ==, IK_CALIBRATION_HINT_MIDDLE);
  g_assert_cmpint (ik_calibration_get_overall_hint (alone), ==, IK_CALIBRATION_HINT_NONE);
  g_assert_cmpint (ik_calibration_get_hint (empty_team, 4), ==, IK_CALIBRATION_HINT_MIDDLE);

  sentence = ik_calibration_describe_hint (alone, 4);
  g_assert_cmpstr (sentence, ==, "All your 5 ratings of Edge are in the middle (2 or 3): "
                                 "the ends of the scale are there to be used.");
  g_free (sentence);
  sentence = ik_calibration_describe_hint (alone, 0);
  g_assert_cmpstr (sentence, ==, "Nothing stands out in your 5 ratings of Threat modelling.");
  g_free (sentence);
}

static void
test_empty (void)
{
  g_autoptr(GListStore) sessions = g_list_store_new (IK_TYPE_SESSION);
  g_autoptr(IkCalibration) calibration = ik_calibration_new (G_LIST_MODEL (sessions), NULL, NULL);
  g_autofree char *sentence = NULL;

  g_assert_cmpuint (ik_calibration_get_n_competencies (calibration), ==, 0);
  g_assert_cmpint (ik_calibration_get_overall_hint (calibration), ==, IK_CALIBRATION_HINT_NONE);
  sentence = ik_calibration_describe_hint (calibration, -1);
  g_assert_cmpstr (sentence, ==, "You have given 0 ratings so far. A hint needs at least 5 ratings.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/calibration/numbers", test_numbers);
  g_test_add_func ("/calibration/hints", test_hints);
  g_test_add_func ("/calibration/thresholds", test_thresholds);
  g_test_add_func ("/calibration/no-team", test_no_team);
  g_test_add_func ("/calibration/empty", test_empty);

  return g_test_run ();
}
