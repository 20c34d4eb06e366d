/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-files: writes the files of a team folder with the model, for
 * check-data.py's `team-files` check (suite `data`), which validates them
 * against data/schemas/.
 *
 *   ik-team-files DIR
 *
 * Two interviewers, each with their own data folder (DIR/ada, DIR/grace:
 * identity and pinned keys, as `<data-dir>` in the application), share the
 * team folder DIR/team:
 *
 * - Ada interviews one candidate (two questions, notes, a rating "not
 *   assessed", one left unrated), submits, amends and publishes with her
 *   notes shared: a payload with notes and a revision.
 * - Grace publishes, without notes, two more candidate ids under the same
 *   candidate name and role.
 * - Ada reads the folder, finds the match and answers it in her
 *   `team-candidates.json`: the second id is the same candidate, the third
 *   a different one.
 *
 * Prints one line per file written, "scorecard PATH", "person PATH",
 * "matches PATH", then "state <candidate-id>/<interviewer-id> <STATE>" for
 * every scorecard of the folder as Ada reads it. Errors go to stderr as
 * "ik-team-files: …" with exit status 1.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "ik-candidate-match.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-question-record.h"
#include "ik-scorecard.h"
#include "ik-session.h"
#include "ik-team-folder.h"
#include "ik-test-util.h"

#define CANDIDATE_NAME "Margaret Hamilton"
#define ROLE "Security Engineer"

static int
fail (const char *what,
      GError     *error)
{
  g_printerr ("ik-team-files: %s%s%s\n", what,
              error != NULL ? ": " : "", error != NULL ? error->message : "");
  return 1;
}

/* An interviewer: their data folder, identity and view of the team. */
static IkTeamFolder *
open_team (const char  *dir,
           const char  *name,
           const char  *team_path,
           GError     **error)
{
  g_autofree char *data_dir = g_build_filename (dir, name, NULL);
  g_autofree char *trust_path = g_build_filename (data_dir, "team-keys.json", NULL);
  g_autoptr(IkIdentity) identity = ik_identity_load_or_create (data_dir, error);

  if (identity == NULL)
    return NULL;
  return ik_team_folder_new (team_path, identity, trust_path);
}

/* A completed interview of @n_questions questions of @bank from @first,
 * every competency rated but the last (unrated) and the one before it
 * (not assessed), submitted at @when. */
static IkSession *
make_session (IkBank     *bank,
              const char *interviewer,
              guint       first,
              guint       n_questions,
              GDateTime  *when)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *candidate_id = ik_uuid_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  GListModel *ratings;
  const char *evidence_questions[2] = { NULL, NULL };
  guint n_ratings;

  if (!ik_session_set_candidate_id (session, candidate_id))
    return NULL;
  ik_session_set_candidate_name (session, CANDIDATE_NAME);
  ik_session_set_role (session, ROLE);
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  ik_session_set_interviewer (session, interviewer);
  for (guint i = first; i < first + n_questions; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), i);
      g_autofree char *notes = g_strdup_printf ("Notes of %s on question %u: \"quoted\", <tags>, ünïcödé.",
                                                interviewer, i + 1);
      IkQuestionRecord *record = ik_session_add_question (session, question);

      ik_question_record_set_notes (record, notes);
      if (evidence_questions[0] == NULL)
        evidence_questions[0] = ik_question_get_id (question);
    }

  ik_session_ensure_scorecard_ratings (session, bank);
  ratings = ik_scorecard_get_ratings (scorecard);
  n_ratings = g_list_model_get_n_items (ratings);
  if (n_ratings < 3)
    return NULL;
  for (guint i = 0; i + 1 < n_ratings; i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      int level = i + 2 == n_ratings ? IK_RATING_NOT_ASSESSED : 1 + (int) (i + first) % IK_RATING_MAX;

      if (!ik_competency_rating_set_rating (rating, level) ||
          !ik_competency_rating_set_evidence (rating, "Walked through a threat model of a RAG pipeline.") ||
          !ik_competency_rating_set_evidence_questions (rating, evidence_questions))
        return NULL;
    }
  ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES);
  ik_scorecard_set_summary (scorecard, "Solid interview; see the evidence per competency.");
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);
  if (!ik_scorecard_submit (scorecard, when))
    return NULL;
  ik_session_set_state (session, IK_SESSION_STATE_SUBMITTED);
  return g_steal_pointer (&session);
}

