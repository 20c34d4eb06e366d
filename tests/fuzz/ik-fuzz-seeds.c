/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-fuzz-seeds.c: writes the seed inputs that no file in the tree holds,
 * made from the bundled bank as the app makes them: an interview with a
 * submitted scorecard, a panel's plan files, a team folder's files and the
 * bank as a guide and as Markdown.
 *
 *   ik-fuzz-seeds BANK.json OUTDIR   writes OUTDIR/<target>/seed-*
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "ik-bank-export.h"
#include "ik-fuzz.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-plan-files.h"
#include "ik-planner.h"
#include "ik-team-folder.h"
#include "ik-team-scorecard.h"

static const char *outdir;

static void
put (const char *target,
     const char *name,
     const char *data,
     gsize       length)
{
  g_autofree char *dir = g_build_filename (outdir, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  if (!g_file_set_contents (path, data, length, &error))
    g_error ("%s", error->message);
}

static void
put_file (const char *target,
          const char *name,
          const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (g_file_get_contents (path, &data, &length, NULL))
    put (target, name, data, length);
}

static IkSession *
make_session (IkBank *bank)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  GListModel *questions = ik_bank_get_questions (bank);
  GListModel *ratings;

  ik_session_set_candidate_id (session, "6b1a2f3e-9c4d-4e5f-8a7b-1c2d3e4f5a6b");
  ik_session_set_candidate_name (session, "Grace Hopper");
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  ik_session_set_interviewer (session, "Dorothy Vaughan");
  ik_session_set_duration (session, 60);
  ik_session_set_scheduled (session, when);
  for (guint i = 0; i < MIN (3, g_list_model_get_n_items (questions)); i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);
      IkQuestionRecord *record = ik_session_add_question (session, question);

      ik_question_record_set_notes (record, "Notes \"quoted\", <b>markup</b> and ünïcödé");
    }
  ik_session_ensure_scorecard_ratings (session, bank);
  ratings = ik_scorecard_get_ratings (scorecard);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);

      ik_competency_rating_set_rating (rating, 1 + (int) i % IK_RATING_MAX);
      ik_competency_rating_set_evidence (rating, "Evidence");
    }
  ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES);
  return session;
}

static void
put_session (const char *name,
             IkSession  *session)
{
  g_autoptr(JsonNode) root = ik_session_to_json (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  put ("session", name, data, length);
}

static void
put_team (IkSession *session)
{
  const char *root = ik_fuzz_tmpdir ();
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *team = g_build_filename (root, "team", NULL);
  g_autofree char *trust = g_build_filename (data_dir, "team-keys.json", NULL);
  g_autofree char *people = g_build_filename (team, "people", NULL);
  g_autofree char *cards = g_build_filename (team, "candidates", ik_session_get_candidate_id (session), NULL);
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(IkTeamScorecard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *payload = NULL;

  identity = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (team, 0700);
  folder = ik_team_folder_new (team, identity, trust);
  if (!ik_team_folder_publish (folder, session, "Dorothy Vaughan", TRUE, &error))
    g_error ("%s", error->message);
  ik_team_folder_reload (folder, NULL);

  name = g_strconcat (ik_identity_get_id (identity), ".json", NULL);
  {
    g_autofree char *person = g_build_filename (people, name, NULL);
    g_autofree char *scorecard = g_build_filename (cards, name, NULL);

    put_file ("team", "seed-person.json", person);
    put_file ("team", "seed-scorecard.json", scorecard);
    put_file ("team", "seed-team-keys.json", trust);
  }
  card = ik_team_scorecard_new_from_session (session, ik_identity_get_id (identity), "Dorothy Vaughan", TRUE, NULL);
  payload = ik_team_scorecard_to_payload (card);
  put ("team", "seed-payload.json", payload, strlen (payload));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(IkSession) session = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *guide = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 1, 11, 0, 0);
  gsize length = 0;

  setlocale (LC_ALL, "C.UTF-8");
  if (argc != 3)
    {
      g_printerr ("Usage: %s BANK.json OUTDIR\n", argv[0]);
      return 2;
    }
  outdir = argv[2];
  if (!g_file_get_contents (argv[1], &contents, &length, &error) ||
      (root = ik_json_parse (contents, length, NULL, NULL, &error)) == NULL ||
      (bank = ik_bank_new_from_json (root, &error)) == NULL)
    g_error ("%s: %s", argv[1], error->message);

  session = make_session (bank);
  put_session ("seed-planned.json", session);

  plans = ik_plan_new_panel (session, bank, 3, 60);
  for (guint i = 0; i < plans->len; i++)
    {
      g_autofree char *data = ik_planner_plan_to_data (g_ptr_array_index (plans, i), i, &length, &error);
      g_autofree char *name = g_strdup_printf ("seed-plan-%u.json", i + 1);

      g_assert_no_error (error);
      put ("plan", name, data, length);
    }

  g_assert (ik_scorecard_submit (ik_session_get_scorecard (session), when));
  put_session ("seed-submitted.json", session);

  put_team (session);

  markdown = ik_bank_to_markdown (bank);
  put ("markdown", "seed-bank.md", markdown, strlen (markdown));
  guide = ik_bank_to_guide_text (bank);
  put ("guide", "seed-bank.txt", guide, strlen (guide));
  return 0;
}