static gboolean
publish (IkTeamFolder  *team,
         IkSession     *session,
         const char    *display_name,
         gboolean       share_notes,
         GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *card = NULL;
  g_autofree char *person = NULL;

  if (!ik_team_folder_publish (team, session, display_name, share_notes, error))
    return FALSE;
  name = g_strconcat (ik_identity_get_id (ik_team_folder_get_identity (team)), ".json", NULL);
  card = g_build_filename (ik_team_folder_get_path (team), "candidates",
                           ik_session_get_candidate_id (session), name, NULL);
  person = g_build_filename (ik_team_folder_get_path (team), "people", name, NULL);
  g_print ("scorecard %s\nperson %s\n", card, person);
  return TRUE;
}

static const char *
state_name (IkSignatureState state)
{
  switch (state)
    {
    case IK_SIGNATURE_VALID:
      return "VALID";
    case IK_SIGNATURE_UNKNOWN:
      return "UNKNOWN";
    case IK_SIGNATURE_ALTERED:
      return "ALTERED";
    case IK_SIGNATURE_KEY_CHANGED:
      return "KEY_CHANGED";
    default:
      return "?";
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(IkTeamFolder) ada = NULL;
  g_autoptr(IkTeamFolder) grace = NULL;
  g_autoptr(IkSession) interview = NULL;
  g_autoptr(IkSession) second = NULL;
  g_autoptr(IkSession) third = NULL;
  g_autoptr(IkCandidateMatches) matches = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 1, 10, 30, 0);
  g_autofree char *team_path = NULL;
  g_autofree char *matches_path = NULL;
  IkCandidateMatch *match;
  const char *ada_candidate;
  GListModel *cards;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: ik-team-files DIR\n");
      return 2;
    }

  team_path = g_build_filename (argv[1], "team", NULL);
  if (g_mkdir_with_parents (team_path, 0700) != 0)
    return fail ("cannot make the team folder", NULL);
  bank = ik_test_load_bundled_bank ();
  ada = open_team (argv[1], "ada", team_path, &error);
  if (ada == NULL)
    return fail ("Ada's identity", error);
  grace = open_team (argv[1], "grace", team_path, &error);
  if (grace == NULL)
    return fail ("Grace's identity", error);

  /* Ada: submitted, amended, submitted again, published with her notes. */
  interview = make_session (bank, "Ada Lovelace", 0, 2, when);
  if (interview == NULL)
    return fail ("the bundled bank cannot make Ada's interview", NULL);
  if (!ik_scorecard_amend (ik_session_get_scorecard (interview),
                           "Re-read my notes: the threat model answer was stronger", &error))
    return fail ("cannot amend", error);
  ik_scorecard_set_recommendation (ik_session_get_scorecard (interview), IK_RECOMMENDATION_STRONG_YES);
  if (!ik_scorecard_submit (ik_session_get_scorecard (interview), NULL))
    return fail ("cannot submit the amendment", NULL);
  if (!publish (ada, interview, "Ada Lovelace", TRUE, &error))
    return fail ("Ada cannot publish", error);

  /* Grace: the same candidate under two more ids, without notes. */
  second = make_session (bank, "Grace Hopper", 2, 1, when);
  third = make_session (bank, "Grace Hopper", 3, 1, when);
  if (second == NULL || third == NULL)
    return fail ("the bundled bank cannot make Grace's interviews", NULL);
  if (!publish (grace, second, "Grace Hopper", FALSE, &error) ||
      !publish (grace, third, "Grace Hopper", FALSE, &error))
    return fail ("Grace cannot publish", error);

  /* Ada answers the match the debrief offers her. */
  if (!ik_team_folder_reload (ada, &error))
    return fail ("Ada cannot read the team folder", error);
  matches_path = g_build_filename (argv[1], "ada", "team-candidates.json", NULL);
  matches = ik_candidate_matches_new (matches_path, &error);
  if (matches == NULL)
    return fail ("cannot open the matches", error);
  found = ik_candidate_find_matches (ik_team_folder_get_scorecards (ada), matches);
  if (found->len != 1)
    return fail ("the three ids are not offered as one match", NULL);
  match = g_ptr_array_index (found, 0);
  if (g_strv_length (match->candidate_ids) != 3)
    return fail ("the match does not hold the three ids", NULL);
  ada_candidate = ik_session_get_candidate_id (interview);
  if (!ik_candidate_matches_confirm (matches, ada_candidate, ik_session_get_candidate_id (second), TRUE, &error) ||
      !ik_candidate_matches_confirm (matches, ada_candidate, ik_session_get_candidate_id (third), FALSE, &error))
    return fail ("cannot answer the match", error);
  g_print ("matches %s\n", matches_path);

  cards = ik_team_folder_get_scorecards (ada);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(IkTeamScorecard) card = g_list_model_get_item (cards, i);

      g_print ("state %s/%s %s\n", ik_team_scorecard_get_candidate_id (card),
               ik_team_scorecard_get_interviewer_id (card),
               state_name (ik_team_scorecard_get_signature_state (card)));
    }
  return 0;
}
